// SPDX-License-Identifier: MIT
/*
 * tkthread: the driver of the EVL timer/kthread suite (check_evl_timer), see
 * tkthread-abi.h. Written as a kernel driver would be: the timers, kthreads, irq_works and
 * the stax are the driver's; the entry points below are what its code paths would do,
 * called directly by the test program, and the handlers record what they observed in the
 * driver's memory with atomics only.
 */
#include <linux/module.h>
#include <linux/moduleparam.h>
#include <linux/fs.h>
#include <linux/miscdevice.h>
#include <linux/slab.h>
#include <linux/string.h>
#include <linux/completion.h>
#include <linux/irq_work.h>
#include <linux/irqstage.h>
#include <linux/irqflags.h>
#include <evl/file.h>
#include <evl/flag.h>
#include <evl/memory.h>
#include <evl/stax.h>
#include <evl/thread.h>
#include <evl/timer.h>
#include <evl/uaccess.h>
#include <evl/work.h>
#include <uapi/evl/factory-abi.h>
#include "tkthread-abi.h"

static bool init_timer;
module_param(init_timer, bool, 0444);
static bool init_kthread;
module_param(init_kthread, bool, 0444);
static bool leave_running;
module_param(leave_running, bool, 0444);

/* ---- timers ---------------------------------------------------------------------------- */

struct tkt_timer {
	struct evl_timer timer;
	int slot;
	int stop_after;
	bool live;			/* set up and not destroyed */
	atomic_t fired;
	int obs;
	long long times[TKT_FIRES];
};

static struct tkt_timer tkt_timers[TKT_TIMERS];
static atomic_t tkt_log_len;
static int tkt_log[TKT_TIMERS * TKT_FIRES];

static void tkt_timer_handler(struct evl_timer *timer)
{
	struct tkt_timer *t = container_of(timer, struct tkt_timer, timer);
	int n = atomic_read(&t->fired), obs = 0, idx;

	if (n < TKT_FIRES)
		WRITE_ONCE(t->times[n], evl_read_clock(&evl_mono_clock));
	if (evl_current())
		obs |= TKT_OBS_CURRENT;
	if (running_oob())
		obs |= TKT_OBS_OOB;
	if (hard_irqs_disabled())
		obs |= TKT_OBS_HARDIRQS_OFF;
	if (evl_sleep(0) == -EPERM)
		obs |= TKT_OBS_NOSLEEP;
	WRITE_ONCE(t->obs, obs);
	idx = atomic_inc_return(&tkt_log_len) - 1;
	if (idx < ARRAY_SIZE(tkt_log))
		WRITE_ONCE(tkt_log[idx], t->slot);
	atomic_inc(&t->fired);
	if (t->stop_after && n + 1 >= t->stop_after)
		evl_stop_timer(timer);
}

long long tkt_now(void)
{
	return evl_read_clock(&evl_mono_clock);
}

int tkt_timer_setup(int slot, int stop_after)
{
	struct tkt_timer *t = &tkt_timers[slot];
	int n;

	if (t->live)
		evl_destroy_timer(&t->timer);
	t->slot = slot;
	t->stop_after = stop_after;
	atomic_set(&t->fired, 0);
	WRITE_ONCE(t->obs, 0);
	for (n = 0; n < TKT_FIRES; n++)
		WRITE_ONCE(t->times[n], 0);
	evl_init_timer(&t->timer, tkt_timer_handler);
	t->live = true;
	return 0;
}

void tkt_timer_start(int slot, long long value, long long interval)
{
	evl_start_timer(&tkt_timers[slot].timer, value, interval);
}

void tkt_timer_stop(int slot)
{
	evl_stop_timer(&tkt_timers[slot].timer);
}

void tkt_timer_destroy(int slot)
{
	evl_destroy_timer(&tkt_timers[slot].timer);
	tkt_timers[slot].live = false;
}

int tkt_timer_running(int slot)
{
	return evl_timer_is_running(&tkt_timers[slot].timer);
}

long long tkt_timer_date(int slot)
{
	return evl_get_timer_date(&tkt_timers[slot].timer);
}

int tkt_timer_fired(int slot)
{
	return atomic_read(&tkt_timers[slot].fired);
}

long long tkt_timer_fire_time(int slot, int n)
{
	return READ_ONCE(tkt_timers[slot].times[n]);
}

int tkt_timer_observed(int slot)
{
	return READ_ONCE(tkt_timers[slot].obs);
}

int tkt_fire_log(int *slots, int max)
{
	int n = min(atomic_read(&tkt_log_len), max), i;

	for (i = 0; i < n; i++)
		slots[i] = READ_ONCE(tkt_log[i]);
	return n;
}

/* ---- kthreads -------------------------------------------------------------------------- */

struct tkt_kthread {
	struct evl_kthread kt;
	struct evl_flag flag;		/* nobody raises it */
	int body;
	bool running;
	int done;
	struct tkt_kt_result res;
};

static struct tkt_kthread tkt_kthreads[TKT_KTHREADS];

static void tkt_kthread_body(void *arg)
{
	struct tkt_kthread *k = arg;
	struct tkt_kt_result *r = &k->res;
	struct evl_thread *curr = evl_current();
	const ktime_t period = TKT_PERIOD_NS;
	ktime_t end;
	int ret;

	r->started = 1;
	r->current_ok = curr == &k->kt.thread && evl_current_kthread() == &k->kt;
	r->oob = running_oob();
	r->wprio = curr ? curr->wprio : -1;
	strscpy(r->name, curr ? curr->name : "", sizeof(r->name));

	switch (k->body) {
	case TKT_KT_LOOP:
		while (!evl_kthread_should_stop()) {
			ret = evl_sleep(NSEC_PER_MSEC);
			r->loops++;
			if (ret)
				r->ret[0] = ret;
		}
		break;
	case TKT_KT_WAIT:
		r->ret[0] = evl_wait_flag(&k->flag);
		r->ret[1] = evl_kthread_should_stop();
		r->ret[2] = evl_wait_flag(&k->flag);
		break;
	case TKT_KT_PERIODIC:
		r->ret[0] = evl_wait_period(NULL);
		r->t[0] = evl_read_clock(&evl_mono_clock);
		r->ret[1] = evl_set_period(&evl_mono_clock, EVL_INFINITE, period);
		r->ret[2] = evl_wait_period(&r->overruns[0]);
		r->t[1] = evl_read_clock(&evl_mono_clock);
		evl_sleep_until(r->t[1] + 3 * period + period / 2);
		r->ret[3] = evl_wait_period(&r->overruns[1]);
		r->t[2] = evl_read_clock(&evl_mono_clock);
		r->ret[4] = evl_wait_period(&r->overruns[2]);
		r->t[3] = evl_read_clock(&evl_mono_clock);
		r->ret[5] = evl_set_period(NULL, 0, 0);
		r->ret[6] = evl_wait_period(NULL);
		WRITE_ONCE(k->done, 1);
		while (!evl_kthread_should_stop())
			evl_sleep(NSEC_PER_MSEC);
		break;
	case TKT_KT_SLEEP_UNTIL:
		r->t[0] = evl_read_clock(&evl_mono_clock);
		r->ret[0] = evl_sleep_until(r->t[0] - NSEC_PER_MSEC);
		r->t[1] = evl_read_clock(&evl_mono_clock);
		r->t[2] = r->t[1] + 10 * NSEC_PER_MSEC;
		r->ret[1] = evl_sleep_until(r->t[2]);
		r->t[3] = evl_read_clock(&evl_mono_clock);
		WRITE_ONCE(k->done, 1);
		r->ret[2] = evl_sleep_until(r->t[3] + 60 * NSEC_PER_SEC);
		r->t[4] = evl_read_clock(&evl_mono_clock);
		break;
	case TKT_KT_RETURN:
		break;
	}

	/* evl_stop_kthread() must wait for this: 2 ms without any EVL wait */
	end = evl_read_clock(&evl_mono_clock) + 2 * NSEC_PER_MSEC;
	while (evl_read_clock(&evl_mono_clock) < end)
		cpu_relax();
	WRITE_ONCE(r->returned, 1);
}

int tkt_kthread_start(int slot, int body, int prio, int clone_flags, const char *name)
{
	struct tkt_kthread *k = &tkt_kthreads[slot];
	int ret;

	memset(&k->res, 0, sizeof(k->res));
	WRITE_ONCE(k->done, 0);
	k->body = body;
	evl_init_flag(&k->flag);
	ret = evl_run_kthread(&k->kt, tkt_kthread_body, k, prio, clone_flags, "%s", name);
	k->running = !ret;
	return ret;
}

void tkt_kthread_stop(int slot)
{
	struct tkt_kthread *k = &tkt_kthreads[slot];

	evl_stop_kthread(&k->kt);
	evl_destroy_flag(&k->flag);
	k->running = false;
}

int tkt_kthread_done(int slot)
{
	return READ_ONCE(tkt_kthreads[slot].done);
}

void tkt_kthread_result(int slot, struct tkt_kt_result *res)
{
	memcpy(res, &tkt_kthreads[slot].res, sizeof(*res));
}

/* ---- irq_work and in-band offloading -------------------------------------------------- */

static struct irq_work tkt_gate_work, tkt_work;
static struct completion tkt_gate_started, tkt_gate_release;
static atomic_t tkt_work_runs, tkt_work_inband, tkt_work_after;
static int tkt_queue_done;

static void tkt_gate_handler(struct irq_work *work)
{
	complete(&tkt_gate_started);
	wait_for_completion(&tkt_gate_release);
}

static void tkt_work_handler(struct irq_work *work)
{
	atomic_inc(&tkt_work_runs);
	if (running_inband() && !evl_current())
		atomic_inc(&tkt_work_inband);
	if (READ_ONCE(tkt_queue_done))
		atomic_inc(&tkt_work_after);
}

void tkt_irq_gate_close(void)
{
	init_completion(&tkt_gate_started);
	init_completion(&tkt_gate_release);
	WRITE_ONCE(tkt_queue_done, 0);
	atomic_set(&tkt_work_runs, 0);
	atomic_set(&tkt_work_inband, 0);
	atomic_set(&tkt_work_after, 0);
	irq_work_queue(&tkt_gate_work);
	wait_for_completion(&tkt_gate_started);
}

void tkt_irq_gate_open(void)
{
	complete(&tkt_gate_release);
}

void tkt_irq_sync(void)
{
	irq_work_sync(&tkt_gate_work);
	irq_work_sync(&tkt_work);
}

int tkt_irq_runs(int *inband, int *after_queue)
{
	*inband = atomic_read(&tkt_work_inband);
	*after_queue = atomic_read(&tkt_work_after);
	return atomic_read(&tkt_work_runs);
}

static int tkt_queue_twice(void)
{
	bool first = irq_work_queue(&tkt_work), second = irq_work_queue(&tkt_work);

	WRITE_ONCE(tkt_queue_done, 1);
	return (first ? 4 : 0) | (second ? 2 : 0) | (running_oob() ? 1 : 0);
}

static int tkt_sync_handler(struct evl_sync_work *sync_work)
{
	return running_inband() && !evl_current() ? 42 : -EPROTO;
}

static int tkt_call_sync(void)
{
	struct evl_sync_work sync_work;

	evl_init_sync_work(&sync_work, tkt_sync_handler);
	return evl_call_inband_sync(&sync_work);
}

/* ---- stax and heap --------------------------------------------------------------------- */

static struct evl_stax tkt_stax;
static atomic_t tkt_holders[2], tkt_violations;

int tkt_stax_violations(void)
{
	return atomic_read(&tkt_violations);
}

static long tkt_stax_locked(int ret)
{
	int oob = running_oob();

	if (ret)
		return ret;
	atomic_inc(&tkt_holders[oob]);
	if (atomic_read(&tkt_holders[!oob]))
		atomic_inc(&tkt_violations);
	return 0;
}

static long tkt_stax_unlock(void)
{
	atomic_dec(&tkt_holders[running_oob()]);
	evl_unlock_stax(&tkt_stax);
	return 0;
}

static int tkt_alloc(void)
{
	unsigned char *p = evl_alloc(100), *z = evl_zalloc(64);
	int i, ret = 0;

	if (!p || !z || evl_alloc(0) || evl_zalloc(0))
		ret = -ENOMEM;
	if (p)
		memset(p, 0xa5, 100);
	for (i = 0; z && i < 64; i++)
		if (z[i])
			ret = -EPROTO;
	evl_free(p);
	evl_free(z);
	evl_free(NULL);
	return ret;
}

/* ---- the device ------------------------------------------------------------------------ */

struct tkt_file {
	struct evl_file efile;
};

static int tkt_open(struct inode *inode, struct file *filp)
{
	struct tkt_file *tf = kzalloc(sizeof(*tf), GFP_KERNEL);

	if (!tf)
		return -ENOMEM;
	evl_open_file(&tf->efile, filp);
	filp->private_data = tf;
	return 0;
}

static int tkt_release(struct inode *inode, struct file *filp)
{
	struct tkt_file *tf = filp->private_data;

	evl_release_file(&tf->efile);
	kfree(tf);
	return 0;
}

/* both stages */
static long tkt_common_ioctl(struct file *filp, unsigned int cmd, unsigned long arg)
{
	switch (cmd) {
	case TKT_IOC_STAX_LOCK:
		return tkt_stax_locked(evl_lock_stax(&tkt_stax));
	case TKT_IOC_STAX_TRYLOCK:
		return tkt_stax_locked(evl_trylock_stax(&tkt_stax));
	case TKT_IOC_STAX_UNLOCK:
		return tkt_stax_unlock();
	case TKT_IOC_IRQ_WORK2:
		return tkt_queue_twice();
	case TKT_IOC_CALL_SYNC:
		return tkt_call_sync();
	case TKT_IOC_ALLOC:
		return tkt_alloc();
	case TKT_IOC_SLEEP:
		return evl_sleep(NSEC_PER_MSEC);
	case TKT_IOC_NOW64: {
		u64 uptr = 0;
		long long now = tkt_now();

		if (raw_copy_from_user(&uptr, (void __user *)arg, sizeof(uptr)))
			return -EFAULT;
		if (raw_copy_to_user_ptr64(uptr, &now, sizeof(now)))
			return -EFAULT;
		return evl_valptr64(uptr, long long) == (long long *)(long)uptr ? 0 : -EPROTO;
	}
	default:
		return -ENOTTY;
	}
}

static const struct file_operations tkt_fops = {
	.owner		= THIS_MODULE,
	.open		= tkt_open,
	.release	= tkt_release,
	.unlocked_ioctl	= tkt_common_ioctl,
	.oob_ioctl	= tkt_common_ioctl,
};

static struct miscdevice tkt_misc = {
	.minor	= MISC_DYNAMIC_MINOR,
	.name	= "tkthread",
	.fops	= &tkt_fops,
};

static int __init tkt_init(void)
{
	int ret;

	atomic_set(&tkt_log_len, 0);
	atomic_set(&tkt_violations, 0);
	atomic_set(&tkt_holders[0], 0);
	atomic_set(&tkt_holders[1], 0);
	init_irq_work(&tkt_gate_work, tkt_gate_handler);
	init_irq_work(&tkt_work, tkt_work_handler);
	evl_init_stax(&tkt_stax, 0);

	if (init_timer) {
		tkt_timer_setup(TKT_TIMERS - 1, 0);
		tkt_timer_start(TKT_TIMERS - 1, tkt_now() + 5 * NSEC_PER_MSEC, 5 * NSEC_PER_MSEC);
	}
	if (init_kthread) {
		ret = tkt_kthread_start(TKT_KTHREADS - 1, TKT_KT_LOOP, 1, EVL_CLONE_PRIVATE,
					"tkt-init");
		if (ret)
			goto fail;
	}
	ret = misc_register(&tkt_misc);
	if (ret)
		goto fail;
	return 0;
fail:
	if (init_timer)
		tkt_timer_destroy(TKT_TIMERS - 1);
	if (tkt_kthreads[TKT_KTHREADS - 1].running)
		tkt_kthread_stop(TKT_KTHREADS - 1);
	evl_destroy_stax(&tkt_stax);
	return ret;
}
module_init(tkt_init);

static void __exit tkt_exit(void)
{
	int i;

	misc_deregister(&tkt_misc);
	evl_destroy_stax(&tkt_stax);
	irq_work_sync(&tkt_gate_work);
	irq_work_sync(&tkt_work);
	for (i = 0; i < TKT_TIMERS; i++) {
		if (tkt_timers[i].live && !leave_running)
			tkt_timer_destroy(i);
		tkt_timers[i].live = false;
	}
	for (i = 0; i < TKT_KTHREADS; i++) {
		if (tkt_kthreads[i].running && !leave_running)
			tkt_kthread_stop(i);
		tkt_kthreads[i].running = false;
	}
}
module_exit(tkt_exit);

MODULE_LICENSE("GPL");
MODULE_DESCRIPTION("evlsim test driver: EVL timers, kthreads, irq_work, stax");
