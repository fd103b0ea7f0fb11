// SPDX-License-Identifier: LGPL-2.1-or-later
/*
 * The libevl-compatible user API (user world): oob_read/oob_write/oob_ioctl and the
 * thread calls, with libevl r47's return conventions, on top of the kernel world's oob
 * syscall path. r47 issues oob syscalls through glibc's prctl(), whose int result is what
 * the caller sees: -1/errno for [-4095, -1], otherwise the long truncated to an int.
 */
#include <errno.h>
#include <pthread.h>
#include <signal.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <sys/ioctl.h>
#include <time.h>
#include <evl/evl.h>
#include <evl/sched.h>
#include <evl/xbuf.h>
#include <uapi/evl/signal-abi.h>
#include "internal.h"
#include "user/conforming.h"
#include "core/restart.h"
#include "user/proxy.h"

EVLSIM_EXPORT int evl_init(void)
{
	evlsim__current();
	evlsim__setup_std_proxies();
	return 0;
}

EVLSIM_EXPORT int evl_attach_thread(int flags, const char *fmt, ...)
{
	struct evlsim_thread *t = evlsim__current();
	char *name = NULL;
	const char *p;
	va_list ap;
	int ret;

	evl_init();	/* as libevl's: the proxies of stdout and stderr */
	if (fmt) {
		va_start(ap, fmt);
		ret = vasprintf(&name, fmt, ap);
		va_end(ap);
		if (ret < 0)
			return -ENOMEM;
	}
	p = name;
	if (p && *p == '/') {		/* a leading slash means public */
		flags |= EVL_CLONE_PUBLIC;
		p++;
	}
	ret = evlsim__evl_attach(t, p, flags);
	free(name);
	return ret;
}

EVLSIM_EXPORT int evl_detach_thread(int flags)
{
	(void)flags;
	return evlsim__evl_detach(evlsim__current());
}

EVLSIM_EXPORT int evl_detach_self(void)
{
	return evl_detach_thread(0);
}

EVLSIM_EXPORT int evl_get_self(void)
{
	struct evlsim_thread *t = evlsim__self;

	return t && t->evl ? t->efd : -1;
}

EVLSIM_EXPORT int evl_switch_oob(void)
{
	long ret = EVLSIM_RESTARTABLE(evlsim__evl_switch_oob());

	return (int)ret;
}

EVLSIM_EXPORT int evl_switch_inband(void)
{
	return evlsim__evl_switch_inband();
}

EVLSIM_EXPORT bool evl_is_inband(void)
{
	struct evlsim_thread *t = evlsim__self;

	return !t || !t->evl || t->stage == EVLSIM_INBAND;
}

/*
 * libevl's common ioctl: oob_ioctl() from an oob thread, ioctl() from an in-band one, so
 * that asking does not switch the caller's stage. 0 or -errno; errno is left alone.
 */
static int common_ioctl(int efd, unsigned long request, void *arg)
{
	long ret = EVLSIM_CONFORMING_IO(ioctl(efd, request, arg), oob_ioctl(efd, request, arg));

	return ret < 0 ? (int)ret : 0;
}

static int thread_mode(int efd, unsigned long request, int mask, int *oldmask)
{
	__u32 val = (__u32)mask;
	int ret;

	ret = common_ioctl(efd, request, &val);
	if (!ret && oldmask)
		*oldmask = (int)val;
	return ret;
}

EVLSIM_EXPORT int evl_set_thread_mode(int efd, int mask, int *oldmask)
{
	return thread_mode(efd, EVL_THRIOC_SET_MODE, mask, oldmask);
}

EVLSIM_EXPORT int evl_clear_thread_mode(int efd, int mask, int *oldmask)
{
	return thread_mode(efd, EVL_THRIOC_CLEAR_MODE, mask, oldmask);
}

EVLSIM_EXPORT int evl_get_state(int efd, struct evl_thread_state *statebuf)
{
	return common_ioctl(efd, EVL_THRIOC_GET_STATE, statebuf);
}

EVLSIM_EXPORT int evl_unblock_thread(int efd)
{
	return common_ioctl(efd, EVL_THRIOC_UNBLOCK, NULL);
}

EVLSIM_EXPORT int evl_demote_thread(int efd)
{
	return common_ioctl(efd, EVL_THRIOC_DEMOTE, NULL);
}

EVLSIM_EXPORT int evl_set_schedattr(int efd, const struct evl_sched_attrs *attrs)
{
	return common_ioctl(efd, EVL_THRIOC_SET_SCHEDPARAM, (void *)attrs);
}

EVLSIM_EXPORT int evl_get_schedattr(int efd, struct evl_sched_attrs *attrs)
{
	return common_ioctl(efd, EVL_THRIOC_GET_SCHEDPARAM, attrs);
}

/*
 * libevl r47 lib/xbuf.c: the element is private to the process (a name is only a label
 * here; a public one, "/name" or EVL_CLONE_PUBLIC, is not simulated: -EOPNOTSUPP).
 */
EVLSIM_EXPORT int evl_create_xbuf(size_t i_bufsz, size_t o_bufsz, int flags,
				  const char *fmt, ...)
{
	(void)fmt;
	if (fmt && *fmt == '/')
		flags |= EVL_CLONE_PUBLIC;
	evl_init();
	return evlsim__xbuf_create(i_bufsz, o_bufsz, flags);
}

/*
 * evlsim_wait_blocked(): polls the thread's state (EVL_T_PEND is set under the wait
 * channel's lock when it queues itself, cleared when it leaves), 100 us apart; the
 * caller is a test's controlling thread, never the waiter itself.
 */
EVLSIM_EXPORT int evlsim_wait_blocked(int efd, long long timeout_ns)
{
	struct timespec step = { 0, 100000 }, now;
	long long deadline = 0;
	struct evl_thread_state st;
	int ret;

	if (timeout_ns >= 0) {
		clock_gettime(CLOCK_MONOTONIC, &now);
		deadline = now.tv_sec * 1000000000LL + now.tv_nsec + timeout_ns;
	}
	for (;;) {
		ret = evl_get_state(efd, &st);
		if (ret)
			return ret;
		if (st.state & EVL_T_PEND)
			return 0;
		if (timeout_ns >= 0) {
			clock_gettime(CLOCK_MONOTONIC, &now);
			if (now.tv_sec * 1000000000LL + now.tv_nsec >= deadline)
				return -ETIMEDOUT;
		}
		nanosleep(&step, NULL);
	}
}
