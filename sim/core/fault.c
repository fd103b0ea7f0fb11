// SPDX-License-Identifier: LGPL-2.1-or-later
/*
 * Fault injection (user world): the kernel's fault-injection framework
 * (Documentation/fault-injection/fault-injection.rst) for the simulated services.
 *
 * Sites, with stable names: "failslab" (kmalloc family, kmem_cache_alloc, evl_alloc),
 * "fail_page_alloc" (vmalloc family, alloc_pages, __get_free_pages), "fail_usercopy"
 * (copy_{to,from}_user, get/put_user, clear_user, strncpy_from_user, the raw_ forms),
 * "fail_evl_wait" (an EVL blocking wait ends at once with -EINTR or -ETIMEDOUT),
 * "fail_inband_wait" (an interruptible in-band wait ends with -ERESTARTSYS, or -EINTR for
 * mutex_lock_interruptible()/down_interruptible()), "fail_request_irq" (request_irq() and
 * its family fail with -ENOMEM), "fail_ioremap", "fail_dma_alloc", "fail_dma_chan"
 * (dma_request_chan() fails with -ENODEV), "fail_dma_prep" (a dmaengine_prep_*() call
 * returns NULL), "delay" (a sleep or a yield at the
 * simulator's scheduling points). The services call evlsim__should_fail() (core/fault.h).
 *
 * The decision follows the kernel's should_fail_ex(): the per-thread fail-nth first, then
 * the task filter, times, the caller filters, space, interval, probability. Every site
 * draws from its own PRNG stream (splitmix64 seeded from the one seed and the site id),
 * so that a single-threaded run is reproducible from EVLSIM_SEED.
 *
 * Systematic mode fails each distinct call site once, one per run, recording the sites
 * already failed in a log (see docs/fault-injection.md).
 *
 * The pieces: the sites and their attributes (fault-attr.c), the caller's stack
 * (fault-stack.c), systematic mode and replay (fault-systematic.c); this file holds the
 * seed, the decision, the API and the environment. All state is under one mutex
 * (core/fault-state.h); the hooks read one atomic flag while nothing is on.
 */
#include <errno.h>
#include <inttypes.h>
#include <pthread.h>
#include <sched.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>
#include "internal.h"
#include "core/fault-state.h"

EVLSIM_EXPORT int evlsim__faults_on;

struct evlsim_mutex evlsim__fault_lock = EVLSIM_MUTEX_INITIALIZER;
struct fault_attr evlsim__fault_attrs[EVLSIM_FAULT_NR];		/* under evlsim__fault_lock */
static unsigned long injected[EVLSIM_FAULT_NR];		/* atomic */
static uint64_t seed;					/* under evlsim__fault_lock */
static int seed_set, announced;				/* under evlsim__fault_lock */
static int nr_nth_armed;				/* atomic: threads with a fail-nth */

static __thread long fail_nth;
__thread int evlsim__fault_thread_marked;

/* ---- PRNG: one stream per site ------------------------------------------------------- */

static uint64_t splitmix64(uint64_t *state)
{
	uint64_t z = (*state += 0x9E3779B97F4A7C15ULL);

	z = (z ^ (z >> 30)) * 0xBF58476D1CE4E5B9ULL;
	z = (z ^ (z >> 27)) * 0x94D049BB133111EBULL;
	return z ^ (z >> 31);
}

static void seed_site(int site)
{
	uint64_t s = seed ^ (0xD1B54A32D192ED03ULL * (uint64_t)(site + 1));

	evlsim__fault_attrs[site].rng = splitmix64(&s);
}

/* $EVLSIM_SEED, or one from the clock (core/cpu.h: the FPU guard) */
static void read_seed(void)
{
	struct timespec ts;
	const char *env = getenv("EVLSIM_SEED");

	if (env && *env) {
		char *end;

		errno = 0;
		seed = strtoull(env, &end, 0);
		if (errno || *end) {
			evlsim__report(EVLSIM_REPORT_NOTICE, "faults",
				       "EVLSIM_SEED=%s is not an unsigned 64-bit number", env);
			exit(2);
		}
	} else {
		clock_gettime(CLOCK_REALTIME, &ts);
		seed = ((uint64_t)ts.tv_sec * 1000000000ULL + (uint64_t)ts.tv_nsec) ^
			((uint64_t)getpid() << 32);
	}
}

void evlsim__fault_ensure_seed(void)
{
	if (seed_set)
		return;
	EVLSIM_FPU_GUARDED(read_seed());
	seed_set = 1;
}

/* @a becomes @site's attributes, its PRNG stream restarted from the seed. */
void evlsim__fault_commit(int site, const struct fault_attr *a)
{
	evlsim__fault_attrs[site] = *a;
	evlsim__fault_ensure_seed();
	seed_site(site);
}

/* "site[:attrs];site[:attrs]..." all or nothing. */
int evlsim__fault_configure_locked(const char *spec)
{
	struct fault_attr tmp[EVLSIM_FAULT_NR];
	int given[EVLSIM_FAULT_NR], s, ret;

	ret = evlsim__fault_parse_spec(spec, tmp, given);
	if (ret)
		return ret;
	for (s = 0; s < EVLSIM_FAULT_NR; s++)
		if (given[s])
			evlsim__fault_commit(s, &tmp[s]);
	evlsim__fault_update_on();
	return 0;
}

void evlsim__fault_update_on(void)
{
	int on = 0, s;

	for (s = 0; s < EVLSIM_FAULT_NR; s++)
		if (s != EVLSIM_FAULT_DELAY && evlsim__fault_attrs[s].enabled)
			on = 1;
	if (evlsim__fault_sys_mode() || __atomic_load_n(&nr_nth_armed, __ATOMIC_RELAXED) > 0)
		on = 1;
	__atomic_store_n(&evlsim__faults_on, on, __ATOMIC_RELAXED);
	if (evlsim__fault_attrs[EVLSIM_FAULT_DELAY].enabled)
		__atomic_fetch_or(&evlsim__sched_points_on, EVLSIM_SP_ON_DELAY, __ATOMIC_RELAXED);
	else
		__atomic_fetch_and(&evlsim__sched_points_on, ~EVLSIM_SP_ON_DELAY, __ATOMIC_RELAXED);
	if ((on || evlsim__fault_attrs[EVLSIM_FAULT_DELAY].enabled) && !announced) {
		evlsim__fault_ensure_seed();
		announced = 1;
		evlsim__report(EVLSIM_REPORT_NOTICE, "faults", "faults on, EVLSIM_SEED=%" PRIu64,
			       seed);
	}
}

static int decide(int site, evlsim_size_t size, const void *caller, const char **why,
		  char **keyp)
{
	struct fault_attr *a = &evlsim__fault_attrs[site];

	if (site != EVLSIM_FAULT_DELAY && fail_nth > 0) {
		if (--fail_nth == 0) {
			__atomic_fetch_sub(&nr_nth_armed, 1, __ATOMIC_RELAXED);
			evlsim__fault_update_on();
			*why = "fail-nth";
			return 1;
		}
		return 0;
	}
	if (evlsim__fault_sys_mode()) {
		*why = evlsim__fault_sys_mode();
		return evlsim__fault_sys_decide(site, caller, keyp);
	}
	if (!a->enabled)
		return 0;
	if (a->task_filter && !evlsim__fault_thread_marked)
		return 0;
	if (a->times == 0)
		return 0;
	/* delay sleeps at the simulator's scheduling points: no scope */
	if ((site != EVLSIM_FAULT_DELAY && !evlsim__fault_in_scope(a, caller)) ||
	    !evlsim__fault_filters_pass(a, caller))
		return 0;
	if (a->space > size) {
		a->space -= size;
		return 0;
	}
	if (a->interval > 1 && ++a->calls % a->interval)
		return 0;
	if (a->probability < 100 &&
	    (unsigned long)a->probability <= splitmix64(&a->rng) % 100)
		return 0;
	if (a->times > 0)
		a->times--;
	*why = NULL;
	return 1;
}

static void report(int site, evlsim_size_t size, const void *caller, const char *why,
		   const char *key, int verbose)
{
	char func[192];

	evlsim__symbolize(caller, func, sizeof(func));
	if (verbose >= 2)
		evlsim__report_bt(EVLSIM_REPORT_NOTICE, evlsim__fault_site_names[site],
				  "fault injected at %s (size %zu)%s%s%s%s", func, (size_t)size,
				  why ? " by " : "", why ? why : "", key ? ": " : "", key ? key : "");
	else
		evlsim__report(EVLSIM_REPORT_NOTICE, evlsim__fault_site_names[site],
			       "fault injected at %s (size %zu)%s%s%s%s", func, (size_t)size,
			       why ? " by " : "", why ? why : "", key ? ": " : "", key ? key : "");
}

int evlsim__should_fail_at(int site, evlsim_size_t size, const void *caller)
{
	const char *why = NULL;
	char *key = NULL;
	int fail, verbose, error;

	if ((unsigned int)site >= EVLSIM_FAULT_NR || evlsim__unchecked)
		return 0;
	evlsim__mutex_lock(&evlsim__fault_lock);
	fail = decide(site, size, caller, &why, &key);
	verbose = evlsim__fault_attrs[site].enabled ? evlsim__fault_attrs[site].verbose : 1;
	error = evlsim__fault_attrs[site].enabled ? evlsim__fault_attrs[site].error : EVLSIM_FAULT_WAIT_EINTR;
	evlsim__mutex_unlock(&evlsim__fault_lock);
	if (!fail)
		return 0;
	__atomic_fetch_add(&injected[site], 1, __ATOMIC_RELAXED);
	if (verbose)
		report(site, size, caller, why, key, verbose);
	free(key);
	/* an interrupted in-band wait stands for a signal without a handler: its
	 * -ERESTARTSYS restarts the call (evlsim__restart_call()) */
	if (site == EVLSIM_FAULT_INBAND_WAIT && evlsim__self)
		evlsim__self->sig_injected = 1;
	return site == EVLSIM_FAULT_EVL_WAIT ? error : 1;
}

/* The "delay" site, at a scheduling point (core/sched.h). */
void evlsim__fault_sched_point(int sp, const void *site)
{
	unsigned long usecs;
	const char *why = NULL;
	char *key = NULL;
	int hit, verbose;

	(void)sp;
	evlsim__mutex_lock(&evlsim__fault_lock);
	hit = decide(EVLSIM_FAULT_DELAY, 0, site, &why, &key);
	usecs = evlsim__fault_attrs[EVLSIM_FAULT_DELAY].usecs;
	verbose = evlsim__fault_attrs[EVLSIM_FAULT_DELAY].verbose;
	evlsim__mutex_unlock(&evlsim__fault_lock);
	if (!hit)
		return;
	__atomic_fetch_add(&injected[EVLSIM_FAULT_DELAY], 1, __ATOMIC_RELAXED);
	if (verbose)
		report(EVLSIM_FAULT_DELAY, usecs, site, why, key, verbose);
	if (usecs) {
		struct timespec ts = { .tv_sec = (time_t)(usecs / 1000000),
				       .tv_nsec = (long)(usecs % 1000000) * 1000 };

		nanosleep(&ts, NULL);
	} else {
		sched_yield();
	}
}

/* ---- the public API ------------------------------------------------------------------- */

void evlsim__fault_error(const char *what)
{
	evlsim__report(EVLSIM_REPORT_NOTICE, "faults", "%s: %s", what, evlsim__fault_last_error);
}

EVLSIM_EXPORT int evlsim_fault_configure(const char *spec)
{
	int ret;

	evlsim__mutex_lock(&evlsim__fault_lock);
	ret = evlsim__fault_configure_locked(spec);
	if (ret)
		evlsim__fault_error("fault specification");
	evlsim__mutex_unlock(&evlsim__fault_lock);
	return ret;
}

EVLSIM_EXPORT int evlsim_fault_set(const char *site, const char *attributes)
{
	struct fault_attr tmp;
	int s, ret;

	evlsim__mutex_lock(&evlsim__fault_lock);
	s = site ? evlsim__fault_site_id(site, strlen(site)) : -1;
	if (s < 0)
		ret = evlsim__fault_bad("'%s': unknown fault site", site ? site : "(null)");
	else
		ret = evlsim__fault_parse_attrs(s, &tmp, attributes ? attributes : "",
				  attributes ? strlen(attributes) : 0);
	if (!ret) {
		evlsim__fault_commit(s, &tmp);
		evlsim__fault_update_on();
	} else {
		evlsim__fault_error("fault specification");
	}
	evlsim__mutex_unlock(&evlsim__fault_lock);
	return ret;
}

EVLSIM_EXPORT void evlsim_fault_reset(void)
{
	int s;

	evlsim__mutex_lock(&evlsim__fault_lock);
	for (s = 0; s < EVLSIM_FAULT_NR; s++) {
		memset(&evlsim__fault_attrs[s], 0, sizeof(evlsim__fault_attrs[s]));
		__atomic_store_n(&injected[s], 0, __ATOMIC_RELAXED);
	}
	if (fail_nth > 0)
		__atomic_fetch_sub(&nr_nth_armed, 1, __ATOMIC_RELAXED);
	fail_nth = 0;
	evlsim__fault_sys_clear();
	evlsim__fault_update_on();
	evlsim__mutex_unlock(&evlsim__fault_lock);
}

EVLSIM_EXPORT long evlsim_fault_count(const char *site)
{
	long sum = 0;
	int s;

	if (site) {
		s = evlsim__fault_site_id(site, strlen(site));
		return s < 0 ? -EINVAL : (long)__atomic_load_n(&injected[s], __ATOMIC_RELAXED);
	}
	for (s = 0; s < EVLSIM_FAULT_NR; s++)
		if (s != EVLSIM_FAULT_DELAY)
			sum += (long)__atomic_load_n(&injected[s], __ATOMIC_RELAXED);
	return sum;
}

EVLSIM_EXPORT unsigned long long evlsim_fault_seed(void)
{
	unsigned long long s;

	evlsim__mutex_lock(&evlsim__fault_lock);
	evlsim__fault_ensure_seed();
	s = seed;
	evlsim__mutex_unlock(&evlsim__fault_lock);
	return s;
}

EVLSIM_EXPORT void evlsim_fault_set_seed(unsigned long long new_seed)
{
	int s;

	evlsim__mutex_lock(&evlsim__fault_lock);
	seed = new_seed;
	seed_set = 1;
	for (s = 0; s < EVLSIM_FAULT_NR; s++)
		seed_site(s);
	evlsim__mutex_unlock(&evlsim__fault_lock);
}

EVLSIM_EXPORT int evlsim_fault_mark_thread(int on)
{
	int old = evlsim__fault_thread_marked;

	evlsim__fault_thread_marked = !!on;
	return old;
}

EVLSIM_EXPORT long evlsim_fault_fail_nth(long n)
{
	long old;

	if (n < 0)
		return -EINVAL;
	evlsim__mutex_lock(&evlsim__fault_lock);
	old = fail_nth;
	if (old > 0 && !n)
		__atomic_fetch_sub(&nr_nth_armed, 1, __ATOMIC_RELAXED);
	else if (!old && n)
		__atomic_fetch_add(&nr_nth_armed, 1, __ATOMIC_RELAXED);
	fail_nth = n;
	evlsim__fault_update_on();
	evlsim__mutex_unlock(&evlsim__fault_lock);
	return old;
}

EVLSIM_EXPORT const char *evlsim_fault_last_error(void)
{
	return evlsim__fault_last_error;
}

/* ---- the environment, at start ------------------------------------------------------- */

static __attribute__((constructor)) void fault_init(void)
{
	const char *spec = getenv("EVLSIM_FAULTS");
	const char *sysl = getenv("EVLSIM_FAULT_SYSTEMATIC");
	const char *replay = getenv("EVLSIM_FAULT_REPLAY");
	const char *depth = getenv("EVLSIM_FAULT_DEPTH");
	long long d = 1;

	if ((!spec || !*spec) && (!sysl || !*sysl) && (!replay || !*replay))
		return;
	evlsim__mutex_lock(&evlsim__fault_lock);
	evlsim__fault_ensure_seed();
	if (spec && *spec && evlsim__fault_configure_locked(spec)) {
		evlsim__fault_error("EVLSIM_FAULTS");
		exit(2);
	}
	if (depth && *depth && evlsim__fault_parse_num(depth, 1, MAX_FRAMES, &d)) {
		evlsim__fault_bad("EVLSIM_FAULT_DEPTH=%s: 1 to %d frames", depth, MAX_FRAMES);
		evlsim__fault_error("EVLSIM_FAULT_DEPTH");
		exit(2);
	}
	if (replay && *replay) {
		evlsim__mutex_unlock(&evlsim__fault_lock);
		evlsim_fault_replay(replay);
		evlsim__mutex_lock(&evlsim__fault_lock);
	} else if (sysl && *sysl && evlsim__fault_systematic_locked(sysl, (int)d)) {
		evlsim__fault_error("EVLSIM_FAULT_SYSTEMATIC");
		exit(2);
	}
	evlsim__fault_update_on();
	evlsim__mutex_unlock(&evlsim__fault_lock);
}
