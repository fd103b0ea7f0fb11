/* SPDX-License-Identifier: MIT */
/*
 * testdrv: a driver for the test suites, with one node per routing situation. Its
 * accessor functions are plain C, so test programs can call them directly.
 *
 *  /dev/tdrv-full     every handler; results settable with TDRV_IOC_SET_RESULT
 *  /dev/tdrv-nooob    oob-capable (evl_open_file) but no oob handler at all
 *  /dev/tdrv-inband   in-band only: never calls evl_open_file()
 *  /dev/tdrv-misc     the same as tdrv-full, registered as a misc device
 *  /dev/tdrv-norel    calls evl_open_file() but "forgets" evl_release_file()
 */
#ifndef _TESTDRV_ABI_H
#define _TESTDRV_ABI_H

#include <linux/types.h>
#include <linux/ioctl.h>

/* which handler TDRV_IOC_SET_RESULT forces */
#define TDRV_OP_READ		0
#define TDRV_OP_WRITE		1
#define TDRV_OP_IOCTL		2
#define TDRV_OP_OOB_READ	3
#define TDRV_OP_OOB_WRITE	4
#define TDRV_OP_OOB_IOCTL	5
#define TDRV_OP_COMPAT_IOCTL	6
#define TDRV_OP_COMPAT_OOB_IOCTL 7
#define TDRV_OP_OPEN		8
#define TDRV_OP_NR		9

struct tdrv_result {
	__u32 op;		/* TDRV_OP_* */
	__u32 set;		/* 0: back to the normal behaviour */
	__s64 value;		/* what the handler returns */
};

#define TDRV_IOC_MAGIC		'T'
#define TDRV_IOC_SET_RESULT	_IOW(TDRV_IOC_MAGIC, 0, struct tdrv_result)
#define TDRV_IOC_PING		_IO(TDRV_IOC_MAGIC, 1)	/* returns the caller's stage: 0 in-band, 1 oob */
/* oob: spin until TDRV_IOC_UNHOLD on any tdrv file or the file is released (-EIDRM) */
#define TDRV_IOC_HOLD		_IO(TDRV_IOC_MAGIC, 2)
#define TDRV_IOC_UNHOLD		_IO(TDRV_IOC_MAGIC, 3)
#define TDRV_IOC_COMPAT		_IO(TDRV_IOC_MAGIC, 4)	/* returns in_compat_syscall() */

/*
 * Normal behaviour: read/oob_read return min(count, 8) bytes of "testdrv!", write/oob_write
 * return count, ioctl/oob_ioctl handle the requests above and return -ENOIOCTLCMD for
 * others; compat handlers return 32 + the native result's value for TDRV_IOC_PING.
 */

#ifndef __KERNEL__
/* Counters kept by the driver since it was loaded (plain C accessors). */
struct tdrv_stats {
	long opens;		/* successful ->open calls */
	long releases;		/* ->release calls */
	long flushes;		/* ->flush calls */
	long in_handler;	/* threads inside an oob handler right now */
	long released_while_in_handler; /* ->release saw in_handler != 0 after evl_release_file */
};
void tdrv_get_stats(struct tdrv_stats *stats);
void tdrv_reset_stats(void);
/* the next opens of any tdrv node return @value (0: back to normal) */
void tdrv_force_open_result(long value);
#endif

#endif
