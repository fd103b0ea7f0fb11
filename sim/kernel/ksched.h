/* SPDX-License-Identifier: LGPL-2.1-or-later */
/*
 * Kernel-world internals of the in-band services (kthread.c, mutex.c, semaphore.c,
 * workqueue.c, rcupdate.c): jiffies, internal kthreads.
 */
#ifndef _EVLSIM_KSCHED_H
#define _EVLSIM_KSCHED_H

#include <linux/sched.h>
#include <linux/jiffies.h>
#include "kinternal.h"

#define EVLSIM_NS_PER_JIFFY	((evlsim_ns_t)TICK_NSEC)

/* Absolute deadline @j jiffies from now; EVLSIM_NS_INFINITE past the clock's range. */
static inline evlsim_ns_t evlsim__jiffies_deadline(unsigned long j)
{
	evlsim_ns_t now = evlsim__clock_now();

	if (j >= (unsigned long)((EVLSIM_NS_INFINITE - now) / EVLSIM_NS_PER_JIFFY))
		return EVLSIM_NS_INFINITE;
	return now + (evlsim_ns_t)j * EVLSIM_NS_PER_JIFFY;
}

/* Jiffies left until @deadline, rounded up; 0 if it passed. */
static inline long evlsim__jiffies_left(evlsim_ns_t deadline)
{
	evlsim_ns_t left = deadline - evlsim__clock_now();

	return left > 0 ? (long)((left + EVLSIM_NS_PER_JIFFY - 1) / EVLSIM_NS_PER_JIFFY) : 0;
}

/*
 * A simulator kthread (workqueue worker, RCU callbacks): running at once, owned by no
 * module. Returns the task (no reference for the caller) or an ERR_PTR().
 */
struct task_struct *evlsim__kthread_start(int (*threadfn)(void *data), void *data,
					  unsigned int pf_flags, const char *name);

/* The calling thread's simulator state, through its task. */
static inline struct evlsim_thread *evlsim__task_thread(struct task_struct *p)
{
	return p->evlsim_thread;
}

#endif
