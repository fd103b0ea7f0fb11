// SPDX-License-Identifier: LGPL-2.1-or-later
/*
 * The platform bus (kernel world), after drivers/base/{platform,dd}.c: devices, drivers,
 * matching, probe and unbind, deferred probing; docs/api/hw-platform.md.
 *
 * One bus lock serializes registration, probe and unbind, as the kernel's device_lock()
 * and probe serialization would; it is reentrant for its holder, so that a probe may
 * register a child device or another driver (the nested bind then runs at once, in the
 * same thread). Probe runs in the registering thread: the test's, or the module loader's.
 *
 * Deferred probe: a probe returning -EPROBE_DEFER leaves the device unbound and on the
 * deferred list; after every successful bind, the deferred devices are tried again
 * against every driver until a pass binds none (the kernel's deferred_probe_work, run
 * synchronously: deterministic, and done before the binding call returns).
 */
#include <linux/platform_device.h>
#include <linux/of.h>
#include <linux/of_device.h>
#include <linux/io.h>
#include <linux/slab.h>
#include <linux/string.h>
#include <linux/list.h>
#include <linux/dma-mapping.h>
#include "../kinternal.h"
#include "platform-internal.h"

struct platform_object {
	struct platform_device pdev;
	struct list_head bus_node;	/* all added devices */
	bool added;
	int state;			/* 1 bound, 0 never probed, < 0 the last probe's error */
	bool own_node;			/* of_node built by evlsim_platform_device_add() */
	char name[];
};

struct driver_entry {
	struct list_head node;
	struct platform_driver *drv;
};

const struct bus_type platform_bus_type = {
	.name = "platform",
	.dev_name = NULL,
};
struct device platform_bus = {
	.init_name = "platform",
};

static LIST_HEAD(devices);
static LIST_HEAD(drivers);
static struct evlsim_mutex bus_mutex = EVLSIM_MUTEX_INITIALIZER;
static int bus_owner;			/* tid of the holder, 0: none (atomic) */
static int bus_depth;
static int auto_id;

static void bus_lock(void)
{
	int me = evlsim__current()->tid;

	if (__atomic_load_n(&bus_owner, __ATOMIC_RELAXED) == me) {
		bus_depth++;
		return;
	}
	evlsim__mutex_lock(&bus_mutex);
	__atomic_store_n(&bus_owner, me, __ATOMIC_RELAXED);
	bus_depth = 1;
}

static void bus_unlock(void)
{
	if (--bus_depth)
		return;
	__atomic_store_n(&bus_owner, 0, __ATOMIC_RELAXED);
	evlsim__mutex_unlock(&bus_mutex);
}

static struct platform_object *to_object(struct platform_device *pdev)
{
	return container_of(pdev, struct platform_object, pdev);
}

/* ---- matching and binding --------------------------------------------------------------- */

static const struct platform_device_id *platform_match_id(const struct platform_device_id *id,
							  struct platform_device *pdev)
{
	while (id->name[0]) {
		if (strcmp(pdev->name, id->name) == 0) {
			pdev->id_entry = id;
			return id;
		}
		id++;
	}
	return NULL;
}

static int platform_match(struct device *dev, struct platform_driver *pdrv)
{
	struct platform_device *pdev = to_platform_device(dev);

	/* When driver_override is set, only bind to the matching driver */
	if (pdev->driver_override)
		return !strcmp(pdev->driver_override, pdrv->driver.name);
	/* Attempt an OF style match first */
	if (of_match_device(pdrv->driver.of_match_table, dev))
		return 1;
	/* Then try to match against the id table */
	if (pdrv->id_table)
		return platform_match_id(pdrv->id_table, pdev) != NULL;
	/* fall-back to driver name match */
	return (strcmp(pdev->name, pdrv->driver.name) == 0);
}

/* really_probe() + platform_probe(); called with the bus lock held */
static int really_probe(struct platform_object *po, struct platform_driver *drv)
{
	struct platform_device *pdev = &po->pdev;
	struct device *dev = &pdev->dev;
	int ret = 0;

	dev->driver = &drv->driver;
	if (drv->probe)
		ret = drv->probe(pdev);
	if (ret > 0) {
		evlsim__report(EVLSIM_REPORT_DRIVER, "bad-return",
			       "%s: probe of %s returned %d, not 0 or -errno",
			       drv->driver.name, dev_name(dev), ret);
		ret = -EINVAL;
	}
	if (drv->prevent_deferred_probe && ret == -EPROBE_DEFER) {
		dev_warn(dev, "probe deferral not supported\n");
		ret = -ENXIO;
	}
	if (ret) {
		evlsim__devres_release_all(dev);
		evlsim__dma_unbound(dev);
		dev->driver = NULL;
		dev_set_drvdata(dev, NULL);
		po->state = ret;
		switch (ret) {
		case -EPROBE_DEFER:
			dev_dbg(dev, "Driver %s requests probe deferral\n", drv->driver.name);
			break;
		case -ENODEV:
		case -ENXIO:
			pr_debug("%s: probe of %s rejects match %d\n",
				 drv->driver.name, dev_name(dev), ret);
			break;
		default:
			pr_warn("%s: probe of %s failed with error %d\n",
				drv->driver.name, dev_name(dev), ret);
			break;
		}
		return ret;
	}
	po->state = 1;
	return 0;
}

/* device_release_driver(); bus lock held */
static void release_driver(struct platform_object *po)
{
	struct device *dev = &po->pdev.dev;
	struct platform_driver *drv;

	if (po->state != 1)
		return;
	drv = to_platform_driver(dev->driver);
	/* a 6.3-6.10 driver's ->remove_new sits in ->evlsim_remove_slot (one layout for
	 * every kernel line); an int ->remove of a driver built for a line before 6.11 is
	 * called the same way, its result ignored */
	if (drv->evlsim_remove_slot)
		drv->evlsim_remove_slot(&po->pdev);
	else if (drv->remove)
		drv->remove(&po->pdev);
	evlsim__devres_release_all(dev);
	evlsim__dma_unbound(dev);
	dev->driver = NULL;
	dev_set_drvdata(dev, NULL);
	po->state = 0;
}

/* tries every driver on @po: 1 bound, 0 not */
static int attach_device(struct platform_object *po)
{
	struct driver_entry *de;

	list_for_each_entry(de, &drivers, node) {
		if (!platform_match(&po->pdev.dev, de->drv))
			continue;
		if (!really_probe(po, de->drv))
			return 1;
		if (po->state == -EPROBE_DEFER)
			return 0;	/* waits for a later bind, whatever the other drivers */
	}
	return 0;
}

/* driver_deferred_probe_trigger(), synchronously; bus lock held */
static void retry_deferred(void)
{
	struct platform_object *po;
	bool progress;

	do {
		progress = false;
		list_for_each_entry(po, &devices, bus_node) {
			if (po->state != -EPROBE_DEFER)
				continue;
			if (attach_device(po)) {
				progress = true;
				break;	/* the list may have changed under the probe */
			}
		}
	} while (progress);
}

/* ---- devices ------------------------------------------------------------------------------ */

static void platform_device_release(struct device *dev)
{
	struct platform_object *pa = container_of(dev, struct platform_object, pdev.dev);

	if (pa->own_node)
		evlsim__of_node_free(pa->pdev.dev.of_node);
	kfree(pa->pdev.dev.platform_data);
	kfree(pa->pdev.resource);
	kfree(pa->pdev.driver_override);
	evlsim__devres_forget(dev);
	kfree(pa);
}

struct platform_device *platform_device_alloc(const char *name, int id)
{
	struct platform_object *pa;

	pa = kzalloc(sizeof(*pa) + strlen(name) + 1, GFP_KERNEL);
	if (pa) {
		strcpy(pa->name, name);
		pa->pdev.name = pa->name;
		pa->pdev.id = id;
		device_initialize(&pa->pdev.dev);
		pa->pdev.dev.release = platform_device_release;
		pa->pdev.platform_dma_mask = DMA_BIT_MASK(32);
		pa->pdev.dev.dma_mask = &pa->pdev.platform_dma_mask;
		pa->pdev.dev.coherent_dma_mask = pa->pdev.platform_dma_mask;
		INIT_LIST_HEAD(&pa->bus_node);
	}
	return pa ? &pa->pdev : NULL;
}

int platform_device_add_resources(struct platform_device *pdev, const struct resource *res,
				  unsigned int num)
{
	struct resource *r = NULL;

	if (res) {
		r = kmemdup(res, sizeof(struct resource) * num, GFP_KERNEL);
		if (!r)
			return -ENOMEM;
	}
	kfree(pdev->resource);
	pdev->resource = r;
	pdev->num_resources = num;
	return 0;
}

int platform_device_add_data(struct platform_device *pdev, const void *data, size_t size)
{
	void *d = NULL;

	if (data) {
		d = kmemdup(data, size, GFP_KERNEL);
		if (!d)
			return -ENOMEM;
	}
	kfree(pdev->dev.platform_data);
	pdev->dev.platform_data = d;
	return 0;
}

int platform_device_add(struct platform_device *pdev)
{
	struct platform_object *po = to_object(pdev);
	struct platform_object *other;
	int ret;

	if (!pdev)
		return -EINVAL;
	evlsim__check_service(EVLSIM_SVC_platform_device_add);
	pdev->dev.bus = &platform_bus_type;
	bus_lock();
	switch (pdev->id) {
	default:
		ret = dev_set_name(&pdev->dev, "%s.%d", pdev->name, pdev->id);
		break;
	case PLATFORM_DEVID_NONE:
		ret = dev_set_name(&pdev->dev, "%s", pdev->name);
		break;
	case PLATFORM_DEVID_AUTO:
		pdev->id = auto_id++;
		pdev->id_auto = true;
		ret = dev_set_name(&pdev->dev, "%s.%d.auto", pdev->name, pdev->id);
		break;
	}
	if (ret)
		goto out;
	list_for_each_entry(other, &devices, bus_node) {
		if (!strcmp(dev_name(&other->pdev.dev), dev_name(&pdev->dev))) {
			pr_err("sysfs: cannot create duplicate filename '/devices/platform/%s'\n",
			       dev_name(&pdev->dev));
			ret = -EEXIST;
			goto out;
		}
	}
	list_add_tail(&po->bus_node, &devices);
	po->added = true;
	get_device(&pdev->dev);		/* the bus's reference */
	if (attach_device(po))
		retry_deferred();
out:
	bus_unlock();
	return ret;
}

void platform_device_del(struct platform_device *pdev)
{
	struct platform_object *po;

	if (IS_ERR_OR_NULL(pdev))
		return;
	po = to_object(pdev);
	bus_lock();
	if (po->added) {
		release_driver(po);
		list_del_init(&po->bus_node);
		po->added = false;
		put_device(&pdev->dev);
	}
	bus_unlock();
}

void platform_device_put(struct platform_device *pdev)
{
	if (!IS_ERR_OR_NULL(pdev))
		put_device(&pdev->dev);
}

int platform_device_register(struct platform_device *pdev)
{
	device_initialize(&pdev->dev);
	if (!pdev->dev.dma_mask) {
		pdev->platform_dma_mask = DMA_BIT_MASK(32);
		pdev->dev.dma_mask = &pdev->platform_dma_mask;
		pdev->dev.coherent_dma_mask = pdev->platform_dma_mask;
	}
	return platform_device_add(pdev);
}

void platform_device_unregister(struct platform_device *pdev)
{
	platform_device_del(pdev);
	platform_device_put(pdev);
}

int platform_add_devices(struct platform_device **devs, int num)
{
	int i, ret = 0;

	for (i = 0; i < num; i++) {
		ret = platform_device_register(devs[i]);
		if (ret) {
			while (--i >= 0)
				platform_device_unregister(devs[i]);
			break;
		}
	}
	return ret;
}

struct platform_device *platform_device_register_full(const struct platform_device_info *pdevinfo)
{
	struct platform_device *pdev;
	int ret;

	pdev = platform_device_alloc(pdevinfo->name, pdevinfo->id);
	if (!pdev)
		return ERR_PTR(-ENOMEM);
	pdev->dev.parent = pdevinfo->parent;
	if (pdevinfo->dma_mask) {
		pdev->platform_dma_mask = pdevinfo->dma_mask;
		pdev->dev.coherent_dma_mask = pdevinfo->dma_mask;
	}
	ret = platform_device_add_resources(pdev, pdevinfo->res, pdevinfo->num_res);
	if (!ret)
		ret = platform_device_add_data(pdev, pdevinfo->data, pdevinfo->size_data);
	if (!ret)
		ret = platform_device_add(pdev);
	if (ret) {
		platform_device_put(pdev);
		return ERR_PTR(ret);
	}
	return pdev;
}

/* ---- drivers ------------------------------------------------------------------------------ */

int __platform_driver_register(struct platform_driver *drv, struct module *owner,
			       const char *mod_name)
{
	struct platform_object *po;
	struct driver_entry *de;
	bool bound = false;

	evlsim__check_service(EVLSIM_SVC_platform_device_add);
	drv->driver.owner = owner;
	drv->driver.bus = &platform_bus_type;
	bus_lock();
	list_for_each_entry(de, &drivers, node) {
		if (de->drv == drv || !strcmp(de->drv->driver.name, drv->driver.name)) {
			pr_err("Error: Driver '%s' is already registered, aborting...\n",
			       drv->driver.name);
			bus_unlock();
			return -EBUSY;
		}
	}
	de = evlsim__zalloc(sizeof(*de));
	de->drv = drv;
	list_add_tail(&de->node, &drivers);
	/* driver_attach(): every unbound device, deferred ones included */
	list_for_each_entry(po, &devices, bus_node) {
		if (po->state == 1 || !platform_match(&po->pdev.dev, drv))
			continue;
		if (!really_probe(po, drv))
			bound = true;
	}
	if (bound)
		retry_deferred();
	bus_unlock();
	return 0;
}

void platform_driver_unregister(struct platform_driver *drv)
{
	struct platform_object *po;
	struct driver_entry *de;

	evlsim__check_service(EVLSIM_SVC_platform_device_add);
	bus_lock();
	list_for_each_entry(po, &devices, bus_node)
		if (po->state == 1 && po->pdev.dev.driver == &drv->driver)
			release_driver(po);
	list_for_each_entry(de, &drivers, node) {
		if (de->drv == drv) {
			list_del(&de->node);
			evlsim__free(de);
			break;
		}
	}
	bus_unlock();
}

int __platform_driver_probe(struct platform_driver *drv,
			    int (*probe)(struct platform_device *), struct module *module)
{
	struct platform_object *po;
	int retval, bound = 0;

	drv->prevent_deferred_probe = true;
	drv->probe = probe;
	retval = __platform_driver_register(drv, module, NULL);
	if (retval)
		return retval;
	bus_lock();
	list_for_each_entry(po, &devices, bus_node)
		bound += po->state == 1 && po->pdev.dev.driver == &drv->driver;
	bus_unlock();
	if (!bound) {
		platform_driver_unregister(drv);
		return -ENODEV;
	}
	return 0;
}

int __platform_register_drivers(struct platform_driver * const *drivers, unsigned int count,
				struct module *owner)
{
	unsigned int i;
	int err;

	for (i = 0; i < count; i++) {
		err = __platform_driver_register(drivers[i], owner, NULL);
		if (err < 0) {
			while (i--)
				platform_driver_unregister(drivers[i]);
			return err;
		}
	}
	return 0;
}

void platform_unregister_drivers(struct platform_driver * const *drivers, unsigned int count)
{
	while (count--)
		platform_driver_unregister(drivers[count]);
}

struct device *platform_find_device_by_driver(struct device *start,
					      const struct device_driver *drv)
{
	struct platform_object *po;
	struct device *found = NULL;

	bus_lock();
	list_for_each_entry(po, &devices, bus_node) {
		if (start) {
			if (&po->pdev.dev == start)
				start = NULL;
			continue;
		}
		if (platform_match(&po->pdev.dev, to_platform_driver(drv))) {
			found = get_device(&po->pdev.dev);
			break;
		}
	}
	bus_unlock();
	return found;
}

/* the module accounting's service: platform drivers a module left registered */
static void platform_leftovers(struct module *mod, const char *when)
{
	struct driver_entry *de;
	struct platform_driver *drv;

	for (;;) {
		drv = NULL;
		bus_lock();
		list_for_each_entry(de, &drivers, node)
			if (de->drv->driver.owner == mod) {
				drv = de->drv;
				break;
			}
		bus_unlock();
		if (!drv)
			break;
		evlsim__report(EVLSIM_REPORT_LEAK, "module-leak",
			       "%s: %s with platform driver '%s' still registered; unregistering it",
			       mod->name, when, drv->driver.name);
		platform_driver_unregister(drv);
	}
}

static int platform_driver_count(struct module *mod)
{
	struct driver_entry *de;
	int n = 0;

	bus_lock();
	list_for_each_entry(de, &drivers, node)
		n += de->drv->driver.owner == mod;
	bus_unlock();
	return n;
}

/* after the EVL timers and kthreads, before work and devices: remove() may flush work */
EVLSIM_MODULE_SERVICE(platform_drivers, EVLSIM_ACCT_DRIVERS, 25, platform_driver_count,
		      platform_leftovers);

/* ---- the test side ------------------------------------------------------------------------ */

EVLSIM_EXPORT int evlsim_platform_device_add(const struct evlsim_pdev_info *info,
					     struct evlsim_pdev **handle)
{
	struct platform_device *pdev;
	struct resource *res = NULL;
	unsigned int i;
	int ret;

	evlsim__inband_syscall_enter();
	if (!info || !handle || !info->name || !*info->name || (info->num_res && !info->res) ||
	    evlsim__of_props_valid(info->props, info->num_props) || info->id < -2)
		return -EINVAL;
	if (info->num_res) {
		res = kcalloc(info->num_res, sizeof(*res), GFP_KERNEL);
		if (!res)
			return -ENOMEM;
	}
	for (i = 0; i < info->num_res; i++) {
		const struct evlsim_res *r = &info->res[i];

		switch (r->type) {
		case EVLSIM_RES_MEM:
			if (!r->size || r->start + r->size - 1 < r->start)
				goto inval;
			res[i] = DEFINE_RES_MEM_NAMED(r->start, r->size, r->name);
			break;
		case EVLSIM_RES_IRQ:
			res[i] = DEFINE_RES_IRQ_NAMED(r->start, r->name);
			break;
		default:
			goto inval;
		}
	}
	pdev = platform_device_alloc(info->name, info->id);
	if (!pdev) {
		kfree(res);
		return -ENOMEM;
	}
	ret = platform_device_add_resources(pdev, res, info->num_res);
	kfree(res);
	if (!ret && (info->compatible || info->num_props)) {
		pdev->dev.of_node = evlsim__of_node_create(info->name, info->compatible,
							   info->props, info->num_props,
							   pdev->resource, pdev->num_resources);
		to_object(pdev)->own_node = true;
		if (!pdev->dev.of_node)
			ret = -ENOMEM;
		else
			pdev->dev.fwnode = &pdev->dev.of_node->fwnode;
	}
	if (!ret)
		ret = platform_device_add(pdev);
	if (ret) {
		platform_device_put(pdev);
		return ret;
	}
	*handle = (struct evlsim_pdev *)pdev;
	return 0;
inval:
	kfree(res);
	return -EINVAL;
}

EVLSIM_EXPORT int evlsim_platform_device_remove(struct evlsim_pdev *handle)
{
	evlsim__inband_syscall_enter();
	if (!handle)
		return -EINVAL;
	platform_device_unregister((struct platform_device *)handle);
	return 0;
}

EVLSIM_EXPORT int evlsim_platform_device_state(struct evlsim_pdev *handle)
{
	int state;

	if (!handle)
		return -EINVAL;
	bus_lock();
	state = to_object((struct platform_device *)handle)->state;
	bus_unlock();
	return state;
}

EVLSIM_EXPORT const char *evlsim_platform_device_name(struct evlsim_pdev *handle)
{
	return handle ? dev_name(&((struct platform_device *)handle)->dev) : NULL;
}
