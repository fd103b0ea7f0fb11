// SPDX-License-Identifier: MIT
/*
 * tstage: the driver of the stage suite (check_stages), see tstage-abi.h. Each context
 * records the predicates it saw in a mask; the entry points wait for the context to run
 * (polling an atomic: the oob contexts may not use in-band services) and return it.
 */
#include <linux/module.h>
#include <linux/fs.h>
#include <linux/miscdevice.h>
#include <linux/delay.h>
#include <linux/slab.h>
#include <linux/irq_work.h>
#include <linux/irqstage.h>
#include <linux/kthread.h>
#include <linux/workqueue.h>
#include <evl/file.h>
#include <evl/sched.h>
#include <evl/thread.h>
#include <evl/timer.h>
#include <evl/clock.h>
#include "tstage-abi.h"

static int probe(void)
{
	int mask = 0;

	if (running_oob())
		mask |= TST_RUNNING_OOB;
	if (running_inband())
		mask |= TST_RUNNING_INBAND;
	if (evl_is_inband())
		mask |= TST_EVL_INBAND;
	if (evl_in_irq())
		mask |= TST_EVL_IN_IRQ;
	if (evl_cannot_block())
		mask |= TST_CANNOT_BLOCK;
	if (evl_current())
		mask |= TST_CURRENT;
	return mask;
}

static void (*tst_hook)(void);

void tst_set_hook(void (*fn)(void))
{
	WRITE_ONCE(tst_hook, fn);
}

struct tst_file {
	struct evl_file efile;
};

static int tst_open(struct inode *inode, struct file *filp)
{
	struct tst_file *tf = kzalloc(sizeof(*tf), GFP_KERNEL);
	int ret;

	if (!tf)
		return -ENOMEM;
	ret = evl_open_file(&tf->efile, filp);
	if (ret) {
		kfree(tf);
		return ret;
	}
	filp->private_data = tf;
	return 0;
}

static int tst_release(struct inode *inode, struct file *filp)
{
	struct tst_file *tf = filp->private_data;

	evl_release_file(&tf->efile);
	kfree(tf);
	return 0;
}

static long tst_ioctl(struct file *filp, unsigned int cmd, unsigned long arg)
{
	return cmd == TST_IOC_PROBE ? probe() : -ENOTTY;
}

static long tst_oob_ioctl(struct file *filp, unsigned int cmd, unsigned long arg)
{
	void (*hook)(void);

	switch (cmd) {
	case TST_IOC_PROBE:
		return probe() | TST_OOB_HANDLER;
	case TST_IOC_HOOK:
		hook = READ_ONCE(tst_hook);
		if (hook)
			hook();
		return 0;
	case TST_IOC_SLEEP:
		/* long enough that the caller sleeps even on a loaded machine (one csw) */
		return evl_sleep(20 * NSEC_PER_MSEC);
	default:
		return -ENOTTY;
	}
}

static const struct file_operations tst_fops = {
	.owner		= THIS_MODULE,
	.open		= tst_open,
	.release	= tst_release,
	.unlocked_ioctl	= tst_ioctl,
	.oob_ioctl	= tst_oob_ioctl,
};

static struct miscdevice tst_misc = {
	.minor	= MISC_DYNAMIC_MINOR,
	.name	= "tstage",
	.fops	= &tst_fops,
};

/* ---- contexts ---------------------------------------------------------------------------- */

/* the mask the last context saw, + 1 (0: not yet); atomics only, oob contexts included */
static int tst_mask;

static void record(void)
{
	__atomic_store_n(&tst_mask, probe() + 1, __ATOMIC_RELEASE);
}

static int wait_mask(void)
{
	int mask;

	while (!(mask = __atomic_load_n(&tst_mask, __ATOMIC_ACQUIRE)))
		msleep(1);
	return mask - 1;
}

static void tst_timer_handler(struct evl_timer *timer)
{
	record();
}

int tst_probe_timer(void)
{
	struct evl_timer timer;
	int mask;

	__atomic_store_n(&tst_mask, 0, __ATOMIC_RELAXED);
	evl_init_timer(&timer, tst_timer_handler);
	evl_start_timer(&timer, ktime_add(evl_read_clock(&evl_mono_clock), 1000), 0);
	mask = wait_mask();
	evl_destroy_timer(&timer);
	return mask;
}

static struct evl_kthread tst_kthread;

static void tst_kthread_fn(void *arg)
{
	record();
}

int tst_probe_evl_kthread(void)
{
	int ret, mask;

	__atomic_store_n(&tst_mask, 0, __ATOMIC_RELAXED);
	ret = evl_run_kthread(&tst_kthread, tst_kthread_fn, NULL, 1, EVL_CLONE_PRIVATE,
			      "tst-kthread");
	if (ret)
		return ret;
	mask = wait_mask();
	evl_stop_kthread(&tst_kthread);
	return mask;
}

static void tst_irq_work_fn(struct irq_work *work)
{
	record();
}

int tst_probe_irq_work(void)
{
	struct irq_work work;
	int mask;

	__atomic_store_n(&tst_mask, 0, __ATOMIC_RELAXED);
	init_irq_work(&work, tst_irq_work_fn);
	irq_work_queue(&work);
	mask = wait_mask();
	irq_work_sync(&work);
	return mask;
}

static void tst_work_fn(struct work_struct *work)
{
	record();
}

int tst_probe_work(void)
{
	struct work_struct work;
	int mask;

	__atomic_store_n(&tst_mask, 0, __ATOMIC_RELAXED);
	INIT_WORK_ONSTACK(&work, tst_work_fn);
	queue_work(system_wq, &work);
	mask = wait_mask();
	flush_work(&work);
	destroy_work_on_stack(&work);
	return mask;
}

static int tst_kthread_body(void *data)
{
	record();
	while (!kthread_should_stop())
		msleep(1);
	return 0;
}

int tst_probe_kthread(void)
{
	struct task_struct *task;
	int mask;

	__atomic_store_n(&tst_mask, 0, __ATOMIC_RELAXED);
	task = kthread_run(tst_kthread_body, NULL, "tst-kthread");
	if (IS_ERR(task))
		return PTR_ERR(task);
	mask = wait_mask();
	kthread_stop(task);
	return mask;
}

static int __init tst_init(void)
{
	return misc_register(&tst_misc);
}

static void __exit tst_exit(void)
{
	misc_deregister(&tst_misc);
}

module_init(tst_init);
module_exit(tst_exit);
MODULE_LICENSE("GPL");
