/* SPDX-License-Identifier: LGPL-2.1-or-later */
/*
 * The watchpoints of the out-of-band poll (kernel world): what a poll group's wait
 * (evl/poll-group.c) links to a polled file and to its driver's poll heads (evl/poll.c).
 */
#ifndef _EVLSIM_SIM_EVL_POLL_H
#define _EVLSIM_SIM_EVL_POLL_H

#include <linux/fs.h>
#include <evl/file.h>
#include <evl/flag.h>
#include <evl/poll.h>

struct evl_poll_node {
	struct list_head next;		/* in efilp->watchpoints */
};

/*
 * The watchpoint a waiter links to a polled file and, through its oob_poll_wait, to the
 * driver's poll heads. It watches files, not elements, so any oob-capable file can be
 * polled.
 */
struct evl_poll_watchpoint {
	unsigned int fd;
	int events_polled;
	union evl_value pollval;
	struct oob_poll_wait wait;
	struct evl_flag *flag;
	struct file *filp;
	struct evl_file *efilp;		/* crossing reference held while set */
	struct evl_poll_node node;
};

/*
 * efilp->watchpoints of a released file: no watchpoint may be linked there any more, a
 * waiter that got the file just before it was released sees POLLNVAL at once.
 */
static inline bool file_released(struct evl_file *efilp)
{
	return efilp->watchpoints.prev == NULL;
}

#endif /* _EVLSIM_SIM_EVL_POLL_H */
