/* SPDX-License-Identifier: LGPL-2.1-or-later */
/*
 * evlsim: the built-in simulated GPIO chip "evlsim-gpio", for tests and device models
 * (user world; included by <evlsim/hw.h>). docs/api/gpio.md describes the model.
 *
 * A test creates a chip: it is registered with the GPIO core as a driver's chip would
 * be (gpiochip_add_data()), gets /dev/gpiochipN, and serves consumers (gpiod_get() on a
 * device whose "<con>-gpios" property names it, gpio_request(), the v1 character device
 * with GPIOHANDLE_REQUEST_OOB). The test drives its inputs, reads its outputs, and may
 * wire an output to an input for loop-back measurements. Its interrupts go through its
 * own irq domain and a chained handler on a parent line: an input edge matching a line's
 * trigger type latches the line's status bit and asserts the parent line.
 *
 * Every function returns 0 (or a value) or a negated errno; none touches errno.
 */
#ifndef _EVLSIM_HW_GPIO_H
#define _EVLSIM_HW_GPIO_H

#ifdef __cplusplus
extern "C" {
#endif

struct evlsim_gpio_chip;

#define EVLSIM_GPIO_MAX_LINES	1024	/* more than CONFIG_GPIOLIB_FASTPATH_LIMIT (512) */
#define EVLSIM_GPIO_CAN_SLEEP	0x1	/* gpio_chip::can_sleep set (oob requests refused) */

/**
 * evlsim_gpio_chip_create - create and register a simulated GPIO chip
 * @label: its label (copied, 31 characters at most)
 * @ngpio: its number of lines, 1..EVLSIM_GPIO_MAX_LINES; every line starts as an input
 *	at level 0
 * @flags: EVLSIM_GPIO_* flags
 * @chip: the new chip
 * Returns 0, -EINVAL, -ENOMEM, -ENOSPC (no chip number or interrupt line left).
 */
int evlsim_gpio_chip_create(const char *label, unsigned int ngpio, unsigned int flags,
			    struct evlsim_gpio_chip **chip);
/** evlsim_gpio_chip_destroy - unregister and free a chip; 0, -EINVAL, -EBUSY (a line requested) */
int evlsim_gpio_chip_destroy(struct evlsim_gpio_chip *chip);
/** evlsim_gpio_chip_id - N of the chip's /dev/gpiochipN (the first cell of "-gpios" properties) */
int evlsim_gpio_chip_id(struct evlsim_gpio_chip *chip);
/** evlsim_gpio_chip_base - the first of the chip's legacy GPIO numbers (gpio_request()) */
int evlsim_gpio_chip_base(struct evlsim_gpio_chip *chip);

/**
 * evlsim_gpio_set_input - the outside world drives input @line to @level (0 or 1)
 * An edge matching the line's trigger type raises its interrupt, delivered as the chip's
 * parent line says (INJECT by default: in the calling thread). 0, -EINVAL.
 */
int evlsim_gpio_set_input(struct evlsim_gpio_chip *chip, unsigned int line, int level);
/** evlsim_gpio_get_output - the level @line drives (its output latch): 0, 1, -EINVAL */
int evlsim_gpio_get_output(struct evlsim_gpio_chip *chip, unsigned int line);
/**
 * evlsim_gpio_wire - connect output @out_line of @out to input @in_line of @in
 * Every later write of the output latch drives the input, in the writer's thread (an oob
 * write with hard irqs off: the input's interrupt is taken when they are back on). @in
 * NULL disconnects. 0, -EINVAL.
 */
int evlsim_gpio_wire(struct evlsim_gpio_chip *out, unsigned int out_line,
		     struct evlsim_gpio_chip *in, unsigned int in_line);
/** evlsim_gpio_irq - the Linux irq of @line (mapped on first use); > 0 or -EINVAL */
int evlsim_gpio_irq(struct evlsim_gpio_chip *chip, unsigned int line);
/** evlsim_gpio_parent_irq - the chip's parent line (evlsim_irq_set_delivery() on it) */
int evlsim_gpio_parent_irq(struct evlsim_gpio_chip *chip);

/* What the GPIO core asked of the chip. */
struct evlsim_gpio_stats {
	unsigned long get, get_multiple;	/* ->get(), ->get_multiple() calls */
	unsigned long set, set_multiple;	/* ->set(), ->set_multiple() calls */
	unsigned long long last_mask;		/* last ->set_multiple(): lines 0-63 of the mask */
	unsigned long long last_bits;		/* ... and of the values */
	unsigned long irqs;			/* child interrupts handed to the domain */
};
int evlsim_gpio_stats(struct evlsim_gpio_chip *chip, struct evlsim_gpio_stats *st);

#ifdef __cplusplus
}
#endif

#endif /* _EVLSIM_HW_GPIO_H */
