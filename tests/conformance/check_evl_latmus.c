// SPDX-License-Identifier: MIT
/*
 * check_evl_latmus: what EVL's latmus driver needs from the kernel side, through the
 * tlatmus test driver (tests/drivers/tlatmus-abi.h): the gravity of the monotonic clock
 * (spec 5.9) and timers anticipating their shot by it, periodic threads refusing a period
 * below it; sort() and int_sqrt(); per-CPU memory, dynamic and static; the latency
 * tracepoints; ONE_BILLION.
 *
 * Timing assertions only say "not before": a timer never fires before the date it was
 * programmed for (its date minus the gravity).
 */
#define _GNU_SOURCE
#include <errno.h>
#include <time.h>
#include <evl/evl.h>
#include <evlsim/evlsim.h>
#include "evlsim-check.h"
#include "../drivers/tlatmus-abi.h"

#define MS		1000000LL

/* ---- sort() and int_sqrt() --------------------------------------------------------------- */

static const struct sort_case {
	int n;
	int v[9];
} sort_cases[] = {
	{ 0, { 0 } },
	{ 1, { 5 } },
	{ 2, { 2, 1 } },
	{ 5, { 3, 3, 3, 3, 3 } },
	{ 8, { 8, 7, 6, 5, 4, 3, 2, 1 } },
	{ 9, { -4, 100, 0, -4, 7, 2147483647, -2147483647 - 1, 1, 0 } },
};

static int cmp_ref(const void *a, const void *b)
{
	int l = *(const int *)a, r = *(const int *)b;

	return (l > r) - (l < r);
}

START_TEST(test_latmus_sort_table)
{
	const struct sort_case *c = &sort_cases[_i];
	int v[9], ref[9], i;

	memcpy(v, c->v, sizeof(v));
	memcpy(ref, c->v, sizeof(ref));
	qsort(ref, c->n, sizeof(int), cmp_ref);
	tlat_sort(v, c->n, 0);
	for (i = 0; i < c->n; i++)
		ck_assert_msg(v[i] == ref[i], "row %d: v[%d] = %d, expected %d", _i, i, v[i],
			      ref[i]);
	tlat_sort(v, c->n, 1);
	for (i = 0; i < c->n; i++)
		ck_assert_msg(v[i] == ref[c->n - 1 - i], "row %d (desc): v[%d] = %d", _i, i,
			      v[i]);
}
END_TEST

START_TEST(test_latmus_sort_random_and_odd_size)
{
	unsigned int seed = (unsigned int)evlsim_check_seed();
	unsigned char rec[300][3];
	int v[500], ref[500], i;

	for (i = 0; i < 500; i++)
		ref[i] = v[i] = rand_r(&seed) % 1000 - 500;
	qsort(ref, 500, sizeof(int), cmp_ref);
	tlat_sort(v, 500, 0);
	ck_assert_int_eq(memcmp(v, ref, sizeof(v)), 0);

	for (i = 0; i < 300; i++) {	/* 3-byte elements: the byte-wise swap */
		rec[i][0] = (unsigned char)(rand_r(&seed) & 0xff);
		rec[i][1] = rec[i][2] = (unsigned char)(rec[i][0] ^ 0x5a);
	}
	tlat_sort_bytes(rec, 300, 3);
	for (i = 0; i < 300; i++) {
		if (i)
			ck_assert_uint_le(rec[i - 1][0], rec[i][0]);
		ck_assert_uint_eq(rec[i][1], rec[i][0] ^ 0x5a);	/* moved whole */
		ck_assert_uint_eq(rec[i][2], rec[i][0] ^ 0x5a);
	}
}
END_TEST

static const struct sqrt_case {
	unsigned long x, r;
} sqrt_cases[] = {
	{ 0, 0 }, { 1, 1 }, { 2, 1 }, { 3, 1 }, { 4, 2 }, { 15, 3 }, { 16, 4 },
	{ 1000000, 1000 }, { 999999, 999 }, { 4294967295UL, 65535 },
	{ 18446744073709551615UL, 4294967295UL }, { 18446744065119617025UL, 4294967295UL },
	{ 18446744065119617024UL, 4294967294UL },
};

START_TEST(test_latmus_int_sqrt_table)
{
	const struct sqrt_case *c = &sqrt_cases[_i];

	ck_assert_msg(tlat_int_sqrt(c->x) == c->r, "int_sqrt(%lu) = %lu, expected %lu", c->x,
		      tlat_int_sqrt(c->x), c->r);
}
END_TEST

/* ---- gravity ---------------------------------------------------------------------------- */

START_TEST(test_latmus_gravity_default_set_reset)
{
	struct tlat_gravity g, set = { 1000, 2000, 3000 };

	tlat_gravity_get(&g);
	ck_assert_int_eq(g.irq, 0);
	ck_assert_int_eq(g.kernel, 0);
	ck_assert_int_eq(g.user, 0);
	tlat_gravity_set(&set);
	tlat_gravity_get(&g);
	ck_assert_int_eq(g.irq, 1000);
	ck_assert_int_eq(g.kernel, 2000);
	ck_assert_int_eq(g.user, 3000);
	tlat_gravity_reset();
	tlat_gravity_get(&g);
	ck_assert_int_eq(g.irq + g.kernel + g.user, 0);
	ck_assert_ret(tlat_gravity_set_api(&set), 0);
	tlat_gravity_get(&g);
	ck_assert_int_eq(g.user, 3000);
	tlat_gravity_reset();
}
END_TEST

/* A timer is programmed its gravity before its date: irq gravity by default, user
 * gravity after evl_set_timer_gravity(EVL_TIMER_UGRAVITY). */
START_TEST(test_latmus_timer_anticipates_by_gravity)
{
	struct tlat_gravity set = { 2 * MS, 7 * MS, 5 * MS };
	long long date, tdate, expiry, fired;

	tlat_gravity_set(&set);
	date = now_ns() + 50 * MS;
	ck_assert_ret(tlat_timer_shot(0, date, &tdate, &expiry, &fired), 0);
	ck_assert_int_eq(tdate, date - 2 * MS);
	ck_assert_int_eq(expiry, date);
	ck_assert_int_ge(fired, date - 2 * MS);

	date = now_ns() + 50 * MS;
	ck_assert_ret(tlat_timer_shot(1, date, &tdate, &expiry, &fired), 0);
	ck_assert_int_eq(tdate, date - 5 * MS);
	ck_assert_int_eq(expiry, date);
	ck_assert_int_ge(fired, date - 5 * MS);
	tlat_gravity_reset();

	date = now_ns() + 20 * MS;
	ck_assert_ret(tlat_timer_shot(1, date, &tdate, &expiry, &fired), 0);
	ck_assert_int_eq(tdate, date);
	ck_assert_int_ge(fired, date);
}
END_TEST

START_TEST(test_latmus_periodic_ticks_anticipated)
{
	struct tlat_gravity set = { 3 * MS, 0, 0 };
	long long start, fired[3];
	int n;

	tlat_gravity_set(&set);
	start = now_ns() + 20 * MS;
	ck_assert_ret(tlat_timer_periodic(start, 10 * MS, fired), 0);
	for (n = 0; n < 3; n++)
		ck_assert_int_ge(fired[n], start + n * 10 * MS - 3 * MS);
	tlat_gravity_reset();
}
END_TEST

START_TEST(test_latmus_period_below_gravity_einval)
{
	struct tlat_gravity set = { 0, 0, 4 * MS };

	attach();
	ck_assert_ret(tlat_set_period(10 * MS), 0);
	tlat_gravity_set(&set);
	ck_assert_ret(tlat_set_period(3 * MS), -EINVAL);
	ck_assert_ret(tlat_set_period(4 * MS), 0);
	tlat_gravity_reset();
	ck_assert_ret(tlat_set_period(3 * MS), 0);
}
END_TEST

/* ---- per-CPU memory ----------------------------------------------------------------------- */

START_TEST(test_latmus_percpu_dynamic)
{
	ck_assert_ret(tlat_percpu_dynamic(), 0);
	ck_assert_ret(tlat_percpu_dynamic(), 0);	/* freed and reused: zeroed again */
}
END_TEST

START_TEST(test_latmus_percpu_static)
{
	int cpu, n = evlsim_nr_cpus(), mine;

	for (cpu = 0; cpu < n; cpu++)
		ck_assert_int_eq(tlat_percpu_read(cpu), 5);	/* every copy initialised */
	mine = tlat_percpu_inc_this();
	ck_assert_int_ge(mine, 0);
	ck_assert_int_lt(mine, n);
	for (cpu = 0; cpu < n; cpu++)
		ck_assert_int_eq(tlat_percpu_read(cpu), cpu == mine ? 6 : 5);
}
END_TEST

/* ---- tracepoints and constants ------------------------------------------------------------ */

START_TEST(test_latmus_latspot_traced)
{
	long last;

	evlsim_trace_reset();
	tlat_latspot(4321);
	ck_assert_uint_eq(evlsim_trace_count("evl_latspot", &last), 1);
	ck_assert_int_eq(last, 4321);
	ck_assert_uint_eq(evlsim_trace_count("evl_trigger", NULL), 1);
	ck_assert_int_eq(tlat_samples_per_sec(1000000), 1000);
	ck_assert_int_eq(tlat_samples_per_sec(1), 1000000000);
}
END_TEST

static Suite *suite(void)
{
	Suite *s = suite_create("evl_latmus");
	TCase *tc;

	evlsim_check_modules("tlatmus");
	tc = tcase("lib");
	tcase_add_loop_test(tc, test_latmus_sort_table, 0,
			    sizeof(sort_cases) / sizeof(sort_cases[0]));
	tcase_add_test(tc, test_latmus_sort_random_and_odd_size);
	tcase_add_loop_test(tc, test_latmus_int_sqrt_table, 0,
			    sizeof(sqrt_cases) / sizeof(sqrt_cases[0]));
	suite_add_tcase(s, tc);

	tc = tcase("gravity");
	tcase_add_test(tc, test_latmus_gravity_default_set_reset);
	tcase_add_test(tc, test_latmus_timer_anticipates_by_gravity);
	tcase_add_test(tc, test_latmus_periodic_ticks_anticipated);
	tcase_add_test(tc, test_latmus_period_below_gravity_einval);
	suite_add_tcase(s, tc);

	tc = tcase("percpu");
	tcase_add_test(tc, test_latmus_percpu_dynamic);
	tcase_add_test(tc, test_latmus_percpu_static);
	suite_add_tcase(s, tc);

	tc = tcase("trace");
	tcase_add_test(tc, test_latmus_latspot_traced);
	suite_add_tcase(s, tc);
	return s;
}

int main(void)
{
	return evlsim_check_run(suite());
}
