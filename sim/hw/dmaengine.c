// SPDX-License-Identifier: LGPL-2.1-or-later
/*
 * The DMA engine core (kernel world): drivers/dma/dmaengine.c and the client calls of
 * include/linux/dmaengine.h with Dovetail's out-of-band additions (linux-evl v6.12, K
 * @17d93ec; spec hardware-model.md A.6.2). docs/api/hw-dmaengine.md.
 *
 * Providers register a struct dma_device (the simulator's own controller, evlsim-dma, is
 * one: dma-sim.c). A client asks for a channel by name: its device's "dma-names" property
 * gives the index, its "dmas" property the channel number at that index on evlsim-dma
 * (the phandle of a device tree's "dmas" cell is implied). A channel has one client at a
 * time (DMA_PRIVATE, as slave channels are) and is charged to the module that requested
 * it (EVLSIM_ACCT_DMA_CHANS): one left at unload is reported and released.
 *
 * The client calls are out of line here (inline in the kernel) so that the golden-rule
 * checker classifies them and the fault sites "fail_dma_chan" and "fail_dma_prep" reach
 * them; their results are the kernel's.
 */
#include <linux/dmaengine.h>
#include <linux/of.h>
#include <linux/slab.h>
#include <linux/module.h>
#include <linux/kernel.h>
#include "../kinternal.h"
#include "dma-sim.h"

static LIST_HEAD(dma_device_list);	/* under dma_list_lock */
static int dma_list_lock;
static int dma_dev_nr;

/**
 * dma_async_device_register - register a DMA controller's channels
 * @device: its struct dma_device, with ->channels listing its struct dma_chan
 *
 * Returns 0, or -EIO (no device, no channel, or a slave/cyclic capability without the
 * matching prep and the status, issue and terminate hooks, as the kernel's
 * dma_async_device_check()).
 */
int dma_async_device_register(struct dma_device *device)
{
	struct dma_chan *chan;
	int id = 0, nr;

	if (!device || !device->dev || list_empty(&device->channels))
		return -EIO;
	if ((dma_has_cap(DMA_SLAVE, device->cap_mask) && !device->device_prep_slave_sg) ||
	    (dma_has_cap(DMA_CYCLIC, device->cap_mask) && !device->device_prep_dma_cyclic) ||
	    !device->device_tx_status || !device->device_issue_pending ||
	    !device->device_terminate_all)
		return -EIO;
	evlsim__lockword_lock(&dma_list_lock);
	nr = dma_dev_nr++;
	list_for_each_entry(chan, &device->channels, device_node) {
		chan->device = device;
		chan->chan_id = id++;
		chan->client_count = 0;
		chan->name = kasprintf(GFP_KERNEL, "dma%dchan%d", nr, chan->chan_id);
	}
	device->chancnt = id;
	list_add_tail(&device->global_node, &dma_device_list);
	evlsim__lockword_unlock(&dma_list_lock);
	return 0;
}

/**
 * dma_async_device_unregister - unregister a DMA controller; its channels must be free
 * (the kernel WARNs "cannot unregister a channel in use": reported here too).
 */
void dma_async_device_unregister(struct dma_device *device)
{
	struct dma_chan *chan;

	evlsim__lockword_lock(&dma_list_lock);
	list_del(&device->global_node);
	evlsim__lockword_unlock(&dma_list_lock);
	list_for_each_entry(chan, &device->channels, device_node) {
		WARN_ONCE(chan->client_count, "%s called while %d clients hold a reference\n",
			  __func__, chan->client_count);
		kfree(chan->name);
		chan->name = NULL;
	}
	if (device->device_release)
		device->device_release(device);
}

/* the channel @dev's "dmas"/"dma-names" properties name @name, on evlsim-dma */
static struct dma_chan *find_chan(struct dma_device *d, struct device *dev,
				  const char *name, int *err)
{
	struct device_node *np = dev->of_node;
	struct dma_chan *chan;
	int index;
	u32 nr;

	*err = -ENODEV;
	if (!np || !name)
		return NULL;
	index = of_property_match_string(np, "dma-names", name);
	if (index < 0 || of_property_read_u32_index(np, "dmas", index, &nr))
		return NULL;
	if (!d) {
		*err = -EPROBE_DEFER;
		return NULL;
	}
	list_for_each_entry(chan, &d->channels, device_node)
		if (chan->chan_id == (int)nr)
			return chan;
	return NULL;
}

/**
 * dma_request_chan - try to allocate an exclusive slave channel
 * @dev: pointer to client device structure
 * @name: slave channel name
 *
 * Returns the channel, or ERR_PTR(-ENODEV) (no such channel, or it is in use, or
 * "fail_dma_chan"), ERR_PTR(-EPROBE_DEFER) (no controller yet), or the error of the
 * provider's device_alloc_chan_resources(). In-band, may sleep.
 */
struct dma_chan *(dma_request_chan)(struct device *dev, const char *name)
{
	struct dma_device *d;
	struct dma_chan *chan;
	int err, ret;

	evlsim__check_service(EVLSIM_SVC_dma_request_chan);
	if (!dev)
		return ERR_PTR(-ENODEV);
	if (unlikely(__atomic_load_n(&evlsim__faults_on, __ATOMIC_RELAXED)) &&
	    evlsim__should_fail_at(EVLSIM_FAULT_DMA_CHAN, 0, __builtin_return_address(0)))
		return ERR_PTR(-ENODEV);
	d = evlsim__dma_sim_device();	/* registers it on first use */
	evlsim__lockword_lock(&dma_list_lock);
	chan = find_chan(d, dev, name, &err);
	if (!chan || chan->client_count) {
		evlsim__lockword_unlock(&dma_list_lock);
		return ERR_PTR(err);
	}
	chan->client_count = 1;
	evlsim__lockword_unlock(&dma_list_lock);
	if (chan->device->device_alloc_chan_resources) {
		ret = chan->device->device_alloc_chan_resources(chan);
		if (ret < 0) {
			__atomic_store_n(&chan->client_count, 0, __ATOMIC_RELEASE);
			return ERR_PTR(ret);
		}
	}
	chan->slave = dev;
	chan->evlsim_owner = evlsim__acct_owner();
	return chan;
}

static void release_chan(struct dma_chan *chan)
{
	if (chan->device->device_terminate_all)
		chan->device->device_terminate_all(chan);
	if (chan->device->device_synchronize)
		chan->device->device_synchronize(chan);
	if (chan->device->device_free_chan_resources)
		chan->device->device_free_chan_resources(chan);
	chan->slave = NULL;
	chan->evlsim_owner = NULL;
	evlsim__lockword_lock(&dma_list_lock);
	chan->client_count = 0;
	evlsim__lockword_unlock(&dma_list_lock);
}

/**
 * dma_release_channel - give back a channel of dma_request_chan(); what it still runs
 * is stopped first. In-band, may sleep.
 */
void dma_release_channel(struct dma_chan *chan)
{
	evlsim__check_service(EVLSIM_SVC_dma_release_channel);
	if (WARN_ONCE(!chan || !chan->client_count, "chan reference count %d != 1\n",
		      chan ? chan->client_count : 0))
		return;
	release_chan(chan);
}

/** dmaengine_slave_config - 0, -ENOSYS (no device_config), or the provider's error */
int dmaengine_slave_config(struct dma_chan *chan, struct dma_slave_config *config)
{
	evlsim__check_service(EVLSIM_SVC_dmaengine_slave_config);
	if (chan->device->device_config)
		return chan->device->device_config(chan, config);
	return -ENOSYS;
}

static bool prep_fails(const void *caller)
{
	return unlikely(__atomic_load_n(&evlsim__faults_on, __ATOMIC_RELAXED)) &&
		evlsim__should_fail_at(EVLSIM_FAULT_DMA_PREP, 0, caller);
}

/**
 * dmaengine_prep_slave_single - a slave transfer of one contiguous buffer
 * NULL without channel, device or hook, on "fail_dma_prep", or when the provider
 * refuses; no DMA_OOB check here (K): the provider must refuse oob flags itself.
 */
struct dma_async_tx_descriptor *dmaengine_prep_slave_single(struct dma_chan *chan,
	dma_addr_t buf, size_t len, enum dma_transfer_direction dir, unsigned long flags)
{
	struct scatterlist sg;

	evlsim__check_service(EVLSIM_SVC_dmaengine_prep_slave_sg);
	sg_init_table(&sg, 1);
	sg_dma_address(&sg) = buf;
	sg_dma_len(&sg) = len;
	if (!chan || !chan->device || !chan->device->device_prep_slave_sg)
		return NULL;
	if (prep_fails(__builtin_return_address(0)))
		return NULL;
	return chan->device->device_prep_slave_sg(chan, &sg, 1, dir, flags, NULL);
}

/**
 * dmaengine_prep_slave_sg - a slave transfer of a mapped scatterlist
 * NULL without channel, device or hook, with oob flags on a device without DMA_OOB,
 * on "fail_dma_prep", or when the provider refuses.
 */
struct dma_async_tx_descriptor *dmaengine_prep_slave_sg(struct dma_chan *chan,
	struct scatterlist *sgl, unsigned int sg_len, enum dma_transfer_direction dir,
	unsigned long flags)
{
	evlsim__check_service(EVLSIM_SVC_dmaengine_prep_slave_sg);
	if (!chan || !chan->device || !chan->device->device_prep_slave_sg)
		return NULL;
	if (!dmaengine_oob_valid(chan, flags))
		return NULL;
	if (prep_fails(__builtin_return_address(0)))
		return NULL;
	return chan->device->device_prep_slave_sg(chan, sgl, sg_len, dir, flags, NULL);
}

/**
 * dmaengine_prep_dma_cyclic - a cyclic transfer calling back every @period_len bytes
 * NULL as dmaengine_prep_slave_sg(); the provider refuses DMA_OOB_PULSE.
 */
struct dma_async_tx_descriptor *dmaengine_prep_dma_cyclic(struct dma_chan *chan,
	dma_addr_t buf_addr, size_t buf_len, size_t period_len,
	enum dma_transfer_direction dir, unsigned long flags)
{
	evlsim__check_service(EVLSIM_SVC_dmaengine_prep_slave_sg);
	if (!chan || !chan->device || !chan->device->device_prep_dma_cyclic)
		return NULL;
	if (!dmaengine_oob_valid(chan, flags))
		return NULL;
	if (prep_fails(__builtin_return_address(0)))
		return NULL;
	return chan->device->device_prep_dma_cyclic(chan, buf_addr, buf_len, period_len,
						    dir, flags);
}

/** dmaengine_submit - queue a prepared descriptor: its cookie, or a negative error */
dma_cookie_t dmaengine_submit(struct dma_async_tx_descriptor *desc)
{
	evlsim__check_service(EVLSIM_SVC_dmaengine_submit);
	return desc->tx_submit(desc);
}

/** dma_async_issue_pending - start the submitted descriptors (pulsed ones: arm them) */
void dma_async_issue_pending(struct dma_chan *chan)
{
	evlsim__check_service(EVLSIM_SVC_dma_async_issue_pending);
	chan->device->device_issue_pending(chan);
}

/**
 * dma_pulse_oob - trigger the next transfer on a channel set up for pulsed mode
 * 0, -EIO (no pulsed descriptor armed: none submitted with DMA_OOB_PULSE, or
 * dma_async_issue_pending() not called, or terminated), -ENOTSUPP (no device_pulse_oob).
 * Either stage (out-of-band in normal use).
 */
int dma_pulse_oob(struct dma_chan *chan)
{
	int ret = -ENOTSUPP;

	evlsim__check_service(EVLSIM_SVC_dma_pulse_oob);
	if (chan->device->device_pulse_oob)
		ret = chan->device->device_pulse_oob(chan);
	return ret;
}

/** dmaengine_terminate_async - stop everything on @chan; -EINVAL without the hook */
int dmaengine_terminate_async(struct dma_chan *chan)
{
	evlsim__check_service(EVLSIM_SVC_dmaengine_terminate_async);
	if (chan->device->device_terminate_all)
		return chan->device->device_terminate_all(chan);
	return -EINVAL;
}

/** dmaengine_synchronize - wait until no callback of @chan runs any more; may sleep */
void dmaengine_synchronize(struct dma_chan *chan)
{
	might_sleep();
	if (chan->device->device_synchronize)
		chan->device->device_synchronize(chan);
}

/** dmaengine_terminate_sync - dmaengine_terminate_async() then dmaengine_synchronize() */
int dmaengine_terminate_sync(struct dma_chan *chan)
{
	int ret;

	evlsim__check_service(EVLSIM_SVC_dmaengine_terminate_sync);
	if (!chan->device->device_terminate_all)
		return -EINVAL;
	ret = chan->device->device_terminate_all(chan);
	if (ret)
		return ret;
	dmaengine_synchronize(chan);
	return 0;
}

/** dmaengine_terminate_all - deprecated form: -ENOSYS without the hook */
int dmaengine_terminate_all(struct dma_chan *chan)
{
	evlsim__check_service(EVLSIM_SVC_dmaengine_terminate_async);
	if (chan->device->device_terminate_all)
		return chan->device->device_terminate_all(chan);
	return -ENOSYS;
}

/** dmaengine_pause - -ENOSYS without the hook */
int dmaengine_pause(struct dma_chan *chan)
{
	if (chan->device->device_pause)
		return chan->device->device_pause(chan);
	return -ENOSYS;
}

/** dmaengine_resume - -ENOSYS without the hook */
int dmaengine_resume(struct dma_chan *chan)
{
	if (chan->device->device_resume)
		return chan->device->device_resume(chan);
	return -ENOSYS;
}

/** dmaengine_tx_status - the state of the transfer of @cookie; either stage */
enum dma_status dmaengine_tx_status(struct dma_chan *chan, dma_cookie_t cookie,
				    struct dma_tx_state *state)
{
	evlsim__check_service(EVLSIM_SVC_dmaengine_tx_status);
	return chan->device->device_tx_status(chan, cookie, state);
}

/* ---- accounting: the channels a module holds ---- */

static int chan_count(struct module *mod)
{
	struct dma_device *d;
	struct dma_chan *chan;
	int n = 0;

	evlsim__lockword_lock(&dma_list_lock);
	list_for_each_entry(d, &dma_device_list, global_node)
		list_for_each_entry(chan, &d->channels, device_node)
			n += chan->client_count && chan->evlsim_owner == mod;
	evlsim__lockword_unlock(&dma_list_lock);
	return n;
}

static struct dma_chan *find_owned(struct module *mod)
{
	struct dma_device *d;
	struct dma_chan *chan;

	list_for_each_entry(d, &dma_device_list, global_node)
		list_for_each_entry(chan, &d->channels, device_node)
			if (chan->client_count && chan->evlsim_owner == mod)
				return chan;
	return NULL;
}

static void chan_leftovers(struct module *mod, const char *when)
{
	struct dma_chan *chan;

	if (!mod)
		return;
	for (;;) {
		evlsim__lockword_lock(&dma_list_lock);
		chan = find_owned(mod);
		evlsim__lockword_unlock(&dma_list_lock);
		if (!chan)
			break;
		evlsim__report(EVLSIM_REPORT_LEAK, "module-leak",
			       "%s: %s with DMA channel %s still requested; releasing it",
			       mod->name, when, chan->name);
		evlsim__unchecked_begin();
		release_chan(chan);
		evlsim__unchecked_end();
	}
}

/* a channel's callbacks are the module's code: stopped with the irqs (order 15) */
EVLSIM_MODULE_SERVICE(dma_chans, EVLSIM_ACCT_DMA_CHANS, 14, chan_count, chan_leftovers);
