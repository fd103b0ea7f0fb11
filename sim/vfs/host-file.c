// SPDX-License-Identifier: LGPL-2.1-or-later
/*
 * Host files (kernel world): a real descriptor of the process (a pipe, /dev/null, an
 * eventfd, the terminal) seen from kernel code as a struct file, so that a simulated
 * element can hold it and relay data to it as the kernel holds any file: the proxy
 * element takes its target with fget() on a board, where every descriptor is a file.
 *
 * The wrapper owns a duplicate of the descriptor (close-on-exec), so the program may
 * close its own number meanwhile, as it may on a board; the duplicate is closed when the
 * wrapper's last reference goes. ->read and ->write are read(2) and write(2) on it,
 * which block as the host file does; its open flags (O_NONBLOCK included) are the
 * host's. No ->poll, ->mmap or ->llseek: a kernel caller sees -ENODEV or -ESPIPE.
 */
#include <linux/fs.h>
#include <linux/file.h>
#include <linux/anon_inodes.h>
#include <linux/err.h>
#include "kinternal.h"

static inline int host_fd(struct file *filp)
{
	return (int)(long)filp->private_data;
}

/* in-band; @buf is any memory of the process (kernel_read() passes a kernel buffer) */
static ssize_t host_read(struct file *filp, char __user *buf, size_t count, loff_t *ppos)
{
	return evlsim__fd_real_read(host_fd(filp), (void __force *)buf, count);
}

/* in-band */
static ssize_t host_write(struct file *filp, const char __user *buf, size_t count,
			  loff_t *ppos)
{
	return evlsim__fd_real_write(host_fd(filp), (const void __force *)buf, count);
}

static int host_release(struct inode *inode, struct file *filp)
{
	evlsim__fd_real_close(host_fd(filp));
	return 0;
}

static const struct file_operations host_fops = {
	.read		= host_read,
	.write		= host_write,
	.release	= host_release,
};

/**
 * evlsim__fget_any - the file open on @fd, simulated or real
 * @fd: a descriptor of the process
 *
 * Returns fget(@fd) for a simulated file; for a real descriptor of the host, a new file
 * (one reference) over a duplicate of it, readable and writable as the host's is; NULL
 * if @fd is not open, or cannot be duplicated (EMFILE).
 */
struct file *evlsim__fget_any(unsigned int fd)
{
	struct file *filp = fget_raw(fd);
	int fl, dup;

	if (filp && (filp->f_mode & FMODE_PATH)) {	/* not usable for I/O, as fget() */
		fput(filp);
		return NULL;
	}
	if (filp || fd > INT_MAX)
		return filp;
	fl = evlsim__fd_real_getfl((int)fd);
	if (fl < 0 || (fl & O_PATH))
		return NULL;
	dup = evlsim__fd_real_dupfd((int)fd, 0, 1);
	if (dup < 0)
		return NULL;
	filp = anon_inode_getfile("[evlsim-host]", &host_fops, (void *)(long)dup,
				  fl & (O_ACCMODE | O_NONBLOCK));
	if (IS_ERR(filp)) {
		evlsim__fd_real_close(dup);
		return NULL;
	}
	filp->f_mode |= FMODE_STREAM;
	return filp;
}
