/* SPDX-License-Identifier: LGPL-2.1-or-later */
/*
 * evlsim shim: linux v6.12 include/linux/of.h, custom subset. The nodes are those a test
 * gives its platform devices (<evlsim/hw.h>: a compatible string and properties); there
 * is no tree to walk (no parent, no children, no phandles), and property values are
 * stored big-endian as in a flattened device tree. Faithful for what drivers read:
 * of_property_read_*() with the kernel's results (-EINVAL absent, -ENODATA no value,
 * -EOVERFLOW too short, -EILSEQ not a string), of_device_is_compatible(), of_match_node().
 */
#ifndef _EVLSIM_LINUX_OF_H
#define _EVLSIM_LINUX_OF_H

#include <linux/types.h>
#include <linux/errno.h>
#include <linux/kobject.h>
#include <linux/mod_devicetable.h>
#include <linux/fwnode.h>
#include <linux/err.h>
#include <linux/string.h>
#include <linux/container_of.h>
#include <asm/byteorder.h>

#define of_compat_cmp(s1, s2, l)	strcasecmp((s1), (s2))
#define of_prop_cmp(s1, s2)		strcmp((s1), (s2))
#define of_node_cmp(s1, s2)		strcasecmp((s1), (s2))

typedef u32 phandle;
typedef u32 ihandle;

struct property {
	char	*name;
	int	length;
	void	*value;
	struct property *next;
};

struct device_node {
	const char *name;
	phandle phandle;
	const char *full_name;
	struct fwnode_handle fwnode;

	struct	property *properties;
	struct	property *deadprops;	/* removed properties */
	struct	device_node *parent;
	struct	device_node *child;
	struct	device_node *sibling;
	unsigned long _flags;
	void	*data;
};

#define OF_ROOT_NODE_ADDR_CELLS_DEFAULT 2
#define OF_ROOT_NODE_SIZE_CELLS_DEFAULT 1

static inline struct device_node *of_node_get(struct device_node *node)
{
	return node;
}
static inline void of_node_put(struct device_node *node)
{
}

#define to_of_node(__fwnode)						\
	({								\
		typeof(__fwnode) __to_of_node_fwnode = (__fwnode);	\
		__to_of_node_fwnode ?					\
			container_of(__to_of_node_fwnode, struct device_node, fwnode) : NULL; \
	})
#define of_fwnode_handle(node)						\
	({								\
		typeof(node) __of_fwnode_handle_node = (node);		\
		__of_fwnode_handle_node ? &__of_fwnode_handle_node->fwnode : NULL; \
	})

static inline bool is_of_node(const struct fwnode_handle *fwnode)
{
	return fwnode != NULL;
}

static inline const char *of_node_full_name(const struct device_node *np)
{
	return np ? np->full_name : "<no-node>";
}

struct property *of_find_property(const struct device_node *np, const char *name, int *lenp)
	__evlsim_ksym(of_find_property);
const void *of_get_property(const struct device_node *node, const char *name, int *lenp)
	__evlsim_ksym(of_get_property);
int of_property_read_variable_u8_array(const struct device_node *np, const char *propname,
				       u8 *out_values, size_t sz_min, size_t sz_max)
	__evlsim_ksym(of_property_read_variable_u8_array);
int of_property_read_variable_u16_array(const struct device_node *np, const char *propname,
					u16 *out_values, size_t sz_min, size_t sz_max)
	__evlsim_ksym(of_property_read_variable_u16_array);
int of_property_read_variable_u32_array(const struct device_node *np, const char *propname,
					u32 *out_values, size_t sz_min, size_t sz_max)
	__evlsim_ksym(of_property_read_variable_u32_array);
int of_property_read_variable_u64_array(const struct device_node *np, const char *propname,
					u64 *out_values, size_t sz_min, size_t sz_max)
	__evlsim_ksym(of_property_read_variable_u64_array);
int of_property_read_u64(const struct device_node *np, const char *propname, u64 *out_value)
	__evlsim_ksym(of_property_read_u64);
int of_property_read_u32_index(const struct device_node *np, const char *propname,
			       u32 index, u32 *out_value) __evlsim_ksym(of_property_read_u32_index);
int of_property_count_elems_of_size(const struct device_node *np, const char *propname,
				    int elem_size) __evlsim_ksym(of_property_count_elems_of_size);
int of_property_read_string(const struct device_node *np, const char *propname,
			    const char **out_string) __evlsim_ksym(of_property_read_string);
int of_property_match_string(const struct device_node *np, const char *propname,
			     const char *string) __evlsim_ksym(of_property_match_string);
int of_property_read_string_helper(const struct device_node *np, const char *propname,
				   const char **out_strs, size_t sz, int index)
	__evlsim_ksym(of_property_read_string_helper);
int of_device_is_compatible(const struct device_node *device, const char *compat)
	__evlsim_ksym(of_device_is_compatible);
bool of_device_is_available(const struct device_node *device)
	__evlsim_ksym(of_device_is_available);
const struct of_device_id *of_match_node(const struct of_device_id *matches,
					 const struct device_node *node)
	__evlsim_ksym(of_match_node);
int of_alias_get_id(const struct device_node *np, const char *stem)
	__evlsim_ksym(of_alias_get_id);
struct device_node *of_get_next_child(const struct device_node *node, struct device_node *prev)
	__evlsim_ksym(of_get_next_child);
struct device_node *of_get_parent(const struct device_node *node)
	__evlsim_ksym(of_get_parent);
int of_n_addr_cells(struct device_node *np) __evlsim_ksym(of_n_addr_cells);
int of_n_size_cells(struct device_node *np) __evlsim_ksym(of_n_size_cells);

#define for_each_child_of_node(parent, child) \
	for (child = of_get_next_child(parent, NULL); child != NULL; \
	     child = of_get_next_child(parent, child))

static inline bool of_property_present(const struct device_node *np, const char *propname)
{
	return of_find_property(np, propname, NULL) != NULL;
}

static inline bool of_property_read_bool(const struct device_node *np, const char *propname)
{
	struct property *prop = of_find_property(np, propname, NULL);

	return prop ? true : false;
}

static inline int of_property_read_u8_array(const struct device_node *np,
					    const char *propname, u8 *out_values, size_t sz)
{
	int ret = of_property_read_variable_u8_array(np, propname, out_values, sz, 0);

	if (ret >= 0)
		return 0;
	return ret;
}

static inline int of_property_read_u16_array(const struct device_node *np,
					     const char *propname, u16 *out_values, size_t sz)
{
	int ret = of_property_read_variable_u16_array(np, propname, out_values, sz, 0);

	if (ret >= 0)
		return 0;
	return ret;
}

static inline int of_property_read_u32_array(const struct device_node *np,
					     const char *propname, u32 *out_values, size_t sz)
{
	int ret = of_property_read_variable_u32_array(np, propname, out_values, sz, 0);

	if (ret >= 0)
		return 0;
	return ret;
}

static inline int of_property_read_u64_array(const struct device_node *np,
					     const char *propname, u64 *out_values, size_t sz)
{
	int ret = of_property_read_variable_u64_array(np, propname, out_values, sz, 0);

	if (ret >= 0)
		return 0;
	return ret;
}

static inline int of_property_read_u8(const struct device_node *np, const char *propname,
				      u8 *out_value)
{
	return of_property_read_u8_array(np, propname, out_value, 1);
}

static inline int of_property_read_u16(const struct device_node *np, const char *propname,
				       u16 *out_value)
{
	return of_property_read_u16_array(np, propname, out_value, 1);
}

static inline int of_property_read_u32(const struct device_node *np, const char *propname,
				       u32 *out_value)
{
	return of_property_read_u32_array(np, propname, out_value, 1);
}

static inline int of_property_read_s32(const struct device_node *np, const char *propname,
				       s32 *out_value)
{
	return of_property_read_u32(np, propname, (u32 *)out_value);
}

static inline int of_property_count_u8_elems(const struct device_node *np, const char *propname)
{
	return of_property_count_elems_of_size(np, propname, sizeof(u8));
}

static inline int of_property_count_u16_elems(const struct device_node *np, const char *propname)
{
	return of_property_count_elems_of_size(np, propname, sizeof(u16));
}

static inline int of_property_count_u32_elems(const struct device_node *np, const char *propname)
{
	return of_property_count_elems_of_size(np, propname, sizeof(u32));
}

static inline int of_property_count_u64_elems(const struct device_node *np, const char *propname)
{
	return of_property_count_elems_of_size(np, propname, sizeof(u64));
}

static inline int of_property_read_string_index(const struct device_node *np,
						const char *propname, int index,
						const char **output)
{
	int rc = of_property_read_string_helper(np, propname, output, 1, index);

	return rc < 0 ? rc : 0;
}

static inline int of_property_count_strings(const struct device_node *np, const char *propname)
{
	return of_property_read_string_helper(np, propname, NULL, 0, 0);
}

#endif
