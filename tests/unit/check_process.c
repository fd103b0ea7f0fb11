// SPDX-License-Identifier: MIT
/*
 * check_process: process semantics as on a board, with the tproc driver and the board
 * program tests/programs/tproc-prog (POSIX and libevl calls only).
 *
 *  - pthread_cancel() of a thread blocked in oob_ioctl(), oob_read() or read() on a
 *    simulated file ends the wait as a signal would, the call unwinds and drops its
 *    references (the module unloads), then the thread is cancelled;
 *  - ioctl() is no cancellation point (glibc's): a thread blocked in it stays there and
 *    is cancelled at its next cancellation point; cancellation disabled keeps the wait;
 *    a request made before the call is acted on when the call starts;
 *  - exit() releases the files the process left open (->release runs, no leak is
 *    reported), even with threads blocked in simulated calls;
 *  - EVLSIM_MODULES loads modules before main(), linked in or as NAME.so.
 */
#define _GNU_SOURCE
#include <errno.h>
#include <fcntl.h>
#include <pthread.h>
#include <sched.h>
#include <stdio.h>
#include <string.h>
#include <sys/ioctl.h>
#include <sys/wait.h>
#include <unistd.h>
#include <evl/evl.h>
#include <evlsim/evlsim.h>
#include "evlsim-check.h"
#include "../drivers/tproc-abi.h"

#define TPROC		"/dev/tproc"
#define LIMIT_NS	(10LL * 1000 * 1000 * 1000)
#define NR_THREADS	3

static int tfd;

static struct tproc_stats stats(void)
{
	struct tproc_stats st;

	ck_assert_call(ioctl(tfd, TPROC_IOC_STATS, &st), 0);
	return st;
}

static void wait_waiting(unsigned int n)
{
	wait_until_ns(stats().waiting == n, LIMIT_NS, 500);
}

enum how { OOB_IOCTL, OOB_READ, READ, IOCTL };

struct waiter {
	pthread_t th;
	enum how how;
	int disable;		/* run the call with cancellation disabled */
	int before;		/* spin until released, then call (cancelled before it) */
	volatile int go;
	int spinning;		/* set once attached, spinning before the call */
	long ret;
	int err;
};

static void *waiter_fn(void *arg)
{
	struct waiter *w = arg;
	char c;

	if (w->how == OOB_IOCTL || w->how == OOB_READ)
		attach_as("tproc-waiter");
	if (w->disable)
		pthread_setcancelstate(PTHREAD_CANCEL_DISABLE, NULL);
	/*
	 * No cancellation point here (usleep() is one): the request must be acted on by the
	 * call. ThreadSanitizer could not follow a cancellation inside its usleep()
	 * interceptor either: its frames have no unwind cleanups, and the thread would stay
	 * in the interceptor's state, where TSan no longer sees the locks of its exit.
	 */
	__atomic_store_n(&w->spinning, 1, __ATOMIC_RELEASE);
	while (w->before && !__atomic_load_n(&w->go, __ATOMIC_ACQUIRE))
		sched_yield();
	switch (w->how) {
	case OOB_IOCTL:
		w->ret = oob_ioctl(tfd, TPROC_OOB_WAIT);
		break;
	case OOB_READ:
		w->ret = oob_read(tfd, &c, 1);
		break;
	case READ:
		w->ret = read(tfd, &c, 1);
		break;
	case IOCTL:
		w->ret = ioctl(tfd, TPROC_IOC_WAIT);
		break;
	}
	w->err = errno;
	if (w->disable)
		pthread_setcancelstate(PTHREAD_CANCEL_ENABLE, NULL);
	pthread_testcancel();
	return NULL;
}

static void start(struct waiter *w, enum how how)
{
	w->how = how;
	ck_assert_int_eq(pthread_create(&w->th, NULL, waiter_fn, w), 0);
}

static void join_cancelled(struct waiter *w)
{
	void *res;

	ck_assert_int_eq(pthread_join(w->th, &res), 0);
	ck_assert_msg(res == PTHREAD_CANCELED, "thread not cancelled (ret %ld errno %d)",
		      w->ret, w->err);
}

static void setup(void)
{
	evlsim_check_setup();
	tfd = open_node(TPROC, O_RDWR);
}

static void teardown(void)
{
	close_fd(tfd);
	evlsim_check_teardown();
}

/* pthread_cancel() of NR_THREADS threads blocked in @how: cancelled, nothing left */
static void cancel_blocked(enum how how)
{
	struct waiter w[NR_THREADS];
	struct tproc_stats st;
	int i;

	memset(w, 0, sizeof(w));
	for (i = 0; i < NR_THREADS; i++)
		start(&w[i], how);
	wait_waiting(NR_THREADS);
	for (i = 0; i < NR_THREADS; i++)
		ck_assert_int_eq(pthread_cancel(w[i].th), 0);
	for (i = 0; i < NR_THREADS; i++)
		join_cancelled(&w[i]);
	st = stats();
	ck_assert_uint_eq(st.waiting, 0);
	ck_assert_uint_eq(st.waits_ended, NR_THREADS);
	/* the driver's wait ended as for a pending signal: -ERESTARTSYS, never restarted */
	ck_assert_int_eq(st.last_result, -512);
}

START_TEST(test_process_cancel_blocked_oob_ioctl)
{
	cancel_blocked(OOB_IOCTL);
}
END_TEST

START_TEST(test_process_cancel_blocked_oob_read)
{
	cancel_blocked(OOB_READ);
}
END_TEST

START_TEST(test_process_cancel_blocked_read)
{
	cancel_blocked(READ);
}
END_TEST

/*
 * @w's thread, blocked in tproc, is cancelled while the request cannot act: it stays
 * waiting until woken, then is cancelled at the next point with its call's result 0.
 */
static void cancel_keeps_waiting(struct waiter *w)
{
	wait_waiting(1);
	ck_assert_int_eq(pthread_cancel(w->th), 0);
	sleep_ms(20);
	ck_assert_uint_eq(stats().waiting, 1);
	ck_assert_call(ioctl(tfd, TPROC_IOC_WAKE), 0);
	join_cancelled(w);
	ck_assert_int_eq(w->ret, 0);
}

/* ioctl() is no cancellation point: the wait goes on, the next point cancels */
START_TEST(test_process_cancel_ioctl_not_a_point)
{
	struct waiter w = { 0 };

	start(&w, IOCTL);
	cancel_keeps_waiting(&w);
	ck_assert_int_eq(stats().last_result, 0);
}
END_TEST

/* cancellation disabled: the wait goes on until woken, the request waits for enable */
START_TEST(test_process_cancel_disabled_keeps_wait)
{
	struct waiter w = { .disable = 1 };

	start(&w, OOB_IOCTL);
	cancel_keeps_waiting(&w);
}
END_TEST

/* a request made before the call: acted on as the call starts, the driver never sees it */
START_TEST(test_process_cancel_before_call)
{
	struct waiter w = { .before = 1 };

	start(&w, OOB_IOCTL);
	/* not before it is attached: a cancel inside Check's assertion there would leak */
	while (!__atomic_load_n(&w.spinning, __ATOMIC_ACQUIRE))
		sched_yield();
	ck_assert_int_eq(pthread_cancel(w.th), 0);
	__atomic_store_n(&w.go, 1, __ATOMIC_RELEASE);
	join_cancelled(&w);
	ck_assert_uint_eq(stats().waits_ended, 0);
	ck_assert_uint_eq(stats().opens, 1);
}
END_TEST

/* ---- exit ------------------------------------------------------------------------------ */

static const char *const no_leak[] = { "LEAK", NULL };

/*
 * @out (freed here) holds each of @want and none of @shun (NULL-ended lists, or NULL), and
 * tells of @released files released by tproc (unchecked when negative).
 */
static void expect_output(char *out, const char *const *want, const char *const *shun,
			  int released)
{
	for (; want && *want; want++)
		ck_assert_msg(strstr(out, *want), "no \"%s\" in:\n%s", *want, out);
	for (; shun && *shun; shun++)
		ck_assert_msg(!strstr(out, *shun), "\"%s\" in:\n%s", *shun, out);
	if (released >= 0)
		ck_assert_int_eq(evlsim_count_substr(out, "tproc: released a file"), released);
	free(out);
}

/* a child that opens tproc twice, leaves @nr_blocked threads blocked, and exits */
static char *run_child_exit(int nr_blocked)
{
	struct evlsim_capture c;
	struct waiter w[NR_THREADS];
	int status, i;
	pid_t pid;
	char *out;

	evlsim_capture_start(&c);
	pid = fork();
	ck_assert_int_ge(pid, 0);
	if (!pid) {
		open_node(TPROC, O_RDWR);
		memset(w, 0, sizeof(w));
		for (i = 0; i < nr_blocked; i++)
			start(&w[i], i % 2 ? READ : OOB_IOCTL);
		wait_waiting(nr_blocked);
		exit(0);
	}
	ck_assert_int_eq(waitpid(pid, &status, 0), pid);
	out = evlsim_capture_end(&c);
	ck_assert_msg(WIFEXITED(status) && WEXITSTATUS(status) == 0, "%s", out);
	return out;
}

START_TEST(test_process_exit_releases_files)
{
	/* the fixture's file and the child's own: both released, nothing leaked */
	expect_output(run_child_exit(0), NULL, no_leak, 2);
}
END_TEST

START_TEST(test_process_exit_with_blocked_threads)
{
	expect_output(run_child_exit(NR_THREADS), NULL, no_leak, 2);
}
END_TEST

/* ---- the board program and EVLSIM_MODULES ------------------------------------------- */

/* runs @cmd with sh, stdout and stderr together, then "status=N" */
static char *run(const char *cmd)
{
	char buf[4096], *out;
	size_t n = 0, k;
	FILE *p;

	snprintf(buf, sizeof(buf), "unset EVLSIM_MODULES; %s 2>&1; echo status=$?", cmd);
	p = popen(buf, "r");
	ck_assert_ptr_nonnull(p);
	out = calloc(1, 65536);
	while ((k = fread(out + n, 1, 65535 - n, p)) > 0)
		n += k;
	pclose(p);
	return out;
}

START_TEST(test_process_modules_linked_in)
{
	expect_output(run("EVLSIM_MODULES='tproc tag=7' tests/programs/tproc-prog tag"),
		      (const char *const[]){ "tag=7\n", "status=0", NULL }, NULL, -1);
}
END_TEST

START_TEST(test_process_modules_from_module_path)
{
	expect_output(run("EVLSIM_MODULES=' ;tproc tag=9;' tests/programs/tproc-prog-so tag"),
		      (const char *const[]){ "tag=9\n", "status=0", NULL }, NULL, -1);
}
END_TEST

START_TEST(test_process_modules_missing_stops_program)
{
	expect_output(run("EVLSIM_MODULES='tproc;nosuchmod' tests/programs/tproc-prog tag"),
		      (const char *const[]){ "cannot load \"nosuchmod\"", "status=1", NULL },
		      (const char *const[]){ "tag=", NULL }, -1);
}
END_TEST

START_TEST(test_process_program_cancels_blocked_threads)
{
	expect_output(run("EVLSIM_MODULES=tproc tests/programs/tproc-prog cancel 4"),
		      (const char *const[]){ "cancelled=8 waits_ended=8 waiting=0", "status=0",
					     NULL }, no_leak, 1);
}
END_TEST

START_TEST(test_process_program_exits_with_blocked_threads)
{
	expect_output(run("EVLSIM_MODULES=tproc tests/programs/tproc-prog leave 4"),
		      (const char *const[]){ "leaving 4", "status=0", NULL }, no_leak, 1);
}
END_TEST

static Suite *suite(void)
{
	Suite *s = suite_create("process");
	TCase *tc;

	evlsim_check_modules("tproc");
	evlsim_check_fixture(setup, teardown);

	tc = tcase("cancel");
	tcase_add_test(tc, test_process_cancel_blocked_oob_ioctl);
	tcase_add_test(tc, test_process_cancel_blocked_oob_read);
	tcase_add_test(tc, test_process_cancel_blocked_read);
	tcase_add_test(tc, test_process_cancel_ioctl_not_a_point);
	tcase_add_test(tc, test_process_cancel_disabled_keeps_wait);
	tcase_add_test(tc, test_process_cancel_before_call);
	suite_add_tcase(s, tc);

	tc = tcase("exit");
	tcase_add_test(tc, test_process_exit_releases_files);
	tcase_add_test(tc, test_process_exit_with_blocked_threads);
	suite_add_tcase(s, tc);

	tc = tcase("program");
	tcase_add_test(tc, test_process_modules_linked_in);
	tcase_add_test(tc, test_process_modules_from_module_path);
	tcase_add_test(tc, test_process_modules_missing_stops_program);
	tcase_add_test(tc, test_process_program_cancels_blocked_threads);
	tcase_add_test(tc, test_process_program_exits_with_blocked_threads);
	suite_add_tcase(s, tc);

	return s;
}

int main(void)
{
	return evlsim_check_run(suite());
}
