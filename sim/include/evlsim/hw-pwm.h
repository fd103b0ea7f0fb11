/* SPDX-License-Identifier: LGPL-2.1-or-later */
/*
 * evlsim: the built-in simulated PWM chip "evlsim-pwm", for tests (user world; included
 * by <evlsim/hw.h>). docs/api/pwm.md describes the model.
 *
 * A test creates a chip: it is registered with the PWM core as a driver's chip would be
 * (pwmchip_alloc(), pwmchip_add()) under a parent device named @name, and serves
 * consumers: pwm_get() on a device whose "pwms" property names it (cells <chip channel
 * period flags>, chip = evlsim_pwm_chip_id()), or through a lookup table whose provider
 * is @name. The test reads back what each channel was last applied, counts the applies,
 * and makes the next apply of a channel fail. There is no out-of-band PWM call in EVL.
 *
 * Every function returns 0 (or a value) or a negated errno; none touches errno.
 */
#ifndef _EVLSIM_HW_PWM_H
#define _EVLSIM_HW_PWM_H

#ifdef __cplusplus
extern "C" {
#endif

struct evlsim_pwm_chip;

#define EVLSIM_PWM_MAX_CHANNELS	64
#define EVLSIM_PWM_ATOMIC	0x1	/* pwm_chip::atomic set (pwm_apply_atomic() allowed) */

/**
 * evlsim_pwm_chip_create - create and register a simulated PWM chip
 * @name: the name of its parent device (the provider name of lookup tables; copied, 31
 *	characters at most)
 * @npwm: its number of channels, 1..EVLSIM_PWM_MAX_CHANNELS; every channel starts
 *	disabled, period 0
 * @flags: EVLSIM_PWM_* flags
 * @chip: the new chip
 * Returns 0, -EINVAL, -ENOMEM, -ENOSPC (no chip number left).
 */
int evlsim_pwm_chip_create(const char *name, unsigned int npwm, unsigned int flags,
			   struct evlsim_pwm_chip **chip);
/** evlsim_pwm_chip_destroy - unregister and free a chip; 0, -EINVAL, -EBUSY (a channel requested) */
int evlsim_pwm_chip_destroy(struct evlsim_pwm_chip *chip);
/** evlsim_pwm_chip_id - N of the chip's pwmchipN (the first cell of "pwms" entries) */
int evlsim_pwm_chip_id(struct evlsim_pwm_chip *chip);

/* What a channel's hardware does, and what the PWM core asked of it. */
struct evlsim_pwm_channel {
	unsigned long long period;	/* ns, as last applied (or set by the test) */
	unsigned long long duty_cycle;	/* ns */
	int polarity;			/* 0 normal, 1 inversed */
	int enabled;
	int usage_power;
	int requested;			/* between ->request() and ->free() */
	unsigned long applies;		/* ->apply() calls, failed ones included */
	unsigned long requests;		/* ->request() calls */
};
/** evlsim_pwm_channel_state - what channel @ch of @chip outputs; 0, -EINVAL */
int evlsim_pwm_channel_state(struct evlsim_pwm_chip *chip, unsigned int ch,
			     struct evlsim_pwm_channel *st);
/**
 * evlsim_pwm_set_hw_state - set channel @ch as a boot loader would have left it: what
 * ->get_state() reports when a consumer requests it. 0, -EINVAL.
 */
int evlsim_pwm_set_hw_state(struct evlsim_pwm_chip *chip, unsigned int ch,
			    unsigned long long period, unsigned long long duty_cycle,
			    int polarity, int enabled);
/**
 * evlsim_pwm_fail_apply - the next ->apply() of channel @ch fails with @err (a negated
 * errno, e.g. -EIO) without changing the output; 0 cancels. 0, -EINVAL.
 */
int evlsim_pwm_fail_apply(struct evlsim_pwm_chip *chip, unsigned int ch, int err);

#ifdef __cplusplus
}
#endif

#endif /* _EVLSIM_HW_PWM_H */
