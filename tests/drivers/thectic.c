// SPDX-License-Identifier: GPL-2.0-only
/*
 * thectic: a test driver shaped like EVL's hectic (see thectic-abi.h): registered as
 * hectic is, with hectic's headers, it loads the FPU and checks it across switches to a
 * peer EVL kthread, holds and releases a kthread, fires the tracepoints hectic fires, and
 * reports the CPUs its code runs on.
 */
#include <linux/init.h>
#include <linux/module.h>
#include <linux/vmalloc.h>
#include <linux/slab.h>
#include <linux/uaccess.h>
#include <linux/semaphore.h>
#include <linux/irq_work.h>
#include <linux/delay.h>
#include <evl/thread.h>
#include <evl/flag.h>
#include <evl/file.h>
#include <evl/stax.h>
#include <asm/evl/fptest.h>
#include <trace/events/evl.h>
#include "thectic-abi.h"

static u32 fp_features;

/* ---- the FPU ---------------------------------------------------------------------------- */

unsigned int thec_detect_fpu(void)
{
	return evl_detect_fpu();
}

unsigned int thec_fpu_selftest(unsigned int features, unsigned int val, int clobber,
			       int *bad)
{
	unsigned int v, junk = 0xdead;
	u64 vec[2] = { 0xbad, 0xbad };
	int bad_reg;

	evl_begin_fpu();
	evl_set_fpregs(features, val);
	if (clobber == 0)	/* the top of the x87 stack */
		__asm__ __volatile__("fstp %%st(0)\n\tfildl %0" : : "m" (junk));
	else if (clobber == 11)
		__asm__ __volatile__("movdqu %0, %%xmm3" : : "m" (vec));	/* kernel code:
										   xmm unused */
	v = evl_check_fpregs(features, val, bad_reg);
	evl_end_fpu();
	*bad = bad_reg;
	return v;
}

static DEFINE_HARD_SPINLOCK(fpu_lock);

unsigned int thec_fpu_services(unsigned int features, unsigned int val, int *bad)
{
	unsigned long flags;
	unsigned int v;
	int bad_reg;
	void *a, *b;

	evl_begin_fpu();
	evl_set_fpregs(features, val);
	a = kzalloc(8192, GFP_ATOMIC);
	b = kmalloc(300, GFP_ATOMIC);
	raw_spin_lock_irqsave(&fpu_lock, flags);
	kfree(a);
	raw_spin_unlock_irqrestore(&fpu_lock, flags);
	kfree(b);
	v = evl_check_fpregs(features, val, bad_reg);
	evl_end_fpu();
	*bad = bad_reg;
	return v;
}

/* The peer kthread and the caller of THEC_IOC_SWITCH take turns, each loading its own
 * values in the FPU before handing over and checking them once back. */
static struct {
	struct evl_kthread kthread;
	struct evl_flag go, back;
	unsigned int mismatches, switches;
	u32 features;		/* those of the THEC_IOC_SWITCH request in progress */
	bool running;
} peer;

static void peer_fn(void *arg)
{
	unsigned int expected, val;
	int bad;

	while (!evl_kthread_should_stop()) {
		if (evl_wait_flag(&peer.go))
			break;
		expected = 500 + peer.switches * 1000;
		evl_begin_fpu();
		evl_set_fpregs(peer.features, expected);
		peer.switches++;
		evl_raise_flag(&peer.back);
		if (evl_wait_flag(&peer.go)) {
			evl_end_fpu();
			break;
		}
		val = evl_check_fpregs(peer.features, expected, bad);
		evl_end_fpu();
		if (val != expected) {
			peer.mismatches++;
			trace_evl_fpu_corrupt(val);
		}
		evl_raise_flag(&peer.back);
	}
}

int thec_start_peer(int cpu)
{
	int ret;

	evl_init_flag(&peer.go);
	evl_init_flag(&peer.back);
	peer.mismatches = peer.switches = 0;
	if (cpu < 0)
		ret = evl_run_kthread(&peer.kthread, peer_fn, NULL, 1, EVL_CLONE_PRIVATE,
				      "thectic-peer");
	else
		ret = evl_run_kthread_on_cpu(&peer.kthread, cpu, peer_fn, NULL, 1,
					     EVL_CLONE_PRIVATE, "thectic-peer@%d", cpu);
	peer.running = !ret;
	if (ret) {
		evl_destroy_flag(&peer.go);
		evl_destroy_flag(&peer.back);
	}
	return ret;
}

void thec_peer_stats(unsigned int *mismatches, unsigned int *switches)
{
	*mismatches = peer.mismatches;
	*switches = peer.switches;
}

void thec_stop_peer(void)
{
	if (!peer.running)
		return;
	evl_stop_kthread(&peer.kthread);
	evl_destroy_flag(&peer.go);
	evl_destroy_flag(&peer.back);
	peer.running = false;
}

/* oob: @req->rounds times, load the FPU, let the peer run (twice: it loads its own
 * values, then checks them), check ours */
static int switch_rounds(struct thectic_switch *req)
{
	unsigned int n, expected, val;
	int ret, bad = -1;

	peer.features = req->features & fp_features;	/* read by the peer after go */
	for (n = 0; n < req->rounds; n++) {
		expected = 7 + n * 1000;
		evl_begin_fpu();
		evl_set_fpregs(req->features, expected);
		evl_raise_flag(&peer.go);
		ret = evl_wait_flag(&peer.back);
		if (!ret) {
			evl_raise_flag(&peer.go);
			ret = evl_wait_flag(&peer.back);
		}
		val = evl_check_fpregs(req->features, expected, bad);
		evl_end_fpu();
		if (ret)
			return ret;
		if (val != expected) {
			req->bad_reg = bad;
			req->bad_val = val;
			trace_evl_fpu_corrupt(val);
			trace_evl_trigger("thectic");
			return 1;	/* as hectic: positive on corruption */
		}
	}
	req->bad_reg = -1;
	req->bad_val = 0;
	return 0;
}

static long thectic_oob_ioctl(struct file *filp, unsigned int cmd, unsigned long arg)
{
	struct thectic_switch req, __user *u_req = (typeof(u_req))arg;
	int ret;

	switch (cmd) {
	case THEC_IOC_SWITCH:
		if (!peer.running)
			return -EAGAIN;
		if (raw_copy_from_user(&req, u_req, sizeof(req)))
			return -EFAULT;
		ret = switch_rounds(&req);
		if (raw_copy_to_user(u_req, &req, sizeof(req)))
			return -EFAULT;
		return ret;
	default:
		return -ENOTTY;
	}
}

/* ---- holding a thread ------------------------------------------------------------------- */

static struct {
	struct evl_kthread kthread;
	struct evl_flag kick;
	unsigned int count;
	bool running;
} counter;

static void counter_fn(void *arg)
{
	while (!evl_kthread_should_stop()) {
		if (evl_wait_flag(&counter.kick))
			break;
		WRITE_ONCE(counter.count, counter.count + 1);
	}
}

int thec_counter_start(void)
{
	int ret;

	evl_init_flag(&counter.kick);
	counter.count = 0;
	ret = evl_run_kthread(&counter.kthread, counter_fn, NULL, 1, EVL_CLONE_PRIVATE,
			      "thectic-counter:%d", task_pid_nr(current));
	counter.running = !ret;
	if (ret)
		evl_destroy_flag(&counter.kick);
	return ret;
}

void thec_counter_kick(void)
{
	evl_raise_flag(&counter.kick);
}

unsigned int thec_counter_value(void)
{
	return READ_ONCE(counter.count);
}

void thec_counter_hold(void)
{
	evl_hold_thread(&counter.kthread.thread, EVL_T_SUSP);
}

void thec_counter_release(void)
{
	evl_release_thread(&counter.kthread.thread, EVL_T_SUSP, 0);
}

int thec_counter_state(void)
{
	return READ_ONCE(counter.kthread.thread.state);
}

void thec_counter_stop(void)
{
	if (!counter.running)
		return;
	evl_stop_kthread(&counter.kthread);
	evl_destroy_flag(&counter.kick);
	counter.running = false;
}

/* ---- CPUs ------------------------------------------------------------------------------- */

unsigned int thec_online_cpus(void)
{
	return num_online_cpus();
}

unsigned int thec_possible_cpus(void)
{
	return num_possible_cpus();
}

int thec_count_possible(void)
{
	int cpu, n = 0;

	for_each_possible_cpu(cpu)
		n++;
	return n;
}

int thec_count_online(void)
{
	int cpu, n = 0;

	for_each_online_cpu(cpu)
		n++;
	return n;
}

int thec_is_evl_cpu(int cpu)
{
	return is_evl_cpu(cpu);
}

int thec_bind_self(int cpu)
{
	return set_cpus_allowed_ptr(current, cpumask_of(cpu));
}

int thec_unbind_self(void)
{
	return set_cpus_allowed_ptr(current, cpu_online_mask);
}

int thec_this_cpu(void)
{
	return smp_processor_id();
}

/* in-band: sleep until *@v is set (not -2), 10 seconds at most */
static int wait_set(int *v)
{
	int ms;

	for (ms = 0; ms < 10000; ms++) {
		if (smp_load_acquire(v) != -2)
			return smp_load_acquire(v);
		msleep(1);
	}
	return -ETIMEDOUT;
}

static struct {
	struct evl_kthread kthread;
	int cpu;
} probe;

static void probe_fn(void *arg)
{
	smp_store_release(&probe.cpu, smp_processor_id());
}

int thec_kthread_cpu(int cpu)
{
	int ret;

	probe.cpu = -2;
	ret = evl_run_kthread_on_cpu(&probe.kthread, cpu, probe_fn, NULL, 1,
				     EVL_CLONE_PRIVATE, "thectic-probe");
	if (!ret) {
		ret = wait_set(&probe.cpu);
		evl_stop_kthread(&probe.kthread);
	}
	return ret;
}

static struct {
	struct evl_timer timer;
	int cpu;
} tprobe;

static void tprobe_handler(struct evl_timer *timer)	/* hard irqs off */
{
	smp_store_release(&tprobe.cpu, smp_processor_id());
}

int thec_timer_cpu(int cpu)
{
	int ret;

	evl_init_timer_on_cpu(&tprobe.timer, cpu, tprobe_handler);
	tprobe.cpu = -2;
	evl_start_timer(&tprobe.timer, evl_abs_timeout(&tprobe.timer, 1000), EVL_INFINITE);
	ret = wait_set(&tprobe.cpu);
	evl_destroy_timer(&tprobe.timer);
	return ret;
}

void thec_trace(unsigned int v)
{
	trace_evl_fpu_corrupt(v);
	trace_evl_trigger("thectic");
	printk(EVL_INFO "thectic: traced %u\n", v);
}

/* ---- the device, registered as hectic registers its own ------------------------------ */

struct thectic_ctx {
	struct evl_file efile;
};

static int thectic_open(struct inode *inode, struct file *filp)
{
	struct thectic_ctx *ctx;
	int ret;

	ctx = kzalloc(sizeof(*ctx), GFP_KERNEL);
	if (!ctx)
		return -ENOMEM;
	ret = evl_open_file(&ctx->efile, filp);
	if (ret) {
		kfree(ctx);
		return ret;
	}
	filp->private_data = ctx;
	stream_open(inode, filp);
	return 0;
}

static int thectic_release(struct inode *inode, struct file *filp)
{
	struct thectic_ctx *ctx = filp->private_data;

	evl_release_file(&ctx->efile);
	kfree(ctx);
	return 0;
}

static struct class thectic_class = {
	.name = "thectic",
};

static const struct file_operations thectic_fops = {
	.open		= thectic_open,
	.release	= thectic_release,
	.oob_ioctl	= thectic_oob_ioctl,
#ifdef CONFIG_COMPAT
	.compat_oob_ioctl = compat_ptr_oob_ioctl,
#endif
};

static dev_t thectic_devt;
static struct cdev thectic_cdev;

static int __init thectic_init(void)
{
	struct device *dev;
	int ret;

	fp_features = evl_detect_fpu();

	ret = class_register(&thectic_class);
	if (ret)
		return ret;
	ret = alloc_chrdev_region(&thectic_devt, 0, 1, "thectic");
	if (ret)
		goto fail_region;
	cdev_init(&thectic_cdev, &thectic_fops);
	ret = cdev_add(&thectic_cdev, thectic_devt, 1);
	if (ret)
		goto fail_add;
	dev = device_create(&thectic_class, NULL, thectic_devt, NULL, "thectic");
	if (IS_ERR(dev)) {
		ret = PTR_ERR(dev);
		goto fail_dev;
	}
	return 0;

fail_dev:
	cdev_del(&thectic_cdev);
fail_add:
	unregister_chrdev_region(thectic_devt, 1);
fail_region:
	class_unregister(&thectic_class);
	return ret;
}
module_init(thectic_init);

static void __exit thectic_exit(void)
{
	thec_stop_peer();
	thec_counter_stop();
	device_destroy(&thectic_class, MKDEV(MAJOR(thectic_devt), 0));
	cdev_del(&thectic_cdev);
	unregister_chrdev_region(thectic_devt, 1);
	class_unregister(&thectic_class);
}
module_exit(thectic_exit);

MODULE_LICENSE("GPL");
