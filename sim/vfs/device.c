// SPDX-License-Identifier: LGPL-2.1-or-later
/*
 * The driver model subset (kernel world), after drivers/base/{core,class}.c and
 * lib/kobject.c: kobjects, classes and devices with a device number. A device created
 * with a non-zero dev_t gets the node "/dev/<devnode>" in the /dev namespace
 * (vfs/devtmpfs.c), where devnode is its name, or what its class's ->devnode() returns.
 * Two devices cannot have the same name in a class, nor the same device number (-EEXIST).
 */
#include <linux/device.h>
#include <linux/fs.h>
#include <linux/slab.h>
#include <linux/string.h>
#include <linux/kdev_t.h>
#include <linux/list.h>
#include "kinternal.h"

struct class_entry {
	struct list_head next;
	const struct class *class;
	bool created;			/* by class_create(): class_destroy() frees it */
	struct list_head devices;	/* struct device_entry */
};

struct device_entry {
	struct list_head next;
	struct device *dev;
	bool created;			/* by device_create(): device_destroy() frees it */
};

static struct evlsim_mutex classes_lock = EVLSIM_MUTEX_INITIALIZER;
static LIST_HEAD(classes);

/* ---- kobjects ------------------------------------------------------------------------- */

void kobject_init(struct kobject *kobj, const struct kobj_type *ktype)
{
	kref_init(&kobj->kref);
	INIT_LIST_HEAD(&kobj->entry);
	kobj->ktype = ktype;
	kobj->state_initialized = 1;
}

struct kobject *kobject_get(struct kobject *kobj)
{
	if (kobj)
		kref_get(&kobj->kref);
	return kobj;
}

struct kobject *kobject_get_unless_zero(struct kobject *kobj)
{
	if (kobj && !kref_get_unless_zero(&kobj->kref))
		kobj = NULL;
	return kobj;
}

static void kobject_release(struct kref *kref)
{
	struct kobject *kobj = container_of(kref, struct kobject, kref);
	const char *name = kobj->name;

	kobj->name = NULL;
	if (kobj->ktype && kobj->ktype->release)
		kobj->ktype->release(kobj);
	kfree_const(name);
}

void kobject_put(struct kobject *kobj)
{
	if (kobj)
		kref_put(&kobj->kref, kobject_release);
}

/* kobject_set_name_vargs() */
static int set_name(struct kobject *kobj, const char *fmt, va_list ap)
{
	char *name = kvasprintf(GFP_KERNEL, fmt, ap);

	if (!name)
		return -ENOMEM;
	strreplace(name, '/', '!');	/* a kobject name is one sysfs path component */
	kfree_const(kobj->name);
	kobj->name = name;
	return 0;
}

int kobject_set_name(struct kobject *kobj, const char *fmt, ...)
{
	va_list ap;
	int ret;

	va_start(ap, fmt);
	ret = set_name(kobj, fmt, ap);
	va_end(ap);
	return ret;
}

/* ---- classes -------------------------------------------------------------------------- */

static struct class_entry *find_class(const struct class *cls)
{
	struct class_entry *ce;

	list_for_each_entry(ce, &classes, next)
		if (ce->class == cls)
			return ce;
	return NULL;
}

static struct class_entry *find_class_by_name(const char *name)
{
	struct class_entry *ce;

	list_for_each_entry(ce, &classes, next)
		if (!strcmp(ce->class->name, name))
			return ce;
	return NULL;
}

static int __class_register(const struct class *cls, bool created)
{
	struct class_entry *ce;

	if (!cls || !cls->name)
		return -EINVAL;
	evlsim__mutex_lock(&classes_lock);
	if (find_class(cls) || find_class_by_name(cls->name)) {
		evlsim__mutex_unlock(&classes_lock);
		return -EEXIST;
	}
	ce = evlsim__zalloc(sizeof(*ce));
	ce->class = cls;
	ce->created = created;
	INIT_LIST_HEAD(&ce->devices);
	list_add_tail(&ce->next, &classes);
	evlsim__mutex_unlock(&classes_lock);
	return 0;
}

/**
 * class_register - register a statically allocated class
 * Returns 0, -EEXIST when a class of that name exists, -EINVAL for a class without name.
 */
int class_register(const struct class *cls)
{
	return __class_register(cls, false);
}

/**
 * class_create - allocate and register a class
 * Returns the class or ERR_PTR(-EEXIST / -ENOMEM / -EINVAL).
 */
struct class *class_create(const char *name)
{
	evlsim__check_service(EVLSIM_SVC_class_create);
	struct class *cls;
	int ret;

	cls = kzalloc(sizeof(*cls), GFP_KERNEL);
	if (!cls)
		return ERR_PTR(-ENOMEM);
	cls->name = name;
	ret = __class_register(cls, true);
	if (ret) {
		kfree(cls);
		return ERR_PTR(ret);
	}
	return cls;
}

static void destroy_class_devices(struct class_entry *ce);

void class_unregister(const struct class *cls)
{
	struct class_entry *ce;

	evlsim__mutex_lock(&classes_lock);
	ce = find_class(cls);
	if (ce)
		list_del(&ce->next);
	evlsim__mutex_unlock(&classes_lock);
	if (!ce) {
		WARN(1, "class_unregister(%s): class is not registered", cls ? cls->name : "NULL");
		return;
	}
	if (!list_empty(&ce->devices)) {
		evlsim__report(EVLSIM_REPORT_LEAK, "device-leak",
			       "class '%s' unregistered with devices still in it: they are destroyed",
			       cls->name);
		destroy_class_devices(ce);
	}
	if (cls->class_release)
		cls->class_release(cls);
	if (ce->created)
		kfree(cls);
	evlsim__free(ce);
}

void class_destroy(const struct class *cls)
{
	evlsim__check_service(EVLSIM_SVC_class_destroy);
	if (IS_ERR_OR_NULL(cls))
		return;
	class_unregister(cls);
}

/* ---- devices -------------------------------------------------------------------------- */

int dev_set_name(struct device *dev, const char *fmt, ...)
{
	va_list ap;
	int ret;

	va_start(ap, fmt);
	ret = set_name(&dev->kobj, fmt, ap);
	va_end(ap);
	return ret;
}

/* sim/hw/devres.c registers the release of managed resources (devres_release_all()) */
void (*evlsim__device_release_hook)(struct device *dev);

static void device_ktype_release(struct kobject *kobj)
{
	struct device *dev = container_of(kobj, struct device, kobj);
	void (*hook)(struct device *dev) = READ_ONCE(evlsim__device_release_hook);

	/*
	 * As device_release(): a device driven without a driver bound (a misc or class
	 * device) may hold managed resources; they go before the device.
	 */
	if (hook && dev->evlsim_devres)
		hook(dev);
	kfree(dev->evlsim_node);
	dev->evlsim_node = NULL;
	if (dev->release)
		dev->release(dev);
	else if (dev->class && dev->class->dev_release)
		dev->class->dev_release(dev);
}

static const struct kobj_type device_ktype = { .release = device_ktype_release };

void device_initialize(struct device *dev)
{
	kobject_init(&dev->kobj, &device_ktype);
}

struct device *get_device(struct device *dev)
{
	if (dev)
		kobject_get(&dev->kobj);
	return dev;
}

void put_device(struct device *dev)
{
	if (dev)
		kobject_put(&dev->kobj);
}

/*
 * devtmpfs: the node of a device. As devtmpfs_create_node() does, a name already taken
 * by another device's node is not an error for device_add(): the device exists, and the
 * first node stays in place (and stays its owner's: only an owner removes its node).
 */
static int device_add_node(struct device *dev)
{
	umode_t mode = 0;
	char *node = NULL;
	int ret;

	if (!dev->devt)
		return 0;
	if (dev->class && dev->class->devnode)
		node = dev->class->devnode(dev, &mode);
	if (!node) {
		/* device_get_devnode(): "evl!x" is the node /dev/evl/x */
		node = kstrdup(dev_name(dev), GFP_KERNEL);
		if (node)
			strreplace(node, '!', '/');
	}
	if (!node)
		return -ENOMEM;
	ret = evlsim__node_add(node, dev->devt, mode, dev);
	if (ret) {
		kfree(node);
		return ret == -EEXIST ? 0 : ret;
	}
	dev->evlsim_node = node;
	return 0;
}

static struct class_entry *device_class_entry(struct device *dev)
{
	return dev->class ? find_class(dev->class) : NULL;
}

static struct device_entry *find_device(struct class_entry *ce, const char *name, dev_t devt)
{
	struct device_entry *de;

	list_for_each_entry(de, &ce->devices, next) {
		if (name && !strcmp(dev_name(de->dev), name))
			return de;
		if (devt && de->dev->devt == devt)
			return de;
	}
	return NULL;
}

/* A device in any class, or any node, has @devt. Called under classes_lock. */
static bool devt_in_use(dev_t devt)
{
	struct class_entry *ce;

	list_for_each_entry(ce, &classes, next)
		if (find_device(ce, NULL, devt))
			return true;
	return evlsim__node_devt_in_use(devt);
}

static int __device_add(struct device *dev, bool created)
{
	struct class_entry *ce = NULL;
	struct device_entry *de;
	int ret;

	if (dev->init_name) {
		ret = dev_set_name(dev, "%s", dev->init_name);
		if (ret)
			return ret;
		dev->init_name = NULL;
	}
	if (!dev_name(dev))
		return -EINVAL;

	evlsim__mutex_lock(&classes_lock);
	if (dev->class) {
		ce = device_class_entry(dev);
		if (!ce) {
			evlsim__mutex_unlock(&classes_lock);
			WARN(1, "device '%s' added to an unregistered class", dev_name(dev));
			return -EINVAL;
		}
		if (find_device(ce, dev_name(dev), 0)) {
			evlsim__mutex_unlock(&classes_lock);
			pr_err("sysfs: cannot create duplicate filename '/class/%s/%s'\n",
			       dev->class->name, dev_name(dev));
			return -EEXIST;
		}
	}
	/* device_create_sys_dev_entry(): one /sys/dev/char/M:m link per device number */
	if (dev->devt && devt_in_use(dev->devt)) {
		evlsim__mutex_unlock(&classes_lock);
		pr_err("sysfs: cannot create duplicate filename '/dev/char/%u:%u'\n",
		       MAJOR(dev->devt), MINOR(dev->devt));
		return -EEXIST;
	}
	ret = device_add_node(dev);
	if (ret) {
		evlsim__mutex_unlock(&classes_lock);
		return ret;
	}
	if (ce) {
		de = evlsim__zalloc(sizeof(*de));
		de->dev = dev;
		de->created = created;
		list_add_tail(&de->next, &ce->devices);
	}
	evlsim__mutex_unlock(&classes_lock);
	get_device(dev->parent);
	return 0;
}

int device_add(struct device *dev)
{
	return __device_add(dev, false);
}

static void __device_del(struct device *dev, bool unlink)
{
	struct class_entry *ce;
	struct device_entry *de = NULL;

	evlsim__mutex_lock(&classes_lock);
	if (unlink && dev->class) {
		ce = device_class_entry(dev);
		if (ce) {
			list_for_each_entry(de, &ce->devices, next)
				if (de->dev == dev)
					break;
			if (&de->next == &ce->devices)
				de = NULL;
			if (de)
				list_del(&de->next);
		}
	}
	evlsim__mutex_unlock(&classes_lock);
	evlsim__free(de);
	if (dev->evlsim_node)
		evlsim__node_del(dev->evlsim_node);
	put_device(dev->parent);
}

void device_del(struct device *dev)
{
	__device_del(dev, true);
}

int device_register(struct device *dev)
{
	device_initialize(dev);
	return device_add(dev);
}

void device_unregister(struct device *dev)
{
	device_del(dev);
	put_device(dev);
}

static void device_create_release(struct device *dev)
{
	kfree(dev);
}

static struct device *
device_create_groups_vargs(const struct class *class, struct device *parent, dev_t devt,
			   void *drvdata, const struct attribute_group **groups,
			   const char *fmt, va_list args)
{
	struct device *dev;
	int retval;

	if (IS_ERR_OR_NULL(class))
		return ERR_PTR(-ENODEV);

	dev = kzalloc(sizeof(*dev), GFP_KERNEL);
	if (!dev)
		return ERR_PTR(-ENOMEM);

	device_initialize(dev);
	dev->devt = devt;
	dev->class = class;
	dev->parent = parent;
	dev->groups = groups;
	dev->release = device_create_release;
	dev_set_drvdata(dev, drvdata);

	dev->kobj.name = kvasprintf(GFP_KERNEL, fmt, args);
	if (!dev->kobj.name) {
		retval = -ENOMEM;
		goto error;
	}
	retval = __device_add(dev, true);
	if (retval)
		goto error;

	return dev;
error:
	put_device(dev);
	return ERR_PTR(retval);
}

struct device *device_create(const struct class *class, struct device *parent, dev_t devt,
			     void *drvdata, const char *fmt, ...)
{
	evlsim__check_service(EVLSIM_SVC_device_create);
	struct device *dev;
	va_list vargs;

	va_start(vargs, fmt);
	dev = device_create_groups_vargs(class, parent, devt, drvdata, NULL, fmt, vargs);
	va_end(vargs);
	return dev;
}

struct device *device_create_with_groups(const struct class *class, struct device *parent,
					 dev_t devt, void *drvdata,
					 const struct attribute_group **groups,
					 const char *fmt, ...)
{
	struct device *dev;
	va_list vargs;

	va_start(vargs, fmt);
	dev = device_create_groups_vargs(class, parent, devt, drvdata, groups, fmt, vargs);
	va_end(vargs);
	return dev;
}

/**
 * device_destroy - remove a device created with device_create(): its /dev node goes
 * away, files already open on it stay usable until released.
 */
void device_destroy(const struct class *class, dev_t devt)
{
	evlsim__check_service(EVLSIM_SVC_device_destroy);
	struct class_entry *ce;
	struct device_entry *de = NULL;
	struct device *dev = NULL;

	evlsim__mutex_lock(&classes_lock);
	ce = find_class(class);
	if (ce) {
		de = find_device(ce, NULL, devt);
		if (de) {
			dev = de->dev;
			list_del(&de->next);
		}
	}
	evlsim__mutex_unlock(&classes_lock);
	if (!dev)
		return;
	evlsim__free(de);
	__device_del(dev, false);
	put_device(dev);
}

static void destroy_class_devices(struct class_entry *ce)
{
	struct device_entry *de, *tmp;

	list_for_each_entry_safe(de, tmp, &ce->devices, next) {
		list_del(&de->next);
		__device_del(de->dev, false);
		if (de->created)
			put_device(de->dev);
		evlsim__free(de);
	}
}
