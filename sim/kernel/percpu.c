// SPDX-License-Identifier: LGPL-2.1-or-later
/*
 * Dynamic per-CPU memory (kernel world), after mm/percpu.c: one zeroed copy per simulated
 * CPU, carved from the simulator's per-CPU arena (core/cpu.c).
 */
#include <linux/kernel.h>
#include <linux/percpu.h>
#include "kinternal.h"

/**
 * __alloc_percpu - allocate dynamic per-CPU memory (alloc_percpu())
 * @size: size of each copy
 * @align: alignment, a power of 2 up to PAGE_SIZE
 *
 * In-band only. Returns the per-CPU pointer (CPU 0's copy), every copy zeroed, or NULL
 * for a zero or oversized @size, a bad @align, or when memory runs out (failslab).
 */
void __percpu *__alloc_percpu(size_t size, size_t align)
{
	evlsim__check_service(EVLSIM_SVC___alloc_percpu);
	if (evlsim__should_fail(EVLSIM_FAULT_SLAB, size))
		return NULL;
	return evlsim__percpu_alloc(size, align);
}

void __percpu *__alloc_percpu_gfp(size_t size, size_t align, gfp_t gfp)
{
	return __alloc_percpu(size, align);
}

/**
 * free_percpu - free dynamic per-CPU memory
 * @__pdata: what alloc_percpu() returned, or NULL
 */
void free_percpu(void __percpu *__pdata)
{
	evlsim__check_service(EVLSIM_SVC_free_percpu);
	evlsim__percpu_free(__pdata);
}
