/* SPDX-License-Identifier: LGPL-2.1-or-later */
/*
 * Simulated hardware internals: the contract between the kernel-world half of sim/hw
 * (the driver API: io.c, platform.c, dma.c, ...) and its user-world half (the register
 * block engine, mmio.c). Plain C, compiler builtins only, as internal.h.
 */
#ifndef _EVLSIM_HW_INTERNAL_H
#define _EVLSIM_HW_INTERNAL_H

#include "../internal.h"

struct evlsim_mmio;

/*
 * Cookies. ioremap() hands out addresses in a PROT_NONE window reserved for the purpose:
 * a driver dereferencing one faults, and the fault is reported (mmio.c). The accessors
 * translate a cookie to its block and offset.
 */
/* The cookie of [@phys, @phys + @size) if one block covers it entirely; NULL otherwise. */
void *evlsim__mmio_map(unsigned long long phys, unsigned long size);
/* 0, or -1 if @cookie is not the start of a live mapping. */
int evlsim__mmio_unmap(const volatile void *cookie);
/* @addr is inside the cookie window */
int evlsim__mmio_in_window(const volatile void *addr);

/* A driver access of @width bytes at @addr; @site is the driver's call site. */
unsigned long long evlsim__mmio_read(const volatile void *addr, unsigned int width,
				     const void *site);
void evlsim__mmio_write(volatile void *addr, unsigned int width, unsigned long long val,
			const void *site);

/* The physical base of block @m. */
unsigned long long evlsim__mmio_block_base(struct evlsim_mmio *m);

/* Counts live mappings, for the leak check of evlsim_mmio_destroy(). */
int evlsim__mmio_live_mappings(void);

#endif
