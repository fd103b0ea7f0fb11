// SPDX-License-Identifier: LGPL-2.1-or-later
/*
 * evlsim-campaign: campaigns across machines. A seed campaign splits into N shards: the
 * seed at index i of the campaign's list (0-based, the order of --seed-start/--runs or of
 * the --seeds file) goes to shard (i mod N) + 1. The shards together run every seed once,
 * their sizes differ by one at most, and each shard knows its share from K, N and the list
 * alone, without talking to the others. K/N comes from --shard, or else from the variables
 * of the CI engine that started the job:
 *
 *   GitLab parallel jobs      CI_NODE_INDEX (1-based), CI_NODE_TOTAL
 *   Kubernetes Indexed Jobs   JOB_COMPLETION_INDEX (0-based), the total from --shard-total
 *                             or EVLSIM_SHARD_TOTAL (the Job's completions)
 *   Slurm job arrays          SLURM_ARRAY_TASK_ID, SLURM_ARRAY_TASK_COUNT; the task id is
 *                             whatever --array gave (0-7, 1-8, 0-14:2): K counts from
 *                             SLURM_ARRAY_TASK_MIN in steps of SLURM_ARRAY_TASK_STEP
 *
 * A bad value is a usage error (exit status 2) that names the variables and what is wrong.
 */
#include "config.h"

#include <limits.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "campaign.h"

#define SHARD_MAX	(UINT_MAX / 2)

/* A decimal number, digits only, at most SHARD_MAX; else the reason it is not one. */
static const char *shard_number(const char *s, uint64_t *v)
{
	*v = 0;
	if (!s)
		return "a variable is not set";
	if (!*s || strspn(s, "0123456789") != strlen(s))
		return "not a number";
	for (; *s; s++) {
		*v = *v * 10 + (uint64_t)(*s - '0');
		if (*v > SHARD_MAX)
			return "a number above 2147483647";
	}
	return NULL;
}

static void __attribute__((noreturn)) bad_shard(const char *what, const char *why)
{
	bad_usage("%s: bad shard (%s): want K/N with 1 <= K <= N", what, why);
}

static void set_shard(const char *what, uint64_t k, uint64_t n)
{
	if (!n)
		bad_shard(what, "N is 0");
	if (!k)
		bad_shard(what, "K is 0: shards count from 1");
	if (k > n)
		bad_shard(what, "K is above N");
	camp.shard_k = k;
	camp.shard_n = n;
}

static const char *env(const char *name)
{
	const char *v = getenv(name);

	return v && *v ? v : NULL;
}

static void shard_option(const char *arg)
{
	char *what = xasprintf("--shard '%s'", arg), *k, *slash;
	const char *why;
	uint64_t kv, nv;

	slash = strchr(arg, '/');
	if (!slash)
		bad_shard(what, "no '/'");
	k = xasprintf("%.*s", (int)(slash - arg), arg);
	if ((why = shard_number(k, &kv)) || (why = shard_number(slash + 1, &nv)))
		bad_shard(what, why);
	free(k);
	set_shard(what, kv, nv);
	camp.shard_from = "--shard";
	free(what);
}

static void shard_gitlab(void)
{
	const char *i = env("CI_NODE_INDEX"), *t = env("CI_NODE_TOTAL"), *why;
	char *what = xasprintf("CI_NODE_INDEX=%s CI_NODE_TOTAL=%s", i, t ? t : "(unset)");
	uint64_t k, n;

	if ((why = shard_number(i, &k)) || (why = shard_number(t, &n)))
		bad_shard(what, why);
	set_shard(what, k, n);
	camp.shard_from = what;
}

static void shard_kubernetes(void)
{
	const char *i = env("JOB_COMPLETION_INDEX"), *t = opt.shard_total, *why;
	const char *tname = "--shard-total";
	char *what;
	uint64_t k, n;

	if (!t) {
		t = env("EVLSIM_SHARD_TOTAL");
		tname = "EVLSIM_SHARD_TOTAL";
	}
	if (!t)
		bad_usage("JOB_COMPLETION_INDEX=%s (a Kubernetes Indexed Job) but no total: give "
			  "--shard-total N or EVLSIM_SHARD_TOTAL (the Job's completions)", i);
	what = xasprintf("JOB_COMPLETION_INDEX=%s %s%s%s", i, tname,
			 tname[0] == '-' ? " " : "=", t);
	if ((why = shard_number(i, &k)) || (why = shard_number(t, &n)))
		bad_shard(what, why);
	if (!n)
		bad_shard(what, "N is 0");
	if (k >= n)	/* 0-based: K = index + 1 */
		bad_shard(what, "the index is not below the total");
	set_shard(what, k + 1, n);
	camp.shard_from = what;
}

static void shard_slurm(void)
{
	const char *id = env("SLURM_ARRAY_TASK_ID"), *count = env("SLURM_ARRAY_TASK_COUNT");
	const char *min = env("SLURM_ARRAY_TASK_MIN"), *step = env("SLURM_ARRAY_TASK_STEP"), *why;
	char *what = xasprintf("SLURM_ARRAY_TASK_ID=%s SLURM_ARRAY_TASK_COUNT=%s%s%s%s%s", id,
			       count ? count : "(unset)", min ? " SLURM_ARRAY_TASK_MIN=" : "",
			       min ? min : "", step ? " SLURM_ARRAY_TASK_STEP=" : "", step ? step : "");
	uint64_t i, n, lo = 0, st = 1;

	if ((why = shard_number(id, &i)) || (why = shard_number(count, &n)) ||
	    (min && (why = shard_number(min, &lo))) || (step && (why = shard_number(step, &st))))
		bad_shard(what, why);
	if (!st)
		bad_shard(what, "the step is 0");
	if (i < lo)
		bad_shard(what, "the task id is below the array's first");
	if ((i - lo) % st)
		bad_shard(what, "the task id is not on the array's step");
	/* an array that is not MIN, MIN+STEP, ... (--array=1,4,5) leaves a task above N */
	if (n && (i - lo) / st >= n)
		bad_shard(what, "the task id is past MIN + (COUNT - 1) x STEP: give --array a "
			  "range (0-7, 1-8, 0-14:2), or --shard K/N");
	set_shard(what, (i - lo) / st + 1, n);
	camp.shard_from = what;
}

/**
 * shard_resolve() - which shard this run is, from --shard or the CI's variables
 *
 * Called once the command line is read. Sets camp.shard_k and camp.shard_n (0 when the run
 * is not a shard) and camp.shard_from; a bad or ambiguous value is a usage error.
 */
void shard_resolve(void)
{
	static const char *const fam[] = {
		"CI_NODE_INDEX", "JOB_COMPLETION_INDEX", "SLURM_ARRAY_TASK_ID",
	};
	unsigned int i, found = 3;

	if (opt.shard && opt.shard_total)
		bad_usage("--shard-total goes without --shard (it is the total of a Kubernetes "
			  "JOB_COMPLETION_INDEX)");
	if (opt.shard) {
		shard_option(opt.shard);
	} else {
		for (i = 0; i < 3; i++) {
			if (!env(fam[i]))
				continue;
			if (found < 3)
				bad_usage("both %s and %s are set: say which shard this is with "
					  "--shard K/N", fam[found], fam[i]);
			found = i;
		}
		if (opt.shard_total && found != 1)
			bad_usage("--shard-total goes with JOB_COMPLETION_INDEX (a Kubernetes "
				  "Indexed Job): elsewhere give --shard K/N");
		if (found == 0)
			shard_gitlab();
		else if (found == 1)
			shard_kubernetes();
		else if (found == 2)
			shard_slurm();
	}
	if (camp.systematic && camp.shard_n > 1 && opt.shard)
		bad_usage("--systematic goes without --shard K/N: systematic mode walks one log, "
			  "one run at a time, on one machine");
	if (camp.systematic && camp.shard_n > 1)
		bad_usage("--systematic does not split across machines (%s): systematic mode "
			  "walks one log, one run at a time; run it in a job that is not split, or "
			  "give --shard 1/1", camp.shard_from);
}

/* FNV-1a over the seeds, each as 8 bytes, least significant first. */
uint64_t seeds_hash(const uint64_t *s, unsigned int n)
{
	uint64_t h = 0xcbf29ce484222325ULL;
	unsigned int i, b;

	for (i = 0; i < n; i++)
		for (b = 0; b < 8; b++) {
			h ^= (s[i] >> (8 * b)) & 0xff;
			h *= 0x100000001b3ULL;
		}
	return h;
}

static int cmp_u64(const void *a, const void *b)
{
	uint64_t x = *(const uint64_t *)a, y = *(const uint64_t *)b;

	return x < y ? -1 : x > y;
}

/**
 * shard_select() - keep the share of the seeds that falls to this shard
 *
 * Called with the campaign's whole list in the globals seeds/nseeds; records its size and
 * fingerprint in camp, and leaves in seeds/nseeds (and camp.seeds/camp.nseeds) the seeds
 * at indexes K-1, K-1+N, K-1+2N... A sharded campaign refuses a list that holds a seed
 * twice: the shards would run it twice, and the merge would see them overlap.
 */
void shard_select(void)
{
	unsigned int i, n = 0;

	camp.campaign_nseeds = nseeds;
	camp.campaign_hash = seeds_hash(seeds, nseeds);
	if (camp.shard_n) {
		uint64_t *sorted = malloc((nseeds ? nseeds : 1) * sizeof(*sorted));

		if (!sorted)
			die("out of memory");
		memcpy(sorted, seeds, nseeds * sizeof(*sorted));
		qsort(sorted, nseeds, sizeof(*sorted), cmp_u64);
		for (i = 1; i < nseeds; i++)
			if (sorted[i] == sorted[i - 1])
				bad_usage("--seeds %s: seed %llu is there more than once: a sharded "
					  "campaign runs each seed once", opt.seeds_file,
					  (unsigned long long)sorted[i]);
		free(sorted);
		/* i + N cannot wrap: both are at most UINT_MAX / 2 */
		for (i = camp.shard_k - 1; i < nseeds; i += camp.shard_n)
			seeds[n++] = seeds[i];
		nseeds = n;
	}
	camp.seeds = seeds;
	camp.nseeds = nseeds;
}

/*
 * A seed list for people: "1, 4, ..., 28" for a stretch of 4 or more in steps of one
 * size, the others one by one; after @max_items items, "... (N more)".
 */
char *seed_list_text(const uint64_t *s, unsigned int n, unsigned int max_items)
{
	size_t size = 0;
	char *text = NULL;
	FILE *f = open_memstream(&text, &size);
	unsigned int i = 0, j, items = 0;

	if (!f)
		die("out of memory");
	if (!n)
		fputs("none", f);
	while (i < n) {
		if (items++ == max_items) {
			fprintf(f, ", ... (%u more)", n - i);
			break;
		}
		j = i + 1;
		if (i + 1 < n && s[i + 1] > s[i])
			while (j + 1 < n && s[j + 1] > s[j] && s[j + 1] - s[j] == s[i + 1] - s[i])
				j++;
		if (j - i >= 3) {	/* s[i] .. s[j]: at least 4 seeds */
			fprintf(f, "%s%llu, %llu, ..., %llu", i ? ", " : "", (unsigned long long)s[i],
				(unsigned long long)s[i + 1], (unsigned long long)s[j]);
			i = j + 1;
		} else {
			fprintf(f, "%s%llu", i ? ", " : "", (unsigned long long)s[i]);
			i++;
		}
	}
	if (fclose(f))
		die("out of memory");
	return text;
}
