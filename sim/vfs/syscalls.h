/* SPDX-License-Identifier: LGPL-2.1-or-later */
/*
 * Kernel-world entry points of the in-band system calls (vfs/).
 *
 * Shared by both worlds: plain C and compiler builtins only (see core/base.h).
 */
#ifndef _EVLSIM_SIM_VFS_SYSCALLS_H
#define _EVLSIM_SIM_VFS_SYSCALLS_H

#include "core/base.h"

/* ---------------------------------------------------------------------------------------
 * Kernel-world entry points for the interposed POSIX calls and the oob syscalls. Each
 * returns >= 0 or -errno, exactly as the kernel's syscall would; -ERESTARTSYS (512) may
 * come back and is resolved by the user world against the handler's SA_RESTART.
 */
#define EVLSIM_ERESTARTSYS	512

int evlsim__node_count(void);			/* registered device nodes */
int evlsim__node_exists(const char *path);	/* @path absolute and normalised */
/* white-box tests: hold (1) or drop (0) the node table's lock, as a registration does */
EVLSIM_EXPORT void evlsim__node_table_lock(int lock);
/* fork(): the node table's lock, taken around it (vfs/fs.c). 0 prepare, 1 parent, 2 child */
void evlsim__nodes_fork_lock(int phase);
long evlsim__sys_open(const char *path, int flags, unsigned int mode);
long evlsim__sys_close(int fd);
long evlsim__sys_read(int fd, void *buf, evlsim_size_t count);
long evlsim__sys_write(int fd, const void *buf, evlsim_size_t count);
long evlsim__sys_pread(int fd, void *buf, evlsim_size_t count, long long pos);
long evlsim__sys_pwrite(int fd, const void *buf, evlsim_size_t count, long long pos);
long evlsim__sys_ioctl(int fd, unsigned int cmd, unsigned long arg);
long long evlsim__sys_lseek(int fd, long long offset, int whence);
long evlsim__sys_dup(int fd, int minfd, int cloexec);
long evlsim__sys_dup3(int oldfd, int newfd, int flags, int is_dup2);
long evlsim__sys_fcntl(int fd, int cmd, unsigned long arg);


/* Memory mappings (vfs/mmap.c). */
extern int evlsim__nr_sim_vmas;		/* simulated mappings alive; 0 = munmap passes */
long evlsim__sys_mmap(unsigned long addr, unsigned long len, int prot, int flags, int fd,
		      unsigned long off);
/* @release: also munmap the range for real (0 when a MAP_FIXED mapping replaces it) */
long evlsim__sys_munmap(unsigned long addr, unsigned long len, int release);
int evlsim__sim_vma_overlaps(unsigned long addr, unsigned long len);

/* ---------------------------------------------------------------------------------------
 * In-band poll(2)/select(2) with simulated descriptors (user/poll.c, user world, runs the
 * loop; vfs/select.c, kernel world, polls the simulated files through their ->poll). The
 * caller sleeps in the real ppoll() on its real descriptors and an eventfd of its own,
 * which the wait entries registered on the drivers' wait queues write to.
 */
struct evlsim_pollfd {			/* struct pollfd, the same in both worlds */
	int fd;
	short events;
	short revents;
};
#define EVLSIM_POLL_SELECT	0x1	/* select(2): ->events are sets, no filtering */

struct poll_wqueues;			/* kernel world: <linux/poll.h> */
struct poll_wqueues *evlsim__poll_begin(int kick_fd, int may_wait);
int evlsim__poll_scan(struct poll_wqueues *pwq, struct evlsim_pollfd *fds, unsigned int n,
		      int flags);
int evlsim__poll_end(struct poll_wqueues *pwq);	/* 1: the eventfd was kicked */

#endif /* _EVLSIM_SIM_VFS_SYSCALLS_H */
