/* SPDX-License-Identifier: LGPL-2.1-or-later */
/*
 * Execution stages and health monitoring (core/stage.c).
 *
 * Shared by both worlds: plain C and compiler builtins only (see core/base.h).
 */
#ifndef _EVLSIM_SIM_CORE_STAGE_H
#define _EVLSIM_SIM_CORE_STAGE_H

#include "core/thread.h"
#include "core/sched.h"

/*
 * Execution stages (core/stage.c). Every demotion goes through evlsim__switch_inband(),
 * every promotion through evlsim__switch_oob() (-ERESTARTSYS: a signal arrived since
 * @sig_entry, the thread's signal count when the call entered).
 */
void evlsim__switch_inband(struct evlsim_thread *t, int cause);
int evlsim__switch_oob(struct evlsim_thread *t, unsigned long sig_entry);
/* The check made on every switch to in-band, set once by the EVL core (EVL kmutexes). */
void evlsim__set_inband_switch_hook(void (*hook)(struct evlsim_thread *t));

/* In-band syscall prologue: an oob EVL thread is demoted (SYSDEMOTE) before an in-band
 * call on a simulated object, as Dovetail does before passing the syscall down. */
void evlsim__inband_syscall_enter(void);

/* Every interposed call is an in-band system call: it first demotes an oob EVL thread. */
static inline void evlsim__inband_call(void)
{
	struct evlsim_thread *t = evlsim__self;

	if (evlsim_unlikely(t && t->stage == EVLSIM_OOB))
		evlsim__inband_syscall_enter();
}

/*
 * Health monitoring. evlsim__hm_notify() records that the calling thread
 * @t must be told of @cause (EVL_HMDIAG_*) through SIGDEBUG, if its mode has EVL_T_HMSIG
 * (the caller checks the EVL_T_WO* bit that gates the cause: switch_inband() checks
 * EVL_T_WOSS, a lock checker would check EVL_T_WOLI for LKDEPEND/LKSLEEP). The signal is
 * queued at the next point where the thread runs no oob call, as the kernel delivers it on
 * the return to user space: the end of the oob call, or the entry of the in-band call that
 * demoted it (evlsim__hm_flush()). One cause is kept at a time, as for any standard
 * signal already pending.
 */
void evlsim__hm_notify(struct evlsim_thread *t, int cause);
void evlsim__hm_flush(struct evlsim_thread *t);
/* user world: queue SIGDEBUG (SIGXCPU, SI_QUEUE, cause | 0xfccf0000) to the caller */

/* The kernel's evl_switch_oob()/evl_switch_inband() for the caller: 0 or -EPERM. */
int evlsim__evl_switch_oob(void);
int evlsim__evl_switch_inband(void);
/* The kernel's evl_in_irq(): in an EVL timer or interrupt handler. */
_Bool evlsim__evl_in_irq(void);

#endif /* _EVLSIM_SIM_CORE_STAGE_H */
