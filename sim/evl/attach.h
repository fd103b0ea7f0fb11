/* SPDX-License-Identifier: LGPL-2.1-or-later */
/*
 * EVL threads (evl/thread.c): attachment, for libevl's calls.
 *
 * Shared by both worlds: plain C and compiler builtins only (see core/base.h).
 */
#ifndef _EVLSIM_SIM_EVL_ATTACH_H
#define _EVLSIM_SIM_EVL_ATTACH_H

#include "core/thread.h"

/* The three oob syscalls of libevl (evl/syscall.c), for the thread state's restart. */
enum { EVLSIM_OOB_READ, EVLSIM_OOB_WRITE, EVLSIM_OOB_IOCTL };

/* EVL thread attachment (kernel world builds the thread element). */
int evlsim__evl_attach(struct evlsim_thread *t, const char *name, int flags);
int evlsim__evl_detach(struct evlsim_thread *t);

/* libevl's evl_create_xbuf() (evl/xbuf.c): the new xbuf's descriptor, or -errno. */
int evlsim__xbuf_create(unsigned long i_bufsz, unsigned long o_bufsz, int clone_flags);

/* libevl's evl_create_proxy() (evl/proxy.c): the new proxy's descriptor, or -errno. */
int evlsim__proxy_create(int targetfd, unsigned int bufsz, unsigned int granularity,
			 int clone_flags, const char *name);

/* libevl's mutexes (evl/monitor.c): a new gate monitor's descriptor, or -errno. */
int evlsim__gate_create(int clockfd, int clone_flags);

#endif /* _EVLSIM_SIM_EVL_ATTACH_H */
