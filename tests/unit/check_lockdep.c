// SPDX-License-Identifier: MIT
/*
 * check_lockdep: the lock dependency validator (docs/debugging.md, "Locking").
 *
 * With the tlockdep test driver: a spinlock, a hard spinlock or a mutex taken twice by
 * one thread is one LOCKING report [recursive-locking] and no deadlock; lock_a then
 * lock_b, and later lock_b then lock_a, sequentially, is one [lock-inversion] naming both
 * classes, where each was taken and the chain seen before, once however often it
 * happens; a longer cycle (a -> b -> c -> a) too; two locks of one class nested either
 * way, a legal order repeated, a mutex then a semaphore are not reported; a spinlock_t
 * taken in an in-band interrupt handler and elsewhere with spin_lock() (irqs on) is one
 * [irq-unsafe-lock], with spin_lock_irqsave() none; a hard lock taken in an EVL timer
 * handler and elsewhere with raw_spin_lock() is none (holding a hard lock is hard irqs
 * off in the model of issue 11); EVLSIM_CHECK=abort ends the run at the report;
 * EVLSIM_LOCKDEP=off turns the validator off.
 */
#define _GNU_SOURCE
#include <errno.h>
#include <fcntl.h>
#include <pthread.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/wait.h>
#include <unistd.h>
#include <evlsim/evlsim.h>
#include <evlsim/hw.h>
#include "evlsim-check.h"
#include "../drivers/tlockdep-abi.h"

static void setup(void)
{
	ck_assert_ret(evlsim_load_module("tlockdep"), 0);
	evlsim_reset_reports();
}

static void teardown(void)
{
	ck_assert_ret(evlsim_unload_module("tlockdep"), 0);
}

static char *captured(int (*fn)(void))
{
	struct evlsim_capture c;

	evlsim_capture_start(&c);
	ck_assert_int_eq(fn(), 0);
	return evlsim_capture_end(&c);
}

static void expect_locking(const char *out, unsigned long count, const char *rule)
{
	char tag[64];

	snprintf(tag, sizeof(tag), "LOCKING [%s]", rule);
	ck_assert_int_eq(evlsim_report_count(EVLSIM_REPORT_LOCKING), count);
	ck_assert_int_eq(evlsim_report_total(), count);
	ck_assert_msg(strstr(out, tag), "no '%s' in:\n%s", tag, out);
}

START_TEST(test_lockdep_recursive_spin)
{
	char *out = captured(tlockdep_recursive_spin);

	expect_locking(out, 1, "recursive-locking");
	ck_assert_msg(strstr(out, "'&lock_a' taken at tlockdep_recursive_spin"), "%s", out);
	free(out);
	ck_assert_int_eq(tlockdep_recursive_spin(), 0);		/* once per class */
	ck_assert_int_eq(evlsim_report_count(EVLSIM_REPORT_LOCKING), 1);
	ck_assert_int_eq(tlockdep_order_ab(), 0);		/* lock_a works again */
}
END_TEST

START_TEST(test_lockdep_recursive_hard)
{
	char *out = captured(tlockdep_recursive_hard);

	expect_locking(out, 1, "recursive-locking");
	ck_assert_msg(strstr(out, "'&hard_lock'"), "%s", out);
	free(out);
}
END_TEST

START_TEST(test_lockdep_recursive_mutex)
{
	char *out = captured(tlockdep_recursive_mutex);

	expect_locking(out, 1, "recursive-locking");
	ck_assert_msg(strstr(out, "tl_mutex"), "%s", out);
	free(out);
}
END_TEST

START_TEST(test_lockdep_inversion)
{
	char *out;

	ck_assert_int_eq(tlockdep_order_ab(), 0);
	ck_assert_int_eq(tlockdep_order_ab(), 0);
	ck_assert_no_reports();
	out = captured(tlockdep_order_ba);
	expect_locking(out, 1, "lock-inversion");
	ck_assert_msg(strstr(out, "'&lock_a' taken at tlockdep_order_ba"), "%s", out);
	ck_assert_msg(strstr(out, "while holding '&lock_b' taken at tlockdep_order_ba"), "%s", out);
	ck_assert_msg(strstr(out, "'&lock_a' (taken at tlockdep_order_ab") &&
		      strstr(out, "then '&lock_b' (taken at tlockdep_order_ab"), "%s", out);
	free(out);
	/* once per chain */
	ck_assert_int_eq(tlockdep_order_ba(), 0);
	ck_assert_int_eq(tlockdep_order_ab(), 0);
	ck_assert_int_eq(evlsim_report_count(EVLSIM_REPORT_LOCKING), 1);
}
END_TEST

/* The two orders from two threads, one after the other: still proven. */
static void *ab_thread(void *arg)
{
	(void)arg;
	tlockdep_order_ab();
	return NULL;
}

START_TEST(test_lockdep_inversion_across_threads)
{
	pthread_t tid;

	ck_assert_int_eq(pthread_create(&tid, NULL, ab_thread, NULL), 0);
	ck_assert_int_eq(pthread_join(tid, NULL), 0);
	ck_assert_no_reports();
	ck_assert_int_eq(tlockdep_order_ba(), 0);
	ck_assert_int_eq(evlsim_report_count(EVLSIM_REPORT_LOCKING), 1);
}
END_TEST

START_TEST(test_lockdep_cycle_of_three)
{
	char *out;

	ck_assert_int_eq(tlockdep_order_ab(), 0);
	ck_assert_int_eq(tlockdep_order_bc(), 0);
	ck_assert_no_reports();
	out = captured(tlockdep_order_ca);
	expect_locking(out, 1, "lock-inversion");
	ck_assert_msg(strstr(out, "then '&lock_b'") && strstr(out, "then '&lock_c'"), "%s", out);
	free(out);
}
END_TEST

START_TEST(test_lockdep_legal_orders)
{
	int i;

	for (i = 0; i < 3; i++) {
		ck_assert_int_eq(tlockdep_order_ab(), 0);
		ck_assert_int_eq(tlockdep_order_bc(), 0);
		ck_assert_int_eq(tlockdep_order_mutex_sem(), 0);
		ck_assert_int_eq(tlockdep_nested_classes(), 0);
		ck_assert_int_eq(tlockdep_irq_lock_irqsave(), 0);
	}
	ck_assert_no_reports();
}
END_TEST

static void fire_timer(int safe)
{
	int runs = tlockdep_timer_runs();

	ck_assert_int_eq(tlockdep_timer_fire(safe), 0);
	while (tlockdep_timer_runs() == runs)
		usleep(200);
}

/* The hard lock of a timer handler, elsewhere with raw_spin_lock(): irqs off while held. */
START_TEST(test_lockdep_irq_hard_lock)
{
	fire_timer(0);
	ck_assert_int_eq(tlockdep_irq_lock_irqs_on(), 0);
	fire_timer(0);
	ck_assert_int_eq(tlockdep_irq_lock_irqsave(), 0);
	fire_timer(1);
	ck_assert_no_reports();
}
END_TEST

/* An in-band device handler on a fresh line, raised @n times. */
static int dev_irq_setup(int safe)
{
	int irq = evlsim_irq_line_create("tlockdep", EVLSIM_IRQ_EDGE_RISING);

	ck_assert_int_gt(irq, 0);
	ck_assert_ret(tlockdep_dev_request(irq, safe), 0);
	return irq;
}

static void dev_irq_raise(int irq)
{
	int runs = tlockdep_dev_irqs();

	ck_assert_ret(evlsim_irq_raise(irq), 0);
	ck_assert_ret(evlsim_irq_wait_idle(irq), 0);
	ck_assert_int_eq(tlockdep_dev_irqs(), runs + 1);
}

static void dev_irq_teardown(int irq)
{
	tlockdep_dev_free(irq);
	ck_assert_ret(evlsim_irq_line_destroy(irq), 0);
}

START_TEST(test_lockdep_irq_unsafe)
{
	int irq = dev_irq_setup(0);
	struct evlsim_capture c;
	char *out;

	dev_irq_raise(irq);
	ck_assert_no_reports();
	evlsim_capture_start(&c);
	ck_assert_int_eq(tlockdep_dev_lock_irqs_on(), 0);
	out = evlsim_capture_end(&c);
	expect_locking(out, 1, "irq-unsafe-lock");
	ck_assert_msg(strstr(out, "'&dev_lock' is taken in an interrupt context (at tlockdep_dev_handler"),
		      "%s", out);
	ck_assert_msg(strstr(out, "with irqs on (at tlockdep_dev_lock_irqs_on"), "%s", out);
	free(out);
	dev_irq_raise(irq);					/* once per class */
	ck_assert_int_eq(tlockdep_dev_lock_irqs_on(), 0);
	ck_assert_int_eq(evlsim_report_count(EVLSIM_REPORT_LOCKING), 1);
	dev_irq_teardown(irq);
}
END_TEST

/* The other order: first with irqs on, then in the handler. */
START_TEST(test_lockdep_irq_unsafe_handler_second)
{
	int irq;

	ck_assert_int_eq(tlockdep_dev_lock_irqs_on(), 0);
	ck_assert_no_reports();
	irq = dev_irq_setup(0);
	dev_irq_raise(irq);
	ck_assert_int_eq(evlsim_report_count(EVLSIM_REPORT_LOCKING), 1);
	dev_irq_teardown(irq);
}
END_TEST

START_TEST(test_lockdep_irq_safe)
{
	int irq;

	ck_assert_int_eq(tlockdep_dev_lock_irqsave(), 0);
	irq = dev_irq_setup(1);
	dev_irq_raise(irq);
	ck_assert_int_eq(tlockdep_dev_lock_irqsave(), 0);
	dev_irq_raise(irq);
	ck_assert_no_reports();
	dev_irq_teardown(irq);
}
END_TEST

START_TEST(test_lockdep_abort_mode)
{
	ck_assert_check_aborts(tlockdep_recursive_spin);
}
END_TEST

/* EVLSIM_LOCKDEP=off, in a child: an inversion is not reported (no recursion run). */
START_TEST(test_lockdep_env_off)
{
	pid_t pid = fork();
	int status;

	ck_assert_int_ge(pid, 0);
	if (!pid) {
		int null = open("/dev/null", O_WRONLY);

		dup2(null, 1);
		setenv("EVLSIM_LOCKDEP", "off", 1);
		execl("/proc/self/exe", "check_lockdep", (char *)NULL);
		_exit(127);
	}
	ck_assert_int_eq(waitpid(pid, &status, 0), pid);
	ck_assert_msg(WIFEXITED(status) && WEXITSTATUS(status) == 0, "status %#x", status);
}
END_TEST

START_TEST(test_lockdep_off)
{
	ck_assert_int_eq(tlockdep_order_ab(), 0);
	ck_assert_int_eq(tlockdep_order_ba(), 0);
	fire_timer(0);
	ck_assert_int_eq(tlockdep_irq_lock_irqs_on(), 0);
	ck_assert_no_reports();
}
END_TEST

static Suite *suite(void)
{
	Suite *s = suite_create("lockdep");
	const char *env = getenv("EVLSIM_LOCKDEP");
	TCase *tc = tcase_create("reports");

	tcase_add_checked_fixture(tc, setup, teardown);
	if (env && !strcmp(env, "off")) {
		tcase_add_test(tc, test_lockdep_off);
		suite_add_tcase(s, tc);
		return s;
	}
	tcase_add_test(tc, test_lockdep_recursive_spin);
	tcase_add_test(tc, test_lockdep_recursive_hard);
	tcase_add_test(tc, test_lockdep_recursive_mutex);
	tcase_add_test(tc, test_lockdep_inversion);
	tcase_add_test(tc, test_lockdep_inversion_across_threads);
	tcase_add_test(tc, test_lockdep_cycle_of_three);
	tcase_add_test(tc, test_lockdep_legal_orders);
	tcase_add_test(tc, test_lockdep_irq_hard_lock);
	tcase_add_test(tc, test_lockdep_irq_unsafe);
	tcase_add_test(tc, test_lockdep_irq_unsafe_handler_second);
	tcase_add_test(tc, test_lockdep_irq_safe);
	tcase_add_test(tc, test_lockdep_abort_mode);
	tcase_add_test(tc, test_lockdep_env_off);
	suite_add_tcase(s, tc);
	return s;
}

int main(void)
{
	return evlsim_check_run(suite());
}
