// SPDX-License-Identifier: GPL-2.0-only
/*
 * The device model of acq (user world): a register file with the bits of acq-abi.h, a
 * level interrupt line, and hooks that make it behave as the hardware does.
 *
 *  - CTRL.RESET (self-clearing): registers back to their reset values, FIFO emptied, DMA
 *    head 0, then STATUS.READY.
 *  - A sample (acq_model_sample()) while CTRL.ENABLE: pushed into the FIFO as
 *    ACQ_FIFO_VALID | value (full: STATUS.OVERRUN), written into the DMA ring at DMA_HEAD
 *    when DMA_SIZE is set; STATUS.THRESH when the FIFO level reaches THRESH.
 *  - The interrupt line follows (THRESH | OVERRUN) & CTRL.IRQ_EN: asserted when a sample
 *    sets a bit, lowered when the driver's write-1-to-clear leaves none (the STATUS hook).
 *
 * The model's state is guarded by one lock word taken around each update; the line is
 * raised and lowered after it is dropped, since raising may run the driver's handler at
 * once (deterministic delivery), which reads and writes registers, running hooks.
 */
#include <errno.h>
#include <stdlib.h>
#include "acq-model.h"
#include "acq-abi.h"

static const struct evlsim_reg acq_regs[] = {
	{ .name = "ID", .off = ACQ_REG_ID, .width = 4, .reset = ACQ_ID, .ro = ~0ULL },
	{ .name = "CTRL", .off = ACQ_REG_CTRL, .width = 4, .sc = ACQ_CTRL_RESET },
	{ .name = "STATUS", .off = ACQ_REG_STATUS, .width = 4, .reset = ACQ_STATUS_READY,
	  .ro = ACQ_STATUS_READY, .w1c = ACQ_STATUS_THRESH | ACQ_STATUS_OVERRUN },
	{ .name = "THRESH", .off = ACQ_REG_THRESH, .width = 4, .reset = 8 },
	{ .name = "FIFO", .off = ACQ_REG_FIFO, .width = 4, .flags = EVLSIM_REG_FIFO,
	  .fifo_depth = ACQ_FIFO_DEPTH },
	{ .name = "DMA_ADDR", .off = ACQ_REG_DMA_ADDR, .width = 4 },
	{ .name = "DMA_SIZE", .off = ACQ_REG_DMA_SIZE, .width = 4 },
	{ .name = "DMA_HEAD", .off = ACQ_REG_DMA_HEAD, .width = 4, .ro = ~0ULL },
};

static void model_lock(struct acq_model *m)
{
	while (__atomic_exchange_n(&m->lock, 1, __ATOMIC_ACQUIRE))
		;
}

static void model_unlock(struct acq_model *m)
{
	__atomic_store_n(&m->lock, 0, __ATOMIC_RELEASE);
}

static unsigned long long reg(struct acq_model *m, unsigned long off)
{
	unsigned long long v = 0;

	evlsim_mmio_peek(m->regs, off, 4, &v);
	return v;
}

/* the line as STATUS and CTRL say; called without the model lock */
static void update_line(struct acq_model *m)
{
	if ((reg(m, ACQ_REG_STATUS) & (ACQ_STATUS_THRESH | ACQ_STATUS_OVERRUN)) &&
	    (reg(m, ACQ_REG_CTRL) & ACQ_CTRL_IRQ_EN))
		evlsim_irq_raise(m->irq);
	else
		evlsim_irq_lower(m->irq);
}

static void ctrl_written(void *ctx, struct evlsim_mmio *mm, unsigned long off,
			 unsigned long long old, unsigned long long val)
{
	struct acq_model *m = ctx;

	if (val & ACQ_CTRL_RESET) {
		model_lock(m);
		evlsim_regfile_reset(mm);	/* STATUS.READY is its reset value */
		m->resets++;
		model_unlock(m);
	}
	update_line(m);
}

static void status_written(void *ctx, struct evlsim_mmio *mm, unsigned long off,
			   unsigned long long old, unsigned long long val)
{
	update_line(ctx);
}

int acq_model_sample(struct acq_model *m, unsigned int value)
{
	unsigned long long ctrl, dma_size, head, thresh;
	unsigned int sample = ACQ_FIFO_VALID | (value & ACQ_FIFO_DATA);
	int level, raise = 0;

	model_lock(m);
	ctrl = reg(m, ACQ_REG_CTRL);
	if (!(ctrl & ACQ_CTRL_ENABLE)) {
		model_unlock(m);
		return evlsim_regfile_fifo_level(m->regs, ACQ_REG_FIFO);
	}
	dma_size = reg(m, ACQ_REG_DMA_SIZE);
	if (dma_size >= 4) {
		head = reg(m, ACQ_REG_DMA_HEAD);
		if (!evlsim_dma_write(reg(m, ACQ_REG_DMA_ADDR) + head, &sample, 4))
			evlsim_mmio_poke(m->regs, ACQ_REG_DMA_HEAD, 4, (head + 4) % (dma_size & ~3ULL));
	}
	if (evlsim_regfile_fifo_push(m->regs, ACQ_REG_FIFO, sample) == -ENOSPC) {
		evlsim_mmio_update(m->regs, ACQ_REG_STATUS, 4, 0, ACQ_STATUS_OVERRUN);
		raise = 1;
	}
	level = evlsim_regfile_fifo_level(m->regs, ACQ_REG_FIFO);
	thresh = reg(m, ACQ_REG_THRESH);
	if (thresh && (unsigned long long)level >= thresh) {
		evlsim_mmio_update(m->regs, ACQ_REG_STATUS, 4, 0, ACQ_STATUS_THRESH);
		raise = 1;
	}
	model_unlock(m);
	if (raise)
		update_line(m);
	return level;
}

void acq_model_sample_cb(void *ctx)
{
	struct acq_model **mp = ctx;

	acq_model_sample(*mp, 0);
}

struct acq_model *acq_model_create(unsigned long long base, int id, unsigned int threshold)
{
	static const struct evlsim_reg_hooks ctrl_hooks = { .write = ctrl_written };
	static const struct evlsim_reg_hooks status_hooks = { .write = status_written };
	struct acq_model *m = calloc(1, sizeof(*m));
	struct evlsim_prop props[] = { EVLSIM_PROP_U32_VAL("acq,threshold", threshold) };
	struct evlsim_res res[2];
	struct evlsim_pdev_info info = {
		.name = "acq", .id = id, .compatible = "evlsim,acq",
		.res = res, .num_res = 2, .props = props, .num_props = threshold ? 1 : 0,
	};

	if (!m)
		return NULL;
	m->base = base;
	if (evlsim_regfile_create("acq", base, ACQ_REG_SIZE, acq_regs,
				  sizeof(acq_regs) / sizeof(acq_regs[0]), &m->regs))
		goto fail;
	evlsim_regfile_hook(m->regs, ACQ_REG_CTRL, &ctrl_hooks, m);
	evlsim_regfile_hook(m->regs, ACQ_REG_STATUS, &status_hooks, m);
	m->irq = evlsim_irq_line_create("acq", EVLSIM_IRQ_LEVEL_HIGH);
	if (m->irq < 0)
		goto fail_regs;
	res[0] = (struct evlsim_res){ .type = EVLSIM_RES_MEM, .start = base, .size = ACQ_REG_SIZE };
	res[1] = (struct evlsim_res){ .type = EVLSIM_RES_IRQ, .start = (unsigned int)m->irq };
	if (evlsim_platform_device_add(&info, &m->pdev))
		goto fail_irq;
	return m;
fail_irq:
	evlsim_irq_line_destroy(m->irq);
fail_regs:
	evlsim_mmio_destroy(m->regs);
fail:
	free(m);
	return NULL;
}

void acq_model_destroy(struct acq_model *m)
{
	if (!m)
		return;
	evlsim_platform_device_remove(m->pdev);
	evlsim_irq_line_destroy(m->irq);
	evlsim_mmio_destroy(m->regs);
	free(m);
}
