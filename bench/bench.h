/* SPDX-License-Identifier: MIT */
/*
 * What the files of evlsim-bench share: the table of figures (bench-report.c), the
 * helpers every group of benchmarks uses (evlsim-bench.c), the groups in files of their
 * own (bench-hw.c, bench-spi.c) and the calls into bench/nulldrv.c.
 */
#ifndef _BENCH_H
#define _BENCH_H

#include <stddef.h>
#include <stdio.h>

#define NODE		"/dev/benchnull"
#define MAX_ROWS	32
#define MAX_ROUNDS	31
#define MAX_THREADS	4
#define PP_ROUNDS	2000

enum path { P_FLOOR, P_OOB_READ, P_OOB_WRITE, P_OOB_IOCTL, P_OOB_LOCK, P_READ_ZERO, P_PRCTL,
	    P_NR };

/* in evlsim-bench.c */
extern const char *const bench_path_names[P_NR];
int bench_open_node(void);
void bench_attach(const char *what, int i);

/* in bench-report.c: the figures, each measured in bench_rounds rounds */
extern int bench_rounds;
void bench_die(const char *what) __attribute__((noreturn));
double bench_now_ns(void);
void bench_add(const char *name, const char *unit, double v);
void bench_summarize(void);
double bench_median(const char *name);
void bench_read_extras(const char *file, const char *const *names, const char *const *rows_,
		       const char *unit);
void bench_print_table(FILE *f);
void bench_write_csv(const char *file);
void bench_write_json(const char *file);

/* in bench-hw.c */
void bench_readl(void);
void bench_irq_pingpong(void);
void bench_gpio_edge(void);

/* in bench/nulldrv.c */
long bench_floor_oob_read(void *buf, size_t count);
size_t bench_ctx_size(void);
void bench_release_delay(long long *op_left_ns, long long *release_ns);
int bench_spinning(void);
void bench_spin_stop(void);
int bench_irq_request(unsigned int irq, int fd);
void bench_irq_free(unsigned int irq, int fd);

#endif
