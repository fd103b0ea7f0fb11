/* SPDX-License-Identifier: MIT */
/*
 * tkthread: a driver for the EVL timer, kthread, irq_work, stax and heap tests. The node
 * /dev/tkthread is oob-capable; its ioctls exercise the stage-dependent services from the
 * caller's stage, and its plain-C entry points (declared below, called directly by the
 * test program) drive timers and kthreads and read back what their handlers observed.
 *
 * Module parameters: init_timer=1 arms a periodic timer at init, init_kthread=1 starts a
 * kthread at init; leave_running=1 makes the exit leave both (and any timer or kthread
 * started through the entry points) running, for the leak reports.
 */
#ifndef _TKTHREAD_ABI_H
#define _TKTHREAD_ABI_H

#include <linux/types.h>
#include <linux/ioctl.h>

#define TKT_IOC_STAX_LOCK	_IO('k', 1)	/* either stage */
#define TKT_IOC_STAX_UNLOCK	_IO('k', 2)
#define TKT_IOC_STAX_TRYLOCK	_IO('k', 3)
#define TKT_IOC_IRQ_WORK2	_IO('k', 4)	/* queue the irq_work twice; 1 if oob */
#define TKT_IOC_CALL_SYNC	_IO('k', 5)	/* evl_call_inband_sync(): its result */
#define TKT_IOC_ALLOC		_IO('k', 6)	/* evl_alloc/zalloc/free: 0 if sane */
#define TKT_IOC_SLEEP		_IO('k', 7)	/* evl_sleep(1 ms) */
#define TKT_IOC_NOW64		_IOW('k', 8, __u64)	/* arg: __u64 user pointer; the
							   date is copied there */

#define TKT_TIMERS		8
#define TKT_FIRES		64
#define TKT_KTHREADS		4

/* what a timer handler saw (tkt_timer_observed()) */
#define TKT_OBS_CURRENT		0x1	/* evl_current() != NULL */
#define TKT_OBS_OOB		0x2	/* running_oob() */
#define TKT_OBS_HARDIRQS_OFF	0x4	/* hard_irqs_disabled() */
#define TKT_OBS_NOSLEEP		0x8	/* evl_sleep() failed with -EPERM */

/* kthread bodies */
#define TKT_KT_LOOP		0	/* evl_sleep(1 ms) until asked to stop */
#define TKT_KT_WAIT		1	/* evl_wait_flag() on a flag nobody raises */
#define TKT_KT_PERIODIC		2	/* periodic mode with an overrun */
#define TKT_KT_SLEEP_UNTIL	3	/* evl_sleep_until() past, near and far dates */
#define TKT_KT_RETURN		4	/* returns at once */

#define TKT_PERIOD_NS		20000000LL	/* TKT_KT_PERIODIC's period */

struct tkt_kt_result {
	int started;		/* the body ran */
	int returned;		/* ... and reached its end */
	int current_ok;		/* evl_current() == &kt->thread, evl_current_kthread() == kt */
	int oob;		/* running_oob() */
	int wprio;		/* evl_current()->wprio */
	char name[32];		/* evl_current()->name */
	long loops;
	int ret[8];		/* body-specific return codes */
	unsigned long overruns[4];
	long long t[8];		/* body-specific dates (monotonic ns) */
};

/* plain-C entry points, in-band */
long long tkt_now(void);
int tkt_timer_setup(int slot, int stop_after);
void tkt_timer_start(int slot, long long value, long long interval);
void tkt_timer_stop(int slot);
void tkt_timer_destroy(int slot);
int tkt_timer_running(int slot);
long long tkt_timer_date(int slot);
int tkt_timer_fired(int slot);
long long tkt_timer_fire_time(int slot, int n);
int tkt_timer_observed(int slot);
int tkt_fire_log(int *slots, int max);

int tkt_kthread_start(int slot, int body, int prio, int clone_flags, const char *name);
void tkt_kthread_stop(int slot);
void tkt_kthread_result(int slot, struct tkt_kt_result *res);
/* 1 once the body finished its sequence (TKT_KT_PERIODIC, TKT_KT_SLEEP_UNTIL: before
 * their final wait for the stop) */
int tkt_kthread_done(int slot);

void tkt_irq_gate_close(void);	/* blocks the irq_work worker in a handler */
void tkt_irq_gate_open(void);
void tkt_irq_sync(void);
/* runs of the irq_work handler, and the stage it ran on: 1 in-band non-EVL, 0 otherwise */
int tkt_irq_runs(int *inband, int *after_queue);

int tkt_stax_violations(void);

#endif
