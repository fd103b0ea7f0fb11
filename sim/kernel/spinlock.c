// SPDX-License-Identifier: LGPL-2.1-or-later
/*
 * Spinlocks, the hard irq state and the monotonic clock for drivers (kernel world).
 * Locks are futex-backed words (lock.c); a hard lock also marks the calling thread as
 * running with hard irqs off until it drops the lock.
 */
#include <linux/spinlock.h>
#include <linux/ktime.h>
#include "kinternal.h"

/*
 * Per-thread hard irq state in one word, so that the way back to user space tests it with a
 * single load: bit 0 is the explicit flag (hard_local_irq_save()), the bits above count
 * the hard locks held (EVLSIM_HARD_LOCK_ONE each).
 */
#define hard_state evlsim__hard_state

unsigned long evlsim__hard_irq_save(void)
{
	unsigned long flags = hard_state & EVLSIM_HARD_IRQ_OFF;

	hard_state |= EVLSIM_HARD_IRQ_OFF;
	return flags;
}

void evlsim__hard_irq_restore(unsigned long flags)
{
	hard_state = (hard_state & ~EVLSIM_HARD_IRQ_OFF) | (flags ? EVLSIM_HARD_IRQ_OFF : 0);
}

bool evlsim__hard_irqs_disabled(void)
{
	return hard_state != 0;
}

/* The lock class: the static key of the init macro's expansion, as the kernel's. */
void evlsim__spin_lock_init_key(raw_spinlock_t *lock, const char *name, const void *key)
{
	lock->lock = 0;
	lock->name = name;
	lock->owner = NULL;
	lock->key = key;
}

/* Without a key (an out-of-tree caller of the old entry point): the init call's site. */
void evlsim__spin_lock_init(raw_spinlock_t *lock, const char *name)
{
	evlsim__spin_lock_init_key(lock, name, __builtin_return_address(0));
}

static const char *const lock_svc_names[] = { "raw_spin_lock", "raw_spin_lock", "spin_lock" };

/* The lockdep flags of a lock of @kind (EVLSIM_LOCK_*, with EVLSIM_LOCK_IRQ). */
static int ld_flags(int kind)
{
	return (kind & EVLSIM_LOCK_IRQ ? EVLSIM_LD_IRQSOFF : 0) | EVLSIM_LD_IRQABLE;
}

/*
 * A freed lock (reported by the memory check) or a recursive acquisition (reported by
 * lockdep) is not taken: the run goes on instead of spinning on poison or deadlocking.
 */
void evlsim__spin_lock(raw_spinlock_t *lock, int kind)
{
	const void *site = __builtin_return_address(0);
	int k = kind & ~EVLSIM_LOCK_IRQ;

	if (k != EVLSIM_LOCK_HARD)
		evlsim__check_service(k == EVLSIM_LOCK_SPIN ? EVLSIM_SVC_spin_lock
							    : EVLSIM_SVC_raw_spin_lock);
	if (unlikely(evlsim__mem_freed(lock, lock_svc_names[k], site)) ||
	    evlsim__lock_acquire(lock, lock->key, lock->name, ld_flags(kind), site))
		return;
	evlsim__lockword_lock(&lock->lock);
	lock->owner = evlsim__self;
	if (k == EVLSIM_LOCK_HARD)
		hard_state += EVLSIM_HARD_LOCK_ONE;
}

int evlsim__spin_trylock(raw_spinlock_t *lock, int kind)
{
	const void *site = __builtin_return_address(0);
	int k = kind & ~EVLSIM_LOCK_IRQ;

	if (k != EVLSIM_LOCK_HARD)
		evlsim__check_service(k == EVLSIM_LOCK_SPIN ? EVLSIM_SVC_spin_lock
							    : EVLSIM_SVC_raw_spin_lock);
	if (unlikely(evlsim__mem_freed(lock, lock_svc_names[k], site)))
		return 0;
	if (!evlsim__lockword_trylock(&lock->lock))
		return 0;
	lock->owner = evlsim__self;
	if (k == EVLSIM_LOCK_HARD)
		hard_state += EVLSIM_HARD_LOCK_ONE;
	evlsim__lock_acquire(lock, lock->key, lock->name, ld_flags(kind) | EVLSIM_LD_TRY, site);
	return 1;
}

void evlsim__spin_unlock(raw_spinlock_t *lock, int kind)
{
	int k = kind & ~EVLSIM_LOCK_IRQ;

	if (unlikely(evlsim__mem_freed(lock, "spin_unlock", __builtin_return_address(0))) ||
	    evlsim__lock_release(lock))
		return;
	if (k == EVLSIM_LOCK_HARD)
		hard_state -= EVLSIM_HARD_LOCK_ONE;
	lock->owner = NULL;
	evlsim__lockword_unlock(&lock->lock);
}

ktime_t ktime_get(void)			{ return evlsim__clock_now(); }
ktime_t ktime_get_raw(void)		{ return evlsim__clock_now(); }
ktime_t ktime_get_boottime(void)	{ return evlsim__clock_now(); }
ktime_t ktime_get_real(void)		{ return evlsim__clock_realtime(); }
u64 ktime_get_ns(void)			{ return evlsim__clock_now(); }
u64 ktime_get_mono_fast_ns(void)	{ return evlsim__clock_now(); }
u64 ktime_get_raw_fast_ns(void)		{ return evlsim__clock_now(); }
u64 ktime_get_boottime_ns(void)		{ return evlsim__clock_now(); }
u64 ktime_get_real_ns(void)		{ return evlsim__clock_realtime(); }
