// SPDX-License-Identifier: LGPL-2.1-or-later
/*
 * What a driver's ->mmap calls to populate a mapping (kernel world), after mm/memory.c
 * (remap_pfn_range(), vm_insert_page(), vm_iomap_memory()) and mm/vmalloc.c
 * (remap_vmalloc_range()): page arena pages mapped over the range mmap(2) reserved
 * (vfs/mmap.c).
 */
#include <linux/mm.h>
#include <linux/vmalloc.h>
#include <linux/fs.h>
#include <linux/overflow.h>
#include <asm/io.h>
#include "kinternal.h"
#include "vfs/vma.h"

/**
 * remap_pfn_range - map page frames into a user vma
 * @vma: the vma being set up by ->mmap
 * @addr: first user address, page-aligned
 * @pfn: first page frame; it must be page allocator memory in the simulator
 * @size: bytes, rounded up to pages
 * @prot: carried, not interpreted: the vma's VM_READ/VM_WRITE/VM_EXEC give the access
 *
 * Return: 0, or -EINVAL (unaligned @addr, a copy-on-write vma not mapped whole, a range
 * outside the vma, page frames that are not page allocator memory), or -ENOMEM.
 */
int remap_pfn_range(struct vm_area_struct *vma, unsigned long addr, unsigned long pfn,
		    unsigned long size, pgprot_t prot)
{
	evlsim__check_service(EVLSIM_SVC_remap_pfn_range);
	struct sim_vma *s = to_sim(vma);
	unsigned long end = addr + PAGE_ALIGN(size), nr, first, i;
	int ret;

	if (WARN_ON_ONCE(!PAGE_ALIGNED(addr)))
		return -EINVAL;
	if (is_cow_mapping(vma->vm_flags)) {
		if (addr != vma->vm_start || end != vma->vm_end)
			return -EINVAL;
		vma->vm_pgoff = pfn;
	}
	vm_flags_set(vma, VM_IO | VM_PFNMAP | VM_DONTEXPAND | VM_DONTDUMP);
	BUG_ON(addr >= end);
	if (WARN(addr < vma->vm_start || end > vma->vm_end,
		 "remap_pfn_range: [%#lx, %#lx) is outside the vma [%#lx, %#lx)",
		 addr, end, vma->vm_start, vma->vm_end))
		return -EINVAL;
	nr = (end - addr) >> PAGE_SHIFT;
	if (!pfn_valid(pfn) || pfn + nr < pfn || !pfn_valid(pfn + nr - 1)) {
		evlsim__report(EVLSIM_REPORT_DRIVER, "mmap-unmappable-memory",
			       "%s: remap_pfn_range() of page frames %#lx..%#lx, which are not page allocator memory: kmalloc(), vmalloc() and static memory cannot be mapped in the simulator (use alloc_pages(), __get_free_pages() or vmalloc_user())",
			       vma_driver(vma), pfn, pfn + nr - 1);
		return -EINVAL;
	}
	first = (addr - vma->vm_start) >> PAGE_SHIFT;
	for (i = 0; i < nr; i++)
		BUG_ON(s->slots[first + i]);	/* remap_pte_range(): !pte_none() */
	ret = map_frames(s, addr, pfn, nr);
	if (ret)
		return ret;
	for (i = 0; i < nr; i++)
		s->slots[first + i] = SLOT_PFN;
	return 0;
}

/**
 * vm_insert_page - insert one page allocator page into a user vma
 *
 * Takes a reference on @page, dropped when the page is unmapped.
 * Return: 0, -EFAULT (@addr outside the vma), -EINVAL (a page without reference: free,
 * or a tail page of a block that is neither compound nor split), -EBUSY (already mapped).
 */
int vm_insert_page(struct vm_area_struct *vma, unsigned long addr, struct page *page)
{
	struct sim_vma *s = to_sim(vma);
	unsigned long i;
	int ret;

	if (addr < vma->vm_start || addr >= vma->vm_end)
		return -EFAULT;
	if (!(vma->vm_flags & VM_MIXEDMAP)) {
		BUG_ON(vma->vm_flags & VM_PFNMAP);
		vm_flags_set(vma, VM_MIXEDMAP);
	}
	if (!page || !pfn_valid(page_to_pfn(page)))
		return -EINVAL;		/* reported by page_to_pfn() */
	if (!page_count(page))
		return -EINVAL;
	i = (addr - vma->vm_start) >> PAGE_SHIFT;
	if (s->slots[i])
		return -EBUSY;
	ret = map_frames(s, addr & PAGE_MASK, page_to_pfn(page), 1);
	if (ret)
		return ret;
	get_page(page);
	s->slots[i] = page;
	return 0;
}

/**
 * vm_iomap_memory - remap "physical" memory into a user vma, honouring vm_pgoff
 * Return: as remap_pfn_range(), or -EINVAL when the vma does not fit the range.
 */
int vm_iomap_memory(struct vm_area_struct *vma, phys_addr_t start, unsigned long len)
{
	unsigned long vm_len, pfn, pages;

	if (start + len < start)
		return -EINVAL;
	len += start & ~PAGE_MASK;
	pfn = start >> PAGE_SHIFT;
	pages = (len + ~PAGE_MASK) >> PAGE_SHIFT;
	if (pfn + pages < pfn)
		return -EINVAL;
	if (vma->vm_pgoff > pages)
		return -EINVAL;
	pfn += vma->vm_pgoff;
	pages -= vma->vm_pgoff;
	vm_len = vma->vm_end - vma->vm_start;
	if (vm_len >> PAGE_SHIFT > pages)
		return -EINVAL;
	return io_remap_pfn_range(vma, vma->vm_start, pfn, vm_len, vma->vm_page_prot);
}

/**
 * remap_vmalloc_range_partial - map part of a vmalloc_user() area into a user vma
 * Return: 0, -EINVAL (not a vmalloc_user() area, unaligned addresses, range past the
 * area), or vm_insert_page()'s error.
 */
int remap_vmalloc_range_partial(struct vm_area_struct *vma, unsigned long uaddr, void *kaddr,
				unsigned long pgoff, unsigned long size)
{
	struct vm_struct *area;
	unsigned long off, end_index;
	char *k = kaddr;

	if (pgoff > (ULONG_MAX >> PAGE_SHIFT))	/* check_shl_overflow() */
		return -EINVAL;
	off = pgoff << PAGE_SHIFT;
	size = PAGE_ALIGN(size);
	if (!PAGE_ALIGNED(uaddr) || !PAGE_ALIGNED(kaddr))
		return -EINVAL;
	area = evlsim__find_vm_area(kaddr);
	if (!area)
		return -EINVAL;
	if (!(area->flags & EVLSIM_VM_USERMAP))
		return -EINVAL;
	if (check_add_overflow(size, off, &end_index) || end_index > area->size)
		return -EINVAL;
	k += off;
	do {
		int ret = vm_insert_page(vma, uaddr, vmalloc_to_page(k));

		if (ret)
			return ret;
		uaddr += PAGE_SIZE;
		k += PAGE_SIZE;
		size -= PAGE_SIZE;
	} while (size > 0);
	vm_flags_set(vma, VM_DONTEXPAND | VM_DONTDUMP);
	return 0;
}

/**
 * remap_vmalloc_range - map a vmalloc_user() area into a whole user vma
 * @pgoff: first page of the area to map
 */
int remap_vmalloc_range(struct vm_area_struct *vma, void *addr, unsigned long pgoff)
{
	return remap_vmalloc_range_partial(vma, vma->vm_start, addr, pgoff,
					   vma->vm_end - vma->vm_start);
}
