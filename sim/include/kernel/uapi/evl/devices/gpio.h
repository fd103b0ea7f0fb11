/* SPDX-License-Identifier: LGPL-2.1-or-later */
/*
 * libevl-compatible: linux-evl include/uapi/evl/devices/gpio.h for programs, with
 * include/uapi/evl/devices/gpio-abi.h (K @27a596b): the oob request flag of the v1 GPIO
 * character-device ABI (<linux/gpio.h>). Its value is GPIOHANDLE_REQUEST_BIAS_PULL_UP's
 * (see docs/api/gpio.md, "Quirks").
 */
#ifndef _EVLSIM_USER_UAPI_EVL_DEVICES_GPIO_H
#define _EVLSIM_USER_UAPI_EVL_DEVICES_GPIO_H

#define GPIOHANDLE_REQUEST_OOB		(1UL << 5)

#endif
