/* SPDX-License-Identifier: LGPL-2.1-or-later */
/*
 * evlsim: libevl <evl/proxy.h> (proxy-evl.h in libevl), the proxy element: a ring
 * between out-of-band callers and a file that has in-band I/O only, so that an EVL
 * thread can write to a pipe, a terminal or a log without leaving the oob stage:
 *
 *	pfd = evl_new_proxy(fd, 4096, "log");	(output: oob_write() -> write(fd))
 *	oob_write(pfd, msg, len);		(from an EVL thread: whole, or waits)
 *	evl_printf("x=%d\n", x);		(the proxy of stdout, from any stage)
 *
 * EVL_CLONE_INPUT makes the other direction: oob_read() gets what read(fd) gives.
 * The target may be any descriptor: a simulated file or a real one of the host.
 * Errors (-1/errno from oob_write()/oob_read(), -errno from the evl_* calls): ENXIO
 * (direction not enabled), EFBIG (count over the ring's size), EINVAL (count not a
 * multiple of the granularity), EAGAIN (O_NONBLOCK, no room), EBADF (the proxy was
 * closed while waiting). evl_create_proxy() returns the descriptor (O_CLOEXEC) or
 * -EBADF (targetfd not open), -EINVAL (bufsz over 2^30, granularity not dividing it,
 * a direction with bufsz 0, another flag), -EOPNOTSUPP for a public proxy (not
 * simulated), -ENOMEM, -EMFILE.
 */
#ifndef _EVLSIM_USER_EVL_PROXY_H
#define _EVLSIM_USER_EVL_PROXY_H

#include <stdarg.h>
#include <stdio.h>
#include <sys/types.h>
#include <linux/types.h>
#include <uapi/evl/proxy-abi.h>
#include <uapi/evl/factory-abi.h>

#define evl_new_proxy(__targetfd, __bufsz, __fmt, __args...)		\
	evl_create_proxy(__targetfd, __bufsz, 0, EVL_CLONE_PRIVATE,	\
			 __fmt, ##__args)

#ifdef __cplusplus
extern "C" {
#endif

int evl_create_proxy(int targetfd, size_t bufsz, size_t granularity, int flags,
		     const char *fmt, ...) __attribute__((format(printf, 5, 6)));

ssize_t evl_write_proxy(int proxyfd, const void *buf, size_t count);

ssize_t evl_read_proxy(int proxyfd, void *buf, size_t count);

ssize_t evl_vprint_proxy(int proxyfd, const char *fmt, va_list ap)
	__attribute__((format(printf, 2, 0)));

ssize_t evl_print_proxy(int proxyfd, const char *fmt, ...)
	__attribute__((format(printf, 2, 3)));

ssize_t evl_printf(const char *fmt, ...) __attribute__((format(printf, 1, 2)));

ssize_t evl_eprintf(const char *fmt, ...) __attribute__((format(printf, 1, 2)));

int evl_stdout(void);

int evl_stderr(void);

#ifdef __cplusplus
}
#endif

#endif
