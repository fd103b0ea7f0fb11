/* SPDX-License-Identifier: LGPL-2.1-or-later */
/*
 * evlsim shim: linux v6.12 include/linux/pwm.h, faithful for consumers and providers
 * (sim/hw/pwm.c stands in for drivers/pwm/core.c). linux-evl adds nothing to PWM: there
 * is no out-of-band apply, every call here is in-band (docs/api/pwm.md).
 *
 * Deviations:
 * - Lookup: a device with a device-tree node finds its PWMs in its "pwms" property, in
 *   cells of four u32 <chip channel period flags>, "chip" being the PWM chip's number
 *   (N of pwmchipN, as "-gpios" cells name GPIO chips: the simulated device tree has no
 *   phandles); "pwm-names" maps a con_id to an entry, as in the kernel. ->of_xlate is
 *   kept in struct pwm_chip but never called. Other devices use the lookup table
 *   (pwm_add_table()), as in the kernel; ACPI does not exist.
 * - No sysfs class, no debugfs, no device links, no CONFIG_PWM_DEBUG checks, no waveform
 *   API (v6.13); pwm_apply_might_sleep()/pwm_apply_atomic() with a NULL @pwm return
 *   -EINVAL instead of faulting.
 * - pwm_apply_state() was renamed pwm_apply_might_sleep() in v6.8 (and pwm_apply_atomic()
 *   added then): not provided, as in v6.12.
 */
#ifndef _EVLSIM_LINUX_PWM_H
#define _EVLSIM_LINUX_PWM_H

#include <linux/device.h>
#include <linux/err.h>
#include <linux/list.h>
#include <linux/math.h>
#include <linux/module.h>
#include <linux/mutex.h>
#include <linux/spinlock.h>
#include <linux/types.h>
#include <linux/evlsim-owner.h>

struct pwm_chip;
struct fwnode_handle;
struct of_phandle_args;

/**
 * enum pwm_polarity - polarity of a PWM signal
 * @PWM_POLARITY_NORMAL: a high signal for the duration of the duty-cycle, followed by a
 *	low signal for the remainder of the pulse period
 * @PWM_POLARITY_INVERSED: a low signal for the duration of the duty-cycle, followed by a
 *	high signal for the remainder of the pulse period
 */
enum pwm_polarity {
	PWM_POLARITY_NORMAL,
	PWM_POLARITY_INVERSED,
};

/**
 * struct pwm_args - board-dependent PWM arguments
 * @period: reference period
 * @polarity: reference polarity
 */
struct pwm_args {
	u64 period;
	enum pwm_polarity polarity;
};

enum {
	PWMF_REQUESTED = 0,
	PWMF_EXPORTED = 1,
};

/**
 * struct pwm_state - state of a PWM channel
 * @period: PWM period (in nanoseconds)
 * @duty_cycle: PWM duty cycle (in nanoseconds)
 * @polarity: PWM polarity
 * @enabled: PWM enabled status
 * @usage_power: If set, the PWM driver is only required to maintain the power output
 *	but has more freedom regarding signal form.
 */
struct pwm_state {
	u64 period;
	u64 duty_cycle;
	enum pwm_polarity polarity;
	bool enabled;
	bool usage_power;
};

/**
 * struct pwm_device - PWM channel object
 * @label: name of the PWM device
 * @flags: flags associated with the PWM device
 * @hwpwm: per-chip relative index of the PWM device
 * @chip: PWM chip providing this PWM device
 * @args: PWM arguments
 * @state: last applied state
 * @last: last implemented state (for PWM_DEBUG)
 */
struct pwm_device {
	const char *label;
	unsigned long flags;
	unsigned int hwpwm;
	struct pwm_chip *chip;

	struct pwm_args args;
	struct pwm_state state;
	struct pwm_state last;
};

/**
 * pwm_get_state() - retrieve the current PWM state
 * @pwm: PWM device
 * @state: state to fill with the current PWM state
 *
 * The returned PWM state represents the state that was applied by a previous call to
 * pwm_apply_might_sleep(). Drivers may have to slightly tweak that state before
 * programming it to hardware.
 */
static inline void pwm_get_state(const struct pwm_device *pwm, struct pwm_state *state)
{
	*state = pwm->state;
}

static inline bool pwm_is_enabled(const struct pwm_device *pwm)
{
	struct pwm_state state;

	pwm_get_state(pwm, &state);
	return state.enabled;
}

static inline u64 pwm_get_period(const struct pwm_device *pwm)
{
	struct pwm_state state;

	pwm_get_state(pwm, &state);
	return state.period;
}

static inline u64 pwm_get_duty_cycle(const struct pwm_device *pwm)
{
	struct pwm_state state;

	pwm_get_state(pwm, &state);
	return state.duty_cycle;
}

static inline enum pwm_polarity pwm_get_polarity(const struct pwm_device *pwm)
{
	struct pwm_state state;

	pwm_get_state(pwm, &state);
	return state.polarity;
}

static inline void pwm_get_args(const struct pwm_device *pwm, struct pwm_args *args)
{
	*args = pwm->args;
}

/**
 * pwm_init_state() - prepare a new state to be applied with pwm_apply_might_sleep()
 * @pwm: PWM device
 * @state: state to fill with the prepared PWM state
 *
 * The current state with the reference period and polarity of the board (pwm->args),
 * duty_cycle 0 and usage_power false; enabled is kept.
 */
static inline void pwm_init_state(const struct pwm_device *pwm, struct pwm_state *state)
{
	struct pwm_args args;

	/* First get the current state. */
	pwm_get_state(pwm, state);

	/* Then fill it with the reference config */
	pwm_get_args(pwm, &args);

	state->period = args.period;
	state->polarity = args.polarity;
	state->duty_cycle = 0;
	state->usage_power = false;
}

/**
 * pwm_get_relative_duty_cycle() - Get a relative duty cycle value
 * @state: PWM state to extract the duty cycle from
 * @scale: target scale of the relative duty cycle
 *
 * The duty cycle of @state expressed on @scale (rounded to the closest); 0 for a zero
 * period.
 */
static inline unsigned int pwm_get_relative_duty_cycle(const struct pwm_state *state,
						       unsigned int scale)
{
	if (!state->period)
		return 0;

	return DIV_ROUND_CLOSEST_ULL((u64)state->duty_cycle * scale, state->period);
}

/**
 * pwm_set_relative_duty_cycle() - Set a relative duty cycle value
 * @state: PWM state to fill
 * @duty_cycle: relative duty cycle value
 * @scale: scale in which @duty_cycle is expressed
 *
 * Sets state->duty_cycle to @duty_cycle / @scale of state->period (rounded to the
 * closest). Returns 0, or -EINVAL for a zero @scale or @duty_cycle above it.
 */
static inline int pwm_set_relative_duty_cycle(struct pwm_state *state,
					      unsigned int duty_cycle, unsigned int scale)
{
	if (!scale || duty_cycle > scale)
		return -EINVAL;

	state->duty_cycle = DIV_ROUND_CLOSEST_ULL((u64)duty_cycle * state->period, scale);

	return 0;
}

/**
 * struct pwm_capture - PWM capture data
 * @period: period of the PWM signal (in nanoseconds)
 * @duty_cycle: duty cycle of the PWM signal (in nanoseconds)
 */
struct pwm_capture {
	unsigned int period;
	unsigned int duty_cycle;
};

/**
 * struct pwm_ops - PWM controller operations
 * @request: optional hook for requesting a PWM
 * @free: optional hook for freeing a PWM
 * @capture: capture and report PWM signal
 * @apply: atomically apply a new PWM config
 * @get_state: get the current PWM state.
 */
struct pwm_ops {
	int (*request)(struct pwm_chip *chip, struct pwm_device *pwm);
	void (*free)(struct pwm_chip *chip, struct pwm_device *pwm);
	int (*capture)(struct pwm_chip *chip, struct pwm_device *pwm,
		       struct pwm_capture *result, unsigned long timeout);
	int (*apply)(struct pwm_chip *chip, struct pwm_device *pwm,
		     const struct pwm_state *state);
	int (*get_state)(struct pwm_chip *chip, struct pwm_device *pwm,
			 struct pwm_state *state);
};

/**
 * struct pwm_chip - abstract a PWM controller
 * @dev: device providing the PWMs
 * @ops: callbacks for this PWM controller
 * @owner: module providing this chip
 * @id: unique number of this PWM chip
 * @npwm: number of PWMs controlled by this chip
 * @of_xlate: request a PWM device given a device tree PWM specifier (not called here)
 * @atomic: can the driver's ->apply() be called in atomic context
 * @uses_pwmchip_alloc: signals if pwmchip_allow was used to allocate this chip
 * @operational: signals if the chip can be used (or is already deregistered)
 * @nonatomic_lock: mutex for nonatomic chips
 * @atomic_lock: mutex for atomic chips
 * @pwms: array of PWM devices allocated by the framework
 */
struct pwm_chip {
	struct device dev;
	const struct pwm_ops *ops;
	struct module *owner;
	unsigned int id;
	unsigned int npwm;

	struct pwm_device * (*of_xlate)(struct pwm_chip *chip,
					const struct of_phandle_args *args);
	bool atomic;

	/* only used internally by the PWM framework */
	bool uses_pwmchip_alloc;
	bool operational;
	union {
		/*
		 * depending on the chip being atomic or not either the mutex or the spinlock
		 * is used. It protects .operational and synchronizes the callbacks in .ops
		 */
		struct mutex nonatomic_lock;
		spinlock_t atomic_lock;
	};
	struct pwm_device pwms[] __counted_by(npwm);
};

static inline struct device *pwmchip_parent(const struct pwm_chip *chip)
{
	return chip->dev.parent;
}

static inline void *pwmchip_get_drvdata(struct pwm_chip *chip)
{
	return dev_get_drvdata(&chip->dev);
}

static inline void pwmchip_set_drvdata(struct pwm_chip *chip, void *data)
{
	dev_set_drvdata(&chip->dev, data);
}

/* PWM consumer APIs (in-band: EVL has no out-of-band PWM call) */
int pwm_apply_might_sleep(struct pwm_device *pwm, const struct pwm_state *state)
	__evlsim_ksym(pwm_apply_might_sleep);
int pwm_apply_atomic(struct pwm_device *pwm, const struct pwm_state *state)
	__evlsim_ksym(pwm_apply_atomic);
int pwm_adjust_config(struct pwm_device *pwm) __evlsim_ksym(pwm_adjust_config);

/**
 * pwm_config() - change a PWM device configuration
 * @pwm: PWM device
 * @duty_ns: "on" time (in nanoseconds)
 * @period_ns: duration (in nanoseconds) of one cycle
 *
 * Returns: 0 on success or a negative error code on failure.
 */
static inline int pwm_config(struct pwm_device *pwm, int duty_ns, int period_ns)
{
	struct pwm_state state;

	if (!pwm)
		return -EINVAL;

	if (duty_ns < 0 || period_ns < 0)
		return -EINVAL;

	pwm_get_state(pwm, &state);
	if (state.duty_cycle == (u64)duty_ns && state.period == (u64)period_ns)
		return 0;

	state.duty_cycle = duty_ns;
	state.period = period_ns;
	return pwm_apply_might_sleep(pwm, &state);
}

/**
 * pwm_enable() - start a PWM output toggling
 * @pwm: PWM device
 *
 * Returns: 0 on success or a negative error code on failure.
 */
static inline int pwm_enable(struct pwm_device *pwm)
{
	struct pwm_state state;

	if (!pwm)
		return -EINVAL;

	pwm_get_state(pwm, &state);
	if (state.enabled)
		return 0;

	state.enabled = true;
	return pwm_apply_might_sleep(pwm, &state);
}

/**
 * pwm_disable() - stop a PWM output toggling
 * @pwm: PWM device
 */
static inline void pwm_disable(struct pwm_device *pwm)
{
	struct pwm_state state;

	if (!pwm)
		return;

	pwm_get_state(pwm, &state);
	if (!state.enabled)
		return;

	state.enabled = false;
	pwm_apply_might_sleep(pwm, &state);
}

/**
 * pwm_might_sleep() - is pwm_apply_atomic() supported?
 * @pwm: PWM device
 *
 * Returns: false if pwm_apply_atomic() can be called from atomic context.
 */
static inline bool pwm_might_sleep(struct pwm_device *pwm)
{
	return !pwm->chip->atomic;
}

/* PWM provider APIs */
int pwm_capture(struct pwm_device *pwm, struct pwm_capture *result, unsigned long timeout)
	__evlsim_ksym(pwm_capture);

void pwmchip_put(struct pwm_chip *chip) __evlsim_ksym(pwmchip_put);
struct pwm_chip *pwmchip_alloc(struct device *parent, unsigned int npwm, size_t sizeof_priv)
	__evlsim_ksym(pwmchip_alloc);
struct pwm_chip *devm_pwmchip_alloc(struct device *parent, unsigned int npwm,
				    size_t sizeof_priv)
	__evlsim_ksym(devm_pwmchip_alloc);

int __pwmchip_add(struct pwm_chip *chip, struct module *owner) __evlsim_ksym(__pwmchip_add);
void pwmchip_remove(struct pwm_chip *chip) __evlsim_ksym(pwmchip_remove);
int __devm_pwmchip_add(struct device *dev, struct pwm_chip *chip, struct module *owner)
	__evlsim_ksym(__devm_pwmchip_add);

struct pwm_device *pwm_get(struct device *dev, const char *con_id) __evlsim_ksym(pwm_get);
void pwm_put(struct pwm_device *pwm) __evlsim_ksym(pwm_put);
struct pwm_device *devm_pwm_get(struct device *dev, const char *con_id)
	__evlsim_ksym(devm_pwm_get);
struct pwm_device *devm_fwnode_pwm_get(struct device *dev, struct fwnode_handle *fwnode,
				       const char *con_id)
	__evlsim_ksym(devm_fwnode_pwm_get);

/* module code: chips, their memory and requested PWMs are charged to the calling module */
#define pwmchip_alloc(...)	__evlsim_owned(pwmchip_alloc(__VA_ARGS__))
#define devm_pwmchip_alloc(...)	__evlsim_owned(devm_pwmchip_alloc(__VA_ARGS__))
#define __pwmchip_add(...)	__evlsim_owned(__pwmchip_add(__VA_ARGS__))
#define __devm_pwmchip_add(...)	__evlsim_owned(__devm_pwmchip_add(__VA_ARGS__))
#define pwm_get(...)		__evlsim_owned(pwm_get(__VA_ARGS__))
#define devm_pwm_get(...)	__evlsim_owned(devm_pwm_get(__VA_ARGS__))
#define devm_fwnode_pwm_get(...) __evlsim_owned(devm_fwnode_pwm_get(__VA_ARGS__))

#define pwmchip_add(chip) __pwmchip_add(chip, THIS_MODULE)
#define devm_pwmchip_add(dev, chip) __devm_pwmchip_add(dev, chip, THIS_MODULE)

static inline void pwm_apply_args(struct pwm_device *pwm)
{
	struct pwm_state state = { };

	/*
	 * PWM users calling pwm_apply_args() expect to have a fresh config where the
	 * polarity and period are set according to pwm_args info. The problem is, polarity
	 * can only be changed when the PWM is disabled.
	 */
	state.enabled = false;
	state.polarity = pwm->args.polarity;
	state.period = pwm->args.period;
	state.usage_power = false;

	pwm_apply_might_sleep(pwm, &state);
}

struct pwm_lookup {
	struct list_head list;
	const char *provider;
	unsigned int index;
	const char *dev_id;
	const char *con_id;
	unsigned int period;
	enum pwm_polarity polarity;
	const char *module; /* optional, may be NULL */
};

#define PWM_LOOKUP_WITH_MODULE(_provider, _index, _dev_id, _con_id,	\
			       _period, _polarity, _module)		\
	{								\
		.provider = _provider,					\
		.index = _index,					\
		.dev_id = _dev_id,					\
		.con_id = _con_id,					\
		.period = _period,					\
		.polarity = _polarity,					\
		.module = _module,					\
	}

#define PWM_LOOKUP(_provider, _index, _dev_id, _con_id, _period, _polarity) \
	PWM_LOOKUP_WITH_MODULE(_provider, _index, _dev_id, _con_id, _period, \
			       _polarity, NULL)

void pwm_add_table(struct pwm_lookup *table, size_t num) __evlsim_ksym(pwm_add_table);
void pwm_remove_table(struct pwm_lookup *table, size_t num) __evlsim_ksym(pwm_remove_table);

#endif
