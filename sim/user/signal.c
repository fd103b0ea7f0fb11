// SPDX-License-Identifier: LGPL-2.1-or-later
/*
 * Signals (user world).
 *
 * A blocking wait inside the simulator must notice a signal the way the kernel's
 * signal_pending() does: the interruptible ones return -ERESTARTSYS, which becomes a
 * restart or EINTR depending on the handler's SA_RESTART. libevlsim therefore interposes
 * sigaction() and signal() and installs its own wrapper in front of every user handler.
 * The wrapper counts the signal on the receiving thread, wakes it if it sleeps in the
 * simulator, then runs the user's handler with the user's flags: at once when the thread
 * runs its own code, at the end of the call when it is inside a simulated one, as the
 * kernel runs handlers on the return to user space (core/sigdefer.h). What sigaction()
 * reports as the old action is always the user's, never the wrapper.
 *
 * The wrapper is the handler the host runs, in front of any a sanitizer installs for
 * itself: it may interrupt the sanitizer's runtime anywhere, a lock of its own held. It is
 * therefore built uninstrumented (the early library) and calls no intercepted function
 * before the user's handler; everything it touches is inline or in that library.
 */
#include <dlfcn.h>
#include <errno.h>
#include <pthread.h>
#include <signal.h>
#include <string.h>
#include "internal.h"

struct user_action {
	void *handler;		/* sa_handler or sa_sigaction, as the user gave it */
	int flags;		/* the user's sa_flags */
};

static struct user_action actions[_NSIG];
static pthread_mutex_t actions_lock = PTHREAD_MUTEX_INITIALIZER;

static int (*real_sigaction_fn(void))(int, const struct sigaction *, struct sigaction *)
{
	static int (*fn)(int, const struct sigaction *, struct sigaction *);
	int (*p)(int, const struct sigaction *, struct sigaction *);

	p = __atomic_load_n(&fn, __ATOMIC_ACQUIRE);
	if (!p) {
		p = (int (*)(int, const struct sigaction *, struct sigaction *))
			dlsym(RTLD_NEXT, "sigaction");
		if (!p)
			evlsim__die("cannot find the C library's sigaction()");
		__atomic_store_n(&fn, p, __ATOMIC_RELEASE);
	}
	return p;
}

static void wrapper(int sig, siginfo_t *si, void *uc)
{
	struct evlsim_thread *t = evlsim__self;
	void *handler = __atomic_load_n(&actions[sig].handler, __ATOMIC_ACQUIRE);
	int flags = __atomic_load_n(&actions[sig].flags, __ATOMIC_ACQUIRE);
	int saved_errno = errno;

	if (t) {
		t->sig_last = sig;
		t->sig_last_restart = !!(flags & SA_RESTART);
		__atomic_add_fetch(&t->sig_count, 1, __ATOMIC_RELEASE);
		evlsim__sleep_signal(t);
	}
	if (handler == (void *)SIG_IGN || handler == (void *)SIG_DFL || !handler) {
		errno = saved_errno;
		return;
	}
	/* inside a simulated call: the handler runs at its end (core/sigdefer.h) */
	if (t && evlsim__in_call(t)) {
		evlsim__sig_defer(t, sig, si, handler, flags);
		errno = saved_errno;
		return;
	}
	errno = saved_errno;
	if (flags & SA_SIGINFO)
		((void (*)(int, siginfo_t *, void *))handler)(sig, si, uc);
	else
		((void (*)(int))handler)(sig);
}

static int wrappable(int sig)
{
	return sig > 0 && sig < _NSIG && sig != SIGKILL && sig != SIGSTOP;
}

EVLSIM_EXPORT int sigaction(int sig, const struct sigaction *act, struct sigaction *oldact)
{
	struct evlsim_thread *self = evlsim__self;
	struct sigaction wrapped, old;
	struct user_action prev;
	int ret;

	/* an in-band system call: an oob thread is demoted first, as for any other */
	if (self && self->stage == EVLSIM_OOB)
		evlsim__inband_syscall_enter();
	if (!wrappable(sig))
		return real_sigaction_fn()(sig, act, oldact);

	pthread_mutex_lock(&actions_lock);
	prev = actions[sig];
	if (act && act->sa_handler != SIG_DFL && act->sa_handler != SIG_IGN) {
		wrapped = *act;
		wrapped.sa_sigaction = wrapper;
		wrapped.sa_flags |= SA_SIGINFO;
		__atomic_store_n(&actions[sig].flags, act->sa_flags, __ATOMIC_RELEASE);
		__atomic_store_n(&actions[sig].handler,
				 (act->sa_flags & SA_SIGINFO) ? (void *)act->sa_sigaction
							      : (void *)act->sa_handler,
				 __ATOMIC_RELEASE);
		ret = real_sigaction_fn()(sig, &wrapped, &old);
	} else {
		ret = real_sigaction_fn()(sig, act, &old);
	}
	if (ret) {
		actions[sig] = prev;
	} else if (oldact) {
		*oldact = old;
		if (old.sa_sigaction == wrapper) {
			oldact->sa_flags = prev.flags;
			if (prev.flags & SA_SIGINFO)
				oldact->sa_sigaction = (void (*)(int, siginfo_t *, void *))prev.handler;
			else
				oldact->sa_handler = (void (*)(int))prev.handler;
		}
	}
	pthread_mutex_unlock(&actions_lock);
	return ret;
}

/* glibc's signal(): BSD semantics, the handler stays installed and calls restart. */
EVLSIM_EXPORT sighandler_t signal(int sig, sighandler_t handler)
{
	struct sigaction act, old;

	memset(&act, 0, sizeof(act));
	act.sa_handler = handler;
	sigemptyset(&act.sa_mask);
	if (sig > 0 && sig < _NSIG)
		sigaddset(&act.sa_mask, sig);
	act.sa_flags = SA_RESTART;
	if (sigaction(sig, &act, &old) < 0)
		return SIG_ERR;
	return old.sa_handler;
}
