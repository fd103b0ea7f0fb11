// SPDX-License-Identifier: MIT
/*
 * Compile test (kernel world): every prototype the spec documents
 * (/work/shared/spec/oob-file-model.md, hardware-model.md) against the shim's
 * declaration, by the compiler: a drift of a return or parameter type fails the build.
 * The rows were drawn from the spec's C blocks; a prototype the shims do not declare as
 * a function is listed at the end with the reason (not simulated, a macro here as in
 * the kernel, or user-world API checked elsewhere).
 */
#include <asm-generic/evl/poll.h>
#include <asm-generic/getorder.h>
#include <asm/barrier.h>
#include <asm/byteorder.h>
#include <asm/evl/fptest.h>
#include <asm/io.h>
#include <asm/page.h>
#include <asm/page_64.h>
#include <asm/pgtable.h>
#include <asm/pgtable_types.h>
#include <asm/poll.h>
#include <asm/processor.h>
#include <dovetail/fs.h>
#include <evl/assert.h>
#include <evl/clock.h>
#include <evl/crossing.h>
#include <evl/device.h>
#include <evl/file.h>
#include <evl/flag.h>
#include <evl/kthread.h>
#include <evl/memory.h>
#include <evl/mutex.h>
#include <evl/poll.h>
#include <evl/poll_head.h>
#include <evl/sched.h>
#include <evl/sem.h>
#include <evl/stax.h>
#include <evl/thread.h>
#include <evl/timeout.h>
#include <evl/timer.h>
#include <evl/uaccess.h>
#include <evl/wait.h>
#include <evl/work.h>
#include <linux/align.h>
#include <linux/anon_inodes.h>
#include <linux/atomic.h>
#include <linux/bitops.h>
#include <linux/bits.h>
#include <linux/bug.h>
#include <linux/build_bug.h>
#include <linux/cdev.h>
#include <linux/clk.h>
#include <linux/compat.h>
#include <linux/compiler.h>
#include <linux/compiler_types.h>
#include <linux/completion.h>
#include <linux/container_of.h>
#include <linux/cpumask.h>
#include <linux/ctype.h>
#include <linux/delay.h>
#include <linux/device.h>
#include <linux/device/devres.h>
#include <linux/device/driver.h>
#include <linux/dma-direction.h>
#include <linux/dma-mapping.h>
#include <linux/err.h>
#include <linux/errno.h>
#include <linux/evlsim-owner.h>
#include <linux/export.h>
#include <linux/fcntl.h>
#include <linux/file.h>
#include <linux/find.h>
#include <linux/fs.h>
#include <linux/fwnode.h>
#include <linux/gcd.h>
#include <linux/gfp.h>
#include <linux/hardirq.h>
#include <linux/init.h>
#include <linux/interrupt.h>
#include <linux/io.h>
#include <linux/ioctl.h>
#include <linux/iopoll.h>
#include <linux/ioport.h>
#include <linux/irq.h>
#include <linux/irq_pipeline.h>
#include <linux/irq_work.h>
#include <linux/irqflags.h>
#include <linux/irqreturn.h>
#include <linux/irqstage.h>
#include <linux/jiffies.h>
#include <linux/kconfig.h>
#include <linux/kdev_t.h>
#include <linux/kernel.h>
#include <linux/kobject.h>
#include <linux/kref.h>
#include <linux/kstrtox.h>
#include <linux/kthread.h>
#include <linux/ktime.h>
#include <linux/limits.h>
#include <linux/list.h>
#include <linux/lockdep_types.h>
#include <linux/log2.h>
#include <linux/math.h>
#include <linux/minmax.h>
#include <linux/miscdevice.h>
#include <linux/mm.h>
#include <linux/mm_types.h>
#include <linux/mod_devicetable.h>
#include <linux/module.h>
#include <linux/moduleparam.h>
#include <linux/mutex.h>
#include <linux/of.h>
#include <linux/of_address.h>
#include <linux/of_device.h>
#include <linux/of_platform.h>
#include <linux/overflow.h>
#include <linux/percpu.h>
#include <linux/pfn.h>
#include <linux/pinctrl/consumer.h>
#include <linux/pinctrl/devinfo.h>
#include <linux/platform_device.h>
#include <linux/pm.h>
#include <linux/pm_runtime.h>
#include <linux/poison.h>
#include <linux/poll.h>
#include <linux/printk.h>
#include <linux/property.h>
#include <linux/rcupdate.h>
#include <linux/refcount.h>
#include <linux/sched.h>
#include <linux/sched/task.h>
#include <linux/semaphore.h>
#include <linux/sizes.h>
#include <linux/slab.h>
#include <linux/smp.h>
#include <linux/sort.h>
#include <linux/spinlock.h>
#include <linux/spinlock_types.h>
#include <linux/stdarg.h>
#include <linux/stddef.h>
#include <linux/string.h>
#include <linux/stringify.h>
#include <linux/swab.h>
#include <linux/threads.h>
#include <linux/types.h>
#include <linux/uaccess.h>
#include <linux/version.h>
#include <linux/vmalloc.h>
#include <linux/wait.h>
#include <linux/workqueue.h>
#include <trace/events/evl.h>
#include <uapi/asm-generic/poll.h>
#include <uapi/asm/evl/fptest.h>
#include <uapi/evl/factory-abi.h>
#include <uapi/evl/fcntl-abi.h>
#include <uapi/evl/poll-abi.h>
#include <uapi/evl/sched-abi.h>
#include <uapi/evl/signal-abi.h>
#include <uapi/evl/thread-abi.h>
#include <uapi/evl/types-abi.h>
#include <uapi/linux/eventpoll.h>
#include <uapi/linux/poll.h>

#define SPEC_PROTO(name, type)							\
	_Static_assert(__builtin_types_compatible_p(__typeof__(&name), type),	\
		       "spec prototype of " #name " differs from the shim's")


/* oob-file-model.md */
SPEC_PROTO(init_oob_fstate, void (*)(struct oob_file_state *state));
SPEC_PROTO(evl_open_file, int (*)(struct evl_file *efilp, struct file *filp));
SPEC_PROTO(evl_release_file, void (*)(struct evl_file *efilp));
SPEC_PROTO(evl_get_file, struct evl_file * (*)(unsigned int fd));
SPEC_PROTO(evl_get_fileref, void (*)(struct evl_file *efilp));
SPEC_PROTO(evl_put_file, void (*)(struct evl_file *efilp));
SPEC_PROTO(__evl_init_wait,
	   void (*)(struct evl_wait_queue *wq, struct evl_clock *clock, int flags, const char *name, struct lock_class_key *key));
SPEC_PROTO(evl_destroy_wait, void (*)(struct evl_wait_queue *wq));
SPEC_PROTO(evl_add_wait_queue,
	   void (*)(struct evl_wait_queue *wq, ktime_t timeout, enum evl_tmode mode));
SPEC_PROTO(evl_wait_schedule, int (*)(struct evl_wait_queue *wq));
SPEC_PROTO(evl_wait_active, bool (*)(struct evl_wait_queue *wq));
SPEC_PROTO(evl_wait_head, struct evl_thread * (*)(struct evl_wait_queue *wq));
SPEC_PROTO(evl_wake_up,
	   struct evl_thread * (*)(struct evl_wait_queue *wq, struct evl_thread *waiter, int reason));
SPEC_PROTO(evl_wake_up_head, struct evl_thread * (*)(struct evl_wait_queue *wq));
SPEC_PROTO(evl_flush_wait_locked, int (*)(struct evl_wait_queue *wq, int reason));
SPEC_PROTO(evl_flush_wait, int (*)(struct evl_wait_queue *wq, int reason));
SPEC_PROTO(evl_init_flag, void (*)(struct evl_flag *wf));
SPEC_PROTO(evl_destroy_flag, void (*)(struct evl_flag *wf));
SPEC_PROTO(evl_peek_flag, bool (*)(struct evl_flag *wf));
SPEC_PROTO(evl_read_flag, bool (*)(struct evl_flag *wf));
SPEC_PROTO(evl_wait_flag_timeout,
	   int (*)(struct evl_flag *wf, ktime_t timeout, enum evl_tmode mode));
SPEC_PROTO(evl_wait_flag, int (*)(struct evl_flag *wf));
SPEC_PROTO(evl_wait_flag_head, struct evl_thread * (*)(struct evl_flag *wf));
SPEC_PROTO(evl_raise_flag_locked, void (*)(struct evl_flag *wf));
SPEC_PROTO(evl_raise_flag_nosched, void (*)(struct evl_flag *wf));
SPEC_PROTO(evl_raise_flag, void (*)(struct evl_flag *wf));
SPEC_PROTO(evl_clear_flag, void (*)(struct evl_flag *wf));
SPEC_PROTO(evl_init_ksem, void (*)(struct evl_ksem *ksem, unsigned int value));
SPEC_PROTO(evl_destroy_ksem, void (*)(struct evl_ksem *ksem));
SPEC_PROTO(evl_down_timeout, int (*)(struct evl_ksem *ksem, ktime_t timeout));
SPEC_PROTO(evl_down, int (*)(struct evl_ksem *ksem));
SPEC_PROTO(evl_trydown, int (*)(struct evl_ksem *ksem));
SPEC_PROTO(evl_up, void (*)(struct evl_ksem *ksem));
SPEC_PROTO(evl_broadcast, void (*)(struct evl_ksem *ksem));
SPEC_PROTO(evl_init_kmutex, void (*)(struct evl_kmutex *kmutex));
SPEC_PROTO(evl_destroy_kmutex, void (*)(struct evl_kmutex *kmutex));
SPEC_PROTO(evl_trylock_kmutex, int (*)(struct evl_kmutex *kmutex));
SPEC_PROTO(evl_lock_kmutex, int (*)(struct evl_kmutex *kmutex));
SPEC_PROTO(evl_unlock_kmutex, void (*)(struct evl_kmutex *kmutex));
SPEC_PROTO(evl_init_stax, void (*)(struct evl_stax *stax, int flags));
SPEC_PROTO(evl_destroy_stax, void (*)(struct evl_stax *stax));
SPEC_PROTO(evl_lock_stax, int (*)(struct evl_stax *stax));
SPEC_PROTO(evl_trylock_stax, int (*)(struct evl_stax *stax));
SPEC_PROTO(evl_unlock_stax, void (*)(struct evl_stax *stax));
SPEC_PROTO(evl_init_poll_head, void (*)(struct evl_poll_head *head));
SPEC_PROTO(evl_poll_watch,
	   void (*)(struct evl_poll_head *head, struct oob_poll_wait *wait, void (*unwatch)(struct evl_poll_head *head)));
SPEC_PROTO(__evl_signal_poll_events, void (*)(struct evl_poll_head *head, int events));
SPEC_PROTO(evl_signal_poll_events, void (*)(struct evl_poll_head *head, int events));
SPEC_PROTO(evl_start_timer,
	   void (*)(struct evl_timer *timer, ktime_t value , ktime_t interval ));
SPEC_PROTO(evl_stop_timer, void (*)(struct evl_timer *timer));
SPEC_PROTO(evl_destroy_timer, void (*)(struct evl_timer *timer));
SPEC_PROTO(evl_abs_timeout, ktime_t (*)(struct evl_timer *timer, ktime_t delta));
SPEC_PROTO(evl_set_timer_gravity, void (*)(struct evl_timer *timer, int gravity));
SPEC_PROTO(evl_stop_kthread, void (*)(struct evl_kthread *kt));
SPEC_PROTO(evl_kthread_should_stop, bool (*)(void));
SPEC_PROTO(evl_set_kthread_priority, void (*)(struct evl_kthread *kt, int prio));
SPEC_PROTO(evl_current_kthread, struct evl_kthread * (*)(void));
SPEC_PROTO(evl_set_period, int (*)(struct evl_clock *clock, ktime_t idate, ktime_t period));
SPEC_PROTO(evl_wait_period, int (*)(unsigned long *overruns_r));
SPEC_PROTO(evl_sleep_until, int (*)(ktime_t abs));
SPEC_PROTO(evl_sleep, int (*)(ktime_t delay));
SPEC_PROTO(evl_delay, ktime_t (*)(ktime_t, enum evl_tmode, struct evl_clock *));
SPEC_PROTO(evl_hold_thread, void (*)(struct evl_thread *t, int mask));
SPEC_PROTO(raw_copy_from_user_ptr64,
	   unsigned long (*)(void *to, u64 from_ptr, unsigned long n));
SPEC_PROTO(raw_copy_to_user_ptr64,
	   unsigned long (*)(u64 to, const void *from, unsigned long n));
SPEC_PROTO(evl_fetch_utimespec,
	   int (*)(struct __evl_timespec __user *u_ts, ktime_t *timeout, enum evl_tmode *tmode));

/* hardware-model.md */
SPEC_PROTO(free_irq, const void * (*)(unsigned int irq, void *dev_id));
SPEC_PROTO(devm_free_irq, void (*)(struct device *dev, unsigned int irq, void *dev_id));
SPEC_PROTO(irq_has_action, bool (*)(unsigned int irq));
SPEC_PROTO(disable_irq_nosync, void (*)(unsigned int irq));
SPEC_PROTO(disable_irq, void (*)(unsigned int irq));
SPEC_PROTO(disable_hardirq, bool (*)(unsigned int irq));
SPEC_PROTO(enable_irq, void (*)(unsigned int irq));
SPEC_PROTO(synchronize_irq, void (*)(unsigned int irq));
SPEC_PROTO(synchronize_hardirq, bool (*)(unsigned int irq));
SPEC_PROTO(irq_inject_pipeline, int (*)(unsigned int irq));
SPEC_PROTO(irq_post_inband, void (*)(unsigned int irq));
SPEC_PROTO(irq_post_oob, void (*)(unsigned int irq));
SPEC_PROTO(ioremap, void __iomem * (*)(phys_addr_t offset, size_t size));
SPEC_PROTO(iounmap, void (*)(volatile void __iomem *addr));
SPEC_PROTO(readb, u8 (*)(const volatile void __iomem *addr));
SPEC_PROTO(readw, u16 (*)(const volatile void __iomem *addr));
SPEC_PROTO(readl, u32 (*)(const volatile void __iomem *addr));
SPEC_PROTO(readq, u64 (*)(const volatile void __iomem *addr));
SPEC_PROTO(writeb, void (*)(u8 value, volatile void __iomem *addr));
SPEC_PROTO(writew, void (*)(u16 value, volatile void __iomem *addr));
SPEC_PROTO(writel, void (*)(u32 value, volatile void __iomem *addr));
SPEC_PROTO(writeq, void (*)(u64 value, volatile void __iomem *addr));
SPEC_PROTO(ioread8, u8 (*)(const volatile void __iomem *addr));
SPEC_PROTO(ioread16, u16 (*)(const volatile void __iomem *addr));
SPEC_PROTO(ioread32, u32 (*)(const volatile void __iomem *addr));
SPEC_PROTO(ioread64, u64 (*)(const volatile void __iomem *addr));
SPEC_PROTO(iowrite8, void (*)(u8 value, volatile void __iomem *addr));
SPEC_PROTO(iowrite16, void (*)(u16 value, volatile void __iomem *addr));
SPEC_PROTO(iowrite32, void (*)(u32 value, volatile void __iomem *addr));
SPEC_PROTO(iowrite64, void (*)(u64 value, volatile void __iomem *addr));
SPEC_PROTO(memcpy_fromio,
	   void (*)(void *buffer, const volatile void __iomem *addr, size_t size));
SPEC_PROTO(memcpy_toio,
	   void (*)(volatile void __iomem *addr, const void *buffer, size_t size));
SPEC_PROTO(memset_io, void (*)(volatile void __iomem *addr, int value, size_t size));
SPEC_PROTO(platform_driver_unregister, void (*)(struct platform_driver *));
SPEC_PROTO(platform_get_drvdata, void * (*)(const struct platform_device *pdev));
SPEC_PROTO(platform_set_drvdata, void (*)(struct platform_device *pdev, void *data));
SPEC_PROTO(platform_get_resource,
	   struct resource * (*)(struct platform_device *, unsigned int type, unsigned int num));
SPEC_PROTO(platform_get_resource_byname,
	   struct resource * (*)(struct platform_device *, unsigned int, const char *));
SPEC_PROTO(platform_get_irq, int (*)(struct platform_device *, unsigned int));
SPEC_PROTO(platform_get_irq_optional, int (*)(struct platform_device *, unsigned int));
SPEC_PROTO(platform_get_irq_byname, int (*)(struct platform_device *, const char *));
SPEC_PROTO(platform_get_irq_byname_optional,
	   int (*)(struct platform_device *dev, const char *name));
SPEC_PROTO(platform_irq_count, int (*)(struct platform_device *));
SPEC_PROTO(platform_device_alloc, struct platform_device * (*)(const char *name, int id));
SPEC_PROTO(platform_device_add_resources,
	   int (*)(struct platform_device *pdev, const struct resource *res, unsigned int num));
SPEC_PROTO(platform_device_add_data,
	   int (*)(struct platform_device *pdev, const void *data, size_t size));
SPEC_PROTO(platform_device_add, int (*)(struct platform_device *pdev));
SPEC_PROTO(platform_device_del, void (*)(struct platform_device *pdev));
SPEC_PROTO(platform_device_put, void (*)(struct platform_device *pdev));
SPEC_PROTO(platform_device_register, int (*)(struct platform_device *));
SPEC_PROTO(platform_device_unregister, void (*)(struct platform_device *));
SPEC_PROTO(platform_device_register_full,
	   struct platform_device * (*)(const struct platform_device_info *pdevinfo));
SPEC_PROTO(platform_device_register_simple,
	   struct platform_device * (*)(const char *name, int id, const struct resource *res, unsigned int num));
SPEC_PROTO(device_get_match_data, const void * (*)(const struct device *dev));
SPEC_PROTO(of_device_get_match_data, const void * (*)(const struct device *dev));
SPEC_PROTO(of_device_is_compatible,
	   int (*)(const struct device_node *device, const char *));
SPEC_PROTO(of_property_read_u32,
	   int (*)(const struct device_node *np, const char *propname, u32 *out_value));
SPEC_PROTO(of_property_read_bool,
	   bool (*)(const struct device_node *np, const char *propname));
SPEC_PROTO(of_property_read_string,
	   int (*)(const struct device_node *np, const char *propname, const char **out));
SPEC_PROTO(device_property_read_u32,
	   int (*)(const struct device *dev, const char *propname, u32 *val));
SPEC_PROTO(device_property_match_string,
	   int (*)(const struct device *dev, const char *propname, const char *string));
SPEC_PROTO(of_get_address,
	   const __be32 * (*)(struct device_node *dev, int index, u64 *size, unsigned int *flags));
SPEC_PROTO(of_alias_get_id, int (*)(const struct device_node *np, const char *stem));
SPEC_PROTO(devm_kzalloc, void * (*)(struct device *dev, size_t size, gfp_t gfp));
SPEC_PROTO(devm_kcalloc,
	   void * (*)(struct device *dev, size_t n, size_t size, gfp_t flags));
SPEC_PROTO(dev_err_probe, int (*)(const struct device *dev, int err, const char *fmt, ...));
SPEC_PROTO(devm_clk_get_enabled, struct clk * (*)(struct device *dev, const char *id));
SPEC_PROTO(devm_clk_get_optional_enabled,
	   struct clk * (*)(struct device *dev, const char *id));
SPEC_PROTO(clk_get_rate, unsigned long (*)(struct clk *clk));
SPEC_PROTO(clk_enable, int (*)(struct clk *clk));
SPEC_PROTO(clk_disable, void (*)(struct clk *clk));
SPEC_PROTO(dma_set_mask_and_coherent, int (*)(struct device *dev, u64 mask));
SPEC_PROTO(dma_alloc_coherent,
	   void * (*)(struct device *dev, size_t size, dma_addr_t *dma_handle, gfp_t gfp));
SPEC_PROTO(dma_free_coherent,
	   void (*)(struct device *dev, size_t size, void *cpu_addr, dma_addr_t dma_handle));
SPEC_PROTO(dmam_alloc_coherent,
	   void * (*)(struct device *dev, size_t size, dma_addr_t *dma_handle, gfp_t gfp));
SPEC_PROTO(dma_mapping_error, int (*)(struct device *dev, dma_addr_t dma_addr));
SPEC_PROTO(dma_sync_single_for_device,
	   void (*)(struct device *dev, dma_addr_t addr, size_t size, enum dma_data_direction dir));
SPEC_PROTO(dma_map_page_attrs,
	   dma_addr_t (*)(struct device *dev, struct page *page, size_t offset, size_t size, enum dma_data_direction dir, unsigned long attrs));
SPEC_PROTO(dma_get_cache_alignment, size_t (*)(void));
SPEC_PROTO(__platform_driver_register,
	   int (*)(struct platform_driver *, struct module *, const char *mod_name));

/*
 * Documented by the spec, not checked here:
 *   schedule_inband_fput: Dovetail internal of the file release (fs/file_table.c), not driver API
 *   oob_read: libevl (user world): sim/include/user/evl/syscall.h
 *   oob_write: libevl (user world): sim/include/user/evl/syscall.h
 *   oob_ioctl: libevl (user world): sim/include/user/evl/syscall.h
 *   evl_init_flag_on_stack: a macro here (evl_init_flag())
 *   setup_percpu_irq: per-CPU and synthetic interrupts, IPIs: not simulated yet
 *   free_percpu_irq: per-CPU and synthetic interrupts, IPIs: not simulated yet
 *   irq_switch_oob: per-CPU and synthetic interrupts, IPIs: not simulated yet
 *   can_request_irq: per-CPU and synthetic interrupts, IPIs: not simulated yet
 *   disable_percpu_irq: per-CPU and synthetic interrupts, IPIs: not simulated yet
 *   enable_percpu_irq: per-CPU and synthetic interrupts, IPIs: not simulated yet
 *   irq_percpu_is_enabled: not provided
 *   irq_send_oob_ipi: per-CPU and synthetic interrupts, IPIs: not simulated yet
 *   handle_synthetic_irq: per-CPU and synthetic interrupts, IPIs: not simulated yet
 *   devm_add_action_or_reset: a macro, as in the kernel (__devm_add_action_or_reset())
 *   spi_get_oob_rxoff: SPI oob core: not simulated yet
 *   spi_get_oob_txoff: SPI oob core: not simulated yet
 *   spi_get_oob_iolen: SPI oob core: not simulated yet
 *   spi_prepare_oob_transfer: SPI oob core: not simulated yet
 *   spi_start_oob_transfer: SPI oob core: not simulated yet
 *   spi_pulse_oob_transfer: SPI oob core: not simulated yet
 *   spi_terminate_oob_transfer: SPI oob core: not simulated yet
 *   spi_mmap_oob_transfer: SPI oob core: not simulated yet
 *   gpiod_get_array_value_oob: GPIO oob core: not simulated yet
 *   gpiod_set_array_value_oob: GPIO oob core: not simulated yet
 *   dma_submit_error: DMA engine: not simulated yet
 *   dmaengine_slave_config: DMA engine: not simulated yet
 *   dmaengine_prep_slave_single: DMA engine: not simulated yet
 *   dmaengine_prep_slave_sg: DMA engine: not simulated yet
 *   dmaengine_prep_dma_cyclic: DMA engine: not simulated yet
 *   dmaengine_submit: DMA engine: not simulated yet
 *   dma_async_issue_pending: DMA engine: not simulated yet
 *   dma_pulse_oob: DMA engine: not simulated yet
 *   dmaengine_terminate_async: DMA engine: not simulated yet
 *   dmaengine_terminate_sync: DMA engine: not simulated yet
 *   dmaengine_terminate_all: DMA engine: not simulated yet
 *   dmaengine_synchronize: DMA engine: not simulated yet
 *   dmaengine_tx_status: DMA engine: not simulated yet
 *   dmaengine_pause: DMA engine: not simulated yet
 *   dmaengine_resume: DMA engine: not simulated yet
 *   dma_mmap_coherent: a macro, as in the kernel (dma_mmap_attrs())
 *   dma_map_single: a macro, as in the kernel (dma_map_single_attrs())
 *   dma_unmap_single: a macro, as in the kernel (dma_unmap_single_attrs())
 *   evlsim_mmio_create: the simulator's own API (user world, <evlsim/hw.h>), not a shim
 *   evlsim_regfile_create: the simulator's own API (user world, <evlsim/hw.h>), not a shim
 *   evlsim_regfile_hook: the simulator's own API (user world, <evlsim/hw.h>), not a shim
 *   evlsim_mmio_peek: the simulator's own API (user world, <evlsim/hw.h>), not a shim
 *   evlsim_mmio_poke: the simulator's own API (user world, <evlsim/hw.h>), not a shim
 *   evlsim_irq_line_create: the simulator's own API (user world, <evlsim/hw.h>), not a shim
 *   evlsim_irq_raise: the simulator's own API (user world, <evlsim/hw.h>), not a shim
 *   evlsim_irq_lower: the simulator's own API (user world, <evlsim/hw.h>), not a shim
 *   evlsim_irq_set_delivery: the simulator's own API (user world, <evlsim/hw.h>), not a shim
 *   evlsim_irq_stats: the simulator's own API (user world, <evlsim/hw.h>), not a shim
 *   evlsim_hw_after: the simulator's own API (user world, <evlsim/hw.h>), not a shim
 *   evlsim_dma_ptr: the simulator's own API (user world, <evlsim/hw.h>), not a shim
 *   evlsim_platform_device_add: the simulator's own API (user world, <evlsim/hw.h>), not a shim
 *   evlsim_platform_device_remove: the simulator's own API (user world, <evlsim/hw.h>), not a shim
 */
