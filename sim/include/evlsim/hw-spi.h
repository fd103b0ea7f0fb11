/* SPDX-License-Identifier: LGPL-2.1-or-later */
/*
 * evlsim: SPI buses and peripheral models (user world; included by <evlsim/hw.h>).
 * docs/api/hw-spi.md describes the model.
 *
 * evlsim_spi_bus_add() declares a bus served by the simulator's SPI controller,
 * evlsim-spi (a platform driver on the simulated DMA engine: oob transfers run on two
 * evlsim-dma channels); evlsim_spi_attach() puts a peripheral model on one of its chip
 * selects; evlsim_spi_device_add() declares the device a driver binds to (board info).
 * Every function returns 0 or a negated errno.
 */
#ifndef _EVLSIM_HW_SPI_H
#define _EVLSIM_HW_SPI_H

#ifdef __cplusplus
extern "C" {
#endif

/* One frame as the peripheral sees it: @tx from the controller (never NULL: zeros when
 * the driver sends nothing), @rx to fill (never NULL), both @len bytes. */
struct evlsim_spi_xfer {
	const void *tx;
	void *rx;
	unsigned long len;
	unsigned int speed_hz;
	unsigned int bits_per_word;
	unsigned int mode;
	int oob;			/* 1: an out-of-band frame (DMA) */
};

struct evlsim_spi_peer_ops {
	/* 0, or -EIO: the transfer fails (in-band transfers only; oob frames get no status) */
	int (*xfer)(void *ctx, const struct evlsim_spi_xfer *x);
};

/**
 * evlsim_spi_bus_add - declare SPI bus @bus_num with @num_cs chip selects
 * @base: the physical address of the controller's registers (4 KiB)
 * @dma_tx, @dma_rx: its evlsim-dma channels (0..EVLSIM_DMA_CHANNELS-1, distinct)
 * Returns 0, -EINVAL, -EEXIST (the bus or the register range exists), or the probe's
 * error.
 */
int evlsim_spi_bus_add(unsigned int bus_num, unsigned int num_cs, unsigned long long base,
		       unsigned int dma_tx, unsigned int dma_rx);
/** evlsim_spi_bus_remove - remove the bus and its devices; 0, -ENOENT */
int evlsim_spi_bus_remove(unsigned int bus_num);

/** evlsim_spi_attach - the peripheral model on @cs of @bus_num (NULL ops: detach); 0, -EINVAL */
int evlsim_spi_attach(unsigned int bus_num, unsigned int cs,
		      const struct evlsim_spi_peer_ops *ops, void *ctx);

/**
 * evlsim_spi_device_add - board info: a device @modalias on @cs of @bus_num
 * (spi_register_board_info()); a driver whose id table or name matches binds to it.
 * 0, -EINVAL, -ENOMEM.
 */
int evlsim_spi_device_add(unsigned int bus_num, unsigned int cs, const char *modalias,
			  unsigned int max_speed_hz, unsigned int mode);

/* What a bus did. */
struct evlsim_spi_stats {
	unsigned long inband_xfers;	/* transfers of spi_sync()/spi_async() */
	unsigned long oob_frames;	/* frames moved by oob pulses */
	unsigned int oob_cs;		/* chip select of the oob transfer, when started */
	unsigned int oob_speed_hz;	/* its effective speed */
	int oob_mode;			/* the bus is held in oob mode now */
};
int evlsim_spi_stats(unsigned int bus_num, struct evlsim_spi_stats *st);

#ifdef __cplusplus
}
#endif

#endif
