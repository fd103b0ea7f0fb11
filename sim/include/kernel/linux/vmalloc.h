/* SPDX-License-Identifier: LGPL-2.1-or-later */
/*
 * evlsim shim: faithful to linux v6.12 include/linux/vmalloc.h semantics: page-aligned,
 * page-granular allocations; vmalloc_user() and vzalloc() zero the memory; vfree(NULL)
 * does nothing. Custom implementation on the C library's allocator.
 */
#ifndef _EVLSIM_LINUX_VMALLOC_H
#define _EVLSIM_LINUX_VMALLOC_H

#include <linux/types.h>
#include <linux/gfp.h>
#include <linux/overflow.h>
#include <linux/evlsim-owner.h>

void *vmalloc(unsigned long size) __evlsim_ksym(vmalloc) __malloc;
void *vzalloc(unsigned long size) __evlsim_ksym(vzalloc) __malloc;
void *vmalloc_user(unsigned long size) __evlsim_ksym(vmalloc_user) __malloc;
void *vmalloc_node(unsigned long size, int node) __evlsim_ksym(vmalloc_node) __malloc;
void *vzalloc_node(unsigned long size, int node) __evlsim_ksym(vzalloc_node) __malloc;
void *vmalloc_32(unsigned long size) __evlsim_ksym(vmalloc_32) __malloc;
void *vmalloc_32_user(unsigned long size) __evlsim_ksym(vmalloc_32_user) __malloc;
void *__vmalloc(unsigned long size, gfp_t gfp_mask) __evlsim_ksym(__vmalloc) __malloc;
void vfree(const void *addr) __evlsim_ksym(vfree);
bool is_vmalloc_addr(const void *x) __evlsim_ksym(is_vmalloc_addr);

/* resource accounting: charged to the calling module (linux/evlsim-owner.h) */
#define vmalloc(size)			__evlsim_owned(vmalloc(size))
#define vzalloc(size)			__evlsim_owned(vzalloc(size))
#define vmalloc_user(size)		__evlsim_owned(vmalloc_user(size))
#define vmalloc_node(size, node)	__evlsim_owned(vmalloc_node(size, node))
#define vzalloc_node(size, node)	__evlsim_owned(vzalloc_node(size, node))
#define vmalloc_32(size)		__evlsim_owned(vmalloc_32(size))
#define vmalloc_32_user(size)		__evlsim_owned(vmalloc_32_user(size))
#define __vmalloc(size, gfp_mask)	__evlsim_owned(__vmalloc(size, gfp_mask))

/* Mappable vmalloc memory: vmalloc_user() and vmalloc_32_user() only (docs/api/mmap.md). */
struct page;
struct vm_area_struct;
struct page *vmalloc_to_page(const void *addr) __evlsim_ksym(vmalloc_to_page);
unsigned long vmalloc_to_pfn(const void *addr) __evlsim_ksym(vmalloc_to_pfn);
int remap_vmalloc_range(struct vm_area_struct *vma, void *addr, unsigned long pgoff)
	__evlsim_ksym(remap_vmalloc_range);
int remap_vmalloc_range_partial(struct vm_area_struct *vma, unsigned long uaddr, void *kaddr,
				unsigned long pgoff, unsigned long size)
	__evlsim_ksym(remap_vmalloc_range_partial);

static inline void *vmalloc_array(size_t n, size_t size)
{
	size_t bytes;

	if (unlikely(check_mul_overflow(n, size, &bytes)))
		return NULL;
	return vmalloc(bytes);
}

static inline void *vcalloc(size_t n, size_t size)
{
	size_t bytes;

	if (unlikely(check_mul_overflow(n, size, &bytes)))
		return NULL;
	return vzalloc(bytes);
}

#endif
