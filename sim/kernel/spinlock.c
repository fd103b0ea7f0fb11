// SPDX-License-Identifier: LGPL-2.1-or-later
/*
 * Spinlocks, the hard irq state and the monotonic clock for drivers (kernel world).
 * Locks are futex-backed words (lock.c); a hard lock also marks the calling thread as
 * running with hard irqs off until it drops the lock.
 */
#include <linux/spinlock.h>
#include <linux/ktime.h>
#include <linux/hardirq.h>
#include "kinternal.h"

/*
 * Per-thread hard irq state in one word, so that the way back to user space tests it with a
 * single load: bit 0 is the explicit flag (hard_local_irq_save()), the bits above count
 * the hard locks held (EVLSIM_HARD_LOCK_ONE each).
 */
#define hard_state evlsim__hard_state

__thread int evlsim__irq_log_pending __attribute__((tls_model("initial-exec")));
void (*evlsim__irq_sync_hook)(void);

/* take the interrupts logged while hard irqs were off (hw/irq-flow.c) */
static noinline void irq_sync(void)
{
	void (*hook)(void) = __atomic_load_n(&evlsim__irq_sync_hook, __ATOMIC_ACQUIRE);

	if (hook)
		hook();
}

/* in_interrupt(), in_hardirq() (linux/hardirq.h): in an interrupt handler */
bool evlsim__in_hardirq(void)
{
	struct evlsim_thread *t = evlsim__self;

	return t && (t->in_irq > 0 || t->in_inband_irq > 0);
}

unsigned long evlsim__hard_irq_save(void)
{
	unsigned long flags = hard_state & EVLSIM_HARD_IRQ_OFF;

	hard_state |= EVLSIM_HARD_IRQ_OFF;
	return flags;
}

void evlsim__hard_irq_restore(unsigned long flags)
{
	if (unlikely(!flags && (hard_state & EVLSIM_HARD_IRQ_OFF))) {
		struct evlsim_thread *t = evlsim__self;

		if (t && t->in_irq)
			evlsim__check_irqs_on(__builtin_return_address(0));
	}
	hard_state = (hard_state & ~EVLSIM_HARD_IRQ_OFF) | (flags ? EVLSIM_HARD_IRQ_OFF : 0);
	/* interrupts raised meanwhile are taken now (hw/irq-flow.c) */
	if (unlikely(evlsim__irq_log_pending) && !hard_state)
		irq_sync();
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
/*
 * Lockdep's view of an acquisition: hard irqs are off under the _irqsave/_irq variants,
 * and under any hard spinlock, which defers interrupts until the last one is dropped
 * (hard_state counts it as hard irqs off: hw/irq-flow.c delivers them at the unlock).
 */
static int ld_flags(int kind)
{
	bool irqsoff = (kind & EVLSIM_LOCK_IRQ) || (kind & ~EVLSIM_LOCK_IRQ) == EVLSIM_LOCK_HARD;

	return (irqsoff ? EVLSIM_LD_IRQSOFF : 0) | EVLSIM_LD_IRQABLE;
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
	if (unlikely(!evlsim__lockword_trylock(&lock->lock))) {
		/* in a child of fork(): held by a parent thread that does not exist here */
		if (unlikely(READ_ONCE(evlsim__forked)) &&
		    evlsim__lock_owner_gone(READ_ONCE(lock->owner), "spinlock", lock->name))
			evlsim__lockword_unlock(&lock->lock);
		evlsim__lockword_lock(&lock->lock);
	}
	WRITE_ONCE(lock->owner, evlsim__current());
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
	WRITE_ONCE(lock->owner, evlsim__current());
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
	WRITE_ONCE(lock->owner, NULL);
	evlsim__lockword_unlock(&lock->lock);
	/* interrupts raised while the hard lock was held are taken now (hw/irq-flow.c) */
	if (unlikely(evlsim__irq_log_pending) && !hard_state)
		irq_sync();
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
