// SPDX-License-Identifier: LGPL-2.1-or-later
/*
 * evlsim-pwm, the built-in simulated PWM chip (kernel world), and its test side
 * (<evlsim/hw-pwm.h>). It is written as a PWM controller driver would be: a chip from
 * pwmchip_alloc() under its parent device, ->request()/->free(), ->apply() that programs
 * the channel (here: records the state) and ->get_state() that reads it back, with the
 * channel registers under a hard spinlock (the test reads them from any thread).
 */
#include <linux/kernel.h>
#include <linux/slab.h>
#include <linux/string.h>
#include <linux/spinlock.h>
#include <linux/pwm.h>
#include "pwm-internal.h"
#include "include/evlsim/hw-pwm.h"

struct sim_channel {
	struct evlsim_pwm_channel st;
	int fail;		/* the next ->apply() returns it */
};

struct evlsim_pwm_chip {
	struct device dev;	/* the parent: its name is the provider's */
	struct pwm_chip *chip;
	hard_spinlock_t lock;
	struct sim_channel ch[];
};

static inline struct evlsim_pwm_chip *to_psim(struct pwm_chip *chip)
{
	return *(struct evlsim_pwm_chip **)pwmchip_get_drvdata(chip);
}

static int sim_request(struct pwm_chip *chip, struct pwm_device *pwm)
{
	struct evlsim_pwm_chip *c = to_psim(chip);
	unsigned long flags;

	raw_spin_lock_irqsave(&c->lock, flags);
	c->ch[pwm->hwpwm].st.requested = 1;
	c->ch[pwm->hwpwm].st.requests++;
	raw_spin_unlock_irqrestore(&c->lock, flags);
	return 0;
}

static void sim_free(struct pwm_chip *chip, struct pwm_device *pwm)
{
	struct evlsim_pwm_chip *c = to_psim(chip);
	unsigned long flags;

	raw_spin_lock_irqsave(&c->lock, flags);
	c->ch[pwm->hwpwm].st.requested = 0;
	raw_spin_unlock_irqrestore(&c->lock, flags);
}

static int sim_apply(struct pwm_chip *chip, struct pwm_device *pwm,
		     const struct pwm_state *state)
{
	struct evlsim_pwm_chip *c = to_psim(chip);
	struct sim_channel *ch = &c->ch[pwm->hwpwm];
	unsigned long flags;
	int err;

	raw_spin_lock_irqsave(&c->lock, flags);
	ch->st.applies++;
	err = ch->fail;
	ch->fail = 0;
	if (!err) {
		ch->st.period = state->period;
		ch->st.duty_cycle = state->duty_cycle;
		ch->st.polarity = state->polarity == PWM_POLARITY_INVERSED;
		ch->st.enabled = state->enabled;
		ch->st.usage_power = state->usage_power;
	}
	raw_spin_unlock_irqrestore(&c->lock, flags);
	return err;
}

static int sim_get_state(struct pwm_chip *chip, struct pwm_device *pwm,
			 struct pwm_state *state)
{
	struct evlsim_pwm_chip *c = to_psim(chip);
	struct sim_channel *ch = &c->ch[pwm->hwpwm];
	unsigned long flags;

	raw_spin_lock_irqsave(&c->lock, flags);
	state->period = ch->st.period;
	state->duty_cycle = ch->st.duty_cycle;
	state->polarity = ch->st.polarity ? PWM_POLARITY_INVERSED : PWM_POLARITY_NORMAL;
	state->enabled = ch->st.enabled;
	state->usage_power = ch->st.usage_power;
	raw_spin_unlock_irqrestore(&c->lock, flags);
	return 0;
}

static const struct pwm_ops sim_ops = {
	.request = sim_request,
	.free = sim_free,
	.apply = sim_apply,
	.get_state = sim_get_state,
};

static void sim_dev_release(struct device *dev)
{
	kfree(container_of(dev, struct evlsim_pwm_chip, dev));
}

/* ---- the test side ------------------------------------------------------------------------ */

EVLSIM_EXPORT int evlsim_pwm_chip_create(const char *name, unsigned int npwm,
					 unsigned int flags, struct evlsim_pwm_chip **chip)
{
	struct evlsim_pwm_chip *c;
	struct pwm_chip *pc;
	int ret;

	if (!chip || !npwm || npwm > EVLSIM_PWM_MAX_CHANNELS || (flags & ~EVLSIM_PWM_ATOMIC))
		return -EINVAL;
	c = kzalloc(struct_size(c, ch, npwm), GFP_KERNEL);
	if (!c)
		return -ENOMEM;
	raw_spin_lock_init(&c->lock);
	device_initialize(&c->dev);
	c->dev.release = sim_dev_release;
	ret = dev_set_name(&c->dev, "%.31s", name ?: "evlsim-pwm");
	if (ret)
		goto fail;
	pc = pwmchip_alloc(&c->dev, npwm, sizeof(c));
	if (IS_ERR(pc)) {
		ret = PTR_ERR(pc);
		goto fail;
	}
	*(struct evlsim_pwm_chip **)pwmchip_get_drvdata(pc) = c;
	pc->ops = &sim_ops;
	pc->atomic = flags & EVLSIM_PWM_ATOMIC;
	ret = pwmchip_add(pc);
	if (ret) {
		pwmchip_put(pc);
		goto fail;
	}
	c->chip = pc;
	*chip = c;
	return 0;
fail:
	put_device(&c->dev);
	return ret;
}

EVLSIM_EXPORT int evlsim_pwm_chip_destroy(struct evlsim_pwm_chip *c)
{
	unsigned int i;

	if (!c)
		return -EINVAL;
	for (i = 0; i < c->chip->npwm; i++)
		if (test_bit(PWMF_REQUESTED, &c->chip->pwms[i].flags))
			return -EBUSY;
	pwmchip_remove(c->chip);
	pwmchip_put(c->chip);
	put_device(&c->dev);
	return 0;
}

EVLSIM_EXPORT int evlsim_pwm_chip_id(struct evlsim_pwm_chip *c)
{
	return c ? (int)c->chip->id : -EINVAL;
}

EVLSIM_EXPORT int evlsim_pwm_channel_state(struct evlsim_pwm_chip *c, unsigned int ch,
					   struct evlsim_pwm_channel *st)
{
	unsigned long flags;

	if (!c || !st || ch >= c->chip->npwm)
		return -EINVAL;
	raw_spin_lock_irqsave(&c->lock, flags);
	*st = c->ch[ch].st;
	raw_spin_unlock_irqrestore(&c->lock, flags);
	return 0;
}

EVLSIM_EXPORT int evlsim_pwm_set_hw_state(struct evlsim_pwm_chip *c, unsigned int ch,
					  unsigned long long period,
					  unsigned long long duty_cycle, int polarity,
					  int enabled)
{
	unsigned long flags;

	if (!c || ch >= c->chip->npwm || (polarity != 0 && polarity != 1))
		return -EINVAL;
	raw_spin_lock_irqsave(&c->lock, flags);
	c->ch[ch].st.period = period;
	c->ch[ch].st.duty_cycle = duty_cycle;
	c->ch[ch].st.polarity = polarity;
	c->ch[ch].st.enabled = !!enabled;
	raw_spin_unlock_irqrestore(&c->lock, flags);
	return 0;
}

EVLSIM_EXPORT int evlsim_pwm_fail_apply(struct evlsim_pwm_chip *c, unsigned int ch, int err)
{
	unsigned long flags;

	if (!c || ch >= c->chip->npwm || err > 0 || err < -4095)
		return -EINVAL;
	raw_spin_lock_irqsave(&c->lock, flags);
	c->ch[ch].fail = err;
	raw_spin_unlock_irqrestore(&c->lock, flags);
	return 0;
}
