// SPDX-License-Identifier: MIT
/*
 * check_proxy: the proxy element (spec 6.4) from libevl's side, with real host files
 * (pipes, a SOCK_SEQPACKET socket pair, the redirected stdout) and a simulated one (an
 * xbuf) as targets.
 *
 *  - evl_create_proxy()/evl_new_proxy() errors, the I/O errors (ENXIO, EFBIG, EINVAL,
 *    EAGAIN) of oob_write()/oob_read() and of evl_write_proxy()/evl_read_proxy();
 *  - output: oob threads writing concurrently through one proxy into a pipe read
 *    in-band (records whole, in order, none lost), against a slow reader (the writers
 *    wait for room); evl_printf()/evl_eprintf() from an oob thread reach stdout/stderr;
 *  - input: oob_read() of what the test writes to a pipe, EOF;
 *  - granularity: the relay never writes or reads less than a granule at a time;
 *  - poll(2) and the oob poll group on both directions;
 *  - closing the proxy ends a blocked oob writer with EBADF, without a hang;
 *  - mmap() is the target's: tmmap's pages (or its error), ENODEV for a pipe.
 */
#define _GNU_SOURCE
#include <errno.h>
#include <fcntl.h>
#include <poll.h>
#include <pthread.h>
#include <stdio.h>
#include <string.h>
#include <sys/mman.h>
#include <sys/socket.h>
#include <unistd.h>
#include <evl/evl.h>
#include <evl/proxy.h>
#include <evl/xbuf.h>
#include <evl/poll.h>
#include <evlsim/evlsim.h>
#include "evlsim-check.h"
#include "../drivers/tmmap-abi.h"

#define LIMIT_NS	(10LL * 1000 * 1000 * 1000)
#define PIPE_SZ		4096

static const void *volatile bad_ptr = (const void *)8;

/* a pipe of PIPE_SZ bytes, both ends close-on-exec */
static void make_pipe(int p[2])
{
	ck_assert_int_eq(pipe2(p, O_CLOEXEC), 0);
	ck_assert_int_eq(fcntl(p[1], F_SETPIPE_SZ, PIPE_SZ), PIPE_SZ);
}

/* fills the pipe of write end @wfd to the brim; returns the bytes written */
static size_t fill_pipe(int wfd)
{
	char junk[256];
	size_t total = 0;
	ssize_t n;

	memset(junk, 'j', sizeof(junk));
	ck_assert_int_eq(fcntl(wfd, F_SETFL, O_NONBLOCK), 0);
	while ((n = write(wfd, junk, sizeof(junk))) > 0)
		total += (size_t)n;
	ck_assert_int_eq(errno, EAGAIN);
	ck_assert_int_eq(fcntl(wfd, F_SETFL, 0), 0);
	return total;
}

/* reads exactly @len bytes from @fd */
static void read_full(int fd, void *buf, size_t len)
{
	size_t done = 0;
	ssize_t n;

	while (done < len) {
		n = read(fd, (char *)buf + done, len - done);
		ck_assert_msg(n > 0, "read: %zd (%s)", n, strerror(errno));
		done += (size_t)n;
	}
}

START_TEST(test_proxy_create_errors)
{
	int p[2], fd;
	char buf[4];

	make_pipe(p);
	ck_assert_ret(evl_new_proxy(9999, 64, "bad"), -EBADF);
	ck_assert_ret(evl_new_proxy(-1, 64, "bad"), -EBADF);
	ck_assert_ret(evl_new_proxy(p[1], ((size_t)1 << 30) + 1, "big"), -EINVAL);
	ck_assert_ret(evl_create_proxy(p[1], 10, 4, EVL_CLONE_OUTPUT, "gran"), -EINVAL);
	ck_assert_ret(evl_create_proxy(p[1], 0, 0, EVL_CLONE_OUTPUT, "zero"), -EINVAL);
	ck_assert_ret(evl_create_proxy(p[0], 0, 0, EVL_CLONE_INPUT, "zero"), -EINVAL);
	ck_assert_ret(evl_create_proxy(p[1], 16, 0, EVL_CLONE_OBSERVABLE, "obs"), -EINVAL);
	ck_assert_ret(evl_create_proxy(p[1], 16, 0, EVL_CLONE_PUBLIC, "pub"), -EOPNOTSUPP);
	ck_assert_ret(evl_new_proxy(p[1], 16, "/pub"), -EOPNOTSUPP);
	/* no ring, no direction: a proxy that relays nothing */
	fd = evl_new_proxy(p[1], 0, "none");
	ck_assert_int_ge(fd, 0);
	ck_assert_call(fcntl(fd, F_GETFD), FD_CLOEXEC);
	ck_assert_call(fcntl(fd, F_GETFL) & O_NONBLOCK, 0);
	ck_assert_fails(write(fd, "x", 1), ENXIO);
	ck_assert_fails(read(fd, buf, 1), ENXIO);
	close_fd(fd);
	fd = evl_create_proxy(p[1], 16, 0, EVL_CLONE_NONBLOCK, "nb");
	ck_assert_int_ge(fd, 0);
	ck_assert_call(fcntl(fd, F_GETFL) & O_NONBLOCK, O_NONBLOCK);
	close_fd(fd);
	/* the target may be closed by the program meanwhile: the proxy holds it */
	fd = evl_new_proxy(p[1], 16, "held");
	ck_assert_int_ge(fd, 0);
	close_fd(p[1]);
	ck_assert_call(write(fd, "held", 4), 4);
	close_fd(fd);
	read_full(p[0], buf, 4);
	ck_assert_int_eq(memcmp(buf, "held", 4), 0);
	close_fd(p[0]);
}
END_TEST

START_TEST(test_proxy_io_errors)
{
	int p[2], out, in;
	char buf[32];

	make_pipe(p);
	out = evl_create_proxy(p[1], 16, 4, EVL_CLONE_OUTPUT, "out");
	in = evl_create_proxy(p[0], 16, 4, EVL_CLONE_INPUT, "in");
	ck_assert_int_ge(out, 0);
	ck_assert_int_ge(in, 0);
	attach();
	ck_assert_fails(oob_write(out, buf, 20), EFBIG);
	ck_assert_fails(oob_write(out, buf, 17), EFBIG);	/* size first */
	ck_assert_fails(oob_write(out, buf, 6), EINVAL);
	ck_assert_fails(oob_write(out, bad_ptr, 4), EFAULT);
	ck_assert_call(oob_write(out, buf, 0), 0);
	ck_assert_fails(oob_read(out, buf, 4), ENXIO);
	ck_assert_fails(oob_write(in, buf, 4), ENXIO);
	ck_assert_fails(oob_read(in, buf, 20), EFBIG);
	ck_assert_fails(oob_read(in, buf, 6), EINVAL);
	ck_assert_call(oob_read(in, buf, 0), 0);
	/* the libevl calls: -errno, errno untouched */
	errno = 0;
	ck_assert_int_eq(evl_write_proxy(out, buf, 20), -EFBIG);
	ck_assert_int_eq(evl_write_proxy(out, buf, 6), -EINVAL);
	ck_assert_int_eq(evl_read_proxy(out, buf, 4), -ENXIO);
	ck_assert_int_eq(evl_read_proxy(in, buf, 20), -EFBIG);
	ck_assert_int_eq(evl_write_proxy(in, buf, 4), -ENXIO);
	ck_assert_int_eq(evl_write_proxy(9999, buf, 4), -EBADF);
	ck_assert_int_eq(errno, 0);
	/* the same in-band */
	ck_assert_int_eq(evl_switch_inband(), 0);
	ck_assert_int_eq(evl_write_proxy(out, buf, 20), -EFBIG);
	ck_assert_int_eq(evl_read_proxy(in, buf, 6), -EINVAL);
	ck_assert_fails(write(in, buf, 4), ENXIO);
	ck_assert_fails(read(out, buf, 4), ENXIO);
	close_fd(out);
	close_fd(in);
	close_fd(p[0]);
	close_fd(p[1]);
}
END_TEST

#define NR_WRITERS	4
#define RECSZ		16

struct writer {
	pthread_t th;
	int fd, id, count;
	int efd;		/* its EVL thread, once attached */
	long ret;
	int err;
};

/* NR records "<id>:<seq>" padded to RECSZ, through oob_write() */
static void *writer_fn(void *arg)
{
	struct writer *w = arg;
	char rec[RECSZ + 1];
	int i;

	__atomic_store_n(&w->efd, attach_as("proxy-writer"), __ATOMIC_RELEASE);
	for (i = 0; i < w->count; i++) {
		snprintf(rec, sizeof(rec), "%d:%-13d", w->id, i);
		w->ret = oob_write(w->fd, rec, RECSZ);
		if (w->ret != RECSZ) {
			w->err = errno;
			return NULL;
		}
	}
	w->ret = 0;
	return NULL;
}

/* reads @total records from @rfd, checking each writer's are in order */
static void check_records(int rfd, int nr_writers, int per_writer, long slow_every)
{
	int next[NR_WRITERS] = { 0 }, id, seq, i;
	char rec[RECSZ + 1];

	for (i = 0; i < nr_writers * per_writer; i++) {
		read_full(rfd, rec, RECSZ);
		rec[RECSZ] = '\0';
		ck_assert_msg(sscanf(rec, "%d:%d", &id, &seq) == 2, "record %d: '%s'", i, rec);
		ck_assert_msg(id >= 0 && id < nr_writers, "record %d: '%s'", i, rec);
		ck_assert_msg(seq == next[id], "writer %d: record %d after %d", id, seq, next[id] - 1);
		next[id]++;
		if (slow_every && i % slow_every == 0)
			sleep_ms(1);
	}
}

static void run_writers(int per_writer, size_t bufsz, long slow_every)
{
	struct writer w[NR_WRITERS];
	int p[2], fd, i;
	char c;

	make_pipe(p);
	fd = evl_new_proxy(p[1], bufsz, "out");
	ck_assert_int_ge(fd, 0);
	for (i = 0; i < NR_WRITERS; i++) {
		w[i] = (struct writer){ .fd = fd, .id = i, .count = per_writer };
		ck_assert_int_eq(pthread_create(&w[i].th, NULL, writer_fn, &w[i]), 0);
	}
	check_records(p[0], NR_WRITERS, per_writer, slow_every);
	for (i = 0; i < NR_WRITERS; i++) {
		ck_assert_int_eq(pthread_join(w[i].th, NULL), 0);
		ck_assert_msg(w[i].ret == 0, "writer %d: %ld (%s)", i, w[i].ret, strerror(w[i].err));
	}
	close_fd(fd);
	close_fd(p[1]);
	ck_assert_call(read(p[0], &c, 1), 0);	/* nothing more: the proxy let go of it */
	close_fd(p[0]);
}

START_TEST(test_proxy_output_oob_writers_to_pipe)
{
	run_writers(500, 256, 0);
}
END_TEST

START_TEST(test_proxy_output_backpressure)
{
	/* a ring of 4 records, a reader that naps: the writers wait, nothing is lost */
	run_writers(200, 4 * RECSZ, 50);
}
END_TEST

struct printer {
	pthread_t th;
	long out, err;
};

static void *printer_fn(void *arg)
{
	struct printer *pr = arg;

	attach_as("printer");
	pr->out = evl_printf("hello %d\n", 42);
	pr->err = evl_eprintf("oops %s\n", "here");
	return NULL;
}

START_TEST(test_proxy_printf_from_oob)
{
	int out[2], err[2], saved_out, saved_err;
	struct printer pr = { .out = -1 };
	char buf[16];

	make_pipe(out);
	make_pipe(err);
	fflush(stdout);
	fflush(stderr);
	saved_out = dup(1);
	saved_err = dup(2);
	ck_assert_int_eq(dup2(out[1], 1), 1);
	ck_assert_int_eq(dup2(err[1], 2), 2);
	ck_assert_int_eq(evl_init(), 0);	/* the proxies of the streams: the pipes now */
	ck_assert_int_eq(dup2(saved_out, 1), 1);
	ck_assert_int_eq(dup2(saved_err, 2), 2);
	ck_assert_int_ge(evl_stdout(), 0);
	ck_assert_int_ge(evl_stderr(), 0);
	ck_assert_int_eq(pthread_create(&pr.th, NULL, printer_fn, &pr), 0);
	ck_assert_int_eq(pthread_join(pr.th, NULL), 0);
	ck_assert_int_eq(pr.out, 9);
	ck_assert_int_eq(pr.err, 10);
	read_full(out[0], buf, 9);
	ck_assert_int_eq(memcmp(buf, "hello 42\n", 9), 0);
	read_full(err[0], buf, 10);
	ck_assert_int_eq(memcmp(buf, "oops here\n", 10), 0);
	/* in-band too, through the same proxy */
	ck_assert_int_eq(evl_print_proxy(evl_stdout(), "%s", "ib"), 2);
	read_full(out[0], buf, 2);
	ck_assert_int_eq(memcmp(buf, "ib", 2), 0);
	close_fd(saved_out);
	close_fd(saved_err);
}
END_TEST

struct reader {
	pthread_t th;
	int fd, efd;
	size_t len;
	long ret;
	int err;
	char buf[64];
};

static void *reader_fn(void *arg)
{
	struct reader *r = arg;

	__atomic_store_n(&r->efd, attach_as("proxy-reader"), __ATOMIC_RELEASE);
	r->ret = oob_read(r->fd, r->buf, r->len);
	r->err = errno;
	return NULL;
}

START_TEST(test_proxy_input_oob_read_from_pipe)
{
	struct reader r = { .len = 8, .ret = -2 };
	int p[2], efd;

	make_pipe(p);
	r.fd = evl_create_proxy(p[0], 64, 0, EVL_CLONE_INPUT, "in");
	ck_assert_int_ge(r.fd, 0);
	ck_assert_int_eq(pthread_create(&r.th, NULL, reader_fn, &r), 0);
	/* the reader waits for 8 bytes; they come in two writes */
	wait_until_ns((efd = __atomic_load_n(&r.efd, __ATOMIC_ACQUIRE)) > 0, LIMIT_NS, 100);
	ck_assert_int_eq(evlsim_wait_blocked(efd, LIMIT_NS), 0);
	ck_assert_call(write(p[1], "1234", 4), 4);
	sleep_ms(5);
	ck_assert_call(write(p[1], "5678", 4), 4);
	ck_assert_int_eq(pthread_join(r.th, NULL), 0);
	ck_assert_int_eq(r.ret, 8);
	ck_assert_int_eq(memcmp(r.buf, "12345678", 8), 0);
	/* in-band read() relays by itself */
	ck_assert_call(write(p[1], "ib", 2), 2);
	ck_assert_call(read(r.fd, r.buf, 2), 2);
	ck_assert_int_eq(memcmp(r.buf, "ib", 2), 0);
	/* EOF on the target ends a waiting read with 0 */
	close_fd(p[1]);
	attach();
	ck_assert_call(oob_read(r.fd, r.buf, 4), 0);
	close_fd(r.fd);
	close_fd(p[0]);
}
END_TEST

START_TEST(test_proxy_nonblocking)
{
	int p[2], out, in;
	size_t filled;
	char buf[2 * PIPE_SZ];

	make_pipe(p);
	filled = fill_pipe(p[1]);
	out = evl_create_proxy(p[1], 16, 0, EVL_CLONE_OUTPUT | EVL_CLONE_NONBLOCK, "nb");
	in = evl_create_proxy(p[0], 16, 0, EVL_CLONE_INPUT | EVL_CLONE_NONBLOCK, "nbin");
	ck_assert_int_ge(out, 0);
	ck_assert_int_ge(in, 0);
	attach();
	/* the relay takes these and waits for the full pipe; the ring is full meanwhile */
	ck_assert_call(oob_write(out, "0123456789abcdef", 16), 16);
	ck_assert_fails(oob_write(out, "x", 1), EAGAIN);
	ck_assert_int_eq(evl_write_proxy(out, "x", 1), -EAGAIN);
	/* an empty non-blocking input ring: EAGAIN (spec 6.4, kernel/evl/proxy.c) */
	ck_assert_fails(oob_read(in, buf, 4), EAGAIN);
	ck_assert_int_eq(evl_read_proxy(in, buf, 4), -EAGAIN);
	ck_assert_int_eq(evl_switch_inband(), 0);
	read_full(p[0], buf, filled + 16);
	ck_assert_int_eq(memcmp(buf + filled, "0123456789abcdef", 16), 0);
	close_fd(out);
	close_fd(in);
	close_fd(p[0]);
	close_fd(p[1]);
}
END_TEST

START_TEST(test_proxy_poll_both_stages)
{
	struct evl_poll_event ev;
	struct pollfd pfd;
	int p[2], out, in, group;
	char c;

	make_pipe(p);
	out = evl_new_proxy(p[1], 16, "pout");
	in = evl_create_proxy(p[0], 16, 0, EVL_CLONE_INPUT, "pin");
	ck_assert_int_ge(out, 0);
	ck_assert_int_ge(in, 0);
	/* in-band: the output ring has room, the input ring nothing */
	pfd = (struct pollfd){ .fd = out, .events = POLLIN | POLLOUT };
	ck_assert_call(poll(&pfd, 1, 0), 1);
	ck_assert_int_eq(pfd.revents, POLLOUT);
	pfd = (struct pollfd){ .fd = in, .events = POLLIN | POLLOUT };
	ck_assert_call(poll(&pfd, 1, 0), 0);
	/* oob: writable; readable once the readahead the poll started found a byte */
	attach();
	group = evl_new_poll();
	ck_assert_int_ge(group, 0);
	ck_assert_ret(evl_add_pollfd(group, out, POLLOUT, evl_nil), 0);
	ck_assert_ret(evl_poll(group, &ev, 1), 1);
	ck_assert_int_eq(ev.fd, out);
	ck_assert_int_eq(ev.events, POLLOUT);
	ck_assert_ret(evl_del_pollfd(group, out), 0);
	ck_assert_ret(evl_add_pollfd(group, in, POLLIN, evl_nil), 0);
	ck_assert_call(write(p[1], "r", 1), 1);
	ck_assert_ret(evl_poll(group, &ev, 1), 1);
	ck_assert_int_eq(ev.fd, in);
	ck_assert_int_eq(ev.events, POLLIN);
	/* and poll(2) sees it now */
	ck_assert_call(poll(&pfd, 1, 0), 1);
	ck_assert_int_eq(pfd.revents, POLLIN);
	ck_assert_call(oob_read(in, &c, 1), 1);
	ck_assert_int_eq(c, 'r');
	close_fd(group);
	close_fd(out);
	close_fd(in);
	close_fd(p[0]);
	close_fd(p[1]);
}
END_TEST

struct closer {
	pthread_t th;
	int fd;
	int ret;
};

static void *closer_fn(void *arg)
{
	struct closer *c = arg;

	c->ret = close(c->fd);
	return NULL;
}

START_TEST(test_proxy_close_ends_blocked_writer)
{
	struct writer w = { .id = 0, .count = 2 };
	struct closer c = { .ret = -2 };
	char buf[256];
	size_t filled, total = 0;
	ssize_t n;
	int p[2], efd;

	make_pipe(p);
	filled = fill_pipe(p[1]);
	w.fd = c.fd = evl_new_proxy(p[1], RECSZ, "close");
	ck_assert_int_ge(w.fd, 0);
	close_fd(p[1]);			/* the proxy's copy is the last writer */
	/* the first record goes to the relay (stuck on the full pipe), the second waits */
	ck_assert_int_eq(pthread_create(&w.th, NULL, writer_fn, &w), 0);
	wait_until_ns((efd = __atomic_load_n(&w.efd, __ATOMIC_ACQUIRE)) > 0, LIMIT_NS, 100);
	ck_assert_int_eq(evlsim_wait_blocked(efd, LIMIT_NS), 0);
	ck_assert_int_eq(pthread_create(&c.th, NULL, closer_fn, &c), 0);
	ck_assert_int_eq(pthread_join(w.th, NULL), 0);
	ck_assert_int_eq(w.ret, -1);
	ck_assert_int_eq(w.err, EBADF);
	/*
	 * A relay in flight ends once the pipe drains, then the close returns; one not
	 * started yet was cancelled by the close, its record lost (as on a board)
	 */
	while ((n = read(p[0], buf, sizeof(buf))) > 0)
		total += (size_t)n;
	ck_assert_int_eq(n, 0);
	ck_assert_msg(total == filled + RECSZ || total == filled, "%zu bytes for %zu + %d",
		      total, filled, RECSZ);
	ck_assert_int_eq(pthread_join(c.th, NULL), 0);
	ck_assert_int_eq(c.ret, 0);
	close_fd(p[0]);
}
END_TEST

START_TEST(test_proxy_granularity)
{
	int sv[2], out, in;
	char buf[64];
	int i;

	/* message boundaries show each write and read of the relay */
	ck_assert_int_eq(socketpair(AF_UNIX, SOCK_SEQPACKET | SOCK_CLOEXEC, 0, sv), 0);
	out = evl_create_proxy(sv[0], 64, 8, EVL_CLONE_OUTPUT, "gout");
	in = evl_create_proxy(sv[0], 32, 4, EVL_CLONE_INPUT, "gin");
	ck_assert_int_ge(out, 0);
	ck_assert_int_ge(in, 0);
	attach();
	for (i = 0; i < 3; i++)
		ck_assert_call(oob_write(out, "abcdefghijklmnopqrstuvwx", 24), 24);
	ck_assert_int_eq(evl_switch_inband(), 0);
	for (i = 0; i < 9; i++) {
		ck_assert_call(recv(sv[1], buf, sizeof(buf), 0), 8);
		ck_assert_int_eq(memcmp(buf, "abcdefghijklmnopqrstuvwx" + (i % 3) * 8, 8), 0);
	}
	/* input: one granule per read of the target */
	ck_assert_call(send(sv[1], "ABCD", 4, 0), 4);
	ck_assert_call(send(sv[1], "EFGH", 4, 0), 4);
	ck_assert_fails(oob_read(in, buf, 6), EINVAL);
	ck_assert_call(oob_read(in, buf, 8), 8);
	ck_assert_int_eq(memcmp(buf, "ABCDEFGH", 8), 0);
	close_fd(out);
	close_fd(in);
	close_fd(sv[0]);
	close_fd(sv[1]);
}
END_TEST

START_TEST(test_proxy_simulated_target)
{
	int xfd, fd;
	char buf[8];

	/* the proxy writes the xbuf's outbound ring, which oob_read() gets */
	xfd = evl_new_xbuf(64, "target");
	ck_assert_int_ge(xfd, 0);
	fd = evl_new_proxy(xfd, 32, "toxbuf");
	ck_assert_int_ge(fd, 0);
	attach();
	ck_assert_call(oob_write(fd, "via", 3), 3);
	ck_assert_call(oob_read(xfd, buf, 3), 3);
	ck_assert_int_eq(memcmp(buf, "via", 3), 0);
	close_fd(xfd);			/* the proxy still holds it */
	ck_assert_call(oob_write(fd, "more", 4), 4);
	close_fd(fd);
}
END_TEST

START_TEST(test_proxy_mmap_is_the_targets)
{
	int p[2], fd;

	make_pipe(p);
	fd = evl_new_proxy(p[1], 16, "map");
	ck_assert_int_ge(fd, 0);
	errno = 0;
	ck_assert_ptr_eq(mmap(NULL, 4096, PROT_READ, MAP_SHARED, fd, 0), MAP_FAILED);
	ck_assert_int_eq(errno, ENODEV);
	close_fd(fd);
	close_fd(p[0]);
	close_fd(p[1]);
}
END_TEST

START_TEST(test_proxy_mmap_of_a_simulated_target)
{
	size_t len = TMMAP_PAGES * 4096UL;
	unsigned char *p;
	int tfd, fd;

	tfd = open_node("/dev/tmmap", O_RDWR);
	fd = evl_new_proxy(tfd, 16, "map");
	ck_assert_int_ge(fd, 0);
	p = mmap(NULL, len, PROT_READ | PROT_WRITE, MAP_SHARED, fd, (off_t)TMMAP_PFN * 4096);
	ck_assert_ptr_ne(p, MAP_FAILED);
	p[0] = 0x5a;
	ck_assert_int_eq(p[0], 0x5a);
	/* the target's own error */
	errno = 0;
	ck_assert_ptr_eq(mmap(NULL, len, PROT_READ, MAP_SHARED, fd, (off_t)TMMAP_FAIL * 4096),
			 MAP_FAILED);
	ck_assert_int_eq(errno, EXDEV);
	/* the mapping holds the target, not the proxy: both descriptors may go */
	close_fd(fd);
	close_fd(tfd);
	ck_assert_int_eq(evlsim_mapping_count(), 1);
	ck_assert_int_eq(munmap(p, len), 0);
	ck_assert_int_eq(evlsim_mapping_count(), 0);
}
END_TEST

static Suite *suite(void)
{
	Suite *s = suite_create("proxy");
	TCase *tc;

	evlsim_check_modules("tmmap");
	evlsim_check_fixture(evlsim_check_setup, evlsim_check_teardown);

	tc = tcase("proxy");
	tcase_add_test(tc, test_proxy_create_errors);
	tcase_add_test(tc, test_proxy_io_errors);
	tcase_add_test(tc, test_proxy_output_oob_writers_to_pipe);
	tcase_add_test(tc, test_proxy_output_backpressure);
	tcase_add_test(tc, test_proxy_printf_from_oob);
	tcase_add_test(tc, test_proxy_input_oob_read_from_pipe);
	tcase_add_test(tc, test_proxy_nonblocking);
	tcase_add_test(tc, test_proxy_poll_both_stages);
	tcase_add_test(tc, test_proxy_close_ends_blocked_writer);
	tcase_add_test(tc, test_proxy_granularity);
	tcase_add_test(tc, test_proxy_simulated_target);
	tcase_add_test(tc, test_proxy_mmap_is_the_targets);
	tcase_add_test(tc, test_proxy_mmap_of_a_simulated_target);
	suite_add_tcase(s, tc);
	return s;
}

int main(void)
{
	return evlsim_check_run(suite());
}
