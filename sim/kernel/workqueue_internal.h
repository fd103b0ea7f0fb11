/* SPDX-License-Identifier: LGPL-2.1-or-later */
/*
 * The worker pool of the workqueues (kernel world), shared by kernel/workqueue.c (the
 * pool, its workers, queueing, the workqueues) and kernel/workqueue-flush.c (flushing and
 * cancelling), as the kernel's kernel/workqueue_internal.h shares the worker.
 */
#ifndef _EVLSIM_SIM_KERNEL_WORKQUEUE_INTERNAL_H
#define _EVLSIM_SIM_KERNEL_WORKQUEUE_INTERNAL_H

#include <linux/workqueue.h>
#include <linux/list.h>
#include "kinternal.h"

#define WQ_NAME_LEN	32

enum { WORK_IDLE = 0, WORK_QUEUED, WORK_DELAYED };

struct workqueue_struct {
	struct list_head list;		/* workqueues */
	unsigned int flags;
	int max_active;
	struct list_head pending;	/* items to run, in queueing order */
	struct list_head delayed;	/* delayed items not yet due, by expiry */
	struct list_head workers;
	struct list_head idle;
	int nr_workers;			/* workers started or starting */
	bool stopping;
	char name[WQ_NAME_LEN];
};

struct worker {
	struct list_head node;		/* wq->workers */
	struct list_head idle_node;	/* wq->idle while idle */
	struct workqueue_struct *wq;
	struct evlsim_thread *thread;
	struct work_struct *current_work;
	work_func_t current_func;
	struct module *current_owner;
	unsigned long current_seq;
};

/* The pool's one lock, a lock word: every workqueue, its lists and its workers. */
extern int evlsim__wq_pool_lock;
/* The sequence number of the last queueing (a flush waits up to one). */
extern unsigned long evlsim__wq_queue_seq;
/* The worker the calling thread is, or NULL. */
extern __thread struct worker *evlsim__wq_cur_worker __attribute__((tls_model("initial-exec")));

static inline void lock_pool(void)
{
	evlsim__lockword_lock(&evlsim__wq_pool_lock);
}

static inline void unlock_pool(void)
{
	evlsim__lockword_unlock(&evlsim__wq_pool_lock);
}

static inline unsigned long *work_data_bits(struct work_struct *work)
{
	return (unsigned long *)&work->data.counter;
}

/* Waits once on the waiters list; pool_lock held, and held again on return. */
void evlsim__wq_wait_pool(void);
/* Wakes every flusher, canceller and destroyer; pool_lock held. */
void evlsim__wq_wake_waiters(void);
/* A worker of @wq that can take an item now, or NULL (then start one, unlocked). */
struct worker *evlsim__wq_kick_worker(struct workqueue_struct *wq);
void evlsim__wq_start_worker(struct worker *w);
/* @work runs on a worker of @wq other than the caller. */
bool evlsim__wq_running_elsewhere(struct workqueue_struct *wq, struct work_struct *work);
/* Takes @work off its list and owns its pending bit; false if it was not pending. */
bool evlsim__wq_grab_pending(struct work_struct *work);

#endif /* _EVLSIM_SIM_KERNEL_WORKQUEUE_INTERNAL_H */
