// SPDX-License-Identifier: MIT
/*
 * evlsim-bench's hardware figures: a register read from an oob handler, the blocking
 * round trip through two interrupt lines, and a GPIO input edge (and an oob loop-back)
 * to oob_read().
 */
#include <fcntl.h>
#include <stdio.h>
#include <string.h>
#include <sys/ioctl.h>
#include <linux/gpio.h>
#include <pthread.h>
#include <unistd.h>
#include <evl/evl.h>
#include <evlsim/evlsim.h>
#include <evlsim/hw.h>
#include <uapi/evl/devices/gpio.h>
#include "bench-abi.h"
#include "bench.h"

static int flag_fd[2];

/* ---- a register read ------------------------------------------------------------------ */

#define READL_LOOPS	1000000

/* readl() of a register file's register from an oob handler (one oob_ioctl, many reads) */
void bench_readl(void)
{
	static const struct evlsim_reg reg = { .name = "BENCH", .off = 0, .width = 4,
					       .reset = 1 };
	struct evlsim_mmio *m;
	double t0;
	int fd, r;

	if (evlsim_regfile_create("bench", BENCH_REGS_PHYS, 4, &reg, 1, &m))
		bench_die("evlsim_regfile_create");
	fd = bench_open_node();	/* maps the registers */
	bench_attach("readl", 0);
	for (r = 0; r < bench_rounds; r++) {
		t0 = bench_now_ns();
		if (oob_ioctl(fd, BENCH_IOC_READL, READL_LOOPS) < 0)
			bench_die("oob_ioctl(BENCH_IOC_READL)");
		bench_add("readl() of a register file", "ns", (bench_now_ns() - t0) / READL_LOOPS);
	}
	evl_detach_self();
	close(fd);
}

/*
 * The same round trip through interrupts: the pinger raises a line whose out-of-band
 * handler raises the flag the ponger waits for in oob_read(), and the ponger answers on a
 * second line (INJECT delivery: each handler runs in the raising thread, the wake-up
 * takes effect when it returns).
 */
static int irq_line[2];

static void *irq_pong_fn(void *arg)
{
	char c = 0;
	int i;

	bench_attach("irqpong", 0);
	for (i = 0; i < PP_ROUNDS; i++) {
		if (oob_read(flag_fd[0], &c, 1) != 1 || evlsim_irq_raise(irq_line[1]))
			bench_die("irq pong");
	}
	evl_detach_self();
	return arg;
}

void bench_irq_pingpong(void)
{
	pthread_t tid;
	char c = 0;
	double t0;
	int r, i;

	irq_line[0] = evlsim_irq_line_create("bench-ping", EVLSIM_IRQ_EDGE_RISING);
	irq_line[1] = evlsim_irq_line_create("bench-pong", EVLSIM_IRQ_EDGE_RISING);
	if (irq_line[0] < 0 || irq_line[1] < 0)
		bench_die("evlsim_irq_line_create");
	bench_attach("irqping", 0);
	for (r = 0; r < bench_rounds; r++) {
		flag_fd[0] = open("/dev/benchflag", O_RDWR);
		flag_fd[1] = open("/dev/benchflag", O_RDWR);
		if (flag_fd[0] < 0 || flag_fd[1] < 0)
			bench_die("open /dev/benchflag");
		if (bench_irq_request(irq_line[0], flag_fd[0]) ||
		    bench_irq_request(irq_line[1], flag_fd[1]))
			bench_die("request_irq");
		if (pthread_create(&tid, NULL, irq_pong_fn, NULL))
			bench_die("pthread_create");
		t0 = bench_now_ns();
		for (i = 0; i < PP_ROUNDS; i++) {
			if (evlsim_irq_raise(irq_line[0]) || oob_read(flag_fd[1], &c, 1) != 1)
				bench_die("irq ping");
		}
		bench_add("irq -> oob handler -> oob_read round trip", "ns",
		    (bench_now_ns() - t0) / PP_ROUNDS);
		pthread_join(tid, NULL);
		evl_switch_inband();	/* free_irq() is in-band only */
		bench_irq_free(irq_line[0], flag_fd[0]);
		bench_irq_free(irq_line[1], flag_fd[1]);
		close(flag_fd[0]);
		close(flag_fd[1]);
	}
	evl_detach_self();
}

/* ---- GPIO: an input edge to oob_read(), and an oob loop-back ------------------------- */

static int gpio_req(int chipfd, unsigned int req, void *arg)
{
	if (ioctl(chipfd, req, arg))
		bench_die("gpio request");
	return 0;
}

void bench_gpio_edge(void)
{
	struct evlsim_gpio_chip *chip;
	struct gpiohandle_request hreq;
	struct gpioevent_request ereq;
	struct gpiohandle_data d;
	struct gpioevent_data ev;
	char path[32];
	int chipfd, r, i;
	double t0;

	if (evlsim_gpio_chip_create("bench-gpio", 4, 0, &chip))
		bench_die("evlsim_gpio_chip_create");
	snprintf(path, sizeof(path), "/dev/gpiochip%d", evlsim_gpio_chip_id(chip));
	chipfd = open(path, O_RDWR);
	if (chipfd < 0)
		bench_die("open gpiochip");
	/* line 0: an oob output wired to line 1, an oob event line on both edges */
	evlsim_gpio_wire(chip, 0, chip, 1);
	memset(&hreq, 0, sizeof(hreq));
	hreq.lineoffsets[0] = 0;
	hreq.lines = 1;
	hreq.flags = GPIOHANDLE_REQUEST_OUTPUT | GPIOHANDLE_REQUEST_OOB;
	gpio_req(chipfd, GPIO_GET_LINEHANDLE_IOCTL, &hreq);
	memset(&ereq, 0, sizeof(ereq));
	ereq.lineoffset = 1;
	ereq.handleflags = GPIOHANDLE_REQUEST_INPUT | GPIOHANDLE_REQUEST_OOB;
	ereq.eventflags = GPIOEVENT_REQUEST_BOTH_EDGES;
	gpio_req(chipfd, GPIO_GET_LINEEVENT_IOCTL, &ereq);
	bench_attach("gpio", 0);
	for (r = 0; r < bench_rounds; r++) {
		/* the device drives the input: edge -> chained handler -> oob handler */
		t0 = bench_now_ns();
		for (i = 0; i < PP_ROUNDS; i++) {
			if (evlsim_gpio_set_input(chip, 1, !(i & 1)) ||
			    oob_read(ereq.fd, &ev, sizeof(ev)) != sizeof(ev))
				bench_die("gpio edge");
		}
		bench_add("GPIO input edge -> oob handler -> oob_read", "ns",
		    (bench_now_ns() - t0) / PP_ROUNDS);
		/* loop-back: oob SET -> wire -> edge -> oob_read (latmon-style) */
		memset(&d, 0, sizeof(d));
		t0 = bench_now_ns();
		for (i = 0; i < PP_ROUNDS; i++) {
			d.values[0] = !(i & 1);
			if (oob_ioctl(hreq.fd, GPIOHANDLE_SET_LINE_VALUES_IOCTL, &d) ||
			    oob_read(ereq.fd, &ev, sizeof(ev)) != sizeof(ev))
				bench_die("gpio loop-back");
		}
		bench_add("GPIO oob SET -> loop-back edge -> oob_read", "ns",
		    (bench_now_ns() - t0) / PP_ROUNDS);
	}
	evl_detach_self();
	close(ereq.fd);
	close(hreq.fd);
	close(chipfd);
	if (evlsim_gpio_chip_destroy(chip))
		bench_die("evlsim_gpio_chip_destroy");
}
