/* SPDX-License-Identifier: LGPL-2.1-or-later */
/*
 * Scheduling points (core/thread.c, core/fault.c).
 *
 * Shared by both worlds: plain C and compiler builtins only (see core/base.h).
 */
#ifndef _EVLSIM_SIM_CORE_SCHED_H
#define _EVLSIM_SIM_CORE_SCHED_H

#include "core/base.h"

/* ---------------------------------------------------------------------------------------
 * Scheduling points: places where the simulator may yield, inject a delay, or where a
 * white-box test may hook in. Cheap when nothing is hooked.
 */
enum evlsim_sched_point {
	EVLSIM_SP_SWITCH_OOB,		/* an in-band EVL thread is about to switch oob */
	EVLSIM_SP_SWITCH_INBAND,	/* an oob thread is about to switch in-band */
	EVLSIM_SP_OOB_ENTER,		/* an oob handler is about to be called */
	EVLSIM_SP_RELEASE,		/* evl_release_file() is about to wait */
	EVLSIM_SP_SLEEP,		/* a thread is about to sleep on an EVL wait queue */
	EVLSIM_SP_FPUT,			/* a released file just dropped its module reference */
	EVLSIM_SP_NR,
};
/*
 * White-box tests install a hook called at every scheduling point; the "delay" fault site
 * acts there too. While anything does (evlsim__sched_points_on, one bit each), the oob fast
 * path, which has no scheduling point, steps aside for the general path.
 */
#define EVLSIM_SP_ON_HOOK	1	/* evlsim__set_sched_hook() */
#define EVLSIM_SP_ON_DELAY	2	/* fault.c: the "delay" site is configured */
EVLSIM_EXPORT void evlsim__set_sched_hook(void (*hook)(enum evlsim_sched_point sp));
extern void (*evlsim__sched_hook)(enum evlsim_sched_point sp) EVLSIM_HIDDEN;
extern int evlsim__sched_points_on EVLSIM_HIDDEN;
void evlsim__fault_sched_point(int sp);
static inline void evlsim__sched_point(enum evlsim_sched_point sp)
{
	void (*hook)(enum evlsim_sched_point);
	int on = __atomic_load_n(&evlsim__sched_points_on, __ATOMIC_RELAXED);

	if (evlsim_likely(!on))
		return;
	hook = __atomic_load_n(&evlsim__sched_hook, __ATOMIC_ACQUIRE);
	if (hook)
		hook(sp);
	if (on & EVLSIM_SP_ON_DELAY)
		evlsim__fault_sched_point((int)sp);
}

#endif /* _EVLSIM_SIM_CORE_SCHED_H */
