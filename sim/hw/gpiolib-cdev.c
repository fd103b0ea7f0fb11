// SPDX-License-Identifier: LGPL-2.1-or-later
/*
 * The GPIO character device, v1 ABI with EVL's out-of-band requests (kernel world),
 * after linux-evl drivers/gpio/gpiolib-cdev.c (K @02df5fa, CONFIG_GPIOLIB_OOB): the chip
 * file /dev/gpiochipN (chip and line info, line handles, line events), the line handle
 * file (values in-band, and through ->oob_ioctl when requested with
 * GPIOHANDLE_REQUEST_OOB), the line event file (in-band read and poll, or ->oob_read and
 * ->oob_poll on an out-of-band IRQ handler).
 *
 * Quirks of K reproduced on purpose (docs/api/gpio.md, "Quirks"):
 * - GPIOHANDLE_REQUEST_OOB is GPIOHANDLE_REQUEST_BIAS_PULL_UP's bit: an oob request is a
 *   pull-up request for the flag checks (so it needs INPUT or OUTPUT on a line handle,
 *   and cannot go with BIAS_DISABLE or BIAS_PULL_DOWN), and a pull-up request is oob;
 * - on the oob path, a line event requested on both edges always reports
 *   GPIOEVENT_EVENT_FALLING_EDGE (the pin is never read there);
 * - the event FIFO holds 16 events, further events are dropped silently;
 * - oob_read checks the count before the oob request (-EINVAL before -EPERM), the
 *   in-band read the other way round.
 */
#include <linux/kernel.h>
#include <linux/mutex.h>
#include <linux/anon_inodes.h>
#include <linux/file.h>
#include <linux/fs.h>
#include <linux/interrupt.h>
#include <linux/poll.h>
#include <linux/slab.h>
#include <linux/string.h>
#include <linux/uaccess.h>
#include <linux/wait.h>
#include <evl/clock.h>
#include <evl/devices/gpio.h>
#include <uapi/linux/gpio.h>
#include "gpiolib.h"
#include "gpiolib-cdev.h"

/* linux/fs.h declares no_llseek() for the kernel lines before 6.12 only (the simulator is
 * built for the newest); sim/vfs/read_write.c still serves it */
loff_t no_llseek(struct file *file, loff_t offset, int whence) __evlsim_ksym(no_llseek);

#define GPIO_DEV_MAX		64

static dev_t gpio_devt;
static DEFINE_MUTEX(gpio_devt_lock);


/* ---- line handles ------------------------------------------------------------------------- */

struct linehandle_state {
	struct gpio_device *gdev;
	const char *label;
	struct gpio_desc *descs[GPIOHANDLES_MAX];
	u32 num_descs;
	u32 lflags;
	struct linehandle_oob_state oob_state;
};

static int linehandle_validate_flags(u32 flags)
{
	if (flags & ~GPIOHANDLE_REQUEST_VALID_FLAGS)
		return -EINVAL;
	if ((flags & GPIOHANDLE_REQUEST_INPUT) && (flags & GPIOHANDLE_REQUEST_OUTPUT))
		return -EINVAL;
	if ((flags & GPIOHANDLE_REQUEST_OPEN_DRAIN) && (flags & GPIOHANDLE_REQUEST_OPEN_SOURCE))
		return -EINVAL;
	if (!(flags & GPIOHANDLE_REQUEST_OUTPUT) &&
	    ((flags & GPIOHANDLE_REQUEST_OPEN_DRAIN) || (flags & GPIOHANDLE_REQUEST_OPEN_SOURCE)))
		return -EINVAL;
	/* Bias flags only allowed for input or output mode (OOB is PULL_UP's bit) */
	if (!((flags & GPIOHANDLE_REQUEST_INPUT) || (flags & GPIOHANDLE_REQUEST_OUTPUT)) &&
	    ((flags & GPIOHANDLE_REQUEST_BIAS_DISABLE) ||
	     (flags & GPIOHANDLE_REQUEST_BIAS_PULL_UP) ||
	     (flags & GPIOHANDLE_REQUEST_BIAS_PULL_DOWN)))
		return -EINVAL;
	if (((flags & GPIOHANDLE_REQUEST_BIAS_DISABLE) &&
	     (flags & (GPIOHANDLE_REQUEST_BIAS_PULL_DOWN | GPIOHANDLE_REQUEST_BIAS_PULL_UP))) ||
	    ((flags & GPIOHANDLE_REQUEST_BIAS_PULL_DOWN) &&
	     (flags & GPIOHANDLE_REQUEST_BIAS_PULL_UP)))
		return -EINVAL;
	return 0;
}

void evlsim__linehandle_flags_to_desc_flags(u32 lflags, unsigned long *flagsp)
{
	assign_bit(GPIOD_FLAG_ACTIVE_LOW, flagsp, lflags & GPIOHANDLE_REQUEST_ACTIVE_LOW);
	assign_bit(GPIOD_FLAG_OPEN_DRAIN, flagsp, lflags & GPIOHANDLE_REQUEST_OPEN_DRAIN);
	assign_bit(GPIOD_FLAG_OPEN_SOURCE, flagsp, lflags & GPIOHANDLE_REQUEST_OPEN_SOURCE);
	assign_bit(GPIOD_FLAG_PULL_UP, flagsp, lflags & GPIOHANDLE_REQUEST_BIAS_PULL_UP);
	assign_bit(GPIOD_FLAG_PULL_DOWN, flagsp, lflags & GPIOHANDLE_REQUEST_BIAS_PULL_DOWN);
	assign_bit(GPIOD_FLAG_BIAS_DISABLE, flagsp, lflags & GPIOHANDLE_REQUEST_BIAS_DISABLE);
}

static long linehandle_ioctl(struct file *file, unsigned int cmd, unsigned long arg)
{
	struct linehandle_state *lh = file->private_data;
	void __user *ip = (void __user *)arg;
	struct gpiohandle_data ghd;
	int i, val;

	if (!gdev_chip(lh->gdev))
		return -ENODEV;
	switch (cmd) {
	case GPIOHANDLE_GET_LINE_VALUES_IOCTL:
		memset(&ghd, 0, sizeof(ghd));
		for (i = 0; i < lh->num_descs; i++) {
			val = gpiod_get_value_cansleep(lh->descs[i]);
			if (val < 0)
				return val;
			ghd.values[i] = val;
		}
		if (copy_to_user(ip, &ghd, sizeof(ghd)))
			return -EFAULT;
		return 0;
	case GPIOHANDLE_SET_LINE_VALUES_IOCTL:
		if (!test_bit(GPIOD_FLAG_IS_OUT, &lh->descs[0]->flags))
			return -EPERM;
		if (copy_from_user(&ghd, ip, sizeof(ghd)))
			return -EFAULT;
		for (i = 0; i < lh->num_descs; i++)
			gpiod_set_value_cansleep(lh->descs[i], !!ghd.values[i]);
		return 0;
	default:
		return -EINVAL;
	}
}

static long linehandle_oob_ioctl(struct file *file, unsigned int cmd, unsigned long arg)
{
	struct linehandle_state *lh = file->private_data;
	DECLARE_BITMAP(valmap, GPIOHANDLES_MAX);
	struct gpio_chip *gc = gdev_chip(lh->gdev);
	void __user *ip = (void __user *)arg;
	struct gpiohandle_data ghd;
	int i, ret;

	if (!oob_handling_requested(lh->lflags))
		return -EPERM;
	if (!gc)
		return -ENODEV;
	if (cmd == GPIOHANDLE_GET_LINE_VALUES_IOCTL) {
		ret = gpiod_get_array_value_oob(gc, valmap, lh->num_descs, lh->descs);
		if (ret)
			return ret;
		memset(&ghd, 0, sizeof(ghd));
		for (i = 0; i < lh->num_descs; i++)
			ghd.values[i] = test_bit(i, valmap);
		if (raw_copy_to_user(ip, &ghd, sizeof(ghd)))
			return -EFAULT;
		return 0;
	} else if (cmd == GPIOHANDLE_SET_LINE_VALUES_IOCTL) {
		if (!test_bit(GPIOD_FLAG_IS_OUT, &lh->descs[0]->flags))
			return -EPERM;
		if (raw_copy_from_user(&ghd, ip, sizeof(ghd)))
			return -EFAULT;
		for (i = 0; i < lh->num_descs; i++)
			__assign_bit(i, valmap, ghd.values[i]);
		return gpiod_set_array_value_oob(gc, valmap, lh->num_descs, lh->descs);
	}
	return -EINVAL;
}

static void linehandle_free(struct linehandle_state *lh)
{
	int i;

	for (i = 0; i < lh->num_descs; i++)
		if (lh->descs[i])
			gpiod_free(lh->descs[i]);
	kfree(lh->label);
	gpio_device_put(lh->gdev);
	kfree(lh);
}

static int linehandle_release(struct inode *inode, struct file *file)
{
	struct linehandle_state *lh = file->private_data;

	if (oob_handling_requested(lh->lflags))
		evl_release_file(&lh->oob_state.efile);
	linehandle_free(lh);
	return 0;
}

static const struct file_operations linehandle_fileops = {
	.release = linehandle_release,
	.llseek = noop_llseek,
	.unlocked_ioctl = linehandle_ioctl,
	.oob_ioctl = linehandle_oob_ioctl,
};

static int linehandle_create(struct gpio_device *gdev, void __user *ip)
{
	struct gpiohandle_request handlereq;
	struct gpio_chip *gc = gdev_chip(gdev);
	struct linehandle_state *lh;
	struct file *file;
	int fd, i, ret;
	u32 lflags;

	if (copy_from_user(&handlereq, ip, sizeof(handlereq)))
		return -EFAULT;
	if (handlereq.lines == 0 || handlereq.lines > GPIOHANDLES_MAX)
		return -EINVAL;
	lflags = handlereq.flags;
	if (oob_handling_requested(lflags)) {
		if (gc->ngpio > CONFIG_GPIOLIB_FASTPATH_LIMIT) {
			pr_warn("gpio gpiochip%d (%s): too many lines for out-of-band handling (%u > %u fastpath)\n",
				gdev->id, gdev->label, gc->ngpio, CONFIG_GPIOLIB_FASTPATH_LIMIT);
			return -EOPNOTSUPP;
		}
		if (gc->can_sleep)
			return -EOPNOTSUPP;
	}
	ret = linehandle_validate_flags(lflags);
	if (ret)
		return ret;
	lh = kzalloc(sizeof(*lh), GFP_KERNEL);
	if (!lh)
		return -ENOMEM;
	lh->gdev = gpio_device_get(gdev);
	lh->lflags = lflags;
	if (handlereq.consumer_label[0] != '\0') {
		lh->label = kstrndup(handlereq.consumer_label,
				     sizeof(handlereq.consumer_label) - 1, GFP_KERNEL);
		if (!lh->label) {
			ret = -ENOMEM;
			goto out_free_lh;
		}
	}
	lh->num_descs = handlereq.lines;
	for (i = 0; i < handlereq.lines; i++) {
		u32 offset = handlereq.lineoffsets[i];
		struct gpio_desc *desc = gpio_device_get_desc(gdev, offset);

		if (IS_ERR(desc)) {
			ret = PTR_ERR(desc);
			goto out_free_lh;
		}
		ret = gpiod_request(desc, lh->label ?: "?");
		if (ret)
			goto out_free_lh;
		lh->descs[i] = desc;
		evlsim__linehandle_flags_to_desc_flags(handlereq.flags, &desc->flags);
		if (lflags & GPIOHANDLE_REQUEST_OUTPUT) {
			ret = gpiod_direction_output(desc, !!handlereq.default_values[i]);
			if (ret)
				goto out_free_lh;
		} else if (lflags & GPIOHANDLE_REQUEST_INPUT) {
			ret = gpiod_direction_input(desc);
			if (ret)
				goto out_free_lh;
		}
	}
	fd = get_unused_fd_flags(O_RDONLY | O_CLOEXEC);
	if (fd < 0) {
		ret = fd;
		goto out_free_lh;
	}
	file = anon_inode_getfile("gpio-linehandle", &linehandle_fileops, lh,
				  O_RDONLY | O_CLOEXEC);
	if (IS_ERR(file)) {
		ret = PTR_ERR(file);
		goto out_put_unused_fd;
	}
	if (oob_handling_requested(lflags)) {
		ret = evl_open_file(&lh->oob_state.efile, file);
		if (ret) {
			/* fput() will trigger the release() callback */
			lh->lflags &= ~GPIOHANDLE_REQUEST_OOB;
			fput(file);
			put_unused_fd(fd);
			return ret;
		}
	}
	handlereq.fd = fd;
	if (copy_to_user(ip, &handlereq, sizeof(handlereq))) {
		fput(file);
		put_unused_fd(fd);
		return -EFAULT;
	}
	fd_install(fd, file);
	return 0;

out_put_unused_fd:
	put_unused_fd(fd);
out_free_lh:
	linehandle_free(lh);
	return ret;
}

/* ---- the chip file ------------------------------------------------------------------------ */

static int lineinfo_get(struct gpio_device *gdev, void __user *ip)
{
	struct gpioline_info info;
	struct gpio_desc *desc;
	unsigned long dflags;

	if (copy_from_user(&info, ip, sizeof(info)))
		return -EFAULT;
	desc = gpio_device_get_desc(gdev, info.line_offset);
	if (IS_ERR(desc))
		return PTR_ERR(desc);
	memset(info.name, 0, sizeof(info.name));
	memset(info.consumer, 0, sizeof(info.consumer));
	if (desc->name)
		strscpy(info.name, desc->name, sizeof(info.name));
	dflags = READ_ONCE(desc->flags);
	info.flags = 0;
	if (test_bit(GPIOD_FLAG_REQUESTED, &dflags)) {
		info.flags |= GPIOLINE_FLAG_KERNEL;
		strscpy(info.consumer, READ_ONCE(desc->label) ?: "", sizeof(info.consumer));
	}
	if (test_bit(GPIOD_FLAG_IS_OUT, &dflags))
		info.flags |= GPIOLINE_FLAG_IS_OUT;
	if (test_bit(GPIOD_FLAG_ACTIVE_LOW, &dflags))
		info.flags |= GPIOLINE_FLAG_ACTIVE_LOW;
	if (test_bit(GPIOD_FLAG_OPEN_DRAIN, &dflags))
		info.flags |= GPIOLINE_FLAG_OPEN_DRAIN;
	if (test_bit(GPIOD_FLAG_OPEN_SOURCE, &dflags))
		info.flags |= GPIOLINE_FLAG_OPEN_SOURCE;
	if (test_bit(GPIOD_FLAG_PULL_UP, &dflags))
		info.flags |= GPIOLINE_FLAG_BIAS_PULL_UP;
	if (test_bit(GPIOD_FLAG_PULL_DOWN, &dflags))
		info.flags |= GPIOLINE_FLAG_BIAS_PULL_DOWN;
	if (test_bit(GPIOD_FLAG_BIAS_DISABLE, &dflags))
		info.flags |= GPIOLINE_FLAG_BIAS_DISABLE;
	if (copy_to_user(ip, &info, sizeof(info)))
		return -EFAULT;
	return 0;
}

static long gpio_ioctl(struct file *file, unsigned int cmd, unsigned long arg)
{
	struct gpio_device *gdev = file->private_data;
	void __user *ip = (void __user *)arg;
	struct gpiochip_info chipinfo;

	if (!gdev_chip(gdev))
		return -ENODEV;
	switch (cmd) {
	case GPIO_GET_CHIPINFO_IOCTL:
		memset(&chipinfo, 0, sizeof(chipinfo));
		strscpy(chipinfo.name, dev_name(&gdev->dev), sizeof(chipinfo.name));
		strscpy(chipinfo.label, gdev->label, sizeof(chipinfo.label));
		chipinfo.lines = gdev->ngpio;
		if (copy_to_user(ip, &chipinfo, sizeof(chipinfo)))
			return -EFAULT;
		return 0;
	case GPIO_GET_LINEINFO_IOCTL:
		return lineinfo_get(gdev, ip);
	case GPIO_GET_LINEHANDLE_IOCTL:
		return linehandle_create(gdev, ip);
	case GPIO_GET_LINEEVENT_IOCTL:
		return evlsim__lineevent_create(gdev, ip);
	default:
		return -EINVAL;
	}
}

static int gpio_chrdev_open(struct inode *inode, struct file *file)
{
	struct gpio_device *gdev = container_of(inode->i_cdev, struct gpio_device, chrdev);

	if (!gdev_chip(gdev))
		return -ENODEV;
	file->private_data = gpio_device_get(gdev);
	return nonseekable_open(inode, file);
}

static int gpio_chrdev_release(struct inode *inode, struct file *file)
{
	gpio_device_put(file->private_data);
	return 0;
}

static const struct file_operations gpio_fileops = {
	.release = gpio_chrdev_release,
	.open = gpio_chrdev_open,
	.llseek = no_llseek,
	.unlocked_ioctl = gpio_ioctl,
};

int evlsim__gpio_cdev_register(struct gpio_device *gdev)
{
	int ret = 0;

	mutex_lock(&gpio_devt_lock);
	if (!gpio_devt)
		ret = alloc_chrdev_region(&gpio_devt, 0, GPIO_DEV_MAX, "gpiochip");
	mutex_unlock(&gpio_devt_lock);
	if (ret < 0)
		return ret;
	cdev_init(&gdev->chrdev, &gpio_fileops);
	gdev->dev.devt = MKDEV(MAJOR(gpio_devt), gdev->id);
	return cdev_device_add(&gdev->chrdev, &gdev->dev);
}

void evlsim__gpio_cdev_unregister(struct gpio_device *gdev)
{
	cdev_device_del(&gdev->chrdev, &gdev->dev);
}
