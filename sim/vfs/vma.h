/* SPDX-License-Identifier: LGPL-2.1-or-later */
/*
 * The simulated vmas (kernel world): what mmap(2) and munmap(2) (vfs/mmap.c) keep of a
 * mapping, and what the helpers ->mmap calls (vfs/memory.c) populate.
 */
#ifndef _EVLSIM_SIM_VFS_VMA_H
#define _EVLSIM_SIM_VFS_VMA_H

#include <linux/mm.h>
#include <linux/fs.h>
#include <linux/list.h>
#include "kinternal.h"

/* a populated page of a vma: mapped by page frame (no reference held) */
#define SLOT_PFN		((struct page *)1UL)

struct sim_vma {
	struct vm_area_struct vma;
	struct list_head link;		/* in vmas, or on a list of vmas being torn down */
	struct page **slots;		/* per page: NULL, SLOT_PFN or an inserted page */
};

static inline struct sim_vma *to_sim(struct vm_area_struct *vma)
{
	return container_of(vma, struct sim_vma, vma);
}

static inline const char *vma_driver(const struct vm_area_struct *vma)
{
	return module_name(vma->vm_file->f_op->owner);
}

/* Maps @nr arena pages from @pfn at @addr, with the vma's access rights. */
static inline int map_frames(struct sim_vma *s, unsigned long addr, unsigned long pfn,
		      unsigned long nr)
{
	vm_flags_t f = s->vma.vm_flags;
	int prot = (f & VM_READ ? EVLSIM_PROT_READ : 0) | (f & VM_WRITE ? EVLSIM_PROT_WRITE : 0) |
		   (f & VM_EXEC ? EVLSIM_PROT_EXEC : 0);

	return evlsim__pages_map(addr, pfn, nr, prot, !!(f & VM_MAYSHARE));
}

#endif /* _EVLSIM_SIM_VFS_VMA_H */
