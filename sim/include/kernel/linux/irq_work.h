/* SPDX-License-Identifier: LGPL-2.1-or-later */
/*
 * evlsim shim: faithful to linux v6.12 include/linux/irq_work.h (the structure and its
 * initialisers), as embedded in EVL's struct evl_crossing. irq_work_queue() is not
 * provided yet (docs/shim-coverage.md).
 */
#ifndef _EVLSIM_LINUX_IRQ_WORK_H
#define _EVLSIM_LINUX_IRQ_WORK_H

#include <linux/types.h>

struct irq_work {
	struct list_head node;		/* simulator: pending list */
	unsigned int flags;
	void (*func)(struct irq_work *);
};

#define IRQ_WORK_PENDING	(1U << 0)
#define IRQ_WORK_BUSY		(1U << 1)
#define IRQ_WORK_LAZY		(1U << 2)
#define IRQ_WORK_HARD_IRQ	(1U << 3)

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
}

static inline bool irq_work_is_pending(struct irq_work *work)
{
	return __atomic_load_n(&work->flags, __ATOMIC_ACQUIRE) & IRQ_WORK_PENDING;
}

#endif
