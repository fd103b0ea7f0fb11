/* SPDX-License-Identifier: LGPL-2.1-or-later */
/*
 * evlsim shim: struct lock_class_key of linux v6.12 include/linux/lockdep_types.h, for
 * the APIs that take one. Stub: the simulator has no lockdep; the key is only a name.
 */
#ifndef _EVLSIM_LINUX_LOCKDEP_TYPES_H
#define _EVLSIM_LINUX_LOCKDEP_TYPES_H

struct lock_class_key {
	char dummy;
};

#endif
