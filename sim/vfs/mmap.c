// SPDX-License-Identifier: LGPL-2.1-or-later
/*
 * Memory mappings of simulated files (kernel world): mmap(2) and munmap(2) as
 * mm/mmap.c and mm/vma.c do them for a file. The driver-side helpers that populate a
 * mapping are in vfs/memory.c.
 *
 * A mapping is an address range of our own process. The user world first reserves it
 * (PROT_NONE, anonymous); the driver's ->mmap then maps page arena pages over parts of
 * it (MAP_FIXED views of the arena memfd, MAP_SHARED, or MAP_PRIVATE for a copy-on-write
 * mapping), so that the user's stores reach the driver's pages and the reverse. What
 * ->mmap leaves unpopulated stays PROT_NONE: no fault handler is ever called.
 *
 * The simulated vmas are kept in one list sorted by address under one mutex, the
 * process's mmap_lock: ->mmap, ->open, ->close and ->may_split run with it held, as in
 * the kernel. A vma holds a reference on its file, dropped after ->close, out of the
 * lock: the last one runs ->release then, as the kernel's deferred fput does.
 */
#include <linux/mm.h>
#include <linux/vmalloc.h>
#include <linux/fs.h>
#include <linux/file.h>
#include <linux/list.h>
#include <linux/overflow.h>
#include <asm/io.h>
#include "kinternal.h"
#include "vfs/vma.h"

/* include/uapi/asm-generic/mman-common.h and mman.h, x86_64 values */
#define PROT_READ		0x1
#define PROT_WRITE		0x2
#define PROT_EXEC		0x4
#define MAP_SHARED		0x01
#define MAP_PRIVATE		0x02
#define MAP_SHARED_VALIDATE	0x03
#define MAP_TYPE		0x0f
#define MAP_FIXED		0x10
#define MAP_ANONYMOUS		0x20
#define MAP_GROWSDOWN		0x0100
#define MAP_DENYWRITE		0x0800
#define MAP_EXECUTABLE		0x1000
#define MAP_LOCKED		0x2000
#define MAP_NORESERVE		0x4000
#define MAP_POPULATE		0x8000
#define MAP_NONBLOCK		0x10000
#define MAP_STACK		0x20000
#define MAP_HUGETLB		0x40000
#define MAP_SYNC		0x80000
#define MAP_FIXED_NOREPLACE	0x100000
#define MAP_UNINITIALIZED	0x4000000

#define LEGACY_MAP_MASK (MAP_SHARED | MAP_PRIVATE | MAP_FIXED | MAP_ANONYMOUS |	\
			 MAP_DENYWRITE | MAP_EXECUTABLE | MAP_UNINITIALIZED |	\
			 MAP_GROWSDOWN | MAP_LOCKED | MAP_NORESERVE | MAP_POPULATE | \
			 MAP_NONBLOCK | MAP_STACK | MAP_HUGETLB)

static LIST_HEAD(vmas);
static struct evlsim_mutex mmap_lock = EVLSIM_MUTEX_INITIALIZER;
int evlsim__nr_sim_vmas;

EVLSIM_EXPORT int evlsim_mapping_count(void)
{
	return __atomic_load_n(&evlsim__nr_sim_vmas, __ATOMIC_RELAXED);
}

static struct sim_vma *alloc_sim_vma(unsigned long pages)
{
	struct sim_vma *s = evlsim__zalloc(sizeof(*s));

	s->slots = evlsim__zalloc(pages * sizeof(*s->slots));
	INIT_LIST_HEAD(&s->link);
	return s;
}

static void free_sim_vma(struct sim_vma *s)
{
	evlsim__free(s->slots);
	evlsim__free(s);
}

/* Drops the references of the pages inserted in @s (zap_page_range()). */
static void zap_slots(struct sim_vma *s)
{
	unsigned long i;

	for (i = 0; i < vma_pages(&s->vma); i++) {
		if (s->slots[i] && s->slots[i] != SLOT_PFN)
			put_page(s->slots[i]);
		s->slots[i] = NULL;
	}
}

/* ---- the vma list -------------------------------------------------------------------- */

static void insert_vma(struct sim_vma *s)
{
	struct sim_vma *pos;

	list_for_each_entry(pos, &vmas, link) {
		if (pos->vma.vm_start > s->vma.vm_start)
			break;
	}
	list_add_tail(&s->link, &pos->link);
	__atomic_add_fetch(&evlsim__nr_sim_vmas, 1, __ATOMIC_RELAXED);
}

static bool overlaps(const struct sim_vma *s, unsigned long start, unsigned long end)
{
	return s->vma.vm_start < end && s->vma.vm_end > start;
}

/*
 * __split_vma(): @s becomes the part above @addr (@new_below) or below it, the new vma
 * the other part, with its own file reference, opened by ->open.
 */
static void split_vma(struct sim_vma *s, unsigned long addr, bool new_below)
{
	unsigned long below = (addr - s->vma.vm_start) >> PAGE_SHIFT;
	unsigned long above = vma_pages(&s->vma) - below;
	struct sim_vma *n = alloc_sim_vma(new_below ? below : above);
	struct page **slots = s->slots;

	memcpy(&n->vma, &s->vma, sizeof(n->vma));
	if (new_below) {
		n->vma.vm_end = addr;
		memcpy(n->slots, slots, below * sizeof(*slots));
		s->slots = evlsim__zalloc(above * sizeof(*slots));
		memcpy(s->slots, slots + below, above * sizeof(*slots));
		s->vma.vm_start = addr;
		s->vma.vm_pgoff += below;
		list_add_tail(&n->link, &s->link);
	} else {
		n->vma.vm_start = addr;
		n->vma.vm_pgoff += below;
		memcpy(n->slots, slots + below, above * sizeof(*slots));
		s->slots = evlsim__zalloc(below * sizeof(*slots));
		memcpy(s->slots, slots, below * sizeof(*slots));
		s->vma.vm_end = addr;
		list_add(&n->link, &s->link);
	}
	evlsim__free(slots);
	__atomic_add_fetch(&evlsim__nr_sim_vmas, 1, __ATOMIC_RELAXED);
	get_file(n->vma.vm_file);
	if (n->vma.vm_ops && n->vma.vm_ops->open)
		n->vma.vm_ops->open(&n->vma);
}

static int may_split(struct sim_vma *s, unsigned long addr)
{
	if (s->vma.vm_ops && s->vma.vm_ops->may_split)
		return s->vma.vm_ops->may_split(&s->vma, addr);
	return 0;
}

/*
 * Takes the simulated vmas in [@start, @end) out of the list, onto @dead, splitting those
 * that straddle a boundary. Nothing changes when a split is refused. Called under
 * mmap_lock.
 */
static int detach_range(unsigned long start, unsigned long end, struct list_head *dead)
{
	struct sim_vma *s, *tmp;
	int ret;

	list_for_each_entry(s, &vmas, link) {
		if (!overlaps(s, start, end))
			continue;
		if (start > s->vma.vm_start && (ret = may_split(s, start)))
			return ret;
		if (end < s->vma.vm_end && (ret = may_split(s, end)))
			return ret;
	}
	list_for_each_entry_safe(s, tmp, &vmas, link) {
		if (!overlaps(s, start, end))
			continue;
		if (start > s->vma.vm_start)
			split_vma(s, start, true);
		if (end < s->vma.vm_end)
			split_vma(s, end, false);
		list_move_tail(&s->link, dead);
		__atomic_sub_fetch(&evlsim__nr_sim_vmas, 1, __ATOMIC_RELAXED);
	}
	return 0;
}

/* remove_vma() for detached vmas whose pages are unmapped: ->close. Under mmap_lock. */
static void close_vmas(struct list_head *dead)
{
	struct sim_vma *s;

	list_for_each_entry(s, dead, link) {
		zap_slots(s);
		if (s->vma.vm_ops && s->vma.vm_ops->close)
			s->vma.vm_ops->close(&s->vma);
	}
}

/* ... then, out of the lock, the file references: the last one releases the file. */
static void free_vmas(struct list_head *dead)
{
	struct sim_vma *s, *tmp;

	list_for_each_entry_safe(s, tmp, dead, link) {
		list_del(&s->link);
		fput(s->vma.vm_file);
		free_sim_vma(s);
	}
}

/* ---- mmap(2), munmap(2) ------------------------------------------------------------- */

static vm_flags_t calc_vm_bits(int prot, int flags)
{
	return (prot & PROT_READ ? VM_READ : 0) | (prot & PROT_WRITE ? VM_WRITE : 0) |
	       (prot & PROT_EXEC ? VM_EXEC : 0) | (flags & MAP_GROWSDOWN ? VM_GROWSDOWN : 0) |
	       (flags & MAP_LOCKED ? VM_LOCKED : 0) | (flags & MAP_SYNC ? VM_SYNC : 0);
}

/* file_mmap_ok() for a character device: ULONG_MAX bytes of offsets */
static bool file_mmap_ok(unsigned long pgoff, unsigned long len)
{
	unsigned long maxsize = ULONG_MAX - len;

	return pgoff <= maxsize >> PAGE_SHIFT;
}

static bool fault_hooks(const struct vm_operations_struct *ops)
{
	return ops && (ops->fault || ops->huge_fault || ops->map_pages || ops->page_mkwrite ||
		       ops->pfn_mkwrite);
}

/* mmap_region() for a file; @reserve_flags place the range (MAP_FIXED...). */
static long mmap_region(struct file *file, unsigned long addr, unsigned long len,
			vm_flags_t vm_flags, unsigned long pgoff, int reserve_flags)
{
	LIST_HEAD(dead);
	struct sim_vma *s;
	unsigned long i;
	long start;
	int ret;

	evlsim__mutex_lock(&mmap_lock);
	if ((reserve_flags & (MAP_FIXED | MAP_FIXED_NOREPLACE)) == MAP_FIXED) {
		/* the mappings replaced are unmapped and closed before ->mmap */
		ret = detach_range(addr, addr + len, &dead);
		if (ret) {
			start = ret;
			goto out;
		}
	}
	start = evlsim__vm_reserve(addr, len, reserve_flags);
	if (start < 0 && !list_empty(&dead))
		evlsim__vm_release(addr, len);	/* the replaced mappings are gone anyway */
	close_vmas(&dead);
	if (start < 0)
		goto out;

	s = alloc_sim_vma(len >> PAGE_SHIFT);
	s->vma.vm_start = start;
	s->vma.vm_end = start + len;
	s->vma.vm_pgoff = pgoff;
	vm_flags_init(&s->vma, vm_flags);
	s->vma.vm_page_prot = vm_get_page_prot(vm_flags);
	s->vma.vm_file = get_file(file);

	ret = EVLSIM_SCHED_HANDLER(file->f_op->mmap(file, &s->vma));
	evlsim__check_handler_return("mmap", file->f_op->mmap);
	if (ret > 0) {
		evlsim__report(EVLSIM_REPORT_DRIVER, "bad-return",
			       "%s: mmap() returned %d, which is neither 0 nor an errno",
			       module_name(file->f_op->owner), ret);
		ret = -EINVAL;
	}
	if (ret) {
		/* undo what the driver populated; ->close is not called (v6.12) */
		zap_slots(s);
		evlsim__vm_release(start, len);
		list_add(&s->link, &dead);
		start = ret;
		goto out;
	}
	if (WARN(s->vma.vm_start != (unsigned long)start || s->vma.vm_end != start + len,
		 "%s: ->mmap changed the vma's addresses", module_name(file->f_op->owner))) {
		s->vma.vm_start = start;
		s->vma.vm_end = start + len;
	}
	if (fault_hooks(s->vma.vm_ops)) {
		for (i = 0; i < len >> PAGE_SHIFT && s->slots[i]; i++)
			;
		if (i < len >> PAGE_SHIFT)
			evlsim__report(EVLSIM_REPORT_NOTICE, "mmap-fault",
				       "%s: vm_operations fault handlers are not simulated: the pages ->mmap left unpopulated stay inaccessible",
				       module_name(file->f_op->owner));
	}
	insert_vma(s);
out:
	evlsim__mutex_unlock(&mmap_lock);
	free_vmas(&dead);
	return start;
}

/* do_mmap() for a file (the simulated files are character devices). */
static long do_mmap(struct file *file, unsigned long addr, unsigned long len, int prot,
		    int flags, unsigned long pgoff)
{
	int reserve_flags = flags & (MAP_FIXED | MAP_FIXED_NOREPLACE | 0x40 /* MAP_32BIT */);
	vm_flags_t vm_flags;

	if (!len)
		return -EINVAL;
	if (flags & MAP_FIXED_NOREPLACE)
		flags |= MAP_FIXED;
	len = PAGE_ALIGN(len);
	if (!len)
		return -ENOMEM;
	if (pgoff + (len >> PAGE_SHIFT) < pgoff)
		return -EOVERFLOW;
	/* __get_unmapped_area() */
	if (len > TASK_SIZE)
		return -ENOMEM;
	if (flags & MAP_FIXED) {
		if (addr > TASK_SIZE - len)
			return -ENOMEM;
		if (offset_in_page(addr))
			return -EINVAL;
	}

	vm_flags = calc_vm_bits(prot, flags) | VM_MAYREAD | VM_MAYWRITE | VM_MAYEXEC;
	if (!file_mmap_ok(pgoff, len))
		return -EOVERFLOW;
	switch (flags & MAP_TYPE) {
	case MAP_SHARED:
		flags &= LEGACY_MAP_MASK;
		fallthrough;
	case MAP_SHARED_VALIDATE:
		if (flags & ~LEGACY_MAP_MASK)
			return -EOPNOTSUPP;
		if ((prot & PROT_WRITE) && !(file->f_mode & FMODE_WRITE))
			return -EACCES;
		vm_flags |= VM_SHARED | VM_MAYSHARE;
		if (!(file->f_mode & FMODE_WRITE))
			vm_flags &= ~(VM_MAYWRITE | VM_SHARED);
		fallthrough;
	case MAP_PRIVATE:
		if (!(file->f_mode & FMODE_READ))
			return -EACCES;
		if (!file->f_op->mmap)
			return -ENODEV;
		if (vm_flags & (VM_GROWSDOWN | VM_GROWSUP))
			return -EINVAL;
		break;
	default:
		return -EINVAL;
	}
	if (flags & MAP_NORESERVE)
		vm_flags |= VM_NORESERVE;

	return mmap_region(file, addr, len, vm_flags, pgoff, reserve_flags);
}

/**
 * evlsim__sys_mmap - mmap(2) of a simulated file
 * Return: the address, or -errno: EBADF, EACCES (PROT_WRITE and MAP_SHARED on a file not
 * open for writing, any mapping of a file not open for reading), ENODEV (no ->mmap),
 * EINVAL (length 0, unaligned offset or MAP_FIXED address, no or bad mapping type,
 * MAP_GROWSDOWN, MAP_HUGETLB), EOPNOTSUPP (unknown flag with MAP_SHARED_VALIDATE),
 * ENOMEM, EOVERFLOW, EEXIST (MAP_FIXED_NOREPLACE), or the error ->mmap returned.
 */
long evlsim__sys_mmap(unsigned long addr, unsigned long len, int prot, int flags, int fd,
		      unsigned long off)
{
	struct file *file;
	long ret;

	evlsim__inband_syscall_enter();

	if (off & ~PAGE_MASK)
		return -EINVAL;
	file = fget(fd);
	if (!file)
		return -EBADF;
	ret = -EINVAL;
	if (!(flags & MAP_HUGETLB))
		ret = do_mmap(file, addr, len, prot, flags, off >> PAGE_SHIFT);
	fput(file);

	return ret;
}

/**
 * evlsim__sys_munmap - munmap(2) when simulated mappings exist
 * @release: also unmap the range for real (not when a MAP_FIXED mapping replaces it)
 *
 * The simulated vmas in the range are split where the range cuts them (->open on the
 * new parts), unmapped, then closed (->close) and their file references dropped.
 * Return: 0, -EINVAL (unaligned address, length 0, range beyond the user address space),
 * or the error ->may_split returned (nothing is unmapped then).
 */
long evlsim__sys_munmap(unsigned long start, unsigned long len, int release)
{
	LIST_HEAD(dead);
	unsigned long end;
	long ret;

	evlsim__inband_syscall_enter();

	if (offset_in_page(start) || start > TASK_SIZE || len > TASK_SIZE - start)
		return -EINVAL;
	end = start + PAGE_ALIGN(len);
	if (end == start)
		return -EINVAL;

	evlsim__mutex_lock(&mmap_lock);
	ret = detach_range(start, end, &dead);
	if (!ret && release)
		ret = evlsim__vm_release(start, end - start);
	close_vmas(&dead);
	evlsim__mutex_unlock(&mmap_lock);
	free_vmas(&dead);

	return ret;
}

/** evlsim__sim_vma_overlaps - 1 if a simulated mapping overlaps [@addr, @addr + @len) */
int evlsim__sim_vma_overlaps(unsigned long addr, unsigned long len)
{
	unsigned long end = addr + PAGE_ALIGN(len);
	struct sim_vma *s;
	int ret = 0;

	if (end < addr)
		end = ULONG_MAX;
	evlsim__mutex_lock(&mmap_lock);
	list_for_each_entry(s, &vmas, link) {
		if (overlaps(s, addr & PAGE_MASK, end)) {
			ret = 1;
			break;
		}
	}
	evlsim__mutex_unlock(&mmap_lock);
	return ret;
}
