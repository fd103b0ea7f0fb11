// SPDX-License-Identifier: LGPL-2.1-or-later
/*
 * What the user world does on behalf of the kernel world: real descriptor management
 * (the real numbers behind simulated files), fault-safe user memory access, dynamic
 * loading of module shared objects, and a few facts about the machine.
 */
#include <dlfcn.h>
#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/eventfd.h>
#include <sys/syscall.h>
#include <sys/uio.h>
#include <unistd.h>
#include "internal.h"
#include "core/libc.h"

/*
 * Real descriptors: raw system calls, so that none of this goes back through the
 * interposed libc entry points.
 */
static inline int sysret(long ret)
{
	return ret < 0 ? -errno : (int)ret;
}

int evlsim__fd_reserve(int cloexec)
{
	return sysret(syscall(SYS_eventfd2, 0, EFD_NONBLOCK | (cloexec ? EFD_CLOEXEC : 0)));
}

/*
 * Whether @fd still is an eventfd with the flags of a reservation. (A program's own
 * eventfd with the same flags would pass for one: vfs/fs.c asks only when a close() of
 * the number raced with its reservation, a race in the program anyway.)
 */
int evlsim__fd_is_reservation(int fd, int cloexec)
{
	char link[64], target[64];
	ssize_t n;
	long fl;

	snprintf(link, sizeof(link), "/proc/self/fd/%d", fd);
	n = syscall(SYS_readlinkat, AT_FDCWD, link, target, sizeof(target) - 1);
	if (n < 0)
		return 0;
	target[n] = '\0';
	if (strcmp(target, "anon_inode:[eventfd]"))
		return 0;
	fl = syscall(SYS_fcntl, fd, F_GETFD);
	return fl >= 0 && !!(fl & FD_CLOEXEC) == !!cloexec &&
	       (syscall(SYS_fcntl, fd, F_GETFL) & O_NONBLOCK);
}

int evlsim__fd_real_close(int fd)
{
	return sysret(syscall(SYS_close, fd));
}

int evlsim__fd_real_dupfd(int fd, int minfd, int cloexec)
{
	return sysret(syscall(SYS_fcntl, fd, cloexec ? F_DUPFD_CLOEXEC : F_DUPFD, minfd));
}

int evlsim__fd_real_dup3(int oldfd, int newfd, int cloexec)
{
	return sysret(syscall(SYS_dup3, oldfd, newfd, cloexec ? O_CLOEXEC : 0));
}

int evlsim__fd_real_getfd(int fd)
{
	return sysret(syscall(SYS_fcntl, fd, F_GETFD));
}

int evlsim__fd_real_setfd(int fd, int flags)
{
	return sysret(syscall(SYS_fcntl, fd, F_SETFD, flags));
}

int evlsim__fd_real_getfl(int fd)
{
	return sysret(syscall(SYS_fcntl, fd, F_GETFL));
}

long evlsim__fd_real_read(int fd, void *buf, size_t count)
{
	long ret = syscall(SYS_read, fd, buf, count);

	return ret < 0 ? -errno : ret;
}

long evlsim__fd_real_write(int fd, const void *buf, size_t count)
{
	long ret = syscall(SYS_write, fd, buf, count);

	return ret < 0 ? -errno : ret;
}

/*
 * User memory. A simulated process's "user" pointers are its own pointers, and a bad
 * one must fault without killing the process: process_vm_readv/writev on our own pid
 * have the kernel check every page and report EFAULT instead. One iovec element never
 * transfers partially, so a failed copy is retried page by page to find out how much of
 * it could be done, as the kernel's copy routines report it.
 */
static unsigned long copy_user(void *local, void *remote, unsigned long n, int to_user)
{
	struct iovec l, r;
	unsigned long done = 0, chunk;
	ssize_t ret;

	evlsim__sched_point(EVLSIM_SP_USERCOPY);
	if (!n)
		return 0;
	l.iov_base = local;
	l.iov_len = n;
	r.iov_base = remote;
	r.iov_len = n;
	ret = to_user ? process_vm_writev(getpid(), &l, 1, &r, 1, 0)
		      : process_vm_readv(getpid(), &l, 1, &r, 1, 0);
	if (ret == (ssize_t)n)
		return 0;

	while (done < n) {
		chunk = 4096 - (((unsigned long)remote + done) & 4095);
		if (chunk > n - done)
			chunk = n - done;
		l.iov_base = (char *)local + done;
		l.iov_len = chunk;
		r.iov_base = (char *)remote + done;
		r.iov_len = chunk;
		ret = to_user ? process_vm_writev(getpid(), &l, 1, &r, 1, 0)
			      : process_vm_readv(getpid(), &l, 1, &r, 1, 0);
		if (ret != (ssize_t)chunk)
			break;
		done += chunk;
	}
	return n - done;
}

EVLSIM_EXPORT unsigned long evlsim__copy_from_user(void *to, const void *from, unsigned long n)
{
	return copy_user(to, (void *)from, n, 0);
}

long evlsim__strncpy_from_user(char *to, const char *from, long n)
{
	unsigned long addr = (unsigned long)from, chunk;
	long done = 0;
	char *nul;

	/* page by page: the string may end just before a page that faults */
	while (done < n) {
		chunk = 4096 - ((addr + done) & 4095);
		if (chunk > (unsigned long)(n - done))
			chunk = n - done;
		if (!addr || copy_user(to + done, (void *)(addr + done), chunk, 0))
			return -EFAULT;
		nul = memchr(to + done, 0, chunk);
		if (nul)
			return nul - to;
		done += chunk;
	}
	return n;
}

EVLSIM_EXPORT unsigned long evlsim__copy_to_user(void *to, const void *from, unsigned long n)
{
	return copy_user((void *)from, to, n, 1);
}

EVLSIM_EXPORT unsigned long evlsim__clear_user(void *to, unsigned long n)
{
	static const char zeroes[4096];
	unsigned long left, chunk;

	for (left = n; left; left -= chunk) {
		unsigned long missed;

		chunk = left < sizeof(zeroes) ? left : sizeof(zeroes);
		missed = copy_user((void *)zeroes, (char *)to + (n - left), chunk, 1);
		if (missed)
			return left - (chunk - missed);	/* what was zeroed before the fault counts */
	}
	return 0;
}

/* Module shared objects */
/* @*exists: whether a file is there (a failed dlopen() of it: not a loadable object) */
void *evlsim__dl_open(const char *path, char *err, size_t errlen, int *exists)
{
	void *handle = dlopen(path, RTLD_NOW | RTLD_LOCAL);

	*exists = 1;
	if (!handle) {
		snprintf(err, errlen, "%s", dlerror());
		*exists = access(path, F_OK) == 0;
	}
	return handle;
}

void evlsim__dl_close(void *handle)
{
	dlclose(handle);
}

/*
 * The installed module directory, <libdir>/evlsim/modules ($(pkglibdir)/modules, where
 * make install puts the example modules), found from where libevlsim itself was loaded
 * from, so that a relocated installation finds its own; "" when libevlsim is not a
 * shared library.
 */
static char *installed_modules_dir(void)
{
	Dl_info info;
	char *dir, *slash;

	if (!dladdr((void *)installed_modules_dir, &info) || !info.dli_fname ||
	    !strstr(info.dli_fname, "libevlsim"))
		return evlsim__strdup("");
	dir = evlsim__strdup(info.dli_fname);
	slash = strrchr(dir, '/');
	if (!slash) {
		evlsim__free(dir);
		return evlsim__strdup("");
	}
	*slash = '\0';
	if (asprintf(&slash, "%s/evlsim/modules", dir) < 0)
		evlsim__die("out of memory");
	evlsim__free(dir);
	return slash;
}

/* name.so in the directories of $EVLSIM_MODULE_PATH, then in the installed one. */
char *evlsim__find_module_path(const char *name)
{
	const char *env = getenv("EVLSIM_MODULE_PATH");
	char *dirs, *dir, *save = NULL, *path = NULL, *installed = installed_modules_dir();

	/*
	 * $EVLSIM_MODULE_PATH first, then the installed module directory found from where
	 * libevlsim was loaded, then the configured one
	 */
	if (asprintf(&dirs, "%s:%s:%s", env ? env : "", installed, EVLSIM_MODULEDIR) < 0)
		evlsim__die("out of memory");
	free(installed);
	for (dir = strtok_r(dirs, ":", &save); dir; dir = strtok_r(NULL, ":", &save)) {
		if (asprintf(&path, "%s/%s.so", dir, name) < 0)
			evlsim__die("out of memory");
		if (access(path, R_OK) == 0)
			break;
		free(path);
		path = NULL;
	}
	free(dirs);
	return path;
}

/**
 * evlsim__poll_kick - wake the thread polling on @kick_fd
 * @kick_fd: its eventfd
 *
 * Called by the wake function of its wait entries, under a wait queue lock, on the
 * waker's thread, whose errno is left untouched.
 */
void evlsim__poll_kick(int kick_fd)
{
	uint64_t one = 1;
	int saved_errno = errno;

	(void)REAL(write)(kick_fd, &one, sizeof(one));
	errno = saved_errno;
}

void *evlsim__libc_symbol(const char *name)
{
	void *p = dlsym(RTLD_NEXT, name);

	if (!p)
		evlsim__die("cannot find the C library's %s(): %s", name, dlerror());
	return p;
}
