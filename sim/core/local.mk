# SPDX-License-Identifier: LGPL-2.1-or-later
#
# Layer 5, user world: the simulation machinery under everything. Per-thread state, the
# one sleep/wake primitive, the one clock, internal locks and memory, host threads, the
# page arena, the one reporter, fault injection, and the simulator's own RCU.
sim_libevlsim_user_la_SOURCES += \
	sim/core/backtrace.c sim/core/backtrace.h sim/core/base.h sim/core/bridge.c sim/core/cancel.c sim/core/cancel.h \
	sim/core/bridge.h sim/core/clock.c sim/core/cpu.c sim/core/cpu.h sim/core/fpu.c sim/core/clock.h sim/core/crossing.h \
	sim/core/fault-attr.c sim/core/fault-stack.c sim/core/fault-state.h \
	sim/core/fault-systematic.c sim/core/fault.c sim/core/fault.h sim/core/host-thread.c \
	sim/core/host-thread.h sim/core/kthread-user.c sim/core/libc.h sim/core/lock.c \
	sim/core/lock.h sim/core/pages.c sim/core/pages.h sim/core/report.c sim/core/report.h \
	sim/core/restart.c sim/core/restart.h sim/core/sched.h sim/core/sleep.c sim/core/sleep.h \
	sim/core/hang.c sim/core/hang.h \
	sim/core/sigdefer.h sim/core/stage.c sim/core/stage.h sim/core/thread.c \
	sim/core/thread.h sim/core/trace.c sim/core/trace.h

# never instrumented by ThreadSanitizer (docs/architecture.md, "Compilation worlds")
sim_libevlsim_early_la_SOURCES += sim/core/rcu.c sim/core/sigdefer.c
