/* SPDX-License-Identifier: LGPL-2.1-or-later */
/*
 * evlsim shim: linux v6.12 include/linux/platform_device.h (drivers/base/platform.c), for
 * the platform bus of simulated hardware (sim/hw/platform.c). Faithful: the structures,
 * platform_driver::remove returning void (as linux-evl), matching by driver_override, OF
 * compatible, id_table, then name; probe in the registering thread; -EPROBE_DEFER puts the
 * device on a deferred list retried after every later successful bind; devres released
 * in reverse order on probe failure and after remove(); unbind when the driver is
 * unregistered (module unload) or the device is removed; platform_get_irq()'s -ENXIO and
 * "0 is an invalid IRQ number". Custom: devices come from tests (<evlsim/hw.h>,
 * evlsim_platform_device_add()) or from platform_device_register*() in driver code; no
 * sysfs, no uevents, no MFD cells, no ACPI.
 */
#ifndef _EVLSIM_LINUX_PLATFORM_DEVICE_H
#define _EVLSIM_LINUX_PLATFORM_DEVICE_H

#include <linux/device.h>
#include <linux/ioport.h>
#include <linux/mod_devicetable.h>
#include <linux/pm.h>

#define PLATFORM_DEVID_NONE	(-1)
#define PLATFORM_DEVID_AUTO	(-2)

struct irq_affinity;
struct mfd_cell;
struct property_entry;
struct platform_device_id;

struct pdev_archdata {
};

struct platform_device {
	const char	*name;
	int		id;
	bool		id_auto;
	struct device	dev;
	u64		platform_dma_mask;
	struct device_dma_parameters dma_parms;
	u32		num_resources;
	struct resource	*resource;

	const struct platform_device_id	*id_entry;
	/*
	 * Driver name to force a match.  Do not set directly, because core
	 * frees it.  Use driver_set_override() to set or clear it.
	 */
	const char *driver_override;

	/* MFD cell pointer */
	struct mfd_cell *mfd_cell;

	/* arch specific additions */
	struct pdev_archdata	archdata;
};

#define platform_get_device_id(pdev)	((pdev)->id_entry)

#define dev_is_platform(dev) ((dev)->bus == &platform_bus_type)
#define to_platform_device(x) container_of((x), struct platform_device, dev)

extern const struct bus_type platform_bus_type __evlsim_ksym(platform_bus_type);
extern struct device platform_bus __evlsim_ksym(platform_bus);

struct resource *platform_get_resource(struct platform_device *dev, unsigned int type,
				       unsigned int num) __evlsim_ksym(platform_get_resource);
struct resource *platform_get_mem_or_io(struct platform_device *dev, unsigned int num)
	__evlsim_ksym(platform_get_mem_or_io);
struct resource *platform_get_resource_byname(struct platform_device *dev,
					      unsigned int type, const char *name)
	__evlsim_ksym(platform_get_resource_byname);

struct device *platform_find_device_by_driver(struct device *start,
					      const struct device_driver *drv)
	__evlsim_ksym(platform_find_device_by_driver);

void __iomem *devm_platform_get_and_ioremap_resource(struct platform_device *pdev,
						     unsigned int index, struct resource **res)
	__evlsim_ksym(devm_platform_get_and_ioremap_resource);
void __iomem *devm_platform_ioremap_resource(struct platform_device *pdev,
					     unsigned int index)
	__evlsim_ksym(devm_platform_ioremap_resource);
void __iomem *devm_platform_ioremap_resource_byname(struct platform_device *pdev,
						    const char *name)
	__evlsim_ksym(devm_platform_ioremap_resource_byname);
#define devm_platform_get_and_ioremap_resource(pdev, index, res) \
	__evlsim_owned(devm_platform_get_and_ioremap_resource(pdev, index, res))
#define devm_platform_ioremap_resource(pdev, index) \
	__evlsim_owned(devm_platform_ioremap_resource(pdev, index))
#define devm_platform_ioremap_resource_byname(pdev, name) \
	__evlsim_owned(devm_platform_ioremap_resource_byname(pdev, name))

int platform_get_irq(struct platform_device *, unsigned int) __evlsim_ksym(platform_get_irq);
int platform_get_irq_optional(struct platform_device *, unsigned int)
	__evlsim_ksym(platform_get_irq_optional);
int platform_irq_count(struct platform_device *) __evlsim_ksym(platform_irq_count);
int platform_get_irq_byname(struct platform_device *, const char *)
	__evlsim_ksym(platform_get_irq_byname);
int platform_get_irq_byname_optional(struct platform_device *dev, const char *name)
	__evlsim_ksym(platform_get_irq_byname_optional);
int platform_add_devices(struct platform_device **, int) __evlsim_ksym(platform_add_devices);

struct platform_device_info {
		struct device *parent;
		struct fwnode_handle *fwnode;
		bool of_node_reused;

		const char *name;
		int id;

		const struct resource *res;
		unsigned int num_res;

		const void *data;
		size_t size_data;
		u64 dma_mask;

		const struct property_entry *properties;
};
struct platform_device *platform_device_register_full(const struct platform_device_info *pdevinfo)
	__evlsim_ksym(platform_device_register_full);

/**
 * platform_device_register_resndata - add a platform-level device with
 * resources and platform-specific data
 */
static inline struct platform_device *platform_device_register_resndata(
		struct device *parent, const char *name, int id,
		const struct resource *res, unsigned int num,
		const void *data, size_t size) {

	struct platform_device_info pdevinfo = {
		.parent = parent,
		.name = name,
		.id = id,
		.res = res,
		.num_res = num,
		.data = data,
		.size_data = size,
		.dma_mask = 0,
	};

	return platform_device_register_full(&pdevinfo);
}

static inline struct platform_device *platform_device_register_simple(
		const char *name, int id,
		const struct resource *res, unsigned int num)
{
	return platform_device_register_resndata(NULL, name, id,
			res, num, NULL, 0);
}

static inline struct platform_device *platform_device_register_data(
		struct device *parent, const char *name, int id,
		const void *data, size_t size)
{
	return platform_device_register_resndata(parent, name, id,
			NULL, 0, data, size);
}

struct platform_device *platform_device_alloc(const char *name, int id)
	__evlsim_ksym(platform_device_alloc);
int platform_device_add_resources(struct platform_device *pdev, const struct resource *res,
				  unsigned int num) __evlsim_ksym(platform_device_add_resources);
int platform_device_add_data(struct platform_device *pdev, const void *data, size_t size)
	__evlsim_ksym(platform_device_add_data);
int platform_device_add(struct platform_device *pdev) __evlsim_ksym(platform_device_add);
void platform_device_del(struct platform_device *pdev) __evlsim_ksym(platform_device_del);
void platform_device_put(struct platform_device *pdev) __evlsim_ksym(platform_device_put);
int platform_device_register(struct platform_device *) __evlsim_ksym(platform_device_register);
void platform_device_unregister(struct platform_device *)
	__evlsim_ksym(platform_device_unregister);

/*
 * Kernel lines (linux/version.h): ->remove returns int before 6.11 and void from 6.11;
 * ->remove_new (void) exists from 6.3, aliases ->remove in 6.11 and 6.12 and is gone in
 * 6.13. The bus calls ->remove_new when set, else ->remove (a non-zero int result is
 * ignored, as the kernel does after its warning). One layout serves every line.
 */
struct platform_driver {
	int (*probe)(struct platform_device *);
#if EVLSIM_KERNEL_AT_LEAST(6, 11) && !EVLSIM_KERNEL_AT_LEAST(6, 13)
	union {
		void (*remove)(struct platform_device *);
		void (*remove_new)(struct platform_device *);
	};
	void (*evlsim_remove_slot)(struct platform_device *);
#elif EVLSIM_KERNEL_AT_LEAST(6, 11)
	void (*remove)(struct platform_device *);
	void (*evlsim_remove_slot)(struct platform_device *);
#elif EVLSIM_KERNEL_AT_LEAST(6, 3)
	int (*remove)(struct platform_device *);
	void (*remove_new)(struct platform_device *);
#else
	int (*remove)(struct platform_device *);
	void (*evlsim_remove_slot)(struct platform_device *);
#endif
	void (*shutdown)(struct platform_device *);
	int (*suspend)(struct platform_device *, pm_message_t state);
	int (*resume)(struct platform_device *);
	struct device_driver driver;
	const struct platform_device_id *id_table;
	bool prevent_deferred_probe;
	/*
	 * For most device drivers, no need to care about this flag as long as
	 * all DMAs are handled through the kernel DMA API. For some special
	 * ones, for example VFIO drivers, they know how to manage the DMA
	 * themselves and set this flag so that the IOMMU layer will allow them
	 * to setup and manage their own I/O address space.
	 */
	bool driver_managed_dma;
};

#define to_platform_driver(drv)	(container_of((drv), struct platform_driver, \
				 driver))

/*
 * use a macro to avoid include chaining to get THIS_MODULE
 */
#if EVLSIM_KERNEL_AT_LEAST(6, 18)
#define platform_driver_register(drv) \
	__platform_driver_register(drv, THIS_MODULE, KBUILD_MODNAME)
int __platform_driver_register(struct platform_driver *, struct module *, const char *mod_name)
	__evlsim_ksym(__platform_driver_register);
#else
/* the lines before the current one: no module name */
#define platform_driver_register(drv) \
	__platform_driver_register(drv, THIS_MODULE)
int evlsim__platform_driver_register(struct platform_driver *, struct module *,
				     const char *mod_name) __evlsim_ksym(__platform_driver_register);
static inline int __platform_driver_register(struct platform_driver *drv,
					     struct module *owner)
{
	return evlsim__platform_driver_register(drv, owner, NULL);
}
#endif
void platform_driver_unregister(struct platform_driver *)
	__evlsim_ksym(platform_driver_unregister);

/* non-hotpluggable platform devices may use this so that probe() and
 * its support may live in __init sections, conserving runtime memory.
 */
#define platform_driver_probe(drv, probe) \
	__platform_driver_probe(drv, probe, THIS_MODULE)
int __platform_driver_probe(struct platform_driver *driver,
			    int (*probe)(struct platform_device *), struct module *module)
	__evlsim_ksym(__platform_driver_probe);

static inline void *platform_get_drvdata(const struct platform_device *pdev)
{
	return dev_get_drvdata(&pdev->dev);
}

static inline void platform_set_drvdata(struct platform_device *pdev,
					void *data)
{
	dev_set_drvdata(&pdev->dev, data);
}

/* module_platform_driver() - Helper macro for drivers that don't do
 * anything special in module init/exit.  This eliminates a lot of
 * boilerplate.  Each module may only use this macro once, and
 * calling it replaces module_init() and module_exit()
 */
#define module_platform_driver(__platform_driver) \
	module_driver(__platform_driver, platform_driver_register, \
			platform_driver_unregister)

/* builtin_platform_driver() - Helper macro for builtin drivers that
 * don't do anything special in driver init.
 */
#define builtin_platform_driver(__platform_driver) \
	builtin_driver(__platform_driver, platform_driver_register)

#define module_platform_driver_probe(__platform_driver, __platform_probe) \
static int __init __platform_driver##_init(void) \
{ \
	return platform_driver_probe(&(__platform_driver), \
				     __platform_probe);    \
} \
module_init(__platform_driver##_init); \
static void __exit __platform_driver##_exit(void) \
{ \
	platform_driver_unregister(&(__platform_driver)); \
} \
module_exit(__platform_driver##_exit);

#define platform_register_drivers(drivers, count) \
	__platform_register_drivers(drivers, count, THIS_MODULE)
int __platform_register_drivers(struct platform_driver * const *drivers, unsigned int count,
				struct module *owner) __evlsim_ksym(__platform_register_drivers);
void platform_unregister_drivers(struct platform_driver * const *drivers, unsigned int count)
	__evlsim_ksym(platform_unregister_drivers);

#endif
