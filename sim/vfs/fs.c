// SPDX-License-Identifier: LGPL-2.1-or-later
/*
 * The in-band VFS path (kernel world): struct file lifetime, the fd table, and the
 * routing of open/close/read/write/pread/pwrite/ioctl/lseek/dup/fcntl on simulated files
 * to a driver's file_operations, with the error codes of fs/open.c, fs/read_write.c,
 * fs/ioctl.c, fs/fcntl.c and fs/file.c.
 *
 * Lifetime. Each fd slot holds one reference on its struct file (->f_count); in-band
 * syscalls take a temporary one with fget(). The out-of-band path takes none: it
 * publishes the file in the caller's thread state and rechecks the slot
 * (evlsim__oob_file_probe(), internal.h). close() clears the slot first, so a new oob
 * call on that fd gets EBADF at once, then drops the slot's reference. The last fput()
 * waits for an RCU grace period (no in-band lookup is still looking at the file) and
 * issues the oob barrier (every oob caller that found the file is visible), then runs
 * ->release in the context of the caller, so that close() returns only after ->release
 * has returned; evl_release_file() in there waits for the oob callers.
 */
#include <linux/fs.h>
#include <linux/cdev.h>
#include <linux/compat.h>
#include <linux/slab.h>
#include <linux/uaccess.h>
#include <linux/anon_inodes.h>
#include <linux/file.h>
#include <evl/file.h>
#include <linux/ioctl.h>
#include "kinternal.h"

struct file *evlsim__fdt[EVLSIM_NR_FDS];
int evlsim__nr_sim_files;

/* Serializes fd table updates with the real descriptor operations that go with them. */
static struct evlsim_mutex fdt_lock = EVLSIM_MUTEX_INITIALIZER;

#define SETFL_MASK (O_APPEND | O_NONBLOCK | O_NDELAY | O_DIRECT | O_NOATIME)
#define FD_CLOEXEC 1
#define F_DUPFD		0
#define F_GETFD		1
#define F_SETFD		2
#define F_GETFL		3
#define F_SETFL		4
#define F_DUPFD_CLOEXEC	1030
#define FIGETBSZ	2

/* ------------------------------------------------------------------------------------ */

struct inode *evlsim__new_inode(dev_t rdev, umode_t mode)
{
	struct inode *inode = evlsim__zalloc(sizeof(*inode));
	static unsigned long last_ino = 1000;

	inode->i_rdev = rdev;
	inode->i_mode = mode;
	inode->i_ino = __atomic_add_fetch(&last_ino, 1, __ATOMIC_RELAXED);
	atomic_set(&inode->i_count, 1);
	return inode;
}

void evlsim__iget(struct inode *inode)
{
	atomic_inc(&inode->i_count);
}

void evlsim__iput(struct inode *inode)
{
	if (inode && atomic_dec_and_test(&inode->i_count))
		evlsim__free(inode);
}

static struct file *alloc_file(struct inode *inode, unsigned int flags)
{
	struct file *filp = evlsim__zalloc(sizeof(*filp));

	atomic_long_set(&filp->f_count, 1);
	filp->f_inode = inode;
	filp->f_flags = flags;
	init_oob_fstate(&filp->f_oob_state);
	__atomic_add_fetch(&evlsim__nr_sim_files, 1, __ATOMIC_RELAXED);
	return filp;
}

/* The file whose ->release the calling thread runs (evl_release_file() on freed memory). */
__thread struct file *evlsim__releasing_file __attribute__((tls_model("initial-exec")));

/* __fput(), after ->release: an oob-capable file must have been released. */
static void evl_release_check(struct file *filp)
{
	if (__atomic_load_n(&filp->f_oob_state.data, __ATOMIC_ACQUIRE)) {
		evlsim__report(EVLSIM_REPORT_RULE, "evl-release-file",
			       "%s: ->release() returned without calling evl_release_file() on a file set up with evl_open_file(); oob callers may still run on freed memory",
			       module_name(filp->f_op->owner));
		filp->f_oob_state.data = NULL;
	}
}

static void free_file(struct file *filp)
{
	evlsim__iput(filp->f_inode);
	evlsim__free(filp);
	__atomic_sub_fetch(&evlsim__nr_sim_files, 1, __ATOMIC_RELAXED);
}

static void __fput(struct file *filp)
{
	struct inode *inode = filp->f_inode;

	/*
	 * No lookup that found this file in an fd slot is still running after this, and
	 * the oob syscalls in flight on it are visible to evl_release_file().
	 */
	evlsim__synchronize_rcu();
	evlsim__oob_barrier();

	if ((filp->f_mode & (FMODE_OPENED | FMODE_PATH)) == FMODE_OPENED) {
		if (filp->f_op->release) {
			struct file *outer = evlsim__releasing_file;

			evlsim__releasing_file = filp;
			filp->f_op->release(inode, filp);
			evlsim__releasing_file = outer;
		}
		evl_release_check(filp);
		evlsim__chrdev_release(filp);
		fops_put(filp->f_op);
		evlsim__acct_file(filp->evlsim_acct_owner, -1);
	}
	/* oob callers that probed a file that is not oob-capable back off at once */
	evlsim__oob_file_drain(filp);
	free_file(filp);
}

/**
 * fget_raw - take a reference on the file open on @fd in the calling process
 * Returns the file (O_PATH files included), or NULL when @fd is not open (or not a
 * simulated file).
 */
struct file *fget_raw(unsigned int fd)
{
	struct file *filp;
	long count;

	if (fd >= EVLSIM_NR_FDS)
		return NULL;

	evlsim__rcu_read_lock();
	filp = __atomic_load_n(&evlsim__fdt[fd], __ATOMIC_ACQUIRE);
	if (filp) {
		/* inc-not-zero: a file whose last reference is gone is being released */
		count = atomic_long_read(&filp->f_count);
		do {
			if (!count) {
				filp = NULL;
				break;
			}
		} while (!atomic_long_try_cmpxchg(&filp->f_count, &count, count + 1));
	}
	evlsim__rcu_read_unlock();

	return filp;
}

/**
 * fput - drop a reference on a file; the last one releases it (->release runs here).
 */
void fput(struct file *filp)
{
	if (atomic_long_dec_and_test(&filp->f_count))
		__fput(filp);
}

/* fget - the same, except that O_PATH files are not usable for I/O: NULL for them */
struct file *fget(unsigned int fd)
{
	struct file *filp = fget_raw(fd);

	if (filp && (filp->f_mode & FMODE_PATH)) {
		fput(filp);
		filp = NULL;
	}
	return filp;
}

static struct file *fdget(int fd)
{
	return fget(fd);
}

static int install_fd(int fd, struct file *filp)
{
	if ((unsigned int)fd >= EVLSIM_NR_FDS)
		return -EMFILE;
	__atomic_store_n(&evlsim__fdt[fd], filp, __ATOMIC_RELEASE);
	return fd;
}

/* ------------------------------------------------------------------------------------ */

/* what an O_PATH file gets: no operation at all */
static const struct file_operations empty_fops = {};

/*
 * do_dentry_open() for a character device node: the file starts with the char device
 * fops, whose ->open (chrdev_open) looks up the cdev and switches to the driver's fops.
 */
static int do_dentry_open(struct file *filp, struct inode *inode, unsigned int flags)
{
	int ret;

	if (flags & O_PATH) {
		filp->f_mode = FMODE_PATH | FMODE_OPENED;
		filp->f_op = &empty_fops;
		return 0;
	}

	/* OPEN_FMODE(): 0 -> read, 1 -> write, 2 -> both, 3 -> neither (ioctl only) */
	filp->f_mode = (((flags + 1) & O_ACCMODE) | FMODE_LSEEK | FMODE_PREAD | FMODE_PWRITE);

	ret = evlsim__chrdev_open(inode, filp);
	if (ret)
		return ret;

	filp->f_mode |= FMODE_OPENED;
	filp->evlsim_acct_owner = filp->f_op->owner;	/* resource accounting */
	evlsim__acct_file(filp->evlsim_acct_owner, 1);
	if ((filp->f_mode & FMODE_READ) && (filp->f_op->read || filp->f_op->read_iter))
		filp->f_mode |= FMODE_CAN_READ;
	if ((filp->f_mode & FMODE_WRITE) && (filp->f_op->write || filp->f_op->write_iter))
		filp->f_mode |= FMODE_CAN_WRITE;
	if ((filp->f_mode & FMODE_LSEEK) && !filp->f_op->llseek)
		filp->f_mode &= ~FMODE_LSEEK;

	return 0;
}

long evlsim__sys_open(const char *path, int flags, unsigned int mode)
{
	unsigned int fflags;
	struct inode *inode;
	struct file *filp;
	int fd, ret;

	evlsim__inband_syscall_enter();

	inode = evlsim__node_lookup(path);
	if (!inode)
		return -ENOENT;

	ret = -ENOTDIR;
	if (flags & O_DIRECTORY)
		goto fail_inode;
	ret = -EEXIST;
	if ((flags & (O_CREAT | O_EXCL)) == (O_CREAT | O_EXCL))
		goto fail_inode;

	/* get_unused_fd_flags() comes before the open, as in do_sys_openat2() */
	fd = evlsim__fd_reserve(!!(flags & O_CLOEXEC));
	if (fd < 0) {
		ret = fd;
		goto fail_inode;
	}
	if ((unsigned int)fd >= EVLSIM_NR_FDS) {
		evlsim__fd_real_close(fd);
		ret = -EMFILE;
		goto fail_inode;
	}

	/* f_flags: open_flag minus the creation-time bits and O_CLOEXEC, plus O_LARGEFILE
	 * (force_o_largefile() on 64-bit) */
	if (flags & O_PATH)	/* build_open_flags(): O_PATH keeps only O_PATH_FLAGS */
		fflags = flags & (O_DIRECTORY | O_NOFOLLOW | O_PATH);
	else
		fflags = (flags & ~(O_CREAT | O_EXCL | O_NOCTTY | O_TRUNC | O_CLOEXEC)) |
			 O_LARGEFILE;
	filp = alloc_file(inode, fflags);	/* takes over the inode reference */
	ret = do_dentry_open(filp, inode, flags);
	if (ret) {
		free_file(filp);
		evlsim__fd_real_close(fd);
		return ret;
	}

	evlsim__mutex_lock(&fdt_lock);
	install_fd(fd, filp);
	evlsim__mutex_unlock(&fdt_lock);

	return fd;

fail_inode:
	evlsim__iput(inode);
	return ret;
}

/* filp_close(): ->flush on every close of an fd, then drop the fd's reference. */
static int filp_flush_close(struct file *filp)
{
	int retval = 0;

	if ((filp->f_mode & FMODE_OPENED) && filp->f_op->flush)
		retval = filp->f_op->flush(filp, (fl_owner_t)evlsim__fdt);
	fput(filp);
	return retval;
}

long evlsim__sys_close(int fd)
{
	struct file *filp;
	int ret;

	evlsim__inband_syscall_enter();

	evlsim__mutex_lock(&fdt_lock);
	filp = (unsigned int)fd < EVLSIM_NR_FDS ? evlsim__fdt[fd] : NULL;
	if (!filp) {
		evlsim__mutex_unlock(&fdt_lock);
		return -EBADF;
	}
	/* From here on, oob_*() on this fd number fails with EBADF (spec 3.3, step 1). */
	__atomic_store_n(&evlsim__fdt[fd], NULL, __ATOMIC_RELEASE);
	evlsim__fd_real_close(fd);
	evlsim__mutex_unlock(&fdt_lock);

	ret = filp_flush_close(filp);
	/* can't restart close syscall because file table entry was cleared */
	if (ret == -ERESTARTSYS || ret == -ERESTARTNOINTR ||
	    ret == -ERESTARTNOHAND || ret == -ERESTART_RESTARTBLOCK)
		ret = -EINTR;

	return ret;
}

/* ------------------------------------------------------------------------------------ */

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

static ssize_t vfs_read(struct file *filp, char __user *buf, size_t count, loff_t *pos)
{
	ssize_t ret;

	if (!(filp->f_mode & FMODE_READ))
		return -EBADF;
	if (!(filp->f_mode & FMODE_CAN_READ))
		return -EINVAL;
	if (unlikely(!access_ok(buf, count)))
		return -EFAULT;
	ret = rw_verify_area(filp, pos, count);
	if (ret)
		return ret;
	if (count > MAX_RW_COUNT)
		count = MAX_RW_COUNT;

	if (filp->f_op->read) {
		ret = filp->f_op->read(filp, buf, count, pos);
		evlsim__check_handler_return("read", filp->f_op->read);
		return evlsim__check_ret(filp, "read", ret, count);
	}
	evlsim__report(EVLSIM_REPORT_NOTICE, "read_iter",
		       "%s: ->read_iter() is not simulated, read(2) fails with EINVAL",
		       module_name(filp->f_op->owner));
	return -EINVAL;
}

static ssize_t vfs_write(struct file *filp, const char __user *buf, size_t count,
			 loff_t *pos)
{
	ssize_t ret;

	if (!(filp->f_mode & FMODE_WRITE))
		return -EBADF;
	if (!(filp->f_mode & FMODE_CAN_WRITE))
		return -EINVAL;
	if (unlikely(!access_ok(buf, count)))
		return -EFAULT;
	ret = rw_verify_area(filp, pos, count);
	if (ret)
		return ret;
	if (count > MAX_RW_COUNT)
		count = MAX_RW_COUNT;

	if (filp->f_op->write) {
		ret = filp->f_op->write(filp, buf, count, pos);
		evlsim__check_handler_return("write", filp->f_op->write);
		return evlsim__check_ret(filp, "write", ret, count);
	}
	evlsim__report(EVLSIM_REPORT_NOTICE, "write_iter",
		       "%s: ->write_iter() is not simulated, write(2) fails with EINVAL",
		       module_name(filp->f_op->owner));
	return -EINVAL;
}

static inline loff_t *file_ppos(struct file *filp)
{
	return filp->f_mode & FMODE_STREAM ? NULL : &filp->f_pos;
}

long evlsim__sys_read(int fd, void *buf, size_t count)
{
	struct file *filp;
	loff_t pos, *ppos;
	ssize_t ret;

	evlsim__inband_syscall_enter();

	filp = fdget(fd);
	if (!filp)
		return -EBADF;
	ppos = file_ppos(filp);
	if (ppos) {
		pos = *ppos;
		ppos = &pos;
	}
	ret = vfs_read(filp, buf, count, ppos);
	if (ret >= 0 && ppos)
		filp->f_pos = pos;
	fput(filp);

	return ret;
}

long evlsim__sys_write(int fd, const void *buf, size_t count)
{
	struct file *filp;
	loff_t pos, *ppos;
	ssize_t ret;

	evlsim__inband_syscall_enter();

	filp = fdget(fd);
	if (!filp)
		return -EBADF;
	ppos = file_ppos(filp);
	if (ppos) {
		pos = *ppos;
		ppos = &pos;
	}
	ret = vfs_write(filp, buf, count, ppos);
	if (ret >= 0 && ppos)
		filp->f_pos = pos;
	fput(filp);

	return ret;
}

long evlsim__sys_pread(int fd, void *buf, size_t count, long long pos)
{
	struct file *filp;
	ssize_t ret;
	loff_t lpos = pos;

	evlsim__inband_syscall_enter();

	if (pos < 0)
		return -EINVAL;
	filp = fdget(fd);
	if (!filp)
		return -EBADF;
	ret = -ESPIPE;
	if (filp->f_mode & FMODE_PREAD)
		ret = vfs_read(filp, buf, count, &lpos);
	fput(filp);

	return ret;
}

long evlsim__sys_pwrite(int fd, const void *buf, size_t count, long long pos)
{
	struct file *filp;
	ssize_t ret;
	loff_t lpos = pos;

	evlsim__inband_syscall_enter();

	if (pos < 0)
		return -EINVAL;
	filp = fdget(fd);
	if (!filp)
		return -EBADF;
	ret = -ESPIPE;
	if (filp->f_mode & FMODE_PWRITE)
		ret = vfs_write(filp, buf, count, &lpos);
	fput(filp);

	return ret;
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
	switch (whence) {
	case SEEK_SET:
		break;
	case SEEK_CUR:
		offset += file->f_pos;
		break;
	default:
		return -EINVAL;
	}
	return vfs_setpos(file, offset, LLONG_MAX);
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

	filp = fdget(fd);
	if (!filp)
		return -EBADF;
	ret = -EINVAL;
	if ((unsigned int)whence <= SEEK_MAX) {
		if (!(filp->f_mode & FMODE_LSEEK))
			ret = -ESPIPE;
		else
			ret = filp->f_op->llseek(filp, offset, whence);
	}
	fput(filp);

	return ret;
}

/* ------------------------------------------------------------------------------------ */

static long vfs_ioctl(struct file *filp, unsigned int cmd, unsigned long arg)
{
	long error;

	if (!filp->f_op->unlocked_ioctl)
		return -ENOTTY;
	error = filp->f_op->unlocked_ioctl(filp, cmd, arg);
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
			error = filp->f_op->fasync(fd, filp, on);
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

	filp = fdget(fd);
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
				error = filp->f_op->compat_ioctl(filp, cmd, arg);
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

/* ------------------------------------------------------------------------------------ */

long evlsim__sys_dup(int fd, int minfd, int cloexec)
{
	struct file *filp;
	int newfd;

	evlsim__inband_syscall_enter();

	evlsim__mutex_lock(&fdt_lock);
	filp = (unsigned int)fd < EVLSIM_NR_FDS ? evlsim__fdt[fd] : NULL;
	if (!filp) {
		evlsim__mutex_unlock(&fdt_lock);
		return -EBADF;
	}
	newfd = evlsim__fd_real_dupfd(fd, minfd, cloexec);
	if (newfd >= 0) {
		if ((unsigned int)newfd >= EVLSIM_NR_FDS) {
			evlsim__fd_real_close(newfd);
			newfd = -EMFILE;
		} else {
			install_fd(newfd, get_file(filp));
		}
	}
	evlsim__mutex_unlock(&fdt_lock);

	return newfd;
}

/*
 * dup2()/dup3() where either side is simulated. The real dup3() makes newfd refer to
 * oldfd's descriptor (closing whatever newfd was); the table follows, and a simulated file
 * that newfd referred to is closed as close() would (->flush, then its reference dropped).
 */
long evlsim__sys_dup3(int oldfd, int newfd, int flags, int is_dup2)
{
	struct file *oldf, *prev;
	int ret;

	evlsim__inband_syscall_enter();

	if (!is_dup2 && (flags & ~O_CLOEXEC))
		return -EINVAL;

	evlsim__mutex_lock(&fdt_lock);
	oldf = (unsigned int)oldfd < EVLSIM_NR_FDS ? evlsim__fdt[oldfd] : NULL;
	if (oldfd == newfd) {
		evlsim__mutex_unlock(&fdt_lock);
		if (!is_dup2)
			return -EINVAL;
		if (oldf)
			return newfd;
		return evlsim__fd_real_getfd(oldfd) < 0 ? -EBADF : newfd;
	}
	ret = evlsim__fd_real_dup3(oldfd, newfd, !!(flags & O_CLOEXEC));
	if (ret < 0) {
		evlsim__mutex_unlock(&fdt_lock);
		return ret;
	}
	prev = (unsigned int)newfd < EVLSIM_NR_FDS ? evlsim__fdt[newfd] : NULL;
	if ((unsigned int)newfd < EVLSIM_NR_FDS)
		__atomic_store_n(&evlsim__fdt[newfd], oldf ? get_file(oldf) : NULL,
				 __ATOMIC_RELEASE);
	evlsim__mutex_unlock(&fdt_lock);

	if (prev)
		filp_flush_close(prev);

	return newfd;
}

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
		error = filp->f_op->fasync(fd, filp, (arg & FASYNC) != 0);
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

/* ---- anonymous inode files and descriptor installation --------------------------------- */

static struct inode *anon_inode;
static struct evlsim_mutex anon_lock = EVLSIM_MUTEX_INITIALIZER;

static struct inode *get_anon_inode(void)
{
	evlsim__mutex_lock(&anon_lock);
	if (!anon_inode)
		anon_inode = evlsim__new_inode(0, S_IRUSR | S_IWUSR);
	evlsim__iget(anon_inode);
	evlsim__mutex_unlock(&anon_lock);
	return anon_inode;
}

/**
 * anon_inode_getfile - a new file on the shared anonymous inode, with @fops
 * Returns the file (one reference) or ERR_PTR(-ENOENT) if @fops' module is going away.
 */
struct file *anon_inode_getfile(const char *name, const struct file_operations *fops,
				void *priv, int flags)
{
	struct file *filp;

	if (!fops_get(fops))
		return ERR_PTR(-ENOENT);
	filp = alloc_file(get_anon_inode(), flags & (O_ACCMODE | O_NONBLOCK));
	filp->f_op = fops;
	filp->private_data = priv;
	filp->f_mode = ((flags + 1) & O_ACCMODE) | FMODE_OPENED;
	filp->evlsim_acct_owner = fops->owner;		/* resource accounting */
	evlsim__acct_file(filp->evlsim_acct_owner, 1);
	if ((filp->f_mode & FMODE_READ) && (fops->read || fops->read_iter))
		filp->f_mode |= FMODE_CAN_READ;
	if ((filp->f_mode & FMODE_WRITE) && (fops->write || fops->write_iter))
		filp->f_mode |= FMODE_CAN_WRITE;
	return filp;
}

int get_unused_fd_flags(unsigned flags)
{
	int fd = evlsim__fd_reserve(!!(flags & O_CLOEXEC));

	if (fd >= 0 && (unsigned int)fd >= EVLSIM_NR_FDS) {
		evlsim__fd_real_close(fd);
		return -EMFILE;
	}
	return fd;
}

void put_unused_fd(unsigned int fd)
{
	evlsim__fd_real_close(fd);
}

/* Takes over the caller's reference on @file. */
void fd_install(unsigned int fd, struct file *file)
{
	evlsim__mutex_lock(&fdt_lock);
	WARN_ON(evlsim__fdt[fd] != NULL);
	install_fd(fd, file);
	evlsim__mutex_unlock(&fdt_lock);
}

int anon_inode_getfd(const char *name, const struct file_operations *fops, void *priv,
		     int flags)
{
	struct file *filp;
	int fd;

	fd = get_unused_fd_flags(flags);
	if (fd < 0)
		return fd;
	filp = anon_inode_getfile(name, fops, priv, flags);
	if (IS_ERR(filp)) {
		put_unused_fd(fd);
		return PTR_ERR(filp);
	}
	fd_install(fd, filp);
	return fd;
}

/* in_compat_syscall() (<linux/compat.h>): the caller simulates a 32-bit task */
bool in_compat_syscall(void)
{
	struct evlsim_thread *t = evlsim__self;

	return t && t->compat;
}
