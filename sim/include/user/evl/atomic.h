/* SPDX-License-Identifier: LGPL-2.1-or-later */
/*
 * evlsim: libevl r47 <evl/atomic.h>: the atomic helpers libevl's programs use, on the
 * compiler's builtins. atomic_cmpxchg() returns the value found (the exchange happened if
 * it equals @__oldval), sequentially consistent; the _weak form is acquire/release.
 */
#ifndef _EVLSIM_USER_EVL_ATOMIC_H
#define _EVLSIM_USER_EVL_ATOMIC_H

#include <linux/types.h>
#include <errno.h>
#ifndef __cplusplus
#include <stdbool.h>
#include <stdatomic.h>
#endif

typedef int atomic_t;
typedef unsigned int uatomic_t;

#define atomic_read(__ptr)	__atomic_load_n(__ptr, __ATOMIC_ACQUIRE)

#define atomic_cmpxchg(__ptr, __oldval, __newval)				\
	({									\
		__typeof__(__oldval) __exp = (__oldval);			\
		__typeof__(__newval) __des = (__newval);			\
		__atomic_compare_exchange_n(__ptr, &__exp, __des, 1,		\
					    __ATOMIC_SEQ_CST, __ATOMIC_SEQ_CST); \
		__exp;								\
	})

#define atomic_cmpxchg_weak(__ptr, __oldval, __newval)				\
	({									\
		__typeof__(__oldval) __exp = (__oldval);			\
		__typeof__(__newval) __des = (__newval);			\
		__atomic_compare_exchange_n(__ptr, &__exp, __des, 1,		\
					    __ATOMIC_ACQ_REL, __ATOMIC_ACQUIRE); \
		__exp;								\
	})

#endif
