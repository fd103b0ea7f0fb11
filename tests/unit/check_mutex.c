// SPDX-License-Identifier: MIT
/*
 * check_mutex: libevl's mutexes (<evl/mutex.h>) on the gate monitor element.
 *
 *  - creation: errors (clock, ceiling, flags, public), the descriptor, close;
 *  - lock/unlock by one thread: -EDEADLK relocking a normal mutex (lock and trylock),
 *    nesting of a recursive one, -EPERM unlocking what the caller does not hold, -EINVAL
 *    for a mutex never created or closed, -EPERM from a thread not attached;
 *  - contention with real threads: trylock -EBUSY, a waiter blocked until the owner
 *    unlocks, a timed lock ending with -ETIMEDOUT, closing the mutex waking a waiter
 *    with -EIDRM; mutual exclusion of a counter under several threads;
 *  - static initializers (created by the first lock), the ceiling calls.
 */
#define _GNU_SOURCE
#include <errno.h>
#include <fcntl.h>
#include <limits.h>
#include <pthread.h>
#include <time.h>
#include <unistd.h>
#include <evl/evl.h>
#include <evl/mutex.h>
#include <evlsim/evlsim.h>
#include "evlsim-check.h"

#define LIMIT_NS	(10LL * 1000 * 1000 * 1000)

START_TEST(test_mutex_create_errors)
{
	struct evl_mutex m;
	int efd;

	ck_assert_ret(evl_create_mutex(&m, 42, 0, EVL_MUTEX_NORMAL, "m"), -EINVAL);
	ck_assert_ret(evl_create_mutex(&m, EVL_CLOCK_MONOTONIC, 100, EVL_MUTEX_NORMAL, "m"),
		      -EINVAL);
	ck_assert_ret(evl_create_mutex(&m, EVL_CLOCK_MONOTONIC, 0, 1 << 25, "m"), -EINVAL);
	ck_assert_ret(evl_create_mutex(&m, EVL_CLOCK_MONOTONIC, 0, EVL_CLONE_PUBLIC, "m"),
		      -EOPNOTSUPP);
	ck_assert_ret(evl_create_mutex(&m, EVL_CLOCK_MONOTONIC, 0, 0, "/m"), -EOPNOTSUPP);
	ck_assert_ret(evl_create_mutex(NULL, EVL_CLOCK_MONOTONIC, 0, 0, "m"), -EFAULT);
	ck_assert_ret(evl_open_mutex(&m, "m"), -ENOENT);
	efd = evl_new_mutex(&m, "m%d", 1);
	ck_assert_int_ge(efd, 0);
	ck_assert_call(fcntl(efd, F_GETFD), FD_CLOEXEC);
	ck_assert_int_eq(evl_get_mutex_ceiling(&m), 0);
	ck_assert_ret(evl_set_mutex_ceiling(&m, 10), -EINVAL);	/* a PI mutex */
	ck_assert_ret(evl_close_mutex(&m), 0);
	ck_assert_ret(evl_close_mutex(&m), -EINVAL);
	ck_assert_int_eq(fcntl(efd, F_GETFD), -1);
	efd = evl_create_mutex(&m, EVL_CLOCK_REALTIME, 0, EVL_MUTEX_NORMAL, NULL);
	ck_assert_int_ge(efd, 0);
	ck_assert_ret(evl_close_mutex(&m), 0);
}
END_TEST

START_TEST(test_mutex_normal_one_thread)
{
	struct evl_mutex m;

	ck_assert_int_ge(evl_new_mutex(&m, "normal"), 0);
	/* not attached */
	ck_assert_ret(evl_lock_mutex(&m), -EPERM);
	ck_assert_ret(evl_trylock_mutex(&m), -EPERM);
	ck_assert_ret(evl_unlock_mutex(&m), -EPERM);
	attach();
	ck_assert_ret(evl_unlock_mutex(&m), -EPERM);
	ck_assert_ret(evl_lock_mutex(&m), 0);
	ck_assert_ret(evl_lock_mutex(&m), -EDEADLK);
	ck_assert_ret(evl_trylock_mutex(&m), -EDEADLK);
	ck_assert_ret(evl_unlock_mutex(&m), 0);
	ck_assert_ret(evl_unlock_mutex(&m), -EPERM);
	ck_assert_ret(evl_trylock_mutex(&m), 0);
	ck_assert_ret(evl_unlock_mutex(&m), 0);
	ck_assert_ret(evl_timedlock_mutex(&m, NULL), -EFAULT);
	ck_assert_ret(evl_close_mutex(&m), 0);
	ck_assert_ret(evl_lock_mutex(&m), -EINVAL);
	ck_assert_ret(evl_unlock_mutex(&m), -EINVAL);
	ck_assert_ret(evl_lock_mutex(NULL), -EFAULT);
	ck_assert_ret(evl_unlock_mutex(NULL), -EINVAL);
}
END_TEST

START_TEST(test_mutex_recursive_nests)
{
	struct evl_mutex m;

	attach();
	ck_assert_int_ge(evl_create_mutex(&m, EVL_CLOCK_MONOTONIC, 0,
					  EVL_MUTEX_RECURSIVE | EVL_CLONE_PRIVATE, "rec"), 0);
	ck_assert_ret(evl_lock_mutex(&m), 0);
	ck_assert_ret(evl_lock_mutex(&m), 0);
	ck_assert_ret(evl_trylock_mutex(&m), 0);
	ck_assert_ret(evl_unlock_mutex(&m), 0);
	ck_assert_ret(evl_unlock_mutex(&m), 0);
	ck_assert_ret(evl_unlock_mutex(&m), 0);
	ck_assert_ret(evl_unlock_mutex(&m), -EPERM);
	ck_assert_ret(evl_close_mutex(&m), 0);
}
END_TEST

struct locker {
	struct evl_mutex *m;
	pthread_t th;
	int efd;		/* the thread's element, atomically */
	int op;			/* 0: lock, 1: trylock, 2: timed lock 20 ms from now */
	int ret;
};

static void *locker_fn(void *arg)
{
	struct locker *l = arg;
	struct timespec ts;
	int ret;

	__atomic_store_n(&l->efd, attach_as("mutex-locker"), __ATOMIC_RELEASE);
	if (l->op == 1) {
		ret = evl_trylock_mutex(l->m);
	} else if (l->op == 2) {
		evl_read_clock(EVL_CLOCK_MONOTONIC, &ts);
		ts.tv_nsec += 20 * 1000 * 1000;
		if (ts.tv_nsec >= 1000000000) {
			ts.tv_sec++;
			ts.tv_nsec -= 1000000000;
		}
		ret = evl_timedlock_mutex(l->m, &ts);
	} else {
		ret = evl_lock_mutex(l->m);
	}
	if (!ret)
		ret = evl_unlock_mutex(l->m) ? -1000 : 0;
	l->ret = ret;
	return NULL;
}

static void start_locker(struct locker *l, struct evl_mutex *m, int op)
{
	l->m = m;
	l->op = op;
	l->efd = -1;
	l->ret = -2;
	ck_assert_int_eq(pthread_create(&l->th, NULL, locker_fn, l), 0);
}

static void wait_locker_blocked(struct locker *l)
{
	int efd;

	while ((efd = __atomic_load_n(&l->efd, __ATOMIC_ACQUIRE)) < 0)
		sleep_ms(1);
	ck_assert_int_eq(evlsim_wait_blocked(efd, LIMIT_NS), 0);
}

START_TEST(test_mutex_contention_trylock_busy)
{
	struct evl_mutex m;
	struct locker l;

	attach();
	ck_assert_int_ge(evl_new_mutex(&m, "busy"), 0);
	ck_assert_ret(evl_lock_mutex(&m), 0);
	start_locker(&l, &m, 1);
	ck_assert_int_eq(pthread_join(l.th, NULL), 0);
	ck_assert_int_eq(l.ret, -EBUSY);
	ck_assert_ret(evl_unlock_mutex(&m), 0);
	ck_assert_ret(evl_close_mutex(&m), 0);
}
END_TEST

START_TEST(test_mutex_waiter_gets_it_on_unlock)
{
	struct evl_mutex m;
	struct locker l;

	attach();
	ck_assert_int_ge(evl_new_mutex(&m, "handoff"), 0);
	ck_assert_ret(evl_lock_mutex(&m), 0);
	start_locker(&l, &m, 0);
	wait_locker_blocked(&l);
	ck_assert_ret(evl_unlock_mutex(&m), 0);
	ck_assert_int_eq(pthread_join(l.th, NULL), 0);
	ck_assert_int_eq(l.ret, 0);
	/* free again */
	ck_assert_ret(evl_trylock_mutex(&m), 0);
	ck_assert_ret(evl_unlock_mutex(&m), 0);
	ck_assert_ret(evl_close_mutex(&m), 0);
}
END_TEST

START_TEST(test_mutex_timedlock_times_out)
{
	struct evl_mutex m;
	struct timespec bad = { 0, 1000000000 };
	struct locker l;

	attach();
	ck_assert_int_ge(evl_new_mutex(&m, "timed"), 0);
	ck_assert_ret(evl_lock_mutex(&m), 0);
	start_locker(&l, &m, 2);
	ck_assert_int_eq(pthread_join(l.th, NULL), 0);
	ck_assert_int_eq(l.ret, -ETIMEDOUT);
	ck_assert_ret(evl_unlock_mutex(&m), 0);
	ck_assert_ret(evl_timedlock_mutex(&m, &bad), -EINVAL);
	ck_assert_ret(evl_close_mutex(&m), 0);
}
END_TEST

START_TEST(test_mutex_close_wakes_waiter_eidrm)
{
	struct evl_mutex m;
	struct locker l;
	int efd;

	attach();
	efd = evl_new_mutex(&m, "rmid");
	ck_assert_int_ge(efd, 0);
	ck_assert_ret(evl_lock_mutex(&m), 0);
	start_locker(&l, &m, 0);
	wait_locker_blocked(&l);
	close_fd(efd);		/* the descriptor behind the mutex's back */
	ck_assert_int_eq(pthread_join(l.th, NULL), 0);
	ck_assert_int_eq(l.ret, -EIDRM);
}
END_TEST

#define NTHREADS	4
#define NLOOPS		200

static struct evl_mutex counter_lock;
static long counter;

static void *counter_fn(void *arg)
{
	long i;

	(void)arg;
	attach_as("mutex-counter");
	for (i = 0; i < NLOOPS; i++) {
		if (evl_lock_mutex(&counter_lock))
			return (void *)1;
		counter++;
		if (evl_unlock_mutex(&counter_lock))
			return (void *)1;
	}
	return NULL;
}

START_TEST(test_mutex_mutual_exclusion)
{
	pthread_t th[NTHREADS];
	void *ret;
	int i;

	counter = 0;
	ck_assert_int_ge(evl_new_mutex(&counter_lock, "counter"), 0);
	for (i = 0; i < NTHREADS; i++)
		ck_assert_int_eq(pthread_create(&th[i], NULL, counter_fn, NULL), 0);
	for (i = 0; i < NTHREADS; i++) {
		ck_assert_int_eq(pthread_join(th[i], &ret), 0);
		ck_assert_ptr_null(ret);
	}
	ck_assert_int_eq(counter, NTHREADS * NLOOPS);
	ck_assert_ret(evl_close_mutex(&counter_lock), 0);
}
END_TEST

START_TEST(test_mutex_static_initializers)
{
	DEFINE_EVL_MUTEX(plain);
	struct evl_mutex pp = EVL_MUTEX_INITIALIZER("pp", EVL_CLOCK_MONOTONIC, 10,
						    EVL_MUTEX_RECURSIVE);

	ck_assert_ret(evl_close_mutex(&plain), 0);		/* never used: nothing to do */
	ck_assert_ret(evl_unlock_mutex(&plain), -EINVAL);
	ck_assert_int_eq(evl_get_mutex_ceiling(&pp), 10);
	ck_assert_ret(evl_set_mutex_ceiling(&pp, 20), 0);
	ck_assert_ret(evl_set_mutex_ceiling(&pp, 0), -EINVAL);
	ck_assert_ret(evl_set_mutex_ceiling(&pp, 100), -EINVAL);
	attach();
	ck_assert_ret(evl_lock_mutex(&plain), 0);
	ck_assert_ret(evl_lock_mutex(&plain), -EDEADLK);
	ck_assert_ret(evl_unlock_mutex(&plain), 0);
	ck_assert_ret(evl_lock_mutex(&pp), 0);
	ck_assert_ret(evl_lock_mutex(&pp), 0);		/* recursive */
	ck_assert_int_eq(evl_get_mutex_ceiling(&pp), 20);
	ck_assert_ret(evl_set_mutex_ceiling(&pp, 30), 0);
	ck_assert_int_eq(evl_get_mutex_ceiling(&pp), 30);
	ck_assert_ret(evl_unlock_mutex(&pp), 0);
	ck_assert_ret(evl_unlock_mutex(&pp), 0);
	ck_assert_ret(evl_close_mutex(&plain), 0);
	ck_assert_ret(evl_close_mutex(&pp), 0);
}
END_TEST

/* <evl/thread.h>: libevl's suggested stack size */
START_TEST(test_mutex_stack_default)
{
	ck_assert_int_eq(EVL_STACK_DEFAULT, PTHREAD_STACK_MIN < 65536 ? 65536 : PTHREAD_STACK_MIN);
}
END_TEST

static Suite *suite(void)
{
	Suite *s = suite_create("mutex");
	TCase *tc;

	evlsim_check_fixture(evlsim_check_setup, evlsim_check_teardown);

	tc = tcase("mutex");
	tcase_add_test(tc, test_mutex_create_errors);
	tcase_add_test(tc, test_mutex_normal_one_thread);
	tcase_add_test(tc, test_mutex_recursive_nests);
	tcase_add_test(tc, test_mutex_contention_trylock_busy);
	tcase_add_test(tc, test_mutex_waiter_gets_it_on_unlock);
	tcase_add_test(tc, test_mutex_timedlock_times_out);
	tcase_add_test(tc, test_mutex_close_wakes_waiter_eidrm);
	tcase_add_test(tc, test_mutex_mutual_exclusion);
	tcase_add_test(tc, test_mutex_static_initializers);
	tcase_add_test(tc, test_mutex_stack_default);
	suite_add_tcase(s, tc);
	return s;
}

int main(void)
{
	return evlsim_check_run(suite());
}
