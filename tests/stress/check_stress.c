// SPDX-License-Identifier: MIT
/*
 * check_stress: file lifetime under real threads, as spec section 3 and section 8 item 3
 * require it to hold when nothing is serialized by the test.
 *
 * Attached threads issue oob_read(), oob_write() and oob_ioctl() while another thread
 * opens and closes the same node thousands of times: on a file that stays open, every
 * call returns the driver's value; on the descriptor being opened and closed, every call
 * returns either the driver's value or EBADF, and no ->release returns while a handler
 * runs. Then threads close, dup(), dup2() and dup3() descriptors under each other while
 * others call oob on them. In every case ->release runs exactly once per open, ->flush
 * once per close, and nothing is reported. Iteration counts are moderate so that each
 * test takes well under a second natively and a few seconds under ThreadSanitizer.
 *
 * The operations the dup/close threads pick come from EVLSIM_SEED (a random seed when it
 * is unset), printed at start: "check_stress: EVLSIM_SEED=<seed>". The threads' order
 * stays the host's, so a seed replays the operations, not the interleaving.
 */
#define _GNU_SOURCE
#include <errno.h>
#include <fcntl.h>
#include <pthread.h>
#include <sched.h>
#include <stdint.h>
#include <string.h>
#include <time.h>
#include <unistd.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <sys/ioctl.h>
#include <evl/evl.h>
#include <evlsim/evlsim.h>
#include "evlsim-check.h"
#include "../drivers/testdrv-abi.h"

#define TDRV_FULL	"/dev/tdrv-full"

#define NR_IO_THREADS	4
#define NR_CHURN	2000		/* open/close cycles of the churning thread */
#define NR_DUP_OPS	3000		/* operations per thread of the dup/close test */
#define NR_SLOTS	8
#define WAIT_LIMIT_NS	(20LL * 1000 * 1000 * 1000)

/* ---- helpers ------------------------------------------------------------------------- */

static void setup(void)
{
	evlsim_check_setup();
	tdrv_reset_stats();
}

static struct tdrv_stats stats(void)
{
	struct tdrv_stats st;

	tdrv_get_stats(&st);
	return st;
}

/*
 * Threads do not call ck_assert*() (a failure would exit the test process from the
 * wrong thread): they record the first unexpected result, which the test asserts on.
 */
static int nr_errors;
static char first_error[256];

static void record_error(const char *what, long ret, int err)
{
	if (__atomic_fetch_add(&nr_errors, 1, __ATOMIC_ACQ_REL) == 0)
		snprintf(first_error, sizeof(first_error), "%s: got %ld/%s", what, ret,
			 ret == -1 ? strerror(err) : "no error");
}

static void assert_no_thread_errors(void)
{
	int n = __atomic_load_n(&nr_errors, __ATOMIC_ACQUIRE);

	ck_assert_msg(n == 0, "%d unexpected results, first: %s", n, first_error);
}

static int attach_count;

static int attach_worker(void)
{
	return evl_attach_self("stress:%d", __atomic_add_fetch(&attach_count, 1,
							       __ATOMIC_RELAXED));
}

static unsigned long long stress_seed;	/* evlsim_check_seed(), in main() */

/* Thread @index's own stream of the suite's seed: a non-zero xorshift state. */
static unsigned int thread_seed(unsigned int index)
{
	unsigned long long z = stress_seed + (index + 1) * 0x9e3779b97f4a7c15ULL;

	z = (z ^ (z >> 30)) * 0xbf58476d1ce4e5b9ULL;	/* splitmix64's finalizer */
	z = (z ^ (z >> 27)) * 0x94d049bb133111ebULL;
	z ^= z >> 31;
	return (unsigned int)z | 1;	/* xorshift never leaves 0 */
}

static unsigned int next_rand(unsigned int *state)
{
	unsigned int x = *state;

	x ^= x << 13;
	x ^= x >> 17;
	x ^= x << 5;
	return *state = x;
}

/* One oob call of kind @op on @fd: -1 with errno, or the handler's value. */
static long oob_call(int fd, unsigned int op, int *err)
{
	char buf[8];
	long ret;

	errno = 0;
	switch (op % 3) {
	case 0:
		ret = oob_read(fd, buf, sizeof(buf));
		break;
	case 1:
		ret = oob_write(fd, "abc", 3);
		break;
	default:
		ret = oob_ioctl(fd, TDRV_IOC_PING);
		break;
	}
	*err = errno;
	return ret;
}

/* what a tdrv-full file opened O_RDWR returns for oob_call(op) */
static long expected(unsigned int op)
{
	static const long values[3] = { 8, 3, 1 };

	return values[op % 3];
}

static const char *const op_names[3] = { "oob_read", "oob_write", "oob_ioctl" };

/* ---- oob callers against an opening/closing thread ----------------------------------- */

struct churn {
	int nr_threads;		/* started so far: each I/O thread's index */
	int stable_fd;		/* a file that stays open throughout, or -1 */
	int churn_fd;		/* the descriptor being opened and closed, -1 in between */
	int stop;
	pthread_barrier_t start;
	long hits;		/* successful calls on churn_fd */
	long ebadf;		/* EBADF on churn_fd */
	long stable_calls;
	long closes;
};

static void *churn_io_fn(void *arg)
{
	struct churn *c = arg;
	unsigned int op = thread_seed(__atomic_fetch_add(&c->nr_threads, 1, __ATOMIC_RELAXED));
	int efd = attach_worker();
	long ebadf = 0, stable = 0;
	int err, fd;
	long ret;

	if (efd < 0)
		record_error("evl_attach_self", efd, -efd);
	pthread_barrier_wait(&c->start);
	if (efd < 0)
		return NULL;

	while (!__atomic_load_n(&c->stop, __ATOMIC_ACQUIRE)) {
		op++;
		if (c->stable_fd >= 0) {
			ret = oob_call(c->stable_fd, op, &err);
			if (ret != expected(op))
				record_error(op_names[op % 3], ret, err);
			stable++;
		}
		fd = __atomic_load_n(&c->churn_fd, __ATOMIC_ACQUIRE);
		if (fd < 0)
			continue;
		ret = oob_call(fd, op + 1, &err);
		if (ret == expected(op + 1)) {
			__atomic_add_fetch(&c->hits, 1, __ATOMIC_RELEASE);
		} else if (ret == -1 && err == EBADF) {
			ebadf++;
		} else {
			record_error(op_names[(op + 1) % 3], ret, err);
		}
	}
	__atomic_add_fetch(&c->ebadf, ebadf, __ATOMIC_RELAXED);
	__atomic_add_fetch(&c->stable_calls, stable, __ATOMIC_RELAXED);
	return NULL;
}

static void *churner_fn(void *arg)
{
	struct churn *c = arg;
	long long end;
	long seen;
	int i, fd;

	pthread_barrier_wait(&c->start);
	for (i = 0; i < NR_CHURN; i++) {
		fd = open(TDRV_FULL, O_RDWR);
		if (fd < 0) {
			record_error("open", fd, errno);
			break;
		}
		seen = __atomic_load_n(&c->hits, __ATOMIC_ACQUIRE);
		__atomic_store_n(&c->churn_fd, fd, __ATOMIC_RELEASE);
		/* every 16th file, make sure oob calls really reached it before closing it */
		if (i % 16 == 0) {
			end = now_ns() + WAIT_LIMIT_NS;
			while (__atomic_load_n(&c->hits, __ATOMIC_ACQUIRE) == seen) {
				if (now_ns() > end) {
					record_error("no oob call reached the churned file", 0, 0);
					break;
				}
				sched_yield();
			}
		}
		/* the descriptor stays published while it is closed: callers race the close */
		if (close(fd)) {
			record_error("close", -1, errno);
			break;
		}
		c->closes++;
		__atomic_store_n(&c->churn_fd, -1, __ATOMIC_RELEASE);
	}
	__atomic_store_n(&c->stop, 1, __ATOMIC_RELEASE);
	return NULL;
}

static void run_churn(struct churn *c)
{
	pthread_t io[NR_IO_THREADS], churner;
	int i;

	ck_assert_int_eq(pthread_barrier_init(&c->start, NULL, NR_IO_THREADS + 1), 0);
	for (i = 0; i < NR_IO_THREADS; i++)
		ck_assert_int_eq(pthread_create(&io[i], NULL, churn_io_fn, c), 0);
	ck_assert_int_eq(pthread_create(&churner, NULL, churner_fn, c), 0);
	ck_assert_int_eq(pthread_join(churner, NULL), 0);
	for (i = 0; i < NR_IO_THREADS; i++)
		ck_assert_int_eq(pthread_join(io[i], NULL), 0);
	pthread_barrier_destroy(&c->start);
	assert_no_thread_errors();
	ck_assert_int_eq(c->closes, NR_CHURN);
	ck_assert_int_ge(c->hits, NR_CHURN / 16);
}

/*
 * oob calls on a file that stays open, while the same node is opened and closed: the
 * open file is never disturbed, and each churned file is released exactly once.
 */
START_TEST(test_stress_oob_io_vs_open_close_same_node)
{
	struct churn c = { .churn_fd = -1 };
	struct tdrv_stats st;

	c.stable_fd = open(TDRV_FULL, O_RDWR);
	ck_assert_int_ge(c.stable_fd, 0);
	run_churn(&c);
	st = stats();
	ck_assert_int_eq(st.opens, NR_CHURN + 1);
	ck_assert_int_eq(st.releases, NR_CHURN);
	ck_assert_int_eq(st.flushes, NR_CHURN);
	ck_assert_int_eq(st.in_handler, 0);
	ck_assert_int_gt(c.stable_calls, 0);
	ck_assert_call(close(c.stable_fd), 0);
	st = stats();
	ck_assert_int_eq(st.releases, NR_CHURN + 1);
	ck_assert_int_eq(st.flushes, NR_CHURN + 1);
}
END_TEST

/*
 * oob calls on the very descriptor being closed: the driver's value or EBADF, and
 * ->release never returns while one of them is still in a handler (all handlers in
 * flight are on the file being released, since only one churned file exists at a time).
 */
START_TEST(test_stress_oob_io_on_closing_fd)
{
	struct churn c = { .stable_fd = -1, .churn_fd = -1 };
	struct tdrv_stats st;

	run_churn(&c);
	st = stats();
	ck_assert_int_eq(st.opens, NR_CHURN);
	ck_assert_int_eq(st.releases, NR_CHURN);
	ck_assert_int_eq(st.flushes, NR_CHURN);
	ck_assert_int_eq(st.in_handler, 0);
	ck_assert_int_eq(st.released_while_in_handler, 0);
}
END_TEST

/* ---- threads closing and duplicating descriptors under each other -------------------- */

/*
 * A table of descriptor slots. A thread owns a descriptor once it took it out of its slot
 * with an exchange, and only the owner closes it or uses it as a dup2() target; any
 * thread may call oob on whatever number it peeks, which may be closed, or reused by
 * another open or dup of the same node, meanwhile.
 */
struct dups {
	int slots[NR_SLOTS];
	int nr_threads;			/* started so far: each thread's index */
	pthread_barrier_t start;
	long opens, closes, dup2s;	/* done by the threads */
	long peek_ok, peek_ebadf;
};

static int take(struct dups *d, unsigned int i)
{
	return __atomic_exchange_n(&d->slots[i % NR_SLOTS], -1, __ATOMIC_ACQ_REL);
}

/* puts @fd into a free slot, or closes it when none is free; returns 1 if it closed it */
static int place(struct dups *d, int fd, unsigned int from)
{
	unsigned int i;
	int none;

	for (i = 0; i < NR_SLOTS; i++) {
		none = -1;
		if (__atomic_compare_exchange_n(&d->slots[(from + i) % NR_SLOTS], &none, fd, 0,
						__ATOMIC_ACQ_REL, __ATOMIC_ACQUIRE))
			return 0;
	}
	if (close(fd))
		record_error("close (no free slot)", -1, errno);
	return 1;
}

static void *dups_fn(void *arg)
{
	struct dups *d = arg;
	unsigned int seed = thread_seed(__atomic_fetch_add(&d->nr_threads, 1,
							   __ATOMIC_RELAXED));
	long opens = 0, closes = 0, dup2s = 0, ok = 0, ebadf = 0;
	int efd = attach_worker();
	int i, fd, a, b, err;
	unsigned int r;
	long ret;

	if (efd < 0)
		record_error("evl_attach_self", efd, -efd);
	pthread_barrier_wait(&d->start);
	if (efd < 0)
		return NULL;

	for (i = 0; i < NR_DUP_OPS; i++) {
		r = next_rand(&seed);
		switch (r % 8) {
		case 0: case 1: case 2:		/* oob call on a peeked descriptor */
			fd = __atomic_load_n(&d->slots[(r >> 8) % NR_SLOTS], __ATOMIC_ACQUIRE);
			if (fd < 0)
				break;
			ret = oob_call(fd, r >> 16, &err);
			if (ret == expected(r >> 16))
				ok++;
			else if (ret == -1 && err == EBADF)
				ebadf++;
			else
				record_error(op_names[(r >> 16) % 3], ret, err);
			break;
		case 3:				/* close */
			fd = take(d, r >> 8);
			if (fd < 0)
				break;
			if (close(fd))
				record_error("close", -1, errno);
			closes++;
			break;
		case 4:				/* dup or F_DUPFD */
			a = take(d, r >> 8);
			if (a < 0)
				break;
			fd = (r >> 16) & 1 ? dup(a) : fcntl(a, F_DUPFD_CLOEXEC, 0);
			closes += place(d, a, r >> 8);
			if (fd < 0) {
				record_error("dup", fd, errno);
				break;
			}
			closes += place(d, fd, r >> 12);
			break;
		case 5:				/* dup2 or dup3 onto an owned descriptor */
			a = take(d, r >> 8);
			b = take(d, r >> 12);
			if (a >= 0 && b >= 0) {
				ret = (r >> 16) & 1 ? dup2(a, b) : dup3(a, b, O_CLOEXEC);
				if (ret != b)
					record_error("dup2/dup3", ret, errno);
				dup2s++;
			}
			if (a >= 0)
				closes += place(d, a, r >> 8);
			if (b >= 0)
				closes += place(d, b, r >> 12);
			break;
		default:			/* a new file, when a slot is free */
			if (__atomic_load_n(&d->slots[(r >> 8) % NR_SLOTS], __ATOMIC_ACQUIRE) >= 0)
				break;
			fd = open(TDRV_FULL, O_RDWR);
			if (fd < 0) {
				record_error("open", fd, errno);
				break;
			}
			opens++;
			closes += place(d, fd, r >> 8);
			break;
		}
	}
	__atomic_add_fetch(&d->opens, opens, __ATOMIC_RELAXED);
	__atomic_add_fetch(&d->closes, closes, __ATOMIC_RELAXED);
	__atomic_add_fetch(&d->dup2s, dup2s, __ATOMIC_RELAXED);
	__atomic_add_fetch(&d->peek_ok, ok, __ATOMIC_RELAXED);
	__atomic_add_fetch(&d->peek_ebadf, ebadf, __ATOMIC_RELAXED);
	return NULL;
}

START_TEST(test_stress_close_dup_under_each_other)
{
	struct dups d;
	pthread_t tid[NR_IO_THREADS];
	struct tdrv_stats st;
	long final_closes = 0;
	int i;

	memset(&d, 0, sizeof(d));
	for (i = 0; i < NR_SLOTS; i++) {
		d.slots[i] = i < NR_SLOTS / 2 ? open(TDRV_FULL, O_RDWR) : dup(d.slots[i - 1]);
		ck_assert_int_ge(d.slots[i], 0);
	}
	ck_assert_int_eq(pthread_barrier_init(&d.start, NULL, NR_IO_THREADS), 0);
	for (i = 0; i < NR_IO_THREADS; i++)
		ck_assert_int_eq(pthread_create(&tid[i], NULL, dups_fn, &d), 0);
	for (i = 0; i < NR_IO_THREADS; i++)
		ck_assert_int_eq(pthread_join(tid[i], NULL), 0);
	pthread_barrier_destroy(&d.start);
	assert_no_thread_errors();
	ck_assert_int_gt(d.peek_ok, 0);

	st = stats();
	ck_assert_int_eq(st.opens, NR_SLOTS / 2 + d.opens);
	ck_assert_int_eq(st.in_handler, 0);
	for (i = 0; i < NR_SLOTS; i++) {
		if (d.slots[i] < 0)
			continue;
		ck_assert_call(close(d.slots[i]), 0);
		final_closes++;
	}
	/* one ->release per open, one ->flush per close (dup2 onto a file closes it) */
	st = stats();
	ck_assert_int_eq(st.releases, st.opens);
	ck_assert_int_eq(st.flushes, d.closes + d.dup2s + final_closes);
	ck_assert_int_eq(evlsim_module_refcount("testdrv"), 0);
}
END_TEST

/* ---- suite --------------------------------------------------------------------------- */

/* ---- fd number reuse: open() of a node against close()/dup2() of one number ----------- */

#define NR_REUSE	3000

struct reuse {
	int target;			/* the number the other thread closes or dup2()s onto */
	int stop, pipe_fd;
	long kept_target;
};

static void *reuse_closer(void *arg)
{
	struct reuse *r = arg;
	unsigned int seed = thread_seed(1000);	/* a stream of its own */

	while (!__atomic_load_n(&r->stop, __ATOMIC_ACQUIRE)) {
		if (next_rand(&seed) % 2)
			close(r->target);
		else if (dup2(r->pipe_fd, r->target) == r->target)
			close(r->target);
	}
	return NULL;
}

/*
 * One thread opens a node over and over, closing what it got unless it is number N; the
 * other closes N, or dup2()s a pipe onto it and closes that, in a loop. A reservation the
 * closer could reach would lose a file: every open is released once, the module unloads,
 * and a simulated descriptor is always an eventfd underneath.
 */
START_TEST(test_stress_fd_reuse_close_dup2_vs_open)
{
	struct reuse r = { 0 };
	struct tdrv_stats st;
	pthread_t closer;
	int p[2], i, fd, n;
	char link[64], target[64];
	ssize_t len;

	ck_assert_int_eq(pipe(p), 0);
	r.pipe_fd = p[0];
	n = dup(0);
	ck_assert_int_ge(n, 0);
	close(n);
	r.target = n;
	ck_assert_int_eq(pthread_create(&closer, NULL, reuse_closer, &r), 0);
	for (i = 0; i < NR_REUSE; i++) {
		fd = open(TDRV_FULL, O_RDWR);
		if (fd < 0)
			continue;
		if (evlsim_is_sim_fd(fd)) {
			snprintf(link, sizeof(link), "/proc/self/fd/%d", fd);
			len = readlink(link, target, sizeof(target) - 1);
			if (len > 0) {
				target[len] = 0;
				/* the closer may have closed it (then it is gone, or not ours) */
				if (evlsim_is_sim_fd(fd) && strcmp(target, "anon_inode:[eventfd]") &&
				    strncmp(target, "pipe:", 5))
					record_error(target, fd, 0);
			}
		}
		if (fd != r.target)
			close(fd);
		else
			r.kept_target++;
	}
	__atomic_store_n(&r.stop, 1, __ATOMIC_RELEASE);
	ck_assert_int_eq(pthread_join(closer, NULL), 0);
	close(r.target);
	close(p[0]);
	close(p[1]);
	assert_no_thread_errors();
	st = stats();
	if (st.opens != st.releases) {
		char left[256] = "";
		int y;

		for (y = 0; y < 4096; y++)
			if (evlsim_is_sim_fd(y))
				snprintf(left + strlen(left), sizeof(left) - strlen(left), " %d", y);
		ck_abort_msg("%ld opens, %ld releases; target %d kept %ld; simulated fds left:%s",
			     st.opens, st.releases, r.target, r.kept_target, left);
	}
	ck_assert_ret(evlsim_module_refcount("testdrv"), 0);
}
END_TEST

static Suite *suite(void)
{
	Suite *s = suite_create("stress");
	TCase *tc;

	evlsim_check_fixture(setup, NULL);
	evlsim_check_modules("testdrv", "echo");
	tc = tcase("lifetime");
	tcase_set_timeout(tc, 60);
	tcase_add_test(tc, test_stress_oob_io_vs_open_close_same_node);
	tcase_add_test(tc, test_stress_oob_io_on_closing_fd);
	tcase_add_test(tc, test_stress_close_dup_under_each_other);
	tcase_add_test(tc, test_stress_fd_reuse_close_dup2_vs_open);
	suite_add_tcase(s, tc);

	return s;
}

int main(void)
{
	stress_seed = evlsim_check_seed();
	return evlsim_check_run(suite());
}
