/* SPDX-License-Identifier: LGPL-2.1-or-later */
/*
 * evlsim shim: linux v6.12 include/linux/clk.h, stub with the kernel's signatures. A
 * simulated device has clocks when its node has a "clock-frequency" property (one clock,
 * any id) or "clock-names" (the ids it has, with their rates at the same index of
 * "assigned-clock-rates", else "clock-frequency", else 0). clk_get() of a clock the device
 * lacks gives -ENOENT (the _optional forms: NULL, a clock that does nothing).
 * clk_set_rate() records the rate; prepare/enable are counted, and an unbalanced
 * disable/unprepare WARNs as the clock framework does. No tree, no parents.
 */
#ifndef _EVLSIM_LINUX_CLK_H
#define _EVLSIM_LINUX_CLK_H

#include <linux/err.h>
#include <linux/kernel.h>

struct device;
struct clk;
struct device_node;

struct clk *clk_get(struct device *dev, const char *id) __evlsim_ksym(clk_get);
struct clk *clk_get_optional(struct device *dev, const char *id)
	__evlsim_ksym(clk_get_optional);
void clk_put(struct clk *clk) __evlsim_ksym(clk_put);
struct clk *devm_clk_get(struct device *dev, const char *id) __evlsim_ksym(devm_clk_get);
struct clk *devm_clk_get_prepared(struct device *dev, const char *id)
	__evlsim_ksym(devm_clk_get_prepared);
struct clk *devm_clk_get_enabled(struct device *dev, const char *id)
	__evlsim_ksym(devm_clk_get_enabled);
struct clk *devm_clk_get_optional(struct device *dev, const char *id)
	__evlsim_ksym(devm_clk_get_optional);
struct clk *devm_clk_get_optional_prepared(struct device *dev, const char *id)
	__evlsim_ksym(devm_clk_get_optional_prepared);
struct clk *devm_clk_get_optional_enabled(struct device *dev, const char *id)
	__evlsim_ksym(devm_clk_get_optional_enabled);
void devm_clk_put(struct device *dev, struct clk *clk) __evlsim_ksym(devm_clk_put);

#define clk_get(dev, id)		__evlsim_owned(clk_get(dev, id))
#define clk_get_optional(dev, id)	__evlsim_owned(clk_get_optional(dev, id))
#define devm_clk_get(dev, id)		__evlsim_owned(devm_clk_get(dev, id))
#define devm_clk_get_prepared(dev, id)	__evlsim_owned(devm_clk_get_prepared(dev, id))
#define devm_clk_get_enabled(dev, id)	__evlsim_owned(devm_clk_get_enabled(dev, id))
#define devm_clk_get_optional(dev, id)	__evlsim_owned(devm_clk_get_optional(dev, id))
#define devm_clk_get_optional_prepared(dev, id) \
	__evlsim_owned(devm_clk_get_optional_prepared(dev, id))
#define devm_clk_get_optional_enabled(dev, id) \
	__evlsim_owned(devm_clk_get_optional_enabled(dev, id))

int clk_prepare(struct clk *clk) __evlsim_ksym(clk_prepare);
void clk_unprepare(struct clk *clk) __evlsim_ksym(clk_unprepare);
int clk_enable(struct clk *clk) __evlsim_ksym(clk_enable);
void clk_disable(struct clk *clk) __evlsim_ksym(clk_disable);
unsigned long clk_get_rate(struct clk *clk) __evlsim_ksym(clk_get_rate);
int clk_set_rate(struct clk *clk, unsigned long rate) __evlsim_ksym(clk_set_rate);
long clk_round_rate(struct clk *clk, unsigned long rate) __evlsim_ksym(clk_round_rate);
bool clk_is_enabled_when_prepared(struct clk *clk)
	__evlsim_ksym(clk_is_enabled_when_prepared);

static inline int clk_prepare_enable(struct clk *clk)
{
	int ret;

	ret = clk_prepare(clk);
	if (ret)
		return ret;
	ret = clk_enable(clk);
	if (ret)
		clk_unprepare(clk);

	return ret;
}

static inline void clk_disable_unprepare(struct clk *clk)
{
	clk_disable(clk);
	clk_unprepare(clk);
}

#endif
