// SPDX-License-Identifier: LGPL-2.1-or-later
/*
 * Execution stages (user world), after Dovetail's stage switching and EVL's
 * evl_switch_oob()/evl_switch_inband() (kernel/evl/sched/core.c).
 *
 * An attached thread runs in-band until its first oob call switches it out-of-band, where
 * it stays (lazy switching) until an in-band call demotes it (EVL_HMDIAG_SYSDEMOTE), a
 * signal does (EVL_HMDIAG_SIGDEMOTE) or it switches back explicitly. The stage is a field
 * of the thread state that only its own thread writes, so every predicate is one TLS load.
 *
 * A demotion with a cause tells a thread whose mode has EVL_T_WOSS through SIGDEBUG, as
 * the kernel does: the signal is queued at the next point where the thread runs no oob
 * call (evlsim__hm_flush()).
 */
#include <pthread.h>
#include <signal.h>
#include <errno.h>
#include <uapi/evl/thread-abi.h>
#include <uapi/evl/signal-abi.h>
#include "internal.h"

/* Set once by the EVL core (evl/wait.c): the golden rule of an in-band switch. */
static void (*inband_switch_hook)(struct evlsim_thread *t);

void evlsim__set_inband_switch_hook(void (*hook)(struct evlsim_thread *t))
{
	__atomic_store_n(&inband_switch_hook, hook, __ATOMIC_RELEASE);
}

/*
 * evl_switch_inband(cause): @cause is an EVL_HMDIAG_* code, or EVL_HMDIAG_NONE for an
 * explicit switch.
 */
void evlsim__switch_inband(struct evlsim_thread *t, int cause)
{
	void (*hook)(struct evlsim_thread *) = __atomic_load_n(&inband_switch_hook,
							      __ATOMIC_ACQUIRE);

	evlsim__sched_point(EVLSIM_SP_SWITCH_INBAND);
	if (hook)
		hook(t);		/* golden rule: no EVL kmutex held */
	__atomic_store_n(&t->stage, EVLSIM_INBAND, __ATOMIC_RELAXED);
	t->oob_fastpath = 0;
	evlsim__count_event(t->nr_switches);
	evlsim__count_event(t->nr_isw);
	if (cause > EVL_HMDIAG_NONE && (__atomic_load_n(&t->mode, __ATOMIC_RELAXED) & EVL_T_WOSS))
		evlsim__hm_notify(t, cause);
}

/* evl_switch_oob() for the calling EVL thread: -ERESTARTSYS if a signal arrived. */
int evlsim__switch_oob(struct evlsim_thread *t, unsigned long sig_entry)
{
	evlsim__sched_point(EVLSIM_SP_SWITCH_OOB);
	if (evlsim__signal_since(t, sig_entry))
		return -EVLSIM_ERESTARTSYS;
	__atomic_store_n(&t->stage, EVLSIM_OOB, __ATOMIC_RELAXED);
	t->oob_fastpath = !evlsim__oob_fence &&
			  !__atomic_load_n(&evlsim__fpu_user, __ATOMIC_RELAXED);
	evlsim__count_event(t->nr_switches);
	return 0;
}

void evlsim__hm_notify(struct evlsim_thread *t, int cause)
{
	if (!(__atomic_load_n(&t->mode, __ATOMIC_RELAXED) & EVL_T_HMSIG))
		return;		/* EVL_T_HMOBS: no observable to send it to (not simulated) */
	if (!t->hm_pending)
		t->hm_pending = cause;
}

/*
 * SIGDEBUG to the calling thread, as the kernel's do_inband_signal() queues it: SI_QUEUE,
 * si_value.sival_int = cause | SIGEVL_MARKER. Delivered before pthread_sigqueue()
 * returns unless the thread blocks it.
 */
static void sigdebug_send(int cause)
{
	union sigval v = { .sival_int = (int)(cause | SIGEVL_MARKER) };
	int saved_errno = errno;

	pthread_sigqueue(pthread_self(), SIGDEBUG, v);
	errno = saved_errno;
}

/* Sends the pending SIGDEBUG, unless an oob call still runs on the thread. */
void evlsim__hm_flush(struct evlsim_thread *t)
{
	int cause = t->hm_pending;

	if (!cause || t->oob_file)
		return;
	t->hm_pending = 0;
	sigdebug_send(cause);
}

/*
 * An in-band system call from the program: an oob caller is switched in-band first. The
 * simulator's own output (reports, printk, the symbolizer's reading of /proc and ELF
 * files) is not the program's call (->internal_io).
 */
void evlsim__inband_syscall_enter(void)
{
	struct evlsim_thread *t = evlsim__self;

	if (t && t->stage == EVLSIM_OOB && !t->internal_io) {
		evlsim__switch_inband(t, EVL_HMDIAG_SYSDEMOTE);
		if (evlsim_unlikely(t->hm_pending)) {
			evlsim__hm_flush(t);
			/* the in-band call goes on in-band, whatever SIGDEBUG's handler did */
			if (t->stage == EVLSIM_OOB)
				evlsim__switch_inband(t, EVL_HMDIAG_NONE);
		}
	}
}

/* evl_in_irq() (<evl/sched.h>): in an EVL timer handler */
EVLSIM_EXPORT _Bool evlsim__evl_in_irq(void)
{
	struct evlsim_thread *t = evlsim__self;

	return t && t->in_irq > 0;
}

/* The kernel's evl_switch_oob() for the calling thread: 0 or -EPERM, -ERESTARTSYS. */
int evlsim__evl_switch_oob(void)
{
	struct evlsim_thread *t = evlsim__current();

	if (!t->evl)
		return -EPERM;
	if (t->stage == EVLSIM_OOB)
		return 0;
	return evlsim__switch_oob(t, t->sig_count);
}

/* The kernel's evl_switch_inband(EVL_HMDIAG_NONE) for the calling thread: 0 or -EPERM. */
int evlsim__evl_switch_inband(void)
{
	struct evlsim_thread *t = evlsim__current();

	if (!t->evl)
		return -EPERM;
	if (t->stage == EVLSIM_OOB)
		evlsim__switch_inband(t, EVL_HMDIAG_NONE);
	return 0;
}
