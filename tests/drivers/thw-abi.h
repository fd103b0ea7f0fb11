/* SPDX-License-Identifier: MIT */
/*
 * thw: the test driver of simulated hardware (tests/drivers/thw.c). One ioctl runs one
 * driver-side operation on the device bound last, so that the suites drive register
 * accesses, mappings and DMA from the kernel side and check the results from the test.
 */
#ifndef _THW_ABI_H
#define _THW_ABI_H

#ifdef __KERNEL__
#include <linux/types.h>
#include <linux/ioctl.h>
#else
#include <linux/types.h>
#include <sys/ioctl.h>
#endif

struct thw_io {
	__u32 op;		/* THW_* */
	__u32 width;		/* access width, or DMA direction */
	__u32 variant;		/* THW_V_* for register accesses */
	__u32 pad;
	__u64 off;		/* register offset, or buffer offset */
	__u64 val;		/* value in or out, bus address, or user pointer */
	__u64 arg;		/* size, count, timeout (us) */
	__s64 ret;		/* the kernel call's result */
};

#define THW_IOC		_IOWR('h', 1, struct thw_io)
#define THW_LOG_SIZE	8192

enum {
	THW_READ = 1, THW_WRITE, THW_DIRECT_READ, THW_DIRECT_WRITE,
	THW_POLL, THW_POLL_ATOMIC, THW_READS, THW_WRITES, THW_FROMIO, THW_TOIO,
	THW_IOREMAP, THW_IOUNMAP, THW_ACCESS_MAPPED,
	THW_DMA_ALLOC, THW_DMA_FREE, THW_DMA_COH_READ, THW_DMA_COH_WRITE,
	THW_DMA_MAP, THW_DMA_UNMAP, THW_DMA_SYNC_CPU, THW_DMA_SYNC_DEV,
	THW_DMA_CPU_READ, THW_DMA_CPU_WRITE, THW_DMA_CHECK, THW_DMA_SET_MASK,
	THW_CLEAR_LOG,
};

enum { THW_V_PLAIN, THW_V_RELAXED, THW_V_RAW, THW_V_IO, THW_V_IOBE };

#endif
