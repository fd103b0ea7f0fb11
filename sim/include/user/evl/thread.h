/* SPDX-License-Identifier: LGPL-2.1-or-later */
/*
 * evlsim: libevl r47 <evl/thread.h>, attaching threads to the EVL core and moving them
 * between execution stages. Every call returns 0 (or a descriptor) on success and a
 * negated errno on failure, and leaves errno alone.
 */
#ifndef _EVLSIM_USER_EVL_THREAD_H
#define _EVLSIM_USER_EVL_THREAD_H

#include <limits.h>
#include <pthread.h>
#include <stdbool.h>
#include <uapi/evl/factory-abi.h>
#include <uapi/evl/thread-abi.h>
#include <uapi/evl/signal-abi.h>

#ifdef __cplusplus
extern "C" {
#endif

/* Returns the thread's element fd, -EBUSY if already attached, -EINVAL for bad flags or
 * name, -EEXIST for a public name in use. A name starting with '/' makes it public. */
int evl_attach_thread(int flags, const char *fmt, ...) __attribute__((format(printf, 2, 3)));
/* The stack size libevl suggests for an EVL thread: PTHREAD_STACK_MIN, at least 64 KiB. */
#define EVL_STACK_DEFAULT			\
	({					\
		int __ret = PTHREAD_STACK_MIN;	\
		if (__ret < 65536)		\
			__ret = 65536;		\
		__ret;				\
	})

#define evl_attach_self(__fmt, __args...)	\
	evl_attach_thread(EVL_CLONE_PRIVATE, __fmt, ##__args)

/* -EPERM if the caller is not attached. */
int evl_detach_thread(int flags);
int evl_detach_self(void);

/* The caller's element fd, or -1 when it is not attached. */
int evl_get_self(void);

/* -EPERM if not attached; 0 when already on that stage. */
int evl_switch_oob(void);
int evl_switch_inband(void);

/* true for a thread that is not attached, or attached and running in-band */
bool evl_is_inband(void);

/*
 * Mode bits of the thread whose element is @efd (EVL_T_WOSS, EVL_T_WOLI, EVL_T_WOSX,
 * EVL_T_HMSIG, EVL_T_HMOBS, EVL_T_WOSO). Setting a warning bit (WOSS, WOLI, WOSX) without
 * HMSIG or HMOBS in @mask sets HMSIG too. @oldmask, if not NULL, receives the mode bits as
 * they were. 0, -EINVAL for a bit outside those (or HMOBS on a thread that is not
 * observable), -EBADF for a bad descriptor, -ENOTTY for one that is not a thread element,
 * -ESRCH for the element of a thread that detached. Issued through oob_ioctl() from an
 * oob caller, ioctl() from an in-band one: the caller's stage does not change.
 */
int evl_set_thread_mode(int efd, int mask, int *oldmask);
int evl_clear_thread_mode(int efd, int mask, int *oldmask);

/*
 * The state of the thread whose element is @efd: the EVL_T_* state and mode bits
 * (EVL_T_INBAND, EVL_T_USER, EVL_T_OBSERV), isw (switches to in-band), csw (times it
 * slept in the simulator), sc (oob syscalls). eattrs, cpu, rwa and xtime are zero. Same
 * errors and stage rule as evl_set_thread_mode(), -EFAULT for a bad @statebuf.
 */
int evl_get_state(int efd, struct evl_thread_state *statebuf);

/*
 * evl_unblock_thread(): the EVL wait of the thread whose element is @efd (an EVL wait
 * queue, flag, semaphore, or libevl's oob sleep) ends with -EINTR, if it waits; nothing
 * otherwise. evl_demote_thread(): the thread moves to SCHED_WEAK at priority 0, its wait
 * ends the same way, and it switches in-band as the call it waited in returns. 0, or the
 * errors of evl_set_thread_mode().
 */
int evl_unblock_thread(int efd);
int evl_demote_thread(int efd);

#ifdef __cplusplus
}
#endif

#endif
