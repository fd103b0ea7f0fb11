/* SPDX-License-Identifier: LGPL-2.1-or-later */
/*
 * evlsim shim: linux-evl include/evl/devices/gpio.h (K), faithful: the out-of-band state
 * of the v1 line handle and line event files of gpiolib-cdev.
 */
#ifndef _EVLSIM_EVL_DEVICES_GPIO_H
#define _EVLSIM_EVL_DEVICES_GPIO_H

#include <linux/spinlock.h>
#include <evl/file.h>
#include <evl/poll.h>
#include <evl/wait.h>
#include <uapi/evl/devices/gpio-abi.h>

struct lineevent_oob_state {
	struct evl_file efile;
	struct evl_poll_head poll_head;
	struct evl_wait_queue wait;
	hard_spinlock_t lock;
};

struct linehandle_oob_state {
	struct evl_file efile;
};

#endif
