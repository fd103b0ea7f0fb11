/* SPDX-License-Identifier: LGPL-2.1-or-later */
/*
 * evlsim shim: faithful to linux v6.12 include/linux/jiffies.h (the conversions, the
 * wrap-safe comparisons, INITIAL_JIFFIES) for a 64-bit kernel with HZ = CONFIG_HZ = 1000.
 *
 * Custom: jiffies is not a variable but a read of the simulator's one clock,
 * INITIAL_JIFFIES + CLOCK_MONOTONIC / TICK_NSEC (so &jiffies is not available). The
 * conversions are the kernel's exact formulas for an HZ that divides 1000.
 */
#ifndef _EVLSIM_LINUX_JIFFIES_H
#define _EVLSIM_LINUX_JIFFIES_H

#include <linux/types.h>
#include <linux/limits.h>
#include <linux/ktime.h>
#include <linux/minmax.h>

#ifndef CONFIG_HZ
#define CONFIG_HZ	1000
#endif
#define HZ		CONFIG_HZ
#define USER_HZ		100

#if (1000 % HZ) != 0
#error "evlsim: CONFIG_HZ must divide 1000"
#endif

#define TICK_NSEC	((NSEC_PER_SEC + HZ / 2) / HZ)
#define TICK_USEC	((USEC_PER_SEC + HZ / 2) / HZ)

/*
 * Have the 32 bit jiffies value wrap 5 minutes after boot so jiffies wrap bugs show up
 * earlier.
 */
#define INITIAL_JIFFIES ((unsigned long)(unsigned int) (-300 * HZ))

/* linux/sched.h */
#ifndef MAX_SCHEDULE_TIMEOUT
#define MAX_SCHEDULE_TIMEOUT	LONG_MAX
#endif

/* The current jiffies count, from the simulator's clock. */
__evlsim_export unsigned long evlsim__jiffies(void);
#define jiffies		(evlsim__jiffies())

static inline u64 get_jiffies_64(void)
{
	return evlsim__jiffies();
}

/*
 * These inlines deal with timer wrapping correctly. You are strongly encouraged to use
 * them:
 * 1. Because people otherwise forget
 * 2. Because if the timer wrap changes in future you won't have to alter your driver code.
 *
 * time_after(a,b) returns true if the time a is after time b.
 */
#define time_after(a, b)		((long)((b) - (a)) < 0)
#define time_before(a, b)		time_after(b, a)
#define time_after_eq(a, b)		((long)((a) - (b)) >= 0)
#define time_before_eq(a, b)		time_after_eq(b, a)
#define time_in_range(a, b, c)		(time_after_eq(a, b) && time_before_eq(a, c))
#define time_in_range_open(a, b, c)	(time_after_eq(a, b) && time_before(a, c))

#define time_after64(a, b)		((s64)((b) - (a)) < 0)
#define time_before64(a, b)		time_after64(b, a)
#define time_after_eq64(a, b)		((s64)((a) - (b)) >= 0)
#define time_before_eq64(a, b)		time_after_eq64(b, a)
#define time_in_range64(a, b, c)	(time_after_eq64(a, b) && time_before_eq64(a, c))

#define time_is_before_jiffies(a)	time_after(jiffies, a)
#define time_is_before_jiffies64(a)	time_after64(get_jiffies_64(), a)
#define time_is_after_jiffies(a)	time_before(jiffies, a)
#define time_is_after_jiffies64(a)	time_before64(get_jiffies_64(), a)
#define time_is_before_eq_jiffies(a)	time_after_eq(jiffies, a)
#define time_is_before_eq_jiffies64(a)	time_after_eq64(get_jiffies_64(), a)
#define time_is_after_eq_jiffies(a)	time_before_eq(jiffies, a)
#define time_is_after_eq_jiffies64(a)	time_before_eq64(get_jiffies_64(), a)

/*
 * Change timeval to jiffies, trying to avoid the most obvious overflows..
 *
 * The maximum jiffy value is (MAX_INT>>1). Here we translate that into seconds. The
 * 64-bit case will overflow if we are not careful, so use the messy SH_DIV macro to do it
 * still relatively easily.
 */
#define MAX_JIFFY_OFFSET	((LONG_MAX >> 1) - 1)

/**
 * jiffies_to_msecs - convert jiffies to milliseconds
 * @j: jiffies value
 */
static inline unsigned int jiffies_to_msecs(const unsigned long j)
{
	return (MSEC_PER_SEC / HZ) * j;
}

/**
 * jiffies_to_usecs - convert jiffies to microseconds
 * @j: jiffies value
 */
static inline unsigned int jiffies_to_usecs(const unsigned long j)
{
	return (USEC_PER_SEC / HZ) * j;
}

/**
 * jiffies_to_nsecs - convert jiffies to nanoseconds
 * @j: jiffies value
 */
static inline u64 jiffies_to_nsecs(const unsigned long j)
{
	return (u64)jiffies_to_usecs(j) * NSEC_PER_USEC;
}

static inline u64 jiffies64_to_nsecs(u64 j)
{
	return j * (NSEC_PER_SEC / HZ);
}

static inline u64 jiffies64_to_msecs(u64 j)
{
	return j * (MSEC_PER_SEC / HZ);
}

static inline unsigned long _msecs_to_jiffies(const unsigned int m)
{
	return (m + (MSEC_PER_SEC / HZ) - 1) / (MSEC_PER_SEC / HZ);
}

/**
 * msecs_to_jiffies - convert milliseconds to jiffies
 * @m: time in milliseconds
 *
 * Negative values (as an int) mean 'infinite timeout': MAX_JIFFY_OFFSET. Rounds up.
 */
static inline unsigned long msecs_to_jiffies(const unsigned int m)
{
	if ((int)m < 0)
		return MAX_JIFFY_OFFSET;
	return _msecs_to_jiffies(m);
}

static inline unsigned long _usecs_to_jiffies(const unsigned int u)
{
	return (u + (USEC_PER_SEC / HZ) - 1) / (USEC_PER_SEC / HZ);
}

/**
 * usecs_to_jiffies - convert microseconds to jiffies
 * @u: time in microseconds
 *
 * Negative values (as an int) mean 'infinite timeout': MAX_JIFFY_OFFSET. Rounds up.
 */
static inline unsigned long usecs_to_jiffies(const unsigned int u)
{
	if ((int)u < 0)
		return MAX_JIFFY_OFFSET;
	return _usecs_to_jiffies(u);
}

/**
 * nsecs_to_jiffies64 - convert nanoseconds to jiffies64 (truncates)
 * @n: nsecs in u64
 */
static inline u64 nsecs_to_jiffies64(u64 n)
{
	return n / (NSEC_PER_SEC / HZ);
}

/**
 * nsecs_to_jiffies - convert nanoseconds to jiffies (truncates)
 * @n: nsecs in u64
 */
static inline unsigned long nsecs_to_jiffies(u64 n)
{
	return (unsigned long)nsecs_to_jiffies64(n);
}

/**
 * jiffies_delta_to_msecs - a jiffies delta in milliseconds, negative deltas as 0
 * @delta: the delta
 */
static inline unsigned int jiffies_delta_to_msecs(long delta)
{
	return jiffies_to_msecs(max(0L, delta));
}

#endif
