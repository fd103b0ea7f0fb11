// SPDX-License-Identifier: LGPL-2.1-or-later
/*
 * The devices each module registered (kernel world): misc devices and cdevs, noted by
 * misc_register()/misc_deregister() and cdev_add()/cdev_del(), so that what a module
 * leaves registered at unload or after a failed init is reported and removed, as the
 * kernel's module loader cannot do but a test harness should.
 */
#include <linux/cdev.h>
#include <linux/miscdevice.h>
#include "kinternal.h"

static struct evlsim_mutex objects_lock = EVLSIM_MUTEX_INITIALIZER;

/*
 * Per-module accounting of registered devices, kept beside the module (not in driver
 * memory), so that what a module leaves behind at unload or after a failed init can be
 * reported and removed.
 */
struct module_object {
	struct list_head next;
	struct module *mod;
	enum evlsim_devobj kind;
	void *obj;
};
static LIST_HEAD(module_objects);

void evlsim__module_note_device(struct module *owner, enum evlsim_devobj kind, void *obj,
				bool add)
{
	struct module_object *o;

	if (!owner)
		return;
	evlsim__mutex_lock(&objects_lock);
	if (add) {
		o = evlsim__zalloc(sizeof(*o));
		o->mod = owner;
		o->kind = kind;
		o->obj = obj;
		list_add_tail(&o->next, &module_objects);
	} else {
		list_for_each_entry(o, &module_objects, next) {
			if (o->obj == obj && o->kind == kind) {
				list_del(&o->next);
				evlsim__free(o);
				break;
			}
		}
	}
	evlsim__mutex_unlock(&objects_lock);
}

static int device_count(struct module *mod)
{
	int n;

	evlsim__mutex_lock(&objects_lock);
	n = evlsim__count_owned(&module_objects, struct module_object, next, mod, mod);
	evlsim__mutex_unlock(&objects_lock);
	return n;
}

static struct module_object *first_object(struct module *mod)
{
	struct module_object *o, *found = NULL;

	evlsim__mutex_lock(&objects_lock);
	list_for_each_entry(o, &module_objects, next) {
		if (o->mod == mod) {
			found = o;
			break;
		}
	}
	evlsim__mutex_unlock(&objects_lock);
	return found;
}

/* Reports and removes every device @mod left registered. */
static void device_leftovers(struct module *mod, const char *when)
{
	struct module_object *o;

	while ((o = first_object(mod)) != NULL) {
		switch (o->kind) {
		case EVLSIM_DEVOBJ_MISC: {
			struct miscdevice *misc = o->obj;

			evlsim__report(EVLSIM_REPORT_LEAK, "module-leak",
				       "%s: %s with misc device '%s' still registered; deregistering it",
				       mod->name, when, misc->name);
			misc_deregister(misc);
			break;
		}
		case EVLSIM_DEVOBJ_CDEV: {
			struct cdev *cdev = o->obj;

			evlsim__report(EVLSIM_REPORT_LEAK, "module-leak",
				       "%s: %s with cdev %u:%u (x%u) still added; deleting it",
				       mod->name, when, MAJOR(cdev->dev), MINOR(cdev->dev),
				       cdev->count);
			cdev_del(cdev);
			break;
		}
		}
	}
}

/* after the EVL timers and kthreads, the work and the kthreads, which may use them */
EVLSIM_MODULE_SERVICE(devices, EVLSIM_ACCT_DEVICES, 50, device_count, device_leftovers);
