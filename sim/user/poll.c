// SPDX-License-Identifier: LGPL-2.1-or-later
/*
 * In-band poll(2), ppoll(2), select(2), pselect(2) (user world).
 *
 * A call whose descriptors are all real goes to the C library unchanged (after the
 * demotion of an oob caller, as for any interposed call). A call with simulated
 * descriptors runs the loop of the kernel's do_poll()/do_select() here: each pass polls
 * the simulated files through their ->poll (select.c, kernel world) and the real
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
#include "core/libc.h"

/* glibc's fortify entry points (declared by its headers only under _FORTIFY_SOURCE) */
void __chk_fail(void) __attribute__((__noreturn__));
int __poll_chk(struct pollfd *fds, nfds_t nfds, int timeout, size_t fdslen);
int __ppoll_chk(struct pollfd *fds, nfds_t nfds, const struct timespec *timeout,
		const sigset_t *ss, size_t fdslen);

/* Any interposed call is an in-band system call: demote an oob EVL thread. */
static inline void inband_call(void)
{
	struct evlsim_thread *t = evlsim__self;

	if (evlsim_unlikely(t && t->stage == EVLSIM_OOB))
		evlsim__inband_syscall_enter();
}

#define POLLIN_SET	(POLLRDNORM | POLLRDBAND | POLLIN | POLLHUP | POLLERR)
#define POLLOUT_SET	(POLLWRBAND | POLLWRNORM | POLLOUT | POLLERR)
#define POLLEX_SET	(POLLPRI)

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

struct pcall {
	struct evlsim_pollfd *sim;	/* the simulated descriptors */
	unsigned int nsim;
	struct pollfd *real;		/* the real ones, with room for the kick after them */
	nfds_t nreal;
	int may_wait;			/* 0: zero timeout */
	evlsim_ns_t deadline;		/* absolute, or EVLSIM_NS_INFINITE */
	const sigset_t *sigmask;	/* ppoll()/pselect()'s, or NULL */
	int flags;			/* EVLSIM_POLL_SELECT */
	unsigned long sigs;		/* the caller's signal count when the call began */
};

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
static long poll_loop(struct pcall *c)
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

/* A relative timeout to an absolute deadline (saturating). */
static evlsim_ns_t deadline_after(long long sec, long long nsec)
{
	evlsim_ns_t now = evlsim__clock_now();

	if (sec >= (EVLSIM_NS_INFINITE - now) / 1000000000LL - 1)
		return EVLSIM_NS_INFINITE;
	return now + sec * 1000000000LL + nsec;
}

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

	ret = poll_loop(&c);
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
	long ret = sim_poll(copy, nfds, may_wait, deadline, sigmask);

	if ((ret >= 0 || ret == -EINTR) &&
	    evlsim__copy_to_user(fds, copy, nfds * sizeof(*copy)))
		ret = -EFAULT;
	evlsim__free(copy);
	return ret;
}

static int poll_result(long ret, int saved_errno)
{
	if (ret >= 0)
		errno = saved_errno;
	return (int)evlsim__syscall_result(ret);
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

	inband_call();
	copy = poll_copy_in(fds, nfds);
	if (!copy)
		return REAL(poll)(fds, nfds, timeout);
	if (timeout > 0)
		deadline = deadline_after(timeout / 1000, (timeout % 1000) * 1000000LL);
	return poll_result(sim_poll_copied(fds, copy, nfds, timeout != 0, deadline, NULL),
			   saved_errno);
}

EVLSIM_EXPORT int __poll_chk(struct pollfd *fds, nfds_t nfds, int timeout, size_t fdslen)
{
	if (fdslen / sizeof(*fds) < nfds)
		__chk_fail();
	return poll(fds, nfds, timeout);
}

static int timespec_valid(const struct timespec *ts)
{
	return ts->tv_sec >= 0 && (unsigned long)ts->tv_nsec < 1000000000UL;
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

	inband_call();
	copy = poll_copy_in(fds, nfds);
	if (!copy)
		return REAL(ppoll)(fds, nfds, tmo, sigmask);
	if ((tmo && evlsim__copy_from_user(&ts, tmo, sizeof(ts))) ||
	    (sigmask && evlsim__copy_from_user(&mask, sigmask, sizeof(mask)))) {
		evlsim__free(copy);
		return poll_result(-EFAULT, saved_errno);
	}
	if (tmo) {
		if (!timespec_valid(&ts)) {
			evlsim__free(copy);
			return poll_result(-EINVAL, saved_errno);
		}
		may_wait = ts.tv_sec || ts.tv_nsec;
		deadline = deadline_after(ts.tv_sec, ts.tv_nsec);
	}
	return poll_result(sim_poll_copied(fds, copy, nfds, may_wait, deadline,
					   sigmask ? &mask : NULL), saved_errno);
}

EVLSIM_EXPORT int __ppoll_chk(struct pollfd *fds, nfds_t nfds, const struct timespec *tmo,
			      const sigset_t *ss, size_t fdslen)
{
	if (fdslen / sizeof(*fds) < nfds)
		__chk_fail();
	return ppoll(fds, nfds, tmo, ss);
}

/* ---- select ------------------------------------------------------------------------------ */

#define NFDBITS_L	(8 * sizeof(unsigned long))

/* fd_set as the kernel sees it: an array of longs, nfds bits used. */
static inline int fdbit(const fd_set *set, int fd)
{
	return set && ((const unsigned long *)set)[fd / NFDBITS_L] >> (fd % NFDBITS_L) & 1;
}

static inline void fdbit_set(fd_set *set, int fd)
{
	((unsigned long *)set)[fd / NFDBITS_L] |= 1UL << (fd % NFDBITS_L);
}

/* The caller's fd_sets, copied through the fault-safe copy, worked on, copied back. */
struct select_sets {
	fd_set *user[3];	/* in, out, ex as passed */
	fd_set *copy[3];	/* the copies, NULL where the caller passed NULL */
	size_t bytes;
};

static void select_free(struct select_sets *ss)
{
	int i;

	for (i = 0; i < 3; i++)
		evlsim__free(ss->copy[i]);
}

/*
 * Copies the sets in; 1 if they name a simulated descriptor, 0 otherwise: nothing
 * simulated (never any without a simulated file), or a set unreadable, for which the C
 * library's call gives the answer (EFAULT).
 */
static int select_copy_in(struct select_sets *ss, int nfds, fd_set *in, fd_set *out,
			  fd_set *ex)
{
	int i, fd;

	memset(ss, 0, sizeof(*ss));
	if (evlsim_likely(!__atomic_load_n(&evlsim__nr_sim_files, __ATOMIC_RELAXED)) ||
	    nfds <= 0)
		return 0;
	if (nfds > EVLSIM_NR_FDS)
		nfds = EVLSIM_NR_FDS;
	ss->user[0] = in;
	ss->user[1] = out;
	ss->user[2] = ex;
	ss->bytes = (nfds + NFDBITS_L - 1) / NFDBITS_L * sizeof(unsigned long);
	for (i = 0; i < 3; i++) {
		if (!ss->user[i])
			continue;
		ss->copy[i] = evlsim__malloc(ss->bytes);
		if (evlsim__copy_from_user(ss->copy[i], ss->user[i], ss->bytes))
			goto none;
	}
	for (fd = 0; fd < nfds; fd++)
		if ((fdbit(ss->copy[0], fd) || fdbit(ss->copy[1], fd) || fdbit(ss->copy[2], fd)) &&
		    evlsim__fd_is_sim(fd))
			return 1;
none:
	select_free(ss);
	return 0;
}

/* sim_select() on the copies; the result sets go back to the caller's (or EFAULT) */
static long sim_select(int nfds, fd_set *in, fd_set *out, fd_set *ex, int may_wait,
		       evlsim_ns_t deadline, const sigset_t *sigmask);

static long sim_select_copied(struct select_sets *ss, int nfds, int may_wait,
			      evlsim_ns_t deadline, const sigset_t *sigmask)
{
	long ret = sim_select(nfds, ss->copy[0], ss->copy[1], ss->copy[2], may_wait, deadline,
			      sigmask);
	int i;

	for (i = 0; ret >= 0 && i < 3; i++)
		if (ss->copy[i] && evlsim__copy_to_user(ss->user[i], ss->copy[i], ss->bytes))
			ret = -EFAULT;
	select_free(ss);
	return ret;
}

/* core_sys_select() for a set with simulated descriptors. */
static long sim_select(int nfds, fd_set *in, fd_set *out, fd_set *ex, int may_wait,
		       evlsim_ns_t deadline, const sigset_t *sigmask)
{
	struct pcall c = {
		.may_wait = may_wait,
		.deadline = deadline,
		.sigmask = sigmask,
		.flags = EVLSIM_POLL_SELECT,
		.sigs = __atomic_load_n(&evlsim__current()->sig_count, __ATOMIC_ACQUIRE),
	};
	size_t bytes = (nfds + NFDBITS_L - 1) / NFDBITS_L * sizeof(unsigned long);
	unsigned int n = 0, nsim = 0, nreal = 0, i;
	short sets;
	long ret, bits = 0;
	int fd;

	/* max_select_fd(): every descriptor in a set must be open */
	for (fd = 0; fd < nfds; fd++) {
		if (!fdbit(in, fd) && !fdbit(out, fd) && !fdbit(ex, fd))
			continue;
		if (!evlsim__fd_is_sim(fd) && REAL(fcntl)(fd, F_GETFD) < 0 && errno == EBADF)
			return -EBADF;
		n++;
	}

	c.sim = evlsim__malloc(n * sizeof(*c.sim) + 1);
	c.real = evlsim__malloc((n + 1) * sizeof(*c.real));
	for (fd = 0; fd < nfds; fd++) {
		sets = (fdbit(in, fd) ? POLLIN : 0) | (fdbit(out, fd) ? POLLOUT : 0) |
		       (fdbit(ex, fd) ? POLLPRI : 0);
		if (!sets)
			continue;
		if (evlsim__fd_is_sim(fd))
			c.sim[nsim++] = (struct evlsim_pollfd){ fd, sets, 0 };
		else
			c.real[nreal++] = (struct pollfd){ fd, sets, 0 };
	}
	c.nsim = nsim;
	c.nreal = nreal;

	ret = poll_loop(&c);
	if (ret >= 0) {
		/* the result sets replace the caller's, whole longs as the kernel writes */
		if (in)
			memset(in, 0, bytes);
		if (out)
			memset(out, 0, bytes);
		if (ex)
			memset(ex, 0, bytes);
		for (i = 0; i < nsim + nreal; i++) {
			struct evlsim_pollfd *p = i < nsim ? &c.sim[i]
				: (struct evlsim_pollfd *)&c.real[i - nsim];

			if ((p->events & POLLIN) && (p->revents & POLLIN_SET)) {
				fdbit_set(in, p->fd);
				bits++;
			}
			if ((p->events & POLLOUT) && (p->revents & POLLOUT_SET)) {
				fdbit_set(out, p->fd);
				bits++;
			}
			if ((p->events & POLLPRI) && (p->revents & POLLEX_SET)) {
				fdbit_set(ex, p->fd);
				bits++;
			}
		}
		ret = bits;
	}
	evlsim__free(c.real);
	evlsim__free(c.sim);
	return ret;
}

/**
 * select - select(2), simulated descriptors included
 * @nfds: highest descriptor in the sets plus one
 * @in: read set, or NULL
 * @out: write set, or NULL
 * @ex: except set, or NULL
 * @tv: relative timeout, or NULL; gets the time left, unless zero
 *
 * Returns the number of bits set in the result sets, 0 on timeout, or -1 with errno
 * (EBADF, EINTR, EINVAL).
 */
EVLSIM_EXPORT int select(int nfds, fd_set *in, fd_set *out, fd_set *ex, struct timeval *tv)
{
	int saved_errno = errno, may_wait = 1;
	evlsim_ns_t deadline = EVLSIM_NS_INFINITE, left;
	struct select_sets ss;
	struct timeval t;
	long long sec, nsec;
	long ret;

	inband_call();
	if (!select_copy_in(&ss, nfds, in, out, ex))
		return REAL(select)(nfds, in, out, ex, tv);
	if (tv && evlsim__copy_from_user(&t, tv, sizeof(t))) {
		select_free(&ss);
		return poll_result(-EFAULT, saved_errno);
	}
	if (tv) {
		/* poll_select_set_timeout(): microseconds beyond a second carry over */
		sec = t.tv_sec + t.tv_usec / 1000000;
		nsec = (t.tv_usec % 1000000) * 1000LL;
		if (sec < 0 || nsec < 0) {
			select_free(&ss);
			return poll_result(-EINVAL, saved_errno);
		}
		may_wait = sec || nsec;
		deadline = deadline_after(sec, nsec);
	}
	ret = sim_select_copied(&ss, nfds, may_wait, deadline, NULL);
	/* poll_select_finish(): the time left goes back in *tv, unless it was zero */
	if (tv && may_wait && deadline != EVLSIM_NS_INFINITE) {
		left = deadline - evlsim__clock_now();
		if (left < 0)
			left = 0;
		t.tv_sec = left / 1000000000LL;
		t.tv_usec = left % 1000000000LL / 1000;
		if (evlsim__copy_to_user(tv, &t, sizeof(t)) && ret >= 0)
			ret = -EFAULT;
	}
	return poll_result(ret, saved_errno);
}

/**
 * pselect - pselect(2), simulated descriptors included
 * @nfds: highest descriptor in the sets plus one
 * @in: read set, or NULL
 * @out: write set, or NULL
 * @ex: except set, or NULL
 * @ts: relative timeout, or NULL; never written
 * @sigmask: the signal mask while waiting, or NULL
 *
 * Returns as select().
 */
EVLSIM_EXPORT int pselect(int nfds, fd_set *in, fd_set *out, fd_set *ex,
			  const struct timespec *ts, const sigset_t *sigmask)
{
	int saved_errno = errno, may_wait = 1;
	evlsim_ns_t deadline = EVLSIM_NS_INFINITE;
	struct select_sets ss;
	struct timespec t;
	sigset_t mask;

	inband_call();
	if (!select_copy_in(&ss, nfds, in, out, ex))
		return REAL(pselect)(nfds, in, out, ex, ts, sigmask);
	if ((ts && evlsim__copy_from_user(&t, ts, sizeof(t))) ||
	    (sigmask && evlsim__copy_from_user(&mask, sigmask, sizeof(mask)))) {
		select_free(&ss);
		return poll_result(-EFAULT, saved_errno);
	}
	if (ts) {
		if (!timespec_valid(&t)) {
			select_free(&ss);
			return poll_result(-EINVAL, saved_errno);
		}
		may_wait = t.tv_sec || t.tv_nsec;
		deadline = deadline_after(t.tv_sec, t.tv_nsec);
	}
	/* glibc passes the kernel a copy of *ts: the caller's is never updated */
	return poll_result(sim_select_copied(&ss, nfds, may_wait, deadline,
					     sigmask ? &mask : NULL), saved_errno);
}
