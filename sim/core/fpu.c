// SPDX-License-Identifier: LGPL-2.1-or-later
/*
 * The FPU of EVL threads (user world): the host features hectic tests and the sections
 * evl_begin_fpu()/evl_end_fpu() open and close (kernel_fpu_begin()/_end() in the kernel).
 * On x86-64 a section saves the caller's x87 control word and resets the x87 unit, so that
 * the register stack is empty for evl_set_fpregs(); its end empties the stack again and
 * restores the control word. Elsewhere there is nothing to do and no feature to test.
 */
#include "core/cpu.h"

#define EVL_X86_XMM2	0x1	/* uapi/asm/evl/fptest.h */
#define EVL_X86_AVX	0x2

static __thread unsigned short saved_cw;

unsigned int evlsim__fpu_features(void)
{
	unsigned int features = 0;

#if defined(__x86_64__)
	__builtin_cpu_init();
	if (__builtin_cpu_supports("sse2"))
		features |= EVL_X86_XMM2;
	if (__builtin_cpu_supports("avx"))
		features |= EVL_X86_AVX;
#endif
	return features;
}

int evlsim__fpu_begin(void)
{
#if defined(__x86_64__)
	__asm__ __volatile__("fnstcw %0\n\tfninit" : "=m" (saved_cw));
	return 1;
#else
	return 0;
#endif
}

void evlsim__fpu_end(void)
{
#if defined(__x86_64__)
	__asm__ __volatile__("fninit\n\tfldcw %0" : : "m" (saved_cw));
#endif
}
