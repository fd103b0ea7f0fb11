// SPDX-License-Identifier: LGPL-2.1-or-later
/*
 * evlsim-spi (kernel world): the simulator's SPI controller and the test side of SPI
 * buses (<evlsim/hw-spi.h>); docs/api/hw-spi.md.
 *
 * The controller is a platform driver ("evlsim,spi") written as an EVL-aware SPI host
 * driver is (spi-bcm2835 with CONFIG_SPI_BCM2835_OOB, spec A.4.4): it takes its "tx"
 * and "rx" channels from the DMA engine, configures them with the addresses of its TX
 * and RX FIFOs, and implements transfer_one() and the four oob hooks. The device side
 * is a register block whose FIFOs are DMA ports: a frame the TX channel pushes is
 * exchanged with the peripheral model on the chip select of the oob transfer, and what
 * the model answers fills the RX FIFO, which the RX channel drains; its completion
 * interrupt, handled out-of-band, calls the transfer's xfer_done. In-band transfers
 * (transfer_one()) exchange with the model directly, as a PIO transfer.
 */
#include <linux/platform_device.h>
#include <linux/spi/spi.h>
#include <linux/dmaengine.h>
#include <linux/of.h>
#include <linux/slab.h>
#include <linux/kernel.h>
#include "../kinternal.h"
#include "include/evlsim/hw.h"

#define NR_BUSES	8
#define NR_CS		8
#define REG_TXFIFO	0x04
#define REG_RXFIFO	0x08
#define FIFO_SIZE	(64 * 1024)

struct sim_peer {
	struct evlsim_spi_peer_ops ops;
	void *ctx;
};

struct sim_bus {
	int used;
	unsigned int bus_num, num_cs;
	unsigned long long base;
	struct evlsim_mmio *mmio;
	struct evlsim_dma_port *tx_port, *rx_port;
	struct evlsim_pdev *pdev;
	struct sim_peer peers[NR_CS];
	int lock;			/* lock word: the FIFO and the oob state */
	unsigned char *fifo;
	unsigned long level;
	unsigned int oob_cs, oob_speed, oob_bpw, oob_mode_bits;
	int oob_mode;
	unsigned long inband_xfers, oob_frames;
};

struct sim_host {			/* the controller's private data */
	struct sim_bus *bus;
	struct spi_controller *ctlr;
};

static struct sim_bus buses[NR_BUSES];
static int buses_lock;

static struct sim_bus *find_bus(unsigned int bus_num)
{
	int i;

	for (i = 0; i < NR_BUSES; i++)
		if (buses[i].used && buses[i].bus_num == bus_num)
			return &buses[i];
	return NULL;
}

static int exchange(struct sim_bus *b, unsigned int cs, const void *tx, void *rx,
		    unsigned long len, unsigned int speed, unsigned int bpw,
		    unsigned int mode, int oob)
{
	struct evlsim_spi_xfer x = {
		.tx = tx, .rx = rx, .len = len, .speed_hz = speed,
		.bits_per_word = bpw, .mode = mode, .oob = oob,
	};
	struct sim_peer p = cs < NR_CS ? b->peers[cs] : (struct sim_peer){ };

	if (!p.ops.xfer) {
		memset(rx, 0xff, len);	/* nobody drives MISO: the pull-up */
		return 0;
	}
	return p.ops.xfer(p.ctx, &x);
}

/* ---- the device side: the FIFOs as DMA ports ---- */

static unsigned long txfifo_to_dev(void *ctx, const void *buf, unsigned long len)
{
	struct sim_bus *b = ctx;
	unsigned char *rx = evlsim__zalloc(len);

	exchange(b, b->oob_cs, buf, rx, len, b->oob_speed, b->oob_bpw, b->oob_mode_bits, 1);
	evlsim__lockword_lock(&b->lock);
	if (len > FIFO_SIZE - b->level)
		len = FIFO_SIZE - b->level;
	memcpy(b->fifo + b->level, rx, len);
	b->level += len;
	b->oob_frames++;
	evlsim__lockword_unlock(&b->lock);
	evlsim__free(rx);
	evlsim_dma_port_ready(b->rx_port);
	return len;
}

static unsigned long rxfifo_from_dev(void *ctx, void *buf, unsigned long len)
{
	struct sim_bus *b = ctx;

	evlsim__lockword_lock(&b->lock);
	if (len > b->level)
		len = b->level;
	memcpy(buf, b->fifo, len);
	memmove(b->fifo, b->fifo + len, b->level - len);
	b->level -= len;
	evlsim__lockword_unlock(&b->lock);
	return len;
}

static unsigned long long regs_read(void *ctx, unsigned long off, unsigned int width)
{
	return 0;
}

static void regs_write(void *ctx, unsigned long off, unsigned long long val,
		       unsigned int width)
{
}

static const struct evlsim_mmio_ops regs_ops = { .read = regs_read, .write = regs_write };
static const struct evlsim_dma_port_ops tx_port_ops = { .to_dev = txfifo_to_dev };
static const struct evlsim_dma_port_ops rx_port_ops = { .from_dev = rxfifo_from_dev };

/* ---- the controller driver ---- */

static int sim_spi_transfer_one(struct spi_controller *ctlr, struct spi_device *spi,
				struct spi_transfer *t)
{
	struct sim_host *h = spi_controller_get_devdata(ctlr);
	void *tx = (void *)t->tx_buf, *rx = t->rx_buf;
	int ret;

	if (!tx)
		tx = kzalloc(t->len, GFP_KERNEL);
	if (!rx)
		rx = kzalloc(t->len, GFP_KERNEL);
	ret = exchange(h->bus, spi_get_chipselect(spi, 0), tx, rx, t->len, t->speed_hz,
		       t->bits_per_word, spi->mode, 0);
	t->effective_speed_hz = t->speed_hz;
	h->bus->inband_xfers++;
	if (tx != t->tx_buf)
		kfree(tx);
	if (rx != t->rx_buf)
		kfree(rx);
	return ret ? -EIO : 0;
}

static bool sim_spi_can_dma(struct spi_controller *ctlr, struct spi_device *spi,
			    struct spi_transfer *xfer)
{
	return true;
}

static int sim_spi_prepare_oob(struct spi_controller *ctlr, struct spi_oob_transfer *xfer)
{
	/* the DLEN register's limit, as spi-bcm2835 */
	if (xfer->setup.frame_len > 65532)
		return -EINVAL;
	return 0;
}

static void sim_spi_start_oob(struct spi_controller *ctlr, struct spi_oob_transfer *xfer)
{
	struct sim_host *h = spi_controller_get_devdata(ctlr);
	struct sim_bus *b = h->bus;

	evlsim__lockword_lock(&b->lock);
	b->oob_cs = spi_get_chipselect(xfer->spi, 0);
	b->oob_speed = xfer->setup.speed_hz;
	b->oob_bpw = xfer->setup.bits_per_word;
	b->oob_mode_bits = xfer->spi->mode;
	b->oob_mode = 1;
	b->level = 0;
	evlsim__lockword_unlock(&b->lock);
	xfer->effective_speed_hz = xfer->setup.speed_hz;
}

static void sim_spi_terminate_oob(struct spi_controller *ctlr, struct spi_oob_transfer *xfer)
{
	struct sim_host *h = spi_controller_get_devdata(ctlr);

	evlsim__lockword_lock(&h->bus->lock);
	h->bus->oob_mode = 0;
	h->bus->level = 0;
	evlsim__lockword_unlock(&h->bus->lock);
}

/* one channel to or from the controller's 32-bit FIFO register at @fifo */
static int config_fifo_chan(struct dma_chan *chan, enum dma_transfer_direction dir,
			    phys_addr_t fifo)
{
	struct dma_slave_config cfg = { .direction = dir };

	if (dir == DMA_MEM_TO_DEV) {
		cfg.dst_addr = fifo;
		cfg.dst_addr_width = DMA_SLAVE_BUSWIDTH_4_BYTES;
	} else {
		cfg.src_addr = fifo;
		cfg.src_addr_width = DMA_SLAVE_BUSWIDTH_4_BYTES;
	}
	return dmaengine_slave_config(chan, &cfg);
}

static int sim_spi_probe(struct platform_device *pdev)
{
	struct spi_controller *ctlr;
	struct resource *res;
	struct sim_host *h;
	u32 num_cs = 1;
	int ret;

	res = platform_get_resource(pdev, IORESOURCE_MEM, 0);
	if (!res)
		return -ENODEV;
	ctlr = devm_spi_alloc_host(&pdev->dev, sizeof(*h));
	if (!ctlr)
		return -ENOMEM;
	h = spi_controller_get_devdata(ctlr);
	h->ctlr = ctlr;
	evlsim__lockword_lock(&buses_lock);
	h->bus = find_bus(pdev->id);
	evlsim__lockword_unlock(&buses_lock);
	if (!h->bus)
		return -ENODEV;
	of_property_read_u32(pdev->dev.of_node, "num-cs", &num_cs);
	ctlr->bus_num = pdev->id;
	ctlr->num_chipselect = num_cs;
	ctlr->mode_bits = SPI_CPOL | SPI_CPHA | SPI_CS_HIGH | SPI_NO_CS;
	ctlr->bits_per_word_mask = SPI_BPW_MASK(8) | SPI_BPW_MASK(16) | SPI_BPW_MASK(32);
	ctlr->max_speed_hz = 125000000;
	ctlr->min_speed_hz = 3814;
	ctlr->transfer_one = sim_spi_transfer_one;
	ctlr->prepare_oob_transfer = sim_spi_prepare_oob;
	ctlr->start_oob_transfer = sim_spi_start_oob;
	ctlr->terminate_oob_transfer = sim_spi_terminate_oob;
	ctlr->dma_tx = dma_request_chan(&pdev->dev, "tx");
	if (IS_ERR(ctlr->dma_tx))
		return PTR_ERR(ctlr->dma_tx);
	ctlr->dma_rx = dma_request_chan(&pdev->dev, "rx");
	if (IS_ERR(ctlr->dma_rx)) {
		ret = PTR_ERR(ctlr->dma_rx);
		goto fail_tx;
	}
	ret = config_fifo_chan(ctlr->dma_tx, DMA_MEM_TO_DEV, res->start + REG_TXFIFO);
	if (ret)
		goto fail_rx;
	ret = config_fifo_chan(ctlr->dma_rx, DMA_DEV_TO_MEM, res->start + REG_RXFIFO);
	if (ret)
		goto fail_rx;
	ctlr->can_dma = sim_spi_can_dma;	/* both channels configured */
	platform_set_drvdata(pdev, ctlr);
	ret = spi_register_controller(ctlr);
	if (ret)
		goto fail_rx;
	return 0;
fail_rx:
	dma_release_channel(ctlr->dma_rx);
fail_tx:
	dma_release_channel(ctlr->dma_tx);
	return ret;
}

static void sim_spi_remove(struct platform_device *pdev)
{
	struct spi_controller *ctlr = platform_get_drvdata(pdev);

	/* the controller goes before its channels, as spi-bcm2835 */
	spi_controller_get(ctlr);
	spi_unregister_controller(ctlr);
	dma_release_channel(ctlr->dma_rx);
	dma_release_channel(ctlr->dma_tx);
	spi_controller_put(ctlr);
}

static const struct of_device_id sim_spi_of_match[] = {
	{ .compatible = "evlsim,spi" },
	{ }
};

static struct platform_driver sim_spi_driver = {
	.probe = sim_spi_probe,
	.remove = sim_spi_remove,
	.driver = {
		.name = "evlsim-spi",
		.of_match_table = sim_spi_of_match,
	},
};

/* ---- the test side ---- */

EVLSIM_EXPORT int evlsim_spi_bus_add(unsigned int bus_num, unsigned int num_cs,
				     unsigned long long base, unsigned int dma_tx,
				     unsigned int dma_rx)
{
	static int registered;
	static const char *const names[] = { "tx", "rx" };
	struct evlsim_res res = { .type = EVLSIM_RES_MEM, .start = base, .size = 0x1000 };
	unsigned int dmas[2] = { dma_tx, dma_rx };
	struct evlsim_prop props[] = {
		{ .name = "dmas", .type = EVLSIM_PROP_U32, .count = 2, .u32s = dmas },
		{ .name = "dma-names", .type = EVLSIM_PROP_STRING, .count = 2, .strs = names },
		EVLSIM_PROP_U32_VAL("num-cs", num_cs),
	};
	struct evlsim_pdev_info info = {
		.name = "evlsim-spi", .id = (int)bus_num, .compatible = "evlsim,spi",
		.res = &res, .num_res = 1, .props = props, .num_props = 3,
	};
	struct sim_bus *b = NULL;
	int i, ret;

	if (!num_cs || num_cs > NR_CS || dma_tx == dma_rx || dma_tx >= EVLSIM_DMA_CHANNELS ||
	    dma_rx >= EVLSIM_DMA_CHANNELS || bus_num > 32767)
		return -EINVAL;
	evlsim__lockword_lock(&buses_lock);
	if (find_bus(bus_num)) {
		evlsim__lockword_unlock(&buses_lock);
		return -EEXIST;
	}
	for (i = 0; i < NR_BUSES && !b; i++)
		if (!buses[i].used)
			b = &buses[i];
	if (b) {
		memset(b, 0, sizeof(*b));
		b->used = 1;
		b->bus_num = bus_num;
		b->num_cs = num_cs;
		b->base = base;
	}
	evlsim__lockword_unlock(&buses_lock);
	if (!b)
		return -ENOSPC;
	b->fifo = evlsim__zalloc(FIFO_SIZE);
	ret = evlsim_mmio_create("evlsim-spi", base, 0x1000, 0, &regs_ops, b, &b->mmio);
	if (!ret)
		ret = evlsim_dma_port_add(b->mmio, REG_TXFIFO, &tx_port_ops, b, &b->tx_port);
	if (!ret)
		ret = evlsim_dma_port_add(b->mmio, REG_RXFIFO, &rx_port_ops, b, &b->rx_port);
	if (!ret && !registered) {
		ret = __platform_driver_register(&sim_spi_driver, NULL, NULL);
		registered = !ret;
	}
	if (!ret)
		ret = evlsim_platform_device_add(&info, &b->pdev);
	if (!ret && evlsim_platform_device_state(b->pdev) != 1) {
		ret = evlsim_platform_device_state(b->pdev);
		evlsim_platform_device_remove(b->pdev);
		b->pdev = NULL;
		if (!ret)
			ret = -ENODEV;
	}
	if (ret)
		evlsim_spi_bus_remove(bus_num);
	return ret;
}

EVLSIM_EXPORT int evlsim_spi_bus_remove(unsigned int bus_num)
{
	struct sim_bus *b;

	evlsim__lockword_lock(&buses_lock);
	b = find_bus(bus_num);
	evlsim__lockword_unlock(&buses_lock);
	if (!b)
		return -ENOENT;
	if (b->pdev)
		evlsim_platform_device_remove(b->pdev);
	if (b->rx_port)
		evlsim_dma_port_remove(b->rx_port);
	if (b->tx_port)
		evlsim_dma_port_remove(b->tx_port);
	if (b->mmio)
		evlsim_mmio_destroy(b->mmio);
	evlsim__free(b->fifo);
	evlsim__lockword_lock(&buses_lock);
	b->used = 0;
	evlsim__lockword_unlock(&buses_lock);
	return 0;
}

EVLSIM_EXPORT int evlsim_spi_attach(unsigned int bus_num, unsigned int cs,
				    const struct evlsim_spi_peer_ops *ops, void *ctx)
{
	struct sim_bus *b;

	evlsim__lockword_lock(&buses_lock);
	b = find_bus(bus_num);
	if (!b || cs >= b->num_cs) {
		evlsim__lockword_unlock(&buses_lock);
		return -EINVAL;
	}
	b->peers[cs].ctx = ctx;
	if (ops)
		b->peers[cs].ops = *ops;
	else
		memset(&b->peers[cs].ops, 0, sizeof(b->peers[cs].ops));
	evlsim__lockword_unlock(&buses_lock);
	return 0;
}

EVLSIM_EXPORT int evlsim_spi_device_add(unsigned int bus_num, unsigned int cs,
					const char *modalias, unsigned int max_speed_hz,
					unsigned int mode)
{
	struct spi_board_info info = {
		.bus_num = bus_num, .chip_select = cs, .max_speed_hz = max_speed_hz,
		.mode = mode,
	};

	if (!modalias || strlen(modalias) >= sizeof(info.modalias) || bus_num > 32767)
		return -EINVAL;
	strscpy(info.modalias, modalias, sizeof(info.modalias));
	return spi_register_board_info(&info, 1);
}

EVLSIM_EXPORT int evlsim_spi_stats(unsigned int bus_num, struct evlsim_spi_stats *st)
{
	struct sim_bus *b;

	evlsim__lockword_lock(&buses_lock);
	b = find_bus(bus_num);
	if (!b || !st) {
		evlsim__lockword_unlock(&buses_lock);
		return -EINVAL;
	}
	st->inband_xfers = b->inband_xfers;
	st->oob_frames = b->oob_frames;
	st->oob_cs = b->oob_cs;
	st->oob_speed_hz = b->oob_speed;
	st->oob_mode = b->oob_mode;
	evlsim__lockword_unlock(&buses_lock);
	return 0;
}
