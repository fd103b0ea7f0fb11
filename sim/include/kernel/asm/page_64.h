/* SPDX-License-Identifier: LGPL-2.1-or-later */
/*
 * evlsim shim: linux v6.12 arch/x86/include/asm/page.h and page_64.h, with
 * asm-generic/memory_model.h: the conversions between kernel addresses, "physical"
 * addresses, page frame numbers and struct page.
 *
 * Custom: only the simulator's page arena has page frames and struct pages (alloc_pages(),
 * __get_free_pages(), vmalloc_user(): see docs/api/mmap.md). For any other address (a
 * kmalloc() or static buffer), __pa() is the address itself and __va() its inverse, which
 * never gives an arena page frame; pfn_valid() is false for such frames, pfn_to_page()
 * and virt_to_page() return NULL (virt_to_page() with a NOTICE).
 */
#ifndef _EVLSIM_ASM_PAGE_64_H
#define _EVLSIM_ASM_PAGE_64_H

#include <linux/types.h>

struct page;

unsigned long __phys_addr(unsigned long x) __evlsim_ksym(__phys_addr);
void *__evlsim_va(phys_addr_t x) __evlsim_ksym(__evlsim_va);
struct page *__evlsim_virt_to_page(unsigned long kaddr) __evlsim_ksym(__evlsim_virt_to_page);
unsigned long __page_to_pfn(const struct page *page) __evlsim_ksym(__page_to_pfn);
struct page *__pfn_to_page(unsigned long pfn) __evlsim_ksym(__pfn_to_page);
int pfn_valid(unsigned long pfn) __evlsim_ksym(pfn_valid);

#define __pa(x)			__phys_addr((unsigned long)(x))
#define __pa_symbol(x)		__pa(x)
#define __va(x)			__evlsim_va((phys_addr_t)(x))
#define __boot_va(x)		__va(x)
#define __boot_pa(x)		__pa(x)

#define page_to_pfn		__page_to_pfn
#define pfn_to_page		__pfn_to_page
#define virt_to_page(kaddr)	__evlsim_virt_to_page((unsigned long)(kaddr))
#define virt_addr_valid(kaddr)	pfn_valid(__pa(kaddr) >> PAGE_SHIFT)
#define pfn_to_kaddr(pfn)	__va((phys_addr_t)(pfn) << PAGE_SHIFT)

#endif
