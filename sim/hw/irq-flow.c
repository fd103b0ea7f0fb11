// SPDX-License-Identifier: LGPL-2.1-or-later
/*
 * The interrupt flow (kernel world), after Dovetail's kernel/irq/pipeline.c (K @00d694c:
 * handle_oob_irq(), do_oob_irq(), handle_unexpected_irq(), irq_inject_pipeline()),
 * kernel/irq/handle.c and chip.c's flow handlers; what is done with unhandled interrupts
 * is in irq-spurious.c.
 *
 * A "CPU" is the thread that takes an event: the raising thread for a line in INJECT
 * delivery (as irq_inject_pipeline() runs on the current CPU), the IRQ CPU thread for one
 * in ASYNC delivery (irq-cpu.c). A CPU whose hard irqs are off (a hard lock held,
 * hard_local_irq_save(), an interrupt handler running) cannot take a hardware event: the
 * event goes to the thread's log and is taken when they come back on (kernel/spinlock.c
 * calls the hook evlsim__irq_sync_hook).
 *
 * Taking an event on a line whose descriptor is oob runs the out-of-band pass: every
 * action's handler, in chain order, in the out-of-band interrupt context
 * (evlsim__oob_irq_enter(): stage oob, hard irqs off, evl_in_irq() true, EVL wake-ups
 * deferred to its end), then again while edges came meanwhile or a level line stays
 * asserted. IRQ_FORWARD logs an in-band pass. An event on an in-band line is logged for
 * the in-band stage at once (a level line stays masked until its in-band pass ran). The
 * in-band log is played by the CPU that logged it if it runs in-band with hard irqs on,
 * as the kernel syncs the log on the way out of the interrupt; otherwise by the in-band
 * IRQ thread (irq-cpu.c). The in-band pass runs the same handlers in in-band interrupt context
 * (stage in-band, hard irqs on) and wakes the irq threads of those returning
 * IRQ_WAKE_THREAD.
 *
 * A line is never handled by two passes at once (->inprogress, IRQD_IRQ_INPROGRESS): an
 * event that finds a pass running stays latched (LINE_PENDING, or the level) and the
 * running pass takes it when it ends.
 */
#include <linux/kernel.h>
#include <linux/jiffies.h>
#include <linux/sched.h>
#include <linux/irq_pipeline.h>
#include "irq-internal.h"

/* how many times an asserted level line may re-fire in a row before it is declared stuck */
#define LEVEL_STORM_LIMIT	100000UL

static __thread unsigned long irq_log[EVLSIM_NR_IRQ_LINES / BITS_PER_LONG]
	__attribute__((tls_model("initial-exec")));
static __thread int oob_stall_bit __attribute__((tls_model("initial-exec")));

static inline bool is_level(struct evlsim_irq_line *l)
{
	return l->type & IRQ_TYPE_LEVEL_MASK;
}

#define has_event(l)	line_has_event(l)

/* line locked: the line fires again after a pass */
static bool fires_again(struct evlsim_irq_line *l)
{
	if (!line_can_fire(l) || !has_event(l))
		return false;
	if (!(l->istate & LINE_PENDING) && ++l->storm > LEVEL_STORM_LIMIT) {
		evlsim__report(EVLSIM_REPORT_WARN, "irq-storm",
			       "irq %u (%s): level line still asserted after %lu handler passes in a row; disabling it",
			       l->irq, l->name, LEVEL_STORM_LIMIT);
		l->depth++;
		l->disabled = true;
		return false;
	}
	return true;
}

static inline bool oob_stalled(struct evlsim_thread *t)
{
	return oob_stall_bit || t->in_irq > 0;
}

/* ---- the thread's log ----------------------------------------------------------------- */

static void log_event(struct evlsim_irq_line *l)
{
	unsigned int i = l->irq - EVLSIM_IRQ_BASE;

	line_lock(l);
	l->stats.logged++;
	line_unlock(l);
	irq_log[i / BITS_PER_LONG] |= 1UL << (i % BITS_PER_LONG);
	evlsim__irq_log_pending = 1;
}

static void flow(struct evlsim_irq_line *l, bool from_cpu);

/*
 * Takes the events the calling thread logged while its hard irqs were off: the hook
 * kernel/spinlock.c calls as they come back on (evlsim__irq_sync_hook).
 */
static void sync_log(void)
{
	struct evlsim_irq_line *l;
	unsigned long word;
	unsigned int w, b;

	while (evlsim__irq_log_pending && !evlsim__hard_irqs_disabled()) {
		evlsim__irq_log_pending = 0;
		for (w = 0; w < ARRAY_SIZE(irq_log); w++) {
			word = irq_log[w];
			irq_log[w] = 0;
			while (word) {
				b = __builtin_ctzl(word);
				word &= word - 1;
				l = evlsim__irq_line(EVLSIM_IRQ_BASE + w * BITS_PER_LONG + b);
				if (l)
					flow(l, false);
			}
		}
	}
}

/* ---- handler calls and their checks --------------------------------------------------- */

static noinline void bad_return(struct evlsim_irq_line *l, irq_handler_t fn, bool oob,
				int locks, bool irqs_off)
{
	int extra = evlsim__hard_lock_depth() - locks;

	if (!__atomic_load_n(&evlsim__checks_enabled, __ATOMIC_RELAXED) ||
	    evlsim__check_mode() == EVLSIM_CHECK_OFF)
		return;
	if (extra > 0)
		evlsim__check_report("irq-handler-returns-locked", "irq handler", (const void *)fn,
				     "%s handler of irq %u returns with %d hard lock(s) held",
				     oob ? "out-of-band" : "in-band", l->irq, extra);
	else if (!oob && irqs_off)
		evlsim__check_report("irq-handler-returns-locked", "irq handler",
				     (const char *)fn + 1,
				     "in-band handler of irq %u returns with hard irqs off",
				     l->irq);
}

static inline irqreturn_t call_handler(struct evlsim_irq_line *l, struct irqaction *action,
				       irq_handler_t fn, bool oob)
{
	int locks = evlsim__hard_lock_depth();
	int flag = evlsim__hard_irq_flag();
	irqreturn_t ret;

	evlsim__sched_point(EVLSIM_SP_IRQ);
	ret = fn((int)l->irq, action->dev_id);
	if (unlikely(evlsim__hard_lock_depth() != locks || evlsim__hard_irq_flag() != flag)) {
		bad_return(l, fn, oob, locks, evlsim__hard_irq_flag());
		/* the return from the interrupt restores the CPU's irq flag, not the locks */
		if (evlsim__hard_irq_flag() != flag)
			evlsim__hard_irq_set_flag(flag);
	}
	return ret;
}

/* line not locked, ->inprogress set by the caller */
static irqreturn_t run_oob_actions(struct evlsim_irq_line *l, struct evlsim_thread *t)
{
	struct evlsim_irq_ctx ctx;
	struct irqaction *action;
	irqreturn_t ret = IRQ_NONE;

	evlsim__oob_irq_enter(t, &ctx, true);
	for (action = READ_ONCE(l->action); action; action = READ_ONCE(action->next))
		ret |= call_handler(l, action, action->handler, true);
	evlsim__oob_irq_exit(t, &ctx, true);
	return ret;
}

static void warn_no_thread(struct evlsim_irq_line *l, struct irqaction *action)
{
	if (test_and_set_bit(IRQTF_WARNED, &action->thread_flags))
		return;
	evlsim__report(EVLSIM_REPORT_WARN, "irq-no-thread",
		       "IRQ %u device %s returned IRQ_WAKE_THREAD but no thread function available.",
		       l->irq, action->name);
}

/* __irq_wake_thread(): in-band hard irq context, or irq_wake_thread() */
void evlsim__irq_wake_thread(struct evlsim_irq_line *l, struct irqaction *action)
{
	if (test_and_set_bit(IRQTF_RUNTHREAD, &action->thread_flags))
		return;
	line_lock(l);
	l->threads_oneshot |= action->thread_mask;
	l->threads_active++;
	line_unlock(l);
	wake_up_process(action->thread);
}

static irqreturn_t run_inband_actions(struct evlsim_irq_line *l, struct evlsim_thread *t)
{
	struct irqaction *action;
	irqreturn_t ret = IRQ_NONE, res;

	t->in_inband_irq++;
	for (action = READ_ONCE(l->action); action; action = READ_ONCE(action->next)) {
		res = call_handler(l, action, action->handler, false);
		if (res == IRQ_WAKE_THREAD) {
			if (!action->thread_fn)
				warn_no_thread(l, action);
			else
				evlsim__irq_wake_thread(l, action);
		}
		ret |= res;
	}
	t->in_inband_irq--;
	return ret;
}

/* ---- passes --------------------------------------------------------------------------- */

/*
 * line locked: a flag evlsim__irq_busy() reads was cleared without a pass (whose end
 * wakes them): the waiters of evlsim_irq_wait_idle() look again
 */
static inline void flag_cleared(struct evlsim_irq_line *l)
{
	if (!list_empty(&l->syncers))
		evlsim__irq_wake_syncers(l);
}

static inline void begin_pass(struct evlsim_irq_line *l, struct evlsim_thread *t)
{
	l->inprogress = true;
	l->inprogress_thread = t;
}

/* line locked: true if the in-band log must be played by the in-band IRQ thread */
static bool end_pass(struct evlsim_irq_line *l)
{
	l->inprogress = false;
	l->inprogress_thread = NULL;
	if (!list_empty(&l->syncers))
		evlsim__irq_wake_syncers(l);
	return l->inband_pending > 0;
}

static inline void queue_inband(struct evlsim_irq_line *l)
{
	evlsim__irq_inband_queue(l);
}

/* the in-band log of @l: played here if this thread runs in-band with hard irqs on */
static void play_inband(struct evlsim_irq_line *l);

static void deliver_inband(struct evlsim_irq_line *l, struct evlsim_thread *t)
{
	if (t->stage == EVLSIM_INBAND && !evlsim__hard_irqs_disabled())
		play_inband(l);
	else
		queue_inband(l);
}

/*
 * Takes an event of @l on the calling thread, whose hard irqs are on (or which injects it
 * by software). @from_cpu: the IRQ CPU takes what it was queued.
 */
static void flow(struct evlsim_irq_line *l, bool from_cpu)
{
	struct evlsim_thread *t = evlsim__current();
	bool inband = false, queue = false;
	irqreturn_t ret;

	if (unlikely(l->chained)) {
		evlsim__irq_chained_flow(l, from_cpu);
		return;
	}
	line_lock(l);
	if (from_cpu)
		l->async_pending = false;
	if (!has_event(l) || !line_can_fire(l) || l->inprogress) {
		/* kept latched: enable_irq(), the unmask or the running pass takes it */
		if (from_cpu)
			flag_cleared(l);
		line_unlock(l);
		return;
	}
	if (!l->oob) {
		/* an in-band line: logged for the in-band stage, level lines masked meanwhile */
		l->istate &= ~LINE_PENDING;
		if (is_level(l))
			l->masked = true;
		l->inband_pending++;
		line_unlock(l);
		deliver_inband(l, t);
		return;
	}
	do {
		l->istate &= ~LINE_PENDING;
		begin_pass(l, t);
		line_unlock(l);
		ret = run_oob_actions(l, t);
		line_lock(l);
		l->stats.oob_handled++;
		if (ret & IRQ_FORWARD) {
			l->inband_pending++;
			l->stats.forwarded++;
		}
		if (likely(ret & (IRQ_HANDLED | IRQ_FORWARD))) {
			l->irqs_unhandled = 0;
		} else {
			if (ret == IRQ_NONE)
				l->stats.unhandled++;
			evlsim__irq_unexpected_oob(l, ret);
		}
		inband = end_pass(l);
	} while (l->oob && fires_again(l));
	if (!l->oob && has_event(l) && line_can_fire(l))
		queue = true;	/* no longer oob: an in-band line from now on */
	line_unlock(l);
	if (inband)
		deliver_inband(l, t);
	if (queue)
		flow(l, false);
}

static void play_inband(struct evlsim_irq_line *l)
{
	struct evlsim_thread *t = evlsim__current();
	irqreturn_t ret;
	bool queue;

	line_lock(l);
	while (l->inband_pending && !l->inprogress) {
		l->inband_pending = 0;
		if (l->istate & LINE_ONESHOT)
			l->masked = true;	/* mask_ack_irq() of the oneshot flow */
		begin_pass(l, t);
		line_unlock(l);
		ret = run_inband_actions(l, t);
		line_lock(l);
		l->stats.inband_handled++;
		if (ret == IRQ_NONE)
			l->stats.unhandled++;
		evlsim__irq_note_interrupt(l, ret);
		/* cond_unmask_irq(): the line stays masked while a oneshot thread runs */
		if (l->masked && !l->threads_oneshot)
			l->masked = false;
		end_pass(l);
		if (!l->oob && fires_again(l)) {
			/* an in-band line taking its next event, here: this CPU runs in-band */
			l->istate &= ~LINE_PENDING;
			if (is_level(l))
				l->masked = true;
			l->inband_pending++;
		}
	}
	/* an oob line latched an event while its in-band pass ran: take it now */
	queue = l->oob && !l->inprogress && has_event(l) && line_can_fire(l);
	line_unlock(l);
	if (queue)
		evlsim__irq_deliver(l);
}

/* the in-band IRQ thread plays the in-band log of @l */
void evlsim__irq_inband_take(struct evlsim_irq_line *l)
{
	line_lock(l);
	l->inband_queued = false;
	flag_cleared(l);
	line_unlock(l);
	play_inband(l);
}

/* ---- the irq thread's side ----------------------------------------------------------- */

irqreturn_t evlsim__irq_call_thread_fn(struct evlsim_irq_line *l, struct irqaction *action)
{
	return call_handler(l, action, action->thread_fn, false);
}

/* irq_thread_fn()'s accounting and irq_finalize_oneshot(), then the threads_active drop */
void evlsim__irq_thread_done(struct evlsim_irq_line *l, struct irqaction *action,
			     irqreturn_t ret)
{
	bool resend = false;

	line_lock(l);
	l->stats.threaded++;
	if (ret == IRQ_HANDLED)
		l->threads_handled++;
	/* woken again meanwhile: the line stays masked until that run */
	if (!test_bit(IRQTF_RUNTHREAD, &action->thread_flags)) {
		l->threads_oneshot &= ~action->thread_mask;
		if (!l->threads_oneshot && !l->disabled && l->masked) {
			l->masked = false;	/* unmask_threaded_irq() */
			resend = evlsim__irq_resend_locked(l);
		}
	}
	l->threads_active--;
	if (!list_empty(&l->syncers))
		evlsim__irq_wake_syncers(l);
	line_unlock(l);
	if (resend)
		evlsim__irq_deliver(l);
}

/* ---- events --------------------------------------------------------------------------- */

bool evlsim__irq_resend_locked(struct evlsim_irq_line *l)
{
	return line_can_fire(l) && has_event(l) && !l->inprogress;
}


void evlsim__irq_deliver(struct evlsim_irq_line *l)
{
	if (READ_ONCE(l->delivery) == LINE_ASYNC)
		evlsim__irq_cpu_queue(l);
	else if (evlsim__hard_irqs_disabled())
		log_event(l);
	else
		flow(l, false);
}

void evlsim__irq_cpu_take(struct evlsim_irq_line *l)
{
	flow(l, true);
}

void evlsim__irq_line_event(struct evlsim_irq_line *l)
{
	line_lock(l);
	if (!is_level(l)) {
		if (!l->action && !l->chained) {
			l->stats.lost++;
			line_unlock(l);
			return;
		}
		l->istate |= LINE_PENDING;
	} else if (!l->asserted) {
		line_unlock(l);
		return;
	}
	line_unlock(l);
	evlsim__irq_deliver(l);
}

void evlsim__irq_flow_nested(struct evlsim_irq_line *l)
{
	line_lock(l);
	l->stats.raised++;
	if (!l->action) {
		l->stats.lost++;
		line_unlock(l);
		return;
	}
	l->istate |= LINE_PENDING;
	line_unlock(l);
	flow(l, false);
}

/**
 * irq_inject_pipeline - inject a software-generated IRQ into the pipeline
 * @irq: IRQ to inject
 *
 * As if the hardware raised @irq on this CPU: an oob line's handlers run now, on the oob
 * stage, whatever the caller's hard irq state, unless the caller's oob stage is stalled
 * (an oob handler runs, oob_irq_disable()): the event is then logged and taken when it is
 * unstalled. An in-band line's event is logged for the in-band stage. Any stage. Returns
 * 0, or -EINVAL when there is no such line.
 */
int irq_inject_pipeline(unsigned int irq)
{
	evlsim__check_service(EVLSIM_SVC_irq_inject_pipeline);
	struct evlsim_irq_line *l = evlsim__irq_line(irq);
	struct evlsim_thread *t = evlsim__current();

	if (!l)
		return -EINVAL;
	line_lock(l);
	l->stats.raised++;
	if (!l->action) {
		l->stats.lost++;
		line_unlock(l);
		return 0;
	}
	l->istate |= LINE_PENDING;
	line_unlock(l);
	if (READ_ONCE(l->oob) && oob_stalled(t))
		log_event(l);
	else
		flow(l, false);
	return 0;
}

/* irq_post_inband(), irq_post_oob() (linux/irqstage.h) */
void evlsim__irq_post(unsigned int irq, bool oob)
{
	evlsim__check_service(EVLSIM_SVC_irq_post_inband);
	struct evlsim_irq_line *l = evlsim__irq_line(irq);

	if (!evlsim__hard_irqs_disabled() &&
	    __atomic_load_n(&evlsim__checks_enabled, __ATOMIC_RELAXED) &&
	    evlsim__check_mode() != EVLSIM_CHECK_OFF)
		evlsim__check_report("irq-post-irqs-on", oob ? "irq_post_oob" : "irq_post_inband",
				     __builtin_return_address(0),
				     "%s(%u) called with hard irqs on (they must be off)",
				     oob ? "irq_post_oob" : "irq_post_inband", irq);
	if (!l) {
		WARN_ONCE(1, "cannot post invalid IRQ%u to %s\n", irq, oob ? "oob" : "in-band");
		return;
	}
	line_lock(l);
	if (oob) {
		l->istate |= LINE_PENDING;
		line_unlock(l);
		log_event(l);
		return;
	}
	l->inband_pending++;
	line_unlock(l);
	queue_inband(l);
}

static __attribute__((constructor)) void irq_flow_init(void)
{
	__atomic_store_n(&evlsim__irq_sync_hook, sync_log, __ATOMIC_RELEASE);
}

/* the oob stall bit of this CPU (linux/irqstage.h: oob_irq_*()) */
int evlsim__oob_stall(int op)
{
	int old = oob_stall_bit;

	switch (op) {
	case 0:			/* test */
		break;
	case 1:			/* stall, hard irqs off */
		hard_local_irq_disable();
		oob_stall_bit = 1;
		break;
	case 2:			/* unstall, hard irqs on: the log is played */
		oob_stall_bit = 0;
		hard_local_irq_enable();
		break;
	}
	return old;
}
