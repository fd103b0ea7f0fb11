// SPDX-License-Identifier: MIT
/*
 * check_routing: how calls on simulated files reach a driver, and what the caller gets.
 *
 * Proves, case by case, the oob syscall routing of spec section 2.2 and every row of the
 * error table of section 2.3 for oob_read(), oob_write() and oob_ioctl(): bad, closed,
 * real and non-oob-capable fds (EBADF), access mode checks (EBADF, none for ioctl),
 * missing handlers (EINVAL/ENOTTY), -ENOIOCTLCMD (ENOTTY), compat callers, callers not
 * attached to EVL (EPERM, including a second pthread, a detached thread and a forked
 * child), a signal pending while an in-band EVL thread switches oob (EINTR, or a restart
 * with SA_RESTART), handler values and errors passed through, and garbage handler
 * results (reported, returned as the kernel would). Then the stage rules of section 8
 * item 2 (lazy oob switching, demotion by in-band calls, evl_switch_*(), attachment
 * errors, thread counters), and the in-band routing of fs/read_write.c and fs/ioctl.c.
 */
#define _GNU_SOURCE
#include <errno.h>
#include <fcntl.h>
#include <limits.h>
#include <pthread.h>
#include <signal.h>
#include <stdatomic.h>
#include <stdint.h>
#include <string.h>
#include <sys/ioctl.h>
#include <sys/wait.h>
#include <unistd.h>
#include <evl/evl.h>
#include <evlsim/evlsim.h>
#include "internal.h"
#include "evlsim-check.h"
#include "echo/echo-abi.h"
#include "../drivers/testdrv-abi.h"

#define TDRV_FULL	"/dev/tdrv-full"
#define TDRV_NOOOB	"/dev/tdrv-nooob"
#define TDRV_INBAND	"/dev/tdrv-inband"
#define TDRV_MISC	"/dev/tdrv-misc"
#define ENOIOCTLCMD_VAL	515	/* the kernel's ENOIOCTLCMD, never seen by user space */

/* ---- helpers ------------------------------------------------------------------------- */

static void teardown(void)
{
	evlsim__set_sched_hook(NULL);
	evlsim_check_teardown();
}

/* Forces what a handler of the file open on @fd returns (in-band ioctl). */
static void force_result(int fd, unsigned int op, long long value)
{
	struct tdrv_result r = { .op = op, .set = 1, .value = value };

	ck_assert_call(ioctl(fd, TDRV_IOC_SET_RESULT, &r), 0);
}

/* An fd number that is open neither as a real nor as a simulated file. */
static int unused_fd(void)
{
	int fd = 777;

	while (fcntl(fd, F_GETFD) != -1 || errno != EBADF)
		fd++;
	ck_assert_int_eq(evlsim_is_sim_fd(fd), 0);
	return fd;
}

/* An fd number that was a simulated file, now closed. */
static int closed_fd(void)
{
	int fd = open_node(TDRV_FULL, O_RDWR);

	close_fd(fd);
	ck_assert_int_eq(evlsim_is_sim_fd(fd), 0);
	return fd;
}

static void get_stats(struct evlsim_thread_stats *st)
{
	ck_assert_ret(evlsim_get_thread_stats(st), 0);
}

/* ---- one oob call, one expected result: the cases of one shape, as a table ------------- */

enum { OOB_READ, OOB_WRITE, OOB_IOCTL };

/* oob_read(fd, buf, 8), oob_write(fd, "abc", 3) or oob_ioctl(fd, TDRV_IOC_PING), errno set */
static long oob_call(int call, int fd)
{
	char buf[8];

	errno = 0;
	switch (call) {
	case OOB_READ:
		return oob_read(fd, buf, sizeof(buf));
	case OOB_WRITE:
		return oob_write(fd, "abc", 3);
	default:
		return oob_ioctl(fd, TDRV_IOC_PING);
	}
}

static const char *const oob_call_names[] = { "oob_read", "oob_write", "oob_ioctl" };

enum fd_kind {
	FD_NODE,		/* open_node(.node, .flags) */
	FD_UNUSED,		/* never opened, real or simulated */
	FD_CLOSED,		/* a simulated file, closed (taken after attaching) */
	FD_NUMBER,		/* .number as it is */
};

struct oob_case {
	const char *name;	/* the row, named by its failing assertions */
	int call;		/* OOB_READ, OOB_WRITE or OOB_IOCTL */
	enum fd_kind kind;
	const char *node;
	int flags, number;
	unsigned int force_op;	/* TDRV_OP_*: the handler returns .force_value... */
	long long force_value;	/* ...when .force_op is not 0 */
	int unattached;		/* the caller is a plain thread */
	long ret;		/* the result expected: .ret, or -1 and errno .err */
	int err;
	int inband_ping;	/* then the same file answers an in-band PING */
};

#define CALLS3(fmt, ...)						\
	{ fmt "read", OOB_READ, __VA_ARGS__ },			\
	{ fmt "write", OOB_WRITE, __VA_ARGS__ },			\
	{ fmt "ioctl", OOB_IOCTL, __VA_ARGS__ }

/* EBADF: the fd does not lead to an oob-capable file */
static const struct oob_case badfd_cases[] = {
	CALLS3("never opened: oob_", FD_UNUSED, .err = EBADF),
	CALLS3("closed: oob_", FD_CLOSED, .err = EBADF),
	CALLS3("INT_MAX: oob_", FD_NUMBER, .number = INT_MAX, .err = EBADF),
	CALLS3("1 << 20: oob_", FD_NUMBER, .number = 1 << 20, .err = EBADF),
	CALLS3("-1: oob_", FD_NUMBER, .number = -1, .err = EBADF),
	CALLS3("INT_MIN: oob_", FD_NUMBER, .number = INT_MIN, .err = EBADF),
	{ "in-band only file: oob_read", OOB_READ, FD_NODE, TDRV_INBAND, O_RDWR, .err = EBADF },
	{ "in-band only file: oob_write", OOB_WRITE, FD_NODE, TDRV_INBAND, O_RDWR, .err = EBADF },
	{ "in-band only file: oob_ioctl", OOB_IOCTL, FD_NODE, TDRV_INBAND, O_RDWR, .err = EBADF,
	  .inband_ping = 1 },
};

/* missing handlers, -ENOIOCTLCMD */
static const struct oob_case handler_cases[] = {
	{ "no oob handler: oob_read", OOB_READ, FD_NODE, TDRV_NOOOB, O_RDWR, .err = EINVAL },
	{ "no oob handler: oob_write", OOB_WRITE, FD_NODE, TDRV_NOOOB, O_RDWR, .err = EINVAL },
	{ "no oob handler: oob_ioctl", OOB_IOCTL, FD_NODE, TDRV_NOOOB, O_RDWR, .err = ENOTTY },
	{ "-ENOIOCTLCMD: oob_ioctl", OOB_IOCTL, FD_NODE, TDRV_FULL, O_RDWR,
	  .force_op = TDRV_OP_OOB_IOCTL, .force_value = -ENOIOCTLCMD_VAL, .err = ENOTTY },
};

/* EPERM: the caller is not an EVL thread */
static const struct oob_case eperm_cases[] = {
	CALLS3("plain thread: oob_", FD_NODE, TDRV_FULL, O_RDWR, .unattached = 1, .err = EPERM),
};

/* the handler's value or error, passed through */
static const struct oob_case result_cases[] = {
	{ "forced 3: oob_read", OOB_READ, FD_NODE, TDRV_FULL, O_RDWR,
	  .force_op = TDRV_OP_OOB_READ, .force_value = 3, .ret = 3 },
	{ "forced 2: oob_write", OOB_WRITE, FD_NODE, TDRV_FULL, O_RDWR,
	  .force_op = TDRV_OP_OOB_WRITE, .force_value = 2, .ret = 2 },
	{ "forced 7: oob_ioctl", OOB_IOCTL, FD_NODE, TDRV_FULL, O_RDWR,
	  .force_op = TDRV_OP_OOB_IOCTL, .force_value = 7, .ret = 7 },
	{ "forced INT_MAX: oob_ioctl", OOB_IOCTL, FD_NODE, TDRV_FULL, O_RDWR,
	  .force_op = TDRV_OP_OOB_IOCTL, .force_value = INT_MAX, .ret = INT_MAX },
	{ "-EAGAIN: oob_read", OOB_READ, FD_NODE, TDRV_FULL, O_RDWR,
	  .force_op = TDRV_OP_OOB_READ, .force_value = -EAGAIN, .err = EAGAIN },
	{ "-EFAULT: oob_write", OOB_WRITE, FD_NODE, TDRV_FULL, O_RDWR,
	  .force_op = TDRV_OP_OOB_WRITE, .force_value = -EFAULT, .err = EFAULT },
	{ "-EAGAIN: oob_ioctl", OOB_IOCTL, FD_NODE, TDRV_FULL, O_RDWR,
	  .force_op = TDRV_OP_OOB_IOCTL, .force_value = -EAGAIN, .err = EAGAIN },
	{ "-EFAULT: oob_ioctl", OOB_IOCTL, FD_NODE, TDRV_FULL, O_RDWR,
	  .force_op = TDRV_OP_OOB_IOCTL, .force_value = -EFAULT, .err = EFAULT },
	/* the largest errno value is still an error */
	{ "-4095: oob_read", OOB_READ, FD_NODE, TDRV_FULL, O_RDWR,
	  .force_op = TDRV_OP_OOB_READ, .force_value = -4095, .err = 4095 },
};

#define NR_CASES(table)	((int)(sizeof(table) / sizeof(table[0])))

/* One row: one call on one file, its exact result, and no driver report. */
static void run_oob_case(const struct oob_case *c)
{
	long ret;
	int fd = -1, err;

	if (c->unattached)
		ck_assert_msg(evl_get_self() == -1, "%s: the test thread is attached", c->name);
	else
		attach();	/* first: the thread element must not take a closed number */
	switch (c->kind) {
	case FD_NODE:
		fd = open_node(c->node, c->flags);
		break;
	case FD_UNUSED:
		fd = unused_fd();
		break;
	case FD_CLOSED:
		fd = closed_fd();
		break;
	case FD_NUMBER:
		fd = c->number;
		break;
	}
	if (c->force_op)
		force_result(fd, c->force_op, c->force_value);
	ret = oob_call(c->call, fd);
	err = errno;
	if (c->err)
		ck_assert_msg(ret == -1 && err == c->err, "%s: expected -1/%s, got %ld/%s",
			      c->name, strerror(c->err), ret, ret == -1 ? strerror(err) : "-");
	else
		ck_assert_msg(ret == c->ret, "%s: expected %ld, got %ld (%s)", c->name, c->ret,
			      ret, ret == -1 ? strerror(err) : "no error");
	ck_assert_msg(evlsim_report_count(EVLSIM_REPORT_DRIVER) == 0, "%s: a driver report",
		      c->name);
	if (c->inband_ping)
		ck_assert_call(ioctl(fd, TDRV_IOC_PING), 0);
	if (c->kind == FD_NODE)
		close_fd(fd);
}

START_TEST(test_badfd_oob_call_cases) { run_oob_case(&badfd_cases[_i]); } END_TEST
START_TEST(test_handler_oob_call_cases) { run_oob_case(&handler_cases[_i]); } END_TEST
START_TEST(test_eperm_oob_call_cases) { run_oob_case(&eperm_cases[_i]); } END_TEST
START_TEST(test_result_oob_call_cases) { run_oob_case(&result_cases[_i]); } END_TEST

/* ---- EBADF: the fd does not lead to an oob-capable file ------------------------------ */

START_TEST(test_badfd_oob_read_real_fd)
{
	char buf[8];
	int p[2];

	ck_assert_call(pipe(p), 0);
	ck_assert_call(write(p[1], "abc", 3), 3);
	attach();
	ck_assert_fails(oob_read(p[0], buf, sizeof(buf)), EBADF);
	/* the real pipe was not touched */
	ck_assert_call(read(p[0], buf, sizeof(buf)), 3);
	close_fd(p[0]);
	close_fd(p[1]);
}
END_TEST

START_TEST(test_badfd_oob_write_real_fd)
{
	char buf[8];
	int p[2];

	ck_assert_call(pipe2(p, O_NONBLOCK), 0);
	attach();
	ck_assert_fails(oob_write(p[1], "abc", 3), EBADF);
	ck_assert_fails(read(p[0], buf, sizeof(buf)), EAGAIN);
	close_fd(p[0]);
	close_fd(p[1]);
}
END_TEST

START_TEST(test_badfd_oob_ioctl_real_fd)
{
	int p[2];

	ck_assert_call(pipe(p), 0);
	attach();
	ck_assert_fails(oob_ioctl(p[0], TDRV_IOC_PING), EBADF);
	close_fd(p[0]);
	close_fd(p[1]);
}
END_TEST

/* ---- access mode -------------------------------------------------------------------- */

START_TEST(test_mode_oob_read_on_wronly_ebadf)
{
	int fd = open_node(TDRV_FULL, O_WRONLY);
	char buf[8];

	attach();
	ck_assert_fails(oob_read(fd, buf, sizeof(buf)), EBADF);
	ck_assert_call(oob_write(fd, "abc", 3), 3);
	close_fd(fd);
}
END_TEST

START_TEST(test_mode_oob_write_on_rdonly_ebadf)
{
	int fd = open_node(TDRV_FULL, O_RDONLY);
	char buf[8];

	attach();
	ck_assert_fails(oob_write(fd, "abc", 3), EBADF);
	ck_assert_call(oob_read(fd, buf, sizeof(buf)), 8);
	close_fd(fd);
}
END_TEST

START_TEST(test_mode_oob_ioctl_on_rdonly_works)
{
	int fd = open_node(TDRV_FULL, O_RDONLY);

	attach();
	ck_assert_call(oob_ioctl(fd, TDRV_IOC_PING), 1);
	close_fd(fd);
}
END_TEST

START_TEST(test_mode_oob_ioctl_on_wronly_works)
{
	int fd = open_node(TDRV_FULL, O_WRONLY);

	attach();
	ck_assert_call(oob_ioctl(fd, TDRV_IOC_PING), 1);
	close_fd(fd);
}
END_TEST

/* O_ACCMODE (3): neither read nor write, ioctl only */
START_TEST(test_mode_accmode3_ioctl_only)
{
	int fd = open_node(TDRV_FULL, O_ACCMODE);
	char buf[8];

	attach();
	ck_assert_fails(oob_read(fd, buf, sizeof(buf)), EBADF);
	ck_assert_fails(oob_write(fd, "abc", 3), EBADF);
	ck_assert_call(oob_ioctl(fd, TDRV_IOC_PING), 1);
	close_fd(fd);
}
END_TEST

/* the mode check comes before the handler check */
START_TEST(test_mode_checked_before_missing_handler)
{
	int rfd = open_node(TDRV_NOOOB, O_RDONLY);
	int wfd = open_node(TDRV_NOOOB, O_WRONLY);
	char buf[8];

	attach();
	ck_assert_fails(oob_read(wfd, buf, sizeof(buf)), EBADF);
	ck_assert_fails(oob_write(rfd, "abc", 3), EBADF);
	close_fd(rfd);
	close_fd(wfd);
}
END_TEST

/* ---- missing handlers, -ENOIOCTLCMD, compat callers ------------------------------------ */

/* the driver's real code returns -ENOIOCTLCMD for a request it does not know */
START_TEST(test_handler_oob_ioctl_unknown_request_enotty)
{
	int fd = open_node(TDRV_FULL, O_RDWR);

	attach();
	ck_assert_fails(oob_ioctl(fd, _IO('T', 99)), ENOTTY);
	close_fd(fd);
}
END_TEST

START_TEST(test_compat_oob_ioctl_missing_enotty)
{
	int fd = open_node(TDRV_NOOOB, O_RDWR);

	attach();
	ck_assert_int_eq(evlsim_set_compat_caller(1), 0);
	ck_assert_fails(oob_ioctl(fd, TDRV_IOC_PING), ENOTTY);
	evlsim_set_compat_caller(0);
	close_fd(fd);
}
END_TEST

START_TEST(test_compat_oob_ioctl_handler_called)
{
	int fd = open_node(TDRV_FULL, O_RDWR);

	attach();
	ck_assert_int_eq(evlsim_set_compat_caller(1), 0);
	ck_assert_call(oob_ioctl(fd, TDRV_IOC_PING), 33);
	ck_assert_call(oob_ioctl(fd, TDRV_IOC_COMPAT), 1);
	ck_assert_int_eq(evlsim_set_compat_caller(0), 1);
	/* native again */
	ck_assert_call(oob_ioctl(fd, TDRV_IOC_PING), 1);
	ck_assert_call(oob_ioctl(fd, TDRV_IOC_COMPAT), 0);
	close_fd(fd);
}
END_TEST

START_TEST(test_compat_oob_ioctl_enoioctlcmd_enotty)
{
	int fd = open_node(TDRV_FULL, O_RDWR);

	force_result(fd, TDRV_OP_COMPAT_OOB_IOCTL, -ENOIOCTLCMD_VAL);
	attach();
	evlsim_set_compat_caller(1);
	ck_assert_fails(oob_ioctl(fd, TDRV_IOC_COMPAT), ENOTTY);
	evlsim_set_compat_caller(0);
	/* only the compat handler was forced */
	ck_assert_call(oob_ioctl(fd, TDRV_IOC_COMPAT), 0);
	close_fd(fd);
}
END_TEST

/* ---- EPERM: callers that are not EVL threads ---------------------------------------- */

/* EPERM is decided before the fd is looked at */
START_TEST(test_eperm_before_ebadf)
{
	char buf[8];

	ck_assert_fails(oob_read(-1, buf, sizeof(buf)), EPERM);
	ck_assert_fails(oob_write(unused_fd(), "x", 1), EPERM);
	ck_assert_fails(oob_ioctl(INT_MAX, TDRV_IOC_PING), EPERM);
}
END_TEST

struct second_thread {
	int fd;
	long r_read, r_write, r_ioctl;
	int e_read, e_write, e_ioctl;
	int inband;
};

static void *second_thread_fn(void *arg)
{
	struct second_thread *st = arg;
	char buf[8];

	errno = 0;
	st->r_read = oob_read(st->fd, buf, sizeof(buf));
	st->e_read = errno;
	errno = 0;
	st->r_write = oob_write(st->fd, "abc", 3);
	st->e_write = errno;
	errno = 0;
	st->r_ioctl = oob_ioctl(st->fd, TDRV_IOC_PING);
	st->e_ioctl = errno;
	st->inband = evl_is_inband();
	return NULL;
}

START_TEST(test_eperm_second_pthread)
{
	struct second_thread st = { .fd = open_node(TDRV_FULL, O_RDWR) };
	pthread_t tid;

	/* the main thread is attached and works; another thread of the process is not */
	attach();
	ck_assert_call(oob_ioctl(st.fd, TDRV_IOC_PING), 1);
	ck_assert_int_eq(pthread_create(&tid, NULL, second_thread_fn, &st), 0);
	ck_assert_int_eq(pthread_join(tid, NULL), 0);
	ck_assert_msg(st.r_read == -1 && st.e_read == EPERM, "oob_read: %ld/%s",
		      st.r_read, strerror(st.e_read));
	ck_assert_msg(st.r_write == -1 && st.e_write == EPERM, "oob_write: %ld/%s",
		      st.r_write, strerror(st.e_write));
	ck_assert_msg(st.r_ioctl == -1 && st.e_ioctl == EPERM, "oob_ioctl: %ld/%s",
		      st.r_ioctl, strerror(st.e_ioctl));
	ck_assert_int_eq(st.inband, 1);
	close_fd(st.fd);
}
END_TEST

START_TEST(test_eperm_after_detach)
{
	int fd = open_node(TDRV_FULL, O_RDWR);
	char buf[8];

	attach();
	ck_assert_call(oob_read(fd, buf, sizeof(buf)), 8);
	ck_assert_ret(evl_detach_self(), 0);
	ck_assert_fails(oob_read(fd, buf, sizeof(buf)), EPERM);
	ck_assert_fails(oob_write(fd, "abc", 3), EPERM);
	ck_assert_fails(oob_ioctl(fd, TDRV_IOC_PING), EPERM);
	ck_assert_ret(evl_detach_self(), -EPERM);
	close_fd(fd);
}
END_TEST

/* Runs @fn in a forked child of an attached parent; returns the child's exit status. */
static int in_forked_child(int (*fn)(int fd), int fd)
{
	int status;
	pid_t pid;

	pid = fork();
	ck_assert_int_ge(pid, 0);
	if (pid == 0)
		_exit(fn(fd));
	ck_assert_int_eq(waitpid(pid, &status, 0), pid);
	ck_assert_msg(WIFEXITED(status), "child status %#x", status);
	return WEXITSTATUS(status);
}

/* exit status: the errno of the failed call, 100 + result if it did not fail */
static int child_call;

static int child_oob_call(int fd)
{
	long r = oob_call(child_call, fd);

	return r == -1 ? errno : 100 + (int)r;
}

/* a forked child of an attached parent is not attached: oob call _i fails with EPERM */
START_TEST(test_eperm_forked_child_oob_call)
{
	int fd = open_node(TDRV_FULL, O_RDWR);

	attach();
	ck_assert_call(oob_ioctl(fd, TDRV_IOC_PING), 1);
	child_call = _i;
	ck_assert_msg(in_forked_child(child_oob_call, fd) == EPERM, "%s: not EPERM",
		      oob_call_names[_i]);
	/* the parent is still attached */
	ck_assert_call(oob_ioctl(fd, TDRV_IOC_PING), 1);
	close_fd(fd);
}
END_TEST

/* spec 3.4: after attaching, a forked child's inherited fds resolve */
static int child_attach_then_oob_ioctl(int fd)
{
	int efd, r;

	if (evl_get_self() != -1)
		return 90;
	efd = evl_attach_self("child:%d", (int)getpid());
	if (efd < 0)
		return 91;
	errno = 0;
	r = oob_ioctl(fd, TDRV_IOC_PING);
	return r == -1 ? errno : 100 + r;
}

START_TEST(test_eperm_forked_child_attached_works)
{
	int fd = open_node(TDRV_FULL, O_RDWR);

	attach();
	ck_assert_int_eq(in_forked_child(child_attach_then_oob_ioctl, fd), 101);
	close_fd(fd);
}
END_TEST

/* ---- a signal pending while an in-band EVL thread switches oob ------------------------ */

static atomic_int sig_handled;
static atomic_int sig_raised;

static void on_sigusr1(int sig)
{
	atomic_fetch_add(&sig_handled, 1);
}

static void raise_at_switch_oob(enum evlsim_sched_point sp)
{
	if (sp == EVLSIM_SP_SWITCH_OOB && !atomic_exchange(&sig_raised, 1))
		raise(SIGUSR1);
}

static void install_sigusr1(int flags)
{
	catch_signal(SIGUSR1, on_sigusr1, flags);
	atomic_store(&sig_handled, 0);
	atomic_store(&sig_raised, 0);
	evlsim__set_sched_hook(raise_at_switch_oob);
}

static void remove_hook(void)
{
	evlsim__set_sched_hook(NULL);
}

START_TEST(test_signal_oob_ioctl_eintr)
{
	int fd = open_node(TDRV_FULL, O_RDWR);
	struct evlsim_thread_stats st;

	attach();
	install_sigusr1(0);
	ck_assert_fails(oob_ioctl(fd, TDRV_IOC_PING), EINTR);
	remove_hook();
	ck_assert_int_eq(atomic_load(&sig_handled), 1);
	ck_assert_int_eq(evl_is_inband(), 1);
	get_stats(&st);
	ck_assert_uint_eq(st.stage_switches, 0);
	/* the next call goes through */
	ck_assert_call(oob_ioctl(fd, TDRV_IOC_PING), 1);
	close_fd(fd);
}
END_TEST

START_TEST(test_signal_oob_read_eintr)
{
	int fd = open_node(TDRV_FULL, O_RDWR);
	char buf[8];

	attach();
	install_sigusr1(0);
	ck_assert_fails(oob_read(fd, buf, sizeof(buf)), EINTR);
	remove_hook();
	ck_assert_int_eq(atomic_load(&sig_handled), 1);
	ck_assert_int_eq(evl_is_inband(), 1);
	close_fd(fd);
}
END_TEST

START_TEST(test_signal_oob_write_eintr)
{
	int fd = open_node(TDRV_FULL, O_RDWR);

	attach();
	install_sigusr1(0);
	ck_assert_fails(oob_write(fd, "abc", 3), EINTR);
	remove_hook();
	ck_assert_int_eq(atomic_load(&sig_handled), 1);
	ck_assert_int_eq(evl_is_inband(), 1);
	close_fd(fd);
}
END_TEST

START_TEST(test_signal_oob_ioctl_sa_restart_restarts)
{
	int fd = open_node(TDRV_FULL, O_RDWR);

	attach();
	install_sigusr1(SA_RESTART);
	ck_assert_call(oob_ioctl(fd, TDRV_IOC_PING), 1);
	remove_hook();
	ck_assert_int_eq(atomic_load(&sig_handled), 1);
	ck_assert_int_eq(evl_is_inband(), 0);
	close_fd(fd);
}
END_TEST

START_TEST(test_signal_oob_read_sa_restart_restarts)
{
	int fd = open_node(TDRV_FULL, O_RDWR);
	char buf[8];

	attach();
	install_sigusr1(SA_RESTART);
	ck_assert_call(oob_read(fd, buf, sizeof(buf)), 8);
	remove_hook();
	ck_assert_int_eq(atomic_load(&sig_handled), 1);
	ck_assert_mem_eq(buf, "testdrv!", 8);
	close_fd(fd);
}
END_TEST

/* evl_switch_oob() itself: the kernel's -ERESTARTSYS becomes -EINTR without SA_RESTART */
START_TEST(test_signal_evl_switch_oob_eintr)
{
	attach();
	install_sigusr1(0);
	ck_assert_ret(evl_switch_oob(), -EINTR);
	remove_hook();
	ck_assert_int_eq(atomic_load(&sig_handled), 1);
	ck_assert_int_eq(evl_is_inband(), 1);
}
END_TEST

/* ---- handler results passed through ---------------------------------------------------- */

START_TEST(test_value_oob_read_default)
{
	int fd = open_node(TDRV_FULL, O_RDWR);
	char buf[16];

	attach();
	memset(buf, 0, sizeof(buf));
	ck_assert_call(oob_read(fd, buf, sizeof(buf)), 8);
	ck_assert_mem_eq(buf, "testdrv!", 8);
	ck_assert_call(oob_read(fd, buf, 3), 3);
	ck_assert_call(oob_read(fd, buf, 0), 0);
	close_fd(fd);
}
END_TEST

START_TEST(test_value_oob_write_default)
{
	int fd = open_node(TDRV_FULL, O_RDWR);

	attach();
	ck_assert_call(oob_write(fd, "abcdefghij", 10), 10);
	ck_assert_call(oob_write(fd, "", 0), 0);
	close_fd(fd);
}
END_TEST

/* the real driver code: PING tells the stage it ran on */
START_TEST(test_value_ping_oob_and_inband)
{
	int fd = open_node(TDRV_FULL, O_RDWR);

	attach();
	ck_assert_call(oob_ioctl(fd, TDRV_IOC_PING), 1);
	ck_assert_call(ioctl(fd, TDRV_IOC_PING), 0);
	close_fd(fd);
}
END_TEST

START_TEST(test_value_misc_device_routed)
{
	int fd = open_node(TDRV_MISC, O_RDWR);
	char buf[8];

	attach();
	ck_assert_call(oob_ioctl(fd, TDRV_IOC_PING), 1);
	ck_assert_call(oob_read(fd, buf, sizeof(buf)), 8);
	ck_assert_call(oob_write(fd, "abc", 3), 3);
	close_fd(fd);
}
END_TEST

/* a real driver fault: the user buffer is bad, the handler's copy fails */
START_TEST(test_error_oob_read_bad_buffer_efault)
{
	int fd = open_node(TDRV_FULL, O_RDWR);

	attach();
	ck_assert_fails(oob_read(fd, NULL, 8), EFAULT);
	close_fd(fd);
}
END_TEST

/* ---- garbage handler results ---------------------------------------------------------- */

START_TEST(test_garbage_oob_read_more_than_count)
{
	int fd = open_node(TDRV_FULL, O_RDWR);
	char buf[8];

	force_result(fd, TDRV_OP_OOB_READ, 100);
	attach();
	evlsim_reset_reports();
	ck_assert_call(oob_read(fd, buf, sizeof(buf)), 100);
	ck_assert_uint_eq(evlsim_report_count(EVLSIM_REPORT_DRIVER), 1);
	evlsim_reset_reports();
	close_fd(fd);
}
END_TEST

START_TEST(test_garbage_oob_write_more_than_count)
{
	int fd = open_node(TDRV_FULL, O_RDWR);

	force_result(fd, TDRV_OP_OOB_WRITE, 4);
	attach();
	evlsim_reset_reports();
	ck_assert_call(oob_write(fd, "abc", 3), 4);
	ck_assert_uint_eq(evlsim_report_count(EVLSIM_REPORT_DRIVER), 1);
	evlsim_reset_reports();
	close_fd(fd);
}
END_TEST

START_TEST(test_garbage_oob_read_not_an_errno)
{
	int fd = open_node(TDRV_FULL, O_RDWR);
	char buf[8];
	long r;

	force_result(fd, TDRV_OP_OOB_READ, -5000);
	attach();
	evlsim_reset_reports();
	errno = EXDEV;
	r = oob_read(fd, buf, sizeof(buf));
	ck_assert_int_eq(r, -5000);
	/* not an error: errno untouched */
	ck_assert_msg(errno == EXDEV, "oob_read() returning -5000 changed errno to %s",
		      strerror(errno));
	ck_assert_uint_eq(evlsim_report_count(EVLSIM_REPORT_DRIVER), 1);
	evlsim_reset_reports();
	close_fd(fd);
}
END_TEST

START_TEST(test_garbage_oob_ioctl_not_an_errno)
{
	int fd = open_node(TDRV_FULL, O_RDWR);
	long r;

	force_result(fd, TDRV_OP_OOB_IOCTL, -5000);
	attach();
	evlsim_reset_reports();
	errno = EXDEV;
	r = oob_ioctl(fd, TDRV_IOC_PING);
	ck_assert_int_eq(r, -5000);
	ck_assert_msg(errno == EXDEV, "oob_ioctl() returning -5000 changed errno to %s",
		      strerror(errno));
	ck_assert_uint_eq(evlsim_report_count(EVLSIM_REPORT_DRIVER), 1);
	evlsim_reset_reports();
	close_fd(fd);
}
END_TEST

/* prctl() returns an int: a long success value is truncated, and stays a success */
START_TEST(test_garbage_oob_ioctl_truncated_to_int)
{
	int fd = open_node(TDRV_FULL, O_RDWR);

	force_result(fd, TDRV_OP_OOB_IOCTL, 0x100000007LL);
	attach();
	evlsim_reset_reports();
	ck_assert_call(oob_ioctl(fd, TDRV_IOC_PING), 7);
	ck_assert_uint_eq(evlsim_report_count(EVLSIM_REPORT_DRIVER), 1);
	evlsim_reset_reports();
	close_fd(fd);
}
END_TEST

/*
 * 0xfffffffb is not IS_ERR_VALUE() on 64-bit: the kernel returns it as a success value,
 * glibc's prctl() does not take it for an error (only [-4095, -1] as a long is) and
 * returns it as an int: -5, with errno untouched.
 */
START_TEST(test_garbage_oob_ioctl_truncated_negative_is_not_an_error)
{
	int fd = open_node(TDRV_FULL, O_RDWR);
	long r;

	force_result(fd, TDRV_OP_OOB_IOCTL, 0xfffffffbLL);
	attach();
	evlsim_reset_reports();
	errno = EXDEV;
	r = oob_ioctl(fd, TDRV_IOC_PING);
	ck_assert_msg(r == -5 && errno == EXDEV, "oob_ioctl: expected -5 with errno untouched, got %ld/%s",
		      r, strerror(errno));
	ck_assert_uint_eq(evlsim_report_count(EVLSIM_REPORT_DRIVER), 1);
	evlsim_reset_reports();
	close_fd(fd);
}
END_TEST

/* ---- stages (spec 8, item 2) ---------------------------------------------------------- */

START_TEST(test_stage_oob_call_switches_oob_and_stays)
{
	int fd = open_node(TDRV_FULL, O_RDWR);
	char buf[8];

	attach();
	ck_assert_int_eq(evl_is_inband(), 1);
	ck_assert_call(oob_ioctl(fd, TDRV_IOC_PING), 1);
	ck_assert_int_eq(evl_is_inband(), 0);
	ck_assert_call(oob_read(fd, buf, sizeof(buf)), 8);
	ck_assert_int_eq(evl_is_inband(), 0);
	ck_assert_call(oob_write(fd, "abc", 3), 3);
	ck_assert_int_eq(evl_is_inband(), 0);
	close_fd(fd);
}
END_TEST

/* do_inband_syscall() switches oob before the handler looks at the fd */
START_TEST(test_stage_failed_oob_call_still_switches)
{
	attach();
	ck_assert_fails(oob_read(-1, NULL, 0), EBADF);
	ck_assert_int_eq(evl_is_inband(), 0);
}
END_TEST

START_TEST(test_stage_inband_ioctl_demotes)
{
	int fd = open_node(TDRV_FULL, O_RDWR);

	attach();
	ck_assert_call(oob_ioctl(fd, TDRV_IOC_PING), 1);
	ck_assert_int_eq(evl_is_inband(), 0);
	ck_assert_call(ioctl(fd, TDRV_IOC_PING), 0);	/* runs in-band */
	ck_assert_int_eq(evl_is_inband(), 1);
	close_fd(fd);
}
END_TEST

START_TEST(test_stage_real_read_demotes)
{
	int fd = open_node(TDRV_FULL, O_RDWR);
	char c;
	int p[2];

	ck_assert_call(pipe(p), 0);
	ck_assert_call(write(p[1], "z", 1), 1);
	attach();
	ck_assert_call(oob_ioctl(fd, TDRV_IOC_PING), 1);
	ck_assert_int_eq(evl_is_inband(), 0);
	ck_assert_call(read(p[0], &c, 1), 1);
	ck_assert_int_eq(evl_is_inband(), 1);
	close_fd(p[0]);
	close_fd(p[1]);
	close_fd(fd);
}
END_TEST

START_TEST(test_stage_explicit_switches)
{
	int fd = open_node(TDRV_FULL, O_RDWR);

	attach();
	ck_assert_ret(evl_switch_oob(), 0);
	ck_assert_int_eq(evl_is_inband(), 0);
	ck_assert_ret(evl_switch_oob(), 0);	/* already oob */
	ck_assert_int_eq(evl_is_inband(), 0);
	ck_assert_ret(evl_switch_inband(), 0);
	ck_assert_int_eq(evl_is_inband(), 1);
	ck_assert_ret(evl_switch_inband(), 0);	/* already in-band */
	ck_assert_int_eq(evl_is_inband(), 1);
	/* the handler sees the stage the thread was switched to */
	ck_assert_ret(evl_switch_oob(), 0);
	ck_assert_call(oob_ioctl(fd, TDRV_IOC_PING), 1);
	close_fd(fd);
}
END_TEST

START_TEST(test_stage_switch_not_attached_eperm)
{
	ck_assert_ret(evl_switch_oob(), -EPERM);
	ck_assert_ret(evl_switch_inband(), -EPERM);
	ck_assert_int_eq(evl_is_inband(), 1);
	attach();
	ck_assert_ret(evl_detach_self(), 0);
	ck_assert_ret(evl_switch_oob(), -EPERM);
	ck_assert_ret(evl_switch_inband(), -EPERM);
}
END_TEST

START_TEST(test_stage_get_self)
{
	int efd;

	ck_assert_int_eq(evl_get_self(), -1);
	efd = attach();
	ck_assert_int_ge(efd, 0);
	ck_assert_int_eq(evl_get_self(), efd);
	ck_assert_ret(evl_detach_self(), 0);
	ck_assert_int_eq(evl_get_self(), -1);
}
END_TEST

START_TEST(test_stage_second_attach_ebusy)
{
	int efd = attach();

	ck_assert_ret(evl_attach_self("again:%d", 1), -EBUSY);
	ck_assert_int_eq(evl_get_self(), efd);
}
END_TEST

START_TEST(test_stage_attach_bad_flags_einval)
{
	ck_assert_ret(evl_attach_thread(EVL_CLONE_INPUT, "bad:%d", 1), -EINVAL);
	ck_assert_ret(evl_attach_thread(0x1, "bad:%d", 2), -EINVAL);
	ck_assert_int_eq(evl_get_self(), -1);
	/* nothing was left behind: a valid attach works */
	ck_assert_int_ge(evl_attach_thread(EVL_CLONE_PRIVATE, "good:%d", 3), 0);
}
END_TEST

struct pub_attach {
	char name[64];
	int ret;
};

static void *pub_attach_fn(void *arg)
{
	struct pub_attach *pa = arg;

	pa->ret = evl_attach_self("%s", pa->name);
	return NULL;
}

START_TEST(test_stage_public_name_twice_eexist)
{
	struct pub_attach pa;
	pthread_t tid;

	snprintf(pa.name, sizeof(pa.name), "/routing-pub:%d", (int)getpid());
	ck_assert_int_ge(evl_attach_self("%s", pa.name), 0);
	ck_assert_int_eq(pthread_create(&tid, NULL, pub_attach_fn, &pa), 0);
	ck_assert_int_eq(pthread_join(tid, NULL), 0);
	ck_assert_int_eq(pa.ret, -EEXIST);
	/* once the owner detached, the name is free again */
	ck_assert_ret(evl_detach_self(), 0);
	ck_assert_int_eq(pthread_create(&tid, NULL, pub_attach_fn, &pa), 0);
	ck_assert_int_eq(pthread_join(tid, NULL), 0);
	ck_assert_int_ge(pa.ret, 0);
}
END_TEST

START_TEST(test_stage_thread_stats_exact)
{
	int fd = open_node(TDRV_FULL, O_RDWR);
	struct evlsim_thread_stats st;
	char buf[8];

	attach();
	get_stats(&st);
	ck_assert_uint_eq(st.stage_switches, 0);
	ck_assert_uint_eq(st.oob_calls, 0);

	ck_assert_call(oob_ioctl(fd, TDRV_IOC_PING), 1);	/* switch 1, call 1 */
	ck_assert_call(oob_read(fd, buf, sizeof(buf)), 8);	/* call 2 */
	ck_assert_call(oob_write(fd, "ab", 2), 2);		/* call 3 */
	get_stats(&st);
	ck_assert_uint_eq(st.stage_switches, 1);
	ck_assert_uint_eq(st.oob_calls, 3);

	ck_assert_call(ioctl(fd, TDRV_IOC_PING), 0);		/* demoted: switch 2 */
	ck_assert_call(ioctl(fd, TDRV_IOC_PING), 0);		/* already in-band */
	ck_assert_fails(oob_ioctl(-1, TDRV_IOC_PING), EBADF);	/* switch 3, call 4 */
	ck_assert_ret(evl_switch_inband(), 0);			/* switch 4 */
	ck_assert_ret(evl_switch_inband(), 0);
	ck_assert_ret(evl_switch_oob(), 0);			/* switch 5 */
	ck_assert_ret(evl_switch_oob(), 0);
	get_stats(&st);
	ck_assert_uint_eq(st.stage_switches, 5);
	ck_assert_uint_eq(st.oob_calls, 4);
	close_fd(fd);						/* switch 6 */
	get_stats(&st);
	ck_assert_uint_eq(st.stage_switches, 6);
	ck_assert_uint_eq(st.oob_calls, 4);
}
END_TEST

/* ---- in-band routing (fs/read_write.c, fs/ioctl.c) ------------------------------------ */

START_TEST(test_inband_read_on_wronly_ebadf)
{
	int fd = open_node(TDRV_FULL, O_WRONLY);
	char buf[8];

	ck_assert_fails(read(fd, buf, sizeof(buf)), EBADF);
	ck_assert_call(write(fd, "abc", 3), 3);
	close_fd(fd);
}
END_TEST

START_TEST(test_inband_write_on_rdonly_ebadf)
{
	int fd = open_node(TDRV_FULL, O_RDONLY);
	char buf[8];

	ck_assert_fails(write(fd, "abc", 3), EBADF);
	ck_assert_call(read(fd, buf, sizeof(buf)), 8);
	close_fd(fd);
}
END_TEST

/*
 * No node of testdrv or echo lacks ->read/->write; the EVL thread element file (the fd
 * evl_attach_self() returns) has neither, and is opened O_RDWR: FMODE_CAN_READ/WRITE
 * are not set, vfs_read()/vfs_write() fail with EINVAL.
 */
START_TEST(test_inband_no_read_handler_einval)
{
	int efd = attach();
	char buf[8];

	ck_assert_int_eq(evlsim_is_sim_fd(efd), 1);
	ck_assert_fails(read(efd, buf, sizeof(buf)), EINVAL);
	ck_assert_fails(write(efd, "abc", 3), EINVAL);
}
END_TEST

START_TEST(test_inband_ioctl_unknown_enotty)
{
	int fd = open_node(TDRV_FULL, O_RDWR);

	ck_assert_fails(ioctl(fd, _IO('T', 99)), ENOTTY);
	force_result(fd, TDRV_OP_IOCTL, -ENOIOCTLCMD_VAL);
	ck_assert_fails(ioctl(fd, TDRV_IOC_PING), ENOTTY);
	close_fd(fd);
}
END_TEST

START_TEST(test_inband_ioctl_on_inband_only_file)
{
	int fd = open_node(TDRV_INBAND, O_RDWR);
	char buf[8];

	ck_assert_call(ioctl(fd, TDRV_IOC_PING), 0);
	ck_assert_call(read(fd, buf, sizeof(buf)), 8);
	ck_assert_call(write(fd, "abc", 3), 3);
	close_fd(fd);
}
END_TEST

START_TEST(test_inband_driver_errors_pass_through)
{
	int fd = open_node(TDRV_FULL, O_RDWR);
	char buf[8];

	force_result(fd, TDRV_OP_READ, -EAGAIN);
	force_result(fd, TDRV_OP_WRITE, -EIO);
	ck_assert_fails(read(fd, buf, sizeof(buf)), EAGAIN);
	ck_assert_fails(write(fd, "abc", 3), EIO);
	force_result(fd, TDRV_OP_IOCTL, -EFAULT);
	ck_assert_fails(ioctl(fd, TDRV_IOC_PING), EFAULT);
	close_fd(fd);
}
END_TEST

START_TEST(test_inband_driver_values_pass_through)
{
	int fd = open_node(TDRV_FULL, O_RDWR);
	char buf[8];

	force_result(fd, TDRV_OP_READ, 5);
	force_result(fd, TDRV_OP_WRITE, 1);
	force_result(fd, TDRV_OP_IOCTL, 12345);
	ck_assert_call(read(fd, buf, sizeof(buf)), 5);
	ck_assert_call(write(fd, "abc", 3), 1);
	ck_assert_call(ioctl(fd, TDRV_IOC_PING), 12345);
	close_fd(fd);
}
END_TEST

START_TEST(test_inband_read_count_over_ssize_max_efault)
{
	int fd = open_node(TDRV_FULL, O_RDWR);
	volatile size_t huge = (size_t)SSIZE_MAX + 1;	/* hidden from the compiler's checks */
	char buf[8];

	ck_assert_fails(read(fd, buf, huge), EFAULT);
	close_fd(fd);
}
END_TEST

START_TEST(test_inband_read_null_buffer_efault_on_copy)
{
	int fd = open_node(TDRV_FULL, O_RDWR);
	void *volatile null = NULL;	/* hidden from the compiler's checks */

	/* access_ok(NULL, 8) passes; the driver's copy faults */
	ck_assert_fails(read(fd, null, 8), EFAULT);
	/* a driver that copies nothing does not fault */
	force_result(fd, TDRV_OP_READ, 0);
	ck_assert_call(read(fd, null, 8), 0);
	close_fd(fd);
}
END_TEST

START_TEST(test_inband_compat_ioctl_routed)
{
	int fd = open_node(TDRV_FULL, O_RDWR);

	ck_assert_int_eq(evlsim_set_compat_caller(1), 0);
	ck_assert_call(ioctl(fd, TDRV_IOC_PING), 32);
	ck_assert_call(ioctl(fd, TDRV_IOC_COMPAT), 1);
	evlsim_set_compat_caller(0);
	ck_assert_call(ioctl(fd, TDRV_IOC_PING), 0);
	ck_assert_call(ioctl(fd, TDRV_IOC_COMPAT), 0);
	close_fd(fd);
}
END_TEST

/* compat_sys_ioctl() never falls back to ->unlocked_ioctl */
START_TEST(test_inband_compat_ioctl_missing_enotty)
{
	int fd = open_node(TDRV_NOOOB, O_RDWR);

	ck_assert_call(ioctl(fd, TDRV_IOC_PING), 0);
	evlsim_set_compat_caller(1);
	ck_assert_fails(ioctl(fd, TDRV_IOC_PING), ENOTTY);
	evlsim_set_compat_caller(0);
	close_fd(fd);
}
END_TEST

START_TEST(test_inband_inband_read_default)
{
	int fd = open_node(TDRV_FULL, O_RDWR);
	char buf[16];

	memset(buf, 0, sizeof(buf));
	ck_assert_call(read(fd, buf, sizeof(buf)), 8);
	ck_assert_mem_eq(buf, "testdrv!", 8);
	ck_assert_call(write(fd, "abcdefghijklmnop", 16), 16);
	close_fd(fd);
}
END_TEST

/* ---- suite --------------------------------------------------------------------------- */

static Suite *suite(void)
{
	Suite *s = suite_create("routing");
	TCase *tc;

	evlsim_check_fixture(NULL, teardown);
	evlsim_check_modules("testdrv", "echo");
	tc = tcase("badfd");
	tcase_add_loop_test(tc, test_badfd_oob_call_cases, 0, NR_CASES(badfd_cases));
	tcase_add_test(tc, test_badfd_oob_read_real_fd);
	tcase_add_test(tc, test_badfd_oob_write_real_fd);
	tcase_add_test(tc, test_badfd_oob_ioctl_real_fd);
	suite_add_tcase(s, tc);

	tc = tcase("mode");
	tcase_add_test(tc, test_mode_oob_read_on_wronly_ebadf);
	tcase_add_test(tc, test_mode_oob_write_on_rdonly_ebadf);
	tcase_add_test(tc, test_mode_oob_ioctl_on_rdonly_works);
	tcase_add_test(tc, test_mode_oob_ioctl_on_wronly_works);
	tcase_add_test(tc, test_mode_accmode3_ioctl_only);
	tcase_add_test(tc, test_mode_checked_before_missing_handler);
	suite_add_tcase(s, tc);

	tc = tcase("handler");
	tcase_add_loop_test(tc, test_handler_oob_call_cases, 0, NR_CASES(handler_cases));
	tcase_add_test(tc, test_handler_oob_ioctl_unknown_request_enotty);
	tcase_add_test(tc, test_compat_oob_ioctl_missing_enotty);
	tcase_add_test(tc, test_compat_oob_ioctl_handler_called);
	tcase_add_test(tc, test_compat_oob_ioctl_enoioctlcmd_enotty);
	suite_add_tcase(s, tc);

	tc = tcase("eperm");
	tcase_add_loop_test(tc, test_eperm_oob_call_cases, 0, NR_CASES(eperm_cases));
	tcase_add_loop_test(tc, test_eperm_forked_child_oob_call, OOB_READ, OOB_IOCTL + 1);
	tcase_add_test(tc, test_eperm_before_ebadf);
	tcase_add_test(tc, test_eperm_second_pthread);
	tcase_add_test(tc, test_eperm_after_detach);
	tcase_add_test(tc, test_eperm_forked_child_attached_works);
	suite_add_tcase(s, tc);

	tc = tcase("signal");
	tcase_add_test(tc, test_signal_oob_ioctl_eintr);
	tcase_add_test(tc, test_signal_oob_read_eintr);
	tcase_add_test(tc, test_signal_oob_write_eintr);
	tcase_add_test(tc, test_signal_oob_ioctl_sa_restart_restarts);
	tcase_add_test(tc, test_signal_oob_read_sa_restart_restarts);
	tcase_add_test(tc, test_signal_evl_switch_oob_eintr);
	suite_add_tcase(s, tc);

	tc = tcase("result");
	tcase_add_loop_test(tc, test_result_oob_call_cases, 0, NR_CASES(result_cases));
	tcase_add_test(tc, test_value_oob_read_default);
	tcase_add_test(tc, test_value_oob_write_default);
	tcase_add_test(tc, test_value_ping_oob_and_inband);
	tcase_add_test(tc, test_value_misc_device_routed);
	tcase_add_test(tc, test_error_oob_read_bad_buffer_efault);
	tcase_add_test(tc, test_garbage_oob_read_more_than_count);
	tcase_add_test(tc, test_garbage_oob_write_more_than_count);
	tcase_add_test(tc, test_garbage_oob_read_not_an_errno);
	tcase_add_test(tc, test_garbage_oob_ioctl_not_an_errno);
	tcase_add_test(tc, test_garbage_oob_ioctl_truncated_to_int);
	tcase_add_test(tc, test_garbage_oob_ioctl_truncated_negative_is_not_an_error);
	suite_add_tcase(s, tc);

	tc = tcase("stage");
	tcase_add_test(tc, test_stage_oob_call_switches_oob_and_stays);
	tcase_add_test(tc, test_stage_failed_oob_call_still_switches);
	tcase_add_test(tc, test_stage_inband_ioctl_demotes);
	tcase_add_test(tc, test_stage_real_read_demotes);
	tcase_add_test(tc, test_stage_explicit_switches);
	tcase_add_test(tc, test_stage_switch_not_attached_eperm);
	tcase_add_test(tc, test_stage_get_self);
	tcase_add_test(tc, test_stage_second_attach_ebusy);
	tcase_add_test(tc, test_stage_attach_bad_flags_einval);
	tcase_add_test(tc, test_stage_public_name_twice_eexist);
	tcase_add_test(tc, test_stage_thread_stats_exact);
	suite_add_tcase(s, tc);

	tc = tcase("inband");
	tcase_add_test(tc, test_inband_read_on_wronly_ebadf);
	tcase_add_test(tc, test_inband_write_on_rdonly_ebadf);
	tcase_add_test(tc, test_inband_no_read_handler_einval);
	tcase_add_test(tc, test_inband_ioctl_unknown_enotty);
	tcase_add_test(tc, test_inband_ioctl_on_inband_only_file);
	tcase_add_test(tc, test_inband_driver_errors_pass_through);
	tcase_add_test(tc, test_inband_driver_values_pass_through);
	tcase_add_test(tc, test_inband_read_count_over_ssize_max_efault);
	tcase_add_test(tc, test_inband_read_null_buffer_efault_on_copy);
	tcase_add_test(tc, test_inband_compat_ioctl_routed);
	tcase_add_test(tc, test_inband_compat_ioctl_missing_enotty);
	tcase_add_test(tc, test_inband_inband_read_default);
	suite_add_tcase(s, tc);

	return s;
}

int main(void)
{
	return evlsim_check_run(suite());
}
