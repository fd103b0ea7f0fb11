/* SPDX-License-Identifier: LGPL-2.1-or-later */
/*
 * evlsim shim: the part of linux-evl include/evl/clock.h that drivers use: the core
 * clocks (evl_mono_clock, evl_mono_raw_clock, evl_realtime_clock) and reading them.
 * Custom: every EVL clock reads the simulator's one clock (CLOCK_MONOTONIC, or
 * CLOCK_REALTIME for evl_realtime_clock); there is no clock device, gravity or
 * calibration to set.
 */
#ifndef _EVLSIM_EVL_CLOCK_H
#define _EVLSIM_EVL_CLOCK_H

#include <linux/ktime.h>
#include <linux/types.h>

struct evl_clock {
	const char *name;
	int id;				/* CLOCK_MONOTONIC, CLOCK_MONOTONIC_RAW, CLOCK_REALTIME */
	ktime_t resolution;
};

extern struct evl_clock evl_mono_clock __evlsim_ksym(evl_mono_clock);
extern struct evl_clock evl_mono_raw_clock __evlsim_ksym(evl_mono_raw_clock);
extern struct evl_clock evl_realtime_clock __evlsim_ksym(evl_realtime_clock);

ktime_t evl_read_clock(struct evl_clock *clock) __evlsim_ksym(evl_read_clock);

/* the EVL monotonic clock's date (include/evl/clock.h) */
static inline ktime_t evl_ktime_monotonic(void)
{
	return evl_read_clock(&evl_mono_clock);
}

static inline ktime_t evl_get_clock_resolution(struct evl_clock *clock)
{
	return clock->resolution;
}

/* The offset to add to a date of @clock to get a date of the monotonic clock. */
__evlsim_export ktime_t evlsim__clock_to_mono(struct evl_clock *clock, ktime_t date);

#endif
