// SPDX-License-Identifier: LGPL-2.1-or-later
/*
 * In-band wait queues and jiffies (kernel world), after kernel/sched/wait.c and
 * kernel/time/timer.c, on the simulator's one sleep/wake primitive.
 *
 * A wait_queue_head is the kernel's: a spinlock and a list of entries, each with a wake
 * function. The wait_event*() macros of <linux/wait.h> are the kernel's and sleep with
 * the task model of <linux/sched.h> (kthread.c): prepare_to_wait*() publish the entry
 * and set_current_state() under the queue lock, schedule()/schedule_timeout() sleep on
 * the primitive until a wake function made the task TASK_RUNNING with wake_up_state()
 * (try_to_wake_up(): a wake-up whose mode does not match the sleeper's state, such as
 * wake_up_interruptible() on an uninterruptible sleeper, leaves it asleep).
 * finish_wait() always takes the queue lock (the kernel peeks at the entry without it):
 * ThreadSanitizer would see the peek race with the waker's list_del_init().
 *
 * jiffies is a read of the simulator's clock: INITIAL_JIFFIES + now / TICK_NSEC.
 */
#include <linux/wait.h>
#include <linux/jiffies.h>
#include <linux/poll.h>
#include <linux/errno.h>
#include <linux/printk.h>
#include "kinternal.h"

/* ---- jiffies ---------------------------------------------------------------------- */

/**
 * evlsim__jiffies - the jiffies count: INITIAL_JIFFIES + CLOCK_MONOTONIC / TICK_NSEC
 */
unsigned long evlsim__jiffies(void)
{
	return INITIAL_JIFFIES + (unsigned long)(evlsim__clock_now() / TICK_NSEC);
}

/* ---- queues ------------------------------------------------------------------------- */

/* The queue lock: a lock word, whose every taking TSan sees as an acquire (lock.c). */
static inline void wq_lock(struct wait_queue_head *wq_head)
{
	evlsim__lockword_lock(&wq_head->lock.rlock.lock);
}

static inline void wq_unlock(struct wait_queue_head *wq_head)
{
	evlsim__lockword_unlock(&wq_head->lock.rlock.lock);
}

/**
 * evlsim__wait_sigs - the calling thread's signal count (handlers run on it so far)
 */
unsigned long evlsim__wait_sigs(void)
{
	return __atomic_load_n(&evlsim__current()->sig_count, __ATOMIC_ACQUIRE);
}

/**
 * __init_waitqueue_head - initialise a wait queue head (init_waitqueue_head())
 * @wq_head: the head
 * @name: its name, for diagnostics
 * @key: lockdep class of the head's lock
 */
void __init_waitqueue_head(struct wait_queue_head *wq_head, const char *name,
			   struct lock_class_key *key)
{
	evlsim__spin_lock_init_key(&wq_head->lock.rlock, name, key);
	INIT_LIST_HEAD(&wq_head->head);
}

/**
 * add_wait_queue - queue a non-exclusive entry (after the priority ones)
 * @wq_head: the queue
 * @wq_entry: the entry; WQ_FLAG_EXCLUSIVE is cleared
 */
void add_wait_queue(struct wait_queue_head *wq_head, struct wait_queue_entry *wq_entry)
{
	wq_entry->flags &= ~WQ_FLAG_EXCLUSIVE;
	wq_lock(wq_head);
	__add_wait_queue(wq_head, wq_entry);
	wq_unlock(wq_head);
}

/**
 * add_wait_queue_exclusive - queue an exclusive entry at the tail
 * @wq_head: the queue
 * @wq_entry: the entry
 */
void add_wait_queue_exclusive(struct wait_queue_head *wq_head,
			      struct wait_queue_entry *wq_entry)
{
	wq_entry->flags |= WQ_FLAG_EXCLUSIVE;
	wq_lock(wq_head);
	__add_wait_queue_entry_tail(wq_head, wq_entry);
	wq_unlock(wq_head);
}

/**
 * add_wait_queue_priority - queue an exclusive priority entry at the head
 * @wq_head: the queue
 * @wq_entry: the entry; it can consume a wake-up before any other
 */
void add_wait_queue_priority(struct wait_queue_head *wq_head,
			     struct wait_queue_entry *wq_entry)
{
	wq_entry->flags |= WQ_FLAG_EXCLUSIVE | WQ_FLAG_PRIORITY;
	wq_lock(wq_head);
	__add_wait_queue(wq_head, wq_entry);
	wq_unlock(wq_head);
}

/**
 * remove_wait_queue - unqueue an entry
 * @wq_head: the queue
 * @wq_entry: the entry, which must be queued
 */
void remove_wait_queue(struct wait_queue_head *wq_head, struct wait_queue_entry *wq_entry)
{
	wq_lock(wq_head);
	__remove_wait_queue(wq_head, wq_entry);
	wq_unlock(wq_head);
}

/*
 * The core wakeup function. Non-exclusive wakeups (nr_exclusive == 0) just wake
 * everything up. If it's an exclusive wakeup (nr_exclusive == small +ve number) then we
 * wake that number of exclusive tasks, and potentially all the non-exclusive tasks.
 * Normally, exclusive tasks will be at the end of the list and any non-exclusive tasks
 * will be woken first. A priority task may be at the head of the list, and can consume
 * the event without any other tasks being woken.
 *
 * Caller holds wq_head->lock. Returns the exclusive wake-ups left.
 */
static int __wake_up_common(struct wait_queue_head *wq_head, unsigned int mode,
			    int nr_exclusive, int wake_flags, void *key)
{
	wait_queue_entry_t *curr, *next;

	curr = list_first_entry(&wq_head->head, wait_queue_entry_t, entry);

	if (&curr->entry == &wq_head->head)
		return nr_exclusive;

	list_for_each_entry_safe_from(curr, next, &wq_head->head, entry) {
		unsigned int flags = curr->flags;
		int ret;

		ret = curr->func(curr, mode, wake_flags, key);
		if (ret < 0)
			break;
		if (ret && (flags & WQ_FLAG_EXCLUSIVE) && !--nr_exclusive)
			break;
	}

	return nr_exclusive;
}

static int __wake_up_common_lock(struct wait_queue_head *wq_head, unsigned int mode,
				 int nr_exclusive, int wake_flags, void *key)
{
	int remaining;

	wq_lock(wq_head);
	remaining = __wake_up_common(wq_head, mode, nr_exclusive, wake_flags, key);
	wq_unlock(wq_head);

	return nr_exclusive - remaining;
}

/**
 * __wake_up - wake up threads blocked on a waitqueue.
 * @wq_head: the waitqueue
 * @mode: which threads (TASK_NORMAL, or TASK_INTERRUPTIBLE: interruptible sleepers only)
 * @nr_exclusive: how many wake-one or wake-many threads to wake up (0: all)
 * @key: passed to the wake functions (a poll key for the wake_up_poll() family)
 *
 * Return: the number of exclusive wake-ups done (nr_exclusive minus those left).
 */
int __wake_up(struct wait_queue_head *wq_head, unsigned int mode, int nr_exclusive, void *key)
{
	evlsim__check_service(EVLSIM_SVC_wake_up);
	return __wake_up_common_lock(wq_head, mode, nr_exclusive, 0, key);
}

/* __wake_up() for one exclusive waiter; there is no CPU to stay on here. */
void __wake_up_on_current_cpu(struct wait_queue_head *wq_head, unsigned int mode, void *key)
{
	__wake_up_common_lock(wq_head, mode, 1, 0, key);
}

/* Same as __wake_up but called with the spinlock in wait_queue_head_t held. */
void __wake_up_locked(struct wait_queue_head *wq_head, unsigned int mode, int nr)
{
	__wake_up_common(wq_head, mode, nr, 0, NULL);
}

/* __wake_up_locked() for one exclusive waiter, with a key; wq_head->lock held. */
void __wake_up_locked_key(struct wait_queue_head *wq_head, unsigned int mode, void *key)
{
	__wake_up_common(wq_head, mode, 1, 0, key);
}

/* The sync hint (the waker is about to sleep) changes nothing here. */
void __wake_up_sync_key(struct wait_queue_head *wq_head, unsigned int mode, void *key)
{
	__wake_up_common_lock(wq_head, mode, 1, 0, key);
}

/* The same, sync hint ignored; wq_head->lock held. */
void __wake_up_locked_sync_key(struct wait_queue_head *wq_head, unsigned int mode, void *key)
{
	__wake_up_common(wq_head, mode, 1, 0, key);
}

/* __wake_up_sync_key() without a key. */
void __wake_up_sync(struct wait_queue_head *wq_head, unsigned int mode)
{
	__wake_up_sync_key(wq_head, mode, NULL);
}

/**
 * __wake_up_pollfree - wake every poller with EPOLLHUP | POLLFREE (wake_up_pollfree())
 * @wq_head: the queue, about to be freed
 */
void __wake_up_pollfree(struct wait_queue_head *wq_head)
{
	__wake_up(wq_head, TASK_NORMAL, 0, poll_to_key(EPOLLHUP | POLLFREE));
	/* POLLFREE must have cleared the queue. */
	WARN_ON_ONCE(waitqueue_active(wq_head));
}

/* ---- sleeping ------------------------------------------------------------------------ */

/**
 * default_wake_function - try_to_wake_up() the entry's task
 * @curr: the entry; ->private is the task
 * @mode: the states to wake (TASK_NORMAL, TASK_INTERRUPTIBLE)
 * @wake_flags: unused
 * @key: unused
 *
 * Returns 1 if the task was sleeping in a state @mode covers and is now running, else 0.
 */
int default_wake_function(struct wait_queue_entry *curr, unsigned int mode, int wake_flags,
			  void *key)
{
	return wake_up_state(curr->private, mode);
}

/**
 * autoremove_wake_function - default_wake_function(), then unqueue the entry if it woke
 * @wq_entry: the entry
 * @mode: the states to wake
 * @sync: unused
 * @key: unused
 */
int autoremove_wake_function(struct wait_queue_entry *wq_entry, unsigned int mode, int sync,
			     void *key)
{
	int ret = default_wake_function(wq_entry, mode, sync, key);

	if (ret)
		list_del_init_careful(&wq_entry->entry);

	return ret;
}

/**
 * init_wait_entry - initialise the entry of a wait_event*() for the calling task
 * @wq_entry: the entry
 * @flags: 0 or WQ_FLAG_EXCLUSIVE
 *
 * The wait begins here: a signal handled from now on is pending for it.
 */
void init_wait_entry(struct wait_queue_entry *wq_entry, int flags)
{
	wq_entry->flags = flags;
	wq_entry->private = current;
	wq_entry->func = autoremove_wake_function;
	wq_entry->__evlsim_sig = evlsim__wait_sigs();
	INIT_LIST_HEAD(&wq_entry->entry);
}

/*
 * Note: we use "set_current_state()" _after_ the wait-queue add, because we need a memory
 * barrier there on SMP, so that any wake-function that tests for the wait-queue being
 * active will be guaranteed to see the state change.
 */
/**
 * prepare_to_wait - queue the entry (non-exclusive) if it is not, set the task's state
 * @wq_head: the queue
 * @wq_entry: the entry
 * @state: TASK_INTERRUPTIBLE, TASK_UNINTERRUPTIBLE...
 */
void prepare_to_wait(struct wait_queue_head *wq_head, struct wait_queue_entry *wq_entry,
		     int state)
{
	wq_entry->flags &= ~WQ_FLAG_EXCLUSIVE;
	wq_lock(wq_head);
	if (list_empty(&wq_entry->entry))
		__add_wait_queue(wq_head, wq_entry);
	set_current_state(state);
	wq_unlock(wq_head);
}

/**
 * prepare_to_wait_exclusive - prepare_to_wait() as an exclusive waiter, at the tail
 * @wq_head: the queue
 * @wq_entry: the entry
 * @state: the task's state
 *
 * Returns true if we are the first waiter in the queue, false otherwise.
 */
bool prepare_to_wait_exclusive(struct wait_queue_head *wq_head,
			       struct wait_queue_entry *wq_entry, int state)
{
	bool was_empty = false;

	wq_entry->flags |= WQ_FLAG_EXCLUSIVE;
	wq_lock(wq_head);
	if (list_empty(&wq_entry->entry)) {
		was_empty = list_empty(&wq_head->head);
		__add_wait_queue_entry_tail(wq_head, wq_entry);
	}
	set_current_state(state);
	wq_unlock(wq_head);
	return was_empty;
}

/*
 * signal_pending_state(): an interruptible waiter has a signal pending when a handler ran
 * on its thread since its wait began. Fatal signals (TASK_WAKEKILL) never reach here.
 */
static bool signal_pending_state(int state, struct wait_queue_entry *wq_entry)
{
	struct evlsim_thread *self = evlsim__current();

	if (!(state & TASK_INTERRUPTIBLE))
		return false;
	return evlsim__signal_since(self, wq_entry->__evlsim_sig);
}

/**
 * prepare_to_wait_event - one step of ___wait_event(): queue, set the state, or give up
 * @wq_head: the queue
 * @wq_entry: the entry, from init_wait_entry()
 * @state: the task's state
 *
 * Returns 0, or -ERESTARTSYS (the entry unqueued) if @state is interruptible and a signal
 * is pending.
 */
long prepare_to_wait_event(struct wait_queue_head *wq_head, struct wait_queue_entry *wq_entry,
			   int state)
{
	evlsim__check_service(EVLSIM_SVC_wait_event);
	long ret = 0;

	/* fault injection: as if a signal were pending */
	bool fault = (state & TASK_INTERRUPTIBLE) &&
		evlsim__should_fail(EVLSIM_FAULT_INBAND_WAIT, 0);

	wq_lock(wq_head);
	if (fault || signal_pending_state(state, wq_entry)) {
		/*
		 * Exclusive waiter must not fail if it was selected by wakeup, it should
		 * "consume" the condition we were waiting for.
		 *
		 * The caller will recheck the condition and return success if we were
		 * already woken up, we can not miss the event because wakeup locks/unlocks
		 * the same wq_head->lock.
		 *
		 * But we need to ensure that set-condition + wakeup after that can't see us,
		 * it should wake up another exclusive waiter if we fail.
		 */
		list_del_init(&wq_entry->entry);
		ret = -ERESTARTSYS;
	} else {
		if (list_empty(&wq_entry->entry)) {
			if (wq_entry->flags & WQ_FLAG_EXCLUSIVE)
				__add_wait_queue_entry_tail(wq_head, wq_entry);
			else
				__add_wait_queue(wq_head, wq_entry);
		}
		set_current_state(state);
	}
	wq_unlock(wq_head);

	return ret;
}

/**
 * finish_wait - clean up after waiting in a queue
 * @wq_head: waitqueue waited on
 * @wq_entry: wait descriptor
 *
 * Sets current thread back to running state and removes the wait descriptor from the
 * given waitqueue if still queued.
 */
void finish_wait(struct wait_queue_head *wq_head, struct wait_queue_entry *wq_entry)
{
	__set_current_state(TASK_RUNNING);
	wq_lock(wq_head);
	if (!list_empty(&wq_entry->entry))
		list_del_init(&wq_entry->entry);
	wq_unlock(wq_head);
}
