// SPDX-License-Identifier: LGPL-2.1-or-later
/*
 * Out-of-band SPI transfers (kernel world): the CONFIG_SPI_OOB part of drivers/spi/spi.c
 * of linux-evl v6.12 (K @979367a), exactly as spec hardware-model.md A.4.2 records it:
 * the order of the checks and their errors, one coherent buffer whose first half
 * receives (RX) and second half transmits (TX), pulsed DMA descriptors on the
 * controller's two channels with the completion callback on RX only, and the bus held
 * in oob mode (bus_lock_flag and bus_oob_lock_sem) until termination.
 * docs/api/hw-spi.md.
 */
#include <linux/spi/spi.h>
#include <linux/dma-mapping.h>
#include <linux/cache.h>
#include <linux/mm.h>
#include <linux/kernel.h>
#include "../kinternal.h"

static int bus_lock_oob(struct spi_controller *ctlr)
{
	unsigned long flags;
	int ret = -EBUSY;

	mutex_lock(&ctlr->bus_lock_mutex);
	spin_lock_irqsave(&ctlr->bus_lock_spinlock, flags);
	if (!ctlr->bus_lock_flag && !down_trylock(&ctlr->bus_oob_lock_sem)) {
		ctlr->bus_lock_flag = 1;
		ret = 0;
	}
	spin_unlock_irqrestore(&ctlr->bus_lock_spinlock, flags);
	mutex_unlock(&ctlr->bus_lock_mutex);
	return ret;
}

static void bus_unlock_oob(struct spi_controller *ctlr)
{
	unsigned long flags;

	spin_lock_irqsave(&ctlr->bus_lock_spinlock, flags);
	ctlr->bus_lock_flag = 0;
	up(&ctlr->bus_oob_lock_sem);
	spin_unlock_irqrestore(&ctlr->bus_lock_spinlock, flags);
}

/* the simplified __spi_validate() of an oob frame */
static int validate_oob(struct spi_device *spi, struct spi_oob_transfer *xfer)
{
	struct spi_controller *ctlr = spi->controller;
	struct spi_oob_setup *p = &xfer->setup;
	int w_size;

	if (p->frame_len == 0)
		return -EINVAL;
	if (!p->bits_per_word)
		p->bits_per_word = spi->bits_per_word;
	if (!p->speed_hz)
		p->speed_hz = spi->max_speed_hz;
	if (ctlr->max_speed_hz && p->speed_hz > ctlr->max_speed_hz)
		p->speed_hz = ctlr->max_speed_hz;
	if (p->bits_per_word > 32 || !p->bits_per_word ||
	    (ctlr->bits_per_word_mask &&
	     !(ctlr->bits_per_word_mask & SPI_BPW_MASK(p->bits_per_word))))
		return -EINVAL;
	if (p->bits_per_word <= 8)
		w_size = 1;
	else if (p->bits_per_word <= 16)
		w_size = 2;
	else
		w_size = 4;
	if (p->frame_len % w_size)
		return -EINVAL;
	if (p->speed_hz && ctlr->min_speed_hz && p->speed_hz < ctlr->min_speed_hz)
		return -EINVAL;
	return 0;
}

static int setup_dma(struct spi_controller *ctlr, struct spi_oob_transfer *xfer)
{
	dma_cookie_t cookie;
	int ret;

	xfer->txd = dmaengine_prep_slave_single(ctlr->dma_tx,
			xfer->dma_addr + xfer->aligned_frame_len, xfer->setup.frame_len,
			DMA_MEM_TO_DEV, DMA_OOB_INTERRUPT | DMA_OOB_PULSE);
	if (!xfer->txd)
		return -EIO;
	cookie = dmaengine_submit(xfer->txd);
	ret = dma_submit_error(cookie);
	if (ret)
		return ret;
	dma_async_issue_pending(ctlr->dma_tx);

	xfer->rxd = dmaengine_prep_slave_single(ctlr->dma_rx, xfer->dma_addr,
			xfer->setup.frame_len, DMA_DEV_TO_MEM,
			DMA_OOB_INTERRUPT | DMA_OOB_PULSE);
	if (!xfer->rxd) {
		ret = -EIO;
		goto fail_rx;
	}
	/* the completion is signalled by the RX side only */
	xfer->rxd->callback = xfer->setup.xfer_done;
	xfer->rxd->callback_param = xfer;
	cookie = dmaengine_submit(xfer->rxd);
	ret = dma_submit_error(cookie);
	if (ret)
		goto fail_rx;
	dma_async_issue_pending(ctlr->dma_rx);
	return 0;
fail_rx:
	dmaengine_terminate_sync(ctlr->dma_tx);
	return ret;
}

/**
 * spi_prepare_oob_transfer - set up an out-of-band transfer on @spi
 * @xfer: its setup filled by the caller (frame_len, speed_hz, bits_per_word, xfer_done)
 *
 * Returns 0, or in this order: -ENOTSUPP (the controller has no prepare_oob_transfer),
 * -ENODEV (no can_dma: oob transfers need DMA), -EINVAL (validation), -ENOMEM (the I/O
 * buffer), -EIO (a DMA descriptor could not be prepared) or the submission's error,
 * -EBUSY (the bus is locked), the controller's prepare_oob_transfer() error. In-band.
 */
int spi_prepare_oob_transfer(struct spi_device *spi, struct spi_oob_transfer *xfer)
{
	struct spi_controller *ctlr = spi->controller;
	size_t alen;
	int ret;

	evlsim__check_service(EVLSIM_SVC_spi_prepare_oob_transfer);
	if (!ctlr->prepare_oob_transfer)
		return -ENOTSUPP;
	if (!ctlr->can_dma)
		return -ENODEV;
	ret = validate_oob(spi, xfer);
	if (ret)
		return ret;
	alen = L1_CACHE_ALIGN(xfer->setup.frame_len);
	xfer->io_buffer = dma_alloc_coherent(ctlr->dev.parent, 2 * alen, &xfer->dma_addr,
					     GFP_KERNEL);
	if (!xfer->io_buffer)
		return -ENOMEM;
	xfer->spi = spi;
	xfer->aligned_frame_len = alen;
	xfer->effective_speed_hz = 0;
	ret = setup_dma(ctlr, xfer);
	if (ret)
		goto fail_dma;
	ret = bus_lock_oob(ctlr);
	if (ret)
		goto fail_lock;
	ret = ctlr->prepare_oob_transfer(ctlr, xfer);
	if (ret)
		goto fail_prep;
	return 0;
fail_prep:
	bus_unlock_oob(ctlr);
fail_lock:
	dmaengine_terminate_sync(ctlr->dma_rx);
	dmaengine_terminate_sync(ctlr->dma_tx);
fail_dma:
	dma_free_coherent(ctlr->dev.parent, 2 * alen, xfer->io_buffer, xfer->dma_addr);
	return ret;
}

/** spi_start_oob_transfer - the controller readies the bus; no frame moves yet. In-band. */
void spi_start_oob_transfer(struct spi_oob_transfer *xfer)
{
	struct spi_controller *ctlr = xfer->spi->controller;

	evlsim__check_service(EVLSIM_SVC_spi_start_oob_transfer);
	ctlr->start_oob_transfer(ctlr, xfer);
}

/**
 * spi_pulse_oob_transfer - trigger one frame: RX first, then TX
 * Returns 0, or the first error of dma_pulse_oob(): -EIO (no pulsed descriptor armed),
 * -ENOTSUPP (the DMA driver cannot pulse). Out-of-band (either stage).
 */
int spi_pulse_oob_transfer(struct spi_oob_transfer *xfer)
{
	struct spi_controller *ctlr = xfer->spi->controller;
	int ret;

	evlsim__check_service(EVLSIM_SVC_spi_pulse_oob_transfer);
	if (ctlr->pulse_oob_transfer)
		ctlr->pulse_oob_transfer(ctlr, xfer);
	ret = dma_pulse_oob(ctlr->dma_rx);
	if (likely(!ret))
		ret = dma_pulse_oob(ctlr->dma_tx);
	return ret;
}

/** spi_terminate_oob_transfer - stop, release the bus, free the I/O buffer. In-band. */
void spi_terminate_oob_transfer(struct spi_oob_transfer *xfer)
{
	struct spi_controller *ctlr = xfer->spi->controller;

	evlsim__check_service(EVLSIM_SVC_spi_terminate_oob_transfer);
	if (ctlr->terminate_oob_transfer)
		ctlr->terminate_oob_transfer(ctlr, xfer);
	dmaengine_terminate_sync(ctlr->dma_rx);
	dmaengine_terminate_sync(ctlr->dma_tx);
	bus_unlock_oob(ctlr);
	dma_free_coherent(ctlr->dev.parent, spi_get_oob_iolen(xfer), xfer->io_buffer,
			  xfer->dma_addr);
}

/**
 * spi_mmap_oob_transfer - map the I/O buffer into @vma (coherent, RX then TX)
 * Returns 0, -EINVAL (the buffer is larger than the mapping), or dma_mmap_coherent()'s.
 */
int spi_mmap_oob_transfer(struct vm_area_struct *vma, struct spi_oob_transfer *xfer)
{
	struct spi_controller *ctlr = xfer->spi->controller;
	size_t len = spi_get_oob_iolen(xfer);

	evlsim__check_service(EVLSIM_SVC_spi_mmap_oob_transfer);
	if (len > vma->vm_end - vma->vm_start)
		return -EINVAL;
	return dma_mmap_coherent(ctlr->dev.parent, vma, xfer->io_buffer, xfer->dma_addr, len);
}
