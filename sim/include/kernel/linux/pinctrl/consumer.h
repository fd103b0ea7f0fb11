/* SPDX-License-Identifier: LGPL-2.1-or-later */
/*
 * evlsim shim: linux v6.12 include/linux/pinctrl/consumer.h, stub: what the kernel
 * provides without CONFIG_PINCTRL (every call succeeds and does nothing; lookups give
 * NULL, which the other calls accept).
 */
#ifndef _EVLSIM_LINUX_PINCTRL_CONSUMER_H
#define _EVLSIM_LINUX_PINCTRL_CONSUMER_H

#include <linux/err.h>
#include <linux/types.h>

struct device;
struct pinctrl;
struct pinctrl_state;

#define PINCTRL_STATE_DEFAULT "default"
#define PINCTRL_STATE_INIT "init"
#define PINCTRL_STATE_IDLE "idle"
#define PINCTRL_STATE_SLEEP "sleep"

static inline struct pinctrl *pinctrl_get(struct device *dev) { return NULL; }
static inline void pinctrl_put(struct pinctrl *p) { }
static inline struct pinctrl *devm_pinctrl_get(struct device *dev) { return NULL; }
static inline void devm_pinctrl_put(struct pinctrl *p) { }
static inline struct pinctrl_state *pinctrl_lookup_state(struct pinctrl *p,
							 const char *name)
{
	return NULL;
}
static inline int pinctrl_select_state(struct pinctrl *p, struct pinctrl_state *s)
{
	return 0;
}
static inline struct pinctrl *pinctrl_get_select(struct device *dev, const char *name)
{
	return NULL;
}
static inline struct pinctrl *pinctrl_get_select_default(struct device *dev)
{
	return NULL;
}
static inline struct pinctrl *devm_pinctrl_get_select(struct device *dev, const char *name)
{
	return NULL;
}
static inline struct pinctrl *devm_pinctrl_get_select_default(struct device *dev)
{
	return NULL;
}
static inline int pinctrl_select_default_state(struct device *dev) { return 0; }
static inline int pinctrl_pm_select_default_state(struct device *dev) { return 0; }
static inline int pinctrl_pm_select_sleep_state(struct device *dev) { return 0; }
static inline int pinctrl_pm_select_idle_state(struct device *dev) { return 0; }
struct gpio_chip;
static inline int pinctrl_gpio_request(struct gpio_chip *gc, unsigned int offset)
{
	return 0;
}
static inline void pinctrl_gpio_free(struct gpio_chip *gc, unsigned int offset) { }

#endif
