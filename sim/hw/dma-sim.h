/* SPDX-License-Identifier: LGPL-2.1-or-later */
/*
 * The simulated DMA controller evlsim-dma (dma-sim.c), as the DMA engine core
 * (dmaengine.c) and the simulated SPI controller (spi-sim.c) reach it. Kernel world.
 */
#ifndef _EVLSIM_HW_DMA_SIM_H
#define _EVLSIM_HW_DMA_SIM_H

struct dma_device;

/* the controller's struct dma_device, registered on first use (in-band); NULL if its
 * registration failed */
struct dma_device *evlsim__dma_sim_device(void);

#endif
