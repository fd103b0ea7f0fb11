// SPDX-License-Identifier: MIT
/*
 * check_inband_wait: in-band wait queues, completion timeouts, jiffies, and poll(2),
 * ppoll(2), select(2), pselect(2) on simulated files.
 *
 * The kernel side is tests/drivers/tpoll.c: its entry points wait with each wait_event*()
 * variant, wake with each wake_up*() variant and wait on a completion, from real test
 * threads; its /dev/tpoll node has a ->poll whose readiness the tests set, with a
 * wake_up_interruptible_poll() to the pollers. Every result is the kernel's exact value:
 * 0, -ERESTARTSYS, the jiffies left (at least 1) or 0 on timeout; for the system calls,
 * the count of ready descriptors (of set bits for select) and the errno of Linux (EINTR,
 * EBADF, EINVAL), ->revents and POLLNVAL as fs/select.c sets them. Simulated descriptors
 * are polled together with a pipe, an eventfd and a socketpair in the same call; a call
 * without simulated descriptors goes to the C library untouched.
 */
#define _GNU_SOURCE
#include <errno.h>
#include <fcntl.h>
#include <limits.h>
#include <poll.h>
#include <pthread.h>
#include <signal.h>
#include <stdint.h>
#include <string.h>
#include <sys/eventfd.h>
#include <sys/resource.h>
#include <sys/select.h>
#include <sys/socket.h>
#include <time.h>
#include <unistd.h>
#include <evl/evl.h>
#include <evlsim/evlsim.h>
#include "evlsim-check.h"
#include "../drivers/tpoll-abi.h"

#define TPOLL		"/dev/tpoll"
#define TPOLL_NOPOLL	"/dev/tpoll-nopoll"
#define ERESTARTSYS	512
#define JIFFY_MS	1		/* HZ = 1000 */

/* ---- helpers --------------------------------------------------------------------------- */

static long sig_hits;

static void on_signal(int sig)
{
	__atomic_add_fetch(&sig_hits, 1, __ATOMIC_RELAXED);
}

static void setup(void)
{
	struct sigaction sa;

	evlsim_reset_reports();
	ck_assert_ret(evlsim_load_module("tpoll"), 0);
	tpoll_reset();
	memset(&sa, 0, sizeof(sa));
	sa.sa_handler = on_signal;	/* no SA_RESTART */
	sigemptyset(&sa.sa_mask);
	ck_assert_call(sigaction(SIGUSR1, &sa, NULL), 0);
	__atomic_store_n(&sig_hits, 0, __ATOMIC_RELAXED);
}

static void teardown(void)
{
	ck_assert_ret(evlsim_unload_module("tpoll"), 0);
	ck_assert_no_reports();
}

static long now_ms(void)
{
	struct timespec ts;

	clock_gettime(CLOCK_MONOTONIC, &ts);
	return ts.tv_sec * 1000L + ts.tv_nsec / 1000000L;
}

static void sleep_ms(long ms)
{
	struct timespec ts = { ms / 1000, (ms % 1000) * 1000000L };

	while (nanosleep(&ts, &ts) && errno == EINTR)
		;
}

/* Waits (at most 2 s) until @fn() returns @n. */
static void wait_count(int (*fn)(void), int n)
{
	long end = now_ms() + 2000;

	while (fn() != n) {
		ck_assert_msg(now_ms() < end, "timed out waiting for %d (have %d)", n, fn());
		sleep_ms(1);
	}
}

static int open_node(const char *path)
{
	int fd = open(path, O_RDWR);

	ck_assert_msg(fd >= 0, "open(%s): %s", path, strerror(errno));
	ck_assert_int_eq(evlsim_is_sim_fd(fd), 1);
	return fd;
}

static long hits(void)
{
	return __atomic_load_n(&sig_hits, __ATOMIC_RELAXED);
}

/*
 * Sends SIGUSR1 to @tid until the handler ran @n times in all. One signal is enough
 * without sanitizers; ThreadSanitizer defers a handler until the thread's next atomic
 * operation, which a thread that was just entering a futex sleep never reaches: another
 * signal interrupts the futex and lets the first one through.
 */
static void signal_until(pthread_t tid, long n)
{
	long end = now_ms() + 2000;
	int i;

	for (;;) {
		ck_assert_int_eq(pthread_kill(tid, SIGUSR1), 0);
		for (i = 0; i < 50 && hits() < n; i++)
			sleep_ms(1);
		if (hits() >= n)
			return;
		ck_assert_msg(now_ms() < end, "the signal handler never ran");
	}
}

/* A thread running tpoll_wait() (or a completion wait). */
struct waiter {
	pthread_t tid;
	int variant;
	long timeout;
	int completion;
	long ret;
	long elapsed;
	int done;
};

static void *waiter_main(void *arg)
{
	struct waiter *w = arg;
	long t0 = now_ms();

	if (w->completion)
		w->ret = tpoll_wait_completion(w->variant, w->timeout);
	else
		w->ret = tpoll_wait(w->variant, w->timeout);
	w->elapsed = now_ms() - t0;
	__atomic_store_n(&w->done, 1, __ATOMIC_RELEASE);
	return NULL;
}

static void start_waiter(struct waiter *w, int variant, long timeout)
{
	w->variant = variant;
	w->timeout = timeout;
	w->done = 0;
	ck_assert_int_eq(pthread_create(&w->tid, NULL, waiter_main, w), 0);
}

static long join_waiter(struct waiter *w)
{
	ck_assert_int_eq(pthread_join(w->tid, NULL), 0);
	return w->ret;
}

static int is_done(struct waiter *w)
{
	return __atomic_load_n(&w->done, __ATOMIC_ACQUIRE);
}

/* ---- wait_event*(): the condition already true ------------------------------------------- */

START_TEST(test_wait_event_cond_true_returns_at_once)
{
	tpoll_cond_set(1);
	ck_assert_int_eq(tpoll_wait(TPOLL_WAIT_EVENT, 0), 0);
	ck_assert_int_eq(tpoll_wait(TPOLL_WAIT_INTERRUPTIBLE, 0), 0);
	ck_assert_int_eq(tpoll_wait(TPOLL_WAIT_KILLABLE, 0), 0);
	ck_assert_int_eq(tpoll_wait(TPOLL_WAIT_INTERRUPTIBLE_EXCLUSIVE, 0), 0);
	ck_assert_int_eq(tpoll_wait(TPOLL_WAIT_IDLE, 0), 0);
	ck_assert_int_eq(tpoll_wait(TPOLL_WAIT_IDLE_EXCLUSIVE, 0), 0);
	ck_assert_int_eq(tpoll_wait(TPOLL_WAIT_LOCK_IRQ, 0), 0);
	ck_assert_int_eq(tpoll_wait(TPOLL_WAIT_INTERRUPTIBLE_LOCK_IRQ, 0), 0);
	/* *_timeout: the whole timeout is left, and at least 1 */
	ck_assert_int_eq(tpoll_wait(TPOLL_WAIT_TIMEOUT, 100), 100);
	ck_assert_int_eq(tpoll_wait(TPOLL_WAIT_INTERRUPTIBLE_TIMEOUT, 100), 100);
	ck_assert_int_eq(tpoll_wait(TPOLL_WAIT_KILLABLE_TIMEOUT, 50), 50);
	ck_assert_int_eq(tpoll_wait(TPOLL_WAIT_IDLE_TIMEOUT, 7), 7);
	ck_assert_int_eq(tpoll_wait(TPOLL_WAIT_INTERRUPTIBLE_LOCK_IRQ_TIMEOUT, 9), 9);
	ck_assert_int_eq(tpoll_wait(TPOLL_WAIT_TIMEOUT, 0), 1);
	ck_assert_int_eq(tpoll_wait(TPOLL_WAIT_INTERRUPTIBLE_TIMEOUT, 0), 1);
	ck_assert_int_eq(tpoll_sleepers(), 0);
}
END_TEST

/* ---- timeouts ---------------------------------------------------------------------------- */

START_TEST(test_wait_event_timeout_expires_zero)
{
	static const int variants[] = {
		TPOLL_WAIT_TIMEOUT, TPOLL_WAIT_INTERRUPTIBLE_TIMEOUT,
		TPOLL_WAIT_KILLABLE_TIMEOUT, TPOLL_WAIT_IDLE_TIMEOUT,
		TPOLL_WAIT_INTERRUPTIBLE_LOCK_IRQ_TIMEOUT,
	};
	long t0, ret;
	unsigned int i;

	for (i = 0; i < sizeof(variants) / sizeof(variants[0]); i++) {
		t0 = now_ms();
		ret = tpoll_wait(variants[i], 20);
		ck_assert_msg(ret == 0, "variant %d: %ld", variants[i], ret);
		/* 20 jiffies end when jiffies has moved by 20: at least 19 ms */
		ck_assert_int_ge(now_ms() - t0, 19 * JIFFY_MS);
		ck_assert_int_lt(now_ms() - t0, 500);
		ck_assert_int_eq(tpoll_sleepers(), 0);
	}
	/* a zero timeout with a false condition: 0 at once */
	ck_assert_int_eq(tpoll_wait(TPOLL_WAIT_TIMEOUT, 0), 0);
	ck_assert_int_eq(tpoll_wait(TPOLL_WAIT_INTERRUPTIBLE_TIMEOUT, 0), 0);
}
END_TEST

/* ---- woken --------------------------------------------------------------------------------- */

START_TEST(test_wait_event_woken_returns_remaining)
{
	static const int variants[] = {
		TPOLL_WAIT_EVENT, TPOLL_WAIT_INTERRUPTIBLE, TPOLL_WAIT_KILLABLE,
		TPOLL_WAIT_IDLE, TPOLL_WAIT_LOCK_IRQ, TPOLL_WAIT_INTERRUPTIBLE_LOCK_IRQ,
		TPOLL_WAIT_TIMEOUT, TPOLL_WAIT_INTERRUPTIBLE_TIMEOUT,
		TPOLL_WAIT_KILLABLE_TIMEOUT, TPOLL_WAIT_IDLE_TIMEOUT,
		TPOLL_WAIT_INTERRUPTIBLE_LOCK_IRQ_TIMEOUT, TPOLL_WAIT_INTERRUPTIBLE_EXCLUSIVE,
	};
	struct waiter w = { 0 };
	unsigned int i;

	for (i = 0; i < sizeof(variants) / sizeof(variants[0]); i++) {
		tpoll_cond_set(0);
		start_waiter(&w, variants[i], 1000);
		wait_count(tpoll_sleepers, 1);
		ck_assert_int_eq(tpoll_has_sleeper(), 1);
		sleep_ms(5);
		ck_assert_int_eq(is_done(&w), 0);
		tpoll_cond_set(1);
		tpoll_wake(TPOLL_WAKE_UP);
		join_waiter(&w);
		if (variants[i] == TPOLL_WAIT_TIMEOUT ||
		    variants[i] == TPOLL_WAIT_INTERRUPTIBLE_TIMEOUT ||
		    variants[i] == TPOLL_WAIT_KILLABLE_TIMEOUT ||
		    variants[i] == TPOLL_WAIT_IDLE_TIMEOUT ||
		    variants[i] == TPOLL_WAIT_INTERRUPTIBLE_LOCK_IRQ_TIMEOUT) {
			/* the jiffies left: what the wait did not use, at least 1 */
			ck_assert_msg(w.ret >= 1 && w.ret <= 1000 - 4 &&
				      w.ret >= 1000 - w.elapsed - 2,
				      "variant %d: %ld left after %ld ms", variants[i], w.ret,
				      w.elapsed);
		} else {
			ck_assert_msg(w.ret == 0, "variant %d: %ld", variants[i], w.ret);
		}
		ck_assert_int_eq(tpoll_sleepers(), 0);
	}
	ck_assert_int_eq(tpoll_has_sleeper(), 0);
}
END_TEST

/* A wake-up without the condition: the waiter sleeps again. */
START_TEST(test_wait_event_spurious_wakeup_sleeps_again)
{
	struct waiter w = { 0 };

	start_waiter(&w, TPOLL_WAIT_INTERRUPTIBLE, 0);
	wait_count(tpoll_sleepers, 1);
	ck_assert_int_eq(tpoll_wake(TPOLL_WAKE_UP_ALL), 0);	/* no exclusive waiter */
	wait_count(tpoll_sleepers, 1);
	sleep_ms(10);
	ck_assert_int_eq(is_done(&w), 0);
	tpoll_cond_set(1);
	tpoll_wake(TPOLL_WAKE_UP);
	ck_assert_int_eq(join_waiter(&w), 0);
}
END_TEST

/* ---- signals ------------------------------------------------------------------------------ */

START_TEST(test_wait_event_interruptible_signal_erestartsys)
{
	static const int variants[] = {
		TPOLL_WAIT_INTERRUPTIBLE, TPOLL_WAIT_INTERRUPTIBLE_TIMEOUT,
		TPOLL_WAIT_INTERRUPTIBLE_EXCLUSIVE, TPOLL_WAIT_INTERRUPTIBLE_LOCK_IRQ,
		TPOLL_WAIT_INTERRUPTIBLE_LOCK_IRQ_TIMEOUT,
	};
	struct waiter w = { 0 };
	unsigned int i;

	for (i = 0; i < sizeof(variants) / sizeof(variants[0]); i++) {
		start_waiter(&w, variants[i], 5000);
		wait_count(tpoll_sleepers, 1);
		signal_until(w.tid, hits() + 1);
		ck_assert_msg(join_waiter(&w) == -ERESTARTSYS, "variant %d: %ld",
			      variants[i], w.ret);
		ck_assert_int_lt(w.elapsed, 1000);
		ck_assert_int_eq(tpoll_sleepers(), 0);
	}
	ck_assert_int_ge(hits(), 5);
}
END_TEST

/* Uninterruptible and killable waits go on through a caught signal. */
START_TEST(test_wait_event_uninterruptible_ignores_signal)
{
	static const int variants[] = {
		TPOLL_WAIT_EVENT, TPOLL_WAIT_TIMEOUT, TPOLL_WAIT_KILLABLE,
		TPOLL_WAIT_KILLABLE_TIMEOUT, TPOLL_WAIT_IDLE, TPOLL_WAIT_LOCK_IRQ,
	};
	struct waiter w = { 0 };
	unsigned int i;

	for (i = 0; i < sizeof(variants) / sizeof(variants[0]); i++) {
		tpoll_cond_set(0);
		__atomic_store_n(&sig_hits, 0, __ATOMIC_RELAXED);
		start_waiter(&w, variants[i], 5000);
		wait_count(tpoll_sleepers, 1);
		signal_until(w.tid, 1);
		sleep_ms(10);
		ck_assert_msg(!is_done(&w), "variant %d returned %ld", variants[i], w.ret);
		ck_assert_int_eq(tpoll_sleepers(), 1);
		tpoll_cond_set(1);
		tpoll_wake(TPOLL_WAKE_UP);
		join_waiter(&w);
		if (variants[i] == TPOLL_WAIT_TIMEOUT || variants[i] == TPOLL_WAIT_KILLABLE_TIMEOUT)
			ck_assert_msg(w.ret >= 1 && w.ret < 5000, "%ld", w.ret);
		else
			ck_assert_int_eq(w.ret, 0);
	}
}
END_TEST

/* ---- wake-up modes and exclusive waits ---------------------------------------------------- */

/* wake_up_interruptible() does not wake an uninterruptible sleeper (try_to_wake_up()). */
START_TEST(test_wake_up_interruptible_skips_uninterruptible)
{
	struct waiter w = { 0 };

	start_waiter(&w, TPOLL_WAIT_EVENT, 0);
	wait_count(tpoll_sleepers, 1);
	tpoll_cond_set(1);
	ck_assert_int_eq(tpoll_wake(TPOLL_WAKE_UP_INTERRUPTIBLE), 0);
	ck_assert_int_eq(tpoll_wake(TPOLL_WAKE_UP_INTERRUPTIBLE_ALL), 0);
	sleep_ms(20);
	ck_assert_int_eq(is_done(&w), 0);
	ck_assert_int_eq(tpoll_sleepers(), 1);
	tpoll_wake(TPOLL_WAKE_UP);
	ck_assert_int_eq(join_waiter(&w), 0);
}
END_TEST

static int count_done(struct waiter *w, int n)
{
	int i, done = 0;

	for (i = 0; i < n; i++)
		done += is_done(&w[i]);
	return done;
}

/*
 * How many of @w are done once @expected of them are (or after 10 s): a woken waiter is
 * off the wait queue before it has returned. The others still sleep (the callers check
 * the sleepers' count first), so a count above @expected is a wake-up too many.
 */
static int wait_done(struct waiter *w, int n, int expected)
{
	int i;

	for (i = 0; i < 10000 && count_done(w, n) < expected; i++)
		sleep_ms(1);
	return count_done(w, n);
}

/* wake_up() wakes one exclusive waiter, wake_up_nr(2) two, wake_up_all() the others. */
START_TEST(test_wake_up_exclusive_one_nr_all)
{
	struct waiter w[5];
	int i;

	memset(w, 0, sizeof(w));
	for (i = 0; i < 5; i++)
		start_waiter(&w[i], TPOLL_WAIT_INTERRUPTIBLE_EXCLUSIVE, 0);
	wait_count(tpoll_sleepers, 5);
	/* the condition holds for all, but only the woken ones see it */
	tpoll_cond_set(1);
	ck_assert_int_eq(tpoll_wake(TPOLL_WAKE_UP), 1);
	wait_count(tpoll_sleepers, 4);
	ck_assert_int_eq(wait_done(w, 5, 1), 1);
	ck_assert_int_eq(tpoll_wake(TPOLL_WAKE_UP_NR2), 2);
	wait_count(tpoll_sleepers, 2);
	ck_assert_int_eq(wait_done(w, 5, 3), 3);
	/* __wake_up() counts the exclusive wake-ups done */
	ck_assert_int_eq(tpoll_wake(TPOLL_WAKE_UP_ALL), 2);
	for (i = 0; i < 5; i++)
		ck_assert_int_eq(join_waiter(&w[i]), 0);
	ck_assert_int_eq(tpoll_sleepers(), 0);
}
END_TEST

/* Non-exclusive waiters are all woken by one wake_up(). */
START_TEST(test_wake_up_wakes_all_non_exclusive)
{
	struct waiter w[3];
	int i;

	memset(w, 0, sizeof(w));
	for (i = 0; i < 3; i++)
		start_waiter(&w[i], TPOLL_WAIT_INTERRUPTIBLE, 0);
	wait_count(tpoll_sleepers, 3);
	tpoll_cond_set(1);
	ck_assert_int_eq(tpoll_wake(TPOLL_WAKE_UP), 0);
	for (i = 0; i < 3; i++)
		ck_assert_int_eq(join_waiter(&w[i]), 0);
}
END_TEST

/* ---- completions -------------------------------------------------------------------------- */

START_TEST(test_completion_timeouts)
{
	struct waiter w = { .completion = 1 };
	long t0 = now_ms();

	/* not completed: 0 after the timeout */
	ck_assert_int_eq(tpoll_wait_completion(TPOLL_COMPLETION_TIMEOUT, 20), 0);
	ck_assert_int_ge(now_ms() - t0, 19);
	ck_assert_int_eq(tpoll_wait_completion(TPOLL_COMPLETION_INTERRUPTIBLE_TIMEOUT, 10), 0);
	ck_assert_int_eq(tpoll_wait_completion(TPOLL_COMPLETION_KILLABLE_TIMEOUT, 10), 0);
	/* completed before: the whole timeout left, at least 1 */
	tpoll_complete(0);
	ck_assert_int_eq(tpoll_wait_completion(TPOLL_COMPLETION_TIMEOUT, 20), 20);
	tpoll_complete(0);
	ck_assert_int_eq(tpoll_wait_completion(TPOLL_COMPLETION_INTERRUPTIBLE_TIMEOUT, 0), 1);
	tpoll_complete(0);
	ck_assert_int_eq(tpoll_wait_completion(TPOLL_COMPLETION_KILLABLE, 0), 0);
	/* completed while waiting: the jiffies left */
	start_waiter(&w, TPOLL_COMPLETION_TIMEOUT, 1000);
	wait_count(tpoll_completion_waiters, 1);
	sleep_ms(20);
	tpoll_complete(0);
	join_waiter(&w);
	ck_assert_msg(w.ret >= 1 && w.ret <= 1000 - 15 && w.ret >= 1000 - w.elapsed - 2,
		      "%ld left after %ld ms", w.ret, w.elapsed);
	/* complete_all(): every wait succeeds until reinitialised */
	tpoll_complete(1);
	ck_assert_int_eq(tpoll_wait_completion(TPOLL_COMPLETION_TIMEOUT, 5), 5);
	ck_assert_int_eq(tpoll_wait_completion(TPOLL_COMPLETION_KILLABLE_TIMEOUT, 5), 5);
}
END_TEST

START_TEST(test_completion_interruptible_signal)
{
	struct waiter w = { .completion = 1 };

	start_waiter(&w, TPOLL_COMPLETION_INTERRUPTIBLE_TIMEOUT, 5000);
	wait_count(tpoll_completion_waiters, 1);
	signal_until(w.tid, 1);
	ck_assert_int_eq(join_waiter(&w), -ERESTARTSYS);
	ck_assert_int_eq(tpoll_completion_waiters(), 0);
	start_waiter(&w, TPOLL_COMPLETION_INTERRUPTIBLE, 0);
	wait_count(tpoll_completion_waiters, 1);
	signal_until(w.tid, hits() + 1);
	ck_assert_int_eq(join_waiter(&w), -ERESTARTSYS);
	/* killable: a caught signal is not fatal, the wait goes on */
	start_waiter(&w, TPOLL_COMPLETION_KILLABLE_TIMEOUT, 5000);
	wait_count(tpoll_completion_waiters, 1);
	signal_until(w.tid, hits() + 1);
	sleep_ms(10);
	ck_assert_int_eq(is_done(&w), 0);
	ck_assert_int_eq(tpoll_completion_waiters(), 1);
	tpoll_complete(0);
	join_waiter(&w);
	ck_assert_msg(w.ret >= 1 && w.ret < 5000, "%ld", w.ret);
}
END_TEST

/* ---- jiffies -------------------------------------------------------------------------------- */

START_TEST(test_jiffies_conversions)
{
	unsigned long j0, j1;

	ck_assert_uint_eq(tpoll_convert(TPOLL_HZ, 0), 1000);
	ck_assert_uint_eq(tpoll_convert(TPOLL_MSECS_TO_JIFFIES, 5), 5);
	ck_assert_uint_eq(tpoll_convert(TPOLL_MSECS_TO_JIFFIES, (unsigned int)-1),
			  tpoll_convert(TPOLL_MAX_JIFFY_OFFSET, 0));
	ck_assert_uint_eq(tpoll_convert(TPOLL_MAX_JIFFY_OFFSET, 0), (LONG_MAX >> 1) - 1);
	ck_assert_uint_eq(tpoll_convert(TPOLL_USECS_TO_JIFFIES, 1500), 2);	/* rounds up */
	ck_assert_uint_eq(tpoll_convert(TPOLL_USECS_TO_JIFFIES, 1000), 1);
	ck_assert_uint_eq(tpoll_convert(TPOLL_NSECS_TO_JIFFIES, 2999999), 2);	/* truncates */
	ck_assert_uint_eq(tpoll_convert(TPOLL_JIFFIES_TO_MSECS, 7), 7);
	ck_assert_uint_eq(tpoll_convert(TPOLL_JIFFIES_TO_USECS, 7), 7000);
	ck_assert_uint_eq(tpoll_convert(TPOLL_INITIAL_JIFFIES, 0), 0xfffb6c20UL);
	j0 = tpoll_jiffies();
	sleep_ms(20);
	j1 = tpoll_jiffies();
	ck_assert_msg(j1 - j0 >= 19 && j1 - j0 < 500, "%lu jiffies in 20 ms", j1 - j0);
}
END_TEST

/* ---- poll on a simulated descriptor ---------------------------------------------------- */

START_TEST(test_poll_sim_ready_revents)
{
	int fd = open_node(TPOLL);
	struct pollfd p = { fd, POLLIN, -1 };

	tpoll_set_mask(POLLIN | POLLRDNORM);
	ck_assert_call(poll(&p, 1, 0), 1);
	ck_assert_int_eq(p.revents, POLLIN);
	/* the key ->poll sees: the events asked, POLLERR and POLLHUP */
	ck_assert_uint_eq(tpoll_requested(), POLLIN | POLLERR | POLLHUP);
	/* a zero timeout registers nothing */
	ck_assert_int_eq(tpoll_registrations(), 0);
	/* masked with the events asked, except POLLERR and POLLHUP */
	tpoll_set_mask(POLLOUT | POLLWRNORM);
	p.revents = -1;
	ck_assert_call(poll(&p, 1, 0), 0);
	ck_assert_int_eq(p.revents, 0);
	tpoll_set_mask(POLLERR | POLLHUP | POLLPRI);
	ck_assert_call(poll(&p, 1, 0), 1);
	ck_assert_int_eq(p.revents, POLLERR | POLLHUP);
	/* negative fds are skipped, revents 0 */
	{
		struct pollfd q[2] = { { -1, POLLIN, -1 }, { fd, POLLPRI, -1 } };

		ck_assert_call(poll(q, 2, 0), 1);
		ck_assert_int_eq(q[0].revents, 0);
		ck_assert_int_eq(q[1].revents, POLLERR | POLLHUP | POLLPRI);
	}
	ck_assert_call(close(fd), 0);
}
END_TEST

START_TEST(test_poll_no_poll_handler_default_mask)
{
	int fd = open_node(TPOLL_NOPOLL);
	struct pollfd p = { fd, POLLIN | POLLOUT | POLLPRI | POLLRDNORM | POLLWRNORM, 0 };

	ck_assert_call(poll(&p, 1, -1), 1);
	ck_assert_int_eq(p.revents, POLLIN | POLLOUT | POLLRDNORM | POLLWRNORM);
	ck_assert_call(close(fd), 0);
}
END_TEST

START_TEST(test_poll_timeout_finite_and_zero)
{
	int fd = open_node(TPOLL);
	struct pollfd p = { fd, POLLIN, -1 };
	struct timespec ts = { 0, 30 * 1000000L };
	long t0 = now_ms();

	ck_assert_call(poll(&p, 1, 30), 0);
	ck_assert_int_ge(now_ms() - t0, 30);
	ck_assert_int_lt(now_ms() - t0, 500);
	ck_assert_int_eq(p.revents, 0);
	/* registered once, on the first pass; the last pass did not */
	ck_assert_int_eq(tpoll_registrations(), 1);
	ck_assert_int_eq(tpoll_polls(), 2);
	ck_assert_int_eq(tpoll_pollers(), 0);

	t0 = now_ms();
	ck_assert_call(ppoll(&p, 1, &ts, NULL), 0);
	ck_assert_int_ge(now_ms() - t0, 30);
	ck_assert_int_lt(now_ms() - t0, 500);

	t0 = now_ms();
	ts.tv_nsec = 0;
	ck_assert_call(ppoll(&p, 1, &ts, NULL), 0);
	ck_assert_call(poll(&p, 1, 0), 0);
	ck_assert_int_lt(now_ms() - t0, 20);
	ck_assert_int_eq(tpoll_registrations(), 2);
	ck_assert_call(close(fd), 0);
}
END_TEST

/* A thread that polls, for the wake-up tests. */
struct poller {
	pthread_t tid;
	struct pollfd *fds;
	nfds_t n;
	int timeout;
	long ret;
	int err;
	long elapsed;
};

static void *poller_main(void *arg)
{
	struct poller *p = arg;
	long t0 = now_ms();

	p->ret = poll(p->fds, p->n, p->timeout);
	p->err = errno;
	p->elapsed = now_ms() - t0;
	return NULL;
}

static void start_poller(struct poller *p, struct pollfd *fds, nfds_t n, int timeout)
{
	p->fds = fds;
	p->n = n;
	p->timeout = timeout;
	ck_assert_int_eq(pthread_create(&p->tid, NULL, poller_main, p), 0);
}

static void join_poller(struct poller *p)
{
	ck_assert_int_eq(pthread_join(p->tid, NULL), 0);
}

START_TEST(test_poll_infinite_woken_by_driver)
{
	int fd = open_node(TPOLL);
	struct pollfd p = { fd, POLLIN, -1 };
	struct poller t;

	start_poller(&t, &p, 1, -1);
	wait_count(tpoll_pollers, 1);
	sleep_ms(5);
	tpoll_set_mask(POLLIN | POLLRDNORM);
	join_poller(&t);
	ck_assert_int_eq(t.ret, 1);
	ck_assert_int_eq(p.revents, POLLIN);
	ck_assert_int_eq(tpoll_registrations(), 1);
	ck_assert_int_eq(tpoll_polls(), 2);
	ck_assert_int_eq(tpoll_pollers(), 0);
	ck_assert_call(close(fd), 0);
}
END_TEST

/* A wake-up whose key the poller did not ask for does not even rescan. */
START_TEST(test_poll_wake_key_filtered)
{
	int fd = open_node(TPOLL);
	struct pollfd p = { fd, POLLIN, -1 };
	struct poller t;

	start_poller(&t, &p, 1, 60);
	wait_count(tpoll_pollers, 1);
	tpoll_set_mask(POLLOUT);	/* wake_up_interruptible_poll(POLLOUT) */
	join_poller(&t);
	ck_assert_int_eq(t.ret, 0);
	ck_assert_int_ge(t.elapsed, 60);
	ck_assert_int_eq(tpoll_polls(), 2);	/* the first pass and the last one */
	ck_assert_call(close(fd), 0);
}
END_TEST

START_TEST(test_poll_mixed_pipe_eventfd_socketpair)
{
	int fd = open_node(TPOLL);
	int pfd[2], sv[2], efd;
	struct pollfd p[4];
	struct poller t;
	uint64_t one = 1;
	char c;

	ck_assert_call(pipe(pfd), 0);
	ck_assert_call(socketpair(AF_UNIX, SOCK_STREAM, 0, sv), 0);
	efd = eventfd(0, EFD_CLOEXEC);
	ck_assert_int_ge(efd, 0);
	p[0] = (struct pollfd){ pfd[0], POLLIN, -1 };
	p[1] = (struct pollfd){ fd, POLLIN, -1 };
	p[2] = (struct pollfd){ efd, POLLIN, -1 };
	p[3] = (struct pollfd){ sv[0], POLLIN, -1 };

	/* nothing ready */
	ck_assert_call(poll(p, 4, 0), 0);

	/* a real descriptor wakes the call */
	start_poller(&t, p, 4, 2000);
	wait_count(tpoll_pollers, 1);
	ck_assert_call(write(pfd[1], "x", 1), 1);
	join_poller(&t);
	ck_assert_int_eq(t.ret, 1);
	ck_assert_int_eq(p[0].revents, POLLIN);
	ck_assert_int_eq(p[1].revents, 0);
	ck_assert_int_eq(p[2].revents, 0);
	ck_assert_int_eq(p[3].revents, 0);
	ck_assert_call(read(pfd[0], &c, 1), 1);

	/* the driver wakes the call */
	start_poller(&t, p, 4, 2000);
	wait_count(tpoll_pollers, 1);
	tpoll_set_mask(POLLIN);
	join_poller(&t);
	ck_assert_int_eq(t.ret, 1);
	ck_assert_int_eq(p[0].revents, 0);
	ck_assert_int_eq(p[1].revents, POLLIN);
	ck_assert_int_eq(p[2].revents, 0);
	ck_assert_int_eq(p[3].revents, 0);
	tpoll_set_mask(0);

	/* the eventfd and the socketpair wake it too */
	start_poller(&t, p, 4, 2000);
	wait_count(tpoll_pollers, 1);
	ck_assert_call(write(efd, &one, sizeof(one)), sizeof(one));
	join_poller(&t);
	ck_assert_int_eq(t.ret, 1);
	ck_assert_int_eq(p[2].revents, POLLIN);
	ck_assert_call(read(efd, &one, sizeof(one)), sizeof(one));
	start_poller(&t, p, 4, 2000);
	wait_count(tpoll_pollers, 1);
	ck_assert_call(write(sv[1], "y", 1), 1);
	join_poller(&t);
	ck_assert_int_eq(t.ret, 1);
	ck_assert_int_eq(p[2].revents, 0);
	ck_assert_int_eq(p[3].revents, POLLIN);

	/* everything ready at once: the count of descriptors with events */
	ck_assert_call(write(pfd[1], "x", 1), 1);
	ck_assert_call(write(efd, &one, sizeof(one)), sizeof(one));
	tpoll_set_mask(POLLIN | POLLOUT);
	p[1].events = POLLIN | POLLOUT;
	ck_assert_call(poll(p, 4, -1), 4);
	ck_assert_int_eq(p[0].revents, POLLIN);
	ck_assert_int_eq(p[1].revents, POLLIN | POLLOUT);
	ck_assert_int_eq(p[2].revents, POLLIN);
	ck_assert_int_eq(p[3].revents, POLLIN);
	/* the peer hangs up: POLLHUP without asking */
	ck_assert_call(close(sv[1]), 0);
	ck_assert_call(read(sv[0], &c, 1), 1);
	p[3].events = 0;
	ck_assert_call(poll(&p[3], 1, 0), 1);
	ck_assert_int_eq(p[3].revents, POLLHUP);

	ck_assert_call(close(pfd[0]), 0);
	ck_assert_call(close(pfd[1]), 0);
	ck_assert_call(close(sv[0]), 0);
	ck_assert_call(close(efd), 0);
	ck_assert_call(close(fd), 0);
	ck_assert_int_eq(tpoll_pollers(), 0);
}
END_TEST

START_TEST(test_poll_signal_eintr)
{
	int fd = open_node(TPOLL);
	int pfd[2];
	struct pollfd p[2];
	struct poller t;

	ck_assert_call(pipe(pfd), 0);
	p[0] = (struct pollfd){ fd, POLLIN, -1 };
	p[1] = (struct pollfd){ pfd[0], POLLIN, -1 };
	start_poller(&t, p, 2, -1);
	wait_count(tpoll_pollers, 1);
	ck_assert_int_eq(pthread_kill(t.tid, SIGUSR1), 0);
	join_poller(&t);
	ck_assert_int_eq(t.ret, -1);
	ck_assert_int_eq(t.err, EINTR);
	ck_assert_int_eq(p[0].revents, 0);
	ck_assert_int_eq(p[1].revents, 0);
	ck_assert_int_eq(__atomic_load_n(&sig_hits, __ATOMIC_RELAXED), 1);
	ck_assert_int_eq(tpoll_pollers(), 0);
	ck_assert_call(close(pfd[0]), 0);
	ck_assert_call(close(pfd[1]), 0);
	ck_assert_call(close(fd), 0);
}
END_TEST

/* ppoll() installs its mask only while waiting; poll() keeps the caller's. */
struct masked {
	pthread_t tid;
	int fd;
	long poll_ret, ppoll_ret;
	int ppoll_err;
	long hits_after_poll;
	int still_blocked;
};

static void *masked_main(void *arg)
{
	struct masked *m = arg;
	struct pollfd p = { m->fd, POLLIN, 0 };
	sigset_t block, open, cur;

	sigemptyset(&block);
	sigaddset(&block, SIGUSR1);
	pthread_sigmask(SIG_BLOCK, &block, NULL);
	pthread_kill(pthread_self(), SIGUSR1);		/* pending, blocked */
	m->poll_ret = poll(&p, 1, 20);
	m->hits_after_poll = __atomic_load_n(&sig_hits, __ATOMIC_RELAXED);
	pthread_sigmask(SIG_BLOCK, NULL, &open);
	sigdelset(&open, SIGUSR1);
	m->ppoll_ret = ppoll(&p, 1, NULL, &open);
	m->ppoll_err = errno;
	pthread_sigmask(SIG_BLOCK, NULL, &cur);
	m->still_blocked = sigismember(&cur, SIGUSR1);
	return NULL;
}

START_TEST(test_ppoll_sigmask)
{
	struct masked m = { .fd = open_node(TPOLL) };
	struct pollfd p = { m.fd, POLLIN, 0 };
	struct timespec bad = { 0, 1000000000L };

	ck_assert_int_eq(pthread_create(&m.tid, NULL, masked_main, &m), 0);
	ck_assert_int_eq(pthread_join(m.tid, NULL), 0);
	ck_assert_int_eq(m.poll_ret, 0);
	ck_assert_int_eq(m.hits_after_poll, 0);
	ck_assert_int_eq(m.ppoll_ret, -1);
	ck_assert_int_eq(m.ppoll_err, EINTR);
	ck_assert_int_eq(m.still_blocked, 1);
	ck_assert_int_eq(__atomic_load_n(&sig_hits, __ATOMIC_RELAXED), 1);
	ck_assert_fails(ppoll(&p, 1, &bad, NULL), EINVAL);
	bad.tv_sec = -1;
	bad.tv_nsec = 0;
	ck_assert_fails(ppoll(&p, 1, &bad, NULL), EINVAL);
	ck_assert_call(close(m.fd), 0);
}
END_TEST

/* A descriptor closed while polled: POLLNVAL; the file outlives the call's entries. */
START_TEST(test_poll_closed_fd_pollnval)
{
	int fd = open_node(TPOLL), fd2 = open_node(TPOLL);
	struct pollfd p = { fd, POLLIN, -1 }, q[2];
	struct poller t;

	start_poller(&t, &p, 1, 2000);
	wait_count(tpoll_pollers, 1);
	ck_assert_call(close(fd), 0);
	ck_assert_int_eq(tpoll_releases(), 0);	/* the poll entry still holds it */
	tpoll_set_mask(POLLIN);
	join_poller(&t);
	ck_assert_int_eq(t.ret, 1);
	ck_assert_int_eq(p.revents, POLLNVAL);
	ck_assert_int_eq(tpoll_releases(), 1);
	ck_assert_int_eq(tpoll_pollers(), 0);

	/* a closed descriptor beside a simulated one */
	tpoll_set_mask(0);
	q[0] = (struct pollfd){ fd2, POLLIN, -1 };
	q[1] = (struct pollfd){ fd, POLLIN, -1 };
	ck_assert_call(poll(q, 2, 0), 1);
	ck_assert_int_eq(q[0].revents, 0);
	ck_assert_int_eq(q[1].revents, POLLNVAL);
	ck_assert_call(close(fd2), 0);
}
END_TEST

START_TEST(test_poll_passthrough_without_sim_fd)
{
	int fd = open_node(TPOLL);	/* a simulated file exists, but is not polled */
	int pfd[2];
	struct pollfd p[2];

	ck_assert_call(pipe(pfd), 0);
	p[0] = (struct pollfd){ pfd[0], POLLIN, -1 };
	p[1] = (struct pollfd){ pfd[1], POLLOUT, -1 };
	ck_assert_call(poll(p, 2, 0), 1);
	ck_assert_int_eq(p[0].revents, 0);
	ck_assert_int_eq(p[1].revents, POLLOUT);
	ck_assert_call(write(pfd[1], "x", 1), 1);
	ck_assert_call(poll(p, 2, -1), 2);
	ck_assert_int_eq(tpoll_polls(), 0);
	ck_assert_call(close(fd), 0);
	/* and with no simulated file at all */
	ck_assert_call(poll(p, 2, 0), 2);
	ck_assert_call(close(pfd[0]), 0);
	ck_assert_call(close(pfd[1]), 0);
	ck_assert_int_eq(tpoll_polls(), 0);
}
END_TEST

START_TEST(test_poll_nfds_over_rlimit_einval)
{
	int fd = open_node(TPOLL);
	struct rlimit rl;
	struct pollfd *p;
	nfds_t i, n;

	ck_assert_call(getrlimit(RLIMIT_NOFILE, &rl), 0);
	n = rl.rlim_cur + 1;
	p = calloc(n, sizeof(*p));
	for (i = 0; i < n; i++)
		p[i] = (struct pollfd){ fd, POLLIN, 0 };
	ck_assert_fails(poll(p, n, 0), EINVAL);
	free(p);
	ck_assert_call(close(fd), 0);
}
END_TEST

/* An oob EVL thread calling poll() is demoted first. */
START_TEST(test_poll_demotes_oob_caller)
{
	int fd = open_node(TPOLL);
	struct pollfd p = { fd, POLLIN, 0 };
	int efd = evl_attach_self("inband-wait:%d", (int)getpid());

	ck_assert_msg(efd >= 0, "evl_attach_self: %s", strerror(-efd));
	ck_assert_ret(evl_switch_oob(), 0);
	ck_assert_int_eq(evl_is_inband(), 0);
	ck_assert_call(poll(&p, 1, 0), 0);
	ck_assert_int_eq(evl_is_inband(), 1);
	ck_assert_ret(evl_detach_self(), 0);
	ck_assert_call(close(fd), 0);
	evlsim_reset_reports();		/* the demotion notice */
}
END_TEST

/* ---- select, pselect ------------------------------------------------------------------------ */

START_TEST(test_select_sim_counts_bits)
{
	int fd = open_node(TPOLL);
	struct timeval tv = { 0, 0 };
	fd_set rd, wr, ex;

	tpoll_set_mask(POLLIN | POLLOUT);
	FD_ZERO(&rd);
	FD_ZERO(&wr);
	FD_ZERO(&ex);
	FD_SET(fd, &rd);
	FD_SET(fd, &wr);
	FD_SET(fd, &ex);
	ck_assert_call(select(fd + 1, &rd, &wr, &ex, &tv), 2);
	ck_assert_int_eq(FD_ISSET(fd, &rd), 1);
	ck_assert_int_eq(FD_ISSET(fd, &wr), 1);
	ck_assert_int_eq(FD_ISSET(fd, &ex), 0);
	/* select's key: the except set always, the read set's events */
	FD_SET(fd, &ex);
	FD_CLR(fd, &wr);
	tpoll_set_mask(POLLPRI);
	ck_assert_call(select(fd + 1, &rd, NULL, &ex, &tv), 1);
	ck_assert_int_eq(FD_ISSET(fd, &rd), 0);
	ck_assert_int_eq(FD_ISSET(fd, &ex), 1);
	ck_assert_uint_eq(tpoll_requested(), POLLPRI | POLLRDNORM | POLLRDBAND | POLLIN |
			  POLLHUP | POLLERR);
	/* POLLHUP makes it readable */
	FD_SET(fd, &rd);
	tpoll_set_mask(POLLHUP);
	ck_assert_call(select(fd + 1, &rd, NULL, NULL, NULL), 1);
	ck_assert_int_eq(FD_ISSET(fd, &rd), 1);
	ck_assert_call(close(fd), 0);
}
END_TEST

START_TEST(test_select_timeout_updates_timeval)
{
	int fd = open_node(TPOLL);
	struct timeval tv = { 0, 30000 };
	fd_set rd;
	long t0 = now_ms();

	FD_ZERO(&rd);
	FD_SET(fd, &rd);
	ck_assert_call(select(fd + 1, &rd, NULL, NULL, &tv), 0);
	ck_assert_int_ge(now_ms() - t0, 30);
	ck_assert_int_eq(FD_ISSET(fd, &rd), 0);	/* cleared */
	ck_assert_int_eq(tv.tv_sec, 0);
	ck_assert_int_eq(tv.tv_usec, 0);
	/* a zero timeout is not updated; microseconds over a second carry */
	FD_SET(fd, &rd);
	ck_assert_call(select(fd + 1, &rd, NULL, NULL, &tv), 0);
	tv.tv_usec = -1;
	FD_SET(fd, &rd);
	ck_assert_fails(select(fd + 1, &rd, NULL, NULL, &tv), EINVAL);
	ck_assert_int_eq(FD_ISSET(fd, &rd), 1);
	ck_assert_call(close(fd), 0);
}
END_TEST

struct selector {
	pthread_t tid;
	int nfds;
	fd_set rd;
	struct timeval tv;
	struct timespec ts;
	int use_pselect;
	long ret;
	int err;
};

static void *selector_main(void *arg)
{
	struct selector *s = arg;

	if (s->use_pselect)
		s->ret = pselect(s->nfds, &s->rd, NULL, NULL, &s->ts, NULL);
	else
		s->ret = select(s->nfds, &s->rd, NULL, NULL, &s->tv);
	s->err = errno;
	return NULL;
}

START_TEST(test_select_mixed_woken_and_remaining)
{
	int fd = open_node(TPOLL);
	int pfd[2], sv[2];
	struct selector s = { .tv = { 1, 0 } };

	ck_assert_call(pipe(pfd), 0);
	ck_assert_call(socketpair(AF_UNIX, SOCK_STREAM, 0, sv), 0);
	FD_ZERO(&s.rd);
	FD_SET(fd, &s.rd);
	FD_SET(pfd[0], &s.rd);
	FD_SET(sv[0], &s.rd);
	s.nfds = (fd > pfd[0] ? fd : pfd[0]) + 1;
	if (sv[0] + 1 > s.nfds)
		s.nfds = sv[0] + 1;
	ck_assert_int_eq(pthread_create(&s.tid, NULL, selector_main, &s), 0);
	wait_count(tpoll_pollers, 1);
	sleep_ms(20);
	ck_assert_call(write(pfd[1], "x", 1), 1);
	ck_assert_int_eq(pthread_join(s.tid, NULL), 0);
	ck_assert_int_eq(s.ret, 1);
	ck_assert_int_eq(FD_ISSET(pfd[0], &s.rd), 1);
	ck_assert_int_eq(FD_ISSET(fd, &s.rd), 0);
	ck_assert_int_eq(FD_ISSET(sv[0], &s.rd), 0);
	ck_assert_msg(s.tv.tv_sec == 0 && s.tv.tv_usec > 0 && s.tv.tv_usec <= 985000,
		      "%ld.%06ld left", (long)s.tv.tv_sec, (long)s.tv.tv_usec);

	/* the driver wakes a pselect() */
	FD_ZERO(&s.rd);
	FD_SET(fd, &s.rd);
	FD_SET(sv[0], &s.rd);
	s.use_pselect = 1;
	s.ts = (struct timespec){ 2, 0 };
	ck_assert_int_eq(pthread_create(&s.tid, NULL, selector_main, &s), 0);
	wait_count(tpoll_pollers, 1);
	tpoll_set_mask(POLLIN);
	ck_assert_int_eq(pthread_join(s.tid, NULL), 0);
	ck_assert_int_eq(s.ret, 1);
	ck_assert_int_eq(FD_ISSET(fd, &s.rd), 1);
	ck_assert_int_eq(FD_ISSET(sv[0], &s.rd), 0);
	ck_assert_int_eq(s.ts.tv_sec, 2);	/* never updated */

	ck_assert_call(close(pfd[0]), 0);
	ck_assert_call(close(pfd[1]), 0);
	ck_assert_call(close(sv[0]), 0);
	ck_assert_call(close(sv[1]), 0);
	ck_assert_call(close(fd), 0);
}
END_TEST

START_TEST(test_select_bad_fd_ebadf)
{
	int fd = open_node(TPOLL), bad = open_node(TPOLL);
	struct timeval tv = { 0, 0 };
	fd_set rd;

	ck_assert_call(close(bad), 0);
	tpoll_set_mask(POLLIN);
	FD_ZERO(&rd);
	FD_SET(fd, &rd);
	FD_SET(bad, &rd);
	ck_assert_fails(select((fd > bad ? fd : bad) + 1, &rd, NULL, NULL, &tv), EBADF);
	ck_assert_int_eq(FD_ISSET(fd, &rd), 1);	/* untouched */
	ck_assert_int_eq(FD_ISSET(bad, &rd), 1);
	ck_assert_int_eq(tpoll_polls(), 0);	/* checked before any ->poll */
	ck_assert_fails(pselect((fd > bad ? fd : bad) + 1, &rd, NULL, NULL, NULL, NULL), EBADF);
	ck_assert_call(close(fd), 0);
}
END_TEST

START_TEST(test_select_pselect_signal_eintr)
{
	int fd = open_node(TPOLL);
	struct selector s = { .tv = { 5, 0 } };

	FD_ZERO(&s.rd);
	FD_SET(fd, &s.rd);
	s.nfds = fd + 1;
	ck_assert_int_eq(pthread_create(&s.tid, NULL, selector_main, &s), 0);
	wait_count(tpoll_pollers, 1);
	ck_assert_int_eq(pthread_kill(s.tid, SIGUSR1), 0);
	ck_assert_int_eq(pthread_join(s.tid, NULL), 0);
	ck_assert_int_eq(s.ret, -1);
	ck_assert_int_eq(s.err, EINTR);
	ck_assert_int_eq(FD_ISSET(fd, &s.rd), 1);	/* not written on error */
	ck_assert_msg(s.tv.tv_sec == 4 || s.tv.tv_sec == 5, "%ld", (long)s.tv.tv_sec);

	s.use_pselect = 1;
	s.ts = (struct timespec){ 5, 0 };
	ck_assert_int_eq(pthread_create(&s.tid, NULL, selector_main, &s), 0);
	wait_count(tpoll_pollers, 1);
	ck_assert_int_eq(pthread_kill(s.tid, SIGUSR1), 0);
	ck_assert_int_eq(pthread_join(s.tid, NULL), 0);
	ck_assert_int_eq(s.ret, -1);
	ck_assert_int_eq(s.err, EINTR);
	ck_assert_int_eq(__atomic_load_n(&sig_hits, __ATOMIC_RELAXED), 2);
	ck_assert_call(close(fd), 0);
}
END_TEST

START_TEST(test_select_passthrough_without_sim_fd)
{
	int pfd[2];
	struct timeval tv = { 0, 0 };
	fd_set rd, wr;

	ck_assert_call(pipe(pfd), 0);
	FD_ZERO(&rd);
	FD_ZERO(&wr);
	FD_SET(pfd[0], &rd);
	FD_SET(pfd[1], &wr);
	ck_assert_call(select(pfd[1] + 1, &rd, &wr, NULL, &tv), 1);
	ck_assert_int_eq(FD_ISSET(pfd[0], &rd), 0);
	ck_assert_int_eq(FD_ISSET(pfd[1], &wr), 1);
	ck_assert_call(close(pfd[0]), 0);
	ck_assert_call(close(pfd[1]), 0);
	ck_assert_int_eq(tpoll_polls(), 0);
}
END_TEST

static Suite *suite(void)
{
	Suite *s = suite_create("inband_wait");
	TCase *tc;

	tc = tcase_create("wait_event");
	tcase_add_checked_fixture(tc, setup, teardown);
	tcase_add_test(tc, test_wait_event_cond_true_returns_at_once);
	tcase_add_test(tc, test_wait_event_timeout_expires_zero);
	tcase_add_test(tc, test_wait_event_woken_returns_remaining);
	tcase_add_test(tc, test_wait_event_spurious_wakeup_sleeps_again);
	tcase_add_test(tc, test_wait_event_interruptible_signal_erestartsys);
	tcase_add_test(tc, test_wait_event_uninterruptible_ignores_signal);
	tcase_add_test(tc, test_wake_up_interruptible_skips_uninterruptible);
	tcase_add_test(tc, test_wake_up_exclusive_one_nr_all);
	tcase_add_test(tc, test_wake_up_wakes_all_non_exclusive);
	tcase_add_test(tc, test_completion_timeouts);
	tcase_add_test(tc, test_completion_interruptible_signal);
	tcase_add_test(tc, test_jiffies_conversions);
	suite_add_tcase(s, tc);

	tc = tcase_create("poll");
	tcase_add_checked_fixture(tc, setup, teardown);
	tcase_add_test(tc, test_poll_sim_ready_revents);
	tcase_add_test(tc, test_poll_no_poll_handler_default_mask);
	tcase_add_test(tc, test_poll_timeout_finite_and_zero);
	tcase_add_test(tc, test_poll_infinite_woken_by_driver);
	tcase_add_test(tc, test_poll_wake_key_filtered);
	tcase_add_test(tc, test_poll_mixed_pipe_eventfd_socketpair);
	tcase_add_test(tc, test_poll_signal_eintr);
	tcase_add_test(tc, test_ppoll_sigmask);
	tcase_add_test(tc, test_poll_closed_fd_pollnval);
	tcase_add_test(tc, test_poll_passthrough_without_sim_fd);
	tcase_add_test(tc, test_poll_nfds_over_rlimit_einval);
	tcase_add_test(tc, test_poll_demotes_oob_caller);
	suite_add_tcase(s, tc);

	tc = tcase_create("select");
	tcase_add_checked_fixture(tc, setup, teardown);
	tcase_add_test(tc, test_select_sim_counts_bits);
	tcase_add_test(tc, test_select_timeout_updates_timeval);
	tcase_add_test(tc, test_select_mixed_woken_and_remaining);
	tcase_add_test(tc, test_select_bad_fd_ebadf);
	tcase_add_test(tc, test_select_pselect_signal_eintr);
	tcase_add_test(tc, test_select_passthrough_without_sim_fd);
	suite_add_tcase(s, tc);

	return s;
}

int main(void)
{
	return evlsim_check_run(suite());
}
