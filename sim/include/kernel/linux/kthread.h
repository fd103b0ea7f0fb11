/* SPDX-License-Identifier: LGPL-2.1-or-later */
/*
 * evlsim shim: linux v6.12 include/linux/kthread.h, custom re-implementation.
 *
 * A kthread is a real thread running in-band, with every signal blocked, created asleep
 * (TASK_UNINTERRUPTIBLE) like the kernel's: wake_up_process() (or kthread_run()) starts
 * the thread function; kthread_stop() asks it to stop, wakes it and waits for it to
 * exit, returning its result (-EINTR if it never ran). A task is freed when the thread
 * exited and the last get_task_struct() reference is dropped, as in the kernel.
 *
 * Custom: kthread_create_on_node() records the creating module (THIS_MODULE); a thread
 * of a module still running when the module is unloaded is reported as a leak.
 * Not provided: parking, kthread_exit(), kthread workers.
 */
#ifndef _EVLSIM_LINUX_KTHREAD_H
#define _EVLSIM_LINUX_KTHREAD_H

#include <linux/err.h>
#include <linux/sched.h>
#include <linux/module.h>

#ifndef NUMA_NO_NODE
#define NUMA_NO_NODE	(-1)
#endif

__printf(5, 6)
__evlsim_export struct task_struct *evlsim__kthread_create(struct module *owner, int (*threadfn)(void *data),
					   void *data, int node, const char namefmt[], ...);

/**
 * kthread_create_on_node - create a kthread, asleep until wake_up_process()
 * @threadfn: the function to run
 * @data: its argument
 * @node: NUMA node (ignored)
 * @namefmt: printf-style name (the task's comm, truncated to TASK_COMM_LEN - 1)
 *
 * Returns the task, or ERR_PTR(-ENOMEM) / ERR_PTR(-EAGAIN).
 */
#define kthread_create_on_node(threadfn, data, node, namefmt, arg...)		\
	evlsim__kthread_create(THIS_MODULE, threadfn, data, node, namefmt, ##arg)

#define kthread_create(threadfn, data, namefmt, arg...)				\
	kthread_create_on_node(threadfn, data, NUMA_NO_NODE, namefmt, ##arg)

/**
 * kthread_run - create and wake a thread
 * Returns the task, or an ERR_PTR().
 */
#define kthread_run(threadfn, data, namefmt, ...)				\
({										\
	struct task_struct *__k							\
		= kthread_create(threadfn, data, namefmt, ## __VA_ARGS__);	\
	if (!IS_ERR(__k))							\
		wake_up_process(__k);						\
	__k;									\
})

/* The CPU is not simulated: binding is accepted and ignored. */
static inline void kthread_bind(struct task_struct *k, unsigned int cpu)
{
}

bool kthread_should_stop(void) __evlsim_ksym(kthread_should_stop);
bool kthread_should_park(void) __evlsim_ksym(kthread_should_park);
void *kthread_data(struct task_struct *k) __evlsim_ksym(kthread_data);
/**
 * kthread_stop - stop a thread created by kthread_create()
 * @k: the thread (it must not have exited unless a reference is held on it)
 *
 * Sets kthread_should_stop() for @k, wakes it and waits for it to exit.
 * Returns the thread function's result, or -EINTR if wake_up_process() was never called.
 */
int kthread_stop(struct task_struct *k) __evlsim_ksym(kthread_stop);
/* kthread_stop_put - kthread_stop(), then put_task_struct() */
int kthread_stop_put(struct task_struct *k) __evlsim_ksym(kthread_stop_put);

#endif
