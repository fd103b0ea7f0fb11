 * <evlsim/hw.h>: simulated hardware, the test side (docs/api/hw-mmio.md,
 * docs/api/hw-platform.md, docs/api/hw-dma.md; interrupts: <evlsim/hw-irq.h>, docs/api/irq.md).
 *
 * A test declares the board: register blocks at "physical" addresses, interrupt lines
 * (<evlsim/hw-irq.h>), platform devices with a compatible string, resources and
 * properties; then it loads the driver with evlsim_load_module() as usual. The driver
 * sees only the kernel API (ioremap(), readl(), platform_get_resource(), ...). Device
 * models written by the test react to register accesses through callbacks and reach DMA
 * memory through evlsim_dma_*().
 *
 * User world, plain C: no kernel type. Conventions as <evlsim/evlsim.h>: 0 (or a count)
 * or a negated errno, never errno. Objects are created in-band by the test.
