# SPDX-License-Identifier: LGPL-2.1-or-later
#
# Layer 3, kernel world: the Linux kernel services drivers call. Modules, devices and
# classes, memory, user access, locks, wait queues, completions, kthreads, workqueues,
# RCU, printk and the library routines.
sim_libevlsim_kernel_la_SOURCES += \
	sim/kernel/completion.c sim/kernel/cpu.c sim/kernel/int_sqrt.c sim/kernel/percpu.c \
	sim/kernel/sort.c sim/kernel/kthread.c sim/kernel/ksched.h \
	sim/kernel/kstrtox.c sim/kernel/module.c sim/kernel/mutex.c sim/kernel/page_alloc.c \
	sim/kernel/params.c \
	sim/kernel/printk.c sim/kernel/refcount.c sim/kernel/rcupdate.c sim/kernel/semaphore.c \
	sim/kernel/slab.c sim/kernel/spinlock.c sim/kernel/string.c sim/kernel/uaccess.c \
	sim/kernel/util.c sim/kernel/vsprintf.c sim/kernel/wait.c sim/kernel/workqueue-flush.c \
	sim/kernel/workqueue.c sim/kernel/workqueue_internal.h
