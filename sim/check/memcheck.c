// SPDX-License-Identifier: LGPL-2.1-or-later
/*
 * Use-after-free and double free of driver memory (kernel world), in the spirit of
 * KASAN's generic mode and SLUB's poisoning; docs/debugging.md, "Memory".
 *
 * A driver's block (one the accounting has a record for: kmalloc, kmem cache objects,
 * vmalloc; devm memory plugs in through evlsim__mem_free() with its own release) is not
 * handed back to the C library when the driver frees it: it is filled with POISON_FREE
 * and kept in a FIFO quarantine, bounded in bytes ($EVLSIM_QUARANTINE, default 4M; 0 or
 * "off": freed at once, nothing checked). Its record keeps the size, the cache, the owner
 * and the allocation and free backtraces.
 *
 * - A second free of a block in quarantine is reported (double-free) and ignored.
 * - The services a driver hands an object (locks, wait queues, flags, evl_file, list
 *   operations) test it with evlsim__mem_freed(): when the quarantine is not empty, one
 *   load of the object's first byte, which reads POISON_FREE in a freed block; only then
 *   a lookup here, which reports a use-after-free once per block, naming the service, the
 *   driver's call site and both backtraces. The service then leaves the object alone
 *   (a lock is not taken, a wait ends with -EIDRM), so a run in warn mode goes on.
 * - A block leaving the quarantine is checked for writes after free: a byte that is no
 *   longer POISON_FREE is reported (use-after-free, at eviction).
 *
 * EVL threads may still sleep on a wait channel inside the block when it is freed (the
 * driver freed its context before waking them): the EVL core's keep hook names those
 * channels, which are left intact so that the sleepers can be woken and leave.
 *
 * Under AddressSanitizer the quarantined block is also poisoned in ASan's shadow: a
 * direct access by driver code is ASan's to report (use-after-poison), the services'
 * tests ask ASan's shadow instead of loading the byte, and the block goes back to the C
 * library (and ASan's own quarantine) when it leaves ours.
 */
#include <linux/kernel.h>
#include <linux/string.h>
#include <linux/slab.h>
#include "kinternal.h"
#include "core/backtrace.h"

extern char *getenv(const char *name);
extern unsigned long strtoul(const char *s, char **end, int base);

#ifdef __SANITIZE_ADDRESS__
void __asan_poison_memory_region(void const volatile *addr, size_t size);
void __asan_unpoison_memory_region(void const volatile *addr, size_t size);
#define asan_poison(p, n)	__asan_poison_memory_region(p, n)
#define asan_unpoison(p, n)	__asan_unpoison_memory_region(p, n)
#else
#define asan_poison(p, n)	do { } while (0)
#define asan_unpoison(p, n)	do { } while (0)
#endif

#define MEM_FRAMES	16
#define MEM_BUCKETS	1024
#define MEM_KEEP	4		/* channels kept intact per block */
#define SMALL_MAX	4096UL		/* larger blocks go on the large list */

struct qrec {
	struct qrec *hnext;		/* hash chain by first page (small) or large list */
	struct qrec *fnext;		/* FIFO */
	void *addr;
	unsigned long size;		/* requested */
	const char *cache;
	const char *owner;
	void (*release)(void *addr);
	const void *free_site;
	unsigned char reported;
	unsigned char nalloc, nfree, nkeep;
	struct { unsigned long off, len; } keep[MEM_KEEP];
	char cache_buf[24];
	void *alloc_frames[MEM_FRAMES];
	void *free_frames[MEM_FRAMES];
};

int evlsim__mem_live;
static int mem_lock;
static struct qrec *buckets[MEM_BUCKETS], *large;
static struct qrec *fifo_head, **fifo_tail = &fifo_head;
static unsigned long held_bytes;
static long limit = -1;			/* bytes; 0: off; -1: not read yet */
static void (*keep_hook)(void *start, unsigned long size,
			 void (*keep)(void *obj, unsigned long len, void *arg), void *arg);

/* $EVLSIM_QUARANTINE, read at the first free (core/cpu.h: the FPU guard) */
static long read_knob(void)
{
	long l = 4L << 20;
	const char *env;
	char *end;

	env = getenv("EVLSIM_QUARANTINE");
	if (env && *env) {
		if (!strcmp(env, "off")) {
			l = 0;
		} else {
			l = (long)strtoul(env, &end, 0);
			if (*end == 'k' || *end == 'K')
				l <<= 10;
			else if (*end == 'm' || *end == 'M')
				l <<= 20;
		}
	}
	return l;
}

static long quarantine_limit(void)
{
	long l = __atomic_load_n(&limit, __ATOMIC_RELAXED);

	if (l >= 0)
		return l;
	EVLSIM_FPU_GUARDED(l = read_knob());
	__atomic_store_n(&limit, l, __ATOMIC_RELAXED);
	return l;
}

/**
 * evlsim__mem_set_keep_hook - name the wait channels sleepers still use in a block
 * @hook: called at free time with the block; calls @keep for each channel to leave intact
 *
 * Registered once by the EVL core, which knows its sleepers (a layer above this one).
 */
void evlsim__mem_set_keep_hook(void (*hook)(void *start, unsigned long size,
					     void (*keep)(void *obj, unsigned long len,
							  void *arg), void *arg))
{
	__atomic_store_n(&keep_hook, hook, __ATOMIC_RELEASE);
}

static unsigned int bucket_of(unsigned long page)
{
	return (unsigned int)((page * 0x9E3779B97F4A7C15UL) >> 54);
}

static bool covers(const struct qrec *q, unsigned long p)
{
	unsigned long a = (unsigned long)q->addr;

	return p >= a && p < a + (q->size ? q->size : 1);
}

/* The block holding @p, under mem_lock. */
static struct qrec *lookup(const void *ptr)
{
	unsigned long p = (unsigned long)ptr, page = p / SMALL_MAX;
	struct qrec *q;
	int i;

	for (i = 0; i < 2 && page >= (unsigned long)i; i++)
		for (q = buckets[bucket_of(page - i)]; q; q = q->hnext)
			if (covers(q, p))
				return q;
	for (q = large; q; q = q->hnext)
		if (covers(q, p))
			return q;
	return NULL;
}

static struct qrec **chain_of(struct qrec *q)
{
	if (q->size > SMALL_MAX)
		return &large;
	return &buckets[bucket_of((unsigned long)q->addr / SMALL_MAX)];
}

static void unlink_rec(struct qrec *q)
{
	struct qrec **pp;

	for (pp = chain_of(q); *pp; pp = &(*pp)->hnext)
		if (*pp == q) {
			*pp = q->hnext;
			return;
		}
}

static void keep_one(void *obj, unsigned long len, void *arg)
{
	struct qrec *q = arg;

	if (q->nkeep < MEM_KEEP) {
		q->keep[q->nkeep].off = (unsigned long)obj - (unsigned long)q->addr;
		q->keep[q->nkeep].len = len;
		q->nkeep++;
	}
}

static bool kept(const struct qrec *q, unsigned long off)
{
	int i;

	for (i = 0; i < q->nkeep; i++)
		if (off >= q->keep[i].off && off < q->keep[i].off + q->keep[i].len)
			return true;
	return false;
}

static void poison(struct qrec *q)
{
	unsigned long off;

	if (!q->nkeep) {
		memset(q->addr, POISON_FREE, q->size);
		asan_poison(q->addr, q->size);
		return;
	}
	for (off = 0; off < q->size; off++)
		if (!kept(q, off))
			((unsigned char *)q->addr)[off] = POISON_FREE;
	/* ASan's shadow is 8-byte granular: the kept channels stay reachable */
	asan_poison(q->addr, q->size);
	for (off = 0; off < q->nkeep; off++)
		asan_unpoison((char *)q->addr + q->keep[off].off, q->keep[off].len);
}

static void report(struct qrec *q, const char *rule, const char *what, const void *site,
		   long offset, const char *how)
{
	char func[160], freer[160];
	struct evlsim_bt bts[2] = {
		{ "allocated by:", q->alloc_frames, q->nalloc },
		{ "freed by:", q->free_frames, q->nfree },
	};

	if (site)
		evlsim__symbolize(site, func, sizeof(func));
	else
		snprintf(func, sizeof(func), "(the quarantine)");
	evlsim__symbolize(q->free_site, freer, sizeof(freer));
	if (offset < 0)		/* a double free */
		evlsim__report_extra(EVLSIM_REPORT_MEMORY, rule, bts, 2,
				     "%s called from %s: %s a freed %lu-byte object of %s at %p (module %s), first freed by %s",
				     what, func, how, q->size, q->cache, q->addr, q->owner, freer);
	else
		evlsim__report_extra(EVLSIM_REPORT_MEMORY, rule, bts, 2,
				     "%s called from %s: %s %ld bytes into a freed %lu-byte object of %s at %p (module %s), freed by %s",
				     what, func, how, offset, q->size, q->cache, q->addr, q->owner,
				     freer);
}

/*
 * fork(): the quarantine's lock is taken around it, so that the child finds the table
 * and the FIFO consistent and the lock free (a parent thread freeing a block at the fork
 * would otherwise leave it held for ever). A leaf: its prepare runs last.
 */
static void fork_prepare(void)
{
	evlsim__lockword_lock(&mem_lock);
}

static void fork_release(void)
{
	evlsim__lockword_unlock(&mem_lock);
}

static void __attribute__((constructor(101))) memcheck_atfork_init(void)
{
	evlsim__host_atfork(fork_prepare, fork_release, fork_release);
}

/* A block leaving the quarantine: writes after free show as bytes no longer poisoned. */
static void release_rec(struct qrec *q)
{
	unsigned long off;

	asan_unpoison(q->addr, q->size);
	for (off = 0; off < q->size && !q->reported; off++)
		if (((unsigned char *)q->addr)[off] != POISON_FREE && !kept(q, off)) {
			q->reported = 1;
			report(q, "use-after-free", "kfree", NULL, (long)off,
			       "write after free found at eviction:");
		}
	q->release(q->addr);
	evlsim__free(q);
}

static void cache_name(struct qrec *q, const char *cache)
{
	unsigned long n = 8;

	if (strcmp(cache, "kmalloc")) {
		/* copied: a cache's name may go before its objects leave the quarantine */
		snprintf(q->cache_buf, sizeof(q->cache_buf), "%s", cache);
		q->cache = q->cache_buf;
		return;
	}
	while (n < q->size)
		n <<= 1;
	snprintf(q->cache_buf, sizeof(q->cache_buf), "kmalloc-%lu", n);
	q->cache = q->cache_buf;
}

/**
 * evlsim__mem_free - a driver frees a block: quarantine it, or report a double free
 * @addr: the block
 * @cache: "kmalloc" (named after its size class), a kmem cache's name, "vmalloc", "devm"
 * @release: gives the block back for good when it leaves the quarantine
 * @site: the driver's call of the free
 *
 * Returns true when the block was taken (or was already free: reported), false when the
 * caller must free it at once (not driver memory, quarantine off).
 */
noinline bool evlsim__mem_free(const void *addr, const char *cache, void (*release)(void *addr),
			       const void *site)
{
	void (*hook)(void *, unsigned long, void (*)(void *, unsigned long, void *), void *);
	long lim = quarantine_limit();
	struct qrec *q, *old = NULL;
	int n;

	if (!lim || ZERO_OR_NULL_PTR(addr))
		return false;
	if (__atomic_load_n(&evlsim__mem_live, __ATOMIC_RELAXED)) {
		evlsim__lockword_lock(&mem_lock);
		q = lookup(addr);
		if (q && q->addr == addr) {
			report(q, "double-free", !strcmp(cache, "kmalloc") ? "kfree" :
			       !strcmp(cache, "vmalloc") ? "vfree" : !strcmp(cache, "devm") ?
			       "devm_kfree" : "kmem_cache_free", site, -1, "second free of");
			evlsim__lockword_unlock(&mem_lock);
			return true;
		}
		evlsim__lockword_unlock(&mem_lock);
	}

	q = evlsim__zalloc(sizeof(*q));
	n = evlsim__acct_take(addr, q->alloc_frames, MEM_FRAMES, &q->size, &q->owner);
	if (n < 0) {
		evlsim__free(q);
		return false;
	}
	q->nalloc = n;
	q->addr = (void *)addr;
	q->release = release;
	q->free_site = site;
	cache_name(q, cache);
	n = evlsim__backtrace(q->free_frames, MEM_FRAMES, 1);	/* from the free itself */
	if (n > 0)
		q->nfree = n;
	hook = __atomic_load_n(&keep_hook, __ATOMIC_ACQUIRE);
	if (hook)
		hook(q->addr, q->size, keep_one, q);
	poison(q);

	evlsim__lockword_lock(&mem_lock);
	q->hnext = *chain_of(q);
	*chain_of(q) = q;
	*fifo_tail = q;
	fifo_tail = &q->fnext;
	held_bytes += q->size;
	__atomic_add_fetch(&evlsim__mem_live, 1, __ATOMIC_RELAXED);
	/* over budget: the oldest leave (never the block just freed) */
	while (held_bytes > (unsigned long)lim && fifo_head != q) {
		struct qrec *o = fifo_head;

		fifo_head = o->fnext;
		unlink_rec(o);
		held_bytes -= o->size;
		__atomic_sub_fetch(&evlsim__mem_live, 1, __ATOMIC_RELAXED);
		o->fnext = old;
		old = o;
	}
	evlsim__lockword_unlock(&mem_lock);
	while (old) {
		q = old;
		old = q->fnext;
		release_rec(q);
	}
	return true;
}

/**
 * evlsim__mem_check_slow - a service was handed @p, which looks freed
 * @service: the service's name
 * @site: the driver's call of it
 *
 * Returns true when @p lies in a block in quarantine (reported the first time).
 */
noinline bool evlsim__mem_check_slow(const void *p, const char *service, const void *site)
{
	struct qrec *q;
	bool first;
	long off;

	evlsim__lockword_lock(&mem_lock);
	q = lookup(p);
	if (q && kept(q, (unsigned long)p - (unsigned long)q->addr))
		q = NULL;		/* a channel left for its sleepers: not poisoned */
	first = q && !q->reported;
	if (first) {
		/* under the lock: the record cannot leave the quarantine meanwhile */
		q->reported = 1;
		off = (long)((unsigned long)p - (unsigned long)q->addr);
		report(q, "use-after-free", service, site, off, "access");
	}
	evlsim__lockword_unlock(&mem_lock);
	return q != NULL;
}

/* The quarantined block holding @p: its start and size. */
bool evlsim__mem_block(const void *p, void **start, unsigned long *size)
{
	struct qrec *q;

	if (!__atomic_load_n(&evlsim__mem_live, __ATOMIC_RELAXED))
		return false;
	evlsim__lockword_lock(&mem_lock);
	q = lookup(p);
	if (q) {
		*start = q->addr;
		*size = q->size;
	}
	evlsim__lockword_unlock(&mem_lock);
	return q != NULL;
}

/* <linux/list.h>: a list operation met a poisoned entry (CONFIG_DEBUG_LIST's place). */
noinline bool evlsim__list_poisoned(const void *node)
{
	return evlsim__mem_check_slow(node, "list operation", __builtin_return_address(0));
}
