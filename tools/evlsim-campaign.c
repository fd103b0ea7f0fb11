// SPDX-License-Identifier: LGPL-2.1-or-later
/*
 * evlsim-campaign: runs a test program many times under fault injection and tells which
 * runs failed and how to replay each of them.
 *
 *   evlsim-campaign --runs 200 -j 2 --faults 'failslab:probability=5' -- tests/drivers/check_echo
 *   evlsim-campaign --systematic --faults failslab -- tests/drivers/check_echo
 *
 * Seed mode gives each run its own EVLSIM_SEED; systematic mode has each run fail the next
 * call site the log of EVLSIM_FAULT_SYSTEMATIC does not hold yet, until the log says done.
 * Every run is a child in a process group of its own (a timeout kills the whole group, Check's
 * forked tests included), with stdin on /dev/null and stdout/stderr in files. The journal
 * gets each run's replay line, fsync'ed, before the run starts: if the runner itself dies or
 * hangs, the journal still names the run that was going on. Single-threaded: children are
 * reaped with SIGCHLD blocked and taken by sigtimedwait(), whose timeout is the nearest
 * deadline of a running test.
 */
#include "config.h"

#include <errno.h>
#include <fcntl.h>
#include <getopt.h>
#include <limits.h>
#include <math.h>
#include <signal.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/prctl.h>
#include <sys/stat.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>

#include "campaign.h"

#ifndef EVLSIM_GIT_COMMIT
#define EVLSIM_GIT_COMMIT "unknown"
#endif

enum { EXIT_PASS = 0, EXIT_FAILED = 1, EXIT_USAGE = 2, EXIT_ERROR = 3, EXIT_INTERRUPTED = 4 };

static struct {
	unsigned int runs, jobs, max_runs, tail;
	uint64_t seed_start;
	const char *seeds_file, *journal, *keep, *junit, *json;
	double timeout;
	bool resume, bar, runs_given, seed_given;
} opt = {
	.runs = 100, .jobs = 1, .max_runs = 1000, .tail = 40, .seed_start = 1,
	.journal = "campaign.journal", .timeout = 300,
};

static struct campaign camp;
static uint64_t *seeds;
static unsigned int nseeds;
static const char *workdir;
static bool tmp_workdir;
static int journal_fd = -1;
static sigset_t waited, saved_mask;
static double t0;

static double now(void)
{
	struct timespec ts;

	clock_gettime(CLOCK_MONOTONIC, &ts);
	return ts.tv_sec + ts.tv_nsec / 1e9;
}

static void usage(FILE *f)
{
	fputs(
"Usage: evlsim-campaign [OPTION]... -- PROGRAM [ARGUMENT]...\n"
"Run an evlsim test program many times under fault injection, classify every run, and\n"
"print for each failing run the line that replays it.\n"
"\n"
"Seed mode (the default): one run per seed, with EVLSIM_SEED set to it.\n"
"  -n, --runs N             number of runs (default 100)\n"
"  -s, --seed-start S       first seed; the runs take S, S+1, ... (default 1)\n"
"      --seeds FILE         the seeds to run, one a line: a number, or a line holding\n"
"                           EVLSIM_SEED=<n> (a journal or a reproducer); '#' starts a comment\n"
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
"Exit status: 0 every run passed; 1 a run failed; 2 usage error; 3 the runner failed (the\n"
"program cannot be executed, a file cannot be written); 4 interrupted by SIGINT, SIGTERM or\n"
"SIGHUP (the runs going on are killed, the reports cover the finished ones).\n", f);
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

	if (!parse_u64(s, &v) || v < min || v > UINT_MAX / 2) {
		fprintf(stderr, "evlsim-campaign: %s: bad number '%s'\n", name, s);
		exit(EXIT_USAGE);
	}
	return v;
}

static void read_seeds(const char *path)
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

static void journal(const char *fmt, ...) __attribute__((format(printf, 1, 2)));
static void journal(const char *fmt, ...)
{
	va_list ap;
	int n;

	va_start(ap, fmt);
	n = vdprintf(journal_fd, fmt, ap);
	va_end(ap);
	if (n < 0 || fsync(journal_fd))
		die("%s: %s", opt.journal, strerror(errno));
}

/* ---- output: a progress bar on a terminal, a line per run elsewhere ---- */

static unsigned int nfinished(void)
{
	unsigned int v, n = 0;

	for (v = 0; v < V_NR; v++)
		n += camp.counts[v];
	return n;
}

static unsigned int nrunning(void)
{
	unsigned int i, n = 0;

	for (i = 0; i < camp.nruns; i++)
		n += camp.runs[i].state == R_RUNNING;
	return n;
}

static void draw_bar(void)
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

static void say(const char *fmt, ...) __attribute__((format(printf, 1, 2)));
static void say(const char *fmt, ...)
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

static const char *run_label(const struct run *r)
{
	static char buf[64];

	if (camp.systematic)
		snprintf(buf, sizeof(buf), "run %u", r->index);
	else
		snprintf(buf, sizeof(buf), "run %u/%u seed %llu", r->index, nseeds,
			 (unsigned long long)r->seed);
	return buf;
}

/* ---- one run ---- */

static void start_run(struct run *r)
{
	char *out, *err;
	int pipefd[2], e = 0;
	pid_t pid;

	r->base = camp.systematic ? xasprintf("%s/run-%04u", workdir, r->index) :
		xasprintf("%s/run-%04u-seed-%llu", workdir, r->index, (unsigned long long)r->seed);
	out = xasprintf("%s.stdout", r->base);
	err = xasprintf("%s.stderr", r->base);
	if (pipe2(pipefd, O_CLOEXEC))
		die("pipe: %s", strerror(errno));
	fflush(stdout);
	pid = fork();
	if (pid < 0)
		die("fork: %s", strerror(errno));
	if (pid == 0) {
		int in = open("/dev/null", O_RDONLY);
		int o = open(out, O_WRONLY | O_CREAT | O_TRUNC, 0644);
		int x = open(err, O_WRONLY | O_CREAT | O_TRUNC, 0644);
		char seed[32];

		if (in < 0 || o < 0 || x < 0 || dup2(in, 0) < 0 || dup2(o, 1) < 0 || dup2(x, 2) < 0)
			goto fail;
		setpgid(0, 0);
		sigprocmask(SIG_SETMASK, &saved_mask, NULL);
		if (camp.faults)
			setenv("EVLSIM_FAULTS", camp.faults, 1);
		else
			unsetenv("EVLSIM_FAULTS");
		unsetenv("EVLSIM_FAULT_REPLAY");
		if (camp.systematic) {
			unsetenv("EVLSIM_SEED");
			setenv("EVLSIM_FAULT_SYSTEMATIC", camp.syslog, 1);
		} else {
			unsetenv("EVLSIM_FAULT_SYSTEMATIC");
			snprintf(seed, sizeof(seed), "%llu", (unsigned long long)r->seed);
			setenv("EVLSIM_SEED", seed, 1);
		}
		execvp(camp.argv[0], camp.argv);
fail:
		e = errno;
		if (write(pipefd[1], &e, sizeof(e)) < 0)
			_exit(127);
		_exit(127);
	}
	/* both sides set the group: the parent may kill it before the child ran at all */
	setpgid(pid, pid);
	close(pipefd[1]);
	if (read(pipefd[0], &e, sizeof(e)) == sizeof(e)) {
		waitpid(pid, NULL, 0);
		die("cannot run %s: %s", camp.argv[0], strerror(e));
	}
	close(pipefd[0]);
	free(out);
	free(err);
	r->pid = pid;
	r->start = now();
	r->state = R_RUNNING;
}

static const char *signame(int sig)
{
	static const struct { int sig; const char *name; } names[] = {
		{ SIGSEGV, "SIGSEGV" }, { SIGABRT, "SIGABRT" }, { SIGBUS, "SIGBUS" },
		{ SIGFPE, "SIGFPE" }, { SIGILL, "SIGILL" }, { SIGKILL, "SIGKILL" },
		{ SIGTERM, "SIGTERM" }, { SIGINT, "SIGINT" }, { SIGTRAP, "SIGTRAP" },
		{ SIGSYS, "SIGSYS" }, { SIGPIPE, "SIGPIPE" }, { SIGHUP, "SIGHUP" },
		{ SIGQUIT, "SIGQUIT" }, { SIGALRM, "SIGALRM" }, { SIGUSR1, "SIGUSR1" },
		{ SIGUSR2, "SIGUSR2" }, { SIGXCPU, "SIGXCPU" }, { SIGXFSZ, "SIGXFSZ" },
	};
	static char buf[24];
	unsigned int i;

	for (i = 0; i < sizeof(names) / sizeof(names[0]); i++)
		if (names[i].sig == sig)
			return names[i].name;
	snprintf(buf, sizeof(buf), "signal %d", sig);
	return buf;
}

/*
 * The first failure Check printed ("file:line:F:tcase:test:iteration: message", E for an
 * error, S for a checked fixture's setup, on stdout or stderr), or NULL.
 */
static char *first_check_failure(const struct run *r)
{
	static const char *const ext[] = { "stdout", "stderr" };
	char *line = NULL, *found = NULL, *path;
	unsigned int i;
	size_t size = 0;
	ssize_t n;

	for (i = 0; i < 2 && !found; i++) {
		FILE *f;

		path = xasprintf("%s.%s", r->base, ext[i]);
		f = fopen(path, "r");
		free(path);
		if (!f)
			continue;
		while (!found && (n = getline(&line, &size, f)) > 0) {
			char *p;

			if (line[n - 1] == '\n')
				line[n - 1] = '\0';
			p = strchr(line, ':');
			if (p && p[1] >= '0' && p[1] <= '9' && (p = strchr(p + 1, ':')) &&
			    p[1] && strchr("FES", p[1]) && p[2] == ':')
				found = xasprintf("%.240s", line);
		}
		fclose(f);
	}
	free(line);
	return found;
}

/*
 * What the output says beyond the exit status. A Check suite in fork mode outlives a test
 * that crashed or hung (it prints an error line for it and exits 1), and a sanitizer may
 * report and go on: those lines make the run a crash or a timeout whatever its status.
 */
enum mark { M_LEAK, M_RULE, M_CRASH, M_HANG, M_NR };

static const struct marker {
	const char *text;
	enum mark kind;
} markers[] = {
	{ "evlsim: LEAK",		M_LEAK },
	{ "ERROR: LeakSanitizer",	M_LEAK },
	{ "evlsim: RULE",		M_RULE },
	{ ") Received signal ",		M_CRASH },	/* Check's :E: line for a test */
	{ "ERROR: AddressSanitizer",	M_CRASH },
	{ "WARNING: ThreadSanitizer",	M_CRASH },
	{ ": runtime error: ",		M_CRASH },	/* UBSan */
	{ "Test timeout expired",	M_HANG },	/* Check's :E: line for a test */
};

#define NR_MARKERS	(sizeof(markers) / sizeof(markers[0]))

static unsigned int *mark_counter(struct run *r, enum mark kind)
{
	switch (kind) {
	case M_LEAK:	return &r->leaks;
	case M_RULE:	return &r->rules;
	case M_CRASH:	return &r->crashes;
	default:	return &r->hangs;
	}
}

/* Count the marker lines of stderr and stdout; keep the first line of each kind. */
static void scan_reports(struct run *r, char *first[M_NR])
{
	static const char *const ext[] = { "stderr", "stdout" };
	char *line = NULL;
	size_t size = 0, e, m;
	ssize_t n;

	for (e = 0; e < 2; e++) {
		char *path = xasprintf("%s.%s", r->base, ext[e]);
		FILE *f = fopen(path, "r");

		free(path);
		if (!f)
			continue;
		while ((n = getline(&line, &size, f)) > 0) {
			if (line[n - 1] == '\n')
				line[n - 1] = '\0';
			for (m = 0; m < NR_MARKERS; m++) {
				enum mark k = markers[m].kind;

				if (!strstr(line, markers[m].text))
					continue;
				(*mark_counter(r, k))++;
				if (!first[k])
					first[k] = xasprintf("%.200s", line);
				break;
			}
		}
		fclose(f);
	}
	free(line);
}

/*
 * What of a deciding line groups alike failures: not what changes from run to run (thread
 * ids, addresses). A report "evlsim: RULE [rule] what: details" keeps "evlsim: RULE [rule]
 * what"; a sanitizer's "==pid==ERROR: XSanitizer: kind on address ..." keeps "ERROR:
 * XSanitizer: kind"; other lines (Check's, UBSan's file:line: runtime error:) stay whole.
 */
static char *group_of(const char *line)
{
	const char *p = strstr(line, "evlsim: "), *q;

	if (p && (q = strstr(p, "] ")) && (q = strstr(q + 2, ": ")))
		return xasprintf("%.*s", (int)(q - p), p);
	if ((p = strstr(line, "Sanitizer: "))) {
		const char *start = strstr(line, "ERROR: ");

		if (!start || start > p)
			start = strstr(line, "WARNING: ");
		if (!start || start > p)
			start = line;
		q = p + strlen("Sanitizer: ");
		q += strcspn(q, " ");
		return xasprintf("%.*s", (int)(q - start), start);
	}
	return xstrdup(line);
}

static void classify(struct run *r)
{
	char *first[M_NR] = { NULL };
	char *leak, *rule, *crash, *hang, *status;
	int st = r->status;

	scan_reports(r, first);
	leak = first[M_LEAK];
	rule = first[M_RULE];
	crash = first[M_CRASH];
	hang = first[M_HANG];
	if (r->timed_out)
		status = xasprintf("timed out after %g s, process group killed", opt.timeout);
	else if (WIFSIGNALED(st))
		status = xasprintf("killed by %s%s", signame(WTERMSIG(st)),
				   WCOREDUMP(st) ? " (core dumped)" : "");
	else
		status = xasprintf("exit status %d", WEXITSTATUS(st));
	/* the most telling first: a hang or a crash, then a report, then a plain failure */
	if (r->timed_out || r->hangs)
		r->verdict = V_TIMEOUT;
	else if (WIFSIGNALED(st) || r->crashes)
		r->verdict = V_CRASH;
	else if (r->rules)
		r->verdict = V_RULE;
	else if (r->leaks)
		r->verdict = V_LEAK;
	else if (WEXITSTATUS(st))
		r->verdict = V_FAIL;
	else
		r->verdict = V_PASS;
	if (r->verdict != V_PASS) {
		char *check = first_check_failure(r), *p;
		size_t size = 0;
		FILE *f = open_memstream(&r->reason, &size);
		unsigned int i;

		if (!f)
			die("out of memory");
		fputs(status, f);
		if (check)
			fprintf(f, "; first Check failure: %s", check);
		/*
		 * Alike failures: same verdict, and the line that decided it (a crash, a
		 * hang, a report), else the first Check failure's location
		 * (file:line:F:tcase:test), else the status.
		 */
		{
			const char *what = r->verdict == V_CRASH && crash ? crash :
					   r->verdict == V_TIMEOUT && hang ? hang :
					   r->verdict == V_RULE ? rule :
					   r->verdict == V_LEAK ? leak : NULL;
			bool cut = !what && check;
			char *group = group_of(what ? what : check ? check : status);

			r->key = xasprintf("%s %s", verdict_names[r->verdict], group);
			free(group);
			for (p = r->key, i = 0; cut && *p; p++)
				if (*p == ':' && ++i == 5) {
					*p = '\0';
					break;
				}
		}
		free(check);
		if (r->hangs)
			fprintf(f, "; %u test%s timed out, first: %s", r->hangs,
				r->hangs == 1 ? "" : "s", hang);
		if (r->crashes)
			fprintf(f, "; %u crash%s, first: %s", r->crashes,
				r->crashes == 1 ? "" : "es", crash);
		if (r->rules)
			fprintf(f, "; %u RULE report%s, first: %s", r->rules,
				r->rules == 1 ? "" : "s", rule);
		if (r->leaks)
			fprintf(f, "; %u LEAK report%s, first: %s", r->leaks,
				r->leaks == 1 ? "" : "s", leak);
		if (r->nsites > 1)
			fprintf(f, "; the run failed %u sites, the replay line names the first",
				r->nsites);
		if (fclose(f))
			die("out of memory");
	}
	free(status);
	free(leak);
	free(rule);
	free(crash);
	free(hang);
}

/* Remove a run's output files, or leave them in --keep DIR with its replay line. */
static void dispose_outputs(struct run *r)
{
	static const char *const ext[] = { "stdout", "stderr" };
	unsigned int i;
	char *p;

	if (r->verdict != V_PASS && opt.keep && !r->interrupted) {
		FILE *f;

		p = xasprintf("%s.repro", r->base);
		f = fopen(p, "w");
		if (!f || fprintf(f, "%s\n", r->repro) < 0 || fclose(f))
			die("%s: %s", p, strerror(errno));
		free(p);
		r->kept = true;
		return;
	}
	for (i = 0; i < 2; i++) {
		p = xasprintf("%s.%s", r->base, ext[i]);
		unlink(p);
		free(p);
	}
}

static void finish_run(struct run *r)
{
	char *out, *err;

	r->state = R_DONE;
	if (r->interrupted) {
		journal("# %s: interrupted\n", run_label(r));
		dispose_outputs(r);
		return;
	}
	classify(r);
	r->repro = make_repro(&camp, r);
	camp.counts[r->verdict]++;
	/* systematic: the site is known now only; seed mode wrote the line before the run */
	if (camp.systematic)
		journal("%s\n# run %u, %s%s: ", r->repro, r->index, r->site ? "site " : "no new site",
			r->site ? r->site : "");
	else
		journal("# seed %llu: ", (unsigned long long)r->seed);
	if (r->verdict == V_PASS)
		journal("pass (%.3f s)\n", r->secs);
	else
		journal("%s: %s\n", verdict_names[r->verdict], r->reason);
	if (r->verdict == V_PASS) {
		if (!opt.bar)
			say("%s%s%s: pass (%.2f s)\n", run_label(r), r->site ? " site " : "",
			    r->site ? r->site : "", r->secs);
		else
			draw_bar();
		dispose_outputs(r);
		return;
	}
	out = xasprintf("%s.stdout", r->base);
	err = xasprintf("%s.stderr", r->base);
	{
		char *e = read_tail(err, opt.tail), *o = read_tail(out, opt.tail);

		r->tail = xasprintf("%s%s%s%s%s", e ? "--- stderr, last lines ---\n" : "", e ? e : "",
				    e && o && e[strlen(e) - 1] != '\n' ? "\n" : "",
				    o ? "--- stdout, last lines ---\n" : "", o ? o : "");
		free(e);
		free(o);
	}
	free(out);
	free(err);
	dispose_outputs(r);
	say("%s%s%s: %s: %s\n  replay: %s\n", run_label(r), r->site ? " site " : "",
	    r->site ? r->site : "", verdict_names[r->verdict], r->reason, r->repro);
}

/* Reap every child that is done: record its status, leave the rest to finish_run(). */
static void reap(void)
{
	unsigned int i;
	int status;
	pid_t pid;

	while ((pid = waitpid(-1, &status, WNOHANG)) > 0) {
		for (i = 0; i < camp.nruns; i++) {
			struct run *r = &camp.runs[i];

			if (r->state == R_RUNNING && r->pid == pid) {
				r->status = status;
				r->secs = now() - r->start;
				r->state = R_EXITED;
				/* a timeout or interruption already killed the group, and an
				 * exited leader leaves its helpers behind only on purpose */
				break;
			}
		}
	}
}

static void kill_run(struct run *r)
{
	if (kill(-r->pid, SIGKILL) && errno == ESRCH)
		kill(r->pid, SIGKILL);
}

/* Wait for a child, a deadline or a signal to stop; apply timeouts and interruptions. */
static void wait_event(void)
{
	double deadline = INFINITY, t;
	struct timespec ts;
	unsigned int i;
	int sig;

	for (i = 0; i < camp.nruns; i++) {
		struct run *r = &camp.runs[i];

		if (r->state == R_RUNNING && opt.timeout > 0 && !r->timed_out && !r->interrupted)
			deadline = fmin(deadline, r->start + opt.timeout);
	}
	if (opt.bar)
		deadline = fmin(deadline, now() + 0.5);
	if (deadline == INFINITY) {
		sig = sigwaitinfo(&waited, NULL);
	} else {
		t = fmax(deadline - now(), 0) + 0.001;
		ts.tv_sec = (time_t)t;
		ts.tv_nsec = (long)((t - ts.tv_sec) * 1e9);
		sig = sigtimedwait(&waited, NULL, &ts);
	}
	if (sig == SIGINT || sig == SIGTERM || sig == SIGHUP) {
		if (!camp.interrupted)
			say("evlsim-campaign: %s: killing the runs going on\n", signame(sig));
		camp.interrupted = true;
	}
	t = now();
	for (i = 0; i < camp.nruns; i++) {
		struct run *r = &camp.runs[i];

		if (r->state != R_RUNNING)
			continue;
		if (camp.interrupted && !r->interrupted) {
			r->interrupted = true;
			kill_run(r);
		} else if (opt.timeout > 0 && !r->timed_out && t >= r->start + opt.timeout) {
			r->timed_out = true;
			kill_run(r);
		}
	}
	reap();
	draw_bar();
}

static struct run *new_run(void)
{
	struct run *r = &camp.runs[camp.nruns++];

	memset(r, 0, sizeof(*r));
	r->index = camp.nruns;
	return r;
}

static void seed_campaign(void)
{
	unsigned int next = 0, i;
	struct run *r;

	camp.runs = calloc(nseeds, sizeof(*camp.runs));
	if (!camp.runs)
		die("out of memory");
	while ((next < nseeds && !camp.interrupted) || nrunning()) {
		while (next < nseeds && !camp.interrupted && nrunning() < opt.jobs) {
			r = new_run();
			r->seed = seeds[next++];
			r->repro = make_repro(&camp, r);
			journal("%s\n", r->repro);
			free(r->repro);
			r->repro = NULL;
			start_run(r);
			draw_bar();
		}
		wait_event();
		for (i = 0; i < camp.nruns; i++)
			if (camp.runs[i].state == R_EXITED)
				finish_run(&camp.runs[i]);
	}
}

/* The log of systematic mode: its site lines, and whether it says done. */
static unsigned int read_log(bool *done, unsigned int want, struct run *r)
{
	char *line = NULL;
	unsigned int n = 0;
	size_t size = 0;
	ssize_t len;
	FILE *f = fopen(camp.syslog, "r");

	*done = false;
	if (!f)
		return 0;
	while ((len = getline(&line, &size, f)) > 0) {
		while (len && (line[len - 1] == '\n' || line[len - 1] == '\r'))
			line[--len] = '\0';
		if (!len)
			continue;
		if (!strcmp(line, "done")) {
			*done = true;
			continue;
		}
		if (r && n >= want && !r->nsites++)
			r->site = xstrdup(line);
		n++;
	}
	free(line);
	fclose(f);
	return n;
}

static void systematic_campaign(void)
{
	unsigned int before, after;
	bool done;
	struct run *r;

	camp.runs = calloc(opt.max_runs, sizeof(*camp.runs));
	if (!camp.runs)
		die("out of memory");
	camp.note = "stopped at --max-runs before the log said done";
	while (camp.nruns < opt.max_runs && !camp.interrupted) {
		before = read_log(&done, 0, NULL);
		if (done) {
			camp.complete = true;
			camp.note = "the log says done";
			break;
		}
		r = new_run();
		journal("# systematic run %u starts: it fails site %u of %s (the line it appends)\n",
			r->index, before + 1, camp.syslog);
		start_run(r);
		while (r->state == R_RUNNING)
			wait_event();
		after = read_log(&done, before, r);
		finish_run(r);
		if (after == before && !camp.interrupted) {
			camp.complete = true;
			camp.note = done ? "the log says done" :
				"a run met no new site (and did not write done to the log)";
			break;
		}
	}
	if (camp.interrupted)
		camp.note = "interrupted";
}

/* Failing runs grouped by their key, most frequent first, with one replay line each. */
/*
 * Before leaving, reap what is left of the groups we killed: their orphans are ours
 * (subreaper), and would otherwise stay zombies of an init that may not reap. Two seconds
 * at most: SIGKILL is not instant, but it is quick.
 */
static void drain_killed_groups(void)
{
	double end = now() + 2;
	unsigned int i;
	bool left;

	do {
		while (waitpid(-1, NULL, WNOHANG) > 0)
			;
		left = false;
		for (i = 0; i < camp.nruns; i++) {
			struct run *r = &camp.runs[i];

			if (r->pid && (r->timed_out || r->interrupted) && !kill(-r->pid, 0)) {
				kill(-r->pid, SIGKILL);
				left = true;
			}
		}
		if (left)
			usleep(10000);
	} while (left && now() < end);
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

static void print_summary(void)
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

static void parse_options(int argc, char **argv)
{
	enum { O_SEEDS = 256, O_SYSTEMATIC, O_SYSLOG, O_RESUME, O_MAX_RUNS, O_JOURNAL, O_KEEP,
	       O_JUNIT, O_JSON, O_TAIL, O_PROGRESS };
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
		{ "help", no_argument, NULL, 'h' },
		{ "version", no_argument, NULL, 'V' },
		{ NULL, 0, NULL, 0 },
	};
	const char *syslog = "campaign.systematic", *progress = "auto";
	char *end;
	int c;

	camp.faults = getenv("EVLSIM_FAULTS");
	while ((c = getopt_long(argc, argv, "+n:s:f:j:t:hV", longopts, NULL)) != -1) {
		switch (c) {
		case 'n': opt.runs = parse_count("--runs", optarg, 1); opt.runs_given = true; break;
		case 's':
			if (!parse_u64(optarg, &opt.seed_start)) {
				fprintf(stderr, "evlsim-campaign: --seed-start: bad seed '%s'\n", optarg);
				exit(EXIT_USAGE);
			}
			opt.seed_given = true;
			break;
		case O_SEEDS: opt.seeds_file = optarg; break;
		case O_SYSTEMATIC: camp.systematic = true; break;
		case O_SYSLOG: syslog = optarg; break;
		case O_RESUME: opt.resume = true; break;
		case O_MAX_RUNS: opt.max_runs = parse_count("--max-runs", optarg, 1); break;
		case 'f': camp.faults = optarg; break;
		case 'j': opt.jobs = parse_count("--jobs", optarg, 1); break;
		case 't':
			errno = 0;
			opt.timeout = strtod(optarg, &end);
			if (errno || *end || end == optarg || !(opt.timeout >= 0) || opt.timeout > 1e9) {
				fprintf(stderr, "evlsim-campaign: --timeout: bad duration '%s'\n", optarg);
				exit(EXIT_USAGE);
			}
			break;
		case O_JOURNAL: opt.journal = optarg; break;
		case O_KEEP: opt.keep = optarg; break;
		case O_JUNIT: opt.junit = optarg; break;
		case O_JSON: opt.json = optarg; break;
		case O_TAIL: opt.tail = parse_count("--tail", optarg, 0); break;
		case O_PROGRESS: progress = optarg; break;
		case 'h': usage(stdout); exit(EXIT_PASS);
		case 'V': printf("evlsim-campaign %s (evlsim %s)\n", PACKAGE_VERSION, EVLSIM_GIT_COMMIT);
			exit(EXIT_PASS);
		default: usage(stderr); exit(EXIT_USAGE);
		}
	}
	if (optind >= argc) {
		fprintf(stderr, "evlsim-campaign: no test program (evlsim-campaign [OPTION]... -- PROGRAM ...)\n");
		exit(EXIT_USAGE);
	}
	camp.argv = argv + optind;
	if (camp.faults && !*camp.faults)
		camp.faults = NULL;
	if (!strcmp(progress, "auto"))
		opt.bar = isatty(STDOUT_FILENO);
	else if (!strcmp(progress, "bar") || !strcmp(progress, "lines"))
		opt.bar = !strcmp(progress, "bar");
	else {
		fprintf(stderr, "evlsim-campaign: --progress: auto, bar or lines, not '%s'\n", progress);
		exit(EXIT_USAGE);
	}
	if (opt.seeds_file && (opt.runs_given || opt.seed_given)) {
		fprintf(stderr, "evlsim-campaign: --seeds goes without --runs and --seed-start\n");
		exit(EXIT_USAGE);
	}
	if (camp.systematic && (opt.seeds_file || opt.runs_given || opt.seed_given)) {
		fprintf(stderr, "evlsim-campaign: --systematic goes without --runs, --seed-start and --seeds\n");
		exit(EXIT_USAGE);
	}
	if (camp.systematic) {
		camp.syslog = syslog[0] == '/' ? xstrdup(syslog) :
			xasprintf("%s/%s", camp.cwd, syslog);
		if (opt.jobs > 1)
			fprintf(stderr, "evlsim-campaign: systematic mode runs one at a time (-j ignored)\n");
		opt.jobs = 1;
	}
}

static void setup(void)
{
	char stamp[32];
	time_t t = time(NULL);
	unsigned int i;
	char **a;

	if (opt.seeds_file) {
		read_seeds(opt.seeds_file);
	} else if (!camp.systematic) {
		nseeds = opt.runs;
		seeds = calloc(nseeds, sizeof(*seeds));
		if (!seeds)
			die("out of memory");
		for (i = 0; i < nseeds; i++)
			seeds[i] = opt.seed_start + i;
	}
	if (camp.systematic && !opt.resume) {
		int fd = open(camp.syslog, O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, 0644);

		if (fd < 0)
			die("%s: %s", camp.syslog, strerror(errno));
		close(fd);
	}
	if (opt.keep) {
		if (mkdir(opt.keep, 0755) && errno != EEXIST)
			die("%s: %s", opt.keep, strerror(errno));
		workdir = opt.keep;
	} else {
		const char *tmp = getenv("TMPDIR");
		char *dir = xasprintf("%s/evlsim-campaign.XXXXXX", tmp && *tmp ? tmp : "/tmp");

		if (!mkdtemp(dir))
			die("%s: %s", dir, strerror(errno));
		workdir = dir;
		tmp_workdir = true;
	}
	journal_fd = open(opt.journal, O_WRONLY | O_CREAT | O_APPEND | O_CLOEXEC, 0644);
	if (journal_fd < 0)
		die("%s: %s", opt.journal, strerror(errno));
	strftime(stamp, sizeof(stamp), "%Y-%m-%dT%H:%M:%S%z", localtime(&t));
	journal("# evlsim-campaign %s: build %s, directory %s, pid %d, %s mode, command:",
		stamp, camp.commit, camp.cwd, (int)getpid(), camp.systematic ? "systematic" : "seed");
	for (a = camp.argv; *a; a++) {
		char *q = shell_quote(*a);

		journal(" %s", q);
		free(q);
	}
	journal("\n# each run's replay line comes before the run; a '# ...' line with its verdict after\n");

	/* stop signals that were ignored at start (nohup, a background job) stay ignored */
	sigemptyset(&waited);
	sigaddset(&waited, SIGCHLD);
	for (i = 0; i < 3; i++) {
		static const int stop[] = { SIGINT, SIGTERM, SIGHUP };
		struct sigaction sa;

		if (!sigaction(stop[i], NULL, &sa) && sa.sa_handler != SIG_IGN)
			sigaddset(&waited, stop[i]);
	}
	sigprocmask(SIG_BLOCK, &waited, &saved_mask);
	/* what a run leaves behind is reparented to us and reaped by reap(), not left as
	 * zombies to an init that may not reap them (containers) */
	prctl(PR_SET_CHILD_SUBREAPER, 1, 0, 0, 0);
}

int main(int argc, char **argv)
{
	static char cwd[PATH_MAX];
	unsigned int failed;
	int ret = EXIT_PASS;

	if (!getcwd(cwd, sizeof(cwd)))
		die("getcwd: %s", strerror(errno));
	camp.cwd = cwd;
	camp.commit = EVLSIM_GIT_COMMIT;
	parse_options(argc, argv);
	setup();
	t0 = now();
	if (!camp.faults && !camp.systematic)
		say("evlsim-campaign: no --faults and no EVLSIM_FAULTS: the runs inject no fault\n");
	if (camp.systematic)
		systematic_campaign();
	else
		seed_campaign();
	drain_killed_groups();
	camp.elapsed = now() - t0;
	journal("# evlsim-campaign: %u runs finished, %u failed%s\n", nfinished(),
		nfinished() - camp.counts[V_PASS], camp.interrupted ? ", interrupted" : "");
	print_summary();
	if (tmp_workdir)
		rmdir(workdir);
	if ((opt.junit && write_junit(&camp, opt.junit)) || (opt.json && write_json(&camp, opt.json)))
		ret = EXIT_ERROR;
	failed = nfinished() - camp.counts[V_PASS];
	if (camp.interrupted)
		return EXIT_INTERRUPTED;
	if (ret)
		return ret;
	return failed ? EXIT_FAILED : EXIT_PASS;
}
