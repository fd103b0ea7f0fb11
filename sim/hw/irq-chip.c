// SPDX-License-Identifier: LGPL-2.1-or-later
/*
 * Interrupt chips and flow handlers as controller drivers use them (kernel world), after
 * kernel/irq/chip.c, irqdesc.c and Dovetail's pipeline.c: irq_set_chip() and friends, the
 * flow handlers handle_level_irq(), handle_edge_irq(), handle_fasteoi_irq(),
 * handle_simple_irq() and handle_synthetic_irq(), chained handlers and
 * generic_handle_irq()/generic_handle_domain_irq().
 *
 * A chained flow handler is called for each event of its (parent) line, in the thread
 * that takes the event, with hard irqs off and no stage switch, as the pipeline entry
 * calls it; it reads its controller and hands each pending child to
 * generic_handle_domain_irq(). The child's flow handler makes the chip calls its kind
 * implies (mask and ack before, unmask after for a level flow; ack for an edge flow; eoi
 * for a fasteoi flow) around the simulated flow of the child line (irq-flow.c): an oob
 * child's handlers run at once on the oob stage, an in-band child's are logged for the
 * in-band IRQ thread.
 */
#include <linux/kernel.h>
#include <linux/irq.h>
#include <linux/irqdomain.h>
#include "irq-internal.h"

/* how many times a chained line may be served in a row while its level stays asserted */
#define CHAINED_STORM_LIMIT	100000UL

static struct evlsim_irq_line *line_of(unsigned int irq)
{
	return evlsim__irq_line(irq);
}

/* ---- chip calls ------------------------------------------------------------------------- */

static inline struct irq_chip *chip_of(struct irq_desc *desc)
{
	return desc->irq_data.chip;
}

static void mask_ack(struct irq_desc *desc)
{
	struct irq_chip *chip = chip_of(desc);

	if (!chip)
		return;
	if (chip->irq_mask_ack) {
		chip->irq_mask_ack(&desc->irq_data);
	} else {
		if (chip->irq_mask)
			chip->irq_mask(&desc->irq_data);
		if (chip->irq_ack)
			chip->irq_ack(&desc->irq_data);
	}
}

void evlsim__irq_chip_startup(struct evlsim_irq_line *l)
{
	struct irq_chip *chip = l->desc.irq_data.chip;
	struct irq_data *d = &l->desc.irq_data;

	if (!chip)
		return;
	if (chip->irq_startup)
		chip->irq_startup(d);
	else if (chip->irq_enable)
		chip->irq_enable(d);
	else if (chip->irq_unmask)
		chip->irq_unmask(d);
}

void evlsim__irq_chip_shutdown(struct evlsim_irq_line *l)
{
	struct irq_chip *chip = l->desc.irq_data.chip;
	struct irq_data *d = &l->desc.irq_data;

	if (!chip)
		return;
	if (chip->irq_shutdown)
		chip->irq_shutdown(d);
	else if (chip->irq_disable)
		chip->irq_disable(d);
	else if (chip->irq_mask)
		chip->irq_mask(d);
}

/* ---- flow handlers ---------------------------------------------------------------------- */

static struct evlsim_irq_line *desc_line(struct irq_desc *desc)
{
	return line_of(desc->irq_data.irq);
}

/**
 * handle_level_irq - Level type irq handler
 * @desc: the interrupt description structure for this irq
 *
 * Masks and acks the line at the chip, runs the line's flow (its handlers, oob at once or
 * logged in-band), then unmasks it unless it was disabled meanwhile.
 */
void handle_level_irq(struct irq_desc *desc)
{
	struct evlsim_irq_line *l = desc_line(desc);
	struct irq_chip *chip = chip_of(desc);
	bool unmask;

	if (!l)
		return;
	mask_ack(desc);
	evlsim__irq_flow_nested(l);
	line_lock(l);
	unmask = !l->disabled;
	line_unlock(l);
	if (unmask && chip && chip->irq_unmask)
		chip->irq_unmask(&desc->irq_data);
}

/** handle_edge_irq - edge type IRQ handler: acks the chip, then the line's flow */
void handle_edge_irq(struct irq_desc *desc)
{
	struct evlsim_irq_line *l = desc_line(desc);
	struct irq_chip *chip = chip_of(desc);

	if (!l)
		return;
	if (chip && chip->irq_ack)
		chip->irq_ack(&desc->irq_data);
	evlsim__irq_flow_nested(l);
}

/** handle_fasteoi_irq - irq handler for transparent controllers: the flow, then eoi */
void handle_fasteoi_irq(struct irq_desc *desc)
{
	struct evlsim_irq_line *l = desc_line(desc);
	struct irq_chip *chip = chip_of(desc);

	if (!l)
		return;
	evlsim__irq_flow_nested(l);
	if (chip && chip->irq_eoi)
		chip->irq_eoi(&desc->irq_data);
}

/** handle_simple_irq - Simple and software-decoded IRQs: the flow, no chip call */
void handle_simple_irq(struct irq_desc *desc)
{
	struct evlsim_irq_line *l = desc_line(desc);

	if (l)
		evlsim__irq_flow_nested(l);
}

/** handle_synthetic_irq - the flow of a synthetic IRQ (Dovetail): no chip call */
void handle_synthetic_irq(struct irq_desc *desc)
{
	handle_simple_irq(desc);
}

/** handle_bad_irq - handle spurious and unhandled irqs */
void handle_bad_irq(struct irq_desc *desc)
{
	struct evlsim_irq_line *l = desc_line(desc);

	evlsim__report(EVLSIM_REPORT_WARN, "irq-bad",
		       "unexpected IRQ trap at vector %u (no flow handler)",
		       desc->irq_data.irq);
	if (l) {
		line_lock(l);
		l->stats.lost++;
		line_unlock(l);
	}
}

/* ---- the chained flow ------------------------------------------------------------------- */

void evlsim__irq_chained_flow(struct evlsim_irq_line *l, bool from_cpu)
{
	struct evlsim_thread *t = evlsim__current();
	unsigned long storm = 0;
	int flag;

	line_lock(l);
	if (from_cpu)
		l->async_pending = false;
	while (l->chained && line_has_event(l) && !l->disabled && !l->inprogress) {
		if (!(l->istate & LINE_PENDING) && ++storm > CHAINED_STORM_LIMIT) {
			evlsim__report(EVLSIM_REPORT_WARN, "irq-storm",
				       "irq %u (%s): chained line still asserted after %lu passes in a row; disabling it",
				       l->irq, l->name, CHAINED_STORM_LIMIT);
			l->depth++;
			l->disabled = true;
			break;
		}
		l->istate &= ~LINE_PENDING;
		l->inprogress = true;
		l->inprogress_thread = t;
		line_unlock(l);
		/* the pipeline entry: hard irqs off, the interrupted stage */
		flag = evlsim__hard_irq_flag();
		evlsim__hard_irq_set_flag(1);
		l->desc.handle_irq(&l->desc);
		evlsim__hard_irq_set_flag(flag);
		line_lock(l);
		l->stats.oob_handled++;
		l->inprogress = false;
		l->inprogress_thread = NULL;
		if (!list_empty(&l->syncers))
			evlsim__irq_wake_syncers(l);
	}
	line_unlock(l);
}

/* ---- descriptors' settings -------------------------------------------------------------- */

/**
 * irq_set_chip - set the irq chip for an irq
 * @irq: irq number
 * @chip: pointer to irq chip description structure (NULL: none)
 *
 * A chip without IRQCHIP_PIPELINE_SAFE is reported, as Dovetail warns: its callbacks
 * would run on the oob stage. 0, or -EINVAL for no such line.
 */
int irq_set_chip(unsigned int irq, const struct irq_chip *chip)
{
	struct evlsim_irq_line *l = line_of(irq);

	if (!l)
		return -EINVAL;
	if (chip && !(chip->flags & IRQCHIP_PIPELINE_SAFE))
		evlsim__report(EVLSIM_REPORT_WARN, "irqchip-not-pipeline-safe",
			       "irqchip %s is not pipeline-safe!", chip->name ?: "?");
	line_lock(l);
	l->desc.irq_data.chip = (struct irq_chip *)chip;
	line_unlock(l);
	return 0;
}

/** irq_set_handler_data - set irq handler data for an irq; 0, -EINVAL */
int irq_set_handler_data(unsigned int irq, void *data)
{
	struct evlsim_irq_line *l = line_of(irq);

	if (!l)
		return -EINVAL;
	WRITE_ONCE(l->desc.irq_common_data.handler_data, data);
	return 0;
}

/** irq_set_chip_data - set irq chip data for an irq; 0, -EINVAL */
int irq_set_chip_data(unsigned int irq, void *data)
{
	struct evlsim_irq_line *l = line_of(irq);

	if (!l)
		return -EINVAL;
	WRITE_ONCE(l->desc.irq_data.chip_data, data);
	return 0;
}

/** irq_get_irq_data - the irq_data of line @irq, NULL for no such line */
struct irq_data *irq_get_irq_data(unsigned int irq)
{
	struct evlsim_irq_line *l = line_of(irq);

	return l ? &l->desc.irq_data : NULL;
}

static void set_handler(struct evlsim_irq_line *l, irq_flow_handler_t handle, int is_chained,
			const char *name, void *data, bool set_data)
{
	bool start = false;

	if (!handle)
		handle = handle_bad_irq;
	line_lock(l);
	if (is_chained && l->action) {
		line_unlock(l);
		WARN(1, "irq %u: chained handler set on a requested line\n", l->irq);
		return;
	}
	if (set_data)
		l->desc.irq_common_data.handler_data = data;
	l->desc.handle_irq = handle;
	if (name)
		l->desc.name = name;
	if (handle == handle_bad_irq) {
		if (l->chained) {
			l->chained = false;
			l->depth = 1;
			l->disabled = true;
		}
	} else if (is_chained) {
		/* IRQ_NOREQUEST, IRQ_NOPROBE, IRQ_NOTHREAD; started at once */
		l->chained = true;
		l->depth = 0;
		l->disabled = false;
		l->masked = false;
		start = true;
	}
	line_unlock(l);
	if (start) {
		line_lock(l);
		evlsim__irq_chip_startup(l);
		start = line_has_event(l);
		line_unlock(l);
		if (start)
			evlsim__irq_deliver(l);
	}
}

/** __irq_set_handler - set the flow handler of @irq (chained if @is_chained) */
void __irq_set_handler(unsigned int irq, irq_flow_handler_t handle, int is_chained,
		       const char *name)
{
	struct evlsim_irq_line *l = line_of(irq);

	if (l)
		set_handler(l, handle, is_chained, name, NULL, false);
}

/**
 * irq_set_chained_handler_and_data - set the chained flow handler of @irq and its data
 * @irq: the parent line
 * @handle: the flow handler, which reads the controller and calls
 *	generic_handle_domain_irq() for each pending child; NULL removes it
 * @data: what irq_desc_get_handler_data() returns in it
 *
 * The line is started at once and can no longer be requested.
 */
void irq_set_chained_handler_and_data(unsigned int irq, irq_flow_handler_t handle, void *data)
{
	struct evlsim_irq_line *l = line_of(irq);

	if (l)
		set_handler(l, handle, 1, NULL, data, true);
}

/** irq_set_chip_and_handler_name - set the chip and the flow handler of @irq */
void irq_set_chip_and_handler_name(unsigned int irq, const struct irq_chip *chip,
				   irq_flow_handler_t handle, const char *name)
{
	struct evlsim_irq_line *l = line_of(irq);

	if (!l)
		return;
	irq_set_chip(irq, chip);
	set_handler(l, handle, 0, name, NULL, false);
}

/* ---- entry points ------------------------------------------------------------------------ */

/**
 * generic_handle_irq - Invoke the handler for a particular irq
 * @irq: The irq number to handle
 *
 * Calls the flow handler of @irq in the calling thread (a chained handler). Returns 0, or
 * -EINVAL if the conversion has failed.
 */
int generic_handle_irq(unsigned int irq)
{
	struct evlsim_irq_line *l = line_of(irq);

	if (!l)
		return -EINVAL;
	generic_handle_irq_desc(&l->desc);
	return 0;
}

/** generic_handle_irq_safe - generic_handle_irq() from any context (hard irqs saved) */
int generic_handle_irq_safe(unsigned int irq)
{
	unsigned long flags = hard_local_irq_save();
	int ret = generic_handle_irq(irq);

	hard_local_irq_restore(flags);
	return ret;
}

/**
 * generic_handle_domain_irq - Invoke the handler for a HW irq belonging to a domain.
 * @domain: The domain where to perform the lookup
 * @hwirq: The HW irq number to convert to a logical one
 *
 * Returns 0 on success, or -EINVAL if the conversion has failed. Called from a chained
 * flow handler (hard irqs off).
 */
int generic_handle_domain_irq(struct irq_domain *domain, irq_hw_number_t hwirq)
{
	unsigned int virq = domain ? irq_find_mapping(domain, hwirq) : 0;

	if (!virq)
		return -EINVAL;
	return generic_handle_irq(virq);
}

/** generic_handle_domain_irq_safe - generic_handle_domain_irq() from any context */
int generic_handle_domain_irq_safe(struct irq_domain *domain, irq_hw_number_t hwirq)
{
	unsigned long flags = hard_local_irq_save();
	int ret = generic_handle_domain_irq(domain, hwirq);

	hard_local_irq_restore(flags);
	return ret;
}
