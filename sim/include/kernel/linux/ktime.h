/* SPDX-License-Identifier: LGPL-2.1-or-later */
/*
 * evlsim shim: faithful to linux v6.12 include/linux/ktime.h and timekeeping.h for the
 * monotonic clock. Every read comes from the simulator's one clock (CLOCK_MONOTONIC, or
 * virtual time under the deterministic scheduler).
 */
#ifndef _EVLSIM_LINUX_KTIME_H
#define _EVLSIM_LINUX_KTIME_H

#include <linux/types.h>

typedef s64 ktime_t;

#define KTIME_MAX		((s64)~((u64)1 << 63))
#define KTIME_SEC_MAX		(KTIME_MAX / NSEC_PER_SEC)
#define MSEC_PER_SEC	1000L
#define USEC_PER_MSEC	1000L
#define NSEC_PER_USEC	1000L
#define NSEC_PER_MSEC	1000000L
#define USEC_PER_SEC	1000000L
#define NSEC_PER_SEC	1000000000L

static inline ktime_t ktime_set(const s64 secs, const unsigned long nsecs)
{
	if (unlikely(secs >= KTIME_SEC_MAX))
		return KTIME_MAX;
	return secs * NSEC_PER_SEC + (s64)nsecs;
}

#define ktime_sub(lhs, rhs)	((lhs) - (rhs))
#define ktime_add(lhs, rhs)	((lhs) + (rhs))
#define ktime_add_unsafe(lhs, rhs)	((u64) (lhs) + (rhs))
#define ktime_add_ns(kt, nsval)		((kt) + (nsval))
#define ktime_sub_ns(kt, nsval)		((kt) - (nsval))

static inline s64 ktime_to_ns(const ktime_t kt)		{ return kt; }
static inline ktime_t ns_to_ktime(u64 ns)		{ return ns; }
static inline ktime_t ms_to_ktime(u64 ms)		{ return ms * NSEC_PER_MSEC; }
static inline ktime_t us_to_ktime(u64 us)		{ return us * NSEC_PER_USEC; }
static inline s64 ktime_to_us(const ktime_t kt)		{ return kt / NSEC_PER_USEC; }
static inline s64 ktime_to_ms(const ktime_t kt)		{ return kt / NSEC_PER_MSEC; }
static inline s64 ktime_us_delta(const ktime_t later, const ktime_t earlier)
{
	return ktime_to_us(ktime_sub(later, earlier));
}
static inline s64 ktime_ms_delta(const ktime_t later, const ktime_t earlier)
{
	return ktime_to_ms(ktime_sub(later, earlier));
}
static inline int ktime_compare(const ktime_t cmp1, const ktime_t cmp2)
{
	if (cmp1 < cmp2)
		return -1;
	if (cmp1 > cmp2)
		return 1;
	return 0;
}
static inline bool ktime_after(const ktime_t cmp1, const ktime_t cmp2)
{
	return ktime_compare(cmp1, cmp2) > 0;
}
static inline bool ktime_before(const ktime_t cmp1, const ktime_t cmp2)
{
	return ktime_compare(cmp1, cmp2) < 0;
}
static inline ktime_t ktime_add_us(const ktime_t kt, const u64 usec)
{
	return ktime_add_ns(kt, usec * NSEC_PER_USEC);
}
static inline ktime_t ktime_add_ms(const ktime_t kt, const u64 msec)
{
	return ktime_add_ns(kt, msec * NSEC_PER_MSEC);
}

ktime_t ktime_get(void) __evlsim_ksym(ktime_get);
ktime_t ktime_get_real(void) __evlsim_ksym(ktime_get_real);
ktime_t ktime_get_boottime(void) __evlsim_ksym(ktime_get_boottime);
ktime_t ktime_get_raw(void) __evlsim_ksym(ktime_get_raw);
u64 ktime_get_ns(void) __evlsim_ksym(ktime_get_ns);
u64 ktime_get_mono_fast_ns(void) __evlsim_ksym(ktime_get_mono_fast_ns);
u64 ktime_get_raw_fast_ns(void) __evlsim_ksym(ktime_get_raw_fast_ns);
u64 ktime_get_real_ns(void) __evlsim_ksym(ktime_get_real_ns);
u64 ktime_get_boottime_ns(void) __evlsim_ksym(ktime_get_boottime_ns);

#endif
