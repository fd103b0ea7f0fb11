/* SPDX-License-Identifier: LGPL-2.1-or-later */
/* evlsim shim: faithful to linux v6.12 include/asm-generic/getorder.h. */
#ifndef _EVLSIM_ASM_GENERIC_GETORDER_H
#define _EVLSIM_ASM_GENERIC_GETORDER_H

#include <asm/page.h>

/**
 * get_order - the allocation order of a memory size
 * @size: the size, in bytes
 *
 * The smallest order whose block holds @size bytes: 0 for 1..PAGE_SIZE, 1 for up to two
 * pages, ...; get_order(0) is BITS_PER_LONG - PAGE_SHIFT, as in the kernel.
 */
static inline __attribute__((__const__)) int get_order(unsigned long size)
{
	size--;
	size >>= PAGE_SHIFT;
	return size ? 64 - __builtin_clzl(size) : 0;
}

#endif
