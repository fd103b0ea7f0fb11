/* SPDX-License-Identifier: LGPL-2.1-or-later */
/*
 * evlsim shim: linux v6.12 include/linux/semaphore.h; kernel/locking/semaphore.c
 * re-implemented on the simulator's sleep/wake primitive, same algorithm: up() hands the
 * unit directly to the first waiter (FIFO) when there is one.
 * down_timeout() takes jiffies, HZ = 1000. down_interruptible() returns -EINTR when a
 * signal arrives while it waits. Deviation: down_killable() is not interrupted (a fatal
 * signal ends the process).
 */
#ifndef _EVLSIM_LINUX_SEMAPHORE_H
#define _EVLSIM_LINUX_SEMAPHORE_H

#include <linux/types.h>
#include <linux/list.h>
#include <linux/spinlock_types.h>
#include <linux/lockdep_types.h>

/* Please don't access any members of this structure directly */
struct semaphore {
	raw_spinlock_t		lock;
	unsigned int		count;
	struct list_head	wait_list;
};

#define __SEMAPHORE_INITIALIZER(name, n)				\
{									\
	.lock		= __RAW_SPIN_LOCK_INITIALIZER((name).lock),	\
	.count		= n,						\
	.wait_list	= LIST_HEAD_INIT((name).wait_list),		\
}

/*
 * Unlike mutexes, binary semaphores do not have an owner, so up() can
 * be called in a different thread from the one which called down().
 * It is also safe to call down_trylock() and up() from interrupt
 * context.
 */
#define DEFINE_SEMAPHORE(_name, _n)	\
	struct semaphore _name = __SEMAPHORE_INITIALIZER(_name, _n)

static inline void __evlsim_sema_init(struct semaphore *sem, int val, const char *name,
				      struct lock_class_key *key)
{
	*sem = (struct semaphore) __SEMAPHORE_INITIALIZER(*sem, val);
	sem->lock.name = name;
	sem->lock.key = key;		/* the lockdep class: the init site */
}
/* a macro, as spin_lock_init(): one lockdep class per init site (the kernel's semaphores
 * are not validated; evlsim checks the order of the locks a down() waits under) */
#define sema_init(sem, val)						\
	do {								\
		static struct lock_class_key __evlsim_key;		\
		__evlsim_sema_init((sem), (val), #sem, &__evlsim_key);	\
	} while (0)

void down(struct semaphore *sem) __evlsim_ksym(down);
/* Returns 0, or -EINTR if a signal arrived while waiting. */
int __must_check down_interruptible(struct semaphore *sem) __evlsim_ksym(down_interruptible);
int __must_check down_killable(struct semaphore *sem) __evlsim_ksym(down_killable);
/* Returns 0 if the semaphore was acquired, 1 if it was not (the opposite of
 * spin_trylock() and mutex_trylock()). */
int __must_check down_trylock(struct semaphore *sem) __evlsim_ksym(down_trylock);
/* Returns 0, or -ETIME if @timeout jiffies elapsed first. */
int __must_check down_timeout(struct semaphore *sem, long timeout) __evlsim_ksym(down_timeout);
void up(struct semaphore *sem) __evlsim_ksym(up);

#endif
