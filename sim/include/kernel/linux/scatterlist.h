/* SPDX-License-Identifier: LGPL-2.1-or-later */
/*
 * evlsim shim: a subset of linux v6.12 include/linux/scatterlist.h, stub (custom layout):
 * the entries DMA clients hand to dmaengine_prep_slave_sg() after mapping them. Only the
 * DMA side is modelled: sg_dma_address()/sg_dma_len() of each entry, single tables
 * (no chaining: sg_next() of the last entry is NULL).
 */
#ifndef _EVLSIM_LINUX_SCATTERLIST_H
#define _EVLSIM_LINUX_SCATTERLIST_H

#include <linux/types.h>
#include <linux/string.h>

struct scatterlist {
	unsigned long	page_link;	/* bit 1: the last entry (SG_END) */
	unsigned int	offset;
	unsigned int	length;
	dma_addr_t	dma_address;
	unsigned int	dma_length;
};

#define SG_CHAIN	0x01UL
#define SG_END		0x02UL

#define sg_dma_address(sg)	((sg)->dma_address)
#define sg_dma_len(sg)		((sg)->dma_length)

static inline bool sg_is_last(struct scatterlist *sg)
{
	return sg->page_link & SG_END;
}

static inline void sg_mark_end(struct scatterlist *sg)
{
	sg->page_link |= SG_END;
}

static inline void sg_init_table(struct scatterlist *sgl, unsigned int nents)
{
	memset(sgl, 0, sizeof(*sgl) * nents);
	sg_mark_end(&sgl[nents - 1]);
}

static inline struct scatterlist *sg_next(struct scatterlist *sg)
{
	return sg_is_last(sg) ? NULL : sg + 1;
}

#define for_each_sg(sglist, sg, nr, __i)	\
	for (__i = 0, sg = (sglist); __i < (nr); __i++, sg = sg_next(sg))

#endif
