/* SPDX-License-Identifier: LGPL-2.1-or-later */
/*
 * evlsim uapi: faithful to linux-evl include/uapi/evl/factory-abi.h (element clone flags).
 * Shared by kernel and user code: depends on nothing.
 */
#ifndef _EVLSIM_UAPI_EVL_FACTORY_ABI_H
#define _EVLSIM_UAPI_EVL_FACTORY_ABI_H

#include <linux/types.h>

#define EVL_CLONE_PUBLIC	(1 << 16)
#define EVL_CLONE_PRIVATE	(0 << 16)
#define EVL_CLONE_OBSERVABLE	(1 << 17)
#define EVL_CLONE_NONBLOCK	(1 << 18)
#define EVL_CLONE_UNICAST	(1 << 19)
#define EVL_CLONE_INPUT		(1 << 20)
#define EVL_CLONE_OUTPUT	(1 << 21)
#define EVL_CLONE_SHAREABLE	(1 << 22)
#define EVL_CLONE_MASTER	(1 << 31)
#define EVL_CLONE_COREDEV	(1 << 30)
#define EVL_CLONE_MASK		(((__u32)-1 << 16) & ~EVL_CLONE_COREDEV)

#endif
