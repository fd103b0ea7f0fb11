// SPDX-License-Identifier: MIT
/*
 * Compile test (user world): every libevl call spec section 7 documents
 * (/work/shared/spec/oob-file-model.md, "libevl user-side API relevant to files")
 * against the declaration of evlsim's libevl headers, by the compiler: a drift of a
 * return or parameter type fails the build. spec-prototypes.c does the same for the
 * kernel side. A call the headers do not declare is listed at the end with the reason.
 */
#include <signal.h>
#include <stdbool.h>
#include <stdarg.h>
#include <sys/types.h>
#include <time.h>
#include <evl/evl.h>
#include <evl/proxy.h>
#include <evl/signal.h>
#include <evl/xbuf.h>

#define SPEC_PROTO(name, type)							\
	_Static_assert(__builtin_types_compatible_p(__typeof__(&name), type),	\
		       "spec prototype of " #name " differs from libevl's header")

/* raw I/O (spec 2.2, 2.4) */
SPEC_PROTO(oob_read, ssize_t (*)(int efd, void *buf, size_t count));
SPEC_PROTO(oob_write, ssize_t (*)(int efd, const void *buf, size_t count));
SPEC_PROTO(oob_ioctl, int (*)(int efd, unsigned long request, ...));

/* threads */
SPEC_PROTO(evl_attach_thread, int (*)(int flags, const char *fmt, ...));
SPEC_PROTO(evl_detach_thread, int (*)(int flags));
SPEC_PROTO(evl_detach_self, int (*)(void));
SPEC_PROTO(evl_get_self, int (*)(void));
SPEC_PROTO(evl_switch_oob, int (*)(void));
SPEC_PROTO(evl_switch_inband, int (*)(void));
SPEC_PROTO(evl_is_inband, bool (*)(void));
SPEC_PROTO(evl_get_state, int (*)(int efd, struct evl_thread_state *));
SPEC_PROTO(evl_unblock_thread, int (*)(int efd));
SPEC_PROTO(evl_demote_thread, int (*)(int efd));
SPEC_PROTO(evl_set_thread_mode, int (*)(int efd, int mask, int *oldmask));
SPEC_PROTO(evl_clear_thread_mode, int (*)(int efd, int mask, int *oldmask));

/* poll */
SPEC_PROTO(evl_new_poll, int (*)(void));
SPEC_PROTO(evl_add_pollfd,
	   int (*)(int efd, int newfd, unsigned int events, union evl_value pollval));
SPEC_PROTO(evl_del_pollfd, int (*)(int efd, int delfd));
SPEC_PROTO(evl_mod_pollfd,
	   int (*)(int efd, int modfd, unsigned int events, union evl_value pollval));
SPEC_PROTO(evl_timedpoll, int (*)(int efd, struct evl_poll_event *pollset, int nrset,
				  const struct timespec *timeout));
SPEC_PROTO(evl_poll, int (*)(int efd, struct evl_poll_event *pollset, int nrset));

/* cross-buffer */
SPEC_PROTO(evl_create_xbuf,
	   int (*)(size_t i_bufsz, size_t o_bufsz, int flags, const char *fmt, ...));

/* proxy */
SPEC_PROTO(evl_create_proxy, int (*)(int targetfd, size_t bufsz, size_t granularity, int flags,
				     const char *fmt, ...));
SPEC_PROTO(evl_write_proxy, ssize_t (*)(int, const void *, size_t));
SPEC_PROTO(evl_read_proxy, ssize_t (*)(int, void *, size_t));
SPEC_PROTO(evl_print_proxy, ssize_t (*)(int proxyfd, const char *fmt, ...));
SPEC_PROTO(evl_vprint_proxy, ssize_t (*)(int proxyfd, const char *fmt, va_list ap));
SPEC_PROTO(evl_printf, ssize_t (*)(const char *fmt, ...));
SPEC_PROTO(evl_eprintf, ssize_t (*)(const char *fmt, ...));
SPEC_PROTO(evl_stdout, int (*)(void));
SPEC_PROTO(evl_stderr, int (*)(void));

/* init */
SPEC_PROTO(evl_init, int (*)(void));
SPEC_PROTO(evl_sigdebug_handler, void (*)(int sig, siginfo_t *si, void *ctxt));

/* the macros of the spec, as libevl spells them */
#ifndef evl_attach_self
#error "evl_attach_self() is libevl's macro"
#endif
#ifndef evl_new_xbuf
#error "evl_new_xbuf() is libevl's macro"
#endif
#ifndef evl_new_proxy
#error "evl_new_proxy() is libevl's macro"
#endif

/*
 * Documented by the spec, not checked here:
 *   evl_create_element: libevl's internal (lib/sys.c), not declared by its headers
 */
