/* SPDX-License-Identifier: LGPL-2.1-or-later */
/*
 * evlsim shim: linux v6.12 include/linux/percpu.h and percpu-defs.h, the part drivers use:
 * static per-CPU variables (DEFINE_PER_CPU), dynamic per-CPU memory (alloc_percpu()), and
 * reaching a CPU's copy (per_cpu_ptr(), per_cpu(), this_cpu_ptr(), this_cpu_*()).
 *
 * Custom: a per-CPU pointer designates CPU 0's copy; per_cpu_ptr() asks the simulator
 * for CPU n's. alloc_percpu() memory is zeroed for every CPU, as the kernel's. A
 * DEFINE_PER_CPU variable is CPU 0's copy; the other CPUs' copies are made the first time
 * the variable is reached through per_cpu_ptr()/per_cpu()/this_cpu_*(), from its value at
 * that moment (the kernel copies the initial value at boot): reach it whole (&var, not
 * &var.member) first. this_cpu_*() operations are relaxed atomics on the caller's copy.
 * Per-CPU memory is not charged to modules (no leak report).
 */
#ifndef _EVLSIM_LINUX_PERCPU_H
#define _EVLSIM_LINUX_PERCPU_H

#include <linux/types.h>
#include <linux/gfp.h>
#include <linux/smp.h>
#include <linux/cpumask.h>

__evlsim_export void *evlsim__percpu_ptr(void *ptr, size_t size, int cpu);

void __percpu *__alloc_percpu(size_t size, size_t align) __evlsim_ksym(__alloc_percpu);
void __percpu *__alloc_percpu_gfp(size_t size, size_t align, gfp_t gfp)
	__evlsim_ksym(__alloc_percpu_gfp);
void free_percpu(void __percpu *__pdata) __evlsim_ksym(free_percpu);

#define alloc_percpu(type)							\
	((type __percpu *)__alloc_percpu(sizeof(type), __alignof__(type)))
#define alloc_percpu_gfp(type, gfp)						\
	((type __percpu *)__alloc_percpu_gfp(sizeof(type), __alignof__(type), gfp))

#define DECLARE_PER_CPU(type, name)		extern __typeof__(type) name
#define DEFINE_PER_CPU(type, name)		__typeof__(type) name
#define DECLARE_PER_CPU_ALIGNED(type, name)	DECLARE_PER_CPU(type, name)
#define DEFINE_PER_CPU_ALIGNED(type, name)					\
	__typeof__(type) name __attribute__((__aligned__(64)))
#define DEFINE_PER_CPU_SHARED_ALIGNED(type, name) DEFINE_PER_CPU_ALIGNED(type, name)
#define EXPORT_PER_CPU_SYMBOL(var)
#define EXPORT_PER_CPU_SYMBOL_GPL(var)

#define per_cpu_ptr(ptr, cpu)							\
	((__typeof__(ptr))evlsim__percpu_ptr((void *)(ptr), sizeof(*(ptr)), (cpu)))
#define raw_cpu_ptr(ptr)	per_cpu_ptr(ptr, raw_smp_processor_id())
#define this_cpu_ptr(ptr)	raw_cpu_ptr(ptr)
#define per_cpu(var, cpu)	(*per_cpu_ptr(&(var), cpu))
#define get_cpu_ptr(var)	this_cpu_ptr(var)
#define put_cpu_ptr(var)	do { (void)(var); } while (0)
#define get_cpu_var(var)	(*this_cpu_ptr(&(var)))
#define put_cpu_var(var)	do { (void)&(var); } while (0)

#define this_cpu_read(pcp)	__atomic_load_n(this_cpu_ptr(&(pcp)), __ATOMIC_RELAXED)
#define this_cpu_write(pcp, val) __atomic_store_n(this_cpu_ptr(&(pcp)), (val), __ATOMIC_RELAXED)
#define this_cpu_add(pcp, val)	((void)__atomic_fetch_add(this_cpu_ptr(&(pcp)), (val), \
							  __ATOMIC_RELAXED))
#define this_cpu_sub(pcp, val)	this_cpu_add(pcp, -(__typeof__(pcp))(val))
#define this_cpu_inc(pcp)	this_cpu_add(pcp, 1)
#define this_cpu_dec(pcp)	this_cpu_sub(pcp, 1)
#define this_cpu_add_return(pcp, val)						\
	__atomic_add_fetch(this_cpu_ptr(&(pcp)), (val), __ATOMIC_RELAXED)
#define this_cpu_inc_return(pcp)	this_cpu_add_return(pcp, 1)
#define __this_cpu_read(pcp)		this_cpu_read(pcp)
#define __this_cpu_write(pcp, val)	this_cpu_write(pcp, val)
#define __this_cpu_add(pcp, val)	this_cpu_add(pcp, val)
#define __this_cpu_inc(pcp)		this_cpu_inc(pcp)
#define __this_cpu_dec(pcp)		this_cpu_dec(pcp)
#define raw_cpu_read(pcp)		this_cpu_read(pcp)
#define raw_cpu_write(pcp, val)		this_cpu_write(pcp, val)

#endif /* _EVLSIM_LINUX_PERCPU_H */
