/* SPDX-License-Identifier: LGPL-2.1-or-later */
/*
 * evlsim: DMA ports, the device side of the simulated DMA controller evlsim-dma (user
 * world; included by <evlsim/hw.h>). docs/api/hw-dmaengine.md describes the model.
 *
 * A device model publishes a port at one of its register addresses; a driver's slave
 * channel configured with that address (dmaengine_slave_config()'s dst_addr for
 * DMA_MEM_TO_DEV, src_addr for DMA_DEV_TO_MEM) moves its bytes through the port's
 * callbacks, on the simulator's device thread. A callback that takes or gives fewer bytes
 * than offered stalls the channel (the device's DMA request is deasserted) until the model
 * calls evlsim_dma_port_ready(). Every function returns 0 or a negated errno.
 */
#ifndef _EVLSIM_HW_DMAENGINE_H
#define _EVLSIM_HW_DMAENGINE_H

#ifdef __cplusplus
extern "C" {
#endif

struct evlsim_mmio;
struct evlsim_dma_port;		/* opaque */

struct evlsim_dma_port_ops {
	/* memory to device: the device takes up to @len bytes of @buf; returns how many */
	unsigned long (*to_dev)(void *ctx, const void *buf, unsigned long len);
	/* device to memory: the device gives up to @len bytes into @buf; returns how many */
	unsigned long (*from_dev)(void *ctx, void *buf, unsigned long len);
};

/**
 * evlsim_dma_port_add - publish a DMA port at register offset @off of block @m
 * Returns 0, -EINVAL (bad argument, @off outside the block), -EEXIST (a port is there).
 */
int evlsim_dma_port_add(struct evlsim_mmio *m, unsigned long off,
			const struct evlsim_dma_port_ops *ops, void *ctx,
			struct evlsim_dma_port **port);
/** evlsim_dma_port_remove - 0, or -EBUSY while a channel is stalled on it */
int evlsim_dma_port_remove(struct evlsim_dma_port *port);
/** evlsim_dma_port_ready - the device can move data again: a stalled channel resumes */
int evlsim_dma_port_ready(struct evlsim_dma_port *port);

/* The controller: channels 0..EVLSIM_DMA_CHANNELS-1, named by a client device's "dmas"
 * property (one cell per name of its "dma-names" property). */
#define EVLSIM_DMA_CHANNELS	16

/** evlsim_dma_chan_irq - the interrupt line of channel @nr (> 0), or -EINVAL */
int evlsim_dma_chan_irq(unsigned int nr);

#ifdef __cplusplus
}
#endif

#endif
