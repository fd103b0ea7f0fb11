/* SPDX-License-Identifier: LGPL-2.1-or-later */
/*
 * evlsim shim: faithful to linux v6.12 include/linux/build_bug.h.
 *
 * The kernel keeps compiletime_assert() in compiler_types.h; our compiler_types.h does not
 * provide it, so it is defined here (guarded) with the kernel's behaviour: a failed
 * BUILD_BUG_ON() is a compile-time error when optimising (the call to an __error__
 * function survives dead code elimination), and only type-checks the condition when not.
 */
#ifndef _EVLSIM_LINUX_BUILD_BUG_H
#define _EVLSIM_LINUX_BUILD_BUG_H

#include <linux/compiler.h>

#ifndef compiletime_assert
#ifdef __OPTIMIZE__
#define __compiletime_assert(condition, msg, prefix, suffix)		\
	do {								\
		__noreturn extern void prefix ## suffix(void)		\
			__compiletime_error(msg);			\
		if (!(condition))					\
			prefix ## suffix();				\
	} while (0)
#else
#define __compiletime_assert(condition, msg, prefix, suffix) ((void)(condition))
#endif
#define _compiletime_assert(condition, msg, prefix, suffix)		\
	__compiletime_assert(condition, msg, prefix, suffix)
#define compiletime_assert(condition, msg)				\
	_compiletime_assert(condition, msg, __compiletime_assert_, __COUNTER__)
#endif

#ifndef __native_word
#define __native_word(t)						\
	(sizeof(t) == sizeof(char) || sizeof(t) == sizeof(short) ||	\
	 sizeof(t) == sizeof(int) || sizeof(t) == sizeof(long))
#endif
#ifndef compiletime_assert_atomic_type
#define compiletime_assert_atomic_type(t)				\
	compiletime_assert(__native_word(t),				\
		"Need native word sized stores/loads for atomicity.")
#endif

/*
 * evlsim__is_constexpr(x): 1 if @x is an integer constant expression, else 0; itself an
 * integer constant expression, and @x is not evaluated. Same result as the kernel's
 * __is_constexpr(), without its sizeof(void), which -Wpointer-arith rejects.
 */
#define evlsim__is_constexpr(x)						\
	_Generic(0 ? (void *)((long)(x) * 0l) : (char *)0, char *: 1, void *: 0)

/* Also in linux/compiler.h: same definitions, kept in sync. */
#ifndef BUILD_BUG_ON_ZERO
#define BUILD_BUG_ON_ZERO(e)	((int)(sizeof(struct { int:(-!!(e)); })))
#endif
#ifndef BUILD_BUG_ON_INVALID
#define BUILD_BUG_ON_INVALID(e)	((void)(sizeof((__force long)(e))))
#endif

/* Fails the build when @cond is true, with @msg as the diagnostic. */
#define BUILD_BUG_ON_MSG(cond, msg)	compiletime_assert(!(cond), msg)

/* Fails the build when @condition is true. */
#define BUILD_BUG_ON(condition) \
	BUILD_BUG_ON_MSG(condition, "BUILD_BUG_ON failed: " #condition)

/* Fails the build when @n is not a power of two (zero included). */
#define BUILD_BUG_ON_NOT_POWER_OF_2(n)			\
	BUILD_BUG_ON((n) == 0 || (((n) & ((n) - 1)) != 0))

/* Fails the build whenever the statement is reachable after optimisation. */
#define BUILD_BUG()	BUILD_BUG_ON_MSG(1, "BUILD_BUG failed")

/*
 * static_assert(expr[, msg]): C11 _Static_assert with an optional message; the
 * stringified expression is the message by default.
 */
#define static_assert(expr, ...)	__static_assert(expr, ##__VA_ARGS__, #expr)
#define __static_assert(expr, msg, ...)	_Static_assert(expr, msg)

/* Checks the offset of a member against an expected constant. */
#define ASSERT_STRUCT_OFFSET(type, field, expected_offset)		\
	BUILD_BUG_ON_MSG(offsetof(type, field) != (expected_offset),	\
		"Offset of " #field " in " #type " has changed.")

#endif /* _EVLSIM_LINUX_BUILD_BUG_H */
