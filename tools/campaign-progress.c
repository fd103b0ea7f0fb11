// SPDX-License-Identifier: LGPL-2.1-or-later
/*
 * evlsim-campaign: the progress (a bar on a terminal, a line per run elsewhere) and the
 * summary at the end.
 */
#include "config.h"

#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "campaign.h"

unsigned int nfinished(void)
{
	unsigned int v, n = 0;

	for (v = 0; v < V_NR; v++)
		n += camp.counts[v];
	return n;
}

unsigned int nrunning(void)
{
	unsigned int i, n = 0;

	for (i = 0; i < camp.nruns; i++)
		n += camp.runs[i].state == R_RUNNING;
	return n;
}

void draw_bar(void)
{
	unsigned int total = camp.systematic ? opt.max_runs : nseeds, done = nfinished(), w = 30, i;
	unsigned int filled = total ? (unsigned long long)done * w / total : 0;

	if (!opt.bar)
		return;
	printf("\r\033[K[");
	for (i = 0; i < w; i++)
		putchar(i < filled ? '#' : '.');
	printf("] %u/%u%s  pass %u  fail %u  running %u  %.0fs", done, total,
	       camp.systematic ? " max" : "", camp.counts[V_PASS], done - camp.counts[V_PASS],
	       nrunning(), now() - t0);
	fflush(stdout);
}

void say(const char *fmt, ...)
{
	va_list ap;

	if (opt.bar)
		printf("\r\033[K");
	va_start(ap, fmt);
	vprintf(fmt, ap);
	va_end(ap);
	draw_bar();
	fflush(stdout);
}

const char *run_label(const struct run *r)
{
	static char buf[64];

	if (camp.systematic)
		snprintf(buf, sizeof(buf), "run %u", r->index);
	else
		snprintf(buf, sizeof(buf), "run %u/%u seed %llu", r->index, nseeds,
			 (unsigned long long)r->seed);
	return buf;
}

static void print_groups(void)
{
	unsigned int i, j, ngroups = 0, *count = calloc(camp.nruns, sizeof(*count));
	struct run **first = calloc(camp.nruns, sizeof(*first));

	if (!count || !first)
		die("out of memory");
	for (i = 0; i < camp.nruns; i++) {
		struct run *r = &camp.runs[i];

		if (r->state != R_DONE || r->interrupted || r->verdict == V_PASS)
			continue;
		for (j = 0; j < ngroups && strcmp(first[j]->key, r->key); j++)
			;
		if (j == ngroups)
			first[ngroups++] = r;
		count[j]++;
	}
	printf("distinct failures (verdict and first Check failure, or reason), most frequent first:\n");
	for (;;) {
		unsigned int best = ngroups;

		for (j = 0; j < ngroups; j++)
			if (count[j] && (best == ngroups || count[j] > count[best]))
				best = j;
		if (best == ngroups)
			break;
		printf("  %u x %s\n    %s\n", count[best], first[best]->key, first[best]->repro);
		count[best] = 0;
	}
	free(count);
	free(first);
}

void print_summary(void)
{
	unsigned int i, v, failed = nfinished() - camp.counts[V_PASS];

	if (opt.bar)
		printf("\r\033[K");
	printf("evlsim-campaign: %u run%s, %u passed, %u failed (", nfinished(),
	       nfinished() == 1 ? "" : "s", camp.counts[V_PASS], failed);
	for (v = V_PASS + 1; v < V_NR; v++)
		printf("%s%s %u", v == V_PASS + 1 ? "" : ", ", verdict_names[v], camp.counts[v]);
	printf(") in %.1f s%s\n", camp.elapsed, camp.interrupted ? ", interrupted" : "");
	if (camp.systematic)
		printf("evlsim-campaign: systematic: %s\n", camp.note);
	if (camp.shard_n || camp.nmerged) {
		char *list = seed_list_text(camp.seeds, camp.nseeds, 20);

		if (camp.shard_n)
			printf("evlsim-campaign: shard %u/%u (%s): %u of the campaign's %u seeds: %s\n",
			       camp.shard_k, camp.shard_n, camp.shard_from, camp.nseeds,
			       camp.campaign_nseeds, list);
		else
			printf("evlsim-campaign: merged %u report%s: %u seeds: %s\n", camp.nmerged,
			       camp.nmerged == 1 ? "" : "s", camp.nseeds, list);
		free(list);
	}
	printf("evlsim-campaign: build %s, directory %s\n", camp.commit, camp.cwd);
	if (!failed)
		return;
	printf("failing runs, one replay line each (from that directory):\n");
	for (i = 0; i < camp.nruns; i++) {
		struct run *r = &camp.runs[i];

		if (r->state != R_DONE || r->interrupted || r->verdict == V_PASS)
			continue;
		printf("  [%s] %s: %s\n    %s\n", verdict_names[r->verdict], run_label(r),
		       r->reason, r->repro);
		if (r->kept)
			printf("    output: %s.stdout, %s.stderr\n", r->base, r->base);
	}
	print_groups();
}
