// SPDX-License-Identifier: MIT
/*
 * check_reliability: what an adversarial suite found, one deterministic test per class
 * (the randomised versions are in tests/stress/check_stress.c).
 *
 *  - user pointers of the interposed calls are untrusted, paths included: EFAULT for a
 *    bad path as the kernel's getname(), ENAMETOOLONG past PATH_MAX, EFAULT for bad
 *    buffers, poll sets and ioctl arguments, never a crash;
 *  - a descriptor reserved by an open that has not installed its file yet is invisible to
 *    close() (EBADF) and dup2() onto it fails with EBUSY, as fs/file.c has it;
 *  - a file's last close uncharges it before it drops its module reference;
 *  - fork() while other threads hold driver locks: the child reports the lock and goes
 *    on, it never hangs;
 *  - an oob call issued by a signal handler does not hide the signal from the oob call it
 *    interrupted; a restart code with no signal pending reaches user space as is
 *    (errno 512..516) and is reported as a driver bug;
 *  - a poller that watches its heads after the file's release began still gets POLLNVAL;
 *  - open() of a path outside /dev never waits for a lock of the simulator.
 */
#define _GNU_SOURCE
#include <errno.h>
#include <fcntl.h>
#include <limits.h>
#include <poll.h>
#include <pthread.h>
#include <sched.h>
#include <signal.h>
#include <stdint.h>
#include <string.h>
#include <sys/ioctl.h>
#include <linux/fs.h>
#include <sys/mman.h>
#include <sys/select.h>
#include <sys/stat.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>
#include <evl/evl.h>
#include <evl/poll.h>
#include <evlsim/evlsim.h>
#include "internal.h"
#include "evlsim-check.h"
#include "../drivers/trel-abi.h"

#define TREL		"/dev/trel"
#define WAIT_LIMIT_NS	(10LL * 1000 * 1000 * 1000)	/* bounded waits give up after 10 s */

/* the kernel's restart codes (include/linux/errno.h), as user space sees them */
#define ERESTARTSYS		512
#define ERESTARTNOINTR		513
#define ERESTARTNOHAND		514
#define ERESTART_RESTARTBLOCK	516

static void setup(void)
{
	ck_assert_ret(evlsim_load_module("trel"), 0);
	ck_assert_ret(evlsim_load_module("echo"), 0);
	evlsim_reset_reports();
}

static void teardown(void)
{
	evlsim__set_sched_hook(NULL);
	ck_assert_ret(evlsim_unload_module("echo"), 0);
	ck_assert_ret(evlsim_unload_module("trel"), 0);
}

/* Polls @cond until true or 10 s passed; the caller asserts on the result. */
#define WAIT_FOR(cond)							\
	({								\
		long long __end = now_ns() + WAIT_LIMIT_NS;		\
		while (!(cond) && now_ns() < __end)			\
			sched_yield();					\
		(cond);							\
	})

/* An address whose page is mapped PROT_NONE: any access faults. */
static void *unmapped_page(void)
{
	void *p = mmap(NULL, 4096, PROT_NONE, MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);

	ck_assert_ptr_ne(p, MAP_FAILED);
	return p;
}

/* ---- user pointers ------------------------------------------------------------------- */

/*
 * Called through pointers of types without glibc's nonnull attribute: what a program
 * passes must reach the interposers as is (and UBSan must not stop the test here).
 */
static int (*volatile open_p)(const char *, int, ...) = open;
static int (*volatile open64_p)(const char *, int, ...) = open64;
static int (*volatile openat_p)(int, const char *, int, ...) = openat;
static int (*volatile openat64_p)(int, const char *, int, ...) = openat64;
static int (*volatile creat_p)(const char *, mode_t) = creat;

static void assert_open_fails(const char *path, int err)
{
	ck_assert_fails(open_p(path, O_RDWR), err);
	ck_assert_fails(open64_p(path, O_RDWR), err);
	ck_assert_fails(openat_p(AT_FDCWD, path, O_RDWR), err);
	ck_assert_fails(openat64_p(AT_FDCWD, path, O_RDWR), err);
	ck_assert_fails(creat_p(path, 0600), err);
}

START_TEST(test_reliability_open_bad_path)
{
	char *page = unmapped_page();
	char *two = mmap(NULL, 8192, PROT_READ | PROT_WRITE, MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);

	ck_assert_ptr_ne(two, MAP_FAILED);
	ck_assert_int_eq(mprotect(two + 4096, 4096, PROT_NONE), 0);
	/* a node exists, so every path is looked at: none of these may crash */
	assert_open_fails((const char *)1, EFAULT);
	assert_open_fails(page, EFAULT);
	assert_open_fails((const char *)-4096L, EFAULT);
	/* "/dev/tre" at the end of a page, then a page that faults: no terminating NUL */
	memcpy(two + 4096 - 8, "/dev/tre", 8);
	assert_open_fails(two + 4096 - 8, EFAULT);
	/* the same path, terminated in its page: the node opens */
	memcpy(two + 4096 - 10, "/dev/trel", 10);
	{
		int fd = open_p(two + 4096 - 10, O_RDWR);

		ck_assert_int_ge(fd, 0);
		ck_assert(evlsim_is_sim_fd(fd));
		ck_assert_call(close(fd), 0);
	}
	munmap(page, 4096);
	munmap(two, 8192);
	ck_assert_no_reports();
}
END_TEST

START_TEST(test_reliability_open_null)
{
	assert_open_fails(NULL, EFAULT);
	ck_assert_ret(evlsim_unload_module("echo"), 0);
	ck_assert_ret(evlsim_unload_module("trel"), 0);
	/* and with no node at all, when every path goes to the C library */
	assert_open_fails(NULL, EFAULT);
	assert_open_fails((const char *)1, EFAULT);
	ck_assert_ret(evlsim_load_module("trel"), 0);
	ck_assert_ret(evlsim_load_module("echo"), 0);
}
END_TEST

/* "/dev/" + "./" x n + "trel": @len characters long, naming the node */
static char *long_node_path(size_t len)
{
	char *p = malloc(len + 1);
	size_t i;

	ck_assert_ptr_nonnull(p);
	memcpy(p, "/dev/", 5);
	for (i = 5; i + 4 < len; i++)
		p[i] = (i - 5) % 2 ? '/' : '.';
	if ((len - 5 - 4) % 2)		/* an odd filler count: one more '/' */
		p[len - 5] = '/';
	memcpy(p + len - 4, "trel", 4);
	p[len] = '\0';
	ck_assert_uint_eq(strlen(p), len);
	return p;
}

START_TEST(test_reliability_open_path_too_long)
{
	char *ok = long_node_path(PATH_MAX - 1), *too_long = long_node_path(PATH_MAX);
	char *way_too_long = long_node_path(3 * PATH_MAX + 1);
	int fd;

	/* strlen < PATH_MAX: getname() takes it, the lookup finds the node */
	fd = open(ok, O_RDWR);
	ck_assert_int_ge(fd, 0);
	ck_assert(evlsim_is_sim_fd(fd));
	ck_assert_call(close(fd), 0);
	assert_open_fails(too_long, ENAMETOOLONG);
	assert_open_fails(way_too_long, ENAMETOOLONG);
	/* the same for a path the C library handles */
	memcpy(too_long + 1, "tmp", 3);
	ck_assert_fails(open(too_long, O_RDONLY), ENAMETOOLONG);
	free(ok);
	free(too_long);
	free(way_too_long);
	ck_assert_no_reports();
}
END_TEST

/* Every other interposed entry that takes a pointer: EFAULT, never a crash. */
START_TEST(test_reliability_bad_pointers)
{
	void *page = unmapped_page();
	void *volatile one = (void *)1;	/* not a constant: the compiler would object */
	struct stat st;
	fd_set *bad_set = page;
	int fd, echo;

	fd = open(TREL, O_RDWR);
	ck_assert_int_ge(fd, 0);
	echo = open("/dev/echo", O_RDWR);
	ck_assert_int_ge(echo, 0);

	/* buffers */
	ck_assert_fails(write(echo, page, 4), EFAULT);
	ck_assert_fails(write(echo, one, 4), EFAULT);
	ck_assert_call(write(echo, "ping", 4), 4);
	ck_assert_fails(read(echo, page, 4), EFAULT);
	ck_assert_fails(pread(echo, one, 4, 0), ESPIPE);
	/* generic ioctl requests with a pointer argument */
	ck_assert_fails(ioctl(fd, FIONBIO, page), EFAULT);
	ck_assert_fails(ioctl(fd, FIOASYNC, one), EFAULT);
	ck_assert_fails(ioctl(fd, FIGETBSZ, page), EFAULT);
	/* poll sets, with a simulated descriptor in the program */
	ck_assert_fails(poll(page, 1, 0), EFAULT);
	ck_assert_fails(poll(one, 1, 0), EFAULT);
	ck_assert_fails(ppoll(page, 1, &(struct timespec){ 0, 0 }, NULL), EFAULT);
	ck_assert_fails(select(fd + 1, bad_set, NULL, NULL, &(struct timeval){ 0, 0 }), EFAULT);
	ck_assert_fails(pselect(fd + 1, NULL, bad_set, NULL, &(struct timespec){ 0, 0 }, NULL),
			EFAULT);
	/* stat-like calls are the C library's: the kernel answers, nothing crashes */
	ck_assert_fails(stat((const char *)1, &st), EFAULT);
	ck_assert_fails(fstat(fd, page), EFAULT);
	ck_assert_fails(lstat("/", page), EFAULT);
	ck_assert_fails(fstatat(AT_FDCWD, (const char *)1, &st, 0), EFAULT);
	/* mmap on a simulated descriptor whose driver has no ->mmap */
	ck_assert_ptr_eq(mmap(NULL, 4096, PROT_READ, MAP_SHARED, fd, 0), MAP_FAILED);
	ck_assert_int_eq(errno, ENODEV);
	/* oob calls */
	ck_assert_int_ge(evl_attach_self("rel-ptr:%d", getpid()), 0);
	ck_assert_fails(oob_write(echo, page, 4), EFAULT);
	ck_assert_fails(oob_read(echo, one, 4), EFAULT);
	ck_assert_ret(evl_detach_self(), 0);

	ck_assert_call(close(echo), 0);
	ck_assert_call(close(fd), 0);
	munmap(page, 4096);
	ck_assert_no_reports();
}
END_TEST

/* ---- descriptors reserved, not installed yet ---------------------------------------- */

struct opener {
	pthread_t thread;
	int fd, err;
};

static void *open_thread(void *arg)
{
	struct opener *o = arg;

	o->fd = open(TREL, O_RDWR);
	o->err = errno;
	return NULL;
}

/* The lowest free descriptor number, which the next open() reserves. */
static int next_fd(void)
{
	int fd = dup(0);

	ck_assert_int_ge(fd, 0);
	ck_assert_call(close(fd), 0);
	return fd;
}

/* Starts an open of /dev/trel held in ->open; returns the number it reserved. */
static int start_held_open(struct opener *o)
{
	int n = next_fd();

	trel_set_open_hold(1);
	ck_assert_int_eq(pthread_create(&o->thread, NULL, open_thread, o), 0);
	ck_assert_msg(WAIT_FOR(trel_in_open() == 1), "the open never reached ->open");
	return n;
}

static void finish_held_open(struct opener *o, int n)
{
	trel_set_open_hold(0);
	ck_assert_int_eq(pthread_join(o->thread, NULL), 0);
	ck_assert_msg(o->fd == n, "open returned %d (%s), expected %d", o->fd,
		      o->fd < 0 ? strerror(o->err) : "ok", n);
	ck_assert(evlsim_is_sim_fd(n));
	ck_assert_call(ioctl(n, TREL_IOC_STAGE), 0);
	ck_assert_call(close(n), 0);
	ck_assert_int_eq(trel_releases(), 1);
	ck_assert_ret(evlsim_module_refcount("trel"), 0);
}

START_TEST(test_reliability_close_reserved_fd)
{
	struct opener o;
	int n = start_held_open(&o);

	ck_assert(!evlsim_is_sim_fd(n));
	ck_assert_fails(close(n), EBADF);
	ck_assert_fails(close(n), EBADF);
	finish_held_open(&o, n);
	ck_assert_no_reports();
}
END_TEST

START_TEST(test_reliability_dup2_onto_reserved_fd)
{
	struct opener o;
	int n = start_held_open(&o), p[2];

	ck_assert_int_eq(pipe(p), 0);
	ck_assert_fails(dup2(p[0], n), EBUSY);
	ck_assert_fails(dup3(p[1], n, O_CLOEXEC), EBUSY);
	finish_held_open(&o, n);
	close(p[0]);
	close(p[1]);
	ck_assert_no_reports();
}
END_TEST

/* ---- the last close uncharges the file before it drops the module reference ---------- */

static int unload_in_hook, unload_ret = 1;

static void unload_at_fput(enum evlsim_sched_point sp)
{
	if (sp == EVLSIM_SP_FPUT && __atomic_exchange_n(&unload_in_hook, 0, __ATOMIC_ACQ_REL))
		unload_ret = evlsim_unload_module("trel");
}

START_TEST(test_reliability_fput_uncharges_first)
{
	int fd = open(TREL, O_RDWR);

	ck_assert_int_ge(fd, 0);
	unload_in_hook = 1;
	evlsim__set_sched_hook(unload_at_fput);
	/* the module reference goes last: an unload right after it finds nothing open */
	ck_assert_call(close(fd), 0);
	evlsim__set_sched_hook(NULL);
	ck_assert_int_eq(unload_in_hook, 0);
	ck_assert_int_eq(unload_ret, 0);
	ck_assert_msg(evlsim_report_count(EVLSIM_REPORT_LEAK) == 0, "a false leak was reported");
	ck_assert_ret(evlsim_load_module("trel"), 0);
	ck_assert_no_reports();
}
END_TEST

/* ---- fork() while another thread holds a driver lock --------------------------------- */

struct holder {
	pthread_t thread;
	int mutex;		/* the driver's mutex rather than its spinlock */
	int held, release;
};

static void *hold_thread(void *arg)
{
	struct holder *h = arg;

	if (h->mutex)
		trel_mutex_lock();
	else
		trel_spin_lock();
	__atomic_store_n(&h->held, 1, __ATOMIC_RELEASE);
	while (!__atomic_load_n(&h->release, __ATOMIC_ACQUIRE))
		sched_yield();
	if (h->mutex)
		trel_mutex_unlock();
	else
		trel_spin_unlock();
	return NULL;
}

/* waits for @pid for at most WAIT_LIMIT_NS; a child that hangs fails the test */
static int wait_child(pid_t pid)
{
	int hung, status = evlsim_check_wait_child(pid, WAIT_LIMIT_NS, &hung);

	ck_assert_msg(!hung, "the child hung");
	return status;
}

static void fork_with_lock_held(int mutex, int request)
{
	struct holder h = { .mutex = mutex };
	int fd = open(TREL, O_RDWR), status;
	pid_t pid;

	ck_assert_int_ge(fd, 0);
	ck_assert_int_eq(pthread_create(&h.thread, NULL, hold_thread, &h), 0);
	while (!__atomic_load_n(&h.held, __ATOMIC_ACQUIRE))
		sched_yield();
	pid = fork();
	ck_assert_int_ge(pid, 0);
	if (pid == 0) {
		int ret;

		/* the holder does not exist here: the lock is reported, then taken over */
		evlsim_set_check_mode(EVLSIM_CHECK_WARN);
		ret = request ? ioctl(fd, request) : close(fd);
		_exit(ret == 0 && evlsim_report_count(EVLSIM_REPORT_RULE) == 1 ? 0 : 1);
	}
	status = wait_child(pid);
	ck_assert_msg(WIFEXITED(status) && WEXITSTATUS(status) == 0,
		      "child status %#x (exit 1: no report or a failed call)", status);
	__atomic_store_n(&h.release, 1, __ATOMIC_RELEASE);
	ck_assert_int_eq(pthread_join(h.thread, NULL), 0);
	/* the parent is untouched by what the child did */
	ck_assert_call(ioctl(fd, TREL_IOC_SPIN), 0);
	ck_assert_call(close(fd), 0);
	ck_assert_int_eq(trel_releases(), 1);
	ck_assert_no_reports();
}

START_TEST(test_reliability_fork_spinlock_held)
{
	fork_with_lock_held(0, TREL_IOC_SPIN);
}
END_TEST

START_TEST(test_reliability_fork_spinlock_held_release)
{
	fork_with_lock_held(0, 0);	/* the child's close() runs ->release, which takes it */
}
END_TEST

START_TEST(test_reliability_fork_mutex_held)
{
	fork_with_lock_held(1, TREL_IOC_MUTEX);
}
END_TEST

/* ---- signals and oob calls ------------------------------------------------------------ */

static int nested_fd = -1;
static volatile int nested_ret = -2, handler_ran;

static void nested_handler(int sig)
{
	int saved_errno = errno;

	(void)sig;
	nested_ret = oob_ioctl(nested_fd, TREL_IOC_PING);
	handler_ran = 1;
	errno = saved_errno;
}

struct blocked_reader {
	pthread_t thread;
	int fd, oob_first;
	int ready, done;
	long ret;
	int err, inband_after;
};

static void *blocked_read_thread(void *arg)
{
	struct blocked_reader *b = arg;
	char c;

	if (evl_attach_self("rel-sig:%d", getpid()) < 0)
		return NULL;
	if (b->oob_first)	/* oob already: the fast path takes the call */
		oob_ioctl(b->fd, TREL_IOC_PING);
	__atomic_store_n(&b->ready, 1, __ATOMIC_RELEASE);
	errno = 0;
	b->ret = oob_read(b->fd, &c, 1);
	b->err = errno;
	b->inband_after = evl_is_inband();
	__atomic_store_n(&b->done, 1, __ATOMIC_RELEASE);
	evl_detach_self();
	return NULL;
}

static void nested_call_in_handler(int oob_first)
{
	struct sigaction sa = { .sa_handler = nested_handler };	/* no SA_RESTART */
	struct blocked_reader b = { .oob_first = oob_first };
	int fd = open(TREL, O_RDWR);

	ck_assert_int_ge(fd, 0);
	nested_fd = open(TREL, O_RDWR);
	ck_assert_int_ge(nested_fd, 0);
	b.fd = fd;
	sigemptyset(&sa.sa_mask);
	ck_assert_int_eq(sigaction(SIGALRM, &sa, NULL), 0);
	ck_assert_int_eq(pthread_create(&b.thread, NULL, blocked_read_thread, &b), 0);
	ck_assert(WAIT_FOR(__atomic_load_n(&b.ready, __ATOMIC_ACQUIRE) && trel_waiters() == 1));
	ck_assert_int_eq(pthread_kill(b.thread, SIGALRM), 0);
	/* fixed: -1/EINTR at once; broken: the call restarts and waits again */
	if (!WAIT_FOR(__atomic_load_n(&b.done, __ATOMIC_ACQUIRE))) {
		while (!__atomic_load_n(&b.done, __ATOMIC_ACQUIRE)) {
			trel_wake();
			sched_yield();
		}
	}
	ck_assert_int_eq(pthread_join(b.thread, NULL), 0);
	ck_assert_int_eq(handler_ran, 1);
	ck_assert_int_eq(nested_ret, 0);
	ck_assert_msg(b.ret == -1 && b.err == EINTR, "oob_read: %ld/%s, expected -1/EINTR",
		      b.ret, strerror(b.err));
	ck_assert_msg(b.inband_after, "the interrupted call left its thread oob");
	ck_assert_call(close(nested_fd), 0);
	ck_assert_call(close(fd), 0);
	signal(SIGALRM, SIG_DFL);
	ck_assert_no_reports();
}

START_TEST(test_reliability_nested_oob_call_in_handler)
{
	nested_call_in_handler(0);
}
END_TEST

START_TEST(test_reliability_nested_oob_call_in_handler_fast)
{
	nested_call_in_handler(1);
}
END_TEST

static const int restart_codes[] = {
	ERESTARTSYS, ERESTARTNOINTR, ERESTARTNOHAND, ERESTART_RESTARTBLOCK,
};

START_TEST(test_reliability_restart_code_no_signal)
{
	int code = restart_codes[_i % 4], oob = _i / 4;
	int fd = open(TREL, O_RDWR);
	char c;

	ck_assert_int_ge(fd, 0);
	evlsim_set_check_mode(EVLSIM_CHECK_WARN);
	if (oob) {
		ck_assert_int_ge(evl_attach_self("rel-restart:%d", getpid()), 0);
		trel_set_result(TREL_OP_OOB_READ, -code, 1);
		ck_assert_fails(oob_read(fd, &c, 1), code);
		/* twice: the fast path too (the thread is oob now) */
		ck_assert_fails(oob_read(fd, &c, 1), code);
		ck_assert_ret(evl_detach_self(), 0);
		trel_set_result(TREL_OP_OOB_READ, 0, 0);
	} else {
		trel_set_result(TREL_OP_READ, -code, 1);
		ck_assert_fails(read(fd, &c, 1), code);
		trel_set_result(TREL_OP_READ, 0, 0);
	}
	ck_assert_uint_eq(evlsim_report_count(EVLSIM_REPORT_DRIVER), oob ? 2 : 1);
	evlsim_reset_reports();
	ck_assert_call(close(fd), 0);
}
END_TEST

/* ---- oob poll: POLLNVAL from a release that came before the watch ------------------- */

struct poller {
	pthread_t thread;
	int fd, ret, err;
	struct evl_poll_event ev;
};

static void *poll_thread(void *arg)
{
	struct poller *p = arg;
	int efd;

	if (evl_attach_self("rel-poll:%d", getpid()) < 0)
		return NULL;
	efd = evl_new_poll();
	if (efd >= 0 && !evl_add_pollfd(efd, p->fd, POLLIN, evl_nil))
		p->ret = evl_poll(efd, &p->ev, 1);
	else
		p->ret = -1000;
	if (efd >= 0)
		close(efd);
	evl_detach_self();
	return NULL;
}

START_TEST(test_reliability_poll_nval_before_watch)
{
	struct poller p = { 0 };

	p.fd = open(TREL, O_RDWR);
	ck_assert_int_ge(p.fd, 0);
	trel_set_poll_wait(1);
	ck_assert_int_eq(pthread_create(&p.thread, NULL, poll_thread, &p), 0);
	ck_assert(WAIT_FOR(trel_poll_entered() == 1));
	/* the release tells the poller POLLNVAL, then waits for it to leave */
	ck_assert_call(close(p.fd), 0);
	ck_assert_int_eq(pthread_join(p.thread, NULL), 0);
	trel_set_poll_wait(0);
	ck_assert_int_eq(p.ret, 1);
	ck_assert_int_eq(p.ev.fd, p.fd);
	ck_assert(p.ev.events & POLLNVAL);
	ck_assert_int_eq(trel_releases(), 1);
	ck_assert_no_reports();
}
END_TEST

/* ---- interposers never wait for the simulator's locks on what is not simulated ------- */

struct path_opener {
	int fd, done;
};

static void *open_exe_thread(void *arg)
{
	struct path_opener *o = arg;

	o->fd = open("/proc/self/exe", O_RDONLY | O_CLOEXEC);
	__atomic_store_n(&o->done, 1, __ATOMIC_RELEASE);
	return NULL;
}

START_TEST(test_reliability_open_outside_dev_takes_no_lock)
{
	struct path_opener o = { -1, 0 };
	pthread_t th;

	/* as a thread in the middle of a device registration would (or of a report) */
	evlsim__node_table_lock(1);
	ck_assert_int_eq(pthread_create(&th, NULL, open_exe_thread, &o), 0);
	ck_assert_msg(WAIT_FOR(__atomic_load_n(&o.done, __ATOMIC_ACQUIRE)),
		      "open(\"/proc/self/exe\") waited for the node table");
	evlsim__node_table_lock(0);
	ck_assert_int_eq(pthread_join(th, NULL), 0);
	ck_assert_int_ge(o.fd, 0);
	ck_assert_call(close(o.fd), 0);
}
END_TEST

static Suite *reliability_suite(void)
{
	Suite *s = suite_create("reliability");
	TCase *tc = tcase_create("core");

	tcase_add_checked_fixture(tc, setup, teardown);
	tcase_add_test(tc, test_reliability_open_bad_path);
	tcase_add_test(tc, test_reliability_open_null);
	tcase_add_test(tc, test_reliability_open_path_too_long);
	tcase_add_test(tc, test_reliability_bad_pointers);
	tcase_add_test(tc, test_reliability_close_reserved_fd);
	tcase_add_test(tc, test_reliability_dup2_onto_reserved_fd);
	tcase_add_test(tc, test_reliability_fput_uncharges_first);
	tcase_add_test(tc, test_reliability_fork_spinlock_held);
	tcase_add_test(tc, test_reliability_fork_spinlock_held_release);
	tcase_add_test(tc, test_reliability_fork_mutex_held);
	tcase_add_test(tc, test_reliability_nested_oob_call_in_handler);
	tcase_add_test(tc, test_reliability_nested_oob_call_in_handler_fast);
	tcase_add_loop_test(tc, test_reliability_restart_code_no_signal, 0, 8);
	tcase_add_test(tc, test_reliability_poll_nval_before_watch);
	tcase_add_test(tc, test_reliability_open_outside_dev_takes_no_lock);
	suite_add_tcase(s, tc);
	return s;
}

int main(void)
{
	return evlsim_check_run(reliability_suite());
}
