// SPDX-License-Identifier: LGPL-2.1-or-later
/*
 * Fault injection: systematic mode and replay (user world).
 *
 * Systematic mode fails each distinct call site once, one per run, recording the sites
 * already failed in a log that the next run reads back ("done" once a run failed none);
 * replay fails the one site of a logged key. See docs/fault-injection.md.
 */
#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/mman.h>
#include <unistd.h>
#include "internal.h"
#include "core/fault-state.h"
#include "core/libc.h"

/*
 * What one run of systematic mode or replay has done, shared by the process that started
 * the mode and every process it forks afterwards (a Check suite in fork mode runs each test
 * in a child): one fault per run, whichever process reaches its site first, and only the
 * starting process writes "done".
 */
struct sys_run {
	int claimed;			/* atomic: this run's one fault is taken */
};

/* systematic mode and replay, under fault_lock */
struct fault_sys {
	int on;
	int depth;
	char *path;
	char **known;			/* sites already failed by earlier runs */
	int nr_known;
	int done;			/* the log says "done": nothing left */
	int ended;			/* the run ended: no fault any more */
	char *replay;			/* replay: the one site to fail */
	pid_t owner;			/* the process that started the mode */
	struct sys_run *run;		/* shared with forked children */
};
static struct fault_sys sys;
static struct sys_run sys_run_private;	/* where a shared page cannot be had */

static int sys_candidate(int site)
{
	int s, any = 0;

	if (site == EVLSIM_FAULT_DELAY)
		return 0;
	for (s = 0; s < EVLSIM_FAULT_DELAY; s++)
		any |= evlsim__fault_attrs[s].enabled;
	return !any || evlsim__fault_attrs[site].enabled;
}

static int sys_known(const char *key)
{
	int i;

	for (i = 0; i < sys.nr_known; i++)
		if (!strcmp(sys.known[i], key))
			return 1;
	return 0;
}

static void sys_append_io(const char *line)
{
	int fd = REAL(open)(sys.path, O_WRONLY | O_APPEND | O_CREAT | O_CLOEXEC, 0644);
	size_t len = strlen(line);
	char *buf;

	if (fd < 0) {
		evlsim__report(EVLSIM_REPORT_NOTICE, "faults", "fault log %s: %s",
			       sys.path, strerror(errno));
		return;
	}
	buf = malloc(len + 1);
	if (buf) {
		memcpy(buf, line, len);
		buf[len] = '\n';
		if (REAL(write)(fd, buf, len + 1) != (ssize_t)(len + 1))
			evlsim__report(EVLSIM_REPORT_NOTICE, "faults", "fault log %s: short write",
				       sys.path);
		free(buf);
	}
	fsync(fd);
	REAL(close)(fd);
}

/* The log is the simulator's: writing it from an oob caller does not demote it. */
static void sys_append(const char *line)
{
	int saved_errno = errno;

	evlsim__internal_io(1);
	sys_append_io(line);
	evlsim__internal_io(-1);
	errno = saved_errno;
}

/* Systematic mode or replay: 1 to fail this call (its site was just logged). */
int evlsim__fault_sys_decide(int site, const void *caller, char **keyp)
{
	const struct fault_attr *a = &evlsim__fault_attrs[site];
	char *key;

	if (!sys_candidate(site))
		return 0;
	if (sys.done || sys.ended || __atomic_load_n(&sys.run->claimed, __ATOMIC_ACQUIRE))
		return 0;
	if (a->enabled && ((a->task_filter && !evlsim__fault_thread_marked) || !evlsim__fault_filters_pass(a, caller)))
		return 0;
	/* the drivers' calls, unless scope=all (a replay names its one site) */
	if (!sys.replay && !evlsim__fault_in_scope(a, caller))
		return 0;
	key = evlsim__fault_site_key(site, caller, sys.depth);
	if (!key)
		return 0;
	if (sys.replay ? strcmp(key, sys.replay) : sys_known(key)) {
		free(key);
		return 0;
	}
	/* one fault per run, across the processes of the run */
	if (__atomic_exchange_n(&sys.run->claimed, 1, __ATOMIC_ACQ_REL)) {
		free(key);
		return 0;
	}
	if (!sys.replay)
		sys_append(key);	/* before the failure: a crash still records it */
	*keyp = key;
	return 1;
}

void evlsim__fault_sys_clear(void)
{
	int i;

	for (i = 0; i < sys.nr_known; i++)
		free(sys.known[i]);
	free(sys.known);
	free(sys.path);
	free(sys.replay);
	if (sys.run && sys.run != &sys_run_private && sys.owner == getpid())
		REAL(munmap)(sys.run, sizeof(*sys.run));
	memset(&sys, 0, sizeof(sys));
}

/* A new run: its state on a page that processes forked from now on share. */
static void sys_start_run(void)
{
	void *p = REAL(mmap)(NULL, sizeof(*sys.run), PROT_READ | PROT_WRITE,
		       MAP_SHARED | MAP_ANONYMOUS, -1, 0);

	if (p == MAP_FAILED) {
		sys_run_private.claimed = 0;
		p = &sys_run_private;
	}
	sys.run = p;
	sys.owner = getpid();
}

static int sys_load(const char *path)
{
	char *line = NULL;
	size_t cap = 0;
	ssize_t len;
	FILE *f;

	sys.path = strdup(path);
	if (!sys.path)
		return -ENOMEM;
	f = fopen(path, "re");
	if (!f)
		return errno == ENOENT ? 0 : -errno;
	while ((len = getline(&line, &cap, f)) >= 0) {
		char **k;

		while (len > 0 && (line[len - 1] == '\n' || line[len - 1] == '\r'))
			line[--len] = '\0';
		if (!len)
			continue;
		if (!strcmp(line, "done")) {
			sys.done = 1;
			continue;
		}
		k = realloc(sys.known, (size_t)(sys.nr_known + 1) * sizeof(*k));
		if (!k)
			break;
		sys.known = k;
		sys.known[sys.nr_known++] = strdup(line);
		if (!sys.known[sys.nr_known - 1])
			sys.nr_known--;
	}
	free(line);
	fclose(f);
	return 0;
}

static int sys_end_locked(void)
{
	int ret;

	if (!sys.on)
		return -EINVAL;
	ret = __atomic_load_n(&sys.run->claimed, __ATOMIC_ACQUIRE);
	if (!sys.ended) {
		sys.ended = 1;
		/* a forked child's end is not the run's: its starter decides */
		if (!ret && !sys.done && sys.owner == getpid())
			sys_append("done");
	}
	return ret;
}

static void at_exit(void)
{
	evlsim__mutex_lock(&evlsim__fault_lock);
	if (sys.on)
		sys_end_locked();
	evlsim__mutex_unlock(&evlsim__fault_lock);
}

int evlsim__fault_systematic_locked(const char *logfile, int depth)
{
	static int atexit_done;
	int ret;

	evlsim__fault_sys_clear();
	if (!logfile) {
		evlsim__fault_update_on();
		return 0;
	}
	if (depth < 1 || depth > MAX_FRAMES)
		return evlsim__fault_bad("fault depth %d: 1 to %d frames", depth, MAX_FRAMES);
	ret = sys_load(logfile);
	if (ret) {
		evlsim__fault_sys_clear();
		evlsim__fault_bad("fault log %s: %s", logfile, strerror(-ret));
		return ret;
	}
	sys.on = 1;
	sys.depth = depth;
	sys_start_run();
	if (!atexit_done) {
		atexit_done = 1;
		atexit(at_exit);
	}
	evlsim__fault_ensure_seed();
	evlsim__fault_update_on();
	return 0;
}

/* "systematic", "replay", or NULL when neither is on. */
const char *evlsim__fault_sys_mode(void)
{
	return sys.replay ? "replay" : sys.on ? "systematic" : NULL;
}

EVLSIM_EXPORT int evlsim_fault_systematic(const char *logfile, int depth)
{
	int ret;

	evlsim__mutex_lock(&evlsim__fault_lock);
	ret = evlsim__fault_systematic_locked(logfile, depth);
	if (ret)
		evlsim__fault_error("systematic fault injection");
	evlsim__mutex_unlock(&evlsim__fault_lock);
	return ret;
}

EVLSIM_EXPORT int evlsim_fault_systematic_end(void)
{
	int ret;

	evlsim__mutex_lock(&evlsim__fault_lock);
	ret = sys_end_locked();
	evlsim__mutex_unlock(&evlsim__fault_lock);
	return ret;
}

EVLSIM_EXPORT int evlsim_fault_replay(const char *site_key_line)
{
	int ret = 0;

	evlsim__mutex_lock(&evlsim__fault_lock);
	evlsim__fault_sys_clear();
	if (site_key_line && *site_key_line) {
		sys.replay = strdup(site_key_line);
		if (!sys.replay)
			ret = -ENOMEM;
		sys_start_run();
		sys.depth = 1;
		/* the depth is the number of frames in the key */
		for (const char *p = site_key_line; (p = strchr(p, ' ')); p++)
			sys.depth++;
		sys.depth = sys.depth > 1 ? sys.depth - 1 : 1;
		evlsim__fault_ensure_seed();
	}
	evlsim__fault_update_on();
	evlsim__mutex_unlock(&evlsim__fault_lock);
	return ret;
}
