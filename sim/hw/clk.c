// SPDX-License-Identifier: LGPL-2.1-or-later
/*
 * Clocks (kernel world): the stub of <linux/clk.h>. A clock is a small object per
 * clk_get(), its rate read from the device's node ("clock-names" with
 * "assigned-clock-rates", or "clock-frequency"); prepare/enable are counted so that an
 * unbalanced disable WARNs as drivers/clk/clk.c does, and a clock left prepared or
 * enabled at clk_put() is reported. Charged to the calling module (kmalloc).
 */
#include <linux/clk.h>
#include <linux/device.h>
#include <linux/of.h>
#include <linux/slab.h>
#include <linux/string.h>
#include "../kinternal.h"
#include "platform-internal.h"

struct clk {
	struct device *dev;
	const char *con_id;
	unsigned long rate;
	unsigned int prepare_count;
	unsigned int enable_count;
	int lock;
};

/* 0 and the rate, or -ENOENT when @dev has no such clock */
static int lookup_rate(struct device *dev, const char *id, unsigned long *rate)
{
	struct device_node *np = dev ? dev->of_node : NULL;
	u32 r = 0;
	int index = 0;

	if (!np)
		return -ENOENT;
	if (of_property_present(np, "clock-names")) {
		if (id) {
			index = of_property_match_string(np, "clock-names", id);
			if (index < 0)
				return -ENOENT;
		}
		if (of_property_read_u32_index(np, "assigned-clock-rates", index, &r))
			of_property_read_u32(np, "clock-frequency", &r);
	} else if (of_property_read_u32(np, "clock-frequency", &r)) {
		return -ENOENT;
	}
	*rate = r;
	return 0;
}

static struct clk *get_clk(struct device *dev, const char *id, bool optional)
{
	unsigned long rate = 0;
	struct clk *clk;

	evlsim__check_service(EVLSIM_SVC_clk_get);
	if (lookup_rate(dev, id, &rate))
		return optional ? NULL : ERR_PTR(-ENOENT);
	clk = kzalloc(sizeof(*clk), GFP_KERNEL);
	if (!clk)
		return ERR_PTR(-ENOMEM);
	clk->dev = dev;
	clk->con_id = id;
	clk->rate = rate;
	return clk;
}

#undef clk_get
#undef clk_get_optional
struct clk *clk_get(struct device *dev, const char *id)
{
	return get_clk(dev, id, false);
}

struct clk *clk_get_optional(struct device *dev, const char *id)
{
	return get_clk(dev, id, true);
}

void clk_put(struct clk *clk)
{
	if (IS_ERR_OR_NULL(clk))
		return;
	if (clk->enable_count || clk->prepare_count)
		evlsim__report(EVLSIM_REPORT_DRIVER, "clk-unbalanced",
			       "%s: clock '%s' put while still prepared (%u) or enabled (%u)",
			       clk->dev ? dev_name(clk->dev) : "?", clk->con_id ?: "",
			       clk->prepare_count, clk->enable_count);
	kfree(clk);
}

int clk_prepare(struct clk *clk)
{
	if (!clk)
		return 0;
	evlsim__check_service(EVLSIM_SVC_clk_get);
	evlsim__lockword_lock(&clk->lock);
	clk->prepare_count++;
	evlsim__lockword_unlock(&clk->lock);
	return 0;
}

void clk_unprepare(struct clk *clk)
{
	if (IS_ERR_OR_NULL(clk))
		return;
	evlsim__lockword_lock(&clk->lock);
	if (WARN(clk->prepare_count == 0, "%s already unprepared\n", clk->con_id ?: "clk")) {
		evlsim__lockword_unlock(&clk->lock);
		return;
	}
	if (WARN(clk->prepare_count == 1 && clk->enable_count,
		 "%s unprepared while enabled\n", clk->con_id ?: "clk")) {
		evlsim__lockword_unlock(&clk->lock);
		return;
	}
	clk->prepare_count--;
	evlsim__lockword_unlock(&clk->lock);
}

int clk_enable(struct clk *clk)
{
	int ret = 0;

	if (!clk)
		return 0;
	evlsim__lockword_lock(&clk->lock);
	if (WARN(!clk->prepare_count, "Enabling unprepared %s\n", clk->con_id ?: "clk"))
		ret = -ESHUTDOWN;
	else
		clk->enable_count++;
	evlsim__lockword_unlock(&clk->lock);
	return ret;
}

void clk_disable(struct clk *clk)
{
	if (IS_ERR_OR_NULL(clk))
		return;
	evlsim__lockword_lock(&clk->lock);
	if (!WARN(clk->enable_count == 0, "%s already disabled\n", clk->con_id ?: "clk"))
		clk->enable_count--;
	evlsim__lockword_unlock(&clk->lock);
}

unsigned long clk_get_rate(struct clk *clk)
{
	return clk ? __atomic_load_n(&clk->rate, __ATOMIC_RELAXED) : 0;
}

int clk_set_rate(struct clk *clk, unsigned long rate)
{
	if (!clk)
		return 0;
	__atomic_store_n(&clk->rate, rate, __ATOMIC_RELAXED);
	return 0;
}

long clk_round_rate(struct clk *clk, unsigned long rate)
{
	return clk ? (long)rate : 0;
}

bool clk_is_enabled_when_prepared(struct clk *clk)
{
	return false;
}

/* ---- managed forms (drivers/clk/clk-devres.c) ---------------------------------------- */

struct devm_clk_state {
	struct clk *clk;
	void (*exit)(struct clk *clk);
};

static void devm_clk_release(struct device *dev, void *res)
{
	struct devm_clk_state *state = res;

	if (state->exit)
		state->exit(state->clk);
	clk_put(state->clk);
}

static struct clk *__devm_clk_get(struct device *dev, const char *id, bool optional,
				  int (*init)(struct clk *clk), void (*exit)(struct clk *clk))
{
	struct devm_clk_state *state;
	struct clk *clk;
	int ret;

	state = devres_alloc(devm_clk_release, sizeof(*state), GFP_KERNEL);
	if (!state)
		return ERR_PTR(-ENOMEM);
	clk = get_clk(dev, id, optional);
	if (IS_ERR(clk)) {
		ret = PTR_ERR(clk);
		goto err_clk_get;
	}
	if (init) {
		ret = init(clk);
		if (ret)
			goto err_clk_init;
	}
	state->clk = clk;
	state->exit = exit;
	devres_add(dev, state);
	return clk;

err_clk_init:
	clk_put(clk);
err_clk_get:
	devres_free(state);
	return ERR_PTR(ret);
}

#undef devm_clk_get
#undef devm_clk_get_prepared
#undef devm_clk_get_enabled
#undef devm_clk_get_optional
#undef devm_clk_get_optional_prepared
#undef devm_clk_get_optional_enabled

struct clk *devm_clk_get(struct device *dev, const char *id)
{
	return __devm_clk_get(dev, id, false, NULL, NULL);
}

struct clk *devm_clk_get_prepared(struct device *dev, const char *id)
{
	return __devm_clk_get(dev, id, false, clk_prepare, clk_unprepare);
}

struct clk *devm_clk_get_enabled(struct device *dev, const char *id)
{
	return __devm_clk_get(dev, id, false, clk_prepare_enable, clk_disable_unprepare);
}

struct clk *devm_clk_get_optional(struct device *dev, const char *id)
{
	return __devm_clk_get(dev, id, true, NULL, NULL);
}

struct clk *devm_clk_get_optional_prepared(struct device *dev, const char *id)
{
	return __devm_clk_get(dev, id, true, clk_prepare, clk_unprepare);
}

struct clk *devm_clk_get_optional_enabled(struct device *dev, const char *id)
{
	return __devm_clk_get(dev, id, true, clk_prepare_enable, clk_disable_unprepare);
}

static int devm_clk_match(struct device *dev, void *res, void *data)
{
	struct devm_clk_state *state = res;

	return state->clk == data;
}

void devm_clk_put(struct device *dev, struct clk *clk)
{
	WARN_ON(devres_release(dev, devm_clk_release, devm_clk_match, clk));
}
