/* SPDX-License-Identifier: LGPL-2.1-or-later */
/*
 * evlsim shim: faithful to linux v6.12 + Dovetail include/linux/fs.h for character
 * devices: struct file, struct inode, struct file_operations with Dovetail's five oob
 * members (placed after compat_ioctl, before mmap, with the spec's prototypes), the
 * FMODE_ flags and the open/seek helpers a char driver calls.
 *
 * Deviations: struct file and struct inode carry only the members character drivers use;
 * ->read_iter/->write_iter are declared but not routed (a driver that only has them gets
 * -EINVAL from read(2)/write(2), with a DRIVER notice); no_llseek() exists for the kernel
 * lines before 6.12 only (linux/version.h).
 */
#ifndef _EVLSIM_LINUX_FS_H
#define _EVLSIM_LINUX_FS_H

#include <linux/types.h>
#include <evlsim/kernel-line.h>
#include <linux/err.h>
#include <linux/atomic.h>
#include <linux/spinlock_types.h>
#include <dovetail/fs.h>

struct module;
struct cdev;
struct vm_area_struct;
struct poll_table_struct;
struct oob_poll_wait;
struct kiocb;
struct iov_iter;
struct dir_context;
struct file_lock;
struct file_lease;
struct pipe_inode_info;
struct seq_file;
struct io_uring_cmd;
struct io_comp_batch;
struct address_space;
struct cred;
struct dentry;
struct vfsmount;
typedef void *fl_owner_t;
typedef unsigned int fop_flags_t;

/* file is open for reading / writing */
#define FMODE_READ		((__force fmode_t)(1 << 0))
#define FMODE_WRITE		((__force fmode_t)(1 << 1))
#define FMODE_LSEEK		((__force fmode_t)(1 << 2))
#define FMODE_PREAD		((__force fmode_t)(1 << 3))
#define FMODE_PWRITE		((__force fmode_t)(1 << 4))
#define FMODE_EXEC		((__force fmode_t)(1 << 5))
#define FMODE_WRITE_RESTRICTED	((__force fmode_t)(1 << 6))
#define FMODE_CAN_ATOMIC_WRITE	((__force fmode_t)(1 << 7))
#define FMODE_32BITHASH		((__force fmode_t)(1 << 9))
#define FMODE_64BITHASH		((__force fmode_t)(1 << 10))
#define FMODE_NOCMTIME		((__force fmode_t)(1 << 11))
#define FMODE_RANDOM		((__force fmode_t)(1 << 12))
#define FMODE_PATH		((__force fmode_t)(1 << 14))
#define FMODE_ATOMIC_POS	((__force fmode_t)(1 << 15))
#define FMODE_WRITER		((__force fmode_t)(1 << 16))
#define FMODE_CAN_READ		((__force fmode_t)(1 << 17))
#define FMODE_CAN_WRITE		((__force fmode_t)(1 << 18))
#define FMODE_OPENED		((__force fmode_t)(1 << 19))
#define FMODE_CREATED		((__force fmode_t)(1 << 20))
#define FMODE_STREAM		((__force fmode_t)(1 << 21))
#define FMODE_CAN_ODIRECT	((__force fmode_t)(1 << 22))
#define FMODE_NOREUSE		((__force fmode_t)(1 << 23))
#define FMODE_BACKING		((__force fmode_t)(1 << 25))
#define FMODE_NONOTIFY		((__force fmode_t)(1 << 26))
#define FMODE_NOWAIT		((__force fmode_t)(1 << 27))
#define FMODE_NEED_UNMOUNT	((__force fmode_t)(1 << 28))
#define FMODE_NOACCOUNT		((__force fmode_t)(1 << 29))

#include <linux/fcntl.h>

#define SEEK_SET	0
#define SEEK_CUR	1
#define SEEK_END	2
#define SEEK_DATA	3
#define SEEK_HOLE	4
#define SEEK_MAX	SEEK_HOLE

/* include/uapi/linux/stat.h file types */
#define S_IFMT		00170000
#define S_IFSOCK	0140000
#define S_IFLNK		0120000
#define S_IFREG		0100000
#define S_IFBLK		0060000
#define S_IFDIR		0040000
#define S_IFCHR		0020000
#define S_IFIFO		0010000
#define S_ISREG(m)	(((m) & S_IFMT) == S_IFREG)
#define S_ISDIR(m)	(((m) & S_IFMT) == S_IFDIR)
#define S_ISCHR(m)	(((m) & S_IFMT) == S_IFCHR)
#define S_ISBLK(m)	(((m) & S_IFMT) == S_IFBLK)
#define S_ISFIFO(m)	(((m) & S_IFMT) == S_IFIFO)
#define S_ISSOCK(m)	(((m) & S_IFMT) == S_IFSOCK)
#define S_IRWXU 00700
#define S_IRUSR 00400
#define S_IWUSR 00200
#define S_IXUSR 00100
#define S_IRWXG 00070
#define S_IRGRP 00040
#define S_IWGRP 00020
#define S_IXGRP 00010
#define S_IRWXO 00007
#define S_IROTH 00004
#define S_IWOTH 00002
#define S_IXOTH 00001
#define S_IRUGO		(S_IRUSR|S_IRGRP|S_IROTH)
#define S_IWUGO		(S_IWUSR|S_IWGRP|S_IWOTH)
#define S_IXUGO		(S_IXUSR|S_IXGRP|S_IXOTH)
#define S_IRWXUGO	(S_IRWXU|S_IRWXG|S_IRWXO)

#define MAX_RW_COUNT	(INT_MAX & PAGE_MASK)

struct inode {
	umode_t			i_mode;
	unsigned long		i_ino;
	dev_t			i_rdev;
	loff_t			i_size;
	struct cdev		*i_cdev;
	void			*i_private;
	atomic_t		i_count;
};

struct path {
	struct vfsmount *mnt;
	struct dentry *dentry;
};

struct file {
	atomic_long_t			f_count;
	spinlock_t			f_lock;
	fmode_t				f_mode;
	const struct file_operations	*f_op;
	struct address_space		*f_mapping;
	void				*private_data;
	struct inode			*f_inode;
	unsigned int			f_flags;
	unsigned int			f_iocb_flags;
	const struct cred		*f_cred;
	struct path			f_path;
	loff_t				f_pos;
	u64				f_version;
	struct module			*evlsim_acct_owner; /* simulator: accounting.c */
	struct oob_file_state		f_oob_state;	/* Dovetail, last member */
};

struct file_operations {
	struct module *owner;
	fop_flags_t fop_flags;
	loff_t (*llseek) (struct file *, loff_t, int);
	ssize_t (*read) (struct file *, char __user *, size_t, loff_t *);
	ssize_t (*write) (struct file *, const char __user *, size_t, loff_t *);
	ssize_t (*read_iter) (struct kiocb *, struct iov_iter *);
	ssize_t (*write_iter) (struct kiocb *, struct iov_iter *);
	int (*iopoll)(struct kiocb *kiocb, struct io_comp_batch *, unsigned int flags);
	int (*iterate_shared) (struct file *, struct dir_context *);
	__poll_t (*poll) (struct file *, struct poll_table_struct *);
	long (*unlocked_ioctl) (struct file *, unsigned int, unsigned long);
	long (*compat_ioctl) (struct file *, unsigned int, unsigned long);
	ssize_t (*oob_read) (struct file *, char __user *, size_t);
	ssize_t (*oob_write) (struct file *, const char __user *, size_t);
	long (*oob_ioctl) (struct file *, unsigned int, unsigned long);
	long (*compat_oob_ioctl) (struct file *, unsigned int, unsigned long);
	__poll_t (*oob_poll) (struct file *, struct oob_poll_wait *);
	int (*mmap) (struct file *, struct vm_area_struct *);
	int (*open) (struct inode *, struct file *);
	int (*flush) (struct file *, fl_owner_t id);
	int (*release) (struct inode *, struct file *);
	int (*fsync) (struct file *, loff_t, loff_t, int datasync);
	int (*fasync) (int, struct file *, int);
	int (*lock) (struct file *, int, struct file_lock *);
	unsigned long (*get_unmapped_area)(struct file *, unsigned long, unsigned long,
					   unsigned long, unsigned long);
	int (*check_flags)(int);
	int (*flock) (struct file *, int, struct file_lock *);
	ssize_t (*splice_write)(struct pipe_inode_info *, struct file *, loff_t *, size_t,
				unsigned int);
	ssize_t (*splice_read)(struct file *, loff_t *, struct pipe_inode_info *, size_t,
			       unsigned int);
	void (*splice_eof)(struct file *file);
	int (*setlease)(struct file *, int, struct file_lease **, void **);
	long (*fallocate)(struct file *file, int mode, loff_t offset, loff_t len);
	void (*show_fdinfo)(struct seq_file *m, struct file *f);
	unsigned (*mmap_capabilities)(struct file *);
	ssize_t (*copy_file_range)(struct file *, loff_t, struct file *, loff_t, size_t,
				   unsigned int);
	loff_t (*remap_file_range)(struct file *file_in, loff_t pos_in, struct file *file_out,
				   loff_t pos_out, loff_t len, unsigned int remap_flags);
	int (*fadvise)(struct file *, loff_t, loff_t, int);
	int (*uring_cmd)(struct io_uring_cmd *ioucmd, unsigned int issue_flags);
	int (*uring_cmd_iopoll)(struct io_uring_cmd *, struct io_comp_batch *,
				unsigned int poll_flags);
};

static inline struct inode *file_inode(const struct file *f)
{
	return f->f_inode;
}

static inline unsigned iminor(const struct inode *inode)
{
	return ((unsigned int) (inode->i_rdev & ((1U << 20) - 1)));
}

static inline unsigned imajor(const struct inode *inode)
{
	return ((unsigned int) (inode->i_rdev >> 20));
}

static inline struct file *get_file(struct file *f)
{
	atomic_long_inc(&f->f_count);
	return f;
}

#ifdef CONFIG_COMPAT
long compat_ptr_ioctl(struct file *file, unsigned int cmd, unsigned long arg)
	__evlsim_ksym(compat_ptr_ioctl);
long compat_ptr_oob_ioctl(struct file *file, unsigned int cmd, unsigned long arg)
	__evlsim_ksym(compat_ptr_oob_ioctl);
#else
#define compat_ptr_ioctl	NULL
#define compat_ptr_oob_ioctl	NULL
#endif

int stream_open(struct inode *inode, struct file *filp) __evlsim_ksym(stream_open);
int nonseekable_open(struct inode *inode, struct file *filp) __evlsim_ksym(nonseekable_open);
int generic_file_open(struct inode *inode, struct file *filp) __evlsim_ksym(generic_file_open);
loff_t noop_llseek(struct file *file, loff_t offset, int whence) __evlsim_ksym(noop_llseek);
#if !EVLSIM_KERNEL_AT_LEAST(6, 12)
/* removed in 6.12 (a NULL ->llseek with FMODE_LSEEK cleared does the same) */
loff_t no_llseek(struct file *file, loff_t offset, int whence) __evlsim_ksym(no_llseek);
#endif
loff_t default_llseek(struct file *file, loff_t offset, int whence)
	__evlsim_ksym(default_llseek);
loff_t fixed_size_llseek(struct file *file, loff_t offset, int whence, loff_t size)
	__evlsim_ksym(fixed_size_llseek);
loff_t no_seek_end_llseek(struct file *file, loff_t offset, int whence)
	__evlsim_ksym(no_seek_end_llseek);
loff_t vfs_setpos(struct file *file, loff_t offset, loff_t maxsize) __evlsim_ksym(vfs_setpos);

/* in-band: read or write a file from kernel memory (fs/read_write.c); a count or -errno */
ssize_t kernel_read(struct file *file, void *buf, size_t count, loff_t *pos)
	__evlsim_ksym(kernel_read);
ssize_t kernel_write(struct file *file, const void *buf, size_t count, loff_t *pos)
	__evlsim_ksym(kernel_write);


/* char_dev.c */
int alloc_chrdev_region(dev_t *dev, unsigned baseminor, unsigned count, const char *name)
	__evlsim_ksym(alloc_chrdev_region);
int register_chrdev_region(dev_t from, unsigned count, const char *name)
	__evlsim_ksym(register_chrdev_region);
void unregister_chrdev_region(dev_t from, unsigned count)
	__evlsim_ksym(unregister_chrdev_region);
int __register_chrdev(unsigned int major, unsigned int baseminor, unsigned int count,
		      const char *name, const struct file_operations *fops)
	__evlsim_ksym(__register_chrdev);
void __unregister_chrdev(unsigned int major, unsigned int baseminor, unsigned int count,
			 const char *name) __evlsim_ksym(__unregister_chrdev);
#define CHRDEV_MAJOR_MAX	512
#define CHRDEV_MAJOR_DYN_END	234
#define CHRDEV_MAJOR_DYN_EXT_START 511
#define CHRDEV_MAJOR_DYN_EXT_END 384

static inline int register_chrdev(unsigned int major, const char *name,
				  const struct file_operations *fops)
{
	return __register_chrdev(major, 0, 256, name, fops);
}

static inline void unregister_chrdev(unsigned int major, const char *name)
{
	__unregister_chrdev(major, 0, 256, name);
}

#define fops_get(fops) ({						\
	const struct file_operations *_fops = (fops);			\
	(((_fops) && try_module_get((_fops)->owner) ? (_fops) : NULL));	\
})

#define fops_put(fops) ({						\
	const struct file_operations *_fops = (fops);			\
	if (_fops)							\
		module_put((_fops)->owner);				\
})

#define replace_fops(f, fops)						\
	do {								\
		struct file *__file = (f);				\
		fops_put(__file->f_op);					\
		BUG_ON(!(__file->f_op = (fops)));			\
	} while (0)

#include <linux/module.h>
#include <linux/bug.h>
#include <asm/page.h>
#include <linux/limits.h>
/* what the kernel's linux/fs.h makes visible through its own includes */
#include <linux/wait.h>
#include <linux/kdev_t.h>
#include <linux/list.h>
#include <linux/init.h>
#include <linux/mutex.h>
#include <linux/semaphore.h>
#include <linux/workqueue.h>
#include <linux/rcupdate.h>
#include <linux/slab.h>
#include <linux/mm_types.h>

#endif
