/* SPDX-License-Identifier: LGPL-2.1-or-later */
/*
 * evlsim shim: faithful to linux v6.12 include/linux/sort.h (lib/sort.c semantics): an
 * in-place heapsort, not stable, O(n log n) with no allocation and no recursion, so that
 * it may run from any context. A NULL @swap_func swaps the elements word by word or byte
 * by byte, as the kernel's default swap does.
 */
#ifndef _EVLSIM_LINUX_SORT_H
#define _EVLSIM_LINUX_SORT_H

#include <linux/types.h>

void sort_r(void *base, size_t num, size_t size, cmp_r_func_t cmp_func,
	    swap_r_func_t swap_func, const void *priv) __evlsim_ksym(sort_r);

void sort(void *base, size_t num, size_t size, cmp_func_t cmp_func,
	  swap_func_t swap_func) __evlsim_ksym(sort);

#endif /* _EVLSIM_LINUX_SORT_H */
