/* SPDX-License-Identifier: LGPL-2.1-or-later */
/* evlsim shim: linux v6.12 include/linux/of_platform.h, the includes drivers rely on. */
#ifndef _EVLSIM_LINUX_OF_PLATFORM_H
#define _EVLSIM_LINUX_OF_PLATFORM_H

#include <linux/mod_devicetable.h>
#include <linux/of_device.h>
#include <linux/platform_device.h>

#endif
