// SPDX-License-Identifier: MIT
/*
 * check_pwm: the PWM consumer and provider API of drivers (docs/api/pwm.md), on the test
 * driver tpwm bound to two platform devices (one with a device-tree node, one without)
 * and the built-in chip evlsim-pwm. Proves lookups from "pwms"/"pwm-names" and from the
 * board's lookup table with every error, the core's checks on an apply and its skipping
 * of an unchanged state, an apply failure leaving the state, the consumer helpers, a
 * removed chip giving -ENODEV, the provider's own errors, consumers applying from real
 * threads, PWMs and chips charged to the module and reported at unload, the fault sites,
 * and the in-band only services refused from the out-of-band stage (EVL has no oob PWM
 * call).
 */
#define _GNU_SOURCE
#include <pthread.h>
#include <evl/thread.h>
#include <evlsim/hw.h>
#include "evlsim-check.h"
#include "../drivers/tpwm-abi.h"

#define EPROBE_DEFER	517
#ifndef ENODATA
#define ENODATA		61
#endif

static struct evlsim_pwm_chip *sim, *fast;
static struct evlsim_pdev *of_dev, *plain_dev;

static void setup(void)
{
	unsigned int id, fid;

	evlsim_reset_reports();
	ck_assert_ret(evlsim_pwm_chip_create("pwm-sim", 4, 0, &sim), 0);
	ck_assert_ret(evlsim_pwm_chip_create("pwm-fast", 2, EVLSIM_PWM_ATOMIC, &fast), 0);
	id = (unsigned int)evlsim_pwm_chip_id(sim);
	fid = (unsigned int)evlsim_pwm_chip_id(fast);
	ck_assert_uint_ne(id, fid);
	{
		/* <chip channel period flags>: motor, fan (inverted), bad (no channel 9),
		 * ghost (no chip 50), fast (the atomic chip) */
		const unsigned int pwms[] = { id, 0, 1000000, 0,  id, 1, 500000, 1,
					      id, 9, 100, 0,  50, 0, 100, 0,  fid, 0, 20000, 0 };
		const char *const names[] = { "motor", "fan", "bad", "ghost", "fast" };
		const struct evlsim_prop props[] = {
			{ .name = "pwms", .type = EVLSIM_PROP_U32, .count = 20, .u32s = pwms },
			{ .name = "pwm-names", .type = EVLSIM_PROP_STRING, .count = 5,
			  .strs = names },
		};
		struct evlsim_pdev_info info = {
			.name = "tpwm", .id = -1, .compatible = "evlsim,tpwm",
			.props = props, .num_props = 2,
		};
		struct evlsim_pdev_info plain = { .name = "tpwm", .id = 1 };

		ck_assert_ret(evlsim_platform_device_add(&info, &of_dev), 0);
		ck_assert_ret(evlsim_platform_device_add(&plain, &plain_dev), 0);
	}
	ck_assert_ret(evlsim_load_module("tpwm"), 0);
	ck_assert_int_eq(tpwm_bound(TPWM_DEV_OF), 1);
	ck_assert_int_eq(tpwm_bound(TPWM_DEV_PLAIN), 1);
}

static void teardown(void)
{
	ck_assert_ret(evlsim_unload_module("tpwm"), 0);
	ck_assert_ret(evlsim_platform_device_remove(plain_dev), 0);
	ck_assert_ret(evlsim_platform_device_remove(of_dev), 0);
	ck_assert_ret(evlsim_pwm_chip_destroy(fast), 0);
	ck_assert_ret(evlsim_pwm_chip_destroy(sim), 0);
	ck_assert_no_reports();
}

static struct evlsim_pwm_channel channel(struct evlsim_pwm_chip *c, unsigned int ch)
{
	struct evlsim_pwm_channel st;

	ck_assert_ret(evlsim_pwm_channel_state(c, ch, &st), 0);
	return st;
}

static void put(int slot)
{
	tpwm_put(slot);
}

/* ---- lookups ------------------------------------------------------------------------------ */

START_TEST(test_pwm_lookup_of)
{
	unsigned long long period;
	int motor, fan, pol, s;

	motor = tpwm_get(TPWM_DEV_OF, "motor", TPWM_GET);
	ck_assert_int_ge(motor, 0);
	ck_assert_int_eq(channel(sim, 0).requested, 1);
	ck_assert_int_eq(tpwm_label_is(motor, "motor"), 1);
	tpwm_args(motor, &period, &pol);
	ck_assert_uint_eq(period, 1000000);
	ck_assert_int_eq(pol, 0);
	ck_assert_int_eq(tpwm_might_sleep(motor), 1);
	fan = tpwm_get(TPWM_DEV_OF, "fan", TPWM_FWNODE);
	ck_assert_int_ge(fan, 0);
	tpwm_args(fan, &period, &pol);
	ck_assert_uint_eq(period, 500000);
	ck_assert_int_eq(pol, 1);				/* PWM_POLARITY_INVERTED */
	/* a NULL con_id is the first entry, requested already */
	ck_assert_int_eq(tpwm_get(TPWM_DEV_OF, NULL, TPWM_GET), -EBUSY);
	ck_assert_int_eq(tpwm_get(TPWM_DEV_OF, "motor", TPWM_DEVM), -EBUSY);
	ck_assert_int_eq(tpwm_get(TPWM_DEV_OF, "bad", TPWM_GET), -EINVAL);	/* channel 9 */
	ck_assert_int_eq(tpwm_get(TPWM_DEV_OF, "ghost", TPWM_GET), -EPROBE_DEFER);
	ck_assert_int_eq(tpwm_get(TPWM_DEV_OF, "nope", TPWM_GET), -ENODATA);
	ck_assert_int_eq(tpwm_get(TPWM_DEV_PLAIN, "motor", TPWM_FWNODE), -ENODEV);
	put(motor);
	ck_assert_int_eq(channel(sim, 0).requested, 0);
	/* by index 0, labelled from "pwm-names" */
	s = tpwm_get(TPWM_DEV_OF, NULL, TPWM_GET);
	ck_assert_int_ge(s, 0);
	ck_assert_int_eq(tpwm_label_is(s, "motor"), 1);
	s = tpwm_get(TPWM_DEV_OF, "fast", TPWM_GET);
	ck_assert_int_ge(s, 0);
	ck_assert_int_eq(tpwm_might_sleep(s), 0);
	ck_assert_int_eq(channel(fast, 0).requested, 1);
	/* the devm_fwnode one goes with the unbind, the others are put at teardown */
	tpwm_put(0);
	tpwm_put(2);
}
END_TEST

START_TEST(test_pwm_lookup_table)
{
	const char *dev_id = evlsim_platform_device_name(plain_dev);
	unsigned long long period;
	int s, pol;

	ck_assert_str_eq(dev_id, "tpwm.1");
	ck_assert_int_eq(tpwm_get(TPWM_DEV_PLAIN, "led", TPWM_GET), -ENODEV);	/* no entry */
	ck_assert_ret(tpwm_table_add("pwm-sim", 2, "tpwm.1", "led", 2000, 1), 0);
	ck_assert_ret(tpwm_table_add("nosuch", 0, NULL, "buzz", 100, 0), 0);
	ck_assert_ret(tpwm_table_add("pwm-sim", 3, NULL, NULL, 3000, 0), 0);	/* never chosen */
	ck_assert_ret(tpwm_table_add("pwm-sim", 7, "tpwm.1", NULL, 3000, 0), 0);
	s = tpwm_get(TPWM_DEV_PLAIN, "led", TPWM_GET);
	ck_assert_int_ge(s, 0);
	ck_assert_int_eq(channel(sim, 2).requested, 1);
	ck_assert_int_eq(tpwm_label_is(s, "led"), 1);
	tpwm_args(s, &period, &pol);
	ck_assert_uint_eq(period, 2000);
	ck_assert_int_eq(pol, 1);
	ck_assert_int_eq(tpwm_get(TPWM_DEV_NULL, "buzz", TPWM_GET), -EPROBE_DEFER);
	ck_assert_int_eq(tpwm_get(TPWM_DEV_NULL, "other", TPWM_GET), -ENODEV);
	/* the device-only entry (match 2) wins over nothing: channel 7 does not exist */
	ck_assert_int_eq(tpwm_get(TPWM_DEV_PLAIN, "other", TPWM_GET), -EINVAL);
	ck_assert_int_eq(tpwm_get(TPWM_DEV_PLAIN, "led", TPWM_DEVM), -EBUSY);
	put(s);
	tpwm_table_clear();
	ck_assert_int_eq(tpwm_get(TPWM_DEV_PLAIN, "led", TPWM_GET), -ENODEV);
}
END_TEST

/* ---- applying ----------------------------------------------------------------------------- */

START_TEST(test_pwm_apply_checks)
{
	struct tpwm_state st = { .period = 1000, .duty_cycle = 250, .enabled = 1 }, got;
	struct evlsim_pwm_channel c;
	int s = tpwm_get(TPWM_DEV_OF, "motor", TPWM_GET);

	ck_assert_int_ge(s, 0);
	ck_assert_int_eq(tpwm_apply(s, NULL, 0), -EINVAL);
	ck_assert_int_eq(tpwm_apply_bad(0), -EINVAL);
	ck_assert_int_eq(tpwm_apply_bad(1), -EINVAL);
	ck_assert_int_eq(tpwm_apply(s, &(struct tpwm_state){ .period = 0 }, 0), -EINVAL);
	ck_assert_int_eq(tpwm_apply(s, &(struct tpwm_state){ .period = 10, .duty_cycle = 11 }, 0),
			 -EINVAL);
	ck_assert_uint_eq(channel(sim, 0).applies, 0);
	ck_assert_int_eq(tpwm_apply(s, &st, 0), 0);
	c = channel(sim, 0);
	ck_assert_uint_eq(c.applies, 1);
	ck_assert_uint_eq(c.period, 1000);
	ck_assert_uint_eq(c.duty_cycle, 250);
	ck_assert_int_eq(c.enabled, 1);
	ck_assert_int_eq(c.polarity, 0);
	/* the same state again: not passed to the driver */
	ck_assert_int_eq(tpwm_apply(s, &st, 0), 0);
	ck_assert_uint_eq(channel(sim, 0).applies, 1);
	/* duty == period is valid; a failing ->apply() leaves the state */
	ck_assert_ret(evlsim_pwm_fail_apply(sim, 0, -EIO), 0);
	ck_assert_int_eq(tpwm_apply(s, &(struct tpwm_state){ .period = 1000, .duty_cycle = 1000,
							    .polarity = 1, .enabled = 1 }, 0), -EIO);
	ck_assert_uint_eq(channel(sim, 0).applies, 2);
	tpwm_get_state(s, &got);
	ck_assert_uint_eq(got.duty_cycle, 250);
	ck_assert_int_eq(got.polarity, 0);
	ck_assert_int_eq(tpwm_apply(s, &(struct tpwm_state){ .period = 1000, .duty_cycle = 1000,
							    .polarity = 1, .enabled = 1,
							    .usage_power = 1 }, 0), 0);
	c = channel(sim, 0);
	ck_assert_uint_eq(c.duty_cycle, 1000);
	ck_assert_int_eq(c.polarity, 1);
	ck_assert_int_eq(c.usage_power, 1);
	/* pwm_apply_atomic() on a sleeping chip: WARN_ONCE, then applied */
	ck_assert_int_eq(tpwm_apply(s, &st, 1), 0);
	ck_assert_uint_eq(evlsim_report_count(EVLSIM_REPORT_WARN), 1);
	ck_assert_uint_eq(channel(sim, 0).duty_cycle, 250);
	evlsim_reset_reports();
	put(s);
	/* an atomic chip: no warning */
	s = tpwm_get(TPWM_DEV_OF, "fast", TPWM_GET);
	ck_assert_int_ge(s, 0);
	ck_assert_int_eq(tpwm_apply(s, &st, 1), 0);
	ck_assert_uint_eq(channel(fast, 0).duty_cycle, 250);
	put(s);
}
END_TEST

START_TEST(test_pwm_consumer_helpers)
{
	struct tpwm_state st = { .period = 1000 };
	struct evlsim_pwm_channel c;
	int s;

	/* the boot loader's setting, read back at the request (->get_state()) */
	ck_assert_ret(evlsim_pwm_set_hw_state(sim, 1, 40000, 10000, 1, 1), 0);
	s = tpwm_get(TPWM_DEV_OF, "fan", TPWM_GET);
	ck_assert_int_ge(s, 0);
	ck_assert_int_eq(tpwm_is_enabled(s), 1);
	ck_assert_uint_eq(tpwm_period(s), 40000);
	ck_assert_uint_eq(tpwm_duty(s), 10000);
	ck_assert_int_eq(tpwm_polarity(s), 1);
	/* pwm_init_state(): the board's period and polarity, duty 0, enabled kept */
	tpwm_init_state(s, &st);
	ck_assert_uint_eq(st.period, 500000);
	ck_assert_uint_eq(st.duty_cycle, 0);
	ck_assert_int_eq(st.polarity, 1);
	ck_assert_int_eq(st.enabled, 1);
	/* pwm_adjust_config(): the duty cycle scaled to the board's period */
	ck_assert_int_eq(tpwm_adjust(s), 0);
	ck_assert_uint_eq(tpwm_period(s), 500000);
	ck_assert_uint_eq(tpwm_duty(s), 125000);
	/* pwm_config(), pwm_enable(), pwm_disable() */
	ck_assert_int_eq(tpwm_config(s, -1, 100), -EINVAL);
	ck_assert_int_eq(tpwm_config(s, 10, -1), -EINVAL);
	ck_assert_int_eq(tpwm_config(-1, 10, 100), -EINVAL);
	ck_assert_int_eq(tpwm_config(s, 200, 100), -EINVAL);
	ck_assert_int_eq(tpwm_config(s, 25, 100), 0);
	c = channel(sim, 1);
	ck_assert_uint_eq(c.period, 100);
	ck_assert_uint_eq(c.duty_cycle, 25);
	tpwm_disable(s);
	ck_assert_int_eq(channel(sim, 1).enabled, 0);
	ck_assert_int_eq(tpwm_is_enabled(s), 0);
	tpwm_disable(-1);
	ck_assert_int_eq(tpwm_enable(-1), -EINVAL);
	ck_assert_int_eq(tpwm_enable(s), 0);
	ck_assert_int_eq(channel(sim, 1).enabled, 1);
	ck_assert_uint_eq(channel(sim, 1).applies, 4);	/* adjust, config, disable, enable */
	ck_assert_int_eq(tpwm_enable(s), 0);		/* enabled already: no apply */
	ck_assert_int_eq(tpwm_config(s, 25, 100), 0);	/* the same: no apply */
	ck_assert_uint_eq(channel(sim, 1).applies, 4);
	/* relative duty cycles */
	st = (struct tpwm_state){ .period = 1000 };
	ck_assert_int_eq(tpwm_set_relative(&st, 1, 0), -EINVAL);
	ck_assert_int_eq(tpwm_set_relative(&st, 4, 3), -EINVAL);
	ck_assert_int_eq(tpwm_set_relative(&st, 1, 3), 0);
	ck_assert_uint_eq(st.duty_cycle, 333);
	ck_assert_int_eq(tpwm_set_relative(&st, 2, 3), 0);
	ck_assert_uint_eq(st.duty_cycle, 667);
	ck_assert_uint_eq(tpwm_get_relative(&st, 100), 67);
	st.period = 0;
	ck_assert_uint_eq(tpwm_get_relative(&st, 100), 0);
	put(s);
}
END_TEST

/* ---- providers ---------------------------------------------------------------------------- */

START_TEST(test_pwm_provider_and_removal)
{
	struct tpwm_state st = { .period = 100, .duty_cycle = 50, .enabled = 1 };
	const char *prov = evlsim_platform_device_name(of_dev);
	int id, s;

	ck_assert_int_eq(tpwm_chip_add(2, TPWM_CHIP_NO_APPLY), -EINVAL);
	ck_assert_int_eq(tpwm_chip_add(2, TPWM_CHIP_NO_PARENT), -EINVAL);
	ck_assert_int_eq(tpwm_chip_add(2, TPWM_CHIP_NO_NPWM), -EINVAL);
	id = tpwm_chip_add(2, TPWM_CHIP_PLAIN);
	ck_assert_int_ge(id, 0);
	ck_assert_int_ne(id, evlsim_pwm_chip_id(sim));
	ck_assert_int_eq(tpwm_chip_drvdata_ok(), 1);
	ck_assert_ret(tpwm_table_add(prov, 1, NULL, "own", 100, 0), 0);
	s = tpwm_get(TPWM_DEV_NULL, "own", TPWM_GET);
	ck_assert_int_ge(s, 0);
	ck_assert_int_eq(tpwm_apply(s, &st, 0), 0);
	ck_assert_uint_eq(tpwm_chip_applies(1), 1);
	/* the chip goes: its consumer's calls get -ENODEV, its put is quiet */
	tpwm_chip_remove();
	st.duty_cycle = 10;
	ck_assert_int_eq(tpwm_apply(s, &st, 0), -ENODEV);
	ck_assert_int_eq(tpwm_get(TPWM_DEV_NULL, "own", TPWM_GET), -EPROBE_DEFER);
	put(s);
	tpwm_table_clear();
	ck_assert_uint_eq(evlsim_report_total(), 0);
}
END_TEST

/* ---- accounting --------------------------------------------------------------------------- */

START_TEST(test_pwm_accounting_leaks)
{
	struct evlsim_module_stats ms;
	int s;

	s = tpwm_get(TPWM_DEV_OF, "motor", TPWM_GET);
	ck_assert_int_ge(s, 0);
	ck_assert_int_ge(tpwm_chip_add(2, TPWM_CHIP_PLAIN), 0);
	ck_assert_ret(evlsim_module_stats("tpwm", &ms), 0);
	ck_assert_uint_eq(ms.count[EVLSIM_ACCT_PWMS], 1);
	ck_assert_uint_eq(ms.count[EVLSIM_ACCT_PWM_CHIPS], 1);
	/* the PWM, the chip, its memory, and the platform driver (registered, as it is) */
	ck_assert_int_eq(evlsim_leak_check("tpwm"), 4);
	ck_assert_uint_eq(evlsim_report_count(EVLSIM_REPORT_LEAK), 4);
	evlsim_reset_reports();
	/* left at unload: reported, put and removed (the chip's memory, never put, is the
	 * module's leak too) */
	ck_assert_ret(evlsim_unload_module("tpwm"), 0);
	ck_assert_uint_eq(evlsim_report_count(EVLSIM_REPORT_LEAK), 3);
	ck_assert_uint_eq(evlsim_report_total(), 3);
	evlsim_reset_reports();
	ck_assert_int_eq(channel(sim, 0).requested, 0);
	ck_assert_ret(evlsim_module_stats("tpwm", &ms), 0);
	ck_assert_uint_eq(ms.count[EVLSIM_ACCT_PWMS], 0);
	ck_assert_uint_eq(ms.count[EVLSIM_ACCT_PWM_CHIPS], 0);
	/* managed ones go with the unbind: nothing reported */
	ck_assert_ret(evlsim_load_module("tpwm"), 0);
	ck_assert_int_ge(tpwm_get(TPWM_DEV_OF, "motor", TPWM_DEVM), 0);
	ck_assert_int_ge(tpwm_chip_add(2, TPWM_CHIP_DEVM), 0);
	ck_assert_ret(evlsim_module_stats("tpwm", &ms), 0);
	ck_assert_uint_eq(ms.count[EVLSIM_ACCT_PWMS], 1);
	ck_assert_uint_eq(ms.count[EVLSIM_ACCT_PWM_CHIPS], 1);
	ck_assert_ret(evlsim_unload_module("tpwm"), 0);
	ck_assert_uint_eq(evlsim_report_total(), 0);
	ck_assert_int_eq(channel(sim, 0).requested, 0);
	ck_assert_ret(evlsim_load_module("tpwm"), 0);
}
END_TEST

/* ---- faults and stages -------------------------------------------------------------------- */

START_TEST(test_pwm_fault_sites)
{
	struct tpwm_state st = { .period = 1000, .duty_cycle = 100 };
	int s;

	ck_assert_ret(evlsim_fault_set("fail_pwm_get", "times=1"), 0);
	ck_assert_int_eq(tpwm_get(TPWM_DEV_OF, "motor", TPWM_GET), -ENODEV);
	ck_assert_int_eq(channel(sim, 0).requested, 0);
	s = tpwm_get(TPWM_DEV_OF, "motor", TPWM_GET);
	ck_assert_int_ge(s, 0);
	ck_assert_ret(evlsim_fault_set("fail_pwm_apply", "times=1"), 0);
	ck_assert_int_eq(tpwm_apply(s, &st, 0), -EIO);
	ck_assert_uint_eq(channel(sim, 0).applies, 0);		/* failed before the driver */
	ck_assert_int_eq(tpwm_apply(s, &st, 0), 0);
	ck_assert_uint_eq(channel(sim, 0).applies, 1);
	ck_assert_ret(evlsim_fault_set("fail_pwm_get", "times=0"), 0);
	ck_assert_ret(evlsim_fault_set("fail_pwm_apply", "times=0"), 0);
	put(s);
}
END_TEST

START_TEST(test_pwm_refused_oob)
{
	struct tpwm_state st = { .period = 1000, .duty_cycle = 100 };
	int s = tpwm_get(TPWM_DEV_OF, "fast", TPWM_GET), r1, r2;

	ck_assert_int_ge(s, 0);
	attach();
	/* EVL has no oob PWM call: each is reported once, as an in-band service */
	ck_assert_ret(evl_switch_oob(), 0);
	r1 = tpwm_apply(s, &st, 1);
	r2 = tpwm_apply(s, &st, 0);
	ck_assert_int_eq(r1, 0);
	ck_assert_int_eq(r2, 0);
	ck_assert_uint_eq(evlsim_report_count(EVLSIM_REPORT_RULE), 2);
	ck_assert_ret(evl_switch_oob(), 0);
	tpwm_put(s);
	ck_assert_uint_eq(evlsim_report_count(EVLSIM_REPORT_RULE), 3);
	ck_assert_uint_eq(evlsim_report_total(), 3);
	evlsim_reset_reports();
	ck_assert_ret(evl_detach_self(), 0);
}
END_TEST

/* ---- concurrency -------------------------------------------------------------------------- */

#define NTHREADS	4
#define NAPPLIES	500

struct worker {
	pthread_t tid;
	char con[8];
	int atomic;
	int slot, ret;
};

static void *apply_loop(void *arg)
{
	struct worker *w = arg;
	struct tpwm_state st = { .period = 1000, .enabled = 1 };
	int i;

	w->slot = tpwm_get(TPWM_DEV_NULL, w->con, TPWM_GET);
	if (w->slot < 0)
		return NULL;
	for (i = 1; i <= NAPPLIES && !w->ret; i++) {
		st.duty_cycle = i % 1000;
		w->ret = tpwm_apply(w->slot, &st, w->atomic);
	}
	return NULL;
}

static void run_workers(struct evlsim_pwm_chip *c, int atomic, const char *prov, int n)
{
	struct worker w[NTHREADS];
	int i;

	for (i = 0; i < n; i++) {
		snprintf(w[i].con, sizeof(w[i].con), "c%d", i);
		ck_assert_ret(tpwm_table_add(prov, i, NULL, w[i].con, 1000, 0), 0);
		w[i].atomic = atomic;
		w[i].ret = 0;
	}
	for (i = 0; i < n; i++)
		ck_assert_int_eq(pthread_create(&w[i].tid, NULL, apply_loop, &w[i]), 0);
	for (i = 0; i < n; i++)
		ck_assert_int_eq(pthread_join(w[i].tid, NULL), 0);
	for (i = 0; i < n; i++) {
		struct evlsim_pwm_channel st = channel(c, i);

		ck_assert_int_ge(w[i].slot, 0);
		ck_assert_int_eq(w[i].ret, 0);
		ck_assert_uint_eq(st.applies, NAPPLIES);
		ck_assert_uint_eq(st.duty_cycle, NAPPLIES % 1000);
		ck_assert_int_eq(st.enabled, 1);
		tpwm_put(w[i].slot);
	}
	tpwm_table_clear();
}

START_TEST(test_pwm_concurrent_consumers)
{
	run_workers(sim, 0, "pwm-sim", 4);
	run_workers(fast, 1, "pwm-fast", 2);
}
END_TEST

static void *get_shared(void *arg)
{
	struct worker *w = arg;

	w->slot = tpwm_get(TPWM_DEV_NULL, "shared", TPWM_GET);
	return NULL;
}

START_TEST(test_pwm_concurrent_get_one_wins)
{
	struct worker w[NTHREADS];
	int i, won = 0, busy = 0;

	ck_assert_ret(tpwm_table_add("pwm-sim", 3, NULL, "shared", 1000, 0), 0);
	for (i = 0; i < NTHREADS; i++)
		ck_assert_int_eq(pthread_create(&w[i].tid, NULL, get_shared, &w[i]), 0);
	for (i = 0; i < NTHREADS; i++)
		ck_assert_int_eq(pthread_join(w[i].tid, NULL), 0);
	for (i = 0; i < NTHREADS; i++) {
		if (w[i].slot >= 0) {
			won++;
			tpwm_put(w[i].slot);
		} else {
			ck_assert_int_eq(w[i].slot, -EBUSY);
			busy++;
		}
	}
	ck_assert_int_eq(won, 1);
	ck_assert_int_eq(busy, NTHREADS - 1);
	ck_assert_uint_eq(channel(sim, 3).requests, 1);
	tpwm_table_clear();
}
END_TEST

static Suite *pwm_suite(void)
{
	Suite *s = suite_create("pwm");
	TCase *tc = tcase_create("pwm");

	tcase_add_checked_fixture(tc, setup, teardown);
	tcase_add_test(tc, test_pwm_lookup_of);
	tcase_add_test(tc, test_pwm_lookup_table);
	tcase_add_test(tc, test_pwm_apply_checks);
	tcase_add_test(tc, test_pwm_consumer_helpers);
	tcase_add_test(tc, test_pwm_provider_and_removal);
	tcase_add_test(tc, test_pwm_accounting_leaks);
	tcase_add_test(tc, test_pwm_fault_sites);
	tcase_add_test(tc, test_pwm_refused_oob);
	tcase_add_test(tc, test_pwm_concurrent_consumers);
	tcase_add_test(tc, test_pwm_concurrent_get_one_wins);
	suite_add_tcase(s, tc);
	return s;
}

int main(void)
{
	return evlsim_check_run(pwm_suite());
}
