/* SPDX-License-Identifier: LGPL-2.1-or-later */
/*
 * evlsim shim: linux v6.12 include/linux/dma-mapping.h with the checks of
 * CONFIG_DMA_API_DEBUG (kernel/dma/debug.c). Custom model (sim/hw/dma.c):
 *
 * - Coherent memory (dma_alloc_coherent() & co.) comes from the mappable page arena, so
 *   dma_mmap_coherent() maps it through the ordinary ->mmap machinery. Its bus address is
 *   not its "physical" address: devices see a bus of their own (0x80000000 up), and an
 *   allocation or mapping beyond the device's DMA mask fails as on a constrained device.
 * - Streaming mappings (dma_map_single(), dma_map_page_attrs()) go through a bounce buffer,
 *   as swiotlb does: the device works on the bounce, the CPU buffer is copied to it at map
 *   and dma_sync_*_for_device() (DMA_TO_DEVICE, DMA_BIDIRECTIONAL) and back at unmap and
 *   dma_sync_*_for_cpu() (DMA_FROM_DEVICE, DMA_BIDIRECTIONAL). A driver that forgets a
 *   sync thus sees stale data, as on non-coherent hardware.
 * - dma-debug's checks are reported (RULE dma-api): unmap or sync of an address not
 *   mapped, double unmap, unmap with another size or direction, free of coherent memory
 *   not allocated or with another size, a CPU write to a DMA_FROM_DEVICE buffer while the
 *   device owns it (found at sync_for_cpu/unmap by comparing with the buffer as mapped),
 *   a mapping error not checked with dma_mapping_error(), mappings left at unbind.
 * dma_map_single_attrs() is a function here (an inline over virt_to_page() in the kernel):
 * kmalloc() memory has no struct page in the simulator.
 */
#ifndef _EVLSIM_LINUX_DMA_MAPPING_H
#define _EVLSIM_LINUX_DMA_MAPPING_H

#include <linux/types.h>
#include <linux/err.h>
#include <linux/gfp.h>
#include <linux/device.h>
#include <linux/dma-direction.h>
#include <linux/evlsim-owner.h>

struct page;
struct vm_area_struct;

#define DMA_ATTR_WEAK_ORDERING		(1UL << 1)
#define DMA_ATTR_WRITE_COMBINE		(1UL << 2)
#define DMA_ATTR_NO_KERNEL_MAPPING	(1UL << 4)
#define DMA_ATTR_SKIP_CPU_SYNC		(1UL << 5)
#define DMA_ATTR_FORCE_CONTIGUOUS	(1UL << 6)
#define DMA_ATTR_ALLOC_SINGLE_PAGES	(1UL << 7)
#define DMA_ATTR_NO_WARN		(1UL << 8)
#define DMA_ATTR_PRIVILEGED		(1UL << 9)

#define DMA_MAPPING_ERROR		(~(dma_addr_t)0)

#define DMA_BIT_MASK(n)	(((n) == 64) ? ~0ULL : ((1ULL<<(n))-1))

void *dma_alloc_attrs(struct device *dev, size_t size, dma_addr_t *dma_handle, gfp_t flag,
		      unsigned long attrs) __evlsim_ksym(dma_alloc_attrs);
void dma_free_attrs(struct device *dev, size_t size, void *cpu_addr, dma_addr_t dma_handle,
		    unsigned long attrs) __evlsim_ksym(dma_free_attrs);
void *dmam_alloc_attrs(struct device *dev, size_t size, dma_addr_t *dma_handle, gfp_t gfp,
		       unsigned long attrs) __evlsim_ksym(dmam_alloc_attrs);
void dmam_free_coherent(struct device *dev, size_t size, void *vaddr, dma_addr_t dma_handle)
	__evlsim_ksym(dmam_free_coherent);
#define dma_alloc_attrs(dev, size, handle, gfp, attrs) \
	__evlsim_owned(dma_alloc_attrs(dev, size, handle, gfp, attrs))
#define dmam_alloc_attrs(dev, size, handle, gfp, attrs) \
	__evlsim_owned(dmam_alloc_attrs(dev, size, handle, gfp, attrs))

dma_addr_t dma_map_page_attrs(struct device *dev, struct page *page, size_t offset,
			      size_t size, enum dma_data_direction dir, unsigned long attrs)
	__evlsim_ksym(dma_map_page_attrs);
void dma_unmap_page_attrs(struct device *dev, dma_addr_t addr, size_t size,
			  enum dma_data_direction dir, unsigned long attrs)
	__evlsim_ksym(dma_unmap_page_attrs);
dma_addr_t dma_map_single_attrs(struct device *dev, void *ptr, size_t size,
				enum dma_data_direction dir, unsigned long attrs)
	__evlsim_ksym(dma_map_single_attrs);
void dma_unmap_single_attrs(struct device *dev, dma_addr_t addr, size_t size,
			    enum dma_data_direction dir, unsigned long attrs)
	__evlsim_ksym(dma_unmap_single_attrs);
#define dma_map_page_attrs(dev, page, off, size, dir, attrs) \
	__evlsim_owned(dma_map_page_attrs(dev, page, off, size, dir, attrs))
#define dma_map_single_attrs(dev, ptr, size, dir, attrs) \
	__evlsim_owned(dma_map_single_attrs(dev, ptr, size, dir, attrs))

void dma_sync_single_for_cpu(struct device *dev, dma_addr_t addr, size_t size,
			     enum dma_data_direction dir) __evlsim_ksym(dma_sync_single_for_cpu);
void dma_sync_single_for_device(struct device *dev, dma_addr_t addr, size_t size,
				enum dma_data_direction dir)
	__evlsim_ksym(dma_sync_single_for_device);
int dma_mapping_error(struct device *dev, dma_addr_t dma_addr)
	__evlsim_ksym(dma_mapping_error);

int dma_set_mask(struct device *dev, u64 mask) __evlsim_ksym(dma_set_mask);
int dma_set_coherent_mask(struct device *dev, u64 mask) __evlsim_ksym(dma_set_coherent_mask);
int dma_mmap_attrs(struct device *dev, struct vm_area_struct *vma, void *cpu_addr,
		   dma_addr_t dma_addr, size_t size, unsigned long attrs)
	__evlsim_ksym(dma_mmap_attrs);
size_t dma_max_mapping_size(struct device *dev) __evlsim_ksym(dma_max_mapping_size);

static inline void *dma_alloc_coherent(struct device *dev, size_t size,
				       dma_addr_t *dma_handle, gfp_t gfp)
{
	return dma_alloc_attrs(dev, size, dma_handle, gfp,
			(gfp & __GFP_NOWARN) ? DMA_ATTR_NO_WARN : 0);
}

static inline void dma_free_coherent(struct device *dev, size_t size,
				     void *cpu_addr, dma_addr_t dma_handle)
{
	return dma_free_attrs(dev, size, cpu_addr, dma_handle, 0);
}

static inline void *dmam_alloc_coherent(struct device *dev, size_t size,
					dma_addr_t *dma_handle, gfp_t gfp)
{
	return dmam_alloc_attrs(dev, size, dma_handle, gfp,
			(gfp & __GFP_NOWARN) ? DMA_ATTR_NO_WARN : 0);
}

static inline void dma_sync_single_range_for_cpu(struct device *dev, dma_addr_t addr,
						 unsigned long offset, size_t size,
						 enum dma_data_direction dir)
{
	return dma_sync_single_for_cpu(dev, addr + offset, size, dir);
}

static inline void dma_sync_single_range_for_device(struct device *dev, dma_addr_t addr,
						    unsigned long offset, size_t size,
						    enum dma_data_direction dir)
{
	return dma_sync_single_for_device(dev, addr + offset, size, dir);
}

static inline u64 dma_get_mask(struct device *dev)
{
	if (dev->dma_mask && *dev->dma_mask)
		return *dev->dma_mask;
	return DMA_BIT_MASK(32);
}

static inline int dma_set_mask_and_coherent(struct device *dev, u64 mask)
{
	int rc = dma_set_mask(dev, mask);

	if (rc == 0)
		dma_set_coherent_mask(dev, mask);
	return rc;
}

static inline int dma_coerce_mask_and_coherent(struct device *dev, u64 mask)
{
	dev->dma_mask = &dev->coherent_dma_mask;
	return dma_set_mask_and_coherent(dev, mask);
}

static inline size_t dma_get_cache_alignment(void)
{
	return 64;	/* ARCH_DMA_MINALIGN: L1_CACHE_BYTES on x86 */
}

#define dma_map_single(d, a, s, r) dma_map_single_attrs(d, a, s, r, 0)
#define dma_unmap_single(d, a, s, r) dma_unmap_single_attrs(d, a, s, r, 0)
#define dma_map_page(d, p, o, s, r) dma_map_page_attrs(d, p, o, s, r, 0)
#define dma_unmap_page(d, a, s, r) dma_unmap_page_attrs(d, a, s, r, 0)
#define dma_mmap_coherent(d, v, c, h, s) dma_mmap_attrs(d, v, c, h, s, 0)

#define DEFINE_DMA_UNMAP_ADDR(ADDR_NAME)	dma_addr_t ADDR_NAME
#define DEFINE_DMA_UNMAP_LEN(LEN_NAME)		__u32 LEN_NAME
#define dma_unmap_addr(PTR, ADDR_NAME)		((PTR)->ADDR_NAME)
#define dma_unmap_addr_set(PTR, ADDR_NAME, VAL)	(((PTR)->ADDR_NAME) = (VAL))
#define dma_unmap_len(PTR, LEN_NAME)		((PTR)->LEN_NAME)
#define dma_unmap_len_set(PTR, LEN_NAME, VAL)	(((PTR)->LEN_NAME) = (VAL))

#endif
