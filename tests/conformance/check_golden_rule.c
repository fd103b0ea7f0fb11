// SPDX-License-Identifier: MIT
/*
 * check_golden_rule: the golden-rule checker (docs/golden-rule.md, spec 4.4 and 4.5),
 * through the deliberately broken driver tbroken (tests/drivers/tbroken-abi.h).
 *
 * For every rule, the violation is triggered from the context the rule is about (an
 * oob_ioctl() of an attached thread, an in-band ioctl(), an EVL timer handler, the
 * return of an oob handler, an in-band call after an oob one) and must give exactly one
 * RULE report and no diagnostic of any other kind; the report, captured from stderr,
 * names the rule as the reporter prints it ("evlsim: RULE [<rule>] ...") and the driver
 * function that broke it. Triggering the same violation again reports nothing: each call
 * site is reported once. Under EVLSIM_CHECK=off nothing is reported; under
 * EVLSIM_CHECK=abort the process prints the report and dies of SIGABRT (run in a forked
 * child). The legal requests of the driver are never reported.
 *
 * "Once per call site" is a property of the process: the suite relies on Check running
 * each test in its own process (CK_FORK=yes, the default and what `make check` sets).
 */
#define _GNU_SOURCE
#include <errno.h>
#include <fcntl.h>
#include <signal.h>
#include <string.h>
#include <sys/ioctl.h>
#include <sys/mman.h>
#include <sys/resource.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>
#include <evl/evl.h>
#include <evlsim/evlsim.h>
#include "evlsim-check.h"
#include "../drivers/tbroken-abi.h"

#define TBROKEN_DEV	"/dev/tbroken"
#define MS		1000000LL
#define WAIT_LIMIT	(10000 * MS)

static enum evlsim_check_mode saved_mode;

static void setup(void)
{
	saved_mode = evlsim_set_check_mode(EVLSIM_CHECK_WARN);
	evlsim_reset_reports();
	ck_assert_ret(evlsim_load_module("tbroken"), 0);
}

static void teardown(void)
{
	unsigned long before = evlsim_report_total();

	ck_assert_ret(evlsim_unload_module("tbroken"), 0);
	ck_assert_msg(evlsim_report_total() == before, "%lu diagnostics while unloading",
		      evlsim_report_total() - before);
	evlsim_reset_reports();
	evlsim_set_check_mode(saved_mode);
}

/* ---- helpers ------------------------------------------------------------------------- */

/*
 * @out holds exactly one rule report, for @rule, naming @func (if not NULL), whose
 * header line names @service and ends with the thread's @stage (if not NULL):
 * "(thread ..., in-band)".
 */
static void assert_report_text(const char *out, const char *rule, const char *service,
			       const char *func, const char *stage)
{
	const char *line, *eol;
	char tag[96];

	snprintf(tag, sizeof(tag), "evlsim: RULE [%s] ", rule);
	line = strstr(out, tag);
	ck_assert_msg(line, "no \"%s\" in the report:\n%s", tag, out);
	ck_assert_msg(evlsim_count_substr(out, "evlsim: RULE [") == 1,
		      "expected one rule report, got:\n%s", out);
	if (func)
		ck_assert_msg(strstr(out, func), "the report does not name %s():\n%s",
			      func, out);
	eol = strchr(line, '\n');
	ck_assert_msg(eol && memmem(line, eol - line, service, strlen(service)),
		      "the report's header does not name %s:\n%s", service, out);
	if (stage) {
		snprintf(tag, sizeof(tag), ", %s)\n", stage);
		ck_assert_msg(eol && (size_t)(eol + 1 - line) >= strlen(tag) &&
			      !strncmp(eol + 1 - strlen(tag), tag, strlen(tag)),
			      "the report's header does not show the %s stage:\n%s", stage, out);
	}
}

/* Exactly one diagnostic so far, a RULE report. */
static void assert_one_rule_report(void)
{
	ck_assert_msg(evlsim_report_count(EVLSIM_REPORT_RULE) == 1,
		      "%lu rule reports, expected 1", evlsim_report_count(EVLSIM_REPORT_RULE));
	ck_assert_msg(evlsim_report_total() == 1, "%lu diagnostics, expected 1 rule report",
		      evlsim_report_total());
}

/* ---- the violations ---------------------------------------------------------------- */

/*
 * The triggers run under Check, in a child forked by a test, and in the program
 * re-executed by run_with_env(), where Check's assertions cannot be used: there a failed
 * expectation exits with status 110.
 */
static int exec_mode;

#define expect(cond, fmt, ...)						\
	do {								\
		if (exec_mode) {					\
			if (!(cond))					\
				_exit(110);				\
		} else {						\
			ck_assert_msg(cond, fmt, ##__VA_ARGS__);	\
		}							\
	} while (0)

static long oob_req(int fd, unsigned long req)
{
	int val = -1;

	return oob_ioctl(fd, req, &val);
}

static void expect_oob_ok(int fd, unsigned long req, const char *what)
{
	long r;

	errno = 0;
	r = oob_req(fd, req);
	expect(r == 0, "oob_ioctl(%s): %ld (%s)", what, r, strerror(errno));
}

static void expect_inband_ok(int fd, unsigned long req, const char *what)
{
	long r;

	errno = 0;
	r = ioctl(fd, req);
	expect(r == 0, "ioctl(%s): %ld (%s)", what, r, strerror(errno));
}

static void trigger_kmalloc_oob(int fd)
{
	expect_oob_ok(fd, TBROKEN_IOC_KMALLOC_OOB, "KMALLOC_OOB");
}

static void trigger_copy_to_user_oob(int fd)
{
	expect_oob_ok(fd, TBROKEN_IOC_COPY_TO_USER_OOB, "COPY_TO_USER_OOB");
}

static void trigger_complete_oob(int fd)
{
	expect_oob_ok(fd, TBROKEN_IOC_COMPLETE_OOB, "COMPLETE_OOB");
}

static void trigger_msleep_oob(int fd)
{
	expect_oob_ok(fd, TBROKEN_IOC_MSLEEP_OOB, "MSLEEP_OOB");
}

static void trigger_wait_inband(int fd)
{
	long r;

	/* warn mode: reported, then the wait goes on and times out */
	errno = 0;
	r = ioctl(fd, TBROKEN_IOC_WAIT_INBAND);
	expect(r == -1 && errno == ETIMEDOUT, "ioctl(WAIT_INBAND): %ld (%s), expected ETIMEDOUT",
	       r, strerror(errno));
}

static void trigger_wait_in_timer(int fd)
{
	long long limit = now_ns() + WAIT_LIMIT;
	int runs = ioctl(fd, TBROKEN_IOC_TIMER_RUNS);

	expect(runs >= 0, "ioctl(TIMER_RUNS): %s", strerror(errno));
	expect_inband_ok(fd, TBROKEN_IOC_TIMER_ARM, "TIMER_ARM");
	while (ioctl(fd, TBROKEN_IOC_TIMER_RUNS) <= runs) {
		expect(now_ns() < limit, "the timer handler did not run");
		sleep_ms(1);
	}
}

static void trigger_msleep_hard_locked(int fd)
{
	expect_inband_ok(fd, TBROKEN_IOC_MSLEEP_HARD_LOCKED, "MSLEEP_HARD_LOCKED");
}

static void trigger_evl_wait_irqs_off(int fd)
{
	/* the outcome of the wait itself is not the point: it must return */
	(void)oob_req(fd, TBROKEN_IOC_EVL_WAIT_IRQS_OFF);
}

static void trigger_spin_lock_oob(int fd)
{
	expect_oob_ok(fd, TBROKEN_IOC_SPIN_LOCK_OOB, "SPIN_LOCK_OOB");
}

static void trigger_raw_spin_lock_oob(int fd)
{
	expect_oob_ok(fd, TBROKEN_IOC_RAW_SPIN_LOCK_OOB, "RAW_SPIN_LOCK_OOB");
}

/* two oob calls in a row, no in-band call between them: the first returns locked */
static void trigger_hard_lock_return(int fd)
{
	long r1 = oob_req(fd, TBROKEN_IOC_HARD_LOCK_RETURN);
	long r2 = oob_req(fd, TBROKEN_IOC_HARD_UNLOCK);

	expect(r1 == 0 && r2 == 0, "HARD_LOCK_RETURN: %ld, HARD_UNLOCK: %ld", r1, r2);
}

static void trigger_irqs_off_return(int fd)
{
	long r1 = oob_req(fd, TBROKEN_IOC_IRQS_OFF_RETURN);
	long r2 = oob_req(fd, TBROKEN_IOC_IRQS_RESTORE);

	expect(r1 == 0 && r2 == 0, "IRQS_OFF_RETURN: %ld, IRQS_RESTORE: %ld", r1, r2);
}

/* the same rule through the other handler kinds, oob (the fast path) and in-band */
static void trigger_oob_read_return(int fd)
{
	char c;
	long r1 = oob_read(fd, &c, 1);
	long r2 = oob_req(fd, TBROKEN_IOC_HARD_UNLOCK);

	expect(r1 == 0 && r2 == 0, "oob_read: %ld, HARD_UNLOCK: %ld", r1, r2);
}

static void trigger_oob_write_return(int fd)
{
	long r1 = oob_write(fd, "x", 1);
	long r2 = oob_req(fd, TBROKEN_IOC_IRQS_RESTORE);

	expect(r1 == 1 && r2 == 0, "oob_write: %ld, IRQS_RESTORE: %ld", r1, r2);
}

static void trigger_read_return(int fd)
{
	char c;
	long r1 = read(fd, &c, 1);
	long r2 = oob_req(fd, TBROKEN_IOC_HARD_UNLOCK);

	expect(r1 == 0 && r2 == 0, "read: %ld, HARD_UNLOCK: %ld", r1, r2);
}

static void trigger_write_return(int fd)
{
	long r1 = write(fd, "x", 1);
	long r2 = oob_req(fd, TBROKEN_IOC_IRQS_RESTORE);

	expect(r1 == 1 && r2 == 0, "write: %ld, IRQS_RESTORE: %ld", r1, r2);
}

/* the oob call returning with the kmutex held is legal; the in-band call after it is not */
static void trigger_kmutex_inband_switch(int fd)
{
	unsigned long before = evlsim_report_total();

	expect_oob_ok(fd, TBROKEN_IOC_KMUTEX_LOCK, "KMUTEX_LOCK");
	expect(evlsim_report_total() == before, "reported before the in-band switch");
	expect_inband_ok(fd, TBROKEN_IOC_NOP, "NOP");
	expect_oob_ok(fd, TBROKEN_IOC_KMUTEX_UNLOCK, "KMUTEX_UNLOCK");
}

/* evl_run_kthread() in-band (legal), evl_stop_kthread() from a user thread's oob stage */
static void trigger_kthread_stop(int fd)
{
	expect_inband_ok(fd, TBROKEN_IOC_KTHREAD_START, "KTHREAD_START");
	expect_oob_ok(fd, TBROKEN_IOC_KTHREAD_STOP, "KTHREAD_STOP");
}

struct violation {
	const char *name;
	void (*trigger)(int fd);
	const char *rule;
	const char *service;	/* what the report's header must name */
	const char *func;	/* the driver function the report must name: the caller of
				   the service, the handler that returned, or the function
				   that took the EVL mutex still held */
	const char *stage;	/* the stage the report's header must show, NULL: any */
	int keeps_oob;		/* the trigger ends with an oob call: the caller is still
				   oob after it (a report does not demote) */
};

#define OOB	"out-of-band"
#define INBAND	"in-band"

static const struct violation violations[] = {
	{ "kmalloc-oob", trigger_kmalloc_oob, "oob-calls-inband",
	  "kmalloc", "tbroken_kmalloc_oob", OOB, 1 },
	{ "copy_to_user-oob", trigger_copy_to_user_oob, "oob-calls-inband",
	  "copy_to_user", "tbroken_copy_to_user_oob", OOB, 1 },
	{ "complete-oob", trigger_complete_oob, "oob-calls-inband",
	  "complete", "tbroken_complete_oob", OOB, 1 },
	{ "msleep-oob", trigger_msleep_oob, "oob-calls-inband",
	  "msleep", "tbroken_msleep_oob", OOB, 0 },
	{ "evl-wait-inband", trigger_wait_inband, "evl-wait-inband",
	  "evl_wait", "tbroken_wait_inband", INBAND, 0 },
	{ "evl-wait-in-timer", trigger_wait_in_timer, "evl-wait-in-timer",
	  "evl_wait", "tbroken_timer_handler", OOB, 0 },
	{ "msleep-hard-locked", trigger_msleep_hard_locked, "sleep-hard-locked",
	  "msleep", "tbroken_msleep_hard_locked", INBAND, 0 },
	{ "evl-wait-irqs-off", trigger_evl_wait_irqs_off, "sleep-hard-locked",
	  "evl_wait", "tbroken_evl_wait_irqs_off", OOB, 1 },
	{ "spin_lock-oob", trigger_spin_lock_oob, "spinlock-oob",
	  "spin_lock", "tbroken_spin_lock_oob", OOB, 1 },
	{ "raw_spin_lock-oob", trigger_raw_spin_lock_oob, "spinlock-oob",
	  "raw_spin_lock", "tbroken_raw_spin_lock_oob", OOB, 1 },
	{ "return-hard-locked", trigger_hard_lock_return, "return-locked",
	  "oob_ioctl", "tbroken_oob_ioctl", OOB, 1 },
	{ "return-irqs-off", trigger_irqs_off_return, "return-locked",
	  "oob_ioctl", "tbroken_oob_ioctl", OOB, 1 },
	{ "oob_read-return-locked", trigger_oob_read_return, "return-locked",
	  "oob_read", "tbroken_oob_read", OOB, 1 },
	{ "oob_write-return-irqs-off", trigger_oob_write_return, "return-locked",
	  "oob_write", "tbroken_oob_write", OOB, 1 },
	{ "read-return-locked", trigger_read_return, "return-locked",
	  "read", "tbroken_read", INBAND, 1 },
	{ "write-return-irqs-off", trigger_write_return, "return-locked",
	  "write", "tbroken_write", INBAND, 1 },
	{ "kmutex-inband-switch", trigger_kmutex_inband_switch, "evl-mutex-inband-switch",
	  "evl_lock_kmutex", "tbroken_kmutex_lock", NULL, 1 },
	{ "stop-kthread-from-user", trigger_kthread_stop, "kthread-context-only",
	  "evl_stop_kthread", "tbroken_kthread_stop", OOB, 1 },
};

#define NR_VIOLATIONS	((int)(sizeof(violations) / sizeof(violations[0])))

/* ---- each violation: reported once, with the rule and the function ------------------- */

START_TEST(test_violation_reported_once)
{
	const struct violation *v = &violations[_i];
	struct evlsim_capture c;
	int fd, stayed_oob;
	char *out;

	attach_as("golden");
	fd = open_node(TBROKEN_DEV, O_RDWR);

	evlsim_capture_start(&c);
	v->trigger(fd);
	stayed_oob = !evl_is_inband();
	out = evlsim_capture_end(&c);
	ck_assert_msg(evlsim_report_count(EVLSIM_REPORT_RULE) == 1,
		      "%s: %lu rule reports, expected 1:\n%s", v->name,
		      evlsim_report_count(EVLSIM_REPORT_RULE), out);
	assert_one_rule_report();
	assert_report_text(out, v->rule, v->service, v->func, v->stage);
	free(out);
	/* the report itself does not switch the caller in-band */
	if (v->keeps_oob)
		ck_assert_msg(stayed_oob, "%s: the caller was switched in-band", v->name);

	/* the same call site again: not reported again */
	evlsim_capture_start(&c);
	v->trigger(fd);
	v->trigger(fd);
	out = evlsim_capture_end(&c);
	ck_assert_msg(!strstr(out, "evlsim: RULE ["), "%s: reported again:\n%s", v->name, out);
	assert_one_rule_report();
	free(out);

	ck_assert_call(close(fd), 0);
}
END_TEST

/* The same call site reached through another file of the driver: still one report. */
START_TEST(test_violation_once_across_files)
{
	const struct violation *v = &violations[_i];
	int fd1, fd2;

	attach_as("golden");
	fd1 = open_node(TBROKEN_DEV, O_RDWR);
	fd2 = open_node(TBROKEN_DEV, O_RDWR);
	v->trigger(fd1);
	v->trigger(fd2);
	assert_one_rule_report();
	ck_assert_call(close(fd2), 0);
	ck_assert_call(close(fd1), 0);
}
END_TEST

/* ---- EVLSIM_CHECK=off: nothing reported -------------------------------------------- */

START_TEST(test_violation_check_off)
{
	const struct violation *v = &violations[_i];
	struct evlsim_capture c;
	char *out;
	int fd;

	ck_assert_int_eq(evlsim_set_check_mode(EVLSIM_CHECK_OFF), EVLSIM_CHECK_WARN);
	attach_as("golden");
	fd = open_node(TBROKEN_DEV, O_RDWR);
	evlsim_capture_start(&c);
	v->trigger(fd);
	v->trigger(fd);
	out = evlsim_capture_end(&c);
	ck_assert_msg(evlsim_report_count(EVLSIM_REPORT_RULE) == 0,
		      "%s: %lu rule reports with EVLSIM_CHECK=off", v->name,
		      evlsim_report_count(EVLSIM_REPORT_RULE));
	ck_assert_no_reports();
	ck_assert_msg(!strstr(out, v->rule), "%s: printed with EVLSIM_CHECK=off:\n%s",
		      v->name, out);
	free(out);
	ck_assert_call(close(fd), 0);
	ck_assert_int_eq(evlsim_set_check_mode(EVLSIM_CHECK_WARN), EVLSIM_CHECK_OFF);
}
END_TEST

/* ---- EVLSIM_CHECK=abort: the report, then SIGABRT ---------------------------------- */

START_TEST(test_violation_check_abort)
{
	const struct violation *v = &violations[_i];
	struct rlimit nocore = { 0, 0 };
	char tag[96], *out;
	int memfd, status;
	pid_t pid;

	memfd = memfd_create("golden-child-stderr", 0);
	ck_assert_int_ge(memfd, 0);
	fflush(stderr);
	pid = fork();
	ck_assert_int_ge(pid, 0);
	if (pid == 0) {
		char arg[16];

		/*
		 * A fresh process: the test's own has simulator threads (timer CPU, workers)
		 * whose locks a forked copy may find held forever.
		 */
		exec_mode = 1;		/* no Check assertions in the child */
		setrlimit(RLIMIT_CORE, &nocore);
		if (dup2(memfd, 2) != 2)
			_exit(101);
		snprintf(arg, sizeof(arg), "%d", _i);
		execl("/proc/self/exe", "check_golden_rule", "--violate-abort", arg, (char *)NULL);
		_exit(105);
	}
	ck_assert_int_eq(waitpid(pid, &status, 0), pid);
	out = evlsim_read_fd(memfd);
	close(memfd);
	if (*out)
		(void)!write(2, out, strlen(out));
	ck_assert_msg(WIFSIGNALED(status) && WTERMSIG(status) == SIGABRT,
		      "%s: the child %s %d, expected SIGABRT:\n%s", v->name,
		      WIFSIGNALED(status) ? "died of signal" : "exited with",
		      WIFSIGNALED(status) ? WTERMSIG(status) : WEXITSTATUS(status), out);
	snprintf(tag, sizeof(tag), "evlsim: RULE [%s] ", v->rule);
	ck_assert_msg(strstr(out, tag), "%s: no \"%s\" before the abort:\n%s", v->name, tag,
		      out);
	ck_assert_msg(evlsim_count_substr(out, "evlsim: RULE [") == 1, "%s: one report expected:\n%s",
		      v->name, out);
	if (v->func)
		ck_assert_msg(strstr(out, v->func), "%s: the report does not name %s():\n%s",
			      v->name, v->func, out);
	ck_assert_msg(strstr(out, "evlsim: aborting (EVLSIM_CHECK=abort)"),
		      "%s: no abort notice:\n%s", v->name, out);
	free(out);
	/* the parent saw none of it */
	ck_assert_no_reports();
}
END_TEST

/* ---- $EVLSIM_CHECK itself: the program re-executed with the variable set ------------ */

/*
 * The violation @i, twice, in a new process whose environment has EVLSIM_CHECK=@mode (the
 * variable is read on first use, so it takes a fresh program): its wait status, and what
 * it printed on stderr in @out.
 */
static int run_with_env(int i, const char *mode, char **out)
{
	struct rlimit nocore = { 0, 0 };
	char arg[16];
	int memfd, status;
	pid_t pid;

	snprintf(arg, sizeof(arg), "%d", i);
	memfd = memfd_create("golden-exec-stderr", 0);
	ck_assert_int_ge(memfd, 0);
	fflush(stderr);
	pid = fork();
	ck_assert_int_ge(pid, 0);
	if (pid == 0) {
		setrlimit(RLIMIT_CORE, &nocore);
		if (dup2(memfd, 2) != 2)
			_exit(120);
		setenv("EVLSIM_CHECK", mode, 1);
		execl("/proc/self/exe", "check_golden_rule", "--violate", arg, (char *)NULL);
		_exit(121);
	}
	ck_assert_int_eq(waitpid(pid, &status, 0), pid);
	*out = evlsim_read_fd(memfd);
	close(memfd);
	if (**out)
		(void)!write(2, *out, strlen(*out));
	return status;
}

/* main(--violate i): exits with the number of rule reports, 100+ on a setup failure */
static int violate(int i)
{
	unsigned long n;
	int fd;

	exec_mode = 1;
	if (i < 0 || i >= NR_VIOLATIONS)
		return 100;
	if (evlsim_load_module("tbroken"))
		return 101;
	if (evl_attach_self("golden-exec:%d", getpid()) < 0)
		return 102;
	fd = open(TBROKEN_DEV, O_RDWR);
	if (fd < 0)
		return 103;
	violations[i].trigger(fd);
	violations[i].trigger(fd);
	n = evlsim_report_count(EVLSIM_REPORT_RULE);
	if (evlsim_report_total() != n)
		return 104;
	return n < 100 ? (int)n : 99;
}

START_TEST(test_env_check_warn)
{
	const struct violation *v = &violations[_i];
	char *out;
	int status = run_with_env(_i, "warn", &out);

	ck_assert_msg(WIFEXITED(status) && WEXITSTATUS(status) == 1,
		      "%s: EVLSIM_CHECK=warn: status %#x, expected exit(1):\n%s", v->name,
		      status, out);
	assert_report_text(out, v->rule, v->service, v->func, v->stage);
	free(out);
}
END_TEST

START_TEST(test_env_check_off)
{
	const struct violation *v = &violations[_i];
	char *out;
	int status = run_with_env(_i, "off", &out);

	ck_assert_msg(WIFEXITED(status) && WEXITSTATUS(status) == 0,
		      "%s: EVLSIM_CHECK=off: status %#x, expected exit(0):\n%s", v->name,
		      status, out);
	ck_assert_msg(!strstr(out, "evlsim: RULE ["), "%s: printed with EVLSIM_CHECK=off:\n%s",
		      v->name, out);
	free(out);
}
END_TEST

START_TEST(test_env_check_abort)
{
	const struct violation *v = &violations[_i];
	char *out;
	int status = run_with_env(_i, "abort", &out);

	ck_assert_msg(WIFSIGNALED(status) && WTERMSIG(status) == SIGABRT,
		      "%s: EVLSIM_CHECK=abort: status %#x, expected SIGABRT:\n%s", v->name,
		      status, out);
	assert_report_text(out, v->rule, v->service, v->func, v->stage);
	ck_assert_msg(strstr(out, "evlsim: aborting (EVLSIM_CHECK=abort)"),
		      "%s: no abort notice:\n%s", v->name, out);
	free(out);
}
END_TEST

/* ---- call sites, not rules, are deduplicated --------------------------------------- */

START_TEST(test_distinct_sites_same_rule)
{
	int fd;

	attach_as("golden");
	fd = open_node(TBROKEN_DEV, O_RDWR);
	trigger_spin_lock_oob(fd);
	trigger_raw_spin_lock_oob(fd);
	trigger_spin_lock_oob(fd);
	trigger_raw_spin_lock_oob(fd);
	ck_assert_uint_eq(evlsim_report_count(EVLSIM_REPORT_RULE), 2);
	ck_assert_uint_eq(evlsim_report_total(), 2);
	ck_assert_call(close(fd), 0);
}
END_TEST

START_TEST(test_every_violation_once)
{
	int fd, i, round;

	attach_as("golden");
	fd = open_node(TBROKEN_DEV, O_RDWR);
	for (round = 0; round < 2; round++)
		for (i = 0; i < NR_VIOLATIONS; i++)
			violations[i].trigger(fd);
	ck_assert_uint_eq(evlsim_report_count(EVLSIM_REPORT_RULE), NR_VIOLATIONS);
	ck_assert_uint_eq(evlsim_report_total(), NR_VIOLATIONS);
	ck_assert_call(close(fd), 0);
}
END_TEST

/* The counters read and reset as documented; a reset does not re-arm a call site. */
START_TEST(test_counters_reset)
{
	int fd;

	attach_as("golden");
	fd = open_node(TBROKEN_DEV, O_RDWR);
	trigger_kmalloc_oob(fd);
	assert_one_rule_report();
	evlsim_reset_reports();
	ck_assert_uint_eq(evlsim_report_count(EVLSIM_REPORT_RULE), 0);
	ck_assert_no_reports();
	trigger_kmalloc_oob(fd);		/* reported before the reset */
	ck_assert_no_reports();
	trigger_complete_oob(fd);
	assert_one_rule_report();
	ck_assert_call(close(fd), 0);
}
END_TEST

/* ---- legal handlers: never reported ------------------------------------------------ */

START_TEST(test_legal_oob)
{
	struct evlsim_capture c;
	long long limit;
	char *out;
	int fd, i, val;

	attach_as("golden");
	fd = open_node(TBROKEN_DEV, O_RDWR);
	evlsim_capture_start(&c);
	for (i = 1; i <= 3; i++) {
		val = -1;
		ck_assert_int_eq(oob_ioctl(fd, TBROKEN_IOC_LEGAL_OOB, &val), i);
		ck_assert_int_eq(val, i);	/* raw_copy_to_user() did its job */
	}
	out = evlsim_capture_end(&c);
	limit = now_ns() + WAIT_LIMIT;
	while (ioctl(fd, TBROKEN_IOC_IRQ_WORK_RUNS) < 1) {	/* the irq_work ran in-band */
		ck_assert_msg(now_ns() < limit, "the irq_work did not run");
		sleep_ms(1);
	}
	ck_assert_no_reports();
	ck_assert_msg(!strstr(out, "evlsim: "), "diagnostics printed:\n%s", out);
	free(out);
	ck_assert_call(close(fd), 0);
}
END_TEST

START_TEST(test_legal_inband)
{
	int fd, i, val;

	attach_as("golden");
	fd = open_node(TBROKEN_DEV, O_RDWR);
	for (i = 1; i <= 3; i++) {
		val = -1;
		ck_assert_call(ioctl(fd, TBROKEN_IOC_LEGAL_INBAND, &val), i);
		ck_assert_int_eq(val, i);
	}
	ck_assert_no_reports();
	ck_assert_call(close(fd), 0);
}
END_TEST

/* Holding an EVL mutex across the return to user space is fine while the thread stays oob. */
START_TEST(test_legal_kmutex_across_oob_calls)
{
	int fd;

	attach_as("golden");
	fd = open_node(TBROKEN_DEV, O_RDWR);
	ck_assert_int_eq(oob_req(fd, TBROKEN_IOC_KMUTEX_LOCK), 0);
	ck_assert_int_eq(oob_req(fd, TBROKEN_IOC_NOP), 0);
	ck_assert_int_eq(oob_req(fd, TBROKEN_IOC_KMUTEX_UNLOCK), 0);
	ck_assert_no_reports();
	ck_assert_call(ioctl(fd, TBROKEN_IOC_NOP), 0);	/* in-band, no mutex held */
	ck_assert_no_reports();
	ck_assert_call(close(fd), 0);
}
END_TEST

/* The request that does nothing, from both stages and across switches. */
START_TEST(test_legal_nop_both_stages)
{
	int fd;

	attach_as("golden");
	fd = open_node(TBROKEN_DEV, O_RDWR);
	ck_assert_int_eq(oob_req(fd, TBROKEN_IOC_NOP), 0);
	ck_assert_call(ioctl(fd, TBROKEN_IOC_NOP), 0);
	ck_assert_int_eq(oob_req(fd, TBROKEN_IOC_NOP), 0);
	ck_assert_no_reports();
	ck_assert_call(close(fd), 0);
}
END_TEST

/* An EVL kthread started in-band and stopped by the module's exit, in-band task context
 * (teardown checks that the unload reports nothing). */
START_TEST(test_legal_kthread_stopped_at_exit)
{
	int fd;

	fd = open_node(TBROKEN_DEV, O_RDWR);
	ck_assert_call(ioctl(fd, TBROKEN_IOC_KTHREAD_START), 0);
	ck_assert_call(close(fd), 0);
	ck_assert_no_reports();
}
END_TEST

/* ---- suite --------------------------------------------------------------------------- */

static Suite *suite(void)
{
	Suite *s = suite_create("golden_rule");
	TCase *tc;

	evlsim_check_fixture(setup, teardown);
	tc = tcase("violations");
	tcase_add_loop_test(tc, test_violation_reported_once, 0, NR_VIOLATIONS);
	tcase_add_loop_test(tc, test_violation_once_across_files, 0, NR_VIOLATIONS);
	tcase_add_test(tc, test_distinct_sites_same_rule);
	tcase_add_test(tc, test_every_violation_once);
	tcase_add_test(tc, test_counters_reset);
	suite_add_tcase(s, tc);

	tc = tcase("modes");
	tcase_add_loop_test(tc, test_violation_check_off, 0, NR_VIOLATIONS);
	tcase_add_loop_test(tc, test_violation_check_abort, 0, NR_VIOLATIONS);
	tcase_add_loop_test(tc, test_env_check_warn, 0, NR_VIOLATIONS);
	tcase_add_loop_test(tc, test_env_check_off, 0, NR_VIOLATIONS);
	tcase_add_loop_test(tc, test_env_check_abort, 0, NR_VIOLATIONS);
	suite_add_tcase(s, tc);

	tc = tcase("legal");
	tcase_add_test(tc, test_legal_oob);
	tcase_add_test(tc, test_legal_inband);
	tcase_add_test(tc, test_legal_kmutex_across_oob_calls);
	tcase_add_test(tc, test_legal_nop_both_stages);
	tcase_add_test(tc, test_legal_kthread_stopped_at_exit);
	suite_add_tcase(s, tc);

	return s;
}

int main(int argc, char **argv)
{
	if (argc == 3 && !strcmp(argv[1], "--violate"))
		_exit(violate(atoi(argv[2])));	/* no exit-time checks: only the count */
	if (argc == 3 && !strcmp(argv[1], "--violate-abort")) {
		/* abort mode set through the API, not the environment */
		evlsim_set_check_mode(EVLSIM_CHECK_ABORT);
		_exit(violate(atoi(argv[2])));
	}
	return evlsim_check_run(suite());
}
