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

/* evl-timer.c, evl-kthread.c: what a module left running, reported as leaks and stopped
 * when it is unloaded or fails its init */
void evlsim__evl_timer_leftovers(struct module *mod, const char *when);
void evlsim__evl_kthread_leftovers(struct module *mod, const char *when);

/* evl-file.c */
void evlsim__evl_release_check(struct file *filp);

/* page_alloc.c: mappable vmalloc areas (vmalloc_user()), for slab.c and mmap.c */
#define EVLSIM_VM_USERMAP	0x00000008UL	/* the kernel's VM_USERMAP */
struct vm_struct {
	void *addr;
	unsigned long size;		/* page-rounded, guard page excluded */
	unsigned long flags;
	unsigned int nr_pages;
};
struct vm_struct *evlsim__find_vm_area(const void *addr);
int evlsim__arena_is_vmalloc(const void *addr);	/* -1: not an arena address */
bool evlsim__vfree_arena(const void *addr);		/* false: not an arena address */

/* Return-value checks on driver handlers (fs.c). */
long evlsim__check_ret(const struct file *filp, const char *handler, long ret,
		       unsigned long count);

/* The stage of the calling thread (evl-thread.c). */
static inline bool evlsim__running_oob(void)
{
	struct evlsim_thread *t = evlsim__self;

	return t && t->stage == EVLSIM_OOB;
}

/* kthread.c, workqueue.c: what a module leaves running or queued at unload (module.c) */
void evlsim__kthread_leftovers(struct module *mod, const char *when);
void evlsim__workqueue_leftovers(struct module *mod, const char *when);

#endif
