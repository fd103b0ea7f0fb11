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

#define STDERR_LINES	5	/* of a failing run's stderr, as it ends */

struct options opt = {
	.runs = 100, .jobs = 1, .max_runs = 1000, .tail = 40, .seed_start = 1,
	.journal = "campaign.journal", .timeout = 300,
};

struct campaign camp;
uint64_t *seeds;
unsigned int nseeds;
static const char *workdir;
static bool tmp_workdir;
static int journal_fd = -1;
static sigset_t waited, saved_mask;
double t0;

double now(void)
{
	struct timespec ts;

	clock_gettime(CLOCK_MONOTONIC, &ts);
	return ts.tv_sec + ts.tv_nsec / 1e9;
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
	{
		/* why, at a glance: the last lines the program wrote on stderr */
		char *e = read_tail(err, opt.tail < STDERR_LINES ? opt.tail : STDERR_LINES), *p, *nl;

		say("%s%s%s: %s: %s\n", run_label(r), r->site ? " site " : "",
		    r->site ? r->site : "", verdict_names[r->verdict], r->reason);
		for (p = e; p && *p; p = nl + 1) {
			nl = strchrnul(p, '\n');
			say("  stderr: %.*s\n", (int)(nl - p), p);
			if (!*nl)
				break;
		}
		say("  replay: %s\n", r->repro);
		free(e);
	}
	free(out);
	free(err);
	dispose_outputs(r);
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

	camp.runs = calloc(nseeds ? nseeds : 1, sizeof(*camp.runs));
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
	if (!camp.systematic)
		shard_select();
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
	journal("\n");
	if (camp.shard_n) {
		char *list = seed_list_text(seeds, nseeds, 20);

		journal("# shard %u/%u (%s): %u of the campaign's %u seeds: %s\n", camp.shard_k,
			camp.shard_n, camp.shard_from, nseeds, camp.campaign_nseeds, list);
		free(list);
	}
	journal("# each run's replay line comes before the run; a '# ...' line with its verdict after\n");

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
	if (opt.merge)
		return merge_reports();
	setup();
	t0 = now();
	if (!camp.faults && !camp.systematic)
		say("evlsim-campaign: no --faults and no EVLSIM_FAULTS: the runs inject no fault\n");
	if (camp.shard_n && !nseeds)
		say("evlsim-campaign: shard %u/%u (%s): no seed falls to this shard (the campaign "
		    "has %u): nothing to run\n", camp.shard_k, camp.shard_n, camp.shard_from,
		    camp.campaign_nseeds);
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
