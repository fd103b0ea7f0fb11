/* SPDX-License-Identifier: LGPL-2.1-or-later */
/*
 * evlsim shim: linux v6.12 include/linux/of_address.h, custom subset. A simulated node's
 * "reg" property is built from its device's memory resources, two address cells and two
 * size cells per entry; translation is the identity (no ranges).
 */
#ifndef _EVLSIM_LINUX_OF_ADDRESS_H
#define _EVLSIM_LINUX_OF_ADDRESS_H

#include <linux/ioport.h>
#include <linux/of.h>
#include <linux/io.h>

const __be32 *__of_get_address(struct device_node *dev, int index, int bar_no, u64 *size,
			       unsigned int *flags) __evlsim_ksym(__of_get_address);
u64 of_translate_address(struct device_node *np, const __be32 *addr)
	__evlsim_ksym(of_translate_address);
int of_address_to_resource(struct device_node *dev, int index, struct resource *r)
	__evlsim_ksym(of_address_to_resource);
void __iomem *of_iomap(struct device_node *node, int index) __evlsim_ksym(of_iomap);
#define of_iomap(node, index)	__evlsim_owned(of_iomap(node, index))

static inline const __be32 *of_get_address(struct device_node *dev, int index, u64 *size,
					   unsigned int *flags)
{
	return __of_get_address(dev, index, -1, size, flags);
}

#endif
