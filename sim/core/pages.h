/* SPDX-License-Identifier: LGPL-2.1-or-later */
/*
 * The page arena (core/pages.c).
 *
 * Shared by both worlds: plain C and compiler builtins only (see core/base.h).
 */
#ifndef _EVLSIM_SIM_CORE_PAGES_H
#define _EVLSIM_SIM_CORE_PAGES_H

#include "core/base.h"

/* ---------------------------------------------------------------------------------------
 * Memory mappings (mmap.c, kernel world) and the page arena behind them (pages.c, user
 * world). Mappable kernel pages live in one memfd; the kernel world sees all of it at
 * evlsim__arena_base, a user mapping is another view of a range of it. Page frame
 * numbers are EVLSIM_PFN_BASE + the page's index in the file; struct page is the
 * EVLSIM_STRUCT_PAGE_SIZE-byte element of the same index in evlsim__mem_map.
 */
#define EVLSIM_PFN_BASE		(1UL << 36)	/* above any user address >> PAGE_SHIFT */
#define EVLSIM_ARENA_MAX_PAGES	(1UL << 21)	/* 8 GiB of address space */
#define EVLSIM_STRUCT_PAGE_SIZE	48
#define EVLSIM_PROT_READ	0x1		/* the mmap(2) PROT_* values */
#define EVLSIM_PROT_WRITE	0x2
#define EVLSIM_PROT_EXEC	0x4

extern char *evlsim__arena_base;		/* NULL until the first page allocation */
extern unsigned long evlsim__arena_pages;	/* pages backed so far (grows, atomic) */
extern void *evlsim__mem_map;

void *evlsim__pages_alloc(unsigned long nr, unsigned long align, int zero);
void evlsim__pages_free(void *kaddr, unsigned long nr);
void evlsim__pages_poison(void *kaddr, unsigned long len, int on);
unsigned long evlsim__pages_pfn(const void *kaddr);	/* 0: not an arena address */
void *evlsim__pages_kaddr(unsigned long pfn);		/* NULL: not an arena pfn */
long long evlsim__pages_offset(unsigned long pfn);	/* -1: not an arena pfn */
int evlsim__pages_map(unsigned long uaddr, unsigned long pfn, unsigned long nr, int prot,
		      int shared);
long evlsim__vm_reserve(unsigned long addr, unsigned long len, int flags);
int evlsim__vm_release(unsigned long addr, unsigned long len);

#endif /* _EVLSIM_SIM_CORE_PAGES_H */
