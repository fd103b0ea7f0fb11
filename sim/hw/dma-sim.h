/* SPDX-License-Identifier: LGPL-2.1-or-later */
/*
 * The simulated DMA controller evlsim-dma (dma-sim.c, its DMA ports in dma-port.c), as
 * the DMA engine core (dmaengine.c) and the simulated SPI controller (spi-sim.c) reach
 * it. Kernel world.
 */
#ifndef _EVLSIM_HW_DMA_SIM_H
#define _EVLSIM_HW_DMA_SIM_H

#include <linux/list.h>
#include "include/evlsim/hw-dmaengine.h"

struct dma_device;

/* the controller's struct dma_device, registered on first use (in-band); NULL if its
 * registration failed */
struct dma_device *evlsim__dma_sim_device(void);

/* dma-sim.c for dma-port.c: a channel stalled on a port goes on */
struct sim_chan;
void evlsim__dma_chan_resume(struct sim_chan *sc);

/* a DMA port (dma-port.c) */
struct evlsim_dma_port {
	struct list_head node;
	unsigned long long addr;
	struct evlsim_dma_port_ops ops;
	void *ctx;
	struct sim_chan *waiter;	/* a channel stalled on the port */
};

/* dma-port.c for dma-sim.c: the port at @addr (NULL: none), a channel stalled on one, a
 * terminated channel waiting on none any more */
struct evlsim_dma_port *evlsim__dma_port_find(unsigned long long addr);
void evlsim__dma_port_stall(struct evlsim_dma_port *port, struct sim_chan *sc);
void evlsim__dma_port_forget(struct sim_chan *sc);

#endif
