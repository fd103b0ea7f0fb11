// SPDX-License-Identifier: LGPL-2.1-or-later
/*
 * Reference counts (kernel world): the out-of-line part of <linux/refcount.h>, with the
 * semantics of linux v6.12's lib/refcount.c.
 */
#include <linux/refcount.h>
#include <linux/bug.h>
#include "kinternal.h"

/**
 * refcount_warn_saturate - saturate a refcount and report the event
 * @r: the refcount
 * @t: what went wrong
 *
 * The refcount is left at REFCOUNT_SATURATED, where it stays whatever happens next: the
 * object leaks rather than being freed while in use. Every event is reported as a
 * WARNING (the kernel warns once per kind), so that each test sees its own.
 */
void refcount_warn_saturate(refcount_t *r, enum refcount_saturation_type t)
{
	const char *msg;

	refcount_set(r, REFCOUNT_SATURATED);

	switch (t) {
	case REFCOUNT_ADD_NOT_ZERO_OVF:
	case REFCOUNT_ADD_OVF:
		msg = "saturated; leaking memory.";
		break;
	case REFCOUNT_ADD_UAF:
		msg = "addition on 0; use-after-free.";
		break;
	case REFCOUNT_SUB_UAF:
		msg = "underflow; use-after-free.";
		break;
	case REFCOUNT_DEC_LEAK:
		msg = "decrement hit 0; leaking memory.";
		break;
	default:
		msg = "unknown saturation event!?";
		break;
	}

	evlsim__report(EVLSIM_REPORT_WARN, "refcount", "refcount_t: %s", msg);
}

/**
 * refcount_dec_if_one - decrement a refcount if it is 1
 * @r: the refcount
 *
 * For code that wants to tear an object down only if it holds the last reference.
 * Release ordering on success.
 *
 * Return: true if the refcount went from 1 to 0, false otherwise.
 */
bool refcount_dec_if_one(refcount_t *r)
{
	int val = 1;

	return atomic_try_cmpxchg_release(&r->refs, &val, 0);
}

/**
 * refcount_dec_not_one - decrement a refcount unless it is 1
 * @r: the refcount
 *
 * A saturated refcount is left alone. Release ordering on success.
 *
 * Return: true if the refcount was decremented (or is saturated), false if it is 1.
 */
bool refcount_dec_not_one(refcount_t *r)
{
	int val = atomic_read(&r->refs);

	do {
		if (unlikely(val == REFCOUNT_SATURATED))
			return true;

		if (val == 1)
			return false;

		if (unlikely(val == 0)) {
			evlsim__report(EVLSIM_REPORT_WARN, "refcount",
				       "refcount_t: underflow; use-after-free.");
			return true;
		}
	} while (!atomic_try_cmpxchg_release(&r->refs, &val, (int)((unsigned int)val - 1)));

	return true;
}
