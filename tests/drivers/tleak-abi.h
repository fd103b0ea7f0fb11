/* SPDX-License-Identifier: MIT */
/*
 * tleak's entry points, for the resource accounting suite; shared by the driver (kernel
 * world) and the test (user world): plain C and __kernel_size_t (<linux/types.h>, which
 * both worlds have).
 */
#ifndef _TLEAK_ABI_H
#define _TLEAK_ABI_H

#include <linux/types.h>

enum tleak_kind {
	TLEAK_KMALLOC,
	TLEAK_KZALLOC,
	TLEAK_KCALLOC,
	TLEAK_KVMALLOC,
	TLEAK_KREALLOC,
	TLEAK_KSTRDUP,		/* size: strlen + 1, at most 64 */
	TLEAK_KASPRINTF,	/* size: strlen + 1 */
	TLEAK_CACHE,		/* size ignored: TLEAK_CACHE_OBJSIZE */
	TLEAK_VMALLOC,
	TLEAK_VZALLOC,
	TLEAK_VMALLOC_USER,
	TLEAK_ALLOC_PAGES,	/* size: the order */
	TLEAK_GET_FREE_PAGES,	/* size: the order */
	TLEAK_ALLOC_PAGES_EXACT,
	TLEAK_EVL_ALLOC,
	TLEAK_EVL_ZALLOC,
	TLEAK_NR,
};

#define TLEAK_CACHE_OBJSIZE	48

/* allocates one object with allocator @kind: its slot, or a negated errno */
int tleak_alloc(int kind, __kernel_size_t size);
int tleak_free(int slot);
void tleak_free_all(void);	/* the kmem_cache too, which tleak's exit leaves */
int tleak_kthread_start(void);
int tleak_kthread_stop(void);
int tleak_work_queue(void);
int tleak_work_cancel(void);
int tleak_timer_arm(void);
int tleak_timer_disarm(void);
int tleak_device_register(void);
void tleak_device_deregister(void);
void tleak_modref_get(void);
void tleak_modref_put(void);

#endif
