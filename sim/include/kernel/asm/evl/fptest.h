/* SPDX-License-Identifier: LGPL-2.1-or-later */
/*
 * evlsim shim: linux-evl arch/x86/include/asm/evl/fptest.h: evl_detect_fpu(),
 * evl_begin_fpu(), evl_end_fpu(), and through uapi/asm/evl/fptest.h evl_set_fpregs()
 * and evl_check_fpregs().
 *
 * Custom: the FPU is the calling host thread's own, which the host saves and restores
 * on every context switch as the kernel does for a task. evl_detect_fpu() reports the
 * host CPU's SSE2 and AVX (evl_x86_xmm2, evl_x86_avx; 0 elsewhere). evl_begin_fpu()
 * stands for kernel_fpu_begin(): it saves the caller's x87 control word and resets the
 * x87 unit (fninit) so that evl_check_fpregs() starts from an empty register stack;
 * evl_end_fpu() empties the stack and restores the control word. Between the two, the
 * registers hectic loads hold across a switch to another EVL thread: the simulator is
 * built with the general registers only, and saves them around the foreign code it
 * calls (docs/api/cpus-fpu-trace.md).
 */
#ifndef _EVLSIM_ASM_EVL_FPTEST_H
#define _EVLSIM_ASM_EVL_FPTEST_H

#include <linux/types.h>
#include <uapi/asm/evl/fptest.h>

__evlsim_export unsigned int evlsim__fpu_features(void);
__evlsim_export int evlsim__fpu_begin(void);
__evlsim_export void evlsim__fpu_end(void);

static inline bool evl_begin_fpu(void)
{
	return evlsim__fpu_begin() != 0;
}

static inline void evl_end_fpu(void)
{
	evlsim__fpu_end();
}

static inline u32 evl_detect_fpu(void)
{
	return evlsim__fpu_features();
}

#endif /* _EVLSIM_ASM_EVL_FPTEST_H */
