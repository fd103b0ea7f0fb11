/* SPDX-License-Identifier: LGPL-2.1-or-later */
/*
 * The file descriptor table (vfs/fs.c) and the oob callers' publication of the file
 * they run on (the crossing references of core/crossing.h).
 *
 * Shared by both worlds: plain C and compiler builtins only (see core/base.h).
 */
#ifndef _EVLSIM_SIM_VFS_FDTABLE_H
#define _EVLSIM_SIM_VFS_FDTABLE_H

#include "core/crossing.h"

/* ---------------------------------------------------------------------------------------
 * The file descriptor table. Simulated files live at real descriptor numbers reserved
 * with eventfd(2), so they never collide with real files. The table covers every
 * possible descriptor number (fs.nr_open's default), zero-filled and lazily backed by the
 * kernel: one load finds out whether an fd is simulated, and it never needs to grow.
 * Slots are published with release stores and read under RCU.
 */
#define EVLSIM_NR_FDS		(1 << 20)
extern struct file *evlsim__fdt[EVLSIM_NR_FDS] __attribute__((visibility("hidden")));
extern int evlsim__nr_sim_files;	/* simulated files alive; 0 = nothing to route */

static inline int evlsim__fd_is_sim(int fd)
{
	return (unsigned int)fd < EVLSIM_NR_FDS &&
		__atomic_load_n(&evlsim__fdt[fd], __ATOMIC_ACQUIRE) != 0;
}

/*
 * Descriptors reserved by an open that has not installed its file yet, and interposed
 * calls that act on a real descriptor (close() it, dup2() onto it) in flight: one word
 * per descriptor number. A reserved number is invisible to close() (EBADF) and dup2()
 * onto it fails with EBUSY, as in fs/file.c: such a call counts itself in the low bits
 * before it looks at EVLSIM_FD_RESERVED, and a reservation that finds a call in flight
 * waits for it and checks that its descriptor survived (vfs/fs.c, reserve_fd()).
 */
#define EVLSIM_FD_RESERVED	0x40000000
#define EVLSIM_FD_CALLS		0x3fffffff
extern int evlsim__fd_busy[EVLSIM_NR_FDS] __attribute__((visibility("hidden")));

static inline int evlsim__fd_reserved(int fd)
{
	return (unsigned int)fd < EVLSIM_NR_FDS &&
		(__atomic_load_n(&evlsim__fd_busy[fd], __ATOMIC_SEQ_CST) & EVLSIM_FD_RESERVED);
}

/*
 * The file open on @fd, published in @t's state, or NULL (nothing published). @fence:
 * callers must fence themselves (evlsim__oob_fence), known to the caller.
 */
static inline void *evlsim__oob_file_probe_fence(struct evlsim_thread *t, unsigned int fd,
						 int fence)
{
	void *filp;

	if (evlsim_unlikely(fd >= EVLSIM_NR_FDS))
		return (void *)0;
	do {
		filp = __atomic_load_n(&evlsim__fdt[fd], __ATOMIC_RELAXED);
		if (evlsim_unlikely(fence)) {
			/* a seq_cst exchange orders the publication before the recheck */
			(void)__atomic_exchange_n(&t->oob_file, filp, __ATOMIC_SEQ_CST);
		} else {
			__atomic_store_n(&t->oob_file, filp, __ATOMIC_RELAXED);
			__atomic_signal_fence(__ATOMIC_SEQ_CST);
		}
		if (!filp)
			return (void *)0;
	} while (evlsim_unlikely(__atomic_load_n(&evlsim__fdt[fd], __ATOMIC_SEQ_CST) != filp));
	return filp;
}

static inline void *evlsim__oob_file_probe(struct evlsim_thread *t, unsigned int fd)
{
	return evlsim__oob_file_probe_fence(t, fd, evlsim__oob_fence);
}

static inline void evlsim__oob_file_put(struct evlsim_thread *t)
{
	__atomic_store_n(&t->oob_file, (void *)0, __ATOMIC_RELEASE);
	/* A missed drainer (store-load reordering) still rescans within a millisecond. */
	__atomic_signal_fence(__ATOMIC_SEQ_CST);
	if (evlsim_unlikely(__atomic_load_n(&evlsim__oob_drainers, __ATOMIC_RELAXED)))
		evlsim__oob_drain_wake();
}

#endif /* _EVLSIM_SIM_VFS_FDTABLE_H */
