/* SPDX-License-Identifier: LGPL-2.1-or-later */
/*
 * evlsim uapi: partial, after linux-evl include/uapi/evl/monitor-abi.h: the monitor
 * element's types and the gate requests (enter, try-enter, exit) the simulated gate serves.
 * The shared state (struct __evl_monitor_sstate) and the event requests are not simulated:
 * the gate's owner and nesting live in the program's struct evl_mutex (see <evl/mutex.h>).
 * Shared by kernel and user code.
 */
#ifndef _EVLSIM_UAPI_EVL_MONITOR_ABI_H
#define _EVLSIM_UAPI_EVL_MONITOR_ABI_H

#include <linux/ioctl.h>
#include <linux/types.h>
#include <uapi/evl/types-abi.h>
#include <uapi/evl/factory-abi.h>

#define EVL_MONITOR_DEV		"monitor"

#define EVL_MONITOR_EVENT  0	/* Event monitor (not simulated). */
#define EVL_MONITOR_GATE   1	/* Gate monitor. */
#  define EVL_GATE_PI      0	/* Gate with priority inheritance. */
#  define EVL_GATE_PP      1	/* Gate with priority protection (ceiling). */

struct evl_monitor_attrs {
	__u32 clockfd;
	__u32 type : 2,
	      protocol : 4;
	__u32 initval;
};

#define EVL_MONITOR_IOCBASE	'm'

#define EVL_MONIOC_ENTER	_IOW(EVL_MONITOR_IOCBASE, 0, struct __evl_timespec)
#define EVL_MONIOC_TRYENTER	_IO(EVL_MONITOR_IOCBASE, 1)
#define EVL_MONIOC_EXIT		_IO(EVL_MONITOR_IOCBASE, 2)

#endif
