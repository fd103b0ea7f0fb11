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
	EVLSIM_SP_SLEEP,		/* a thread is about to sleep (the one primitive) */
	EVLSIM_SP_FPUT,			/* a released file just dropped its module reference */
	EVLSIM_SP_CALL_ENTER,		/* a simulated call begins (in-band or oob) */
	EVLSIM_SP_CALL_EXIT,		/* a simulated call ends */
	EVLSIM_SP_OOB_EXIT,		/* an oob handler returned */
	EVLSIM_SP_INBAND_ENTER,		/* an in-band file handler is about to be called */
	EVLSIM_SP_INBAND_EXIT,		/* an in-band file handler returned */
	EVLSIM_SP_PROBE,		/* an oob call is about to publish its file (crossing) */
	EVLSIM_SP_PROBED,		/* ... published it, before it uses it */
	EVLSIM_SP_UNPROBE,		/* ... is about to withdraw the publication */
	EVLSIM_SP_FPUT_RELEASE,		/* the last fput is about to call ->release */
	EVLSIM_SP_WAKE,			/* a thread is about to wake another */
	EVLSIM_SP_LOCK,			/* a driver's lock is about to be taken */
	EVLSIM_SP_UNLOCK,		/* a driver's lock was dropped */
	EVLSIM_SP_TIMER,		/* an EVL timer's handler is about to run */
	EVLSIM_SP_IRQ,			/* an interrupt handler is about to run */
	EVLSIM_SP_WORK,			/* a work item (work, irq_work, EVL work) is about to run */
	EVLSIM_SP_USERCOPY,		/* a copy from or to user memory is about to happen */
	EVLSIM_SP_ALLOC,		/* a driver's allocation is about to happen */
	EVLSIM_SP_FREE,			/* a driver's free is about to happen */
	EVLSIM_SP_ATOMIC,		/* an atomic, READ_ONCE() or WRITE_ONCE() of a driver
					 * built with -DEVLSIM_SCHED_ATOMICS */
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
/* the point of a driver built with -DEVLSIM_SCHED_ATOMICS (linux/compiler.h) */
EVLSIM_EXPORT void evlsim__atomic_point(void);
extern int evlsim__sched_points_on EVLSIM_HIDDEN;
void evlsim__fault_sched_point(int sp, const void *site);
/*
 * Out of line (core/thread.c): the hook and the delay site, under the FPU guard (they are
 * foreign code to a driver's FPU section), never nested in themselves (a delay's
 * nanosleep() is a simulated call, whose entry is a point).
 */
void evlsim__sched_point_hit(enum evlsim_sched_point sp) __attribute__((__noinline__));
static inline void evlsim__sched_point(enum evlsim_sched_point sp)
{
	if (evlsim_likely(!__atomic_load_n(&evlsim__sched_points_on, __ATOMIC_RELAXED)))
		return;
	evlsim__sched_point_hit(sp);
}

/* @call, a driver's in-band file handler (read, write, ioctl, mmap, open, ...), between
 * its two points */
#define EVLSIM_SCHED_HANDLER(call)						\
	({									\
		__typeof__(call) sched_handler_ret__;				\
										\
		evlsim__sched_point(EVLSIM_SP_INBAND_ENTER);			\
		sched_handler_ret__ = (call);					\
		evlsim__sched_point(EVLSIM_SP_INBAND_EXIT);			\
		sched_handler_ret__;						\
	})

#endif /* _EVLSIM_SIM_CORE_SCHED_H */
