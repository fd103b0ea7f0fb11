/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * xfifo's private header: the open file and its rings (xfifo-core.c opens, controls and
 * releases it; xfifo-ring.c moves the bytes through the rings in both stages).
 */
#ifndef _XFIFO_H
#define _XFIFO_H

#include <linux/fs.h>
#include <linux/poll.h>
#include <linux/wait.h>
#include <linux/mutex.h>
#include <linux/irq_work.h>
#include <evl/file.h>
#include <evl/wait.h>
#include <evl/mutex.h>
#include <evl/poll.h>
#include "xfifo-abi.h"

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

/* xfifo-ring.c */
void xfifo_update_status(struct xfifo_file *xf);
void xfifo_inband_wake_work(struct irq_work *work);
ssize_t xfifo_oob_read(struct file *filp, char __user *u_buf, size_t count);
ssize_t xfifo_oob_write(struct file *filp, const char __user *u_buf, size_t count);
__poll_t xfifo_oob_poll(struct file *filp, struct oob_poll_wait *wait);
ssize_t xfifo_read(struct file *filp, char __user *u_buf, size_t count, loff_t *ppos);
ssize_t xfifo_write(struct file *filp, const char __user *u_buf, size_t count, loff_t *ppos);
__poll_t xfifo_poll(struct file *filp, poll_table *wait);

#endif
