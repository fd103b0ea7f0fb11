// SPDX-License-Identifier: LGPL-2.1-or-later
/*
 * The one sleep/wake primitive (user world).
 *
 * Each thread parks on its own futex word. Every blocking wait of the simulator (EVL wait
 * queues and flags, completions, in-band wait queues, the close() that waits for oob
 * callers) is built on evlsim__prepare_sleep()/evlsim__sleep()/evlsim__wake(), so that
 * the deterministic scheduler, timeout and -EINTR injection and the trace have one place
 * to hook into.
 *
 * The sleeper spins briefly before it sleeps: a wake-up that follows within a microsecond
 * or two (an oob handler returning to a closer) is then seen without two futex calls and a
 * cross-CPU wake-up, which costs tens of microseconds on virtual machines that halt idle
 * CPUs. Ordering comes from the futex word itself, accessed with acquire/release atomics,
 * which ThreadSanitizer understands.
 */
#include <errno.h>
#include <linux/futex.h>
#include <sys/syscall.h>
#include <time.h>
#include <unistd.h>
#include "internal.h"

#define SPIN_ROUNDS	200

enum { ARMED = 0, WOKEN = 1, SIGNAL = 2 };

static long futex(int *uaddr, int op, int val, const struct timespec *ts, int val3)
{
	return syscall(SYS_futex, uaddr, op, val, ts, NULL, val3);
}

void evlsim__prepare_sleep(struct evlsim_thread *self)
{
	self->sig_snap = __atomic_load_n(&self->sig_count, __ATOMIC_ACQUIRE);
	__atomic_store_n(&self->wake, ARMED, __ATOMIC_RELEASE);
}

static inline void cpu_relax(void)
{
#if defined(__x86_64__) || defined(__i386__)
	__builtin_ia32_pause();
#else
	__asm__ __volatile__("" ::: "memory");
#endif
}

int evlsim__sleep(struct evlsim_thread *self, evlsim_ns_t deadline, int flags)
{
	struct timespec ts;
	int v, n;

	/* evl_get_state() may read it from another thread */
	__atomic_store_n(&self->nr_ctx_switches, self->nr_ctx_switches + 1, __ATOMIC_RELAXED);

	for (n = 0; n < SPIN_ROUNDS; n++) {
		if (__atomic_load_n(&self->wake, __ATOMIC_ACQUIRE) == WOKEN)
			return EVLSIM_WOKEN;
		cpu_relax();
	}

	for (;;) {
		v = __atomic_load_n(&self->wake, __ATOMIC_ACQUIRE);
		if (v == WOKEN)
			return EVLSIM_WOKEN;
		if (v == SIGNAL) {
			if (flags & EVLSIM_SLEEP_INTERRUPTIBLE)
				return EVLSIM_SIGNALED;
			/* Not interruptible: forget the signal, keep sleeping. A concurrent
			 * wake-up turns SIGNAL into WOKEN and wins the exchange. */
			v = SIGNAL;
			__atomic_compare_exchange_n(&self->wake, &v, ARMED, 0,
						    __ATOMIC_ACQ_REL, __ATOMIC_ACQUIRE);
			continue;
		}
		if ((flags & EVLSIM_SLEEP_INTERRUPTIBLE) &&
		    evlsim__signal_since(self, self->sig_snap))
			return EVLSIM_SIGNALED;
		if (deadline != EVLSIM_NS_INFINITE) {
			if (evlsim__clock_now() >= deadline)
				return EVLSIM_TIMEDOUT;
			ts.tv_sec = deadline / 1000000000LL;
			ts.tv_nsec = deadline % 1000000000LL;
		}
		futex(&self->wake, FUTEX_WAIT_BITSET | FUTEX_PRIVATE_FLAG, ARMED,
		      deadline != EVLSIM_NS_INFINITE ? &ts : NULL, FUTEX_BITSET_MATCH_ANY);
	}
}

void evlsim__wake(struct evlsim_thread *t)
{
	__atomic_store_n(&t->wake, WOKEN, __ATOMIC_RELEASE);
	futex(&t->wake, FUTEX_WAKE | FUTEX_PRIVATE_FLAG, 1, NULL, 0);
}

/* Called from the signal wrapper, on the thread the signal was delivered to. */
void evlsim__sleep_signal(struct evlsim_thread *self)
{
	int v = ARMED;

	__atomic_compare_exchange_n(&self->wake, &v, SIGNAL, 0,
				    __ATOMIC_ACQ_REL, __ATOMIC_ACQUIRE);
}
