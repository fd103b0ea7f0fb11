// SPDX-License-Identifier: MIT
/*
 * check_xbuf: the cross-buffer element (spec 6.3) from both sides.
 *
 *  - libevl: evl_create_xbuf()/evl_new_xbuf() and their errors; oob_write() -> read()
 *    (inbound) and write() -> oob_read() (outbound), whole writes, short non-blocking
 *    reads, EAGAIN, EINVAL past the ring, ENOBUFS on an empty ring, zero counts;
 *  - blocking across stages: an in-band reader woken by an oob writer, an oob reader by
 *    an in-band writer; closing the last descriptor ends an oob wait with EIDRM;
 *  - poll(2) and the oob poll group see each side's readiness;
 *  - the kernel API through the tproc driver: evl_get_xbuf() on a descriptor,
 *    evl_write_xbuf()/evl_read_xbuf() with O_NONBLOCK, -EPERM for a blocking call
 *    in-band, NULL for a file that is no xbuf.
 */
#define _GNU_SOURCE
#include <errno.h>
#include <fcntl.h>
#include <poll.h>
#include <pthread.h>
#include <string.h>
#include <sys/ioctl.h>
#include <unistd.h>
#include <evl/evl.h>
#include <evl/xbuf.h>
#include <evl/poll.h>
#include <evlsim/evlsim.h>
#include "evlsim-check.h"
#include "../drivers/tproc-abi.h"

#define LIMIT_NS	(10LL * 1000 * 1000 * 1000)

static int tfd;
/* an unmapped user address, opaque to the compiler's buffer checks */
static const void *volatile bad_ptr = (const void *)8;

static void setup(void)
{
	evlsim_check_setup();
	tfd = open_node("/dev/tproc", O_RDWR);
}

static void teardown(void)
{
	close_fd(tfd);
	evlsim_check_teardown();
}

START_TEST(test_xbuf_create_errors)
{
	int fd;

	ck_assert_ret(evl_create_xbuf(0, 0, EVL_CLONE_PRIVATE, "x"), -EINVAL);
	ck_assert_ret(evl_create_xbuf((size_t)1 << 31, 16, EVL_CLONE_PRIVATE, "x"), -EINVAL);
	ck_assert_ret(evl_create_xbuf(16, 16, EVL_CLONE_PUBLIC, "x"), -EOPNOTSUPP);
	ck_assert_ret(evl_create_xbuf(16, 16, 0, "/x"), -EOPNOTSUPP);
	ck_assert_ret(evl_create_xbuf(16, 16, 1 << 25, "x"), -EINVAL);
	fd = evl_new_xbuf(16, "x%d", 1);
	ck_assert_int_ge(fd, 0);
	ck_assert_call(fcntl(fd, F_GETFD), FD_CLOEXEC);
	ck_assert_call(fcntl(fd, F_GETFL) & O_NONBLOCK, 0);
	close_fd(fd);
	fd = evl_create_xbuf(16, 16, EVL_CLONE_NONBLOCK, "nb");
	ck_assert_int_ge(fd, 0);
	ck_assert_call(fcntl(fd, F_GETFL) & O_NONBLOCK, O_NONBLOCK);
	close_fd(fd);
}
END_TEST

START_TEST(test_xbuf_inbound_oob_write_inband_read)
{
	char buf[64], full[16];
	int fd = evl_new_xbuf(16, "in");

	attach();
	ck_assert_call(oob_write(fd, "abc", 3), 3);
	ck_assert_call(oob_write(fd, "", 0), 0);
	ck_assert_call(read(fd, buf, 3), 3);
	ck_assert_int_eq(memcmp(buf, "abc", 3), 0);
	/* whole writes only: 16 fit, one more does not */
	memset(full, 'f', sizeof(full));
	ck_assert_call(oob_write(fd, full, 16), 16);
	ck_assert_call(fcntl(fd, F_SETFL, O_NONBLOCK), 0);
	ck_assert_fails(oob_write(fd, "x", 1), EAGAIN);
	/* a non-blocking read takes what is there */
	ck_assert_call(read(fd, buf, sizeof(buf)), 16);
	ck_assert_fails(read(fd, buf, 1), EAGAIN);
	ck_assert_call(fcntl(fd, F_SETFL, 0), 0);
	ck_assert_fails(read(fd, buf, 17), EINVAL);	/* more than the ring holds */
	ck_assert_call(read(fd, buf, 0), 0);
	close_fd(fd);
}
END_TEST

START_TEST(test_xbuf_outbound_write_oob_read)
{
	char buf[32];
	int fd = evl_create_xbuf(0, 8, EVL_CLONE_PRIVATE, "out");

	attach();
	ck_assert_call(write(fd, "xyz", 3), 3);
	ck_assert_call(oob_read(fd, buf, 3), 3);
	ck_assert_int_eq(memcmp(buf, "xyz", 3), 0);
	ck_assert_fails(oob_read(fd, buf, 9), EINVAL);
	/* the inbound ring has no room at all */
	ck_assert_fails(oob_write(fd, "a", 1), ENOBUFS);
	ck_assert_fails(read(fd, buf, 1), ENOBUFS);
	ck_assert_fails(write(fd, bad_ptr, 4), EFAULT);
	close_fd(fd);
}
END_TEST

struct side {
	pthread_t th;
	int fd;
	int oob;
	long ret;
	int err;
	char buf[8];
};

static void *reader_fn(void *arg)
{
	struct side *s = arg;

	if (s->oob) {
		attach_as("xbuf-reader");
		s->ret = oob_read(s->fd, s->buf, 4);
	} else {
		s->ret = read(s->fd, s->buf, 4);
	}
	s->err = errno;
	return NULL;
}

/* a reader of @oob stage blocks until the other stage writes 4 bytes */
static void cross(int oob)
{
	struct side s = { .oob = oob, .ret = -2 };

	s.fd = evl_new_xbuf(16, "cross");
	ck_assert_int_ge(s.fd, 0);
	if (!oob)
		attach();
	ck_assert_int_eq(pthread_create(&s.th, NULL, reader_fn, &s), 0);
	sleep_ms(20);
	ck_assert_int_eq(s.ret, -2);
	if (oob)
		ck_assert_call(write(s.fd, "wxyz", 4), 4);
	else
		ck_assert_call(oob_write(s.fd, "wxyz", 4), 4);
	ck_assert_int_eq(pthread_join(s.th, NULL), 0);
	ck_assert_int_eq(s.ret, 4);
	ck_assert_int_eq(memcmp(s.buf, "wxyz", 4), 0);
	close_fd(s.fd);
}

START_TEST(test_xbuf_inband_reader_woken_by_oob_writer)
{
	cross(0);
}
END_TEST

START_TEST(test_xbuf_oob_reader_woken_by_inband_writer)
{
	cross(1);
}
END_TEST

START_TEST(test_xbuf_close_wakes_oob_reader_eidrm)
{
	struct side s = { .oob = 1, .ret = -2 };

	s.fd = evl_new_xbuf(16, "rmid");
	ck_assert_int_ge(s.fd, 0);
	ck_assert_int_eq(pthread_create(&s.th, NULL, reader_fn, &s), 0);
	sleep_ms(20);
	close_fd(s.fd);
	ck_assert_int_eq(pthread_join(s.th, NULL), 0);
	ck_assert_int_eq(s.ret, -1);
	ck_assert_int_eq(s.err, EIDRM);
}
END_TEST

START_TEST(test_xbuf_poll_both_stages)
{
	struct pollfd pfd;
	struct evl_poll_event ev;
	int fd = evl_new_xbuf(4, "poll"), pfd_group;

	attach();
	pfd = (struct pollfd){ .fd = fd, .events = POLLIN | POLLOUT };
	ck_assert_call(poll(&pfd, 1, 0), 1);
	ck_assert_int_eq(pfd.revents, POLLOUT);		/* outbound has room, inbound empty */
	ck_assert_call(oob_write(fd, "ab", 2), 2);
	ck_assert_call(poll(&pfd, 1, 0), 1);
	ck_assert_int_eq(pfd.revents, POLLIN | POLLOUT);
	/* the oob side: readable once write() filled the outbound ring */
	pfd_group = evl_new_poll();
	ck_assert_int_ge(pfd_group, 0);
	ck_assert_ret(evl_add_pollfd(pfd_group, fd, POLLIN, evl_nil), 0);
	ck_assert_call(write(fd, "cd", 2), 2);
	ck_assert_ret(evl_poll(pfd_group, &ev, 1), 1);
	ck_assert_int_eq(ev.fd, fd);
	ck_assert_int_eq(ev.events & POLLIN, POLLIN);
	close_fd(pfd_group);
	close_fd(fd);
}
END_TEST

static long xreq(unsigned long cmd, int xfd, void *buf, unsigned int len, int flags)
{
	struct tproc_xbuf_req req = { .xfd = xfd, .flags = (unsigned int)flags,
				      .buf = (unsigned long)buf, .len = len };

	return cmd == TPROC_OOB_XBUF_WRITE || cmd == TPROC_OOB_XBUF_READ ?
		oob_ioctl(tfd, cmd, &req) : ioctl(tfd, cmd, &req);
}

START_TEST(test_xbuf_kernel_api)
{
	char buf[16];
	int fd = evl_new_xbuf(16, "kapi");

	/* the driver writes the inbound ring, the program reads it in-band */
	ck_assert_call(xreq(TPROC_IOC_XBUF_WRITE, fd, "meas", 4, O_NONBLOCK), 4);
	ck_assert_call(read(fd, buf, 4), 4);
	ck_assert_int_eq(memcmp(buf, "meas", 4), 0);
	/* blocking calls cannot be made in-band */
	ck_assert_fails(xreq(TPROC_IOC_XBUF_WRITE, fd, "x", 1, 0), EPERM);
	ck_assert_fails(xreq(TPROC_IOC_XBUF_READ, fd, buf, 1, 0), EPERM);
	/* a file that is no xbuf, a descriptor that is none */
	ck_assert_fails(xreq(TPROC_IOC_XBUF_WRITE, tfd, "x", 1, O_NONBLOCK), EBADF);
	ck_assert_fails(xreq(TPROC_IOC_XBUF_WRITE, 9999, "x", 1, O_NONBLOCK), EBADF);
	/* oob: the program writes the outbound ring, the driver reads it, blocking */
	attach();
	ck_assert_call(write(fd, "back", 4), 4);
	ck_assert_call(xreq(TPROC_OOB_XBUF_READ, fd, buf, 4, 0), 4);
	ck_assert_int_eq(memcmp(buf, "back", 4), 0);
	ck_assert_fails(xreq(TPROC_OOB_XBUF_READ, fd, buf, 4, O_NONBLOCK), EAGAIN);
	ck_assert_call(xreq(TPROC_OOB_XBUF_WRITE, fd, "oob!", 4, 0), 4);
	ck_assert_call(read(fd, buf, 4), 4);
	ck_assert_int_eq(memcmp(buf, "oob!", 4), 0);
	close_fd(fd);
}
END_TEST

static Suite *suite(void)
{
	Suite *s = suite_create("xbuf");
	TCase *tc;

	evlsim_check_modules("tproc");
	evlsim_check_fixture(setup, teardown);

	tc = tcase("xbuf");
	tcase_add_test(tc, test_xbuf_create_errors);
	tcase_add_test(tc, test_xbuf_inbound_oob_write_inband_read);
	tcase_add_test(tc, test_xbuf_outbound_write_oob_read);
	tcase_add_test(tc, test_xbuf_inband_reader_woken_by_oob_writer);
	tcase_add_test(tc, test_xbuf_oob_reader_woken_by_inband_writer);
	tcase_add_test(tc, test_xbuf_close_wakes_oob_reader_eidrm);
	tcase_add_test(tc, test_xbuf_poll_both_stages);
	tcase_add_test(tc, test_xbuf_kernel_api);
	suite_add_tcase(s, tc);
	return s;
}

int main(void)
{
	return evlsim_check_run(suite());
}
