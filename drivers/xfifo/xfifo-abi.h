/* SPDX-License-Identifier: GPL-2.0-only WITH Linux-syscall-note */
/*
 * xfifo: the ABI shared by the xfifo driver and its users. Builds in kernel code (against
 * the kernel's headers) and in user code (against the C library's uapi headers).
 */
#ifndef _XFIFO_ABI_H
#define _XFIFO_ABI_H

#include <linux/types.h>
#include <linux/ioctl.h>

#define XFIFO_DEVICE_NAME	"xfifo"
#define XFIFO_MAX_RING		(1U << 20)

struct xfifo_sizes {
	__u32 inband_to_oob;	/* ring written by write(2), read by oob_read() */
	__u32 oob_to_inband;	/* ring written by oob_write(), read by read(2) */
};

/* The status page (mmap offset 0, read-only): a snapshot the driver keeps current. */
struct xfifo_status {
	__u32 i2o_size;		/* capacity of the in-band to oob ring */
	__u32 i2o_len;		/* bytes waiting for oob_read() */
	__u32 o2i_size;		/* capacity of the oob to in-band ring */
	__u32 o2i_len;		/* bytes waiting for read(2) */
	__u64 i2o_bytes;	/* bytes written in-band for oob since open */
	__u64 o2i_bytes;	/* bytes written oob for in-band since open */
};

#define XFIFO_IOC_MAGIC		'X'
/* in-band, before any transfer: resize the rings (-EBUSY once data went through) */
#define XFIFO_IOC_SET_SIZES	_IOW(XFIFO_IOC_MAGIC, 0, struct xfifo_sizes)
/* in-band and oob: the status */
#define XFIFO_IOC_GET_STATUS	_IOR(XFIFO_IOC_MAGIC, 1, struct xfifo_status)

#endif /* _XFIFO_ABI_H */
