/* SPDX-License-Identifier: LGPL-2.1-or-later */
/*
 * evlsim uapi: faithful to linux-evl include/uapi/evl/types-abi.h: the time and value
 * types of the EVL ABI, laid out identically for 32- and 64-bit callers. Shared by kernel
 * and user code.
 */
#ifndef _EVLSIM_UAPI_EVL_TYPES_ABI_H
#define _EVLSIM_UAPI_EVL_TYPES_ABI_H

#include <linux/types.h>

struct __evl_timespec {
	__s64 tv_sec;
	__s64 tv_nsec;
};

struct __evl_itimerspec {
	struct __evl_timespec it_interval;
	struct __evl_timespec it_value;
};

/* A value passed through the ABI untouched: an int, a long long or a pointer. */
union evl_value {
	__s32 val;
	__s64 lval;
	__u64 ptr;
};

#endif
