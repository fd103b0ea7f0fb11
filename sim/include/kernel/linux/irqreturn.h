/* SPDX-License-Identifier: LGPL-2.1-or-later */
/*
 * evlsim shim: faithful to linux-evl v6.12 include/linux/irqreturn.h with
 * CONFIG_IRQ_PIPELINE on (IRQ_FORWARD is then a bit of its own).
 */
#ifndef _EVLSIM_LINUX_IRQRETURN_H
#define _EVLSIM_LINUX_IRQRETURN_H

/**
 * enum irqreturn - irqreturn type values
 * @IRQ_NONE:		interrupt was not from this device or was not handled
 * @IRQ_HANDLED:	interrupt was handled by this device
 * @IRQ_WAKE_THREAD:	handler requests to wake the handler thread
 * @IRQ_FORWARD:	out-of-band handler: handled, and the same handlers are to run again
 *			in-band (interrupt pipeline)
 */
enum irqreturn {
	IRQ_NONE		= (0 << 0),
	IRQ_HANDLED		= (1 << 0),
	IRQ_WAKE_THREAD		= (1 << 1),
	IRQ_FORWARD		= (1 << 2),
};

typedef enum irqreturn irqreturn_t;
#define IRQ_RETVAL(x)	((x) ? IRQ_HANDLED : IRQ_NONE)

#endif
