/* SPDX-License-Identifier: LGPL-2.1-or-later */
/*
 * evlsim shim: linux v6.12 include/linux/property.h, custom subset: the device property
 * API over the device's device-tree node (<linux/of.h>), with the kernel's results
 * (-EINVAL for a device without a node or a property that is absent, -ENODATA,
 * -EOVERFLOW). No software nodes, no ACPI.
 */
#ifndef _EVLSIM_LINUX_PROPERTY_H
#define _EVLSIM_LINUX_PROPERTY_H

#include <linux/types.h>
#include <linux/fwnode.h>
#include <linux/bits.h>

struct device;

struct fwnode_handle *dev_fwnode(const struct device *dev) __evlsim_ksym(dev_fwnode);
bool device_property_present(const struct device *dev, const char *propname)
	__evlsim_ksym(device_property_present);
int device_property_read_u8_array(const struct device *dev, const char *propname,
				  u8 *val, size_t nval) __evlsim_ksym(device_property_read_u8_array);
int device_property_read_u16_array(const struct device *dev, const char *propname,
				   u16 *val, size_t nval) __evlsim_ksym(device_property_read_u16_array);
int device_property_read_u32_array(const struct device *dev, const char *propname,
				   u32 *val, size_t nval) __evlsim_ksym(device_property_read_u32_array);
int device_property_read_u64_array(const struct device *dev, const char *propname,
				   u64 *val, size_t nval) __evlsim_ksym(device_property_read_u64_array);
int device_property_read_string_array(const struct device *dev, const char *propname,
				      const char **val, size_t nval)
	__evlsim_ksym(device_property_read_string_array);
int device_property_read_string(const struct device *dev, const char *propname,
				const char **val) __evlsim_ksym(device_property_read_string);
int device_property_match_string(const struct device *dev, const char *propname,
				 const char *string) __evlsim_ksym(device_property_match_string);
const void *device_get_match_data(const struct device *dev)
	__evlsim_ksym(device_get_match_data);

static inline bool device_property_read_bool(const struct device *dev, const char *propname)
{
	return device_property_present(dev, propname);
}

static inline int device_property_read_u8(const struct device *dev, const char *propname,
					  u8 *val)
{
	return device_property_read_u8_array(dev, propname, val, 1);
}

static inline int device_property_read_u16(const struct device *dev, const char *propname,
					   u16 *val)
{
	return device_property_read_u16_array(dev, propname, val, 1);
}

static inline int device_property_read_u32(const struct device *dev, const char *propname,
					   u32 *val)
{
	return device_property_read_u32_array(dev, propname, val, 1);
}

static inline int device_property_read_u64(const struct device *dev, const char *propname,
					   u64 *val)
{
	return device_property_read_u64_array(dev, propname, val, 1);
}

static inline int device_property_count_u32(const struct device *dev, const char *propname)
{
	return device_property_read_u32_array(dev, propname, NULL, 0);
}

#endif
