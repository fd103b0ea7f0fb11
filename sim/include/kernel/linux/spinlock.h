/* SPDX-License-Identifier: LGPL-2.1-or-later */
/*
 * evlsim shim: linux v6.12 + Dovetail include/linux/spinlock.h, custom re-implementation.
 *
 * raw_spin_*() accept both raw_spinlock_t and Dovetail's hard_spinlock_t, selected on the
 * pointer type with __builtin_types_compatible_p() as LOCK_ALTERNATIVES() does; any other
 * type fails to link (__bad_spinlock_type). A hard lock also disables "hard irqs" of the
 * calling thread (hard_irqs_disabled() becomes true). spin_*() take a spinlock_t.
 * Every lock is a futex-backed word: it spins briefly, then sleeps, which on a
 * simulator is the honest way for a lock holder that got preempted to be waited for.
 */
#ifndef _EVLSIM_LINUX_SPINLOCK_H
#define _EVLSIM_LINUX_SPINLOCK_H

#include <linux/types.h>
#include <linux/spinlock_types.h>
#include <linux/lockdep_types.h>
#include <linux/irqflags.h>
#include <asm/processor.h>

__evlsim_export void evlsim__spin_lock(raw_spinlock_t *lock, int kind);
__evlsim_export void evlsim__spin_unlock(raw_spinlock_t *lock, int kind);
__evlsim_export int evlsim__spin_trylock(raw_spinlock_t *lock, int kind);
__evlsim_export void evlsim__spin_lock_init(raw_spinlock_t *lock, const char *name);
__evlsim_export void evlsim__spin_lock_init_key(raw_spinlock_t *lock, const char *name,
						const void *key);

#define EVLSIM_LOCK_RAW		0
#define EVLSIM_LOCK_HARD	1
#define EVLSIM_LOCK_SPIN	2
#define EVLSIM_LOCK_IRQ		4	/* or'ed in: an _irqsave/_irq variant (lockdep) */

void __bad_spinlock_type(void);	/* never defined: a link error for a wrong lock type */

#define __evlsim_lock_kind(lock)					\
	(__builtin_types_compatible_p(typeof(lock), hard_spinlock_t *) ?	\
	 EVLSIM_LOCK_HARD :						\
	 __builtin_types_compatible_p(typeof(lock), raw_spinlock_t *) ?	\
	 EVLSIM_LOCK_RAW : (__bad_spinlock_type(), 0))

#define __evlsim_rlock(lock)	((raw_spinlock_t *)(lock))

#define raw_spin_lock_init(lock)					\
	do {								\
		static struct lock_class_key __key;			\
		(void)__evlsim_lock_kind(lock);				\
		evlsim__spin_lock_init_key(__evlsim_rlock(lock), #lock, &__key); \
	} while (0)
#define raw_spin_lock(lock)	evlsim__spin_lock(__evlsim_rlock(lock), __evlsim_lock_kind(lock))
#define raw_spin_unlock(lock)	evlsim__spin_unlock(__evlsim_rlock(lock), __evlsim_lock_kind(lock))
#define raw_spin_trylock(lock)	evlsim__spin_trylock(__evlsim_rlock(lock), __evlsim_lock_kind(lock))
#define __evlsim_raw_spin_lock_irq(lock)				\
	evlsim__spin_lock(__evlsim_rlock(lock), __evlsim_lock_kind(lock) | EVLSIM_LOCK_IRQ)
#define raw_spin_lock_irq(lock)		__evlsim_raw_spin_lock_irq(lock)
#define raw_spin_unlock_irq(lock)	raw_spin_unlock(lock)
#define raw_spin_lock_bh(lock)		raw_spin_lock(lock)
#define raw_spin_unlock_bh(lock)	raw_spin_unlock(lock)
#define raw_spin_lock_irqsave(lock, flags)				\
	do {								\
		(flags) = hard_local_save_flags();			\
		__evlsim_raw_spin_lock_irq(lock);			\
	} while (0)
#define raw_spin_unlock_irqrestore(lock, flags)				\
	do {								\
		raw_spin_unlock(lock);					\
		(void)(flags);						\
	} while (0)
#define raw_spin_trylock_irqsave(lock, flags)				\
	({ (flags) = hard_local_save_flags(); raw_spin_trylock(lock); })

/* a macro, as the kernel's: the class is the init site's static key, named after the
 * expression */
#define spin_lock_init(lock)						\
	do {								\
		static struct lock_class_key __key;			\
		spinlock_t *__evlsim_l = (lock);			\
		evlsim__spin_lock_init_key(&__evlsim_l->rlock, #lock, &__key); \
	} while (0)
static inline void spin_lock(spinlock_t *lock)
{
	evlsim__spin_lock(&lock->rlock, EVLSIM_LOCK_SPIN);
}
static inline void spin_unlock(spinlock_t *lock)
{
	evlsim__spin_unlock(&lock->rlock, EVLSIM_LOCK_SPIN);
}
static inline int spin_trylock(spinlock_t *lock)
{
	return evlsim__spin_trylock(&lock->rlock, EVLSIM_LOCK_SPIN);
}
#define spin_lock_irq(lock)		evlsim__spin_lock(&(lock)->rlock, EVLSIM_LOCK_SPIN | EVLSIM_LOCK_IRQ)
#define spin_unlock_irq(lock)		spin_unlock(lock)
#define spin_lock_bh(lock)		spin_lock(lock)
#define spin_unlock_bh(lock)		spin_unlock(lock)
#define spin_lock_irqsave(lock, flags)	do { (flags) = 0; spin_lock_irq(lock); } while (0)
#define spin_unlock_irqrestore(lock, flags) do { spin_unlock(lock); (void)(flags); } while (0)

#define assert_spin_locked(lock)	WARN_ON(!READ_ONCE((lock)->rlock.lock))
#define lockdep_assert_held(lock)	do { } while (0)

#endif
