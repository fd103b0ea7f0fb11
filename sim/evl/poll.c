// SPDX-License-Identifier: LGPL-2.1-or-later
/*
 * The out-of-band poll, driver side (kernel world), after kernel/evl/poll.c (K @1a41d1f,
 * spec 5.8 and 6.5): the poll heads a driver's ->oob_poll() connects a poller's
 * watchpoint to, their signaling, and the release of a polled file's watchers. The poll
 * group element that drives the watchpoints is in evl/poll-group.c.
 */
#include <linux/fs.h>
#include <linux/miscdevice.h>
#include <linux/slab.h>
#include <linux/uaccess.h>
#include <linux/compat.h>
#include <linux/ktime.h>
#include <linux/string.h>
#include <evl/file.h>
#include <evl/flag.h>
#include <evl/memory.h>
#include <evl/mutex.h>
#include <evl/poll.h>
#include <evl/sched.h>
#include <evl/uaccess.h>
#include "kinternal.h"
#include "evl/poll-watch.h"

static struct evl_poll_watchpoint *watchpoint_of(struct evl_poll_connector *poco)
{
	return container_of(poco - poco->index, struct evl_poll_watchpoint, wait.connectors[0]);
}

/**
 * evl_poll_watch - connect a poller to a poll head
 * @head: the driver's poll head
 * @wait: the descriptor the poll group passed to ->oob_poll()
 * @unwatch: called with @head when the poller disconnects, or NULL
 *
 * oob, from ->oob_poll(). Connecting @wait to a head it already watches, or to more than
 * EVL_POLL_NR_CONNECTORS heads, is reported (EVL_WARN_ON) and ignored.
 */
void evl_poll_watch(struct evl_poll_head *head, struct oob_poll_wait *wait,
		    void (*unwatch)(struct evl_poll_head *head))
{
	struct evl_poll_connector *poco;
	unsigned long flags;
	int i;

	/* connectors fill up in order: the first free slot ends the used ones */
	for (i = 0; i < EVL_POLL_NR_CONNECTORS; i++) {
		poco = &wait->connectors[i];
		if (!poco->head)
			break;
		if (WARN(poco->head == head,
			 "EVL: evl_poll_watch(): poll head %p already watched by this poller",
			 head))
			return;
	}
	if (WARN(i == EVL_POLL_NR_CONNECTORS,
		 "EVL: evl_poll_watch(): more than %d poll heads for one poller",
		 EVL_POLL_NR_CONNECTORS))
		return;

	poco->head = head;
	poco->unwatch = unwatch;
	/*
	 * The kernel zeroes events_received here. Our connectors start zeroed
	 * (setup_context()), and the file's release may already have given this one
	 * POLLNVAL (evl_release_watchers(), concurrently, or watch_file()): keep it.
	 */
	__atomic_fetch_and(&poco->events_received, POLLNVAL, __ATOMIC_RELAXED);
	poco->index = i;
	raw_spin_lock_irqsave(&head->lock, flags);
	list_add_tail(&poco->next, &head->watchpoints);
	raw_spin_unlock_irqrestore(&head->lock, flags);
}

/**
 * __evl_signal_poll_events - notify the pollers watching @head
 * @head: the poll head
 * @events: POLL* bits that became ready
 *
 * Any stage. A single waiter is unblocked for any distinct event signaled on entry:
 * each poller that polls some of the remaining bits receives them and is woken, and the
 * bits it received are no longer offered to the next ones. Does not reschedule.
 */
void __evl_signal_poll_events(struct evl_poll_head *head, int events)
{
	struct evl_poll_watchpoint *wpt;
	struct evl_poll_connector *poco;
	unsigned long flags;
	int ready;

	raw_spin_lock_irqsave(&head->lock, flags);
	list_for_each_entry(poco, &head->watchpoints, next) {
		wpt = watchpoint_of(poco);
		ready = events & wpt->events_polled;
		if (ready) {
			__atomic_fetch_or(&poco->events_received, ready, __ATOMIC_RELAXED);
			evl_raise_flag_nosched(wpt->flag);
			events &= ~ready;
			if (!events)
				break;
		}
	}
	raw_spin_unlock_irqrestore(&head->lock, flags);
}

/**
 * evl_release_watchers - report POLLNVAL to every poller of a file being released
 * @efilp: the file
 *
 * in-band, from evl_release_file(), before it waits for the crossing: each watchpoint
 * still linked to the file receives POLLNVAL and its waiter is woken; the waiter then
 * disconnects and drops its reference, which lets the release proceed.
 */
void evl_release_watchers(struct evl_file *efilp)
{
	struct evl_poll_watchpoint *wpt, *tmp;
	unsigned long flags;
	int i;

	raw_spin_lock_irqsave(&efilp->lock, flags);
	list_for_each_entry_safe(wpt, tmp, &efilp->watchpoints, node.next) {
		list_del_init(&wpt->node.next);
		for (i = 0; i < EVL_POLL_NR_CONNECTORS; i++)
			__atomic_fetch_or(&wpt->wait.connectors[i].events_received, POLLNVAL,
					  __ATOMIC_RELAXED);
		evl_raise_flag_nosched(wpt->flag);
	}
	efilp->watchpoints.prev = NULL;		/* see file_released() */
	raw_spin_unlock_irqrestore(&efilp->lock, flags);
	evl_schedule();
}
