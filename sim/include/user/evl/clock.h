/* SPDX-License-Identifier: LGPL-2.1-or-later */
/*
 * evlsim: libevl r47 <evl/clock.h> (clock-evl.h in libevl): the EVL clocks, read and
 * slept on. The built-in clocks are named by negative descriptors, as libevl names them.
 * Each call returns 0 or a negated errno and leaves errno alone.
 *
 * Both read the simulator's one clock (CLOCK_MONOTONIC of the host, or the deterministic
 * scheduler's virtual time); EVL_CLOCK_REALTIME adds the host's offset between the two.
 */
#ifndef _EVLSIM_USER_EVL_CLOCK_H
#define _EVLSIM_USER_EVL_CLOCK_H

#include <time.h>
#include <errno.h>
#include <unistd.h>
#include <evl/syscall.h>

#define EVL_CLOCK_MONOTONIC	(-CLOCK_MONOTONIC)
#define EVL_CLOCK_REALTIME	(-CLOCK_REALTIME)

#ifdef __cplusplus
extern "C" {
#endif

/* 0, -EINVAL for a clock other than the two built-in ones, -EFAULT for a NULL @tp. */
int evl_read_clock(int clockfd, struct timespec *tp);

/* 1 ns for both clocks; same errors. */
int evl_get_clock_resolution(int clockfd, struct timespec *tp);

/*
 * Sleeps out-of-band until the absolute date @timeout on @clockfd: the caller must be
 * attached (-EPERM otherwise) and is switched oob first, as by any oob call. 0, -EINTR
 * when a signal ended the sleep, -EINVAL (bad clock, tv_nsec out of range), -EFAULT. A
 * cancellation point, as libevl's oob calls.
 */
int evl_sleep_until(int clockfd, const struct timespec *timeout);

/* evl_sleep_until() @usecs microseconds from now on EVL_CLOCK_MONOTONIC. */
int evl_usleep(useconds_t usecs);

#ifdef __cplusplus
}
#endif

#endif
