/* SPDX-License-Identifier: MIT */
/*
 * tdma: ioctl ABI of the DMA engine test driver (tests/drivers/tdma.c), shared with
 * tests/unit/check_dmaengine.c. Compiles in both worlds.
 */
#ifndef _TDMA_ABI_H
#define _TDMA_ABI_H

#ifdef __KERNEL__
#include <linux/types.h>
#include <linux/ioctl.h>
#else
#include <stdint.h>
#include <sys/ioctl.h>
typedef uint64_t __u64;
typedef int64_t __s64;
typedef uint32_t __u32;
typedef int32_t __s32;
#endif

#define TDMA_SLOTS	4

enum tdma_op {
	TDMA_REQUEST,		/* slot, name (str): ret = 0 or the error */
	TDMA_RELEASE,		/* slot */
	TDMA_CONFIG,		/* slot, dir, addr: ret */
	TDMA_ALLOC,		/* len: val = bus address of a coherent buffer */
	TDMA_PREP,		/* slot, kind, dir, len, period, flags: ret 0, -EIO (NULL) */
	TDMA_SUBMIT,		/* slot: ret = cookie */
	TDMA_ISSUE,		/* slot */
	TDMA_PULSE,		/* slot: ret */
	TDMA_TERMINATE_SYNC,	/* slot: ret */
	TDMA_TERMINATE_ASYNC,	/* slot: ret */
	TDMA_STATUS,		/* slot: ret = enum dma_status of the last cookie, val = residue */
	TDMA_STATS,		/* out: cb_oob, cb_inband, cb_bad */
	TDMA_FAKE,		/* res[]: the calls on a provider without DMA_OOB nor hooks */
	TDMA_READ,		/* off, len (<= 64): data[] = the coherent buffer's bytes */
	TDMA_WRITE,		/* off, len, data[] */
};

#define TDMA_SINGLE	0
#define TDMA_SG		1
#define TDMA_CYCLIC	2

struct tdma_io {
	__u32 op, slot, kind, dir;
	__u64 addr, len, period, flags;
	__s64 ret;
	__u64 val;
	__u64 cb_oob, cb_inband, cb_bad;	/* callbacks in oob IRQ context, in-band, other */
	__s32 res[8];
	char name[16];
	unsigned char data[64];
};

#define TDMA_IOC	_IOWR('D', 1, struct tdma_io)

#endif
