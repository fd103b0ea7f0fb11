// SPDX-License-Identifier: LGPL-2.1-or-later
/*
 * Thread cancellation and process exit around simulated calls (user world); the protocol
 * is in core/cancel.h.
 */
#include <pthread.h>
#include <linux/futex.h>
#include <sys/syscall.h>
#include <unistd.h>
#include "internal.h"
#include "core/cancel.h"
#include "core/libc.h"

/* A thread of a process that exits stops here, as exit_group() would have killed it. */
/*
 * AddressSanitizer poisons the redzones of each frame's locals and unpoisons them on
 * return; a forced unwind (the cancellation) returns through no frame, so the redzones
 * of the frames it drops stay poisoned under the stack, and the thread's exit, which
 * reuses that stack (sigaltstack teardown), trips on them. Before the C library unwinds,
 * the stack above is unpoisoned, as ASan does before longjmp().
 */
#if defined(__SANITIZE_ADDRESS__)
void __asan_handle_no_return(void);
#define testcancel()	do { __asan_handle_no_return(); REAL(pthread_testcancel)(); } while (0)
#else
#define testcancel()	REAL(pthread_testcancel)()
#endif

static _Noreturn void stop_thread(void)
{
	static int never;

	for (;;)
		syscall(SYS_futex, &never, FUTEX_WAIT_PRIVATE, 0, NULL, NULL, 0);
}

/* The C library learns of the request: the thread's own pthread_cancel() (deferred). */
static void hand_over(struct evlsim_thread *t)
{
	if (__atomic_fetch_and(&t->cancel_word, ~EVLSIM_CANCEL_KICK, __ATOMIC_ACQ_REL) &
	    EVLSIM_CANCEL_KICK)
		REAL(pthread_cancel)(pthread_self());
}

/* Acts on a pending request: returns only if cancellation is disabled. */
static void act(struct evlsim_thread *t)
{
	hand_over(t);
	__atomic_fetch_and(&t->cancel_word, ~(EVLSIM_CANCEL_IN_CALL | EVLSIM_CANCEL_POINT),
			   __ATOMIC_SEQ_CST);
	testcancel();
}

void evlsim__cancel_enter_slow(struct evlsim_thread *t, int old)
{
	int w = old | __atomic_load_n(&t->cancel_word, __ATOMIC_ACQUIRE);

	if (w & EVLSIM_CANCEL_EXIT)
		stop_thread();
	/* glibc must not unwind it inside the simulator: deferred for the call */
	if (t->cancel_async)
		REAL(pthread_setcanceltype)(PTHREAD_CANCEL_DEFERRED, NULL);
	if (!(w & (EVLSIM_CANCEL_PENDING | EVLSIM_CANCEL_KICK)))
		return;
	/* a cancellation point acts on a pending request on entry, as glibc's do */
	if ((w & EVLSIM_CANCEL_POINT) && !t->cancel_off) {
		act(t);
		return;
	}
	/* any other call runs with the C library's cancellation off: the simulator calls
	 * cancellation points of its own (close(), write()...) */
	REAL(pthread_setcancelstate)(PTHREAD_CANCEL_DISABLE, &t->cancel_saved_state);
	t->cancel_shield = 1;
}

void evlsim__cancel_leave_slow(struct evlsim_thread *t, int old)
{
	int w = old | __atomic_load_n(&t->cancel_word, __ATOMIC_ACQUIRE);

	if (w & EVLSIM_CANCEL_EXIT)
		stop_thread();
	if (t->cancel_shield) {
		t->cancel_shield = 0;
		REAL(pthread_setcancelstate)(t->cancel_saved_state, NULL);
	}
	if (w & EVLSIM_CANCEL_KICK)
		hand_over(t);
	/* the program's asynchronous type back: glibc acts on a pending request at once */
	if (t->cancel_async)
		REAL(pthread_setcanceltype)(PTHREAD_CANCEL_ASYNCHRONOUS, NULL);
	/* the request ended the call: the thread is cancelled on its way out */
	if ((w & EVLSIM_CANCEL_PENDING) && (old & EVLSIM_CANCEL_POINT) && !t->cancel_off)
		testcancel();
}

struct cancel_req {
	unsigned long th;
	int in_call;
};

/* under the registry's lock */
static int cancel_one(struct evlsim_thread *t, void *arg)
{
	struct cancel_req *req = arg;
	int old;

	if (t->pthread != req->th || t->forked_away)
		return 0;
	old = __atomic_fetch_or(&t->cancel_word, EVLSIM_CANCEL_PENDING | EVLSIM_CANCEL_KICK,
				__ATOMIC_SEQ_CST);
	req->in_call = !!(old & EVLSIM_CANCEL_IN_CALL);
	if (req->in_call)
		evlsim__sleep_kick(t);
	return 1;
}

int evlsim__cancel_thread(unsigned long th)
{
	struct cancel_req req = { .th = th, .in_call = 0 };

	/*
	 * A thread inside a simulated call hands the request to the C library itself once
	 * the call has unwound; any other thread gets it now. One that enters a call
	 * meanwhile sees the request and acts on it first (cancel_enter_slow()).
	 */
	if (evlsim__for_each_thread(cancel_one, &req) && req.in_call)
		return 0;
	return REAL(pthread_cancel)((pthread_t)th);
}

/* under the registry's lock */
static int kill_one(struct evlsim_thread *t, void *arg)
{
	if (t == arg || t->forked_away)
		return 0;
	__atomic_fetch_or(&t->cancel_word, EVLSIM_CANCEL_EXIT, __ATOMIC_SEQ_CST);
	evlsim__sleep_kick(t);
	return 0;
}

void evlsim__kill_other_threads(void)
{
	evlsim__for_each_thread(kill_one, evlsim__self);
}
