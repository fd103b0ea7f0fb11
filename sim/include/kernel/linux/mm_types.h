/* SPDX-License-Identifier: LGPL-2.1-or-later */
/*
 * evlsim shim: linux v6.12 include/linux/mm_types.h: struct page, struct
 * vm_area_struct, vm_flags_t, vm_fault_t and struct vm_fault.
 *
 * Custom: struct page has the members drivers touch (flags, private, _refcount) and the
 * simulator's bookkeeping; pointer arithmetic on it (page + i, nth_page()) works within an
 * allocation as in the kernel. struct vm_area_struct has the members a driver's ->mmap
 * uses; vm_flags is read-only to drivers, as in v6.12 (use vm_flags_set()/_clear()).
 */
#ifndef _EVLSIM_LINUX_MM_TYPES_H
#define _EVLSIM_LINUX_MM_TYPES_H

#include <linux/types.h>
#include <asm/page.h>
#include <asm/pgtable_types.h>

#ifndef pgoff_t
#define pgoff_t unsigned long
#endif
#ifndef __private
#define __private
#endif
#ifndef ACCESS_PRIVATE
#define ACCESS_PRIVATE(p, member) ((p)->member)
#endif

struct file;
struct mm_struct;
struct vm_operations_struct;
struct vm_struct;

struct page {
	unsigned long flags;		/* PG_* bits */
	unsigned long private;		/* the owner's */
	atomic_t _refcount;
	unsigned int __sim_order;	/* compound head: order of the allocation */
	struct page *__sim_head;	/* compound tail: its head, else NULL */
	struct vm_struct *__sim_area;	/* vmalloc_user() page: its area, else NULL */
	unsigned long __sim_pad;
};

typedef unsigned long vm_flags_t;

struct vm_area_struct {
	unsigned long vm_start;		/* first address */
	unsigned long vm_end;		/* first address after the area */
	struct mm_struct *vm_mm;
	pgprot_t vm_page_prot;
	union {
		const vm_flags_t vm_flags;
		vm_flags_t __private __vm_flags;
	};
	unsigned long vm_pgoff;		/* offset in the file, in pages */
	struct file *vm_file;		/* holds a reference */
	void *vm_private_data;
	const struct vm_operations_struct *vm_ops;
};

typedef unsigned int __bitwise vm_fault_t;

enum vm_fault_reason {
	VM_FAULT_OOM		= (__force vm_fault_t)0x000001,
	VM_FAULT_SIGBUS		= (__force vm_fault_t)0x000002,
	VM_FAULT_MAJOR		= (__force vm_fault_t)0x000004,
	VM_FAULT_HWPOISON	= (__force vm_fault_t)0x000010,
	VM_FAULT_HWPOISON_LARGE	= (__force vm_fault_t)0x000020,
	VM_FAULT_SIGSEGV	= (__force vm_fault_t)0x000040,
	VM_FAULT_NOPAGE		= (__force vm_fault_t)0x000100,
	VM_FAULT_LOCKED		= (__force vm_fault_t)0x000200,
	VM_FAULT_RETRY		= (__force vm_fault_t)0x000400,
	VM_FAULT_FALLBACK	= (__force vm_fault_t)0x000800,
	VM_FAULT_DONE_COW	= (__force vm_fault_t)0x001000,
	VM_FAULT_NEEDDSYNC	= (__force vm_fault_t)0x002000,
	VM_FAULT_COMPLETED	= (__force vm_fault_t)0x004000,
	VM_FAULT_HINDEX_MASK	= (__force vm_fault_t)0x0f0000,
};

/* Declared so that a driver with ->fault builds; the simulator never calls it. */
struct vm_fault {
	struct vm_area_struct *vma;
	gfp_t gfp_mask;
	pgoff_t pgoff;
	unsigned long address;
	unsigned long real_address;
	unsigned int flags;
	struct page *cow_page;
	struct page *page;
};

#endif
