/* SPDX-License-Identifier: LGPL-2.1-or-later */
/*
 * evlsim shim: linux v6.12 include/linux/fwnode.h, custom: the firmware node handle
 * without operations. The only firmware nodes are the device-tree nodes of simulated
 * platform devices (<linux/of.h>); the device property API (<linux/property.h>) reads them.
 */
#ifndef _EVLSIM_LINUX_FWNODE_H
#define _EVLSIM_LINUX_FWNODE_H

#include <linux/types.h>

struct fwnode_operations;
struct device;

struct fwnode_handle {
	struct fwnode_handle *secondary;
	const struct fwnode_operations *ops;
	struct device *dev;
	u8 flags;
};

#endif
