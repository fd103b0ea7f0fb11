/* SPDX-License-Identifier: LGPL-2.1-or-later */
/*
 * evlsim shim: linux v6.12 + Dovetail include/linux/irqflags.h, custom: the hard irq
 * state (CPU interrupts) is a per-thread flag of the simulator, set by
 * hard_local_irq_save()/disable() and by taking a hard spinlock; the in-band (virtual)
 * irq state of local_irq_*() is a no-op, as nothing preempts a simulated thread.
 */
#ifndef _EVLSIM_LINUX_IRQFLAGS_H
#define _EVLSIM_LINUX_IRQFLAGS_H

#include <linux/types.h>

__evlsim_export unsigned long evlsim__hard_irq_save(void);
__evlsim_export void evlsim__hard_irq_restore(unsigned long flags);
__evlsim_export bool evlsim__hard_irqs_disabled(void);

static inline unsigned long hard_local_irq_save(void)
{
	return evlsim__hard_irq_save();
}

static inline void hard_local_irq_restore(unsigned long flags)
{
	evlsim__hard_irq_restore(flags);
}

static inline void hard_local_irq_disable(void)
{
	(void)evlsim__hard_irq_save();
}

static inline void hard_local_irq_enable(void)
{
	evlsim__hard_irq_restore(0);
}

static inline unsigned long hard_local_save_flags(void)
{
	return evlsim__hard_irqs_disabled();
}

static inline bool hard_irqs_disabled(void)
{
	return evlsim__hard_irqs_disabled();
}

#define local_irq_save(flags)		do { (flags) = 0; } while (0)
#define local_irq_restore(flags)	do { (void)(flags); } while (0)
#define local_irq_disable()		do { } while (0)
#define local_irq_enable()		do { } while (0)
#define local_save_flags(flags)		do { (flags) = 0; } while (0)
#define irqs_disabled()			0

#endif
