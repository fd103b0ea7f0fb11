/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * tbroken: a deliberately broken driver for the golden-rule checker (check_golden_rule).
 * The node /dev/tbroken is oob-capable. Each "broken" request below breaks exactly one
 * rule of docs/golden-rule.md, at exactly one call site of the driver, every time it is
 * issued: the checker must report it once (the first time) and only once. The "legal"
 * requests use only services allowed in their stage and must never be reported.
 *
 * The stage a request must be issued from is given in brackets: [oob] through
 * oob_ioctl() by an attached thread, [in-band] through ioctl(). A request issued from
 * the other stage fails with EPERM (oob) or ENOTTY (in-band) without doing anything.
 */
#ifndef _TBROKEN_ABI_H
#define _TBROKEN_ABI_H

#include <linux/types.h>
#include <linux/ioctl.h>

/* ---- legal, both stages ---------------------------------------------------------------- */
#define TBROKEN_IOC_NOP			_IO('B', 0)	/* returns 0, nothing else */

/* ---- "oob-calls-inband": one in-band-only service from an oob handler ----------------- */
#define TBROKEN_IOC_KMALLOC_OOB		_IO('B', 1)	/* [oob] kmalloc() (freed in-band
							   at release) */
#define TBROKEN_IOC_COPY_TO_USER_OOB	_IOW('B', 2, int) /* [oob] copy_to_user() of 1 int
							     (arg: int *) */
#define TBROKEN_IOC_COMPLETE_OOB	_IO('B', 3)	/* [oob] complete() */
#define TBROKEN_IOC_MSLEEP_OOB		_IO('B', 4)	/* [oob] msleep(1) */

/* ---- "evl-wait-inband" -------------------------------------------------------------------- */
#define TBROKEN_IOC_WAIT_INBAND		_IO('B', 10)	/* [in-band] evl_wait_flag_timeout()
							   for 1 ms on a flag nobody raises:
							   returns its result (-ETIMEDOUT) */

/* ---- "evl-wait-in-timer" ---------------------------------------------------------------- */
#define TBROKEN_IOC_TIMER_ARM		_IO('B', 11)	/* [in-band] arms a one-shot EVL
							   timer due in 1 ms; its handler
							   waits 1 ms on a flag (legal itself) */
#define TBROKEN_IOC_TIMER_RUNS		_IO('B', 12)	/* [in-band] handler runs completed */

/* ---- "sleep-hard-locked" ---------------------------------------------------------------- */
#define TBROKEN_IOC_MSLEEP_HARD_LOCKED	_IO('B', 20)	/* [in-band] msleep(1) holding a
							   hard spinlock */
#define TBROKEN_IOC_EVL_WAIT_IRQS_OFF	_IO('B', 21)	/* [oob] evl_wait_flag_timeout(1 ms)
							   with hard irqs off
							   (hard_local_irq_save()) */

/* ---- "spinlock-oob" ---------------------------------------------------------------------- */
#define TBROKEN_IOC_SPIN_LOCK_OOB	_IO('B', 30)	/* [oob] spin_lock/unlock on a
							   spinlock_t */
#define TBROKEN_IOC_RAW_SPIN_LOCK_OOB	_IO('B', 31)	/* [oob] raw_spin_lock/unlock on a
							   raw_spinlock_t */

/* ---- "return-locked" ----------------------------------------------------------------- */
#define TBROKEN_IOC_HARD_LOCK_RETURN	_IO('B', 40)	/* [oob] takes the hard spinlock and
							   returns holding it */
#define TBROKEN_IOC_HARD_UNLOCK		_IO('B', 41)	/* [oob] releases it (legal) */
#define TBROKEN_IOC_IRQS_OFF_RETURN	_IO('B', 42)	/* [oob] hard_local_irq_save() and
							   returns with hard irqs off */
#define TBROKEN_IOC_IRQS_RESTORE	_IO('B', 43)	/* [oob] hard_local_irq_restore()
							   (legal) */

/* ---- "evl-mutex-inband-switch" ------------------------------------------------------- */
#define TBROKEN_IOC_KMUTEX_LOCK		_IO('B', 50)	/* [oob] evl_lock_kmutex(), returns
							   holding it (legal until the caller
							   switches in-band) */
#define TBROKEN_IOC_KMUTEX_UNLOCK	_IO('B', 51)	/* [oob] evl_unlock_kmutex() */

/* ---- "kthread-context-only" ---------------------------------------------------------- */
#define TBROKEN_IOC_KTHREAD_START	_IO('B', 60)	/* [in-band] evl_run_kthread() (legal) */
#define TBROKEN_IOC_KTHREAD_STOP	_IO('B', 61)	/* [oob] evl_stop_kthread() from the
							   oob stage of the calling user
							   thread: not a kernel thread context */

/* ---- legal handlers: never reported ----------------------------------------------------- */
#define TBROKEN_IOC_LEGAL_OOB		_IOR('B', 70, int) /* [oob] hard lock, raw_copy_to_user()
							      of a counter (arg: int *),
							      evl_raise_flag(), irq_work_queue():
							      returns the counter */
#define TBROKEN_IOC_LEGAL_INBAND	_IOR('B', 71, int) /* [in-band] kmalloc/kfree, mutex,
							      copy_to_user() of the counter,
							      evl_raise_flag(), complete() */
#define TBROKEN_IOC_IRQ_WORK_RUNS	_IO('B', 72)	/* [in-band] irq_work_sync(), then the
							   runs of the irq_work handler */

#endif
