/* SPDX-License-Identifier: LGPL-2.1-or-later */
/*
 * evlsim shim: linux v6.12 arch/x86/include/uapi/asm/byteorder.h with
 * include/uapi/linux/byteorder/little_endian.h and include/linux/byteorder/generic.h,
 * rewritten: the host is little-endian, so the le conversions are identities and the be
 * ones swap.
 */
#ifndef _EVLSIM_ASM_BYTEORDER_H
#define _EVLSIM_ASM_BYTEORDER_H

#include <linux/types.h>
#include <linux/swab.h>

#ifndef __LITTLE_ENDIAN
#define __LITTLE_ENDIAN 1234
#endif
#ifndef __LITTLE_ENDIAN_BITFIELD
#define __LITTLE_ENDIAN_BITFIELD
#endif

#define cpu_to_le64(x)	((__force __le64)(__u64)(x))
#define le64_to_cpu(x)	((__force __u64)(__le64)(x))
#define cpu_to_le32(x)	((__force __le32)(__u32)(x))
#define le32_to_cpu(x)	((__force __u32)(__le32)(x))
#define cpu_to_le16(x)	((__force __le16)(__u16)(x))
#define le16_to_cpu(x)	((__force __u16)(__le16)(x))
#define cpu_to_be64(x)	((__force __be64)swab64((x)))
#define be64_to_cpu(x)	swab64((__force __u64)(__be64)(x))
#define cpu_to_be32(x)	((__force __be32)swab32((x)))
#define be32_to_cpu(x)	swab32((__force __u32)(__be32)(x))
#define cpu_to_be16(x)	((__force __be16)swab16((x)))
#define be16_to_cpu(x)	swab16((__force __u16)(__be16)(x))

static inline __u32 be32_to_cpup(const __be32 *p) { return swab32(*(const __u32 *)p); }
static inline __u32 le32_to_cpup(const __le32 *p) { return *(const __u32 *)p; }
static inline __u16 be16_to_cpup(const __be16 *p) { return swab16(*(const __u16 *)p); }
static inline __u64 be64_to_cpup(const __be64 *p) { return swab64(*(const __u64 *)p); }

static inline void le32_add_cpu(__le32 *var, u32 val)
{
	*var = cpu_to_le32(le32_to_cpu(*var) + val);
}
static inline void be32_add_cpu(__be32 *var, u32 val)
{
	*var = cpu_to_be32(be32_to_cpu(*var) + val);
}

#endif
