// SPDX-License-Identifier: LGPL-2.1-or-later
/*
 * The EVL system heap (kernel world), spec 5.13: evl_alloc(), evl_zalloc(), evl_free(),
 * usable from either stage, on the C library's allocator.
 */
#include <linux/types.h>
#include <evl/memory.h>
#include "kinternal.h"

/* charged to the caller's module (accounting.c) */
static inline __attribute__((always_inline)) void *evlsim__acct_evl(void *p, size_t size)
{
	evlsim__acct_alloc(EVLSIM_ACCT_EVL_ALLOC, p, size);
	return p;
}

/* The C library's allocator, declared here: kernel-world code sees no libc header. */
extern void *malloc(size_t size);
extern void *calloc(size_t n, size_t size);
extern void free(void *p);

void *evl_alloc(size_t size)
{
	evlsim__check_service(EVLSIM_SVC_evl_alloc);
	if (size && evlsim__should_fail(EVLSIM_FAULT_SLAB, size))
		return NULL;
	return evlsim__acct_evl(size ? malloc(size) : NULL, size);
}

void *evl_zalloc(size_t size)
{
	if (size && evlsim__should_fail(EVLSIM_FAULT_SLAB, size))
		return NULL;
	return evlsim__acct_evl(size ? calloc(1, size) : NULL, size);
}

void evl_free(void *ptr)
{
	evlsim__check_service(EVLSIM_SVC_evl_free);
	evlsim__acct_free(ptr);
	free(ptr);
}
