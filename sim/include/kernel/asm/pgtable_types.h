/* SPDX-License-Identifier: LGPL-2.1-or-later */
/*
 * evlsim shim: linux v6.12 arch/x86/include/asm/pgtable_types.h: pgprot_t, the x86 PTE
 * bits and the protection values drivers pass around.
 *
 * Custom: a simulated mapping takes its access rights from the vma's VM_READ, VM_WRITE
 * and VM_EXEC, never from a pgprot_t: the values are carried, not interpreted.
 */
#ifndef _EVLSIM_ASM_PGTABLE_TYPES_H
#define _EVLSIM_ASM_PGTABLE_TYPES_H

#include <linux/types.h>

typedef struct pgprot { unsigned long pgprot; } pgprot_t;

#define pgprot_val(x)	((x).pgprot)
#define __pgprot(x)	((pgprot_t) { (x) })

#define _PAGE_PRESENT	0x001UL
#define _PAGE_RW	0x002UL
#define _PAGE_USER	0x004UL
#define _PAGE_PWT	0x008UL
#define _PAGE_PCD	0x010UL
#define _PAGE_ACCESSED	0x020UL
#define _PAGE_DIRTY	0x040UL
#define _PAGE_PSE	0x080UL
#define _PAGE_PAT	0x080UL
#define _PAGE_GLOBAL	0x100UL
#define _PAGE_NX	(1UL << 63)
#define _PAGE_CACHE_MASK	(_PAGE_PWT | _PAGE_PCD | _PAGE_PAT)

#define PAGE_NONE		__pgprot(_PAGE_ACCESSED | _PAGE_GLOBAL)
#define PAGE_SHARED		__pgprot(_PAGE_PRESENT | _PAGE_RW | _PAGE_USER | _PAGE_ACCESSED | _PAGE_NX)
#define PAGE_SHARED_EXEC	__pgprot(_PAGE_PRESENT | _PAGE_RW | _PAGE_USER | _PAGE_ACCESSED)
#define PAGE_COPY_NOEXEC	__pgprot(_PAGE_PRESENT | _PAGE_USER | _PAGE_ACCESSED | _PAGE_NX)
#define PAGE_COPY_EXEC		__pgprot(_PAGE_PRESENT | _PAGE_USER | _PAGE_ACCESSED)
#define PAGE_COPY		PAGE_COPY_NOEXEC
#define PAGE_READONLY		__pgprot(_PAGE_PRESENT | _PAGE_USER | _PAGE_ACCESSED | _PAGE_NX)
#define PAGE_READONLY_EXEC	__pgprot(_PAGE_PRESENT | _PAGE_USER | _PAGE_ACCESSED)
#define PAGE_KERNEL		__pgprot(_PAGE_PRESENT | _PAGE_RW | _PAGE_ACCESSED | _PAGE_DIRTY | \
					 _PAGE_GLOBAL | _PAGE_NX)
#define PAGE_KERNEL_RO		__pgprot(_PAGE_PRESENT | _PAGE_ACCESSED | _PAGE_GLOBAL | _PAGE_NX)
#define PAGE_KERNEL_EXEC	__pgprot(_PAGE_PRESENT | _PAGE_RW | _PAGE_ACCESSED | _PAGE_DIRTY | \
					 _PAGE_GLOBAL)
#define PAGE_KERNEL_NOCACHE	__pgprot(pgprot_val(PAGE_KERNEL) | _PAGE_PCD)

#endif
