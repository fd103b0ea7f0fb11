// SPDX-License-Identifier: GPL-2.0-only
/*
 * tbroken: a deliberately broken driver, the target of check_golden_rule. Each broken
 * request of tbroken-abi.h breaks exactly one rule of the golden-rule checker at exactly
 * one call site (one service call, in a helper of its own), so that a test can expect
 * exactly one report naming that helper; the legal requests use only the services their
 * stage allows and must never be reported.
 *
 * Everything a broken request does besides its one violation is legal: the buffer
 * kmalloc()'ed out-of-band is freed in-band at release; the locks taken for the rules
 * on locking are released by a legal request. Helpers are noinline so that the report
 * and its backtrace name them whatever the optimization level.
 */
#include <linux/module.h>
#include <linux/fs.h>
#include <linux/miscdevice.h>
#include <linux/slab.h>
#include <linux/uaccess.h>
#include <linux/spinlock.h>
#include <linux/mutex.h>
#include <linux/completion.h>
#include <linux/delay.h>
#include <linux/irq_work.h>
#include <linux/irqflags.h>
#include <evl/file.h>
#include <evl/flag.h>
#include <evl/mutex.h>
#include <evl/thread.h>
#include <evl/kthread.h>
#include <evl/timer.h>
#include <evl/clock.h>
#include <uapi/evl/factory-abi.h>
#include "tbroken-abi.h"

struct tbroken_blob {
	struct tbroken_blob *next;
	char data[48];
};

struct tbroken_file {
	struct evl_file efile;
	hard_spinlock_t lock;		/* guards ->blobs */
	struct tbroken_blob *blobs;	/* kmalloc()'ed oob, freed at release */
};

static DEFINE_HARD_SPINLOCK(tbroken_hard_lock);		/* legal uses */
static DEFINE_HARD_SPINLOCK(tbroken_return_lock);	/* held across a return to user */
static unsigned long tbroken_return_flags;
static unsigned long tbroken_irq_flags;
static DEFINE_SPINLOCK(tbroken_spinlock);
static DEFINE_RAW_SPINLOCK(tbroken_raw_spinlock);
static DEFINE_MUTEX(tbroken_mutex);
static struct completion tbroken_completion;
static struct evl_flag tbroken_never_flag;	/* nobody ever raises it */
static struct evl_flag tbroken_legal_flag;	/* raised, nobody waits on it */
static struct evl_kmutex tbroken_kmutex;
static struct evl_timer tbroken_timer;
static struct evl_kthread tbroken_kthread;
static bool tbroken_kthread_running;
static struct irq_work tbroken_work;
static atomic_t tbroken_timer_runs, tbroken_work_runs, tbroken_legal_count;
static long tbroken_dummy;			/* touched under the locks */

/* ---- oob-calls-inband ------------------------------------------------------------------ */

static noinline long tbroken_kmalloc_oob(struct tbroken_file *tf)
{
	struct tbroken_blob *blob = kmalloc(sizeof(*blob), GFP_KERNEL);	/* BROKEN */
	unsigned long flags;

	if (!blob)
		return -ENOMEM;
	raw_spin_lock_irqsave(&tf->lock, flags);
	blob->next = tf->blobs;
	tf->blobs = blob;
	raw_spin_unlock_irqrestore(&tf->lock, flags);
	return 0;
}

static noinline long tbroken_copy_to_user_oob(unsigned long arg)
{
	int val = atomic_read(&tbroken_legal_count);

	if (copy_to_user((int __user *)arg, &val, sizeof(val)))	/* BROKEN */
		return -EFAULT;
	return 0;
}

static noinline long tbroken_complete_oob(void)
{
	complete(&tbroken_completion);					/* BROKEN */
	return 0;
}

static noinline long tbroken_msleep_oob(void)
{
	msleep(1);							/* BROKEN */
	return 0;
}

/* ---- evl-wait-inband ---------------------------------------------------------------------- */

static noinline long tbroken_wait_inband(void)
{
	return evl_wait_flag_timeout(&tbroken_never_flag, NSEC_PER_MSEC, EVL_REL); /* BROKEN */
}

/* ---- evl-wait-in-timer --------------------------------------------------------------- */

static noinline void tbroken_timer_handler(struct evl_timer *timer)
{
	evl_wait_flag_timeout(&tbroken_never_flag, NSEC_PER_MSEC, EVL_REL);	/* BROKEN */
	atomic_inc(&tbroken_timer_runs);
}

/* ---- sleep-hard-locked ------------------------------------------------------------- */

static noinline long tbroken_msleep_hard_locked(void)
{
	unsigned long flags;

	raw_spin_lock_irqsave(&tbroken_hard_lock, flags);
	msleep(1);							/* BROKEN */
	tbroken_dummy++;
	raw_spin_unlock_irqrestore(&tbroken_hard_lock, flags);
	return 0;
}

static noinline long tbroken_evl_wait_irqs_off(void)
{
	unsigned long flags = hard_local_irq_save();
	long ret;

	ret = evl_wait_flag_timeout(&tbroken_never_flag, NSEC_PER_MSEC, EVL_REL); /* BROKEN */
	hard_local_irq_restore(flags);
	return ret;
}

/* ---- spinlock-oob ----------------------------------------------------------------------- */

static noinline long tbroken_spin_lock_oob(void)
{
	spin_lock(&tbroken_spinlock);					/* BROKEN */
	tbroken_dummy++;
	spin_unlock(&tbroken_spinlock);
	return 0;
}

static noinline long tbroken_raw_spin_lock_oob(void)
{
	raw_spin_lock(&tbroken_raw_spinlock);				/* BROKEN */
	tbroken_dummy++;
	raw_spin_unlock(&tbroken_raw_spinlock);
	return 0;
}

/* ---- return-locked (the violation is tbroken_oob_ioctl() returning) ---------------- */

static noinline long tbroken_hard_lock_return(void)
{
	unsigned long flags;

	raw_spin_lock_irqsave(&tbroken_return_lock, flags);
	tbroken_return_flags = flags;
	return 0;
}

static noinline long tbroken_hard_unlock(void)
{
	raw_spin_unlock_irqrestore(&tbroken_return_lock, tbroken_return_flags);
	return 0;
}

static noinline long tbroken_irqs_off_return(void)
{
	tbroken_irq_flags = hard_local_irq_save();
	return 0;
}

static noinline long tbroken_irqs_restore(void)
{
	hard_local_irq_restore(tbroken_irq_flags);
	return 0;
}

/* ---- evl-mutex-inband-switch (the violation is the caller's next in-band call) ------- */

static noinline long tbroken_kmutex_lock(void)
{
	return evl_lock_kmutex(&tbroken_kmutex);
}

static noinline long tbroken_kmutex_unlock(void)
{
	evl_unlock_kmutex(&tbroken_kmutex);
	return 0;
}

/* ---- kthread-context-only ---------------------------------------------------------------- */

static void tbroken_kthread_body(void *arg)
{
	while (!evl_kthread_should_stop())
		evl_sleep(NSEC_PER_MSEC);
}

static noinline long tbroken_kthread_start(void)
{
	int ret;

	if (tbroken_kthread_running)
		return -EBUSY;
	ret = evl_run_kthread(&tbroken_kthread, tbroken_kthread_body, NULL, 1,
			      EVL_CLONE_PRIVATE, "tbroken-kt");
	tbroken_kthread_running = !ret;
	return ret;
}

static noinline long tbroken_kthread_stop(void)
{
	if (!tbroken_kthread_running)
		return -ESRCH;
	evl_stop_kthread(&tbroken_kthread);				/* BROKEN */
	tbroken_kthread_running = false;
	return 0;
}

/* ---- legal ---------------------------------------------------------------------------- */

static void tbroken_work_handler(struct irq_work *work)
{
	atomic_inc(&tbroken_work_runs);
}

/* oob: only what an oob handler may use */
static noinline long tbroken_legal_oob(unsigned long arg)
{
	unsigned long flags;
	int val;

	raw_spin_lock_irqsave(&tbroken_hard_lock, flags);
	tbroken_dummy++;
	raw_spin_unlock_irqrestore(&tbroken_hard_lock, flags);
	val = atomic_inc_return(&tbroken_legal_count);
	if (raw_copy_to_user((int __user *)arg, &val, sizeof(val)))
		return -EFAULT;
	evl_raise_flag(&tbroken_legal_flag);
	irq_work_queue(&tbroken_work);
	return val;
}

/* in-band: in-band services, and the EVL services that do not block */
static noinline long tbroken_legal_inband(unsigned long arg)
{
	void *p = kmalloc(32, GFP_KERNEL);
	int val;

	if (!p)
		return -ENOMEM;
	kfree(p);
	mutex_lock(&tbroken_mutex);
	val = atomic_inc_return(&tbroken_legal_count);
	mutex_unlock(&tbroken_mutex);
	if (copy_to_user((int __user *)arg, &val, sizeof(val)))
		return -EFAULT;
	evl_raise_flag(&tbroken_legal_flag);
	complete(&tbroken_completion);
	return val;
}

/* ---- the device ------------------------------------------------------------------------ */

static int tbroken_open(struct inode *inode, struct file *filp)
{
	struct tbroken_file *tf = kzalloc(sizeof(*tf), GFP_KERNEL);

	if (!tf)
		return -ENOMEM;
	raw_spin_lock_init(&tf->lock);
	evl_open_file(&tf->efile, filp);
	filp->private_data = tf;
	return 0;
}

static int tbroken_release(struct inode *inode, struct file *filp)
{
	struct tbroken_file *tf = filp->private_data;
	struct tbroken_blob *blob, *next;

	evl_release_file(&tf->efile);
	for (blob = tf->blobs; blob; blob = next) {
		next = blob->next;
		kfree(blob);
	}
	kfree(tf);
	return 0;
}

static long tbroken_ioctl(struct file *filp, unsigned int cmd, unsigned long arg)
{
	switch (cmd) {
	case TBROKEN_IOC_NOP:
		return 0;
	case TBROKEN_IOC_WAIT_INBAND:
		return tbroken_wait_inband();
	case TBROKEN_IOC_TIMER_ARM:
		evl_start_timer(&tbroken_timer,
				evl_read_clock(&evl_mono_clock) + NSEC_PER_MSEC, EVL_INFINITE);
		return 0;
	case TBROKEN_IOC_TIMER_RUNS:
		return atomic_read(&tbroken_timer_runs);
	case TBROKEN_IOC_MSLEEP_HARD_LOCKED:
		return tbroken_msleep_hard_locked();
	case TBROKEN_IOC_KTHREAD_START:
		return tbroken_kthread_start();
	case TBROKEN_IOC_LEGAL_INBAND:
		return tbroken_legal_inband(arg);
	case TBROKEN_IOC_IRQ_WORK_RUNS:
		irq_work_sync(&tbroken_work);
		return atomic_read(&tbroken_work_runs);
	default:
		return -ENOTTY;
	}
}

static long tbroken_oob_ioctl(struct file *filp, unsigned int cmd, unsigned long arg)
{
	struct tbroken_file *tf = filp->private_data;

	switch (cmd) {
	case TBROKEN_IOC_NOP:
		return 0;
	case TBROKEN_IOC_KMALLOC_OOB:
		return tbroken_kmalloc_oob(tf);
	case TBROKEN_IOC_COPY_TO_USER_OOB:
		return tbroken_copy_to_user_oob(arg);
	case TBROKEN_IOC_COMPLETE_OOB:
		return tbroken_complete_oob();
	case TBROKEN_IOC_MSLEEP_OOB:
		return tbroken_msleep_oob();
	case TBROKEN_IOC_EVL_WAIT_IRQS_OFF:
		return tbroken_evl_wait_irqs_off();
	case TBROKEN_IOC_SPIN_LOCK_OOB:
		return tbroken_spin_lock_oob();
	case TBROKEN_IOC_RAW_SPIN_LOCK_OOB:
		return tbroken_raw_spin_lock_oob();
	case TBROKEN_IOC_HARD_LOCK_RETURN:
		return tbroken_hard_lock_return();
	case TBROKEN_IOC_HARD_UNLOCK:
		return tbroken_hard_unlock();
	case TBROKEN_IOC_IRQS_OFF_RETURN:
		return tbroken_irqs_off_return();
	case TBROKEN_IOC_IRQS_RESTORE:
		return tbroken_irqs_restore();
	case TBROKEN_IOC_KMUTEX_LOCK:
		return tbroken_kmutex_lock();
	case TBROKEN_IOC_KMUTEX_UNLOCK:
		return tbroken_kmutex_unlock();
	case TBROKEN_IOC_KTHREAD_STOP:
		return tbroken_kthread_stop();
	case TBROKEN_IOC_LEGAL_OOB:
		return tbroken_legal_oob(arg);
	case TBROKEN_IOC_WAIT_INBAND:
	case TBROKEN_IOC_TIMER_ARM:
	case TBROKEN_IOC_TIMER_RUNS:
	case TBROKEN_IOC_MSLEEP_HARD_LOCKED:
	case TBROKEN_IOC_KTHREAD_START:
	case TBROKEN_IOC_LEGAL_INBAND:
	case TBROKEN_IOC_IRQ_WORK_RUNS:
		return -EPERM;		/* in-band requests */
	default:
		return -ENOTTY;
	}
}

/*
 * return-locked through every other handler kind: oob_read() and read() return with
 * tbroken_return_lock held, oob_write() and write() with hard irqs off; a legal request
 * (HARD_UNLOCK, IRQS_RESTORE) undoes it.
 */
static ssize_t tbroken_oob_read(struct file *filp, char __user *buf, size_t count)
{
	return tbroken_hard_lock_return();
}

static ssize_t tbroken_oob_write(struct file *filp, const char __user *buf, size_t count)
{
	tbroken_irqs_off_return();
	return count;
}

static ssize_t tbroken_read(struct file *filp, char __user *buf, size_t count, loff_t *ppos)
{
	return tbroken_hard_lock_return();
}

static ssize_t tbroken_write(struct file *filp, const char __user *buf, size_t count,
			     loff_t *ppos)
{
	tbroken_irqs_off_return();
	return count;
}

static const struct file_operations tbroken_fops = {
	.owner		= THIS_MODULE,
	.open		= tbroken_open,
	.release	= tbroken_release,
	.read		= tbroken_read,
	.write		= tbroken_write,
	.unlocked_ioctl	= tbroken_ioctl,
	.oob_read	= tbroken_oob_read,
	.oob_write	= tbroken_oob_write,
	.oob_ioctl	= tbroken_oob_ioctl,
};

static struct miscdevice tbroken_misc = {
	.minor	= MISC_DYNAMIC_MINOR,
	.name	= "tbroken",
	.fops	= &tbroken_fops,
};

static int __init tbroken_init(void)
{
	int ret;

	atomic_set(&tbroken_timer_runs, 0);
	atomic_set(&tbroken_work_runs, 0);
	atomic_set(&tbroken_legal_count, 0);
	tbroken_kthread_running = false;
	init_completion(&tbroken_completion);
	evl_init_flag(&tbroken_never_flag);
	evl_init_flag(&tbroken_legal_flag);
	evl_init_kmutex(&tbroken_kmutex);
	evl_init_timer(&tbroken_timer, tbroken_timer_handler);
	init_irq_work(&tbroken_work, tbroken_work_handler);
	ret = misc_register(&tbroken_misc);
	if (ret) {
		evl_destroy_timer(&tbroken_timer);
		evl_destroy_kmutex(&tbroken_kmutex);
		evl_destroy_flag(&tbroken_legal_flag);
		evl_destroy_flag(&tbroken_never_flag);
	}
	return ret;
}
module_init(tbroken_init);

static void __exit tbroken_exit(void)
{
	misc_deregister(&tbroken_misc);
	if (tbroken_kthread_running) {
		evl_stop_kthread(&tbroken_kthread);
		tbroken_kthread_running = false;
	}
	evl_destroy_timer(&tbroken_timer);
	irq_work_sync(&tbroken_work);
	evl_destroy_kmutex(&tbroken_kmutex);
	evl_destroy_flag(&tbroken_legal_flag);
	evl_destroy_flag(&tbroken_never_flag);
}
module_exit(tbroken_exit);

MODULE_LICENSE("GPL");
MODULE_DESCRIPTION("evlsim test driver: one golden-rule violation per request");
