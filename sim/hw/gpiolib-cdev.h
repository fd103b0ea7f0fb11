/* SPDX-License-Identifier: LGPL-2.1-or-later */
/*
 * What the two files of the GPIO character device share (gpiolib-cdev.c: the chip file
 * and line handles; gpiolib-cdev-event.c: line events).
 */
#ifndef _EVLSIM_HW_GPIOLIB_CDEV_H
#define _EVLSIM_HW_GPIOLIB_CDEV_H

#include <uapi/linux/gpio.h>
#include <evl/devices/gpio.h>

static inline bool oob_handling_requested(u32 lflags)
{
	return lflags & GPIOHANDLE_REQUEST_OOB;
}

#define GPIOHANDLE_REQUEST_VALID_FLAGS \
	(GPIOHANDLE_REQUEST_INPUT | \
	GPIOHANDLE_REQUEST_OUTPUT | \
	GPIOHANDLE_REQUEST_ACTIVE_LOW | \
	GPIOHANDLE_REQUEST_BIAS_PULL_UP | \
	GPIOHANDLE_REQUEST_BIAS_PULL_DOWN | \
	GPIOHANDLE_REQUEST_BIAS_DISABLE | \
	GPIOHANDLE_REQUEST_OPEN_DRAIN | \
	GPIOHANDLE_REQUEST_OPEN_SOURCE | \
	GPIOHANDLE_REQUEST_OOB)

#define GPIOEVENT_REQUEST_VALID_FLAGS \
	(GPIOEVENT_REQUEST_RISING_EDGE | GPIOEVENT_REQUEST_FALLING_EDGE)

void evlsim__linehandle_flags_to_desc_flags(u32 lflags, unsigned long *flagsp);
/* GPIO_GET_LINEEVENT_IOCTL */
int evlsim__lineevent_create(struct gpio_device *gdev, void __user *ip);

#endif
