/* SPDX-License-Identifier: MIT */
/*
 * tpollsrc: an event source for the oob poll tests. Each open file has TPS_NR_HEADS poll
 * heads and a readiness mask; in-band ioctls (some also oob) drive them:
 *
 *  /dev/tpollsrc          ->oob_poll() connects the poller to heads 0..nr-1 (1 by
 *                         default, TPS_IOC_SET_WATCH changes it) with an unwatch
 *                         callback, then returns the readiness mask
 *  /dev/tpollsrc-nopoll   oob-capable, without ->oob_poll()
 */
#ifndef _TPOLLSRC_ABI_H
#define _TPOLLSRC_ABI_H

#include <linux/types.h>
#include <linux/ioctl.h>

#define TPS_NR_HEADS		6

struct tps_signal {
	__u32 head;		/* index of the poll head */
	__u32 events;		/* POLL* bits for evl_signal_poll_events() */
};

struct tps_watch {
	__u32 nr_heads;		/* ->oob_poll() watches heads 0..nr_heads-1 */
	__u32 dup;		/* then head 0 once more */
};

#define TPS_IOC_MAGIC		'S'
/* arg: the readiness mask ->oob_poll() returns from now on (no signal); in-band or oob */
#define TPS_IOC_SET_READY	_IO(TPS_IOC_MAGIC, 0)
/* evl_signal_poll_events() on one head; in-band or oob */
#define TPS_IOC_SIGNAL		_IOW(TPS_IOC_MAGIC, 1, struct tps_signal)
#define TPS_IOC_SET_WATCH	_IOW(TPS_IOC_MAGIC, 2, struct tps_watch)
/* arg: a head index; returns how many pollers are connected to it */
#define TPS_IOC_WATCHERS	_IO(TPS_IOC_MAGIC, 3)
/* returns how many times the unwatch callback ran since the module was loaded */
#define TPS_IOC_UNWATCHED	_IO(TPS_IOC_MAGIC, 4)

#endif
