// SPDX-License-Identifier: LGPL-2.1-or-later
/*
 * The stage exclusion lock (kernel world), after kernel/evl/stax.c (spec 5.6).
 *
 * Every transition happens under the lock of the oob wait queue. ->gate counts the holders
 * and tells which stage owns them (STAX_INBAND_BIT). A locker enters when nobody holds the
 * lock, or when its stage holds it and the other stage has no waiter (a waiting stage
 * claims the lock against new lockers of the owner's); a waiter that was woken enters
 * whenever its stage may hold the lock. The last holder wakes the other stage's waiters,
 * or its own stage's if the other has none; a waiter that gives up while it was its
 * stage's last one wakes the other stage's, which its claim held back.
 */
#include <linux/kernel.h>
#include <linux/irqstage.h>
#include <evl/stax.h>
#include <uapi/evl/thread-abi.h>
#include "kinternal.h"

#define STAX_INBAND_BIT		0x80000000U
#define STAX_CONCURRENCY_MASK	0x7fffffffU

struct stax_waiter {
	struct list_head next;
	struct evlsim_thread *thread;
};

static inline bool inband_waiting(struct evl_stax *stax)
{
	return !list_empty(&stax->inband_wait.waiters);
}

/* lock held: whether a locker of that stage may enter now; enters if so */
static bool may_enter(struct evl_stax *stax, bool inband, bool woken)
{
	unsigned int gate = atomic_read(&stax->gate);
	unsigned int count = gate & STAX_CONCURRENCY_MASK;
	bool ours = !!(gate & STAX_INBAND_BIT) == inband;
	bool claimed = inband ? evl_wait_active(&stax->oob_wait) : inband_waiting(stax);

	if (count && !ours)
		return false;
	if (!woken && claimed)
		return false;
	atomic_set(&stax->gate, (int)((count + 1) | (inband ? STAX_INBAND_BIT : 0)));
	return true;
}

/* lock held */
static void wake_inband(struct evl_stax *stax)
{
	struct stax_waiter *w, *tmp;

	list_for_each_entry_safe(w, tmp, &stax->inband_wait.waiters, next) {
		list_del_init(&w->next);
		evlsim__wake(w->thread);
	}
}

/* lock held: the other stage's waiters if any, else the caller's stage's */
static void wake_waiters(struct evl_stax *stax, bool inband)
{
	if (inband ? evl_wait_active(&stax->oob_wait) : !inband_waiting(stax))
		evl_flush_wait_locked(&stax->oob_wait, 0);
	else
		wake_inband(stax);
}

void evl_init_stax(struct evl_stax *stax, int flags)
{
	stax->evlsim_key = __builtin_return_address(0);	/* lockdep: the init site */
	atomic_set(&stax->gate, 0);
	stax->flags = flags;
	evl_init_wait(&stax->oob_wait, &evl_mono_clock, EVL_WAIT_FIFO);
	INIT_LIST_HEAD(&stax->inband_wait.waiters);
	init_irq_work(&stax->irq_work, NULL);
}

void evl_destroy_stax(struct evl_stax *stax)
{
	evl_destroy_wait(&stax->oob_wait);
}

/*
 * An oob thread in EVL_T_WOSX mode locked out by in-band holders is told once it gets
 * through (or gives up): SIGDEBUG with EVL_HMDIAG_STAGEX at the end of its oob call, as
 * claim_stax_from_oob() notifies it.
 */
static void stax_notify(bool locked_out)
{
	struct evlsim_thread *t = evlsim__self;

	if (locked_out && (__atomic_load_n(&t->mode, __ATOMIC_RELAXED) & EVL_T_WOSX))
		evlsim__hm_notify(t, EVL_HMDIAG_STAGEX);
}

static int lock_from_oob(struct evl_stax *stax)
{
	struct evl_wait_queue *wq = &stax->oob_wait;
	bool woken = false, locked_out = false;
	unsigned long flags;
	int ret;

	raw_spin_lock_irqsave(&wq->wchan.lock, flags);
	while (!may_enter(stax, false, woken)) {
		if (atomic_read(&stax->gate) & STAX_INBAND_BIT)
			locked_out = true;
		evl_add_wait_queue(wq, EVL_INFINITE, EVL_REL);
		raw_spin_unlock_irqrestore(&wq->wchan.lock, flags);
		ret = evl_wait_schedule(wq);
		raw_spin_lock_irqsave(&wq->wchan.lock, flags);
		if (ret) {
			if (!evl_wait_active(wq))	/* our claim is gone */
				wake_inband(stax);
			raw_spin_unlock_irqrestore(&wq->wchan.lock, flags);
			stax_notify(locked_out);
			return ret;
		}
		woken = true;
	}
	raw_spin_unlock_irqrestore(&wq->wchan.lock, flags);
	stax_notify(locked_out);
	return 0;
}

static int lock_from_inband(struct evl_stax *stax)
{
	struct evl_wait_queue *wq = &stax->oob_wait;
	struct stax_waiter w = { .thread = evlsim__current() };
	int sflags = stax->flags & EVL_STAX_INBAND_SPIN ? 0 : EVLSIM_SLEEP_INTERRUPTIBLE;
	unsigned long flags;
	bool woken = false;
	int r;

	INIT_LIST_HEAD(&w.next);
	raw_spin_lock_irqsave(&wq->wchan.lock, flags);
	while (!may_enter(stax, true, woken)) {
		if (list_empty(&w.next))
			list_add_tail(&w.next, &stax->inband_wait.waiters);
		evlsim__prepare_sleep(w.thread);
		raw_spin_unlock_irqrestore(&wq->wchan.lock, flags);
		r = evlsim__sleep(w.thread, EVLSIM_NS_INFINITE, sflags);
		raw_spin_lock_irqsave(&wq->wchan.lock, flags);
		if (r == EVLSIM_SIGNALED) {
			list_del_init(&w.next);
			if (!inband_waiting(stax))	/* our claim is gone */
				evl_flush_wait_locked(wq, 0);
			raw_spin_unlock_irqrestore(&wq->wchan.lock, flags);
			return -ERESTARTSYS;
		}
		woken = list_empty(&w.next);
	}
	list_del_init(&w.next);
	raw_spin_unlock_irqrestore(&wq->wchan.lock, flags);
	return 0;
}

/**
 * evl_lock_stax - enter the section guarded by @stax
 *
 * Either stage. Returns 0; from oob, or an error code of spec 5.1 (-EINTR, -ERESTARTSYS,
 * -EIDRM once destroyed); from in-band, or -ERESTARTSYS when a signal arrived (never with
 * EVL_STAX_INBAND_SPIN).
 */
int evl_lock_stax(struct evl_stax *stax)
{
	const void *site = __builtin_return_address(0);

	if (unlikely(evlsim__mem_freed(stax, "evl_lock_stax", site)))
		return -EIDRM;
	/* lockdep: shared by the holders of one stage, so never recursive; ordered */
	evlsim__lock_acquire(stax, stax->evlsim_key, "evl_stax", EVLSIM_LD_SHARED, site);
	evlsim__wait_site_enter(EVLSIM_SVC_evl_lock_stax);
	int ret = running_inband() ? lock_from_inband(stax) : lock_from_oob(stax);

	if (ret)
		evlsim__lock_release(stax);
	evlsim__wait_site_exit();
	return ret;
}

int evl_trylock_stax(struct evl_stax *stax)
{
	struct evl_wait_queue *wq = &stax->oob_wait;
	unsigned long flags;
	bool ok;

	raw_spin_lock_irqsave(&wq->wchan.lock, flags);
	ok = may_enter(stax, running_inband(), false);
	raw_spin_unlock_irqrestore(&wq->wchan.lock, flags);
	if (ok)
		evlsim__lock_acquire(stax, stax->evlsim_key, "evl_stax",
				     EVLSIM_LD_SHARED | EVLSIM_LD_TRY, __builtin_return_address(0));
	return ok ? 0 : -EAGAIN;
}

void evl_unlock_stax(struct evl_stax *stax)
{
	struct evl_wait_queue *wq = &stax->oob_wait;
	bool inband = running_inband();
	unsigned int gate, count;
	unsigned long flags;

	if (unlikely(evlsim__mem_freed(stax, "evl_unlock_stax", __builtin_return_address(0))))
		return;
	evlsim__lock_release(stax);

	raw_spin_lock_irqsave(&wq->wchan.lock, flags);
	gate = atomic_read(&stax->gate);
	count = gate & STAX_CONCURRENCY_MASK;
	if (WARN(!count || !!(gate & STAX_INBAND_BIT) != inband,
		 "evl_unlock_stax: the %s stage does not hold the lock",
		 inband ? "in-band" : "oob")) {
		raw_spin_unlock_irqrestore(&wq->wchan.lock, flags);
		return;
	}
	if (--count) {
		atomic_set(&stax->gate, (int)(count | (gate & STAX_INBAND_BIT)));
	} else {
		atomic_set(&stax->gate, 0);
		wake_waiters(stax, inband);
	}
	raw_spin_unlock_irqrestore(&wq->wchan.lock, flags);
	evl_schedule();
}
