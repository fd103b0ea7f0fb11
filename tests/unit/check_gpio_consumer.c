// SPDX-License-Identifier: MIT
/*
 * check_gpio_consumer: the GPIO consumer API of drivers, on the test driver tgpio bound
 * to a platform device and the built-in chip evlsim-gpio (docs/api/gpio.md; spec
 * hardware-model.md A.5, C.6). Proves descriptors by function name from "-gpios"
 * properties (-ENOENT, NULL for the optional forms, -EPROBE_DEFER, -EINVAL, -EBUSY),
 * active-low from the property, values and directions, gpiod_to_irq() through the chip's
 * domain, gpio_to_desc()/desc_to_gpio(), the legacy numbers, managed descriptors and
 * chips going with the driver's unbind, -ENODEV for a line event on a chip without
 * interrupts, and chips charged to the module that registered them.
 */
#define _GNU_SOURCE
#include <fcntl.h>
#include <sys/ioctl.h>
#include <linux/gpio.h>
#include <uapi/evl/devices/gpio.h>
#include <evlsim/hw.h>
#include "evlsim-check.h"
#include "../drivers/tgpio-abi.h"

#define EPROBE_DEFER	517

#include "gpio-fixture.h"

/* ---- the consumer API, on tgpio ---------------------------------------------------------- */

static struct evlsim_pdev *pdev;

static void consumer_setup(void)
{
	unsigned int id;

	setup();
	id = (unsigned int)evlsim_gpio_chip_id(chip);
	{
		const unsigned int led[] = { id, 1, 0 }, btn[] = { id, 2, 1 }, ghost[] = { 50, 0, 0 },
			   far[] = { id, 99, 0 };
		const struct evlsim_prop props[] = {
			{ .name = "led-gpios", .type = EVLSIM_PROP_U32, .count = 3, .u32s = led },
			{ .name = "btn-gpios", .type = EVLSIM_PROP_U32, .count = 3, .u32s = btn },
			{ .name = "ghost-gpios", .type = EVLSIM_PROP_U32, .count = 3, .u32s = ghost },
			{ .name = "far-gpios", .type = EVLSIM_PROP_U32, .count = 3, .u32s = far },
		};
		struct evlsim_pdev_info info = {
			.name = "tgpio", .id = -1, .compatible = "evlsim,tgpio",
			.props = props, .num_props = 4,
		};

		ck_assert_ret(evlsim_platform_device_add(&info, &pdev), 0);
	}
	ck_assert_ret(evlsim_load_module("tgpio"), 0);
	ck_assert_int_eq(tgpio_bound(), 1);
}

static void consumer_teardown(void)
{
	ck_assert_ret(evlsim_unload_module("tgpio"), 0);
	ck_assert_ret(evlsim_platform_device_remove(pdev), 0);
	teardown();
}

START_TEST(test_gpio_consumer_descriptors)
{
	int led, btn, base = evlsim_gpio_chip_base(chip);

	led = tgpio_get("led", 0, TGPIO_OUT_HIGH, TGPIO_GET);
	ck_assert_int_ge(led, 0);
	ck_assert_int_eq(evlsim_gpio_get_output(chip, 1), 1);
	tgpio_set(led, 0, 0);
	ck_assert_int_eq(evlsim_gpio_get_output(chip, 1), 0);
	tgpio_set(led, 1, 1);
	ck_assert_int_eq(evlsim_gpio_get_output(chip, 1), 1);
	ck_assert_int_eq(tgpio_get_direction(led), 0);		/* out */
	ck_assert_int_eq(tgpio_get("led", 0, TGPIO_IN, TGPIO_GET), -EBUSY);
	/* active low from the property's flags cell */
	btn = tgpio_get("btn", 0, TGPIO_IN, TGPIO_GET);
	ck_assert_int_ge(btn, 0);
	ck_assert_ret(evlsim_gpio_set_input(chip, 2, 0), 0);
	ck_assert_int_eq(tgpio_value(btn, 0), 1);
	ck_assert_int_eq(tgpio_value(btn, 1), 1);
	ck_assert_ret(evlsim_gpio_set_input(chip, 2, 1), 0);
	ck_assert_int_eq(tgpio_value(btn, 0), 0);
	ck_assert_int_eq(tgpio_get_direction(btn), 1);		/* in */
	ck_assert_int_eq(tgpio_to_irq(btn), evlsim_gpio_irq(chip, 2));
	ck_assert_int_eq(tgpio_desc_to_gpio(btn), base + 2);
	ck_assert_int_eq(tgpio_gpio_to_desc_is(base + 2, btn), 1);
	ck_assert_int_eq(tgpio_direction(btn, 1, 1), 0);	/* logical 1, active low */
	ck_assert_int_eq(evlsim_gpio_get_output(chip, 2), 0);
	/* lookups that fail */
	ck_assert_int_eq(tgpio_get("nope", 0, TGPIO_IN, TGPIO_GET), -ENOENT);
	ck_assert_int_eq(tgpio_get("nope", 0, TGPIO_IN, TGPIO_GET_OPTIONAL), TGPIO_NULL);
	ck_assert_int_eq(tgpio_get("led", 1, TGPIO_IN, TGPIO_GET), -ENOENT);
	ck_assert_int_eq(tgpio_get("ghost", 0, TGPIO_IN, TGPIO_GET), -EPROBE_DEFER);
	ck_assert_int_eq(tgpio_get("far", 0, TGPIO_IN, TGPIO_GET), -EINVAL);
	tgpio_put(led);
	tgpio_put(btn);
	ck_assert_int_ge(led = tgpio_get("led", 0, TGPIO_ASIS, TGPIO_GET), 0);
	tgpio_put(led);
}
END_TEST

START_TEST(test_gpio_consumer_devm_and_legacy)
{
	unsigned int base = (unsigned int)evlsim_gpio_chip_base(chip), l1 = 1;
	int h;

	ck_assert_int_ge(tgpio_get("led", 0, TGPIO_OUT_LOW, TGPIO_DEVM), 0);
	ck_assert_int_eq(handle(chipfd, GPIOHANDLE_REQUEST_INPUT, &l1, 1, NULL), -EBUSY);
	/* legacy numbers */
	ck_assert_int_eq(tgpio_legacy_request(base + 3), 0);
	ck_assert_int_eq(tgpio_legacy_request(base + 3), -EBUSY);
	ck_assert_int_eq(tgpio_legacy_request(100000), -EPROBE_DEFER);
	ck_assert_int_eq(tgpio_legacy_output(base + 3, 1), 0);
	ck_assert_int_eq(evlsim_gpio_get_output(chip, 3), 1);
	tgpio_legacy_set(base + 3, 0);
	ck_assert_int_eq(evlsim_gpio_get_output(chip, 3), 0);
	ck_assert_int_eq(tgpio_legacy_get(base + 3), 0);
	tgpio_legacy_free(base + 3);
	/* the managed descriptor goes with the driver's unbind */
	ck_assert_ret(evlsim_unload_module("tgpio"), 0);
	h = handle(chipfd, GPIOHANDLE_REQUEST_INPUT, &l1, 1, NULL);
	ck_assert_int_ge(h, 0);
	close(h);
	ck_assert_ret(evlsim_load_module("tgpio"), 0);
}
END_TEST

START_TEST(test_gpio_event_without_irq_enodev)
{
	struct gpiochip_info info;
	char path[32];
	int base = tgpio_chip_add(4), n, fd = -1;

	ck_assert_int_ge(base, 512);
	/* the driver's chip has no ->to_irq(): gpiod_to_irq() fails, the request -ENODEV */
	for (n = 0; n < 64 && fd < 0; n++) {
		snprintf(path, sizeof(path), "/dev/gpiochip%d", n);
		fd = open(path, O_RDWR);
		if (fd >= 0 && (ioctl(fd, GPIO_GET_CHIPINFO_IOCTL, &info) ||
				strcmp(info.label, "tgpio"))) {
			close(fd);
			fd = -1;
		}
	}
	ck_assert_int_ge(fd, 0);
	ck_assert_int_eq(event(fd, 0, GPIOHANDLE_REQUEST_INPUT | GPIOHANDLE_REQUEST_OOB,
			       GPIOEVENT_REQUEST_RISING_EDGE), -ENODEV);
	ck_assert_int_eq(event(fd, 0, GPIOHANDLE_REQUEST_INPUT,
			       GPIOEVENT_REQUEST_RISING_EDGE), -ENODEV);
	close(fd);
	tgpio_chip_remove();
}
END_TEST

START_TEST(test_gpio_consumer_chip_accounting)
{
	struct evlsim_module_stats ms;
	int base = tgpio_chip_add(4);

	ck_assert_int_ge(base, 512);
	ck_assert_ret(evlsim_module_stats("tgpio", &ms), 0);
	ck_assert_uint_eq(ms.count[EVLSIM_ACCT_GPIOCHIPS], 1);
	tgpio_chip_remove();
	ck_assert_ret(evlsim_module_stats("tgpio", &ms), 0);
	ck_assert_uint_eq(ms.count[EVLSIM_ACCT_GPIOCHIPS], 0);
	ck_assert_int_ge(tgpio_chip_add(4), 512);
	ck_assert_ret(evlsim_unload_module("tgpio"), 0);	/* left registered */
	ck_assert_uint_eq(evlsim_report_count(EVLSIM_REPORT_LEAK), 1);
	evlsim_reset_reports();
	/* a managed chip goes with the driver's unbind: nothing reported */
	ck_assert_ret(evlsim_load_module("tgpio"), 0);
	ck_assert_int_ge(tgpio_chip_add_devm(4), 512);
	ck_assert_ret(evlsim_module_stats("tgpio", &ms), 0);
	ck_assert_uint_eq(ms.count[EVLSIM_ACCT_GPIOCHIPS], 1);
	ck_assert_ret(evlsim_unload_module("tgpio"), 0);
	ck_assert_uint_eq(evlsim_report_total(), 0);
	ck_assert_ret(evlsim_module_stats("tgpio", &ms), 0);
	ck_assert_uint_eq(ms.count[EVLSIM_ACCT_GPIOCHIPS], 0);
	ck_assert_ret(evlsim_load_module("tgpio"), 0);
}
END_TEST

static Suite *gpio_consumer_suite(void)
{
	Suite *s = suite_create("gpio_consumer");
	TCase *tc = tcase_create("consumer");

	tcase_add_checked_fixture(tc, consumer_setup, consumer_teardown);
	tcase_add_test(tc, test_gpio_consumer_descriptors);
	tcase_add_test(tc, test_gpio_consumer_devm_and_legacy);
	tcase_add_test(tc, test_gpio_event_without_irq_enodev);
	tcase_add_test(tc, test_gpio_consumer_chip_accounting);
	suite_add_tcase(s, tc);
	return s;
}

int main(void)
{
	return evlsim_check_run(gpio_consumer_suite());
}
