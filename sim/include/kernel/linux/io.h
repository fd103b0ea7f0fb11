/* SPDX-License-Identifier: LGPL-2.1-or-later */
/*
 * evlsim shim: faithful to linux v6.12 include/linux/io.h for the managed mappings
 * (devm_ioremap() & co., lib/devres.c). The accessors and ioremap() are in <asm/io.h>.
 * Custom: IO port accessors (inb/outb) are not provided; an x86 port is not memory.
 */
#ifndef _EVLSIM_LINUX_IO_H
#define _EVLSIM_LINUX_IO_H

#include <linux/types.h>
#include <linux/err.h>
#include <linux/bug.h>
#include <linux/ioport.h>
#include <linux/sizes.h>
#include <asm/io.h>

struct device;
struct resource;

#define IOMEM_ERR_PTR(err) (__force void __iomem *)ERR_PTR(err)

void __iomem *devm_ioremap(struct device *dev, resource_size_t offset,
			   resource_size_t size) __evlsim_ksym(devm_ioremap);
void __iomem *devm_ioremap_uc(struct device *dev, resource_size_t offset,
			      resource_size_t size) __evlsim_ksym(devm_ioremap_uc);
void __iomem *devm_ioremap_wc(struct device *dev, resource_size_t offset,
			      resource_size_t size) __evlsim_ksym(devm_ioremap_wc);
void devm_iounmap(struct device *dev, void __iomem *addr) __evlsim_ksym(devm_iounmap);
void __iomem *devm_ioremap_resource(struct device *dev, const struct resource *res)
	__evlsim_ksym(devm_ioremap_resource);
void __iomem *devm_ioremap_resource_wc(struct device *dev, const struct resource *res)
	__evlsim_ksym(devm_ioremap_resource_wc);

#define devm_ioremap(dev, offset, size)	__evlsim_owned(devm_ioremap(dev, offset, size))
#define devm_ioremap_uc(dev, offset, size) __evlsim_owned(devm_ioremap_uc(dev, offset, size))
#define devm_ioremap_wc(dev, offset, size) __evlsim_owned(devm_ioremap_wc(dev, offset, size))
#define devm_ioremap_resource(dev, res)	__evlsim_owned(devm_ioremap_resource(dev, res))
#define devm_ioremap_resource_wc(dev, res) __evlsim_owned(devm_ioremap_resource_wc(dev, res))

#endif
