/* SPDX-License-Identifier: LGPL-2.1-or-later */
/*
 * evlsim shim: the rescheduling call of linux-evl include/evl/sched.h. Custom: the
 * simulator's threads are host threads, woken the moment a waker releases them, so
 * evl_schedule() has nothing left to do; drivers call it where the kernel needs it and
 * the code stays the same.
 */
#ifndef _EVLSIM_EVL_SCHED_H
#define _EVLSIM_EVL_SCHED_H

static inline void evl_schedule(void)
{
}

#endif
