// SPDX-License-Identifier: MIT
/*
 * check_lifetime: when a simulated file dies, and what close() waits for.
 *
 * Proves the file lifetime rules of spec section 3 and section 8 item 3, one test per
 * ordering rule of section 3.3: close() clears the fd slot first (new oob calls on that
 * fd fail with EBADF at once, even while the close is still in progress); dropping a
 * reference that is not the last one does nothing else (no ->release, no wait, even with
 * an oob handler in flight on the file); the last reference runs ->release in the
 * closing thread, before close() returns, from an oob caller too; ->release wakes the
 * oob sleepers (-EIDRM) before evl_release_file(), which waits until every in-flight oob
 * call has left the handler; close() blocks only when it drops the last reference.
 * Then the reference counting of dup(), F_DUPFD, dup2() and dup3() (->release exactly
 * once, on the last close; ->flush on every close), the RULE report for a driver that
 * forgets evl_release_file(), and open errors from the driver, which leave no file.
 */
#define _GNU_SOURCE
#include <errno.h>
#include <fcntl.h>
#include <pthread.h>
#include <stdatomic.h>
#include <stdint.h>
#include <string.h>
#include <sys/ioctl.h>
#include <time.h>
#include <unistd.h>
#include <evl/evl.h>
#include <evlsim/evlsim.h>
#include "internal.h"
#include "evlsim-check.h"
#include "../drivers/testdrv-abi.h"

#define TDRV_FULL	"/dev/tdrv-full"
#define TDRV_NOOOB	"/dev/tdrv-nooob"
#define TDRV_INBAND	"/dev/tdrv-inband"
#define TDRV_MISC	"/dev/tdrv-misc"
#define TDRV_NOREL	"/dev/tdrv-norel"

#define WAIT_LIMIT_NS	(10LL * 1000 * 1000 * 1000)	/* bounded polls give up after 10 s */
#define STILL_NS	(20LL * 1000 * 1000)		/* "still blocked" observation window */

/* ---- helpers ------------------------------------------------------------------------- */

static void setup(void)
{
	evlsim_check_setup();
	tdrv_reset_stats();
}

static void teardown(void)
{
	evlsim__set_sched_hook(NULL);
	tdrv_force_open_result(0);
	evlsim_check_teardown();
}

static int attach_count;

static struct tdrv_stats stats(void)
{
	struct tdrv_stats st;

	tdrv_get_stats(&st);
	return st;
}

static void assert_counts(long opens, long releases, long flushes)
{
	struct tdrv_stats st = stats();

	ck_assert_msg(st.opens == opens && st.releases == releases && st.flushes == flushes,
		      "opens/releases/flushes: expected %ld/%ld/%ld, got %ld/%ld/%ld",
		      opens, releases, flushes, st.opens, st.releases, st.flushes);
}

/* the three oob calls on @fd, all expected to fail with @err (attached caller) */
static void assert_oob_fails(int fd, int err)
{
	char buf[8];

	ck_assert_fails(oob_read(fd, buf, sizeof(buf)), err);
	ck_assert_fails(oob_write(fd, "abc", 3), err);
	ck_assert_fails(oob_ioctl(fd, TDRV_IOC_PING), err);
}

/* the three oob calls on an open tdrv-full file, with their normal results */
static void assert_oob_works(int fd)
{
	char buf[8];

	ck_assert_call(oob_read(fd, buf, sizeof(buf)), 8);
	ck_assert_call(oob_write(fd, "abc", 3), 3);
	ck_assert_call(oob_ioctl(fd, TDRV_IOC_PING), 1);
}

/* An fd number that is open neither as a real nor as a simulated file. */
static int unused_fd(void)
{
	int fd = 700;

	while (fcntl(fd, F_GETFD) != -1 || errno != EBADF)
		fd++;
	return fd;
}

/* The lowest free descriptor number, as the next open would get it. */
static int lowest_free_fd(void)
{
	int fd = dup(0);

	ck_assert_int_ge(fd, 0);
	close_fd(fd);
	return fd;
}

/* Bounded poll: waits until *@flag is non-zero; fails the test after WAIT_LIMIT_NS. */
static void wait_flag(const int *flag, const char *what)
{
	long long end = now_ns() + WAIT_LIMIT_NS;

	while (!__atomic_load_n(flag, __ATOMIC_ACQUIRE)) {
		ck_assert_msg(now_ns() < end, "timed out waiting for %s", what);
		sched_yield();
	}
}

/* Waits until the driver sees @n threads inside its oob handlers. */
static void wait_in_handler(long n)
{
	long long end = now_ns() + WAIT_LIMIT_NS;

	while (stats().in_handler != n) {
		ck_assert_msg(now_ns() < end, "timed out waiting for %ld handler(s)", n);
		sched_yield();
	}
}

/* *@flag stays zero for a while: the thread that would set it is blocked. */
static void assert_stays_clear(const int *flag, const char *what)
{
	long long end = now_ns() + STILL_NS;

	while (now_ns() < end) {
		ck_assert_msg(!__atomic_load_n(flag, __ATOMIC_ACQUIRE), "%s", what);
		sched_yield();
	}
}

/* ---- threads: an oob caller, and a closer --------------------------------------------- */

static __thread int gated;	/* this thread's oob calls stop in gate_hook() */

struct oob_caller {
	int fd;
	unsigned long request;
	int gate;		/* stop at the handler's door (gate_hook) */
	pthread_t tid;
	int attach_ret;
	long ret;
	int err;
	int done;
};

static void *oob_caller_fn(void *arg)
{
	struct oob_caller *c = arg;

	c->attach_ret = evl_attach_self("lifetime-caller:%d",
					__atomic_add_fetch(&attach_count, 1, __ATOMIC_RELAXED));
	if (c->attach_ret >= 0) {
		gated = c->gate;
		errno = 0;
		c->ret = oob_ioctl(c->fd, c->request);
		c->err = errno;
	}
	__atomic_store_n(&c->done, 1, __ATOMIC_RELEASE);
	return NULL;
}

static void start_oob_caller(struct oob_caller *c, int fd, unsigned long request, int gate)
{
	memset(c, 0, sizeof(*c));
	c->fd = fd;
	c->request = request;
	c->gate = gate;
	ck_assert_int_eq(pthread_create(&c->tid, NULL, oob_caller_fn, c), 0);
}

static void join_oob_caller(struct oob_caller *c)
{
	ck_assert_int_eq(pthread_join(c->tid, NULL), 0);
	ck_assert_msg(c->attach_ret >= 0, "caller attach: %s", strerror(-c->attach_ret));
}

struct closer {
	int fd;
	pthread_t tid;
	long ret;
	int err;
	int done;
	struct tdrv_stats after;	/* driver counters right after close() returned */
};

static void *closer_fn(void *arg)
{
	struct closer *c = arg;

	errno = 0;
	c->ret = close(c->fd);
	c->err = errno;
	tdrv_get_stats(&c->after);
	__atomic_store_n(&c->done, 1, __ATOMIC_RELEASE);
	return NULL;
}

static void start_closer(struct closer *c, int fd)
{
	memset(c, 0, sizeof(*c));
	c->fd = fd;
	ck_assert_int_eq(pthread_create(&c->tid, NULL, closer_fn, c), 0);
}

static void join_closer(struct closer *c)
{
	ck_assert_int_eq(pthread_join(c->tid, NULL), 0);
	ck_assert_msg(c->ret == 0, "close: %ld/%s", c->ret, strerror(c->err));
}

/* ---- scheduling hooks ------------------------------------------------------------------ */

/*
 * SP_RELEASE: evl_release_file() is about to wait. Records who got there, and parks the
 * releasing thread there until release_go is set, when release_park is.
 */
static int release_hits;
static int release_park;
static int release_go;
static int release_inband;
static pthread_t release_thread;

static void release_hook(enum evlsim_sched_point sp)
{
	if (sp != EVLSIM_SP_RELEASE)
		return;
	release_thread = pthread_self();
	__atomic_store_n(&release_inband, evl_is_inband(), __ATOMIC_RELAXED);
	__atomic_add_fetch(&release_hits, 1, __ATOMIC_ACQ_REL);
	if (__atomic_load_n(&release_park, __ATOMIC_ACQUIRE))
		while (!__atomic_load_n(&release_go, __ATOMIC_ACQUIRE))
			sched_yield();
}

/*
 * SP_OOB_ENTER: an oob handler is about to be called, the crossing reference taken. A
 * thread marked gated waits there until gate_open: an oob call in flight, deterministically.
 */
static int gate_reached;
static int gate_open;

static void gate_hook(enum evlsim_sched_point sp)
{
	if (sp == EVLSIM_SP_OOB_ENTER && gated) {
		__atomic_store_n(&gate_reached, 1, __ATOMIC_RELEASE);
		while (!__atomic_load_n(&gate_open, __ATOMIC_ACQUIRE))
			sched_yield();
		return;
	}
	release_hook(sp);
}

static void set_hook(void (*hook)(enum evlsim_sched_point))
{
	evlsim__set_sched_hook(hook);
}

/* ---- section 3.3, rule 1: close() clears the fd slot first ----------------------------- */

START_TEST(test_rule1_closed_fd_ebadf_file_still_alive)
{
	int fd = open_node(TDRV_FULL, O_RDWR);
	int fd2 = dup(fd);

	ck_assert_int_ge(fd2, 0);
	attach();
	assert_oob_works(fd);
	close_fd(fd);
	ck_assert_int_eq(evlsim_is_sim_fd(fd), 0);
	/* the fd number is dead for oob calls, though its file lives on through fd2 */
	assert_oob_fails(fd, EBADF);
	assert_oob_works(fd2);
	assert_counts(1, 0, 1);
	close_fd(fd2);
	assert_counts(1, 1, 2);
}
END_TEST

/* the slot is cleared before ->release runs: EBADF while the last close is in progress */
START_TEST(test_rule1_ebadf_while_close_in_progress)
{
	int fd = open_node(TDRV_FULL, O_RDWR);
	struct closer c;

	attach();
	assert_oob_works(fd);
	__atomic_store_n(&release_park, 1, __ATOMIC_RELEASE);
	set_hook(release_hook);
	start_closer(&c, fd);
	wait_flag(&release_hits, "the closer to reach evl_release_file()");
	/* ->release is running in the closer, parked in evl_release_file() */
	ck_assert_int_eq(__atomic_load_n(&c.done, __ATOMIC_ACQUIRE), 0);
	assert_oob_fails(fd, EBADF);
	assert_counts(1, 0, 1);
	__atomic_store_n(&release_go, 1, __ATOMIC_RELEASE);
	join_closer(&c);
	ck_assert_int_eq(c.after.releases, 1);
	assert_oob_fails(fd, EBADF);
	assert_counts(1, 1, 1);
}
END_TEST

/* ---- rule 2: dropping a reference that is not the last one does nothing else ---------- */

START_TEST(test_rule2_non_last_close_no_release_no_wait)
{
	int fd = open_node(TDRV_FULL, O_RDWR);
	int fd2 = dup(fd);
	struct oob_caller h;

	ck_assert_int_ge(fd2, 0);
	/* an oob call in flight on the file, through fd2 */
	start_oob_caller(&h, fd2, TDRV_IOC_HOLD, 0);
	wait_in_handler(1);
	/* closing fd neither releases nor waits for the holder: close() returns at once */
	close_fd(fd);
	ck_assert_int_eq(__atomic_load_n(&h.done, __ATOMIC_ACQUIRE), 0);
	ck_assert_int_eq(stats().in_handler, 1);
	assert_counts(1, 0, 1);
	/* let the holder go (in-band UNHOLD on the surviving fd) */
	ck_assert_call(ioctl(fd2, TDRV_IOC_UNHOLD), 0);
	join_oob_caller(&h);
	ck_assert_msg(h.ret == 0, "HOLD: %ld/%s", h.ret, strerror(h.err));
	assert_counts(1, 0, 1);
	close_fd(fd2);
	assert_counts(1, 1, 2);
}
END_TEST

/* a gated oob call (crossing reference held) on a file with two fds: no wait either */
START_TEST(test_rule2_non_last_close_ignores_crossing)
{
	int fd = open_node(TDRV_FULL, O_RDWR);
	int fd2 = dup(fd);
	struct oob_caller g;

	ck_assert_int_ge(fd2, 0);
	set_hook(gate_hook);
	start_oob_caller(&g, fd, TDRV_IOC_PING, 1);
	wait_flag(&gate_reached, "the oob call to reach its handler");
	close_fd(fd);
	ck_assert_int_eq(__atomic_load_n(&release_hits, __ATOMIC_ACQUIRE), 0);
	assert_counts(1, 0, 1);
	/* the call in flight resolved its file before the close: it completes normally */
	__atomic_store_n(&gate_open, 1, __ATOMIC_RELEASE);
	join_oob_caller(&g);
	ck_assert_msg(g.ret == 1, "PING: %ld/%s", g.ret, strerror(g.err));
	close_fd(fd2);
	assert_counts(1, 1, 2);
	ck_assert_int_eq(__atomic_load_n(&release_hits, __ATOMIC_ACQUIRE), 1);
}
END_TEST

/* ---- rule 3: the last reference runs ->release before close() returns, in its thread --- */

START_TEST(test_rule3_release_before_close_returns)
{
	int fd = open_node(TDRV_FULL, O_RDWR);

	set_hook(release_hook);
	assert_counts(1, 0, 0);
	close_fd(fd);
	/* ->release started (hook) and returned (counter) before close() returned */
	ck_assert_int_eq(__atomic_load_n(&release_hits, __ATOMIC_ACQUIRE), 1);
	assert_counts(1, 1, 1);
	ck_assert_int_ne(pthread_equal(release_thread, pthread_self()), 0);
}
END_TEST

static void *opener_fn(void *arg)
{
	*(int *)arg = open(TDRV_FULL, O_RDWR);
	return NULL;
}

/* the file opened by one thread is released in the context of the thread closing it */
START_TEST(test_rule3_release_in_closing_thread)
{
	struct closer c;
	pthread_t tid;
	int fd = -1;

	ck_assert_int_eq(pthread_create(&tid, NULL, opener_fn, &fd), 0);
	ck_assert_int_eq(pthread_join(tid, NULL), 0);
	ck_assert_int_ge(fd, 0);
	set_hook(release_hook);
	start_closer(&c, fd);
	join_closer(&c);
	ck_assert_int_eq(c.after.releases, 1);
	ck_assert_int_eq(__atomic_load_n(&release_hits, __ATOMIC_ACQUIRE), 1);
	ck_assert_int_ne(pthread_equal(release_thread, c.tid), 0);
	ck_assert_int_eq(pthread_equal(release_thread, pthread_self()), 0);
}
END_TEST

/* an oob caller closing the last reference: demoted first, ->release runs in-band */
START_TEST(test_rule3_close_from_oob_stage)
{
	int fd = open_node(TDRV_FULL, O_RDWR);

	attach();
	set_hook(release_hook);
	ck_assert_call(oob_ioctl(fd, TDRV_IOC_PING), 1);
	ck_assert_int_eq(evl_is_inband(), 0);
	close_fd(fd);
	ck_assert_int_eq(evl_is_inband(), 1);
	ck_assert_int_eq(__atomic_load_n(&release_hits, __ATOMIC_ACQUIRE), 1);
	ck_assert_int_eq(__atomic_load_n(&release_inband, __ATOMIC_ACQUIRE), 1);
	ck_assert_int_ne(pthread_equal(release_thread, pthread_self()), 0);
	assert_counts(1, 1, 1);
}
END_TEST

/* ---- rule 4: ->release wakes oob sleepers, then evl_release_file() waits, then frees --- */

/*
 * A handler blocked inside oob (TDRV_IOC_HOLD) while another thread closes the last
 * reference: new oob calls on that fd fail with EBADF at once; ->release makes the holder
 * leave with -EIDRM; close() returns only after the handler returned and ->release ran,
 * and ->release ran exactly once.
 */
START_TEST(test_rule4_close_while_handler_blocked)
{
	int fd = open_node(TDRV_FULL, O_RDWR);
	struct oob_caller h;
	struct closer c;

	attach();
	start_oob_caller(&h, fd, TDRV_IOC_HOLD, 0);
	wait_in_handler(1);
	__atomic_store_n(&release_park, 1, __ATOMIC_RELEASE);
	set_hook(release_hook);
	start_closer(&c, fd);
	wait_flag(&release_hits, "the closer to reach evl_release_file()");
	ck_assert_int_eq(__atomic_load_n(&c.done, __ATOMIC_ACQUIRE), 0);
	assert_oob_fails(fd, EBADF);
	ck_assert_int_eq(stats().releases, 0);
	__atomic_store_n(&release_go, 1, __ATOMIC_RELEASE);
	join_closer(&c);
	/* when close() returned, the handler had returned and ->release had run, once */
	ck_assert_int_eq(c.after.in_handler, 0);
	ck_assert_int_eq(c.after.releases, 1);
	ck_assert_int_eq(c.after.released_while_in_handler, 0);
	join_oob_caller(&h);
	ck_assert_msg(h.ret == -1 && h.err == EIDRM, "HOLD: expected -1/EIDRM, got %ld/%s",
		      h.ret, h.ret == -1 ? strerror(h.err) : "-");
	ck_assert_int_eq(__atomic_load_n(&release_hits, __ATOMIC_ACQUIRE), 1);
	assert_counts(1, 1, 1);
	assert_oob_fails(fd, EBADF);
}
END_TEST

/* several handlers blocked on the same file: all woken, one release */
START_TEST(test_rule4_close_wakes_every_holder)
{
	int fd = open_node(TDRV_FULL, O_RDWR);
	struct oob_caller h[3];
	struct tdrv_stats st;
	int i;

	for (i = 0; i < 3; i++)
		start_oob_caller(&h[i], fd, TDRV_IOC_HOLD, 0);
	wait_in_handler(3);
	close_fd(fd);
	st = stats();
	ck_assert_int_eq(st.in_handler, 0);
	ck_assert_int_eq(st.released_while_in_handler, 0);
	assert_counts(1, 1, 1);
	for (i = 0; i < 3; i++) {
		join_oob_caller(&h[i]);
		ck_assert_msg(h[i].ret == -1 && h[i].err == EIDRM, "HOLD %d: %ld/%s", i,
			      h[i].ret, strerror(h[i].err));
	}
}
END_TEST

/* ---- rule 5: evl_release_file() blocks until every in-flight oob call returned --------- */

/*
 * An oob call holds its crossing reference at the handler's door (gated): the last
 * close() stays blocked in evl_release_file() until the call ran its handler and left,
 * and the driver's context is still alive for that handler.
 */
START_TEST(test_rule5_release_waits_for_inflight_call)
{
	struct oob_caller g;
	struct closer c;
	int fd;

	attach();	/* first: the thread element must not take the closed number */
	fd = open_node(TDRV_FULL, O_RDWR);
	set_hook(gate_hook);
	start_oob_caller(&g, fd, TDRV_IOC_PING, 1);
	wait_flag(&gate_reached, "the oob call to reach its handler");
	start_closer(&c, fd);
	wait_flag(&release_hits, "the closer to reach evl_release_file()");
	assert_stays_clear(&c.done, "close() returned while an oob call was in flight");
	ck_assert_int_eq(stats().releases, 0);
	assert_oob_fails(fd, EBADF);
	__atomic_store_n(&gate_open, 1, __ATOMIC_RELEASE);
	join_closer(&c);
	join_oob_caller(&g);
	ck_assert_msg(g.ret == 1, "PING: %ld/%s", g.ret, strerror(g.err));
	ck_assert_int_eq(c.after.in_handler, 0);
	ck_assert_int_eq(c.after.releases, 1);
	assert_counts(1, 1, 1);
}
END_TEST

/* the same with several calls in flight, read, write and ioctl */
struct gated_io {
	int fd, op;
	long ret;
	int err;
	int attach_ret;
	int reached;
};

static int gate_waiting;

static void multi_gate_hook(enum evlsim_sched_point sp)
{
	if (sp == EVLSIM_SP_OOB_ENTER && gated) {
		__atomic_add_fetch(&gate_waiting, 1, __ATOMIC_ACQ_REL);
		while (!__atomic_load_n(&gate_open, __ATOMIC_ACQUIRE))
			sched_yield();
		return;
	}
	release_hook(sp);
}

static void *gated_io_fn(void *arg)
{
	struct gated_io *io = arg;
	char buf[8];

	io->attach_ret = evl_attach_self("lifetime-io:%d",
					 __atomic_add_fetch(&attach_count, 1, __ATOMIC_RELAXED));
	if (io->attach_ret < 0)
		return NULL;
	gated = 1;
	errno = 0;
	switch (io->op) {
	case 0:
		io->ret = oob_read(io->fd, buf, sizeof(buf));
		break;
	case 1:
		io->ret = oob_write(io->fd, "abcde", 5);
		break;
	default:
		io->ret = oob_ioctl(io->fd, TDRV_IOC_PING);
		break;
	}
	io->err = errno;
	return NULL;
}

START_TEST(test_rule5_release_waits_for_every_call)
{
	static const long expect[3] = { 8, 5, 1 };
	int fd = open_node(TDRV_FULL, O_RDWR);
	struct gated_io io[3];
	pthread_t tid[3];
	struct closer c;
	int i;

	set_hook(multi_gate_hook);
	for (i = 0; i < 3; i++) {
		memset(&io[i], 0, sizeof(io[i]));
		io[i].fd = fd;
		io[i].op = i;
		ck_assert_int_eq(pthread_create(&tid[i], NULL, gated_io_fn, &io[i]), 0);
	}
	{
		long long end = now_ns() + WAIT_LIMIT_NS;

		while (__atomic_load_n(&gate_waiting, __ATOMIC_ACQUIRE) != 3)
			ck_assert_msg(now_ns() < end, "timed out waiting for the gated calls");
	}
	start_closer(&c, fd);
	wait_flag(&release_hits, "the closer to reach evl_release_file()");
	assert_stays_clear(&c.done, "close() returned while oob calls were in flight");
	ck_assert_int_eq(stats().releases, 0);
	ck_assert_int_eq(stats().in_handler, 0);
	__atomic_store_n(&gate_open, 1, __ATOMIC_RELEASE);
	join_closer(&c);
	ck_assert_int_eq(c.after.in_handler, 0);
	ck_assert_int_eq(c.after.releases, 1);
	for (i = 0; i < 3; i++) {
		ck_assert_int_eq(pthread_join(tid[i], NULL), 0);
		ck_assert_int_ge(io[i].attach_ret, 0);
		ck_assert_msg(io[i].ret == expect[i], "op %d: expected %ld, got %ld/%s", i,
			      expect[i], io[i].ret, strerror(io[i].err));
	}
	assert_counts(1, 1, 1);
}
END_TEST

/* no oob call in flight: the last close does not block, and later calls get EBADF */
START_TEST(test_rule5_no_inflight_no_wait)
{
	int fd = open_node(TDRV_FULL, O_RDWR);
	struct evlsim_thread_stats before, after;

	attach();
	assert_oob_works(fd);
	ck_assert_ret(evl_switch_inband(), 0);
	ck_assert_ret(evlsim_get_thread_stats(&before), 0);
	close_fd(fd);
	ck_assert_ret(evlsim_get_thread_stats(&after), 0);
	ck_assert_uint_eq(after.sleeps, before.sleeps);
	assert_counts(1, 1, 1);
	assert_oob_fails(fd, EBADF);
}
END_TEST

/* ---- section 8 item 3: .release only on the last reference ---------------------------- */

START_TEST(test_ref_dup_release_on_last_close)
{
	int fd = open_node(TDRV_FULL, O_RDWR);
	int fd2 = dup(fd);

	ck_assert_int_ge(fd2, 0);
	ck_assert_int_ne(fd2, fd);
	ck_assert_int_eq(evlsim_is_sim_fd(fd2), 1);
	attach();
	assert_oob_works(fd2);
	close_fd(fd2);
	assert_counts(1, 0, 1);
	assert_oob_works(fd);
	close_fd(fd);
	assert_counts(1, 1, 2);
}
END_TEST

START_TEST(test_ref_fcntl_dupfd)
{
	int fd = open_node(TDRV_FULL, O_RDWR);
	int min = unused_fd();
	int fd2 = fcntl(fd, F_DUPFD_CLOEXEC, min);

	ck_assert_int_ge(fd2, min);
	ck_assert_int_eq(fcntl(fd2, F_GETFD), FD_CLOEXEC);
	attach();
	close_fd(fd);
	assert_counts(1, 0, 1);
	assert_oob_works(fd2);
	close_fd(fd2);
	assert_counts(1, 1, 2);
}
END_TEST

START_TEST(test_ref_dup2_to_free_number)
{
	int fd = open_node(TDRV_FULL, O_RDWR);
	int target = unused_fd();

	ck_assert_call(dup2(fd, target), target);
	ck_assert_int_eq(evlsim_is_sim_fd(target), 1);
	attach();
	close_fd(fd);
	assert_counts(1, 0, 1);
	assert_oob_works(target);
	close_fd(target);
	assert_counts(1, 1, 2);
}
END_TEST

START_TEST(test_ref_dup3_cloexec)
{
	int fd = open_node(TDRV_FULL, O_RDWR);
	int target = unused_fd();

	ck_assert_call(dup3(fd, target, O_CLOEXEC), target);
	ck_assert_int_eq(fcntl(target, F_GETFD), FD_CLOEXEC);
	ck_assert_fails(dup3(fd, fd, 0), EINVAL);
	attach();
	close_fd(target);
	assert_counts(1, 0, 1);
	assert_oob_works(fd);
	close_fd(fd);
	assert_counts(1, 1, 2);
}
END_TEST

/* dup2() onto an fd holding the last reference of another file releases that file */
START_TEST(test_ref_dup2_over_last_reference_releases_it)
{
	int a = open_node(TDRV_FULL, O_RDWR);
	int b = open_node(TDRV_FULL, O_RDONLY);
	char buf[8];

	set_hook(release_hook);
	ck_assert_call(dup2(a, b), b);
	/* b's former file: flushed and released before dup2() returned */
	assert_counts(2, 1, 1);
	ck_assert_int_eq(__atomic_load_n(&release_hits, __ATOMIC_ACQUIRE), 1);
	/* b now refers to a's file (opened O_RDWR: oob_write works) */
	attach();
	ck_assert_call(oob_write(b, "abc", 3), 3);
	ck_assert_call(oob_read(b, buf, sizeof(buf)), 8);
	close_fd(a);
	assert_counts(2, 1, 2);
	close_fd(b);
	assert_counts(2, 2, 3);
}
END_TEST

/* dup2() onto an fd whose file has another reference: flushed, not released */
START_TEST(test_ref_dup2_over_shared_file_no_release)
{
	int a = open_node(TDRV_FULL, O_RDWR);
	int b = open_node(TDRV_FULL, O_RDWR);
	int b2 = dup(b);

	ck_assert_int_ge(b2, 0);
	ck_assert_call(dup2(a, b), b);
	assert_counts(2, 0, 1);
	attach();
	assert_oob_works(b2);
	close_fd(b2);
	assert_counts(2, 1, 2);
	close_fd(a);
	close_fd(b);
	assert_counts(2, 2, 4);
}
END_TEST

START_TEST(test_ref_dup2_same_fd_noop)
{
	int fd = open_node(TDRV_FULL, O_RDWR);

	ck_assert_call(dup2(fd, fd), fd);
	assert_counts(1, 0, 0);
	attach();
	assert_oob_works(fd);
	close_fd(fd);
	assert_counts(1, 1, 1);
}
END_TEST

/* many references, closed in mixed order: one release, on the very last close */
START_TEST(test_ref_many_dups_release_once)
{
	int fds[8];
	int order[8] = { 3, 0, 7, 5, 1, 6, 2, 4 };
	int i;

	fds[0] = open_node(TDRV_FULL, O_RDWR);
	for (i = 1; i < 8; i++) {
		if (i % 2)
			fds[i] = dup(fds[i - 1]);
		else
			fds[i] = fcntl(fds[0], F_DUPFD, 0);
		ck_assert_int_ge(fds[i], 0);
	}
	attach();
	for (i = 0; i < 8; i++) {
		ck_assert_call(oob_ioctl(fds[order[i]], TDRV_IOC_PING), 1);
		close_fd(fds[order[i]]);
		assert_counts(1, i == 7, i + 1);
		assert_oob_fails(fds[order[i]], EBADF);
	}
}
END_TEST

START_TEST(test_ref_close_twice_ebadf)
{
	int fd = open_node(TDRV_FULL, O_RDWR);

	close_fd(fd);
	ck_assert_fails(close(fd), EBADF);
	assert_counts(1, 1, 1);
}
END_TEST

/* independent opens are independent files: each released on its own last close */
START_TEST(test_ref_separate_opens_separate_files)
{
	int a = open_node(TDRV_FULL, O_RDWR);
	int b = open_node(TDRV_MISC, O_RDWR);
	int c = open_node(TDRV_NOOOB, O_RDWR);
	int d = open_node(TDRV_INBAND, O_RDWR);

	close_fd(b);
	assert_counts(4, 1, 1);
	close_fd(d);
	assert_counts(4, 2, 2);
	close_fd(a);
	close_fd(c);
	/* tdrv-nooob has no ->flush */
	assert_counts(4, 4, 3);
}
END_TEST

/* ->flush runs on every close of an fd, ->release only on the last */
START_TEST(test_flush_on_every_close)
{
	int fd = open_node(TDRV_FULL, O_RDWR);
	int fd2 = dup(fd);
	int fd3 = dup(fd);
	int fd4 = unused_fd();

	ck_assert_int_ge(fd2, 0);
	ck_assert_int_ge(fd3, 0);
	ck_assert_call(dup2(fd, fd4), fd4);
	assert_counts(1, 0, 0);
	close_fd(fd3);
	assert_counts(1, 0, 1);
	close_fd(fd);
	assert_counts(1, 0, 2);
	close_fd(fd4);
	assert_counts(1, 0, 3);
	close_fd(fd2);
	assert_counts(1, 1, 4);
}
END_TEST

/* ---- a driver forgetting evl_release_file() ------------------------------------------- */

/* LeakSanitizer's controls, present only in sanitized builds */
void __lsan_disable(void) __attribute__((weak));
void __lsan_enable(void) __attribute__((weak));

START_TEST(test_norel_rule_report)
{
	char log[] = "/tmp/check_lifetime-XXXXXX";
	int fd, logfd, saved;
	char buf[4096];
	ssize_t n;

	/* tdrv-norel leaks its per-file context on purpose (oob callers may still use it) */
	if (__lsan_disable)
		__lsan_disable();
	fd = open_node(TDRV_NOREL, O_RDWR);
	if (__lsan_enable)
		__lsan_enable();
	attach();
	assert_oob_works(fd);
	logfd = mkstemp(log);
	ck_assert_int_ge(logfd, 0);
	unlink(log);
	saved = dup(2);
	ck_assert_int_ge(saved, 0);
	ck_assert_int_eq(dup2(logfd, 2), 2);
	ck_assert_int_eq(evlsim_report_count(EVLSIM_REPORT_RULE), 0);
	close_fd(fd);
	ck_assert_int_eq(dup2(saved, 2), 2);
	close_fd(saved);
	ck_assert_int_eq(evlsim_report_count(EVLSIM_REPORT_RULE), 1);
	ck_assert_int_eq(evlsim_report_total(), 1);
	n = pread(logfd, buf, sizeof(buf) - 1, 0);
	ck_assert_int_gt(n, 0);
	buf[n] = '\0';
	ck_assert_msg(strstr(buf, "[evl-release-file]") != NULL, "report: %s", buf);
	ck_assert_msg(strstr(buf, "testdrv") != NULL, "report: %s", buf);
	close_fd(logfd);
	/* ->release ran once; the file is gone for oob callers */
	assert_counts(1, 1, 1);
	assert_oob_fails(fd, EBADF);
	/* resource accounting reports the context it leaked when the module goes */
	evlsim_reset_reports();
	ck_assert_ret(evlsim_unload_module("testdrv"), 0);
	ck_assert_int_eq(evlsim_report_count(EVLSIM_REPORT_LEAK), 1);
	ck_assert_int_eq(evlsim_report_total(), 1);
	evlsim_reset_reports();
	ck_assert_ret(evlsim_load_module("testdrv"), 0);
}
END_TEST

/* the well-behaved nodes report nothing */
START_TEST(test_norel_only_the_forgetful_driver_reported)
{
	int a = open_node(TDRV_FULL, O_RDWR);
	int b = open_node(TDRV_NOOOB, O_RDWR);
	int c = open_node(TDRV_MISC, O_RDWR);

	close_fd(a);
	close_fd(b);
	close_fd(c);
	ck_assert_int_eq(evlsim_report_count(EVLSIM_REPORT_RULE), 0);
	assert_counts(3, 3, 2);
}
END_TEST

/* ---- open errors from the driver ------------------------------------------------------ */

static void check_open_error(const char *path, long err)
{
	int lowest = lowest_free_fd();

	tdrv_force_open_result(-err);
	ck_assert_fails(open(path, O_RDWR), err);
	tdrv_force_open_result(0);
	/* no file, no descriptor, no reference on the module */
	ck_assert_int_eq(lowest_free_fd(), lowest);
	ck_assert_int_eq(evlsim_is_sim_fd(lowest), 0);
	ck_assert_int_eq(evlsim_module_refcount("testdrv"), 0);
	assert_counts(0, 0, 0);
}

START_TEST(test_open_error_propagates)
{
	check_open_error(TDRV_FULL, EBUSY);
	check_open_error(TDRV_FULL, ENOMEM);
	check_open_error(TDRV_FULL, EACCES);
	check_open_error(TDRV_MISC, ENXIO);
	check_open_error(TDRV_NOREL, ENODEV);
	check_open_error(TDRV_INBAND, EPERM);
	/* back to normal */
	close_fd(open_node(TDRV_FULL, O_RDWR));
	assert_counts(1, 1, 1);
}
END_TEST

/* the open error set through TDRV_IOC_SET_RESULT on another file */
START_TEST(test_open_error_set_by_ioctl)
{
	struct tdrv_result r = { .op = TDRV_OP_OPEN, .set = 1, .value = -EAGAIN };
	int fd = open_node(TDRV_FULL, O_RDWR);
	int lowest;

	ck_assert_call(ioctl(fd, TDRV_IOC_SET_RESULT, &r), 0);
	lowest = lowest_free_fd();
	ck_assert_fails(open(TDRV_FULL, O_RDONLY), EAGAIN);
	ck_assert_fails(open(TDRV_MISC, O_WRONLY), EAGAIN);
	ck_assert_int_eq(lowest_free_fd(), lowest);
	r.set = 0;
	ck_assert_call(ioctl(fd, TDRV_IOC_SET_RESULT, &r), 0);
	assert_counts(1, 0, 0);
	close_fd(fd);
	assert_counts(1, 1, 1);
}
END_TEST

/* a failed open leaves nothing behind: the module unloads, no release ran */
START_TEST(test_open_error_module_unloads)
{
	tdrv_force_open_result(-EIO);
	ck_assert_fails(open(TDRV_FULL, O_RDWR), EIO);
	tdrv_force_open_result(0);
	ck_assert_int_eq(evlsim_module_refcount("testdrv"), 0);
	ck_assert_ret(evlsim_unload_module("testdrv"), 0);
	ck_assert_ret(evlsim_load_module("testdrv"), 0);
	assert_counts(0, 0, 0);
}
END_TEST

/* ---- suite --------------------------------------------------------------------------- */

static Suite *suite(void)
{
	Suite *s = suite_create("lifetime");
	TCase *tc;

	evlsim_check_fixture(setup, teardown);
	evlsim_check_modules("testdrv", "echo");
	tc = tcase("order");
	tcase_add_test(tc, test_rule1_closed_fd_ebadf_file_still_alive);
	tcase_add_test(tc, test_rule1_ebadf_while_close_in_progress);
	tcase_add_test(tc, test_rule2_non_last_close_no_release_no_wait);
	tcase_add_test(tc, test_rule2_non_last_close_ignores_crossing);
	tcase_add_test(tc, test_rule3_release_before_close_returns);
	tcase_add_test(tc, test_rule3_release_in_closing_thread);
	tcase_add_test(tc, test_rule3_close_from_oob_stage);
	tcase_add_test(tc, test_rule4_close_while_handler_blocked);
	tcase_add_test(tc, test_rule4_close_wakes_every_holder);
	tcase_add_test(tc, test_rule5_release_waits_for_inflight_call);
	tcase_add_test(tc, test_rule5_release_waits_for_every_call);
	tcase_add_test(tc, test_rule5_no_inflight_no_wait);
	suite_add_tcase(s, tc);

	tc = tcase("refs");
	tcase_add_test(tc, test_ref_dup_release_on_last_close);
	tcase_add_test(tc, test_ref_fcntl_dupfd);
	tcase_add_test(tc, test_ref_dup2_to_free_number);
	tcase_add_test(tc, test_ref_dup3_cloexec);
	tcase_add_test(tc, test_ref_dup2_over_last_reference_releases_it);
	tcase_add_test(tc, test_ref_dup2_over_shared_file_no_release);
	tcase_add_test(tc, test_ref_dup2_same_fd_noop);
	tcase_add_test(tc, test_ref_many_dups_release_once);
	tcase_add_test(tc, test_ref_close_twice_ebadf);
	tcase_add_test(tc, test_ref_separate_opens_separate_files);
	tcase_add_test(tc, test_flush_on_every_close);
	suite_add_tcase(s, tc);

	tc = tcase("driver");
	tcase_add_test(tc, test_norel_rule_report);
	tcase_add_test(tc, test_norel_only_the_forgetful_driver_reported);
	tcase_add_test(tc, test_open_error_propagates);
	tcase_add_test(tc, test_open_error_set_by_ioctl);
	tcase_add_test(tc, test_open_error_module_unloads);
	suite_add_tcase(s, tc);

	return s;
}

int main(void)
{
	return evlsim_check_run(suite());
}
