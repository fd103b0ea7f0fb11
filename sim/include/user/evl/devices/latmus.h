/* SPDX-License-Identifier: LGPL-2.1-or-later */
/* evlsim: libevl's <evl/devices/latmus.h>, the latmus driver's ABI for programs. */
#ifndef _EVLSIM_USER_EVL_DEVICES_LATMUS_H
#define _EVLSIM_USER_EVL_DEVICES_LATMUS_H

#include <linux/ioctl.h>
#include <uapi/evl/devices/latmus-abi.h>

#endif
