/* SPDX-License-Identifier: LGPL-2.1-or-later */
/*
 * evlsim shim: the EVL system heap calls of linux-evl include/evl/memory.h (spec 5.13),
 * usable from either stage. Custom: the chunks come from the C library's allocator (so
 * AddressSanitizer checks every access), not from a dedicated hard-locked heap; there is
 * no heap size to exhaust short of the process's memory. Implementation in
 * sim/evl/memory.c.
 */
#ifndef _EVLSIM_EVL_MEMORY_H
#define _EVLSIM_EVL_MEMORY_H

#include <linux/types.h>
#include <linux/evlsim-owner.h>

/* NULL for a size of 0 or when memory is exhausted */
void *evl_alloc(size_t size) __evlsim_ksym(evl_alloc);
void *evl_zalloc(size_t size) __evlsim_ksym(evl_zalloc);
/* @ptr from evl_alloc()/evl_zalloc(); NULL is ignored */
void evl_free(void *ptr) __evlsim_ksym(evl_free);

/* resource accounting: charged to the calling module (linux/evlsim-owner.h) */
#define evl_alloc(size)		__evlsim_owned(evl_alloc(size))
#define evl_zalloc(size)	__evlsim_owned(evl_zalloc(size))

#endif
