/* SPDX-License-Identifier: LGPL-2.1-or-later */
/*
 * evlsim: libevl r47 <evl/xbuf.h> (xbuf-evl.h in libevl), the cross-buffer: a pair of
 * byte rings between an in-band and an oob side. oob_write() feeds what read() gets
 * (i_bufsz, the inbound ring), write() feeds what oob_read() gets (o_bufsz, outbound):
 *
 *	fd = evl_new_xbuf(1024, "log");
 *	oob_write(fd, msg, len);		(from an EVL thread: never blocks in-band)
 *	read(fd, buf, sizeof(buf));		(from any thread)
 *
 * Writes are whole or fail (-1/EAGAIN with O_NONBLOCK); a blocking read waits for the
 * whole count (EINVAL past the ring's size), a non-blocking one takes what is there
 * (EAGAIN if nothing); ENOBUFS on a ring of size 0. poll(2) and the oob poll group see
 * POLLIN/POLLOUT of their own side. Closing the last descriptor wakes oob waiters with
 * EIDRM. evl_create_xbuf() returns the descriptor (O_CLOEXEC) or -EINVAL (both sizes 0,
 * or one over 2^30), -EOPNOTSUPP for a public xbuf (not simulated), -ENOMEM, -EMFILE.
 */
#ifndef _EVLSIM_USER_EVL_XBUF_H
#define _EVLSIM_USER_EVL_XBUF_H

#include <sys/types.h>
#include <evl/syscall.h>
#include <uapi/evl/factory-abi.h>

#define evl_new_xbuf(__bufsz, __fmt, __args...)			\
	evl_create_xbuf(__bufsz, __bufsz, EVL_CLONE_PRIVATE, __fmt, ##__args)

#ifdef __cplusplus
extern "C" {
#endif

int evl_create_xbuf(size_t i_bufsz, size_t o_bufsz, int flags, const char *fmt, ...)
	__attribute__((format(printf, 4, 5)));

#ifdef __cplusplus
}
#endif

#endif
