/* SPDX-License-Identifier: LGPL-2.1-or-later */
/*
 * Thread cancellation and process exit around simulated calls (core/cancel.c).
 *
 * On a board, pthread_cancel() of a thread blocked in a system call that is a
 * cancellation point (read, write, libevl's oob_* calls, which switch to asynchronous
 * cancellation around the syscall) sends SIGCANCEL: the kernel ends the wait as for any
 * signal, the call unwinds in the kernel and drops its references, and the thread is
 * cancelled on its way back to user space. A process exit kills every other thread the
 * same way, whatever call it is in, before the kernel closes the process's files.
 *
 * Here the simulated kernel runs on the calling thread, which must never be unwound
 * inside it. The interposed pthread_cancel() therefore leaves a thread that is inside a
 * simulated call to the simulator: it kicks it, which the one sleep primitive and every
 * signal_pending() test (evlsim__signal_since()) see as a signal; the call unwinds with
 * EINTR, and on its way out (evlsim__cancel_leave()) the thread hands the request to the
 * C library and acts on it, outside simulator code. A request that finds a thread outside
 * simulated calls goes to the C library at once, and a thread with a request pending
 * acts on it when it enters a cancellation point, or runs a call that is none with the C
 * library's cancellation disabled, so that nothing unwinds it inside the simulator.
 *
 * Shared by both worlds: plain C and compiler builtins only (see core/base.h).
 */
#ifndef _EVLSIM_SIM_CORE_CANCEL_H
#define _EVLSIM_SIM_CORE_CANCEL_H

#include "core/thread.h"

/* ->cancel_word */
#define EVLSIM_CANCEL_IN_CALL	0x01	/* inside a simulated call */
#define EVLSIM_CANCEL_POINT	0x02	/* ... which is a cancellation point */
#define EVLSIM_CANCEL_PENDING	0x04	/* a cancellation was requested (final) */
#define EVLSIM_CANCEL_KICK	0x08	/* ... the thread must hand it to the C library */
#define EVLSIM_CANCEL_EXIT	0x10	/* the process exits: the thread stops */
#define EVLSIM_CANCEL_SLOW	(EVLSIM_CANCEL_PENDING | EVLSIM_CANCEL_KICK | EVLSIM_CANCEL_EXIT)

void evlsim__cancel_enter_slow(struct evlsim_thread *t, int old);
void evlsim__cancel_leave_slow(struct evlsim_thread *t, int old);

/*
 * Around a simulated call: @point says whether it is a cancellation point (glibc's list
 * for the in-band calls, and libevl's oob_* calls); one that is not is only ended by the
 * process exit. Two atomic operations, as libevl's two pthread_setcanceltype() calls.
 */
static inline void evlsim__cancel_enter(struct evlsim_thread *t, int point)
{
	int old = __atomic_fetch_or(&t->cancel_word, EVLSIM_CANCEL_IN_CALL |
				    (point ? EVLSIM_CANCEL_POINT : 0), __ATOMIC_SEQ_CST);

	if (evlsim_unlikely((old & EVLSIM_CANCEL_SLOW) | t->cancel_async))
		evlsim__cancel_enter_slow(t, old);
}

static inline void evlsim__cancel_leave(struct evlsim_thread *t)
{
	int old = __atomic_fetch_and(&t->cancel_word,
				     ~(EVLSIM_CANCEL_IN_CALL | EVLSIM_CANCEL_POINT),
				     __ATOMIC_SEQ_CST);

	if (evlsim_unlikely((old & EVLSIM_CANCEL_SLOW) | t->cancel_async | t->cancel_shield))
		evlsim__cancel_leave_slow(t, old);
}

/*
 * An interposed system call on a simulated descriptor: @call (returning >= 0 or -errno)
 * restarted as the signal delivery decides, turned into -1/errno, inside
 * evlsim__cancel_enter(@point)/evlsim__cancel_leave().
 */
#define EVLSIM_SYSCALL(call, point)					\
({									\
	struct evlsim_thread *__ct = evlsim__current();			\
	long __cr;							\
	evlsim__cancel_enter(__ct, point);				\
	__cr = evlsim__syscall_result(EVLSIM_RESTARTABLE(call));	\
	evlsim__cancel_leave(__ct);					\
	__cr;								\
})

/*
 * Whether a kick ends @t's waits as a signal would: the exit's always; a cancellation's
 * in a cancellation point, unless the program disabled cancellation.
 */
static inline int evlsim__kicked(struct evlsim_thread *t)
{
	int w = __atomic_load_n(&t->cancel_word, __ATOMIC_ACQUIRE);

	if (evlsim_likely(!(w & (EVLSIM_CANCEL_KICK | EVLSIM_CANCEL_EXIT))))
		return 0;
	return (w & EVLSIM_CANCEL_EXIT) ||
	       ((w & EVLSIM_CANCEL_POINT) && !t->cancel_off && !t->cancel_shield);
}

/* The interposed pthread_cancel(): 0 or an error number, as pthread_cancel(). */
int evlsim__cancel_thread(unsigned long th);

/*
 * Process exit, before the files are released: every other thread is marked so that a
 * simulated call it is blocked in ends and it stops there, as exit_group() kills the
 * threads before exit_files() closes the files.
 */
void evlsim__kill_other_threads(void);

#endif /* _EVLSIM_SIM_CORE_CANCEL_H */
