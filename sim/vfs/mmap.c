// SPDX-License-Identifier: LGPL-2.1-or-later
/*
 * Memory mappings of simulated files (kernel world): mmap(2) and munmap(2) as
 * mm/mmap.c and mm/vma.c do them for a file, and the driver-side helpers that populate a
 * mapping (mm/memory.c: remap_pfn_range(), vm_insert_page(), vm_iomap_memory();
 * mm/vmalloc.c: remap_vmalloc_range()).
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

/* a populated page of a vma: mapped by page frame (no reference held) */
#define SLOT_PFN		((struct page *)1UL)

struct sim_vma {
	struct vm_area_struct vma;
	struct list_head link;		/* in vmas, or on a list of vmas being torn down */
	struct page **slots;		/* per page: NULL, SLOT_PFN or an inserted page */
};

static LIST_HEAD(vmas);
static struct evlsim_mutex mmap_lock = EVLSIM_MUTEX_INITIALIZER;
int evlsim__nr_sim_vmas;

static inline struct sim_vma *to_sim(struct vm_area_struct *vma)
{
	return container_of(vma, struct sim_vma, vma);
}

static const char *vma_driver(const struct vm_area_struct *vma)
{
	return module_name(vma->vm_file->f_op->owner);
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

/* Maps @nr arena pages from @pfn at @addr, with the vma's access rights. */
static int map_frames(struct sim_vma *s, unsigned long addr, unsigned long pfn,
		      unsigned long nr)
{
	vm_flags_t f = s->vma.vm_flags;
	int prot = (f & VM_READ ? EVLSIM_PROT_READ : 0) | (f & VM_WRITE ? EVLSIM_PROT_WRITE : 0) |
		   (f & VM_EXEC ? EVLSIM_PROT_EXEC : 0);

	return evlsim__pages_map(addr, pfn, nr, prot, !!(f & VM_MAYSHARE));
}

/* ---- what ->mmap calls ---------------------------------------------------------------- */

/**
 * remap_pfn_range - map page frames into a user vma
 * @vma: the vma being set up by ->mmap
 * @addr: first user address, page-aligned
 * @pfn: first page frame; it must be page allocator memory in the simulator
 * @size: bytes, rounded up to pages
 * @prot: carried, not interpreted: the vma's VM_READ/VM_WRITE/VM_EXEC give the access
 *
 * Return: 0, or -EINVAL (unaligned @addr, a copy-on-write vma not mapped whole, a range
 * outside the vma, page frames that are not page allocator memory), or -ENOMEM.
 */
int remap_pfn_range(struct vm_area_struct *vma, unsigned long addr, unsigned long pfn,
		    unsigned long size, pgprot_t prot)
{
	evlsim__check_service(EVLSIM_SVC_remap_pfn_range);
	struct sim_vma *s = to_sim(vma);
	unsigned long end = addr + PAGE_ALIGN(size), nr, first, i;
	int ret;

	if (WARN_ON_ONCE(!PAGE_ALIGNED(addr)))
		return -EINVAL;
	if (is_cow_mapping(vma->vm_flags)) {
		if (addr != vma->vm_start || end != vma->vm_end)
			return -EINVAL;
		vma->vm_pgoff = pfn;
	}
	vm_flags_set(vma, VM_IO | VM_PFNMAP | VM_DONTEXPAND | VM_DONTDUMP);
	BUG_ON(addr >= end);
	if (WARN(addr < vma->vm_start || end > vma->vm_end,
		 "remap_pfn_range: [%#lx, %#lx) is outside the vma [%#lx, %#lx)",
		 addr, end, vma->vm_start, vma->vm_end))
		return -EINVAL;
	nr = (end - addr) >> PAGE_SHIFT;
	if (!pfn_valid(pfn) || pfn + nr < pfn || !pfn_valid(pfn + nr - 1)) {
		evlsim__report(EVLSIM_REPORT_DRIVER, "mmap-unmappable-memory",
			       "%s: remap_pfn_range() of page frames %#lx..%#lx, which are not page allocator memory: kmalloc(), vmalloc() and static memory cannot be mapped in the simulator (use alloc_pages(), __get_free_pages() or vmalloc_user())",
			       vma_driver(vma), pfn, pfn + nr - 1);
		return -EINVAL;
	}
	first = (addr - vma->vm_start) >> PAGE_SHIFT;
	for (i = 0; i < nr; i++)
		BUG_ON(s->slots[first + i]);	/* remap_pte_range(): !pte_none() */
	ret = map_frames(s, addr, pfn, nr);
	if (ret)
		return ret;
	for (i = 0; i < nr; i++)
		s->slots[first + i] = SLOT_PFN;
	return 0;
}

/**
 * vm_insert_page - insert one page allocator page into a user vma
 *
 * Takes a reference on @page, dropped when the page is unmapped.
 * Return: 0, -EFAULT (@addr outside the vma), -EINVAL (a page without reference: free,
 * or a tail page of a block that is neither compound nor split), -EBUSY (already mapped).
 */
int vm_insert_page(struct vm_area_struct *vma, unsigned long addr, struct page *page)
{
	struct sim_vma *s = to_sim(vma);
	unsigned long i;
	int ret;

	if (addr < vma->vm_start || addr >= vma->vm_end)
		return -EFAULT;
	if (!(vma->vm_flags & VM_MIXEDMAP)) {
		BUG_ON(vma->vm_flags & VM_PFNMAP);
		vm_flags_set(vma, VM_MIXEDMAP);
	}
	if (!page || !pfn_valid(page_to_pfn(page)))
		return -EINVAL;		/* reported by page_to_pfn() */
	if (!page_count(page))
		return -EINVAL;
	i = (addr - vma->vm_start) >> PAGE_SHIFT;
	if (s->slots[i])
		return -EBUSY;
	ret = map_frames(s, addr & PAGE_MASK, page_to_pfn(page), 1);
	if (ret)
		return ret;
	get_page(page);
	s->slots[i] = page;
	return 0;
}

/**
 * vm_iomap_memory - remap "physical" memory into a user vma, honouring vm_pgoff
 * Return: as remap_pfn_range(), or -EINVAL when the vma does not fit the range.
 */
int vm_iomap_memory(struct vm_area_struct *vma, phys_addr_t start, unsigned long len)
{
	unsigned long vm_len, pfn, pages;

	if (start + len < start)
		return -EINVAL;
	len += start & ~PAGE_MASK;
	pfn = start >> PAGE_SHIFT;
	pages = (len + ~PAGE_MASK) >> PAGE_SHIFT;
	if (pfn + pages < pfn)
		return -EINVAL;
	if (vma->vm_pgoff > pages)
		return -EINVAL;
	pfn += vma->vm_pgoff;
	pages -= vma->vm_pgoff;
	vm_len = vma->vm_end - vma->vm_start;
	if (vm_len >> PAGE_SHIFT > pages)
		return -EINVAL;
	return io_remap_pfn_range(vma, vma->vm_start, pfn, vm_len, vma->vm_page_prot);
}

/**
 * remap_vmalloc_range_partial - map part of a vmalloc_user() area into a user vma
 * Return: 0, -EINVAL (not a vmalloc_user() area, unaligned addresses, range past the
 * area), or vm_insert_page()'s error.
 */
int remap_vmalloc_range_partial(struct vm_area_struct *vma, unsigned long uaddr, void *kaddr,
				unsigned long pgoff, unsigned long size)
{
	struct vm_struct *area;
	unsigned long off, end_index;
	char *k = kaddr;

	if (pgoff > (ULONG_MAX >> PAGE_SHIFT))	/* check_shl_overflow() */
		return -EINVAL;
	off = pgoff << PAGE_SHIFT;
	size = PAGE_ALIGN(size);
	if (!PAGE_ALIGNED(uaddr) || !PAGE_ALIGNED(kaddr))
		return -EINVAL;
	area = evlsim__find_vm_area(kaddr);
	if (!area)
		return -EINVAL;
	if (!(area->flags & EVLSIM_VM_USERMAP))
		return -EINVAL;
	if (check_add_overflow(size, off, &end_index) || end_index > area->size)
		return -EINVAL;
	k += off;
	do {
		int ret = vm_insert_page(vma, uaddr, vmalloc_to_page(k));

		if (ret)
			return ret;
		uaddr += PAGE_SIZE;
		k += PAGE_SIZE;
		size -= PAGE_SIZE;
	} while (size > 0);
	vm_flags_set(vma, VM_DONTEXPAND | VM_DONTDUMP);
	return 0;
}

/**
 * remap_vmalloc_range - map a vmalloc_user() area into a whole user vma
 * @pgoff: first page of the area to map
 */
int remap_vmalloc_range(struct vm_area_struct *vma, void *addr, unsigned long pgoff)
{
	return remap_vmalloc_range_partial(vma, vma->vm_start, addr, pgoff,
					   vma->vm_end - vma->vm_start);
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

	ret = file->f_op->mmap(file, &s->vma);
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
