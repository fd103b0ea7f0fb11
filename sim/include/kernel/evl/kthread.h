/* SPDX-License-Identifier: LGPL-2.1-or-later */
/*
 * evlsim shim: EVL kernel threads and periodic mode, the part of linux-evl
 * include/evl/thread.h (K @0691d1a) that drivers use; included by <evl/thread.h>, as these
 * declarations live there in the kernel. Implementation in sim/evl/kthread.c.
 *
 * Custom: an EVL kthread is a host thread of the simulator, attached to EVL (a thread
 * element named after the kthread) and running out-of-band from its first instruction;
 * evl_current() in it returns &kt->thread, whose ->wprio is the priority it was given.
 * Priorities order waiters on EVL_WAIT_PRIO queues only: the host scheduler runs the
 * threads, with no real-time guarantee. Stopping a kthread makes every EVL wait of it fail
 * with -EINTR until its function returns.
 */
#ifndef _EVLSIM_EVL_KTHREAD_H
#define _EVLSIM_EVL_KTHREAD_H

#include <linux/completion.h>
#include <linux/irq_work.h>
#include <linux/module.h>
#include <evl/thread.h>
#include <evl/timeout.h>
#include <evl/clock.h>
#include <uapi/evl/factory-abi.h>

/* Priority ranges (linux-evl include/evl/sched.h and sched/fifo.h). */
#ifndef EVL_CORE_MIN_PRIO
#define EVL_CORE_MIN_PRIO	0
#define EVL_CORE_MAX_PRIO	101		/* MAX_RT_PRIO + 1 */
#define EVL_FIFO_MIN_PRIO	1
#define EVL_FIFO_MAX_PRIO	99		/* MAX_RT_PRIO - 1 */
#endif

struct evl_kthread {
	struct evl_thread thread;
	struct completion done;		/* start handshake, then exit */
	void (*threadfn)(void *arg);
	int status;			/* start status */
	void *arg;
	struct irq_work irq_work;
	/* simulator bookkeeping */
	struct module *evlsim_owner;	/* the module that started it */
	char *evlsim_name;		/* full name, until attached */
	int evlsim_flags;		/* clone flags */
	int evlsim_cpu;			/* requested CPU, -1: any */
	int evlsim_state;		/* EVLSIM_KT_* (sim/evl/kthread.c) */
	struct list_head evlsim_next;	/* live kthreads */
};

__evlsim_export int evlsim__run_kthread(struct evl_kthread *kthread, void (*fn)(void *arg), void *arg,
			int prio, int clone_flags, int cpu, struct module *owner,
			const char *fmt, ...) __printf(8, 9);

/**
 * evl_run_kthread - start an EVL kernel thread (in-band only)
 * @__kthread: the thread descriptor, owned by the caller until evl_stop_kthread() returns
 * @__fn: its body, called with @__arg, running out-of-band
 * @__prio: SCHED_FIFO priority, [EVL_CORE_MIN_PRIO, EVL_CORE_MAX_PRIO]
 * @__clone_flags: EVL_CLONE_PUBLIC or EVL_CLONE_PRIVATE (| EVL_CLONE_OBSERVABLE)
 * @__fmt: printf-style name
 *
 * Returns 0 once the thread runs, or -EEXIST (a public thread of that name exists),
 * -EINVAL (bad flags, priority or CPU), -ENAMETOOLONG, -ENOMEM, -EPERM (called oob).
 */
#define evl_run_kthread(__kthread, __fn, __arg, __prio, __clone_flags, __fmt, __args...) \
	evlsim__run_kthread(__kthread, __fn, __arg, __prio, __clone_flags, -1,	\
			    THIS_MODULE, __fmt, ##__args)

#define evl_run_kthread_on_cpu(__kthread, __cpu, __fn, __arg, __prio, __clone_flags,	\
			       __fmt, __args...)					\
	evlsim__run_kthread(__kthread, __fn, __arg, __prio, __clone_flags, __cpu,	\
			    THIS_MODULE, __fmt, ##__args)

/* Stops @kthread: every EVL wait of it fails with -EINTR, evl_kthread_should_stop() turns
 * true; waits (uninterruptibly) until its function returned. In-band only. */
void evl_stop_kthread(struct evl_kthread *kthread) __evlsim_ksym(evl_stop_kthread);

/* The calling EVL kthread, NULL for any other caller. */
struct evl_kthread *evl_current_kthread(void) __evlsim_ksym(evl_current_kthread);

/* Whether the calling kthread was asked to stop (evl_stop_kthread()). */
bool evl_kthread_should_stop(void) __evlsim_ksym(evl_kthread_should_stop);

void evl_set_kthread_priority(struct evl_kthread *kthread, int prio)
	__evlsim_ksym(evl_set_kthread_priority);

/* Periodic mode of the calling EVL thread (kthread or attached user thread). */
int evl_set_period(struct evl_clock *clock, ktime_t idate, ktime_t period)
	__evlsim_ksym(evl_set_period);
int evl_wait_period(unsigned long *overruns_r) __evlsim_ksym(evl_wait_period);

/* Sleeping: evl_sleep*() are oob only (-EPERM otherwise); evl_delay() warns in-band */
ktime_t evl_delay(ktime_t timeout, enum evl_tmode timeout_mode, struct evl_clock *clock)
	__evlsim_ksym(evl_delay);
int evl_sleep_until(ktime_t timeout) __evlsim_ksym(evl_sleep_until);
int evl_sleep(ktime_t delay) __evlsim_ksym(evl_sleep);

#endif
