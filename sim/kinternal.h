/* SPDX-License-Identifier: LGPL-2.1-or-later */
/*
 * Kernel-world internals: declarations shared by the sim/ files that are compiled like
 * kernel code (they see the kernel shim tree, never glibc). See internal.h for the
 * contract with the user world.
 */
#ifndef _EVLSIM_KINTERNAL_H
#define _EVLSIM_KINTERNAL_H

#include <linux/fs.h>
#include <linux/device.h>
#include <linux/module.h>
#include "internal.h"

/* fs.c */
struct inode *evlsim__new_inode(dev_t rdev, umode_t mode);
void evlsim__iget(struct inode *inode);
void evlsim__iput(struct inode *inode);

/* char_dev.c */
int evlsim__chrdev_open(struct inode *inode, struct file *filp);
void evlsim__chrdev_release(struct file *filp);

/* device.c: the /dev namespace */
int evlsim__node_add(const char *name, dev_t devt, umode_t mode, struct device *dev);
void evlsim__node_del(const char *name);
struct inode *evlsim__node_lookup(const char *path);	/* takes an inode reference */
bool evlsim__node_devt_in_use(dev_t devt);
struct cdev;
void evlsim__nodes_forget_cdev(struct cdev *p);

/* module.c */
enum evlsim_devobj {
	EVLSIM_DEVOBJ_MISC,		/* struct miscdevice */
	EVLSIM_DEVOBJ_CDEV,		/* struct cdev */
};
struct module *evlsim__module_of(const struct file_operations *fops);
void evlsim__module_note_device(struct module *owner, enum evlsim_devobj kind, void *obj,
				bool add);

/* evl-file.c */
void evlsim__evl_release_check(struct file *filp);

/* Return-value checks on driver handlers (fs.c). */
long evlsim__check_ret(const struct file *filp, const char *handler, long ret,
		       unsigned long count);

/* The stage of the calling thread (evl-thread.c). */
static inline bool evlsim__running_oob(void)
{
	struct evlsim_thread *t = evlsim__self;

	return t && t->stage == EVLSIM_OOB;
}

#endif
