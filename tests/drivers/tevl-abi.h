/* SPDX-License-Identifier: MIT */
/*
 * tevl: a test driver whose handlers exercise the EVL wait services of spec 5.1-5.5
 * (wait queues, flags, kernel semaphores, kernel mutexes) on one misc device, /dev/tevl.
 *
 * The driver owns one object of each kind, shared by every open file:
 *
 *  TEVL_OBJ_FLAG    an evl_flag
 *  TEVL_OBJ_SEM     an evl_ksem (initial value set by TEVL_IOC_RESET)
 *  TEVL_OBJ_MUTEX   an evl_kmutex, guarding a counter (TEVL_IOC_MUTEX_CS)
 *  TEVL_OBJ_WQ      an evl_wait_queue (FIFO or PRIO, mono or realtime clock, set by
 *                   TEVL_IOC_RESET) whose condition is "a unit is available": a wait
 *                   takes one unit, TEVL_IOC_WQ_POST adds some
 *
 * Every request works from both stages (oob_ioctl() and ioctl()); the waits are meant to
 * run out-of-band (an in-band wait is reported as a golden-rule violation). A wait
 * request returns the wait's result (0 or a negated errno: the user sees -1/errno, and
 * -ERESTARTSYS only as a restart or EINTR) and appends {id, obj, ret, got} to a log
 * the test reads with tevl_get_log(): the driver side of every result.
 */
#ifndef _TEVL_ABI_H
#define _TEVL_ABI_H

#include <linux/types.h>
#include <linux/ioctl.h>

#define TEVL_OBJ_FLAG		0
#define TEVL_OBJ_SEM		1
#define TEVL_OBJ_MUTEX		2
#define TEVL_OBJ_WQ		3
#define TEVL_OBJ_NR		4

/* timeouts, as the kernel's: 0 = EVL_INFINITE, TEVL_NONBLOCK = EVL_NONBLOCK */
#define TEVL_INFINITE		0LL
#define TEVL_NONBLOCK		0x7fffffffffffffffLL
#define TEVL_REL		0	/* EVL_REL */
#define TEVL_ABS		1	/* EVL_ABS */

/* wake-up reasons for the flush requests: EVL_T_* information bits */
#define TEVL_T_TIMEO		0x0001
#define TEVL_T_RMID		0x0002
#define TEVL_T_BREAK		0x0004
#define TEVL_T_BCAST		0x0200
#define TEVL_T_NOMEM		0x8000

/* variants of the wakers: the plain call, the _nosched one, or the _locked one */
#define TEVL_CALL_PLAIN		0
#define TEVL_CALL_NOSCHED	1
#define TEVL_CALL_LOCKED	2

struct tevl_wait {
	__s64 timeout;		/* ns: TEVL_INFINITE, TEVL_NONBLOCK, a delay or a date */
	__u32 tmode;		/* TEVL_REL or TEVL_ABS (ignored by SEM_DOWN: always absolute) */
	__s32 wprio;		/* set as evl_current()->wprio before waiting */
	__u32 id;		/* logged with the result */
	__u32 gate;		/* non-zero: stop at the gate (tevl_open_gate()) before waiting */
	__u32 raw;		/* WQ_WAIT: 1 = open-coded evl_add_wait_queue() + evl_wait_schedule() */
	__u32 pad;
};

struct tevl_wake {
	__u32 how;		/* TEVL_CALL_* */
	__s32 reason;		/* flush reasons: TEVL_T_* bits (0: retry the condition) */
	__u32 count;		/* WQ_POST: units to add; MUTEX_CS: iterations */
	__u32 pad;
};

struct tevl_reset {
	__u32 wq_flags;		/* TEVL_WQ_FIFO or TEVL_WQ_PRIO (EVL_WAIT_*) */
	__u32 wq_clock;		/* TEVL_CLOCK_* */
	__u32 sem_value;	/* initial ksem value */
	__u32 pad;
};

#define TEVL_WQ_FIFO		0	/* EVL_WAIT_FIFO */
#define TEVL_WQ_PRIO		1	/* EVL_WAIT_PRIO */

#define TEVL_CLOCK_MONO		0
#define TEVL_CLOCK_MONO_RAW	1
#define TEVL_CLOCK_REALTIME	2

#define TEVL_IOC_MAGIC		'V'
/* re-initialise every object (no waiter may remain); clears the log and counters */
#define TEVL_IOC_RESET		_IOW(TEVL_IOC_MAGIC, 0, struct tevl_reset)

/* flag: WAIT returns evl_wait_flag_timeout() (evl_wait_flag() for an infinite timeout) */
#define TEVL_IOC_FLAG_WAIT	_IOW(TEVL_IOC_MAGIC, 1, struct tevl_wait)
#define TEVL_IOC_FLAG_RAISE	_IOW(TEVL_IOC_MAGIC, 2, struct tevl_wake)
#define TEVL_IOC_FLAG_PULSE	_IOW(TEVL_IOC_MAGIC, 3, struct tevl_wake)
#define TEVL_IOC_FLAG_FLUSH	_IOW(TEVL_IOC_MAGIC, 4, struct tevl_wake)
#define TEVL_IOC_FLAG_DESTROY	_IO(TEVL_IOC_MAGIC, 5)
#define TEVL_IOC_FLAG_PEEK	_IO(TEVL_IOC_MAGIC, 6)	/* returns evl_peek_flag() */
#define TEVL_IOC_FLAG_READ	_IO(TEVL_IOC_MAGIC, 7)	/* returns evl_read_flag() (locked) */
#define TEVL_IOC_FLAG_CLEAR	_IO(TEVL_IOC_MAGIC, 8)

/* ksem: DOWN = evl_down() for TEVL_INFINITE, else evl_down_timeout(absolute date) */
#define TEVL_IOC_SEM_DOWN	_IOW(TEVL_IOC_MAGIC, 10, struct tevl_wait)
#define TEVL_IOC_SEM_TRYDOWN	_IO(TEVL_IOC_MAGIC, 11)
#define TEVL_IOC_SEM_UP		_IO(TEVL_IOC_MAGIC, 12)
#define TEVL_IOC_SEM_BROADCAST	_IO(TEVL_IOC_MAGIC, 13)
#define TEVL_IOC_SEM_DESTROY	_IO(TEVL_IOC_MAGIC, 14)
#define TEVL_IOC_SEM_VALUE	_IO(TEVL_IOC_MAGIC, 15)	/* returns ksem->value */

/* kmutex: ownership is the calling thread's, across calls */
#define TEVL_IOC_MUTEX_LOCK	_IOW(TEVL_IOC_MAGIC, 20, struct tevl_wait)
#define TEVL_IOC_MUTEX_TRYLOCK	_IO(TEVL_IOC_MAGIC, 21)
#define TEVL_IOC_MUTEX_UNLOCK	_IO(TEVL_IOC_MAGIC, 22)
#define TEVL_IOC_MUTEX_DESTROY	_IO(TEVL_IOC_MAGIC, 23)
/* count times: lock, counter = counter + 1 through a window, unlock */
#define TEVL_IOC_MUTEX_CS	_IOW(TEVL_IOC_MAGIC, 24, struct tevl_wake)

/* wait queue: WAIT = evl_wait_event_timeout() (evl_wait_event() for TEVL_INFINITE) */
#define TEVL_IOC_WQ_WAIT	_IOW(TEVL_IOC_MAGIC, 30, struct tevl_wait)
/* add count units, then evl_wake_up_head() once per unit; returns how many were woken */
#define TEVL_IOC_WQ_POST	_IOW(TEVL_IOC_MAGIC, 31, struct tevl_wake)
/* evl_wake_up_head() without a unit: the waiter re-checks and sleeps again; 1 if woken */
#define TEVL_IOC_WQ_WAKE_HEAD	_IO(TEVL_IOC_MAGIC, 32)
/* evl_wake_up() of the last waiter with reason; 1 if there was one */
#define TEVL_IOC_WQ_WAKE_TAIL	_IOW(TEVL_IOC_MAGIC, 33, struct tevl_wake)
/* evl_flush_wait() (PLAIN) or evl_flush_wait_locked() (LOCKED); returns how many */
#define TEVL_IOC_WQ_FLUSH	_IOW(TEVL_IOC_MAGIC, 34, struct tevl_wake)
#define TEVL_IOC_WQ_DESTROY	_IO(TEVL_IOC_MAGIC, 35)
#define TEVL_IOC_WQ_ACTIVE	_IO(TEVL_IOC_MAGIC, 36)	/* returns evl_wait_active() */
#define TEVL_IOC_WQ_UNITS	_IO(TEVL_IOC_MAGIC, 37)	/* returns the units left */
/* remember the head waiter (1 if there was one); later, evl_wake_up() that very thread
 * with reason, whether it still waits there or not (returns 1 if evl_wake_up() did not
 * return NULL) */
#define TEVL_IOC_WQ_SAVE_HEAD	_IO(TEVL_IOC_MAGIC, 38)
#define TEVL_IOC_WQ_WAKE_SAVED	_IOW(TEVL_IOC_MAGIC, 39, struct tevl_wake)

#ifndef __KERNEL__
struct tevl_log_entry {
	int id;			/* tevl_wait.id */
	int obj;		/* TEVL_OBJ_* */
	int ret;		/* what the wait returned in the kernel (-ERESTARTSYS included) */
	int got;		/* the condition was met (unit, flag, lock taken) */
};

/* Plain C accessors, for the test program (any thread, any stage). */
int tevl_nr_waiters(int obj);			/* threads queued on the object now */
/* names of the queued threads, head first; returns how many (at most @max) */
int tevl_waiter_names(int obj, char (*names)[32], int max);
int tevl_head_wprio(int obj);			/* wprio of evl_wait_head(), or -1000 if none */
int tevl_get_log(struct tevl_log_entry *log, int max);	/* returns the log length */
int tevl_log_len(void);
long tevl_cond_evals(int obj);			/* times a wait condition was evaluated */
int tevl_at_gate(void);				/* threads stopped at the gate */
int tevl_gate_signal_pending(void);		/* one saw signal_pending() there */
void tevl_open_gate(void);			/* lets them go on (and every later one) */
long tevl_cs_counter(void);			/* the MUTEX_CS counter */
long tevl_cs_overlaps(void);			/* times two threads were inside at once */
long long tevl_read_clock(int clock);		/* evl_read_clock() of a TEVL_CLOCK_* */
/* the statically initialised objects (DEFINE_EVL_*): 0 when they behave as documented */
int tevl_check_static(void);
#endif

#endif
