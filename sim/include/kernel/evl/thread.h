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

#include <linux/list.h>
#include <linux/ktime.h>
#include <linux/spinlock.h>
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
};

struct evl_thread *evl_current(void) __evlsim_ksym(evl_current);

/* the thread state of the caller, attached or not (the simulator's own use) */
struct evl_thread *evlsim__evl_thread_self(void);

#endif
