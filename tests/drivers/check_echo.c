// SPDX-License-Identifier: MIT
/*
 * check_echo: the test suite of the example driver drivers/echo/echo.c.
 *
 * This is the suite a driver developer writes for an out-of-band capable driver, and an
 * example of how to do it with evlsim: the driver is loaded as a module, its device node
 * is opened with plain open(2), and the test issues exactly the calls an application on
 * an EVL board would issue (read/write/ioctl in-band, oob_read/oob_write/oob_ioctl from
 * a thread attached with evl_attach_self()). Every assertion checks the exact return
 * value and errno the application would get.
 *
 * What echo does (see the top of echo.c): each open file has its own buffer of `size`
 * bytes (module parameter, default 4096) holding at most one message. A write, from
 * either stage, replaces the message (-EFBIG above `size`); a read, from either stage,
 * returns it (truncated to the caller's count, the rest is dropped) and empties the
 * buffer, or returns 0 when it is empty (-EAGAIN with O_NONBLOCK). ECHO_IOC_GET_INFO,
 * ECHO_IOC_CLEAR and ECHO_IOC_UNHOLD work from both stages, ECHO_IOC_HOLD only oob.
 *
 * Test cases:
 *   io       messages across both stages, replacement, partial and zero-length I/O
 *   files    per-open buffers, dup'ed descriptors, closed descriptors
 *   limits   the message size limit (EFBIG) and bad user buffers (EFAULT)
 *   nonblock O_NONBLOCK at open and with fcntl(F_SETFL)
 *   ioctl    every request from both stages, HOLD/UNHOLD/timeout/close of the file
 *   compat   32-bit callers, through .compat_ioctl and .compat_oob_ioctl
 *   access   access modes, callers not attached to EVL, stage switches
 *   threads  real threads exchanging messages out-of-band
 *   module   the `size` parameter, load failure, unload while in use
 *
 * Every test runs in its own process (CK_FORK) and ends with no simulator diagnostic.
 */
#define _GNU_SOURCE
#include <errno.h>
#include <fcntl.h>
#include <pthread.h>
#include <sched.h>
#include <stdatomic.h>
#include <stdint.h>
#include <string.h>
#include <time.h>
#include <unistd.h>
#include <sys/ioctl.h>
#include <sys/mman.h>
#include <evl/evl.h>
#include <evlsim/evlsim.h>
#include "evlsim-check.h"
#include "echo/echo-abi.h"

#define ECHO_DEV		"/dev/echo"
#define ECHO_DEFAULT_SIZE	4096
#define ECHO_IOC_UNKNOWN	_IO(ECHO_IOC_MAGIC, 99)
#define LONG_HOLD_MS		10000	/* far longer than any test: never the way out */

/* ---- helpers ------------------------------------------------------------------------- */

/* The module cases load the driver themselves, and must leave it unloaded. */
static void module_setup(void)
{
	ck_assert_ret(evlsim_module_refcount("echo"), -ENOENT);
}

static void module_teardown(void)
{
	ck_assert_ret(evlsim_module_refcount("echo"), -ENOENT);
	ck_assert_no_reports();
}

static struct echo_info info_inband(int fd)
{
	struct echo_info info;

	memset(&info, 0xa5, sizeof(info));
	ck_assert_call(ioctl(fd, ECHO_IOC_GET_INFO, &info), 0);
	return info;
}

static struct echo_info info_oob(int fd)
{
	struct echo_info info;

	memset(&info, 0xa5, sizeof(info));
	ck_assert_call(oob_ioctl(fd, ECHO_IOC_GET_INFO, &info), 0);
	return info;
}

static void assert_info(struct echo_info info, unsigned int size, unsigned int len,
			unsigned long long writes, unsigned long long reads)
{
	ck_assert_uint_eq(info.size, size);
	ck_assert_uint_eq(info.len, len);
	ck_assert_uint_eq(info.writes, writes);
	ck_assert_uint_eq(info.reads, reads);
}

static void get_stats(struct evlsim_thread_stats *st)
{
	ck_assert_ret(evlsim_get_thread_stats(st), 0);
}

/* ---- io: messages across both stages ------------------------------------------------- */

START_TEST(test_io_inband_write_oob_read)
{
	int fd = open_node(ECHO_DEV, O_RDWR);
	char buf[16];

	ck_assert_call(write(fd, "hello", 5), 5);
	attach_as("main");
	memset(buf, 0, sizeof(buf));
	ck_assert_call(oob_read(fd, buf, sizeof(buf)), 5);
	ck_assert_mem_eq(buf, "hello", 5);
	/* the read emptied the buffer */
	ck_assert_call(oob_read(fd, buf, sizeof(buf)), 0);
	close_fd(fd);
}
END_TEST

START_TEST(test_io_oob_write_inband_read)
{
	int fd = open_node(ECHO_DEV, O_RDWR);
	char buf[16];

	attach_as("main");
	ck_assert_call(oob_write(fd, "ping", 4), 4);
	memset(buf, 0, sizeof(buf));
	ck_assert_call(read(fd, buf, sizeof(buf)), 4);
	ck_assert_mem_eq(buf, "ping", 4);
	ck_assert_call(read(fd, buf, sizeof(buf)), 0);
	close_fd(fd);
}
END_TEST

START_TEST(test_io_oob_write_oob_read)
{
	int fd = open_node(ECHO_DEV, O_RDWR);
	char buf[16];

	attach_as("main");
	ck_assert_call(oob_write(fd, "out-of-band", 11), 11);
	memset(buf, 0, sizeof(buf));
	ck_assert_call(oob_read(fd, buf, sizeof(buf)), 11);
	ck_assert_mem_eq(buf, "out-of-band", 11);
	ck_assert_call(oob_read(fd, buf, sizeof(buf)), 0);
	close_fd(fd);
}
END_TEST

/* in-band only: no EVL thread needed at all */
START_TEST(test_io_inband_write_inband_read)
{
	int fd = open_node(ECHO_DEV, O_RDWR);
	char buf[16];

	ck_assert_call(write(fd, "in-band", 7), 7);
	memset(buf, 0, sizeof(buf));
	ck_assert_call(read(fd, buf, sizeof(buf)), 7);
	ck_assert_mem_eq(buf, "in-band", 7);
	ck_assert_call(read(fd, buf, sizeof(buf)), 0);
	close_fd(fd);
}
END_TEST

START_TEST(test_io_read_empty_returns_zero)
{
	int fd = open_node(ECHO_DEV, O_RDWR);
	char buf[16];

	ck_assert_call(read(fd, buf, sizeof(buf)), 0);
	attach_as("main");
	ck_assert_call(oob_read(fd, buf, sizeof(buf)), 0);
	/* empty reads are not counted */
	assert_info(info_oob(fd), ECHO_DEFAULT_SIZE, 0, 0, 0);
	close_fd(fd);
}
END_TEST

/* the buffer keeps the last message only, whichever stage wrote it */
START_TEST(test_io_write_replaces_message)
{
	int fd = open_node(ECHO_DEV, O_RDWR);
	char buf[16];

	attach_as("main");
	ck_assert_call(write(fd, "first", 5), 5);
	ck_assert_call(oob_write(fd, "second", 6), 6);
	ck_assert_call(write(fd, "3rd", 3), 3);
	memset(buf, 0, sizeof(buf));
	ck_assert_call(oob_read(fd, buf, sizeof(buf)), 3);
	ck_assert_mem_eq(buf, "3rd", 3);

	ck_assert_call(oob_write(fd, "fourth", 6), 6);
	ck_assert_call(oob_write(fd, "5th", 3), 3);
	memset(buf, 0, sizeof(buf));
	ck_assert_call(read(fd, buf, sizeof(buf)), 3);
	ck_assert_mem_eq(buf, "5th", 3);
	assert_info(info_inband(fd), ECHO_DEFAULT_SIZE, 0, 5, 2);
	close_fd(fd);
}
END_TEST

/* a read shorter than the message gets its head; the rest is dropped (datagram-like) */
START_TEST(test_io_partial_read_inband_drops_rest)
{
	int fd = open_node(ECHO_DEV, O_RDWR);
	char buf[16];

	ck_assert_call(write(fd, "abcdef", 6), 6);
	memset(buf, 0, sizeof(buf));
	ck_assert_call(read(fd, buf, 3), 3);
	ck_assert_mem_eq(buf, "abc\0", 4);
	ck_assert_call(read(fd, buf, sizeof(buf)), 0);
	assert_info(info_inband(fd), ECHO_DEFAULT_SIZE, 0, 1, 1);
	close_fd(fd);
}
END_TEST

START_TEST(test_io_partial_read_oob_drops_rest)
{
	int fd = open_node(ECHO_DEV, O_RDWR);
	char buf[16];

	attach_as("main");
	ck_assert_call(oob_write(fd, "abcdef", 6), 6);
	memset(buf, 0, sizeof(buf));
	ck_assert_call(oob_read(fd, buf, 2), 2);
	ck_assert_mem_eq(buf, "ab\0", 3);
	ck_assert_call(oob_read(fd, buf, sizeof(buf)), 0);
	assert_info(info_oob(fd), ECHO_DEFAULT_SIZE, 0, 1, 1);
	close_fd(fd);
}
END_TEST

/* a zero-length write is a message too: an empty one, which leaves the buffer empty */
START_TEST(test_io_zero_length_write_empties)
{
	int fd = open_node(ECHO_DEV, O_RDWR);
	char buf[16];

	attach_as("main");
	ck_assert_call(write(fd, "abc", 3), 3);
	ck_assert_call(write(fd, "", 0), 0);
	assert_info(info_inband(fd), ECHO_DEFAULT_SIZE, 0, 2, 0);
	ck_assert_call(read(fd, buf, sizeof(buf)), 0);

	ck_assert_call(oob_write(fd, "abc", 3), 3);
	ck_assert_call(oob_write(fd, "", 0), 0);
	assert_info(info_oob(fd), ECHO_DEFAULT_SIZE, 0, 4, 0);
	ck_assert_call(oob_read(fd, buf, sizeof(buf)), 0);
	close_fd(fd);
}
END_TEST

/* a zero-length read of a message is a partial read of 0 bytes: it consumes the message */
START_TEST(test_io_zero_length_read_consumes)
{
	int fd = open_node(ECHO_DEV, O_RDWR);
	char buf[16];

	attach_as("main");
	ck_assert_call(write(fd, "abc", 3), 3);
	ck_assert_call(read(fd, buf, 0), 0);
	assert_info(info_inband(fd), ECHO_DEFAULT_SIZE, 0, 1, 1);

	ck_assert_call(oob_write(fd, "abc", 3), 3);
	ck_assert_call(oob_read(fd, buf, 0), 0);
	assert_info(info_oob(fd), ECHO_DEFAULT_SIZE, 0, 2, 2);
	ck_assert_call(oob_read(fd, buf, sizeof(buf)), 0);
	close_fd(fd);
}
END_TEST

/* the full 4096 bytes go through both stages, byte for byte */
START_TEST(test_io_full_size_message)
{
	static char out[ECHO_DEFAULT_SIZE], in[ECHO_DEFAULT_SIZE + 1];
	int fd = open_node(ECHO_DEV, O_RDWR);
	size_t i;

	for (i = 0; i < sizeof(out); i++)
		out[i] = (char)(i * 7 + 1);
	attach_as("main");
	ck_assert_call(oob_write(fd, out, sizeof(out)), sizeof(out));
	ck_assert_call(read(fd, in, sizeof(in)), sizeof(out));
	ck_assert_mem_eq(in, out, sizeof(out));
	ck_assert_call(write(fd, out, sizeof(out)), sizeof(out));
	memset(in, 0, sizeof(in));
	ck_assert_call(oob_read(fd, in, sizeof(in)), sizeof(out));
	ck_assert_mem_eq(in, out, sizeof(out));
	close_fd(fd);
}
END_TEST

/* ---- files: one buffer per open file ------------------------------------------------- */

START_TEST(test_files_per_open_buffers)
{
	int a = open_node(ECHO_DEV, O_RDWR), b = open_node(ECHO_DEV, O_RDWR);
	char buf[16];

	attach_as("main");
	ck_assert_call(write(a, "for-a", 5), 5);
	ck_assert_call(oob_write(b, "for-b", 5), 5);
	assert_info(info_inband(a), ECHO_DEFAULT_SIZE, 5, 1, 0);
	assert_info(info_oob(b), ECHO_DEFAULT_SIZE, 5, 1, 0);

	memset(buf, 0, sizeof(buf));
	ck_assert_call(oob_read(b, buf, sizeof(buf)), 5);
	ck_assert_mem_eq(buf, "for-b", 5);
	ck_assert_call(oob_read(b, buf, sizeof(buf)), 0);
	/* reading b left a alone */
	memset(buf, 0, sizeof(buf));
	ck_assert_call(read(a, buf, sizeof(buf)), 5);
	ck_assert_mem_eq(buf, "for-a", 5);
	close_fd(b);
	close_fd(a);
}
END_TEST

/* a message written on one file is never seen on another */
START_TEST(test_files_other_open_sees_nothing)
{
	int a = open_node(ECHO_DEV, O_RDWR), b = open_node(ECHO_DEV, O_RDWR);
	char buf[16];

	attach_as("main");
	ck_assert_call(oob_write(a, "private", 7), 7);
	ck_assert_call(read(b, buf, sizeof(buf)), 0);
	ck_assert_call(oob_read(b, buf, sizeof(buf)), 0);
	assert_info(info_oob(b), ECHO_DEFAULT_SIZE, 0, 0, 0);
	/* closing a file drops its message, the other file is unaffected */
	close_fd(a);
	assert_info(info_inband(b), ECHO_DEFAULT_SIZE, 0, 0, 0);
	close_fd(b);
}
END_TEST

/* descriptors from dup() share the open file, hence its buffer */
START_TEST(test_files_dup_shares_buffer)
{
	int fd = open_node(ECHO_DEV, O_RDWR), fd2;
	char buf[16];

	fd2 = dup(fd);
	ck_assert_int_ge(fd2, 0);
	ck_assert_int_eq(evlsim_is_sim_fd(fd2), 1);
	attach_as("main");
	ck_assert_call(oob_write(fd, "shared", 6), 6);
	memset(buf, 0, sizeof(buf));
	ck_assert_call(oob_read(fd2, buf, sizeof(buf)), 6);
	ck_assert_mem_eq(buf, "shared", 6);
	/* the first close does not release the file: the other descriptor still works */
	close_fd(fd);
	ck_assert_call(write(fd2, "still", 5), 5);
	ck_assert_call(oob_read(fd2, buf, sizeof(buf)), 5);
	close_fd(fd2);
}
END_TEST

START_TEST(test_files_closed_fd_ebadf)
{
	char buf[16];
	int fd;

	attach_as("main");	/* first: the thread element must not take the closed number */
	fd = open_node(ECHO_DEV, O_RDWR);
	close_fd(fd);
	ck_assert_fails(oob_read(fd, buf, sizeof(buf)), EBADF);
	ck_assert_fails(oob_write(fd, "x", 1), EBADF);
	ck_assert_fails(oob_ioctl(fd, ECHO_IOC_CLEAR), EBADF);
}
END_TEST

/* ---- limits: message size and bad user buffers --------------------------------------- */

START_TEST(test_limits_write_too_big_efbig)
{
	static char big[ECHO_DEFAULT_SIZE + 1];
	int fd = open_node(ECHO_DEV, O_RDWR);
	char buf[16];

	memset(big, 'x', sizeof(big));
	attach_as("main");
	ck_assert_call(write(fd, "keep", 4), 4);
	ck_assert_fails(write(fd, big, sizeof(big)), EFBIG);
	ck_assert_fails(oob_write(fd, big, sizeof(big)), EFBIG);
	/* a rejected write changes nothing, not even the counters */
	assert_info(info_oob(fd), ECHO_DEFAULT_SIZE, 4, 1, 0);
	memset(buf, 0, sizeof(buf));
	ck_assert_call(oob_read(fd, buf, sizeof(buf)), 4);
	ck_assert_mem_eq(buf, "keep", 4);
	close_fd(fd);
}
END_TEST

/* the size is checked before the buffer is touched */
START_TEST(test_limits_efbig_before_efault)
{
	void *volatile null = NULL;	/* hidden from the compiler's checks */
	int fd = open_node(ECHO_DEV, O_RDWR);

	attach_as("main");
	ck_assert_fails(write(fd, null, ECHO_DEFAULT_SIZE + 1), EFBIG);
	ck_assert_fails(oob_write(fd, null, ECHO_DEFAULT_SIZE + 1), EFBIG);
	close_fd(fd);
}
END_TEST

/* a write from a bad buffer fails and never destroys the previous message */
START_TEST(test_limits_bad_write_buffer_keeps_message)
{
	void *volatile null = NULL;
	int fd = open_node(ECHO_DEV, O_RDWR);
	char buf[16];

	attach_as("main");
	ck_assert_call(write(fd, "keep", 4), 4);
	ck_assert_fails(write(fd, null, 4), EFAULT);
	ck_assert_fails(oob_write(fd, null, 4), EFAULT);
	assert_info(info_inband(fd), ECHO_DEFAULT_SIZE, 4, 1, 0);
	memset(buf, 0, sizeof(buf));
	ck_assert_call(read(fd, buf, sizeof(buf)), 4);
	ck_assert_mem_eq(buf, "keep", 4);
	close_fd(fd);
}
END_TEST

/* a read into a bad buffer fails and leaves the message for the next read */
START_TEST(test_limits_bad_read_buffer_keeps_message)
{
	void *volatile null = NULL;
	int fd = open_node(ECHO_DEV, O_RDWR);
	char buf[16];

	attach_as("main");
	ck_assert_call(write(fd, "keep", 4), 4);
	ck_assert_fails(read(fd, null, sizeof(buf)), EFAULT);
	assert_info(info_inband(fd), ECHO_DEFAULT_SIZE, 4, 1, 0);
	ck_assert_fails(oob_read(fd, null, sizeof(buf)), EFAULT);
	assert_info(info_oob(fd), ECHO_DEFAULT_SIZE, 4, 1, 0);
	memset(buf, 0, sizeof(buf));
	ck_assert_call(oob_read(fd, buf, sizeof(buf)), 4);
	ck_assert_mem_eq(buf, "keep", 4);
	assert_info(info_oob(fd), ECHO_DEFAULT_SIZE, 0, 1, 1);
	close_fd(fd);
}
END_TEST

/* ---- nonblock: O_NONBLOCK turns "empty" into EAGAIN ----------------------------------- */

START_TEST(test_nonblock_empty_read_eagain)
{
	int fd = open_node(ECHO_DEV, O_RDWR | O_NONBLOCK);
	char buf[16];

	attach_as("main");
	ck_assert_fails(read(fd, buf, sizeof(buf)), EAGAIN);
	ck_assert_fails(oob_read(fd, buf, sizeof(buf)), EAGAIN);
	ck_assert_fails(oob_read(fd, buf, 0), EAGAIN);
	/* a message is read as usual, then the buffer is empty again */
	ck_assert_call(oob_write(fd, "nb", 2), 2);
	ck_assert_call(read(fd, buf, sizeof(buf)), 2);
	ck_assert_fails(oob_read(fd, buf, sizeof(buf)), EAGAIN);
	/* so does a cleared buffer */
	ck_assert_call(write(fd, "nb", 2), 2);
	ck_assert_call(ioctl(fd, ECHO_IOC_CLEAR), 0);
	ck_assert_fails(read(fd, buf, sizeof(buf)), EAGAIN);
	close_fd(fd);
}
END_TEST

/* the driver looks at f_flags on every call: fcntl(F_SETFL) changes it on an open file */
START_TEST(test_nonblock_set_with_fcntl)
{
	int fd = open_node(ECHO_DEV, O_RDWR);
	char buf[16];
	int fl;

	attach_as("main");
	ck_assert_call(oob_read(fd, buf, sizeof(buf)), 0);
	fl = fcntl(fd, F_GETFL);
	ck_assert_int_ge(fl, 0);
	ck_assert_call(fcntl(fd, F_SETFL, fl | O_NONBLOCK), 0);
	ck_assert_fails(oob_read(fd, buf, sizeof(buf)), EAGAIN);
	ck_assert_fails(read(fd, buf, sizeof(buf)), EAGAIN);
	ck_assert_call(fcntl(fd, F_SETFL, fl), 0);
	ck_assert_call(oob_read(fd, buf, sizeof(buf)), 0);
	ck_assert_call(read(fd, buf, sizeof(buf)), 0);
	close_fd(fd);
}
END_TEST

/* ---- ioctl --------------------------------------------------------------------------- */

START_TEST(test_ioctl_get_info_inband)
{
	int fd = open_node(ECHO_DEV, O_RDWR);
	char buf[16];

	/* a fresh file */
	assert_info(info_inband(fd), ECHO_DEFAULT_SIZE, 0, 0, 0);
	ck_assert_call(write(fd, "12345", 5), 5);
	assert_info(info_inband(fd), ECHO_DEFAULT_SIZE, 5, 1, 0);
	ck_assert_call(write(fd, "123", 3), 3);
	assert_info(info_inband(fd), ECHO_DEFAULT_SIZE, 3, 2, 0);
	ck_assert_call(read(fd, buf, sizeof(buf)), 3);
	assert_info(info_inband(fd), ECHO_DEFAULT_SIZE, 0, 2, 1);
	ck_assert_call(read(fd, buf, sizeof(buf)), 0);
	assert_info(info_inband(fd), ECHO_DEFAULT_SIZE, 0, 2, 1);
	close_fd(fd);
}
END_TEST

START_TEST(test_ioctl_get_info_oob)
{
	int fd = open_node(ECHO_DEV, O_RDWR);
	char buf[16];

	attach_as("main");
	assert_info(info_oob(fd), ECHO_DEFAULT_SIZE, 0, 0, 0);
	ck_assert_call(oob_write(fd, "12345", 5), 5);
	assert_info(info_oob(fd), ECHO_DEFAULT_SIZE, 5, 1, 0);
	ck_assert_call(oob_read(fd, buf, sizeof(buf)), 5);
	assert_info(info_oob(fd), ECHO_DEFAULT_SIZE, 0, 1, 1);
	/* GET_INFO ran out-of-band: the thread is still oob */
	ck_assert_int_eq(evl_is_inband(), 0);
	close_fd(fd);
}
END_TEST

START_TEST(test_ioctl_get_info_bad_pointer_efault)
{
	void *volatile null = NULL;
	int fd = open_node(ECHO_DEV, O_RDWR);

	attach_as("main");
	ck_assert_fails(ioctl(fd, ECHO_IOC_GET_INFO, null), EFAULT);
	ck_assert_fails(oob_ioctl(fd, ECHO_IOC_GET_INFO, null), EFAULT);
	close_fd(fd);
}
END_TEST

/* CLEAR drops the message; it is neither a write nor a read */
START_TEST(test_ioctl_clear_inband)
{
	int fd = open_node(ECHO_DEV, O_RDWR);
	char buf[16];

	ck_assert_call(write(fd, "drop me", 7), 7);
	ck_assert_call(ioctl(fd, ECHO_IOC_CLEAR), 0);
	assert_info(info_inband(fd), ECHO_DEFAULT_SIZE, 0, 1, 0);
	ck_assert_call(read(fd, buf, sizeof(buf)), 0);
	/* clearing an empty buffer is fine */
	ck_assert_call(ioctl(fd, ECHO_IOC_CLEAR), 0);
	close_fd(fd);
}
END_TEST

START_TEST(test_ioctl_clear_oob)
{
	int fd = open_node(ECHO_DEV, O_RDWR);
	char buf[16];

	attach_as("main");
	ck_assert_call(oob_write(fd, "drop me", 7), 7);
	ck_assert_call(oob_ioctl(fd, ECHO_IOC_CLEAR), 0);
	assert_info(info_oob(fd), ECHO_DEFAULT_SIZE, 0, 1, 0);
	ck_assert_call(oob_read(fd, buf, sizeof(buf)), 0);
	ck_assert_call(oob_ioctl(fd, ECHO_IOC_CLEAR), 0);
	close_fd(fd);
}
END_TEST

START_TEST(test_ioctl_unknown_enotty)
{
	int fd = open_node(ECHO_DEV, O_RDWR);

	/* echo returns -ENOIOCTLCMD, which both stages turn into ENOTTY */
	ck_assert_fails(ioctl(fd, ECHO_IOC_UNKNOWN), ENOTTY);
	attach_as("main");
	ck_assert_fails(oob_ioctl(fd, ECHO_IOC_UNKNOWN), ENOTTY);
	close_fd(fd);
}
END_TEST

/* HOLD exists out-of-band only */
START_TEST(test_ioctl_hold_inband_enotty)
{
	int fd = open_node(ECHO_DEV, O_RDWR);
	__u32 msecs = 1;

	ck_assert_fails(ioctl(fd, ECHO_IOC_HOLD, &msecs), ENOTTY);
	attach_as("main");
	ck_assert_fails(ioctl(fd, ECHO_IOC_HOLD, &msecs), ENOTTY);
	close_fd(fd);
}
END_TEST

START_TEST(test_ioctl_hold_timeout_etimedout)
{
	int fd = open_node(ECHO_DEV, O_RDWR);
	__u32 msecs = 20;
	double t0, elapsed;

	attach_as("main");
	t0 = now_ns() / 1e6;
	ck_assert_fails(oob_ioctl(fd, ECHO_IOC_HOLD, &msecs), ETIMEDOUT);
	elapsed = now_ns() / 1e6 - t0;
	ck_assert_msg(elapsed >= msecs && elapsed < 1000, "held %.3f ms for %u ms",
		      elapsed, msecs);
	/* a zero timeout expires at once */
	msecs = 0;
	ck_assert_fails(oob_ioctl(fd, ECHO_IOC_HOLD, &msecs), ETIMEDOUT);
	close_fd(fd);
}
END_TEST

START_TEST(test_ioctl_hold_bad_pointer_efault)
{
	void *volatile null = NULL;
	int fd = open_node(ECHO_DEV, O_RDWR);

	attach_as("main");
	ck_assert_fails(oob_ioctl(fd, ECHO_IOC_HOLD, null), EFAULT);
	close_fd(fd);
}
END_TEST

/* UNHOLD with nobody holding is a no-op, from either stage */
START_TEST(test_ioctl_unhold_without_holder)
{
	int fd = open_node(ECHO_DEV, O_RDWR);

	ck_assert_call(ioctl(fd, ECHO_IOC_UNHOLD), 0);
	attach_as("main");
	ck_assert_call(oob_ioctl(fd, ECHO_IOC_UNHOLD), 0);
	close_fd(fd);
}
END_TEST

/*
 * A holder: an EVL thread that enters ECHO_IOC_HOLD on @fd for @msecs and records what
 * it got. @ready is raised once the thread is attached and runs out-of-band, right
 * before the hold; @done once the call returned.
 */
struct holder {
	int fd;
	__u32 msecs;
	atomic_int ready;
	atomic_int done;
	int ret, err;
	pthread_t tid;
};

static void *holder_fn(void *arg)
{
	struct holder *h = arg;
	struct echo_info info;

	if (evl_attach_self("echo-holder:%d", (int)getpid()) < 0) {
		h->ret = -2;
		atomic_store(&h->done, 1);
		return NULL;
	}
	oob_ioctl(h->fd, ECHO_IOC_GET_INFO, &info);	/* switches oob */
	atomic_store(&h->ready, 1);
	errno = 0;
	h->ret = oob_ioctl(h->fd, ECHO_IOC_HOLD, &h->msecs);
	h->err = errno;
	atomic_store(&h->done, 1);
	evl_detach_self();
	return NULL;
}

static void start_holder(struct holder *h, int fd, __u32 msecs)
{
	memset(h, 0, sizeof(*h));
	h->fd = fd;
	h->msecs = msecs;
	ck_assert_int_eq(pthread_create(&h->tid, NULL, holder_fn, h), 0);
	while (!atomic_load(&h->ready) && !atomic_load(&h->done))
		usleep(1000);
}

static void join_holder(struct holder *h)
{
	ck_assert_int_eq(pthread_join(h->tid, NULL), 0);
	ck_assert_int_ne(h->ret, -2);
}

/*
 * Issues UNHOLD on @fd until the holder left. The holder samples the hold generation when
 * it enters, so an UNHOLD that came first does not count: repeating it makes the test
 * independent of when exactly the holder entered the driver.
 */
static void unhold_until_done(struct holder *h, int fd, int oob)
{
	while (!atomic_load(&h->done)) {
		if (oob)
			ck_assert_call(oob_ioctl(fd, ECHO_IOC_UNHOLD), 0);
		else
			ck_assert_call(ioctl(fd, ECHO_IOC_UNHOLD), 0);
		usleep(1000);
	}
}

START_TEST(test_ioctl_unhold_inband_releases_holder)
{
	int fd = open_node(ECHO_DEV, O_RDWR);
	struct holder h;
	double t0;

	t0 = now_ns() / 1e6;
	start_holder(&h, fd, LONG_HOLD_MS);
	unhold_until_done(&h, fd, 0);
	join_holder(&h);
	ck_assert_msg(h.ret == 0, "HOLD: %d/%s", h.ret, strerror(h.err));
	ck_assert_double_lt(now_ns() / 1e6 - t0, LONG_HOLD_MS);
	close_fd(fd);
}
END_TEST

START_TEST(test_ioctl_unhold_oob_releases_holder)
{
	int fd = open_node(ECHO_DEV, O_RDWR);
	struct holder h;

	attach_as("main");
	start_holder(&h, fd, LONG_HOLD_MS);
	unhold_until_done(&h, fd, 1);
	join_holder(&h);
	ck_assert_msg(h.ret == 0, "HOLD: %d/%s", h.ret, strerror(h.err));
	ck_assert_int_eq(evl_is_inband(), 0);
	close_fd(fd);
}
END_TEST

/* UNHOLD lets go the holders of its own file only */
START_TEST(test_ioctl_unhold_other_file_ignored)
{
	int fd = open_node(ECHO_DEV, O_RDWR), other = open_node(ECHO_DEV, O_RDWR);
	struct holder h;

	start_holder(&h, fd, 50);
	unhold_until_done(&h, other, 0);
	join_holder(&h);
	ck_assert_msg(h.ret == -1 && h.err == ETIMEDOUT, "HOLD: %d/%s", h.ret,
		      strerror(h.err));
	close_fd(other);
	close_fd(fd);
}
END_TEST

/*
 * Closing the file while a thread holds: echo_release() makes the holder return -EIDRM,
 * and close() returns only once it left the driver (evl_release_file() waits for it;
 * were it not so, the holder would spin on freed memory and evlsim would report it).
 */
START_TEST(test_ioctl_hold_ended_by_close_eidrm)
{
	int fd = open_node(ECHO_DEV, O_RDWR);
	struct holder h;
	double t0;

	start_holder(&h, fd, LONG_HOLD_MS);
	usleep(20000);	/* let the holder get from its last instruction into the driver */
	ck_assert_int_eq(atomic_load(&h.done), 0);
	t0 = now_ns() / 1e6;
	close_fd(fd);
	ck_assert_double_lt(now_ns() / 1e6 - t0, LONG_HOLD_MS);
	join_holder(&h);
	ck_assert_msg(h.ret == -1 && h.err == EIDRM, "HOLD: %d/%s (EBADF: it was not in yet)",
		      h.ret, strerror(h.err));
	ck_assert_int_eq(evlsim_is_sim_fd(fd), 0);
}
END_TEST

/* closing one of two descriptors of the file does not release it: the hold goes on */
START_TEST(test_ioctl_hold_survives_close_of_dup)
{
	int fd = open_node(ECHO_DEV, O_RDWR), fd2;
	struct holder h;

	fd2 = dup(fd);
	ck_assert_int_ge(fd2, 0);
	start_holder(&h, fd, LONG_HOLD_MS);
	usleep(20000);
	close_fd(fd2);
	usleep(20000);
	ck_assert_int_eq(atomic_load(&h.done), 0);
	unhold_until_done(&h, fd, 0);
	join_holder(&h);
	ck_assert_msg(h.ret == 0, "HOLD: %d/%s", h.ret, strerror(h.err));
	close_fd(fd);
}
END_TEST

/* ---- compat: 32-bit callers ----------------------------------------------------------- */

/*
 * A 32-bit process only has addresses below 4 GiB, and compat_ptr() keeps only the low
 * 32 bits of a pointer argument: compat callers pass memory mapped there.
 */
static void *compat_alloc(size_t len)
{
	int flags = MAP_PRIVATE | MAP_ANONYMOUS;
	void *p;

#ifdef MAP_32BIT
	flags |= MAP_32BIT;
#endif
	p = mmap((void *)0x10000000UL, len, PROT_READ | PROT_WRITE, flags, -1, 0);
	ck_assert_msg(p != MAP_FAILED, "mmap: %s", strerror(errno));
	ck_assert_msg((uintptr_t)p + len <= 1ULL << 32, "mapping at %p is above 4 GiB", p);
	return p;
}

START_TEST(test_compat_oob_ioctl)
{
	struct echo_info *info = compat_alloc(4096);
	__u32 *msecs = (__u32 *)(info + 1);
	int fd = open_node(ECHO_DEV, O_RDWR);

	attach_as("main");
	ck_assert_call(oob_write(fd, "compat", 6), 6);
	ck_assert_int_eq(evlsim_set_compat_caller(1), 0);
	ck_assert_call(oob_ioctl(fd, ECHO_IOC_GET_INFO, info), 0);
	assert_info(*info, ECHO_DEFAULT_SIZE, 6, 1, 0);
	ck_assert_call(oob_ioctl(fd, ECHO_IOC_CLEAR), 0);
	ck_assert_call(oob_ioctl(fd, ECHO_IOC_GET_INFO, info), 0);
	assert_info(*info, ECHO_DEFAULT_SIZE, 0, 1, 0);
	*msecs = 1;
	ck_assert_fails(oob_ioctl(fd, ECHO_IOC_HOLD, msecs), ETIMEDOUT);
	ck_assert_call(oob_ioctl(fd, ECHO_IOC_UNHOLD), 0);
	ck_assert_fails(oob_ioctl(fd, ECHO_IOC_UNKNOWN), ENOTTY);
	ck_assert_int_eq(evlsim_set_compat_caller(0), 1);
	close_fd(fd);
	ck_assert_call(munmap(info, 4096), 0);
}
END_TEST

START_TEST(test_compat_inband_ioctl)
{
	struct echo_info *info = compat_alloc(4096);
	__u32 *msecs = (__u32 *)(info + 1);
	int fd = open_node(ECHO_DEV, O_RDWR);

	ck_assert_call(write(fd, "compat", 6), 6);
	ck_assert_int_eq(evlsim_set_compat_caller(1), 0);
	ck_assert_call(ioctl(fd, ECHO_IOC_GET_INFO, info), 0);
	assert_info(*info, ECHO_DEFAULT_SIZE, 6, 1, 0);
	ck_assert_call(ioctl(fd, ECHO_IOC_CLEAR), 0);
	ck_assert_call(ioctl(fd, ECHO_IOC_GET_INFO, info), 0);
	assert_info(*info, ECHO_DEFAULT_SIZE, 0, 1, 0);
	ck_assert_call(ioctl(fd, ECHO_IOC_UNHOLD), 0);
	*msecs = 1;
	ck_assert_fails(ioctl(fd, ECHO_IOC_HOLD, msecs), ENOTTY);
	ck_assert_fails(ioctl(fd, ECHO_IOC_UNKNOWN), ENOTTY);
	ck_assert_int_eq(evlsim_set_compat_caller(0), 1);
	close_fd(fd);
	ck_assert_call(munmap(info, 4096), 0);
}
END_TEST

/* ---- access: modes, EVL attachment, stages -------------------------------------------- */

START_TEST(test_access_rdonly_file)
{
	int fd = open_node(ECHO_DEV, O_RDONLY);
	char buf[16];

	attach_as("main");
	ck_assert_fails(oob_write(fd, "x", 1), EBADF);
	ck_assert_fails(write(fd, "x", 1), EBADF);
	ck_assert_call(oob_read(fd, buf, sizeof(buf)), 0);
	ck_assert_call(read(fd, buf, sizeof(buf)), 0);
	/* ioctls do not depend on the access mode */
	assert_info(info_oob(fd), ECHO_DEFAULT_SIZE, 0, 0, 0);
	assert_info(info_inband(fd), ECHO_DEFAULT_SIZE, 0, 0, 0);
	close_fd(fd);
}
END_TEST

START_TEST(test_access_wronly_file)
{
	int fd = open_node(ECHO_DEV, O_WRONLY);
	char buf[16];

	attach_as("main");
	ck_assert_fails(oob_read(fd, buf, sizeof(buf)), EBADF);
	ck_assert_fails(read(fd, buf, sizeof(buf)), EBADF);
	ck_assert_call(oob_write(fd, "abc", 3), 3);
	ck_assert_call(write(fd, "abcd", 4), 4);
	assert_info(info_oob(fd), ECHO_DEFAULT_SIZE, 4, 2, 0);
	ck_assert_call(oob_ioctl(fd, ECHO_IOC_CLEAR), 0);
	assert_info(info_inband(fd), ECHO_DEFAULT_SIZE, 0, 2, 0);
	close_fd(fd);
}
END_TEST

/* only EVL threads may call out-of-band; in-band calls need no attachment */
START_TEST(test_access_oob_before_attach_eperm)
{
	int fd = open_node(ECHO_DEV, O_RDWR);
	struct echo_info info;
	char buf[16];

	ck_assert_call(write(fd, "abc", 3), 3);
	ck_assert_fails(oob_read(fd, buf, sizeof(buf)), EPERM);
	ck_assert_fails(oob_write(fd, "xyz", 3), EPERM);
	ck_assert_fails(oob_ioctl(fd, ECHO_IOC_GET_INFO, &info), EPERM);
	ck_assert_fails(oob_ioctl(fd, ECHO_IOC_CLEAR), EPERM);
	/* the driver was not called */
	assert_info(info_inband(fd), ECHO_DEFAULT_SIZE, 3, 1, 0);
	/* once attached, the same calls work */
	attach_as("main");
	memset(buf, 0, sizeof(buf));
	ck_assert_call(oob_read(fd, buf, sizeof(buf)), 3);
	ck_assert_mem_eq(buf, "abc", 3);
	close_fd(fd);
}
END_TEST

START_TEST(test_access_oob_after_detach_eperm)
{
	int fd = open_node(ECHO_DEV, O_RDWR);
	char buf[16];

	attach_as("main");
	ck_assert_call(oob_write(fd, "abc", 3), 3);
	ck_assert_ret(evl_detach_self(), 0);
	ck_assert_fails(oob_read(fd, buf, sizeof(buf)), EPERM);
	ck_assert_call(read(fd, buf, sizeof(buf)), 3);
	close_fd(fd);
}
END_TEST

/*
 * Out-of-band calls switch an in-band EVL thread oob, where it stays; any in-band call on
 * the driver (here an ioctl) demotes it.
 */
START_TEST(test_access_inband_ioctl_demotes)
{
	int fd = open_node(ECHO_DEV, O_RDWR);
	struct evlsim_thread_stats st;
	char buf[16];

	attach_as("main");
	ck_assert_int_eq(evl_is_inband(), 1);
	get_stats(&st);
	ck_assert_uint_eq(st.stage_switches, 0);
	ck_assert_uint_eq(st.oob_calls, 0);

	assert_info(info_oob(fd), ECHO_DEFAULT_SIZE, 0, 0, 0);	/* switch 1, oob call 1 */
	ck_assert_int_eq(evl_is_inband(), 0);
	ck_assert_call(oob_write(fd, "abc", 3), 3);		/* oob call 2, no switch */
	ck_assert_int_eq(evl_is_inband(), 0);
	get_stats(&st);
	ck_assert_uint_eq(st.stage_switches, 1);
	ck_assert_uint_eq(st.oob_calls, 2);

	assert_info(info_inband(fd), ECHO_DEFAULT_SIZE, 3, 1, 0);	/* demoted: switch 2 */
	ck_assert_int_eq(evl_is_inband(), 1);
	ck_assert_call(ioctl(fd, ECHO_IOC_CLEAR), 0);		/* already in-band */
	get_stats(&st);
	ck_assert_uint_eq(st.stage_switches, 2);
	ck_assert_uint_eq(st.oob_calls, 2);

	ck_assert_call(oob_read(fd, buf, sizeof(buf)), 0);	/* switch 3, oob call 3 */
	ck_assert_call(write(fd, "z", 1), 1);			/* demoted: switch 4 */
	ck_assert_int_eq(evl_is_inband(), 1);
	get_stats(&st);
	ck_assert_uint_eq(st.stage_switches, 4);
	ck_assert_uint_eq(st.oob_calls, 3);
	close_fd(fd);
}
END_TEST

/* ---- threads: real threads exchanging messages out-of-band ---------------------------- */

#define PINGPONG_COUNT	1000
#define PINGPONG_MAX	64

/*
 * A message of the ping-pong: a sequence number, then a payload whose length and bytes
 * depend on it, so that a lost, repeated, truncated or mixed-up message shows.
 */
static size_t make_msg(char *buf, unsigned int seq)
{
	size_t len = sizeof(seq) + seq % (PINGPONG_MAX - sizeof(seq) + 1), i;

	memcpy(buf, &seq, sizeof(seq));
	for (i = sizeof(seq); i < len; i++)
		buf[i] = (char)(seq * 31 + i);
	return len;
}

static int msg_ok(const char *buf, ssize_t n, unsigned int seq)
{
	char expected[PINGPONG_MAX];

	return n == (ssize_t)make_msg(expected, seq) && !memcmp(buf, expected, n);
}

/*
 * The echo buffer keeps the last message only: a writer must not write message N+1
 * before message N was read. Two files make a handshake: the writer sends message N on
 * @data, then waits for the reader to send N back on @ack. Both files are O_NONBLOCK:
 * a thread that finds its buffer empty gets EAGAIN, yields and tries again.
 */
struct pingpong {
	int data, ack;
	atomic_int stop;	/* raised by a thread that fails, so that the other one quits */
	unsigned int sent, received;
	int failed_at;		/* -1, or the sequence number that went wrong */
	ssize_t bad_n;
	int bad_errno;
};

/* Reads a message out-of-band, waiting for one. -1/ECANCELED if the peer gave up. */
static ssize_t oob_read_wait(struct pingpong *pp, int fd, void *buf, size_t count)
{
	ssize_t n;

	while ((n = oob_read(fd, buf, count)) == -1 && errno == EAGAIN) {
		if (atomic_load(&pp->stop)) {
			errno = ECANCELED;
			return -1;
		}
		sched_yield();
	}
	return n;
}

static void pingpong_fail(struct pingpong *pp, unsigned int seq, ssize_t n)
{
	pp->failed_at = (int)seq;
	pp->bad_n = n;
	pp->bad_errno = n < 0 ? errno : 0;
	atomic_store(&pp->stop, 1);
}

static void *pingpong_writer(void *arg)
{
	struct pingpong *pp = arg;
	char msg[PINGPONG_MAX];
	unsigned int seq, ack;
	ssize_t n;
	size_t len;

	if (evl_attach_self("echo-writer:%d", (int)getpid()) < 0) {
		pingpong_fail(pp, 0, -1);
		return NULL;
	}
	for (seq = 0; seq < PINGPONG_COUNT; seq++) {
		len = make_msg(msg, seq);
		n = oob_write(pp->data, msg, len);
		if (n != (ssize_t)len) {
			pingpong_fail(pp, seq, n);
			break;
		}
		pp->sent++;
		n = oob_read_wait(pp, pp->ack, &ack, sizeof(ack));
		if (n != sizeof(ack) || ack != seq) {
			if (n != -1 || errno != ECANCELED)
				pingpong_fail(pp, seq, n);
			break;
		}
	}
	evl_detach_self();
	return NULL;
}

static void *pingpong_reader(void *arg)
{
	struct pingpong *pp = arg;
	char buf[PINGPONG_MAX + 1];
	unsigned int seq;
	ssize_t n;

	if (evl_attach_self("echo-reader:%d", (int)getpid()) < 0) {
		pingpong_fail(pp, 0, -1);
		return NULL;
	}
	for (seq = 0; seq < PINGPONG_COUNT; seq++) {
		n = oob_read_wait(pp, pp->data, buf, sizeof(buf));
		if (!msg_ok(buf, n, seq)) {
			if (n != -1 || errno != ECANCELED)
				pingpong_fail(pp, seq, n);
			break;
		}
		pp->received++;
		n = oob_write(pp->ack, &seq, sizeof(seq));
		if (n != sizeof(seq)) {
			pingpong_fail(pp, seq, n);
			break;
		}
	}
	evl_detach_self();
	return NULL;
}

START_TEST(test_threads_pingpong_sequence)
{
	struct pingpong pp = { .failed_at = -1 };
	pthread_t writer, reader;

	pp.data = open_node(ECHO_DEV, O_RDWR | O_NONBLOCK);
	pp.ack = open_node(ECHO_DEV, O_RDWR | O_NONBLOCK);
	ck_assert_int_eq(pthread_create(&reader, NULL, pingpong_reader, &pp), 0);
	ck_assert_int_eq(pthread_create(&writer, NULL, pingpong_writer, &pp), 0);
	ck_assert_int_eq(pthread_join(writer, NULL), 0);
	ck_assert_int_eq(pthread_join(reader, NULL), 0);

	ck_assert_msg(pp.failed_at == -1, "message %d: got %zd (%s)", pp.failed_at,
		      pp.bad_n, pp.bad_n < 0 ? strerror(pp.bad_errno) : "wrong contents");
	ck_assert_uint_eq(pp.sent, PINGPONG_COUNT);
	ck_assert_uint_eq(pp.received, PINGPONG_COUNT);
	/* every message was written and read exactly once, nothing is left over */
	assert_info(info_inband(pp.data), ECHO_DEFAULT_SIZE, 0, PINGPONG_COUNT, PINGPONG_COUNT);
	assert_info(info_inband(pp.ack), ECHO_DEFAULT_SIZE, 0, PINGPONG_COUNT, PINGPONG_COUNT);
	close_fd(pp.ack);
	close_fd(pp.data);
}
END_TEST

/*
 * Writers racing on one file, one oob and one in-band, with messages of different
 * lengths filled with their own byte, and an oob reader: whatever the interleaving, a
 * read returns one whole message, never a mix of two (echo's double buffer at work).
 */
#define RACE_WRITES	2000

struct race {
	int fd;
	atomic_int writers_left;
	atomic_int reading_done;
	unsigned long reads, torn;
	int write_errors;
	char torn_sample[PINGPONG_MAX];
	ssize_t torn_len;
};

struct race_writer {
	struct race *race;
	char fill;
	size_t len;
	int oob;
};

static void *race_writer_fn(void *arg)
{
	struct race_writer *w = arg;
	char msg[PINGPONG_MAX];
	ssize_t n;
	int i;

	memset(msg, w->fill, w->len);
	if (w->oob && evl_attach_self("echo-race-%c:%d", w->fill, (int)getpid()) < 0) {
		w->race->write_errors++;
		atomic_fetch_sub(&w->race->writers_left, 1);
		return NULL;
	}
	for (i = 0; i < RACE_WRITES; i++) {
		n = w->oob ? oob_write(w->race->fd, msg, w->len) : write(w->race->fd, msg, w->len);
		if (n != (ssize_t)w->len)
			w->race->write_errors++;
	}
	atomic_fetch_sub(&w->race->writers_left, 1);
	if (w->oob) {
		/*
		 * Stay attached until the reader is done: detaching closes the thread's EVL
		 * element file, and evlsim's file release racing with I/O of two other
		 * threads trips a ThreadSanitizer report inside liburcu (a simulator issue).
		 */
		while (!atomic_load(&w->race->reading_done))
			usleep(1000);
		evl_detach_self();
	}
	return NULL;
}

static int race_msg_ok(const char *buf, ssize_t n)
{
	char fill = n == 16 ? 'A' : n == 40 ? 'B' : 0;
	ssize_t i;

	if (!fill)
		return 0;
	for (i = 0; i < n; i++)
		if (buf[i] != fill)
			return 0;
	return 1;
}

START_TEST(test_threads_concurrent_writers_untorn)
{
	struct race race = { .fd = open_node(ECHO_DEV, O_RDWR | O_NONBLOCK) };
	struct race_writer wa = { &race, 'A', 16, 1 }, wb = { &race, 'B', 40, 0 };
	char buf[PINGPONG_MAX];
	pthread_t ta, tb;
	int last = 0;
	ssize_t n;

	atomic_store(&race.writers_left, 2);
	attach_as("reader");
	ck_assert_int_eq(pthread_create(&ta, NULL, race_writer_fn, &wa), 0);
	ck_assert_int_eq(pthread_create(&tb, NULL, race_writer_fn, &wb), 0);
	/* read until both writers are done and the buffer is empty */
	for (;;) {
		if (!atomic_load(&race.writers_left))
			last = 1;
		n = oob_read(race.fd, buf, sizeof(buf));
		if (n == -1 && errno == EAGAIN) {
			if (last)
				break;
			sched_yield();
			continue;
		}
		race.reads++;
		if (!race_msg_ok(buf, n) && !race.torn++) {
			race.torn_len = n;
			if (n > 0)
				memcpy(race.torn_sample, buf, n);
		}
	}
	atomic_store(&race.reading_done, 1);
	ck_assert_int_eq(pthread_join(ta, NULL), 0);
	ck_assert_int_eq(pthread_join(tb, NULL), 0);

	ck_assert_int_eq(race.write_errors, 0);
	ck_assert_msg(race.torn == 0, "%lu torn reads, first: %zd bytes \"%.*s\"", race.torn,
		      race.torn_len, race.torn_len > 0 ? (int)race.torn_len : 0,
		      race.torn_sample);
	ck_assert_uint_ge(race.reads, 1);
	assert_info(info_inband(race.fd), ECHO_DEFAULT_SIZE, 0, 2 * RACE_WRITES, race.reads);
	close_fd(race.fd);
}
END_TEST

/* ---- module: parameters, load failure, unload ----------------------------------------- */

START_TEST(test_module_default_size)
{
	int fd;

	ck_assert_ret(evlsim_load_module("echo"), 0);
	fd = open_node(ECHO_DEV, O_RDWR);
	assert_info(info_inband(fd), ECHO_DEFAULT_SIZE, 0, 0, 0);
	close_fd(fd);
	ck_assert_ret(evlsim_unload_module("echo"), 0);
}
END_TEST

START_TEST(test_module_param_size)
{
	char msg[65], buf[80];
	int fd;

	memset(msg, 'm', sizeof(msg));
	ck_assert_ret(evlsim_load_module("echo size=64"), 0);
	fd = open_node(ECHO_DEV, O_RDWR);
	attach_as("main");
	assert_info(info_inband(fd), 64, 0, 0, 0);
	assert_info(info_oob(fd), 64, 0, 0, 0);
	/* 64 bytes fit, 65 do not, from either stage */
	ck_assert_call(write(fd, msg, 64), 64);
	ck_assert_fails(write(fd, msg, 65), EFBIG);
	ck_assert_call(oob_read(fd, buf, sizeof(buf)), 64);
	ck_assert_call(oob_write(fd, msg, 64), 64);
	ck_assert_fails(oob_write(fd, msg, 65), EFBIG);
	ck_assert_call(read(fd, buf, sizeof(buf)), 64);
	ck_assert_mem_eq(buf, msg, 64);
	close_fd(fd);
	ck_assert_ret(evlsim_unload_module("echo"), 0);
}
END_TEST

/* size=0 is refused by echo_init(), which leaves nothing behind */
START_TEST(test_module_param_size_zero_einval)
{
	int fd;

	ck_assert_ret(evlsim_load_module("echo size=0"), -EINVAL);
	ck_assert_ret(evlsim_module_refcount("echo"), -ENOENT);
	ck_assert_fails(open(ECHO_DEV, O_RDWR), ENOENT);
	ck_assert_ret(evlsim_unload_module("echo"), -ENOENT);
	/* a good load works afterwards: nothing of the failed one is in the way */
	ck_assert_ret(evlsim_load_module("echo size=1"), 0);
	fd = open_node(ECHO_DEV, O_RDWR);
	ck_assert_call(write(fd, "1", 1), 1);
	ck_assert_fails(write(fd, "12", 2), EFBIG);
	close_fd(fd);
	ck_assert_ret(evlsim_unload_module("echo"), 0);
}
END_TEST

START_TEST(test_module_param_malformed_einval)
{
	ck_assert_ret(evlsim_load_module("echo size=many"), -EINVAL);
	ck_assert_ret(evlsim_load_module("echo size=-1"), -EINVAL);
	ck_assert_ret(evlsim_module_refcount("echo"), -ENOENT);
	ck_assert_fails(open(ECHO_DEV, O_RDWR), ENOENT);
}
END_TEST

/* an open file pins the module: rmmod fails with EBUSY until the last close */
START_TEST(test_module_unload_busy_while_open)
{
	int fd, fd2;

	ck_assert_ret(evlsim_load_module("echo"), 0);
	ck_assert_ret(evlsim_module_refcount("echo"), 0);
	fd = open_node(ECHO_DEV, O_RDWR);
	/* as in Linux: one reference for the cdev (cdev_get()), one for the fops */
	ck_assert_ret(evlsim_module_refcount("echo"), 2);
	ck_assert_ret(evlsim_unload_module("echo"), -EBUSY);
	/* the refused unload changed nothing */
	ck_assert_call(write(fd, "abc", 3), 3);
	assert_info(info_inband(fd), ECHO_DEFAULT_SIZE, 3, 1, 0);

	/* a dup'ed descriptor keeps the file, hence the module */
	fd2 = dup(fd);
	ck_assert_int_ge(fd2, 0);
	close_fd(fd);
	ck_assert_ret(evlsim_unload_module("echo"), -EBUSY);
	close_fd(fd2);

	ck_assert_ret(evlsim_module_refcount("echo"), 0);
	ck_assert_ret(evlsim_unload_module("echo"), 0);
	ck_assert_fails(open(ECHO_DEV, O_RDWR), ENOENT);
	ck_assert_ret(evlsim_unload_module("echo"), -ENOENT);
}
END_TEST

/* ---- suite --------------------------------------------------------------------------- */

static Suite *suite(void)
{
	Suite *s = suite_create("echo");
	TCase *tc;

	evlsim_check_modules("echo");
	tc = tcase("io");
	tcase_add_test(tc, test_io_inband_write_oob_read);
	tcase_add_test(tc, test_io_oob_write_inband_read);
	tcase_add_test(tc, test_io_oob_write_oob_read);
	tcase_add_test(tc, test_io_inband_write_inband_read);
	tcase_add_test(tc, test_io_read_empty_returns_zero);
	tcase_add_test(tc, test_io_write_replaces_message);
	tcase_add_test(tc, test_io_partial_read_inband_drops_rest);
	tcase_add_test(tc, test_io_partial_read_oob_drops_rest);
	tcase_add_test(tc, test_io_zero_length_write_empties);
	tcase_add_test(tc, test_io_zero_length_read_consumes);
	tcase_add_test(tc, test_io_full_size_message);
	suite_add_tcase(s, tc);

	tc = tcase("files");
	tcase_add_test(tc, test_files_per_open_buffers);
	tcase_add_test(tc, test_files_other_open_sees_nothing);
	tcase_add_test(tc, test_files_dup_shares_buffer);
	tcase_add_test(tc, test_files_closed_fd_ebadf);
	suite_add_tcase(s, tc);

	tc = tcase("limits");
	tcase_add_test(tc, test_limits_write_too_big_efbig);
	tcase_add_test(tc, test_limits_efbig_before_efault);
	tcase_add_test(tc, test_limits_bad_write_buffer_keeps_message);
	tcase_add_test(tc, test_limits_bad_read_buffer_keeps_message);
	suite_add_tcase(s, tc);

	tc = tcase("nonblock");
	tcase_add_test(tc, test_nonblock_empty_read_eagain);
	tcase_add_test(tc, test_nonblock_set_with_fcntl);
	suite_add_tcase(s, tc);

	tc = tcase("ioctl");
	tcase_add_test(tc, test_ioctl_get_info_inband);
	tcase_add_test(tc, test_ioctl_get_info_oob);
	tcase_add_test(tc, test_ioctl_get_info_bad_pointer_efault);
	tcase_add_test(tc, test_ioctl_clear_inband);
	tcase_add_test(tc, test_ioctl_clear_oob);
	tcase_add_test(tc, test_ioctl_unknown_enotty);
	tcase_add_test(tc, test_ioctl_hold_inband_enotty);
	tcase_add_test(tc, test_ioctl_hold_timeout_etimedout);
	tcase_add_test(tc, test_ioctl_hold_bad_pointer_efault);
	tcase_add_test(tc, test_ioctl_unhold_without_holder);
	tcase_add_test(tc, test_ioctl_unhold_inband_releases_holder);
	tcase_add_test(tc, test_ioctl_unhold_oob_releases_holder);
	tcase_add_test(tc, test_ioctl_unhold_other_file_ignored);
	tcase_add_test(tc, test_ioctl_hold_ended_by_close_eidrm);
	tcase_add_test(tc, test_ioctl_hold_survives_close_of_dup);
	suite_add_tcase(s, tc);

	tc = tcase("compat");
	tcase_add_test(tc, test_compat_oob_ioctl);
	tcase_add_test(tc, test_compat_inband_ioctl);
	suite_add_tcase(s, tc);

	tc = tcase("access");
	tcase_add_test(tc, test_access_rdonly_file);
	tcase_add_test(tc, test_access_wronly_file);
	tcase_add_test(tc, test_access_oob_before_attach_eperm);
	tcase_add_test(tc, test_access_oob_after_detach_eperm);
	tcase_add_test(tc, test_access_inband_ioctl_demotes);
	suite_add_tcase(s, tc);

	tc = tcase("threads");
	tcase_add_test(tc, test_threads_pingpong_sequence);
	tcase_add_test(tc, test_threads_concurrent_writers_untorn);
	suite_add_tcase(s, tc);

	tc = tcase_create("module");
	tcase_add_checked_fixture(tc, module_setup, module_teardown);
	tcase_add_test(tc, test_module_default_size);
	tcase_add_test(tc, test_module_param_size);
	tcase_add_test(tc, test_module_param_size_zero_einval);
	tcase_add_test(tc, test_module_param_malformed_einval);
	tcase_add_test(tc, test_module_unload_busy_while_open);
	suite_add_tcase(s, tc);

	return s;
}

int main(void)
{
	return evlsim_check_run(suite());
}
