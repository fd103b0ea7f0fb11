// SPDX-License-Identifier: LGPL-2.1-or-later
/*
 * The simulator's interrupt CPUs (kernel world), two host threads started on first use:
 *
 *  - the IRQ CPU ("irq-cpu") takes the events of the lines in ASYNC delivery, in parallel
 *    with the thread that raised them, as another CPU of an SMP machine: a line's
 *    out-of-band handlers run there in the out-of-band interrupt context;
 *  - the in-band IRQ thread ("irq-inband") plays the in-band logs that the CPU which
 *    logged them could not play itself (it ran out-of-band, or with hard irqs off): the
 *    in-band passes of forwarded events and in-band lines, irq_post_inband(). It runs
 *    in-band, not attached to EVL, as the in-band stage of a CPU.
 *
 * Neither is attached to EVL (evl_current() is NULL in their handlers, which drivers must
 * not rely on anyway): the out-of-band interrupt context is what makes a handler
 * out-of-band (evlsim__oob_irq_enter()).
 */
#include <linux/kernel.h>
#include "irq-internal.h"

struct irq_cpu {
	int lock;			/* lock word */
	struct list_head queue;		/* lines with work, in order */
	struct evlsim_thread *thread;	/* once it runs */
	bool idle;			/* it sleeps, or is about to */
	int started;
	const char *name;
	void (*take)(struct evlsim_irq_line *l);
	size_t link;			/* offset of its list_head in a line */
};

static struct irq_cpu oob_cpu = {
	.queue = LIST_HEAD_INIT(oob_cpu.queue),
	.name = "irq-cpu",
	.take = evlsim__irq_cpu_take,
	.link = offsetof(struct evlsim_irq_line, async_next),
};

static struct irq_cpu inband_cpu = {
	.queue = LIST_HEAD_INIT(inband_cpu.queue),
	.name = "irq-inband",
	.take = evlsim__irq_inband_take,
	.link = offsetof(struct evlsim_irq_line, inband_next),
};

static void cpu_thread(void *arg)
{
	struct irq_cpu *cpu = arg;
	struct evlsim_thread *self = evlsim__current();
	struct list_head *link;

	evlsim__lockword_lock(&cpu->lock);
	cpu->thread = self;
	for (;;) {
		if (list_empty(&cpu->queue)) {
			cpu->idle = true;
			evlsim__prepare_sleep(self);
			evlsim__lockword_unlock(&cpu->lock);
			evlsim__sleep(self, EVLSIM_NS_INFINITE, 0);
			evlsim__lockword_lock(&cpu->lock);
			cpu->idle = false;
			continue;
		}
		link = cpu->queue.next;
		list_del_init(link);
		evlsim__lockword_unlock(&cpu->lock);
		cpu->take((struct evlsim_irq_line *)((char *)link - cpu->link));
		evlsim__lockword_lock(&cpu->lock);
	}
}

/* In a child process, the threads are gone: new ones start on demand. */
static void irq_cpus_atfork_child(void)
{
	struct irq_cpu *cpus[] = { &oob_cpu, &inband_cpu };
	unsigned int i;

	for (i = 0; i < ARRAY_SIZE(cpus); i++) {
		cpus[i]->lock = 0;
		INIT_LIST_HEAD(&cpus[i]->queue);
		cpus[i]->thread = NULL;
		cpus[i]->idle = false;
		cpus[i]->started = 0;
	}
}

static void start_cpu(struct irq_cpu *cpu)
{
	static int atfork_registered;

	evlsim__host_thread_once(&cpu->started, &atfork_registered, irq_cpus_atfork_child,
				 cpu_thread, cpu, cpu->name);
}

/* @flag: the line's "queued there" flag, set under its lock */
static void queue_on(struct irq_cpu *cpu, struct evlsim_irq_line *l, bool *flag)
{
	start_cpu(cpu);
	line_lock(l);
	if (*flag) {
		line_unlock(l);
		return;
	}
	*flag = true;
	line_unlock(l);
	evlsim__lockword_lock(&cpu->lock);
	list_add_tail((struct list_head *)((char *)l + cpu->link), &cpu->queue);
	if (cpu->thread && cpu->idle)
		evlsim__wake(cpu->thread);
	evlsim__lockword_unlock(&cpu->lock);
}

void evlsim__irq_cpu_queue(struct evlsim_irq_line *l)
{
	queue_on(&oob_cpu, l, &l->async_pending);
}

void evlsim__irq_inband_queue(struct evlsim_irq_line *l)
{
	queue_on(&inband_cpu, l, &l->inband_queued);
}
