/* SPDX-License-Identifier: LGPL-2.1-or-later */
/*
 * evlsim shim: the context predicates of linux v6.12 include/linux/preempt.h that
 * include/linux/hardirq.h brings in: in_interrupt(), in_hardirq() (in_irq()), in_task(),
 * in_nmi().
 *
 * Custom: there is no preempt count. The calling thread is in hard interrupt context
 * while it runs an interrupt handler of the simulator: an out-of-band device handler or
 * EVL timer handler (evl_in_irq()), or an in-band (primary) device handler; a threaded
 * handler runs in task context, as in the kernel. There are no softirqs nor NMIs.
 */
#ifndef _EVLSIM_LINUX_HARDIRQ_H
#define _EVLSIM_LINUX_HARDIRQ_H

#include <linux/types.h>

bool evlsim__in_hardirq(void) __evlsim_export;

#define in_hardirq()		evlsim__in_hardirq()
#define in_irq()		in_hardirq()
#define in_interrupt()		in_hardirq()
#define in_softirq()		0
#define in_serving_softirq()	0
#define in_nmi()		0
#define in_task()		(!in_hardirq())

#endif
