// SPDX-License-Identifier: MIT
/*
 * tirq: the driver of the interrupt suite (check_irq), see tirq-abi.h. One misc device,
 * /dev/tirq, whose oob_read() waits for a flag the handlers may raise; up to TIRQ_SLOTS
 * actions whose handlers do what the test configured and record what they observed.
 */
#include <linux/module.h>
#include <linux/fs.h>
#include <linux/miscdevice.h>
#include <linux/interrupt.h>
#include <linux/irq.h>
#include <linux/irq_pipeline.h>
#include <linux/irqstage.h>
#include <linux/irqflags.h>
#include <linux/hardirq.h>
#include <linux/spinlock.h>
#include <linux/delay.h>
#include <linux/slab.h>
#include <linux/sched.h>
#include <evl/file.h>
#include <evl/flag.h>
#include <evl/sched.h>
#include <evl/thread.h>
#include "tirq-abi.h"

struct tirq_slot {
	struct tirq_cfg cfg;
	struct tirq_obs obs;
	unsigned int irq;
	char name[32];
};

static struct tirq_slot tirq_slots[TIRQ_SLOTS];
static DEFINE_HARD_SPINLOCK(tirq_lock_hard);
static struct evl_flag tirq_flag, tirq_never;
static atomic_t tirq_exits, tirq_reader_woke, tirq_log_len;
static struct tirq_log_entry tirq_log_buf[TIRQ_LOG_MAX];
static long tirq_counter;

static int tirq_context(void)
{
	int ctx = 0;

	if (running_oob())
		ctx |= TIRQ_OBS_OOB;
	if (evl_in_irq())
		ctx |= TIRQ_OBS_IN_IRQ;
	if (hard_irqs_disabled())
		ctx |= TIRQ_OBS_HARD_OFF;
	if (in_interrupt())
		ctx |= TIRQ_OBS_INTERRUPT;
	if (evl_cannot_block())
		ctx |= TIRQ_OBS_CANNOT_BLOCK;
	return ctx;
}

static void tirq_log_call(int slot, int kind)
{
	int i = atomic_inc_return(&tirq_log_len) - 1;

	if (i < TIRQ_LOG_MAX) {
		WRITE_ONCE(tirq_log_buf[i].slot, slot);
		WRITE_ONCE(tirq_log_buf[i].kind, kind);
	}
}

/* what the configuration asks for, in a handler of @s */
static void tirq_do(struct tirq_slot *s, unsigned int todo)
{
	unsigned long flags;
	int n;

	if (todo & TIRQ_DO_ACK)
		s->cfg.ack(s->cfg.ack_ctx);
	if (todo & TIRQ_DO_LOCKED_COUNT) {
		raw_spin_lock_irqsave(&tirq_lock_hard, flags);
		tirq_counter++;
		raw_spin_unlock_irqrestore(&tirq_lock_hard, flags);
		WRITE_ONCE(s->obs.lock_waited, s->obs.lock_waited + 1);
	}
	if (todo & TIRQ_DO_RAISE_FLAG)
		evl_raise_flag(&tirq_flag);
	if (todo & TIRQ_DO_WAIT_READER) {
		/* with the wake-up deferred to the handler's end, the reader cannot wake here */
		for (n = 0; n < 20000 && !atomic_read(&tirq_reader_woke); n++)
			udelay(1);
	}
	if (todo & TIRQ_DO_EVL_WAIT)
		WRITE_ONCE(s->obs.last_ret, evl_wait_flag_timeout(&tirq_never, 1000000, EVL_REL));
	if (todo & TIRQ_DO_KMALLOC)
		kfree(kmalloc(16, GFP_ATOMIC));
	if (todo & TIRQ_DO_SLEEP)
		msleep(1);
	if (todo & TIRQ_DO_INJECT)
		WRITE_ONCE(s->obs.last_ret, irq_inject_pipeline(s->cfg.arg));
	if (todo & TIRQ_DO_POST_INBAND)
		irq_post_inband(s->cfg.arg);
	if (todo & TIRQ_DO_DISABLE_SELF)
		disable_irq_nosync(s->irq);
	if (todo & TIRQ_DO_FREE_OTHER) {
		struct tirq_slot *o = &tirq_slots[s->cfg.arg];

		free_irq(o->irq, o);
	}
	if (todo & TIRQ_DO_KEEP_LOCK)
		raw_spin_lock(&tirq_lock_hard);
	if (todo & TIRQ_DO_IRQS_ON)
		hard_local_irq_enable();
}

static irqreturn_t tirq_handler(int irq, void *dev_id)
{
	struct tirq_slot *s = dev_id;
	int slot = s - tirq_slots;
	bool oob = running_oob();

	if (oob) {
		WRITE_ONCE(s->obs.oob_ctx, tirq_context());
		WRITE_ONCE(s->obs.oob_tid, current->pid);
		WRITE_ONCE(s->obs.oob_calls, s->obs.oob_calls + 1);
	} else {
		WRITE_ONCE(s->obs.inband_ctx, tirq_context());
		WRITE_ONCE(s->obs.inband_tid, current->pid);
		WRITE_ONCE(s->obs.inband_calls, s->obs.inband_calls + 1);
	}
	tirq_log_call(slot, oob ? TIRQ_LOG_OOB : TIRQ_LOG_INBAND);
	tirq_do(s, s->cfg.todo);
	atomic_inc(&tirq_exits);
	/* the in-band pass of a forwarded event is handled once for all */
	if (!oob && s->cfg.ret == TIRQ_FORWARD)
		return IRQ_HANDLED;
	return (irqreturn_t)s->cfg.ret;
}

static irqreturn_t tirq_thread_fn(int irq, void *dev_id)
{
	struct tirq_slot *s = dev_id;

	WRITE_ONCE(s->obs.thread_ctx, tirq_context());
	WRITE_ONCE(s->obs.thread_tid, current->pid);
	WRITE_ONCE(s->obs.thread_calls, s->obs.thread_calls + 1);
	tirq_log_call(s - tirq_slots, TIRQ_LOG_THREAD);
	tirq_do(s, s->cfg.thread_todo);
	return (irqreturn_t)s->cfg.thread_ret;
}

/* ---- the misc device: an oob reader waiting for the flag ----------------------------- */

static ssize_t tirq_oob_read(struct file *filp, char __user *u_buf, size_t count)
{
	int ret = evl_wait_flag(&tirq_flag);

	if (ret)
		return ret;
	atomic_inc(&tirq_reader_woke);
	return atomic_read(&tirq_exits);
}

static int tirq_release(struct inode *inode, struct file *filp)
{
	evl_release_file(filp->private_data);
	kfree(filp->private_data);
	return 0;
}

static int tirq_open(struct inode *inode, struct file *filp)
{
	struct evl_file *efilp = kzalloc(sizeof(*efilp), GFP_KERNEL);
	int ret;

	if (!efilp)
		return -ENOMEM;
	ret = evl_open_file(efilp, filp);
	if (ret) {
		kfree(efilp);
		return ret;
	}
	filp->private_data = efilp;
	return 0;
}

static const struct file_operations tirq_fops = {
	.owner = THIS_MODULE,
	.open = tirq_open,
	.release = tirq_release,
	.oob_read = tirq_oob_read,
};

static struct miscdevice tirq_misc = {
	.minor = MISC_DYNAMIC_MINOR,
	.name = "tirq",
	.fops = &tirq_fops,
};

/* ---- entry points for the test program ------------------------------------------------ */

void tirq_reset(void)
{
	memset(tirq_slots, 0, sizeof(tirq_slots));
	atomic_set(&tirq_exits, 0);
	atomic_set(&tirq_reader_woke, 0);
	atomic_set(&tirq_log_len, 0);
	tirq_counter = 0;
}

void tirq_config(int slot, const struct tirq_cfg *cfg)
{
	tirq_slots[slot].cfg = *cfg;
}

int tirq_request(int slot, unsigned int irq, unsigned long flags, int variant,
		 const char *name)
{
	struct tirq_slot *s = &tirq_slots[slot];
	void *dev_id = (variant & TIRQ_REQ_NULL_DEVID) ? NULL : s;
	int ret;

	s->irq = irq;
	snprintf(s->name, sizeof(s->name), "%s", name);
	switch (variant & 0xff) {
	case TIRQ_REQ_THREADED:
		ret = request_threaded_irq(irq, tirq_handler, tirq_thread_fn, flags, s->name,
					   dev_id);
		break;
	case TIRQ_REQ_THREAD_ONLY:
		ret = request_threaded_irq(irq, NULL, tirq_thread_fn, flags, s->name, dev_id);
		break;
	case TIRQ_REQ_NO_HANDLER:
		ret = request_threaded_irq(irq, NULL, NULL, flags, s->name, dev_id);
		break;
	case TIRQ_REQ_DEVM:
		ret = devm_request_irq(tirq_misc.this_device, irq, tirq_handler, flags, s->name,
				       dev_id);
		break;
	default:
		ret = request_irq(irq, tirq_handler, flags, s->name, dev_id);
		break;
	}
	return ret;
}

int tirq_free(int slot, unsigned int irq)
{
	return free_irq(irq, &tirq_slots[slot]) == tirq_slots[slot].name;
}

void tirq_devm_free(int slot, unsigned int irq)
{
	devm_free_irq(tirq_misc.this_device, irq, &tirq_slots[slot]);
}

void tirq_enable(unsigned int irq)		{ enable_irq(irq); }
void tirq_disable(unsigned int irq)		{ disable_irq(irq); }
void tirq_disable_nosync(unsigned int irq)	{ disable_irq_nosync(irq); }
void tirq_synchronize(unsigned int irq)		{ synchronize_irq(irq); }
int tirq_set_type(unsigned int irq, unsigned int type) { return irq_set_irq_type(irq, type); }
unsigned int tirq_get_type(unsigned int irq)	{ return irq_get_trigger_type(irq); }
int tirq_inject(unsigned int irq)		{ return irq_inject_pipeline(irq); }
int tirq_has_action(unsigned int irq)		{ return irq_has_action(irq); }
int tirq_handler_exits(void)			{ return atomic_read(&tirq_exits); }
long tirq_unlocked_counter(void)		{ return READ_ONCE(tirq_counter); }

void tirq_post_inband(unsigned int irq, int hard_off)
{
	unsigned long flags = 0;

	if (hard_off)
		flags = hard_local_irq_save();
	irq_post_inband(irq);
	if (hard_off)
		hard_local_irq_restore(flags);
}

void tirq_obs(int slot, struct tirq_obs *obs)
{
	*obs = tirq_slots[slot].obs;
}

int tirq_log(struct tirq_log_entry *log, int max)
{
	int n = min(atomic_read(&tirq_log_len), min(max, TIRQ_LOG_MAX)), i;

	for (i = 0; i < n; i++)
		log[i] = tirq_log_buf[i];
	return n;
}

void tirq_lock(void)
{
	raw_spin_lock(&tirq_lock_hard);
}

void tirq_unlock(void)
{
	raw_spin_unlock(&tirq_lock_hard);
}

unsigned long tirq_hard_save(void)
{
	return hard_local_irq_save();
}

void tirq_hard_restore(unsigned long flags)
{
	hard_local_irq_restore(flags);
}

void tirq_count_locked(void)
{
	unsigned long flags;

	raw_spin_lock_irqsave(&tirq_lock_hard, flags);
	tirq_counter++;
	raw_spin_unlock_irqrestore(&tirq_lock_hard, flags);
}

long tirq_count(void)
{
	unsigned long flags;
	long n;

	raw_spin_lock_irqsave(&tirq_lock_hard, flags);
	n = tirq_counter;
	raw_spin_unlock_irqrestore(&tirq_lock_hard, flags);
	return n;
}

static int __init tirq_init(void)
{
	evl_init_flag(&tirq_flag);
	evl_init_flag(&tirq_never);
	return misc_register(&tirq_misc);
}

static void __exit tirq_exit(void)
{
	misc_deregister(&tirq_misc);
	evl_destroy_flag(&tirq_never);
	evl_destroy_flag(&tirq_flag);
}

module_init(tirq_init);
module_exit(tirq_exit);
MODULE_LICENSE("GPL");
