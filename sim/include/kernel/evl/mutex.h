/* SPDX-License-Identifier: LGPL-2.1-or-later */
/*
 * evlsim shim: the kernel mutex of linux-evl include/evl/mutex.h (evl_kmutex).
 * Partial: ownership, FIFO-by-priority handoff, -EDEADLK on a recursive lock and the
 * wait codes of spec 5.1 are the kernel's; priority inheritance has nothing to act on
 * (the simulator has no scheduler priorities) and struct evl_mutex is reduced to what
 * those need. Implementation in sim/evl/wait.c.
 */
#ifndef _EVLSIM_EVL_MUTEX_H
#define _EVLSIM_EVL_MUTEX_H

#include <linux/atomic.h>
#include <evl/wait.h>

struct evl_mutex {
	struct evl_wait_queue wait;	/* wchan.owner is the owner */
};

struct evl_kmutex {
	struct evl_mutex mutex;
	atomic_t fastlock;
	const void *evlsim_key;		/* simulator: lockdep class, the init site */
};

#define DEFINE_EVL_KMUTEX(__name)					\
	struct evl_kmutex __name = {					\
		.mutex.wait = EVL_WAIT_INITIALIZER((__name).mutex.wait), \
		.fastlock = ATOMIC_INIT(0),				\
	}

void evl_init_kmutex(struct evl_kmutex *kmutex) __evlsim_ksym(evl_init_kmutex);
void evl_destroy_kmutex(struct evl_kmutex *kmutex) __evlsim_ksym(evl_destroy_kmutex);
int evl_trylock_kmutex(struct evl_kmutex *kmutex) __evlsim_ksym(evl_trylock_kmutex);
int evl_lock_kmutex(struct evl_kmutex *kmutex) __evlsim_ksym(evl_lock_kmutex);
void evl_unlock_kmutex(struct evl_kmutex *kmutex) __evlsim_ksym(evl_unlock_kmutex);

#endif
