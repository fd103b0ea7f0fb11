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
 * mutex_lock_interruptible()/down_interruptible()), "delay" (a sleep or a yield at the
 * simulator's scheduling points). The services call evlsim__should_fail() (internal.h).
 *
 * The decision follows the kernel's should_fail_ex(): the per-thread fail-nth first, then
 * the task filter, times, the caller filters, space, interval, probability. Every site
 * draws from its own PRNG stream (splitmix64 seeded from the one seed and the site id),
 * so that a single-threaded run is reproducible from EVLSIM_SEED.
 *
 * Systematic mode fails each distinct call site once, one per run, recording the sites
 * already failed in a log (see docs/fault-injection.md).
 *
 * All state is under one mutex; the hooks read one atomic flag while nothing is on.
 */
#include <dlfcn.h>
#include <link.h>
#include <errno.h>
#include <fcntl.h>
#include <inttypes.h>
#include <limits.h>
#include <pthread.h>
#include <sched.h>
#include <stdarg.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/mman.h>
#include <time.h>
#include <unistd.h>
#include "internal.h"
#include "core/libc.h"
#include "core/backtrace.h"

EVLSIM_EXPORT int evlsim__faults_on;

#define MAX_FILTERS	8
#define FILTER_LEN	64
#define MAX_FRAMES	32

static const char *const site_names[EVLSIM_FAULT_NR] = {
	[EVLSIM_FAULT_SLAB] = "failslab",
	[EVLSIM_FAULT_PAGE_ALLOC] = "fail_page_alloc",
	[EVLSIM_FAULT_USERCOPY] = "fail_usercopy",
	[EVLSIM_FAULT_EVL_WAIT] = "fail_evl_wait",
	[EVLSIM_FAULT_INBAND_WAIT] = "fail_inband_wait",
	[EVLSIM_FAULT_DELAY] = "delay",
};

struct fault_attr {
	int enabled;
	int probability;		/* percent */
	unsigned long interval;
	long times;			/* -1: no limit */
	unsigned long space;		/* bytes still to pass before failures start */
	int verbose;			/* 0, 1 (a line), 2 (a line and a backtrace) */
	int task_filter;		/* only threads marked by evlsim_fault_mark_thread() */
	int error;			/* fail_evl_wait: EVLSIM_FAULT_WAIT_EINTR/_ETIMEDOUT */
	unsigned long usecs;		/* delay: 0 = sched_yield() */
	int nr_only, nr_never;
	char only[MAX_FILTERS][FILTER_LEN];
	char never[MAX_FILTERS][FILTER_LEN];
	/* run-time state */
	unsigned long calls;		/* for the interval */
	uint64_t rng;
};

static pthread_mutex_t fault_lock = PTHREAD_MUTEX_INITIALIZER;
static struct fault_attr attrs[EVLSIM_FAULT_NR];	/* under fault_lock */
static unsigned long injected[EVLSIM_FAULT_NR];		/* atomic */
static uint64_t seed;					/* under fault_lock */
static int seed_set, announced;				/* under fault_lock */
static int nr_nth_armed;				/* atomic: threads with a fail-nth */
static char last_error[256];				/* under fault_lock */

static __thread long fail_nth;
static __thread int thread_marked;

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
static struct {
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
} sys;
static struct sys_run sys_run_private;	/* where a shared page cannot be had */

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

	attrs[site].rng = splitmix64(&s);
}

static void ensure_seed(void)
{
	struct timespec ts;
	const char *env;

	if (seed_set)
		return;
	env = getenv("EVLSIM_SEED");
	if (env && *env) {
		char *end;

		errno = 0;
		seed = strtoull(env, &end, 0);
		if (errno || *end) {
			fprintf(stderr, "evlsim: EVLSIM_SEED=%s is not an unsigned 64-bit number\n",
				env);
			exit(2);
		}
	} else {
		clock_gettime(CLOCK_REALTIME, &ts);
		seed = ((uint64_t)ts.tv_sec * 1000000000ULL + (uint64_t)ts.tv_nsec) ^
			((uint64_t)getpid() << 32);
	}
	seed_set = 1;
}

static void update_on(void)
{
	int on = 0, s;

	for (s = 0; s < EVLSIM_FAULT_NR; s++)
		if (s != EVLSIM_FAULT_DELAY && attrs[s].enabled)
			on = 1;
	if (sys.on || sys.replay || __atomic_load_n(&nr_nth_armed, __ATOMIC_RELAXED) > 0)
		on = 1;
	__atomic_store_n(&evlsim__faults_on, on, __ATOMIC_RELAXED);
	if (attrs[EVLSIM_FAULT_DELAY].enabled)
		__atomic_fetch_or(&evlsim__sched_points_on, EVLSIM_SP_ON_DELAY, __ATOMIC_RELAXED);
	else
		__atomic_fetch_and(&evlsim__sched_points_on, ~EVLSIM_SP_ON_DELAY, __ATOMIC_RELAXED);
	if ((on || attrs[EVLSIM_FAULT_DELAY].enabled) && !announced) {
		ensure_seed();
		announced = 1;
		fprintf(stderr, "evlsim: faults on, EVLSIM_SEED=%" PRIu64 "\n", seed);
		fflush(stderr);
	}
}

/* ---- parsing ------------------------------------------------------------------------- */

static int site_id(const char *name, size_t len)
{
	int s;

	for (s = 0; s < EVLSIM_FAULT_NR; s++)
		if (strlen(site_names[s]) == len && !strncmp(site_names[s], name, len))
			return s;
	return -1;
}

static void default_attr(struct fault_attr *a)
{
	memset(a, 0, sizeof(*a));
	a->enabled = 1;
	a->probability = 100;
	a->interval = 1;
	a->times = -1;
	a->verbose = 1;
	a->error = EVLSIM_FAULT_WAIT_EINTR;
}

static __attribute__((format(printf, 1, 2))) int bad(const char *fmt, ...)
{
	va_list ap;

	va_start(ap, fmt);
	vsnprintf(last_error, sizeof(last_error), fmt, ap);
	va_end(ap);
	return -EINVAL;
}

static int parse_num(const char *v, long long min, long long max, long long *out)
{
	char *end;
	long long n;

	if (!*v)
		return -1;
	errno = 0;
	n = strtoll(v, &end, 0);
	if (errno || *end || n < min || n > max)
		return -1;
	*out = n;
	return 0;
}

/* One "name=value" token of @site into @a; 0 or -EINVAL (last_error set). */
static int parse_attr(int site, struct fault_attr *a, const char *tok)
{
	const char *eq = strchr(tok, '=');
	char key[32];
	const char *v;
	long long n;
	size_t klen;

	if (!eq || eq == tok || (size_t)(eq - tok) >= sizeof(key))
		return bad("'%s': expected attribute=value", tok);
	klen = (size_t)(eq - tok);
	memcpy(key, tok, klen);
	key[klen] = '\0';
	v = eq + 1;

	if (!strcmp(key, "probability")) {
		if (parse_num(v, 0, 100, &n))
			return bad("'%s': probability is a percentage, 0 to 100", tok);
		a->probability = (int)n;
	} else if (!strcmp(key, "interval")) {
		if (parse_num(v, 1, LLONG_MAX, &n))
			return bad("'%s': interval is a number >= 1", tok);
		a->interval = (unsigned long)n;
	} else if (!strcmp(key, "times")) {
		if (parse_num(v, -1, LLONG_MAX, &n))
			return bad("'%s': times is -1 (no limit) or a number >= 0", tok);
		a->times = (long)n;
	} else if (!strcmp(key, "space")) {
		if (parse_num(v, 0, LLONG_MAX, &n))
			return bad("'%s': space is a number of bytes >= 0", tok);
		a->space = (unsigned long)n;
	} else if (!strcmp(key, "verbose")) {
		if (parse_num(v, 0, 2, &n))
			return bad("'%s': verbose is 0, 1 or 2", tok);
		a->verbose = (int)n;
	} else if (!strcmp(key, "task-filter") || !strcmp(key, "task_filter")) {
		if (!strcmp(v, "Y") || !strcmp(v, "y"))
			n = 1;
		else if (!strcmp(v, "N") || !strcmp(v, "n"))
			n = 0;
		else if (parse_num(v, 0, 1, &n))
			return bad("'%s': task-filter is 0 or 1", tok);
		a->task_filter = (int)n;
	} else if (!strcmp(key, "only") || !strcmp(key, "never")) {
		int *nr = key[0] == 'o' ? &a->nr_only : &a->nr_never;
		char (*list)[FILTER_LEN] = key[0] == 'o' ? a->only : a->never;

		if (!*v || strlen(v) >= FILTER_LEN)
			return bad("'%s': %s takes a module or function name", tok, key);
		if (*nr >= MAX_FILTERS)
			return bad("'%s': at most %d %s filters", tok, MAX_FILTERS, key);
		strcpy(list[(*nr)++], v);
	} else if (!strcmp(key, "error")) {
		if (site != EVLSIM_FAULT_EVL_WAIT)
			return bad("'%s': error applies to fail_evl_wait only", tok);
		if (!strcmp(v, "EINTR"))
			a->error = EVLSIM_FAULT_WAIT_EINTR;
		else if (!strcmp(v, "ETIMEDOUT"))
			a->error = EVLSIM_FAULT_WAIT_ETIMEDOUT;
		else
			return bad("'%s': error is EINTR or ETIMEDOUT", tok);
	} else if (!strcmp(key, "usecs")) {
		if (site != EVLSIM_FAULT_DELAY)
			return bad("'%s': usecs applies to delay only", tok);
		if (parse_num(v, 0, 10000000, &n))
			return bad("'%s': usecs is 0 (yield) to 10000000", tok);
		a->usecs = (unsigned long)n;
	} else {
		return bad("'%s': unknown attribute '%s'", tok, key);
	}
	return 0;
}

/* "attr=v,attr=v" (or "off") for @site into @a. */
static int parse_attrs(int site, struct fault_attr *a, const char *s, size_t len)
{
	char buf[512], *tok, *save;

	default_attr(a);
	if (len >= sizeof(buf))
		return bad("attributes of %s too long", site_names[site]);
	memcpy(buf, s, len);
	buf[len] = '\0';
	if (!strcmp(buf, "off")) {
		a->enabled = 0;
		return 0;
	}
	for (tok = strtok_r(buf, ",", &save); tok; tok = strtok_r(NULL, ",", &save)) {
		int ret = parse_attr(site, a, tok);

		if (ret)
			return ret;
	}
	return 0;
}

static void commit(int site, const struct fault_attr *a)
{
	attrs[site] = *a;
	ensure_seed();
	seed_site(site);
}

/* "site[:attrs];site[:attrs]..." all or nothing. */
static int configure_locked(const char *spec)
{
	struct fault_attr tmp[EVLSIM_FAULT_NR];
	int given[EVLSIM_FAULT_NR] = { 0 };
	const char *p = spec;
	int s, ret;

	if (!spec)
		return bad("no specification");
	while (*p) {
		const char *end = strchrnul(p, ';'), *colon;
		size_t nlen;

		if (end == p) {		/* empty entry (";;" or a trailing ';') */
			p = *end ? end + 1 : end;
			continue;
		}
		colon = memchr(p, ':', (size_t)(end - p));
		nlen = (size_t)((colon ? colon : end) - p);
		s = site_id(p, nlen);
		if (s < 0)
			return bad("'%.*s': unknown fault site (failslab, fail_page_alloc, fail_usercopy, fail_evl_wait, fail_inband_wait, delay)",
				   (int)nlen, p);
		ret = colon ? parse_attrs(s, &tmp[s], colon + 1, (size_t)(end - colon - 1))
			    : parse_attrs(s, &tmp[s], "", 0);
		if (ret)
			return ret;
		given[s] = 1;
		p = *end ? end + 1 : end;
	}
	for (s = 0; s < EVLSIM_FAULT_NR; s++)
		if (given[s])
			commit(s, &tmp[s]);
	update_on();
	return 0;
}

/* ---- call stacks ----------------------------------------------------------------------- */

/* Symbolized frames are cached: libdw reads /proc on every lookup. */
#define SYMS_ORDER	10
#define NR_SYMS		(1U << SYMS_ORDER)
static struct { const void *addr; char *name; char *obj; } syms[NR_SYMS];

/* The program's file name, without libtool's "lt-" prefix: the same in every run. */
static const char *program_name(void)
{
	static char name[256];
	const char *base;
	ssize_t n;

	if (name[0])
		return name;
	n = readlink("/proc/self/exe", name, sizeof(name) - 1);
	if (n <= 0)
		return strcpy(name, "?");
	name[n] = '\0';
	base = strrchr(name, '/');
	base = base ? base + 1 : name;
	if (!strncmp(base, "lt-", 3))
		base += 3;
	memmove(name, base, strlen(base) + 1);
	return name;
}

static void frame_info(const void *addr, const char **name, const char **obj)
{
	unsigned int i = (unsigned int)(((uintptr_t)addr * 0x9E3779B97F4A7C15ULL) >> (64 - SYMS_ORDER));
	unsigned int n;

	for (n = 0; n < NR_SYMS; n++, i = (i + 1) & (NR_SYMS - 1)) {
		if (syms[i].addr == addr)
			break;
		if (!syms[i].addr) {
			char buf[192];
			const char *o = "?", *slash;
			Dl_info info;

			struct link_map *map = NULL;

			evlsim__symbolize(addr, buf, sizeof(buf));
			if (dladdr1(addr, &info, (void **)&map, RTLD_DL_LINKMAP)) {
				if (map && !map->l_name[0])	/* the program */
					o = program_name();
				else if (info.dli_fname && *info.dli_fname)
					o = info.dli_fname;
				slash = strrchr(o, '/');
				o = slash ? slash + 1 : o;
			}
			syms[i].addr = addr;
			syms[i].name = strdup(buf);
			syms[i].obj = strdup(o);
			break;
		}
	}
	if (n == NR_SYMS || !syms[i].name || !syms[i].obj) {	/* full: not cached */
		*name = "?";
		*obj = "?";
		return;
	}
	*name = syms[i].name;
	*obj = syms[i].obj;
}

/* @tok names the frame: its function, a module prefix ("tfault" for tfault_*()), or its
 * shared object ("tfault" for tfault.so or libtfault.so) */
static int frame_matches(const void *addr, const char *tok)
{
	const char *name, *obj, *plus;
	size_t tl = strlen(tok), fl;

	frame_info(addr, &name, &obj);
	plus = strchr(name, '+');
	fl = plus ? (size_t)(plus - name) : strlen(name);
	if (fl == tl && !strncmp(name, tok, tl))
		return 1;
	if (fl > tl && !strncmp(name, tok, tl) && name[tl] == '_')
		return 1;
	if (!strncmp(obj, "lib", 3) && !strncmp(obj + 3, tok, tl) && obj[3 + tl] == '.')
		return 1;
	return !strncmp(obj, tok, tl) && obj[tl] == '.';
}

static int stack_matches(void **frames, int n, const char (*list)[FILTER_LEN], int nr)
{
	int i, f;

	for (f = 0; f < n; f++)
		for (i = 0; i < nr; i++)
			if (frame_matches(frames[f], list[i]))
				return 1;
	return 0;
}

/* The frames from the caller of the hooked service outwards. */
static int caller_stack(const void *caller, void **frames, int max)
{
	void *all[MAX_FRAMES + 8];
	int n = evlsim__backtrace(all, MAX_FRAMES + 8, 0), i;

	for (i = 0; i < n; i++)
		if (all[i] == caller)
			break;
	if (i == n) {		/* not on the stack (a tail call): the caller alone */
		frames[0] = (void *)caller;
		return 1;
	}
	n -= i;
	if (n > max)
		n = max;
	memcpy(frames, all + i, (size_t)n * sizeof(void *));
	return n;
}

static int filters_pass(const struct fault_attr *a, const void *caller)
{
	void *frames[MAX_FRAMES];
	int n;

	if (!a->nr_only && !a->nr_never)
		return 1;
	n = caller_stack(caller, frames, MAX_FRAMES);
	if (a->nr_only && !stack_matches(frames, n, a->only, a->nr_only))
		return 0;
	if (a->nr_never && stack_matches(frames, n, a->never, a->nr_never))
		return 0;
	return 1;
}

/* "site obj:func+0xoff[ obj:func+0xoff...]", malloc()ed */
static char *site_key(int site, const void *caller, int depth)
{
	void *frames[MAX_FRAMES];
	size_t len = 0, cap = 256;
	char *key = malloc(cap);
	int n, i;

	if (!key)
		return NULL;
	n = depth > 1 ? caller_stack(caller, frames, depth < MAX_FRAMES ? depth : MAX_FRAMES) : 0;
	if (!n) {
		frames[0] = (void *)caller;
		n = 1;
	}
	len = (size_t)snprintf(key, cap, "%s", site_names[site]);
	for (i = 0; i < n; i++) {
		const char *name, *obj;
		size_t need;

		frame_info(frames[i], &name, &obj);
		need = len + strlen(name) + strlen(obj) + 3;
		if (need > cap) {
			char *k = realloc(key, need * 2);

			if (!k)
				break;
			key = k;
			cap = need * 2;
		}
		len += (size_t)snprintf(key + len, cap - len, " %s:%s", obj, name);
	}
	return key;
}

/* ---- the decision ---------------------------------------------------------------------- */

static int sys_candidate(int site)
{
	int s, any = 0;

	if (site == EVLSIM_FAULT_DELAY)
		return 0;
	for (s = 0; s < EVLSIM_FAULT_DELAY; s++)
		any |= attrs[s].enabled;
	return !any || attrs[site].enabled;
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
		fprintf(stderr, "evlsim: fault log %s: %s\n", sys.path, strerror(errno));
		return;
	}
	buf = malloc(len + 1);
	if (buf) {
		memcpy(buf, line, len);
		buf[len] = '\n';
		if (REAL(write)(fd, buf, len + 1) != (ssize_t)(len + 1))
			fprintf(stderr, "evlsim: fault log %s: short write\n", sys.path);
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
static int sys_decide(int site, const void *caller, char **keyp)
{
	const struct fault_attr *a = &attrs[site];
	char *key;

	if (!sys_candidate(site))
		return 0;
	if (sys.done || sys.ended || __atomic_load_n(&sys.run->claimed, __ATOMIC_ACQUIRE))
		return 0;
	if (a->enabled && ((a->task_filter && !thread_marked) || !filters_pass(a, caller)))
		return 0;
	key = site_key(site, caller, sys.depth);
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

static int decide(int site, evlsim_size_t size, const void *caller, const char **why,
		  char **keyp)
{
	struct fault_attr *a = &attrs[site];

	if (site != EVLSIM_FAULT_DELAY && fail_nth > 0) {
		if (--fail_nth == 0) {
			__atomic_fetch_sub(&nr_nth_armed, 1, __ATOMIC_RELAXED);
			update_on();
			*why = "fail-nth";
			return 1;
		}
		return 0;
	}
	if (sys.on || sys.replay) {
		*why = sys.replay ? "replay" : "systematic";
		return sys_decide(site, caller, keyp);
	}
	if (!a->enabled)
		return 0;
	if (a->task_filter && !thread_marked)
		return 0;
	if (a->times == 0)
		return 0;
	if (!filters_pass(a, caller))
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
		evlsim__report_bt(EVLSIM_REPORT_NOTICE, site_names[site],
				  "fault injected at %s (size %zu)%s%s%s%s", func, (size_t)size,
				  why ? " by " : "", why ? why : "", key ? ": " : "", key ? key : "");
	else
		evlsim__report(EVLSIM_REPORT_NOTICE, site_names[site],
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
	pthread_mutex_lock(&fault_lock);
	fail = decide(site, size, caller, &why, &key);
	verbose = attrs[site].enabled ? attrs[site].verbose : 1;
	error = attrs[site].enabled ? attrs[site].error : EVLSIM_FAULT_WAIT_EINTR;
	pthread_mutex_unlock(&fault_lock);
	if (!fail)
		return 0;
	__atomic_fetch_add(&injected[site], 1, __ATOMIC_RELAXED);
	if (verbose)
		report(site, size, caller, why, key, verbose);
	free(key);
	return site == EVLSIM_FAULT_EVL_WAIT ? error : 1;
}

/* The "delay" site, at a scheduling point (internal.h). */
void evlsim__fault_sched_point(int sp)
{
	unsigned long usecs;
	const char *why = NULL;
	char *key = NULL;
	int hit, verbose;

	(void)sp;
	pthread_mutex_lock(&fault_lock);
	hit = decide(EVLSIM_FAULT_DELAY, 0, __builtin_return_address(0), &why, &key);
	usecs = attrs[EVLSIM_FAULT_DELAY].usecs;
	verbose = attrs[EVLSIM_FAULT_DELAY].verbose;
	pthread_mutex_unlock(&fault_lock);
	if (!hit)
		return;
	__atomic_fetch_add(&injected[EVLSIM_FAULT_DELAY], 1, __ATOMIC_RELAXED);
	if (verbose)
		report(EVLSIM_FAULT_DELAY, usecs, __builtin_return_address(0), why, key, verbose);
	if (usecs) {
		struct timespec ts = { .tv_sec = (time_t)(usecs / 1000000),
				       .tv_nsec = (long)(usecs % 1000000) * 1000 };

		nanosleep(&ts, NULL);
	} else {
		sched_yield();
	}
}

/* ---- systematic mode --------------------------------------------------------------------- */

static void sys_clear(void)
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
	pthread_mutex_lock(&fault_lock);
	if (sys.on)
		sys_end_locked();
	pthread_mutex_unlock(&fault_lock);
}

static int systematic_locked(const char *logfile, int depth)
{
	static int atexit_done;
	int ret;

	sys_clear();
	if (!logfile) {
		update_on();
		return 0;
	}
	if (depth < 1 || depth > MAX_FRAMES)
		return bad("fault depth %d: 1 to %d frames", depth, MAX_FRAMES);
	ret = sys_load(logfile);
	if (ret) {
		sys_clear();
		bad("fault log %s: %s", logfile, strerror(-ret));
		return ret;
	}
	sys.on = 1;
	sys.depth = depth;
	sys_start_run();
	if (!atexit_done) {
		atexit_done = 1;
		atexit(at_exit);
	}
	ensure_seed();
	update_on();
	return 0;
}

/* ---- the public API ------------------------------------------------------------------- */

static void print_error(const char *what)
{
	fprintf(stderr, "evlsim: %s: %s\n", what, last_error);
	fflush(stderr);
}

EVLSIM_EXPORT int evlsim_fault_configure(const char *spec)
{
	int ret;

	pthread_mutex_lock(&fault_lock);
	ret = configure_locked(spec);
	if (ret)
		print_error("fault specification");
	pthread_mutex_unlock(&fault_lock);
	return ret;
}

EVLSIM_EXPORT int evlsim_fault_set(const char *site, const char *attributes)
{
	struct fault_attr tmp;
	int s, ret;

	pthread_mutex_lock(&fault_lock);
	s = site ? site_id(site, strlen(site)) : -1;
	if (s < 0)
		ret = bad("'%s': unknown fault site", site ? site : "(null)");
	else
		ret = parse_attrs(s, &tmp, attributes ? attributes : "",
				  attributes ? strlen(attributes) : 0);
	if (!ret) {
		commit(s, &tmp);
		update_on();
	} else {
		print_error("fault specification");
	}
	pthread_mutex_unlock(&fault_lock);
	return ret;
}

EVLSIM_EXPORT void evlsim_fault_reset(void)
{
	int s;

	pthread_mutex_lock(&fault_lock);
	for (s = 0; s < EVLSIM_FAULT_NR; s++) {
		memset(&attrs[s], 0, sizeof(attrs[s]));
		__atomic_store_n(&injected[s], 0, __ATOMIC_RELAXED);
	}
	if (fail_nth > 0)
		__atomic_fetch_sub(&nr_nth_armed, 1, __ATOMIC_RELAXED);
	fail_nth = 0;
	sys_clear();
	update_on();
	pthread_mutex_unlock(&fault_lock);
}

EVLSIM_EXPORT long evlsim_fault_count(const char *site)
{
	long sum = 0;
	int s;

	if (site) {
		s = site_id(site, strlen(site));
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

	pthread_mutex_lock(&fault_lock);
	ensure_seed();
	s = seed;
	pthread_mutex_unlock(&fault_lock);
	return s;
}

EVLSIM_EXPORT void evlsim_fault_set_seed(unsigned long long new_seed)
{
	int s;

	pthread_mutex_lock(&fault_lock);
	seed = new_seed;
	seed_set = 1;
	for (s = 0; s < EVLSIM_FAULT_NR; s++)
		seed_site(s);
	pthread_mutex_unlock(&fault_lock);
}

EVLSIM_EXPORT int evlsim_fault_mark_thread(int on)
{
	int old = thread_marked;

	thread_marked = !!on;
	return old;
}

EVLSIM_EXPORT long evlsim_fault_fail_nth(long n)
{
	long old;

	if (n < 0)
		return -EINVAL;
	pthread_mutex_lock(&fault_lock);
	old = fail_nth;
	if (old > 0 && !n)
		__atomic_fetch_sub(&nr_nth_armed, 1, __ATOMIC_RELAXED);
	else if (!old && n)
		__atomic_fetch_add(&nr_nth_armed, 1, __ATOMIC_RELAXED);
	fail_nth = n;
	update_on();
	pthread_mutex_unlock(&fault_lock);
	return old;
}

EVLSIM_EXPORT int evlsim_fault_systematic(const char *logfile, int depth)
{
	int ret;

	pthread_mutex_lock(&fault_lock);
	ret = systematic_locked(logfile, depth);
	if (ret)
		print_error("systematic fault injection");
	pthread_mutex_unlock(&fault_lock);
	return ret;
}

EVLSIM_EXPORT int evlsim_fault_systematic_end(void)
{
	int ret;

	pthread_mutex_lock(&fault_lock);
	ret = sys_end_locked();
	pthread_mutex_unlock(&fault_lock);
	return ret;
}

EVLSIM_EXPORT int evlsim_fault_replay(const char *site_key_line)
{
	int ret = 0;

	pthread_mutex_lock(&fault_lock);
	sys_clear();
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
		ensure_seed();
	}
	update_on();
	pthread_mutex_unlock(&fault_lock);
	return ret;
}

EVLSIM_EXPORT const char *evlsim_fault_last_error(void)
{
	return last_error;
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
	pthread_mutex_lock(&fault_lock);
	ensure_seed();
	if (spec && *spec && configure_locked(spec)) {
		print_error("EVLSIM_FAULTS");
		exit(2);
	}
	if (depth && *depth && parse_num(depth, 1, MAX_FRAMES, &d)) {
		bad("EVLSIM_FAULT_DEPTH=%s: 1 to %d frames", depth, MAX_FRAMES);
		print_error("EVLSIM_FAULT_DEPTH");
		exit(2);
	}
	if (replay && *replay) {
		pthread_mutex_unlock(&fault_lock);
		evlsim_fault_replay(replay);
		pthread_mutex_lock(&fault_lock);
	} else if (sysl && *sysl && systematic_locked(sysl, (int)d)) {
		print_error("EVLSIM_FAULT_SYSTEMATIC");
		exit(2);
	}
	update_on();
	pthread_mutex_unlock(&fault_lock);
}
