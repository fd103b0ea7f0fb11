/* SPDX-License-Identifier: LGPL-2.1-or-later */
/*
 * evlsim: libevl r47 <evl/poll.h> (poll-evl.h in libevl), the out-of-band poll group.
 *
 * A poll group is a file (/dev/evl/poll) holding a set of oob-capable fds, each with the
 * events to wait for and a value given back with its events. Only EVL threads can use
 * it: every call goes through oob_ioctl(). Each call returns 0, a count or a descriptor
 * on success and a negated errno on failure, and leaves errno alone:
 *
 *	efd = evl_new_poll();
 *	evl_add_pollfd(efd, fd, POLLIN, evl_nil);
 *	n = evl_poll(efd, set, 8);		(set[0..n-1] are ready)
 */
#ifndef _EVLSIM_USER_EVL_POLL_H
#define _EVLSIM_USER_EVL_POLL_H

#include <poll.h>
#include <time.h>
#include <uapi/evl/poll-abi.h>

#ifndef evl_nil
#define evl_nil		((union evl_value){ .lval = 0 })
#endif

#ifdef __cplusplus
extern "C" {
#endif

/* Opens a new group: its fd, or -errno from open(2). */
int evl_new_poll(void);

/* 0, -EBADF (@newfd is not an oob-capable file), -EEXIST (already in the group), -ELOOP
 * (@newfd is a group that leads back to @efd, or nests too deep), -ENOMEM. */
int evl_add_pollfd(int efd, int newfd, unsigned int events, union evl_value pollval);

/* 0, -ENOENT if @delfd is not in the group. */
int evl_del_pollfd(int efd, int delfd);

/* 0, -ENOENT if @modfd is not in the group. */
int evl_mod_pollfd(int efd, int modfd, unsigned int events, union evl_value pollval);

/*
 * Waits until some fds of the group are ready, at most until @timeout, an absolute date
 * on CLOCK_MONOTONIC ({0, 0}: no limit). Returns the number of entries filled in
 * @pollset (at most @nrset; 0 if @nrset is 0), -ETIMEDOUT, -EAGAIN (nothing ready and
 * the group is O_NONBLOCK), -EINVAL (empty group, @nrset < 0, tv_nsec out of range),
 * -EBADF (an fd of the group was closed), -EIDRM (the group was closed), -EFAULT.
 */
int evl_timedpoll(int efd, struct evl_poll_event *pollset, int nrset,
		  const struct timespec *timeout);

/* evl_timedpoll() without a time limit. */
int evl_poll(int efd, struct evl_poll_event *pollset, int nrset);

#ifdef __cplusplus
}
#endif

#endif
