/* SPDX-License-Identifier: LGPL-2.1-or-later */
/* evlsim uapi: faithful to linux-evl include/uapi/evl/fcntl-abi.h. */
#ifndef _EVLSIM_UAPI_EVL_FCNTL_ABI_H
#define _EVLSIM_UAPI_EVL_FCNTL_ABI_H

/* Ask a driver for out-of-band capabilities at open(2); must match asm-generic/fcntl.h */
#define O_OOB	010000000000

#endif
