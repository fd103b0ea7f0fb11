// SPDX-License-Identifier: LGPL-2.1-or-later
/*
 * Memory for drivers (kernel world): kmalloc and friends, kmem caches, vmalloc, with the
 * kernel's edge cases (ZERO_SIZE_PTR, KMALLOC_MAX_SIZE, overflow-checked arrays), on the C
 * library's allocator so that AddressSanitizer checks every driver access.
 */
#include <linux/slab.h>
#include <linux/vmalloc.h>
#include <linux/string.h>
#include <linux/bug.h>
#include <asm/page.h>
#include "kinternal.h"

/* The C library's allocator, declared here: kernel-world code sees no libc header. */
extern void *malloc(size_t size);
extern void *calloc(size_t n, size_t size);
extern void *realloc(void *p, size_t size);
extern void free(void *p);
extern int posix_memalign(void **memptr, size_t alignment, size_t size);
extern size_t malloc_usable_size(void *p);

/*
 * The C library's allocator, and the poisoning and quarantine of freed blocks, use the
 * vector registers, which the kernel's allocator never touches: in an FPU section
 * (evl_begin_fpu()) they run under the FPU guard (core/cpu.h).
 */
static void *alloc_body(size_t size, gfp_t flags)
{
	void *p = (flags & __GFP_ZERO) ? calloc(1, size) : malloc(size);

	evlsim__acct_alloc(EVLSIM_ACCT_KMALLOC, p, size);	/* the caller's module's */
	return p;
}

static void *alloc(size_t size, gfp_t flags, const char *what)
{
	void *p;

	evlsim__sched_point(EVLSIM_SP_ALLOC);
	if (!size)
		return ZERO_SIZE_PTR;
	if (unlikely(size > KMALLOC_MAX_SIZE)) {
		WARN(!(flags & __GFP_NOWARN), "%s: allocation of %zu bytes exceeds KMALLOC_MAX_SIZE",
		     what, size);
		return NULL;
	}
	EVLSIM_FPU_GUARDED(p = alloc_body(size, flags));
	return p;
}

void *kmalloc(size_t size, gfp_t flags)
{
	evlsim__check_service(EVLSIM_SVC_kmalloc);
	if (size && !(flags & __GFP_NOFAIL) && evlsim__should_fail(EVLSIM_FAULT_SLAB, size))
		return NULL;
	return alloc(size, flags, "kmalloc");
}

void *kmalloc_node(size_t size, gfp_t flags, int node)
{
	evlsim__check_service(EVLSIM_SVC_kmalloc_node);
	if (size && !(flags & __GFP_NOFAIL) && evlsim__should_fail(EVLSIM_FAULT_SLAB, size))
		return NULL;
	return alloc(size, flags, "kmalloc_node");
}

/* kmalloc() and kfree() for the simulator's own use, unchecked */
void *__evlsim_kmalloc(size_t size, gfp_t flags)
{
	return alloc(size, flags, "kmalloc");
}

static void free_body(const void *objp)
{
	evlsim__acct_free(objp);
	free((void *)objp);
}

void __evlsim_kfree(const void *objp)
{
	if (ZERO_OR_NULL_PTR(objp))
		return;
	EVLSIM_FPU_GUARDED(free_body(objp));
}

/* the release of a block leaving the quarantine (check/memcheck.c) */
static void libc_free(void *p)
{
	free(p);
}

/* A driver's free: into the quarantine, or at once (not driver memory, quarantine off). */
static void driver_free_body(const void *objp, const char *cache, const void *site)
{
	if (ZERO_OR_NULL_PTR(objp) || evlsim__mem_free(objp, cache, libc_free, site))
		return;
	free_body(objp);
}

static void driver_free(const void *objp, const char *cache, const void *site)
{
	evlsim__sched_point(EVLSIM_SP_FREE);
	EVLSIM_FPU_GUARDED(driver_free_body(objp, cache, site));
}

void kfree(const void *objp)
{
	evlsim__check_service(EVLSIM_SVC_kfree);
	driver_free(objp, "kmalloc", __builtin_return_address(0));
}

void kfree_sensitive(const void *objp)
{
	if (ZERO_OR_NULL_PTR(objp))
		return;
	if (!evlsim__mem_block(objp, &(void *){ NULL }, &(unsigned long){ 0 }))
		memzero_explicit((void *)objp, malloc_usable_size((void *)objp));
	driver_free(objp, "kmalloc", __builtin_return_address(0));
}

size_t ksize(const void *objp)
{
	if (ZERO_OR_NULL_PTR(objp))
		return 0;
	return malloc_usable_size((void *)objp);
}

void *krealloc(const void *p, size_t new_size, gfp_t flags)
{
	unsigned long old_key;
	size_t old_size;
	void *n;

	evlsim__check_service(EVLSIM_SVC_krealloc);
	if (!new_size) {
		__evlsim_kfree(p);
		return ZERO_SIZE_PTR;
	}
	if (!(flags & __GFP_NOFAIL) && evlsim__should_fail(EVLSIM_FAULT_SLAB, new_size))
		return NULL;
	if (ZERO_OR_NULL_PTR(p))
		return alloc(new_size, flags, "krealloc");
	if (new_size > KMALLOC_MAX_SIZE)
		return NULL;
	old_size = malloc_usable_size((void *)p);
	old_key = (unsigned long)p;	/* the accounting key, not a use of the old block */
	__asm__("" : "+r" (old_key));
	n = realloc((void *)p, new_size);
	if (n && (flags & __GFP_ZERO) && new_size > old_size)
		memset((char *)n + old_size, 0, new_size - old_size);
	if (n)
		evlsim__acct_realloc((const void *)old_key, n, new_size);
	return n;
}

void *kvmalloc_node(size_t size, gfp_t flags, int node)
{
	void *p;

	evlsim__check_service(EVLSIM_SVC_kvmalloc);
	if (!size)
		return ZERO_SIZE_PTR;
	if (!(flags & __GFP_NOFAIL) && evlsim__should_fail(EVLSIM_FAULT_SLAB, size))
		return NULL;
	if (size > INT_MAX) {
		WARN(!(flags & __GFP_NOWARN), "kvmalloc: %zu bytes is too large", size);
		return NULL;
	}
	p = (flags & __GFP_ZERO) ? calloc(1, size) : malloc(size);
	evlsim__acct_alloc(EVLSIM_ACCT_KMALLOC, p, size);
	return p;
}

void kvfree(const void *addr)
{
	evlsim__check_service(EVLSIM_SVC_kvfree);
	driver_free(addr, "kmalloc", __builtin_return_address(0));
}

void *kvrealloc(const void *p, size_t size, gfp_t flags)
{
	return krealloc(p, size, flags);
}

/* ---- kmem caches ---------------------------------------------------------------------- */

struct kmem_cache {
	const char *name;
	unsigned int size;
	unsigned int align;
	void (*ctor)(void *);
	atomic_t objects;
};

struct kmem_cache *kmem_cache_create(const char *name, unsigned int size, unsigned int align,
				     unsigned int flags, void (*ctor)(void *))
{
	struct kmem_cache *s = calloc(1, sizeof(*s));

	if (!s) {
		BUG_ON(flags & SLAB_PANIC);
		return NULL;
	}
	s->name = name;
	s->size = size;
	s->align = align < sizeof(void *) ? sizeof(void *) : align;
	if (flags & SLAB_HWCACHE_ALIGN && s->align < 64)
		s->align = 64;
	s->ctor = ctor;
	evlsim__acct_alloc(EVLSIM_ACCT_CACHE, s, sizeof(*s));
	return s;
}

void kmem_cache_destroy(struct kmem_cache *s)
{
	if (!s)
		return;
	WARN(atomic_read(&s->objects), "kmem_cache_destroy %s: Slab cache still has objects",
	     s->name);
	evlsim__acct_free(s);
	free(s);
}

/* an aligned block of @size, zeroed or not (alloc_body(): the FPU guard) */
static void *aligned_body(unsigned long align, unsigned long size, bool zero)
{
	void *p;

	if (posix_memalign(&p, align, size))
		return NULL;
	if (zero)
		memset(p, 0, size);
	return p;
}

void *kmem_cache_alloc(struct kmem_cache *s, gfp_t flags)
{
	void *p;

	evlsim__check_service(EVLSIM_SVC_kmem_cache_alloc);
	evlsim__sched_point(EVLSIM_SP_ALLOC);
	if (!(flags & __GFP_NOFAIL) && evlsim__should_fail(EVLSIM_FAULT_SLAB, s->size))
		return NULL;

	EVLSIM_FPU_GUARDED(p = aligned_body(s->align, s->size ? s->size : 1,
					    flags & __GFP_ZERO));
	if (!p)
		return NULL;
	if (!(flags & __GFP_ZERO) && s->ctor)
		s->ctor(p);
	atomic_inc(&s->objects);
	evlsim__acct_alloc(EVLSIM_ACCT_CACHE_OBJ, p, s->size);
	return p;
}

void kmem_cache_free(struct kmem_cache *s, void *objp)
{
	evlsim__check_service(EVLSIM_SVC_kmem_cache_free);
	if (!objp)
		return;
	if (!evlsim__mem_block(objp, &(void *){ NULL }, &(unsigned long){ 0 }))
		atomic_dec(&s->objects);	/* not a second free */
	driver_free(objp, s->name, __builtin_return_address(0));
}

/* ---- vmalloc -------------------------------------------------------------------------- */

static void *valloc_pages(unsigned long size, bool zero)
{
	void *p;

	evlsim__sched_point(EVLSIM_SP_ALLOC);
	if (!size || size > (1UL << 40))
		return NULL;
	size = PAGE_ALIGN(size);
	EVLSIM_FPU_GUARDED(p = aligned_body(PAGE_SIZE, size, zero));
	if (!p)
		return NULL;
	evlsim__acct_alloc(EVLSIM_ACCT_VMALLOC, p, size);
	return p;
}

void *vmalloc(unsigned long size)
{
	evlsim__check_service(EVLSIM_SVC_vmalloc);
	if (evlsim__should_fail(EVLSIM_FAULT_PAGE_ALLOC, size))
		return NULL;
	return valloc_pages(size, false);
}

void *vzalloc(unsigned long size)
{
	evlsim__check_service(EVLSIM_SVC_vzalloc);
	if (evlsim__should_fail(EVLSIM_FAULT_PAGE_ALLOC, size))
		return NULL;
	return valloc_pages(size, true);
}

#define VFAIL(size)	evlsim__should_fail(EVLSIM_FAULT_PAGE_ALLOC, size)
void *vmalloc_node(unsigned long size, int node)
{
	return VFAIL(size) ? NULL : valloc_pages(size, false);
}

void *vzalloc_node(unsigned long size, int node)
{
	return VFAIL(size) ? NULL : valloc_pages(size, true);
}

void *vmalloc_32(unsigned long size)
{
	return VFAIL(size) ? NULL : valloc_pages(size, false);
}

void *__vmalloc(unsigned long size, gfp_t gfp_mask)
{
	if (!(gfp_mask & __GFP_NOFAIL) && VFAIL(size))
		return NULL;
	return valloc_pages(size, !!(gfp_mask & __GFP_ZERO));
}

/* vmalloc_user() and vmalloc_32_user() are mappable: page arena areas (page_alloc.c) */
void vfree(const void *addr)
{
	evlsim__check_service(EVLSIM_SVC_vfree);
	if (addr && evlsim__arena_is_vmalloc(addr) < 0) {
		driver_free(addr, "vmalloc", __builtin_return_address(0));
		return;
	}
	evlsim__sched_point(EVLSIM_SP_FREE);
	evlsim__acct_free(addr);
	if (evlsim__vfree_arena(addr))
		return;
	EVLSIM_FPU_GUARDED(free((void *)addr));
}

bool is_vmalloc_addr(const void *x)
{
	int arena = evlsim__arena_is_vmalloc(x);

	if (arena >= 0)
		return arena;
	return x && !((unsigned long)x & ~PAGE_MASK);
}
