// SPDX-License-Identifier: GPL-2.0-only
/*
 * tproc: a driver for the process suite (see tproc-abi.h): waits that only a wake-up, a
 * signal or a cancellation ends, on both stages, and a per-open context, so that the
 * tests can see a thread cancelled in a call unwind it and a process exit release its
 * files.
 *
 *	fd = open("/dev/tproc", O_RDWR);
 *	oob_ioctl(fd, TPROC_OOB_WAIT);	// from an EVL thread: blocks
 *	ioctl(fd, TPROC_IOC_WAKE);	// from another one: it returns 0
 */
#include <linux/module.h>
#include <linux/moduleparam.h>
#include <linux/fs.h>
#include <linux/miscdevice.h>
#include <linux/slab.h>
#include <linux/atomic.h>
#include <linux/wait.h>
#include <linux/uaccess.h>
#include <evl/file.h>
#include <evl/clock.h>
#include <evl/wait.h>
#include <evl/stax.h>
#include <evl/xbuf.h>
#include <evl/uaccess.h>
#include "tproc-abi.h"

static int tag;
module_param(tag, int, 0444);
MODULE_PARM_DESC(tag, "a value given back by TPROC_IOC_STATS");

struct tproc_file {
	struct evl_file efile;
	char payload[64];		/* something to leak if ->release never ran */
};

static struct evl_wait_queue tproc_wq;
static struct evl_stax tproc_stax;
static DECLARE_WAIT_QUEUE_HEAD(tproc_inband_wq);
static atomic_t tproc_gen;
static int tproc_tokens;		/* under tproc_wq's lock */
static atomic_t tproc_opens, tproc_releases, tproc_waiting, tproc_ended, tproc_last;

static bool tproc_woken(int gen)
{
	return atomic_read(&tproc_gen) != gen;
}

static long tproc_end_wait(long ret)
{
	atomic_set(&tproc_last, (int)ret);
	atomic_inc(&tproc_ended);
	atomic_dec(&tproc_waiting);
	return ret;
}

/* oob */
static long tproc_oob_wait(void)
{
	int gen = atomic_read(&tproc_gen);

	atomic_inc(&tproc_waiting);
	return tproc_end_wait(evl_wait_event(&tproc_wq, tproc_woken(gen)));
}

/* tproc_wq's lock held */
static bool tproc_take(void)
{
	if (!tproc_tokens)
		return false;
	tproc_tokens--;
	return true;
}

/* oob */
static long tproc_oob_take(void)
{
	atomic_inc(&tproc_waiting);
	return tproc_end_wait(evl_wait_event(&tproc_wq, tproc_take()));
}

/* in-band */
static void tproc_post(void)
{
	unsigned long flags;

	raw_spin_lock_irqsave(&tproc_wq.wchan.lock, flags);
	tproc_tokens++;
	evl_wake_up_head(&tproc_wq);
	raw_spin_unlock_irqrestore(&tproc_wq.wchan.lock, flags);
	evl_schedule();
}

/* in-band */
static long tproc_inband_wait(void)
{
	int gen = atomic_read(&tproc_gen);

	atomic_inc(&tproc_waiting);
	return tproc_end_wait(wait_event_interruptible(tproc_inband_wq, tproc_woken(gen)));
}

/* either stage: the kernel side of an xbuf the program passed by descriptor */
static long tproc_xbuf(unsigned long arg, bool write, bool oob)
{
	struct tproc_xbuf_req req;
	char kbuf[TPROC_XBUF_MAX];
	struct evl_file *efilp;
	struct evl_xbuf *xbuf;
	long ret;

	if ((oob ? raw_copy_from_user(&req, (void __user *)arg, sizeof(req)) :
		   copy_from_user(&req, (void __user *)arg, sizeof(req))))
		return -EFAULT;
	if (req.len > sizeof(kbuf))
		return -EINVAL;
	if (write && raw_copy_from_user(kbuf, evl_valptr64(req.buf, void), req.len))
		return -EFAULT;
	xbuf = evl_get_xbuf(req.xfd, &efilp);
	if (!xbuf)
		return -EBADF;
	if (write)
		ret = evl_write_xbuf(xbuf, kbuf, req.len, (int)req.flags);
	else
		ret = evl_read_xbuf(xbuf, kbuf, req.len, (int)req.flags);
	evl_put_xbuf(efilp);
	if (!write && ret > 0 && raw_copy_to_user(evl_valptr64(req.buf, void), kbuf, ret))
		return -EFAULT;
	return ret;
}

/* in-band */
static long tproc_ioctl(struct file *filp, unsigned int cmd, unsigned long arg)
{
	struct tproc_stats st;

	switch (cmd) {
	case TPROC_IOC_WAIT:
		return tproc_inband_wait();
	case TPROC_IOC_WAKE:
		atomic_inc(&tproc_gen);
		evl_flush_wait(&tproc_wq, 0);
		wake_up_interruptible(&tproc_inband_wq);
		return 0;
	case TPROC_IOC_POST:
		tproc_post();
		return 0;
	case TPROC_IOC_XBUF_WRITE:
	case TPROC_IOC_XBUF_READ:
		return tproc_xbuf(arg, cmd == TPROC_IOC_XBUF_WRITE, false);
	case TPROC_IOC_STAX_LOCK:
		return evl_lock_stax(&tproc_stax);
	case TPROC_IOC_STAX_UNLOCK:
		evl_unlock_stax(&tproc_stax);
		return 0;
	case TPROC_IOC_STATS:
		memset(&st, 0, sizeof(st));
		st.opens = atomic_read(&tproc_opens);
		st.releases = atomic_read(&tproc_releases);
		st.waiting = atomic_read(&tproc_waiting);
		st.waits_ended = atomic_read(&tproc_ended);
		st.last_result = atomic_read(&tproc_last);
		st.tag = tag;
		return copy_to_user((void __user *)arg, &st, sizeof(st)) ? -EFAULT : 0;
	default:
		return -ENOTTY;
	}
}

/* oob */
static long tproc_oob_ioctl(struct file *filp, unsigned int cmd, unsigned long arg)
{
	long ret;

	switch (cmd) {
	case TPROC_OOB_WAIT:
		return tproc_oob_wait();
	case TPROC_OOB_TAKE:
		return tproc_oob_take();
	case TPROC_OOB_XBUF_WRITE:
	case TPROC_OOB_XBUF_READ:
		return tproc_xbuf(arg, cmd == TPROC_OOB_XBUF_WRITE, true);
	case TPROC_OOB_STAX:
		ret = evl_lock_stax(&tproc_stax);
		if (!ret)
			evl_unlock_stax(&tproc_stax);
		return ret;
	default:
		return -ENOTTY;
	}
}

/* in-band */
static ssize_t tproc_read(struct file *filp, char __user *buf, size_t count, loff_t *ppos)
{
	long ret = tproc_inband_wait();

	return ret ? ret : 0;
}

/* oob */
static ssize_t tproc_oob_read(struct file *filp, char __user *buf, size_t count)
{
	long ret = tproc_oob_wait();

	return ret ? ret : 0;
}

/* in-band */
static int tproc_open(struct inode *inode, struct file *filp)
{
	struct tproc_file *tf;

	tf = kzalloc(sizeof(*tf), GFP_KERNEL);
	if (!tf)
		return -ENOMEM;
	evl_open_file(&tf->efile, filp);
	filp->private_data = tf;
	atomic_inc(&tproc_opens);
	return 0;
}

/* in-band */
static int tproc_release(struct inode *inode, struct file *filp)
{
	struct tproc_file *tf = filp->private_data;

	evl_release_file(&tf->efile);
	kfree(tf);
	atomic_inc(&tproc_releases);
	pr_info("tproc: released a file\n");
	return 0;
}

static const struct file_operations tproc_fops = {
	.owner		= THIS_MODULE,
	.open		= tproc_open,
	.release	= tproc_release,
	.read		= tproc_read,
	.oob_read	= tproc_oob_read,
	.unlocked_ioctl	= tproc_ioctl,
	.oob_ioctl	= tproc_oob_ioctl,
};

static struct miscdevice tproc_misc = {
	.minor	= MISC_DYNAMIC_MINOR,
	.name	= "tproc",
	.fops	= &tproc_fops,
};

static int __init tproc_init(void)
{
	int ret;

	atomic_set(&tproc_opens, 0);
	atomic_set(&tproc_releases, 0);
	atomic_set(&tproc_waiting, 0);
	atomic_set(&tproc_ended, 0);
	atomic_set(&tproc_last, 0);
	tproc_tokens = 0;
	evl_init_wait(&tproc_wq, &evl_mono_clock, EVL_WAIT_PRIO);
	evl_init_stax(&tproc_stax, 0);
	ret = misc_register(&tproc_misc);
	if (ret) {
		evl_destroy_stax(&tproc_stax);
		evl_destroy_wait(&tproc_wq);
	}
	return ret;
}
module_init(tproc_init);

static void __exit tproc_exit(void)
{
	misc_deregister(&tproc_misc);
	evl_destroy_stax(&tproc_stax);
	evl_destroy_wait(&tproc_wq);
}
module_exit(tproc_exit);

MODULE_LICENSE("GPL");
MODULE_DESCRIPTION("evlsim test driver: waits a cancellation or an exit ends, per-open contexts");
