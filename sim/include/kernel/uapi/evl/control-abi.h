/* SPDX-License-Identifier: LGPL-2.1-or-later */
/*
 * evlsim uapi: faithful to linux-evl include/uapi/evl/control-abi.h, the control element
 * (/dev/evl/control) libevl reads at init: the ABI levels, the FPU features, the size
 * of the shared heap, and a CPU's state (EVL_CPU_* of <uapi/evl/sched-abi.h>). Shared by
 * kernel and user code.
 */
#ifndef _EVLSIM_UAPI_EVL_CONTROL_ABI_H
#define _EVLSIM_UAPI_EVL_CONTROL_ABI_H

#include <linux/types.h>
#include <linux/ioctl.h>
#include <linux/ioctl.h>

#define EVL_ABI_BASE	43	/* earliest ABI level served */
#define EVL_ABI_LEVEL	43	/* current ABI level */

#define EVL_CONTROL_DEV	"/dev/evl/control"

struct evl_core_info {
	__u32 abi_base;
	__u32 abi_current;
	__u32 fpu_features;
	__u64 shm_size;
};

struct evl_cpu_state {
	__u32 cpu;
	__u64 state_ptr;	/* __u32 __user * */
};

#define EVL_CONTROL_IOCBASE	'C'

#define EVL_CTLIOC_GET_COREINFO	_IOR(EVL_CONTROL_IOCBASE, 0, struct evl_core_info)
#define EVL_CTLIOC_SCHEDCTL	_IOWR(EVL_CONTROL_IOCBASE, 1, struct evl_sched_ctlreq)
#define EVL_CTLIOC_GET_CPUSTATE	_IOR(EVL_CONTROL_IOCBASE, 2, struct evl_cpu_state)

#endif
