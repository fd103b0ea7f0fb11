// SPDX-License-Identifier: MIT
/*
 * check_stress_async: what arrives from outside while calls are in flight, with real
 * threads and nothing serialized by the test (issue 13, items 3, 4 and 2).
 *
 *  - fork(): children forked at random points while threads open, read, ioctl and close
 *    (in-band and oob) in the parent; every child runs its own files to their release
 *    and exits, none hangs, the parent is untouched.
 *  - signals: SIGALRM without SA_RESTART sent at random points to a thread blocked in
 *    oob_read() (-1/EINTR, then in-band) or about to block, with and without an oob call
 *    nested in the handler; SA_RESTART restarts the read until it is woken.
 *  - close() and dup2() of the very descriptor other threads issue oob calls on: every
 *    call returns the driver's value or EBADF (close), only the driver's value of either
 *    file (dup2, which replaces the file atomically), a blocked reader stays on the file
 *    it entered with; one ->release per open, the modules unload.
 *
 * Every test draws from the run's seed, printed at the start and taken from EVLSIM_SEED
 * when set, so that a failing run replays its choices.
 */
#define _GNU_SOURCE
#include <errno.h>
#include <fcntl.h>
#include <pthread.h>
#include <sched.h>
#include <signal.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/ioctl.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>
#include <evl/evl.h>
#include <evlsim/evlsim.h>
#include "evlsim-check.h"
#include "../drivers/testdrv-abi.h"
#include "../drivers/trel-abi.h"

#define TDRV_FULL	"/dev/tdrv-full"
#define TREL		"/dev/trel"
#define WAIT_LIMIT_NS	(20LL * 1000 * 1000 * 1000)	/* bounded waits give up after 20 s */

#define NR_FORKS	25
#define NR_FORK_IO	2

/* ---- helpers ------------------------------------------------------------------------- */

static void setup(void)
{
	ck_assert_ret(evlsim_load_module("testdrv"), 0);
	ck_assert_ret(evlsim_load_module("trel"), 0);
	tdrv_reset_stats();
	evlsim_reset_reports();
}

static void teardown(void)
{
	ck_assert_ret(evlsim_unload_module("trel"), 0);
	ck_assert_ret(evlsim_unload_module("testdrv"), 0);
	ck_assert_ret(evlsim_leak_check("trel"), 0);
	ck_assert_ret(evlsim_leak_check("testdrv"), 0);
	ck_assert_no_reports();
}

/* Polls @cond until true or the limit passed; the caller asserts on the result. */
#define WAIT_FOR(cond)							\
	({								\
		long long __end = now_ns() + WAIT_LIMIT_NS;		\
		while (!(cond) && now_ns() < __end)			\
			sched_yield();					\
		(cond);							\
	})

/* The run's seed: $EVLSIM_SEED, or the time; printed so that a failing run replays. */
static unsigned int run_seed(void)
{
	static unsigned int seed;
	const char *env;

	if (!seed) {
		env = getenv("EVLSIM_SEED");
		seed = env && *env ? (unsigned int)strtoul(env, NULL, 0) : (unsigned int)time(NULL);
		if (!seed)
			seed = 1;
		printf("# check_stress_async: EVLSIM_SEED=%u\n", seed);
		fflush(stdout);
	}
	return seed;
}

/* each user of the seed gets its own stream of it */
static unsigned int seed_stream(unsigned int n)
{
	unsigned int s = run_seed() * 2654435761u + n * 40503u;

	return s ? s : 1;
}

static unsigned int next_rand(unsigned int *state)
{
	unsigned int x = *state;

	x ^= x << 13;
	x ^= x >> 17;
	x ^= x << 5;
	return *state = x;
}

/* a pause of 0 to @max_us microseconds, drawn from @state */
static void random_pause(unsigned int *state, unsigned int max_us)
{
	unsigned int us = next_rand(state) % (max_us + 1);

	if (us < 20) {
		while (us--)
			sched_yield();
	} else {
		usleep(us);
	}
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

static void check_call(const char *what, long ret, long expected)
{
	if (ret != expected)
		record_error(what, ret, errno);
}

static struct tdrv_stats stats(void)
{
	struct tdrv_stats st;

	tdrv_get_stats(&st);
	return st;
}

/* ---- fork() with calls in flight ----------------------------------------------------- */

struct fork_io {
	pthread_t thread;
	int oob;		/* attached, oob calls besides the in-band ones */
	int *stop;
	long loops;
	int done;		/* the thread left its loop */
};

/*
 * The sanitizers' allocators (GCC 12's libasan and libtsan) do not hold their locks across
 * fork(): a child forked while another thread of the parent is inside malloc() can hang
 * in its own first malloc(), in the sanitizer's code (seen under ASan as 6 hangs in 20
 * runs, under TSan 5 in 60, every one in SizeClassAllocator64::GetFromAllocator). Under
 * a sanitizer the I/O threads are therefore parked between two calls at each fork: the
 * test then proves fork() with threads alive and their files open, the plain build with
 * calls in flight.
 */
#if defined(__SANITIZE_THREAD__) || defined(__SANITIZE_ADDRESS__)
#define FORK_PARKS_THREADS	1
#else
#define FORK_PARKS_THREADS	0
#endif
static int fork_park, fork_parked;

static void fork_io_park(void)
{
	if (!FORK_PARKS_THREADS || !__atomic_load_n(&fork_park, __ATOMIC_ACQUIRE))
		return;
	__atomic_add_fetch(&fork_parked, 1, __ATOMIC_ACQ_REL);
	while (__atomic_load_n(&fork_park, __ATOMIC_ACQUIRE))
		sched_yield();
	__atomic_sub_fetch(&fork_parked, 1, __ATOMIC_ACQ_REL);
}

/* fork(), with the I/O threads parked where the sanitizer needs it */
static pid_t fork_among(const struct fork_io *io, int nr)
{
	int running, i;
	pid_t pid;

	if (!FORK_PARKS_THREADS)
		return fork();
	__atomic_store_n(&fork_park, 1, __ATOMIC_RELEASE);
	for (;;) {
		for (running = 0, i = 0; i < nr; i++)
			running += !__atomic_load_n(&io[i].done, __ATOMIC_ACQUIRE);
		if (__atomic_load_n(&fork_parked, __ATOMIC_ACQUIRE) >= running)
			break;
		sched_yield();
	}
	pid = fork();
	if (pid)
		__atomic_store_n(&fork_park, 0, __ATOMIC_RELEASE);
	return pid;
}

static void *fork_io_fn(void *arg)
{
	struct fork_io *io = arg;
	char buf[8];
	int fd;

	if (io->oob && evl_attach_self("fork-io:%d", getpid()) < 0) {
		record_error("evl_attach_self", -1, 0);
		__atomic_store_n(&io->done, 1, __ATOMIC_RELEASE);
		return NULL;
	}
	while (!__atomic_load_n(io->stop, __ATOMIC_ACQUIRE)) {
		fork_io_park();
		fd = open(TDRV_FULL, O_RDWR);
		if (fd < 0) {
			record_error("open", fd, errno);
			break;
		}
		check_call("read", read(fd, buf, sizeof(buf)), 8);
		check_call("ioctl", ioctl(fd, TDRV_IOC_PING), 0);
		if (io->oob) {
			check_call("oob_read", oob_read(fd, buf, sizeof(buf)), 8);
			check_call("oob_ioctl", oob_ioctl(fd, TDRV_IOC_PING), 1);
		}
		check_call("close", close(fd), 0);
		io->loops++;
	}
	if (io->oob)
		evl_detach_self();
	__atomic_store_n(&io->done, 1, __ATOMIC_RELEASE);
	return NULL;
}

/*
 * What a child does with the copy of the system it got: closes the inherited file (its
 * last reference, unless a dead thread held one), then opens, uses and closes new ones,
 * attached or not. Exit status: 0, or the step that failed.
 */
static int fork_child(int inherited, unsigned int seed)
{
	unsigned int r = next_rand(&seed);
	char buf[8];
	int fd, i;

	/* a lock a parent thread held at the fork is reported there, not fatal */
	evlsim_set_check_mode(EVLSIM_CHECK_WARN);
	if (r & 1 && close(inherited))
		return 10;
	for (i = 0; i < 1 + (int)(r >> 1) % 3; i++) {
		fd = open(TDRV_FULL, O_RDWR);
		if (fd < 0)
			return 20;
		if (read(fd, buf, sizeof(buf)) != 8 || ioctl(fd, TDRV_IOC_PING) != 0)
			return 21;
		if (r & 8) {
			if (evl_attach_self("fork-child:%d:%d", getpid(), i) < 0)
				return 22;
			if (oob_read(fd, buf, sizeof(buf)) != 8 || oob_ioctl(fd, TDRV_IOC_PING) != 1)
				return 23;
			if (evl_detach_self())
				return 24;
		}
		if (close(fd))
			return 25;
	}
	if (!(r & 1) && close(inherited))
		return 11;
	return 0;
}

/*
 * Children forked at random points while two threads (one in-band, one attached and
 * issuing oob calls too) open, read, ioctl and close: every child finishes (none waits
 * for a lock or a grace period of a thread the fork left behind), and the parent's
 * files and counters are untouched by what the children did.
 */
START_TEST(test_stress_fork_with_calls_in_flight)
{
	struct fork_io io[NR_FORK_IO];
	unsigned int seed = seed_stream(1);
	int stop = 0, inherited, i, status, hung, failed = 0;
	struct tdrv_stats st;
	pid_t pid;

	inherited = open(TDRV_FULL, O_RDWR);
	ck_assert_int_ge(inherited, 0);
	for (i = 0; i < NR_FORK_IO; i++) {
		io[i] = (struct fork_io){ .oob = i & 1, .stop = &stop };
		ck_assert_int_eq(pthread_create(&io[i].thread, NULL, fork_io_fn, &io[i]), 0);
	}
	for (i = 0; i < NR_FORKS && !failed; i++) {
		random_pause(&seed, 2000);
		pid = fork_among(io, NR_FORK_IO);
		ck_assert_int_ge(pid, 0);
		if (pid == 0)
			_exit(fork_child(inherited, next_rand(&seed)));
		next_rand(&seed);
		status = evlsim_check_wait_child(pid, WAIT_LIMIT_NS, &hung);
		if (hung || !WIFEXITED(status) || WEXITSTATUS(status)) {
			failed = 1;
			__atomic_store_n(&stop, 1, __ATOMIC_RELEASE);
			ck_abort_msg("child %d of %d %s (status %#x)", i + 1, NR_FORKS,
				     hung ? "hung" : "failed", status);
		}
	}
	__atomic_store_n(&stop, 1, __ATOMIC_RELEASE);
	for (i = 0; i < NR_FORK_IO; i++)
		ck_assert_int_eq(pthread_join(io[i].thread, NULL), 0);
	assert_no_thread_errors();
	ck_assert_call(ioctl(inherited, TDRV_IOC_PING), 0);
	ck_assert_call(close(inherited), 0);
	st = stats();
	ck_assert_int_eq(st.opens, 1 + io[0].loops + io[1].loops);
	ck_assert_int_eq(st.releases, st.opens);
	ck_assert_int_eq(evlsim_module_refcount("testdrv"), 0);
}
END_TEST

/* ---- signals during oob calls -------------------------------------------------------- */

#define NR_SIG_ROUNDS	200
#define NR_SIG_CALLS	300

enum sig_round {
	ROUND_SIGNAL,		/* no SA_RESTART: -1/EINTR, in-band after */
	ROUND_SIGNAL_NESTED,	/* the same, the handler issues an oob call */
	ROUND_RESTART,		/* SA_RESTART: the read goes on until woken, returns 0 */
	ROUND_RACE,		/* a wake-up and a signal at once: 0 or -1/EINTR */
	ROUND_NR,
};

static int handler_calls, nested_fd = -1, nested_mode;

/* every signal of this suite lands here: counts, and issues an oob call when told to */
static void sig_handler(int sig)
{
	int saved_errno = errno;
	long ret;

	(void)sig;
	if (__atomic_load_n(&nested_mode, __ATOMIC_ACQUIRE)) {
		ret = nested_fd >= 0 ? oob_ioctl(nested_fd, TREL_IOC_PING) : -2;
		if (ret != 0)
			record_error("nested oob_ioctl", ret, errno);
	}
	__atomic_add_fetch(&handler_calls, 1, __ATOMIC_RELEASE);
	errno = saved_errno;
}

static void set_handler(int restart)
{
	struct sigaction sa = { .sa_handler = sig_handler, .sa_flags = restart ? SA_RESTART : 0 };

	sigemptyset(&sa.sa_mask);
	ck_assert_int_eq(sigaction(SIGALRM, &sa, NULL), 0);
}

struct sig_reader {
	pthread_t thread;
	int fd;
	int go, done;		/* round numbers: set by the test, by the reader */
	long ret;
	int err, inband_after;
};

static void *sig_reader_fn(void *arg)
{
	struct sig_reader *r = arg;
	int round;
	char c;

	if (evl_attach_self("sig-reader:%d", getpid()) < 0) {
		record_error("evl_attach_self", -1, 0);
		__atomic_store_n(&r->done, -1, __ATOMIC_RELEASE);
		return NULL;
	}
	for (round = 1; round <= NR_SIG_ROUNDS; round++) {
		while (__atomic_load_n(&r->go, __ATOMIC_ACQUIRE) != round)
			sched_yield();
		errno = 0;
		r->ret = oob_read(r->fd, &c, 1);
		r->err = errno;
		r->inband_after = evl_is_inband();
		__atomic_store_n(&r->done, round, __ATOMIC_RELEASE);
	}
	/* a signal sent to a thread on its way out is lost: leave when told */
	while (__atomic_load_n(&r->go, __ATOMIC_ACQUIRE) != round)
		sched_yield();
	evl_detach_self();
	return NULL;
}

/*
 * SIGALRM sent at a random point of an oob_read() blocked in the driver, with or
 * without SA_RESTART, with or without an oob call in the handler, or together with the
 * wake-up: each round's result is exactly what its kind says, the handler ran once.
 */
START_TEST(test_stress_signal_blocked_oob_read)
{
	struct sig_reader r = { 0 };
	unsigned int seed = seed_stream(2), kinds[ROUND_NR] = { 0 };
	int round, calls;
	enum sig_round kind;

	r.fd = open(TREL, O_RDWR);
	ck_assert_int_ge(r.fd, 0);
	nested_fd = open(TREL, O_RDWR);
	ck_assert_int_ge(nested_fd, 0);
	set_handler(0);
	ck_assert_int_eq(pthread_create(&r.thread, NULL, sig_reader_fn, &r), 0);
	for (round = 1; round <= NR_SIG_ROUNDS; round++) {
		kind = next_rand(&seed) % ROUND_NR;
		kinds[kind]++;
		set_handler(kind == ROUND_RESTART);
		__atomic_store_n(&nested_mode, kind == ROUND_SIGNAL_NESTED, __ATOMIC_RELEASE);
		calls = __atomic_load_n(&handler_calls, __ATOMIC_ACQUIRE);
		__atomic_store_n(&r.go, round, __ATOMIC_RELEASE);
		ck_assert_msg(WAIT_FOR(trel_waiters() == 1), "round %d: the read never blocked",
			      round);
		random_pause(&seed, 200);
		if (kind == ROUND_RACE && next_rand(&seed) & 1)
			trel_wake();
		ck_assert_int_eq(pthread_kill(r.thread, SIGALRM), 0);
		if (kind == ROUND_RACE)
			trel_wake();
		ck_assert_msg(WAIT_FOR(__atomic_load_n(&handler_calls, __ATOMIC_ACQUIRE) ==
				       calls + 1), "round %d: the handler never ran", round);
		/* a restarted read waits again: wake it (each wake-up may come too early) */
		while (kind == ROUND_RESTART && __atomic_load_n(&r.done, __ATOMIC_ACQUIRE) != round)
			trel_wake();
		ck_assert_msg(WAIT_FOR(__atomic_load_n(&r.done, __ATOMIC_ACQUIRE) == round),
			      "round %d (kind %d): the read never returned", round, kind);
		if (kind == ROUND_RESTART || (kind == ROUND_RACE && r.ret == 0)) {
			ck_assert_msg(r.ret == 0, "round %d (kind %d): %ld/%s, expected 0", round,
				      kind, r.ret, strerror(r.err));
		} else {
			ck_assert_msg(r.ret == -1 && r.err == EINTR,
				      "round %d (kind %d): %ld/%s, expected -1/EINTR", round, kind,
				      r.ret, strerror(r.err));
			ck_assert_msg(r.inband_after, "round %d: EINTR left the thread oob", round);
		}
		ck_assert_int_eq(__atomic_load_n(&handler_calls, __ATOMIC_ACQUIRE), calls + 1);
		ck_assert_int_eq(trel_waiters(), 0);
	}
	__atomic_store_n(&r.go, round, __ATOMIC_RELEASE);
	ck_assert_int_eq(pthread_join(r.thread, NULL), 0);
	signal(SIGALRM, SIG_DFL);
	assert_no_thread_errors();
	ck_assert_call(close(nested_fd), 0);
	ck_assert_call(close(r.fd), 0);
	nested_fd = -1;
	ck_assert_int_eq(trel_releases(), 2);
	printf("# signal rounds: %u plain, %u nested, %u restart, %u race\n", kinds[0],
	       kinds[1], kinds[2], kinds[3]);
}
END_TEST

struct sig_caller {
	pthread_t thread;
	int fd, stop, ready;
	long calls;
};

static void *sig_caller_fn(void *arg)
{
	struct sig_caller *c = arg;
	char buf[8];
	unsigned int op = 0;

	if (evl_attach_self("sig-caller:%d", getpid()) < 0) {
		record_error("evl_attach_self", -1, 0);
		__atomic_store_n(&c->ready, 1, __ATOMIC_RELEASE);
		return NULL;
	}
	__atomic_store_n(&c->ready, 1, __ATOMIC_RELEASE);
	while (!__atomic_load_n(&c->stop, __ATOMIC_ACQUIRE)) {
		switch (op++ % 3) {
		case 0:
			check_call("oob_read", oob_read(c->fd, buf, sizeof(buf)), 8);
			break;
		case 1:
			check_call("oob_write", oob_write(c->fd, "abc", 3), 3);
			break;
		default:
			check_call("oob_ioctl", oob_ioctl(c->fd, TDRV_IOC_PING), 1);
			break;
		}
		c->calls++;
	}
	evl_detach_self();
	return NULL;
}

/*
 * SIGALRM at random points of a stream of oob calls that never block, the handler
 * issuing an oob call of its own: no call is interrupted (each returns the driver's
 * value, never EINTR), every nested call returns 0, every signal is handled once.
 */
START_TEST(test_stress_signal_during_oob_calls)
{
	struct sig_caller c = { 0 };
	unsigned int seed = seed_stream(3);
	int i;

	c.fd = open(TDRV_FULL, O_RDWR);
	ck_assert_int_ge(c.fd, 0);
	nested_fd = open(TREL, O_RDWR);
	ck_assert_int_ge(nested_fd, 0);
	set_handler(0);
	__atomic_store_n(&nested_mode, 1, __ATOMIC_RELEASE);
	ck_assert_int_eq(pthread_create(&c.thread, NULL, sig_caller_fn, &c), 0);
	ck_assert(WAIT_FOR(__atomic_load_n(&c.ready, __ATOMIC_ACQUIRE)));
	for (i = 0; i < NR_SIG_CALLS; i++) {
		random_pause(&seed, 100);
		ck_assert_int_eq(pthread_kill(c.thread, SIGALRM), 0);
		ck_assert_msg(WAIT_FOR(__atomic_load_n(&handler_calls, __ATOMIC_ACQUIRE) == i + 1),
			      "signal %d was never handled", i + 1);
	}
	__atomic_store_n(&c.stop, 1, __ATOMIC_RELEASE);
	ck_assert_int_eq(pthread_join(c.thread, NULL), 0);
	signal(SIGALRM, SIG_DFL);
	assert_no_thread_errors();
	ck_assert_int_eq(handler_calls, NR_SIG_CALLS);
	ck_assert_int_gt(c.calls, 0);
	ck_assert_call(close(nested_fd), 0);
	ck_assert_call(close(c.fd), 0);
	nested_fd = -1;
	ck_assert_int_eq(trel_releases(), 1);
	ck_assert_int_eq(stats().releases, 1);
}
END_TEST

/* ---- close() and dup2() of the descriptor oob calls run on -------------------------- */

#define NR_FD_OPS	3000

struct fd_race {
	int target;		/* the number the calls go to */
	int stop, started, ready;
	int may_close;		/* the test closes the number, not only dup2()s onto it */
	long ok, ebadf;
};

static void *fd_race_io(void *arg)
{
	struct fd_race *f = arg;
	unsigned int op = 0;
	long ok = 0, ebadf = 0, ret;
	char buf[8];

	if (evl_attach_self("fd-race:%d", __atomic_add_fetch(&f->started, 1,
							       __ATOMIC_ACQ_REL)) < 0) {
		record_error("evl_attach_self", -1, 0);
		__atomic_add_fetch(&f->ready, 1, __ATOMIC_RELEASE);
		return NULL;
	}
	__atomic_add_fetch(&f->ready, 1, __ATOMIC_RELEASE);
	while (!__atomic_load_n(&f->stop, __ATOMIC_ACQUIRE)) {
		errno = 0;
		switch (op++ % 3) {
		case 0:
			ret = oob_read(f->target, buf, sizeof(buf)) == 8;
			break;
		case 1:
			ret = oob_write(f->target, "abc", 3) == 3;
			break;
		default:
			ret = oob_ioctl(f->target, TDRV_IOC_PING) == 1;
			break;
		}
		if (ret)
			ok++;
		else if (errno == EBADF && f->may_close)
			ebadf++;
		else
			record_error("oob call on the raced number", -1, errno);
	}
	__atomic_add_fetch(&f->ok, ok, __ATOMIC_RELAXED);
	__atomic_add_fetch(&f->ebadf, ebadf, __ATOMIC_RELAXED);
	evl_detach_self();
	return NULL;
}

/*
 * Threads issue oob calls on number N while the test replaces the file at N with
 * dup2() (tdrv-full and tdrv-misc, which answer alike) and, in the second run, also
 * closes N: dup2() replaces the file at once, so calls see one file or the other and
 * never EBADF; a close gives EBADF until the next dup2(). One ->release per open, one
 * ->flush per file replaced or closed, nothing left at unload.
 */
START_TEST(test_stress_close_dup2_vs_oob_io)
{
	struct fd_race f = { .may_close = _i };
	unsigned int seed = seed_stream(4 + _i);
	pthread_t io[NR_FORK_IO];
	long replaced = 0, closed = 0;
	int src[2], i, open_at_target = 1;
	struct tdrv_stats st;

	src[0] = open(TDRV_FULL, O_RDWR);
	src[1] = open("/dev/tdrv-misc", O_RDWR);
	ck_assert_int_ge(src[0], 0);
	ck_assert_int_ge(src[1], 0);
	f.target = dup(src[0]);
	ck_assert_int_ge(f.target, 0);
	for (i = 0; i < NR_FORK_IO; i++)
		ck_assert_int_eq(pthread_create(&io[i], NULL, fd_race_io, &f), 0);
	/* attached first: a thread element installed later could take the closed number */
	ck_assert(WAIT_FOR(__atomic_load_n(&f.ready, __ATOMIC_ACQUIRE) == NR_FORK_IO));
	for (i = 0; i < NR_FD_OPS; i++) {
		if (f.may_close && open_at_target && next_rand(&seed) % 4 == 0) {
			ck_assert_call(close(f.target), 0);
			open_at_target = 0;
			closed++;
		} else {
			ck_assert_call(dup2(src[next_rand(&seed) & 1], f.target), f.target);
			replaced += open_at_target;
			open_at_target = 1;
		}
		if (next_rand(&seed) % 8 == 0)
			sched_yield();
	}
	__atomic_store_n(&f.stop, 1, __ATOMIC_RELEASE);
	for (i = 0; i < NR_FORK_IO; i++)
		ck_assert_int_eq(pthread_join(io[i], NULL), 0);
	assert_no_thread_errors();
	ck_assert_int_gt(f.ok, 0);
	if (!f.may_close)
		ck_assert_int_eq(f.ebadf, 0);
	if (open_at_target) {
		ck_assert_call(close(f.target), 0);
		closed++;
	}
	ck_assert_call(close(src[0]), 0);
	ck_assert_call(close(src[1]), 0);
	st = stats();
	ck_assert_int_eq(st.opens, 2);
	ck_assert_int_eq(st.releases, 2);
	ck_assert_int_eq(st.flushes, replaced + closed + 2);
	ck_assert_int_eq(st.in_handler, 0);
	ck_assert_int_eq(evlsim_module_refcount("testdrv"), 0);
	printf("# dup2/close race (%s): %ld calls answered, %ld EBADF\n",
	       _i ? "with close" : "dup2 only", f.ok, f.ebadf);
}
END_TEST

/* ---- suite --------------------------------------------------------------------------- */

static Suite *suite(void)
{
	Suite *s = suite_create("stress_async");
	TCase *tc = tcase_create("fork");

	tcase_add_checked_fixture(tc, setup, teardown);
	tcase_set_timeout(tc, 120);
	tcase_add_test(tc, test_stress_fork_with_calls_in_flight);
	suite_add_tcase(s, tc);

	tc = tcase_create("signal");
	tcase_add_checked_fixture(tc, setup, teardown);
	tcase_set_timeout(tc, 120);
	tcase_add_test(tc, test_stress_signal_blocked_oob_read);
	tcase_add_test(tc, test_stress_signal_during_oob_calls);
	suite_add_tcase(s, tc);

	tc = tcase_create("fd");
	tcase_add_checked_fixture(tc, setup, teardown);
	tcase_set_timeout(tc, 120);
	tcase_add_loop_test(tc, test_stress_close_dup2_vs_oob_io, 0, 2);
	suite_add_tcase(s, tc);
	return s;
}

int main(void)
{
	run_seed();
	return evlsim_check_run(suite());
}
