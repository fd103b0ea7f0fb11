/* SPDX-License-Identifier: LGPL-2.1-or-later */
/*
 * evlsim shim: linux-evl include/evl/assert.h, the part drivers use: the printk prefixes
 * of the EVL core and EVL_WARN_ON(). Faithful for the prefixes; EVL_WARN_ON() ignores
 * its subsystem (the kernel's CONFIG_EVL_DEBUG_<subsys> switches) and is WARN_ON().
 */
#ifndef _EVLSIM_EVL_ASSERT_H
#define _EVLSIM_EVL_ASSERT_H

#include <linux/kconfig.h>
#include <linux/printk.h>
#include <linux/bug.h>

#define EVL_INFO	KERN_INFO    "EVL: "
#define EVL_WARNING	KERN_WARNING "EVL: "
#define EVL_ERR		KERN_ERR     "EVL: "

#define EVL_WARN_ON(__subsys, __cond)		WARN_ON(__cond)

#endif /* _EVLSIM_EVL_ASSERT_H */
