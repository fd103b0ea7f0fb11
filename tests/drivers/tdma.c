// SPDX-License-Identifier: GPL-2.0-only
/*
 * tdma: test driver for the DMA engine (sim/hw/dmaengine.c, evlsim-dma).
 *
 * A platform driver ("evlsim,tdma") whose device names its channels in "dmas" and
 * "dma-names"; /dev/tdma's ioctl runs one client call (tdma-abi.h) on one of four
 * channel slots, all sharing one coherent buffer. Callbacks count the context they ran
 * in: out-of-band interrupt context, in-band, or anything else (a bug).
 * TDMA_FAKE runs the client calls on a provider without DMA_OOB and without optional
 * hooks, to see the core's own refusals.
 */
#include <linux/module.h>
#include <linux/platform_device.h>
#include <linux/miscdevice.h>
#include <linux/dmaengine.h>
#include <linux/dma-mapping.h>
#include <linux/mutex.h>
#include <linux/uaccess.h>
#include <linux/irqstage.h>
#include <linux/irqflags.h>
#include <linux/fs.h>
#include <linux/string.h>
#include <evl/sched.h>
#include "tdma-abi.h"

struct tdma_slot {
	struct dma_chan *chan;
	struct dma_async_tx_descriptor *desc;
	dma_cookie_t cookie;
};

static DEFINE_MUTEX(tdma_lock);
static struct platform_device *tdma_pdev;
static struct tdma_slot tdma_slots[TDMA_SLOTS];
static void *tdma_buf;
static dma_addr_t tdma_dma;
static size_t tdma_len;
static atomic_t tdma_cb_oob, tdma_cb_inband, tdma_cb_bad;

static void tdma_callback(void *arg)
{
	if (running_oob() && evl_in_irq() && hard_irqs_disabled())
		atomic_inc_return(&tdma_cb_oob);	/* ordered: the data before */
	else if (running_inband() && !evl_in_irq())
		atomic_inc_return(&tdma_cb_inband);
	else
		atomic_inc_return(&tdma_cb_bad);
}

static int tdma_prep(struct tdma_slot *s, struct tdma_io *io)
{
	struct scatterlist sg[2];

	switch (io->kind) {
	case TDMA_SINGLE:
		s->desc = dmaengine_prep_slave_single(s->chan, tdma_dma, io->len, io->dir,
						      io->flags);
		break;
	case TDMA_SG:	/* two halves */
		sg_init_table(sg, 2);
		sg_dma_address(&sg[0]) = tdma_dma;
		sg_dma_len(&sg[0]) = io->len / 2;
		sg_dma_address(&sg[1]) = tdma_dma + io->len / 2;
		sg_dma_len(&sg[1]) = io->len - io->len / 2;
		s->desc = dmaengine_prep_slave_sg(s->chan, sg, 2, io->dir, io->flags);
		break;
	default:
		s->desc = dmaengine_prep_dma_cyclic(s->chan, tdma_dma, io->len, io->period,
						    io->dir, io->flags);
	}
	if (!s->desc)
		return -EIO;
	s->desc->callback = tdma_callback;
	return 0;
}

/* a provider without DMA_OOB, prep hooks that accept anything, no optional hook */
static struct dma_async_tx_descriptor tdma_fake_desc;

static struct dma_async_tx_descriptor *tdma_fake_prep_sg(struct dma_chan *chan,
	struct scatterlist *sgl, unsigned int sg_len, enum dma_transfer_direction dir,
	unsigned long flags, void *context)
{
	return &tdma_fake_desc;
}

static struct dma_async_tx_descriptor *tdma_fake_prep_cyclic(struct dma_chan *chan,
	dma_addr_t buf, size_t len, size_t period, enum dma_transfer_direction dir,
	unsigned long flags)
{
	return &tdma_fake_desc;
}

static void tdma_fake(struct tdma_io *io)
{
	static struct dma_device dev = {
		.device_prep_slave_sg = tdma_fake_prep_sg,
		.device_prep_dma_cyclic = tdma_fake_prep_cyclic,
	};
	struct dma_chan chan = { .device = &dev };
	struct scatterlist sg;

	sg_init_table(&sg, 1);
	io->res[0] = !!dmaengine_prep_slave_sg(&chan, &sg, 1, DMA_MEM_TO_DEV, DMA_OOB_INTERRUPT);
	io->res[1] = !!dmaengine_prep_dma_cyclic(&chan, 0, 64, 16, DMA_MEM_TO_DEV,
						 DMA_OOB_INTERRUPT);
	io->res[2] = !!dmaengine_prep_slave_single(&chan, 0, 64, DMA_MEM_TO_DEV, DMA_OOB_PULSE);
	io->res[3] = !!dmaengine_prep_slave_sg(&chan, &sg, 1, DMA_MEM_TO_DEV, DMA_PREP_INTERRUPT);
	io->res[4] = dma_pulse_oob(&chan);
	io->res[5] = dmaengine_slave_config(&chan, &(struct dma_slave_config){ });
	io->res[6] = dmaengine_terminate_async(&chan);
	io->res[7] = dmaengine_terminate_all(&chan);
}

static long tdma_op(struct tdma_io *io)
{
	struct tdma_slot *s = &tdma_slots[io->slot % TDMA_SLOTS];
	struct dma_slave_config cfg = { };
	struct dma_tx_state st = { };
	struct dma_chan *chan;

	if ((io->op == TDMA_RELEASE || io->op == TDMA_CONFIG ||
	     (io->op >= TDMA_PREP && io->op <= TDMA_STATUS)) && !s->chan)
		return -ENXIO;
	if (io->op == TDMA_SUBMIT && !s->desc)
		return -ENXIO;
	switch (io->op) {
	case TDMA_REQUEST:
		if (!tdma_pdev)
			return -ENODEV;
		io->name[sizeof(io->name) - 1] = '\0';
		chan = dma_request_chan(&tdma_pdev->dev, io->name);
		io->ret = PTR_ERR_OR_ZERO(chan);
		if (!io->ret)
			s->chan = chan;
		break;
	case TDMA_RELEASE:
		dma_release_channel(s->chan);
		s->chan = NULL;
		break;
	case TDMA_CONFIG:
		cfg.direction = io->dir;
		if (io->dir == DMA_MEM_TO_DEV)
			cfg.dst_addr = io->addr;
		else
			cfg.src_addr = io->addr;
		io->ret = dmaengine_slave_config(s->chan, &cfg);
		break;
	case TDMA_ALLOC:
		if (tdma_buf || !io->len || io->len > 65536)
			return -EINVAL;
		tdma_buf = dma_alloc_coherent(&tdma_pdev->dev, io->len, &tdma_dma, GFP_KERNEL);
		if (!tdma_buf)
			return -ENOMEM;
		tdma_len = io->len;
		io->val = tdma_dma;
		break;
	case TDMA_PREP:
		if (!tdma_buf || io->len > tdma_len)
			return -EINVAL;
		io->ret = tdma_prep(s, io);
		break;
	case TDMA_SUBMIT:
		s->cookie = dmaengine_submit(s->desc);
		io->ret = s->cookie;
		break;
	case TDMA_ISSUE:
		dma_async_issue_pending(s->chan);
		break;
	case TDMA_PULSE:
		io->ret = dma_pulse_oob(s->chan);
		break;
	case TDMA_TERMINATE_SYNC:
		io->ret = dmaengine_terminate_sync(s->chan);
		break;
	case TDMA_TERMINATE_ASYNC:
		io->ret = dmaengine_terminate_async(s->chan);
		break;
	case TDMA_STATUS:
		io->ret = dmaengine_tx_status(s->chan, s->cookie, &st);
		io->val = st.residue;
		break;
	case TDMA_STATS:
		break;
	case TDMA_FAKE:
		tdma_fake(io);
		break;
	case TDMA_READ:
	case TDMA_WRITE:
		if (!tdma_buf || io->len > sizeof(io->data) || io->addr + io->len > tdma_len)
			return -EINVAL;
		if (io->op == TDMA_READ)
			memcpy(io->data, tdma_buf + io->addr, io->len);
		else
			memcpy(tdma_buf + io->addr, io->data, io->len);
		break;
	default:
		return -ENOTTY;
	}
	io->cb_oob = atomic_read_acquire(&tdma_cb_oob);
	io->cb_inband = atomic_read_acquire(&tdma_cb_inband);
	io->cb_bad = atomic_read_acquire(&tdma_cb_bad);
	return 0;
}

static long tdma_ioctl(struct file *filp, unsigned int cmd, unsigned long arg)
{
	struct tdma_io io;
	long ret;

	if (cmd != TDMA_IOC)
		return -ENOTTY;
	if (copy_from_user(&io, (void __user *)arg, sizeof(io)))
		return -EFAULT;
	mutex_lock(&tdma_lock);
	ret = tdma_op(&io);
	mutex_unlock(&tdma_lock);
	if (!ret && copy_to_user((void __user *)arg, &io, sizeof(io)))
		return -EFAULT;
	return ret;
}

static const struct file_operations tdma_fops = {
	.owner = THIS_MODULE,
	.unlocked_ioctl = tdma_ioctl,
};

static struct miscdevice tdma_misc = {
	.minor = MISC_DYNAMIC_MINOR,
	.name = "tdma",
	.fops = &tdma_fops,
};

static int tdma_probe(struct platform_device *pdev)
{
	tdma_pdev = pdev;
	return 0;
}

/* channels are the test's to release: one left here is a leak the unload reports */
static void tdma_remove(struct platform_device *pdev)
{
	if (tdma_buf)
		dma_free_coherent(&pdev->dev, tdma_len, tdma_buf, tdma_dma);
	tdma_buf = NULL;
	tdma_pdev = NULL;
}

static const struct of_device_id tdma_of_match[] = {
	{ .compatible = "evlsim,tdma" },
	{ }
};

static struct platform_driver tdma_driver = {
	.probe = tdma_probe,
	.remove = tdma_remove,
	.driver = { .name = "tdma", .of_match_table = tdma_of_match },
};

static int __init tdma_init(void)
{
	int ret = misc_register(&tdma_misc);

	if (ret)
		return ret;
	ret = platform_driver_register(&tdma_driver);
	if (ret)
		misc_deregister(&tdma_misc);
	return ret;
}

static void __exit tdma_exit(void)
{
	platform_driver_unregister(&tdma_driver);
	misc_deregister(&tdma_misc);
	memset(tdma_slots, 0, sizeof(tdma_slots));
	atomic_set(&tdma_cb_oob, 0);
	atomic_set(&tdma_cb_inband, 0);
	atomic_set(&tdma_cb_bad, 0);
}

module_init(tdma_init);
module_exit(tdma_exit);
MODULE_LICENSE("GPL");
