/* SPDX-License-Identifier: LGPL-2.1-or-later */
/*
 * Kernel-world internals of the platform bus (platform.c), devres (devres.c), device-tree
 * nodes (of.c), DMA (dma.c) and clocks (clk.c).
 */
#ifndef _EVLSIM_HW_PLATFORM_INTERNAL_H
#define _EVLSIM_HW_PLATFORM_INTERNAL_H

#include <linux/device.h>
#include <linux/ioport.h>
#include "../include/evlsim/hw.h"

struct device_node;
struct module;

/* devres.c */
int evlsim__devres_release_all(struct device *dev);
void evlsim__devres_forget(struct device *dev);

/* of.c: a node named @full_name with "compatible" (NULL: none), the properties and a
 * "reg" built from the memory resources; NULL on allocation failure */
struct device_node *evlsim__of_node_create(const char *full_name, const char *compatible,
					   const struct evlsim_prop *props,
					   unsigned int nprops, const struct resource *res,
					   unsigned int nres);
void evlsim__of_node_free(struct device_node *np);
/* -EINVAL for a bad property description */
int evlsim__of_props_valid(const struct evlsim_prop *props, unsigned int nprops);

/* dma.c: what a driver left mapped or allocated on @dev at unbind */
void evlsim__dma_unbound(struct device *dev);

struct platform_device;
/* the device's probe state: 1 bound, 0 never probed, < 0 the last probe's error */
int evlsim__platform_state(struct platform_device *pdev);
/* its of_node was built by evlsim_platform_device_add(): freed with the device */
void evlsim__platform_own_node(struct platform_device *pdev);


#endif
