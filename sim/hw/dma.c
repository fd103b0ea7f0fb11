// SPDX-License-Identifier: LGPL-2.1-or-later
/*
 * DMA memory (kernel world): the DMA mapping API and the checks of CONFIG_DMA_API_DEBUG
 * (kernel/dma/{mapping,direct,debug}.c), and the device side of <evlsim/hw.h>;
 * docs/api/hw-dma.md.
 *
 * Bus addresses. Devices see a bus of their own: a page of the mappable arena at index i
 * has the bus address DMA_BUS_BASE + i * PAGE_SIZE (a simulated IOMMU-less bus starting at
 * 16 MiB, so that 32-bit masks hold for the first 4 GiB of the arena and 24-bit ones are
 * the lowest supported, as on x86). Coherent memory is arena pages, mappable to user
 * space with dma_mmap_coherent(). Streaming mappings bounce through arena pages, as
 * swiotlb does (see <linux/dma-mapping.h>): the device never touches the CPU buffer.
 *
 * Registry. Every live coherent allocation and streaming mapping has an entry on one list
 * under one lock word (few entries live at once); evlsim_dma_ptr() and the dma-debug checks
 * look them up by bus address. The last unmapped ranges are remembered, to tell a double
 * unmap or a device access after unmap from a wrong address.
 */
#include <linux/dma-mapping.h>
#include <linux/mm.h>
#include <linux/slab.h>
#include <linux/string.h>
#include <linux/list.h>
#include <linux/device.h>
#include <asm/io.h>
#include "../kinternal.h"
#include "platform-internal.h"

#define DMA_BUS_BASE	0x01000000ULL

enum { DMA_COHERENT, DMA_STREAMING };

struct dma_entry {
	struct list_head node;
	int type;
	struct device *dev;
	dma_addr_t addr;		/* bus address of the first byte */
	size_t size;
	void *cpu;			/* coherent: kernel address; streaming: CPU buffer */
	void *pages;			/* the arena pages (coherent memory, or the bounce) */
	unsigned long nr_pages;
	void *snapshot;			/* DMA_FROM_DEVICE: the CPU buffer as last handed over */
	enum dma_data_direction dir;
	bool checked;			/* dma_mapping_error() was called on it */
};

struct dma_grave {
	dma_addr_t addr;
	size_t size;
};

static LIST_HEAD(entries);
static int entries_lock;
static int nr_entries;
#define GRAVES	32
static struct dma_grave graves[GRAVES];	/* under entries_lock */
static unsigned int grave_next;

static const char *const dir2name[] = {
	[DMA_BIDIRECTIONAL] = "DMA_BIDIRECTIONAL", [DMA_TO_DEVICE] = "DMA_TO_DEVICE",
	[DMA_FROM_DEVICE] = "DMA_FROM_DEVICE", [DMA_NONE] = "DMA_NONE",
};

#define dma_err(dev, fmt, ...)						\
	evlsim__report(EVLSIM_REPORT_RULE, "dma-api", "%s %s: DMA-API: " fmt,	\
		       (dev) ? dev_driver_string(dev) : "", (dev) ? dev_name(dev) : "?", \
		       ##__VA_ARGS__)

static dma_addr_t bus_of(const void *kaddr)
{
	unsigned long pfn = evlsim__pages_pfn(kaddr);

	return DMA_BUS_BASE + ((dma_addr_t)(pfn - EVLSIM_PFN_BASE) << PAGE_SHIFT) +
		((unsigned long)kaddr & (PAGE_SIZE - 1));
}

static bool dma_supported(struct device *dev, u64 mask)
{
	return mask >= DMA_BIT_MASK(24);
}

/* under entries_lock: the entry whose range holds [addr, addr + size) */
static struct dma_entry *find_range(dma_addr_t addr, size_t size)
{
	struct dma_entry *e;

	list_for_each_entry(e, &entries, node)
		if (addr >= e->addr && addr - e->addr < e->size &&
		    size <= e->size - (addr - e->addr))
			return e;
	return NULL;
}

static struct dma_entry *find_start(dma_addr_t addr, int type)
{
	struct dma_entry *e;

	list_for_each_entry(e, &entries, node)
		if (e->addr == addr && e->type == type)
			return e;
	return NULL;
}

static bool in_grave(dma_addr_t addr)
{
	unsigned int i;

	for (i = 0; i < GRAVES; i++)
		if (graves[i].size && addr >= graves[i].addr &&
		    addr - graves[i].addr < graves[i].size)
			return true;
	return false;
}

static void bury(struct dma_entry *e)
{
	graves[grave_next].addr = e->addr;
	graves[grave_next].size = e->size;
	grave_next = (grave_next + 1) % GRAVES;
}

/*
 * Unhooks the entry starting at @addr for a free or an unmap; @twice (may be NULL) tells
 * whether a missing one was freed or unmapped before.
 */
static struct dma_entry *retire(dma_addr_t addr, int type, bool *twice)
{
	struct dma_entry *e;

	evlsim__lockword_lock(&entries_lock);
	e = find_start(addr, type);
	if (twice)
		*twice = !e && in_grave(addr);
	if (e) {
		list_del(&e->node);
		nr_entries--;
		bury(e);
	}
	evlsim__lockword_unlock(&entries_lock);
	return e;
}

static void insert(struct dma_entry *e)
{
	evlsim__lockword_lock(&entries_lock);
	list_add_tail(&e->node, &entries);
	nr_entries++;
	evlsim__lockword_unlock(&entries_lock);
}

static void free_entry(struct dma_entry *e)
{
	evlsim__pages_free(e->pages, e->nr_pages);
	evlsim__free(e->snapshot);
	evlsim__free(e);
}

/* ---- coherent memory ------------------------------------------------------------------ */

#undef dma_alloc_attrs
void *dma_alloc_attrs(struct device *dev, size_t size, dma_addr_t *dma_handle, gfp_t flag,
		      unsigned long attrs)
{
	unsigned long nr, align;
	struct dma_entry *e;
	void *pages;

	evlsim__check_service(EVLSIM_SVC_dma_alloc_coherent);
	if (WARN_ON_ONCE(!dev || !dev->coherent_dma_mask) || !size)
		return NULL;
	if (evlsim__should_fail(EVLSIM_FAULT_DMA_ALLOC, size))
		return NULL;
	nr = PAGE_ALIGN(size) >> PAGE_SHIFT;
	align = 1UL << get_order(size);
	pages = evlsim__pages_alloc(nr, align, 1);
	if (!pages)
		return NULL;
	e = evlsim__zalloc(sizeof(*e));
	e->type = DMA_COHERENT;
	e->dev = dev;
	e->pages = e->cpu = pages;
	e->nr_pages = nr;
	e->size = size;
	e->addr = bus_of(pages);
	e->dir = DMA_BIDIRECTIONAL;
	if (e->addr + size - 1 > dev->coherent_dma_mask) {
		if (!(attrs & DMA_ATTR_NO_WARN))
			dev_warn(dev, "coherent DMA mask %#llx is smaller than the bus address %#llx of %zu bytes\n",
				 (unsigned long long)dev->coherent_dma_mask,
				 (unsigned long long)e->addr, size);
		free_entry(e);
		return NULL;
	}
	insert(e);
	evlsim__acct_alloc(EVLSIM_ACCT_DMA, pages, size);
	*dma_handle = e->addr;
	return pages;
}

void dma_free_attrs(struct device *dev, size_t size, void *cpu_addr, dma_addr_t dma_handle,
		    unsigned long attrs)
{
	struct dma_entry *e;

	evlsim__check_service(EVLSIM_SVC_dma_alloc_coherent);
	if (!cpu_addr)
		return;
	e = retire(dma_handle, DMA_COHERENT, NULL);
	if (!e) {
		dma_err(dev, "device driver tries to free DMA memory it has not allocated [device address=%#llx] [size=%zu bytes]",
			(unsigned long long)dma_handle, size);
		return;
	}
	if (e->cpu != cpu_addr)
		dma_err(dev, "device driver frees DMA memory with different CPU address [device address=%#llx] [size=%zu bytes] [cpu alloc address=%p] [cpu free address=%p]",
			(unsigned long long)dma_handle, size, e->cpu, cpu_addr);
	if (e->size != size)
		dma_err(dev, "device driver frees DMA memory with different size [device address=%#llx] [map size=%zu bytes] [unmap size=%zu bytes]",
			(unsigned long long)dma_handle, e->size, size);
	if (e->dev != dev)
		dma_err(dev, "device driver frees DMA memory with wrong device [device address=%#llx] [size=%zu bytes]",
			(unsigned long long)dma_handle, size);
	evlsim__acct_free(e->cpu);
	free_entry(e);
}

struct dma_devres {
	size_t size;
	void *vaddr;
	dma_addr_t dma_handle;
	unsigned long attrs;
};

static void dmam_release(struct device *dev, void *res)
{
	struct dma_devres *this = res;

	dma_free_attrs(dev, this->size, this->vaddr, this->dma_handle, this->attrs);
}

static int dmam_match(struct device *dev, void *res, void *match_data)
{
	struct dma_devres *this = res, *match = match_data;

	if (this->vaddr == match->vaddr) {
		WARN_ON(this->size != match->size || this->dma_handle != match->dma_handle);
		return 1;
	}
	return 0;
}

void dmam_free_coherent(struct device *dev, size_t size, void *vaddr, dma_addr_t dma_handle)
{
	struct dma_devres match_data = { size, vaddr, dma_handle };

	WARN_ON(devres_destroy(dev, dmam_release, dmam_match, &match_data));
	dma_free_coherent(dev, size, vaddr, dma_handle);
}

#undef dmam_alloc_attrs
void *dmam_alloc_attrs(struct device *dev, size_t size, dma_addr_t *dma_handle, gfp_t gfp,
		       unsigned long attrs)
{
	struct dma_devres *dr;
	void *vaddr;

	dr = devres_alloc(dmam_release, sizeof(*dr), gfp);
	if (!dr)
		return NULL;
	vaddr = dma_alloc_attrs(dev, size, dma_handle, gfp, attrs);
	if (!vaddr) {
		devres_free(dr);
		return NULL;
	}
	dr->vaddr = vaddr;
	dr->dma_handle = *dma_handle;
	dr->size = size;
	dr->attrs = attrs;
	devres_add(dev, dr);
	return vaddr;
}

int dma_mmap_attrs(struct device *dev, struct vm_area_struct *vma, void *cpu_addr,
		   dma_addr_t dma_addr, size_t size, unsigned long attrs)
{
	unsigned long user_count = vma_pages(vma);
	unsigned long count = PAGE_ALIGN(size) >> PAGE_SHIFT;
	unsigned long pfn;
	struct dma_entry *e;

	evlsim__lockword_lock(&entries_lock);
	e = find_start(dma_addr, DMA_COHERENT);
	evlsim__lockword_unlock(&entries_lock);
	if (!e || e->cpu != cpu_addr) {
		dma_err(dev, "device driver maps DMA memory it has not allocated [device address=%#llx] [cpu address=%p]",
			(unsigned long long)dma_addr, cpu_addr);
		return -ENXIO;
	}
	pfn = evlsim__pages_pfn(cpu_addr);
	if (vma->vm_pgoff >= count || user_count > count - vma->vm_pgoff)
		return -ENXIO;
	return remap_pfn_range(vma, vma->vm_start, pfn + vma->vm_pgoff,
			       user_count << PAGE_SHIFT, vma->vm_page_prot);
}

/* ---- streaming mappings ------------------------------------------------------------------ */

#undef dma_map_single_attrs
#undef dma_map_page_attrs
dma_addr_t dma_map_single_attrs(struct device *dev, void *ptr, size_t size,
				enum dma_data_direction dir, unsigned long attrs)
{
	unsigned long off = (unsigned long)ptr & (PAGE_SIZE - 1);
	struct dma_entry *e;
	void *pages;

	evlsim__check_service(EVLSIM_SVC_dma_map_single);
	if (!valid_dma_direction(dir) || !dev) {
		dma_err(dev, "device driver maps memory with an invalid direction %d", dir);
		return DMA_MAPPING_ERROR;
	}
	if (!ptr || !size) {
		dma_err(dev, "device driver maps %s [size=%zu bytes]", ptr ? "nothing" : "a NULL buffer",
			size);
		return DMA_MAPPING_ERROR;
	}
	if (evlsim__should_fail(EVLSIM_FAULT_DMA_ALLOC, size))
		return DMA_MAPPING_ERROR;
	e = evlsim__zalloc(sizeof(*e));
	e->nr_pages = PAGE_ALIGN(off + size) >> PAGE_SHIFT;
	pages = evlsim__pages_alloc(e->nr_pages, 1, 0);
	if (!pages) {
		evlsim__free(e);
		return DMA_MAPPING_ERROR;
	}
	e->type = DMA_STREAMING;
	e->dev = dev;
	e->pages = pages;
	e->size = size;
	e->cpu = ptr;
	e->dir = dir;
	e->addr = bus_of((char *)pages + off);
	if (e->addr + size - 1 > dma_get_mask(dev)) {
		free_entry(e);
		return DMA_MAPPING_ERROR;
	}
	if (!(attrs & DMA_ATTR_SKIP_CPU_SYNC))
		memcpy((char *)pages + off, ptr, size);	/* swiotlb copies for every direction */
	if (dir == DMA_FROM_DEVICE) {
		e->snapshot = evlsim__malloc(size);
		memcpy(e->snapshot, ptr, size);
	}
	insert(e);
	evlsim__acct_alloc(EVLSIM_ACCT_DMA, e, size);
	return e->addr;
}

dma_addr_t dma_map_page_attrs(struct device *dev, struct page *page, size_t offset,
			      size_t size, enum dma_data_direction dir, unsigned long attrs)
{
	return dma_map_single_attrs(dev, (char *)page_address(page) + offset, size, dir, attrs);
}

/* DMA_FROM_DEVICE: the CPU wrote into [off, off + len) while the device owned it? */
static void check_cpu_writes(struct dma_entry *e, size_t off, size_t len, const char *when)
{
	size_t i;

	if (!e->snapshot || !memcmp((char *)e->cpu + off, (char *)e->snapshot + off, len))
		return;
	for (i = off; i < off + len; i++)
		if (((char *)e->cpu)[i] != ((char *)e->snapshot)[i])
			break;
	dma_err(e->dev, "CPU wrote to a buffer mapped DMA_FROM_DEVICE while the device owned it [device address=%#llx] [size=%zu bytes] [first changed byte at offset %zu] (found at %s)",
		(unsigned long long)e->addr, e->size, i, when);
}

/* device -> CPU for [off, off + len) of @e */
static void bounce_to_cpu(struct dma_entry *e, size_t off, size_t len, const char *when)
{
	char *bounce = (char *)e->pages + ((unsigned long)e->cpu & (PAGE_SIZE - 1));

	check_cpu_writes(e, off, len, when);
	memcpy((char *)e->cpu + off, bounce + off, len);
	if (e->snapshot)
		memcpy((char *)e->snapshot + off, (char *)e->cpu + off, len);
}

void dma_unmap_single_attrs(struct device *dev, dma_addr_t addr, size_t size,
			    enum dma_data_direction dir, unsigned long attrs)
{
	struct dma_entry *e;
	bool twice;

	evlsim__check_service(EVLSIM_SVC_dma_map_single);
	e = retire(addr, DMA_STREAMING, &twice);
	if (!e) {
		if (twice)
			dma_err(dev, "device driver unmaps DMA memory twice [device address=%#llx] [size=%zu bytes]",
				(unsigned long long)addr, size);
		else
			dma_err(dev, "device driver tries to free DMA memory it has not allocated [device address=%#llx] [size=%zu bytes]",
				(unsigned long long)addr, size);
		return;
	}
	if (e->size != size)
		dma_err(dev, "device driver frees DMA memory with different size [device address=%#llx] [map size=%zu bytes] [unmap size=%zu bytes]",
			(unsigned long long)addr, e->size, size);
	if (e->dir != dir)
		dma_err(dev, "device driver frees DMA memory with different direction [device address=%#llx] [size=%zu bytes] [mapped as %s] [unmapped as %s]",
			(unsigned long long)addr, e->size, dir2name[e->dir],
			valid_dma_direction(dir) ? dir2name[dir] : "invalid");
	if (!e->checked)
		dma_err(dev, "device driver failed to check map error [device address=%#llx] [size=%zu bytes] [mapped as single]",
			(unsigned long long)addr, e->size);
	if ((e->dir == DMA_FROM_DEVICE || e->dir == DMA_BIDIRECTIONAL) &&
	    !(attrs & DMA_ATTR_SKIP_CPU_SYNC))
		bounce_to_cpu(e, 0, e->size, "unmap");
	evlsim__acct_free(e);
	free_entry(e);
}

void dma_unmap_page_attrs(struct device *dev, dma_addr_t addr, size_t size,
			  enum dma_data_direction dir, unsigned long attrs)
{
	dma_unmap_single_attrs(dev, addr, size, dir, attrs);
}

/* check_sync(): the streaming entry for a sync, NULL after a report; locked on success */
static struct dma_entry *sync_entry(struct device *dev, dma_addr_t addr, size_t size,
				    enum dma_data_direction dir, const char *what)
{
	struct dma_entry *e;

	evlsim__lockword_lock(&entries_lock);
	e = find_range(addr, size ? size : 1);
	if (!e || e->type != DMA_STREAMING) {
		evlsim__lockword_unlock(&entries_lock);
		dma_err(dev, "device driver tries to sync DMA memory it has not allocated [device address=%#llx] [size=%zu bytes] (%s)",
			(unsigned long long)addr, size, what);
		return NULL;
	}
	if (e->dir != DMA_BIDIRECTIONAL && e->dir != dir)
		dma_err(dev, "device driver syncs DMA memory with different direction [device address=%#llx] [size=%zu bytes] [mapped with %s] [synced with %s]",
			(unsigned long long)addr, size, dir2name[e->dir],
			valid_dma_direction(dir) ? dir2name[dir] : "invalid");
	return e;
}

void dma_sync_single_for_cpu(struct device *dev, dma_addr_t addr, size_t size,
			     enum dma_data_direction dir)
{
	struct dma_entry *e = sync_entry(dev, addr, size, dir, "for cpu");

	if (!e)
		return;
	if (e->dir == DMA_FROM_DEVICE || e->dir == DMA_BIDIRECTIONAL)
		bounce_to_cpu(e, addr - e->addr, size, "sync_for_cpu");
	evlsim__lockword_unlock(&entries_lock);
}

void dma_sync_single_for_device(struct device *dev, dma_addr_t addr, size_t size,
				enum dma_data_direction dir)
{
	struct dma_entry *e = sync_entry(dev, addr, size, dir, "for device");
	size_t off;
	char *bounce;

	if (!e)
		return;
	off = addr - e->addr;
	bounce = (char *)e->pages + ((unsigned long)e->cpu & (PAGE_SIZE - 1));
	if (e->dir == DMA_TO_DEVICE || e->dir == DMA_BIDIRECTIONAL)
		memcpy(bounce + off, (char *)e->cpu + off, size);
	if (e->snapshot)	/* the device owns it again: what the CPU left is the baseline */
		memcpy((char *)e->snapshot + off, (char *)e->cpu + off, size);
	evlsim__lockword_unlock(&entries_lock);
}

int dma_mapping_error(struct device *dev, dma_addr_t dma_addr)
{
	struct dma_entry *e;

	evlsim__lockword_lock(&entries_lock);
	e = find_start(dma_addr, DMA_STREAMING);
	if (e)
		e->checked = true;
	evlsim__lockword_unlock(&entries_lock);
	if (unlikely(dma_addr == DMA_MAPPING_ERROR))
		return -ENOMEM;
	return 0;
}

int dma_set_mask(struct device *dev, u64 mask)
{
	if (!dev->dma_mask || !dma_supported(dev, mask))
		return -EIO;
	*dev->dma_mask = mask;
	return 0;
}

int dma_set_coherent_mask(struct device *dev, u64 mask)
{
	if (!dma_supported(dev, mask))
		return -EIO;
	dev->coherent_dma_mask = mask;
	return 0;
}

size_t dma_max_mapping_size(struct device *dev)
{
	return SIZE_MAX;
}

/* dma_debug_device_change(BUS_NOTIFY_UNBOUND_DRIVER) */
void evlsim__dma_unbound(struct device *dev)
{
	struct dma_entry *e, *first = NULL;
	int count = 0;

	evlsim__lockword_lock(&entries_lock);
	list_for_each_entry(e, &entries, node)
		if (e->dev == dev && !count++)
			first = e;
	if (count)
		dma_err(dev, "device driver has pending DMA allocations while released from device [count=%d] One of leaked entries details: [device address=%#llx] [size=%zu bytes] [mapped as %s] [mapped with %s]",
			count, (unsigned long long)first->addr, first->size,
			first->type == DMA_COHERENT ? "coherent" : "single",
			dir2name[first->dir]);
	evlsim__lockword_unlock(&entries_lock);
}

/* ---- the device side ---------------------------------------------------------------------- */

EVLSIM_EXPORT void *evlsim_dma_ptr(unsigned long long addr, unsigned long len)
{
	struct dma_entry *e;
	bool stale;
	void *p = NULL;

	evlsim__lockword_lock(&entries_lock);
	e = find_range(addr, len ? len : 1);
	if (e) {
		unsigned long off = addr - e->addr;

		if (e->type == DMA_COHERENT)
			p = (char *)e->cpu + off;
		else
			p = (char *)e->pages + ((unsigned long)e->cpu & (PAGE_SIZE - 1)) + off;
	}
	stale = !e && in_grave(addr);
	evlsim__lockword_unlock(&entries_lock);
	if (!p)
		evlsim__report(EVLSIM_REPORT_RULE, "dma-api",
			       "device access to bus address %#llx (%lu bytes) %s",
			       addr, len, stale ? "after it was unmapped or freed" :
			       "outside any live DMA allocation or mapping");
	return p;
}

EVLSIM_EXPORT int evlsim_dma_read(unsigned long long addr, void *buf, unsigned long len)
{
	void *p = evlsim_dma_ptr(addr, len);

	if (!p || !buf)
		return -EFAULT;
	memcpy(buf, p, len);
	return 0;
}

EVLSIM_EXPORT int evlsim_dma_write(unsigned long long addr, const void *buf, unsigned long len)
{
	void *p = evlsim_dma_ptr(addr, len);

	if (!p || !buf)
		return -EFAULT;
	memcpy(p, buf, len);
	return 0;
}

EVLSIM_EXPORT int evlsim_dma_count(void)
{
	return __atomic_load_n(&nr_entries, __ATOMIC_RELAXED);
}
