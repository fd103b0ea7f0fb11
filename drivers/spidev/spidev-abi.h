/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * spidev: the user ABI of the example SPI driver's oob mode, as the kernel's
 * include/uapi/evl/devices/spidev.h (linux-evl, spec hardware-model.md A.4.3) defines
 * it, plus the magic of include/uapi/linux/spi/spidev.h. Compiles in both worlds.
 */
#ifndef _SPIDEV_ABI_H
#define _SPIDEV_ABI_H

#ifdef __KERNEL__
#include <linux/types.h>
#include <linux/ioctl.h>
#else
#include <stdint.h>
#include <sys/ioctl.h>
typedef uint8_t __u8;
typedef uint32_t __u32;
#endif

#define SPI_IOC_MAGIC			'k'

struct spi_ioc_oob_setup {
	/* Input */
	__u32 frame_len;
	__u32 speed_hz;
	__u8 bits_per_word;
	/* Output */
	__u32 iobuf_len;
	__u32 tx_offset;
	__u32 rx_offset;
};

#define SPI_IOC_ENABLE_OOB_MODE		_IOWR(SPI_IOC_MAGIC, 50, struct spi_ioc_oob_setup)
#define SPI_IOC_DISABLE_OOB_MODE	_IO(SPI_IOC_MAGIC, 51)
#define SPI_IOC_RUN_OOB_XFER		_IO(SPI_IOC_MAGIC, 52)

#define SPIDEV_MAJOR			153

#endif
