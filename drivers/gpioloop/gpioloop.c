// SPDX-License-Identifier: GPL-2.0-only
/*
 * gpioloop: an example driver for a GPIO loop-back, the way latency is measured on real
 * boards (latmon): one GPIO line out, another in, wired together. From an out-of-band
 * ioctl, the driver raises the output and waits for the input's interrupt, handled
 * out-of-band, which timestamps the edge; it returns the latency from the write to the
 * handler.
 *
 * Device tree (or evlsim_pdev_info properties): compatible "evlsim,gpioloop",
 * "out-gpios" and "in-gpios". Everything is managed: the descriptors (devm_gpiod_get()),
 * the interrupt (devm_request_irq(IRQF_OOB)); remove() has only the misc device.
 */
#include <linux/module.h>
#include <linux/platform_device.h>
#include <linux/mod_devicetable.h>
#include <linux/gpio/consumer.h>
#include <linux/interrupt.h>
#include <linux/miscdevice.h>
#include <linux/fs.h>
#include <linux/slab.h>
#include <linux/uaccess.h>
#include <evl/clock.h>
#include <evl/file.h>
#include <evl/flag.h>
#include "gpioloop-abi.h"

struct gpioloop {
	struct device *dev;
	struct gpio_desc *out, *in;
	int irq;
	struct evl_flag edge;		/* raised by the oob handler */
	ktime_t edge_date;		/* when the handler saw the edge */
	struct miscdevice misc;
};

struct gpioloop_file {
	struct evl_file efile;
	struct gpioloop *gl;
	u32 pulses;
};

static irqreturn_t gpioloop_interrupt(int irq, void *arg)
{
	struct gpioloop *gl = arg;

	gl->edge_date = evl_ktime_monotonic();
	evl_raise_flag(&gl->edge);
	return IRQ_HANDLED;
}

static long gpioloop_oob_ioctl(struct file *filp, unsigned int cmd, unsigned long arg)
{
	struct gpioloop_file *gf = filp->private_data;
	struct gpioloop *gl = gf->gl;
	struct gpioloop_pulse p;
	ktime_t t0, timeout;
	int ret;

	if (cmd != GPIOLOOP_IOC_PULSE)
		return -ENOTTY;
	if (raw_copy_from_user(&p, (void __user *)arg, sizeof(p)))
		return -EFAULT;
	timeout = p.timeout_ns ?: NSEC_PER_MSEC;
	t0 = evl_ktime_monotonic();
	gpiod_set_value(gl->out, 1);	/* the edge: the input's handler runs meanwhile */
	ret = evl_wait_flag_timeout(&gl->edge, ktime_add(t0, timeout), EVL_ABS);
	gpiod_set_value(gl->out, 0);
	if (ret)
		return ret;
	p.latency_ns = ktime_sub(READ_ONCE(gl->edge_date), t0);
	p.pulses = ++gf->pulses;
	if (raw_copy_to_user((void __user *)arg, &p, sizeof(p)))
		return -EFAULT;
	return 0;
}

static int gpioloop_open(struct inode *inode, struct file *filp)
{
	struct gpioloop *gl = container_of(filp->private_data, struct gpioloop, misc);
	struct gpioloop_file *gf;
	int ret;

	gf = kzalloc(sizeof(*gf), GFP_KERNEL);
	if (!gf)
		return -ENOMEM;
	ret = evl_open_file(&gf->efile, filp);
	if (ret) {
		kfree(gf);
		return ret;
	}
	gf->gl = gl;
	filp->private_data = gf;
	return 0;
}

static int gpioloop_release(struct inode *inode, struct file *filp)
{
	struct gpioloop_file *gf = filp->private_data;

	evl_release_file(&gf->efile);
	kfree(gf);
	return 0;
}

static const struct file_operations gpioloop_fops = {
	.owner = THIS_MODULE,
	.open = gpioloop_open,
	.release = gpioloop_release,
	.oob_ioctl = gpioloop_oob_ioctl,
};

static void gpioloop_destroy_flag(void *arg)
{
	evl_destroy_flag(arg);
}

static int gpioloop_probe(struct platform_device *pdev)
{
	struct device *dev = &pdev->dev;
	struct gpioloop *gl;
	int ret;

	gl = devm_kzalloc(dev, sizeof(*gl), GFP_KERNEL);
	if (!gl)
		return -ENOMEM;
	gl->dev = dev;
	gl->out = devm_gpiod_get(dev, "out", GPIOD_OUT_LOW);
	if (IS_ERR(gl->out))
		return dev_err_probe(dev, PTR_ERR(gl->out), "no output line\n");
	gl->in = devm_gpiod_get(dev, "in", GPIOD_IN);
	if (IS_ERR(gl->in))
		return dev_err_probe(dev, PTR_ERR(gl->in), "no input line\n");
	if (gpiod_cansleep(gl->out) || gpiod_cansleep(gl->in))
		return dev_err_probe(dev, -EINVAL, "lines on a sleeping chip\n");
	gl->irq = gpiod_to_irq(gl->in);
	if (gl->irq < 0)
		return dev_err_probe(dev, gl->irq, "input line without interrupt\n");

	evl_init_flag(&gl->edge);
	ret = devm_add_action_or_reset(dev, gpioloop_destroy_flag, &gl->edge);
	if (ret)
		return ret;
	ret = devm_request_irq(dev, gl->irq, gpioloop_interrupt,
			       IRQF_OOB | IRQF_TRIGGER_RISING, dev_name(dev), gl);
	if (ret)
		return dev_err_probe(dev, ret, "cannot request irq %d\n", gl->irq);

	gl->misc.minor = MISC_DYNAMIC_MINOR;
	gl->misc.name = "gpioloop";
	gl->misc.fops = &gpioloop_fops;
	ret = misc_register(&gl->misc);
	if (ret)
		return ret;
	platform_set_drvdata(pdev, gl);
	dev_info(dev, "GPIO loop-back on irq %d\n", gl->irq);
	return 0;
}

static void gpioloop_remove(struct platform_device *pdev)
{
	struct gpioloop *gl = platform_get_drvdata(pdev);

	misc_deregister(&gl->misc);
}

static const struct of_device_id gpioloop_of_match[] = {
	{ .compatible = "evlsim,gpioloop" },
	{ }
};
MODULE_DEVICE_TABLE(of, gpioloop_of_match);

static struct platform_driver gpioloop_driver = {
	.probe = gpioloop_probe,
	.remove = gpioloop_remove,
	.driver = {
		.name = "gpioloop",
		.of_match_table = gpioloop_of_match,
	},
};
module_platform_driver(gpioloop_driver);

MODULE_DESCRIPTION("Example GPIO loop-back with an out-of-band interrupt");
MODULE_LICENSE("GPL");
