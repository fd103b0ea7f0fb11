/* SPDX-License-Identifier: LGPL-2.1-or-later */
/*
 * evlsim shim: linux v6.12 include/linux/irqdomain.h with Dovetail's synthetic domain,
 * custom: linear domains (the form GPIO and cascaded controller drivers use), their
 * mappings, and the synthetic IRQ domain of the pipeline. A mapping is a simulated
 * interrupt line (sim/hw/irq-desc.c) that drivers request with request_irq() & co.; the
 * controller driver's chained handler hands it events with generic_handle_domain_irq().
 * Hierarchical domains, MSI and the device-tree translation (irq_of_parse_and_map()) are
 * not provided. irq_domain_create_linear(), irq_create_mapping() and irq_find_mapping()
 * are functions here (inlines over irq_domain_instantiate(), irq_create_mapping_affinity()
 * and irq_resolve_mapping() in the kernel); the domain's fields are the kernel's subset.
 */
#ifndef _EVLSIM_LINUX_IRQDOMAIN_H
#define _EVLSIM_LINUX_IRQDOMAIN_H

#include <linux/types.h>
#include <linux/list.h>
#include <linux/fwnode.h>
#include <linux/irqhandler.h>
#include <linux/evlsim-owner.h>

struct device_node;
struct irq_domain;
struct irq_chip;
struct irq_data;

enum irq_domain_bus_token {
	DOMAIN_BUS_ANY		= 0,
	DOMAIN_BUS_WIRED,
	DOMAIN_BUS_GENERIC_MSI,
	DOMAIN_BUS_PCI_MSI,
	DOMAIN_BUS_PLATFORM_MSI,
	DOMAIN_BUS_NEXUS,
	DOMAIN_BUS_IPI,
};

/**
 * struct irq_domain_ops - Methods for irq_domain objects (subset)
 * @match: Match an interrupt controller device node to a domain (not called)
 * @map: Create or update a mapping between a virtual irq number and a hw irq number.
 *	This is called only once for a given mapping.
 * @unmap: Dispose of such a mapping
 * @xlate: Given a device tree node and interrupt specifier, decode the hardware irq
 *	number and linux irq type value (not called: no device-tree interrupt parsing)
 */
struct irq_domain_ops {
	int (*match)(struct irq_domain *d, struct device_node *node,
		     enum irq_domain_bus_token bus_token);
	int (*map)(struct irq_domain *d, unsigned int virq, irq_hw_number_t hw);
	void (*unmap)(struct irq_domain *d, unsigned int virq);
	int (*xlate)(struct irq_domain *d, struct device_node *node, const u32 *intspec,
		     unsigned int intsize, unsigned long *out_hwirq, unsigned int *out_type);
};

/**
 * struct irq_domain - Hardware interrupt number translation object (subset)
 * @link: Element in global irq_domain list
 * @name: Name of interrupt domain
 * @ops: Pointer to irq_domain methods
 * @host_data: Private data pointer for use by owner. Not touched by irq_domain core code.
 * @flags: Per irq_domain flags (IRQ_DOMAIN_FLAG_*)
 * @mapcount: The number of mapped interrupts
 * @fwnode: Pointer to firmware node associated with the irq_domain
 * @hwirq_max: Top limit for the HW irq number
 * @revmap_size: Size of the linear map table @revmap
 * @revmap: Linear table of virq numbers (0: no mapping)
 */
struct irq_domain {
	struct list_head		link;
	const char			*name;
	const struct irq_domain_ops	*ops;
	void				*host_data;
	unsigned int			flags;
	unsigned int			mapcount;
	struct fwnode_handle		*fwnode;
	irq_hw_number_t			hwirq_max;
	unsigned int			revmap_size;
	unsigned int			revmap[];
};

#define IRQ_DOMAIN_FLAG_HIERARCHY	(1 << 0)
#define IRQ_DOMAIN_FLAG_NO_MAP		(1 << 6)

struct irq_domain *irq_domain_create_linear(struct fwnode_handle *fwnode, unsigned int size,
					    const struct irq_domain_ops *ops, void *host_data)
	__evlsim_ksym(irq_domain_create_linear);
void irq_domain_remove(struct irq_domain *domain) __evlsim_ksym(irq_domain_remove);
unsigned int irq_create_mapping(struct irq_domain *domain, irq_hw_number_t hwirq)
	__evlsim_ksym(irq_create_mapping);
unsigned int irq_find_mapping(struct irq_domain *domain, irq_hw_number_t hwirq)
	__evlsim_ksym(irq_find_mapping);
void irq_dispose_mapping(unsigned int virq) __evlsim_ksym(irq_dispose_mapping);
unsigned int irq_create_direct_mapping(struct irq_domain *domain)
	__evlsim_ksym(irq_create_direct_mapping);
int irq_domain_xlate_onecell(struct irq_domain *d, struct device_node *ctrlr,
			     const u32 *intspec, unsigned int intsize,
			     unsigned long *out_hwirq, unsigned int *out_type)
	__evlsim_ksym(irq_domain_xlate_onecell);
int irq_domain_xlate_twocell(struct irq_domain *d, struct device_node *ctrlr,
			     const u32 *intspec, unsigned int intsize,
			     irq_hw_number_t *out_hwirq, unsigned int *out_type)
	__evlsim_ksym(irq_domain_xlate_twocell);

/* module code: mappings are charged to the calling module (linux/evlsim-owner.h) */
#define irq_create_mapping(...)		__evlsim_owned(irq_create_mapping(__VA_ARGS__))
#define irq_create_direct_mapping(...)	__evlsim_owned(irq_create_direct_mapping(__VA_ARGS__))

static inline struct irq_domain *irq_domain_add_linear(struct device_node *of_node,
							unsigned int size,
							const struct irq_domain_ops *ops,
							void *host_data)
{
	return irq_domain_create_linear((struct fwnode_handle *)of_node, size, ops, host_data);
}

/* Dovetail: the domain of synthetic IRQs (irq_create_direct_mapping() allocates them) */
extern struct irq_domain *synthetic_irq_domain __evlsim_ksym(synthetic_irq_domain);

#endif
