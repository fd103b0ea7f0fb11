/* SPDX-License-Identifier: LGPL-2.1-or-later */
/*
 * evlsim shim: faithful to linux v6.12 include/linux/fcntl.h and the x86_64 values of
 * include/uapi/asm-generic/fcntl.h it reaches: the open(2) flags a driver tests in
 * f_flags (O_NONBLOCK, O_APPEND, ...), Dovetail's O_OOB. linux/fs.h includes it, as in
 * the kernel.
 */
#ifndef _EVLSIM_LINUX_FCNTL_H
#define _EVLSIM_LINUX_FCNTL_H

#include <linux/types.h>

/* open(2) flags, x86_64 values (include/uapi/asm-generic/fcntl.h) */
#define O_ACCMODE	00000003
#define O_RDONLY	00000000
#define O_WRONLY	00000001
#define O_RDWR		00000002
#define O_CREAT		00000100
#define O_EXCL		00000200
#define O_NOCTTY	00000400
#define O_TRUNC		00001000
#define O_APPEND	00002000
#define O_NONBLOCK	00004000
#define O_NDELAY	O_NONBLOCK
#define O_DSYNC		00010000
#define FASYNC		00020000
#define O_DIRECT	00040000
#define O_LARGEFILE	00100000
#define O_DIRECTORY	00200000
#define O_NOFOLLOW	00400000
#define O_NOATIME	01000000
#define O_CLOEXEC	02000000
#define __O_SYNC	04000000
#define O_SYNC		(__O_SYNC|O_DSYNC)
#define O_PATH		010000000
#define __O_TMPFILE	020000000
/* Dovetail/EVL: ask a driver for out-of-band capabilities (include/uapi/evl/fcntl-abi.h) */
#define O_OOB		010000000000

#define F_DUPFD		0
#define F_GETFD		1
#define F_SETFD		2
#define F_GETFL		3
#define F_SETFL		4
#define FD_CLOEXEC	1

#define VALID_OPEN_FLAGS \
	(O_RDONLY | O_WRONLY | O_RDWR | O_CREAT | O_EXCL | O_NOCTTY | O_TRUNC | \
	 O_APPEND | O_NDELAY | O_NONBLOCK | __O_SYNC | O_DSYNC | \
	 FASYNC | O_DIRECT | O_LARGEFILE | O_DIRECTORY | O_NOFOLLOW | \
	 O_NOATIME | O_CLOEXEC | O_PATH | __O_TMPFILE)

#endif /* _EVLSIM_LINUX_FCNTL_H */
