/* SPDX-License-Identifier: LGPL-2.1-or-later */
/*
 * evlsim shim: faithful to linux v6.12 devres (include/linux/device.h, moved to
 * include/linux/device/devres.h later) and drivers/base/devres.c semantics: resources a
 * driver acquires through devm_*() are released in reverse order of acquisition when its
 * probe fails and after its remove() returns. Custom: no devres groups, no NUMA nodes.
 * The managed allocations are charged to the calling module (resource accounting).
 */
#ifndef _EVLSIM_LINUX_DEVICE_DEVRES_H
#define _EVLSIM_LINUX_DEVICE_DEVRES_H

#include <linux/types.h>
#include <linux/gfp.h>
#include <linux/compiler.h>
#include <linux/bug.h>
#include <linux/stdarg.h>
#include <linux/evlsim-owner.h>

struct device;

#ifndef NUMA_NO_NODE
#define NUMA_NO_NODE	(-1)
#endif

typedef void (*dr_release_t)(struct device *dev, void *res);
typedef int (*dr_match_t)(struct device *dev, void *res, void *match_data);

void *__devres_alloc_node(dr_release_t release, size_t size, gfp_t gfp, int nid,
			  const char *name) __evlsim_ksym(__devres_alloc_node) __malloc;
#define devres_alloc(release, size, gfp) \
	__evlsim_owned(__devres_alloc_node(release, size, gfp, NUMA_NO_NODE, #release))
#define devres_alloc_node(release, size, gfp, nid) \
	__evlsim_owned(__devres_alloc_node(release, size, gfp, nid, #release))

void devres_free(void *res) __evlsim_ksym(devres_free);
void devres_add(struct device *dev, void *res) __evlsim_ksym(devres_add);
void *devres_find(struct device *dev, dr_release_t release, dr_match_t match,
		  void *match_data) __evlsim_ksym(devres_find);
void *devres_get(struct device *dev, void *new_res, dr_match_t match, void *match_data)
	__evlsim_ksym(devres_get);
void *devres_remove(struct device *dev, dr_release_t release, dr_match_t match,
		    void *match_data) __evlsim_ksym(devres_remove);
int devres_destroy(struct device *dev, dr_release_t release, dr_match_t match,
		   void *match_data) __evlsim_ksym(devres_destroy);
int devres_release(struct device *dev, dr_release_t release, dr_match_t match,
		   void *match_data) __evlsim_ksym(devres_release);

/* managed devm_k.alloc/kfree for device drivers */
void *devm_kmalloc(struct device *dev, size_t size, gfp_t gfp) __evlsim_ksym(devm_kmalloc)
	__malloc;
void *devm_krealloc(struct device *dev, void *ptr, size_t size, gfp_t gfp)
	__evlsim_ksym(devm_krealloc);
void devm_kfree(struct device *dev, const void *p) __evlsim_ksym(devm_kfree);
char *devm_kstrdup(struct device *dev, const char *s, gfp_t gfp) __evlsim_ksym(devm_kstrdup)
	__malloc;
const char *devm_kstrdup_const(struct device *dev, const char *s, gfp_t gfp)
	__evlsim_ksym(devm_kstrdup_const);
void *devm_kmemdup(struct device *dev, const void *src, size_t len, gfp_t gfp)
	__evlsim_ksym(devm_kmemdup);
__printf(3, 0) char *devm_kvasprintf(struct device *dev, gfp_t gfp, const char *fmt,
				     va_list ap) __evlsim_ksym(devm_kvasprintf) __malloc;
__printf(3, 4) char *devm_kasprintf(struct device *dev, gfp_t gfp, const char *fmt, ...)
	__evlsim_ksym(devm_kasprintf) __malloc;

#define devm_kmalloc(dev, size, gfp)	__evlsim_owned(devm_kmalloc(dev, size, gfp))
#define devm_krealloc(dev, p, size, gfp) __evlsim_owned(devm_krealloc(dev, p, size, gfp))
#define devm_kstrdup(dev, s, gfp)	__evlsim_owned(devm_kstrdup(dev, s, gfp))
#define devm_kstrdup_const(dev, s, gfp)	__evlsim_owned(devm_kstrdup_const(dev, s, gfp))
#define devm_kmemdup(dev, src, len, gfp) __evlsim_owned(devm_kmemdup(dev, src, len, gfp))
#define devm_kvasprintf(dev, gfp, fmt, ap) __evlsim_owned(devm_kvasprintf(dev, gfp, fmt, ap))
#define devm_kasprintf(dev, gfp, fmt, ...) \
	__evlsim_owned(devm_kasprintf(dev, gfp, fmt, ##__VA_ARGS__))

static inline void *devm_kzalloc(struct device *dev, size_t size, gfp_t gfp)
{
	return devm_kmalloc(dev, size, gfp | __GFP_ZERO);
}
static inline void *devm_kmalloc_array(struct device *dev, size_t n, size_t size, gfp_t flags)
{
	size_t bytes;

	if (unlikely(__builtin_mul_overflow(n, size, &bytes)))
		return NULL;

	return devm_kmalloc(dev, bytes, flags);
}
static inline void *devm_kcalloc(struct device *dev, size_t n, size_t size, gfp_t flags)
{
	return devm_kmalloc_array(dev, n, size, flags | __GFP_ZERO);
}

/* allocate and free pages, managed */
unsigned long devm_get_free_pages(struct device *dev, gfp_t gfp_mask, unsigned int order)
	__evlsim_ksym(devm_get_free_pages);
void devm_free_pages(struct device *dev, unsigned long addr) __evlsim_ksym(devm_free_pages);

/* actions: run at release time, in the order of the devres list */
int devm_remove_action_nowarn(struct device *dev, void (*action)(void *), void *data)
	__evlsim_ksym(devm_remove_action_nowarn);

/**
 * devm_remove_action() - removes previously added custom action
 * @dev: Device that owns the action
 * @action: Function implementing the action
 * @data: Pointer to data passed to @action implementation
 *
 * Removes instance of @action previously added by devm_add_action(). Both action and data
 * should match one of the existing entries.
 */
static inline void devm_remove_action(struct device *dev, void (*action)(void *), void *data)
{
	WARN_ON(devm_remove_action_nowarn(dev, action, data));
}

void devm_release_action(struct device *dev, void (*action)(void *), void *data)
	__evlsim_ksym(devm_release_action);

int __devm_add_action(struct device *dev, void (*action)(void *), void *data,
		      const char *name) __evlsim_ksym(__devm_add_action);
#define devm_add_action(dev, action, data) \
	__evlsim_owned(__devm_add_action(dev, action, data, #action))

static inline int __devm_add_action_or_reset(struct device *dev, void (*action)(void *),
					     void *data, const char *name)
{
	int ret;

	ret = __devm_add_action(dev, action, data, name);
	if (ret)
		action(data);

	return ret;
}
#define devm_add_action_or_reset(dev, action, data) \
	__evlsim_owned(__devm_add_action_or_reset(dev, action, data, #action))

#endif
