/* SPDX-License-Identifier: LGPL-2.1-or-later */
/*
 * The loop of the in-band poll(2) and select(2) with simulated descriptors (user/poll.c),
 * shared by their entry points (user/poll.c, user/select.c).
 */
#ifndef _EVLSIM_SIM_USER_POLL_H
#define _EVLSIM_SIM_USER_POLL_H

#include <errno.h>
#include <poll.h>
#include <signal.h>
#include "internal.h"

#define POLLIN_SET	(POLLRDNORM | POLLRDBAND | POLLIN | POLLHUP | POLLERR)
#define POLLOUT_SET	(POLLWRBAND | POLLWRNORM | POLLOUT | POLLERR)
#define POLLEX_SET	(POLLPRI)

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

/* do_poll()'s loop over @c: the number of ready descriptors, 0 on timeout, or -errno. */
long evlsim__poll_loop(struct pcall *c);

/* A relative timeout to an absolute deadline (saturating). */
static inline evlsim_ns_t evlsim__deadline_after(long long sec, long long nsec)
{
	evlsim_ns_t now = evlsim__clock_now();

	if (sec >= (EVLSIM_NS_INFINITE - now) / 1000000000LL - 1)
		return EVLSIM_NS_INFINITE;
	return now + sec * 1000000000LL + nsec;
}

static inline int evlsim__poll_result(long ret, int saved_errno)
{
	if (ret >= 0)
		errno = saved_errno;
	return (int)evlsim__syscall_result(ret);
}

static inline int evlsim__timespec_valid(const struct timespec *ts)
{
	return ts->tv_sec >= 0 && (unsigned long)ts->tv_nsec < 1000000000UL;
}

#endif /* _EVLSIM_SIM_USER_POLL_H */
