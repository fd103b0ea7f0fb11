/* SPDX-License-Identifier: LGPL-2.1-or-later */
/*
 * <evlsim/hw.h>: simulated hardware, the test side (docs/api/hw-mmio.md,
 * docs/api/hw-platform.md, docs/api/hw-dma.md; interrupts: <evlsim/hw-irq.h>,
 * docs/api/irq.md).
 *
 * A test declares the board: register blocks at "physical" addresses, interrupt lines
 * (<evlsim/hw-irq.h>), platform devices with a compatible string, resources and
 * properties; then it loads the driver with evlsim_load_module() as usual. The driver
 * sees only the kernel API (ioremap(), readl(), platform_get_resource(), ...). Device
 * models written by the test react to register accesses through callbacks and reach DMA
 * memory through evlsim_dma_*().
 *
 * User world, plain C: no kernel type. Conventions as <evlsim/evlsim.h>: 0 (or a count)
 * or a negated errno, never errno. Objects are created in-band by the test.
 */
#ifndef _EVLSIM_HW_H
#define _EVLSIM_HW_H

#include "evlsim.h"

#ifdef __cplusplus
extern "C" {
#endif

/* ---- register blocks ------------------------------------------------------------------ */

struct evlsim_mmio;		/* a register block, opaque */

/*
 * Callbacks of a device model. @width is the access width in bytes (1, 2, 4 or 8); @off
 * the offset from the block's base. They run in the context of the driver's access (any
 * stage, hard irqs maybe off: they must not sleep), with no lock of the simulator held, so
 * they may peek/poke registers and raise interrupts. A block with callbacks accepts every
 * aligned access of an allowed width (EVLSIM_MMIO_W*).
 */
struct evlsim_mmio_ops {
	unsigned long long (*read)(void *ctx, unsigned long off, unsigned int width);
	void (*write)(void *ctx, unsigned long off, unsigned long long val, unsigned int width);
};

#define EVLSIM_MMIO_W8		0x1	/* 1-byte accesses allowed */
#define EVLSIM_MMIO_W16		0x2
#define EVLSIM_MMIO_W32		0x4
#define EVLSIM_MMIO_W64		0x8
#define EVLSIM_MMIO_WALL	0xf

/*
 * evlsim_mmio_create - a register block served by callbacks
 * @name: for reports ("acq-regs"); copied
 * @base, @size: its physical range (size > 0, the range must not overlap another block)
 * @widths: EVLSIM_MMIO_W* mask of the access widths the device decodes (0: all)
 * @ops, @ctx: the callbacks, and their first argument
 * @mmio: the new block
 * Returns 0, -EINVAL (bad argument), -EEXIST (overlaps a block).
 */
int evlsim_mmio_create(const char *name, unsigned long long base, unsigned long size,
		       unsigned int widths, const struct evlsim_mmio_ops *ops, void *ctx,
		       struct evlsim_mmio **mmio);

/*
 * A register of a register file. Bits not in any mask are plain read/write bits.
 */
struct evlsim_reg {
	const char *name;		/* for reports; NULL: "reg+0x<off>" */
	unsigned long off;		/* naturally aligned for @width */
	unsigned int width;		/* 1, 2, 4 or 8: the only width that may access it */
	unsigned long long reset;	/* value at creation and evlsim_regfile_reset() */
	unsigned long long ro;		/* read-only bits: driver writes leave them */
	unsigned long long w1c;		/* write-1-to-clear bits (status) */
	unsigned long long sc;		/* self-clearing bits: a written 1 triggers the write
					 * hook, then reads back 0 (commands, resets) */
	unsigned long long rc;		/* read-to-clear bits: cleared after a driver read */
	unsigned int flags;		/* EVLSIM_REG_* */
	unsigned int fifo_depth;	/* EVLSIM_REG_FIFO: entries (0: 64) */
};

#define EVLSIM_REG_WO		0x1	/* write-only: reads return 0 */
/* A FIFO window: a driver read pops the oldest entry (empty: the register's reset
 * value), a driver write pushes one (full: dropped); the device model pushes and pops
 * with evlsim_regfile_fifo_push/pop(). ro/w1c/sc/rc do not apply. */
#define EVLSIM_REG_FIFO		0x2

/*
 * Hooks of a register file's register: called after a driver access took effect (the
 * register's value has its new value), with no simulator lock held. @old is the value
 * before a write, @val the value written by the driver (write) or returned to it (read).
 */
struct evlsim_reg_hooks {
	void (*write)(void *ctx, struct evlsim_mmio *m, unsigned long off,
		      unsigned long long old, unsigned long long val);
	void (*read)(void *ctx, struct evlsim_mmio *m, unsigned long off,
		     unsigned long long val);
};

/*
 * evlsim_regfile_create - a register block with declared registers
 * @name, @base, @size: as evlsim_mmio_create() (size at most 1 MiB)
 * @regs, @nregs: the registers (copied); an access to an offset no register covers, or
 *	of another width than the register's, is a bus error
 * Returns 0, -EINVAL (bad argument, overlapping or misaligned registers), -EEXIST.
 */
int evlsim_regfile_create(const char *name, unsigned long long base, unsigned long size,
			  const struct evlsim_reg *regs, unsigned int nregs,
			  struct evlsim_mmio **mmio);
/* evlsim_regfile_hook - set the hooks of the register at @off; 0, -EINVAL, -ENOENT */
int evlsim_regfile_hook(struct evlsim_mmio *m, unsigned long off,
			const struct evlsim_reg_hooks *hooks, void *ctx);
/* evlsim_regfile_reset - every register back to its reset value, FIFOs emptied */
void evlsim_regfile_reset(struct evlsim_mmio *m);

/*
 * Device-side access, without side effects (no ro/w1c/sc/rc semantics, no hooks, no
 * FIFO pop): @width must be the register's. 0, -EINVAL, -ENOENT (no such register),
 * -EOPNOTSUPP (a callback block).
 */
int evlsim_mmio_peek(struct evlsim_mmio *m, unsigned long off, unsigned int width,
		     unsigned long long *val);
int evlsim_mmio_poke(struct evlsim_mmio *m, unsigned long off, unsigned int width,
		     unsigned long long val);
/* Atomically clears then sets bits of a register (device side): 0, -EINVAL, -ENOENT,
 * -EOPNOTSUPP */
int evlsim_mmio_update(struct evlsim_mmio *m, unsigned long off, unsigned int width,
		       unsigned long long clear, unsigned long long set);
/* FIFO registers (device side): push one entry (0, -ENOSPC when full), pop one (0,
 * -ENODATA when empty), and the number of entries (>= 0) */
int evlsim_regfile_fifo_push(struct evlsim_mmio *m, unsigned long off, unsigned long long val);
int evlsim_regfile_fifo_pop(struct evlsim_mmio *m, unsigned long off, unsigned long long *val);
int evlsim_regfile_fifo_level(struct evlsim_mmio *m, unsigned long off);

/* Counters of a block: driver accesses and bus errors. */
struct evlsim_mmio_stats {
	unsigned long reads, writes;	/* driver accesses that reached the block */
	unsigned long bus_errors;	/* out of range, misaligned, wrong width, hole */
	unsigned long direct;		/* dereferences of a cookie without an accessor */
};
int evlsim_mmio_stats(struct evlsim_mmio *m, struct evlsim_mmio_stats *st);

/*
 * evlsim_mmio_destroy - remove a block: 0, or -EBUSY while a driver has it mapped
 * (ioremap() without iounmap()).
 */
int evlsim_mmio_destroy(struct evlsim_mmio *m);

/* ---- platform devices ----------------------------------------------------------------- */

struct evlsim_pdev;		/* a platform device declared by a test, opaque */

#define EVLSIM_RES_MEM		1	/* IORESOURCE_MEM: start = physical base, size bytes */
#define EVLSIM_RES_IRQ		2	/* IORESOURCE_IRQ: start = the Linux irq number */

struct evlsim_res {
	int type;			/* EVLSIM_RES_* */
	unsigned long long start;
	unsigned long long size;	/* MEM: bytes; IRQ: ignored (1) */
	const char *name;		/* for the _byname lookups, or NULL */
};

#define EVLSIM_PROP_BOOL	1	/* present, no value */
#define EVLSIM_PROP_U32		2	/* one or more cells (u32s, count) */
#define EVLSIM_PROP_STRING	3	/* one or more strings (strs, count) */
#define EVLSIM_PROP_U64		4	/* one or more 64-bit values (u64s, count) */
#define EVLSIM_PROP_BYTES	5	/* raw bytes (bytes, count) */

struct evlsim_prop {
	const char *name;
	int type;			/* EVLSIM_PROP_* */
	unsigned int count;		/* values (0 for a single u32 in .u32) */
	unsigned int u32;		/* the single cell when count == 0 */
	const unsigned int *u32s;
	const unsigned long long *u64s;
	const char *const *strs;	/* count == 0: .str */
	const char *str;
	const unsigned char *bytes;
};

#define EVLSIM_PROP_FLAG(n)		{ .name = (n), .type = EVLSIM_PROP_BOOL }
#define EVLSIM_PROP_U32_VAL(n, v)	{ .name = (n), .type = EVLSIM_PROP_U32, .u32 = (v) }
#define EVLSIM_PROP_STR(n, s)		{ .name = (n), .type = EVLSIM_PROP_STRING, .str = (s) }

struct evlsim_pdev_info {
	const char *name;		/* platform device name (driver name match) */
	int id;				/* -1: none (PLATFORM_DEVID_NONE), -2: auto */
	const char *compatible;		/* "vendor,chip", or NULL: no device-tree node
					 * unless properties are given */
	const struct evlsim_res *res;
	unsigned int num_res;
	const struct evlsim_prop *props;
	unsigned int num_props;
};

/*
 * evlsim_platform_device_add - declare a platform device
 * The device is registered on the platform bus as platform_device_add() does: a driver
 * already registered that matches it probes it now, in the calling thread. Everything is
 * copied. Returns 0 (whatever the probe gave: see evlsim_platform_device_state()),
 * -EINVAL (bad info), -ENOMEM.
 */
int evlsim_platform_device_add(const struct evlsim_pdev_info *info, struct evlsim_pdev **pdev);
/*
 * evlsim_platform_device_remove - unregister the device: its driver's remove() runs, then
 * its devres are released, as platform_device_unregister(). 0, -EINVAL.
 */
int evlsim_platform_device_remove(struct evlsim_pdev *pdev);
/*
 * evlsim_platform_device_state - 1 when bound to a driver; 0 when no driver probed it;
 * the negative result of its last probe otherwise (-EPROBE_DEFER: 517, waiting on the
 * deferred list; -ENODEV, -ENXIO: no driver wants it).
 */
int evlsim_platform_device_state(struct evlsim_pdev *pdev);
/* the device's name as the kernel has it ("acq.0", "acq"), or NULL */
const char *evlsim_platform_device_name(struct evlsim_pdev *pdev);

/* ---- DMA memory, device side ---------------------------------------------------------- */

/*
 * evlsim_dma_ptr - where the device reaches bus addresses [@addr, @addr + @len): NULL,
 * with a report (RULE dma-api), if the range is not within one live coherent allocation
 * or streaming mapping (a device using a stale address after unmap, or a wrong one).
 * For a streaming mapping this is the bounce buffer: the CPU buffer gets the data at
 * dma_unmap_*() or dma_sync_*_for_cpu().
 */
void *evlsim_dma_ptr(unsigned long long addr, unsigned long len);
/* copies to/from bus addresses; 0, or -EFAULT (with the same report) */
int evlsim_dma_read(unsigned long long addr, void *buf, unsigned long len);
int evlsim_dma_write(unsigned long long addr, const void *buf, unsigned long len);
/* live coherent allocations and streaming mappings (all devices) */
int evlsim_dma_count(void);

#ifdef __cplusplus
}
#endif

/* interrupt lines, device-side time */
#include "hw-irq.h"
#include "hw-gpio.h"
/* DMA ports of the simulated DMA controller; SPI peripherals */
#include "hw-dmaengine.h"
#include "hw-spi.h"

#endif /* _EVLSIM_HW_H */
