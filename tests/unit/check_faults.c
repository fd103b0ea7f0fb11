// SPDX-License-Identifier: MIT
/*
 * check_faults: fault injection (docs/fault-injection.md).
 *
 * Through the plain-C entry points of tests/drivers/tfault.c (and /dev/tfault for the EVL
 * wait): every site fires with the kernel's failure result and is counted; the attributes
 * (interval, times, space, verbose, task filter, caller filters) and fail-nth behave as
 * the kernel's fault-injection framework; one seed gives one sequence (a child process
 * run twice with EVLSIM_SEED); malformed specifications are refused naming the bad token
 * (C API) or end the process with status 2 (EVLSIM_FAULTS); systematic mode walks the
 * call sites of a routine one per run, then writes "done"; replay fails the one site.
 */
#define _GNU_SOURCE
#include <errno.h>
#include <fcntl.h>
#include <pthread.h>
#include <stdint.h>
#include <string.h>
#include <sys/ioctl.h>
#include <sys/mman.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>
#include <evl/evl.h>
#include <evlsim/evlsim.h>
#include "evlsim-check.h"
#include "../drivers/tfault-abi.h"
#include "../drivers/tsites-abi.h"
#include "../drivers/tmmap-abi.h"

#define ERESTARTSYS	512

static void teardown(void)
{
	evlsim_fault_reset();
	ck_assert_no_reports();
}

/* 1 if a kmalloc() through tfault failed */
static __attribute__((noinline)) int kmalloc_fails(size_t size)
{
	void *p = tfault_kmalloc(size);

	tfault_kfree(p);
	return p == NULL;
}

/* ---- child processes: this program re-executed in a mode ----------------------------- */

struct child {
	int status;
	char *out;	/* stdout */
	char *err;	/* stderr */
};

/* Runs "/proc/self/exe @mode" with @env ("NAME=value" strings, NULL-terminated) added. */
static void run_child(struct child *c, const char *mode, const char *const *env)
{
	int out = memfd_create("faults-child-out", 0), err = memfd_create("faults-child-err", 0);
	pid_t pid;

	ck_assert_int_ge(out, 0);
	ck_assert_int_ge(err, 0);
	fflush(NULL);
	pid = fork();
	ck_assert_int_ge(pid, 0);
	if (!pid) {
		unsetenv("EVLSIM_FAULTS");
		unsetenv("EVLSIM_SEED");
		unsetenv("EVLSIM_FAULT_SYSTEMATIC");
		unsetenv("EVLSIM_FAULT_REPLAY");
		unsetenv("EVLSIM_FAULT_DEPTH");
		for (; env && *env; env++)
			putenv((char *)*env);
		dup2(out, 1);
		dup2(err, 2);
		execl("/proc/self/exe", "check_faults", mode, (char *)NULL);
		_exit(127);
	}
	ck_assert_int_eq(waitpid(pid, &c->status, 0), pid);
	c->out = evlsim_read_fd(out);
	c->err = evlsim_read_fd(err);
	close(out);
	close(err);
}

static void free_child(struct child *c)
{
	free(c->out);
	free(c->err);
}

/* --seq: 64 kmalloc() results, '1' for a failure */
static int child_seq(void)
{
	char seq[65];
	int i;

	for (i = 0; i < 64; i++)
		seq[i] = '0' + kmalloc_fails(32);
	seq[64] = '\0';
	printf("%s\n", seq);
	return 0;
}

/* --three: the result of tfault_three_sites() */
static int child_three(void)
{
	printf("%d\n", tfault_three_sites());
	return 0;
}

/*
 * --fork-three: tfault_three_sites() in three children forked one after the other, as a
 * Check suite in fork mode runs its tests; each child exits through exit(), atexit
 * handlers included. Prints the three results.
 */
static int child_fork_three(void)
{
	int i, status;

	for (i = 0; i < 3; i++) {
		pid_t pid;

		fflush(NULL);
		pid = fork();
		if (pid < 0)
			return 1;
		if (!pid) {
			printf("%d%s", tfault_three_sites(), i < 2 ? " " : "\n");
			exit(0);
		}
		if (waitpid(pid, &status, 0) != pid || !WIFEXITED(status) || WEXITSTATUS(status))
			return 1;
	}
	return 0;
}

/* ---- every site fires with the kernel's failure value ---------------------------------- */

START_TEST(test_failslab)
{
	void *p;

	ck_assert_ret(evlsim_fault_set("failslab", "verbose=0"), 0);
	ck_assert_ptr_null(tfault_kmalloc(64));
	ck_assert_ptr_null(tfault_alloc_other(64));	/* kzalloc() */
	ck_assert_int_eq(tfault_kmem_cache_alloc(), -ENOMEM);
	ck_assert_ptr_null(tfault_evl_alloc(64));
	/* kmalloc(0) returns ZERO_SIZE_PTR, never fails */
	p = tfault_kmalloc(0);
	ck_assert_ptr_nonnull(p);
	ck_assert_int_eq(evlsim_fault_count("failslab"), 4);
	ck_assert_int_eq(evlsim_fault_count(NULL), 4);
	/* the other allocators are other sites */
	p = tfault_vmalloc(4096);
	ck_assert_ptr_nonnull(p);
	tfault_vfree(p);
	ck_assert_ret(evlsim_fault_set("failslab", "off"), 0);
	p = tfault_kmalloc(64);
	ck_assert_ptr_nonnull(p);
	tfault_kfree(p);
	ck_assert_int_eq(evlsim_fault_count("failslab"), 4);
}
END_TEST

/* evl_attach_self() in a thread of its own: its result */
static void *attach_fn(void *arg)
{
	long ret = evl_attach_self("scope:%d", getpid());

	(void)arg;
	if (ret >= 0)
		evl_detach_self();
	return (void *)ret;
}

static long attach_in_thread(void)
{
	pthread_t tid;
	void *ret;

	ck_assert_int_eq(pthread_create(&tid, NULL, attach_fn, NULL), 0);
	ck_assert_int_eq(pthread_join(tid, &ret), 0);
	return (long)ret;
}

/*
 * The default scope is the drivers' calls: a failslab without filters fails the
 * driver's kmalloc() but not the simulator's own allocations (evl_attach_self()'s);
 * scope=all includes them.
 */
START_TEST(test_scope)
{
	ck_assert_ret(evlsim_fault_set("failslab", "verbose=0"), 0);
	ck_assert_ptr_null(tfault_kmalloc(64));
	ck_assert_int_ge(attach_in_thread(), 0);
	ck_assert_int_eq(evlsim_fault_count("failslab"), 1);
	ck_assert_ret(evlsim_fault_set("failslab", "scope=driver,verbose=0"), 0);
	ck_assert_int_ge(attach_in_thread(), 0);
	ck_assert_int_eq(evlsim_fault_count("failslab"), 1);
	ck_assert_ret(evlsim_fault_set("failslab", "scope=all,verbose=0"), 0);
	ck_assert_int_eq(attach_in_thread(), -ENOMEM);
	ck_assert_ptr_null(tfault_kmalloc(64));
	ck_assert_int_eq(evlsim_fault_count("failslab"), 3);
	ck_assert_ret(evlsim_fault_set("failslab", "scope=sim"), -EINVAL);
	ck_assert_str_eq(evlsim_fault_last_error(), "'scope=sim': scope is driver or all");
}
END_TEST

START_TEST(test_fail_page_alloc)
{
	void *p;

	ck_assert_ret(evlsim_fault_configure("fail_page_alloc:verbose=0"), 0);
	ck_assert_ptr_null(tfault_vmalloc(8192));
	ck_assert_int_eq(tfault_alloc_pages(), -ENOMEM);
	ck_assert_int_eq(tfault_get_free_pages(), -ENOMEM);
	p = tfault_kmalloc(64);
	ck_assert_ptr_nonnull(p);
	tfault_kfree(p);
	ck_assert_int_eq(evlsim_fault_count("fail_page_alloc"), 3);
	ck_assert_int_eq(evlsim_fault_count("failslab"), 0);
}
END_TEST

START_TEST(test_fail_usercopy)
{
	char src[16], buf[16], dst[16];
	uint32_t val = 0xdeadbeef, u = 7;

	memset(src, 's', sizeof(src));
	memset(buf, 'b', sizeof(buf));
	memset(dst, 'd', sizeof(dst));
	ck_assert_ret(evlsim_fault_set("fail_usercopy", "verbose=0"), 0);
	ck_assert_uint_eq(tfault_copy_to_user(buf, src, 16), 16);
	ck_assert_int_eq(buf[0], 'b');			/* nothing copied */
	ck_assert_uint_eq(tfault_copy_from_user(dst, buf, 16), 16);
	ck_assert_int_eq(dst[0], 0);			/* zeroed, as on a fault */
	ck_assert_int_eq(dst[15], 0);
	ck_assert_uint_eq(tfault_raw_copy_to_user(buf, src, 16), 16);
	ck_assert_int_eq(tfault_get_user(&val, &u), -EFAULT);
	ck_assert_uint_eq(val, 0);			/* zeroed */
	ck_assert_int_eq(tfault_put_user(5, &u), -EFAULT);
	ck_assert_uint_eq(u, 7);
	ck_assert_uint_eq(tfault_clear_user(buf, 16), 16);
	ck_assert_int_eq(buf[0], 'b');
	ck_assert_int_eq(tfault_strncpy_from_user(dst, "abc", 16), -EFAULT);
	ck_assert_int_eq(evlsim_fault_count("fail_usercopy"), 7);

	evlsim_fault_reset();
	ck_assert_uint_eq(tfault_copy_to_user(buf, src, 16), 0);
	ck_assert_int_eq(buf[0], 's');
	ck_assert_int_eq(tfault_get_user(&val, &u), 0);
	ck_assert_uint_eq(val, 7);
	ck_assert_int_eq(evlsim_fault_count("fail_usercopy"), 0);
}
END_TEST

START_TEST(test_fail_inband_wait)
{
	/* without faults: a timeout, the locks taken, the completion done */
	ck_assert_int_eq(tfault_wait_interruptible(), 0);
	ck_assert_int_eq(tfault_mutex_interruptible(), 0);
	ck_assert_int_eq(tfault_down_interruptible(), 0);
	ck_assert_int_gt(tfault_completion_interruptible(), 0);

	ck_assert_ret(evlsim_fault_set("fail_inband_wait", "verbose=0"), 0);
	ck_assert_int_eq(tfault_wait_interruptible(), -ERESTARTSYS);
	ck_assert_int_eq(tfault_mutex_interruptible(), -EINTR);
	ck_assert_int_eq(tfault_down_interruptible(), -EINTR);
	ck_assert_int_eq(tfault_completion_interruptible(), -ERESTARTSYS);
	ck_assert_int_eq(evlsim_fault_count("fail_inband_wait"), 4);
}
END_TEST

static int open_tfault(void)
{
	ck_assert_ret(evlsim_load_module("tfault"), 0);
	attach_as("faults");
	return open_node("/dev/tfault", O_RDWR);
}

static void close_tfault(int fd)
{
	close(fd);
	ck_assert_ret(evl_detach_self(), 0);
	ck_assert_ret(evlsim_unload_module("tfault"), 0);
}

START_TEST(test_fail_evl_wait)
{
	long long t0;
	int fd = open_tfault();

	/* without faults: a raised flag is consumed */
	ck_assert_call(oob_ioctl(fd, TFAULT_IOC_RAISE), 0);
	ck_assert_call(oob_ioctl(fd, TFAULT_IOC_EVL_WAIT, 10000UL), 0);

	/* a 10 s wait ends at once */
	ck_assert_ret(evlsim_fault_set("fail_evl_wait", "verbose=0"), 0);
	t0 = now_ms();
	ck_assert_fails(oob_ioctl(fd, TFAULT_IOC_EVL_WAIT, 10000UL), EINTR);
	ck_assert_fails(oob_ioctl(fd, TFAULT_IOC_EVL_WAIT, 0UL), EINTR);	/* infinite */
	ck_assert_ret(evlsim_fault_set("fail_evl_wait", "error=ETIMEDOUT,verbose=0"), 0);
	ck_assert_fails(oob_ioctl(fd, TFAULT_IOC_EVL_WAIT, 10000UL), ETIMEDOUT);
	ck_assert_int_lt(now_ms() - t0, 5000);
	ck_assert_int_eq(evlsim_fault_count("fail_evl_wait"), 3);

	/* the raise is no wait: the flag is still there for the next wait */
	evlsim_fault_reset();
	ck_assert_call(oob_ioctl(fd, TFAULT_IOC_RAISE), 0);
	ck_assert_call(oob_ioctl(fd, TFAULT_IOC_EVL_WAIT, 10000UL), 0);
	close_tfault(fd);
}
END_TEST

/*
 * An injected fault's NOTICE, symbolized and with a backtrace, and the systematic mode's
 * log are the simulator's output: the oob caller stays oob (the symbolizer's and the log's
 * system calls are not the program's).
 * Found by a campaign over check_xfifo: the demotion left xfifo_oob_read() holding its EVL
 * mutex in-band, an evl-mutex-inband-switch report.
 */
START_TEST(test_verbose_report_keeps_oob)
{
	unsigned long before = evlsim_report_total();
	int fd = open_tfault(), mfd, verbose;
	long page = sysconf(_SC_PAGESIZE);
	void *map;

	/* a simulated mapping alive: munmap(2), the symbolizer's too, is then looked at */
	ck_assert_ret(evlsim_load_module("tmmap"), 0);
	mfd = open("/dev/tmmap", O_RDWR);
	ck_assert_int_ge(mfd, 0);
	map = mmap(NULL, (size_t)page, PROT_READ, MAP_SHARED, mfd, TMMAP_PFN * page);
	ck_assert_ptr_ne(map, MAP_FAILED);
	for (verbose = 1; verbose <= 2; verbose++) {
		ck_assert_ret(evlsim_fault_set("fail_evl_wait", verbose == 1 ? "verbose=1" :
					       "verbose=2"), 0);
		ck_assert_fails(oob_ioctl(fd, TFAULT_IOC_EVL_WAIT, 10000UL), EINTR);
		ck_assert_msg(!evl_is_inband(), "verbose=%d: the report demoted the caller",
			      verbose);
	}
	ck_assert_int_eq(evlsim_fault_count("fail_evl_wait"), 2);
	/* "faults on" and two faults, NOTICEs, which are not diagnostics: no rule report */
	ck_assert_int_eq(evlsim_report_count(EVLSIM_REPORT_NOTICE), 3);
	ck_assert_int_eq(evlsim_report_total(), before);

	/* systematic mode writes its log, the simulator's own I/O, from the oob caller too */
	{
		char log[] = "/tmp/evlsim-faults-XXXXXX";
		int lfd = mkstemp(log);

		ck_assert_int_ge(lfd, 0);
		close(lfd);
		ck_assert_ret(evlsim_fault_set("fail_evl_wait", "verbose=0"), 0);
		ck_assert_ret(evlsim_fault_systematic(log, 1), 0);
		ck_assert_fails(oob_ioctl(fd, TFAULT_IOC_EVL_WAIT, 10000UL), EINTR);
		ck_assert_msg(!evl_is_inband(), "the fault log demoted the caller");
		ck_assert_ret(evlsim_fault_systematic_end(), 1);
		ck_assert_ret(evlsim_fault_systematic(NULL, 0), 0);
		unlink(log);
	}
	ck_assert_call(munmap(map, (size_t)page), 0);
	ck_assert_call(close(mfd), 0);
	ck_assert_ret(evlsim_unload_module("tmmap"), 0);
	close_tfault(fd);
}
END_TEST

START_TEST(test_delay)
{
	long long t0;
	int fd = open_tfault();
	long before;

	ck_assert_ret(evlsim_fault_set("delay", "usecs=0,verbose=0"), 0);
	ck_assert_call(oob_ioctl(fd, TFAULT_IOC_RAISE), 0);
	ck_assert_int_ge(evlsim_fault_count("delay"), 1);
	/* a delay is no failure */
	ck_assert_int_eq(evlsim_fault_count(NULL), 0);
	ck_assert_call(oob_ioctl(fd, TFAULT_IOC_EVL_WAIT, 10000UL), 0);

	/* the in-band ioctl() switches the thread in-band: a scheduling point */
	ck_assert_ret(evlsim_fault_set("delay", "usecs=30000,times=1,verbose=0"), 0);
	before = evlsim_fault_count("delay");
	t0 = now_ms();
	ck_assert_call(ioctl(fd, TFAULT_IOC_RAISE), 0);
	ck_assert_int_ge(now_ms() - t0, 30);
	ck_assert_int_eq(evlsim_fault_count("delay"), before + 1);
	ck_assert_call(oob_ioctl(fd, TFAULT_IOC_EVL_WAIT, 10000UL), 0);
	close_tfault(fd);
}
END_TEST

/* ---- attributes ------------------------------------------------------------------------ */

START_TEST(test_interval)
{
	int i;

	ck_assert_ret(evlsim_fault_set("failslab", "probability=100,interval=3,verbose=0"), 0);
	for (i = 1; i <= 12; i++)
		ck_assert_msg(kmalloc_fails(16) == (i % 3 == 0), "call %d", i);
	ck_assert_int_eq(evlsim_fault_count("failslab"), 4);
}
END_TEST

START_TEST(test_times)
{
	int i;

	ck_assert_ret(evlsim_fault_set("failslab", "times=2,verbose=0"), 0);
	for (i = 1; i <= 6; i++)
		ck_assert_msg(kmalloc_fails(16) == (i <= 2), "call %d", i);
	ck_assert_int_eq(evlsim_fault_count("failslab"), 2);

	/* with an interval: the 2nd and 4th calls, then no more */
	ck_assert_ret(evlsim_fault_set("failslab", "times=2,interval=2,verbose=0"), 0);
	for (i = 1; i <= 8; i++)
		ck_assert_msg(kmalloc_fails(16) == (i == 2 || i == 4), "call %d", i);
	ck_assert_int_eq(evlsim_fault_count("failslab"), 4);
}
END_TEST

START_TEST(test_space)
{
	/* as the kernel: a call passes while the space left exceeds its size */
	ck_assert_ret(evlsim_fault_set("failslab", "space=100,verbose=0"), 0);
	ck_assert_int_eq(kmalloc_fails(40), 0);		/* 60 left */
	ck_assert_int_eq(kmalloc_fails(40), 0);		/* 20 left */
	ck_assert_int_eq(kmalloc_fails(40), 1);
	ck_assert_int_eq(kmalloc_fails(8), 0);		/* 12 left */
	ck_assert_int_eq(kmalloc_fails(40), 1);
	ck_assert_int_eq(evlsim_fault_count("failslab"), 2);
}
END_TEST

START_TEST(test_probability)
{
	int i, n = 0;

	ck_assert_ret(evlsim_fault_set("failslab", "probability=0,verbose=0"), 0);
	for (i = 0; i < 100; i++)
		n += kmalloc_fails(16);
	ck_assert_int_eq(n, 0);
	ck_assert_ret(evlsim_fault_set("failslab", "probability=50,verbose=0"), 0);
	for (i = 0; i < 400; i++)
		n += kmalloc_fails(16);
	ck_assert_int_gt(n, 100);
	ck_assert_int_lt(n, 300);
	ck_assert_int_eq(evlsim_fault_count("failslab"), n);
}
END_TEST

START_TEST(test_verbose)
{
	struct evlsim_capture c;
	char *out;

	ck_assert_ret(evlsim_fault_set("failslab", "verbose=0"), 0);
	evlsim_capture_start(&c);
	ck_assert_int_eq(kmalloc_fails(16), 1);
	out = evlsim_capture_end(&c);
	ck_assert_str_eq(out, "");
	free(out);

	ck_assert_ret(evlsim_fault_set("failslab", "verbose=1"), 0);
	evlsim_capture_start(&c);
	ck_assert_int_eq(kmalloc_fails(16), 1);
	ck_assert_int_eq(kmalloc_fails(16), 1);
	out = evlsim_capture_end(&c);
	ck_assert_int_eq(evlsim_count_substr(out, "evlsim: NOTICE [failslab] fault injected at tfault_kmalloc+"), 2);
	ck_assert_int_eq(evlsim_count_substr(out, "\n"), 2);		/* one line each */
	free(out);

	ck_assert_ret(evlsim_fault_set("failslab", "verbose=2"), 0);
	evlsim_capture_start(&c);
	ck_assert_int_eq(kmalloc_fails(16), 1);
	out = evlsim_capture_end(&c);
	ck_assert_int_eq(evlsim_count_substr(out, "NOTICE [failslab] fault injected at tfault_kmalloc+"), 1);
	ck_assert_msg(strstr(out, "#0 ") && strstr(out, "tfault_kmalloc"), "no backtrace: %s", out);
	free(out);
	/* notices ("faults on" and three faults), not diagnostics */
	ck_assert_int_eq(evlsim_report_count(EVLSIM_REPORT_NOTICE), 4);
	evlsim_reset_reports();
}
END_TEST

static void *unmarked_thread(void *arg)
{
	(void)arg;
	return (void *)(long)kmalloc_fails(16);
}

START_TEST(test_task_filter)
{
	pthread_t th;
	void *res;

	ck_assert_ret(evlsim_fault_set("failslab", "task-filter=1,verbose=0"), 0);
	ck_assert_int_eq(kmalloc_fails(16), 0);
	ck_assert_int_eq(evlsim_fault_mark_thread(1), 0);
	ck_assert_int_eq(kmalloc_fails(16), 1);
	ck_assert_int_eq(pthread_create(&th, NULL, unmarked_thread, NULL), 0);
	ck_assert_int_eq(pthread_join(th, &res), 0);
	ck_assert_ptr_null(res);				/* not marked there */
	ck_assert_int_eq(evlsim_fault_mark_thread(0), 1);
	ck_assert_int_eq(kmalloc_fails(16), 0);
	ck_assert_int_eq(evlsim_fault_count("failslab"), 1);
}
END_TEST

/* 1 if tfault_alloc_other() failed */
static __attribute__((noinline)) int other_fails(void)
{
	void *p = tfault_alloc_other(16);

	tfault_kfree(p);
	return p == NULL;
}

START_TEST(test_caller_filters)
{
	/* a function of the stack */
	ck_assert_ret(evlsim_fault_set("failslab", "only=tfault_alloc_other,verbose=0"), 0);
	ck_assert_int_eq(kmalloc_fails(16), 0);
	ck_assert_int_eq(other_fails(), 1);
	ck_assert_ret(evlsim_fault_set("failslab", "never=tfault_alloc_other,verbose=0"), 0);
	ck_assert_int_eq(kmalloc_fails(16), 1);
	ck_assert_int_eq(other_fails(), 0);
	/* a module: its functions' prefix */
	ck_assert_ret(evlsim_fault_set("failslab", "only=tfault,verbose=0"), 0);
	ck_assert_int_eq(kmalloc_fails(16), 1);
	ck_assert_int_eq(other_fails(), 1);
	ck_assert_ret(evlsim_fault_set("failslab", "only=nosuchmodule,verbose=0"), 0);
	ck_assert_int_eq(kmalloc_fails(16), 0);
	/* a caller further up: the test's own helper */
	ck_assert_ret(evlsim_fault_set("failslab", "only=tfault,never=other_fails,verbose=0"), 0);
	ck_assert_int_eq(kmalloc_fails(16), 1);
	ck_assert_int_eq(other_fails(), 0);
	ck_assert_int_eq(evlsim_fault_count("failslab"), 5);
}
END_TEST

START_TEST(test_fail_nth)
{
	char buf[8] = { 0 };
	void *p;

	/* the 3rd fault-site call of this thread, whatever the site, and no site configured */
	ck_assert_int_eq(evlsim_fault_fail_nth(3), 0);
	ck_assert_int_eq(kmalloc_fails(16), 0);
	p = tfault_vmalloc(4096);
	ck_assert_ptr_nonnull(p);
	ck_assert_int_eq(evlsim_fault_fail_nth(0) , 1);	/* vfree is no site: 1 to go */
	ck_assert_int_eq(evlsim_fault_fail_nth(2), 0);
	ck_assert_uint_eq(tfault_copy_to_user(buf, "abcdefg", 8), 0);
	tfault_vfree(p);
	ck_assert_uint_eq(tfault_copy_to_user(buf, "abcdefg", 8), 8);	/* the 2nd */
	ck_assert_int_eq(kmalloc_fails(16), 0);				/* once */
	ck_assert_int_eq(evlsim_fault_count("fail_usercopy"), 1);
	ck_assert_int_eq(evlsim_fault_fail_nth(-1), -EINVAL);
	/* it overrides the attributes of a configured site */
	ck_assert_ret(evlsim_fault_set("failslab", "verbose=0"), 0);
	ck_assert_int_eq(evlsim_fault_fail_nth(2), 0);
	ck_assert_int_eq(kmalloc_fails(16), 0);
	ck_assert_int_eq(kmalloc_fails(16), 1);
	ck_assert_int_eq(kmalloc_fails(16), 1);	/* then the site's own attributes */
}
END_TEST

/* ---- reproducibility ------------------------------------------------------------------- */

START_TEST(test_seed)
{
	static const char *const env1[] = { "EVLSIM_SEED=12345",
		"EVLSIM_FAULTS=failslab:probability=50,verbose=0", NULL };
	static const char *const env2[] = { "EVLSIM_SEED=67890",
		"EVLSIM_FAULTS=failslab:probability=50,verbose=0", NULL };
	struct child a, b, c;

	run_child(&a, "--seq", env1);
	run_child(&b, "--seq", env1);
	run_child(&c, "--seq", env2);
	ck_assert_msg(WIFEXITED(a.status) && !WEXITSTATUS(a.status), "child: %s", a.err);
	ck_assert_int_eq(strlen(a.out), 65);
	ck_assert_str_eq(a.out, b.out);
	ck_assert_str_ne(a.out, c.out);
	ck_assert_ptr_nonnull(strchr(a.out, '0'));
	ck_assert_ptr_nonnull(strchr(a.out, '1'));
	ck_assert_ptr_nonnull(strstr(a.err, "evlsim: NOTICE [faults] faults on, EVLSIM_SEED=12345 ("));
	free_child(&a);
	free_child(&b);
	free_child(&c);

	/* the API: one seed, one sequence */
	ck_assert_ret(evlsim_fault_set("failslab", "probability=50,verbose=0"), 0);
	evlsim_fault_set_seed(42);
	ck_assert_uint_eq(evlsim_fault_seed(), 42);
	{
		char s1[33], s2[33];
		int i;

		for (i = 0; i < 32; i++)
			s1[i] = '0' + kmalloc_fails(8);
		evlsim_fault_set_seed(42);
		for (i = 0; i < 32; i++)
			s2[i] = '0' + kmalloc_fails(8);
		s1[32] = s2[32] = '\0';
		ck_assert_str_eq(s1, s2);
	}
}
END_TEST

/* ---- malformed specifications ------------------------------------------------------------ */

static void expect_bad(const char *spec, const char *token)
{
	struct evlsim_capture c;
	char *out;

	evlsim_capture_start(&c);
	ck_assert_ret(evlsim_fault_configure(spec), -EINVAL);
	out = evlsim_capture_end(&c);
	ck_assert_msg(strstr(evlsim_fault_last_error(), token), "%s: '%s' not in '%s'", spec,
		      token, evlsim_fault_last_error());
	ck_assert_msg(strstr(out, token), "%s: not on stderr: %s", spec, out);
	free(out);
}

START_TEST(test_malformed)
{
	struct child ch;
	static const char *const env[] = { "EVLSIM_FAULTS=failslab:times=2;fail_usercopy:probabilty=5", NULL };

	expect_bad("nosuch:times=1", "nosuch");
	expect_bad("failslab:probability=200", "probability=200");
	expect_bad("failslab:bogus=1", "bogus");
	expect_bad("failslab:times", "times");
	expect_bad("failslab:interval=0", "interval=0");
	expect_bad("failslab:verbose=3", "verbose=3");
	expect_bad("fail_usercopy:error=EINTR", "error=EINTR");
	expect_bad("fail_evl_wait:error=EPERM", "error=EPERM");
	expect_bad("delay:usecs=-1", "usecs=-1");
	/* all or nothing: failslab stays off */
	expect_bad("failslab;fail_page_alloc:times=x", "times=x");
	ck_assert_int_eq(kmalloc_fails(16), 0);
	ck_assert_ret(evlsim_fault_set("nosuch", ""), -EINVAL);
	ck_assert_ret(evlsim_fault_set("failslab", "space=-3"), -EINVAL);
	ck_assert_int_eq(kmalloc_fails(16), 0);
	ck_assert_int_eq(evlsim_fault_count("nosuch"), -EINVAL);

	/* the environment: exit status 2, the bad token named */
	run_child(&ch, "--seq", env);
	ck_assert_msg(WIFEXITED(ch.status) && WEXITSTATUS(ch.status) == 2, "status %#x", ch.status);
	ck_assert_msg(strstr(ch.err, "EVLSIM_FAULTS") && strstr(ch.err, "probabilty=5"), "%s", ch.err);
	ck_assert_str_eq(ch.out, "");
	free_child(&ch);
}
END_TEST

/* ---- systematic mode and replay ----------------------------------------------------------- */

static char *read_file(const char *path)
{
	int fd = open(path, O_RDONLY);
	char *s;

	ck_assert_int_ge(fd, 0);
	s = evlsim_read_fd(fd);
	close(fd);
	return s;
}

/*
 * A systematic walk of tfault_three_sites()'s three allocations: four runs of this
 * program in @mode, each printing @expect[run], then the log must hold the three sites
 * and one "done" at its end. Returns the log's text (to be freed); @log is its path.
 */
static char *walk_three_sites(const char *log, const char *mode, const char *const *expect)
{
	char envlog[64], *text;
	const char *env[] = { envlog, "EVLSIM_FAULTS=failslab:only=tfault_three_sites", NULL };
	struct child ch;
	int run;

	snprintf(envlog, sizeof(envlog), "EVLSIM_FAULT_SYSTEMATIC=%s", log);
	/* three sites in three runs, then a run that meets no new site: "done" */
	for (run = 0; run < 4; run++) {
		run_child(&ch, mode, env);
		ck_assert_msg(WIFEXITED(ch.status) && !WEXITSTATUS(ch.status), "%s run %d: %s",
			      mode, run, ch.err);
		ck_assert_msg(!strcmp(ch.out, expect[run]), "%s run %d: '%s'", mode, run, ch.out);
		free_child(&ch);
	}
	text = read_file(log);
	ck_assert_int_eq(evlsim_count_substr(text, "\n"), 4);
	ck_assert_int_eq(evlsim_count_substr(text, "failslab "), 3);
	ck_assert_int_eq(evlsim_count_substr(text, ":tfault_three_sites+0x"), 3);
	ck_assert_int_eq(evlsim_count_substr(text, "done"), 1);
	ck_assert_msg(strlen(text) >= 5 && !strcmp(text + strlen(text) - 5, "done\n"), "%s", text);
	return text;
}

/* Replays the site on line @nr (from 0) of the log @text in this program run in @mode. */
static char *replay_line(const char *text, int nr, const char *mode)
{
	char envrep[512];
	const char *env[] = { envrep, NULL };
	const char *line = text;
	struct child ch;
	char *out;

	while (nr--)
		line = strchr(line, '\n') + 1;
	snprintf(envrep, sizeof(envrep), "EVLSIM_FAULT_REPLAY=%.*s", (int)strcspn(line, "\n"),
		 line);
	run_child(&ch, mode, env);
	out = ch.out;
	free(ch.err);
	return out;
}

static void temp_log(char *log)
{
	int fd;

	strcpy(log, "/tmp/evlsim-faults-XXXXXX");
	fd = mkstemp(log);
	ck_assert_int_ge(fd, 0);
	close(fd);
}

START_TEST(test_systematic)
{
	static const char *const expect[] = { "-1\n", "-2\n", "-3\n", "0\n" };
	char log[32], *text, *out;
	int run;

	temp_log(log);
	text = walk_three_sites(log, "--three", expect);
	/* replay the second site: the second allocation fails, every time */
	for (run = 0; run < 2; run++) {
		out = replay_line(text, 1, "--three");
		ck_assert_msg(!strcmp(out, "-2\n"), "replay: %s", out);
		free(out);
	}
	free(text);
	unlink(log);

	/* the C API, in this process: the first new site, once */
	temp_log(log);
	ck_assert_ret(evlsim_fault_set("failslab", "only=tfault_three_sites,verbose=0"), 0);
	ck_assert_ret(evlsim_fault_systematic(log, 1), 0);
	ck_assert_int_eq(tfault_three_sites(), -1);
	ck_assert_int_eq(tfault_three_sites(), 0);
	ck_assert_ret(evlsim_fault_systematic_end(), 1);
	ck_assert_ret(evlsim_fault_systematic(log, 1), 0);
	ck_assert_int_eq(tfault_three_sites(), -2);
	ck_assert_ret(evlsim_fault_systematic_end(), 1);
	ck_assert_ret(evlsim_fault_systematic(NULL, 0), 0);
	unlink(log);
	ck_assert_ret(evlsim_fault_systematic(log, 0), -EINVAL);	/* depth */
}
END_TEST

/*
 * Sites are the driver's own calls, whatever the optimization level: two kzalloc() and a
 * kcalloc() in one function are three sites when built at -O0 (the inline helpers not
 * inlined by the optimizer) as at -O2.
 */
static void walk_helpers(int (*fn)(void), const char *name)
{
	char log[32], only[64], *text;
	int run;

	temp_log(log);
	snprintf(only, sizeof(only), "only=%s,verbose=0", name);
	ck_assert_ret(evlsim_fault_set("failslab", only), 0);
	for (run = 1; run <= 3; run++) {
		ck_assert_ret(evlsim_fault_systematic(log, 1), 0);
		ck_assert_int_eq(fn(), -run);
		ck_assert_int_eq(fn(), 0);			/* one fault per run */
		ck_assert_ret(evlsim_fault_systematic_end(), 1);
	}
	ck_assert_ret(evlsim_fault_systematic(log, 1), 0);
	ck_assert_int_eq(fn(), 0);
	ck_assert_ret(evlsim_fault_systematic_end(), 0);	/* no new site: done */
	ck_assert_ret(evlsim_fault_systematic(NULL, 0), 0);
	text = read_file(log);
	snprintf(only, sizeof(only), ":%s+0x", name);
	ck_assert_msg(evlsim_count_substr(text, only) == 3, "%s", text);
	ck_assert_msg(evlsim_count_substr(text, "kzalloc") == 0, "%s", text);
	free(text);
	unlink(log);
}

START_TEST(test_systematic_sites_o0)
{
	walk_helpers(tsites_o0_three_helpers, "tsites_o0_three_helpers");
}
END_TEST

START_TEST(test_systematic_sites_o2)
{
	walk_helpers(tsites_o2_three_helpers, "tsites_o2_three_helpers");
}
END_TEST

/* systematic mode across forked children: one fault per run, "done" from the starter only */
START_TEST(test_systematic_fork)
{
	static const char *const expect[] = { "-1 0 0\n", "-2 0 0\n", "-3 0 0\n", "0 0 0\n" };
	char log[32], *text, *out;

	temp_log(log);
	text = walk_three_sites(log, "--fork-three", expect);
	/* a replay across children: the one fault, in the first child that gets there */
	out = replay_line(text, 0, "--fork-three");
	ck_assert_msg(!strcmp(out, "-1 0 0\n"), "replay: '%s'", out);
	free(out);
	free(text);
	unlink(log);
}
END_TEST

static Suite *faults_suite(void)
{
	Suite *s = suite_create("faults");
	TCase *tc = tcase_create("faults");

	tcase_add_checked_fixture(tc, NULL, teardown);
	tcase_add_test(tc, test_failslab);
	tcase_add_test(tc, test_scope);
	tcase_add_test(tc, test_fail_page_alloc);
	tcase_add_test(tc, test_fail_usercopy);
	tcase_add_test(tc, test_fail_inband_wait);
	tcase_add_test(tc, test_fail_evl_wait);
	tcase_add_test(tc, test_delay);
	tcase_add_test(tc, test_verbose_report_keeps_oob);
	tcase_add_test(tc, test_interval);
	tcase_add_test(tc, test_times);
	tcase_add_test(tc, test_space);
	tcase_add_test(tc, test_probability);
	tcase_add_test(tc, test_verbose);
	tcase_add_test(tc, test_task_filter);
	tcase_add_test(tc, test_caller_filters);
	tcase_add_test(tc, test_fail_nth);
	tcase_add_test(tc, test_seed);
	tcase_add_test(tc, test_malformed);
	tcase_add_test(tc, test_systematic);
	tcase_add_test(tc, test_systematic_fork);
	tcase_add_test(tc, test_systematic_sites_o0);
	tcase_add_test(tc, test_systematic_sites_o2);
	suite_add_tcase(s, tc);
	return s;
}

int main(int argc, char **argv)
{
	if (argc == 2 && !strcmp(argv[1], "--seq"))
		return child_seq();
	if (argc == 2 && !strcmp(argv[1], "--fork-three"))
		return child_fork_three();
	if (argc == 2 && !strcmp(argv[1], "--three"))
		return child_three();
	return evlsim_check_run(faults_suite());
}
