// SPDX-License-Identifier: LGPL-2.1-or-later
/*
 * Character devices (kernel world), after fs/char_dev.c: device number regions, the cdev
 * map, and the open path that resolves a device number to a cdev and switches the file
 * to the driver's fops.
 *
 * Regions are kept in one list under chrdevs_lock: registering a range that overlaps an
 * existing one fails with -EBUSY, a dynamic major is searched from 254 down to 234, then
 * from 511 down to 384, as the kernel does. The cdev map is a list searched newest first,
 * so the most recently added cdev covering a device number wins, as with kobj_map.
 */
#include <linux/fs.h>
#include <linux/cdev.h>
#include <linux/kdev_t.h>
#include <linux/slab.h>
#include <linux/string.h>
#include "kinternal.h"

struct char_device_struct {
	struct char_device_struct *next;
	unsigned int major;
	unsigned int baseminor;
	int minorct;
	char name[64];
	struct cdev *cdev;		/* set by __register_chrdev() */
};

static struct evlsim_mutex chrdevs_lock = EVLSIM_MUTEX_INITIALIZER;
static struct char_device_struct *chrdevs;

static struct evlsim_mutex cdev_map_lock = EVLSIM_MUTEX_INITIALIZER;
static LIST_HEAD(cdev_map);

#define CHRDEV_MAJOR_DYN_START	254

static bool major_in_use(unsigned int major)
{
	struct char_device_struct *cd;

	for (cd = chrdevs; cd; cd = cd->next)
		if (cd->major == major)
			return true;
	return false;
}

static int find_dynamic_major(void)
{
	int i;

	for (i = CHRDEV_MAJOR_DYN_START; i >= CHRDEV_MAJOR_DYN_END; i--)
		if (!major_in_use(i))
			return i;
	for (i = CHRDEV_MAJOR_DYN_EXT_START; i >= CHRDEV_MAJOR_DYN_EXT_END; i--)
		if (!major_in_use(i))
			return i;
	return -EBUSY;
}

static struct char_device_struct *
__register_chrdev_region(unsigned int major, unsigned int baseminor, int minorct,
			 const char *name)
{
	struct char_device_struct *cd, *it;
	int ret;

	if (major >= CHRDEV_MAJOR_MAX) {
		pr_err("CHRDEV \"%s\" major requested (%u) is greater than the maximum (%u)\n",
		       name, major, CHRDEV_MAJOR_MAX - 1);
		return ERR_PTR(-EINVAL);
	}
	if (minorct > MINORMASK + 1 - baseminor) {
		pr_err("CHRDEV \"%s\" minor range requested (%u-%u) is out of range of maximum range (%u-%u) for a single major\n",
		       name, baseminor, baseminor + minorct - 1, 0, MINORMASK);
		return ERR_PTR(-EINVAL);
	}

	evlsim__mutex_lock(&chrdevs_lock);
	if (major == 0) {
		ret = find_dynamic_major();
		if (ret < 0) {
			pr_err("CHRDEV \"%s\" dynamic allocation region is full\n", name);
			goto out;
		}
		major = ret;
	}

	ret = -EBUSY;
	for (it = chrdevs; it; it = it->next) {
		if (it->major != major)
			continue;
		if (it->baseminor + it->minorct <= baseminor)
			continue;
		if (it->baseminor >= baseminor + minorct)
			continue;
		goto out;
	}

	cd = evlsim__zalloc(sizeof(*cd));
	cd->major = major;
	cd->baseminor = baseminor;
	cd->minorct = minorct;
	strscpy(cd->name, name, sizeof(cd->name));
	cd->next = chrdevs;
	chrdevs = cd;
	evlsim__mutex_unlock(&chrdevs_lock);
	return cd;
out:
	evlsim__mutex_unlock(&chrdevs_lock);
	return ERR_PTR(ret);
}

static struct char_device_struct *
__unregister_chrdev_region(unsigned major, unsigned baseminor, int minorct)
{
	struct char_device_struct *cd = NULL, **cp;

	evlsim__mutex_lock(&chrdevs_lock);
	for (cp = &chrdevs; *cp; cp = &(*cp)->next) {
		if ((*cp)->major == major && (*cp)->baseminor == baseminor &&
		    (*cp)->minorct == minorct) {
			cd = *cp;
			*cp = cd->next;
			break;
		}
	}
	evlsim__mutex_unlock(&chrdevs_lock);
	return cd;
}

/* The end of the part of [@n, @to) within @n's major. */
static dev_t major_end(dev_t n, dev_t to)
{
	dev_t next = MKDEV(MAJOR(n) + 1, 0);

	return next < to ? next : to;
}

/**
 * register_chrdev_region - register a range of device numbers
 * Returns 0, -EBUSY when part of the range is taken, -EINVAL for a major or minor range
 * out of bounds.
 */
int register_chrdev_region(dev_t from, unsigned count, const char *name)
{
	struct char_device_struct *cd;
	dev_t to = from + count;
	dev_t n, next;

	for (n = from; n < to; n = next) {
		next = major_end(n, to);
		cd = __register_chrdev_region(MAJOR(n), MINOR(n), next - n, name);
		if (IS_ERR(cd))
			goto fail;
	}
	return 0;
fail:
	unregister_chrdev_region(from, n - from);	/* what was registered before @n */
	return PTR_ERR(cd);
}

/**
 * alloc_chrdev_region - register a range of char device numbers with a dynamic major
 * Stores the first number in *@dev. Returns 0, or -EBUSY when no major is free.
 */
int alloc_chrdev_region(dev_t *dev, unsigned baseminor, unsigned count, const char *name)
{
	struct char_device_struct *cd;

	cd = __register_chrdev_region(0, baseminor, count, name);
	if (IS_ERR(cd))
		return PTR_ERR(cd);
	*dev = MKDEV(cd->major, cd->baseminor);
	return 0;
}

void unregister_chrdev_region(dev_t from, unsigned count)
{
	dev_t to = from + count;
	dev_t n, next;

	for (n = from; n < to; n = next) {
		next = major_end(n, to);
		evlsim__free(__unregister_chrdev_region(MAJOR(n), MINOR(n), next - n));
	}
}

/* ---- cdev ----------------------------------------------------------------------------- */

/* cd_forget(): the inodes that cached the cdev stop pointing at it */
static void cdev_purge(struct cdev *p)
{
	evlsim__mutex_lock(&cdev_map_lock);
	evlsim__nodes_forget_cdev(p);
	evlsim__mutex_unlock(&cdev_map_lock);
}

/* both drop the reference cdev_add() took on the parent (cdev_device_add()'s device) */
static void cdev_default_release(struct kobject *kobj)
{
	struct kobject *parent = kobj->parent;

	cdev_purge(container_of(kobj, struct cdev, kobj));
	kobject_put(parent);
}

static void cdev_dynamic_release(struct kobject *kobj)
{
	struct cdev *p = container_of(kobj, struct cdev, kobj);
	struct kobject *parent = kobj->parent;

	cdev_purge(p);
	kfree(p);
	kobject_put(parent);
}

static const struct kobj_type ktype_cdev_default = { .release = cdev_default_release };
static const struct kobj_type ktype_cdev_dynamic = { .release = cdev_dynamic_release };

void cdev_init(struct cdev *cdev, const struct file_operations *fops)
{
	memset(cdev, 0, sizeof(*cdev));
	INIT_LIST_HEAD(&cdev->list);
	kobject_init(&cdev->kobj, &ktype_cdev_default);
	cdev->ops = fops;
}

struct cdev *cdev_alloc(void)
{
	struct cdev *p = kzalloc(sizeof(struct cdev), GFP_KERNEL);

	if (p) {
		INIT_LIST_HEAD(&p->list);
		kobject_init(&p->kobj, &ktype_cdev_dynamic);
	}
	return p;
}

/**
 * cdev_add - make a char device live: opens of its numbers reach it from now on
 * Returns 0 (the simulator's cdev map cannot fail).
 */
int cdev_add(struct cdev *p, dev_t dev, unsigned count)
{
	evlsim__check_service(EVLSIM_SVC_cdev_add);
	p->dev = dev;
	p->count = count;
	if (WARN_ON(dev == 0 && count != 0))
		return -EBUSY;

	evlsim__mutex_lock(&cdev_map_lock);
	list_add(&p->list, &cdev_map);
	evlsim__mutex_unlock(&cdev_map_lock);
	kobject_get(p->kobj.parent);
	evlsim__module_note_device(p->owner ? p->owner : evlsim__module_of(p->ops),
				   EVLSIM_DEVOBJ_CDEV, p, true);
	return 0;
}

void cdev_set_parent(struct cdev *p, struct kobject *kobj)
{
	WARN_ON(!kobj->state_initialized);
	p->kobj.parent = kobj;
}

int cdev_device_add(struct cdev *cdev, struct device *dev)
{
	int rc = 0;

	if (dev->devt) {
		cdev_set_parent(cdev, &dev->kobj);
		rc = cdev_add(cdev, dev->devt, 1);
		if (rc)
			return rc;
	}
	rc = device_add(dev);
	if (rc && dev->devt)
		cdev_del(cdev);
	return rc;
}

void cdev_device_del(struct cdev *cdev, struct device *dev)
{
	device_del(dev);
	if (dev->devt)
		cdev_del(cdev);
}

/**
 * cdev_del - remove a char device: new opens fail with -ENXIO; files already open keep
 * the cdev (and its module) referenced until they are released.
 */
void cdev_del(struct cdev *p)
{
	evlsim__check_service(EVLSIM_SVC_cdev_del);
	bool mapped;

	evlsim__mutex_lock(&cdev_map_lock);
	mapped = !list_empty(&p->list);
	list_del_init(&p->list);
	evlsim__mutex_unlock(&cdev_map_lock);
	if (mapped)
		evlsim__module_note_device(p->owner ? p->owner : evlsim__module_of(p->ops),
					   EVLSIM_DEVOBJ_CDEV, p, false);
	kobject_put(&p->kobj);
}

void cdev_put(struct cdev *p)
{
	if (p) {
		struct module *owner = p->owner;

		kobject_put(&p->kobj);
		module_put(owner);
	}
}

/* cdev_get(): pins the cdev and its owner module for an open file. */
/*
 * The cdev an open of @inode goes to, pinned: the one cached in ->i_cdev by an earlier
 * open, else the one mapped at the inode's device number, which is then cached. As in
 * the kernel, the cache is dropped only when the cdev itself goes away (cd_forget()
 * from its release), so a node keeps opening while a file of a deleted cdev is open.
 */
static struct cdev *cdev_lookup_get(struct inode *inode)
{
	struct cdev *p, *found = NULL, *unpin = NULL;
	dev_t dev = inode->i_rdev;

	evlsim__mutex_lock(&cdev_map_lock);
	p = __atomic_load_n(&inode->i_cdev, __ATOMIC_RELAXED);
	if (p && kobject_get_unless_zero(&p->kobj)) {
		if (try_module_get(p->owner))
			found = p;
		else
			unpin = p;	/* its last put may purge: not under the lock */
		goto out;
	}
	list_for_each_entry(p, &cdev_map, list) {
		if (dev >= p->dev && dev - p->dev < p->count) {
			if (try_module_get(p->owner)) {
				kobject_get(&p->kobj);
				found = p;
				__atomic_store_n(&inode->i_cdev, p, __ATOMIC_RELEASE);
			}
			break;
		}
	}
out:
	evlsim__mutex_unlock(&cdev_map_lock);
	if (unpin)
		kobject_put(&unpin->kobj);
	return found;
}

/*
 * chrdev_open(): resolve the inode's device number, pin the cdev, switch to the
 * driver's fops and call its ->open. On failure, everything taken is dropped.
 */
int evlsim__chrdev_open(struct inode *inode, struct file *filp)
{
	const struct file_operations *fops;
	struct cdev *p;
	int ret;

	p = cdev_lookup_get(inode);
	if (!p)
		return -ENXIO;

	ret = -ENXIO;
	fops = fops_get(p->ops);
	if (!fops)
		goto out_cdev_put;

	filp->f_op = fops;
	if (filp->f_op->open) {
		ret = EVLSIM_SCHED_HANDLER(filp->f_op->open(inode, filp));
		evlsim__check_handler_return("open", filp->f_op->open);
		if (ret) {
			if (ret > 0 || ret < -MAX_ERRNO) {
				evlsim__report(EVLSIM_REPORT_DRIVER, "bad-return",
					       "%s: open() returned %d, which is neither 0 nor an errno; open(2) fails with EINVAL",
					       module_name(fops->owner), ret);
				ret = -EINVAL;
			}
			fops_put(filp->f_op);
			goto out_cdev_put;
		}
	}
	return 0;

out_cdev_put:
	filp->f_op = NULL;
	cdev_put(p);
	return ret;
}

/* __fput(): drops what chrdev_open() pinned. */
void evlsim__chrdev_release(struct file *filp)
{
	struct inode *inode = filp->f_inode;

	struct cdev *p = inode ? __atomic_load_n(&inode->i_cdev, __ATOMIC_ACQUIRE) : NULL;

	if (p && S_ISCHR(inode->i_mode))
		cdev_put(p);
}

/* ---- register_chrdev ------------------------------------------------------------------ */

/**
 * __register_chrdev - create and register a cdev occupying a range of minors
 * Returns the major when @major was 0 (dynamic), else 0; or -EBUSY / -EINVAL / -ENOMEM.
 */
int __register_chrdev(unsigned int major, unsigned int baseminor, unsigned int count,
		      const char *name, const struct file_operations *fops)
{
	evlsim__check_service(EVLSIM_SVC_register_chrdev);
	struct char_device_struct *cd;
	struct cdev *cdev;
	int err = -ENOMEM;

	cd = __register_chrdev_region(major, baseminor, count, name);
	if (IS_ERR(cd))
		return PTR_ERR(cd);

	cdev = cdev_alloc();
	if (!cdev)
		goto out2;

	cdev->owner = fops->owner;
	cdev->ops = fops;
	kobject_set_name(&cdev->kobj, "%s", name);

	err = cdev_add(cdev, MKDEV(cd->major, baseminor), count);
	if (err)
		goto out;

	cd->cdev = cdev;

	return major ? 0 : cd->major;
out:
	kobject_put(&cdev->kobj);
out2:
	evlsim__free(__unregister_chrdev_region(cd->major, baseminor, count));
	return err;
}

void __unregister_chrdev(unsigned int major, unsigned int baseminor, unsigned int count,
			 const char *name)
{
	evlsim__check_service(EVLSIM_SVC_unregister_chrdev);
	struct char_device_struct *cd;

	cd = __unregister_chrdev_region(major, baseminor, count);
	if (cd && cd->cdev)
		cdev_del(cd->cdev);
	evlsim__free(cd);
}
