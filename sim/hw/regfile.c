// SPDX-License-Identifier: LGPL-2.1-or-later
/*
 * Register files (user world): blocks whose registers a test declares with their bit
 * semantics (<evlsim/hw.h>, docs/api/hw-mmio.md), so that simple devices need no code.
 *
 * Each register has one width, the only one that may access it; a byte index maps every
 * offset of the block to its register, so a driver access costs one load to find it.
 * Values and FIFOs are guarded by the block's lock word; hooks run after it is dropped,
 * so that a device model may poke registers or raise an interrupt from them.
 *
 * Driver write of @v to a register holding @old:
 *   plain bits     take @v
 *   ro bits        keep @old
 *   w1c bits       are cleared where @v has a 1, kept elsewhere
 *   sc bits        take @v for the write hook, then read back 0
 * Driver read: returns the value, then clears the rc bits. WO registers read 0. FIFO
 * registers pop on read (empty: the reset value) and push on write (full: dropped).
 */
#include <errno.h>
#include <stdio.h>
#include <string.h>
#include "mmio-block.h"

#define REGFILE_MAX	(1UL << 20)
#define FIFO_DEFAULT	64

static struct reg *reg_at(struct evlsim_mmio *m, unsigned long off)
{
	unsigned int i;

	if (off >= m->size)
		return NULL;
	i = m->index[off];
	return i ? &m->regs[i - 1] : NULL;
}

static const char *reg_name(const struct reg *r, char *buf, size_t len)
{
	if (r->d.name)
		return r->d.name;
	snprintf(buf, len, "reg+%#lx", r->d.off);
	return buf;
}

/* The register the access at @off of @width bytes targets, or NULL after a bus error. */
static struct reg *target(struct evlsim_mmio *m, const volatile void *addr, unsigned long off,
			  unsigned int width, int write, const void *site)
{
	struct reg *r = reg_at(m, off);

	if (evlsim_unlikely(!r)) {
		evlsim__mmio_bus_error(m, addr, off, width, write, site, "no register there");
		return NULL;
	}
	if (evlsim_unlikely(r->d.off != off || r->d.width != width)) {
		char what[160], nb[32];

		snprintf(what, sizeof(what), "wrong width: %s is a %u-byte register at +%#lx",
			 reg_name(r, nb, sizeof(nb)), r->d.width, r->d.off);
		evlsim__mmio_bus_error(m, addr, off, width, write, site, what);
		return NULL;
	}
	return r;
}

unsigned long long evlsim__regfile_read(struct evlsim_mmio *m, const volatile void *addr,
					unsigned long off, unsigned int width, const void *site)
{
	struct reg *r = target(m, addr, off, width, 0, site);
	unsigned long long v;

	if (evlsim_unlikely(!r))
		return evlsim__width_mask(width);
	__atomic_add_fetch(&m->reads, 1, __ATOMIC_RELAXED);
	evlsim__lockword_lock(&m->lock);
	if (r->d.flags & EVLSIM_REG_FIFO) {
		if (r->count) {
			v = r->fifo[r->head];
			r->head = (r->head + 1) % r->d.fifo_depth;
			r->count--;
		} else {
			v = r->d.reset;
		}
	} else if (r->d.flags & EVLSIM_REG_WO) {
		v = 0;
	} else {
		v = r->val;
		r->val &= ~r->d.rc;
	}
	evlsim__lockword_unlock(&m->lock);
	if (r->hooks.read)
		r->hooks.read(r->hctx, m, off, v);
	return v;
}

void evlsim__regfile_write(struct evlsim_mmio *m, volatile void *addr, unsigned long off,
			   unsigned int width, unsigned long long val, const void *site)
{
	struct reg *r = target(m, addr, off, width, 1, site);
	unsigned long long old, new;

	if (evlsim_unlikely(!r))
		return;
	__atomic_add_fetch(&m->writes, 1, __ATOMIC_RELAXED);
	evlsim__lockword_lock(&m->lock);
	old = r->val;
	if (r->d.flags & EVLSIM_REG_FIFO) {
		if (r->count < r->d.fifo_depth) {
			r->fifo[(r->head + r->count) % r->d.fifo_depth] = val;
			r->count++;
		}
	} else {
		new = (old & r->d.ro) | (val & ~r->d.ro);
		new = (new & ~r->d.w1c) | (old & r->d.w1c & ~val);
		new &= ~r->d.sc;
		r->val = new & evlsim__width_mask(width);
	}
	evlsim__lockword_unlock(&m->lock);
	if (r->hooks.write)
		r->hooks.write(r->hctx, m, off, old, val);
}

static int valid_width(unsigned int w)
{
	return w == 1 || w == 2 || w == 4 || w == 8;
}

EVLSIM_EXPORT int evlsim_regfile_create(const char *name, unsigned long long base,
					unsigned long size, const struct evlsim_reg *regs,
					unsigned int nregs, struct evlsim_mmio **mmio)
{
	struct evlsim_mmio *m;
	unsigned int i, b;
	int ret = -EINVAL;

	if (!name || !size || size > REGFILE_MAX || !regs || !nregs || nregs >= 0xffff ||
	    !mmio || base + size < base)
		return -EINVAL;
	m = evlsim__zalloc(sizeof(*m));
	m->name = evlsim__strdup(name);
	m->base = base;
	m->size = size;
	m->regfile = 1;
	m->nregs = nregs;
	m->regs = evlsim__zalloc(nregs * sizeof(*m->regs));
	m->index = evlsim__zalloc(size * sizeof(*m->index));
	for (i = 0; i < nregs; i++) {
		struct reg *r = &m->regs[i];

		r->d = regs[i];
		if (!valid_width(r->d.width) || (r->d.off & (r->d.width - 1)) ||
		    r->d.off + r->d.width > size)
			goto fail;
		for (b = 0; b < r->d.width; b++) {
			if (m->index[r->d.off + b])
				goto fail;
			m->index[r->d.off + b] = (unsigned short)(i + 1);
		}
		if (r->d.name)
			r->d.name = evlsim__strdup(r->d.name);
		r->d.reset &= evlsim__width_mask(r->d.width);
		r->val = r->d.reset;
		if (r->d.flags & EVLSIM_REG_FIFO) {
			if (!r->d.fifo_depth)
				r->d.fifo_depth = FIFO_DEFAULT;
			r->fifo = evlsim__zalloc(r->d.fifo_depth * sizeof(*r->fifo));
		}
	}
	evlsim__mmio_blocks_lock();
	ret = evlsim__mmio_check_overlap(base, size);
	if (!ret) {
		m->next = evlsim__mmio_blocks;
		evlsim__mmio_blocks = m;
	}
	evlsim__mmio_blocks_unlock();
	if (!ret) {
		*mmio = m;
		return 0;
	}
fail:
	for (i = 0; i < nregs; i++) {
		if (m->index && m->regs[i].d.name && m->regs[i].d.name != regs[i].name)
			evlsim__free((void *)m->regs[i].d.name);
		evlsim__free(m->regs[i].fifo);
	}
	evlsim__free(m->index);
	evlsim__free(m->regs);
	evlsim__free(m->name);
	evlsim__free(m);
	return ret;
}

EVLSIM_EXPORT int evlsim_regfile_hook(struct evlsim_mmio *m, unsigned long off,
				      const struct evlsim_reg_hooks *hooks, void *ctx)
{
	struct reg *r;

	if (!m || !m->regfile || !hooks)
		return -EINVAL;
	r = reg_at(m, off);
	if (!r || r->d.off != off)
		return -ENOENT;
	evlsim__lockword_lock(&m->lock);
	r->hctx = ctx;
	r->hooks = *hooks;
	evlsim__lockword_unlock(&m->lock);
	return 0;
}

EVLSIM_EXPORT void evlsim_regfile_reset(struct evlsim_mmio *m)
{
	unsigned int i;

	if (!m || !m->regfile)
		return;
	evlsim__lockword_lock(&m->lock);
	for (i = 0; i < m->nregs; i++) {
		m->regs[i].val = m->regs[i].d.reset;
		m->regs[i].head = m->regs[i].count = 0;
	}
	evlsim__lockword_unlock(&m->lock);
}

/* the register at @off for a device-side access of @width; -errno */
static int model_reg(struct evlsim_mmio *m, unsigned long off, unsigned int width,
		     struct reg **rp)
{
	struct reg *r;

	if (!m)
		return -EINVAL;
	if (!m->regfile)
		return -EOPNOTSUPP;
	r = reg_at(m, off);
	if (!r || r->d.off != off)
		return -ENOENT;
	if (width != r->d.width)
		return -EINVAL;
	*rp = r;
	return 0;
}

EVLSIM_EXPORT int evlsim_mmio_peek(struct evlsim_mmio *m, unsigned long off,
				   unsigned int width, unsigned long long *val)
{
	struct reg *r;
	int ret = model_reg(m, off, width, &r);

	if (ret)
		return ret;
	if (!val)
		return -EINVAL;
	evlsim__lockword_lock(&m->lock);
	if (r->d.flags & EVLSIM_REG_FIFO)
		*val = r->count ? r->fifo[r->head] : r->d.reset;
	else
		*val = r->val;
	evlsim__lockword_unlock(&m->lock);
	return 0;
}

EVLSIM_EXPORT int evlsim_mmio_update(struct evlsim_mmio *m, unsigned long off,
				     unsigned int width, unsigned long long clear,
				     unsigned long long set)
{
	struct reg *r;
	int ret = model_reg(m, off, width, &r);

	if (ret)
		return ret;
	if (r->d.flags & EVLSIM_REG_FIFO)
		return -EINVAL;
	evlsim__lockword_lock(&m->lock);
	r->val = ((r->val & ~clear) | set) & evlsim__width_mask(width);
	evlsim__lockword_unlock(&m->lock);
	return 0;
}

EVLSIM_EXPORT int evlsim_mmio_poke(struct evlsim_mmio *m, unsigned long off,
				   unsigned int width, unsigned long long val)
{
	return evlsim_mmio_update(m, off, width, ~0ULL, val);
}

EVLSIM_EXPORT int evlsim_regfile_fifo_push(struct evlsim_mmio *m, unsigned long off,
					   unsigned long long val)
{
	struct reg *r = m && m->regfile ? reg_at(m, off) : NULL;
	int ret = 0;

	if (!r || r->d.off != off || !(r->d.flags & EVLSIM_REG_FIFO))
		return -EINVAL;
	evlsim__lockword_lock(&m->lock);
	if (r->count < r->d.fifo_depth) {
		r->fifo[(r->head + r->count) % r->d.fifo_depth] =
			val & evlsim__width_mask(r->d.width);
		r->count++;
	} else {
		ret = -ENOSPC;
	}
	evlsim__lockword_unlock(&m->lock);
	return ret;
}

EVLSIM_EXPORT int evlsim_regfile_fifo_pop(struct evlsim_mmio *m, unsigned long off,
					  unsigned long long *val)
{
	struct reg *r = m && m->regfile ? reg_at(m, off) : NULL;
	int ret = 0;

	if (!r || r->d.off != off || !(r->d.flags & EVLSIM_REG_FIFO) || !val)
		return -EINVAL;
	evlsim__lockword_lock(&m->lock);
	if (r->count) {
		*val = r->fifo[r->head];
		r->head = (r->head + 1) % r->d.fifo_depth;
		r->count--;
	} else {
		ret = -ENODATA;
	}
	evlsim__lockword_unlock(&m->lock);
	return ret;
}

EVLSIM_EXPORT int evlsim_regfile_fifo_level(struct evlsim_mmio *m, unsigned long off)
{
	struct reg *r = m && m->regfile ? reg_at(m, off) : NULL;
	int n;

	if (!r || r->d.off != off || !(r->d.flags & EVLSIM_REG_FIFO))
		return -EINVAL;
	evlsim__lockword_lock(&m->lock);
	n = (int)r->count;
	evlsim__lockword_unlock(&m->lock);
	return n;
}
