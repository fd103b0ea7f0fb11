// SPDX-License-Identifier: MIT
/*
 * check_platform: the platform bus (tests/drivers/thw.c logs what its probe sees).
 *
 * Proves matching by OF compatible (with the table's match data), by id_table and by
 * name; the device-tree properties with the kernel's results (-EINVAL absent, -ENODATA
 * no value, -EOVERFLOW too short); resources and irqs by index and by name, -ENXIO when
 * absent; the "reg" property of the node; devres released in reverse order after a failed
 * probe and after remove(); -EPROBE_DEFER retried when another device binds, and when the
 * driver comes after the device; unbind on module unload and on device removal; -EBUSY
 * for a region claimed twice; the clock stub's rate from a property; the test API's
 * errors.
 */
#define _GNU_SOURCE
#include <fcntl.h>
#include <sys/ioctl.h>
#include <evlsim/hw.h>
#include "evlsim-check.h"
#include "../drivers/thw-abi.h"

#define EPROBE_DEFER	517

static char *read_log(void)
{
	static char buf[THW_LOG_SIZE + 1];
	int fd = open("/dev/thw", O_RDONLY);
	ssize_t n;

	ck_assert_int_ge(fd, 0);
	n = read(fd, buf, THW_LOG_SIZE);
	ck_assert_int_ge(n, 0);
	buf[n] = '\0';
	close(fd);
	return buf;
}

static void clear_log(void)
{
	struct thw_io io = { .op = THW_CLEAR_LOG };
	int fd = open("/dev/thw", O_RDWR);

	ck_assert_int_ge(fd, 0);
	ck_assert_int_eq(ioctl(fd, THW_IOC, &io), 0);
	close(fd);
}

/* @lines appear in @log in this order */
static void assert_in_order(const char *log, const char *const *lines)
{
	const char *p = log;

	for (; *lines; lines++) {
		const char *q = strstr(p, *lines);

		ck_assert_msg(q, "'%s' missing (in order) from:\n%s", *lines, log);
		p = q + strlen(*lines);
	}
}

static struct evlsim_pdev *add(const char *name, int id, const char *compat,
			       const struct evlsim_res *res, unsigned int nres,
			       const struct evlsim_prop *props, unsigned int nprops)
{
	struct evlsim_pdev_info info = {
		.name = name, .id = id, .compatible = compat, .res = res, .num_res = nres,
		.props = props, .num_props = nprops,
	};
	struct evlsim_pdev *p;

	ck_assert_ret(evlsim_platform_device_add(&info, &p), 0);
	return p;
}

static void setup(void)
{
	ck_assert_ret(evlsim_load_module("thw"), 0);
}

static void teardown(void)
{
	evlsim_unload_module("thw");
}

START_TEST(test_platform_match_compatible)
{
	struct evlsim_pdev *p = add("whatever", 0, "evlsim,thw2", NULL, 0, NULL, 0);

	ck_assert_int_eq(evlsim_platform_device_state(p), 1);
	ck_assert_str_eq(evlsim_platform_device_name(p), "whatever.0");
	assert_in_order(read_log(), (const char *const[]){
		"probe whatever.0 data 2 id -\n", "compatible 0\n", "bound whatever.0\n", NULL });
	ck_assert_ret(evlsim_platform_device_remove(p), 0);
	ck_assert_no_reports();
}
END_TEST

START_TEST(test_platform_match_id_and_name)
{
	struct evlsim_pdev *a = add("thw-id", -1, NULL, NULL, 0, NULL, 0);
	struct evlsim_pdev *b = add("thw", -2, NULL, NULL, 0, NULL, 0);
	struct evlsim_pdev *c = add("nomatch", 3, NULL, NULL, 0, NULL, 0);

	ck_assert_int_eq(evlsim_platform_device_state(a), 1);
	ck_assert_int_eq(evlsim_platform_device_state(b), 1);
	ck_assert_int_eq(evlsim_platform_device_state(c), 0);
	ck_assert_str_eq(evlsim_platform_device_name(a), "thw-id");
	ck_assert_str_eq(evlsim_platform_device_name(b), "thw.0.auto");
	ck_assert_str_eq(evlsim_platform_device_name(c), "nomatch.3");
	assert_in_order(read_log(), (const char *const[]){
		"probe thw-id data 0 id thw-id\n", "probe thw.0.auto data 0 id thw\n", NULL });
	ck_assert_ret(evlsim_platform_device_remove(a), 0);
	ck_assert_ret(evlsim_platform_device_remove(b), 0);
	ck_assert_ret(evlsim_platform_device_remove(c), 0);
	ck_assert_no_reports();
}
END_TEST

START_TEST(test_platform_properties)
{
	static const unsigned int arr[] = { 1, 2, 3 };
	const struct evlsim_prop props[] = {
		EVLSIM_PROP_U32_VAL("thw,u32", 42),
		{ .name = "thw,array", .type = EVLSIM_PROP_U32, .count = 3, .u32s = arr },
		EVLSIM_PROP_STR("thw,label", "hello"),
		EVLSIM_PROP_FLAG("thw,flag"),
	};
	struct evlsim_pdev *p = add("thw", 0, "evlsim,thw", NULL, 0, props, 4);

	assert_in_order(read_log(), (const char *const[]){
		"probe thw.0 data 1 id -\n", "u32 0 42\n", "array 0 1 2 3\n", "array5 -75\n",
		"label 0 hello\n", "flag 1\n", "flag-u32 -61\n", "dev-u32 0 42\n",
		"compatible 1\n", NULL });
	ck_assert_ret(evlsim_platform_device_remove(p), 0);
	clear_log();
	p = add("thw", 1, "evlsim,thw", NULL, 0, NULL, 0);
	assert_in_order(read_log(), (const char *const[]){
		"u32 -22 0\n", "array -22 0 0 0\n", "label -22 -\n", "flag 0\n",
		"flag-u32 -22\n", "dev-u32 -22 0\n", NULL });
	ck_assert_ret(evlsim_platform_device_remove(p), 0);
	ck_assert_no_reports();
}
END_TEST

START_TEST(test_platform_resources)
{
	struct evlsim_mmio *m;
	const struct evlsim_reg reg = { .off = 0, .width = 4 };
	const struct evlsim_res res[] = {
		{ .type = EVLSIM_RES_MEM, .start = 0x40000000, .size = 0x100 },
		{ .type = EVLSIM_RES_IRQ, .start = 33, .name = "data" },
		{ .type = EVLSIM_RES_MEM, .start = 0x40001000, .size = 0x10, .name = "ctrl" },
	};
	struct evlsim_pdev *p;

	ck_assert_ret(evlsim_regfile_create("r", 0x40000000, 0x100, &reg, 1, &m), 0);
	p = add("thw", 0, "evlsim,thw", res, 3, NULL, 0);
	assert_in_order(read_log(), (const char *const[]){
		"mem0 yes 0x40000000 256\n", "mem-ctrl yes\n", "irq0 33\n", "irq-byname 33\n",
		"irq-count 1\n", "of-reg 0x40000000 256\n", "bound thw.0\n", NULL });
	ck_assert_ret(evlsim_platform_device_remove(p), 0);
	clear_log();
	p = add("thw", 0, NULL, NULL, 0, NULL, 0);
	assert_in_order(read_log(), (const char *const[]){
		"mem0 no 0 0\n", "mem-ctrl no\n", "irq0 -6\n", "irq-byname -6\n",
		"irq-count 0\n", "of-reg 0 0\n", NULL });
	ck_assert_ret(evlsim_platform_device_remove(p), 0);
	ck_assert_ret(evlsim_mmio_destroy(m), 0);
	ck_assert_no_reports();
}
END_TEST

START_TEST(test_platform_devres_order_on_failure)
{
	const struct evlsim_prop props[] = { EVLSIM_PROP_U32_VAL("thw,fail", 5) };
	struct evlsim_pdev *p = add("thw", 0, "evlsim,thw", NULL, 0, props, 1);
	const char *log = read_log();

	ck_assert_int_eq(evlsim_platform_device_state(p), -EIO);
	assert_in_order(log, (const char *const[]){
		"fail thw.0 -5\n", "release C thw.0\n", "release B thw.0\n", "release A thw.0\n",
		NULL });
	ck_assert_ptr_null(strstr(log, "bound"));
	ck_assert_ret(evlsim_platform_device_remove(p), 0);
	ck_assert_no_reports();
}
END_TEST

START_TEST(test_platform_devres_order_on_removal)
{
	struct evlsim_pdev *p = add("thw", 0, "evlsim,thw", NULL, 0, NULL, 0);

	clear_log();
	ck_assert_ret(evlsim_platform_device_remove(p), 0);
	assert_in_order(read_log(), (const char *const[]){
		"remove thw.0\n", "release C thw.0\n", "release B thw.0\n", "release A thw.0\n",
		NULL });
	ck_assert_no_reports();
}
END_TEST

START_TEST(test_platform_unbind_on_unload)
{
	struct evlsim_pdev *p = add("thw", 0, "evlsim,thw", NULL, 0, NULL, 0);

	ck_assert_int_eq(evlsim_platform_device_state(p), 1);
	ck_assert_ret(evlsim_unload_module("thw"), 0);
	ck_assert_int_eq(evlsim_platform_device_state(p), 0);
	/* loading the driver again binds it again */
	ck_assert_ret(evlsim_load_module("thw"), 0);
	ck_assert_int_eq(evlsim_platform_device_state(p), 1);
	assert_in_order(read_log(), (const char *const[]){ "probe thw.0", "bound thw.0\n", NULL });
	ck_assert_ret(evlsim_platform_device_remove(p), 0);
	ck_assert_ret(evlsim_unload_module("thw"), 0);
	ck_assert_int_eq(evlsim_leak_check("thw"), 0);
	ck_assert_no_reports();
}
END_TEST

START_TEST(test_platform_probe_defer)
{
	const struct evlsim_prop props[] = { EVLSIM_PROP_FLAG("thw,needs-dep") };
	struct evlsim_capture cap;
	struct evlsim_pdev *p, *dep;
	char *out;

	evlsim_capture_start(&cap);
	p = add("thw", 0, "evlsim,thw", NULL, 0, props, 1);
	out = evlsim_capture_end(&cap);
	ck_assert_ptr_null(strstr(out, "waiting for thw-dep"));	/* dev_err_probe: silent */
	free(out);
	ck_assert_int_eq(evlsim_platform_device_state(p), -EPROBE_DEFER);
	dep = add("thw-dep", -1, NULL, NULL, 0, NULL, 0);
	ck_assert_int_eq(evlsim_platform_device_state(dep), 1);
	ck_assert_int_eq(evlsim_platform_device_state(p), 1);
	assert_in_order(read_log(), (const char *const[]){
		"probe thw.0", "defer thw.0\n", "probe thw-dep\n", "probe thw.0",
		"bound thw.0\n", NULL });
	ck_assert_ret(evlsim_platform_device_remove(p), 0);
	ck_assert_ret(evlsim_platform_device_remove(dep), 0);
	ck_assert_no_reports();
}
END_TEST

START_TEST(test_platform_device_before_driver)
{
	const struct evlsim_prop props[] = { EVLSIM_PROP_FLAG("thw,needs-dep") };
	struct evlsim_pdev *p, *dep;

	ck_assert_ret(evlsim_unload_module("thw"), 0);
	p = add("thw", 0, "evlsim,thw", NULL, 0, props, 1);
	dep = add("thw-dep", -1, NULL, NULL, 0, NULL, 0);
	ck_assert_int_eq(evlsim_platform_device_state(p), 0);
	ck_assert_int_eq(evlsim_platform_device_state(dep), 0);
	/* init registers thw-dep first, then thw: both bind at load */
	ck_assert_ret(evlsim_load_module("thw"), 0);
	ck_assert_int_eq(evlsim_platform_device_state(dep), 1);
	ck_assert_int_eq(evlsim_platform_device_state(p), 1);
	ck_assert_ret(evlsim_platform_device_remove(dep), 0);
	ck_assert_ret(evlsim_platform_device_remove(p), 0);
	ck_assert_no_reports();
}
END_TEST

START_TEST(test_platform_region_busy)
{
	struct evlsim_mmio *m;
	const struct evlsim_reg reg = { .off = 0, .width = 4 };
	const struct evlsim_res res[] = {
		{ .type = EVLSIM_RES_MEM, .start = 0x40000000, .size = 0x100 },
	};
	struct evlsim_pdev *a, *b;

	ck_assert_ret(evlsim_regfile_create("r", 0x40000000, 0x100, &reg, 1, &m), 0);
	a = add("thw", 0, NULL, res, 1, NULL, 0);
	b = add("thw", 1, NULL, res, 1, NULL, 0);
	ck_assert_int_eq(evlsim_platform_device_state(a), 1);
	ck_assert_int_eq(evlsim_platform_device_state(b), -EBUSY);
	/* the claim goes with the first device's devres */
	ck_assert_ret(evlsim_platform_device_remove(a), 0);
	ck_assert_ret(evlsim_platform_device_remove(b), 0);
	b = add("thw", 1, NULL, res, 1, NULL, 0);
	ck_assert_int_eq(evlsim_platform_device_state(b), 1);
	ck_assert_ret(evlsim_platform_device_remove(b), 0);
	ck_assert_ret(evlsim_mmio_destroy(m), 0);
	evlsim_reset_reports();
}
END_TEST

START_TEST(test_platform_clock_rate)
{
	const struct evlsim_prop props[] = { EVLSIM_PROP_U32_VAL("clock-frequency", 24000000) };
	struct evlsim_pdev *p = add("thw", 0, "evlsim,thw", NULL, 0, props, 1);

	assert_in_order(read_log(), (const char *const[]){ "clk 24000000\n", NULL });
	ck_assert_ret(evlsim_platform_device_remove(p), 0);
	clear_log();
	p = add("thw", 0, "evlsim,thw", NULL, 0, NULL, 0);
	assert_in_order(read_log(), (const char *const[]){ "clk 0\n", "bound thw.0\n", NULL });
	ck_assert_ret(evlsim_platform_device_remove(p), 0);
	ck_assert_no_reports();
}
END_TEST

START_TEST(test_platform_api_errors)
{
	struct evlsim_pdev *p;
	const struct evlsim_res bad_res[] = { { .type = 7, .start = 1, .size = 1 } };
	const struct evlsim_prop bad_prop[] = { { .name = "x", .type = 99 } };
	struct evlsim_pdev_info info = { .name = "thw", .id = 0 };

	ck_assert_ret(evlsim_platform_device_add(NULL, &p), -EINVAL);
	ck_assert_ret(evlsim_platform_device_add(&info, NULL), -EINVAL);
	info.res = bad_res;
	info.num_res = 1;
	ck_assert_ret(evlsim_platform_device_add(&info, &p), -EINVAL);
	info.res = NULL;
	info.num_res = 0;
	info.props = bad_prop;
	info.num_props = 1;
	ck_assert_ret(evlsim_platform_device_add(&info, &p), -EINVAL);
	info.props = NULL;
	info.num_props = 0;
	ck_assert_ret(evlsim_platform_device_add(&info, &p), 0);
	{
		struct evlsim_pdev *dup;

		ck_assert_ret(evlsim_platform_device_add(&info, &dup), -EEXIST);
	}
	ck_assert_ret(evlsim_platform_device_remove(p), 0);
	ck_assert_ret(evlsim_platform_device_remove(NULL), -EINVAL);
	ck_assert_int_eq(evlsim_platform_device_state(NULL), -EINVAL);
	evlsim_reset_reports();
}
END_TEST

int main(void)
{
	Suite *s = suite_create("platform");
	TCase *tc = tcase_create("platform");

	tcase_add_checked_fixture(tc, setup, teardown);
	tcase_add_test(tc, test_platform_match_compatible);
	tcase_add_test(tc, test_platform_match_id_and_name);
	tcase_add_test(tc, test_platform_properties);
	tcase_add_test(tc, test_platform_resources);
	tcase_add_test(tc, test_platform_devres_order_on_failure);
	tcase_add_test(tc, test_platform_devres_order_on_removal);
	tcase_add_test(tc, test_platform_unbind_on_unload);
	tcase_add_test(tc, test_platform_probe_defer);
	tcase_add_test(tc, test_platform_device_before_driver);
	tcase_add_test(tc, test_platform_region_busy);
	tcase_add_test(tc, test_platform_clock_rate);
	tcase_add_test(tc, test_platform_api_errors);
	suite_add_tcase(s, tc);
	return evlsim_check_run(s);
}
