// SPDX-License-Identifier: LGPL-2.1-or-later
/*
 * Simulated CPUs and per-CPU memory (user world).
 *
 * The simulator runs a set of CPUs: $EVLSIM_CPUS of them (1 to EVLSIM_NR_CPUS), by default
 * the host's online count (capped). Simulated CPU n runs on host CPU n modulo the host's
 * count, so that what a program learns from sched_getcpu() and pins with
 * sched_setaffinity() names the same CPU the kernel side sees through
 * smp_processor_id(). A thread bound to a CPU (set_cpus_allowed_ptr(), a kthread started
 * on a CPU) reports that CPU and is pinned on its host CPU where the host allows it (a
 * container may refuse: the binding is kept all the same).
 *
 * Per-CPU memory comes from one arena reserved at first use: one unit per simulated CPU,
 * CPU n's copy of a block at the block's offset in unit n. The units are carved in
 * 64-byte granules by a first-fit bitmap under a mutex (alloc_percpu() is in-band only);
 * looking a copy up takes no lock.
 */
#include <errno.h>
#include <sched.h>
#include <stdlib.h>
#include <string.h>
#include <sys/mman.h>
#include <unistd.h>
#include "core/cpu.h"
#include "core/libc.h"
#include "core/lock.h"
#include "core/thread.h"

static int nr_cpus;		/* 0 until read */

int evlsim__host_cpus(void)
{
	long n = sysconf(_SC_NPROCESSORS_ONLN);

	return n > 0 ? (int)n : 1;
}

/* $EVLSIM_CPUS, or the host's count, at the first question (core/cpu.h: the FPU guard) */
static int read_cpus_knob(void)
{
	int n = evlsim__host_cpus();
	const char *env = getenv("EVLSIM_CPUS");
	long v;
	char *end;

	if (env && *env) {
		v = strtol(env, &end, 10);
		if (*end || v < 1 || v > EVLSIM_NR_CPUS)
			evlsim__die("EVLSIM_CPUS=%s: expected 1 to %d", env, EVLSIM_NR_CPUS);
		n = (int)v;
	}
	return n > EVLSIM_NR_CPUS ? EVLSIM_NR_CPUS : n;
}

int evlsim__online_cpus(void)
{
	int n = __atomic_load_n(&nr_cpus, __ATOMIC_RELAXED);

	if (evlsim_likely(n))
		return n;
	EVLSIM_FPU_GUARDED(n = read_cpus_knob());
	__atomic_store_n(&nr_cpus, n, __ATOMIC_RELAXED);
	return n;
}

int evlsim__cpu_current(void)
{
	struct evlsim_thread *t = evlsim__current();
	int cpu;

	if (t->cpu_ctx)
		return t->cpu_ctx - 1;
	cpu = __atomic_load_n(&t->cpu_bound, __ATOMIC_RELAXED);
	if (cpu)
		return cpu - 1;
	cpu = sched_getcpu();
	return cpu < 0 ? 0 : cpu % evlsim__online_cpus();
}

int evlsim__cpu_bind(struct evlsim_thread *t, int cpu)
{
	cpu_set_t set;

	if (cpu < -1 || cpu >= evlsim__online_cpus())
		return -EINVAL;
	if (!t)
		t = evlsim__current();
	__atomic_store_n(&t->cpu_bound, cpu + 1, __ATOMIC_RELAXED);
	if (t != evlsim__current())
		return 0;
	CPU_ZERO(&set);
	if (cpu >= 0) {
		CPU_SET(cpu % evlsim__host_cpus(), &set);
	} else {
		int i, n = evlsim__host_cpus();

		for (i = 0; i < n && i < CPU_SETSIZE; i++)
			CPU_SET(i, &set);
	}
	(void)sched_setaffinity(0, sizeof(set), &set);	/* best effort */
	return 0;
}

int evlsim__cpu_bound(struct evlsim_thread *t)
{
	return __atomic_load_n(&t->cpu_bound, __ATOMIC_RELAXED) - 1;
}

int evlsim__cpu_ctx_set(int cpu)
{
	struct evlsim_thread *t = evlsim__current();
	int prev = t->cpu_ctx - 1;

	t->cpu_ctx = cpu + 1;
	return prev;
}

/* ---- per-CPU memory ------------------------------------------------------------------- */

#define PCPU_UNIT	(256 * 1024)
#define PCPU_GRAIN	64
#define PCPU_GRAINS	(PCPU_UNIT / PCPU_GRAIN)

/* A variable defined outside the arena and the offset of its copies there. */
struct pcpu_static {
	char *start;
	evlsim_size_t size;
	evlsim_size_t offset;
};

#define PCPU_MAX_STATIC	256

static struct {
	struct evlsim_mutex lock;
	char *base;			/* NR_CPUS units, published with a release store */
	unsigned char used[PCPU_GRAINS];	/* granule in use */
	unsigned int len[PCPU_GRAINS];		/* at a block's first granule: its granules */
	struct pcpu_static statics[PCPU_MAX_STATIC];
	int nr_statics;			/* published with a release store */
} pcpu = { .lock = EVLSIM_MUTEX_INITIALIZER };

/* lock held */
static char *arena(void)
{
	void *p;

	if (pcpu.base)
		return pcpu.base;
	p = REAL(mmap)(NULL, (evlsim_size_t)EVLSIM_NR_CPUS * PCPU_UNIT, PROT_READ | PROT_WRITE,
		 MAP_PRIVATE | MAP_ANONYMOUS | MAP_NORESERVE, -1, 0);
	if (p == MAP_FAILED)
		evlsim__die("cannot reserve the per-CPU arena: %s", strerror(errno));
	__atomic_store_n(&pcpu.base, (char *)p, __ATOMIC_RELEASE);
	return p;
}

/* lock held: the offset of a free run of granules for @size bytes at @align, or -1 */
static long carve(evlsim_size_t size, evlsim_size_t align)
{
	unsigned int need = (unsigned int)((size + PCPU_GRAIN - 1) / PCPU_GRAIN), step, i, j;

	if (!need)
		need = 1;
	step = align > PCPU_GRAIN ? (unsigned int)(align / PCPU_GRAIN) : 1;
	for (i = 0; i + need <= PCPU_GRAINS; i += step) {
		for (j = 0; j < need && !pcpu.used[i + j]; j++)
			;
		if (j < need)
			continue;
		memset(&pcpu.used[i], 1, need);
		pcpu.len[i] = need;
		return (long)i * PCPU_GRAIN;
	}
	return -1;
}

void *evlsim__percpu_alloc(evlsim_size_t size, evlsim_size_t align)
{
	char *base;
	long off;
	int cpu;

	if (!size || size > PCPU_UNIT || (align & (align - 1)) || align > 4096)
		return NULL;
	evlsim__mutex_lock(&pcpu.lock);
	base = arena();
	off = carve(size, align);
	evlsim__mutex_unlock(&pcpu.lock);
	if (off < 0)
		return NULL;
	for (cpu = 0; cpu < EVLSIM_NR_CPUS; cpu++)
		memset(base + (evlsim_size_t)cpu * PCPU_UNIT + off, 0, size);
	return base + off;
}

void evlsim__percpu_free(void *ptr)
{
	char *base = __atomic_load_n(&pcpu.base, __ATOMIC_ACQUIRE);
	evlsim_size_t off;
	unsigned int g;

	if (!ptr)
		return;
	if (!base || (char *)ptr < base || (char *)ptr >= base + PCPU_UNIT)
		evlsim__die("free_percpu(%p): not a per-CPU block", ptr);
	off = (evlsim_size_t)((char *)ptr - base);
	g = (unsigned int)(off / PCPU_GRAIN);
	evlsim__mutex_lock(&pcpu.lock);
	if (off % PCPU_GRAIN || !pcpu.len[g])
		evlsim__die("free_percpu(%p): not a per-CPU block", ptr);
	memset(&pcpu.used[g], 0, pcpu.len[g]);
	pcpu.len[g] = 0;
	evlsim__mutex_unlock(&pcpu.lock);
}

/* The static variable holding @p, -1 if none (lock-free: entries are never removed). */
static int find_static(const char *p)
{
	int i, n = __atomic_load_n(&pcpu.nr_statics, __ATOMIC_ACQUIRE);

	for (i = 0; i < n; i++)
		if (p >= pcpu.statics[i].start && p < pcpu.statics[i].start + pcpu.statics[i].size)
			return i;
	return -1;
}

static int add_static(char *p, evlsim_size_t size)
{
	struct pcpu_static *s;
	char *base;
	long off;
	int i, cpu;

	evlsim__mutex_lock(&pcpu.lock);
	i = find_static(p);
	if (i >= 0)
		goto out;
	base = arena();
	off = carve(size, 16);
	if (off < 0 || pcpu.nr_statics == PCPU_MAX_STATIC)
		evlsim__die("per-CPU variable at %p: the per-CPU arena is full", (void *)p);
	i = pcpu.nr_statics;
	s = &pcpu.statics[i];
	s->start = p;
	s->size = size;
	s->offset = (evlsim_size_t)off;
	for (cpu = 1; cpu < EVLSIM_NR_CPUS; cpu++)
		memcpy(base + (evlsim_size_t)cpu * PCPU_UNIT + off, p, size);
	__atomic_store_n(&pcpu.nr_statics, i + 1, __ATOMIC_RELEASE);
out:
	evlsim__mutex_unlock(&pcpu.lock);
	return i;
}

void *evlsim__percpu_ptr(void *ptr, evlsim_size_t size, int cpu)
{
	char *p = ptr, *base = __atomic_load_n(&pcpu.base, __ATOMIC_ACQUIRE);
	int i;

	if (cpu < 0 || cpu >= EVLSIM_NR_CPUS)
		evlsim__die("per-CPU pointer %p: no CPU %d", ptr, cpu);
	if (base && p >= base && p < base + PCPU_UNIT)
		return p + (evlsim_size_t)cpu * PCPU_UNIT;
	if (!cpu)
		return p;
	i = find_static(p);
	if (i < 0)
		i = add_static(p, size);
	base = pcpu.base;
	return base + (evlsim_size_t)cpu * PCPU_UNIT + pcpu.statics[i].offset +
		(evlsim_size_t)(p - pcpu.statics[i].start);
}

/** evlsim_nr_cpus - the number of simulated CPUs ($EVLSIM_CPUS, default the host's) */
EVLSIM_EXPORT int evlsim_nr_cpus(void)
{
	return evlsim__online_cpus();
}
