// SPDX-License-Identifier: MIT
/*
 * evlsim-bench: the simulator's dispatch costs side by side with the floor and with real
 * system calls, in one run, as docs/performance.md and PERFORMANCE.md describe them.
 *
 * Every figure is measured in several rounds; the table gives the median and the min-max
 * over the rounds, and the ratios the targets name are computed from medians of the same
 * run. Options:
 *
 *   --rounds N          rounds per figure (default 7)
 *   --csv FILE          also write the table as CSV
 *   --json FILE         also write the table as JSON
 *   --build-times FILE  include "build_s check_s" read from FILE (written by make bench)
 *   --instructions FILE include "name instructions-per-call" lines (make bench CALLGRIND=1)
 *   --loop NAME N       run only N iterations of one path (floor, oob_read, oob_lock) in
 *                       bench_loop(), for valgrind --tool=callgrind --toggle-collect
 */
#include <errno.h>
#include <fcntl.h>
#include <linux/futex.h>
#include <malloc.h>
#include <pthread.h>
#include <stdatomic.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/ioctl.h>
#include <sys/prctl.h>
#include <linux/gpio.h>
#include <sys/syscall.h>
#include <time.h>
#include <unistd.h>
#include <evl/evl.h>
#include <evlsim/evlsim.h>
#include <evlsim/hw.h>
#include <uapi/evl/devices/gpio.h>
#include "bench-abi.h"
#include "bench-spi.h"

#define NODE		"/dev/benchnull"
#define MAX_ROWS	32
#define MAX_ROUNDS	31
#define MAX_THREADS	4

/* in bench/nulldrv.c */
long bench_floor_oob_read(void *buf, size_t count);
size_t bench_ctx_size(void);
void bench_release_delay(long long *op_left_ns, long long *release_ns);
int bench_spinning(void);
void bench_spin_stop(void);
int bench_irq_request(unsigned int irq, int fd);
void bench_irq_free(unsigned int irq, int fd);

struct row {
	const char *name;
	const char *unit;
	double v[MAX_ROUNDS];
	int n;
	double median, min, max;
};

static struct row rows[MAX_ROWS];
static int nr_rows;
static int rounds = 7;

static void die(const char *what)
{
	fprintf(stderr, "evlsim-bench: %s: %s\n", what, strerror(errno));
	exit(1);
}

static double now_ns(void)
{
	struct timespec ts;

	clock_gettime(CLOCK_MONOTONIC, &ts);
	return ts.tv_sec * 1e9 + ts.tv_nsec;
}

static struct row *row(const char *name, const char *unit)
{
	int i;

	for (i = 0; i < nr_rows; i++)
		if (!strcmp(rows[i].name, name))
			return &rows[i];
	if (nr_rows == MAX_ROWS) {
		fprintf(stderr, "evlsim-bench: too many rows\n");
		exit(1);
	}
	rows[nr_rows].name = name;
	rows[nr_rows].unit = unit;
	return &rows[nr_rows++];
}

static void add(const char *name, const char *unit, double v)
{
	struct row *r = row(name, unit);

	if (r->n < MAX_ROUNDS)
		r->v[r->n++] = v;
}

static int cmp_double(const void *a, const void *b)
{
	double x = *(const double *)a, y = *(const double *)b;

	return x < y ? -1 : x > y;
}

static void summarize(void)
{
	int i;

	for (i = 0; i < nr_rows; i++) {
		struct row *r = &rows[i];

		qsort(r->v, r->n, sizeof(double), cmp_double);
		r->min = r->v[0];
		r->max = r->v[r->n - 1];
		r->median = r->n % 2 ? r->v[r->n / 2] : (r->v[r->n / 2 - 1] + r->v[r->n / 2]) / 2;
	}
}

static double median(const char *name)
{
	int i;

	for (i = 0; i < nr_rows; i++)
		if (!strcmp(rows[i].name, name))
			return rows[i].median;
	return 0;
}

static int open_node(void)
{
	int fd = open(NODE, O_RDWR);

	if (fd < 0)
		die("open " NODE);
	return fd;
}

static void attach(const char *what, int i)
{
	if (evl_attach_self("bench-%s:%d.%d", what, getpid(), i) < 0)
		die("evl_attach_self");
}

/* ---- single-thread paths -------------------------------------------------------------- */

enum path { P_FLOOR, P_OOB_READ, P_OOB_WRITE, P_OOB_IOCTL, P_OOB_LOCK, P_READ_ZERO, P_PRCTL,
	    P_NR };

static const char *const path_names[P_NR] = {
	[P_FLOOR]	= "floor: call + f_op->oob_read",
	[P_OOB_READ]	= "oob_read (simulator)",
	[P_OOB_WRITE]	= "oob_write (simulator)",
	[P_OOB_IOCTL]	= "oob_ioctl (simulator)",
	[P_OOB_LOCK]	= "oob_ioctl + hard lock/unlock in the handler",
	[P_READ_ZERO]	= "real read(2), 8 bytes of /dev/zero",
	[P_PRCTL]	= "real prctl(2) (libevl's oob gate)",
};

static int bench_fd, zero_fd;

/* The measured loop; its name is what callgrind's --toggle-collect selects. */
static __attribute__((noinline)) void bench_loop(enum path p, long n)
{
	char buf[8];
	long i;

	switch (p) {
	case P_FLOOR:
		for (i = 0; i < n; i++)
			bench_floor_oob_read(buf, sizeof(buf));
		break;
	case P_OOB_READ:
		for (i = 0; i < n; i++)
			oob_read(bench_fd, buf, sizeof(buf));
		break;
	case P_OOB_WRITE:
		for (i = 0; i < n; i++)
			oob_write(bench_fd, buf, sizeof(buf));
		break;
	case P_OOB_IOCTL:
		for (i = 0; i < n; i++)
			oob_ioctl(bench_fd, 0);
		break;
	case P_OOB_LOCK:
		for (i = 0; i < n; i++)
			oob_ioctl(bench_fd, BENCH_IOC_LOCK);
		break;
	case P_READ_ZERO:
		for (i = 0; i < n; i++)
			if (syscall(SYS_read, zero_fd, buf, sizeof(buf)) != sizeof(buf))
				die("read /dev/zero");
		break;
	case P_PRCTL:
		for (i = 0; i < n; i++)
			syscall(SYS_prctl, PR_GET_DUMPABLE, 0, 0, 0, 0);
		break;
	default:
		break;
	}
}

/* ns per call of @p, over enough iterations for about 20 ms */
static double time_path(enum path p)
{
	long n = 1000;
	double t0, dt;

	for (;;) {
		t0 = now_ns();
		bench_loop(p, n);
		dt = now_ns() - t0;
		if (dt > 20e6)
			return dt / n;
		n *= dt < 1e6 ? 10 : 2;
	}
}

static void bench_single(void)
{
	int p, r;

	for (r = 0; r < rounds; r++)
		for (p = 0; p < P_NR; p++)
			add(path_names[p], "ns/op", time_path(p));
}

/* ---- several threads ------------------------------------------------------------------ */

struct worker {
	pthread_t tid;
	int fd, idx;
	long n;
	atomic_int *go;
};

static void *worker_fn(void *arg)
{
	struct worker *w = arg;
	char buf[8];
	long i;

	attach("mt", w->idx);
	while (!atomic_load(w->go))
		;
	for (i = 0; i < w->n; i++)
		oob_read(w->fd, buf, sizeof(buf));
	evl_detach_self();
	return NULL;
}

/* total Mops/s of @nr threads doing oob_read, all on one file or one file each */
static double time_threads(int nr, int shared)
{
	struct worker w[MAX_THREADS];
	atomic_int go = 0;
	int fds[MAX_THREADS], i;
	long n = 2000000 / nr;
	double t0, dt;

	for (i = 0; i < nr; i++) {
		fds[i] = shared && i ? fds[0] : open_node();
		w[i] = (struct worker){ .fd = fds[i], .idx = i, .n = n, .go = &go };
		if (pthread_create(&w[i].tid, NULL, worker_fn, &w[i]))
			die("pthread_create");
	}
	usleep(10000);
	t0 = now_ns();
	atomic_store(&go, 1);
	for (i = 0; i < nr; i++)
		pthread_join(w[i].tid, NULL);
	dt = now_ns() - t0;
	for (i = 0; i < nr; i++)
		if (!shared || !i)
			close(fds[i]);
	return n * nr / dt * 1e3;
}

static void bench_threads(void)
{
	static const struct {
		const char *name;
		int nr, shared;
	} cases[] = {
		{ "1 thread: oob_read throughput", 1, 1 },
		{ "2 threads, one file (total)", 2, 1 },
		{ "2 threads, two files (total)", 2, 0 },
		{ "4 threads, one file (total)", 4, 1 },
		{ "4 threads, four files (total)", 4, 0 },
	};
	unsigned int c;
	int r;

	for (r = 0; r < rounds; r++)
		for (c = 0; c < sizeof(cases) / sizeof(cases[0]); c++)
			add(cases[c].name, "Mops/s", time_threads(cases[c].nr, cases[c].shared));
}

/* ---- close() while an operation is in flight ---------------------------------------- */

static void *spinner_fn(void *arg)
{
	int fd = *(int *)arg;

	attach("spin", 0);
	if (oob_ioctl(fd, BENCH_IOC_SPIN))
		die("oob_ioctl(BENCH_IOC_SPIN)");
	evl_detach_self();
	return NULL;
}

static void *closer_fn(void *arg)
{
	int fd = *(int *)arg;

	if (close(fd))
		die("close");
	return NULL;
}

/*
 * An oob handler spins; another thread closes the file and waits in evl_release_file();
 * 2 ms later, long enough for the closer to have gone to sleep, the handler is let go.
 * The figure is the time from the handler's return to evl_release_file()'s.
 */
static void bench_close_in_flight(void)
{
	pthread_t spinner, closer;
	long long left, rel;
	int r, fd;

	for (r = 0; r < rounds; r++) {
		fd = open_node();
		if (pthread_create(&spinner, NULL, spinner_fn, &fd))
			die("pthread_create");
		while (!bench_spinning())
			usleep(10);
		if (pthread_create(&closer, NULL, closer_fn, &fd))
			die("pthread_create");
		usleep(2000);
		bench_spin_stop();
		pthread_join(spinner, NULL);
		pthread_join(closer, NULL);
		bench_release_delay(&left, &rel);
		add("close in flight: op return -> release", "ns", (double)(rel - left));
	}
}

/* ---- blocking round trip baseline: futex ping-pong ----------------------------------- */

static atomic_int pp_word;

static void futex_wait(atomic_int *w, int val)
{
	syscall(SYS_futex, w, FUTEX_WAIT_PRIVATE, val, NULL, NULL, 0);
}

static void futex_wake(atomic_int *w)
{
	syscall(SYS_futex, w, FUTEX_WAKE_PRIVATE, 1, NULL, NULL, 0);
}

#define PP_ROUNDS	2000

static void *pong_fn(void *arg)
{
	int i, v;

	for (i = 0; i < PP_ROUNDS; i++) {
		while ((v = atomic_load(&pp_word)) != 2 * i + 1)
			futex_wait(&pp_word, v);
		atomic_store(&pp_word, 2 * i + 2);
		futex_wake(&pp_word);
	}
	return arg;
}

static void bench_pingpong(void)
{
	pthread_t tid;
	double t0;
	int r, i, v;

	for (r = 0; r < rounds; r++) {
		atomic_store(&pp_word, 0);
		if (pthread_create(&tid, NULL, pong_fn, NULL))
			die("pthread_create");
		t0 = now_ns();
		for (i = 0; i < PP_ROUNDS; i++) {
			atomic_store(&pp_word, 2 * i + 1);
			futex_wake(&pp_word);
			while ((v = atomic_load(&pp_word)) != 2 * i + 2)
				futex_wait(&pp_word, v);
		}
		add("futex ping-pong round trip", "ns", (now_ns() - t0) / PP_ROUNDS);
		pthread_join(tid, NULL);
	}
}

/* ---- blocking round trip through the simulator: oob_write wakes a blocked oob_read -- */

static int flag_fd[2];

static void *oob_pong_fn(void *arg)
{
	char c = 0;
	int i;

	attach("pong", 0);
	for (i = 0; i < PP_ROUNDS; i++) {
		if (oob_read(flag_fd[0], &c, 1) != 1 || oob_write(flag_fd[1], &c, 1) != 1)
			die("pong");
	}
	evl_detach_self();
	return arg;
}

static void bench_oob_pingpong(void)
{
	pthread_t tid;
	char c = 0;
	double t0;
	int r, i;

	attach("ping", 0);
	for (r = 0; r < rounds; r++) {
		flag_fd[0] = open("/dev/benchflag", O_RDWR);
		flag_fd[1] = open("/dev/benchflag", O_RDWR);
		if (flag_fd[0] < 0 || flag_fd[1] < 0)
			die("open /dev/benchflag");
		if (pthread_create(&tid, NULL, oob_pong_fn, NULL))
			die("pthread_create");
		t0 = now_ns();
		for (i = 0; i < PP_ROUNDS; i++) {
			if (oob_write(flag_fd[0], &c, 1) != 1 || oob_read(flag_fd[1], &c, 1) != 1)
				die("ping");
		}
		add("oob_write -> blocked oob_read round trip", "ns", (now_ns() - t0) / PP_ROUNDS);
		pthread_join(tid, NULL);
		close(flag_fd[0]);
		close(flag_fd[1]);
	}
	evl_detach_self();
}

/* ---- a register read ------------------------------------------------------------------ */

#define READL_LOOPS	1000000

/* readl() of a register file's register from an oob handler (one oob_ioctl, many reads) */
static void bench_readl(void)
{
	static const struct evlsim_reg reg = { .name = "BENCH", .off = 0, .width = 4,
					       .reset = 1 };
	struct evlsim_mmio *m;
	double t0;
	int fd, r;

	if (evlsim_regfile_create("bench", BENCH_REGS_PHYS, 4, &reg, 1, &m))
		die("evlsim_regfile_create");
	fd = open_node();	/* maps the registers */
	attach("readl", 0);
	for (r = 0; r < rounds; r++) {
		t0 = now_ns();
		if (oob_ioctl(fd, BENCH_IOC_READL, READL_LOOPS) < 0)
			die("oob_ioctl(BENCH_IOC_READL)");
		add("readl() of a register file", "ns", (now_ns() - t0) / READL_LOOPS);
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

	attach("irqpong", 0);
	for (i = 0; i < PP_ROUNDS; i++) {
		if (oob_read(flag_fd[0], &c, 1) != 1 || evlsim_irq_raise(irq_line[1]))
			die("irq pong");
	}
	evl_detach_self();
	return arg;
}

static void bench_irq_pingpong(void)
{
	pthread_t tid;
	char c = 0;
	double t0;
	int r, i;

	irq_line[0] = evlsim_irq_line_create("bench-ping", EVLSIM_IRQ_EDGE_RISING);
	irq_line[1] = evlsim_irq_line_create("bench-pong", EVLSIM_IRQ_EDGE_RISING);
	if (irq_line[0] < 0 || irq_line[1] < 0)
		die("evlsim_irq_line_create");
	attach("irqping", 0);
	for (r = 0; r < rounds; r++) {
		flag_fd[0] = open("/dev/benchflag", O_RDWR);
		flag_fd[1] = open("/dev/benchflag", O_RDWR);
		if (flag_fd[0] < 0 || flag_fd[1] < 0)
			die("open /dev/benchflag");
		if (bench_irq_request(irq_line[0], flag_fd[0]) ||
		    bench_irq_request(irq_line[1], flag_fd[1]))
			die("request_irq");
		if (pthread_create(&tid, NULL, irq_pong_fn, NULL))
			die("pthread_create");
		t0 = now_ns();
		for (i = 0; i < PP_ROUNDS; i++) {
			if (evlsim_irq_raise(irq_line[0]) || oob_read(flag_fd[1], &c, 1) != 1)
				die("irq ping");
		}
		add("irq -> oob handler -> oob_read round trip", "ns",
		    (now_ns() - t0) / PP_ROUNDS);
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
		die("gpio request");
	return 0;
}

static void bench_gpio_edge(void)
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
		die("evlsim_gpio_chip_create");
	snprintf(path, sizeof(path), "/dev/gpiochip%d", evlsim_gpio_chip_id(chip));
	chipfd = open(path, O_RDWR);
	if (chipfd < 0)
		die("open gpiochip");
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
	attach("gpio", 0);
	for (r = 0; r < rounds; r++) {
		/* the device drives the input: edge -> chained handler -> oob handler */
		t0 = now_ns();
		for (i = 0; i < PP_ROUNDS; i++) {
			if (evlsim_gpio_set_input(chip, 1, !(i & 1)) ||
			    oob_read(ereq.fd, &ev, sizeof(ev)) != sizeof(ev))
				die("gpio edge");
		}
		add("GPIO input edge -> oob handler -> oob_read", "ns",
		    (now_ns() - t0) / PP_ROUNDS);
		/* loop-back: oob SET -> wire -> edge -> oob_read (latmon-style) */
		memset(&d, 0, sizeof(d));
		t0 = now_ns();
		for (i = 0; i < PP_ROUNDS; i++) {
			d.values[0] = !(i & 1);
			if (oob_ioctl(hreq.fd, GPIOHANDLE_SET_LINE_VALUES_IOCTL, &d) ||
			    oob_read(ereq.fd, &ev, sizeof(ev)) != sizeof(ev))
				die("gpio loop-back");
		}
		add("GPIO oob SET -> loop-back edge -> oob_read", "ns",
		    (now_ns() - t0) / PP_ROUNDS);
	}
	evl_detach_self();
	close(ereq.fd);
	close(hreq.fd);
	close(chipfd);
	if (evlsim_gpio_chip_destroy(chip))
		die("evlsim_gpio_chip_destroy");
}

/* ---- memory per open file ------------------------------------------------------------- */

#define MEM_FILES	4000

static void bench_memory(void)
{
	static int fds[MEM_FILES];
	struct mallinfo2 before, after;
	double used;
	int i, r;

	for (r = 0; r < rounds; r++) {
		before = mallinfo2();
		for (i = 0; i < MEM_FILES; i++)
			fds[i] = open_node();
		after = mallinfo2();
		for (i = 0; i < MEM_FILES; i++)
			close(fds[i]);
		used = (double)(after.uordblks + after.hblkhd) - (double)(before.uordblks + before.hblkhd);
		/* the heap growth per file, minus the driver's own context, plus the fd slot */
		add("simulator memory per open file", "bytes",
		    used / MEM_FILES - (double)bench_ctx_size() + sizeof(void *));
	}
}

/* ---- an oob SPI frame: spidev's SPI_IOC_RUN_OOB_XFER (bench-spi.c) ---- */

static void bench_spi(void)
{
	double ns;
	int r;

	if (bench_spi_setup())
		die("SPI bus and spidev");
	attach("spi", 0);
	for (r = 0; r < rounds; r++) {
		ns = bench_spi_round(PP_ROUNDS / 4);
		if (ns < 0)
			die("oob_ioctl(SPI_IOC_RUN_OOB_XFER)");
		add("oob SPI pulse round trip (spidev)", "ns", ns);
	}
	evl_detach_self();
	bench_spi_teardown();
}

/* ---- output --------------------------------------------------------------------------- */

/* "name value" lines of @file, for the rows named in @names */
static void read_extras(const char *file, const char *const *names, const char *const *rows_,
			const char *unit)
{
	FILE *f = fopen(file, "r");
	char name[64];
	double v;
	int i;

	if (!f)
		die(file);
	while (fscanf(f, "%63s %lf", name, &v) == 2)
		for (i = 0; names[i]; i++)
			if (!strcmp(names[i], name))
				add(rows_[i], unit, v);
	fclose(f);
}

static const char *verdict(int ok)
{
	return ok ? "met" : "MISSED";
}

static void print_table(FILE *f)
{
	double floor_ns = median(path_names[P_FLOOR]);
	double oob = median(path_names[P_OOB_READ]);
	double one = median("1 thread: oob_read throughput");
	double insns = median("instructions: oob_read");
	int i;

	fprintf(f, "%-42s %12s %23s  %s\n", "figure", "median", "min - max", "unit");
	for (i = 0; i < nr_rows; i++)
		fprintf(f, "%-42s %12.1f %11.1f - %-9.1f  %s\n", rows[i].name, rows[i].median,
			rows[i].min, rows[i].max, rows[i].unit);

	fprintf(f, "\ntargets (PERFORMANCE.md), from the medians above:\n");
	fprintf(f, "  1. oob_read / floor           %6.2fx   (<= 9x, moonshot 3x)        %s\n",
		oob / floor_ns, verdict(oob / floor_ns <= 9));
	if (insns > 0)
		fprintf(f, "     instructions per oob_read  %6.0f    (<= 80)                     %s\n",
			insns, verdict(insns <= 80));
	fprintf(f, "  2. 2 threads one file / 1     %6.2fx   (>= 1.0x, moonshot 1.9x)    %s\n",
		median("2 threads, one file (total)") / one,
		verdict(median("2 threads, one file (total)") / one >= 1.0));
	fprintf(f, "     2 threads two files / 1    %6.2fx   (>= 1.9x)                   %s\n",
		median("2 threads, two files (total)") / one,
		verdict(median("2 threads, two files (total)") / one >= 1.9));
	fprintf(f, "  3. read(2) / oob_read         %6.2fx   (>= 8x)                     %s\n",
		median(path_names[P_READ_ZERO]) / oob,
		verdict(median(path_names[P_READ_ZERO]) / oob >= 8));
	fprintf(f, "  4. close in flight: release   %6.0f ns (<= 2000 ns)              %s\n",
		median("close in flight: op return -> release"),
		verdict(median("close in flight: op return -> release") <= 2000));
	fprintf(f, "  5. oob round trip / futex     %6.2fx   (<= 1.2x)                   %s\n",
		median("oob_write -> blocked oob_read round trip") /
		median("futex ping-pong round trip"),
		verdict(median("oob_write -> blocked oob_read round trip") <=
			1.2 * median("futex ping-pong round trip")));
	fprintf(f, "  6. irq round trip / futex     %6.2fx   (reported)\n",
		median("irq -> oob handler -> oob_read round trip") /
		median("futex ping-pong round trip"));
	fprintf(f, "     GPIO edge -> oob_read / futex %5.2fx (reported)\n",
		median("GPIO input edge -> oob handler -> oob_read") /
		median("futex ping-pong round trip"));
	fprintf(f, "  6b. SPI pulse / futex         %6.2fx   (reported)\n",
		median("oob SPI pulse round trip (spidev)") /
		median("futex ping-pong round trip"));
	fprintf(f, "  7. memory per open file       %6.0f B  (<= 512 B)                 %s\n",
		median("simulator memory per open file"),
		verdict(median("simulator memory per open file") <= 512));
	if (median("make") > 0)
		fprintf(f, "  8. build + make check         %6.0f s  (<= 300 s)                 %s\n",
			median("make") + median("make check"),
			verdict(median("make") + median("make check") <= 300));
}

static void write_csv(const char *file)
{
	FILE *f = fopen(file, "w");
	int i;

	if (!f)
		die(file);
	fprintf(f, "figure,median,min,max,unit\n");
	for (i = 0; i < nr_rows; i++)
		fprintf(f, "\"%s\",%.3f,%.3f,%.3f,%s\n", rows[i].name, rows[i].median,
			rows[i].min, rows[i].max, rows[i].unit);
	fclose(f);
}

static void write_json(const char *file)
{
	FILE *f = fopen(file, "w");
	int i;

	if (!f)
		die(file);
	fprintf(f, "{\n  \"rounds\": %d,\n  \"figures\": [\n", rounds);
	for (i = 0; i < nr_rows; i++)
		fprintf(f, "    {\"figure\": \"%s\", \"median\": %.3f, \"min\": %.3f, \"max\": %.3f, \"unit\": \"%s\"}%s\n",
			rows[i].name, rows[i].median, rows[i].min, rows[i].max, rows[i].unit,
			i + 1 < nr_rows ? "," : "");
	fprintf(f, "  ]\n}\n");
	fclose(f);
}

static void usage(void)
{
	fprintf(stderr, "usage: evlsim-bench [--rounds N] [--csv FILE] [--json FILE]\n"
		"                    [--build-times FILE] [--instructions FILE]\n"
		"       evlsim-bench --loop floor|oob_read|oob_lock N\n");
	exit(2);
}

int main(int argc, char *argv[])
{
	static const char *const build_keys[] = { "build", "check", NULL };
	static const char *const build_rows[] = { "make", "make check" };
	static const char *const insn_keys[] = { "floor", "oob_read", NULL };
	static const char *const insn_rows[] = {
		"instructions: floor", "instructions: oob_read"
	};
	const char *csv = NULL, *json = NULL, *build = NULL, *insns = NULL;
	int i;

	for (i = 1; i < argc; i++) {
		if (!strcmp(argv[i], "--rounds") && i + 1 < argc)
			rounds = atoi(argv[++i]);
		else if (!strcmp(argv[i], "--csv") && i + 1 < argc)
			csv = argv[++i];
		else if (!strcmp(argv[i], "--json") && i + 1 < argc)
			json = argv[++i];
		else if (!strcmp(argv[i], "--build-times") && i + 1 < argc)
			build = argv[++i];
		else if (!strcmp(argv[i], "--instructions") && i + 1 < argc)
			insns = argv[++i];
		else if (!strcmp(argv[i], "--loop") && i + 2 < argc) {
			enum path p = !strcmp(argv[i + 1], "floor") ? P_FLOOR :
				      !strcmp(argv[i + 1], "oob_lock") ? P_OOB_LOCK : P_OOB_READ;

			if (evlsim_load_module("nulldrv"))
				die("load nulldrv");
			bench_fd = open_node();
			attach("loop", 0);
			bench_loop(p, atol(argv[i + 2]));
			return 0;
		} else
			usage();
	}
	if (rounds < 1 || rounds > MAX_ROUNDS)
		usage();

	errno = -evlsim_load_module("nulldrv");
	if (errno)
		die("load nulldrv");
	bench_fd = open_node();
	zero_fd = open("/dev/zero", O_RDONLY);
	if (zero_fd < 0)
		die("open /dev/zero");

	/* the simulated paths need an EVL thread; the real ones must not demote it */
	attach("main", 0);
	bench_single();
	evl_detach_self();
	bench_threads();
	bench_close_in_flight();
	bench_pingpong();
	bench_oob_pingpong();
	bench_readl();
	bench_irq_pingpong();
	bench_gpio_edge();
	bench_spi();
	bench_memory();
	close(bench_fd);
	close(zero_fd);
	if (build)
		read_extras(build, build_keys, build_rows, "s");
	if (insns)
		read_extras(insns, insn_keys, insn_rows, "instr/op");
	summarize();
	print_table(stdout);
	if (csv)
		write_csv(csv);
	if (json)
		write_json(json);
	if (evlsim_unload_module("nulldrv"))
		die("unload nulldrv");
	return 0;
}
