/* SPDX-License-Identifier: LGPL-2.1-or-later */
/*
 * evlsim shim: custom re-implementation of linux v6.12 arch/x86/include/asm/barrier.h
 * and asm-generic/barrier.h on top of C11 atomics, same semantics.
 *
 * Why not the kernel's inline asm: ThreadSanitizer cannot see through asm, and only
 * understands acquire/release through __atomic builtins. smp_load_acquire() and
 * smp_store_release() are therefore __atomic loads and stores with those orders. Full
 * fences are __atomic_thread_fence(), except under -fsanitize=thread on x86_64 (GCC
 * rejects fences there with -Wtsan): the kernel's x86 forms (a locked add to the stack,
 * compiler barriers) are used then; TSan ignores standalone fences either way.
 */
#ifndef _EVLSIM_ASM_BARRIER_H
#define _EVLSIM_ASM_BARRIER_H

#include <linux/compiler.h>

#if defined(__SANITIZE_THREAD__) && defined(__x86_64__)
/* x86 TSO: loads are not reordered with loads, stores not with stores. */
#define evlsim__full_fence() \
	__asm__ __volatile__("lock; addl $0,-4(%%rsp)" : : : "memory", "cc")
#define evlsim__acquire_fence()	barrier()
#define evlsim__release_fence()	barrier()
#else
#define evlsim__full_fence()	__atomic_thread_fence(__ATOMIC_SEQ_CST)
#define evlsim__acquire_fence()	__atomic_thread_fence(__ATOMIC_ACQUIRE)
#define evlsim__release_fence()	__atomic_thread_fence(__ATOMIC_RELEASE)
#endif

#if defined(__x86_64__) || defined(__i386__)
#define evlsim__cpu_relax()	__asm__ __volatile__("pause" : : : "memory")
#else
#define evlsim__cpu_relax()	barrier()
#endif

/* Mandatory barriers: order against devices too. */
#define mb()	evlsim__full_fence()
#define rmb()	evlsim__full_fence()
#define wmb()	evlsim__full_fence()

/* SMP barriers: order memory accesses as seen by other CPUs. */
#define smp_mb()	evlsim__full_fence()
#define smp_rmb()	evlsim__acquire_fence()
#define smp_wmb()	evlsim__release_fence()

/* Turn a relaxed (void) atomic RMW into a fully ordered one. */
#define smp_mb__before_atomic()	smp_mb()
#define smp_mb__after_atomic()	smp_mb()

/* Upgrades a control dependency to acquire ordering. */
#define smp_acquire__after_ctrl_dep()	smp_rmb()

/* WRITE_ONCE() followed by a full barrier. */
#define smp_store_mb(var, value)					\
	do { (void)__atomic_exchange_n(&(var), (value), __ATOMIC_SEQ_CST); } while (0)

/* Store with release semantics: prior accesses are visible before the store is. */
#define smp_store_release(p, v)	__atomic_store_n((p), (v), __ATOMIC_RELEASE)

/* Load with acquire semantics: later accesses are not visible before the load is. */
#define smp_load_acquire(p)	__atomic_load_n((p), __ATOMIC_ACQUIRE)

/* Spin until @cond_expr (which may use VAL, the loaded value) holds; relaxed. */
#define smp_cond_load_relaxed(ptr, cond_expr) ({			\
	typeof(ptr) __PTR = (ptr);					\
	__auto_type VAL = READ_ONCE(*__PTR);				\
	for (;;) {							\
		if (cond_expr)						\
			break;						\
		evlsim__cpu_relax();					\
		VAL = READ_ONCE(*__PTR);				\
	}								\
	VAL;								\
})

/* Same as smp_cond_load_relaxed() with acquire ordering of the final load. */
#define smp_cond_load_acquire(ptr, cond_expr) ({			\
	typeof(ptr) __PTR = (ptr);					\
	__auto_type VAL = smp_load_acquire(__PTR);			\
	for (;;) {							\
		if (cond_expr)						\
			break;						\
		evlsim__cpu_relax();					\
		VAL = smp_load_acquire(__PTR);				\
	}								\
	VAL;								\
})

#endif /* _EVLSIM_ASM_BARRIER_H */
