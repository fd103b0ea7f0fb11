// SPDX-License-Identifier: MIT
/*
 * evlsim-bench's table: each figure's rounds, their median and min-max, the targets of
 * PERFORMANCE.md computed from the medians, and the table again as CSV and JSON.
 */
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include "bench.h"

struct row {
	const char *name;
	const char *unit;
	double v[MAX_ROUNDS];
	int n;
	double median, min, max;
};

static struct row rows[MAX_ROWS];
static int nr_rows;
int bench_rounds = 7;

void bench_die(const char *what)
{
	fprintf(stderr, "evlsim-bench: %s: %s\n", what, strerror(errno));
	exit(1);
}

double bench_now_ns(void)
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

void bench_add(const char *name, const char *unit, double v)
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

void bench_summarize(void)
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

double bench_median(const char *name)
{
	int i;

	for (i = 0; i < nr_rows; i++)
		if (!strcmp(rows[i].name, name))
			return rows[i].median;
	return 0;
}

/* ---- the table, CSV and JSON --------------------------------------------------------------------------- */

/* "name value" lines of @file, for the rows named in @names */
void bench_read_extras(const char *file, const char *const *names, const char *const *rows_,
		       const char *unit)
{
	FILE *f = fopen(file, "r");
	char name[64];
	double v;
	int i;

	if (!f)
		bench_die(file);
	while (fscanf(f, "%63s %lf", name, &v) == 2)
		for (i = 0; names[i]; i++)
			if (!strcmp(names[i], name))
				bench_add(rows_[i], unit, v);
	fclose(f);
}

static const char *verdict(int ok)
{
	return ok ? "met" : "MISSED";
}

void bench_print_table(FILE *f)
{
	double floor_ns = bench_median(bench_path_names[P_FLOOR]);
	double oob = bench_median(bench_path_names[P_OOB_READ]);
	double one = bench_median("1 thread: oob_read throughput");
	double insns = bench_median("instructions: oob_read");
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
		bench_median("2 threads, one file (total)") / one,
		verdict(bench_median("2 threads, one file (total)") / one >= 1.0));
	fprintf(f, "     2 threads two files / 1    %6.2fx   (>= 1.9x)                   %s\n",
		bench_median("2 threads, two files (total)") / one,
		verdict(bench_median("2 threads, two files (total)") / one >= 1.9));
	fprintf(f, "  3. read(2) / oob_read         %6.2fx   (>= 8x)                     %s\n",
		bench_median(bench_path_names[P_READ_ZERO]) / oob,
		verdict(bench_median(bench_path_names[P_READ_ZERO]) / oob >= 8));
	fprintf(f, "  4. close in flight: release   %6.0f ns (<= 2000 ns)              %s\n",
		bench_median("close in flight: op return -> release"),
		verdict(bench_median("close in flight: op return -> release") <= 2000));
	fprintf(f, "  5. oob round trip / futex     %6.2fx   (<= 1.2x)                   %s\n",
		bench_median("oob_write -> blocked oob_read round trip") /
		bench_median("futex ping-pong round trip"),
		verdict(bench_median("oob_write -> blocked oob_read round trip") <=
			1.2 * bench_median("futex ping-pong round trip")));
	fprintf(f, "  6. irq round trip / futex     %6.2fx   (reported)\n",
		bench_median("irq -> oob handler -> oob_read round trip") /
		bench_median("futex ping-pong round trip"));
	fprintf(f, "     GPIO edge -> oob_read / futex %5.2fx (reported)\n",
		bench_median("GPIO input edge -> oob handler -> oob_read") /
		bench_median("futex ping-pong round trip"));
	fprintf(f, "  6b. SPI pulse / futex         %6.2fx   (reported)\n",
		bench_median("oob SPI pulse round trip (spidev)") /
		bench_median("futex ping-pong round trip"));
	fprintf(f, "  7. memory per open file       %6.0f B  (<= 512 B)                 %s\n",
		bench_median("simulator memory per open file"),
		verdict(bench_median("simulator memory per open file") <= 512));
	if (bench_median("make") > 0)
		fprintf(f, "  8. build + make check         %6.0f s  (<= 300 s)                 %s\n",
			bench_median("make") + bench_median("make check"),
			verdict(bench_median("make") + bench_median("make check") <= 300));
}

void bench_write_csv(const char *file)
{
	FILE *f = fopen(file, "w");
	int i;

	if (!f)
		bench_die(file);
	fprintf(f, "figure,median,min,max,unit\n");
	for (i = 0; i < nr_rows; i++)
		fprintf(f, "\"%s\",%.3f,%.3f,%.3f,%s\n", rows[i].name, rows[i].median,
			rows[i].min, rows[i].max, rows[i].unit);
	fclose(f);
}

void bench_write_json(const char *file)
{
	FILE *f = fopen(file, "w");
	int i;

	if (!f)
		bench_die(file);
	fprintf(f, "{\n  \"rounds\": %d,\n  \"figures\": [\n", bench_rounds);
	for (i = 0; i < nr_rows; i++)
		fprintf(f, "    {\"figure\": \"%s\", \"median\": %.3f, \"min\": %.3f, \"max\": %.3f, \"unit\": \"%s\"}%s\n",
			rows[i].name, rows[i].median, rows[i].min, rows[i].max, rows[i].unit,
			i + 1 < nr_rows ? "," : "");
	fprintf(f, "  ]\n}\n");
	fclose(f);
}
