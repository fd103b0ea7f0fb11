// SPDX-License-Identifier: GPL-2.0-only
/*
 * xfifo: a cross-stage FIFO. Each open file is a pair of byte rings:
 *
 *	write(2) ---> [ i2o ring ] ---> oob_read()	in-band to out-of-band
 *	read(2)  <--- [ o2i ring ] <--- oob_write()	out-of-band to in-band
 *
 * Readers block while their ring is empty, writers while it is full, each on the wait
 * service of its own stage (an EVL wait queue oob, a kernel wait queue in-band), unless
 * the file is O_NONBLOCK (-EAGAIN). A write goes in whole, waiting for room as needed;
 * concurrent writers on one side do not interleave, nor do concurrent readers. Both
 * stages can poll: .poll in-band, .oob_poll through an EVL poll group. Offset 0 maps a
 * read-only status page (struct xfifo_status). XFIFO_IOC_SET_SIZES resizes the rings
 * before the first transfer. Releasing the file wakes the out-of-band waiters with
 * -EIDRM, then waits in evl_release_file() for them to leave.
 *
 * Locking. Each ring is guarded by the hard lock of the EVL wait queue its oob side
 * sleeps on, so that evl_wait_event() tests the ring under that lock: i2o by
 * oob_readers, o2i by oob_writers. A reader (or writer) copies to (from) user memory
 * outside the lock: it is the only one on its side of its ring (the side's mutex), and
 * the other side never touches the bytes it is working on. The oob side cannot wake
 * in-band waiters itself: it queues an irq_work that does it in-band.
 *
 *	int fd = open("/dev/xfifo", O_RDWR);
 *	write(fd, "ping", 4);			// in-band
 *	evl_attach_self("app:%d", getpid());
 *	oob_read(fd, buf, sizeof(buf));		// out-of-band: "ping"
 */
#include <linux/module.h>
#include <linux/fs.h>
#include <linux/miscdevice.h>
#include <linux/slab.h>
#include <linux/vmalloc.h>
#include <linux/mm.h>
#include <linux/uaccess.h>
#include <linux/poll.h>
#include <linux/wait.h>
#include <linux/mutex.h>
#include <linux/irq_work.h>
#include <linux/compat.h>
#include <evl/file.h>
#include <evl/wait.h>
#include <evl/mutex.h>
#include <evl/poll.h>
#include "xfifo-abi.h"

static unsigned int size = 4096;
module_param(size, uint, 0444);
MODULE_PARM_DESC(size, "default capacity of each ring of an open file, in bytes");

struct xfifo_ring {
	char *data;
	size_t size;
	size_t head;		/* next byte to read */
	size_t len;		/* bytes stored */
	u64 total;		/* bytes written into it */
};

struct xfifo_file {
	struct evl_file efile;
	struct xfifo_ring i2o, o2i;
	struct evl_wait_queue oob_readers;	/* its lock guards i2o */
	struct evl_wait_queue oob_writers;	/* its lock guards o2i */
	struct evl_kmutex oob_rd_lock, oob_wr_lock;
	wait_queue_head_t inband_readers, inband_writers;
	struct mutex rd_lock, wr_lock;
	struct irq_work inband_wake;		/* oob side -> in-band waiters */
	struct evl_poll_head poll_head;		/* oob pollers */
	struct xfifo_status *status;		/* the mappable status page */
	bool started;				/* data went through: no more resizing */
	bool releasing;				/* under both ring locks */
};

/* ---- rings ----------------------------------------------------------------------------- */

static size_t ring_room(const struct xfifo_ring *ring)
{
	return ring->size - ring->len;
}

/* Copies @n bytes from the ring at @head to user memory: 0 or -EFAULT. */
static int ring_copy_out(const struct xfifo_ring *ring, size_t head, char __user *u_buf,
			 size_t n)
{
	size_t first = min(n, ring->size - head);

	if (raw_copy_to_user(u_buf, ring->data + head, first))
		return -EFAULT;
	if (n > first && raw_copy_to_user(u_buf + first, ring->data, n - first))
		return -EFAULT;
	return 0;
}

/* Copies @n bytes of user memory into the ring at @tail: 0 or -EFAULT. */
static int ring_copy_in(struct xfifo_ring *ring, size_t tail, const char __user *u_buf,
			size_t n)
{
	size_t first = min(n, ring->size - tail);

	if (raw_copy_from_user(ring->data + tail, u_buf, first))
		return -EFAULT;
	if (n > first && raw_copy_from_user(ring->data, u_buf + first, n - first))
		return -EFAULT;
	return 0;
}

/* Ring @lock held: the bytes from @head were read out. */
static void ring_consumed(struct xfifo_ring *ring, size_t n)
{
	ring->head = (ring->head + n) % ring->size;
	ring->len -= n;
}

static void update_status(struct xfifo_file *xf)
{
	struct xfifo_status *st = xf->status;

	WRITE_ONCE(st->i2o_size, xf->i2o.size);
	WRITE_ONCE(st->i2o_len, xf->i2o.len);
	WRITE_ONCE(st->o2i_size, xf->o2i.size);
	WRITE_ONCE(st->o2i_len, xf->o2i.len);
	WRITE_ONCE(st->i2o_bytes, xf->i2o.total);
	WRITE_ONCE(st->o2i_bytes, xf->o2i.total);
}

/* ---- out-of-band side ------------------------------------------------------------------ */

static void inband_wake_work(struct irq_work *work)
{
	struct xfifo_file *xf = container_of(work, struct xfifo_file, inband_wake);

	wake_up_interruptible_poll(&xf->inband_readers, EPOLLIN | EPOLLRDNORM);
	wake_up_interruptible_poll(&xf->inband_writers, EPOLLOUT | EPOLLWRNORM);
}

static ssize_t xfifo_oob_read(struct file *filp, char __user *u_buf, size_t count)
{
	struct xfifo_file *xf = filp->private_data;
	struct xfifo_ring *ring = &xf->i2o;
	ktime_t timeout = filp->f_flags & O_NONBLOCK ? EVL_NONBLOCK : EVL_INFINITE;
	unsigned long flags;
	size_t head, n;
	int ret;

	if (!count)
		return 0;

	ret = evl_lock_kmutex(&xf->oob_rd_lock);
	if (ret)
		return ret;

	ret = evl_wait_event_timeout(&xf->oob_readers, timeout, EVL_REL,
				     ring->len > 0 || xf->releasing);
	if (ret)
		goto out;

	raw_spin_lock_irqsave(&xf->oob_readers.wchan.lock, flags);
	if (xf->releasing) {
		raw_spin_unlock_irqrestore(&xf->oob_readers.wchan.lock, flags);
		ret = -EIDRM;
		goto out;
	}
	head = ring->head;
	n = min(count, ring->len);
	raw_spin_unlock_irqrestore(&xf->oob_readers.wchan.lock, flags);

	ret = ring_copy_out(ring, head, u_buf, n);
	if (ret)
		goto out;	/* nothing consumed */

	raw_spin_lock_irqsave(&xf->oob_readers.wchan.lock, flags);
	ring_consumed(ring, n);
	update_status(xf);
	raw_spin_unlock_irqrestore(&xf->oob_readers.wchan.lock, flags);
	irq_work_queue(&xf->inband_wake);	/* room for in-band writers */
	ret = n;
out:
	evl_unlock_kmutex(&xf->oob_rd_lock);
	return ret;
}

static ssize_t xfifo_oob_write(struct file *filp, const char __user *u_buf, size_t count)
{
	struct xfifo_file *xf = filp->private_data;
	struct xfifo_ring *ring = &xf->o2i;
	ktime_t timeout = filp->f_flags & O_NONBLOCK ? EVL_NONBLOCK : EVL_INFINITE;
	size_t done = 0, tail, n;
	unsigned long flags;
	int ret;

	ret = evl_lock_kmutex(&xf->oob_wr_lock);
	if (ret)
		return ret;

	while (done < count) {
		ret = evl_wait_event_timeout(&xf->oob_writers, timeout, EVL_REL,
					     ring_room(ring) > 0 || xf->releasing);
		if (ret)
			break;
		raw_spin_lock_irqsave(&xf->oob_writers.wchan.lock, flags);
		if (xf->releasing) {
			raw_spin_unlock_irqrestore(&xf->oob_writers.wchan.lock, flags);
			ret = -EIDRM;
			break;
		}
		tail = (ring->head + ring->len) % ring->size;
		n = min(count - done, ring_room(ring));
		xf->started = true;
		raw_spin_unlock_irqrestore(&xf->oob_writers.wchan.lock, flags);

		ret = ring_copy_in(ring, tail, u_buf + done, n);
		if (ret)
			break;

		raw_spin_lock_irqsave(&xf->oob_writers.wchan.lock, flags);
		ring->len += n;
		ring->total += n;
		update_status(xf);
		raw_spin_unlock_irqrestore(&xf->oob_writers.wchan.lock, flags);
		irq_work_queue(&xf->inband_wake);	/* data for in-band readers */
		done += n;
	}

	evl_unlock_kmutex(&xf->oob_wr_lock);
	/* what went in stays in: a late error only shortens the count */
	return done ?: ret;
}

static __poll_t xfifo_oob_poll(struct file *filp, struct oob_poll_wait *wait)
{
	struct xfifo_file *xf = filp->private_data;
	unsigned long flags;
	__poll_t ready = 0;

	evl_poll_watch(&xf->poll_head, wait, NULL);

	raw_spin_lock_irqsave(&xf->oob_readers.wchan.lock, flags);
	if (xf->i2o.len)
		ready |= POLLIN | POLLRDNORM;
	raw_spin_unlock_irqrestore(&xf->oob_readers.wchan.lock, flags);

	raw_spin_lock_irqsave(&xf->oob_writers.wchan.lock, flags);
	if (ring_room(&xf->o2i))
		ready |= POLLOUT | POLLWRNORM;
	raw_spin_unlock_irqrestore(&xf->oob_writers.wchan.lock, flags);

	return ready;
}

/* ---- in-band side ---------------------------------------------------------------------- */

static bool o2i_has_data(struct xfifo_file *xf)
{
	unsigned long flags;
	bool ret;

	raw_spin_lock_irqsave(&xf->oob_writers.wchan.lock, flags);
	ret = xf->o2i.len > 0;
	raw_spin_unlock_irqrestore(&xf->oob_writers.wchan.lock, flags);
	return ret;
}

static bool i2o_has_room(struct xfifo_file *xf)
{
	unsigned long flags;
	bool ret;

	raw_spin_lock_irqsave(&xf->oob_readers.wchan.lock, flags);
	ret = ring_room(&xf->i2o) > 0;
	raw_spin_unlock_irqrestore(&xf->oob_readers.wchan.lock, flags);
	return ret;
}

static ssize_t xfifo_read(struct file *filp, char __user *u_buf, size_t count, loff_t *ppos)
{
	struct xfifo_file *xf = filp->private_data;
	struct xfifo_ring *ring = &xf->o2i;
	unsigned long flags;
	size_t head, n;
	int ret;

	if (!count)
		return 0;

	ret = mutex_lock_interruptible(&xf->rd_lock);
	if (ret)
		return ret;

	while (!o2i_has_data(xf)) {
		if (filp->f_flags & O_NONBLOCK) {
			ret = -EAGAIN;
			goto out;
		}
		ret = wait_event_interruptible(xf->inband_readers, o2i_has_data(xf));
		if (ret)
			goto out;
	}

	raw_spin_lock_irqsave(&xf->oob_writers.wchan.lock, flags);
	head = ring->head;
	n = min(count, ring->len);
	raw_spin_unlock_irqrestore(&xf->oob_writers.wchan.lock, flags);

	ret = ring_copy_out(ring, head, u_buf, n);
	if (ret)
		goto out;

	raw_spin_lock_irqsave(&xf->oob_writers.wchan.lock, flags);
	ring_consumed(ring, n);
	update_status(xf);
	evl_flush_wait_locked(&xf->oob_writers, 0);	/* room: oob writers re-check */
	raw_spin_unlock_irqrestore(&xf->oob_writers.wchan.lock, flags);
	evl_signal_poll_events(&xf->poll_head, POLLOUT | POLLWRNORM);
	evl_schedule();
	ret = n;
out:
	mutex_unlock(&xf->rd_lock);
	return ret;
}

static ssize_t xfifo_write(struct file *filp, const char __user *u_buf, size_t count,
			   loff_t *ppos)
{
	struct xfifo_file *xf = filp->private_data;
	struct xfifo_ring *ring = &xf->i2o;
	size_t done = 0, tail, n;
	unsigned long flags;
	int ret;

	ret = mutex_lock_interruptible(&xf->wr_lock);
	if (ret)
		return ret;

	while (done < count) {
		if (!i2o_has_room(xf)) {
			if (filp->f_flags & O_NONBLOCK) {
				ret = -EAGAIN;
				break;
			}
			ret = wait_event_interruptible(xf->inband_writers, i2o_has_room(xf));
			if (ret)
				break;
		}

		raw_spin_lock_irqsave(&xf->oob_readers.wchan.lock, flags);
		tail = (ring->head + ring->len) % ring->size;
		n = min(count - done, ring_room(ring));
		xf->started = true;
		raw_spin_unlock_irqrestore(&xf->oob_readers.wchan.lock, flags);

		ret = ring_copy_in(ring, tail, u_buf + done, n);
		if (ret)
			break;

		raw_spin_lock_irqsave(&xf->oob_readers.wchan.lock, flags);
		ring->len += n;
		ring->total += n;
		update_status(xf);
		evl_flush_wait_locked(&xf->oob_readers, 0);	/* data: oob readers re-check */
		raw_spin_unlock_irqrestore(&xf->oob_readers.wchan.lock, flags);
		evl_signal_poll_events(&xf->poll_head, POLLIN | POLLRDNORM);
		evl_schedule();
		done += n;
	}

	mutex_unlock(&xf->wr_lock);
	return done ?: ret;
}

static __poll_t xfifo_poll(struct file *filp, poll_table *wait)
{
	struct xfifo_file *xf = filp->private_data;
	__poll_t ready = 0;

	poll_wait(filp, &xf->inband_readers, wait);
	poll_wait(filp, &xf->inband_writers, wait);
	if (o2i_has_data(xf))
		ready |= EPOLLIN | EPOLLRDNORM;
	if (i2o_has_room(xf))
		ready |= EPOLLOUT | EPOLLWRNORM;
	return ready;
}

/* ---- control --------------------------------------------------------------------------- */

static void get_status(struct xfifo_file *xf, struct xfifo_status *st)
{
	unsigned long flags;

	raw_spin_lock_irqsave(&xf->oob_readers.wchan.lock, flags);
	st->i2o_size = xf->i2o.size;
	st->i2o_len = xf->i2o.len;
	st->i2o_bytes = xf->i2o.total;
	raw_spin_unlock_irqrestore(&xf->oob_readers.wchan.lock, flags);
	raw_spin_lock_irqsave(&xf->oob_writers.wchan.lock, flags);
	st->o2i_size = xf->o2i.size;
	st->o2i_len = xf->o2i.len;
	st->o2i_bytes = xf->o2i.total;
	raw_spin_unlock_irqrestore(&xf->oob_writers.wchan.lock, flags);
}

static bool valid_size(u32 bytes)
{
	return bytes > 0 && bytes <= XFIFO_MAX_RING;
}

/* in-band: new rings, before any transfer */
static int set_sizes(struct xfifo_file *xf, const struct xfifo_sizes *sz)
{
	char *i2o, *o2i, *old_i2o, *old_o2i;
	unsigned long flags;
	int ret = 0;

	if (!valid_size(sz->inband_to_oob) || !valid_size(sz->oob_to_inband))
		return -EINVAL;

	i2o = kvmalloc(sz->inband_to_oob, GFP_KERNEL);
	o2i = kvmalloc(sz->oob_to_inband, GFP_KERNEL);
	if (!i2o || !o2i) {
		kvfree(i2o);
		kvfree(o2i);
		return -ENOMEM;
	}

	/* the in-band side's mutexes keep read(2)/write(2) out; started keeps oob out */
	mutex_lock(&xf->rd_lock);
	mutex_lock(&xf->wr_lock);
	raw_spin_lock_irqsave(&xf->oob_readers.wchan.lock, flags);
	raw_spin_lock(&xf->oob_writers.wchan.lock);
	if (xf->started) {
		ret = -EBUSY;
	} else {
		old_i2o = xf->i2o.data;
		old_o2i = xf->o2i.data;
		xf->i2o.data = i2o;
		xf->i2o.size = sz->inband_to_oob;
		xf->o2i.data = o2i;
		xf->o2i.size = sz->oob_to_inband;
		i2o = old_i2o;
		o2i = old_o2i;
		update_status(xf);
	}
	raw_spin_unlock(&xf->oob_writers.wchan.lock);
	raw_spin_unlock_irqrestore(&xf->oob_readers.wchan.lock, flags);
	mutex_unlock(&xf->wr_lock);
	mutex_unlock(&xf->rd_lock);

	kvfree(i2o);	/* the old rings, or the new ones if refused */
	kvfree(o2i);
	return ret;
}

static long xfifo_ioctl(struct file *filp, unsigned int cmd, unsigned long arg)
{
	struct xfifo_file *xf = filp->private_data;
	struct xfifo_status st;
	struct xfifo_sizes sz;

	switch (cmd) {
	case XFIFO_IOC_SET_SIZES:
		if (copy_from_user(&sz, (void __user *)arg, sizeof(sz)))
			return -EFAULT;
		return set_sizes(xf, &sz);
	case XFIFO_IOC_GET_STATUS:
		get_status(xf, &st);
		return copy_to_user((void __user *)arg, &st, sizeof(st)) ? -EFAULT : 0;
	default:
		return -ENOTTY;
	}
}

static long xfifo_oob_ioctl(struct file *filp, unsigned int cmd, unsigned long arg)
{
	struct xfifo_file *xf = filp->private_data;
	struct xfifo_status st;

	switch (cmd) {
	case XFIFO_IOC_GET_STATUS:
		get_status(xf, &st);
		return raw_copy_to_user((void __user *)arg, &st, sizeof(st)) ? -EFAULT : 0;
	default:
		return -ENOTTY;
	}
}

/* offset 0, one page, read-only: the status page */
static int xfifo_mmap(struct file *filp, struct vm_area_struct *vma)
{
	struct xfifo_file *xf = filp->private_data;

	if (vma->vm_pgoff != 0 || vma->vm_end - vma->vm_start != PAGE_SIZE)
		return -EINVAL;
	if (vma->vm_flags & VM_WRITE)
		return -EPERM;
	vm_flags_clear(vma, VM_MAYWRITE);
	return remap_vmalloc_range(vma, xf->status, 0);
}

/* ---- open and release ------------------------------------------------------------------ */

static void xfifo_free(struct xfifo_file *xf)
{
	kvfree(xf->i2o.data);
	kvfree(xf->o2i.data);
	vfree(xf->status);
	kfree(xf);
}

static int xfifo_open(struct inode *inode, struct file *filp)
{
	struct xfifo_file *xf;
	int ret;

	if (!valid_size(size))
		return -EINVAL;

	xf = kzalloc(sizeof(*xf), GFP_KERNEL);
	if (!xf)
		return -ENOMEM;
	xf->i2o.size = xf->o2i.size = size;
	xf->i2o.data = kvmalloc(size, GFP_KERNEL);
	xf->o2i.data = kvmalloc(size, GFP_KERNEL);
	xf->status = vmalloc_user(PAGE_SIZE);
	if (!xf->i2o.data || !xf->o2i.data || !xf->status) {
		xfifo_free(xf);
		return -ENOMEM;
	}

	evl_init_wait(&xf->oob_readers, &evl_mono_clock, EVL_WAIT_PRIO);
	evl_init_wait(&xf->oob_writers, &evl_mono_clock, EVL_WAIT_PRIO);
	evl_init_kmutex(&xf->oob_rd_lock);
	evl_init_kmutex(&xf->oob_wr_lock);
	init_waitqueue_head(&xf->inband_readers);
	init_waitqueue_head(&xf->inband_writers);
	mutex_init(&xf->rd_lock);
	mutex_init(&xf->wr_lock);
	init_irq_work(&xf->inband_wake, inband_wake_work);
	evl_init_poll_head(&xf->poll_head);
	update_status(xf);

	ret = evl_open_file(&xf->efile, filp);
	if (ret) {
		xfifo_free(xf);
		return ret;
	}
	filp->private_data = xf;

	return stream_open(inode, filp);
}

static int xfifo_release(struct inode *inode, struct file *filp)
{
	struct xfifo_file *xf = filp->private_data;
	unsigned long flags;

	/*
	 * Wake the oob waiters with -EIDRM, then wait for every oob caller to leave.
	 * ->releasing is read under either ring lock: it is set under both.
	 */
	raw_spin_lock_irqsave(&xf->oob_readers.wchan.lock, flags);
	raw_spin_lock(&xf->oob_writers.wchan.lock);
	xf->releasing = true;
	evl_flush_wait_locked(&xf->oob_readers, EVL_T_RMID);
	evl_flush_wait_locked(&xf->oob_writers, EVL_T_RMID);
	raw_spin_unlock(&xf->oob_writers.wchan.lock);
	raw_spin_unlock_irqrestore(&xf->oob_readers.wchan.lock, flags);
	evl_schedule();

	evl_release_file(&xf->efile);

	irq_work_sync(&xf->inband_wake);
	evl_destroy_kmutex(&xf->oob_wr_lock);
	evl_destroy_kmutex(&xf->oob_rd_lock);
	evl_destroy_wait(&xf->oob_writers);
	evl_destroy_wait(&xf->oob_readers);
	mutex_destroy(&xf->wr_lock);
	mutex_destroy(&xf->rd_lock);
	xfifo_free(xf);

	return 0;
}

static const struct file_operations xfifo_fops = {
	.owner		= THIS_MODULE,
	.open		= xfifo_open,
	.release	= xfifo_release,
	.read		= xfifo_read,
	.write		= xfifo_write,
	.poll		= xfifo_poll,
	.unlocked_ioctl	= xfifo_ioctl,
	.compat_ioctl	= compat_ptr_ioctl,
	.mmap		= xfifo_mmap,
	.oob_read	= xfifo_oob_read,
	.oob_write	= xfifo_oob_write,
	.oob_ioctl	= xfifo_oob_ioctl,
	.compat_oob_ioctl = compat_ptr_oob_ioctl,
	.oob_poll	= xfifo_oob_poll,
};

static struct miscdevice xfifo_misc = {
	.minor	= MISC_DYNAMIC_MINOR,
	.name	= XFIFO_DEVICE_NAME,
	.fops	= &xfifo_fops,
};

static int __init xfifo_init(void)
{
	if (!valid_size(size)) {
		pr_err("xfifo: size=%u is out of range (1 to %u)\n", size, XFIFO_MAX_RING);
		return -EINVAL;
	}
	return misc_register(&xfifo_misc);
}
module_init(xfifo_init);

static void __exit xfifo_exit(void)
{
	misc_deregister(&xfifo_misc);
}
module_exit(xfifo_exit);

MODULE_LICENSE("GPL");
MODULE_DESCRIPTION("A cross-stage FIFO: in-band write to oob read, oob write to in-band read");
