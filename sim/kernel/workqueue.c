// SPDX-License-Identifier: LGPL-2.1-or-later
/*
 * Workqueues (kernel world), after kernel/workqueue.c, on in-band kthreads and the
 * simulator's one sleep/wake primitive.
 *
 * One lock (evlsim__wq_pool_lock, a lock word) guards every workqueue, as one worker pool would:
 * the pending list and the delayed list of each workqueue, its workers, and the position
 * of every queued item. The pending bit is only set under it, so an item the lock finds
 * pending is on a list or owned by a canceller, never in between.
 *
 * A workqueue starts workers on demand: an item queued while no worker of the queue is
 * idle starts one, up to max_active (1 for an ordered queue, which therefore runs its
 * items one at a time, in queueing order). Idle workers sleep until the earliest delayed
 * item of their queue is due, so no timer thread is needed.
 *
 * A worker does not touch an item once its function returned: the function may have
 * freed it. Flushes therefore never look at the item itself: every queueing gets a
 * sequence number, and a flush waits until no pending entry and no worker's current item
 * matching what it waits for carries a sequence number up to its target. Flushers,
 * cancellers and destroyers wait on one list, woken whenever an item completes or leaves
 * a queue. Flushing and cancelling are in kernel/workqueue-flush.c.
 */
#include <linux/workqueue.h>
#include <linux/sched.h>
#include <linux/slab.h>
#include <linux/string.h>
#include <linux/kernel.h>
#include <linux/stdarg.h>
#include <linux/err.h>
#include "ksched.h"
#include "kinternal.h"
#include "workqueue_internal.h"

struct wq_waiter {
	struct list_head next;
	struct evlsim_thread *thread;
};

int evlsim__wq_pool_lock;		/* lock word */
static LIST_HEAD(workqueues);
static LIST_HEAD(waiters);		/* flush, cancel and destroy waits */
unsigned long evlsim__wq_queue_seq;		/* the last queueing's sequence number */
static int worker_ids;
__thread struct worker *evlsim__wq_cur_worker __attribute__((tls_model("initial-exec")));

struct workqueue_struct *system_wq;
struct workqueue_struct *system_highpri_wq;
struct workqueue_struct *system_long_wq;
struct workqueue_struct *system_unbound_wq;
struct workqueue_struct *system_freezable_wq;
struct workqueue_struct *system_power_efficient_wq;
struct workqueue_struct *system_freezable_power_efficient_wq;

/* Waits once on the waiters list; pool_lock held, and held again on return. */
void evlsim__wq_wait_pool(void)
{
	struct wq_waiter w = { .thread = evlsim__current() };

	list_add_tail(&w.next, &waiters);
	evlsim__prepare_sleep(w.thread);
	unlock_pool();
	evlsim__sleep(w.thread, EVLSIM_NS_INFINITE, 0);
	lock_pool();
	list_del(&w.next);
}

/* pool_lock held */
void evlsim__wq_wake_waiters(void)
{
	struct wq_waiter *w;

	list_for_each_entry(w, &waiters, next)
		evlsim__wake(w->thread);
}

/* ---- workers -------------------------------------------------------------------------- */

static int worker_thread(void *arg);

/* pool_lock held. Wakes an idle worker, or reserves a new one for the caller to start. */
struct worker *evlsim__wq_kick_worker(struct workqueue_struct *wq)
{
	struct worker *w;

	if (!list_empty(&wq->idle)) {
		w = list_first_entry(&wq->idle, struct worker, idle_node);
		list_del_init(&w->idle_node);
		evlsim__wake(w->thread);
		return NULL;
	}
	if (wq->nr_workers >= wq->max_active)
		return NULL;
	w = evlsim__zalloc(sizeof(*w));
	w->wq = wq;
	INIT_LIST_HEAD(&w->idle_node);
	list_add_tail(&w->node, &wq->workers);
	wq->nr_workers++;
	return w;
}

/* Starts a worker evlsim__wq_kick_worker() reserved; evlsim__wq_pool_lock not held. */
void evlsim__wq_start_worker(struct worker *w)
{
	struct workqueue_struct *wq;
	struct task_struct *t;
	char name[TASK_COMM_LEN];

	if (!w)
		return;
	wq = w->wq;
	snprintf(name, sizeof(name), "kworker/u:%d",
		 __atomic_add_fetch(&worker_ids, 1, __ATOMIC_RELAXED));
	t = evlsim__kthread_start(worker_thread, w, PF_WQ_WORKER, name);
	if (!IS_ERR(t))
		return;
	lock_pool();
	list_del(&w->node);
	if (!--wq->nr_workers && !wq->stopping)
		evlsim__die("workqueue %s: cannot start a worker (%ld)", wq->name, PTR_ERR(t));
	evlsim__wq_wake_waiters();
	unlock_pool();
	evlsim__free(w);
}

/* pool_lock held. Moves the delayed items that are due to the pending list. */
static void promote_due(struct workqueue_struct *wq)
{
	struct work_struct *work, *tmp;
	evlsim_ns_t now;

	if (list_empty(&wq->delayed))
		return;
	now = evlsim__clock_now();
	list_for_each_entry_safe(work, tmp, &wq->delayed, entry) {
		if (to_delayed_work(work)->evlsim_expires > now)
			break;
		list_move_tail(&work->entry, &wq->pending);
		work->evlsim_where = WORK_QUEUED;
		work->evlsim_seq = ++evlsim__wq_queue_seq;
	}
}

bool evlsim__wq_running_elsewhere(struct workqueue_struct *wq, struct work_struct *work)
{
	struct worker *w;

	list_for_each_entry(w, &wq->workers, node)
		if (w->current_work == work)
			return true;
	return false;
}

static int worker_thread(void *arg)
{
	struct worker *w = arg;
	struct workqueue_struct *wq = w->wq;
	struct work_struct *work;
	evlsim_ns_t deadline;
	bool found;

	evlsim__wq_cur_worker = w;
	lock_pool();
	w->thread = evlsim__current();
	for (;;) {
		promote_due(wq);
		/* an item running on another worker waits for it: never reentered */
		found = false;
		list_for_each_entry(work, &wq->pending, entry) {
			if (!evlsim__wq_running_elsewhere(wq, work)) {
				found = true;
				break;
			}
		}
		if (found) {
			list_del_init(&work->entry);
			work->evlsim_where = WORK_IDLE;
			w->current_work = work;
			w->current_func = work->func;
			w->current_owner = work->evlsim_owner;
			w->current_seq = work->evlsim_seq;
			/* cleared before the function runs: it may queue its item again */
			clear_bit_unlock(WORK_STRUCT_PENDING_BIT, work_data_bits(work));
			unlock_pool();
			evlsim__sched_point(EVLSIM_SP_WORK);
			w->current_func(work);
			lock_pool();
			w->current_work = NULL;
			w->current_func = NULL;
			w->current_owner = NULL;
			w->current_seq = 0;
			evlsim__wq_wake_waiters();
			continue;
		}
		if (wq->stopping)
			break;
		deadline = EVLSIM_NS_INFINITE;
		if (!list_empty(&wq->delayed))
			deadline = to_delayed_work(list_first_entry(&wq->delayed, struct work_struct,
								     entry))->evlsim_expires;
		list_add(&w->idle_node, &wq->idle);
		evlsim__prepare_sleep(w->thread);
		unlock_pool();
		evlsim__sleep(w->thread, deadline, 0);
		lock_pool();
		list_del_init(&w->idle_node);
	}
	list_del(&w->node);
	wq->nr_workers--;
	evlsim__wq_wake_waiters();
	unlock_pool();
	evlsim__wq_cur_worker = NULL;
	evlsim__free(w);
	return 0;
}

/* ---- queueing ------------------------------------------------------------------------- */

/* pool_lock held, the pending bit set by the caller. Returns a worker to start. */
static struct worker *__queue_work(struct workqueue_struct *wq, struct work_struct *work,
				   bool *queued)
{
	*queued = false;
	if (unlikely(wq->flags & (__WQ_DRAINING | __WQ_DESTROYING)) &&
	    !(evlsim__wq_cur_worker && evlsim__wq_cur_worker->wq == wq)) {
		/* the kernel's WARN_ON_ONCE(!is_chained_work(wq)) */
		WARN_ONCE(1, "workqueue %s: queueing %p on a draining or destroyed workqueue",
			  wq->name, work->func);
		clear_bit(WORK_STRUCT_PENDING_BIT, work_data_bits(work));
		return NULL;
	}
	work->evlsim_wq = wq;
	work->evlsim_where = WORK_QUEUED;
	work->evlsim_seq = ++evlsim__wq_queue_seq;
	list_add_tail(&work->entry, &wq->pending);
	*queued = true;
	return evlsim__wq_kick_worker(wq);
}

bool queue_work_on(int cpu, struct workqueue_struct *wq, struct work_struct *work)
{
	evlsim__check_service(EVLSIM_SVC_queue_work);
	struct worker *w = NULL;
	bool ret = false;

	lock_pool();
	if (!test_and_set_bit(WORK_STRUCT_PENDING_BIT, work_data_bits(work)))
		w = __queue_work(wq, work, &ret);
	unlock_pool();
	evlsim__wq_start_worker(w);
	return ret;
}

/* pool_lock held, the pending bit set by the caller. */
static struct worker *__queue_delayed_work(struct workqueue_struct *wq,
					   struct delayed_work *dwork, unsigned long delay,
					   bool *queued)
{
	struct work_struct *work = &dwork->work, *pos;

	dwork->wq = wq;
	if (!delay)
		return __queue_work(wq, work, queued);
	if (unlikely(wq->flags & (__WQ_DRAINING | __WQ_DESTROYING)) &&
	    !(evlsim__wq_cur_worker && evlsim__wq_cur_worker->wq == wq))
		return __queue_work(wq, work, queued);	/* refused there */
	dwork->evlsim_expires = evlsim__jiffies_deadline(delay);
	work->evlsim_wq = wq;
	work->evlsim_where = WORK_DELAYED;
	list_for_each_entry(pos, &wq->delayed, entry)
		if (to_delayed_work(pos)->evlsim_expires > dwork->evlsim_expires)
			break;
	list_add_tail(&work->entry, &pos->entry);	/* before @pos, or at the end */
	*queued = true;
	/* an idle worker sleeps until the first expiry: wake one to recompute it */
	return evlsim__wq_kick_worker(wq);
}

bool queue_delayed_work_on(int cpu, struct workqueue_struct *wq,
			   struct delayed_work *dwork, unsigned long delay)
{
	evlsim__check_service(EVLSIM_SVC_queue_delayed_work);
	struct worker *w = NULL;
	bool ret = false;

	lock_pool();
	if (!test_and_set_bit(WORK_STRUCT_PENDING_BIT, work_data_bits(&dwork->work)))
		w = __queue_delayed_work(wq, dwork, delay, &ret);
	unlock_pool();
	evlsim__wq_start_worker(w);
	return ret;
}

/*
 * pool_lock held. Takes the pending bit of @work for the caller: true if the item was
 * queued (it is taken off its list), false if it was idle. Waits for a concurrent
 * canceller, which owns the bit.
 */
bool evlsim__wq_grab_pending(struct work_struct *work)
{
	while (test_and_set_bit(WORK_STRUCT_PENDING_BIT, work_data_bits(work))) {
		if (work->evlsim_where != WORK_IDLE) {
			list_del_init(&work->entry);
			work->evlsim_where = WORK_IDLE;
			evlsim__wq_wake_waiters();
			return true;
		}
		evlsim__wq_wait_pool();
	}
	return false;
}

bool mod_delayed_work_on(int cpu, struct workqueue_struct *wq,
			 struct delayed_work *dwork, unsigned long delay)
{
	evlsim__check_service(EVLSIM_SVC_queue_delayed_work);
	struct worker *w;
	bool ret, queued;

	lock_pool();
	ret = evlsim__wq_grab_pending(&dwork->work);
	w = __queue_delayed_work(wq, dwork, delay, &queued);
	unlock_pool();
	evlsim__wq_start_worker(w);
	return ret;
}

/* ---- workqueues ----------------------------------------------------------------------- */

static struct workqueue_struct *wq_create(unsigned int flags, int max_active,
					  const char *fmt, va_list args)
{
	struct workqueue_struct *wq = evlsim__zalloc(sizeof(*wq));

	vsnprintf(wq->name, sizeof(wq->name), fmt, args);
	if (flags & __WQ_ORDERED)
		max_active = 1;
	else if (!max_active)
		max_active = WQ_DFL_ACTIVE;
	if (max_active < 1 || max_active > WQ_MAX_ACTIVE) {
		pr_warn("workqueue: max_active %d requested for %s is out of range, clamping between %d and %d\n",
			max_active, wq->name, 1, WQ_MAX_ACTIVE);
		max_active = clamp(max_active, 1, (int)WQ_MAX_ACTIVE);
	}
	wq->flags = flags;
	wq->max_active = max_active;
	INIT_LIST_HEAD(&wq->pending);
	INIT_LIST_HEAD(&wq->delayed);
	INIT_LIST_HEAD(&wq->workers);
	INIT_LIST_HEAD(&wq->idle);
	lock_pool();
	list_add_tail(&wq->list, &workqueues);
	unlock_pool();
	return wq;
}

struct workqueue_struct *alloc_workqueue(const char *fmt, unsigned int flags,
					 int max_active, ...)
{
	evlsim__check_service(EVLSIM_SVC_alloc_workqueue);
	struct workqueue_struct *wq;
	va_list args;

	va_start(args, max_active);
	wq = wq_create(flags, max_active, fmt, args);
	va_end(args);
	return wq;
}

void destroy_workqueue(struct workqueue_struct *wq)
{
	evlsim__check_service(EVLSIM_SVC_destroy_workqueue);
	struct work_struct *work, *tmp;
	struct worker *w;

	drain_workqueue(wq);
	lock_pool();
	wq->flags |= __WQ_DESTROYING;
	list_for_each_entry_safe(work, tmp, &wq->delayed, entry) {
		WARN(1, "destroy_workqueue: %s has delayed work %p pending; cancelling it",
		     wq->name, work->func);
		list_del_init(&work->entry);
		work->evlsim_where = WORK_IDLE;
		clear_bit_unlock(WORK_STRUCT_PENDING_BIT, work_data_bits(work));
	}
	list_del(&wq->list);
	wq->stopping = true;
	list_for_each_entry(w, &wq->idle, idle_node)
		evlsim__wake(w->thread);
	while (wq->nr_workers)
		evlsim__wq_wait_pool();
	unlock_pool();
	evlsim__free(wq);
}

__attribute__((constructor)) static void system_workqueues_init(void)
{
	/* workers start on first use: no thread exists before a test forks */
	system_wq = alloc_workqueue("events", 0, 0);
	system_highpri_wq = alloc_workqueue("events_highpri", WQ_HIGHPRI, 0);
	system_long_wq = alloc_workqueue("events_long", 0, 0);
	system_unbound_wq = alloc_workqueue("events_unbound", WQ_UNBOUND, WQ_MAX_ACTIVE);
	system_freezable_wq = alloc_workqueue("events_freezable", WQ_FREEZABLE, 0);
	system_power_efficient_wq = alloc_workqueue("events_power_efficient",
						    WQ_POWER_EFFICIENT, 0);
	system_freezable_power_efficient_wq =
		alloc_workqueue("events_freezable_pwr_efficient",
				WQ_FREEZABLE | WQ_POWER_EFFICIENT, 0);
}

/* Module unload (module.c): cancel and report the module's items still queued. */
static void workqueue_leftovers(struct module *mod, const char *when)
{
	struct workqueue_struct *wq;
	struct work_struct *work, *tmp;
	struct worker *w;
	int i;

	lock_pool();
	list_for_each_entry(wq, &workqueues, list) {
		for (i = 0; i < 2; i++) {
			list_for_each_entry_safe(work, tmp, i ? &wq->delayed : &wq->pending,
						 entry) {
				if (work->evlsim_owner != mod)
					continue;
				evlsim__report(EVLSIM_REPORT_LEAK, "module-leak",
					       "%s: %s with work %p (func %p) still %s on workqueue '%s'; cancelling it",
					       mod->name, when, work, work->func,
					       i ? "delayed" : "queued", wq->name);
				list_del_init(&work->entry);
				work->evlsim_where = WORK_IDLE;
				clear_bit_unlock(WORK_STRUCT_PENDING_BIT, work_data_bits(work));
			}
		}
		list_for_each_entry(w, &wq->workers, node)
			if (w->current_work && w->current_owner == mod)
				evlsim__report(EVLSIM_REPORT_LEAK, "module-leak",
					       "%s: %s with work %p (func %p) still running on workqueue '%s'",
					       mod->name, when, w->current_work, w->current_func,
					       wq->name);
	}
	evlsim__wq_wake_waiters();
	unlock_pool();
}

/* resource accounting (accounting.c): the work items of @mod queued or delayed now */
static int workqueue_count(struct module *mod)
{
	struct workqueue_struct *wq;
	struct work_struct *work;
	int i, n = 0;

	lock_pool();
	list_for_each_entry(wq, &workqueues, list)
		for (i = 0; i < 2; i++)
			list_for_each_entry(work, i ? &wq->delayed : &wq->pending, entry)
				n += work->evlsim_owner == mod;
	unlock_pool();
	return n;
}

/* queued work before the kthreads: it would run the module's code */
EVLSIM_MODULE_SERVICE(work, EVLSIM_ACCT_WORK, 30, workqueue_count, workqueue_leftovers);

