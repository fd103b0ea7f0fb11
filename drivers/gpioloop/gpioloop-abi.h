/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * gpioloop: the user ABI of the example GPIO loop-back driver (drivers/gpioloop/gpioloop.c).
 */
#ifndef _GPIOLOOP_ABI_H
#define _GPIOLOOP_ABI_H

#ifdef __KERNEL__
#include <linux/types.h>
#include <linux/ioctl.h>
#else
#include <linux/types.h>
#include <sys/ioctl.h>
#endif

/* one pulse on the output, timed until the input's oob interrupt */
struct gpioloop_pulse {
	__u64 latency_ns;	/* out: from the output's rising edge to the input's handler */
	__u32 pulses;		/* out: pulses answered since the device was opened */
	__u32 pad;
	__u64 timeout_ns;	/* in: how long to wait for the input (0: 1 ms) */
};

/* oob_ioctl() only: -ETIMEDOUT if the input does not answer (nothing wired) */
#define GPIOLOOP_IOC_PULSE	_IOWR('g', 1, struct gpioloop_pulse)

#endif
