/* SPDX-License-Identifier: LGPL-2.1-or-later */
/*
 * evlsim uapi: faithful to linux-evl include/uapi/evl/poll-abi.h: the requests of the
 * out-of-band poll group (/dev/evl/poll), issued with oob_ioctl() only. Pointers travel
 * as __u64 so that 32- and 64-bit callers share the layout. Shared by kernel and user
 * code.
 */
#ifndef _EVLSIM_UAPI_EVL_POLL_ABI_H
#define _EVLSIM_UAPI_EVL_POLL_ABI_H

#include <linux/types.h>
#include <linux/ioctl.h>
#include <uapi/evl/types-abi.h>

#define EVL_POLL_DEV		"poll"

#define EVL_POLL_IOCBASE	'p'

#define EVL_POLL_CTLADD		0
#define EVL_POLL_CTLDEL		1
#define EVL_POLL_CTLMOD		2

struct evl_poll_ctlreq {
	__u32 action;			/* EVL_POLL_CTL* */
	__u32 fd;
	__u32 events;			/* POLL* bits */
	union evl_value pollval;	/* given back with every event of @fd */
};

struct evl_poll_event {
	__u32 fd;
	__u32 events;
	union evl_value pollval;
};

struct evl_poll_waitreq {
	__u64 timeout_ptr;		/* (const struct __evl_timespec *) */
	__u64 pollset_ptr;		/* (struct evl_poll_event *) */
	int nrset;			/* in: entries at pollset_ptr; out: entries written */
};

#define EVL_POLIOC_CTL		_IOW(EVL_POLL_IOCBASE, 0, struct evl_poll_ctlreq)
#define EVL_POLIOC_WAIT		_IOWR(EVL_POLL_IOCBASE, 1, struct evl_poll_waitreq)

#endif
