// SPDX-License-Identifier: GPL-2.0-only
/*
 * acq: an acquisition device, the example of a driver for real hardware.
 *
 * The device samples a signal into a 64-entry hardware FIFO and, when the driver gives it
 * a ring in DMA memory, also writes every sample there. When the FIFO holds THRESH
 * samples it raises a level interrupt. The driver handles that interrupt out-of-band
 * (IRQF_OOB): the handler drains the FIFO register into a ring of the driver, acks the
 * status bits and wakes the oob readers, which oob_read() the samples (one __u32 each).
 * The DMA ring is mapped read-only to user space (mmap offset 0), its head read with
 * ACQ_IOC_GET_INFO.
 *
 * Probe: the registers (reg 0), the interrupt (irq 0), the device-tree properties
 * "acq,threshold" and "acq,dma-ring-bytes", a reset polled on STATUS.READY, the DMA ring
 * (dmam_alloc_coherent()), the interrupt (devm_request_irq(IRQF_OOB)) and the misc
 * device. Everything is managed: remove() has only the misc device to deregister.
 *
 * Locking. The driver's ring is guarded by the hard lock of the EVL wait queue its
 * readers sleep on (acq->readers.wchan.lock): the handler fills it with that lock held
 * (hard irqs are off there anyway), the readers empty it under the same lock.
 *
 *	int fd = open("/dev/acq", O_RDWR);
 *	__u32 thresh = 16, s[16];
 *	ioctl(fd, ACQ_IOC_START, &thresh);
 *	evl_attach_self("reader:%d", getpid());
 *	oob_read(fd, s, sizeof(s));		// blocks until the interrupt brings samples
 */
#include <linux/module.h>
#include <linux/platform_device.h>
#include <linux/mod_devicetable.h>
#include <linux/miscdevice.h>
#include <linux/interrupt.h>
#include <linux/io.h>
#include <linux/iopoll.h>
#include <linux/of.h>
#include <linux/dma-mapping.h>
#include <linux/fs.h>
#include <linux/mm.h>
#include <linux/slab.h>
#include <linux/uaccess.h>
#include <evl/file.h>
#include <evl/wait.h>
#include "acq-abi.h"

#define ACQ_RING	1024	/* samples the driver buffers for its readers */

struct acq_dev {
	struct device *dev;
	void __iomem *regs;
	int irq;
	u32 threshold;
	/* DMA ring written by the device */
	void *dma_ring;
	dma_addr_t dma_handle;
	u32 dma_bytes;
	/* samples for oob readers, under readers.wchan.lock */
	struct evl_wait_queue readers;
	u32 ring[ACQ_RING];
	unsigned int head, len;
	u64 samples, irqs, overruns;
	struct miscdevice misc;
	char name[16];
};

struct acq_file {
	struct evl_file efile;
	struct acq_dev *acq;
};

/* oob stage, hard irqs off */
static irqreturn_t acq_interrupt(int irq, void *arg)
{
	struct acq_dev *acq = arg;
	u32 status, v;

	status = readl(acq->regs + ACQ_REG_STATUS);
	if (!(status & (ACQ_STATUS_THRESH | ACQ_STATUS_OVERRUN)))
		return IRQ_NONE;

	raw_spin_lock(&acq->readers.wchan.lock);
	while ((v = readl(acq->regs + ACQ_REG_FIFO)) & ACQ_FIFO_VALID) {
		if (acq->len == ACQ_RING) {
			acq->overruns++;
			continue;
		}
		acq->ring[(acq->head + acq->len) % ACQ_RING] = v & ACQ_FIFO_DATA;
		acq->len++;
		acq->samples++;
	}
	if (status & ACQ_STATUS_OVERRUN)
		acq->overruns++;
	acq->irqs++;
	/* ack: write-1-to-clear, after the FIFO is drained (the line then goes down) */
	writel(status & (ACQ_STATUS_THRESH | ACQ_STATUS_OVERRUN), acq->regs + ACQ_REG_STATUS);
	if (acq->len)
		evl_flush_wait_locked(&acq->readers, 0);	/* readers re-check the ring */
	raw_spin_unlock(&acq->readers.wchan.lock);

	return IRQ_HANDLED;
}

/* oob */
static ssize_t acq_oob_read(struct file *filp, char __user *u_buf, size_t count)
{
	struct acq_file *af = filp->private_data;
	struct acq_dev *acq = af->acq;
	ktime_t timeout = filp->f_flags & O_NONBLOCK ? EVL_NONBLOCK : EVL_INFINITE;
	u32 buf[64];
	unsigned long flags;
	unsigned int n, i;
	int ret;

	if (count < sizeof(u32))
		return -EINVAL;

	ret = evl_wait_event_timeout(&acq->readers, timeout, EVL_REL, acq->len > 0);
	if (ret)
		return ret;

	raw_spin_lock_irqsave(&acq->readers.wchan.lock, flags);
	n = min_t(unsigned int, min_t(size_t, count / sizeof(u32), ARRAY_SIZE(buf)), acq->len);
	for (i = 0; i < n; i++)
		buf[i] = acq->ring[(acq->head + i) % ACQ_RING];
	acq->head = (acq->head + n) % ACQ_RING;
	acq->len -= n;
	raw_spin_unlock_irqrestore(&acq->readers.wchan.lock, flags);

	if (raw_copy_to_user(u_buf, buf, n * sizeof(u32)))
		return -EFAULT;		/* the samples are lost, as a read(2) that faults */

	return n * sizeof(u32);
}

/* in-band */
static long acq_ioctl(struct file *filp, unsigned int cmd, unsigned long arg)
{
	struct acq_file *af = filp->private_data;
	struct acq_dev *acq = af->acq;
	struct acq_info info;
	unsigned long flags;
	u32 threshold;

	switch (cmd) {
	case ACQ_IOC_START:
		if (get_user(threshold, (u32 __user *)arg))
			return -EFAULT;
		if (threshold > ACQ_FIFO_DEPTH)
			return -EINVAL;
		writel(threshold ?: acq->threshold, acq->regs + ACQ_REG_THRESH);
		writel(ACQ_CTRL_ENABLE | ACQ_CTRL_IRQ_EN, acq->regs + ACQ_REG_CTRL);
		return 0;
	case ACQ_IOC_STOP:
		writel(0, acq->regs + ACQ_REG_CTRL);
		return 0;
	case ACQ_IOC_GET_INFO:
		memset(&info, 0, sizeof(info));
		info.id = readl(acq->regs + ACQ_REG_ID);
		info.threshold = readl(acq->regs + ACQ_REG_THRESH);
		info.dma_size = acq->dma_bytes;
		info.dma_head = readl(acq->regs + ACQ_REG_DMA_HEAD);
		raw_spin_lock_irqsave(&acq->readers.wchan.lock, flags);
		info.samples = acq->samples;
		info.irqs = acq->irqs;
		info.overruns = acq->overruns;
		raw_spin_unlock_irqrestore(&acq->readers.wchan.lock, flags);
		return copy_to_user((void __user *)arg, &info, sizeof(info)) ? -EFAULT : 0;
	}
	return -ENOTTY;
}

/* in-band: the DMA ring, read-only */
static int acq_mmap(struct file *filp, struct vm_area_struct *vma)
{
	struct acq_file *af = filp->private_data;
	struct acq_dev *acq = af->acq;

	if (vma->vm_flags & VM_WRITE)
		return -EPERM;
	return dma_mmap_coherent(acq->dev, vma, acq->dma_ring, acq->dma_handle,
				 acq->dma_bytes);
}

static int acq_open(struct inode *inode, struct file *filp)
{
	struct acq_dev *acq = container_of(filp->private_data, struct acq_dev, misc);
	struct acq_file *af;
	int ret;

	af = kzalloc(sizeof(*af), GFP_KERNEL);
	if (!af)
		return -ENOMEM;
	ret = evl_open_file(&af->efile, filp);
	if (ret) {
		kfree(af);
		return ret;
	}
	af->acq = acq;
	filp->private_data = af;
	return 0;
}

static int acq_release(struct inode *inode, struct file *filp)
{
	struct acq_file *af = filp->private_data;

	evl_release_file(&af->efile);
	kfree(af);
	return 0;
}

static const struct file_operations acq_fops = {
	.owner = THIS_MODULE,
	.open = acq_open,
	.release = acq_release,
	.oob_read = acq_oob_read,
	.unlocked_ioctl = acq_ioctl,
	.mmap = acq_mmap,
};

static void acq_destroy_wait(void *arg)
{
	evl_destroy_wait(arg);
}

static int acq_probe(struct platform_device *pdev)
{
	struct device *dev = &pdev->dev;
	struct acq_dev *acq;
	u32 status;
	int ret;

	acq = devm_kzalloc(dev, sizeof(*acq), GFP_KERNEL);
	if (!acq)
		return -ENOMEM;
	acq->dev = dev;

	acq->regs = devm_platform_ioremap_resource(pdev, 0);
	if (IS_ERR(acq->regs))
		return PTR_ERR(acq->regs);
	acq->irq = platform_get_irq(pdev, 0);
	if (acq->irq < 0)
		return acq->irq;

	if (readl(acq->regs + ACQ_REG_ID) != ACQ_ID)
		return dev_err_probe(dev, -ENODEV, "unknown device id %#x\n",
				     readl(acq->regs + ACQ_REG_ID));

	if (of_property_read_u32(dev->of_node, "acq,threshold", &acq->threshold))
		acq->threshold = 8;
	if (!acq->threshold || acq->threshold > ACQ_FIFO_DEPTH)
		return dev_err_probe(dev, -EINVAL, "bad acq,threshold %u\n", acq->threshold);
	if (of_property_read_u32(dev->of_node, "acq,dma-ring-bytes", &acq->dma_bytes))
		acq->dma_bytes = PAGE_SIZE;
	acq->dma_bytes = PAGE_ALIGN(acq->dma_bytes);

	/* reset, and wait for the device to come out of it (1 ms at most) */
	writel(ACQ_CTRL_RESET, acq->regs + ACQ_REG_CTRL);
	ret = readl_poll_timeout(acq->regs + ACQ_REG_STATUS, status,
				 status & ACQ_STATUS_READY, 10, 1000);
	if (ret)
		return dev_err_probe(dev, ret, "device stuck in reset\n");

	ret = dma_set_mask_and_coherent(dev, DMA_BIT_MASK(32));
	if (ret)
		return ret;
	acq->dma_ring = dmam_alloc_coherent(dev, acq->dma_bytes, &acq->dma_handle, GFP_KERNEL);
	if (!acq->dma_ring)
		return -ENOMEM;
	writel(lower_32_bits(acq->dma_handle), acq->regs + ACQ_REG_DMA_ADDR);
	writel(acq->dma_bytes, acq->regs + ACQ_REG_DMA_SIZE);

	evl_init_wait(&acq->readers, &evl_mono_clock, EVL_WAIT_PRIO);
	ret = devm_add_action_or_reset(dev, acq_destroy_wait, &acq->readers);
	if (ret)
		return ret;

	ret = devm_request_irq(dev, acq->irq, acq_interrupt, IRQF_OOB, dev_name(dev), acq);
	if (ret)
		return dev_err_probe(dev, ret, "cannot request irq %d\n", acq->irq);

	if (pdev->id >= 0)
		snprintf(acq->name, sizeof(acq->name), "acq%d", pdev->id);
	else
		strscpy(acq->name, "acq", sizeof(acq->name));
	acq->misc.minor = MISC_DYNAMIC_MINOR;
	acq->misc.name = acq->name;
	acq->misc.fops = &acq_fops;
	ret = misc_register(&acq->misc);
	if (ret)
		return ret;

	platform_set_drvdata(pdev, acq);
	dev_info(dev, "acquisition device at irq %d, threshold %u, DMA ring of %u bytes\n",
		 acq->irq, acq->threshold, acq->dma_bytes);
	return 0;
}

static void acq_remove(struct platform_device *pdev)
{
	struct acq_dev *acq = platform_get_drvdata(pdev);

	writel(0, acq->regs + ACQ_REG_CTRL);	/* stop sampling, no more interrupts */
	misc_deregister(&acq->misc);
	/* then devres: the irq is freed, the wait queue destroyed, the DMA ring freed */
}

static const struct of_device_id acq_of_match[] = {
	{ .compatible = "evlsim,acq" },
	{ }
};
MODULE_DEVICE_TABLE(of, acq_of_match);

static struct platform_driver acq_driver = {
	.probe = acq_probe,
	.remove = acq_remove,
	.driver = {
		.name = "acq",
		.of_match_table = acq_of_match,
	},
};
module_platform_driver(acq_driver);

MODULE_DESCRIPTION("Example acquisition device with an out-of-band interrupt");
MODULE_LICENSE("GPL");
