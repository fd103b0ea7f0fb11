// SPDX-License-Identifier: LGPL-2.1-or-later
/*
 * Platform device resources (kernel world), after drivers/base/platform.c: the resource
 * and irq lookups and the managed register mappings. An irq number is the start of an
 * IORESOURCE_IRQ resource (the number a test got for its interrupt line); the simulated
 * nodes carry no "interrupts" property, so there is no OF translation to try first.
 */
#include <linux/platform_device.h>
#include <linux/io.h>
#include <linux/string.h>
#include "../kinternal.h"
#include "platform-internal.h"

struct resource *platform_get_resource(struct platform_device *dev, unsigned int type,
				       unsigned int num)
{
	u32 i;

	for (i = 0; i < dev->num_resources; i++) {
		struct resource *r = &dev->resource[i];

		if (type == resource_type(r) && num-- == 0)
			return r;
	}
	return NULL;
}

struct resource *platform_get_mem_or_io(struct platform_device *dev, unsigned int num)
{
	u32 i;

	for (i = 0; i < dev->num_resources; i++) {
		struct resource *r = &dev->resource[i];

		if ((resource_type(r) & (IORESOURCE_MEM | IORESOURCE_IO)) && num-- == 0)
			return r;
	}
	return NULL;
}

struct resource *platform_get_resource_byname(struct platform_device *dev,
					      unsigned int type, const char *name)
{
	u32 i;

	for (i = 0; i < dev->num_resources; i++) {
		struct resource *r = &dev->resource[i];

		if (unlikely(!r->name))
			continue;
		if (type == resource_type(r) && !strcmp(r->name, name))
			return r;
	}
	return NULL;
}

int platform_get_irq_optional(struct platform_device *dev, unsigned int num)
{
	struct resource *r;
	int ret;

	r = platform_get_resource(dev, IORESOURCE_IRQ, num);
	if (r && r->flags & IORESOURCE_DISABLED)
		ret = -ENXIO;
	else if (r)
		ret = r->start;
	else
		ret = -ENXIO;
	if (WARN(!ret, "0 is an invalid IRQ number\n"))
		return -EINVAL;
	return ret;
}

int platform_get_irq(struct platform_device *dev, unsigned int num)
{
	int ret;

	ret = platform_get_irq_optional(dev, num);
	if (ret < 0)
		return dev_err_probe(&dev->dev, ret, "IRQ index %u not found\n", num);
	return ret;
}

int platform_irq_count(struct platform_device *dev)
{
	int ret, nr = 0;

	while ((ret = platform_get_irq_optional(dev, nr)) >= 0)
		nr++;
	if (ret == -EPROBE_DEFER)
		return ret;
	return nr;
}

static int __platform_get_irq_byname(struct platform_device *dev, const char *name)
{
	struct resource *r;

	r = platform_get_resource_byname(dev, IORESOURCE_IRQ, name);
	if (r) {
		if (WARN(!r->start, "0 is an invalid IRQ number\n"))
			return -EINVAL;
		return r->start;
	}
	return -ENXIO;
}

int platform_get_irq_byname(struct platform_device *dev, const char *name)
{
	int ret;

	ret = __platform_get_irq_byname(dev, name);
	if (ret < 0)
		return dev_err_probe(&dev->dev, ret, "IRQ %s not found\n", name);
	return ret;
}

int platform_get_irq_byname_optional(struct platform_device *dev, const char *name)
{
	return __platform_get_irq_byname(dev, name);
}

/* io.c: devm_ioremap_resource() with the driver's call site for accounting */
void __iomem *evlsim__devm_ioremap_resource(struct device *dev, const struct resource *res,
					    const void *site);

#undef devm_platform_get_and_ioremap_resource
#undef devm_platform_ioremap_resource
#undef devm_platform_ioremap_resource_byname

void __iomem *devm_platform_get_and_ioremap_resource(struct platform_device *pdev,
						     unsigned int index, struct resource **res)
{
	struct resource *r;

	r = platform_get_resource(pdev, IORESOURCE_MEM, index);
	if (res)
		*res = r;
	return evlsim__devm_ioremap_resource(&pdev->dev, r, __builtin_return_address(0));
}

void __iomem *devm_platform_ioremap_resource(struct platform_device *pdev,
					     unsigned int index)
{
	return evlsim__devm_ioremap_resource(&pdev->dev,
					     platform_get_resource(pdev, IORESOURCE_MEM, index),
					     __builtin_return_address(0));
}

void __iomem *devm_platform_ioremap_resource_byname(struct platform_device *pdev,
						    const char *name)
{
	struct resource *res;

	res = platform_get_resource_byname(pdev, IORESOURCE_MEM, name);
	return evlsim__devm_ioremap_resource(&pdev->dev, res, __builtin_return_address(0));
}
