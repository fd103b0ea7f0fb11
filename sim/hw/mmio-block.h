/* SPDX-License-Identifier: LGPL-2.1-or-later */
/*
 * Register blocks (user world): the structure shared by mmio.c (cookies, dispatch of
 * driver accesses, direct-access detection) and regfile.c (declared register semantics).
 */
#ifndef _EVLSIM_HW_MMIO_BLOCK_H
#define _EVLSIM_HW_MMIO_BLOCK_H

#include "../include/evlsim/hw.h"
#include "hw-internal.h"

struct reg {
	struct evlsim_reg d;
	unsigned long long val;
	unsigned long long *fifo;	/* EVLSIM_REG_FIFO: ring of d.fifo_depth entries */
	unsigned int head, count;
	struct evlsim_reg_hooks hooks;
	void *hctx;
};

struct evlsim_mmio {
	char *name;
	unsigned long long base;
	unsigned long size;
	int regfile;			/* 1: regs[], 0: ops */
	unsigned int widths;		/* callback block: EVLSIM_MMIO_W* */
	struct evlsim_mmio_ops ops;
	void *ctx;
	struct reg *regs;
	unsigned int nregs;
	unsigned short *index;		/* per byte offset: register number + 1, 0: hole */
	int lock;			/* lock word: register values and FIFOs */
	int maps;			/* live ioremap() mappings (atomic) */
	int dead;
	unsigned long reads, writes, bus_errors, direct;	/* atomic */
	struct evlsim_mmio *next;
};

/* the list of blocks (mmio.c), under blocks_lock */
extern struct evlsim_mmio *evlsim__mmio_blocks;
void evlsim__mmio_blocks_lock(void);
void evlsim__mmio_blocks_unlock(void);
/* 0, or -EEXIST if [base, base + size) overlaps a live block; called locked */
int evlsim__mmio_check_overlap(unsigned long long base, unsigned long size);
void evlsim__mmio_bus_error(struct evlsim_mmio *m, const volatile void *addr,
			    unsigned long off, unsigned int width, int write, const void *site,
			    const char *why);

/* regfile.c: a driver access to a register file at block offset @off (checked in range) */
unsigned long long evlsim__regfile_read(struct evlsim_mmio *m, const volatile void *addr,
					unsigned long off, unsigned int width, const void *site);
void evlsim__regfile_write(struct evlsim_mmio *m, volatile void *addr, unsigned long off,
			   unsigned int width, unsigned long long val, const void *site);

static inline unsigned long long evlsim__width_mask(unsigned int width)
{
	return width >= 8 ? ~0ULL : (1ULL << (8 * width)) - 1;
}

#endif
