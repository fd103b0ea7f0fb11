// SPDX-License-Identifier: GPL-2.0-only
/*
 * tpwm: the driver of the PWM suite, see tpwm-abi.h.
 */
#include <linux/module.h>
#include <linux/platform_device.h>
#include <linux/mod_devicetable.h>
#include <linux/of.h>
#include <linux/property.h>
#include <linux/pwm.h>
#include <linux/string.h>
#include "tpwm-abi.h"

static struct platform_device *tpwm_pdev[2];
static struct pwm_device *slots[TPWM_SLOTS];

/* ---- consumer ---------------------------------------------------------------------------- */

int tpwm_bound(int dev)
{
	return READ_ONCE(tpwm_pdev[dev]) != NULL;
}

/* slots are taken by consumers on several threads at once (cmpxchg): read them atomically */
#define SLOT(slot)	READ_ONCE(slots[slot])

static int take_slot(struct pwm_device *pwm)
{
	int i;

	for (i = 0; i < TPWM_SLOTS; i++)
		if (!cmpxchg(&slots[i], NULL, pwm))
			return i;
	pwm_put(pwm);
	return -ENOSPC;
}

int tpwm_get(int dev, const char *con, int how)
{
	struct device *d = dev == TPWM_DEV_NULL || !tpwm_pdev[dev] ? NULL : &tpwm_pdev[dev]->dev;
	struct pwm_device *pwm;

	if (how == TPWM_DEVM)
		pwm = devm_pwm_get(d, con);
	else if (how == TPWM_FWNODE)
		pwm = devm_fwnode_pwm_get(d, d ? dev_fwnode(d) : NULL, con);
	else
		pwm = pwm_get(d, con);
	if (IS_ERR(pwm))
		return PTR_ERR(pwm);
	return take_slot(pwm);
}

void tpwm_put(int slot)
{
	pwm_put(xchg(&slots[slot], NULL));
}

void tpwm_put_again(int slot)
{
	struct pwm_device *pwm = SLOT(slot);

	pwm_put(pwm);
	pwm_put(pwm);
	WRITE_ONCE(slots[slot], NULL);
}

static void to_state(const struct tpwm_state *t, struct pwm_state *s)
{
	s->period = t->period;
	s->duty_cycle = t->duty_cycle;
	s->polarity = t->polarity ? PWM_POLARITY_INVERSED : PWM_POLARITY_NORMAL;
	s->enabled = t->enabled;
	s->usage_power = t->usage_power;
}

static void from_state(const struct pwm_state *s, struct tpwm_state *t)
{
	t->period = s->period;
	t->duty_cycle = s->duty_cycle;
	t->polarity = s->polarity == PWM_POLARITY_INVERSED;
	t->enabled = s->enabled;
	t->usage_power = s->usage_power;
}

int tpwm_apply(int slot, const struct tpwm_state *st, int atomic)
{
	struct pwm_state s;

	if (!st)
		return atomic ? pwm_apply_atomic(SLOT(slot), NULL) :
			pwm_apply_might_sleep(SLOT(slot), NULL);
	to_state(st, &s);
	return atomic ? pwm_apply_atomic(SLOT(slot), &s) : pwm_apply_might_sleep(SLOT(slot), &s);
}

int tpwm_apply_bad(int what)
{
	struct pwm_state s = { .period = 1000, .duty_cycle = 500 };

	return what ? pwm_apply_atomic(NULL, &s) : pwm_apply_might_sleep(NULL, &s);
}

void tpwm_get_state(int slot, struct tpwm_state *st)
{
	struct pwm_state s;

	pwm_get_state(SLOT(slot), &s);
	from_state(&s, st);
}

void tpwm_init_state(int slot, struct tpwm_state *st)
{
	struct pwm_state s;

	pwm_init_state(SLOT(slot), &s);
	from_state(&s, st);
}

int tpwm_config(int slot, int duty_ns, int period_ns)
{
	return pwm_config(slot < 0 ? NULL : SLOT(slot), duty_ns, period_ns);
}

int tpwm_enable(int slot)
{
	return pwm_enable(slot < 0 ? NULL : SLOT(slot));
}

void tpwm_disable(int slot)
{
	pwm_disable(slot < 0 ? NULL : SLOT(slot));
}

int tpwm_is_enabled(int slot)
{
	return pwm_is_enabled(SLOT(slot));
}

unsigned long long tpwm_period(int slot)
{
	return pwm_get_period(SLOT(slot));
}

unsigned long long tpwm_duty(int slot)
{
	return pwm_get_duty_cycle(SLOT(slot));
}

int tpwm_polarity(int slot)
{
	return pwm_get_polarity(SLOT(slot)) == PWM_POLARITY_INVERSED;
}

void tpwm_args(int slot, unsigned long long *period, int *polarity)
{
	struct pwm_args args;

	pwm_get_args(SLOT(slot), &args);
	*period = args.period;
	*polarity = args.polarity == PWM_POLARITY_INVERSED;
}

int tpwm_label_is(int slot, const char *label)
{
	return SLOT(slot)->label && !strcmp(SLOT(slot)->label, label);
}

int tpwm_might_sleep(int slot)
{
	return pwm_might_sleep(SLOT(slot));
}

int tpwm_adjust(int slot)
{
	return pwm_adjust_config(SLOT(slot));
}

int tpwm_set_relative(struct tpwm_state *st, unsigned int duty, unsigned int scale)
{
	struct pwm_state s;
	int ret;

	to_state(st, &s);
	ret = pwm_set_relative_duty_cycle(&s, duty, scale);
	from_state(&s, st);
	return ret;
}

unsigned int tpwm_get_relative(const struct tpwm_state *st, unsigned int scale)
{
	struct pwm_state s;

	to_state(st, &s);
	return pwm_get_relative_duty_cycle(&s, scale);
}

/* ---- board code --------------------------------------------------------------------------- */

static struct pwm_lookup tpwm_lookup[4];
static unsigned int tpwm_nlookup;

int tpwm_table_add(const char *provider, unsigned int index, const char *dev_id,
		   const char *con_id, unsigned int period, int polarity)
{
	struct pwm_lookup *p;

	if (tpwm_nlookup == ARRAY_SIZE(tpwm_lookup))
		return -ENOSPC;
	p = &tpwm_lookup[tpwm_nlookup++];
	*p = (struct pwm_lookup)PWM_LOOKUP(provider, index, dev_id, con_id, period,
					   polarity ? PWM_POLARITY_INVERSED : PWM_POLARITY_NORMAL);
	pwm_add_table(p, 1);
	return 0;
}

void tpwm_table_clear(void)
{
	pwm_remove_table(tpwm_lookup, tpwm_nlookup);
	tpwm_nlookup = 0;
}

/* ---- provider: a chip of the driver's own -------------------------------------------------- */

struct tpwm_chip_priv {
	unsigned long applies[4];
};

static struct pwm_chip *tpwm_chip;

static int tpwm_chip_apply(struct pwm_chip *chip, struct pwm_device *pwm,
			   const struct pwm_state *state)
{
	struct tpwm_chip_priv *priv = pwmchip_get_drvdata(chip);

	if (pwm->hwpwm < ARRAY_SIZE(priv->applies))
		priv->applies[pwm->hwpwm]++;
	return 0;
}

static const struct pwm_ops tpwm_chip_ops = {
	.apply = tpwm_chip_apply,
};

static const struct pwm_ops tpwm_chip_ops_no_apply = {
};

int tpwm_chip_add(unsigned int npwm, int how)
{
	struct device *parent = tpwm_pdev[TPWM_DEV_OF] ? &tpwm_pdev[TPWM_DEV_OF]->dev : NULL;
	struct pwm_chip *chip;
	int ret;

	if (how == TPWM_CHIP_DEVM) {
		if (!parent)
			return -ENODEV;
		chip = devm_pwmchip_alloc(parent, npwm, sizeof(struct tpwm_chip_priv));
	} else {
		chip = pwmchip_alloc(how == TPWM_CHIP_NO_PARENT ? NULL : parent,
				     how == TPWM_CHIP_NO_NPWM ? 0 : npwm,
				     sizeof(struct tpwm_chip_priv));
	}
	if (IS_ERR(chip))
		return PTR_ERR(chip);
	chip->ops = how == TPWM_CHIP_NO_APPLY ? &tpwm_chip_ops_no_apply : &tpwm_chip_ops;
	if (how == TPWM_CHIP_DEVM) {
		ret = devm_pwmchip_add(parent, chip);
		if (ret)
			return ret;
	} else {
		ret = pwmchip_add(chip);
		if (ret) {
			pwmchip_put(chip);
			return ret;
		}
	}
	if (how != TPWM_CHIP_DEVM)
		tpwm_chip = chip;
	return chip->id;
}

void tpwm_chip_remove(void)
{
	pwmchip_remove(tpwm_chip);
	pwmchip_put(tpwm_chip);
	tpwm_chip = NULL;
}

int tpwm_chip_drvdata_ok(void)
{
	void *priv = pwmchip_get_drvdata(tpwm_chip);

	return priv > (void *)&tpwm_chip->pwms[tpwm_chip->npwm - 1] &&
		pwmchip_parent(tpwm_chip) == &tpwm_pdev[TPWM_DEV_OF]->dev;
}

unsigned long tpwm_chip_applies(unsigned int hwpwm)
{
	struct tpwm_chip_priv *priv = pwmchip_get_drvdata(tpwm_chip);

	return priv->applies[hwpwm];
}

/* ---- the platform driver ----------------------------------------------------------------- */

static int tpwm_probe(struct platform_device *pdev)
{
	WRITE_ONCE(tpwm_pdev[pdev->dev.of_node ? TPWM_DEV_OF : TPWM_DEV_PLAIN], pdev);
	return 0;
}

static void tpwm_remove(struct platform_device *pdev)
{
	int i;

	for (i = 0; i < TPWM_SLOTS; i++)
		WRITE_ONCE(slots[i], NULL);	/* devm ones go with the device, others are the test's */
	WRITE_ONCE(tpwm_pdev[pdev->dev.of_node ? TPWM_DEV_OF : TPWM_DEV_PLAIN], NULL);
}

static const struct of_device_id tpwm_of_match[] = {
	{ .compatible = "evlsim,tpwm" },
	{ }
};
MODULE_DEVICE_TABLE(of, tpwm_of_match);

static struct platform_driver tpwm_driver = {
	.probe = tpwm_probe,
	.remove = tpwm_remove,
	.driver = {
		.name = "tpwm",
		.of_match_table = tpwm_of_match,
	},
};
module_platform_driver(tpwm_driver);
MODULE_LICENSE("GPL");
