/* SPDX-License-Identifier: LGPL-2.1-or-later */
/* evlsim shim: faithful to linux v6.12 include/linux/stddef.h. */
#ifndef _EVLSIM_LINUX_STDDEF_H
#define _EVLSIM_LINUX_STDDEF_H

#undef NULL
#define NULL ((void *)0)

enum {
	false	= 0,
	true	= 1
};

#undef offsetof
#define offsetof(TYPE, MEMBER)	__builtin_offsetof(TYPE, MEMBER)
#define sizeof_field(TYPE, MEMBER) sizeof((((TYPE *)0)->MEMBER))
#define offsetofend(TYPE, MEMBER) (offsetof(TYPE, MEMBER) + sizeof_field(TYPE, MEMBER))

#endif
