/* SPDX-License-Identifier: LGPL-2.1-or-later */
/*
 * Internal locks of the simulator (core/lock.c).
 *
 * Shared by both worlds: plain C and compiler builtins only (see core/base.h).
 */
#ifndef _EVLSIM_SIM_CORE_LOCK_H
#define _EVLSIM_SIM_CORE_LOCK_H

#include "core/base.h"

/* ---------------------------------------------------------------------------------------
 * Internal locking (a pthread mutex behind an opaque, statically initialisable shell).
 * Simulator-internal only: the golden-rule checker never sees these.
 */
struct evlsim_mutex {
	union {
		long __align;
		char __size[40];	/* sizeof(pthread_mutex_t) on x86_64 glibc, checked in core/lock.c */
	};
};
#define EVLSIM_MUTEX_INITIALIZER	{ { 0 } }	/* == PTHREAD_MUTEX_INITIALIZER on glibc */
void evlsim__mutex_init(struct evlsim_mutex *m);
void evlsim__mutex_lock(struct evlsim_mutex *m);
void evlsim__mutex_unlock(struct evlsim_mutex *m);

/* A futex lock in one int (0 free, 1 held, 2 held with waiters): the lock word of the
 * kernel's spinlock types, for the simulator's internal use of them (completions,
 * wait queues). Spins briefly, then sleeps. */
void evlsim__lockword_lock(int *word);
void evlsim__lockword_unlock(int *word);
int evlsim__lockword_trylock(int *word);

#endif /* _EVLSIM_SIM_CORE_LOCK_H */
