/* SPDX-License-Identifier: LGPL-2.1-or-later */
/*
 * Simulated interrupts, kernel world: the line descriptors and what the files of the
 * interrupt core share (irq-desc.c, irq-manage.c, irq-flow.c, irq-cpu.c). See
 * docs/api/irq.md for the model and irq-flow.c for the delivery rules.
 */
#ifndef _EVLSIM_HW_IRQ_INTERNAL_H
#define _EVLSIM_HW_IRQ_INTERNAL_H

#include <linux/interrupt.h>
#include <linux/irq.h>
#include <linux/list.h>
#include "kinternal.h"

#define EVLSIM_IRQ_BASE		32	/* the first line number handed out */
#define EVLSIM_NR_IRQ_LINES	256

/* istate bits (the kernel's IRQS_* of kernel/irq/internals.h, those we keep) */
#define LINE_PENDING		0x01	/* an edge came while the line could not fire */
#define LINE_SPURIOUS_DISABLED	0x02	/* disabled by the unhandled-interrupt accounting */
#define LINE_ONESHOT		0x04	/* IRQS_ONESHOT */

/* The line's delivery (enum evlsim_irq_delivery of <evlsim/hw-irq.h>) */
#define LINE_INJECT		0
#define LINE_ASYNC		1

/* counters of a line, as struct evlsim_irq_stats (<evlsim/hw-irq.h>) */
struct line_stats {
	unsigned long raised, oob_handled, forwarded, inband_handled, threaded, unhandled,
		logged, lost;
};

/*
 * One interrupt line: the descriptor (struct irq_desc) and the line's electrical state
 * behind the simulated chip. Every field is under ->lock (a lock word: no hard irq state
 * of the caller changes with it), but ->action, which handlers walk without it while
 * ->inprogress is set, as the kernel's do.
 */
struct evlsim_irq_line {
	int lock;
	unsigned int irq;
	bool used;			/* created by a test */
	char name[32];
	unsigned int type;		/* IRQ_TYPE_* now in force */
	struct irqaction *action;	/* the chain */
	bool oob;			/* irq_settings_is_oob() */
	bool disabled;			/* IRQD_IRQ_DISABLED (disable_irq(), spurious) */
	bool masked;			/* masked by the flow: oneshot thread, in-band level */
	unsigned int depth;		/* nested disables */
	unsigned int istate;		/* LINE_* */
	bool asserted;			/* level: the device holds the line active */
	int delivery;			/* LINE_INJECT, LINE_ASYNC */

	bool inprogress;		/* IRQD_IRQ_INPROGRESS: a pass of handlers runs */
	void *inprogress_thread;	/* its thread (struct evlsim_thread *) */
	unsigned int inband_pending;	/* in-band passes logged (forwarded or in-band line) */
	bool async_pending;		/* queued for the IRQ CPU */
	unsigned int threads_active;	/* woken irq threads not done yet */
	unsigned long threads_oneshot;	/* oneshot thread bits keeping the line masked */

	/* unhandled-interrupt accounting (kernel/irq/spurious.c, pipeline.c) */
	unsigned int irq_count, irqs_unhandled;
	unsigned long last_unhandled;	/* jiffies */
	unsigned int threads_handled, threads_handled_last;
	unsigned long storm;		/* consecutive re-fires of an asserted level line */

	bool inband_queued;		/* queued for the in-band IRQ thread */
	struct list_head syncers;	/* waiting for the line to go idle */
	struct list_head async_next;	/* on the IRQ CPU's queue */
	struct list_head inband_next;	/* on the in-band IRQ thread's queue */
	struct evlsim_mutex request_mutex;
	struct line_stats stats;

	/* the descriptor as chip drivers see it (irq-chip.c, irq-domain.c) */
	struct irq_desc desc;
	struct irq_domain *domain;	/* mapped in it (irq_create_mapping()), or NULL */
	bool chained;			/* a chained flow handler serves it (no actions) */
	bool percpu_devid;		/* per-CPU-devid (synthetic) line */
	struct module *mapper;		/* the module that created the mapping */
};

/* the kernel's IRQTF_* bits of irqaction::thread_flags (kernel/irq/internals.h) */
enum {
	IRQTF_RUNTHREAD,
	IRQTF_WARNED,
	IRQTF_AFFINITY,
	IRQTF_FORCED_THREAD,
	IRQTF_READY,
};

#define ACTION_FRAMES		16

/* an action and what the simulator keeps about it */
struct sim_action {
	struct irqaction act;
	struct module *owner;		/* charged to */
	bool devm;			/* released with its device (devres) */
	int nframes;
	void *frames[ACTION_FRAMES];	/* where it was requested */
};

static inline struct sim_action *to_sim(struct irqaction *action)
{
	return container_of(action, struct sim_action, act);
}

/* irq-desc.c */
struct evlsim_irq_line *evlsim__irq_line(unsigned int irq);	/* NULL: no such line */
static inline void line_lock(struct evlsim_irq_line *l)
{
	evlsim__lockword_lock(&l->lock);
}
static inline void line_unlock(struct evlsim_irq_line *l)
{
	evlsim__lockword_unlock(&l->lock);
}
/* line locked: wake the threads waiting for it to go idle */
void evlsim__irq_wake_syncers(struct evlsim_irq_line *l);
/* what evlsim__irq_wait_idle() waits for */
#define EVLSIM_IRQ_WAIT_HARD	0	/* a pass of hard handlers (synchronize_hardirq()) */
#define EVLSIM_IRQ_WAIT_THREADS	1	/* ... and the irq threads (synchronize_irq()) */
#define EVLSIM_IRQ_WAIT_ALL	2	/* ... and events queued or logged (evlsim_irq_wait_idle()) */
/* line locked: whether anything of @what runs or is pending on it */
bool evlsim__irq_busy(struct evlsim_irq_line *l, int what);
/* waits until !evlsim__irq_busy(l, what); never for a pass the caller itself runs */
void evlsim__irq_wait_idle(struct evlsim_irq_line *l, int what);
/* a new line, for a test or a domain mapping: its number, or -ENOSPC/-EINVAL */
int evlsim__irq_line_alloc(const char *name, unsigned int type);
/* gives line @l back (no action requested): 0, -EBUSY */
int evlsim__irq_line_free(struct evlsim_irq_line *l);
/* line locked: the simulated chip's irq_set_type(); 0 or -EINVAL */
int evlsim__irq_set_trigger(struct evlsim_irq_line *l, unsigned int type);

/* line locked: an event to take (a latched edge, an asserted level) */
static inline bool line_has_event(struct evlsim_irq_line *l)
{
	return (l->istate & LINE_PENDING) ||
		((l->type & IRQ_TYPE_LEVEL_MASK) && l->asserted);
}

/* irq-chip.c: the chip calls of the flow and of request/free (line locked) */
void evlsim__irq_chip_startup(struct evlsim_irq_line *l);
void evlsim__irq_chip_shutdown(struct evlsim_irq_line *l);
/* a pass of the chained flow handler of @l (irq-flow.c's flow() calls it) */
void evlsim__irq_chained_flow(struct evlsim_irq_line *l, bool from_cpu);
/* irq-flow.c: takes one event of the mapped line @l now, in the calling thread (a
 * chained handler's generic_handle_domain_irq()); hard irqs are off */
void evlsim__irq_flow_nested(struct evlsim_irq_line *l);
/* irq-domain.c: irq_create_mapping() without the stage check (the test side) */
unsigned int evlsim__irq_create_mapping(struct irq_domain *domain, irq_hw_number_t hwirq);
/* irq-domain.c: the mappings a module left, at unload */
int evlsim__irq_mapping_count(struct module *mod);

/* irq-flow.c */
/* an event on the line: deliver it as its mode says, from the calling thread */
void evlsim__irq_line_event(struct evlsim_irq_line *l);
/* line locked: the line can take an interrupt now */
static inline bool line_can_fire(struct evlsim_irq_line *l)
{
	return l->action && !l->disabled && !l->masked;
}
/* line locked: the line was started, unmasked or enabled: true if it holds an event to
 * resend (the caller then calls evlsim__irq_deliver() once it unlocked the line) */
bool evlsim__irq_resend_locked(struct evlsim_irq_line *l);
/* an event latched on the line: deliver it as its mode says, from the calling thread */
void evlsim__irq_deliver(struct evlsim_irq_line *l);
/* the irq thread: call @action's thread_fn, then account for it (finalize oneshot) */
irqreturn_t evlsim__irq_call_thread_fn(struct evlsim_irq_line *l, struct irqaction *action);
void evlsim__irq_thread_done(struct evlsim_irq_line *l, struct irqaction *action,
			     irqreturn_t ret);
void evlsim__irq_wake_thread(struct evlsim_irq_line *l, struct irqaction *action);

/* irq-spurious.c, line locked: the result of an out-of-band pass, of an in-band one */
void evlsim__irq_unexpected_oob(struct evlsim_irq_line *l, irqreturn_t ret);
void evlsim__irq_note_interrupt(struct evlsim_irq_line *l, irqreturn_t ret);

/* irq-cpu.c: the IRQ CPU, for lines in ASYNC delivery, and the in-band IRQ thread */
void evlsim__irq_cpu_queue(struct evlsim_irq_line *l);
void evlsim__irq_inband_queue(struct evlsim_irq_line *l);
/* irq-flow.c: what they run */
void evlsim__irq_cpu_take(struct evlsim_irq_line *l);
void evlsim__irq_inband_take(struct evlsim_irq_line *l);

/* irq-manage.c */
int evlsim__irq_request(unsigned int irq, irq_handler_t handler, irq_handler_t thread_fn,
			unsigned long irqflags, const char *devname, void *dev_id, bool devm,
			const void *caller);
/* line locked: __enable_irq(); true when it started the line */
bool evlsim__irq_enable_locked(struct evlsim_irq_line *l);
/* the first action of @mod (a devm one if @devm), its line in *@irq; NULL if none */
struct irqaction *evlsim__irq_find_owned(struct module *mod, bool devm, unsigned int *irq);

/* irq-devres.c: devm actions of @mod still requested when it is unloaded */
void evlsim__irq_devres_leftovers(struct module *mod);

#endif
