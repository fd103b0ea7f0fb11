/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * acq: the user ABI and the register map of the example acquisition device
 * (drivers/acq/acq.c; its device model: drivers/acq/acq-model.c).
 */
#ifndef _ACQ_ABI_H
#define _ACQ_ABI_H

#ifdef __KERNEL__
#include <linux/types.h>
#include <linux/ioctl.h>
#else
#include <linux/types.h>
#include <sys/ioctl.h>
#endif

/* ---- registers (32 bits each, little-endian) ---- */
#define ACQ_REG_ID		0x00	/* RO: ACQ_ID */
#define ACQ_REG_CTRL		0x04
#define   ACQ_CTRL_ENABLE	0x00000001	/* sampling on */
#define   ACQ_CTRL_IRQ_EN	0x00000002	/* threshold interrupt enabled */
#define   ACQ_CTRL_RESET	0x80000000	/* self-clearing: reset, then STATUS.READY */
#define ACQ_REG_STATUS		0x08
#define   ACQ_STATUS_THRESH	0x00000001	/* w1c: the FIFO holds THRESH samples or more */
#define   ACQ_STATUS_OVERRUN	0x00000002	/* w1c: a sample was lost, FIFO full */
#define   ACQ_STATUS_READY	0x00000004	/* RO: out of reset */
#define ACQ_REG_THRESH		0x0c	/* FIFO level that raises the interrupt */
#define ACQ_REG_FIFO		0x10	/* read: pops one sample; ACQ_FIFO_VALID clear: empty */
#define   ACQ_FIFO_VALID	0x80000000
#define   ACQ_FIFO_DATA		0x0000ffff
#define ACQ_REG_DMA_ADDR	0x14	/* bus address of the DMA ring (32-bit) */
#define ACQ_REG_DMA_SIZE	0x18	/* its size in bytes, a multiple of 4; 0: no DMA */
#define ACQ_REG_DMA_HEAD	0x1c	/* RO: offset of the next sample the device writes */
#define ACQ_REG_SIZE		0x20

#define ACQ_ID			0x41435121	/* "ACQ!" */
#define ACQ_FIFO_DEPTH		64

/* ---- ioctls ---- */
struct acq_info {
	__u32 id;		/* the ID register */
	__u32 threshold;
	__u64 samples;		/* samples taken from the FIFO by the interrupt handler */
	__u64 irqs;		/* out-of-band interrupts handled */
	__u64 overruns;		/* samples lost: hardware FIFO or driver ring full */
	__u32 dma_size;		/* bytes of the DMA ring (mmap() offset 0) */
	__u32 dma_head;		/* where the device writes next */
};

#define ACQ_IOC_MAGIC		'q'
#define ACQ_IOC_START		_IOW(ACQ_IOC_MAGIC, 1, __u32)	/* threshold (0: default) */
#define ACQ_IOC_STOP		_IO(ACQ_IOC_MAGIC, 2)
#define ACQ_IOC_GET_INFO	_IOR(ACQ_IOC_MAGIC, 3, struct acq_info)

#endif
