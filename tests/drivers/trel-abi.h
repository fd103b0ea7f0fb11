/* SPDX-License-Identifier: MIT */
/*
 * trel: the driver of the reliability suite (tests/unit/check_reliability.c). Plain C
 * entry points with no type of either world: the kernel-world driver and the test
 * include this header.
 *
 *  /dev/trel   oob-capable misc device:
 *              read()      TREL_OP_READ's forced result, else 0
 *              oob_read()  TREL_OP_OOB_READ's forced result, else waits on an EVL wait
 *                          queue until trel_wake(): 0, or the wait's error (-ERESTARTSYS
 *                          when a signal kicks it)
 *              oob_ioctl() TREL_IOC_PING: 0; TREL_IOC_STAGE: 1 oob, 0 in-band
 *              ioctl()     TREL_IOC_SPIN / TREL_IOC_MUTEX: takes and drops trel's
 *                          spinlock / mutex (what a release would), then returns 0
 *              oob_poll()  in trel_set_poll_wait(1) mode, first waits until the file's
 *                          release has begun (it told the poller POLLNVAL), then watches
 *                          TREL_NR_HEADS poll heads; returns 0 (nothing ready)
 *              open        in trel_set_open_hold(1) mode, waits until it is set back to 0
 *              release     takes trel's spinlock, counts, evl_release_file()
 */
#ifndef _TREL_ABI_H
#define _TREL_ABI_H

#define TREL_OP_READ		0
#define TREL_OP_OOB_READ	1
#define TREL_OP_NR		2

#define TREL_NR_HEADS		4

#define TREL_IOC_PING		0x7201
#define TREL_IOC_STAGE		0x7202
#define TREL_IOC_SPIN		0x7203
#define TREL_IOC_MUTEX		0x7204

void trel_set_result(int op, long value, int set);
void trel_wake(void);
int trel_waiters(void);			/* threads waiting in oob_read() */
void trel_set_open_hold(int on);
int trel_in_open(void);			/* threads waiting in ->open */
void trel_set_poll_wait(int on);
int trel_poll_entered(void);		/* oob_poll() calls in trel_set_poll_wait() mode */
long trel_releases(void);
void trel_spin_lock(void);
void trel_spin_unlock(void);
void trel_mutex_lock(void);
void trel_mutex_unlock(void);

#endif
