/* SPDX-License-Identifier: LGPL-2.1-or-later */
/*
 * evlsim: simulated interrupt lines and device-side time, for tests and device models
 * (user world; included by <evlsim/hw.h>). docs/api/irq.md describes the model.
 *
 * A test creates a line, hands its number to the driver (a platform device's
 * IORESOURCE_IRQ, or a module parameter), then raises it as the device would. The driver
 * requests it with request_irq() & co. and its handlers run as on an EVL kernel:
 * out-of-band handlers (IRQF_OOB) with hard irqs off and evl_in_irq() true, in-band and
 * threaded handlers in their in-band contexts.
 *
 * Every function returns 0 (or a line number, an id) or a negated errno; none touches
 * errno.
 */
#ifndef _EVLSIM_HW_IRQ_H
#define _EVLSIM_HW_IRQ_H

#ifdef __cplusplus
extern "C" {
#endif

/* Trigger types of a line: the values of the kernel's IRQ_TYPE_* */
#define EVLSIM_IRQ_EDGE_RISING		0x1
#define EVLSIM_IRQ_EDGE_FALLING		0x2
#define EVLSIM_IRQ_EDGE_BOTH		0x3
#define EVLSIM_IRQ_LEVEL_HIGH		0x4
#define EVLSIM_IRQ_LEVEL_LOW		0x8

/**
 * evlsim_irq_line_create - create an interrupt line
 * @name: its name, for diagnostics (copied, truncated to 31 characters)
 * @type: its default trigger type, EVLSIM_IRQ_* (a request may change it, as a device
 *	tree's interrupt specifier would have)
 *
 * Returns the line's Linux irq number (> 0), -EINVAL for a bad @type, -ENOSPC when every
 * line is taken.
 */
int evlsim_irq_line_create(const char *name, unsigned int type);

/** evlsim_irq_line_destroy - give a line back; 0, -EINVAL (no such line), -EBUSY (requested) */
int evlsim_irq_line_destroy(int irq);

/**
 * evlsim_irq_raise - the device signals an interrupt on line @irq
 *
 * An edge line takes one event; a level line is asserted, and keeps interrupting while
 * asserted and enabled (until evlsim_irq_lower()). The event is delivered as the line's
 * mode says (evlsim_irq_set_delivery()). 0 or -EINVAL (no such line).
 */
int evlsim_irq_raise(int irq);

/** evlsim_irq_lower - the device deasserts level line @irq (no-op on an edge line); 0, -EINVAL */
int evlsim_irq_lower(int irq);

enum evlsim_irq_delivery {
	/*
	 * Deterministic (the default): the event is taken in the raising thread, as
	 * Dovetail's irq_inject_pipeline() does on the current CPU: its out-of-band handlers
	 * run there at once, unless that thread has hard irqs off (a hard spinlock held,
	 * hard_local_irq_save(), an interrupt handler running): the event is then logged
	 * and taken when they are back on.
	 */
	EVLSIM_IRQ_INJECT,
	/*
	 * Asynchronous: the event is taken by another CPU, the simulator's IRQ CPU thread,
	 * in parallel with the raising thread (a missing hard lock in the driver shows under
	 * ThreadSanitizer). evlsim_irq_wait_idle() waits for it.
	 */
	EVLSIM_IRQ_ASYNC,
};

/** evlsim_irq_set_delivery - choose how line @irq delivers; 0, -EINVAL */
int evlsim_irq_set_delivery(int irq, enum evlsim_irq_delivery how);

/**
 * evlsim_irq_wait_idle - wait until nothing is pending or running on line @irq
 *
 * Neither a handler pass, nor an event queued for the IRQ CPU, nor an in-band pass
 * logged, nor a woken irq thread. 0, -EINVAL; -EDEADLK from a handler of that line.
 */
int evlsim_irq_wait_idle(int irq);

/* What happened on a line since it was created. */
struct evlsim_irq_stats {
	unsigned long raised;		/* evlsim_irq_raise() calls, irq_inject_pipeline() */
	unsigned long oob_handled;	/* out-of-band passes of the handlers */
	unsigned long forwarded;	/* ... whose result had IRQ_FORWARD */
	unsigned long inband_handled;	/* in-band passes (in-band line or forwarded) */
	unsigned long threaded;		/* thread_fn runs */
	unsigned long unhandled;	/* passes that returned IRQ_NONE */
	unsigned long logged;		/* events deferred while hard irqs were off */
	unsigned long lost;		/* edges on a line nobody requested */
	int disabled;			/* the line is disabled now (depth or spurious) */
	int spurious_disabled;		/* ... by the unhandled-interrupt accounting */
	int oob;			/* the line is handled out-of-band */
	unsigned int type;		/* its trigger type now (EVLSIM_IRQ_*) */
};

/** evlsim_irq_stats - the counters and state of line @irq; 0, -EINVAL */
int evlsim_irq_stats(int irq, struct evlsim_irq_stats *stats);

/**
 * evlsim_hw_after - run @fn(@ctx) on the device side, @delay_ns from now
 *
 * The callbacks run one at a time, in date order, on the simulator's device thread (not
 * an EVL context, no kernel context: a device model), on the one clock of the simulator.
 * They may raise and lower lines; an INJECT line then delivers in the device thread.
 * Returns an id (> 0) for evlsim_hw_cancel(), or -EINVAL (@fn NULL).
 */
int evlsim_hw_after(unsigned long long delay_ns, void (*fn)(void *ctx), void *ctx);

/**
 * evlsim_hw_cancel - cancel a callback of evlsim_hw_after()
 *
 * 0 if it will not run; -ENOENT if it already ran (a callback running now is waited for,
 * unless evlsim_hw_cancel() is called from it).
 */
int evlsim_hw_cancel(int id);

#ifdef __cplusplus
}
#endif

#endif /* _EVLSIM_HW_IRQ_H */
