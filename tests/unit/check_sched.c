// SPDX-License-Identifier: MIT
/*
 * check_sched: the scheduling points (core/sched.h), where the simulator may hand the CPU
 * to another thread, inject a delay, or let a white-box test hook in. Each kind is proven
 * reached by the path that owns it, with real drivers:
 *
 *  - a simulated call's entry and exit, in-band and oob;
 *  - a driver's in-band file handlers (open, read, write, ioctl) and oob handlers;
 *  - the oob call's crossing: before its file is published, once published, before the
 *    publication is withdrawn;
 *  - the last fput before ->release, and after the module reference went;
 *  - the stage switches, every sleep and wake-up of the one primitive;
 *  - a driver's lock operations, user copies, allocations and frees;
 *  - an interrupt handler, an EVL timer handler, an irq_work item.
 *
 * A hook is never re-entered by what it calls itself (a delay's nanosleep() is a simulated
 * call), and a removed hook is called no more.
 */
#define _GNU_SOURCE
#include <errno.h>
#include <fcntl.h>
#include <pthread.h>
#include <stdlib.h>
#include <string.h>
#include <sys/ioctl.h>
#include <unistd.h>
#include <evl/evl.h>
#include <evlsim/evlsim.h>
#include <evlsim/hw-irq.h>
#include "internal.h"
#include "evlsim-check.h"
#include "../drivers/tirq-abi.h"
#include "../drivers/tkthread-abi.h"

static unsigned long hits[EVLSIM_SP_NR];
static int hook_depth, hook_nested;

static void count_hook(enum evlsim_sched_point sp)
{
	if (__atomic_add_fetch(&hook_depth, 1, __ATOMIC_ACQ_REL) > 1)
		__atomic_store_n(&hook_nested, 1, __ATOMIC_RELEASE);
	__atomic_fetch_add(&hits[sp], 1, __ATOMIC_RELAXED);
	__atomic_sub_fetch(&hook_depth, 1, __ATOMIC_ACQ_REL);
}

static unsigned long hit(enum evlsim_sched_point sp)
{
	return __atomic_load_n(&hits[sp], __ATOMIC_ACQUIRE);
}

static void start_counting(void)
{
	memset(hits, 0, sizeof(hits));
	hook_nested = 0;
	evlsim__set_sched_hook(count_hook);
}

static void setup(void)
{
	ck_assert_ret(evlsim_load_module("echo"), 0);
	ck_assert_ret(evlsim_load_module("tirq"), 0);
	ck_assert_ret(evlsim_load_module("tkthread"), 0);
	tirq_reset();
	evlsim_reset_reports();
}

static void teardown(void)
{
	evlsim__set_sched_hook(NULL);
	ck_assert_ret(evlsim_unload_module("tkthread"), 0);
	ck_assert_ret(evlsim_unload_module("tirq"), 0);
	ck_assert_ret(evlsim_unload_module("echo"), 0);
	ck_assert_no_reports();
}

#define ck_assert_hit(sp)	ck_assert_msg(hit(sp) > 0, "no scheduling point " #sp)

/* A file's whole life, in-band and oob, through the echo driver. */
START_TEST(test_sched_points_file_life)
{
	char out[16] = "scheduling", in[16] = { 0 };
	int fd;

	attach();
	start_counting();
	fd = open_node("/dev/echo", O_RDWR);
	ck_assert_hit(EVLSIM_SP_CALL_ENTER);
	ck_assert_hit(EVLSIM_SP_CALL_EXIT);
	ck_assert_hit(EVLSIM_SP_INBAND_ENTER);	/* ->open */
	ck_assert_hit(EVLSIM_SP_INBAND_EXIT);
	ck_assert_hit(EVLSIM_SP_ALLOC);		/* its context and buffers */

	ck_assert_call(write(fd, out, 11), 11);
	ck_assert_call(read(fd, in, sizeof(in)), 11);
	ck_assert_str_eq(in, "scheduling");
	ck_assert_hit(EVLSIM_SP_USERCOPY);
	ck_assert_hit(EVLSIM_SP_LOCK);
	ck_assert_hit(EVLSIM_SP_UNLOCK);
	ck_assert_uint_eq(hit(EVLSIM_SP_OOB_ENTER), 0);

	memset(in, 0, sizeof(in));
	ck_assert_call(oob_write(fd, out, 11), 11);
	ck_assert_call(oob_read(fd, in, sizeof(in)), 11);
	ck_assert_str_eq(in, "scheduling");
	ck_assert_hit(EVLSIM_SP_SWITCH_OOB);
	ck_assert_uint_eq(hit(EVLSIM_SP_OOB_ENTER), 2);
	ck_assert_uint_eq(hit(EVLSIM_SP_OOB_EXIT), 2);
	ck_assert_uint_eq(hit(EVLSIM_SP_PROBE), 2);
	ck_assert_uint_eq(hit(EVLSIM_SP_PROBED), 2);
	ck_assert_uint_eq(hit(EVLSIM_SP_UNPROBE), 2);

	ck_assert_call(close(fd), 0);
	ck_assert_hit(EVLSIM_SP_SWITCH_INBAND);	/* close() is in-band */
	ck_assert_uint_eq(hit(EVLSIM_SP_FPUT_RELEASE), 1);
	ck_assert_uint_eq(hit(EVLSIM_SP_FPUT), 1);
	ck_assert_hit(EVLSIM_SP_FREE);
	ck_assert_int_eq(__atomic_load_n(&hook_nested, __ATOMIC_ACQUIRE), 0);

	evlsim__set_sched_hook(NULL);
	memset(hits, 0, sizeof(hits));
	fd = open_node("/dev/echo", O_RDWR);
	close_fd(fd);
	ck_assert_uint_eq(hit(EVLSIM_SP_CALL_ENTER), 0);	/* removed: called no more */
}
END_TEST

static int reader_fd;
static volatile long reader_ret = -2;

static void *irq_reader(void *arg)
{
	char c;

	attach_as("irq-reader");
	reader_ret = oob_read(reader_fd, &c, 1);
	return NULL;
}

/* An oob interrupt handler wakes a reader sleeping in an oob read. */
START_TEST(test_sched_points_irq_sleep_wake)
{
	struct tirq_cfg cfg = { .ret = TIRQ_HANDLED, .todo = TIRQ_DO_RAISE_FLAG };
	int line = evlsim_irq_line_create("sched", EVLSIM_IRQ_EDGE_RISING);
	pthread_t reader;

	ck_assert_int_gt(line, 0);
	tirq_config(0, &cfg);
	ck_assert_ret(tirq_request(0, (unsigned int)line, TIRQ_F_OOB, TIRQ_REQ_IRQ, "sched"), 0);
	reader_fd = open_node("/dev/tirq", O_RDWR);
	start_counting();
	ck_assert_int_eq(pthread_create(&reader, NULL, irq_reader, NULL), 0);
	wait_until_ns(hit(EVLSIM_SP_SLEEP) > 0, 10000000000LL, 100);
	ck_assert_ret(evlsim_irq_raise(line), 0);
	ck_assert_int_eq(pthread_join(reader, NULL), 0);
	ck_assert_int_ge(reader_ret, 0);
	ck_assert_hit(EVLSIM_SP_IRQ);
	ck_assert_hit(EVLSIM_SP_WAKE);
	evlsim__set_sched_hook(NULL);
	close_fd(reader_fd);
	ck_assert_int_eq(tirq_free(0, (unsigned int)line), 1);	/* free_irq() gave its name */
}
END_TEST

/* An EVL timer's handler and an irq_work item. */
START_TEST(test_sched_points_timer_and_work)
{
	int fd;

	ck_assert_ret(tkt_timer_setup(0, 0), 0);
	start_counting();
	tkt_timer_start(0, tkt_now() + 1000000, 0);
	wait_until_ns(tkt_timer_fired(0) == 1, 10000000000LL, 100);
	ck_assert_hit(EVLSIM_SP_TIMER);
	tkt_timer_destroy(0);

	fd = open_node("/dev/tkthread", O_RDWR);
	tkt_irq_gate_close();		/* the worker is busy: the work stays pending */
	ck_assert_call(ioctl(fd, TKT_IOC_IRQ_WORK2), 4);	/* queued, pending */
	tkt_irq_gate_open();
	tkt_irq_sync();
	ck_assert_hit(EVLSIM_SP_WORK);
	close_fd(fd);
}
END_TEST

/* A hook's own simulated calls are no scheduling points: it is never re-entered. */
static volatile int nested_close_ret, nested_close_errno, nested_calls;

static void calling_hook(enum evlsim_sched_point sp)
{
	count_hook(sp);
	if (sp == EVLSIM_SP_OOB_ENTER && !nested_calls++) {
		nested_close_ret = close(-1);
		nested_close_errno = errno;
	}
}

START_TEST(test_sched_points_hook_not_reentered)
{
	char buf[4] = "abc";
	int fd;

	attach();
	fd = open_node("/dev/echo", O_RDWR);
	memset(hits, 0, sizeof(hits));
	nested_calls = 0;
	evlsim__set_sched_hook(calling_hook);
	ck_assert_call(oob_write(fd, buf, 3), 3);
	evlsim__set_sched_hook(NULL);
	ck_assert_int_eq(nested_calls, 1);
	ck_assert_int_eq(nested_close_ret, -1);
	ck_assert_int_eq(nested_close_errno, EBADF);
	ck_assert_int_eq(__atomic_load_n(&hook_nested, __ATOMIC_ACQUIRE), 0);
	close_fd(fd);
}
END_TEST

/* ---- the hang watch (core/hang.c) ---- */

static int hang_line;

/* A reader asleep in an oob read that only an interrupt ends. */
static pthread_t start_stuck_reader(void)
{
	struct tirq_cfg cfg = { .ret = TIRQ_HANDLED, .todo = TIRQ_DO_RAISE_FLAG };
	pthread_t reader;

	hang_line = evlsim_irq_line_create("hang", EVLSIM_IRQ_EDGE_RISING);
	ck_assert_int_gt(hang_line, 0);
	tirq_config(0, &cfg);
	ck_assert_ret(tirq_request(0, (unsigned int)hang_line, TIRQ_F_OOB, TIRQ_REQ_IRQ, "hang"),
		      0);
	reader_fd = open_node("/dev/tirq", O_RDWR);
	reader_ret = -2;
	ck_assert_int_eq(pthread_create(&reader, NULL, irq_reader, NULL), 0);
	return reader;
}

static void free_stuck_reader(pthread_t reader)
{
	ck_assert_ret(evlsim_irq_raise(hang_line), 0);
	ck_assert_int_eq(pthread_join(reader, NULL), 0);
	ck_assert_int_ge(reader_ret, 0);
	close_fd(reader_fd);
	ck_assert_int_eq(tirq_free(0, (unsigned int)hang_line), 1);
}

/* The only EVL thread asleep without a timeout: one HANG report naming it and its wait. */
START_TEST(test_sched_hang_reported_once)
{
	struct evlsim_capture cap;
	pthread_t reader;
	char *out;

	ck_assert_uint_eq(evlsim_set_hang_watch(100), 0);
	evlsim_capture_start(&cap);
	reader = start_stuck_reader();
	wait_until_ns(evlsim_report_count(EVLSIM_REPORT_HANG) == 1, 10000000000LL, 1000);
	sleep_ms(500);		/* five more looks at the same sleep: no second report */
	ck_assert_uint_eq(evlsim_report_count(EVLSIM_REPORT_HANG), 1);
	free_stuck_reader(reader);
	out = evlsim_capture_end(&cap);
	ck_assert_ptr_nonnull(strstr(out, "HANG [all-blocked] every EVL thread (1) has been asleep"));
	ck_assert_ptr_nonnull(strstr(out, "thread 'irq-reader:"));
	ck_assert_ptr_nonnull(strstr(out, ") asleep for"));
	ck_assert_ptr_nonnull(strstr(out, "tirq_oob_read"));	/* where it sleeps */
	free(out);
	ck_assert_uint_eq(evlsim_set_hang_watch(0), 100);
	evlsim_reset_reports();
}
END_TEST

/* One EVL thread still running (this one, attached): no hang. */
START_TEST(test_sched_hang_not_while_one_runs)
{
	pthread_t reader;

	attach();
	evlsim_set_hang_watch(100);
	reader = start_stuck_reader();
	sleep_ms(600);
	ck_assert_uint_eq(evlsim_report_count(EVLSIM_REPORT_HANG), 0);
	free_stuck_reader(reader);
	evlsim_set_hang_watch(0);
}
END_TEST

int main(void)
{
	Suite *s = suite_create("sched");
	TCase *tc = tcase_create("points");

	tcase_add_checked_fixture(tc, setup, teardown);

	tcase_add_test(tc, test_sched_points_file_life);
	tcase_add_test(tc, test_sched_points_irq_sleep_wake);
	tcase_add_test(tc, test_sched_points_timer_and_work);
	tcase_add_test(tc, test_sched_points_hook_not_reentered);
	suite_add_tcase(s, tc);
	tc = tcase_create("hang");
	tcase_add_checked_fixture(tc, setup, teardown);
	tcase_add_test(tc, test_sched_hang_reported_once);
	tcase_add_test(tc, test_sched_hang_not_while_one_runs);
	suite_add_tcase(s, tc);
	return evlsim_check_run(s);
}
