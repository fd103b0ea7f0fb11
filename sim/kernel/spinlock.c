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

void evlsim__spin_lock_init(raw_spinlock_t *lock, const char *name)
{
	lock->lock = 0;
	lock->name = name;
	lock->owner = NULL;
}

void evlsim__spin_lock(raw_spinlock_t *lock, int kind)
{
	if (kind != EVLSIM_LOCK_HARD)
		evlsim__check_service(kind == EVLSIM_LOCK_SPIN ? EVLSIM_SVC_spin_lock
							       : EVLSIM_SVC_raw_spin_lock);
	if (unlikely(!evlsim__lockword_trylock(&lock->lock))) {
		/* in a child of fork(): held by a parent thread that does not exist here */
		if (unlikely(READ_ONCE(evlsim__forked)) &&
		    evlsim__lock_owner_gone(READ_ONCE(lock->owner), "spinlock", lock->name))
			evlsim__lockword_unlock(&lock->lock);
		evlsim__lockword_lock(&lock->lock);
	}
	WRITE_ONCE(lock->owner, evlsim__current());
	if (kind == EVLSIM_LOCK_HARD)
		hard_state += EVLSIM_HARD_LOCK_ONE;
}

int evlsim__spin_trylock(raw_spinlock_t *lock, int kind)
{
	if (kind != EVLSIM_LOCK_HARD)
		evlsim__check_service(kind == EVLSIM_LOCK_SPIN ? EVLSIM_SVC_spin_lock
							       : EVLSIM_SVC_raw_spin_lock);
	if (!evlsim__lockword_trylock(&lock->lock))
		return 0;
	WRITE_ONCE(lock->owner, evlsim__current());
	if (kind == EVLSIM_LOCK_HARD)
		hard_state += EVLSIM_HARD_LOCK_ONE;
	return 1;
}

void evlsim__spin_unlock(raw_spinlock_t *lock, int kind)
{
	if (kind == EVLSIM_LOCK_HARD)
		hard_state -= EVLSIM_HARD_LOCK_ONE;
	WRITE_ONCE(lock->owner, NULL);
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
