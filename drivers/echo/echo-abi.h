/* SPDX-License-Identifier: GPL-2.0-only WITH Linux-syscall-note */
/*
 * echo: the ioctl ABI shared by the echo driver and its users. Builds in kernel code
 * (against the kernel's headers) and in user code (against the C library's uapi headers).
 */
#ifndef _ECHO_ABI_H
#define _ECHO_ABI_H

#include <linux/types.h>
#include <linux/ioctl.h>

#define ECHO_DEVICE_NAME	"echo"

struct echo_info {
	__u32 size;		/* capacity of the message buffer (module parameter) */
	__u32 len;		/* bytes of the current message */
	__u64 writes;		/* messages written, in-band and oob */
	__u64 reads;		/* messages read, in-band and oob */
};

#define ECHO_IOC_MAGIC		'E'
/* in-band and oob: the file's counters */
#define ECHO_IOC_GET_INFO	_IOR(ECHO_IOC_MAGIC, 0, struct echo_info)
/* in-band and oob: drop the current message */
#define ECHO_IOC_CLEAR		_IO(ECHO_IOC_MAGIC, 1)
/*
 * oob only: stay in the handler (spinning on the oob stage, as a driver waiting for a
 * device would) until ECHO_IOC_UNHOLD, the release of the file, or the given number of
 * milliseconds. Returns 0, -EIDRM (file released) or -ETIMEDOUT.
 */
#define ECHO_IOC_HOLD		_IOW(ECHO_IOC_MAGIC, 2, __u32)
/* in-band and oob: let every holder of this file go */
#define ECHO_IOC_UNHOLD		_IO(ECHO_IOC_MAGIC, 3)

#endif /* _ECHO_ABI_H */
