// SPDX-License-Identifier: LGPL-2.1-or-later
/*
 * Device-side time (kernel world): evlsim_hw_after() runs a device model's callback after
 * a delay on the simulator's one clock, from the device thread, a host thread started on
 * first use that is no kernel context at all (not attached to EVL, no task of its own):
 * the device. Callbacks run one at a time in date order (FIFO among equal dates); they
 * may raise and lower interrupt lines, and an INJECT line then delivers on this thread,
 * as it would on the CPU the device interrupts.
 */
#include <linux/kernel.h>
#include <linux/list.h>
#include "irq-internal.h"
#include "include/evlsim/hw-irq.h"

struct hw_callback {
	struct list_head next;
	int id;
	evlsim_ns_t date;
	void (*fn)(void *ctx);
	void *ctx;
};

struct hw_syncer {
	struct list_head next;
	struct evlsim_thread *thread;
};

static struct {
	int lock;			/* lock word */
	struct list_head queue;		/* by date */
	struct list_head syncers;	/* evlsim_hw_cancel() waiting for a running callback */
	struct evlsim_thread *dev;	/* the device thread, once it runs */
	int running;			/* id of the callback running now, 0 */
	int next_id;
	int started;
} hwt = {
	.queue = LIST_HEAD_INIT(hwt.queue),
	.syncers = LIST_HEAD_INIT(hwt.syncers),
};

static void device_thread(void *arg)
{
	struct evlsim_thread *self = evlsim__current();
	struct hw_syncer *s, *tmp;
	struct hw_callback *cb;
	evlsim_ns_t now, until;

	evlsim__lockword_lock(&hwt.lock);
	hwt.dev = self;
	for (;;) {
		cb = list_first_entry_or_null(&hwt.queue, struct hw_callback, next);
		now = evlsim__clock_now();
		if (!cb || cb->date > now) {
			/* read under the lock: evlsim_hw_cancel() may free cb once it is dropped */
			until = cb ? cb->date : EVLSIM_NS_INFINITE;
			evlsim__prepare_sleep(self);
			evlsim__lockword_unlock(&hwt.lock);
			evlsim__sleep(self, until, 0);
			evlsim__lockword_lock(&hwt.lock);
			continue;
		}
		list_del(&cb->next);
		hwt.running = cb->id;
		evlsim__lockword_unlock(&hwt.lock);
		cb->fn(cb->ctx);
		evlsim__free(cb);
		evlsim__lockword_lock(&hwt.lock);
		hwt.running = 0;
		list_for_each_entry_safe(s, tmp, &hwt.syncers, next) {
			list_del_init(&s->next);
			evlsim__wake(s->thread);
		}
	}
}

static void hwt_atfork_child(void)
{
	hwt.lock = 0;
	INIT_LIST_HEAD(&hwt.queue);
	INIT_LIST_HEAD(&hwt.syncers);
	hwt.dev = NULL;
	hwt.running = 0;
	hwt.started = 0;
}

static void start_device_thread(void)
{
	static int atfork_registered;

	evlsim__host_thread_once(&hwt.started, &atfork_registered, hwt_atfork_child,
				 device_thread, NULL, "hw-device");
}

EVLSIM_EXPORT int evlsim_hw_after(unsigned long long delay_ns, void (*fn)(void *ctx), void *ctx)
{
	struct hw_callback *cb, *pos;
	evlsim_ns_t now = evlsim__clock_now();
	int id;

	if (!fn)
		return -EINVAL;
	start_device_thread();
	cb = evlsim__zalloc(sizeof(*cb));
	cb->fn = fn;
	cb->ctx = ctx;
	cb->date = delay_ns >= (unsigned long long)(EVLSIM_NS_INFINITE - now) ?
		EVLSIM_NS_INFINITE : now + (evlsim_ns_t)delay_ns;
	evlsim__lockword_lock(&hwt.lock);
	id = ++hwt.next_id;
	if (id <= 0)		/* wrapped */
		id = hwt.next_id = 1;
	cb->id = id;
	list_for_each_entry(pos, &hwt.queue, next)
		if (pos->date > cb->date)
			break;
	list_add_tail(&cb->next, &pos->next);
	if (hwt.queue.next == &cb->next && hwt.dev)
		evlsim__wake(hwt.dev);
	evlsim__lockword_unlock(&hwt.lock);
	return id;
}

EVLSIM_EXPORT int evlsim_hw_cancel(int id)
{
	struct hw_syncer s = { .thread = evlsim__current() };
	struct hw_callback *cb;

	INIT_LIST_HEAD(&s.next);
	evlsim__lockword_lock(&hwt.lock);
	list_for_each_entry(cb, &hwt.queue, next) {
		if (cb->id == id) {
			list_del(&cb->next);
			evlsim__lockword_unlock(&hwt.lock);
			evlsim__free(cb);
			return 0;
		}
	}
	while (id > 0 && hwt.running == id && s.thread != hwt.dev) {
		list_add_tail(&s.next, &hwt.syncers);
		evlsim__prepare_sleep(s.thread);
		evlsim__lockword_unlock(&hwt.lock);
		evlsim__sleep(s.thread, EVLSIM_NS_INFINITE, 0);
		evlsim__lockword_lock(&hwt.lock);
		list_del_init(&s.next);
	}
	evlsim__lockword_unlock(&hwt.lock);
	return -ENOENT;
}
