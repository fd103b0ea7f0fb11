/* SPDX-License-Identifier: MIT */
/*
 * tgpio: the test driver of the GPIO consumer API and of interrupt domains (check_gpio,
 * check_irq_domain). Written as a kernel driver would be; the entry points below are
 * what its code paths would do, called directly by the test program with plain C types.
 *
 * A platform driver ("evlsim,tgpio") takes GPIO descriptors of the device it is bound
 * to, by function name ("<con>-gpios" property). A small interrupt controller of the
 * driver's own (a linear domain, a chip, a chained handler on a parent line the test
 * gives) hands the bits the test sets pending to generic_handle_domain_irq(). Synthetic
 * IRQs are requested per CPU, posted in-band and injected oob.
 */
#ifndef _TGPIO_ABI_H
#define _TGPIO_ABI_H

#define TGPIO_SLOTS		8
#define TGPIO_NULL		1000	/* an optional descriptor absent (NULL) */

/* gpiod flags (enum gpiod_flags) */
#define TGPIO_ASIS		0
#define TGPIO_IN		1
#define TGPIO_OUT_LOW		3
#define TGPIO_OUT_HIGH		7

/* how tgpio_get() obtains a descriptor */
#define TGPIO_GET		0	/* gpiod_get_index() */
#define TGPIO_GET_OPTIONAL	1	/* gpiod_get_index_optional() */
#define TGPIO_DEVM		2	/* devm_gpiod_get_index() */

int tgpio_bound(void);
int tgpio_get(const char *con, unsigned int idx, int flags, int how);	/* slot or -errno */
void tgpio_put(int slot);
int tgpio_value(int slot, int cansleep);
void tgpio_set(int slot, int value, int cansleep);
int tgpio_direction(int slot, int out, int value);	/* gpiod_direction_*() */
int tgpio_get_direction(int slot);
int tgpio_to_irq(int slot);
int tgpio_desc_to_gpio(int slot);
int tgpio_gpio_to_desc_is(unsigned int gpio, int slot);	/* gpio_to_desc() == slot's */
int tgpio_legacy_request(unsigned int gpio);		/* gpio_request() */
void tgpio_legacy_free(unsigned int gpio);
int tgpio_legacy_output(unsigned int gpio, int value);	/* gpio_direction_output() */
void tgpio_legacy_set(unsigned int gpio, int value);	/* gpio_set_value() */
int tgpio_legacy_get(unsigned int gpio);		/* gpio_get_value() */
int tgpio_chip_add(unsigned int ngpio);			/* gpiochip_add_data(): its base */
int tgpio_chip_add_devm(unsigned int ngpio);		/* devm_gpiochip_add_data() on the bound device */
void tgpio_chip_remove(void);

/* the driver's interrupt controller */
#define TGPIO_CHIP_NONE		0	/* ->map() sets no chip */
#define TGPIO_CHIP_SAFE		1	/* IRQCHIP_PIPELINE_SAFE */
#define TGPIO_CHIP_UNSAFE	2	/* without it */
int tgpio_ctl_create(int parent_irq, unsigned int size, int chip);	/* 0 or -errno */
void tgpio_ctl_remove(void);
int tgpio_ctl_map(unsigned int hwirq);			/* irq_create_mapping() */
int tgpio_ctl_find(unsigned int hwirq);			/* irq_find_mapping() */
void tgpio_ctl_dispose(unsigned int virq);		/* irq_dispose_mapping() */
int tgpio_ctl_request(unsigned int virq, int oob);	/* request_irq() counting calls */
void tgpio_ctl_free(unsigned int virq);
void tgpio_ctl_set_pending(unsigned long bits);		/* the controller's status */
struct tgpio_ctl_obs {
	unsigned long calls[8];		/* handler calls per hwirq */
	int oob[8];			/* the last call ran oob, in oob irq context */
	unsigned long masks, unmasks, acks, chained;
};
void tgpio_ctl_obs(struct tgpio_ctl_obs *obs);
int tgpio_request_plain(unsigned int irq);		/* request_irq(); freed if 0 */

/* synthetic IRQs */
int tgpio_sirq_create(void);			/* irq_create_direct_mapping(synthetic) */
int tgpio_sirq_request(unsigned int irq, int oob);	/* __request_percpu_irq() */
void tgpio_sirq_free(unsigned int irq);		/* free_percpu_irq() + irq_dispose_mapping() */
void tgpio_sirq_post(unsigned int irq);		/* irq_post_inband(), hard irqs off */
int tgpio_sirq_inject(unsigned int irq);	/* irq_inject_pipeline() */
unsigned long tgpio_sirq_calls(int *last_oob);

/* register maps over MMIO (ioremap() of @base, regmap_init_mmio()) */
struct tgpio_regmap_cfg {
	int reg_bits, val_bits, reg_stride, pad_bits;
	unsigned int max_register;
	int big_endian, raw_lock;
	int deny_reg;			/* readable/writeable_reg() refuse this one (-1: none) */
};
int tgpio_regmap_create(unsigned long long base, unsigned long size,
			const struct tgpio_regmap_cfg *cfg);	/* 0 or -errno */
void tgpio_regmap_destroy(void);
int tgpio_regmap_read(unsigned int reg, unsigned int *val);
int tgpio_regmap_write(unsigned int reg, unsigned int val);
int tgpio_regmap_update(unsigned int reg, unsigned int mask, unsigned int val, int *change);
int tgpio_regmap_oob_read(unsigned int reg, unsigned int *val);	/* from oob, hard irqs off */

#endif
