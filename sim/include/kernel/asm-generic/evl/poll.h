/* SPDX-License-Identifier: LGPL-2.1-or-later */
/*
 * evlsim shim: faithful to linux-evl include/asm-generic/evl/poll.h (K @1a41d1f, with the
 * oob_poll_queue helpers of the variant that has them): the descriptor EVL's poll group
 * hands to f_op->oob_poll(). Each connector links the descriptor to one poll head; one
 * descriptor connects to at most EVL_POLL_NR_CONNECTORS distinct heads per poll cycle.
 */
#ifndef _EVLSIM_ASM_GENERIC_EVL_POLL_H
#define _EVLSIM_ASM_GENERIC_EVL_POLL_H

#include <linux/list.h>
#include <evl/poll_head.h>

#define EVL_POLL_NR_CONNECTORS	4

struct oob_poll_wait {
	struct evl_poll_connector {
		struct evl_poll_head *head;
		struct list_head next;		/* in head->watchpoints */
		void (*unwatch)(struct evl_poll_head *head);
		int events_received;
		int index;			/* slot number in connectors[] */
	} connectors[EVL_POLL_NR_CONNECTORS];
};

struct oob_poll_queue {
	struct evl_poll_head head;
};

static inline void init_oob_poll_queue(struct oob_poll_queue *pwq)
{
	evl_init_poll_head(&pwq->head);
}

/* evl_signal_poll_events() and evl_poll_watch() come from <evl/poll.h> */
#define poll_signal_oob(__pwq, __mask)	evl_signal_poll_events(&(__pwq)->head, __mask)
#define poll_wait_oob(__pwq, __wait)	evl_poll_watch(&(__pwq)->head, __wait, NULL)

#endif
