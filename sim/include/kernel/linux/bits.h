/* SPDX-License-Identifier: LGPL-2.1-or-later */
/*
 * evlsim shim: faithful to linux v6.12 include/linux/bits.h, with what it pulls from
 * vdso/bits.h, vdso/const.h (UL, ULL), uapi/linux/bits.h (__GENMASK) and
 * asm/bitsperlong.h (BITS_PER_LONG: x86_64).
 */
#ifndef _EVLSIM_LINUX_BITS_H
#define _EVLSIM_LINUX_BITS_H

#include <linux/build_bug.h>
#include <linux/compiler.h>

/* uapi/linux/const.h, vdso/const.h */
#ifndef _AC
#define __AC(X, Y)	(X##Y)
#define _AC(X, Y)	__AC(X, Y)
#define _AT(T, X)	((T)(X))
#define _UL(x)		(_AC(x, UL))
#define _ULL(x)		(_AC(x, ULL))
#endif
#ifndef UL
#define UL(x)		(_UL(x))
#define ULL(x)		(_ULL(x))
#endif

/* asm/bitsperlong.h */
#ifndef BITS_PER_LONG
#define __BITS_PER_LONG		64
#define BITS_PER_LONG		64
#define BITS_PER_LONG_LONG	64
#endif

#define BIT(nr)			(UL(1) << (nr))
#define BIT_ULL(nr)		(ULL(1) << (nr))
#define BIT_MASK(nr)		(UL(1) << ((nr) % BITS_PER_LONG))
#define BIT_WORD(nr)		((nr) / BITS_PER_LONG)
#define BIT_ULL_MASK(nr)	(ULL(1) << ((nr) % BITS_PER_LONG_LONG))
#define BIT_ULL_WORD(nr)	((nr) / BITS_PER_LONG_LONG)
#define BITS_PER_BYTE		8

/* uapi/linux/bits.h */
#define __GENMASK(h, l) \
	(((~_UL(0)) - (_UL(1) << (l)) + 1) & (~_UL(0) >> (__BITS_PER_LONG - 1 - (h))))
#define __GENMASK_ULL(h, l) \
	(((~_ULL(0)) - (_ULL(1) << (l)) + 1) & (~_ULL(0) >> (64 - 1 - (h))))

/* Constant @h < @l is a build error (the arguments are "high, low", as in GENMASK(7, 0)). */
#define GENMASK_INPUT_CHECK(h, l) \
	(BUILD_BUG_ON_ZERO(__builtin_choose_expr(evlsim__is_constexpr((l) > (h)), (l) > (h), 0)))

/*
 * Create a contiguous bitmask starting at bit position @l and ending at
 * position @h. For example GENMASK_ULL(39, 21) gives 0x000000ffffe00000.
 */
#define GENMASK(h, l)		(GENMASK_INPUT_CHECK(h, l) + __GENMASK(h, l))
#define GENMASK_ULL(h, l)	(GENMASK_INPUT_CHECK(h, l) + __GENMASK_ULL(h, l))

#endif /* _EVLSIM_LINUX_BITS_H */
