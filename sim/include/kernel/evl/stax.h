/* SPDX-License-Identifier: LGPL-2.1-or-later */
/*
 * evlsim shim: linux-evl include/evl/stax.h and kernel/evl/stax.c (K @b81984b, spec 5.6):
 * the stage exclusion lock. The resource is owned either by any number of oob threads or
 * by any number of in-band threads, never both; implementation in sim/evl/stax.c.
 *
 * Oob lockers wait on an EVL wait queue (the codes of spec 5.1: -EINTR, -ERESTARTSYS,
 * -EIDRM once destroyed); in-band lockers sleep interruptibly (-ERESTARTSYS when a signal
 * arrives), or uninterruptibly with EVL_STAX_INBAND_SPIN, where the kernel spins. A stage
 * with waiters claims the lock: new lockers of the owning stage then wait too (trylock
 * fails with -EAGAIN), so that neither stage starves the other.
 *
 * Custom: ->inband_wait is the simulator's own wait list rather than a wait_queue_head_t,
 * and the last oob unlocker wakes in-band waiters directly (the kernel defers that to
 * ->irq_work, in-band).
 */
#ifndef _EVLSIM_EVL_STAX_H
#define _EVLSIM_EVL_STAX_H

#include <linux/atomic.h>
#include <linux/list.h>
#include <linux/irq_work.h>
#include <evl/wait.h>

#define EVL_STAX_INBAND_SPIN	BIT(0)

struct evl_stax_inband_wait {		/* simulator: in-band sleepers */
	struct list_head waiters;
};

struct evl_stax {
	atomic_t gate;			/* holders, and the owning stage */
	int flags;
	struct evl_wait_queue oob_wait;
	struct evl_stax_inband_wait inband_wait;
	struct irq_work irq_work;
	const void *evlsim_key;		/* simulator: lockdep class, the init site */
};

void evl_init_stax(struct evl_stax *stax, int flags) __evlsim_ksym(evl_init_stax);
void evl_destroy_stax(struct evl_stax *stax) __evlsim_ksym(evl_destroy_stax);
/* from either stage: 0, or an error code of the stage's wait */
int evl_lock_stax(struct evl_stax *stax) __evlsim_ksym(evl_lock_stax);
/* 0, or -EAGAIN if the other stage owns or claims the lock */
int evl_trylock_stax(struct evl_stax *stax) __evlsim_ksym(evl_trylock_stax);
void evl_unlock_stax(struct evl_stax *stax) __evlsim_ksym(evl_unlock_stax);

#endif
