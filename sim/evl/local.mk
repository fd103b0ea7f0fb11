# SPDX-License-Identifier: LGPL-2.1-or-later
#
# Layer 2, kernel world: the EVL core, after the kernel's kernel/evl/. EVL threads and
# stages, the oob syscall path, and the EVL kernel API drivers call from oob handlers
# (files, wait queues, flags, semaphores, mutexes, stax, timers, kthreads, work, poll).
sim_libevlsim_kernel_la_SOURCES += \
	sim/evl/control.c sim/evl/file.c sim/evl/kthread.c sim/evl/memory.c sim/evl/monitor.c sim/evl/mutex.c sim/evl/poll-group.c \
	sim/evl/poll-watch.h sim/evl/poll.c sim/evl/proxy.c sim/evl/proxy.h sim/evl/proxy-relay.c sim/evl/sem.c sim/evl/sleepers.c sim/evl/stax.c sim/evl/syscall.c \
	sim/evl/thread.c sim/evl/attach.h sim/evl/timer.c sim/evl/wait.c sim/evl/work.c sim/evl/xbuf.c
