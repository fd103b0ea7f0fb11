// SPDX-License-Identifier: LGPL-2.1-or-later
/*
 * libevl's evl_detect_fpu() (lib/init.c): the FPU features the core tests, here the
 * host's (core/fpu.c), what evl_detect_fpu() returns in kernel code too. A program that
 * asks tests its registers: from then on, the simulated calls preserve them as a board's
 * system calls do (core/cpu.h).
 */
#include <asm/evl/fptest.h>
#include "internal.h"

EVLSIM_EXPORT unsigned int evl_detect_fpu(void)
{
	evlsim__fpu_user_detect(evlsim__self);
	return evlsim__fpu_features();
}
