/* SPDX-License-Identifier: LGPL-2.1-or-later */
/*
 * The one sleep/wake primitive (core/sleep.c).
 *
 * Shared by both worlds: plain C and compiler builtins only (see core/base.h).
 */
#ifndef _EVLSIM_SIM_CORE_SLEEP_H
#define _EVLSIM_SIM_CORE_SLEEP_H

#include "core/thread.h"
#include "core/cancel.h"

/* ---------------------------------------------------------------------------------------
 * The one sleep/wake primitive. Every blocking wait of the simulator goes through it.
 *
 * Protocol (lost-wakeup free): the sleeper calls evlsim__prepare_sleep(self) before it
 * publishes itself on a wait list (under that list's lock), drops the lock and calls
 * evlsim__sleep(). A waker removes it from the list under the same lock, sets ->info and
 * calls evlsim__wake(). A wake-up that happens between prepare and sleep is not lost.
 */
enum evlsim_sleep_result {
	EVLSIM_WOKEN = 0,		/* evlsim__wake() was called */
	EVLSIM_TIMEDOUT = 1,		/* the absolute deadline passed */
	EVLSIM_SIGNALED = 2,		/* interruptible sleep, a signal handler ran */
};
#define EVLSIM_SLEEP_INTERRUPTIBLE	0x1
/* an EVL wait: also ended by another thread's evl_unblock_thread() (->wait_break) */
#define EVLSIM_SLEEP_BREAKABLE		0x2

void evlsim__prepare_sleep(struct evlsim_thread *self);
int evlsim__sleep(struct evlsim_thread *self, evlsim_ns_t deadline, int flags);
/* Must be called with the lock of the wait list @t was removed from still held: the
 * sleeper re-takes that lock before it returns, so @t cannot vanish under the waker. */
void evlsim__wake(struct evlsim_thread *t);

/*
 * The states of a thread's futex word ->wake. DEFERRED: woken from an interrupt context
 * that has not ended yet; the sleeper keeps sleeping, whatever its deadline or signals,
 * until evlsim__wake_flush() makes it WOKEN.
 */
enum {
	EVLSIM_WAKE_ARMED = 0,
	EVLSIM_WAKE_WOKEN = 1,
	EVLSIM_WAKE_SIGNAL = 2,
	EVLSIM_WAKE_DEFERRED = 3,
};

/*
 * From the signal wrapper, on the thread the signal was delivered to: an armed sleep
 * looks at its signals. Inline, so that it is compiled into the wrapper's library, never
 * instrumented by ThreadSanitizer: the signal may have interrupted the sanitizer's own
 * runtime in the middle of an atomic operation on this very word, holding the lock it
 * would take again (sim/user/signal.c).
 */
static inline void evlsim__sleep_signal(struct evlsim_thread *self)
{
	int v = EVLSIM_WAKE_ARMED;

	__atomic_compare_exchange_n(&self->wake, &v, EVLSIM_WAKE_SIGNAL, 0, __ATOMIC_ACQ_REL,
				    __ATOMIC_ACQUIRE);
}
/*
 * Wake-ups issued in an interrupt context (self->irq_defer > 0) take effect when it ends,
 * as EVL reschedules in evl_exit_irq() once every handler returned: the woken thread is
 * marked woken-deferred (it cannot leave its sleep, even on a timeout or a signal) and
 * evlsim__wake_flush(), at the end of the context, releases it.
 */
void evlsim__wake_flush(struct evlsim_thread *self);
/* thread exit: wait until no deferred wake-up names @t any more */
void evlsim__wake_settle(struct evlsim_thread *t);
/* A signal arrived since the snapshot @since of self->sig_count. */
static inline int evlsim__signal_since(struct evlsim_thread *self, unsigned long since)
{
	return __atomic_load_n(&self->sig_count, __ATOMIC_ACQUIRE) != since ||
	       evlsim__kicked(self);
}
/* Another thread kicked @t (core/cancel.h): its sleep looks at its signals again. */
void evlsim__sleep_kick(struct evlsim_thread *t);

/*
 * An interruptible wait is to end for a signal: one arrived since the snapshot @since,
 * or one that arrived earlier in the current call is still pending (its handler waits for
 * the call's end, core/sigdefer.h), as the kernel's signal_pending() sees it.
 */
static inline int evlsim__signal_pending_since(struct evlsim_thread *self, unsigned long since)
{
	return evlsim__signal_since(self, since) ||
	       __atomic_load_n(&self->sig_deferred, __ATOMIC_RELAXED);
}

#endif /* _EVLSIM_SIM_CORE_SLEEP_H */
