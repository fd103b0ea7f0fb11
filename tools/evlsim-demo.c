// SPDX-License-Identifier: LGPL-2.1-or-later
/*
 * evlsim-demo: loads the example drivers into the simulator and exercises them the way an
 * application on an EVL board would, narrating what happens: plain POSIX calls routed to
 * the driver, out-of-band I/O from an attached thread, the stage switches, close()
 * waiting for an out-of-band operation in flight (echo), then blocking across stages,
 * poll(2) and a mapped status page (xfifo), and a driver for hardware (acq): a device
 * model with registers, an interrupt line and DMA memory, a threshold interrupt handled
 * out-of-band waking an oob_read(), a DMA ring mapped to user space.
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

static void usage(void)
{
	fputs(
"Usage: evlsim-demo [OPTION]\n"
"Load the example drivers (echo, xfifo, acq) into the simulator and exercise them from\n"
"plain POSIX calls and out-of-band calls, narrating each step: stage switches, a close()\n"
"that waits for an out-of-band operation in flight, blocking across stages, poll(2), a\n"
"mapped status page, an out-of-band interrupt and a DMA ring.\n"
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
	printf("\nevlsim-demo: done, %lu diagnostics reported\n", evlsim_report_total());
	return evlsim_report_total() ? 1 : 0;
}
