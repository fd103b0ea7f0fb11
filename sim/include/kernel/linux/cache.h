/* SPDX-License-Identifier: LGPL-2.1-or-later */
/*
 * evlsim shim: faithful to linux v6.12 include/linux/cache.h for x86-64 (64-byte lines),
 * the alignment macros only.
 */
#ifndef _EVLSIM_LINUX_CACHE_H
#define _EVLSIM_LINUX_CACHE_H

#include <linux/align.h>

#define L1_CACHE_SHIFT		6
#define L1_CACHE_BYTES		(1 << L1_CACHE_SHIFT)
#define SMP_CACHE_BYTES		L1_CACHE_BYTES
#define L1_CACHE_ALIGN(x)	__ALIGN_KERNEL(x, L1_CACHE_BYTES)

#endif
