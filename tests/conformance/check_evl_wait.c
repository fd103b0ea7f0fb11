// SPDX-License-Identifier: MIT
/*
 * check_evl_wait: the EVL wait services of spec 5.1-5.5 as oob handlers use them, proven
 * with real threads through the tevl test driver (tests/drivers/tevl-abi.h).
 *
 * Every return code of spec 5.1: 0, -EAGAIN (EVL_NONBLOCK on a false condition),
 * -ETIMEDOUT (relative, absolute, an absolute date already past fails at once, on the
 * monotonic and the realtime clock), -EIDRM (flush with EVL_T_RMID, destroy), -EINTR
 * (flush with EVL_T_BREAK), -ENOMEM (EVL_T_NOMEM), -ERESTARTSYS for a signal (a restart
 * with SA_RESTART, EINTR without; a signal received before the wait is a pending kick),
 * broadcasts returning 0 with the condition still false. Then the wait queue calls of 5.2
 * (evl_wait_event*, evl_add_wait_queue + evl_wait_schedule, wake_up_head, wake_up of a
 * given waiter, flush, destroy, wait_active, head), the flag of 5.3 (raise wakes all and
 * the first consumer wins, pulse does not latch, a latched raise is consumed without
 * blocking, peek/read/clear, every _nosched/_locked variant), the ksem of 5.4 and the
 * kmutex of 5.5 (exclusion, trylock, -EDEADLK, handoff order, destroy), FIFO versus
 * priority queuing, and waiters released across stages.
 *
 * Handshakes are deterministic: a test waits until the driver counts its waiters queued
 * (tevl_nr_waiters()), or until the driver's log shows a result, never on a bare sleep.
 */
#define _GNU_SOURCE
#include <errno.h>
#include <fcntl.h>
#include <pthread.h>
#include <signal.h>
#include <stdatomic.h>
#include <stdint.h>
#include <string.h>
#include <sys/ioctl.h>
#include <time.h>
#include <unistd.h>
#include <evl/evl.h>
#include <evlsim/evlsim.h>
#include "evlsim-check.h"
#include "../drivers/tevl-abi.h"

#define TEVL_DEV	"/dev/tevl"
#define ERESTARTSYS_VAL	512	/* the kernel's ERESTARTSYS, never seen by user space */
#define MS		1000000LL
#define HANDSHAKE_NS	(2000 * MS)	/* a handshake that takes longer is a failure */
#define SHORT_NS	(20 * MS)	/* the timeouts the tests let expire */
#define LONG_NS		(5000 * MS)	/* the timeouts the tests expect not to expire */

/* ---- helpers ------------------------------------------------------------------------- */

/* Polls @cond (a cheap driver accessor) until true; fails the test after HANDSHAKE_NS. */
#define WAIT_FOR(cond)		wait_until_ns(cond, HANDSHAKE_NS, 50)

static int tfd = -1;

static void setup(void)
{
	evlsim_check_setup();
	tfd = open_node(TEVL_DEV, O_RDWR);
}

static void teardown(void)
{
	int obj;

	for (obj = 0; obj < TEVL_OBJ_NR; obj++)
		ck_assert_int_eq(tevl_nr_waiters(obj), 0);
	close_fd(tfd);
	evlsim_check_teardown();
}

static void reset(unsigned int wq_flags, unsigned int wq_clock, unsigned int sem_value)
{
	struct tevl_reset r = { .wq_flags = wq_flags, .wq_clock = wq_clock,
				.sem_value = sem_value };

	ck_assert_call(ioctl(tfd, TEVL_IOC_RESET, &r), 0);
}

/* A waker request, from the in-band stage (ioctl) or out-of-band (oob_ioctl). */
static int wake_inband(unsigned long cmd, unsigned int how, int reason, unsigned int count)
{
	struct tevl_wake k = { .how = how, .reason = reason, .count = count };

	return ioctl(tfd, cmd, &k);
}

static int wake_oob(unsigned long cmd, unsigned int how, int reason, unsigned int count)
{
	struct tevl_wake k = { .how = how, .reason = reason, .count = count };

	return oob_ioctl(tfd, cmd, &k);
}

static struct tevl_wait wait_req(int id, int wprio, long long timeout, unsigned int tmode)
{
	return (struct tevl_wait){ .id = id, .wprio = wprio, .timeout = timeout,
				   .tmode = tmode };
}

/*
 * An actor: a thread attached to EVL as "w<id>" that issues one oob request, then,
 * when told to go, a second one (a mutex unlock). Its results are read after the join.
 */
struct actor {
	pthread_t tid;
	int id;
	unsigned long cmd, then_cmd;
	struct tevl_wait req, then_req;
	struct tevl_wake wake;
	int use_wake;			/* the first request takes ->wake, not ->req */
	int attach_ret;
	int ret, err, then_ret, then_err;
	long long t0, t1;		/* monotonic dates around the first request */
	long long rt1;			/* realtime date after it */
	unsigned long sleeps;		/* times it blocked during the first request */
	int inband_after;
	atomic_int done;		/* the first request returned */
	atomic_int go;
};

static void *actor_fn(void *arg)
{
	struct actor *a = arg;
	struct evlsim_thread_stats before, after;

	a->attach_ret = evl_attach_self("w%d", a->id);
	if (a->attach_ret < 0) {
		atomic_store(&a->done, 1);
		return NULL;
	}
	evlsim_get_thread_stats(&before);
	a->t0 = now_ns();
	errno = 0;
	a->ret = oob_ioctl(tfd, a->cmd, a->use_wake ? (void *)&a->wake : (void *)&a->req);
	a->err = errno;
	a->t1 = now_ns();
	a->rt1 = clock_ns(CLOCK_REALTIME);
	evlsim_get_thread_stats(&after);
	a->sleeps = after.sleeps - before.sleeps;
	a->inband_after = evl_is_inband();
	atomic_store(&a->done, 1);
	if (a->then_cmd) {
		while (!atomic_load(&a->go))
			usleep(50);
		errno = 0;
		a->then_ret = oob_ioctl(tfd, a->then_cmd, &a->then_req);
		a->then_err = errno;
	}
	evl_detach_self();
	return NULL;
}

static void prepare(struct actor *a, int id, unsigned long cmd, struct tevl_wait req)
{
	memset(a, 0, sizeof(*a));
	a->id = id;
	a->cmd = cmd;
	a->req = req;
}

static void launch(struct actor *a)
{
	ck_assert_int_eq(pthread_create(&a->tid, NULL, actor_fn, a), 0);
}

static void start(struct actor *a, int id, unsigned long cmd, struct tevl_wait req)
{
	prepare(a, id, cmd, req);
	launch(a);
}

/* starts a waiter and returns once the driver counts @nr waiters on @obj */
static void start_queued(struct actor *a, int id, unsigned long cmd, struct tevl_wait req,
			 int obj, int nr)
{
	start(a, id, cmd, req);
	WAIT_FOR(tevl_nr_waiters(obj) == nr);
}

static void join(struct actor *a)
{
	ck_assert_int_eq(pthread_join(a->tid, NULL), 0);
	ck_assert_msg(a->attach_ret >= 0, "w%d: evl_attach_self: %s", a->id,
		      strerror(-a->attach_ret));
}

/* the actor's request returned -1/@err, or @ret >= 0 */
static void expect(struct actor *a, int ret)
{
	join(a);
	if (ret < 0)
		ck_assert_msg(a->ret == -1 && a->err == -ret,
			      "w%d: expected -1/%s, got %d/%s", a->id, strerror(-ret), a->ret,
			      a->ret == -1 ? strerror(a->err) : "-");
	else
		ck_assert_msg(a->ret == ret, "w%d: expected %d, got %d (%s)", a->id, ret, a->ret,
			      a->ret == -1 ? strerror(a->err) : "no error");
}

/* the driver's log entry of @id's wait (the last one if several) */
static struct tevl_log_entry log_of(int id)
{
	struct tevl_log_entry log[64], e = { .id = -1 };
	int n = tevl_get_log(log, 64), i;

	for (i = 0; i < n && i < 64; i++)
		if (log[i].id == id)
			e = log[i];
	ck_assert_msg(e.id == id, "no log entry for w%d", id);
	return e;
}

/* the ids of the log, in order, as a string: "3 1 2" */
static const char *log_ids(void)
{
	static char buf[256];
	struct tevl_log_entry log[64];
	int n = tevl_get_log(log, 64), i, off = 0;

	buf[0] = '\0';
	for (i = 0; i < n && i < 64; i++)
		off += snprintf(buf + off, sizeof(buf) - off, "%s%d", i ? " " : "", log[i].id);
	return buf;
}

/* the names of the threads queued on @obj, head first: "w2 w3 w1" */
static const char *queue_names(int obj)
{
	static char buf[256];
	char names[16][32];
	int n = tevl_waiter_names(obj, names, 16), i, off = 0;

	buf[0] = '\0';
	for (i = 0; i < n; i++)
		off += snprintf(buf + off, sizeof(buf) - off, "%s%s", i ? " " : "", names[i]);
	return buf;
}

static void expect_log(int id, int ret, int got)
{
	struct tevl_log_entry e = log_of(id);

	ck_assert_msg(e.ret == ret && e.got == got, "w%d: driver saw ret %d got %d, expected %d %d",
		      id, e.ret, e.got, ret, got);
}

/* ---- spec 5.1/5.2: wait queue, the universal wait result ---------------------------- */

START_TEST(test_wq_event_woken_returns_0)
{
	struct actor a;

	start_queued(&a, 1, TEVL_IOC_WQ_WAIT, wait_req(1, 0, TEVL_INFINITE, TEVL_REL),
		     TEVL_OBJ_WQ, 1);
	ck_assert_call(ioctl(tfd, TEVL_IOC_WQ_ACTIVE), 1);
	ck_assert_call(wake_inband(TEVL_IOC_WQ_POST, 0, 0, 1), 1);
	expect(&a, 0);
	expect_log(1, 0, 1);
	ck_assert_uint_eq(a.sleeps, 1);
	ck_assert_call(ioctl(tfd, TEVL_IOC_WQ_UNITS), 0);
	ck_assert_call(ioctl(tfd, TEVL_IOC_WQ_ACTIVE), 0);
	/* evaluated twice: before sleeping, after the wake-up */
	ck_assert_int_eq(tevl_cond_evals(TEVL_OBJ_WQ), 2);
}
END_TEST

START_TEST(test_wq_condition_true_no_sleep)
{
	struct evlsim_thread_stats before, after;
	struct tevl_wait w = wait_req(1, 0, TEVL_INFINITE, TEVL_REL);

	attach_as("tevl-main");
	ck_assert_call(wake_oob(TEVL_IOC_WQ_POST, 0, 0, 2), 0);	/* nobody to wake */
	evlsim_get_thread_stats(&before);
	ck_assert_call(oob_ioctl(tfd, TEVL_IOC_WQ_WAIT, &w), 0);
	ck_assert_call(oob_ioctl(tfd, TEVL_IOC_WQ_WAIT, &w), 0);
	evlsim_get_thread_stats(&after);
	ck_assert_uint_eq(after.sleeps - before.sleeps, 0);
	ck_assert_call(oob_ioctl(tfd, TEVL_IOC_WQ_UNITS), 0);
}
END_TEST

START_TEST(test_wq_nonblock_false_eagain)
{
	struct evlsim_thread_stats before, after;
	struct tevl_wait w = wait_req(7, 0, TEVL_NONBLOCK, TEVL_REL);

	attach_as("tevl-main");
	evlsim_get_thread_stats(&before);
	ck_assert_fails(oob_ioctl(tfd, TEVL_IOC_WQ_WAIT, &w), EAGAIN);
	evlsim_get_thread_stats(&after);
	ck_assert_uint_eq(after.sleeps - before.sleeps, 0);
	expect_log(7, -EAGAIN, 0);
	/* EVL_NONBLOCK with the condition true: the unit is taken */
	ck_assert_call(wake_oob(TEVL_IOC_WQ_POST, 0, 0, 1), 0);
	ck_assert_call(oob_ioctl(tfd, TEVL_IOC_WQ_WAIT, &w), 0);
	expect_log(7, 0, 1);
	ck_assert_int_eq(tevl_nr_waiters(TEVL_OBJ_WQ), 0);
}
END_TEST

START_TEST(test_wq_flush_rmid_eidrm)
{
	struct actor a[3];
	int i;

	for (i = 0; i < 3; i++)
		start_queued(&a[i], i, TEVL_IOC_WQ_WAIT, wait_req(i, 0, TEVL_INFINITE, TEVL_REL),
			     TEVL_OBJ_WQ, i + 1);
	ck_assert_call(wake_inband(TEVL_IOC_WQ_FLUSH, TEVL_CALL_PLAIN, TEVL_T_RMID, 0), 3);
	for (i = 0; i < 3; i++) {
		expect(&a[i], -EIDRM);
		expect_log(i, -EIDRM, 0);
	}
	ck_assert_call(wake_inband(TEVL_IOC_WQ_FLUSH, TEVL_CALL_PLAIN, TEVL_T_RMID, 0), 0);
}
END_TEST

START_TEST(test_wq_destroy_eidrm)
{
	struct actor a[2];
	int i;

	for (i = 0; i < 2; i++)
		start_queued(&a[i], i, TEVL_IOC_WQ_WAIT, wait_req(i, 0, LONG_NS, TEVL_REL),
			     TEVL_OBJ_WQ, i + 1);
	ck_assert_call(ioctl(tfd, TEVL_IOC_WQ_DESTROY), 0);
	for (i = 0; i < 2; i++)
		expect(&a[i], -EIDRM);
}
END_TEST

START_TEST(test_wq_flush_break_eintr)
{
	struct actor a[2];
	int i;

	for (i = 0; i < 2; i++)
		start_queued(&a[i], i, TEVL_IOC_WQ_WAIT, wait_req(i, 0, TEVL_INFINITE, TEVL_REL),
			     TEVL_OBJ_WQ, i + 1);
	/* evl_flush_wait_locked() under the driver's own locking */
	ck_assert_call(wake_inband(TEVL_IOC_WQ_FLUSH, TEVL_CALL_LOCKED, TEVL_T_BREAK, 0), 2);
	for (i = 0; i < 2; i++) {
		expect(&a[i], -EINTR);
		expect_log(i, -EINTR, 0);
		/* a forcible unblock is not a signal: the thread stays out-of-band */
		ck_assert_int_eq(a[i].inband_after, 0);
	}
}
END_TEST

START_TEST(test_wq_flush_nomem_enomem)
{
	struct actor a;

	start_queued(&a, 1, TEVL_IOC_WQ_WAIT, wait_req(1, 0, TEVL_INFINITE, TEVL_REL),
		     TEVL_OBJ_WQ, 1);
	ck_assert_call(wake_inband(TEVL_IOC_WQ_FLUSH, TEVL_CALL_PLAIN, TEVL_T_NOMEM, 0), 1);
	expect(&a, -ENOMEM);
}
END_TEST

/* EVL_T_RMID wins over every other bit, then NOMEM, then TIMEO, then BREAK */
START_TEST(test_wq_reason_precedence)
{
	static const struct { int reason, ret; } cases[] = {
		{ TEVL_T_RMID | TEVL_T_NOMEM | TEVL_T_TIMEO | TEVL_T_BREAK, -EIDRM },
		{ TEVL_T_NOMEM | TEVL_T_TIMEO | TEVL_T_BREAK, -ENOMEM },
		{ TEVL_T_TIMEO | TEVL_T_BREAK, -ETIMEDOUT },
		{ TEVL_T_BREAK | TEVL_T_BCAST, -EINTR },
	};
	struct actor a;
	unsigned int i;

	for (i = 0; i < sizeof(cases) / sizeof(cases[0]); i++) {
		start_queued(&a, i, TEVL_IOC_WQ_WAIT, wait_req(i, 0, TEVL_INFINITE, TEVL_REL),
			     TEVL_OBJ_WQ, 1);
		ck_assert_call(wake_inband(TEVL_IOC_WQ_FLUSH, TEVL_CALL_PLAIN, cases[i].reason, 0),
			       1);
		expect(&a, cases[i].ret);
	}
}
END_TEST

START_TEST(test_wq_flush_bcast_returns_0_condition_false)
{
	struct actor a[3];
	int i;

	for (i = 0; i < 3; i++)
		start_queued(&a[i], i, TEVL_IOC_WQ_WAIT, wait_req(i, 0, TEVL_INFINITE, TEVL_REL),
			     TEVL_OBJ_WQ, i + 1);
	ck_assert_call(wake_inband(TEVL_IOC_WQ_FLUSH, TEVL_CALL_PLAIN, TEVL_T_BCAST, 0), 3);
	for (i = 0; i < 3; i++) {
		expect(&a[i], 0);
		expect_log(i, 0, 0);	/* returned 0 without a unit */
	}
	ck_assert_call(ioctl(tfd, TEVL_IOC_WQ_UNITS), 0);
}
END_TEST

/* reason 0: every waiter re-checks its condition, finds it false and waits again */
START_TEST(test_wq_flush_no_reason_waits_again)
{
	struct actor a[3];
	int i;

	for (i = 0; i < 3; i++)
		start_queued(&a[i], i, TEVL_IOC_WQ_WAIT, wait_req(i, 0, TEVL_INFINITE, TEVL_REL),
			     TEVL_OBJ_WQ, i + 1);
	ck_assert_int_eq(tevl_cond_evals(TEVL_OBJ_WQ), 3);
	ck_assert_call(wake_inband(TEVL_IOC_WQ_FLUSH, TEVL_CALL_PLAIN, 0, 0), 3);
	WAIT_FOR(tevl_cond_evals(TEVL_OBJ_WQ) == 6 && tevl_nr_waiters(TEVL_OBJ_WQ) == 3);
	ck_assert_int_eq(tevl_log_len(), 0);
	ck_assert_call(wake_inband(TEVL_IOC_WQ_POST, 0, 0, 3), 3);
	for (i = 0; i < 3; i++) {
		expect(&a[i], 0);
		expect_log(i, 0, 1);
		ck_assert_uint_eq(a[i].sleeps, 2);
	}
}
END_TEST

/* evl_wake_up_head() without a unit: a spurious wake-up, the waiter sleeps again */
START_TEST(test_wq_wake_head_rechecks)
{
	struct actor a;

	ck_assert_call(ioctl(tfd, TEVL_IOC_WQ_WAKE_HEAD), 0);	/* nobody: NULL */
	start_queued(&a, 1, TEVL_IOC_WQ_WAIT, wait_req(1, 0, TEVL_INFINITE, TEVL_REL),
		     TEVL_OBJ_WQ, 1);
	ck_assert_call(ioctl(tfd, TEVL_IOC_WQ_WAKE_HEAD), 1);
	WAIT_FOR(tevl_cond_evals(TEVL_OBJ_WQ) == 2 && tevl_nr_waiters(TEVL_OBJ_WQ) == 1);
	ck_assert_int_eq(tevl_log_len(), 0);
	ck_assert_call(wake_inband(TEVL_IOC_WQ_POST, 0, 0, 1), 1);
	expect(&a, 0);
	ck_assert_uint_eq(a.sleeps, 2);
}
END_TEST

/* evl_wake_up() of a given waiter (the tail) with a reason; the head stays queued */
START_TEST(test_wq_wake_up_given_waiter)
{
	struct actor a[2];

	reset(TEVL_WQ_FIFO, TEVL_CLOCK_MONO, 0);
	start_queued(&a[0], 0, TEVL_IOC_WQ_WAIT, wait_req(0, 0, TEVL_INFINITE, TEVL_REL),
		     TEVL_OBJ_WQ, 1);
	start_queued(&a[1], 1, TEVL_IOC_WQ_WAIT, wait_req(1, 0, TEVL_INFINITE, TEVL_REL),
		     TEVL_OBJ_WQ, 2);
	ck_assert_str_eq(queue_names(TEVL_OBJ_WQ), "w0 w1");
	ck_assert_call(wake_inband(TEVL_IOC_WQ_WAKE_TAIL, 0, TEVL_T_BREAK, 0), 1);
	expect(&a[1], -EINTR);
	ck_assert_str_eq(queue_names(TEVL_OBJ_WQ), "w0");
	ck_assert_call(wake_inband(TEVL_IOC_WQ_WAKE_TAIL, 0, TEVL_T_RMID, 0), 1);
	expect(&a[0], -EIDRM);
	ck_assert_call(wake_inband(TEVL_IOC_WQ_WAKE_TAIL, 0, TEVL_T_RMID, 0), 0);
}
END_TEST

/*
 * evl_wake_up() of a waiter picked earlier that has left the queue since and now waits
 * elsewhere: nothing happens to it (it is neither unlinked from the other channel nor
 * woken there), as evl_wakeup_thread() does for a thread not pending.
 */
START_TEST(test_wq_wake_up_stale_waiter_ignored)
{
	struct tevl_log_entry log[4];
	struct actor a;

	prepare(&a, 1, TEVL_IOC_WQ_WAIT, wait_req(1, 0, TEVL_INFINITE, TEVL_REL));
	a.then_cmd = TEVL_IOC_FLAG_WAIT;
	a.then_req = wait_req(1, 0, TEVL_INFINITE, TEVL_REL);
	launch(&a);
	WAIT_FOR(tevl_nr_waiters(TEVL_OBJ_WQ) == 1);
	ck_assert_call(ioctl(tfd, TEVL_IOC_WQ_SAVE_HEAD), 1);
	ck_assert_call(wake_inband(TEVL_IOC_WQ_FLUSH, TEVL_CALL_PLAIN, TEVL_T_BREAK, 0), 1);
	WAIT_FOR(atomic_load(&a.done));
	ck_assert_int_eq(a.ret, -1);
	ck_assert_int_eq(a.err, EINTR);
	atomic_store(&a.go, 1);
	WAIT_FOR(tevl_nr_waiters(TEVL_OBJ_FLAG) == 1);
	/* the wait queue is empty: evl_wake_up() returns NULL, the flag waiter stays */
	ck_assert_call(wake_inband(TEVL_IOC_WQ_WAKE_SAVED, 0, TEVL_T_RMID, 0), 0);
	ck_assert_int_eq(tevl_nr_waiters(TEVL_OBJ_FLAG), 1);
	ck_assert_str_eq(queue_names(TEVL_OBJ_FLAG), "w1");
	ck_assert_int_eq(tevl_log_len(), 1);
	ck_assert_call(wake_inband(TEVL_IOC_FLAG_RAISE, TEVL_CALL_PLAIN, 0, 0), 0);
	join(&a);
	ck_assert_int_eq(a.then_ret, 0);
	ck_assert_int_eq(tevl_get_log(log, 4), 2);
	ck_assert_int_eq(log[0].ret, -EINTR);
	ck_assert_int_eq(log[1].ret, 0);	/* no spurious -ERESTARTSYS in between */
	ck_assert_int_eq(log[1].got, 1);
}
END_TEST

/* the open-coded wait: evl_add_wait_queue() under the lock, then evl_wait_schedule() */
START_TEST(test_wq_open_coded_wait)
{
	struct tevl_wait w;
	struct actor a;
	long long t0;

	w = wait_req(1, 0, TEVL_INFINITE, TEVL_REL);
	w.raw = 1;
	start_queued(&a, 1, TEVL_IOC_WQ_WAIT, w, TEVL_OBJ_WQ, 1);
	ck_assert_call(ioctl(tfd, TEVL_IOC_WQ_WAKE_HEAD), 1);
	expect(&a, 0);
	expect_log(1, 0, 0);

	w = wait_req(2, 0, TEVL_INFINITE, TEVL_REL);
	w.raw = 1;
	start_queued(&a, 2, TEVL_IOC_WQ_WAIT, w, TEVL_OBJ_WQ, 1);
	ck_assert_call(wake_inband(TEVL_IOC_WQ_FLUSH, TEVL_CALL_PLAIN, TEVL_T_RMID, 0), 1);
	expect(&a, -EIDRM);

	attach_as("tevl-main");
	w = wait_req(3, 0, SHORT_NS, TEVL_REL);
	w.raw = 1;
	t0 = now_ns();
	ck_assert_fails(oob_ioctl(tfd, TEVL_IOC_WQ_WAIT, &w), ETIMEDOUT);
	ck_assert_int_ge(now_ns() - t0, SHORT_NS);

	w = wait_req(4, 0, tevl_read_clock(TEVL_CLOCK_MONO) - 1, TEVL_ABS);
	w.raw = 1;
	ck_assert_fails(oob_ioctl(tfd, TEVL_IOC_WQ_WAIT, &w), ETIMEDOUT);
	ck_assert_int_eq(tevl_nr_waiters(TEVL_OBJ_WQ), 0);
}
END_TEST

/* ---- spec 5.1: timeouts ---------------------------------------------------------------- */

START_TEST(test_timeout_relative)
{
	struct actor a;

	start(&a, 1, TEVL_IOC_WQ_WAIT, wait_req(1, 0, SHORT_NS, TEVL_REL));
	expect(&a, -ETIMEDOUT);
	expect_log(1, -ETIMEDOUT, 0);
	ck_assert_int_ge(a.t1 - a.t0, SHORT_NS);
	ck_assert_int_lt(a.t1 - a.t0, 900 * MS);
	ck_assert_uint_eq(a.sleeps, 1);
}
END_TEST

START_TEST(test_timeout_absolute)
{
	long long date = tevl_read_clock(TEVL_CLOCK_MONO) + SHORT_NS;
	struct actor a;

	start(&a, 1, TEVL_IOC_WQ_WAIT, wait_req(1, 0, date, TEVL_ABS));
	expect(&a, -ETIMEDOUT);
	ck_assert_int_ge(a.t1, date);
	ck_assert_int_lt(a.t1 - date, 900 * MS);
}
END_TEST

/* an absolute date already past fails at once, without queuing or sleeping */
START_TEST(test_timeout_absolute_past_fails_at_once)
{
	long long dates[] = { 1, tevl_read_clock(TEVL_CLOCK_MONO) - SHORT_NS,
			      tevl_read_clock(TEVL_CLOCK_MONO) };
	struct evlsim_thread_stats before, after;
	struct tevl_wait w;
	unsigned int i;

	attach_as("tevl-main");
	for (i = 0; i < sizeof(dates) / sizeof(dates[0]); i++) {
		w = wait_req(i, 0, dates[i], TEVL_ABS);
		evlsim_get_thread_stats(&before);
		ck_assert_fails(oob_ioctl(tfd, TEVL_IOC_WQ_WAIT, &w), ETIMEDOUT);
		ck_assert_fails(oob_ioctl(tfd, TEVL_IOC_FLAG_WAIT, &w), ETIMEDOUT);
		ck_assert_fails(oob_ioctl(tfd, TEVL_IOC_SEM_DOWN, &w), ETIMEDOUT);
		evlsim_get_thread_stats(&after);
		ck_assert_uint_eq(after.sleeps - before.sleeps, 0);
	}
	/* a condition already true wins over a past date: nothing to wait for */
	ck_assert_call(wake_oob(TEVL_IOC_WQ_POST, 0, 0, 1), 0);
	w = wait_req(9, 0, 1, TEVL_ABS);
	ck_assert_call(oob_ioctl(tfd, TEVL_IOC_WQ_WAIT, &w), 0);
}
END_TEST

/* an absolute date is a date on the wait queue's clock */
START_TEST(test_timeout_absolute_realtime_clock)
{
	struct evlsim_thread_stats before, after;
	struct tevl_wait w;
	struct actor a;
	long long date;

	reset(TEVL_WQ_PRIO, TEVL_CLOCK_REALTIME, 0);
	date = tevl_read_clock(TEVL_CLOCK_REALTIME) + SHORT_NS;
	start(&a, 1, TEVL_IOC_WQ_WAIT, wait_req(1, 0, date, TEVL_ABS));
	expect(&a, -ETIMEDOUT);
	ck_assert_int_ge(a.rt1, date);
	ck_assert_int_lt(a.rt1 - date, 900 * MS);

	/* a monotonic date in the future is decades in the past on the realtime clock */
	attach_as("tevl-main");
	w = wait_req(2, 0, tevl_read_clock(TEVL_CLOCK_MONO) + LONG_NS, TEVL_ABS);
	evlsim_get_thread_stats(&before);
	ck_assert_fails(oob_ioctl(tfd, TEVL_IOC_WQ_WAIT, &w), ETIMEDOUT);
	evlsim_get_thread_stats(&after);
	ck_assert_uint_eq(after.sleeps - before.sleeps, 0);
}
END_TEST

/* woken in time: the timeout does not fire */
START_TEST(test_timeout_woken_before_expiry)
{
	struct actor a, b;

	start_queued(&a, 1, TEVL_IOC_WQ_WAIT, wait_req(1, 0, LONG_NS, TEVL_REL), TEVL_OBJ_WQ, 1);
	start_queued(&b, 2, TEVL_IOC_WQ_WAIT,
		     wait_req(2, 0, tevl_read_clock(TEVL_CLOCK_MONO) + LONG_NS, TEVL_ABS),
		     TEVL_OBJ_WQ, 2);
	ck_assert_call(wake_inband(TEVL_IOC_WQ_POST, 0, 0, 2), 2);
	expect(&a, 0);
	expect(&b, 0);
	ck_assert_int_lt(a.t1 - a.t0, LONG_NS / 2);
}
END_TEST

/* a huge relative timeout saturates instead of wrapping into the past */
START_TEST(test_timeout_huge_relative_does_not_wrap)
{
	struct actor a;

	start_queued(&a, 1, TEVL_IOC_WQ_WAIT, wait_req(1, 0, TEVL_NONBLOCK - 1, TEVL_REL),
		     TEVL_OBJ_WQ, 1);
	ck_assert_call(wake_inband(TEVL_IOC_WQ_POST, 0, 0, 1), 1);
	expect(&a, 0);
}
END_TEST

/* ---- spec 5.1: signals: -ERESTARTSYS ---------------------------------------------------- */

static atomic_int sig_handled;

static void on_sigusr1(int sig)
{
	(void)sig;
	atomic_fetch_add(&sig_handled, 1);
}

static void install_sigusr1(int flags)
{
	catch_signal(SIGUSR1, on_sigusr1, flags);
	atomic_store(&sig_handled, 0);
}

/* a signal kicks the waiter: -ERESTARTSYS in the driver, EINTR without SA_RESTART */
static void signal_eintr(unsigned long cmd, int obj, struct tevl_wait req)
{
	struct actor a;

	install_sigusr1(0);
	start_queued(&a, 1, cmd, req, obj, 1);
	ck_assert_int_eq(pthread_kill(a.tid, SIGUSR1), 0);
	expect(&a, -EINTR);
	expect_log(1, -ERESTARTSYS_VAL, 0);
	ck_assert_int_eq(atomic_load(&sig_handled), 1);
	ck_assert_int_eq(a.inband_after, 1);	/* the signal demoted it (SIGDEMOTE) */
	ck_assert_int_eq(tevl_nr_waiters(obj), 0);
}

START_TEST(test_signal_wq_eintr)
{
	signal_eintr(TEVL_IOC_WQ_WAIT, TEVL_OBJ_WQ, wait_req(1, 0, TEVL_INFINITE, TEVL_REL));
}
END_TEST

START_TEST(test_signal_flag_timed_eintr)
{
	signal_eintr(TEVL_IOC_FLAG_WAIT, TEVL_OBJ_FLAG, wait_req(1, 0, LONG_NS, TEVL_REL));
}
END_TEST

START_TEST(test_signal_sem_eintr)
{
	signal_eintr(TEVL_IOC_SEM_DOWN, TEVL_OBJ_SEM, wait_req(1, 0, TEVL_INFINITE, TEVL_REL));
}
END_TEST

/* evl_unblock_thread() ends a driver's EVL wait with -EINTR (EVL_T_BREAK); no demotion */
START_TEST(test_unblock_flag_wait_eintr)
{
	struct actor a;

	start_queued(&a, 1, TEVL_IOC_FLAG_WAIT, wait_req(1, 0, TEVL_INFINITE, TEVL_REL),
		     TEVL_OBJ_FLAG, 1);
	ck_assert_ret(evl_unblock_thread(a.attach_ret), 0);
	expect(&a, -EINTR);
	expect_log(1, -EINTR, 0);
	ck_assert_int_eq(a.inband_after, 0);
	ck_assert_int_eq(tevl_nr_waiters(TEVL_OBJ_FLAG), 0);
}
END_TEST

/* evl_demote_thread(): the same, and the thread is in-band when its call returns */
START_TEST(test_demote_sem_wait_eintr_inband)
{
	struct actor a;

	start_queued(&a, 1, TEVL_IOC_SEM_DOWN, wait_req(1, 0, TEVL_INFINITE, TEVL_REL),
		     TEVL_OBJ_SEM, 1);
	ck_assert_ret(evl_demote_thread(a.attach_ret), 0);
	expect(&a, -EINTR);
	expect_log(1, -EINTR, 0);
	ck_assert_int_eq(a.inband_after, 1);
	ck_assert_int_eq(tevl_nr_waiters(TEVL_OBJ_SEM), 0);
}
END_TEST

static void lock_actor(struct actor *a, int id, int wprio)
{
	prepare(a, id, TEVL_IOC_MUTEX_LOCK, wait_req(id, wprio, 0, 0));
	a->then_cmd = TEVL_IOC_MUTEX_UNLOCK;
	launch(a);
}

START_TEST(test_signal_mutex_eintr)
{
	struct actor h;

	lock_actor(&h, 0, 0);
	WAIT_FOR(atomic_load(&h.done));
	signal_eintr(TEVL_IOC_MUTEX_LOCK, TEVL_OBJ_MUTEX, wait_req(1, 0, 0, 0));
	atomic_store(&h.go, 1);
	join(&h);
	ck_assert_int_eq(h.then_ret, 0);
}
END_TEST

/* with SA_RESTART the oob call is restarted and waits again, then completes */
START_TEST(test_signal_sa_restart_restarts)
{
	struct tevl_log_entry log[4];
	struct actor a;

	install_sigusr1(SA_RESTART);
	start_queued(&a, 1, TEVL_IOC_WQ_WAIT, wait_req(1, 0, TEVL_INFINITE, TEVL_REL),
		     TEVL_OBJ_WQ, 1);
	ck_assert_int_eq(pthread_kill(a.tid, SIGUSR1), 0);
	WAIT_FOR(tevl_log_len() == 1 && tevl_nr_waiters(TEVL_OBJ_WQ) == 1);
	ck_assert_int_eq(atomic_load(&sig_handled), 1);
	ck_assert_call(wake_inband(TEVL_IOC_WQ_POST, 0, 0, 1), 1);
	expect(&a, 0);
	ck_assert_int_eq(tevl_get_log(log, 4), 2);
	ck_assert_int_eq(log[0].ret, -ERESTARTSYS_VAL);
	ck_assert_int_eq(log[1].ret, 0);
	ck_assert_int_eq(log[1].got, 1);
	ck_assert_int_eq(a.inband_after, 0);	/* the restarted call switched oob again */
}
END_TEST

/*
 * A signal that arrives after the oob call entered but before the wait is a pending kick
 * (EVL_T_KICKED): the wait does not sleep at all and fails with -ERESTARTSYS. The
 * handler runs when the call returns, not while the driver runs (signal_pending() is
 * true meanwhile).
 */
START_TEST(test_signal_pending_kick_before_wait)
{
	struct tevl_wait w = wait_req(1, 0, TEVL_INFINITE, TEVL_REL);
	struct actor a;

	install_sigusr1(0);
	w.gate = 1;
	start(&a, 1, TEVL_IOC_WQ_WAIT, w);
	WAIT_FOR(tevl_at_gate() == 1);
	ck_assert_int_eq(pthread_kill(a.tid, SIGUSR1), 0);
	/* pending: its handler runs on the way back to user space */
	WAIT_FOR(tevl_gate_signal_pending() == 1);
	ck_assert_int_eq(atomic_load(&sig_handled), 0);
	tevl_open_gate();
	expect(&a, -EINTR);
	ck_assert_int_eq(atomic_load(&sig_handled), 1);
	expect_log(1, -ERESTARTSYS_VAL, 0);
	ck_assert_uint_eq(a.sleeps, 0);
	ck_assert_int_eq(tevl_cond_evals(TEVL_OBJ_WQ), 1);
}
END_TEST

/* ... and with SA_RESTART, the restarted call waits normally */
START_TEST(test_signal_pending_kick_sa_restart)
{
	struct tevl_wait w = wait_req(1, 0, TEVL_INFINITE, TEVL_REL);
	struct actor a;

	install_sigusr1(SA_RESTART);
	w.gate = 1;
	start(&a, 1, TEVL_IOC_SEM_DOWN, w);
	WAIT_FOR(tevl_at_gate() == 1);
	ck_assert_int_eq(pthread_kill(a.tid, SIGUSR1), 0);
	WAIT_FOR(tevl_gate_signal_pending() == 1);
	ck_assert_int_eq(atomic_load(&sig_handled), 0);
	tevl_open_gate();
	WAIT_FOR(tevl_log_len() == 1 && tevl_nr_waiters(TEVL_OBJ_SEM) == 1);
	ck_assert_int_eq(atomic_load(&sig_handled), 1);	/* ran before the restart */
	expect_log(1, -ERESTARTSYS_VAL, 0);
	ck_assert_call(ioctl(tfd, TEVL_IOC_SEM_UP), 0);
	expect(&a, 0);
	expect_log(1, 0, 1);
}
END_TEST

/*
 * The handler of a signal queued with a value while the thread runs inside the driver
 * runs once the call returned, as the kernel runs it on the return to user space: with
 * its siginfo (SI_QUEUE, the value), a ucontext, its sa_mask and its own signal blocked,
 * on the thread the signal was sent to.
 */
static struct {
	atomic_int calls, signo, code, value, had_uc, usr2_blocked, self_blocked, gate_count;
} siginfo_seen;

static void on_sigusr1_info(int sig, siginfo_t *si, void *uc)
{
	sigset_t now;

	pthread_sigmask(SIG_SETMASK, NULL, &now);
	atomic_store(&siginfo_seen.signo, si->si_signo);
	atomic_store(&siginfo_seen.code, si->si_code);
	atomic_store(&siginfo_seen.value, si->si_value.sival_int);
	atomic_store(&siginfo_seen.had_uc, uc != NULL);
	atomic_store(&siginfo_seen.usr2_blocked, sigismember(&now, SIGUSR2));
	atomic_store(&siginfo_seen.self_blocked, sigismember(&now, sig));
	atomic_store(&siginfo_seen.gate_count, tevl_at_gate());
	atomic_fetch_add(&siginfo_seen.calls, 1);
}

START_TEST(test_signal_deferred_handler_gets_siginfo)
{
	struct tevl_wait w = wait_req(1, 0, TEVL_INFINITE, TEVL_REL);
	union sigval v = { .sival_int = 4242 };
	struct sigaction sa;
	struct actor a;

	memset(&sa, 0, sizeof(sa));
	memset(&siginfo_seen, 0, sizeof(siginfo_seen));
	sa.sa_sigaction = on_sigusr1_info;
	sa.sa_flags = SA_SIGINFO;
	sigemptyset(&sa.sa_mask);
	sigaddset(&sa.sa_mask, SIGUSR2);
	ck_assert_call(sigaction(SIGUSR1, &sa, NULL), 0);
	w.gate = 1;
	start(&a, 1, TEVL_IOC_WQ_WAIT, w);
	WAIT_FOR(tevl_at_gate() == 1);
	ck_assert_int_eq(pthread_sigqueue(a.tid, SIGUSR1, v), 0);
	WAIT_FOR(tevl_gate_signal_pending() == 1);
	ck_assert_int_eq(atomic_load(&siginfo_seen.calls), 0);	/* not inside the driver */
	tevl_open_gate();
	expect(&a, -EINTR);
	ck_assert_int_eq(atomic_load(&siginfo_seen.calls), 1);
	ck_assert_int_eq(atomic_load(&siginfo_seen.signo), SIGUSR1);
	ck_assert_int_eq(atomic_load(&siginfo_seen.code), SI_QUEUE);
	ck_assert_int_eq(atomic_load(&siginfo_seen.value), 4242);
	ck_assert_int_eq(atomic_load(&siginfo_seen.had_uc), 1);
	ck_assert_int_eq(atomic_load(&siginfo_seen.usr2_blocked), 1);
	ck_assert_int_eq(atomic_load(&siginfo_seen.self_blocked), 1);
	ck_assert_int_eq(atomic_load(&siginfo_seen.gate_count), 0);	/* out of the driver */
	ck_assert_int_eq(a.inband_after, 1);
}
END_TEST

/* ---- spec 5.3: flag ---------------------------------------------------------------------- */

START_TEST(test_flag_raise_wakes_waiter)
{
	struct actor a;

	start_queued(&a, 1, TEVL_IOC_FLAG_WAIT, wait_req(1, 0, TEVL_INFINITE, TEVL_REL),
		     TEVL_OBJ_FLAG, 1);
	ck_assert_call(wake_inband(TEVL_IOC_FLAG_RAISE, TEVL_CALL_PLAIN, 0, 0), 0);
	expect(&a, 0);
	expect_log(1, 0, 1);
	ck_assert_call(ioctl(tfd, TEVL_IOC_FLAG_PEEK), 0);	/* consumed */
}
END_TEST

/* a raise with nobody waiting latches; the next wait consumes it without blocking */
START_TEST(test_flag_latched_raise_consumed_without_blocking)
{
	struct tevl_wait w = wait_req(1, 0, TEVL_INFINITE, TEVL_REL);
	struct evlsim_thread_stats before, after;

	attach_as("tevl-main");
	ck_assert_call(oob_ioctl(tfd, TEVL_IOC_FLAG_PEEK), 0);
	ck_assert_call(wake_oob(TEVL_IOC_FLAG_RAISE, TEVL_CALL_PLAIN, 0, 0), 0);
	ck_assert_call(oob_ioctl(tfd, TEVL_IOC_FLAG_PEEK), 1);
	ck_assert_call(oob_ioctl(tfd, TEVL_IOC_FLAG_PEEK), 1);	/* peeking does not consume */
	evlsim_get_thread_stats(&before);
	ck_assert_call(oob_ioctl(tfd, TEVL_IOC_FLAG_WAIT, &w), 0);
	evlsim_get_thread_stats(&after);
	ck_assert_uint_eq(after.sleeps - before.sleeps, 0);
	ck_assert_call(oob_ioctl(tfd, TEVL_IOC_FLAG_PEEK), 0);
	/* two raises latch once */
	ck_assert_call(wake_oob(TEVL_IOC_FLAG_RAISE, TEVL_CALL_NOSCHED, 0, 0), 0);
	ck_assert_call(wake_oob(TEVL_IOC_FLAG_RAISE, TEVL_CALL_LOCKED, 0, 0), 0);
	ck_assert_call(oob_ioctl(tfd, TEVL_IOC_FLAG_WAIT, &w), 0);
	w.timeout = TEVL_NONBLOCK;
	ck_assert_fails(oob_ioctl(tfd, TEVL_IOC_FLAG_WAIT, &w), EAGAIN);
}
END_TEST

/*
 * Raising wakes every waiter, the first to run consumes the event and the others wait
 * again: with 3 waiters and 3 raises, 1 + 2 + 3 sleeps in all. Each raise through another
 * variant (plain, _nosched, _locked).
 */
START_TEST(test_flag_raise_wakes_all_first_consumer_wins)
{
	static const unsigned int how[3] = { TEVL_CALL_PLAIN, TEVL_CALL_NOSCHED,
					     TEVL_CALL_LOCKED };
	struct actor a[3];
	unsigned long sleeps = 0;
	int i;

	for (i = 0; i < 3; i++)
		start_queued(&a[i], i, TEVL_IOC_FLAG_WAIT,
			     wait_req(i, 0, TEVL_INFINITE, TEVL_REL), TEVL_OBJ_FLAG, i + 1);
	for (i = 0; i < 3; i++) {
		ck_assert_call(wake_inband(TEVL_IOC_FLAG_RAISE, how[i], 0, 0), 0);
		WAIT_FOR(tevl_log_len() == i + 1 && tevl_nr_waiters(TEVL_OBJ_FLAG) == 2 - i);
		ck_assert_call(ioctl(tfd, TEVL_IOC_FLAG_PEEK), 0);
	}
	for (i = 0; i < 3; i++) {
		expect(&a[i], 0);
		expect_log(i, 0, 1);
		sleeps += a[i].sleeps;
	}
	ck_assert_uint_eq(sleeps, 1 + 2 + 3);
}
END_TEST

/* a pulse wakes every waiter with 0 (EVL_T_BCAST) and latches nothing */
START_TEST(test_flag_pulse_wakes_all_no_latch)
{
	static const unsigned int how[3] = { TEVL_CALL_PLAIN, TEVL_CALL_NOSCHED,
					     TEVL_CALL_LOCKED };
	struct tevl_wait nb = wait_req(9, 0, TEVL_NONBLOCK, TEVL_REL);
	struct actor a[3];
	int i, round;

	for (round = 0; round < 3; round++) {
		for (i = 0; i < 3; i++)
			start_queued(&a[i], 10 * round + i, TEVL_IOC_FLAG_WAIT,
				     wait_req(10 * round + i, 0, TEVL_INFINITE, TEVL_REL),
				     TEVL_OBJ_FLAG, i + 1);
		ck_assert_call(wake_inband(TEVL_IOC_FLAG_PULSE, how[round], 0, 0), 0);
		for (i = 0; i < 3; i++) {
			expect(&a[i], 0);
			expect_log(10 * round + i, 0, 0);
			ck_assert_uint_eq(a[i].sleeps, 1);
		}
		ck_assert_call(ioctl(tfd, TEVL_IOC_FLAG_PEEK), 0);
	}
	/* with nobody waiting, a pulse is lost */
	ck_assert_call(wake_inband(TEVL_IOC_FLAG_PULSE, TEVL_CALL_PLAIN, 0, 0), 0);
	ck_assert_call(ioctl(tfd, TEVL_IOC_FLAG_PEEK), 0);
	attach_as("tevl-main");
	ck_assert_fails(oob_ioctl(tfd, TEVL_IOC_FLAG_WAIT, &nb), EAGAIN);
}
END_TEST

START_TEST(test_flag_flush_codes)
{
	static const struct { unsigned int how; int reason, ret; } cases[] = {
		{ TEVL_CALL_PLAIN, TEVL_T_RMID, -EIDRM },
		{ TEVL_CALL_NOSCHED, TEVL_T_BREAK, -EINTR },
		{ TEVL_CALL_LOCKED, TEVL_T_NOMEM, -ENOMEM },
		{ TEVL_CALL_PLAIN, TEVL_T_BCAST, 0 },
	};
	struct actor a[2];
	unsigned int c;
	int i;

	for (c = 0; c < sizeof(cases) / sizeof(cases[0]); c++) {
		for (i = 0; i < 2; i++)
			start_queued(&a[i], i, TEVL_IOC_FLAG_WAIT,
				     wait_req(i, 0, TEVL_INFINITE, TEVL_REL), TEVL_OBJ_FLAG, i + 1);
		ck_assert_call(wake_inband(TEVL_IOC_FLAG_FLUSH, cases[c].how, cases[c].reason, 0),
			       0);
		for (i = 0; i < 2; i++)
			expect(&a[i], cases[c].ret);
		ck_assert_call(ioctl(tfd, TEVL_IOC_FLAG_PEEK), 0);
	}
}
END_TEST

START_TEST(test_flag_destroy_eidrm)
{
	struct actor a[2];
	int i;

	for (i = 0; i < 2; i++)
		start_queued(&a[i], i, TEVL_IOC_FLAG_WAIT, wait_req(i, 0, LONG_NS, TEVL_REL),
			     TEVL_OBJ_FLAG, i + 1);
	ck_assert_call(ioctl(tfd, TEVL_IOC_FLAG_DESTROY), 0);
	for (i = 0; i < 2; i++) {
		expect(&a[i], -EIDRM);
		expect_log(i, -EIDRM, 0);
	}
}
END_TEST

START_TEST(test_flag_peek_read_clear)
{
	attach_as("tevl-main");
	ck_assert_call(oob_ioctl(tfd, TEVL_IOC_FLAG_READ), 0);
	ck_assert_call(wake_oob(TEVL_IOC_FLAG_RAISE, TEVL_CALL_PLAIN, 0, 0), 0);
	ck_assert_call(oob_ioctl(tfd, TEVL_IOC_FLAG_READ), 1);	/* test-and-clear */
	ck_assert_call(oob_ioctl(tfd, TEVL_IOC_FLAG_READ), 0);
	ck_assert_call(oob_ioctl(tfd, TEVL_IOC_FLAG_PEEK), 0);
	ck_assert_call(wake_oob(TEVL_IOC_FLAG_RAISE, TEVL_CALL_PLAIN, 0, 0), 0);
	ck_assert_call(oob_ioctl(tfd, TEVL_IOC_FLAG_CLEAR), 0);
	ck_assert_call(oob_ioctl(tfd, TEVL_IOC_FLAG_PEEK), 0);
	ck_assert_call(oob_ioctl(tfd, TEVL_IOC_FLAG_CLEAR), 0);	/* clearing a clear flag */
	ck_assert_call(oob_ioctl(tfd, TEVL_IOC_FLAG_PEEK), 0);
	/* the same from in-band */
	ck_assert_call(wake_inband(TEVL_IOC_FLAG_RAISE, TEVL_CALL_PLAIN, 0, 0), 0);
	ck_assert_call(ioctl(tfd, TEVL_IOC_FLAG_PEEK), 1);
	ck_assert_call(ioctl(tfd, TEVL_IOC_FLAG_READ), 1);
	ck_assert_call(ioctl(tfd, TEVL_IOC_FLAG_PEEK), 0);
}
END_TEST

START_TEST(test_flag_timeouts_and_nonblock)
{
	struct tevl_wait w;
	long long t0;

	attach_as("tevl-main");
	w = wait_req(1, 0, TEVL_NONBLOCK, TEVL_REL);
	ck_assert_fails(oob_ioctl(tfd, TEVL_IOC_FLAG_WAIT, &w), EAGAIN);
	w = wait_req(2, 0, SHORT_NS, TEVL_REL);
	t0 = now_ns();
	ck_assert_fails(oob_ioctl(tfd, TEVL_IOC_FLAG_WAIT, &w), ETIMEDOUT);
	ck_assert_int_ge(now_ns() - t0, SHORT_NS);
	w = wait_req(3, 0, tevl_read_clock(TEVL_CLOCK_MONO) + SHORT_NS, TEVL_ABS);
	ck_assert_fails(oob_ioctl(tfd, TEVL_IOC_FLAG_WAIT, &w), ETIMEDOUT);
	ck_assert_int_ge(tevl_read_clock(TEVL_CLOCK_MONO), w.timeout);
	expect_log(3, -ETIMEDOUT, 0);
}
END_TEST

/* the flag's queue is by priority: evl_wait_flag_head() is the highest wprio */
START_TEST(test_flag_head_is_highest_priority)
{
	struct actor a[3];
	int i;

	ck_assert_int_eq(tevl_head_wprio(TEVL_OBJ_FLAG), -1000);
	start_queued(&a[0], 0, TEVL_IOC_FLAG_WAIT, wait_req(0, 2, TEVL_INFINITE, TEVL_REL),
		     TEVL_OBJ_FLAG, 1);
	ck_assert_int_eq(tevl_head_wprio(TEVL_OBJ_FLAG), 2);
	start_queued(&a[1], 1, TEVL_IOC_FLAG_WAIT, wait_req(1, 7, TEVL_INFINITE, TEVL_REL),
		     TEVL_OBJ_FLAG, 2);
	ck_assert_int_eq(tevl_head_wprio(TEVL_OBJ_FLAG), 7);
	start_queued(&a[2], 2, TEVL_IOC_FLAG_WAIT, wait_req(2, 4, TEVL_INFINITE, TEVL_REL),
		     TEVL_OBJ_FLAG, 3);
	ck_assert_str_eq(queue_names(TEVL_OBJ_FLAG), "w1 w2 w0");
	ck_assert_call(wake_inband(TEVL_IOC_FLAG_FLUSH, TEVL_CALL_PLAIN, TEVL_T_RMID, 0), 0);
	for (i = 0; i < 3; i++)
		expect(&a[i], -EIDRM);
}
END_TEST

/* ---- spec 5.4: kernel semaphore ------------------------------------------------------- */

START_TEST(test_sem_down_consumes_trydown)
{
	struct tevl_wait w = wait_req(1, 0, TEVL_INFINITE, TEVL_REL);
	struct evlsim_thread_stats before, after;

	reset(TEVL_WQ_PRIO, TEVL_CLOCK_MONO, 2);
	attach_as("tevl-main");
	ck_assert_call(oob_ioctl(tfd, TEVL_IOC_SEM_VALUE), 2);
	evlsim_get_thread_stats(&before);
	ck_assert_call(oob_ioctl(tfd, TEVL_IOC_SEM_DOWN, &w), 0);
	ck_assert_call(oob_ioctl(tfd, TEVL_IOC_SEM_VALUE), 1);
	ck_assert_call(oob_ioctl(tfd, TEVL_IOC_SEM_TRYDOWN), 0);
	evlsim_get_thread_stats(&after);
	ck_assert_uint_eq(after.sleeps - before.sleeps, 0);
	ck_assert_call(oob_ioctl(tfd, TEVL_IOC_SEM_VALUE), 0);
	ck_assert_fails(oob_ioctl(tfd, TEVL_IOC_SEM_TRYDOWN), EAGAIN);
	w.timeout = TEVL_NONBLOCK;
	ck_assert_fails(oob_ioctl(tfd, TEVL_IOC_SEM_DOWN, &w), EAGAIN);
	/* up with nobody waiting: the unit stays for the next down */
	ck_assert_call(oob_ioctl(tfd, TEVL_IOC_SEM_UP), 0);
	ck_assert_call(oob_ioctl(tfd, TEVL_IOC_SEM_VALUE), 1);
	ck_assert_call(oob_ioctl(tfd, TEVL_IOC_SEM_DOWN, &w), 0);
	/* the spidev pattern: trydown from in-band (never blocks, no report) */
	ck_assert_call(ioctl(tfd, TEVL_IOC_SEM_UP), 0);
	ck_assert_call(ioctl(tfd, TEVL_IOC_SEM_TRYDOWN), 0);
	ck_assert_fails(ioctl(tfd, TEVL_IOC_SEM_TRYDOWN), EAGAIN);
}
END_TEST

/* evl_up() wakes the head waiter only; it takes the unit */
START_TEST(test_sem_up_wakes_head)
{
	struct actor a[2];

	start_queued(&a[0], 0, TEVL_IOC_SEM_DOWN, wait_req(0, 0, TEVL_INFINITE, TEVL_REL),
		     TEVL_OBJ_SEM, 1);
	start_queued(&a[1], 1, TEVL_IOC_SEM_DOWN, wait_req(1, 0, TEVL_INFINITE, TEVL_REL),
		     TEVL_OBJ_SEM, 2);
	ck_assert_call(ioctl(tfd, TEVL_IOC_SEM_UP), 0);
	expect(&a[0], 0);
	expect_log(0, 0, 1);
	ck_assert_int_eq(tevl_nr_waiters(TEVL_OBJ_SEM), 1);
	ck_assert_str_eq(queue_names(TEVL_OBJ_SEM), "w1");
	ck_assert_call(ioctl(tfd, TEVL_IOC_SEM_VALUE), 0);
	ck_assert_call(ioctl(tfd, TEVL_IOC_SEM_UP), 0);
	expect(&a[1], 0);
	ck_assert_call(ioctl(tfd, TEVL_IOC_SEM_VALUE), 0);
	ck_assert_uint_eq(a[0].sleeps, 1);
	ck_assert_uint_eq(a[1].sleeps, 1);
}
END_TEST

/* evl_broadcast(): every waiter returns 0 without a unit; the count is reset */
START_TEST(test_sem_broadcast)
{
	struct actor a[3];
	int i;

	for (i = 0; i < 3; i++)
		start_queued(&a[i], i, TEVL_IOC_SEM_DOWN, wait_req(i, 0, TEVL_INFINITE, TEVL_REL),
			     TEVL_OBJ_SEM, i + 1);
	ck_assert_call(ioctl(tfd, TEVL_IOC_SEM_BROADCAST), 0);
	for (i = 0; i < 3; i++) {
		expect(&a[i], 0);
		expect_log(i, 0, 0);
	}
	ck_assert_call(ioctl(tfd, TEVL_IOC_SEM_VALUE), 0);
	/* with nobody waiting, a broadcast leaves the count alone */
	ck_assert_call(ioctl(tfd, TEVL_IOC_SEM_UP), 0);
	ck_assert_call(ioctl(tfd, TEVL_IOC_SEM_UP), 0);
	ck_assert_call(ioctl(tfd, TEVL_IOC_SEM_BROADCAST), 0);
	ck_assert_call(ioctl(tfd, TEVL_IOC_SEM_VALUE), 2);
}
END_TEST

/* evl_down_timeout() takes an absolute date on the monotonic clock */
START_TEST(test_sem_down_timeout_absolute)
{
	struct tevl_wait w;
	struct actor a;
	long long date;

	date = tevl_read_clock(TEVL_CLOCK_MONO) + SHORT_NS;
	start(&a, 1, TEVL_IOC_SEM_DOWN, wait_req(1, 0, date, TEVL_REL /* ignored */));
	expect(&a, -ETIMEDOUT);
	ck_assert_int_ge(a.t1, date);
	ck_assert_int_lt(a.t1 - date, 900 * MS);

	/* a date in the past fails at once, even one that looks like a short delay */
	attach_as("tevl-main");
	w = wait_req(2, 0, SHORT_NS, TEVL_REL);
	ck_assert_fails(oob_ioctl(tfd, TEVL_IOC_SEM_DOWN, &w), ETIMEDOUT);

	/* in time */
	date = tevl_read_clock(TEVL_CLOCK_MONO) + LONG_NS;
	start_queued(&a, 3, TEVL_IOC_SEM_DOWN, wait_req(3, 0, date, TEVL_ABS), TEVL_OBJ_SEM, 1);
	ck_assert_call(oob_ioctl(tfd, TEVL_IOC_SEM_UP), 0);
	expect(&a, 0);
}
END_TEST

START_TEST(test_sem_destroy_eidrm)
{
	struct actor a[2];
	int i;

	for (i = 0; i < 2; i++)
		start_queued(&a[i], i, TEVL_IOC_SEM_DOWN, wait_req(i, 0, TEVL_INFINITE, TEVL_REL),
			     TEVL_OBJ_SEM, i + 1);
	ck_assert_call(ioctl(tfd, TEVL_IOC_SEM_DESTROY), 0);
	for (i = 0; i < 2; i++)
		expect(&a[i], -EIDRM);
}
END_TEST

/* ---- spec 5.5: kernel mutex ------------------------------------------------------------- */

/* mutual exclusion: 4 threads through a critical section with a window, no overlap */
START_TEST(test_mutex_exclusion)
{
	enum { THREADS = 4, ROUNDS = 300 };
	struct actor a[THREADS];
	int i;

	for (i = 0; i < THREADS; i++) {
		prepare(&a[i], i, TEVL_IOC_MUTEX_CS, wait_req(i, 0, 0, 0));
		a[i].use_wake = 1;
		a[i].wake.count = ROUNDS;
		launch(&a[i]);
	}
	for (i = 0; i < THREADS; i++)
		expect(&a[i], 0);
	ck_assert_int_eq(tevl_cs_overlaps(), 0);
	ck_assert_int_eq(tevl_cs_counter(), THREADS * ROUNDS);
}
END_TEST

START_TEST(test_mutex_trylock_busy_and_recursion)
{
	struct tevl_wait w = wait_req(5, 0, 0, 0);
	struct actor h;

	lock_actor(&h, 0, 0);
	WAIT_FOR(atomic_load(&h.done));
	ck_assert_int_eq(h.ret, 0);
	attach_as("tevl-main");
	ck_assert_fails(oob_ioctl(tfd, TEVL_IOC_MUTEX_TRYLOCK), EBUSY);
	atomic_store(&h.go, 1);
	join(&h);
	ck_assert_int_eq(h.then_ret, 0);

	ck_assert_call(oob_ioctl(tfd, TEVL_IOC_MUTEX_TRYLOCK), 0);
	ck_assert_fails(oob_ioctl(tfd, TEVL_IOC_MUTEX_TRYLOCK), EDEADLK);
	ck_assert_fails(oob_ioctl(tfd, TEVL_IOC_MUTEX_LOCK, &w), EDEADLK);
	ck_assert_call(oob_ioctl(tfd, TEVL_IOC_MUTEX_UNLOCK), 0);
	ck_assert_call(oob_ioctl(tfd, TEVL_IOC_MUTEX_LOCK, &w), 0);
	ck_assert_fails(oob_ioctl(tfd, TEVL_IOC_MUTEX_LOCK, &w), EDEADLK);
	ck_assert_call(oob_ioctl(tfd, TEVL_IOC_MUTEX_UNLOCK), 0);
	ck_assert_call(oob_ioctl(tfd, TEVL_IOC_MUTEX_TRYLOCK), 0);
	ck_assert_call(oob_ioctl(tfd, TEVL_IOC_MUTEX_UNLOCK), 0);
}
END_TEST

/*
 * Handoff: the owner's unlock hands the mutex to the head waiter, FIFO among equal
 * priorities, by priority otherwise. @prio[i] is the wprio of waiter i (queued in that
 * order); @order the expected owners after the holder (id 0).
 */
static void mutex_handoff(const int prio[3], const char *order)
{
	struct actor h, a[4];
	struct tevl_log_entry log[8];
	int i, n;

	lock_actor(&h, 0, 0);
	WAIT_FOR(tevl_log_len() == 1);
	for (i = 0; i < 3; i++) {
		lock_actor(&a[i + 1], i + 1, prio[i]);
		WAIT_FOR(tevl_nr_waiters(TEVL_OBJ_MUTEX) == i + 1);
	}
	atomic_store(&h.go, 1);
	join(&h);
	ck_assert_int_eq(h.then_ret, 0);
	for (n = 2; n <= 4; n++) {
		WAIT_FOR(tevl_log_len() == n);
		ck_assert_int_eq(tevl_get_log(log, 8), n);
		ck_assert_int_eq(log[n - 1].ret, 0);
		/* the new owner, and only it, got through */
		ck_assert_int_eq(tevl_nr_waiters(TEVL_OBJ_MUTEX), 4 - n);
		atomic_store(&a[log[n - 1].id].go, 1);
	}
	for (i = 1; i <= 3; i++) {
		expect(&a[i], 0);
		ck_assert_int_eq(a[i].then_ret, 0);
		ck_assert_uint_eq(a[i].sleeps, 1);
	}
	ck_assert_str_eq(log_ids(), order);
}

START_TEST(test_mutex_handoff_fifo_among_equals)
{
	static const int prio[3] = { 3, 3, 3 };

	mutex_handoff(prio, "0 1 2 3");
}
END_TEST

START_TEST(test_mutex_handoff_by_priority)
{
	static const int prio[3] = { 1, 5, 3 };

	mutex_handoff(prio, "0 2 3 1");
}
END_TEST

START_TEST(test_mutex_destroy_eidrm)
{
	struct actor h, a[2];
	int i;

	lock_actor(&h, 0, 0);
	WAIT_FOR(atomic_load(&h.done));
	for (i = 0; i < 2; i++)
		start_queued(&a[i], i + 1, TEVL_IOC_MUTEX_LOCK, wait_req(i + 1, 0, 0, 0),
			     TEVL_OBJ_MUTEX, i + 1);
	ck_assert_call(ioctl(tfd, TEVL_IOC_MUTEX_DESTROY), 0);
	for (i = 0; i < 2; i++) {
		expect(&a[i], -EIDRM);
		expect_log(i + 1, -EIDRM, 0);
	}
	atomic_store(&h.go, 1);
	join(&h);
}
END_TEST

/* unlocking a mutex one does not own is a driver bug: warned, nothing changes */
START_TEST(test_mutex_unlock_not_owner_warns)
{
	struct actor h;

	lock_actor(&h, 0, 0);
	WAIT_FOR(atomic_load(&h.done));
	attach_as("tevl-main");
	ck_assert_call(oob_ioctl(tfd, TEVL_IOC_MUTEX_UNLOCK), 0);
	ck_assert_uint_eq(evlsim_report_count(EVLSIM_REPORT_WARN), 1);
	evlsim_reset_reports();
	ck_assert_fails(oob_ioctl(tfd, TEVL_IOC_MUTEX_TRYLOCK), EBUSY);
	atomic_store(&h.go, 1);
	join(&h);
	ck_assert_int_eq(h.then_ret, 0);
	ck_assert_call(oob_ioctl(tfd, TEVL_IOC_MUTEX_TRYLOCK), 0);
	ck_assert_call(oob_ioctl(tfd, TEVL_IOC_MUTEX_UNLOCK), 0);
}
END_TEST

/* ---- spec 5.2: FIFO versus priority queuing ----------------------------------------------- */

/* queues waiters with @prio in that order, then serves them one unit at a time */
static void wq_order(unsigned int flags, const int *prio, int n, const char *queued,
		     const char *served)
{
	struct actor a[8];
	int i;

	reset(flags, TEVL_CLOCK_MONO, 0);
	for (i = 0; i < n; i++)
		start_queued(&a[i], i, TEVL_IOC_WQ_WAIT, wait_req(i, prio[i], TEVL_INFINITE,
								  TEVL_REL),
			     TEVL_OBJ_WQ, i + 1);
	ck_assert_str_eq(queue_names(TEVL_OBJ_WQ), queued);
	for (i = 0; i < n; i++) {
		ck_assert_call(wake_inband(TEVL_IOC_WQ_POST, 0, 0, 1), 1);
		WAIT_FOR(tevl_log_len() == i + 1);
	}
	for (i = 0; i < n; i++)
		expect(&a[i], 0);
	ck_assert_str_eq(log_ids(), served);
}

START_TEST(test_order_fifo_ignores_priority)
{
	static const int prio[4] = { 1, 5, 3, 3 };

	wq_order(TEVL_WQ_FIFO, prio, 4, "w0 w1 w2 w3", "0 1 2 3");
}
END_TEST

START_TEST(test_order_prio_then_fifo)
{
	static const int prio[4] = { 1, 5, 3, 3 };

	wq_order(TEVL_WQ_PRIO, prio, 4, "w1 w2 w3 w0", "1 2 3 0");
}
END_TEST

START_TEST(test_order_sem_by_priority)
{
	static const int prio[3] = { 1, 9, 5 };
	struct actor a[3];
	int i;

	for (i = 0; i < 3; i++)
		start_queued(&a[i], i, TEVL_IOC_SEM_DOWN,
			     wait_req(i, prio[i], TEVL_INFINITE, TEVL_REL), TEVL_OBJ_SEM, i + 1);
	ck_assert_int_eq(tevl_head_wprio(TEVL_OBJ_SEM), 9);
	for (i = 0; i < 3; i++) {
		ck_assert_call(ioctl(tfd, TEVL_IOC_SEM_UP), 0);
		WAIT_FOR(tevl_log_len() == i + 1);
	}
	for (i = 0; i < 3; i++)
		expect(&a[i], 0);
	ck_assert_str_eq(log_ids(), "1 2 0");
}
END_TEST

/* ---- stages ---------------------------------------------------------------------------- */

/* an oob waiter released by an in-band ioctl() of another, non-EVL thread */
START_TEST(test_stage_oob_waiter_woken_inband)
{
	struct actor a;

	start_queued(&a, 1, TEVL_IOC_FLAG_WAIT, wait_req(1, 0, TEVL_INFINITE, TEVL_REL),
		     TEVL_OBJ_FLAG, 1);
	ck_assert_int_eq(evl_get_self(), -1);	/* the waker is a plain in-band task */
	ck_assert_call(wake_inband(TEVL_IOC_FLAG_RAISE, TEVL_CALL_PLAIN, 0, 0), 0);
	expect(&a, 0);
	ck_assert_int_eq(a.inband_after, 0);
}
END_TEST

/* an oob waiter released by an oob_ioctl() of another EVL thread */
START_TEST(test_stage_oob_waiter_woken_oob)
{
	struct actor a;

	start_queued(&a, 1, TEVL_IOC_SEM_DOWN, wait_req(1, 0, TEVL_INFINITE, TEVL_REL),
		     TEVL_OBJ_SEM, 1);
	attach_as("tevl-main");
	ck_assert_call(oob_ioctl(tfd, TEVL_IOC_SEM_UP), 0);
	ck_assert_int_eq(evl_is_inband(), 0);
	expect(&a, 0);
}
END_TEST

/* an attached thread switched in-band by an ioctl() wakes an oob waiter, and back */
START_TEST(test_stage_waker_changes_stage)
{
	struct actor a, b;

	attach_as("tevl-main");
	start_queued(&a, 1, TEVL_IOC_WQ_WAIT, wait_req(1, 0, TEVL_INFINITE, TEVL_REL),
		     TEVL_OBJ_WQ, 1);
	ck_assert_call(wake_oob(TEVL_IOC_WQ_POST, 0, 0, 1), 1);
	expect(&a, 0);
	start_queued(&b, 2, TEVL_IOC_WQ_WAIT, wait_req(2, 0, TEVL_INFINITE, TEVL_REL),
		     TEVL_OBJ_WQ, 1);
	ck_assert_call(wake_inband(TEVL_IOC_WQ_POST, 0, 0, 1), 1);
	ck_assert_int_eq(evl_is_inband(), 1);
	expect(&b, 0);
}
END_TEST

/* waiting from the in-band stage breaks the golden rule: reported (a non-blocking
 * attempt, which never sleeps, is not) */
START_TEST(test_stage_inband_wait_reported)
{
	struct tevl_wait w = wait_req(1, 0, TEVL_NONBLOCK, TEVL_REL);

	ck_assert_fails(ioctl(tfd, TEVL_IOC_WQ_WAIT, &w), EAGAIN);
	ck_assert_uint_eq(evlsim_report_count(EVLSIM_REPORT_RULE), 0);
	w.timeout = MS;
	ck_assert_fails(ioctl(tfd, TEVL_IOC_WQ_WAIT, &w), ETIMEDOUT);
	ck_assert_uint_eq(evlsim_report_count(EVLSIM_REPORT_RULE), 1);
	evlsim_reset_reports();
}
END_TEST

/* ---- the rest ---------------------------------------------------------------------------- */

START_TEST(test_static_initializers)
{
	ck_assert_int_eq(tevl_check_static(), 0);
}
END_TEST

START_TEST(test_clocks)
{
	long long m0 = now_ns(), r0 = clock_ns(CLOCK_REALTIME);
	long long m = tevl_read_clock(TEVL_CLOCK_MONO), raw = tevl_read_clock(TEVL_CLOCK_MONO_RAW);
	long long r = tevl_read_clock(TEVL_CLOCK_REALTIME);

	ck_assert_int_ge(m, m0);
	ck_assert_int_lt(m - m0, 100 * MS);
	ck_assert_int_lt(llabs(raw - m), 100 * MS);
	ck_assert_int_ge(r, r0);
	ck_assert_int_lt(r - r0, 100 * MS);
}
END_TEST

START_TEST(test_reset_busy_with_waiters)
{
	struct tevl_reset r = { .wq_flags = TEVL_WQ_PRIO };
	struct actor a;

	start_queued(&a, 1, TEVL_IOC_WQ_WAIT, wait_req(1, 0, TEVL_INFINITE, TEVL_REL),
		     TEVL_OBJ_WQ, 1);
	ck_assert_fails(ioctl(tfd, TEVL_IOC_RESET, &r), EBUSY);
	ck_assert_call(wake_inband(TEVL_IOC_WQ_FLUSH, TEVL_CALL_PLAIN, TEVL_T_BREAK, 0), 1);
	expect(&a, -EINTR);
	ck_assert_call(ioctl(tfd, TEVL_IOC_RESET, &r), 0);
}
END_TEST

/* ---- suite ------------------------------------------------------------------------------ */

static Suite *suite(void)
{
	Suite *s = suite_create("evl_wait");
	TCase *tc;

	evlsim_check_fixture(setup, teardown);
	evlsim_check_modules("tevl");
	tc = tcase("waitqueue");
	tcase_add_test(tc, test_wq_event_woken_returns_0);
	tcase_add_test(tc, test_wq_condition_true_no_sleep);
	tcase_add_test(tc, test_wq_nonblock_false_eagain);
	tcase_add_test(tc, test_wq_flush_rmid_eidrm);
	tcase_add_test(tc, test_wq_destroy_eidrm);
	tcase_add_test(tc, test_wq_flush_break_eintr);
	tcase_add_test(tc, test_wq_flush_nomem_enomem);
	tcase_add_test(tc, test_wq_reason_precedence);
	tcase_add_test(tc, test_wq_flush_bcast_returns_0_condition_false);
	tcase_add_test(tc, test_wq_flush_no_reason_waits_again);
	tcase_add_test(tc, test_wq_wake_head_rechecks);
	tcase_add_test(tc, test_wq_wake_up_given_waiter);
	tcase_add_test(tc, test_wq_wake_up_stale_waiter_ignored);
	tcase_add_test(tc, test_wq_open_coded_wait);
	suite_add_tcase(s, tc);

	tc = tcase("timeout");
	tcase_add_test(tc, test_timeout_relative);
	tcase_add_test(tc, test_timeout_absolute);
	tcase_add_test(tc, test_timeout_absolute_past_fails_at_once);
	tcase_add_test(tc, test_timeout_absolute_realtime_clock);
	tcase_add_test(tc, test_timeout_woken_before_expiry);
	tcase_add_test(tc, test_timeout_huge_relative_does_not_wrap);
	suite_add_tcase(s, tc);

	tc = tcase("signal");
	tcase_add_test(tc, test_signal_wq_eintr);
	tcase_add_test(tc, test_signal_flag_timed_eintr);
	tcase_add_test(tc, test_signal_sem_eintr);
	tcase_add_test(tc, test_signal_mutex_eintr);
	tcase_add_test(tc, test_signal_sa_restart_restarts);
	tcase_add_test(tc, test_signal_pending_kick_before_wait);
	tcase_add_test(tc, test_signal_deferred_handler_gets_siginfo);
	tcase_add_test(tc, test_signal_pending_kick_sa_restart);
	suite_add_tcase(s, tc);

	tc = tcase("unblock");
	tcase_add_test(tc, test_unblock_flag_wait_eintr);
	tcase_add_test(tc, test_demote_sem_wait_eintr_inband);
	suite_add_tcase(s, tc);

	tc = tcase("flag");
	tcase_add_test(tc, test_flag_raise_wakes_waiter);
	tcase_add_test(tc, test_flag_latched_raise_consumed_without_blocking);
	tcase_add_test(tc, test_flag_raise_wakes_all_first_consumer_wins);
	tcase_add_test(tc, test_flag_pulse_wakes_all_no_latch);
	tcase_add_test(tc, test_flag_flush_codes);
	tcase_add_test(tc, test_flag_destroy_eidrm);
	tcase_add_test(tc, test_flag_peek_read_clear);
	tcase_add_test(tc, test_flag_timeouts_and_nonblock);
	tcase_add_test(tc, test_flag_head_is_highest_priority);
	suite_add_tcase(s, tc);

	tc = tcase("ksem");
	tcase_add_test(tc, test_sem_down_consumes_trydown);
	tcase_add_test(tc, test_sem_up_wakes_head);
	tcase_add_test(tc, test_sem_broadcast);
	tcase_add_test(tc, test_sem_down_timeout_absolute);
	tcase_add_test(tc, test_sem_destroy_eidrm);
	suite_add_tcase(s, tc);

	tc = tcase("kmutex");
	tcase_add_test(tc, test_mutex_exclusion);
	tcase_add_test(tc, test_mutex_trylock_busy_and_recursion);
	tcase_add_test(tc, test_mutex_handoff_fifo_among_equals);
	tcase_add_test(tc, test_mutex_handoff_by_priority);
	tcase_add_test(tc, test_mutex_destroy_eidrm);
	tcase_add_test(tc, test_mutex_unlock_not_owner_warns);
	suite_add_tcase(s, tc);

	tc = tcase("order");
	tcase_add_test(tc, test_order_fifo_ignores_priority);
	tcase_add_test(tc, test_order_prio_then_fifo);
	tcase_add_test(tc, test_order_sem_by_priority);
	suite_add_tcase(s, tc);

	tc = tcase("stage");
	tcase_add_test(tc, test_stage_oob_waiter_woken_inband);
	tcase_add_test(tc, test_stage_oob_waiter_woken_oob);
	tcase_add_test(tc, test_stage_waker_changes_stage);
	tcase_add_test(tc, test_stage_inband_wait_reported);
	suite_add_tcase(s, tc);

	tc = tcase("misc");
	tcase_add_test(tc, test_static_initializers);
	tcase_add_test(tc, test_clocks);
	tcase_add_test(tc, test_reset_busy_with_waiters);
	suite_add_tcase(s, tc);

	return s;
}

int main(void)
{
	return evlsim_check_run(suite());
}
