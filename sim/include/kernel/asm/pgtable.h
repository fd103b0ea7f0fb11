/* SPDX-License-Identifier: LGPL-2.1-or-later */
/*
 * evlsim shim: linux v6.12 arch/x86/include/asm/pgtable.h, the caching attribute
 * helpers. Custom: they return @prot unchanged, as the simulator's memory has one
 * caching mode (the process's).
 */
#ifndef _EVLSIM_ASM_PGTABLE_H
#define _EVLSIM_ASM_PGTABLE_H

#include <asm/pgtable_types.h>

#define pgprot_noncached(prot)		(prot)
#define pgprot_writecombine(prot)	(prot)
#define pgprot_writethrough(prot)	(prot)
#define pgprot_device(prot)		(prot)
#define pgprot_dmacoherent(prot)	(prot)

#endif
