/* SPDX-License-Identifier: MIT */
/*
 * tleak's entry points, for the resource accounting suite; shared by the driver (kernel
 * world) and the test (user world): plain C, no header.
 */
#ifndef _TLEAK_ABI_H
#define _TLEAK_ABI_H

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

#endif
