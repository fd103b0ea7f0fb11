/* SPDX-License-Identifier: LGPL-2.1-or-later */
/*
 * evlsim shim: the part of linux-evl include/evl/clock.h that drivers use: the core
 * clocks (evl_mono_clock, evl_mono_raw_clock, evl_realtime_clock) and reading them.
 * Custom: every EVL clock reads the simulator's one clock (CLOCK_MONOTONIC, or
 * CLOCK_REALTIME for evl_realtime_clock); there is no clock device or calibration. The
 * gravity (spec 5.9) is real: a timer is programmed to fire that much before its date
 * (evl_mono_clock.gravity.irq, .kernel or .user, after the timer's gravity flags); the
 * core clocks' default gravity is 0 (no calibration to derive one from), which
 * evl_reset_clock_gravity() restores. ONE_BILLION and the EVL_INFO/EVL_WARNING/EVL_ERR
 * printk prefixes come along, as in the kernel (evl/clock.h reaches evl/assert.h).
 */
#ifndef _EVLSIM_EVL_CLOCK_H
#define _EVLSIM_EVL_CLOCK_H

#include <linux/ktime.h>
#include <linux/types.h>
#include <linux/errno.h>
#include <evl/assert.h>

#define ONE_BILLION	1000000000

struct evl_rq;

/* How early a timer is programmed to fire, by the context it wakes (spec 5.9). */
struct evl_clock_gravity {
	ktime_t irq;
	ktime_t kernel;
	ktime_t user;
};

struct evl_clock {
	ktime_t resolution;
	struct evl_clock_gravity gravity;
	const char *name;
	int flags;
	struct {
		ktime_t (*read)(struct evl_clock *clock);
		u64 (*read_cycles)(struct evl_clock *clock);
		int (*set)(struct evl_clock *clock, ktime_t date);
		void (*program_local_shot)(struct evl_clock *clock);
		void (*program_remote_shot)(struct evl_clock *clock, struct evl_rq *rq);
		int (*set_gravity)(struct evl_clock *clock,
				   const struct evl_clock_gravity *p);
		void (*reset_gravity)(struct evl_clock *clock);
		void (*adjust)(struct evl_clock *clock);
	} ops;
	int id;				/* simulator: CLOCK_MONOTONIC, _RAW, CLOCK_REALTIME */
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

static inline void evl_set_clock_resolution(struct evl_clock *clock, ktime_t resolution)
{
	clock->resolution = resolution;
}

static inline int evl_set_clock_gravity(struct evl_clock *clock,
					const struct evl_clock_gravity *gravity)
{
	if (clock->ops.set_gravity)
		return clock->ops.set_gravity(clock, gravity);

	return -EOPNOTSUPP;
}

static inline void evl_reset_clock_gravity(struct evl_clock *clock)
{
	if (clock->ops.reset_gravity)
		clock->ops.reset_gravity(clock);
}

#define evl_get_clock_gravity(__clock, __type)	((__clock)->gravity.__type)

/* The offset to add to a date of @clock to get a date of the monotonic clock. */
__evlsim_export ktime_t evlsim__clock_to_mono(struct evl_clock *clock, ktime_t date);

#endif
