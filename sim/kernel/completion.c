// SPDX-License-Identifier: LGPL-2.1-or-later
/*
 * Completions (kernel world), after kernel/sched/completion.c, on the simulator's one
 * sleep/wake primitive. complete() hands one unit to the first waiter (or to whoever takes
 * the lock first, as in the kernel); complete_all() makes every wait succeed until the
 * completion is reinitialised. Timeouts are in jiffies (schedule_timeout()'s
 * conventions, ksched.h); a signal interrupts an interruptible wait when its handler ran
 * on the waiting thread since the wait began (signal_pending() in the kernel).
 */
#include <linux/completion.h>
#include <linux/list.h>
#include <linux/limits.h>
#include <linux/errno.h>
#include "ksched.h"
#include "kinternal.h"

struct completion_waiter {
	struct list_head next;
	struct evlsim_thread *thread;
};

static inline void lock_x(struct completion *x)
{
	evlsim__lockword_lock(&x->wait.lock.lock);
}

static inline void unlock_x(struct completion *x)
{
	evlsim__lockword_unlock(&x->wait.lock.lock);
}

void init_completion(struct completion *x)
{
	x->done = 0;
	x->wait.lock.lock = 0;
	x->wait.lock.name = "completion";
	INIT_LIST_HEAD(&x->wait.task_list);
}

void reinit_completion(struct completion *x)
{
	x->done = 0;
}

static void wake_first(struct completion *x)
{
	struct completion_waiter *w;

	if (list_empty(&x->wait.task_list))
		return;
	w = list_first_entry(&x->wait.task_list, struct completion_waiter, next);
	list_del_init(&w->next);
	evlsim__wake(w->thread);
}

void complete(struct completion *x)
{
	evlsim__check_service(EVLSIM_SVC_complete);
	lock_x(x);
	if (x->done != UINT_MAX)
		x->done++;
	wake_first(x);
	unlock_x(x);
}

void complete_all(struct completion *x)
{
	evlsim__check_service(EVLSIM_SVC_complete);
	lock_x(x);
	x->done = UINT_MAX;
	while (!list_empty(&x->wait.task_list))
		wake_first(x);
	unlock_x(x);
}

/*
 * do_wait_for_common(): returns the jiffies left (at least 1) when a unit was consumed,
 * 0 on timeout, -ERESTARTSYS when a signal interrupted an interruptible wait.
 * MAX_SCHEDULE_TIMEOUT waits without a deadline.
 */
static long wait_common(struct completion *x, long timeout, int flags)
{
	struct evlsim_thread *self = evlsim__current();
	struct completion_waiter w = { .thread = self };
	unsigned long sigs = __atomic_load_n(&self->sig_count, __ATOMIC_ACQUIRE);
	evlsim_ns_t deadline;
	int r;

	deadline = timeout == MAX_SCHEDULE_TIMEOUT ? EVLSIM_NS_INFINITE
						   : evlsim__jiffies_deadline(timeout);
	INIT_LIST_HEAD(&w.next);
	lock_x(x);
	if (!x->done) {
		do {
			if ((flags & EVLSIM_SLEEP_INTERRUPTIBLE) &&
			    evlsim__signal_pending_since(self, sigs)) {
				timeout = -ERESTARTSYS;
				break;
			}
			if (list_empty(&w.next))
				list_add_tail(&w.next, &x->wait.task_list);
			evlsim__prepare_sleep(self);
			unlock_x(x);
			r = evlsim__sleep(self, deadline, flags);
			if (timeout != MAX_SCHEDULE_TIMEOUT)
				timeout = r == EVLSIM_TIMEDOUT ? 0 : evlsim__jiffies_left(deadline);
			lock_x(x);
		} while (!x->done && timeout);
		list_del_init(&w.next);
		if (!x->done) {
			unlock_x(x);
			return timeout;
		}
	}
	if (x->done != UINT_MAX)
		x->done--;
	unlock_x(x);
	return timeout ?: 1;
}

void wait_for_completion(struct completion *x)
{
	evlsim__check_service(EVLSIM_SVC_wait_for_completion);
	wait_common(x, MAX_SCHEDULE_TIMEOUT, 0);
}

void wait_for_completion_io(struct completion *x)
{
	evlsim__check_service(EVLSIM_SVC_wait_for_completion);
	wait_common(x, MAX_SCHEDULE_TIMEOUT, 0);
}

int wait_for_completion_interruptible(struct completion *x)
{
	evlsim__check_service(EVLSIM_SVC_wait_for_completion);
	if (evlsim__should_fail(EVLSIM_FAULT_INBAND_WAIT, 0))
		return -ERESTARTSYS;
	long t = wait_common(x, MAX_SCHEDULE_TIMEOUT, EVLSIM_SLEEP_INTERRUPTIBLE);

	return t == -ERESTARTSYS ? (int)t : 0;
}

/* Only a fatal signal interrupts a killable wait; a process that gets one is gone. */
int wait_for_completion_killable(struct completion *x)
{
	evlsim__check_service(EVLSIM_SVC_wait_for_completion);
	wait_common(x, MAX_SCHEDULE_TIMEOUT, 0);
	return 0;
}

/**
 * wait_for_completion_timeout - wait for completion with a timeout, uninterruptibly
 * @x: the completion
 * @timeout: timeout in jiffies
 *
 * Return: 0 if timed out, and positive (at least 1, or number of jiffies left till
 * timeout) if completed.
 */
unsigned long wait_for_completion_timeout(struct completion *x, unsigned long timeout)
{
	evlsim__check_service(EVLSIM_SVC_wait_for_completion);
	return wait_common(x, timeout, 0);
}

unsigned long wait_for_completion_io_timeout(struct completion *x, unsigned long timeout)
{
	evlsim__check_service(EVLSIM_SVC_wait_for_completion);
	return wait_common(x, timeout, 0);
}

/**
 * wait_for_completion_interruptible_timeout - the same, interruptible by a signal
 * @x: the completion
 * @timeout: timeout in jiffies
 *
 * Return: -ERESTARTSYS if interrupted, 0 if timed out, positive (at least 1, or number
 * of jiffies left till timeout) if completed.
 */
long wait_for_completion_interruptible_timeout(struct completion *x, unsigned long timeout)
{
	evlsim__check_service(EVLSIM_SVC_wait_for_completion);
	if (evlsim__should_fail(EVLSIM_FAULT_INBAND_WAIT, 0))
		return -ERESTARTSYS;
	return wait_common(x, timeout, EVLSIM_SLEEP_INTERRUPTIBLE);
}

/**
 * wait_for_completion_killable_timeout - the same, interruptible by a fatal signal
 * @x: the completion
 * @timeout: timeout in jiffies
 *
 * Return as wait_for_completion_interruptible_timeout(); the simulator never sees a
 * fatal signal (the process is gone), so this never returns -ERESTARTSYS.
 */
long wait_for_completion_killable_timeout(struct completion *x, unsigned long timeout)
{
	evlsim__check_service(EVLSIM_SVC_wait_for_completion);
	return wait_common(x, timeout, 0);
}

bool try_wait_for_completion(struct completion *x)
{
	bool ret = true;

	/* Since x->done will need to be locked only in the non-blocking case, we check x->done
	 * first without taking the lock so we can return early in the blocking case. */
	if (!READ_ONCE(x->done))
		return false;

	lock_x(x);
	if (!x->done)
		ret = false;
	else if (x->done != UINT_MAX)
		x->done--;
	unlock_x(x);
	return ret;
}

bool completion_done(struct completion *x)
{
	bool ret;

	if (!READ_ONCE(x->done))
		return false;
	lock_x(x);
	ret = x->done != 0;
	unlock_x(x);
	return ret;
}
