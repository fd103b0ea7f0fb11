// SPDX-License-Identifier: MIT
/*
 * The oob SPI pulse round trip for evlsim-bench: spidev (drivers/spidev) in oob mode on
 * a simulated bus, one SPI_IOC_RUN_OOB_XFER per frame: the pulse of the RX and TX DMA
 * channels, the frame through the controller's FIFOs and the peripheral model on the
 * device thread, the RX completion handled out-of-band, the pulsed flag waking the
 * caller.
 */
#define _GNU_SOURCE
#include <fcntl.h>
#include <stdio.h>
#include <string.h>
#include <sys/ioctl.h>
#include <time.h>
#include <unistd.h>
#include <evl/evl.h>
#include <evlsim/evlsim.h>
#include <evlsim/hw.h>
#include "../drivers/spidev/spidev-abi.h"
#include "bench-spi.h"

#define BENCH_SPI_BUS	7

static int spi_fd = -1;

static int echo_xfer(void *ctx, const struct evlsim_spi_xfer *x)
{
	memcpy(x->rx, x->tx, x->len);
	return 0;
}

static const struct evlsim_spi_peer_ops echo_ops = { .xfer = echo_xfer };

int bench_spi_setup(void)
{
	struct spi_ioc_oob_setup s = { .frame_len = 4, .speed_hz = 10000000, .bits_per_word = 8 };
	int ret;

	ret = evlsim_spi_bus_add(BENCH_SPI_BUS, 1, 0x52000000ULL, 14, 15);
	if (!ret)
		ret = evlsim_spi_attach(BENCH_SPI_BUS, 0, &echo_ops, NULL);
	if (!ret)
		ret = evlsim_spi_device_add(BENCH_SPI_BUS, 0, "spidev", 10000000, 0);
	if (!ret)
		ret = evlsim_load_module("spidev");
	if (ret)
		return ret;
	spi_fd = open("/dev/spidev7.0", O_RDWR);
	if (spi_fd < 0 || ioctl(spi_fd, SPI_IOC_ENABLE_OOB_MODE, &s))
		return -1;
	return 0;
}

/* @n frames from the calling (attached) thread: the mean round trip in ns, or < 0 */
double bench_spi_round(int n)
{
	struct timespec a, b;
	int i;

	clock_gettime(CLOCK_MONOTONIC, &a);
	for (i = 0; i < n; i++)
		if (oob_ioctl(spi_fd, SPI_IOC_RUN_OOB_XFER) < 0)
			return -1;
	clock_gettime(CLOCK_MONOTONIC, &b);
	return ((b.tv_sec - a.tv_sec) * 1e9 + (b.tv_nsec - a.tv_nsec)) / n;
}

void bench_spi_teardown(void)
{
	if (spi_fd >= 0) {
		ioctl(spi_fd, SPI_IOC_DISABLE_OOB_MODE);
		close(spi_fd);
	}
	evlsim_unload_module("spidev");
	evlsim_spi_bus_remove(BENCH_SPI_BUS);
}
