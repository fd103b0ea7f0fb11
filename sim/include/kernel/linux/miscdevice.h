/* SPDX-License-Identifier: LGPL-2.1-or-later */
/*
 * evlsim shim: faithful to linux v6.12 include/linux/miscdevice.h and drivers/char/misc.c
 * semantics: major 10, dynamic minors, a /dev/<name> node (or ->nodename), misc_open()
 * sets file->private_data to the struct miscdevice before calling the driver's ->open(),
 * under the misc mutex.
 */
#ifndef _EVLSIM_LINUX_MISCDEVICE_H
#define _EVLSIM_LINUX_MISCDEVICE_H

#include <linux/list.h>
#include <linux/types.h>
#include <linux/device.h>
#include <linux/module.h>

#define MISC_MAJOR		10
#define MISC_DYNAMIC_MINOR	255
#define PSMOUSE_MINOR		1
#define WATCHDOG_MINOR		130
#define TEMP_MINOR		131
#define RTC_MINOR		135
#define HPET_MINOR		228
#define FUSE_MINOR		229
#define KVM_MINOR		232
#define BTRFS_MINOR		234
#define AUTOFS_MINOR		235
#define MAPPER_CTRL_MINOR	236
#define LOOP_CTRL_MINOR		237
#define VHOST_NET_MINOR		238
#define UHID_MINOR		239
#define USERIO_MINOR		240
#define VHOST_VSOCK_MINOR	241
#define RFKILL_MINOR		242

struct miscdevice  {
	int minor;
	const char *name;
	const struct file_operations *fops;
	struct list_head list;
	struct device *parent;
	struct device *this_device;
	const struct attribute_group **groups;
	const char *nodename;
	umode_t mode;
};

int misc_register(struct miscdevice *misc) __evlsim_ksym(misc_register);
void misc_deregister(struct miscdevice *misc) __evlsim_ksym(misc_deregister);

/* module_driver() comes from <linux/device/driver.h>, through <linux/device.h> */
#define module_misc_device(__misc_device) \
	module_driver(__misc_device, misc_register, misc_deregister)

#define MODULE_ALIAS_MISCDEV(minor)

#endif
