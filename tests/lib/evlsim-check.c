// SPDX-License-Identifier: MIT
/*
 * The helpers of evlsim-check.h that are functions, built once as a convenience library
 * linked into every suite.
 */
#define _GNU_SOURCE
#include <errno.h>
#include <fcntl.h>
#include <strings.h>
#include <signal.h>
#include <stdarg.h>
#include <sys/random.h>
#include <sys/wait.h>
#include <evl/evl.h>
#include "evlsim-check.h"

char *evlsim_read_fd(int fd)
{
	off_t len = lseek(fd, 0, SEEK_END);
	char *buf;

	ck_assert_int_ge(len, 0);
	buf = malloc(len + 1);
	ck_assert_ptr_nonnull(buf);
	ck_assert_int_eq(pread(fd, buf, len, 0), len);
	buf[len] = '\0';
	return buf;
}

int evlsim_count_substr(const char *s, const char *sub)
{
	int n = 0;

	while ((s = strstr(s, sub))) {
		n++;
		s += strlen(sub);
	}
	return n;
}

void evlsim_capture_start(struct evlsim_capture *c)
{
	fflush(stderr);
	c->file = tmpfile();
	ck_assert_ptr_nonnull(c->file);
	c->saved = dup(2);
	ck_assert_int_ge(c->saved, 0);
	ck_assert_int_eq(dup2(fileno(c->file), 2), 2);
}

char *evlsim_capture_end(struct evlsim_capture *c)
{
	char *out;

	fflush(stderr);
	ck_assert_int_eq(dup2(c->saved, 2), 2);
	close(c->saved);
	out = evlsim_read_fd(fileno(c->file));
	fclose(c->file);
	if (*out)
		(void)!write(2, out, strlen(out));
	return out;
}

int evlsim_check_run(Suite *s)
{
	SRunner *sr = srunner_create(s);
	int failed;

	srunner_run_all(sr, CK_ENV);
	failed = srunner_ntests_failed(sr);
	srunner_free(sr);
	return failed ? EXIT_FAILURE : EXIT_SUCCESS;
}

/* ---- the checked fixture ------------------------------------------------------------- */

#define MAX_MODULES	8

static const char *modules[MAX_MODULES];
static int nr_modules;

void evlsim_check_set_modules(const char *first, ...)
{
	const char *name;
	va_list ap;

	nr_modules = 0;
	va_start(ap, first);
	for (name = first; name; name = va_arg(ap, const char *)) {
		if (nr_modules == MAX_MODULES) {	/* called from main(): no test to fail */
			fprintf(stderr, "evlsim_check_modules: more than %d modules\n",
				MAX_MODULES);
			abort();
		}
		modules[nr_modules++] = name;
	}
	va_end(ap);
}

void evlsim_check_setup(void)
{
	int i;

	evlsim_reset_reports();
	for (i = 0; i < nr_modules; i++)
		ck_assert_ret(evlsim_load_module(modules[i]), 0);
}

void evlsim_check_teardown(void)
{
	int i;

	for (i = nr_modules - 1; i >= 0; i--)
		ck_assert_ret(evlsim_unload_module(modules[i]), 0);
	ck_assert_no_reports();
}

static void (*fixture_setup)(void) = evlsim_check_setup;
static void (*fixture_teardown)(void) = evlsim_check_teardown;

void evlsim_check_fixture(void (*setup)(void), void (*teardown)(void))
{
	fixture_setup = setup ? setup : evlsim_check_setup;
	fixture_teardown = teardown ? teardown : evlsim_check_teardown;
}

TCase *tcase(const char *name)
{
	TCase *tc = tcase_create(name);

	tcase_add_checked_fixture(tc, fixture_setup, fixture_teardown);
	return tc;
}

/* ---- the suites' vocabulary ---------------------------------------------------------- */

int open_node(const char *path, int flags)
{
	int fd = open(path, flags);

	ck_assert_msg(fd >= 0, "open(%s, %#x): %s", path, flags, strerror(errno));
	ck_assert_int_eq(evlsim_is_sim_fd(fd), 1);
	return fd;
}

void close_fd(int fd)
{
	ck_assert_call(close(fd), 0);
}

int attach_thread(int flags, const char *role)
{
	static int count;
	int efd = evl_attach_thread(flags, "%s:%d.%d", role, (int)getpid(),
				    __atomic_add_fetch(&count, 1, __ATOMIC_RELAXED));

	ck_assert_msg(efd >= 0, "evl_attach_thread(%#x, %s): %s", flags, role, strerror(-efd));
	return efd;
}

int attach_as(const char *role)
{
	return attach_thread(EVL_CLONE_PRIVATE, role);
}

int attach(void)
{
	return attach_as(program_invocation_short_name);
}

void catch_signal(int sig, void (*handler)(int), int flags)
{
	struct sigaction sa;

	memset(&sa, 0, sizeof(sa));
	sa.sa_handler = handler;
	sa.sa_flags = flags;
	sigemptyset(&sa.sa_mask);
	ck_assert_call(sigaction(sig, &sa, NULL), 0);
}

void sleep_ms(long ms)
{
	struct timespec ts = { ms / 1000, (ms % 1000) * 1000000L };

	while (nanosleep(&ts, &ts) && errno == EINTR)
		;
}

long long clock_ns(clockid_t clock)
{
	struct timespec ts;

	clock_gettime(clock, &ts);
	return ts.tv_sec * 1000000000LL + ts.tv_nsec;
}

long long now_ns(void)
{
	return clock_ns(CLOCK_MONOTONIC);
}

long long now_ms(void)
{
	return now_ns() / 1000000;
}

unsigned long long evlsim_check_seed(void)
{
	const char *env = getenv("EVLSIM_SEED");
	unsigned long long seed;
	char *end;

	if (env && *env) {
		errno = 0;
		seed = strtoull(env, &end, strncasecmp(env, "0x", 2) ? 10 : 16);
		if (errno || *end || *env == '-') {
			fprintf(stderr, "%s: EVLSIM_SEED=%s is not an unsigned number\n",
				program_invocation_short_name, env);
			exit(EXIT_FAILURE);
		}
	} else if (getrandom(&seed, sizeof(seed), 0) != sizeof(seed)) {
		seed = (unsigned long long)now_ns() ^ ((unsigned long long)getpid() << 32);
	}
	fprintf(stderr, "%s: EVLSIM_SEED=%llu\n", program_invocation_short_name, seed);
	fflush(stderr);
	return seed;
}

/*
 * Under a sanitizer, a child forked while another thread of the parent (liburcu's call_rcu
 * thread, a host thread of the simulator) is inside malloc() can hang in its own first
 * malloc(): GCC 12's libasan and libtsan do not hold their allocator locks across fork()
 * (tests/stress/check_stress_async.c has the evidence). Such a child is killed after
 * CHILD_LIMIT_NS and the fork tried again, up to CHILD_TRIES times; the plain build
 * waits for its one child.
 */
#if defined(__SANITIZE_ADDRESS__) || defined(__SANITIZE_THREAD__)
#define CHILD_TRIES	6
#define CHILD_LIMIT_NS	(8LL * 1000 * 1000 * 1000)
#else
#define CHILD_TRIES	1
#define CHILD_LIMIT_NS	0
#endif

int evlsim_check_wait_child(pid_t pid, long long limit_ns, int *hung)
{
	long long end = now_ns() + limit_ns;
	int status = 0;
	pid_t r;

	*hung = 0;
	while ((r = waitpid(pid, &status, WNOHANG)) == 0 && now_ns() < end)
		usleep(1000);
	if (r == 0) {
		*hung = 1;
		kill(pid, SIGKILL);
		waitpid(pid, &status, 0);
	}
	return status;
}

void ck_assert_check_aborts(int (*fn)(void))
{
	int status = 0, try, hung;
	pid_t pid;

	for (try = 0; try < CHILD_TRIES; try++) {
		pid = fork();
		ck_assert_int_ge(pid, 0);
		if (!pid) {
			int null = open("/dev/null", O_WRONLY);

			dup2(null, 2);
			evlsim_set_check_mode(EVLSIM_CHECK_ABORT);
			fn();
			_exit(0);
		}
		if (!CHILD_LIMIT_NS) {
			ck_assert_int_eq(waitpid(pid, &status, 0), pid);
			break;
		}
		status = evlsim_check_wait_child(pid, CHILD_LIMIT_NS, &hung);
		if (!hung)
			break;
	}
	ck_assert_msg(WIFSIGNALED(status) && WTERMSIG(status) == SIGABRT, "status %#x", status);
}
