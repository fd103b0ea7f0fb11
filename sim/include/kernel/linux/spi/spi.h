/* SPDX-License-Identifier: LGPL-2.1-or-later */
/*
 * evlsim shim: a subset of linux-evl v6.12 include/linux/spi/spi.h (K @3db518c) with
 * CONFIG_SPI_OOB: controllers, devices from board info, drivers, messages and
 * transfers, spi_setup(), spi_sync()/spi_async() with the bus lock, and the out-of-band
 * transfers of Dovetail (struct spi_oob_transfer, spi_prepare/start/pulse/terminate/
 * mmap_oob_transfer). Custom (sim/hw/spi.c): the message pump is a work item, not a
 * kthread worker; spi_async() runs its message on it. Statistics, GPIO chip selects,
 * target mode, delays and multi-CS are not modelled. docs/api/hw-spi.md.
 */
#ifndef _EVLSIM_LINUX_SPI_SPI_H
#define _EVLSIM_LINUX_SPI_SPI_H

#include <linux/types.h>
#include <linux/device.h>
#include <linux/mod_devicetable.h>
#include <linux/list.h>
#include <linux/mutex.h>
#include <linux/spinlock.h>
#include <linux/semaphore.h>
#include <linux/completion.h>
#include <linux/workqueue.h>
#include <linux/dmaengine.h>
#include <linux/module.h>
#include <linux/evlsim-owner.h>
#include <uapi/linux/spi/spi.h>

struct spi_controller;
struct vm_area_struct;

#define SPI_CS_CNT_MAX	4

struct spi_device {
	struct device		dev;
	struct spi_controller	*controller;
	u32			max_speed_hz;
	u8			chip_select[SPI_CS_CNT_MAX];
	u8			bits_per_word;
	bool			rt;
	u32			mode;
	int			irq;
	void			*controller_state;
	void			*controller_data;
	char			modalias[SPI_NAME_SIZE];
	const char		*driver_override;
	struct list_head	evlsim_node;	/* evlsim: the SPI bus's devices */
};

static inline struct spi_device *to_spi_device(const struct device *dev)
{
	return dev ? container_of(dev, struct spi_device, dev) : NULL;
}

static inline void spi_set_drvdata(struct spi_device *spi, void *data)
{
	dev_set_drvdata(&spi->dev, data);
}

static inline void *spi_get_drvdata(const struct spi_device *spi)
{
	return dev_get_drvdata(&spi->dev);
}

static inline u8 spi_get_chipselect(const struct spi_device *spi, u8 idx)
{
	return spi->chip_select[idx];
}

static inline void spi_set_chipselect(struct spi_device *spi, u8 idx, u8 chipselect)
{
	spi->chip_select[idx] = chipselect;
}

struct spi_driver {
	const struct spi_device_id *id_table;
	int			(*probe)(struct spi_device *spi);
	void			(*remove)(struct spi_device *spi);
	void			(*shutdown)(struct spi_device *spi);
	struct device_driver	driver;
	struct list_head	evlsim_node;
};

static inline struct spi_driver *to_spi_driver(struct device_driver *drv)
{
	return drv ? container_of(drv, struct spi_driver, driver) : NULL;
}

int __spi_register_driver(struct module *owner, struct spi_driver *sdrv)
	__evlsim_ksym(__spi_register_driver);
void spi_unregister_driver(struct spi_driver *sdrv) __evlsim_ksym(spi_unregister_driver);
#define spi_register_driver(driver)	__spi_register_driver(THIS_MODULE, driver)
#define module_spi_driver(__spi_driver) \
	module_driver(__spi_driver, spi_register_driver, spi_unregister_driver)

const struct spi_device_id *spi_get_device_id(const struct spi_device *sdev)
	__evlsim_ksym(spi_get_device_id);

struct spi_transfer {
	const void	*tx_buf;
	void		*rx_buf;
	unsigned int	len;
	u16		error;
	dma_addr_t	tx_dma;
	dma_addr_t	rx_dma;
	unsigned	dummy_data:1;
	unsigned	cs_off:1;
	unsigned	cs_change:1;
	unsigned	tx_nbits:4;
	unsigned	rx_nbits:4;
	u8		bits_per_word;
	u32		speed_hz;
	u32		effective_speed_hz;
	struct list_head transfer_list;
};

struct spi_message {
	struct list_head	transfers;
	struct spi_device	*spi;
	unsigned		is_dma_mapped:1;
	void			(*complete)(void *context);
	void			*context;
	unsigned		frame_length;
	unsigned		actual_length;
	int			status;
	struct list_head	queue;
	void			*state;
};

static inline void spi_message_init_no_memset(struct spi_message *m)
{
	INIT_LIST_HEAD(&m->transfers);
}

static inline void spi_message_init(struct spi_message *m)
{
	memset(m, 0, sizeof(*m));
	spi_message_init_no_memset(m);
}

static inline void spi_message_add_tail(struct spi_transfer *t, struct spi_message *m)
{
	list_add_tail(&t->transfer_list, &m->transfers);
}

static inline void spi_message_init_with_transfers(struct spi_message *m,
	struct spi_transfer *xfers, unsigned int num_xfers)
{
	unsigned int i;

	spi_message_init(m);
	for (i = 0; i < num_xfers; ++i)
		spi_message_add_tail(&xfers[i], m);
}

/* Dovetail: an out-of-band transfer (CONFIG_SPI_OOB) */
struct spi_oob_transfer {
	struct spi_device *spi;
	dma_addr_t dma_addr;
	size_t aligned_frame_len;
	void *io_buffer;
	struct dma_async_tx_descriptor *txd;
	struct dma_async_tx_descriptor *rxd;
	u32 effective_speed_hz;
	struct spi_oob_setup {
		u32 frame_len;
		u32 speed_hz;
		u8 bits_per_word;
		dma_async_tx_callback xfer_done;
	} setup;
};

static inline off_t spi_get_oob_rxoff(struct spi_oob_transfer *xfer)
{
	/* RX area is in first half of the I/O buffer. */
	return 0;
}

static inline off_t spi_get_oob_txoff(struct spi_oob_transfer *xfer)
{
	/* TX area is in second half of the I/O buffer. */
	return xfer->aligned_frame_len;
}

static inline size_t spi_get_oob_iolen(struct spi_oob_transfer *xfer)
{
	return xfer->aligned_frame_len * 2;
}

#define SPI_BPW_MASK(bits)		BIT((bits) - 1)
#define SPI_BPW_RANGE_MASK(min, max)	GENMASK((max) - 1, (min) - 1)

#define SPI_CONTROLLER_HALF_DUPLEX	BIT(0)
#define SPI_CONTROLLER_NO_RX		BIT(1)
#define SPI_CONTROLLER_NO_TX		BIT(2)
#define SPI_CONTROLLER_MUST_RX		BIT(3)
#define SPI_CONTROLLER_MUST_TX		BIT(4)

struct spi_controller {
	struct device	dev;
	struct list_head list;
	s16		bus_num;
	u16		num_chipselect;
	u16		dma_alignment;
	u32		mode_bits;
	u32		buswidth_override_bits;
	u32		bits_per_word_mask;
	u32		min_speed_hz;
	u32		max_speed_hz;
	u16		flags;
	bool		devm_allocated;
	bool		target;
	size_t (*max_transfer_size)(struct spi_device *spi);
	size_t (*max_message_size)(struct spi_device *spi);
	struct mutex	io_mutex;
	struct mutex	add_lock;
	spinlock_t	bus_lock_spinlock;
	struct mutex	bus_lock_mutex;
	bool		bus_lock_flag;
	int		(*setup)(struct spi_device *spi);
	int		(*transfer)(struct spi_device *spi, struct spi_message *mesg);
	void		(*cleanup)(struct spi_device *spi);
	bool		(*can_dma)(struct spi_controller *ctlr, struct spi_device *spi,
				   struct spi_transfer *xfer);
	struct device	*dma_map_dev;
	struct spi_message *cur_msg;
	int (*prepare_transfer_hardware)(struct spi_controller *ctlr);
	int (*transfer_one_message)(struct spi_controller *ctlr, struct spi_message *mesg);
	int (*unprepare_transfer_hardware)(struct spi_controller *ctlr);
	int (*prepare_message)(struct spi_controller *ctlr, struct spi_message *message);
	int (*unprepare_message)(struct spi_controller *ctlr, struct spi_message *message);
	void (*set_cs)(struct spi_device *spi, bool enable);
	int (*transfer_one)(struct spi_controller *ctlr, struct spi_device *spi,
			    struct spi_transfer *transfer);
	void (*handle_err)(struct spi_controller *ctlr, struct spi_message *message);
	int (*prepare_oob_transfer)(struct spi_controller *ctlr, struct spi_oob_transfer *xfer);
	void (*start_oob_transfer)(struct spi_controller *ctlr, struct spi_oob_transfer *xfer);
	void (*pulse_oob_transfer)(struct spi_controller *ctlr, struct spi_oob_transfer *xfer);
	void (*terminate_oob_transfer)(struct spi_controller *ctlr,
				       struct spi_oob_transfer *xfer);
	struct completion xfer_completion;
	size_t		max_dma_len;
	bool		use_gpio_descriptors;
	struct dma_chan	*dma_tx;
	struct dma_chan	*dma_rx;
	struct semaphore bus_oob_lock_sem;
	/* evlsim: the message queue of spi_async(), served by a work item */
	struct list_head evlsim_queue;
	struct list_head evlsim_devices;
	struct work_struct evlsim_pump;
	bool		evlsim_registered;
	struct module	*evlsim_owner;
};

static inline void *spi_controller_get_devdata(struct spi_controller *ctlr)
{
	return dev_get_drvdata(&ctlr->dev);
}

static inline void spi_controller_set_devdata(struct spi_controller *ctlr, void *data)
{
	dev_set_drvdata(&ctlr->dev, data);
}

static inline struct spi_controller *spi_controller_get(struct spi_controller *ctlr)
{
	if (!ctlr || !get_device(&ctlr->dev))
		return NULL;
	return ctlr;
}

static inline void spi_controller_put(struct spi_controller *ctlr)
{
	if (ctlr)
		put_device(&ctlr->dev);
}

struct spi_controller *__spi_alloc_controller(struct device *host, unsigned int size,
					      bool target) __evlsim_ksym(__spi_alloc_controller);
struct spi_controller *__devm_spi_alloc_controller(struct device *dev, unsigned int size,
						   bool target)
	__evlsim_ksym(__devm_spi_alloc_controller);
#define spi_alloc_host(dev, size)	__spi_alloc_controller(dev, size, false)
#define devm_spi_alloc_host(dev, size)	__devm_spi_alloc_controller(dev, size, false)
#define spi_alloc_master(dev, size)	spi_alloc_host(dev, size)
#define devm_spi_alloc_master(dev, size) devm_spi_alloc_host(dev, size)
int spi_register_controller(struct spi_controller *ctlr)
	__evlsim_ksym(spi_register_controller);
int devm_spi_register_controller(struct device *dev, struct spi_controller *ctlr)
	__evlsim_ksym(devm_spi_register_controller);
void spi_unregister_controller(struct spi_controller *ctlr)
	__evlsim_ksym(spi_unregister_controller);
void spi_finalize_current_transfer(struct spi_controller *ctlr)
	__evlsim_ksym(spi_finalize_current_transfer);

struct spi_board_info {
	char		modalias[SPI_NAME_SIZE];
	const void	*platform_data;
	void		*controller_data;
	int		irq;
	u32		max_speed_hz;
	u16		bus_num;
	u16		chip_select;
	u32		mode;
};

int spi_register_board_info(struct spi_board_info const *info, unsigned int n)
	__evlsim_ksym(spi_register_board_info);
struct spi_device *spi_new_device(struct spi_controller *ctlr,
				  struct spi_board_info *chip) __evlsim_ksym(spi_new_device);
void spi_unregister_device(struct spi_device *spi) __evlsim_ksym(spi_unregister_device);

int spi_setup(struct spi_device *spi) __evlsim_ksym(spi_setup);
int spi_async(struct spi_device *spi, struct spi_message *message) __evlsim_ksym(spi_async);
int spi_sync(struct spi_device *spi, struct spi_message *message) __evlsim_ksym(spi_sync);
int spi_sync_locked(struct spi_device *spi, struct spi_message *message)
	__evlsim_ksym(spi_sync_locked);
int spi_bus_lock(struct spi_controller *ctlr) __evlsim_ksym(spi_bus_lock);
int spi_bus_unlock(struct spi_controller *ctlr) __evlsim_ksym(spi_bus_unlock);
int spi_write_then_read(struct spi_device *spi, const void *txbuf, unsigned int n_tx,
			void *rxbuf, unsigned int n_rx) __evlsim_ksym(spi_write_then_read);

static inline int spi_sync_transfer(struct spi_device *spi, struct spi_transfer *xfers,
				    unsigned int num_xfers)
{
	struct spi_message msg;

	spi_message_init_with_transfers(&msg, xfers, num_xfers);
	return spi_sync(spi, &msg);
}

static inline int spi_write(struct spi_device *spi, const void *buf, size_t len)
{
	struct spi_transfer t = { .tx_buf = buf, .len = len };

	return spi_sync_transfer(spi, &t, 1);
}

static inline int spi_read(struct spi_device *spi, void *buf, size_t len)
{
	struct spi_transfer t = { .rx_buf = buf, .len = len };

	return spi_sync_transfer(spi, &t, 1);
}

/* Dovetail's out-of-band transfers (spec hardware-model.md A.4.2) */
int spi_prepare_oob_transfer(struct spi_device *spi, struct spi_oob_transfer *xfer)
	__evlsim_ksym(spi_prepare_oob_transfer);
void spi_start_oob_transfer(struct spi_oob_transfer *xfer)
	__evlsim_ksym(spi_start_oob_transfer);
int spi_pulse_oob_transfer(struct spi_oob_transfer *xfer)
	__evlsim_ksym(spi_pulse_oob_transfer);
void spi_terminate_oob_transfer(struct spi_oob_transfer *xfer)
	__evlsim_ksym(spi_terminate_oob_transfer);
int spi_mmap_oob_transfer(struct vm_area_struct *vma, struct spi_oob_transfer *xfer)
	__evlsim_ksym(spi_mmap_oob_transfer);

/*
 * what the preparation allocates (the DMA buffer, the descriptors) is done on behalf of
 * the calling module: charged to it, and failed by fault injection's default scope
 */
#define spi_prepare_oob_transfer(spi, xfer) \
	__evlsim_owned(spi_prepare_oob_transfer(spi, xfer))

#endif
