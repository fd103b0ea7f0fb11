/* SPDX-License-Identifier: LGPL-2.1-or-later */
/*
 * evlsim shim: custom re-implementation of linux v6.12 + Dovetail
 * include/linux/spinlock_types.h: the three lock types a Dovetail driver sees.
 *
 *  - raw_spinlock_t: an in-band lock that also masks the (virtual) in-band irq state;
 *  - spinlock_t: an in-band lock (may sleep under PREEMPT_RT);
 *  - hard_spinlock_t: Dovetail's lock that masks hard irqs, usable from both stages.
 *
 * Each holds one futex-backed lock word; the fields after it are the simulator's
 * bookkeeping for the execution-stage checker (who holds it, from which stage) and the
 * lock dependency validator (the class key, the init site as the kernel's static
 * struct lock_class_key of spin_lock_init()).
 */
#ifndef _EVLSIM_LINUX_SPINLOCK_TYPES_H
#define _EVLSIM_LINUX_SPINLOCK_TYPES_H

#include <linux/types.h>

typedef struct raw_spinlock {
	int lock;			/* 0 free, 1 held, 2 held with waiters */
	const char *name;
	void *owner;			/* struct evlsim_thread * of the holder */
	const void *key;		/* lockdep class key: the init site, NULL if static */
} raw_spinlock_t;

typedef struct spinlock {
	struct raw_spinlock rlock;
} spinlock_t;

typedef struct {
	struct raw_spinlock rlock;
} hard_spinlock_t;

#define __RAW_SPIN_LOCK_INITIALIZER(lockname)	{ .lock = 0, .name = #lockname }
#define __RAW_SPIN_LOCK_UNLOCKED(lockname)	\
	(raw_spinlock_t) __RAW_SPIN_LOCK_INITIALIZER(lockname)
#define DEFINE_RAW_SPINLOCK(x)	raw_spinlock_t x = __RAW_SPIN_LOCK_UNLOCKED(x)

#define __SPIN_LOCK_INITIALIZER(lockname)	{ .rlock = __RAW_SPIN_LOCK_INITIALIZER(lockname) }
#define __SPIN_LOCK_UNLOCKED(lockname)		(spinlock_t) __SPIN_LOCK_INITIALIZER(lockname)
#define DEFINE_SPINLOCK(x)	spinlock_t x = __SPIN_LOCK_UNLOCKED(x)

#define __HARD_SPIN_LOCK_INITIALIZER(lockname)	{ .rlock = __RAW_SPIN_LOCK_INITIALIZER(lockname) }
#define __HARD_SPIN_LOCK_UNLOCKED(lockname)	\
	(hard_spinlock_t) __HARD_SPIN_LOCK_INITIALIZER(lockname)
#define DEFINE_HARD_SPINLOCK(x)	hard_spinlock_t x = __HARD_SPIN_LOCK_UNLOCKED(x)
#define DECLARE_HARD_SPINLOCK(x) hard_spinlock_t x

#endif
