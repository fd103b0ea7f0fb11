/* SPDX-License-Identifier: LGPL-2.1-or-later */
/*
 * evlsim shim: faithful to linux v6.12 include/linux/completion.h (API and semantics);
 * custom implementation on the simulator's sleep/wake primitive.
 * Not provided: the jiffies-based _timeout variants (no <linux/jiffies.h> yet).
 */
#ifndef _EVLSIM_LINUX_COMPLETION_H
#define _EVLSIM_LINUX_COMPLETION_H

#include <linux/types.h>
#include <linux/spinlock_types.h>

struct swait_queue_head {
	raw_spinlock_t lock;
	struct list_head task_list;
};

struct completion {
	unsigned int done;
	struct swait_queue_head wait;
};

#define COMPLETION_INITIALIZER(work) \
	{ 0, { __RAW_SPIN_LOCK_INITIALIZER((work).wait.lock), \
	       { &(work).wait.task_list, &(work).wait.task_list } } }
#define COMPLETION_INITIALIZER_ONSTACK(work) \
	(*({ init_completion(&work); &work; }))
#define DECLARE_COMPLETION(work) \
	struct completion work = COMPLETION_INITIALIZER(work)
#define DECLARE_COMPLETION_ONSTACK(work) \
	struct completion work = COMPLETION_INITIALIZER_ONSTACK(work)

void init_completion(struct completion *x) __evlsim_ksym(init_completion);
void reinit_completion(struct completion *x) __evlsim_ksym(reinit_completion);
void wait_for_completion(struct completion *x) __evlsim_ksym(wait_for_completion);
void wait_for_completion_io(struct completion *x) __evlsim_ksym(wait_for_completion_io);
int wait_for_completion_interruptible(struct completion *x)
	__evlsim_ksym(wait_for_completion_interruptible);
int wait_for_completion_killable(struct completion *x)
	__evlsim_ksym(wait_for_completion_killable);
bool try_wait_for_completion(struct completion *x) __evlsim_ksym(try_wait_for_completion);
bool completion_done(struct completion *x) __evlsim_ksym(completion_done);
void complete(struct completion *x) __evlsim_ksym(complete);
void complete_all(struct completion *x) __evlsim_ksym(complete_all);

#endif
