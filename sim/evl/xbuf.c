// SPDX-License-Identifier: LGPL-2.1-or-later
/*
 * The cross-buffer element (kernel world), after kernel/evl/xbuf.c (spec 6.3).
 *
 * Two byte rings. Inbound: oob_write() (or evl_write_xbuf()) -> in-band read(), guarded
 * by a hard lock; a full ring makes the oob writer wait on an EVL flag, an empty one the
 * in-band reader on an in-band wait queue, which the writer wakes through irq_work.
 * Outbound: in-band write() -> oob_read() (or evl_read_xbuf()), guarded by the lock of an
 * EVL wait queue the oob reader waits on; the in-band writer waits on an in-band queue,
 * which the reader wakes through irq_work.
 *
 * A transfer reserves its slot under the lock and copies with the lock dropped, so that
 * nothing copies to or from user memory under a hard lock; the ring's fill level moves
 * when the last transfer in flight on that side ends. Writes are whole or not at all;
 * a blocking read waits for the whole count (-EINVAL beyond the ring's size) unless a
 * writer waits for room meanwhile, then it takes what is there; a non-blocking one takes
 * what is there or fails with -EAGAIN. Closing the last descriptor wakes the oob waiters
 * with -EIDRM.
 */
#include <linux/fs.h>
#include <linux/slab.h>
#include <linux/poll.h>
#include <linux/wait.h>
#include <linux/irq_work.h>
#include <linux/anon_inodes.h>
#include <linux/file.h>
#include <linux/log2.h>
#include <linux/compat.h>
#include <evl/file.h>
#include <evl/flag.h>
#include <evl/wait.h>
#include <evl/poll.h>
#include <evl/sched.h>
#include <evl/uaccess.h>
#include <evl/xbuf.h>
#include <uapi/evl/factory-abi.h>
#include <uapi/evl/thread-abi.h>
#include "kinternal.h"

struct xbuf_ring {
	char *mem;
	size_t size;
	size_t fill;			/* bytes readable, transfers in flight aside */
	size_t rdoff, wroff;
	size_t rdrsvd, wrrsvd;		/* reserved by transfers in flight */
	int rdpending, wrpending;
	atomic_t writers_waiting;
};

struct evl_xbuf {
	struct evl_file efile;
	struct evl_poll_head poll_head;
	/* inbound: oob -> in-band */
	struct xbuf_ring in;
	hard_spinlock_t in_lock;
	struct evl_flag in_room;		/* oob writers wait for room */
	struct wait_queue_head in_data;		/* in-band readers wait for data */
	struct irq_work in_work;
	/* outbound: in-band -> oob */
	struct xbuf_ring out;
	struct evl_wait_queue out_data;		/* oob readers wait; its lock guards @out */
	struct wait_queue_head out_room;	/* in-band writers wait for room */
	struct irq_work out_work;
};

/* a transfer: to or from user memory, or kernel memory (evl_*_xbuf()) */
struct xfer {
	char *buf;
	bool kernel;
};

static bool inbound(struct evl_xbuf *xbuf, struct xbuf_ring *ring)
{
	return ring == &xbuf->in;
}

static unsigned long ring_lock(struct evl_xbuf *xbuf, struct xbuf_ring *ring)
{
	unsigned long flags;

	if (inbound(xbuf, ring))
		raw_spin_lock_irqsave(&xbuf->in_lock, flags);
	else
		raw_spin_lock_irqsave(&xbuf->out_data.wchan.lock, flags);
	return flags;
}

static void ring_unlock(struct evl_xbuf *xbuf, struct xbuf_ring *ring, unsigned long flags)
{
	if (inbound(xbuf, ring))
		raw_spin_unlock_irqrestore(&xbuf->in_lock, flags);
	else
		raw_spin_unlock_irqrestore(&xbuf->out_data.wchan.lock, flags);
}

/* copies @n bytes between the ring at @off and the transfer's buffer at @done */
static int copy_out(struct xbuf_ring *ring, size_t off, struct xfer *x, size_t done, size_t n)
{
	if (x->kernel) {
		memcpy(x->buf + done, ring->mem + off, n);
		return 0;
	}
	return raw_copy_to_user((char __user *)x->buf + done, ring->mem + off, n) ? -EFAULT : 0;
}

static int copy_in(struct xbuf_ring *ring, size_t off, struct xfer *x, size_t done, size_t n)
{
	unsigned long left;

	if (x->kernel) {
		memcpy(ring->mem + off, x->buf + done, n);
		return 0;
	}
	left = raw_copy_from_user(ring->mem + off, (const char __user *)x->buf + done, n);
	if (left)	/* the slot is taken: what could not be copied reads as zeros */
		memset(ring->mem + off + n - left, 0, left);
	return left ? -EFAULT : 0;
}

/*
 * Copies the reserved slot of @len bytes at @off, wrapping around the ring, out of it to
 * the transfer (@out) or into it, without the ring's lock, which is taken again before
 * the return (*@flags). Returns @len, or the error of the first chunk that failed.
 */
static ssize_t copy_slot(struct evl_xbuf *xbuf, struct xbuf_ring *ring, size_t off,
			 struct xfer *x, size_t len, unsigned long *flags, bool out)
{
	size_t done, n;
	int err;

	for (done = 0; done < len; done += n) {
		n = min(len - done, ring->size - off);
		ring_unlock(xbuf, ring, *flags);
		err = out ? copy_out(ring, off, x, done, n) : copy_in(ring, off, x, done, n);
		*flags = ring_lock(xbuf, ring);
		if (err)
			return err;
		off = (off + n) % ring->size;
	}
	return (ssize_t)len;
}

/* a reader waits for @len bytes: 0, -EAGAIN (a writer waits for room: read what is
 * there), or the wait's error */
static int wait_data(struct evl_xbuf *xbuf, struct xbuf_ring *ring, size_t len, size_t avail)
{
	if (avail && atomic_read(&ring->writers_waiting))
		return -EAGAIN;
	if (inbound(xbuf, ring))
		return wait_event_interruptible(xbuf->in_data, READ_ONCE(ring->fill) >= len);
	return evl_wait_event(&xbuf->out_data, ring->fill >= len);
}

/* a writer waits for room for @len bytes */
static int wait_room(struct evl_xbuf *xbuf, struct xbuf_ring *ring, size_t len)
{
	int ret;

	atomic_inc(&ring->writers_waiting);
	if (inbound(xbuf, ring))
		ret = evl_wait_flag(&xbuf->in_room);
	else
		ret = wait_event_interruptible(xbuf->out_room,
					       READ_ONCE(ring->fill) + len <= ring->size);
	atomic_dec(&ring->writers_waiting);
	return ret;
}

/* ring locked: data arrived (@was_empty: the ring was empty before) */
static void signal_data(struct evl_xbuf *xbuf, struct xbuf_ring *ring, bool was_empty)
{
	if (inbound(xbuf, ring)) {
		irq_work_queue(&xbuf->in_work);
	} else {
		if (was_empty)
			evl_signal_poll_events(&xbuf->poll_head, POLLIN | POLLRDNORM);
		evl_flush_wait_locked(&xbuf->out_data, 0);
	}
}

/* ring locked: room was made (@was_full: the ring was full before) */
static void signal_room(struct evl_xbuf *xbuf, struct xbuf_ring *ring, bool was_full)
{
	if (inbound(xbuf, ring)) {
		if (was_full)
			evl_signal_poll_events(&xbuf->poll_head, POLLOUT | POLLWRNORM);
		evl_raise_flag_nosched(&xbuf->in_room);
	} else {
		irq_work_queue(&xbuf->out_work);
	}
}

/*
 * Ring lock held (@flags), room or data there for @len bytes: reserves the slot, copies
 * without the lock (consumed even on error when reading), and the last transfer in flight
 * on the side commits them all to ->fill and signals the other side. Unlocks.
 */
static ssize_t xfer_slot(struct evl_xbuf *xbuf, struct xbuf_ring *ring, struct xfer *x,
			 size_t len, unsigned long flags, bool read)
{
	size_t *offp = read ? &ring->rdoff : &ring->wroff;
	size_t *rsvd = read ? &ring->rdrsvd : &ring->wrrsvd;
	int *pending = read ? &ring->rdpending : &ring->wrpending;
	size_t off = *offp;
	bool was_edge;
	ssize_t ret;

	*offp = (off + len) % ring->size;
	(*pending)++;
	*rsvd += len;
	ret = copy_slot(xbuf, ring, off, x, len, &flags, read);
	if (--*pending == 0) {
		/* ->fill is read locklessly by in-band waiters (READ_ONCE) */
		if (read) {
			was_edge = ring->fill == ring->size;
			WRITE_ONCE(ring->fill, ring->fill - *rsvd);
		} else {
			was_edge = ring->fill == 0;
			WRITE_ONCE(ring->fill, ring->fill + *rsvd);
		}
		*rsvd = 0;
		if (read)
			signal_room(xbuf, ring, was_edge);
		else
			signal_data(xbuf, ring, was_edge);
	}
	ring_unlock(xbuf, ring, flags);
	evl_schedule();
	return ret;
}

static ssize_t xbuf_do_read(struct evl_xbuf *xbuf, struct xbuf_ring *ring, struct xfer *x,
			    size_t count, int f_flags)
{
	size_t len = count, avail;
	unsigned long flags;
	int err;

	for (;;) {
		flags = ring_lock(xbuf, ring);
		avail = ring->fill - ring->rdrsvd;
		if (avail >= len)
			break;
		if (f_flags & O_NONBLOCK) {
			if (avail)
				break;
			ring_unlock(xbuf, ring, flags);
			return -EAGAIN;
		}
		if (len > ring->size) {
			ring_unlock(xbuf, ring, flags);
			return -EINVAL;
		}
		ring_unlock(xbuf, ring, flags);
		err = wait_data(xbuf, ring, len, avail);
		if (err == -EAGAIN) {
			len = avail;	/* short read: a writer is stuck behind us */
			continue;
		}
		if (err)
			return err;
	}
	return xfer_slot(xbuf, ring, x, min(len, avail), flags, true);
}

static ssize_t xbuf_do_write(struct evl_xbuf *xbuf, struct xbuf_ring *ring, struct xfer *x,
			     size_t count, int f_flags)
{
	size_t len = count;
	unsigned long flags;
	int err;

	for (;;) {
		flags = ring_lock(xbuf, ring);
		if (ring->fill + ring->wrrsvd + len <= ring->size)
			break;
		ring_unlock(xbuf, ring, flags);
		if (f_flags & O_NONBLOCK)
			return -EAGAIN;
		err = wait_room(xbuf, ring, len);
		if (err)
			return err;
	}
	return xfer_slot(xbuf, ring, x, len, flags, false);
}

/* either direction: 0 for a zero count, -ENOBUFS for a side with no ring */
static ssize_t xbuf_xfer(struct evl_xbuf *xbuf, struct xbuf_ring *ring, struct xfer *x,
			 size_t count, int f_flags, bool write)
{
	if (!count)
		return 0;
	if (!ring->size)
		return -ENOBUFS;
	return write ? xbuf_do_write(xbuf, ring, x, count, f_flags) :
		       xbuf_do_read(xbuf, ring, x, count, f_flags);
}

/* ---- the element's file ----------------------------------------------------------------- */

/* in-band */
static ssize_t xbuf_read(struct file *filp, char __user *buf, size_t count, loff_t *ppos)
{
	struct evl_xbuf *xbuf = filp->private_data;
	struct xfer x = { .buf = (char __force *)buf };

	return xbuf_xfer(xbuf, &xbuf->in, &x, count, filp->f_flags, false);
}

/* in-band */
static ssize_t xbuf_write(struct file *filp, const char __user *buf, size_t count,
			  loff_t *ppos)
{
	struct evl_xbuf *xbuf = filp->private_data;
	struct xfer x = { .buf = (char __force *)buf };

	return xbuf_xfer(xbuf, &xbuf->out, &x, count, filp->f_flags, true);
}

/* oob */
static ssize_t xbuf_oob_read(struct file *filp, char __user *buf, size_t count)
{
	struct evl_xbuf *xbuf = filp->private_data;
	struct xfer x = { .buf = (char __force *)buf };

	return xbuf_xfer(xbuf, &xbuf->out, &x, count, filp->f_flags, false);
}

/* oob */
static ssize_t xbuf_oob_write(struct file *filp, const char __user *buf, size_t count)
{
	struct evl_xbuf *xbuf = filp->private_data;
	struct xfer x = { .buf = (char __force *)buf };

	return xbuf_xfer(xbuf, &xbuf->in, &x, count, filp->f_flags, true);
}

static long xbuf_ioctl(struct file *filp, unsigned int cmd, unsigned long arg)
{
	return -ENOTTY;
}

/* the readiness of @rd (readable when not empty) and @wr (writable when not full) */
static __poll_t ready_mask(struct evl_xbuf *xbuf, struct xbuf_ring *rd, struct xbuf_ring *wr)
{
	unsigned long flags;
	__poll_t ready = 0;

	flags = ring_lock(xbuf, rd);
	if (rd->fill > 0)
		ready |= POLLIN | POLLRDNORM;
	ring_unlock(xbuf, rd, flags);
	flags = ring_lock(xbuf, wr);
	if (wr->fill < wr->size)
		ready |= POLLOUT | POLLWRNORM;
	ring_unlock(xbuf, wr, flags);
	return ready;
}

/* in-band */
static __poll_t xbuf_poll(struct file *filp, poll_table *wait)
{
	struct evl_xbuf *xbuf = filp->private_data;

	poll_wait(filp, &xbuf->in_data, wait);
	poll_wait(filp, &xbuf->out_room, wait);
	return ready_mask(xbuf, &xbuf->in, &xbuf->out);
}

/* oob */
static __poll_t xbuf_oob_poll(struct file *filp, struct oob_poll_wait *wait)
{
	struct evl_xbuf *xbuf = filp->private_data;

	evl_poll_watch(&xbuf->poll_head, wait, NULL);
	return ready_mask(xbuf, &xbuf->out, &xbuf->in);
}

static void wake_inband_reader(struct irq_work *work)
{
	wake_up(&container_of(work, struct evl_xbuf, in_work)->in_data);
}

static void wake_inband_writer(struct irq_work *work)
{
	wake_up(&container_of(work, struct evl_xbuf, out_work)->out_room);
}

static void xbuf_free(struct evl_xbuf *xbuf)
{
	kfree(xbuf->in.mem);
	kfree(xbuf->out.mem);
	kfree(xbuf);
}

/* in-band: the oob waiters get -EIDRM, then the calls in flight end before it goes */
static int xbuf_release(struct inode *inode, struct file *filp)
{
	struct evl_xbuf *xbuf = filp->private_data;

	evl_flush_wait(&xbuf->out_data, EVL_T_RMID);
	evl_flush_flag(&xbuf->in_room, EVL_T_RMID);
	evl_release_file(&xbuf->efile);
	irq_work_sync(&xbuf->in_work);
	irq_work_sync(&xbuf->out_work);
	evl_destroy_wait(&xbuf->out_data);
	evl_destroy_flag(&xbuf->in_room);
	xbuf_free(xbuf);
	return 0;
}

static const struct file_operations xbuf_fops = {
	.release	= xbuf_release,
	.unlocked_ioctl	= xbuf_ioctl,
	.read		= xbuf_read,
	.write		= xbuf_write,
	.poll		= xbuf_poll,
	.oob_ioctl	= xbuf_ioctl,
	.oob_read	= xbuf_oob_read,
	.oob_write	= xbuf_oob_write,
	.oob_poll	= xbuf_oob_poll,
#ifdef CONFIG_COMPAT
	.compat_ioctl	= compat_ptr_ioctl,
	.compat_oob_ioctl = compat_ptr_oob_ioctl,
#endif
};

/* ---- the kernel API ---------------------------------------------------------------------- */

struct evl_xbuf *evl_get_xbuf(int efd, struct evl_file **efilpp)
{
	struct evl_file *efilp = evl_get_file(efd);

	if (!efilp)
		return NULL;
	if (efilp->filp->f_op != &xbuf_fops) {
		evl_put_file(efilp);
		return NULL;
	}
	*efilpp = efilp;
	return efilp->filp->private_data;
}

void evl_put_xbuf(struct evl_file *efilp)
{
	evl_put_file(efilp);
}

ssize_t evl_read_xbuf(struct evl_xbuf *xbuf, void *buf, size_t count, int f_flags)
{
	struct xfer x = { .buf = buf, .kernel = true };

	if (!(f_flags & O_NONBLOCK) && evl_cannot_block())
		return -EPERM;
	return xbuf_xfer(xbuf, &xbuf->out, &x, count, f_flags, false);
}

ssize_t evl_write_xbuf(struct evl_xbuf *xbuf, const void *buf, size_t count, int f_flags)
{
	struct xfer x = { .buf = (char *)buf, .kernel = true };

	if (!(f_flags & O_NONBLOCK) && evl_cannot_block())
		return -EPERM;
	return xbuf_xfer(xbuf, &xbuf->in, &x, count, f_flags, true);
}

/* ---- creation (libevl's evl_create_xbuf()) ---------------------------------------------- */

static int ring_init(struct xbuf_ring *ring, size_t size)
{
	ring->size = size;
	atomic_set(&ring->writers_waiting, 0);
	if (!size)
		return 0;
	ring->mem = kzalloc(size, GFP_KERNEL);
	return ring->mem ? 0 : -ENOMEM;
}

/**
 * evlsim__xbuf_create - a new xbuf, open on a new descriptor
 * @i_bufsz: size of the inbound ring (oob writers, in-band readers)
 * @o_bufsz: size of the outbound ring (in-band writers, oob readers)
 * @clone_flags: EVL_CLONE_PRIVATE, EVL_CLONE_NONBLOCK (the descriptor is O_NONBLOCK)
 *
 * Returns the descriptor (O_CLOEXEC, as libevl opens elements), -EINVAL for two empty
 * rings, a ring over 2^30 bytes or an unknown flag, -EOPNOTSUPP for EVL_CLONE_PUBLIC,
 * -ENOMEM, -EMFILE.
 */
int evlsim__xbuf_create(unsigned long i_bufsz, unsigned long o_bufsz, int clone_flags)
{
	int fd, ret, oflags = O_RDWR | (clone_flags & EVL_CLONE_NONBLOCK ? O_NONBLOCK : 0);
	struct evl_xbuf *xbuf;
	struct file *filp;

	if (clone_flags & EVL_CLONE_PUBLIC)
		return -EOPNOTSUPP;
	if (clone_flags & ~EVL_CLONE_NONBLOCK)
		return -EINVAL;
	if ((!i_bufsz && !o_bufsz) || order_base_2(i_bufsz) > 30 || order_base_2(o_bufsz) > 30)
		return -EINVAL;
	xbuf = kzalloc(sizeof(*xbuf), GFP_KERNEL);
	if (!xbuf)
		return -ENOMEM;
	ret = ring_init(&xbuf->in, i_bufsz);
	if (!ret)
		ret = ring_init(&xbuf->out, o_bufsz);
	if (ret)
		goto fail;
	raw_spin_lock_init(&xbuf->in_lock);
	evl_init_flag(&xbuf->in_room);
	init_waitqueue_head(&xbuf->in_data);
	init_irq_work(&xbuf->in_work, wake_inband_reader);
	evl_init_wait(&xbuf->out_data, &evl_mono_clock, EVL_WAIT_PRIO);
	init_waitqueue_head(&xbuf->out_room);
	init_irq_work(&xbuf->out_work, wake_inband_writer);
	evl_init_poll_head(&xbuf->poll_head);

	fd = get_unused_fd_flags(O_RDWR | O_CLOEXEC);
	if (fd < 0) {
		ret = fd;
		goto fail_objects;
	}
	filp = anon_inode_getfile("[evl-xbuf]", &xbuf_fops, xbuf, oflags);
	if (IS_ERR(filp)) {
		put_unused_fd(fd);
		ret = PTR_ERR(filp);
		goto fail_objects;
	}
	evl_open_file(&xbuf->efile, filp);
	fd_install(fd, filp);
	return fd;

fail_objects:
	evl_destroy_wait(&xbuf->out_data);
	evl_destroy_flag(&xbuf->in_room);
fail:
	xbuf_free(xbuf);
	return ret;
}
