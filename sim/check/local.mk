# SPDX-License-Identifier: LGPL-2.1-or-later
#
# Layer 4, kernel world: the checks made on behalf of driver code. The golden-rule
# checker and per-module resource accounting.
sim_libevlsim_kernel_la_SOURCES += \
	sim/check/accounting.c sim/check/checker.c sim/check/lockdep.c sim/check/memcheck.c
