// SPDX-License-Identifier: LGPL-2.1-or-later
/*
 * Mutexes (kernel world), after kernel/locking/mutex.c, on the simulator's one sleep/wake
 * primitive.
 *
 * ->owner is the owning task with MUTEX_FLAG_* in its low bits. Lock and unlock are one
 * compare-and-exchange when uncontended. A waiter queues itself under ->wait_lock and
 * sets MUTEX_FLAG_WAITERS in the same compare-and-exchange loop that would take a free
 * mutex, so an owner either sees the flag and unlocks through ->wait_lock, or released the
 * mutex before the waiter looked and the waiter takes it. A contended unlock hands the
 * mutex to the first waiter (the kernel's MUTEX_FLAG_HANDOFF path, always taken): FIFO,
 * no starvation, and the woken waiter owns the mutex when it returns.
 */
#include <linux/mutex.h>
#include <linux/sched.h>
#include <linux/bug.h>
#include <linux/errno.h>
#include "ksched.h"
#include "kinternal.h"

#define MUTEX_FLAG_WAITERS	0x01
#define MUTEX_FLAG_HANDOFF	0x02
#define MUTEX_FLAG_PICKUP	0x04
#define MUTEX_FLAGS		0x07

struct mutex_waiter {
	struct list_head list;
	struct task_struct *task;
};

static inline struct task_struct *__owner_task(unsigned long owner)
{
	return (struct task_struct *)(owner & ~MUTEX_FLAGS);
}

static inline void lock_wait(struct mutex *lock)
{
	evlsim__lockword_lock(&lock->wait_lock.lock);
}

static inline void unlock_wait(struct mutex *lock)
{
	evlsim__lockword_unlock(&lock->wait_lock.lock);
}

void __mutex_init(struct mutex *lock, const char *name, struct lock_class_key *key)
{
	atomic_long_set(&lock->owner, 0);
	lock->wait_lock = (raw_spinlock_t)__RAW_SPIN_LOCK_INITIALIZER(mutex.wait_lock);
	lock->wait_lock.name = name;
	lock->wait_lock.key = key;		/* the lockdep class (lockdep.c) */
	INIT_LIST_HEAD(&lock->wait_list);
	lock->magic = lock;
}

static inline bool trylock_fast(struct mutex *lock, struct task_struct *curr)
{
	long zero = 0;

	return atomic_long_try_cmpxchg_acquire(&lock->owner, &zero, (long)curr);
}

/* Takes a free mutex (keeping its flags), or sets @flag on a held one. Under ->wait_lock. */
static bool trylock_or_flag(struct mutex *lock, struct task_struct *curr, long flag)
{
	long owner = atomic_long_read(&lock->owner);

	for (;;) {
		if (!__owner_task(owner)) {
			if (atomic_long_try_cmpxchg_acquire(&lock->owner, &owner,
							    (long)curr | (owner & MUTEX_FLAGS)))
				return true;
		} else if ((owner & flag) ||
			   atomic_long_try_cmpxchg(&lock->owner, &owner, owner | flag)) {
			return false;
		}
	}
}

/*
 * In a child of fork(): a mutex held by a parent thread that does not exist here is
 * reported and taken over by @curr (evlsim__lock_owner_gone()). Under ->wait_lock.
 */
static bool take_over_forked(struct mutex *lock, struct task_struct *curr)
{
	long owner = atomic_long_read(&lock->owner);
	struct task_struct *task = __owner_task(owner);

	if (!task || !evlsim__lock_owner_gone(task->evlsim_thread, "mutex", lock->wait_lock.name))
		return false;
	atomic_long_set(&lock->owner, (long)curr | (owner & MUTEX_FLAGS));
	return true;
}

static int lock_slowpath(struct mutex *lock, struct task_struct *curr, int sleep_flags)
{
	struct evlsim_thread *self = curr->evlsim_thread;
	struct mutex_waiter waiter = { .task = curr };
	unsigned long snap;
	int r;

	lock_wait(lock);
	if (trylock_or_flag(lock, curr, 0)) {
		unlock_wait(lock);
		return 0;
	}
	list_add_tail(&waiter.list, &lock->wait_list);
	evlsim__prepare_sleep(self);
	for (;;) {
		if (trylock_or_flag(lock, curr, MUTEX_FLAG_WAITERS)) {
			/* released before we could flag it: ours */
			list_del(&waiter.list);
			if (list_empty(&lock->wait_list))
				atomic_long_andnot(MUTEX_FLAG_WAITERS, &lock->owner);
			break;
		}
		if (unlikely(READ_ONCE(evlsim__forked)) && take_over_forked(lock, curr)) {
			list_del(&waiter.list);
			if (list_empty(&lock->wait_list))
				atomic_long_andnot(MUTEX_FLAG_WAITERS, &lock->owner);
			break;
		}
		unlock_wait(lock);
		r = evlsim__sleep(self, EVLSIM_NS_INFINITE, sleep_flags);
		lock_wait(lock);
		if (__owner_task(atomic_long_read(&lock->owner)) == curr)
			break;		/* handed off to us, and dequeued by the unlocker */
		if (r == EVLSIM_SIGNALED) {
			list_del(&waiter.list);
			if (list_empty(&lock->wait_list))
				atomic_long_andnot(MUTEX_FLAG_WAITERS, &lock->owner);
			unlock_wait(lock);
			return -EINTR;
		}
		/* a stray wake-up: wait again, a signal since we queued still counts */
		snap = self->sig_snap;
		evlsim__prepare_sleep(self);
		self->sig_snap = snap;
	}
	unlock_wait(lock);
	return 0;
}

static int __mutex_lock(struct mutex *lock, int sleep_flags)
{
	struct task_struct *curr = current;

	if (trylock_fast(lock, curr))
		return 0;
	return lock_slowpath(lock, curr, sleep_flags);
}

/*
 * The memory check and lockdep first: a freed mutex or a recursive acquisition is reported
 * and not taken (0 returned), rather than a hang. The class is the mutex_init() site's
 * key, kept in the (never lockdep-tracked) wait_lock.
 */
static bool skip_lock(struct mutex *lock, const void *site)
{
	return evlsim__mem_freed(lock, "mutex_lock", site) ||
	       evlsim__lock_acquire(lock, lock->wait_lock.key, lock->wait_lock.name, 0, site);
}

void mutex_lock(struct mutex *lock)
{
	evlsim__check_service(EVLSIM_SVC_mutex_lock);
	if (skip_lock(lock, __builtin_return_address(0)))
		return;
	__mutex_lock(lock, 0);
}

void mutex_lock_io(struct mutex *lock)
{
	if (skip_lock(lock, __builtin_return_address(0)))
		return;
	__mutex_lock(lock, 0);
}

int mutex_lock_interruptible(struct mutex *lock)
{
	int ret;

	evlsim__check_service(EVLSIM_SVC_mutex_lock);
	if (evlsim__should_fail(EVLSIM_FAULT_INBAND_WAIT, 0))
		return -EINTR;
	if (skip_lock(lock, __builtin_return_address(0)))
		return 0;
	ret = __mutex_lock(lock, EVLSIM_SLEEP_INTERRUPTIBLE);
	if (ret)
		evlsim__lock_release(lock);
	return ret;
}

/* Only a fatal signal interrupts a killable wait; a process that gets one is gone. */
int mutex_lock_killable(struct mutex *lock)
{
	evlsim__check_service(EVLSIM_SVC_mutex_lock);
	if (skip_lock(lock, __builtin_return_address(0)))
		return 0;
	return __mutex_lock(lock, 0);
}

int mutex_trylock(struct mutex *lock)
{
	evlsim__check_service(EVLSIM_SVC_mutex_trylock);
	struct task_struct *curr = current;
	long owner = atomic_long_read(&lock->owner);

	while (!__owner_task(owner)) {
		if (atomic_long_try_cmpxchg_acquire(&lock->owner, &owner,
						    (long)curr | (owner & MUTEX_FLAGS))) {
			evlsim__lock_acquire(lock, lock->wait_lock.key, lock->wait_lock.name,
					     EVLSIM_LD_TRY, __builtin_return_address(0));
			return 1;
		}
	}
	return 0;
}

void mutex_unlock(struct mutex *lock)
{
	evlsim__check_service(EVLSIM_SVC_mutex_unlock);
	struct task_struct *curr = current;
	struct mutex_waiter *waiter;
	long owner, next;

	if (evlsim__mem_freed(lock, "mutex_unlock", __builtin_return_address(0)) ||
	    evlsim__lock_release(lock))
		return;
	owner = atomic_long_read(&lock->owner);

	/* CONFIG_DEBUG_MUTEXES, debug_mutex_unlock() */
	if (WARN(__owner_task(owner) != curr,
		 "DEBUG_LOCKS_WARN_ON(__owner_task(owner) != current): mutex %p owned by %s",
		 lock, __owner_task(owner) ? __owner_task(owner)->comm : "nobody")) {
		if (!__owner_task(owner))
			return;
		curr = __owner_task(owner);	/* unlock anyway, as the kernel goes on */
	}
	if (!(owner & MUTEX_FLAGS) &&
	    atomic_long_try_cmpxchg_release(&lock->owner, &owner, 0))
		return;

	lock_wait(lock);
	if (list_empty(&lock->wait_list)) {
		atomic_long_set_release(&lock->owner, 0);
	} else {
		waiter = list_first_entry(&lock->wait_list, struct mutex_waiter, list);
		list_del(&waiter->list);
		next = (long)waiter->task;
		if (!list_empty(&lock->wait_list))
			next |= MUTEX_FLAG_WAITERS;
		atomic_long_set_release(&lock->owner, next);
		evlsim__wake(waiter->task->evlsim_thread);
	}
	unlock_wait(lock);
}

void mutex_destroy(struct mutex *lock)
{
	/* CONFIG_DEBUG_MUTEXES */
	WARN(mutex_is_locked(lock), "DEBUG_LOCKS_WARN_ON(mutex_is_locked(lock)): mutex %p", lock);
	lock->magic = NULL;
}
