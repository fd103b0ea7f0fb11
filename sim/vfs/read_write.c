// SPDX-License-Identifier: LGPL-2.1-or-later
/*
 * read(2), write(2), pread(2), pwrite(2) and lseek(2) on simulated files (kernel world),
 * after fs/read_write.c: the area checks, the handlers' return checks, the llseek helpers
 * drivers use.
 */
#include <linux/fs.h>
#include <linux/compat.h>
#include <linux/uaccess.h>
#include <linux/file.h>
#include <linux/ioctl.h>
#include "kinternal.h"

long evlsim__check_ret(const struct file *filp, const char *handler, long ret,
		       unsigned long count)
{
	const char *drv = module_name(filp->f_op->owner);

	if (ret < -MAX_ERRNO)
		evlsim__report(EVLSIM_REPORT_DRIVER, "bad-return",
			       "%s: %s() returned %ld, which is neither a count nor an errno",
			       drv, handler, ret);
	else if (ret > 0 && (unsigned long)ret > count)
		evlsim__report(EVLSIM_REPORT_DRIVER, "bad-return",
			       "%s: %s() returned %ld for a request of %lu bytes",
			       drv, handler, ret, count);
	return ret;
}

static int rw_verify_area(struct file *filp, const loff_t *ppos, size_t count)
{
	if (unlikely((ssize_t)count < 0))
		return -EINVAL;
	if (ppos) {
		loff_t pos = *ppos;

		if (unlikely(pos < 0))
			return -EINVAL;
		if (unlikely((loff_t)(pos + count) < 0))
			return -EINVAL;
	}
	return 0;
}

/* the checks before a read or write handler; clamps *count to MAX_RW_COUNT */
static ssize_t rw_prepare(struct file *filp, fmode_t mode, fmode_t can, const void __user *buf,
			  size_t *count, loff_t *pos)
{
	ssize_t ret;

	if (!(filp->f_mode & mode))
		return -EBADF;
	if (!(filp->f_mode & can))
		return -EINVAL;
	if (unlikely(!access_ok(buf, *count)))
		return -EFAULT;
	ret = rw_verify_area(filp, pos, *count);
	if (ret)
		return ret;
	if (*count > MAX_RW_COUNT)
		*count = MAX_RW_COUNT;
	return 0;
}

/* a file with ->read_iter()/->write_iter() only */
static ssize_t no_iter(struct file *filp, const char *op)
{
	evlsim__report(EVLSIM_REPORT_NOTICE, op,
		       "%s: ->%s() is not simulated, %s(2) fails with EINVAL",
		       module_name(filp->f_op->owner), op, op[0] == 'r' ? "read" : "write");
	return -EINVAL;
}

/* vfs_read() and vfs_write() of fs/read_write.c in one: the checks, the handler, its return */
static ssize_t vfs_rw(struct file *filp, char __user *buf, size_t count, loff_t *pos,
		      bool write)
{
	const struct file_operations *fops = filp->f_op;
	const char *op = write ? "write" : "read";
	ssize_t ret;

	ret = rw_prepare(filp, write ? FMODE_WRITE : FMODE_READ,
			 write ? FMODE_CAN_WRITE : FMODE_CAN_READ, buf, &count, pos);
	if (ret)
		return ret;
	if (write ? !fops->write : !fops->read)
		return no_iter(filp, write ? "write_iter" : "read_iter");
	if (write) {
		ret = fops->write(filp, buf, count, pos);
		evlsim__check_handler_return(op, fops->write);
	} else {
		ret = fops->read(filp, buf, count, pos);
		evlsim__check_handler_return(op, fops->read);
	}
	return evlsim__check_ret(filp, op, ret, count);
}

/**
 * kernel_read - read from a file into kernel memory
 * @file: the file, open for reading
 * @buf: kernel buffer
 * @count: bytes to read (clamped to MAX_RW_COUNT)
 * @pos: position, NULL for a stream
 *
 * In-band. Returns the count read, -EBADF (not open for reading), -EINVAL (no ->read,
 * or a bad position), or the handler's error. The kernel calls ->read_iter; simulated
 * files have ->read, which gets @buf as its user pointer (one address space).
 */
ssize_t kernel_read(struct file *file, void *buf, size_t count, loff_t *pos)
{
	ssize_t ret;

	if (!(file->f_mode & FMODE_READ))
		return -EBADF;
	if (!(file->f_mode & FMODE_CAN_READ) || !file->f_op->read)
		return -EINVAL;
	ret = rw_verify_area(file, pos, count);
	if (ret)
		return ret;
	if (count > MAX_RW_COUNT)
		count = MAX_RW_COUNT;
	ret = EVLSIM_SCHED_HANDLER(file->f_op->read(file, (char __user __force *)buf, count, pos));
	return evlsim__check_ret(file, "read", ret, count);
}

/**
 * kernel_write - write kernel memory to a file
 * @file: the file, open for writing
 * @buf: kernel buffer
 * @count: bytes to write (clamped to MAX_RW_COUNT)
 * @pos: position, NULL for a stream
 *
 * In-band. Returns the count written, -EBADF (not open for writing), -EINVAL (no
 * ->write, or a bad position), or the handler's error (as kernel_read()).
 */
ssize_t kernel_write(struct file *file, const void *buf, size_t count, loff_t *pos)
{
	ssize_t ret;

	if (!(file->f_mode & FMODE_WRITE))
		return -EBADF;
	if (!(file->f_mode & FMODE_CAN_WRITE) || !file->f_op->write)
		return -EINVAL;
	ret = rw_verify_area(file, pos, count);
	if (ret)
		return ret;
	if (count > MAX_RW_COUNT)
		count = MAX_RW_COUNT;
	ret = EVLSIM_SCHED_HANDLER(file->f_op->write(file, (const char __user __force *)buf, count, pos));
	return evlsim__check_ret(file, "write", ret, count);
}

static inline loff_t *file_ppos(struct file *filp)
{
	return filp->f_mode & FMODE_STREAM ? NULL : &filp->f_pos;
}

/* read(2) and write(2): the file position copied in and back, none on a stream */
static long sys_rw(int fd, void *buf, size_t count, bool write)
{
	struct file *filp;
	loff_t pos, *ppos;
	ssize_t ret;

	evlsim__inband_syscall_enter();

	filp = fget(fd);
	if (!filp)
		return -EBADF;
	ppos = file_ppos(filp);
	if (ppos) {
		pos = *ppos;
		ppos = &pos;
	}
	ret = vfs_rw(filp, buf, count, ppos, write);
	if (ret >= 0 && ppos)
		filp->f_pos = pos;
	fput(filp);

	return ret;
}

long evlsim__sys_read(int fd, void *buf, size_t count)
{
	return sys_rw(fd, buf, count, false);
}

long evlsim__sys_write(int fd, const void *buf, size_t count)
{
	return sys_rw(fd, (void *)buf, count, true);
}

/* pread(2) and pwrite(2): ESPIPE on a file opened without FMODE_PREAD/FMODE_PWRITE */
static long sys_prw(int fd, void *buf, size_t count, long long pos, bool write)
{
	struct file *filp;
	ssize_t ret;
	loff_t lpos = pos;

	evlsim__inband_syscall_enter();

	if (pos < 0)
		return -EINVAL;
	filp = fget(fd);
	if (!filp)
		return -EBADF;
	ret = -ESPIPE;
	if (filp->f_mode & (write ? FMODE_PWRITE : FMODE_PREAD))
		ret = vfs_rw(filp, buf, count, &lpos, write);
	fput(filp);

	return ret;
}

long evlsim__sys_pread(int fd, void *buf, size_t count, long long pos)
{
	return sys_prw(fd, buf, count, pos, false);
}

long evlsim__sys_pwrite(int fd, const void *buf, size_t count, long long pos)
{
	return sys_prw(fd, (void *)buf, count, pos, true);
}

/* ------------------------------------------------------------------------------------ */

loff_t vfs_setpos(struct file *file, loff_t offset, loff_t maxsize)
{
	if (offset < 0 || offset > maxsize)
		return -EINVAL;
	if (offset != file->f_pos)
		file->f_pos = offset;
	return offset;
}

loff_t noop_llseek(struct file *file, loff_t offset, int whence)
{
	return file->f_pos;
}

/* linux/fs.h declares it for the kernel lines before 6.12 only; the simulator serves them */
loff_t no_llseek(struct file *file, loff_t offset, int whence) __evlsim_ksym(no_llseek);

loff_t no_llseek(struct file *file, loff_t offset, int whence)
{
	return -ESPIPE;
}

/* default_llseek() for a device: SEEK_END is relative to i_size, which is 0 here. */
loff_t default_llseek(struct file *file, loff_t offset, int whence)
{
	struct inode *inode = file_inode(file);
	loff_t retval;

	switch (whence) {
	case SEEK_END:
		offset += inode->i_size;
		break;
	case SEEK_CUR:
		if (offset == 0) {
			retval = file->f_pos;
			goto out;
		}
		offset += file->f_pos;
		break;
	case SEEK_DATA:
		if (offset >= inode->i_size) {
			retval = -ENXIO;
			goto out;
		}
		break;
	case SEEK_HOLE:
		if (offset >= inode->i_size) {
			retval = -ENXIO;
			goto out;
		}
		offset = inode->i_size;
		break;
	}
	retval = -EINVAL;
	if (offset >= 0) {
		if (offset != file->f_pos)
			file->f_pos = offset;
		retval = offset;
	}
out:
	return retval;
}

loff_t fixed_size_llseek(struct file *file, loff_t offset, int whence, loff_t size)
{
	switch (whence) {
	case SEEK_SET:
		break;
	case SEEK_CUR:
		offset += file->f_pos;
		break;
	case SEEK_END:
		offset += size;
		break;
	default:
		return -EINVAL;
	}
	return vfs_setpos(file, offset, size);
}

loff_t no_seek_end_llseek(struct file *file, loff_t offset, int whence)
{
	if (whence == SEEK_END)
		return -EINVAL;
	return fixed_size_llseek(file, offset, whence, LLONG_MAX);
}

int stream_open(struct inode *inode, struct file *filp)
{
	filp->f_mode &= ~(FMODE_LSEEK | FMODE_PREAD | FMODE_PWRITE | FMODE_ATOMIC_POS);
	filp->f_mode |= FMODE_STREAM;
	return 0;
}

int nonseekable_open(struct inode *inode, struct file *filp)
{
	filp->f_mode &= ~(FMODE_LSEEK | FMODE_PREAD | FMODE_PWRITE);
	return 0;
}

int generic_file_open(struct inode *inode, struct file *filp)
{
	return 0;
}

long long evlsim__sys_lseek(int fd, long long offset, int whence)
{
	struct file *filp;
	loff_t ret;

	evlsim__inband_syscall_enter();

	filp = fget(fd);
	if (!filp)
		return -EBADF;
	ret = -EINVAL;
	if ((unsigned int)whence <= SEEK_MAX) {
		if (!(filp->f_mode & FMODE_LSEEK))
			ret = -ESPIPE;
		else
			ret = EVLSIM_SCHED_HANDLER(filp->f_op->llseek(filp, offset, whence));
	}
	fput(filp);

	return ret;
}
