// SPDX-License-Identifier: MIT
/*
 * check_libevl: the libevl calls and headers programs use beyond threads and poll, with
 * the tproc driver:
 *
 *  - SCHED_FIFO/SCHED_RR are accepted without privileges (pthread_setschedparam(),
 *    sched_setscheduler(), thread attributes, inheritance) and recorded, never applied
 *    to the host thread; they order EVL priority wait queues; evl_set_schedattr() and
 *    evl_get_schedattr() share the record;
 *  - evl_read_clock(), evl_get_clock_resolution(), evl_sleep_until(), evl_usleep():
 *    their errors, the oob switch, -EINTR on a signal, cancellation;
 *  - the control element: evl_get_cpustate();
 *  - SIGDEBUG with EVL_HMDIAG_STAGEX for an EVL_T_WOSX thread locked out of a stax by
 *    in-band holders, and evl_sigdebug_handler()'s message;
 *  - <evl/atomic.h>, <evl/compiler.h>, the device ABI headers.
 */
#define _GNU_SOURCE
#include <errno.h>
#include <fcntl.h>
#include <pthread.h>
#include <sched.h>
#include <signal.h>
#include <stdio.h>
#include <string.h>
#include <sys/ioctl.h>
#include <sys/syscall.h>
#include <unistd.h>
#include <evl/evl.h>
#include <evl/atomic.h>
#include <evl/compiler.h>
#include <evl/clock.h>
#include <evl/sched.h>
#include <evl/signal.h>
#include <evl/sys.h>
#include <evl/devices/hectic.h>
#include <evl/devices/latmus.h>
#include <evl/devices/gpio.h>
#include <uapi/evl/control-abi.h>
#include <evlsim/evlsim.h>
#include "evlsim-check.h"
#include "../drivers/tproc-abi.h"

#define TPROC		"/dev/tproc"
#define LIMIT_NS	(10LL * 1000 * 1000 * 1000)

static int tfd;

static struct tproc_stats stats(void)
{
	struct tproc_stats st;

	ck_assert_call(ioctl(tfd, TPROC_IOC_STATS, &st), 0);
	return st;
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

/* ---- scheduling policies ------------------------------------------------------------- */

static void assert_policy(pthread_t th, int policy, int prio)
{
	struct sched_param p;
	int pol;

	ck_assert_int_eq(pthread_getschedparam(th, &pol, &p), 0);
	ck_assert_int_eq(pol, policy);
	ck_assert_int_eq(p.sched_priority, prio);
}

START_TEST(test_libevl_sched_fifo_recorded)
{
	struct sched_param p = { .sched_priority = 42 };

	ck_assert_int_eq(pthread_setschedparam(pthread_self(), SCHED_FIFO, &p), 0);
	assert_policy(pthread_self(), SCHED_FIFO, 42);
	ck_assert_call(sched_getscheduler(0), SCHED_FIFO);
	p.sched_priority = 0;
	ck_assert_call(sched_getparam(0, &p), 0);
	ck_assert_int_eq(p.sched_priority, 42);
	/* the host thread keeps its own policy */
	ck_assert_int_eq(syscall(SYS_sched_getscheduler, 0), SCHED_OTHER);
	/* SCHED_RR through sched_setscheduler() */
	p.sched_priority = 7;
	ck_assert_call(sched_setscheduler(0, SCHED_RR, &p), 0);
	assert_policy(pthread_self(), SCHED_RR, 7);
	ck_assert_int_eq(pthread_setschedprio(pthread_self(), 9), 0);
	assert_policy(pthread_self(), SCHED_RR, 9);
}
END_TEST

START_TEST(test_libevl_sched_bad_policy_einval)
{
	struct sched_param p = { .sched_priority = 0 };

	ck_assert_int_eq(pthread_setschedparam(pthread_self(), SCHED_FIFO, &p), EINVAL);
	p.sched_priority = 100;
	ck_assert_int_eq(pthread_setschedparam(pthread_self(), SCHED_RR, &p), EINVAL);
	ck_assert_int_eq(pthread_setschedparam(pthread_self(), 77, &p), EINVAL);
	p.sched_priority = 1;
	ck_assert_int_eq(pthread_setschedparam(pthread_self(), SCHED_OTHER, &p), EINVAL);
	ck_assert_fails(sched_setscheduler(0, SCHED_FIFO, NULL), EINVAL);
	p.sched_priority = 150;
	ck_assert_fails(sched_setscheduler(0, SCHED_FIFO, &p), EINVAL);
}
END_TEST

static void *report_policy(void *arg)
{
	int *out = arg;
	struct sched_param p;

	pthread_getschedparam(pthread_self(), &out[0], &p);
	out[1] = p.sched_priority;
	return NULL;
}

START_TEST(test_libevl_sched_thread_attr_and_inherit)
{
	struct sched_param p = { .sched_priority = 30 };
	pthread_attr_t attr;
	pthread_t th;
	int got[2] = { -1, -1 };

	/* an explicit policy, which an unprivileged host refuses, starts the thread */
	pthread_attr_init(&attr);
	pthread_attr_setinheritsched(&attr, PTHREAD_EXPLICIT_SCHED);
	pthread_attr_setschedpolicy(&attr, SCHED_FIFO);
	pthread_attr_setschedparam(&attr, &p);
	ck_assert_int_eq(pthread_create(&th, &attr, report_policy, got), 0);
	ck_assert_int_eq(pthread_join(th, NULL), 0);
	ck_assert_int_eq(got[0], SCHED_FIFO);
	ck_assert_int_eq(got[1], 30);
	/* glibc refuses a priority out of the policy's range in the attributes already */
	p.sched_priority = 0;
	ck_assert_int_eq(pthread_attr_setschedparam(&attr, &p), EINVAL);
	pthread_attr_destroy(&attr);
	/* inherited from a creator that set its own */
	p.sched_priority = 12;
	ck_assert_int_eq(pthread_setschedparam(pthread_self(), SCHED_RR, &p), 0);
	ck_assert_int_eq(pthread_create(&th, NULL, report_policy, got), 0);
	ck_assert_int_eq(pthread_join(th, NULL), 0);
	ck_assert_int_eq(got[0], SCHED_RR);
	ck_assert_int_eq(got[1], 12);
}
END_TEST

struct taker {
	pthread_t th;
	int prio;
	int order;		/* when it got its token, from 1 */
};

static int taken;

static void *taker_fn(void *arg)
{
	struct taker *tk = arg;
	struct sched_param p = { .sched_priority = tk->prio };

	pthread_setschedparam(pthread_self(), SCHED_FIFO, &p);
	attach_as("tproc-taker");
	if (oob_ioctl(tfd, TPROC_OOB_TAKE) == 0)
		tk->order = __atomic_add_fetch(&taken, 1, __ATOMIC_SEQ_CST);
	return NULL;
}

/* queued in the order 10, 30, 20: served 30, 20, 10 */
START_TEST(test_libevl_sched_orders_wait_queue)
{
	struct taker tk[3] = { { .prio = 10 }, { .prio = 30 }, { .prio = 20 } };
	unsigned int i;

	for (i = 0; i < 3; i++) {
		ck_assert_int_eq(pthread_create(&tk[i].th, NULL, taker_fn, &tk[i]), 0);
		wait_until_ns(stats().waiting == i + 1, LIMIT_NS, 500);
	}
	for (i = 0; i < 3; i++) {
		ck_assert_call(ioctl(tfd, TPROC_IOC_POST), 0);
		wait_until_ns(__atomic_load_n(&taken, __ATOMIC_SEQ_CST) == (int)i + 1,
			      LIMIT_NS, 500);
	}
	for (i = 0; i < 3; i++)
		ck_assert_int_eq(pthread_join(tk[i].th, NULL), 0);
	ck_assert_int_eq(tk[1].order, 1);
	ck_assert_int_eq(tk[2].order, 2);
	ck_assert_int_eq(tk[0].order, 3);
}
END_TEST

START_TEST(test_libevl_schedattr)
{
	struct evl_sched_attrs attrs = { .sched_policy = SCHED_FIFO, .sched_priority = 50 };
	int efd = attach();

	ck_assert_ret(evl_set_schedattr(efd, &attrs), 0);
	memset(&attrs, 0, sizeof(attrs));
	ck_assert_ret(evl_get_schedattr(efd, &attrs), 0);
	ck_assert_int_eq(attrs.sched_policy, SCHED_FIFO);
	ck_assert_int_eq(attrs.sched_priority, 50);
	assert_policy(pthread_self(), SCHED_FIFO, 50);
	/* out of range, unconfigured policies */
	attrs.sched_priority = 0;
	ck_assert_ret(evl_set_schedattr(efd, &attrs), -EINVAL);
	attrs = (struct evl_sched_attrs){ .sched_policy = SCHED_QUOTA };
	ck_assert_ret(evl_set_schedattr(efd, &attrs), -EINVAL);
	/* SCHED_OTHER is SCHED_WEAK at 0 for the core */
	attrs = (struct evl_sched_attrs){ .sched_policy = SCHED_OTHER };
	ck_assert_ret(evl_set_schedattr(efd, &attrs), 0);
	ck_assert_ret(evl_get_schedattr(efd, &attrs), 0);
	ck_assert_int_eq(attrs.sched_policy, SCHED_WEAK);
	ck_assert_int_eq(attrs.sched_priority, 0);
	/* not a thread element, not a descriptor */
	ck_assert_ret(evl_get_schedattr(tfd, &attrs), -ENOTTY);
	ck_assert_ret(evl_get_schedattr(-1, &attrs), -EBADF);
}
END_TEST

/* ---- clocks --------------------------------------------------------------------------- */

START_TEST(test_libevl_read_clock)
{
	struct timespec a, b, r;

	ck_assert_ret(evl_read_clock(EVL_CLOCK_MONOTONIC, &a), 0);
	clock_gettime(CLOCK_MONOTONIC, &b);
	ck_assert(a.tv_sec < b.tv_sec || (a.tv_sec == b.tv_sec && a.tv_nsec <= b.tv_nsec));
	ck_assert_int_lt(a.tv_nsec, 1000000000);
	ck_assert_ret(evl_read_clock(EVL_CLOCK_REALTIME, &a), 0);
	ck_assert_int_gt(a.tv_sec, 1600000000);
	ck_assert_ret(evl_read_clock(5, &a), -EINVAL);
	ck_assert_ret(evl_read_clock(EVL_CLOCK_MONOTONIC, NULL), -EFAULT);
	ck_assert_ret(evl_get_clock_resolution(EVL_CLOCK_MONOTONIC, &r), 0);
	ck_assert_int_eq(r.tv_sec, 0);
	ck_assert_int_eq(r.tv_nsec, 1);
}
END_TEST

START_TEST(test_libevl_usleep_oob)
{
	struct timespec bad = { .tv_sec = 0, .tv_nsec = 1000000000 };
	long long t0;

	ck_assert_ret(evl_usleep(1000), -EPERM);	/* not attached */
	attach();
	ck_assert(evl_is_inband());
	t0 = now_ns();
	ck_assert_ret(evl_usleep(2000), 0);
	ck_assert_int_ge(now_ns() - t0, 2000000);
	ck_assert(!evl_is_inband());			/* an oob call: it stays oob */
	ck_assert_ret(evl_sleep_until(EVL_CLOCK_MONOTONIC, &bad), -EINVAL);
	ck_assert_ret(evl_sleep_until(EVL_CLOCK_MONOTONIC, NULL), -EFAULT);
	ck_assert_ret(evl_sleep_until(9, &bad), -EINVAL);
}
END_TEST

static void on_usr1(int sig)
{
	(void)sig;
}

static volatile int sleeper_ready;

static void *long_sleeper(void *arg)
{
	int *ret = arg;

	attach_as("sleeper");
	__atomic_store_n(&sleeper_ready, 1, __ATOMIC_RELEASE);
	*ret = evl_usleep(60 * 1000 * 1000);
	return NULL;
}

START_TEST(test_libevl_sleep_signal_eintr)
{
	pthread_t th;
	int ret = 1;

	catch_signal(SIGUSR1, on_usr1, SA_RESTART);	/* an EVL sleep never restarts */
	ck_assert_int_eq(pthread_create(&th, NULL, long_sleeper, &ret), 0);
	wait_until_ns(__atomic_load_n(&sleeper_ready, __ATOMIC_ACQUIRE), LIMIT_NS, 500);
	sleep_ms(20);
	ck_assert_int_eq(pthread_kill(th, SIGUSR1), 0);
	ck_assert_int_eq(pthread_join(th, NULL), 0);
	ck_assert_int_eq(ret, -EINTR);
}
END_TEST

START_TEST(test_libevl_sleep_cancelled)
{
	pthread_t th;
	void *res;
	int ret = 1;

	ck_assert_int_eq(pthread_create(&th, NULL, long_sleeper, &ret), 0);
	wait_until_ns(__atomic_load_n(&sleeper_ready, __ATOMIC_ACQUIRE), LIMIT_NS, 500);
	sleep_ms(20);
	ck_assert_int_eq(pthread_cancel(th), 0);
	ck_assert_int_eq(pthread_join(th, &res), 0);
	ck_assert(res == PTHREAD_CANCELED);
	ck_assert_int_eq(ret, 1);
}
END_TEST

/* ---- evl_unblock_thread(), evl_demote_thread() --------------------------------------- */

struct blocked {
	pthread_t th;
	int efd, ready, ret, inband;
	struct evl_sched_attrs attrs;
};

/* attached, it sleeps 60 s oob, then records how the sleep ended and its stage */
static void *blocked_sleeper(void *arg)
{
	struct blocked *b = arg;

	b->efd = attach_as("blocked");
	__atomic_store_n(&b->ready, 1, __ATOMIC_RELEASE);
	b->ret = evl_usleep(60 * 1000 * 1000);
	b->inband = evl_is_inband();
	evl_get_schedattr(b->efd, &b->attrs);
	return NULL;
}

/* the sleeper of @b, started and seen asleep (EVL_T_DELAY) */
static void start_blocked(struct blocked *b)
{
	struct evl_thread_state st;

	memset(b, 0, sizeof(*b));
	b->ret = 1;
	ck_assert_int_eq(pthread_create(&b->th, NULL, blocked_sleeper, b), 0);
	wait_until_ns(__atomic_load_n(&b->ready, __ATOMIC_ACQUIRE), LIMIT_NS, 500);
	wait_until_ns(!evl_get_state(b->efd, &st) && (st.state & EVL_T_DELAY), LIMIT_NS, 500);
}

START_TEST(test_libevl_unblock_thread_ends_wait)
{
	struct blocked b;

	start_blocked(&b);
	ck_assert_ret(evl_unblock_thread(b.efd), 0);
	ck_assert_int_eq(pthread_join(b.th, NULL), 0);
	ck_assert_int_eq(b.ret, -EINTR);
	ck_assert_int_eq(b.inband, 0);		/* unblocked, not demoted */
}
END_TEST

START_TEST(test_libevl_demote_thread)
{
	struct blocked b;

	start_blocked(&b);
	ck_assert_ret(evl_demote_thread(b.efd), 0);
	ck_assert_int_eq(pthread_join(b.th, NULL), 0);
	ck_assert_int_eq(b.ret, -EINTR);
	ck_assert_int_eq(b.inband, 1);
	ck_assert_int_eq(b.attrs.sched_policy, SCHED_WEAK);
	ck_assert_int_eq(b.attrs.sched_priority, 0);
}
END_TEST

/* a thread that does not wait is left alone: its next sleep runs to its end */
START_TEST(test_libevl_unblock_not_waiting)
{
	int efd = attach();

	ck_assert_ret(evl_unblock_thread(efd), 0);
	ck_assert_ret(evl_usleep(1000), 0);
}
END_TEST

START_TEST(test_libevl_unblock_errors)
{
	struct blocked b;
	int p[2], keep;

	ck_assert_ret(evl_unblock_thread(-1), -EBADF);
	ck_assert_ret(evl_demote_thread(12345), -EBADF);
	ck_assert_int_eq(pipe(p), 0);
	ck_assert_ret(evl_unblock_thread(p[0]), -ENOTTY);
	ck_assert_ret(evl_demote_thread(p[0]), -ENOTTY);
	close(p[0]);
	close(p[1]);
	/* the element of a thread that exited (detached): ESRCH */
	start_blocked(&b);
	keep = dup(b.efd);
	ck_assert_int_ge(keep, 0);
	ck_assert_ret(evl_unblock_thread(b.efd), 0);
	ck_assert_int_eq(pthread_join(b.th, NULL), 0);
	ck_assert_ret(evl_unblock_thread(keep), -ESRCH);
	ck_assert_ret(evl_demote_thread(keep), -ESRCH);
	close(keep);
}
END_TEST

/* ---- the control element -------------------------------------------------------------- */

START_TEST(test_libevl_cpustate)
{
	struct evl_core_info info;
	int state = -1, fd;

	ck_assert_ret(evl_get_cpustate(0, &state), 0);
	ck_assert_int_eq(state, EVL_CPU_OOB);		/* runs oob, not isolated */
	ck_assert_ret(evl_get_cpustate(1 << 20, &state), -EINVAL);
	fd = open_node(EVL_CONTROL_DEV, O_RDWR);
	ck_assert_call(ioctl(fd, EVL_CTLIOC_GET_COREINFO, &info), 0);
	ck_assert_uint_eq(info.abi_base, EVL_ABI_BASE);
	ck_assert_uint_eq(info.abi_current, EVL_ABI_LEVEL);
	ck_assert_fails(ioctl(fd, EVL_CTLIOC_GET_COREINFO, NULL), EFAULT);
	ck_assert_fails(ioctl(fd, _IO('C', 99)), ENOTTY);
	close_fd(fd);
}
END_TEST

/* ---- SIGDEBUG, EVL_HMDIAG_STAGEX ------------------------------------------------------- */

static volatile int sigdebug_cause_seen;

static void on_sigdebug(int sig, siginfo_t *si, void *ctxt)
{
	(void)sig;
	(void)ctxt;
	if (sigdebug_marked(si))
		sigdebug_cause_seen = sigdebug_cause(si);
}

struct staxer {
	pthread_t th;
	int mode;
	int efd;
	int ret;
};

static void *staxer_fn(void *arg)
{
	struct staxer *s = arg;

	int efd = attach_as("staxer");

	if (s->mode)
		evl_set_thread_mode(efd, s->mode, NULL);
	__atomic_store_n(&s->efd, efd, __ATOMIC_RELEASE);	/* polled by the test */
	s->ret = oob_ioctl(tfd, TPROC_OOB_STAX);
	return NULL;
}

static int pending(int efd)
{
	struct evl_thread_state st;

	return efd > 0 && evl_get_state(efd, &st) == 0 && (st.state & EVL_T_PEND);
}

static int run_locked_out(int mode)
{
	struct sigaction sa;
	struct staxer s = { .mode = mode, .efd = -1, .ret = -2 };

	memset(&sa, 0, sizeof(sa));
	sa.sa_sigaction = on_sigdebug;
	sa.sa_flags = SA_SIGINFO;
	sigemptyset(&sa.sa_mask);
	ck_assert_int_eq(sigaction(SIGDEBUG, &sa, NULL), 0);
	sigdebug_cause_seen = 0;
	ck_assert_call(ioctl(tfd, TPROC_IOC_STAX_LOCK), 0);	/* held in-band */
	ck_assert_int_eq(pthread_create(&s.th, NULL, staxer_fn, &s), 0);
	wait_until_ns(pending(__atomic_load_n(&s.efd, __ATOMIC_ACQUIRE)), LIMIT_NS, 500);
	ck_assert_call(ioctl(tfd, TPROC_IOC_STAX_UNLOCK), 0);
	ck_assert_int_eq(pthread_join(s.th, NULL), 0);
	ck_assert_int_eq(s.ret, 0);
	return sigdebug_cause_seen;
}

START_TEST(test_libevl_stax_wosx_notified)
{
	ck_assert_int_eq(run_locked_out(EVL_T_WOSX), EVL_HMDIAG_STAGEX);
}
END_TEST

START_TEST(test_libevl_stax_no_wosx_silent)
{
	ck_assert_int_eq(run_locked_out(0), 0);
}
END_TEST

START_TEST(test_libevl_sigdebug_handler_prints_cause)
{
	char buf[128] = "";
	siginfo_t si;
	int saved, fd;
	ssize_t n;

	fd = fileno(tmpfile());
	fflush(stdout);
	saved = dup(1);
	ck_assert_int_eq(dup2(fd, 1), 1);
	memset(&si, 0, sizeof(si));
	si.si_value.sival_int = (int)(EVL_HMDIAG_STAGEX | SIGEVL_MARKER);
	evl_sigdebug_handler(SIGDEBUG, &si, NULL);
	si.si_value.sival_int = EVL_HMDIAG_STAGEX;	/* not marked: not EVL's */
	evl_sigdebug_handler(SIGDEBUG, &si, NULL);
	dup2(saved, 1);
	close(saved);
	n = pread(fd, buf, sizeof(buf) - 1, 0);
	ck_assert_int_ge(n, 0);
	ck_assert_str_eq(buf, "locked out from out-of-band stage (stax)\n");
}
END_TEST

/* ---- headers ------------------------------------------------------------------------- */

struct outer {
	int a;
	long member;
};

START_TEST(test_libevl_headers)
{
	atomic_t v = 5;
	struct outer o;
	unsigned int u32 = 1;
	unsigned long long u64 = 1ULL << 40;

	ck_assert_int_eq(atomic_cmpxchg(&v, 5, 6), 5);
	ck_assert_int_eq(atomic_read(&v), 6);
	ck_assert_int_eq(atomic_cmpxchg(&v, 5, 7), 6);	/* found 6: no exchange */
	ck_assert_int_eq(atomic_read(&v), 6);
	ck_assert_ptr_eq(container_of(&o.member, struct outer, member), &o);
	ck_assert_int_eq(__lzcount(u32), 31);
	ck_assert_int_eq(__tzcount(u64), 40);
	ck_assert_int_eq(__lzcount(0U), 32);
	ck_assert_int_eq(__align_to(13, 8), 16);
	ck_assert_str_eq(__stringify(HECTIC_INBAND_WAIT), "0");
	/* the device ABIs, as the kernel's */
	ck_assert_uint_eq(EVL_HECIOC_PEND, _IOR('H', 4, struct hectic_task_index));
	ck_assert_uint_eq(EVL_LATIOC_RESET, _IO('L', 4));
	ck_assert_uint_eq(HECTIC_OOB_WAIT, 0x10000);
	ck_assert_uint_eq(GPIOHANDLE_REQUEST_OOB, 1UL << 5);
	ck_assert_uint_eq(EVL_CPU_ISOL, 2);
}
END_TEST

static Suite *suite(void)
{
	Suite *s = suite_create("libevl");
	TCase *tc;

	evlsim_check_modules("tproc");
	evlsim_check_fixture(setup, teardown);

	tc = tcase("sched");
	tcase_add_test(tc, test_libevl_sched_fifo_recorded);
	tcase_add_test(tc, test_libevl_sched_bad_policy_einval);
	tcase_add_test(tc, test_libevl_sched_thread_attr_and_inherit);
	tcase_add_test(tc, test_libevl_sched_orders_wait_queue);
	tcase_add_test(tc, test_libevl_schedattr);
	suite_add_tcase(s, tc);

	tc = tcase("clock");
	tcase_add_test(tc, test_libevl_read_clock);
	tcase_add_test(tc, test_libevl_usleep_oob);
	tcase_add_test(tc, test_libevl_sleep_signal_eintr);
	tcase_add_test(tc, test_libevl_sleep_cancelled);
	suite_add_tcase(s, tc);

	tc = tcase("unblock");
	tcase_add_test(tc, test_libevl_unblock_thread_ends_wait);
	tcase_add_test(tc, test_libevl_demote_thread);
	tcase_add_test(tc, test_libevl_unblock_not_waiting);
	tcase_add_test(tc, test_libevl_unblock_errors);
	suite_add_tcase(s, tc);

	tc = tcase("control");
	tcase_add_test(tc, test_libevl_cpustate);
	suite_add_tcase(s, tc);

	tc = tcase("sigdebug");
	tcase_add_test(tc, test_libevl_stax_wosx_notified);
	tcase_add_test(tc, test_libevl_stax_no_wosx_silent);
	tcase_add_test(tc, test_libevl_sigdebug_handler_prints_cause);
	suite_add_tcase(s, tc);

	tc = tcase("headers");
	tcase_add_test(tc, test_libevl_headers);
	suite_add_tcase(s, tc);

	return s;
}

int main(void)
{
	return evlsim_check_run(suite());
}
