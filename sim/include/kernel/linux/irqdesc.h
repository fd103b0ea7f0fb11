/* SPDX-License-Identifier: LGPL-2.1-or-later */
/*
 * evlsim shim: linux v6.12 include/linux/irqdesc.h, custom: the interrupt descriptor a
 * chip driver's flow handler receives, with the fields and accessors drivers use
 * (irq_data, the flow handler, the handler data, the name). The simulator keeps the
 * rest of a line's state (actions, depth, pending events) in its own line structure
 * (sim/hw/irq-internal.h); desc->action is not provided.
 */
#ifndef _EVLSIM_LINUX_IRQDESC_H
#define _EVLSIM_LINUX_IRQDESC_H

#include <linux/types.h>
#include <linux/irqhandler.h>

struct irq_chip;
struct irq_domain;
struct irq_data;

/**
 * struct irq_common_data - per irq data shared by all irqchips (subset)
 * @state_use_accessors: status information for irq chip functions
 * @handler_data: per-IRQ data for the irq_chip methods (irq_set_handler_data())
 */
struct irq_common_data {
	unsigned int		state_use_accessors;
	void			*handler_data;
};

/**
 * struct irq_data - per irq chip data passed down to chip functions (subset)
 * @mask: precomputed bitmask for accessing the chip registers
 * @irq: interrupt number
 * @hwirq: hardware interrupt number, local to the interrupt domain
 * @common: point to data shared by all irqchips
 * @chip: low level interrupt hardware access
 * @domain: Interrupt translation domain; responsible for mapping between hwirq number
 *	and linux irq number.
 * @parent_data: pointer to parent struct irq_data (hierarchies: always NULL here)
 * @chip_data: platform-specific per-chip private data for the chip methods
 */
struct irq_data {
	u32			mask;
	unsigned int		irq;
	irq_hw_number_t		hwirq;
	struct irq_common_data	*common;
	struct irq_chip		*chip;
	struct irq_domain	*domain;
	struct irq_data		*parent_data;
	void			*chip_data;
};

/**
 * struct irq_desc - interrupt descriptor (subset)
 * @irq_common_data: per irq and chip data passed down to chip functions
 * @irq_data: per irq and chip data passed down to chip functions
 * @handle_irq: highlevel irq-events handler (the flow handler)
 * @name: flow handler name for /proc/interrupts output
 */
struct irq_desc {
	struct irq_common_data	irq_common_data;
	struct irq_data		irq_data;
	irq_flow_handler_t	handle_irq;
	const char		*name;
};

struct irq_desc *irq_to_desc(unsigned int irq) __evlsim_ksym(irq_to_desc);

static inline struct irq_desc *irq_data_to_desc(struct irq_data *data)
{
	return (struct irq_desc *)((char *)data - __builtin_offsetof(struct irq_desc, irq_data));
}

static inline unsigned int irq_desc_get_irq(struct irq_desc *desc)
{
	return desc->irq_data.irq;
}

static inline struct irq_data *irq_desc_get_irq_data(struct irq_desc *desc)
{
	return &desc->irq_data;
}

static inline struct irq_chip *irq_desc_get_chip(struct irq_desc *desc)
{
	return desc->irq_data.chip;
}

static inline void *irq_desc_get_chip_data(struct irq_desc *desc)
{
	return desc->irq_data.chip_data;
}

static inline void *irq_desc_get_handler_data(struct irq_desc *desc)
{
	return desc->irq_common_data.handler_data;
}

/* the flow handler of @desc, as the architecture's entry code calls it */
static inline void generic_handle_irq_desc(struct irq_desc *desc)
{
	desc->handle_irq(desc);
}

int generic_handle_irq(unsigned int irq) __evlsim_ksym(generic_handle_irq);
int generic_handle_irq_safe(unsigned int irq) __evlsim_ksym(generic_handle_irq_safe);
int generic_handle_domain_irq(struct irq_domain *domain, irq_hw_number_t hwirq)
	__evlsim_ksym(generic_handle_domain_irq);
int generic_handle_domain_irq_safe(struct irq_domain *domain, irq_hw_number_t hwirq)
	__evlsim_ksym(generic_handle_domain_irq_safe);

#endif
