/* SPDX-License-Identifier: LGPL-2.1-or-later */
/*
 * evlsim shim: linux-evl v6.12 include/linux/irq.h (K @03cf6fd), the trigger types and
 * the calls a device driver makes on its line: irq_set_irq_type(),
 * irq_get_trigger_type(). Values and signatures are the kernel's.
 *
 * Custom: every line is the simulator's, behind one pipeline-safe chip that accepts each
 * trigger type of IRQ_TYPE_SENSE_MASK but a mix of level and edge, or of both levels;
 * irq chips, flow handlers and irq domains are not provided (a later step: GPIO).
 * irq_get_trigger_type() is a function here, an inline in the kernel.
 */
#ifndef _EVLSIM_LINUX_IRQ_H
#define _EVLSIM_LINUX_IRQ_H

#include <linux/types.h>
#include <linux/irqreturn.h>
#include <linux/irqstage.h>
#include <linux/interrupt.h>

enum {
	IRQ_TYPE_NONE		= 0x00000000,
	IRQ_TYPE_EDGE_RISING	= 0x00000001,
	IRQ_TYPE_EDGE_FALLING	= 0x00000002,
	IRQ_TYPE_EDGE_BOTH	= (IRQ_TYPE_EDGE_FALLING | IRQ_TYPE_EDGE_RISING),
	IRQ_TYPE_LEVEL_HIGH	= 0x00000004,
	IRQ_TYPE_LEVEL_LOW	= 0x00000008,
	IRQ_TYPE_LEVEL_MASK	= (IRQ_TYPE_LEVEL_LOW | IRQ_TYPE_LEVEL_HIGH),
	IRQ_TYPE_SENSE_MASK	= 0x0000000f,
	IRQ_TYPE_DEFAULT	= IRQ_TYPE_SENSE_MASK,
	IRQ_TYPE_PROBE		= 0x00000010,
};

/* the irq chip flag a chip driver sets once its callbacks are safe from the oob stage */
#define IRQCHIP_PIPELINE_SAFE	(1 << 13)

int irq_set_irq_type(unsigned int irq, unsigned int type) __evlsim_ksym(irq_set_irq_type);
u32 irq_get_trigger_type(unsigned int irq) __evlsim_ksym(irq_get_trigger_type);

#endif
