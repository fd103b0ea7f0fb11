// SPDX-License-Identifier: LGPL-2.1-or-later
/*
 * Requesting, freeing, enabling and disabling interrupts (kernel world), after
 * kernel/irq/manage.c of linux-evl v6.12 (K @03cf6fd: request_threaded_irq(),
 * __setup_irq() with IRQF_OOB, __free_irq(), __disable_irq()/__enable_irq(), the irq
 * thread) and kernel/irq/devres.c. The checks and their order, the error codes and the
 * messages are the kernel's (spec hardware-model.md, A.1.2 and A.1.3).
 *
 * Each action is charged to the module that requested it: a module unloaded with a line
 * still requested is reported, with where it was requested, and the line is freed
 * (irq-acct.c).
 */
#include <linux/kernel.h>
#include <linux/sched.h>
#include <linux/kthread.h>
#include <linux/string.h>
#include <linux/device.h>
#include "irq-internal.h"
#include "kernel/ksched.h"
#include "core/backtrace.h"


irqreturn_t no_action(int cpl, void *dev_id)
{
	return IRQ_NONE;
}

/* the primary handler of a request with a thread function only */
static irqreturn_t irq_default_primary_handler(int irq, void *dev_id)
{
	return IRQ_WAKE_THREAD;
}

/* ---- the irq thread (in-band kthread "irq/N-name") ------------------------------------ */

static int irq_wait_for_interrupt(struct irqaction *action)
{
	for (;;) {
		set_current_state(TASK_INTERRUPTIBLE);
		if (kthread_should_stop()) {
			__set_current_state(TASK_RUNNING);
			return -1;
		}
		if (test_and_clear_bit(IRQTF_RUNTHREAD, &action->thread_flags)) {
			__set_current_state(TASK_RUNNING);
			return 0;
		}
		schedule();
	}
}

static int irq_thread(void *data)
{
	struct irqaction *action = data;
	struct evlsim_irq_line *l = evlsim__irq_line(action->irq);
	irqreturn_t ret;

	while (!irq_wait_for_interrupt(action)) {
		ret = evlsim__irq_call_thread_fn(l, action);
		evlsim__irq_thread_done(l, action, ret);
	}
	return 0;
}

static int setup_irq_thread(struct irqaction *new, unsigned int irq)
{
	char name[TASK_COMM_LEN + 16];
	struct task_struct *t;
	struct module *owner;

	snprintf(name, sizeof(name), "irq/%u-%s", irq, new->name ?: "");
	/* the simulator's thread, not the module's: charged as the line, not as memory */
	owner = evlsim__owner_enter(NULL);
	t = evlsim__kthread_start(irq_thread, new, 0, name);
	evlsim__owner_leave(owner);
	if (IS_ERR(t))
		return PTR_ERR(t);
	new->thread = get_task_struct(t);
	return 0;
}

static void stop_irq_thread(struct irqaction *action)
{
	struct task_struct *t = action->thread;

	if (t) {
		action->thread = NULL;
		evlsim__unchecked_begin();
		kthread_stop_put(t);
		evlsim__unchecked_end();
	}
}

/* ---- request ---------------------------------------------------------------------------- */

/* __setup_irq() with interrupt pipelining on */
static int setup_irq(struct evlsim_irq_line *l, struct irqaction *new)
{
	struct irqaction *old, **old_ptr;
	unsigned long thread_mask = 0;
	bool shared = false, resend = false;
	unsigned int oldtype;
	int ret;

	new->irq = l->irq;
	/* out-of-band interrupts can be shared but not threaded */
	if (new->flags & IRQF_OOB) {
		if (new->thread_fn)
			return -EINVAL;
		new->flags |= IRQF_NO_THREAD;
		new->flags &= ~IRQF_ONESHOT;
	}
	/* the trigger type the caller does not give is the line's */
	if (!(new->flags & IRQF_TRIGGER_MASK))
		new->flags |= READ_ONCE(l->type);

	if (new->thread_fn) {
		ret = setup_irq_thread(new, l->irq);
		if (ret)
			return ret;
	}

	evlsim__mutex_lock(&l->request_mutex);
	line_lock(l);
	old_ptr = &l->action;
	old = *old_ptr;
	if (old) {
		/* the line's trigger type was set when it was created (its "device tree") */
		oldtype = l->type;
		if (!((old->flags & new->flags) & IRQF_SHARED) ||
		    oldtype != (new->flags & IRQF_TRIGGER_MASK) ||
		    ((old->flags ^ new->flags) & IRQF_OOB))
			goto mismatch;
		if ((old->flags & IRQF_ONESHOT) && (new->flags & IRQF_COND_ONESHOT))
			new->flags |= IRQF_ONESHOT;
		else if ((old->flags ^ new->flags) & IRQF_ONESHOT)
			goto mismatch;
		if ((old->flags & IRQF_PERCPU) != (new->flags & IRQF_PERCPU))
			goto mismatch;
		do {
			thread_mask |= old->thread_mask;
			old_ptr = &old->next;
			old = *old_ptr;
		} while (old);
		shared = true;
	}

	if (new->flags & IRQF_ONESHOT) {
		if (thread_mask == ~0UL) {
			ret = -EBUSY;
			goto out_unlock;
		}
		new->thread_mask = 1UL << ffz(thread_mask);
	} else if (new->handler == irq_default_primary_handler) {
		/* the simulated chip is not oneshot-safe */
		pr_err("Threaded irq requested with handler=NULL and !ONESHOT for %s (irq %u)\n",
		       new->name, l->irq);
		ret = -EINVAL;
		goto out_unlock;
	}

	if (!shared) {
		if (new->flags & IRQF_TRIGGER_MASK) {
			ret = evlsim__irq_set_trigger(l, new->flags & IRQF_TRIGGER_MASK);
			if (ret)
				goto out_unlock;
		}
		l->istate &= ~(LINE_SPURIOUS_DISABLED | LINE_ONESHOT);
		if (new->flags & IRQF_ONESHOT)
			l->istate |= LINE_ONESHOT;
		/* irq_settings_set_oob(): the descriptor is oob, for every later action too */
		l->oob = new->flags & IRQF_OOB;
		if (!(new->flags & IRQF_NO_AUTOEN)) {
			/* irq_startup(desc, IRQ_RESEND, ...) */
			l->depth = 0;
			l->disabled = false;
			l->masked = false;
			resend = true;
			evlsim__irq_chip_startup(l);
		} else {
			WARN_ON_ONCE(new->flags & IRQF_SHARED);
			l->depth = 1;	/* undo nested disables: enable_irq() starts it */
		}
	}

	/* handlers walk the chain without the lock */
	__atomic_store_n(old_ptr, new, __ATOMIC_RELEASE);
	l->irq_count = 0;
	l->irqs_unhandled = 0;
	if (shared && (l->istate & LINE_SPURIOUS_DISABLED)) {
		l->istate &= ~LINE_SPURIOUS_DISABLED;
		resend = evlsim__irq_enable_locked(l);
	}
	resend = resend && evlsim__irq_resend_locked(l);
	line_unlock(l);
	evlsim__mutex_unlock(&l->request_mutex);
	if (resend)
		evlsim__irq_deliver(l);
	return 0;

mismatch:
	if (!(new->flags & IRQF_PROBE_SHARED))
		pr_err("Flags mismatch irq %u. %08x (%s) vs. %08x (%s)\n",
		       l->irq, new->flags, new->name, old->flags, old->name);
	ret = -EBUSY;
out_unlock:
	line_unlock(l);
	evlsim__mutex_unlock(&l->request_mutex);
	stop_irq_thread(new);
	return ret;
}

int evlsim__irq_request(unsigned int irq, irq_handler_t handler, irq_handler_t thread_fn,
		      unsigned long irqflags, const char *devname, void *dev_id, bool devm,
		      const void *caller)
{
	struct evlsim_irq_line *l;
	struct sim_action *sa;
	int ret, n;

	if (irq == IRQ_NOTCONNECTED)
		return -ENOTCONN;
	/*
	 * shared interrupts need a real dev_id and do not go with IRQF_NO_AUTOEN;
	 * IRQF_COND_SUSPEND only makes sense shared, and not with IRQF_NO_SUSPEND
	 */
	if (((irqflags & IRQF_SHARED) && !dev_id) ||
	    ((irqflags & IRQF_SHARED) && (irqflags & IRQF_NO_AUTOEN)) ||
	    (!(irqflags & IRQF_SHARED) && (irqflags & IRQF_COND_SUSPEND)) ||
	    ((irqflags & IRQF_NO_SUSPEND) && (irqflags & IRQF_COND_SUSPEND)))
		return -EINVAL;
	l = evlsim__irq_line(irq);
	if (!l)
		return -EINVAL;
	/* IRQ_NOREQUEST (chained), per-CPU-devid lines through the per-CPU call only */
	if (READ_ONCE(l->chained) || (l->percpu_devid && !(irqflags & IRQF_PERCPU)))
		return -EINVAL;
	if (!READ_ONCE(l->desc.irq_data.chip))
		return -ENOSYS;		/* no_irq_chip: a mapping its domain gave no chip */
	if (!handler) {
		if (!thread_fn)
			return -EINVAL;
		handler = irq_default_primary_handler;
	}
	/* fail_request_irq: the allocation of the action fails */
	if (unlikely(__atomic_load_n(&evlsim__faults_on, __ATOMIC_RELAXED)) &&
	    evlsim__should_fail_at(EVLSIM_FAULT_REQUEST_IRQ, sizeof(*sa), caller))
		return -ENOMEM;
	sa = evlsim__zalloc(sizeof(*sa));
	sa->act.handler = handler;
	sa->act.thread_fn = thread_fn;
	sa->act.flags = irqflags;
	sa->act.name = devname;
	sa->act.dev_id = dev_id;
	sa->owner = evlsim__acct_owner();
	sa->devm = devm;
	if (sa->owner) {
		/* from the caller of evlsim__irq_request() */
		n = evlsim__backtrace(sa->frames, ACTION_FRAMES, 1);
		if (n > 0)
			sa->nframes = n;
	}
	ret = setup_irq(l, &sa->act);
	if (ret)
		evlsim__free(sa);
	return ret;
}

/**
 * request_threaded_irq - allocate an interrupt line
 * @irq: Interrupt line to allocate
 * @handler: Function to be called when the IRQ occurs (primary handler); NULL with
 *	@thread_fn installs the default primary handler
 * @thread_fn: Function called from the irq handler thread, or NULL: no thread
 * @irqflags: Interrupt type flags (IRQF_*)
 * @devname: An ascii name for the claiming device
 * @dev_id: A cookie passed back to the handler function
 *
 * In-band, may sleep. Returns 0, -ENOTCONN, -EINVAL, -EBUSY or -ENOMEM as
 * docs/api/irq.md lists them (IRQF_OOB with a @thread_fn: -EINVAL; a shared line whose
 * actions disagree on IRQF_SHARED, the trigger, IRQF_OOB, IRQF_ONESHOT or IRQF_PERCPU:
 * -EBUSY).
 */
noinline int (request_threaded_irq)(unsigned int irq, irq_handler_t handler,
				    irq_handler_t thread_fn, unsigned long irqflags,
				    const char *devname, void *dev_id)
{
	evlsim__check_service(EVLSIM_SVC_request_irq);
	return evlsim__irq_request(irq, handler, thread_fn, irqflags, devname, dev_id, false,
			  __builtin_return_address(0));
}

int (request_any_context_irq)(unsigned int irq, irq_handler_t handler, unsigned long flags,
			      const char *name, void *dev_id)
{
	evlsim__check_service(EVLSIM_SVC_request_irq);
	int ret;

	if (irq == IRQ_NOTCONNECTED)
		return -ENOTCONN;
	if (!evlsim__irq_line(irq))
		return -EINVAL;
	ret = evlsim__irq_request(irq, handler, NULL, flags | IRQF_COND_ONESHOT, name, dev_id, false,
			 __builtin_return_address(0));
	return !ret ? IRQC_IS_HARDIRQ : ret;
}

/* ---- free ------------------------------------------------------------------------------- */

static struct irqaction *do_free(struct evlsim_irq_line *l, void *dev_id)
{
	struct irqaction *action, **action_ptr;

	evlsim__mutex_lock(&l->request_mutex);
	line_lock(l);
	for (action_ptr = &l->action;; action_ptr = &action->next) {
		action = *action_ptr;
		if (!action) {
			line_unlock(l);
			evlsim__mutex_unlock(&l->request_mutex);
			WARN(1, "Trying to free already-free IRQ %u\n", l->irq);
			return NULL;
		}
		if (action->dev_id == dev_id)
			break;
	}
	__atomic_store_n(action_ptr, action->next, __ATOMIC_RELEASE);
	if (!l->action) {
		/* irq_shutdown(), then the oob setting is turned off */
		l->depth = 1;
		l->disabled = true;
		l->masked = false;
		l->oob = false;
		evlsim__irq_chip_shutdown(l);
	}
	line_unlock(l);
	/* no handler of the action runs any more once this returns (__synchronize_irq) */
	evlsim__irq_wait_idle(l, EVLSIM_IRQ_WAIT_THREADS);
	stop_irq_thread(action);
	evlsim__mutex_unlock(&l->request_mutex);
	return action;
}

/* free-irq-in-irq: the kernel WARNs "Trying to free IRQ %d from IRQ context!" */
static bool check_free_context(unsigned int irq, const void *caller)
{
	struct evlsim_thread *t = evlsim__self;

	if (!t || (!t->in_irq && !t->in_inband_irq))
		return false;
	if (__atomic_load_n(&evlsim__checks_enabled, __ATOMIC_RELAXED) &&
	    evlsim__check_mode() != EVLSIM_CHECK_OFF)
		evlsim__check_report("free-irq-in-irq", "free_irq", caller,
				     "Trying to free IRQ %u from IRQ context!", irq);
	return true;
}

/**
 * free_irq - free an interrupt allocated with request_irq
 * @irq: Interrupt line to free
 * @dev_id: Device identity to free
 *
 * Removes the action; the last one shuts the line down. Does not return until every
 * handler of the line running now has returned and the action's thread has stopped.
 * In-band, never from interrupt context. Returns the devname passed to request_irq(), or
 * NULL (no such line; no action with @dev_id: WARN "Trying to free already-free IRQ").
 */
const void *free_irq(unsigned int irq, void *dev_id)
{
	struct evlsim_irq_line *l;
	struct irqaction *action;
	const char *devname;

	if (!check_free_context(irq, __builtin_return_address(0)))
		evlsim__check_service(EVLSIM_SVC_free_irq);
	l = evlsim__irq_line(irq);
	if (!l)
		return NULL;
	action = do_free(l, dev_id);
	if (!action)
		return NULL;
	devname = action->name;
	evlsim__free(to_sim(action));
	return devname;
}

/* ---- enable, disable, synchronize ----------------------------------------------------- */

static void disable_nosync(struct evlsim_irq_line *l)
{
	line_lock(l);
	if (!l->depth++)
		l->disabled = true;	/* irq_disable() */
	line_unlock(l);
}

/**
 * disable_irq_nosync - disable an irq without waiting
 * @irq: Interrupt to disable
 *
 * Disables are nested: as many enable_irq() calls restart the line. Events on a
 * disabled line are kept (an edge, a level held) and taken when it is enabled. Any
 * stage, interrupt handlers included.
 */
void disable_irq_nosync(unsigned int irq)
{
	evlsim__check_service(EVLSIM_SVC_disable_irq_nosync);
	struct evlsim_irq_line *l = evlsim__irq_line(irq);

	if (l)
		disable_nosync(l);
}

/**
 * disable_irq - disable an irq and wait for completion
 * @irq: Interrupt to disable
 *
 * As disable_irq_nosync(), then waits for the handlers of the line running now (its
 * thread handlers included) to return. In-band, may sleep: a handler of the same line
 * calling it would wait for itself.
 */
void disable_irq(unsigned int irq)
{
	evlsim__check_service(EVLSIM_SVC_disable_irq);
	struct evlsim_irq_line *l = evlsim__irq_line(irq);

	if (!l)
		return;
	disable_nosync(l);
	evlsim__irq_wait_idle(l, EVLSIM_IRQ_WAIT_THREADS);
}

/**
 * disable_hardirq - disable an irq and wait for its hard handlers
 *
 * Returns false if a threaded handler of the line is active. Any stage.
 */
bool disable_hardirq(unsigned int irq)
{
	evlsim__check_service(EVLSIM_SVC_disable_irq_nosync);
	struct evlsim_irq_line *l = evlsim__irq_line(irq);

	if (!l)
		return false;
	disable_nosync(l);
	return synchronize_hardirq(irq);
}

/* line locked: __enable_irq(); true when the line was started (the caller resends) */
bool evlsim__irq_enable_locked(struct evlsim_irq_line *l)
{
	switch (l->depth) {
	case 0:
		WARN(1, "Unbalanced enable for IRQ %u\n", l->irq);
		return false;
	case 1:
		/* irq_startup(desc, IRQ_RESEND, IRQ_START_FORCE) */
		l->depth = 0;
		l->disabled = false;
		return true;
	default:
		l->depth--;
		return false;
	}
}

/**
 * enable_irq - enable handling of an irq
 * @irq: Interrupt to enable
 *
 * Undoes one disable_irq*(); the last one restarts the line and resends what it kept
 * (delivered as the line's mode says, from the caller). An enable without a disable
 * WARNs "Unbalanced enable for IRQ %d". Any stage.
 */
void enable_irq(unsigned int irq)
{
	evlsim__check_service(EVLSIM_SVC_enable_irq);
	struct evlsim_irq_line *l = evlsim__irq_line(irq);
	bool resend;

	if (!l)
		return;
	line_lock(l);
	resend = evlsim__irq_enable_locked(l) && evlsim__irq_resend_locked(l);
	line_unlock(l);
	if (resend)
		evlsim__irq_deliver(l);
}

/**
 * synchronize_irq - wait for pending IRQ handlers (on other CPUs)
 * @irq: interrupt number to wait for
 *
 * Waits until no hard handler pass of the line runs and no irq thread of it is active.
 * In-band, may sleep.
 */
void synchronize_irq(unsigned int irq)
{
	evlsim__check_service(EVLSIM_SVC_synchronize_irq);
	struct evlsim_irq_line *l = evlsim__irq_line(irq);

	if (l)
		evlsim__irq_wait_idle(l, EVLSIM_IRQ_WAIT_THREADS);
}

/**
 * synchronize_hardirq - wait for pending hard IRQ handlers (on other CPUs)
 *
 * Returns false if a threaded handler is active. Any stage.
 */
bool synchronize_hardirq(unsigned int irq)
{
	struct evlsim_irq_line *l = evlsim__irq_line(irq);
	bool idle;

	if (!l)
		return true;
	evlsim__irq_wait_idle(l, EVLSIM_IRQ_WAIT_HARD);
	line_lock(l);
	idle = !l->threads_active;
	line_unlock(l);
	return idle;
}

bool irq_has_action(unsigned int irq)
{
	struct evlsim_irq_line *l = evlsim__irq_line(irq);

	return l && READ_ONCE(l->action);
}

/**
 * irq_wake_thread - wake the irq thread for the action identified by @dev_id
 */
void irq_wake_thread(unsigned int irq, void *dev_id)
{
	struct evlsim_irq_line *l = evlsim__irq_line(irq);
	struct irqaction *action;

	if (!l)
		return;
	line_lock(l);
	for (action = l->action; action; action = action->next)
		if (action->dev_id == dev_id)
			break;
	line_unlock(l);
	if (action && action->thread)
		evlsim__irq_wake_thread(l, action);
}
