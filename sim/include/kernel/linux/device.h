/* SPDX-License-Identifier: LGPL-2.1-or-later */
/*
 * evlsim shim: linux v6.12 include/linux/device.h and device/class.h, custom: the
 * driver-model subset that character drivers use to get a node under /dev. A device
 * created with a device number gets a node /dev/<name> (or the name its class's
 * ->devnode() returns), which open(2) then resolves as devtmpfs would. No sysfs: the
 * attribute groups are accepted and ignored. Devices on a bus (the platform bus of
 * simulated hardware) carry a driver, DMA masks, a device-tree node and managed resources
 * (<linux/device/devres.h>).
 */
#ifndef _EVLSIM_LINUX_DEVICE_H
#define _EVLSIM_LINUX_DEVICE_H

#include <linux/types.h>
#include <evlsim/kernel-line.h>
#include <linux/lockdep_types.h>
#include <linux/kobject.h>
#include <linux/kdev_t.h>
#include <linux/err.h>
#include <linux/printk.h>
#include <linux/stdarg.h>
#include <linux/device/driver.h>
#include <linux/device/devres.h>
#include <linux/pm.h>
#include <linux/list.h>
#include <linux/mutex.h>
#include <linux/gfp.h>
#include <linux/overflow.h>
#include <linux/atomic.h>

struct module;
struct attribute_group;
struct kobj_uevent_env;
struct device_type;
struct device_driver;
struct bus_type;
struct device;
struct device_node;
struct fwnode_handle;

/* linux v6.12 include/linux/device/bus.h, custom subset: the bus a device sits on */
struct bus_type {
	const char		*name;
	const char		*dev_name;
	const struct attribute_group **bus_groups;
	const struct attribute_group **dev_groups;
	const struct attribute_group **drv_groups;
	int (*match)(struct device *dev, const struct device_driver *drv);
	int (*probe)(struct device *dev);
	void (*remove)(struct device *dev);
	const struct dev_pm_ops *pm;
};

struct device_dma_parameters {
	unsigned int max_segment_size;
	unsigned int min_align_mask;
	unsigned long segment_boundary_mask;
};

/*
 * Kernel lines (linux/version.h): the callbacks take a const device from 6.2 and a const
 * class from 6.4; ->owner is gone in 6.4 (its slot stays, so that one layout serves
 * every line).
 */
struct class {
	const char		*name;
	const struct attribute_group	**class_groups;
	const struct attribute_group	**dev_groups;
#if EVLSIM_KERNEL_AT_LEAST(6, 2)
	int (*dev_uevent)(const struct device *dev, struct kobj_uevent_env *env);
	char *(*devnode)(const struct device *dev, umode_t *mode);
#else
	int (*dev_uevent)(struct device *dev, struct kobj_uevent_env *env);
	char *(*devnode)(struct device *dev, umode_t *mode);
#endif
#if EVLSIM_KERNEL_AT_LEAST(6, 4)
	void (*class_release)(const struct class *class);
#else
	void (*class_release)(struct class *class);
#endif
	void (*dev_release)(struct device *dev);
	int (*shutdown_pre)(struct device *dev);
#if EVLSIM_KERNEL_AT_LEAST(6, 4)
	void			*evlsim_owner_slot;
#else
	struct module		*owner;
#endif
};

struct device {
	struct kobject kobj;
	struct device		*parent;
	const char		*init_name;
	const struct device_type *type;
	const struct bus_type	*bus;
	struct device_driver	*driver;
	void		*platform_data;
	void		*driver_data;
	dev_t			devt;
	u32			id;
	const struct class	*class;
	const struct attribute_group **groups;
	void	(*release)(struct device *dev);
	u64		*dma_mask;	/* dma mask (if dma'able device) */
	u64		coherent_dma_mask;
	u64		bus_dma_limit;
	struct device_dma_parameters *dma_parms;
	struct device_node	*of_node; /* associated device tree node */
	struct fwnode_handle	*fwnode; /* firmware device node */
	/* simulator: the /dev node of this device, if any */
	char			*evlsim_node;
	/* simulator: the managed resources (sim/hw/devres.c), NULL until the first */
	void			*evlsim_devres;
};

static inline struct device_node *dev_of_node(struct device *dev)
{
	return dev->of_node;
}

struct device_attribute;

static inline const char *dev_name(const struct device *dev)
{
	if (dev->init_name)
		return dev->init_name;
	return kobject_name(&dev->kobj);
}

static inline void *dev_get_drvdata(const struct device *dev)
{
	return dev->driver_data;
}

static inline void dev_set_drvdata(struct device *dev, void *data)
{
	dev->driver_data = data;
}

const char *dev_driver_string(const struct device *dev) __evlsim_ksym(dev_driver_string);
int dev_set_name(struct device *dev, const char *name, ...)
	__evlsim_ksym(dev_set_name) __printf(2, 3);

#if EVLSIM_KERNEL_AT_LEAST(6, 4)
struct class * __must_check class_create(const char *name) __evlsim_ksym(class_create);
#else
/* before 6.4: class_create(owner, name), the owner module being ignored here */
struct class *evlsim__class_create(const char *name) __evlsim_ksym(class_create);
static inline struct class * __must_check
__class_create(struct module *owner, const char *name, struct lock_class_key *key)
{
	return evlsim__class_create(name);
}
#define class_create(owner, name)						\
	({									\
		static struct lock_class_key __key;				\
		__class_create(owner, name, &__key);				\
	})
#endif
void class_destroy(const struct class *cls) __evlsim_ksym(class_destroy);
int __must_check class_register(const struct class *class) __evlsim_ksym(class_register);
void class_unregister(const struct class *class) __evlsim_ksym(class_unregister);

__printf(5, 6) struct device *
device_create(const struct class *cls, struct device *parent, dev_t devt, void *drvdata,
	      const char *fmt, ...) __evlsim_ksym(device_create);
__printf(6, 7) struct device *
device_create_with_groups(const struct class *cls, struct device *parent, dev_t devt,
			  void *drvdata, const struct attribute_group **groups,
			  const char *fmt, ...) __evlsim_ksym(device_create_with_groups);
void device_destroy(const struct class *cls, dev_t devt) __evlsim_ksym(device_destroy);

void device_initialize(struct device *dev) __evlsim_ksym(device_initialize);
int __must_check device_add(struct device *dev) __evlsim_ksym(device_add);
void device_del(struct device *dev) __evlsim_ksym(device_del);
int __must_check device_register(struct device *dev) __evlsim_ksym(device_register);
void device_unregister(struct device *dev) __evlsim_ksym(device_unregister);
struct device *get_device(struct device *dev) __evlsim_ksym(get_device);
void put_device(struct device *dev) __evlsim_ksym(put_device);

__printf(3, 4) void _dev_printk(const char *level, const struct device *dev,
				const char *fmt, ...) __evlsim_ksym(_dev_printk);

#define dev_printk(level, dev, fmt, ...)	_dev_printk(level, dev, fmt, ##__VA_ARGS__)
#ifndef dev_fmt
#define dev_fmt(fmt) fmt
#endif
#define dev_emerg(dev, fmt, ...)  _dev_printk(KERN_EMERG, dev, dev_fmt(fmt), ##__VA_ARGS__)
#define dev_alert(dev, fmt, ...)  _dev_printk(KERN_ALERT, dev, dev_fmt(fmt), ##__VA_ARGS__)
#define dev_crit(dev, fmt, ...)	  _dev_printk(KERN_CRIT, dev, dev_fmt(fmt), ##__VA_ARGS__)
#define dev_err(dev, fmt, ...)	  _dev_printk(KERN_ERR, dev, dev_fmt(fmt), ##__VA_ARGS__)
#define dev_warn(dev, fmt, ...)	  _dev_printk(KERN_WARNING, dev, dev_fmt(fmt), ##__VA_ARGS__)
#define dev_notice(dev, fmt, ...) _dev_printk(KERN_NOTICE, dev, dev_fmt(fmt), ##__VA_ARGS__)
#define dev_info(dev, fmt, ...)	  _dev_printk(KERN_INFO, dev, dev_fmt(fmt), ##__VA_ARGS__)
#ifdef DEBUG
#define dev_dbg(dev, fmt, ...)	  _dev_printk(KERN_DEBUG, dev, dev_fmt(fmt), ##__VA_ARGS__)
#else
#define dev_dbg(dev, fmt, ...)						\
({									\
	if (0)								\
		_dev_printk(KERN_DEBUG, dev, dev_fmt(fmt), ##__VA_ARGS__); \
})
#endif
#define dev_err_once(dev, fmt, ...)	dev_err(dev, fmt, ##__VA_ARGS__)
#define dev_warn_once(dev, fmt, ...)	dev_warn(dev, fmt, ##__VA_ARGS__)
#define dev_info_once(dev, fmt, ...)	dev_info(dev, fmt, ##__VA_ARGS__)
#define dev_err_ratelimited(dev, fmt, ...)	dev_err(dev, fmt, ##__VA_ARGS__)
#define dev_warn_ratelimited(dev, fmt, ...)	dev_warn(dev, fmt, ##__VA_ARGS__)
#define dev_info_ratelimited(dev, fmt, ...)	dev_info(dev, fmt, ##__VA_ARGS__)

__printf(3, 4) int dev_err_probe(const struct device *dev, int err, const char *fmt, ...)
	__evlsim_ksym(dev_err_probe);

#endif
