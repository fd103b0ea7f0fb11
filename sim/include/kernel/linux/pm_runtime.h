/* SPDX-License-Identifier: LGPL-2.1-or-later */
/*
 * evlsim shim: linux v6.12 include/linux/pm_runtime.h, stub with the kernel's
 * signatures: every device is always active. The calls return what the kernel returns
 * for an active device whose runtime PM needs nothing done (0, or 1 where the kernel says
 * "already active" / "already in that state"), and never call the driver's runtime
 * callbacks. Not counted: a get without a put is not reported.
 */
#ifndef _EVLSIM_LINUX_PM_RUNTIME_H
#define _EVLSIM_LINUX_PM_RUNTIME_H

#include <linux/device.h>
#include <linux/pm.h>

static inline void pm_runtime_enable(struct device *dev) { }
static inline void pm_runtime_disable(struct device *dev) { }
static inline int devm_pm_runtime_enable(struct device *dev) { return 0; }
static inline void pm_runtime_forbid(struct device *dev) { }
static inline void pm_runtime_allow(struct device *dev) { }
static inline void pm_runtime_get_noresume(struct device *dev) { }
static inline void pm_runtime_put_noidle(struct device *dev) { }
static inline int pm_runtime_get(struct device *dev) { return 1; }
static inline int pm_runtime_get_sync(struct device *dev) { return 1; }
static inline int pm_runtime_resume_and_get(struct device *dev) { return 0; }
static inline int pm_runtime_get_if_active(struct device *dev) { return 1; }
static inline int pm_runtime_get_if_in_use(struct device *dev) { return 1; }
static inline int pm_runtime_put(struct device *dev) { return 0; }
static inline int pm_runtime_put_sync(struct device *dev) { return 0; }
static inline int pm_runtime_put_autosuspend(struct device *dev) { return 0; }
static inline int pm_runtime_put_sync_autosuspend(struct device *dev) { return 0; }
static inline int pm_runtime_put_sync_suspend(struct device *dev) { return 0; }
static inline int pm_runtime_idle(struct device *dev) { return 0; }
static inline int pm_runtime_suspend(struct device *dev) { return 0; }
static inline int pm_runtime_autosuspend(struct device *dev) { return 0; }
static inline int pm_runtime_resume(struct device *dev) { return 1; }
static inline int pm_request_idle(struct device *dev) { return 0; }
static inline int pm_request_resume(struct device *dev) { return 1; }
static inline int pm_request_autosuspend(struct device *dev) { return 0; }
static inline int pm_runtime_set_active(struct device *dev) { return 0; }
static inline int pm_runtime_set_suspended(struct device *dev) { return 0; }
static inline void pm_runtime_mark_last_busy(struct device *dev) { }
static inline void pm_runtime_use_autosuspend(struct device *dev) { }
static inline void pm_runtime_dont_use_autosuspend(struct device *dev) { }
static inline void pm_runtime_set_autosuspend_delay(struct device *dev, int delay) { }
static inline void pm_runtime_irq_safe(struct device *dev) { }
static inline void pm_runtime_no_callbacks(struct device *dev) { }
static inline bool pm_runtime_active(struct device *dev) { return true; }
static inline bool pm_runtime_suspended(struct device *dev) { return false; }
static inline bool pm_runtime_status_suspended(struct device *dev) { return false; }
static inline bool pm_runtime_enabled(struct device *dev) { return false; }
static inline int pm_runtime_barrier(struct device *dev) { return 0; }
static inline int pm_runtime_force_suspend(struct device *dev) { return 0; }
static inline int pm_runtime_force_resume(struct device *dev) { return 0; }

#endif
