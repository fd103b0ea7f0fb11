/* SPDX-License-Identifier: LGPL-2.1-or-later */
/*
 * evlsim shim: linux-evl include/uapi/evl/devices/gpio-abi.h (K @27a596b), faithful.
 * Note: the value is the one of GPIOHANDLE_REQUEST_BIAS_PULL_UP in the v1 ABI (see
 * docs/api/gpio.md, "Quirks").
 */
#ifndef _EVLSIM_UAPI_EVL_DEVICES_GPIO_ABI_H
#define _EVLSIM_UAPI_EVL_DEVICES_GPIO_ABI_H

#define GPIOHANDLE_REQUEST_OOB		(1UL << 5)

#endif
