// SPDX-License-Identifier: LGPL-2.1-or-later
/*
 * ioctl(2) on simulated files (kernel world), after fs/ioctl.c: FIONBIO, FIOASYNC,
 * FIGETBSZ and the rest to ->unlocked_ioctl or ->compat_ioctl, compat_ptr_ioctl().
 */
#include <linux/fs.h>
#include <linux/compat.h>
#include <linux/uaccess.h>
#include <linux/file.h>
#include <linux/ioctl.h>
#include "kinternal.h"

#define FIGETBSZ	2
#define FD_CLOEXEC	1

static long vfs_ioctl(struct file *filp, unsigned int cmd, unsigned long arg)
{
	long error;

	if (!filp->f_op->unlocked_ioctl)
		return -ENOTTY;
	error = EVLSIM_SCHED_HANDLER(filp->f_op->unlocked_ioctl(filp, cmd, arg));
	evlsim__check_handler_return("unlocked_ioctl", filp->f_op->unlocked_ioctl);
	evlsim__check_ret(filp, "unlocked_ioctl", error, ULONG_MAX);
	if (error == -ENOIOCTLCMD)
		error = -ENOTTY;
	return error;
}

static int ioctl_fionbio(struct file *filp, int __user *argp)
{
	int on;

	if (get_user(on, argp))
		return -EFAULT;
	if (on)
		filp->f_flags |= O_NONBLOCK;
	else
		filp->f_flags &= ~O_NONBLOCK;
	return 0;
}

static int ioctl_fioasync(int fd, struct file *filp, int __user *argp)
{
	unsigned int flag;
	int on, error = 0;

	if (get_user(on, argp))
		return -EFAULT;
	flag = on ? FASYNC : 0;
	if ((flag ^ filp->f_flags) & FASYNC) {
		if (filp->f_op->fasync)
			error = EVLSIM_SCHED_HANDLER(filp->f_op->fasync(fd, filp, on));
		else
			error = -ENOTTY;
	}
	return error < 0 ? error : 0;
}

/* do_vfs_ioctl(): the generic requests; -ENOIOCTLCMD sends the request to the driver. */
static long do_vfs_ioctl(struct file *filp, int fd, unsigned int cmd, unsigned long arg)
{
	void __user *argp = (void __user *)arg;
	int ret;

	switch (cmd) {
	case FIOCLEX:
		ret = evlsim__fd_real_setfd(fd, FD_CLOEXEC);
		return ret < 0 ? ret : 0;
	case FIONCLEX:
		ret = evlsim__fd_real_setfd(fd, 0);
		return ret < 0 ? ret : 0;
	case FIONBIO:
		return ioctl_fionbio(filp, argp);
	case FIOASYNC:
		return ioctl_fioasync(fd, filp, argp);
	case FIOQSIZE:
		return -ENOTTY;		/* only for directories, files and links */
	case FIGETBSZ:
		return put_user(PAGE_SIZE, (int __user *)argp);
	default:
		return -ENOIOCTLCMD;
	}
}

long evlsim__sys_ioctl(int fd, unsigned int cmd, unsigned long arg)
{
	struct file *filp;
	long error;

	evlsim__inband_syscall_enter();

	filp = fget(fd);
	if (!filp)
		return -EBADF;

	if (!in_compat_syscall()) {
		error = do_vfs_ioctl(filp, fd, cmd, arg);
		if (error == -ENOIOCTLCMD)
			error = vfs_ioctl(filp, cmd, arg);
	} else {
		/* compat_sys_ioctl(): same generic requests, then ->compat_ioctl only */
		error = do_vfs_ioctl(filp, fd, cmd, (unsigned long)compat_ptr(arg));
		if (error == -ENOIOCTLCMD) {
			error = -ENOTTY;
			if (filp->f_op->compat_ioctl) {
				error = EVLSIM_SCHED_HANDLER(filp->f_op->compat_ioctl(filp, cmd, arg));
				evlsim__check_handler_return("compat_ioctl", filp->f_op->compat_ioctl);
				evlsim__check_ret(filp, "compat_ioctl", error, ULONG_MAX);
				if (error == -ENOIOCTLCMD)
					error = -ENOTTY;
			}
		}
	}
	fput(filp);

	return error;
}

long compat_ptr_ioctl(struct file *file, unsigned int cmd, unsigned long arg)
{
	if (!file->f_op->unlocked_ioctl)
		return -ENOIOCTLCMD;
	return file->f_op->unlocked_ioctl(file, cmd, (unsigned long)compat_ptr(arg));
}

long compat_ptr_oob_ioctl(struct file *file, unsigned int cmd, unsigned long arg)
{
	if (!file->f_op->oob_ioctl)
		return -ENOIOCTLCMD;
	return file->f_op->oob_ioctl(file, cmd, (unsigned long)compat_ptr(arg));
}
