/* SPDX-License-Identifier: LGPL-2.1-or-later */
/* evlsim shim: linux v6.12 include/linux/swab.h, on the compiler's byte-swap builtins. */
#ifndef _EVLSIM_LINUX_SWAB_H
#define _EVLSIM_LINUX_SWAB_H

#include <linux/types.h>

#define swab16(x)	((__u16)__builtin_bswap16((__u16)(x)))
#define swab32(x)	((__u32)__builtin_bswap32((__u32)(x)))
#define swab64(x)	((__u64)__builtin_bswap64((__u64)(x)))
#define __swab16(x)	swab16(x)
#define __swab32(x)	swab32(x)
#define __swab64(x)	swab64(x)

static inline __u16 swab16p(const __u16 *p) { return swab16(*p); }
static inline __u32 swab32p(const __u32 *p) { return swab32(*p); }
static inline __u64 swab64p(const __u64 *p) { return swab64(*p); }

#endif
