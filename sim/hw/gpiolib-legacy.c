// SPDX-License-Identifier: LGPL-2.1-or-later
/*
 * The legacy GPIO number API of <linux/gpio.h> (gpiolib-legacy.c) and EVL's oob pair
 * (linux-evl drivers/gpio/gpiolib.c, K @02acf1f), kernel world.
 */
#include <linux/kernel.h>
#include <linux/string.h>
#include <linux/gpio.h>
#include "gpiolib.h"

/* ---- the legacy number API (gpiolib-legacy.c) -------------------------------------------- */

/** gpio_to_desc - Convert a GPIO number to its descriptor (NULL: no chip has it) */
struct gpio_desc *gpio_to_desc(unsigned int gpio)
{
	struct gpio_device *gdev;
	int id;

	for (id = 0; id < 64; id++) {
		gdev = evlsim__gpio_find(id);
		if (!gdev)
			continue;
		if (gpio >= (unsigned int)gdev->base && gpio < (unsigned int)gdev->base + gdev->ngpio) {
			struct gpio_desc *desc = &gdev->descs[gpio - gdev->base];

			gpio_device_put(gdev);
			return desc;
		}
		gpio_device_put(gdev);
	}
	return NULL;
}

/** desc_to_gpio - convert a GPIO descriptor to the integer namespace (-1 if invalid) */
int desc_to_gpio(const struct gpio_desc *desc)
{
	if (IS_ERR_OR_NULL(desc))
		return -1;
	return desc->gdev->base + gpiod_hwgpio(desc);
}

/**
 * gpio_request - request a GPIO by its legacy number
 * @gpio: GPIO number
 * @label: a literal description string of this GPIO
 *
 * 0, -EPROBE_DEFER (no chip has @gpio yet), -EBUSY, the chip's ->request() error.
 */
int gpio_request(unsigned int gpio, const char *label)
{
	evlsim__check_service(EVLSIM_SVC_gpio_request);
	struct gpio_desc *desc = gpio_to_desc(gpio);

	/* Compatibility: assume unavailable "valid" GPIOs will appear later */
	if (!desc)
		return -EPROBE_DEFER;
	return gpiod_request(desc, label);
}

/** gpio_free - free a GPIO requested with gpio_request() */
void gpio_free(unsigned int gpio)
{
	struct gpio_desc *desc = gpio_to_desc(gpio);

	if (desc)
		gpiod_free(desc);
}

/** gpio_request_one - request a single GPIO with initial configuration (GPIOF_*) */
int gpio_request_one(unsigned int gpio, unsigned long flags, const char *label)
{
	struct gpio_desc *desc = gpio_to_desc(gpio);
	int err;

	if (!desc)
		return -EPROBE_DEFER;
	err = gpiod_request(desc, label);
	if (err)
		return err;
	if (flags & GPIOF_ACTIVE_LOW)
		set_bit(GPIOD_FLAG_ACTIVE_LOW, &desc->flags);
	if (flags & GPIOF_IN)
		err = gpiod_direction_input(desc);
	else
		err = gpiod_direction_output_raw(desc, !!(flags & GPIOF_OUT_INIT_HIGH));
	if (err)
		gpiod_free(desc);
	return err;
}

/* ---- EVL's oob pair (K gpiolib.c @02acf1f) ----------------------------------------------- */

static int gpio_chip_get_multiple(struct gpio_chip *gc, unsigned long *mask,
				  unsigned long *bits)
{
	unsigned int i;
	int value;

	if (gc->get_multiple)
		return gc->get_multiple(gc, mask, bits);
	if (gc->get) {
		for_each_set_bit(i, mask, gc->ngpio) {
			value = gc->get(gc, i);
			if (value < 0)
				return value;
			__assign_bit(i, bits, value);
		}
		return 0;
	}
	return -EIO;
}

/**
 * gpiod_get_array_value_oob - read the logical values of lines of one chip, from oob
 * @gc: the chip of every descriptor
 * @value_bitmap: the values, bit i for @desc_array[i] (active-low applied)
 * @num_descs: the number of descriptors (at most CONFIG_GPIOLIB_FASTPATH_LIMIT)
 * @desc_array: the descriptors
 *
 * One ->get_multiple() call (or ->get() per line), on the calling stage, with no lock
 * but the chip's own. 0 or the chip's error.
 */
int gpiod_get_array_value_oob(struct gpio_chip *gc, unsigned long *value_bitmap,
			      u32 num_descs, struct gpio_desc **desc_array)
{
	evlsim__check_service(EVLSIM_SVC_gpiod_get_array_value_oob);
	DECLARE_BITMAP(mask, CONFIG_GPIOLIB_FASTPATH_LIMIT);
	DECLARE_BITMAP(bits, CONFIG_GPIOLIB_FASTPATH_LIMIT);
	unsigned int i, hwgpio;
	int ret, value;

	memset(mask, 0, sizeof(mask));
	memset(bits, 0, sizeof(bits));
	for (i = 0; i < num_descs; i++)
		__set_bit(gpiod_hwgpio(desc_array[i]), mask);
	ret = gpio_chip_get_multiple(gc, mask, bits);
	if (ret)
		return ret;
	for (i = 0; i < num_descs; i++) {
		hwgpio = gpiod_hwgpio(desc_array[i]);
		value = test_bit(hwgpio, bits);
		if (test_bit(GPIOD_FLAG_ACTIVE_LOW, &desc_array[i]->flags))
			value = !value;
		__assign_bit(i, value_bitmap, value);
	}
	return 0;
}

/**
 * gpiod_set_array_value_oob - assign the logical values of lines of one chip, from oob
 * @gc: the chip of every descriptor
 * @value_bitmap: the values, bit i for @desc_array[i] (active-low applied here)
 * @num_descs: the number of descriptors
 * @desc_array: the descriptors
 *
 * One ->set_multiple() call, or ->set() per line. Always 0.
 */
int gpiod_set_array_value_oob(struct gpio_chip *gc, const unsigned long *value_bitmap,
			      u32 num_descs, struct gpio_desc **desc_array)
{
	evlsim__check_service(EVLSIM_SVC_gpiod_get_array_value_oob);
	DECLARE_BITMAP(mask, CONFIG_GPIOLIB_FASTPATH_LIMIT);
	DECLARE_BITMAP(bits, CONFIG_GPIOLIB_FASTPATH_LIMIT);
	unsigned int i, hwgpio;
	int value;

	memset(mask, 0, sizeof(mask));
	memset(bits, 0, sizeof(bits));
	for (i = 0; i < num_descs; i++) {
		hwgpio = gpiod_hwgpio(desc_array[i]);
		value = test_bit(i, value_bitmap);
		if (test_bit(GPIOD_FLAG_ACTIVE_LOW, &desc_array[i]->flags))
			value = !value;
		__set_bit(hwgpio, mask);
		__assign_bit(hwgpio, bits, value);
	}
	if (gc->set_multiple) {
		gc->set_multiple(gc, mask, bits);
	} else {
		for_each_set_bit(i, mask, gc->ngpio)
			gc->set(gc, i, test_bit(i, bits));
	}
	return 0;
}
