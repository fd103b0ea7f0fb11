// SPDX-License-Identifier: LGPL-2.1-or-later
/*
 * The out-of-band poll group, user side (user world), after libevl r47 lib/poll.c: each
 * call is one oob_ioctl() on the group's fd, and returns a negated errno on failure;
 * errno is left as the caller set it.
 */
#include <errno.h>
#include <fcntl.h>
#include <evl/evl.h>
#include "internal.h"

#define EVL_POLL_DEV_PATH	"/dev/evl/" EVL_POLL_DEV

/* oob_ioctl()'s -1/errno as a negated errno, errno restored */
static int neg_errno(int ret, int saved_errno)
{
	if (ret >= 0)
		return ret;
	ret = -errno;
	errno = saved_errno;
	return ret;
}

EVLSIM_EXPORT int evl_new_poll(void)
{
	int saved_errno = errno;

	evl_init();
	return neg_errno(open(EVL_POLL_DEV_PATH, O_RDWR | O_CLOEXEC), saved_errno);
}

static int update_pollset(int efd, int op, int fd, unsigned int events,
			  union evl_value pollval)
{
	struct evl_poll_ctlreq creq = {
		.action = op,
		.fd = fd,
		.events = events,
		.pollval = pollval,
	};

	int saved_errno = errno;

	return neg_errno(oob_ioctl(efd, EVL_POLIOC_CTL, &creq), saved_errno);
}

EVLSIM_EXPORT int evl_add_pollfd(int efd, int newfd, unsigned int events,
				 union evl_value pollval)
{
	return update_pollset(efd, EVL_POLL_CTLADD, newfd, events, pollval);
}

EVLSIM_EXPORT int evl_del_pollfd(int efd, int delfd)
{
	return update_pollset(efd, EVL_POLL_CTLDEL, delfd, 0, evl_nil);
}

EVLSIM_EXPORT int evl_mod_pollfd(int efd, int modfd, unsigned int events,
				 union evl_value pollval)
{
	return update_pollset(efd, EVL_POLL_CTLMOD, modfd, events, pollval);
}

static int do_poll(int efd, struct evl_poll_event *pollset, int nrset,
		   const struct timespec *timeout)
{
	struct evl_poll_waitreq wreq;
	struct __evl_timespec kts;
	int ret, saved_errno = errno;

	/* a NULL timeout reaches the core as a NULL pointer: -EFAULT, as in libevl */
	if (timeout) {
		kts.tv_sec = timeout->tv_sec;
		kts.tv_nsec = timeout->tv_nsec;
	}
	wreq.timeout_ptr = timeout ? (__u64)(unsigned long)&kts : 0;
	wreq.pollset_ptr = (__u64)(unsigned long)pollset;
	wreq.nrset = nrset;
	ret = neg_errno(oob_ioctl(efd, EVL_POLIOC_WAIT, &wreq), saved_errno);

	return ret ? ret : wreq.nrset;
}

EVLSIM_EXPORT int evl_timedpoll(int efd, struct evl_poll_event *pollset, int nrset,
				const struct timespec *timeout)
{
	return do_poll(efd, pollset, nrset, timeout);
}

EVLSIM_EXPORT int evl_poll(int efd, struct evl_poll_event *pollset, int nrset)
{
	static const struct timespec forever = { .tv_sec = 0, .tv_nsec = 0 };

	return do_poll(efd, pollset, nrset, &forever);
}
