// SPDX-License-Identifier: LGPL-2.1-or-later
/*
 * Counting semaphores (kernel world), after kernel/locking/semaphore.c, on the
 * simulator's one sleep/wake primitive. Same algorithm: down() takes a unit when the count
 * is positive, else queues; up() increments the count when nobody waits, else hands the
 * unit to the first waiter (FIFO) by setting its ->up.
 */
#include <linux/semaphore.h>
#include <linux/errno.h>
#include <linux/limits.h>
#include <linux/bug.h>
#include "ksched.h"
#include "kinternal.h"

struct semaphore_waiter {
	struct list_head list;
	struct evlsim_thread *thread;
	bool up;
};

static inline void sem_lock(struct semaphore *sem)
{
	evlsim__lockword_lock(&sem->lock.lock);
}

static inline void sem_unlock(struct semaphore *sem)
{
	evlsim__lockword_unlock(&sem->lock.lock);
}

/* Under sem->lock; returns 0, -EINTR or -ETIME, with sem->lock held. */
static int __down_common(struct semaphore *sem, int flags, evlsim_ns_t deadline)
{
	struct semaphore_waiter waiter = { .thread = evlsim__current(), .up = false };
	unsigned long snap;
	int r;

	list_add_tail(&waiter.list, &sem->wait_list);
	evlsim__prepare_sleep(waiter.thread);
	for (;;) {
		sem_unlock(sem);
		r = evlsim__sleep(waiter.thread, deadline, flags);
		sem_lock(sem);
		if (waiter.up)
			return 0;
		if (r == EVLSIM_SIGNALED) {
			list_del(&waiter.list);
			return -EINTR;
		}
		if (r == EVLSIM_TIMEDOUT) {
			list_del(&waiter.list);
			return -ETIME;
		}
		snap = waiter.thread->sig_snap;	/* stray wake-up: wait again */
		evlsim__prepare_sleep(waiter.thread);
		waiter.thread->sig_snap = snap;
	}
}

static int down_common(struct semaphore *sem, const void *site, int flags,
		       evlsim_ns_t deadline)
{
	int ret = 0;

	might_sleep();
	/* a freed semaphore is reported and not waited for; lockdep: the edges into it */
	if (evlsim__mem_freed(sem, "down", site))
		return 0;
	evlsim__lock_acquire(sem, sem->lock.key, sem->lock.name, EVLSIM_LD_NOHOLD, site);
	sem_lock(sem);
	if (likely(sem->count > 0))
		sem->count--;
	else
		ret = __down_common(sem, flags, deadline);
	sem_unlock(sem);
	return ret;
}

void down(struct semaphore *sem)
{
	evlsim__check_service(EVLSIM_SVC_down);
	down_common(sem, __builtin_return_address(0), 0, EVLSIM_NS_INFINITE);
}

int down_interruptible(struct semaphore *sem)
{
	evlsim__check_service(EVLSIM_SVC_down);
	if (evlsim__should_fail(EVLSIM_FAULT_INBAND_WAIT, 0))
		return -EINTR;
	return down_common(sem, __builtin_return_address(0), EVLSIM_SLEEP_INTERRUPTIBLE, EVLSIM_NS_INFINITE);
}

/* Only a fatal signal interrupts a killable wait; a process that gets one is gone. */
int down_killable(struct semaphore *sem)
{
	evlsim__check_service(EVLSIM_SVC_down);
	return down_common(sem, __builtin_return_address(0), 0, EVLSIM_NS_INFINITE);
}

int down_trylock(struct semaphore *sem)
{
	evlsim__check_service(EVLSIM_SVC_down_trylock);
	int count;

	sem_lock(sem);
	count = sem->count - 1;
	if (likely(count >= 0))
		sem->count = count;
	sem_unlock(sem);
	return (count < 0);
}

int down_timeout(struct semaphore *sem, long timeout)
{
	evlsim__check_service(EVLSIM_SVC_down);
	return down_common(sem, __builtin_return_address(0), 0, evlsim__jiffies_deadline(timeout < 0 ? 0 : timeout));
}

void up(struct semaphore *sem)
{
	evlsim__check_service(EVLSIM_SVC_up);
	struct semaphore_waiter *waiter;

	if (evlsim__mem_freed(sem, "up", __builtin_return_address(0)))
		return;
	sem_lock(sem);
	if (likely(list_empty(&sem->wait_list))) {
		if (WARN_ON(sem->count == UINT_MAX))
			goto out;
		sem->count++;
	} else {
		waiter = list_first_entry(&sem->wait_list, struct semaphore_waiter, list);
		list_del(&waiter->list);
		waiter->up = true;
		evlsim__wake(waiter->thread);
	}
out:
	sem_unlock(sem);
}
