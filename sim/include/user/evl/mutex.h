/* SPDX-License-Identifier: LGPL-2.1-or-later */
/*
 * evlsim: libevl r47 <evl/mutex.h>: mutexes for EVL threads, on a gate monitor element
 * (sim/evl/monitor.c). Every call returns 0 (a descriptor for evl_create_mutex()) or a
 * negated errno, and leaves errno alone:
 *
 *	struct evl_mutex lock;
 *	evl_new_mutex(&lock, "state-%d", n);		(a normal mutex, EVL_CLOCK_MONOTONIC)
 *	evl_lock_mutex(&lock); ...; evl_unlock_mutex(&lock);
 *
 * The caller of a lock call must be attached (-EPERM otherwise); the call may switch it
 * out-of-band. Relocking a normal mutex fails with -EDEADLK, a recursive one nests;
 * unlocking a mutex the caller does not hold fails with -EPERM, an uninitialized one with
 * -EINVAL. A statically initialized mutex (EVL_MUTEX_INITIALIZER, DEFINE_EVL_MUTEX) is
 * created by its first lock. Mutexes are private to the process: a public one ("/name",
 * EVL_CLONE_PUBLIC) is not simulated (-EOPNOTSUPP), nor opening one by name (-ENOENT).
 * The layout of struct evl_mutex is the simulator's: programs use only the calls.
 */
#ifndef _EVLSIM_USER_EVL_MUTEX_H
#define _EVLSIM_USER_EVL_MUTEX_H

#include <time.h>
#include <evl/clock.h>
#include <uapi/evl/factory-abi.h>
#include <uapi/evl/monitor-abi.h>

#define EVL_MUTEX_NORMAL     (0 << 0)
#define EVL_MUTEX_RECURSIVE  (1 << 0)

#define __MUTEX_UNINIT_MAGIC	0xfe11fe11
#define __MUTEX_ACTIVE_MAGIC	0xab12ab12

struct evl_mutex {
	unsigned int magic;
	union {
		struct {
			int efd;
			int monitor : 2,
			    protocol : 4;
			unsigned int recursive;
			unsigned int ceiling;
			unsigned int nesting;	/* written by the owner only */
			void *owner;		/* the owner's thread, read atomically */
		} active;
		struct {
			const char *name;
			int clockfd;
			unsigned int ceiling;
			int flags;
			int monitor : 2;
		} uninit;
	} u;
};

#define EVL_MUTEX_INITIALIZER(__name, __clockfd, __ceiling, __flags)	\
	(struct evl_mutex) {						\
		.magic = __MUTEX_UNINIT_MAGIC,				\
		.u = {							\
			.uninit = {					\
				.name = (__name),			\
				.clockfd = (__clockfd),			\
				.ceiling = (__ceiling),			\
				.flags = (__flags),			\
				.monitor = EVL_MONITOR_GATE,		\
			}						\
		}							\
	}

#define DEFINE_EVL_MUTEX(__name)					\
	struct evl_mutex __name =					\
		EVL_MUTEX_INITIALIZER(#__name, EVL_CLOCK_MONOTONIC,	\
				      0, EVL_MUTEX_NORMAL|EVL_CLONE_PRIVATE)

#define evl_new_mutex(__mutex, __fmt, __args...)			\
	evl_create_mutex(__mutex, EVL_CLOCK_MONOTONIC,			\
			 0, EVL_MUTEX_NORMAL|EVL_CLONE_PRIVATE,		\
			 __fmt, ##__args)

#ifdef __cplusplus
extern "C" {
#endif

/*
 * The descriptor of the new mutex, -EINVAL (a clock other than the built-in ones, a
 * ceiling over sched_get_priority_max(SCHED_FIFO), an unknown flag), -EOPNOTSUPP (public),
 * -ENOMEM, -EMFILE. A non-zero @ceiling asks for priority protection (recorded only).
 */
int evl_create_mutex(struct evl_mutex *mutex, int clockfd, unsigned int ceiling, int flags,
		     const char *fmt, ...) __attribute__((format(printf, 5, 6)));

/* -ENOENT: no mutex is public, so none can be opened by name. */
int evl_open_mutex(struct evl_mutex *mutex, const char *fmt, ...)
	__attribute__((format(printf, 2, 3)));

/* 0, -EDEADLK, -EAGAIN (recursion overflow), -EPERM, -EINVAL, -EIDRM (closed meanwhile). */
int evl_lock_mutex(struct evl_mutex *mutex);

/* As evl_lock_mutex(), waiting until @timeout, an absolute date on the mutex's clock
 * ({0, 0}: forever): -ETIMEDOUT past it, -EINVAL for a bad date, -EFAULT for NULL. */
int evl_timedlock_mutex(struct evl_mutex *mutex, const struct timespec *timeout);

/* 0, -EBUSY (held by another thread), -EDEADLK (a normal mutex the caller holds). */
int evl_trylock_mutex(struct evl_mutex *mutex);

/* 0, -EPERM (the caller does not hold it), -EINVAL (not an active mutex). */
int evl_unlock_mutex(struct evl_mutex *mutex);

/* Priority-protected mutexes only: -EINVAL for 0, a ceiling out of range or a PI mutex. */
int evl_set_mutex_ceiling(struct evl_mutex *mutex, unsigned int ceiling);

/* The ceiling, 0 for a PI mutex, -EINVAL for what is not a mutex. */
int evl_get_mutex_ceiling(struct evl_mutex *mutex);

/* 0 (also for a static mutex never used), -EINVAL for what is not a mutex. */
int evl_close_mutex(struct evl_mutex *mutex);

#ifdef __cplusplus
}
#endif

#endif
