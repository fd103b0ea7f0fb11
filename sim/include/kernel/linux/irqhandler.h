/* SPDX-License-Identifier: LGPL-2.1-or-later */
/*
 * evlsim shim: linux v6.12 include/linux/irqhandler.h, faithful: the flow handler type.
 */
#ifndef _EVLSIM_LINUX_IRQHANDLER_H
#define _EVLSIM_LINUX_IRQHANDLER_H

struct irq_desc;

typedef void (*irq_flow_handler_t)(struct irq_desc *desc);

#endif
