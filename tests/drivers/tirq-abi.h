/* SPDX-License-Identifier: MIT */
/*
 * tirq: the test driver of the interrupt suite (check_irq). Written as a kernel driver
 * would be: its actions, irq threads, flag and hard lock are the driver's; the entry
 * points below are what its code paths would do (probe, remove, ...), called directly by
 * the test program with plain C types, and the handlers record what they observe in the
 * driver's memory with atomics only.
 *
 * Up to TIRQ_SLOTS actions, each requested with its own dev_id (the slot's address). What
 * a slot's handlers do is its configuration (tirq_config()); what they observed is read
 * with tirq_obs(). The misc device /dev/tirq has an oob_read() that waits for the driver's
 * flag, which a handler raises with TIRQ_DO_RAISE_FLAG, and returns the number of handler
 * passes that had returned when the reader woke.
 */
#ifndef _TIRQ_ABI_H
#define _TIRQ_ABI_H

#define TIRQ_SLOTS		4

/* what a handler returns (the kernel's irqreturn_t values) */
#define TIRQ_NONE		0
#define TIRQ_HANDLED		1
#define TIRQ_WAKE_THREAD	2
#define TIRQ_FORWARD		4

/* request flags (the kernel's IRQF_* values) */
#define TIRQ_F_SHARED		0x00000080
#define TIRQ_F_PROBE_SHARED	0x00000100
#define TIRQ_F_ONESHOT		0x00002000
#define TIRQ_F_NO_SUSPEND	0x00004000
#define TIRQ_F_COND_SUSPEND	0x00040000
#define TIRQ_F_NO_AUTOEN	0x00080000
#define TIRQ_F_OOB		0x00400000
#define TIRQ_F_TRIGGER_RISING	0x00000001
#define TIRQ_F_TRIGGER_HIGH	0x00000004
#define TIRQ_NOTCONNECTED	(1U << 31)

/* request variants */
#define TIRQ_REQ_IRQ		0	/* request_irq(handler) */
#define TIRQ_REQ_THREADED	1	/* request_threaded_irq(handler, thread_fn) */
#define TIRQ_REQ_THREAD_ONLY	2	/* request_threaded_irq(NULL, thread_fn) */
#define TIRQ_REQ_NO_HANDLER	3	/* request_threaded_irq(NULL, NULL) */
#define TIRQ_REQ_DEVM		4	/* devm_request_irq(handler) on the misc device */
#define TIRQ_REQ_NULL_DEVID	0x100	/* with a NULL dev_id */

/* what a handler does besides returning (bits of tirq_cfg.todo) */
#define TIRQ_DO_RAISE_FLAG	0x0001	/* evl_raise_flag() of the reader's flag */
#define TIRQ_DO_WAIT_READER	0x0002	/* then spin (bounded) waiting for the reader */
#define TIRQ_DO_EVL_WAIT	0x0004	/* evl_wait_flag_timeout(1 ms) (rule evl-wait-in-irq) */
#define TIRQ_DO_IRQS_ON		0x0008	/* hard_local_irq_enable() (rule irq-handler-irqs-on) */
#define TIRQ_DO_KEEP_LOCK	0x0010	/* return holding the hard lock (irq-handler-returns-locked) */
#define TIRQ_DO_SLEEP		0x0020	/* msleep(1) (rule inband-irq-sleeps) */
#define TIRQ_DO_FREE_OTHER	0x0040	/* free_irq() of slot .arg (rule free-irq-in-irq) */
#define TIRQ_DO_LOCKED_COUNT	0x0080	/* count under the hard lock */
#define TIRQ_DO_ACK		0x0100	/* call the slot's ack callback (the device model) */
#define TIRQ_DO_INJECT		0x0200	/* irq_inject_pipeline(.arg) */
#define TIRQ_DO_DISABLE_SELF	0x0400	/* disable_irq_nosync() of its own line */
#define TIRQ_DO_KMALLOC		0x0800	/* kmalloc()+kfree() (rule oob-calls-inband from oob) */
#define TIRQ_DO_POST_INBAND	0x1000	/* irq_post_inband(.arg) */

struct tirq_cfg {
	int ret;			/* what the primary handler returns: TIRQ_* */
	int thread_ret;			/* what thread_fn returns */
	unsigned int todo;		/* TIRQ_DO_* in the primary handler */
	unsigned int thread_todo;	/* TIRQ_DO_* in thread_fn */
	int arg;			/* a slot or an irq number, as the TIRQ_DO_* says */
	void (*ack)(void *ctx);		/* TIRQ_DO_ACK: the device model's acknowledge */
	void *ack_ctx;
};

/* what the handler saw (bits of tirq_obs.ctx and .thread_ctx) */
#define TIRQ_OBS_OOB		0x01	/* running_oob() */
#define TIRQ_OBS_IN_IRQ		0x02	/* evl_in_irq() */
#define TIRQ_OBS_HARD_OFF	0x04	/* hard_irqs_disabled() */
#define TIRQ_OBS_INTERRUPT	0x08	/* in_interrupt() */
#define TIRQ_OBS_CANNOT_BLOCK	0x10	/* evl_cannot_block() */

struct tirq_obs {
	int oob_calls;			/* primary handler calls on the oob stage */
	int inband_calls;		/* ... on the in-band stage */
	int thread_calls;		/* thread_fn calls */
	int oob_ctx, inband_ctx, thread_ctx;	/* TIRQ_OBS_* of the last call of each */
	int oob_tid, inband_tid, thread_tid;	/* the thread that ran the last call of each */
	int lock_waited;		/* TIRQ_DO_LOCKED_COUNT calls */
	int last_ret;			/* results of the last TIRQ_DO_* call made */
};

/* the order handlers ran in: one entry per call */
#define TIRQ_LOG_OOB		1
#define TIRQ_LOG_INBAND		2
#define TIRQ_LOG_THREAD		3
#define TIRQ_LOG_MAX		64
struct tirq_log_entry {
	int slot;
	int kind;			/* TIRQ_LOG_* */
};

void tirq_reset(void);
void tirq_config(int slot, const struct tirq_cfg *cfg);
/* the kernel's request call for @slot (variant TIRQ_REQ_*): its result */
int tirq_request(int slot, unsigned int irq, unsigned long flags, int variant,
		 const char *name);
/* free_irq(@irq, slot's dev_id): 1 if it returned the slot's name, 0 if NULL */
int tirq_free(int slot, unsigned int irq);
void tirq_devm_free(int slot, unsigned int irq);
void tirq_enable(unsigned int irq);
void tirq_disable(unsigned int irq);
void tirq_disable_nosync(unsigned int irq);
void tirq_synchronize(unsigned int irq);
int tirq_set_type(unsigned int irq, unsigned int type);
unsigned int tirq_get_type(unsigned int irq);
int tirq_inject(unsigned int irq);		/* irq_inject_pipeline() */
void tirq_post_inband(unsigned int irq, int hard_off);	/* irq_post_inband() */
int tirq_has_action(unsigned int irq);
void tirq_obs(int slot, struct tirq_obs *obs);
int tirq_log(struct tirq_log_entry *log, int max);	/* entries copied */
long tirq_count(void);				/* TIRQ_DO_LOCKED_COUNT total */
/* the driver's hard lock, taken by the test as the driver's own code paths would */
void tirq_lock(void);
void tirq_unlock(void);
unsigned long tirq_hard_save(void);		/* hard_local_irq_save() */
void tirq_hard_restore(unsigned long flags);
int tirq_handler_exits(void);			/* primary handler calls that returned */
long tirq_unlocked_counter(void);		/* TIRQ_DO_LOCKED_COUNT counter */
void tirq_count_locked(void);			/* the same count, from the caller */

#endif
