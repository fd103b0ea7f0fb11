/* SPDX-License-Identifier: LGPL-2.1-or-later */
/*
 * The proxy element's state (evl/proxy.c) and its in-band relay (evl/proxy-relay.c).
 * Kernel world.
 */
#ifndef _EVLSIM_SIM_EVL_PROXY_H
#define _EVLSIM_SIM_EVL_PROXY_H

#include <linux/atomic.h>
#include <linux/mutex.h>
#include <linux/wait.h>
#include <linux/workqueue.h>
#include <evl/file.h>
#include <evl/flag.h>
#include <evl/poll.h>
#include <evl/work.h>
#include <uapi/evl/factory-abi.h>

struct proxy_ring {
	char *bufmem;
	atomic_t fillsz;		/* bytes relayable (output) or readable (input) */
	int nesting;			/* transfers in flight, under @lock */
	unsigned int bufsz, granularity;
	unsigned int rdoff, wroff;
	unsigned int reserved;		/* reserved by the transfers in flight */
	hard_spinlock_t lock;
	struct evl_flag oob_wait;	/* oob callers wait for room or data */
	struct wait_queue_head inband_wait_r, inband_wait_w;
	struct evl_work relay_work;	/* from either stage: queues @wq_work */
	struct work_struct wq_work;	/* runs the relay on @wq */
	struct workqueue_struct *wq;	/* ordered: one relay at a time, in order */
	struct mutex worker_lock;	/* the relay, and the position it owns */
};

struct evl_proxy {
	struct evl_file efile;
	struct file *filp;		/* the target */
	int clone_flags;
	struct proxy_ring output;	/* oob_write -> target */
	struct proxy_ring input;	/* target -> oob_read */
	atomic_t reqsz;			/* bytes the readers asked the relay for */
	atomic_t on_eof;		/* the target hit EOF, not yet reported */
	atomic_t on_error;		/* the target's read error, for good */
	struct evl_poll_head poll_head;
};

static inline bool proxy_may_read(struct evl_proxy *proxy)
{
	return proxy->clone_flags & EVL_CLONE_INPUT;
}

static inline bool proxy_may_write(struct evl_proxy *proxy)
{
	return proxy->clone_flags & EVL_CLONE_OUTPUT;
}

/* in-band, any thread: empties the output ring into the target */
void evlsim__proxy_relay_output(struct evl_proxy *proxy);
/* in-band, any thread: reads what the readers asked for into the input ring */
void evlsim__proxy_relay_input(struct evl_proxy *proxy);
/* the ring's work items: the relay on its ordered queue, queued from either stage */
void evlsim__proxy_relay_output_work(struct work_struct *work);
void evlsim__proxy_relay_input_work(struct work_struct *work);
void evlsim__proxy_queue_relay(struct evl_work *work);

#endif /* _EVLSIM_SIM_EVL_PROXY_H */
