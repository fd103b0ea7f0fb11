// SPDX-License-Identifier: GPL-2.0-only
/*
 * tmemck: a module that touches its memory after freeing it, for the memory check suite
 * (tests/unit/check_memcheck.c). Every bug is marked BROKEN.
 *
 * The entry points of tmemck-abi.h are called directly by the test (the module is linked
 * into the test program). /dev/tmemck is an oob-capable device whose ->oob_read waits on
 * a flag of the per-open context, and whose ->release frees that context before calling
 * evl_release_file(): the reader still blocked then must not keep close() waiting forever.
 */
#include <linux/module.h>
#include <linux/fs.h>
#include <linux/miscdevice.h>
#include <linux/slab.h>
#include <linux/vmalloc.h>
#include <linux/list.h>
#include <linux/mutex.h>
#include <linux/spinlock.h>
#include <evl/file.h>
#include <evl/flag.h>
#include "tmemck-abi.h"

struct tmemck_ctx {
	struct evl_file efile;
	struct evl_flag flag;
	spinlock_t lock;
	hard_spinlock_t hlock;
	struct mutex mutex;
	struct list_head head;
};

static noinline struct tmemck_ctx *tmemck_new_ctx(void)
{
	struct tmemck_ctx *ctx;

	BUILD_BUG_ON(sizeof(*ctx) > TMEMCK_CTX_SIZE);
	ctx = kzalloc(TMEMCK_CTX_SIZE, GFP_KERNEL);
	if (!ctx)
		return NULL;
	evl_init_flag(&ctx->flag);
	spin_lock_init(&ctx->lock);
	raw_spin_lock_init(&ctx->hlock);
	mutex_init(&ctx->mutex);
	INIT_LIST_HEAD(&ctx->head);
	return ctx;
}

int tmemck_double_kfree(void)
{
	void *p = kmalloc(40, GFP_KERNEL);

	if (!p)
		return -ENOMEM;
	kfree(p);
	kfree(p);		/* BROKEN */
	return 0;
}

int tmemck_double_cache_free(void)
{
	struct kmem_cache *cache = kmem_cache_create("tmemck_obj", 72, 0, 0, NULL);
	void *p;

	if (!cache)
		return -ENOMEM;
	p = kmem_cache_alloc(cache, GFP_KERNEL);
	if (!p) {
		kmem_cache_destroy(cache);
		return -ENOMEM;
	}
	kmem_cache_free(cache, p);
	kmem_cache_free(cache, p);	/* BROKEN */
	kmem_cache_destroy(cache);
	return 0;
}

int tmemck_double_vfree(void)
{
	void *p = vmalloc(3 * PAGE_SIZE);

	if (!p)
		return -ENOMEM;
	vfree(p);
	vfree(p);		/* BROKEN */
	return 0;
}

int tmemck_uaf_spin_lock(void)
{
	struct tmemck_ctx *ctx = tmemck_new_ctx();

	if (!ctx)
		return -ENOMEM;
	kfree(ctx);
	spin_lock(&ctx->lock);		/* BROKEN */
	spin_unlock(&ctx->lock);
	return 0;
}

int tmemck_uaf_hard_lock(void)
{
	struct tmemck_ctx *ctx = tmemck_new_ctx();
	unsigned long flags;

	if (!ctx)
		return -ENOMEM;
	kfree(ctx);
	raw_spin_lock_irqsave(&ctx->hlock, flags);	/* BROKEN */
	raw_spin_unlock_irqrestore(&ctx->hlock, flags);
	return 0;
}

int tmemck_uaf_mutex(void)
{
	struct tmemck_ctx *ctx = tmemck_new_ctx();

	if (!ctx)
		return -ENOMEM;
	kfree(ctx);
	mutex_lock(&ctx->mutex);	/* BROKEN */
	mutex_unlock(&ctx->mutex);
	return 0;
}

int tmemck_uaf_flag(void)
{
	struct tmemck_ctx *ctx = tmemck_new_ctx();

	if (!ctx)
		return -ENOMEM;
	kfree(ctx);
	evl_raise_flag(&ctx->flag);	/* BROKEN */
	return 0;
}

int tmemck_uaf_list(void)
{
	struct tmemck_ctx *ctx = tmemck_new_ctx();
	struct list_head node;

	if (!ctx)
		return -ENOMEM;
	kfree(ctx);
	list_add(&node, &ctx->head);	/* BROKEN */
	return 0;
}

int tmemck_write_after_free(void)
{
	struct tmemck_ctx *ctx = tmemck_new_ctx();

	if (!ctx)
		return -ENOMEM;
	kfree(ctx);
	WRITE_ONCE(((char *)ctx)[TMEMCK_CTX_SIZE - 1], 1);	/* BROKEN: no service sees it */
	return 0;
}

int tmemck_clean(void)
{
	struct tmemck_ctx *ctx = tmemck_new_ctx();
	struct list_head node;
	unsigned long flags;

	if (!ctx)
		return -ENOMEM;
	spin_lock(&ctx->lock);
	spin_unlock(&ctx->lock);
	raw_spin_lock_irqsave(&ctx->hlock, flags);
	raw_spin_unlock_irqrestore(&ctx->hlock, flags);
	mutex_lock(&ctx->mutex);
	mutex_unlock(&ctx->mutex);
	list_add(&node, &ctx->head);
	list_del(&node);
	evl_raise_flag(&ctx->flag);
	evl_destroy_flag(&ctx->flag);
	kfree(ctx);
	return 0;
}

/* ---- /dev/tmemck ------------------------------------------------------------------- */

static int tmemck_open(struct inode *inode, struct file *filp)
{
	struct tmemck_ctx *ctx = tmemck_new_ctx();

	if (!ctx)
		return -ENOMEM;
	evl_open_file(&ctx->efile, filp);
	filp->private_data = ctx;
	return 0;
}

/* oob: waits for a flag nobody raises; -EIDRM when the context goes */
static ssize_t tmemck_oob_read(struct file *filp, char __user *buf, size_t count)
{
	struct tmemck_ctx *ctx = filp->private_data;
	int ret;

	ret = evl_wait_flag(&ctx->flag);
	return ret ?: 0;
}

static int tmemck_release(struct inode *inode, struct file *filp)
{
	struct tmemck_ctx *ctx = filp->private_data;

	kfree(ctx);				/* BROKEN: the reader still sleeps in it */
	evl_release_file(&ctx->efile);		/* use-after-free */
	return 0;
}

static const struct file_operations tmemck_fops = {
	.owner = THIS_MODULE,
	.open = tmemck_open,
	.release = tmemck_release,
	.oob_read = tmemck_oob_read,
};

static struct miscdevice tmemck_misc = {
	.minor = MISC_DYNAMIC_MINOR,
	.name = "tmemck",
	.fops = &tmemck_fops,
};

static int __init tmemck_init(void)
{
	return misc_register(&tmemck_misc);
}

static void __exit tmemck_exit(void)
{
	misc_deregister(&tmemck_misc);
}

module_init(tmemck_init);
module_exit(tmemck_exit);
MODULE_LICENSE("GPL");
