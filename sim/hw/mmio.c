// SPDX-License-Identifier: LGPL-2.1-or-later
/*
 * Register blocks behind __iomem cookies (user world): docs/api/hw-mmio.md.
 *
 * Cookies. ioremap() of a range a block covers returns an address inside one PROT_NONE
 * window of address space reserved for the purpose (1 GiB, never backed), at the range's
 * offset within its page, with a PROT_NONE guard page after each mapping. The accessors
 * (io.c) find the mapping of an address with one load in a page table indexed by the
 * window page, so a readl() costs a call, a lookup and the block's own work.
 *
 * Direct access. A driver that dereferences a cookie (*(u32 *)regs = 1, memcpy() to it)
 * faults on the window. The SIGSEGV handler installed with the first mapping reports it
 * (RULE mmio-direct-access, with the access kind, the block and offset, and the backtrace
 * through the signal frame), then lets the instruction complete on a scratch page, as
 * the kernel's mmiotrace does: the page is made accessible (filled with ones, the value
 * a read gets from a bus error), the trap flag is set, and the single-step trap that
 * follows the instruction makes the page inaccessible again. The access never reaches
 * the device model; under EVLSIM_CHECK=abort the report aborts. A fault elsewhere goes
 * to the handler that was installed before. While a thread single-steps, a direct access
 * of another thread to the same page is not caught (documented limit).
 *
 * Blocks never move and a mapping structure is never freed but kept for the next mapping
 * (an accessor racing with iounmap(), a driver bug, reads a stale but valid structure).
 */
#include <dlfcn.h>
#include <errno.h>
#include <signal.h>
#include <stdlib.h>
#include <string.h>
#include <sys/mman.h>
#include <sys/syscall.h>
#include <ucontext.h>
#include <unistd.h>
#include "mmio-block.h"

#define PG		4096UL
#define WINDOW_PAGES	(1UL << 18)		/* 1 GiB of cookies */
#define TRAP_FLAG	0x100UL			/* EFLAGS.TF */

struct mapping {
	char *cookie;
	unsigned long size;		/* bytes the driver asked for */
	unsigned long first, nr;	/* window pages, guard page excluded */
	unsigned long off0;		/* the block offset of the cookie */
	struct evlsim_mmio *m;
	int live;
	struct mapping *next_free;	/* on free_mappings once unmapped */
};

struct evlsim_mmio *evlsim__mmio_blocks;
static struct evlsim_mutex blocks_lock = EVLSIM_MUTEX_INITIALIZER;
static char *window;
static struct mapping *page_map[WINDOW_PAGES];	/* atomic loads: the accessors' lookup */
static unsigned char page_used[WINDOW_PAGES];	/* under blocks_lock */
static unsigned long page_hint;
static int live_mappings;
static struct mapping *free_mappings;		/* under blocks_lock: reused, never freed */

void evlsim__mmio_blocks_lock(void)
{
	evlsim__mutex_lock(&blocks_lock);
}

void evlsim__mmio_blocks_unlock(void)
{
	evlsim__mutex_unlock(&blocks_lock);
}

int evlsim__mmio_check_overlap(unsigned long long base, unsigned long size)
{
	struct evlsim_mmio *m;

	for (m = evlsim__mmio_blocks; m; m = m->next)
		if (!m->dead && base < m->base + m->size && m->base < base + size)
			return -EEXIST;
	return 0;
}

/* the physical base address of block @m (DMA ports are published at register addresses) */
unsigned long long evlsim__mmio_block_base(struct evlsim_mmio *m)
{
	return m->base;
}

int evlsim__mmio_live_mappings(void)
{
	return __atomic_load_n(&live_mappings, __ATOMIC_RELAXED);
}

/* ---- reports ---------------------------------------------------------------------------- */

/* (call site, block offset) pairs already reported: a polling loop is reported once */
#define DEDUP	64
static unsigned long reported[DEDUP][2];	/* atomic */

static int first_report(const void *site, unsigned long off)
{
	unsigned long key = (unsigned long)site, s;
	unsigned int i;

	if (!site)
		return 1;
	for (i = 0; i < DEDUP; i++) {
		s = __atomic_load_n(&reported[i][0], __ATOMIC_ACQUIRE);
		if (s == key && __atomic_load_n(&reported[i][1], __ATOMIC_RELAXED) == off)
			return 0;
		if (!s) {
			__atomic_store_n(&reported[i][1], off, __ATOMIC_RELAXED);
			if (__atomic_compare_exchange_n(&reported[i][0], &s, key, 0,
							__ATOMIC_RELEASE, __ATOMIC_RELAXED))
				return 1;
		}
	}
	return 1;
}

void evlsim__mmio_bus_error(struct evlsim_mmio *m, const volatile void *addr,
			    unsigned long off, unsigned int width, int write, const void *site,
			    const char *why)
{
	char fn[128] = "?";

	if (m)
		__atomic_add_fetch(&m->bus_errors, 1, __ATOMIC_RELAXED);
	if (!first_report(site, off))
		return;
	if (site)
		evlsim__symbolize(site, fn, sizeof(fn));
	if (m)
		evlsim__report(EVLSIM_REPORT_RULE, "mmio-bus-error",
			       "%s: bus error: %u-byte %s at %s+%#lx (%p): %s",
			       fn, width, write ? "write" : "read", m->name, off,
			       (const void *)addr, why);
	else
		evlsim__report(EVLSIM_REPORT_RULE, "mmio-bus-error",
			       "%s: bus error: %u-byte %s at %p: %s", fn, width,
			       write ? "write" : "read", (const void *)addr, why);
}

/* ---- the cookie window -------------------------------------------------------------------- */

static void install_fault_handler(void);

static int window_init(void)
{
	void *w;

	if (window)
		return 0;
	w = (void *)syscall(SYS_mmap, NULL, WINDOW_PAGES * PG, PROT_NONE,
			    MAP_PRIVATE | MAP_ANONYMOUS | MAP_NORESERVE, -1, 0);
	if (w == MAP_FAILED)
		return -ENOMEM;
	install_fault_handler();
	__atomic_store_n(&window, (char *)w, __ATOMIC_RELEASE);
	return 0;
}

int evlsim__mmio_in_window(const volatile void *addr)
{
	char *w = __atomic_load_n(&window, __ATOMIC_ACQUIRE);

	return w && (const char *)addr >= w && (const char *)addr < w + WINDOW_PAGES * PG;
}

static struct mapping *lookup(const volatile void *addr)
{
	char *w = __atomic_load_n(&window, __ATOMIC_ACQUIRE);
	unsigned long page;

	if (evlsim_unlikely(!w || (const char *)addr < w))
		return NULL;
	page = (unsigned long)((const char *)addr - w) / PG;
	if (evlsim_unlikely(page >= WINDOW_PAGES))
		return NULL;
	return __atomic_load_n(&page_map[page], __ATOMIC_ACQUIRE);
}

/* @nr pages followed by a free guard page; called with blocks_lock held */
static long find_pages(unsigned long nr)
{
	unsigned long start, i, tries;

	for (tries = 0; tries < 2; tries++) {
		for (start = tries ? 0 : page_hint; start + nr + 1 <= WINDOW_PAGES; start++) {
			for (i = 0; i < nr + 1 && !page_used[start + i]; i++)
				;
			if (i == nr + 1)
				return (long)start;
			start += i;
		}
	}
	return -1;
}

void *evlsim__mmio_map(unsigned long long phys, unsigned long size)
{
	struct evlsim_mmio *m;
	struct mapping *mp = NULL;
	unsigned long nr, i;
	long first;

	if (!size || phys + size < phys)
		return NULL;
	evlsim__mutex_lock(&blocks_lock);
	if (window_init())
		goto out;
	for (m = evlsim__mmio_blocks; m; m = m->next)
		if (!m->dead && phys >= m->base && phys + size <= m->base + m->size)
			break;
	if (!m)
		goto out;
	nr = ((phys & (PG - 1)) + size + PG - 1) / PG;
	first = find_pages(nr);
	if (first < 0)
		goto out;
	mp = free_mappings;
	if (mp)
		free_mappings = mp->next_free;
	else
		mp = evlsim__zalloc(sizeof(*mp));
	mp->cookie = window + (unsigned long)first * PG + (phys & (PG - 1));
	mp->size = size;
	mp->first = (unsigned long)first;
	mp->nr = nr;
	mp->off0 = (unsigned long)(phys - m->base);
	mp->m = m;
	mp->live = 1;
	for (i = 0; i < nr + 1; i++)
		page_used[first + i] = 1;
	for (i = 0; i < nr; i++)
		__atomic_store_n(&page_map[first + i], mp, __ATOMIC_RELEASE);
	page_hint = (unsigned long)first + nr + 1;
	__atomic_add_fetch(&m->maps, 1, __ATOMIC_RELAXED);
	__atomic_add_fetch(&live_mappings, 1, __ATOMIC_RELAXED);
out:
	evlsim__mutex_unlock(&blocks_lock);
	return mp ? mp->cookie : NULL;
}

int evlsim__mmio_unmap(const volatile void *cookie)
{
	struct mapping *mp = lookup(cookie);
	unsigned long i;
	int ret = -1;

	evlsim__mutex_lock(&blocks_lock);
	if (mp && mp->live && mp->cookie == (const char *)cookie) {
		__atomic_store_n(&mp->live, 0, __ATOMIC_RELEASE);
		for (i = 0; i < mp->nr; i++)
			__atomic_store_n(&page_map[mp->first + i], NULL, __ATOMIC_RELEASE);
		for (i = 0; i < mp->nr + 1; i++)
			page_used[mp->first + i] = 0;
		if (mp->first < page_hint)
			page_hint = mp->first;
		__atomic_sub_fetch(&mp->m->maps, 1, __ATOMIC_RELAXED);
		__atomic_sub_fetch(&live_mappings, 1, __ATOMIC_RELAXED);
		mp->next_free = free_mappings;
		free_mappings = mp;
		ret = 0;
	}
	evlsim__mutex_unlock(&blocks_lock);
	return ret;
}

/* ---- driver accesses ---------------------------------------------------------------------- */

/* The block and offset of an access, or NULL after reporting a bus error. */
static struct evlsim_mmio *resolve(const volatile void *addr, unsigned int width, int write,
				   const void *site, unsigned long *offp)
{
	struct mapping *mp = lookup(addr);
	long off;

	if (evlsim_unlikely(!mp || !__atomic_load_n(&mp->live, __ATOMIC_ACQUIRE))) {
		evlsim__mmio_bus_error(NULL, addr, 0, width, write, site,
				       "not an ioremap()ed address (unmapped, or a plain pointer)");
		return NULL;
	}
	off = (const char *)addr - mp->cookie;
	if (evlsim_unlikely(off < 0 || (unsigned long)off + width > mp->size)) {
		evlsim__mmio_bus_error(mp->m, addr, mp->off0 + off, width, write, site,
				       "outside the ioremap()ed range");
		return NULL;
	}
	*offp = mp->off0 + (unsigned long)off;
	if (evlsim_unlikely(*offp & (width - 1))) {
		evlsim__mmio_bus_error(mp->m, addr, *offp, width, write, site, "misaligned");
		return NULL;
	}
	return mp->m;
}

unsigned long long evlsim__mmio_read(const volatile void *addr, unsigned int width,
				     const void *site)
{
	unsigned long off;
	struct evlsim_mmio *m = resolve(addr, width, 0, site, &off);

	if (evlsim_unlikely(!m))
		return evlsim__width_mask(width);
	if (m->regfile)
		return evlsim__regfile_read(m, addr, off, width, site);
	if (evlsim_unlikely(!(m->widths & width))) {
		evlsim__mmio_bus_error(m, addr, off, width, 0, site,
				       "access width not decoded by the device");
		return evlsim__width_mask(width);
	}
	__atomic_add_fetch(&m->reads, 1, __ATOMIC_RELAXED);
	return m->ops.read ? m->ops.read(m->ctx, off, width) & evlsim__width_mask(width) : 0;
}

void evlsim__mmio_write(volatile void *addr, unsigned int width, unsigned long long val,
			const void *site)
{
	unsigned long off;
	struct evlsim_mmio *m = resolve(addr, width, 1, site, &off);

	if (evlsim_unlikely(!m))
		return;
	val &= evlsim__width_mask(width);
	if (m->regfile) {
		evlsim__regfile_write(m, addr, off, width, val, site);
		return;
	}
	if (evlsim_unlikely(!(m->widths & width))) {
		evlsim__mmio_bus_error(m, addr, off, width, 1, site,
				       "access width not decoded by the device");
		return;
	}
	__atomic_add_fetch(&m->writes, 1, __ATOMIC_RELAXED);
	if (m->ops.write)
		m->ops.write(m->ctx, off, val, width);
}

/* ---- direct dereferences ------------------------------------------------------------------- */

static struct sigaction old_segv, old_trap;
static __thread char *stepping;		/* the window page made accessible for one step */

static int (*real_sigaction(void))(int, const struct sigaction *, struct sigaction *)
{
	return (int (*)(int, const struct sigaction *, struct sigaction *))
		dlsym(RTLD_NEXT, "sigaction");
}

static void chain(const struct sigaction *old, int sig, siginfo_t *si, void *uc)
{
	if (old->sa_flags & SA_SIGINFO) {
		old->sa_sigaction(sig, si, uc);
	} else if (old->sa_handler != SIG_IGN && old->sa_handler != SIG_DFL) {
		old->sa_handler(sig);
	} else {
		/* default action: restore it and let the instruction fault again */
		struct sigaction dfl = { .sa_handler = SIG_DFL };

		real_sigaction()(sig, &dfl, NULL);
	}
}

static void on_segv(int sig, siginfo_t *si, void *ucv)
{
	ucontext_t *uc = ucv;
	char *addr = si->si_addr, *page;
	struct mapping *mp;
	int write, saved = errno;
	void *site;

	if (!evlsim__mmio_in_window(addr) || stepping) {
		chain(&old_segv, sig, si, ucv);
		return;
	}
	write = (uc->uc_mcontext.gregs[REG_ERR] & 2) != 0;
	site = (void *)uc->uc_mcontext.gregs[REG_RIP];
	mp = lookup(addr);
	if (mp)
		__atomic_add_fetch(&mp->m->direct, 1, __ATOMIC_RELAXED);
	if (first_report(site, (unsigned long)addr)) {
		char fn[128];

		evlsim__symbolize(site, fn, sizeof(fn));
		if (mp)
			evlsim__report_bt(EVLSIM_REPORT_RULE, "mmio-direct-access",
					  "%s: direct %s of an __iomem cookie: %s+%#lx (%p); use readl()/writel() and friends (the access does not reach the device)",
					  fn, write ? "write" : "read", mp->m->name,
					  mp->off0 + (unsigned long)(addr - mp->cookie), addr);
		else
			evlsim__report_bt(EVLSIM_REPORT_RULE, "mmio-direct-access",
					  "%s: direct %s of an unmapped __iomem address %p",
					  fn, write ? "write" : "read", addr);
	}
	page = (char *)((unsigned long)addr & ~(PG - 1));
	syscall(SYS_mprotect, page, PG, PROT_READ | PROT_WRITE);
	memset(page, 0xff, PG);
	stepping = page;
	uc->uc_mcontext.gregs[REG_EFL] |= TRAP_FLAG;
	errno = saved;
}

static void on_trap(int sig, siginfo_t *si, void *ucv)
{
	ucontext_t *uc = ucv;
	int saved = errno;

	if (!stepping) {
		chain(&old_trap, sig, si, ucv);
		return;
	}
	syscall(SYS_madvise, stepping, PG, MADV_DONTNEED);
	syscall(SYS_mprotect, stepping, PG, PROT_NONE);
	stepping = NULL;
	uc->uc_mcontext.gregs[REG_EFL] &= ~TRAP_FLAG;
	errno = saved;
}

static void install_fault_handler(void)
{
	struct sigaction sa;

	memset(&sa, 0, sizeof(sa));
	sa.sa_sigaction = on_segv;
	sa.sa_flags = SA_SIGINFO | SA_NODEFER | SA_ONSTACK;
	sigemptyset(&sa.sa_mask);
	real_sigaction()(SIGSEGV, &sa, &old_segv);
	sa.sa_sigaction = on_trap;
	real_sigaction()(SIGTRAP, &sa, &old_trap);
}

/* ---- the test side ------------------------------------------------------------------------ */

EVLSIM_EXPORT int evlsim_mmio_create(const char *name, unsigned long long base,
				     unsigned long size, unsigned int widths,
				     const struct evlsim_mmio_ops *ops, void *ctx,
				     struct evlsim_mmio **mmio)
{
	struct evlsim_mmio *m;
	int ret;

	if (!name || !size || !ops || !mmio || base + size < base || (widths & ~EVLSIM_MMIO_WALL))
		return -EINVAL;
	m = evlsim__zalloc(sizeof(*m));
	m->name = evlsim__strdup(name);
	m->base = base;
	m->size = size;
	m->widths = widths ? widths : EVLSIM_MMIO_WALL;
	m->ops = *ops;
	m->ctx = ctx;
	evlsim__mutex_lock(&blocks_lock);
	ret = evlsim__mmio_check_overlap(base, size);
	if (!ret) {
		m->next = evlsim__mmio_blocks;
		evlsim__mmio_blocks = m;
	}
	evlsim__mutex_unlock(&blocks_lock);
	if (ret) {
		evlsim__free(m->name);
		evlsim__free(m);
		return ret;
	}
	*mmio = m;
	return 0;
}

EVLSIM_EXPORT int evlsim_mmio_stats(struct evlsim_mmio *m, struct evlsim_mmio_stats *st)
{
	if (!m || !st)
		return -EINVAL;
	st->reads = __atomic_load_n(&m->reads, __ATOMIC_RELAXED);
	st->writes = __atomic_load_n(&m->writes, __ATOMIC_RELAXED);
	st->bus_errors = __atomic_load_n(&m->bus_errors, __ATOMIC_RELAXED);
	st->direct = __atomic_load_n(&m->direct, __ATOMIC_RELAXED);
	return 0;
}

EVLSIM_EXPORT int evlsim_mmio_destroy(struct evlsim_mmio *m)
{
	int ret = 0;

	if (!m)
		return -EINVAL;
	evlsim__mutex_lock(&blocks_lock);
	if (__atomic_load_n(&m->maps, __ATOMIC_RELAXED))
		ret = -EBUSY;
	else
		m->dead = 1;	/* kept: a racing accessor may still hold it */
	evlsim__mutex_unlock(&blocks_lock);
	return ret;
}
