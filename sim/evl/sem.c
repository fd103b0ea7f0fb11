// SPDX-License-Identifier: LGPL-2.1-or-later
/*
 * EVL kernel semaphores (kernel world), after kernel/evl/sem.c and spec section 5.4, on
 * the EVL wait queues (evl/wait.c).
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

void evl_init_ksem(struct evl_ksem *ksem, unsigned int value)
{
	ksem->value = value;
	evl_init_wait(&ksem->wait, &evl_mono_clock, EVL_WAIT_PRIO);
}

void evl_destroy_ksem(struct evl_ksem *ksem)
{
	evl_destroy_wait(&ksem->wait);
}

static bool down_ksem(struct evl_ksem *ksem)
{
	if (ksem->value > 0) {
		ksem->value--;
		return true;
	}
	return false;
}

/* @timeout: EVL_INFINITE, or an absolute date on the monotonic clock */
int evl_down_timeout(struct evl_ksem *ksem, ktime_t timeout)
{
	evlsim__wait_site_enter(EVLSIM_SVC_evl_down_timeout);
	int ret = evl_wait_event_timeout(&ksem->wait, timeout, EVL_ABS, down_ksem(ksem));

	evlsim__wait_site_exit();
	return ret;
}

int evl_down(struct evl_ksem *ksem)
{
	evlsim__wait_site_enter(EVLSIM_SVC_evl_down);
	int ret = evl_down_timeout(ksem, EVL_INFINITE);

	evlsim__wait_site_exit();
	return ret;
}

int evl_trydown(struct evl_ksem *ksem)
{
	unsigned long flags;
	bool ret;

	raw_spin_lock_irqsave(&ksem->wait.wchan.lock, flags);
	ret = down_ksem(ksem);
	raw_spin_unlock_irqrestore(&ksem->wait.wchan.lock, flags);
	return ret ? 0 : -EAGAIN;
}

void evl_up(struct evl_ksem *ksem)
{
	unsigned long flags;

	raw_spin_lock_irqsave(&ksem->wait.wchan.lock, flags);
	ksem->value++;
	evl_wake_up_head(&ksem->wait);
	raw_spin_unlock_irqrestore(&ksem->wait.wchan.lock, flags);
	evl_schedule();
}

void evl_broadcast(struct evl_ksem *ksem)
{
	unsigned long flags;

	raw_spin_lock_irqsave(&ksem->wait.wchan.lock, flags);
	if (evl_wait_active(&ksem->wait)) {
		ksem->value = 0;
		evl_flush_wait_locked(&ksem->wait, EVL_T_BCAST);
	}
	raw_spin_unlock_irqrestore(&ksem->wait.wchan.lock, flags);
	evl_schedule();
}
