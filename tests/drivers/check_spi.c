// SPDX-License-Identifier: MIT
/*
 * check_spi: the SPI core, the simulated controller evlsim-spi on evlsim-dma, and the
 * example driver spidev (drivers/spidev) in oob mode against a peripheral model.
 *
 * Proves (spec hardware-model.md A.4, C.8 item 9): SPI_IOC_ENABLE_OOB_MODE gives the
 * I/O buffer's layout (RX half first, TX half at aligned_frame_len); each
 * SPI_IOC_RUN_OOB_XFER pulses one full-duplex frame whose completion, signalled out of
 * band on RX, brings the peripheral's answer into the mmap'ed RX half; the preparation's
 * refusals in order (frame length, word size, speed, the buffer, the DMA descriptors, the
 * bus, the controller's limit), each undone; the bus held in oob mode: in-band spi_sync()
 * blocks until the oob mode ends, another device cannot enter oob mode (-EBUSY);
 * -ENXIO without oob mode; in-band transfers reach the peripheral as PIO.
 */
#define _GNU_SOURCE
#include <fcntl.h>
#include <pthread.h>
#include <string.h>
#include <sys/ioctl.h>
#include <sys/mman.h>
#include <evl/evl.h>
#include <evlsim/hw.h>
#include "evlsim-check.h"
#include "../../drivers/spidev/spidev-abi.h"
#include "tspi-abi.h"

#define SPI_BASE	0x51000000ULL

/* the peripheral: answers byte i of frame n with (tx[i] ^ 0xff) + n, byte 0 with n */
static struct {
	unsigned long frames, oob_frames;
	unsigned int last_speed, last_len;
	unsigned char last_tx[64];
} sensor;

static int sensor_xfer(void *ctx, const struct evlsim_spi_xfer *x)
{
	const unsigned char *tx = x->tx;
	unsigned char *rx = x->rx;
	unsigned long i, n = __atomic_add_fetch(&sensor.frames, 1, __ATOMIC_ACQ_REL);

	for (i = 0; i < x->len; i++)
		rx[i] = i ? (unsigned char)((tx[i] ^ 0xff) + n) : (unsigned char)n;
	memcpy(sensor.last_tx, tx, x->len < 64 ? x->len : 64);
	sensor.last_speed = x->speed_hz;
	sensor.last_len = x->len;
	if (x->oob)
		__atomic_add_fetch(&sensor.oob_frames, 1, __ATOMIC_RELEASE);
	return 0;
}

static const struct evlsim_spi_peer_ops sensor_ops = { .xfer = sensor_xfer };

static void setup(void)
{
	evlsim_reset_reports();
	ck_assert_ret(evlsim_spi_bus_add(0, 2, SPI_BASE, 4, 5), 0);
	ck_assert_ret(evlsim_spi_attach(0, 0, &sensor_ops, NULL), 0);
	ck_assert_ret(evlsim_spi_device_add(0, 0, "evlsim-sensor", 10000000, 0), 0);
	ck_assert_ret(evlsim_spi_device_add(0, 1, "spidev", 1000000, 0), 0);
	ck_assert_ret(evlsim_load_module("spidev"), 0);
}

static void teardown(void)
{
	ck_assert_ret(evlsim_unload_module("spidev"), 0);
	ck_assert_ret(evlsim_spi_bus_remove(0), 0);
	ck_assert_no_reports();
}

static int enable(int fd, unsigned int len, unsigned int speed, unsigned int bpw,
		  struct spi_ioc_oob_setup *s)
{
	*s = (struct spi_ioc_oob_setup){ .frame_len = len, .speed_hz = speed,
					 .bits_per_word = (unsigned char)bpw };
	return ioctl(fd, SPI_IOC_ENABLE_OOB_MODE, s) ? -errno : 0;
}

START_TEST(test_spi_oob_round_trip)
{
	struct evlsim_spi_stats st;
	struct spi_ioc_oob_setup s;
	unsigned char *io;
	int fd, i, n;

	fd = open_node("/dev/spidev0.0", O_RDWR);
	ck_assert_int_eq(enable(fd, 8, 1000000, 8, &s), 0);
	ck_assert_uint_eq(s.rx_offset, 0);
	ck_assert_uint_eq(s.tx_offset, 64);		/* L1_CACHE_ALIGN(8) */
	ck_assert_uint_eq(s.iobuf_len, 128);
	io = mmap(NULL, s.iobuf_len, PROT_READ | PROT_WRITE, MAP_SHARED, fd, 0);
	ck_assert_ptr_ne(io, MAP_FAILED);
	ck_assert_ret(evlsim_spi_stats(0, &st), 0);
	ck_assert_int_eq(st.oob_mode, 1);
	ck_assert_uint_eq(st.oob_speed_hz, 1000000);
	attach();
	for (n = 1; n <= 3; n++) {
		for (i = 0; i < 8; i++)
			io[s.tx_offset + i] = (unsigned char)(i * n);
		ck_assert_int_eq(oob_ioctl(fd, SPI_IOC_RUN_OOB_XFER), 0);
		ck_assert_int_eq(io[s.rx_offset], n);
		for (i = 1; i < 8; i++)
			ck_assert_int_eq(io[s.rx_offset + i],
					 (unsigned char)(((i * n) ^ 0xff) + n));
	}
	ck_assert_uint_eq(__atomic_load_n(&sensor.oob_frames, __ATOMIC_ACQUIRE), 3);
	ck_assert_uint_eq(sensor.last_len, 8);
	ck_assert_uint_eq(sensor.last_speed, 1000000);
	evl_detach_self();
	ck_assert_int_eq(munmap(io, s.iobuf_len), 0);
	ck_assert_int_eq(ioctl(fd, SPI_IOC_DISABLE_OOB_MODE), 0);
	ck_assert_ret(evlsim_spi_stats(0, &st), 0);
	ck_assert_int_eq(st.oob_mode, 0);
	ck_assert_uint_eq(st.oob_frames, 3);
	close_fd(fd);
}
END_TEST

START_TEST(test_spi_oob_mode_needed)
{
	struct spi_ioc_oob_setup s;
	int fd = open_node("/dev/spidev0.0", O_RDWR);

	attach();
	ck_assert_int_eq(oob_ioctl(fd, SPI_IOC_RUN_OOB_XFER), -1);
	ck_assert_int_eq(errno, ENXIO);
	evl_detach_self();
	ck_assert_ptr_eq(mmap(NULL, 4096, PROT_READ, MAP_SHARED, fd, 0), MAP_FAILED);
	ck_assert_int_eq(errno, ENXIO);
	ck_assert_int_eq(enable(fd, 4, 0, 0, &s), 0);
	ck_assert_int_eq(enable(fd, 4, 0, 0, &s), -EBUSY);
	ck_assert_int_eq(ioctl(fd, SPI_IOC_DISABLE_OOB_MODE), 0);
	ck_assert_int_eq(ioctl(fd, SPI_IOC_DISABLE_OOB_MODE), 0);	/* idempotent */
	ck_assert_int_eq(ioctl(fd, _IO(SPI_IOC_MAGIC, 99)), -1);
	ck_assert_int_eq(errno, ENOTTY);
	close_fd(fd);
}
END_TEST

START_TEST(test_spi_prepare_errors)
{
	struct spi_ioc_oob_setup s;
	int fd = open_node("/dev/spidev0.0", O_RDWR);
	int live = evlsim_dma_count();

	ck_assert_int_eq(enable(fd, 0, 0, 8, &s), -EINVAL);		/* no frame */
	ck_assert_int_eq(enable(fd, 8, 0, 12, &s), -EINVAL);		/* word size */
	ck_assert_int_eq(enable(fd, 6, 0, 32, &s), -EINVAL);		/* not whole words */
	ck_assert_int_eq(enable(fd, 8, 1000, 8, &s), -EINVAL);		/* below min speed */
	ck_assert_ret(evlsim_fault_set("fail_dma_alloc", "times=1"), 0);
	ck_assert_int_eq(enable(fd, 8, 0, 8, &s), -ENOMEM);		/* the I/O buffer */
	ck_assert_ret(evlsim_fault_set("fail_dma_prep", "times=1"), 0);
	ck_assert_int_eq(enable(fd, 8, 0, 8, &s), -EIO);		/* a descriptor */
	ck_assert_int_eq(enable(fd, 65536, 0, 8, &s), -EINVAL);	/* the controller's */
	ck_assert_int_eq(evlsim_dma_count(), live);			/* all undone */
	ck_assert_int_eq(enable(fd, 16, 0, 16, &s), 0);
	ck_assert_int_eq(ioctl(fd, SPI_IOC_DISABLE_OOB_MODE), 0);
	ck_assert_int_eq(evlsim_dma_count(), live);
	evlsim_reset_reports();		/* the injected faults' notices */
	close_fd(fd);
}
END_TEST

struct writer {
	int fd;
	int done;
	ssize_t ret;
};

static void *write_inband(void *arg)
{
	struct writer *w = arg;

	w->ret = write(w->fd, "\x01\x02\x03\x04", 4);
	__atomic_store_n(&w->done, 1, __ATOMIC_RELEASE);
	return NULL;
}

START_TEST(test_spi_bus_held_in_oob_mode)
{
	struct spi_ioc_oob_setup s;
	struct writer w = { 0 };
	pthread_t t;
	int fd0, fd1;

	fd0 = open_node("/dev/spidev0.0", O_RDWR);
	fd1 = open_node("/dev/spidev0.1", O_RDWR);
	ck_assert_int_eq(enable(fd0, 8, 0, 8, &s), 0);
	ck_assert_int_eq(enable(fd1, 8, 0, 8, &s), -EBUSY);	/* one oob user per bus */
	w.fd = fd0;
	ck_assert_int_eq(pthread_create(&t, NULL, write_inband, &w), 0);
	sleep_ms(50);
	ck_assert_int_eq(__atomic_load_n(&w.done, __ATOMIC_ACQUIRE), 0);	/* blocked */
	ck_assert_uint_eq(__atomic_load_n(&sensor.frames, __ATOMIC_ACQUIRE), 0);
	ck_assert_int_eq(ioctl(fd0, SPI_IOC_DISABLE_OOB_MODE), 0);
	ck_assert_int_eq(pthread_join(t, NULL), 0);
	ck_assert_int_eq(w.ret, 4);
	ck_assert_uint_eq(sensor.frames, 1);
	ck_assert_int_eq(memcmp(sensor.last_tx, "\x01\x02\x03\x04", 4), 0);
	/* the bus is free again for the other device */
	ck_assert_int_eq(enable(fd1, 8, 0, 8, &s), 0);
	ck_assert_int_eq(ioctl(fd1, SPI_IOC_DISABLE_OOB_MODE), 0);
	close_fd(fd1);
	close_fd(fd0);
}
END_TEST

START_TEST(test_spi_inband_transfers)
{
	struct evlsim_spi_stats st;
	unsigned char buf[4];
	int fd = open_node("/dev/spidev0.0", O_RDWR);

	ck_assert_int_eq(write(fd, "\x10\x20", 2), 2);
	ck_assert_int_eq(memcmp(sensor.last_tx, "\x10\x20", 2), 0);
	ck_assert_uint_eq(sensor.last_speed, 10000000);
	ck_assert_int_eq(read(fd, buf, 4), 4);		/* the controller sends zeros */
	ck_assert_int_eq(buf[0], 2);
	ck_assert_int_eq(buf[1], 0xff + 2 - 256);
	ck_assert_ret(evlsim_spi_stats(0, &st), 0);
	ck_assert_uint_eq(st.inband_xfers, 2);
	ck_assert_uint_eq(sensor.oob_frames, 0);
	/* nobody on chip select 1: MISO floats high */
	close_fd(fd);
	fd = open_node("/dev/spidev0.1", O_RDWR);
	ck_assert_int_eq(read(fd, buf, 2), 2);
	ck_assert_int_eq(buf[0], 0xff);
	close_fd(fd);
}
END_TEST

/* the kernel side (tests/drivers/tspi.c): the refusals spidev cannot reach */
START_TEST(test_spi_core_oob_rules)
{
	struct tspi_io io;
	int fd;

	ck_assert_ret(evlsim_spi_bus_add(1, 1, SPI_BASE + 0x10000, 6, 7), 0);
	ck_assert_ret(evlsim_spi_device_add(1, 0, "tspi", 0, 0), 0);
	ck_assert_ret(evlsim_load_module("tspi"), 0);
	fd = open_node("/dev/tspi", O_RDWR);
	ck_assert_int_eq(ioctl(fd, TSPI_IOC_NO_OOB, &io), 0);
	ck_assert_int_eq(io.res[7], 0);
	ck_assert_int_eq(io.res[0], -524);		/* -ENOTSUPP: no prepare_oob_transfer */
	ck_assert_int_eq(io.res[1], -ENODEV);		/* no can_dma */
	ck_assert_int_eq(ioctl(fd, TSPI_IOC_OOB_SEQ, &io), 0);
	ck_assert_int_eq(io.res[0], 0);
	ck_assert_int_eq(io.res[1], -EBUSY);		/* spi_async() in oob mode */
	ck_assert_int_eq(io.res[2], -EBUSY);		/* the bus is held */
	ck_assert_int_eq(io.res[3], -EIO);		/* pulse after terminate */
	ck_assert_int_eq(io.res[4], 0);			/* spi_async() after */
	ck_assert_int_eq(io.res[5], 0);
	close_fd(fd);
	ck_assert_ret(evlsim_unload_module("tspi"), 0);
	ck_assert_ret(evlsim_spi_bus_remove(1), 0);
}
END_TEST

int main(void)
{
	Suite *s = suite_create("spi");
	TCase *tc = tcase_create("spi");

	tcase_add_checked_fixture(tc, setup, teardown);
	tcase_add_test(tc, test_spi_oob_round_trip);
	tcase_add_test(tc, test_spi_oob_mode_needed);
	tcase_add_test(tc, test_spi_prepare_errors);
	tcase_add_test(tc, test_spi_bus_held_in_oob_mode);
	tcase_add_test(tc, test_spi_inband_transfers);
	tcase_add_test(tc, test_spi_core_oob_rules);
	suite_add_tcase(s, tc);
	return evlsim_check_run(s);
}
