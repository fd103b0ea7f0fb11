/* SPDX-License-Identifier: LGPL-2.1-or-later */
/*
 * evlsim: libevl r47 <evl/compiler.h>, the compiler helpers libevl's headers and programs
 * use (attribute shorthands, container_of, bit counts, a compiler barrier). Each is
 * defined only where the program has not defined it already.
 */
#ifndef _EVLSIM_USER_EVL_COMPILER_H
#define _EVLSIM_USER_EVL_COMPILER_H

#include <sys/types.h>
#include <stddef.h>
#include <stdint.h>
#include <limits.h>

#ifndef container_of
#define container_of(__ptr, __type, __member)					\
	({									\
		const __typeof__(((__type *)0)->__member) *__mp = (__ptr);	\
		(__type *)((char *)__mp - offsetof(__type, __member));		\
	})
#endif

#ifndef __stringify
#define __stringify_1(__x...)	#__x
#define __stringify(__x...)	__stringify_1(__x)
#endif

#ifndef __noreturn
#define __noreturn		__attribute__((__noreturn__))
#endif
#ifndef __must_check
#define __must_check		__attribute__((__warn_unused_result__))
#endif
#ifndef __weak
#define __weak			__attribute__((__weak__))
#endif
#ifndef __maybe_unused
#define __maybe_unused		__attribute__((__unused__))
#endif
#ifndef __always_inline
#define __always_inline		__attribute__((__always_inline__))
#endif
#ifndef __aligned
#define __aligned(__n)		__attribute__((__aligned__(__n)))
#endif
#ifndef __deprecated
#define __deprecated		__attribute__((__deprecated__))
#endif
#ifndef __packed
#define __packed		__attribute__((__packed__))
#endif
#ifndef __fallthrough
#define __fallthrough		__attribute__((__fallthrough__))
#endif
#ifndef __alloc_size
#define __alloc_size(__a)	__attribute__((__alloc_size__(__a)))
#endif
#ifndef __align_to
#define __align_to(__size, __al)	(((__size) + (__al) - 1) & (~((__al) - 1)))
#endif

/* leading and trailing zero bits of an integer of any width (its width for 0) */
#define __lzcount(__x)							\
	((__x) == 0 ? (int)(sizeof(__x) * __CHAR_BIT__) :		\
	 sizeof(__x) <= sizeof(int) ?					\
	 __builtin_clz((int)(__x)) - (int)((sizeof(int) - sizeof(__x)) * __CHAR_BIT__) : \
	 sizeof(__x) <= sizeof(long) ? __builtin_clzl((long)(__x)) :	\
	 __builtin_clzll(__x))

#define __tzcount(__x)							\
	((__x) == 0 ? (int)(sizeof(__x) * __CHAR_BIT__) :		\
	 sizeof(__x) <= sizeof(int) ? __builtin_ctz((int)(__x)) :	\
	 sizeof(__x) <= sizeof(long) ? __builtin_ctzl((long)(__x)) :	\
	 __builtin_ctzll(__x))

/* a read the compiler cannot drop */
#define __force_read_access(__var)						\
	do {									\
		__typeof__(__var) __v = *((volatile __typeof__(__var) *)&(__var)); \
		(void)__v;							\
	} while (0)

#define compiler_barrier()	__asm__ __volatile__("" : : : "memory")

/* offsets in a shared memory area, and back */
#define __memoff(__base, __addr)	((uintptr_t)((char *)(__addr) - (char *)(__base)))
#define __memptr(__base, __off)		((void *)((char *)(__base) + (__off)))

#endif
