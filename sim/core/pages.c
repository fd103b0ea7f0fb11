// SPDX-License-Identifier: LGPL-2.1-or-later
/*
 * The page arena (user world): the simulated kernel's page allocator backing store, and
 * the user address space operations that map it.
 *
 * Pages that a driver may map into "user space" (our own process, at another address)
 * live in one memfd: the kernel world reaches them through one MAP_SHARED view of the
 * whole file (its "linear map"), and a user mapping is a second MAP_SHARED (or
 * MAP_PRIVATE, for a copy-on-write mapping) view of a range of the same file. Both views
 * see the same memory, as the kernel's linear map and a process's page tables do.
 *
 * The kernel view is one reservation of EVLSIM_ARENA_MAX_PAGES pages of address space,
 * backed by the memfd from its start as the arena grows by chunks: a page's kernel
 * address, memfd offset and page frame number are all linear in its index, and struct
 * page is one array indexed the same way (mem_map), so every lookup is arithmetic. Page
 * frame numbers start at EVLSIM_PFN_BASE, above every user address shifted right by
 * PAGE_SHIFT, so an address that is not in the arena never passes for a page frame.
 *
 * Allocation is first fit in a bitmap, under one mutex. Under AddressSanitizer, free
 * pages are poisoned: a driver touching a page after freeing it is reported.
 */
#include <dlfcn.h>
#include <errno.h>
#include <pthread.h>
#include <string.h>
#include <sys/mman.h>
#include <sys/syscall.h>
#include <unistd.h>
#include "internal.h"
#include "core/libc.h"

#ifdef EVLSIM_ASAN
#include <sanitizer/asan_interface.h>
#define poison(p, n)	ASAN_POISON_MEMORY_REGION(p, n)
#define unpoison(p, n)	ASAN_UNPOISON_MEMORY_REGION(p, n)
#else
#define poison(p, n)	do { (void)(p); (void)(n); } while (0)
#define unpoison(p, n)	do { (void)(p); (void)(n); } while (0)
#endif

#define PAGE_SZ		4096UL
#define CHUNK_PAGES	1024UL		/* the arena grows by 4 MiB at least */
#define BITS		(8 * sizeof(unsigned long))

_Static_assert(EVLSIM_PROT_READ == PROT_READ && EVLSIM_PROT_WRITE == PROT_WRITE &&
	       EVLSIM_PROT_EXEC == PROT_EXEC, "EVLSIM_PROT_* are the mmap(2) values");

char *evlsim__arena_base;
unsigned long evlsim__arena_pages;
void *evlsim__mem_map;

static struct evlsim_mutex arena_lock = EVLSIM_MUTEX_INITIALIZER;
static int arena_fd = -1;
static unsigned long used[EVLSIM_ARENA_MAX_PAGES / BITS];	/* one bit per allocated page */
static unsigned long first_free;		/* no free page below this index */

/*
 * The C library's mmap/munmap, not the interposers: the arena and the reservations
 * made for simulated mappings are the simulated kernel's own business.
 */
static void *real_mmap(void *addr, size_t len, int prot, int flags, int fd, off_t off)
{
	return REAL(mmap)(addr, len, prot, flags, fd, off);
}

static int real_munmap(void *addr, size_t len)
{
	return REAL(munmap)(addr, len);
}

/* Called with arena_lock held. */
static int arena_init(void)
{
	void *base, *map;
	int fd;

	fd = (int)syscall(SYS_memfd_create, "evlsim-pages", MFD_CLOEXEC);
	if (fd < 0)
		return -errno;
	base = real_mmap(NULL, EVLSIM_ARENA_MAX_PAGES * PAGE_SZ, PROT_NONE,
			 MAP_PRIVATE | MAP_ANONYMOUS | MAP_NORESERVE, -1, 0);
	if (base == MAP_FAILED)
		goto fail;
	map = real_mmap(NULL, EVLSIM_ARENA_MAX_PAGES * EVLSIM_STRUCT_PAGE_SIZE,
			PROT_READ | PROT_WRITE, MAP_PRIVATE | MAP_ANONYMOUS | MAP_NORESERVE, -1, 0);
	if (map == MAP_FAILED) {
		real_munmap(base, EVLSIM_ARENA_MAX_PAGES * PAGE_SZ);
		goto fail;
	}
	arena_fd = fd;
	__atomic_store_n(&evlsim__mem_map, map, __ATOMIC_RELEASE);
	__atomic_store_n(&evlsim__arena_base, (char *)base, __ATOMIC_RELEASE);
	return 0;
fail:
	syscall(SYS_close, fd);
	return -ENOMEM;
}

/* Backs the arena up to @pages pages. Called with arena_lock held. */
static int arena_grow(unsigned long pages)
{
	unsigned long old = evlsim__arena_pages;
	char *at;

	pages = (pages + CHUNK_PAGES - 1) / CHUNK_PAGES * CHUNK_PAGES;
	if (pages > EVLSIM_ARENA_MAX_PAGES)
		return -ENOMEM;
	if (syscall(SYS_ftruncate, arena_fd, (long)(pages * PAGE_SZ)))
		return -ENOMEM;
	at = evlsim__arena_base + old * PAGE_SZ;
	if (real_mmap(at, (pages - old) * PAGE_SZ, PROT_READ | PROT_WRITE,
		      MAP_SHARED | MAP_FIXED, arena_fd, (off_t)(old * PAGE_SZ)) == MAP_FAILED)
		return -ENOMEM;
	poison(at, (pages - old) * PAGE_SZ);
	__atomic_store_n(&evlsim__arena_pages, pages, __ATOMIC_RELEASE);
	return 0;
}

static int page_used(unsigned long i)
{
	return !!(used[i / BITS] & (1UL << (i % BITS)));
}

static void mark(unsigned long i, unsigned long nr, int on)
{
	for (; nr; nr--, i++) {
		if (on)
			used[i / BITS] |= 1UL << (i % BITS);
		else
			used[i / BITS] &= ~(1UL << (i % BITS));
	}
}

/* First fit of @nr free pages at an index multiple of @align, below @limit. */
static long find_free(unsigned long nr, unsigned long align, unsigned long limit)
{
	unsigned long i = (first_free + align - 1) / align * align, j;

	while (i + nr <= limit) {
		if (!(i % BITS) && used[i / BITS] == ~0UL) {
			i = (i + BITS + align - 1) / align * align;
			continue;
		}
		for (j = 0; j < nr && !page_used(i + j); j++)
			;
		if (j == nr)
			return (long)i;
		i = (i + j + 1 + align - 1) / align * align;
	}
	return -1;
}

/**
 * evlsim__pages_alloc - allocate @nr contiguous arena pages
 * @align: the index (and pfn) of the first page is a multiple of it (a power of 2)
 * @zero: clear the pages
 *
 * Returns the kernel address of the first page, or NULL when the arena is exhausted.
 */
void *evlsim__pages_alloc(unsigned long nr, unsigned long align, int zero)
{
	unsigned long limit;
	char *p = (void *)0;
	long i;

	if (!nr || nr > EVLSIM_ARENA_MAX_PAGES || !align || (align & (align - 1)))
		return p;
	evlsim__mutex_lock(&arena_lock);
	if (!evlsim__arena_base && arena_init())
		goto out;
	limit = evlsim__arena_pages;
	i = find_free(nr, align, limit);
	if (i < 0) {
		/* grow past the trailing free run, enough for an aligned block */
		unsigned long start = limit;

		while (start > 0 && !page_used(start - 1))
			start--;
		start = (start + align - 1) / align * align;
		if (arena_grow(start + nr))
			goto out;
		i = find_free(nr, align, evlsim__arena_pages);
		EVLSIM_ASSERT(i >= 0);
	}
	mark((unsigned long)i, nr, 1);
	if ((unsigned long)i == first_free)
		first_free = (unsigned long)i + nr;
	p = evlsim__arena_base + (unsigned long)i * PAGE_SZ;
	unpoison(p, nr * PAGE_SZ);
out:
	evlsim__mutex_unlock(&arena_lock);
	if (p && zero)
		memset(p, 0, nr * PAGE_SZ);
	return p;
}

/** evlsim__pages_free - give back @nr pages from @kaddr (each must be allocated) */
void evlsim__pages_free(void *kaddr, unsigned long nr)
{
	unsigned long i = (unsigned long)((char *)kaddr - evlsim__arena_base) / PAGE_SZ, j;

	evlsim__mutex_lock(&arena_lock);
	for (j = 0; j < nr; j++)
		EVLSIM_ASSERT(page_used(i + j));
	mark(i, nr, 0);
	if (i < first_free)
		first_free = i;
	poison(kaddr, nr * PAGE_SZ);
	evlsim__mutex_unlock(&arena_lock);
}

/** evlsim__pages_poison - make [@kaddr, @kaddr + @len) inaccessible (ASan) or not */
void evlsim__pages_poison(void *kaddr, unsigned long len, int on)
{
	if (on)
		poison(kaddr, len);
	else
		unpoison(kaddr, len);
}

/** evlsim__pages_pfn - the page frame of the arena address @kaddr, or 0 */
unsigned long evlsim__pages_pfn(const void *kaddr)
{
	const char *base = __atomic_load_n(&evlsim__arena_base, __ATOMIC_ACQUIRE);
	unsigned long pages = __atomic_load_n(&evlsim__arena_pages, __ATOMIC_ACQUIRE);
	unsigned long off = (unsigned long)((const char *)kaddr - base);

	if (!base || (const char *)kaddr < base || off / PAGE_SZ >= pages)
		return 0;
	return EVLSIM_PFN_BASE + off / PAGE_SZ;
}

/** evlsim__pages_kaddr - the kernel address of page frame @pfn, or NULL */
void *evlsim__pages_kaddr(unsigned long pfn)
{
	long long off = evlsim__pages_offset(pfn);

	return off < 0 ? (void *)0 : evlsim__arena_base + off;
}

/** evlsim__pages_offset - the memfd offset of page frame @pfn, or -1 */
long long evlsim__pages_offset(unsigned long pfn)
{
	unsigned long pages = __atomic_load_n(&evlsim__arena_pages, __ATOMIC_ACQUIRE);

	if (pfn < EVLSIM_PFN_BASE || pfn - EVLSIM_PFN_BASE >= pages)
		return -1;
	return (long long)((pfn - EVLSIM_PFN_BASE) * PAGE_SZ);
}

/**
 * evlsim__pages_map - map @nr arena pages from @pfn at the user address @uaddr
 * @prot: EVLSIM_PROT_* bits
 * @shared: MAP_SHARED (the driver sees the stores) or MAP_PRIVATE (copy on write)
 *
 * Replaces whatever was mapped there (the reservation of the vma). Returns 0 or -errno.
 */
int evlsim__pages_map(unsigned long uaddr, unsigned long pfn, unsigned long nr, int prot,
		      int shared)
{
	long long off = evlsim__pages_offset(pfn);

	if (off < 0 || evlsim__pages_offset(pfn + nr - 1) < 0)
		return -EINVAL;
	if (real_mmap((void *)uaddr, nr * PAGE_SZ, prot,
		      MAP_FIXED | (shared ? MAP_SHARED : MAP_PRIVATE), arena_fd,
		      (off_t)off) == MAP_FAILED)
		return -errno;
	return 0;
}

/**
 * evlsim__vm_reserve - reserve user address space for a simulated mapping
 * @flags: the caller's mmap(2) flags; only the placement ones are used
 *
 * The range is mapped PROT_NONE, anonymous: until a driver fills it, touching it faults.
 * Returns the address, or -errno (ENOMEM, EEXIST for MAP_FIXED_NOREPLACE, EINVAL).
 */
long evlsim__vm_reserve(unsigned long addr, unsigned long len, int flags)
{
	void *p;

	flags &= MAP_FIXED | MAP_FIXED_NOREPLACE | MAP_32BIT;
	p = real_mmap((void *)addr, len, PROT_NONE,
		      flags | MAP_PRIVATE | MAP_ANONYMOUS | MAP_NORESERVE, -1, 0);
	return p == MAP_FAILED ? -errno : (long)p;
}

/** evlsim__vm_release - munmap(2) of the C library; 0 or -errno */
int evlsim__vm_release(unsigned long addr, unsigned long len)
{
	return real_munmap((void *)addr, len) ? -errno : 0;
}
