/* SPDX-License-Identifier: LGPL-2.1-or-later */
/*
 * evlsim shim: custom re-implementation of linux v6.12 include/linux/atomic.h (the
 * generated atomic-instrumented.h / atomic-long.h API) on GCC __atomic builtins, which
 * ThreadSanitizer understands. The ordering rules are those of the kernel's
 * Documentation/atomic_t.txt:
 *
 *  - atomic_read()/atomic_set() and the void RMW ops (add, sub, inc, dec, and, or, xor,
 *    andnot) are relaxed; *_read_acquire() and *_set_release() are acquire/release;
 *  - every value-returning RMW op (*_return, fetch_*, xchg, cmpxchg, try_cmpxchg,
 *    *_and_test, add_negative, the conditional ones) is fully ordered (seq_cst);
 *  - the _relaxed, _acquire and _release variants have exactly that ordering.
 *
 * A failed (try_)cmpxchg is ordered as strongly as C11 allows (the kernel promises
 * nothing there), so no driver is misreported for relying on x86 behaviour. Arithmetic
 * wraps (two's complement), as the kernel's -fno-strict-overflow build guarantees.
 * atomic_t and atomic64_t are defined in linux/types.h; atomic_long_t is atomic64_t.
 * Every operation begins with EVLSIM__ATOMIC_POINT() (linux/compiler.h): nothing, or a
 * scheduling point of the simulator in a driver built with -DEVLSIM_SCHED_ATOMICS.
 */
#ifndef _EVLSIM_LINUX_ATOMIC_H
#define _EVLSIM_LINUX_ATOMIC_H

#include <linux/build_bug.h>
#include <linux/compiler.h>
#include <linux/types.h>
#include <asm/barrier.h>

#define ATOMIC_INIT(i)		{ (i) }
#define ATOMIC64_INIT(i)	{ (i) }
#define ATOMIC_LONG_INIT(i)	ATOMIC64_INIT(i)

/*
 * Generators. @pfx is the API prefix (atomic, atomic64, atomic_long), @atype the atomic
 * type, @T the value type and @UT its unsigned counterpart (for wrapping arithmetic).
 * EVLSIM__ATOMIC_ORDERS() instantiates @gen once per ordering variant, with the variant
 * suffix, the memory order and the order of a failed compare-and-exchange.
 */
#define EVLSIM__ATOMIC_ORDERS(gen, pfx, atype, T, UT)				\
	gen(, __ATOMIC_SEQ_CST, __ATOMIC_SEQ_CST, pfx, atype, T, UT)		\
	gen(_acquire, __ATOMIC_ACQUIRE, __ATOMIC_ACQUIRE, pfx, atype, T, UT)	\
	gen(_release, __ATOMIC_RELEASE, __ATOMIC_RELAXED, pfx, atype, T, UT)	\
	gen(_relaxed, __ATOMIC_RELAXED, __ATOMIC_RELAXED, pfx, atype, T, UT)

/* Plain accesses and void RMW operations (relaxed). */
#define EVLSIM__ATOMIC_BASIC(pfx, atype, T)					\
static __always_inline T pfx##_read(const atype *v)				\
{										\
	EVLSIM__ATOMIC_POINT();							\
	return __atomic_load_n(&v->counter, __ATOMIC_RELAXED);			\
}										\
static __always_inline T pfx##_read_acquire(const atype *v)			\
{										\
	EVLSIM__ATOMIC_POINT();							\
	return __atomic_load_n(&v->counter, __ATOMIC_ACQUIRE);			\
}										\
static __always_inline void pfx##_set(atype *v, T i)				\
{										\
	EVLSIM__ATOMIC_POINT();							\
	__atomic_store_n(&v->counter, i, __ATOMIC_RELAXED);			\
}										\
static __always_inline void pfx##_set_release(atype *v, T i)			\
{										\
	EVLSIM__ATOMIC_POINT();							\
	__atomic_store_n(&v->counter, i, __ATOMIC_RELEASE);			\
}										\
static __always_inline void pfx##_add(T i, atype *v)				\
{										\
	EVLSIM__ATOMIC_POINT();							\
	(void)__atomic_fetch_add(&v->counter, i, __ATOMIC_RELAXED);		\
}										\
static __always_inline void pfx##_sub(T i, atype *v)				\
{										\
	EVLSIM__ATOMIC_POINT();							\
	(void)__atomic_fetch_sub(&v->counter, i, __ATOMIC_RELAXED);		\
}										\
static __always_inline void pfx##_inc(atype *v)					\
{										\
	EVLSIM__ATOMIC_POINT();							\
	(void)__atomic_fetch_add(&v->counter, 1, __ATOMIC_RELAXED);		\
}										\
static __always_inline void pfx##_dec(atype *v)					\
{										\
	EVLSIM__ATOMIC_POINT();							\
	(void)__atomic_fetch_sub(&v->counter, 1, __ATOMIC_RELAXED);		\
}										\
static __always_inline void pfx##_and(T i, atype *v)				\
{										\
	EVLSIM__ATOMIC_POINT();							\
	(void)__atomic_fetch_and(&v->counter, i, __ATOMIC_RELAXED);		\
}										\
static __always_inline void pfx##_andnot(T i, atype *v)			\
{										\
	EVLSIM__ATOMIC_POINT();							\
	(void)__atomic_fetch_and(&v->counter, ~i, __ATOMIC_RELAXED);		\
}										\
static __always_inline void pfx##_or(T i, atype *v)				\
{										\
	EVLSIM__ATOMIC_POINT();							\
	(void)__atomic_fetch_or(&v->counter, i, __ATOMIC_RELAXED);		\
}										\
static __always_inline void pfx##_xor(T i, atype *v)				\
{										\
	EVLSIM__ATOMIC_POINT();							\
	(void)__atomic_fetch_xor(&v->counter, i, __ATOMIC_RELAXED);		\
}

/* Value-returning RMW operations, one set per ordering variant. */
#define EVLSIM__ATOMIC_RMW(sfx, mo, fmo, pfx, atype, T, UT)			\
static __always_inline T pfx##_add_return##sfx(T i, atype *v)			\
{										\
	EVLSIM__ATOMIC_POINT();							\
	return __atomic_add_fetch(&v->counter, i, mo);				\
}										\
static __always_inline T pfx##_sub_return##sfx(T i, atype *v)			\
{										\
	EVLSIM__ATOMIC_POINT();							\
	return __atomic_sub_fetch(&v->counter, i, mo);				\
}										\
static __always_inline T pfx##_inc_return##sfx(atype *v)			\
{										\
	EVLSIM__ATOMIC_POINT();							\
	return __atomic_add_fetch(&v->counter, 1, mo);				\
}										\
static __always_inline T pfx##_dec_return##sfx(atype *v)			\
{										\
	EVLSIM__ATOMIC_POINT();							\
	return __atomic_sub_fetch(&v->counter, 1, mo);				\
}										\
static __always_inline T pfx##_fetch_add##sfx(T i, atype *v)			\
{										\
	EVLSIM__ATOMIC_POINT();							\
	return __atomic_fetch_add(&v->counter, i, mo);				\
}										\
static __always_inline T pfx##_fetch_sub##sfx(T i, atype *v)			\
{										\
	EVLSIM__ATOMIC_POINT();							\
	return __atomic_fetch_sub(&v->counter, i, mo);				\
}										\
static __always_inline T pfx##_fetch_inc##sfx(atype *v)			\
{										\
	EVLSIM__ATOMIC_POINT();							\
	return __atomic_fetch_add(&v->counter, 1, mo);				\
}										\
static __always_inline T pfx##_fetch_dec##sfx(atype *v)			\
{										\
	EVLSIM__ATOMIC_POINT();							\
	return __atomic_fetch_sub(&v->counter, 1, mo);				\
}										\
static __always_inline T pfx##_fetch_and##sfx(T i, atype *v)			\
{										\
	EVLSIM__ATOMIC_POINT();							\
	return __atomic_fetch_and(&v->counter, i, mo);				\
}										\
static __always_inline T pfx##_fetch_andnot##sfx(T i, atype *v)		\
{										\
	EVLSIM__ATOMIC_POINT();							\
	return __atomic_fetch_and(&v->counter, ~i, mo);			\
}										\
static __always_inline T pfx##_fetch_or##sfx(T i, atype *v)			\
{										\
	EVLSIM__ATOMIC_POINT();							\
	return __atomic_fetch_or(&v->counter, i, mo);				\
}										\
static __always_inline T pfx##_fetch_xor##sfx(T i, atype *v)			\
{										\
	EVLSIM__ATOMIC_POINT();							\
	return __atomic_fetch_xor(&v->counter, i, mo);				\
}										\
static __always_inline T pfx##_xchg##sfx(atype *v, T new)			\
{										\
	EVLSIM__ATOMIC_POINT();							\
	return __atomic_exchange_n(&v->counter, new, mo);			\
}										\
static __always_inline T pfx##_cmpxchg##sfx(atype *v, T old, T new)		\
{										\
	EVLSIM__ATOMIC_POINT();							\
	typeof(v->counter) __old = old;						\
										\
	__atomic_compare_exchange_n(&v->counter, &__old, new, false, mo, fmo);	\
	return __old;								\
}										\
static __always_inline bool pfx##_try_cmpxchg##sfx(atype *v, T *old, T new)	\
{										\
	EVLSIM__ATOMIC_POINT();							\
	typeof(v->counter) __old = *old;					\
	bool __ok = __atomic_compare_exchange_n(&v->counter, &__old, new,	\
						false, mo, fmo);		\
										\
	if (unlikely(!__ok))							\
		*old = __old;							\
	return __ok;								\
}										\
static __always_inline bool pfx##_add_negative##sfx(T i, atype *v)		\
{										\
	EVLSIM__ATOMIC_POINT();							\
	return __atomic_add_fetch(&v->counter, i, mo) < 0;			\
}

/* Fully ordered tests and conditional operations. */
#define EVLSIM__ATOMIC_COND(pfx, atype, T, UT)					\
static __always_inline bool pfx##_sub_and_test(T i, atype *v)			\
{										\
	EVLSIM__ATOMIC_POINT();							\
	return __atomic_sub_fetch(&v->counter, i, __ATOMIC_SEQ_CST) == 0;	\
}										\
static __always_inline bool pfx##_dec_and_test(atype *v)			\
{										\
	EVLSIM__ATOMIC_POINT();							\
	return __atomic_sub_fetch(&v->counter, 1, __ATOMIC_SEQ_CST) == 0;	\
}										\
static __always_inline bool pfx##_inc_and_test(atype *v)			\
{										\
	EVLSIM__ATOMIC_POINT();							\
	return __atomic_add_fetch(&v->counter, 1, __ATOMIC_SEQ_CST) == 0;	\
}										\
/* Adds @a to @v unless @v was @u; returns the original value of @v. */	\
static __always_inline T pfx##_fetch_add_unless(atype *v, T a, T u)		\
{										\
	EVLSIM__ATOMIC_POINT();							\
	T c = pfx##_read(v);							\
										\
	do {									\
		if (unlikely(c == u))						\
			break;							\
	} while (!pfx##_try_cmpxchg(v, &c, (T)((UT)c + (UT)a)));		\
										\
	return c;								\
}										\
/* Adds @a to @v unless @v was @u; returns true if the addition was done. */	\
static __always_inline bool pfx##_add_unless(atype *v, T a, T u)		\
{										\
	EVLSIM__ATOMIC_POINT();							\
	return pfx##_fetch_add_unless(v, a, u) != u;				\
}										\
static __always_inline bool pfx##_inc_not_zero(atype *v)			\
{										\
	EVLSIM__ATOMIC_POINT();							\
	return pfx##_add_unless(v, 1, 0);					\
}										\
static __always_inline bool pfx##_inc_unless_negative(atype *v)		\
{										\
	EVLSIM__ATOMIC_POINT();							\
	T c = pfx##_read(v);							\
										\
	do {									\
		if (unlikely(c < 0))						\
			return false;						\
	} while (!pfx##_try_cmpxchg(v, &c, (T)((UT)c + 1)));			\
										\
	return true;								\
}										\
static __always_inline bool pfx##_dec_unless_positive(atype *v)		\
{										\
	EVLSIM__ATOMIC_POINT();							\
	T c = pfx##_read(v);							\
										\
	do {									\
		if (unlikely(c > 0))						\
			return false;						\
	} while (!pfx##_try_cmpxchg(v, &c, (T)((UT)c - 1)));			\
										\
	return true;								\
}										\
/* Decrements @v if the result is not negative; returns @v - 1 either way. */	\
static __always_inline T pfx##_dec_if_positive(atype *v)			\
{										\
	EVLSIM__ATOMIC_POINT();							\
	T dec, c = pfx##_read(v);						\
										\
	do {									\
		dec = (T)((UT)c - 1);						\
		if (unlikely(dec < 0))						\
			break;							\
	} while (!pfx##_try_cmpxchg(v, &c, dec));				\
										\
	return dec;								\
}

#define EVLSIM__ATOMIC_API(pfx, atype, T, UT)					\
	EVLSIM__ATOMIC_BASIC(pfx, atype, T)					\
	EVLSIM__ATOMIC_ORDERS(EVLSIM__ATOMIC_RMW, pfx, atype, T, UT)		\
	EVLSIM__ATOMIC_COND(pfx, atype, T, UT)

EVLSIM__ATOMIC_API(atomic, atomic_t, int, unsigned int)
EVLSIM__ATOMIC_API(atomic64, atomic64_t, s64, u64)
EVLSIM__ATOMIC_API(atomic_long, atomic_long_t, long, unsigned long)

#define atomic_cond_read_relaxed(v, c)	smp_cond_load_relaxed(&(v)->counter, (c))
#define atomic_cond_read_acquire(v, c)	smp_cond_load_acquire(&(v)->counter, (c))
#define atomic64_cond_read_relaxed(v, c) smp_cond_load_relaxed(&(v)->counter, (c))
#define atomic64_cond_read_acquire(v, c) smp_cond_load_acquire(&(v)->counter, (c))
#define atomic_long_cond_read_relaxed(v, c) smp_cond_load_relaxed(&(v)->counter, (c))
#define atomic_long_cond_read_acquire(v, c) smp_cond_load_acquire(&(v)->counter, (c))

/*
 * Generic atomic operations on naturally aligned scalars (integers and pointers of 1, 2,
 * 4 or 8 bytes). xchg() returns the previous value; cmpxchg() returns the previous value
 * and stores @new only if it was @old; try_cmpxchg() returns whether it stored @new and
 * otherwise updates *@oldp with the current value.
 */
#define evlsim__xchg(ptr, x, mo) ({					\
	compiletime_assert_atomic_type(*(ptr));				\
	__atomic_exchange_n((ptr), (x), mo);				\
})

#define evlsim__cmpxchg(ptr, o, n, mo, fmo) ({				\
	__typeof__((__typeof__(*(ptr)))0) __evlsim_old = (o);		\
	compiletime_assert_atomic_type(*(ptr));				\
	__atomic_compare_exchange_n((ptr), &__evlsim_old, (n), false, mo, fmo); \
	__evlsim_old;							\
})

#define evlsim__try_cmpxchg(ptr, oldp, n, mo, fmo) ({			\
	compiletime_assert_atomic_type(*(ptr));				\
	__atomic_compare_exchange_n((ptr), (oldp), (n), false, mo, fmo); \
})

#define xchg(ptr, x)		evlsim__xchg(ptr, x, __ATOMIC_SEQ_CST)
#define xchg_acquire(ptr, x)	evlsim__xchg(ptr, x, __ATOMIC_ACQUIRE)
#define xchg_release(ptr, x)	evlsim__xchg(ptr, x, __ATOMIC_RELEASE)
#define xchg_relaxed(ptr, x)	evlsim__xchg(ptr, x, __ATOMIC_RELAXED)

#define cmpxchg(ptr, o, n)	\
	evlsim__cmpxchg(ptr, o, n, __ATOMIC_SEQ_CST, __ATOMIC_SEQ_CST)
#define cmpxchg_acquire(ptr, o, n) \
	evlsim__cmpxchg(ptr, o, n, __ATOMIC_ACQUIRE, __ATOMIC_ACQUIRE)
#define cmpxchg_release(ptr, o, n) \
	evlsim__cmpxchg(ptr, o, n, __ATOMIC_RELEASE, __ATOMIC_RELAXED)
#define cmpxchg_relaxed(ptr, o, n) \
	evlsim__cmpxchg(ptr, o, n, __ATOMIC_RELAXED, __ATOMIC_RELAXED)
#define cmpxchg64(ptr, o, n)		cmpxchg(ptr, o, n)
#define cmpxchg64_relaxed(ptr, o, n)	cmpxchg_relaxed(ptr, o, n)
/* _local: atomic only against the local CPU in the kernel; fully atomic here. */
#define cmpxchg_local(ptr, o, n)	cmpxchg(ptr, o, n)
#define cmpxchg64_local(ptr, o, n)	cmpxchg(ptr, o, n)

#define try_cmpxchg(ptr, oldp, n) \
	evlsim__try_cmpxchg(ptr, oldp, n, __ATOMIC_SEQ_CST, __ATOMIC_SEQ_CST)
#define try_cmpxchg_acquire(ptr, oldp, n) \
	evlsim__try_cmpxchg(ptr, oldp, n, __ATOMIC_ACQUIRE, __ATOMIC_ACQUIRE)
#define try_cmpxchg_release(ptr, oldp, n) \
	evlsim__try_cmpxchg(ptr, oldp, n, __ATOMIC_RELEASE, __ATOMIC_RELAXED)
#define try_cmpxchg_relaxed(ptr, oldp, n) \
	evlsim__try_cmpxchg(ptr, oldp, n, __ATOMIC_RELAXED, __ATOMIC_RELAXED)
#define try_cmpxchg64(ptr, oldp, n)		try_cmpxchg(ptr, oldp, n)
#define try_cmpxchg64_relaxed(ptr, oldp, n)	try_cmpxchg_relaxed(ptr, oldp, n)
#define try_cmpxchg_local(ptr, oldp, n)		try_cmpxchg(ptr, oldp, n)
#define try_cmpxchg64_local(ptr, oldp, n)	try_cmpxchg(ptr, oldp, n)

#endif /* _EVLSIM_LINUX_ATOMIC_H */
