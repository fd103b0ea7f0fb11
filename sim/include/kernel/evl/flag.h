/* SPDX-License-Identifier: LGPL-2.1-or-later */
/*
 * evlsim shim: faithful to linux-evl include/evl/flag.h: an auto-clearing event on a
 * priority wait queue. Raising wakes every waiter, the first to run consumes the event,
 * the others wait again; a pulse wakes every waiter (EVL_T_BCAST) without latching; a
 * wait consumes a latched raise at once. Implementation in sim/evl/wait.c.
 */
#ifndef _EVLSIM_EVL_FLAG_H
#define _EVLSIM_EVL_FLAG_H

#include <evl/wait.h>

struct evl_flag {
	struct evl_wait_queue wait;
	bool raised;
};

#define DEFINE_EVL_FLAG(__name)						\
	struct evl_flag __name = {					\
		.wait = EVL_WAIT_INITIALIZER((__name).wait),		\
		.raised = false,					\
	}

void evl_init_flag(struct evl_flag *wf) __evlsim_ksym(evl_init_flag);
#define evl_init_flag_on_stack(__wf)	evl_init_flag(__wf)
void evl_destroy_flag(struct evl_flag *wf) __evlsim_ksym(evl_destroy_flag);

#define evl_lock_flag(__wf, __flags)					\
	raw_spin_lock_irqsave(&(__wf)->wait.wchan.lock, __flags)
#define evl_unlock_flag(__wf, __flags)					\
	raw_spin_unlock_irqrestore(&(__wf)->wait.wchan.lock, __flags)

static inline bool evl_peek_flag(struct evl_flag *wf)
{
	return READ_ONCE(wf->raised);
}

/* test-and-clear, lock held (a store evl_peek_flag() may race with, hence WRITE_ONCE) */
static inline bool evl_read_flag(struct evl_flag *wf)
{
	bool ret = wf->raised;

	if (ret)
		WRITE_ONCE(wf->raised, false);
	return ret;
}

static inline int evl_wait_flag_timeout(struct evl_flag *wf, ktime_t timeout,
					enum evl_tmode timeout_mode)
{
	return evl_wait_event_timeout(&wf->wait, timeout, timeout_mode, evl_read_flag(wf));
}

static inline int evl_wait_flag(struct evl_flag *wf)
{
	return evl_wait_flag_timeout(wf, EVL_INFINITE, EVL_REL);
}

/* lock held */
static inline struct evl_thread *evl_wait_flag_head(struct evl_flag *wf)
{
	return evl_wait_head(&wf->wait);
}

void evl_raise_flag_locked(struct evl_flag *wf) __evlsim_ksym(evl_raise_flag_locked);
void evl_raise_flag_nosched(struct evl_flag *wf) __evlsim_ksym(evl_raise_flag_nosched);
void evl_raise_flag(struct evl_flag *wf) __evlsim_ksym(evl_raise_flag);
void evl_flush_flag_locked(struct evl_flag *wf, int reason) __evlsim_ksym(evl_flush_flag_locked);
void evl_flush_flag_nosched(struct evl_flag *wf, int reason) __evlsim_ksym(evl_flush_flag_nosched);
void evl_flush_flag(struct evl_flag *wf, int reason) __evlsim_ksym(evl_flush_flag);
void evl_pulse_flag_locked(struct evl_flag *wf) __evlsim_ksym(evl_pulse_flag_locked);
void evl_pulse_flag_nosched(struct evl_flag *wf) __evlsim_ksym(evl_pulse_flag_nosched);
void evl_pulse_flag(struct evl_flag *wf) __evlsim_ksym(evl_pulse_flag);
void evl_clear_flag(struct evl_flag *wf) __evlsim_ksym(evl_clear_flag);

#endif
