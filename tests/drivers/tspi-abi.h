/* SPDX-License-Identifier: MIT */
/*
 * tspi: ioctl ABI of the SPI core test driver (tests/drivers/tspi.c), shared with
 * tests/drivers/check_spi.c. Compiles in both worlds.
 */
#ifndef _TSPI_ABI_H
#define _TSPI_ABI_H

#ifdef __KERNEL__
#include <linux/types.h>
#include <linux/ioctl.h>
#else
#include <stdint.h>
#include <sys/ioctl.h>
typedef int32_t __s32;
#endif

struct tspi_io {
	__s32 res[8];
};

/* a controller without oob hooks, then without can_dma: res[0], res[1] */
#define TSPI_IOC_NO_OOB		_IOR('S', 1, struct tspi_io)
/* on the bound device: prepare (res[0]), spi_async() in oob mode (res[1]), prepare again
 * (res[2]), start, terminate, pulse after terminate (res[3]), spi_async() after (res[4]),
 * its completion status (res[5]) */
#define TSPI_IOC_OOB_SEQ	_IOR('S', 2, struct tspi_io)

#endif
