/* SPDX-License-Identifier: LGPL-2.1-or-later */
/*
 * GPIO core (kernel world): what gpiolib.c, gpiolib-cdev.c and gpio-sim.c share, after
 * linux-evl drivers/gpio/gpiolib.h (K @0ed520f): the GPIO device, the descriptor and its
 * flags, the oob pair of EVL.
 */
#ifndef _EVLSIM_HW_GPIOLIB_H
#define _EVLSIM_HW_GPIOLIB_H

#include <linux/cdev.h>
#include <linux/device.h>
#include <linux/gpio/consumer.h>
#include <linux/gpio/driver.h>
#include <linux/list.h>
#include "kinternal.h"

/* the descriptor flags (gpiolib.h's GPIOD_FLAG_*) */
enum {
	GPIOD_FLAG_REQUESTED,
	GPIOD_FLAG_IS_OUT,
	GPIOD_FLAG_EXPORT,
	GPIOD_FLAG_SYSFS,
	GPIOD_FLAG_ACTIVE_LOW,
	GPIOD_FLAG_OPEN_DRAIN,
	GPIOD_FLAG_OPEN_SOURCE,
	GPIOD_FLAG_USED_AS_IRQ,
	GPIOD_FLAG_IRQ_IS_ENABLED,
	GPIOD_FLAG_IS_HOGGED,
	GPIOD_FLAG_TRANSITORY,
	GPIOD_FLAG_PULL_UP,
	GPIOD_FLAG_PULL_DOWN,
	GPIOD_FLAG_BIAS_DISABLE,
	GPIOD_FLAG_EDGE_RISING,
	GPIOD_FLAG_EDGE_FALLING,
};

struct gpio_desc {
	struct gpio_device	*gdev;
	unsigned long		flags;
	const char		*label;
	const char		*name;
};

/**
 * struct gpio_device - internal state container for GPIO devices
 * @dev: the GPIO device (/dev/gpiochipN)
 * @chrdev: character device for the GPIO device
 * @id: numerical ID number for the GPIO chip
 * @chip: the chip, NULL once removed (files still open then get -ENODEV)
 * @descs: array of ngpio descriptors
 * @data: the driver's data (gpiochip_get_data())
 * @base: GPIO base in the legacy number space
 * @ngpio: the number of GPIO lines on this GPIO device
 * @can_sleep: the chip's can_sleep, kept after its removal
 * @label: a descriptive name for the GPIO device
 * @list: links gpio_device:s together for traversal
 * @acct: the module the chip is charged to (gpiochip_add_data() in its code)
 */
struct gpio_device {
	struct device		dev;
	struct cdev		chrdev;
	int			id;
	struct gpio_chip	*chip;
	struct gpio_desc	*descs;
	void			*data;
	int			base;
	u16			ngpio;
	bool			can_sleep;
	char			label[32];
	struct list_head	list;
	struct module		*acct;
};

static inline int gpiod_hwgpio(const struct gpio_desc *desc)
{
	return desc - &desc->gdev->descs[0];
}

struct gpio_device *gpio_device_get(struct gpio_device *gdev);
void gpio_device_put(struct gpio_device *gdev);
struct gpio_desc *gpio_device_get_desc(struct gpio_device *gdev, unsigned int hwnum);
int gpiod_request(struct gpio_desc *desc, const char *label);
void gpiod_free(struct gpio_desc *desc);
/* the chip of @gdev (NULL once removed) */
static inline struct gpio_chip *gdev_chip(struct gpio_device *gdev)
{
	return READ_ONCE(gdev->chip);
}

/* the oob pair of EVL (K gpiolib.c @02acf1f) */
int gpiod_get_array_value_oob(struct gpio_chip *gc, unsigned long *value_bitmap,
			      u32 num_descs, struct gpio_desc **desc_array)
	__evlsim_ksym(gpiod_get_array_value_oob);
int gpiod_set_array_value_oob(struct gpio_chip *gc, const unsigned long *value_bitmap,
			      u32 num_descs, struct gpio_desc **desc_array)
	__evlsim_ksym(gpiod_set_array_value_oob);

/* gpiolib-cdev.c: /dev/gpiochipN */
int evlsim__gpio_cdev_register(struct gpio_device *gdev);
void evlsim__gpio_cdev_unregister(struct gpio_device *gdev);

/* gpio-sim.c */
struct gpio_device *evlsim__gpio_find(int id);

#endif
