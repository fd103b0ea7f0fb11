# SPDX-License-Identifier: LGPL-2.1-or-later
#
# Layer 1, user world: what programs call. The interposed C library entries (open, close,
# read, write, ioctl, mmap, poll and their variants, sigaction) and the libevl-compatible
# calls; each hands simulated descriptors down to the routing layer.
sim_libevlsim_user_la_SOURCES += \
	sim/user/interpose.c sim/user/libevl.c sim/user/libevl-clock.c sim/user/libevl-fpu.c sim/user/libevl-mutex.c \
	sim/user/libevl-poll.c sim/user/libevl-proxy.c sim/user/proxy.h sim/user/conforming.h \
	sim/user/poll.c sim/user/poll.h sim/user/pthread.c sim/user/sched.c sim/user/select.c \
	sim/user/startup.c

sim_libevlsim_early_la_SOURCES += sim/user/signal.c
