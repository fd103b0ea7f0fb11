/* SPDX-License-Identifier: LGPL-2.1-or-later */
/* evlsim shim: faithful to linux v6.12 include/linux/compiler.h (the parts drivers use). */
#ifndef _EVLSIM_LINUX_COMPILER_H
#define _EVLSIM_LINUX_COMPILER_H

#include <linux/compiler_types.h>
#include <linux/stringify.h>

#define likely(x)		__builtin_expect(!!(x), 1)
#define unlikely(x)		__builtin_expect(!!(x), 0)
#define barrier()		__asm__ __volatile__("" : : : "memory")
#define barrier_data(ptr)	__asm__ __volatile__("" : : "r"(ptr) : "memory")

/*
 * Custom: a driver built with -DEVLSIM_SCHED_ATOMICS gets a scheduling point of the
 * simulator's (core/sched.h: where a test hook, the delay fault or the deterministic
 * scheduler may act) at every READ_ONCE(), WRITE_ONCE() and atomic operation
 * (linux/atomic.h), to widen the race windows between them. Off: nothing.
 */
#ifdef EVLSIM_SCHED_ATOMICS
__evlsim_export void evlsim__atomic_point(void);
#define EVLSIM__ATOMIC_POINT()	evlsim__atomic_point()
#else
#define EVLSIM__ATOMIC_POINT()	do { } while (0)
#endif

/* READ_ONCE/WRITE_ONCE: relaxed atomics (not volatile accesses) so ThreadSanitizer sees
 * them as the racy-on-purpose accesses they are. Same code on x86. */
#ifdef EVLSIM_SCHED_ATOMICS
#define READ_ONCE(x)							\
	({ EVLSIM__ATOMIC_POINT(); __atomic_load_n(&(x), __ATOMIC_RELAXED); })
#define WRITE_ONCE(x, val)						\
	({ EVLSIM__ATOMIC_POINT(); __atomic_store_n(&(x), (val), __ATOMIC_RELAXED); })
#else
#define READ_ONCE(x)		__atomic_load_n(&(x), __ATOMIC_RELAXED)
#define WRITE_ONCE(x, val)	__atomic_store_n(&(x), (val), __ATOMIC_RELAXED)
#endif

#define OPTIMIZER_HIDE_VAR(var)	__asm__ ("" : "=r" (var) : "0" (var))
#define __UNIQUE_ID(prefix)	__PASTE(__PASTE(__UNIQUE_ID_, prefix), __COUNTER__)
#define ___PASTE(a, b)		a##b
#define __PASTE(a, b)		___PASTE(a, b)

/* The kernel's sizeof(void) trick trips -Wpointer-arith: a _Generic form, same result. */
#define __is_constexpr(x) \
	_Generic((1 ? ((void *)((long)(x) * 0l)) : (int *)8), int *: 1, void *: 0)
#define __must_be_array(a)	BUILD_BUG_ON_ZERO(__same_type((a), &(a)[0]))
#define BUILD_BUG_ON_ZERO(e)	((int)(sizeof(struct { int:(-!!(e)); })))

#endif
