/* SPDX-License-Identifier: LGPL-2.1-or-later */
/*
 * evlsim shim: faithful to linux-evl include/evl/device.h with CONFIG_EVL: the umbrella
 * header oob-capable drivers shared with non-EVL kernels include.
 */
#ifndef _EVLSIM_EVL_DEVICE_H
#define _EVLSIM_EVL_DEVICE_H

#include <evl/file.h>
#include <evl/wait.h>
#include <evl/mutex.h>
#include <evl/poll.h>
#include <evl/stax.h>
#include <evl/work.h>

static inline bool evl_enabled(void)
{
	return true;
}

#endif
