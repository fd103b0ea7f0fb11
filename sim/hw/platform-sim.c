// SPDX-License-Identifier: LGPL-2.1-or-later
/*
 * The test side of the platform bus (kernel world): the devices a test declares through
 * <evlsim/hw.h> (their memory and interrupt resources, compatible string and properties,
 * which make their device-tree node), removed, and their probe state; docs/api/hw-platform.md.
 */
#include <linux/platform_device.h>
#include <linux/of.h>
#include <linux/slab.h>
#include "../kinternal.h"
#include "platform-internal.h"

EVLSIM_EXPORT int evlsim_platform_device_add(const struct evlsim_pdev_info *info,
					     struct evlsim_pdev **handle)
{
	struct platform_device *pdev;
	struct resource *res = NULL;
	unsigned int i;
	int ret;

	evlsim__inband_syscall_enter();
	if (!info || !handle || !info->name || !*info->name || (info->num_res && !info->res) ||
	    evlsim__of_props_valid(info->props, info->num_props) || info->id < -2)
		return -EINVAL;
	if (info->num_res) {
		res = kcalloc(info->num_res, sizeof(*res), GFP_KERNEL);
		if (!res)
			return -ENOMEM;
	}
	for (i = 0; i < info->num_res; i++) {
		const struct evlsim_res *r = &info->res[i];

		switch (r->type) {
		case EVLSIM_RES_MEM:
			if (!r->size || r->start + r->size - 1 < r->start)
				goto inval;
			res[i] = DEFINE_RES_MEM_NAMED(r->start, r->size, r->name);
			break;
		case EVLSIM_RES_IRQ:
			res[i] = DEFINE_RES_IRQ_NAMED(r->start, r->name);
			break;
		default:
			goto inval;
		}
	}
	pdev = platform_device_alloc(info->name, info->id);
	if (!pdev) {
		kfree(res);
		return -ENOMEM;
	}
	ret = platform_device_add_resources(pdev, res, info->num_res);
	kfree(res);
	if (!ret && (info->compatible || info->num_props)) {
		pdev->dev.of_node = evlsim__of_node_create(info->name, info->compatible,
							   info->props, info->num_props,
							   pdev->resource, pdev->num_resources);
		evlsim__platform_own_node(pdev);
		if (!pdev->dev.of_node)
			ret = -ENOMEM;
		else
			pdev->dev.fwnode = &pdev->dev.of_node->fwnode;
	}
	if (!ret)
		ret = platform_device_add(pdev);
	if (ret) {
		platform_device_put(pdev);
		return ret;
	}
	*handle = (struct evlsim_pdev *)pdev;
	return 0;
inval:
	kfree(res);
	return -EINVAL;
}

EVLSIM_EXPORT int evlsim_platform_device_remove(struct evlsim_pdev *handle)
{
	evlsim__inband_syscall_enter();
	if (!handle)
		return -EINVAL;
	platform_device_unregister((struct platform_device *)handle);
	return 0;
}

EVLSIM_EXPORT int evlsim_platform_device_state(struct evlsim_pdev *handle)
{
	if (!handle)
		return -EINVAL;
	return evlsim__platform_state((struct platform_device *)handle);
}

EVLSIM_EXPORT const char *evlsim_platform_device_name(struct evlsim_pdev *handle)
{
	return handle ? dev_name(&((struct platform_device *)handle)->dev) : NULL;
}
