/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * The device model of acq (user world, <evlsim/hw.h>): what the test or the demo
 * declares for the driver to find, and the device's behaviour.
 *
 *	struct acq_model *m = acq_model_create(0x40000000, -1);	// registers, irq, platform device
 *	evlsim_load_module("acq");					// probe
 *	acq_model_sample(m, 1234);					// the device samples
 */
#ifndef _ACQ_MODEL_H
#define _ACQ_MODEL_H

#include <evlsim/hw.h>

struct acq_model {
	struct evlsim_mmio *regs;
	struct evlsim_pdev *pdev;
	int irq;
	unsigned long long base;
	int lock;			/* one word: the model's own state */
	unsigned int resets;
};

/*
 * acq_model_create - the acquisition device at @base, with a new level interrupt line and
 * a platform device ("evlsim,acq", id @id) carrying both, and @threshold as its
 * "acq,threshold" property (0: none). Returns NULL on failure.
 */
struct acq_model *acq_model_create(unsigned long long base, int id, unsigned int threshold);
void acq_model_destroy(struct acq_model *m);

/* The device takes one sample: into the FIFO (or OVERRUN) and the DMA ring, interrupt when
 * the FIFO reaches the threshold. Returns the FIFO level after it. */
int acq_model_sample(struct acq_model *m, unsigned int value);

/* evlsim_hw_after() callback: one sample, value from *(unsigned int *)ctx, incremented */
void acq_model_sample_cb(void *ctx);

#endif
