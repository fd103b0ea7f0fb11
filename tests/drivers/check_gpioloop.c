// SPDX-License-Identifier: MIT
/*
 * check_gpioloop: the example GPIO loop-back driver (drivers/gpioloop) on the built-in
 * chip evlsim-gpio with its output wired to its input.
 *
 * Proves the probe (descriptors by function name, gpiod_to_irq(), devm_request_irq() with
 * IRQF_OOB), a pulse from oob_ioctl() answered by the oob handler of the input's
 * interrupt before the write returns, -ETIMEDOUT with nothing wired, a probe refused
 * without its input line, and that unloading leaves nothing behind (lines, irq, chip).
 */
#define _GNU_SOURCE
#include <fcntl.h>
#include <sys/ioctl.h>
#include <linux/gpio.h>
#include <evl/evl.h>
#include <evlsim/hw.h>
#include "evlsim-check.h"
#include "gpioloop/gpioloop-abi.h"

static struct evlsim_gpio_chip *chip;
static struct evlsim_pdev *pdev;

static struct evlsim_pdev *add_device(int with_in)
{
	unsigned int id = (unsigned int)evlsim_gpio_chip_id(chip);
	const unsigned int out[] = { id, 0, 0 }, in[] = { id, 1, 0 };
	const struct evlsim_prop props[] = {
		{ .name = "out-gpios", .type = EVLSIM_PROP_U32, .count = 3, .u32s = out },
		{ .name = "in-gpios", .type = EVLSIM_PROP_U32, .count = 3, .u32s = in },
	};
	struct evlsim_pdev_info info = {
		.name = "gpioloop", .id = -1, .compatible = "evlsim,gpioloop",
		.props = props, .num_props = with_in ? 2 : 1,
	};
	struct evlsim_pdev *p;

	ck_assert_ret(evlsim_platform_device_add(&info, &p), 0);
	return p;
}

static void setup(void)
{
	ck_assert_ret(evlsim_gpio_chip_create("loop", 4, 0, &chip), 0);
	ck_assert_ret(evlsim_gpio_wire(chip, 0, chip, 1), 0);
	ck_assert_ret(evlsim_load_module("gpioloop"), 0);
	evlsim_reset_reports();
}

static void teardown(void)
{
	ck_assert_ret(evlsim_unload_module("gpioloop"), 0);
	ck_assert_int_eq(evlsim_leak_check("gpioloop"), 0);
	ck_assert_ret(evlsim_gpio_chip_destroy(chip), 0);
	ck_assert_no_reports();
}

START_TEST(test_gpioloop_pulse_answered_oob)
{
	struct gpioloop_pulse p = { 0 };
	struct evlsim_irq_stats st;
	int fd, i;

	pdev = add_device(1);
	ck_assert_int_eq(evlsim_platform_device_state(pdev), 1);
	fd = open("/dev/gpioloop", O_RDWR);
	ck_assert_int_ge(fd, 0);
	ck_assert_int_ge(evl_attach_self("gpioloop:%d", getpid()), 0);
	for (i = 1; i <= 10; i++) {
		ck_assert_call(oob_ioctl(fd, GPIOLOOP_IOC_PULSE, &p), 0);
		ck_assert_uint_eq(p.pulses, i);
	}
	ck_assert_int_eq(evlsim_gpio_get_output(chip, 0), 0);	/* lowered after each */
	ck_assert_ret(evlsim_irq_stats(evlsim_gpio_irq(chip, 1), &st), 0);
	ck_assert_int_eq(st.oob, 1);
	ck_assert_uint_eq(st.oob_handled, 10);
	/* nothing wired: no edge, the wait times out */
	ck_assert_ret(evlsim_gpio_wire(chip, 0, NULL, 0), 0);
	ck_assert_fails(oob_ioctl(fd, GPIOLOOP_IOC_PULSE, &p), ETIMEDOUT);
	ck_assert_fails(oob_ioctl(fd, _IO('g', 9)), ENOTTY);
	ck_assert_int_eq(evl_detach_self(), 0);
	close(fd);
	ck_assert_ret(evlsim_platform_device_remove(pdev), 0);
}
END_TEST

START_TEST(test_gpioloop_probe_needs_input)
{
	struct gpiohandle_request req;
	char path[32];
	int cfd;

	pdev = add_device(0);
	ck_assert_int_ne(evlsim_platform_device_state(pdev), 1);
	evlsim_reset_reports();		/* dev_err_probe() */
	ck_assert_ret(evlsim_platform_device_remove(pdev), 0);
	/* the managed output line went with the failed probe */
	snprintf(path, sizeof(path), "/dev/gpiochip%d", evlsim_gpio_chip_id(chip));
	cfd = open(path, O_RDWR);
	ck_assert_int_ge(cfd, 0);
	memset(&req, 0, sizeof(req));
	req.lines = 1;
	req.flags = GPIOHANDLE_REQUEST_OUTPUT;
	ck_assert_int_eq(ioctl(cfd, GPIO_GET_LINEHANDLE_IOCTL, &req), 0);
	close(req.fd);
	close(cfd);
}
END_TEST

static Suite *gpioloop_suite(void)
{
	Suite *s = suite_create("gpioloop");
	TCase *tc = tcase_create("driver");

	tcase_add_checked_fixture(tc, setup, teardown);
	tcase_add_test(tc, test_gpioloop_pulse_answered_oob);
	tcase_add_test(tc, test_gpioloop_probe_needs_input);
	suite_add_tcase(s, tc);
	return s;
}

int main(void)
{
	return evlsim_check_run(gpioloop_suite());
}
