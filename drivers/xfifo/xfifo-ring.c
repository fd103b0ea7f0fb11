// SPDX-License-Identifier: GPL-2.0-only
/*
 * xfifo: the rings and the transfers through them, out-of-band (oob_read, oob_write,
 * oob_poll) and in-band (read, write, poll). The locking is described in xfifo-core.c.
 */
#include <linux/slab.h>
#include <linux/uaccess.h>
#include "xfifo.h"

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

void xfifo_update_status(struct xfifo_file *xf)
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

void xfifo_inband_wake_work(struct irq_work *work)
{
	struct xfifo_file *xf = container_of(work, struct xfifo_file, inband_wake);

	wake_up_interruptible_poll(&xf->inband_readers, EPOLLIN | EPOLLRDNORM);
	wake_up_interruptible_poll(&xf->inband_writers, EPOLLOUT | EPOLLWRNORM);
}

ssize_t xfifo_oob_read(struct file *filp, char __user *u_buf, size_t count)
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
	xfifo_update_status(xf);
	raw_spin_unlock_irqrestore(&xf->oob_readers.wchan.lock, flags);
	irq_work_queue(&xf->inband_wake);	/* room for in-band writers */
	ret = n;
out:
	evl_unlock_kmutex(&xf->oob_rd_lock);
	return ret;
}

ssize_t xfifo_oob_write(struct file *filp, const char __user *u_buf, size_t count)
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
		xfifo_update_status(xf);
		raw_spin_unlock_irqrestore(&xf->oob_writers.wchan.lock, flags);
		irq_work_queue(&xf->inband_wake);	/* data for in-band readers */
		done += n;
	}

	evl_unlock_kmutex(&xf->oob_wr_lock);
	/* what went in stays in: a late error only shortens the count */
	return done ?: ret;
}

__poll_t xfifo_oob_poll(struct file *filp, struct oob_poll_wait *wait)
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

ssize_t xfifo_read(struct file *filp, char __user *u_buf, size_t count, loff_t *ppos)
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
	xfifo_update_status(xf);
	evl_flush_wait_locked(&xf->oob_writers, 0);	/* room: oob writers re-check */
	raw_spin_unlock_irqrestore(&xf->oob_writers.wchan.lock, flags);
	evl_signal_poll_events(&xf->poll_head, POLLOUT | POLLWRNORM);
	evl_schedule();
	ret = n;
out:
	mutex_unlock(&xf->rd_lock);
	return ret;
}

ssize_t xfifo_write(struct file *filp, const char __user *u_buf, size_t count,
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
		xfifo_update_status(xf);
		evl_flush_wait_locked(&xf->oob_readers, 0);	/* data: oob readers re-check */
		raw_spin_unlock_irqrestore(&xf->oob_readers.wchan.lock, flags);
		evl_signal_poll_events(&xf->poll_head, POLLIN | POLLRDNORM);
		evl_schedule();
		done += n;
	}

	mutex_unlock(&xf->wr_lock);
	return done ?: ret;
}

__poll_t xfifo_poll(struct file *filp, poll_table *wait)
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
