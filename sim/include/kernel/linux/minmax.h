/* SPDX-License-Identifier: LGPL-2.1-or-later */
/*
 * evlsim shim: faithful to linux v6.12 include/linux/minmax.h.
 *
 * min()/max()/clamp() evaluate each argument once and, as in the kernel, refuse to mix a
 * signed and an unsigned operand unless both promote to the same signedness or one of
 * them is a non-negative signed constant ("signedness error"). Like any BUILD_BUG_ON_MSG()
 * that check is only diagnosed in optimised builds. The internal helpers are evlsim__*.
 */
#ifndef _EVLSIM_LINUX_MINMAX_H
#define _EVLSIM_LINUX_MINMAX_H

#include <linux/build_bug.h>
#include <linux/compiler.h>
#include <linux/types.h>

/* linux/compiler.h in the kernel. */
#ifndef is_signed_type
#define is_signed_type(type)	(((type)(-1)) < (__force type)1)
#define is_unsigned_type(type)	(!is_signed_type(type))
#endif

/* Signedness of the type of @x, 0 for types where the question has no constant answer. */
#define evlsim__is_signed(x)						\
	__builtin_choose_expr(evlsim__is_constexpr(is_signed_type(typeof(x))),\
			      is_signed_type(typeof(x)), 0)

/* @x is a compile-time constant of a signed type and is not negative. */
#define evlsim__is_noneg_int(x)						\
	(__builtin_choose_expr(evlsim__is_constexpr(x) && evlsim__is_signed(x), x, -1) >= 0)

#define evlsim__types_ok(x, y, ux, uy)					\
	(evlsim__is_signed(ux) == evlsim__is_signed(uy) ||		\
	 evlsim__is_signed((ux) + 0) == evlsim__is_signed((uy) + 0) ||	\
	 evlsim__is_noneg_int(x) || evlsim__is_noneg_int(y))

#define evlsim__types_ok3(x, y, z, ux, uy, uz)				\
	(evlsim__types_ok(x, y, ux, uy) &&				\
	 evlsim__types_ok(x, z, ux, uz) &&				\
	 evlsim__types_ok(y, z, uy, uz))

#define evlsim__cmp_op_min	<
#define evlsim__cmp_op_max	>
#define evlsim__cmp(op, x, y)	((x) evlsim__cmp_op_##op (y) ? (x) : (y))

#define evlsim__cmp_once_unique(op, type, x, y, ux, uy)		\
	({ type ux = (x); type uy = (y); evlsim__cmp(op, ux, uy); })
#define evlsim__cmp_once(op, type, x, y)				\
	evlsim__cmp_once_unique(op, type, x, y, __UNIQUE_ID(x_), __UNIQUE_ID(y_))

#define evlsim__careful_cmp_once(op, x, y, ux, uy) ({			\
	__auto_type ux = (x);						\
	__auto_type uy = (y);						\
	BUILD_BUG_ON_MSG(!evlsim__types_ok(x, y, ux, uy),		\
			 #op "(" #x ", " #y ") signedness error");	\
	evlsim__cmp(op, ux, uy); })
#define evlsim__careful_cmp(op, x, y)					\
	evlsim__careful_cmp_once(op, x, y, __UNIQUE_ID(x_), __UNIQUE_ID(y_))

#define evlsim__careful_op3(op, x, y, z, ux, uy, uz) ({			\
	__auto_type ux = (x);						\
	__auto_type uy = (y);						\
	__auto_type uz = (z);						\
	BUILD_BUG_ON_MSG(!evlsim__types_ok3(x, y, z, ux, uy, uz),	\
			 #op "3(" #x ", " #y ", " #z ") signedness error"); \
	evlsim__cmp(op, ux, evlsim__cmp(op, uy, uz)); })

#define evlsim__clamp(val, lo, hi)					\
	((val) >= (hi) ? (hi) : ((val) <= (lo) ? (lo) : (val)))

#define evlsim__clamp_once(val, lo, hi, uval, ulo, uhi) ({		\
	__auto_type uval = (val);					\
	__auto_type ulo = (lo);						\
	__auto_type uhi = (hi);						\
	static_assert(__builtin_choose_expr(evlsim__is_constexpr((lo) > (hi)),\
					    (lo) <= (hi), 1),		\
		      "clamp() low limit " #lo " greater than high limit " #hi); \
	BUILD_BUG_ON_MSG(!evlsim__types_ok3(val, lo, hi, uval, ulo, uhi), \
			 "clamp(" #val ", " #lo ", " #hi ") signedness error"); \
	evlsim__clamp(uval, ulo, uhi); })
#define evlsim__careful_clamp(val, lo, hi)				\
	evlsim__clamp_once(val, lo, hi, __UNIQUE_ID(v_), __UNIQUE_ID(l_), __UNIQUE_ID(h_))

/**
 * min - the smaller of two values, each evaluated once
 * @x: one value
 * @y: the other value, of the same signedness (or a non-negative constant)
 */
#define min(x, y)	evlsim__careful_cmp(min, x, y)

/**
 * max - the larger of two values, each evaluated once
 * @x: one value
 * @y: the other value, of the same signedness (or a non-negative constant)
 */
#define max(x, y)	evlsim__careful_cmp(max, x, y)

/* umin/umax: compare two unsigned (or non-negative) values, zero-extended to u64. */
#define umin(x, y)	\
	evlsim__careful_cmp(min, (x) + 0u + 0ul + 0ull, (y) + 0u + 0ul + 0ull)
#define umax(x, y)	\
	evlsim__careful_cmp(max, (x) + 0u + 0ul + 0ull, (y) + 0u + 0ul + 0ull)

/* min3/max3: minimum/maximum of three values. */
#define min3(x, y, z)	\
	evlsim__careful_op3(min, x, y, z, __UNIQUE_ID(x_), __UNIQUE_ID(y_), __UNIQUE_ID(z_))
#define max3(x, y, z)	\
	evlsim__careful_op3(max, x, y, z, __UNIQUE_ID(x_), __UNIQUE_ID(y_), __UNIQUE_ID(z_))

/* min_not_zero: the smaller of two values, ignoring a zero one. */
#define min_not_zero(x, y) ({				\
	typeof(x) __x = (x);				\
	typeof(y) __y = (y);				\
	__x == 0 ? __y : ((__y == 0) ? __x : min(__x, __y)); })

/**
 * clamp - bound a value to the range [@lo, @hi], each argument evaluated once
 * @val: the value to bound
 * @lo: the lower bound
 * @hi: the upper bound
 *
 * The three must agree in signedness as for min(); constant bounds with @lo > @hi are a
 * build error.
 */
#define clamp(val, lo, hi)	evlsim__careful_clamp(val, lo, hi)

/* min_t/max_t: compare after converting both values to @type. */
#define min_t(type, x, y)	evlsim__cmp_once(min, type, x, y)
#define max_t(type, x, y)	evlsim__cmp_once(max, type, x, y)

/* clamp_t: clamp after converting the three values to @type. */
#define clamp_t(type, val, lo, hi)	\
	evlsim__careful_clamp((type)(val), (type)(lo), (type)(hi))

/* clamp_val: clamp with the type of @val (for constants @lo/@hi of another type). */
#define clamp_val(val, lo, hi)	clamp_t(typeof(val), val, lo, hi)

static inline bool in_range64(u64 val, u64 start, u64 len)
{
	return (val - start) < len;
}

static inline bool in_range32(u32 val, u32 start, u32 len)
{
	return (val - start) < len;
}

/**
 * in_range - whether @val is in [@start, @start + @len)
 * @val: the value to check
 * @start: the lowest value of the range
 * @len: how many values the range holds
 *
 * Computed without overflow, in 32 or 64 bits depending on the argument sizes.
 */
#define in_range(val, start, len)					\
	((sizeof(start) | sizeof(len) | sizeof(val)) <= sizeof(u32) ?	\
		in_range32(val, start, len) : in_range64(val, start, len))

/* MIN/MAX: the constant-expression forms, with no single-evaluation guarantee. */
#define MIN(a, b)		evlsim__cmp(min, a, b)
#define MAX(a, b)		evlsim__cmp(max, a, b)
#define MIN_T(type, a, b)	evlsim__cmp(min, (type)(a), (type)(b))
#define MAX_T(type, a, b)	evlsim__cmp(max, (type)(a), (type)(b))

/**
 * swap - exchange the contents of two lvalues of the same type
 * @a: one lvalue
 * @b: the other lvalue
 */
#define swap(a, b) \
	do { typeof(a) __tmp = (a); (a) = (b); (b) = __tmp; } while (0)

#endif /* _EVLSIM_LINUX_MINMAX_H */
