// SPDX-License-Identifier: MIT
/*
 * check_fd: the interposed POSIX descriptor calls, on simulated nodes and on real fds.
 *
 * Proves that open/open64/openat/openat64/creat/creat64 and the _FORTIFY_SOURCE entry
 * points (__open_2 and friends) reach simulated nodes through absolute, relative and
 * dirfd-relative paths with "//", "." and ".." folded; that open flags end up in f_flags
 * and FD_CLOEXEC as Linux puts them (F_GETFL compared with /dev/null's); O_CREAT|O_EXCL,
 * O_DIRECTORY and O_PATH; close twice (EBADF); read/write/pread/pwrite/lseek routing with
 * stream_open() files (ESPIPE), files without ->llseek, default_llseek() and
 * noop_llseek(); dup/dup2/dup3 exactly as Linux (same fd, bad flags, replacing an open
 * simulated or real fd closes it first, shared f_pos and status flags but not
 * FD_CLOEXEC); fcntl F_GETFL/F_SETFL (O_NONBLOCK honoured by in-band and oob handlers),
 * F_DUPFD/F_DUPFD_CLOEXEC with a minimum, F_GETFD/F_SETFD; ioctl FIONBIO, FIOCLEX,
 * FIONCLEX, FIGETBSZ; unknown and huge fd numbers (EBADF); and pass-through: the same
 * calls on pipes, /dev/null and regular files give what the raw system calls give, and a
 * real fd is never taken for a simulated one.
 *
 * The seek tests use the tseek-* nodes of tests/drivers/tuaccess.c (default_llseek,
 * noop_llseek, no llseek), linked into the program.
 */
#define _GNU_SOURCE
#include <errno.h>
#include <fcntl.h>
#include <limits.h>
#include <signal.h>
#include <stdint.h>
#include <string.h>
#include <sys/ioctl.h>
#include <sys/resource.h>
#include <sys/stat.h>
#include <sys/syscall.h>
#include <unistd.h>
#include <evl/evl.h>
#include <evlsim/evlsim.h>
#include "evlsim-check.h"
#include "echo/echo-abi.h"
#include "../drivers/testdrv-abi.h"
#include "../drivers/tuaccess-abi.h"

#define ECHO		"/dev/echo"
#define TDRV_FULL	"/dev/tdrv-full"
#define KO_LARGEFILE	0100000	/* the kernel's O_LARGEFILE on x86_64; 0 in glibc's headers */
#ifndef FIGETBSZ
#define FIGETBSZ	_IO(0x00, 2)	/* <linux/fs.h> */
#endif

/* glibc's fortify entry points, declared by its headers only under _FORTIFY_SOURCE */
int __open_2(const char *path, int flags);
int __open64_2(const char *path, int flags);
int __openat_2(int dirfd, const char *path, int flags);
int __openat64_2(int dirfd, const char *path, int flags);

/* ---- helpers ------------------------------------------------------------------------- */

static void setup(void)
{
	evlsim_check_setup();
	tdrv_reset_stats();
}

static void setup_seek(void)
{
	setup();
	ck_assert_ret(evlsim_load_module("tuaccess"), 0);
}

static void teardown_seek(void)
{
	ck_assert_ret(evlsim_unload_module("tuaccess"), 0);
	evlsim_check_teardown();
}

static int open_real(const char *path, int flags)
{
	int fd = open(path, flags, 0600);

	ck_assert_msg(fd >= 0, "open(%s, %#x): %s", path, flags, strerror(errno));
	ck_assert_int_eq(evlsim_is_sim_fd(fd), 0);
	return fd;
}

/* Asserts @fd is a simulated file and closes it. */
static void close_sim(int fd)
{
	ck_assert_msg(fd >= 0, "expected an fd, got %d (%s)", fd, strerror(errno));
	ck_assert_int_eq(evlsim_is_sim_fd(fd), 1);
	close_fd(fd);
}

/* An fd number that is open neither as a real nor as a simulated file. */
static int unused_fd(void)
{
	int fd = 777;

	while (syscall(SYS_fcntl, fd, F_GETFD) != -1 || errno != EBADF)
		fd++;
	ck_assert_int_eq(evlsim_is_sim_fd(fd), 0);
	return fd;
}

/* The lowest fd number >= @min that is free. */
static int lowest_free_from(int min)
{
	int fd = min;

	while (syscall(SYS_fcntl, fd, F_GETFD) != -1 || errno != EBADF)
		fd++;
	return fd;
}

static struct tdrv_stats stats(void)
{
	struct tdrv_stats st;

	tdrv_get_stats(&st);
	return st;
}

/* F_GETFL of a real /dev/null opened with @flags: what Linux puts in f_flags. */
static int linux_getfl(int flags)
{
	int fd = (int)syscall(SYS_openat, AT_FDCWD, "/dev/null", flags, 0600), fl;

	ck_assert_msg(fd >= 0, "openat(/dev/null, %#x): %s", flags, strerror(errno));
	fl = (int)syscall(SYS_fcntl, fd, F_GETFL);
	syscall(SYS_close, fd);
	return fl;
}

/* Compares a call's result and errno with the raw system call's. */
#define ck_assert_same(call, rawcall)					\
	do {								\
		long __a, __b;						\
		int __ea, __eb;						\
		errno = 0;						\
		__a = (long)(call);					\
		__ea = __a == -1 ? errno : 0;				\
		errno = 0;						\
		__b = (long)(rawcall);					\
		__eb = __b == -1 ? errno : 0;				\
		ck_assert_msg(__a == __b && __ea == __eb,		\
			      "%s = %ld (%s), but %s = %ld (%s)", #call, __a, \
			      strerror(__ea), #rawcall, __b, strerror(__eb)); \
	} while (0)

/* ---- open ---------------------------------------------------------------------------- */

START_TEST(test_open_variants)
{
	close_sim(open(ECHO, O_RDWR));
	close_sim(open64(ECHO, O_RDWR));
	close_sim(openat(AT_FDCWD, ECHO, O_RDWR));
	close_sim(openat64(AT_FDCWD, ECHO, O_RDWR));
	close_sim(open(ECHO, O_RDWR | O_CREAT, 0600));
	close_sim(creat(TDRV_FULL, 0600));
	close_sim(creat64(TDRV_FULL, 0600));
	ck_assert_int_eq(stats().opens, 2);
	ck_assert_int_eq(stats().releases, 2);
}
END_TEST

START_TEST(test_open_creat_is_wronly)
{
	int fd = creat(TDRV_FULL, 0600);
	char buf[8];

	ck_assert_int_eq(evlsim_is_sim_fd(fd), 1);
	ck_assert_call(fcntl(fd, F_GETFL), linux_getfl(O_CREAT | O_WRONLY | O_TRUNC));
	ck_assert_call(fcntl(fd, F_GETFL), O_WRONLY | KO_LARGEFILE);
	ck_assert_fails(read(fd, buf, sizeof(buf)), EBADF);
	ck_assert_call(write(fd, "x", 1), 1);
	close_fd(fd);
}
END_TEST

START_TEST(test_open_fortify_entry_points)
{
	int dirfd = open_real("/dev", O_RDONLY | O_DIRECTORY), fd;

	close_sim(__open_2(ECHO, O_RDWR));
	close_sim(__open64_2(ECHO, O_RDWR));
	close_sim(__openat_2(AT_FDCWD, ECHO, O_RDWR));
	close_sim(__openat64_2(AT_FDCWD, ECHO, O_RDWR));
	close_sim(__openat_2(dirfd, "echo", O_RDWR | O_CLOEXEC));
	close_sim(__openat64_2(dirfd, "tdrv-full", O_RDONLY));
	/* real paths go to the C library */
	fd = __open_2("/dev/null", O_RDONLY);
	ck_assert_int_ge(fd, 0);
	ck_assert_int_eq(evlsim_is_sim_fd(fd), 0);
	close_fd(fd);
	ck_assert_fails(__open_2("/dev/evlsim-no-such-node", O_RDONLY), ENOENT);
	close_fd(dirfd);
}
END_TEST

/* __open_2() with a flag that needs a mode is a fortify failure: abort */
START_TEST(test_open_fortify_needs_mode_aborts)
{
	__open_2(ECHO, O_RDWR | O_CREAT);
}
END_TEST

START_TEST(test_open_fortify_tmpfile_aborts)
{
	__openat_2(AT_FDCWD, "/dev", O_RDWR | O_TMPFILE);
}
END_TEST

START_TEST(test_open_relative_to_cwd)
{
	ck_assert_call(chdir("/dev"), 0);
	close_sim(open("echo", O_RDWR));
	close_sim(open("./echo", O_RDWR));
	close_sim(open("../dev/echo", O_RDWR));
	close_sim(open(".//echo", O_RDWR));
	ck_assert_call(chdir("/"), 0);
	close_sim(open("dev/echo", O_RDWR));
	close_sim(open("dev/../dev/./echo", O_RDWR));
	close_sim(open("./../../dev/echo", O_RDWR));
	ck_assert_fails(open("echo", O_RDWR), ENOENT);
}
END_TEST

START_TEST(test_open_absolute_normalised)
{
	close_sim(open("//dev//echo", O_RDWR));
	close_sim(open("/dev/./echo", O_RDWR));
	close_sim(open("/../../dev/echo", O_RDWR));
	close_sim(open("/dev/../dev/echo", O_RDWR));
	close_sim(open("/./dev/././echo", O_RDWR));
	close_sim(open("///dev///tdrv-full", O_RDWR));
}
END_TEST

/* A trailing slash asks for a directory: ENOTDIR on a device node, as on /dev/null. */
START_TEST(test_open_trailing_slash_enotdir)
{
	ck_assert_fails(syscall(SYS_openat, AT_FDCWD, "/dev/null/", O_RDONLY), ENOTDIR);
	ck_assert_fails(open(ECHO "/", O_RDWR), ENOTDIR);
	ck_assert_fails(open(ECHO "/.", O_RDWR), ENOTDIR);
	ck_assert_int_eq(stats().opens, 0);
}
END_TEST

START_TEST(test_open_dirfd)
{
	int dirfd = open_real("/dev", O_RDONLY | O_DIRECTORY);
	int rootfd = open_real("/", O_RDONLY | O_DIRECTORY);
	int nullfd = open_real("/dev/null", O_RDONLY);
	int simfd = open_node(ECHO, O_RDWR);

	close_sim(openat(dirfd, "echo", O_RDWR));
	close_sim(openat(dirfd, "../dev/echo", O_RDWR));
	close_sim(openat64(rootfd, "dev/echo", O_RDWR));
	/* an absolute path ignores dirfd, even a bad one */
	close_sim(openat(dirfd, ECHO, O_RDWR));
	close_sim(openat(-5, ECHO, O_RDWR));
	close_sim(openat(unused_fd(), ECHO, O_RDWR));
	/* a relative path with a bad dirfd: EBADF; with a non-directory: ENOTDIR */
	ck_assert_fails(openat(-5, "echo", O_RDWR), EBADF);
	ck_assert_fails(openat(unused_fd(), "echo", O_RDWR), EBADF);
	ck_assert_same(openat(nullfd, "echo", O_RDWR),
		       syscall(SYS_openat, nullfd, "echo", O_RDWR));
	ck_assert_fails(openat(nullfd, "echo", O_RDWR), ENOTDIR);
	ck_assert_fails(openat(simfd, "echo", O_RDWR), ENOTDIR);
	close_fd(simfd);
	close_fd(nullfd);
	close_fd(rootfd);
	close_fd(dirfd);
}
END_TEST

START_TEST(test_open_cloexec)
{
	int fd = open_node(ECHO, O_RDWR | O_CLOEXEC), fd2 = open_node(ECHO, O_RDWR);

	ck_assert_call(fcntl(fd, F_GETFD), FD_CLOEXEC);
	ck_assert_call(fcntl(fd2, F_GETFD), 0);
	/* O_CLOEXEC is not a status flag */
	ck_assert_call(fcntl(fd, F_GETFL), O_RDWR | KO_LARGEFILE);
	ck_assert_call(fcntl(fd, F_GETFL), linux_getfl(O_RDWR | O_CLOEXEC));
	close_fd(fd2);
	close_fd(fd);
}
END_TEST

START_TEST(test_open_creat_excl_eexist)
{
	ck_assert_same(open("/dev/null", O_RDWR | O_CREAT | O_EXCL, 0600),
		       syscall(SYS_openat, AT_FDCWD, "/dev/null", O_RDWR | O_CREAT | O_EXCL, 0600));
	ck_assert_fails(open(TDRV_FULL, O_RDWR | O_CREAT | O_EXCL, 0600), EEXIST);
	ck_assert_fails(openat(AT_FDCWD, TDRV_FULL, O_RDWR | O_CREAT | O_EXCL, 0600), EEXIST);
	ck_assert_int_eq(stats().opens, 0);
	/* O_CREAT alone opens the existing node, O_EXCL alone is ignored for a char device */
	close_sim(open(TDRV_FULL, O_RDWR | O_CREAT, 0600));
	close_sim(open(TDRV_FULL, O_RDWR | O_EXCL));
	ck_assert_int_eq(stats().opens, 2);
}
END_TEST

START_TEST(test_open_directory_enotdir)
{
	ck_assert_fails(syscall(SYS_openat, AT_FDCWD, "/dev/null", O_RDONLY | O_DIRECTORY),
			ENOTDIR);
	ck_assert_fails(open(ECHO, O_RDONLY | O_DIRECTORY), ENOTDIR);
	ck_assert_int_eq(stats().opens, 0);
}
END_TEST

START_TEST(test_open_nonexistent_enoent)
{
	ck_assert_fails(open("/dev/evlsim-no-such-node", O_RDWR), ENOENT);
	ck_assert_fails(open("/dev/echo-", O_RDWR), ENOENT);
	ck_assert_fails(open("", O_RDWR), ENOENT);
}
END_TEST

START_TEST(test_open_driver_error)
{
	tdrv_force_open_result(-ENXIO);
	ck_assert_fails(open(TDRV_FULL, O_RDWR), ENXIO);
	tdrv_force_open_result(0);
	ck_assert_int_eq(stats().opens, 0);
	ck_assert_int_eq(stats().releases, 0);
}
END_TEST

/* O_PATH: no driver ->open, no I/O, no ioctl; the file is closed without ->release */
START_TEST(test_open_o_path)
{
	int fd = open_node(TDRV_FULL, O_PATH);
	char buf[8];

	ck_assert_int_eq(stats().opens, 0);
	ck_assert_fails(read(fd, buf, sizeof(buf)), EBADF);
	ck_assert_fails(write(fd, "x", 1), EBADF);
	ck_assert_fails(ioctl(fd, TDRV_IOC_PING), EBADF);
	close_fd(fd);
	ck_assert_int_eq(stats().releases, 0);
	ck_assert_int_eq(stats().flushes, 0);
}
END_TEST

/* O_PATH keeps only O_PATH (and O_CLOEXEC, O_DIRECTORY, O_NOFOLLOW) of the open flags */
START_TEST(test_open_o_path_flags)
{
	int fd = open_node(TDRV_FULL, O_PATH | O_RDWR);

	ck_assert_call(fcntl(fd, F_GETFL), linux_getfl(O_PATH | O_RDWR));
	close_fd(fd);
}
END_TEST

/* ---- close --------------------------------------------------------------------------- */

START_TEST(test_close_twice_ebadf)
{
	int fd = open_node(TDRV_FULL, O_RDWR);

	ck_assert_call(close(fd), 0);
	ck_assert_int_eq(evlsim_is_sim_fd(fd), 0);
	ck_assert_fails(close(fd), EBADF);
	/* the real descriptor behind it is gone too */
	ck_assert_fails(syscall(SYS_fcntl, fd, F_GETFD), EBADF);
	ck_assert_int_eq(stats().releases, 1);
	ck_assert_int_eq(stats().flushes, 1);
}
END_TEST

/* ->flush on every close, ->release on the last one */
START_TEST(test_close_flush_each_release_last)
{
	int fd = open_node(TDRV_FULL, O_RDWR), d = dup(fd);

	ck_assert_int_eq(evlsim_is_sim_fd(d), 1);
	close_fd(fd);
	ck_assert_int_eq(stats().flushes, 1);
	ck_assert_int_eq(stats().releases, 0);
	ck_assert_call(ioctl(d, TDRV_IOC_PING), 0);
	close_fd(d);
	ck_assert_int_eq(stats().flushes, 2);
	ck_assert_int_eq(stats().releases, 1);
}
END_TEST

/* the number of a closed simulated fd, reused by a real open, is a real fd */
START_TEST(test_close_number_reused_by_real_fd)
{
	int fd = open_node(TDRV_FULL, O_RDWR), r;
	char buf[8];

	close_fd(fd);
	r = open_real("/dev/null", O_RDWR);
	ck_assert_int_eq(r, fd);
	ck_assert_call(read(r, buf, sizeof(buf)), 0);
	ck_assert_call(write(r, "abc", 3), 3);
	close_fd(r);
	ck_assert_int_eq(stats().releases, 1);
}
END_TEST

/* ---- read, write, pread, pwrite, lseek ------------------------------------------------- */

START_TEST(test_rw_echo_roundtrip)
{
	int fd = open_node(ECHO, O_RDWR);
	char buf[16];

	ck_assert_call(write(fd, "hello", 5), 5);
	memset(buf, 0, sizeof(buf));
	ck_assert_call(read(fd, buf, sizeof(buf)), 5);
	ck_assert_str_eq(buf, "hello");
	ck_assert_call(read(fd, buf, sizeof(buf)), 0);
	/* a short read takes the head of the message, and empties the buffer */
	ck_assert_call(write(fd, "abcdef", 6), 6);
	ck_assert_call(read(fd, buf, 2), 2);
	ck_assert_mem_eq(buf, "ab", 2);
	ck_assert_call(read(fd, buf, sizeof(buf)), 0);
	close_fd(fd);
}
END_TEST

START_TEST(test_rw_tdrv_routing)
{
	int fd = open_node(TDRV_FULL, O_RDWR);
	char buf[16];

	memset(buf, 0, sizeof(buf));
	ck_assert_call(read(fd, buf, sizeof(buf)), 8);
	ck_assert_mem_eq(buf, "testdrv!", 8);
	ck_assert_call(read(fd, buf, 3), 3);
	ck_assert_call(write(fd, buf, sizeof(buf)), 16);
	ck_assert_call(pread(fd, buf, sizeof(buf), 0), 8);
	ck_assert_call(pread64(fd, buf, sizeof(buf), 1000), 8);
	ck_assert_call(pwrite(fd, buf, 5, 3), 5);
	ck_assert_call(pwrite64(fd, buf, 5, 3), 5);
	close_fd(fd);
}
END_TEST

/* stream_open(): no position at all */
START_TEST(test_rw_stream_espipe)
{
	int fd = open_node(ECHO, O_RDWR);
	char buf[8];

	ck_assert_fails(pread(fd, buf, sizeof(buf), 0), ESPIPE);
	ck_assert_fails(pread64(fd, buf, sizeof(buf), 0), ESPIPE);
	ck_assert_fails(pwrite(fd, "x", 1, 0), ESPIPE);
	ck_assert_fails(pwrite64(fd, "x", 1, 0), ESPIPE);
	ck_assert_fails(lseek(fd, 0, SEEK_SET), ESPIPE);
	ck_assert_fails(lseek(fd, 0, SEEK_CUR), ESPIPE);
	ck_assert_fails(lseek64(fd, 0, SEEK_END), ESPIPE);
	close_fd(fd);
}
END_TEST

/* no ->llseek: lseek() fails, pread() and pwrite() work */
START_TEST(test_rw_no_llseek_espipe)
{
	int fd = open_node(TDRV_FULL, O_RDWR);
	char buf[8];

	ck_assert_fails(lseek(fd, 0, SEEK_SET), ESPIPE);
	ck_assert_fails(lseek(fd, 0, SEEK_CUR), ESPIPE);
	ck_assert_call(pread(fd, buf, sizeof(buf), 5), 8);
	ck_assert_call(pwrite(fd, buf, sizeof(buf), 5), 8);
	close_fd(fd);
}
END_TEST

/* a bad whence is EINVAL before anything else, as in ksys_lseek() */
START_TEST(test_rw_lseek_bad_whence_einval)
{
	int fd = open_node(ECHO, O_RDWR), p[2];

	ck_assert_call(pipe(p), 0);
	ck_assert_same(lseek(p[0], 0, 7), syscall(SYS_lseek, p[0], 0, 7));
	ck_assert_fails(lseek(fd, 0, 7), EINVAL);
	ck_assert_fails(lseek(fd, 0, -1), EINVAL);
	ck_assert_fails(lseek(unused_fd(), 0, 7), EBADF);
	close_fd(p[0]);
	close_fd(p[1]);
	close_fd(fd);
}
END_TEST

/* a negative offset is EINVAL, checked before the fd, as in ksys_pread64() */
START_TEST(test_rw_pread_negative_offset_einval)
{
	int fd = open_node(TDRV_FULL, O_RDWR), bad = unused_fd();
	char buf[8];

	ck_assert_same(pread(bad, buf, 1, -1), syscall(SYS_pread64, bad, buf, 1, -1L));
	ck_assert_fails(pread(fd, buf, 1, -1), EINVAL);
	ck_assert_fails(pwrite(fd, buf, 1, -1), EINVAL);
	ck_assert_fails(pread(bad, buf, 1, -1), EINVAL);
	ck_assert_fails(pwrite(bad, buf, 1, -1), EINVAL);
	ck_assert_fails(pread(bad, buf, 1, 0), EBADF);
	/* pos + count overflowing loff_t */
	ck_assert_fails(pread(fd, buf, 8, LLONG_MAX - 2), EINVAL);
	close_fd(fd);
}
END_TEST

START_TEST(test_rw_access_mode_ebadf)
{
	int rd = open_node(TDRV_FULL, O_RDONLY), wr = open_node(TDRV_FULL, O_WRONLY);
	char buf[8];

	ck_assert_fails(write(rd, "x", 1), EBADF);
	ck_assert_fails(pwrite(rd, "x", 1, 0), EBADF);
	ck_assert_fails(read(wr, buf, 1), EBADF);
	ck_assert_fails(pread(wr, buf, 1, 0), EBADF);
	ck_assert_call(read(rd, buf, 1), 1);
	ck_assert_call(write(wr, "x", 1), 1);
	close_fd(wr);
	close_fd(rd);
}
END_TEST

/* ---- seekable nodes (tuaccess) -------------------------------------------------------- */

START_TEST(test_seek_default_llseek)
{
	int fd = open_node(TSEEK_DEFAULT, O_RDWR);
	char buf[8];

	ck_assert_call(lseek(fd, 0, SEEK_CUR), 0);
	ck_assert_call(write(fd, "0123456789", 10), 10);
	ck_assert_call(lseek(fd, 0, SEEK_CUR), 10);
	ck_assert_call(lseek(fd, 3, SEEK_SET), 3);
	ck_assert_call(read(fd, buf, 2), 2);
	ck_assert_mem_eq(buf, "de", 2);
	ck_assert_call(lseek64(fd, 2, SEEK_CUR), 7);
	ck_assert_call(lseek(fd, -8, SEEK_CUR), -1);
	ck_assert_int_eq(errno, EINVAL);
	ck_assert_call(lseek(fd, 0, SEEK_CUR), 7);
	/* i_size is 0 for a device */
	ck_assert_call(lseek(fd, 5, SEEK_END), 5);
	ck_assert_fails(lseek(fd, -1, SEEK_END), EINVAL);
	ck_assert_fails(lseek(fd, 0, SEEK_DATA), ENXIO);
	ck_assert_fails(lseek(fd, 0, SEEK_HOLE), ENXIO);
	/* pread/pwrite leave the position alone */
	ck_assert_call(pread(fd, buf, 1, 25), 1);
	ck_assert_int_eq(buf[0], 'z');
	ck_assert_call(pwrite(fd, "x", 1, 100), 1);
	ck_assert_call(lseek(fd, 0, SEEK_CUR), 5);
	close_fd(fd);
}
END_TEST

START_TEST(test_seek_noop_llseek)
{
	int fd = open_node(TSEEK_NOOP, O_RDWR);
	char buf[8];

	ck_assert_call(lseek(fd, 100, SEEK_SET), 0);
	ck_assert_call(read(fd, buf, 3), 3);
	ck_assert_mem_eq(buf, "abc", 3);
	ck_assert_call(lseek(fd, 0, SEEK_END), 3);
	ck_assert_call(lseek(fd, -100, SEEK_CUR), 3);
	ck_assert_call(read(fd, buf, 1), 1);
	ck_assert_int_eq(buf[0], 'd');
	close_fd(fd);
}
END_TEST

START_TEST(test_seek_no_llseek_handler)
{
	int fd = open_node(TSEEK_NONE, O_RDWR);
	char buf[8];

	ck_assert_fails(lseek(fd, 0, SEEK_CUR), ESPIPE);
	ck_assert_call(read(fd, buf, 2), 2);
	ck_assert_call(pread(fd, buf, 1, 2), 1);
	ck_assert_int_eq(buf[0], 'c');
	close_fd(fd);
}
END_TEST

/* dup'ed fds share the file, hence f_pos */
START_TEST(test_seek_dup_shares_pos)
{
	int fd = open_node(TSEEK_DEFAULT, O_RDWR), d = dup(fd), d2;
	char buf[8];

	ck_assert_call(lseek(fd, 4, SEEK_SET), 4);
	ck_assert_call(lseek(d, 0, SEEK_CUR), 4);
	ck_assert_call(read(d, buf, 2), 2);
	ck_assert_mem_eq(buf, "ef", 2);
	ck_assert_call(lseek(fd, 0, SEEK_CUR), 6);
	d2 = fcntl(fd, F_DUPFD_CLOEXEC, 0);
	ck_assert_call(dup2(fd, d2), d2);
	ck_assert_call(read(d2, buf, 1), 1);
	ck_assert_int_eq(buf[0], 'g');
	ck_assert_call(lseek(d, 0, SEEK_CUR), 7);
	/* a new open has its own position */
	close_fd(d2);
	d2 = open_node(TSEEK_DEFAULT, O_RDWR);
	ck_assert_call(lseek(d2, 0, SEEK_CUR), 0);
	close_fd(d2);
	close_fd(d);
	close_fd(fd);
}
END_TEST

/* ---- dup, dup2, dup3 ------------------------------------------------------------------- */

START_TEST(test_dup_shares_status_not_cloexec)
{
	int fd = open_node(ECHO, O_RDWR | O_CLOEXEC), d = dup(fd);
	char buf[8];

	ck_assert_int_eq(evlsim_is_sim_fd(d), 1);
	ck_assert_int_ne(d, fd);
	ck_assert_call(fcntl(fd, F_GETFD), FD_CLOEXEC);
	ck_assert_call(fcntl(d, F_GETFD), 0);
	ck_assert_call(fcntl(d, F_SETFL, O_NONBLOCK), 0);
	ck_assert_call(fcntl(fd, F_GETFL), O_RDWR | O_NONBLOCK | KO_LARGEFILE);
	ck_assert_fails(read(fd, buf, sizeof(buf)), EAGAIN);
	/* same file: what one fd writes, the other reads */
	ck_assert_call(write(fd, "dup", 3), 3);
	ck_assert_call(read(d, buf, sizeof(buf)), 3);
	ck_assert_mem_eq(buf, "dup", 3);
	ck_assert_call(fcntl(fd, F_SETFD, 0), 0);
	ck_assert_call(fcntl(d, F_SETFD, FD_CLOEXEC), 0);
	ck_assert_call(fcntl(fd, F_GETFD), 0);
	close_fd(d);
	close_fd(fd);
}
END_TEST

/* dup() returns the lowest free number, as Linux */
START_TEST(test_dup_lowest_free)
{
	int fd = open_node(TDRV_FULL, O_RDWR), d, r, expect;

	r = open_real("/dev/null", O_RDONLY);
	close_fd(r);
	expect = lowest_free_from(0);
	ck_assert_int_eq(expect, r);
	d = dup(fd);
	ck_assert_int_eq(d, expect);
	close_fd(d);
	close_fd(fd);
}
END_TEST

START_TEST(test_dup2_same_fd)
{
	int fd = open_node(TDRV_FULL, O_RDWR), r = open_real("/dev/null", O_RDWR);
	int bad = unused_fd();

	ck_assert_call(dup2(fd, fd), fd);
	ck_assert_call(dup2(r, r), r);
	ck_assert_same(dup2(bad, bad), syscall(SYS_dup2, bad, bad));
	ck_assert_fails(dup2(bad, bad), EBADF);
	ck_assert_fails(dup2(-1, -1), EBADF);
	/* nothing was closed */
	ck_assert_int_eq(stats().flushes, 0);
	ck_assert_int_eq(evlsim_is_sim_fd(fd), 1);
	ck_assert_call(ioctl(fd, TDRV_IOC_PING), 0);
	close_fd(r);
	close_fd(fd);
}
END_TEST

START_TEST(test_dup3_same_fd_einval)
{
	int fd = open_node(TDRV_FULL, O_RDWR), r = open_real("/dev/null", O_RDWR);

	ck_assert_same(dup3(r, r, 0), syscall(SYS_dup3, r, r, 0));
	ck_assert_fails(dup3(fd, fd, 0), EINVAL);
	ck_assert_fails(dup3(fd, fd, O_CLOEXEC), EINVAL);
	ck_assert_fails(dup3(r, r, 0), EINVAL);
	ck_assert_int_eq(stats().flushes, 0);
	ck_assert_call(fcntl(fd, F_GETFD), 0);
	close_fd(r);
	close_fd(fd);
}
END_TEST

START_TEST(test_dup3_bad_flags_einval)
{
	int fd = open_node(TDRV_FULL, O_RDWR), other = open_node(TDRV_FULL, O_RDWR);
	int r = open_real("/dev/null", O_RDWR), r2 = open_real("/dev/null", O_RDWR);

	ck_assert_same(dup3(r, r2, O_NONBLOCK), syscall(SYS_dup3, r, r2, O_NONBLOCK));
	ck_assert_fails(dup3(fd, other, O_NONBLOCK), EINVAL);
	ck_assert_fails(dup3(fd, other, 0x12345), EINVAL);
	ck_assert_fails(dup3(fd, other, -1), EINVAL);
	ck_assert_fails(dup3(r, fd, O_RDWR), EINVAL);
	/* flags are checked before the fds */
	ck_assert_fails(dup3(unused_fd(), other, O_NONBLOCK), EINVAL);
	ck_assert_int_eq(stats().flushes, 0);
	ck_assert_int_eq(evlsim_is_sim_fd(other), 1);
	close_fd(r2);
	close_fd(r);
	close_fd(other);
	close_fd(fd);
	ck_assert_int_eq(stats().releases, 2);
}
END_TEST

START_TEST(test_dup3_cloexec)
{
	int fd = open_node(TDRV_FULL, O_RDWR), nfd = lowest_free_from(300);

	ck_assert_call(dup3(fd, nfd, O_CLOEXEC), nfd);
	ck_assert_int_eq(evlsim_is_sim_fd(nfd), 1);
	ck_assert_call(fcntl(nfd, F_GETFD), FD_CLOEXEC);
	ck_assert_call(fcntl(fd, F_GETFD), 0);
	ck_assert_call(dup3(fd, nfd, 0), nfd);
	ck_assert_call(fcntl(nfd, F_GETFD), 0);
	/* replacing an fd by the same file: one flush, no release */
	ck_assert_int_eq(stats().flushes, 1);
	ck_assert_int_eq(stats().releases, 0);
	close_fd(nfd);
	close_fd(fd);
	ck_assert_int_eq(stats().releases, 1);
}
END_TEST

/* dup2() onto an open simulated fd closes its file first */
START_TEST(test_dup2_onto_sim_fd_releases)
{
	int a = open_node(TDRV_FULL, O_RDWR), b = open_node(TDRV_FULL, O_RDWR | O_CLOEXEC);

	ck_assert_call(dup2(a, b), b);
	ck_assert_int_eq(stats().flushes, 1);
	ck_assert_int_eq(stats().releases, 1);
	ck_assert_int_eq(evlsim_is_sim_fd(b), 1);
	/* dup2() clears FD_CLOEXEC on newfd; b is now a's file */
	ck_assert_call(fcntl(b, F_GETFD), 0);
	ck_assert_call(fcntl(b, F_SETFL, O_NONBLOCK), 0);
	ck_assert_call(fcntl(a, F_GETFL), O_RDWR | O_NONBLOCK | KO_LARGEFILE);
	close_fd(a);
	ck_assert_int_eq(stats().releases, 1);
	ck_assert_call(ioctl(b, TDRV_IOC_PING), 0);
	close_fd(b);
	ck_assert_int_eq(stats().releases, 2);
	ck_assert_int_eq(stats().flushes, 3);
}
END_TEST

/* dup2() of a simulated fd onto a real one closes the real one */
START_TEST(test_dup2_onto_real_fd)
{
	int fd = open_node(TDRV_FULL, O_RDWR), p[2];
	char buf[8];

	signal(SIGPIPE, SIG_IGN);
	ck_assert_call(pipe(p), 0);
	ck_assert_call(dup2(fd, p[0]), p[0]);
	ck_assert_int_eq(evlsim_is_sim_fd(p[0]), 1);
	ck_assert_call(read(p[0], buf, sizeof(buf)), 8);
	ck_assert_mem_eq(buf, "testdrv!", 8);
	/* the pipe has no reader left */
	ck_assert_fails(write(p[1], "x", 1), EPIPE);
	close_fd(fd);
	ck_assert_int_eq(stats().releases, 0);
	close_fd(p[0]);
	ck_assert_int_eq(stats().releases, 1);
	close_fd(p[1]);
}
END_TEST

/* dup2() of a real fd onto a simulated one releases the simulated file */
START_TEST(test_dup2_real_onto_sim_releases)
{
	int fd = open_node(TDRV_FULL, O_RDWR), r = open_real("/dev/null", O_RDWR);
	char buf[8];

	ck_assert_call(dup2(r, fd), fd);
	ck_assert_int_eq(evlsim_is_sim_fd(fd), 0);
	ck_assert_int_eq(stats().flushes, 1);
	ck_assert_int_eq(stats().releases, 1);
	ck_assert_call(read(fd, buf, sizeof(buf)), 0);
	ck_assert_call(write(fd, "abc", 3), 3);
	close_fd(fd);
	close_fd(r);
	ck_assert_int_eq(stats().releases, 1);
}
END_TEST

/* dup3() onto a real fd number that is not open */
START_TEST(test_dup2_onto_unused_fd)
{
	int fd = open_node(ECHO, O_RDWR), nfd = unused_fd();
	char buf[8];

	ck_assert_call(dup2(fd, nfd), nfd);
	ck_assert_int_eq(evlsim_is_sim_fd(nfd), 1);
	ck_assert_call(write(fd, "xy", 2), 2);
	ck_assert_call(read(nfd, buf, sizeof(buf)), 2);
	close_fd(nfd);
	close_fd(fd);
}
END_TEST

START_TEST(test_dup2_bad_newfd_ebadf)
{
	int fd = open_node(TDRV_FULL, O_RDWR), r = open_real("/dev/null", O_RDWR);

	ck_assert_same(dup2(fd, -1), syscall(SYS_dup2, r, -1));
	ck_assert_fails(dup2(fd, -1), EBADF);
	ck_assert_fails(dup2(fd, 1 << 20), EBADF);
	ck_assert_fails(dup2(fd, INT_MAX), EBADF);
	ck_assert_fails(dup3(fd, -1, 0), EBADF);
	ck_assert_fails(dup3(fd, INT_MAX, O_CLOEXEC), EBADF);
	ck_assert_same(dup2(r, INT_MAX), syscall(SYS_dup2, r, INT_MAX));
	ck_assert_int_eq(stats().flushes, 0);
	close_fd(r);
	close_fd(fd);
}
END_TEST

/* dup2() from a bad fd leaves newfd alone */
START_TEST(test_dup2_bad_oldfd_keeps_newfd)
{
	int fd = open_node(TDRV_FULL, O_RDWR), bad = unused_fd();

	ck_assert_fails(dup2(bad, fd), EBADF);
	ck_assert_fails(dup3(bad, fd, 0), EBADF);
	ck_assert_fails(dup2(-1, fd), EBADF);
	ck_assert_int_eq(evlsim_is_sim_fd(fd), 1);
	ck_assert_int_eq(stats().flushes, 0);
	ck_assert_call(ioctl(fd, TDRV_IOC_PING), 0);
	close_fd(fd);
}
END_TEST

/* ---- fcntl ----------------------------------------------------------------------------- */

START_TEST(test_fcntl_getfl_like_linux)
{
	static const int flags[] = {
		O_RDONLY, O_WRONLY, O_RDWR, O_RDWR | O_NONBLOCK, O_RDWR | O_APPEND,
		O_WRONLY | O_SYNC, O_RDONLY | O_DSYNC, O_RDWR | O_NOCTTY | O_TRUNC,
		O_RDWR | O_CLOEXEC | O_NOFOLLOW, O_RDONLY | O_LARGEFILE | O_ASYNC,
	};
	unsigned int i;
	int fd;

	for (i = 0; i < sizeof(flags) / sizeof(flags[0]); i++) {
		fd = open_node(TDRV_FULL, flags[i]);
		ck_assert_msg(fcntl(fd, F_GETFL) == linux_getfl(flags[i]),
			      "open flags %#x: F_GETFL %#x, Linux %#x", flags[i],
			      fcntl(fd, F_GETFL), linux_getfl(flags[i]));
		close_fd(fd);
	}
}
END_TEST

/* F_SETFL changes only O_APPEND, O_NONBLOCK (and O_DIRECT, O_NOATIME, FASYNC) */
START_TEST(test_fcntl_setfl_like_linux)
{
	static const int setfl[] = {
		O_NONBLOCK, O_APPEND | O_NONBLOCK, O_WRONLY, O_RDONLY | O_SYNC | O_CREAT,
		O_ASYNC, 0, O_APPEND | O_TRUNC | O_EXCL | O_CLOEXEC,
	};
	int fd = open_node(TDRV_FULL, O_RDWR), r = open_real("/dev/null", O_RDWR);
	unsigned int i;

	for (i = 0; i < sizeof(setfl) / sizeof(setfl[0]); i++) {
		ck_assert_same(fcntl(fd, F_SETFL, setfl[i]),
			       syscall(SYS_fcntl, r, F_SETFL, setfl[i]));
		ck_assert_msg(fcntl(fd, F_GETFL) == syscall(SYS_fcntl, r, F_GETFL),
			      "F_SETFL %#x: F_GETFL %#x, Linux %#lx", setfl[i],
			      fcntl(fd, F_GETFL), syscall(SYS_fcntl, r, F_GETFL));
	}
	close_fd(r);
	close_fd(fd);
}
END_TEST

START_TEST(test_fcntl_nonblock_inband_read)
{
	int fd = open_node(ECHO, O_RDWR), nb = open_node(ECHO, O_RDWR | O_NONBLOCK);
	char buf[8];

	ck_assert_call(read(fd, buf, sizeof(buf)), 0);
	ck_assert_fails(read(nb, buf, sizeof(buf)), EAGAIN);
	ck_assert_call(fcntl(fd, F_SETFL, O_NONBLOCK), 0);
	ck_assert_fails(read(fd, buf, sizeof(buf)), EAGAIN);
	ck_assert_call(write(fd, "m", 1), 1);
	ck_assert_call(read(fd, buf, sizeof(buf)), 1);
	ck_assert_fails(read(fd, buf, sizeof(buf)), EAGAIN);
	ck_assert_call(fcntl(fd, F_SETFL, 0), 0);
	ck_assert_call(read(fd, buf, sizeof(buf)), 0);
	close_fd(nb);
	close_fd(fd);
}
END_TEST

/* O_NONBLOCK set in-band is honoured by oob handlers (spec 2.4) */
START_TEST(test_fcntl_nonblock_oob_read)
{
	int fd = open_node(ECHO, O_RDWR);
	char buf[8];

	attach_as("fd");
	ck_assert_call(oob_read(fd, buf, sizeof(buf)), 0);
	ck_assert_call(fcntl(fd, F_SETFL, O_NONBLOCK), 0);
	ck_assert_fails(oob_read(fd, buf, sizeof(buf)), EAGAIN);
	ck_assert_call(oob_write(fd, "oob", 3), 3);
	ck_assert_call(oob_read(fd, buf, sizeof(buf)), 3);
	ck_assert_call(ioctl(fd, FIONBIO, &(int){ 0 }), 0);
	ck_assert_call(oob_read(fd, buf, sizeof(buf)), 0);
	close_fd(fd);
	ck_assert_ret(evl_detach_self(), 0);
}
END_TEST

START_TEST(test_fcntl_dupfd_minimum)
{
	int fd = open_node(TDRV_FULL, O_RDWR | O_CLOEXEC), expect, d, d2;

	expect = lowest_free_from(200);
	d = fcntl(fd, F_DUPFD, 200);
	ck_assert_int_eq(d, expect);
	ck_assert_int_eq(evlsim_is_sim_fd(d), 1);
	ck_assert_call(fcntl(d, F_GETFD), 0);
	expect = lowest_free_from(200);
	d2 = fcntl(fd, F_DUPFD_CLOEXEC, 200);
	ck_assert_int_eq(d2, expect);
	ck_assert_call(fcntl(d2, F_GETFD), FD_CLOEXEC);
	/* 0 as minimum: the lowest free number */
	expect = lowest_free_from(0);
	close_fd(d2);
	d2 = fcntl(fd, F_DUPFD, 0);
	ck_assert_int_eq(d2, expect);
	close_fd(d2);
	close_fd(d);
	close_fd(fd);
	ck_assert_int_eq(stats().releases, 1);
}
END_TEST

START_TEST(test_fcntl_dupfd_bad_minimum_einval)
{
	int fd = open_node(TDRV_FULL, O_RDWR), r = open_real("/dev/null", O_RDWR);
	struct rlimit rl;

	ck_assert_call(getrlimit(RLIMIT_NOFILE, &rl), 0);
	ck_assert_same(fcntl(fd, F_DUPFD, -1), syscall(SYS_fcntl, r, F_DUPFD, -1));
	ck_assert_fails(fcntl(fd, F_DUPFD, -1), EINVAL);
	ck_assert_fails(fcntl(fd, F_DUPFD_CLOEXEC, -1), EINVAL);
	ck_assert_fails(fcntl(fd, F_DUPFD, (int)rl.rlim_cur), EINVAL);
	ck_assert_fails(fcntl(fd, F_DUPFD, INT_MAX), EINVAL);
	close_fd(r);
	close_fd(fd);
	ck_assert_int_eq(stats().releases, 1);
}
END_TEST

START_TEST(test_fcntl_getfd_setfd)
{
	int fd = open_node(TDRV_FULL, O_RDWR), r = open_real("/dev/null", O_RDWR);

	ck_assert_call(fcntl(fd, F_GETFD), 0);
	ck_assert_call(fcntl(fd, F_SETFD, FD_CLOEXEC), 0);
	ck_assert_call(fcntl(fd, F_GETFD), FD_CLOEXEC);
	/* only FD_CLOEXEC exists */
	ck_assert_same(fcntl(fd, F_SETFD, 0xfe), syscall(SYS_fcntl, r, F_SETFD, 0xfe));
	ck_assert_same(fcntl(fd, F_GETFD), syscall(SYS_fcntl, r, F_GETFD));
	ck_assert_call(fcntl(fd, F_SETFD, 0xff), 0);
	ck_assert_call(fcntl(fd, F_GETFD), FD_CLOEXEC);
	/* FD_CLOEXEC does not show in the status flags */
	ck_assert_call(fcntl(fd, F_GETFL), O_RDWR | KO_LARGEFILE);
	close_fd(r);
	close_fd(fd);
}
END_TEST

/* commands the simulator does not handle answer as on a device file */
START_TEST(test_fcntl_other_commands)
{
	int fd = open_node(TDRV_FULL, O_RDWR), r = open_real("/dev/null", O_RDWR);

	ck_assert_same(fcntl(fd, F_GETPIPE_SZ), syscall(SYS_fcntl, r, F_GETPIPE_SZ));
	ck_assert_same(fcntl(fd, F_GETOWN), syscall(SYS_fcntl, r, F_GETOWN));
	ck_assert_same(fcntl(fd, 12345), syscall(SYS_fcntl, r, 12345));
	close_fd(r);
	close_fd(fd);
}
END_TEST

/* ---- generic ioctls -------------------------------------------------------------------- */

START_TEST(test_ioctl_fionbio)
{
	int fd = open_node(ECHO, O_RDWR), on = 1, off = 0;
	char buf[8];

	ck_assert_call(ioctl(fd, FIONBIO, &on), 0);
	ck_assert_call(fcntl(fd, F_GETFL), O_RDWR | O_NONBLOCK | KO_LARGEFILE);
	ck_assert_fails(read(fd, buf, sizeof(buf)), EAGAIN);
	ck_assert_call(ioctl(fd, FIONBIO, &off), 0);
	ck_assert_call(fcntl(fd, F_GETFL), O_RDWR | KO_LARGEFILE);
	ck_assert_call(read(fd, buf, sizeof(buf)), 0);
	/* any non-zero int turns it on */
	on = -42;
	ck_assert_call(ioctl(fd, FIONBIO, &on), 0);
	ck_assert_fails(read(fd, buf, sizeof(buf)), EAGAIN);
	close_fd(fd);
}
END_TEST

START_TEST(test_ioctl_fioclex_fionclex)
{
	int fd = open_node(TDRV_FULL, O_RDWR);

	ck_assert_call(ioctl(fd, FIOCLEX), 0);
	ck_assert_call(fcntl(fd, F_GETFD), FD_CLOEXEC);
	ck_assert_call(ioctl(fd, FIONCLEX), 0);
	ck_assert_call(fcntl(fd, F_GETFD), 0);
	/* handled by the VFS, never seen by the driver */
	ck_assert_call(ioctl(fd, FIOCLEX), 0);
	close_fd(fd);
}
END_TEST

START_TEST(test_ioctl_figetbsz_like_linux)
{
	int fd = open_node(TDRV_FULL, O_RDWR), r = open_real("/dev/null", O_RDWR);
	int a = -1, b = -2;

	ck_assert_call(ioctl(fd, FIGETBSZ, &a), 0);
	ck_assert_call(syscall(SYS_ioctl, r, FIGETBSZ, &b), 0);
	ck_assert_int_eq(a, b);
	close_fd(r);
	close_fd(fd);
}
END_TEST

START_TEST(test_ioctl_driver_routed)
{
	int fd = open_node(ECHO, O_RDWR);
	struct echo_info info;

	ck_assert_call(write(fd, "abc", 3), 3);
	ck_assert_call(ioctl(fd, ECHO_IOC_GET_INFO, &info), 0);
	ck_assert_uint_eq(info.len, 3);
	ck_assert_uint_eq(info.writes, 1);
	ck_assert_call(ioctl(fd, ECHO_IOC_CLEAR), 0);
	ck_assert_call(ioctl(fd, ECHO_IOC_GET_INFO, &info), 0);
	ck_assert_uint_eq(info.len, 0);
	ck_assert_fails(ioctl(fd, _IO('Z', 99)), ENOTTY);
	close_fd(fd);
}
END_TEST

/* ---- unknown and huge fd numbers ------------------------------------------------------- */

static void check_badfd(int fd)
{
	char buf[8];

	ck_assert_int_eq(evlsim_is_sim_fd(fd), 0);
	ck_assert_fails(read(fd, buf, sizeof(buf)), EBADF);
	ck_assert_fails(write(fd, "x", 1), EBADF);
	ck_assert_fails(pread(fd, buf, sizeof(buf), 0), EBADF);
	ck_assert_fails(pwrite(fd, "x", 1, 0), EBADF);
	ck_assert_fails(lseek(fd, 0, SEEK_CUR), EBADF);
	ck_assert_fails(ioctl(fd, FIONCLEX), EBADF);
	ck_assert_fails(ioctl(fd, TDRV_IOC_PING), EBADF);
	ck_assert_fails(fcntl(fd, F_GETFL), EBADF);
	ck_assert_fails(fcntl(fd, F_SETFL, O_NONBLOCK), EBADF);
	ck_assert_fails(fcntl(fd, F_GETFD), EBADF);
	ck_assert_fails(fcntl(fd, F_SETFD, FD_CLOEXEC), EBADF);
	ck_assert_fails(fcntl(fd, F_DUPFD, 0), EBADF);
	ck_assert_fails(dup(fd), EBADF);
	ck_assert_fails(dup3(fd, 500, 0), EBADF);
	ck_assert_fails(close(fd), EBADF);
	ck_assert_same(read(fd, buf, sizeof(buf)), syscall(SYS_read, fd, buf, sizeof(buf)));
	ck_assert_same(fcntl(fd, F_GETFL), syscall(SYS_fcntl, fd, F_GETFL));
}

START_TEST(test_badfd_unused)
{
	int fd = open_node(TDRV_FULL, O_RDWR);

	check_badfd(unused_fd());
	close_fd(fd);
}
END_TEST

START_TEST(test_badfd_closed_sim)
{
	int fd = open_node(TDRV_FULL, O_RDWR);

	close_fd(fd);
	check_badfd(fd);
}
END_TEST

START_TEST(test_badfd_huge_and_negative)
{
	int fd = open_node(TDRV_FULL, O_RDWR);

	check_badfd(-1);
	check_badfd(INT_MIN);
	check_badfd(INT_MAX);
	check_badfd(1 << 20);
	check_badfd((1 << 20) - 1);
	check_badfd(20000);
	close_fd(fd);
}
END_TEST

/* ---- pass-through to the C library ---------------------------------------------------- */

START_TEST(test_pass_pipe)
{
	int sim = open_node(ECHO, O_RDWR), p[2], n = -1, m = -2;
	char buf[8];

	ck_assert_call(pipe(p), 0);
	ck_assert_int_eq(evlsim_is_sim_fd(p[0]), 0);
	ck_assert_int_eq(evlsim_is_sim_fd(p[1]), 0);
	ck_assert_call(write(p[1], "pipe", 4), 4);
	ck_assert_call(ioctl(p[0], FIONREAD, &n), 0);
	ck_assert_call(syscall(SYS_ioctl, p[0], FIONREAD, &m), 0);
	ck_assert_int_eq(n, m);
	ck_assert_int_eq(n, 4);
	ck_assert_same(pread(p[0], buf, 1, 0), syscall(SYS_pread64, p[0], buf, 1, 0));
	ck_assert_same(pwrite(p[1], "x", 1, 0), syscall(SYS_pwrite64, p[1], "x", 1, 0));
	ck_assert_same(lseek(p[0], 0, SEEK_CUR), syscall(SYS_lseek, p[0], 0, SEEK_CUR));
	ck_assert_fails(lseek(p[0], 0, SEEK_CUR), ESPIPE);
	ck_assert_call(read(p[0], buf, sizeof(buf)), 4);
	ck_assert_mem_eq(buf, "pipe", 4);
	ck_assert_same(fcntl(p[0], F_GETFL), syscall(SYS_fcntl, p[0], F_GETFL));
	ck_assert_call(fcntl(p[0], F_SETFL, O_NONBLOCK), 0);
	ck_assert_fails(read(p[0], buf, sizeof(buf)), EAGAIN);
	ck_assert_same(read(p[0], buf, sizeof(buf)), syscall(SYS_read, p[0], buf, sizeof(buf)));
	ck_assert_same(fcntl(p[0], F_GETFL), syscall(SYS_fcntl, p[0], F_GETFL));
	ck_assert_same(fcntl(p[0], F_GETPIPE_SZ), syscall(SYS_fcntl, p[0], F_GETPIPE_SZ));
	ck_assert_same(ioctl(p[0], TDRV_IOC_PING), syscall(SYS_ioctl, p[0], TDRV_IOC_PING));
	close_fd(p[0]);
	close_fd(p[1]);
	close_fd(sim);
}
END_TEST

START_TEST(test_pass_dev_null)
{
	int sim = open_node(TDRV_FULL, O_RDWR), fd = open_real("/dev/null", O_RDWR);
	char buf[8];

	ck_assert_same(read(fd, buf, sizeof(buf)), syscall(SYS_read, fd, buf, sizeof(buf)));
	ck_assert_same(write(fd, "abc", 3), syscall(SYS_write, fd, "abc", 3));
	ck_assert_same(pread(fd, buf, 4, 10), syscall(SYS_pread64, fd, buf, 4, 10));
	ck_assert_same(lseek(fd, 100, SEEK_SET), syscall(SYS_lseek, fd, 100, SEEK_SET));
	ck_assert_same(lseek(fd, 0, 9), syscall(SYS_lseek, fd, 0, 9));
	ck_assert_same(ioctl(fd, TDRV_IOC_PING), syscall(SYS_ioctl, fd, TDRV_IOC_PING));
	ck_assert_same(ioctl(fd, FIOCLEX), syscall(SYS_ioctl, fd, FIOCLEX));
	ck_assert_same(fcntl(fd, F_GETFD), syscall(SYS_fcntl, fd, F_GETFD));
	ck_assert_same(fcntl(fd, F_GETFL), syscall(SYS_fcntl, fd, F_GETFL));
	ck_assert_same(dup3(fd, fd, 0), syscall(SYS_dup3, fd, fd, 0));
	ck_assert_same(pread(fd, buf, 1, -1), syscall(SYS_pread64, fd, buf, 1, -1L));
	close_fd(fd);
	close_fd(sim);
}
END_TEST

START_TEST(test_pass_regular_file)
{
	char dir[] = "/tmp/check_fd.XXXXXX", path[64], buf[16];
	int sim = open_node(TDRV_FULL, O_RDWR), fd, fd2, d, dirfd;

	ck_assert_ptr_nonnull(mkdtemp(dir));
	snprintf(path, sizeof(path), "%s/file", dir);
	fd = open(path, O_RDWR | O_CREAT | O_EXCL, 0600);
	ck_assert_int_ge(fd, 0);
	ck_assert_int_eq(evlsim_is_sim_fd(fd), 0);
	ck_assert_fails(open(path, O_RDWR | O_CREAT | O_EXCL, 0600), EEXIST);
	ck_assert_call(write(fd, "0123456789", 10), 10);
	ck_assert_call(lseek(fd, 0, SEEK_CUR), 10);
	ck_assert_call(lseek64(fd, -3, SEEK_END), 7);
	ck_assert_call(pwrite(fd, "ab", 2, 2), 2);
	ck_assert_call(pread64(fd, buf, 4, 1), 4);
	ck_assert_mem_eq(buf, "1ab4", 4);
	ck_assert_same(lseek(fd, 0, SEEK_CUR), syscall(SYS_lseek, fd, 0, SEEK_CUR));
	/* dup shares the offset and status flags, not FD_CLOEXEC */
	d = dup(fd);
	ck_assert_call(lseek(d, 5, SEEK_SET), 5);
	ck_assert_call(syscall(SYS_lseek, fd, 0, SEEK_CUR), 5);
	ck_assert_call(fcntl(d, F_SETFL, O_APPEND), 0);
	ck_assert_same(fcntl(fd, F_GETFL), syscall(SYS_fcntl, fd, F_GETFL));
	ck_assert_call(fcntl(fd, F_GETFL) & O_APPEND, O_APPEND);
	ck_assert_call(dup3(fd, d, O_CLOEXEC), d);
	ck_assert_call(fcntl(d, F_GETFD), FD_CLOEXEC);
	ck_assert_call(fcntl(fd, F_GETFD), 0);
	ck_assert_fails(dup3(fd, d, O_NONBLOCK), EINVAL);
	close_fd(d);
	/* openat and creat in the directory */
	dirfd = open(dir, O_RDONLY | O_DIRECTORY);
	ck_assert_int_ge(dirfd, 0);
	fd2 = openat(dirfd, "file", O_RDONLY);
	ck_assert_int_ge(fd2, 0);
	ck_assert_int_eq(evlsim_is_sim_fd(fd2), 0);
	ck_assert_call(read(fd2, buf, 3), 3);
	ck_assert_mem_eq(buf, "01a", 3);
	close_fd(fd2);
	fd2 = __openat_2(dirfd, "file", O_RDONLY);
	ck_assert_int_ge(fd2, 0);
	close_fd(fd2);
	snprintf(path, sizeof(path), "%s/other", dir);
	fd2 = creat(path, 0600);
	ck_assert_int_ge(fd2, 0);
	ck_assert_same(fcntl(fd2, F_GETFL), syscall(SYS_fcntl, fd2, F_GETFL));
	ck_assert_fails(read(fd2, buf, 1), EBADF);
	close_fd(fd2);
	ck_assert_call(unlinkat(dirfd, "other", 0), 0);
	ck_assert_call(unlinkat(dirfd, "file", 0), 0);
	close_fd(dirfd);
	close_fd(fd);
	ck_assert_call(rmdir(dir), 0);
	close_fd(sim);
}
END_TEST

/* pass-through keeps errno as the C library leaves it */
START_TEST(test_pass_errno_untouched)
{
	int sim = open_node(TDRV_FULL, O_RDWR), fd = open_real("/dev/null", O_RDWR);
	char buf[8];

	errno = 4242;
	ck_assert_int_eq(read(fd, buf, sizeof(buf)), 0);
	ck_assert_int_eq(write(fd, "x", 1), 1);
	ck_assert_int_eq(fcntl(fd, F_GETFD), 0);
	ck_assert_int_eq(lseek(fd, 0, SEEK_SET), 0);
	ck_assert_int_eq(errno, 4242);
	/* so does a successful simulated call */
	ck_assert_int_eq(read(sim, buf, sizeof(buf)), 8);
	ck_assert_int_eq(ioctl(sim, TDRV_IOC_PING), 0);
	ck_assert_int_eq(errno, 4242);
	close_fd(fd);
	close_fd(sim);
}
END_TEST

/* real fds opened among simulated ones are never taken for simulated ones */
START_TEST(test_pass_real_fd_never_sim)
{
	int sim[8], real[8], i, p[2];

	for (i = 0; i < 8; i++) {
		sim[i] = open_node(i & 1 ? ECHO : TDRV_FULL, O_RDWR);
		real[i] = open_real("/dev/null", O_RDONLY);
	}
	ck_assert_call(pipe(p), 0);
	for (i = 0; i < 8; i++) {
		ck_assert_int_eq(evlsim_is_sim_fd(real[i]), 0);
		ck_assert_int_eq(evlsim_is_sim_fd(sim[i]), 1);
	}
	ck_assert_int_eq(evlsim_is_sim_fd(p[0]), 0);
	ck_assert_int_eq(evlsim_is_sim_fd(p[1]), 0);
	ck_assert_int_eq(evlsim_is_sim_fd(0), 0);
	ck_assert_int_eq(evlsim_is_sim_fd(-1), 0);
	ck_assert_int_eq(evlsim_is_sim_fd(INT_MAX), 0);
	ck_assert_int_eq(evlsim_is_sim_fd(INT_MIN), 0);
	for (i = 0; i < 8; i++) {
		close_fd(sim[i]);
		close_fd(real[i]);
	}
	close_fd(p[0]);
	close_fd(p[1]);
	ck_assert_int_eq(stats().releases, 4);
}
END_TEST

/* ---- suite --------------------------------------------------------------------------- */

static Suite *suite(void)
{
	Suite *s = suite_create("fd");
	TCase *tc;

	evlsim_check_fixture(setup, NULL);
	evlsim_check_modules("testdrv", "echo");
	tc = tcase("open");
	tcase_add_test(tc, test_open_variants);
	tcase_add_test(tc, test_open_creat_is_wronly);
	tcase_add_test(tc, test_open_fortify_entry_points);
	tcase_add_test_raise_signal(tc, test_open_fortify_needs_mode_aborts, SIGABRT);
	tcase_add_test_raise_signal(tc, test_open_fortify_tmpfile_aborts, SIGABRT);
	tcase_add_test(tc, test_open_relative_to_cwd);
	tcase_add_test(tc, test_open_absolute_normalised);
	tcase_add_test(tc, test_open_dirfd);
	tcase_add_test(tc, test_open_cloexec);
	tcase_add_test(tc, test_open_creat_excl_eexist);
	tcase_add_test(tc, test_open_directory_enotdir);
	tcase_add_test(tc, test_open_nonexistent_enoent);
	tcase_add_test(tc, test_open_driver_error);
	suite_add_tcase(s, tc);

	tc = tcase("open_path");
	tcase_add_test(tc, test_open_trailing_slash_enotdir);
	tcase_add_test(tc, test_open_o_path);
	tcase_add_test(tc, test_open_o_path_flags);
	suite_add_tcase(s, tc);

	tc = tcase("close");
	tcase_add_test(tc, test_close_twice_ebadf);
	tcase_add_test(tc, test_close_flush_each_release_last);
	tcase_add_test(tc, test_close_number_reused_by_real_fd);
	suite_add_tcase(s, tc);

	tc = tcase("rw");
	tcase_add_test(tc, test_rw_echo_roundtrip);
	tcase_add_test(tc, test_rw_tdrv_routing);
	tcase_add_test(tc, test_rw_stream_espipe);
	tcase_add_test(tc, test_rw_no_llseek_espipe);
	tcase_add_test(tc, test_rw_lseek_bad_whence_einval);
	tcase_add_test(tc, test_rw_pread_negative_offset_einval);
	tcase_add_test(tc, test_rw_access_mode_ebadf);
	suite_add_tcase(s, tc);

	tc = tcase_create("seek");
	tcase_add_checked_fixture(tc, setup_seek, teardown_seek);
	tcase_add_test(tc, test_seek_default_llseek);
	tcase_add_test(tc, test_seek_noop_llseek);
	tcase_add_test(tc, test_seek_no_llseek_handler);
	tcase_add_test(tc, test_seek_dup_shares_pos);
	suite_add_tcase(s, tc);

	tc = tcase("dup");
	tcase_add_test(tc, test_dup_shares_status_not_cloexec);
	tcase_add_test(tc, test_dup_lowest_free);
	tcase_add_test(tc, test_dup2_same_fd);
	tcase_add_test(tc, test_dup3_same_fd_einval);
	tcase_add_test(tc, test_dup3_bad_flags_einval);
	tcase_add_test(tc, test_dup3_cloexec);
	tcase_add_test(tc, test_dup2_onto_sim_fd_releases);
	tcase_add_test(tc, test_dup2_onto_real_fd);
	tcase_add_test(tc, test_dup2_real_onto_sim_releases);
	tcase_add_test(tc, test_dup2_onto_unused_fd);
	tcase_add_test(tc, test_dup2_bad_newfd_ebadf);
	tcase_add_test(tc, test_dup2_bad_oldfd_keeps_newfd);
	suite_add_tcase(s, tc);

	tc = tcase("fcntl");
	tcase_add_test(tc, test_fcntl_getfl_like_linux);
	tcase_add_test(tc, test_fcntl_setfl_like_linux);
	tcase_add_test(tc, test_fcntl_nonblock_inband_read);
	tcase_add_test(tc, test_fcntl_nonblock_oob_read);
	tcase_add_test(tc, test_fcntl_dupfd_minimum);
	tcase_add_test(tc, test_fcntl_dupfd_bad_minimum_einval);
	tcase_add_test(tc, test_fcntl_getfd_setfd);
	tcase_add_test(tc, test_fcntl_other_commands);
	suite_add_tcase(s, tc);

	tc = tcase("ioctl");
	tcase_add_test(tc, test_ioctl_fionbio);
	tcase_add_test(tc, test_ioctl_fioclex_fionclex);
	tcase_add_test(tc, test_ioctl_figetbsz_like_linux);
	tcase_add_test(tc, test_ioctl_driver_routed);
	suite_add_tcase(s, tc);

	tc = tcase("badfd");
	tcase_add_test(tc, test_badfd_unused);
	tcase_add_test(tc, test_badfd_closed_sim);
	tcase_add_test(tc, test_badfd_huge_and_negative);
	suite_add_tcase(s, tc);

	tc = tcase("passthrough");
	tcase_add_test(tc, test_pass_pipe);
	tcase_add_test(tc, test_pass_dev_null);
	tcase_add_test(tc, test_pass_regular_file);
	tcase_add_test(tc, test_pass_errno_untouched);
	tcase_add_test(tc, test_pass_real_fd_never_sim);
	suite_add_tcase(s, tc);

	return s;
}

int main(void)
{
	return evlsim_check_run(suite());
}
