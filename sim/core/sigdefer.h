/* SPDX-License-Identifier: LGPL-2.1-or-later */
/*
 * Signal handlers run on the way back to user space (core/sigdefer.c).
 *
 * The kernel never runs a signal handler in the middle of a system call: the signal
 * interrupts the call's wait (signal_pending()), the call unwinds, and the handler runs on
 * the return to user space, before a restart. A host signal, however, interrupts the
 * thread wherever it is, simulator code included: in a driver's handler, under a hard
 * lock, half-way through a wait. So while a thread is inside a simulated call (->in_call,
 * or an oob call's file published in ->oob_file), the signal wrapper of the user layer
 * only counts the signal and kicks the thread's sleep, and queues the handler here; the
 * call's end runs it (evlsim__sig_return()), as the kernel's exit to user space does.
 *
 * Shared by both worlds: plain C and compiler builtins only (see core/base.h).
 */
#ifndef _EVLSIM_SIM_CORE_SIGDEFER_H
#define _EVLSIM_SIM_CORE_SIGDEFER_H

#include "core/thread.h"
#include "core/cpu.h"
#include "core/sched.h"

/* Inside a simulated call: a handler waits for its end. Safe in a signal handler. */
static inline int evlsim__in_call(const struct evlsim_thread *t)
{
	return t->in_call > 0 || __atomic_load_n(&t->oob_file, __ATOMIC_RELAXED);
}

/*
 * Queues @handler (the user's, with its sa_flags @flags) for @sig with its siginfo_t @info,
 * to run at the end of the current call with the mask the host set for the wrapper.
 * Called from the signal wrapper, on @t's own thread; calls no intercepted function.
 */
void evlsim__sig_defer(struct evlsim_thread *t, int sig, const void *info, void *handler,
		       int flags);
/* Runs the queued handlers (the call ended). */
void evlsim__sig_run_deferred(struct evlsim_thread *t);

/* The end of a simulated call, or of an oob call's crossing: queued handlers run. */
static inline void evlsim__sig_return(struct evlsim_thread *t)
{
	__atomic_signal_fence(__ATOMIC_SEQ_CST);
	if (evlsim_unlikely(__atomic_load_n(&t->sig_deferred, __ATOMIC_RELAXED)) &&
	    !evlsim__in_call(t))
		evlsim__sig_run_deferred(t);
}

/*
 * A simulated system call begins on @t (calls nest: the outermost one's end counts). A
 * system call leaves the caller's FPU registers as they were: saved at the outermost
 * entry of a program that tests them (core/cpu.h, evlsim__fpu_user).
 */
static inline void evlsim__call_enter(struct evlsim_thread *t)
{
	if (evlsim_unlikely(__atomic_load_n(&evlsim__fpu_user, __ATOMIC_RELAXED)) &&
	    !t->in_call)
		evlsim__fpu_call_enter(t);
	t->in_call++;
	__atomic_signal_fence(__ATOMIC_SEQ_CST);
	evlsim__sched_point(EVLSIM_SP_CALL_ENTER);
}

static inline void evlsim__call_leave(struct evlsim_thread *t)
{
	evlsim__sched_point(EVLSIM_SP_CALL_EXIT);
	__atomic_signal_fence(__ATOMIC_SEQ_CST);
	t->in_call--;
	if (evlsim_unlikely(t->fpu_call) && !t->in_call)
		evlsim__fpu_call_leave(t);
	evlsim__sig_return(t);
}

/* @call (a long) as one simulated call on the calling thread */
#define EVLSIM_CALL(call)						\
({									\
	struct evlsim_thread *__ct = evlsim__current();			\
	long __cr;							\
	evlsim__call_enter(__ct);					\
	__cr = (call);							\
	evlsim__call_leave(__ct);					\
	__cr;								\
})

#endif /* _EVLSIM_SIM_CORE_SIGDEFER_H */
