// SPDX-License-Identifier: LGPL-2.1-or-later
/*
 * The lock dependency validator (kernel world), in the spirit of the kernel's lockdep
 * (kernel/locking/lockdep.c); docs/debugging.md, "Locking".
 *
 * Classes. A lock belongs to a class, keyed as the kernel keys it: the static
 * struct lock_class_key of its init site where the init is a macro (mutex_init(),
 * sema_init(), evl_init_wait()), the init call's return address where it is a function
 * (spin_lock_init(), evl_init_kmutex(), evl_init_stax(): the same thing, one class per
 * site), the lock's own address for a statically initialised lock (DEFINE_SPINLOCK(),
 * DEFINE_MUTEX()). Classes live for the process; they are named after the init
 * expression ("&ctx->lock").
 *
 * Each thread keeps the stack of locks it holds (TLS, 48 deep). Taking a lock:
 *  - the same lock already held by the thread: recursive-locking, reported before the
 *    deadlock; the acquisition is then skipped (and its release), so the run goes on;
 *  - for each lock held, the edge "held class -> new class" of the dependency graph: an
 *    edge already known costs a short list walk (lock-free); a new one is checked under
 *    the graph lock for a path back (new ->* held): lock-inversion, the two chains printed,
 *    once per pair of classes, whether or not the two orders ever ran concurrently;
 *  - a lock taken in an interrupt context (an EVL timer handler, a device's out-of-band or
 *    in-band handler) and, elsewhere, with irqs on (not an _irqsave/_irq variant, no hard
 *    lock held, no hard_local_irq_save()): irq-unsafe-lock, once per class. Holding a hard
 *    spinlock counts as hard irqs off (issue 11's model: the pipeline defers interrupts
 *    until the last hard lock is dropped), so a hard lock cannot be irq-unsafe: the report
 *    comes from spinlock_t and raw_spinlock_t shared with an in-band handler.
 * Trylocks add no edges (they cannot wait). Semaphores are not owned (up() may come from
 * any context): a down() checks the edges into the semaphore, which is not held after.
 *
 * $EVLSIM_LOCKDEP=off turns the validator off (one load per lock operation); the reports
 * follow $EVLSIM_CHECK like rule violations.
 */
#include <linux/kernel.h>
#include <linux/string.h>
#include "kinternal.h"

extern char *getenv(const char *name);

#define MAX_HELD	48
#define CLASS_BUCKETS	1024

struct lock_dep;

struct lock_class_rec {
	struct lock_class_rec *hnext;
	const void *key;
	const char *name;
	struct lock_dep *deps;		/* edges out, newest first; never removed */
	const void *irq_site;		/* first taken in an interrupt context */
	const void *irqon_site;		/* first taken elsewhere with irqs on */
	unsigned int gen;		/* graph walk mark */
	unsigned char irq_reported, rec_reported;
};

struct lock_dep {
	struct lock_dep *next;
	struct lock_class_rec *to;
	const void *from_site, *to_site;	/* where each lock was taken, first time */
};

struct held_lock {
	const void *lock;
	struct lock_class_rec *cls;
	const void *site;
	int skipped;			/* a recursive acquisition not performed */
};

int evlsim__lockdep_on = -1;		/* -1: not read from the environment yet */
static __thread struct held_lock held[MAX_HELD] __attribute__((tls_model("initial-exec")));
static __thread int nheld __attribute__((tls_model("initial-exec")));
static struct lock_class_rec *classes[CLASS_BUCKETS];
static int graph_lock;
static unsigned int graph_gen;

/* $EVLSIM_LOCKDEP, read at the first lock operation (core/cpu.h: the FPU guard) */
static int read_knob(void)
{
	const char *env = getenv("EVLSIM_LOCKDEP");

	return !(env && !strcmp(env, "off"));
}

static bool enabled(void)
{
	int on = __atomic_load_n(&evlsim__lockdep_on, __ATOMIC_RELAXED);

	if (likely(on >= 0))
		return on;
	EVLSIM_FPU_GUARDED(on = read_knob());
	__atomic_store_n(&evlsim__lockdep_on, on, __ATOMIC_RELAXED);
	return on;
}

static unsigned int class_bucket(const void *key)
{
	return (unsigned int)((((unsigned long)key >> 3) * 0x9E3779B97F4A7C15UL) >> 54);
}

static struct lock_class_rec *class_of(const void *key, const char *name)
{
	struct lock_class_rec **head = &classes[class_bucket(key)], *c;

	for (c = __atomic_load_n(head, __ATOMIC_ACQUIRE); c; c = c->hnext)
		if (c->key == key)
			return c;
	evlsim__lockword_lock(&graph_lock);
	for (c = *head; c; c = c->hnext)
		if (c->key == key)
			break;
	if (!c) {
		c = evlsim__zalloc(sizeof(*c));
		c->key = key;
		c->name = name ? name : "(unnamed)";
		c->hnext = *head;
		__atomic_store_n(head, c, __ATOMIC_RELEASE);
	}
	evlsim__lockword_unlock(&graph_lock);
	return c;
}

static struct lock_dep *find_dep(struct lock_class_rec *from, struct lock_class_rec *to)
{
	struct lock_dep *d;

	for (d = __atomic_load_n(&from->deps, __ATOMIC_ACQUIRE); d; d = d->next)
		if (d->to == to)
			return d;
	return NULL;
}

/* A path @from ->* @to in the graph, under graph_lock: its edges in @path, their number. */
#define MAX_PATH	8
static int find_path(struct lock_class_rec *from, struct lock_class_rec *to,
		     struct lock_dep **path, int depth)
{
	struct lock_dep *d;
	int n;

	if (depth >= MAX_PATH || from->gen == graph_gen)
		return 0;
	from->gen = graph_gen;
	for (d = from->deps; d; d = d->next) {
		path[depth] = d;
		if (d->to == to)
			return depth + 1;
		n = find_path(d->to, to, path, depth + 1);
		if (n)
			return n;
	}
	return 0;
}

static void site_name(const void *site, char *buf, size_t len)
{
	if (site)
		evlsim__symbolize(site, buf, len);
	else
		snprintf(buf, len, "?");
}

static void report_inversion(struct lock_class_rec *h, const void *hsite,
			     struct lock_class_rec *c, const void *csite,
			     struct lock_dep **path, int n, struct lock_class_rec *first)
{
	char chain[768], a[128], b[128];
	size_t len = 0;
	int i;

	/* the chain seen earlier: first ->* h */
	for (i = 0; i < n && len < sizeof(chain); i++) {
		struct lock_class_rec *from = i ? path[i - 1]->to : first;

		site_name(path[i]->from_site, a, sizeof(a));
		site_name(path[i]->to_site, b, sizeof(b));
		len += snprintf(chain + len, sizeof(chain) - len,
				"%s'%s' (taken at %s) then '%s' (taken at %s)", i ? "; " : "",
				from->name, a, path[i]->to->name, b);
	}
	site_name(hsite, a, sizeof(a));
	site_name(csite, b, sizeof(b));
	evlsim__report(EVLSIM_REPORT_LOCKING, "lock-inversion",
		       "possible circular locking dependency: '%s' taken at %s while holding '%s' taken at %s; the opposite order was seen before: %s",
		       c->name, b, h->name, a, chain);
}

/* A new edge @h -> @c, under graph_lock. */
static void add_dep(struct held_lock *hl, struct lock_class_rec *c, const void *site)
{
	struct lock_class_rec *h = hl->cls;
	struct lock_dep *path[MAX_PATH], *d;
	int n;

	if (find_dep(h, c))
		return;		/* added meanwhile */
	graph_gen++;
	n = find_path(c, h, path, 0);
	d = evlsim__zalloc(sizeof(*d));
	d->to = c;
	d->from_site = hl->site;
	d->to_site = site;
	d->next = h->deps;
	__atomic_store_n(&h->deps, d, __ATOMIC_RELEASE);
	if (n) {
		/* reported outside the graph lock: symbolizing takes long */
		evlsim__lockword_unlock(&graph_lock);
		report_inversion(h, hl->site, c, site, path, n, c);
		evlsim__lockword_lock(&graph_lock);
	}
}

/*
 * fork(): the graph lock is taken around it, so that the child (where only the forking
 * thread lives on) finds the class table and the graph consistent and the lock free. A
 * leaf lock: registered before the other handlers, its prepare runs last.
 */
static void fork_prepare(void)
{
	evlsim__lockword_lock(&graph_lock);
}

static void fork_release(void)
{
	evlsim__lockword_unlock(&graph_lock);
}

static void __attribute__((constructor(101))) lockdep_atfork_init(void)
{
	evlsim__host_atfork(fork_prepare, fork_release, fork_release);
}

/* Records @site in *@slot if empty; true when this call filled it. */
static bool first_site(const void **slot, const void *site)
{
	const void *none = NULL;

	if (__atomic_load_n(slot, __ATOMIC_RELAXED))
		return false;
	return __atomic_compare_exchange_n(slot, &none, site, false, __ATOMIC_RELAXED,
					   __ATOMIC_RELAXED);
}

static void check_irq(struct lock_class_rec *c, const void *site, int flags)
{
	struct evlsim_thread *t = evlsim__self;
	const void *irq, *irqon;
	char a[128], b[128];

	if (t && (t->in_irq > 0 || t->in_inband_irq > 0)) {
		if (!first_site(&c->irq_site, site))
			return;
	} else {
		if ((flags & EVLSIM_LD_IRQSOFF) || evlsim__hard_state ||
		    !first_site(&c->irqon_site, site))
			return;
	}
	irq = __atomic_load_n(&c->irq_site, __ATOMIC_RELAXED);
	irqon = __atomic_load_n(&c->irqon_site, __ATOMIC_RELAXED);
	if (!irq || !irqon || __atomic_exchange_n(&c->irq_reported, 1, __ATOMIC_RELAXED))
		return;
	site_name(irq, a, sizeof(a));
	site_name(irqon, b, sizeof(b));
	evlsim__report(EVLSIM_REPORT_LOCKING, "irq-unsafe-lock",
		       "'%s' is taken in an interrupt context (at %s) and with irqs on (at %s): the interrupt can preempt the holder on its CPU and deadlock",
		       c->name, a, b);
}

/**
 * evlsim__lockdep_acquire - a lock is about to be taken
 * @lock: the lock (its identity for recursion)
 * @key: its class key, NULL for a statically initialised lock (keyed by @lock)
 * @name: the class's name
 * @flags: EVLSIM_LD_* (trylock, irqsave variant, not held after, shared)
 * @site: the driver's call
 *
 * Returns true when the caller must not take the lock (recursive: reported).
 */
noinline bool evlsim__lockdep_acquire(const void *lock, const void *key, const char *name,
				      int flags, const void *site)
{
	struct lock_class_rec *c;
	int i;

	if (!enabled() || evlsim__unchecked)
		return false;
	c = class_of(key ?: lock, name);
	if (!(flags & (EVLSIM_LD_TRY | EVLSIM_LD_SHARED))) {
		for (i = 0; i < nheld; i++) {
			if (held[i].lock != lock)
				continue;
			if (!__atomic_exchange_n(&c->rec_reported, 1, __ATOMIC_RELAXED)) {
				char a[128], b[128];

				site_name(held[i].site, a, sizeof(a));
				site_name(site, b, sizeof(b));
				evlsim__report(EVLSIM_REPORT_LOCKING, "recursive-locking",
					       "'%s' taken at %s is already held by this thread, taken at %s: it would deadlock",
					       c->name, b, a);
			}
			if (nheld < MAX_HELD)
				held[nheld++] = (struct held_lock){ lock, c, site, 1 };
			return true;
		}
	}
	if (!(flags & EVLSIM_LD_TRY)) {
		for (i = 0; i < nheld; i++) {
			if (held[i].cls == c || find_dep(held[i].cls, c))
				continue;
			evlsim__lockword_lock(&graph_lock);
			add_dep(&held[i], c, site);
			evlsim__lockword_unlock(&graph_lock);
		}
	}
	if (flags & EVLSIM_LD_IRQABLE)
		check_irq(c, site, flags);
	if (!(flags & EVLSIM_LD_NOHOLD) && nheld < MAX_HELD)
		held[nheld++] = (struct held_lock){ lock, c, site, 0 };
	return false;
}

/**
 * evlsim__lockdep_release - a lock is about to be released
 * Returns true when the caller must not release it (its acquisition was skipped).
 */
noinline bool evlsim__lockdep_release(const void *lock)
{
	int i, skipped;

	if (!nheld)
		return false;
	if (likely(held[nheld - 1].lock == lock))	/* the usual, last taken first released */
		return held[--nheld].skipped;
	for (i = nheld - 2; i >= 0; i--) {
		if (held[i].lock != lock)
			continue;
		skipped = held[i].skipped;
		memmove(&held[i], &held[i + 1], (nheld - i - 1) * sizeof(held[0]));
		nheld--;
		return skipped;
	}
	return false;
}
