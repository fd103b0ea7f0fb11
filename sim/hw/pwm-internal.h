/* SPDX-License-Identifier: LGPL-2.1-or-later */
/*
 * PWM core (kernel world): what pwm.c, pwm-lookup.c and pwm-sim.c share.
 */
#ifndef _EVLSIM_HW_PWM_INTERNAL_H
#define _EVLSIM_HW_PWM_INTERNAL_H

#include <linux/list.h>
#include <linux/pwm.h>
#include "kinternal.h"

#define EVLSIM_PWM_NR_IDS	64

/*
 * struct pwm_entry - a registered chip (the kernel's IDR of chips)
 * @list: in evlsim__pwm_chips
 * @chip: the chip
 * @acct: the module that registered it (__pwmchip_add() in its code)
 * @dev_acct: per channel, the module that requested it (NULL: free, or the simulator)
 */
struct pwm_entry {
	struct list_head list;
	struct pwm_chip *chip;
	struct module *acct;
	struct module *dev_acct[];
};

extern struct evlsim_mutex evlsim__pwm_lock;
extern struct list_head evlsim__pwm_chips;

struct pwm_entry *evlsim__pwm_entry(const struct pwm_chip *chip);
struct pwm_device *evlsim__pwm_request(int id, const char *name, unsigned int index,
				       const char *label, struct module *acct);

#endif
