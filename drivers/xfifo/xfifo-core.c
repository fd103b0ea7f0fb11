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
 * This file opens, controls, maps and releases the file; xfifo-ring.c holds the rings and
 * the transfers through them (the module is both objects, as in drivers/xfifo/Kbuild).
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
#include "xfifo.h"

static unsigned int size = 4096;
module_param(size, uint, 0444);
MODULE_PARM_DESC(size, "default capacity of each ring of an open file, in bytes");
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
		xfifo_update_status(xf);
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
	init_irq_work(&xf->inband_wake, xfifo_inband_wake_work);
	evl_init_poll_head(&xf->poll_head);
	xfifo_update_status(xf);

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
