// SPDX-License-Identifier: MIT
/*
 * check_irq_domain: interrupt domains, chips and chained handlers as controller drivers
 * use them, and synthetic IRQs (docs/api/irq.md, "Domains"; spec hardware-model.md A.1.5,
 * C.3, C.7 P4-P5), on the test driver tgpio (tests/drivers/tgpio-abi.h).
 *
 * Proves mappings (created once, found, disposed of), a chained handler handing a pending
 * child to generic_handle_domain_irq() with the child's oob handler run at once in oob
 * interrupt context and its in-band handler on the in-band IRQ thread, the chip calls of
 * a level flow, the refusals (a chained line or a synthetic one through request_irq():
 * -EINVAL; a mapping without a chip: -ENOSYS; a per-CPU request on a common line:
 * -EINVAL), the report of a chip without IRQCHIP_PIPELINE_SAFE and of the disposal of a
 * requested mapping, synthetic IRQs posted in-band and injected oob, and the accounting
 * of mappings per module with their report at unload.
 */
#define _GNU_SOURCE
#include <evlsim/hw.h>
#include "evlsim-check.h"
#include "../drivers/tgpio-abi.h"

static int parent;

static void setup(void)
{
	ck_assert_ret(evlsim_load_module("tgpio"), 0);
	parent = evlsim_irq_line_create("parent", EVLSIM_IRQ_EDGE_RISING);
	ck_assert_int_gt(parent, 0);
	evlsim_reset_reports();
}

static void teardown(void)
{
	ck_assert_ret(evlsim_unload_module("tgpio"), 0);
	ck_assert_ret(evlsim_irq_line_destroy(parent), 0);
	ck_assert_no_reports();
}

START_TEST(test_irq_domain_mappings)
{
	int v3, v5;

	ck_assert_ret(tgpio_ctl_create(parent, 8, TGPIO_CHIP_SAFE), 0);
	ck_assert_int_eq(tgpio_ctl_find(3), 0);
	v3 = tgpio_ctl_map(3);
	ck_assert_int_gt(v3, 0);
	ck_assert_int_eq(tgpio_ctl_map(3), v3);		/* the existing mapping */
	ck_assert_int_eq(tgpio_ctl_find(3), v3);
	v5 = tgpio_ctl_map(5);
	ck_assert_int_gt(v5, 0);
	ck_assert_int_ne(v5, v3);
	evlsim_reset_reports();
	ck_assert_int_eq(tgpio_ctl_map(8), 0);		/* beyond the domain: WARN */
	ck_assert_uint_eq(evlsim_report_count(EVLSIM_REPORT_WARN), 1);
	evlsim_reset_reports();
	tgpio_ctl_dispose(v3);
	ck_assert_int_eq(tgpio_ctl_find(3), 0);
	ck_assert_ret(evlsim_irq_stats(v3, &(struct evlsim_irq_stats){ 0 }), -EINVAL);
	tgpio_ctl_dispose(v5);
	tgpio_ctl_remove();
}
END_TEST

START_TEST(test_irq_domain_chained_handler)
{
	struct tgpio_ctl_obs o;
	int v2, v6;

	ck_assert_ret(tgpio_ctl_create(parent, 8, TGPIO_CHIP_SAFE), 0);
	v2 = tgpio_ctl_map(2);
	v6 = tgpio_ctl_map(6);
	ck_assert_int_eq(tgpio_ctl_request(v2, 1), 0);
	ck_assert_int_eq(tgpio_ctl_request(v6, 0), 0);
	/* the parent line serves the chained handler: not requestable */
	ck_assert_int_eq(tgpio_request_plain(parent), -EINVAL);

	tgpio_ctl_set_pending(1UL << 2);
	ck_assert_ret(evlsim_irq_raise(parent), 0);
	tgpio_ctl_obs(&o);
	ck_assert_uint_eq(o.chained, 1);
	ck_assert_uint_eq(o.calls[2], 1);	/* at once, in the raising thread */
	ck_assert_int_eq(o.oob[2], 1);		/* oob stage, evl_in_irq(), hard irqs off */
	ck_assert_uint_eq(o.acks, 1);		/* handle_level_irq: mask+ack, then unmask */
	ck_assert_uint_ge(o.masks, 1);
	ck_assert_uint_ge(o.unmasks, 1);

	tgpio_ctl_set_pending(1UL << 6);
	ck_assert_ret(evlsim_irq_raise(parent), 0);
	ck_assert_ret(evlsim_irq_wait_idle(v6), 0);	/* in-band: the in-band IRQ thread */
	tgpio_ctl_obs(&o);
	ck_assert_uint_eq(o.calls[6], 1);
	ck_assert_int_eq(o.oob[6], 0);
	ck_assert_uint_eq(o.calls[2], 1);

	/* a requested mapping cannot be disposed of */
	tgpio_ctl_dispose(v2);
	ck_assert_uint_eq(evlsim_report_count(EVLSIM_REPORT_DRIVER), 1);
	evlsim_reset_reports();
	ck_assert_int_eq(tgpio_ctl_find(2), v2);
	tgpio_ctl_free(v2);
	tgpio_ctl_free(v6);
	tgpio_ctl_dispose(v2);
	tgpio_ctl_dispose(v6);
	tgpio_ctl_remove();
	/* unchained, the parent line is an ordinary one again */
	ck_assert_int_eq(tgpio_request_plain(parent), 0);
}
END_TEST

START_TEST(test_irq_domain_chip_rules)
{
	int v;

	/* a mapping whose ->map() set no chip: no_irq_chip, -ENOSYS */
	ck_assert_ret(tgpio_ctl_create(parent, 4, TGPIO_CHIP_NONE), 0);
	v = tgpio_ctl_map(1);
	ck_assert_int_gt(v, 0);
	ck_assert_int_eq(tgpio_ctl_request(v, 1), -ENOSYS);
	tgpio_ctl_dispose(v);
	tgpio_ctl_remove();
	/* a chip without IRQCHIP_PIPELINE_SAFE is reported (Dovetail warns) */
	ck_assert_ret(tgpio_ctl_create(parent, 4, TGPIO_CHIP_UNSAFE), 0);
	v = tgpio_ctl_map(1);
	ck_assert_uint_eq(evlsim_report_count(EVLSIM_REPORT_WARN), 1);
	evlsim_reset_reports();
	tgpio_ctl_dispose(v);
	tgpio_ctl_remove();
}
END_TEST

START_TEST(test_irq_domain_synthetic)
{
	int s1, s2, last_oob = -1;
	unsigned long n0;

	s1 = tgpio_sirq_create();
	ck_assert_int_gt(s1, 0);
	/* per-CPU-devid: request_irq() refuses, the per-CPU request takes it */
	ck_assert_int_eq(tgpio_request_plain(s1), -EINVAL);
	ck_assert_int_eq(tgpio_sirq_request(s1, 0), 0);
	n0 = tgpio_sirq_calls(&last_oob);
	tgpio_sirq_post(s1);			/* as latmus' sirq runner, hard irqs off */
	ck_assert_ret(evlsim_irq_wait_idle(s1), 0);
	ck_assert_uint_eq(tgpio_sirq_calls(&last_oob), n0 + 1);
	ck_assert_int_eq(last_oob, 0);
	tgpio_sirq_free(s1);
	ck_assert_ret(evlsim_irq_stats(s1, &(struct evlsim_irq_stats){ 0 }), -EINVAL);

	s2 = tgpio_sirq_create();
	ck_assert_int_gt(s2, 0);
	ck_assert_int_eq(tgpio_sirq_request(s2, 1), 0);
	ck_assert_int_eq(tgpio_sirq_inject(s2), 0);
	ck_assert_uint_eq(tgpio_sirq_calls(&last_oob), n0 + 2);
	ck_assert_int_eq(last_oob, 1);
	tgpio_sirq_free(s2);
	/* a per-CPU request on a common line */
	ck_assert_int_eq(tgpio_sirq_request(parent, 0), -EINVAL);
}
END_TEST

START_TEST(test_irq_domain_mapping_accounting)
{
	struct evlsim_module_stats ms;
	int v;

	ck_assert_ret(tgpio_ctl_create(parent, 4, TGPIO_CHIP_SAFE), 0);
	v = tgpio_ctl_map(0);
	ck_assert_int_gt(v, 0);
	ck_assert_ret(evlsim_module_stats("tgpio", &ms), 0);
	ck_assert_uint_eq(ms.count[EVLSIM_ACCT_IRQ_MAPPINGS], 1);
	tgpio_ctl_dispose(v);
	ck_assert_ret(evlsim_module_stats("tgpio", &ms), 0);
	ck_assert_uint_eq(ms.count[EVLSIM_ACCT_IRQ_MAPPINGS], 0);
	/* left at unload: reported and disposed of */
	v = tgpio_ctl_map(1);
	tgpio_ctl_remove();	/* a domain removed with a mapping: reported, disposed */
	ck_assert_uint_eq(evlsim_report_count(EVLSIM_REPORT_DRIVER), 1);
	evlsim_reset_reports();
	ck_assert_int_gt(v = tgpio_sirq_create(), 0);
	ck_assert_ret(evlsim_unload_module("tgpio"), 0);
	ck_assert_uint_eq(evlsim_report_count(EVLSIM_REPORT_LEAK), 1);
	evlsim_reset_reports();
	ck_assert_ret(evlsim_irq_stats(v, &(struct evlsim_irq_stats){ 0 }), -EINVAL);
	ck_assert_ret(evlsim_load_module("tgpio"), 0);
}
END_TEST

static Suite *irq_domain_suite(void)
{
	Suite *s = suite_create("irq_domain");
	TCase *tc = tcase_create("core");

	tcase_add_checked_fixture(tc, setup, teardown);
	tcase_add_test(tc, test_irq_domain_mappings);
	tcase_add_test(tc, test_irq_domain_chained_handler);
	tcase_add_test(tc, test_irq_domain_chip_rules);
	tcase_add_test(tc, test_irq_domain_synthetic);
	tcase_add_test(tc, test_irq_domain_mapping_accounting);
	suite_add_tcase(s, tc);
	return s;
}

int main(void)
{
	return evlsim_check_run(irq_domain_suite());
}
