// SPDX-License-Identifier: MIT
/*
 * check_uaccess: bad user pointers, through the handlers and at the uaccess helpers.
 *
 * Proves that a NULL, read-only, PROT_NONE or kernel-space buffer, and a buffer
 * straddling a mapped and an inaccessible page, make read/write/ioctl and
 * oob_read/oob_write/oob_ioctl fail with EFAULT where the driver's copy faults (and only
 * there: a driver that does not touch the buffer, a zero count or a copy that fits the
 * mapped part succeeds), never crash the process, and leave the driver's state as the
 * driver's fault path leaves it (echo keeps its message); that huge counts are EFAULT
 * in-band (access_ok) but reach the driver out-of-band, where the EVL core checks nothing;
 * and, through the plain-C entry points of tests/drivers/tuaccess.c, the kernel's return conventions: copy_{to,from}_user() return the bytes not
 * copied and copy_from_user() zeroes the rest, get_user()/put_user() return 0 or -EFAULT
 * (get_user() zeroes its destination), clear_user() returns the bytes not cleared,
 * strncpy_from_user() the length, count without a NUL, or -EFAULT, strnlen_user() the
 * size with its NUL, count + 1 or 0, check_zeroed_user() 1, 0 or -EFAULT.
 */
#define _GNU_SOURCE
#include <errno.h>
#include <fcntl.h>
#include <limits.h>
#include <stdint.h>
#include <string.h>
#include <sys/ioctl.h>
#include <sys/mman.h>
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
#define KERNEL_ADDR	((void *)0xffff888000000000UL)
#define NONCANON_ADDR	((void *)0x0000800000000000UL)
#define TASK_SIZE_MAX	((1UL << 47) - 4096)

/* ---- helpers ------------------------------------------------------------------------- */

static long pagesz;
static char *edge;	/* first byte of an inaccessible page that follows a mapped one */
static char *hole;	/* an inaccessible page */
static char *rdonly;	/* a read-only page, filled with 'r' */
static char *noaccess;	/* a PROT_NONE page */

/*
 * One reservation: [0-1] read-write | [2] no access (edge) | [3] read-write |
 * [4] no access (hole) | [5] read-only ('r') | [6] PROT_NONE | [7] read-write
 *
 * The holes are PROT_NONE pages of the reservation, not unmapped ones: in a process whose
 * allocators map memory on their own (the sanitizers' do), a one-page gap at the top of
 * the address space is the first place the next small mapping lands, and a test would
 * then pass by writing into it. A copy helper faults on both the same way (the kernel's
 * and the simulator's); truly unmapped addresses are covered by NULL and the kernel half.
 */
static void setup(void)
{
	char *p;

	pagesz = sysconf(_SC_PAGESIZE);
	p = mmap(NULL, 8 * pagesz, PROT_READ | PROT_WRITE, MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
	ck_assert_msg(p != MAP_FAILED, "mmap: %s", strerror(errno));
	memset(p, 'r', 8 * pagesz);
	edge = p + 2 * pagesz;
	hole = p + 4 * pagesz;
	rdonly = p + 5 * pagesz;
	noaccess = p + 6 * pagesz;
	ck_assert_int_eq(mprotect(edge, pagesz, PROT_NONE), 0);
	ck_assert_int_eq(mprotect(hole, pagesz, PROT_NONE), 0);
	ck_assert_int_eq(mprotect(rdonly, pagesz, PROT_READ), 0);
	ck_assert_int_eq(mprotect(noaccess, pagesz, PROT_NONE), 0);

	ck_assert_ret(evlsim_load_module("testdrv"), 0);
	ck_assert_ret(evlsim_load_module("echo"), 0);
}

static struct echo_info echo_info(int fd)
{
	struct echo_info info;

	ck_assert_call(ioctl(fd, ECHO_IOC_GET_INFO, &info), 0);
	return info;
}

/* echo holds @msg; reading it back with a good buffer must give it intact */
static void assert_echo_holds(int fd, const char *msg)
{
	char buf[64];
	size_t len = strlen(msg);

	memset(buf, 0, sizeof(buf));
	ck_assert_call(read(fd, buf, sizeof(buf)), len);
	ck_assert_mem_eq(buf, msg, len);
}

/* Hides a value from the compiler's fortify and nonnull checks. */
static void *opaque(void *p)
{
	void *volatile v = p;

	return v;
}

static size_t opaque_size(size_t n)
{
	volatile size_t v = n;

	return v;
}

/* ---- in-band read ---------------------------------------------------------------------- */

START_TEST(test_read_bad_buffers_efault_echo)
{
	int fd = open_node(ECHO, O_RDWR);
	void *bad[] = { NULL, hole, rdonly, noaccess, edge, edge - 3, KERNEL_ADDR,
			NONCANON_ADDR };
	unsigned int i;

	for (i = 0; i < sizeof(bad) / sizeof(bad[0]); i++) {
		ck_assert_call(write(fd, "hello", 5), 5);
		ck_assert_fails(read(fd, opaque(bad[i]), 5), EFAULT);
		/* echo puts the message back when the copy fails */
		ck_assert_uint_eq(echo_info(fd).len, 5);
		assert_echo_holds(fd, "hello");
	}
	ck_assert_uint_eq(echo_info(fd).reads, sizeof(bad) / sizeof(bad[0]));
	close_fd(fd);
}
END_TEST

START_TEST(test_read_bad_buffers_efault_tdrv)
{
	int fd = open_node(TDRV_FULL, O_RDWR);

	ck_assert_fails(read(fd, opaque(NULL), 8), EFAULT);
	ck_assert_fails(read(fd, hole, 8), EFAULT);
	ck_assert_fails(read(fd, rdonly, 8), EFAULT);
	ck_assert_fails(read(fd, noaccess, 8), EFAULT);
	ck_assert_fails(read(fd, edge - 4, 8), EFAULT);
	ck_assert_fails(pread(fd, edge - 1, 8, 0), EFAULT);
	ck_assert_fails(read(fd, KERNEL_ADDR, 8), EFAULT);
	/* the page is untouched */
	ck_assert_int_eq(rdonly[0], 'r');
	close_fd(fd);
}
END_TEST

/* a buffer that ends right at the hole is fine, and so is a copy that fits before it */
START_TEST(test_read_fits_before_hole)
{
	int fd = open_node(TDRV_FULL, O_RDWR), e = open_node(ECHO, O_RDWR);

	ck_assert_call(read(fd, edge - 8, 8), 8);
	ck_assert_mem_eq(edge - 8, "testdrv!", 8);
	/* the driver copies min(count, 8): count may reach into the hole */
	ck_assert_call(read(fd, edge - 8, 4096), 8);
	ck_assert_call(write(e, "abc", 3), 3);
	ck_assert_call(read(e, edge - 3, 100), 3);
	ck_assert_mem_eq(edge - 3, "abc", 3);
	close_fd(e);
	close_fd(fd);
}
END_TEST

START_TEST(test_read_zero_count)
{
	int fd = open_node(TDRV_FULL, O_RDWR), e = open_node(ECHO, O_RDWR);

	ck_assert_call(read(fd, opaque(NULL), 0), 0);
	ck_assert_call(read(fd, hole, 0), 0);
	ck_assert_call(read(fd, rdonly, 0), 0);
	ck_assert_call(read(e, opaque(NULL), 0), 0);
	ck_assert_call(write(e, "abc", 3), 3);
	/* echo copies min(0, 3) bytes: nothing, and the message is consumed */
	ck_assert_call(read(e, hole, 0), 0);
	ck_assert_uint_eq(echo_info(e).len, 0);
	close_fd(e);
	close_fd(fd);
}
END_TEST

/* count > SSIZE_MAX or past the user address space: access_ok() fails, EFAULT */
START_TEST(test_read_huge_count_efault)
{
	int fd = open_node(TDRV_FULL, O_RDWR), z = open("/dev/zero", O_RDONLY);
	char buf[8];

	ck_assert_int_ge(z, 0);
	ck_assert_fails(read(fd, buf, opaque_size(SSIZE_MAX)), EFAULT);
	ck_assert_fails(read(fd, buf, opaque_size(SIZE_MAX)), EFAULT);
	ck_assert_fails(read(fd, buf, opaque_size((size_t)SSIZE_MAX + 1)), EFAULT);
	ck_assert_fails(read(fd, opaque(NULL), opaque_size(TASK_SIZE_MAX + 1)), EFAULT);
	ck_assert_fails(pread(fd, buf, opaque_size(SIZE_MAX), 0), EFAULT);
	/* what Linux says for /dev/zero */
	ck_assert_fails(syscall(SYS_read, z, buf, opaque_size(SSIZE_MAX)), EFAULT);
	ck_assert_fails(syscall(SYS_read, z, buf, opaque_size(SIZE_MAX)), EFAULT);
	close_fd(z);
	close_fd(fd);
}
END_TEST

/* a large count within the address space reaches the driver, clamped to MAX_RW_COUNT */
START_TEST(test_read_large_count_reaches_driver)
{
	int fd = open_node(TDRV_FULL, O_RDWR), e = open_node(ECHO, O_RDWR);
	static char buf[16];	/* low in the address space: buf + 2^40 is user space */

	ck_assert_call(read(fd, buf, opaque_size(1UL << 40)), 8);
	ck_assert_call(write(e, "large", 5), 5);
	ck_assert_call(read(e, buf, opaque_size(1UL << 40)), 5);
	ck_assert_mem_eq(buf, "large", 5);
	close_fd(e);
	close_fd(fd);
}
END_TEST

/* ---- in-band write --------------------------------------------------------------------- */

START_TEST(test_write_bad_buffers_efault_echo)
{
	int fd = open_node(ECHO, O_RDWR);

	ck_assert_call(write(fd, "keep", 4), 4);
	ck_assert_fails(write(fd, opaque(NULL), 5), EFAULT);
	ck_assert_fails(write(fd, hole, 5), EFAULT);
	ck_assert_fails(write(fd, noaccess, 5), EFAULT);
	ck_assert_fails(write(fd, edge - 2, 5), EFAULT);
	ck_assert_fails(write(fd, KERNEL_ADDR, 5), EFAULT);
	ck_assert_fails(write(fd, NONCANON_ADDR, 5), EFAULT);
	/* a failed write changes nothing */
	ck_assert_uint_eq(echo_info(fd).writes, 1);
	assert_echo_holds(fd, "keep");
	/* read-only memory is a fine source */
	ck_assert_call(write(fd, rdonly, 5), 5);
	assert_echo_holds(fd, "rrrrr");
	ck_assert_call(write(fd, edge - 5, 5), 5);
	close_fd(fd);
}
END_TEST

/* testdrv's write never touches the buffer: no fault, as in the kernel */
START_TEST(test_write_untouched_buffer_no_fault)
{
	int fd = open_node(TDRV_FULL, O_RDWR);

	ck_assert_call(write(fd, opaque(NULL), 8), 8);
	ck_assert_call(write(fd, hole, 8), 8);
	ck_assert_call(write(fd, noaccess, 8), 8);
	/* but access_ok() still applies */
	ck_assert_fails(write(fd, KERNEL_ADDR, 8), EFAULT);
	close_fd(fd);
}
END_TEST

START_TEST(test_write_zero_count)
{
	int fd = open_node(ECHO, O_RDWR), t = open_node(TDRV_FULL, O_RDWR);

	ck_assert_call(write(fd, opaque(NULL), 0), 0);
	ck_assert_call(write(fd, hole, 0), 0);
	ck_assert_call(write(t, opaque(NULL), 0), 0);
	/* access_ok() is checked even for 0 bytes */
	ck_assert_fails(write(t, KERNEL_ADDR, 0), EFAULT);
	ck_assert_fails(read(t, KERNEL_ADDR, 0), EFAULT);
	close_fd(t);
	close_fd(fd);
}
END_TEST

START_TEST(test_write_huge_count)
{
	int fd = open_node(ECHO, O_RDWR), n = open("/dev/null", O_WRONLY);
	static char buf[8] = "x";	/* low in the address space: buf + 2^40 is user space */

	ck_assert_int_ge(n, 0);
	ck_assert_fails(write(fd, buf, opaque_size(SSIZE_MAX)), EFAULT);
	ck_assert_fails(write(fd, buf, opaque_size(SIZE_MAX)), EFAULT);
	/* a stream file: ESPIPE comes first */
	ck_assert_fails(pwrite(fd, buf, opaque_size(SIZE_MAX), 0), ESPIPE);
	ck_assert_fails(syscall(SYS_write, n, buf, opaque_size(SSIZE_MAX)), EFAULT);
	/* within the address space: clamped to MAX_RW_COUNT, then echo's own limit */
	ck_assert_fails(write(fd, buf, opaque_size(1UL << 40)), EFBIG);
	ck_assert_fails(write(fd, buf, opaque_size(4097)), EFBIG);
	ck_assert_uint_eq(echo_info(fd).writes, 0);
	close_fd(n);
	close_fd(fd);
}
END_TEST

/* ---- in-band ioctl --------------------------------------------------------------------- */

START_TEST(test_ioctl_bad_arg_efault)
{
	int fd = open_node(ECHO, O_RDWR), t = open_node(TDRV_FULL, O_RDWR);
	struct echo_info *info = (struct echo_info *)(edge - sizeof(*info));

	ck_assert_fails(ioctl(fd, ECHO_IOC_GET_INFO, NULL), EFAULT);
	ck_assert_fails(ioctl(fd, ECHO_IOC_GET_INFO, hole), EFAULT);
	ck_assert_fails(ioctl(fd, ECHO_IOC_GET_INFO, rdonly), EFAULT);
	ck_assert_fails(ioctl(fd, ECHO_IOC_GET_INFO, edge - 8), EFAULT);
	ck_assert_fails(ioctl(fd, ECHO_IOC_GET_INFO, KERNEL_ADDR), EFAULT);
	ck_assert_call(ioctl(fd, ECHO_IOC_GET_INFO, info), 0);
	ck_assert_uint_eq(info->size, 4096);
	ck_assert_int_eq(rdonly[0], 'r');
	ck_assert_fails(ioctl(t, TDRV_IOC_SET_RESULT, NULL), EFAULT);
	ck_assert_fails(ioctl(t, TDRV_IOC_SET_RESULT, noaccess), EFAULT);
	ck_assert_fails(ioctl(t, TDRV_IOC_SET_RESULT, edge - 4), EFAULT);
	close_fd(t);
	close_fd(fd);
}
END_TEST

/* the generic requests read and write user memory with get_user()/put_user() */
START_TEST(test_ioctl_generic_bad_arg_efault)
{
	int fd = open_node(ECHO, O_RDWR), n = open("/dev/null", O_RDWR);

	ck_assert_int_ge(n, 0);
	ck_assert_fails(ioctl(fd, FIONBIO, NULL), EFAULT);
	ck_assert_fails(ioctl(fd, FIONBIO, hole), EFAULT);
	ck_assert_fails(ioctl(fd, FIONBIO, edge - 2), EFAULT);
	ck_assert_fails(syscall(SYS_ioctl, n, FIONBIO, NULL), EFAULT);
	ck_assert_call(fcntl(fd, F_GETFL) & O_NONBLOCK, 0);
	ck_assert_fails(ioctl(fd, FIOASYNC, NULL), EFAULT);
	ck_assert_fails(ioctl(fd, _IO(0x00, 2) /* FIGETBSZ */, rdonly), EFAULT);
	ck_assert_fails(syscall(SYS_ioctl, n, _IO(0x00, 2), rdonly), EFAULT);
	/* FIONBIO reads an int: the last 4 bytes before the hole are enough */
	*(int *)(edge - 4) = 1;
	ck_assert_call(ioctl(fd, FIONBIO, edge - 4), 0);
	ck_assert_call(fcntl(fd, F_GETFL) & O_NONBLOCK, O_NONBLOCK);
	close_fd(n);
	close_fd(fd);
}
END_TEST

/* ---- out-of-band ----------------------------------------------------------------------- */

START_TEST(test_oob_read_bad_buffers_efault)
{
	int fd = open_node(ECHO, O_RDWR), t = open_node(TDRV_FULL, O_RDWR);
	void *bad[] = { NULL, hole, rdonly, noaccess, edge - 2, KERNEL_ADDR };
	unsigned int i;
	char buf[16];

	attach_as("uaccess");
	for (i = 0; i < sizeof(bad) / sizeof(bad[0]); i++) {
		ck_assert_call(oob_write(fd, "oobmsg", 6), 6);
		ck_assert_fails(oob_read(fd, bad[i], 6), EFAULT);
		/* a failed copy leaves the message in place */
		ck_assert_call(oob_read(fd, buf, sizeof(buf)), 6);
		ck_assert_mem_eq(buf, "oobmsg", 6);
		ck_assert_fails(oob_read(t, bad[i], 8), EFAULT);
	}
	ck_assert_int_eq(rdonly[0], 'r');
	ck_assert_call(oob_read(t, edge - 8, 8), 8);
	close_fd(t);
	close_fd(fd);
}
END_TEST

START_TEST(test_oob_write_bad_buffers_efault)
{
	int fd = open_node(ECHO, O_RDWR);
	struct echo_info info;

	attach_as("uaccess");
	ck_assert_call(oob_write(fd, "first", 5), 5);
	ck_assert_fails(oob_write(fd, NULL, 5), EFAULT);
	ck_assert_fails(oob_write(fd, hole, 5), EFAULT);
	ck_assert_fails(oob_write(fd, noaccess, 5), EFAULT);
	ck_assert_fails(oob_write(fd, edge - 1, 5), EFAULT);
	ck_assert_fails(oob_write(fd, KERNEL_ADDR, 5), EFAULT);
	ck_assert_call(oob_ioctl(fd, ECHO_IOC_GET_INFO, &info), 0);
	ck_assert_uint_eq(info.writes, 1);
	ck_assert_uint_eq(info.len, 5);
	ck_assert_call(oob_write(fd, rdonly, 3), 3);
	ck_assert_call(oob_write(fd, edge - 3, 3), 3);
	close_fd(fd);
}
END_TEST

START_TEST(test_oob_zero_count)
{
	int fd = open_node(ECHO, O_RDWR), t = open_node(TDRV_FULL, O_RDWR);

	attach_as("uaccess");
	ck_assert_call(oob_read(fd, NULL, 0), 0);
	ck_assert_call(oob_write(fd, NULL, 0), 0);
	ck_assert_call(oob_write(fd, hole, 0), 0);
	ck_assert_call(oob_read(t, NULL, 0), 0);
	ck_assert_call(oob_write(t, hole, 0), 0);
	ck_assert_call(oob_write(fd, "abc", 3), 3);
	ck_assert_call(oob_read(fd, hole, 0), 0);
	close_fd(t);
	close_fd(fd);
}
END_TEST

/* the EVL core checks no count: the driver decides */
START_TEST(test_oob_huge_count)
{
	int fd = open_node(ECHO, O_RDWR), t = open_node(TDRV_FULL, O_RDWR);
	char buf[16];

	attach_as("uaccess");
	ck_assert_fails(oob_write(fd, buf, opaque_size(SSIZE_MAX)), EFBIG);
	ck_assert_fails(oob_write(fd, buf, opaque_size(SIZE_MAX)), EFBIG);
	ck_assert_fails(oob_write(fd, buf, opaque_size(4097)), EFBIG);
	ck_assert_call(oob_write(fd, "huge", 4), 4);
	ck_assert_call(oob_read(fd, buf, opaque_size(SSIZE_MAX)), 4);
	ck_assert_mem_eq(buf, "huge", 4);
	ck_assert_call(oob_write(fd, "huge", 4), 4);
	ck_assert_call(oob_read(fd, buf, opaque_size(SIZE_MAX)), 4);
	ck_assert_call(oob_read(t, buf, opaque_size(SIZE_MAX)), 8);
	ck_assert_call(oob_write(fd, "huge", 4), 4);
	ck_assert_fails(oob_read(fd, NULL, opaque_size(SSIZE_MAX)), EFAULT);
	close_fd(t);
	close_fd(fd);
}
END_TEST

START_TEST(test_oob_ioctl_bad_arg_efault)
{
	int fd = open_node(ECHO, O_RDWR), t = open_node(TDRV_FULL, O_RDWR);
	struct echo_info *info = (struct echo_info *)(edge - sizeof(*info));

	attach_as("uaccess");
	ck_assert_fails(oob_ioctl(fd, ECHO_IOC_GET_INFO, NULL), EFAULT);
	ck_assert_fails(oob_ioctl(fd, ECHO_IOC_GET_INFO, hole), EFAULT);
	ck_assert_fails(oob_ioctl(fd, ECHO_IOC_GET_INFO, rdonly), EFAULT);
	ck_assert_fails(oob_ioctl(fd, ECHO_IOC_GET_INFO, edge - 4), EFAULT);
	ck_assert_fails(oob_ioctl(fd, ECHO_IOC_GET_INFO, KERNEL_ADDR), EFAULT);
	ck_assert_call(oob_ioctl(fd, ECHO_IOC_GET_INFO, info), 0);
	ck_assert_uint_eq(info->size, 4096);
	ck_assert_fails(oob_ioctl(fd, ECHO_IOC_HOLD, NULL), EFAULT);
	ck_assert_fails(oob_ioctl(fd, ECHO_IOC_HOLD, edge - 2), EFAULT);
	ck_assert_fails(oob_ioctl(t, TDRV_IOC_SET_RESULT, NULL), EFAULT);
	ck_assert_fails(oob_ioctl(t, TDRV_IOC_SET_RESULT, noaccess), EFAULT);
	ck_assert_int_eq(rdonly[0], 'r');
	close_fd(t);
	close_fd(fd);
}
END_TEST

/* ---- the uaccess helpers (tuaccess) ---------------------------------------------------- */

START_TEST(test_helper_access_ok)
{
	ck_assert_int_eq(tuaccess_access_ok(NULL, 8), 1);
	ck_assert_int_eq(tuaccess_access_ok(NULL, 0), 1);
	ck_assert_int_eq(tuaccess_access_ok((void *)(TASK_SIZE_MAX - 8), 8), 1);
	ck_assert_int_eq(tuaccess_access_ok((void *)(TASK_SIZE_MAX - 8), 9), 0);
	ck_assert_int_eq(tuaccess_access_ok((void *)TASK_SIZE_MAX, 0), 1);
	ck_assert_int_eq(tuaccess_access_ok((void *)TASK_SIZE_MAX, 1), 0);
	ck_assert_int_eq(tuaccess_access_ok(NULL, SIZE_MAX), 0);
	ck_assert_int_eq(tuaccess_access_ok(edge, SIZE_MAX - 10), 0);
	ck_assert_int_eq(tuaccess_access_ok(KERNEL_ADDR, 1), 0);
}
END_TEST

START_TEST(test_helper_copy_to_user)
{
	char src[256];

	memset(src, 'k', sizeof(src));
	ck_assert_uint_eq(tuaccess_copy_to_user(edge - 16, src, 16), 0);
	ck_assert_mem_eq(edge - 16, src, 16);
	ck_assert_uint_eq(tuaccess_copy_to_user(NULL, src, 16), 16);
	ck_assert_uint_eq(tuaccess_copy_to_user(hole, src, 16), 16);
	ck_assert_uint_eq(tuaccess_copy_to_user(rdonly, src, 16), 16);
	ck_assert_uint_eq(tuaccess_copy_to_user(noaccess, src, 16), 16);
	ck_assert_uint_eq(tuaccess_copy_to_user(KERNEL_ADDR, src, 16), 16);
	ck_assert_int_eq(rdonly[0], 'r');
	/* zero bytes: nothing to do, whatever the pointer */
	ck_assert_uint_eq(tuaccess_copy_to_user(NULL, src, 0), 0);
	ck_assert_uint_eq(tuaccess_copy_to_user(hole, src, 0), 0);
	/* access_ok() fails: nothing copied */
	ck_assert_uint_eq(tuaccess_copy_to_user(edge - 64, src, SIZE_MAX), SIZE_MAX);
	/* straddling: the mapped part is copied, the rest is reported */
	memset(edge - 64, 0, 64);
	ck_assert_uint_eq(tuaccess_copy_to_user(edge - 64, src, 256), 192);
	ck_assert_mem_eq(edge - 64, src, 64);
	/* the raw form skips access_ok() but still cannot write kernel memory */
	ck_assert_uint_eq(tuaccess_raw_copy_to_user(KERNEL_ADDR, src, 8), 8);
	ck_assert_uint_eq(tuaccess_raw_copy_to_user(edge - 8, src, 16), 8);
}
END_TEST

START_TEST(test_helper_copy_from_user)
{
	char dst[256];
	unsigned int i;

	memset(edge - 64, 'u', 64);
	memset(dst, 0xaa, sizeof(dst));
	ck_assert_uint_eq(tuaccess_copy_from_user(dst, edge - 16, 16), 0);
	ck_assert_mem_eq(dst, edge - 16, 16);
	ck_assert_uint_eq(tuaccess_copy_from_user(dst, rdonly, 16), 0);
	ck_assert_mem_eq(dst, rdonly, 16);
	/* a fault zeroes what could not be copied */
	memset(dst, 0xaa, sizeof(dst));
	ck_assert_uint_eq(tuaccess_copy_from_user(dst, NULL, 16), 16);
	for (i = 0; i < 16; i++)
		ck_assert_int_eq(dst[i], 0);
	ck_assert_int_eq((unsigned char)dst[16], 0xaa);
	memset(dst, 0xaa, sizeof(dst));
	ck_assert_uint_eq(tuaccess_copy_from_user(dst, edge - 64, 256), 192);
	ck_assert_mem_eq(dst, edge - 64, 64);
	for (i = 64; i < 256; i++)
		ck_assert_int_eq(dst[i], 0);
	ck_assert_uint_eq(tuaccess_copy_from_user(dst, hole, 16), 16);
	ck_assert_uint_eq(tuaccess_copy_from_user(dst, noaccess, 16), 16);
	ck_assert_uint_eq(tuaccess_copy_from_user(dst, KERNEL_ADDR, 16), 16);
	ck_assert_uint_eq(tuaccess_copy_from_user(dst, NULL, 0), 0);
	/* access_ok() fails: all of it zeroed */
	memset(dst, 0xaa, sizeof(dst));
	ck_assert_uint_eq(tuaccess_copy_from_user(dst, (void *)(TASK_SIZE_MAX - 8), 16), 16);
	for (i = 0; i < 16; i++)
		ck_assert_int_eq(dst[i], 0);
	/* the raw form does not zero */
	memset(dst, 0xaa, sizeof(dst));
	ck_assert_uint_eq(tuaccess_raw_copy_from_user(dst, edge - 8, 16), 8);
	ck_assert_mem_eq(dst, edge - 8, 8);
}
END_TEST

START_TEST(test_helper_get_user)
{
	uint8_t v8 = 0x55;
	uint32_t v32 = 0x55555555;
	__u64 v64 = 0x5555555555555555ULL;

	*(uint32_t *)(edge - 4) = 0xdeadbeef;
	ck_assert_int_eq(tuaccess_get_user_u32(&v32, (uint32_t *)(edge - 4)), 0);
	ck_assert_uint_eq(v32, 0xdeadbeef);
	ck_assert_int_eq(tuaccess_get_user_u8(&v8, (uint8_t *)(edge - 1)), 0);
	ck_assert_uint_eq(v8, 0xde);
	ck_assert_int_eq(tuaccess_get_user_u32(&v32, (uint32_t *)rdonly), 0);
	ck_assert_uint_eq(v32, 0x72727272);
	/* a fault: -EFAULT, and the destination zeroed */
	ck_assert_int_eq(tuaccess_get_user_u32(&v32, NULL), -EFAULT);
	ck_assert_uint_eq(v32, 0);
	v32 = 1;
	ck_assert_int_eq(tuaccess_get_user_u32(&v32, (uint32_t *)hole), -EFAULT);
	ck_assert_uint_eq(v32, 0);
	v32 = 1;
	ck_assert_int_eq(tuaccess_get_user_u32(&v32, (uint32_t *)(edge - 2)), -EFAULT);
	ck_assert_uint_eq(v32, 0);
	ck_assert_int_eq(tuaccess_get_user_u64(&v64, (__u64 *)(edge - 4)), -EFAULT);
	ck_assert_uint_eq(v64, 0);
	v8 = 1;
	ck_assert_int_eq(tuaccess_get_user_u8(&v8, (uint8_t *)noaccess), -EFAULT);
	ck_assert_uint_eq(v8, 0);
	v64 = 1;
	ck_assert_int_eq(tuaccess_get_user_u64(&v64, KERNEL_ADDR), -EFAULT);
	ck_assert_uint_eq(v64, 0);
}
END_TEST

START_TEST(test_helper_put_user)
{
	ck_assert_int_eq(tuaccess_put_user_u32(0xcafef00d, (uint32_t *)(edge - 4)), 0);
	ck_assert_uint_eq(*(uint32_t *)(edge - 4), 0xcafef00d);
	ck_assert_int_eq(tuaccess_put_user_u8(7, (uint8_t *)(edge - 1)), 0);
	ck_assert_uint_eq(*(uint8_t *)(edge - 1), 7);
	ck_assert_int_eq(tuaccess_put_user_u64(1, (__u64 *)(edge - 8)), 0);
	ck_assert_int_eq(tuaccess_put_user_u32(1, NULL), -EFAULT);
	ck_assert_int_eq(tuaccess_put_user_u32(1, (uint32_t *)hole), -EFAULT);
	ck_assert_int_eq(tuaccess_put_user_u32(1, (uint32_t *)rdonly), -EFAULT);
	ck_assert_int_eq(tuaccess_put_user_u8(1, (uint8_t *)noaccess), -EFAULT);
	ck_assert_int_eq(tuaccess_put_user_u64(1, (__u64 *)(edge - 4)), -EFAULT);
	ck_assert_int_eq(tuaccess_put_user_u64(1, KERNEL_ADDR), -EFAULT);
	ck_assert_int_eq(rdonly[0], 'r');
}
END_TEST

START_TEST(test_helper_clear_user)
{
	unsigned int i;

	memset(edge - 256, 'x', 256);
	ck_assert_uint_eq(tuaccess_clear_user(edge - 32, 32), 0);
	for (i = 0; i < 32; i++)
		ck_assert_int_eq(edge[-32 + (int)i], 0);
	ck_assert_int_eq(edge[-33], 'x');
	ck_assert_uint_eq(tuaccess_clear_user(NULL, 8), 8);
	ck_assert_uint_eq(tuaccess_clear_user(hole, 8), 8);
	ck_assert_uint_eq(tuaccess_clear_user(rdonly, 8), 8);
	ck_assert_uint_eq(tuaccess_clear_user(noaccess, 100), 100);
	ck_assert_uint_eq(tuaccess_clear_user(KERNEL_ADDR, 8), 8);
	ck_assert_uint_eq(tuaccess_clear_user(NULL, 0), 0);
	ck_assert_uint_eq(tuaccess_clear_user(edge - 8, SIZE_MAX), SIZE_MAX);
	ck_assert_int_eq(rdonly[0], 'r');
}
END_TEST

/* straddling: clear_user() returns the bytes not cleared, i.e. the inaccessible part */
START_TEST(test_helper_clear_user_partial)
{
	unsigned int i;

	memset(edge - 256, 'x', 256);
	ck_assert_uint_eq(tuaccess_clear_user(edge - 64, 128), 64);
	for (i = 0; i < 64; i++)
		ck_assert_int_eq(edge[-64 + (int)i], 0);
	ck_assert_int_eq(edge[-65], 'x');
}
END_TEST

START_TEST(test_helper_strncpy_from_user)
{
	char dst[32];

	memset(dst, '#', sizeof(dst));
	ck_assert_int_eq(tuaccess_strncpy_from_user(dst, "hello", sizeof(dst)), 5);
	ck_assert_str_eq(dst, "hello");
	/* no NUL within count: count, and dst not terminated */
	memset(dst, '#', sizeof(dst));
	ck_assert_int_eq(tuaccess_strncpy_from_user(dst, "hello", 5), 5);
	ck_assert_mem_eq(dst, "hello#", 6);
	ck_assert_int_eq(tuaccess_strncpy_from_user(dst, "hello", 3), 3);
	ck_assert_int_eq(tuaccess_strncpy_from_user(dst, "", sizeof(dst)), 0);
	ck_assert_int_eq(dst[0], 0);
	ck_assert_int_eq(tuaccess_strncpy_from_user(dst, "hello", 0), 0);
	ck_assert_int_eq(tuaccess_strncpy_from_user(dst, NULL, 0), 0);
	ck_assert_int_eq(tuaccess_strncpy_from_user(dst, "hello", -1), 0);
	/* faults */
	ck_assert_int_eq(tuaccess_strncpy_from_user(dst, NULL, sizeof(dst)), -EFAULT);
	ck_assert_int_eq(tuaccess_strncpy_from_user(dst, hole, sizeof(dst)), -EFAULT);
	ck_assert_int_eq(tuaccess_strncpy_from_user(dst, noaccess, sizeof(dst)), -EFAULT);
	ck_assert_int_eq(tuaccess_strncpy_from_user(dst, KERNEL_ADDR, sizeof(dst)), -EFAULT);
	/* read-only memory is readable; here without a NUL in 32 bytes */
	ck_assert_int_eq(tuaccess_strncpy_from_user(dst, rdonly, sizeof(dst)), sizeof(dst));
	/* a string ending right before the hole */
	memcpy(edge - 4, "abc", 4);
	ck_assert_int_eq(tuaccess_strncpy_from_user(dst, edge - 4, sizeof(dst)), 3);
	ck_assert_str_eq(dst, "abc");
	/* no NUL before the hole: -EFAULT, unless count stops before it */
	memcpy(edge - 4, "abcd", 4);
	ck_assert_int_eq(tuaccess_strncpy_from_user(dst, edge - 4, sizeof(dst)), -EFAULT);
	ck_assert_int_eq(tuaccess_strncpy_from_user(dst, edge - 4, 4), 4);
	ck_assert_mem_eq(dst, "abcd", 4);
}
END_TEST

START_TEST(test_helper_strnlen_user)
{
	ck_assert_int_eq(tuaccess_strnlen_user("hello", 16), 6);
	ck_assert_int_eq(tuaccess_strnlen_user("hello", 6), 6);
	/* too long: more than n */
	ck_assert_int_eq(tuaccess_strnlen_user("hello", 3), 4);
	ck_assert_int_eq(tuaccess_strnlen_user("", 16), 1);
	ck_assert_int_eq(tuaccess_strnlen_user("hello", 0), 0);
	ck_assert_int_eq(tuaccess_strnlen_user(NULL, 16), 0);
	ck_assert_int_eq(tuaccess_strnlen_user(hole, 16), 0);
	ck_assert_int_eq(tuaccess_strnlen_user(noaccess, 16), 0);
	ck_assert_int_eq(tuaccess_strnlen_user(KERNEL_ADDR, 16), 0);
	memcpy(edge - 4, "abc", 4);
	ck_assert_int_eq(tuaccess_strnlen_user(edge - 4, 4096), 4);
	memcpy(edge - 4, "abcd", 4);
	ck_assert_int_eq(tuaccess_strnlen_user(edge - 4, 4096), 0);
	ck_assert_int_eq(tuaccess_strnlen_user(edge - 4, 4), 5);
}
END_TEST

START_TEST(test_helper_check_zeroed_user)
{
	memset(edge - 256, 0, 256);
	ck_assert_int_eq(tuaccess_check_zeroed_user(edge - 256, 256), 1);
	ck_assert_int_eq(tuaccess_check_zeroed_user(edge - 256, 0), 1);
	ck_assert_int_eq(tuaccess_check_zeroed_user(rdonly, 16), 0);
	ck_assert_int_eq(tuaccess_check_zeroed_user(NULL, 16), -EFAULT);
	ck_assert_int_eq(tuaccess_check_zeroed_user(hole, 16), -EFAULT);
	/* all zeroes up to the hole, then a fault */
	ck_assert_int_eq(tuaccess_check_zeroed_user(edge - 64, 128), -EFAULT);
}
END_TEST

/* a non-zero byte before the hole answers 0 before the fault is reached */
START_TEST(test_helper_check_zeroed_user_nonzero_before_fault)
{
	memset(edge - 256, 0, 256);
	edge[-100] = 1;
	ck_assert_int_eq(tuaccess_check_zeroed_user(edge - 128, 256), 0);
}
END_TEST

START_TEST(test_helper_memdup_user)
{
	ck_assert_int_eq(tuaccess_memdup_user(rdonly, 64), 0);
	ck_assert_int_eq(tuaccess_memdup_user(edge - 64, 64), 0);
	ck_assert_int_eq(tuaccess_memdup_user(NULL, 0), 0);
	ck_assert_int_eq(tuaccess_memdup_user(NULL, 8), -EFAULT);
	ck_assert_int_eq(tuaccess_memdup_user(hole, 8), -EFAULT);
	ck_assert_int_eq(tuaccess_memdup_user(edge - 64, 65), -EFAULT);
	ck_assert_int_eq(tuaccess_memdup_user(KERNEL_ADDR, 8), -EFAULT);
}
END_TEST

/* ---- suite --------------------------------------------------------------------------- */

static Suite *suite(void)
{
	Suite *s = suite_create("uaccess");
	TCase *tc;

	evlsim_check_fixture(setup, NULL);
	evlsim_check_modules("testdrv", "echo");
	tc = tcase("read");
	tcase_add_test(tc, test_read_bad_buffers_efault_echo);
	tcase_add_test(tc, test_read_bad_buffers_efault_tdrv);
	tcase_add_test(tc, test_read_fits_before_hole);
	tcase_add_test(tc, test_read_zero_count);
	tcase_add_test(tc, test_read_huge_count_efault);
	tcase_add_test(tc, test_read_large_count_reaches_driver);
	suite_add_tcase(s, tc);

	tc = tcase("write");
	tcase_add_test(tc, test_write_bad_buffers_efault_echo);
	tcase_add_test(tc, test_write_untouched_buffer_no_fault);
	tcase_add_test(tc, test_write_zero_count);
	tcase_add_test(tc, test_write_huge_count);
	suite_add_tcase(s, tc);

	tc = tcase("ioctl");
	tcase_add_test(tc, test_ioctl_bad_arg_efault);
	tcase_add_test(tc, test_ioctl_generic_bad_arg_efault);
	suite_add_tcase(s, tc);

	tc = tcase("oob");
	tcase_add_test(tc, test_oob_read_bad_buffers_efault);
	tcase_add_test(tc, test_oob_write_bad_buffers_efault);
	tcase_add_test(tc, test_oob_zero_count);
	tcase_add_test(tc, test_oob_huge_count);
	tcase_add_test(tc, test_oob_ioctl_bad_arg_efault);
	suite_add_tcase(s, tc);

	tc = tcase("helpers");
	tcase_add_test(tc, test_helper_access_ok);
	tcase_add_test(tc, test_helper_copy_to_user);
	tcase_add_test(tc, test_helper_copy_from_user);
	tcase_add_test(tc, test_helper_get_user);
	tcase_add_test(tc, test_helper_put_user);
	tcase_add_test(tc, test_helper_clear_user);
	tcase_add_test(tc, test_helper_strncpy_from_user);
	tcase_add_test(tc, test_helper_strnlen_user);
	tcase_add_test(tc, test_helper_check_zeroed_user);
	tcase_add_test(tc, test_helper_memdup_user);
	suite_add_tcase(s, tc);

	tc = tcase("helpers_partial");
	tcase_add_test(tc, test_helper_clear_user_partial);
	tcase_add_test(tc, test_helper_check_zeroed_user_nonzero_before_fault);
	suite_add_tcase(s, tc);

	return s;
}

int main(void)
{
	return evlsim_check_run(suite());
}
