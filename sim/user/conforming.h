/* SPDX-License-Identifier: LGPL-2.1-or-later */
/*
 * libevl's stage-conforming calls (user world): __evl_conforming_io() of libevl.
 */
#ifndef _EVLSIM_SIM_USER_CONFORMING_H
#define _EVLSIM_SIM_USER_CONFORMING_H

#include <errno.h>
#include <evl/thread.h>

/*
 * Issues @inband from an in-band caller, @oob from an oob one, so that the call does not
 * switch the caller's stage; evaluates to its result as a long, -errno for a failure.
 * The caller's errno is left alone.
 */
#define EVLSIM_CONFORMING_IO(__inband, __oob)				\
({									\
	int __cio_errno = errno;					\
	long __cio_ret = evl_is_inband() ? (long)(__inband) : (long)(__oob); \
									\
	if (__cio_ret < 0)						\
		__cio_ret = -errno;					\
	errno = __cio_errno;						\
	__cio_ret;							\
})

#endif /* _EVLSIM_SIM_USER_CONFORMING_H */
