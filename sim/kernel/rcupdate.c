// SPDX-License-Identifier: LGPL-2.1-or-later
/*
 * RCU for drivers (kernel world), on the simulator's liburcu wrappers (rcu.c), which the
 * simulator's own fd lookups use: read-side sections nest with them.
 *
 * call_rcu() appends to one callback list; a kthread ("rcu_cb"), started on first use,
 * takes the whole list, waits for a grace period and invokes it in order. A grace period
 * that starts after a callback was queued ends after every reader that could still see
 * the object, as the kernel requires. kvfree_call_rcu() queues the object's rcu_head with
 * the offset of the head in the object in place of a function, as the kernel once did
 * (offsets below 4096 are never function addresses). rcu_barrier() waits until the
 * callbacks invoked cover every callback queued before it.
 */
#include <linux/rcupdate.h>
#include <linux/slab.h>
#include <linux/list.h>
#include <linux/err.h>
#include <linux/kernel.h>
#include "ksched.h"
#include "kinternal.h"

struct rcu_waiter {
	struct list_head next;
	struct evlsim_thread *thread;
};

static int cb_lock;				/* lock word */
static struct rcu_head *cb_head;
static struct rcu_head **cb_tail = &cb_head;
static unsigned long cb_queued, cb_done;	/* callbacks queued, and invoked */
static bool cb_started;
static struct evlsim_thread *cb_idle;		/* the callback thread, when it waits */
static LIST_HEAD(barrier_waiters);

void __rcu_read_lock(void)
{
	evlsim__rcu_read_lock();
}

void __rcu_read_unlock(void)
{
	evlsim__rcu_read_unlock();
}

void synchronize_rcu(void)
{
	evlsim__check_service(EVLSIM_SVC_synchronize_rcu);
	evlsim__synchronize_rcu();
}

void synchronize_rcu_expedited(void)
{
	synchronize_rcu();
}

static void invoke(struct rcu_head *head)
{
	rcu_callback_t f = head->func;

	if (__is_kvfree_rcu_offset((unsigned long)f))
		kvfree((char *)head - (unsigned long)f);
	else
		f(head);
}

static int rcu_cb_thread(void *arg)
{
	struct evlsim_thread *self = evlsim__current();
	struct rcu_head *list, *next;
	struct rcu_waiter *w;
	unsigned long n;

	evlsim__lockword_lock(&cb_lock);
	for (;;) {
		while (!cb_head) {
			cb_idle = self;
			evlsim__prepare_sleep(self);
			evlsim__lockword_unlock(&cb_lock);
			evlsim__sleep(self, EVLSIM_NS_INFINITE, 0);
			evlsim__lockword_lock(&cb_lock);
			cb_idle = NULL;
		}
		list = cb_head;
		cb_head = NULL;
		cb_tail = &cb_head;
		n = cb_queued - cb_done;
		evlsim__lockword_unlock(&cb_lock);

		evlsim__synchronize_rcu();
		for (; list; list = next) {
			next = list->next;	/* the callback may free it */
			list->next = NULL;	/* a leaked object keeps no other alive */
			invoke(list);
		}

		evlsim__lockword_lock(&cb_lock);
		cb_done += n;
		list_for_each_entry(w, &barrier_waiters, next)
			evlsim__wake(w->thread);
	}
	return 0;
}

void call_rcu(struct rcu_head *head, rcu_callback_t func)
{
	evlsim__check_service(EVLSIM_SVC_call_rcu);
	struct task_struct *t;
	bool start;

	head->func = func;
	head->next = NULL;
	evlsim__lockword_lock(&cb_lock);
	*cb_tail = head;
	cb_tail = &head->next;
	cb_queued++;
	start = !cb_started;
	cb_started = true;
	if (cb_idle) {
		evlsim__wake(cb_idle);
		cb_idle = NULL;
	}
	evlsim__lockword_unlock(&cb_lock);
	if (start) {
		t = evlsim__kthread_start(rcu_cb_thread, NULL, 0, "rcu_cb");
		if (IS_ERR(t))
			evlsim__die("cannot start the RCU callback thread (%ld)", PTR_ERR(t));
	}
}

void rcu_barrier(void)
{
	struct rcu_waiter w = { .thread = evlsim__current() };
	unsigned long target;

	evlsim__lockword_lock(&cb_lock);
	target = cb_queued;
	while ((long)(cb_done - target) < 0) {
		list_add_tail(&w.next, &barrier_waiters);
		evlsim__prepare_sleep(w.thread);
		evlsim__lockword_unlock(&cb_lock);
		evlsim__sleep(w.thread, EVLSIM_NS_INFINITE, 0);
		evlsim__lockword_lock(&cb_lock);
		list_del(&w.next);
	}
	evlsim__lockword_unlock(&cb_lock);
}

void kvfree_call_rcu(struct rcu_head *head, void *ptr)
{
	if (!head) {
		might_sleep();
		synchronize_rcu();
		kvfree(ptr);
		return;
	}
	call_rcu(head, (rcu_callback_t)(unsigned long)((char *)head - (char *)ptr));
}
