// SPDX-License-Identifier: MIT
/*
 * check_regmap: register maps over MMIO (docs/api/hw-mmio.md, "regmap"), on the test
 * driver tgpio and a register file. Proves the configuration's refusals at init
 * (-EINVAL: reg_bits other than 32, padding, an unsupported value width, a stride smaller
 * than the value width), the accesses of the configured width and endianness, the
 * stride (-EINVAL), max_register and readable/writeable callbacks (-EIO),
 * update_bits() writing only on a change, and the lock kinds (an in-band spinlock by
 * default, a hard one with use_raw_spinlock, usable with hard irqs off).
 */
#define _GNU_SOURCE
#include <evlsim/hw.h>
#include "evlsim-check.h"
#include "../drivers/tgpio-abi.h"

#define BASE	0x50000000ULL

static struct evlsim_mmio *regs;

static const struct evlsim_reg regdefs32[] = {
	{ .name = "CTRL", .off = 0x0, .width = 4, .reset = 0x11 },
	{ .name = "STAT", .off = 0x4, .width = 4, .reset = 0x22 },
	{ .name = "DATA", .off = 0x8, .width = 4 },
	{ .name = "LAST", .off = 0xc, .width = 4 },
};

static void setup(void)
{
	ck_assert_ret(evlsim_load_module("tgpio"), 0);
	ck_assert_ret(evlsim_regfile_create("rm", BASE, 0x10, regdefs32, 4, &regs), 0);
	evlsim_reset_reports();
}

static void teardown(void)
{
	ck_assert_ret(evlsim_unload_module("tgpio"), 0);
	ck_assert_ret(evlsim_mmio_destroy(regs), 0);
	ck_assert_no_reports();
}

static struct tgpio_regmap_cfg cfg32(void)
{
	return (struct tgpio_regmap_cfg){ .reg_bits = 32, .val_bits = 32, .reg_stride = 4,
					  .deny_reg = -1 };
}

START_TEST(test_regmap_config_refusals)
{
	struct tgpio_regmap_cfg c;

	c = cfg32(); c.reg_bits = 8;
	ck_assert_int_eq(tgpio_regmap_create(BASE, 0x10, &c), -EINVAL);
	c = cfg32(); c.pad_bits = 8;
	ck_assert_int_eq(tgpio_regmap_create(BASE, 0x10, &c), -EINVAL);
	c = cfg32(); c.val_bits = 24;
	ck_assert_int_eq(tgpio_regmap_create(BASE, 0x10, &c), -EINVAL);
	c = cfg32(); c.reg_stride = 2;
	ck_assert_int_eq(tgpio_regmap_create(BASE, 0x10, &c), -EINVAL);
}
END_TEST

START_TEST(test_regmap_read_write_update)
{
	struct tgpio_regmap_cfg c = cfg32();
	unsigned long long v;
	unsigned int val;
	int change;

	c.max_register = 0x8;
	c.deny_reg = 0x4;
	ck_assert_int_eq(tgpio_regmap_create(BASE, 0x10, &c), 0);
	ck_assert_int_eq(tgpio_regmap_read(0x0, &val), 0);
	ck_assert_uint_eq(val, 0x11);
	ck_assert_int_eq(tgpio_regmap_write(0x8, 0xdeadbeef), 0);
	ck_assert_ret(evlsim_mmio_peek(regs, 0x8, 4, &v), 0);
	ck_assert_uint_eq(v, 0xdeadbeef);
	/* the core's checks */
	ck_assert_int_eq(tgpio_regmap_read(0x2, &val), -EINVAL);	/* stride */
	ck_assert_int_eq(tgpio_regmap_write(0x2, 1), -EINVAL);
	ck_assert_int_eq(tgpio_regmap_read(0xc, &val), -EIO);		/* > max_register */
	ck_assert_int_eq(tgpio_regmap_write(0xc, 1), -EIO);
	ck_assert_int_eq(tgpio_regmap_read(0x4, &val), -EIO);		/* not readable */
	ck_assert_int_eq(tgpio_regmap_write(0x4, 1), -EIO);
	/* update_bits: a write only on a change */
	ck_assert_int_eq(tgpio_regmap_update(0x0, 0xf0, 0x30, &change), 0);
	ck_assert_int_eq(change, 1);
	ck_assert_ret(evlsim_mmio_peek(regs, 0x0, 4, &v), 0);
	ck_assert_uint_eq(v, 0x31);
	{
		struct evlsim_mmio_stats st0, st;

		ck_assert_ret(evlsim_mmio_stats(regs, &st0), 0);
		ck_assert_int_eq(tgpio_regmap_update(0x0, 0xf0, 0x30, &change), 0);
		ck_assert_int_eq(change, 0);
		ck_assert_ret(evlsim_mmio_stats(regs, &st), 0);
		ck_assert_uint_eq(st.writes, st0.writes);
		ck_assert_uint_eq(st.reads, st0.reads + 1);
	}
	tgpio_regmap_destroy();
}
END_TEST

START_TEST(test_regmap_widths_and_endianness)
{
	static const struct evlsim_reg r16[] = {
		{ .off = 0x0, .width = 2, .reset = 0x1234 },
		{ .off = 0x2, .width = 2 },
	};
	struct evlsim_mmio *m;
	struct tgpio_regmap_cfg c = cfg32();
	unsigned long long v;
	unsigned int val;

	ck_assert_ret(evlsim_regfile_create("rm16", BASE + 0x1000, 0x4, r16, 2, &m), 0);
	c.val_bits = 16;
	c.reg_stride = 2;
	c.big_endian = 1;
	ck_assert_int_eq(tgpio_regmap_create(BASE + 0x1000, 0x4, &c), 0);
	ck_assert_int_eq(tgpio_regmap_read(0x0, &val), 0);
	ck_assert_uint_eq(val, 0x3412);
	ck_assert_int_eq(tgpio_regmap_write(0x2, 0xabcd), 0);
	ck_assert_ret(evlsim_mmio_peek(m, 0x2, 2, &v), 0);
	ck_assert_uint_eq(v, 0xcdab);
	tgpio_regmap_destroy();
	ck_assert_ret(evlsim_mmio_destroy(m), 0);
}
END_TEST

START_TEST(test_regmap_lock_kinds)
{
	struct tgpio_regmap_cfg c = cfg32();
	unsigned int val;

	/* the default lock is an in-band spinlock (the checker's spinlock-oob rule from oob) */
	ck_assert_int_eq(tgpio_regmap_create(BASE, 0x10, &c), 0);
	ck_assert_int_eq(tgpio_regmap_read(0x0, &val), 0);
	ck_assert_uint_eq(val, 0x11);
	tgpio_regmap_destroy();
	/* use_raw_spinlock: a hard lock, fine there */
	c.raw_lock = 1;
	ck_assert_int_eq(tgpio_regmap_create(BASE, 0x10, &c), 0);
	ck_assert_int_eq(tgpio_regmap_oob_read(0x0, &val), 0);
	ck_assert_uint_eq(val, 0x11);
	tgpio_regmap_destroy();
}
END_TEST

static Suite *regmap_suite(void)
{
	Suite *s = suite_create("regmap");
	TCase *tc = tcase_create("mmio");

	tcase_add_checked_fixture(tc, setup, teardown);
	tcase_add_test(tc, test_regmap_config_refusals);
	tcase_add_test(tc, test_regmap_read_write_update);
	tcase_add_test(tc, test_regmap_widths_and_endianness);
	tcase_add_test(tc, test_regmap_lock_kinds);
	suite_add_tcase(s, tc);
	return s;
}

int main(void)
{
	return evlsim_check_run(regmap_suite());
}
