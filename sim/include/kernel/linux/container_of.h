/* SPDX-License-Identifier: LGPL-2.1-or-later */
/*
 * evlsim shim: faithful to linux v6.12 include/linux/container_of.h.
 * The pointer arithmetic is done on char * rather than void * (same result) so that
 * -Wpointer-arith stays quiet in driver code.
 */
#ifndef _EVLSIM_LINUX_CONTAINER_OF_H
#define _EVLSIM_LINUX_CONTAINER_OF_H

#include <linux/build_bug.h>
#include <linux/stddef.h>

#define typeof_member(T, m)	typeof(((T *)0)->m)

/**
 * container_of - get the enclosing object from a pointer to one of its members
 * @ptr:	address of the embedded member
 * @type:	type of the enclosing structure
 * @member:	name of that member in @type
 *
 * *@ptr must have the type of the member (or be void). The result drops any const
 * qualification of @ptr; container_of_const() keeps it.
 */
#define container_of(ptr, type, member) ({					\
	void *__mptr = (void *)(ptr);						\
	static_assert(__same_type(*(ptr), ((type *)0)->member) ||		\
		      __same_type(*(ptr), void),				\
		      "pointer type mismatch in container_of()");		\
	((type *)((char *)__mptr - offsetof(type, member))); })

/**
 * container_of_const - container_of() returning a const pointer for a const @ptr
 * @ptr:	address of the embedded member
 * @type:	type of the enclosing structure
 * @member:	name of that member in @type
 */
#define container_of_const(ptr, type, member)				\
	_Generic(ptr,							\
		const typeof(*(ptr)) *: ((const type *)container_of(ptr, type, member)),\
		default: ((type *)container_of(ptr, type, member))	\
	)

#endif /* _EVLSIM_LINUX_CONTAINER_OF_H */
