// SPDX-License-Identifier: LGPL-2.1-or-later
/*
 * evlsim-dma (kernel world): the simulator's DMA controller, a dmaengine provider with
 * DMA_SLAVE, DMA_CYCLIC, DMA_PRIVATE and DMA_OOB, written as an EVL-aware controller
 * driver is (bcm2835-dma, imx-sdma over virt-dma with CONFIG_DMA_VIRTUAL_CHANNELS_OOB;
 * spec hardware-model.md A.6.3, C.5). docs/api/hw-dmaengine.md.
 *
 * - Transfers move bytes between DMA memory (evlsim_dma_ptr()) and a DMA port a device
 *   model published at the register address of the channel's slave configuration, on
 *   the simulator's device thread (evlsim_hw_after()). A port taking or giving fewer
 *   bytes stalls the channel until evlsim_dma_port_ready().
 * - A transfer lasts until the thread that started it (issue or pulse) blocks or polls
 *   its status (dmaengine_tx_status()), or 200 ms: the device is slower than the CPU,
 *   so that a driver that
 *   starts a transfer then waits for its completion (spidev's RUN_OOB_XFER pulses, then
 *   waits on a flag the completion pulses) never sees the completion before its wait, as
 *   on hardware.
 * - Each channel has an interrupt line requested with IRQF_OOB. The oob pass invokes the
 *   callbacks of descriptors prepared with DMA_OOB_INTERRUPT (or DMA_OOB_PULSE, which
 *   implies it) and returns IRQ_FORWARD when other completions are pending; the in-band
 *   pass invokes theirs. Pulsed descriptors are armed by dma_async_issue_pending() and
 *   run once per dma_pulse_oob(); cyclic ones call back at the end of every period.
 * - Refusals: oob flags with a direction other than MEM_TO_DEV/DEV_TO_MEM; DMA_OOB_PULSE
 *   on a cyclic preparation ("no pulse mode with out-of-band cyclic transfers").
 */
#include <linux/dmaengine.h>
#include <linux/interrupt.h>
#include <linux/slab.h>
#include <linux/kernel.h>
#include <linux/module.h>
#include "../kinternal.h"
#include "hw-internal.h"
#include "dma-sim.h"
#include "include/evlsim/hw-irq.h"
#include "include/evlsim/hw-dmaengine.h"
#include "include/evlsim/hw.h"

#define QUIESCE_MAX_NS	200000000	/* a transfer waits at most that for its starter */
#define QUIESCE_POLL_NS	5000
#define PERIOD_MIN_NS	10000		/* a cyclic transfer takes at least that per period */
#define NR_EVENTS	64

struct sim_seg {
	dma_addr_t addr;
	size_t len;
};

struct sim_desc {
	struct dma_async_tx_descriptor tx;
	struct list_head node;
	enum dma_transfer_direction dir;
	unsigned int nsegs;
	bool cyclic;
	size_t period_len;
	unsigned int seg;		/* progress: segment, offset within it */
	size_t off;
	size_t residue;
	struct sim_seg segs[];
};

enum { CH_IDLE, CH_ARMED, CH_RUNNING, CH_STALLED };

struct sim_chan {
	struct dma_chan chan;
	int lock;			/* lock word: everything below */
	int irq;
	int state;
	unsigned int gen;		/* bumped by terminate: scheduled runs of before die */
	struct dma_slave_config cfg;
	struct list_head submitted, issued, zombies;
	struct sim_desc *cur;
	struct sim_desc *events[NR_EVENTS];	/* completions the IRQ handler owes */
	unsigned int ev_head, ev_count;
	struct evlsim_thread *starter;
	unsigned long starter_sw;
	evlsim_ns_t start_date;
	bool moving;			/* run_cb() moves bytes with a port, unlocked */
	struct list_head syncers;	/* sim_synchronize() waiting for that to end */
};

struct chan_syncer {
	struct list_head next;
	struct evlsim_thread *thread;
};

struct sim_run {
	struct sim_chan *sc;
	unsigned int gen;
};

static struct {
	struct dma_device ddev;
	struct device dev;
	struct sim_chan chans[EVLSIM_DMA_CHANNELS];
	int once_lock;
	int state;			/* 0 not yet, 1 registered, < 0 failed */
} sd;

#define to_sc(c)	container_of(c, struct sim_chan, chan)
#define to_sdesc(t)	container_of(t, struct sim_desc, tx)

static void schedule_run(struct sim_chan *sc, unsigned long long delay);

/* the port @sc stalled on is ready again (dma-port.c) */
void evlsim__dma_chan_resume(struct sim_chan *sc)
{
	evlsim__lockword_lock(&sc->lock);
	if (sc->state == CH_STALLED) {
		sc->state = CH_RUNNING;
		schedule_run(sc, 0);
	}
	evlsim__lockword_unlock(&sc->lock);
}

EVLSIM_EXPORT int evlsim_dma_chan_irq(unsigned int nr)
{
	if (nr >= EVLSIM_DMA_CHANNELS || !evlsim__dma_sim_device())
		return -EINVAL;
	return sd.chans[nr].irq;
}

/* ---- the engine, on the device thread ---- */

static void run_cb(void *arg);

/* under sc->lock */
static void schedule_run(struct sim_chan *sc, unsigned long long delay)
{
	struct sim_run *r = evlsim__zalloc(sizeof(*r));

	r->sc = sc;
	r->gen = sc->gen;
	evlsim_hw_after(delay, run_cb, r);
}

/* under sc->lock: the thread starting a transfer, whose blocking the device waits for */
static void set_starter(struct sim_chan *sc)
{
	struct evlsim_thread *t = evlsim__current();

	sc->starter = t;
	sc->starter_sw = t ? __atomic_load_n(&t->nr_ctx_switches, __ATOMIC_RELAXED) : 0;
	sc->start_date = evlsim__clock_now();
}

/* under sc->lock; once the starter was seen waiting, the device runs freely */
static bool starter_busy(struct sim_chan *sc)
{
	struct evlsim_thread *t = sc->starter;

	if (t && evlsim__clock_now() - sc->start_date < QUIESCE_MAX_NS &&
	    __atomic_load_n(&t->nr_ctx_switches, __ATOMIC_RELAXED) == sc->starter_sw)
		return true;
	sc->starter = NULL;
	return false;
}

/* under sc->lock: start the next issued descriptor, if any */
static void start_next(struct sim_chan *sc)
{
	struct sim_desc *d = list_first_entry_or_null(&sc->issued, struct sim_desc, node);

	sc->cur = d;
	if (!d) {
		sc->state = CH_IDLE;
		return;
	}
	list_del_init(&d->node);
	d->seg = 0;
	d->off = 0;
	if (d->tx.flags & DMA_OOB_PULSE) {
		sc->state = CH_ARMED;	/* waits for dma_pulse_oob() */
		return;
	}
	sc->state = CH_RUNNING;
	schedule_run(sc, 0);
}

/* under sc->lock: one completion for the interrupt handler */
static void post_event(struct sim_chan *sc, struct sim_desc *d)
{
	if (sc->ev_count < NR_EVENTS) {
		sc->events[(sc->ev_head + sc->ev_count) % NR_EVENTS] = d;
		sc->ev_count++;
	}
}

/* under sc->lock: the current descriptor moved all its bytes (or a period) */
static void complete_cur(struct sim_chan *sc, bool period_end)
{
	struct sim_desc *d = sc->cur;

	post_event(sc, d);
	if (d->cyclic) {
		if (d->seg >= d->nsegs) {
			d->seg = 0;
			d->off = 0;
		}
		schedule_run(sc, PERIOD_MIN_NS);
		return;
	}
	d->seg = 0;
	d->off = 0;
	if (d->tx.flags & DMA_OOB_PULSE) {
		sc->state = CH_ARMED;	/* one descriptor serves many pulses */
		return;
	}
	dma_cookie_complete(&d->tx);
	list_add_tail(&d->node, &sc->zombies);	/* freed once its callback ran */
	start_next(sc);
}

/* under sc->lock: a port transfer ended; a terminated channel's synchronizers go on */
static void moved(struct sim_chan *sc)
{
	struct chan_syncer *s, *tmp;

	sc->moving = false;
	list_for_each_entry_safe(s, tmp, &sc->syncers, next) {
		list_del_init(&s->next);
		evlsim__wake(s->thread);
	}
}

static void run_cb(void *arg)
{
	struct sim_run *r = arg;
	struct sim_chan *sc = r->sc;
	struct evlsim_dma_port *port;
	unsigned long long addr;
	bool to_dev, raise = false;
	struct sim_desc *d;
	size_t chunk, n;
	void *ptr;

	evlsim__lockword_lock(&sc->lock);
	if (r->gen != sc->gen || sc->state != CH_RUNNING || !sc->cur)
		goto out;
	if (starter_busy(sc)) {
		schedule_run(sc, QUIESCE_POLL_NS);
		goto out;
	}
	d = sc->cur;
	to_dev = d->dir == DMA_MEM_TO_DEV;
	addr = to_dev ? sc->cfg.dst_addr : sc->cfg.src_addr;
	while (d->seg < d->nsegs) {
		chunk = d->segs[d->seg].len - d->off;
		if (d->cyclic && chunk > d->period_len - (d->off % d->period_len))
			chunk = d->period_len - (d->off % d->period_len);
		ptr = evlsim_dma_ptr(d->segs[d->seg].addr + d->off, chunk);
		sc->moving = true;
		evlsim__lockword_unlock(&sc->lock);
		port = evlsim__dma_port_find(addr);
		n = 0;
		if (ptr && port && to_dev && port->ops.to_dev)
			n = port->ops.to_dev(port->ctx, ptr, chunk);
		else if (ptr && port && !to_dev && port->ops.from_dev)
			n = port->ops.from_dev(port->ctx, ptr, chunk);
		evlsim__lockword_lock(&sc->lock);
		moved(sc);
		if (r->gen != sc->gen || sc->cur != d)
			goto out;	/* terminated meanwhile */
		if (n > chunk)
			n = chunk;
		d->off += n;
		d->residue -= n;
		if (n < chunk) {
			/* the device deasserts its request: wait for evlsim_dma_port_ready() */
			sc->state = CH_STALLED;
			if (port)
				evlsim__dma_port_stall(port, sc);
			goto out;
		}
		if (d->off == d->segs[d->seg].len) {
			d->seg++;
			d->off = 0;
		}
		if (d->cyclic) {
			if (d->seg >= d->nsegs || d->off % d->period_len == 0) {
				if (d->seg >= d->nsegs)
					d->residue = d->segs[0].len;
				complete_cur(sc, true);
				raise = true;
				goto out;
			}
		}
	}
	d->residue = 0;
	complete_cur(sc, false);
	raise = true;
out:
	evlsim__lockword_unlock(&sc->lock);
	evlsim__free(r);
	if (raise)
		evlsim_irq_raise(sc->irq);
}

/* ---- the interrupt handler ---- */

static bool oob_desc(struct sim_desc *d)
{
	return d->tx.flags & (DMA_OOB_INTERRUPT | DMA_OOB_PULSE);
}

static void callback(struct sim_desc *d)
{
	struct dmaengine_result res = { .result = DMA_TRANS_NOERROR };

	if (d->tx.callback_result)
		d->tx.callback_result(d->tx.callback_param, &res);
	else if (d->tx.callback)
		d->tx.callback(d->tx.callback_param);
}

static irqreturn_t sim_dma_irq(int irq, void *dev_id)
{
	struct sim_chan *sc = dev_id;
	bool oob = running_oob(), forward = false;
	struct sim_desc *d;
	unsigned int i;

	evlsim__lockword_lock(&sc->lock);
	while (sc->ev_count) {
		d = sc->events[sc->ev_head];
		if (oob && !oob_desc(d)) {
			forward = true;	/* completed on the in-band pass */
			break;
		}
		sc->ev_head = (sc->ev_head + 1) % NR_EVENTS;
		sc->ev_count--;
		evlsim__lockword_unlock(&sc->lock);
		callback(d);
		evlsim__lockword_lock(&sc->lock);
	}
	if (oob && !forward) {
		/* oob descriptors queued behind in-band ones still get their oob pass */
		for (i = 0; i < sc->ev_count; i++)
			if (!oob_desc(sc->events[(sc->ev_head + i) % NR_EVENTS]))
				forward = true;
	}
	evlsim__lockword_unlock(&sc->lock);
	return forward ? IRQ_FORWARD : IRQ_HANDLED;
}

/* ---- dma_device hooks ---- */

static dma_cookie_t sim_tx_submit(struct dma_async_tx_descriptor *tx)
{
	struct sim_chan *sc = to_sc(tx->chan);
	struct sim_desc *d = to_sdesc(tx);
	dma_cookie_t cookie;

	evlsim__lockword_lock(&sc->lock);
	cookie = dma_cookie_assign(tx);
	list_add_tail(&d->node, &sc->submitted);
	evlsim__lockword_unlock(&sc->lock);
	return cookie;
}

static struct sim_desc *alloc_desc(struct dma_chan *chan, unsigned int nsegs,
				   enum dma_transfer_direction dir, unsigned long flags)
{
	struct sim_desc *d;

	if (dir != DMA_MEM_TO_DEV && dir != DMA_DEV_TO_MEM)
		return NULL;
	/* the provider's memory, not the client module's */
	d = evlsim__zalloc(sizeof(*d) + nsegs * sizeof(d->segs[0]));
	INIT_LIST_HEAD(&d->node);
	d->tx.chan = chan;
	d->tx.flags = flags;
	d->tx.tx_submit = sim_tx_submit;
	d->dir = dir;
	d->nsegs = nsegs;
	return d;
}

static struct dma_async_tx_descriptor *sim_prep_slave_sg(struct dma_chan *chan,
	struct scatterlist *sgl, unsigned int sg_len, enum dma_transfer_direction dir,
	unsigned long flags, void *context)
{
	struct scatterlist *sg;
	struct sim_desc *d;
	unsigned int i;

	if (!sgl || !sg_len)
		return NULL;
	d = alloc_desc(chan, sg_len, dir, flags);
	if (!d)
		return NULL;
	for_each_sg(sgl, sg, sg_len, i) {
		d->segs[i].addr = sg_dma_address(sg);
		d->segs[i].len = sg_dma_len(sg);
		d->residue += sg_dma_len(sg);
		if (!sg_dma_len(sg)) {
			evlsim__free(d);
			return NULL;
		}
	}
	return &d->tx;
}

static struct dma_async_tx_descriptor *sim_prep_dma_cyclic(struct dma_chan *chan,
	dma_addr_t buf_addr, size_t buf_len, size_t period_len,
	enum dma_transfer_direction dir, unsigned long flags)
{
	struct sim_desc *d;

	if (flags & DMA_OOB_PULSE) {
		dev_err(chan->device->dev,
			"%s: no pulse mode with out-of-band cyclic transfers\n", __func__);
		return NULL;
	}
	if (!buf_len || !period_len || buf_len % period_len)
		return NULL;
	d = alloc_desc(chan, 1, dir, flags);
	if (!d)
		return NULL;
	d->cyclic = true;
	d->period_len = period_len;
	d->segs[0].addr = buf_addr;
	d->segs[0].len = buf_len;
	d->residue = buf_len;
	return &d->tx;
}

static int sim_config(struct dma_chan *chan, struct dma_slave_config *cfg)
{
	struct sim_chan *sc = to_sc(chan);

	evlsim__lockword_lock(&sc->lock);
	sc->cfg = *cfg;
	evlsim__lockword_unlock(&sc->lock);
	return 0;
}

static void sim_issue_pending(struct dma_chan *chan)
{
	struct sim_chan *sc = to_sc(chan);

	evlsim__lockword_lock(&sc->lock);
	list_splice_tail_init(&sc->submitted, &sc->issued);
	if (!sc->cur) {
		set_starter(sc);
		start_next(sc);
	}
	evlsim__lockword_unlock(&sc->lock);
}

static int sim_pulse_oob(struct dma_chan *chan)
{
	struct sim_chan *sc = to_sc(chan);
	int ret = -EIO;

	evlsim__lockword_lock(&sc->lock);
	if (sc->cur && (sc->cur->tx.flags & DMA_OOB_PULSE) && sc->state == CH_ARMED) {
		sc->cur->residue = sc->cur->segs[0].len;
		set_starter(sc);
		sc->state = CH_RUNNING;
		schedule_run(sc, 0);
		ret = 0;
	}
	evlsim__lockword_unlock(&sc->lock);
	return ret;
}

static int sim_terminate_all(struct dma_chan *chan)
{
	struct sim_chan *sc = to_sc(chan);

	evlsim__lockword_lock(&sc->lock);
	sc->gen++;
	if (sc->cur)
		list_add_tail(&sc->cur->node, &sc->zombies);
	sc->cur = NULL;
	list_splice_tail_init(&sc->submitted, &sc->zombies);
	list_splice_tail_init(&sc->issued, &sc->zombies);
	sc->ev_count = 0;
	sc->state = CH_IDLE;
	evlsim__lockword_unlock(&sc->lock);
	evlsim__dma_port_forget(sc);
	return 0;
}

static void free_zombies(struct sim_chan *sc)
{
	struct sim_desc *d, *tmp;
	LIST_HEAD(list);

	evlsim__lockword_lock(&sc->lock);
	list_splice_init(&sc->zombies, &list);
	evlsim__lockword_unlock(&sc->lock);
	list_for_each_entry_safe(d, tmp, &list, node)
		evlsim__free(d);
}

/*
 * Terminating stops the engine between two chunks; a chunk the device thread moves with
 * a port meanwhile ends first, as a controller finishes its burst: the synchronization
 * waits for it, so that after dmaengine_terminate_sync() nothing touches the buffers.
 */
static void wait_not_moving(struct sim_chan *sc)
{
	struct chan_syncer s = { .thread = evlsim__current() };

	INIT_LIST_HEAD(&s.next);
	evlsim__lockword_lock(&sc->lock);
	while (sc->moving) {
		list_add_tail(&s.next, &sc->syncers);
		evlsim__prepare_sleep(s.thread);
		evlsim__lockword_unlock(&sc->lock);
		evlsim__sleep(s.thread, EVLSIM_NS_INFINITE, 0);
		evlsim__lockword_lock(&sc->lock);
		list_del_init(&s.next);
	}
	evlsim__lockword_unlock(&sc->lock);
}

static void sim_synchronize(struct dma_chan *chan)
{
	struct sim_chan *sc = to_sc(chan);

	wait_not_moving(sc);
	evlsim_irq_wait_idle(sc->irq);
	free_zombies(sc);
}

static enum dma_status sim_tx_status(struct dma_chan *chan, dma_cookie_t cookie,
				     struct dma_tx_state *state)
{
	struct sim_chan *sc = to_sc(chan);
	enum dma_status ret;

	evlsim__lockword_lock(&sc->lock);
	if (sc->starter == evlsim__self)
		sc->starter = NULL;	/* it polls: it waits */
	ret = dma_cookie_status(chan, cookie, state);
	if (ret != DMA_COMPLETE && state && sc->cur && sc->cur->tx.cookie == cookie)
		state->residue = sc->cur->residue;
	evlsim__lockword_unlock(&sc->lock);
	return ret;
}

static int sim_alloc_chan_resources(struct dma_chan *chan)
{
	struct sim_chan *sc = to_sc(chan);

	memset(&sc->cfg, 0, sizeof(sc->cfg));
	dma_cookie_init(chan);
	return 0;
}

static void sim_free_chan_resources(struct dma_chan *chan)
{
	sim_terminate_all(chan);
	sim_synchronize(chan);
}

/* ---- registration, on first use ---- */

static int sim_dma_init(void)
{
	struct module *prev;
	struct sim_chan *sc;
	char name[32];
	int i, ret;

	/* the controller is nobody's module's */
	prev = evlsim__owner_enter(NULL);
	device_initialize(&sd.dev);
	dev_set_name(&sd.dev, "evlsim-dma");
	INIT_LIST_HEAD(&sd.ddev.channels);
	dma_cap_set(DMA_SLAVE, sd.ddev.cap_mask);
	dma_cap_set(DMA_CYCLIC, sd.ddev.cap_mask);
	dma_cap_set(DMA_PRIVATE, sd.ddev.cap_mask);
	dma_cap_set(DMA_OOB, sd.ddev.cap_mask);
	sd.ddev.dev = &sd.dev;
	sd.ddev.directions = BIT(DMA_MEM_TO_DEV) | BIT(DMA_DEV_TO_MEM);
	sd.ddev.residue_granularity = DMA_RESIDUE_GRANULARITY_BURST;
	sd.ddev.device_alloc_chan_resources = sim_alloc_chan_resources;
	sd.ddev.device_free_chan_resources = sim_free_chan_resources;
	sd.ddev.device_prep_slave_sg = sim_prep_slave_sg;
	sd.ddev.device_prep_dma_cyclic = sim_prep_dma_cyclic;
	sd.ddev.device_config = sim_config;
	sd.ddev.device_terminate_all = sim_terminate_all;
	sd.ddev.device_synchronize = sim_synchronize;
	sd.ddev.device_tx_status = sim_tx_status;
	sd.ddev.device_issue_pending = sim_issue_pending;
	sd.ddev.device_pulse_oob = sim_pulse_oob;
	evlsim__unchecked_begin();
	for (i = 0; i < EVLSIM_DMA_CHANNELS; i++) {
		sc = &sd.chans[i];
		INIT_LIST_HEAD(&sc->submitted);
		INIT_LIST_HEAD(&sc->issued);
		INIT_LIST_HEAD(&sc->zombies);
		INIT_LIST_HEAD(&sc->syncers);
		snprintf(name, sizeof(name), "evlsim-dma.%d", i);
		ret = evlsim_irq_line_create(name, EVLSIM_IRQ_EDGE_RISING);
		if (ret > 0) {
			sc->irq = ret;
			ret = request_irq(sc->irq, sim_dma_irq, IRQF_OOB, "evlsim-dma", sc);
		}
		if (ret)
			break;
		list_add_tail(&sc->chan.device_node, &sd.ddev.channels);
	}
	if (!ret)
		ret = dma_async_device_register(&sd.ddev);
	evlsim__unchecked_end();
	evlsim__owner_leave(prev);
	return ret;
}

struct dma_device *evlsim__dma_sim_device(void)
{
	if (__atomic_load_n(&sd.state, __ATOMIC_ACQUIRE) == 0) {
		evlsim__lockword_lock(&sd.once_lock);
		if (sd.state == 0)
			__atomic_store_n(&sd.state, sim_dma_init() ? -1 : 1, __ATOMIC_RELEASE);
		evlsim__lockword_unlock(&sd.once_lock);
	}
	return sd.state > 0 ? &sd.ddev : NULL;
}
