// SPDX-License-Identifier: LGPL-2.1-or-later
/*
 * Unhandled interrupts (kernel world), after Dovetail's handle_unexpected_irq()
 * (kernel/irq/pipeline.c) for the out-of-band pass and kernel/irq/spurious.c's
 * note_interrupt() for the in-band one: a bogus handler result is reported as a driver
 * bug, and a line nobody handles (an oob line 1000 times within 100 ms, an in-band one
 * 99900 times in 100000) is reported and disabled, with the kernel's messages.
 */
#include <linux/kernel.h>
#include <linux/jiffies.h>
#include <linux/string.h>
#include "irq-internal.h"

/* the first handler of the line, "name+0xoff" */
static void handler_name(struct evlsim_irq_line *l, char *buf, size_t len)
{
	if (l->action)
		evlsim__symbolize((const void *)l->action->handler, buf, len);
	else
		strscpy(buf, "none", len);
}

/* line locked: handle_unexpected_irq(), for the out-of-band pass */
void evlsim__irq_unexpected_oob(struct evlsim_irq_line *l, irqreturn_t ret)
{
	unsigned long now = jiffies;

	if (ret != IRQ_NONE) {
		char fn[128];

		handler_name(l, fn, sizeof(fn));
		evlsim__report(EVLSIM_REPORT_DRIVER, "irq-bogus-return",
			       "out-of-band IRQ%u: bogus return value %#x (handler %s)",
			       l->irq, ret, fn);
		return;
	}
	if (time_after(now, l->last_unhandled + HZ / 10))
		l->irqs_unhandled = 0;
	else
		l->irqs_unhandled++;
	l->last_unhandled = now;
	if (unlikely(l->irqs_unhandled > 1000)) {
		evlsim__report(EVLSIM_REPORT_WARN, "irq-unhandled",
			       "out-of-band irq %u: stuck or unexpected (%s): disabled", l->irq,
			       l->name);
		l->oob = false;
		l->istate |= LINE_SPURIOUS_DISABLED;
		l->disabled = true;
	}
}

#define SPURIOUS_DEFERRED	0x80000000u

/* line locked: note_interrupt(), for the in-band pass */
void evlsim__irq_note_interrupt(struct evlsim_irq_line *l, irqreturn_t ret)
{
	static int bogus_reports = 100;

	if (ret & ~(IRQ_HANDLED | IRQ_WAKE_THREAD)) {
		if (bogus_reports > 0) {
			char fn[128];

			bogus_reports--;
			handler_name(l, fn, sizeof(fn));
			evlsim__report(EVLSIM_REPORT_DRIVER, "irq-bogus-return",
				       "irq event %u: bogus return value %x (handler %s)",
				       l->irq, ret, fn);
		}
		return;
	}
	if (ret & IRQ_WAKE_THREAD) {
		if (ret == IRQ_WAKE_THREAD) {
			unsigned int handled;

			if (!(l->threads_handled_last & SPURIOUS_DEFERRED)) {
				l->threads_handled_last |= SPURIOUS_DEFERRED;
				return;
			}
			handled = l->threads_handled | SPURIOUS_DEFERRED;
			if (handled != l->threads_handled_last) {
				ret = IRQ_HANDLED;
				l->threads_handled_last = handled;
			} else {
				ret = IRQ_NONE;
			}
		} else {
			l->threads_handled_last &= ~SPURIOUS_DEFERRED;
		}
	}
	if (unlikely(ret == IRQ_NONE)) {
		if (time_after(jiffies, l->last_unhandled + HZ / 10))
			l->irqs_unhandled = 1;
		else
			l->irqs_unhandled++;
		l->last_unhandled = jiffies;
	}
	if (likely(!l->irqs_unhandled))
		return;
	l->irq_count++;
	if (likely(l->irq_count < 100000))
		return;
	l->irq_count = 0;
	if (unlikely(l->irqs_unhandled > 99900)) {
		evlsim__report(EVLSIM_REPORT_WARN, "irq-unhandled",
			       "irq %u: nobody cared (try booting with the \"irqpoll\" option) (%s); Disabling IRQ #%u",
			       l->irq, l->name, l->irq);
		l->istate |= LINE_SPURIOUS_DISABLED;
		l->depth++;
		l->disabled = true;
	}
	l->irqs_unhandled = 0;
}
