// SPDX-License-Identifier: LGPL-2.1-or-later
/*
 * The EVL system heap (kernel world), spec 5.13: evl_alloc(), evl_zalloc(), evl_free(),
 * usable from either stage, on the C library's allocator.
 */
#include <linux/types.h>
#include <evl/memory.h>
#include "kinternal.h"

/* The C library's allocator, declared here: kernel-world code sees no libc header. */
extern void *malloc(size_t size);
extern void *calloc(size_t n, size_t size);
extern void free(void *p);

void *evl_alloc(size_t size)
{
	evlsim__check_service(EVLSIM_SVC_evl_alloc);
	return size ? malloc(size) : NULL;
}

void *evl_zalloc(size_t size)
{
	return size ? calloc(1, size) : NULL;
}

void evl_free(void *ptr)
{
	evlsim__check_service(EVLSIM_SVC_evl_free);
	free(ptr);
}
