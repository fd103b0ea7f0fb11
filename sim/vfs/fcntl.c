// SPDX-License-Identifier: LGPL-2.1-or-later
/*
 * fcntl(2) on simulated files (kernel world), after fs/fcntl.c.
 */
#include <linux/fs.h>
#include <linux/compat.h>
#include <linux/uaccess.h>
#include <linux/file.h>
#include <linux/ioctl.h>
#include "kinternal.h"

#define SETFL_MASK (O_APPEND | O_NONBLOCK | O_NDELAY | O_DIRECT | O_NOATIME)
#define FD_CLOEXEC 1
#define F_GETFD		1
#define F_SETFD		2
#define F_GETFL		3
#define F_SETFL		4
#define F_DUPFD_CLOEXEC	1030
#define F_DUPFD		0

static int setfl(int fd, struct file *filp, unsigned int arg)
{
	int error = 0;

	if ((arg & O_DIRECT) && !(filp->f_mode & FMODE_CAN_ODIRECT))
		return -EINVAL;

	if (filp->f_op->check_flags) {
		error = filp->f_op->check_flags(arg);
		if (error)
			return error;
	}

	if (((arg ^ filp->f_flags) & FASYNC) && filp->f_op->fasync) {
		error = EVLSIM_SCHED_HANDLER(filp->f_op->fasync(fd, filp, (arg & FASYNC) != 0));
		if (error < 0)
			return error;
		if (error > 0)
			error = 0;
	}
	/* ->f_lock is the in-band lock of the file; updates are rare and racy by design in
	 * the kernel too (readers sample f_flags without it) */
	filp->f_flags = (arg & SETFL_MASK) | (filp->f_flags & ~SETFL_MASK);

	return error;
}

/* fcntl() on a simulated fd; -ENOIOCTLCMD means: let the real fcntl handle it. */
long evlsim__sys_fcntl(int fd, int cmd, unsigned long arg)
{
	struct file *filp;
	long ret;

	evlsim__inband_syscall_enter();

	switch (cmd) {
	case F_DUPFD:
	case F_DUPFD_CLOEXEC:
		return evlsim__sys_dup(fd, (int)arg, cmd == F_DUPFD_CLOEXEC);
	case F_GETFD:
		return evlsim__fd_real_getfd(fd);
	case F_SETFD:
		return evlsim__fd_real_setfd(fd, (int)arg & FD_CLOEXEC);
	case F_GETFL:
	case F_SETFL:
		filp = fget_raw(fd);	/* fdget_raw(): fcntl works on O_PATH files */
		if (!filp)
			return -EBADF;
		if (cmd == F_GETFL)
			ret = filp->f_flags;
		else
			ret = setfl(fd, filp, (unsigned int)arg);
		fput(filp);
		return ret;
	default:
		return -ENOIOCTLCMD;
	}
}
