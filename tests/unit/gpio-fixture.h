/* SPDX-License-Identifier: MIT */
/*
 * The fixture check_gpio and check_gpio_consumer share (gpio-fixture.c).
 */
#ifndef EVLSIM_TESTS_GPIO_FIXTURE_H
#define EVLSIM_TESTS_GPIO_FIXTURE_H

struct evlsim_gpio_chip;

/* the chip setup() creates, and its /dev/gpiochipN open */
extern struct evlsim_gpio_chip *chip;
extern int chipfd;

/* opens /dev/gpiochipN of @c (asserted) */
int open_chip(struct evlsim_gpio_chip *c);
/* a 16-line chip, no report left from before; teardown() destroys it, asserts no report */
void setup(void);
void teardown(void);
/* GPIO_GET_LINEHANDLE_IOCTL on @fd: the handle's fd, or -errno */
int handle(int fd, unsigned int flags, const unsigned int *lines, unsigned int n,
	   const unsigned char *defaults);
/* GPIO_GET_LINEEVENT_IOCTL on @fd: the event file's fd, or -errno */
int event(int fd, unsigned int line, unsigned int hflags, unsigned int eflags);

#endif
