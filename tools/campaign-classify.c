// SPDX-License-Identifier: LGPL-2.1-or-later
/*
 * evlsim-campaign: a finished run's verdict. The exit status says pass, fail, crash or
 * timeout; the outputs can say more (a Check test that crashed or hung in its child, a
 * sanitizer report, an evlsim LEAK or RULE line), and give the reason and the group of
 * alike failures.
 */
#include "config.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/wait.h>

#include "campaign.h"

const char *signame(int sig)
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

void classify(struct run *r)
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
	else if (WEXITSTATUS(st) == 127)	/* the shells' and the dynamic loader's */
		status = xasprintf("exit status 127: cannot execute (a command not found, or a shared library missing: see stderr)");
	else if (WEXITSTATUS(st) == 126)
		status = xasprintf("exit status 126: cannot execute (a command found but not executable)");
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
