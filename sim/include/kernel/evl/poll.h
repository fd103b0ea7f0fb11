/* SPDX-License-Identifier: LGPL-2.1-or-later */
/*
 * evlsim shim: faithful to linux-evl include/evl/poll.h (K @1a41d1f, spec 5.8): the
 * driver side of the out-of-band poll. Implementation in sim/evl/poll.c.
 *
 * A driver's f_op->oob_poll(filp, wait) connects @wait to each poll head it wants to be
 * notified on with evl_poll_watch() (at most EVL_POLL_NR_CONNECTORS distinct heads), then
 * returns the POLL* bits ready now, computed under its own lock. When its state changes,
 * it calls evl_signal_poll_events(head, bits): each bit wakes at most one poller per
 * call (the bits are removed from the set as they are delivered), and the call does not
 * reschedule (evl_schedule() afterwards, as in the kernel).
 */
#ifndef _EVLSIM_EVL_POLL_H
#define _EVLSIM_EVL_POLL_H

#include <linux/types.h>
#include <linux/list.h>
#include <linux/poll.h>
#include <evl/poll_head.h>
#include <evl/wait.h>
#include <asm-generic/evl/poll.h>
#include <uapi/evl/poll-abi.h>

struct evl_file;

/**
 * evl_poll_watch - connect a poller to a poll head (from f_op->oob_poll)
 * @head: the driver's poll head
 * @wait: the descriptor passed to ->oob_poll()
 * @unwatch: called with @head when the poller disconnects, or NULL
 *
 * A fifth head, or a head already connected to @wait, triggers a warning and is
 * ignored, as EVL_WARN_ON(CORE, ...) does in connect_watchpoint().
 */
void evl_poll_watch(struct evl_poll_head *head, struct oob_poll_wait *wait,
		    void (*unwatch)(struct evl_poll_head *head)) __evlsim_ksym(evl_poll_watch);

void __evl_signal_poll_events(struct evl_poll_head *head, int events)
	__evlsim_ksym(__evl_signal_poll_events);

/**
 * evl_signal_poll_events - notify the pollers of @head (any stage)
 * @head: the poll head
 * @events: the POLL* bits that became ready
 *
 * Each bit wakes at most one poller watching it. A no-op when nobody watches @head.
 */
static inline void evl_signal_poll_events(struct evl_poll_head *head, int events)
{
	/* Quick check. We'll redo under lock */
	if (!list_empty(&head->watchpoints))
		__evl_signal_poll_events(head, events);
}

/* in-band, from evl_release_file(): pollers of the file get POLLNVAL */
void evl_release_watchers(struct evl_file *efilp) __evlsim_ksym(evl_release_watchers);

#endif
