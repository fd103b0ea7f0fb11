/* SPDX-License-Identifier: LGPL-2.1-or-later */
/*
 * evlsim shim: linux-evl include/evl/work.h and kernel/evl/work.c (K @c691543, spec 5.11):
 * in-band offloading from out-of-band code. evl_call_inband*() may be called from either
 * stage; the handler runs in-band. Implementation in sim/evl/work.c.
 *
 * Custom: the kernel queues an irq_work whose handler queues the work on a workqueue; here
 * the irq_work's handler, already in-band on the simulator's irq_work worker, calls the
 * work's handler itself. So struct evl_work has no ->wq_work (<linux/workqueue.h> is not
 * involved), the workqueue argument is recorded and ignored, and the handlers are typed
 * fields instead of the kernel's union of untyped ones. Elements are not simulated:
 * evl_init_work_safe() records the element and pins nothing.
 */
#ifndef _EVLSIM_EVL_WORK_H
#define _EVLSIM_EVL_WORK_H

#include <linux/irq_work.h>
#include <evl/flag.h>

struct workqueue_struct;
struct evl_element;

struct evl_work {
	struct irq_work irq_work;
	struct workqueue_struct *wq;
	void (*handler)(struct evl_work *work);
	struct evl_element *element;
};

struct evl_sync_work {
	struct evl_work work;
	int (*handler)(struct evl_sync_work *sync_work);
	struct evl_flag done;
	int result;
};

void evl_init_work_safe(struct evl_work *work, void (*handler)(struct evl_work *work),
			struct evl_element *element) __evlsim_ksym(evl_init_work_safe);

static inline void evl_init_work(struct evl_work *work, void (*handler)(struct evl_work *work))
{
	evl_init_work_safe(work, handler, NULL);
}

void evl_init_sync_work(struct evl_sync_work *sync_work,
			int (*handler)(struct evl_sync_work *sync_work))
	__evlsim_ksym(evl_init_sync_work);

/* true if queued, false if it was still pending (the handler then runs once) */
bool evl_call_inband_from(struct evl_work *work, struct workqueue_struct *wq)
	__evlsim_ksym(evl_call_inband_from);

static inline bool evl_call_inband(struct evl_work *work)
{
	return evl_call_inband_from(work, NULL);	/* system_wq */
}

/* runs the handler in-band and returns its result; an oob caller waits on an EVL flag
 * (its wait errors, spec 5.1, come back instead), an in-band one until it returned */
int evl_call_inband_sync_from(struct evl_sync_work *sync_work, struct workqueue_struct *wq)
	__evlsim_ksym(evl_call_inband_sync_from);

static inline int evl_call_inband_sync(struct evl_sync_work *sync_work)
{
	return evl_call_inband_sync_from(sync_work, NULL);
}

/* in-band: waits until the work is neither pending nor running */
void evl_flush_work(struct evl_work *work) __evlsim_ksym(evl_flush_work);
/* in-band: unqueues a pending work, or waits for a running one */
void evl_cancel_work(struct evl_work *work) __evlsim_ksym(evl_cancel_work);

#endif
