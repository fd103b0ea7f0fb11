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

#include <json-c/json.h>

#include "campaign.h"

struct report {
	const char *path;
	struct json_object *doc;	/* the parsed report (json-c) */
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

/* json-c's numbers are of two types: a number is either (json_type_double stands for both) */
static bool type_is(struct json_object *v, enum json_type type)
{
	enum json_type t = json_object_get_type(v);

	return t == type || (type == json_type_double && t == json_type_int);
}

/*
 * The member @key of @obj, checked to be of @type (json_type_double: any number) or, if
 * @nullable, null (then NULL). Anything else is refused, before json-c can coerce it.
 */
static struct json_object *member(const struct report *r, struct json_object *obj,
				  const char *key, enum json_type type, bool nullable)
{
	struct json_object *v = NULL;
	bool found = json_object_object_get_ex(obj, key, &v);

	if (found && (type_is(v, type) || (nullable && !v)))
		return v;
	if (!found && type == json_type_array && !strcmp(key, "seeds"))
		refuse("%s: no seed list: a report of an evlsim-campaign older than --shard; run "
		       "the campaign again with this one", r->path);
	refuse("%s: not an evlsim-campaign seed report: \"%s\" %s", r->path, key,
	       found ? "has the wrong type" : "is missing");
}

static const char *str_of(const struct report *r, struct json_object *obj, const char *key)
{
	return json_object_get_string(member(r, obj, key, json_type_string, false));
}

static double num_of(const struct report *r, struct json_object *obj, const char *key)
{
	return json_object_get_double(member(r, obj, key, json_type_double, false));
}

static unsigned int count_of(const struct report *r, struct json_object *obj, const char *key)
{
	struct json_object *v = member(r, obj, key, json_type_double, false);
	int64_t i;
	double d;

	if (json_object_get_type(v) == json_type_int) {
		i = json_object_get_int64(v);	/* past INT64_MAX: INT64_MAX */
		if (i < 0 || i > UINT32_MAX / 2)
			refuse("%s: \"%s\" is not a count", r->path, key);
		return (unsigned int)i;
	}
	d = json_object_get_double(v);
	if (!(d >= 0 && d <= UINT32_MAX / 2) || d != (unsigned int)d)
		refuse("%s: \"%s\" is not a count", r->path, key);
	return (unsigned int)d;
}

/* A seed is a JSON string of digits (a double would round seeds past 2^53). */
static uint64_t seed_of(const struct report *r, struct json_object *v)
{
	const char *str = json_object_get_string(v);
	char *end;
	uint64_t s;

	if (json_object_get_type(v) != json_type_string || !str[0] ||
	    !strchr("0123456789", str[0]))
		refuse("%s: a seed is not a string of digits", r->path);
	errno = 0;
	s = strtoull(str, &end, 10);
	if (errno || *end)
		refuse("%s: bad seed \"%s\"", r->path, str);
	return s;
}

/* Parses @text (@len bytes) as one strict JSON document, or refuses saying where and why. */
static struct json_object *parse(const struct report *r, const char *text, size_t len)
{
	struct json_tokener *tok = json_tokener_new();
	struct json_object *doc;
	enum json_tokener_error err;
	unsigned int line = 1, col = 1;
	size_t i, end;

	if (!tok || len > INT32_MAX)
		refuse("%s: %s", r->path, tok ? "too large" : "out of memory");
	json_tokener_set_flags(tok, JSON_TOKENER_STRICT);	/* RFC 8259; no trailing data */
	doc = json_tokener_parse_ex(tok, text, (int)len);
	err = json_tokener_get_error(tok);
	end = json_tokener_get_parse_end(tok);
	json_tokener_free(tok);
	if (doc && err == json_tokener_success)
		return doc;
	json_object_put(doc);
	if (err == json_tokener_continue)	/* the text ended inside the document */
		err = json_tokener_error_parse_eof;
	for (i = 0; i < end && i < len; i++) {
		if (text[i] == '\n') {
			line++;
			col = 1;
		} else {
			col++;
		}
	}
	refuse("%s: not JSON: line %u, column %u: %s", r->path, line, col,
	       json_tokener_error_desc(err));
}

static void load(struct report *r)
{
	struct json_object *v, *a;
	char *text = NULL;
	size_t size = 0, len, i, n;
	FILE *f = fopen(r->path, "r");

	if (!f)
		refuse("%s: %s", r->path, strerror(errno));
	len = getdelim(&text, &size, '\0', f) < 0 ? 0 : strlen(text);
	fclose(f);
	if (!len)
		refuse("%s: empty", r->path);
	r->doc = parse(r, text, len);
	free(text);
	if (!json_object_object_get_ex(r->doc, "tool", &v) ||
	    json_object_get_type(v) != json_type_string ||
	    strcmp(json_object_get_string(v), "evlsim-campaign"))
		refuse("%s: not an evlsim-campaign report", r->path);
	if (strcmp(str_of(r, r->doc, "mode"), "seeds"))
		refuse("%s: a systematic campaign: only seed campaigns merge", r->path);
	r->commit = str_of(r, r->doc, "commit");
	r->dir = str_of(r, r->doc, "directory");
	v = member(r, r->doc, "faults", json_type_string, true);
	r->faults = v ? json_object_get_string(v) : NULL;
	a = member(r, r->doc, "command", json_type_array, false);
	n = json_object_array_length(a);
	if (!n)
		refuse("%s: empty \"command\"", r->path);
	r->argv = calloc(n + 1, sizeof(*r->argv));
	if (!r->argv)
		die("out of memory");
	for (i = 0; i < n; i++) {
		struct json_object *item = json_object_array_get_idx(a, i);
		char *q, *c;

		if (json_object_get_type(item) != json_type_string)
			refuse("%s: \"command\" holds a non-string", r->path);
		/* json-c's string, which lives as long as r->doc (until the exit) */
		r->argv[i] = (char *)json_object_get_string(item);
		q = shell_quote(r->argv[i]);
		c = xasprintf("%s%s%s", r->cmd ? r->cmd : "", r->cmd ? " " : "", q);
		free(r->cmd);
		free(q);
		r->cmd = c;
	}
	v = member(r, r->doc, "shard", json_type_object, true);
	if (v) {
		r->k = count_of(r, v, "index");
		r->n = count_of(r, v, "total");
		if (!r->k || r->k > r->n)
			refuse("%s: bad shard %u/%u", r->path, r->k, r->n);
	}
	r->campaign_nseeds = count_of(r, r->doc, "campaign_seeds");
	r->hash = str_of(r, r->doc, "campaign_seeds_hash");
	a = member(r, r->doc, "seeds", json_type_array, false);
	n = json_object_array_length(a);
	if (n > UINT32_MAX / 2)
		refuse("%s: too many seeds", r->path);
	r->nseeds = (unsigned int)n;
	r->seeds = calloc(n ? n : 1, sizeof(*r->seeds));
	if (!r->seeds)
		die("out of memory");
	for (i = 0; i < n; i++)
		r->seeds[i] = seed_of(r, json_object_array_get_idx(a, i));
	r->elapsed = num_of(r, r->doc, "elapsed_seconds");
	r->interrupted = json_object_get_boolean(member(r, r->doc, "interrupted",
							json_type_boolean, false));
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

static const char *str_or_null(const struct report *rep, struct json_object *o, const char *key)
{
	struct json_object *v = member(rep, o, key, json_type_string, true);

	return v ? json_object_get_string(v) : NULL;
}

/* The runs of one report, numbered as in the whole campaign. */
static void add_runs(const struct report *rep, unsigned int offset)
{
	struct json_object *fl = member(rep, rep->doc, "failures", json_type_array, false);
	struct json_object *pl = member(rep, rep->doc, "passed_runs", json_type_array, false);
	size_t np = json_object_array_length(pl), nf = json_object_array_length(fl), i;
	unsigned int v, local;

	if (np != count_of(rep, rep->doc, "passed") || nf != count_of(rep, rep->doc, "failed"))
		refuse("%s: the lists of runs do not match the counts", rep->path);
	for (i = 0; i < np + nf; i++) {
		struct json_object *o = i < np ? json_object_array_get_idx(pl, i) :
						 json_object_array_get_idx(fl, i - np);
		struct run *r = &camp.runs[camp.nruns++];
		const char *s;

		memset(r, 0, sizeof(*r));
		local = count_of(rep, o, "run");
		if (!local || local > rep->nseeds)
			refuse("%s: run %u is not one of its %u seeds", rep->path, local, rep->nseeds);
		r->index = rep->n ? (local - 1) * rep->n + rep->k : offset + local;
		r->seed = seed_of(rep, member(rep, o, "seed", json_type_string, false));
		if (r->seed != rep->seeds[local - 1])
			refuse("%s: run %u has seed %llu, its seed list says %llu", rep->path, local,
			       (unsigned long long)r->seed, (unsigned long long)rep->seeds[local - 1]);
		r->secs = num_of(rep, o, "seconds");
		r->state = R_DONE;
		r->verdict = V_PASS;
		if (i >= np) {
			s = str_of(rep, o, "class");
			for (v = V_PASS + 1; v < V_NR && strcmp(verdict_names[v], s); v++)
				;
			if (v == V_NR)
				refuse("%s: unknown class \"%s\"", rep->path, s);
			r->verdict = v;
			r->reason = xstrdup(str_of(rep, o, "reason"));
			r->repro = xstrdup(str_of(rep, o, "reproducer"));
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
