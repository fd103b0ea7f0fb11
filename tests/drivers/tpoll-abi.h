/* SPDX-License-Identifier: MIT */
/*
 * tpoll: the entry points of tests/drivers/tpoll.c, plain C for both worlds. Values are
 * the kernel API's results, unchanged (0, -ERESTARTSYS = -512, jiffies left...).
 */
#ifndef _TPOLL_ABI_H
#define _TPOLL_ABI_H

/* tpoll_wait() variants: wait on tpoll_evq until tpoll_cond is non-zero */
#define TPOLL_WAIT_EVENT				0	/* wait_event(): 0 */
#define TPOLL_WAIT_INTERRUPTIBLE			1
#define TPOLL_WAIT_TIMEOUT				2
#define TPOLL_WAIT_INTERRUPTIBLE_TIMEOUT		3
#define TPOLL_WAIT_KILLABLE				4
#define TPOLL_WAIT_KILLABLE_TIMEOUT			5
#define TPOLL_WAIT_INTERRUPTIBLE_EXCLUSIVE		6
#define TPOLL_WAIT_IDLE					7	/* 0 */
#define TPOLL_WAIT_IDLE_EXCLUSIVE			8	/* 0 */
#define TPOLL_WAIT_IDLE_TIMEOUT				9
#define TPOLL_WAIT_LOCK_IRQ				10	/* 0 */
#define TPOLL_WAIT_INTERRUPTIBLE_LOCK_IRQ		11
#define TPOLL_WAIT_INTERRUPTIBLE_LOCK_IRQ_TIMEOUT	12
#define TPOLL_WAIT_NR					13

/* tpoll_wake() variants on tpoll_evq; each returns __wake_up()'s count */
#define TPOLL_WAKE_UP				0
#define TPOLL_WAKE_UP_ALL			1
#define TPOLL_WAKE_UP_INTERRUPTIBLE		2
#define TPOLL_WAKE_UP_INTERRUPTIBLE_ALL		3
#define TPOLL_WAKE_UP_NR2			4

/* tpoll_wait_completion() variants */
#define TPOLL_COMPLETION_TIMEOUT		0
#define TPOLL_COMPLETION_INTERRUPTIBLE_TIMEOUT	1
#define TPOLL_COMPLETION_KILLABLE_TIMEOUT	2
#define TPOLL_COMPLETION_KILLABLE		3
#define TPOLL_COMPLETION_INTERRUPTIBLE		4

/* tpoll_convert() */
#define TPOLL_MSECS_TO_JIFFIES		0
#define TPOLL_USECS_TO_JIFFIES		1
#define TPOLL_NSECS_TO_JIFFIES		2
#define TPOLL_JIFFIES_TO_MSECS		3
#define TPOLL_JIFFIES_TO_USECS		4
#define TPOLL_HZ			5
#define TPOLL_MAX_JIFFY_OFFSET		6
#define TPOLL_INITIAL_JIFFIES		7

void tpoll_reset(void);
/* /dev/tpoll's readiness (POLL* bits); tpoll_set_mask() also wakes the pollers */
void tpoll_set_mask(unsigned int mask);
void tpoll_set_mask_nowake(unsigned int mask);
long tpoll_polls(void);			/* ->poll calls since tpoll_reset() */
long tpoll_registrations(void);		/* ... that were given a table to register on */
unsigned int tpoll_requested(void);	/* poll_requested_events() of the last one */
long tpoll_releases(void);		/* ->release calls since tpoll_reset() */
int tpoll_pollers(void);		/* wait entries on the poll queue */
int tpoll_sleepers(void);		/* wait entries on the event queue */

void tpoll_cond_set(int v);
long tpoll_wait(int variant, long timeout);
int tpoll_wake(int how);
int tpoll_has_sleeper(void);

void tpoll_complete(int all);
long tpoll_wait_completion(int variant, unsigned long timeout);
int tpoll_completion_waiters(void);

unsigned long tpoll_jiffies(void);
unsigned long tpoll_convert(int what, unsigned long v);

#endif
