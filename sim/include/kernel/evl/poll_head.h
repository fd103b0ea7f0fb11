/* SPDX-License-Identifier: LGPL-2.1-or-later */
/*
 * evlsim shim: faithful to linux-evl include/evl/poll_head.h: the head a driver exposes
 * to out-of-band pollers, one per event source. Pollers' connectors are linked on
 * ->watchpoints under ->lock, a hard lock, so that a head can be signaled from any stage.
 */
#ifndef _EVLSIM_EVL_POLL_HEAD_H
#define _EVLSIM_EVL_POLL_HEAD_H

#include <linux/list.h>
#include <linux/spinlock.h>

struct evl_poll_head {
	struct list_head watchpoints;	/* struct evl_poll_connector, by ->next */
	hard_spinlock_t lock;
};

#define EVL_POLLHEAD_INITIALIZER(__name) {				\
		.watchpoints = LIST_HEAD_INIT((__name).watchpoints),	\
		.lock = __HARD_SPIN_LOCK_INITIALIZER((__name).lock),	\
	}

static inline void evl_init_poll_head(struct evl_poll_head *head)
{
	INIT_LIST_HEAD(&head->watchpoints);
	raw_spin_lock_init(&head->lock);
}

#endif
