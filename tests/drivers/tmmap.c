// SPDX-License-Identifier: MIT
/*
 * tmmap: ->mmap through each of remap_pfn_range(), remap_vmalloc_range() and
 * vm_insert_page(), and its failure modes (see tmmap-abi.h). Counters and the buffers are
 * reachable through plain-C functions, usable while the module is loaded.
 */
#include <linux/module.h>
#include <linux/miscdevice.h>
#include <linux/fs.h>
#include <linux/mm.h>
#include <linux/gfp.h>
#include <linux/slab.h>
#include <linux/vmalloc.h>
#include <asm/io.h>
#include "tmmap-abi.h"

struct tmmap_stats {
	long opens, releases, mmaps, vm_opens, vm_closes;
	unsigned long last_flags, last_pgoff;
};

void tmmap_get_stats(struct tmmap_stats *stats);
void tmmap_reset_stats(void);
unsigned char *tmmap_kaddr(int region, unsigned long off);
int tmmap_page_count(int region, int i);
int tmmap_vmalloc_replace(void);

static struct tmmap_stats stats;
static struct page *pfn_block;			/* order 2, not compound */
static void *vbuf;				/* vmalloc_user() */
static struct page *ins_pages[TMMAP_PAGES];	/* order 0 each */
static void *kbuf;				/* kmalloc(): not mappable */

#define BUMP(field)	__atomic_add_fetch(&stats.field, 1, __ATOMIC_RELAXED)

/* in-band, mmap lock held */
static void tmmap_vm_open(struct vm_area_struct *vma)
{
	WARN_ON(vma->vm_private_data != &stats);
	BUMP(vm_opens);
}

/* in-band, mmap lock held */
static void tmmap_vm_close(struct vm_area_struct *vma)
{
	WARN_ON(vma->vm_private_data != &stats);
	BUMP(vm_closes);
}

static int tmmap_vm_may_split(struct vm_area_struct *vma, unsigned long addr)
{
	return 0;
}

static const struct vm_operations_struct tmmap_vm_ops = {
	.open		= tmmap_vm_open,
	.close		= tmmap_vm_close,
	.may_split	= tmmap_vm_may_split,
};

static int map_inserted(struct vm_area_struct *vma, unsigned long first)
{
	unsigned long i, addr = vma->vm_start;
	int ret;

	for (i = first; addr < vma->vm_end; i++, addr += PAGE_SIZE) {
		ret = vm_insert_page(vma, addr, ins_pages[i]);
		if (ret)
			return ret;
	}
	return 0;
}

/* in-band, mmap lock held */
static int tmmap_mmap(struct file *filp, struct vm_area_struct *vma)
{
	unsigned long pages = vma_pages(vma), region, off;
	void *v;
	int ret;

	BUMP(mmaps);
	WRITE_ONCE(stats.last_pgoff, vma->vm_pgoff);
	region = vma->vm_pgoff / 16 * 16;
	off = vma->vm_pgoff - region;
	if (off + pages > TMMAP_PAGES)
		return -EINVAL;
	vma->vm_ops = &tmmap_vm_ops;
	vma->vm_private_data = &stats;

	switch (region) {
	case TMMAP_PFN:
		ret = remap_pfn_range(vma, vma->vm_start, page_to_pfn(pfn_block) + off,
				      pages << PAGE_SHIFT, vma->vm_page_prot);
		break;
	case TMMAP_VMALLOC:
		v = READ_ONCE(vbuf);
		ret = remap_vmalloc_range(vma, v, off);
		break;
	case TMMAP_INSERT:
		ret = map_inserted(vma, off);
		break;
	case TMMAP_FAIL:
		ret = -EXDEV;
		break;
	case TMMAP_KMALLOC:
		ret = remap_pfn_range(vma, vma->vm_start, virt_to_phys(kbuf) >> PAGE_SHIFT,
				      pages << PAGE_SHIFT, vma->vm_page_prot);
		break;
	case TMMAP_PARTIAL:
		ret = remap_pfn_range(vma, vma->vm_start, page_to_pfn(pfn_block), PAGE_SIZE,
				      vma->vm_page_prot);
		break;
	case TMMAP_TAIL:
		ret = vm_insert_page(vma, vma->vm_start, pfn_block + 1);
		break;
	default:
		ret = -EINVAL;
	}
	WRITE_ONCE(stats.last_flags, vma->vm_flags);
	return ret;
}

static int tmmap_open(struct inode *inode, struct file *filp)
{
	BUMP(opens);
	return 0;
}

static int tmmap_release(struct inode *inode, struct file *filp)
{
	BUMP(releases);
	return 0;
}

static const struct file_operations tmmap_fops = {
	.owner		= THIS_MODULE,
	.open		= tmmap_open,
	.release	= tmmap_release,
	.mmap		= tmmap_mmap,
};

static const struct file_operations tmmap_nommap_fops = {
	.owner		= THIS_MODULE,
	.open		= tmmap_open,
	.release	= tmmap_release,
};

static struct miscdevice tmmap_misc[] = {
	{ .minor = MISC_DYNAMIC_MINOR, .name = "tmmap", .fops = &tmmap_fops },
	{ .minor = MISC_DYNAMIC_MINOR, .name = "tmmap-nommap", .fops = &tmmap_nommap_fops },
};

/* ---- plain-C accessors ------------------------------------------------------------ */

void tmmap_get_stats(struct tmmap_stats *s)
{
	s->opens = READ_ONCE(stats.opens);
	s->releases = READ_ONCE(stats.releases);
	s->mmaps = READ_ONCE(stats.mmaps);
	s->vm_opens = READ_ONCE(stats.vm_opens);
	s->vm_closes = READ_ONCE(stats.vm_closes);
	s->last_flags = READ_ONCE(stats.last_flags);
	s->last_pgoff = READ_ONCE(stats.last_pgoff);
}

void tmmap_reset_stats(void)
{
	WRITE_ONCE(stats.opens, 0);
	WRITE_ONCE(stats.releases, 0);
	WRITE_ONCE(stats.mmaps, 0);
	WRITE_ONCE(stats.vm_opens, 0);
	WRITE_ONCE(stats.vm_closes, 0);
	WRITE_ONCE(stats.last_flags, 0);
	WRITE_ONCE(stats.last_pgoff, 0);
}

static struct page *region_page(int region, int i)
{
	switch (region) {
	case TMMAP_PFN:
		return pfn_block + i;
	case TMMAP_VMALLOC:
		return vmalloc_to_page((char *)READ_ONCE(vbuf) + i * PAGE_SIZE);
	case TMMAP_INSERT:
		return ins_pages[i];
	}
	return NULL;
}

unsigned char *tmmap_kaddr(int region, unsigned long off)
{
	if (off >= TMMAP_PAGES * PAGE_SIZE)
		return NULL;
	if (region == TMMAP_VMALLOC)
		return (unsigned char *)READ_ONCE(vbuf) + off;
	return (unsigned char *)page_address(region_page(region, off / PAGE_SIZE)) +
		off % PAGE_SIZE;
}

int tmmap_page_count(int region, int i)
{
	return page_count(region_page(region, i));
}

int tmmap_vmalloc_replace(void)
{
	void *n = vmalloc_user(TMMAP_PAGES * PAGE_SIZE), *old;

	if (!n)
		return -ENOMEM;
	old = xchg(&vbuf, n);
	vfree(old);
	return 0;
}

/* ---- module ----------------------------------------------------------------------- */

static void tmmap_free(void)
{
	int i;

	for (i = 0; i < TMMAP_PAGES; i++)
		if (ins_pages[i])
			__free_page(ins_pages[i]);
	if (pfn_block)
		__free_pages(pfn_block, 2);
	vfree(vbuf);
	kfree(kbuf);
}

static int __init tmmap_init(void)
{
	int ret, i;

	memset(ins_pages, 0, sizeof(ins_pages));
	pfn_block = alloc_pages(GFP_KERNEL | __GFP_ZERO, 2);
	vbuf = vmalloc_user(TMMAP_PAGES * PAGE_SIZE);
	kbuf = kzalloc(TMMAP_PAGES * PAGE_SIZE, GFP_KERNEL);
	for (i = 0; i < TMMAP_PAGES; i++)
		ins_pages[i] = alloc_page(GFP_KERNEL | __GFP_ZERO);
	ret = -ENOMEM;
	if (!pfn_block || !vbuf || !kbuf)
		goto fail;
	for (i = 0; i < TMMAP_PAGES; i++)
		if (!ins_pages[i])
			goto fail;
	tmmap_reset_stats();

	for (i = 0; i < ARRAY_SIZE(tmmap_misc); i++) {
		ret = misc_register(&tmmap_misc[i]);
		if (ret)
			goto fail_misc;
	}
	return 0;

fail_misc:
	while (--i >= 0)
		misc_deregister(&tmmap_misc[i]);
fail:
	tmmap_free();
	return ret;
}
module_init(tmmap_init);

static void __exit tmmap_exit(void)
{
	int i;

	for (i = ARRAY_SIZE(tmmap_misc) - 1; i >= 0; i--)
		misc_deregister(&tmmap_misc[i]);
	tmmap_free();
}
module_exit(tmmap_exit);

MODULE_LICENSE("GPL");
MODULE_DESCRIPTION("evlsim test driver: mmap of page allocator and vmalloc_user() memory");
