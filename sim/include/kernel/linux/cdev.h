/* SPDX-License-Identifier: LGPL-2.1-or-later */
/*
 * evlsim shim: faithful to linux v6.12 include/linux/cdev.h (fs/char_dev.c semantics:
 * the cdev map, the open path that resolves a device number to its cdev, module
 * references taken by every open).
 */
#ifndef _EVLSIM_LINUX_CDEV_H
#define _EVLSIM_LINUX_CDEV_H

#include <linux/kobject.h>
#include <linux/kdev_t.h>
#include <linux/list.h>
#include <linux/device.h>

struct file_operations;
struct inode;
struct module;
struct device;

struct cdev {
	struct kobject kobj;
	struct module *owner;
	const struct file_operations *ops;
	struct list_head list;
	dev_t dev;
	unsigned int count;
} __randomize_layout;

void cdev_init(struct cdev *cdev, const struct file_operations *fops) __evlsim_ksym(cdev_init);
struct cdev *cdev_alloc(void) __evlsim_ksym(cdev_alloc);
void cdev_put(struct cdev *p) __evlsim_ksym(cdev_put);
int cdev_add(struct cdev *p, dev_t dev, unsigned count) __evlsim_ksym(cdev_add);
void cdev_set_parent(struct cdev *p, struct kobject *kobj) __evlsim_ksym(cdev_set_parent);
int cdev_device_add(struct cdev *cdev, struct device *dev) __evlsim_ksym(cdev_device_add);
void cdev_device_del(struct cdev *cdev, struct device *dev) __evlsim_ksym(cdev_device_del);
void cdev_del(struct cdev *p) __evlsim_ksym(cdev_del);

#endif
