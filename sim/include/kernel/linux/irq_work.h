/* SPDX-License-Identifier: LGPL-2.1-or-later */
/*
 * evlsim shim: linux v6.12 include/linux/irq_work.h (the structure, its initialisers, the
 * queueing and sync calls), with Dovetail's semantics: irq_work_queue() may be called from
 * either stage, out-of-band included, and the handler runs in-band later; that is how oob
 * code hands work over to the in-band kernel (spec 5.11). Implementation in
 * sim/evl/work.c.
 *
 * Custom: handlers run on one simulator host thread, the in-band irq_work worker (an
 * in-band task, not attached to EVL), one at a time in queueing order, never in the
 * context of the queuing thread; the CPU given to irq_work_queue_on() is ignored. As in
 * the kernel, a work is claimed (IRQ_WORK_PENDING | IRQ_WORK_BUSY) when queued:
 * queueing it again while it is pending fails and the handler runs once; queueing it
 * from its own handler runs it again. ->flags is accessed with atomics only.
 */
#ifndef _EVLSIM_LINUX_IRQ_WORK_H
#define _EVLSIM_LINUX_IRQ_WORK_H

#include <linux/types.h>
#include <linux/list.h>

struct irq_work {
	struct list_head node;		/* simulator: the worker's pending list */
	unsigned int flags;
	void (*func)(struct irq_work *);
};

#define IRQ_WORK_PENDING	(1U << 0)
#define IRQ_WORK_BUSY		(1U << 1)
#define IRQ_WORK_LAZY		(1U << 2)
#define IRQ_WORK_HARD_IRQ	(1U << 3)
#define IRQ_WORK_CLAIMED	(IRQ_WORK_PENDING | IRQ_WORK_BUSY)

#define __IRQ_WORK_INIT(_func, _flags) (struct irq_work){	\
	.flags = (_flags),					\
	.func = (_func),					\
}
#define IRQ_WORK_INIT(_func)		__IRQ_WORK_INIT(_func, 0)
#define IRQ_WORK_INIT_LAZY(_func)	__IRQ_WORK_INIT(_func, IRQ_WORK_LAZY)
#define IRQ_WORK_INIT_HARD(_func)	__IRQ_WORK_INIT(_func, IRQ_WORK_HARD_IRQ)
#define DEFINE_IRQ_WORK(name, _f)	struct irq_work name = IRQ_WORK_INIT(_f)

static inline void init_irq_work(struct irq_work *work, void (*func)(struct irq_work *))
{
	*work = IRQ_WORK_INIT(func);
	INIT_LIST_HEAD(&work->node);
}

static inline bool irq_work_is_pending(struct irq_work *work)
{
	return __atomic_load_n(&work->flags, __ATOMIC_ACQUIRE) & IRQ_WORK_PENDING;
}

static inline bool irq_work_is_busy(struct irq_work *work)
{
	return __atomic_load_n(&work->flags, __ATOMIC_ACQUIRE) & IRQ_WORK_BUSY;
}

static inline bool irq_work_is_hard(struct irq_work *work)
{
	return __atomic_load_n(&work->flags, __ATOMIC_RELAXED) & IRQ_WORK_HARD_IRQ;
}

/* Queues @work unless it is pending already: true if queued, false if it was pending. */
bool irq_work_queue(struct irq_work *work) __evlsim_ksym(irq_work_queue);
bool irq_work_queue_on(struct irq_work *work, int cpu) __evlsim_ksym(irq_work_queue_on);
/* Waits until @work is neither pending nor running (in-band; never from its handler). */
void irq_work_sync(struct irq_work *work) __evlsim_ksym(irq_work_sync);

#endif
