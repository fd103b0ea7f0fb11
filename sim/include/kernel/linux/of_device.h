/* SPDX-License-Identifier: LGPL-2.1-or-later */
/*
 * evlsim shim: linux v6.12 include/linux/of_device.h, custom subset: matching a device
 * against an of_device_id table through its node (<linux/of.h>).
 */
#ifndef _EVLSIM_LINUX_OF_DEVICE_H
#define _EVLSIM_LINUX_OF_DEVICE_H

#include <linux/of.h>
#include <linux/device.h>

const struct of_device_id *of_match_device(const struct of_device_id *matches,
					   const struct device *dev)
	__evlsim_ksym(of_match_device);
const void *of_device_get_match_data(const struct device *dev)
	__evlsim_ksym(of_device_get_match_data);

#endif
