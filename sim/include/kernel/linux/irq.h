/* SPDX-License-Identifier: LGPL-2.1-or-later */
/*
 * evlsim shim: linux-evl v6.12 include/linux/irq.h (K @03cf6fd), the trigger types and
 * the calls a device driver makes on its line: irq_set_irq_type(),
 * irq_get_trigger_type(). Values and signatures are the kernel's.
 *
 * Custom: every line is the simulator's. Lines a test creates sit behind one
 * pipeline-safe chip that accepts each trigger type of IRQ_TYPE_SENSE_MASK but a mix of
 * level and edge, or of both levels. Lines mapped in an irq domain (<linux/irqdomain.h>)
 * take the chip and flow handler their controller driver sets: struct irq_chip (the
 * callbacks a flow calls; hierarchy and MSI callbacks omitted), irq_set_chip*(),
 * irq_set_handler*(), chained handlers, and the flow handlers handle_level_irq(),
 * handle_edge_irq(), handle_fasteoi_irq(), handle_simple_irq() as the markers that tell
 * the simulated flow which chip calls to make around the handlers (sim/hw/irq-chip.c).
 * irq_get_trigger_type() is a function here, an inline in the kernel.
 */
#ifndef _EVLSIM_LINUX_IRQ_H
#define _EVLSIM_LINUX_IRQ_H

#include <linux/types.h>
#include <linux/irqreturn.h>
#include <linux/irqstage.h>
#include <linux/interrupt.h>
#include <linux/irqhandler.h>
#include <linux/irqdesc.h>

struct cpumask;

enum {
	IRQ_TYPE_NONE		= 0x00000000,
	IRQ_TYPE_EDGE_RISING	= 0x00000001,
	IRQ_TYPE_EDGE_FALLING	= 0x00000002,
	IRQ_TYPE_EDGE_BOTH	= (IRQ_TYPE_EDGE_FALLING | IRQ_TYPE_EDGE_RISING),
	IRQ_TYPE_LEVEL_HIGH	= 0x00000004,
	IRQ_TYPE_LEVEL_LOW	= 0x00000008,
	IRQ_TYPE_LEVEL_MASK	= (IRQ_TYPE_LEVEL_LOW | IRQ_TYPE_LEVEL_HIGH),
	IRQ_TYPE_SENSE_MASK	= 0x0000000f,
	IRQ_TYPE_DEFAULT	= IRQ_TYPE_SENSE_MASK,
	IRQ_TYPE_PROBE		= 0x00000010,
};

/* the irq chip flag a chip driver sets once its callbacks are safe from the oob stage */
#define IRQCHIP_PIPELINE_SAFE	(1 << 13)

/* Chip flags (enum in the kernel) */
#define IRQCHIP_SET_TYPE_MASKED			(1 <<  0)
#define IRQCHIP_EOI_IF_HANDLED			(1 <<  1)
#define IRQCHIP_MASK_ON_SUSPEND			(1 <<  2)
#define IRQCHIP_ONOFFLINE_ENABLED		(1 <<  3)
#define IRQCHIP_SKIP_SET_WAKE			(1 <<  4)
#define IRQCHIP_ONESHOT_SAFE			(1 <<  5)
#define IRQCHIP_EOI_THREADED			(1 <<  6)
#define IRQCHIP_SUPPORTS_LEVEL_MSI		(1 <<  7)
#define IRQCHIP_SUPPORTS_NMI			(1 <<  8)
#define IRQCHIP_ENABLE_WAKEUP_ON_SUSPEND	(1 <<  9)
#define IRQCHIP_AFFINITY_PRE_STARTUP		(1 << 10)
#define IRQCHIP_IMMUTABLE			(1 << 11)
#define IRQCHIP_MOVE_DEFERRED			(1 << 12)

/* irq_set_type() results besides an errno */
#define IRQ_SET_MASK_OK			0
#define IRQ_SET_MASK_OK_NOCOPY		1
#define IRQ_SET_MASK_OK_DONE		2

/**
 * struct irq_chip - hardware interrupt chip descriptor (subset)
 * @name: name for /proc/interrupts
 * @irq_startup: start up the interrupt (defaults to ->enable if NULL)
 * @irq_shutdown: shut down the interrupt (defaults to ->disable if NULL)
 * @irq_enable: enable the interrupt (defaults to chip->unmask if NULL)
 * @irq_disable: disable the interrupt
 * @irq_ack: start of a new interrupt
 * @irq_mask: mask an interrupt source
 * @irq_mask_ack: ack and mask an interrupt source
 * @irq_unmask: unmask an interrupt source
 * @irq_eoi: end of interrupt
 * @irq_set_affinity: not called by the simulator (one CPU per delivery mode)
 * @irq_retrigger: resend an IRQ to the CPU (not called: the simulator resends itself)
 * @irq_set_type: set the flow type (IRQ_TYPE_LEVEL/etc.) of an IRQ
 * @irq_set_wake: enable/disable power-management wake-on of an IRQ (not called)
 * @irq_bus_lock: function to lock access to slow bus (i2c) chips
 * @irq_bus_sync_unlock: function to sync and unlock slow bus (i2c) chips
 * @flags: chip specific flags (IRQCHIP_*); IRQCHIP_PIPELINE_SAFE once the callbacks may
 *	run on the oob stage
 */
struct irq_chip {
	const char	*name;
	unsigned int	(*irq_startup)(struct irq_data *data);
	void		(*irq_shutdown)(struct irq_data *data);
	void		(*irq_enable)(struct irq_data *data);
	void		(*irq_disable)(struct irq_data *data);
	void		(*irq_ack)(struct irq_data *data);
	void		(*irq_mask)(struct irq_data *data);
	void		(*irq_mask_ack)(struct irq_data *data);
	void		(*irq_unmask)(struct irq_data *data);
	void		(*irq_eoi)(struct irq_data *data);
	int		(*irq_set_affinity)(struct irq_data *data, const struct cpumask *dest,
					    bool force);
	int		(*irq_retrigger)(struct irq_data *data);
	int		(*irq_set_type)(struct irq_data *data, unsigned int flow_type);
	int		(*irq_set_wake)(struct irq_data *data, unsigned int on);
	void		(*irq_bus_lock)(struct irq_data *data);
	void		(*irq_bus_sync_unlock)(struct irq_data *data);
	unsigned long	flags;
};

/* Built-in flow handlers (kernel/irq/chip.c) */
void handle_level_irq(struct irq_desc *desc) __evlsim_ksym(handle_level_irq);
void handle_edge_irq(struct irq_desc *desc) __evlsim_ksym(handle_edge_irq);
void handle_fasteoi_irq(struct irq_desc *desc) __evlsim_ksym(handle_fasteoi_irq);
void handle_simple_irq(struct irq_desc *desc) __evlsim_ksym(handle_simple_irq);
void handle_bad_irq(struct irq_desc *desc) __evlsim_ksym(handle_bad_irq);
/* Dovetail: the flow of synthetic IRQs */
void handle_synthetic_irq(struct irq_desc *desc) __evlsim_ksym(handle_synthetic_irq);

int irq_set_chip(unsigned int irq, const struct irq_chip *chip) __evlsim_ksym(irq_set_chip);
int irq_set_handler_data(unsigned int irq, void *data) __evlsim_ksym(irq_set_handler_data);
int irq_set_chip_data(unsigned int irq, void *data) __evlsim_ksym(irq_set_chip_data);
struct irq_data *irq_get_irq_data(unsigned int irq) __evlsim_ksym(irq_get_irq_data);
void irq_set_chip_and_handler_name(unsigned int irq, const struct irq_chip *chip,
				   irq_flow_handler_t handle, const char *name)
	__evlsim_ksym(irq_set_chip_and_handler_name);
void __irq_set_handler(unsigned int irq, irq_flow_handler_t handle, int is_chained,
		       const char *name) __evlsim_ksym(__irq_set_handler);
void irq_set_chained_handler_and_data(unsigned int irq, irq_flow_handler_t handle,
				      void *data) __evlsim_ksym(irq_set_chained_handler_and_data);

static inline void irq_set_chip_and_handler(unsigned int irq, const struct irq_chip *chip,
					    irq_flow_handler_t handle)
{
	irq_set_chip_and_handler_name(irq, chip, handle, NULL);
}

static inline void irq_set_handler(unsigned int irq, irq_flow_handler_t handle)
{
	__irq_set_handler(irq, handle, 0, NULL);
}

static inline void irq_set_chained_handler(unsigned int irq, irq_flow_handler_t handle)
{
	__irq_set_handler(irq, handle, 1, NULL);
}

static inline struct irq_chip *irq_get_chip(unsigned int irq)
{
	struct irq_data *d = irq_get_irq_data(irq);

	return d ? d->chip : NULL;
}

static inline void *irq_get_chip_data(unsigned int irq)
{
	struct irq_data *d = irq_get_irq_data(irq);

	return d ? d->chip_data : NULL;
}

static inline void *irq_get_handler_data(unsigned int irq)
{
	struct irq_data *d = irq_get_irq_data(irq);

	return d ? d->common->handler_data : NULL;
}

static inline struct irq_chip *irq_data_get_irq_chip(struct irq_data *d)
{
	return d->chip;
}

static inline void *irq_data_get_irq_chip_data(struct irq_data *d)
{
	return d->chip_data;
}

static inline void *irq_data_get_irq_handler_data(struct irq_data *d)
{
	return d->common->handler_data;
}

static inline irq_hw_number_t irqd_to_hwirq(struct irq_data *d)
{
	return d->hwirq;
}

int irq_set_irq_type(unsigned int irq, unsigned int type) __evlsim_ksym(irq_set_irq_type);
u32 irq_get_trigger_type(unsigned int irq) __evlsim_ksym(irq_get_trigger_type);

static inline u32 irqd_get_trigger_type(struct irq_data *d)
{
	return irq_get_trigger_type(d->irq);
}

#endif
