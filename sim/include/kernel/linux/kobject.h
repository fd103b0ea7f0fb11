/* SPDX-License-Identifier: LGPL-2.1-or-later */
/*
 * evlsim shim: custom, minimal linux v6.12 include/linux/kobject.h: a name and a
 * reference count, which is what character device code touches. No sysfs.
 */
#ifndef _EVLSIM_LINUX_KOBJECT_H
#define _EVLSIM_LINUX_KOBJECT_H

#include <linux/types.h>
#include <linux/kref.h>

struct kobj_type;

struct kobject {
	const char		*name;
	struct list_head	entry;
	struct kobject		*parent;
	const struct kobj_type	*ktype;
	struct kref		kref;
	unsigned int state_initialized:1;
};

struct kobj_type {
	void (*release)(struct kobject *kobj);
};

static inline const char *kobject_name(const struct kobject *kobj)
{
	return kobj->name;
}

void kobject_init(struct kobject *kobj, const struct kobj_type *ktype)
	__evlsim_ksym(kobject_init);
struct kobject *kobject_get(struct kobject *kobj) __evlsim_ksym(kobject_get);
struct kobject * __must_check kobject_get_unless_zero(struct kobject *kobj)
	__evlsim_ksym(kobject_get_unless_zero);
void kobject_put(struct kobject *kobj) __evlsim_ksym(kobject_put);
int kobject_set_name(struct kobject *kobj, const char *fmt, ...)
	__evlsim_ksym(kobject_set_name) __printf(2, 3);

#endif
