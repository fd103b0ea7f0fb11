/* SPDX-License-Identifier: LGPL-2.1-or-later */
/*
 * Fault injection sites (core/fault.c).
 *
 * Shared by both worlds: plain C and compiler builtins only (see core/base.h).
 */
#ifndef _EVLSIM_SIM_CORE_FAULT_H
#define _EVLSIM_SIM_CORE_FAULT_H

#include "core/base.h"

/* ---------------------------------------------------------------------------------------
 * Fault injection (fault.c, user world; docs/fault-injection.md). The services call
 * evlsim__should_fail(site, size) at their entry: one load while no fault is configured.
 * The result is 0 (go on) or non-zero (fail as the kernel's service fails); for
 * EVLSIM_FAULT_EVL_WAIT, EVLSIM_FAULT_WAIT_ETIMEDOUT asks for -ETIMEDOUT rather than
 * -EINTR. The call site is the caller's return address: use the macro at the entry of an
 * out-of-line service (or in a noinline hook of an inlined one), or pass the driver's call
 * site to evlsim__should_fail_at().
 */
enum evlsim_fault_site {
	EVLSIM_FAULT_SLAB,		/* "failslab" */
	EVLSIM_FAULT_PAGE_ALLOC,	/* "fail_page_alloc" */
	EVLSIM_FAULT_USERCOPY,		/* "fail_usercopy" */
	EVLSIM_FAULT_EVL_WAIT,		/* "fail_evl_wait" */
	EVLSIM_FAULT_INBAND_WAIT,	/* "fail_inband_wait" */
	EVLSIM_FAULT_IOREMAP,		/* "fail_ioremap" */
	EVLSIM_FAULT_DMA_ALLOC,		/* "fail_dma_alloc" */
	EVLSIM_FAULT_REQUEST_IRQ,	/* "fail_request_irq" */
	EVLSIM_FAULT_DMA_CHAN,		/* "fail_dma_chan" */
	EVLSIM_FAULT_DMA_PREP,		/* "fail_dma_prep" */
	EVLSIM_FAULT_DELAY,		/* "delay" (scheduling points, never a failure) */
	EVLSIM_FAULT_NR,
};
#define EVLSIM_FAULT_WAIT_EINTR		1
#define EVLSIM_FAULT_WAIT_ETIMEDOUT	2

extern int evlsim__faults_on;		/* non-zero: some site may fail, call the hook */
/*
 * The default scope of a site is the drivers' calls (docs/fault-injection.md, "Scope"):
 * a call from outside libevlsim, or any call made while the thread works for a module's
 * call (the resource accounting's owner, check/accounting.c, registers this hook).
 */
extern int (*evlsim__fault_owner_hook)(void);
int evlsim__should_fail_at(int site, evlsim_size_t size, const void *caller);
#define evlsim__should_fail(site, size)						\
	({									\
		int __evlsim_sf = 0;						\
		if (evlsim_unlikely(__atomic_load_n(&evlsim__faults_on, __ATOMIC_RELAXED))) \
			__evlsim_sf = evlsim__should_fail_at((site), (size),	\
							     __builtin_return_address(0)); \
		__evlsim_sf;							\
	})

#endif /* _EVLSIM_SIM_CORE_FAULT_H */
