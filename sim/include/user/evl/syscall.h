/* SPDX-License-Identifier: LGPL-2.1-or-later */
/*
 * evlsim: libevl r47 <evl/syscall.h>, the raw out-of-band I/O calls.
 *
 * They behave like read(2)/write(2)/ioctl(2): -1 with errno on failure (EPERM for a
 * thread that is not attached to EVL, EBADF for a bad or non-oob-capable fd, EINVAL or
 * ENOTTY for a missing handler, or the handler's error), the handler's non-negative
 * result otherwise. An in-band EVL thread is switched out-of-band first, and stays there.
 */
#ifndef _EVLSIM_USER_EVL_SYSCALL_H
#define _EVLSIM_USER_EVL_SYSCALL_H

#include <sys/types.h>

#ifdef __cplusplus
extern "C" {
#endif

ssize_t oob_read(int efd, void *buf, size_t count);
ssize_t oob_write(int efd, const void *buf, size_t count);
int oob_ioctl(int efd, unsigned long request, ...);

#ifdef __cplusplus
}
#endif

#endif
