/* SPDX-License-Identifier: LGPL-2.1-or-later */
/* evlsim shim: linux v6.12 include/linux/pinctrl/devinfo.h, stub (no CONFIG_PINCTRL). */
#ifndef _EVLSIM_LINUX_PINCTRL_DEVINFO_H
#define _EVLSIM_LINUX_PINCTRL_DEVINFO_H

struct device;

static inline int pinctrl_bind_pins(struct device *dev) { return 0; }
static inline int pinctrl_init_done(struct device *dev) { return 0; }

#endif
