// SPDX-License-Identifier: LGPL-2.1-or-later
/*
 * evlsim-gpio, the built-in simulated GPIO chip (kernel world), and its test side
 * (<evlsim/hw-gpio.h>). It is written as an oob-capable GPIO controller driver would be
 * (W gpio.md, gpio-mxc): can_sleep false, get/set/_multiple and directions under a hard
 * spinlock, ->to_irq() over its own linear irq domain, a pipeline-safe irq chip whose
 * mask/unmask/ack/set_type work on the chip's enable and status bits, and a chained
 * handler on a parent line that hands each pending line to generic_handle_domain_irq().
 *
 * Edge detection: a line whose trigger type is set latches its status bit on a matching
 * edge of its input level (a level type latches on entering the active level); the
 * parent line is asserted while a status bit of an unmasked line is set, and lowered
 * when acked.
 */
#include <linux/kernel.h>
#include <linux/slab.h>
#include <linux/string.h>
#include <linux/spinlock.h>
#include <linux/irq.h>
#include <linux/irqdomain.h>
#include <linux/irqchip/chained_irq.h>
#include "gpiolib.h"
#include "irq-internal.h"
#include "include/evlsim/hw-irq.h"
#include "include/evlsim/hw-gpio.h"

#define NBITS		EVLSIM_GPIO_MAX_LINES

struct gpio_wire {
	struct evlsim_gpio_chip *chip;
	unsigned int line;
};

struct evlsim_gpio_chip {
	struct gpio_chip gc;
	char label[32];
	hard_spinlock_t lock;
	DECLARE_BITMAP(dir_out, NBITS);
	DECLARE_BITMAP(out_val, NBITS);
	DECLARE_BITMAP(in_level, NBITS);
	DECLARE_BITMAP(rise, NBITS);		/* latch on a rising edge */
	DECLARE_BITMAP(fall, NBITS);		/* latch on a falling edge */
	DECLARE_BITMAP(enabled, NBITS);		/* unmasked */
	DECLARE_BITMAP(status, NBITS);		/* latched, not acked */
	struct gpio_wire *wires;
	int parent_irq;
	struct irq_domain *domain;
	struct evlsim_gpio_stats stats;
};

static inline struct evlsim_gpio_chip *to_gsim(struct gpio_chip *gc)
{
	return container_of(gc, struct evlsim_gpio_chip, gc);
}

/* lock held: a status bit of an unmasked line is set */
static bool pending_locked(struct evlsim_gpio_chip *c)
{
	unsigned int i;

	for (i = 0; i < BITS_TO_LONGS(c->gc.ngpio); i++)
		if (c->status[i] & c->enabled[i])
			return true;
	return false;
}

static void update_parent(struct evlsim_gpio_chip *c, bool pending)
{
	if (pending)
		evlsim_irq_raise(c->parent_irq);
	else
		evlsim_irq_lower(c->parent_irq);
}

/* ---- the GPIO side ------------------------------------------------------------------------ */

static int sim_get_direction(struct gpio_chip *gc, unsigned int offset)
{
	return test_bit(offset, to_gsim(gc)->dir_out) ? GPIO_LINE_DIRECTION_OUT :
		GPIO_LINE_DIRECTION_IN;
}

static int sim_direction_input(struct gpio_chip *gc, unsigned int offset)
{
	struct evlsim_gpio_chip *c = to_gsim(gc);
	unsigned long flags;

	raw_spin_lock_irqsave(&c->lock, flags);
	__clear_bit(offset, c->dir_out);
	raw_spin_unlock_irqrestore(&c->lock, flags);
	return 0;
}

/* the output latch of @offset changed: drive the input wired to it */
static void drive_wire(struct evlsim_gpio_chip *c, unsigned int offset, int value)
{
	struct gpio_wire w = { READ_ONCE(c->wires[offset].chip), READ_ONCE(c->wires[offset].line) };

	if (w.chip)
		evlsim_gpio_set_input(w.chip, w.line, value);
}

static void set_locked(struct evlsim_gpio_chip *c, unsigned int offset, int value)
{
	__assign_bit(offset, c->out_val, value);
}

static int sim_direction_output(struct gpio_chip *gc, unsigned int offset, int value)
{
	struct evlsim_gpio_chip *c = to_gsim(gc);
	unsigned long flags;

	raw_spin_lock_irqsave(&c->lock, flags);
	__set_bit(offset, c->dir_out);
	set_locked(c, offset, value);
	raw_spin_unlock_irqrestore(&c->lock, flags);
	drive_wire(c, offset, value);
	return 0;
}

/* the chip's lock taken for one ->get()/->set() call, counted in @calls */
static unsigned long lock_counted(struct evlsim_gpio_chip *c, unsigned long *calls)
{
	unsigned long flags;

	raw_spin_lock_irqsave(&c->lock, flags);
	(*calls)++;
	return flags;
}

static int sim_get(struct gpio_chip *gc, unsigned int offset)
{
	struct evlsim_gpio_chip *c = to_gsim(gc);
	unsigned long flags;
	int v;

	flags = lock_counted(c, &c->stats.get);
	v = test_bit(offset, c->dir_out) ? test_bit(offset, c->out_val) :
		test_bit(offset, c->in_level);
	raw_spin_unlock_irqrestore(&c->lock, flags);
	return v;
}

static int sim_get_multiple(struct gpio_chip *gc, unsigned long *mask, unsigned long *bits)
{
	struct evlsim_gpio_chip *c = to_gsim(gc);
	unsigned long flags;
	unsigned int i;

	flags = lock_counted(c, &c->stats.get_multiple);
	for_each_set_bit(i, mask, gc->ngpio)
		__assign_bit(i, bits, test_bit(i, c->dir_out) ? test_bit(i, c->out_val) :
			     test_bit(i, c->in_level));
	raw_spin_unlock_irqrestore(&c->lock, flags);
	return 0;
}

static void sim_set(struct gpio_chip *gc, unsigned int offset, int value)
{
	struct evlsim_gpio_chip *c = to_gsim(gc);
	unsigned long flags;

	flags = lock_counted(c, &c->stats.set);
	set_locked(c, offset, value);
	raw_spin_unlock_irqrestore(&c->lock, flags);
	drive_wire(c, offset, value);
}

static void sim_set_multiple(struct gpio_chip *gc, unsigned long *mask, unsigned long *bits)
{
	struct evlsim_gpio_chip *c = to_gsim(gc);
	unsigned long flags;
	unsigned int i;

	flags = lock_counted(c, &c->stats.set_multiple);
	c->stats.last_mask = mask[0];
	c->stats.last_bits = bits[0] & mask[0];
	for_each_set_bit(i, mask, gc->ngpio)
		set_locked(c, i, test_bit(i, bits));
	raw_spin_unlock_irqrestore(&c->lock, flags);
	for_each_set_bit(i, mask, gc->ngpio)
		drive_wire(c, i, test_bit(i, bits));
}

static int sim_to_irq(struct gpio_chip *gc, unsigned int offset)
{
	return irq_create_mapping(to_gsim(gc)->domain, offset);
}

/* ---- the irq side ------------------------------------------------------------------------- */

/*
 * @d's bit in @map set to @on under the lock; then the parent line follows: lowered when
 * clearing left nothing pending, raised when setting left something pending.
 */
static void assign_and_update(struct irq_data *d, unsigned long *map, bool on)
{
	struct evlsim_gpio_chip *c = irq_data_get_irq_chip_data(d);
	unsigned long flags;
	bool pending;

	raw_spin_lock_irqsave(&c->lock, flags);
	__assign_bit(irqd_to_hwirq(d), map, on);
	pending = pending_locked(c);
	raw_spin_unlock_irqrestore(&c->lock, flags);
	if (pending == on)
		update_parent(c, on);
}

static void sim_irq_ack(struct irq_data *d)
{
	struct evlsim_gpio_chip *c = irq_data_get_irq_chip_data(d);

	assign_and_update(d, c->status, false);
}

static void sim_irq_mask(struct irq_data *d)
{
	struct evlsim_gpio_chip *c = irq_data_get_irq_chip_data(d);
	unsigned long flags;

	raw_spin_lock_irqsave(&c->lock, flags);
	__clear_bit(irqd_to_hwirq(d), c->enabled);
	raw_spin_unlock_irqrestore(&c->lock, flags);
}

static void sim_irq_unmask(struct irq_data *d)
{
	struct evlsim_gpio_chip *c = irq_data_get_irq_chip_data(d);

	assign_and_update(d, c->enabled, true);
}

static int sim_irq_set_type(struct irq_data *d, unsigned int type)
{
	struct evlsim_gpio_chip *c = irq_data_get_irq_chip_data(d);
	unsigned int hw = irqd_to_hwirq(d);
	unsigned long flags;

	if (type & ~IRQ_TYPE_SENSE_MASK)
		return -EINVAL;
	raw_spin_lock_irqsave(&c->lock, flags);
	__assign_bit(hw, c->rise, type & (IRQ_TYPE_EDGE_RISING | IRQ_TYPE_LEVEL_HIGH));
	__assign_bit(hw, c->fall, type & (IRQ_TYPE_EDGE_FALLING | IRQ_TYPE_LEVEL_LOW));
	raw_spin_unlock_irqrestore(&c->lock, flags);
	return 0;
}

static struct irq_chip sim_irq_chip = {
	.name = "evlsim-gpio",
	.irq_ack = sim_irq_ack,
	.irq_mask = sim_irq_mask,
	.irq_unmask = sim_irq_unmask,
	.irq_set_type = sim_irq_set_type,
	.flags = IRQCHIP_PIPELINE_SAFE,
};

/* the chained handler of the parent line */
static void sim_irq_handler(struct irq_desc *desc)
{
	struct evlsim_gpio_chip *c = irq_desc_get_handler_data(desc);
	struct irq_chip *chip = irq_desc_get_chip(desc);
	DECLARE_BITMAP(pending, NBITS);
	unsigned long flags;
	unsigned int i;

	chained_irq_enter(chip, desc);
	raw_spin_lock_irqsave(&c->lock, flags);
	for (i = 0; i < BITS_TO_LONGS(c->gc.ngpio); i++) {
		pending[i] = c->status[i] & c->enabled[i];
		c->stats.irqs += hweight_long(pending[i]);
	}
	raw_spin_unlock_irqrestore(&c->lock, flags);
	for_each_set_bit(i, pending, c->gc.ngpio)
		generic_handle_domain_irq(c->domain, i);
	chained_irq_exit(chip, desc);
}

static int sim_irq_map(struct irq_domain *d, unsigned int virq, irq_hw_number_t hw)
{
	irq_set_chip_data(virq, d->host_data);
	irq_set_chip_and_handler(virq, &sim_irq_chip, handle_edge_irq);
	return 0;
}

static const struct irq_domain_ops sim_domain_ops = {
	.map = sim_irq_map,
};

/* ---- the test side ------------------------------------------------------------------------ */

EVLSIM_EXPORT int evlsim_gpio_chip_create(const char *label, unsigned int ngpio,
					  unsigned int flags, struct evlsim_gpio_chip **chip)
{
	struct evlsim_gpio_chip *c;
	int ret;

	if (!chip || !ngpio || ngpio > EVLSIM_GPIO_MAX_LINES || (flags & ~EVLSIM_GPIO_CAN_SLEEP))
		return -EINVAL;
	c = kzalloc(sizeof(*c), GFP_KERNEL);
	if (!c)
		return -ENOMEM;
	c->wires = kcalloc(ngpio, sizeof(*c->wires), GFP_KERNEL);
	if (!c->wires) {
		kfree(c);
		return -ENOMEM;
	}
	raw_spin_lock_init(&c->lock);
	strscpy(c->label, label ?: "evlsim-gpio", sizeof(c->label));
	c->gc.label = c->label;
	c->gc.ngpio = ngpio;
	c->gc.base = -1;
	c->gc.can_sleep = flags & EVLSIM_GPIO_CAN_SLEEP;
	c->gc.get_direction = sim_get_direction;
	c->gc.direction_input = sim_direction_input;
	c->gc.direction_output = sim_direction_output;
	c->gc.get = sim_get;
	c->gc.get_multiple = sim_get_multiple;
	c->gc.set = sim_set;
	c->gc.set_multiple = sim_set_multiple;
	c->gc.to_irq = sim_to_irq;
	c->domain = irq_domain_create_linear(NULL, ngpio, &sim_domain_ops, c);
	ret = -ENOMEM;
	if (!c->domain)
		goto fail;
	c->domain->name = c->label;
	c->parent_irq = evlsim_irq_line_create(c->label, EVLSIM_IRQ_LEVEL_HIGH);
	if (c->parent_irq < 0) {
		ret = c->parent_irq;
		goto fail_domain;
	}
	irq_set_chained_handler_and_data(c->parent_irq, sim_irq_handler, c);
	ret = gpiochip_add_data(&c->gc, c);
	if (ret)
		goto fail_line;
	*chip = c;
	return 0;
fail_line:
	irq_set_chained_handler_and_data(c->parent_irq, NULL, NULL);
	evlsim_irq_line_destroy(c->parent_irq);
fail_domain:
	irq_domain_remove(c->domain);
fail:
	kfree(c->wires);
	kfree(c);
	return ret;
}

EVLSIM_EXPORT int evlsim_gpio_chip_destroy(struct evlsim_gpio_chip *c)
{
	unsigned int i;

	if (!c)
		return -EINVAL;
	for (i = 0; i < c->gc.ngpio; i++)
		if (gpiochip_is_requested(&c->gc, i))
			return -EBUSY;
	gpiochip_remove(&c->gc);
	for (i = 0; i < c->gc.ngpio; i++)
		if (irq_find_mapping(c->domain, i))
			irq_dispose_mapping(irq_find_mapping(c->domain, i));
	irq_domain_remove(c->domain);
	irq_set_chained_handler_and_data(c->parent_irq, NULL, NULL);
	evlsim_irq_line_destroy(c->parent_irq);
	kfree(c->wires);
	kfree(c);
	return 0;
}

EVLSIM_EXPORT int evlsim_gpio_chip_id(struct evlsim_gpio_chip *c)
{
	return c && c->gc.gpiodev ? c->gc.gpiodev->id : -EINVAL;
}

EVLSIM_EXPORT int evlsim_gpio_chip_base(struct evlsim_gpio_chip *c)
{
	return c ? c->gc.base : -EINVAL;
}

EVLSIM_EXPORT int evlsim_gpio_set_input(struct evlsim_gpio_chip *c, unsigned int line,
					int level)
{
	unsigned long flags;
	bool old, latch = false, pending;

	if (!c || line >= c->gc.ngpio)
		return -EINVAL;
	level = !!level;
	raw_spin_lock_irqsave(&c->lock, flags);
	old = test_bit(line, c->in_level);
	__assign_bit(line, c->in_level, level);
	if (old != level)
		latch = level ? test_bit(line, c->rise) : test_bit(line, c->fall);
	if (latch)
		__set_bit(line, c->status);
	pending = pending_locked(c);
	raw_spin_unlock_irqrestore(&c->lock, flags);
	if (latch && pending)
		update_parent(c, true);
	return 0;
}

EVLSIM_EXPORT int evlsim_gpio_get_output(struct evlsim_gpio_chip *c, unsigned int line)
{
	unsigned long flags;
	int v;

	if (!c || line >= c->gc.ngpio)
		return -EINVAL;
	raw_spin_lock_irqsave(&c->lock, flags);
	v = test_bit(line, c->out_val);
	raw_spin_unlock_irqrestore(&c->lock, flags);
	return v;
}

EVLSIM_EXPORT int evlsim_gpio_wire(struct evlsim_gpio_chip *out, unsigned int out_line,
				   struct evlsim_gpio_chip *in, unsigned int in_line)
{
	if (!out || out_line >= out->gc.ngpio || (in && in_line >= in->gc.ngpio))
		return -EINVAL;
	WRITE_ONCE(out->wires[out_line].line, in_line);
	WRITE_ONCE(out->wires[out_line].chip, in);
	return 0;
}

EVLSIM_EXPORT int evlsim_gpio_irq(struct evlsim_gpio_chip *c, unsigned int line)
{
	int irq;

	if (!c || line >= c->gc.ngpio)
		return -EINVAL;
	irq = evlsim__irq_create_mapping(c->domain, line);
	return irq ?: -ENOSPC;
}

EVLSIM_EXPORT int evlsim_gpio_parent_irq(struct evlsim_gpio_chip *c)
{
	return c ? c->parent_irq : -EINVAL;
}

EVLSIM_EXPORT int evlsim_gpio_stats(struct evlsim_gpio_chip *c, struct evlsim_gpio_stats *st)
{
	unsigned long flags;

	if (!c || !st)
		return -EINVAL;
	raw_spin_lock_irqsave(&c->lock, flags);
	*st = c->stats;
	raw_spin_unlock_irqrestore(&c->lock, flags);
	return 0;
}
