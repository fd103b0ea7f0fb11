// SPDX-License-Identifier: LGPL-2.1-or-later
/*
 * The proxy element (kernel world), after kernel/evl/proxy.c (spec 6.4): a file that
 * relays bytes between out-of-band callers and a target file that only has in-band
 * I/O (a pipe, a terminal, a log file), so that an oob thread can print without
 * leaving the oob stage.
 *
 * Output (EVL_CLONE_OUTPUT, the default with a ring and no direction): oob_write() or
 * write() copies into a ring under a hard lock, whole or not at all; the first bytes
 * into an empty ring start the relay, which writes the ring to the target with
 * kernel_write() from an ordered workqueue (in-band), at most @granularity bytes per
 * call when one is set; an in-band writer relays itself. A full ring makes an oob
 * writer wait on an EVL flag, an in-band one on an in-band queue, until the relay
 * has made room.
 *
 * Input (EVL_CLONE_INPUT): oob_read() asks the relay for its count, the relay fills
 * the ring from the target with kernel_read() and wakes the reader; an in-band read()
 * fills it itself. EOF on the target ends a waiting read with 0, an error is returned
 * once the ring is drained and stays. oob_poll() with an empty input ring starts a
 * readahead of one granule.
 *
 * Closing the last descriptor wakes the oob waiters with -EIDRM, which they return as
 * -EBADF; work not started is cancelled (output not yet relayed is lost, as on a
 * board), work started runs to its end. The relay itself is in evl/proxy-relay.c.
 */
#include <linux/fs.h>
#include <linux/slab.h>
#include <linux/poll.h>
#include <linux/wait.h>
#include <linux/file.h>
#include <linux/log2.h>
#include <linux/mutex.h>
#include <linux/mm.h>
#include <linux/workqueue.h>
#include <linux/anon_inodes.h>
#include <evl/file.h>
#include <evl/flag.h>
#include <evl/poll.h>
#include <evl/sched.h>
#include <evl/work.h>
#include <evl/uaccess.h>
#include <uapi/evl/factory-abi.h>
#include <uapi/evl/proxy-abi.h>
#include <uapi/evl/thread-abi.h>
#include "kinternal.h"
#include "evl/proxy.h"

#define PROXY_CLONE_FLAGS	(EVL_CLONE_PUBLIC | EVL_CLONE_OUTPUT | EVL_CLONE_INPUT)

static bool can_write_buffer(struct proxy_ring *ring, size_t size)
{
	return atomic_read(&ring->fillsz) + ring->reserved + size <= ring->bufsz;
}

/* either stage: 0, @count, -EAGAIN (no room), -EFBIG, -EINVAL, -EFAULT */
static ssize_t do_proxy_write(struct evl_proxy *proxy, const char __user *u_buf,
			      size_t count)
{
	struct proxy_ring *ring = &proxy->output;
	unsigned int wroff, left, n, rsvd;
	unsigned long flags, xret;
	ssize_t ret;

	if (count == 0)
		return 0;
	if (count > ring->bufsz)
		return -EFBIG;
	if (ring->granularity > 1 && count % ring->granularity)
		return -EINVAL;

	raw_spin_lock_irqsave(&ring->lock, flags);
	if (!can_write_buffer(ring, count)) {	/* whole writes only */
		raw_spin_unlock_irqrestore(&ring->lock, flags);
		return -EAGAIN;
	}
	/* reserve the slot, copy into it without the lock */
	wroff = ring->wroff;
	ring->wroff = (wroff + count) % ring->bufsz;
	ring->nesting++;
	ring->reserved += count;
	ret = count;
	for (left = count; left > 0; left -= n) {
		n = min(left, ring->bufsz - wroff);
		raw_spin_unlock_irqrestore(&ring->lock, flags);
		xret = raw_copy_from_user(ring->bufmem + wroff, u_buf, n);
		raw_spin_lock_irqsave(&ring->lock, flags);
		if (xret) {	/* the slot is taken: what could not be copied is zeros */
			memset(ring->bufmem + wroff + n - xret, 0, xret);
			ret = -EFAULT;
			break;
		}
		u_buf += n;
		wroff = (wroff + n) % ring->bufsz;
	}
	if (--ring->nesting == 0) {
		rsvd = ring->reserved;
		ring->reserved = 0;
		n = atomic_add_return(rsvd, &ring->fillsz);
		if (n == rsvd) {	/* it was empty: start the relay */
			if (running_inband()) {
				raw_spin_unlock_irqrestore(&ring->lock, flags);
				evlsim__proxy_relay_output(proxy);
				return ret;
			}
			evl_call_inband_from(&ring->relay_work, ring->wq);
		}
	}
	raw_spin_unlock_irqrestore(&ring->lock, flags);
	return ret;
}

/*
 * Either stage: @count (or less, non-blocking), -EAGAIN when the caller should ask the
 * relay and wait, the target's read error once the ring is drained, -EFBIG, -EINVAL,
 * -EFAULT.
 */
static ssize_t do_proxy_read(struct file *filp, struct evl_proxy *proxy,
			     char __user *u_buf, size_t count)
{
	struct proxy_ring *ring = &proxy->input;
	unsigned int rdoff, avail, len, left, n;
	unsigned long flags, xret;
	ssize_t ret;

	if (count > ring->bufsz)
		return -EFBIG;
	if (ring->granularity > 1 && count % ring->granularity)
		return -EINVAL;

	len = count;
	raw_spin_lock_irqsave(&ring->lock, flags);
	avail = atomic_read_acquire(&ring->fillsz) - ring->reserved;
	if (avail < len) {
		/* non-blocking: the whole granules there are */
		if (avail > 0 && (filp->f_flags & O_NONBLOCK))
			len = rounddown(avail, ring->granularity ?: 1);
		else
			len = 0;
		if (!len) {
			raw_spin_unlock_irqrestore(&ring->lock, flags);
			/* once drained, the target's error; else nothing yet: wait, retry */
			ret = atomic_read(&proxy->on_error);
			return ret ?: -EAGAIN;
		}
	}
	rdoff = ring->rdoff;
	ring->rdoff = (rdoff + len) % ring->bufsz;
	ring->nesting++;
	ring->reserved += len;
	ret = len;
	for (left = len; left > 0; left -= n) {
		n = min(left, ring->bufsz - rdoff);
		raw_spin_unlock_irqrestore(&ring->lock, flags);
		xret = raw_copy_to_user(u_buf, ring->bufmem + rdoff, n);
		raw_spin_lock_irqsave(&ring->lock, flags);
		if (xret) {		/* consumed anyway */
			ret = -EFAULT;
			break;
		}
		u_buf += n;
		rdoff = (rdoff + n) % ring->bufsz;
	}
	if (--ring->nesting == 0) {
		atomic_sub_return(ring->reserved, &ring->fillsz);
		ring->reserved = 0;
	}
	raw_spin_unlock_irqrestore(&ring->lock, flags);
	evl_schedule();
	return ret;
}

/* either stage: waits for room, an oob caller on the ring's flag, an in-band one on its queue */
static ssize_t proxy_do_write(struct file *filp, const char __user *u_buf, size_t count,
			      bool oob)
{
	struct evl_proxy *proxy = filp->private_data;
	struct proxy_ring *ring = &proxy->output;
	unsigned long flags;
	ssize_t ret;
	bool room;

	if (!proxy_may_write(proxy))
		return -ENXIO;
	do {
		ret = do_proxy_write(proxy, u_buf, count);
		if (ret != -EAGAIN || (filp->f_flags & O_NONBLOCK))
			break;
		if (oob)
			ret = evl_wait_flag(&ring->oob_wait);
		else
			ret = wait_event_interruptible(ring->inband_wait_w, ({
				raw_spin_lock_irqsave(&ring->lock, flags);
				room = can_write_buffer(ring, count);
				raw_spin_unlock_irqrestore(&ring->lock, flags);
				room; }));
	} while (!ret);

	return ret == -EIDRM ? -EBADF : ret;
}

/* oob */
static ssize_t proxy_oob_write(struct file *filp, const char __user *u_buf, size_t count)
{
	return proxy_do_write(filp, u_buf, count, true);
}

/* in-band */
static ssize_t proxy_write(struct file *filp, const char __user *u_buf, size_t count,
			   loff_t *ppos)
{
	return proxy_do_write(filp, u_buf, count, false);
}

/*
 * Either stage: asks the relay for @count bytes once, then waits for them, an oob
 * caller on the ring's flag while the workqueue relays, an in-band one relaying itself.
 */
static ssize_t proxy_do_read(struct file *filp, char __user *u_buf, size_t count, bool oob)
{
	struct evl_proxy *proxy = filp->private_data;
	struct proxy_ring *ring = &proxy->input;
	bool requested = false;
	ssize_t ret;

	if (!proxy_may_read(proxy))
		return -ENXIO;
	if (count == 0)
		return 0;
	for (;;) {
		ret = do_proxy_read(filp, proxy, u_buf, count);
		if (ret != -EAGAIN || (filp->f_flags & O_NONBLOCK))
			break;
		if (!requested) {
			atomic_add((int)count, &proxy->reqsz);
			requested = true;
		}
		if (oob) {
			evl_call_inband_from(&ring->relay_work, ring->wq);
			ret = evl_wait_flag(&ring->oob_wait);
			if (ret)
				break;
		} else {
			evlsim__proxy_relay_input(proxy);
		}
		if (atomic_cmpxchg(&proxy->on_eof, true, false)) {
			ret = 0;
			break;
		}
	}

	return ret == -EIDRM ? -EBADF : ret;
}

/* oob */
static ssize_t proxy_oob_read(struct file *filp, char __user *u_buf, size_t count)
{
	return proxy_do_read(filp, u_buf, count, true);
}

/* in-band */
static ssize_t proxy_read(struct file *filp, char __user *u_buf, size_t count, loff_t *ppos)
{
	return proxy_do_read(filp, u_buf, count, false);
}

/* oob */
static __poll_t proxy_oob_poll(struct file *filp, struct oob_poll_wait *wait)
{
	struct evl_proxy *proxy = filp->private_data;
	struct proxy_ring *oring = &proxy->output, *iring = &proxy->input;
	__poll_t ret = 0;

	evl_poll_watch(&proxy->poll_head, wait, NULL);
	if (proxy_may_write(proxy) && atomic_read(&oring->fillsz) < (int)oring->bufsz)
		ret |= POLLOUT | POLLWRNORM;
	if (proxy_may_read(proxy)) {
		if (atomic_read(&iring->fillsz) > 0) {
			ret |= POLLIN | POLLRDNORM;
		} else if (atomic_read(&proxy->reqsz) == 0) {
			/* nothing there, nothing asked for: read ahead one granule */
			atomic_add((int)(iring->granularity ?: 1), &proxy->reqsz);
			evl_call_inband_from(&iring->relay_work, iring->wq);
		}
	}
	if (proxy->filp->f_op->oob_poll)
		ret |= proxy->filp->f_op->oob_poll(proxy->filp, wait);

	return ret;
}

/* in-band */
static __poll_t proxy_poll(struct file *filp, poll_table *wait)
{
	struct evl_proxy *proxy = filp->private_data;
	struct proxy_ring *oring = &proxy->output, *iring = &proxy->input;
	__poll_t ret = 0;

	if (proxy_may_write(proxy)) {
		poll_wait(filp, &oring->inband_wait_w, wait);
		if (atomic_read(&oring->fillsz) < (int)oring->bufsz)
			ret |= POLLOUT | POLLWRNORM;
	}
	if (proxy_may_read(proxy)) {
		poll_wait(filp, &iring->inband_wait_r, wait);
		if (atomic_read(&iring->fillsz) > 0)
			ret |= POLLIN | POLLRDNORM;
	}
	if (proxy->filp->f_op->poll)
		ret |= proxy->filp->f_op->poll(proxy->filp, wait);

	return ret;
}

/*
 * in-band: the mapping is the target's. The vma holds the target from then on, the
 * reference mmap(2) took on the proxy is dropped; on failure the vma keeps that one.
 */
static int proxy_mmap(struct file *filp, struct vm_area_struct *vma)
{
	struct evl_proxy *proxy = filp->private_data;
	struct file *mapfilp = proxy->filp;
	int ret;

	if (!mapfilp->f_op->mmap)
		return -ENODEV;
	vma->vm_file = get_file(mapfilp);
	ret = mapfilp->f_op->mmap(mapfilp, vma);
	if (ret) {
		vma->vm_file = filp;
		fput(mapfilp);
	} else {
		fput(filp);
	}
	return ret;
}

static int init_ring(struct proxy_ring *ring, size_t bufsz, unsigned int granularity,
		     const char *name, bool is_output)
{
	ring->bufmem = kzalloc(bufsz, GFP_KERNEL);
	if (!ring->bufmem)
		return -ENOMEM;
	ring->wq = alloc_ordered_workqueue("%s.%c", 0, name, is_output ? 'O' : 'I');
	if (!ring->wq) {
		kfree(ring->bufmem);
		return -ENOMEM;
	}
	ring->bufsz = bufsz;
	ring->granularity = granularity;
	atomic_set(&ring->fillsz, 0);
	raw_spin_lock_init(&ring->lock);
	evl_init_work_safe(&ring->relay_work, evlsim__proxy_queue_relay, NULL);
	INIT_WORK(&ring->wq_work, is_output ? evlsim__proxy_relay_output_work :
						 evlsim__proxy_relay_input_work);
	evl_init_flag(&ring->oob_wait);
	init_waitqueue_head(&ring->inband_wait_r);
	init_waitqueue_head(&ring->inband_wait_w);
	mutex_init(&ring->worker_lock);
	return 0;
}

/* in-band: a relay not started is cancelled, one running ends first */
static void destroy_ring(struct proxy_ring *ring)
{
	evl_cancel_work(&ring->relay_work);
	cancel_work_sync(&ring->wq_work);
	destroy_workqueue(ring->wq);
	evl_destroy_flag(&ring->oob_wait);
	mutex_destroy(&ring->worker_lock);
	kfree(ring->bufmem);
}

static void proxy_dispose(struct evl_proxy *proxy)
{
	if (proxy_may_write(proxy))
		destroy_ring(&proxy->output);
	if (proxy_may_read(proxy))
		destroy_ring(&proxy->input);
	fput(proxy->filp);
	kfree(proxy);
}

/* in-band: the oob waiters get -EIDRM, then the calls in flight end before it goes */
static int proxy_release(struct inode *inode, struct file *filp)
{
	struct evl_proxy *proxy = filp->private_data;

	if (proxy_may_write(proxy))
		evl_flush_flag(&proxy->output.oob_wait, EVL_T_RMID);
	if (proxy_may_read(proxy))
		evl_flush_flag(&proxy->input.oob_wait, EVL_T_RMID);
	evl_release_file(&proxy->efile);
	proxy_dispose(proxy);
	return 0;
}

static const struct file_operations proxy_fops = {
	.release	= proxy_release,
	.oob_write	= proxy_oob_write,
	.oob_read	= proxy_oob_read,
	.oob_poll	= proxy_oob_poll,
	.write		= proxy_write,
	.read		= proxy_read,
	.poll		= proxy_poll,
	.mmap		= proxy_mmap,
};

/**
 * evlsim__proxy_create - a new proxy, open on a new descriptor
 * @targetfd: the file to relay to or from, simulated or a real descriptor of the host
 * @bufsz: size of each ring
 * @granularity: 0, or the unit of every transfer (divides @bufsz)
 * @clone_flags: EVL_CLONE_OUTPUT, EVL_CLONE_INPUT (neither: output when @bufsz is not
 *	0), EVL_CLONE_NONBLOCK (the descriptor is O_NONBLOCK)
 * @name: the element's name (names the relay's workqueues), or NULL
 *
 * The build of kernel/evl/proxy.c. Returns the descriptor (O_CLOEXEC), -EINVAL (an
 * unknown flag, @bufsz over 2^30, a direction with @bufsz 0, a granularity that does
 * not divide @bufsz), -EBADF (@targetfd not open), -EOPNOTSUPP (EVL_CLONE_PUBLIC),
 * -ENOMEM, -EMFILE.
 */
int evlsim__proxy_create(int targetfd, unsigned int bufsz, unsigned int granularity,
			 int clone_flags, const char *name)
{
	int fd, ret, oflags = O_RDWR | (clone_flags & EVL_CLONE_NONBLOCK ? O_NONBLOCK : 0);
	struct evl_proxy *proxy;
	struct file *filp, *target;

	clone_flags &= ~EVL_CLONE_NONBLOCK;	/* libevl's: never reaches the core */
	if (clone_flags & ~PROXY_CLONE_FLAGS)
		return -EINVAL;
	if (clone_flags & EVL_CLONE_PUBLIC)
		return -EOPNOTSUPP;
	if (order_base_2(bufsz) > 30)
		return -EINVAL;
	if (bufsz == 0 && (clone_flags & (EVL_CLONE_INPUT | EVL_CLONE_OUTPUT)))
		return -EINVAL;
	if (granularity > 1 && bufsz % granularity)
		return -EINVAL;

	target = targetfd < 0 ? NULL : evlsim__fget_any(targetfd);
	if (!target)
		return -EBADF;
	proxy = kzalloc(sizeof(*proxy), GFP_KERNEL);
	if (!proxy) {
		ret = -ENOMEM;
		goto fail_proxy;
	}
	if (bufsz > 0 && !(clone_flags & (EVL_CLONE_INPUT | EVL_CLONE_OUTPUT)))
		clone_flags |= EVL_CLONE_OUTPUT;
	proxy->clone_flags = clone_flags;
	proxy->filp = target;
	evl_init_poll_head(&proxy->poll_head);
	if (!name)
		name = "proxy";
	if (clone_flags & EVL_CLONE_OUTPUT) {
		ret = init_ring(&proxy->output, bufsz, granularity, name, true);
		if (ret)
			goto fail_output;
	}
	if (clone_flags & EVL_CLONE_INPUT) {
		ret = init_ring(&proxy->input, bufsz, granularity, name, false);
		if (ret)
			goto fail_input;
	}

	fd = get_unused_fd_flags(O_RDWR | O_CLOEXEC);
	if (fd < 0) {
		ret = fd;
		goto fail_fd;
	}
	filp = anon_inode_getfile("[evl-proxy]", &proxy_fops, proxy, oflags);
	if (IS_ERR(filp)) {
		put_unused_fd(fd);
		ret = PTR_ERR(filp);
		goto fail_fd;
	}
	evl_open_file(&proxy->efile, filp);
	fd_install(fd, filp);
	return fd;

fail_fd:
	proxy_dispose(proxy);
	return ret;
fail_input:
	if (clone_flags & EVL_CLONE_OUTPUT)
		destroy_ring(&proxy->output);
fail_output:
	kfree(proxy);
fail_proxy:
	fput(target);
	return ret;
}
