/* SPDX-License-Identifier: LGPL-2.1-or-later */
/*
 * evlsim shim: linux-evl v6.12 include/linux/gpio/driver.h (K gpiolib.c @02acf1f), custom
 * subset: struct gpio_chip with the callbacks gpiolib calls (->set returns void, as in
 * K), gpiochip_add_data() and its managed form, gpiochip_get_data(), gpiochip_remove().
 * The chip's struct gpio_irq_chip (gc->irq) is not provided: chips give their lines'
 * interrupts with ->to_irq() over their own irq domain (<linux/irqdomain.h>), as gpio-mxc
 * does. Registration makes /dev/gpiochipN (the v1 character device with EVL's oob
 * requests, sim/hw/gpiolib-cdev.c). CONFIG_GPIOLIB_FASTPATH_LIMIT is 512.
 */
#ifndef _EVLSIM_LINUX_GPIO_DRIVER_H
#define _EVLSIM_LINUX_GPIO_DRIVER_H

#include <linux/types.h>
#include <linux/err.h>
#include <linux/module.h>

struct device;
struct fwnode_handle;
struct gpio_desc;
struct gpio_device;
struct seq_file;
struct lock_class_key;

#ifndef CONFIG_GPIOLIB_FASTPATH_LIMIT
#define CONFIG_GPIOLIB_FASTPATH_LIMIT	512
#endif

#define GPIO_LINE_DIRECTION_IN	1
#define GPIO_LINE_DIRECTION_OUT	0

/**
 * struct gpio_chip - abstract a GPIO controller (subset)
 * @label: a functional name for the GPIO device
 * @gpiodev: the internal state holder, opaque struct
 * @parent: optional parent device providing the GPIOs
 * @fwnode: optional fwnode providing this controller's properties
 * @owner: helps prevent removal of modules exporting active GPIOs
 * @request: optional hook for chip-specific activation
 * @free: optional hook for chip-specific deactivation
 * @get_direction: returns direction for signal "offset", 0=out, 1=in, or negative error
 * @direction_input: configures signal "offset" as input, returns 0 or negative error
 * @direction_output: configures signal "offset" as output, returns 0 or negative error
 * @get: returns value for signal "offset", 0=low, 1=high, or negative error
 * @get_multiple: reads values for multiple signals defined by "mask" and stores them in
 *	"bits", returns 0 on success or negative error
 * @set: assigns output value for signal "offset"
 * @set_multiple: assigns output values for multiple signals defined by "mask"
 * @set_config: optional hook for all kinds of settings (not called)
 * @to_irq: optional hook supporting non-static gpiod_to_irq() mappings
 * @dbg_show: optional routine to show contents in debugfs (not called)
 * @base: identifies the first GPIO number handled by this chip; or, if negative during
 *	registration, requests dynamic ID allocation
 * @ngpio: the number of GPIOs handled by this controller
 * @offset: when multiple gpio chips belong to the same device this can be used as offset
 *	within the device so friendly names can be properly assigned
 * @names: if set, must be an array of strings to use as alternative names for the GPIOs
 * @can_sleep: flag must be set iff get()/set() methods sleep
 */
struct gpio_chip {
	const char		*label;
	struct gpio_device	*gpiodev;
	struct device		*parent;
	struct fwnode_handle	*fwnode;
	struct module		*owner;

	int			(*request)(struct gpio_chip *gc, unsigned int offset);
	void			(*free)(struct gpio_chip *gc, unsigned int offset);
	int			(*get_direction)(struct gpio_chip *gc, unsigned int offset);
	int			(*direction_input)(struct gpio_chip *gc, unsigned int offset);
	int			(*direction_output)(struct gpio_chip *gc, unsigned int offset,
						    int value);
	int			(*get)(struct gpio_chip *gc, unsigned int offset);
	int			(*get_multiple)(struct gpio_chip *gc, unsigned long *mask,
						unsigned long *bits);
	void			(*set)(struct gpio_chip *gc, unsigned int offset, int value);
	void			(*set_multiple)(struct gpio_chip *gc, unsigned long *mask,
						unsigned long *bits);
	int			(*set_config)(struct gpio_chip *gc, unsigned int offset,
					      unsigned long config);
	int			(*to_irq)(struct gpio_chip *gc, unsigned int offset);
	void			(*dbg_show)(struct seq_file *s, struct gpio_chip *gc);

	int			base;
	u16			ngpio;
	u16			offset;
	const char *const	*names;
	bool			can_sleep;
};

int gpiochip_add_data_with_key(struct gpio_chip *gc, void *data,
			       struct lock_class_key *lock_key,
			       struct lock_class_key *request_key)
	__evlsim_ksym(gpiochip_add_data_with_key);
int devm_gpiochip_add_data_with_key(struct device *dev, struct gpio_chip *gc, void *data,
				    struct lock_class_key *lock_key,
				    struct lock_class_key *request_key)
	__evlsim_ksym(devm_gpiochip_add_data_with_key);
void gpiochip_remove(struct gpio_chip *gc) __evlsim_ksym(gpiochip_remove);
void *gpiochip_get_data(struct gpio_chip *gc) __evlsim_ksym(gpiochip_get_data);
const char *gpiochip_is_requested(struct gpio_chip *gc, unsigned int offset)
	__evlsim_ksym(gpiochip_is_requested);

/* module code: the chip is charged to the calling module (linux/evlsim-owner.h) */
#define gpiochip_add_data_with_key(...) \
	__evlsim_owned(gpiochip_add_data_with_key(__VA_ARGS__))
#define devm_gpiochip_add_data_with_key(...) \
	__evlsim_owned(devm_gpiochip_add_data_with_key(__VA_ARGS__))

#define gpiochip_add_data(gc, data)	gpiochip_add_data_with_key(gc, data, NULL, NULL)
#define devm_gpiochip_add_data(dev, gc, data) \
	devm_gpiochip_add_data_with_key(dev, gc, data, NULL, NULL)

static inline int gpiochip_add(struct gpio_chip *gc)
{
	return gpiochip_add_data(gc, NULL);
}

#endif
