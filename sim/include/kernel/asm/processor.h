/* SPDX-License-Identifier: LGPL-2.1-or-later */
/* evlsim shim: faithful to linux v6.12 arch/x86/include/asm/vdso/processor.h (cpu_relax). */
#ifndef _EVLSIM_ASM_PROCESSOR_H
#define _EVLSIM_ASM_PROCESSOR_H

#if defined(__x86_64__) || defined(__i386__)
static inline void cpu_relax(void)
{
	__asm__ __volatile__("rep; nop" ::: "memory");
}
#else
static inline void cpu_relax(void)
{
	__asm__ __volatile__("" ::: "memory");
}
#endif

#endif
