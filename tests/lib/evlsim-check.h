/* SPDX-License-Identifier: MIT */
/*
 * Helpers for evlsim's Check suites: assertions on the -1/errno and -errno conventions
 * that print the failing call and both values, stderr capture for the tests of reports,
 * the checked fixture and the small helpers every suite uses (evlsim-check.c), and suite
 * boilerplate.
 */
#ifndef _EVLSIM_CHECK_H
#define _EVLSIM_CHECK_H

#include <check.h>
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>
#include <evlsim/evlsim.h>

/* A call following the -1/errno convention must fail with exactly @err. */
#define ck_assert_fails(call, err)					\
	do {								\
		errno = 0;						\
		long __r = (long)(call);				\
		int __e = errno;					\
		ck_assert_msg(__r == -1 && __e == (err),		\
			      "%s: expected -1/%s, got %ld/%s", #call,	\
			      strerror(err), __r, __r == -1 ? strerror(__e) : "-"); \
	} while (0)

/* A call following the -1/errno convention must return exactly @val. */
#define ck_assert_call(call, val)					\
	do {								\
		errno = 0;						\
		long __r = (long)(call);				\
		ck_assert_msg(__r == (long)(val), "%s: expected %ld, got %ld (%s)", \
			      #call, (long)(val), __r,			\
			      __r == -1 ? strerror(errno) : "no error");	\
	} while (0)

/* A call following the 0/-errno convention (evl_*, evlsim_*) must return @val. */
#define ck_assert_ret(call, val)					\
	do {								\
		long __r = (long)(call);				\
		ck_assert_msg(__r == (long)(val), "%s: expected %ld (%s), got %ld (%s)", \
			      #call, (long)(val),			\
			      (long)(val) < 0 ? strerror(-(int)(val)) : "ok", __r, \
			      __r < 0 ? strerror(-(int)__r) : "ok");	\
	} while (0)

/* No diagnostic of any kind but notices was reported. */
#define ck_assert_no_reports()						\
	ck_assert_msg(evlsim_report_total() == 0,			\
		      "%lu diagnostics reported", evlsim_report_total())

/* The whole content of the seekable file @fd, NUL-terminated, to be freed. */
char *evlsim_read_fd(int fd);

/* How many times @sub occurs in @s, without overlaps. */
int evlsim_count_substr(const char *s, const char *sub);

/*
 * stderr capture: fd 2 goes to a temporary file between evlsim_capture_start() and
 * evlsim_capture_end(), which returns what was written (NUL-terminated, to be freed) and
 * copies it to the real stderr, so that the reports still show up in the test log.
 */
struct evlsim_capture {
	FILE *file;
	int saved;
};

void evlsim_capture_start(struct evlsim_capture *c);
char *evlsim_capture_end(struct evlsim_capture *c);

/* Runs one suite, with TAP output when CK_TAP_LOG_FILE_NAME is set. */
int evlsim_check_run(Suite *s);

/*
 * The checked fixture most suites share: evlsim_check_modules("testdrv", "echo") in the
 * suite's construction names the modules; setup() resets the report counters and loads
 * them in that order before each test, teardown() unloads them in the reverse order
 * (each call must return 0) and asserts that nothing was reported. A suite that needs
 * more wraps them in its own setup and teardown.
 */
#define evlsim_check_modules(...)	evlsim_check_set_modules(__VA_ARGS__, (const char *)NULL)
void evlsim_check_set_modules(const char *first, ...);
void evlsim_check_setup(void);
void evlsim_check_teardown(void);

/*
 * tcase(name): tcase_create() with the suite's checked fixture, which is
 * evlsim_check_setup() and evlsim_check_teardown() unless the suite's construction
 * named its own with evlsim_check_fixture() (NULL keeps the default).
 */
void evlsim_check_fixture(void (*setup)(void), void (*teardown)(void));
TCase *tcase(const char *name);

/*
 * The suites' common vocabulary. Each asserts its own success, naming the failing call
 * and errno, so a test reads as the sequence of calls it makes.
 */

/* open(@path, @flags) of a simulated device node: the fd, which evlsim_is_sim_fd(). */
int open_node(const char *path, int flags);

/* close(@fd) returns 0. */
void close_fd(int fd);

/*
 * Attaches the calling thread to the EVL core as "@role:<pid>.<n>" (n counts the
 * attachments of the process), with evl_attach_thread(@flags): the element fd.
 */
int attach_thread(int flags, const char *role);

/* attach_thread(EVL_CLONE_PRIVATE, @role). */
int attach_as(const char *role);

/* attach_as() the program's own name ("check_routing:<pid>.<n>"). */
int attach(void);

/* sigaction(@sig) to @handler with @flags (SA_RESTART or 0) and an empty mask. */
void catch_signal(int sig, void (*handler)(int), int flags);

/* Sleeps @ms milliseconds at least, signals or not. */
void sleep_ms(long ms);

/* CLOCK_MONOTONIC in nanoseconds (now_ns) or milliseconds (now_ms); any clock (clock_ns). */
long long clock_ns(clockid_t clock);
long long now_ns(void);
long long now_ms(void);

/*
 * Polls @cond every @step_us microseconds until it holds; fails the test naming @cond
 * after @limit_ns nanoseconds. For handshakes between threads, never for timing.
 */
#define wait_until_ns(cond, limit_ns, step_us)				\
	do {								\
		long long __limit = now_ns() + (limit_ns);		\
		while (!(cond)) {					\
			ck_assert_msg(now_ns() < __limit,		\
				      "timed out waiting for %s", #cond); \
			usleep(step_us);				\
		}							\
	} while (0)

/*
 * Runs @fn in a forked child under EVLSIM_CHECK=abort, its stderr on /dev/null, and
 * asserts that the child died of SIGABRT (the report ended the run).
 */
/*
 * Waits for the child @pid at most @limit_ns; one still running then is killed (SIGKILL)
 * and reaped, and *@hung set. Returns its wait status.
 */
int evlsim_check_wait_child(pid_t pid, long long limit_ns, int *hung);
void ck_assert_check_aborts(int (*fn)(void));

/*
 * The seed of a randomised suite: EVLSIM_SEED when set (an unsigned 64-bit number,
 * decimal or 0x hex, as the simulator takes it), else a random one; printed once as "<program>: EVLSIM_SEED=<seed>" on stderr, so that
 * any run can be replayed. Call it in main(), before the tests fork.
 */
unsigned long long evlsim_check_seed(void);

#endif
