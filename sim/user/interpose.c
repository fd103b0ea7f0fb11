// SPDX-License-Identifier: LGPL-2.1-or-later
/*
 * POSIX interposition (user world).
 *
 * libevlsim defines the libc entry points a test or an application uses on device files
 * (open, close, read, write, ioctl, lseek, dup*, fcntl, pread/pwrite and the glibc
 * 64-bit and _FORTIFY_SOURCE variants they turn into). A program linked with it reaches
 * these first. A call on a simulated node or fd is routed to the simulated kernel; any
 * other call goes to the next definition (the C library, or a sanitizer's interceptor)
 * unchanged, with errno untouched by the detour. Either way, an EVL thread running
 * out-of-band is first demoted in-band, as any in-band system call demotes it on Dovetail.
 *
 * mmap/mmap64 on a simulated fd go to the driver's ->mmap (mmap.c); munmap and mremap
 * look at the simulated mappings only while there are some (docs/api/mmap.md).
 *
 * Limits: calls the C library makes internally (fopen(), for instance) and raw syscall(2)
 * do not come through here; paths are resolved lexically, without following symbolic
 * links into /dev.
 */
#include <dlfcn.h>
#include <errno.h>
#include <fcntl.h>
#include <limits.h>
#include <stdarg.h>
#include <stdio.h>
#include <string.h>
#include <sys/ioctl.h>
#include <sys/mman.h>
#include <unistd.h>
#include "internal.h"
#include "core/libc.h"

/* glibc's fortify entry points (declared by its headers only under _FORTIFY_SOURCE) */
void __chk_fail(void) __attribute__((__noreturn__));
int __open_2(const char *path, int flags);
int __open64_2(const char *path, int flags);
int __openat_2(int dirfd, const char *path, int flags);
int __openat64_2(int dirfd, const char *path, int flags);
ssize_t __read_chk(int fd, void *buf, size_t count, size_t buflen);
ssize_t __pread_chk(int fd, void *buf, size_t count, off_t offset, size_t buflen);
ssize_t __pread64_chk(int fd, void *buf, size_t count, off64_t offset, size_t buflen);

/*
 * The open family is defined under other C names (asm labels give them theirs): glibc
 * declares open() and openat() with a nonnull path, which would let the compiler drop
 * the checks below and UBSan stop a program that passes NULL, where the kernel's
 * getname() returns EFAULT. The next definitions are called through pointers of these
 * attribute-free types, for the same reason.
 */
typedef int open_fn(const char *path, int flags, ...);
typedef int openat_fn(int dirfd, const char *path, int flags, ...);

/* glibc's ioctl() is no cancellation point; the other calls routed here all are */
#define SIMCALL(call)	EVLSIM_SYSCALL(call, 1)
#define SIMCALL_ONCE(call)	evlsim__syscall_result(EVLSIM_CALL(call))	/* never restarted */

/* ---- paths ---------------------------------------------------------------------------- */

/* Lexical normalisation of an absolute path: "//", "/./" and "/../" folded. */
static int normalize(const char *in, char *out, size_t outlen)
{
	size_t len = 0;
	const char *p = in;

	while (*p) {
		const char *seg;
		size_t seglen;

		while (*p == '/')
			p++;
		seg = p;
		while (*p && *p != '/')
			p++;
		seglen = p - seg;
		if (!seglen || (seglen == 1 && seg[0] == '.'))
			continue;
		if (seglen == 2 && seg[0] == '.' && seg[1] == '.') {
			while (len > 0 && out[len - 1] != '/')
				len--;
			if (len > 0)
				len--;
			continue;
		}
		if (len + 1 + seglen + 1 > outlen)
			return -1;
		out[len++] = '/';
		memcpy(out + len, seg, seglen);
		len += seglen;
	}
	if (!len)
		out[len++] = '/';
	out[len] = '\0';
	return 0;
}

/* A trailing "/" or "/." asks for a directory, which a device node is not. */
static int wants_dir(const char *path)
{
	size_t n = strlen(path);

	return (n && path[n - 1] == '/') || (n >= 2 && !strcmp(path + n - 2, "/.")) ||
	       !strcmp(path, ".");
}

/*
 * Device nodes live under /dev only: any other path is answered without a look at the
 * node table, so without its lock. The C library and the sanitizers' symbolizers open
 * their own files through these interposers (/proc/self/exe, shared objects) at any
 * time, a report's included: they must never wait for the simulator.
 */
static int node_lookup(const char *canon)
{
	if (strncmp(canon, "/dev/", 5))
		return 0;
	return evlsim__node_exists(canon);
}

/* @path: a copy in the simulator's memory (getname()), shorter than PATH_MAX */
static int sim_path_lookup(int dirfd, const char *path, char *canon, size_t len)
{
	char buf[PATH_MAX * 2], link[64];
	ssize_t n;

	if (!*path)
		return 0;
	if (path[0] == '/') {
		if (normalize(path, canon, len))
			return 0;
		return node_lookup(canon);
	}
	if (dirfd == AT_FDCWD) {
		if (!getcwd(buf, PATH_MAX))
			return 0;
	} else {
		snprintf(link, sizeof(link), "/proc/self/fd/%d", dirfd);
		n = readlink(link, buf, PATH_MAX - 1);
		if (n < 0)
			return 0;
		buf[n] = '\0';
	}
	n = strlen(buf);
	snprintf(buf + n, sizeof(buf) - n, "/%s", path);
	if (normalize(buf, canon, len))
		return 0;
	return node_lookup(canon);
}

/*
 * Is @path (relative to @dirfd) a simulated node? 1 if so, with its canonical form in
 * @canon; -ENOTDIR if it names one as a directory; 0 if not.
 */
static int sim_path(int dirfd, const char *path, char *canon, size_t len)
{
	int ret = sim_path_lookup(dirfd, path, canon, len);

	return ret && wants_dir(path) ? -ENOTDIR : ret;
}

/* ---- open ----------------------------------------------------------------------------- */

/*
 * While device nodes exist, the path is read as the kernel's getname() reads it: through
 * the fault-safe copy (EFAULT for NULL or an unmapped pointer, never a crash) and no
 * longer than PATH_MAX with its NUL (ENAMETOOLONG otherwise), before any lookup. The C
 * library gets the program's pointer as it came.
 */
static int do_openat(int dirfd, const char *path, int flags, mode_t mode, int is64)
{
	char canon[PATH_MAX], name[PATH_MAX];
	long len;
	int sim;

	if (evlsim_unlikely(evlsim__node_count() != 0)) {
		len = evlsim__strncpy_from_user(name, path, sizeof(name));
		sim = len < 0 ? (int)len : len == sizeof(name) ? -ENAMETOOLONG :
		      sim_path(dirfd, name, canon, sizeof(canon));
		if (sim == 1)
			return (int)SIMCALL(evlsim__sys_open(canon, flags, mode));
		if (sim < 0) {
			evlsim__inband_call();
			return (int)evlsim__syscall_result(sim);
		}
	}
	evlsim__inband_call();
	if (dirfd == AT_FDCWD)
		return is64 ? REAL_AS(open64, open_fn)(path, flags, mode)
			    : REAL_AS(open, open_fn)(path, flags, mode);
	return is64 ? REAL_AS(openat64, openat_fn)(dirfd, path, flags, mode)
		    : REAL_AS(openat, openat_fn)(dirfd, path, flags, mode);
}

#define OPEN_MODE(flags, mode)						\
	do {								\
		if (__OPEN_NEEDS_MODE(flags)) {				\
			va_list ap;					\
			va_start(ap, flags);				\
			mode = va_arg(ap, mode_t);			\
			va_end(ap);					\
		}							\
	} while (0)

EVLSIM_EXPORT int evlsim__i_open(const char *path, int flags, ...) __asm__("open");
EVLSIM_EXPORT int evlsim__i_open(const char *path, int flags, ...)
{
	mode_t mode = 0;

	OPEN_MODE(flags, mode);
	return do_openat(AT_FDCWD, path, flags, mode, 0);
}

EVLSIM_EXPORT int evlsim__i_open64(const char *path, int flags, ...) __asm__("open64");
EVLSIM_EXPORT int evlsim__i_open64(const char *path, int flags, ...)
{
	mode_t mode = 0;

	OPEN_MODE(flags, mode);
	return do_openat(AT_FDCWD, path, flags, mode, 1);
}

EVLSIM_EXPORT int evlsim__i_openat(int dirfd, const char *path, int flags, ...) __asm__("openat");
EVLSIM_EXPORT int evlsim__i_openat(int dirfd, const char *path, int flags, ...)
{
	mode_t mode = 0;

	OPEN_MODE(flags, mode);
	return do_openat(dirfd, path, flags, mode, 0);
}

EVLSIM_EXPORT int evlsim__i_openat64(int dirfd, const char *path, int flags, ...) __asm__("openat64");
EVLSIM_EXPORT int evlsim__i_openat64(int dirfd, const char *path, int flags, ...)
{
	mode_t mode = 0;

	OPEN_MODE(flags, mode);
	return do_openat(dirfd, path, flags, mode, 1);
}

/* _FORTIFY_SOURCE forms: open without a mode argument */
EVLSIM_EXPORT int evlsim__i__open_2(const char *path, int flags) __asm__("__open_2");
EVLSIM_EXPORT int evlsim__i__open_2(const char *path, int flags)
{
	if (__OPEN_NEEDS_MODE(flags))
		__chk_fail();
	return do_openat(AT_FDCWD, path, flags, 0, 0);
}

EVLSIM_EXPORT int evlsim__i__open64_2(const char *path, int flags) __asm__("__open64_2");
EVLSIM_EXPORT int evlsim__i__open64_2(const char *path, int flags)
{
	if (__OPEN_NEEDS_MODE(flags))
		__chk_fail();
	return do_openat(AT_FDCWD, path, flags, 0, 1);
}

EVLSIM_EXPORT int evlsim__i__openat_2(int dirfd, const char *path, int flags) __asm__("__openat_2");
EVLSIM_EXPORT int evlsim__i__openat_2(int dirfd, const char *path, int flags)
{
	if (__OPEN_NEEDS_MODE(flags))
		__chk_fail();
	return do_openat(dirfd, path, flags, 0, 0);
}

EVLSIM_EXPORT int evlsim__i__openat64_2(int dirfd, const char *path, int flags) __asm__("__openat64_2");
EVLSIM_EXPORT int evlsim__i__openat64_2(int dirfd, const char *path, int flags)
{
	if (__OPEN_NEEDS_MODE(flags))
		__chk_fail();
	return do_openat(dirfd, path, flags, 0, 1);
}

EVLSIM_EXPORT int evlsim__i_creat(const char *path, mode_t mode) __asm__("creat");
EVLSIM_EXPORT int evlsim__i_creat(const char *path, mode_t mode)
{
	return do_openat(AT_FDCWD, path, O_CREAT | O_WRONLY | O_TRUNC, mode, 0);
}

EVLSIM_EXPORT int evlsim__i_creat64(const char *path, mode_t mode) __asm__("creat64");
EVLSIM_EXPORT int evlsim__i_creat64(const char *path, mode_t mode)
{
	return do_openat(AT_FDCWD, path, O_CREAT | O_WRONLY | O_TRUNC, mode, 1);
}

/* ---- close, read, write --------------------------------------------------------------- */

/*
 * A call about to act on the real descriptor @fd (close() it, or dup2() onto it) counts
 * itself in flight on the number, then looks: a number reserved by an open that has not
 * installed its file yet is left alone (1 returned). See evlsim__fd_busy.
 */
static int real_fd_enter(int fd)
{
	if ((unsigned int)fd >= EVLSIM_NR_FDS)
		return 0;
	if (__atomic_fetch_add(&evlsim__fd_busy[fd], 1, __ATOMIC_SEQ_CST) & EVLSIM_FD_RESERVED) {
		__atomic_fetch_sub(&evlsim__fd_busy[fd], 1, __ATOMIC_RELEASE);
		return 1;
	}
	return 0;
}

static void real_fd_exit(int fd)
{
	if ((unsigned int)fd < EVLSIM_NR_FDS)
		__atomic_fetch_sub(&evlsim__fd_busy[fd], 1, __ATOMIC_RELEASE);
}

EVLSIM_EXPORT int close(int fd)
{
	int ret;

	if (evlsim__fd_is_sim(fd))
		return (int)SIMCALL_ONCE(evlsim__sys_close(fd));
	evlsim__inband_call();
	if (real_fd_enter(fd)) {		/* reserved, no file yet: not open */
		errno = EBADF;
		return -1;
	}
	if (evlsim_unlikely(evlsim__fd_is_sim(fd))) {	/* installed meanwhile */
		real_fd_exit(fd);
		return (int)SIMCALL_ONCE(evlsim__sys_close(fd));
	}
	ret = REAL(close)(fd);
	real_fd_exit(fd);
	return ret;
}

EVLSIM_EXPORT ssize_t read(int fd, void *buf, size_t count)
{
	if (evlsim__fd_is_sim(fd))
		return SIMCALL(evlsim__sys_read(fd, buf, count));
	evlsim__inband_call();
	return REAL(read)(fd, buf, count);
}

EVLSIM_EXPORT ssize_t __read_chk(int fd, void *buf, size_t count, size_t buflen)
{
	if (count > buflen)
		__chk_fail();
	return read(fd, buf, count);
}

EVLSIM_EXPORT ssize_t write(int fd, const void *buf, size_t count)
{
	if (evlsim__fd_is_sim(fd))
		return SIMCALL(evlsim__sys_write(fd, buf, count));
	evlsim__inband_call();
	return REAL(write)(fd, buf, count);
}

EVLSIM_EXPORT ssize_t pread(int fd, void *buf, size_t count, off_t offset)
{
	if (evlsim__fd_is_sim(fd))
		return SIMCALL(evlsim__sys_pread(fd, buf, count, offset));
	evlsim__inband_call();
	return REAL(pread)(fd, buf, count, offset);
}

EVLSIM_EXPORT ssize_t pread64(int fd, void *buf, size_t count, off64_t offset)
{
	if (evlsim__fd_is_sim(fd))
		return SIMCALL(evlsim__sys_pread(fd, buf, count, offset));
	evlsim__inband_call();
	return REAL(pread64)(fd, buf, count, offset);
}

EVLSIM_EXPORT ssize_t __pread_chk(int fd, void *buf, size_t count, off_t offset, size_t buflen)
{
	if (count > buflen)
		__chk_fail();
	return pread(fd, buf, count, offset);
}

EVLSIM_EXPORT ssize_t __pread64_chk(int fd, void *buf, size_t count, off64_t offset,
				    size_t buflen)
{
	if (count > buflen)
		__chk_fail();
	return pread64(fd, buf, count, offset);
}

EVLSIM_EXPORT ssize_t pwrite(int fd, const void *buf, size_t count, off_t offset)
{
	if (evlsim__fd_is_sim(fd))
		return SIMCALL(evlsim__sys_pwrite(fd, buf, count, offset));
	evlsim__inband_call();
	return REAL(pwrite)(fd, buf, count, offset);
}

EVLSIM_EXPORT ssize_t pwrite64(int fd, const void *buf, size_t count, off64_t offset)
{
	if (evlsim__fd_is_sim(fd))
		return SIMCALL(evlsim__sys_pwrite(fd, buf, count, offset));
	evlsim__inband_call();
	return REAL(pwrite64)(fd, buf, count, offset);
}

/* ---- ioctl, lseek --------------------------------------------------------------------- */

EVLSIM_EXPORT int ioctl(int fd, unsigned long request, ...)
{
	unsigned long arg;
	va_list ap;

	va_start(ap, request);
	arg = va_arg(ap, unsigned long);
	va_end(ap);

	if (evlsim__fd_is_sim(fd))
		return (int)EVLSIM_SYSCALL(evlsim__sys_ioctl(fd, (unsigned int)request, arg), 0);
	evlsim__inband_call();
	return REAL(ioctl)(fd, request, arg);
}

EVLSIM_EXPORT off_t lseek(int fd, off_t offset, int whence)
{
	if (evlsim__fd_is_sim(fd))
		return SIMCALL_ONCE(evlsim__sys_lseek(fd, offset, whence));
	evlsim__inband_call();
	return REAL(lseek)(fd, offset, whence);
}

EVLSIM_EXPORT off64_t lseek64(int fd, off64_t offset, int whence)
{
	if (evlsim__fd_is_sim(fd))
		return SIMCALL_ONCE(evlsim__sys_lseek(fd, offset, whence));
	evlsim__inband_call();
	return REAL(lseek64)(fd, offset, whence);
}

/* ---- dup, fcntl ----------------------------------------------------------------------- */

EVLSIM_EXPORT int dup(int fd)
{
	if (evlsim__fd_is_sim(fd))
		return (int)SIMCALL_ONCE(evlsim__sys_dup(fd, 0, 0));
	evlsim__inband_call();
	return REAL(dup)(fd);
}

/*
 * dup2()/dup3() with neither side simulated: as fs/file.c, a reserved @oldfd has no file
 * (EBADF) and a reserved @newfd is busy (EBUSY), whichever the interposer sees first.
 */
static int do_dup3(int oldfd, int newfd, int flags, int is_dup2)
{
	int ret;

	if (evlsim__fd_is_sim(oldfd) || evlsim__fd_is_sim(newfd))
		return (int)SIMCALL_ONCE(evlsim__sys_dup3(oldfd, newfd, flags, is_dup2));
	evlsim__inband_call();
	if (oldfd != newfd && real_fd_enter(newfd)) {
		errno = EBUSY;
		return -1;
	}
	if (evlsim_unlikely(evlsim__fd_reserved(oldfd)))
		ret = (int)evlsim__syscall_result(-EBADF);
	else if (evlsim_unlikely(evlsim__fd_is_sim(oldfd) || evlsim__fd_is_sim(newfd)))
		ret = (int)SIMCALL_ONCE(evlsim__sys_dup3(oldfd, newfd, flags, is_dup2));
	else
		ret = is_dup2 ? REAL(dup2)(oldfd, newfd) : REAL(dup3)(oldfd, newfd, flags);
	if (oldfd != newfd)
		real_fd_exit(newfd);
	return ret;
}

EVLSIM_EXPORT int dup2(int oldfd, int newfd)
{
	return do_dup3(oldfd, newfd, 0, 1);
}

EVLSIM_EXPORT int dup3(int oldfd, int newfd, int flags)
{
	return do_dup3(oldfd, newfd, flags, 0);
}

static int do_fcntl(int fd, int cmd, unsigned long arg, int is64)
{
	long ret;

	if (evlsim__fd_is_sim(fd)) {
		ret = EVLSIM_CALL(evlsim__sys_fcntl(fd, cmd, arg));
		if (ret != -515 /* -ENOIOCTLCMD: not simulated, the real fd answers */)
			return (int)evlsim__syscall_result(ret);
	} else {
		evlsim__inband_call();
	}
	return is64 ? REAL(fcntl64)(fd, cmd, arg) : REAL(fcntl)(fd, cmd, arg);
}

/* fcntl() and fcntl64(): the argument, when the command takes one, is read as a long */
#define DEFINE_FCNTL(name, is64)							\
EVLSIM_EXPORT int name(int fd, int cmd, ...)						\
{											\
	unsigned long arg;								\
	va_list ap;									\
											\
	va_start(ap, cmd);								\
	arg = va_arg(ap, unsigned long);						\
	va_end(ap);									\
	return do_fcntl(fd, cmd, arg, is64);						\
}

DEFINE_FCNTL(fcntl, 0)
DEFINE_FCNTL(fcntl64, 1)

/* ---- mmap, munmap, mremap ------------------------------------------------------------- */

static void *do_mmap(void *addr, size_t len, int prot, int flags, int fd, off64_t off,
		     int is64)
{
	long ret;

	if (!(flags & MAP_ANONYMOUS) && evlsim__fd_is_sim(fd)) {
		ret = EVLSIM_RESTARTABLE(evlsim__sys_mmap((unsigned long)addr, len, prot, flags,
							  fd, (unsigned long)off));
		if (ret < 0 && ret >= -4095) {
			errno = (int)-ret;
			return MAP_FAILED;
		}
		return (void *)ret;
	}
	evlsim__inband_call();
	/* a MAP_FIXED mapping replaces the simulated ones in its way: they are unmapped */
	if ((flags & (MAP_FIXED | MAP_FIXED_NOREPLACE)) == MAP_FIXED &&
	    evlsim_unlikely(__atomic_load_n(&evlsim__nr_sim_vmas, __ATOMIC_RELAXED)))
		evlsim__sys_munmap((unsigned long)addr, len, 0);
	return is64 ? REAL(mmap64)(addr, len, prot, flags, fd, off)
		    : REAL(mmap)(addr, len, prot, flags, fd, off);
}

EVLSIM_EXPORT void *mmap(void *addr, size_t len, int prot, int flags, int fd, off_t off)
{
	return do_mmap(addr, len, prot, flags, fd, off, 0);
}

EVLSIM_EXPORT void *mmap64(void *addr, size_t len, int prot, int flags, int fd, off64_t off)
{
	return do_mmap(addr, len, prot, flags, fd, off, 1);
}

EVLSIM_EXPORT int munmap(void *addr, size_t len)
{
	if (evlsim_unlikely(__atomic_load_n(&evlsim__nr_sim_vmas, __ATOMIC_RELAXED)))
		return (int)SIMCALL_ONCE(evlsim__sys_munmap((unsigned long)addr, len, 1));
	evlsim__inband_call();
	return REAL(munmap)(addr, len);
}

/* Simulated mappings cannot be remapped: EINVAL when either range touches one. */
EVLSIM_EXPORT void *mremap(void *old, size_t old_len, size_t new_len, int flags, ...)
{
	void *new_addr = NULL;
	va_list ap;

	if (flags & MREMAP_FIXED) {
		va_start(ap, flags);
		new_addr = va_arg(ap, void *);
		va_end(ap);
	}
	evlsim__inband_call();
	if (evlsim_unlikely(__atomic_load_n(&evlsim__nr_sim_vmas, __ATOMIC_RELAXED)) &&
	    (evlsim__sim_vma_overlaps((unsigned long)old, old_len ? old_len : 1) ||
	     ((flags & MREMAP_FIXED) &&
	      evlsim__sim_vma_overlaps((unsigned long)new_addr, new_len)))) {
		errno = EINVAL;
		return MAP_FAILED;
	}
	return REAL(mremap)(old, old_len, new_len, flags, new_addr);
}

/*
 * Resolves, at load time, the real functions a sanitizer's report printer reaches through
 * these interposers (it opens, reads and maps /proc/self/exe to symbolize): resolving one
 * lazily with dlsym() in the middle of a report makes ThreadSanitizer's allocator fail a
 * CHECK on the buffer dlerror() frees.
 */
__attribute__((constructor)) static void interpose_resolve_early(void)
{
	int saved_errno = errno;
	char byte;
	void *p;
	int fd;

	fd = open("/proc/self/exe", O_RDONLY | O_CLOEXEC);
	if (fd < 0)
		fd = openat(AT_FDCWD, "/", O_RDONLY | O_CLOEXEC);
	if (fd >= 0) {
		(void)!read(fd, &byte, 1);
		(void)!pread(fd, &byte, 1, 0);
		(void)lseek(fd, 0, SEEK_SET);
		p = mmap(NULL, 4096, PROT_READ, MAP_PRIVATE, fd, 0);
		if (p != MAP_FAILED)
			munmap(p, 4096);
		close(fd);
	}
	fd = open64("/", O_RDONLY | O_CLOEXEC);
	if (fd >= 0)
		close(fd);
	errno = saved_errno;
}
