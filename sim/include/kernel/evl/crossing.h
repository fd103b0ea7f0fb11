/* SPDX-License-Identifier: LGPL-2.1-or-later */
/*
 * evlsim shim: faithful to linux-evl include/evl/crossing.h (K @a976340): a reference
 * count that the last holder drops to let a waiter through.
 *
 * Deviation: when the last reference drops, the kernel completes ->oob_done directly if it
 * runs in-band with hard irqs on, and otherwise through ->oob_work (in-band, later). The
 * simulator's completion is safe from any stage, so it completes directly: the waiter
 * proceeds at once instead of after the next in-band irq_work run.
 */
#ifndef _EVLSIM_EVL_CROSSING_H
#define _EVLSIM_EVL_CROSSING_H

#include <linux/atomic.h>
#include <linux/completion.h>
#include <linux/irq_work.h>

struct evl_crossing {
	atomic_t oob_refs;
	struct completion oob_done;
	struct irq_work oob_work;
};

__evlsim_export void evlsim__crossing_init(struct evl_crossing *crossing);
__evlsim_export void evlsim__crossing_complete(struct evl_crossing *crossing);
__evlsim_export void evlsim__crossing_wait(struct evl_crossing *crossing);

static inline void evl_init_crossing(struct evl_crossing *crossing)
{
	evlsim__crossing_init(crossing);
}

static inline void evl_reinit_crossing(struct evl_crossing *crossing)
{
	evlsim__crossing_init(crossing);
}

static inline void evl_down_crossing(struct evl_crossing *crossing)
{
	atomic_inc(&crossing->oob_refs);
}

static inline void evl_up_crossing(struct evl_crossing *crossing)
{
	if (atomic_dec_return(&crossing->oob_refs) == 0)
		evlsim__crossing_complete(crossing);
}

/* in-band: drops the initial reference, then waits until every other one is gone */
static inline void evl_pass_crossing(struct evl_crossing *crossing)
{
	if (atomic_dec_return(&crossing->oob_refs) > 0)
		evlsim__crossing_wait(crossing);
}

#endif
