/* SPDX-License-Identifier: LGPL-2.1-or-later */
/*
 * evlsim shim: linux-evl v6.12 include/linux/dmaengine.h (K @17d93ec), the client API
 * with Dovetail's out-of-band additions (DMA_OOB, DMA_OOB_INTERRUPT, DMA_OOB_PULSE,
 * dma_pulse_oob(), device_pulse_oob) and the provider structures. Custom:
 *
 * - The client calls are functions (inline in the kernel), so that the golden-rule
 *   checker classifies them and fault injection reaches them; their results are the
 *   kernel's: NULL from a prep helper without channel, device or hook, or with oob flags
 *   on a device without DMA_OOB (dmaengine_prep_slave_sg(), dmaengine_prep_dma_cyclic();
 *   dmaengine_prep_slave_single() leaves that check to the provider, as in K).
 * - dma_request_chan() serves the simulator's own controller, evlsim-dma (sim/hw/
 *   dma-sim.c): the client device's "dma-names" property names its channels and the
 *   "dmas" property gives, at the same index, the controller's channel number.
 * - Unmap data, metadata, interleaved and memcpy/memset preparations are not modelled.
 * docs/api/hw-dmaengine.md describes the model.
 */
#ifndef _EVLSIM_LINUX_DMAENGINE_H
#define _EVLSIM_LINUX_DMAENGINE_H

#include <linux/types.h>
#include <linux/err.h>
#include <linux/list.h>
#include <linux/kref.h>
#include <linux/compiler.h>
#include <linux/bitops.h>
#include <linux/device.h>
#include <linux/scatterlist.h>
#include <linux/dma-direction.h>
#include <linux/evlsim-owner.h>

typedef s32 dma_cookie_t;
#define DMA_MIN_COOKIE	1

static inline int dma_submit_error(dma_cookie_t cookie)
{
	return cookie < 0 ? cookie : 0;
}

enum dma_status {
	DMA_COMPLETE,
	DMA_IN_PROGRESS,
	DMA_PAUSED,
	DMA_ERROR,
	DMA_OUT_OF_ORDER,
};

enum dma_transaction_type {
	DMA_MEMCPY,
	DMA_XOR,
	DMA_PQ,
	DMA_XOR_VAL,
	DMA_PQ_VAL,
	DMA_MEMSET,
	DMA_MEMSET_SG,
	DMA_INTERRUPT,
	DMA_PRIVATE,
	DMA_ASYNC_TX,
	DMA_SLAVE,
	DMA_CYCLIC,
	DMA_OOB,
	DMA_INTERLEAVE,
	DMA_COMPLETION_NO_ORDER,
	DMA_REPEAT,
	DMA_LOAD_EOT,
	DMA_TX_TYPE_END,
};

enum dma_transfer_direction {
	DMA_MEM_TO_MEM,
	DMA_MEM_TO_DEV,
	DMA_DEV_TO_MEM,
	DMA_DEV_TO_DEV,
	DMA_TRANS_NONE,
};

enum dma_ctrl_flags {
	DMA_PREP_INTERRUPT = (1 << 0),
	DMA_CTRL_ACK = (1 << 1),
	DMA_PREP_PQ_DISABLE_P = (1 << 2),
	DMA_PREP_PQ_DISABLE_Q = (1 << 3),
	DMA_PREP_CONTINUE = (1 << 4),
	DMA_PREP_FENCE = (1 << 5),
	DMA_CTRL_REUSE = (1 << 6),
	DMA_PREP_CMD = (1 << 7),
	DMA_PREP_REPEAT = (1 << 8),
	DMA_PREP_LOAD_EOT = (1 << 9),
	DMA_OOB_INTERRUPT = (1 << 10),
	DMA_OOB_PULSE = (1 << 11),
};

enum dma_slave_buswidth {
	DMA_SLAVE_BUSWIDTH_UNDEFINED = 0,
	DMA_SLAVE_BUSWIDTH_1_BYTE = 1,
	DMA_SLAVE_BUSWIDTH_2_BYTES = 2,
	DMA_SLAVE_BUSWIDTH_3_BYTES = 3,
	DMA_SLAVE_BUSWIDTH_4_BYTES = 4,
	DMA_SLAVE_BUSWIDTH_8_BYTES = 8,
	DMA_SLAVE_BUSWIDTH_16_BYTES = 16,
	DMA_SLAVE_BUSWIDTH_32_BYTES = 32,
	DMA_SLAVE_BUSWIDTH_64_BYTES = 64,
	DMA_SLAVE_BUSWIDTH_128_BYTES = 128,
};

enum dma_residue_granularity {
	DMA_RESIDUE_GRANULARITY_DESCRIPTOR = 0,
	DMA_RESIDUE_GRANULARITY_SEGMENT = 1,
	DMA_RESIDUE_GRANULARITY_BURST = 2,
};

typedef struct { DECLARE_BITMAP(bits, DMA_TX_TYPE_END); } dma_cap_mask_t;

#define dma_cap_set(tx, mask)		set_bit(tx, (mask).bits)
#define dma_cap_clear(tx, mask)		clear_bit(tx, (mask).bits)
#define dma_has_cap(tx, mask)		test_bit(tx, (mask).bits)
#define dma_cap_zero(mask)		memset((mask).bits, 0, sizeof((mask).bits))

struct dma_slave_config {
	enum dma_transfer_direction direction;
	phys_addr_t src_addr;
	phys_addr_t dst_addr;
	enum dma_slave_buswidth src_addr_width;
	enum dma_slave_buswidth dst_addr_width;
	u32 src_maxburst;
	u32 dst_maxburst;
	u32 src_port_window_size;
	u32 dst_port_window_size;
	bool device_fc;
	void *peripheral_config;
	size_t peripheral_size;
};

struct dma_tx_state {
	dma_cookie_t last;
	dma_cookie_t used;
	u32 residue;
	u32 in_flight_bytes;
};

enum dmaengine_tx_result {
	DMA_TRANS_NOERROR = 0,
	DMA_TRANS_READ_FAILED,
	DMA_TRANS_WRITE_FAILED,
	DMA_TRANS_ABORTED,
};

struct dmaengine_result {
	enum dmaengine_tx_result result;
	u32 residue;
};

typedef void (*dma_async_tx_callback)(void *dma_async_param);
typedef void (*dma_async_tx_callback_result)(void *dma_async_param,
					     const struct dmaengine_result *result);

struct dma_chan;
struct dma_device;

struct dma_async_tx_descriptor {
	dma_cookie_t cookie;
	enum dma_ctrl_flags flags;
	dma_addr_t phys;
	struct dma_chan *chan;
	dma_cookie_t (*tx_submit)(struct dma_async_tx_descriptor *tx);
	int (*desc_free)(struct dma_async_tx_descriptor *tx);
	dma_async_tx_callback callback;
	dma_async_tx_callback_result callback_result;
	void *callback_param;
	void *unmap;
};

struct dma_chan {
	struct dma_device *device;
	struct device *slave;
	dma_cookie_t cookie;
	dma_cookie_t completed_cookie;
	int chan_id;
	const char *name;
	struct list_head device_node;
	int client_count;
	int table_count;
	void *private;
	struct module *evlsim_owner;	/* evlsim: the module that requested it */
};

struct dma_device {
	struct kref ref;
	unsigned int chancnt;
	unsigned int privatecnt;
	struct list_head channels;
	struct list_head global_node;
	dma_cap_mask_t cap_mask;
	u32 src_addr_widths;
	u32 dst_addr_widths;
	u32 directions;
	u32 min_burst;
	u32 max_burst;
	u32 max_sg_burst;
	bool descriptor_reuse;
	enum dma_residue_granularity residue_granularity;
	struct device *dev;
	struct module *owner;

	int (*device_alloc_chan_resources)(struct dma_chan *chan);
	int (*device_router_config)(struct dma_chan *chan);
	void (*device_free_chan_resources)(struct dma_chan *chan);
	struct dma_async_tx_descriptor *(*device_prep_dma_memcpy)(
		struct dma_chan *chan, dma_addr_t dst, dma_addr_t src,
		size_t len, unsigned long flags);
	struct dma_async_tx_descriptor *(*device_prep_slave_sg)(
		struct dma_chan *chan, struct scatterlist *sgl,
		unsigned int sg_len, enum dma_transfer_direction direction,
		unsigned long flags, void *context);
	struct dma_async_tx_descriptor *(*device_prep_dma_cyclic)(
		struct dma_chan *chan, dma_addr_t buf_addr, size_t buf_len,
		size_t period_len, enum dma_transfer_direction direction,
		unsigned long flags);
	int (*device_config)(struct dma_chan *chan, struct dma_slave_config *config);
	int (*device_pause)(struct dma_chan *chan);
	int (*device_resume)(struct dma_chan *chan);
	int (*device_terminate_all)(struct dma_chan *chan);
	void (*device_synchronize)(struct dma_chan *chan);
	enum dma_status (*device_tx_status)(struct dma_chan *chan,
					    dma_cookie_t cookie,
					    struct dma_tx_state *txstate);
	void (*device_issue_pending)(struct dma_chan *chan);
	int (*device_pulse_oob)(struct dma_chan *chan);
	void (*device_release)(struct dma_device *dev);
};

/* ---- client API ---- */

struct dma_chan *dma_request_chan(struct device *dev, const char *name)
	__evlsim_ksym(dma_request_chan);
void dma_release_channel(struct dma_chan *chan) __evlsim_ksym(dma_release_channel);
/* the channel is charged to the calling module (EVLSIM_ACCT_DMA_CHANS) */
#define dma_request_chan(dev, name)	__evlsim_owned(dma_request_chan(dev, name))

int dmaengine_slave_config(struct dma_chan *chan, struct dma_slave_config *config)
	__evlsim_ksym(dmaengine_slave_config);
struct dma_async_tx_descriptor *dmaengine_prep_slave_single(struct dma_chan *chan,
	dma_addr_t buf, size_t len, enum dma_transfer_direction dir, unsigned long flags)
	__evlsim_ksym(dmaengine_prep_slave_single);
struct dma_async_tx_descriptor *dmaengine_prep_slave_sg(struct dma_chan *chan,
	struct scatterlist *sgl, unsigned int sg_len, enum dma_transfer_direction dir,
	unsigned long flags) __evlsim_ksym(dmaengine_prep_slave_sg);
struct dma_async_tx_descriptor *dmaengine_prep_dma_cyclic(struct dma_chan *chan,
	dma_addr_t buf_addr, size_t buf_len, size_t period_len,
	enum dma_transfer_direction dir, unsigned long flags)
	__evlsim_ksym(dmaengine_prep_dma_cyclic);
dma_cookie_t dmaengine_submit(struct dma_async_tx_descriptor *desc)
	__evlsim_ksym(dmaengine_submit);
void dma_async_issue_pending(struct dma_chan *chan) __evlsim_ksym(dma_async_issue_pending);
int dma_pulse_oob(struct dma_chan *chan) __evlsim_ksym(dma_pulse_oob);
int dmaengine_terminate_async(struct dma_chan *chan) __evlsim_ksym(dmaengine_terminate_async);
void dmaengine_synchronize(struct dma_chan *chan) __evlsim_ksym(dmaengine_synchronize);
int dmaengine_terminate_sync(struct dma_chan *chan) __evlsim_ksym(dmaengine_terminate_sync);
int dmaengine_terminate_all(struct dma_chan *chan) __evlsim_ksym(dmaengine_terminate_all);
int dmaengine_pause(struct dma_chan *chan) __evlsim_ksym(dmaengine_pause);
int dmaengine_resume(struct dma_chan *chan) __evlsim_ksym(dmaengine_resume);
enum dma_status dmaengine_tx_status(struct dma_chan *chan, dma_cookie_t cookie,
				    struct dma_tx_state *state)
	__evlsim_ksym(dmaengine_tx_status);

static inline enum dma_status dma_async_is_tx_complete(struct dma_chan *chan,
	dma_cookie_t cookie, dma_cookie_t *last, dma_cookie_t *used)
{
	struct dma_tx_state state;
	enum dma_status status;

	status = dmaengine_tx_status(chan, cookie, &state);
	if (last)
		*last = state.last;
	if (used)
		*used = state.used;
	return status;
}

/* Dovetail: oob flags need a device with the DMA_OOB capability */
static inline bool dmaengine_oob_valid(struct dma_chan *chan, unsigned long flags)
{
	return !(flags & (DMA_OOB_INTERRUPT | DMA_OOB_PULSE) &&
		 !test_bit(DMA_OOB, chan->device->cap_mask.bits));
}

static inline char *dma_chan_name(struct dma_chan *chan)
{
	return (char *)chan->name;
}

/* ---- provider API ---- */

int dma_async_device_register(struct dma_device *device)
	__evlsim_ksym(dma_async_device_register);
void dma_async_device_unregister(struct dma_device *device)
	__evlsim_ksym(dma_async_device_unregister);

/* linux/drivers/dma/dmaengine.h: cookie helpers of providers */
static inline void dma_cookie_init(struct dma_chan *chan)
{
	chan->cookie = DMA_MIN_COOKIE;
	chan->completed_cookie = DMA_MIN_COOKIE;
}

static inline dma_cookie_t dma_cookie_assign(struct dma_async_tx_descriptor *tx)
{
	struct dma_chan *chan = tx->chan;
	dma_cookie_t cookie;

	cookie = chan->cookie + 1;
	if (cookie < DMA_MIN_COOKIE)
		cookie = DMA_MIN_COOKIE;
	tx->cookie = chan->cookie = cookie;
	return cookie;
}

static inline void dma_cookie_complete(struct dma_async_tx_descriptor *tx)
{
	tx->chan->completed_cookie = tx->cookie;
	tx->cookie = 0;
}

static inline enum dma_status dma_cookie_status(struct dma_chan *chan,
	dma_cookie_t cookie, struct dma_tx_state *state)
{
	dma_cookie_t used, complete;

	used = READ_ONCE(chan->cookie);
	complete = READ_ONCE(chan->completed_cookie);
	if (state) {
		state->last = complete;
		state->used = used;
		state->residue = 0;
		state->in_flight_bytes = 0;
	}
	if (complete <= used) {
		if (cookie <= complete || cookie > used)
			return DMA_COMPLETE;
	} else {
		if (cookie <= complete && cookie > used)
			return DMA_COMPLETE;
	}
	return DMA_IN_PROGRESS;
}

#endif
