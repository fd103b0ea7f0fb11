// SPDX-License-Identifier: MIT
/*
 * check_gpio: the GPIO core and its v1 character device with EVL's oob requests, on the
 * built-in evlsim-gpio chip (docs/api/gpio.md; spec hardware-model.md A.5, C.6, C.8
 * item 11; oob-file-model.md 6.7).
 *
 * Proves every refusal of A.5.1-A.5.3 and 6.7 (-EOPNOTSUPP for a sleeping chip or one
 * over the fast-path limit, -EPERM on the wrong path, -EINVAL for a short count or an
 * unknown command, -EFAULT, -EAGAIN), the quirks kept from K (OOB is PULL_UP's bit, the
 * both-edges event id, the 16-event FIFO), one input edge giving one gpioevent_data to
 * oob_read() with an EVL monotonic timestamp, an oob SET reaching the chip's set_multiple
 * with active-low applied, the in-band paths, loop-back through a wire, and the chip's
 * interrupts going through its irq domain and chained handler. The consumer API is
 * check_gpio_consumer's.
 */
#define _GNU_SOURCE
#include <fcntl.h>
#include <pthread.h>
#include <stdatomic.h>
#include <sys/syscall.h>
#include <sys/ioctl.h>
#include <linux/gpio.h>
#include <uapi/evl/devices/gpio.h>
#include <evl/evl.h>
#include <evl/thread.h>
#include <evlsim/hw.h>
#include "evlsim-check.h"

#include "gpio-fixture.h"

START_TEST(test_gpio_chip_info)
{
	struct gpiochip_info info;
	struct gpioline_info li = { .line_offset = 3 };
	unsigned int l3 = 3;
	int h;

	ck_assert_int_eq(ioctl(chipfd, GPIO_GET_CHIPINFO_IOCTL, &info), 0);
	ck_assert_uint_eq(info.lines, 16);
	ck_assert_str_eq(info.label, "sim");
	ck_assert_int_eq(strncmp(info.name, "gpiochip", 8), 0);
	h = handle(chipfd, GPIOHANDLE_REQUEST_OUTPUT | GPIOHANDLE_REQUEST_ACTIVE_LOW, &l3, 1, NULL);
	ck_assert_int_ge(h, 0);
	ck_assert_int_eq(ioctl(chipfd, GPIO_GET_LINEINFO_IOCTL, &li), 0);
	ck_assert_uint_eq(li.flags, GPIOLINE_FLAG_KERNEL | GPIOLINE_FLAG_IS_OUT |
			  GPIOLINE_FLAG_ACTIVE_LOW);
	ck_assert_str_eq(li.consumer, "test");
	li.line_offset = 16;
	ck_assert_fails(ioctl(chipfd, GPIO_GET_LINEINFO_IOCTL, &li), EINVAL);
	ck_assert_fails(ioctl(chipfd, _IO(0xB4, 0x7f)), EINVAL);
	ck_assert_fails(ioctl(chipfd, GPIO_GET_CHIPINFO_IOCTL, (void *)8), EFAULT);
	close(h);
}
END_TEST

START_TEST(test_gpio_handle_inband_values)
{
	unsigned int out[2] = { 0, 1 }, in = 5;
	unsigned char defs[2] = { 1, 0 };
	struct gpiohandle_data d;
	int ho, hi;

	ho = handle(chipfd, GPIOHANDLE_REQUEST_OUTPUT, out, 2, defs);
	ck_assert_int_ge(ho, 0);
	ck_assert_int_eq(evlsim_gpio_get_output(chip, 0), 1);
	ck_assert_int_eq(evlsim_gpio_get_output(chip, 1), 0);
	memset(&d, 0, sizeof(d));
	d.values[0] = 0;
	d.values[1] = 7;	/* anything but 0 is 1 */
	ck_assert_int_eq(ioctl(ho, GPIOHANDLE_SET_LINE_VALUES_IOCTL, &d), 0);
	ck_assert_int_eq(evlsim_gpio_get_output(chip, 0), 0);
	ck_assert_int_eq(evlsim_gpio_get_output(chip, 1), 1);
	hi = handle(chipfd, GPIOHANDLE_REQUEST_INPUT | GPIOHANDLE_REQUEST_ACTIVE_LOW, &in, 1, NULL);
	ck_assert_int_ge(hi, 0);
	ck_assert_ret(evlsim_gpio_set_input(chip, 5, 1), 0);
	ck_assert_int_eq(ioctl(hi, GPIOHANDLE_GET_LINE_VALUES_IOCTL, &d), 0);
	ck_assert_int_eq(d.values[0], 0);	/* active low */
	ck_assert_fails(ioctl(hi, GPIOHANDLE_SET_LINE_VALUES_IOCTL, &d), EPERM);
	ck_assert_fails(ioctl(hi, _IO(0xB4, 0x7f)), EINVAL);
	/* a requested line cannot be requested again */
	ck_assert_int_eq(handle(chipfd, GPIOHANDLE_REQUEST_INPUT, &in, 1, NULL), -EBUSY);
	close(ho);
	close(hi);
	ck_assert_int_ge(hi = handle(chipfd, GPIOHANDLE_REQUEST_INPUT, &in, 1, NULL), 0);
	close(hi);
}
END_TEST

START_TEST(test_gpio_request_refusals)
{
	struct evlsim_gpio_chip *sleepy, *big;
	unsigned int l = 1, bad = 16;
	int fd;

	/* A.5.1: oob on a sleeping chip, or over the fast-path limit */
	ck_assert_ret(evlsim_gpio_chip_create("sleepy", 4, EVLSIM_GPIO_CAN_SLEEP, &sleepy), 0);
	fd = open_chip(sleepy);
	ck_assert_int_eq(handle(fd, GPIOHANDLE_REQUEST_INPUT | GPIOHANDLE_REQUEST_OOB, &l, 1,
				NULL), -EOPNOTSUPP);
	ck_assert_int_eq(event(fd, 1, GPIOHANDLE_REQUEST_INPUT | GPIOHANDLE_REQUEST_OOB,
			       GPIOEVENT_REQUEST_RISING_EDGE), -EOPNOTSUPP);
	close(fd);
	ck_assert_ret(evlsim_gpio_chip_destroy(sleepy), 0);
	ck_assert_ret(evlsim_gpio_chip_create("big", 600, 0, &big), 0);
	fd = open_chip(big);
	evlsim_reset_reports();
	ck_assert_int_eq(handle(fd, GPIOHANDLE_REQUEST_INPUT | GPIOHANDLE_REQUEST_OOB, &l, 1,
				NULL), -EOPNOTSUPP);
	evlsim_reset_reports();		/* the "too many lines" warning */
	close(fd);
	ck_assert_ret(evlsim_gpio_chip_destroy(big), 0);

	/* quirk: OOB is PULL_UP's bit, a bias flag needing a direction */
	ck_assert_int_eq(handle(chipfd, GPIOHANDLE_REQUEST_OOB, &l, 1, NULL), -EINVAL);
	ck_assert_int_eq(handle(chipfd, GPIOHANDLE_REQUEST_INPUT | GPIOHANDLE_REQUEST_OOB |
				GPIOHANDLE_REQUEST_BIAS_PULL_DOWN, &l, 1, NULL), -EINVAL);
	ck_assert_int_eq(handle(chipfd, GPIOHANDLE_REQUEST_INPUT | GPIOHANDLE_REQUEST_OUTPUT,
				&l, 1, NULL), -EINVAL);
	ck_assert_int_eq(handle(chipfd, GPIOHANDLE_REQUEST_INPUT | (1u << 9), &l, 1, NULL),
			 -EINVAL);
	ck_assert_int_eq(handle(chipfd, GPIOHANDLE_REQUEST_INPUT, &l, 0, NULL), -EINVAL);
	ck_assert_int_eq(handle(chipfd, GPIOHANDLE_REQUEST_INPUT, &bad, 1, NULL), -EINVAL);
	ck_assert_fails(ioctl(chipfd, GPIO_GET_LINEHANDLE_IOCTL, NULL), EFAULT);
	/* events: never on output lines, one bias flag, known flags */
	ck_assert_int_eq(event(chipfd, 1, GPIOHANDLE_REQUEST_OUTPUT,
			       GPIOEVENT_REQUEST_RISING_EDGE), -EINVAL);
	ck_assert_int_eq(event(chipfd, 1, GPIOHANDLE_REQUEST_OOB |
			       GPIOHANDLE_REQUEST_BIAS_DISABLE, GPIOEVENT_REQUEST_RISING_EDGE),
			 -EINVAL);
	ck_assert_int_eq(event(chipfd, 1, 0, 1u << 2), -EINVAL);
	ck_assert_int_eq(event(chipfd, 16, 0, GPIOEVENT_REQUEST_RISING_EDGE), -EINVAL);
}
END_TEST

START_TEST(test_gpio_oob_ioctl_rules)
{
	unsigned int in = 2, out = 3;
	struct gpiohandle_data d = { { 0 } };
	int hplain, hin, hout;

	hplain = handle(chipfd, GPIOHANDLE_REQUEST_INPUT, &in, 1, NULL);
	ck_assert_int_ge(hplain, 0);
	ck_assert_int_ge(evl_attach_self("gpio-oob:%d", getpid()), 0);
	/*
	 * The driver's -EPERM for a handle not requested oob is out of reach: such a file
	 * is not an EVL file (no evl_open_file()), so EVL refuses the oob call first.
	 */
	ck_assert_fails(oob_ioctl(hplain, GPIOHANDLE_GET_LINE_VALUES_IOCTL, &d), EBADF);
	close(hplain);
	hin = handle(chipfd, GPIOHANDLE_REQUEST_INPUT | GPIOHANDLE_REQUEST_OOB, &in, 1, NULL);
	hout = handle(chipfd, GPIOHANDLE_REQUEST_OUTPUT | GPIOHANDLE_REQUEST_OOB, &out, 1, NULL);
	ck_assert_int_ge(hin, 0);
	ck_assert_int_ge(hout, 0);
	ck_assert_fails(oob_ioctl(hin, GPIOHANDLE_SET_LINE_VALUES_IOCTL, &d), EPERM);
	ck_assert_fails(oob_ioctl(hin, _IO(0xB4, 0x7f), &d), EINVAL);
	ck_assert_fails(oob_ioctl(hin, GPIOHANDLE_GET_LINE_VALUES_IOCTL, (void *)8), EFAULT);
	ck_assert_fails(oob_ioctl(hout, GPIOHANDLE_SET_LINE_VALUES_IOCTL, (void *)8), EFAULT);
	ck_assert_int_eq(evl_detach_self(), 0);
	close(hin);
	close(hout);
}
END_TEST

START_TEST(test_gpio_oob_set_reaches_set_multiple_active_low)
{
	unsigned int lines[2] = { 2, 3 };
	struct gpiohandle_data d = { { 0 } };
	struct evlsim_gpio_stats st0, st;
	int h;

	h = handle(chipfd, GPIOHANDLE_REQUEST_OUTPUT | GPIOHANDLE_REQUEST_ACTIVE_LOW |
		   GPIOHANDLE_REQUEST_OOB, lines, 2, NULL);
	ck_assert_int_ge(h, 0);
	/* logical 0 with active-low: both lines high */
	ck_assert_int_eq(evlsim_gpio_get_output(chip, 2), 1);
	ck_assert_int_eq(evlsim_gpio_get_output(chip, 3), 1);
	ck_assert_ret(evlsim_gpio_stats(chip, &st0), 0);
	ck_assert_int_ge(evl_attach_self("gpio-set:%d", getpid()), 0);
	d.values[0] = 1;
	d.values[1] = 0;
	ck_assert_call(oob_ioctl(h, GPIOHANDLE_SET_LINE_VALUES_IOCTL, &d), 0);
	ck_assert_ret(evlsim_gpio_stats(chip, &st), 0);
	ck_assert_uint_eq(st.set_multiple, st0.set_multiple + 1);
	ck_assert_uint_eq(st.set, st0.set);
	ck_assert_uint_eq(st.last_mask, (1ull << 2) | (1ull << 3));
	ck_assert_uint_eq(st.last_bits, 1ull << 3);	/* line 2 low, line 3 high */
	ck_assert_int_eq(evlsim_gpio_get_output(chip, 2), 0);
	ck_assert_int_eq(evlsim_gpio_get_output(chip, 3), 1);
	/* oob GET: one get_multiple, active-low applied */
	memset(&d, 0xff, sizeof(d));
	ck_assert_call(oob_ioctl(h, GPIOHANDLE_GET_LINE_VALUES_IOCTL, &d), 0);
	ck_assert_int_eq(d.values[0], 1);
	ck_assert_int_eq(d.values[1], 0);
	ck_assert_int_eq(d.values[2], 0);
	ck_assert_ret(evlsim_gpio_stats(chip, &st), 0);
	ck_assert_uint_eq(st.get_multiple, st0.get_multiple + 1);
	ck_assert_int_eq(evl_detach_self(), 0);
	close(h);
}
END_TEST

START_TEST(test_gpio_oob_event_one_edge_one_event)
{
	struct gpioevent_data ge[2];
	long long t0, t1;	/* the EVL monotonic clock is the simulator's one clock */
	int e;

	e = event(chipfd, 4, GPIOHANDLE_REQUEST_INPUT | GPIOHANDLE_REQUEST_OOB,
		  GPIOEVENT_REQUEST_RISING_EDGE);
	ck_assert_int_ge(e, 0);
	ck_assert_int_ge(evl_attach_self("gpio-ev:%d", getpid()), 0);
	ck_assert_int_eq(fcntl(e, F_SETFL, O_NONBLOCK), 0);
	ck_assert_fails(oob_read(e, ge, sizeof(ge)), EAGAIN);
	t0 = (long long)now_ns();
	ck_assert_ret(evlsim_gpio_set_input(chip, 4, 1), 0);
	t1 = (long long)now_ns();
	ck_assert_ret(evlsim_gpio_set_input(chip, 4, 0), 0);	/* falling: not requested */
	ck_assert_call(oob_read(e, ge, sizeof(ge)), sizeof(ge[0]));	/* one per call */
	ck_assert_uint_eq(ge[0].id, GPIOEVENT_EVENT_RISING_EDGE);
	ck_assert_int_ge((long long)ge[0].timestamp, t0);
	ck_assert_int_le((long long)ge[0].timestamp, t1);
	ck_assert_fails(oob_read(e, ge, sizeof(ge)), EAGAIN);
	ck_assert_fails(oob_read(e, ge, sizeof(ge[0]) - 1), EINVAL);
	ck_assert_fails(read(e, ge, sizeof(ge)), EPERM);
	ck_assert_int_eq(evl_detach_self(), 0);
	close(e);
}
END_TEST

struct blocked_reader {
	int fd;
	ssize_t ret;
	struct gpioevent_data ge;
	atomic_int waiting;
};

static void *blocked_reader_fn(void *arg)
{
	struct blocked_reader *r = arg;

	if (evl_attach_self("gpio-rd:%d", gettid()) < 0)
		return NULL;
	atomic_store(&r->waiting, 1);
	r->ret = oob_read(r->fd, &r->ge, sizeof(r->ge));
	evl_detach_self();
	return NULL;
}

START_TEST(test_gpio_oob_read_blocks_until_edge)
{
	struct blocked_reader r = { .ret = -2 };
	pthread_t tid;

	r.fd = event(chipfd, 10, GPIOHANDLE_REQUEST_INPUT | GPIOHANDLE_REQUEST_OOB,
		     GPIOEVENT_REQUEST_FALLING_EDGE);
	ck_assert_int_ge(r.fd, 0);
	ck_assert_ret(evlsim_gpio_set_input(chip, 10, 1), 0);	/* rising: not requested */
	ck_assert_int_eq(pthread_create(&tid, NULL, blocked_reader_fn, &r), 0);
	while (!atomic_load(&r.waiting))
		usleep(1000);
	usleep(20000);		/* let it block (the result does not depend on it) */
	ck_assert_ret(evlsim_gpio_set_input(chip, 10, 0), 0);
	ck_assert_int_eq(pthread_join(tid, NULL), 0);
	ck_assert_int_eq(r.ret, sizeof(r.ge));
	ck_assert_uint_eq(r.ge.id, GPIOEVENT_EVENT_FALLING_EDGE);
	close(r.fd);
}
END_TEST

START_TEST(test_gpio_oob_event_quirks)
{
	struct gpioevent_data ge;
	int e, i, n = 0;

	/* both edges: always FALLING on the oob path */
	e = event(chipfd, 6, GPIOHANDLE_REQUEST_INPUT | GPIOHANDLE_REQUEST_OOB,
		  GPIOEVENT_REQUEST_BOTH_EDGES);
	ck_assert_int_ge(e, 0);
	ck_assert_int_ge(evl_attach_self("gpio-q:%d", getpid()), 0);
	ck_assert_int_eq(fcntl(e, F_SETFL, O_NONBLOCK), 0);
	ck_assert_ret(evlsim_gpio_set_input(chip, 6, 1), 0);
	ck_assert_call(oob_read(e, &ge, sizeof(ge)), sizeof(ge));
	ck_assert_uint_eq(ge.id, GPIOEVENT_EVENT_FALLING_EDGE);
	/* 16 events kept, the rest dropped silently */
	for (i = 0; i < 20; i++)
		ck_assert_ret(evlsim_gpio_set_input(chip, 6, !(i & 1) ? 0 : 1), 0);
	while (oob_read(e, &ge, sizeof(ge)) == sizeof(ge))
		n++;
	ck_assert_int_eq(errno, EAGAIN);
	ck_assert_int_eq(n, 16);
	ck_assert_int_eq(evl_detach_self(), 0);
	close(e);
}
END_TEST

START_TEST(test_gpio_inband_event)
{
	struct gpioevent_data ge;
	int e;

	e = event(chipfd, 7, GPIOHANDLE_REQUEST_INPUT, GPIOEVENT_REQUEST_BOTH_EDGES);
	ck_assert_int_ge(e, 0);
	ck_assert_ret(evlsim_gpio_set_input(chip, 7, 1), 0);
	/* the in-band path reads the pin: a rising edge */
	ck_assert_call(read(e, &ge, sizeof(ge)), sizeof(ge));
	ck_assert_uint_eq(ge.id, GPIOEVENT_EVENT_RISING_EDGE);
	ck_assert_fails(read(e, &ge, sizeof(ge) - 1), EINVAL);
	ck_assert_int_ge(evl_attach_self("gpio-ib:%d", getpid()), 0);
	/* not an EVL file: EVL refuses before the driver's -EPERM (as for handles) */
	ck_assert_fails(oob_read(e, &ge, sizeof(ge)), EBADF);
	ck_assert_int_eq(evl_detach_self(), 0);
	close(e);
}
END_TEST

START_TEST(test_gpio_loopback_through_wire)
{
	unsigned int out = 0;
	struct gpiohandle_data d = { { 0 } };
	struct gpioevent_data ge;
	int h, e;

	ck_assert_ret(evlsim_gpio_wire(chip, 0, chip, 8), 0);
	h = handle(chipfd, GPIOHANDLE_REQUEST_OUTPUT | GPIOHANDLE_REQUEST_OOB, &out, 1, NULL);
	e = event(chipfd, 8, GPIOHANDLE_REQUEST_INPUT | GPIOHANDLE_REQUEST_OOB,
		  GPIOEVENT_REQUEST_RISING_EDGE);
	ck_assert_int_ge(h, 0);
	ck_assert_int_ge(e, 0);
	ck_assert_int_ge(evl_attach_self("gpio-lb:%d", getpid()), 0);
	d.values[0] = 1;
	ck_assert_call(oob_ioctl(h, GPIOHANDLE_SET_LINE_VALUES_IOCTL, &d), 0);
	ck_assert_call(oob_read(e, &ge, sizeof(ge)), sizeof(ge));
	ck_assert_uint_eq(ge.id, GPIOEVENT_EVENT_RISING_EDGE);
	ck_assert_int_eq(evl_detach_self(), 0);
	close(e);
	close(h);
	ck_assert_ret(evlsim_gpio_wire(chip, 0, NULL, 0), 0);
}
END_TEST

START_TEST(test_gpio_irq_goes_through_domain)
{
	struct evlsim_irq_stats ist;
	struct evlsim_gpio_stats gst;
	int irq = evlsim_gpio_irq(chip, 9), e;

	ck_assert_int_gt(irq, 0);
	ck_assert_int_eq(evlsim_gpio_irq(chip, 9), irq);	/* the same mapping */
	e = event(chipfd, 9, GPIOHANDLE_REQUEST_INPUT | GPIOHANDLE_REQUEST_OOB,
		  GPIOEVENT_REQUEST_RISING_EDGE);
	ck_assert_int_ge(e, 0);
	ck_assert_ret(evlsim_gpio_set_input(chip, 9, 1), 0);
	ck_assert_ret(evlsim_irq_stats(irq, &ist), 0);
	ck_assert_int_eq(ist.oob, 1);
	ck_assert_uint_eq(ist.oob_handled, 1);
	ck_assert_uint_eq(ist.type, EVLSIM_IRQ_EDGE_RISING);
	ck_assert_ret(evlsim_gpio_stats(chip, &gst), 0);
	ck_assert_uint_eq(gst.irqs, 1);
	ck_assert_ret(evlsim_irq_stats(evlsim_gpio_parent_irq(chip), &ist), 0);
	ck_assert_uint_eq(ist.oob_handled, 1);	/* one chained pass */
	/* a mapped line is not the test's to destroy */
	ck_assert_ret(evlsim_irq_line_destroy(irq), -EINVAL);
	close(e);
}
END_TEST

START_TEST(test_gpio_chip_api)
{
	struct evlsim_gpio_chip *c;
	struct gpiochip_info info;
	unsigned int l = 0;
	int fd, h;

	ck_assert_ret(evlsim_gpio_chip_create("x", 0, 0, &c), -EINVAL);
	ck_assert_ret(evlsim_gpio_chip_create("x", EVLSIM_GPIO_MAX_LINES + 1, 0, &c), -EINVAL);
	ck_assert_ret(evlsim_gpio_chip_create("x", 4, 0x100, &c), -EINVAL);
	ck_assert_ret(evlsim_gpio_chip_create("x", 4, 0, NULL), -EINVAL);
	ck_assert_ret(evlsim_gpio_set_input(chip, 16, 1), -EINVAL);
	ck_assert_ret(evlsim_gpio_get_output(chip, 16), -EINVAL);
	ck_assert_ret(evlsim_gpio_wire(chip, 16, chip, 0), -EINVAL);
	ck_assert_ret(evlsim_gpio_chip_destroy(NULL), -EINVAL);
	ck_assert_ret(evlsim_gpio_chip_create("x", 4, 0, &c), 0);
	ck_assert_int_ne(evlsim_gpio_chip_id(c), evlsim_gpio_chip_id(chip));
	ck_assert_int_ne(evlsim_gpio_chip_base(c), evlsim_gpio_chip_base(chip));
	fd = open_chip(c);
	h = handle(fd, GPIOHANDLE_REQUEST_INPUT, &l, 1, NULL);
	ck_assert_int_ge(h, 0);
	ck_assert_ret(evlsim_gpio_chip_destroy(c), -EBUSY);
	close(h);
	ck_assert_ret(evlsim_gpio_chip_destroy(c), 0);
	/* the chip file outlives the chip: -ENODEV */
	ck_assert_fails(ioctl(fd, GPIO_GET_CHIPINFO_IOCTL, &info), ENODEV);
	close(fd);
}
END_TEST

static Suite *gpio_suite(void)
{
	Suite *s = suite_create("gpio");
	TCase *tc = tcase_create("core");

	tcase_add_checked_fixture(tc, setup, teardown);
	tcase_add_test(tc, test_gpio_chip_info);
	tcase_add_test(tc, test_gpio_handle_inband_values);
	tcase_add_test(tc, test_gpio_request_refusals);
	tcase_add_test(tc, test_gpio_oob_ioctl_rules);
	tcase_add_test(tc, test_gpio_oob_set_reaches_set_multiple_active_low);
	tcase_add_test(tc, test_gpio_oob_event_one_edge_one_event);
	tcase_add_test(tc, test_gpio_oob_read_blocks_until_edge);
	tcase_add_test(tc, test_gpio_oob_event_quirks);
	tcase_add_test(tc, test_gpio_inband_event);
	tcase_add_test(tc, test_gpio_loopback_through_wire);
	tcase_add_test(tc, test_gpio_irq_goes_through_domain);
	tcase_add_test(tc, test_gpio_chip_api);
	suite_add_tcase(s, tc);
	return s;
}

int main(void)
{
	return evlsim_check_run(gpio_suite());
}
