/* SPDX-License-Identifier: LGPL-2.1-or-later */
/*
 * evlsim: libevl's view of the FPU test helpers for programs (hectic): the feature bits,
 * evl_set_fpregs() and evl_check_fpregs() of the UAPI header, and evl_detect_fpu(), the
 * features the core tests (libevl declares it in <evl/sys.h>, included here so that a
 * program including only this header builds). See uapi/asm/evl/fptest.h for what the
 * macros load and check.
 */
#ifndef _EVLSIM_USER_ASM_EVL_FPTEST_H
#define _EVLSIM_USER_ASM_EVL_FPTEST_H

#include <uapi/asm/evl/fptest.h>
#include <evl/sys.h>

#endif /* _EVLSIM_USER_ASM_EVL_FPTEST_H */
