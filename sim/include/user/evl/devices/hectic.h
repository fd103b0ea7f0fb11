/* SPDX-License-Identifier: LGPL-2.1-or-later */
/* evlsim: libevl's <evl/devices/hectic.h>, the hectic driver's ABI for programs. */
#ifndef _EVLSIM_USER_EVL_DEVICES_HECTIC_H
#define _EVLSIM_USER_EVL_DEVICES_HECTIC_H

#include <linux/ioctl.h>
#include <uapi/evl/devices/hectic-abi.h>

#endif
