/* SPDX-License-Identifier: LGPL-2.1-or-later */
/*
 * evlsim internals: the contract between the two worlds of the simulator.
 *
 * evlsim is built from two worlds that can never share a translation unit: the kernel
 * world (drivers and sim/evl, sim/vfs, sim/kernel, sim/check) is compiled like kbuild
 * compiles a module, with -nostdinc and the kernel shim tree; the user world (sim/user,
 * sim/core, tests, tools) sees glibc, pthreads and liburcu. They meet only in the headers
 * below, one per mechanism, beside the sources that implement it, written in plain C with
 * compiler builtins only: no glibc type, no kernel type, no errno name. Objects that cross
 * the boundary are either opaque (struct file *) or defined there.
 *
 * This header gathers them for the files that use many; a file that uses one or two
 * mechanisms includes their headers alone.
 */
#ifndef _EVLSIM_INTERNAL_H
#define _EVLSIM_INTERNAL_H

#include "core/base.h"		/* export macros, scalar types, fatal errors, memory */
#include "core/lock.h"		/* internal mutexes and lock words */
#include "core/thread.h"	/* per-thread state, RCU */
#include "core/sleep.h"		/* the one sleep/wake primitive */
#include "core/clock.h"		/* the one clock */
#include "core/sched.h"		/* scheduling points */
#include "core/fault.h"		/* fault injection sites */
#include "core/report.h"	/* the one reporter */
#include "core/restart.h"	/* syscall restarts and the -1/errno convention */
#include "core/stage.h"		/* execution stages, health monitoring */
#include "core/crossing.h"	/* the oob callers' crossing references */
#include "core/bridge.h"	/* real descriptors, user memory, dynamic loading */
#include "core/pages.h"		/* the page arena */
#include "core/host-thread.h"	/* host threads for the simulator's contexts */
#include "core/cpu.h"		/* simulated CPUs, per-CPU memory, the FPU */
#include "core/trace.h"		/* the trace table of tracepoints */
#include "vfs/fdtable.h"	/* the fd table */
#include "vfs/syscalls.h"	/* in-band syscall entries, mmap, poll */
#include "evl/attach.h"		/* EVL thread attachment, the oob syscall ops */

#endif /* _EVLSIM_INTERNAL_H */
