/* SPDX-License-Identifier: LGPL-2.1-or-later */
/*
 * Simulated CPUs, per-CPU memory and the FPU (core/cpu.c, core/fpu.c).
 *
 * Shared by both worlds: plain C and compiler builtins only (see core/base.h).
 */
#ifndef _EVLSIM_SIM_CORE_CPU_H
#define _EVLSIM_SIM_CORE_CPU_H

#include "core/base.h"

struct evlsim_thread;

/* The most CPUs simulated (CONFIG_NR_CPUS of the shim). */
#define EVLSIM_NR_CPUS		64

/*
 * The number of simulated CPUs: $EVLSIM_CPUS (1 to EVLSIM_NR_CPUS), else the host's
 * online CPUs (capped). Simulated CPU n runs on host CPU n modulo the host's count.
 */
int evlsim__online_cpus(void);
/* The host's online CPU count. */
int evlsim__host_cpus(void);
/*
 * The simulated CPU the caller runs on: the one its interrupt context runs for, else the
 * one it is bound to, else the host CPU it runs on now (sched_getcpu()) modulo the count.
 */
EVLSIM_EXPORT int evlsim__cpu_current(void);
/* Bind @t (NULL: the caller) to simulated CPU @cpu, -1 to unbind; the caller itself is
 * also pinned on the host CPU @cpu runs on, where the host lets it. 0 or -EINVAL. */
int evlsim__cpu_bind(struct evlsim_thread *t, int cpu);
/* The CPU @t is bound to, -1 if none. */
int evlsim__cpu_bound(struct evlsim_thread *t);
/* Run the caller as CPU @cpu's interrupt context (-1: end it); returns the previous one. */
int evlsim__cpu_ctx_set(int cpu);

/*
 * Per-CPU memory: a per-CPU pointer designates CPU 0's copy; CPU n's copy is found with
 * evlsim__percpu_ptr(). Blocks come from an arena with one unit per simulated CPU, copy n
 * at the same offset in unit n. A variable defined outside the arena (DEFINE_PER_CPU) is
 * given copies for the other CPUs the first time it is looked up, initialised from its
 * value then.
 */
void *evlsim__percpu_alloc(evlsim_size_t size, evlsim_size_t align);	/* zeroed, or NULL */
void evlsim__percpu_free(void *ptr);
EVLSIM_EXPORT void *evlsim__percpu_ptr(void *ptr, evlsim_size_t size, int cpu);

/* The FPU (fpu.c): host features (evl_x86_xmm2 | evl_x86_avx), begin/end of a section. */
EVLSIM_EXPORT unsigned int evlsim__fpu_features(void);
EVLSIM_EXPORT int evlsim__fpu_begin(void);
EVLSIM_EXPORT void evlsim__fpu_end(void);

/*
 * The calling thread is between evl_begin_fpu() and evl_end_fpu(): the x87, SSE and AVX
 * registers it loaded are its own until the end, across the switches it makes. The
 * kernel's code never touches them; the simulator's machinery that a switch runs in the
 * thread (the sleep and the wake-up, built with the vector registers and calling the C
 * library) may, so it saves them first (evlsim__fpu_guard_enter()) and restores them
 * before it returns (evlsim__fpu_guard_leave()). Both and their callers' frames that run
 * before the save are built with general registers only. Guards nest, each saving.
 * libevlsim is built with the general registers only: what may still touch the vector
 * registers is foreign code it calls (EVLSIM_FPU_GUARDED()) and the sleep (core/sleep.c).
 */
extern __thread int evlsim__fpu_live __attribute__((tls_model("initial-exec")));

/*
 * A program's own threads: on a board, a system call leaves their FPU registers as they
 * were. A program that tests them learns the features first with libevl's
 * evl_detect_fpu(); from then on, each simulated call saves them at its outermost entry
 * and restores them at its end (evlsim__call_enter()), and threads switching to oob stop
 * taking the oob fast path, which has no such entry. Other programs, whose compiled code
 * never keeps a value in these caller-saved registers across a call, pay nothing.
 */
extern int evlsim__fpu_user;
void evlsim__fpu_user_detect(struct evlsim_thread *self);
void evlsim__fpu_call_enter(struct evlsim_thread *t);
void evlsim__fpu_call_leave(struct evlsim_thread *t);
#if defined(__x86_64__)
#define EVLSIM_GENERAL_REGS_ONLY	__attribute__((target("general-regs-only")))
#else
#define EVLSIM_GENERAL_REGS_ONLY
#endif
EVLSIM_GENERAL_REGS_ONLY void evlsim__fpu_guard_enter(void);
EVLSIM_GENERAL_REGS_ONLY void evlsim__fpu_guard_leave(void);

/*
 * @stmt calls code built with the vector registers (the C library's allocator, stdio,
 * its unwinder, getenv() and the string functions it selects at run time, AVX2 code on
 * hosts without AVX-512): guarded when the thread is inside an FPU section. Both worlds
 * use it (kernel/slab.c, check/lockdep.c). The simulator's own
 * code is built with the general registers only, as the kernel's.
 */
#define EVLSIM_FPU_GUARDED(stmt)						\
	do {									\
		const int fpu_guarded__ = evlsim__fpu_live;			\
										\
		if (evlsim_unlikely(fpu_guarded__))				\
			evlsim__fpu_guard_enter();				\
		stmt;								\
		if (evlsim_unlikely(fpu_guarded__))				\
			evlsim__fpu_guard_leave();				\
	} while (0)

#endif /* _EVLSIM_SIM_CORE_CPU_H */
