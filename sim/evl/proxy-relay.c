// SPDX-License-Identifier: LGPL-2.1-or-later
/*
 * The proxy element's relay (kernel world), after kernel/evl/proxy.c: in-band, on the
 * ring's ordered workqueue or in an in-band caller, between the rings and the target
 * file (evl/proxy.c has the element).
 */
#include <linux/fs.h>
#include <linux/poll.h>
#include "kinternal.h"
#include "evl/proxy.h"

/* in-band: writes @n bytes (a short write goes on with the rest); false on an error */
static bool relay_chunk(struct file *filp, const char *p, unsigned int n)
{
	ssize_t ret;

	while (n > 0) {
		ret = kernel_write(filp, p, n, NULL);
		if (ret <= 0)
			return false;
		p += ret;
		n -= ret;
	}
	return true;
}

void evlsim__proxy_relay_output(struct evl_proxy *proxy)
{
	struct proxy_ring *ring = &proxy->output;
	unsigned int rdoff, count, len, n;
	bool failed = false;

	mutex_lock(&ring->worker_lock);
	count = atomic_read_acquire(&ring->fillsz);	/* the bytes behind it are written */
	rdoff = ring->rdoff;
	while (count > 0) {
		for (len = count; len > 0; len -= n) {
			n = min(len, ring->bufsz - rdoff);
			if (ring->granularity > 0)
				n = min(n, ring->granularity);
			/* after an error, the rest of this batch is lost (as on a board) */
			if (!failed && !relay_chunk(proxy->filp, ring->bufmem + rdoff, n))
				failed = true;
			rdoff = (rdoff + n) % ring->bufsz;
		}
		failed = false;
		count = atomic_sub_return(count, &ring->fillsz);
	}
	ring->rdoff = rdoff;
	mutex_unlock(&ring->worker_lock);

	/* writable means: everything written so far went out */
	evl_signal_poll_events(&proxy->poll_head, POLLOUT | POLLWRNORM);
	evl_raise_flag(&ring->oob_wait);
	wake_up(&ring->inband_wait_w);
}

/* in-band: data (or EOF, or an error) for the readers of the input ring */
static void signal_input(struct evl_proxy *proxy)
{
	evl_signal_poll_events(&proxy->poll_head, POLLIN | POLLRDNORM);
	evl_raise_flag(&proxy->input.oob_wait);
	wake_up(&proxy->input.inband_wait_r);
}

void evlsim__proxy_relay_input(struct evl_proxy *proxy)
{
	struct proxy_ring *ring = &proxy->input;
	unsigned int wroff, room, n;
	bool exception = false;
	int count;
	ssize_t ret;

	mutex_lock(&ring->worker_lock);
	wroff = ring->wroff;
	while ((count = atomic_read(&proxy->reqsz)) > 0) {
		room = ring->bufsz - atomic_read(&ring->fillsz);
		if (!room) {		/* the readers have it all already */
			atomic_sub(count, &proxy->reqsz);
			break;
		}
		n = min3((unsigned int)count, room, ring->bufsz - wroff);
		if (ring->granularity > 0)
			n = min(n, ring->granularity);
		ret = kernel_read(proxy->filp, ring->bufmem + wroff, n, NULL);
		if (ret <= 0) {
			atomic_sub(count, &proxy->reqsz);
			if (ret)
				atomic_set(&proxy->on_error, (int)ret);
			else
				atomic_set(&proxy->on_eof, true);
			exception = true;
			break;
		}
		/* a short read advances by what came (the board's relay by what it asked) */
		wroff = (wroff + ret) % ring->bufsz;
		atomic_add_return((int)ret, &ring->fillsz);	/* publishes the bytes */
		atomic_sub((int)min_t(ssize_t, ret, count), &proxy->reqsz);
		signal_input(proxy);
	}
	ring->wroff = wroff;
	mutex_unlock(&ring->worker_lock);

	if (exception)
		signal_input(proxy);
}

void evlsim__proxy_relay_output_work(struct work_struct *work)
{
	evlsim__proxy_relay_output(container_of(work, struct evl_proxy, output.wq_work));
}

void evlsim__proxy_relay_input_work(struct work_struct *work)
{
	evlsim__proxy_relay_input(container_of(work, struct evl_proxy, input.wq_work));
}

/* in-band (the irq_work of evl_call_inband_from()): the relay goes to the ring's queue */
void evlsim__proxy_queue_relay(struct evl_work *work)
{
	struct proxy_ring *ring = container_of(work, struct proxy_ring, relay_work);

	queue_work(ring->wq, &ring->wq_work);
}

