// SPDX-License-Identifier: LGPL-2.1-or-later
/*
 * The SPI core (kernel world): a subset of drivers/spi/spi.c of linux-evl v6.12 (K
 * @979367a) with CONFIG_SPI_OOB; spec hardware-model.md A.4. docs/api/hw-spi.md.
 *
 * Controllers, devices (from board info, or spi_new_device()), drivers matched by their
 * id table or name, spi_setup(), spi_sync() and spi_async() over the controller's
 * transfer_one() (a queued message runs on a work item: the kernel's message pump is a
 * kthread worker), the bus lock, spi_finalize_current_transfer(). The out-of-band
 * transfers are in spi-oob.c.
 *
 * Bus lock and oob mode: spi_sync() and spi_bus_lock() take bus_lock_mutex, then
 * bus_oob_lock_sem, which an out-of-band transfer holds from its preparation to its
 * termination: they block while the bus is in oob mode; spi_async() fails with -EBUSY
 * while bus_lock_flag is set (by spi_bus_lock() or oob mode).
 */
#include <linux/spi/spi.h>
#include <linux/slab.h>
#include <linux/kernel.h>
#include <linux/string.h>
#include <linux/device.h>
#include <linux/device/devres.h>
#include "../kinternal.h"

static LIST_HEAD(controllers);		/* under spi_lock */
static LIST_HEAD(drivers);
static LIST_HEAD(board_infos);
static DEFINE_MUTEX(spi_lock);

struct board_entry {
	struct list_head node;
	struct spi_board_info info;
};

static void spidev_release(struct device *dev)
{
	kfree(to_spi_device(dev));
}

static void ctlr_release(struct device *dev)
{
	kfree(container_of(dev, struct spi_controller, dev));
}

static void pump(struct work_struct *work);

struct spi_controller *__spi_alloc_controller(struct device *dev, unsigned int size,
					      bool target)
{
	struct spi_controller *ctlr;
	size_t ctlr_size = ALIGN(sizeof(*ctlr), 64);

	if (!dev)
		return NULL;
	ctlr = kzalloc(size + ctlr_size, GFP_KERNEL);
	if (!ctlr)
		return NULL;
	device_initialize(&ctlr->dev);
	ctlr->bus_num = -1;
	ctlr->num_chipselect = 1;
	ctlr->target = target;
	ctlr->dev.parent = dev;
	ctlr->dev.release = ctlr_release;
	mutex_init(&ctlr->io_mutex);
	mutex_init(&ctlr->add_lock);
	mutex_init(&ctlr->bus_lock_mutex);
	spin_lock_init(&ctlr->bus_lock_spinlock);
	sema_init(&ctlr->bus_oob_lock_sem, 1);
	init_completion(&ctlr->xfer_completion);
	INIT_LIST_HEAD(&ctlr->evlsim_queue);
	INIT_LIST_HEAD(&ctlr->evlsim_devices);
	INIT_WORK(&ctlr->evlsim_pump, pump);
	spi_controller_set_devdata(ctlr, (void *)ctlr + ctlr_size);
	return ctlr;
}

static void devm_ctlr_put(void *ctlr)
{
	spi_controller_put(ctlr);
}

struct spi_controller *__devm_spi_alloc_controller(struct device *dev, unsigned int size,
						   bool target)
{
	struct spi_controller *ctlr = __spi_alloc_controller(dev, size, target);

	if (ctlr && devm_add_action_or_reset(dev, devm_ctlr_put, ctlr))
		return NULL;
	if (ctlr)
		ctlr->devm_allocated = true;
	return ctlr;
}

/* ---- devices and drivers ---- */

static const struct spi_device_id *match_id(const struct spi_device_id *id,
					    const char *name)
{
	for (; id && id->name[0]; id++)
		if (!strcmp(name, id->name))
			return id;
	return NULL;
}

const struct spi_device_id *spi_get_device_id(const struct spi_device *sdev)
{
	const struct spi_driver *sdrv = sdev->dev.driver ?
		container_of(sdev->dev.driver, struct spi_driver, driver) : NULL;

	return sdrv ? match_id(sdrv->id_table, sdev->modalias) : NULL;
}

static bool matches(struct spi_driver *sdrv, struct spi_device *spi)
{
	return match_id(sdrv->id_table, spi->modalias) ||
		!strcmp(spi->modalias, sdrv->driver.name);
}

/* under spi_lock: bind @spi to @sdrv if it matches */
static void try_bind(struct spi_driver *sdrv, struct spi_device *spi)
{
	if (spi->dev.driver || !matches(sdrv, spi) || !sdrv->probe)
		return;
	spi->dev.driver = &sdrv->driver;
	if (sdrv->probe(spi))
		spi->dev.driver = NULL;
}

static void unbind(struct spi_device *spi)
{
	struct spi_driver *sdrv;

	if (!spi->dev.driver)
		return;
	sdrv = container_of(spi->dev.driver, struct spi_driver, driver);
	if (sdrv->remove)
		sdrv->remove(spi);
	spi->dev.driver = NULL;
}

static int add_device(struct spi_controller *ctlr, struct spi_device *spi)
{
	struct spi_device *other;
	struct spi_driver *sdrv;
	int ret;

	if (spi_get_chipselect(spi, 0) >= ctlr->num_chipselect)
		return -EINVAL;
	list_for_each_entry(other, &ctlr->evlsim_devices, evlsim_node)
		if (spi_get_chipselect(other, 0) == spi_get_chipselect(spi, 0))
			return -EBUSY;
	dev_set_name(&spi->dev, "spi%d.%u", ctlr->bus_num, spi_get_chipselect(spi, 0));
	ret = spi_setup(spi);
	if (ret)
		return ret;
	list_add_tail(&spi->evlsim_node, &ctlr->evlsim_devices);
	list_for_each_entry(sdrv, &drivers, evlsim_node)
		try_bind(sdrv, spi);
	return 0;
}

/* under spi_lock */
static struct spi_device *new_device(struct spi_controller *ctlr, struct spi_board_info *chip)
{
	struct spi_device *spi = kzalloc(sizeof(*spi), GFP_KERNEL);

	if (!spi)
		return NULL;
	device_initialize(&spi->dev);
	spi->dev.parent = &ctlr->dev;
	spi->dev.release = spidev_release;
	spi->controller = ctlr;
	spi_set_chipselect(spi, 0, chip->chip_select);
	spi->max_speed_hz = chip->max_speed_hz;
	spi->mode = chip->mode;
	spi->irq = chip->irq;
	spi->controller_data = chip->controller_data;
	spi->dev.platform_data = (void *)chip->platform_data;
	strscpy(spi->modalias, chip->modalias, sizeof(spi->modalias));
	if (add_device(ctlr, spi)) {
		put_device(&spi->dev);
		return NULL;
	}
	return spi;
}

/**
 * spi_new_device - instantiate one new SPI device
 * Returns the new device, or NULL (chip select out of range or in use, spi_setup()
 * refused). In-band, may sleep.
 */
struct spi_device *spi_new_device(struct spi_controller *ctlr, struct spi_board_info *chip)
{
	struct spi_device *spi;

	mutex_lock(&spi_lock);
	spi = new_device(ctlr, chip);
	mutex_unlock(&spi_lock);
	return spi;
}

/** spi_unregister_device - unbind and remove a device */
void spi_unregister_device(struct spi_device *spi)
{
	if (!spi)
		return;
	mutex_lock(&spi_lock);
	unbind(spi);
	list_del(&spi->evlsim_node);
	mutex_unlock(&spi_lock);
	if (spi->controller->cleanup)
		spi->controller->cleanup(spi);
	put_device(&spi->dev);
}

/**
 * spi_register_board_info - declare the devices of the board: each is created when its
 * bus's controller registers (now, if it is registered). 0 or -ENOMEM.
 */
int spi_register_board_info(struct spi_board_info const *info, unsigned int n)
{
	struct spi_controller *ctlr;
	struct board_entry *be;
	unsigned int i;

	for (i = 0; i < n; i++) {
		be = kzalloc(sizeof(*be), GFP_KERNEL);
		if (!be)
			return -ENOMEM;
		be->info = info[i];
		mutex_lock(&spi_lock);
		list_add_tail(&be->node, &board_infos);
		list_for_each_entry(ctlr, &controllers, list)
			if (ctlr->bus_num == be->info.bus_num)
				new_device(ctlr, &be->info);
		mutex_unlock(&spi_lock);
	}
	return 0;
}

/**
 * __spi_register_driver - register a SPI driver; it probes the matching devices now
 * Returns 0. In-band.
 */
int __spi_register_driver(struct module *owner, struct spi_driver *sdrv)
{
	struct spi_controller *ctlr;
	struct spi_device *spi;

	sdrv->driver.owner = owner;
	mutex_lock(&spi_lock);
	list_add_tail(&sdrv->evlsim_node, &drivers);
	list_for_each_entry(ctlr, &controllers, list)
		list_for_each_entry(spi, &ctlr->evlsim_devices, evlsim_node)
			try_bind(sdrv, spi);
	mutex_unlock(&spi_lock);
	return 0;
}

/** spi_unregister_driver - unbind its devices (->remove) and unregister it */
void spi_unregister_driver(struct spi_driver *sdrv)
{
	struct spi_controller *ctlr;
	struct spi_device *spi;

	mutex_lock(&spi_lock);
	list_for_each_entry(ctlr, &controllers, list)
		list_for_each_entry(spi, &ctlr->evlsim_devices, evlsim_node)
			if (spi->dev.driver == &sdrv->driver)
				unbind(spi);
	list_del(&sdrv->evlsim_node);
	mutex_unlock(&spi_lock);
}

/* ---- controllers ---- */

/**
 * spi_register_controller - register a controller and create its board's devices
 * Returns 0, -ENODEV (no parent device), -EINVAL (no transfer hook), -EBUSY (bus
 * number taken). In-band, may sleep.
 */
int spi_register_controller(struct spi_controller *ctlr)
{
	static int next_dyn = 32766;
	struct spi_controller *other;
	struct board_entry *be;

	evlsim__check_service(EVLSIM_SVC_spi_register_controller);
	if (!ctlr->dev.parent)
		return -ENODEV;
	if (!ctlr->transfer_one && !ctlr->transfer_one_message && !ctlr->transfer)
		return -EINVAL;
	if (!ctlr->num_chipselect)
		return -EINVAL;
	mutex_lock(&spi_lock);
	if (ctlr->bus_num < 0)
		ctlr->bus_num = next_dyn--;
	list_for_each_entry(other, &controllers, list) {
		if (other->bus_num == ctlr->bus_num) {
			mutex_unlock(&spi_lock);
			return -EBUSY;
		}
	}
	dev_set_name(&ctlr->dev, "spi%u", ctlr->bus_num);
	list_add_tail(&ctlr->list, &controllers);
	ctlr->evlsim_registered = true;
	list_for_each_entry(be, &board_infos, node)
		if (be->info.bus_num == ctlr->bus_num)
			new_device(ctlr, &be->info);
	mutex_unlock(&spi_lock);
	return 0;
}

/**
 * spi_unregister_controller - remove its devices (unbinding their drivers), then the
 * controller; its last reference goes unless it was allocated with devm_.
 */
void spi_unregister_controller(struct spi_controller *ctlr)
{
	struct spi_device *spi, *tmp;

	mutex_lock(&spi_lock);
	list_for_each_entry_safe(spi, tmp, &ctlr->evlsim_devices, evlsim_node) {
		unbind(spi);
		list_del(&spi->evlsim_node);
		if (ctlr->cleanup)
			ctlr->cleanup(spi);
		put_device(&spi->dev);
	}
	list_del(&ctlr->list);
	ctlr->evlsim_registered = false;
	mutex_unlock(&spi_lock);
	flush_work(&ctlr->evlsim_pump);
	if (!ctlr->devm_allocated)
		put_device(&ctlr->dev);
}

static void devm_ctlr_unregister(void *ctlr)
{
	spi_unregister_controller(ctlr);
}

/** devm_spi_register_controller - spi_register_controller(), undone at unbind */
int devm_spi_register_controller(struct device *dev, struct spi_controller *ctlr)
{
	int ret = spi_register_controller(ctlr);

	if (ret)
		return ret;
	return devm_add_action_or_reset(dev, devm_ctlr_unregister, ctlr);
}

/* ---- transfers ---- */

/**
 * spi_setup - setup SPI mode and clock rate
 * Defaults bits_per_word to 8 and max_speed_hz to the controller's; -EINVAL for mode
 * bits the controller lacks or an unsupported word size; the controller's ->setup()
 * error. In-band, may sleep.
 */
int spi_setup(struct spi_device *spi)
{
	struct spi_controller *ctlr = spi->controller;
	u32 bad = spi->mode & ~(ctlr->mode_bits | SPI_CS_HIGH | SPI_CPHA | SPI_CPOL |
				 SPI_LSB_FIRST | SPI_NO_CS);

	evlsim__check_service(EVLSIM_SVC_spi_setup);
	if (bad & ~(SPI_TX_DUAL | SPI_TX_QUAD | SPI_RX_DUAL | SPI_RX_QUAD |
		    SPI_TX_OCTAL | SPI_RX_OCTAL))
		return -EINVAL;
	if (!spi->bits_per_word)
		spi->bits_per_word = 8;
	if (spi->bits_per_word > 32 || (ctlr->bits_per_word_mask &&
	    !(ctlr->bits_per_word_mask & SPI_BPW_MASK(spi->bits_per_word))))
		return -EINVAL;
	if (!spi->max_speed_hz || (ctlr->max_speed_hz && spi->max_speed_hz > ctlr->max_speed_hz))
		spi->max_speed_hz = ctlr->max_speed_hz;
	return ctlr->setup ? ctlr->setup(spi) : 0;
}

/* __spi_validate(): defaults and checks of each transfer */
static int validate(struct spi_device *spi, struct spi_message *msg)
{
	struct spi_controller *ctlr = spi->controller;
	struct spi_transfer *xfer;
	unsigned int w;

	if (list_empty(&msg->transfers))
		return -EINVAL;
	msg->spi = spi;
	msg->frame_length = 0;
	list_for_each_entry(xfer, &msg->transfers, transfer_list) {
		msg->frame_length += xfer->len;
		if (!xfer->bits_per_word)
			xfer->bits_per_word = spi->bits_per_word;
		if (!xfer->speed_hz)
			xfer->speed_hz = spi->max_speed_hz;
		if (ctlr->max_speed_hz && xfer->speed_hz > ctlr->max_speed_hz)
			xfer->speed_hz = ctlr->max_speed_hz;
		if (ctlr->bits_per_word_mask &&
		    !(ctlr->bits_per_word_mask & SPI_BPW_MASK(xfer->bits_per_word)))
			return -EINVAL;
		w = xfer->bits_per_word <= 8 ? 1 : xfer->bits_per_word <= 16 ? 2 : 4;
		if (xfer->len % w)
			return -EINVAL;
		if (xfer->speed_hz && ctlr->min_speed_hz && xfer->speed_hz < ctlr->min_speed_hz)
			return -EINVAL;
		if ((ctlr->flags & SPI_CONTROLLER_HALF_DUPLEX) && xfer->tx_buf && xfer->rx_buf)
			return -EINVAL;
	}
	msg->status = -EINPROGRESS;
	return 0;
}

/* spi_transfer_one_message(): the transfers through ->transfer_one() */
static int run_message(struct spi_controller *ctlr, struct spi_message *msg)
{
	struct spi_transfer *xfer;
	int ret = 0;

	mutex_lock(&ctlr->io_mutex);
	ctlr->cur_msg = msg;
	if (ctlr->prepare_message)
		ret = ctlr->prepare_message(ctlr, msg);
	if (!ret && ctlr->transfer_one_message) {
		ret = ctlr->transfer_one_message(ctlr, msg);
		goto out;
	}
	if (!ret && ctlr->set_cs)
		ctlr->set_cs(msg->spi, !(msg->spi->mode & SPI_CS_HIGH) ? false : true);
	list_for_each_entry(xfer, &msg->transfers, transfer_list) {
		if (ret)
			break;
		reinit_completion(&ctlr->xfer_completion);
		ret = ctlr->transfer_one(ctlr, msg->spi, xfer);
		if (ret > 0) {
			wait_for_completion(&ctlr->xfer_completion);
			ret = 0;
		}
		if (!ret)
			msg->actual_length += xfer->len;
	}
	if (ctlr->set_cs)
		ctlr->set_cs(msg->spi, !(msg->spi->mode & SPI_CS_HIGH) ? true : false);
	if (ret && ctlr->handle_err)
		ctlr->handle_err(ctlr, msg);
	if (ctlr->unprepare_message)
		ctlr->unprepare_message(ctlr, msg);
out:
	msg->status = ret;
	ctlr->cur_msg = NULL;
	mutex_unlock(&ctlr->io_mutex);
	if (msg->complete)
		msg->complete(msg->context);
	return ret;
}

/** spi_finalize_current_transfer - the controller's transfer_one() that returned 1 is done */
void spi_finalize_current_transfer(struct spi_controller *ctlr)
{
	complete(&ctlr->xfer_completion);
}

static void pump(struct work_struct *work)
{
	struct spi_controller *ctlr = container_of(work, struct spi_controller, evlsim_pump);
	struct spi_message *msg;
	unsigned long flags;

	for (;;) {
		spin_lock_irqsave(&ctlr->bus_lock_spinlock, flags);
		msg = list_first_entry_or_null(&ctlr->evlsim_queue, struct spi_message, queue);
		if (msg)
			list_del_init(&msg->queue);
		spin_unlock_irqrestore(&ctlr->bus_lock_spinlock, flags);
		if (!msg)
			break;
		run_message(ctlr, msg);
	}
}

/**
 * spi_async - asynchronous SPI transfer
 * 0 (the message runs later; ->complete is called), -EINVAL (validation), -EBUSY (the
 * bus is locked: spi_bus_lock() or oob mode). In-band, atomic-safe.
 */
int spi_async(struct spi_device *spi, struct spi_message *message)
{
	struct spi_controller *ctlr = spi->controller;
	unsigned long flags;
	int ret;

	evlsim__check_service(EVLSIM_SVC_spi_async);
	ret = validate(spi, message);
	if (ret)
		return ret;
	spin_lock_irqsave(&ctlr->bus_lock_spinlock, flags);
	if (ctlr->bus_lock_flag) {
		ret = -EBUSY;
	} else {
		message->actual_length = 0;
		list_add_tail(&message->queue, &ctlr->evlsim_queue);
		schedule_work(&ctlr->evlsim_pump);
	}
	spin_unlock_irqrestore(&ctlr->bus_lock_spinlock, flags);
	return ret;
}

static int __spi_sync(struct spi_device *spi, struct spi_message *message)
{
	int ret = validate(spi, message);

	if (ret)
		return ret;
	message->actual_length = 0;
	return run_message(spi->controller, message);
}

/**
 * spi_sync - blocking/synchronous SPI data transfers
 * 0 or the transfer's error; blocks while the bus is locked by another user or held in
 * oob mode. In-band, may sleep.
 */
int spi_sync(struct spi_device *spi, struct spi_message *message)
{
	struct spi_controller *ctlr = spi->controller;
	int ret;

	evlsim__check_service(EVLSIM_SVC_spi_sync);
	mutex_lock(&ctlr->bus_lock_mutex);
	down(&ctlr->bus_oob_lock_sem);
	ret = __spi_sync(spi, message);
	up(&ctlr->bus_oob_lock_sem);
	mutex_unlock(&ctlr->bus_lock_mutex);
	return ret;
}

/** spi_sync_locked - spi_sync() for the holder of spi_bus_lock() */
int spi_sync_locked(struct spi_device *spi, struct spi_message *message)
{
	evlsim__check_service(EVLSIM_SVC_spi_sync);
	return __spi_sync(spi, message);
}

/** spi_bus_lock - obtain a lock for exclusive SPI bus usage; waits for oob mode to end */
int spi_bus_lock(struct spi_controller *ctlr)
{
	unsigned long flags;

	evlsim__check_service(EVLSIM_SVC_spi_bus_lock);
	mutex_lock(&ctlr->bus_lock_mutex);
	down(&ctlr->bus_oob_lock_sem);
	spin_lock_irqsave(&ctlr->bus_lock_spinlock, flags);
	ctlr->bus_lock_flag = 1;
	spin_unlock_irqrestore(&ctlr->bus_lock_spinlock, flags);
	return 0;
}

/** spi_bus_unlock - release the lock of spi_bus_lock() */
int spi_bus_unlock(struct spi_controller *ctlr)
{
	ctlr->bus_lock_flag = 0;
	up(&ctlr->bus_oob_lock_sem);
	mutex_unlock(&ctlr->bus_lock_mutex);
	return 0;
}

/** spi_write_then_read - half-duplex: write @n_tx bytes, then read @n_rx; in-band */
int spi_write_then_read(struct spi_device *spi, const void *txbuf, unsigned int n_tx,
			void *rxbuf, unsigned int n_rx)
{
	struct spi_transfer x[2] = {
		{ .tx_buf = txbuf, .len = n_tx },
		{ .rx_buf = rxbuf, .len = n_rx },
	};
	struct spi_message msg;

	spi_message_init(&msg);
	if (n_tx)
		spi_message_add_tail(&x[0], &msg);
	if (n_rx)
		spi_message_add_tail(&x[1], &msg);
	return spi_sync(spi, &msg);
}
