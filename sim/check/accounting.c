// SPDX-License-Identifier: LGPL-2.1-or-later
/*
 * Resource accounting per module (kernel world); docs/fault-injection.md, "Resource
 * accounting".
 *
 * Owner. An allocation belongs to the module whose code asked for it. Driver code reaches
 * the allocators through macros (linux/evlsim-owner.h) that name the caller's module
 * (THIS_MODULE, known at compile time) on the calling thread for the duration of the call,
 * as the kernel's allocation profiling tags each call site: this works alike for a module
 * linked into the program and for a module shared object, where an address lookup could
 * only tell the latter, and it charges the helpers that allocate for the caller
 * (kstrdup(), kasprintf(), memdup_user()) to the caller too. The simulator's own calls
 * run with no owner and are not accounted.
 *
 * Records. Each live allocation of a module has a record in a hash table keyed by
 * address (4096 chains, 64 lock words): kind, size, owner and the allocation backtrace
 * (backtrace(), 16 frames, symbolized only when reported). Pages can be freed piecewise
 * (alloc_pages_exact(), split_page()), so their records are kept on a list and freed by
 * range. A free looks up the table only while some record exists: one load otherwise.
 * Counters per module (objects and bytes per kind, open files, module references held)
 * live beside the module; running kthreads, armed timers, queued work and registered
 * devices are counted on the lists their services keep.
 *
 * Leaks. At unload (or after a failed init), what the module did not free is reported
 * once as a LEAK with its allocation backtrace and stays accounted to it (the memory is not
 * freed, as the kernel would not); evlsim_leak_check() reports and counts it again. At
 * exit, what was never reported is ($EVLSIM_LEAKS=report|off, default report).
 */
#include <linux/kernel.h>
#include <linux/module.h>
#include <linux/string.h>
#include <linux/slab.h>
#include "kinternal.h"
#include "core/backtrace.h"

extern char *getenv(const char *name);

#define ACCT_FRAMES	16
#define ACCT_BUCKETS	4096
#define ACCT_STRIPES	64
#define ACCT_PAGES_KIND	EVLSIM_ACCT_PAGES

struct acct_rec {
	struct acct_rec *next;
	const void *addr;
	unsigned long size;		/* bytes (pages: the part not freed yet) */
	unsigned long total;		/* pages: the block's bytes when allocated */
	struct module *owner;
	unsigned char kind;		/* enum evlsim_acct_kind */
	unsigned char reported;
	unsigned char nframes;
	void *frames[ACCT_FRAMES];
};

/* per-module counters, beside the module (struct module::evlsim_acct) */
struct evlsim_module_acct {
	long count[EVLSIM_ACCT_NR];
	long bytes[EVLSIM_ACCT_NR];
};

static __thread struct module *cur_owner __attribute__((tls_model("initial-exec")));
static struct acct_rec *buckets[ACCT_BUCKETS];
static int stripe_locks[ACCT_STRIPES];
static struct acct_rec *page_recs;		/* page blocks, under pages_lock */
static int pages_lock;
static long live_records;			/* hash table records: frees skip lookups at 0 */
static long live_page_records;
static int acct_lock;				/* creation of the per-module counters */

static const char *const kind_names[EVLSIM_ACCT_NR] = {
	[EVLSIM_ACCT_KMALLOC] = "kmalloc",
	[EVLSIM_ACCT_CACHE_OBJ] = "kmem_cache object",
	[EVLSIM_ACCT_CACHE] = "kmem_cache",
	[EVLSIM_ACCT_VMALLOC] = "vmalloc",
	[EVLSIM_ACCT_PAGES] = "page allocator",
	[EVLSIM_ACCT_EVL_ALLOC] = "evl_alloc",
	[EVLSIM_ACCT_FILES] = "open file",
	[EVLSIM_ACCT_MODREFS] = "module reference",
	[EVLSIM_ACCT_DEVICES] = "registered device",
	[EVLSIM_ACCT_KTHREADS] = "kthread",
	[EVLSIM_ACCT_EVL_KTHREADS] = "EVL kthread",
	[EVLSIM_ACCT_TIMERS] = "armed EVL timer",
	[EVLSIM_ACCT_WORK] = "queued work",
	[EVLSIM_ACCT_IRQS] = "requested irq",
	[EVLSIM_ACCT_DRIVERS] = "platform driver",
	[EVLSIM_ACCT_IRQ_MAPPINGS] = "irq mapping",
	[EVLSIM_ACCT_GPIOCHIPS] = "gpio chip",
	[EVLSIM_ACCT_DMA_CHANS] = "DMA channel",
	[EVLSIM_ACCT_PWM_CHIPS] = "PWM chip",
	[EVLSIM_ACCT_PWMS] = "requested PWM",
	[EVLSIM_ACCT_IOREMAP] = "ioremap mapping",
	[EVLSIM_ACCT_DMA] = "DMA buffer",
};

struct module *evlsim__owner_enter(struct module *mod)
{
	struct module *prev = cur_owner;

	cur_owner = mod;
	return prev;
}

void evlsim__owner_leave(struct module *prev)
{
	cur_owner = prev;
}

struct module *evlsim__acct_owner(void)
{
	return cur_owner;
}

/* fault injection's default scope: the thread works for a module's call */
static int owner_set(void)
{
	return cur_owner != NULL;
}

static void __attribute__((constructor)) acct_fault_hook_init(void)
{
	__atomic_store_n(&evlsim__fault_owner_hook, owner_set, __ATOMIC_RELEASE);
}

static struct evlsim_module_acct *module_acct(struct module *mod)
{
	struct evlsim_module_acct *a = __atomic_load_n(&mod->evlsim_acct, __ATOMIC_ACQUIRE);

	if (likely(a))
		return a;
	evlsim__lockword_lock(&acct_lock);
	a = mod->evlsim_acct;
	if (!a) {
		a = evlsim__zalloc(sizeof(*a));
		__atomic_store_n(&mod->evlsim_acct, a, __ATOMIC_RELEASE);
	}
	evlsim__lockword_unlock(&acct_lock);
	return a;
}

static void charge(struct module *mod, int kind, long count, long bytes)
{
	struct evlsim_module_acct *a = module_acct(mod);

	__atomic_add_fetch(&a->count[kind], count, __ATOMIC_RELAXED);
	__atomic_add_fetch(&a->bytes[kind], bytes, __ATOMIC_RELAXED);
}

static unsigned int bucket_of(const void *addr)
{
	return (unsigned int)((((unsigned long)addr >> 4) * 0x9E3779B97F4A7C15UL) >> 52);
}

static int *stripe_of(unsigned int bucket)
{
	return &stripe_locks[bucket % ACCT_STRIPES];
}

/* inlined: the backtrace starts in the noinline accounting entry point */
static inline __attribute__((always_inline)) struct acct_rec *new_record(struct module *owner, int kind, const void *addr,
				   unsigned long size)
{
	struct acct_rec *r = evlsim__zalloc(sizeof(*r));

	r->addr = addr;
	r->size = r->total = size;
	r->owner = owner;
	r->kind = kind;
	/* skip the accounting entry point: start in the allocator */
	r->nframes = evlsim__backtrace(r->frames, ACCT_FRAMES, 1);
	return r;
}

/*
 * fork(): the accounting's locks are taken around it, so that the child finds the tables
 * consistent and the locks free. Leaves (pages_lock before acct_lock, as charge() nests
 * them); registered before the other handlers, their prepare runs last.
 */
static void fork_prepare(void)
{
	int i;

	for (i = 0; i < ACCT_STRIPES; i++)
		evlsim__lockword_lock(&stripe_locks[i]);
	evlsim__lockword_lock(&pages_lock);
	evlsim__lockword_lock(&acct_lock);
}

static void fork_release(void)
{
	int i;

	evlsim__lockword_unlock(&acct_lock);
	evlsim__lockword_unlock(&pages_lock);
	for (i = ACCT_STRIPES - 1; i >= 0; i--)
		evlsim__lockword_unlock(&stripe_locks[i]);
}

static void __attribute__((constructor(101))) acct_atfork_init(void)
{
	evlsim__host_atfork(fork_prepare, fork_release, fork_release);
}

static void insert_record(struct acct_rec *r)
{
	unsigned int b = bucket_of(r->addr);

	evlsim__lockword_lock(stripe_of(b));
	r->next = buckets[b];
	__atomic_store_n(&buckets[b], r, __ATOMIC_RELAXED);	/* collect() peeks unlocked */
	__atomic_add_fetch(&live_records, 1, __ATOMIC_RELAXED);
	evlsim__lockword_unlock(stripe_of(b));
}

static struct acct_rec *remove_record(const void *addr)
{
	unsigned int b = bucket_of(addr);
	struct acct_rec *r, **pp;

	evlsim__lockword_lock(stripe_of(b));
	for (pp = &buckets[b]; (r = *pp) != NULL; pp = &r->next)
		if (r->addr == addr) {
			__atomic_store_n(pp, r->next, __ATOMIC_RELAXED);
			__atomic_sub_fetch(&live_records, 1, __ATOMIC_RELAXED);
			break;
		}
	evlsim__lockword_unlock(stripe_of(b));
	return r;
}

/* noinline: the backtrace skips exactly this function */
noinline void evlsim__acct_alloc(int kind, const void *addr, unsigned long size)
{
	struct module *owner = cur_owner;
	struct acct_rec *r;

	if (likely(!owner) || ZERO_OR_NULL_PTR(addr))
		return;
	r = new_record(owner, kind, addr, size);
	charge(owner, kind, 1, size);
	if (kind == ACCT_PAGES_KIND) {
		evlsim__lockword_lock(&pages_lock);
		r->next = page_recs;
		page_recs = r;
		__atomic_add_fetch(&live_page_records, 1, __ATOMIC_RELAXED);
		evlsim__lockword_unlock(&pages_lock);
	} else {
		insert_record(r);
	}
	__asm__ __volatile__("" ::: "memory");	/* no tail call: keep this frame */
}

void evlsim__acct_free(const void *addr)
{
	struct acct_rec *r;

	if (likely(!__atomic_load_n(&live_records, __ATOMIC_RELAXED)) || ZERO_OR_NULL_PTR(addr))
		return;
	r = remove_record(addr);
	if (r) {
		charge(r->owner, r->kind, -1, -(long)r->size);
		evlsim__free(r);
	}
}

/*
 * A driver's block being freed into the quarantine (memcheck.c): its record removed as
 * evlsim__acct_free() does, its allocation backtrace, requested size and owner copied
 * out. Returns the number of frames copied, or -1 when @addr is not driver memory.
 */
int evlsim__acct_take(const void *addr, void **frames, int max, unsigned long *size,
		      const char **owner)
{
	struct acct_rec *r;
	int n;

	if (!__atomic_load_n(&live_records, __ATOMIC_RELAXED) || ZERO_OR_NULL_PTR(addr))
		return -1;
	r = remove_record(addr);
	if (!r)
		return -1;
	charge(r->owner, r->kind, -1, -(long)r->size);
	n = r->nframes < max ? r->nframes : max;
	memcpy(frames, r->frames, n * sizeof(void *));
	*size = r->size;
	*owner = r->owner->name;
	evlsim__free(r);
	return n;
}

/* krealloc(): the new block keeps the old one's owner, or takes the caller's */
noinline void evlsim__acct_realloc(const void *old, const void *addr,
				   unsigned long size)
{
	struct acct_rec *r = NULL;
	struct module *prev = cur_owner;

	if (__atomic_load_n(&live_records, __ATOMIC_RELAXED) && !ZERO_OR_NULL_PTR(old))
		r = remove_record(old);
	if (r) {
		charge(r->owner, r->kind, -1, -(long)r->size);
		cur_owner = r->owner;
		evlsim__free(r);
	}
	if (cur_owner && !ZERO_OR_NULL_PTR(addr)) {
		r = new_record(cur_owner, EVLSIM_ACCT_KMALLOC, addr, size);
		charge(cur_owner, EVLSIM_ACCT_KMALLOC, 1, size);
		insert_record(r);
	}
	cur_owner = prev;
	__asm__ __volatile__("" ::: "memory");
}

/* Pages [addr, addr + size) given back to the arena: uncharge the blocks they were part of. */
void evlsim__acct_pages_free(const void *addr, unsigned long size)
{
	unsigned long start = (unsigned long)addr, end = start + size;
	struct acct_rec *r, **pp, *dead = NULL;

	if (likely(!__atomic_load_n(&live_page_records, __ATOMIC_RELAXED)))
		return;
	evlsim__lockword_lock(&pages_lock);
	for (pp = &page_recs; (r = *pp) != NULL;) {
		unsigned long rs = (unsigned long)r->addr, re = rs + r->total, lo, hi;

		lo = start > rs ? start : rs;
		hi = end < re ? end : re;
		if (lo < hi) {
			charge(r->owner, r->kind, 0, -(long)(hi - lo));
			r->size -= hi - lo;
			if (!r->size) {
				charge(r->owner, r->kind, -1, 0);
				*pp = r->next;
				r->next = dead;
				dead = r;
				__atomic_sub_fetch(&live_page_records, 1, __ATOMIC_RELAXED);
				continue;
			}
		}
		pp = &r->next;
	}
	evlsim__lockword_unlock(&pages_lock);
	while (dead) {
		r = dead;
		dead = r->next;
		evlsim__free(r);
	}
}

/* ---- files and module references ------------------------------------------------------ */

void evlsim__acct_file(struct module *owner, int delta)
{
	if (owner)
		charge(owner, EVLSIM_ACCT_FILES, delta, 0);
}

/* try_module_get()/__module_get()/module_put() called by module code */
void evlsim__acct_modref(int delta)
{
	struct module *owner = cur_owner;
	struct evlsim_module_acct *a;

	if (likely(!owner))
		return;
	a = module_acct(owner);
	if (delta < 0 && __atomic_load_n(&a->count[EVLSIM_ACCT_MODREFS], __ATOMIC_RELAXED) <= 0)
		return;		/* a reference taken on the module's behalf by the simulator */
	__atomic_add_fetch(&a->count[EVLSIM_ACCT_MODREFS], delta, __ATOMIC_RELAXED);
}

/* ---- reports -------------------------------------------------------------------------- */

struct leak {
	struct leak *next;
	struct acct_rec rec;
};

/*
 * The records of @mod (every module if NULL), copied; @mark: only those not reported yet,
 * marking them reported.
 */
static struct leak *collect(struct module *mod, bool mark)
{
	struct leak *list = NULL, **tail = &list, *l;
	struct acct_rec *r;
	unsigned int b;

#define TAKE(r)								\
	do {								\
		if ((mod && r->owner != mod) || (mark && r->reported))	\
			break;						\
		if (mark)						\
			r->reported = 1;				\
		l = evlsim__malloc(sizeof(*l));				\
		l->rec = *r;						\
		l->next = NULL;						\
		*tail = l;						\
		tail = &l->next;					\
	} while (0)

	for (b = 0; b < ACCT_BUCKETS; b++) {
		if (!__atomic_load_n(&buckets[b], __ATOMIC_RELAXED))
			continue;
		evlsim__lockword_lock(stripe_of(b));
		for (r = buckets[b]; r; r = r->next)
			TAKE(r);
		evlsim__lockword_unlock(stripe_of(b));
	}
	evlsim__lockword_lock(&pages_lock);
	for (r = page_recs; r; r = r->next)
		TAKE(r);
	evlsim__lockword_unlock(&pages_lock);
#undef TAKE
	return list;
}

static unsigned long report_leaks(struct leak *list, const char *rule, const char *when)
{
	unsigned long n = 0;
	struct leak *l;

	while ((l = list) != NULL) {
		struct acct_rec *r = &l->rec;

		list = l->next;
		evlsim__report_frames(EVLSIM_REPORT_LEAK, rule, r->frames, r->nframes,
				      "%s: %s with %lu bytes of %s memory at %p not freed; allocated at",
				      r->owner->name, when, r->size, kind_names[r->kind], r->addr);
		evlsim__free(l);
		n++;
	}
	return n;
}

/* ---- the services that hold objects for a module ----------------------------------- */

static struct evlsim_module_service *services;	/* by ->order; set up by constructors */
static struct evlsim_mutex services_lock = EVLSIM_MUTEX_INITIALIZER;

/**
 * evlsim__acct_register_service - count and clean up what a service holds for modules
 * @svc: static, with ->acct, ->order, ->count and ->leftovers set
 *
 * Called from constructors (EVLSIM_MODULE_SERVICE()): the services live in the layers
 * above this one, which the accounting never calls otherwise.
 */
void evlsim__acct_register_service(struct evlsim_module_service *svc)
{
	struct evlsim_module_service **pp;

	evlsim__mutex_lock(&services_lock);
	for (pp = &services; *pp && (*pp)->order <= svc->order; pp = &(*pp)->next)
		;
	svc->next = *pp;
	*pp = svc;
	evlsim__mutex_unlock(&services_lock);
}

/* The services never change after the constructors: walked without the lock. */
#define for_each_service(__svc) \
	for (__svc = __atomic_load_n(&services, __ATOMIC_ACQUIRE); __svc; __svc = __svc->next)

void evlsim__acct_stats(struct module *mod, struct evlsim_module_stats *st)
{
	struct evlsim_module_acct *a = module_acct(mod);
	struct evlsim_module_service *svc;
	int k;

	memset(st, 0, sizeof(*st));
	for (k = 0; k < EVLSIM_ACCT_NR; k++) {
		long c = __atomic_load_n(&a->count[k], __ATOMIC_RELAXED);
		long b = __atomic_load_n(&a->bytes[k], __ATOMIC_RELAXED);

		st->count[k] = c > 0 ? c : 0;
		st->bytes[k] = b > 0 ? b : 0;
	}
	for_each_service(svc)
		st->count[svc->acct] = svc->count(mod);
}

/*
 * Module unload or failed init (module.c): each service reports and stops or removes what
 * @mod left (armed timers and running kthreads first: they run the module's code), then
 * the memory, files and module references @mod still holds are reported.
 */
void evlsim__acct_leftovers(struct module *mod, const char *when)
{
	struct evlsim_module_service *svc;
	struct evlsim_module_acct *a;
	long n;

	for_each_service(svc)
		svc->leftovers(mod, when);

	report_leaks(collect(mod, true), "module-leak", when);
	a = __atomic_load_n(&mod->evlsim_acct, __ATOMIC_ACQUIRE);
	if (!a)
		return;
	n = __atomic_load_n(&a->count[EVLSIM_ACCT_FILES], __ATOMIC_RELAXED);
	if (n > 0)
		evlsim__report(EVLSIM_REPORT_LEAK, "module-leak", "%s: %s with %ld file(s) still open",
			       mod->name, when, n);
	n = __atomic_load_n(&a->count[EVLSIM_ACCT_MODREFS], __ATOMIC_RELAXED);
	if (n > 0) {
		evlsim__report(EVLSIM_REPORT_LEAK, "module-leak",
			       "%s: %s holding %ld module reference(s) (try_module_get() without module_put())",
			       mod->name, when, n);
		/* forgotten: a reload starts afresh */
		__atomic_store_n(&a->count[EVLSIM_ACCT_MODREFS], 0, __ATOMIC_RELAXED);
	}
}

/* evlsim_leak_check() (module.c): what @mod holds now, reported; the number of objects */
int evlsim__acct_leak_check(struct module *mod)
{
	struct evlsim_module_stats st;
	unsigned long n;
	int k;

	n = report_leaks(collect(mod, false), "leak-check", "leak check");
	evlsim__acct_stats(mod, &st);
	/* the held kinds (the ones after them have records, reported above) */
	for (k = EVLSIM_ACCT_FILES; k <= EVLSIM_ACCT_PWMS; k++) {
		if (!st.count[k])
			continue;
		evlsim__report(EVLSIM_REPORT_LEAK, "leak-check", "%s: leak check: %lu %s(s) held",
			       mod->name, st.count[k], kind_names[k]);
		n += st.count[k];
	}
	return (int)n;
}

static void (*exit_hook)(void);

void evlsim__acct_set_exit_hook(void (*hook)(void))
{
	__atomic_store_n(&exit_hook, hook, __ATOMIC_RELEASE);
}

/*
 * At exit, what the kernel would release goes first (the exit hook: the process's files,
 * as do_exit() closes them), then what is still held is reported.
 */
__attribute__((destructor)) static void acct_exit(void)
{
	void (*hook)(void) = __atomic_load_n(&exit_hook, __ATOMIC_ACQUIRE);
	const char *env = getenv("EVLSIM_LEAKS");

	if (hook)
		hook();

	if (env && !strcmp(env, "off"))
		return;
	if (!__atomic_load_n(&live_records, __ATOMIC_RELAXED) &&
	    !__atomic_load_n(&live_page_records, __ATOMIC_RELAXED))
		return;
	report_leaks(collect(NULL, true), "exit-leak", "at exit");
}
