/* SPDX-License-Identifier: LGPL-2.1-or-later */
/*
 * Per-thread crossing references of the oob syscall path (core/thread.c).
 *
 * Shared by both worlds: plain C and compiler builtins only (see core/base.h).
 */
#ifndef _EVLSIM_SIM_CORE_CROSSING_H
#define _EVLSIM_SIM_CORE_CROSSING_H

#include "core/thread.h"

/*
 * Per-thread crossing references. The oob syscall path counts its passage on no shared
 * counter: the caller publishes the struct file it found in an fd slot in its own thread
 * state (->oob_file), checks that the slot still holds it, and clears it on the way out.
 * Whoever frees or releases a file (after clearing every slot that held it) issues
 * evlsim__oob_barrier(), then waits until no thread state names the file
 * (evlsim__oob_file_drain()): a caller either made its publication visible before the
 * barrier, and is waited for, or sees the slot cleared on its recheck, and backs off
 * without having touched the file.
 *
 * The barrier is asymmetric (membarrier(2), private expedited): the callers' side is a
 * compiler barrier. Where membarrier is not available, evlsim__oob_fence is set at start
 * and callers issue a full fence themselves.
 */
extern int evlsim__oob_fence EVLSIM_HIDDEN;
extern int evlsim__oob_drainers EVLSIM_HIDDEN;	/* evlsim__oob_file_drain() callers waiting */
void evlsim__oob_barrier(void);
void evlsim__oob_file_drain(const void *filp);
void evlsim__oob_drain_wake(void);

#endif /* _EVLSIM_SIM_CORE_CROSSING_H */
