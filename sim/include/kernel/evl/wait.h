/* SPDX-License-Identifier: LGPL-2.1-or-later */
/*
 * evlsim shim: faithful to linux-evl include/evl/wait.h (API, algorithm of
 * evl_wait_event_timeout(), wake-up reasons and the return codes of spec 5.1);
 * custom implementation in sim/evl/wait.c on the simulator's sleep/wake primitive.
 *
 * A wait queue is a wait channel (hard lock + list of pending threads) with a clock and
 * a queuing order (EVL_WAIT_FIFO, or EVL_WAIT_PRIO: by the thread's wprio, FIFO among
 * equals). Waking does not reschedule in the kernel; here it never needs to, and
 * evl_schedule() is an empty call drivers still make.
 */
#ifndef _EVLSIM_EVL_WAIT_H
#define _EVLSIM_EVL_WAIT_H

#include <linux/errno.h>
#include <linux/list.h>
#include <linux/lockdep_types.h>
#include <linux/spinlock.h>
#include <evl/clock.h>
#include <evl/sched.h>
#include <evl/thread.h>
#include <evl/timeout.h>

#define EVL_WAIT_FIFO	0
#define EVL_WAIT_PRIO	BIT(0)

struct evl_wait_channel {
	hard_spinlock_t lock;
	struct evl_thread *owner;	/* only mutexes have owners */
	bool (*requeue_wait)(struct evl_wait_channel *wchan, struct evl_thread *waiter);
	struct list_head wait_list;
	const char *name;
};

struct evl_wait_queue {
	int flags;
	struct evl_clock *clock;
	struct evl_wait_channel wchan;
};

#define EVL_WAIT_INITIALIZER(__name) {					\
		.flags = EVL_WAIT_PRIO,					\
		.clock = &evl_mono_clock,				\
		.wchan = {						\
			.lock = __HARD_SPIN_LOCK_INITIALIZER((__name).wchan.lock), \
			.wait_list = LIST_HEAD_INIT((__name).wchan.wait_list), \
			.name = #__name,				\
		},							\
	}

#define evl_head_waiter(__wq)						\
	list_first_entry_or_null(&(__wq)->wchan.wait_list, struct evl_thread, wait_next)

#define evl_for_each_waiter(__pos, __wq)				\
	list_for_each_entry(__pos, &(__wq)->wchan.wait_list, wait_next)

#define evl_for_each_waiter_safe(__pos, __tmp, __wq)			\
	list_for_each_entry_safe(__pos, __tmp, &(__wq)->wchan.wait_list, wait_next)

void __evl_init_wait(struct evl_wait_queue *wq, struct evl_clock *clock, int flags,
		     const char *name, struct lock_class_key *key) __evlsim_ksym(__evl_init_wait);

#define evl_init_wait(__wq, __clock, __flags)				\
	do {								\
		static struct lock_class_key __key;			\
		__evl_init_wait(__wq, __clock, __flags, #__wq, &__key);	\
	} while (0)

#define evl_init_wait_on_stack(__wq, __clock, __flags)			\
	__evl_init_wait(__wq, __clock, __flags, #__wq, NULL)

void evl_destroy_wait(struct evl_wait_queue *wq) __evlsim_ksym(evl_destroy_wait);

/* lock held: queue the caller, arm its timeout */
void evl_add_wait_queue(struct evl_wait_queue *wq, ktime_t timeout, enum evl_tmode tmode)
	__evlsim_ksym(evl_add_wait_queue);

/* lock not held: sleep until woken, timed out or kicked; 0 or a spec 5.1 code */
int __evl_wait_schedule(struct evl_wait_channel *wchan) __evlsim_ksym(__evl_wait_schedule);

static inline int evl_wait_schedule(struct evl_wait_queue *wq)
{
	return __evl_wait_schedule(&wq->wchan);
}

static inline bool evl_wait_active(struct evl_wait_queue *wq)
{
	return !list_empty(&wq->wchan.wait_list);
}

struct evl_thread *evl_wait_head(struct evl_wait_queue *wq) __evlsim_ksym(evl_wait_head);

/* lock held: wake @waiter (the head if NULL) with @reason as its information bits */
struct evl_thread *evl_wake_up(struct evl_wait_queue *wq, struct evl_thread *waiter,
			       int reason) __evlsim_ksym(evl_wake_up);

static inline struct evl_thread *evl_wake_up_head(struct evl_wait_queue *wq)
{
	return evl_wake_up(wq, NULL, 0);
}

/* lock held: wake every waiter with @reason; returns how many */
int evl_flush_wait_locked(struct evl_wait_queue *wq, int reason)
	__evlsim_ksym(evl_flush_wait_locked);
int evl_flush_wait(struct evl_wait_queue *wq, int reason) __evlsim_ksym(evl_flush_wait);

/* whether the caller's last wake-up was a broadcast (EVL_T_BCAST) */
__evlsim_export bool evlsim__evl_wait_bcast(void);

#define evl_wait_event_timeout(__wq, __timeout, __timeout_mode, __cond)	\
({									\
	unsigned long __flags;						\
	int __ret = 0;							\
	bool __bcast;							\
									\
	raw_spin_lock_irqsave(&(__wq)->wchan.lock, __flags);		\
	if (!(__cond)) {						\
		if (timeout_nonblock(__timeout)) {			\
			__ret = -EAGAIN;				\
		} else {						\
			do {						\
				evl_add_wait_queue(__wq, __timeout, __timeout_mode); \
				raw_spin_unlock_irqrestore(&(__wq)->wchan.lock, __flags); \
				__ret = evl_wait_schedule(__wq);	\
				__bcast = evlsim__evl_wait_bcast();	\
				raw_spin_lock_irqsave(&(__wq)->wchan.lock, __flags); \
			} while (!__ret && !__bcast && !(__cond));	\
		}							\
	}								\
	raw_spin_unlock_irqrestore(&(__wq)->wchan.lock, __flags);	\
	__ret;								\
})

#define evl_wait_event(__wq, __cond)					\
	evl_wait_event_timeout(__wq, EVL_INFINITE, EVL_REL, __cond)

#endif
