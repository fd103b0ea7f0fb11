/* SPDX-License-Identifier: MIT */
/*
 * tmmap: a driver for the mmap suite. /dev/tmmap's ->mmap picks the method by the
 * mapping's offset (vm_pgoff), in regions of TMMAP_PAGES pages:
 *
 *   TMMAP_PFN      remap_pfn_range() of an alloc_pages() block (order 2, not compound)
 *   TMMAP_VMALLOC  remap_vmalloc_range() of a vmalloc_user() buffer
 *   TMMAP_INSERT   vm_insert_page() of four alloc_page() pages, one by one
 *   TMMAP_FAIL     ->mmap returns -EXDEV
 *   TMMAP_KMALLOC  remap_pfn_range() of a kmalloc() buffer: not mappable (-EINVAL)
 *   TMMAP_PARTIAL  remap_pfn_range() of the first page only, whatever the length
 *   TMMAP_TAIL     vm_insert_page() of a tail page of the order-2 block (-EINVAL)
 *
 * A mapping may start anywhere in a region and must end within it (else -EINVAL). The
 * vma gets vm_ops with open, close and may_split. /dev/tmmap-nommap has no ->mmap.
 */
#ifndef _TMMAP_ABI_H
#define _TMMAP_ABI_H

#define TMMAP_PAGES	4
#define TMMAP_PFN	0
#define TMMAP_VMALLOC	16
#define TMMAP_INSERT	32
#define TMMAP_FAIL	64
#define TMMAP_KMALLOC	80
#define TMMAP_PARTIAL	96
#define TMMAP_TAIL	112

#ifndef __KERNEL__
struct tmmap_stats {
	long opens;		/* ->open */
	long releases;		/* ->release */
	long mmaps;		/* ->mmap calls */
	long vm_opens;		/* vm_ops->open */
	long vm_closes;		/* vm_ops->close */
	unsigned long last_flags;	/* vm_flags when the last ->mmap returned */
	unsigned long last_pgoff;	/* vm_pgoff when the last ->mmap was called */
};
void tmmap_get_stats(struct tmmap_stats *stats);
void tmmap_reset_stats(void);
/* the kernel address of byte @off of @region's buffer (TMMAP_PFN, _VMALLOC, _INSERT) */
unsigned char *tmmap_kaddr(int region, unsigned long off);
/* page_count() of page @i of @region's buffer */
int tmmap_page_count(int region, int i);
/* vfree() the TMMAP_VMALLOC buffer and vmalloc_user() a new one; 0 or -ENOMEM */
int tmmap_vmalloc_replace(void);
#endif

#endif
