// SPDX-License-Identifier: LGPL-2.1-or-later
/*
 * Device-tree nodes of simulated platform devices and the OF property API (kernel world),
 * after drivers/of/{base,property,address}.c; the device property API over them is in
 * property.c.
 *
 * A node is built from what a test declares (<evlsim/hw.h>): "compatible" (a string
 * list), the properties, and "reg" from the device's memory resources (two address and
 * two size cells each). Values are stored as in a flattened device tree: cells
 * big-endian, strings NUL-terminated and concatenated. Nodes have no parent or children.
 */
#include <linux/of.h>
#include <linux/of_device.h>
#include <linux/of_address.h>
#include <linux/property.h>
#include <linux/slab.h>
#include <linux/string.h>
#include <linux/io.h>
#include "../kinternal.h"
#include "platform-internal.h"

/* ---- building nodes --------------------------------------------------------------------- */

static struct property *new_prop(const char *name, const void *value, int length)
{
	struct property *p = kzalloc(sizeof(*p), GFP_KERNEL);

	if (!p)
		return NULL;
	p->name = kstrdup(name, GFP_KERNEL);
	p->length = length;
	p->value = length ? kmemdup(value, length, GFP_KERNEL) : NULL;
	if (!p->name || (length && !p->value)) {
		kfree(p->name);
		kfree(p->value);
		kfree(p);
		return NULL;
	}
	return p;
}

/* the strings of @strs (or @str) as one NUL-separated buffer */
static void *string_list(const char *const *strs, const char *str, unsigned int count,
			 int *len)
{
	unsigned int i, n = count ? count : 1;
	size_t total = 0, off = 0;
	char *buf;

	for (i = 0; i < n; i++)
		total += strlen(count ? strs[i] : str) + 1;
	buf = kmalloc(total, GFP_KERNEL);
	if (!buf)
		return NULL;
	for (i = 0; i < n; i++) {
		const char *s = count ? strs[i] : str;

		memcpy(buf + off, s, strlen(s) + 1);
		off += strlen(s) + 1;
	}
	*len = (int)total;
	return buf;
}

int evlsim__of_props_valid(const struct evlsim_prop *props, unsigned int nprops)
{
	unsigned int i, j;

	if (nprops && !props)
		return -EINVAL;
	for (i = 0; i < nprops; i++) {
		const struct evlsim_prop *p = &props[i];

		if (!p->name || !*p->name)
			return -EINVAL;
		switch (p->type) {
		case EVLSIM_PROP_BOOL:
			break;
		case EVLSIM_PROP_U32:
			if (p->count && !p->u32s)
				return -EINVAL;
			break;
		case EVLSIM_PROP_U64:
			if (!p->count || !p->u64s)
				return -EINVAL;
			break;
		case EVLSIM_PROP_STRING:
			if (p->count ? !p->strs : !p->str)
				return -EINVAL;
			for (j = 0; j < p->count; j++)
				if (!p->strs[j])
					return -EINVAL;
			break;
		case EVLSIM_PROP_BYTES:
			if (p->count && !p->bytes)
				return -EINVAL;
			break;
		default:
			return -EINVAL;
		}
	}
	return 0;
}

static struct property *prop_from(const struct evlsim_prop *p)
{
	struct property *prop = NULL;
	unsigned int i, n;
	void *buf = NULL;
	int len = 0;

	switch (p->type) {
	case EVLSIM_PROP_BOOL:
		return new_prop(p->name, NULL, 0);
	case EVLSIM_PROP_U32: {
		__be32 *cells;

		n = p->count ? p->count : 1;
		cells = kmalloc_array(n, sizeof(*cells), GFP_KERNEL);
		if (!cells)
			return NULL;
		for (i = 0; i < n; i++)
			cells[i] = cpu_to_be32(p->count ? p->u32s[i] : p->u32);
		buf = cells;
		len = (int)(n * sizeof(*cells));
		break;
	}
	case EVLSIM_PROP_U64: {
		__be64 *cells = kmalloc_array(p->count, sizeof(*cells), GFP_KERNEL);

		if (!cells)
			return NULL;
		for (i = 0; i < p->count; i++)
			cells[i] = cpu_to_be64(p->u64s[i]);
		buf = cells;
		len = (int)(p->count * sizeof(*cells));
		break;
	}
	case EVLSIM_PROP_STRING:
		buf = string_list(p->strs, p->str, p->count, &len);
		if (!buf)
			return NULL;
		break;
	case EVLSIM_PROP_BYTES:
		return new_prop(p->name, p->bytes, (int)p->count);
	}
	prop = new_prop(p->name, buf, len);
	kfree(buf);
	return prop;
}

static int add_prop(struct device_node *np, struct property *p)
{
	struct property **pp;

	if (!p)
		return -ENOMEM;
	for (pp = &np->properties; *pp; pp = &(*pp)->next)
		;
	*pp = p;
	return 0;
}

struct device_node *evlsim__of_node_create(const char *full_name, const char *compatible,
					   const struct evlsim_prop *props,
					   unsigned int nprops, const struct resource *res,
					   unsigned int nres)
{
	struct device_node *np = kzalloc(sizeof(*np), GFP_KERNEL);
	unsigned int i, nmem = 0;
	int ret = 0;

	if (!np)
		return NULL;
	np->full_name = kstrdup(full_name, GFP_KERNEL);
	np->name = np->full_name;
	if (!np->full_name)
		goto fail;
	if (compatible) {
		struct evlsim_prop c = EVLSIM_PROP_STR("compatible", compatible);

		ret = add_prop(np, prop_from(&c));
	}
	for (i = 0; !ret && i < nprops; i++)
		ret = add_prop(np, prop_from(&props[i]));
	for (i = 0; i < nres; i++)
		nmem += resource_type(&res[i]) == IORESOURCE_MEM;
	if (!ret && nmem && !of_find_property(np, "reg", NULL)) {
		__be32 *cells = kmalloc_array(nmem * 4, sizeof(*cells), GFP_KERNEL);
		unsigned int c = 0;

		if (!cells)
			goto fail;
		for (i = 0; i < nres; i++) {
			u64 start = res[i].start, size = resource_size(&res[i]);

			if (resource_type(&res[i]) != IORESOURCE_MEM)
				continue;
			cells[c++] = cpu_to_be32(start >> 32);
			cells[c++] = cpu_to_be32((u32)start);
			cells[c++] = cpu_to_be32(size >> 32);
			cells[c++] = cpu_to_be32((u32)size);
		}
		ret = add_prop(np, new_prop("reg", cells, (int)(c * sizeof(*cells))));
		kfree(cells);
	}
	if (ret)
		goto fail;
	np->fwnode.flags = 0;
	return np;
fail:
	evlsim__of_node_free(np);
	return NULL;
}

void evlsim__of_node_free(struct device_node *np)
{
	struct property *p, *next;

	if (!np)
		return;
	for (p = np->properties; p; p = next) {
		next = p->next;
		kfree(p->name);
		kfree(p->value);
		kfree(p);
	}
	kfree(np->full_name);
	kfree(np);
}

/* ---- reading properties ------------------------------------------------------------------ */

struct property *of_find_property(const struct device_node *np, const char *name, int *lenp)
{
	struct property *pp;

	if (!np)
		return NULL;
	for (pp = np->properties; pp; pp = pp->next) {
		if (of_prop_cmp(pp->name, name) == 0) {
			if (lenp)
				*lenp = pp->length;
			break;
		}
	}
	return pp;
}

const void *of_get_property(const struct device_node *np, const char *name, int *lenp)
{
	struct property *pp = of_find_property(np, name, lenp);

	return pp ? pp->value : NULL;
}

/* of_find_property_value_of_size(): the value if it holds min..max bytes */
static const void *value_of_size(const struct device_node *np, const char *propname,
				 u32 min, u32 max, size_t *len)
{
	struct property *prop = of_find_property(np, propname, NULL);

	if (!prop)
		return ERR_PTR(-EINVAL);
	if (!prop->value)
		return ERR_PTR(-ENODATA);
	if (prop->length < min)
		return ERR_PTR(-EOVERFLOW);
	if (max && prop->length > max)
		return ERR_PTR(-EOVERFLOW);
	if (len)
		*len = prop->length;
	return prop->value;
}

#define DEFINE_READ_ARRAY(name, type, conv)					\
int name(const struct device_node *np, const char *propname, type *out_values,	\
	 size_t sz_min, size_t sz_max)						\
{										\
	size_t sz, count;							\
	const void *val = value_of_size(np, propname, sz_min * sizeof(type),	\
					sz_max * sizeof(type), &sz);		\
	const u8 *v = val;							\
										\
	if (IS_ERR(val))							\
		return PTR_ERR(val);						\
	if (!sz_max)								\
		sz = sz_min;							\
	else									\
		sz /= sizeof(type);						\
	count = sz;								\
	while (count--) {							\
		type x;								\
		memcpy(&x, v, sizeof(type));					\
		*out_values++ = conv(x);					\
		v += sizeof(type);						\
	}									\
	return sz;								\
}
#define U8_CONV(x)	(x)
DEFINE_READ_ARRAY(of_property_read_variable_u8_array, u8, U8_CONV)
DEFINE_READ_ARRAY(of_property_read_variable_u16_array, u16, be16_to_cpu)
DEFINE_READ_ARRAY(of_property_read_variable_u32_array, u32, be32_to_cpu)
DEFINE_READ_ARRAY(of_property_read_variable_u64_array, u64, be64_to_cpu)

int of_property_read_u64(const struct device_node *np, const char *propname, u64 *out_value)
{
	const __be64 *val = value_of_size(np, propname, sizeof(*out_value), 0, NULL);

	if (IS_ERR(val))
		return PTR_ERR(val);
	*out_value = be64_to_cpup(val);
	return 0;
}

int of_property_read_u32_index(const struct device_node *np, const char *propname,
			       u32 index, u32 *out_value)
{
	const u32 *val = value_of_size(np, propname, ((index + 1) * sizeof(*out_value)), 0,
				       NULL);

	if (IS_ERR(val))
		return PTR_ERR(val);
	*out_value = be32_to_cpup(((__be32 *)val) + index);
	return 0;
}

int of_property_count_elems_of_size(const struct device_node *np, const char *propname,
				    int elem_size)
{
	struct property *prop = of_find_property(np, propname, NULL);

	if (!prop)
		return -EINVAL;
	if (!prop->value)
		return -ENODATA;
	if (prop->length % elem_size != 0) {
		pr_err("size of %s in node %s is not a multiple of %d\n",
		       propname, np->full_name, elem_size);
		return -EINVAL;
	}
	return prop->length / elem_size;
}

int of_property_read_string(const struct device_node *np, const char *propname,
			    const char **out_string)
{
	const struct property *prop = of_find_property(np, propname, NULL);

	if (!prop)
		return -EINVAL;
	if (!prop->length)
		return -ENODATA;
	if (strnlen(prop->value, prop->length) >= prop->length)
		return -EILSEQ;
	*out_string = prop->value;
	return 0;
}

/* a string-list property's bounds: -EINVAL when absent, -ENODATA when it has no value */
static int prop_strings(const struct device_node *np, const char *propname, const char **p,
			const char **end)
{
	const struct property *prop = of_find_property(np, propname, NULL);

	if (!prop)
		return -EINVAL;
	if (!prop->value)
		return -ENODATA;
	*p = prop->value;
	*end = *p + prop->length;
	return 0;
}

int of_property_match_string(const struct device_node *np, const char *propname,
			     const char *string)
{
	size_t l;
	int i, ret;
	const char *p, *end;

	ret = prop_strings(np, propname, &p, &end);
	if (ret)
		return ret;

	for (i = 0; p < end; i++, p += l) {
		l = strnlen(p, end - p) + 1;
		if (p + l > end)
			return -EILSEQ;
		if (strcmp(string, p) == 0)
			return i; /* Found it; return index */
	}
	return -ENODATA;
}

int of_property_read_string_helper(const struct device_node *np, const char *propname,
				   const char **out_strs, size_t sz, int skip)
{
	int l = 0, i = 0, ret;
	const char *p, *end;

	ret = prop_strings(np, propname, &p, &end);
	if (ret)
		return ret;

	for (i = 0; p < end && (!out_strs || i < skip + sz); i++, p += l) {
		l = strnlen(p, end - p) + 1;
		if (p + l > end)
			return -EILSEQ;
		if (out_strs && i >= skip)
			*out_strs++ = p;
	}
	i -= skip;
	return i <= 0 ? -ENODATA : i;
}

/* ---- matching ---------------------------------------------------------------------------- */

/* __of_device_is_compatible() for a compatible string only: a score, 0 = no match */
static int compat_score(const struct device_node *device, const char *compat)
{
	const struct property *prop;
	const char *cp, *end;
	int index = 0, l;

	if (!device || !compat || !compat[0])
		return 0;
	prop = of_find_property(device, "compatible", NULL);
	if (!prop || !prop->value)
		return 0;
	for (cp = prop->value, end = cp + prop->length; cp < end; cp += l, index++) {
		l = strnlen(cp, end - cp) + 1;
		if (strcasecmp(cp, compat) == 0)
			return INT_MAX/2 - (index << 2);
	}
	return 0;
}

int of_device_is_compatible(const struct device_node *device, const char *compat)
{
	return compat_score(device, compat) > 0;
}

bool of_device_is_available(const struct device_node *device)
{
	const char *status;

	if (!device)
		return false;
	if (of_property_read_string(device, "status", &status))
		return true;
	return !strcmp(status, "okay") || !strcmp(status, "ok");
}

const struct of_device_id *of_match_node(const struct of_device_id *matches,
					 const struct device_node *node)
{
	const struct of_device_id *best_match = NULL;
	int score, best_score = 0;

	if (!matches || !node)
		return NULL;
	for (; matches->name[0] || matches->type[0] || matches->compatible[0]; matches++) {
		score = compat_score(node, matches->compatible);
		if (matches->name[0] && node->name && !strcmp(matches->name, node->name))
			score += 2;
		if (score > best_score) {
			best_match = matches;
			best_score = score;
		}
	}
	return best_match;
}

const struct of_device_id *of_match_device(const struct of_device_id *matches,
					   const struct device *dev)
{
	if (!matches || !dev->of_node)
		return NULL;
	return of_match_node(matches, dev->of_node);
}

const void *of_device_get_match_data(const struct device *dev)
{
	const struct of_device_id *match;

	if (!dev->driver)
		return NULL;
	match = of_match_device(dev->driver->of_match_table, dev);
	if (!match)
		return NULL;
	return match->data;
}

int of_alias_get_id(const struct device_node *np, const char *stem)
{
	return -ENODEV;		/* no /aliases node */
}

struct device_node *of_get_next_child(const struct device_node *node, struct device_node *prev)
{
	return NULL;
}

struct device_node *of_get_parent(const struct device_node *node)
{
	return NULL;
}

int of_n_addr_cells(struct device_node *np)
{
	return 2;
}

int of_n_size_cells(struct device_node *np)
{
	return 2;
}

/* ---- addresses --------------------------------------------------------------------------- */

const __be32 *__of_get_address(struct device_node *dev, int index, int bar_no, u64 *size,
			       unsigned int *flags)
{
	int psize;
	const __be32 *prop = of_get_property(dev, "reg", &psize);

	if (!prop || index < 0 || bar_no >= 0)
		return NULL;
	psize /= 4;
	if ((index + 1) * 4 > psize)
		return NULL;
	prop += index * 4;
	if (size)
		*size = ((u64)be32_to_cpup(prop + 2) << 32) | be32_to_cpup(prop + 3);
	if (flags)
		*flags = IORESOURCE_MEM;
	return prop;
}

u64 of_translate_address(struct device_node *np, const __be32 *addr)
{
	return ((u64)be32_to_cpup(addr) << 32) | be32_to_cpup(addr + 1);
}

int of_address_to_resource(struct device_node *dev, int index, struct resource *r)
{
	u64 size;
	unsigned int flags;
	const __be32 *addrp = of_get_address(dev, index, &size, &flags);
	u64 taddr;

	if (!addrp)
		return -EINVAL;
	taddr = of_translate_address(dev, addrp);
	memset(r, 0, sizeof(struct resource));
	r->start = taddr;
	r->end = taddr + size - 1;
	r->flags = flags;
	r->name = dev->full_name;
	return 0;
}

#undef of_iomap
void __iomem *of_iomap(struct device_node *np, int index)
{
	struct resource res;

	if (of_address_to_resource(np, index, &res))
		return NULL;
	return ioremap(res.start, resource_size(&res));
}
