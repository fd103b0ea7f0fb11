// SPDX-License-Identifier: GPL-2.0-only
/*
 * spidev: user-mode SPI device access with EVL's out-of-band mode, the example of an
 * SPI driver (a subset of drivers/spi/spidev.c with CONFIG_SPI_SPIDEV_OOB, linux-evl
 * v6.12; spec hardware-model.md A.4.3, oob-file-model.md 6.6).
 *
 * One character device per SPI device bound ("spidev<bus>.<cs>", major 153). In-band,
 * read() and write() run half-duplex spi_sync() transfers (they block while the bus is
 * held in oob mode). The oob mode acquires a sensor, or any peripheral, with pulsed
 * DMA frames: SPI_IOC_ENABLE_OOB_MODE prepares an out-of-band transfer of frame_len
 * bytes and returns the layout of the shared I/O buffer, which mmap() maps (RX half at
 * rx_offset, TX half at tx_offset); each SPI_IOC_RUN_OOB_XFER oob_ioctl() pulses one
 * full-duplex frame and waits for its RX completion, which the DMA engine's oob
 * interrupt signals; SPI_IOC_DISABLE_OOB_MODE gives the bus back.
 *
 *	int fd = open("/dev/spidev0.0", O_RDWR);
 *	struct spi_ioc_oob_setup s = { .frame_len = 4, .speed_hz = 1000000, .bits_per_word = 8 };
 *	ioctl(fd, SPI_IOC_ENABLE_OOB_MODE, &s);
 *	void *io = mmap(NULL, s.iobuf_len, PROT_READ | PROT_WRITE, MAP_SHARED, fd, 0);
 *	evl_attach_self("acq:%d", getpid());
 *	oob_ioctl(fd, SPI_IOC_RUN_OOB_XFER);	// RX at io + s.rx_offset
 *
 * Deviation from the kernel's spidev: the oob state is per device, so one file may be
 * open on a device at a time (-EBUSY), and SPI_IOC_MESSAGE and the mode ioctls are left
 * out.
 */
#include <linux/version.h>
#include <linux/module.h>
#include <linux/spi/spi.h>
#include <linux/fs.h>
#include <linux/device.h>
#include <linux/mutex.h>
#include <linux/slab.h>
#include <linux/uaccess.h>
#include <linux/compat.h>
#include <linux/mm.h>
#include <evl/file.h>
#include <evl/flag.h>
#include <evl/sem.h>
#include "spidev-abi.h"

#define N_SPI_MINORS	32
#define SPIDEV_BUFSIZ	4096

struct spidev_data {
	dev_t devt;
	struct mutex spi_lock;
	struct spi_device *spi;
	struct list_head device_entry;
	struct mutex buf_lock;
	unsigned int users;
	u8 *buffer;
	struct {
		struct evl_file efile;
		struct spi_oob_transfer xfer;
		struct evl_flag flag;
		struct evl_ksem sem;
		bool enabled;
	} oob;
};

static LIST_HEAD(device_list);
static DEFINE_MUTEX(device_list_lock);
static DECLARE_BITMAP(minors, N_SPI_MINORS);

static const struct class spidev_class = {
	.name = "spidev",
};

/* in-band: a half-duplex transfer through spi_sync() */
static ssize_t spidev_sync(struct spidev_data *spidev, bool tx, size_t len)
{
	struct spi_transfer t = {
		.tx_buf = tx ? spidev->buffer : NULL,
		.rx_buf = tx ? NULL : spidev->buffer,
		.len = len,
	};
	struct spi_message m;
	int ret;

	spi_message_init(&m);
	spi_message_add_tail(&t, &m);
	mutex_lock(&spidev->spi_lock);
	ret = spidev->spi ? spi_sync(spidev->spi, &m) : -ESHUTDOWN;
	mutex_unlock(&spidev->spi_lock);
	return ret ? ret : m.actual_length;
}

static ssize_t spidev_read(struct file *filp, char __user *buf, size_t count, loff_t *f_pos)
{
	struct spidev_data *spidev = filp->private_data;
	ssize_t status;

	if (count > SPIDEV_BUFSIZ)
		return -EMSGSIZE;
	mutex_lock(&spidev->buf_lock);
	status = spidev_sync(spidev, false, count);
	if (status > 0 && copy_to_user(buf, spidev->buffer, status))
		status = -EFAULT;
	mutex_unlock(&spidev->buf_lock);
	return status;
}

static ssize_t spidev_write(struct file *filp, const char __user *buf, size_t count,
			    loff_t *f_pos)
{
	struct spidev_data *spidev = filp->private_data;
	ssize_t status;

	if (count > SPIDEV_BUFSIZ)
		return -EMSGSIZE;
	mutex_lock(&spidev->buf_lock);
	if (copy_from_user(spidev->buffer, buf, count))
		status = -EFAULT;
	else
		status = spidev_sync(spidev, true, count);
	mutex_unlock(&spidev->buf_lock);
	return status;
}

/* oob stage, hard irqs off: the RX side of a frame completed */
static void oob_transfer_done(void *arg)
{
	struct spi_oob_transfer *xfer = arg;
	struct spidev_data *spidev = container_of(xfer, struct spidev_data, oob.xfer);

	evl_pulse_flag(&spidev->oob.flag);
}

/* in-band, under oob.sem */
static void spidev_disable_oob(struct spidev_data *spidev)
{
	if (spidev->oob.enabled) {
		spi_terminate_oob_transfer(&spidev->oob.xfer);
		spidev->oob.enabled = false;
	}
}

static long spidev_enable_oob(struct spidev_data *spidev, unsigned long arg)
{
	struct spi_ioc_oob_setup __user *u = (void __user *)arg;
	struct spi_ioc_oob_setup setup;
	struct spi_oob_transfer *xfer = &spidev->oob.xfer;
	long ret;

	ret = evl_trydown(&spidev->oob.sem);
	if (ret)
		return ret;
	if (spidev->oob.enabled) {
		ret = -EBUSY;
		goto out;
	}
	/* the kernel's quirk: the count of bytes not copied is returned as is */
	ret = copy_from_user(&setup, u, sizeof(setup));
	if (ret)
		goto out;
	memset(xfer, 0, sizeof(*xfer));
	xfer->setup.frame_len = setup.frame_len;
	xfer->setup.speed_hz = setup.speed_hz;
	xfer->setup.bits_per_word = setup.bits_per_word;
	xfer->setup.xfer_done = oob_transfer_done;
	ret = spi_prepare_oob_transfer(spidev->spi, xfer);
	if (ret) {
		if (ret == -ENOTSUPP)
			ret = -EOPNOTSUPP;
		goto out;
	}
	/* results ignored, as the kernel's spidev does */
	(void)put_user(spi_get_oob_iolen(xfer), &u->iobuf_len);
	(void)put_user(spi_get_oob_txoff(xfer), &u->tx_offset);
	(void)put_user(spi_get_oob_rxoff(xfer), &u->rx_offset);
	evl_clear_flag(&spidev->oob.flag);
	spi_start_oob_transfer(xfer);
	spidev->oob.enabled = true;
out:
	evl_up(&spidev->oob.sem);
	return ret;
}

static long spidev_ioctl(struct file *filp, unsigned int cmd, unsigned long arg)
{
	struct spidev_data *spidev = filp->private_data;
	long ret;

	switch (cmd) {
	case SPI_IOC_ENABLE_OOB_MODE:
		return spidev_enable_oob(spidev, arg);
	case SPI_IOC_DISABLE_OOB_MODE:
		ret = evl_trydown(&spidev->oob.sem);
		if (ret)
			return ret;
		spidev_disable_oob(spidev);
		evl_up(&spidev->oob.sem);
		return 0;
	default:
		return -ENOTTY;
	}
}

/* oob */
static long spidev_oob_ioctl(struct file *filp, unsigned int cmd, unsigned long arg)
{
	struct spidev_data *spidev = filp->private_data;
	long ret;

	if (cmd != SPI_IOC_RUN_OOB_XFER)
		return -ENOTTY;
	ret = evl_down(&spidev->oob.sem);
	if (ret)
		return ret;
	if (!spidev->oob.enabled) {
		ret = -ENXIO;
	} else {
		ret = spi_pulse_oob_transfer(&spidev->oob.xfer);
		if (!ret)
			ret = evl_wait_flag(&spidev->oob.flag);
	}
	evl_up(&spidev->oob.sem);
	return ret;
}

static int spidev_mmap(struct file *filp, struct vm_area_struct *vma)
{
	struct spidev_data *spidev = filp->private_data;

	if (!spidev->oob.enabled)
		return -ENXIO;
	return spi_mmap_oob_transfer(vma, &spidev->oob.xfer);
}

static int spidev_open(struct inode *inode, struct file *filp)
{
	struct spidev_data *spidev;
	int status = -ENXIO;

	mutex_lock(&device_list_lock);
	list_for_each_entry(spidev, &device_list, device_entry) {
		if (spidev->devt == inode->i_rdev) {
			status = 0;
			break;
		}
	}
	if (status)
		goto out;
	if (spidev->users) {
		status = -EBUSY;
		goto out;
	}
	spidev->buffer = kmalloc(SPIDEV_BUFSIZ, GFP_KERNEL);
	if (!spidev->buffer) {
		status = -ENOMEM;
		goto out;
	}
	status = evl_open_file(&spidev->oob.efile, filp);
	if (status) {
		kfree(spidev->buffer);
		goto out;
	}
	evl_init_flag(&spidev->oob.flag);
	evl_init_ksem(&spidev->oob.sem, 1);
	spidev->users++;
	filp->private_data = spidev;
	stream_open(inode, filp);
out:
	mutex_unlock(&device_list_lock);
	return status;
}

static int spidev_release(struct inode *inode, struct file *filp)
{
	struct spidev_data *spidev = filp->private_data;
	bool dofree;

	mutex_lock(&device_list_lock);
	/* waiters get -EIDRM, then the oob callers are waited for */
	evl_destroy_flag(&spidev->oob.flag);
	evl_destroy_ksem(&spidev->oob.sem);
	evl_release_file(&spidev->oob.efile);
	spidev_disable_oob(spidev);
	spidev->users--;
	kfree(spidev->buffer);
	spidev->buffer = NULL;
	mutex_lock(&spidev->spi_lock);
	dofree = !spidev->spi;
	mutex_unlock(&spidev->spi_lock);
	if (dofree)
		kfree(spidev);
	mutex_unlock(&device_list_lock);
	return 0;
}

static const struct file_operations spidev_fops = {
	.owner		= THIS_MODULE,
	.write		= spidev_write,
	.read		= spidev_read,
	.unlocked_ioctl	= spidev_ioctl,
	.compat_ioctl	= compat_ptr_ioctl,
	.oob_ioctl	= spidev_oob_ioctl,
	.compat_oob_ioctl = compat_ptr_oob_ioctl,
	.mmap		= spidev_mmap,
	.open		= spidev_open,
	.release	= spidev_release,
#if LINUX_VERSION_CODE < KERNEL_VERSION(6, 12, 0)
	.llseek		= no_llseek,	/* gone in 6.12: no ->llseek means no seeking */
#endif
};

static int spidev_probe(struct spi_device *spi)
{
	struct spidev_data *spidev;
	unsigned long minor;
	struct device *dev;
	int status = -ENODEV;

	spidev = kzalloc(sizeof(*spidev), GFP_KERNEL);
	if (!spidev)
		return -ENOMEM;
	spidev->spi = spi;
	mutex_init(&spidev->spi_lock);
	mutex_init(&spidev->buf_lock);
	INIT_LIST_HEAD(&spidev->device_entry);

	mutex_lock(&device_list_lock);
	minor = find_first_zero_bit(minors, N_SPI_MINORS);
	if (minor < N_SPI_MINORS) {
		spidev->devt = MKDEV(SPIDEV_MAJOR, minor);
		dev = device_create(&spidev_class, &spi->dev, spidev->devt, spidev,
				    "spidev%d.%d", spi->controller->bus_num,
				    spi_get_chipselect(spi, 0));
		status = PTR_ERR_OR_ZERO(dev);
	}
	if (!status) {
		set_bit(minor, minors);
		list_add(&spidev->device_entry, &device_list);
	}
	mutex_unlock(&device_list_lock);
	if (status) {
		kfree(spidev);
		return status;
	}
	spi_set_drvdata(spi, spidev);
	return 0;
}

static void spidev_remove(struct spi_device *spi)
{
	struct spidev_data *spidev = spi_get_drvdata(spi);

	mutex_lock(&device_list_lock);
	mutex_lock(&spidev->spi_lock);
	spidev->spi = NULL;
	mutex_unlock(&spidev->spi_lock);
	list_del(&spidev->device_entry);
	device_destroy(&spidev_class, spidev->devt);
	clear_bit(MINOR(spidev->devt), minors);
	if (spidev->users == 0)
		kfree(spidev);
	mutex_unlock(&device_list_lock);
}

static const struct spi_device_id spidev_spi_ids[] = {
	{ .name = "spidev" },
	{ .name = "evlsim-sensor" },
	{ }
};
MODULE_DEVICE_TABLE(spi, spidev_spi_ids);

static struct spi_driver spidev_spi_driver = {
	.driver = {
		.name = "spidev",
	},
	.probe = spidev_probe,
	.remove = spidev_remove,
	.id_table = spidev_spi_ids,
};

static int __init spidev_init(void)
{
	int status;

	status = register_chrdev(SPIDEV_MAJOR, "spi", &spidev_fops);
	if (status < 0)
		return status;
	status = class_register(&spidev_class);
	if (status)
		goto fail_class;
	status = spi_register_driver(&spidev_spi_driver);
	if (status)
		goto fail_driver;
	return 0;
fail_driver:
	class_unregister(&spidev_class);
fail_class:
	unregister_chrdev(SPIDEV_MAJOR, "spi");
	return status;
}
module_init(spidev_init);

static void __exit spidev_exit(void)
{
	spi_unregister_driver(&spidev_spi_driver);
	class_unregister(&spidev_class);
	unregister_chrdev(SPIDEV_MAJOR, "spi");
}
module_exit(spidev_exit);

MODULE_LICENSE("GPL");
MODULE_DESCRIPTION("User mode SPI device interface, with EVL's out-of-band mode");
