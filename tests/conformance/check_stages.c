// SPDX-License-Identifier: MIT
/*
 * check_stages: execution stages (spec 4.1-4.3, 4.5): lazy switching, evl_switch_oob()
 * and evl_switch_inband(), the kernel predicates (running_oob(), running_inband(),
 * evl_is_inband(), evl_in_irq(), evl_cannot_block(), evl_current()) in every context,
 * the thread mode bits, evl_get_state() and the counters, SIGDEBUG on demotion, through
 * the tstage test driver (tests/drivers/tstage-abi.h). Every value is exact.
 */
#define _GNU_SOURCE
#include <errno.h>
#include <fcntl.h>
#include <pthread.h>
#include <signal.h>
#include <string.h>
#include <sys/ioctl.h>
#include <time.h>
#include <unistd.h>
#include <evl/evl.h>
#include <evlsim/evlsim.h>
#include "evlsim-check.h"
#include "../drivers/tstage-abi.h"

#define TST_DEV		"/dev/tstage"

/* what the contexts see */
#define OOB_HANDLER	(TST_RUNNING_OOB | TST_CURRENT | TST_OOB_HANDLER)
#define INBAND_EVL	(TST_RUNNING_INBAND | TST_EVL_INBAND | TST_CANNOT_BLOCK | TST_CURRENT)
#define INBAND_PLAIN	(TST_RUNNING_INBAND | TST_EVL_INBAND | TST_CANNOT_BLOCK)
#define TIMER_HANDLER	(TST_RUNNING_OOB | TST_EVL_IN_IRQ | TST_CANNOT_BLOCK | TST_CURRENT)
#define EVL_KTHREAD	(TST_RUNNING_OOB | TST_CURRENT)

#define WOSS_SIG	(EVL_T_WOSS | EVL_T_HMSIG)

static void teardown(void)
{
	tst_set_hook(NULL);
	evlsim_check_teardown();
}

static void assert_stats(unsigned long switches, unsigned long oob_calls)
{
	struct evlsim_thread_stats st;

	ck_assert_int_eq(evlsim_get_thread_stats(&st), 0);
	ck_assert_uint_eq(st.stage_switches, switches);
	ck_assert_uint_eq(st.oob_calls, oob_calls);
}

/* ---- SIGDEBUG ------------------------------------------------------------------------- */

static int dbg_count, dbg_code, dbg_value, dbg_cause, dbg_marked, dbg_inband, usr1_count;

static void sigdebug_handler(int sig, siginfo_t *si, void *uc)
{
	(void)uc;
	if (sig != SIGDEBUG)
		return;
	__atomic_store_n(&dbg_code, si->si_code, __ATOMIC_RELAXED);
	__atomic_store_n(&dbg_value, si->si_value.sival_int, __ATOMIC_RELAXED);
	__atomic_store_n(&dbg_cause, sigdebug_cause(si), __ATOMIC_RELAXED);
	__atomic_store_n(&dbg_marked, sigdebug_marked(si), __ATOMIC_RELAXED);
	__atomic_store_n(&dbg_inband, evl_is_inband(), __ATOMIC_RELAXED);
	__atomic_add_fetch(&dbg_count, 1, __ATOMIC_RELEASE);
}

static void usr1_handler(int sig)
{
	(void)sig;
	__atomic_add_fetch(&usr1_count, 1, __ATOMIC_RELAXED);
}

static void install_handlers(void)
{
	struct sigaction sa;

	memset(&sa, 0, sizeof(sa));
	sa.sa_sigaction = sigdebug_handler;
	sa.sa_flags = SA_SIGINFO | SA_RESTART;
	sigemptyset(&sa.sa_mask);
	ck_assert_int_eq(sigaction(SIGDEBUG, &sa, NULL), 0);
	catch_signal(SIGUSR1, usr1_handler, SA_RESTART);
}

/*
 * The SIGDEBUG count once @expected arrived, or after 200 ms: SIGDEBUG goes to the calling
 * thread, which runs the handler before pthread_sigqueue() returns, but under
 * ThreadSanitizer a signal may run at the thread's next intercepted call. A test that
 * proves nothing came asks for one more than it expects.
 */
static int sigdebug_count(int expected)
{
	int n, i;

	for (i = 0; i < 200; i++) {
		n = __atomic_load_n(&dbg_count, __ATOMIC_ACQUIRE);
		if (n >= expected)
			break;
		sleep_ms(1);
	}
	sleep_ms(1);	/* and nothing more comes */
	return __atomic_load_n(&dbg_count, __ATOMIC_ACQUIRE);
}

static void raise_usr1(void)
{
	pthread_kill(pthread_self(), SIGUSR1);
}

/* ---- lazy switching, explicit switches --------------------------------------------------- */

START_TEST(test_lazy_switching)
{
	int fd = open_node(TST_DEV, O_RDWR);

	attach_thread(EVL_CLONE_PRIVATE, "lazy");
	assert_stats(0, 0);
	ck_assert_int_eq(evl_is_inband(), 1);
	ck_assert_call(oob_ioctl(fd, TST_IOC_PROBE), OOB_HANDLER);
	ck_assert_int_eq(evl_is_inband(), 0);		/* stays oob */
	ck_assert_call(oob_ioctl(fd, TST_IOC_PROBE), OOB_HANDLER);
	assert_stats(1, 2);
	ck_assert_call(ioctl(fd, TST_IOC_PROBE), INBAND_EVL);	/* demoted first */
	ck_assert_int_eq(evl_is_inband(), 1);
	assert_stats(2, 2);
	ck_assert_call(ioctl(fd, TST_IOC_PROBE), INBAND_EVL);
	assert_stats(2, 2);
	ck_assert_int_eq(evl_detach_self(), 0);
	close(fd);
}
END_TEST

START_TEST(test_switch_calls)
{
	int fd = open_node(TST_DEV, O_RDWR);

	ck_assert_int_eq(evl_switch_oob(), -EPERM);
	ck_assert_int_eq(evl_switch_inband(), -EPERM);
	ck_assert_int_eq(evl_is_inband(), 1);
	attach_thread(EVL_CLONE_PRIVATE, "switch");
	ck_assert_int_eq(evl_switch_inband(), 0);	/* already in-band */
	assert_stats(0, 0);
	ck_assert_int_eq(evl_switch_oob(), 0);
	ck_assert_int_eq(evl_is_inband(), 0);
	ck_assert_int_eq(evl_switch_oob(), 0);		/* already oob */
	assert_stats(1, 0);
	ck_assert_call(oob_ioctl(fd, TST_IOC_PROBE), OOB_HANDLER);	/* no switch */
	assert_stats(1, 1);
	ck_assert_int_eq(evl_switch_inband(), 0);
	ck_assert_int_eq(evl_is_inband(), 1);
	assert_stats(2, 1);
	ck_assert_int_eq(evl_detach_self(), 0);
	ck_assert_int_eq(evl_switch_oob(), -EPERM);
	close(fd);
}
END_TEST

/* ---- predicates ------------------------------------------------------------------------- */

START_TEST(test_predicates_handlers)
{
	int fd = open_node(TST_DEV, O_RDWR);

	/* a thread that is not attached: in-band, no EVL thread; no oob call */
	ck_assert_call(ioctl(fd, TST_IOC_PROBE), INBAND_PLAIN);
	ck_assert_fails(oob_ioctl(fd, TST_IOC_PROBE), EPERM);
	attach_thread(EVL_CLONE_PRIVATE, "pred");
	ck_assert_call(ioctl(fd, TST_IOC_PROBE), INBAND_EVL);
	ck_assert_call(oob_ioctl(fd, TST_IOC_PROBE), OOB_HANDLER);
	ck_assert_int_eq(evl_detach_self(), 0);
	ck_assert_call(ioctl(fd, TST_IOC_PROBE), INBAND_PLAIN);
	close(fd);
}
END_TEST

START_TEST(test_predicates_contexts)
{
	ck_assert_int_eq(tst_probe_timer(), TIMER_HANDLER);
	ck_assert_int_eq(tst_probe_evl_kthread(), EVL_KTHREAD);
	ck_assert_int_eq(tst_probe_irq_work(), INBAND_PLAIN);
	ck_assert_int_eq(tst_probe_work(), INBAND_PLAIN);
	ck_assert_int_eq(tst_probe_kthread(), INBAND_PLAIN);
	/* the same from an attached thread, oob */
	attach_thread(EVL_CLONE_PRIVATE, "ctx");
	ck_assert_int_eq(evl_switch_oob(), 0);
	ck_assert_int_eq(evl_switch_inband(), 0);
	ck_assert_int_eq(tst_probe_timer(), TIMER_HANDLER);
	ck_assert_int_eq(tst_probe_irq_work(), INBAND_PLAIN);
	ck_assert_int_eq(evl_detach_self(), 0);
}
END_TEST

/* ---- mode bits and state ---------------------------------------------------------------- */

START_TEST(test_thread_mode)
{
	int fd = open_node(TST_DEV, O_RDWR), efd, old = -1, closed;
	struct evl_thread_state st;

	efd = attach_thread(EVL_CLONE_PRIVATE, "mode");
	ck_assert_ret(evl_set_thread_mode(efd, 0, &old), 0);	/* a query */
	ck_assert_int_eq(old, 0);
	ck_assert_ret(evl_set_thread_mode(efd, EVL_T_WOSS, &old), 0);
	ck_assert_int_eq(old, 0);
	ck_assert_ret(evl_set_thread_mode(efd, 0, &old), 0);
	ck_assert_int_eq(old, WOSS_SIG);		/* HMSIG by default */
	ck_assert_ret(evl_get_state(efd, &st), 0);
	ck_assert_uint_eq(st.state & EVL_THREAD_MODE_BITS, WOSS_SIG);
	ck_assert_ret(evl_set_thread_mode(efd, EVL_T_WOSO, &old), 0);
	ck_assert_int_eq(old, WOSS_SIG);
	ck_assert_ret(evl_clear_thread_mode(efd, EVL_T_WOSS | EVL_T_WOSO, &old), 0);
	ck_assert_int_eq(old, WOSS_SIG | EVL_T_WOSO);
	ck_assert_ret(evl_set_thread_mode(efd, EVL_T_WOLI | EVL_T_WOSX, NULL), 0);
	ck_assert_ret(evl_clear_thread_mode(efd, 0, &old), 0);
	ck_assert_int_eq(old, EVL_T_WOLI | EVL_T_WOSX | EVL_T_HMSIG);
	ck_assert_ret(evl_clear_thread_mode(efd, EVL_THREAD_MODE_BITS, NULL), 0);
	ck_assert_ret(evl_set_thread_mode(efd, EVL_T_HMSIG, &old), 0);	/* no warning */
	ck_assert_int_eq(old, 0);
	ck_assert_ret(evl_clear_thread_mode(efd, EVL_T_HMSIG, &old), 0);
	ck_assert_int_eq(old, EVL_T_HMSIG);

	/* invalid bits, HMOBS on a thread that is not observable, bad descriptors */
	old = 12345;
	ck_assert_ret(evl_set_thread_mode(efd, EVL_T_SUSP, &old), -EINVAL);
	ck_assert_ret(evl_set_thread_mode(efd, EVL_T_WOSS | EVL_T_INBAND, &old), -EINVAL);
	ck_assert_ret(evl_clear_thread_mode(efd, EVL_T_USER, &old), -EINVAL);
	ck_assert_ret(evl_set_thread_mode(efd, EVL_T_WOSS | EVL_T_HMOBS, &old), -EINVAL);
	ck_assert_int_eq(old, 12345);			/* untouched on failure */
	errno = 42;
	ck_assert_ret(evl_set_thread_mode(-1, EVL_T_WOSS, &old), -EBADF);
	ck_assert_ret(evl_clear_thread_mode(-1, EVL_T_WOSS, &old), -EBADF);
	ck_assert_ret(evl_get_state(-1, &st), -EBADF);
	ck_assert_int_eq(errno, 42);			/* 0/-errno, errno left alone */
	closed = dup(fd);
	ck_assert_int_ge(closed, 0);
	close(closed);
	ck_assert_ret(evl_set_thread_mode(closed, EVL_T_WOSS, NULL), -EBADF);
	ck_assert_ret(evl_get_state(closed, &st), -EBADF);
	ck_assert_ret(evl_set_thread_mode(fd, EVL_T_WOSS, NULL), -ENOTTY);	/* not a thread */
	ck_assert_ret(evl_get_state(fd, &st), -ENOTTY);
	ck_assert_ret(evl_get_state(efd, NULL), -EFAULT);

	/* from oob: through oob_ioctl(), the caller stays oob */
	ck_assert_int_eq(evl_switch_oob(), 0);
	ck_assert_ret(evl_set_thread_mode(efd, EVL_T_WOSS, &old), 0);
	ck_assert_int_eq(old, 0);
	ck_assert_ret(evl_set_thread_mode(efd, EVL_T_SUSP, &old), -EINVAL);
	ck_assert_int_eq(evl_is_inband(), 0);
	ck_assert_ret(evl_get_state(efd, &st), 0);
	ck_assert_uint_eq(st.state & (EVL_THREAD_MODE_BITS | EVL_T_INBAND), WOSS_SIG);
	ck_assert_int_eq(evl_is_inband(), 0);
	ck_assert_int_eq(evl_switch_inband(), 0);	/* explicit: no SIGDEBUG (none installed) */

	/* detaching clears the mode */
	ck_assert_int_eq(evl_detach_self(), 0);
	ck_assert_ret(evl_get_state(efd, &st), -EBADF);	/* libevl closed it */
	efd = attach_thread(EVL_CLONE_PRIVATE, "mode2");
	ck_assert_ret(evl_set_thread_mode(efd, 0, &old), 0);
	ck_assert_int_eq(old, 0);
	ck_assert_int_eq(evl_detach_self(), 0);
	close(fd);
}
END_TEST

START_TEST(test_observable_mode)
{
	int efd, old;
	struct evl_thread_state st;

	efd = attach_thread(EVL_CLONE_OBSERVABLE, "obs");
	ck_assert_ret(evl_set_thread_mode(efd, EVL_T_WOSS | EVL_T_HMOBS, &old), 0);
	ck_assert_int_eq(old, 0);
	ck_assert_ret(evl_get_state(efd, &st), 0);
	ck_assert_uint_eq(st.state, EVL_T_WOSS | EVL_T_HMOBS | EVL_T_INBAND | EVL_T_USER |
			  EVL_T_OBSERV);
	ck_assert_int_eq(evl_detach_self(), 0);
}
END_TEST

/* a fresh thread: every counter starts at zero */
static void *state_thread(void *arg)
{
	int fd = *(int *)arg, efd;
	struct evl_thread_state st;
	struct evlsim_thread_stats stats;

	efd = attach_thread(EVL_CLONE_PRIVATE, "state");
	ck_assert_ret(evl_get_state(efd, &st), 0);	/* in-band: through ioctl() */
	ck_assert_uint_eq(st.state, EVL_T_INBAND | EVL_T_USER);
	ck_assert_uint_eq(st.isw, 0);
	ck_assert_uint_eq(st.sc, 0);
	ck_assert_uint_eq(st.csw, 0);
	ck_assert_int_eq(st.eattrs.sched_policy, 0);
	ck_assert_uint_eq(st.cpu, 0);
	ck_assert_uint_eq(st.rwa, 0);
	ck_assert_uint_eq(st.xtime, 0);

	ck_assert_call(oob_ioctl(fd, TST_IOC_PROBE), OOB_HANDLER);	/* switch 1 */
	ck_assert_call(oob_ioctl(fd, TST_IOC_PROBE), OOB_HANDLER);
	ck_assert_call(oob_ioctl(fd, TST_IOC_PROBE), OOB_HANDLER);
	ck_assert_call(ioctl(fd, TST_IOC_PROBE), INBAND_EVL);		/* switch 2, isw 1 */
	ck_assert_int_eq(evl_switch_oob(), 0);				/* switch 3 */
	ck_assert_call(oob_ioctl(fd, TST_IOC_SLEEP), 0);		/* one sleep */
	ck_assert_int_eq(evl_switch_inband(), 0);			/* switch 4, isw 2 */
	ck_assert_ret(evl_get_state(efd, &st), 0);
	ck_assert_uint_eq(st.state, EVL_T_INBAND | EVL_T_USER);
	ck_assert_uint_eq(st.isw, 2);
	ck_assert_uint_eq(st.sc, 4);
	ck_assert_uint_eq(st.csw, 1);
	ck_assert_int_eq(evlsim_get_thread_stats(&stats), 0);
	ck_assert_uint_eq(stats.stage_switches, 4);
	ck_assert_uint_eq(stats.oob_calls, 4);
	ck_assert_uint_eq(stats.sleeps, 1);

	ck_assert_int_eq(evl_switch_oob(), 0);				/* switch 5 */
	ck_assert_ret(evl_get_state(efd, &st), 0);	/* oob: an oob call, counted */
	ck_assert_uint_eq(st.state, EVL_T_USER);
	ck_assert_uint_eq(st.isw, 2);
	ck_assert_uint_eq(st.sc, 5);
	ck_assert_int_eq(evlsim_get_thread_stats(&stats), 0);
	ck_assert_uint_eq(stats.stage_switches, 5);
	ck_assert_uint_eq(stats.oob_calls, 5);
	ck_assert_int_eq(evl_detach_self(), 0);
	return NULL;
}

START_TEST(test_get_state_counters)
{
	int fd = open_node(TST_DEV, O_RDWR);
	pthread_t tid;

	ck_assert_int_eq(pthread_create(&tid, NULL, state_thread, &fd), 0);
	ck_assert_int_eq(pthread_join(tid, NULL), 0);
	close(fd);
}
END_TEST

/* another thread's state, read while it waits at a barrier */
struct peer {
	pthread_barrier_t bar;
	int fd;
	int efd;
};

static void *peer_thread(void *arg)
{
	struct peer *p = arg;

	p->efd = attach_thread(EVL_CLONE_PRIVATE, "peer");
	ck_assert_int_eq(evl_set_thread_mode(p->efd, EVL_T_WOSS, NULL), 0);
	ck_assert_call(oob_ioctl(p->fd, TST_IOC_PROBE), OOB_HANDLER);
	ck_assert_call(oob_ioctl(p->fd, TST_IOC_PROBE), OOB_HANDLER);
	pthread_barrier_wait(&p->bar);		/* the main thread reads our state */
	pthread_barrier_wait(&p->bar);
	ck_assert_int_eq(evl_switch_inband(), 0);	/* explicit: no SIGDEBUG */
	ck_assert_int_eq(evl_detach_self(), 0);
	return NULL;
}

START_TEST(test_get_state_peer)
{
	struct evl_thread_state st;
	struct peer p;
	pthread_t tid;
	int old;

	p.fd = open_node(TST_DEV, O_RDWR);
	ck_assert_int_eq(pthread_barrier_init(&p.bar, NULL, 2), 0);
	ck_assert_int_eq(pthread_create(&tid, NULL, peer_thread, &p), 0);
	pthread_barrier_wait(&p.bar);
	ck_assert_ret(evl_get_state(p.efd, &st), 0);	/* not attached: ioctl() */
	ck_assert_uint_eq(st.state, WOSS_SIG | EVL_T_USER);	/* oob, lazily */
	ck_assert_uint_eq(st.sc, 2);
	ck_assert_uint_eq(st.isw, 0);
	ck_assert_ret(evl_clear_thread_mode(p.efd, EVL_T_WOSS, &old), 0);
	ck_assert_int_eq(old, WOSS_SIG);
	pthread_barrier_wait(&p.bar);
	ck_assert_int_eq(pthread_join(tid, NULL), 0);
	ck_assert_ret(evl_get_state(p.efd, &st), -EBADF);
	pthread_barrier_destroy(&p.bar);
	close(p.fd);
}
END_TEST

/*
 * evlsim_wait_blocked(): a thread that is not blocked times out (its own element, and a
 * peer's that runs), a bad descriptor is -EBADF. The blocked case: check_memcheck's
 * release test and check_xfifo.
 */
START_TEST(test_wait_blocked_not_blocked)
{
	int efd = evl_attach_self("wb:%d", getpid());

	ck_assert_int_ge(efd, 0);
	ck_assert_ret(evlsim_wait_blocked(efd, 1000000), -ETIMEDOUT);
	ck_assert_ret(evlsim_wait_blocked(efd, 0), -ETIMEDOUT);
	ck_assert_ret(evlsim_wait_blocked(-1, 1000000), -EBADF);
	ck_assert_ret(evlsim_wait_blocked(1023, -1), -EBADF);
	ck_assert_ret(evl_detach_self(), 0);
	ck_assert_ret(evlsim_wait_blocked(efd, -1), -EBADF);
}
END_TEST

/* ---- SIGDEBUG ---------------------------------------------------------------------------- */

static void assert_sigdebug(int cause)
{
	ck_assert_int_eq(__atomic_load_n(&dbg_code, __ATOMIC_RELAXED), SI_QUEUE);
	ck_assert_int_eq(__atomic_load_n(&dbg_value, __ATOMIC_RELAXED), (int)(0xfccf0000 | cause));
	ck_assert_int_eq(__atomic_load_n(&dbg_cause, __ATOMIC_RELAXED), cause);
	ck_assert_int_eq(__atomic_load_n(&dbg_marked, __ATOMIC_RELAXED), 1);
	ck_assert_int_eq(__atomic_load_n(&dbg_inband, __ATOMIC_RELAXED), 1);
}

START_TEST(test_sigdebug_sysdemote)
{
	int fd = open_node(TST_DEV, O_RDWR), efd, pfd[2];
	char c = 'x';

	install_handlers();
	ck_assert_int_eq(pipe(pfd), 0);
	efd = attach_thread(EVL_CLONE_PRIVATE, "sysdemote");
	ck_assert_ret(evl_set_thread_mode(efd, EVL_T_WOSS, NULL), 0);

	/* an in-band call on a simulated file */
	ck_assert_call(oob_ioctl(fd, TST_IOC_PROBE), OOB_HANDLER);
	ck_assert_int_eq(sigdebug_count(0), 0);		/* switching oob: nothing */
	ck_assert_call(ioctl(fd, TST_IOC_PROBE), INBAND_EVL);
	ck_assert_int_eq(sigdebug_count(1), 1);
	assert_sigdebug(EVL_HMDIAG_SYSDEMOTE);

	/* an in-band call on a real file */
	ck_assert_int_eq(evl_switch_oob(), 0);
	ck_assert_call(write(pfd[1], &c, 1), 1);
	ck_assert_int_eq(sigdebug_count(2), 2);
	assert_sigdebug(EVL_HMDIAG_SYSDEMOTE);
	ck_assert_int_eq(evl_is_inband(), 1);

	/* explicit switches and in-band calls from in-band: nothing */
	ck_assert_int_eq(evl_switch_oob(), 0);
	ck_assert_int_eq(evl_switch_inband(), 0);
	ck_assert_call(read(pfd[0], &c, 1), 1);
	ck_assert_int_eq(sigdebug_count(3), 2);

	/* without WOSS: nothing */
	ck_assert_ret(evl_clear_thread_mode(efd, EVL_T_WOSS, NULL), 0);
	ck_assert_call(oob_ioctl(fd, TST_IOC_PROBE), OOB_HANDLER);
	ck_assert_call(ioctl(fd, TST_IOC_PROBE), INBAND_EVL);
	ck_assert_int_eq(sigdebug_count(3), 2);

	/* WOSS with HMSIG cleared: nothing */
	ck_assert_ret(evl_set_thread_mode(efd, EVL_T_WOSS, NULL), 0);
	ck_assert_ret(evl_clear_thread_mode(efd, EVL_T_HMSIG, NULL), 0);
	ck_assert_call(oob_ioctl(fd, TST_IOC_PROBE), OOB_HANDLER);
	ck_assert_call(ioctl(fd, TST_IOC_PROBE), INBAND_EVL);
	ck_assert_int_eq(sigdebug_count(3), 2);

	/* detaching from oob with WOSS: no SIGDEBUG */
	ck_assert_ret(evl_set_thread_mode(efd, EVL_T_WOSS | EVL_T_HMSIG, NULL), 0);
	ck_assert_int_eq(evl_switch_oob(), 0);
	ck_assert_int_eq(evl_detach_self(), 0);
	ck_assert_int_eq(sigdebug_count(3), 2);
	close(pfd[0]);
	close(pfd[1]);
	close(fd);
}
END_TEST

START_TEST(test_sigdebug_sigdemote)
{
	int fd = open_node(TST_DEV, O_RDWR), efd;

	install_handlers();
	tst_set_hook(raise_usr1);
	efd = attach_thread(EVL_CLONE_PRIVATE, "sigdemote");
	ck_assert_ret(evl_set_thread_mode(efd, EVL_T_WOSS, NULL), 0);

	/* from in-band: the call switches oob, the signal demotes it */
	ck_assert_call(oob_ioctl(fd, TST_IOC_HOOK), 0);
	ck_assert_int_eq(__atomic_load_n(&usr1_count, __ATOMIC_RELAXED), 1);
	ck_assert_int_eq(evl_is_inband(), 1);
	ck_assert_int_eq(sigdebug_count(1), 1);
	assert_sigdebug(EVL_HMDIAG_SIGDEMOTE);
	assert_stats(2, 1);

	/* from oob */
	ck_assert_int_eq(evl_switch_oob(), 0);
	ck_assert_call(oob_ioctl(fd, TST_IOC_HOOK), 0);
	ck_assert_int_eq(evl_is_inband(), 1);
	ck_assert_int_eq(sigdebug_count(2), 2);
	assert_sigdebug(EVL_HMDIAG_SIGDEMOTE);
	assert_stats(4, 2);

	/* without WOSS: demoted, silently */
	ck_assert_ret(evl_clear_thread_mode(efd, EVL_T_WOSS, NULL), 0);
	ck_assert_call(oob_ioctl(fd, TST_IOC_HOOK), 0);
	ck_assert_int_eq(evl_is_inband(), 1);
	ck_assert_int_eq(sigdebug_count(3), 2);
	ck_assert_int_eq(__atomic_load_n(&usr1_count, __ATOMIC_RELAXED), 3);
	ck_assert_int_eq(evl_detach_self(), 0);
	close(fd);
}
END_TEST

START_TEST(test_sigdebug_hmobs_only)
{
	int fd = open_node(TST_DEV, O_RDWR), efd;

	install_handlers();
	efd = attach_thread(EVL_CLONE_OBSERVABLE, "hmobs");
	ck_assert_ret(evl_set_thread_mode(efd, EVL_T_WOSS | EVL_T_HMOBS, NULL), 0);
	ck_assert_call(oob_ioctl(fd, TST_IOC_PROBE), OOB_HANDLER);
	ck_assert_call(ioctl(fd, TST_IOC_PROBE), INBAND_EVL);
	ck_assert_int_eq(sigdebug_count(1), 0);
	ck_assert_int_eq(evl_detach_self(), 0);
	close(fd);
}
END_TEST

/* tcase() with a timeout of 30 s */
static TCase *stages_tcase(const char *name)
{
	TCase *tc = tcase(name);

	tcase_set_timeout(tc, 30);
	return tc;
}

static Suite *suite(void)
{
	Suite *s = suite_create("stages");
	TCase *tc;

	evlsim_check_fixture(NULL, teardown);
	evlsim_check_modules("tstage");
	tc = stages_tcase("switching");
	tcase_add_test(tc, test_lazy_switching);
	tcase_add_test(tc, test_switch_calls);
	suite_add_tcase(s, tc);

	tc = stages_tcase("predicates");
	tcase_add_test(tc, test_predicates_handlers);
	tcase_add_test(tc, test_predicates_contexts);
	suite_add_tcase(s, tc);

	tc = stages_tcase("mode and state");
	tcase_add_test(tc, test_thread_mode);
	tcase_add_test(tc, test_observable_mode);
	tcase_add_test(tc, test_get_state_counters);
	tcase_add_test(tc, test_get_state_peer);
	tcase_add_test(tc, test_wait_blocked_not_blocked);
	suite_add_tcase(s, tc);

	tc = stages_tcase("sigdebug");
	tcase_add_test(tc, test_sigdebug_sysdemote);
	tcase_add_test(tc, test_sigdebug_sigdemote);
	tcase_add_test(tc, test_sigdebug_hmobs_only);
	suite_add_tcase(s, tc);
	return s;
}

int main(void)
{
	return evlsim_check_run(suite());
}
