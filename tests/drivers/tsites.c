// SPDX-License-Identifier: GPL-2.0-only
/*
 * tsites: one function with several allocation call sites through the kernel's inline
 * helpers, for systematic fault mode (tests/unit/check_faults.c). Built twice, at -O0
 * and at -O2 (tests/local.mk), under the names TSITES_PREFIX_*(): each build must give
 * three sites, one per call, whatever the compiler inlined.
 */
#include <linux/module.h>
#include <linux/slab.h>
#include "tsites-abi.h"

#define TSITES_PASTE2(a, b)	a##b
#define TSITES_PASTE(a, b)	TSITES_PASTE2(a, b)
#define TSITES(name)		TSITES_PASTE(TSITES_PREFIX, name)

/* Two kzalloc() calls and a kcalloc() in one function: three sites. */
int TSITES(_three_helpers)(void)
{
	void *a, *b, *c;
	int ret = 0;

	a = kzalloc(16, GFP_KERNEL);
	if (!a)
		return -1;
	b = kzalloc(32, GFP_KERNEL);
	if (!b) {
		ret = -2;
		goto out_a;
	}
	c = kcalloc(4, 16, GFP_KERNEL);
	if (!c) {
		ret = -3;
		goto out_b;
	}
	kfree(c);
out_b:
	kfree(b);
out_a:
	kfree(a);
	return ret;
}
MODULE_LICENSE("GPL");
