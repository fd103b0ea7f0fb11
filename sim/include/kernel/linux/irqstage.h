/* SPDX-License-Identifier: LGPL-2.1-or-later */
/*
 * evlsim shim: the stage predicates of Dovetail's include/linux/irqstage.h.
 *
 * Custom: the stage is the calling thread's (evlsim_thread->stage): out-of-band for an EVL
 * thread that switched oob (user threads in oob syscalls, EVL kthreads, the timer CPU),
 * and for any thread while it runs an out-of-band interrupt handler; in-band otherwise.
 *
 * Also the interrupt log calls of Dovetail's irqstage.h (K @6cf509c): irq_post_inband(),
 * irq_post_oob() and the oob stall: oob_irq_disable(), oob_irq_enable(), oob_irq_save(),
 * oob_irq_restore(), oob_irqs_disabled(). The "CPU" is the calling thread: its oob stall
 * bit is its own, and an interrupt logged for it is taken when its hard irqs are back on
 * (sim/hw/irq-flow.c). irq_post_inband() queues the in-band pass to the in-band IRQ
 * thread (sim/hw/irq-cpu.c).
 */
#ifndef _EVLSIM_LINUX_IRQSTAGE_H
#define _EVLSIM_LINUX_IRQSTAGE_H

#include <linux/types.h>

__evlsim_export bool evlsim__stage_is_oob(void);

static inline bool running_oob(void)
{
	return evlsim__stage_is_oob();
}

static inline bool running_inband(void)
{
	return !evlsim__stage_is_oob();
}

void evlsim__irq_post(unsigned int irq, bool oob) __evlsim_export;
int evlsim__oob_stall(int op) __evlsim_export;

/* Marks @irq pending for the in-band stage; the caller must have hard irqs off. */
static inline void irq_post_inband(unsigned int irq)
{
	evlsim__irq_post(irq, false);
}

/* Marks @irq pending for this CPU's stalled oob stage; hard irqs must be off. */
static inline void irq_post_oob(unsigned int irq)
{
	evlsim__irq_post(irq, true);
}

static inline void oob_irq_disable(void)
{
	(void)evlsim__oob_stall(1);
}

static inline unsigned long oob_irq_save(void)
{
	return (unsigned long)evlsim__oob_stall(1);
}

static inline int oob_irqs_disabled(void)
{
	return evlsim__oob_stall(0);
}

static inline void oob_irq_enable(void)
{
	(void)evlsim__oob_stall(2);
}

static inline void oob_irq_restore(unsigned long x)
{
	if ((x ^ (unsigned long)evlsim__oob_stall(0)) & 1)
		(void)evlsim__oob_stall(x ? 1 : 2);
}

#endif
