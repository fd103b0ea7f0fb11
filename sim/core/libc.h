/* SPDX-License-Identifier: LGPL-2.1-or-later */
/*
 * The C library's own definitions of the functions libevlsim interposes (user world
 * only). The simulator's own I/O (the fault log, the page arena, the poll kick) and the
 * interposers' pass-through calls use them, never the interposers themselves.
 */
#ifndef _EVLSIM_SIM_CORE_LIBC_H
#define _EVLSIM_SIM_CORE_LIBC_H

#include "core/base.h"

/* The next definition of @name after libevlsim's (dlsym(RTLD_NEXT)); dies if none. */
void *evlsim__libc_symbol(const char *name);

/*
 * The C library's @fn as a pointer of @type, resolved on first use at each place that
 * calls it (an attribute-free @type where glibc's declaration carries nonnull, which the
 * compiler would otherwise trust for checks the simulator must make).
 */
#define REAL_AS(fn, type)						\
({									\
	static type *real_fn_ptr;					\
	type *__p = __atomic_load_n(&real_fn_ptr, __ATOMIC_ACQUIRE);	\
	if (evlsim_unlikely(!__p)) {					\
		__p = (type *)evlsim__libc_symbol(#fn);			\
		__atomic_store_n(&real_fn_ptr, __p, __ATOMIC_RELEASE);	\
	}								\
	__p;								\
})

/* The C library's @fn, with its own type. */
#define REAL(fn)	REAL_AS(fn, __typeof__(fn))

#endif /* _EVLSIM_SIM_CORE_LIBC_H */
