/* SPDX-License-Identifier: LGPL-2.1-or-later */
/*
 * evlsim shim: faithful to linux v6.12 include/linux/math.h (64-bit host: do_div() is a
 * plain division). __KERNEL_DIV_ROUND_UP comes from uapi/linux/const.h in the kernel.
 */
#ifndef _EVLSIM_LINUX_MATH_H
#define _EVLSIM_LINUX_MATH_H

#include <linux/types.h>

#ifndef __KERNEL_DIV_ROUND_UP
#define __KERNEL_DIV_ROUND_UP(n, d)	(((n) + (d) - 1) / (d))
#endif

/* Mask for rounding @x up or down to a power of two @y. */
#define __round_mask(x, y)	((__typeof__(x))((y) - 1))

/**
 * round_up - smallest multiple of @y not below @x
 * @x: the value
 * @y: a power of 2
 */
#define round_up(x, y)		((((x) - 1) | __round_mask(x, y)) + 1)

/**
 * round_down - largest multiple of @y not above @x
 * @x: the value
 * @y: a power of 2
 */
#define round_down(x, y)	((x) & ~__round_mask(x, y))

#define DIV_ROUND_UP		__KERNEL_DIV_ROUND_UP

#define DIV_ROUND_DOWN_ULL(ll, d) \
	({ unsigned long long _tmp = (ll); _tmp /= (d); _tmp; })

#define DIV_ROUND_UP_ULL(ll, d) \
	DIV_ROUND_DOWN_ULL((unsigned long long)(ll) + (d) - 1, (d))

/**
 * roundup - smallest multiple of @y not below @x
 * @x: the value
 * @y: any positive step (round_up() is cheaper for powers of 2)
 */
#define roundup(x, y) ({				\
	typeof(y) __y = y;				\
	(((x) + (__y - 1)) / __y) * __y;		\
})

/**
 * rounddown - largest multiple of @y not above @x
 * @x: the value
 * @y: any positive step (round_down() is cheaper for powers of 2)
 */
#define rounddown(x, y) ({				\
	typeof(x) __x = (x);				\
	__x - (__x % (y));				\
})

/*
 * DIV_ROUND_CLOSEST - divide and round to the closest integer, half away from zero.
 * The result is undefined for a negative divisor with an unsigned dividend or the
 * reverse, as in the kernel.
 */
#define DIV_ROUND_CLOSEST(x, divisor) ({				\
	typeof(x) __x = x;						\
	typeof(divisor) __d = divisor;					\
	(((typeof(x))-1) > 0 ||						\
	 ((typeof(divisor))-1) > 0 ||					\
	 (((__x) > 0) == ((__d) > 0))) ?				\
		(((__x) + ((__d) / 2)) / (__d)) :			\
		(((__x) - ((__d) / 2)) / (__d));			\
})

/* DIV_ROUND_CLOSEST_ULL - same, for an unsigned 64-bit dividend and a 32-bit divisor. */
#define DIV_ROUND_CLOSEST_ULL(x, divisor) ({				\
	typeof(divisor) __d = divisor;					\
	unsigned long long _tmp = (x) + (__d) / 2;			\
	_tmp /= __d;							\
	_tmp;								\
})

/*
 * mult_frac - x * n / d without overflowing the intermediate product, as long as
 * the result and (d - 1) * n fit in the type of @x.
 */
#define mult_frac(x, n, d) ({				\
	typeof(x) x_ = (x);				\
	typeof(n) n_ = (n);				\
	typeof(d) d_ = (d);				\
	typeof(x_) q_ = x_ / d_;			\
	typeof(x_) r_ = x_ % d_;			\
	q_ * n_ + r_ * n_ / d_;				\
})

#define evlsim__abs_choose_expr(x, type, other)				\
	__builtin_choose_expr(						\
		__builtin_types_compatible_p(typeof(x), signed type) ||	\
		__builtin_types_compatible_p(typeof(x), unsigned type),	\
		({ signed type __x = (x); __x < 0 ? -__x : __x; }), other)

/**
 * abs - magnitude of an integer of any standard type
 * @x: the value; an unsigned one is first reinterpreted as the signed type of the same
 *     width. Non-integer types give void, hence a build error where a value is used.
 *
 * Return: |@x|, in the (promoted) signed type matching @x.
 */
#define abs(x)	evlsim__abs_choose_expr(x, long long,			\
		evlsim__abs_choose_expr(x, long,			\
		evlsim__abs_choose_expr(x, int,				\
		evlsim__abs_choose_expr(x, short,			\
		evlsim__abs_choose_expr(x, char,			\
		__builtin_choose_expr(					\
			__builtin_types_compatible_p(typeof(x), char),	\
			(char)({ signed char __x = (x); __x < 0 ? -__x : __x; }), \
			((void)0)))))))

/**
 * abs_diff - |@a - @b| computed without overflow for unsigned types
 * @a: one value
 * @b: another value of the same type
 */
#define abs_diff(a, b) ({				\
	typeof(a) __a = (a);				\
	typeof(b) __b = (b);				\
	(void)(&__a == &__b);				\
	__a > __b ? (__a - __b) : (__b - __a);		\
})

/**
 * reciprocal_scale - map a 32-bit value (a hash) onto [0, @ep_ro) with a multiply
 * @val: the value, spread over the whole u32 range
 * @ep_ro: the (excluded) end of the target range
 *
 * Return: (@val * @ep_ro) / 2^32.
 */
static inline u32 reciprocal_scale(u32 val, u32 ep_ro)
{
	return (u32)(((u64)val * ep_ro) >> 32);
}

/* int_sqrt - the integer square root of @x, rounded down (lib/math/int_sqrt.c) */
unsigned long int_sqrt(unsigned long x) __evlsim_ksym(int_sqrt);

static inline u32 int_sqrt64(u64 x)
{
	return (u32)int_sqrt(x);
}

#endif /* _EVLSIM_LINUX_MATH_H */
