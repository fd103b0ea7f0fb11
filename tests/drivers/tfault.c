// SPDX-License-Identifier: GPL-2.0-only
/*
 * tfault: kernel-world entry points for the fault-injection tests (check_faults).
 *
 * The tfault_*() functions are plain C: each calls one service that has a fault site and
 * returns its result unchanged (a pointer, bytes not copied, 0/-errno), so that a test
 * sees the kernel's failure value. They work without loading the module. Once loaded,
 * /dev/tfault serves an EVL wait from its oob handler (tfault-abi.h).
 */
#include <linux/module.h>
#include <linux/miscdevice.h>
#include <linux/fs.h>
#include <linux/slab.h>
#include <linux/vmalloc.h>
#include <linux/gfp.h>
#include <linux/mm.h>
#include <linux/uaccess.h>
#include <linux/wait.h>
#include <linux/mutex.h>
#include <linux/semaphore.h>
#include <linux/completion.h>
#include <linux/ktime.h>
#include <evl/file.h>
#include <evl/flag.h>
#include <evl/memory.h>
#include "tfault-abi.h"

/* the result, kept past the call: no tail call, so the entry point is the call site */
#define KEEP(x)	({ __typeof__(x) __v = (x); __asm__ volatile("" : "+r"(__v)); __v; })

void *tfault_kmalloc(size_t size)
{
	return KEEP(kmalloc(size, GFP_KERNEL));
}

/* a second call site, in another function (caller filters) */
void *tfault_alloc_other(size_t size)
{
	return KEEP(kzalloc(size, GFP_KERNEL));
}

void tfault_kfree(void *p)
{
	kfree(p);
}

int tfault_kmem_cache_alloc(void)
{
	struct kmem_cache *c = kmem_cache_create("tfault", 48, 0, 0, NULL);
	void *p;

	if (!c)
		return -ENOMEM;
	p = kmem_cache_alloc(c, GFP_KERNEL);
	if (p)
		kmem_cache_free(c, p);
	kmem_cache_destroy(c);
	return p ? 0 : -ENOMEM;
}

void *tfault_vmalloc(unsigned long size)
{
	return KEEP(vmalloc(size));
}

void tfault_vfree(void *p)
{
	vfree(p);
}

int tfault_alloc_pages(void)
{
	struct page *page = alloc_pages(GFP_KERNEL, 0);

	if (!page)
		return -ENOMEM;
	__free_pages(page, 0);
	return 0;
}

int tfault_get_free_pages(void)
{
	unsigned long addr = __get_free_pages(GFP_KERNEL, 1);

	if (!addr)
		return -ENOMEM;
	free_pages(addr, 1);
	return 0;
}

void *tfault_evl_alloc(size_t size)
{
	return KEEP(evl_alloc(size));
}

void tfault_evl_free(void *p)
{
	evl_free(p);
}

/*
 * Three allocation call sites in a row, as a probe routine would make them; a failure
 * unwinds what was allocated. Returns 0, or -(1 + the index of the site that failed).
 */
int tfault_three_sites(void)
{
	void *a, *b, *c;
	int ret = 0;

	a = kmalloc(16, GFP_KERNEL);
	if (!a)
		return -1;
	b = kzalloc(32, GFP_KERNEL);
	if (!b) {
		ret = -2;
		goto out_a;
	}
	c = kmalloc(64, GFP_KERNEL);
	if (!c) {
		ret = -3;
		goto out_b;
	}
	kfree(c);
out_b:
	kfree(b);
out_a:
	kfree(a);
	return ret;
}

unsigned long tfault_copy_to_user(void __user *to, const void *from, unsigned long n)
{
	return KEEP(copy_to_user(to, from, n));
}

unsigned long tfault_copy_from_user(void *to, const void __user *from, unsigned long n)
{
	return KEEP(copy_from_user(to, from, n));
}

unsigned long tfault_raw_copy_to_user(void __user *to, const void *from, unsigned long n)
{
	return KEEP(raw_copy_to_user(to, from, n));
}

int tfault_get_user(u32 *val, u32 __user *p)
{
	return KEEP(get_user(*val, p));
}

int tfault_put_user(u32 val, u32 __user *p)
{
	return KEEP(put_user(val, p));
}

unsigned long tfault_clear_user(void __user *to, unsigned long n)
{
	return KEEP(clear_user(to, n));
}

long tfault_strncpy_from_user(char *dst, const char __user *src, long count)
{
	return KEEP(strncpy_from_user(dst, src, count));
}

static DECLARE_WAIT_QUEUE_HEAD(tfault_wq);
static DEFINE_MUTEX(tfault_mutex);
static DEFINE_SEMAPHORE(tfault_sem, 1);

/* a condition that never comes true: 0 after one jiffy, or -ERESTARTSYS */
long tfault_wait_interruptible(void)
{
	return KEEP(wait_event_interruptible_timeout(tfault_wq, false, 1));
}

int tfault_mutex_interruptible(void)
{
	int ret = mutex_lock_interruptible(&tfault_mutex);

	if (!ret)
		mutex_unlock(&tfault_mutex);
	return ret;
}

int tfault_down_interruptible(void)
{
	int ret = down_interruptible(&tfault_sem);

	if (!ret)
		up(&tfault_sem);
	return ret;
}

/* a completion already done: > 0 at once, or -ERESTARTSYS */
long tfault_completion_interruptible(void)
{
	struct completion done;

	init_completion(&done);
	complete(&done);
	return KEEP(wait_for_completion_interruptible_timeout(&done, 10));
}

/* ---- /dev/tfault ---------------------------------------------------------------------- */

static struct evl_flag tfault_flag;

struct tfault_file {
	struct evl_file efile;
};

static int tfault_open(struct inode *inode, struct file *filp)
{
	struct tfault_file *tf = kzalloc(sizeof(*tf), GFP_KERNEL);

	if (!tf)
		return -ENOMEM;
	evl_open_file(&tf->efile, filp);
	filp->private_data = tf;
	return 0;
}

static int tfault_release(struct inode *inode, struct file *filp)
{
	struct tfault_file *tf = filp->private_data;

	evl_release_file(&tf->efile);
	kfree(tf);
	return 0;
}

static long tfault_oob_ioctl(struct file *filp, unsigned int cmd, unsigned long arg)
{
	switch (cmd) {
	case TFAULT_IOC_EVL_WAIT:
		return evl_wait_flag_timeout(&tfault_flag, arg ? ms_to_ktime(arg) : EVL_INFINITE,
					     EVL_REL);
	case TFAULT_IOC_RAISE:
		evl_raise_flag(&tfault_flag);
		return 0;
	default:
		return -ENOTTY;
	}
}

static long tfault_ioctl(struct file *filp, unsigned int cmd, unsigned long arg)
{
	if (cmd != TFAULT_IOC_RAISE)
		return -ENOTTY;
	evl_raise_flag(&tfault_flag);
	return 0;
}

static const struct file_operations tfault_fops = {
	.owner		= THIS_MODULE,
	.open		= tfault_open,
	.release	= tfault_release,
	.unlocked_ioctl	= tfault_ioctl,
	.oob_ioctl	= tfault_oob_ioctl,
};

static struct miscdevice tfault_misc = {
	.minor	= MISC_DYNAMIC_MINOR,
	.name	= "tfault",
	.fops	= &tfault_fops,
};

static int __init tfault_init(void)
{
	evl_init_flag(&tfault_flag);
	return misc_register(&tfault_misc);
}
module_init(tfault_init);

static void __exit tfault_exit(void)
{
	misc_deregister(&tfault_misc);
	evl_destroy_flag(&tfault_flag);
}
module_exit(tfault_exit);

MODULE_LICENSE("GPL");
MODULE_DESCRIPTION("evlsim test driver: fault injection sites");
