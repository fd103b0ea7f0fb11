// SPDX-License-Identifier: LGPL-2.1-or-later
/*
 * GPIO line events, v1 ABI with EVL's out-of-band requests (kernel world), after
 * linux-evl drivers/gpio/gpiolib-cdev.c (K @02df5fa): the line event file, read in-band
 * through an irq thread, or with ->oob_read()/->oob_poll() on an out-of-band handler
 * when requested with GPIOHANDLE_REQUEST_OOB. The quirks kept are listed in
 * gpiolib-cdev.c.
 */
#include <linux/kernel.h>
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
#include "gpiolib.h"
#include "gpiolib-cdev.h"

#define EVENT_FIFO_SIZE		16

/* ---- line events -------------------------------------------------------------------------- */

struct lineevent_state {
	struct gpio_device *gdev;
	const char *label;
	struct gpio_desc *desc;
	u32 eflags;
	u32 lflags;
	unsigned int irq;
	wait_queue_head_t wait;			/* in-band readers, under its lock */
	struct gpioevent_data events[EVENT_FIFO_SIZE];	/* the kfifo of K */
	unsigned int ev_in, ev_out;
	u64 timestamp;
	struct lineevent_oob_state oob_state;
};

static inline bool fifo_empty(struct lineevent_state *le)
{
	return READ_ONCE(le->ev_in) == READ_ONCE(le->ev_out);
}

/* kfifo_put(): false (dropped) when full */
static bool fifo_put(struct lineevent_state *le, const struct gpioevent_data *ge)
{
	if (le->ev_in - le->ev_out >= EVENT_FIFO_SIZE)
		return false;
	le->events[le->ev_in % EVENT_FIFO_SIZE] = *ge;
	WRITE_ONCE(le->ev_in, le->ev_in + 1);
	return true;
}

static bool fifo_get(struct lineevent_state *le, struct gpioevent_data *ge)
{
	if (fifo_empty(le))
		return false;
	*ge = le->events[le->ev_out % EVENT_FIFO_SIZE];
	WRITE_ONCE(le->ev_out, le->ev_out + 1);
	return true;
}

static int lineevent_read_pin(struct lineevent_state *le, struct gpioevent_data *ge,
			      bool may_sleep)
{
	if ((le->eflags & GPIOEVENT_REQUEST_RISING_EDGE) &&
	    (le->eflags & GPIOEVENT_REQUEST_FALLING_EDGE)) {
		/* the line level in-band; the constant false on the oob path (quirk) */
		ge->id = may_sleep ? GPIOEVENT_EVENT_RISING_EDGE : GPIOEVENT_EVENT_FALLING_EDGE;
	} else if (le->eflags & GPIOEVENT_REQUEST_RISING_EDGE) {
		ge->id = GPIOEVENT_EVENT_RISING_EDGE;
	} else if (le->eflags & GPIOEVENT_REQUEST_FALLING_EDGE) {
		ge->id = GPIOEVENT_EVENT_FALLING_EDGE;
	} else {
		return IRQ_NONE;
	}
	return IRQ_HANDLED;
}

static irqreturn_t lineevent_oob_irq_handler(int irq, void *p)
{
	struct lineevent_state *le = p;
	struct gpioevent_data ge = { 0 };

	ge.timestamp = evl_ktime_monotonic();
	if (lineevent_read_pin(le, &ge, false) == IRQ_NONE)
		return IRQ_NONE;
	raw_spin_lock(&le->oob_state.wait.wchan.lock);
	fifo_put(le, &ge);
	evl_wake_up_head(&le->oob_state.wait);
	evl_signal_poll_events(&le->oob_state.poll_head, POLLIN | POLLRDNORM);
	raw_spin_unlock(&le->oob_state.wait.wchan.lock);
	return IRQ_HANDLED;
}

static __poll_t lineevent_oob_poll(struct file *file, struct oob_poll_wait *wait)
{
	struct lineevent_state *le = file->private_data;
	unsigned long flags;
	__poll_t ready = 0;

	evl_poll_watch(&le->oob_state.poll_head, wait, NULL);
	raw_spin_lock_irqsave(&le->oob_state.wait.wchan.lock, flags);
	if (!fifo_empty(le))
		ready |= POLLIN | POLLRDNORM;
	raw_spin_unlock_irqrestore(&le->oob_state.wait.wchan.lock, flags);
	return ready;
}

static ssize_t lineevent_oob_read(struct file *file, char __user *buf, size_t count)
{
	struct lineevent_state *le = file->private_data;
	struct gpioevent_data ge = { 0 };
	unsigned long flags;
	bool got;
	int ret;

	if (count < sizeof(struct gpioevent_data))
		return -EINVAL;
	if (!oob_handling_requested(le->lflags))
		return -EPERM;
	do {
		raw_spin_lock_irqsave(&le->oob_state.wait.wchan.lock, flags);
		got = fifo_get(le, &ge);
		raw_spin_unlock_irqrestore(&le->oob_state.wait.wchan.lock, flags);
		if (got) {
			ret = raw_copy_to_user(buf, &ge, sizeof(ge));
			return ret ? -EFAULT : sizeof(ge);
		}
		if (file->f_flags & O_NONBLOCK)
			return -EAGAIN;
		ret = evl_wait_event(&le->oob_state.wait, !fifo_empty(le));
	} while (!ret);
	return ret;
}

static irqreturn_t lineevent_irq_handler(int irq, void *p)
{
	struct lineevent_state *le = p;

	le->timestamp = ktime_get_ns();
	return IRQ_WAKE_THREAD;
}

static irqreturn_t lineevent_irq_thread(int irq, void *p)
{
	struct lineevent_state *le = p;
	struct gpioevent_data ge;
	bool put;

	memset(&ge, 0, sizeof(ge));
	ge.timestamp = le->timestamp ?: ktime_get_ns();
	if (lineevent_read_pin(le, &ge, gpiod_get_value_cansleep(le->desc)) == IRQ_NONE)
		return IRQ_NONE;
	spin_lock(&le->wait.lock);
	put = fifo_put(le, &ge);
	spin_unlock(&le->wait.lock);
	if (put)
		wake_up_poll(&le->wait, EPOLLIN);
	else
		pr_debug("event FIFO is full - event dropped\n");
	return IRQ_HANDLED;
}

static ssize_t lineevent_read(struct file *file, char __user *buf, size_t count,
			      loff_t *f_ps)
{
	struct lineevent_state *le = file->private_data;
	struct gpioevent_data ge;
	ssize_t bytes_read = 0;
	bool got;
	int ret;

	if (!gdev_chip(le->gdev))
		return -ENODEV;
	if (oob_handling_requested(le->lflags))
		return -EPERM;
	if (count < sizeof(ge))
		return -EINVAL;
	do {
		spin_lock(&le->wait.lock);
		got = fifo_get(le, &ge);
		spin_unlock(&le->wait.lock);
		if (!got) {
			if (bytes_read)
				return bytes_read;
			if (file->f_flags & O_NONBLOCK)
				return -EAGAIN;
			ret = wait_event_interruptible(le->wait, !fifo_empty(le));
			if (ret)
				return ret;
			continue;
		}
		if (copy_to_user(buf + bytes_read, &ge, sizeof(ge)))
			return -EFAULT;
		bytes_read += sizeof(ge);
	} while (count >= bytes_read + sizeof(ge));
	return bytes_read;
}

static __poll_t lineevent_poll(struct file *file, struct poll_table_struct *wait)
{
	struct lineevent_state *le = file->private_data;

	if (!gdev_chip(le->gdev))
		return EPOLLHUP | EPOLLERR;
	poll_wait(file, &le->wait, wait);
	return fifo_empty(le) ? 0 : EPOLLIN | EPOLLRDNORM;
}

static long lineevent_ioctl(struct file *file, unsigned int cmd, unsigned long arg)
{
	struct lineevent_state *le = file->private_data;
	struct gpiohandle_data ghd;
	int val;

	if (!gdev_chip(le->gdev))
		return -ENODEV;
	if (cmd != GPIOHANDLE_GET_LINE_VALUES_IOCTL)
		return -EINVAL;
	memset(&ghd, 0, sizeof(ghd));
	val = gpiod_get_value_cansleep(le->desc);
	if (val < 0)
		return val;
	ghd.values[0] = val;
	if (copy_to_user((void __user *)arg, &ghd, sizeof(ghd)))
		return -EFAULT;
	return 0;
}

static void lineevent_free(struct lineevent_state *le)
{
	if (le->irq)
		free_irq(le->irq, le);
	if (le->desc)
		gpiod_free(le->desc);
	if (oob_handling_requested(le->lflags) && le->irq)
		evl_destroy_wait(&le->oob_state.wait);
	kfree(le->label);
	gpio_device_put(le->gdev);
	kfree(le);
}

static int lineevent_release(struct inode *inode, struct file *file)
{
	struct lineevent_state *le = file->private_data;

	if (oob_handling_requested(le->lflags))
		evl_release_file(&le->oob_state.efile);
	lineevent_free(le);
	return 0;
}

static const struct file_operations lineevent_fileops = {
	.release = lineevent_release,
	.read = lineevent_read,
	.oob_read = lineevent_oob_read,
	.oob_poll = lineevent_oob_poll,
	.poll = lineevent_poll,
	.llseek = noop_llseek,
	.unlocked_ioctl = lineevent_ioctl,
};

int evlsim__lineevent_create(struct gpio_device *gdev, void __user *ip)
{
	struct gpioevent_request eventreq;
	struct lineevent_state *le;
	struct gpio_desc *desc;
	struct file *file;
	u32 lflags, eflags;
	int fd, ret, irq, irqflags = 0;

	if (copy_from_user(&eventreq, ip, sizeof(eventreq)))
		return -EFAULT;
	lflags = eventreq.handleflags;
	eflags = eventreq.eventflags;
	desc = gpio_device_get_desc(gdev, eventreq.lineoffset);
	if (IS_ERR(desc))
		return PTR_ERR(desc);
	if ((lflags & ~GPIOHANDLE_REQUEST_VALID_FLAGS) ||
	    (eflags & ~GPIOEVENT_REQUEST_VALID_FLAGS))
		return -EINVAL;
	/* This is just wrong: we don't look for events on output lines */
	if ((lflags & GPIOHANDLE_REQUEST_OUTPUT) || (lflags & GPIOHANDLE_REQUEST_OPEN_DRAIN) ||
	    (lflags & GPIOHANDLE_REQUEST_OPEN_SOURCE))
		return -EINVAL;
	if (((lflags & GPIOHANDLE_REQUEST_BIAS_DISABLE) &&
	     (lflags & (GPIOHANDLE_REQUEST_BIAS_PULL_DOWN | GPIOHANDLE_REQUEST_BIAS_PULL_UP))) ||
	    ((lflags & GPIOHANDLE_REQUEST_BIAS_PULL_DOWN) &&
	     (lflags & GPIOHANDLE_REQUEST_BIAS_PULL_UP)))
		return -EINVAL;
	le = kzalloc(sizeof(*le), GFP_KERNEL);
	if (!le)
		return -ENOMEM;
	le->gdev = gpio_device_get(gdev);
	if (eventreq.consumer_label[0] != '\0') {
		le->label = kstrndup(eventreq.consumer_label,
				     sizeof(eventreq.consumer_label) - 1, GFP_KERNEL);
		if (!le->label) {
			ret = -ENOMEM;
			goto out_free_le;
		}
	}
	ret = gpiod_request(desc, le->label ?: "?");
	if (ret)
		goto out_free_le;
	le->desc = desc;
	le->eflags = eflags;
	le->lflags = lflags;
	evlsim__linehandle_flags_to_desc_flags(lflags, &desc->flags);
	ret = gpiod_direction_input(desc);
	if (ret)
		goto out_free_le;
	irq = gpiod_to_irq(desc);
	if (irq <= 0) {
		ret = -ENODEV;
		goto out_free_le;
	}
	if (eflags & GPIOEVENT_REQUEST_RISING_EDGE)
		irqflags |= test_bit(GPIOD_FLAG_ACTIVE_LOW, &desc->flags) ?
			IRQF_TRIGGER_FALLING : IRQF_TRIGGER_RISING;
	if (eflags & GPIOEVENT_REQUEST_FALLING_EDGE)
		irqflags |= test_bit(GPIOD_FLAG_ACTIVE_LOW, &desc->flags) ?
			IRQF_TRIGGER_RISING : IRQF_TRIGGER_FALLING;
	irqflags |= IRQF_ONESHOT;
	init_waitqueue_head(&le->wait);
	if (oob_handling_requested(lflags)) {
		if (gdev->can_sleep) {
			ret = -EOPNOTSUPP;
		} else {
			evl_init_wait(&le->oob_state.wait, &evl_mono_clock, EVL_WAIT_PRIO);
			evl_init_poll_head(&le->oob_state.poll_head);
			ret = request_irq(irq, lineevent_oob_irq_handler, irqflags | IRQF_OOB,
					  le->label ?: "gpio-event", le);
			if (ret)
				evl_destroy_wait(&le->oob_state.wait);
		}
	} else {
		ret = request_threaded_irq(irq, lineevent_irq_handler, lineevent_irq_thread,
					   irqflags, le->label ?: "gpio-event", le);
	}
	if (ret)
		goto out_free_le;
	le->irq = irq;
	fd = get_unused_fd_flags(O_RDONLY | O_CLOEXEC);
	if (fd < 0) {
		ret = fd;
		goto out_free_le;
	}
	file = anon_inode_getfile("gpio-event", &lineevent_fileops, le, O_RDONLY | O_CLOEXEC);
	if (IS_ERR(file)) {
		ret = PTR_ERR(file);
		put_unused_fd(fd);
		goto out_free_le;
	}
	if (oob_handling_requested(lflags)) {
		ret = evl_open_file(&le->oob_state.efile, file);
		if (ret) {
			le->lflags &= ~GPIOHANDLE_REQUEST_OOB;
			goto out_put_file;
		}
	}
	eventreq.fd = fd;
	if (copy_to_user(ip, &eventreq, sizeof(eventreq))) {
		ret = -EFAULT;
		goto out_put_file;
	}
	fd_install(fd, file);
	return 0;

out_put_file:
	fput(file);		/* ->release frees @le */
	put_unused_fd(fd);
	return ret;
out_free_le:
	lineevent_free(le);
	return ret;
}

