// SPDX-License-Identifier: LGPL-2.1-or-later
/*
 * EVL timers (kernel world), after kernel/evl/timer.c and kernel/evl/clock.c (K @4e28d78),
 * spec section 5.9.
 *
 * Every timer of the process is queued on one timer base, sorted by date on the monotonic
 * clock (FIFO among equal dates). One host thread, the simulator's "timer CPU", serves it:
 * an EVL thread ("evl-timer") running out-of-band, which sleeps on the one sleep/wake
 * primitive until the head timer's date or until a timer is queued ahead of it, then runs
 * the handlers that are due, one at a time, in expiry order, with hard irqs off and the
 * base unlocked (a handler may start, stop or destroy any timer, its own included). After
 * the handler of a periodic timer that is still running and was not restarted, its date
 * moves to the first tick after the date it fired at, as do_clock_tick() does.
 *
 * Timers armed when their module is unloaded (or fails its init) are reported as leaks and
 * stopped (evl_timer_leftovers()).
 */
#include <linux/kernel.h>
#include <linux/irqflags.h>
#include <linux/spinlock.h>
#include <evl/clock.h>
#include <evl/timer.h>
#include "kinternal.h"

struct timer_syncer {
	struct list_head next;
	struct evlsim_thread *thread;
};

struct evl_timerbase {
	hard_spinlock_t lock;
	struct list_head queue;		/* armed timers, by date */
	struct list_head syncers;	/* callers waiting for a handler to return */
	struct evlsim_thread *cpu;	/* the timer CPU's thread state, once it runs */
	struct evl_timer *running;	/* the timer whose handler runs now */
	int started;			/* the timer CPU was spawned */
};

static struct evl_timerbase timerbase = {
	.lock = __HARD_SPIN_LOCK_INITIALIZER(timerbase.lock),
	.queue = LIST_HEAD_INIT(timerbase.queue),
	.syncers = LIST_HEAD_INIT(timerbase.syncers),
};

static inline void set_status(struct evl_timer *timer, int status)
{
	WRITE_ONCE(timer->status, status);
}

/* base locked: queue @timer by its date; wakes the timer CPU if it is the new head */
static void enqueue_timer(struct evl_timerbase *base, struct evl_timer *timer)
{
	struct evl_timer *pos;

	list_for_each_entry(pos, &base->queue, node.next)
		if (pos->evlsim_mono > timer->evlsim_mono)
			break;
	list_add_tail(&timer->node.next, &pos->node.next);
	set_status(timer, timer->status & ~EVL_TIMER_DEQUEUED);
	if (base->queue.next == &timer->node.next && base->cpu)
		evlsim__wake(base->cpu);
}

/* base locked: the date of the current periodic tick, anticipated by the gravity */
static void update_timer_date(struct evl_timer *timer)
{
	timer->node.date = ktime_sub(ktime_add(timer->start_date,
					       timer->periodic_ticks * timer->interval),
				     evl_get_timer_gravity(timer));
}

/* base locked */
static void dequeue_timer(struct evl_timer *timer)
{
	if (!list_empty(&timer->node.next)) {
		list_del_init(&timer->node.next);
		set_status(timer, timer->status | EVL_TIMER_DEQUEUED);
	}
}

/* base locked: wait until the handler of @timer returned (never from the timer CPU) */
static void sync_handler_locked(struct evl_timerbase *base, struct evl_timer *timer,
				unsigned long *flags)
{
	struct timer_syncer s = { .thread = evlsim__current() };

	if (base->running != timer)
		return;
	if (s.thread == base->cpu) {	/* from the handler itself: forget it */
		base->running = NULL;
		return;
	}
	INIT_LIST_HEAD(&s.next);
	while (base->running == timer) {
		list_add_tail(&s.next, &base->syncers);
		evlsim__prepare_sleep(s.thread);
		raw_spin_unlock_irqrestore(&base->lock, *flags);
		evlsim__sleep(s.thread, EVLSIM_NS_INFINITE, 0);
		raw_spin_lock_irqsave(&base->lock, *flags);
		list_del_init(&s.next);
	}
}

static void wake_syncers_locked(struct evl_timerbase *base)
{
	struct timer_syncer *s, *tmp;

	list_for_each_entry_safe(s, tmp, &base->syncers, next) {
		list_del_init(&s->next);
		evlsim__wake(s->thread);
	}
}

/* base locked, @timer dequeued and due at @now (its clock): run its handler, requeue a
 * periodic timer */
static void fire_timer(struct evl_timerbase *base, struct evl_timer *timer, ktime_t now,
		       unsigned long *flags)
{
	struct evlsim_irq_ctx ctx;
	int status, cpu;

	status = timer->status | EVL_TIMER_FIRED;
	if (!(status & EVL_TIMER_PERIODIC))
		status &= ~EVL_TIMER_RUNNING;
	set_status(timer, status);
	base->running = timer;
	raw_spin_unlock_irqrestore(&base->lock, *flags);

	evlsim__oob_irq_enter(evlsim__self, &ctx, false);	/* evl_in_irq() */
	cpu = evlsim__cpu_ctx_set(timer->evlsim_cpu);		/* smp_processor_id() */
	evlsim__sched_point(EVLSIM_SP_TIMER);
	timer->handler(timer);
	evlsim__cpu_ctx_set(cpu);
	evlsim__oob_irq_exit(evlsim__self, &ctx, false);

	raw_spin_lock_irqsave(&base->lock, *flags);
	if (base->running != timer)	/* destroyed by its own handler: hands off */
		goto out;
	base->running = NULL;
	if ((timer->status & (EVL_TIMER_PERIODIC | EVL_TIMER_DEQUEUED | EVL_TIMER_RUNNING |
			      EVL_TIMER_KILLED)) ==
	    (EVL_TIMER_PERIODIC | EVL_TIMER_DEQUEUED | EVL_TIMER_RUNNING)) {
		do {	/* past @now, read before the handler ran, as do_clock_tick() does */
			timer->periodic_ticks++;
			update_timer_date(timer);
		} while (timer->node.date < now);
		timer->evlsim_mono = evlsim__clock_to_mono(timer->clock, timer->node.date);
		enqueue_timer(base, timer);
	}
out:
	wake_syncers_locked(base);
}

static void timer_cpu(void *arg)
{
	struct evl_timerbase *base = arg;
	struct evlsim_thread *self = evlsim__current();
	struct evl_timer *timer;
	unsigned long flags;
	evlsim_ns_t now, deadline;
	int ret;

	ret = evlsim__evl_attach(self, "evl-timer", 0);
	if (ret < 0)
		evlsim__die("cannot attach the timer CPU to EVL: %d", ret);
	self->stage = EVLSIM_OOB;

	raw_spin_lock_irqsave(&base->lock, flags);
	base->cpu = self;
	for (;;) {
		timer = list_first_entry_or_null(&base->queue, struct evl_timer, node.next);
		now = evlsim__clock_now();
		if (timer && timer->evlsim_mono <= now) {
			dequeue_timer(timer);
			fire_timer(base, timer, evl_read_clock(timer->clock), &flags);
			continue;
		}
		/* the head's date read under the lock: a restart rewrites it */
		deadline = timer ? timer->evlsim_mono : EVLSIM_NS_INFINITE;
		evlsim__prepare_sleep(self);
		raw_spin_unlock_irqrestore(&base->lock, flags);
		evlsim__sleep(self, deadline, 0);
		raw_spin_lock_irqsave(&base->lock, flags);
	}
}

/* In a child process, the timer CPU is gone: a new one starts on demand. */
static void timerbase_atfork_child(void)
{
	struct evl_timerbase *base = &timerbase;

	base->lock.rlock.lock = 0;
	base->lock.rlock.owner = NULL;
	INIT_LIST_HEAD(&base->syncers);
	base->cpu = NULL;
	base->running = NULL;
	base->started = 0;
}

static void start_timer_cpu(struct evl_timerbase *base)
{
	static int atfork_registered;

	evlsim__host_thread_once(&base->started, &atfork_registered, timerbase_atfork_child,
				 timer_cpu, base, "evl-timer");
}

/**
 * evlsim__init_timer - initialise an EVL timer (the evl_init_timer*() macros)
 * @timer: the timer
 * @clock: the clock its dates are on
 * @handler: called out-of-band, hard irqs off, on the timer CPU, each time it fires
 * @rq: the run queue it is bound to (recorded)
 * @cpu: the CPU it is bound to (recorded), -1 for any
 * @name: its name, for diagnostics
 * @flags: EVL_TIMER_*GRAVITY (recorded)
 * @owner: the module whose code initialised it (THIS_MODULE), NULL for the core
 */
void evlsim__init_timer(struct evl_timer *timer, struct evl_clock *clock,
			void (*handler)(struct evl_timer *timer), struct evl_rq *rq,
			int cpu, const char *name, int flags, struct module *owner)
{
	timer->clock = clock;
	INIT_LIST_HEAD(&timer->node.next);
	timer->node.date = EVL_INFINITE;
	INIT_LIST_HEAD(&timer->adjlink);
	timer->status = EVL_TIMER_DEQUEUED | (flags & EVL_TIMER_INIT_MASK);
	timer->interval = EVL_INFINITE;
	timer->start_date = 0;
	timer->pexpect_ticks = 0;
	timer->periodic_ticks = 0;
	timer->rq = rq;
	timer->base = &timerbase;
	timer->handler = handler;
	timer->name = name ?: "<timer>";
	timer->evlsim_mono = 0;
	timer->evlsim_owner = owner;
	timer->evlsim_cpu = cpu;
	start_timer_cpu(&timerbase);
}

/**
 * evl_start_timer - arm a timer
 * @timer: an initialised timer, armed or not
 * @value: the date it fires first, absolute on its clock (a date already past fires at once)
 * @interval: its period, or EVL_INFINITE (0) for a one-shot timer
 *
 * Any stage; may be called from any timer's handler, this one's included.
 */
void evl_start_timer(struct evl_timer *timer, ktime_t value, ktime_t interval)
{
	evlsim__check_service(EVLSIM_SVC_evl_start_timer);
	struct evl_timerbase *base = &timerbase;
	unsigned long flags;
	int status;

	start_timer_cpu(base);
	raw_spin_lock_irqsave(&base->lock, flags);
	dequeue_timer(timer);
	status = timer->status & ~(EVL_TIMER_FIRED | EVL_TIMER_PERIODIC | EVL_TIMER_KILLED);
	status |= EVL_TIMER_RUNNING;
	if (interval != EVL_INFINITE)
		status |= EVL_TIMER_PERIODIC;
	set_status(timer, status);
	timer->interval = interval;
	timer->start_date = value;
	/* anticipate the shot by the gravity of the context the timer wakes */
	timer->node.date = ktime_sub(value, evl_get_timer_gravity(timer));
	timer->periodic_ticks = 0;
	timer->pexpect_ticks = 0;
	timer->evlsim_mono = evlsim__clock_to_mono(timer->clock, value);
	enqueue_timer(base, timer);
	raw_spin_unlock_irqrestore(&base->lock, flags);
}

/**
 * __evl_stop_timer - disarm a timer (evl_stop_timer() calls it for a running timer)
 *
 * Does not wait for a handler of the timer running on the timer CPU: a periodic timer
 * stopped meanwhile is simply not requeued.
 */
void __evl_stop_timer(struct evl_timer *timer)
{
	evlsim__check_service(EVLSIM_SVC_evl_stop_timer);
	struct evl_timerbase *base = &timerbase;
	unsigned long flags;

	raw_spin_lock_irqsave(&base->lock, flags);
	dequeue_timer(timer);
	set_status(timer, timer->status & ~(EVL_TIMER_FIRED | EVL_TIMER_RUNNING));
	raw_spin_unlock_irqrestore(&base->lock, flags);
}

/**
 * evl_destroy_timer - stop a timer for good
 *
 * Custom: waits for a handler of @timer running on the timer CPU to return, unless called
 * from that handler, so that the memory holding the timer can be freed next.
 */
void evl_destroy_timer(struct evl_timer *timer)
{
	struct evl_timerbase *base = &timerbase;
	unsigned long flags;

	raw_spin_lock_irqsave(&base->lock, flags);
	dequeue_timer(timer);
	set_status(timer, (timer->status & ~(EVL_TIMER_FIRED | EVL_TIMER_RUNNING)) |
		   EVL_TIMER_KILLED);
	sync_handler_locked(base, timer, &flags);
	timer->base = NULL;
	raw_spin_unlock_irqrestore(&base->lock, flags);
}

void evl_set_timer_gravity(struct evl_timer *timer, int gravity)
{
	struct evl_timerbase *base = &timerbase;
	unsigned long flags;

	raw_spin_lock_irqsave(&base->lock, flags);
	set_status(timer, (timer->status & ~EVL_TIMER_GRAVITY_MASK) |
		   (gravity & EVL_TIMER_GRAVITY_MASK));
	raw_spin_unlock_irqrestore(&base->lock, flags);
}

ktime_t evl_get_timer_date(struct evl_timer *timer)
{
	struct evl_timerbase *base = &timerbase;
	unsigned long flags;
	ktime_t date;

	raw_spin_lock_irqsave(&base->lock, flags);
	date = evl_timer_is_running(timer) ? evl_get_timer_expiry(timer) : EVL_INFINITE;
	raw_spin_unlock_irqrestore(&base->lock, flags);
	return date;
}

ktime_t evl_get_timer_delta(struct evl_timer *timer)
{
	ktime_t date = evl_get_timer_date(timer), now;

	if (date == EVL_INFINITE)
		return EVL_INFINITE;
	now = evl_read_clock(timer->clock);
	return date <= now ? ktime_set(0, 1) : ktime_sub(date, now);
}

/**
 * evl_get_timer_overruns - periodic ticks missed since the expected release
 *
 * As the kernel's: counts the whole periods elapsed since the expected release date
 * (evl_get_timer_next_date()), then moves that date one period past them; a timer still
 * queued for one of the missed ticks is moved to the next one. Used by evl_wait_period().
 */
unsigned long evl_get_timer_overruns(struct evl_timer *timer)
{
	struct evl_timerbase *base = &timerbase;
	unsigned long overruns = 0, flags;
	ktime_t now, delta;

	raw_spin_lock_irqsave(&base->lock, flags);
	if (timer->interval <= 0)
		goto out;
	now = evl_read_clock(timer->clock);
	delta = ktime_sub(now, evl_get_timer_next_date(timer));
	if (likely(delta < timer->interval))
		goto done;
	overruns = delta / timer->interval;
	timer->pexpect_ticks += overruns;
	if (evl_timer_is_running(timer) && !list_empty(&timer->node.next) &&
	    timer->periodic_ticks < timer->pexpect_ticks) {
		dequeue_timer(timer);
		timer->periodic_ticks = timer->pexpect_ticks;
		update_timer_date(timer);
		timer->evlsim_mono = evlsim__clock_to_mono(timer->clock, timer->node.date);
		enqueue_timer(base, timer);
	}
done:
	timer->pexpect_ticks++;
out:
	raw_spin_unlock_irqrestore(&base->lock, flags);
	return overruns;
}

/**
 * evl_timer_leftovers - report and stop the timers @mod left armed
 * @mod: the module being unloaded, or whose init failed
 * @when: what happens to it, for the report
 */
static void evl_timer_leftovers(struct module *mod, const char *when)
{
	struct evl_timerbase *base = &timerbase;
	struct evl_timer *timer;
	const char *name;
	unsigned long flags;
	bool found;

	if (!mod)
		return;
	do {
		found = false;
		raw_spin_lock_irqsave(&base->lock, flags);
		if (base->running && base->running->evlsim_owner == mod)
			sync_handler_locked(base, base->running, &flags);
		list_for_each_entry(timer, &base->queue, node.next) {
			if (timer->evlsim_owner == mod) {
				dequeue_timer(timer);
				set_status(timer, timer->status &
					   ~(EVL_TIMER_FIRED | EVL_TIMER_RUNNING));
				name = timer->name;
				found = true;
				break;
			}
		}
		raw_spin_unlock_irqrestore(&base->lock, flags);
		if (found)
			evlsim__report(EVLSIM_REPORT_LEAK, "module-leak",
				       "%s: %s with EVL timer '%s' still armed; stopping it",
				       mod->name, when, name);
	} while (found);
}

/* resource accounting (accounting.c): the EVL timers of @mod armed now */
static int evl_timer_count(struct module *mod)
{
	struct evl_timerbase *base = &timerbase;
	struct evl_timer *timer;
	unsigned long flags;
	int n = 0;

	raw_spin_lock_irqsave(&base->lock, flags);
	list_for_each_entry(timer, &base->queue, node.next)
		n += timer->evlsim_owner == mod;
	raw_spin_unlock_irqrestore(&base->lock, flags);
	return n;
}

/* armed EVL timers first: they run the module's code oob */
EVLSIM_MODULE_SERVICE(evl_timers, EVLSIM_ACCT_TIMERS, 10, evl_timer_count, evl_timer_leftovers);
