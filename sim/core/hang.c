// SPDX-License-Identifier: LGPL-2.1-or-later
/*
 * The hang watch (user world): when every EVL thread of the process has been asleep
 * without a timeout for the watch's limit, the run is stuck (a deadlock, a lost wake-up,
 * a close() waiting for an oob call that never returns) and a HANG report says who waits
 * where, instead of a test that times out in silence.
 *
 * Off by default ($EVLSIM_HANG_WATCH=ms at start, evlsim_set_hang_watch()). While on, a
 * sleep of the one primitive without a deadline records its backtrace and start date in
 * the sleeper's thread state (evlsim__hang_enter()), and a watchdog host thread samples
 * the thread registry ten times per limit. It reads real time: it watches the run from
 * outside, it takes no part in it. One report per episode: the same sleeps are not
 * reported twice.
 */
#include <stdint.h>
#include <stdlib.h>
#include <stdio.h>
#include <string.h>
#include <time.h>
#include "internal.h"
#include "core/backtrace.h"
#include "core/hang.h"

#define MAX_REPORTED	16	/* threads a report shows */

int evlsim__hang_watch;			/* the limit in ms, 0: off */
static int watcher_started, atfork_registered;

struct snapshot {
	int attached, blocked;
	evlsim_ns_t now, limit;
	unsigned long long episode;	/* identifies the set of sleeps */
	int n;
	struct {
		char title[160];
		int nframes;
		void *frames[EVLSIM_HANG_FRAMES];
	} th[MAX_REPORTED];
};

static void watcher(void *arg);
static void watcher_atfork_child(void);

/* The sleeper's side: called by evlsim__sleep() for a sleep without a timeout. */
void evlsim__hang_enter(struct evlsim_thread *self)
{
	evlsim_ns_t now = evlsim__clock_now();

	evlsim__host_thread_once(&watcher_started, &atfork_registered, watcher_atfork_child,
				 watcher, NULL, "hang-watch");
	self->blocked_nframes = evlsim__backtrace(self->blocked_frames, EVLSIM_HANG_FRAMES, 2);
	__atomic_store_n(&self->blocked_since, now ? now : 1, __ATOMIC_RELEASE);
}

/* under the registry's lock: @t's part of the snapshot (its frames read consistently) */
static int sample(struct evlsim_thread *t, void *arg)
{
	struct snapshot *s = arg;
	evlsim_ns_t since;
	int k;

	if (!__atomic_load_n(&t->evl, __ATOMIC_ACQUIRE))
		return 0;
	s->attached++;
	since = __atomic_load_n(&t->blocked_since, __ATOMIC_ACQUIRE);
	if (!since || s->now - since < s->limit)
		return 0;
	s->blocked++;
	s->episode = s->episode * 1000003ULL + (unsigned long long)since + (unsigned int)t->tid;
	if (s->n == MAX_REPORTED)
		return 0;
	k = s->n;
	s->th[k].nframes = __atomic_load_n(&t->blocked_nframes, __ATOMIC_RELAXED);
	if (s->th[k].nframes < 0 || s->th[k].nframes > EVLSIM_HANG_FRAMES)
		s->th[k].nframes = 0;
	memcpy(s->th[k].frames, t->blocked_frames, sizeof(s->th[k].frames));
	if (__atomic_load_n(&t->blocked_since, __ATOMIC_ACQUIRE) != since)
		return 0;	/* woke meanwhile: not blocked after all */
	snprintf(s->th[k].title, sizeof(s->th[k].title),
		 "thread '%s' (tid %d) asleep for %lld ms without a timeout, since:",
		 t->name[0] ? t->name : "?", t->tid, (long long)((s->now - since) / 1000000));
	s->n++;
	return 0;
}

static void report(struct snapshot *s)
{
	struct evlsim_bt bt[MAX_REPORTED];
	int i;

	for (i = 0; i < s->n; i++) {
		bt[i].title = s->th[i].title;
		bt[i].frames = s->th[i].frames;
		bt[i].nframes = s->th[i].nframes;
	}
	evlsim__report_others(EVLSIM_REPORT_HANG, "all-blocked", bt, s->n,
			      "every EVL thread (%d) has been asleep without a timeout for %lld ms "
			      "or more: nothing left to wake them (deadlock, lost wake-up)",
			      s->attached, (long long)(s->limit / 1000000));
}

static void watcher(void *arg)
{
	unsigned long long reported = 0;
	struct snapshot *s = evlsim__zalloc(sizeof(*s));
	struct timespec ts;
	long long step;
	int ms;

	(void)arg;
	for (;;) {
		ms = __atomic_load_n(&evlsim__hang_watch, __ATOMIC_RELAXED);
		step = ms > 0 ? (ms / 10 + 1) * 1000000LL : 1000000000LL;	/* ns */
		ts.tv_sec = (time_t)(step / 1000000000LL);
		ts.tv_nsec = (long)(step % 1000000000LL);
		nanosleep(&ts, NULL);
		if (ms <= 0)
			continue;
		memset(s, 0, sizeof(*s));
		s->now = evlsim__clock_now();
		s->limit = (evlsim_ns_t)ms * 1000000;
		evlsim__for_each_thread(sample, s);
		if (!s->attached || s->blocked != s->attached || s->episode == reported)
			continue;
		reported = s->episode;
		report(s);
	}
}

static void watcher_atfork_child(void)
{
	watcher_started = 0;	/* gone in the child: started again at the next sleep */
}

EVLSIM_EXPORT unsigned int evlsim_set_hang_watch(unsigned int ms)
{
	return (unsigned int)__atomic_exchange_n(&evlsim__hang_watch,
						 ms > INT32_MAX ? INT32_MAX : (int)ms,
						 __ATOMIC_ACQ_REL);
}

static __attribute__((constructor)) void hang_init(void)
{
	const char *env = getenv("EVLSIM_HANG_WATCH");
	char *end;
	long v;

	if (!env || !*env)
		return;
	v = strtol(env, &end, 10);
	if (*end || v < 0 || v > INT32_MAX)
		evlsim__die("EVLSIM_HANG_WATCH=%s: expected milliseconds, 0 to %d", env, INT32_MAX);
	__atomic_store_n(&evlsim__hang_watch, (int)v, __ATOMIC_RELAXED);
}
