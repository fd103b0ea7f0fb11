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
 *
 * The table and its files are bench-report.c's; the register, interrupt and GPIO figures
 * bench-hw.c's; the SPI frame bench-spi.c's.
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
#include <sys/syscall.h>
#include <time.h>
#include <unistd.h>
#include <evl/evl.h>
#include <evlsim/evlsim.h>
#include <evlsim/hw.h>
#include "bench-abi.h"
#include "bench.h"
#include "bench-spi.h"

int bench_open_node(void)
{
	int fd = open(NODE, O_RDWR);

	if (fd < 0)
		bench_die("open " NODE);
	return fd;
}

void bench_attach(const char *what, int i)
{
	if (evl_attach_self("bench-%s:%d.%d", what, getpid(), i) < 0)
		bench_die("evl_attach_self");
}

/* ---- single-thread paths -------------------------------------------------------------- */

const char *const bench_path_names[P_NR] = {
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
				bench_die("read /dev/zero");
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
		t0 = bench_now_ns();
		bench_loop(p, n);
		dt = bench_now_ns() - t0;
		if (dt > 20e6)
			return dt / n;
		n *= dt < 1e6 ? 10 : 2;
	}
}

static void bench_single(void)
{
	int p, r;

	for (r = 0; r < bench_rounds; r++)
		for (p = 0; p < P_NR; p++)
			bench_add(bench_path_names[p], "ns/op", time_path(p));
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

	bench_attach("mt", w->idx);
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
		fds[i] = shared && i ? fds[0] : bench_open_node();
		w[i] = (struct worker){ .fd = fds[i], .idx = i, .n = n, .go = &go };
		if (pthread_create(&w[i].tid, NULL, worker_fn, &w[i]))
			bench_die("pthread_create");
	}
	usleep(10000);
	t0 = bench_now_ns();
	atomic_store(&go, 1);
	for (i = 0; i < nr; i++)
		pthread_join(w[i].tid, NULL);
	dt = bench_now_ns() - t0;
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

	for (r = 0; r < bench_rounds; r++)
		for (c = 0; c < sizeof(cases) / sizeof(cases[0]); c++)
			bench_add(cases[c].name, "Mops/s", time_threads(cases[c].nr, cases[c].shared));
}

/* ---- close() while an operation is in flight ---------------------------------------- */

static void *spinner_fn(void *arg)
{
	int fd = *(int *)arg;

	bench_attach("spin", 0);
	if (oob_ioctl(fd, BENCH_IOC_SPIN))
		bench_die("oob_ioctl(BENCH_IOC_SPIN)");
	evl_detach_self();
	return NULL;
}

static void *closer_fn(void *arg)
{
	int fd = *(int *)arg;

	if (close(fd))
		bench_die("close");
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

	for (r = 0; r < bench_rounds; r++) {
		fd = bench_open_node();
		if (pthread_create(&spinner, NULL, spinner_fn, &fd))
			bench_die("pthread_create");
		while (!bench_spinning())
			usleep(10);
		if (pthread_create(&closer, NULL, closer_fn, &fd))
			bench_die("pthread_create");
		usleep(2000);
		bench_spin_stop();
		pthread_join(spinner, NULL);
		pthread_join(closer, NULL);
		bench_release_delay(&left, &rel);
		bench_add("close in flight: op return -> release", "ns", (double)(rel - left));
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

	for (r = 0; r < bench_rounds; r++) {
		atomic_store(&pp_word, 0);
		if (pthread_create(&tid, NULL, pong_fn, NULL))
			bench_die("pthread_create");
		t0 = bench_now_ns();
		for (i = 0; i < PP_ROUNDS; i++) {
			atomic_store(&pp_word, 2 * i + 1);
			futex_wake(&pp_word);
			while ((v = atomic_load(&pp_word)) != 2 * i + 2)
				futex_wait(&pp_word, v);
		}
		bench_add("futex ping-pong round trip", "ns", (bench_now_ns() - t0) / PP_ROUNDS);
		pthread_join(tid, NULL);
	}
}

/* ---- blocking round trip through the simulator: oob_write wakes a blocked oob_read -- */

static int flag_fd[2];

static void *oob_pong_fn(void *arg)
{
	char c = 0;
	int i;

	bench_attach("pong", 0);
	for (i = 0; i < PP_ROUNDS; i++) {
		if (oob_read(flag_fd[0], &c, 1) != 1 || oob_write(flag_fd[1], &c, 1) != 1)
			bench_die("pong");
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

	bench_attach("ping", 0);
	for (r = 0; r < bench_rounds; r++) {
		flag_fd[0] = open("/dev/benchflag", O_RDWR);
		flag_fd[1] = open("/dev/benchflag", O_RDWR);
		if (flag_fd[0] < 0 || flag_fd[1] < 0)
			bench_die("open /dev/benchflag");
		if (pthread_create(&tid, NULL, oob_pong_fn, NULL))
			bench_die("pthread_create");
		t0 = bench_now_ns();
		for (i = 0; i < PP_ROUNDS; i++) {
			if (oob_write(flag_fd[0], &c, 1) != 1 || oob_read(flag_fd[1], &c, 1) != 1)
				bench_die("ping");
		}
		bench_add("oob_write -> blocked oob_read round trip", "ns", (bench_now_ns() - t0) / PP_ROUNDS);
		pthread_join(tid, NULL);
		close(flag_fd[0]);
		close(flag_fd[1]);
	}
	evl_detach_self();
}

/* ---- memory per open file ------------------------------------------------------------- */

#define MEM_FILES	4000

static void bench_memory(void)
{
	static int fds[MEM_FILES];
	struct mallinfo2 before, after;
	double used;
	int i, r;

	for (r = 0; r < bench_rounds; r++) {
		before = mallinfo2();
		for (i = 0; i < MEM_FILES; i++)
			fds[i] = bench_open_node();
		after = mallinfo2();
		for (i = 0; i < MEM_FILES; i++)
			close(fds[i]);
		used = (double)(after.uordblks + after.hblkhd) - (double)(before.uordblks + before.hblkhd);
		/* the heap growth per file, minus the driver's own context, plus the fd slot */
		bench_add("simulator memory per open file", "bytes",
		    used / MEM_FILES - (double)bench_ctx_size() + sizeof(void *));
	}
}

/* ---- an oob SPI frame: spidev's SPI_IOC_RUN_OOB_XFER (bench-spi.c) ---- */

static void bench_spi(void)
{
	double ns;
	int r;

	if (bench_spi_setup())
		bench_die("SPI bus and spidev");
	bench_attach("spi", 0);
	for (r = 0; r < bench_rounds; r++) {
		ns = bench_spi_round(PP_ROUNDS / 4);
		if (ns < 0)
			bench_die("oob_ioctl(SPI_IOC_RUN_OOB_XFER)");
		bench_add("oob SPI pulse round trip (spidev)", "ns", ns);
	}
	evl_detach_self();
	bench_spi_teardown();
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
			bench_rounds = atoi(argv[++i]);
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
				bench_die("load nulldrv");
			bench_fd = bench_open_node();
			bench_attach("loop", 0);
			bench_loop(p, atol(argv[i + 2]));
			return 0;
		} else
			usage();
	}
	if (bench_rounds < 1 || bench_rounds > MAX_ROUNDS)
		usage();

	errno = -evlsim_load_module("nulldrv");
	if (errno)
		bench_die("load nulldrv");
	bench_fd = bench_open_node();
	zero_fd = open("/dev/zero", O_RDONLY);
	if (zero_fd < 0)
		bench_die("open /dev/zero");

	/* the simulated paths need an EVL thread; the real ones must not demote it */
	bench_attach("main", 0);
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
		bench_read_extras(build, build_keys, build_rows, "s");
	if (insns)
		bench_read_extras(insns, insn_keys, insn_rows, "instr/op");
	bench_summarize();
	bench_print_table(stdout);
	if (csv)
		bench_write_csv(csv);
	if (json)
		bench_write_json(json);
	if (evlsim_unload_module("nulldrv"))
		bench_die("unload nulldrv");
	return 0;
}
