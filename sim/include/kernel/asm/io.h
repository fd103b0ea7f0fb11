/* SPDX-License-Identifier: LGPL-2.1-or-later */
/*
 * evlsim shim: linux v6.12 arch/x86/include/asm/io.h and include/asm-generic/io.h.
 *
 * Faithful: the address conversions (virt_to_phys(), phys_to_virt(), page_to_phys(); arena
 * pages have "physical" addresses of their own, any other address converts to itself, see
 * <asm/page_64.h>) and the prototypes of the register accessors, with the asm-generic
 * qualifiers (const volatile void __iomem *), which accept every caller.
 *
 * Custom: every accessor is a function of the simulator (sim/hw/io.c) that looks the
 * cookie up among the live ioremap() mappings and performs the access on the register
 * block a test declared (<evlsim/hw.h>): a register file with its declared bit semantics,
 * or the device model's callbacks, with the access width. An access out of the mapping,
 * misaligned, of the wrong width for the register, or to a hole of a register file is a
 * bus error: reported, a read returns all ones and a write is dropped. Accesses are
 * sequentially consistent whatever the form (_relaxed and __raw_ forms drop no ordering
 * the model could exploit). The bus is little-endian like the host: readX()/writeX() and
 * __raw_ forms do not swap, the *be forms do.
 */
#ifndef _EVLSIM_ASM_IO_H
#define _EVLSIM_ASM_IO_H

#include <linux/types.h>
#include <asm/page.h>
#include <linux/evlsim-owner.h>

static inline phys_addr_t virt_to_phys(volatile void *address)
{
	return __pa(address);
}

static inline void *phys_to_virt(phys_addr_t address)
{
	return __va(address);
}

#define page_to_phys(page)	((phys_addr_t)page_to_pfn(page) << PAGE_SHIFT)

/* ---- register accessors (any stage, any context) ---- */

u8 readb(const volatile void __iomem *addr) __evlsim_ksym(readb);
u16 readw(const volatile void __iomem *addr) __evlsim_ksym(readw);
u32 readl(const volatile void __iomem *addr) __evlsim_ksym(readl);
u64 readq(const volatile void __iomem *addr) __evlsim_ksym(readq);
void writeb(u8 value, volatile void __iomem *addr) __evlsim_ksym(writeb);
void writew(u16 value, volatile void __iomem *addr) __evlsim_ksym(writew);
void writel(u32 value, volatile void __iomem *addr) __evlsim_ksym(writel);
void writeq(u64 value, volatile void __iomem *addr) __evlsim_ksym(writeq);

u8 readb_relaxed(const volatile void __iomem *addr) __evlsim_ksym(readb_relaxed);
u16 readw_relaxed(const volatile void __iomem *addr) __evlsim_ksym(readw_relaxed);
u32 readl_relaxed(const volatile void __iomem *addr) __evlsim_ksym(readl_relaxed);
u64 readq_relaxed(const volatile void __iomem *addr) __evlsim_ksym(readq_relaxed);
void writeb_relaxed(u8 value, volatile void __iomem *addr) __evlsim_ksym(writeb_relaxed);
void writew_relaxed(u16 value, volatile void __iomem *addr) __evlsim_ksym(writew_relaxed);
void writel_relaxed(u32 value, volatile void __iomem *addr) __evlsim_ksym(writel_relaxed);
void writeq_relaxed(u64 value, volatile void __iomem *addr) __evlsim_ksym(writeq_relaxed);

u8 __raw_readb(const volatile void __iomem *addr) __evlsim_ksym(__raw_readb);
u16 __raw_readw(const volatile void __iomem *addr) __evlsim_ksym(__raw_readw);
u32 __raw_readl(const volatile void __iomem *addr) __evlsim_ksym(__raw_readl);
u64 __raw_readq(const volatile void __iomem *addr) __evlsim_ksym(__raw_readq);
void __raw_writeb(u8 value, volatile void __iomem *addr) __evlsim_ksym(__raw_writeb);
void __raw_writew(u16 value, volatile void __iomem *addr) __evlsim_ksym(__raw_writew);
void __raw_writel(u32 value, volatile void __iomem *addr) __evlsim_ksym(__raw_writel);
void __raw_writeq(u64 value, volatile void __iomem *addr) __evlsim_ksym(__raw_writeq);

u8 ioread8(const volatile void __iomem *addr) __evlsim_ksym(ioread8);
u16 ioread16(const volatile void __iomem *addr) __evlsim_ksym(ioread16);
u32 ioread32(const volatile void __iomem *addr) __evlsim_ksym(ioread32);
u64 ioread64(const volatile void __iomem *addr) __evlsim_ksym(ioread64);
u16 ioread16be(const volatile void __iomem *addr) __evlsim_ksym(ioread16be);
u32 ioread32be(const volatile void __iomem *addr) __evlsim_ksym(ioread32be);
u64 ioread64be(const volatile void __iomem *addr) __evlsim_ksym(ioread64be);
void iowrite8(u8 value, volatile void __iomem *addr) __evlsim_ksym(iowrite8);
void iowrite16(u16 value, volatile void __iomem *addr) __evlsim_ksym(iowrite16);
void iowrite32(u32 value, volatile void __iomem *addr) __evlsim_ksym(iowrite32);
void iowrite64(u64 value, volatile void __iomem *addr) __evlsim_ksym(iowrite64);
void iowrite16be(u16 value, volatile void __iomem *addr) __evlsim_ksym(iowrite16be);
void iowrite32be(u32 value, volatile void __iomem *addr) __evlsim_ksym(iowrite32be);
void iowrite64be(u64 value, volatile void __iomem *addr) __evlsim_ksym(iowrite64be);

/* string forms: @count accesses of one register */
void readsb(const volatile void __iomem *addr, void *buffer, unsigned int count)
	__evlsim_ksym(readsb);
void readsw(const volatile void __iomem *addr, void *buffer, unsigned int count)
	__evlsim_ksym(readsw);
void readsl(const volatile void __iomem *addr, void *buffer, unsigned int count)
	__evlsim_ksym(readsl);
void readsq(const volatile void __iomem *addr, void *buffer, unsigned int count)
	__evlsim_ksym(readsq);
void writesb(volatile void __iomem *addr, const void *buffer, unsigned int count)
	__evlsim_ksym(writesb);
void writesw(volatile void __iomem *addr, const void *buffer, unsigned int count)
	__evlsim_ksym(writesw);
void writesl(volatile void __iomem *addr, const void *buffer, unsigned int count)
	__evlsim_ksym(writesl);
void writesq(volatile void __iomem *addr, const void *buffer, unsigned int count)
	__evlsim_ksym(writesq);
void ioread8_rep(const volatile void __iomem *addr, void *buffer, unsigned int count)
	__evlsim_ksym(ioread8_rep);
void ioread16_rep(const volatile void __iomem *addr, void *buffer, unsigned int count)
	__evlsim_ksym(ioread16_rep);
void ioread32_rep(const volatile void __iomem *addr, void *buffer, unsigned int count)
	__evlsim_ksym(ioread32_rep);
void iowrite8_rep(volatile void __iomem *addr, const void *buffer, unsigned int count)
	__evlsim_ksym(iowrite8_rep);
void iowrite16_rep(volatile void __iomem *addr, const void *buffer, unsigned int count)
	__evlsim_ksym(iowrite16_rep);
void iowrite32_rep(volatile void __iomem *addr, const void *buffer, unsigned int count)
	__evlsim_ksym(iowrite32_rep);

/* memory-like ranges: aligned longs where possible, bytes at the edges (asm-generic) */
void memcpy_fromio(void *buffer, const volatile void __iomem *addr, size_t size)
	__evlsim_ksym(memcpy_fromio);
void memcpy_toio(volatile void __iomem *addr, const void *buffer, size_t size)
	__evlsim_ksym(memcpy_toio);
void memset_io(volatile void __iomem *addr, int value, size_t size) __evlsim_ksym(memset_io);

/* ---- mappings (in-band) ---- */

void __iomem *ioremap(phys_addr_t offset, size_t size) __evlsim_ksym(ioremap);
void __iomem *ioremap_wc(phys_addr_t offset, size_t size) __evlsim_ksym(ioremap_wc);
void __iomem *ioremap_uc(phys_addr_t offset, size_t size) __evlsim_ksym(ioremap_uc);
void __iomem *ioremap_np(phys_addr_t offset, size_t size) __evlsim_ksym(ioremap_np);
void __iomem *ioremap_cache(resource_size_t offset, unsigned long size)
	__evlsim_ksym(ioremap_cache);
void iounmap(volatile void __iomem *addr) __evlsim_ksym(iounmap);

#define ioremap(offset, size)		__evlsim_owned(ioremap(offset, size))
#define ioremap_wc(offset, size)	__evlsim_owned(ioremap_wc(offset, size))
#define ioremap_uc(offset, size)	__evlsim_owned(ioremap_uc(offset, size))
#define ioremap_np(offset, size)	__evlsim_owned(ioremap_np(offset, size))
#define ioremap_cache(offset, size)	__evlsim_owned(ioremap_cache(offset, size))

/* barriers against DMA memory: full fences here */
#define mmiowb()		do { } while (0)
#define __iormb()		__atomic_thread_fence(__ATOMIC_SEQ_CST)
#define __iowmb()		__atomic_thread_fence(__ATOMIC_SEQ_CST)

#endif
