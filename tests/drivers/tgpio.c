// SPDX-License-Identifier: GPL-2.0-only
/*
 * tgpio: the driver of the GPIO consumer and interrupt domain suites, see tgpio-abi.h.
 */
#include <linux/module.h>
#include <linux/platform_device.h>
#include <linux/mod_devicetable.h>
#include <linux/gpio.h>
#include <linux/gpio/consumer.h>
#include <linux/gpio/driver.h>
#include <linux/interrupt.h>
#include <linux/irq.h>
#include <linux/irqdomain.h>
#include <linux/irqchip/chained_irq.h>
#include <linux/irq_pipeline.h>
#include <linux/irqstage.h>
#include <linux/irqflags.h>
#include <linux/hardirq.h>
#include <linux/io.h>
#include <linux/spinlock.h>
#include <linux/regmap.h>
#include <evl/sched.h>
#include "tgpio-abi.h"

static struct platform_device *tgpio_pdev;
static struct gpio_desc *slots[TGPIO_SLOTS];

/* ---- consumer ---------------------------------------------------------------------------- */

int tgpio_bound(void)
{
	return tgpio_pdev != NULL;
}

int tgpio_get(const char *con, unsigned int idx, int flags, int how)
{
	struct device *dev = tgpio_pdev ? &tgpio_pdev->dev : NULL;
	struct gpio_desc *d;
	int i;

	if (how == TGPIO_GET_OPTIONAL)
		d = gpiod_get_index_optional(dev, con, idx, flags);
	else if (how == TGPIO_DEVM)
		d = devm_gpiod_get_index(dev, con, idx, flags);
	else
		d = gpiod_get_index(dev, con, idx, flags);
	if (IS_ERR(d))
		return PTR_ERR(d);
	if (!d)
		return TGPIO_NULL;
	for (i = 0; i < TGPIO_SLOTS; i++)
		if (!slots[i]) {
			slots[i] = d;
			return i;
		}
	gpiod_put(d);
	return -ENOSPC;
}

void tgpio_put(int slot)
{
	gpiod_put(slots[slot]);
	slots[slot] = NULL;
}

int tgpio_value(int slot, int cansleep)
{
	return cansleep ? gpiod_get_value_cansleep(slots[slot]) : gpiod_get_value(slots[slot]);
}

void tgpio_set(int slot, int value, int cansleep)
{
	if (cansleep)
		gpiod_set_value_cansleep(slots[slot], value);
	else
		gpiod_set_value(slots[slot], value);
}

int tgpio_direction(int slot, int out, int value)
{
	return out ? gpiod_direction_output(slots[slot], value) :
		gpiod_direction_input(slots[slot]);
}

int tgpio_get_direction(int slot)
{
	return gpiod_get_direction(slots[slot]);
}

int tgpio_to_irq(int slot)
{
	return gpiod_to_irq(slots[slot]);
}

int tgpio_desc_to_gpio(int slot)
{
	return desc_to_gpio(slots[slot]);
}

int tgpio_gpio_to_desc_is(unsigned int gpio, int slot)
{
	return gpio_to_desc(gpio) == slots[slot];
}

int tgpio_legacy_request(unsigned int gpio)
{
	return gpio_request(gpio, "tgpio-legacy");
}

void tgpio_legacy_free(unsigned int gpio)
{
	gpio_free(gpio);
}

int tgpio_legacy_output(unsigned int gpio, int value)
{
	return gpio_direction_output(gpio, value);
}

void tgpio_legacy_set(unsigned int gpio, int value)
{
	gpio_set_value(gpio, value);
}

int tgpio_legacy_get(unsigned int gpio)
{
	return gpio_get_value(gpio);
}

/* a chip of the driver's own, without hardware behind it */
static struct gpio_chip tgpio_gc;
static unsigned long tgpio_gc_bits;

static int tgpio_gc_get(struct gpio_chip *gc, unsigned int offset)
{
	return !!(READ_ONCE(tgpio_gc_bits) & (1UL << offset));
}

static void tgpio_gc_set(struct gpio_chip *gc, unsigned int offset, int value)
{
	if (value)
		set_bit(offset, &tgpio_gc_bits);
	else
		clear_bit(offset, &tgpio_gc_bits);
}

static void tgpio_chip_setup(unsigned int ngpio)
{
	tgpio_gc.label = "tgpio";
	tgpio_gc.ngpio = ngpio;
	tgpio_gc.base = -1;
	tgpio_gc.get = tgpio_gc_get;
	tgpio_gc.set = tgpio_gc_set;
	tgpio_gc.owner = THIS_MODULE;
}

int tgpio_chip_add_devm(unsigned int ngpio)
{
	int ret;

	if (!tgpio_pdev)
		return -ENODEV;
	tgpio_chip_setup(ngpio);
	ret = devm_gpiochip_add_data(&tgpio_pdev->dev, &tgpio_gc, &tgpio_gc_bits);
	return ret ?: tgpio_gc.base;
}

int tgpio_chip_add(unsigned int ngpio)
{
	int ret;

	tgpio_gc.label = "tgpio";
	tgpio_gc.ngpio = ngpio;
	tgpio_gc.base = -1;
	tgpio_gc.get = tgpio_gc_get;
	tgpio_gc.set = tgpio_gc_set;
	tgpio_gc.owner = THIS_MODULE;
	ret = gpiochip_add_data(&tgpio_gc, &tgpio_gc_bits);
	if (ret)
		return ret;
	return gpiochip_get_data(&tgpio_gc) == &tgpio_gc_bits ? tgpio_gc.base : -EINVAL;
}

void tgpio_chip_remove(void)
{
	gpiochip_remove(&tgpio_gc);
}

/* ---- the driver's interrupt controller ----------------------------------------------------- */

static struct irq_domain *ctl_domain;
static unsigned int ctl_parent;
static unsigned long ctl_pending;
static int ctl_chip_mode;
static struct tgpio_ctl_obs ctl_obs;
static DEFINE_HARD_SPINLOCK(ctl_lock);

static void ctl_mask(struct irq_data *d)
{
	WRITE_ONCE(ctl_obs.masks, ctl_obs.masks + 1);
}

static void ctl_unmask(struct irq_data *d)
{
	WRITE_ONCE(ctl_obs.unmasks, ctl_obs.unmasks + 1);
}

static void ctl_ack(struct irq_data *d)
{
	raw_spin_lock(&ctl_lock);
	ctl_pending &= ~(1UL << irqd_to_hwirq(d));
	raw_spin_unlock(&ctl_lock);
	WRITE_ONCE(ctl_obs.acks, ctl_obs.acks + 1);
}

static struct irq_chip ctl_chip_safe = {
	.name = "tgpio-safe",
	.irq_mask = ctl_mask,
	.irq_unmask = ctl_unmask,
	.irq_ack = ctl_ack,
	.flags = IRQCHIP_PIPELINE_SAFE,
};

static struct irq_chip ctl_chip_unsafe = {
	.name = "tgpio-unsafe",
	.irq_mask = ctl_mask,
	.irq_unmask = ctl_unmask,
	.irq_ack = ctl_ack,
};

static int ctl_map(struct irq_domain *d, unsigned int virq, irq_hw_number_t hw)
{
	if (ctl_chip_mode == TGPIO_CHIP_NONE)
		return 0;
	irq_set_chip_data(virq, d->host_data);
	irq_set_chip_and_handler(virq, ctl_chip_mode == TGPIO_CHIP_SAFE ? &ctl_chip_safe :
				 &ctl_chip_unsafe, handle_level_irq);
	return 0;
}

static const struct irq_domain_ops ctl_ops = {
	.map = ctl_map,
	.xlate = irq_domain_xlate_twocell,
};

static void ctl_chained(struct irq_desc *desc)
{
	struct irq_chip *chip = irq_desc_get_chip(desc);
	unsigned long pending;
	unsigned int bit;

	chained_irq_enter(chip, desc);
	WRITE_ONCE(ctl_obs.chained, ctl_obs.chained + 1);
	raw_spin_lock(&ctl_lock);
	pending = ctl_pending;
	raw_spin_unlock(&ctl_lock);
	for_each_set_bit(bit, &pending, BITS_PER_LONG)
		generic_handle_domain_irq(irq_desc_get_handler_data(desc), bit);
	chained_irq_exit(chip, desc);
}

int tgpio_ctl_create(int parent_irq, unsigned int size, int chip)
{
	ctl_chip_mode = chip;
	ctl_domain = irq_domain_create_linear(NULL, size, &ctl_ops, &ctl_obs);
	if (!ctl_domain)
		return -ENOMEM;
	ctl_parent = parent_irq;
	irq_set_chained_handler_and_data(parent_irq, ctl_chained, ctl_domain);
	return 0;
}

void tgpio_ctl_remove(void)
{
	irq_set_chained_handler_and_data(ctl_parent, NULL, NULL);
	irq_domain_remove(ctl_domain);
	ctl_domain = NULL;
}

int tgpio_ctl_map(unsigned int hwirq)
{
	return irq_create_mapping(ctl_domain, hwirq);
}

int tgpio_ctl_find(unsigned int hwirq)
{
	return irq_find_mapping(ctl_domain, hwirq);
}

void tgpio_ctl_dispose(unsigned int virq)
{
	irq_dispose_mapping(virq);
}

static irqreturn_t ctl_handler(int irq, void *dev_id)
{
	unsigned long hw = (unsigned long)dev_id;

	WRITE_ONCE(ctl_obs.oob[hw], running_oob() && evl_in_irq() && hard_irqs_disabled());
	WRITE_ONCE(ctl_obs.calls[hw], ctl_obs.calls[hw] + 1);
	return IRQ_HANDLED;
}

int tgpio_ctl_request(unsigned int virq, int oob)
{
	unsigned long hw = irqd_to_hwirq(irq_get_irq_data(virq));

	return request_irq(virq, ctl_handler, oob ? IRQF_OOB : 0, "tgpio-ctl", (void *)hw);
}

void tgpio_ctl_free(unsigned int virq)
{
	free_irq(virq, (void *)irqd_to_hwirq(irq_get_irq_data(virq)));
}

void tgpio_ctl_set_pending(unsigned long bits)
{
	raw_spin_lock(&ctl_lock);
	ctl_pending |= bits;
	raw_spin_unlock(&ctl_lock);
}

void tgpio_ctl_obs(struct tgpio_ctl_obs *obs)
{
	*obs = ctl_obs;
}

static irqreturn_t plain_handler(int irq, void *dev_id)
{
	return IRQ_HANDLED;
}

int tgpio_request_plain(unsigned int irq)
{
	int ret = request_irq(irq, plain_handler, 0, "tgpio-plain", &ctl_obs);

	if (!ret)
		free_irq(irq, &ctl_obs);
	return ret;
}

/* ---- synthetic IRQs ---------------------------------------------------------------------- */

static int sirq_cookie;
static unsigned long sirq_calls;
static int sirq_last_oob;

static irqreturn_t sirq_handler(int irq, void *dev_id)
{
	WRITE_ONCE(sirq_last_oob, running_oob());
	WRITE_ONCE(sirq_calls, sirq_calls + 1);
	return IRQ_HANDLED;
}

int tgpio_sirq_create(void)
{
	return irq_create_direct_mapping(synthetic_irq_domain);
}

int tgpio_sirq_request(unsigned int irq, int oob)
{
	return __request_percpu_irq(irq, sirq_handler, oob ? IRQF_OOB : IRQF_NO_THREAD,
				    "tgpio sirq", &sirq_cookie);
}

void tgpio_sirq_free(unsigned int irq)
{
	free_percpu_irq(irq, &sirq_cookie);
	irq_dispose_mapping(irq);
}

void tgpio_sirq_post(unsigned int irq)
{
	unsigned long flags = hard_local_irq_save();

	irq_post_inband(irq);
	hard_local_irq_restore(flags);
}

int tgpio_sirq_inject(unsigned int irq)
{
	return irq_inject_pipeline(irq);
}

unsigned long tgpio_sirq_calls(int *last_oob)
{
	*last_oob = READ_ONCE(sirq_last_oob);
	return READ_ONCE(sirq_calls);
}

/* ---- regmap ----------------------------------------------------------------------------- */

static void __iomem *rm_regs;
static struct regmap *rm;
static int rm_deny;

static bool rm_allowed(struct device *dev, unsigned int reg)
{
	return (int)reg != rm_deny;
}

int tgpio_regmap_create(unsigned long long base, unsigned long size,
			const struct tgpio_regmap_cfg *cfg)
{
	struct regmap_config config = {
		.name = "tgpio",
		.reg_bits = cfg->reg_bits,
		.val_bits = cfg->val_bits,
		.reg_stride = cfg->reg_stride,
		.pad_bits = cfg->pad_bits,
		.max_register = cfg->max_register,
		.val_format_endian = cfg->big_endian ? REGMAP_ENDIAN_BIG : REGMAP_ENDIAN_DEFAULT,
		.use_raw_spinlock = cfg->raw_lock,
		.readable_reg = rm_allowed,
		.writeable_reg = rm_allowed,
	};

	rm_deny = cfg->deny_reg;
	rm_regs = ioremap(base, size);
	if (!rm_regs)
		return -ENOMEM;
	rm = regmap_init_mmio(NULL, rm_regs, &config);
	if (IS_ERR(rm)) {
		int ret = PTR_ERR(rm);

		iounmap(rm_regs);
		rm = NULL;
		return ret;
	}
	return 0;
}

void tgpio_regmap_destroy(void)
{
	regmap_exit(rm);
	iounmap(rm_regs);
	rm = NULL;
}

int tgpio_regmap_read(unsigned int reg, unsigned int *val)
{
	return regmap_read(rm, reg, val);
}

int tgpio_regmap_write(unsigned int reg, unsigned int val)
{
	return regmap_write(rm, reg, val);
}

int tgpio_regmap_update(unsigned int reg, unsigned int mask, unsigned int val, int *change)
{
	bool c = false;
	int ret = regmap_update_bits_check(rm, reg, mask, val, &c);

	*change = c;
	return ret;
}

int tgpio_regmap_oob_read(unsigned int reg, unsigned int *val)
{
	unsigned long flags = hard_local_irq_save();
	int ret = regmap_read(rm, reg, val);

	hard_local_irq_restore(flags);
	return ret;
}

/* ---- the platform driver ----------------------------------------------------------------- */

static int tgpio_probe(struct platform_device *pdev)
{
	tgpio_pdev = pdev;
	return 0;
}

static void tgpio_remove(struct platform_device *pdev)
{
	int i;

	for (i = 0; i < TGPIO_SLOTS; i++)
		slots[i] = NULL;	/* devm ones go with the device, others are the test's */
	tgpio_pdev = NULL;
}

static const struct of_device_id tgpio_of_match[] = {
	{ .compatible = "evlsim,tgpio" },
	{ }
};
MODULE_DEVICE_TABLE(of, tgpio_of_match);

static struct platform_driver tgpio_driver = {
	.probe = tgpio_probe,
	.remove = tgpio_remove,
	.driver = {
		.name = "tgpio",
		.of_match_table = tgpio_of_match,
	},
};
module_platform_driver(tgpio_driver);
MODULE_LICENSE("GPL");
