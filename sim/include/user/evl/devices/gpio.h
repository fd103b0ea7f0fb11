/* SPDX-License-Identifier: LGPL-2.1-or-later */
/* evlsim: libevl's <evl/devices/gpio.h>, the gpio driver's ABI for programs. */
#ifndef _EVLSIM_USER_EVL_DEVICES_GPIO_H
#define _EVLSIM_USER_EVL_DEVICES_GPIO_H

#include <linux/ioctl.h>
#include <uapi/evl/devices/gpio-abi.h>

#endif
