// SPDX-License-Identifier: MIT
/*
 * check_accounting: resource accounting per module (docs/fault-injection.md, "Resource
 * accounting").
 *
 * With the tleak test driver: each allocator's objects and bytes are charged to the
 * module and uncharged when freed, exactly (kmalloc family and the helpers that allocate
 * for the caller, kmem cache objects, vmalloc family, pages, evl_alloc); open files,
 * kthreads, queued work, armed EVL timers, registered devices and module references are
 * counted too. What the module leaves at unload is reported as a LEAK, one report per
 * object, with the amount and an allocation backtrace naming the allocating function;
 * freeing first gives no report; evlsim_leak_check() counts (and reports) what is left;
 * what is still accounted at exit is reported unless $EVLSIM_LEAKS=off.
 */
#define _GNU_SOURCE
#include <errno.h>
#include <fcntl.h>
#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/mman.h>
#include <sys/wait.h>
#include <unistd.h>
#include <evlsim/evlsim.h>
#include "evlsim-check.h"
#include "../drivers/tleak-abi.h"

#define PAGE_SZ		4096UL
#define PALIGN(x)	(((x) + PAGE_SZ - 1) & ~(PAGE_SZ - 1))

static const struct {
	int kind;		/* enum tleak_kind */
	size_t size;		/* argument of tleak_alloc() */
	int acct;		/* enum evlsim_acct_kind */
	unsigned long bytes;	/* charged */
	const char *fn;		/* the allocating function, in the backtrace */
} allocs[] = {
	{ TLEAK_KMALLOC, 100, EVLSIM_ACCT_KMALLOC, 100, "tleak_do_kmalloc" },
	{ TLEAK_KZALLOC, 33, EVLSIM_ACCT_KMALLOC, 33, "tleak_do_kzalloc" },
	{ TLEAK_KCALLOC, 12, EVLSIM_ACCT_KMALLOC, 12, "tleak_do_kcalloc" },
	{ TLEAK_KVMALLOC, 5000, EVLSIM_ACCT_KMALLOC, 5000, "tleak_do_kvmalloc" },
	{ TLEAK_KREALLOC, 300, EVLSIM_ACCT_KMALLOC, 300, "tleak_do_krealloc" },
	{ TLEAK_KSTRDUP, 20, EVLSIM_ACCT_KMALLOC, 20, "tleak_do_kstrdup" },
	{ TLEAK_KASPRINTF, 9, EVLSIM_ACCT_KMALLOC, 9, "tleak_do_kasprintf" },
	{ TLEAK_CACHE, 0, EVLSIM_ACCT_CACHE_OBJ, TLEAK_CACHE_OBJSIZE, "tleak_do_cache_alloc" },
	{ TLEAK_VMALLOC, 5000, EVLSIM_ACCT_VMALLOC, PALIGN(5000), "tleak_do_vmalloc" },
	{ TLEAK_VZALLOC, 100, EVLSIM_ACCT_VMALLOC, PALIGN(100), "tleak_do_vzalloc" },
	{ TLEAK_VMALLOC_USER, 9000, EVLSIM_ACCT_VMALLOC, PALIGN(9000), "tleak_do_vmalloc_user" },
	{ TLEAK_ALLOC_PAGES, 2, EVLSIM_ACCT_PAGES, 4 * PAGE_SZ, "tleak_do_alloc_pages" },
	{ TLEAK_GET_FREE_PAGES, 0, EVLSIM_ACCT_PAGES, PAGE_SZ, "tleak_do_get_free_pages" },
	{ TLEAK_ALLOC_PAGES_EXACT, 3 * PAGE_SZ, EVLSIM_ACCT_PAGES, 3 * PAGE_SZ,
	  "tleak_do_alloc_pages_exact" },
	{ TLEAK_EVL_ALLOC, 64, EVLSIM_ACCT_EVL_ALLOC, 64, "tleak_do_evl_alloc" },
	{ TLEAK_EVL_ZALLOC, 65, EVLSIM_ACCT_EVL_ALLOC, 65, "tleak_do_evl_zalloc" },
};
#define NR_ALLOCS	((int)(sizeof(allocs) / sizeof(allocs[0])))

static void setup(void)
{
	evlsim_check_setup();
}

static void teardown(void)
{
	tleak_free_all();	/* the cache too: tleak's exit leaves it to the tests */
	evlsim_unload_module("tleak");
	ck_assert_no_reports();
}

static struct evlsim_module_stats stats(void)
{
	struct evlsim_module_stats st;

	ck_assert_ret(evlsim_module_stats("tleak", &st), 0);
	return st;
}

/* ---- counts --------------------------------------------------------------------------- */

START_TEST(test_counts_up_and_down)
{
	struct evlsim_module_stats before = stats(), during, after;
	int slot, k = allocs[_i].acct;

	slot = tleak_alloc(allocs[_i].kind, allocs[_i].size);
	ck_assert_int_ge(slot, 0);
	during = stats();
	ck_assert_uint_eq(during.count[k], before.count[k] + 1);
	ck_assert_uint_eq(during.bytes[k], before.bytes[k] + allocs[_i].bytes);
	ck_assert_ret(tleak_free(slot), 0);
	after = stats();
	ck_assert_uint_eq(after.count[k], before.count[k]);
	ck_assert_uint_eq(after.bytes[k], before.bytes[k]);
}
END_TEST

START_TEST(test_counts_many)
{
	struct evlsim_module_stats before = stats(), st;
	int slots[10], i;

	for (i = 0; i < 10; i++)
		slots[i] = tleak_alloc(TLEAK_KMALLOC, 10 + i);
	st = stats();
	ck_assert_uint_eq(st.count[EVLSIM_ACCT_KMALLOC], before.count[EVLSIM_ACCT_KMALLOC] + 10);
	ck_assert_uint_eq(st.bytes[EVLSIM_ACCT_KMALLOC], before.bytes[EVLSIM_ACCT_KMALLOC] + 145);
	for (i = 0; i < 10; i += 2)
		ck_assert_ret(tleak_free(slots[i]), 0);
	st = stats();
	ck_assert_uint_eq(st.count[EVLSIM_ACCT_KMALLOC], before.count[EVLSIM_ACCT_KMALLOC] + 5);
	ck_assert_uint_eq(st.bytes[EVLSIM_ACCT_KMALLOC],
			  before.bytes[EVLSIM_ACCT_KMALLOC] + 11 + 13 + 15 + 17 + 19);
	for (i = 1; i < 10; i += 2)
		ck_assert_ret(tleak_free(slots[i]), 0);
	st = stats();
	ck_assert_uint_eq(st.count[EVLSIM_ACCT_KMALLOC], before.count[EVLSIM_ACCT_KMALLOC]);
	ck_assert_uint_eq(st.bytes[EVLSIM_ACCT_KMALLOC], before.bytes[EVLSIM_ACCT_KMALLOC]);
}
END_TEST

START_TEST(test_cache_counted)
{
	int slot = tleak_alloc(TLEAK_CACHE, 0);

	ck_assert_int_ge(slot, 0);
	ck_assert_uint_eq(stats().count[EVLSIM_ACCT_CACHE], 1);
	ck_assert_ret(tleak_free(slot), 0);
	tleak_free_all();	/* destroys the cache */
	ck_assert_uint_eq(stats().count[EVLSIM_ACCT_CACHE], 0);
}
END_TEST

START_TEST(test_other_kinds_counted)
{
	struct evlsim_module_stats st = stats();
	int fd;

	ck_assert_uint_eq(st.count[EVLSIM_ACCT_DEVICES], 1);	/* /dev/tleak */
	ck_assert_uint_eq(st.count[EVLSIM_ACCT_FILES], 0);
	fd = open("/dev/tleak", O_RDWR);
	ck_assert_int_ge(fd, 0);
	ck_assert_uint_eq(stats().count[EVLSIM_ACCT_FILES], 1);
	ck_assert_ret(tleak_kthread_start(), 0);
	ck_assert_ret(tleak_work_queue(), 0);
	ck_assert_ret(tleak_timer_arm(), 0);
	ck_assert_ret(tleak_device_register(), 0);
	tleak_modref_get();
	st = stats();
	ck_assert_uint_eq(st.count[EVLSIM_ACCT_KTHREADS], 1);
	ck_assert_uint_eq(st.count[EVLSIM_ACCT_WORK], 1);
	ck_assert_uint_eq(st.count[EVLSIM_ACCT_TIMERS], 1);
	ck_assert_uint_eq(st.count[EVLSIM_ACCT_DEVICES], 2);
	ck_assert_uint_eq(st.count[EVLSIM_ACCT_MODREFS], 1);
	ck_assert_uint_eq(st.count[EVLSIM_ACCT_EVL_KTHREADS], 0);
	tleak_modref_put();
	tleak_device_deregister();
	ck_assert_ret(tleak_timer_disarm(), 0);
	ck_assert_ret(tleak_work_cancel(), 0);
	ck_assert_ret(tleak_kthread_stop(), 0);
	ck_assert_ret(close(fd), 0);
	st = stats();
	ck_assert_uint_eq(st.count[EVLSIM_ACCT_FILES], 0);
	ck_assert_uint_eq(st.count[EVLSIM_ACCT_KTHREADS], 0);
	ck_assert_uint_eq(st.count[EVLSIM_ACCT_WORK], 0);
	ck_assert_uint_eq(st.count[EVLSIM_ACCT_TIMERS], 0);
	ck_assert_uint_eq(st.count[EVLSIM_ACCT_DEVICES], 1);
	ck_assert_uint_eq(st.count[EVLSIM_ACCT_MODREFS], 0);
}
END_TEST

START_TEST(test_bad_arguments)
{
	struct evlsim_module_stats st;

	ck_assert_ret(evlsim_module_stats("no-such-module", &st), -ENOENT);
	ck_assert_ret(evlsim_module_stats(NULL, &st), -EINVAL);
	ck_assert_ret(evlsim_module_stats("tleak", NULL), -EINVAL);
	ck_assert_ret(evlsim_leak_check("no-such-module"), -ENOENT);
	ck_assert_ret(evlsim_leak_check(NULL), -EINVAL);
}
END_TEST

/* ---- leaks at unload ------------------------------------------------------------------ */

START_TEST(test_freed_before_unload_no_report)
{
	int i, slot;

	for (i = 0; i < NR_ALLOCS; i++) {
		slot = tleak_alloc(allocs[i].kind, allocs[i].size);
		ck_assert_int_ge(slot, 0);
	}
	tleak_free_all();
	ck_assert_ret(evlsim_unload_module("tleak"), 0);
	ck_assert_uint_eq(evlsim_report_total(), 0);
	ck_assert_ret(evlsim_leak_check("tleak"), 0);
}
END_TEST

START_TEST(test_unload_reports_each_allocation)
{
	struct evlsim_module_stats st;
	struct evlsim_capture c;
	char *out, line[128];
	int slot, k = allocs[_i].acct;

	slot = tleak_alloc(allocs[_i].kind, allocs[_i].size);
	ck_assert_int_ge(slot, 0);
	evlsim_capture_start(&c);
	ck_assert_ret(evlsim_unload_module("tleak"), 0);
	out = evlsim_capture_end(&c);
	/* the object, plus the kmem cache itself for a cache object */
	ck_assert_uint_eq(evlsim_report_count(EVLSIM_REPORT_LEAK),
			  allocs[_i].kind == TLEAK_CACHE ? 2 : 1);
	snprintf(line, sizeof(line), "tleak: unloaded with %lu bytes of ", allocs[_i].bytes);
	ck_assert_msg(strstr(out, line), "no \"%s\" in:\n%s", line, out);
	ck_assert_msg(strstr(out, allocs[_i].fn), "no %s in:\n%s", allocs[_i].fn, out);
	ck_assert_msg(strstr(out, "[module-leak]"), "%s", out);
	free(out);
	/* still accounted to the module: evlsim_leak_check() finds it again */
	ck_assert_ret(evlsim_module_stats("tleak", &st), 0);
	ck_assert_uint_eq(st.count[k], 1);
	ck_assert_uint_eq(st.bytes[k], allocs[_i].bytes);
	ck_assert_ret(evlsim_leak_check("tleak"), allocs[_i].kind == TLEAK_CACHE ? 2 : 1);
	/* freed after the fact: nothing left */
	tleak_free_all();
	ck_assert_ret(evlsim_leak_check("tleak"), 0);
	evlsim_reset_reports();
}
END_TEST

START_TEST(test_unload_reports_everything_left)
{
	struct evlsim_capture c;
	char *out;
	int i;

	for (i = 0; i < NR_ALLOCS; i++)
		ck_assert_int_ge(tleak_alloc(allocs[i].kind, allocs[i].size), 0);
	ck_assert_ret(tleak_kthread_start(), 0);
	ck_assert_ret(tleak_work_queue(), 0);
	ck_assert_ret(tleak_timer_arm(), 0);
	ck_assert_ret(tleak_device_register(), 0);
	tleak_modref_get();
	evlsim_capture_start(&c);
	ck_assert_ret(evlsim_unload_module("tleak"), 0);
	out = evlsim_capture_end(&c);
	/* every allocation, the cache, kthread, work, timer, device, module reference */
	ck_assert_uint_eq(evlsim_report_count(EVLSIM_REPORT_LEAK), NR_ALLOCS + 1 + 5);
	for (i = 0; i < NR_ALLOCS; i++)
		ck_assert_msg(strstr(out, allocs[i].fn), "no %s in:\n%s", allocs[i].fn, out);
	ck_assert(strstr(out, "kthread 'tleak-kt'"));
	ck_assert(strstr(out, "on workqueue"));
	ck_assert(strstr(out, "EVL timer"));
	ck_assert(strstr(out, "misc device 'tleak-extra'"));
	ck_assert(strstr(out, "holding 1 module reference"));
	free(out);
	/* the simulator stopped the timer and the work and removed the device */
	/* (the kthread, reported, runs on unaccounted) */
	ck_assert_uint_eq(evlsim_leak_check("tleak"), NR_ALLOCS + 1);
	ck_assert_ret(tleak_kthread_stop(), 0);	/* still running: left alone */
	tleak_modref_put();
	ck_assert_ret(tleak_timer_disarm(), 0);
	tleak_free_all();
	ck_assert_ret(evlsim_leak_check("tleak"), 0);
	evlsim_reset_reports();
}
END_TEST

START_TEST(test_leak_check_clean)
{
	ck_assert_ret(evlsim_unload_module("tleak"), 0);
	ck_assert_ret(evlsim_leak_check("tleak"), 0);
	/* the example drivers come out clean */
	ck_assert_ret(evlsim_load_module("echo"), 0);
	ck_assert_ret(evlsim_unload_module("echo"), 0);
	ck_assert_ret(evlsim_leak_check("echo"), 0);
	ck_assert_ret(evlsim_load_module("xfifo"), 0);
	ck_assert_ret(evlsim_unload_module("xfifo"), 0);
	ck_assert_ret(evlsim_leak_check("xfifo"), 0);
}
END_TEST

START_TEST(test_reload_after_leak)
{
	int slot = tleak_alloc(TLEAK_KMALLOC, 7);

	ck_assert_int_ge(slot, 0);
	ck_assert_ret(evlsim_unload_module("tleak"), 0);
	ck_assert_uint_eq(evlsim_report_count(EVLSIM_REPORT_LEAK), 1);
	/* reported once: a clean second life adds nothing */
	ck_assert_ret(evlsim_load_module("tleak"), 0);
	ck_assert_ret(evlsim_unload_module("tleak"), 0);
	ck_assert_uint_eq(evlsim_report_count(EVLSIM_REPORT_LEAK), 1);
	tleak_free_all();
	ck_assert_ret(evlsim_leak_check("tleak"), 0);
	evlsim_reset_reports();
}
END_TEST

/* ---- at exit -------------------------------------------------------------------------- */

static char *run_child_leaking(const char *leaks_env)
{
	struct evlsim_capture c;
	pid_t pid;
	char *out;
	int status;

	evlsim_capture_start(&c);
	pid = fork();
	ck_assert_int_ge(pid, 0);
	if (!pid) {
		if (leaks_env)
			setenv("EVLSIM_LEAKS", leaks_env, 1);
		tleak_alloc(TLEAK_VMALLOC, 100);	/* still loaded, still allocated */
		exit(0);
	}
	ck_assert_int_eq(waitpid(pid, &status, 0), pid);
	ck_assert(WIFEXITED(status) && WEXITSTATUS(status) == 0);
	out = evlsim_capture_end(&c);
	return out;
}

START_TEST(test_exit_reports_leftovers)
{
	char *out = run_child_leaking(NULL);

	ck_assert_msg(strstr(out, "[exit-leak] tleak: at exit with 4096 bytes of vmalloc"),
		      "%s", out);
	ck_assert_msg(strstr(out, "tleak_do_vmalloc"), "%s", out);
	free(out);
}
END_TEST

START_TEST(test_exit_leaks_off)
{
	char *out = run_child_leaking("off");

	ck_assert_msg(!strstr(out, "exit-leak"), "%s", out);
	free(out);
}
END_TEST

static Suite *suite(void)
{
	Suite *s = suite_create("accounting");
	TCase *tc;

	evlsim_check_fixture(setup, teardown);
	evlsim_check_modules("tleak");
	tc = tcase("counts");
	tcase_add_loop_test(tc, test_counts_up_and_down, 0, NR_ALLOCS);
	tcase_add_test(tc, test_counts_many);
	tcase_add_test(tc, test_cache_counted);
	tcase_add_test(tc, test_other_kinds_counted);
	tcase_add_test(tc, test_bad_arguments);
	suite_add_tcase(s, tc);

	tc = tcase("leaks");
	tcase_add_test(tc, test_freed_before_unload_no_report);
	tcase_add_loop_test(tc, test_unload_reports_each_allocation, 0, NR_ALLOCS);
	tcase_add_test(tc, test_unload_reports_everything_left);
	tcase_add_test(tc, test_leak_check_clean);
	tcase_add_test(tc, test_reload_after_leak);
	suite_add_tcase(s, tc);

	tc = tcase("exit");
	tcase_add_test(tc, test_exit_reports_leftovers);
	tcase_add_test(tc, test_exit_leaks_off);
	suite_add_tcase(s, tc);

	return s;
}

int main(void)
{
	return evlsim_check_run(suite());
}
