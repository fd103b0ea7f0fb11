/* SPDX-License-Identifier: LGPL-2.1-or-later */
/*
 * evlsim: libevl r47 <evl/sched.h> (sched-evl.h in libevl), the scheduling attributes of
 * an EVL thread. Both calls return 0 or a negated errno and leave errno alone; they go
 * through ioctl() from an in-band caller, oob_ioctl() from an oob one.
 *
 * The attributes are recorded (the same record as pthread_setschedparam()'s) and order
 * EVL priority wait queues; the host thread keeps its own policy (docs/api/sched.md).
 */
#ifndef _EVLSIM_USER_EVL_SCHED_H
#define _EVLSIM_USER_EVL_SCHED_H

#include <sched.h>
#include <sys/types.h>
#include <uapi/evl/sched-abi.h>

#ifdef __cplusplus
extern "C" {
#endif

/* 0, -EINVAL (policy or priority out of range; SCHED_QUOTA and SCHED_TP are not
 * configured), -EBADF, -ENOTTY (not a thread element), -ESRCH (the thread detached). */
int evl_set_schedattr(int efd, const struct evl_sched_attrs *attrs);

/* SCHED_FIFO, SCHED_RR or SCHED_WEAK (an attached SCHED_OTHER thread) and the priority. */
int evl_get_schedattr(int efd, struct evl_sched_attrs *attrs);

/*
 * The state of @cpu (EVL_CPU_OOB, EVL_CPU_ISOL, EVL_CPU_OFFLINE) in *@state_r, from the
 * control element: every simulated CPU runs oob threads and none is isolated. 0, -EINVAL
 * for a CPU that does not exist.
 */
int evl_get_cpustate(int cpu, int *state_r);

#ifdef __cplusplus
}
#endif

#endif
