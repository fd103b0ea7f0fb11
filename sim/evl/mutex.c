// SPDX-License-Identifier: LGPL-2.1-or-later
/*
 * EVL kernel mutexes (kernel world), after kernel/evl/mutex.c and spec section 5.5, on
 * the EVL wait queues (evl/wait.c), and the golden rule that a thread switching in-band
 * holds none.
 */
#include <linux/kernel.h>
#include <linux/string.h>
#include <evl/clock.h>
#include <evl/flag.h>
#include <evl/mutex.h>
#include <evl/sem.h>
#include <evl/thread.h>
#include <evl/wait.h>
#include "kinternal.h"

void evl_init_kmutex(struct evl_kmutex *kmutex)
{
	kmutex->evlsim_key = __builtin_return_address(0);	/* lockdep: the init site */
	atomic_set(&kmutex->fastlock, 0);
	evl_init_wait(&kmutex->mutex.wait, &evl_mono_clock, EVL_WAIT_PRIO);
}

void evl_destroy_kmutex(struct evl_kmutex *kmutex)
{
	evl_destroy_wait(&kmutex->mutex.wait);
}

/* lock held: the caller owns the mutex, taking it if free or handed over to it */
static bool grab_kmutex(struct evl_kmutex *kmutex, struct evl_thread *curr)
{
	struct evl_wait_channel *wchan = &kmutex->mutex.wait.wchan;

	if (!wchan->owner) {
		wchan->owner = curr;
		curr->evlsim_kmutexes++;
		atomic_set(&kmutex->fastlock, 1);
	}
	return wchan->owner == curr;
}

int evl_trylock_kmutex(struct evl_kmutex *kmutex)
{
	struct evl_thread *curr = evlsim__evl_thread_self();
	struct evl_wait_channel *wchan = &kmutex->mutex.wait.wchan;
	unsigned long flags;
	int ret = 0;

	raw_spin_lock_irqsave(&wchan->lock, flags);
	if (wchan->owner == curr)
		ret = -EDEADLK;
	else if (!grab_kmutex(kmutex, curr))
		ret = -EBUSY;
	else
		curr->evlsim_kmutex_site = __builtin_return_address(0);
	raw_spin_unlock_irqrestore(&wchan->lock, flags);
	if (!ret)
		evlsim__lock_acquire(kmutex, kmutex->evlsim_key, "evl_kmutex", EVLSIM_LD_TRY,
				     __builtin_return_address(0));
	return ret;
}

/* 0, -EDEADLK for a lock the caller holds, or a spec 5.1 code (-EIDRM once destroyed) */
int evl_lock_kmutex(struct evl_kmutex *kmutex)
{
	struct evl_thread *curr = evlsim__evl_thread_self();
	struct evl_wait_queue *wq = &kmutex->mutex.wait;
	const void *site = __builtin_return_address(0);
	unsigned long flags;

	if (unlikely(evlsim__mem_freed(kmutex, "evl_lock_kmutex", site)))
		return -EIDRM;
	raw_spin_lock_irqsave(&wq->wchan.lock, flags);
	if (wq->wchan.owner == curr) {
		raw_spin_unlock_irqrestore(&wq->wchan.lock, flags);
		return -EDEADLK;
	}
	raw_spin_unlock_irqrestore(&wq->wchan.lock, flags);
	evlsim__lock_acquire(kmutex, kmutex->evlsim_key, "evl_kmutex", 0, site);

	evlsim__wait_site_enter(EVLSIM_SVC_evl_lock_kmutex);
	int ret = evl_wait_event(wq, grab_kmutex(kmutex, curr));

	if (!ret)
		curr->evlsim_kmutex_site = evlsim__wait_site;
	else
		evlsim__lock_release(kmutex);
	evlsim__wait_site_exit();
	return ret;
}

/* How many EVL kernel mutexes @t holds, and where it took the last one. */
static int kmutexes_held(struct evlsim_thread *t, void **site)
{
	struct evl_thread *thread;

	if (!t->evl_thread_ready && !t->evl_thread_ext)
		return 0;
	thread = evlsim__evl_thread_of(t);
	*site = thread->evlsim_kmutex_site;
	return thread->evlsim_kmutexes;
}

/*
 * Golden rule: a thread switching in-band must hold no EVL kernel mutex. Called by the
 * stage switch (core/stage.c) on every switch to in-band.
 */
static noinline void check_inband_switch(struct evlsim_thread *t)
{
	void *site = NULL;
	int n;

	if (!__atomic_load_n(&evlsim__checks_enabled, __ATOMIC_RELAXED) || evlsim__unchecked)
		return;
	n = kmutexes_held(t, &site);
	if (likely(n <= 0) || evlsim__check_mode() == EVLSIM_CHECK_OFF)
		return;
	/* the call site: where the thread took the mutex (the last one it took) */
	evlsim__check_report("evl-mutex-inband-switch", "evl_lock_kmutex",
			     site ?: __builtin_return_address(0),
			     "thread '%s' switches in-band holding %d EVL kernel mutex(es)",
			     t->name[0] ? t->name : "?", n);
}

static __attribute__((constructor)) void kmutex_rules_init(void)
{
	evlsim__set_inband_switch_hook(check_inband_switch);
}

/* hands the mutex over to the head waiter, if any */
void evl_unlock_kmutex(struct evl_kmutex *kmutex)
{
	struct evl_thread *curr = evlsim__evl_thread_self(), *next;
	struct evl_wait_queue *wq = &kmutex->mutex.wait;
	unsigned long flags;

	if (unlikely(evlsim__mem_freed(kmutex, "evl_unlock_kmutex", __builtin_return_address(0))))
		return;
	evlsim__lock_release(kmutex);
	raw_spin_lock_irqsave(&wq->wchan.lock, flags);
	if (WARN(wq->wchan.owner != curr, "evl_unlock_kmutex: %s does not own the mutex",
		 curr->name)) {
		raw_spin_unlock_irqrestore(&wq->wchan.lock, flags);
		return;
	}
	next = evl_wait_head(wq);
	wq->wchan.owner = next;
	curr->evlsim_kmutexes--;
	if (next)
		next->evlsim_kmutexes++;
	atomic_set(&kmutex->fastlock, !!next);
	if (next)
		evl_wake_up(wq, next, 0);
	raw_spin_unlock_irqrestore(&wq->wchan.lock, flags);
	evl_schedule();
}
