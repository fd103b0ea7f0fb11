/* SPDX-License-Identifier: LGPL-2.1-or-later */
/*
 * evlsim shim: linux v6.12 include/linux/mutex.h, custom re-implementation of
 * kernel/locking/mutex.c on the simulator's sleep/wake primitive.
 *
 * ->owner holds the owning task (current) with the flag bits in its low bits, as in the
 * kernel. The fast paths are one compare-and-exchange; a contended unlock hands the mutex
 * directly to the first waiter (FIFO), as the kernel does once a waiter set
 * MUTEX_FLAG_HANDOFF, so no waiter starves. mutex_lock_interruptible() returns -EINTR
 * when a signal arrives while it waits or is pending when it would sleep.
 * CONFIG_DEBUG_MUTEXES checks are always on and go to the reporter as warnings: unlocking
 * a mutex the caller does not own, destroying a locked mutex.
 * Deviation: mutex_lock_killable() is not interrupted (a fatal signal ends the process).
 */
#ifndef _EVLSIM_LINUX_MUTEX_H
#define _EVLSIM_LINUX_MUTEX_H

#include <linux/types.h>
#include <linux/atomic.h>
#include <linux/list.h>
#include <linux/spinlock_types.h>
#include <linux/lockdep_types.h>

struct mutex {
	atomic_long_t		owner;
	raw_spinlock_t		wait_lock;
	struct list_head	wait_list;
	void			*magic;		/* CONFIG_DEBUG_MUTEXES */
};

#define __MUTEX_INITIALIZER(lockname)					\
	{ .owner = ATOMIC_LONG_INIT(0),					\
	  .wait_lock = __RAW_SPIN_LOCK_INITIALIZER(lockname.wait_lock),	\
	  .wait_list = LIST_HEAD_INIT(lockname.wait_list),		\
	  .magic = &lockname }

#define DEFINE_MUTEX(mutexname) \
	struct mutex mutexname = __MUTEX_INITIALIZER(mutexname)

void __mutex_init(struct mutex *lock, const char *name, struct lock_class_key *key)
	__evlsim_ksym(__mutex_init);

#define mutex_init(mutex)						\
do {									\
	static struct lock_class_key __key;				\
									\
	__mutex_init((mutex), #mutex, &__key);				\
} while (0)

/**
 * mutex_is_locked - is the mutex locked
 * @lock: the mutex to be queried
 *
 * Returns true if the mutex is locked, false if unlocked.
 */
static inline bool mutex_is_locked(struct mutex *lock)
{
	return (atomic_long_read(&lock->owner) & ~0x07L) != 0;
}

void mutex_destroy(struct mutex *lock) __evlsim_ksym(mutex_destroy);

void mutex_lock(struct mutex *lock) __evlsim_ksym(mutex_lock);
int __must_check mutex_lock_interruptible(struct mutex *lock)
	__evlsim_ksym(mutex_lock_interruptible);
int __must_check mutex_lock_killable(struct mutex *lock) __evlsim_ksym(mutex_lock_killable);
void mutex_lock_io(struct mutex *lock) __evlsim_ksym(mutex_lock_io);

#define mutex_lock_nested(lock, subclass)		mutex_lock(lock)
#define mutex_lock_interruptible_nested(lock, subclass)	mutex_lock_interruptible(lock)
#define mutex_lock_killable_nested(lock, subclass)	mutex_lock_killable(lock)
#define mutex_lock_nest_lock(lock, nest_lock)		mutex_lock(lock)
#define mutex_lock_io_nested(lock, subclass)		mutex_lock_io(lock)

/*
 * mutex_trylock - try to lock the mutex, without waiting
 * Returns 1 if the mutex has been acquired successfully, and 0 on contention.
 * NOTE: this function follows the spin_trylock() convention, not the
 * down_trylock() one.
 */
int mutex_trylock(struct mutex *lock) __evlsim_ksym(mutex_trylock);
void mutex_unlock(struct mutex *lock) __evlsim_ksym(mutex_unlock);

#endif
