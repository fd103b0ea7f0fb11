// SPDX-License-Identifier: LGPL-2.1-or-later
/*
 * The DMA ports of evlsim-dma (kernel world; spec hardware-model.md C.5,
 * docs/api/hw-dmaengine.md): a device model publishes one at a register address, and a
 * channel whose slave configuration names that address moves its bytes through the
 * port's callbacks. A port that takes or gives fewer bytes than offered stalls the
 * channel until evlsim_dma_port_ready(); a port a channel is stalled on cannot be removed.
 */
#include <linux/list.h>
#include <linux/errno.h>
#include "../kinternal.h"
#include "hw-internal.h"
#include "dma-sim.h"
#include "include/evlsim/hw-dmaengine.h"
#include "include/evlsim/hw.h"


static LIST_HEAD(ports);
static int ports_lock;		/* lock word: the list, every port's ->waiter */

EVLSIM_EXPORT int evlsim_dma_port_add(struct evlsim_mmio *m, unsigned long off,
				      const struct evlsim_dma_port_ops *ops, void *ctx,
				      struct evlsim_dma_port **port)
{
	struct evlsim_dma_port *p, *pos;

	if (!m || !ops || !port || (!ops->to_dev && !ops->from_dev))
		return -EINVAL;
	p = evlsim__zalloc(sizeof(*p));
	p->addr = evlsim__mmio_block_base(m) + off;
	p->ops = *ops;
	p->ctx = ctx;
	evlsim__lockword_lock(&ports_lock);
	list_for_each_entry(pos, &ports, node) {
		if (pos->addr == p->addr) {
			evlsim__lockword_unlock(&ports_lock);
			evlsim__free(p);
			return -EEXIST;
		}
	}
	list_add_tail(&p->node, &ports);
	evlsim__lockword_unlock(&ports_lock);
	*port = p;
	return 0;
}

EVLSIM_EXPORT int evlsim_dma_port_remove(struct evlsim_dma_port *port)
{
	if (!port)
		return -EINVAL;
	evlsim__lockword_lock(&ports_lock);
	if (port->waiter) {
		evlsim__lockword_unlock(&ports_lock);
		return -EBUSY;
	}
	list_del(&port->node);
	evlsim__lockword_unlock(&ports_lock);
	evlsim__free(port);
	return 0;
}

struct evlsim_dma_port *evlsim__dma_port_find(unsigned long long addr)
{
	struct evlsim_dma_port *p;

	evlsim__lockword_lock(&ports_lock);
	list_for_each_entry(p, &ports, node)
		if (p->addr == addr)
			goto out;
	p = NULL;
out:
	evlsim__lockword_unlock(&ports_lock);
	return p;
}

void evlsim__dma_port_stall(struct evlsim_dma_port *port, struct sim_chan *sc)
{
	evlsim__lockword_lock(&ports_lock);
	port->waiter = sc;
	evlsim__lockword_unlock(&ports_lock);
}

void evlsim__dma_port_forget(struct sim_chan *sc)
{
	struct evlsim_dma_port *p;

	evlsim__lockword_lock(&ports_lock);
	list_for_each_entry(p, &ports, node)
		if (p->waiter == sc)
			p->waiter = NULL;
	evlsim__lockword_unlock(&ports_lock);
}
EVLSIM_EXPORT int evlsim_dma_port_ready(struct evlsim_dma_port *port)
{
	struct sim_chan *sc;

	if (!port)
		return -EINVAL;
	evlsim__lockword_lock(&ports_lock);
	sc = port->waiter;
	port->waiter = NULL;
	evlsim__lockword_unlock(&ports_lock);
	if (sc)
		evlsim__dma_chan_resume(sc);
	return 0;
}
