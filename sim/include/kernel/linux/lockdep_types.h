/* SPDX-License-Identifier: LGPL-2.1-or-later */
/*
 * evlsim shim: struct lock_class_key of linux v6.12 include/linux/lockdep_types.h, for
 * the APIs that take one. Custom: its address is a lock class of the simulator's lock
 * dependency validator (sim/check/lockdep.c), as the kernel's; it holds nothing.
 */
#ifndef _EVLSIM_LINUX_LOCKDEP_TYPES_H
#define _EVLSIM_LINUX_LOCKDEP_TYPES_H

struct lock_class_key {
	char dummy;
};

#endif
