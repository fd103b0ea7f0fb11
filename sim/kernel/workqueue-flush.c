// SPDX-License-Identifier: LGPL-2.1-or-later
/*
 * Workqueues: flushing and cancelling (kernel world), after kernel/workqueue.c.
 *
 * A flush never looks at the item itself, which its function may have freed: every
 * queueing gets a sequence number, and a flush waits until no pending entry and no
 * worker's current item matching what it waits for carries a sequence number up to its
 * target. A cancel owns the item's pending bit once it took the item off its list.
 */
#include <linux/workqueue.h>
#include <linux/sched.h>
#include "ksched.h"
#include "kinternal.h"
#include "workqueue_internal.h"

/* pool_lock held. Is a queueing of @work (or any item if NULL) up to @target left? */
static bool busy_upto(struct workqueue_struct *wq, struct work_struct *work,
		      unsigned long target)
{
	struct work_struct *pos;
	struct worker *w;

	list_for_each_entry(w, &wq->workers, node)
		if (w->current_work && (!work || w->current_work == work) &&
		    w->current_seq <= target)
			return true;
	list_for_each_entry(pos, &wq->pending, entry)
		if ((!work || pos == work) && pos->evlsim_seq <= target)
			return true;
	return false;
}

/* pool_lock held. The last queueing of @work to wait for, 0 if it is idle. */
static unsigned long flush_target(struct work_struct *work)
{
	struct workqueue_struct *wq = work->evlsim_wq;
	unsigned long target = 0;
	struct worker *w;

	if (!wq)
		return 0;
	if (work->evlsim_where == WORK_QUEUED)
		target = work->evlsim_seq;
	list_for_each_entry(w, &wq->workers, node)
		if (w->current_work == work && w->current_seq > target)
			target = w->current_seq;
	return target;
}

/*
 * pool_lock held. Waits until no queueing of @work on @wq up to @target is left; false if
 * there was none to wait for. @work is never dereferenced: its function may free it.
 */
static bool flush_wait(struct workqueue_struct *wq, struct work_struct *work,
		       unsigned long target)
{
	if (!target)
		return false;
	while (busy_upto(wq, work, target))
		evlsim__wq_wait_pool();
	return true;
}

bool flush_work(struct work_struct *work)
{
	evlsim__check_service(EVLSIM_SVC_flush_work);
	bool ret;

	might_sleep();
	lock_pool();
	ret = flush_wait(work->evlsim_wq, work, flush_target(work));
	unlock_pool();
	return ret;
}

void __flush_workqueue(struct workqueue_struct *wq)
{
	evlsim__check_service(EVLSIM_SVC_flush_workqueue);
	unsigned long target;

	might_sleep();
	lock_pool();
	target = evlsim__wq_queue_seq;
	while (busy_upto(wq, NULL, target))
		evlsim__wq_wait_pool();
	unlock_pool();
}

void drain_workqueue(struct workqueue_struct *wq)
{
	might_sleep();
	lock_pool();
	wq->flags |= __WQ_DRAINING;
	/* items queued by the queue's own items (chained) are drained too */
	while (busy_upto(wq, NULL, ULONG_MAX))
		evlsim__wq_wait_pool();
	wq->flags &= ~__WQ_DRAINING;
	unlock_pool();
}

static bool __cancel_work(struct work_struct *work, bool sync)
{
	struct workqueue_struct *wq;
	bool ret;

	if (sync)
		might_sleep();
	lock_pool();
	ret = evlsim__wq_grab_pending(work);
	wq = work->evlsim_wq;
	/* holding the pending bit: nobody can queue it meanwhile */
	while (sync && wq && evlsim__wq_running_elsewhere(wq, work))
		evlsim__wq_wait_pool();
	clear_bit_unlock(WORK_STRUCT_PENDING_BIT, work_data_bits(work));
	evlsim__wq_wake_waiters();
	unlock_pool();
	return ret;
}

bool cancel_work(struct work_struct *work)
{
	return __cancel_work(work, false);
}

bool cancel_work_sync(struct work_struct *work)
{
	evlsim__check_service(EVLSIM_SVC_cancel_work_sync);
	return __cancel_work(work, true);
}

bool cancel_delayed_work(struct delayed_work *dwork)
{
	return __cancel_work(&dwork->work, false);
}

bool cancel_delayed_work_sync(struct delayed_work *dwork)
{
	evlsim__check_service(EVLSIM_SVC_cancel_work_sync);
	return __cancel_work(&dwork->work, true);
}

bool flush_delayed_work(struct delayed_work *dwork)
{
	struct work_struct *work = &dwork->work;
	struct workqueue_struct *wq;
	struct worker *w = NULL;
	unsigned long target;
	bool ret;

	might_sleep();
	lock_pool();
	if (work->evlsim_where == WORK_DELAYED) {
		/* fire the timer now */
		wq = work->evlsim_wq;
		list_move_tail(&work->entry, &wq->pending);
		work->evlsim_where = WORK_QUEUED;
		work->evlsim_seq = ++evlsim__wq_queue_seq;
		w = evlsim__wq_kick_worker(wq);
	}
	target = flush_target(work);
	wq = work->evlsim_wq;
	if (w) {
		/* a new worker must start before we wait for it */
		unlock_pool();
		evlsim__wq_start_worker(w);
		lock_pool();
	}
	ret = flush_wait(wq, work, target);
	unlock_pool();
	return ret;
}

struct work_struct *current_work(void)
{
	struct worker *w = evlsim__wq_cur_worker;

	return w ? w->current_work : NULL;
}
