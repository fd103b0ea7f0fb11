/* SPDX-License-Identifier: LGPL-2.1-or-later */
/*
 * evlsim shim: faithful to linux-evl include/evl/uaccess.h (K @261a17f, spec 5.12): user
 * pointers carried as __u64 in ioctl structures (for 32/64-bit compatibility) and the raw
 * copy helpers oob handlers use on them. They sit on the simulator's fault-safe copy
 * (<linux/uaccess.h>): a bad user pointer fails the copy, it never crashes the process.
 */
#ifndef _EVLSIM_EVL_UACCESS_H
#define _EVLSIM_EVL_UACCESS_H

#include <linux/types.h>
#include <linux/uaccess.h>
#include <linux/ktime.h>
#include <evl/timeout.h>
#include <uapi/evl/types-abi.h>

struct evl_timespec_union {
	union {
		struct __evl_timespec __user *u_timespec;
		ktime_t kt;
	};
	int abstime:1;
	int user:1;
};

/* the number of bytes NOT copied, 0 on success */
static inline unsigned long __must_check
raw_copy_from_user_ptr64(void *to, u64 from_ptr, unsigned long n)
{
	return raw_copy_from_user(to, (void __user *)(long)from_ptr, n);
}

static inline unsigned long __must_check
raw_copy_to_user_ptr64(u64 to, const void *from, unsigned long n)
{
	return raw_copy_to_user((void __user *)(long)to, from, n);
}

#define evl_ptrval64(__ptr)		((u64)(long)(__ptr))
#define evl_valptr64(__val, __type)	((__type *)(long)(__val))

/**
 * evl_fetch_utimespec - read a timeout from user memory
 * @u_ts: a struct __evl_timespec in user memory, or NULL for no timeout
 * @timeout: receives the date in nanoseconds (EVL_INFINITE for NULL or a zero date)
 * @tmode: receives EVL_ABS (EVL_REL for NULL)
 *
 * Returns 0, -EFAULT for a bad pointer, -EINVAL for a negative date or tv_nsec outside
 * [0, 1e9).
 */
static inline int evl_fetch_utimespec(struct __evl_timespec __user *u_ts, ktime_t *timeout,
				      enum evl_tmode *tmode)
{
	struct __evl_timespec ts;

	if (!u_ts) {
		*timeout = EVL_INFINITE;
		*tmode = EVL_REL;
		return 0;
	}
	if (raw_copy_from_user(&ts, u_ts, sizeof(ts)))
		return -EFAULT;
	if (ts.tv_sec < 0 || ts.tv_nsec < 0 || ts.tv_nsec >= NSEC_PER_SEC)
		return -EINVAL;
	*timeout = ktime_set(ts.tv_sec, ts.tv_nsec);
	*tmode = EVL_ABS;
	return 0;
}

#endif
