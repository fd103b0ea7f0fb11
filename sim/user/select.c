// SPDX-License-Identifier: LGPL-2.1-or-later
/*
 * In-band select(2) and pselect(2) (user world), on the loop of user/poll.c: the sets
 * become one poll call, whose results go back into the sets as core_sys_select() writes
 * them. A call whose descriptors are all real goes to the C library unchanged.
 */
#include <errno.h>
#include <fcntl.h>
#include <string.h>
#include <sys/select.h>
#include <time.h>
#include "internal.h"
#include "core/libc.h"
#include "user/poll.h"

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
	struct evlsim_thread *t = evlsim__current();
	long ret;
	int i;

	evlsim__call_enter(t);
	ret = sim_select(nfds, ss->copy[0], ss->copy[1], ss->copy[2], may_wait, deadline,
			 sigmask);
	for (i = 0; ret >= 0 && i < 3; i++)
		if (ss->copy[i] && evlsim__copy_to_user(ss->user[i], ss->copy[i], ss->bytes))
			ret = -EFAULT;
	select_free(ss);
	evlsim__call_leave(t);		/* the handlers of signals meanwhile */
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

	ret = evlsim__poll_loop(&c);
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

	evlsim__inband_call();
	if (!select_copy_in(&ss, nfds, in, out, ex))
		return REAL(select)(nfds, in, out, ex, tv);
	if (tv && evlsim__copy_from_user(&t, tv, sizeof(t))) {
		select_free(&ss);
		return evlsim__poll_result(-EFAULT, saved_errno);
	}
	if (tv) {
		/* poll_select_set_timeout(): microseconds beyond a second carry over */
		sec = t.tv_sec + t.tv_usec / 1000000;
		nsec = (t.tv_usec % 1000000) * 1000LL;
		if (sec < 0 || nsec < 0) {
			select_free(&ss);
			return evlsim__poll_result(-EINVAL, saved_errno);
		}
		may_wait = sec || nsec;
		deadline = evlsim__deadline_after(sec, nsec);
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
	return evlsim__poll_result(ret, saved_errno);
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

	evlsim__inband_call();
	if (!select_copy_in(&ss, nfds, in, out, ex))
		return REAL(pselect)(nfds, in, out, ex, ts, sigmask);
	if ((ts && evlsim__copy_from_user(&t, ts, sizeof(t))) ||
	    (sigmask && evlsim__copy_from_user(&mask, sigmask, sizeof(mask)))) {
		select_free(&ss);
		return evlsim__poll_result(-EFAULT, saved_errno);
	}
	if (ts) {
		if (!evlsim__timespec_valid(&t)) {
			select_free(&ss);
			return evlsim__poll_result(-EINVAL, saved_errno);
		}
		may_wait = t.tv_sec || t.tv_nsec;
		deadline = evlsim__deadline_after(t.tv_sec, t.tv_nsec);
	}
	/* glibc passes the kernel a copy of *ts: the caller's is never updated */
	return evlsim__poll_result(sim_select_copied(&ss, nfds, may_wait, deadline,
					     sigmask ? &mask : NULL), saved_errno);
}
