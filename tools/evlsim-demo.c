// SPDX-License-Identifier: LGPL-2.1-or-later
/*
 * evlsim-demo: loads the example drivers into the simulator and exercises them the way an
 * application on an EVL board would, narrating what happens: plain POSIX calls routed to
 * the driver, out-of-band I/O from an attached thread, the stage switches, close()
 * waiting for an out-of-band operation in flight (echo), then blocking across stages,
 * poll(2) and a mapped status page (xfifo), and a driver for hardware (acq): a device
 * model with registers, an interrupt line and DMA memory, a threshold interrupt handled
 * out-of-band waking an oob_read(), a DMA ring mapped to user space; a GPIO
 * loop-back (gpioloop) on the built-in GPIO chip: an output wired to an input whose
 * interrupt, through the chip's irq domain, is handled out-of-band; then an SPI sensor
 * acquired by spidev (drivers/spidev) with pulsed out-of-band DMA frames.
 */
#include "config.h"

#include <errno.h>
#include <fcntl.h>
#include <getopt.h>
#include <pthread.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>
#include <poll.h>
#include <sys/ioctl.h>
#include <sys/mman.h>
#include <evl/evl.h>
#include <evlsim/evlsim.h>
#include "echo/echo-abi.h"
#include "xfifo/xfifo-abi.h"
#include "acq/acq-abi.h"
#include "acq/acq-model.h"
#include "gpioloop/gpioloop-abi.h"
#include "spidev/spidev-abi.h"
#include <stdint.h>
#include <evlsim/hw.h>

static struct timespec t0;

static double now_ms(void)
{
	struct timespec ts;

	clock_gettime(CLOCK_MONOTONIC, &ts);
	return (ts.tv_sec - t0.tv_sec) * 1e3 + (ts.tv_nsec - t0.tv_nsec) / 1e6;
}

#define say(fmt, ...)	printf("[%8.3f ms] " fmt "\n", now_ms(), ##__VA_ARGS__)
#define step(fmt, ...)	printf("\n== " fmt "\n", ##__VA_ARGS__)

static void check(int ok, const char *what)
{
	if (!ok) {
		fprintf(stderr, "evlsim-demo: unexpected result: %s (%s)\n", what, strerror(errno));
		exit(1);
	}
}

static const char *stage(void)
{
	return evl_is_inband() ? "in-band" : "out-of-band";
}

struct holder {
	int fd;
	int entered;		/* atomic: the holder reached the handler */
	double left_at;
	int ret, err;
};

static void *hold_oob(void *arg)
{
	struct holder *h = arg;
	__u32 msecs = 10000;
	int efd;

	efd = evl_attach_self("demo-holder:%d", getpid());
	check(efd >= 0, "evl_attach_self (holder)");
	say("holder: attached, entering ECHO_IOC_HOLD out-of-band");
	__atomic_store_n(&h->entered, 1, __ATOMIC_RELEASE);
	h->ret = oob_ioctl(h->fd, ECHO_IOC_HOLD, &msecs);
	h->err = errno;
	h->left_at = now_ms();
	say("holder: oob_ioctl(ECHO_IOC_HOLD) returned %d (%s)", h->ret,
	    h->ret < 0 ? strerror(h->err) : "released");
	evl_detach_self();
	return NULL;
}

/* ---- xfifo: blocking across stages -------------------------------------------------- */

struct oob_reader {
	int fd;
	pid_t tid;
	int ready;		/* atomic */
	char buf[32];
	ssize_t n;
};

static void *xfifo_oob_reader(void *arg)
{
	struct oob_reader *r = arg;

	check(evl_attach_self("demo-oob-reader:%d", getpid()) >= 0, "attach oob reader");
	say("oob reader: blocking in oob_read() on an empty in-band-to-oob ring");
	__atomic_store_n(&r->ready, 1, __ATOMIC_RELEASE);
	r->n = oob_read(r->fd, r->buf, sizeof(r->buf) - 1);
	say("oob reader: woken, oob_read() = %zd \"%s\" (still %s)", r->n, r->buf, stage());
	evl_detach_self();
	return NULL;
}

static void demo_xfifo(void)
{
	struct oob_reader r = { 0 };
	struct xfifo_status *st;
	struct pollfd pfd;
	pthread_t tid;
	char buf[32] = { 0 };
	long pagesz = sysconf(_SC_PAGESIZE);
	ssize_t n;
	int ret;

	step("Load xfifo, a cross-stage FIFO: write(2) -> oob_read(), oob_write() -> read(2)");
	ret = evlsim_load_module("xfifo");
	check(ret == 0, "load xfifo");
	r.fd = open("/dev/xfifo", O_RDWR);
	check(r.fd >= 0, "open /dev/xfifo");
	st = mmap(NULL, pagesz, PROT_READ, MAP_SHARED, r.fd, 0);
	check(st != MAP_FAILED, "mmap the status page");
	say("mmap() of the status page: rings of %u and %u bytes", st->i2o_size, st->o2i_size);

	pthread_create(&tid, NULL, xfifo_oob_reader, &r);
	while (!__atomic_load_n(&r.ready, __ATOMIC_ACQUIRE))
		usleep(1000);
	usleep(20000);
	n = write(r.fd, "from in-band", 12);
	say("main (in-band): write() = %zd: the EVL wait queue wakes the oob reader", n);
	pthread_join(tid, NULL);
	check(r.n == 12, "oob reader got the message");

	check(evl_attach_self("demo-xfifo:%d", getpid()) >= 0, "attach");
	n = oob_write(r.fd, "from oob", 8);
	say("main (%s): oob_write() = %zd; an irq_work wakes in-band waiters", stage(), n);
	pfd = (struct pollfd){ .fd = r.fd, .events = POLLIN };
	ret = poll(&pfd, 1, 1000);
	say("poll(POLLIN) = %d, revents %#x (the poll demoted the thread: %s)", ret,
	    pfd.revents, stage());
	n = read(r.fd, buf, sizeof(buf) - 1);
	say("read() = %zd \"%s\"", n, buf);
	check(n == 8, "in-band read of the oob message");
	say("status page: %llu bytes in-band to oob, %llu oob to in-band",
	    (unsigned long long)st->i2o_bytes, (unsigned long long)st->o2i_bytes);
	evl_detach_self();

	close(r.fd);
	ret = evlsim_unload_module("xfifo");
	say("close(), then evlsim_unload_module(\"xfifo\") = %d (%s): the mapping holds the file",
	    ret, strerror(-ret));
	munmap(st, pagesz);
	ret = evlsim_unload_module("xfifo");
	say("munmap(), then evlsim_unload_module(\"xfifo\") = %d", ret);
	check(ret == 0, "unload xfifo");
}

static struct acq_model *acq_dev;

static void *acq_reader(void *arg)
{
	uint32_t s[16];
	ssize_t n;
	int fd = *(int *)arg;

	evl_attach_self("acq-reader:%d", getpid());
	say("reader (%s): oob_read() blocks until the interrupt brings samples", stage());
	n = oob_read(fd, s, sizeof(s));
	say("reader (%s): oob_read() = %zd: %zd samples, first %u, last %u", stage(), n,
	    n / 4, s[0], s[n / 4 - 1]);
	evl_detach_self();
	return NULL;
}

static void demo_acq(void)
{
	struct evlsim_irq_stats st;
	struct acq_info info;
	const volatile uint32_t *ring;
	unsigned int thresh = 8, i;
	pthread_t tid;
	int fd, ret;

	step("Declare an acquisition device: registers, an interrupt line, a platform device");
	acq_dev = acq_model_create(0x40000000, -1, 0);
	check(acq_dev != NULL, "acq model");
	say("register file \"acq\" at 0x40000000 (ID, CTRL, STATUS with write-1-to-clear bits, "
	    "THRESH, a 64-entry FIFO register, the DMA ring registers), level irq %d, "
	    "platform device \"acq\" compatible \"evlsim,acq\"", acq_dev->irq);

	step("Load the acq driver: the platform bus matches \"evlsim,acq\" and probes it");
	ret = evlsim_load_module("acq");
	check(ret == 0, "load acq");
	say("probe: devm_platform_ioremap_resource(), platform_get_irq() = %d, reset polled "
	    "with readl_poll_timeout(), dmam_alloc_coherent() ring, "
	    "devm_request_irq(IRQF_OOB), misc device /dev/acq; bound = %d",
	    acq_dev->irq, evlsim_platform_device_state(acq_dev->pdev));
	fd = open("/dev/acq", O_RDWR);
	check(fd >= 0, "open /dev/acq");
	check(ioctl(fd, ACQ_IOC_START, &thresh) == 0, "start");
	say("ACQ_IOC_START: THRESH = %u, CTRL = ENABLE | IRQ_EN", thresh);

	step("The device samples; at the threshold its interrupt is handled out-of-band");
	pthread_create(&tid, NULL, acq_reader, &fd);
	usleep(20000);
	for (i = 0; i < 8; i++) {
		acq_model_sample(acq_dev, 1000 + i);
		if (i == 6)
			say("device: 7 samples in the FIFO, below the threshold: no interrupt yet");
	}
	say("device: the 8th sample sets STATUS.THRESH and raises the line; the oob handler "
	    "ran in this thread (deterministic delivery), drained the FIFO with readl(), acked "
	    "STATUS (write-1-to-clear) and woke the reader");
	pthread_join(tid, NULL);
	evlsim_irq_stats(acq_dev->irq, &st);
	say("irq %d: raised %lu, handled out-of-band %lu, unhandled %lu", acq_dev->irq,
	    st.raised, st.oob_handled, st.unhandled);

	step("The same samples reached the DMA ring, mapped read-only to user space");
	ring = mmap(NULL, 4096, PROT_READ, MAP_SHARED, fd, 0);
	check(ring != MAP_FAILED, "mmap the DMA ring");
	check(ioctl(fd, ACQ_IOC_GET_INFO, &info) == 0, "info");
	say("ACQ_IOC_GET_INFO: %llu samples, %llu interrupts, DMA head at byte %u; ring[0] = "
	    "%#x, ring[7] = %#x (VALID | value)", (unsigned long long)info.samples,
	    (unsigned long long)info.irqs, info.dma_head, ring[0], ring[7]);
	munmap((void *)ring, 4096);

	step("Unload: remove() then the managed resources, in reverse order");
	close(fd);
	ret = evlsim_unload_module("acq");
	check(ret == 0, "unload acq");
	say("unloaded; leak check: %d objects left (irq, mapping, DMA ring all released)",
	    evlsim_leak_check("acq"));
	acq_model_destroy(acq_dev);
}

static void demo_gpioloop(void)
{
	struct evlsim_gpio_chip *chip;
	struct evlsim_pdev *pdev;
	struct gpioloop_pulse p = { 0 };
	struct evlsim_irq_stats st;
	unsigned long long best = ~0ULL, sum = 0;
	unsigned int id, i;
	int fd, ret;

	step("A GPIO chip, line 0 wired to line 1, and a loop-back device using both");
	check(evlsim_gpio_chip_create("demo-gpio", 8, 0, &chip) == 0, "GPIO chip");
	id = (unsigned int)evlsim_gpio_chip_id(chip);
	evlsim_gpio_wire(chip, 0, chip, 1);
	{
		const unsigned int out[] = { id, 0, 0 }, in[] = { id, 1, 0 };
		const struct evlsim_prop props[] = {
			{ .name = "out-gpios", .type = EVLSIM_PROP_U32, .count = 3, .u32s = out },
			{ .name = "in-gpios", .type = EVLSIM_PROP_U32, .count = 3, .u32s = in },
		};
		struct evlsim_pdev_info info = {
			.name = "gpioloop", .id = -1, .compatible = "evlsim,gpioloop",
			.props = props, .num_props = 2,
		};

		check(evlsim_platform_device_add(&info, &pdev) == 0, "platform device");
	}
	say("evlsim-gpio: /dev/gpiochip%u, 8 lines, its interrupts through an irq domain and a "
	    "chained handler on a parent line; platform device \"gpioloop\" with out-gpios = "
	    "<%u 0 0>, in-gpios = <%u 1 0>", id, id, id);

	step("Load gpioloop: devm_gpiod_get() both lines, gpiod_to_irq(), IRQF_OOB handler");
	ret = evlsim_load_module("gpioloop");
	check(ret == 0 && evlsim_platform_device_state(pdev) == 1, "load gpioloop");
	fd = open("/dev/gpioloop", O_RDWR);
	check(fd >= 0, "open /dev/gpioloop");

	step("100 pulses from oob_ioctl(): output up, input edge, oob handler, flag");
	evl_attach_self("gpioloop:%d", getpid());
	for (i = 0; i < 100; i++) {
		check(oob_ioctl(fd, GPIOLOOP_IOC_PULSE, &p) == 0, "pulse");
		sum += p.latency_ns;
		if (p.latency_ns < best)
			best = p.latency_ns;
	}
	evl_detach_self();
	evlsim_irq_stats(evlsim_gpio_irq(chip, 1), &st);
	say("%u pulses answered; write -> oob handler: mean %llu ns, best %llu ns (simulated, "
	    "in the writing thread); irq %d handled out-of-band %lu times", p.pulses,
	    sum / 100, best, evlsim_gpio_irq(chip, 1), st.oob_handled);

	step("Unload: the lines and the interrupt are managed");
	close(fd);
	check(evlsim_unload_module("gpioloop") == 0, "unload gpioloop");
	say("unloaded; leak check: %d objects left", evlsim_leak_check("gpioloop"));
	evlsim_platform_device_remove(pdev);
	check(evlsim_gpio_chip_destroy(chip) == 0, "GPIO chip destroyed");
}

/* an SPI temperature sensor: command 0x81 reads TEMP, answered big-endian in bytes 1-2 */
static unsigned int sensor_temp = 2150;	/* centi-degrees */

static int sensor_xfer(void *ctx, const struct evlsim_spi_xfer *x)
{
	const unsigned char *tx = x->tx;
	unsigned char *rx = x->rx;

	memset(rx, 0, x->len);
	if (x->len >= 3 && tx[0] == 0x81) {
		rx[1] = (unsigned char)(sensor_temp >> 8);
		rx[2] = (unsigned char)sensor_temp;
		sensor_temp += 3;	/* it warms up */
	}
	return 0;
}

static void demo_spi(void)
{
	static const struct evlsim_spi_peer_ops ops = { .xfer = sensor_xfer };
	struct spi_ioc_oob_setup s = { .frame_len = 4, .speed_hz = 1000000, .bits_per_word = 8 };
	unsigned char *io;
	int fd, i;

	step("Declare an SPI bus: the simulated controller on two DMA channels, a sensor on CS 0");
	check(evlsim_spi_bus_add(0, 1, 0x41000000, 0, 1) == 0, "SPI bus");
	check(evlsim_spi_attach(0, 0, &ops, NULL) == 0, "sensor model");
	check(evlsim_spi_device_add(0, 0, "spidev", 1000000, 0) == 0, "board info");
	say("bus 0: evlsim-spi probed (dma_request_chan(\"tx\"/\"rx\"), slave configs on its "
	    "FIFO registers), device spi0.0 from board info, a temperature sensor model on CS 0");

	step("Load spidev: it binds spi0.0 and creates /dev/spidev0.0");
	check(evlsim_load_module("spidev") == 0, "load spidev");
	fd = open("/dev/spidev0.0", O_RDWR);
	check(fd >= 0, "open /dev/spidev0.0");

	step("Enable the oob mode: one DMA buffer, RX half then TX half, mapped to user space");
	check(ioctl(fd, SPI_IOC_ENABLE_OOB_MODE, &s) == 0, "SPI_IOC_ENABLE_OOB_MODE");
	io = mmap(NULL, s.iobuf_len, PROT_READ | PROT_WRITE, MAP_SHARED, fd, 0);
	check(io != MAP_FAILED, "mmap the I/O buffer");
	say("spi_prepare_oob_transfer(): %u-byte buffer, RX at %u, TX at %u; pulsed DMA "
	    "descriptors armed, the bus held in oob mode", s.iobuf_len, s.rx_offset, s.tx_offset);

	step("Acquire: each oob_ioctl(SPI_IOC_RUN_OOB_XFER) pulses one frame and waits for it");
	evl_attach_self("spi-acq:%d", getpid());
	io[s.tx_offset] = 0x81;
	for (i = 0; i < 4; i++) {
		check(oob_ioctl(fd, SPI_IOC_RUN_OOB_XFER) == 0, "SPI_IOC_RUN_OOB_XFER");
		say("frame %d: TEMP = %u.%02u C (RX DMA completion handled out-of-band, "
		    "xfer_done pulsed the waiting thread)", i, (io[s.rx_offset + 1] << 8 |
		    io[s.rx_offset + 2]) / 100, (io[s.rx_offset + 1] << 8 | io[s.rx_offset + 2]) % 100);
	}
	evl_detach_self();

	step("Disable the oob mode and unload");
	munmap(io, s.iobuf_len);
	check(ioctl(fd, SPI_IOC_DISABLE_OOB_MODE) == 0, "SPI_IOC_DISABLE_OOB_MODE");
	close(fd);
	check(evlsim_unload_module("spidev") == 0, "unload spidev");
	check(evlsim_spi_bus_remove(0) == 0, "remove the bus");
	say("spidev unloaded, bus removed; leak check: %d", evlsim_leak_check("spidev"));
}

static void usage(void)
{
	fputs(
"Usage: evlsim-demo [OPTION]\n"
"Load the example drivers (echo, xfifo, acq, gpioloop, spidev) into the simulator and exercise them from\n"
"plain POSIX calls and out-of-band calls, narrating each step: stage switches, a close()\n"
"that waits for an out-of-band operation in flight, blocking across stages, poll(2), a\n"
"mapped status page, an out-of-band interrupt, a DMA ring, a GPIO loop-back and an SPI\n"
"sensor read with pulsed out-of-band DMA frames.\n"
"\n"
"  -h, --help     this help\n"
"  -V, --version  the version and the git commit of the build\n"
"\n"
"Exit status: 0 every step worked, 1 a step failed, 2 usage error.\n", stdout);
}

/* GNU conventions: --help and --version on stdout with exit 0, a usage error exits 2. */
static void parse_args(int argc, char **argv)
{
	static const struct option longopts[] = {
		{ "help", no_argument, NULL, 'h' },
		{ "version", no_argument, NULL, 'V' },
		{ NULL, 0, NULL, 0 },
	};
	int c;

	while ((c = getopt_long(argc, argv, "hV", longopts, NULL)) != -1) {
		switch (c) {
		case 'h':
			usage();
			exit(0);
		case 'V':
			printf("evlsim-demo %s (evlsim %s)\n", PACKAGE_VERSION, EVLSIM_GIT_COMMIT);
			exit(0);
		default:	/* getopt said which option, on one line */
			fputs("Try 'evlsim-demo --help' for more information.\n", stderr);
			exit(2);
		}
	}
	if (optind < argc) {
		fprintf(stderr, "evlsim-demo: unexpected argument '%s'\n"
			"Try 'evlsim-demo --help' for more information.\n", argv[optind]);
		exit(2);
	}
}

int main(int argc, char **argv)
{
	struct evlsim_thread_stats st;
	struct echo_info info;
	struct holder h = { 0 };
	char buf[64];
	pthread_t tid;
	double close_at, closed_at;
	int fd, efd, ret;
	ssize_t n;

	parse_args(argc, argv);
	setvbuf(stdout, NULL, _IOLBF, 0);
	clock_gettime(CLOCK_MONOTONIC, &t0);

	step("Load the echo driver, as insmod would");
	ret = evlsim_load_module("echo size=64");
	say("evlsim_load_module(\"echo size=64\") = %d", ret);
	check(ret == 0, "load echo");

	step("Open the device node with plain POSIX open(2)");
	fd = open("/dev/echo", O_RDWR);
	check(fd >= 0, "open /dev/echo");
	say("open(\"/dev/echo\") = %d (a real descriptor number, routed to echo_open())", fd);
	n = oob_write(fd, "x", 1);
	say("oob_write() before attaching = %zd (%s): as on a board, only EVL threads may",
	    n, strerror(errno));

	step("Become an EVL thread and do out-of-band I/O");
	efd = evl_attach_self("demo:%d", getpid());
	check(efd >= 0, "evl_attach_self");
	say("evl_attach_self() = %d; this thread runs %s", efd, stage());
	n = oob_write(fd, "ping", 4);
	check(n == 4, "oob_write");
	say("oob_write(fd, \"ping\", 4) = %zd -> echo_oob_write(); the thread now runs %s",
	    n, stage());
	ret = ioctl(fd, ECHO_IOC_GET_INFO, &info);
	check(ret == 0, "ioctl GET_INFO");
	say("ioctl(ECHO_IOC_GET_INFO) = %d -> echo_ioctl(): len=%u writes=%llu; "
	    "the in-band call demoted the thread: it runs %s",
	    ret, info.len, (unsigned long long)info.writes, stage());
	memset(buf, 0, sizeof(buf));
	n = oob_read(fd, buf, sizeof(buf));
	check(n == 4, "oob_read");
	say("oob_read() = %zd \"%s\"; the thread runs %s again", n, buf, stage());
	n = write(fd, "pong", 4);
	check(n == 4, "write");
	memset(buf, 0, sizeof(buf));
	n = oob_read(fd, buf, sizeof(buf));
	say("write(\"pong\") in-band, then oob_read() = %zd \"%s\"", n, buf);
	n = oob_write(fd, buf, 100);
	say("oob_write() of 100 bytes into a 64-byte buffer = %zd (%s)", n, strerror(errno));
	evlsim_get_thread_stats(&st);
	say("this thread: %lu stage switches, %lu oob calls", st.stage_switches, st.oob_calls);

	step("close() waits for the out-of-band operation in flight");
	h.fd = fd;
	pthread_create(&tid, NULL, hold_oob, &h);
	while (!__atomic_load_n(&h.entered, __ATOMIC_ACQUIRE))
		usleep(1000);
	usleep(50000);
	close_at = now_ms();
	say("main: close(fd) while the holder is inside echo_oob_ioctl()");
	ret = close(fd);
	closed_at = now_ms();
	say("main: close() = %d", ret);
	pthread_join(tid, NULL);
	say("close() entered at %.3f ms and returned at %.3f ms: echo_release() woke the "
	    "holder (EIDRM), then evl_release_file() waited until it had left the handler "
	    "(the holder saw its return at %.3f ms)", close_at, closed_at, h.left_at);
	check(h.ret == -1 && h.err == EIDRM, "the holder was woken by release with EIDRM");
	n = oob_read(fd, buf, 1);
	say("oob_read() on the closed fd = %zd (%s)", n, strerror(errno));

	step("Unload the driver, as rmmod would");
	fd = open("/dev/echo", O_RDWR);
	check(fd >= 0, "reopen");
	ret = evlsim_unload_module("echo");
	say("evlsim_unload_module(\"echo\") with a file open = %d (%s)", ret, strerror(-ret));
	close(fd);
	ret = evlsim_unload_module("echo");
	say("evlsim_unload_module(\"echo\") after close = %d", ret);
	check(ret == 0, "unload echo");
	fd = open("/dev/echo", O_RDWR);
	say("open(\"/dev/echo\") after unload = %d (%s)", fd, strerror(errno));

	evl_detach_self();
	demo_xfifo();
	demo_acq();
	demo_gpioloop();
	demo_spi();
	printf("\nevlsim-demo: done, %lu diagnostics reported\n", evlsim_report_total());
	return evlsim_report_total() ? 1 : 0;
}
