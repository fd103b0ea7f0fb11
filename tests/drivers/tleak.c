// SPDX-License-Identifier: GPL-2.0-only
/*
 * tleak: a module that allocates with every allocator and leaves things behind on
 * demand, for the resource accounting suite (tests/unit/check_accounting.c).
 *
 * The test calls the plain-C entry points below directly (the module is linked into the
 * test program): tleak_alloc(kind, size) allocates one object with allocator @kind from a
 * function of its own (tleak_do_<allocator>, named in the allocation backtrace) and keeps
 * it in a slot; tleak_free(slot) frees it; the other entry points start, arm, queue or
 * register one thing each, which unload then finds left over unless undone. Init
 * registers /dev/tleak (.owner = THIS_MODULE): an open file of it is charged to tleak.
 */
#include <linux/module.h>
#include <linux/fs.h>
#include <linux/miscdevice.h>
#include <linux/slab.h>
#include <linux/vmalloc.h>
#include <linux/gfp.h>
#include <linux/mm.h>
#include <linux/string.h>
#include <linux/kthread.h>
#include <linux/completion.h>
#include <linux/workqueue.h>
#include <linux/delay.h>
#include <linux/jiffies.h>
#include <evl/memory.h>
#include <evl/timer.h>
#include <evl/clock.h>
#include "tleak-abi.h"

#define TLEAK_SLOTS	64

struct tleak_slot {
	int kind;
	size_t size;
	void *p;
};

static struct tleak_slot slots[TLEAK_SLOTS];
static struct kmem_cache *tleak_cache;

static noinline void *tleak_do_kmalloc(size_t size) { return kmalloc(size, GFP_KERNEL); }
static noinline void *tleak_do_kzalloc(size_t size) { return kzalloc(size, GFP_KERNEL); }
static noinline void *tleak_do_kcalloc(size_t size) { return kcalloc(size, 1, GFP_KERNEL); }
static noinline void *tleak_do_kvmalloc(size_t size) { return kvmalloc(size, GFP_KERNEL); }

static noinline void *tleak_do_krealloc(size_t size)
{
	void *p = kmalloc(1, GFP_KERNEL);
	void *n = krealloc(p, size, GFP_KERNEL);

	if (!n)
		kfree(p);
	return n;
}

static noinline void *tleak_do_kstrdup(size_t size)
{
	char buf[64];

	memset(buf, 'x', sizeof(buf));
	buf[size < sizeof(buf) ? size - 1 : sizeof(buf) - 1] = '\0';
	return kstrdup(buf, GFP_KERNEL);
}

static noinline void *tleak_do_kasprintf(size_t size)
{
	return kasprintf(GFP_KERNEL, "%0*d", (int)size - 1, 0);
}

static noinline void *tleak_do_cache_alloc(size_t size)
{
	if (!tleak_cache)
		tleak_cache = kmem_cache_create("tleak", TLEAK_CACHE_OBJSIZE, 0, 0, NULL);
	return tleak_cache ? kmem_cache_alloc(tleak_cache, GFP_KERNEL) : NULL;
}

static noinline void *tleak_do_vmalloc(size_t size) { return vmalloc(size); }
static noinline void *tleak_do_vzalloc(size_t size) { return vzalloc(size); }
static noinline void *tleak_do_vmalloc_user(size_t size) { return vmalloc_user(size); }

static noinline void *tleak_do_alloc_pages(size_t order)
{
	struct page *page = alloc_pages(GFP_KERNEL, order);

	return page ? page_address(page) : NULL;
}

static noinline void *tleak_do_get_free_pages(size_t order)
{
	return (void *)__get_free_pages(GFP_KERNEL, order);
}

static noinline void *tleak_do_alloc_pages_exact(size_t size)
{
	return alloc_pages_exact(size, GFP_KERNEL);
}

static noinline void *tleak_do_evl_alloc(size_t size) { return evl_alloc(size); }
static noinline void *tleak_do_evl_zalloc(size_t size) { return evl_zalloc(size); }

static void *(*const allocators[TLEAK_NR])(size_t) = {
	[TLEAK_KMALLOC] = tleak_do_kmalloc,
	[TLEAK_KZALLOC] = tleak_do_kzalloc,
	[TLEAK_KCALLOC] = tleak_do_kcalloc,
	[TLEAK_KVMALLOC] = tleak_do_kvmalloc,
	[TLEAK_KREALLOC] = tleak_do_krealloc,
	[TLEAK_KSTRDUP] = tleak_do_kstrdup,
	[TLEAK_KASPRINTF] = tleak_do_kasprintf,
	[TLEAK_CACHE] = tleak_do_cache_alloc,
	[TLEAK_VMALLOC] = tleak_do_vmalloc,
	[TLEAK_VZALLOC] = tleak_do_vzalloc,
	[TLEAK_VMALLOC_USER] = tleak_do_vmalloc_user,
	[TLEAK_ALLOC_PAGES] = tleak_do_alloc_pages,
	[TLEAK_GET_FREE_PAGES] = tleak_do_get_free_pages,
	[TLEAK_ALLOC_PAGES_EXACT] = tleak_do_alloc_pages_exact,
	[TLEAK_EVL_ALLOC] = tleak_do_evl_alloc,
	[TLEAK_EVL_ZALLOC] = tleak_do_evl_zalloc,
};

int tleak_alloc(int kind, size_t size)
{
	int i;

	if (kind < 0 || kind >= TLEAK_NR)
		return -EINVAL;
	for (i = 0; i < TLEAK_SLOTS; i++) {
		if (slots[i].p)
			continue;
		slots[i].p = allocators[kind](size);
		if (!slots[i].p)
			return -ENOMEM;
		slots[i].kind = kind;
		slots[i].size = size;
		return i;
	}
	return -ENOSPC;
}

int tleak_free(int i)
{
	struct tleak_slot *s = &slots[i];

	if (i < 0 || i >= TLEAK_SLOTS || !s->p)
		return -EINVAL;
	switch (s->kind) {
	case TLEAK_KVMALLOC:
		kvfree(s->p);
		break;
	case TLEAK_CACHE:
		kmem_cache_free(tleak_cache, s->p);
		break;
	case TLEAK_VMALLOC:
	case TLEAK_VZALLOC:
	case TLEAK_VMALLOC_USER:
		vfree(s->p);
		break;
	case TLEAK_ALLOC_PAGES:
		__free_pages(virt_to_page(s->p), s->size);
		break;
	case TLEAK_GET_FREE_PAGES:
		free_pages((unsigned long)s->p, s->size);
		break;
	case TLEAK_ALLOC_PAGES_EXACT:
		free_pages_exact(s->p, s->size);
		break;
	case TLEAK_EVL_ALLOC:
	case TLEAK_EVL_ZALLOC:
		evl_free(s->p);
		break;
	default:
		kfree(s->p);
	}
	s->p = NULL;
	return 0;
}

/* Frees what is left in the slots and the cache (after unload too: the code stays mapped). */
void tleak_free_all(void)
{
	int i;

	for (i = 0; i < TLEAK_SLOTS; i++)
		if (slots[i].p)
			tleak_free(i);
	if (tleak_cache) {
		kmem_cache_destroy(tleak_cache);
		tleak_cache = NULL;
	}
}

/* ---- things other than memory --------------------------------------------------------- */

static struct task_struct *tleak_task;
static struct completion tleak_task_started;

static int tleak_kthread_fn(void *arg)
{
	complete(&tleak_task_started);
	while (!kthread_should_stop())
		msleep(1);
	return 0;
}

/*
 * Returns once the kthread runs its function: a kthread_stop() that comes before makes
 * kthread_stop() return -EINTR without the function ever running, as the kernel's does.
 */
int tleak_kthread_start(void)
{
	struct task_struct *t;

	init_completion(&tleak_task_started);
	t = kthread_run(tleak_kthread_fn, NULL, "tleak-kt");
	if (IS_ERR(t))
		return PTR_ERR(t);
	tleak_task = t;
	wait_for_completion(&tleak_task_started);
	return 0;
}

int tleak_kthread_stop(void)
{
	int ret = tleak_task ? kthread_stop(tleak_task) : -ESRCH;

	tleak_task = NULL;
	return ret;
}

static void tleak_work_fn(struct work_struct *work) { }
static DECLARE_DELAYED_WORK(tleak_dwork, tleak_work_fn);

int tleak_work_queue(void)
{
	return schedule_delayed_work(&tleak_dwork, 3600 * HZ) ? 0 : -EBUSY;
}

int tleak_work_cancel(void)
{
	return cancel_delayed_work_sync(&tleak_dwork) ? 0 : -ENOENT;
}

static struct evl_timer tleak_timer;

static void tleak_timer_fn(struct evl_timer *timer) { }

int tleak_timer_arm(void)
{
	evl_init_timer(&tleak_timer, tleak_timer_fn);
	evl_start_timer(&tleak_timer, evl_read_clock(&evl_mono_clock) + 3600 * NSEC_PER_SEC,
			EVL_INFINITE);
	return 0;
}

int tleak_timer_disarm(void)
{
	evl_destroy_timer(&tleak_timer);
	return 0;
}

static const struct file_operations tleak_fops = {
	.owner = THIS_MODULE,
};

static struct miscdevice tleak_misc = {
	.minor = MISC_DYNAMIC_MINOR,
	.name = "tleak",
	.fops = &tleak_fops,
};

static struct miscdevice tleak_extra = {
	.minor = MISC_DYNAMIC_MINOR,
	.name = "tleak-extra",
	.fops = &tleak_fops,
};

int tleak_device_register(void)
{
	return misc_register(&tleak_extra);
}

void tleak_device_deregister(void)
{
	misc_deregister(&tleak_extra);
}

/* A reference on module tfail (linked into the test program too), never put by exit. */
extern struct module tleak_tfail_module __asm__("evlsim__this_module_tfail");

void tleak_modref_get(void)
{
	__module_get(&tleak_tfail_module);
}

void tleak_modref_put(void)
{
	module_put(&tleak_tfail_module);
}

static int __init tleak_init(void)
{
	return misc_register(&tleak_misc);
}

static void __exit tleak_exit(void)
{
	misc_deregister(&tleak_misc);
}

module_init(tleak_init);
module_exit(tleak_exit);
MODULE_LICENSE("GPL");
MODULE_DESCRIPTION("evlsim test driver: resource accounting");
