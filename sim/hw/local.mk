# SPDX-License-Identifier: LGPL-2.1-or-later
#
# Layer 3b, kernel world: the simulated hardware beneath the drivers. Interrupt lines and
# the interrupt flow (the kernel's kernel/irq with Dovetail's pipeline), device-side
# time.
sim_libevlsim_kernel_la_SOURCES += \
	sim/hw/hw-time.c \
	sim/hw/irq-cpu.c \
	sim/hw/irq-desc.c \
	sim/hw/irq-devres.c \
	sim/hw/irq-flow.c \
	sim/hw/irq-internal.h \
	sim/hw/irq-manage.c
