// SPDX-License-Identifier: LGPL-2.1-or-later
/*
 * Interrupt lines in the resource accounting of modules (kernel world, see
 * sim/check/accounting.c): the lines a module holds requested, and, at its unload or
 * failed init, the report and the free of those it left requested (devm ones first,
 * through their devres), with where each was requested.
 */
#include <linux/kernel.h>
#include <linux/module.h>
#include "irq-internal.h"

/* the first action of @mod on any line, devm ones only if @devm; NULL if none */
struct irqaction *evlsim__irq_find_owned(struct module *mod, bool devm, unsigned int *irq)
{
	struct evlsim_irq_line *l;
	struct irqaction *action;
	unsigned int i;

	for (i = 0; i < EVLSIM_NR_IRQ_LINES; i++) {
		l = evlsim__irq_line(EVLSIM_IRQ_BASE + i);
		if (!l)
			continue;
		line_lock(l);
		for (action = l->action; action; action = action->next) {
			if (to_sim(action)->owner == mod && (!devm || to_sim(action)->devm)) {
				*irq = l->irq;
				line_unlock(l);
				return action;
			}
		}
		line_unlock(l);
	}
	return NULL;
}

/* module unload or failed init: report and free the lines @mod left requested */
static void irq_leftovers(struct module *mod, const char *when)
{
	struct irqaction *action;
	struct sim_action sa;
	unsigned int irq;

	if (!mod)
		return;
	evlsim__irq_devres_leftovers(mod);
	while ((action = evlsim__irq_find_owned(mod, false, &irq)) != NULL) {
		sa = *to_sim(action);
		evlsim__report_frames(EVLSIM_REPORT_LEAK, "module-leak", sa.frames, sa.nframes,
				      "%s: %s with irq %u (%s) still requested; freeing it; requested at",
				      mod->name, when, irq, sa.act.name ?: "?");
		evlsim__unchecked_begin();
		free_irq(irq, sa.act.dev_id);
		evlsim__unchecked_end();
	}
}

/* resource accounting: the lines @mod holds requested now */
static int irq_count(struct module *mod)
{
	struct evlsim_irq_line *l;
	struct irqaction *action;
	unsigned int i;
	int n = 0;

	for (i = 0; i < EVLSIM_NR_IRQ_LINES; i++) {
		l = evlsim__irq_line(EVLSIM_IRQ_BASE + i);
		if (!l)
			continue;
		line_lock(l);
		for (action = l->action; action; action = action->next)
			n += to_sim(action)->owner == mod;
		line_unlock(l);
	}
	return n;
}

/* interrupt handlers are the module's code: freed early at unload, after the EVL timers */
EVLSIM_MODULE_SERVICE(irqs, EVLSIM_ACCT_IRQS, 15, irq_count, irq_leftovers);
