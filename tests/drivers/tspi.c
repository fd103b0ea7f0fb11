// SPDX-License-Identifier: GPL-2.0-only
/*
 * tspi: test driver for the SPI core's oob rules (sim/hw/spi.c, spi-oob.c).
 *
 * A SPI driver ("tspi" id) whose bound device the ioctls drive directly, and a controller
 * of its own without the oob hooks, to see each refusal of spi_prepare_oob_transfer() and
 * the bus lock rules from the kernel side (tspi-abi.h).
 */
#include <linux/module.h>
#include <linux/spi/spi.h>
#include <linux/miscdevice.h>
#include <linux/fs.h>
#include <linux/completion.h>
#include <linux/uaccess.h>
#include "tspi-abi.h"

static struct spi_device *tspi_dev;
static DEFINE_MUTEX(tspi_lock);

static int tspi_transfer_one(struct spi_controller *ctlr, struct spi_device *spi,
			     struct spi_transfer *t)
{
	return 0;
}

static int tspi_prepare_oob(struct spi_controller *ctlr, struct spi_oob_transfer *xfer)
{
	return 0;
}

static struct miscdevice tspi_misc;

static void tspi_no_oob(struct tspi_io *io)
{
	struct spi_board_info info = { .modalias = "tspi-none", .chip_select = 0 };
	struct spi_oob_transfer xfer = { .setup = { .frame_len = 8 } };
	struct spi_controller *ctlr;
	struct spi_device *spi;

	ctlr = spi_alloc_host(tspi_misc.this_device, 0);
	if (!ctlr) {
		io->res[0] = -ENOMEM;
		return;
	}
	ctlr->bus_num = 20;
	ctlr->transfer_one = tspi_transfer_one;
	io->res[7] = spi_register_controller(ctlr);
	if (io->res[7]) {
		spi_controller_put(ctlr);
		return;
	}
	spi = spi_new_device(ctlr, &info);
	if (spi) {
		io->res[0] = spi_prepare_oob_transfer(spi, &xfer);	/* no hook */
		ctlr->prepare_oob_transfer = tspi_prepare_oob;
		io->res[1] = spi_prepare_oob_transfer(spi, &xfer);	/* no can_dma */
	}
	spi_unregister_controller(ctlr);
}

static void tspi_async_done(void *arg)
{
	complete(arg);
}

static void tspi_oob_seq(struct tspi_io *io)
{
	struct spi_oob_transfer xfer = { .setup = { .frame_len = 8 } };
	struct spi_oob_transfer xfer2 = { .setup = { .frame_len = 8 } };
	DECLARE_COMPLETION_ONSTACK(done);
	struct spi_transfer t = { .len = 2 };
	struct spi_message m;
	u8 buf[2] = { 1, 2 };

	t.tx_buf = buf;
	spi_message_init(&m);
	spi_message_add_tail(&t, &m);
	m.complete = tspi_async_done;
	m.context = &done;
	io->res[0] = spi_prepare_oob_transfer(tspi_dev, &xfer);
	if (io->res[0])
		return;
	io->res[1] = spi_async(tspi_dev, &m);			/* the bus is in oob mode */
	io->res[2] = spi_prepare_oob_transfer(tspi_dev, &xfer2);	/* so it is locked */
	spi_start_oob_transfer(&xfer);
	spi_terminate_oob_transfer(&xfer);
	io->res[3] = spi_pulse_oob_transfer(&xfer);		/* nothing armed any more */
	io->res[4] = spi_async(tspi_dev, &m);
	if (!io->res[4]) {
		wait_for_completion(&done);
		io->res[5] = m.status;
	}
}

static long tspi_ioctl(struct file *filp, unsigned int cmd, unsigned long arg)
{
	struct tspi_io io = { };

	mutex_lock(&tspi_lock);
	switch (cmd) {
	case TSPI_IOC_NO_OOB:
		tspi_no_oob(&io);
		break;
	case TSPI_IOC_OOB_SEQ:
		if (tspi_dev)
			tspi_oob_seq(&io);
		else
			io.res[0] = -ENODEV;
		break;
	default:
		mutex_unlock(&tspi_lock);
		return -ENOTTY;
	}
	mutex_unlock(&tspi_lock);
	return copy_to_user((void __user *)arg, &io, sizeof(io)) ? -EFAULT : 0;
}

static const struct file_operations tspi_fops = {
	.owner = THIS_MODULE,
	.unlocked_ioctl = tspi_ioctl,
};

static struct miscdevice tspi_misc = {
	.minor = MISC_DYNAMIC_MINOR,
	.name = "tspi",
	.fops = &tspi_fops,
};

static int tspi_probe(struct spi_device *spi)
{
	tspi_dev = spi;
	return 0;
}

static void tspi_remove(struct spi_device *spi)
{
	tspi_dev = NULL;
}

static const struct spi_device_id tspi_ids[] = {
	{ .name = "tspi" },
	{ }
};

static struct spi_driver tspi_driver = {
	.driver = { .name = "tspi" },
	.probe = tspi_probe,
	.remove = tspi_remove,
	.id_table = tspi_ids,
};

static int __init tspi_init(void)
{
	int ret = misc_register(&tspi_misc);

	if (ret)
		return ret;
	ret = spi_register_driver(&tspi_driver);
	if (ret)
		misc_deregister(&tspi_misc);
	return ret;
}

static void __exit tspi_exit(void)
{
	spi_unregister_driver(&tspi_driver);
	misc_deregister(&tspi_misc);
}

module_init(tspi_init);
module_exit(tspi_exit);
MODULE_LICENSE("GPL");
