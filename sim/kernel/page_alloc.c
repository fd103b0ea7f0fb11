// SPDX-License-Identifier: LGPL-2.1-or-later
/*
 * The page allocator (kernel world): alloc_pages() and friends, struct page references,
 * the address conversions, and the mappable vmalloc areas (vmalloc_user()), all on the
 * page arena of pages.c, so that every page they give can be mapped into user space.
 *
 * Reference counts follow the kernel: a block from alloc_pages() has one reference, on
 * its first page; with __GFP_COMP it is a compound page whose tail pages share the
 * head's count, without it the other pages have none (vm_insert_page() refuses them
 * until split_page()). The last put_page() frees a page (a compound page whole);
 * __free_pages() of a block whose first page is still referenced frees the rest of it.
 * A vmalloc_user() area is made of pages with a reference each, and a guard page.
 */
#include <linux/mm.h>
#include <linux/gfp.h>
#include <linux/vmalloc.h>
#include <linux/string.h>
#include <linux/bug.h>
#include <asm/io.h>
#include "kinternal.h"

static_assert(sizeof(struct page) == EVLSIM_STRUCT_PAGE_SIZE);

static inline struct page *mem_map(void)
{
	return __atomic_load_n((struct page **)&evlsim__mem_map, __ATOMIC_ACQUIRE);
}

/* index in the arena of an arena address, or -1 */
static long arena_index(unsigned long kaddr)
{
	unsigned long pfn = evlsim__pages_pfn((const void *)kaddr);

	return pfn ? (long)(pfn - EVLSIM_PFN_BASE) : -1;
}

unsigned long __phys_addr(unsigned long x)
{
	long i = arena_index(x);

	if (i < 0)
		return x;	/* not arena memory: identity, never an arena frame */
	return ((EVLSIM_PFN_BASE + i) << PAGE_SHIFT) | offset_in_page(x);
}

void *__evlsim_va(phys_addr_t x)
{
	char *k = evlsim__pages_kaddr(x >> PAGE_SHIFT);

	return k ? k + offset_in_page(x) : (void *)(unsigned long)x;
}

int pfn_valid(unsigned long pfn)
{
	return evlsim__pages_offset(pfn) >= 0;
}

struct page *__pfn_to_page(unsigned long pfn)
{
	return pfn_valid(pfn) ? mem_map() + (pfn - EVLSIM_PFN_BASE) : NULL;
}

/* struct page of an arena page, NULL for anything else (a driver bug: reported) */
static struct page *valid_page(const struct page *page, const char *what)
{
	struct page *map = mem_map();

	if (map && page >= map &&
	    (unsigned long)(page - map) < __atomic_load_n(&evlsim__arena_pages, __ATOMIC_ACQUIRE))
		return (struct page *)page;
	evlsim__report(EVLSIM_REPORT_DRIVER, "bad-page",
		       "%s(): %p is not a struct page of the page allocator", what, page);
	return NULL;
}

unsigned long __page_to_pfn(const struct page *page)
{
	if (!valid_page(page, "page_to_pfn"))
		return 0;
	return EVLSIM_PFN_BASE + (page - mem_map());
}

void *page_address(const struct page *page)
{
	if (!valid_page(page, "page_address"))
		return NULL;
	return evlsim__arena_base + (page - mem_map()) * PAGE_SIZE;
}

struct page *__evlsim_virt_to_page(unsigned long kaddr)
{
	long i = arena_index(kaddr);

	if (i >= 0)
		return mem_map() + i;
	evlsim__report(EVLSIM_REPORT_NOTICE, "mmap-unmappable-memory",
		       "virt_to_page(%#lx): not page allocator memory (kmalloc(), vmalloc() or static memory has no struct page in the simulator); NULL",
		       kaddr);
	return NULL;
}

/* ---- blocks --------------------------------------------------------------------------- */

static void init_pages(struct page *page, unsigned long nr)
{
	memset(page, 0, nr * sizeof(*page));
}

/* Gives back 2^order pages; none may be referenced any longer. */
static void free_the_page(struct page *page, unsigned int order)
{
	unsigned long nr = 1UL << order;

	evlsim__acct_pages_free(page_address(page), nr << PAGE_SHIFT);
	init_pages(page, nr);
	evlsim__pages_free(page_address(page), nr);
}

static struct page *__evlsim_alloc_pages(gfp_t gfp, unsigned int order)
{
	unsigned long nr, i;
	struct page *page;
	void *kaddr;

	if (order > MAX_PAGE_ORDER) {
		WARN(!(gfp & __GFP_NOWARN), "alloc_pages: order %u above MAX_PAGE_ORDER", order);
		return NULL;
	}
	nr = 1UL << order;
	kaddr = evlsim__pages_alloc(nr, nr, !!(gfp & __GFP_ZERO));
	if (!kaddr)
		return NULL;
	page = virt_to_page(kaddr);
	init_pages(page, nr);
	atomic_set(&page->_refcount, 1);
	if ((gfp & __GFP_COMP) && order) {
		page->__sim_order = order;
		__set_bit(PG_head, &page->flags);
		for (i = 1; i < nr; i++)
			page[i].__sim_head = page;
	}
	return page;
}

/* put_page_testzero(), complaining about a page nobody holds */
static bool put_testzero(struct page *page, const char *what)
{
	int old = atomic_fetch_sub(1, &page->_refcount);

	if (old > 0)
		return old == 1;
	atomic_inc(&page->_refcount);
	evlsim__report(EVLSIM_REPORT_DRIVER, "page-refcount",
		       "%s(): page %#lx is not referenced (already freed, or the tail of a block)",
		       what, __page_to_pfn(page));
	return false;
}

static void __evlsim_free_pages(struct page *page, unsigned int order)
{
	bool head;

	if (!valid_page(page, "__free_pages"))
		return;
	head = PageHead(page);
	if (put_testzero(page, "__free_pages"))
		free_the_page(page, order);
	else if (!head)
		while (order-- > 0)
			free_the_page(page + (1UL << order), order);
}

struct page *alloc_pages(gfp_t gfp, unsigned int order)
{
	struct page *page;

	evlsim__check_service(EVLSIM_SVC_alloc_pages);
	if (!(gfp & __GFP_NOFAIL) &&
	    evlsim__should_fail(EVLSIM_FAULT_PAGE_ALLOC, PAGE_SIZE << order))
		return NULL;
	page = __evlsim_alloc_pages(gfp, order);
	if (page)	/* charged to the caller's module */
		evlsim__acct_alloc(EVLSIM_ACCT_PAGES, page_address(page), PAGE_SIZE << order);
	return page;
}

void __free_pages(struct page *page, unsigned int order)
{
	evlsim__check_service(EVLSIM_SVC___free_pages);
	__evlsim_free_pages(page, order);
}

unsigned long __get_free_pages(gfp_t gfp_mask, unsigned int order)
{
	evlsim__check_service(EVLSIM_SVC___get_free_pages);
	struct page *page;

	if (!(gfp_mask & __GFP_NOFAIL) &&
	    evlsim__should_fail(EVLSIM_FAULT_PAGE_ALLOC, PAGE_SIZE << order))
		return 0;
	page = __evlsim_alloc_pages(gfp_mask, order);
	if (!page)
		return 0;
	evlsim__acct_alloc(EVLSIM_ACCT_PAGES, page_address(page), PAGE_SIZE << order);
	return (unsigned long)page_address(page);
}

unsigned long get_zeroed_page(gfp_t gfp_mask)
{
	return __get_free_pages(gfp_mask | __GFP_ZERO, 0);
}

void free_pages(unsigned long addr, unsigned int order)
{
	evlsim__check_service(EVLSIM_SVC_free_pages);
	if (addr != 0) {
		struct page *page = virt_to_page(addr);

		if (page)
			__evlsim_free_pages(page, order);
	}
}

void split_page(struct page *page, unsigned int order)
{
	unsigned long i;

	if (!valid_page(page, "split_page"))
		return;
	WARN_ON(PageCompound(page));
	WARN_ON(!page_count(page));
	for (i = 1; i < (1UL << order); i++)
		atomic_set(&page[i]._refcount, 1);
}

void *alloc_pages_exact(size_t size, gfp_t gfp_mask)
{
	unsigned int order = get_order(size);
	unsigned long used = PAGE_ALIGN(size) >> PAGE_SHIFT, nr = 1UL << order, i;
	struct page *page;

	if (WARN_ON_ONCE(gfp_mask & (__GFP_COMP | __GFP_HIGHMEM)))
		gfp_mask &= ~(__GFP_COMP | __GFP_HIGHMEM);
	page = __evlsim_alloc_pages(gfp_mask, order);
	if (!page)
		return NULL;
	split_page(page, order);
	for (i = used; i < nr; i++)
		put_page(page + i);
	evlsim__acct_alloc(EVLSIM_ACCT_PAGES, page_address(page), used << PAGE_SHIFT);
	return page_address(page);
}

void free_pages_exact(void *virt, size_t size)
{
	struct page *page = virt_to_page(virt);
	unsigned long i;

	if (!page)
		return;
	for (i = 0; i < (PAGE_ALIGN(size) >> PAGE_SHIFT); i++)
		put_page(page + i);
}

void get_page(struct page *page)
{
	struct page *head;

	if (!valid_page(page, "get_page"))
		return;
	head = compound_head(page);
	if (atomic_fetch_add(1, &head->_refcount) <= 0)
		evlsim__report(EVLSIM_REPORT_DRIVER, "page-refcount",
			       "get_page(): page %#lx is not referenced", __page_to_pfn(page));
}

void put_page(struct page *page)
{
	struct page *head;

	if (!valid_page(page, "put_page"))
		return;
	head = compound_head(page);
	if (put_testzero(head, "put_page"))
		free_the_page(head, compound_order(head));
}

/* ---- mappable vmalloc areas ---------------------------------------------------------- */

static void *vmalloc_usermap(unsigned long size)
{
	unsigned long nr, i;
	struct vm_struct *area;
	struct page *page;
	char *kaddr;

	if (!size || size > (1UL << 40))
		return NULL;
	nr = PAGE_ALIGN(size) >> PAGE_SHIFT;
	kaddr = evlsim__pages_alloc(nr + 1, 1, 1);	/* + a guard page */
	if (!kaddr)
		return NULL;
	area = evlsim__zalloc(sizeof(*area));
	area->addr = kaddr;
	area->size = nr << PAGE_SHIFT;
	area->nr_pages = nr;
	area->flags = EVLSIM_VM_USERMAP;
	page = virt_to_page(kaddr);
	init_pages(page, nr + 1);
	for (i = 0; i <= nr; i++) {
		atomic_set(&page[i]._refcount, 1);
		page[i].__sim_area = area;
	}
	/* KASAN-like: the tail of the last page and the guard page are out of bounds */
	evlsim__pages_poison(kaddr + size, ((nr + 1) << PAGE_SHIFT) - size, 1);
	evlsim__acct_alloc(EVLSIM_ACCT_VMALLOC, kaddr, nr << PAGE_SHIFT);
	return kaddr;
}

void *vmalloc_user(unsigned long size)
{
	evlsim__check_service(EVLSIM_SVC_vmalloc_user);
	if (evlsim__should_fail(EVLSIM_FAULT_PAGE_ALLOC, size))
		return NULL;
	return vmalloc_usermap(size);
}

void *vmalloc_32_user(unsigned long size)
{
	if (evlsim__should_fail(EVLSIM_FAULT_PAGE_ALLOC, size))
		return NULL;
	return vmalloc_usermap(size);
}

struct vm_struct *evlsim__find_vm_area(const void *addr)
{
	long i = arena_index((unsigned long)addr);

	return i < 0 ? NULL : READ_ONCE(mem_map()[i].__sim_area);
}

int evlsim__arena_is_vmalloc(const void *addr)
{
	if (arena_index((unsigned long)addr) < 0)
		return -1;
	return evlsim__find_vm_area(addr) != NULL;
}

bool evlsim__vfree_arena(const void *addr)
{
	struct vm_struct *area;
	struct page *page;
	unsigned long i;

	if (arena_index((unsigned long)addr) < 0)
		return false;
	area = evlsim__find_vm_area(addr);
	if (!area || area->addr != addr) {
		WARN(1, "Trying to vfree() nonexistent vm area (%p)", addr);
		return true;
	}
	page = virt_to_page(addr);
	evlsim__pages_poison(area->addr, (area->nr_pages + 1UL) << PAGE_SHIFT, 0);
	for (i = 0; i <= area->nr_pages; i++) {
		WRITE_ONCE(page[i].__sim_area, NULL);
		put_page(page + i);	/* a page still mapped stays until munmap */
	}
	evlsim__free(area);
	return true;
}

struct page *vmalloc_to_page(const void *addr)
{
	long i = arena_index((unsigned long)addr);

	if (i >= 0 && READ_ONCE(mem_map()[i].__sim_area))
		return mem_map() + i;
	if (i < 0 && is_vmalloc_addr(addr))
		evlsim__report(EVLSIM_REPORT_NOTICE, "mmap-unmappable-memory",
			       "vmalloc_to_page(%p): only vmalloc_user() memory has pages in the simulator; NULL",
			       addr);
	return NULL;
}

unsigned long vmalloc_to_pfn(const void *addr)
{
	struct page *page = vmalloc_to_page(addr);

	return page ? page_to_pfn(page) : 0;
}
