/* SPDX-License-Identifier: LGPL-2.1-or-later */
/*
 * evlsim shim: linux v6.12 include/linux/delay.h, custom re-implementation.
 * udelay()/ndelay()/mdelay() busy-wait on the simulator's clock; msleep() and friends
 * sleep on its sleep primitive. Deviation: the sleeps last the requested time (plus
 * scheduling latency), without the kernel's extra jiffy.
 */
#ifndef _EVLSIM_LINUX_DELAY_H
#define _EVLSIM_LINUX_DELAY_H

#include <linux/math.h>
#include <linux/sched.h>

#define MAX_UDELAY_MS	5

void __udelay(unsigned long usecs) __evlsim_ksym(__udelay);
void __ndelay(unsigned long nsecs) __evlsim_ksym(__ndelay);
#define udelay(n)	__udelay(n)
#define ndelay(n)	__ndelay(n)
#define mdelay(n) ({ unsigned long __ms = (n); while (__ms--) udelay(1000); })

/* msleep - sleep at least @msecs milliseconds, uninterruptibly */
void msleep(unsigned int msecs) __evlsim_ksym(msleep);
/*
 * msleep_interruptible - sleep @msecs milliseconds unless a signal arrives
 * Returns 0, or the milliseconds left (rounded up) when a signal ended the sleep.
 */
unsigned long msleep_interruptible(unsigned int msecs) __evlsim_ksym(msleep_interruptible);
/* usleep_range_state - sleep at least @min microseconds (the slack up to @max is unused) */
void usleep_range_state(unsigned long min, unsigned long max, unsigned int state)
	__evlsim_ksym(usleep_range_state);

static inline void usleep_range(unsigned long min, unsigned long max)
{
	usleep_range_state(min, max, TASK_UNINTERRUPTIBLE);
}

static inline void usleep_idle_range(unsigned long min, unsigned long max)
{
	usleep_range_state(min, max, TASK_IDLE);
}

static inline void ssleep(unsigned int seconds)
{
	msleep(seconds * 1000);
}

/* fsleep - the right delay or sleep for @usecs, as Documentation/timers/delay_sleep.rst says */
static inline void fsleep(unsigned long usecs)
{
	if (usecs <= 10)
		udelay(usecs);
	else if (usecs <= 20000)
		usleep_range(usecs, 2 * usecs);
	else
		msleep(DIV_ROUND_UP(usecs, 1000));
}

#endif
