/* SPDX-License-Identifier: LGPL-2.1-or-later */
/*
 * evlsim shim: linux-evl include/evl/xbuf.h and kernel/evl/xbuf.c (K @342abec, spec 6.3):
 * the cross-buffer, a pair of byte rings between the two stages. A driver reaches the
 * xbuf a program gave it by descriptor (latmus: struct latmus_setup.u.measure.xfd) and
 * writes to its inbound ring, which the program reads in-band with read(), or reads its
 * outbound ring, which the program fills with write(). Implementation in sim/evl/xbuf.c.
 *
 *	xbuf = evl_get_xbuf(xfd, &efilp);		(NULL: not an xbuf)
 *	evl_write_xbuf(xbuf, &m, sizeof(m), O_NONBLOCK);
 *	evl_put_xbuf(efilp);
 *
 * Custom: the xbuf element is created by libevl's evl_create_xbuf() directly, without the
 * element factory (/dev/evl/xbuf/clone); a public name is refused (-EOPNOTSUPP). Where
 * the snapshot read leaks the file reference of evl_get_xbuf() on a file that is no
 * xbuf, the simulator drops it.
 */
#ifndef _EVLSIM_EVL_XBUF_H
#define _EVLSIM_EVL_XBUF_H

#include <linux/types.h>
#include <evl/file.h>

struct evl_xbuf;

/* The xbuf open on @efd, held through *@efilpp until evl_put_xbuf(); NULL if none. */
struct evl_xbuf *evl_get_xbuf(int efd, struct evl_file **efilpp) __evlsim_ksym(evl_get_xbuf);
void evl_put_xbuf(struct evl_file *efilp) __evlsim_ksym(evl_put_xbuf);

/*
 * From the kernel's side: read the outbound ring (what the program wrote), write the
 * inbound one (what the program reads). @f_flags O_NONBLOCK: -EAGAIN rather than wait;
 * a blocking call from a context that cannot block (in-band, an oob interrupt) fails with
 * -EPERM. Otherwise as the file's calls: 0 for @count 0, -ENOBUFS for a ring of size 0,
 * -EINVAL for a blocking read of more than the ring holds, whole writes only.
 */
ssize_t evl_read_xbuf(struct evl_xbuf *xbuf, void *buf, size_t count, int f_flags)
	__evlsim_ksym(evl_read_xbuf);
ssize_t evl_write_xbuf(struct evl_xbuf *xbuf, const void *buf, size_t count, int f_flags)
	__evlsim_ksym(evl_write_xbuf);

#endif
