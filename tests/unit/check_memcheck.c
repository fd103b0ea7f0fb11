// SPDX-License-Identifier: MIT
/*
 * check_memcheck: use-after-free and double free of driver memory (docs/debugging.md,
 * "Memory").
 *
 * With the tmemck test driver: a second kfree(), kmem_cache_free() or vfree() of a block
 * is one MEMORY report [double-free]; a lock, a mutex, an EVL flag or a list operation on
 * freed memory is one MEMORY report [use-after-free] naming the service, the driver
 * function, the object (size, cache) and both backtraces, and the run goes on; a plain
 * write after free is found when the block leaves the quarantine; a ->release that frees
 * its context before evl_release_file() while a reader is blocked in ->oob_read reports
 * and returns, and the reader gets EIDRM; EVLSIM_CHECK=abort ends the run at the report;
 * EVLSIM_QUARANTINE=off turns the check off.
 */
#define _GNU_SOURCE
#include <errno.h>
#include <fcntl.h>
#include <pthread.h>
#include <signal.h>
#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/wait.h>
#include <unistd.h>
#include <evl/evl.h>
#include <evl/syscall.h>
#include <evl/thread.h>
#include <evlsim/evlsim.h>
#include "evlsim-check.h"
#include "../drivers/tmemck-abi.h"

static void setup(void)
{
	evlsim_reset_reports();
	ck_assert_ret(evlsim_load_module("tmemck"), 0);
}

static void teardown(void)
{
	ck_assert_ret(evlsim_unload_module("tmemck"), 0);
}

/* Runs @fn, returns what it reported on stderr (to be freed). */
static char *captured(int (*fn)(void))
{
	struct evlsim_capture c;

	evlsim_capture_start(&c);
	ck_assert_int_eq(fn(), 0);
	return evlsim_capture_end(&c);
}

static void expect_one(const char *out, const char *rule, const char *service,
		       const char *fn)
{
	char tag[64];

	snprintf(tag, sizeof(tag), "MEMORY [%s]", rule);
	ck_assert_int_eq(evlsim_report_count(EVLSIM_REPORT_MEMORY), 1);
	ck_assert_int_eq(evlsim_report_total(), 1);
	ck_assert_int_eq(evlsim_count_substr(out, tag), 1);
	ck_assert_msg(strstr(out, service), "no '%s' in:\n%s", service, out);
	ck_assert_msg(strstr(out, fn), "no '%s' in:\n%s", fn, out);
	ck_assert_msg(strstr(out, "allocated by:") && strstr(out, "freed by:"), "%s", out);
	ck_assert_msg(strstr(out, "tmemck_new_ctx") || strstr(out, "module tmemck"), "%s", out);
}

START_TEST(test_memcheck_double_kfree)
{
	char *out = captured(tmemck_double_kfree);

	expect_one(out, "double-free", "kfree called from tmemck_double_kfree", "kmalloc-64");
	ck_assert_msg(strstr(out, "40-byte object"), "%s", out);
	free(out);
}
END_TEST

START_TEST(test_memcheck_double_cache_free)
{
	char *out = captured(tmemck_double_cache_free);

	expect_one(out, "double-free", "kmem_cache_free called from tmemck_double_cache_free",
		   "tmemck_obj");
	free(out);
}
END_TEST

START_TEST(test_memcheck_double_vfree)
{
	char *out = captured(tmemck_double_vfree);

	expect_one(out, "double-free", "vfree called from tmemck_double_vfree", "of vmalloc");
	free(out);
}
END_TEST

START_TEST(test_memcheck_uaf_spin_lock)
{
	char *out = captured(tmemck_uaf_spin_lock);

	expect_one(out, "use-after-free", "spin_lock called from tmemck_uaf_spin_lock",
		   "kmalloc-512");
	ck_assert_msg(strstr(out, "400-byte object"), "%s", out);
	free(out);
}
END_TEST

START_TEST(test_memcheck_uaf_hard_lock)
{
	char *out = captured(tmemck_uaf_hard_lock);

	expect_one(out, "use-after-free", "raw_spin_lock called from tmemck_uaf_hard_lock",
		   "kmalloc-512");
	free(out);
}
END_TEST

START_TEST(test_memcheck_uaf_mutex)
{
	char *out = captured(tmemck_uaf_mutex);

	expect_one(out, "use-after-free", "mutex_lock called from tmemck_uaf_mutex",
		   "kmalloc-512");
	free(out);
}
END_TEST

START_TEST(test_memcheck_uaf_flag)
{
	char *out = captured(tmemck_uaf_flag);

	expect_one(out, "use-after-free", "evl_raise_flag called from tmemck_uaf_flag",
		   "kmalloc-512");
	free(out);
}
END_TEST

/*
 * Under AddressSanitizer, a direct access of the driver's own code to freed memory (the
 * inline list operations read the node) is ASan's to report: the run ends there.
 */
static bool sanitizer_ends_run(int (*fn)(void), bool tsan_too)
{
#if defined(__SANITIZE_ADDRESS__) || defined(__SANITIZE_THREAD__)
#if !defined(__SANITIZE_ADDRESS__)
	if (!tsan_too)
		return false;
#endif
	pid_t pid = fork();
	int status;

	ck_assert_int_ge(pid, 0);
	if (!pid) {
		int null = open("/dev/null", O_WRONLY);

		dup2(null, 2);
		fn();
		exit(0);	/* not _exit(): TSan sets the exit status at exit */
	}
	ck_assert_int_eq(waitpid(pid, &status, 0), pid);
	ck_assert_msg(!WIFEXITED(status) || WEXITSTATUS(status), "status %#x", status);
	return true;
#else
	(void)fn;
	(void)tsan_too;
	return false;
#endif
}

/* ASan sees the driver's own accesses to poisoned memory */
static bool asan_ends_run(int (*fn)(void))
{
	return sanitizer_ends_run(fn, false);
}

START_TEST(test_memcheck_uaf_list)
{
	char *out;

	if (asan_ends_run(tmemck_uaf_list))
		return;
	out = captured(tmemck_uaf_list);

	expect_one(out, "use-after-free", "list operation called from tmemck_uaf_list",
		   "kmalloc-512");
	free(out);
}
END_TEST

/* Each object is reported once, whatever touches it after. */
START_TEST(test_memcheck_reported_once_per_object)
{
	ck_assert_int_eq(tmemck_uaf_spin_lock(), 0);
	ck_assert_int_eq(evlsim_report_count(EVLSIM_REPORT_MEMORY), 1);
	ck_assert_int_eq(tmemck_uaf_spin_lock(), 0);	/* another object: another report */
	ck_assert_int_eq(evlsim_report_count(EVLSIM_REPORT_MEMORY), 2);
}
END_TEST

START_TEST(test_memcheck_clean_no_report)
{
	int i;

	for (i = 0; i < 100; i++)
		ck_assert_int_eq(tmemck_clean(), 0);
	ck_assert_no_reports();
}
END_TEST

/* A plain write is found when the block leaves the quarantine (a small one here). */
START_TEST(test_memcheck_write_after_free_at_eviction)
{
	struct evlsim_capture c;
	char *out;
	int i;

	if (asan_ends_run(tmemck_write_after_free))
		return;
	evlsim_capture_start(&c);
	ck_assert_int_eq(tmemck_write_after_free(), 0);
	ck_assert_int_eq(evlsim_report_count(EVLSIM_REPORT_MEMORY), 0);
	for (i = 0; i < 8; i++)		/* 4 x 400 bytes push it out of 1k */
		ck_assert_int_eq(tmemck_clean(), 0);
	out = evlsim_capture_end(&c);
	ck_assert_int_eq(evlsim_report_count(EVLSIM_REPORT_MEMORY), 1);
	ck_assert_msg(strstr(out, "MEMORY [use-after-free] kfree called from (the quarantine): write after free found at eviction:"),
		      "%s", out);
	free(out);
}
END_TEST

/* ---- the motivating case: ->release frees the context under a blocked reader ------- */

struct reader {
	int fd;
	int efd;
	ssize_t ret;
	int err;
	int ready;
};

static void *reader_thread(void *arg)
{
	struct reader *r = arg;
	char byte;

	r->efd = evl_attach_self("memck-reader:%d", getpid());
	__atomic_store_n(&r->ready, 1, __ATOMIC_RELEASE);
	if (r->efd < 0)
		return NULL;
	r->ret = oob_read(r->fd, &byte, 1);
	r->err = errno;
	evl_detach_self();
	return NULL;
}

START_TEST(test_memcheck_release_after_free_does_not_hang)
{
	struct reader r = { .ret = 1234 };
	struct evlsim_capture c;
	pthread_t tid;
	char *out;

	r.fd = open("/dev/tmemck", O_RDWR);
	ck_assert_int_ge(r.fd, 0);
	ck_assert_int_eq(pthread_create(&tid, NULL, reader_thread, &r), 0);
	while (!__atomic_load_n(&r.ready, __ATOMIC_ACQUIRE))
		usleep(100);
	ck_assert_int_ge(r.efd, 0);
	ck_assert_ret(evlsim_wait_blocked(r.efd, -1), 0);

	evlsim_capture_start(&c);
	ck_assert_call(close(r.fd), 0);		/* returns: no hang */
	out = evlsim_capture_end(&c);
	ck_assert_int_eq(pthread_join(tid, NULL), 0);
	ck_assert_int_eq(r.ret, -1);
	ck_assert_int_eq(r.err, EIDRM);
	ck_assert_int_eq(evlsim_report_count(EVLSIM_REPORT_MEMORY), 1);
	ck_assert_int_eq(evlsim_report_total(), 1);
	ck_assert_msg(strstr(out, "MEMORY [use-after-free] evl_release_file called from tmemck_release"),
		      "%s", out);
	ck_assert_msg(strstr(out, "kmalloc-512"), "%s", out);
	free(out);
}
END_TEST

/* EVLSIM_CHECK=abort: the run ends at the report. */
START_TEST(test_memcheck_abort_mode)
{
	ck_assert_check_aborts(tmemck_double_kfree);
}
END_TEST

/* EVLSIM_QUARANTINE=off: nothing held, nothing checked (the double free is not run). */
START_TEST(test_memcheck_quarantine_off)
{
	/* ASan and TSan alone see the use of memory really freed */
	if (sanitizer_ends_run(tmemck_uaf_flag, true))
		return;
	ck_assert_int_eq(tmemck_uaf_flag(), 0);		/* freed at once: no report */
	ck_assert_int_eq(evlsim_report_count(EVLSIM_REPORT_MEMORY), 0);
}
END_TEST

/* This suite again, with $EVLSIM_QUARANTINE set: its tests for that setting pass. */
static void rerun_with(const char *quarantine)
{
	pid_t pid = fork();
	int status;

	ck_assert_int_ge(pid, 0);
	if (!pid) {
		int null = open("/dev/null", O_WRONLY);

		dup2(null, 1);		/* the parent's TAP stream is not the child's */
		setenv("EVLSIM_QUARANTINE", quarantine, 1);
		execl("/proc/self/exe", "check_memcheck", (char *)NULL);
		_exit(127);
	}
	ck_assert_int_eq(waitpid(pid, &status, 0), pid);
	ck_assert_msg(WIFEXITED(status) && WEXITSTATUS(status) == 0,
		      "EVLSIM_QUARANTINE=%s: status %#x", quarantine, status);
}

START_TEST(test_memcheck_env_off)
{
	rerun_with("off");
}
END_TEST

START_TEST(test_memcheck_env_small)
{
	rerun_with("1k");
}
END_TEST

static Suite *suite(void)
{
	Suite *s = suite_create("memcheck");
	const char *q = getenv("EVLSIM_QUARANTINE");
	TCase *tc;

	tc = tcase_create("reports");
	tcase_add_checked_fixture(tc, setup, teardown);
	if (q && !strcmp(q, "off")) {
		tcase_add_test(tc, test_memcheck_quarantine_off);
		suite_add_tcase(s, tc);
		return s;
	}
	if (q && !strcmp(q, "1k")) {
		tcase_add_test(tc, test_memcheck_write_after_free_at_eviction);
		suite_add_tcase(s, tc);
		return s;
	}
	tcase_add_test(tc, test_memcheck_double_kfree);
	tcase_add_test(tc, test_memcheck_double_cache_free);
	tcase_add_test(tc, test_memcheck_double_vfree);
	tcase_add_test(tc, test_memcheck_uaf_spin_lock);
	tcase_add_test(tc, test_memcheck_uaf_hard_lock);
	tcase_add_test(tc, test_memcheck_uaf_mutex);
	tcase_add_test(tc, test_memcheck_uaf_flag);
	tcase_add_test(tc, test_memcheck_uaf_list);
	tcase_add_test(tc, test_memcheck_reported_once_per_object);
	tcase_add_test(tc, test_memcheck_clean_no_report);
	tcase_add_test(tc, test_memcheck_release_after_free_does_not_hang);
	tcase_add_test(tc, test_memcheck_abort_mode);
	suite_add_tcase(s, tc);

	tc = tcase_create("environment");
	tcase_add_test(tc, test_memcheck_env_off);
	tcase_add_test(tc, test_memcheck_env_small);
	suite_add_tcase(s, tc);
	return s;
}

int main(void)
{
	return evlsim_check_run(suite());
}
