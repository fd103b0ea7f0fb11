/* SPDX-License-Identifier: LGPL-2.1-or-later */
/*
 * evlsim shim: faithful to linux-evl include/evl/timeout.h. A timeout is a ktime_t in
 * nanoseconds: EVL_INFINITE (0) never expires, EVL_NONBLOCK (KTIME_MAX) does not wait at
 * all; EVL_REL counts from now, EVL_ABS is a date on the wait's clock.
 */
#ifndef _EVLSIM_EVL_TIMEOUT_H
#define _EVLSIM_EVL_TIMEOUT_H

#include <linux/ktime.h>

#define EVL_INFINITE	0
#define EVL_NONBLOCK	KTIME_MAX

static inline bool timeout_infinite(ktime_t kt)
{
	return kt == 0;
}

static inline bool timeout_nonblock(ktime_t kt)
{
	return kt < 0 || kt == KTIME_MAX;
}

static inline bool timeout_valid(ktime_t kt)
{
	return kt > 0;
}

enum evl_tmode {
	EVL_REL,
	EVL_ABS,
};

#endif
