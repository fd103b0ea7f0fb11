// SPDX-License-Identifier: LGPL-2.1-or-later
/*
 * The EVL wait services (kernel world), after kernel/evl/wait.c and include/evl/flag.h
 * and spec section 5.1 to 5.3: the clocks, the EVL thread of a simulator thread, wait
 * queues and flags, on the simulator's one sleep/wake primitive and clock. Kernel
 * semaphores (evl/sem.c) and kernel mutexes (evl/mutex.c) wait on these queues.
 *
 * A waiter queues its struct evl_thread on the channel under the channel's hard lock,
 * arms its sleep (evlsim__prepare_sleep()) before dropping it, and sleeps until a waker
 * dequeues it (reason in ->info), its deadline passes (EVL_T_TIMEO) or a signal kicks it
 * (EVL_T_KICKED): the result codes of __evl_wait_schedule() follow from ->info.
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

/* ---- clocks ---------------------------------------------------------------------------- */

/*
 * The core clocks' gravity: no calibration here, so the default is 0 for every context,
 * which resetting restores. Drivers also write clock->gravity directly (latmus).
 */
static void reset_core_gravity(struct evl_clock *clock)
{
	WRITE_ONCE(clock->gravity.irq, 0);
	WRITE_ONCE(clock->gravity.kernel, 0);
	WRITE_ONCE(clock->gravity.user, 0);
}

static int set_core_gravity(struct evl_clock *clock, const struct evl_clock_gravity *p)
{
	WRITE_ONCE(clock->gravity.irq, p->irq);
	WRITE_ONCE(clock->gravity.kernel, p->kernel);
	WRITE_ONCE(clock->gravity.user, p->user);
	return 0;
}

#define CORE_CLOCK(__name, __id)						\
	{									\
		.name = __name, .id = __id, .resolution = 1,			\
		.ops = { .set_gravity = set_core_gravity,			\
			 .reset_gravity = reset_core_gravity },			\
	}

struct evl_clock evl_mono_clock = CORE_CLOCK("EVL mono", 1 /* CLOCK_MONOTONIC */);
struct evl_clock evl_mono_raw_clock = CORE_CLOCK("EVL mono raw", 4 /* CLOCK_MONOTONIC_RAW */);
struct evl_clock evl_realtime_clock = CORE_CLOCK("EVL realtime", 0 /* CLOCK_REALTIME */);

ktime_t evl_read_clock(struct evl_clock *clock)
{
	return clock == &evl_realtime_clock ? evlsim__clock_realtime() : evlsim__clock_now();
}

ktime_t evlsim__clock_to_mono(struct evl_clock *clock, ktime_t date)
{
	if (clock != &evl_realtime_clock)
		return date;
	return date - (evlsim__clock_realtime() - evlsim__clock_now());
}

/* ---- threads --------------------------------------------------------------------------- */

static_assert(sizeof(struct evl_thread) <= sizeof(((struct evlsim_thread *)0)->evl_thread),
	      "struct evl_thread does not fit its storage in struct evlsim_thread");

struct evl_thread *evlsim__evl_thread_of(struct evlsim_thread *t)
{
	struct evl_thread *thread = (struct evl_thread *)t->evl_thread;

	if (t->evl_thread_ext)		/* an EVL kthread: the one in its struct evl_kthread */
		return t->evl_thread_ext;
	if (unlikely(!__atomic_load_n(&t->evl_thread_ready, __ATOMIC_RELAXED))) {
		thread->evlsim = t;
		INIT_LIST_HEAD(&thread->wait_next);
		strscpy(thread->name, t->name[0] ? t->name : "(in-band)", sizeof(thread->name));
		__atomic_store_n(&t->evl_thread_ready, 1, __ATOMIC_RELEASE);
	}
	return thread;
}

struct evl_thread *evlsim__evl_thread_self(void)
{
	return evlsim__evl_thread_of(evlsim__current());
}

/* The EVL_T_* state bits of @t's EVL thread, read from any thread (evl_get_state()). */
int evlsim__evl_state(struct evlsim_thread *t)
{
	struct evl_thread *thread = __atomic_load_n(&t->evl_thread_ext, __ATOMIC_ACQUIRE);

	if (!thread) {
		if (!__atomic_load_n(&t->evl_thread_ready, __ATOMIC_ACQUIRE))
			return 0;
		thread = (struct evl_thread *)t->evl_thread;
	}
	return READ_ONCE(thread->state);
}

/**
 * evl_current - the EVL thread running this code
 *
 * Returns the caller's struct evl_thread if it is attached to EVL (a user thread after
 * evl_attach_self(), an EVL kthread), NULL for a plain in-band task.
 */
struct evl_thread *evl_current(void)
{
	struct evlsim_thread *t = evlsim__self;
	struct evl_thread *thread;

	if (!t || !t->evl)
		return NULL;
	thread = evlsim__evl_thread_of(t);
	if (unlikely(thread->name[0] == '(' && t->name[0]))	/* attached since first use */
		strscpy(thread->name, t->name, sizeof(thread->name));
	return thread;
}

/* ---- wait queues ----------------------------------------------------------------------- */

void __evl_init_wait(struct evl_wait_queue *wq, struct evl_clock *clock, int flags,
		     const char *name, struct lock_class_key *key)
{
	wq->flags = flags;
	wq->clock = clock;
	raw_spin_lock_init(&wq->wchan.lock);
	/* lockdep: the class of evl_init_wait()'s site (NULL on stack: the lock itself) */
	wq->wchan.lock.rlock.key = key;
	wq->wchan.lock.rlock.name = name;
	wq->wchan.owner = NULL;
	wq->wchan.requeue_wait = NULL;
	INIT_LIST_HEAD(&wq->wchan.wait_list);
	wq->wchan.name = name;
}

/* now + @delay, saturated: a huge relative timeout must not wrap into the past */
static ktime_t deadline_after(ktime_t now, ktime_t delay)
{
	return delay > KTIME_MAX - now ? KTIME_MAX : now + delay;
}

/**
 * evl_add_wait_queue - queue the caller on @wq and arm its timeout
 * @wq: the wait queue, whose lock the caller holds
 * @timeout: EVL_INFINITE, or a delay (EVL_REL) or a date on @wq's clock (EVL_ABS)
 * @tmode: EVL_REL or EVL_ABS
 *
 * As evl_sleep_on_locked() does, two cases do not queue the caller, and the next
 * evl_wait_schedule() returns at once: a pending kick (a signal arrived since the caller's
 * oob syscall entered: EVL_T_KICKED|EVL_T_BREAK, -ERESTARTSYS), then a date already past
 * (EVL_T_TIMEO, -ETIMEDOUT). Sleeping from the in-band stage breaks the golden rule
 * (evl_sleep_on() asserts oob context): reported, then the wait goes on.
 */
void evl_add_wait_queue(struct evl_wait_queue *wq, ktime_t timeout, enum evl_tmode tmode)
{
	struct evl_thread *curr = evlsim__evl_thread_self(), *pos;
	struct evlsim_thread *t = curr->evlsim;
	ktime_t now = evlsim__clock_now(), deadline = 0;

	/* a freed wait queue: reported, and the wait ends at once (-EIDRM), never a hang */
	if (unlikely(evlsim__mem_freed(wq, "evl_wait_event",
				       evlsim__wait_site ?: __builtin_return_address(0)))) {
		evlsim__prepare_sleep(t);
		curr->info = curr->wait_early = EVL_T_RMID;
		return;
	}

	/*
	 * The golden rule (services.def): a blocking EVL wait runs oob, never in a timer
	 * handler, with no hard lock but the channel's (reported, then the wait goes on).
	 * The call site is the driver's: the macro's expansion calling us, or the one an
	 * out-of-line wait (evl_down(), evl_lock_kmutex(), ...) recorded.
	 */
	if (likely(__atomic_load_n(&evlsim__checks_enabled, __ATOMIC_RELAXED))) {
		void *site = evlsim__wait_site;

		evlsim__check_service_locked(site ? evlsim__wait_svc : EVLSIM_SVC_evl_wait_event,
					     site ?: __builtin_return_address(0), 1);
	}

	curr->info = 0;
	curr->wait_early = 0;
	curr->wait_deadline = 0;
	__atomic_store_n(&t->wait_break, 0, __ATOMIC_RELAXED);	/* one aimed at an earlier wait */

	/*
	 * Armed first: a signal handled after this point is seen by the sleep, one handled
	 * before it by the check below (handlers run on this very thread).
	 */
	evlsim__prepare_sleep(t);
	if (t->stage == EVLSIM_OOB && evlsim__signal_since(t, t->oob_sig)) {
		curr->info = curr->wait_early = EVL_T_KICKED | EVL_T_BREAK;
		return;
	}
	/* fault injection: the wait ends at once, forcibly unblocked (-EINTR) or timed out */
	if (unlikely(__atomic_load_n(&evlsim__faults_on, __ATOMIC_RELAXED))) {
		int f = evlsim__should_fail_at(EVLSIM_FAULT_EVL_WAIT, 0,
					       evlsim__wait_site ?: __builtin_return_address(0));

		if (f) {
			curr->info = curr->wait_early =
				f == EVLSIM_FAULT_WAIT_ETIMEDOUT ? EVL_T_TIMEO : EVL_T_BREAK;
			return;
		}
	}
	if (!timeout_infinite(timeout)) {
		deadline = tmode == EVL_REL ? deadline_after(now, timeout)
					    : evlsim__clock_to_mono(wq->clock, timeout);
		if (deadline <= now) {
			curr->info = curr->wait_early = EVL_T_TIMEO;
			return;
		}
		curr->wait_deadline = deadline;
	}

	/* a user thread waits at the priority its program last gave it (SCHED_FIFO,
	 * SCHED_RR): applied at its first wait since the setting */
	if (unlikely(!t->evl_thread_ext &&
		     __atomic_load_n(&t->sched_gen, __ATOMIC_ACQUIRE) != t->sched_applied)) {
		t->sched_applied = __atomic_load_n(&t->sched_gen, __ATOMIC_ACQUIRE);
		curr->wprio = evlsim__sched_wprio(t);
	}
	if (wq->flags & EVL_WAIT_PRIO) {
		/* by priority, FIFO among equals: before the first lower-priority waiter */
		list_for_each_entry(pos, &wq->wchan.wait_list, wait_next)
			if (pos->wprio < curr->wprio)
				break;
		list_add_tail(&curr->wait_next, &pos->wait_next);
	} else {
		list_add_tail(&curr->wait_next, &wq->wchan.wait_list);
	}
	WRITE_ONCE(curr->wchan, &wq->wchan);
	WRITE_ONCE(curr->state, READ_ONCE(curr->state) | EVL_T_PEND);	/* evl_get_state() */
}

/* The wake-up status as a return code (spec 5.1). */
static int wait_status(int info)
{
	if (!(info & (EVL_T_RMID | EVL_T_NOMEM | EVL_T_TIMEO | EVL_T_BREAK | EVL_T_KICKED)))
		return 0;
	if (info & EVL_T_RMID)
		return -EIDRM;
	if (info & EVL_T_NOMEM)
		return -ENOMEM;
	if (info & EVL_T_TIMEO)
		return -ETIMEDOUT;
	if (info & EVL_T_KICKED)
		return -ERESTARTSYS;
	return -EINTR;
}

/**
 * __evl_wait_schedule - sleep on the channel the caller queued itself on
 * @wchan: that channel (its lock not held)
 *
 * Returns 0 when woken with no reason, -EIDRM (EVL_T_RMID), -ENOMEM (EVL_T_NOMEM),
 * -ETIMEDOUT (deadline), -ERESTARTSYS (a signal kicked the thread), -EINTR (forcibly
 * unblocked).
 */
int __evl_wait_schedule(struct evl_wait_channel *wchan)
{
	struct evl_thread *curr = evlsim__evl_thread_self();
	unsigned long flags;
	int r, info;

	/*
	 * Not queued (kicked or timed out on entry). Only this thread writes ->wait_early;
	 * ->state is a waker's to change once queued, hence not tested here.
	 */
	if (unlikely(curr->wait_early)) {
		info = curr->wait_early;
		curr->wait_early = 0;
		return wait_status(info);
	}

	if (unlikely(evlsim__evl_kicked(curr)))	/* being stopped (evl_stop_kthread()) */
		r = EVLSIM_WOKEN;
	else
		r = evlsim__sleep(curr->evlsim, curr->wait_deadline ?: EVLSIM_NS_INFINITE,
				  EVLSIM_SLEEP_INTERRUPTIBLE | EVLSIM_SLEEP_BREAKABLE);

	raw_spin_lock_irqsave(&wchan->lock, flags);
	if (curr->wchan == wchan) {	/* not dequeued by a waker */
		list_del_init(&curr->wait_next);
		WRITE_ONCE(curr->wchan, NULL);
		/* a stop request or evl_unblock_thread() forcibly unblocks, a signal kicks */
		curr->info |= r == EVLSIM_TIMEDOUT ? EVL_T_TIMEO :
			evlsim__evl_kicked(curr) ||
			__atomic_load_n(&((struct evlsim_thread *)curr->evlsim)->wait_break,
					__ATOMIC_ACQUIRE) ? EVL_T_BREAK :
			EVL_T_KICKED | EVL_T_BREAK;
	}
	WRITE_ONCE(curr->state, READ_ONCE(curr->state) & ~EVL_T_PEND);
	info = curr->info;
	raw_spin_unlock_irqrestore(&wchan->lock, flags);

	if (unlikely(READ_ONCE(curr->state) & (EVL_T_SUSP | EVL_T_HALT | EVL_T_DORMANT)))
		evlsim__evl_hold_point(curr);	/* held meanwhile (evl_hold_thread()) */

	return wait_status(info);
}

bool evlsim__evl_wait_bcast(void)
{
	return evlsim__evl_thread_self()->info & EVL_T_BCAST;
}

struct evl_thread *evl_wait_head(struct evl_wait_queue *wq)
{
	return evl_head_waiter(wq);
}

struct evl_thread *evl_wake_up(struct evl_wait_queue *wq, struct evl_thread *waiter,
			       int reason)
{
	if (!waiter)
		waiter = evl_head_waiter(wq);
	if (!waiter)
		return NULL;
	/*
	 * A waiter the caller picked earlier may have left since (timed out, kicked) and
	 * may sleep elsewhere now: as evl_wakeup_thread() does for a thread not pending
	 * there, leave it alone (never unlink it from another channel, nor wake that wait).
	 */
	if (unlikely(READ_ONCE(waiter->wchan) != &wq->wchan))
		return evl_wait_active(wq) ? waiter : NULL;
	list_del_init(&waiter->wait_next);
	WRITE_ONCE(waiter->wchan, NULL);
	waiter->info |= reason;
	WRITE_ONCE(waiter->state, READ_ONCE(waiter->state) & ~EVL_T_PEND);
	evlsim__wake(waiter->evlsim);
	return waiter;
}

int evl_flush_wait_locked(struct evl_wait_queue *wq, int reason)
{
	int n = 0;

	while (evl_wake_up(wq, NULL, reason))
		n++;
	return n;
}

int evl_flush_wait(struct evl_wait_queue *wq, int reason)
{
	unsigned long flags;
	int n;

	if (unlikely(evlsim__mem_freed(wq, "evl_flush_wait", __builtin_return_address(0))))
		return 0;

	raw_spin_lock_irqsave(&wq->wchan.lock, flags);
	n = evl_flush_wait_locked(wq, reason);
	raw_spin_unlock_irqrestore(&wq->wchan.lock, flags);
	return n;
}

void evl_destroy_wait(struct evl_wait_queue *wq)
{
	evl_flush_wait(wq, EVL_T_RMID);
	evl_schedule();
}

/* ---- flags ----------------------------------------------------------------------------- */

void evl_init_flag(struct evl_flag *wf)
{
	evl_init_wait(&wf->wait, &evl_mono_clock, EVL_WAIT_PRIO);
	wf->raised = false;
}

void evl_destroy_flag(struct evl_flag *wf)
{
	evl_destroy_wait(&wf->wait);
}

void evl_raise_flag_locked(struct evl_flag *wf)
{
	WRITE_ONCE(wf->raised, true);	/* evl_peek_flag() reads it locklessly */
	evl_flush_wait_locked(&wf->wait, 0);
}

void evl_raise_flag_nosched(struct evl_flag *wf)
{
	unsigned long flags;

	evl_lock_flag(wf, flags);
	evl_raise_flag_locked(wf);
	evl_unlock_flag(wf, flags);
}

void evl_raise_flag(struct evl_flag *wf)
{
	if (unlikely(evlsim__mem_freed(wf, "evl_raise_flag", __builtin_return_address(0))))
		return;
	evl_raise_flag_nosched(wf);
	evl_schedule();
}

void evl_flush_flag_locked(struct evl_flag *wf, int reason)
{
	evl_flush_wait_locked(&wf->wait, reason);
}

void evl_flush_flag_nosched(struct evl_flag *wf, int reason)
{
	unsigned long flags;

	evl_lock_flag(wf, flags);
	evl_flush_flag_locked(wf, reason);
	evl_unlock_flag(wf, flags);
}

void evl_flush_flag(struct evl_flag *wf, int reason)
{
	evl_flush_flag_nosched(wf, reason);
	evl_schedule();
}

void evl_pulse_flag_locked(struct evl_flag *wf)
{
	evl_flush_flag_locked(wf, EVL_T_BCAST);
}

void evl_pulse_flag_nosched(struct evl_flag *wf)
{
	evl_flush_flag_nosched(wf, EVL_T_BCAST);
}

void evl_pulse_flag(struct evl_flag *wf)
{
	evl_flush_flag(wf, EVL_T_BCAST);
}

void evl_clear_flag(struct evl_flag *wf)
{
	unsigned long flags;

	evl_lock_flag(wf, flags);
	WRITE_ONCE(wf->raised, false);
	evl_unlock_flag(wf, flags);
}
