// SPDX-License-Identifier: LGPL-2.1-or-later
/*
 * Interrupt domains (kernel world), after kernel/irq/irqdomain.c: linear domains, their
 * mappings, and Dovetail's synthetic IRQ domain with the per-CPU request calls
 * (kernel/irq/manage.c __request_percpu_irq(), free_percpu_irq()).
 *
 * A mapping is a simulated interrupt line allocated from the line table
 * (evlsim__irq_line_alloc()) and tagged with its domain and hardware number; the domain
 * keeps the reverse map hwirq -> line number. A mapping is charged to the module that
 * created it (module accounting: EVLSIM_ACCT_IRQ_MAPPINGS) and reported at unload if
 * left.
 */
#include <linux/kernel.h>
#include <linux/slab.h>
#include <linux/string.h>
#include <linux/irq.h>
#include <linux/irqdomain.h>
#include "irq-internal.h"

static LIST_HEAD(domains);
static int domains_lock;

/* the domain-less synthetic domain: direct mappings only */
static struct irq_domain synthetic_domain = {
	.name = "synthetic",
	.flags = IRQ_DOMAIN_FLAG_NO_MAP,
};
struct irq_domain *synthetic_irq_domain = &synthetic_domain;

/* SIRQC: the no-op chip of synthetic IRQs */
static void sirq_noop(struct irq_data *d)
{
}

static struct irq_chip sirq_chip = {
	.name = "SIRQC",
	.irq_enable = sirq_noop,
	.irq_disable = sirq_noop,
	.flags = IRQCHIP_PIPELINE_SAFE | IRQCHIP_SKIP_SET_WAKE,
};

/**
 * irq_domain_create_linear - Allocate and register a linear revmap irq_domain.
 * @fwnode: pointer to interrupt controller's FW node (may be NULL)
 * @size: Number of interrupts in the domain.
 * @ops: map/unmap domain callbacks
 * @host_data: Controller private data pointer
 *
 * In-band. Returns the domain, or NULL (no memory, @size 0).
 */
struct irq_domain *irq_domain_create_linear(struct fwnode_handle *fwnode, unsigned int size,
					    const struct irq_domain_ops *ops, void *host_data)
{
	evlsim__check_service(EVLSIM_SVC_irq_domain_create_linear);
	struct irq_domain *d;

	if (!size || size > (1u << 16))
		return NULL;
	d = kzalloc(struct_size(d, revmap, size), GFP_KERNEL);
	if (!d)
		return NULL;
	d->fwnode = fwnode;
	d->ops = ops;
	d->host_data = host_data;
	d->hwirq_max = size;
	d->revmap_size = size;
	d->name = "evlsim-linear";
	evlsim__lockword_lock(&domains_lock);
	list_add_tail(&d->link, &domains);
	evlsim__lockword_unlock(&domains_lock);
	return d;
}

/**
 * irq_domain_remove - Remove an irq domain.
 * @domain: domain to remove
 *
 * Its mappings must have been disposed of first: those left are reported and disposed of.
 */
void irq_domain_remove(struct irq_domain *domain)
{
	unsigned int i;

	if (!domain || domain == synthetic_irq_domain)
		return;
	if (domain->mapcount) {
		evlsim__report(EVLSIM_REPORT_DRIVER, "irq-domain-busy",
			       "irq_domain_remove(): domain %s still has %u mapping(s); disposing of them",
			       domain->name, domain->mapcount);
		for (i = 0; i < domain->revmap_size; i++)
			if (domain->revmap[i])
				irq_dispose_mapping(domain->revmap[i]);
	}
	evlsim__lockword_lock(&domains_lock);
	list_del(&domain->link);
	evlsim__lockword_unlock(&domains_lock);
	kfree(domain);
}

static unsigned int new_mapping(struct irq_domain *domain, irq_hw_number_t hwirq,
				const char *name)
{
	struct evlsim_irq_line *l;
	int irq;

	irq = evlsim__irq_line_alloc(name, IRQ_TYPE_EDGE_RISING);
	if (irq < 0)
		return 0;
	l = evlsim__irq_line(irq);
	line_lock(l);
	l->domain = domain;
	l->type = IRQ_TYPE_NONE;
	l->mapper = evlsim__acct_owner();
	l->desc.irq_data.domain = domain;
	l->desc.irq_data.hwirq = hwirq;
	line_unlock(l);
	return irq;
}

/**
 * irq_create_mapping - Map a hardware interrupt into linux irq space
 * @domain: domain owning this hardware interrupt
 * @hwirq: hardware irq number in that domain space
 *
 * Returns the existing mapping of @hwirq, or a new one (after the domain's ->map(), which
 * usually sets its chip and flow handler), or 0 on failure (bad @hwirq, no line left,
 * ->map() failed). In-band.
 */
unsigned int irq_create_mapping(struct irq_domain *domain, irq_hw_number_t hwirq)
{
	evlsim__check_service(EVLSIM_SVC_irq_create_mapping);
	return evlsim__irq_create_mapping(domain, hwirq);
}

unsigned int evlsim__irq_create_mapping(struct irq_domain *domain, irq_hw_number_t hwirq)
{
	unsigned int virq;
	int ret;

	if (!domain || domain == synthetic_irq_domain || hwirq >= domain->revmap_size) {
		WARN(1, "irq_create_mapping(): bad domain or hwirq %lu\n", hwirq);
		return 0;
	}
	virq = READ_ONCE(domain->revmap[hwirq]);
	if (virq)
		return virq;
	virq = new_mapping(domain, hwirq, domain->name);
	if (!virq) {
		pr_debug("irq-%lu==>hwirq-0x%lx mapping failed\n", hwirq, hwirq);
		return 0;
	}
	if (domain->ops && domain->ops->map) {
		ret = domain->ops->map(domain, virq, hwirq);
		if (ret) {
			if (ret != -EPERM)
				pr_info("%s didn't like hwirq-0x%lx to VIRQ%u mapping (rc=%d)\n",
					domain->name, hwirq, virq, ret);
			evlsim__irq_line_free(evlsim__irq_line(virq));
			return 0;
		}
	}
	domain->mapcount++;
	WRITE_ONCE(domain->revmap[hwirq], virq);
	return virq;
}

/**
 * irq_find_mapping - Find a linux irq from a hw irq number.
 * @domain: domain owning this hardware interrupt
 * @hwirq: hardware irq number in that domain space
 *
 * 0 if @hwirq is not mapped. Any stage.
 */
unsigned int irq_find_mapping(struct irq_domain *domain, irq_hw_number_t hwirq)
{
	if (!domain || hwirq >= domain->revmap_size)
		return 0;
	return READ_ONCE(domain->revmap[hwirq]);
}

/**
 * irq_create_direct_mapping - Allocate an irq for direct mapping
 * @domain: domain to allocate the irq for (synthetic_irq_domain)
 *
 * A synthetic IRQ: per-CPU-devid, the SIRQC chip, handle_synthetic_irq(). 0 on failure
 * (another domain, no line left).
 */
unsigned int irq_create_direct_mapping(struct irq_domain *domain)
{
	evlsim__check_service(EVLSIM_SVC_irq_create_mapping);
	struct evlsim_irq_line *l;
	unsigned int virq;

	if (domain != synthetic_irq_domain)
		return 0;
	virq = new_mapping(domain, 0, "synthetic");
	if (!virq)
		return 0;
	l = evlsim__irq_line(virq);
	line_lock(l);
	l->desc.irq_data.hwirq = virq;
	l->desc.irq_data.chip = &sirq_chip;
	l->desc.handle_irq = handle_synthetic_irq;
	l->percpu_devid = true;
	l->type = IRQ_TYPE_EDGE_RISING;
	line_unlock(l);
	domain->mapcount++;
	return virq;
}

/**
 * irq_dispose_mapping - Unmap an interrupt
 * @virq: linux irq number of the interrupt to unmap
 *
 * Calls the domain's ->unmap() and gives the line back. A line still requested is
 * reported and left as it is. In-band.
 */
void irq_dispose_mapping(unsigned int virq)
{
	evlsim__check_service(EVLSIM_SVC_irq_dispose_mapping);
	struct evlsim_irq_line *l = evlsim__irq_line(virq);
	struct irq_domain *domain;
	irq_hw_number_t hwirq;

	if (!l || !(domain = READ_ONCE(l->domain)))
		return;
	if (READ_ONCE(l->action)) {
		evlsim__report(EVLSIM_REPORT_DRIVER, "irq-dispose-requested",
			       "irq_dispose_mapping(%u): the line is still requested (free_irq() first)",
			       virq);
		return;
	}
	hwirq = l->desc.irq_data.hwirq;
	if (domain->ops && domain->ops->unmap)
		domain->ops->unmap(domain, virq);
	if (domain != synthetic_irq_domain && hwirq < domain->revmap_size)
		WRITE_ONCE(domain->revmap[hwirq], 0);
	domain->mapcount--;
	line_lock(l);
	l->chained = false;
	line_unlock(l);
	if (evlsim__irq_line_free(l))
		return;
	line_lock(l);
	l->domain = NULL;
	l->mapper = NULL;
	line_unlock(l);
}

/** irq_domain_xlate_onecell - Generic xlate for direct one cell bindings */
int irq_domain_xlate_onecell(struct irq_domain *d, struct device_node *ctrlr,
			     const u32 *intspec, unsigned int intsize,
			     unsigned long *out_hwirq, unsigned int *out_type)
{
	if (WARN_ON(intsize < 1))
		return -EINVAL;
	*out_hwirq = intspec[0];
	*out_type = IRQ_TYPE_NONE;
	return 0;
}

/** irq_domain_xlate_twocell - Generic xlate for direct two cell bindings */
int irq_domain_xlate_twocell(struct irq_domain *d, struct device_node *ctrlr,
			     const u32 *intspec, unsigned int intsize,
			     irq_hw_number_t *out_hwirq, unsigned int *out_type)
{
	if (WARN_ON(intsize < 2))
		return -EINVAL;
	*out_hwirq = intspec[0];
	*out_type = intspec[1] & IRQ_TYPE_SENSE_MASK;
	return 0;
}

/* ---- per-CPU requests ------------------------------------------------------------------- */

/**
 * __request_percpu_irq - allocate a percpu interrupt line
 * @irq: Interrupt line to allocate (a per-CPU-devid line: a synthetic IRQ)
 * @handler: Function to be called when the IRQ occurs.
 * @flags: Interrupt type flags (0, IRQF_TIMER, IRQF_OOB, IRQF_NO_THREAD)
 * @devname: An ascii name for the claiming device
 * @percpu_dev_id: A percpu cookie passed back to the handler function
 *
 * The simulator has one CPU per delivery: the handler gets @percpu_dev_id itself. The
 * line is started at once. 0, -EINVAL (not a per-CPU-devid line, no @handler or
 * @percpu_dev_id, other flags), -ENOMEM.
 */
int __request_percpu_irq(unsigned int irq, irq_handler_t handler, unsigned long flags,
			 const char *devname, void *percpu_dev_id)
{
	evlsim__check_service(EVLSIM_SVC_request_irq);
	struct evlsim_irq_line *l = evlsim__irq_line(irq);

	if (!l || !l->percpu_devid || !percpu_dev_id || !handler)
		return -EINVAL;
	if (flags & ~(IRQF_TIMER | IRQF_OOB | IRQF_NO_THREAD))
		return -EINVAL;
	return evlsim__irq_request(irq, handler, NULL,
				   flags | IRQF_PERCPU | IRQF_NO_SUSPEND | IRQF_NO_THREAD,
				   devname, percpu_dev_id, false, __builtin_return_address(0));
}

/** free_percpu_irq - free an interrupt allocated with __request_percpu_irq() */
void free_percpu_irq(unsigned int irq, void *percpu_dev_id)
{
	struct evlsim_irq_line *l = evlsim__irq_line(irq);

	if (!l || !l->percpu_devid)
		return;
	free_irq(irq, percpu_dev_id);
}

/* ---- accounting ------------------------------------------------------------------------- */

int evlsim__irq_mapping_count(struct module *mod)
{
	struct evlsim_irq_line *l;
	unsigned int irq;
	int n = 0;

	for (irq = EVLSIM_IRQ_BASE; irq < EVLSIM_IRQ_BASE + EVLSIM_NR_IRQ_LINES; irq++) {
		l = evlsim__irq_line(irq);
		if (l && READ_ONCE(l->domain) && READ_ONCE(l->mapper) == mod)
			n++;
	}
	return n;
}

static void mapping_leftovers(struct module *mod, const char *when)
{
	struct evlsim_irq_line *l;
	unsigned int irq;

	for (irq = EVLSIM_IRQ_BASE; irq < EVLSIM_IRQ_BASE + EVLSIM_NR_IRQ_LINES; irq++) {
		l = evlsim__irq_line(irq);
		if (!l || !READ_ONCE(l->domain) || READ_ONCE(l->mapper) != mod)
			continue;
		evlsim__report(EVLSIM_REPORT_LEAK, "module-leak",
			       "%s: %s with irq mapping %u (hwirq %lu) still created; disposing of it",
			       mod->name, when, irq, l->desc.irq_data.hwirq);
		irq_dispose_mapping(irq);
	}
}

/* after the GPIO chips (26): a mapping goes once its chip and line are gone */
EVLSIM_MODULE_SERVICE(irq_mappings, EVLSIM_ACCT_IRQ_MAPPINGS, 27, evlsim__irq_mapping_count,
		      mapping_leftovers);
