/* SPDX-License-Identifier: LGPL-2.1-or-later */
/*
 * evlsim shim: linux-evl include/evl/timer.h (K @4e28d78): names, prototypes and
 * semantics; custom implementation in sim/evl/timer.c.
 *
 * A timer fires at an absolute date of its clock, once (interval 0, EVL_INFINITE) or
 * periodically; its handler runs out-of-band with hard irqs off. Custom: every timer of
 * the process is queued on one timer base served by one host thread, the simulator's
 * "timer CPU", an EVL thread running oob; handlers run there one at a time, in expiry
 * order (FIFO among equal dates). The CPU and run queue a timer is bound to are recorded
 * and otherwise ignored. Gravity is the kernel's: a timer is programmed its clock's
 * gravity for the context it wakes (irq, kernel or user, after its EVL_TIMER_*GRAVITY
 * flag) before its date, as read when it is started or reloaded; with a gravity of 0 (the
 * default) it fires at its date, never before, and as soon after it as the host
 * schedules the timer CPU. A periodic timer that falls
 * behind skips the ticks it missed, as the kernel's does. evl_destroy_timer() waits for
 * a handler of the timer still running on the timer CPU (the kernel does not, but its
 * handlers run with hard irqs off on the CPU the destroying code usually runs on).
 *
 * A timer still armed when the module that initialised it is unloaded (or fails its init)
 * is reported as a leak and stopped.
 */
#ifndef _EVLSIM_EVL_TIMER_H
#define _EVLSIM_EVL_TIMER_H

#include <linux/types.h>
#include <linux/list.h>
#include <linux/ktime.h>
#include <linux/module.h>
#include <evl/clock.h>
#include <evl/timeout.h>

/* Timer status */
#define EVL_TIMER_DEQUEUED	0x00000001
#define EVL_TIMER_KILLED	0x00000002
#define EVL_TIMER_PERIODIC	0x00000004
#define EVL_TIMER_FIRED		0x00000010
#define EVL_TIMER_RUNNING	0x00000020
#define EVL_TIMER_KGRAVITY	0x00000040
#define EVL_TIMER_UGRAVITY	0x00000080
#define EVL_TIMER_IGRAVITY	0	/* most conservative */

#define EVL_TIMER_GRAVITY_MASK	(EVL_TIMER_KGRAVITY | EVL_TIMER_UGRAVITY)
#define EVL_TIMER_INIT_MASK	EVL_TIMER_GRAVITY_MASK

struct evl_rq;
struct evl_timerbase;

struct evl_tnode {
	struct list_head next;		/* simulator: the timer base's queue, by date */
	ktime_t date;			/* on the timer's clock */
};

struct evl_timer {
	struct evl_clock *clock;
	struct evl_tnode node;
	struct list_head adjlink;
	int status;
	ktime_t interval;		/* 0 == oneshot */
	ktime_t start_date;
	u64 pexpect_ticks;		/* periodic release date */
	u64 periodic_ticks;
	struct evl_rq *rq;
	struct evl_timerbase *base;
	void (*handler)(struct evl_timer *timer);
	const char *name;
	/* simulator bookkeeping */
	ktime_t evlsim_mono;		/* node.date on the monotonic clock: the queue's key */
	struct module *evlsim_owner;	/* the module that initialised it */
	int evlsim_cpu;			/* CPU it was bound to, -1: any */
};

#define evl_tdate(__timer)	((__timer)->node.date)

__evlsim_export void evlsim__init_timer(struct evl_timer *timer, struct evl_clock *clock,
			void (*handler)(struct evl_timer *timer), struct evl_rq *rq,
			int cpu, const char *name, int flags, struct module *owner);

#define __evl_init_timer(__timer, __clock, __handler, __rq, __name, __flags)	\
	evlsim__init_timer(__timer, __clock, __handler, __rq, -1, __name, __flags,	\
			   THIS_MODULE)

#define evl_init_timer_on_rq(__timer, __clock, __handler, __rq, __flags)	\
	__evl_init_timer(__timer, __clock, __handler, __rq, #__handler, __flags)

#define evl_init_timer_on_cpu(__timer, __cpu, __handler)			\
	evlsim__init_timer(__timer, &evl_mono_clock, __handler, NULL, __cpu,	\
			   #__handler, EVL_TIMER_IGRAVITY, THIS_MODULE)

#define evl_init_timer(__timer, __handler)					\
	evl_init_timer_on_rq(__timer, &evl_mono_clock, __handler, NULL,	\
			     EVL_TIMER_IGRAVITY)

void evl_destroy_timer(struct evl_timer *timer) __evlsim_ksym(evl_destroy_timer);

/* @value: absolute date on the timer's clock; @interval: period, EVL_INFINITE for one shot */
void evl_start_timer(struct evl_timer *timer, ktime_t value, ktime_t interval)
	__evlsim_ksym(evl_start_timer);
void __evl_stop_timer(struct evl_timer *timer) __evlsim_ksym(__evl_stop_timer);

static inline int evl_timer_is_running(struct evl_timer *timer)
{
	return (READ_ONCE(timer->status) & EVL_TIMER_RUNNING) != 0;
}

static inline int evl_timer_is_periodic(struct evl_timer *timer)
{
	return (READ_ONCE(timer->status) & EVL_TIMER_PERIODIC) != 0;
}

static inline void evl_stop_timer(struct evl_timer *timer)
{
	if (evl_timer_is_running(timer))
		__evl_stop_timer(timer);
}

static inline ktime_t evl_abs_timeout(struct evl_timer *timer, ktime_t delta)
{
	return ktime_add(evl_read_clock(timer->clock), delta);
}

static inline void evl_set_timer_name(struct evl_timer *timer, const char *name)
{
	timer->name = name;
}

static inline const char *evl_get_timer_name(struct evl_timer *timer)
{
	return timer->name;
}

/* @gravity: EVL_TIMER_KGRAVITY, EVL_TIMER_UGRAVITY or EVL_TIMER_IGRAVITY; next start */
void evl_set_timer_gravity(struct evl_timer *timer, int gravity)
	__evlsim_ksym(evl_set_timer_gravity);

/* How early the timer is programmed: its clock's gravity for the context it wakes. */
static inline unsigned long evl_get_timer_gravity(struct evl_timer *timer)
{
	struct evl_clock *clock = timer->clock;

	if (timer->status & EVL_TIMER_KGRAVITY)
		return READ_ONCE(clock->gravity.kernel);

	if (timer->status & EVL_TIMER_UGRAVITY)
		return READ_ONCE(clock->gravity.user);

	return READ_ONCE(clock->gravity.irq);
}

/* the date the timer fires next (on its clock), EVL_INFINITE if it is not running */
ktime_t evl_get_timer_date(struct evl_timer *timer) __evlsim_ksym(evl_get_timer_date);

static inline ktime_t evl_get_timer_expiry(struct evl_timer *timer)
{
	return ktime_add(evl_tdate(timer), evl_get_timer_gravity(timer));
}

/* time left until the timer fires (at least 1 ns), EVL_INFINITE if it is not running */
ktime_t evl_get_timer_delta(struct evl_timer *timer) __evlsim_ksym(evl_get_timer_delta);

static inline ktime_t evl_get_timer_next_date(struct evl_timer *timer)
{
	return ktime_add(timer->start_date, timer->pexpect_ticks * ktime_to_ns(timer->interval));
}

/* periodic timers: ticks missed since the expected release, which moves past now */
unsigned long evl_get_timer_overruns(struct evl_timer *timer)
	__evlsim_ksym(evl_get_timer_overruns);

#endif
