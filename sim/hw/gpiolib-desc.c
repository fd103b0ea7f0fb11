// SPDX-License-Identifier: LGPL-2.1-or-later
/*
 * GPIO descriptors (kernel world), after linux-evl drivers/gpio/gpiolib.c (K @02acf1f),
 * gpiolib-devres.c: the consumer API of <linux/gpio/consumer.h>.
 */
#include <linux/kernel.h>
#include <linux/slab.h>
#include <linux/string.h>
#include <linux/property.h>
#include <linux/device/devres.h>
#include <linux/gpio.h>
#include "gpiolib.h"

#define GPIO_ACTIVE_LOW		1
#ifndef EBADE
#define EBADE			52	/* asm-generic/errno.h: invalid exchange */
#endif

/* validate_desc(): 0 for NULL (an optional line absent), -EINVAL, -ENODEV, or 1 */
static int validate_desc(const struct gpio_desc *desc, const char *func)
{
	if (!desc)
		return 0;
	if (IS_ERR(desc)) {
		pr_warn("%s: invalid GPIO (errorpointer)\n", func);
		return PTR_ERR(desc);
	}
	if (!gdev_chip(desc->gdev)) {
		pr_warn("%s: backing chip is gone\n", func);
		return 0;
	}
	return 1;
}

#define VALIDATE_DESC(desc) do {				\
	int __valid = validate_desc(desc, __func__);		\
	if (__valid <= 0)					\
		return __valid;					\
	} while (0)

#define VALIDATE_DESC_VOID(desc) do {				\
	int __valid = validate_desc(desc, __func__);		\
	if (__valid <= 0)					\
		return;						\
	} while (0)

static inline struct gpio_chip *desc_chip(const struct gpio_desc *desc)
{
	return gdev_chip(desc->gdev);
}

/* ---- requests ---------------------------------------------------------------------------- */

int gpiod_request(struct gpio_desc *desc, const char *label)
{
	struct gpio_chip *gc = desc_chip(desc);
	unsigned int offset = gpiod_hwgpio(desc);
	int ret;

	if (!gc)
		return -ENODEV;
	if (test_and_set_bit(GPIOD_FLAG_REQUESTED, &desc->flags))
		return -EBUSY;
	if (gc->request) {
		ret = gc->request(gc, offset);
		if (ret > 0)
			ret = -EBADE;
		if (ret) {
			clear_bit(GPIOD_FLAG_REQUESTED, &desc->flags);
			return ret;
		}
	}
	if (gc->get_direction) {
		ret = gc->get_direction(gc, offset);
		if (ret >= 0)
			assign_bit(GPIOD_FLAG_IS_OUT, &desc->flags, ret == GPIO_LINE_DIRECTION_OUT);
	}
	WRITE_ONCE(desc->label, kstrdup(label ?: "?", GFP_KERNEL));
	return 0;
}

void gpiod_free(struct gpio_desc *desc)
{
	struct gpio_chip *gc;
	const char *label;

	if (!desc || !test_bit(GPIOD_FLAG_REQUESTED, &desc->flags)) {
		WARN(1, "gpiod_free: line not requested\n");
		return;
	}
	gc = desc_chip(desc);
	if (gc && gc->free)
		gc->free(gc, gpiod_hwgpio(desc));
	label = xchg(&desc->label, NULL);
	kfree(label);
	clear_bit(GPIOD_FLAG_ACTIVE_LOW, &desc->flags);
	clear_bit(GPIOD_FLAG_OPEN_DRAIN, &desc->flags);
	clear_bit(GPIOD_FLAG_OPEN_SOURCE, &desc->flags);
	clear_bit(GPIOD_FLAG_PULL_UP, &desc->flags);
	clear_bit(GPIOD_FLAG_PULL_DOWN, &desc->flags);
	clear_bit(GPIOD_FLAG_BIAS_DISABLE, &desc->flags);
	clear_bit(GPIOD_FLAG_EDGE_RISING, &desc->flags);
	clear_bit(GPIOD_FLAG_EDGE_FALLING, &desc->flags);
	clear_bit(GPIOD_FLAG_REQUESTED, &desc->flags);
}

/* ---- directions --------------------------------------------------------------------------- */

/** gpiod_get_direction - return the current direction of a GPIO (0 out, 1 in, -errno) */
int gpiod_get_direction(struct gpio_desc *desc)
{
	struct gpio_chip *gc;
	int ret;

	VALIDATE_DESC(desc);
	gc = desc_chip(desc);
	if (!gc->get_direction)
		return -ENOTSUPP;
	ret = gc->get_direction(gc, gpiod_hwgpio(desc));
	if (ret < 0)
		return ret;
	if (ret > 0)
		ret = 1;
	assign_bit(GPIOD_FLAG_IS_OUT, &desc->flags, !ret);
	return ret;
}

/** gpiod_direction_input - set the GPIO direction to input; 0 or -errno */
int gpiod_direction_input(struct gpio_desc *desc)
{
	evlsim__check_service(EVLSIM_SVC_gpiod_direction_input);
	struct gpio_chip *gc;
	int ret = 0;

	VALIDATE_DESC(desc);
	gc = desc_chip(desc);
	if (!gc->get && gc->direction_input) {
		pr_warn("%s: missing get() but have direction_input()\n", __func__);
		return -EIO;
	}
	if (gc->direction_input) {
		ret = gc->direction_input(gc, gpiod_hwgpio(desc));
	} else if (gc->get_direction &&
		   gc->get_direction(gc, gpiod_hwgpio(desc)) != GPIO_LINE_DIRECTION_IN) {
		pr_warn("%s: missing direction_input() operation and line is output\n",
			__func__);
		return -EIO;
	}
	if (ret == 0)
		clear_bit(GPIOD_FLAG_IS_OUT, &desc->flags);
	return ret;
}

/** gpiod_direction_output_raw - set the GPIO direction to output, raw @value */
int gpiod_direction_output_raw(struct gpio_desc *desc, int value)
{
	evlsim__check_service(EVLSIM_SVC_gpiod_direction_input);
	struct gpio_chip *gc;
	int ret = 0;

	VALIDATE_DESC(desc);
	gc = desc_chip(desc);
	value = !!value;
	if (!gc->set || !gc->direction_output) {
		if (!gc->set) {
			pr_warn("%s: missing set() and direction_output() operations\n",
				__func__);
			return -EIO;
		}
		if (gc->get_direction &&
		    gc->get_direction(gc, gpiod_hwgpio(desc)) != GPIO_LINE_DIRECTION_OUT) {
			pr_warn("%s: missing direction_output() operation\n", __func__);
			return -EIO;
		}
		gc->set(gc, gpiod_hwgpio(desc), value);
	} else {
		ret = gc->direction_output(gc, gpiod_hwgpio(desc), value);
	}
	if (!ret)
		set_bit(GPIOD_FLAG_IS_OUT, &desc->flags);
	return ret;
}

/** gpiod_direction_output - set the GPIO direction to output, logical @value */
int gpiod_direction_output(struct gpio_desc *desc, int value)
{
	VALIDATE_DESC(desc);
	if (test_bit(GPIOD_FLAG_ACTIVE_LOW, &desc->flags))
		value = !value;
	else
		value = !!value;
	return gpiod_direction_output_raw(desc, value);
}

/* ---- values ------------------------------------------------------------------------------- */

static int raw_get(const struct gpio_desc *desc)
{
	struct gpio_chip *gc = desc_chip(desc);
	int value;

	if (!gc->get)
		return -EIO;
	value = gc->get(gc, gpiod_hwgpio(desc));
	return value < 0 ? value : !!value;
}

static void warn_sleeping(const struct gpio_desc *desc, const char *func)
{
	if (desc_chip(desc)->can_sleep)
		WARN(1, "%s called for a line of sleeping chip %s\n", func, desc->gdev->label);
}

/** gpiod_get_raw_value - a gpio's raw value (0, 1, or -errno); not for sleeping chips */
int gpiod_get_raw_value(const struct gpio_desc *desc)
{
	evlsim__check_service(EVLSIM_SVC_gpiod_get_value);
	VALIDATE_DESC(desc);
	warn_sleeping(desc, __func__);
	return raw_get(desc);
}

/** gpiod_get_value - a gpio's logical value (active-low applied); not for sleeping chips */
int gpiod_get_value(const struct gpio_desc *desc)
{
	evlsim__check_service(EVLSIM_SVC_gpiod_get_value);
	int value;

	VALIDATE_DESC(desc);
	warn_sleeping(desc, __func__);
	value = raw_get(desc);
	if (value < 0)
		return value;
	return test_bit(GPIOD_FLAG_ACTIVE_LOW, &desc->flags) ? !value : value;
}

static void raw_set(struct gpio_desc *desc, int value)
{
	struct gpio_chip *gc = desc_chip(desc);

	if (gc->set)
		gc->set(gc, gpiod_hwgpio(desc), value);
}

/** gpiod_set_raw_value - assign a gpio's raw value; not for sleeping chips */
void gpiod_set_raw_value(struct gpio_desc *desc, int value)
{
	evlsim__check_service(EVLSIM_SVC_gpiod_get_value);
	VALIDATE_DESC_VOID(desc);
	warn_sleeping(desc, __func__);
	raw_set(desc, !!value);
}

/** gpiod_set_value - assign a gpio's logical value (active-low applied) */
void gpiod_set_value(struct gpio_desc *desc, int value)
{
	evlsim__check_service(EVLSIM_SVC_gpiod_get_value);
	VALIDATE_DESC_VOID(desc);
	warn_sleeping(desc, __func__);
	if (test_bit(GPIOD_FLAG_ACTIVE_LOW, &desc->flags))
		value = !value;
	raw_set(desc, !!value);
}

/** gpiod_get_raw_value_cansleep - gpiod_get_raw_value() that may sleep (in-band) */
int gpiod_get_raw_value_cansleep(const struct gpio_desc *desc)
{
	evlsim__check_service(EVLSIM_SVC_gpiod_get_value_cansleep);
	VALIDATE_DESC(desc);
	return raw_get(desc);
}

/** gpiod_get_value_cansleep - gpiod_get_value() that may sleep (in-band) */
int gpiod_get_value_cansleep(const struct gpio_desc *desc)
{
	evlsim__check_service(EVLSIM_SVC_gpiod_get_value_cansleep);
	int value;

	VALIDATE_DESC(desc);
	value = raw_get(desc);
	if (value < 0)
		return value;
	return test_bit(GPIOD_FLAG_ACTIVE_LOW, &desc->flags) ? !value : value;
}

/** gpiod_set_raw_value_cansleep - gpiod_set_raw_value() that may sleep (in-band) */
void gpiod_set_raw_value_cansleep(struct gpio_desc *desc, int value)
{
	evlsim__check_service(EVLSIM_SVC_gpiod_get_value_cansleep);
	VALIDATE_DESC_VOID(desc);
	raw_set(desc, !!value);
}

/** gpiod_set_value_cansleep - gpiod_set_value() that may sleep (in-band) */
void gpiod_set_value_cansleep(struct gpio_desc *desc, int value)
{
	evlsim__check_service(EVLSIM_SVC_gpiod_get_value_cansleep);
	VALIDATE_DESC_VOID(desc);
	if (test_bit(GPIOD_FLAG_ACTIVE_LOW, &desc->flags))
		value = !value;
	raw_set(desc, !!value);
}

/** gpiod_cansleep - report whether gpio value access may sleep */
int gpiod_cansleep(const struct gpio_desc *desc)
{
	VALIDATE_DESC(desc);
	return desc->gdev->can_sleep;
}

/** gpiod_is_active_low - test whether a GPIO is active-low or not */
int gpiod_is_active_low(const struct gpio_desc *desc)
{
	VALIDATE_DESC(desc);
	return test_bit(GPIOD_FLAG_ACTIVE_LOW, &desc->flags);
}

/** gpiod_toggle_active_low - toggle whether a GPIO is active-low or not */
void gpiod_toggle_active_low(struct gpio_desc *desc)
{
	VALIDATE_DESC_VOID(desc);
	change_bit(GPIOD_FLAG_ACTIVE_LOW, &desc->flags);
}

/** gpiod_set_consumer_name - set the consumer name for the descriptor */
int gpiod_set_consumer_name(struct gpio_desc *desc, const char *name)
{
	const char *label, *old;

	VALIDATE_DESC(desc);
	label = name ? kstrdup(name, GFP_KERNEL) : NULL;
	if (name && !label)
		return -ENOMEM;
	old = xchg(&desc->label, label);
	kfree(old);
	return 0;
}

/**
 * gpiod_to_irq - return the IRQ corresponding to a GPIO
 * @desc: gpio whose IRQ will be returned (already requested)
 *
 * The chip's ->to_irq(): the IRQ, or -ENXIO (no ->to_irq(), or it gave 0), -EINVAL.
 */
int gpiod_to_irq(const struct gpio_desc *desc)
{
	evlsim__check_service(EVLSIM_SVC_gpiod_to_irq);
	struct gpio_chip *gc;
	int retirq;

	if (IS_ERR_OR_NULL(desc))
		return -EINVAL;
	gc = desc_chip(desc);
	if (!gc)
		return -ENODEV;
	if (gc->to_irq) {
		retirq = gc->to_irq(gc, gpiod_hwgpio(desc));
		/* Zero means NO_IRQ */
		if (!retirq)
			return -ENXIO;
		return retirq;
	}
	return -ENXIO;
}

/* ---- lookup ------------------------------------------------------------------------------ */

static int configure_flags(struct gpio_desc *desc, unsigned long lflags,
			   enum gpiod_flags dflags)
{
	if (lflags & GPIO_ACTIVE_LOW)
		set_bit(GPIOD_FLAG_ACTIVE_LOW, &desc->flags);
	if (!(dflags & GPIOD_FLAGS_BIT_DIR_SET))
		return 0;
	if (dflags & GPIOD_FLAGS_BIT_DIR_OUT)
		return gpiod_direction_output(desc, !!(dflags & GPIOD_FLAGS_BIT_DIR_VAL));
	return gpiod_direction_input(desc);
}

/**
 * gpiod_get_index - obtain a GPIO from a multi-index GPIO function
 * @dev: GPIO consumer, can be NULL for system-global GPIOs
 * @con_id: function within the GPIO consumer
 * @idx: index of the GPIO to obtain in the consumer
 * @flags: optional GPIO initialization flags
 *
 * Returns the descriptor, or ERR_PTR(): -ENOENT (no such line in the device's
 * "<con_id>-gpios"), -EPROBE_DEFER (its chip is not registered yet), -EINVAL (no such
 * line on the chip), -EBUSY (requested already), the direction's error.
 */
struct gpio_desc *gpiod_get_index(struct device *dev, const char *con_id, unsigned int idx,
				  enum gpiod_flags flags)
{
	evlsim__check_service(EVLSIM_SVC_gpiod_get);
	struct gpio_device *gdev;
	struct gpio_desc *desc;
	char prop[64];
	u32 cells[3];
	u32 *all;
	int n, ret;

	if (!dev)
		return ERR_PTR(-ENOENT);
	if (con_id)
		snprintf(prop, sizeof(prop), "%s-gpios", con_id);
	else
		strscpy(prop, "gpios", sizeof(prop));
	n = device_property_read_u32_array(dev, prop, NULL, 0);
	if (n < 0 || (idx + 1) * 3 > (unsigned int)n)
		return ERR_PTR(-ENOENT);
	all = kcalloc(n, sizeof(*all), GFP_KERNEL);
	if (!all)
		return ERR_PTR(-ENOMEM);
	ret = device_property_read_u32_array(dev, prop, all, n);
	memcpy(cells, all + idx * 3, sizeof(cells));
	kfree(all);
	if (ret)
		return ERR_PTR(-ENOENT);
	gdev = evlsim__gpio_find(cells[0]);
	if (!gdev)
		return ERR_PTR(-EPROBE_DEFER);
	desc = gpio_device_get_desc(gdev, cells[1]);
	gpio_device_put(gdev);
	if (IS_ERR(desc))
		return desc;
	ret = gpiod_request(desc, con_id ?: dev_name(dev));
	if (ret)
		return ERR_PTR(ret);
	ret = configure_flags(desc, cells[2], flags);
	if (ret < 0) {
		gpiod_free(desc);
		return ERR_PTR(ret);
	}
	return desc;
}

/** gpiod_get - obtain a GPIO for a given GPIO function (gpiod_get_index(), index 0) */
struct gpio_desc *gpiod_get(struct device *dev, const char *con_id, enum gpiod_flags flags)
{
	return gpiod_get_index(dev, con_id, 0, flags);
}

/** gpiod_get_index_optional - gpiod_get_index() giving NULL instead of -ENOENT */
struct gpio_desc *gpiod_get_index_optional(struct device *dev, const char *con_id,
					   unsigned int index, enum gpiod_flags flags)
{
	struct gpio_desc *desc = gpiod_get_index(dev, con_id, index, flags);

	if (PTR_ERR(desc) == -ENOENT)
		return NULL;
	return desc;
}

/** gpiod_get_optional - gpiod_get() giving NULL instead of -ENOENT */
struct gpio_desc *gpiod_get_optional(struct device *dev, const char *con_id,
				     enum gpiod_flags flags)
{
	return gpiod_get_index_optional(dev, con_id, 0, flags);
}

/** gpiod_put - dispose of a GPIO descriptor (NULL: nothing) */
void gpiod_put(struct gpio_desc *desc)
{
	evlsim__check_service(EVLSIM_SVC_gpiod_put);
	if (!IS_ERR_OR_NULL(desc))
		gpiod_free(desc);
}

static void devm_gpiod_release(void *desc)
{
	gpiod_put(desc);
}

/** devm_gpiod_get_index - Resource-managed gpiod_get_index() */
struct gpio_desc *devm_gpiod_get_index(struct device *dev, const char *con_id,
				       unsigned int idx, enum gpiod_flags flags)
{
	struct gpio_desc *desc = gpiod_get_index(dev, con_id, idx, flags);
	int ret;

	if (IS_ERR(desc))
		return desc;
	ret = devm_add_action_or_reset(dev, devm_gpiod_release, desc);
	return ret ? ERR_PTR(ret) : desc;
}

/** devm_gpiod_get - Resource-managed gpiod_get() */
struct gpio_desc *devm_gpiod_get(struct device *dev, const char *con_id,
				 enum gpiod_flags flags)
{
	return devm_gpiod_get_index(dev, con_id, 0, flags);
}

/** devm_gpiod_get_optional - Resource-managed gpiod_get_optional() */
struct gpio_desc *devm_gpiod_get_optional(struct device *dev, const char *con_id,
					  enum gpiod_flags flags)
{
	struct gpio_desc *desc = devm_gpiod_get_index(dev, con_id, 0, flags);

	if (PTR_ERR(desc) == -ENOENT)
		return NULL;
	return desc;
}

/** devm_gpiod_put - Resource-managed gpiod_put() */
void devm_gpiod_put(struct device *dev, struct gpio_desc *desc)
{
	if (!IS_ERR_OR_NULL(desc))
		devm_release_action(dev, devm_gpiod_release, desc);
}
