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
	sim/hw/irq-chip.c \
	sim/hw/irq-cpu.c \
	sim/hw/irq-desc.c \
	sim/hw/irq-domain.c \
	sim/hw/irq-devres.c \
	sim/hw/irq-flow.c \
	sim/hw/irq-internal.h \
	sim/hw/irq-manage.c

# GPIO: the core, descriptors, the v1 character device with EVL's oob requests, the
# built-in simulated chip.
sim_libevlsim_kernel_la_SOURCES += \
	sim/hw/gpiolib.c \
	sim/hw/gpiolib.h \
	sim/hw/gpiolib-cdev.c \
	sim/hw/gpiolib-cdev.h \
	sim/hw/gpiolib-cdev-event.c \
	sim/hw/gpiolib-desc.c \
	sim/hw/gpiolib-legacy.c \
	sim/hw/gpio-sim.c \
	sim/hw/regmap.c
# The DMA engine (drivers/dma/dmaengine.c and the client calls) and the simulated DMA
# controller evlsim-dma; the SPI core (drivers/spi/spi.c with the oob transfers) and the
# simulated SPI controller evlsim-spi.
sim_libevlsim_kernel_la_SOURCES += \
	sim/hw/dmaengine.c \
	sim/hw/dma-sim.c \
	sim/hw/dma-sim.h
sim_libevlsim_kernel_la_SOURCES += \
	sim/hw/spi.c \
	sim/hw/spi-oob.c \
	sim/hw/spi-sim.c
