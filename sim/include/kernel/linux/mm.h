/* SPDX-License-Identifier: LGPL-2.1-or-later */
/*
 * evlsim shim: linux v6.12 include/linux/mm.h, the part a character driver's ->mmap
 * uses: VM_* flags, struct vm_operations_struct, vm_flags_*(), remap_pfn_range(),
 * io_remap_pfn_range(), vm_iomap_memory(), vm_insert_page(), page references and flags,
 * page_address().
 *
 * Custom (docs/api/mmap.md): a mapping is backed by the simulator's page arena; only
 * arena memory (alloc_pages(), __get_free_pages(), vmalloc_user()) can be mapped, kmalloc()
 * and vmalloc() memory cannot. ->fault and the other vm_operations hooks but open, close
 * and may_split are never called: what ->mmap does not populate stays inaccessible.
 */
#ifndef _EVLSIM_LINUX_MM_H
#define _EVLSIM_LINUX_MM_H

#include <linux/types.h>
#include <linux/align.h>
#include <linux/gfp.h>
#include <linux/atomic.h>
#include <linux/bitops.h>
#include <linux/bug.h>
#include <linux/pfn.h>
#include <linux/mm_types.h>
#include <asm/page.h>
#include <asm/pgtable.h>

#ifndef MAX_PAGE_ORDER
#define MAX_PAGE_ORDER		10
#endif
#define NR_PAGE_ORDERS		(MAX_PAGE_ORDER + 1)

#define PAGE_ALIGNED(addr)	IS_ALIGNED((unsigned long)(addr), PAGE_SIZE)
#define PAGE_ALIGN_DOWN(addr)	ALIGN_DOWN(addr, PAGE_SIZE)

/* vm_flags */
#define VM_NONE		0x00000000UL
#define VM_READ		0x00000001UL
#define VM_WRITE	0x00000002UL
#define VM_EXEC		0x00000004UL
#define VM_SHARED	0x00000008UL
#define VM_MAYREAD	0x00000010UL
#define VM_MAYWRITE	0x00000020UL
#define VM_MAYEXEC	0x00000040UL
#define VM_MAYSHARE	0x00000080UL
#define VM_GROWSDOWN	0x00000100UL
#define VM_UFFD_MISSING	0x00000200UL
#define VM_PFNMAP	0x00000400UL
#define VM_UFFD_WP	0x00001000UL
#define VM_LOCKED	0x00002000UL
#define VM_IO		0x00004000UL
#define VM_SEQ_READ	0x00008000UL
#define VM_RAND_READ	0x00010000UL
#define VM_DONTCOPY	0x00020000UL
#define VM_DONTEXPAND	0x00040000UL
#define VM_LOCKONFAULT	0x00080000UL
#define VM_ACCOUNT	0x00100000UL
#define VM_NORESERVE	0x00200000UL
#define VM_HUGETLB	0x00400000UL
#define VM_SYNC		0x00800000UL
#define VM_ARCH_1	0x01000000UL
#define VM_WIPEONFORK	0x02000000UL
#define VM_DONTDUMP	0x04000000UL
#define VM_SOFTDIRTY	0x08000000UL
#define VM_MIXEDMAP	0x10000000UL
#define VM_HUGEPAGE	0x20000000UL
#define VM_NOHUGEPAGE	0x40000000UL
#define VM_MERGEABLE	0x80000000UL
#define VM_GROWSUP	VM_NONE
#define VM_PAT		VM_ARCH_1
#define VM_STACK	VM_GROWSDOWN
#define VM_ACCESS_FLAGS	(VM_READ | VM_WRITE | VM_EXEC)
#define VM_SPECIAL	(VM_IO | VM_DONTEXPAND | VM_PFNMAP | VM_MIXEDMAP)

struct vm_operations_struct {
	void (*open)(struct vm_area_struct *area);
	/* Called with the mmap lock held: unmapping, not closing the file. */
	void (*close)(struct vm_area_struct *area);
	/* Called when splitting the area; a non-zero result refuses the split. */
	int (*may_split)(struct vm_area_struct *area, unsigned long addr);
	int (*mremap)(struct vm_area_struct *area);
	int (*mprotect)(struct vm_area_struct *vma, unsigned long start, unsigned long end,
			unsigned long newflags);
	vm_fault_t (*fault)(struct vm_fault *vmf);
	vm_fault_t (*huge_fault)(struct vm_fault *vmf, unsigned int order);
	vm_fault_t (*map_pages)(struct vm_fault *vmf, pgoff_t start_pgoff, pgoff_t end_pgoff);
	unsigned long (*pagesize)(struct vm_area_struct *area);
	vm_fault_t (*page_mkwrite)(struct vm_fault *vmf);
	vm_fault_t (*pfn_mkwrite)(struct vm_fault *vmf);
	int (*access)(struct vm_area_struct *vma, unsigned long addr, void *buf, int len,
		      int write);
	const char *(*name)(struct vm_area_struct *vma);
	struct page *(*find_special_page)(struct vm_area_struct *vma, unsigned long addr);
};

/* v6.12: vm_flags is written through these only. */
static inline void vm_flags_init(struct vm_area_struct *vma, vm_flags_t flags)
{
	ACCESS_PRIVATE(vma, __vm_flags) = flags;
}

static inline void vm_flags_reset(struct vm_area_struct *vma, vm_flags_t flags)
{
	vm_flags_init(vma, flags);
}

static inline void vm_flags_set(struct vm_area_struct *vma, vm_flags_t flags)
{
	ACCESS_PRIVATE(vma, __vm_flags) |= flags;
}

static inline void vm_flags_clear(struct vm_area_struct *vma, vm_flags_t flags)
{
	ACCESS_PRIVATE(vma, __vm_flags) &= ~flags;
}

static inline void vm_flags_mod(struct vm_area_struct *vma, vm_flags_t set, vm_flags_t clear)
{
	ACCESS_PRIVATE(vma, __vm_flags) = (vma->vm_flags | set) & ~clear;
}

static inline unsigned long vma_pages(const struct vm_area_struct *vma)
{
	return (vma->vm_end - vma->vm_start) >> PAGE_SHIFT;
}

static inline bool is_cow_mapping(vm_flags_t flags)
{
	return (flags & (VM_SHARED | VM_MAYWRITE)) == VM_MAYWRITE;
}

/* x86's protection_map[], for the protections drivers may inspect */
static inline pgprot_t vm_get_page_prot(vm_flags_t vm_flags)
{
	unsigned long prot = _PAGE_ACCESSED;

	if (vm_flags & VM_ACCESS_FLAGS)
		prot |= _PAGE_PRESENT | _PAGE_USER;
	if ((vm_flags & (VM_WRITE | VM_SHARED)) == (VM_WRITE | VM_SHARED))
		prot |= _PAGE_RW;
	if (!(vm_flags & VM_EXEC))
		prot |= _PAGE_NX;
	return __pgprot(prot);
}

int remap_pfn_range(struct vm_area_struct *vma, unsigned long addr, unsigned long pfn,
		    unsigned long size, pgprot_t prot) __evlsim_ksym(remap_pfn_range);
int vm_insert_page(struct vm_area_struct *vma, unsigned long addr, struct page *page)
	__evlsim_ksym(vm_insert_page);
int vm_iomap_memory(struct vm_area_struct *vma, phys_addr_t start, unsigned long len)
	__evlsim_ksym(vm_iomap_memory);

static inline int io_remap_pfn_range(struct vm_area_struct *vma, unsigned long addr,
				     unsigned long pfn, unsigned long size, pgprot_t prot)
{
	return remap_pfn_range(vma, addr, pfn, size, prot);
}

/* ---- struct page ------------------------------------------------------------------- */

enum pageflags {
	PG_locked,
	PG_writeback,
	PG_referenced,
	PG_uptodate,
	PG_dirty,
	PG_lru,
	PG_head,
	PG_waiters,
	PG_active,
	PG_workingset,
	PG_owner_priv_1,
	PG_owner_2,
	PG_arch_1,
	PG_reserved,
	PG_private,
	PG_private_2,
	__NR_PAGEFLAGS,
};

static inline bool PageHead(const struct page *page)
{
	return test_bit(PG_head, &page->flags);
}

static inline bool PageTail(const struct page *page)
{
	return READ_ONCE(page->__sim_head) != NULL;
}

static inline bool PageCompound(const struct page *page)
{
	return PageHead(page) || PageTail(page);
}

static inline struct page *compound_head(const struct page *page)
{
	struct page *head = READ_ONCE(page->__sim_head);

	return head ? head : (struct page *)page;
}

static inline unsigned int compound_order(const struct page *page)
{
	return PageHead(page) ? page->__sim_order : 0;
}

#define PAGE_FLAG_OPS(name, bit)					\
static inline bool Page##name(const struct page *page)			\
{									\
	return test_bit(bit, &compound_head(page)->flags);		\
}									\
static inline void SetPage##name(struct page *page)			\
{									\
	set_bit(bit, &compound_head(page)->flags);			\
}									\
static inline void ClearPage##name(struct page *page)			\
{									\
	clear_bit(bit, &compound_head(page)->flags);			\
}									\
static inline void __SetPage##name(struct page *page)			\
{									\
	__set_bit(bit, &compound_head(page)->flags);			\
}									\
static inline void __ClearPage##name(struct page *page)			\
{									\
	__clear_bit(bit, &compound_head(page)->flags);			\
}

PAGE_FLAG_OPS(Reserved, PG_reserved)
PAGE_FLAG_OPS(Dirty, PG_dirty)
PAGE_FLAG_OPS(Private, PG_private)
PAGE_FLAG_OPS(Uptodate, PG_uptodate)
PAGE_FLAG_OPS(Referenced, PG_referenced)

static inline int page_ref_count(const struct page *page)
{
	return atomic_read(&page->_refcount);
}

static inline int page_count(const struct page *page)
{
	return page_ref_count(compound_head(page));
}

static inline unsigned long page_private(const struct page *page)
{
	return page->private;
}

static inline void set_page_private(struct page *page, unsigned long private)
{
	page->private = private;
}

#define nth_page(page, n)	((page) + (n))
#define page_to_virt(page)	page_address(page)
#define virt_to_head_page(kaddr) compound_head(virt_to_page(kaddr))

void *page_address(const struct page *page) __evlsim_ksym(page_address);
#define lowmem_page_address(page) page_address(page)
/* A reference on the page (on the head of a compound page); the last put frees it. */
void get_page(struct page *page) __evlsim_ksym(get_page);
void put_page(struct page *page) __evlsim_ksym(put_page);
/* Makes each page of a non-compound order-@order block a page of its own (count 1). */
void split_page(struct page *page, unsigned int order) __evlsim_ksym(split_page);

#endif
