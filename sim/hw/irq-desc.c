// SPDX-License-Identifier: LGPL-2.1-or-later
/*
 * Simulated interrupt lines (kernel world): the descriptor table, the trigger type
 * (irq_set_irq_type(), after kernel/irq/chip.c and manage.c's __irq_set_trigger()), the
 * test-side calls of <evlsim/hw-irq.h> on a line, and the wait for a line to go idle that
 * synchronize_irq() and free_irq() are built on.
 *
 * The lines sit in one static table, numbered from EVLSIM_IRQ_BASE: a line number stays
 * valid for the whole process (a destroyed line is only marked unused), so an event or an
 * in-band pass already queued for a line never touches freed memory.
 */
#include <linux/kernel.h>
#include <linux/string.h>
#include "irq-internal.h"
#include "include/evlsim/hw-irq.h"

static struct evlsim_irq_line lines[EVLSIM_NR_IRQ_LINES];
static int table_lock;

struct evlsim_irq_line *evlsim__irq_line(unsigned int irq)
{
	struct evlsim_irq_line *l;

	if (irq < EVLSIM_IRQ_BASE || irq >= EVLSIM_IRQ_BASE + EVLSIM_NR_IRQ_LINES)
		return NULL;
	l = &lines[irq - EVLSIM_IRQ_BASE];
	return __atomic_load_n(&l->used, __ATOMIC_ACQUIRE) ? l : NULL;
}

/* the types the simulated chip's irq_set_type() accepts */
static bool type_valid(unsigned int type)
{
	switch (type) {
	case IRQ_TYPE_EDGE_RISING:
	case IRQ_TYPE_EDGE_FALLING:
	case IRQ_TYPE_EDGE_BOTH:
	case IRQ_TYPE_LEVEL_HIGH:
	case IRQ_TYPE_LEVEL_LOW:
		return true;
	}
	return false;
}

static inline bool is_level(unsigned int type)
{
	return type & IRQ_TYPE_LEVEL_MASK;
}

/* ---- waiting for a line to go idle ---------------------------------------------------- */

struct line_syncer {
	struct list_head next;
	struct evlsim_thread *thread;
};

bool evlsim__irq_busy(struct evlsim_irq_line *l, int what)
{
	if (l->inprogress)
		return true;
	if (what >= EVLSIM_IRQ_WAIT_THREADS && l->threads_active)
		return true;
	return what >= EVLSIM_IRQ_WAIT_ALL &&
		(l->async_pending || l->inband_pending || l->inband_queued);
}

void evlsim__irq_wake_syncers(struct evlsim_irq_line *l)
{
	struct line_syncer *s, *tmp;

	list_for_each_entry_safe(s, tmp, &l->syncers, next) {
		list_del_init(&s->next);
		evlsim__wake(s->thread);
	}
}

void evlsim__irq_wait_idle(struct evlsim_irq_line *l, int what)
{
	struct line_syncer s = { .thread = evlsim__current() };

	INIT_LIST_HEAD(&s.next);
	line_lock(l);
	/* a pass of this line's handlers run by the caller itself cannot be waited for */
	while (evlsim__irq_busy(l, what) && l->inprogress_thread != s.thread) {
		list_add_tail(&s.next, &l->syncers);
		evlsim__prepare_sleep(s.thread);
		line_unlock(l);
		evlsim__sleep(s.thread, EVLSIM_NS_INFINITE, 0);
		line_lock(l);
		list_del_init(&s.next);
	}
	line_unlock(l);
}

/* ---- the test side (<evlsim/hw-irq.h>) ------------------------------------------------ */

static struct evlsim_irq_line *get_line(int irq)
{
	return irq > 0 ? evlsim__irq_line((unsigned int)irq) : NULL;
}

EVLSIM_EXPORT int evlsim_irq_line_create(const char *name, unsigned int type)
{
	struct evlsim_irq_line *l = NULL;
	int i;

	if (!type_valid(type))
		return -EINVAL;
	evlsim__lockword_lock(&table_lock);
	for (i = 0; i < EVLSIM_NR_IRQ_LINES; i++) {
		if (!lines[i].used && !lines[i].inband_queued && !lines[i].async_pending) {
			l = &lines[i];
			break;
		}
	}
	if (!l) {
		evlsim__lockword_unlock(&table_lock);
		return -ENOSPC;
	}
	memset(l, 0, sizeof(*l));
	l->irq = EVLSIM_IRQ_BASE + i;
	strscpy(l->name, name ?: "irq", sizeof(l->name));
	l->type = type;
	l->depth = 1;		/* shut down until requested, as a fresh descriptor */
	l->disabled = true;
	INIT_LIST_HEAD(&l->syncers);
	INIT_LIST_HEAD(&l->async_next);
	INIT_LIST_HEAD(&l->inband_next);
	evlsim__mutex_init(&l->request_mutex);
	__atomic_store_n(&l->used, true, __ATOMIC_RELEASE);
	evlsim__lockword_unlock(&table_lock);
	return (int)l->irq;
}

EVLSIM_EXPORT int evlsim_irq_line_destroy(int irq)
{
	struct evlsim_irq_line *l = get_line(irq);

	if (!l)
		return -EINVAL;
	evlsim__mutex_lock(&l->request_mutex);
	line_lock(l);
	if (l->action) {
		line_unlock(l);
		evlsim__mutex_unlock(&l->request_mutex);
		return -EBUSY;
	}
	l->asserted = false;
	line_unlock(l);
	evlsim__irq_wait_idle(l, EVLSIM_IRQ_WAIT_ALL);
	evlsim__lockword_lock(&table_lock);
	__atomic_store_n(&l->used, false, __ATOMIC_RELEASE);
	evlsim__lockword_unlock(&table_lock);
	evlsim__mutex_unlock(&l->request_mutex);
	return 0;
}

EVLSIM_EXPORT int evlsim_irq_raise(int irq)
{
	struct evlsim_irq_line *l = get_line(irq);

	if (!l)
		return -EINVAL;
	line_lock(l);
	l->stats.raised++;
	if (is_level(l->type))
		l->asserted = true;
	line_unlock(l);
	evlsim__irq_line_event(l);
	return 0;
}

EVLSIM_EXPORT int evlsim_irq_lower(int irq)
{
	struct evlsim_irq_line *l = get_line(irq);

	if (!l)
		return -EINVAL;
	line_lock(l);
	l->asserted = false;
	l->storm = 0;
	line_unlock(l);
	return 0;
}

EVLSIM_EXPORT int evlsim_irq_set_delivery(int irq, enum evlsim_irq_delivery how)
{
	struct evlsim_irq_line *l = get_line(irq);

	if (!l || (how != EVLSIM_IRQ_INJECT && how != EVLSIM_IRQ_ASYNC))
		return -EINVAL;
	line_lock(l);
	l->delivery = how == EVLSIM_IRQ_ASYNC ? LINE_ASYNC : LINE_INJECT;
	line_unlock(l);
	return 0;
}

EVLSIM_EXPORT int evlsim_irq_wait_idle(int irq)
{
	struct evlsim_irq_line *l = get_line(irq);
	bool own;

	if (!l)
		return -EINVAL;
	line_lock(l);
	own = l->inprogress && l->inprogress_thread == evlsim__current();
	line_unlock(l);
	if (own)
		return -EDEADLK;
	evlsim__irq_wait_idle(l, EVLSIM_IRQ_WAIT_ALL);
	return 0;
}

EVLSIM_EXPORT int evlsim_irq_stats(int irq, struct evlsim_irq_stats *st)
{
	struct evlsim_irq_line *l = get_line(irq);

	if (!l || !st)
		return -EINVAL;
	line_lock(l);
	st->raised = l->stats.raised;
	st->oob_handled = l->stats.oob_handled;
	st->forwarded = l->stats.forwarded;
	st->inband_handled = l->stats.inband_handled;
	st->threaded = l->stats.threaded;
	st->unhandled = l->stats.unhandled;
	st->logged = l->stats.logged;
	st->lost = l->stats.lost;
	st->disabled = l->disabled;
	st->spurious_disabled = !!(l->istate & LINE_SPURIOUS_DISABLED);
	st->oob = l->oob;
	st->type = l->type;
	line_unlock(l);
	return 0;
}

/* ---- trigger type (kernel/irq/chip.c, manage.c) --------------------------------------- */

/* line locked; the chip's irq_set_type() then what __irq_set_trigger() keeps of it */
static int set_trigger_locked(struct evlsim_irq_line *l, unsigned int type)
{
	type &= IRQ_TYPE_SENSE_MASK;
	if (!type_valid(type)) {
		pr_err("Setting trigger mode %u for irq %u failed (evlsim_irq_set_type)\n",
		       type, l->irq);
		return -EINVAL;
	}
	l->type = type;
	if (!is_level(type))
		l->asserted = false;
	return 0;
}

int evlsim__irq_set_trigger(struct evlsim_irq_line *l, unsigned int type)
{
	return set_trigger_locked(l, type);
}

/**
 * irq_set_irq_type - set the irq trigger type for an irq
 * @irq: irq number
 * @type: IRQ_TYPE_{LEVEL,EDGE}_* value - see include/linux/irq.h
 *
 * 0; -EINVAL for no such line or a type the simulated chip does not take (one of
 * IRQ_TYPE_EDGE_RISING, _FALLING, _BOTH, IRQ_TYPE_LEVEL_HIGH, _LOW). In-band.
 */
int irq_set_irq_type(unsigned int irq, unsigned int type)
{
	evlsim__check_service(EVLSIM_SVC_irq_set_irq_type);
	struct evlsim_irq_line *l = evlsim__irq_line(irq);
	int ret;

	if (!l)
		return -EINVAL;
	line_lock(l);
	ret = set_trigger_locked(l, type);
	line_unlock(l);
	return ret;
}

/** irq_get_trigger_type - the trigger type of line @irq, IRQ_TYPE_NONE (0) for no line */
u32 irq_get_trigger_type(unsigned int irq)
{
	struct evlsim_irq_line *l = evlsim__irq_line(irq);

	return l ? READ_ONCE(l->type) : IRQ_TYPE_NONE;
}

