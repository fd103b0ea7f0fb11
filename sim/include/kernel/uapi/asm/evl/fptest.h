/* SPDX-License-Identifier: LGPL-2.1-or-later */
/*
 * evlsim uapi: linux-evl arch/x86/include/uapi/asm/evl/fptest.h: the FPU feature bits
 * and the two macros hectic uses to load the FPU registers with a value and check them
 * later, shared by kernel and user code (hectic's driver and its program).
 *
 * Faithful on x86-64: evl_set_fpregs() pushes @val on the eight x87 stack registers and,
 * when the features say so, loads it in xmm0-xmm7 (SSE2) or ymm0-ymm7 (AVX);
 * evl_check_fpregs() pops and reads them back and returns @val when all hold it, else
 * the first wrong value found, with the register's index in @bad (0-7: x87, 8-15:
 * xmm/ymm), -1 when none is wrong. Elsewhere (portable fallback) the feature bits are
 * 0, evl_set_fpregs() keeps @val in a thread-local volatile floating-point variable,
 * and evl_check_fpregs() checks that one.
 */
#ifndef _EVLSIM_UAPI_ASM_EVL_FPTEST_H
#define _EVLSIM_UAPI_ASM_EVL_FPTEST_H

#include <linux/types.h>

#define evl_x86_xmm2	0x1
#define evl_x86_avx	0x2

#if defined(__x86_64__)

/* Code built with the vector registers (user code) is told they change; kernel code
 * (-mgeneral-regs-only, as kbuild's -mno-sse) never uses them and may not name them. */
#ifdef __SSE__
#define __EVL_FPT_CLOBBERS						\
	: "xmm0", "xmm1", "xmm2", "xmm3", "xmm4", "xmm5", "xmm6", "xmm7"
#else
#define __EVL_FPT_CLOBBERS
#endif

#define evl_set_fpregs(__features, __val)					\
	do {									\
		__u64 __fpt_vec[4] = { (__val), 0, (__val), 0 };		\
		__u32 __fpt_ival = (__val);					\
		int __fpt_i;							\
										\
		for (__fpt_i = 0; __fpt_i < 8; __fpt_i++)			\
			__asm__ __volatile__("fildl %0" : : "m" (__fpt_ival));	\
		if ((__features) & evl_x86_avx)					\
			__asm__ __volatile__(					\
				"vmovdqu %0, %%ymm0\n\t"			\
				"vmovdqu %0, %%ymm1\n\t"			\
				"vmovdqu %0, %%ymm2\n\t"			\
				"vmovdqu %0, %%ymm3\n\t"			\
				"vmovdqu %0, %%ymm4\n\t"			\
				"vmovdqu %0, %%ymm5\n\t"			\
				"vmovdqu %0, %%ymm6\n\t"			\
				"vmovdqu %0, %%ymm7"				\
				: : "m" (__fpt_vec) __EVL_FPT_CLOBBERS);	\
		else if ((__features) & evl_x86_xmm2)				\
			__asm__ __volatile__(					\
				"movdqu %0, %%xmm0\n\t"				\
				"movdqu %0, %%xmm1\n\t"				\
				"movdqu %0, %%xmm2\n\t"				\
				"movdqu %0, %%xmm3\n\t"				\
				"movdqu %0, %%xmm4\n\t"				\
				"movdqu %0, %%xmm5\n\t"				\
				"movdqu %0, %%xmm6\n\t"				\
				"movdqu %0, %%xmm7"				\
				: : "m" (__fpt_vec) __EVL_FPT_CLOBBERS);	\
	} while (0)

#define evl_check_fpregs(__features, __val, __bad)				\
	({									\
		__u64 __fpt_vec[8][4];						\
		__u32 __fpt_e[8];						\
		unsigned int __fpt_res = (__val);				\
		int __fpt_i;							\
										\
		for (__fpt_i = 0; __fpt_i < 8; __fpt_i++)			\
			__asm__ __volatile__("fistpl %0"			\
					     : "=m" (__fpt_e[7 - __fpt_i]));	\
		if ((__features) & evl_x86_avx)					\
			__asm__ __volatile__(					\
				"vmovdqu %%ymm0, %0\n\t"			\
				"vmovdqu %%ymm1, %1\n\t"			\
				"vmovdqu %%ymm2, %2\n\t"			\
				"vmovdqu %%ymm3, %3\n\t"			\
				"vmovdqu %%ymm4, %4\n\t"			\
				"vmovdqu %%ymm5, %5\n\t"			\
				"vmovdqu %%ymm6, %6\n\t"			\
				"vmovdqu %%ymm7, %7"				\
				: "=m" (__fpt_vec[0]), "=m" (__fpt_vec[1]),	\
				  "=m" (__fpt_vec[2]), "=m" (__fpt_vec[3]),	\
				  "=m" (__fpt_vec[4]), "=m" (__fpt_vec[5]),	\
				  "=m" (__fpt_vec[6]), "=m" (__fpt_vec[7]));	\
		else if ((__features) & evl_x86_xmm2)				\
			__asm__ __volatile__(					\
				"movdqu %%xmm0, %0\n\t"				\
				"movdqu %%xmm1, %1\n\t"				\
				"movdqu %%xmm2, %2\n\t"				\
				"movdqu %%xmm3, %3\n\t"				\
				"movdqu %%xmm4, %4\n\t"				\
				"movdqu %%xmm5, %5\n\t"				\
				"movdqu %%xmm6, %6\n\t"				\
				"movdqu %%xmm7, %7"				\
				: "=m" (__fpt_vec[0]), "=m" (__fpt_vec[1]),	\
				  "=m" (__fpt_vec[2]), "=m" (__fpt_vec[3]),	\
				  "=m" (__fpt_vec[4]), "=m" (__fpt_vec[5]),	\
				  "=m" (__fpt_vec[6]), "=m" (__fpt_vec[7]));	\
		(__bad) = -1;							\
		for (__fpt_i = 0; __fpt_i < 8; __fpt_i++)			\
			if (__fpt_e[__fpt_i] != (__u32)(__val)) {		\
				__fpt_res = __fpt_e[__fpt_i];			\
				(__bad) = __fpt_i;				\
				break;						\
			}							\
		for (__fpt_i = 0; (__bad) < 0 && __fpt_i < 8 &&		\
			     ((__features) & (evl_x86_xmm2 | evl_x86_avx));	\
		     __fpt_i++) {						\
			if (__fpt_vec[__fpt_i][0] != (__u64)(__val)) {		\
				__fpt_res = __fpt_vec[__fpt_i][0];		\
				(__bad) = __fpt_i + 8;				\
			} else if (((__features) & evl_x86_avx) &&		\
				   __fpt_vec[__fpt_i][2] != (__u64)(__val)) {	\
				__fpt_res = __fpt_vec[__fpt_i][2];		\
				(__bad) = __fpt_i + 8;				\
			}							\
		}								\
		__fpt_res;							\
	})

#else	/* portable fallback: no register-level access */

static __thread volatile double __evl_fpt_reg __attribute__((__unused__));

#define evl_set_fpregs(__features, __val)					\
	do {									\
		__evl_fpt_reg = (double)(__u32)(__val);				\
	} while (0)

#define evl_check_fpregs(__features, __val, __bad)				\
	({									\
		unsigned int __fpt_res = (unsigned int)__evl_fpt_reg;		\
		(__bad) = __fpt_res == (unsigned int)(__val) ? -1 : 0;		\
		__fpt_res;							\
	})

#endif

#endif /* _EVLSIM_UAPI_ASM_EVL_FPTEST_H */
