# SPDX-License-Identifier: LGPL-2.1-or-later
#
# Layer 3b (right under the programs' interposers, see tests/tools/check-layers), both
# worlds: simulated hardware. Register blocks behind __iomem cookies, the platform bus and
# devres, device-tree properties, DMA memory, clocks. Kernel-world files implement the
# driver API; mmio.c and regfile.c (user world) are the register block engine that device
# models written by tests plug into.

sim_libevlsim_kernel_la_SOURCES += \
	sim/hw/clk.c \
	sim/hw/devres.c \
	sim/hw/dma.c \
	sim/hw/io.c \
	sim/hw/of.c \
	sim/hw/platform.c \
	sim/hw/platform-res.c \
	sim/hw/platform-internal.h \
	sim/hw/hw-internal.h

sim_libevlsim_user_la_SOURCES += \
	sim/hw/mmio.c \
	sim/hw/regfile.c \
	sim/hw/mmio-block.h

# Interrupt lines and the interrupt flow (the kernel's kernel/irq with Dovetail's pipeline),
# device-side time.
sim_libevlsim_kernel_la_SOURCES += \
	sim/hw/hw-time.c \
	sim/hw/irq-cpu.c \
	sim/hw/irq-desc.c \
	sim/hw/irq-devres.c \
	sim/hw/irq-flow.c \
	sim/hw/irq-internal.h \
	sim/hw/irq-manage.c
