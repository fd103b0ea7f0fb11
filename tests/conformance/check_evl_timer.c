// SPDX-License-Identifier: MIT
/*
 * check_evl_timer: EVL timers (spec 5.9), EVL kthreads and periodic mode (5.10), irq_work
 * and in-band offloading (5.11), the stage exclusion lock (5.6) and the EVL heap (5.13),
 * and the __u64 user pointers of 5.12, through the tkthread test driver (tests/drivers/tkthread-abi.h).
 *
 * Timing assertions only ever say "not before" and "in this order": a timer never fires
 * before its date, handlers run in expiry order (FIFO among equal dates), a periodic
 * timer's n-th tick is not before start + n * interval. Counts are exact where the driver
 * makes them so (a periodic timer stopping itself after five ticks fires five times).
 * Waits for asynchronous events poll the driver's records, with a generous deadline.
 */
#define _GNU_SOURCE
#include <errno.h>
#include <fcntl.h>
#include <pthread.h>
#include <stdatomic.h>
#include <string.h>
#include <sys/ioctl.h>
#include <time.h>
#include <unistd.h>
#include <evl/evl.h>
#include <evlsim/evlsim.h>
#include "evlsim-check.h"
#include "../drivers/tkthread-abi.h"

#define TKT_DEV		"/dev/tkthread"
#define MS		1000000LL
#define WAIT_LIMIT	(10000 * MS)	/* for events that take milliseconds */

#define wait_until(cond)	wait_until_ns(cond, WAIT_LIMIT, 1000)

#define OBS_ALL	(TKT_OBS_CURRENT | TKT_OBS_OOB | TKT_OBS_HARDIRQS_OFF | TKT_OBS_NOSLEEP)

/* ---- timers ---------------------------------------------------------------------------- */

START_TEST(test_timer_oneshot_order)
{
	static const long long delay[3] = { 60 * MS, 20 * MS, 40 * MS };
	long long now = tkt_now(), value[3];
	int log[8], i;

	for (i = 0; i < 3; i++) {
		tkt_timer_setup(i, 0);
		value[i] = now + delay[i];
		tkt_timer_start(i, value[i], 0);
		ck_assert_int_eq(tkt_timer_running(i), 1);
		ck_assert_int_eq(tkt_timer_date(i), value[i]);
	}
	wait_until(tkt_timer_fired(0) && tkt_timer_fired(1) && tkt_timer_fired(2));
	ck_assert_int_eq(tkt_fire_log(log, 8), 3);
	ck_assert_int_eq(log[0], 1);
	ck_assert_int_eq(log[1], 2);
	ck_assert_int_eq(log[2], 0);
	for (i = 0; i < 3; i++) {
		ck_assert_int_eq(tkt_timer_fired(i), 1);
		ck_assert_msg(tkt_timer_fire_time(i, 0) >= value[i],
			      "timer %d fired %lld ns early", i, value[i] - tkt_timer_fire_time(i, 0));
		ck_assert_int_eq(tkt_timer_running(i), 0);
		ck_assert_int_eq(tkt_timer_date(i), 0);	/* EVL_INFINITE */
		ck_assert_int_eq(tkt_timer_observed(i), OBS_ALL);
		tkt_timer_destroy(i);
	}
}
END_TEST

START_TEST(test_timer_same_date_fifo)
{
	long long value = tkt_now() + 10 * MS;
	int log[8], i;

	for (i = 0; i < 4; i++) {
		tkt_timer_setup(i, 0);
		tkt_timer_start(i, value, 0);
	}
	wait_until(tkt_timer_fired(3));
	wait_until(tkt_fire_log(log, 8) == 4);
	for (i = 0; i < 4; i++) {
		ck_assert_int_eq(log[i], i);
		ck_assert(tkt_timer_fire_time(i, 0) >= value);
	}
}
END_TEST

START_TEST(test_timer_past_date_fires_at_once)
{
	long long value = tkt_now() - MS;

	tkt_timer_setup(0, 0);
	tkt_timer_start(0, value, 0);
	wait_until(tkt_timer_fired(0) == 1);
	ck_assert(tkt_timer_fire_time(0, 0) >= value);
	ck_assert_int_eq(tkt_timer_running(0), 0);
}
END_TEST

START_TEST(test_timer_periodic_count)
{
	long long interval = 5 * MS, start = tkt_now() + 50 * MS;
	int k;

	tkt_timer_setup(0, 5);		/* the handler stops it at its 5th tick */
	tkt_timer_start(0, start, interval);
	ck_assert_int_eq(tkt_timer_running(0), 1);
	ck_assert_int_eq(tkt_timer_date(0), start);
	wait_until(!tkt_timer_running(0));
	sleep_ms(30);
	ck_assert_int_eq(tkt_timer_fired(0), 5);
	for (k = 0; k < 5; k++) {
		ck_assert_msg(tkt_timer_fire_time(0, k) >= start + k * interval,
			      "tick %d early by %lld ns", k,
			      start + k * interval - tkt_timer_fire_time(0, k));
		if (k)
			ck_assert(tkt_timer_fire_time(0, k) > tkt_timer_fire_time(0, k - 1));
	}
	ck_assert_int_eq(tkt_timer_observed(0), OBS_ALL);
}
END_TEST

START_TEST(test_timer_stop_and_restart)
{
	long long value;

	tkt_timer_setup(0, 0);
	tkt_timer_stop(0);			/* not running: no effect */
	ck_assert_int_eq(tkt_timer_running(0), 0);
	value = tkt_now() + 100 * MS;
	tkt_timer_start(0, value, 0);
	tkt_timer_stop(0);
	ck_assert_int_eq(tkt_timer_running(0), 0);
	ck_assert_int_eq(tkt_timer_date(0), 0);
	while (tkt_now() < value + 20 * MS)	/* well past its date */
		sleep_ms(5);
	ck_assert_int_eq(tkt_timer_fired(0), 0);

	/* restarting an armed timer moves it */
	tkt_timer_start(0, tkt_now() + 3600000 * MS, 0);
	value = tkt_now() + 30 * MS;
	tkt_timer_start(0, value, 0);
	ck_assert_int_eq(tkt_timer_date(0), value);
	wait_until(tkt_timer_fired(0) == 1);
	ck_assert(tkt_timer_fire_time(0, 0) >= value);
	ck_assert_int_eq(tkt_timer_running(0), 0);
}
END_TEST

START_TEST(test_timer_destroy_periodic)
{
	int count;

	tkt_timer_setup(0, 0);
	tkt_timer_start(0, tkt_now() + 2 * MS, 2 * MS);
	wait_until(tkt_timer_fired(0) >= 3);
	tkt_timer_destroy(0);		/* returns once no handler of it runs */
	count = tkt_timer_fired(0);
	ck_assert_int_eq(tkt_timer_running(0), 0);
	sleep_ms(20);
	ck_assert_int_eq(tkt_timer_fired(0), count);
}
END_TEST

/* ---- kthreads -------------------------------------------------------------------------- */

static struct tkt_kt_result stop_and_collect(int slot)
{
	struct tkt_kt_result r;

	tkt_kthread_stop(slot);
	tkt_kthread_result(slot, &r);
	/* the body spins 2 ms before its last store: stop waited for it */
	ck_assert_int_eq(r.returned, 1);
	return r;
}

START_TEST(test_kthread_start_stop)
{
	struct tkt_kt_result r;

	ck_assert_ret(tkt_kthread_start(0, TKT_KT_LOOP, 7, EVL_CLONE_PUBLIC, "tkt-loop"), 0);
	sleep_ms(20);
	r = stop_and_collect(0);
	ck_assert_int_eq(r.started, 1);
	ck_assert_int_eq(r.current_ok, 1);
	ck_assert_int_eq(r.oob, 1);
	ck_assert_int_eq(r.wprio, 7);
	ck_assert_str_eq(r.name, "tkt-loop");
	ck_assert(r.loops >= 1);
	ck_assert_msg(r.ret[0] == 0 || r.ret[0] == -EINTR, "evl_sleep: %d", r.ret[0]);

	/* the public name is free again */
	ck_assert_ret(tkt_kthread_start(0, TKT_KT_LOOP, 0, EVL_CLONE_PUBLIC, "tkt-loop"), 0);
	stop_and_collect(0);
}
END_TEST

START_TEST(test_kthread_stop_breaks_waits)
{
	struct tkt_kt_result r;

	ck_assert_ret(tkt_kthread_start(0, TKT_KT_WAIT, 1, EVL_CLONE_PRIVATE, "tkt-wait"), 0);
	sleep_ms(20);
	r = stop_and_collect(0);
	ck_assert_int_eq(r.ret[0], -EINTR);
	ck_assert_int_eq(r.ret[1], 1);		/* evl_kthread_should_stop() */
	ck_assert_int_eq(r.ret[2], -EINTR);	/* and every later wait */
}
END_TEST

START_TEST(test_kthread_returned_then_stopped)
{
	ck_assert_ret(tkt_kthread_start(0, TKT_KT_RETURN, 1, EVL_CLONE_PRIVATE, "tkt-ret"), 0);
	sleep_ms(10);
	stop_and_collect(0);
}
END_TEST

START_TEST(test_kthread_errors)
{
	char longname[300];

	memset(longname, 'k', sizeof(longname) - 1);
	longname[sizeof(longname) - 1] = '\0';
	ck_assert_ret(tkt_kthread_start(1, TKT_KT_LOOP, -1, 0, "tkt-bad"), -EINVAL);
	ck_assert_ret(tkt_kthread_start(1, TKT_KT_LOOP, 102, 0, "tkt-bad"), -EINVAL);
	ck_assert_ret(tkt_kthread_start(1, TKT_KT_LOOP, 1, EVL_CLONE_NONBLOCK, "tkt-bad"),
		      -EINVAL);
	ck_assert_ret(tkt_kthread_start(1, TKT_KT_LOOP, 1, 0, "tkt/bad"), -EINVAL);
	ck_assert_ret(tkt_kthread_start(1, TKT_KT_LOOP, 1, 0, longname), -ENAMETOOLONG);

	ck_assert_ret(tkt_kthread_start(0, TKT_KT_LOOP, 1, EVL_CLONE_PUBLIC, "tkt-dup"), 0);
	ck_assert_ret(tkt_kthread_start(1, TKT_KT_LOOP, 1, EVL_CLONE_PUBLIC, "tkt-dup"),
		      -EEXIST);
	/* private names may repeat */
	ck_assert_ret(tkt_kthread_start(1, TKT_KT_LOOP, 1, EVL_CLONE_PRIVATE, "tkt-dup"), 0);
	stop_and_collect(1);
	stop_and_collect(0);
}
END_TEST

START_TEST(test_kthread_periodic)
{
	const long long period = TKT_PERIOD_NS;
	struct tkt_kt_result r;

	ck_assert_ret(tkt_kthread_start(0, TKT_KT_PERIODIC, 50, 0, "tkt-periodic"), 0);
	wait_until(tkt_kthread_done(0));
	r = stop_and_collect(0);
	ck_assert_int_eq(r.ret[0], -EAGAIN);		/* not periodic yet */
	ck_assert_int_eq(r.ret[1], 0);
	ck_assert_int_eq(r.ret[2], 0);			/* first release, one period on */
	ck_assert_uint_eq(r.overruns[0], 0);
	ck_assert(r.t[1] >= r.t[0] + period);
	ck_assert_int_eq(r.ret[3], -ETIMEDOUT);	/* slept 3.5 periods */
	ck_assert_msg(r.overruns[1] >= 2, "overruns %lu", r.overruns[1]);
	ck_assert_int_eq(r.ret[4], 0);			/* back on track */
	ck_assert_uint_eq(r.overruns[2], 0);
	ck_assert(r.t[3] > r.t[2]);
	ck_assert_int_eq(r.ret[5], 0);			/* periodic mode off */
	ck_assert_int_eq(r.ret[6], -EAGAIN);
}
END_TEST

START_TEST(test_kthread_sleep_until)
{
	struct tkt_kt_result r;

	ck_assert_ret(tkt_kthread_start(0, TKT_KT_SLEEP_UNTIL, 1, 0, "tkt-sleep"), 0);
	wait_until(tkt_kthread_done(0));
	sleep_ms(10);
	r = stop_and_collect(0);
	ck_assert_int_eq(r.ret[0], 0);		/* a date past: at once */
	ck_assert_int_eq(r.ret[1], 0);
	ck_assert(r.t[3] >= r.t[2]);		/* not before the date */
	ck_assert_int_eq(r.ret[2], -EINTR);	/* broken by the stop, 60 s early */
	ck_assert(r.t[4] - r.t[3] < 60000 * MS);
}
END_TEST

START_TEST(test_sleep_needs_oob)
{
	int fd = open_node(TKT_DEV, O_RDWR);

	ck_assert_fails(ioctl(fd, TKT_IOC_SLEEP), EPERM);	/* not an EVL thread */
	attach_as("tkt-sleeper");
	ck_assert_fails(ioctl(fd, TKT_IOC_SLEEP), EPERM);	/* in-band */
	ck_assert_call(oob_ioctl(fd, TKT_IOC_SLEEP), 0);
	ck_assert_call(close(fd), 0);
}
END_TEST

/* ---- irq_work and in-band offloading -------------------------------------------------- */

static void queue_twice_while_pending(int oob)
{
	int fd = open_node(TKT_DEV, O_RDWR), inband, after;

	tkt_irq_gate_close();		/* the worker is busy: the work stays pending */
	if (oob) {
		ck_assert_call(oob_ioctl(fd, TKT_IOC_IRQ_WORK2), 5);	/* queued, pending, oob */
		/* the direct calls into the driver below stand for in-band syscalls */
		ck_assert_call(evl_switch_inband(), 0);
	} else
		ck_assert_call(ioctl(fd, TKT_IOC_IRQ_WORK2), 4);	/* queued, pending */
	ck_assert_int_eq(tkt_irq_runs(&inband, &after), 0);
	tkt_irq_gate_open();
	tkt_irq_sync();
	ck_assert_int_eq(tkt_irq_runs(&inband, &after), 1);
	ck_assert_int_eq(inband, 1);	/* in-band, not an EVL thread */
	ck_assert_int_eq(after, 1);
	ck_assert_call(close(fd), 0);
}

START_TEST(test_irq_work_from_oob)
{
	attach_as("tkt-irqwork");
	queue_twice_while_pending(1);
	queue_twice_while_pending(1);	/* free again once run */
}
END_TEST

START_TEST(test_irq_work_from_inband)
{
	queue_twice_while_pending(0);
}
END_TEST

START_TEST(test_call_inband_sync)
{
	int fd = open_node(TKT_DEV, O_RDWR);

	ck_assert_call(ioctl(fd, TKT_IOC_CALL_SYNC), 42);
	attach_as("tkt-callsync");
	ck_assert_call(oob_ioctl(fd, TKT_IOC_CALL_SYNC), 42);
	ck_assert_call(close(fd), 0);
}
END_TEST

/* ---- stax ------------------------------------------------------------------------------ */

struct locker {
	pthread_t tid;
	int fd;
	int oob;			/* attach and lock from oob */
	const char *name;
	atomic_int state;		/* 1 locked (or failed), 2 told to unlock, 3 unlocked */
	int ret, err;
	int hold;			/* wait for state 2, then unlock */
};

static void *locker_fn(void *arg)
{
	struct locker *l = arg;

	if (l->oob)
		attach_as(l->name);
	errno = 0;
	l->ret = l->oob ? oob_ioctl(l->fd, TKT_IOC_STAX_LOCK) : ioctl(l->fd, TKT_IOC_STAX_LOCK);
	l->err = errno;
	atomic_store(&l->state, 1);
	if (l->hold && !l->ret) {
		while (atomic_load(&l->state) != 2)
			sleep_ms(1);
		if (l->oob)
			oob_ioctl(l->fd, TKT_IOC_STAX_UNLOCK);
		else
			ioctl(l->fd, TKT_IOC_STAX_UNLOCK);
		atomic_store(&l->state, 3);
	}
	return NULL;
}

static void start_locker(struct locker *l, int fd, int oob, int hold, const char *name)
{
	memset(l, 0, sizeof(*l));
	l->fd = fd;
	l->oob = oob;
	l->hold = hold;
	l->name = name;
	ck_assert_int_eq(pthread_create(&l->tid, NULL, locker_fn, l), 0);
}

static void oob_trylock_from_thread(int fd, int expect_errno);

START_TEST(test_stax_oob_excludes_inband)
{
	int fd = open_node(TKT_DEV, O_RDWR);
	struct locker a, b;

	start_locker(&a, fd, 1, 1, "tkt-stax-a");	/* oob holder */
	wait_until(atomic_load(&a.state) == 1);
	ck_assert_int_eq(a.ret, 0);
	ck_assert_fails(ioctl(fd, TKT_IOC_STAX_TRYLOCK), EAGAIN);	/* oob owns it */

	start_locker(&b, fd, 0, 0, NULL);		/* in-band: must wait */
	sleep_ms(30);
	ck_assert_int_eq(atomic_load(&b.state), 0);
	atomic_store(&a.state, 2);
	ck_assert_int_eq(pthread_join(a.tid, NULL), 0);
	ck_assert_int_eq(pthread_join(b.tid, NULL), 0);
	ck_assert_int_eq(b.ret, 0);			/* in-band owns it now (b's hold) */

	ck_assert_call(ioctl(fd, TKT_IOC_STAX_TRYLOCK), 0);	/* in-band shares it */
	ck_assert_call(ioctl(fd, TKT_IOC_STAX_UNLOCK), 0);
	oob_trylock_from_thread(fd, EAGAIN);			/* in-band owns it */
	ck_assert_call(ioctl(fd, TKT_IOC_STAX_UNLOCK), 0);	/* b's hold */
	oob_trylock_from_thread(fd, 0);
	ck_assert_int_eq(tkt_stax_violations(), 0);
	ck_assert_call(close(fd), 0);
}
END_TEST

struct trylocker {
	int fd, ret, err;
};

static void *oob_trylock_fn(void *arg)
{
	struct trylocker *t = arg;

	attach_as("tkt-stax-try");
	errno = 0;
	t->ret = oob_ioctl(t->fd, TKT_IOC_STAX_TRYLOCK);
	t->err = errno;
	if (!t->ret)
		oob_ioctl(t->fd, TKT_IOC_STAX_UNLOCK);
	return NULL;
}

static void oob_trylock_from_thread(int fd, int expect_errno)
{
	struct trylocker t = { .fd = fd };
	pthread_t tid;

	ck_assert_int_eq(pthread_create(&tid, NULL, oob_trylock_fn, &t), 0);
	ck_assert_int_eq(pthread_join(tid, NULL), 0);
	if (expect_errno)
		ck_assert_msg(t.ret == -1 && t.err == expect_errno, "oob trylock: %d/%s",
			      t.ret, strerror(t.err));
	else
		ck_assert_int_eq(t.ret, 0);
}

START_TEST(test_stax_inband_excludes_oob)
{
	int fd = open_node(TKT_DEV, O_RDWR);
	struct locker a;

	ck_assert_call(ioctl(fd, TKT_IOC_STAX_LOCK), 0);	/* in-band holder */
	start_locker(&a, fd, 1, 1, "tkt-stax-oob");		/* oob: must wait */
	sleep_ms(30);
	ck_assert_int_eq(atomic_load(&a.state), 0);
	ck_assert_call(ioctl(fd, TKT_IOC_STAX_UNLOCK), 0);
	wait_until(atomic_load(&a.state) == 1);
	ck_assert_int_eq(a.ret, 0);
	ck_assert_fails(ioctl(fd, TKT_IOC_STAX_TRYLOCK), EAGAIN);
	atomic_store(&a.state, 2);
	ck_assert_int_eq(pthread_join(a.tid, NULL), 0);
	ck_assert_int_eq(tkt_stax_violations(), 0);
	ck_assert_call(close(fd), 0);
}
END_TEST

START_TEST(test_stax_oob_shared)
{
	int fd = open_node(TKT_DEV, O_RDWR);

	attach_as("tkt-stax-shared");
	ck_assert_call(oob_ioctl(fd, TKT_IOC_STAX_LOCK), 0);
	ck_assert_call(oob_ioctl(fd, TKT_IOC_STAX_LOCK), 0);	/* oob holders share it */
	ck_assert_call(oob_ioctl(fd, TKT_IOC_STAX_TRYLOCK), 0);
	ck_assert_call(oob_ioctl(fd, TKT_IOC_STAX_UNLOCK), 0);
	ck_assert_call(oob_ioctl(fd, TKT_IOC_STAX_UNLOCK), 0);
	ck_assert_call(oob_ioctl(fd, TKT_IOC_STAX_UNLOCK), 0);
	ck_assert_call(ioctl(fd, TKT_IOC_STAX_TRYLOCK), 0);	/* free: in-band takes it */
	ck_assert_call(ioctl(fd, TKT_IOC_STAX_UNLOCK), 0);
	ck_assert_int_eq(tkt_stax_violations(), 0);
	ck_assert_call(close(fd), 0);
}
END_TEST

/* ---- heap ------------------------------------------------------------------------------ */

START_TEST(test_evl_alloc)
{
	int fd = open_node(TKT_DEV, O_RDWR);

	ck_assert_call(ioctl(fd, TKT_IOC_ALLOC), 0);
	attach_as("tkt-alloc");
	ck_assert_call(oob_ioctl(fd, TKT_IOC_ALLOC), 0);
	ck_assert_call(close(fd), 0);
}
END_TEST

START_TEST(test_user_ptr64)
{
	int fd = open_node(TKT_DEV, O_RDWR);
	long long date = 0;
	__u64 ptr = (__u64)(unsigned long)&date, bad = 0;

	attach_as("tkt-ptr64");
	ck_assert_call(oob_ioctl(fd, TKT_IOC_NOW64, &ptr), 0);
	ck_assert(date > 0);
	ck_assert_fails(oob_ioctl(fd, TKT_IOC_NOW64, &bad), EFAULT);
	ck_assert_fails(oob_ioctl(fd, TKT_IOC_NOW64, NULL), EFAULT);
	ck_assert_call(close(fd), 0);
}
END_TEST

/* ---- leaks at unload ------------------------------------------------------------------- */

START_TEST(test_unload_stops_cleanly)
{
	ck_assert_ret(evlsim_unload_module("tkthread"), 0);
	ck_assert_ret(evlsim_load_module("tkthread init_timer=1 init_kthread=1"), 0);
	sleep_ms(20);
	ck_assert_ret(evlsim_unload_module("tkthread"), 0);
	ck_assert_uint_eq(evlsim_report_count(EVLSIM_REPORT_LEAK), 0);
	ck_assert_ret(evlsim_load_module("tkthread"), 0);
}
END_TEST

START_TEST(test_unload_leaks_init_timer_kthread)
{
	ck_assert_ret(evlsim_unload_module("tkthread"), 0);
	ck_assert_ret(evlsim_load_module("tkthread init_timer=1 init_kthread=1 leave_running=1"),
		      0);
	sleep_ms(20);
	ck_assert_ret(evlsim_unload_module("tkthread"), 0);
	ck_assert_uint_eq(evlsim_report_count(EVLSIM_REPORT_LEAK), 2);
	ck_assert_uint_eq(evlsim_report_total(), 2);
	evlsim_reset_reports();
	/* stopped: nothing fires or runs any more, and the module loads again */
	ck_assert_ret(evlsim_load_module("tkthread init_timer=1 init_kthread=1"), 0);
	sleep_ms(10);
}
END_TEST

START_TEST(test_unload_leaks_armed_timer)
{
	ck_assert_ret(evlsim_unload_module("tkthread"), 0);
	ck_assert_ret(evlsim_load_module("tkthread leave_running=1"), 0);
	tkt_timer_setup(0, 0);
	tkt_timer_start(0, tkt_now() + 3600000 * MS, 0);
	tkt_timer_setup(1, 0);			/* initialised, never armed: no leak */
	tkt_timer_setup(2, 0);
	tkt_timer_start(2, tkt_now() + MS, 0);	/* fired before the unload: no leak */
	wait_until(tkt_timer_fired(2) == 1);
	ck_assert_ret(tkt_kthread_start(0, TKT_KT_WAIT, 1, 0, "tkt-leak"), 0);
	ck_assert_ret(evlsim_unload_module("tkthread"), 0);
	ck_assert_uint_eq(evlsim_report_count(EVLSIM_REPORT_LEAK), 2);
	evlsim_reset_reports();
	ck_assert_int_eq(tkt_timer_running(0), 0);
	ck_assert_ret(evlsim_load_module("tkthread"), 0);
}
END_TEST

static Suite *suite(void)
{
	Suite *s = suite_create("evl_timer");
	TCase *tc;

	evlsim_check_modules("tkthread");
	tc = tcase("timers");
	tcase_add_test(tc, test_timer_oneshot_order);
	tcase_add_test(tc, test_timer_same_date_fifo);
	tcase_add_test(tc, test_timer_past_date_fires_at_once);
	tcase_add_test(tc, test_timer_periodic_count);
	tcase_add_test(tc, test_timer_stop_and_restart);
	tcase_add_test(tc, test_timer_destroy_periodic);
	suite_add_tcase(s, tc);

	tc = tcase("kthreads");
	tcase_add_test(tc, test_kthread_start_stop);
	tcase_add_test(tc, test_kthread_stop_breaks_waits);
	tcase_add_test(tc, test_kthread_returned_then_stopped);
	tcase_add_test(tc, test_kthread_errors);
	tcase_add_test(tc, test_kthread_periodic);
	tcase_add_test(tc, test_kthread_sleep_until);
	tcase_add_test(tc, test_sleep_needs_oob);
	suite_add_tcase(s, tc);

	tc = tcase("irq_work");
	tcase_add_test(tc, test_irq_work_from_oob);
	tcase_add_test(tc, test_irq_work_from_inband);
	tcase_add_test(tc, test_call_inband_sync);
	suite_add_tcase(s, tc);

	tc = tcase("stax");
	tcase_add_test(tc, test_stax_oob_excludes_inband);
	tcase_add_test(tc, test_stax_inband_excludes_oob);
	tcase_add_test(tc, test_stax_oob_shared);
	suite_add_tcase(s, tc);

	tc = tcase("heap");
	tcase_add_test(tc, test_evl_alloc);
	tcase_add_test(tc, test_user_ptr64);
	suite_add_tcase(s, tc);

	tc = tcase("leaks");
	tcase_add_test(tc, test_unload_stops_cleanly);
	tcase_add_test(tc, test_unload_leaks_init_timer_kthread);
	tcase_add_test(tc, test_unload_leaks_armed_timer);
	suite_add_tcase(s, tc);
	return s;
}

int main(void)
{
	return evlsim_check_run(suite());
}
