/* SPDX-License-Identifier: LGPL-2.1-or-later */
/*
 * evlsim shim: linux-evl v6.12 include/linux/interrupt.h (K @03cf6fd), the part a device
 * driver uses: the IRQF_* flags with Dovetail's IRQF_OOB, struct irqaction, request and
 * free, enable and disable, synchronization. Names, values and signatures are the
 * kernel's; the implementation is sim/hw/irq-*.c (docs/api/irq.md).
 *
 * Custom: the lines are the simulator's (created by a test with evlsim_irq_line_create(),
 * <evlsim/hw.h>), behind one pipeline-safe interrupt chip; interrupt pipelining is always
 * on, so IRQF_OOB is honoured. Not provided: per-CPU and NMI lines, tasklets, softirqs,
 * affinity, wake-up control. request_threaded_irq() and devm_request_threaded_irq() are
 * wrapped, in module code, so that the line is charged to the calling module (resource
 * accounting, linux/evlsim-owner.h).
 */
#ifndef _EVLSIM_LINUX_INTERRUPT_H
#define _EVLSIM_LINUX_INTERRUPT_H

#include <linux/kernel.h>
#include <linux/bitops.h>
#include <linux/irqreturn.h>
#include <linux/irqflags.h>
#include <linux/irqstage.h>
#include <linux/hardirq.h>
#include <linux/atomic.h>
#include <linux/workqueue.h>
#include <linux/evlsim-owner.h>

#define IRQF_TRIGGER_NONE	0x00000000
#define IRQF_TRIGGER_RISING	0x00000001
#define IRQF_TRIGGER_FALLING	0x00000002
#define IRQF_TRIGGER_HIGH	0x00000004
#define IRQF_TRIGGER_LOW	0x00000008
#define IRQF_TRIGGER_MASK	(IRQF_TRIGGER_HIGH | IRQF_TRIGGER_LOW | \
				 IRQF_TRIGGER_RISING | IRQF_TRIGGER_FALLING)
#define IRQF_TRIGGER_PROBE	0x00000010

#define IRQF_SHARED		0x00000080
#define IRQF_PROBE_SHARED	0x00000100
#define __IRQF_TIMER		0x00000200
#define IRQF_PERCPU		0x00000400
#define IRQF_NOBALANCING	0x00000800
#define IRQF_IRQPOLL		0x00001000
#define IRQF_ONESHOT		0x00002000
#define IRQF_NO_SUSPEND		0x00004000
#define IRQF_FORCE_RESUME	0x00008000
#define IRQF_NO_THREAD		0x00010000
#define IRQF_EARLY_RESUME	0x00020000
#define IRQF_COND_SUSPEND	0x00040000
#define IRQF_NO_AUTOEN		0x00080000
#define IRQF_NO_DEBUG		0x00100000
#define IRQF_COND_ONESHOT	0x00200000
/* the action runs on the out-of-band stage of the interrupt pipeline */
#define IRQF_OOB		0x00400000

#define IRQF_TIMER		(__IRQF_TIMER | IRQF_NO_SUSPEND | IRQF_NO_THREAD)

/* what request_any_context_irq() returns on success */
enum {
	IRQC_IS_HARDIRQ	= 0,
	IRQC_IS_NESTED,
};

typedef irqreturn_t (*irq_handler_t)(int, void *);

struct task_struct;
struct proc_dir_entry;
struct device;

/**
 * struct irqaction - per interrupt action descriptor
 * @handler:	interrupt handler function
 * @name:	name of the device
 * @dev_id:	cookie to identify the device
 * @percpu_dev_id: cookie to identify the device (per-CPU lines: not simulated)
 * @next:	pointer to the next irqaction for shared interrupts
 * @irq:	interrupt number
 * @flags:	flags (see IRQF_* above)
 * @thread_fn:	interrupt handler function for threaded interrupts
 * @thread:	thread pointer for threaded interrupts
 * @secondary:	pointer to secondary irqaction (force threading: never set here)
 * @thread_flags: flags related to @thread
 * @thread_mask: bitmask for keeping track of @thread activity
 * @dir:	pointer to the proc/irq/NN/name entry (always NULL here)
 */
struct irqaction {
	irq_handler_t		handler;
	void			*dev_id;
	void			*percpu_dev_id;
	struct irqaction	*next;
	irq_handler_t		thread_fn;
	struct task_struct	*thread;
	struct irqaction	*secondary;
	unsigned int		irq;
	unsigned int		flags;
	unsigned long		thread_flags;
	unsigned long		thread_mask;
	const char		*name;
	struct proc_dir_entry	*dir;
};

irqreturn_t no_action(int cpl, void *dev_id) __evlsim_ksym(no_action);

/* request_threaded_irq() of a line that is not connected fails with -ENOTCONN */
#define IRQ_NOTCONNECTED	(1U << 31)

int __must_check request_threaded_irq(unsigned int irq, irq_handler_t handler,
				      irq_handler_t thread_fn, unsigned long flags,
				      const char *name, void *dev)
	__evlsim_ksym(request_threaded_irq);
int __must_check request_any_context_irq(unsigned int irq, irq_handler_t handler,
					 unsigned long flags, const char *name, void *dev_id)
	__evlsim_ksym(request_any_context_irq);
const void *free_irq(unsigned int irq, void *dev_id) __evlsim_ksym(free_irq);

int __must_check devm_request_threaded_irq(struct device *dev, unsigned int irq,
					   irq_handler_t handler, irq_handler_t thread_fn,
					   unsigned long irqflags, const char *devname,
					   void *dev_id)
	__evlsim_ksym(devm_request_threaded_irq);
int __must_check devm_request_any_context_irq(struct device *dev, unsigned int irq,
					      irq_handler_t handler, unsigned long irqflags,
					      const char *devname, void *dev_id)
	__evlsim_ksym(devm_request_any_context_irq);
void devm_free_irq(struct device *dev, unsigned int irq, void *dev_id)
	__evlsim_ksym(devm_free_irq);

/* module code: charge the line to the calling module (linux/evlsim-owner.h) */
#define request_threaded_irq(...)	__evlsim_owned(request_threaded_irq(__VA_ARGS__))
#define request_any_context_irq(...)	__evlsim_owned(request_any_context_irq(__VA_ARGS__))
#define devm_request_threaded_irq(...)	__evlsim_owned(devm_request_threaded_irq(__VA_ARGS__))
#define devm_request_any_context_irq(...) \
	__evlsim_owned(devm_request_any_context_irq(__VA_ARGS__))

/**
 * request_irq - Add a handler for an interrupt line
 * @irq:	The interrupt line to allocate
 * @handler:	Function to be called when the IRQ occurs.
 * @flags:	Handling flags
 * @name:	Name of the device generating this interrupt
 * @dev:	A cookie passed to the handler function
 *
 * request_threaded_irq() without a thread function, agreeing to IRQF_ONESHOT if a
 * sharer has it.
 */
static inline int __must_check
request_irq(unsigned int irq, irq_handler_t handler, unsigned long flags, const char *name,
	    void *dev)
{
	return request_threaded_irq(irq, handler, NULL, flags | IRQF_COND_ONESHOT, name, dev);
}

/* devm_request_threaded_irq() without a thread function (no IRQF_COND_ONESHOT added) */
static inline int __must_check
devm_request_irq(struct device *dev, unsigned int irq, irq_handler_t handler,
		 unsigned long irqflags, const char *devname, void *dev_id)
{
	return devm_request_threaded_irq(dev, irq, handler, NULL, irqflags, devname, dev_id);
}

bool irq_has_action(unsigned int irq) __evlsim_ksym(irq_has_action);
void disable_irq_nosync(unsigned int irq) __evlsim_ksym(disable_irq_nosync);
bool disable_hardirq(unsigned int irq) __evlsim_ksym(disable_hardirq);
void disable_irq(unsigned int irq) __evlsim_ksym(disable_irq);
void enable_irq(unsigned int irq) __evlsim_ksym(enable_irq);
void irq_wake_thread(unsigned int irq, void *dev_id) __evlsim_ksym(irq_wake_thread);
void synchronize_irq(unsigned int irq) __evlsim_ksym(synchronize_irq);
bool synchronize_hardirq(unsigned int irq) __evlsim_ksym(synchronize_hardirq);

static inline void disable_irq_nosync_lockdep(unsigned int irq)
{
	disable_irq_nosync(irq);
}

static inline void enable_irq_lockdep(unsigned int irq)
{
	enable_irq(irq);
}

/*
 * hard_irq_disable()/hard_irq_enable(): with pipelining, the real CPU state, paired
 * (linux/irqflags.h)
 */
#ifndef hard_irq_disable
#define hard_irq_disable()	hard_local_irq_disable()
#endif
#ifndef hard_irq_enable
#define hard_irq_enable()	hard_local_irq_enable()
#endif

#endif
