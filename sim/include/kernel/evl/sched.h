/* SPDX-License-Identifier: LGPL-2.1-or-later */
/*
 * evlsim shim: linux-evl include/evl/sched.h, the rescheduling call and the context
 * predicates (spec 4.1).
 *
 * Custom: the simulator's threads are host threads, woken the moment a waker releases
 * them, so evl_schedule() has nothing left to do; drivers call it where the kernel needs
 * it and the code stays the same. The predicates answer from the calling thread's stage:
 *
 *   context                                  evl_is_inband()  evl_in_irq()  evl_cannot_block()
 *   oob handler (.oob_read ...), EVL kthread      false           false          false
 *   EVL timer handler, oob device irq handler     false           true           true
 *   in-band handler, irq_work, workqueue,
 *   in-band kthread, any non-EVL thread           true            false          true
 *
 * The kernel's evl_is_inband() tells whether the CPU runs the in-band placeholder (the
 * root thread); for a thread here, that is whether it runs in-band. evl_in_irq() is true
 * in the out-of-band interrupt context: EVL timer handlers and oob device handlers
 * (sim/hw/irq-flow.c), where EVL wake-ups take effect when the handler returns.
 */
#ifndef _EVLSIM_EVL_SCHED_H
#define _EVLSIM_EVL_SCHED_H

#include <linux/types.h>
#include <linux/irqstage.h>
#include <linux/cpumask.h>

/* The CPUs EVL runs on: every simulated CPU (the kernel: evl.oob_cpus=, default all). */
extern struct cpumask evl_oob_cpus __evlsim_ksym(evl_oob_cpus);

static inline bool is_evl_cpu(int cpu)
{
	return !!cpumask_test_cpu(cpu, &evl_oob_cpus);
}

__evlsim_export bool evlsim__evl_in_irq(void);

static inline void evl_schedule(void)
{
}

/* whether the caller runs in-band (the kernel: the current rq runs the root thread) */
static inline bool evl_is_inband(void)
{
	return running_inband();
}

/* whether the caller runs an oob interrupt handler (RQ_IRQ): an EVL timer's or a device's */
static inline bool evl_in_irq(void)
{
	return evlsim__evl_in_irq();
}

static inline bool evl_cannot_block(void)
{
	return evl_in_irq() || evl_is_inband();
}

#endif
