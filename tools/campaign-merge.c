// SPDX-License-Identifier: LGPL-2.1-or-later
/*
 * evlsim-campaign --merge: folds the --json reports of a campaign's shards (or of seed
 * campaigns run piecewise) into one: the summary on stdout, and --json and --junit reports
 * as one run of the whole campaign would have written them. The reports must be of one
 * campaign: the same test program, fault specification and build, no seed in two of them;
 * shards must all be there, from the same split of the same seed list (its size and
 * fingerprint), and together rebuild that list. Anything else is refused, saying what
 * differs, with exit status 2; else the exit status is a run's: 0 every run passed, 1 a
 * run failed, 3 a report could not be written, 4 a shard was interrupted.
 */
#include "config.h"

#include <errno.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "campaign.h"
#include "campaign-json.h"

struct report {
	const char *path;
	struct jv *doc;
	char **argv;			/* the test program and its arguments */
	char *cmd;			/* the same, shell-quoted, for messages */
	const char *faults, *commit, *dir;
	unsigned int k, n;		/* shard K/N, 0/0 when not a shard */
	unsigned int campaign_nseeds;
	const char *hash;
	uint64_t *seeds;
	unsigned int nseeds;
	double elapsed;
	bool interrupted;
};

static void __attribute__((format(printf, 1, 2), noreturn)) refuse(const char *fmt, ...)
{
	va_list ap;

	fflush(stdout);
	fputs("evlsim-campaign: --merge: ", stderr);
	va_start(ap, fmt);
	vfprintf(stderr, fmt, ap);
	va_end(ap);
	fputc('\n', stderr);
	exit(EXIT_USAGE);
}

static const struct jv *member(const struct report *r, const struct jv *obj, const char *key,
			       enum jv_type type, bool nullable)
{
	const struct jv *v = json_get(obj, key);

	if (v && (v->type == type || (nullable && v->type == JV_NULL)))
		return v->type == JV_NULL ? NULL : v;
	if (!v && type == JV_ARRAY && !strcmp(key, "seeds"))
		refuse("%s: no seed list: a report of an evlsim-campaign older than --shard; run "
		       "the campaign again with this one", r->path);
	refuse("%s: not an evlsim-campaign seed report: \"%s\" %s", r->path, key,
	       v ? "has the wrong type" : "is missing");
}

static unsigned int count_of(const struct report *r, const struct jv *obj, const char *key)
{
	const struct jv *v = member(r, obj, key, JV_NUMBER, false);

	if (!(v->num >= 0 && v->num <= UINT32_MAX / 2) || v->num != (unsigned int)v->num)
		refuse("%s: \"%s\" is not a count", r->path, key);
	return (unsigned int)v->num;
}

static uint64_t seed_of(const struct report *r, const struct jv *v)
{
	char *end;
	uint64_t s;

	if (!v || v->type != JV_STRING || !v->str[0] || !strchr("0123456789", v->str[0]))
		refuse("%s: a seed is not a string of digits", r->path);
	errno = 0;
	s = strtoull(v->str, &end, 10);
	if (errno || *end)
		refuse("%s: bad seed \"%s\"", r->path, v->str);
	return s;
}

static void load(struct report *r)
{
	const struct jv *v, *a;
	char *text = NULL, *err;
	size_t size = 0, len;
	FILE *f = fopen(r->path, "r");
	unsigned int i;

	if (!f)
		refuse("%s: %s", r->path, strerror(errno));
	len = getdelim(&text, &size, '\0', f) < 0 ? 0 : strlen(text);
	fclose(f);
	if (!len)
		refuse("%s: empty", r->path);
	r->doc = json_parse(text, &err);
	free(text);
	if (!r->doc)
		refuse("%s: not JSON: %s", r->path, err);
	v = json_get(r->doc, "tool");
	if (!v || v->type != JV_STRING || strcmp(v->str, "evlsim-campaign"))
		refuse("%s: not an evlsim-campaign report", r->path);
	if (strcmp(member(r, r->doc, "mode", JV_STRING, false)->str, "seeds"))
		refuse("%s: a systematic campaign: only seed campaigns merge", r->path);
	r->commit = member(r, r->doc, "commit", JV_STRING, false)->str;
	r->dir = member(r, r->doc, "directory", JV_STRING, false)->str;
	v = member(r, r->doc, "faults", JV_STRING, true);
	r->faults = v ? v->str : NULL;
	a = member(r, r->doc, "command", JV_ARRAY, false);
	if (!a->n)
		refuse("%s: empty \"command\"", r->path);
	r->argv = calloc(a->n + 1, sizeof(*r->argv));
	if (!r->argv)
		die("out of memory");
	for (i = 0; i < a->n; i++) {
		char *q, *c;

		if (a->items[i]->type != JV_STRING)
			refuse("%s: \"command\" holds a non-string", r->path);
		r->argv[i] = a->items[i]->str;
		q = shell_quote(r->argv[i]);
		c = xasprintf("%s%s%s", r->cmd ? r->cmd : "", r->cmd ? " " : "", q);
		free(r->cmd);
		free(q);
		r->cmd = c;
	}
	v = member(r, r->doc, "shard", JV_OBJECT, true);
	if (v) {
		r->k = count_of(r, v, "index");
		r->n = count_of(r, v, "total");
		if (!r->k || r->k > r->n)
			refuse("%s: bad shard %u/%u", r->path, r->k, r->n);
	}
	r->campaign_nseeds = count_of(r, r->doc, "campaign_seeds");
	r->hash = member(r, r->doc, "campaign_seeds_hash", JV_STRING, false)->str;
	a = member(r, r->doc, "seeds", JV_ARRAY, false);
	r->nseeds = a->n;
	r->seeds = calloc(a->n ? a->n : 1, sizeof(*r->seeds));
	if (!r->seeds)
		die("out of memory");
	for (i = 0; i < a->n; i++)
		r->seeds[i] = seed_of(r, a->items[i]);
	r->elapsed = member(r, r->doc, "elapsed_seconds", JV_NUMBER, false)->num;
	r->interrupted = member(r, r->doc, "interrupted", JV_BOOL, false)->boolean;
}

/* Two reports of one campaign, or the first thing that differs. */
static void compare(const struct report *a, const struct report *b)
{
	if (strcmp(a->cmd, b->cmd))
		refuse("%s and %s are different campaigns: test program %s in the first, %s in "
		       "the second", a->path, b->path, a->cmd, b->cmd);
	if (!a->faults != !b->faults || (a->faults && strcmp(a->faults, b->faults)))
		refuse("%s and %s are different campaigns: fault specification %s in the "
		       "first, %s in the second", a->path, b->path,
		       a->faults ? a->faults : "none", b->faults ? b->faults : "none");
	if (strcmp(a->commit, b->commit))
		refuse("%s and %s are different campaigns: build %s in the first, %s in the "
		       "second (replay lines hold the commit)", a->path, b->path, a->commit,
		       b->commit);
	if (!a->n != !b->n)
		refuse("%s %s a shard, %s %s: merge the shards of one campaign, or whole campaigns",
		       a->path, a->n ? "is" : "is not", b->path, b->n ? "is" : "is not");
	if (a->n && a->n != b->n)
		refuse("%s is shard %u/%u, %s shard %u/%u: different splits", a->path, a->k, a->n,
		       b->path, b->k, b->n);
	if (a->n && (a->campaign_nseeds != b->campaign_nseeds || strcmp(a->hash, b->hash)))
		refuse("%s and %s are different campaigns: their seed lists differ (%u seeds, "
		       "fingerprint %s in the first; %u seeds, fingerprint %s in the second: "
		       "another --runs, --seed-start or --seeds file)", a->path, b->path,
		       a->campaign_nseeds, a->hash, b->campaign_nseeds, b->hash);
	if (a->n && a->k == b->k)
		refuse("shard %u/%u is there twice: %s and %s", a->k, a->n, a->path, b->path);
}

struct owned { uint64_t seed; unsigned int report; };

static int cmp_owned(const void *x, const void *y)
{
	const struct owned *a = x, *b = y;

	return a->seed < b->seed ? -1 : a->seed > b->seed;
}

static int cmp_run(const void *x, const void *y)
{
	const struct run *a = x, *b = y;

	return a->index < b->index ? -1 : a->index > b->index;
}

/* No seed in two reports; shards: all there, and together the campaign's list again. */
static uint64_t *union_of(struct report *rep, unsigned int nrep, unsigned int *count)
{
	/* static and stored for sure (volatile): reachable when refuse() exits */
	static struct owned *volatile all;
	static uint64_t *volatile list;
	static bool *volatile have;
	static char *text;
	unsigned int i, j, total = 0, pos, nmissing = 0;
	char hash[20];

	for (i = 0; i < nrep; i++)
		total += rep[i].nseeds;
	all = calloc(total ? total : 1, sizeof(*all));
	list = calloc(total ? total : 1, sizeof(*list));
	if (!all || !list)
		die("out of memory");
	for (i = 0, pos = 0; i < nrep; i++)
		for (j = 0; j < rep[i].nseeds; j++)
			all[pos++] = (struct owned){ rep[i].seeds[j], i };
	qsort(all, total, sizeof(*all), cmp_owned);
	for (i = 1; i < total; i++)
		if (all[i].seed == all[i - 1].seed)
			refuse("%s and %s overlap: seed %llu is in both (the same seeds run twice)",
			       rep[all[i - 1].report].path, rep[all[i].report].path,
			       (unsigned long long)all[i].seed);
	free(all);
	all = NULL;
	*count = total;
	if (!rep[0].n) {	/* whole campaigns: one after the other */
		for (i = 0, pos = 0; i < nrep; i++)
			for (j = 0; j < rep[i].nseeds; j++)
				list[pos++] = rep[i].seeds[j];
		return list;
	}
	have = calloc(rep[0].n + 1, sizeof(*have));
	if (!have)
		die("out of memory");
	for (i = 0; i < nrep; i++)
		have[rep[i].k] = true;
	for (i = 1; i <= rep[0].n; i++)
		nmissing += !have[i];
	if (nmissing) {
		size_t size = 0;
		FILE *f = open_memstream(&text, &size);
		unsigned int shown = 0;

		if (!f)
			die("out of memory");
		for (i = 1; i <= rep[0].n; i++)
			if (!have[i] && shown++ < 20)
				fprintf(f, "%s%u/%u", shown > 1 ? ", " : "", i, rep[0].n);
		if (shown > 20)
			fprintf(f, ", ... (%u in all)", shown);
		fclose(f);
		refuse("missing shard%s %s: %u report%s of the campaign's %u shards",
		       nmissing > 1 ? "s" : "", text, nrep, nrep == 1 ? "" : "s", rep[0].n);
	}
	free(have);
	have = NULL;
	/* shard K's j-th seed is the campaign's seed at index j * N + K - 1 */
	if (total != rep[0].campaign_nseeds)
		refuse("the shards hold %u seeds, their campaign %u", total, rep[0].campaign_nseeds);
	for (i = 0; i < nrep; i++)
		for (j = 0; j < rep[i].nseeds; j++) {
			uint64_t at = (uint64_t)j * rep[i].n + rep[i].k - 1;

			if (at >= total)
				refuse("%s: shard %u/%u holds more seeds than its share", rep[i].path,
				       rep[i].k, rep[i].n);
			list[at] = rep[i].seeds[j];
		}
	snprintf(hash, sizeof(hash), "%016llx", (unsigned long long)seeds_hash(list, total));
	if (strcmp(hash, rep[0].hash))
		refuse("the shards do not rebuild their campaign's seed list (fingerprint %s, "
		       "the reports say %s)", hash, rep[0].hash);
	return list;
}

static const char *str_or_null(const struct report *rep, const struct jv *o, const char *key)
{
	const struct jv *v = member(rep, o, key, JV_STRING, true);

	return v ? v->str : NULL;
}

/* The runs of one report, numbered as in the whole campaign. */
static void add_runs(const struct report *rep, unsigned int offset)
{
	const struct jv *fl = member(rep, rep->doc, "failures", JV_ARRAY, false);
	const struct jv *pl = member(rep, rep->doc, "passed_runs", JV_ARRAY, false);
	unsigned int i, v, local;

	if (pl->n != count_of(rep, rep->doc, "passed") || fl->n != count_of(rep, rep->doc, "failed"))
		refuse("%s: the lists of runs do not match the counts", rep->path);
	for (i = 0; i < pl->n + fl->n; i++) {
		const struct jv *o = i < pl->n ? pl->items[i] : fl->items[i - pl->n];
		struct run *r = &camp.runs[camp.nruns++];
		const char *s;

		memset(r, 0, sizeof(*r));
		local = count_of(rep, o, "run");
		if (!local || local > rep->nseeds)
			refuse("%s: run %u is not one of its %u seeds", rep->path, local, rep->nseeds);
		r->index = rep->n ? (local - 1) * rep->n + rep->k : offset + local;
		r->seed = seed_of(rep, member(rep, o, "seed", JV_STRING, false));
		if (r->seed != rep->seeds[local - 1])
			refuse("%s: run %u has seed %llu, its seed list says %llu", rep->path, local,
			       (unsigned long long)r->seed, (unsigned long long)rep->seeds[local - 1]);
		r->secs = member(rep, o, "seconds", JV_NUMBER, false)->num;
		r->state = R_DONE;
		r->verdict = V_PASS;
		if (i >= pl->n) {
			s = member(rep, o, "class", JV_STRING, false)->str;
			for (v = V_PASS + 1; v < V_NR && strcmp(verdict_names[v], s); v++)
				;
			if (v == V_NR)
				refuse("%s: unknown class \"%s\"", rep->path, s);
			r->verdict = v;
			r->reason = xstrdup(member(rep, o, "reason", JV_STRING, false)->str);
			r->repro = xstrdup(member(rep, o, "reproducer", JV_STRING, false)->str);
			s = str_or_null(rep, o, "group");
			r->key = xstrdup(s ? s : r->reason);
			s = str_or_null(rep, o, "output_tail");
			r->tail = s ? xstrdup(s) : NULL;
			s = str_or_null(rep, o, "output");
			r->base = s ? xstrdup(s) : NULL;
			r->kept = s != NULL;
		}
		camp.counts[r->verdict]++;
	}
}

/**
 * merge_reports() - evlsim-campaign --merge
 *
 * Reads opt.merge_files, checks that they make one campaign (else exits 2 saying why),
 * prints the summary and writes --json and --junit for the whole.
 *
 * Return: the exit status, as a run's.
 */
int merge_reports(void)
{
	static struct report *rep;	/* static: what it holds lives until the exit */
	unsigned int i, total, nruns = 0, offset = 0;
	bool same_dir = true;
	int ret = EXIT_PASS;

	rep = calloc(opt.nmerge, sizeof(*rep));
	if (!rep)
		die("out of memory");
	for (i = 0; i < opt.nmerge; i++) {
		rep[i].path = opt.merge_files[i];
		load(&rep[i]);
	}
	for (i = 1; i < opt.nmerge; i++) {
		unsigned int j;

		for (j = 0; j < i; j++)
			compare(&rep[j], &rep[i]);
		same_dir &= !strcmp(rep[i].dir, rep[0].dir);
	}
	seeds = union_of(rep, opt.nmerge, &total);
	nseeds = total;
	camp.argv = rep[0].argv;
	camp.faults = rep[0].faults;
	camp.commit = rep[0].commit;
	camp.cwd = same_dir ? rep[0].dir : "(each report's own: they differ)";
	camp.seeds = seeds;
	camp.nseeds = nseeds;
	camp.campaign_nseeds = nseeds;
	camp.campaign_hash = seeds_hash(seeds, nseeds);
	camp.merged_from = opt.merge_files;
	camp.nmerged = opt.nmerge;
	for (i = 0; i < opt.nmerge; i++) {
		nruns += rep[i].nseeds;
		camp.interrupted |= rep[i].interrupted;
		if (rep[i].elapsed > camp.elapsed)	/* the shards ran side by side */
			camp.elapsed = rep[i].elapsed;
	}
	camp.runs = calloc(nruns ? nruns : 1, sizeof(*camp.runs));
	if (!camp.runs)
		die("out of memory");
	for (i = 0; i < opt.nmerge; i++) {
		if (count_of(&rep[i], rep[i].doc, "runs") > rep[i].nseeds)
			refuse("%s: more runs than seeds", rep[i].path);
		add_runs(&rep[i], offset);
		offset += rep[i].nseeds;
	}
	qsort(camp.runs, camp.nruns, sizeof(*camp.runs), cmp_run);
	opt.bar = false;
	print_summary();
	if ((opt.junit && write_junit(&camp, opt.junit)) || (opt.json && write_json(&camp, opt.json)))
		ret = EXIT_ERROR;
	if (camp.interrupted)
		return EXIT_INTERRUPTED;
	if (ret)
		return ret;
	return camp.counts[V_PASS] == camp.nruns ? EXIT_PASS : EXIT_FAILED;
}
