/* SPDX-License-Identifier: LGPL-2.1-or-later */
/*
 * evlsim shim: faithful to linux v6.12 include/linux/slab.h semantics: kmalloc(0) returns
 * ZERO_SIZE_PTR, kfree(NULL) and kfree(ZERO_SIZE_PTR) do nothing, __GFP_ZERO zeroes, a
 * request above KMALLOC_MAX_SIZE fails (NULL, with a warning unless __GFP_NOWARN), the
 * *_array helpers fail on multiplication overflow. Custom implementation on the C
 * library's allocator, so AddressSanitizer sees every driver allocation.
 */
#ifndef _EVLSIM_LINUX_SLAB_H
#define _EVLSIM_LINUX_SLAB_H

#include <linux/types.h>
#include <linux/gfp.h>
#include <linux/overflow.h>
#include <linux/evlsim-owner.h>

#define ZERO_SIZE_PTR ((void *)16)
#define ZERO_OR_NULL_PTR(x) ((unsigned long)(x) <= (unsigned long)ZERO_SIZE_PTR)

#define KMALLOC_SHIFT_MAX	22	/* 4 MiB, as SLUB with 4 KiB pages and MAX_PAGE_ORDER 10 */
#define KMALLOC_MAX_SIZE	(1UL << KMALLOC_SHIFT_MAX)
#define ARCH_KMALLOC_MINALIGN	8

#define SLAB_HWCACHE_ALIGN	0x00002000U
#define SLAB_PANIC		0x00040000U
#define SLAB_ACCOUNT		0x04000000U
#define SLAB_RECLAIM_ACCOUNT	0x00020000U
#define SLAB_TYPESAFE_BY_RCU	0x00080000U

void *kmalloc(size_t size, gfp_t flags) __evlsim_ksym(kmalloc) __malloc;
void *kmalloc_node(size_t size, gfp_t flags, int node) __evlsim_ksym(kmalloc_node) __malloc;
void *krealloc(const void *objp, size_t new_size, gfp_t flags) __evlsim_ksym(krealloc);
void kfree(const void *objp) __evlsim_ksym(kfree);
void kfree_sensitive(const void *objp) __evlsim_ksym(kfree_sensitive);
size_t ksize(const void *objp) __evlsim_ksym(ksize);
void *kvmalloc_node(size_t size, gfp_t flags, int node) __evlsim_ksym(kvmalloc_node) __malloc;
void kvfree(const void *addr) __evlsim_ksym(kvfree);
void *kvrealloc(const void *p, size_t size, gfp_t flags) __evlsim_ksym(kvrealloc);

/* resource accounting: charged to the calling module (linux/evlsim-owner.h) */
#define kmalloc(size, flags)		__evlsim_owned(kmalloc(size, flags))
#define kmalloc_node(size, flags, node)	__evlsim_owned(kmalloc_node(size, flags, node))
#define krealloc(p, size, flags)	__evlsim_owned(krealloc(p, size, flags))
#define kvmalloc_node(size, flags, node) __evlsim_owned(kvmalloc_node(size, flags, node))
#define kvrealloc(p, size, flags)	__evlsim_owned(kvrealloc(p, size, flags))

static inline void *kzalloc(size_t size, gfp_t flags)
{
	return kmalloc(size, flags | __GFP_ZERO);
}

static inline void *kmalloc_array(size_t n, size_t size, gfp_t flags)
{
	size_t bytes;

	if (unlikely(check_mul_overflow(n, size, &bytes)))
		return NULL;
	return kmalloc(bytes, flags);
}

static inline void *kcalloc(size_t n, size_t size, gfp_t flags)
{
	return kmalloc_array(n, size, flags | __GFP_ZERO);
}

static inline void *krealloc_array(void *p, size_t new_n, size_t new_size, gfp_t flags)
{
	size_t bytes;

	if (unlikely(check_mul_overflow(new_n, new_size, &bytes)))
		return NULL;
	return krealloc(p, bytes, flags);
}

static inline void *kzalloc_node(size_t size, gfp_t flags, int node)
{
	return kmalloc_node(size, flags | __GFP_ZERO, node);
}

static inline void *kvmalloc(size_t size, gfp_t flags)
{
	return kvmalloc_node(size, flags, -1);
}

static inline void *kvzalloc(size_t size, gfp_t flags)
{
	return kvmalloc(size, flags | __GFP_ZERO);
}

static inline void *kvmalloc_array(size_t n, size_t size, gfp_t flags)
{
	size_t bytes;

	if (unlikely(check_mul_overflow(n, size, &bytes)))
		return NULL;
	return kvmalloc(bytes, flags);
}

static inline void *kvcalloc(size_t n, size_t size, gfp_t flags)
{
	return kvmalloc_array(n, size, flags | __GFP_ZERO);
}

/* kmem caches */
struct kmem_cache;
struct kmem_cache *kmem_cache_create(const char *name, unsigned int size, unsigned int align,
				     unsigned int flags, void (*ctor)(void *))
	__evlsim_ksym(kmem_cache_create);
void kmem_cache_destroy(struct kmem_cache *s) __evlsim_ksym(kmem_cache_destroy);
void *kmem_cache_alloc(struct kmem_cache *s, gfp_t flags) __evlsim_ksym(kmem_cache_alloc);
void kmem_cache_free(struct kmem_cache *s, void *objp) __evlsim_ksym(kmem_cache_free);
#define kmem_cache_create(name, size, align, flags, ctor)		\
	__evlsim_owned(kmem_cache_create(name, size, align, flags, ctor))
#define kmem_cache_alloc(s, flags)	__evlsim_owned(kmem_cache_alloc(s, flags))

static inline void *kmem_cache_zalloc(struct kmem_cache *k, gfp_t flags)
{
	return kmem_cache_alloc(k, flags | __GFP_ZERO);
}

#define KMEM_CACHE(__struct, __flags)					\
	kmem_cache_create(#__struct, sizeof(struct __struct),		\
			  __alignof__(struct __struct), (__flags), NULL)

#endif
