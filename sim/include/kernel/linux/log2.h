/* SPDX-License-Identifier: LGPL-2.1-or-later */
/*
 * evlsim shim: faithful to linux v6.12 include/linux/log2.h. Constant arguments fold at
 * compile time through __builtin_clzll(); others go through fls()/fls64().
 */
#ifndef _EVLSIM_LINUX_LOG2_H
#define _EVLSIM_LINUX_LOG2_H

#include <linux/bitops.h>
#include <linux/types.h>

/* Non-constant log of base 2 calculators; -1 for 0. */
static __always_inline __attribute__((const)) int __ilog2_u32(u32 n)
{
	return fls(n) - 1;
}

static __always_inline __attribute__((const)) int __ilog2_u64(u64 n)
{
	return fls64(n) - 1;
}

/**
 * is_power_of_2 - whether exactly one bit of @n is set
 * @n: the value
 *
 * Return: true for 1, 2, 4, ...; false for 0 and every other value.
 */
static __always_inline __attribute__((const)) bool is_power_of_2(unsigned long n)
{
	return (n != 0 && ((n & (n - 1)) == 0));
}

/* __roundup_pow_of_two - smallest power of 2 >= @n, at run time (@n > 0) */
static inline __attribute__((const)) unsigned long __roundup_pow_of_two(unsigned long n)
{
	return 1UL << fls_long(n - 1);
}

/* __rounddown_pow_of_two - largest power of 2 <= @n, at run time (@n > 0) */
static inline __attribute__((const)) unsigned long __rounddown_pow_of_two(unsigned long n)
{
	return 1UL << (fls_long(n) - 1);
}

/**
 * const_ilog2 - floor(log2(@n)) of a constant, as a constant expression
 * @n: a constant (-1 is returned for a non-constant)
 */
#define const_ilog2(n)				\
(						\
	__builtin_constant_p(n) ? (		\
		(n) < 2 ? 0 :			\
		63 - __builtin_clzll(n)) :	\
	-1)

/**
 * ilog2 - floor(log2(@n)) of a 32- or 64-bit unsigned value
 * @n: the value
 *
 * A constant @n gives a constant expression (usable in array sizes and static
 * initialisers). @n = 0 is meaningless: 0 for a constant, -1 at run time.
 */
#define ilog2(n)				\
(						\
	__builtin_constant_p(n) ?		\
	((n) < 2 ? 0 :				\
	 63 - __builtin_clzll(n)) :		\
	(sizeof(n) <= 4) ?			\
	__ilog2_u32(n) :			\
	__ilog2_u64(n)				\
 )

/**
 * roundup_pow_of_two - smallest power of 2 >= @n
 * @n: the value, not 0; a constant gives a constant expression
 */
#define roundup_pow_of_two(n)			\
(						\
	__builtin_constant_p(n) ? (		\
		((n) == 1) ? 1 :		\
		(1UL << (ilog2((n) - 1) + 1))	\
				   ) :		\
	__roundup_pow_of_two(n)			\
 )

/**
 * rounddown_pow_of_two - largest power of 2 <= @n
 * @n: the value, not 0; a constant gives a constant expression
 */
#define rounddown_pow_of_two(n)			\
(						\
	__builtin_constant_p(n) ? (		\
		(1UL << ilog2(n))) :		\
	__rounddown_pow_of_two(n)		\
 )

static inline __attribute__((const)) int __order_base_2(unsigned long n)
{
	return n > 1 ? ilog2(n - 1) + 1 : 0;
}

/**
 * order_base_2 - ceil(log2(@n)), with 0 for 0 and 1
 * @n: the value; a constant gives a constant expression
 *
 * E.g. 2 -> 1, 3 -> 2, 4 -> 2, 5 -> 3.
 */
#define order_base_2(n)				\
(						\
	__builtin_constant_p(n) ? (		\
		((n) == 0 || (n) == 1) ? 0 :	\
		ilog2((n) - 1) + 1) :		\
	__order_base_2(n)			\
)

static inline __attribute__((const)) int __bits_per(unsigned long n)
{
	if (n < 2)
		return 1;
	if (is_power_of_2(n))
		return order_base_2(n) + 1;
	return order_base_2(n);
}

/**
 * bits_per - width in bits of the binary representation of @n (at least 1)
 * @n: the value; a constant gives a constant expression
 *
 * E.g. 0 -> 1, 1 -> 1, 2 -> 2, 3 -> 2, 4 -> 3.
 */
#define bits_per(n)				\
(						\
	__builtin_constant_p(n) ? (		\
		((n) == 0 || (n) == 1)		\
			? 1 : ilog2(n) + 1	\
	) :					\
	__bits_per(n)				\
)

#endif /* _EVLSIM_LINUX_LOG2_H */
