// SPDX-License-Identifier: LGPL-2.1-or-later
/*
 * Signal handlers deferred to the end of a simulated call (user world); see
 * core/sigdefer.h for why.
 *
 * The queue is the thread's own, filled by its signal wrapper and emptied by the thread at
 * the end of the call with every signal blocked, so that no lock is needed. As the kernel
 * keeps one pending instance of a standard signal, a standard signal already queued is
 * merged; real-time signals queue, up to the queue's size (a full queue drops the newest,
 * where the kernel would have refused it to the sender with EAGAIN).
 *
 * A handler runs with the mask the host gave the signal wrapper (its sa_mask, and the
 * signal itself unless SA_NODEFER), as the kernel's frame setup does; an SA_SIGINFO
 * handler gets the siginfo and, as its ucontext, the context of the call's end.
 * It runs in-band (the signal demoted an oob caller, see evl/syscall.c), and its return
 * is rt_sigreturn(2), an in-band system call: a thread that a handler's oob call left
 * out-of-band is switched in-band again. The action run is the one in force when the
 * signal arrived.
 */
#include <errno.h>
#include <pthread.h>
#include <signal.h>
#include <string.h>
#include <sys/syscall.h>
#include <unistd.h>
#include <ucontext.h>
#include "internal.h"
#include "core/sigdefer.h"

#define DEFERRED_MAX	32

struct deferred {
	int sig;
	int flags;		/* the handler's sa_flags */
	void *handler;		/* sa_handler or sa_sigaction (SA_SIGINFO) */
	sigset_t mask;		/* the mask the host gave the wrapper */
	siginfo_t info;
};

static __thread struct deferred queue[DEFERRED_MAX] __attribute__((tls_model("initial-exec")));

/*
 * memcpy()/memset() for the wrapper, which may have interrupted a sanitizer's runtime
 * (user/signal.c): byte by byte through a volatile pointer, so that the compiler cannot
 * turn the loop back into a call to the C library's function, which a sanitizer
 * intercepts. @src NULL fills with zeroes.
 */
static void sig_copy(void *dst, const void *src, size_t len)
{
	volatile unsigned char *d = dst;
	const unsigned char *s = src;
	size_t i;

	for (i = 0; i < len; i++)
		d[i] = s ? s[i] : 0;
}

void evlsim__sig_defer(struct evlsim_thread *t, int sig, const void *info, void *handler,
		       int flags)
{
	int n = __atomic_load_n(&t->sig_deferred, __ATOMIC_RELAXED), i;
	struct deferred *d;

	if (sig < SIGRTMIN)
		for (i = 0; i < n; i++)
			if (queue[i].sig == sig)
				return;		/* one pending instance of a standard signal */
	if (n == DEFERRED_MAX)
		return;
	d = &queue[n];
	d->sig = sig;
	d->flags = flags;
	d->handler = handler;
	/* the system call, not a sanitizer's interceptor of pthread_sigmask() */
	sig_copy(&d->mask, NULL, sizeof(d->mask));
	syscall(SYS_rt_sigprocmask, SIG_SETMASK, NULL, &d->mask, _NSIG / 8);
	sig_copy(&d->info, info, sizeof(d->info));
	__atomic_signal_fence(__ATOMIC_SEQ_CST);
	__atomic_store_n(&t->sig_deferred, n + 1, __ATOMIC_RELAXED);
}

/*
 * One handler, as the kernel's handle_signal() frames it: @d->mask is the mask the host
 * gave the wrapper (the interrupted one, the handler's sa_mask, the signal itself unless
 * SA_NODEFER), added to @base, the thread's mask at the end of the call.
 */
static void run_one(struct evlsim_thread *t, struct deferred *d, const sigset_t *base)
{
	unsigned long saved_sig = t->oob_sig, saved_args[3];
	sigset_t during;
	ucontext_t uc;

	memcpy(saved_args, t->oob_args, sizeof(saved_args));
	sigorset(&during, base, &d->mask);
	pthread_sigmask(SIG_SETMASK, &during, NULL);
	if (d->flags & SA_SIGINFO) {
		/* the context interrupted is the call's end: this one, with the mask restored
		 * after the handler */
		getcontext(&uc);
		uc.uc_sigmask = *base;
		((void (*)(int, siginfo_t *, void *))d->handler)(d->sig, &d->info, &uc);
	} else {
		((void (*)(int))d->handler)(d->sig);
	}
	/* a handler's own oob call must not leave the interrupted call's state changed */
	t->oob_sig = saved_sig;
	memcpy(t->oob_args, saved_args, sizeof(saved_args));
}

void evlsim__sig_run_deferred(struct evlsim_thread *t)
{
	struct deferred batch[DEFERRED_MAX];
	int saved_errno = errno, n, i;
	sigset_t all, base;

	/*
	 * The whole queue is taken at once: a handler's own calls then see no signal pending
	 * (those of this batch are being delivered), and one that arrives meanwhile goes
	 * the usual way.
	 */
	sigfillset(&all);
	pthread_sigmask(SIG_BLOCK, &all, &base);
	n = __atomic_load_n(&t->sig_deferred, __ATOMIC_RELAXED);
	memcpy(batch, queue, (size_t)n * sizeof(batch[0]));
	__atomic_store_n(&t->sig_deferred, 0, __ATOMIC_RELAXED);
	for (i = 0; i < n; i++) {
		run_one(t, &batch[i], &base);
		pthread_sigmask(SIG_BLOCK, &all, NULL);
	}
	pthread_sigmask(SIG_SETMASK, &base, NULL);
	/*
	 * rt_sigreturn(2) is in-band. Checked once the mask is back: a sanitizer runtime
	 * that defers handlers of its own runs them in the mask calls above.
	 */
	if (t->stage == EVLSIM_OOB)
		evlsim__inband_syscall_enter();
	errno = saved_errno;
}
