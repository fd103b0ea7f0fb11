// SPDX-License-Identifier: LGPL-2.1-or-later
/*
 * Misc devices (kernel world), after drivers/char/misc.c: one char major (10) whose
 * open looks up the minor, stores the struct miscdevice in file->private_data and calls
 * the driver's ->open with the driver's fops installed, all under misc_mtx. Dynamic minors
 * are allocated from the kernel's dynamic range (255 and up).
 */
#include <linux/miscdevice.h>
#include <linux/fs.h>
#include <linux/cdev.h>
#include <linux/slab.h>
#include <linux/string.h>
#include "kinternal.h"

#define MISC_DYNAMIC_FIRST	256
#define MISC_DYNAMIC_LAST	((1 << MINORBITS) - 1)

static LIST_HEAD(misc_list);
static struct evlsim_mutex misc_mtx = EVLSIM_MUTEX_INITIALIZER;
static bool misc_ready;

static char *misc_devnode(const struct device *dev, umode_t *mode)
{
	const struct miscdevice *c = dev_get_drvdata(dev);

	if (mode && c->mode)
		*mode = c->mode;
	if (c->nodename)
		return kstrdup(c->nodename, GFP_KERNEL);
	return NULL;
}

static const struct class misc_class = {
	.name = "misc",
	.devnode = misc_devnode,
};

static int misc_open(struct inode *inode, struct file *file)
{
	int minor = iminor(inode);
	struct miscdevice *c = NULL, *iter;
	int err = -ENODEV;
	const struct file_operations *new_fops = NULL;

	evlsim__mutex_lock(&misc_mtx);

	list_for_each_entry(iter, &misc_list, list) {
		if (iter->minor != minor)
			continue;
		c = iter;
		new_fops = fops_get(iter->fops);
		break;
	}
	if (!new_fops)
		goto fail;

	/* Place the miscdevice in the file's private_data so it can be used by the file
	 * operations, including f_op->open below. */
	file->private_data = c;

	err = 0;
	replace_fops(file, new_fops);
	if (file->f_op->open)
		err = EVLSIM_SCHED_HANDLER(file->f_op->open(inode, file));
fail:
	evlsim__mutex_unlock(&misc_mtx);
	return err;
}

static const struct file_operations misc_fops = {
	.owner		= NULL,
	.open		= misc_open,
	.llseek		= noop_llseek,
};

/*
 * misc_init(): the class and the major. The kernel sets them up at boot
 * (subsys_initcall); so does the simulator, when the library is loaded, so that the
 * "misc" class and major 10 are taken before any driver runs. misc_register() retries a
 * setup that failed. Called under misc_mtx.
 */
static int misc_init(void)
{
	int err;

	if (misc_ready)
		return 0;
	err = class_register(&misc_class);
	if (err)
		return err;
	err = __register_chrdev(MISC_MAJOR, 0, MINORMASK + 1, "misc", &misc_fops);
	if (err < 0) {
		class_unregister(&misc_class);
		return err;
	}
	misc_ready = true;
	return 0;
}

__attribute__((constructor)) static void misc_boot(void)
{
	evlsim__mutex_lock(&misc_mtx);
	misc_init();
	evlsim__mutex_unlock(&misc_mtx);
}

static bool minor_in_use(int minor)
{
	struct miscdevice *c;

	list_for_each_entry(c, &misc_list, list)
		if (c->minor == minor)
			return true;
	return false;
}

/**
 * misc_register - register a miscellaneous device
 * @misc: device structure
 *
 * Registers a device with minor @misc->minor, or a dynamic one if that is
 * MISC_DYNAMIC_MINOR, which is then stored back into @misc->minor. Creates the node
 * /dev/<name> (or /dev/<nodename>). Returns 0, -EBUSY if the minor is taken, -EEXIST if
 * the name is, -EINVAL for a minor out of range.
 */
int misc_register(struct miscdevice *misc)
{
	evlsim__check_service(EVLSIM_SVC_misc_register);
	dev_t dev;
	int err = 0;
	bool is_dynamic = (misc->minor == MISC_DYNAMIC_MINOR);

	INIT_LIST_HEAD(&misc->list);

	evlsim__mutex_lock(&misc_mtx);
	err = misc_init();
	if (err)
		goto out;

	if (is_dynamic) {
		int i;

		for (i = MISC_DYNAMIC_FIRST; i <= MISC_DYNAMIC_LAST; i++)
			if (!minor_in_use(i))
				break;
		if (i > MISC_DYNAMIC_LAST) {
			err = -EBUSY;
			goto out;
		}
		misc->minor = i;
	} else {
		if (misc->minor < 0 || misc->minor > MISC_DYNAMIC_LAST) {
			err = -EINVAL;
			goto out;
		}
		if (minor_in_use(misc->minor)) {
			err = -EBUSY;
			goto out;
		}
	}

	dev = MKDEV(MISC_MAJOR, misc->minor);

	misc->this_device = device_create_with_groups(&misc_class, misc->parent, dev, misc,
						      misc->groups, "%s", misc->name);
	if (IS_ERR(misc->this_device)) {
		if (is_dynamic)
			misc->minor = MISC_DYNAMIC_MINOR;
		err = PTR_ERR(misc->this_device);
		goto out;
	}

	/* Add it to the front, so that later devices can "override" earlier defaults */
	list_add(&misc->list, &misc_list);
	evlsim__module_note_device(evlsim__module_of(misc->fops), EVLSIM_DEVOBJ_MISC, misc, true);
out:
	evlsim__mutex_unlock(&misc_mtx);
	return err;
}

/**
 * misc_deregister - unregister a miscellaneous device
 * Its node goes away; files already open on it stay usable until released.
 */
void misc_deregister(struct miscdevice *misc)
{
	evlsim__check_service(EVLSIM_SVC_misc_deregister);
	if (WARN_ON(list_empty(&misc->list)))
		return;

	evlsim__mutex_lock(&misc_mtx);
	list_del(&misc->list);
	device_destroy(&misc_class, MKDEV(MISC_MAJOR, misc->minor));
	evlsim__module_note_device(evlsim__module_of(misc->fops), EVLSIM_DEVOBJ_MISC, misc, false);
	/* a dynamic minor goes back to the pool: the structure can be registered again */
	if (misc->minor >= MISC_DYNAMIC_FIRST)
		misc->minor = MISC_DYNAMIC_MINOR;
	evlsim__mutex_unlock(&misc_mtx);
}
