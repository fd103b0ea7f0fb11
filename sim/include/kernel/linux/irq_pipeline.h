/* SPDX-License-Identifier: LGPL-2.1-or-later */
/*
 * evlsim shim: Dovetail's include/linux/irq_pipeline.h (D @1627259), the one call a
 * driver makes: irq_inject_pipeline(). The stage and log calls are in
 * linux/irqstage.h.
 *
 * Custom: a "CPU" is the calling thread; see sim/hw/irq-flow.c and docs/api/irq.md.
 */
#ifndef _EVLSIM_LINUX_IRQ_PIPELINE_H
#define _EVLSIM_LINUX_IRQ_PIPELINE_H

#include <linux/interrupt.h>
#include <linux/irqstage.h>

/* Injects @irq as if the hardware raised it on this CPU: 0, or -EINVAL (no such line) */
int irq_inject_pipeline(unsigned int irq) __evlsim_ksym(irq_inject_pipeline);

#endif
