/* SPDX-License-Identifier: MIT */
/*
 * tpwm: the test driver of the PWM consumer and provider API (check_pwm). Written as a
 * kernel driver would be; the entry points below are what its code paths would do,
 * called directly by the test program with plain C types.
 *
 * A platform driver ("evlsim,tpwm", or by the name "tpwm") takes PWMs for the devices
 * it is bound to: the one with a device-tree node ("pwms", "pwm-names") and the one
 * without (the board's lookup table, which the driver adds as board code would). It can
 * also register a PWM chip of its own.
 */
#ifndef _TPWM_ABI_H
#define _TPWM_ABI_H

#define TPWM_SLOTS		8

/* which device tpwm_get() asks for */
#define TPWM_DEV_OF		0	/* the bound device with a device-tree node */
#define TPWM_DEV_PLAIN		1	/* the bound device without one */
#define TPWM_DEV_NULL		2	/* no device: pwm_get(NULL, con) */

/* how tpwm_get() asks */
#define TPWM_GET		0	/* pwm_get() */
#define TPWM_DEVM		1	/* devm_pwm_get() */
#define TPWM_FWNODE		2	/* devm_fwnode_pwm_get() on the device's node */

struct tpwm_state {
	unsigned long long period, duty_cycle;
	int polarity, enabled, usage_power;
};

int tpwm_bound(int dev);					/* TPWM_DEV_OF or _PLAIN */
int tpwm_get(int dev, const char *con, int how);		/* slot or -errno */
void tpwm_put(int slot);
void tpwm_put_again(int slot);					/* pwm_put() of a freed PWM */
int tpwm_apply(int slot, const struct tpwm_state *st, int atomic);
int tpwm_apply_bad(int what);			/* 0: NULL pwm, 1: NULL pwm atomic */
void tpwm_get_state(int slot, struct tpwm_state *st);		/* pwm_get_state() */
void tpwm_init_state(int slot, struct tpwm_state *st);		/* pwm_init_state() */
int tpwm_config(int slot, int duty_ns, int period_ns);
int tpwm_enable(int slot);
void tpwm_disable(int slot);
int tpwm_is_enabled(int slot);
unsigned long long tpwm_period(int slot);			/* pwm_get_period() */
unsigned long long tpwm_duty(int slot);				/* pwm_get_duty_cycle() */
int tpwm_polarity(int slot);					/* pwm_get_polarity() */
void tpwm_args(int slot, unsigned long long *period, int *polarity);
int tpwm_label_is(int slot, const char *label);
int tpwm_might_sleep(int slot);
int tpwm_adjust(int slot);					/* pwm_adjust_config() */
int tpwm_set_relative(struct tpwm_state *st, unsigned int duty, unsigned int scale);
unsigned int tpwm_get_relative(const struct tpwm_state *st, unsigned int scale);

/* board code: one lookup table entry per call (4 at most), all removed at once */
int tpwm_table_add(const char *provider, unsigned int index, const char *dev_id,
		   const char *con_id, unsigned int period, int polarity);
void tpwm_table_clear(void);

/* the driver's own chip (an apply counter per channel) */
#define TPWM_CHIP_PLAIN		0	/* pwmchip_alloc() + pwmchip_add() */
#define TPWM_CHIP_DEVM		1	/* devm_pwmchip_alloc() + devm_pwmchip_add() on the OF device */
#define TPWM_CHIP_NO_APPLY	2	/* ops without ->apply(): -EINVAL */
#define TPWM_CHIP_NO_PARENT	3	/* pwmchip_alloc(NULL, ...): -EINVAL */
#define TPWM_CHIP_NO_NPWM	4	/* zero channels: -EINVAL */
int tpwm_chip_add(unsigned int npwm, int how);			/* chip id or -errno */
void tpwm_chip_remove(void);					/* pwmchip_remove() + pwmchip_put() */
int tpwm_chip_drvdata_ok(void);				/* pwmchip_get_drvdata() is its private area */
unsigned long tpwm_chip_applies(unsigned int hwpwm);

#endif
