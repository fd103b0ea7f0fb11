// SPDX-License-Identifier: MIT
/*
 * tatomic: driver code whose accesses are scheduling points only in the build with
 * -DEVLSIM_SCHED_ATOMICS (TATOMIC_PREFIX names each build's function).
 */
#include <linux/module.h>
#include <linux/atomic.h>
#include "tatomic-abi.h"

int __PASTE(TATOMIC_PREFIX, _ops)(int *word, void *a)
{
	atomic_t *v = a;
	int seen = READ_ONCE(*word);

	WRITE_ONCE(*word, seen + 1);
	atomic_inc(v);
	return seen + atomic_read(v);
}

MODULE_LICENSE("GPL");
