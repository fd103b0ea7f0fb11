/* SPDX-License-Identifier: LGPL-2.1-or-later */
/*
 * evlsim-campaign: what its pieces share. evlsim-campaign.c runs the campaign (processes,
 * timeouts, the journal, the two modes); campaign-options.c reads the command line;
 * campaign-classify.c tells a finished run's verdict from its status and outputs;
 * campaign-progress.c shows the progress and the summary; campaign-report.c turns runs
 * into text (shell quoting, reproducers, output tails, the JUnit and JSON reports);
 * campaign-shard.c picks a shard's share of the seeds (--shard, the CI's variables);
 * campaign-merge.c reads their JSON reports back (json-c) and folds them into one (--merge).
 */
#ifndef _EVLSIM_TOOLS_CAMPAIGN_H
#define _EVLSIM_TOOLS_CAMPAIGN_H

#include <stdbool.h>
#include <stdint.h>
#include <sys/types.h>

/* A run's verdict; everything but V_PASS is a failure. */
enum verdict { V_PASS, V_FAIL, V_CRASH, V_TIMEOUT, V_LEAK, V_RULE, V_NR };

enum run_state { R_PENDING, R_RUNNING, R_EXITED, R_DONE };

struct run {
	unsigned int index;		/* 1-based, in start order */
	uint64_t seed;			/* seed mode: EVLSIM_SEED */
	char *site;			/* systematic mode: the site the run failed, or NULL */
	unsigned int nsites;		/* sites the run appended to the log (one, unless
					 * the program breaks the mode); site is the first */
	enum run_state state;
	pid_t pid;			/* also the process group of the run */
	double start, secs;
	int status;			/* waitpid() status */
	bool timed_out, interrupted;
	enum verdict verdict;
	unsigned int leaks, rules;	/* "evlsim: LEAK" / "evlsim: RULE" lines, LeakSanitizer */
	unsigned int crashes;		/* a test's child killed by a signal (Check), a
					 * sanitizer's error report */
	unsigned int hangs;		/* a test's child past Check's timeout */
	char *reason;			/* failures: one line */
	char *key;			/* failures: what groups alike ones (verdict, first
					 * Check failure location) */
	char *repro;			/* the line that replays the run */
	char *tail;			/* failures: the end of stderr and stdout */
	char *base;			/* output files: base.stdout, base.stderr (base.repro) */
	bool kept;			/* the output files stay (--keep) */
};

struct campaign {
	char **argv;			/* the test program and its arguments */
	const char *faults;		/* EVLSIM_FAULTS, or NULL */
	bool systematic;
	const char *syslog;		/* systematic mode: EVLSIM_FAULT_SYSTEMATIC (absolute) */
	const char *commit;		/* git describe of the build */
	const char *cwd;
	struct run *runs;
	unsigned int nruns;		/* runs started */
	unsigned int counts[V_NR];	/* finished runs, interrupted ones excluded */
	double elapsed;
	bool interrupted;
	bool complete;			/* systematic: the exploration reached its end */
	const char *note;		/* systematic: why it stopped */
	/* seed mode: the share of the campaign's seeds this report covers */
	unsigned int shard_k, shard_n;	/* shard K/N, 1-based; 0/0 when not sharded */
	const char *shard_from;		/* where K/N came from: "--shard", the CI's variables */
	const uint64_t *seeds;		/* the seeds of this report (a shard's share), in order */
	unsigned int nseeds;
	unsigned int campaign_nseeds;	/* the whole campaign's seeds, all shards together */
	uint64_t campaign_hash;		/* fingerprint of the whole campaign's seed list */
	char **merged_from;		/* --merge: the reports folded into this one */
	unsigned int nmerged;
};

extern const char *const verdict_names[V_NR];

char *xstrdup(const char *s);
char *xasprintf(const char *fmt, ...) __attribute__((format(printf, 1, 2)));
void die(const char *fmt, ...) __attribute__((format(printf, 1, 2), noreturn));
void bad_usage(const char *fmt, ...) __attribute__((format(printf, 1, 2), noreturn));

char *shell_quote(const char *s);
char *make_repro(const struct campaign *c, const struct run *r);
char *read_tail(const char *path, unsigned int lines);
int write_junit(const struct campaign *c, const char *path);
int write_json(const struct campaign *c, const char *path);

/* ---- the runner's state and pieces (evlsim-campaign.c and the campaign-*.c files) ---- */

enum { EXIT_PASS = 0, EXIT_FAILED = 1, EXIT_USAGE = 2, EXIT_ERROR = 3, EXIT_INTERRUPTED = 4 };

struct options {
	unsigned int runs, jobs, max_runs, tail;
	uint64_t seed_start;
	const char *seeds_file, *journal, *keep, *junit, *json;
	const char *shard;		/* --shard K/N, or NULL */
	const char *shard_total;	/* --shard-total N, or NULL */
	char **merge_files;		/* --merge: the reports to fold */
	unsigned int nmerge;
	double timeout;
	bool resume, bar, runs_given, seed_given, merge;
};

extern struct options opt;
extern struct campaign camp;
extern uint64_t *seeds;			/* seed mode: the seeds to run */
extern unsigned int nseeds;
extern double t0;			/* when the campaign started */

double now(void);

/* campaign-options.c: the command line */
void parse_options(int argc, char **argv);
void read_seeds(const char *path);

/* campaign-shard.c: which shard this run is, its share of the seeds, seed lists as text */
void shard_resolve(void);
void shard_select(void);
uint64_t seeds_hash(const uint64_t *s, unsigned int n);
char *seed_list_text(const uint64_t *s, unsigned int n, unsigned int max_items);

/* campaign-merge.c: --merge, the whole of it; returns the exit status */
int merge_reports(void);

/* campaign-classify.c: a finished run's verdict, reason and group from its outputs */
const char *signame(int sig);
void classify(struct run *r);

/* campaign-progress.c: a progress bar on a terminal, a line per run elsewhere; the summary */
unsigned int nfinished(void);
unsigned int nrunning(void);
void draw_bar(void);
void say(const char *fmt, ...) __attribute__((format(printf, 1, 2)));
const char *run_label(const struct run *r);
void print_summary(void);

#endif /* _EVLSIM_TOOLS_CAMPAIGN_H */
