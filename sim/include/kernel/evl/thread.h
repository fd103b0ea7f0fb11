/* SPDX-License-Identifier: LGPL-2.1-or-later */
/*
 * evlsim shim: the EVL thread as handlers and the wait services see it (linux-evl
 * include/evl/thread.h): struct evl_thread and evl_current().
 *
 * Custom: an EVL thread is a host thread. Its struct evl_thread carries what the wait
 * services need (state and information bits, the wait channel it pends on, its wait
 * priority); the scheduler fields of the kernel's structure have no counterpart. Every
 * simulator thread has one, created on first use; evl_current() returns it only once the
 * thread is attached to EVL (evl_attach_self(), or an EVL kthread), NULL otherwise, as in
 * the kernel for in-band tasks.
 */
#ifndef _EVLSIM_EVL_THREAD_H
#define _EVLSIM_EVL_THREAD_H

#include <asm/barrier.h>
#include <linux/types.h>
#include <linux/list.h>
#include <linux/ktime.h>
#include <linux/spinlock.h>
#include <linux/completion.h>
#include <linux/irq_work.h>
#include <linux/sched.h>
#include <linux/fs.h>		/* the kernel's thread.h reaches these two through */
#include <linux/cdev.h>		/* evl/element.h */
#include <evl/sched.h>
#include <evl/timer.h>
#include <uapi/evl/thread-abi.h>

struct evl_wait_channel;

struct evl_thread {
	void *evlsim;			/* the simulator's thread state */
	int state;			/* EVL_T_* state bits (EVL_T_PEND while waiting) */
	int info;			/* EVL_T_* information bits of the last wake-up */
	int wprio;			/* position in priority wait queues: higher first */
	struct evl_wait_channel *wchan;	/* the channel it pends on, or NULL */
	struct list_head wait_next;	/* its link there */
	ktime_t wait_deadline;		/* monotonic date the wait times out, 0: none */
	int wait_early;			/* info bits of a wait that ended before queuing (own use) */
	char name[32];
	/* simulator: a stop request (evl_stop_kthread()) is pending: every EVL wait of the
	 * thread breaks at once (-EINTR); read with evlsim__evl_kicked() */
	int evlsim_kicked;
	/* simulator: EVL kernel mutexes it holds (rule evl-mutex-inband-switch) */
	int evlsim_kmutexes;
	void *evlsim_kmutex_site;	/* where it last took one (the driver's call) */
	/* simulator: periodic mode (evl_set_period()): period, 0 when off, and the next
	 * expected release date on the monotonic clock */
	ktime_t evlsim_period;
	ktime_t evlsim_pnext;
	struct evl_clock *evlsim_pclock;
};

/* Whether @thread was asked to stop; the full fence orders the read after the caller's
 * sleep preparation (see evl_stop_kthread()). */
static inline bool evlsim__evl_kicked(struct evl_thread *thread)
{
	smp_mb();	/* not __atomic_thread_fence(): GCC rejects it under TSan */
	return __atomic_load_n(&thread->evlsim_kicked, __ATOMIC_SEQ_CST);
}

struct evl_thread *evl_current(void) __evlsim_ksym(evl_current);

/* the thread state of the caller, attached or not (the simulator's own use) */
__evlsim_export struct evl_thread *evlsim__evl_thread_self(void);

/*
 * evl_hold_thread - hold @thread (EVL_T_SUSP, EVL_T_HALT or EVL_T_DORMANT in @mask)
 *
 * Custom: a host thread cannot be stopped from outside; the held thread stops at its next
 * EVL wait (when the wait ends) or at once if it holds itself, and stays stopped until
 * evl_release_thread() clears the bits or it is stopped (evl_stop_kthread()).
 */
void evl_hold_thread(struct evl_thread *thread, int mask) __evlsim_ksym(evl_hold_thread);
/* evl_release_thread - clear @mask from @thread's hold bits, add @info, let it run */
void evl_release_thread(struct evl_thread *thread, int mask, int info)
	__evlsim_ksym(evl_release_thread);

/* EVL kthreads and periodic mode are part of this header in linux-evl. */
#include <evl/kthread.h>

#endif
