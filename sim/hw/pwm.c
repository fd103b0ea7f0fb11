// SPDX-License-Identifier: LGPL-2.1-or-later
/*
 * The PWM core (kernel world), after Linux v6.12 drivers/pwm/core.c: chips allocated with
 * pwmchip_alloc() and registered with pwmchip_add(), their per-chip lock (a mutex, or a
 * spinlock for atomic chips) and ->operational flag, the consumer calls
 * pwm_apply_might_sleep() and pwm_apply_atomic() with the core's checks, pwm_capture(),
 * pwm_adjust_config(). The lookup (pwm_get() & co., pwm_add_table()) is in pwm-lookup.c.
 *
 * EVL adds no out-of-band call to PWM: every service is in-band (the checker's table,
 * evlsim/services.def). Chips and requested PWMs are charged to the module whose code
 * registered or requested them and reported if left at unload; "fail_pwm_apply" fails
 * an apply as the controller would.
 */
#include <linux/kernel.h>
#include <linux/slab.h>
#include <linux/string.h>
#include <linux/overflow.h>
#include <linux/device/devres.h>
#include <linux/pwm.h>
#include "pwm-internal.h"

#define PWMCHIP_ALIGN	64	/* ARCH_DMA_MINALIGN */

struct evlsim_mutex evlsim__pwm_lock = EVLSIM_MUTEX_INITIALIZER;
LIST_HEAD(evlsim__pwm_chips);	/* struct pwm_entry, under evlsim__pwm_lock */
static unsigned long pwm_ids[BITS_TO_LONGS(EVLSIM_PWM_NR_IDS)];

/* The chip lock: the kernel's, taken as part of the service (not checked on its own). */
static void pwmchip_lock(struct pwm_chip *chip)
{
	evlsim__unchecked_begin();
	if (chip->atomic)
		spin_lock(&chip->atomic_lock);
	else
		mutex_lock(&chip->nonatomic_lock);
	evlsim__unchecked_end();
}

static void pwmchip_unlock(struct pwm_chip *chip)
{
	evlsim__unchecked_begin();
	if (chip->atomic)
		spin_unlock(&chip->atomic_lock);
	else
		mutex_unlock(&chip->nonatomic_lock);
	evlsim__unchecked_end();
}

/* evlsim__pwm_lock held: the entry of a registered chip, or NULL */
struct pwm_entry *evlsim__pwm_entry(const struct pwm_chip *chip)
{
	struct pwm_entry *e;

	list_for_each_entry(e, &evlsim__pwm_chips, list)
		if (e->chip == chip)
			return e;
	return NULL;
}

/* ---- applying ---------------------------------------------------------------------------- */

/* chip lock held: the core's checks, then ->apply() */
static int __pwm_apply(struct pwm_device *pwm, const struct pwm_state *state, void *caller)
{
	struct pwm_chip *chip;
	int err;

	if (!pwm || !state || !state->period || state->duty_cycle > state->period)
		return -EINVAL;

	chip = pwm->chip;

	if (state->period == pwm->state.period &&
	    state->duty_cycle == pwm->state.duty_cycle &&
	    state->polarity == pwm->state.polarity &&
	    state->enabled == pwm->state.enabled &&
	    state->usage_power == pwm->state.usage_power)
		return 0;

	if (unlikely(__atomic_load_n(&evlsim__faults_on, __ATOMIC_RELAXED)) &&
	    evlsim__should_fail_at(EVLSIM_FAULT_PWM_APPLY, 0, caller))
		return -EIO;

	err = chip->ops->apply(chip, pwm, state);
	if (err)
		return err;

	pwm->state = *state;
	return 0;
}

/* both applies once @pwm is known: -ENODEV once the chip is removed; @caller for the reports */
static int pwm_apply_locked(struct pwm_device *pwm, const struct pwm_state *state,
			    void *caller)
{
	struct pwm_chip *chip = pwm->chip;
	int err;

	pwmchip_lock(chip);
	if (!chip->operational)
		err = -ENODEV;
	else
		err = __pwm_apply(pwm, state, caller);
	pwmchip_unlock(chip);
	return err;
}

/**
 * pwm_apply_might_sleep() - atomically apply a new state to a PWM device
 * @pwm: PWM device
 * @state: new state to apply
 *
 * Cannot be used in atomic context. Returns 0 (also when @state is the current state,
 * without calling the driver), -EINVAL (a NULL @pwm or @state, a zero period, a duty
 * cycle above the period), -ENODEV (the chip was removed), -EIO ("fail_pwm_apply"), or
 * the driver's ->apply() error. In-band, may sleep.
 */
int pwm_apply_might_sleep(struct pwm_device *pwm, const struct pwm_state *state)
{
	evlsim__check_service(EVLSIM_SVC_pwm_apply_might_sleep);

	if (!pwm)
		return -EINVAL;
	return pwm_apply_locked(pwm, state, __builtin_return_address(0));
}

/**
 * pwm_apply_atomic() - apply a new state to a PWM device from atomic context
 * @pwm: PWM device
 * @state: new state to apply
 *
 * Not all PWM devices support this function, check with pwm_might_sleep(): a chip that
 * is not atomic gets a WARN_ONCE(). Returns as pwm_apply_might_sleep(). In-band (atomic
 * in-band context included); EVL gives PWM no out-of-band apply.
 */
int pwm_apply_atomic(struct pwm_device *pwm, const struct pwm_state *state)
{
	evlsim__check_service(EVLSIM_SVC_pwm_apply_atomic);

	if (!pwm)
		return -EINVAL;
	WARN_ONCE(!pwm->chip->atomic, "sleeping PWM driver used in atomic context\n");
	return pwm_apply_locked(pwm, state, __builtin_return_address(0));
}

/**
 * pwm_adjust_config() - adjust the current PWM config to the PWM arguments
 * @pwm: PWM device
 *
 * Adjusts the applied state to the period and polarity of the board (pwm->args): a
 * state without period gets the arguments and a zero duty cycle; otherwise the duty
 * cycle is scaled to the new period and inverted with the polarity.
 */
int pwm_adjust_config(struct pwm_device *pwm)
{
	struct pwm_state state;
	struct pwm_args pargs;

	pwm_get_args(pwm, &pargs);
	pwm_get_state(pwm, &state);

	if (!state.period) {
		state.duty_cycle = 0;
		state.period = pargs.period;
		state.polarity = pargs.polarity;
		return pwm_apply_might_sleep(pwm, &state);
	}

	if (pargs.period != state.period) {
		u64 dutycycle = (u64)state.duty_cycle * pargs.period;

		state.duty_cycle = dutycycle / state.period;
		state.period = pargs.period;
	}

	if (pargs.polarity != state.polarity) {
		state.polarity = pargs.polarity;
		state.duty_cycle = state.period - state.duty_cycle;
	}

	return pwm_apply_might_sleep(pwm, &state);
}

/**
 * pwm_capture() - capture and report a PWM signal
 * @pwm: PWM device
 * @result: structure to fill with capture result
 * @timeout: time to wait, in milliseconds, before giving up on capture
 *
 * Returns: 0, -EINVAL, -ENOSYS (no ->capture()), -ENODEV (chip removed), the driver's.
 */
int pwm_capture(struct pwm_device *pwm, struct pwm_capture *result, unsigned long timeout)
{
	evlsim__check_service(EVLSIM_SVC_pwm_capture);
	struct pwm_chip *chip;
	int err;

	if (!pwm || !pwm->chip->ops)
		return -EINVAL;
	chip = pwm->chip;
	if (!chip->ops->capture)
		return -ENOSYS;

	evlsim__mutex_lock(&evlsim__pwm_lock);
	pwmchip_lock(chip);
	err = chip->operational ? chip->ops->capture(chip, pwm, result, timeout) : -ENODEV;
	pwmchip_unlock(chip);
	evlsim__mutex_unlock(&evlsim__pwm_lock);
	return err;
}

/* ---- requests ---------------------------------------------------------------------------- */

/* the provider's module reference, the core's (the consumer is charged the PWM itself) */
static bool modref(struct module *owner, int delta)
{
	struct module *prev = evlsim__owner_enter(NULL);
	bool ok = true;

	if (delta > 0)
		ok = try_module_get(owner);
	else
		module_put(owner);
	evlsim__owner_leave(prev);
	return ok;
}

/* evlsim__pwm_lock held: pwm_device_request() of the kernel, charged to @acct */
static int pwm_device_request(struct pwm_device *pwm, const char *label, struct module *acct)
{
	struct pwm_chip *chip = pwm->chip;
	const struct pwm_ops *ops = chip->ops;
	struct pwm_entry *e;
	int err;

	if (test_bit(PWMF_REQUESTED, &pwm->flags))
		return -EBUSY;

	/* .operational only changes under evlsim__pwm_lock, held here */
	e = evlsim__pwm_entry(chip);
	if (!chip->operational || !e)
		return -ENODEV;

	if (!modref(chip->owner, 1))
		return -ENODEV;

	get_device(&chip->dev);

	if (ops->request) {
		err = ops->request(chip, pwm);
		if (err) {
			put_device(&chip->dev);
			modref(chip->owner, -1);
			return err;
		}
	}

	if (ops->get_state) {
		/* zero-initialized: most drivers are unaware of .usage_power */
		struct pwm_state state = { 0, };

		pwmchip_lock(chip);
		err = ops->get_state(chip, pwm, &state);
		pwmchip_unlock(chip);
		if (!err)
			pwm->state = state;
	}

	set_bit(PWMF_REQUESTED, &pwm->flags);
	pwm->label = label;
	e->dev_acct[pwm->hwpwm] = acct;

	return 0;
}

/**
 * evlsim__pwm_request - request PWM @index of the chip numbered @id (@name NULL) or whose
 * parent device is named @name, for @acct (the chip's lookup and
 * pwm_request_from_chip(), under the lock that chip removals take)
 * ERR_PTR(-EPROBE_DEFER) (no such chip registered), -EINVAL (no such index), -EBUSY
 * (requested already), -ENODEV (its module going), or the driver's ->request() error.
 */
struct pwm_device *evlsim__pwm_request(int id, const char *name, unsigned int index,
				       const char *label, struct module *acct)
{
	struct pwm_chip *chip = NULL;
	struct pwm_device *pwm;
	struct pwm_entry *e;
	int err;

	evlsim__mutex_lock(&evlsim__pwm_lock);
	list_for_each_entry(e, &evlsim__pwm_chips, list) {
		const char *chip_name = dev_name(pwmchip_parent(e->chip));

		if (name ? chip_name && !strcmp(chip_name, name) : (int)e->chip->id == id) {
			chip = e->chip;
			break;
		}
	}
	if (!chip) {
		pwm = ERR_PTR(-EPROBE_DEFER);
	} else if (index >= chip->npwm) {
		pwm = ERR_PTR(-EINVAL);
	} else {
		pwm = &chip->pwms[index];
		err = pwm_device_request(pwm, label, acct);
		if (err < 0)
			pwm = ERR_PTR(err);
	}
	evlsim__mutex_unlock(&evlsim__pwm_lock);
	return pwm;
}

/**
 * pwm_put() - release a PWM device
 * @pwm: PWM device (NULL: nothing)
 *
 * A PWM not requested gets "PWM device already freed" (a warning) unless its chip was
 * removed meanwhile (the removal freed it). In-band, may sleep.
 */
void pwm_put(struct pwm_device *pwm)
{
	evlsim__check_service(EVLSIM_SVC_pwm_put);
	struct pwm_chip *chip;
	struct pwm_entry *e;
	struct module *owner;

	if (IS_ERR_OR_NULL(pwm))
		return;

	chip = pwm->chip;
	owner = chip->owner;	/* the chip may go with our reference */

	evlsim__mutex_lock(&evlsim__pwm_lock);
	/*
	 * If the chip isn't operational, PWMF_REQUESTED was already cleared. So don't warn
	 * in this case. This can only happen if a consumer called pwm_put() twice.
	 */
	if (chip->operational && !test_and_clear_bit(PWMF_REQUESTED, &pwm->flags)) {
		evlsim__mutex_unlock(&evlsim__pwm_lock);
		pr_warn("PWM device already freed\n");
		return;
	}

	if (chip->operational && chip->ops->free)
		chip->ops->free(chip, pwm);

	e = evlsim__pwm_entry(chip);
	if (e)
		e->dev_acct[pwm->hwpwm] = NULL;
	pwm->label = NULL;
	evlsim__mutex_unlock(&evlsim__pwm_lock);

	put_device(&chip->dev);
	modref(owner, -1);
}

/* ---- chips ------------------------------------------------------------------------------- */

static void *pwmchip_priv(struct pwm_chip *chip)
{
	return (void *)chip + ALIGN(struct_size(chip, pwms, chip->npwm), PWMCHIP_ALIGN);
}

/** pwmchip_put() - the counterpart to pwmchip_alloc(): drops the chip's reference */
void pwmchip_put(struct pwm_chip *chip)
{
	put_device(&chip->dev);
}

static void pwmchip_release(struct device *pwmchip_dev)
{
	struct pwm_chip *chip = container_of(pwmchip_dev, struct pwm_chip, dev);

	kfree(chip);
}

/**
 * pwmchip_alloc() - allocate a PWM chip with @npwm channels and @sizeof_priv bytes of
 * driver data (pwmchip_get_drvdata())
 * @parent: the device providing the PWMs
 * @npwm: number of channels
 * @sizeof_priv: size of the driver's private data
 *
 * Returns the chip, or ERR_PTR(-ENOMEM). Freed by pwmchip_put().
 */
struct pwm_chip *(pwmchip_alloc)(struct device *parent, unsigned int npwm, size_t sizeof_priv)
{
	struct pwm_chip *chip;
	size_t alloc_size;
	unsigned int i;

	alloc_size = size_add(ALIGN(struct_size(chip, pwms, npwm), PWMCHIP_ALIGN), sizeof_priv);

	chip = kzalloc(alloc_size, GFP_KERNEL);
	if (!chip)
		return ERR_PTR(-ENOMEM);

	chip->npwm = npwm;
	chip->uses_pwmchip_alloc = true;
	chip->operational = false;

	device_initialize(&chip->dev);
	chip->dev.parent = parent;
	chip->dev.release = pwmchip_release;

	pwmchip_set_drvdata(chip, pwmchip_priv(chip));

	for (i = 0; i < chip->npwm; i++) {
		struct pwm_device *pwm = &chip->pwms[i];

		pwm->chip = chip;
		pwm->hwpwm = i;
	}

	return chip;
}

static void devm_pwmchip_put(void *data)
{
	pwmchip_put(data);
}

/** devm_pwmchip_alloc() - pwmchip_alloc(), put when @parent is unbound */
struct pwm_chip *(devm_pwmchip_alloc)(struct device *parent, unsigned int npwm,
				      size_t sizeof_priv)
{
	struct pwm_chip *chip;
	int ret;

	chip = pwmchip_alloc(parent, npwm, sizeof_priv);
	if (IS_ERR(chip))
		return chip;

	ret = devm_add_action_or_reset(parent, devm_pwmchip_put, chip);
	if (ret)
		return ERR_PTR(ret);

	return chip;
}

/**
 * __pwmchip_add() - register a new PWM chip
 * @chip: the PWM chip to add (from pwmchip_alloc())
 * @owner: reference to the module providing the chip (pwmchip_add(): THIS_MODULE)
 *
 * Returns 0, -EINVAL (no chip, parent, ops or channels; not from pwmchip_alloc(); no
 * ->apply()), -ENOSPC (no chip number left), -ENOMEM. In-band, may sleep.
 */
int (__pwmchip_add)(struct pwm_chip *chip, struct module *owner)
{
	evlsim__check_service(EVLSIM_SVC___pwmchip_add);
	struct module *acct = evlsim__acct_owner(), *prev;
	struct pwm_entry *e;
	int id;

	if (!chip || !pwmchip_parent(chip) || !chip->ops || !chip->npwm)
		return -EINVAL;

	/* a chip must be allocated with (devm_)pwmchip_alloc() */
	if (!chip->uses_pwmchip_alloc)
		return -EINVAL;

	if (!chip->ops->apply)
		return -EINVAL;

	chip->owner = owner;

	if (chip->atomic)
		spin_lock_init(&chip->atomic_lock);
	else
		mutex_init(&chip->nonatomic_lock);

	/* the chip is the module's; the core's record of it and its name are the core's */
	prev = evlsim__owner_enter(NULL);
	e = kzalloc(struct_size(e, dev_acct, chip->npwm), GFP_KERNEL);
	if (!e) {
		evlsim__owner_leave(prev);
		return -ENOMEM;
	}
	e->chip = chip;
	e->acct = acct;

	evlsim__mutex_lock(&evlsim__pwm_lock);
	id = find_first_zero_bit(pwm_ids, EVLSIM_PWM_NR_IDS);
	if (id >= EVLSIM_PWM_NR_IDS) {
		evlsim__mutex_unlock(&evlsim__pwm_lock);
		evlsim__owner_leave(prev);
		kfree(e);
		return -ENOSPC;
	}
	set_bit(id, pwm_ids);
	chip->id = id;
	dev_set_name(&chip->dev, "pwmchip%u", chip->id);

	pwmchip_lock(chip);
	chip->operational = true;
	pwmchip_unlock(chip);

	/* registered, the chip is kept (the kernel's class device); pwmchip_remove() puts it */
	get_device(&chip->dev);
	list_add_tail(&e->list, &evlsim__pwm_chips);
	evlsim__mutex_unlock(&evlsim__pwm_lock);
	evlsim__owner_leave(prev);
	return 0;
}

/**
 * pwmchip_remove() - remove a PWM chip
 * @chip: the PWM chip to remove
 *
 * The chip stops being operational: its consumers' calls get -ENODEV from then on, and
 * PWMs still requested are freed ("Freeing requested PWM #n"). In-band, may sleep.
 */
void pwmchip_remove(struct pwm_chip *chip)
{
	evlsim__check_service(EVLSIM_SVC_pwmchip_remove);
	struct pwm_entry *e;
	unsigned int i;

	if (!chip)
		return;
	evlsim__mutex_lock(&evlsim__pwm_lock);

	pwmchip_lock(chip);
	chip->operational = false;
	pwmchip_unlock(chip);

	for (i = 0; i < chip->npwm; ++i) {
		struct pwm_device *pwm = &chip->pwms[i];

		if (test_and_clear_bit(PWMF_REQUESTED, &pwm->flags)) {
			dev_alert(&chip->dev, "Freeing requested PWM #%u\n", i);
			if (chip->ops->free)
				chip->ops->free(chip, pwm);
		}
	}

	e = evlsim__pwm_entry(chip);
	if (e) {
		list_del(&e->list);
		clear_bit(chip->id, pwm_ids);
	}
	evlsim__mutex_unlock(&evlsim__pwm_lock);
	if (e) {
		kfree(e);
		put_device(&chip->dev);
	}
}

static void devm_pwmchip_remove(void *data)
{
	pwmchip_remove(data);
}

/** __devm_pwmchip_add() - __pwmchip_add(), the chip removed when @dev is unbound */
int (__devm_pwmchip_add)(struct device *dev, struct pwm_chip *chip, struct module *owner)
{
	int ret;

	ret = __pwmchip_add(chip, owner);
	if (ret)
		return ret;

	return devm_add_action_or_reset(dev, devm_pwmchip_remove, chip);
}
