// SPDX-License-Identifier: MIT
/*
 * check_mmap: mmap(2) of simulated files (tests/drivers/tmmap.c).
 *
 * Proves, for remap_pfn_range(), remap_vmalloc_range() and vm_insert_page(), that a user
 * store through the mapping is seen by the driver at its kernel address and the reverse,
 * at the offset asked for; that two mappings of one buffer see each other and a private
 * mapping is copy-on-write; the vm_flags the driver ends with; that vm_ops->open is not
 * called at mmap and ->close is at munmap, with the kernel's split semantics on a partial
 * munmap and on a MAP_FIXED mapping over a simulated one; that the mapping keeps the file
 * (and the module) alive after close() until munmap; every error code of do_mmap() for a
 * device, the driver's own error, the unmappable kmalloc() memory report, and that a
 * failed mmap leaves neither a vma nor reserved address space; page references taken by
 * vm_insert_page() and kept across vfree(); that pages ->mmap leaves unpopulated are
 * inaccessible; that mmap/munmap/mremap of real files and anonymous memory pass through
 * untouched; and exact close counts with threads mapping and unmapping concurrently.
 */
#define _GNU_SOURCE
#include <errno.h>
#include <fcntl.h>
#include <pthread.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include <sys/mman.h>
#include <unistd.h>
#include <evlsim/evlsim.h>
#include "evlsim-check.h"
#include "../drivers/tmmap-abi.h"

#define NODE		"/dev/tmmap"
#define NOMMAP		"/dev/tmmap-nommap"
#define PG		4096UL
#define BUF		(TMMAP_PAGES * PG)
#define OFF(region)	((off_t)(region) * (off_t)PG)

/* kernel <linux/mm.h> values, for exact vm_flags checks */
#define VM_READ		0x00000001UL
#define VM_WRITE	0x00000002UL
#define VM_SHARED	0x00000008UL
#define VM_MAYREAD	0x00000010UL
#define VM_MAYWRITE	0x00000020UL
#define VM_MAYEXEC	0x00000040UL
#define VM_MAYSHARE	0x00000080UL
#define VM_PFNMAP	0x00000400UL
#define VM_IO		0x00004000UL
#define VM_DONTEXPAND	0x00040000UL
#define VM_DONTDUMP	0x04000000UL
#define VM_MIXEDMAP	0x10000000UL


static const int methods[] = { TMMAP_PFN, TMMAP_VMALLOC, TMMAP_INSERT };

static void teardown(void)
{
	ck_assert_int_eq(evlsim_mapping_count(), 0);
	evlsim_check_teardown();
}

static unsigned char *map(int fd, size_t len, int prot, int flags, off_t off)
{
	void *p = mmap(NULL, len, prot, flags, fd, off);

	ck_assert_msg(p != MAP_FAILED, "mmap(%zu, %#x, %#x, %lld): %s", len, prot, flags,
		      (long long)off, strerror(errno));
	ck_assert_uint_eq((uintptr_t)p % PG, 0);
	return p;
}

static struct tmmap_stats stats(void)
{
	struct tmmap_stats s;

	tmmap_get_stats(&s);
	return s;
}

/* 1 if the byte at @p can be read (the kernel checks it, no signal involved) */
static int readable(const void *p)
{
	int fds[2], ok;

	ck_assert_int_eq(pipe(fds), 0);
	ok = write(fds[1], p, 1) == 1;
	if (!ok)
		ck_assert_int_eq(errno, EFAULT);
	close(fds[0]);
	close(fds[1]);
	return ok;
}

static void fill(unsigned char *p, size_t n, unsigned char seed)
{
	size_t i;

	for (i = 0; i < n; i++)
		p[i] = (unsigned char)(seed + i * 7);
}

static void check_kernel(int region, unsigned long off, size_t n, unsigned char seed)
{
	size_t i;

	for (i = 0; i < n; i++)
		ck_assert_msg(*tmmap_kaddr(region, off + i) == (unsigned char)(seed + i * 7),
			      "region %d byte %lu", region, off + i);
}

/* ---- data through each method ---------------------------------------------------------- */

START_TEST(test_shared_both_ways)
{
	int region = methods[_i], fd = open_node(NODE, O_RDWR);
	unsigned char *p = map(fd, BUF, PROT_READ | PROT_WRITE, MAP_SHARED, OFF(region));
	unsigned long expect = VM_READ | VM_WRITE | VM_SHARED | VM_MAYREAD | VM_MAYWRITE |
			       VM_MAYEXEC | VM_MAYSHARE;
	size_t i;

	if (region == TMMAP_PFN)		/* remap_pfn_range() */
		expect |= VM_IO | VM_PFNMAP | VM_DONTEXPAND | VM_DONTDUMP;
	else if (region == TMMAP_VMALLOC)	/* remap_vmalloc_range() */
		expect |= VM_MIXEDMAP | VM_DONTEXPAND | VM_DONTDUMP;
	else					/* vm_insert_page() */
		expect |= VM_MIXEDMAP;
	ck_assert_uint_eq(stats().last_flags, expect);
	ck_assert_uint_eq(stats().last_pgoff, region);

	fill(p, BUF, 3);			/* user -> driver */
	check_kernel(region, 0, BUF, 3);
	for (i = 0; i < BUF; i += 1000)		/* driver -> user */
		*tmmap_kaddr(region, i) = (unsigned char)~i;
	for (i = 0; i < BUF; i += 1000)
		ck_assert_uint_eq(p[i], (unsigned char)~i);

	ck_assert_int_eq(stats().vm_opens, 0);	/* not called at mmap */
	ck_assert_call(munmap(p, BUF), 0);
	ck_assert_int_eq(stats().vm_closes, 1);
	ck_assert_int_eq(stats().vm_opens, 0);
	ck_assert_call(close(fd), 0);
	ck_assert_int_eq(stats().releases, 1);
}
END_TEST

START_TEST(test_offset_within_region)
{
	int region = methods[_i], fd = open_node(NODE, O_RDWR);
	unsigned char *p = map(fd, 2 * PG, PROT_READ | PROT_WRITE, MAP_SHARED,
			       OFF(region + 1));

	fill(p, 2 * PG, 9);
	check_kernel(region, PG, 2 * PG, 9);
	*tmmap_kaddr(region, PG - 1) = 0x5a;		/* page 0: not mapped */
	*tmmap_kaddr(region, 3 * PG) = 0xa5;		/* page 3: not mapped */
	ck_assert_uint_eq(p[0], 9);
	ck_assert_call(munmap(p, 2 * PG), 0);
	ck_assert_call(close(fd), 0);
}
END_TEST

START_TEST(test_two_mappings)
{
	int region = methods[_i], fd = open_node(NODE, O_RDWR), fd2 = dup(fd);
	unsigned char *a = map(fd, BUF, PROT_READ | PROT_WRITE, MAP_SHARED, OFF(region));
	unsigned char *b = map(fd2, PG, PROT_READ, MAP_SHARED, OFF(region + 2));

	ck_assert_ptr_ne(a, b);
	a[2 * PG + 17] = 0x42;
	ck_assert_uint_eq(b[17], 0x42);
	a[2 * PG + 17] = 0x43;
	ck_assert_uint_eq(b[17], 0x43);
	ck_assert_call(munmap(a, BUF), 0);
	ck_assert_uint_eq(b[17], 0x43);
	ck_assert_call(munmap(b, PG), 0);
	ck_assert_int_eq(stats().vm_closes, 2);
	ck_assert_call(close(fd), 0);
	ck_assert_call(close(fd2), 0);
	ck_assert_int_eq(stats().releases, 1);
}
END_TEST

/* MAP_PRIVATE: copy on write, allowed on a read-only file */
START_TEST(test_private_cow)
{
	int region = methods[_i], fd = open_node(NODE, O_RDONLY);
	unsigned char *p;

	*tmmap_kaddr(region, 0) = 1;
	*tmmap_kaddr(region, PG) = 2;
	p = map(fd, BUF, PROT_READ | PROT_WRITE, MAP_PRIVATE, OFF(region));
	ck_assert_uint_eq(stats().last_flags & (VM_SHARED | VM_MAYSHARE | VM_MAYWRITE),
			  VM_MAYWRITE);
	ck_assert_uint_eq(p[0], 1);
	p[0] = 10;					/* private copy of page 0 */
	ck_assert_uint_eq(*tmmap_kaddr(region, 0), 1);
	*tmmap_kaddr(region, PG) = 3;			/* page 1 not written: shared */
	ck_assert_uint_eq(p[PG], 3);
	*tmmap_kaddr(region, 0) = 4;
	ck_assert_uint_eq(p[0], 10);
	ck_assert_call(munmap(p, BUF), 0);
	ck_assert_call(close(fd), 0);
}
END_TEST

/* remap_pfn_range() of a copy-on-write mapping must cover the whole vma */
START_TEST(test_private_partial_pfn)
{
	int fd = open_node(NODE, O_RDONLY);

	ck_assert_fails(mmap(NULL, 2 * PG, PROT_READ, MAP_PRIVATE, fd, OFF(TMMAP_PARTIAL)),
			EINVAL);
	ck_assert_call(close(fd), 0);
}
END_TEST

/* MAP_SHARED on a read-only file: neither VM_SHARED nor VM_MAYWRITE, still shared memory */
START_TEST(test_shared_readonly)
{
	int fd = open_node(NODE, O_RDONLY);
	unsigned char *p = map(fd, PG, PROT_READ, MAP_SHARED, OFF(TMMAP_PFN));

	ck_assert_uint_eq(stats().last_flags,
			  VM_READ | VM_MAYREAD | VM_MAYEXEC | VM_MAYSHARE | VM_IO | VM_PFNMAP |
			  VM_DONTEXPAND | VM_DONTDUMP);
	*tmmap_kaddr(TMMAP_PFN, 5) = 0x77;
	ck_assert_uint_eq(p[5], 0x77);
	ck_assert_call(munmap(p, PG), 0);
	ck_assert_call(close(fd), 0);
}
END_TEST

/* ---- lifetime ------------------------------------------------------------------------- */

START_TEST(test_mapping_keeps_file)
{
	int fd = open_node(NODE, O_RDWR);
	unsigned char *p = map(fd, BUF, PROT_READ | PROT_WRITE, MAP_SHARED, OFF(TMMAP_VMALLOC));

	ck_assert_call(close(fd), 0);
	ck_assert_int_eq(stats().releases, 0);
	ck_assert_int_eq(evlsim_module_refcount("tmmap"), 1);
	ck_assert_ret(evlsim_unload_module("tmmap"), -EBUSY);
	p[100] = 0x11;
	ck_assert_uint_eq(*tmmap_kaddr(TMMAP_VMALLOC, 100), 0x11);
	ck_assert_call(munmap(p, BUF), 0);
	ck_assert_int_eq(stats().vm_closes, 1);
	ck_assert_int_eq(stats().releases, 1);
	ck_assert_int_eq(evlsim_module_refcount("tmmap"), 0);
}
END_TEST

START_TEST(test_insert_page_refs)
{
	int fd = open_node(NODE, O_RDWR), i;
	unsigned char *p = map(fd, BUF, PROT_READ, MAP_SHARED, OFF(TMMAP_INSERT));

	for (i = 0; i < TMMAP_PAGES; i++)
		ck_assert_int_eq(tmmap_page_count(TMMAP_INSERT, i), 2);
	ck_assert_call(munmap(p, BUF), 0);
	for (i = 0; i < TMMAP_PAGES; i++)
		ck_assert_int_eq(tmmap_page_count(TMMAP_INSERT, i), 1);
	ck_assert_call(close(fd), 0);
}
END_TEST

/* vfree() of a mapped vmalloc_user() buffer: the mapping keeps its pages */
START_TEST(test_vfree_while_mapped)
{
	int fd = open_node(NODE, O_RDWR);
	unsigned char *p = map(fd, BUF, PROT_READ | PROT_WRITE, MAP_SHARED, OFF(TMMAP_VMALLOC));

	fill(p, BUF, 21);
	ck_assert_int_eq(tmmap_vmalloc_replace(), 0);
	ck_assert_uint_eq(*tmmap_kaddr(TMMAP_VMALLOC, 0), 0);	/* the new buffer */
	ck_assert_uint_eq(p[0], 21);
	p[1] = 0;
	ck_assert_uint_eq(*tmmap_kaddr(TMMAP_VMALLOC, 1), 0);
	ck_assert_call(munmap(p, BUF), 0);
	ck_assert_call(close(fd), 0);
}
END_TEST

/* ---- unmapping parts ------------------------------------------------------------------- */

START_TEST(test_partial_munmap)
{
	int fd = open_node(NODE, O_RDWR);
	unsigned char *p = map(fd, BUF, PROT_READ | PROT_WRITE, MAP_SHARED, OFF(TMMAP_PFN));

	fill(p, BUF, 5);
	ck_assert_call(munmap(p + PG, 2 * PG), 0);	/* two splits, the middle closed */
	ck_assert_int_eq(stats().vm_opens, 2);
	ck_assert_int_eq(stats().vm_closes, 1);
	ck_assert_int_eq(evlsim_mapping_count(), 2);
	ck_assert_int_eq(readable(p + PG), 0);
	ck_assert_int_eq(readable(p + 2 * PG), 0);
	p[0] = 0x31;
	p[3 * PG] = 0x32;
	ck_assert_uint_eq(*tmmap_kaddr(TMMAP_PFN, 0), 0x31);
	ck_assert_uint_eq(*tmmap_kaddr(TMMAP_PFN, 3 * PG), 0x32);
	ck_assert_call(munmap(p, BUF), 0);		/* over the hole too */
	ck_assert_int_eq(stats().vm_closes, 3);
	ck_assert_int_eq(stats().vm_opens, 2);
	ck_assert_call(close(fd), 0);
	ck_assert_int_eq(stats().releases, 1);
}
END_TEST

START_TEST(test_munmap_head)
{
	int fd = open_node(NODE, O_RDWR);
	unsigned char *p = map(fd, BUF, PROT_READ | PROT_WRITE, MAP_SHARED, OFF(TMMAP_INSERT));

	ck_assert_call(munmap(p, PG), 0);
	ck_assert_int_eq(stats().vm_opens, 1);
	ck_assert_int_eq(stats().vm_closes, 1);
	ck_assert_int_eq(tmmap_page_count(TMMAP_INSERT, 0), 1);
	ck_assert_int_eq(tmmap_page_count(TMMAP_INSERT, 1), 2);
	p[PG] = 0x44;
	ck_assert_uint_eq(*tmmap_kaddr(TMMAP_INSERT, PG), 0x44);
	ck_assert_call(munmap(p + PG, BUF - PG), 0);
	ck_assert_int_eq(stats().vm_closes, 2);
	ck_assert_int_eq(tmmap_page_count(TMMAP_INSERT, 1), 1);
	ck_assert_call(close(fd), 0);
}
END_TEST

/* MAP_FIXED over a simulated mapping unmaps what it covers, as munmap would */
START_TEST(test_map_fixed_over)
{
	int fd = open_node(NODE, O_RDWR);
	unsigned char *p = map(fd, BUF, PROT_READ | PROT_WRITE, MAP_SHARED, OFF(TMMAP_PFN));
	unsigned char *q;

	q = mmap(p + PG, PG, PROT_READ | PROT_WRITE, MAP_PRIVATE | MAP_ANONYMOUS | MAP_FIXED,
		 -1, 0);
	ck_assert_ptr_eq(q, p + PG);
	ck_assert_int_eq(stats().vm_opens, 2);
	ck_assert_int_eq(stats().vm_closes, 1);
	q[0] = 0x66;					/* anonymous memory now */
	ck_assert_uint_ne(*tmmap_kaddr(TMMAP_PFN, PG), 0x66);
	q = mmap(p + 2 * PG, PG, PROT_READ, MAP_SHARED | MAP_FIXED, fd, OFF(TMMAP_VMALLOC));
	ck_assert_ptr_eq(q, p + 2 * PG);
	ck_assert_int_eq(stats().vm_opens, 3);
	ck_assert_int_eq(stats().vm_closes, 2);
	*tmmap_kaddr(TMMAP_VMALLOC, 9) = 0x99;
	ck_assert_uint_eq(q[9], 0x99);
	ck_assert_call(munmap(p, BUF), 0);
	ck_assert_int_eq(stats().vm_closes, 5);
	ck_assert_call(close(fd), 0);
}
END_TEST

START_TEST(test_unpopulated_inaccessible)
{
	int fd = open_node(NODE, O_RDWR);
	unsigned char *p = map(fd, 2 * PG, PROT_READ | PROT_WRITE, MAP_SHARED,
			       OFF(TMMAP_PARTIAL));

	ck_assert_int_eq(readable(p), 1);
	ck_assert_int_eq(readable(p + PG), 0);
	ck_assert_call(munmap(p, 2 * PG), 0);
	ck_assert_call(close(fd), 0);
}
END_TEST

START_TEST(test_mremap_refused)
{
	int fd = open_node(NODE, O_RDWR);
	unsigned char *p = map(fd, PG, PROT_READ, MAP_SHARED, OFF(TMMAP_PFN));

	ck_assert_fails(mremap(p, PG, 2 * PG, MREMAP_MAYMOVE), EINVAL);
	ck_assert_call(munmap(p, PG), 0);
	ck_assert_call(close(fd), 0);
}
END_TEST

/* ---- errors ----------------------------------------------------------------------------- */

static void assert_nothing_mapped(void)
{
	ck_assert_int_eq(evlsim_mapping_count(), 0);
	ck_assert_int_eq(stats().vm_closes, 0);
	ck_assert_int_eq(stats().vm_opens, 0);
}

START_TEST(test_errors)
{
	int rw = open_node(NODE, O_RDWR), ro = open_node(NODE, O_RDONLY);
	int wo = open_node(NODE, O_WRONLY), nm = open_node(NOMMAP, O_RDWR);

	ck_assert_fails(mmap(NULL, PG, PROT_WRITE, MAP_SHARED, ro, 0), EACCES);
	ck_assert_fails(mmap(NULL, PG, PROT_READ, MAP_SHARED, wo, 0), EACCES);
	ck_assert_fails(mmap(NULL, PG, PROT_WRITE, MAP_PRIVATE, wo, 0), EACCES);
	ck_assert_fails(mmap(NULL, PG, PROT_READ, MAP_SHARED, nm, 0), ENODEV);
	ck_assert_fails(mmap(NULL, 0, PROT_READ, MAP_SHARED, rw, 0), EINVAL);
	ck_assert_fails(mmap(NULL, PG, PROT_READ, MAP_SHARED, rw, 100), EINVAL);
	ck_assert_fails(mmap(NULL, PG, PROT_READ, 0, rw, 0), EINVAL);
	ck_assert_fails(mmap(NULL, PG, PROT_READ, MAP_SHARED | MAP_GROWSDOWN, rw, 0), EINVAL);
	ck_assert_fails(mmap(NULL, PG, PROT_READ, MAP_SHARED_VALIDATE | MAP_SYNC, rw, 0),
			EOPNOTSUPP);
	ck_assert_fails(mmap((void *)(0x10001000UL + 1), PG, PROT_READ, MAP_SHARED | MAP_FIXED,
			     rw, 0), EINVAL);
	ck_assert_fails(mmap(NULL, (size_t)-1, PROT_READ, MAP_SHARED, rw, 0), ENOMEM);
	ck_assert_int_eq(stats().mmaps, 0);		/* none reached the driver */

	ck_assert_fails(mmap(NULL, PG, PROT_READ, MAP_SHARED, rw, OFF(TMMAP_FAIL)), EXDEV);
	ck_assert_fails(mmap(NULL, 2 * PG, PROT_READ, MAP_SHARED, rw, OFF(TMMAP_PFN + 3)),
			EINVAL);
	ck_assert_fails(mmap(NULL, PG, PROT_READ, MAP_SHARED, rw, OFF(TMMAP_TAIL)), EINVAL);
	ck_assert_int_eq(stats().mmaps, 3);
	assert_nothing_mapped();

	ck_assert_fails(mmap(NULL, PG, PROT_READ, MAP_SHARED, rw, OFF(TMMAP_KMALLOC)), EINVAL);
	ck_assert_int_eq(evlsim_report_count(EVLSIM_REPORT_DRIVER), 1);
	evlsim_reset_reports();
	assert_nothing_mapped();

	ck_assert_call(close(rw), 0);
	ck_assert_call(close(ro), 0);
	ck_assert_call(close(wo), 0);
	ck_assert_call(close(nm), 0);
	ck_assert_int_eq(stats().releases, 4);
}
END_TEST

/* a failed MAP_FIXED mmap leaves the range free */
START_TEST(test_failure_releases_range)
{
	int fd = open_node(NODE, O_RDWR);
	unsigned char *p = mmap(NULL, BUF, PROT_NONE, MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
	void *q;

	ck_assert_ptr_ne(p, MAP_FAILED);
	ck_assert_fails(mmap(p, BUF, PROT_READ, MAP_SHARED | MAP_FIXED, fd, OFF(TMMAP_FAIL)),
			EXDEV);
	q = mmap(p, BUF, PROT_READ, MAP_PRIVATE | MAP_ANONYMOUS | MAP_FIXED_NOREPLACE, -1, 0);
	ck_assert_ptr_eq(q, p);
	ck_assert_call(munmap(p, BUF), 0);
	ck_assert_fails(mmap(NULL, BUF, PROT_READ, MAP_SHARED, fd, OFF(TMMAP_FAIL)), EXDEV);
	ck_assert_call(close(fd), 0);
}
END_TEST

/* ---- pass-through ---------------------------------------------------------------------- */

START_TEST(test_passthrough)
{
	char path[] = "/tmp/check_mmap.XXXXXX";
	int tfd = mkstemp(path), fd = open_node(NODE, O_RDWR);
	unsigned char *f, *a, *s, *r;

	ck_assert_int_ge(tfd, 0);
	unlink(path);
	ck_assert_call(ftruncate(tfd, PG), 0);
	s = map(fd, PG, PROT_READ, MAP_SHARED, OFF(TMMAP_PFN));	/* munmap takes the slow path */

	f = map(tfd, PG, PROT_READ | PROT_WRITE, MAP_SHARED, 0);
	f[10] = 'x';
	ck_assert_call(pread(tfd, path, 1, 10), 1);
	ck_assert_int_eq(path[0], 'x');
	ck_assert_call(munmap(f, PG), 0);

	a = map(-1, 2 * PG, PROT_READ | PROT_WRITE, MAP_PRIVATE | MAP_ANONYMOUS, 0);
	a[PG] = 7;
	r = mremap(a, 2 * PG, 8 * PG, MREMAP_MAYMOVE);
	ck_assert_ptr_ne(r, MAP_FAILED);
	ck_assert_uint_eq(r[PG], 7);
	ck_assert_call(munmap(r, 8 * PG), 0);
	ck_assert_fails(munmap(s + 1, PG), EINVAL);
	ck_assert_fails(munmap(s, 0), EINVAL);

	ck_assert_int_eq(stats().vm_closes, 0);
	*tmmap_kaddr(TMMAP_PFN, 0) = 0x12;
	ck_assert_uint_eq(s[0], 0x12);
	ck_assert_call(munmap(s, PG), 0);
	ck_assert_int_eq(stats().vm_closes, 1);
	ck_assert_call(close(tfd), 0);
	ck_assert_call(close(fd), 0);
}
END_TEST

/* ---- threads -------------------------------------------------------------------------- */

#define NR_THREADS	4
#define NR_LOOPS	100

static int shared_fd;

static void *mapper(void *arg)
{
	long id = (long)arg;
	int i, region = methods[id % 3];

	for (i = 0; i < NR_LOOPS; i++) {
		unsigned char *p = mmap(NULL, PG, PROT_READ | PROT_WRITE, MAP_SHARED, shared_fd,
					OFF(region + id));

		if (p == MAP_FAILED)
			return (void *)1L;
		p[i] = (unsigned char)(id + i);
		if (*tmmap_kaddr(region, id * PG + i) != (unsigned char)(id + i))
			return (void *)2L;
		if (munmap(p, PG))
			return (void *)3L;
	}
	return NULL;
}

START_TEST(test_threads)
{
	pthread_t t[NR_THREADS];
	void *ret;
	long i;

	shared_fd = open_node(NODE, O_RDWR);
	for (i = 0; i < NR_THREADS; i++)
		ck_assert_int_eq(pthread_create(&t[i], NULL, mapper, (void *)i), 0);
	for (i = 0; i < NR_THREADS; i++) {
		ck_assert_int_eq(pthread_join(t[i], &ret), 0);
		ck_assert_ptr_null(ret);
	}
	ck_assert_int_eq(stats().mmaps, NR_THREADS * NR_LOOPS);
	ck_assert_int_eq(stats().vm_closes, NR_THREADS * NR_LOOPS);
	ck_assert_int_eq(stats().vm_opens, 0);
	for (i = 0; i < TMMAP_PAGES; i++)
		ck_assert_int_eq(tmmap_page_count(TMMAP_INSERT, (int)i), 1);
	ck_assert_call(close(shared_fd), 0);
	ck_assert_int_eq(stats().releases, 1);
}
END_TEST

static Suite *mmap_suite(void)
{
	Suite *s = suite_create("mmap");
	TCase *tc;

	evlsim_check_fixture(NULL, teardown);
	evlsim_check_modules("tmmap");
	tc = tcase("methods");
	tcase_add_loop_test(tc, test_shared_both_ways, 0, 3);
	tcase_add_loop_test(tc, test_offset_within_region, 0, 3);
	tcase_add_loop_test(tc, test_two_mappings, 0, 3);
	tcase_add_loop_test(tc, test_private_cow, 0, 3);
	tcase_add_test(tc, test_private_partial_pfn);
	tcase_add_test(tc, test_shared_readonly);
	suite_add_tcase(s, tc);

	tc = tcase("lifetime");
	tcase_add_test(tc, test_mapping_keeps_file);
	tcase_add_test(tc, test_insert_page_refs);
	tcase_add_test(tc, test_vfree_while_mapped);
	tcase_add_test(tc, test_partial_munmap);
	tcase_add_test(tc, test_munmap_head);
	tcase_add_test(tc, test_map_fixed_over);
	tcase_add_test(tc, test_unpopulated_inaccessible);
	tcase_add_test(tc, test_mremap_refused);
	suite_add_tcase(s, tc);

	tc = tcase("errors");
	tcase_add_test(tc, test_errors);
	tcase_add_test(tc, test_failure_releases_range);
	tcase_add_test(tc, test_passthrough);
	tcase_add_test(tc, test_threads);
	suite_add_tcase(s, tc);

	return s;
}

int main(void)
{
	return evlsim_check_run(mmap_suite());
}
