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
#include <sched.h>
#include <time.h>
#include <unistd.h>
#include "internal.h"
#include "core/cpu.h"
#include "core/hang.h"

#define SPIN_ROUNDS	200

/* the states of ->wake (core/sleep.h) */
#define ARMED		EVLSIM_WAKE_ARMED
#define WOKEN		EVLSIM_WAKE_WOKEN
#define SIGNAL		EVLSIM_WAKE_SIGNAL
#define DEFERRED	EVLSIM_WAKE_DEFERRED


static long futex(int *uaddr, int op, int val, const struct timespec *ts, int val3)
{
	return syscall(SYS_futex, uaddr, op, val, ts, NULL, val3);
}

void evlsim__prepare_sleep(struct evlsim_thread *self)
{
	self->sig_snap = __atomic_load_n(&self->sig_count, __ATOMIC_ACQUIRE);
	/* a full barrier: either the sleep sees a kick, or the kicker sees ARMED */
	(void)__atomic_exchange_n(&self->wake, ARMED, __ATOMIC_SEQ_CST);
}

static inline void cpu_relax(void)
{
#if defined(__x86_64__) || defined(__i386__)
	__builtin_ia32_pause();
#else
	__asm__ __volatile__("" ::: "memory");
#endif
}

/* an EVL wait another thread ended (EVLSIM_SLEEP_BREAKABLE) */
static inline int broken(struct evlsim_thread *self, int flags)
{
	return (flags & EVLSIM_SLEEP_BREAKABLE) &&
	       __atomic_load_n(&self->wait_break, __ATOMIC_ACQUIRE);
}

static __attribute__((noinline)) int sleep_body(struct evlsim_thread *self,
						 evlsim_ns_t deadline, int flags)
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
		if (v == DEFERRED) {
			futex(&self->wake, FUTEX_WAIT_BITSET | FUTEX_PRIVATE_FLAG, DEFERRED, NULL,
			      FUTEX_BITSET_MATCH_ANY);
			continue;
		}
		if (v == SIGNAL) {
			/* a signal, or a kick that ends this sleep (a cancellation's ends
			 * only the sleeps of cancellation points) */
			if ((flags & EVLSIM_SLEEP_INTERRUPTIBLE) &&
			    (evlsim__signal_since(self, self->sig_snap) || broken(self, flags)))
				return EVLSIM_SIGNALED;
			/* Not interruptible: forget the signal, keep sleeping. A concurrent
			 * wake-up turns SIGNAL into WOKEN and wins the exchange. */
			v = SIGNAL;
			__atomic_compare_exchange_n(&self->wake, &v, ARMED, 0,
						    __ATOMIC_ACQ_REL, __ATOMIC_ACQUIRE);
			continue;
		}
		if ((flags & EVLSIM_SLEEP_INTERRUPTIBLE) &&
		    (evlsim__signal_pending_since(self, self->sig_snap) || broken(self, flags)))
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

static void wake_now(struct evlsim_thread *t)
{
	__atomic_store_n(&t->wake, WOKEN, __ATOMIC_RELEASE);
	futex(&t->wake, FUTEX_WAKE | FUTEX_PRIVATE_FLAG, 1, NULL, 0);
}

/* the waker runs an interrupt context: @t is released when it ends */
static void wake_deferred(struct evlsim_thread *self, struct evlsim_thread *t)
{
	int v = __atomic_load_n(&t->wake, __ATOMIC_ACQUIRE);

	if (self->nr_deferred == (int)(sizeof(self->deferred) / sizeof(self->deferred[0]))) {
		wake_now(t);	/* too many at once: this one now */
		return;
	}
	do {
		if (v == WOKEN || v == DEFERRED)
			return;	/* woken already */
	} while (!__atomic_compare_exchange_n(&t->wake, &v, DEFERRED, 0, __ATOMIC_ACQ_REL,
					      __ATOMIC_ACQUIRE));
	__atomic_fetch_add(&t->wake_refs, 1, __ATOMIC_RELAXED);
	self->deferred[self->nr_deferred++] = t;
}

static __attribute__((noinline)) void wake_body(struct evlsim_thread *t)
{
	struct evlsim_thread *self = evlsim__self;

	if (evlsim_unlikely(self && self->irq_defer))
		wake_deferred(self, t);
	else
		wake_now(t);
}

/*
 * The entries of a switch: a thread inside an FPU section (evl_begin_fpu()) keeps its
 * registers across them, as the kernel's scheduler keeps a task's (core/cpu.h).
 */
static EVLSIM_GENERAL_REGS_ONLY inline int guarded_sleep(struct evlsim_thread *self,
							  evlsim_ns_t deadline, int flags)
{
	int ret;

	if (evlsim_likely(!evlsim__fpu_live))
		return sleep_body(self, deadline, flags);
	evlsim__fpu_guard_enter();
	ret = sleep_body(self, deadline, flags);
	evlsim__fpu_guard_leave();
	return ret;
}

/* a sleep without a timeout while the hang watch is on (core/hang.c) */
static __attribute__((noinline)) int hang_watched_sleep(struct evlsim_thread *self, int flags)
{
	int ret;

	EVLSIM_FPU_GUARDED(evlsim__hang_enter(self));
	ret = guarded_sleep(self, EVLSIM_NS_INFINITE, flags);
	__atomic_store_n(&self->blocked_since, 0, __ATOMIC_RELEASE);
	return ret;
}

EVLSIM_GENERAL_REGS_ONLY int evlsim__sleep(struct evlsim_thread *self, evlsim_ns_t deadline,
					   int flags)
{
	evlsim__sched_point(EVLSIM_SP_SLEEP);
	if (evlsim_unlikely(__atomic_load_n(&evlsim__hang_watch, __ATOMIC_RELAXED)) &&
	    deadline == EVLSIM_NS_INFINITE)
		return hang_watched_sleep(self, flags);
	return guarded_sleep(self, deadline, flags);
}

EVLSIM_GENERAL_REGS_ONLY void evlsim__wake(struct evlsim_thread *t)
{
	evlsim__sched_point(EVLSIM_SP_WAKE);
	if (evlsim_likely(!evlsim__fpu_live)) {
		wake_body(t);
		return;
	}
	evlsim__fpu_guard_enter();
	wake_body(t);
	evlsim__fpu_guard_leave();
}

void evlsim__wake_flush(struct evlsim_thread *self)
{
	struct evlsim_thread *t;
	int i, v;

	for (i = 0; i < self->nr_deferred; i++) {
		t = self->deferred[i];
		v = DEFERRED;
		/* re-armed for another sleep meanwhile (a kick it did not sleep for): dropped */
		if (__atomic_compare_exchange_n(&t->wake, &v, WOKEN, 0, __ATOMIC_ACQ_REL,
						__ATOMIC_ACQUIRE))
			futex(&t->wake, FUTEX_WAKE | FUTEX_PRIVATE_FLAG, 1, NULL, 0);
		/* last touch of @t: it may exit once the count drops */
		__atomic_fetch_sub(&t->wake_refs, 1, __ATOMIC_RELEASE);
	}
	self->nr_deferred = 0;
}

void evlsim__wake_settle(struct evlsim_thread *t)
{
	while (__atomic_load_n(&t->wake_refs, __ATOMIC_ACQUIRE))
		sched_yield();
}

/* Called by another thread, under the thread registry's lock (@t cannot go away). */
void evlsim__sleep_kick(struct evlsim_thread *t)
{
	int v = ARMED;

	if (__atomic_compare_exchange_n(&t->wake, &v, SIGNAL, 0, __ATOMIC_SEQ_CST,
					__ATOMIC_ACQUIRE))
		futex(&t->wake, FUTEX_WAKE | FUTEX_PRIVATE_FLAG, 1, NULL, 0);
}
