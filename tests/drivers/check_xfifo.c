// SPDX-License-Identifier: MIT
/*
 * check_xfifo: the cross-stage FIFO driver (drivers/xfifo), through the calls an
 * application makes: write(2) to oob_read() and oob_write() to read(2), blocking across
 * stages both ways, O_NONBLOCK, ring sizing, the status ioctl and its mapped page, in-band
 * poll(2) and the EVL poll group, release waking out-of-band waiters with EIDRM, and
 * many threads at once with every record numbered: nothing lost, duplicated or
 * reordered.
 */
#define _GNU_SOURCE
#include <errno.h>
#include <fcntl.h>
#include <poll.h>
#include <sys/select.h>
#include <pthread.h>
#include <signal.h>
#include <stdatomic.h>
#include <stdint.h>
#include <stdio.h>
#include <string.h>
#include <sys/ioctl.h>
#include <sys/mman.h>
#include <sys/syscall.h>
#include <time.h>
#include <unistd.h>
#include <evl/evl.h>
#include <evl/poll.h>
#include <evlsim/evlsim.h>
#include "evlsim-check.h"
#include "xfifo/xfifo-abi.h"

#define NODE	"/dev/xfifo"

/* ---- helpers ------------------------------------------------------------------------- */

static void set_sizes(int fd, unsigned int i2o, unsigned int o2i)
{
	struct xfifo_sizes sz = { .inband_to_oob = i2o, .oob_to_inband = o2i };

	ck_assert_call(ioctl(fd, XFIFO_IOC_SET_SIZES, &sz), 0);
}

static struct xfifo_status get_status(int fd)
{
	struct xfifo_status st;

	ck_assert_call(ioctl(fd, XFIFO_IOC_GET_STATUS, &st), 0);
	return st;
}

/* Waits until thread @tid of this process is asleep in the kernel (state S). */
static void wait_asleep(pid_t tid)
{
	char path[64], buf[256], *p;
	int fd, i;
	ssize_t n;

	snprintf(path, sizeof(path), "/proc/self/task/%d/stat", tid);
	for (i = 0; i < 20000; i++) {
		fd = open(path, O_RDONLY);
		ck_assert_int_ge(fd, 0);
		n = read(fd, buf, sizeof(buf) - 1);
		close(fd);
		ck_assert_int_gt(n, 0);
		buf[n] = '\0';
		p = strrchr(buf, ')');
		if (p && p[1] == ' ' && p[2] == 'S')
			return;
		usleep(100);
	}
	ck_abort_msg("thread %d never went to sleep", tid);
}

/*
 * Waits until the EVL thread of element @efd is blocked on a wait queue (EVL_T_PEND in
 * evl_get_state()): in the driver's oob handler, not merely asleep somewhere (a "delay"
 * fault sleeps at scheduling points on the way in).
 */
static void wait_pending(int efd)
{
	struct evl_thread_state st;
	int i;

	for (i = 0; i < 100000; i++) {
		ck_assert_call(evl_get_state(efd, &st), 0);
		if (st.state & EVL_T_PEND)
			return;
		usleep(100);
	}
	ck_abort_msg("thread element %d never blocked (state %#x)", efd, st.state);
}

static pid_t gettid_(void)
{
	return (pid_t)syscall(SYS_gettid);
}

/*
 * A helper thread that fails (under fault injection, any call may) must not leave the
 * test's main thread blocked for good waiting on what the helper will not do: it kicks
 * that thread out of its blocking call with SIGUSR1, caught without SA_RESTART (the call
 * fails with EINTR), again and again until the thread says it is back (a kick that lands
 * just before the thread blocks would be lost), and the main thread then fails the test.
 */
struct kick {
	pthread_t target;
	atomic_int back;
};

static void on_kick(int sig)
{
	(void)sig;
}

/* Called by the thread that may block, before it starts the helpers. */
static void kick_init(struct kick *k)
{
	catch_signal(SIGUSR1, on_kick, 0);	/* no SA_RESTART */
	k->target = pthread_self();
	atomic_store(&k->back, 0);
}

/* By a failing helper; the target calls kick_back() once out of its blocking call. */
static void kick_target(struct kick *k)
{
	if (pthread_equal(pthread_self(), k->target))
		return;
	while (!atomic_load(&k->back)) {
		pthread_kill(k->target, SIGUSR1);
		usleep(1000);
	}
}

static void kick_back(struct kick *k)
{
	atomic_store(&k->back, 1);
}

/* NULL, out of the compiler's sight */
static void *volatile null_buf;

/* ---- data both ways ------------------------------------------------------------------- */

START_TEST(test_inband_write_oob_read)
{
	int fd = open_node(NODE, O_RDWR);
	char buf[16] = { 0 };

	ck_assert_call(write(fd, "ping", 4), 4);
	attach_as("rd");
	ck_assert_call(oob_read(fd, buf, sizeof(buf)), 4);
	ck_assert_str_eq(buf, "ping");
	ck_assert_call(close(fd), 0);
}
END_TEST

START_TEST(test_oob_write_inband_read)
{
	int fd = open_node(NODE, O_RDWR);
	char buf[16] = { 0 };

	attach_as("wr");
	ck_assert_call(oob_write(fd, "pong", 4), 4);
	ck_assert_call(read(fd, buf, sizeof(buf)), 4);
	ck_assert_str_eq(buf, "pong");
	ck_assert_call(close(fd), 0);
}
END_TEST

/* the two directions are separate rings */
START_TEST(test_directions_are_separate)
{
	int fd = open_node(NODE, O_RDWR | O_NONBLOCK);
	char buf[16];

	attach_as("sep");
	ck_assert_call(write(fd, "in", 2), 2);
	ck_assert_fails(read(fd, buf, sizeof(buf)), EAGAIN);	/* o2i is empty */
	ck_assert_call(oob_write(fd, "out", 3), 3);
	ck_assert_call(oob_read(fd, buf, sizeof(buf)), 2);
	ck_assert_int_eq(memcmp(buf, "in", 2), 0);
	ck_assert_call(read(fd, buf, sizeof(buf)), 3);
	ck_assert_int_eq(memcmp(buf, "out", 3), 0);
	ck_assert_call(close(fd), 0);
}
END_TEST

/* a short read leaves the rest, in order; the ring wraps around */
START_TEST(test_partial_reads_and_wrap)
{
	int fd = open_node(NODE, O_RDWR | O_NONBLOCK);
	char out[10], in[10];
	int round, i;

	set_sizes(fd, 16, 16);
	attach_as("wrap");
	for (round = 0; round < 20; round++) {
		for (i = 0; i < 10; i++)
			out[i] = (char)(round * 10 + i);
		ck_assert_call(write(fd, out, 10), 10);
		ck_assert_call(oob_read(fd, in, 4), 4);
		ck_assert_call(oob_read(fd, in + 4, 10), 6);
		ck_assert_int_eq(memcmp(in, out, 10), 0);
	}
	ck_assert_uint_eq(get_status(fd).i2o_bytes, 200);
	ck_assert_call(close(fd), 0);
}
END_TEST

START_TEST(test_zero_counts)
{
	int fd = open_node(NODE, O_RDWR | O_NONBLOCK);
	char buf[4];

	attach_as("zero");
	ck_assert_call(read(fd, buf, 0), 0);
	ck_assert_call(write(fd, buf, 0), 0);
	ck_assert_call(oob_read(fd, buf, 0), 0);
	ck_assert_call(oob_write(fd, buf, 0), 0);
	ck_assert_call(close(fd), 0);
}
END_TEST

START_TEST(test_bad_buffers_lose_nothing)
{
	int fd = open_node(NODE, O_RDWR | O_NONBLOCK);
	char buf[8] = { 0 };

	attach_as("fault");
	ck_assert_fails(write(fd, null_buf, 4), EFAULT);
	ck_assert_fails(oob_write(fd, null_buf, 4), EFAULT);
	ck_assert_call(write(fd, "data", 4), 4);
	ck_assert_fails(oob_read(fd, null_buf, 4), EFAULT);
	ck_assert_call(oob_read(fd, buf, sizeof(buf)), 4);	/* still there */
	ck_assert_str_eq(buf, "data");
	ck_assert_call(close(fd), 0);
}
END_TEST

/* ---- blocking across stages ----------------------------------------------------------- */

struct blocker {
	int fd;
	pid_t tid;
	int efd;		/* an oob blocker's thread element */
	atomic_int ready;
	ssize_t ret;
	int err;
	char buf[16];
};

static void *oob_reader_fn(void *arg)
{
	struct blocker *b = arg;

	b->efd = attach_as("blk-rd");
	b->tid = gettid_();
	atomic_store(&b->ready, 1);
	b->ret = oob_read(b->fd, b->buf, sizeof(b->buf));
	b->err = errno;
	evl_detach_self();
	return NULL;
}

START_TEST(test_oob_reader_woken_by_inband_writer)
{
	struct blocker b = { .fd = open_node(NODE, O_RDWR) };
	pthread_t tid;

	ck_assert_int_eq(pthread_create(&tid, NULL, oob_reader_fn, &b), 0);
	while (!atomic_load(&b.ready))
		usleep(100);
	wait_pending(b.efd);
	ck_assert_call(write(b.fd, "wake", 4), 4);
	ck_assert_int_eq(pthread_join(tid, NULL), 0);
	ck_assert_int_eq(b.ret, 4);
	ck_assert_int_eq(memcmp(b.buf, "wake", 4), 0);
	ck_assert_call(close(b.fd), 0);
}
END_TEST

static void *oob_writer_fn(void *arg)
{
	struct blocker *b = arg;

	b->efd = attach_as("blk-wr");
	b->tid = gettid_();
	atomic_store(&b->ready, 1);
	b->ret = oob_write(b->fd, "0123456789", 10);
	b->err = errno;
	evl_detach_self();
	return NULL;
}

/* an oob writer waits for room, made by an in-band reader; the write goes in whole */
START_TEST(test_oob_writer_woken_by_inband_reader)
{
	struct blocker b = { .fd = open_node(NODE, O_RDWR) };
	char buf[16] = { 0 };
	pthread_t tid;

	set_sizes(b.fd, 8, 8);
	ck_assert_int_eq(pthread_create(&tid, NULL, oob_writer_fn, &b), 0);
	while (!atomic_load(&b.ready))
		usleep(100);
	wait_pending(b.efd);			/* 8 bytes in, 2 to go */
	ck_assert_call(read(b.fd, buf, 8), 8);
	ck_assert_int_eq(pthread_join(tid, NULL), 0);
	ck_assert_int_eq(b.ret, 10);
	ck_assert_call(read(b.fd, buf + 8, 8), 2);
	ck_assert_str_eq(buf, "0123456789");
	ck_assert_call(close(b.fd), 0);
}
END_TEST

static void *inband_reader_fn(void *arg)
{
	struct blocker *b = arg;

	b->tid = gettid_();
	atomic_store(&b->ready, 1);
	b->ret = read(b->fd, b->buf, sizeof(b->buf));
	b->err = errno;
	return NULL;
}

START_TEST(test_inband_reader_woken_by_oob_writer)
{
	struct blocker b = { .fd = open_node(NODE, O_RDWR) };
	pthread_t tid;

	ck_assert_int_eq(pthread_create(&tid, NULL, inband_reader_fn, &b), 0);
	while (!atomic_load(&b.ready))
		usleep(100);
	wait_asleep(b.tid);
	attach_as("wake-ib");
	ck_assert_call(oob_write(b.fd, "oob!", 4), 4);
	ck_assert_int_eq(pthread_join(tid, NULL), 0);
	ck_assert_int_eq(b.ret, 4);
	ck_assert_int_eq(memcmp(b.buf, "oob!", 4), 0);
	ck_assert_call(close(b.fd), 0);
}
END_TEST

/* ---- O_NONBLOCK ----------------------------------------------------------------------- */

START_TEST(test_nonblock_empty_and_full)
{
	int fd = open_node(NODE, O_RDWR | O_NONBLOCK);
	char buf[16];

	set_sizes(fd, 8, 8);
	attach_as("nb");
	ck_assert_fails(read(fd, buf, sizeof(buf)), EAGAIN);
	ck_assert_fails(oob_read(fd, buf, sizeof(buf)), EAGAIN);
	ck_assert_call(write(fd, "0123456789", 10), 8);		/* what fits */
	ck_assert_fails(write(fd, "x", 1), EAGAIN);
	ck_assert_call(oob_write(fd, "0123456789", 10), 8);
	ck_assert_fails(oob_write(fd, "x", 1), EAGAIN);
	ck_assert_call(close(fd), 0);
}
END_TEST

START_TEST(test_nonblock_set_with_fcntl)
{
	int fd = open_node(NODE, O_RDWR);
	char buf[4];

	ck_assert_call(fcntl(fd, F_SETFL, O_NONBLOCK), 0);
	attach_as("fcntl");
	ck_assert_fails(oob_read(fd, buf, sizeof(buf)), EAGAIN);
	ck_assert_fails(read(fd, buf, sizeof(buf)), EAGAIN);
	ck_assert_call(close(fd), 0);
}
END_TEST

/* ---- control -------------------------------------------------------------------------- */

START_TEST(test_set_sizes_rules)
{
	int fd = open_node(NODE, O_RDWR | O_NONBLOCK);
	struct xfifo_sizes sz = { 0, 64 };
	struct xfifo_status st;

	ck_assert_fails(ioctl(fd, XFIFO_IOC_SET_SIZES, &sz), EINVAL);
	sz = (struct xfifo_sizes){ 64, XFIFO_MAX_RING + 1 };
	ck_assert_fails(ioctl(fd, XFIFO_IOC_SET_SIZES, &sz), EINVAL);
	ck_assert_fails(ioctl(fd, XFIFO_IOC_SET_SIZES, NULL), EFAULT);
	set_sizes(fd, 32, 48);
	st = get_status(fd);
	ck_assert_uint_eq(st.i2o_size, 32);
	ck_assert_uint_eq(st.o2i_size, 48);
	ck_assert_call(write(fd, "a", 1), 1);
	sz = (struct xfifo_sizes){ 64, 64 };
	ck_assert_fails(ioctl(fd, XFIFO_IOC_SET_SIZES, &sz), EBUSY);
	ck_assert_fails(ioctl(fd, _IO(XFIFO_IOC_MAGIC, 99)), ENOTTY);
	ck_assert_call(close(fd), 0);
}
END_TEST

START_TEST(test_status_both_stages)
{
	int fd = open_node(NODE, O_RDWR | O_NONBLOCK);
	struct xfifo_status st;
	char buf[8];

	attach_as("st");
	ck_assert_call(write(fd, "abc", 3), 3);
	ck_assert_call(oob_write(fd, "de", 2), 2);
	ck_assert_call(oob_ioctl(fd, XFIFO_IOC_GET_STATUS, &st), 0);
	ck_assert_uint_eq(st.i2o_size, 4096);
	ck_assert_uint_eq(st.i2o_len, 3);
	ck_assert_uint_eq(st.o2i_len, 2);
	ck_assert_call(oob_read(fd, buf, sizeof(buf)), 3);
	st = get_status(fd);
	ck_assert_uint_eq(st.i2o_len, 0);
	ck_assert_uint_eq(st.i2o_bytes, 3);
	ck_assert_uint_eq(st.o2i_bytes, 2);
	ck_assert_fails(oob_ioctl(fd, XFIFO_IOC_GET_STATUS, NULL), EFAULT);
	ck_assert_fails(oob_ioctl(fd, XFIFO_IOC_SET_SIZES, NULL), ENOTTY);	/* in-band only */
	ck_assert_call(close(fd), 0);
}
END_TEST

START_TEST(test_status_page_mapped)
{
	int fd = open_node(NODE, O_RDWR | O_NONBLOCK);
	long pagesz = sysconf(_SC_PAGESIZE);
	const volatile struct xfifo_status *st;
	char buf[8];
	void *p;

	ck_assert_ptr_eq(mmap(NULL, pagesz, PROT_READ | PROT_WRITE, MAP_SHARED, fd, 0),
			 MAP_FAILED);
	ck_assert_int_eq(errno, EPERM);
	ck_assert_ptr_eq(mmap(NULL, pagesz, PROT_READ, MAP_SHARED, fd, pagesz), MAP_FAILED);
	ck_assert_int_eq(errno, EINVAL);
	p = mmap(NULL, pagesz, PROT_READ, MAP_SHARED, fd, 0);
	ck_assert_ptr_ne(p, MAP_FAILED);
	st = p;
	ck_assert_uint_eq(st->i2o_size, 4096);
	ck_assert_call(write(fd, "12345", 5), 5);
	ck_assert_uint_eq(st->i2o_len, 5);		/* the driver's store, seen here */
	attach_as("map");
	ck_assert_call(oob_read(fd, buf, 2), 2);
	ck_assert_uint_eq(st->i2o_len, 3);
	ck_assert_uint_eq(st->i2o_bytes, 5);
	/* the mapping keeps the file alive after close(), until munmap() */
	ck_assert_call(close(fd), 0);
	ck_assert_uint_eq(st->i2o_len, 3);
	ck_assert_int_eq(evlsim_unload_module("xfifo"), -EBUSY);
	ck_assert_call(munmap(p, pagesz), 0);
}
END_TEST

/* ---- release -------------------------------------------------------------------------- */

START_TEST(test_release_wakes_oob_reader_eidrm)
{
	struct blocker b = { .fd = open_node(NODE, O_RDWR) };
	pthread_t tid;

	ck_assert_int_eq(pthread_create(&tid, NULL, oob_reader_fn, &b), 0);
	while (!atomic_load(&b.ready))
		usleep(100);
	wait_pending(b.efd);
	ck_assert_call(close(b.fd), 0);		/* returns once the reader left */
	ck_assert_int_eq(pthread_join(tid, NULL), 0);
	ck_assert_int_eq(b.ret, -1);
	ck_assert_int_eq(b.err, EIDRM);
}
END_TEST

START_TEST(test_release_wakes_oob_writer_eidrm)
{
	struct blocker b = { .fd = open_node(NODE, O_RDWR) };
	pthread_t tid;

	set_sizes(b.fd, 4, 4);
	ck_assert_int_eq(pthread_create(&tid, NULL, oob_writer_fn, &b), 0);
	while (!atomic_load(&b.ready))
		usleep(100);
	wait_pending(b.efd);
	ck_assert_call(close(b.fd), 0);
	ck_assert_int_eq(pthread_join(tid, NULL), 0);
	ck_assert_int_eq(b.ret, 4);		/* what went in before the release counts */
}
END_TEST

START_TEST(test_closed_fd_ebadf)
{
	int fd = open_node(NODE, O_RDWR);
	char buf[4];

	attach_as("closed");
	ck_assert_call(close(fd), 0);
	ck_assert_fails(oob_read(fd, buf, sizeof(buf)), EBADF);
	ck_assert_fails(oob_write(fd, buf, sizeof(buf)), EBADF);
	ck_assert_fails(read(fd, buf, sizeof(buf)), EBADF);
}
END_TEST

/* ---- poll from both stages ------------------------------------------------------------ */

START_TEST(test_inband_poll_mixed_with_pipe)
{
	int fd = open_node(NODE, O_RDWR), p[2];
	struct pollfd pfd[2];
	char c;

	ck_assert_call(pipe(p), 0);
	pfd[0] = (struct pollfd){ .fd = fd, .events = POLLIN | POLLOUT };
	pfd[1] = (struct pollfd){ .fd = p[0], .events = POLLIN };
	ck_assert_call(poll(pfd, 2, 0), 1);
	ck_assert_int_eq(pfd[0].revents, POLLOUT);		/* room, nothing to read */
	ck_assert_int_eq(pfd[1].revents, 0);

	attach_as("poll");
	ck_assert_call(oob_write(fd, "x", 1), 1);
	pfd[0].events = POLLIN;
	ck_assert_call(poll(pfd, 2, 1000), 1);
	ck_assert_int_eq(pfd[0].revents, POLLIN);
	ck_assert_call(read(fd, &c, 1), 1);
	ck_assert_call(poll(pfd, 2, 10), 0);			/* empty again: times out */
	close(p[0]);
	close(p[1]);
	ck_assert_call(close(fd), 0);
}
END_TEST

struct poll_waker {
	int fd;
	pid_t waiter;
	struct kick kick;
	ssize_t written;
	int err;
};

static void *oob_write_later_fn(void *arg)
{
	struct poll_waker *w = arg;

	wait_asleep(w->waiter);
	attach_as("pw");
	w->written = oob_write(w->fd, "!", 1);
	w->err = errno;
	evl_detach_self();
	if (w->written != 1)
		kick_target(&w->kick);
	return NULL;
}

/* a poll(2) sleeping on the file is woken by an oob write (through irq_work) */
START_TEST(test_inband_poll_woken_by_oob_write)
{
	struct poll_waker w = { .fd = open_node(NODE, O_RDWR), .waiter = gettid_() };
	struct pollfd pfd = { .fd = w.fd, .events = POLLIN };
	pthread_t tid;
	int ret;

	kick_init(&w.kick);
	ck_assert_int_eq(pthread_create(&tid, NULL, oob_write_later_fn, &w), 0);
	ret = poll(&pfd, 1, -1);
	kick_back(&w.kick);
	ck_assert_int_eq(pthread_join(tid, NULL), 0);
	ck_assert_msg(w.written == 1, "oob_write: %zd (%s)", w.written, strerror(w.err));
	ck_assert_int_eq(ret, 1);
	ck_assert_int_eq(pfd.revents, POLLIN);
	ck_assert_call(close(w.fd), 0);
}
END_TEST

/* bad user memory in poll(2)/select(2) with simulated files open: EFAULT, never a crash */
START_TEST(test_inband_poll_bad_pointers)
{
	int fd = open_node(NODE, O_RDWR);
	long pagesz = sysconf(_SC_PAGESIZE);
	struct pollfd *ro;
	char *none;

	none = mmap(NULL, pagesz, PROT_NONE, MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
	ck_assert_ptr_ne(none, MAP_FAILED);
	ck_assert_fails(poll((struct pollfd *)none, 1, 0), EFAULT);
	ck_assert_fails(ppoll((struct pollfd *)none, 1, NULL, NULL), EFAULT);
	ck_assert_fails(select(fd + 1, (fd_set *)none, NULL, NULL, NULL), EFAULT);
	/* a readable array naming the xfifo, whose results cannot be written back */
	ro = mmap(NULL, pagesz, PROT_READ | PROT_WRITE, MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
	ck_assert_ptr_ne(ro, MAP_FAILED);
	ro[0] = (struct pollfd){ .fd = fd, .events = POLLOUT };
	ck_assert_call(mprotect(ro, pagesz, PROT_READ), 0);
	ck_assert_fails(poll(ro, 1, 0), EFAULT);
	ck_assert_fails(ppoll(ro, 1, (struct timespec *)none, NULL), EFAULT);
	ck_assert_call(munmap(ro, pagesz), 0);
	ck_assert_call(munmap(none, pagesz), 0);
	ck_assert_call(close(fd), 0);
}
END_TEST

START_TEST(test_oob_poll_group)
{
	int fd = open_node(NODE, O_RDWR), pfd;
	struct evl_poll_event ev[2];
	union evl_value val = { .val = 42 };

	attach_as("opoll");
	pfd = evl_new_poll();
	ck_assert_int_ge(pfd, 0);
	ck_assert_ret(evl_add_pollfd(pfd, fd, POLLIN, val), 0);
	ck_assert_call(write(fd, "go", 2), 2);
	ck_assert_ret(evl_poll(pfd, ev, 2), 1);
	ck_assert_uint_eq(ev[0].fd, (unsigned int)fd);
	ck_assert_uint_eq(ev[0].events & POLLIN, POLLIN);
	ck_assert_int_eq(ev[0].pollval.val, 42);
	ck_assert_ret(evl_mod_pollfd(pfd, fd, POLLOUT, val), 0);
	ck_assert_ret(evl_poll(pfd, ev, 2), 1);
	ck_assert_uint_eq(ev[0].events & POLLOUT, POLLOUT);
	ck_assert_call(close(pfd), 0);
	ck_assert_call(close(fd), 0);
}
END_TEST

/* ---- many threads, numbered records --------------------------------------------------- */

#define WRITERS		3
#define RECORDS		1500

struct record {
	uint32_t writer;
	uint32_t seq;
	uint64_t check;		/* writer * 1000003 + seq, to spot torn records */
};

struct stress {
	int fd;
	atomic_int failed;
	char why[128];
	struct kick kick;	/* the reader, waiting for records a failed writer will not send */
};

/* A failure ends the test: the first one is kept, the reader is kicked out of its read. */
static void stress_fail(struct stress *s, const char *why)
{
	if (atomic_exchange(&s->failed, 1))
		return;
	snprintf(s->why, sizeof(s->why), "%s (%s)", why, strerror(errno));
	kick_target(&s->kick);
}

struct writer_arg {
	struct stress *s;
	uint32_t id;
	int oob;
};

static void *stress_writer_fn(void *arg)
{
	struct writer_arg *w = arg;
	struct record r = { .writer = w->id };
	ssize_t n;

	if (w->oob)
		attach_as("sw");
	for (r.seq = 0; r.seq < RECORDS && !atomic_load(&w->s->failed); r.seq++) {
		r.check = (uint64_t)r.writer * 1000003 + r.seq;
		n = w->oob ? oob_write(w->s->fd, &r, sizeof(r)) : write(w->s->fd, &r, sizeof(r));
		if (n != sizeof(r))
			stress_fail(w->s, "short or failed write");
	}
	if (w->oob)
		evl_detach_self();
	return NULL;
}

/* Reads every record of @WRITERS writers, in chunks of odd sizes, and checks them. */
static void stress_read_all(struct stress *s, int oob)
{
	uint32_t next[WRITERS] = { 0 };
	char buf[sizeof(struct record) * 4];
	size_t have = 0, total = 0, want = (size_t)WRITERS * RECORDS;
	struct record r;
	ssize_t n;

	while (total < want && !atomic_load(&s->failed)) {
		size_t ask = sizeof(buf) - have;

		ask = ask > 37 ? 37 : ask;	/* odd chunks: records get split */
		n = oob ? oob_read(s->fd, buf + have, ask) : read(s->fd, buf + have, ask);
		if (n <= 0) {
			stress_fail(s, "read failed");
			return;
		}
		have += n;
		while (have >= sizeof(r)) {
			memcpy(&r, buf, sizeof(r));
			memmove(buf, buf + sizeof(r), have - sizeof(r));
			have -= sizeof(r);
			if (r.writer >= WRITERS || r.check != (uint64_t)r.writer * 1000003 + r.seq) {
				stress_fail(s, "torn record");
				return;
			}
			if (r.seq != next[r.writer]) {
				stress_fail(s, "record lost, duplicated or reordered");
				return;
			}
			next[r.writer]++;
			total++;
		}
	}
}

static void run_stress(int oob_writers)
{
	struct stress s = { .fd = open_node(NODE, O_RDWR) };
	struct writer_arg w[WRITERS];
	pthread_t tid[WRITERS];
	int i;

	kick_init(&s.kick);
	set_sizes(s.fd, 64, 64);	/* small rings: writers and readers block a lot */
	for (i = 0; i < WRITERS; i++) {
		w[i] = (struct writer_arg){ .s = &s, .id = i, .oob = oob_writers };
		ck_assert_int_eq(pthread_create(&tid[i], NULL, stress_writer_fn, &w[i]), 0);
	}
	if (!oob_writers)
		attach_as("sr");
	stress_read_all(&s, !oob_writers);
	kick_back(&s.kick);
	if (atomic_load(&s.failed))
		ck_abort_msg("%s", s.why);	/* the writers may be blocked: exit now */
	for (i = 0; i < WRITERS; i++)
		ck_assert_int_eq(pthread_join(tid[i], NULL), 0);
	ck_assert_uint_eq(oob_writers ? get_status(s.fd).o2i_bytes : get_status(s.fd).i2o_bytes,
			  (uint64_t)WRITERS * RECORDS * sizeof(struct record));
	ck_assert_call(close(s.fd), 0);
}

START_TEST(test_stress_inband_writers_oob_reader)
{
	run_stress(0);
}
END_TEST

START_TEST(test_stress_oob_writers_inband_reader)
{
	run_stress(1);
}
END_TEST

/* ---- module --------------------------------------------------------------------------- */

START_TEST(test_module_param_size)
{
	int fd;

	ck_assert_ret(evlsim_load_module("xfifo size=128"), 0);
	fd = open_node(NODE, O_RDWR);
	ck_assert_uint_eq(get_status(fd).i2o_size, 128);
	ck_assert_uint_eq(get_status(fd).o2i_size, 128);
	ck_assert_int_eq(evlsim_unload_module("xfifo"), -EBUSY);
	ck_assert_call(close(fd), 0);
	ck_assert_ret(evlsim_unload_module("xfifo"), 0);
	ck_assert_ret(evlsim_load_module("xfifo size=0"), -EINVAL);
	ck_assert_fails(open(NODE, O_RDWR), ENOENT);
	evlsim_reset_reports();
}
END_TEST

static Suite *suite(void)
{
	Suite *s = suite_create("xfifo");
	TCase *tc;

	evlsim_check_modules("xfifo");
	tc = tcase("data");
	tcase_add_test(tc, test_inband_write_oob_read);
	tcase_add_test(tc, test_oob_write_inband_read);
	tcase_add_test(tc, test_directions_are_separate);
	tcase_add_test(tc, test_partial_reads_and_wrap);
	tcase_add_test(tc, test_zero_counts);
	tcase_add_test(tc, test_bad_buffers_lose_nothing);
	suite_add_tcase(s, tc);

	tc = tcase("blocking");
	tcase_add_test(tc, test_oob_reader_woken_by_inband_writer);
	tcase_add_test(tc, test_oob_writer_woken_by_inband_reader);
	tcase_add_test(tc, test_inband_reader_woken_by_oob_writer);
	tcase_add_test(tc, test_nonblock_empty_and_full);
	tcase_add_test(tc, test_nonblock_set_with_fcntl);
	suite_add_tcase(s, tc);

	tc = tcase("control");
	tcase_add_test(tc, test_set_sizes_rules);
	tcase_add_test(tc, test_status_both_stages);
	tcase_add_test(tc, test_status_page_mapped);
	suite_add_tcase(s, tc);

	tc = tcase("release");
	tcase_add_test(tc, test_release_wakes_oob_reader_eidrm);
	tcase_add_test(tc, test_release_wakes_oob_writer_eidrm);
	tcase_add_test(tc, test_closed_fd_ebadf);
	suite_add_tcase(s, tc);

	tc = tcase("poll");
	tcase_add_test(tc, test_inband_poll_mixed_with_pipe);
	tcase_add_test(tc, test_inband_poll_woken_by_oob_write);
	tcase_add_test(tc, test_inband_poll_bad_pointers);
	tcase_add_test(tc, test_oob_poll_group);
	suite_add_tcase(s, tc);

	tc = tcase("stress");
	tcase_add_test(tc, test_stress_inband_writers_oob_reader);
	tcase_add_test(tc, test_stress_oob_writers_inband_reader);
	suite_add_tcase(s, tc);

	tc = tcase_create("module");
	tcase_add_test(tc, test_module_param_size);
	suite_add_tcase(s, tc);

	return s;
}

int main(void)
{
	return evlsim_check_run(suite());
}
