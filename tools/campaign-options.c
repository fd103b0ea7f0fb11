// SPDX-License-Identifier: LGPL-2.1-or-later
/*
 * evlsim-campaign: the command line (usage, options, the seeds file).
 */
#include "config.h"

#include <errno.h>
#include <getopt.h>
#include <limits.h>
#include <signal.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "campaign.h"
#include "core/fault-state.h"	/* the simulator's own parser of EVLSIM_FAULTS */

/* A usage error, as GNU tools give it: one line, the hint, exit status 2. */
void bad_usage(const char *fmt, ...)
{
	va_list ap;

	fputs("evlsim-campaign: ", stderr);
	va_start(ap, fmt);
	vfprintf(stderr, fmt, ap);
	va_end(ap);
	fputs("\nTry 'evlsim-campaign --help' for more information.\n", stderr);
	exit(EXIT_USAGE);
}

static void usage(FILE *f)
{
	fputs(
"Usage: evlsim-campaign [OPTION]... -- PROGRAM [ARGUMENT]...\n"
"  or:  evlsim-campaign --merge [--json FILE] [--junit FILE] REPORT.json...\n"
"Run an evlsim test program many times under fault injection, classify every run, and\n"
"print for each failing run the line that replays it.\n"
"\n"
"Seed mode (the default): one run per seed, with EVLSIM_SEED set to it.\n"
"  -n, --runs N             number of runs (default 100)\n"
"  -s, --seed-start S       first seed; the runs take S, S+1, ... (default 1)\n"
"      --seeds FILE         the seeds to run, one a line: a number, or a line holding\n"
"                           EVLSIM_SEED=<n> (a journal or a reproducer); '#' starts a comment\n"
"Across machines (seed mode):\n"
"      --shard K/N          run shard K of N only: the seeds at indexes K-1, K-1+N, ...\n"
"                           of the campaign's list (1 <= K <= N); without it, K/N comes\n"
"                           from CI_NODE_INDEX and CI_NODE_TOTAL (GitLab),\n"
"                           JOB_COMPLETION_INDEX (Kubernetes, 0-based) or\n"
"                           SLURM_ARRAY_TASK_ID and SLURM_ARRAY_TASK_COUNT (Slurm, counted\n"
"                           from SLURM_ARRAY_TASK_MIN by SLURM_ARRAY_TASK_STEP) when set\n"
"      --shard-total N      the total for JOB_COMPLETION_INDEX (else EVLSIM_SHARD_TOTAL)\n"
"      --merge REPORT.json...  fold the --json reports of a campaign's shards into one\n"
"                           summary and --json and --junit reports; refuses reports of\n"
"                           different campaigns, overlapping seeds, missing shards.\n"
"                           Systematic mode does not split: with N > 1 it is refused.\n"
"Systematic mode:\n"
"      --systematic         run until the log says \"done\" or a run meets no new call site;\n"
"                           each run fails the first call site not yet in the log\n"
"      --systematic-log FILE  the log (default campaign.systematic), emptied at start\n"
"      --resume             keep what the log holds and go on from there\n"
"      --max-runs N         stop after N runs even if the log is not done (default 1000)\n"
"Both modes:\n"
"  -f, --faults SPEC        fault specification, passed as EVLSIM_FAULTS (default: the\n"
"                           EVLSIM_FAULTS of the environment, if any)\n"
"  -j, --jobs N             runs at a time (default 1; systematic mode runs one at a time)\n"
"  -t, --timeout SECS       a run still going after SECS seconds is a timeout: its process\n"
"                           group is killed with SIGKILL (default 300, 0 for none)\n"
"      --journal FILE       append each run's replay line there, fsync'ed, before the run\n"
"                           starts, and its verdict after it (default campaign.journal)\n"
"      --keep DIR           keep the stdout, stderr and replay line of every failing run in\n"
"                           DIR (created if needed), as run-NNNN[-seed-S].{stdout,stderr,repro}\n"
"      --junit FILE         write a JUnit XML report: one testcase per run, a failure\n"
"                           element with the replay line and the tail of the output\n"
"      --json FILE          write a JSON summary: counts, failures by class, reproducers\n"
"      --tail N             lines of stderr and of stdout in reports (default 40)\n"
"      --progress WHEN      auto (a progress bar if stdout is a terminal, else a line per\n"
"                           run), bar, or lines\n"
"  -h, --help               this help\n"
"  -V, --version            the version and the git commit of the build\n"
"\n"
"Verdicts: pass (exit status 0), fail (exit status not 0), crash (killed by a signal, or\n"
"the output holds a Check test's \"Received signal\" or a sanitizer's error report),\n"
"timeout (killed after -t, or a Check test's \"Test timeout expired\"), leak and rule (the\n"
"output holds an \"evlsim: LEAK\", LeakSanitizer or \"evlsim: RULE\" report), whatever the\n"
"exit status. The program runs as given, in its own process group, with stdin on\n"
"/dev/null; the environment passes through (CK_FORK and the like untouched) except:\n"
"  EVLSIM_FAULTS             the --faults SPEC (unset without one)\n"
"  EVLSIM_SEED               the run's seed (seed mode; unset in systematic mode)\n"
"  EVLSIM_FAULT_SYSTEMATIC   the log, absolute (systematic mode; unset in seed mode)\n"
"  EVLSIM_FAULT_REPLAY       always unset; replay lines set it in systematic mode\n"
"A replay line is the environment, the shell-quoted command and the commit of the build:\n"
"  EVLSIM_FAULTS='failslab:probability=5' EVLSIM_SEED=42 tests/drivers/check_echo  # evlsim 9ad5409\n"
"It runs through sh from the directory the campaign ran in.\n"
"\n"
"Exit status: 0 every run passed; 1 a run failed; 2 usage error (--merge: reports that do\n"
"not make one campaign); 3 the runner failed (the program cannot be executed, a file\n"
"cannot be written); 4 interrupted by SIGINT, SIGTERM or SIGHUP (the runs going on are\n"
"killed, the reports cover the finished ones; --merge: a shard was interrupted).\n", f);
}

static bool parse_u64(const char *s, uint64_t *v)
{
	char *end;

	errno = 0;
	if (!*s || *s == '-')
		return false;
	*v = strtoull(s, &end, 0);
	return !errno && !*end;
}

static unsigned int parse_count(const char *name, const char *s, unsigned int min)
{
	uint64_t v;

	if (!parse_u64(s, &v) || v < min || v > UINT_MAX / 2)
		bad_usage("%s: bad number '%s'", name, s);
	return v;
}

void read_seeds(const char *path)
{
	char *line = NULL, *p, *end;
	unsigned int lineno = 0, cap = 0;
	size_t size = 0;
	FILE *f = fopen(path, "r");

	if (!f) {
		fprintf(stderr, "evlsim-campaign: %s: %s\n", path, strerror(errno));
		exit(EXIT_USAGE);
	}
	while (getline(&line, &size, f) > 0) {
		lineno++;
		p = line + strspn(line, " \t");
		if (*p == '#' || *p == '\n' || !*p)
			continue;
		if (strstr(p, "EVLSIM_SEED="))
			p = strstr(p, "EVLSIM_SEED=") + strlen("EVLSIM_SEED=");
		errno = 0;
		if (*p < '0' || *p > '9')
			goto bad;
		if (nseeds == cap) {
			cap = cap ? 2 * cap : 64;
			seeds = realloc(seeds, cap * sizeof(*seeds));
			if (!seeds)
				die("out of memory");
		}
		seeds[nseeds] = strtoull(p, &end, 0);
		if (errno || (*end && !strchr(" \t\n#", *end)))
			goto bad;
		nseeds++;
	}
	free(line);
	fclose(f);
	if (!nseeds) {
		fprintf(stderr, "evlsim-campaign: %s: no seed\n", path);
		exit(EXIT_USAGE);
	}
	return;
bad:
	fprintf(stderr, "evlsim-campaign: %s:%u: not a seed\n", path, lineno);
	exit(EXIT_USAGE);
}

/*
 * The fault specification, parsed as the simulator parses EVLSIM_FAULTS (the same code):
 * a bad one is a usage error before the first run, worded as the simulator words it.
 */
static void check_faults_spec(bool from_env)
{
	struct fault_attr attrs[EVLSIM_FAULT_NR];
	int given[EVLSIM_FAULT_NR];

	if (camp.faults && evlsim__fault_parse_spec(camp.faults, attrs, given))
		bad_usage("%s: %s", from_env ? "EVLSIM_FAULTS" : "--faults",
			  evlsim__fault_last_error);
}

/* A report file must be writable now, not after the last run. */
static void check_output(const char *name, const char *path)
{
	const char *slash;
	char *dir;

	if (!path)
		return;
	if (!*path)
		bad_usage("%s: empty file name", name);
	slash = strrchr(path, '/');
	dir = slash ? xasprintf("%.*s", (int)(slash - path) + (slash == path), path) : xstrdup(".");
	if (access(dir, W_OK | X_OK)) {
		int e = errno;

		free(dir);
		bad_usage("%s: cannot write %s: %s", name, path, strerror(e));
	}
	free(dir);
}

/* The program must be one execvp() can run: else exit status 3 before the first run. */
static void check_program(const char *prog)
{
	const char *path = getenv("PATH"), *p, *colon;
	struct stat st;
	int err = ENOENT;

	if (strchr(prog, '/')) {
		if (stat(prog, &st))
			err = errno;
		else if (S_ISDIR(st.st_mode))
			err = EISDIR;
		else if (access(prog, X_OK))
			err = errno;
		else
			return;
	} else {
		for (p = path && *path ? path : "/bin:/usr/bin"; ; p = colon + 1) {
			char *full;

			colon = strchrnul(p, ':');
			full = xasprintf("%.*s/%s", (int)(colon - p), colon == p ? "." : p, prog);
			if (!stat(full, &st) && !S_ISDIR(st.st_mode)) {
				bool ok = !access(full, X_OK);

				free(full);
				if (ok)
					return;
				err = EACCES;
			} else {
				free(full);
			}
			if (!*colon)
				break;
		}
	}
	fprintf(stderr, "evlsim-campaign: cannot run %s: %s\n", prog, strerror(err));
	exit(EXIT_ERROR);
}

void parse_options(int argc, char **argv)
{
	enum { O_SEEDS = 256, O_SYSTEMATIC, O_SYSLOG, O_RESUME, O_MAX_RUNS, O_JOURNAL, O_KEEP,
	       O_JUNIT, O_JSON, O_TAIL, O_PROGRESS, O_SHARD, O_SHARD_TOTAL, O_MERGE };
	static const struct option longopts[] = {
		{ "runs", required_argument, NULL, 'n' },
		{ "seed-start", required_argument, NULL, 's' },
		{ "seeds", required_argument, NULL, O_SEEDS },
		{ "systematic", no_argument, NULL, O_SYSTEMATIC },
		{ "systematic-log", required_argument, NULL, O_SYSLOG },
		{ "resume", no_argument, NULL, O_RESUME },
		{ "max-runs", required_argument, NULL, O_MAX_RUNS },
		{ "faults", required_argument, NULL, 'f' },
		{ "jobs", required_argument, NULL, 'j' },
		{ "timeout", required_argument, NULL, 't' },
		{ "journal", required_argument, NULL, O_JOURNAL },
		{ "keep", required_argument, NULL, O_KEEP },
		{ "junit", required_argument, NULL, O_JUNIT },
		{ "json", required_argument, NULL, O_JSON },
		{ "tail", required_argument, NULL, O_TAIL },
		{ "progress", required_argument, NULL, O_PROGRESS },
		{ "shard", required_argument, NULL, O_SHARD },
		{ "shard-total", required_argument, NULL, O_SHARD_TOTAL },
		{ "merge", no_argument, NULL, O_MERGE },
		{ "help", no_argument, NULL, 'h' },
		{ "version", no_argument, NULL, 'V' },
		{ NULL, 0, NULL, 0 },
	};
	const char *syslog = "campaign.systematic", *progress = "auto";
	bool faults_from_env = true, run_options = false;
	char *end;
	int c;

	camp.faults = getenv("EVLSIM_FAULTS");
	opt.merge_files = calloc(argc, sizeof(*opt.merge_files));
	if (!opt.merge_files)
		die("out of memory");
	for (;;) {
		c = getopt_long(argc, argv, "+n:s:f:j:t:hV", longopts, NULL);
		if (c == -1) {
			/* --merge: the reports may come before options (getopt stops at them) */
			if (!opt.merge || optind >= argc || !strcmp(argv[optind - 1], "--"))
				break;
			opt.merge_files[opt.nmerge++] = argv[optind++];
			continue;
		}
		if (c != O_MERGE && c != O_JSON && c != O_JUNIT && c != 'h' && c != 'V' && c != '?')
			run_options = true;
		switch (c) {
		case 'n': opt.runs = parse_count("--runs", optarg, 1); opt.runs_given = true; break;
		case 's':
			if (!parse_u64(optarg, &opt.seed_start))
				bad_usage("--seed-start: bad seed '%s'", optarg);
			opt.seed_given = true;
			break;
		case O_SEEDS: opt.seeds_file = optarg; break;
		case O_SYSTEMATIC: camp.systematic = true; break;
		case O_SYSLOG: syslog = optarg; break;
		case O_RESUME: opt.resume = true; break;
		case O_MAX_RUNS: opt.max_runs = parse_count("--max-runs", optarg, 1); break;
		case 'f': camp.faults = optarg; faults_from_env = false; break;
		case 'j': opt.jobs = parse_count("--jobs", optarg, 1); break;
		case 't':
			errno = 0;
			opt.timeout = strtod(optarg, &end);
			if (errno || *end || end == optarg || !(opt.timeout >= 0) || opt.timeout > 1e9)
				bad_usage("--timeout: bad duration '%s'", optarg);
			break;
		case O_JOURNAL: opt.journal = optarg; break;
		case O_KEEP: opt.keep = optarg; break;
		case O_JUNIT: opt.junit = optarg; break;
		case O_JSON: opt.json = optarg; break;
		case O_TAIL: opt.tail = parse_count("--tail", optarg, 0); break;
		case O_PROGRESS: progress = optarg; break;
		case O_SHARD: opt.shard = optarg; break;
		case O_SHARD_TOTAL: opt.shard_total = optarg; break;
		case O_MERGE: opt.merge = true; break;
		case 'h': usage(stdout); exit(EXIT_PASS);
		case 'V': printf("evlsim-campaign %s (evlsim %s)\n", PACKAGE_VERSION, EVLSIM_GIT_COMMIT);
			exit(EXIT_PASS);
		default:	/* getopt said which option, on one line */
			fputs("Try 'evlsim-campaign --help' for more information.\n", stderr);
			exit(EXIT_USAGE);
		}
	}
	if (opt.merge) {
		if (run_options)
			bad_usage("--merge goes with --json and --junit only (the reports say the rest)");
		while (optind < argc)
			opt.merge_files[opt.nmerge++] = argv[optind++];
		if (!opt.nmerge)
			bad_usage("--merge: no report (evlsim-campaign --merge A.json B.json ...)");
		check_output("--junit", opt.junit);
		check_output("--json", opt.json);
		return;
	}
	if (optind >= argc)
		bad_usage("no test program (evlsim-campaign [OPTION]... -- PROGRAM ...)");
	camp.argv = argv + optind;
	if (camp.faults && !*camp.faults)
		camp.faults = NULL;
	if (!strcmp(progress, "auto"))
		opt.bar = isatty(STDOUT_FILENO);
	else if (!strcmp(progress, "bar") || !strcmp(progress, "lines"))
		opt.bar = !strcmp(progress, "bar");
	else
		bad_usage("--progress: auto, bar or lines, not '%s'", progress);
	if (opt.seeds_file && (opt.runs_given || opt.seed_given))
		bad_usage("--seeds goes without --runs and --seed-start");
	if (camp.systematic && (opt.seeds_file || opt.runs_given || opt.seed_given))
		bad_usage("--systematic goes without --runs, --seed-start and --seeds");
	if (!camp.systematic && opt.resume)
		bad_usage("--resume goes with --systematic");
	shard_resolve();
	check_faults_spec(faults_from_env);
	check_output("--junit", opt.junit);
	check_output("--json", opt.json);
	check_program(camp.argv[0]);
	if (camp.systematic) {
		camp.syslog = syslog[0] == '/' ? xstrdup(syslog) :
			xasprintf("%s/%s", camp.cwd, syslog);
		if (opt.jobs > 1)
			fprintf(stderr, "evlsim-campaign: systematic mode runs one at a time (-j ignored)\n");
		opt.jobs = 1;
	}
}
