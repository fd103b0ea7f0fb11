/* SPDX-License-Identifier: LGPL-2.1-or-later */
/*
 * evlsim uapi: faithful to linux-evl include/uapi/evl/devices/latmus-abi.h, the ioctl ABI
 * of the latmus latency measurement driver (drivers/evl/latmus.c) and its program.
 * Shared by kernel and user code.
 */
#ifndef _EVLSIM_UAPI_EVL_DEVICES_LATMUS_ABI_H
#define _EVLSIM_UAPI_EVL_DEVICES_LATMUS_ABI_H

#include <linux/types.h>
#include <linux/ioctl.h>
#include <linux/ioctl.h>

/* what is measured */
#define EVL_LAT_IRQ	0	/* an oob timer handler */
#define EVL_LAT_KERN	1	/* an EVL kthread */
#define EVL_LAT_USER	2	/* a user thread (EVL_LATIOC_PULSE) */
#define EVL_LAT_SIRQ	3	/* a synthetic irq handler */
#define EVL_LAT_LAST	EVL_LAT_SIRQ

struct latmus_setup {
	__u32 type;
	__u64 period;
	__s32 priority;
	__u32 cpu;
	union {
		struct {
			__u32 verbosity;
		} tune;
		struct {
			__u32 xfd;	/* the xbuf the driver writes measurements to */
			__u32 hcells;
		} measure;
	} u;
};

/* sent each second through the xbuf of the measurement */
struct latmus_measurement {
	__s64 sum_lat;
	__s32 min_lat;
	__s32 max_lat;
	__u32 overruns;
	__u32 samples;
};

struct latmus_measurement_result {
	__u64 last_ptr;		/* struct latmus_measurement __user * */
	__u64 histogram_ptr;	/* __s32 __user * */
	__u32 len;
};

struct latmus_result {
	__u64 data_ptr;		/* void __user * */
	__u32 len;
};

#define EVL_LATMUS_IOCBASE	'L'

#define EVL_LATIOC_TUNE		_IOWR(EVL_LATMUS_IOCBASE, 0, struct latmus_setup)
#define EVL_LATIOC_MEASURE	_IOWR(EVL_LATMUS_IOCBASE, 1, struct latmus_setup)
#define EVL_LATIOC_RUN		_IOR(EVL_LATMUS_IOCBASE, 2, struct latmus_result)
#define EVL_LATIOC_PULSE	_IOW(EVL_LATMUS_IOCBASE, 3, __u64)
#define EVL_LATIOC_RESET	_IO(EVL_LATMUS_IOCBASE, 4)

#endif
