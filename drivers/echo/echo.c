// SPDX-License-Identifier: GPL-2.0-only
/*
 * echo: a message buffer that can be written and read back from both execution stages.
 *
 * Each open file has its own buffer of `size` bytes (module parameter, default 4096). A
 * write, in-band (write(2)) or out-of-band (oob_write()), replaces the message; a read,
 * from either stage, returns it and empties the buffer, or returns 0 when it is empty
 * (-EAGAIN with O_NONBLOCK). A write larger than the buffer fails with -EFBIG. The ioctls
 * in echo-abi.h work from both stages, except ECHO_IOC_HOLD, which only exists oob.
 *
 *	int fd = open("/dev/echo", O_RDWR);
 *	evl_attach_self("app:%d", getpid());
 *	oob_write(fd, "ping", 4);		// out-of-band
 *	read(fd, buf, sizeof(buf));		// in-band: "ping"
 *	close(fd);
 */
#include <linux/module.h>
#include <linux/fs.h>
#include <linux/cdev.h>
#include <linux/device.h>
#include <linux/slab.h>
#include <linux/uaccess.h>
#include <linux/spinlock.h>
#include <linux/ktime.h>
#include <linux/compat.h>
#include <evl/file.h>
#include "echo-abi.h"

static unsigned int size = 4096;
module_param(size, uint, 0444);
MODULE_PARM_DESC(size, "capacity of the message buffer of each open file, in bytes");

struct echo_context {
	struct evl_file efile;
	hard_spinlock_t lock;		/* guards cur, len, the counters and the hold state */
	hard_spinlock_t wlock;		/* serializes oob writers filling the spare buffer */
	unsigned int cur;		/* index of the buffer holding the message */
	size_t len;
	u64 writes;
	u64 reads;
	unsigned int hold_gen;		/* bumped by ECHO_IOC_UNHOLD */
	bool releasing;			/* echo_release() started */
	char *bufs[2];			/* the message and a spare, @size bytes each */
};

static dev_t echo_devt;
static struct class *echo_class;
static struct cdev echo_cdev;

/* in-band */
static int echo_open(struct inode *inode, struct file *filp)
{
	struct echo_context *ctx;
	int ret;

	ctx = kzalloc(sizeof(*ctx), GFP_KERNEL);
	if (!ctx)
		return -ENOMEM;
	ctx->bufs[0] = kmalloc(size, GFP_KERNEL);
	ctx->bufs[1] = kmalloc(size, GFP_KERNEL);
	if (!ctx->bufs[0] || !ctx->bufs[1]) {
		ret = -ENOMEM;
		goto fail;
	}
	raw_spin_lock_init(&ctx->lock);
	raw_spin_lock_init(&ctx->wlock);

	ret = evl_open_file(&ctx->efile, filp);
	if (ret)
		goto fail;
	filp->private_data = ctx;

	return stream_open(inode, filp);
fail:
	kfree(ctx->bufs[1]);
	kfree(ctx->bufs[0]);
	kfree(ctx);
	return ret;
}

/* in-band: stop the holders, wait for every oob caller to leave, then free */
static int echo_release(struct inode *inode, struct file *filp)
{
	struct echo_context *ctx = filp->private_data;
	unsigned long flags;

	raw_spin_lock_irqsave(&ctx->lock, flags);
	ctx->releasing = true;
	raw_spin_unlock_irqrestore(&ctx->lock, flags);

	evl_release_file(&ctx->efile);

	kfree(ctx->bufs[1]);
	kfree(ctx->bufs[0]);
	kfree(ctx);

	return 0;
}

static ssize_t echo_empty(struct file *filp)
{
	return filp->f_flags & O_NONBLOCK ? -EAGAIN : 0;
}

/*
 * oob: the message is copied out under the lock (user memory is locked by libevl, so the
 * raw copy does not fault in practice); a failed copy leaves the message in place.
 */
static ssize_t echo_oob_read(struct file *filp, char __user *u_buf, size_t count)
{
	struct echo_context *ctx = filp->private_data;
	unsigned long flags;
	ssize_t ret;

	raw_spin_lock_irqsave(&ctx->lock, flags);
	if (!ctx->len) {
		raw_spin_unlock_irqrestore(&ctx->lock, flags);
		return echo_empty(filp);
	}
	ret = min(count, ctx->len);
	if (raw_copy_to_user(u_buf, ctx->bufs[ctx->cur], ret)) {
		ret = -EFAULT;
	} else {
		ctx->len = 0;
		ctx->reads++;
	}
	raw_spin_unlock_irqrestore(&ctx->lock, flags);

	return ret;
}

/* oob: fill the spare buffer, then make it current; a failed copy changes nothing */
static ssize_t echo_oob_write(struct file *filp, const char __user *u_buf, size_t count)
{
	struct echo_context *ctx = filp->private_data;
	unsigned long flags, wflags;
	unsigned int spare;

	if (count > size)
		return -EFBIG;

	raw_spin_lock_irqsave(&ctx->wlock, wflags);
	spare = !READ_ONCE(ctx->cur);
	if (raw_copy_from_user(ctx->bufs[spare], u_buf, count)) {
		raw_spin_unlock_irqrestore(&ctx->wlock, wflags);
		return -EFAULT;
	}
	raw_spin_lock_irqsave(&ctx->lock, flags);
	ctx->cur = spare;
	ctx->len = count;
	ctx->writes++;
	raw_spin_unlock_irqrestore(&ctx->lock, flags);
	raw_spin_unlock_irqrestore(&ctx->wlock, wflags);

	return count;
}

/* in-band: copy_to_user() may fault and sleep, so never under a hard lock */
static ssize_t echo_read(struct file *filp, char __user *u_buf, size_t count, loff_t *ppos)
{
	struct echo_context *ctx = filp->private_data;
	unsigned long flags;
	size_t len;
	char *msg;

	msg = kmalloc(size, GFP_KERNEL);
	if (!msg)
		return -ENOMEM;

	raw_spin_lock_irqsave(&ctx->lock, flags);
	len = ctx->len;
	memcpy(msg, ctx->bufs[ctx->cur], len);
	ctx->len = 0;
	if (len)
		ctx->reads++;
	raw_spin_unlock_irqrestore(&ctx->lock, flags);

	if (!len) {
		kfree(msg);
		return echo_empty(filp);
	}
	count = min(count, len);
	if (copy_to_user(u_buf, msg, count)) {
		/* put the message back, unless a new one came in meanwhile */
		raw_spin_lock_irqsave(&ctx->lock, flags);
		if (!ctx->len) {
			memcpy(ctx->bufs[ctx->cur], msg, len);
			ctx->len = len;
			ctx->reads--;
		}
		raw_spin_unlock_irqrestore(&ctx->lock, flags);
		kfree(msg);
		return -EFAULT;
	}
	kfree(msg);

	return count;
}

/* in-band */
static ssize_t echo_write(struct file *filp, const char __user *u_buf, size_t count,
			  loff_t *ppos)
{
	struct echo_context *ctx = filp->private_data;
	unsigned long flags, wflags;
	char *msg;

	if (count > size)
		return -EFBIG;

	msg = memdup_user(u_buf, count);
	if (IS_ERR(msg))
		return PTR_ERR(msg);

	raw_spin_lock_irqsave(&ctx->wlock, wflags);
	raw_spin_lock_irqsave(&ctx->lock, flags);
	memcpy(ctx->bufs[ctx->cur], msg, count);
	ctx->len = count;
	ctx->writes++;
	raw_spin_unlock_irqrestore(&ctx->lock, flags);
	raw_spin_unlock_irqrestore(&ctx->wlock, wflags);
	kfree(msg);

	return count;
}

/* any stage */
static void echo_get_info(struct echo_context *ctx, struct echo_info *info)
{
	unsigned long flags;

	raw_spin_lock_irqsave(&ctx->lock, flags);
	info->size = size;
	info->len = ctx->len;
	info->writes = ctx->writes;
	info->reads = ctx->reads;
	raw_spin_unlock_irqrestore(&ctx->lock, flags);
}

/* any stage: the requests both ioctl paths share; -ENOIOCTLCMD for the others */
static long echo_common_ioctl(struct echo_context *ctx, unsigned int cmd)
{
	unsigned long flags;

	switch (cmd) {
	case ECHO_IOC_CLEAR:
		raw_spin_lock_irqsave(&ctx->lock, flags);
		ctx->len = 0;
		raw_spin_unlock_irqrestore(&ctx->lock, flags);
		return 0;
	case ECHO_IOC_UNHOLD:
		raw_spin_lock_irqsave(&ctx->lock, flags);
		ctx->hold_gen++;
		raw_spin_unlock_irqrestore(&ctx->lock, flags);
		return 0;
	default:
		return -ENOIOCTLCMD;
	}
}

/* in-band */
static long echo_ioctl(struct file *filp, unsigned int cmd, unsigned long arg)
{
	struct echo_context *ctx = filp->private_data;
	struct echo_info info;

	if (cmd == ECHO_IOC_GET_INFO) {
		echo_get_info(ctx, &info);
		return copy_to_user((void __user *)arg, &info, sizeof(info)) ? -EFAULT : 0;
	}
	return echo_common_ioctl(ctx, cmd);
}

/*
 * oob: spin until unheld, released or timed out. The release side sets ->releasing
 * under the lock, then evl_release_file() waits for us to leave.
 */
static long echo_hold(struct echo_context *ctx, u32 msecs)
{
	ktime_t deadline = ktime_add_ms(ktime_get(), msecs);
	unsigned long flags;
	unsigned int gen;
	long ret;

	raw_spin_lock_irqsave(&ctx->lock, flags);
	gen = ctx->hold_gen;
	raw_spin_unlock_irqrestore(&ctx->lock, flags);

	for (;;) {
		raw_spin_lock_irqsave(&ctx->lock, flags);
		if (ctx->releasing)
			ret = -EIDRM;
		else if (ctx->hold_gen != gen)
			ret = 0;
		else if (ktime_after(ktime_get(), deadline))
			ret = -ETIMEDOUT;
		else
			ret = 1;
		raw_spin_unlock_irqrestore(&ctx->lock, flags);
		if (ret <= 0)
			return ret;
		cpu_relax();
	}
}

/* oob */
static long echo_oob_ioctl(struct file *filp, unsigned int cmd, unsigned long arg)
{
	struct echo_context *ctx = filp->private_data;
	struct echo_info info;
	u32 msecs;

	switch (cmd) {
	case ECHO_IOC_GET_INFO:
		echo_get_info(ctx, &info);
		return raw_copy_to_user((void __user *)arg, &info, sizeof(info)) ? -EFAULT : 0;
	case ECHO_IOC_HOLD:
		if (raw_copy_from_user(&msecs, (void __user *)arg, sizeof(msecs)))
			return -EFAULT;
		return echo_hold(ctx, msecs);
	default:
		return echo_common_ioctl(ctx, cmd);
	}
}

static const struct file_operations echo_fops = {
	.owner		= THIS_MODULE,
	.open		= echo_open,
	.release	= echo_release,
	.read		= echo_read,
	.write		= echo_write,
	.unlocked_ioctl	= echo_ioctl,
	.oob_read	= echo_oob_read,
	.oob_write	= echo_oob_write,
	.oob_ioctl	= echo_oob_ioctl,
#ifdef CONFIG_COMPAT
	.compat_ioctl	  = compat_ptr_ioctl,
	.compat_oob_ioctl = compat_ptr_oob_ioctl,
#endif
};

static int __init echo_init(void)
{
	struct device *dev;
	int ret;

	if (!size)
		return -EINVAL;

	echo_class = class_create(ECHO_DEVICE_NAME);
	if (IS_ERR(echo_class))
		return PTR_ERR(echo_class);

	ret = alloc_chrdev_region(&echo_devt, 0, 1, ECHO_DEVICE_NAME);
	if (ret)
		goto fail_region;

	cdev_init(&echo_cdev, &echo_fops);
	echo_cdev.owner = THIS_MODULE;
	ret = cdev_add(&echo_cdev, echo_devt, 1);
	if (ret)
		goto fail_cdev;

	dev = device_create(echo_class, NULL, echo_devt, NULL, ECHO_DEVICE_NAME);
	if (IS_ERR(dev)) {
		ret = PTR_ERR(dev);
		goto fail_device;
	}

	pr_info("echo: ready, %u-byte messages\n", size);
	return 0;

fail_device:
	cdev_del(&echo_cdev);
fail_cdev:
	unregister_chrdev_region(echo_devt, 1);
fail_region:
	class_destroy(echo_class);
	return ret;
}
module_init(echo_init);

static void __exit echo_exit(void)
{
	device_destroy(echo_class, echo_devt);
	cdev_del(&echo_cdev);
	unregister_chrdev_region(echo_devt, 1);
	class_destroy(echo_class);
}
module_exit(echo_exit);

MODULE_LICENSE("GPL");
MODULE_AUTHOR("The evlsim authors");
MODULE_DESCRIPTION("A message buffer readable and writable from both execution stages");
