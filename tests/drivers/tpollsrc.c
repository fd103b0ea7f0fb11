// SPDX-License-Identifier: MIT
/*
 * tpollsrc: an out-of-band event source for the poll tests (see tpollsrc-abi.h). The
 * per-open context has several poll heads and a readiness mask: ->oob_poll() connects
 * the poller to some of the heads, then reports the mask; TPS_IOC_SIGNAL notifies one
 * head as a driver does when its state changes.
 *
 *	fd = open("/dev/tpollsrc", O_RDWR);
 *	evl_add_pollfd(efd, fd, POLLIN, evl_nil);
 *	ioctl(fd, TPS_IOC_SET_READY, POLLIN);		(or TPS_IOC_SIGNAL)
 *	evl_poll(efd, set, 1);
 */
#include <linux/module.h>
#include <linux/fs.h>
#include <linux/miscdevice.h>
#include <linux/slab.h>
#include <linux/uaccess.h>
#include <linux/spinlock.h>
#include <linux/compat.h>
#include <evl/file.h>
#include <evl/poll.h>
#include "tpollsrc-abi.h"

struct tps_file {
	struct evl_file efile;
	struct evl_poll_head heads[TPS_NR_HEADS];
	hard_spinlock_t lock;		/* guards the fields below */
	unsigned int ready;
	unsigned int nr_watch;
	bool dup;
};

static atomic_t tps_unwatched;

/* in-band */
static int tps_open(struct inode *inode, struct file *filp)
{
	struct tps_file *tf;
	int i;

	tf = kzalloc(sizeof(*tf), GFP_KERNEL);
	if (!tf)
		return -ENOMEM;
	for (i = 0; i < TPS_NR_HEADS; i++)
		evl_init_poll_head(&tf->heads[i]);
	raw_spin_lock_init(&tf->lock);
	tf->nr_watch = 1;
	evl_open_file(&tf->efile, filp);
	filp->private_data = tf;
	return stream_open(inode, filp);
}

/* in-band */
static int tps_release(struct inode *inode, struct file *filp)
{
	struct tps_file *tf = filp->private_data;

	evl_release_file(&tf->efile);
	kfree(tf);
	return 0;
}

/* oob, head->lock not held */
static void tps_unwatch(struct evl_poll_head *head)
{
	atomic_inc(&tps_unwatched);
}

/* oob */
static __poll_t tps_oob_poll(struct file *filp, struct oob_poll_wait *wait)
{
	struct tps_file *tf = filp->private_data;
	unsigned int i, nr, ready;
	unsigned long flags;
	bool dup;

	raw_spin_lock_irqsave(&tf->lock, flags);
	nr = tf->nr_watch;
	dup = tf->dup;
	raw_spin_unlock_irqrestore(&tf->lock, flags);

	for (i = 0; i < nr; i++)
		evl_poll_watch(&tf->heads[i], wait, tps_unwatch);
	if (dup)
		evl_poll_watch(&tf->heads[0], wait, tps_unwatch);

	/* connected first, then sampled: a change from now on is signaled */
	raw_spin_lock_irqsave(&tf->lock, flags);
	ready = tf->ready;
	raw_spin_unlock_irqrestore(&tf->lock, flags);

	return (__force __poll_t)ready;
}

/* caller holds head->lock */
static int tps_count_watchers(struct evl_poll_head *head)
{
	struct list_head *pos;
	int n = 0;

	list_for_each(pos, &head->watchpoints)
		n++;
	return n;
}

/* any stage */
static long tps_do_ioctl(struct file *filp, unsigned int cmd, unsigned long arg, bool oob)
{
	struct tps_file *tf = filp->private_data;
	struct tps_signal sig;
	struct tps_watch w;
	unsigned long flags;
	int n;

	switch (cmd) {
	case TPS_IOC_SET_READY:
		raw_spin_lock_irqsave(&tf->lock, flags);
		tf->ready = (unsigned int)arg;
		raw_spin_unlock_irqrestore(&tf->lock, flags);
		return 0;
	case TPS_IOC_SIGNAL:
		if (raw_copy_from_user(&sig, (void __user *)arg, sizeof(sig)))
			return -EFAULT;
		if (sig.head >= TPS_NR_HEADS)
			return -EINVAL;
		evl_signal_poll_events(&tf->heads[sig.head], sig.events);
		evl_schedule();
		return 0;
	case TPS_IOC_SET_WATCH:
		if (oob)
			return -ENOTTY;
		if (copy_from_user(&w, (void __user *)arg, sizeof(w)))
			return -EFAULT;
		if (w.nr_heads > TPS_NR_HEADS)
			return -EINVAL;
		raw_spin_lock_irqsave(&tf->lock, flags);
		tf->nr_watch = w.nr_heads;
		tf->dup = !!w.dup;
		raw_spin_unlock_irqrestore(&tf->lock, flags);
		return 0;
	case TPS_IOC_WATCHERS:
		if (arg >= TPS_NR_HEADS)
			return -EINVAL;
		raw_spin_lock_irqsave(&tf->heads[arg].lock, flags);
		n = tps_count_watchers(&tf->heads[arg]);
		raw_spin_unlock_irqrestore(&tf->heads[arg].lock, flags);
		return n;
	case TPS_IOC_UNWATCHED:
		return atomic_read(&tps_unwatched);
	default:
		return -ENOTTY;
	}
}

static long tps_ioctl(struct file *filp, unsigned int cmd, unsigned long arg)
{
	return tps_do_ioctl(filp, cmd, arg, false);
}

static long tps_oob_ioctl(struct file *filp, unsigned int cmd, unsigned long arg)
{
	return tps_do_ioctl(filp, cmd, arg, true);
}

static const struct file_operations tps_fops = {
	.owner		= THIS_MODULE,
	.open		= tps_open,
	.release	= tps_release,
	.unlocked_ioctl	= tps_ioctl,
	.oob_ioctl	= tps_oob_ioctl,
	.oob_poll	= tps_oob_poll,
#ifdef CONFIG_COMPAT
	.compat_ioctl	= compat_ptr_ioctl,
	.compat_oob_ioctl = compat_ptr_oob_ioctl,
#endif
};

/* the same, without ->oob_poll(): the poll group assumes the default readiness */
static const struct file_operations tps_nopoll_fops = {
	.owner		= THIS_MODULE,
	.open		= tps_open,
	.release	= tps_release,
	.unlocked_ioctl	= tps_ioctl,
	.oob_ioctl	= tps_oob_ioctl,
};

static struct miscdevice tps_misc = {
	.minor	= MISC_DYNAMIC_MINOR,
	.name	= "tpollsrc",
	.fops	= &tps_fops,
};

static struct miscdevice tps_nopoll_misc = {
	.minor	= MISC_DYNAMIC_MINOR,
	.name	= "tpollsrc-nopoll",
	.fops	= &tps_nopoll_fops,
};

static int __init tps_init(void)
{
	int ret;

	atomic_set(&tps_unwatched, 0);
	ret = misc_register(&tps_misc);
	if (ret)
		return ret;
	ret = misc_register(&tps_nopoll_misc);
	if (ret)
		misc_deregister(&tps_misc);
	return ret;
}
module_init(tps_init);

static void __exit tps_exit(void)
{
	misc_deregister(&tps_nopoll_misc);
	misc_deregister(&tps_misc);
}
module_exit(tps_exit);

MODULE_LICENSE("Dual MIT/GPL");
MODULE_DESCRIPTION("evlsim test driver: an out-of-band poll event source");
