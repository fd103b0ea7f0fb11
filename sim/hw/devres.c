// SPDX-License-Identifier: LGPL-2.1-or-later
/*
 * Managed device resources (kernel world), after drivers/base/devres.c: each device keeps
 * a list of resources, appended by devres_add(); devres_release_all() (at a failed probe
 * and after remove()) releases them from the last to the first. The list lives in
 * struct device's evlsim_devres, created on first use, under one lock word per device
 * (the kernel's devres_lock); release callbacks run without it.
 *
 * A node's memory is one kmalloc() block: the header, then the driver's data, aligned
 * as kmalloc() aligns, so the data pointer is what devres_alloc() returns.
 */
#include <linux/device.h>
#include <linux/slab.h>
#include <linux/string.h>
#include <linux/list.h>
#include <linux/gfp.h>
#include <linux/mm.h>
#include "../kinternal.h"
#include "platform-internal.h"

struct devres_node {
	struct list_head entry;
	dr_release_t release;
	const char *name;
	size_t size;
};

struct devres {
	struct devres_node node;
	u8 __aligned(16) data[];
};

struct devres_head {
	struct list_head list;
	int lock;
};

static struct devres_head *head_of(struct device *dev, bool create)
{
	struct devres_head *h = __atomic_load_n((struct devres_head **)&dev->evlsim_devres,
						__ATOMIC_ACQUIRE);
	struct devres_head *expected = NULL;

	if (h || !create)
		return h;
	h = evlsim__zalloc(sizeof(*h));
	INIT_LIST_HEAD(&h->list);
	if (!__atomic_compare_exchange_n((struct devres_head **)&dev->evlsim_devres, &expected,
					 h, false, __ATOMIC_ACQ_REL, __ATOMIC_ACQUIRE)) {
		evlsim__free(h);
		h = expected;
	}
	return h;
}

/* device_release() of a device no bus unbinds (a misc or class device): its resources,
 * then the list head itself */
static void release_all_hook(struct device *dev)
{
	evlsim__devres_release_all(dev);
	evlsim__devres_forget(dev);
}

static __attribute__((constructor)) void devres_init(void)
{
	evlsim__device_release_hook = release_all_hook;
}

/* at the device's release */
void evlsim__devres_forget(struct device *dev)
{
	struct devres_head *h = head_of(dev, false);

	if (h) {
		WARN_ON(!list_empty(&h->list));
		evlsim__free(h);
		dev->evlsim_devres = NULL;
	}
}

void *__devres_alloc_node(dr_release_t release, size_t size, gfp_t gfp, int nid,
			  const char *name)
{
	struct devres *dr;
	size_t tot;

	if (unlikely(check_add_overflow(sizeof(struct devres), size, &tot)))
		return NULL;
	/* __GFP_ZERO: the data only, as alloc_dr() does */
	dr = kmalloc(tot, gfp | __GFP_ZERO);
	if (unlikely(!dr))
		return NULL;
	INIT_LIST_HEAD(&dr->node.entry);
	dr->node.release = release;
	dr->node.name = name;
	dr->node.size = size;
	return dr->data;
}

void devres_free(void *res)
{
	if (res) {
		struct devres *dr = container_of(res, struct devres, data);

		BUG_ON(!list_empty(&dr->node.entry));
		kfree(dr);
	}
}

void devres_add(struct device *dev, void *res)
{
	struct devres *dr = container_of(res, struct devres, data);
	struct devres_head *h = head_of(dev, true);

	evlsim__lockword_lock(&h->lock);
	WARN_ON(!list_empty(&dr->node.entry));
	list_add_tail(&dr->node.entry, &h->list);
	evlsim__lockword_unlock(&h->lock);
}

/* under the lock: the last node matching, as find_dr() searches from the tail */
static struct devres *find_dr(struct devres_head *h, struct device *dev,
			      dr_release_t release, dr_match_t match, void *match_data)
{
	struct devres_node *node;

	list_for_each_entry_reverse(node, &h->list, entry) {
		struct devres *dr = container_of(node, struct devres, node);

		if (node->release != release)
			continue;
		if (match && !match(dev, dr->data, match_data))
			continue;
		return dr;
	}
	return NULL;
}

/* devres_find() and devres_remove(): the match's data, unlinked first when @unlink */
static void *find_data(struct device *dev, dr_release_t release, dr_match_t match,
		       void *match_data, bool unlink)
{
	struct devres_head *h = head_of(dev, false);
	struct devres *dr;

	if (!h)
		return NULL;
	evlsim__lockword_lock(&h->lock);
	dr = find_dr(h, dev, release, match, match_data);
	if (dr && unlink)
		list_del_init(&dr->node.entry);
	evlsim__lockword_unlock(&h->lock);
	return dr ? dr->data : NULL;
}

void *devres_find(struct device *dev, dr_release_t release, dr_match_t match,
		  void *match_data)
{
	return find_data(dev, release, match, match_data, false);
}

void *devres_get(struct device *dev, void *new_res, dr_match_t match, void *match_data)
{
	struct devres *new_dr = container_of(new_res, struct devres, data);
	struct devres_head *h = head_of(dev, true);
	struct devres *dr;

	evlsim__lockword_lock(&h->lock);
	dr = find_dr(h, dev, new_dr->node.release, match, match_data);
	if (!dr) {
		list_add_tail(&new_dr->node.entry, &h->list);
		dr = new_dr;
		new_res = NULL;
	}
	evlsim__lockword_unlock(&h->lock);
	devres_free(new_res);
	return dr->data;
}

void *devres_remove(struct device *dev, dr_release_t release, dr_match_t match,
		    void *match_data)
{
	return find_data(dev, release, match, match_data, true);
}

int devres_destroy(struct device *dev, dr_release_t release, dr_match_t match,
		   void *match_data)
{
	void *res = devres_remove(dev, release, match, match_data);

	if (unlikely(!res))
		return -ENOENT;
	devres_free(res);
	return 0;
}

int devres_release(struct device *dev, dr_release_t release, dr_match_t match,
		   void *match_data)
{
	void *res = devres_remove(dev, release, match, match_data);

	if (unlikely(!res))
		return -ENOENT;
	(*release)(dev, res);
	devres_free(res);
	return 0;
}

/**
 * evlsim__devres_release_all - release every managed resource of @dev, last first
 * Returns how many were released.
 */
int evlsim__devres_release_all(struct device *dev)
{
	struct devres_head *h = head_of(dev, false);
	struct devres *dr;
	int n = 0;

	if (!h)
		return 0;
	for (;;) {
		evlsim__lockword_lock(&h->lock);
		if (list_empty(&h->list)) {
			evlsim__lockword_unlock(&h->lock);
			break;
		}
		dr = list_last_entry(&h->list, struct devres, node.entry);
		list_del_init(&dr->node.entry);
		evlsim__lockword_unlock(&h->lock);
		dr->node.release(dev, dr->data);
		kfree(dr);
		n++;
	}
	return n;
}

/* ---- managed memory ---------------------------------------------------------------------- */

static void devm_kmalloc_release(struct device *dev, void *res)
{
	/* noop: the memory goes with the node */
}

static int devm_kmalloc_match(struct device *dev, void *res, void *data)
{
	return res == data;
}

#undef devm_kmalloc
void *devm_kmalloc(struct device *dev, size_t size, gfp_t gfp)
{
	void *data;

	if (unlikely(!size))
		return ZERO_SIZE_PTR;
	/* zeroed whatever @gfp says (__devres_alloc_node() always zeroes) */
	data = __devres_alloc_node(devm_kmalloc_release, size, gfp, NUMA_NO_NODE, "devm_kmalloc");
	if (unlikely(!data))
		return NULL;
	devres_add(dev, data);
	return data;
}

#undef devm_krealloc
void *devm_krealloc(struct device *dev, void *ptr, size_t new_size, gfp_t gfp)
{
	struct devres *old;
	void *new;

	if (unlikely(!new_size)) {
		devm_kfree(dev, ptr);
		return ZERO_SIZE_PTR;
	}
	if (unlikely(ZERO_OR_NULL_PTR(ptr)))
		return devm_kmalloc(dev, new_size, gfp);
	old = container_of(ptr, struct devres, data);
	if (new_size <= old->node.size)
		return ptr;
	new = devm_kmalloc(dev, new_size, gfp);
	if (!new)
		return NULL;
	memcpy(new, ptr, old->node.size);
	devm_kfree(dev, ptr);
	return new;
}

void devm_kfree(struct device *dev, const void *p)
{
	int rc;

	if (unlikely(ZERO_OR_NULL_PTR(p)))
		return;
	rc = devres_destroy(dev, devm_kmalloc_release, devm_kmalloc_match, (void *)p);
	WARN_ON(rc);
}

#undef devm_kstrdup
char *devm_kstrdup(struct device *dev, const char *s, gfp_t gfp)
{
	size_t size;
	char *buf;

	if (!s)
		return NULL;
	size = strlen(s) + 1;
	buf = devm_kmalloc(dev, size, gfp);
	if (buf)
		memcpy(buf, s, size);
	return buf;
}

#undef devm_kstrdup_const
const char *devm_kstrdup_const(struct device *dev, const char *s, gfp_t gfp)
{
	return devm_kstrdup(dev, s, gfp);
}

#undef devm_kmemdup
void *devm_kmemdup(struct device *dev, const void *src, size_t len, gfp_t gfp)
{
	void *p = devm_kmalloc(dev, len, gfp);

	if (p)
		memcpy(p, src, len);
	return p;
}

#undef devm_kvasprintf
char *devm_kvasprintf(struct device *dev, gfp_t gfp, const char *fmt, va_list ap)
{
	unsigned int len;
	char *p;
	va_list aq;

	va_copy(aq, ap);
	len = vsnprintf(NULL, 0, fmt, aq);
	va_end(aq);
	p = devm_kmalloc(dev, len + 1, gfp);
	if (!p)
		return NULL;
	vsnprintf(p, len + 1, fmt, ap);
	return p;
}

#undef devm_kasprintf
char *devm_kasprintf(struct device *dev, gfp_t gfp, const char *fmt, ...)
{
	va_list ap;
	char *p;

	va_start(ap, fmt);
	p = devm_kvasprintf(dev, gfp, fmt, ap);
	va_end(ap);
	return p;
}

struct pages_devres {
	unsigned long addr;
	unsigned int order;
};

static void devm_pages_release(struct device *dev, void *res)
{
	struct pages_devres *devres = res;

	free_pages(devres->addr, devres->order);
}

static int devm_pages_match(struct device *dev, void *res, void *p)
{
	struct pages_devres *devres = res;
	struct pages_devres *target = p;

	return devres->addr == target->addr;
}

unsigned long devm_get_free_pages(struct device *dev, gfp_t gfp_mask, unsigned int order)
{
	struct pages_devres *devres;
	unsigned long addr;

	addr = __get_free_pages(gfp_mask, order);
	if (unlikely(!addr))
		return 0;
	devres = devres_alloc(devm_pages_release, sizeof(struct pages_devres), GFP_KERNEL);
	if (unlikely(!devres)) {
		free_pages(addr, order);
		return 0;
	}
	devres->addr = addr;
	devres->order = order;
	devres_add(dev, devres);
	return addr;
}

void devm_free_pages(struct device *dev, unsigned long addr)
{
	struct pages_devres devres = { .addr = addr };

	WARN_ON(devres_release(dev, devm_pages_release, devm_pages_match, &devres));
}

/* ---- actions ------------------------------------------------------------------------------ */

struct action_devres {
	void *data;
	void (*action)(void *);
};

static int devm_action_match(struct device *dev, void *res, void *p)
{
	struct action_devres *devres = res;
	struct action_devres *target = p;

	return devres->action == target->action && devres->data == target->data;
}

static void devm_action_release(struct device *dev, void *res)
{
	struct action_devres *devres = res;

	devres->action(devres->data);
}

int __devm_add_action(struct device *dev, void (*action)(void *), void *data,
		      const char *name)
{
	struct action_devres *devres;

	devres = __devres_alloc_node(devm_action_release, sizeof(struct action_devres),
				     GFP_KERNEL, NUMA_NO_NODE, name);
	if (!devres)
		return -ENOMEM;
	devres->data = data;
	devres->action = action;
	devres_add(dev, devres);
	return 0;
}

int devm_remove_action_nowarn(struct device *dev, void (*action)(void *), void *data)
{
	struct action_devres devres = {
		.data = data,
		.action = action,
	};

	return devres_destroy(dev, devm_action_release, devm_action_match, &devres);
}

void devm_release_action(struct device *dev, void (*action)(void *), void *data)
{
	struct action_devres devres = {
		.data = data,
		.action = action,
	};

	WARN_ON(devres_release(dev, devm_action_release, devm_action_match, &devres));
}
