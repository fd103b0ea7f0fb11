// SPDX-License-Identifier: LGPL-2.1-or-later
/*
 * int_sqrt() (kernel world), after lib/math/int_sqrt.c: the integer square root,
 * rounded down, computed bit by bit.
 */
#include <linux/kernel.h>

/**
 * int_sqrt - integer square root
 * @x: the value
 *
 * Returns the largest r such that r * r <= @x.
 */
unsigned long int_sqrt(unsigned long x)
{
	unsigned long bit, root = 0;

	if (x < 2)
		return x;
	bit = 1UL << ((__fls(x)) & ~1UL);
	while (bit) {
		if (x >= root + bit) {
			x -= root + bit;
			root = (root >> 1) + bit;
		} else {
			root >>= 1;
		}
		bit >>= 2;
	}
	return root;
}
