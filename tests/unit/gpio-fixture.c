// SPDX-License-Identifier: MIT
/*
 * The fixture check_gpio and check_gpio_consumer share (gpio-fixture.h): a 16-line
 * evlsim-gpio chip and its character device per test, and the v1 requests.
 */
#define _GNU_SOURCE
#include <fcntl.h>
#include <sys/ioctl.h>
#include <linux/gpio.h>
#include <evlsim/hw.h>
#include "evlsim-check.h"
#include "gpio-fixture.h"

struct evlsim_gpio_chip *chip;
int chipfd;

int open_chip(struct evlsim_gpio_chip *c)
{
	char path[32];
	int fd;

	snprintf(path, sizeof(path), "/dev/gpiochip%d", evlsim_gpio_chip_id(c));
	fd = open(path, O_RDWR);
	ck_assert_int_ge(fd, 0);
	return fd;
}

void setup(void)
{
	evlsim_reset_reports();
	ck_assert_ret(evlsim_gpio_chip_create("sim", 16, 0, &chip), 0);
	chipfd = open_chip(chip);
}

void teardown(void)
{
	close(chipfd);
	ck_assert_ret(evlsim_gpio_chip_destroy(chip), 0);
	ck_assert_no_reports();
}

int handle(int fd, unsigned int flags, const unsigned int *lines, unsigned int n,
		  const unsigned char *defaults)
{
	struct gpiohandle_request req;
	unsigned int i;

	memset(&req, 0, sizeof(req));
	for (i = 0; i < n; i++) {
		req.lineoffsets[i] = lines[i];
		req.default_values[i] = defaults ? defaults[i] : 0;
	}
	req.lines = n;
	req.flags = flags;
	strcpy(req.consumer_label, "test");
	if (ioctl(fd, GPIO_GET_LINEHANDLE_IOCTL, &req))
		return -errno;
	return req.fd;
}

int event(int fd, unsigned int line, unsigned int hflags, unsigned int eflags)
{
	struct gpioevent_request req;

	memset(&req, 0, sizeof(req));
	req.lineoffset = line;
	req.handleflags = hflags;
	req.eventflags = eflags;
	strcpy(req.consumer_label, "ev");
	if (ioctl(fd, GPIO_GET_LINEEVENT_IOCTL, &req))
		return -errno;
	return req.fd;
}
