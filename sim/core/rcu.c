// SPDX-License-Identifier: LGPL-2.1-or-later
/*
 * RCU for the simulator's own lookups (user world): liburcu's memb flavour, read side
 * inlined (_LGPL_SOURCE), grace periods through membarrier(2).
 *
 * Built in the early library, without ThreadSanitizer instrumentation: liburcu's inline
 * read side reads its grace-period futex word with plain loads, which TSan would report
 * as a race with the writer's atomic updates. TSan is told about the ordering RCU gives
 * instead: every read-side unlock releases, and the end of a grace period acquires, one
 * sync object.
 */
#define _LGPL_SOURCE
#include <urcu/urcu-memb.h>
#include "internal.h"

#ifdef EVLSIM_TSAN
void __tsan_acquire(void *addr);
void __tsan_release(void *addr);
static char rcu_sync;
#define tsan_rcu_release()	__tsan_release(&rcu_sync)
#define tsan_rcu_acquire()	__tsan_acquire(&rcu_sync)
#else
#define tsan_rcu_release()	do { } while (0)
#define tsan_rcu_acquire()	do { } while (0)
#endif

void evlsim__rcu_read_lock(void)
{
	evlsim__current();
	urcu_memb_read_lock();
}

void evlsim__rcu_read_unlock(void)
{
	tsan_rcu_release();
	urcu_memb_read_unlock();
}

void evlsim__synchronize_rcu(void)
{
	evlsim__current();
	if (urcu_memb_read_ongoing())
		evlsim__die("grace period requested inside an RCU read-side section");
	urcu_memb_synchronize_rcu();
	tsan_rcu_acquire();
}
