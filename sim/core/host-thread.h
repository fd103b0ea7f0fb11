/* SPDX-License-Identifier: LGPL-2.1-or-later */
/*
 * Host threads for the simulator's own contexts (core/host-thread.c, core/kthread-user.c).
 *
 * Shared by both worlds: plain C and compiler builtins only (see core/base.h).
 */
#ifndef _EVLSIM_SIM_CORE_HOST_THREAD_H
#define _EVLSIM_SIM_CORE_HOST_THREAD_H

#include "core/base.h"

/* Host threads for the simulator's own contexts (host-thread.c): kthreads (in-band and
 * EVL, the workqueue workers and the RCU callback thread included), the timer CPU, the
 * in-band irq_work worker. Detached, all signals blocked, named @name (15 characters
 * kept); 0 or -errno. */
int evlsim__host_thread_spawn(void (*fn)(void *arg), void *arg, const char *name);
/* @fn runs in the child after fork(): the host threads are gone there. */
void evlsim__host_atfork_child(void (*fn)(void));
/* pthread_atfork() for the kernel world */
void evlsim__host_atfork(void (*prepare)(void), void (*parent)(void), void (*child)(void));
/*
 * A service's host thread, started on first use: @fn(@arg) on a thread named @name, once
 * for *@started (0 at first; the service's @atfork_child sets it back to 0 in a child,
 * where the thread is gone), @atfork_child registered once for *@atfork_registered. Dies
 * if the thread cannot be created.
 */
void evlsim__host_thread_once_slow(int *started, int *atfork_registered,
				   void (*atfork_child)(void), void (*fn)(void *arg),
				   void *arg, const char *name);
static inline void evlsim__host_thread_once(int *started, int *atfork_registered,
					    void (*atfork_child)(void),
					    void (*fn)(void *arg), void *arg, const char *name)
{
	if (evlsim_likely(__atomic_load_n(started, __ATOMIC_ACQUIRE)))
		return;
	evlsim__host_thread_once_slow(started, atfork_registered, atfork_child, fn, arg, name);
}


/* ---------------------------------------------------------------------------------------
 * In-band kernel threads (core/kthread-user.c for kernel/kthread.c; spawned by
 * evlsim__host_thread_spawn()).
 */
void evlsim__thread_comm(char *buf, evlsim_size_t len);	/* the caller's thread name */
int evlsim__getpid(void);
void evlsim__yield(void);

#endif /* _EVLSIM_SIM_CORE_HOST_THREAD_H */
