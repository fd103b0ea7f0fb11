// SPDX-License-Identifier: LGPL-2.1-or-later
/*
 * irq_work and EVL in-band offloading (kernel world), after kernel/irq_work.c, Dovetail's
 * irq_work pipelining and kernel/evl/work.c (spec 5.11).
 *
 * Queued works go on one list served by one host thread, the in-band irq_work worker (an
 * in-band task, not attached to EVL), started on first use. It runs the handlers one at a
 * time in queueing order, with the claim protocol of irq_work_run_list(): PENDING is
 * dropped just before the handler runs (so it may be queued again meanwhile), BUSY just
 * after, unless someone claimed it again. irq_work_sync() sleeps until BUSY is clear; the
 * worker wakes the syncers after each handler.
 */
#include <linux/kernel.h>
#include <linux/spinlock.h>
#include <linux/irq_work.h>
#include <linux/irqstage.h>
#include <evl/work.h>
#include "kinternal.h"

struct work_syncer {
	struct list_head next;
	struct evlsim_thread *thread;
};

static struct {
	hard_spinlock_t lock;
	struct list_head pending;
	struct list_head syncers;
	struct irq_work *running;	/* the work whose handler runs, until it is free */
	struct evlsim_thread *worker;	/* once it runs */
	int started;
} irq_works = {
	.lock = __HARD_SPIN_LOCK_INITIALIZER(irq_works.lock),
	.pending = LIST_HEAD_INIT(irq_works.pending),
	.syncers = LIST_HEAD_INIT(irq_works.syncers),
};

static void irq_work_worker(void *arg)
{
	struct evlsim_thread *self = evlsim__current();
	struct work_syncer *s, *tmp;
	struct irq_work *work;
	unsigned long flags;
	unsigned int wflags;

	raw_spin_lock_irqsave(&irq_works.lock, flags);
	irq_works.worker = self;
	for (;;) {
		work = list_first_entry_or_null(&irq_works.pending, struct irq_work, node);
		if (!work) {
			evlsim__prepare_sleep(self);
			raw_spin_unlock_irqrestore(&irq_works.lock, flags);
			evlsim__sleep(self, EVLSIM_NS_INFINITE, 0);
			raw_spin_lock_irqsave(&irq_works.lock, flags);
			continue;
		}
		list_del_init(&work->node);
		irq_works.running = work;
		raw_spin_unlock_irqrestore(&irq_works.lock, flags);

		wflags = __atomic_fetch_and(&work->flags, ~IRQ_WORK_PENDING, __ATOMIC_ACQ_REL);
		wflags &= ~IRQ_WORK_PENDING;
		evlsim__sched_point(EVLSIM_SP_WORK);
		work->func(work);

		/*
		 * Back to free, unless claimed again meanwhile; under the lock, so that
		 * evl_cancel_work() of a work claimed again while its handler runs leaves
		 * it busy until this point, never freed under the worker's feet.
		 */
		raw_spin_lock_irqsave(&irq_works.lock, flags);
		__atomic_compare_exchange_n(&work->flags, &wflags, wflags & ~IRQ_WORK_BUSY, false,
					    __ATOMIC_ACQ_REL, __ATOMIC_RELAXED);
		irq_works.running = NULL;
		list_for_each_entry_safe(s, tmp, &irq_works.syncers, next) {
			list_del_init(&s->next);
			evlsim__wake(s->thread);
		}
	}
}

static void irq_works_atfork_child(void)
{
	irq_works.lock.rlock.lock = 0;
	irq_works.lock.rlock.owner = NULL;
	INIT_LIST_HEAD(&irq_works.syncers);
	irq_works.running = NULL;
	irq_works.worker = NULL;
	irq_works.started = 0;
}

static void start_worker(void)
{
	static int atfork_registered;

	evlsim__host_thread_once(&irq_works.started, &atfork_registered,
				 irq_works_atfork_child, irq_work_worker, NULL, "irq_work");
}

/**
 * irq_work_queue - queue @work for its handler to run in-band
 *
 * Any stage, out-of-band included. Returns true if queued, false if @work was pending
 * already (its handler then runs once for both).
 */
bool irq_work_queue(struct irq_work *work)
{
	evlsim__check_service(EVLSIM_SVC_irq_work_queue);
	unsigned int old = __atomic_load_n(&work->flags, __ATOMIC_RELAXED);
	unsigned long flags;

	do {
		if (old & IRQ_WORK_PENDING)
			return false;
	} while (!__atomic_compare_exchange_n(&work->flags, &old, old | IRQ_WORK_CLAIMED, false,
					      __ATOMIC_ACQ_REL, __ATOMIC_RELAXED));

	start_worker();
	raw_spin_lock_irqsave(&irq_works.lock, flags);
	list_add_tail(&work->node, &irq_works.pending);
	if (irq_works.worker && irq_works.pending.next == &work->node)
		evlsim__wake(irq_works.worker);
	raw_spin_unlock_irqrestore(&irq_works.lock, flags);
	return true;
}

bool irq_work_queue_on(struct irq_work *work, int cpu)
{
	evlsim__check_service(EVLSIM_SVC_irq_work_queue);
	return irq_work_queue(work);
}

/* lock held: wait until @work is not busy any more */
static void sync_locked(struct irq_work *work, unsigned long *flags)
{
	struct work_syncer s = { .thread = evlsim__current() };

	INIT_LIST_HEAD(&s.next);
	while (irq_work_is_busy(work)) {
		list_add_tail(&s.next, &irq_works.syncers);
		evlsim__prepare_sleep(s.thread);
		raw_spin_unlock_irqrestore(&irq_works.lock, *flags);
		evlsim__sleep(s.thread, EVLSIM_NS_INFINITE, 0);
		raw_spin_lock_irqsave(&irq_works.lock, *flags);
		list_del_init(&s.next);
	}
}

void irq_work_sync(struct irq_work *work)
{
	evlsim__check_service(EVLSIM_SVC_irq_work_sync);
	unsigned long flags;

	if (!irq_work_is_busy(work))
		return;
	raw_spin_lock_irqsave(&irq_works.lock, flags);
	sync_locked(work, &flags);
	raw_spin_unlock_irqrestore(&irq_works.lock, flags);
}

/* ---- EVL in-band offloading ----------------------------------------------------------- */

static void do_irq_work(struct irq_work *irq_work)
{
	struct evl_work *work = container_of(irq_work, struct evl_work, irq_work);

	work->handler(work);
}

void evl_init_work_safe(struct evl_work *work, void (*handler)(struct evl_work *work),
			struct evl_element *element)
{
	init_irq_work(&work->irq_work, do_irq_work);
	work->wq = NULL;
	work->handler = handler;
	work->element = element;
}

static void do_sync_work(struct evl_work *work)
{
	struct evl_sync_work *sync_work = container_of(work, struct evl_sync_work, work);

	sync_work->result = sync_work->handler(sync_work);
	evl_raise_flag(&sync_work->done);
}

void evl_init_sync_work(struct evl_sync_work *sync_work,
			int (*handler)(struct evl_sync_work *sync_work))
{
	evl_init_work_safe(&sync_work->work, do_sync_work, NULL);
	sync_work->handler = handler;
	evl_init_flag(&sync_work->done);
	sync_work->result = 0;
}

bool evl_call_inband_from(struct evl_work *work, struct workqueue_struct *wq)
{
	work->wq = wq;
	return irq_work_queue(&work->irq_work);
}

int evl_call_inband_sync_from(struct evl_sync_work *sync_work, struct workqueue_struct *wq)
{
	unsigned long flags;
	int ret;

	sync_work->result = -EINVAL;
	if (!evlsim__running_oob()) {
		evl_call_inband_from(&sync_work->work, wq);
		irq_work_sync(&sync_work->work.irq_work);
		evl_clear_flag(&sync_work->done);
		return sync_work->result;
	}
	evl_call_inband_from(&sync_work->work, wq);
	ret = evl_wait_flag(&sync_work->done);
	/*
	 * On a board the irq_work runs on the caller's CPU in hard irq context, and is done
	 * with the work before the caller resumes. Here the worker is another thread, which
	 * still clears the work's busy bit after the handler raised the flag: the caller
	 * waits for that before its frame, which holds the work, goes away (and for the
	 * work to run at all when its wait was broken).
	 */
	raw_spin_lock_irqsave(&irq_works.lock, flags);
	sync_locked(&sync_work->work.irq_work, &flags);
	raw_spin_unlock_irqrestore(&irq_works.lock, flags);
	return ret ?: sync_work->result;
}

void evl_flush_work(struct evl_work *work)
{
	irq_work_sync(&work->irq_work);
}

void evl_cancel_work(struct evl_work *work)
{
	struct irq_work *irq_work = &work->irq_work;
	unsigned long flags;

	raw_spin_lock_irqsave(&irq_works.lock, flags);
	if (!list_empty(&irq_work->node)) {	/* pending, not started: unclaim it */
		list_del_init(&irq_work->node);
		/* claimed again while its handler runs: busy until the worker is done */
		__atomic_fetch_and(&irq_work->flags, irq_works.running == irq_work ?
				   ~IRQ_WORK_PENDING : ~IRQ_WORK_CLAIMED, __ATOMIC_ACQ_REL);
	}
	sync_locked(irq_work, &flags);
	raw_spin_unlock_irqrestore(&irq_works.lock, flags);
}

/* ---- stages (<linux/irqstage.h>) ------------------------------------------------------ */

bool evlsim__stage_is_oob(void)
{
	return evlsim__running_oob();
}
