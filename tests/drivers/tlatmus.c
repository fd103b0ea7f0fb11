// SPDX-License-Identifier: GPL-2.0-only
/*
 * tlatmus: a test driver shaped like EVL's latmus (see tlatmus-abi.h): the gravity of
 * the monotonic clock and timers anticipating their shot by it, the score sorting and
 * standard deviation of the tuner (sort(), int_sqrt()), per-CPU memory as its sirq
 * runner uses it, and the latency tracepoints.
 */
#include <linux/types.h>
#include <linux/init.h>
#include <linux/module.h>
#include <linux/slab.h>
#include <linux/kernel.h>
#include <linux/sort.h>
#include <linux/cdev.h>
#include <linux/fs.h>
#include <linux/fcntl.h>
#include <linux/percpu.h>
#include <linux/delay.h>
#include <evl/file.h>
#include <evl/flag.h>
#include <evl/clock.h>
#include <evl/thread.h>
#include <evl/uaccess.h>
#include <trace/events/evl.h>
#include "tlatmus-abi.h"

/* ---- sorting and statistics ------------------------------------------------------------- */

static int cmp_int(const void *a, const void *b)
{
	const int *l = a, *r = b;

	return (*l > *r) - (*l < *r);
}

static int cmp_int_r(const void *a, const void *b, const void *priv)
{
	int sign = *(const int *)priv;

	return sign * cmp_int(a, b);
}

void tlat_sort(int *v, int n, int desc)
{
	int sign = -1;

	if (desc)
		sort_r(v, n, sizeof(*v), cmp_int_r, NULL, &sign);
	else
		sort(v, n, sizeof(*v), cmp_int, NULL);
}

static int cmp_first_byte(const void *a, const void *b)
{
	return *(const u8 *)a - *(const u8 *)b;
}

void tlat_sort_bytes(void *v, int n, int size)
{
	sort(v, n, size, cmp_first_byte, NULL);
}

unsigned long tlat_int_sqrt(unsigned long x)
{
	return int_sqrt(x);
}

/* ---- gravity ---------------------------------------------------------------------------- */

void tlat_gravity_get(struct tlat_gravity *g)
{
	g->irq = evl_mono_clock.gravity.irq;
	g->kernel = evl_get_clock_gravity(&evl_mono_clock, kernel);
	g->user = evl_mono_clock.gravity.user;
}

void tlat_gravity_set(const struct tlat_gravity *g)
{
	evl_mono_clock.gravity.irq = g->irq;
	evl_mono_clock.gravity.kernel = g->kernel;
	evl_mono_clock.gravity.user = g->user;
}

int tlat_gravity_set_api(const struct tlat_gravity *g)
{
	struct evl_clock_gravity gravity = {
		.irq = g->irq, .kernel = g->kernel, .user = g->user,
	};

	return evl_set_clock_gravity(&evl_mono_clock, &gravity);
}

void tlat_gravity_reset(void)
{
	evl_reset_clock_gravity(&evl_mono_clock);
}

static struct {
	struct evl_timer timer;
	int shots, want;
	ktime_t fired[3];
} shot;

static void shot_handler(struct evl_timer *timer)	/* hard irqs off */
{
	if (shot.shots < 3)
		shot.fired[shot.shots] = evl_read_clock(&evl_mono_clock);
	if (shot.shots + 1 >= shot.want)
		evl_stop_timer(timer);
	smp_store_release(&shot.shots, shot.shots + 1);
}

/* in-band: sleep until the timer fired @want times, a second at most */
static int wait_shots(int want)
{
	int ms;

	for (ms = 0; ms < 1000; ms++) {
		if (smp_load_acquire(&shot.shots) >= want)
			return 0;
		msleep(1);
	}
	return -ETIMEDOUT;
}

int tlat_timer_shot(int ugravity, long long date, long long *tdate, long long *expiry,
		    long long *fired)
{
	int ret;

	evl_init_timer_on_cpu(&shot.timer, 0, shot_handler);
	if (ugravity)
		evl_set_timer_gravity(&shot.timer, EVL_TIMER_UGRAVITY);
	shot.shots = 0;
	shot.want = 1;
	evl_start_timer(&shot.timer, date, EVL_INFINITE);
	*expiry = evl_get_timer_date(&shot.timer);
	*tdate = evl_tdate(&shot.timer);
	ret = wait_shots(1);
	*fired = shot.fired[0];
	evl_destroy_timer(&shot.timer);
	return ret;
}

int tlat_timer_periodic(long long start, long long period, long long fired[3])
{
	int ret, n;

	evl_init_timer(&shot.timer, shot_handler);
	shot.shots = 0;
	shot.want = 3;
	evl_start_timer(&shot.timer, start, period);
	ret = wait_shots(3);
	evl_destroy_timer(&shot.timer);
	for (n = 0; n < 3; n++)
		fired[n] = shot.fired[n];
	return ret;
}

int tlat_set_period(long long period)
{
	int ret = evl_set_period(&evl_mono_clock, 0, period);

	evl_set_period(NULL, 0, 0);
	return ret;
}

/* ---- per-CPU memory --------------------------------------------------------------------- */

struct tlat_sample {
	long sum;
	int count;
};

static DEFINE_PER_CPU(int, tlat_counter) = 5;

int tlat_percpu_dynamic(void)
{
	struct tlat_sample __percpu *samples;
	int cpu, other, ret = 0;

	samples = alloc_percpu(struct tlat_sample);
	if (!samples)
		return -ENOMEM;
	for_each_possible_cpu(cpu) {
		struct tlat_sample *s = per_cpu_ptr(samples, cpu);

		if (s->sum || s->count)
			ret = 1;		/* not zeroed */
		s->sum = 1000 + cpu;
		s->count = cpu;
	}
	for_each_possible_cpu(cpu) {
		struct tlat_sample *s = per_cpu_ptr(samples, cpu);

		if (s->sum != 1000 + cpu || s->count != cpu)
			ret = ret ?: 2;		/* copies overlap */
		for_each_possible_cpu(other)
			if (other != cpu && per_cpu_ptr(samples, other) == s)
				ret = ret ?: 3;	/* not distinct */
	}
	if (this_cpu_ptr(samples) != per_cpu_ptr(samples, smp_processor_id()))
		ret = ret ?: 4;
	free_percpu(samples);
	return ret;
}

int tlat_percpu_read(int cpu)
{
	return per_cpu(tlat_counter, cpu);
}

int tlat_percpu_inc_this(void)
{
	int cpu = smp_processor_id();

	this_cpu_inc(tlat_counter);
	return cpu;
}

/* ---- tracepoints and constants ---------------------------------------------------------- */

void tlat_latspot(int ns)
{
	trace_evl_latspot(ns);
	trace_evl_trigger("tlatmus");
	printk(EVL_WARNING "tlatmus: latency peak %d ns\n", ns);
}

int tlat_samples_per_sec(int period_ns)
{
	return ONE_BILLION / period_ns;
}

/* ---- the device, registered as latmus registers its own ------------------------------- */

static int tlatmus_open(struct inode *inode, struct file *filp)
{
	return stream_open(inode, filp);
}

static long tlatmus_ioctl(struct file *filp, unsigned int cmd, unsigned long arg)
{
	return (filp->f_flags & O_NONBLOCK) ? -EAGAIN : -ENOTTY;
}

static struct class tlatmus_class = {
	.name = "tlatmus",
};

static const struct file_operations tlatmus_fops = {
	.open		= tlatmus_open,
	.unlocked_ioctl	= tlatmus_ioctl,
#ifdef CONFIG_COMPAT
	.compat_ioctl	= compat_ptr_ioctl,
#endif
};

static dev_t tlatmus_devt;
static struct cdev tlatmus_cdev;

static int __init tlatmus_init(void)
{
	struct device *dev;
	int ret;

	ret = class_register(&tlatmus_class);
	if (ret)
		return ret;
	ret = alloc_chrdev_region(&tlatmus_devt, 0, 1, "tlatmus");
	if (ret)
		goto fail_region;
	cdev_init(&tlatmus_cdev, &tlatmus_fops);
	ret = cdev_add(&tlatmus_cdev, tlatmus_devt, 1);
	if (ret)
		goto fail_add;
	dev = device_create(&tlatmus_class, NULL, tlatmus_devt, NULL, "tlatmus");
	if (IS_ERR(dev)) {
		ret = PTR_ERR(dev);
		goto fail_dev;
	}
	return 0;

fail_dev:
	cdev_del(&tlatmus_cdev);
fail_add:
	unregister_chrdev_region(tlatmus_devt, 1);
fail_region:
	class_unregister(&tlatmus_class);
	return ret;
}
module_init(tlatmus_init);

static void __exit tlatmus_exit(void)
{
	evl_reset_clock_gravity(&evl_mono_clock);
	device_destroy(&tlatmus_class, MKDEV(MAJOR(tlatmus_devt), 0));
	cdev_del(&tlatmus_cdev);
	unregister_chrdev_region(tlatmus_devt, 1);
	class_unregister(&tlatmus_class);
}
module_exit(tlatmus_exit);

MODULE_LICENSE("GPL");
