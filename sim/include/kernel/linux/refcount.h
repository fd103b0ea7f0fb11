/* SPDX-License-Identifier: LGPL-2.1-or-later */
/*
 * evlsim shim: faithful to linux v6.12 include/linux/refcount.h and refcount_types.h.
 *
 * refcount_t is an atomic_t that saturates instead of wrapping: an increment that
 * overflows, an increment from zero (use-after-free) or a decrement that underflows or
 * hits zero without test leaves the counter at REFCOUNT_SATURATED and calls
 * refcount_warn_saturate(), which reports a WARNING through the simulator. The ordering
 * is the kernel's: increments are relaxed, decrements release, and a decrement that
 * reaches zero acquires as well. refcount_dec_and_lock() and friends are not provided.
 */
#ifndef _EVLSIM_LINUX_REFCOUNT_H
#define _EVLSIM_LINUX_REFCOUNT_H

#include <linux/atomic.h>
#include <linux/compiler.h>
#include <linux/limits.h>
#include <linux/types.h>

typedef struct refcount_struct {
	atomic_t refs;
} refcount_t;

#define REFCOUNT_INIT(n)	{ .refs = ATOMIC_INIT(n), }
#define REFCOUNT_MAX		INT_MAX
#define REFCOUNT_SATURATED	(INT_MIN / 2)

enum refcount_saturation_type {
	REFCOUNT_ADD_NOT_ZERO_OVF,
	REFCOUNT_ADD_OVF,
	REFCOUNT_ADD_UAF,
	REFCOUNT_SUB_UAF,
	REFCOUNT_DEC_LEAK,
};

/**
 * refcount_warn_saturate - saturate a refcount and report the event
 * @r: the refcount
 * @t: what went wrong
 */
void refcount_warn_saturate(refcount_t *r, enum refcount_saturation_type t)
	__evlsim_ksym(refcount_warn_saturate);

/* Wrapping sum and difference of two ints, as the kernel's -fno-strict-overflow build
 * computes them (no undefined behaviour on the overflows being detected). */
static inline int evlsim__refcount_wrap_add(int a, int b)
{
	return (int)((unsigned int)a + (unsigned int)b);
}

static inline int evlsim__refcount_wrap_sub(int a, int b)
{
	return (int)((unsigned int)a - (unsigned int)b);
}

/**
 * refcount_set - initialise or overwrite the count
 * @r: the refcount
 * @n: the new count
 */
static inline void refcount_set(refcount_t *r, int n)
{
	atomic_set(&r->refs, n);
}

/**
 * refcount_read - current count (a snapshot)
 * @r: the refcount
 */
static inline unsigned int refcount_read(const refcount_t *r)
{
	return atomic_read(&r->refs);
}

static inline __must_check bool __refcount_add_not_zero(int i, refcount_t *r, int *oldp)
{
	int old = refcount_read(r);

	do {
		if (!old)
			break;
	} while (!atomic_try_cmpxchg_relaxed(&r->refs, &old,
					     evlsim__refcount_wrap_add(old, i)));

	if (oldp)
		*oldp = old;

	if (unlikely(old < 0 || evlsim__refcount_wrap_add(old, i) < 0))
		refcount_warn_saturate(r, REFCOUNT_ADD_NOT_ZERO_OVF);

	return old;
}

/**
 * refcount_add_not_zero - take @i references unless the object is already dead
 * @i: how many references to take
 * @r: the refcount
 *
 * Relaxed: only a control dependency orders what the caller does on success.
 *
 * Return: true if the references were taken, false if the count was 0.
 */
static inline __must_check bool refcount_add_not_zero(int i, refcount_t *r)
{
	return __refcount_add_not_zero(i, r, NULL);
}

static inline void __refcount_add(int i, refcount_t *r, int *oldp)
{
	int old = atomic_fetch_add_relaxed(i, &r->refs);

	if (oldp)
		*oldp = old;

	if (unlikely(!old))
		refcount_warn_saturate(r, REFCOUNT_ADD_UAF);
	else if (unlikely(old < 0 || evlsim__refcount_wrap_add(old, i) < 0))
		refcount_warn_saturate(r, REFCOUNT_ADD_OVF);
}

/**
 * refcount_add - take @i more references on a live object
 * @i: how many references to take
 * @r: the refcount
 *
 * The caller must already hold one: a count of 0 means use-after-free, which is
 * reported and saturates the count. Relaxed ordering.
 */
static inline void refcount_add(int i, refcount_t *r)
{
	__refcount_add(i, r, NULL);
}

static inline __must_check bool __refcount_inc_not_zero(refcount_t *r, int *oldp)
{
	return __refcount_add_not_zero(1, r, oldp);
}

/**
 * refcount_inc_not_zero - take a reference unless the object is already dead
 * @r: the refcount
 *
 * Return: true if the reference was taken, false if the count was 0.
 */
static inline __must_check bool refcount_inc_not_zero(refcount_t *r)
{
	return __refcount_inc_not_zero(r, NULL);
}

static inline void __refcount_inc(refcount_t *r, int *oldp)
{
	__refcount_add(1, r, oldp);
}

/**
 * refcount_inc - take one more reference on a live object
 * @r: the refcount
 *
 * As refcount_add(): a count of 0 is reported as use-after-free and saturates.
 */
static inline void refcount_inc(refcount_t *r)
{
	__refcount_inc(r, NULL);
}

static inline __must_check bool __refcount_sub_and_test(int i, refcount_t *r, int *oldp)
{
	/*
	 * The kernel's release RMW + acquire after the control dependency, as one fully
	 * ordered RMW: ThreadSanitizer ignores standalone fences, and would see the free
	 * that follows the last put as a race with the other puts.
	 */
	int old = atomic_fetch_sub(i, &r->refs);

	if (oldp)
		*oldp = old;

	if (old == i)
		return true;

	if (unlikely(old < 0 || evlsim__refcount_wrap_sub(old, i) < 0))
		refcount_warn_saturate(r, REFCOUNT_SUB_UAF);

	return false;
}

/**
 * refcount_sub_and_test - drop @i references, telling whether they were the last
 * @i: how many references to drop
 * @r: the refcount
 *
 * Release ordering, plus acquire ordering when the count reaches 0, so that the caller
 * may free the object. Going below 0 is reported and saturates the count.
 *
 * Return: true when the count reached 0 (the caller owns the object's teardown).
 */
static inline __must_check bool refcount_sub_and_test(int i, refcount_t *r)
{
	return __refcount_sub_and_test(i, r, NULL);
}

static inline __must_check bool __refcount_dec_and_test(refcount_t *r, int *oldp)
{
	return __refcount_sub_and_test(1, r, oldp);
}

/**
 * refcount_dec_and_test - drop a reference, telling whether it was the last
 * @r: the refcount
 *
 * As refcount_sub_and_test() with @i = 1.
 */
static inline __must_check bool refcount_dec_and_test(refcount_t *r)
{
	return __refcount_dec_and_test(r, NULL);
}

static inline void __refcount_dec(refcount_t *r, int *oldp)
{
	int old = atomic_fetch_sub_release(1, &r->refs);

	if (oldp)
		*oldp = old;

	if (unlikely(old <= 1))
		refcount_warn_saturate(r, REFCOUNT_DEC_LEAK);
}

/**
 * refcount_dec - drop a reference that is known not to be the last
 * @r: the refcount
 *
 * Reaching 0 this way would leak the object: it is reported and saturates the count.
 * Release ordering.
 */
static inline void refcount_dec(refcount_t *r)
{
	__refcount_dec(r, NULL);
}

/**
 * refcount_dec_if_one - decrement a refcount if it is 1
 * @r: the refcount
 *
 * Return: true if the refcount went from 1 to 0, false otherwise.
 */
bool refcount_dec_if_one(refcount_t *r) __evlsim_ksym(refcount_dec_if_one) __must_check;

/**
 * refcount_dec_not_one - decrement a refcount if it is not 1
 * @r: the refcount
 *
 * Return: true if the refcount was decremented (or is saturated), false if it is 1.
 */
bool refcount_dec_not_one(refcount_t *r) __evlsim_ksym(refcount_dec_not_one) __must_check;

#endif /* _EVLSIM_LINUX_REFCOUNT_H */
