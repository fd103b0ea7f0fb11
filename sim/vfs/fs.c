// SPDX-License-Identifier: LGPL-2.1-or-later
/*
 * The in-band VFS path (kernel world): struct file lifetime, the fd table, open, close
 * and dup on simulated files, anonymous inode files, with the error codes of fs/open.c
 * and fs/file.c. read/write/lseek are in read_write.c, ioctl in ioctl.c, fcntl in
 * fcntl.c.
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
			evlsim__sched_point(EVLSIM_SP_FPUT_RELEASE);
			filp->f_op->release(inode, filp);
			evlsim__releasing_file = outer;
		}
		evl_release_check(filp);
		evlsim__chrdev_release(filp);
		/* uncharged before the module reference goes: an unload that can proceed
		 * once it is gone finds nothing of this file left */
		evlsim__acct_file(filp->evlsim_acct_owner, -1);
		fops_put(filp->f_op);
		evlsim__sched_point(EVLSIM_SP_FPUT);
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

static int install_fd(int fd, struct file *filp)
{
	if ((unsigned int)fd >= EVLSIM_NR_FDS)
		return -EMFILE;
	__atomic_store_n(&evlsim__fdt[fd], filp, __ATOMIC_SEQ_CST);
	return fd;
}

int evlsim__fd_busy[EVLSIM_NR_FDS];

static void fd_unreserve(int fd)
{
	__atomic_fetch_and(&evlsim__fd_busy[fd], ~EVLSIM_FD_RESERVED, __ATOMIC_SEQ_CST);
}

/* fd_install() of a reserved descriptor: the file first, then the reservation ends */
static void install_reserved(int fd, struct file *filp)
{
	evlsim__mutex_lock(&fdt_lock);
	install_fd(fd, filp);
	fd_unreserve(fd);
	evlsim__mutex_unlock(&fdt_lock);
}

/*
 * get_unused_fd_flags(), under the table lock as the kernel's alloc_fd(): a real eventfd
 * holds the number, marked reserved. An interposed close() (or dup2() onto the number)
 * that looked at it before the mark may still be on its way to the real call: then the
 * reservation waits for it to finish and keeps the number only if its eventfd survived,
 * else it starts over.
 */
static int reserve_fd(int cloexec)
{
	int fd, old;

	evlsim__mutex_lock(&fdt_lock);
	for (;;) {
		fd = evlsim__fd_reserve(cloexec);
		if (fd < 0)
			break;
		if ((unsigned int)fd >= EVLSIM_NR_FDS) {
			evlsim__fd_real_close(fd);
			fd = -EMFILE;
			break;
		}
		old = __atomic_fetch_or(&evlsim__fd_busy[fd], EVLSIM_FD_RESERVED, __ATOMIC_SEQ_CST);
		if (!(old & EVLSIM_FD_CALLS))
			break;
		while (__atomic_load_n(&evlsim__fd_busy[fd], __ATOMIC_ACQUIRE) & EVLSIM_FD_CALLS)
			evlsim__yield();
		if (evlsim__fd_is_reservation(fd, cloexec))
			break;
		__atomic_fetch_and(&evlsim__fd_busy[fd], ~EVLSIM_FD_RESERVED, __ATOMIC_SEQ_CST);
	}
	evlsim__mutex_unlock(&fdt_lock);
	return fd;
}

/* put_unused_fd() */
static void unreserve_fd(int fd)
{
	evlsim__mutex_lock(&fdt_lock);
	evlsim__fd_real_close(fd);
	fd_unreserve(fd);
	evlsim__mutex_unlock(&fdt_lock);
}

/*
 * fork(): the simulator's own mutexes of this layer are taken around it, so that the
 * child finds the node table, the fd table and the real descriptors consistent
 * (docs/architecture.md, "fork()"). Leaf locks, always taken in this order.
 */
static void fork_prepare(void)
{
	evlsim__nodes_fork_lock(0);
	evlsim__mutex_lock(&fdt_lock);
}

static void fork_parent(void)
{
	evlsim__mutex_unlock(&fdt_lock);
	evlsim__nodes_fork_lock(1);
}

static void fork_child(void)
{
	/* the forking thread, the only one left, took them: unlock (ThreadSanitizer too) */
	evlsim__mutex_unlock(&fdt_lock);
	evlsim__nodes_fork_lock(2);
}

static void __attribute__((constructor)) fs_atfork_init(void)
{
	evlsim__host_atfork(fork_prepare, fork_parent, fork_child);
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
	fd = reserve_fd(!!(flags & O_CLOEXEC));
	if (fd < 0) {
		ret = fd;
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
		unreserve_fd(fd);
		return ret;
	}

	install_reserved(fd, filp);

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
		retval = EVLSIM_SCHED_HANDLER(filp->f_op->flush(filp, (fl_owner_t)evlsim__fdt));
	fput(filp);
	return retval;
}

/* the file installed at @fd with fdt_lock held, or NULL and the lock not held */
static struct file *lock_fd(int fd)
{
	struct file *filp;

	evlsim__mutex_lock(&fdt_lock);
	filp = (unsigned int)fd < EVLSIM_NR_FDS ? evlsim__fdt[fd] : NULL;
	if (!filp)
		evlsim__mutex_unlock(&fdt_lock);
	return filp;
}

long evlsim__sys_close(int fd)
{
	struct file *filp;
	int ret;

	evlsim__inband_syscall_enter();

	filp = lock_fd(fd);
	if (!filp)
		return -EBADF;
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

long evlsim__sys_dup(int fd, int minfd, int cloexec)
{
	struct file *filp;
	int newfd;

	evlsim__inband_syscall_enter();

	filp = lock_fd(fd);
	if (!filp)
		return -EBADF;
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
	/* fs/file.c: a reserved descriptor has no file (EBADF) and is busy as a target */
	if (!oldf && evlsim__fd_reserved(oldfd)) {
		evlsim__mutex_unlock(&fdt_lock);
		return -EBADF;
	}
	if (oldfd != newfd && evlsim__fd_reserved(newfd)) {
		evlsim__mutex_unlock(&fdt_lock);
		return -EBUSY;
	}
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
	return reserve_fd(!!(flags & O_CLOEXEC));
}

void put_unused_fd(unsigned int fd)
{
	unreserve_fd(fd);
}

/* Takes over the caller's reference on @file. */
void fd_install(unsigned int fd, struct file *file)
{
	WARN_ON(__atomic_load_n(&evlsim__fdt[fd], __ATOMIC_RELAXED) != NULL);
	install_reserved(fd, file);
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
