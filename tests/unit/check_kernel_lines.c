// SPDX-License-Identifier: MIT
/*
 * check_kernel_lines: kernel version profiles (docs/kernel-versions.md). One driver
 * source (tests/drivers/tprofile.c) built for the lines 6.1, 6.6 and 6.18 loads into one
 * program: each sees its LINUX_VERSION_CODE, creates its class the way its line does,
 * and its platform driver's remove (int, remove_new or void) runs when its device goes.
 */
#include <evlsim/evlsim.h>
#include <evlsim/hw.h>
#include "evlsim-check.h"
#include "../drivers/tprofile-abi.h"

#define KV(a, b, c)	(((a) << 16) + ((b) << 8) + (c))

static const struct line_case {
	const char *module;
	int (*version)(void);
	int (*removed)(void);
	int code;
} lines[] = {
	{ "tprof601", tprof601_version, tprof601_removed, KV(6, 1, 0) },
	{ "tprof606", tprof606_version, tprof606_removed, KV(6, 6, 0) },
	{ "tprof618", tprof618_version, tprof618_removed, KV(6, 18, 0) },
};

START_TEST(test_kernel_line_builds_and_binds)
{
	const struct line_case *c = &lines[_i];
	struct evlsim_pdev_info info = { .name = c->module, .id = -1 };
	struct evlsim_pdev *pdev;
	int before;

	ck_assert_int_eq(c->version(), c->code);
	ck_assert_ret(evlsim_load_module(c->module), 0);
	ck_assert_ret(evlsim_platform_device_add(&info, &pdev), 0);
	ck_assert_int_eq(evlsim_platform_device_state(pdev), 1);
	before = c->removed();
	ck_assert_ret(evlsim_platform_device_remove(pdev), 0);
	ck_assert_int_eq(c->removed(), before + 1);
	ck_assert_ret(evlsim_unload_module(c->module), 0);
	ck_assert_no_reports();
}
END_TEST

static Suite *suite(void)
{
	Suite *s = suite_create("kernel_lines");
	TCase *tc = tcase_create("lines");

	tcase_add_loop_test(tc, test_kernel_line_builds_and_binds, 0,
			    sizeof(lines) / sizeof(lines[0]));
	suite_add_tcase(s, tc);
	return s;
}

int main(void)
{
	return evlsim_check_run(suite());
}
