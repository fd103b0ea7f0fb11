/* SPDX-License-Identifier: LGPL-2.1-or-later */
/*
 * evlsim: libevl r47 <evl/sys.h>: the system calls under the element calls.
 *
 * Element creation and opening (evl_create_element(), evl_open_element()) are not
 * served as such: each element has its own call (evl_attach_thread(), evl_new_poll()).
 */
#ifndef _EVLSIM_USER_EVL_SYS_H
#define _EVLSIM_USER_EVL_SYS_H

#include <stdarg.h>
#include <uapi/evl/factory-abi.h>
#include <uapi/evl/thread-abi.h>

#ifdef __cplusplus
extern "C" {
#endif

/* The FPU features the core tests (sim/user/libevl-fpu.c; see <asm/evl/fptest.h>). */
unsigned int evl_detect_fpu(void);

#ifdef __cplusplus
}
#endif

#endif
