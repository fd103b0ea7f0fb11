// SPDX-License-Identifier: LGPL-2.1-or-later
/*
 * Register access and mappings (kernel world): the accessors of <asm/io.h>, ioremap() and
 * the managed mappings of <linux/io.h> (after lib/devres.c), region claims
 * (kernel/resource.c, flat). The register blocks themselves are mmio.c's.
 *
 * Every accessor passes its caller (the driver's call site) to the engine, for the bus
 * error reports. Mappings are charged to the calling module (EVLSIM_ACCT_IOREMAP): one
 * left at unload is a leak with the backtrace of its ioremap(). "fail_ioremap" makes
 * ioremap() return NULL, and the managed forms IOMEM_ERR_PTR(-ENOMEM), as the kernel's
 * failures would.
 */
#include <linux/io.h>
#include <linux/ioport.h>
#include <linux/device.h>
#include <linux/slab.h>
#include <linux/string.h>
#include "../kinternal.h"
#include "hw-internal.h"

#define SITE	__builtin_return_address(0)

/* ---- accessors --------------------------------------------------------------------------- */

#define DEFINE_READ(name, type, width, conv)					\
	type name(const volatile void __iomem *addr)				\
	{									\
		return conv((type)evlsim__mmio_read(addr, width, SITE));	\
	}
#define DEFINE_WRITE(name, type, width, conv)					\
	void name(type value, volatile void __iomem *addr)			\
	{									\
		evlsim__mmio_write(addr, width, conv(value), SITE);		\
	}
#define PLAIN(x)	(x)

DEFINE_READ(readb, u8, 1, PLAIN)
DEFINE_READ(readw, u16, 2, PLAIN)
DEFINE_READ(readl, u32, 4, PLAIN)
DEFINE_READ(readq, u64, 8, PLAIN)
DEFINE_WRITE(writeb, u8, 1, PLAIN)
DEFINE_WRITE(writew, u16, 2, PLAIN)
DEFINE_WRITE(writel, u32, 4, PLAIN)
DEFINE_WRITE(writeq, u64, 8, PLAIN)
DEFINE_READ(readb_relaxed, u8, 1, PLAIN)
DEFINE_READ(readw_relaxed, u16, 2, PLAIN)
DEFINE_READ(readl_relaxed, u32, 4, PLAIN)
DEFINE_READ(readq_relaxed, u64, 8, PLAIN)
DEFINE_WRITE(writeb_relaxed, u8, 1, PLAIN)
DEFINE_WRITE(writew_relaxed, u16, 2, PLAIN)
DEFINE_WRITE(writel_relaxed, u32, 4, PLAIN)
DEFINE_WRITE(writeq_relaxed, u64, 8, PLAIN)
DEFINE_READ(__raw_readb, u8, 1, PLAIN)
DEFINE_READ(__raw_readw, u16, 2, PLAIN)
DEFINE_READ(__raw_readl, u32, 4, PLAIN)
DEFINE_READ(__raw_readq, u64, 8, PLAIN)
DEFINE_WRITE(__raw_writeb, u8, 1, PLAIN)
DEFINE_WRITE(__raw_writew, u16, 2, PLAIN)
DEFINE_WRITE(__raw_writel, u32, 4, PLAIN)
DEFINE_WRITE(__raw_writeq, u64, 8, PLAIN)
DEFINE_READ(ioread8, u8, 1, PLAIN)
DEFINE_READ(ioread16, u16, 2, PLAIN)
DEFINE_READ(ioread32, u32, 4, PLAIN)
DEFINE_READ(ioread64, u64, 8, PLAIN)
DEFINE_READ(ioread16be, u16, 2, __builtin_bswap16)
DEFINE_READ(ioread32be, u32, 4, __builtin_bswap32)
DEFINE_READ(ioread64be, u64, 8, __builtin_bswap64)
DEFINE_WRITE(iowrite8, u8, 1, PLAIN)
DEFINE_WRITE(iowrite16, u16, 2, PLAIN)
DEFINE_WRITE(iowrite32, u32, 4, PLAIN)
DEFINE_WRITE(iowrite64, u64, 8, PLAIN)
DEFINE_WRITE(iowrite16be, u16, 2, __builtin_bswap16)
DEFINE_WRITE(iowrite32be, u32, 4, __builtin_bswap32)
DEFINE_WRITE(iowrite64be, u64, 8, __builtin_bswap64)

/* string forms: one register read or written @count times */
#define DEFINE_READS(name, type, width)						\
	void name(const volatile void __iomem *addr, void *buffer, unsigned int count) \
	{									\
		const void *site = SITE;					\
		type *buf = buffer;						\
										\
		while (count--)							\
			*buf++ = (type)evlsim__mmio_read(addr, width, site);	\
	}
#define DEFINE_WRITES(name, type, width)					\
	void name(volatile void __iomem *addr, const void *buffer, unsigned int count) \
	{									\
		const void *site = SITE;					\
		const type *buf = buffer;					\
										\
		while (count--)							\
			evlsim__mmio_write(addr, width, *buf++, site);		\
	}

DEFINE_READS(readsb, u8, 1)
DEFINE_READS(readsw, u16, 2)
DEFINE_READS(readsl, u32, 4)
DEFINE_READS(readsq, u64, 8)
DEFINE_WRITES(writesb, u8, 1)
DEFINE_WRITES(writesw, u16, 2)
DEFINE_WRITES(writesl, u32, 4)
DEFINE_WRITES(writesq, u64, 8)
DEFINE_READS(ioread8_rep, u8, 1)
DEFINE_READS(ioread16_rep, u16, 2)
DEFINE_READS(ioread32_rep, u32, 4)
DEFINE_WRITES(iowrite8_rep, u8, 1)
DEFINE_WRITES(iowrite16_rep, u16, 2)
DEFINE_WRITES(iowrite32_rep, u32, 4)

/* asm-generic: bytes up to an aligned long, longs, then bytes */
void memcpy_fromio(void *buffer, const volatile void __iomem *addr, size_t size)
{
	const volatile char __iomem *a = addr;
	const void *site = SITE;
	u8 *b = buffer;

	while (size && ((unsigned long)a & 7)) {
		*b++ = evlsim__mmio_read(a++, 1, site);
		size--;
	}
	while (size >= 8) {
		u64 v = evlsim__mmio_read(a, 8, site);

		memcpy(b, &v, 8);
		a += 8;
		b += 8;
		size -= 8;
	}
	while (size--)
		*b++ = evlsim__mmio_read(a++, 1, site);
}

void memcpy_toio(volatile void __iomem *addr, const void *buffer, size_t size)
{
	volatile char __iomem *a = addr;
	const void *site = SITE;
	const u8 *b = buffer;

	while (size && ((unsigned long)a & 7)) {
		evlsim__mmio_write(a++, 1, *b++, site);
		size--;
	}
	while (size >= 8) {
		u64 v;

		memcpy(&v, b, 8);
		evlsim__mmio_write(a, 8, v, site);
		a += 8;
		b += 8;
		size -= 8;
	}
	while (size--)
		evlsim__mmio_write(a++, 1, *b++, site);
}

void memset_io(volatile void __iomem *addr, int value, size_t size)
{
	volatile char __iomem *a = addr;
	const void *site = SITE;
	u64 v = 0x0101010101010101ULL * (u8)value;

	while (size && ((unsigned long)a & 7)) {
		evlsim__mmio_write(a++, 1, (u8)value, site);
		size--;
	}
	while (size >= 8) {
		evlsim__mmio_write(a, 8, v, site);
		a += 8;
		size -= 8;
	}
	while (size--)
		evlsim__mmio_write(a++, 1, (u8)value, site);
}

/* ---- mappings --------------------------------------------------------------------------- */

#undef ioremap
#undef ioremap_wc
#undef ioremap_uc
#undef ioremap_np
#undef ioremap_cache

static noinline void __iomem *do_ioremap(phys_addr_t offset, size_t size, const void *site)
{
	void *cookie;

	if (evlsim__checks_enabled)
		evlsim__check_service_at(EVLSIM_SVC_ioremap, (void *)site);
	if (unlikely(__atomic_load_n(&evlsim__faults_on, __ATOMIC_RELAXED)) &&
	    evlsim__should_fail_at(EVLSIM_FAULT_IOREMAP, size, site))
		return NULL;
	cookie = evlsim__mmio_map(offset, size);
	if (cookie)
		evlsim__acct_alloc(EVLSIM_ACCT_IOREMAP, cookie, size);
	return (void __iomem *)cookie;
}

void __iomem *ioremap(phys_addr_t offset, size_t size)
{
	return do_ioremap(offset, size, SITE);
}

void __iomem *ioremap_wc(phys_addr_t offset, size_t size)
{
	return do_ioremap(offset, size, SITE);
}

void __iomem *ioremap_uc(phys_addr_t offset, size_t size)
{
	return do_ioremap(offset, size, SITE);
}

void __iomem *ioremap_np(phys_addr_t offset, size_t size)
{
	return do_ioremap(offset, size, SITE);
}

void __iomem *ioremap_cache(resource_size_t offset, unsigned long size)
{
	return do_ioremap(offset, size, SITE);
}

void iounmap(volatile void __iomem *addr)
{
	evlsim__check_service(EVLSIM_SVC_ioremap);
	if (!addr)
		return;
	if (evlsim__mmio_unmap(addr)) {
		WARN(1, "iounmap: bad address %p\n", (const void *)addr);
		return;
	}
	evlsim__acct_free((const void *)addr);
}

/* ---- region claims (flat iomem_resource) ---------------------------------------------- */

struct resource ioport_resource = {
	.name = "PCI IO", .start = 0, .end = 0xffff, .flags = IORESOURCE_IO,
};
struct resource iomem_resource = {
	.name = "PCI mem", .start = 0, .end = -1, .flags = IORESOURCE_MEM,
};

struct claim {
	struct claim *next;
	struct resource *parent;
	struct resource res;
};
static struct claim *claims;
static struct evlsim_mutex claims_lock = EVLSIM_MUTEX_INITIALIZER;

struct resource *__request_region(struct resource *parent, resource_size_t start,
				  resource_size_t n, const char *name, int flags)
{
	struct claim *c;

	if (!n || start + n - 1 < start)
		return NULL;
	evlsim__mutex_lock(&claims_lock);
	for (c = claims; c; c = c->next) {
		if (c->parent == parent && start <= c->res.end && c->res.start <= start + n - 1) {
			evlsim__mutex_unlock(&claims_lock);
			return NULL;
		}
	}
	c = evlsim__zalloc(sizeof(*c));
	c->parent = parent;
	c->res.start = start;
	c->res.end = start + n - 1;
	c->res.name = name;
	c->res.flags = resource_type(parent) | flags | IORESOURCE_BUSY;
	c->res.parent = parent;
	c->next = claims;
	claims = c;
	evlsim__mutex_unlock(&claims_lock);
	return &c->res;
}

void __release_region(struct resource *parent, resource_size_t start, resource_size_t n)
{
	struct claim *c, **pp;

	evlsim__mutex_lock(&claims_lock);
	for (pp = &claims; (c = *pp) != NULL; pp = &c->next) {
		if (c->parent == parent && c->res.start == start &&
		    c->res.end == start + n - 1) {
			*pp = c->next;
			evlsim__mutex_unlock(&claims_lock);
			evlsim__free(c);
			return;
		}
	}
	evlsim__mutex_unlock(&claims_lock);
	printk(KERN_WARNING "Trying to free nonexistent resource <%#llx-%#llx>\n",
	       (unsigned long long)start, (unsigned long long)(start + n - 1));
}

/* ---- managed forms (lib/devres.c, kernel/resource.c) ------------------------------------ */

struct region_devres {
	struct resource *parent;
	resource_size_t start;
	resource_size_t n;
};

static void devm_region_release(struct device *dev, void *res)
{
	struct region_devres *this = res;

	__release_region(this->parent, this->start, this->n);
}

static int devm_region_match(struct device *dev, void *res, void *match_data)
{
	struct region_devres *this = res, *match = match_data;

	return this->parent == match->parent &&
		this->start == match->start && this->n == match->n;
}

struct resource *__devm_request_region(struct device *dev, struct resource *parent,
				       resource_size_t start, resource_size_t n,
				       const char *name)
{
	struct region_devres *dr;
	struct resource *res;

	dr = devres_alloc(devm_region_release, sizeof(struct region_devres), GFP_KERNEL);
	if (!dr)
		return NULL;
	dr->parent = parent;
	dr->start = start;
	dr->n = n;
	res = __request_region(parent, start, n, name, 0);
	if (res)
		devres_add(dev, dr);
	else
		devres_free(dr);
	return res;
}

void __devm_release_region(struct device *dev, struct resource *parent,
			   resource_size_t start, resource_size_t n)
{
	struct region_devres match_data = { parent, start, n };

	WARN_ON(devres_release(dev, devm_region_release, devm_region_match, &match_data));
}

static void devm_ioremap_release(struct device *dev, void *res)
{
	iounmap(*(void __iomem **)res);
}

static int devm_ioremap_match(struct device *dev, void *res, void *match_data)
{
	return *(void **)res == match_data;
}

static noinline void __iomem *managed_ioremap(struct device *dev, resource_size_t offset,
					      resource_size_t size, const void *site)
{
	void __iomem **ptr, *addr;

	ptr = devres_alloc(devm_ioremap_release, sizeof(*ptr), GFP_KERNEL);
	if (!ptr)
		return NULL;
	addr = do_ioremap(offset, size, site);
	if (addr) {
		*ptr = addr;
		devres_add(dev, ptr);
	} else {
		devres_free(ptr);
	}
	return addr;
}

#undef devm_ioremap
#undef devm_ioremap_uc
#undef devm_ioremap_wc
#undef devm_ioremap_resource
#undef devm_ioremap_resource_wc

void __iomem *devm_ioremap(struct device *dev, resource_size_t offset, resource_size_t size)
{
	return managed_ioremap(dev, offset, size, SITE);
}

void __iomem *devm_ioremap_uc(struct device *dev, resource_size_t offset,
			      resource_size_t size)
{
	return managed_ioremap(dev, offset, size, SITE);
}

void __iomem *devm_ioremap_wc(struct device *dev, resource_size_t offset,
			      resource_size_t size)
{
	return managed_ioremap(dev, offset, size, SITE);
}

void devm_iounmap(struct device *dev, void __iomem *addr)
{
	WARN_ON(devres_destroy(dev, devm_ioremap_release, devm_ioremap_match,
			       (__force void *)addr));
	iounmap(addr);
}

/* __devm_ioremap_resource(): the messages and results of lib/devres.c */
noinline void __iomem *evlsim__devm_ioremap_resource(struct device *dev,
						     const struct resource *res,
						     const void *site)
{
	resource_size_t size;
	void __iomem *dest_ptr;
	char *pretty_name;

	BUG_ON(!dev);

	if (!res || resource_type(res) != IORESOURCE_MEM) {
		dev_err(dev, "invalid resource %s\n", res ? (res->name ?: "?") : "(null)");
		return IOMEM_ERR_PTR(-EINVAL);
	}

	size = resource_size(res);

	if (res->name)
		pretty_name = devm_kasprintf(dev, GFP_KERNEL, "%s %s", dev_name(dev), res->name);
	else
		pretty_name = devm_kstrdup(dev, dev_name(dev), GFP_KERNEL);
	if (!pretty_name) {
		dev_err(dev, "can't generate pretty name for resource [mem %#llx-%#llx]\n",
			(unsigned long long)res->start, (unsigned long long)res->end);
		return IOMEM_ERR_PTR(-ENOMEM);
	}

	if (!devm_request_mem_region(dev, res->start, size, pretty_name)) {
		dev_err(dev, "can't request region for resource [mem %#llx-%#llx]\n",
			(unsigned long long)res->start, (unsigned long long)res->end);
		return IOMEM_ERR_PTR(-EBUSY);
	}

	dest_ptr = managed_ioremap(dev, res->start, size, site);
	if (!dest_ptr) {
		dev_err(dev, "ioremap failed for resource [mem %#llx-%#llx]\n",
			(unsigned long long)res->start, (unsigned long long)res->end);
		devm_release_mem_region(dev, res->start, size);
		dest_ptr = IOMEM_ERR_PTR(-ENOMEM);
	}

	return dest_ptr;
}

void __iomem *devm_ioremap_resource(struct device *dev, const struct resource *res)
{
	return evlsim__devm_ioremap_resource(dev, res, SITE);
}

void __iomem *devm_ioremap_resource_wc(struct device *dev, const struct resource *res)
{
	return evlsim__devm_ioremap_resource(dev, res, SITE);
}
