/* SPDX-License-Identifier: LGPL-2.1-or-later */
/* evlsim shim: faithful to linux v6.12 arch/x86/include/asm/page_types.h (4 KiB pages). */
#ifndef _EVLSIM_ASM_PAGE_H
#define _EVLSIM_ASM_PAGE_H

#define PAGE_SHIFT	12
#define PAGE_SIZE	(1UL << PAGE_SHIFT)
#define PAGE_MASK	(~(PAGE_SIZE-1))
#define PAGE_ALIGN(addr)	(((addr) + PAGE_SIZE - 1) & PAGE_MASK)
#define offset_in_page(p)	((unsigned long)(p) & ~PAGE_MASK)

/* x86_64, 4-level paging: the top of the user address space */
#define TASK_SIZE_MAX	((1UL << 47) - PAGE_SIZE)
#define TASK_SIZE	TASK_SIZE_MAX

/* __pa/__va, page frames and struct page; get_order() (see docs/api/mmap.md) */
#include <asm/page_64.h>
#include <asm-generic/getorder.h>

#endif
