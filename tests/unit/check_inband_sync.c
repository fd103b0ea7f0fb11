// SPDX-License-Identifier: MIT
/*
 * check_inband_sync: the in-band kernel services drivers use, against linux v6.12.
 *
 * Through the tsync test driver, from real threads: mutexes (trylock and is_locked
 * results, contention, FIFO handoff, -EINTR from mutex_lock_interruptible() on a real
 * signal, uninterruptible and killable waits that signals do not end, the DEBUG_MUTEXES
 * warnings); semaphores (DEFINE_SEMAPHORE's count, down_trylock()'s 1 on failure, FIFO
 * handoff, -EINTR, -ETIME); tasks (current's pid, tgid and comm), kthreads
 * (kthread_create() asleep until woken, kthread_stop() returning the thread's result or
 * -EINTR, kthread_should_stop(), schedule()/schedule_timeout() wake-ups), delays;
 * workqueues (queueing twice runs once, flush and cancel results, ordered execution,
 * max_active, destroy draining chained items, delayed items); RCU (grace periods,
 * call_rcu() after readers, rcu_barrier(), kfree_rcu() forms); and the module leak
 * reports for a kthread still running and an item still queued at unload.
 */
#define _GNU_SOURCE
#include <pthread.h>
#include <signal.h>
#include <stdio.h>
#include <string.h>
#include <sys/prctl.h>
#include <time.h>
#include <unistd.h>
#include <evlsim/evlsim.h>
#include "evlsim-check.h"
#include "../drivers/tsync-abi.h"

#define MS		1000000LL

/* LeakSanitizer, when the suite is built with it: Check's forked children exit without
 * running its exit-time check, so the RCU tests ask for one. */
int __lsan_do_recoverable_leak_check(void) __attribute__((weak));

static void assert_no_leaks(void)
{
	if (__lsan_do_recoverable_leak_check)
		ck_assert_msg(__lsan_do_recoverable_leak_check() == 0, "LeakSanitizer found leaks");
}

/* ---- helpers ------------------------------------------------------------------------- */

static void on_usr1(int sig)
{
	(void)sig;
}

static void setup(void)
{
	catch_signal(SIGUSR1, on_usr1, 0);
	evlsim_reset_reports();
}

/* Polls @cond for up to 2 s. */
/* what must happen, however loaded the machine (the suite's timeout is the bound) */
#define wait_for(cond)		wait_until_ns(cond, 30000 * MS, 200)

/* A test thread running one call; ->ret is its result once ->done. */
struct call {
	pthread_t tid;
	long (*fn)(struct call *c);
	long arg;
	long ret;
	int started;
	int done;
	void *task;
};

static void *call_main(void *p)
{
	struct call *c = p;
	long r;

	__atomic_store_n(&c->task, tsync_current(), __ATOMIC_RELEASE);
	__atomic_store_n(&c->started, 1, __ATOMIC_RELEASE);
	r = c->fn(c);
	__atomic_store_n(&c->ret, r, __ATOMIC_RELAXED);
	__atomic_store_n(&c->done, 1, __ATOMIC_RELEASE);
	return NULL;
}

static void start(struct call *c, long (*fn)(struct call *c), long arg)
{
	memset(c, 0, sizeof(*c));
	c->fn = fn;
	c->arg = arg;
	ck_assert_int_eq(pthread_create(&c->tid, NULL, call_main, c), 0);
}

/* Waits until @c's thread is about to make its call. */
static void wait_started(struct call *c)
{
	long long end = now_ns() + 2000 * MS;

	while (!__atomic_load_n(&c->started, __ATOMIC_ACQUIRE)) {
		ck_assert_msg(now_ns() < end, "the thread did not start");
		usleep(200);
	}
}

static int done(struct call *c)
{
	return __atomic_load_n(&c->done, __ATOMIC_ACQUIRE);
}

static long join(struct call *c)
{
	ck_assert_int_eq(pthread_join(c->tid, NULL), 0);
	return c->ret;
}

/* Sends SIGUSR1 to @c's thread every 2 ms until its call returned; the result. */
static long kick_until_done(struct call *c)
{
	long long end = now_ns() + 2000 * MS;

	while (!done(c)) {
		ck_assert_msg(now_ns() < end, "the wait was not interrupted");
		pthread_kill(c->tid, SIGUSR1);
		usleep(2000);
	}
	return join(c);
}

/* Sends @n signals to @c's thread, 2 ms apart. */
static void kick(struct call *c, int n)
{
	while (n--) {
		pthread_kill(c->tid, SIGUSR1);
		usleep(2000);
	}
}

/* ---- mutexes ------------------------------------------------------------------------- */

static long do_mutex_lock(struct call *c) { tsync_mutex_lock(); return 0; }
static long do_mutex_lock_unlock(struct call *c)
{
	tsync_mutex_lock();
	tsync_mutex_unlock();
	return 0;
}
static long do_mutex_lock_interruptible(struct call *c)
{
	long r = tsync_mutex_lock_interruptible();

	if (!r)
		tsync_mutex_unlock();
	return r;
}
static long do_mutex_lock_killable(struct call *c)
{
	long r = tsync_mutex_lock_killable();

	if (!r)
		tsync_mutex_unlock();
	return r;
}
static long do_mutex_trylock(struct call *c) { return tsync_mutex_trylock(); }
static long do_mutex_count(struct call *c) { tsync_mutex_count((int)c->arg); return 0; }

static int handoff_log[8], handoff_len;
static long do_mutex_log(struct call *c)
{
	tsync_mutex_lock();
	handoff_log[handoff_len++] = (int)c->arg;	/* under the mutex */
	usleep(5000);
	tsync_mutex_unlock();
	return 0;
}

START_TEST(test_mutex_define_mutex)
{
	ck_assert_int_eq(tsync_static_mutex_check(), 0);
}
END_TEST

START_TEST(test_mutex_trylock_and_is_locked)
{
	struct call c;

	tsync_mutex_init();
	ck_assert_int_eq(tsync_mutex_is_locked(), 0);
	ck_assert_int_eq(tsync_mutex_trylock(), 1);
	ck_assert_int_eq(tsync_mutex_is_locked(), 1);
	ck_assert_int_eq(tsync_mutex_trylock(), 0);
	start(&c, do_mutex_trylock, 0);
	ck_assert_int_eq(join(&c), 0);
	tsync_mutex_unlock();
	ck_assert_int_eq(tsync_mutex_is_locked(), 0);
	start(&c, do_mutex_lock_interruptible, 0);
	ck_assert_int_eq(join(&c), 0);
	start(&c, do_mutex_lock_killable, 0);
	ck_assert_int_eq(join(&c), 0);
	ck_assert_int_eq(tsync_mutex_is_locked(), 0);
	tsync_mutex_destroy();
}
END_TEST

START_TEST(test_mutex_contention)
{
	struct call c[4];
	int i;

	tsync_mutex_init();
	for (i = 0; i < 4; i++)
		start(&c[i], do_mutex_count, 20000);
	for (i = 0; i < 4; i++)
		join(&c[i]);
	ck_assert_int_eq(tsync_mutex_counter(), 80000);
	ck_assert_int_eq(tsync_mutex_is_locked(), 0);
	ck_assert_int_eq(tsync_mutex_waiters(), 0);
}
END_TEST

START_TEST(test_mutex_fifo_handoff)
{
	struct call c[3];
	int i;

	tsync_mutex_init();
	handoff_len = 0;
	tsync_mutex_lock();
	for (i = 0; i < 3; i++) {
		start(&c[i], do_mutex_log, i + 1);
		wait_for(tsync_mutex_waiters() == i + 1);
	}
	tsync_mutex_unlock();
	/* handed to the first waiter: never free while waiters queue */
	ck_assert_int_eq(tsync_mutex_trylock(), 0);
	ck_assert_int_eq(tsync_mutex_is_locked(), 1);
	for (i = 0; i < 3; i++)
		join(&c[i]);
	ck_assert_int_eq(handoff_len, 3);
	ck_assert_int_eq(handoff_log[0], 1);
	ck_assert_int_eq(handoff_log[1], 2);
	ck_assert_int_eq(handoff_log[2], 3);
	ck_assert_int_eq(tsync_mutex_is_locked(), 0);
	ck_assert_int_eq(tsync_mutex_waiters(), 0);
}
END_TEST

START_TEST(test_mutex_lock_interruptible_eintr)
{
	struct call c;

	tsync_mutex_init();
	tsync_mutex_lock();
	start(&c, do_mutex_lock_interruptible, 0);
	wait_for(tsync_mutex_waiters() == 1);
	ck_assert_int_eq(kick_until_done(&c), -EINTR);
	ck_assert_int_eq(tsync_mutex_waiters(), 0);
	ck_assert_int_eq(tsync_mutex_is_locked(), 1);	/* still ours */
	tsync_mutex_unlock();
	ck_assert_int_eq(tsync_mutex_is_locked(), 0);
	ck_assert_int_eq(tsync_mutex_trylock(), 1);
	tsync_mutex_unlock();
}
END_TEST

START_TEST(test_mutex_lock_signals_ignored)
{
	struct call c, k;

	tsync_mutex_init();
	tsync_mutex_lock();
	start(&c, do_mutex_lock_unlock, 0);
	start(&k, do_mutex_lock_killable, 0);
	wait_for(tsync_mutex_waiters() == 2);
	kick(&c, 5);
	kick(&k, 5);
	ck_assert_int_eq(done(&c), 0);
	ck_assert_int_eq(done(&k), 0);
	ck_assert_int_eq(tsync_mutex_waiters(), 2);
	tsync_mutex_unlock();
	ck_assert_int_eq(join(&c), 0);
	ck_assert_int_eq(join(&k), 0);
	ck_assert_int_eq(tsync_mutex_is_locked(), 0);
}
END_TEST

START_TEST(test_mutex_unlock_not_owner_warns)
{
	struct call c;

	tsync_mutex_init();
	start(&c, do_mutex_lock, 0);	/* locks and exits holding it */
	join(&c);
	ck_assert_int_eq(tsync_mutex_is_locked(), 1);
	tsync_mutex_unlock();
	ck_assert_int_eq(evlsim_report_count(EVLSIM_REPORT_WARN), 1);
	ck_assert_int_eq(tsync_mutex_is_locked(), 0);
	tsync_mutex_unlock();		/* not locked at all */
	ck_assert_int_eq(evlsim_report_count(EVLSIM_REPORT_WARN), 2);
	ck_assert_int_eq(tsync_mutex_is_locked(), 0);
	ck_assert_int_eq(evlsim_report_total(), 2);
	evlsim_reset_reports();
}
END_TEST

START_TEST(test_mutex_destroy_locked_warns)
{
	tsync_mutex_init();
	tsync_mutex_lock();
	tsync_mutex_destroy();
	ck_assert_int_eq(evlsim_report_count(EVLSIM_REPORT_WARN), 1);
	tsync_mutex_unlock();
	tsync_mutex_init();
	tsync_mutex_destroy();
	ck_assert_int_eq(evlsim_report_total(), 1);
	evlsim_reset_reports();
}
END_TEST

/* ---- semaphores ---------------------------------------------------------------------- */

static long do_down(struct call *c) { tsync_down(); return 0; }
static long do_down_interruptible(struct call *c) { return tsync_down_interruptible(); }
static long do_down_killable(struct call *c) { return tsync_down_killable(); }
static long do_down_timeout(struct call *c) { return tsync_down_timeout(c->arg); }

START_TEST(test_sema_define_semaphore)
{
	ck_assert_int_eq(tsync_static_sema_check(), 0);
}
END_TEST

START_TEST(test_sema_trylock_count)
{
	tsync_sema_init(2);
	ck_assert_int_eq(tsync_down_trylock(), 0);
	ck_assert_int_eq(tsync_down_trylock(), 0);
	ck_assert_int_eq(tsync_down_trylock(), 1);	/* 1 on failure */
	ck_assert_uint_eq(tsync_sema_count(), 0);
	tsync_up();
	ck_assert_uint_eq(tsync_sema_count(), 1);
	tsync_down();
	ck_assert_uint_eq(tsync_sema_count(), 0);
	tsync_up();
	ck_assert_int_eq(tsync_down_interruptible(), 0);
	tsync_up();
	ck_assert_int_eq(tsync_down_killable(), 0);
	tsync_up();
	ck_assert_int_eq(tsync_down_timeout(10), 0);
	ck_assert_uint_eq(tsync_sema_count(), 0);
}
END_TEST

START_TEST(test_sema_fifo_handoff)
{
	struct call c1, c2;

	tsync_sema_init(0);
	start(&c1, do_down, 0);
	wait_for(tsync_sema_waiters() == 1);
	start(&c2, do_down, 0);
	wait_for(tsync_sema_waiters() == 2);
	tsync_up();
	join(&c1);
	ck_assert_uint_eq(tsync_sema_count(), 0);	/* handed over, not counted */
	ck_assert_int_eq(tsync_sema_waiters(), 1);
	ck_assert_int_eq(done(&c2), 0);
	tsync_up();
	join(&c2);
	ck_assert_uint_eq(tsync_sema_count(), 0);
	ck_assert_int_eq(tsync_sema_waiters(), 0);
}
END_TEST

START_TEST(test_sema_down_interruptible_eintr)
{
	struct call c, k;

	tsync_sema_init(0);
	start(&c, do_down_interruptible, 0);
	start(&k, do_down_killable, 0);
	wait_for(tsync_sema_waiters() == 2);
	ck_assert_int_eq(kick_until_done(&c), -EINTR);
	kick(&k, 5);
	ck_assert_int_eq(done(&k), 0);		/* killable: not interrupted */
	ck_assert_int_eq(tsync_sema_waiters(), 1);
	tsync_up();
	ck_assert_int_eq(join(&k), 0);
	ck_assert_uint_eq(tsync_sema_count(), 0);
}
END_TEST

START_TEST(test_sema_down_timeout_etime)
{
	struct call c;
	long long t0;

	tsync_sema_init(0);
	t0 = now_ns();
	ck_assert_int_eq(tsync_down_timeout(20), -ETIME);
	ck_assert_int_ge(now_ns() - t0, 20 * MS);
	ck_assert_int_lt(now_ns() - t0, 500 * MS);
	ck_assert_int_eq(tsync_down_timeout(0), -ETIME);
	ck_assert_int_eq(tsync_sema_waiters(), 0);
	start(&c, do_down_timeout, 5000);
	wait_for(tsync_sema_waiters() == 1);
	tsync_up();
	ck_assert_int_eq(join(&c), 0);
	ck_assert_uint_eq(tsync_sema_count(), 0);
}
END_TEST

/* ---- tasks, kthreads, delays --------------------------------------------------------- */

START_TEST(test_current_fields)
{
	char name[16] = "";

	prctl(PR_SET_NAME, "tsync-main", 0, 0, 0);
	prctl(PR_GET_NAME, name, 0, 0, 0);
	ck_assert_int_eq(tsync_current_pid(), gettid());
	ck_assert_int_eq(tsync_current_tgid(), getpid());
	ck_assert_str_eq(tsync_current_comm(), name);
	ck_assert_ptr_eq(tsync_current(), tsync_current());
	ck_assert_int_eq(tsync_kthread_should_stop_outside(), 0);
}
END_TEST

START_TEST(test_kthread_run_stop)
{
	void *t = tsync_kthread_create(TSYNC_KT_SCHEDULE, 1);

	ck_assert_ptr_nonnull(t);
	wait_for(tsync_kthread_started() == 1);
	ck_assert_int_eq(tsync_kthread_self_pid(), tsync_task_pid(t));
	ck_assert_int_ne(tsync_task_pid(t), getpid());
	ck_assert_str_eq(tsync_kthread_self_comm(), "tsync/0");
	ck_assert_str_eq(tsync_task_comm(t), "tsync/0");
	/* asleep in schedule(): woken, it loops once and sleeps again */
	wait_for(tsync_wake_up_process(t) == 1);
	wait_for(tsync_kthread_loops() >= 1);
	ck_assert_int_eq(tsync_kthread_stop(t), 42);
}
END_TEST

START_TEST(test_kthread_create_never_woken)
{
	void *t = tsync_kthread_create(TSYNC_KT_SCHEDULE, 0);

	ck_assert_ptr_nonnull(t);
	ck_assert_int_gt(tsync_task_pid(t), 0);
	sleep_ms(20);
	ck_assert_int_eq(tsync_kthread_started(), 0);
	ck_assert_int_eq(tsync_kthread_stop(t), -EINTR);
	ck_assert_int_eq(tsync_kthread_started(), 0);
}
END_TEST

START_TEST(test_kthread_create_wake_stop_put)
{
	void *t = tsync_kthread_create(TSYNC_KT_SCHEDULE, 0);

	ck_assert_ptr_nonnull(t);
	tsync_get_task(t);
	ck_assert_int_eq(tsync_wake_up_process(t), 1);
	wait_for(tsync_kthread_started() == 1);
	ck_assert_int_eq(tsync_kthread_stop_put(t), 42);
}
END_TEST

START_TEST(test_kthread_stop_after_exit)
{
	void *t = tsync_kthread_create(TSYNC_KT_RETURN, 0);

	ck_assert_ptr_nonnull(t);
	tsync_get_task(t);		/* keeps the task once the thread exits */
	ck_assert_int_eq(tsync_wake_up_process(t), 1);
	wait_for(tsync_kthread_started() == 1);
	sleep_ms(10);
	ck_assert_int_eq(tsync_wake_up_process(t), 0);	/* dead: nothing to wake */
	ck_assert_int_eq(tsync_kthread_stop(t), 7);
	tsync_put_task(t);
}
END_TEST

START_TEST(test_kthread_stop_sleeping_loops)
{
	void *t = tsync_kthread_create(TSYNC_KT_MSLEEP, 1);
	long long t0;

	ck_assert_ptr_nonnull(t);
	wait_for(tsync_kthread_started() == 1);
	t0 = now_ns();
	ck_assert_int_eq(tsync_kthread_stop(t), 3);
	ck_assert_int_lt(now_ns() - t0, 200 * MS);

	t = tsync_kthread_create(TSYNC_KT_TIMEOUT, 1);
	ck_assert_ptr_nonnull(t);
	wait_for(tsync_kthread_started() == 1);
	ck_assert_int_eq(tsync_kthread_stop(t), 5);
}
END_TEST

START_TEST(test_kthread_leak_at_unload)
{
	ck_assert_int_eq(evlsim_load_module("tsync"), 0);
	ck_assert_int_eq(tsync_kthread_start_leaky(), 0);
	ck_assert_int_eq(evlsim_unload_module("tsync"), 0);
	ck_assert_int_eq(evlsim_report_count(EVLSIM_REPORT_LEAK), 1);
	ck_assert_int_eq(evlsim_report_total(), 1);
	wait_for(tsync_kthread_started() == 1);
	ck_assert_int_eq(tsync_kthread_stop_leaky(), 42);
	evlsim_reset_reports();
	/* a stopped kthread is not reported */
	ck_assert_int_eq(evlsim_load_module("tsync"), 0);
	ck_assert_int_eq(tsync_kthread_start_leaky(), 0);
	wait_for(tsync_kthread_started() == 1);	/* else kthread_stop() gives -EINTR */
	ck_assert_int_eq(tsync_kthread_stop_leaky(), 42);
	ck_assert_int_eq(evlsim_unload_module("tsync"), 0);
}
END_TEST

static long do_timeout_uninterruptible(struct call *c) { return tsync_schedule_timeout(0, c->arg); }
static long do_timeout_interruptible(struct call *c) { return tsync_schedule_timeout(1, c->arg); }
static long do_msleep_interruptible(struct call *c) { return tsync_msleep_interruptible(c->arg); }

START_TEST(test_schedule_timeout)
{
	struct call c;
	long long t0 = now_ns();

	ck_assert_int_eq(tsync_schedule_timeout(1, 20), 0);	/* elapsed */
	ck_assert_int_ge(now_ns() - t0, 20 * MS);

	/* woken early: the jiffies left */
	start(&c, do_timeout_uninterruptible, 5000);
	wait_started(&c);
	wait_for(tsync_wake_up_process(c.task) == 1);
	ck_assert_int_gt(join(&c), 3000);
	ck_assert_int_le(c.ret, 5000);

	/* TASK_INTERRUPTIBLE: a signal ends it */
	start(&c, do_timeout_interruptible, 5000);
	ck_assert_int_gt(kick_until_done(&c), 3000);
}
END_TEST

START_TEST(test_delays)
{
	struct call c;
	long long t0 = now_ns();

	tsync_msleep(20);
	ck_assert_int_ge(now_ns() - t0, 20 * MS);
	t0 = now_ns();
	ck_assert_int_eq(tsync_msleep_interruptible(10), 0);
	ck_assert_int_ge(now_ns() - t0, 10 * MS);
	t0 = now_ns();
	tsync_usleep_range(2000, 3000);
	ck_assert_int_ge(now_ns() - t0, 2 * MS);
	t0 = now_ns();
	tsync_udelay(200);
	ck_assert_int_ge(now_ns() - t0, 200000);
	t0 = now_ns();
	tsync_ndelay(50000);
	ck_assert_int_ge(now_ns() - t0, 50000);
	t0 = now_ns();
	tsync_mdelay(3);
	ck_assert_int_ge(now_ns() - t0, 3 * MS);
	t0 = now_ns();
	tsync_ssleep(0);
	ck_assert_int_lt(now_ns() - t0, 100 * MS);

	start(&c, do_msleep_interruptible, 5000);
	ck_assert_int_gt(kick_until_done(&c), 3000);
	ck_assert_int_le(c.ret, 5000);
}
END_TEST

/* ---- workqueues ---------------------------------------------------------------------- */

static long do_flush_work(struct call *c) { return tsync_flush_work((int)c->arg); }
static long do_cancel_work_sync(struct call *c) { return tsync_cancel_work_sync((int)c->arg); }

static void wq_setup(void)
{
	setup();
	tsync_work_reset();
	tsync_wq_use_system();
}

START_TEST(test_work_queued_twice_runs_once)
{
	ck_assert_int_eq(tsync_wq_alloc(1, 0), 0);
	tsync_work_config(1, 1, 0, -1, 0);	/* blocks the ordered queue */
	ck_assert_int_eq(tsync_queue_work(1), 1);
	wait_for(tsync_work_entered(1) == 1);
	ck_assert_int_eq(tsync_work_pending(1), 0);	/* cleared before it runs */
	ck_assert_int_eq(tsync_queue_work(0), 1);
	ck_assert_int_eq(tsync_queue_work(0), 0);
	ck_assert_int_eq(tsync_work_pending(0), 1);
	tsync_gate_open();
	tsync_flush_workqueue();
	ck_assert_int_eq(tsync_work_runs(0), 1);
	ck_assert_int_eq(tsync_work_runs(1), 1);
	ck_assert_int_eq(tsync_work_pending(0), 0);
	tsync_wq_destroy();
}
END_TEST

START_TEST(test_work_schedule_and_flush)
{
	struct call c;

	tsync_work_config(0, 1, 0, -1, 0);
	ck_assert_int_eq(tsync_schedule_work(0), 1);
	wait_for(tsync_work_entered(0) == 1);
	start(&c, do_flush_work, 0);
	wait_started(&c);
	sleep_ms(20);
	ck_assert_int_eq(done(&c), 0);		/* waits for the running instance */
	tsync_gate_open();
	ck_assert_int_eq(join(&c), 1);
	ck_assert_int_eq(tsync_work_runs(0), 1);
	ck_assert_int_eq(tsync_work_saw_current(0), 1);
	ck_assert_int_eq(tsync_flush_work(0), 0);	/* idle: nothing to wait for */
	ck_assert_int_eq(tsync_flush_work(5), 0);	/* never queued */
}
END_TEST

START_TEST(test_work_flush_waits_requeued)
{
	struct call c;

	ck_assert_int_eq(tsync_wq_alloc(1, 0), 0);
	tsync_work_config(0, 1, 0, -1, 0);
	ck_assert_int_eq(tsync_queue_work(0), 1);
	wait_for(tsync_work_entered(0) == 1);
	ck_assert_int_eq(tsync_queue_work(0), 1);	/* queued again while running */
	start(&c, do_flush_work, 0);
	wait_started(&c);
	sleep_ms(10);
	ck_assert_int_eq(done(&c), 0);
	tsync_gate_open();
	ck_assert_int_eq(join(&c), 1);
	ck_assert_int_eq(tsync_work_runs(0), 2);	/* both queueings */
	tsync_wq_destroy();
}
END_TEST

START_TEST(test_work_cancel)
{
	struct call c;

	ck_assert_int_eq(tsync_wq_alloc(1, 0), 0);
	tsync_work_config(1, 1, 0, -1, 0);
	ck_assert_int_eq(tsync_queue_work(1), 1);
	wait_for(tsync_work_entered(1) == 1);
	ck_assert_int_eq(tsync_queue_work(0), 1);
	ck_assert_int_eq(tsync_cancel_work_sync(0), 1);	/* was pending */
	ck_assert_int_eq(tsync_work_pending(0), 0);
	ck_assert_int_eq(tsync_cancel_work_sync(0), 0);
	ck_assert_int_eq(tsync_queue_work(2), 1);
	ck_assert_int_eq(tsync_cancel_work(2), 1);
	ck_assert_int_eq(tsync_cancel_work(2), 0);
	/* running, not pending: returns false once it finished */
	start(&c, do_cancel_work_sync, 1);
	wait_started(&c);
	sleep_ms(20);
	ck_assert_int_eq(done(&c), 0);
	tsync_gate_open();
	ck_assert_int_eq(join(&c), 0);
	ck_assert_int_eq(tsync_work_runs(1), 1);
	tsync_flush_workqueue();
	ck_assert_int_eq(tsync_work_runs(0), 0);
	ck_assert_int_eq(tsync_work_runs(2), 0);
	tsync_wq_destroy();
}
END_TEST

START_TEST(test_work_ordered_order)
{
	int log[16], i, n;

	ck_assert_int_eq(tsync_wq_alloc(1, 0), 0);
	tsync_work_config(0, 1, 0, -1, 0);
	for (i = 0; i < 6; i++)
		ck_assert_int_eq(tsync_queue_work(i), 1);
	wait_for(tsync_work_entered(0) == 1);
	sleep_ms(10);
	ck_assert_int_eq(tsync_work_entered(1), 0);	/* one at a time */
	tsync_gate_open();
	tsync_flush_workqueue();
	n = tsync_work_log(log, 16);
	ck_assert_int_eq(n, 6);
	for (i = 0; i < 6; i++)
		ck_assert_int_eq(log[i], i);
	ck_assert_int_eq(tsync_work_max_concurrency(), 1);
	tsync_wq_destroy();
}
END_TEST

START_TEST(test_work_max_active)
{
	int i;

	ck_assert_int_eq(tsync_wq_alloc(0, 4), 0);
	for (i = 0; i < 4; i++) {
		tsync_work_config(i, 1, 0, -1, 0);
		ck_assert_int_eq(tsync_queue_work(i), 1);
	}
	for (i = 0; i < 4; i++)
		wait_for(tsync_work_entered(i) == 1);	/* all four at once */
	tsync_gate_open();
	tsync_flush_workqueue();
	ck_assert_int_eq(tsync_work_max_concurrency(), 4);
	tsync_wq_destroy();

	tsync_work_reset();
	ck_assert_int_eq(tsync_wq_alloc(0, 2), 0);
	for (i = 0; i < 4; i++) {
		tsync_work_config(i, 1, 0, -1, 0);
		ck_assert_int_eq(tsync_queue_work(i), 1);
	}
	wait_for(tsync_work_entered(0) + tsync_work_entered(1) == 2);
	sleep_ms(20);
	ck_assert_int_eq(tsync_work_entered(2) + tsync_work_entered(3), 0);
	tsync_gate_open();
	tsync_flush_workqueue();
	ck_assert_int_eq(tsync_work_max_concurrency(), 2);
	for (i = 0; i < 4; i++)
		ck_assert_int_eq(tsync_work_runs(i), 1);
	tsync_wq_destroy();
}
END_TEST

START_TEST(test_work_destroy_drains)
{
	ck_assert_int_eq(tsync_wq_alloc(0, 0), 0);
	tsync_work_config(0, 0, 5, 1, 0);	/* 0 queues 1 */
	tsync_work_config(1, 0, 5, 2, 0);	/* 1 queues 2 */
	tsync_work_config(2, 0, 0, -1, 2);	/* 2 queues itself twice */
	tsync_work_config(3, 0, 10, -1, 0);
	ck_assert_int_eq(tsync_queue_work(0), 1);
	ck_assert_int_eq(tsync_queue_work(3), 1);
	tsync_wq_destroy();
	ck_assert_int_eq(tsync_work_runs(0), 1);
	ck_assert_int_eq(tsync_work_runs(1), 1);
	ck_assert_int_eq(tsync_work_runs(2), 3);
	ck_assert_int_eq(tsync_work_runs(3), 1);
}
END_TEST

START_TEST(test_work_flush_workqueue)
{
	int i;

	ck_assert_int_eq(tsync_wq_alloc(0, 2), 0);
	for (i = 0; i < 5; i++) {
		tsync_work_config(i, 0, 5, -1, 0);
		ck_assert_int_eq(tsync_queue_work(i), 1);
	}
	tsync_flush_workqueue();
	for (i = 0; i < 5; i++) {
		ck_assert_int_eq(tsync_work_runs(i), 1);
		ck_assert_int_eq(tsync_work_pending(i), 0);
	}
	tsync_wq_destroy();
}
END_TEST

START_TEST(test_delayed_work_runs_after_delay)
{
	long long t0 = now_ns();

	/* long enough for the flush below to come before the timer, whatever the load */
	ck_assert_int_eq(tsync_schedule_delayed(0, 300), 1);
	ck_assert_int_eq(tsync_delayed_pending(0), 1);
	ck_assert_int_eq(tsync_schedule_delayed(0, 300), 0);
	ck_assert_int_eq(tsync_flush_work(0), 0);	/* the timer runs: not queued yet */
	wait_for(tsync_work_runs(0) == 1);
	ck_assert_int_ge(tsync_work_ran_at(0) - t0, 300 * MS);
	ck_assert_int_eq(tsync_delayed_pending(0), 0);
	ck_assert_int_eq(tsync_queue_delayed(1, 0), 1);	/* no delay: queued at once */
	wait_for(tsync_work_runs(1) == 1);
}
END_TEST

START_TEST(test_delayed_work_cancel_flush_mod)
{
	long long t0;

	ck_assert_int_eq(tsync_queue_delayed(0, 10000), 1);
	ck_assert_int_eq(tsync_cancel_delayed(0), 1);
	ck_assert_int_eq(tsync_delayed_pending(0), 0);
	ck_assert_int_eq(tsync_cancel_delayed(0), 0);
	ck_assert_int_eq(tsync_queue_delayed(0, 10000), 1);
	ck_assert_int_eq(tsync_cancel_delayed_sync(0), 1);
	ck_assert_int_eq(tsync_cancel_delayed_sync(0), 0);

	t0 = now_ns();
	ck_assert_int_eq(tsync_queue_delayed(1, 10000), 1);
	ck_assert_int_eq(tsync_flush_delayed(1), 1);	/* runs it now */
	ck_assert_int_eq(tsync_work_runs(1), 1);
	ck_assert_int_lt(now_ns() - t0, 1000 * MS);
	ck_assert_int_eq(tsync_flush_delayed(1), 0);

	ck_assert_int_eq(tsync_queue_delayed(2, 10000), 1);
	ck_assert_int_eq(tsync_mod_delayed(2, 10), 1);	/* was pending */
	wait_for(tsync_work_runs(2) == 1);
	ck_assert_int_eq(tsync_mod_delayed(3, 1), 0);	/* was idle */
	wait_for(tsync_work_runs(3) == 1);
	sleep_ms(20);
	ck_assert_int_eq(tsync_work_runs(0), 0);
}
END_TEST

START_TEST(test_delayed_work_expiry_order)
{
	long long start, span;
	int log[8];

	/* queued latest first, 200 ms apart */
	ck_assert_int_eq(tsync_wq_alloc(1, 0), 0);
	start = now_ns();
	ck_assert_int_eq(tsync_queue_delayed(2, 600), 1);
	ck_assert_int_eq(tsync_queue_delayed(1, 400), 1);
	ck_assert_int_eq(tsync_queue_delayed(0, 200), 1);
	span = now_ns() - start;
	wait_for(tsync_work_runs(0) == 1 && tsync_work_runs(1) == 1 && tsync_work_runs(2) == 1);
	ck_assert_int_eq(tsync_work_log(log, 8), 3);
	/*
	 * The expiry order is known when queueing took less than the spacing (it takes
	 * microseconds; on a machine so loaded that it took more, the dates overlap and
	 * only the runs are checked, as said in the log)
	 */
	if (span < 200000000LL) {
		ck_assert_int_eq(log[0], 0);
		ck_assert_int_eq(log[1], 1);
		ck_assert_int_eq(log[2], 2);
	} else {
		fprintf(stderr, "test_delayed_work_expiry_order: queueing took %lld ms, order not checked\n",
			span / 1000000);
	}
	tsync_wq_destroy();
}
END_TEST

START_TEST(test_work_leak_at_unload)
{
	ck_assert_int_eq(evlsim_load_module("tsync"), 0);
	ck_assert_int_eq(tsync_work_leak(), 1);
	ck_assert_int_eq(evlsim_unload_module("tsync"), 0);
	ck_assert_int_eq(evlsim_report_count(EVLSIM_REPORT_LEAK), 1);
	ck_assert_int_eq(evlsim_report_total(), 1);
	evlsim_reset_reports();
	/* cancelled by the simulator: can be queued again */
	ck_assert_int_eq(evlsim_load_module("tsync"), 0);
	ck_assert_int_eq(tsync_work_leak(), 1);
	ck_assert_int_eq(evlsim_unload_module("tsync"), 0);
	ck_assert_int_eq(evlsim_report_count(EVLSIM_REPORT_LEAK), 1);
	evlsim_reset_reports();
}
END_TEST

/* ---- RCU ----------------------------------------------------------------------------- */

static int reader_release;
static long do_rcu_reader(struct call *c)
{
	tsync_rcu_read_lock();
	__atomic_store_n(&c->arg, 1, __ATOMIC_RELEASE);
	while (!__atomic_load_n(&reader_release, __ATOMIC_ACQUIRE))
		usleep(200);
	tsync_rcu_read_unlock();
	return 0;
}
static long do_synchronize_rcu(struct call *c) { tsync_synchronize_rcu(); return 0; }

START_TEST(test_rcu_pointers)
{
	ck_assert_int_eq(tsync_rcu_is_null(), 1);
	ck_assert_int_eq(tsync_rcu_read(), -1);
	tsync_rcu_publish(5);
	ck_assert_int_eq(tsync_rcu_is_null(), 0);
	tsync_rcu_read_lock();		/* nests with the simulator's own sections */
	ck_assert_int_eq(tsync_rcu_read(), 5);
	tsync_rcu_read_unlock();
	tsync_rcu_clear();
	ck_assert_int_eq(tsync_rcu_is_null(), 1);
	ck_assert_int_eq(tsync_rcu_read(), -1);
}
END_TEST

START_TEST(test_synchronize_rcu_waits_for_readers)
{
	struct call s;

	tsync_rcu_read_lock();
	start(&s, do_synchronize_rcu, 0);
	wait_started(&s);
	sleep_ms(30);
	ck_assert_int_eq(done(&s), 0);
	tsync_rcu_read_unlock();
	join(&s);
}
END_TEST

START_TEST(test_call_rcu_after_grace_period)
{
	struct call r;
	int log[4];

	tsync_rcu_barrier();		/* nothing queued: returns at once */
	reader_release = 0;
	start(&r, do_rcu_reader, 0);
	wait_for(__atomic_load_n(&r.arg, __ATOMIC_ACQUIRE) == 1);
	tsync_call_rcu(1);
	tsync_call_rcu(2);
	sleep_ms(30);
	ck_assert_int_eq(tsync_rcu_cb_count(), 0);	/* a reader is still inside */
	__atomic_store_n(&reader_release, 1, __ATOMIC_RELEASE);
	join(&r);
	tsync_rcu_barrier();
	ck_assert_int_eq(tsync_rcu_cb_log(log, 4), 2);
	ck_assert_int_eq(log[0], 1);
	ck_assert_int_eq(log[1], 2);
	tsync_call_rcu(3);
	tsync_rcu_barrier();
	ck_assert_int_eq(tsync_rcu_cb_count(), 3);
	assert_no_leaks();		/* the callbacks freed their objects */
}
END_TEST

START_TEST(test_kfree_rcu_forms)
{
	int i;

	tsync_rcu_publish(1);
	tsync_rcu_replace_kfree(2);
	ck_assert_int_eq(tsync_rcu_read(), 2);
	tsync_rcu_replace_mightsleep(3);
	ck_assert_int_eq(tsync_rcu_read(), 3);
	tsync_rcu_replace_kvfree(4);
	ck_assert_int_eq(tsync_rcu_read(), 4);
	/* many, so that LeakSanitizer sees a leak past stale pointers on thread stacks */
	for (i = 5; i < 69; i++)
		tsync_rcu_replace_kfree(i);
	ck_assert_int_eq(tsync_rcu_read(), 68);
	tsync_rcu_clear();
	tsync_rcu_barrier();
	ck_assert_int_eq(tsync_rcu_cb_count(), 0);
	assert_no_leaks();		/* every object was freed */
}
END_TEST

/* ---- suite --------------------------------------------------------------------------- */

static Suite *inband_sync_suite(void)
{
	Suite *s = suite_create("inband_sync");
	TCase *tc;

	evlsim_check_fixture(setup, NULL);
	tc = tcase("mutex");
	tcase_add_test(tc, test_mutex_define_mutex);
	tcase_add_test(tc, test_mutex_trylock_and_is_locked);
	tcase_add_test(tc, test_mutex_contention);
	tcase_add_test(tc, test_mutex_fifo_handoff);
	tcase_add_test(tc, test_mutex_lock_interruptible_eintr);
	tcase_add_test(tc, test_mutex_lock_signals_ignored);
	tcase_add_test(tc, test_mutex_unlock_not_owner_warns);
	tcase_add_test(tc, test_mutex_destroy_locked_warns);
	suite_add_tcase(s, tc);

	tc = tcase("semaphore");
	tcase_add_test(tc, test_sema_define_semaphore);
	tcase_add_test(tc, test_sema_trylock_count);
	tcase_add_test(tc, test_sema_fifo_handoff);
	tcase_add_test(tc, test_sema_down_interruptible_eintr);
	tcase_add_test(tc, test_sema_down_timeout_etime);
	suite_add_tcase(s, tc);

	tc = tcase("kthread");
	tcase_add_test(tc, test_current_fields);
	tcase_add_test(tc, test_kthread_run_stop);
	tcase_add_test(tc, test_kthread_create_never_woken);
	tcase_add_test(tc, test_kthread_create_wake_stop_put);
	tcase_add_test(tc, test_kthread_stop_after_exit);
	tcase_add_test(tc, test_kthread_stop_sleeping_loops);
	tcase_add_test(tc, test_kthread_leak_at_unload);
	tcase_add_test(tc, test_schedule_timeout);
	tcase_add_test(tc, test_delays);
	suite_add_tcase(s, tc);

	tc = tcase_create("workqueue");
	tcase_add_checked_fixture(tc, wq_setup, evlsim_check_teardown);
	tcase_add_test(tc, test_work_queued_twice_runs_once);
	tcase_add_test(tc, test_work_schedule_and_flush);
	tcase_add_test(tc, test_work_flush_waits_requeued);
	tcase_add_test(tc, test_work_cancel);
	tcase_add_test(tc, test_work_ordered_order);
	tcase_add_test(tc, test_work_max_active);
	tcase_add_test(tc, test_work_destroy_drains);
	tcase_add_test(tc, test_work_flush_workqueue);
	tcase_add_test(tc, test_delayed_work_runs_after_delay);
	tcase_add_test(tc, test_delayed_work_cancel_flush_mod);
	tcase_add_test(tc, test_delayed_work_expiry_order);
	tcase_add_test(tc, test_work_leak_at_unload);
	suite_add_tcase(s, tc);

	tc = tcase("rcu");
	tcase_add_test(tc, test_rcu_pointers);
	tcase_add_test(tc, test_synchronize_rcu_waits_for_readers);
	tcase_add_test(tc, test_call_rcu_after_grace_period);
	tcase_add_test(tc, test_kfree_rcu_forms);
	suite_add_tcase(s, tc);

	return s;
}

int main(void)
{
	return evlsim_check_run(inband_sync_suite());
}
