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

/* The C library's @fn, resolved on first use at each place that calls it. */
#define REAL(fn)							\
({									\
	static __typeof__(fn) *real_fn_ptr;				\
	__typeof__(fn) *__p = __atomic_load_n(&real_fn_ptr, __ATOMIC_ACQUIRE); \
	if (evlsim_unlikely(!__p)) {					\
		__p = (__typeof__(fn) *)evlsim__libc_symbol(#fn);	\
		__atomic_store_n(&real_fn_ptr, __p, __ATOMIC_RELEASE);	\
	}								\
	__p;								\
})

#endif /* _EVLSIM_SIM_CORE_LIBC_H */
