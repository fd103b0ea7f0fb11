/* SPDX-License-Identifier: LGPL-2.1-or-later */
/*
 * evlsim shim: linux v6.12 include/linux/gcd.h and lib/math/gcd.c, rewritten (Euclid's
 * algorithm rather than the kernel's binary one; same results).
 */
#ifndef _EVLSIM_LINUX_GCD_H
#define _EVLSIM_LINUX_GCD_H

#include <linux/compiler.h>

static inline unsigned long gcd(unsigned long a, unsigned long b)
{
	while (b) {
		unsigned long r = a % b;

		a = b;
		b = r;
	}
	return a;
}

#endif
