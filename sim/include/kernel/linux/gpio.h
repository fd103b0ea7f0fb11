/* SPDX-License-Identifier: LGPL-2.1-or-later */
/*
 * evlsim shim: linux v6.12 include/linux/gpio.h, the legacy integer-number API over
 * descriptors, faithful: gpio_request(), gpio_free(), gpio_request_one() (functions, as
 * gpiolib-legacy.c), the inlines over gpio_to_desc(). Numbers are the chips' bases
 * (dynamic: from 512 upwards, as the kernel's GPIO_DYNAMIC_BASE).
 */
#ifndef _EVLSIM_LINUX_GPIO_H
#define _EVLSIM_LINUX_GPIO_H

#include <linux/types.h>
#include <linux/gpio/consumer.h>

#define GPIOF_IN		((1 << 0))
#define GPIOF_OUT_INIT_LOW	((0 << 0) | (0 << 1))
#define GPIOF_OUT_INIT_HIGH	((0 << 0) | (1 << 1))
#define GPIOF_ACTIVE_LOW	(1 << 2)

int gpio_request(unsigned int gpio, const char *label) __evlsim_ksym(gpio_request);
void gpio_free(unsigned int gpio) __evlsim_ksym(gpio_free);
int gpio_request_one(unsigned int gpio, unsigned long flags, const char *label)
	__evlsim_ksym(gpio_request_one);

static inline bool gpio_is_valid(int number)
{
	/* only non-negative numbers are valid */
	return number >= 0;
}

static inline int gpio_direction_input(unsigned int gpio)
{
	return gpiod_direction_input(gpio_to_desc(gpio));
}

static inline int gpio_direction_output(unsigned int gpio, int value)
{
	return gpiod_direction_output_raw(gpio_to_desc(gpio), value);
}

static inline int gpio_get_value_cansleep(unsigned int gpio)
{
	return gpiod_get_raw_value_cansleep(gpio_to_desc(gpio));
}

static inline void gpio_set_value_cansleep(unsigned int gpio, int value)
{
	gpiod_set_raw_value_cansleep(gpio_to_desc(gpio), value);
}

static inline int gpio_get_value(unsigned int gpio)
{
	return gpiod_get_raw_value(gpio_to_desc(gpio));
}

static inline void gpio_set_value(unsigned int gpio, int value)
{
	gpiod_set_raw_value(gpio_to_desc(gpio), value);
}

static inline int gpio_to_irq(unsigned int gpio)
{
	return gpiod_to_irq(gpio_to_desc(gpio));
}

#endif
