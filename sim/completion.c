// SPDX-License-Identifier: LGPL-2.1-or-later
/*
 * Completions (kernel world), after kernel/sched/completion.c, on the simulator's one
 * sleep/wake primitive. complete() hands one unit to the first waiter (or to whoever takes
 * the lock first, as in the kernel); complete_all() makes every wait succeed until the
 * completion is reinitialised.
 */
#include <linux/completion.h>
#include <linux/list.h>
#include <linux/limits.h>
#include <linux/errno.h>
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
	lock_x(x);
	if (x->done != UINT_MAX)
		x->done++;
	wake_first(x);
	unlock_x(x);
}

void complete_all(struct completion *x)
{
	lock_x(x);
	x->done = UINT_MAX;
	while (!list_empty(&x->wait.task_list))
		wake_first(x);
	unlock_x(x);
}

/*
 * Returns 1 when a unit was consumed, 0 on timeout, -ERESTARTSYS when a signal
 * interrupted an interruptible wait.
 */
static long wait_common(struct completion *x, evlsim_ns_t deadline, int flags)
{
	struct evlsim_thread *self = evlsim__current();
	struct completion_waiter w = { .thread = self };
	int r;

	INIT_LIST_HEAD(&w.next);
	lock_x(x);
	while (!x->done) {
		if (list_empty(&w.next))
			list_add_tail(&w.next, &x->wait.task_list);
		evlsim__prepare_sleep(self);
		unlock_x(x);
		r = evlsim__sleep(self, deadline, flags);
		lock_x(x);
		if (x->done)
			break;
		if (r == EVLSIM_SIGNALED || r == EVLSIM_TIMEDOUT) {
			list_del_init(&w.next);
			unlock_x(x);
			return r == EVLSIM_SIGNALED ? -ERESTARTSYS : 0;
		}
	}
	list_del_init(&w.next);
	if (x->done != UINT_MAX)
		x->done--;
	unlock_x(x);
	return 1;
}

void wait_for_completion(struct completion *x)
{
	wait_common(x, EVLSIM_NS_INFINITE, 0);
}

void wait_for_completion_io(struct completion *x)
{
	wait_common(x, EVLSIM_NS_INFINITE, 0);
}

int wait_for_completion_interruptible(struct completion *x)
{
	long t = wait_common(x, EVLSIM_NS_INFINITE, EVLSIM_SLEEP_INTERRUPTIBLE);

	return t < 0 ? (int)t : 0;
}

/* Only a fatal signal interrupts a killable wait; a process that gets one is gone. */
int wait_for_completion_killable(struct completion *x)
{
	wait_common(x, EVLSIM_NS_INFINITE, 0);
	return 0;
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
