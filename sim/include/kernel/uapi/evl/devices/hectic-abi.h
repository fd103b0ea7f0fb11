/* SPDX-License-Identifier: LGPL-2.1-or-later */
/*
 * evlsim uapi: faithful to linux-evl include/uapi/evl/devices/hectic-abi.h, the ioctl ABI
 * of the hectic context-switch torture driver (drivers/evl/hectic.c) and its program.
 * Shared by kernel and user code.
 */
#ifndef _EVLSIM_UAPI_EVL_DEVICES_HECTIC_ABI_H
#define _EVLSIM_UAPI_EVL_DEVICES_HECTIC_ABI_H

#include <linux/types.h>
#include <linux/ioctl.h>
#include <linux/ioctl.h>

/* hectic_task_index.flags: where the task waits for its turn */
#define HECTIC_OOB_WAIT		0x10000
#define HECTIC_INBAND_WAIT	0

struct hectic_task_index {
	unsigned int index;
	unsigned int flags;
};

struct hectic_switch_req {
	unsigned int from;
	unsigned int to;
};

struct hectic_error {
	struct hectic_switch_req last_switch;
	unsigned int fp_val;
};

#define EVL_HECTIC_IOCBASE	'H'

#define EVL_HECIOC_SET_TASKS_COUNT	_IOW(EVL_HECTIC_IOCBASE, 0, __u32)
#define EVL_HECIOC_SET_CPU		_IOW(EVL_HECTIC_IOCBASE, 1, __u32)
#define EVL_HECIOC_REGISTER_UTASK	_IOW(EVL_HECTIC_IOCBASE, 2, struct hectic_task_index)
#define EVL_HECIOC_CREATE_KTASK		_IOWR(EVL_HECTIC_IOCBASE, 3, struct hectic_task_index)
#define EVL_HECIOC_PEND			_IOR(EVL_HECTIC_IOCBASE, 4, struct hectic_task_index)
#define EVL_HECIOC_SWITCH_TO		_IOR(EVL_HECTIC_IOCBASE, 5, struct hectic_switch_req)
#define EVL_HECIOC_GET_SWITCHES_COUNT	_IOR(EVL_HECTIC_IOCBASE, 6, __u32)
#define EVL_HECIOC_GET_LAST_ERROR	_IOR(EVL_HECTIC_IOCBASE, 7, struct hectic_error)
#define EVL_HECIOC_SET_PAUSE		_IOW(EVL_HECTIC_IOCBASE, 8, __u32)
#define EVL_HECIOC_LOCK_STAX		_IO(EVL_HECTIC_IOCBASE, 9)
#define EVL_HECIOC_UNLOCK_STAX		_IO(EVL_HECTIC_IOCBASE, 10)

#endif
