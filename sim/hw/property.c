// SPDX-License-Identifier: LGPL-2.1-or-later
/*
 * The device property API (kernel world), after drivers/base/property.c: the properties
 * of a device as its driver reads them without naming the firmware, backed here by the
 * device-tree node of a simulated platform device (of.c). A device without a node has no
 * properties: the readers fail with -EINVAL, as the kernel's do without a fwnode.
 */
#include <linux/of.h>
#include <linux/of_device.h>
#include <linux/property.h>
#include "../kinternal.h"

struct fwnode_handle *dev_fwnode(const struct device *dev)
{
	return dev->of_node ? &dev->of_node->fwnode : dev->fwnode;
}

bool device_property_present(const struct device *dev, const char *propname)
{
	return of_property_present(dev->of_node, propname);
}

/* of_fwnode_property_read_int_array(): @val NULL counts the elements */
#define DEFINE_DEV_READ(name, type, count_fn, read_fn)				\
int name(const struct device *dev, const char *propname, type *val, size_t nval) \
{										\
	const struct device_node *np = dev->of_node;				\
										\
	if (!np)								\
		return -EINVAL;							\
	if (!val)								\
		return count_fn(np, propname);					\
	return read_fn(np, propname, val, nval);				\
}
DEFINE_DEV_READ(device_property_read_u8_array, u8, of_property_count_u8_elems,
		of_property_read_u8_array)
DEFINE_DEV_READ(device_property_read_u16_array, u16, of_property_count_u16_elems,
		of_property_read_u16_array)
DEFINE_DEV_READ(device_property_read_u32_array, u32, of_property_count_u32_elems,
		of_property_read_u32_array)
DEFINE_DEV_READ(device_property_read_u64_array, u64, of_property_count_u64_elems,
		of_property_read_u64_array)

int device_property_read_string_array(const struct device *dev, const char *propname,
				      const char **val, size_t nval)
{
	if (!dev->of_node)
		return -EINVAL;
	return of_property_read_string_helper(dev->of_node, propname, val, nval, 0);
}

int device_property_read_string(const struct device *dev, const char *propname,
				const char **val)
{
	if (!dev->of_node)
		return -EINVAL;
	return of_property_read_string(dev->of_node, propname, val);
}

int device_property_match_string(const struct device *dev, const char *propname,
				 const char *string)
{
	if (!dev->of_node)
		return -EINVAL;
	return of_property_match_string(dev->of_node, propname, string);
}

const void *device_get_match_data(const struct device *dev)
{
	if (!dev->of_node)
		return NULL;
	return of_device_get_match_data(dev);
}
