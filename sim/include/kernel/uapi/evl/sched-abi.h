/* SPDX-License-Identifier: LGPL-2.1-or-later */
/*
 * evlsim uapi: faithful to linux-evl include/uapi/evl/sched-abi.h, the scheduling
 * attributes of an EVL thread as struct evl_thread_state carries them. Shared by kernel
 * and user code. The simulator does not schedule by these: threads are host threads.
 */
#ifndef _EVLSIM_UAPI_EVL_SCHED_ABI_H
#define _EVLSIM_UAPI_EVL_SCHED_ABI_H

#include <uapi/evl/types-abi.h>

/* a CPU's state (EVL_CTLIOC_GET_CPUSTATE) */
#define EVL_CPU_OOB	(1 << 0)	/* runs oob threads */
#define EVL_CPU_ISOL	(1 << 1)	/* isolated from in-band load (isolcpus) */
#define EVL_CPU_OFFLINE	(1 << 2)

#define SCHED_WEAK	43
#define SCHED_QUOTA	44
#define SCHED_TP	45

struct __evl_rr_param {
	struct __evl_timespec __sched_rr_quantum;
};

struct __evl_quota_param {
	__s32 __sched_group;
};

struct __evl_tp_param {
	__s32 __sched_part;
};

struct evl_sched_attrs {
	__s32 sched_policy;
	__s32 sched_priority;
	union {
		struct __evl_rr_param rr;
		struct __evl_quota_param quota;
		struct __evl_tp_param tp;
	} sched_u;
};

#define sched_rr_quantum	sched_u.rr.__sched_rr_quantum
#define sched_quota_group	sched_u.quota.__sched_group
#define sched_tp_partition	sched_u.tp.__sched_part

#endif
