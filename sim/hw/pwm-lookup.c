// SPDX-License-Identifier: LGPL-2.1-or-later
/*
 * PWM lookup (kernel world), after Linux v6.12 drivers/pwm/core.c: pwm_get() and its
 * managed forms, from the device's "pwms" property when it has a device-tree node
 * (of_pwm_get() with of_pwm_xlate_with_flags()), from the lookup table of board code
 * otherwise (pwm_add_table()); and the module accounting of chips and requested PWMs.
 *
 * "pwms" cells: <chip channel period flags>, "chip" being N of pwmchipN (the simulated
 * device tree has no phandles: GPIO's "-gpios" cells name chips the same way), flags
 * PWM_POLARITY_INVERTED or 0; "pwm-names" gives the con_id of each entry.
 */
#include <linux/kernel.h>
#include <linux/slab.h>
#include <linux/string.h>
#include <linux/of.h>
#include <linux/property.h>
#include <linux/device/devres.h>
#include <linux/pwm.h>
#include "pwm-internal.h"

#define PWM_POLARITY_INVERTED	(1 << 0)	/* dt-bindings/pwm/pwm.h */
#define PWM_CELLS		4

static struct evlsim_mutex pwm_lookup_lock = EVLSIM_MUTEX_INITIALIZER;
static LIST_HEAD(pwm_lookup_list);

/*
 * of_pwm_get(): -EINVAL/-ENODATA (@con_id without "pwm-names", or not in it), -ENOENT (no
 * such entry in "pwms"), -EPROBE_DEFER (its chip is not registered), then as
 * evlsim__pwm_request() (-EINVAL: no such channel).
 */
static struct pwm_device *of_pwm_get(struct device *dev, struct device_node *np,
				     const char *con_id, struct module *acct)
{
	struct pwm_device *pwm;
	u32 cells[PWM_CELLS];
	u32 *all;
	int index = 0, n, err;

	if (con_id) {
		index = of_property_match_string(np, "pwm-names", con_id);
		if (index < 0)
			return ERR_PTR(index);
	}

	n = of_property_count_u32_elems(np, "pwms");
	if (n < 0 || (index + 1) * PWM_CELLS > n) {
		pr_err("%s(): can't parse \"pwms\" property\n", __func__);
		return ERR_PTR(-ENOENT);
	}
	all = kcalloc(n, sizeof(*all), GFP_KERNEL);
	if (!all)
		return ERR_PTR(-ENOMEM);
	err = of_property_read_u32_array(np, "pwms", all, n);
	memcpy(cells, all + index * PWM_CELLS, sizeof(cells));
	kfree(all);
	if (err)
		return ERR_PTR(-ENOENT);

	/* the chip, then of_pwm_xlate_with_flags() */
	pwm = evlsim__pwm_request(cells[0], NULL, cells[1], NULL, acct);
	if (IS_ERR(pwm))
		return pwm;
	pwm->args.period = cells[2];
	pwm->args.polarity = cells[3] & PWM_POLARITY_INVERTED ? PWM_POLARITY_INVERSED :
		PWM_POLARITY_NORMAL;

	/* the label: @con_id, else the entry's name in "pwm-names", else the node's name */
	if (!con_id) {
		err = of_property_read_string_index(np, "pwm-names", index, &con_id);
		if (err < 0)
			con_id = np->name;
	}
	pwm->label = con_id;
	return pwm;
}

/**
 * pwm_add_table() - register PWM device consumers
 * @table: array of consumers to register (kept: board code's static array)
 * @num: number of consumers in table
 */
void pwm_add_table(struct pwm_lookup *table, size_t num)
{
	evlsim__mutex_lock(&pwm_lookup_lock);
	while (num--) {
		list_add_tail(&table->list, &pwm_lookup_list);
		table++;
	}
	evlsim__mutex_unlock(&pwm_lookup_lock);
}

/**
 * pwm_remove_table() - unregister PWM device consumers
 * @table: array of consumers to unregister
 * @num: number of consumers in table
 */
void pwm_remove_table(struct pwm_lookup *table, size_t num)
{
	evlsim__mutex_lock(&pwm_lookup_lock);
	while (num--) {
		list_del(&table->list);
		table++;
	}
	evlsim__mutex_unlock(&pwm_lookup_lock);
}

/* the lookup table: -ENODEV (no entry), -EPROBE_DEFER (no such provider yet) */
static struct pwm_device *table_get(struct device *dev, const char *con_id,
				    struct module *acct)
{
	const char *dev_id = dev ? dev_name(dev) : NULL;
	struct pwm_lookup *p, *chosen = NULL;
	unsigned int best = 0, match;
	struct pwm_device *pwm;

	/*
	 * Fuzzy matching, as the clock framework's: an entry with a NULL id is a wildcard;
	 * the most specific entry wins: dev+con > dev only > con only.
	 */
	evlsim__mutex_lock(&pwm_lookup_lock);
	list_for_each_entry(p, &pwm_lookup_list, list) {
		match = 0;

		if (p->dev_id) {
			if (!dev_id || strcmp(p->dev_id, dev_id))
				continue;
			match += 2;
		}

		if (p->con_id) {
			if (!con_id || strcmp(p->con_id, con_id))
				continue;
			match += 1;
		}

		if (match > best) {
			chosen = p;
			if (match != 3)
				best = match;
			else
				break;
		}
	}
	evlsim__mutex_unlock(&pwm_lookup_lock);

	if (!chosen)
		return ERR_PTR(-ENODEV);

	/* chosen->module is not loaded on demand: a deferred probe does it here */
	if (!chosen->provider)
		return ERR_PTR(-EPROBE_DEFER);
	pwm = evlsim__pwm_request(-1, chosen->provider, chosen->index, con_id ?: dev_id, acct);
	if (IS_ERR(pwm))
		return pwm;

	if (!dev)
		dev_warn(pwmchip_parent(pwm->chip),
			 "No consumer device specified to create a link to\n");

	pwm->args.period = chosen->period;
	pwm->args.polarity = chosen->polarity;
	return pwm;
}

static struct pwm_device *get(struct device *dev, const char *con_id, void *caller)
{
	const struct fwnode_handle *fwnode = dev ? dev_fwnode(dev) : NULL;
	struct module *acct = evlsim__acct_owner(), *prev;
	struct pwm_device *pwm;

	if (unlikely(__atomic_load_n(&evlsim__faults_on, __ATOMIC_RELAXED)) &&
	    evlsim__should_fail_at(EVLSIM_FAULT_PWM_GET, 0, caller))
		return ERR_PTR(-ENODEV);

	/* the PWM is the caller's; the core's memory is the core's */
	prev = evlsim__owner_enter(NULL);
	if (is_of_node(fwnode))
		pwm = of_pwm_get(dev, to_of_node(fwnode), con_id, acct);
	else
		pwm = table_get(dev, con_id, acct);
	evlsim__owner_leave(prev);
	return pwm;
}

/**
 * pwm_get() - look up and request a PWM device
 * @dev: device for PWM consumer
 * @con_id: consumer name
 *
 * A device with a device-tree node: its "pwms" property (with "pwm-names" for @con_id);
 * otherwise the lookup table of pwm_add_table(). Returns the PWM, or ERR_PTR():
 * -ENOENT/-EINVAL/-ENODATA (no such entry in the properties), -ENODEV (no table entry,
 * the chip removed, "fail_pwm_get"), -EPROBE_DEFER (its chip is not registered yet),
 * -EINVAL (no such channel), -EBUSY (requested already), the chip's ->request() error.
 * In-band, may sleep.
 */
struct pwm_device *(pwm_get)(struct device *dev, const char *con_id)
{
	evlsim__check_service(EVLSIM_SVC_pwm_get);
	return get(dev, con_id, __builtin_return_address(0));
}

static void devm_pwm_release(void *pwm)
{
	pwm_put(pwm);
}

/* both devm getters: @pwm (or its error) put when @dev is unbound */
static struct pwm_device *devm_pwm_track(struct device *dev, struct pwm_device *pwm)
{
	int ret;

	if (IS_ERR(pwm))
		return pwm;
	ret = devm_add_action_or_reset(dev, devm_pwm_release, pwm);
	return ret ? ERR_PTR(ret) : pwm;
}

/** devm_pwm_get() - pwm_get(), the PWM put when @dev is unbound */
struct pwm_device *(devm_pwm_get)(struct device *dev, const char *con_id)
{
	evlsim__check_service(EVLSIM_SVC_pwm_get);
	struct pwm_device *pwm;

	pwm = get(dev, con_id, __builtin_return_address(0));
	return devm_pwm_track(dev, pwm);
}

/** devm_fwnode_pwm_get() - devm_pwm_get() from @fwnode (device-tree nodes only) */
struct pwm_device *(devm_fwnode_pwm_get)(struct device *dev, struct fwnode_handle *fwnode,
					 const char *con_id)
{
	evlsim__check_service(EVLSIM_SVC_pwm_get);
	struct module *acct = evlsim__acct_owner(), *prev;
	struct pwm_device *pwm = ERR_PTR(-ENODEV);

	if (unlikely(__atomic_load_n(&evlsim__faults_on, __ATOMIC_RELAXED)) &&
	    evlsim__should_fail_at(EVLSIM_FAULT_PWM_GET, 0, __builtin_return_address(0)))
		return ERR_PTR(-ENODEV);
	if (is_of_node(fwnode)) {
		prev = evlsim__owner_enter(NULL);
		pwm = of_pwm_get(dev, to_of_node(fwnode), con_id, acct);
		evlsim__owner_leave(prev);
	}
	return devm_pwm_track(dev, pwm);
}

/* ---- the module accounting's services ------------------------------------------------------ */

static int pwm_count(struct module *mod)
{
	struct pwm_entry *e;
	unsigned int i;
	int n = 0;

	evlsim__mutex_lock(&evlsim__pwm_lock);
	list_for_each_entry(e, &evlsim__pwm_chips, list)
		for (i = 0; i < e->chip->npwm; i++)
			n += e->dev_acct[i] == mod;
	evlsim__mutex_unlock(&evlsim__pwm_lock);
	return n;
}

static void pwm_leftovers(struct module *mod, const char *when)
{
	struct pwm_device *found;
	struct pwm_entry *e;
	unsigned int i;

	for (;;) {
		found = NULL;
		evlsim__mutex_lock(&evlsim__pwm_lock);
		list_for_each_entry(e, &evlsim__pwm_chips, list) {
			for (i = 0; i < e->chip->npwm && !found; i++)
				if (e->dev_acct[i] == mod)
					found = &e->chip->pwms[i];
			if (found)
				break;
		}
		evlsim__mutex_unlock(&evlsim__pwm_lock);
		if (!found)
			break;
		evlsim__report(EVLSIM_REPORT_LEAK, "module-leak",
			       "%s: %s with PWM %u of pwmchip%u ('%s') still requested; putting it",
			       mod->name, when, found->hwpwm, found->chip->id,
			       found->label ?: "?");
		pwm_put(found);
	}
}

static int pwmchip_count(struct module *mod)
{
	struct pwm_entry *e;
	int n = 0;

	evlsim__mutex_lock(&evlsim__pwm_lock);
	list_for_each_entry(e, &evlsim__pwm_chips, list)
		n += e->acct == mod;
	evlsim__mutex_unlock(&evlsim__pwm_lock);
	return n;
}

static void pwmchip_leftovers(struct module *mod, const char *when)
{
	struct pwm_chip *found;
	struct pwm_entry *e;

	for (;;) {
		found = NULL;
		evlsim__mutex_lock(&evlsim__pwm_lock);
		list_for_each_entry(e, &evlsim__pwm_chips, list)
			if (e->acct == mod) {
				found = e->chip;
				break;
			}
		evlsim__mutex_unlock(&evlsim__pwm_lock);
		if (!found)
			break;
		evlsim__report(EVLSIM_REPORT_LEAK, "module-leak",
			       "%s: %s with PWM chip pwmchip%u still registered; removing it",
			       mod->name, when, found->id);
		pwmchip_remove(found);
	}
}

/* after the platform drivers (25): managed PWMs and chips go with their driver's unbind */
EVLSIM_MODULE_SERVICE(pwms, EVLSIM_ACCT_PWMS, 26, pwm_count, pwm_leftovers);
EVLSIM_MODULE_SERVICE(pwmchips, EVLSIM_ACCT_PWM_CHIPS, 27, pwmchip_count, pwmchip_leftovers);
