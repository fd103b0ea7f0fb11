/* SPDX-License-Identifier: LGPL-2.1-or-later */
/*
 * evlsim shim: linux v6.12 arch/x86/include/asm/io.h, the address conversions only:
 * virt_to_phys(), phys_to_virt(), page_to_phys(). Arena pages have "physical" addresses
 * of their own; any other address converts to itself (see <asm/page_64.h>). No MMIO.
 */
#ifndef _EVLSIM_ASM_IO_H
#define _EVLSIM_ASM_IO_H

#include <linux/types.h>
#include <asm/page.h>

static inline phys_addr_t virt_to_phys(volatile void *address)
{
	return __pa(address);
}

static inline void *phys_to_virt(phys_addr_t address)
{
	return __va(address);
}

#define page_to_phys(page)	((phys_addr_t)page_to_pfn(page) << PAGE_SHIFT)

#endif
