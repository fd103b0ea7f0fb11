// SPDX-License-Identifier: GPL-2.0-only
/*
 * testdrv: the driver the test suites route calls to. One node per routing situation
 * (see testdrv-abi.h); every handler's result can be forced, so that tests can check how
 * the simulator passes through or translates what a driver returns.
 */
#include <linux/module.h>
#include <linux/fs.h>
#include <linux/cdev.h>
#include <linux/device.h>
#include <linux/miscdevice.h>
#include <linux/slab.h>
#include <linux/uaccess.h>
#include <linux/spinlock.h>
#include <linux/compat.h>
#include <evl/file.h>
#include "testdrv-abi.h"

struct tdrv_stats_k {
	atomic_long_t opens;
	atomic_long_t releases;
	atomic_long_t flushes;
	atomic_long_t in_handler;
	atomic_long_t released_while_in_handler;
};

struct tdrv_stats {
	long opens;
	long releases;
	long flushes;
	long in_handler;
	long released_while_in_handler;
};

static struct tdrv_stats_k tdrv_stats;
static atomic_t tdrv_unhold_gen;

struct tdrv_file {
	struct evl_file efile;
	bool oob;			/* evl_open_file() was called */
	bool release_evl;		/* ->release calls evl_release_file() */
	atomic_t releasing;
	bool forced[TDRV_OP_NR];
	long result[TDRV_OP_NR];
};

enum tdrv_kind { TDRV_FULL, TDRV_NOOOB, TDRV_INBAND, TDRV_NOREL, TDRV_NR };

static const char *const tdrv_names[TDRV_NR] = {
	[TDRV_FULL] = "tdrv-full",
	[TDRV_NOOOB] = "tdrv-nooob",
	[TDRV_INBAND] = "tdrv-inband",
	[TDRV_NOREL] = "tdrv-norel",
};

static dev_t tdrv_devt;
static struct class *tdrv_class;
static struct cdev tdrv_cdev[TDRV_NR];
static long tdrv_open_result;		/* next open returns this if non-zero */

void tdrv_get_stats(struct tdrv_stats *stats);
void tdrv_reset_stats(void);
void tdrv_force_open_result(long value);

void tdrv_get_stats(struct tdrv_stats *stats)
{
	stats->opens = atomic_long_read(&tdrv_stats.opens);
	stats->releases = atomic_long_read(&tdrv_stats.releases);
	stats->flushes = atomic_long_read(&tdrv_stats.flushes);
	stats->in_handler = atomic_long_read(&tdrv_stats.in_handler);
	stats->released_while_in_handler =
		atomic_long_read(&tdrv_stats.released_while_in_handler);
}

void tdrv_reset_stats(void)
{
	atomic_long_set(&tdrv_stats.opens, 0);
	atomic_long_set(&tdrv_stats.releases, 0);
	atomic_long_set(&tdrv_stats.flushes, 0);
	atomic_long_set(&tdrv_stats.in_handler, 0);
	atomic_long_set(&tdrv_stats.released_while_in_handler, 0);
}

void tdrv_force_open_result(long value)
{
	WRITE_ONCE(tdrv_open_result, value);
}

/* in-band */
static int tdrv_open(struct inode *inode, struct file *filp)
{
	unsigned int kind = MINOR(inode->i_rdev);
	struct tdrv_file *tf;
	long forced = READ_ONCE(tdrv_open_result);

	if (forced)
		return (int)forced;
	if (kind >= TDRV_NR)		/* the misc node */
		kind = TDRV_FULL;
	tf = kzalloc(sizeof(*tf), GFP_KERNEL);
	if (!tf)
		return -ENOMEM;
	tf->oob = kind != TDRV_INBAND;
	tf->release_evl = kind != TDRV_NOREL;
	if (tf->oob)
		evl_open_file(&tf->efile, filp);
	filp->private_data = tf;
	atomic_long_inc(&tdrv_stats.opens);
	return 0;
}

/* in-band */
static int tdrv_flush(struct file *filp, fl_owner_t id)
{
	atomic_long_inc(&tdrv_stats.flushes);
	return 0;
}

/* in-band */
static int tdrv_release(struct inode *inode, struct file *filp)
{
	struct tdrv_file *tf = filp->private_data;

	atomic_set(&tf->releasing, 1);
	if (tf->oob && tf->release_evl) {
		evl_release_file(&tf->efile);
		if (atomic_long_read(&tdrv_stats.in_handler))
			atomic_long_inc(&tdrv_stats.released_while_in_handler);
	}
	atomic_long_inc(&tdrv_stats.releases);
	if (tf->release_evl)
		kfree(tf);
	/* tdrv-norel leaks its context on purpose: oob callers may still use it */
	return 0;
}

static bool tdrv_forced(struct tdrv_file *tf, int op, long *ret)
{
	if (!tf->forced[op])
		return false;
	*ret = tf->result[op];
	return true;
}

static ssize_t tdrv_do_read(struct tdrv_file *tf, int op, char __user *buf, size_t count)
{
	static const char msg[8] = "testdrv!";
	long ret;

	if (tdrv_forced(tf, op, &ret))
		return ret;
	count = min(count, sizeof(msg));
	if (raw_copy_to_user(buf, msg, count))
		return -EFAULT;
	return count;
}

/* any stage */
static long tdrv_do_ioctl(struct file *filp, int op, unsigned int cmd, unsigned long arg,
			  bool oob)
{
	struct tdrv_file *tf = filp->private_data;
	struct tdrv_result res;
	long ret;
	int gen;

	if (cmd != TDRV_IOC_SET_RESULT && tdrv_forced(tf, op, &ret))
		return ret;

	switch (cmd) {
	case TDRV_IOC_SET_RESULT:
		if (raw_copy_from_user(&res, (void __user *)arg, sizeof(res)))
			return -EFAULT;
		if (res.op >= TDRV_OP_NR)
			return -EINVAL;
		if (res.op == TDRV_OP_OPEN) {
			tdrv_force_open_result(res.set ? res.value : 0);
			return 0;
		}
		tf->forced[res.op] = !!res.set;
		tf->result[res.op] = res.value;
		return 0;
	case TDRV_IOC_PING:
		return oob;
	case TDRV_IOC_COMPAT:
		return in_compat_syscall();
	case TDRV_IOC_UNHOLD:
		atomic_inc(&tdrv_unhold_gen);
		return 0;
	case TDRV_IOC_HOLD:
		if (!oob)
			return -ENOIOCTLCMD;
		gen = atomic_read(&tdrv_unhold_gen);
		while (atomic_read(&tdrv_unhold_gen) == gen) {
			if (atomic_read(&tf->releasing))
				return -EIDRM;
			cpu_relax();
		}
		return 0;
	default:
		return -ENOIOCTLCMD;
	}
}

static ssize_t tdrv_read(struct file *filp, char __user *buf, size_t count, loff_t *ppos)
{
	return tdrv_do_read(filp->private_data, TDRV_OP_READ, buf, count);
}

static ssize_t tdrv_write(struct file *filp, const char __user *buf, size_t count,
			  loff_t *ppos)
{
	long ret;

	if (tdrv_forced(filp->private_data, TDRV_OP_WRITE, &ret))
		return ret;
	return count;
}

static long tdrv_ioctl(struct file *filp, unsigned int cmd, unsigned long arg)
{
	return tdrv_do_ioctl(filp, TDRV_OP_IOCTL, cmd, arg, false);
}

static long tdrv_compat_ioctl(struct file *filp, unsigned int cmd, unsigned long arg)
{
	long ret = tdrv_do_ioctl(filp, TDRV_OP_COMPAT_IOCTL, cmd, arg, false);

	return cmd == TDRV_IOC_PING && ret >= 0 ? 32 + ret : ret;
}

/* oob: the in_handler count lets tests see when a handler is running */
static ssize_t tdrv_oob_read(struct file *filp, char __user *buf, size_t count)
{
	ssize_t ret;

	atomic_long_inc(&tdrv_stats.in_handler);
	ret = tdrv_do_read(filp->private_data, TDRV_OP_OOB_READ, buf, count);
	atomic_long_dec(&tdrv_stats.in_handler);
	return ret;
}

static ssize_t tdrv_oob_write(struct file *filp, const char __user *buf, size_t count)
{
	long ret = count;

	atomic_long_inc(&tdrv_stats.in_handler);
	tdrv_forced(filp->private_data, TDRV_OP_OOB_WRITE, &ret);
	atomic_long_dec(&tdrv_stats.in_handler);
	return ret;
}

static long tdrv_oob_ioctl(struct file *filp, unsigned int cmd, unsigned long arg)
{
	long ret;

	atomic_long_inc(&tdrv_stats.in_handler);
	ret = tdrv_do_ioctl(filp, TDRV_OP_OOB_IOCTL, cmd, arg, true);
	atomic_long_dec(&tdrv_stats.in_handler);
	return ret;
}

static long tdrv_compat_oob_ioctl(struct file *filp, unsigned int cmd, unsigned long arg)
{
	long ret;

	atomic_long_inc(&tdrv_stats.in_handler);
	ret = tdrv_do_ioctl(filp, TDRV_OP_COMPAT_OOB_IOCTL, cmd, arg, true);
	atomic_long_dec(&tdrv_stats.in_handler);
	return cmd == TDRV_IOC_PING && ret >= 0 ? 32 + ret : ret;
}

static const struct file_operations tdrv_full_fops = {
	.owner		= THIS_MODULE,
	.open		= tdrv_open,
	.flush		= tdrv_flush,
	.release	= tdrv_release,
	.read		= tdrv_read,
	.write		= tdrv_write,
	.unlocked_ioctl	= tdrv_ioctl,
	.compat_ioctl	= tdrv_compat_ioctl,
	.oob_read	= tdrv_oob_read,
	.oob_write	= tdrv_oob_write,
	.oob_ioctl	= tdrv_oob_ioctl,
	.compat_oob_ioctl = tdrv_compat_oob_ioctl,
};

/* oob-capable, without a single oob handler, nor compat handlers */
static const struct file_operations tdrv_nooob_fops = {
	.owner		= THIS_MODULE,
	.open		= tdrv_open,
	.release	= tdrv_release,
	.read		= tdrv_read,
	.write		= tdrv_write,
	.unlocked_ioctl	= tdrv_ioctl,
};

static struct miscdevice tdrv_misc = {
	.minor	= MISC_DYNAMIC_MINOR,
	.name	= "tdrv-misc",
	.fops	= &tdrv_full_fops,
};

static int __init tdrv_init(void)
{
	int ret, i;

	tdrv_class = class_create("testdrv");
	if (IS_ERR(tdrv_class))
		return PTR_ERR(tdrv_class);
	ret = alloc_chrdev_region(&tdrv_devt, 0, TDRV_NR, "testdrv");
	if (ret)
		goto fail_region;
	for (i = 0; i < TDRV_NR; i++) {
		struct device *dev;

		cdev_init(&tdrv_cdev[i], i == TDRV_NOOOB ? &tdrv_nooob_fops : &tdrv_full_fops);
		tdrv_cdev[i].owner = THIS_MODULE;
		ret = cdev_add(&tdrv_cdev[i], MKDEV(MAJOR(tdrv_devt), i), 1);
		if (ret)
			goto fail_dev;
		dev = device_create(tdrv_class, NULL, MKDEV(MAJOR(tdrv_devt), i), NULL,
				    "%s", tdrv_names[i]);
		if (IS_ERR(dev)) {
			cdev_del(&tdrv_cdev[i]);
			ret = PTR_ERR(dev);
			goto fail_dev;
		}
	}
	ret = misc_register(&tdrv_misc);
	if (ret)
		goto fail_dev;
	return 0;

fail_dev:
	while (--i >= 0) {
		device_destroy(tdrv_class, MKDEV(MAJOR(tdrv_devt), i));
		cdev_del(&tdrv_cdev[i]);
	}
	unregister_chrdev_region(tdrv_devt, TDRV_NR);
fail_region:
	class_destroy(tdrv_class);
	return ret;
}
module_init(tdrv_init);

static void __exit tdrv_exit(void)
{
	int i;

	misc_deregister(&tdrv_misc);
	for (i = 0; i < TDRV_NR; i++) {
		device_destroy(tdrv_class, MKDEV(MAJOR(tdrv_devt), i));
		cdev_del(&tdrv_cdev[i]);
	}
	unregister_chrdev_region(tdrv_devt, TDRV_NR);
	class_destroy(tdrv_class);
}
module_exit(tdrv_exit);

MODULE_LICENSE("GPL");
MODULE_DESCRIPTION("evlsim test driver: one node per routing situation");
