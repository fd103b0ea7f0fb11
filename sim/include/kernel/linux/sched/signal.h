/* SPDX-License-Identifier: LGPL-2.1-or-later */
/*
 * evlsim shim: linux v6.12 include/linux/sched/signal.h, the part drivers use;
 * custom re-implementation.
 *
 * A signal is pending on a task from its arrival until the task's return to user space
 * runs its handler: the simulator runs handlers at the end of the simulated call a signal
 * arrived in (sim/core/sigdefer.h), so a task has a signal pending while a handler waits
 * for that end. A signal with no handler either kills the process (SIGKILL included: no
 * task of a live process ever has a fatal signal pending) or is ignored, and is never
 * pending. Kernel threads take no signals.
 */
#ifndef _EVLSIM_LINUX_SCHED_SIGNAL_H
#define _EVLSIM_LINUX_SCHED_SIGNAL_H

#include <linux/sched.h>

/**
 * signal_pending - whether @p has a signal pending
 * @p: the task (current, in practice)
 *
 * Returns 1 when a signal arrived on @p whose handler has not run yet, else 0.
 */
int signal_pending(struct task_struct *p) __evlsim_ksym(signal_pending);

/**
 * fatal_signal_pending - whether @p has SIGKILL pending: never, in a live process
 * @p: the task
 */
static inline int fatal_signal_pending(struct task_struct *p)
{
	(void)p;
	return 0;
}

/**
 * signal_pending_state - whether a sleep in @state of @p is to end for a signal
 * @state: the task state of the sleep (TASK_INTERRUPTIBLE, TASK_KILLABLE...)
 * @p: the task
 */
static inline int signal_pending_state(unsigned int state, struct task_struct *p)
{
	if (!(state & (TASK_INTERRUPTIBLE | TASK_WAKEKILL)))
		return 0;
	if (!signal_pending(p))
		return 0;
	return (state & TASK_INTERRUPTIBLE) || fatal_signal_pending(p);
}

#endif /* _EVLSIM_LINUX_SCHED_SIGNAL_H */
