// SPDX-License-Identifier: LGPL-2.1-or-later
/*
 * In-band poll(2) and ppoll(2), and the loop they share with select(2) and pselect(2)
 * (user/select.c) (user world).
 *
 * A call whose descriptors are all real goes to the C library unchanged (after the
 * demotion of an oob caller, as for any interposed call). A call with simulated
 * descriptors runs the loop of the kernel's do_poll()/do_select() here: each pass polls
 * the simulated files through their ->poll (vfs/select.c, kernel world) and the real
 * descriptors with the real ppoll(). When nothing is ready, the real ppoll() is also
 * where the caller sleeps, on its real descriptors plus an eventfd of its own (the
 * "kick", created once per thread), which the wait entries the first pass registered on
 * the drivers' wait queues write to on a wake-up. The call ends when a descriptor is
 * ready, the timeout expires (after one last pass) or a signal is caught.
 *
 * Signals. The kernel notices a signal that arrives anywhere in the call, because it
 * stays pending until the call returns; here a handler runs at once, and one that ran
 * just before the real ppoll() went to sleep would go unnoticed. A call that may sleep
 * therefore blocks the asynchronous signals and unblocks them only inside the real
 * ppoll(), with the caller's mask (or ppoll()/pselect()'s sigmask, as those calls
 * install it while waiting): a signal is then either caught before the wait (counted on
 * the thread since the call began) or interrupts it (EINTR). Either way the call fails
 * with EINTR if nothing is ready, as poll() and select() do whatever SA_RESTART says.
 * The synchronous signals (SIGSEGV, SIGBUS...) are never blocked.
 */
#include <dlfcn.h>
#include <errno.h>
#include <poll.h>
#include <pthread.h>
#include <signal.h>
#include <stdint.h>
#include <string.h>
#include <sys/eventfd.h>
#include <sys/resource.h>
#include <sys/select.h>
#include <fcntl.h>
#include <time.h>
#include <unistd.h>
#include "internal.h"
#include "user/poll.h"
#include "core/libc.h"

/* glibc's fortify entry points (declared by its headers only under _FORTIFY_SOURCE) */
void __chk_fail(void) __attribute__((__noreturn__));
int __poll_chk(struct pollfd *fds, nfds_t nfds, int timeout, size_t fdslen);
int __ppoll_chk(struct pollfd *fds, nfds_t nfds, const struct timespec *timeout,
		const sigset_t *ss, size_t fdslen);

/* ---- the kick eventfd ------------------------------------------------------------------ */

static __thread int kick_fd = -1;
static pthread_key_t kick_key;
static pthread_once_t kick_once = PTHREAD_ONCE_INIT;

static void kick_destroy(void *arg)
{
	REAL(close)((int)(intptr_t)arg - 1);
}

/* In a child, the forking thread's eventfd is its parent's: never share it. */
static void kick_atfork_child(void)
{
	if (kick_fd >= 0) {
		REAL(close)(kick_fd);
		kick_fd = -1;
		pthread_setspecific(kick_key, NULL);
	}
}

static void kick_init(void)
{
	if (pthread_key_create(&kick_key, kick_destroy))
		evlsim__die("cannot create the poll kick key");
	pthread_atfork(NULL, NULL, kick_atfork_child);
}

/* The calling thread's eventfd, or -errno. */
static int get_kick(void)
{
	int fd = kick_fd;

	if (evlsim_likely(fd >= 0))
		return fd;
	pthread_once(&kick_once, kick_init);
	fd = eventfd(0, EFD_CLOEXEC | EFD_NONBLOCK);
	if (fd < 0)
		return -errno;
	kick_fd = fd;
	pthread_setspecific(kick_key, (void *)(intptr_t)(fd + 1));
	return fd;
}

static void kick_drain(int fd)
{
	uint64_t v;

	(void)REAL(read)(fd, &v, sizeof(v));
}

/* ---- the loop --------------------------------------------------------------------------- */


/* Whether a descriptor is ready: any event for poll(), one of its sets for select(). */
static int ready(int flags, short events, short revents)
{
	if (!(flags & EVLSIM_POLL_SELECT))
		return revents != 0;
	return ((events & POLLIN) && (revents & POLLIN_SET)) ||
	       ((events & POLLOUT) && (revents & POLLOUT_SET)) ||
	       ((events & POLLPRI) && (revents & POLLEX_SET));
}

/* The real ppoll(), for at most until @deadline (0: do not wait). */
static int real_ppoll(struct pollfd *fds, nfds_t n, evlsim_ns_t deadline,
		      const sigset_t *mask)
{
	struct timespec ts = { 0, 0 }, *tsp = &ts;
	evlsim_ns_t left;

	if (deadline == EVLSIM_NS_INFINITE) {
		tsp = NULL;
	} else if (deadline) {
		left = deadline - evlsim__clock_now();
		if (left > 0) {
			ts.tv_sec = left / 1000000000LL;
			ts.tv_nsec = left % 1000000000LL;
		}
	}
	return REAL(ppoll)(fds, n, tsp, mask);
}

static void block_signals(sigset_t *orig)
{
	static const int sync_signals[] = {
		SIGSEGV, SIGBUS, SIGFPE, SIGILL, SIGTRAP, SIGSYS, SIGABRT,
	};
	sigset_t all;
	size_t i;

	sigfillset(&all);
	for (i = 0; i < sizeof(sync_signals) / sizeof(sync_signals[0]); i++)
		sigdelset(&all, sync_signals[i]);
	pthread_sigmask(SIG_BLOCK, &all, orig);
}

/*
 * do_poll()/do_select(): passes until something is ready (the count of ready entries),
 * the timeout expired after a last pass (0), or a signal was caught with nothing ready
 * (-EINTR). Other errors: -errno. Every ->revents is set for the last pass.
 */
long evlsim__poll_loop(struct pcall *c)
{
	struct evlsim_thread *self = evlsim__current();
	int final = !c->may_wait, intr = 0, kick = -1, wait, r;
	struct poll_wqueues *pwq;
	long count, rcount;
	sigset_t orig;
	nfds_t i, n;

	if (c->may_wait) {
		kick = get_kick();
		if (kick < 0)
			return kick;
		block_signals(&orig);
	}
	pwq = evlsim__poll_begin(kick, c->may_wait);
	for (;;) {
		count = c->nsim ? evlsim__poll_scan(pwq, c->sim, c->nsim, c->flags) : 0;
		wait = !count && !final;
		n = c->nreal;
		if (wait) {
			c->real[n].fd = kick;
			c->real[n].events = POLLIN;
			c->real[n].revents = 0;
			n++;
		}
		r = 0;
		if (wait)
			r = real_ppoll(c->real, n, c->deadline, c->sigmask ? c->sigmask : &orig);
		else if (n || (c->sigmask && !c->may_wait && !count))
			r = real_ppoll(c->real, n, 0, !c->may_wait && !count ? c->sigmask : NULL);
		if (r < 0) {
			if (errno != EINTR) {
				count = -errno;
				break;
			}
			for (i = 0; i < c->nreal; i++)
				c->real[i].revents = 0;
			intr = 1;
			if (wait) {
				/* one more pass, which does not wait */
				final = 1;
				continue;
			}
		}
		for (i = 0, rcount = 0; i < c->nreal; i++)
			rcount += ready(c->flags, c->real[i].events, c->real[i].revents);
		if (wait && (c->real[c->nreal].revents & POLLIN)) {
			kick_drain(kick);
			/* woken by a real descriptor and a driver at once: catch up */
			if (rcount && c->nsim)
				count = evlsim__poll_scan(pwq, c->sim, c->nsim, c->flags);
		}
		count += rcount;
		if (count)
			break;
		if (intr || evlsim__signal_since(self, c->sigs)) {
			count = -EINTR;
			break;
		}
		if (final)
			break;
		if (wait && r == 0)
			final = 1;	/* timed out: a last pass */
	}
	if (evlsim__poll_end(pwq))
		kick_drain(kick);	/* wake-ups after the last drain */
	if (c->may_wait)
		pthread_sigmask(SIG_SETMASK, &orig, NULL);
	return count;
}

/*
 * The caller's pollfd array, copied in through the fault-safe copy, if it names a
 * simulated descriptor; NULL otherwise: nothing simulated (never any without a
 * simulated file), an array too long for RLIMIT_NOFILE or unreadable, for all of which
 * the C library's call gives the answer (EINVAL, EFAULT).
 */
static struct pollfd *poll_copy_in(const struct pollfd *fds, nfds_t nfds)
{
	struct pollfd *copy;
	struct rlimit rl;
	nfds_t i;

	if (evlsim_likely(!__atomic_load_n(&evlsim__nr_sim_files, __ATOMIC_RELAXED)) || !nfds)
		return NULL;
	if (!getrlimit(RLIMIT_NOFILE, &rl) && nfds > rl.rlim_cur)
		return NULL;
	copy = evlsim__malloc(nfds * sizeof(*copy));
	if (evlsim__copy_from_user(copy, fds, nfds * sizeof(*copy)))
		goto none;
	for (i = 0; i < nfds; i++)
		if (evlsim__fd_is_sim(copy[i].fd))
			return copy;
none:
	evlsim__free(copy);
	return NULL;
}

/* sim_poll() on the copy, whose results go back to the caller's array (or EFAULT) */
static long sim_poll_copied(struct pollfd *fds, struct pollfd *copy, nfds_t nfds,
			    int may_wait, evlsim_ns_t deadline, const sigset_t *sigmask);


/* do_sys_poll() for a set with simulated descriptors. */
static long sim_poll(struct pollfd *fds, nfds_t nfds, int may_wait, evlsim_ns_t deadline,
		     const sigset_t *sigmask)
{
	struct pcall c = {
		.may_wait = may_wait,
		.deadline = deadline,
		.sigmask = sigmask,
		.sigs = __atomic_load_n(&evlsim__current()->sig_count, __ATOMIC_ACQUIRE),
	};
	unsigned int *where;
	nfds_t i, nsim = 0, nreal = 0;
	long ret;

	c.sim = evlsim__malloc(nfds * sizeof(*c.sim) + 1);
	c.real = evlsim__malloc((nfds + 1) * sizeof(*c.real));
	where = evlsim__malloc(nfds * sizeof(*where) + 1);
	for (i = 0; i < nfds; i++) {
		if (fds[i].fd < 0) {
			where[i] = UINT32_MAX;
		} else if (evlsim__fd_is_sim(fds[i].fd)) {
			c.sim[nsim] = (struct evlsim_pollfd){ fds[i].fd, fds[i].events, 0 };
			where[i] = nsim++;
		} else {
			c.real[nreal] = (struct pollfd){ fds[i].fd, fds[i].events, 0 };
			where[i] = 0x80000000u | nreal++;
		}
	}
	c.nsim = nsim;
	c.nreal = nreal;

	ret = evlsim__poll_loop(&c);
	if (ret >= 0 || ret == -EINTR) {
		for (i = 0; i < nfds; i++) {
			if (where[i] == UINT32_MAX)
				fds[i].revents = 0;
			else if (where[i] & 0x80000000u)
				fds[i].revents = c.real[where[i] & ~0x80000000u].revents;
			else
				fds[i].revents = c.sim[where[i]].revents;
		}
	}
	evlsim__free(where);
	evlsim__free(c.real);
	evlsim__free(c.sim);
	return ret;
}

static long sim_poll_copied(struct pollfd *fds, struct pollfd *copy, nfds_t nfds,
			    int may_wait, evlsim_ns_t deadline, const sigset_t *sigmask)
{
	struct evlsim_thread *t = evlsim__current();
	long ret;

	evlsim__call_enter(t);
	ret = sim_poll(copy, nfds, may_wait, deadline, sigmask);
	if ((ret >= 0 || ret == -EINTR) &&
	    evlsim__copy_to_user(fds, copy, nfds * sizeof(*copy)))
		ret = -EFAULT;
	evlsim__free(copy);
	evlsim__call_leave(t);		/* the handlers of signals meanwhile */
	return ret;
}


/**
 * poll - poll(2), simulated descriptors included
 * @fds: the descriptors and events
 * @nfds: how many
 * @timeout: milliseconds; negative: no limit
 *
 * Returns the number of descriptors with events, 0 on timeout, or -1 with errno (EINTR,
 * EINVAL, or the C library's).
 */
EVLSIM_EXPORT int poll(struct pollfd *fds, nfds_t nfds, int timeout)
{
	int saved_errno = errno;
	evlsim_ns_t deadline = EVLSIM_NS_INFINITE;

	struct pollfd *copy;

	evlsim__inband_call();
	copy = poll_copy_in(fds, nfds);
	if (!copy)
		return REAL(poll)(fds, nfds, timeout);
	if (timeout > 0)
		deadline = evlsim__deadline_after(timeout / 1000, (timeout % 1000) * 1000000LL);
	return evlsim__poll_result(sim_poll_copied(fds, copy, nfds, timeout != 0, deadline, NULL),
			   saved_errno);
}

EVLSIM_EXPORT int __poll_chk(struct pollfd *fds, nfds_t nfds, int timeout, size_t fdslen)
{
	if (fdslen / sizeof(*fds) < nfds)
		__chk_fail();
	return poll(fds, nfds, timeout);
}


/**
 * ppoll - ppoll(2), simulated descriptors included
 * @fds: the descriptors and events
 * @nfds: how many
 * @tmo: relative timeout, or NULL for none; never written
 * @sigmask: the signal mask while waiting, or NULL
 *
 * Returns as poll().
 */
EVLSIM_EXPORT int ppoll(struct pollfd *fds, nfds_t nfds, const struct timespec *tmo,
			const sigset_t *sigmask)
{
	int saved_errno = errno, may_wait = 1;
	evlsim_ns_t deadline = EVLSIM_NS_INFINITE;
	struct timespec ts;
	struct pollfd *copy;
	sigset_t mask;

	evlsim__inband_call();
	copy = poll_copy_in(fds, nfds);
	if (!copy)
		return REAL(ppoll)(fds, nfds, tmo, sigmask);
	if ((tmo && evlsim__copy_from_user(&ts, tmo, sizeof(ts))) ||
	    (sigmask && evlsim__copy_from_user(&mask, sigmask, sizeof(mask)))) {
		evlsim__free(copy);
		return evlsim__poll_result(-EFAULT, saved_errno);
	}
	if (tmo) {
		if (!evlsim__timespec_valid(&ts)) {
			evlsim__free(copy);
			return evlsim__poll_result(-EINVAL, saved_errno);
		}
		may_wait = ts.tv_sec || ts.tv_nsec;
		deadline = evlsim__deadline_after(ts.tv_sec, ts.tv_nsec);
	}
	return evlsim__poll_result(sim_poll_copied(fds, copy, nfds, may_wait, deadline,
					   sigmask ? &mask : NULL), saved_errno);
}

EVLSIM_EXPORT int __ppoll_chk(struct pollfd *fds, nfds_t nfds, const struct timespec *tmo,
			      const sigset_t *ss, size_t fdslen)
{
	if (fdslen / sizeof(*fds) < nfds)
		__chk_fail();
	return ppoll(fds, nfds, tmo, ss);
}
