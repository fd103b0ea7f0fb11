/* SPDX-License-Identifier: LGPL-2.1-or-later */
/*
 * evlsim shim: linux v6.12 include/linux/sched.h, the part drivers use; custom
 * re-implementation on the simulator's sleep/wake primitive.
 *
 * Every thread that calls into kernel code has a struct task_struct: a kthread's own, or
 * one kept in the thread's TLS for any other thread (pid = its tid, comm = its name).
 * set_current_state()/schedule()/wake_up_process() keep the kernel's protocol: a wake-up
 * that comes between set_current_state() and schedule() is not lost, and schedule()
 * returns at once when the task was made TASK_RUNNING meanwhile.
 * Timeouts are in jiffies, with HZ = 1000 (one jiffy is one millisecond).
 * Deviations: a signal is "pending" for TASK_INTERRUPTIBLE sleeps only when it arrived
 * after set_current_state() (the simulator has no per-task pending set); kthreads ignore
 * signals, as the kernel's do.
 */
#ifndef _EVLSIM_LINUX_SCHED_H
#define _EVLSIM_LINUX_SCHED_H

#include <linux/types.h>
#include <linux/compiler.h>
#include <linux/build_bug.h>
#include <linux/limits.h>
#include <linux/atomic.h>
#include <linux/refcount.h>
#include <linux/string.h>
#include <linux/cpumask.h>
#include <linux/smp.h>

/* Used in tsk->__state: */
#define TASK_RUNNING			0x00000000
#define TASK_INTERRUPTIBLE		0x00000001
#define TASK_UNINTERRUPTIBLE		0x00000002
#define __TASK_STOPPED			0x00000004
#define __TASK_TRACED			0x00000008
/* Used in tsk->exit_state: */
#define EXIT_DEAD			0x00000010
#define EXIT_ZOMBIE			0x00000020
/* Used in tsk->__state again: */
#define TASK_PARKED			0x00000040
#define TASK_DEAD			0x00000080
#define TASK_WAKEKILL			0x00000100
#define TASK_WAKING			0x00000200
#define TASK_NOLOAD			0x00000400
#define TASK_NEW			0x00000800

#define TASK_KILLABLE			(TASK_WAKEKILL | TASK_UNINTERRUPTIBLE)
#define TASK_IDLE			(TASK_UNINTERRUPTIBLE | TASK_NOLOAD)
#define TASK_NORMAL			(TASK_INTERRUPTIBLE | TASK_UNINTERRUPTIBLE)

#define PF_WQ_WORKER			0x00000020	/* I'm a workqueue worker */
#define PF_KTHREAD			0x00200000	/* I am a kernel thread */

#define TASK_COMM_LEN			16
#define MAX_SCHEDULE_TIMEOUT		LONG_MAX

struct task_struct {
	unsigned int __state;
	unsigned int flags;		/* PF_* */
	int exit_code;			/* kthread: the thread function's result */
	pid_t pid;
	pid_t tgid;
	refcount_t usage;
	void *worker_private;		/* kthread: struct kthread */
	char comm[TASK_COMM_LEN];
	/* simulator */
	void *evlsim_thread;		/* struct evlsim_thread * */
	int evlsim_pi_lock;		/* lock word: serializes state changes and wake-ups */
};

/**
 * get_current - the calling thread's task
 *
 * Any thread has one: a kthread's own, or one in its TLS for other threads (test and
 * application threads), valid until the thread exits.
 */
struct task_struct *get_current(void) __evlsim_ksym(get_current);
#define current get_current()

/*
 * set_current_state - set the calling task's state before testing a wake-up condition
 * @state: TASK_RUNNING, TASK_INTERRUPTIBLE, TASK_UNINTERRUPTIBLE, TASK_KILLABLE, TASK_IDLE
 */
__evlsim_export void evlsim__set_current_state(unsigned int state);
#define __set_current_state(state_value)	evlsim__set_current_state(state_value)
#define set_current_state(state_value)		evlsim__set_current_state(state_value)

#define task_is_running(task)	(READ_ONCE((task)->__state) == TASK_RUNNING)

/*
 * schedule - sleep until woken, unless the task is TASK_RUNNING (again); in
 * TASK_INTERRUPTIBLE, a signal also ends the sleep. The task is TASK_RUNNING on return.
 */
void schedule(void) __evlsim_ksym(schedule);
/*
 * schedule_timeout - as schedule(), for at most @timeout jiffies
 * Returns 0 when the timeout elapsed, else the jiffies left (at least 1);
 * MAX_SCHEDULE_TIMEOUT sleeps without timeout and returns it.
 */
long schedule_timeout(long timeout) __evlsim_ksym(schedule_timeout);
long schedule_timeout_interruptible(long timeout)
	__evlsim_ksym(schedule_timeout_interruptible);
long schedule_timeout_killable(long timeout) __evlsim_ksym(schedule_timeout_killable);
long schedule_timeout_uninterruptible(long timeout)
	__evlsim_ksym(schedule_timeout_uninterruptible);
long schedule_timeout_idle(long timeout) __evlsim_ksym(schedule_timeout_idle);

/*
 * wake_up_process - wake a task sleeping in TASK_INTERRUPTIBLE or TASK_UNINTERRUPTIBLE
 * Returns 1 if it was woken (made TASK_RUNNING), 0 if it was already running.
 */
int wake_up_process(struct task_struct *tsk) __evlsim_ksym(wake_up_process);
int wake_up_state(struct task_struct *tsk, unsigned int state) __evlsim_ksym(wake_up_state);

/* yield - let other threads run */
void yield(void) __evlsim_ksym(yield);

/*
 * set_cpus_allowed_ptr - let @p run on the CPUs of @new_mask only
 *
 * Custom: a thread is bound to one simulated CPU, the first of @new_mask, or to none when
 * @new_mask holds every online CPU; the calling thread is also pinned on that CPU's host
 * CPU, where the host allows it. Returns 0, or -EINVAL when @new_mask has no online CPU.
 */
int set_cpus_allowed_ptr(struct task_struct *p, const struct cpumask *new_mask)
	__evlsim_ksym(set_cpus_allowed_ptr);

static inline pid_t task_pid_nr(struct task_struct *tsk)
{
	return tsk->pid;
}

static inline pid_t task_tgid_nr(struct task_struct *tsk)
{
	return tsk->tgid;
}

#define get_task_comm(buf, tsk) ({				\
	BUILD_BUG_ON(sizeof(buf) != TASK_COMM_LEN);		\
	__get_task_comm(buf, sizeof(buf), tsk);			\
})

static inline char *__get_task_comm(char *to, size_t len, struct task_struct *tsk)
{
	strscpy(to, tsk->comm, len);
	return to;
}

/* in <linux/sched/task.h> in the kernel */
static inline struct task_struct *get_task_struct(struct task_struct *t)
{
	refcount_inc(&t->usage);
	return t;
}

void __put_task_struct(struct task_struct *t) __evlsim_ksym(__put_task_struct);

static inline void put_task_struct(struct task_struct *t)
{
	/* refcount_dec_and_test(), fully ordered: ThreadSanitizer does not see the
	 * acquire fence its last decrement relies on */
	if (atomic_dec_and_test(&t->usage.refs))
		__put_task_struct(t);
}

#endif
