/* SPDX-License-Identifier: LGPL-2.1-or-later */
/*
 * evlsim shim: faithful to linux v6.12 include/linux/completion.h (API and semantics);
 * custom implementation on the simulator's sleep/wake primitive. Timeouts are in
 * jiffies (HZ = 1000). Custom: killable waits end only on fatal signals, which the
 * simulator never sees (the process is gone): they never return -ERESTARTSYS.
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
unsigned long wait_for_completion_timeout(struct completion *x, unsigned long timeout)
	__evlsim_ksym(wait_for_completion_timeout);
unsigned long wait_for_completion_io_timeout(struct completion *x, unsigned long timeout)
	__evlsim_ksym(wait_for_completion_io_timeout);
long wait_for_completion_interruptible_timeout(struct completion *x, unsigned long timeout)
	__evlsim_ksym(wait_for_completion_interruptible_timeout);
long wait_for_completion_killable_timeout(struct completion *x, unsigned long timeout)
	__evlsim_ksym(wait_for_completion_killable_timeout);
bool try_wait_for_completion(struct completion *x) __evlsim_ksym(try_wait_for_completion);
bool completion_done(struct completion *x) __evlsim_ksym(completion_done);
void complete(struct completion *x) __evlsim_ksym(complete);
void complete_all(struct completion *x) __evlsim_ksym(complete_all);

#endif
