/* SPDX-License-Identifier: MIT */
/*
 * tproc: a test driver for process semantics (exit, cancellation, modules loaded before
 * main()), one misc device, /dev/tproc. Each open allocates a context that ->release
 * frees, so that a file the process never closes shows as a leak unless the exit
 * releases it.
 *
 *  TPROC_OOB_WAIT   (oob_ioctl) blocks on an EVL wait queue until TPROC_IOC_WAKE, a
 *                   signal or a cancellation ends it: the wait's result
 *  TPROC_IOC_WAIT   (ioctl, in-band) the same on an in-band wait queue
 *  read()           (in-band) blocks like TPROC_IOC_WAIT, then reads nothing (0)
 *  oob_read()       blocks like TPROC_OOB_WAIT, then reads nothing (0)
 *  TPROC_IOC_WAKE   (ioctl) wakes every waiter of both kinds with a result of 0
 *  TPROC_IOC_STATS  (ioctl) the counters below
 *  TPROC_OOB_TAKE   (oob_ioctl) waits on the same (priority) queue for a token
 *  TPROC_IOC_POST   (ioctl) adds a token and wakes the head waiter
 *  TPROC_IOC_XBUF_WRITE, TPROC_OOB_XBUF_WRITE, TPROC_IOC_XBUF_READ, TPROC_OOB_XBUF_READ
 *                   (struct tproc_xbuf_req) evl_write_xbuf()/evl_read_xbuf() on the xbuf
 *                   open on ->xfd: their result, or -EBADF if ->xfd is no xbuf
 *  TPROC_IOC_STAX_LOCK, TPROC_IOC_STAX_UNLOCK (ioctl) hold a stax in-band across calls
 *  TPROC_OOB_STAX   (oob_ioctl) locks the stax from oob (waiting for in-band holders),
 *                   unlocks it: the lock's result
 *
 * Module parameter: tag (int), given back in the stats, to show parameters reach it.
 */
#ifndef _TPROC_ABI_H
#define _TPROC_ABI_H

#include <linux/types.h>
#include <linux/ioctl.h>

struct tproc_stats {
	__u32 opens;		/* ->open calls since load */
	__u32 releases;		/* ->release calls since load */
	__u32 waiting;		/* threads in a wait now (both kinds) */
	__u32 waits_ended;	/* waits that returned, whatever the result */
	__s32 last_result;	/* the result of the last wait that returned */
	__s32 tag;		/* the module parameter */
};

struct tproc_xbuf_req {
	__s32 xfd;
	__u32 flags;		/* O_NONBLOCK or 0 */
	__u64 buf;		/* user buffer, at most TPROC_XBUF_MAX bytes */
	__u32 len;
	__u32 pad;
};
#define TPROC_XBUF_MAX		64

#define TPROC_OOB_WAIT		_IO('p', 1)
#define TPROC_IOC_WAIT		_IO('p', 2)
#define TPROC_IOC_WAKE		_IO('p', 3)
#define TPROC_IOC_STATS		_IOR('p', 4, struct tproc_stats)
#define TPROC_IOC_STAX_LOCK	_IO('p', 5)
#define TPROC_IOC_STAX_UNLOCK	_IO('p', 6)
#define TPROC_OOB_STAX		_IO('p', 7)
#define TPROC_OOB_TAKE		_IO('p', 8)
#define TPROC_IOC_POST		_IO('p', 9)
#define TPROC_IOC_XBUF_WRITE	_IOW('p', 10, struct tproc_xbuf_req)
#define TPROC_OOB_XBUF_WRITE	_IOW('p', 11, struct tproc_xbuf_req)
#define TPROC_IOC_XBUF_READ	_IOW('p', 12, struct tproc_xbuf_req)
#define TPROC_OOB_XBUF_READ	_IOW('p', 13, struct tproc_xbuf_req)

#endif
