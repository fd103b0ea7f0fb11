/* SPDX-License-Identifier: LGPL-2.1-or-later */
/*
 * evlsim shim: faithful to linux-evl include/evl/sem.h, the kernel counting semaphore:
 * evl_down*() take a unit (waiting on a priority queue, the timeout is absolute on the
 * monotonic clock), evl_up() adds one and wakes the head waiter, which re-checks;
 * evl_broadcast() wakes every waiter with EVL_T_BCAST (their down returns 0 without a
 * unit). Implementation in sim/evl/wait.c.
 */
#ifndef _EVLSIM_EVL_SEM_H
#define _EVLSIM_EVL_SEM_H

#include <evl/wait.h>

struct evl_ksem {
	struct evl_wait_queue wait;
	unsigned int value;
};

#define DEFINE_EVL_KSEM(__name, __value)				\
	struct evl_ksem __name = {					\
		.wait = EVL_WAIT_INITIALIZER((__name).wait),		\
		.value = (__value),					\
	}

void evl_init_ksem(struct evl_ksem *ksem, unsigned int value) __evlsim_ksym(evl_init_ksem);
void evl_destroy_ksem(struct evl_ksem *ksem) __evlsim_ksym(evl_destroy_ksem);
int evl_down_timeout(struct evl_ksem *ksem, ktime_t timeout) __evlsim_ksym(evl_down_timeout);
int evl_down(struct evl_ksem *ksem) __evlsim_ksym(evl_down);
int evl_trydown(struct evl_ksem *ksem) __evlsim_ksym(evl_trydown);
void evl_up(struct evl_ksem *ksem) __evlsim_ksym(evl_up);
void evl_broadcast(struct evl_ksem *ksem) __evlsim_ksym(evl_broadcast);

#endif
