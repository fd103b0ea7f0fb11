/* SPDX-License-Identifier: LGPL-2.1-or-later */
/*
 * evlsim: the kernel line driver code is built for (EVLSIM_KERNEL_LINE, see
 * linux/version.h), and EVLSIM_KERNEL_AT_LEAST(major, minor), the test the shim headers
 * use where an API differs between lines. Included by every header that depends on it.
 */
#ifndef _EVLSIM_KERNEL_LINE_H
#define _EVLSIM_KERNEL_LINE_H

#ifndef EVLSIM_KERNEL_LINE
#define EVLSIM_KERNEL_LINE	618	/* the newest line */
#endif

#if EVLSIM_KERNEL_LINE != 601 && EVLSIM_KERNEL_LINE != 606 && \
	EVLSIM_KERNEL_LINE != 612 && EVLSIM_KERNEL_LINE != 618
#error "EVLSIM_KERNEL_LINE must be 601, 606, 612 or 618 (kernel lines 6.1, 6.6, 6.12, 6.18)"
#endif

#define EVLSIM_KERNEL_AT_LEAST(major, minor)	(EVLSIM_KERNEL_LINE >= (major) * 100 + (minor))

#endif /* _EVLSIM_KERNEL_LINE_H */
