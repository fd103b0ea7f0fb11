// SPDX-License-Identifier: GPL-2.0-only
/*
 * tdevreg: a driver for the device registration tests. Its init registers a class
 * "tdevreg", a region of TDEVREG_MINORS minors with a dynamic major, and one cdev on minor
 * 0 with the node /dev/tdevreg0. Every other registration is done on demand through
 * plain-C entry points (the test program calls them as a driver's code path would), so
 * that each error the kernel's registration services return can be provoked:
 * chrdev regions, register_chrdev(), misc devices, classes, cdevs and devices. Its exit
 * removes whatever is still registered.
 *
 * Every node of the driver answers read() with a line naming what the open saw:
 *   "cdev <major>:<minor>\n"            opened through a cdev
 *   "misc <slot> <name> <minor>\n"      opened through misc_open(), whose ->private_data
 *                                       was this driver's miscdevice of that slot
 *   "misc ? <minor>\n"                  misc open whose ->private_data was not ours
 */
#include <linux/module.h>
#include <linux/fs.h>
#include <linux/cdev.h>
#include <linux/device.h>
#include <linux/miscdevice.h>
#include <linux/slab.h>
#include <linux/string.h>
#include <linux/uaccess.h>
#include <linux/kdev_t.h>
#include "tdevreg-abi.h"

#define TDEVREG_MISC_SLOTS	4
#define TDEVREG_CLASS_SLOTS	2
#define TDEVREG_DEV_SLOTS	8
#define TDEVREG_NAME_LEN	32

struct tdevreg_file {
	char who[64];
};

static dev_t tdevreg_devt;
static struct class *tdevreg_class;
static struct cdev tdevreg_cdevs[TDEVREG_MINORS];
static bool tdevreg_cdev_live[TDEVREG_MINORS];
static atomic_t tdevreg_opens, tdevreg_releases;

static struct miscdevice tdevreg_miscs[TDEVREG_MISC_SLOTS];
static char tdevreg_misc_names[TDEVREG_MISC_SLOTS][TDEVREG_NAME_LEN];
static bool tdevreg_misc_live[TDEVREG_MISC_SLOTS];

static struct class tdevreg_classes[TDEVREG_CLASS_SLOTS];
static char tdevreg_class_names[TDEVREG_CLASS_SLOTS][TDEVREG_NAME_LEN];
static bool tdevreg_class_live[TDEVREG_CLASS_SLOTS];

/* devices created on demand in the driver's class (the init's tdevreg0 is not one) */
static dev_t tdevreg_dev_devt[TDEVREG_DEV_SLOTS];
static bool tdevreg_dev_live[TDEVREG_DEV_SLOTS];

/* one register_chrdev() major at a time */
static unsigned int tdevreg_chrdev_major;
static unsigned int tdevreg_chrdev_base, tdevreg_chrdev_count;
static char tdevreg_chrdev_name[TDEVREG_NAME_LEN];

/* in-band */
static int tdevreg_open(struct inode *inode, struct file *filp)
{
	struct tdevreg_file *tf;
	int i;

	tf = kzalloc(sizeof(*tf), GFP_KERNEL);
	if (!tf)
		return -ENOMEM;
	if (imajor(inode) == MISC_MAJOR) {
		snprintf(tf->who, sizeof(tf->who), "misc ? %u\n", iminor(inode));
		for (i = 0; i < TDEVREG_MISC_SLOTS; i++) {
			if (filp->private_data == &tdevreg_miscs[i]) {
				snprintf(tf->who, sizeof(tf->who), "misc %d %s %u\n", i,
					 tdevreg_miscs[i].name, iminor(inode));
				break;
			}
		}
	} else {
		snprintf(tf->who, sizeof(tf->who), "cdev %u:%u\n", imajor(inode),
			 iminor(inode));
	}
	filp->private_data = tf;
	atomic_inc(&tdevreg_opens);
	return 0;
}

/* in-band */
static int tdevreg_release(struct inode *inode, struct file *filp)
{
	kfree(filp->private_data);
	atomic_inc(&tdevreg_releases);
	return 0;
}

/* in-band */
static ssize_t tdevreg_read(struct file *filp, char __user *buf, size_t count,
			    loff_t *ppos)
{
	struct tdevreg_file *tf = filp->private_data;
	size_t len = strlen(tf->who);

	if (count > len)
		count = len;
	if (copy_to_user(buf, tf->who, count))
		return -EFAULT;
	return count;
}

static const struct file_operations tdevreg_fops = {
	.owner		= THIS_MODULE,
	.open		= tdevreg_open,
	.release	= tdevreg_release,
	.read		= tdevreg_read,
};

/* ---- plain-C entry points for the tests ---------------------------------------------- */

unsigned int tdevreg_major(void)
{
	return MAJOR(tdevreg_devt);
}

int tdevreg_open_count(void)
{
	return atomic_read(&tdevreg_opens);
}

int tdevreg_release_count(void)
{
	return atomic_read(&tdevreg_releases);
}

int tdevreg_region_register(unsigned int major, unsigned int minor, unsigned int count)
{
	return register_chrdev_region(MKDEV(major, minor), count, "tdevreg-x");
}

void tdevreg_region_unregister(unsigned int major, unsigned int minor, unsigned int count)
{
	unregister_chrdev_region(MKDEV(major, minor), count);
}

int tdevreg_region_alloc(unsigned int baseminor, unsigned int count, unsigned int *major)
{
	dev_t devt = 0;
	int ret;

	ret = alloc_chrdev_region(&devt, baseminor, count, "tdevreg-a");
	if (!ret) {
		*major = MAJOR(devt);
		if (MINOR(devt) != baseminor)
			return -EPROTO;	/* the tests check for this "impossible" result */
	}
	return ret;
}

/* __register_chrdev(); register_chrdev() when @baseminor is 0 and @count 256 */
int tdevreg_chrdev_register(unsigned int major, unsigned int baseminor, unsigned int count,
			    const char *name)
{
	int ret;

	if (baseminor == 0 && count == 256)
		ret = register_chrdev(major, name, &tdevreg_fops);
	else
		ret = __register_chrdev(major, baseminor, count, name, &tdevreg_fops);
	if (ret >= 0 && !tdevreg_chrdev_major) {
		tdevreg_chrdev_major = major ? major : ret;
		tdevreg_chrdev_base = baseminor;
		tdevreg_chrdev_count = count;
		strscpy(tdevreg_chrdev_name, name, sizeof(tdevreg_chrdev_name));
	}
	return ret;
}

void tdevreg_chrdev_unregister(void)
{
	if (!tdevreg_chrdev_major)
		return;
	if (tdevreg_chrdev_base == 0 && tdevreg_chrdev_count == 256)
		unregister_chrdev(tdevreg_chrdev_major, tdevreg_chrdev_name);
	else
		__unregister_chrdev(tdevreg_chrdev_major, tdevreg_chrdev_base,
				    tdevreg_chrdev_count, tdevreg_chrdev_name);
	tdevreg_chrdev_major = 0;
}

/* @minor < 0: a dynamic minor */
int tdevreg_misc_register(unsigned int slot, const char *name, int minor)
{
	struct miscdevice *m;
	int ret;

	if (slot >= TDEVREG_MISC_SLOTS || tdevreg_misc_live[slot])
		return -EPROTO;
	m = &tdevreg_miscs[slot];
	memset(m, 0, sizeof(*m));
	strscpy(tdevreg_misc_names[slot], name, sizeof(tdevreg_misc_names[slot]));
	m->name = tdevreg_misc_names[slot];
	m->minor = minor < 0 ? MISC_DYNAMIC_MINOR : minor;
	m->fops = &tdevreg_fops;
	ret = misc_register(m);
	if (!ret)
		tdevreg_misc_live[slot] = true;
	return ret;
}

void tdevreg_misc_deregister(unsigned int slot)
{
	if (slot < TDEVREG_MISC_SLOTS && tdevreg_misc_live[slot]) {
		misc_deregister(&tdevreg_miscs[slot]);
		tdevreg_misc_live[slot] = false;
	}
}

int tdevreg_misc_minor(unsigned int slot)
{
	return slot < TDEVREG_MISC_SLOTS ? tdevreg_miscs[slot].minor : -1;
}

int tdevreg_class_register(unsigned int slot, const char *name)
{
	struct class *cls;
	int ret;

	if (slot >= TDEVREG_CLASS_SLOTS || tdevreg_class_live[slot])
		return -EPROTO;
	cls = &tdevreg_classes[slot];
	memset(cls, 0, sizeof(*cls));
	strscpy(tdevreg_class_names[slot], name, sizeof(tdevreg_class_names[slot]));
	cls->name = tdevreg_class_names[slot];
	ret = class_register(cls);
	if (!ret)
		tdevreg_class_live[slot] = true;
	return ret;
}

void tdevreg_class_unregister(unsigned int slot)
{
	if (slot < TDEVREG_CLASS_SLOTS && tdevreg_class_live[slot]) {
		class_unregister(&tdevreg_classes[slot]);
		tdevreg_class_live[slot] = false;
	}
}

/* class_create() of @name: its error, or 0 (the class is destroyed again at once) */
int tdevreg_class_create_probe(const char *name)
{
	struct class *cls = class_create(name);

	if (IS_ERR(cls))
		return PTR_ERR(cls);
	class_destroy(cls);
	return 0;
}

/* a cdev on minor @minor of the driver's region */
int tdevreg_cdev_add(unsigned int minor)
{
	int ret;

	if (minor >= TDEVREG_MINORS || tdevreg_cdev_live[minor])
		return -EPROTO;
	cdev_init(&tdevreg_cdevs[minor], &tdevreg_fops);
	tdevreg_cdevs[minor].owner = THIS_MODULE;
	ret = cdev_add(&tdevreg_cdevs[minor], MKDEV(MAJOR(tdevreg_devt), minor), 1);
	if (!ret)
		tdevreg_cdev_live[minor] = true;
	return ret;
}

void tdevreg_cdev_del(unsigned int minor)
{
	if (minor < TDEVREG_MINORS && tdevreg_cdev_live[minor]) {
		cdev_del(&tdevreg_cdevs[minor]);
		tdevreg_cdev_live[minor] = false;
	}
}

/* device_create() in the driver's class; @major 0 means the driver's own major */
int tdevreg_device_create(unsigned int slot, unsigned int major, unsigned int minor,
			  const char *name)
{
	struct device *dev;
	dev_t devt;

	if (slot >= TDEVREG_DEV_SLOTS || tdevreg_dev_live[slot])
		return -EPROTO;
	devt = MKDEV(major ? major : MAJOR(tdevreg_devt), minor);
	dev = device_create(tdevreg_class, NULL, devt, NULL, "%s", name);
	if (IS_ERR(dev))
		return PTR_ERR(dev);
	if (!dev)
		return -EPROTO;
	tdevreg_dev_devt[slot] = devt;
	tdevreg_dev_live[slot] = true;
	return 0;
}

void tdevreg_device_destroy(unsigned int slot)
{
	if (slot < TDEVREG_DEV_SLOTS && tdevreg_dev_live[slot]) {
		device_destroy(tdevreg_class, tdevreg_dev_devt[slot]);
		tdevreg_dev_live[slot] = false;
	}
}

/* device_create() in one of the registered class slots; the caller destroys it */
int tdevreg_device_create_in(unsigned int class_slot, unsigned int major,
			     unsigned int minor, const char *name)
{
	struct device *dev;

	if (class_slot >= TDEVREG_CLASS_SLOTS || !tdevreg_class_live[class_slot])
		return -EPROTO;
	dev = device_create(&tdevreg_classes[class_slot], NULL,
			    MKDEV(major ? major : MAJOR(tdevreg_devt), minor), NULL, "%s", name);
	if (IS_ERR(dev))
		return PTR_ERR(dev);
	return dev ? 0 : -EPROTO;
}

void tdevreg_device_destroy_in(unsigned int class_slot, unsigned int major,
			       unsigned int minor)
{
	if (class_slot < TDEVREG_CLASS_SLOTS && tdevreg_class_live[class_slot])
		device_destroy(&tdevreg_classes[class_slot],
			       MKDEV(major ? major : MAJOR(tdevreg_devt), minor));
}

/* ---- module -------------------------------------------------------------------------- */

static int __init tdevreg_init(void)
{
	struct device *dev;
	int ret;

	atomic_set(&tdevreg_opens, 0);
	atomic_set(&tdevreg_releases, 0);
	tdevreg_class = class_create("tdevreg");
	if (IS_ERR(tdevreg_class))
		return PTR_ERR(tdevreg_class);
	ret = alloc_chrdev_region(&tdevreg_devt, 0, TDEVREG_MINORS, "tdevreg");
	if (ret)
		goto fail_region;
	ret = tdevreg_cdev_add(0);
	if (ret)
		goto fail_cdev;
	dev = device_create(tdevreg_class, NULL, MKDEV(MAJOR(tdevreg_devt), 0), NULL,
			    "tdevreg0");
	if (IS_ERR(dev)) {
		ret = PTR_ERR(dev);
		goto fail_dev;
	}
	return 0;

fail_dev:
	tdevreg_cdev_del(0);
fail_cdev:
	unregister_chrdev_region(tdevreg_devt, TDEVREG_MINORS);
fail_region:
	class_destroy(tdevreg_class);
	return ret;
}
module_init(tdevreg_init);

static void __exit tdevreg_exit(void)
{
	int i;

	tdevreg_chrdev_unregister();
	for (i = 0; i < TDEVREG_MISC_SLOTS; i++)
		tdevreg_misc_deregister(i);
	for (i = 0; i < TDEVREG_DEV_SLOTS; i++)
		tdevreg_device_destroy(i);
	device_destroy(tdevreg_class, MKDEV(MAJOR(tdevreg_devt), 0));
	for (i = 0; i < TDEVREG_MINORS; i++)
		tdevreg_cdev_del(i);
	unregister_chrdev_region(tdevreg_devt, TDEVREG_MINORS);
	class_destroy(tdevreg_class);
	for (i = 0; i < TDEVREG_CLASS_SLOTS; i++)
		tdevreg_class_unregister(i);
}
module_exit(tdevreg_exit);

MODULE_LICENSE("GPL");
MODULE_DESCRIPTION("evlsim test driver: device registration on demand");
