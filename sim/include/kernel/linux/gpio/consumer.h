/* SPDX-License-Identifier: LGPL-2.1-or-later */
/*
 * evlsim shim: linux v6.12 include/linux/gpio/consumer.h, custom subset: descriptors
 * (gpiod_get() & co., their managed forms), values, directions, gpiod_to_irq(), and
 * gpio_to_desc()/desc_to_gpio(). A consumer's lines are found as a device tree would give
 * them: the property "<con_id>-gpios" (or "gpios" for a NULL @con_id) of the device, in
 * cells of three u32 <chip line flags>, where "chip" is the GPIO chip's number (N of
 * /dev/gpiochipN) and flags GPIO_ACTIVE_LOW (1) or 0 (docs/api/gpio.md). Arrays of
 * descriptors, the raw/array/_cansleep array calls and the v2 line attributes are not
 * provided.
 */
#ifndef _EVLSIM_LINUX_GPIO_CONSUMER_H
#define _EVLSIM_LINUX_GPIO_CONSUMER_H

#include <linux/bits.h>
#include <linux/err.h>
#include <linux/types.h>

struct device;
struct gpio_desc;

#define GPIOD_FLAGS_BIT_DIR_SET		BIT(0)
#define GPIOD_FLAGS_BIT_DIR_OUT		BIT(1)
#define GPIOD_FLAGS_BIT_DIR_VAL		BIT(2)
#define GPIOD_FLAGS_BIT_OPEN_DRAIN	BIT(3)
#define GPIOD_FLAGS_BIT_NONEXCLUSIVE	BIT(4)

/**
 * enum gpiod_flags - Optional flags that can be passed to one of gpiod_* to configure
 *	direction and output value. These values cannot be OR'd.
 */
enum gpiod_flags {
	GPIOD_ASIS	= 0,
	GPIOD_IN	= GPIOD_FLAGS_BIT_DIR_SET,
	GPIOD_OUT_LOW	= GPIOD_FLAGS_BIT_DIR_SET | GPIOD_FLAGS_BIT_DIR_OUT,
	GPIOD_OUT_HIGH	= GPIOD_FLAGS_BIT_DIR_SET | GPIOD_FLAGS_BIT_DIR_OUT |
			  GPIOD_FLAGS_BIT_DIR_VAL,
	GPIOD_OUT_LOW_OPEN_DRAIN = GPIOD_OUT_LOW | GPIOD_FLAGS_BIT_OPEN_DRAIN,
	GPIOD_OUT_HIGH_OPEN_DRAIN = GPIOD_OUT_HIGH | GPIOD_FLAGS_BIT_OPEN_DRAIN,
};

struct gpio_desc *gpiod_get(struct device *dev, const char *con_id, enum gpiod_flags flags)
	__evlsim_ksym(gpiod_get);
struct gpio_desc *gpiod_get_index(struct device *dev, const char *con_id, unsigned int idx,
				  enum gpiod_flags flags) __evlsim_ksym(gpiod_get_index);
struct gpio_desc *gpiod_get_optional(struct device *dev, const char *con_id,
				     enum gpiod_flags flags) __evlsim_ksym(gpiod_get_optional);
struct gpio_desc *gpiod_get_index_optional(struct device *dev, const char *con_id,
					   unsigned int index, enum gpiod_flags flags)
	__evlsim_ksym(gpiod_get_index_optional);
void gpiod_put(struct gpio_desc *desc) __evlsim_ksym(gpiod_put);

struct gpio_desc *devm_gpiod_get(struct device *dev, const char *con_id,
				 enum gpiod_flags flags) __evlsim_ksym(devm_gpiod_get);
struct gpio_desc *devm_gpiod_get_index(struct device *dev, const char *con_id,
				       unsigned int idx, enum gpiod_flags flags)
	__evlsim_ksym(devm_gpiod_get_index);
struct gpio_desc *devm_gpiod_get_optional(struct device *dev, const char *con_id,
					  enum gpiod_flags flags)
	__evlsim_ksym(devm_gpiod_get_optional);
void devm_gpiod_put(struct device *dev, struct gpio_desc *desc) __evlsim_ksym(devm_gpiod_put);

int gpiod_get_direction(struct gpio_desc *desc) __evlsim_ksym(gpiod_get_direction);
int gpiod_direction_input(struct gpio_desc *desc) __evlsim_ksym(gpiod_direction_input);
int gpiod_direction_output(struct gpio_desc *desc, int value)
	__evlsim_ksym(gpiod_direction_output);
int gpiod_direction_output_raw(struct gpio_desc *desc, int value)
	__evlsim_ksym(gpiod_direction_output_raw);

int gpiod_get_value(const struct gpio_desc *desc) __evlsim_ksym(gpiod_get_value);
void gpiod_set_value(struct gpio_desc *desc, int value) __evlsim_ksym(gpiod_set_value);
int gpiod_get_raw_value(const struct gpio_desc *desc) __evlsim_ksym(gpiod_get_raw_value);
void gpiod_set_raw_value(struct gpio_desc *desc, int value) __evlsim_ksym(gpiod_set_raw_value);
int gpiod_get_value_cansleep(const struct gpio_desc *desc)
	__evlsim_ksym(gpiod_get_value_cansleep);
void gpiod_set_value_cansleep(struct gpio_desc *desc, int value)
	__evlsim_ksym(gpiod_set_value_cansleep);
int gpiod_get_raw_value_cansleep(const struct gpio_desc *desc)
	__evlsim_ksym(gpiod_get_raw_value_cansleep);
void gpiod_set_raw_value_cansleep(struct gpio_desc *desc, int value)
	__evlsim_ksym(gpiod_set_raw_value_cansleep);

int gpiod_cansleep(const struct gpio_desc *desc) __evlsim_ksym(gpiod_cansleep);
int gpiod_to_irq(const struct gpio_desc *desc) __evlsim_ksym(gpiod_to_irq);
int gpiod_set_consumer_name(struct gpio_desc *desc, const char *name)
	__evlsim_ksym(gpiod_set_consumer_name);
int gpiod_is_active_low(const struct gpio_desc *desc) __evlsim_ksym(gpiod_is_active_low);
void gpiod_toggle_active_low(struct gpio_desc *desc) __evlsim_ksym(gpiod_toggle_active_low);

struct gpio_desc *gpio_to_desc(unsigned int gpio) __evlsim_ksym(gpio_to_desc);
int desc_to_gpio(const struct gpio_desc *desc) __evlsim_ksym(desc_to_gpio);

#endif
