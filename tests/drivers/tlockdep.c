// SPDX-License-Identifier: GPL-2.0-only
/*
 * tlockdep: a module that takes its locks in the orders the lock dependency validator
 * reports, for tests/unit/check_lockdep.c. Every bug is marked BROKEN; the entry points
 * of tlockdep-abi.h are called directly by the test (the module is linked in).
 *
 * Classes: lock_a, lock_b, lock_c and the mutex are initialised at sites of their own in
 * tlockdep_init(); pair[] are two locks of one class (one init site); the timer's handler
 * takes the hard lock irq_lock (also taken with raw_spin_lock() elsewhere: legal, a hard
 * lock keeps hard irqs off while held) or irq_safe_lock (raw_spin_lock_irqsave() only);
 * the in-band interrupt handler takes the spinlock_t dev_lock, which is also taken with
 * spin_lock() (BROKEN: irqs on) or spin_lock_irqsave() only (dev_safe_lock).
 */
#include <linux/module.h>
#include <linux/spinlock.h>
#include <linux/mutex.h>
#include <linux/semaphore.h>
#include <linux/interrupt.h>
#include <evl/timer.h>
#include <evl/clock.h>
#include "tlockdep-abi.h"

static spinlock_t lock_a, lock_b, lock_c, pair[2], dev_lock, dev_safe_lock;
static hard_spinlock_t hard_lock, irq_lock, irq_safe_lock;
static struct mutex tl_mutex;
static struct semaphore tl_sem;
static struct evl_timer tl_timer;
static atomic_t timer_runs;
static int timer_safe;
static atomic_t dev_irqs;
static int dev_safe;

int tlockdep_recursive_spin(void)
{
	spin_lock(&lock_a);
	spin_lock(&lock_a);		/* BROKEN: deadlocks on a kernel */
	spin_unlock(&lock_a);
	spin_unlock(&lock_a);
	return 0;
}

int tlockdep_recursive_hard(void)
{
	unsigned long flags;

	raw_spin_lock_irqsave(&hard_lock, flags);
	raw_spin_lock(&hard_lock);	/* BROKEN */
	raw_spin_unlock(&hard_lock);
	raw_spin_unlock_irqrestore(&hard_lock, flags);
	return 0;
}

int tlockdep_recursive_mutex(void)
{
	mutex_lock(&tl_mutex);
	mutex_lock(&tl_mutex);		/* BROKEN */
	mutex_unlock(&tl_mutex);
	mutex_unlock(&tl_mutex);
	return 0;
}

int tlockdep_order_ab(void)
{
	spin_lock(&lock_a);
	spin_lock(&lock_b);
	spin_unlock(&lock_b);
	spin_unlock(&lock_a);
	return 0;
}

int tlockdep_order_ba(void)
{
	spin_lock(&lock_b);
	spin_lock(&lock_a);		/* BROKEN after tlockdep_order_ab() */
	spin_unlock(&lock_a);
	spin_unlock(&lock_b);
	return 0;
}

int tlockdep_order_bc(void)
{
	spin_lock(&lock_b);
	spin_lock(&lock_c);
	spin_unlock(&lock_c);
	spin_unlock(&lock_b);
	return 0;
}

int tlockdep_order_ca(void)
{
	spin_lock(&lock_c);
	spin_lock(&lock_a);		/* BROKEN after ab and bc */
	spin_unlock(&lock_a);
	spin_unlock(&lock_c);
	return 0;
}

int tlockdep_order_mutex_sem(void)
{
	mutex_lock(&tl_mutex);
	down(&tl_sem);
	up(&tl_sem);
	mutex_unlock(&tl_mutex);
	return 0;
}

int tlockdep_nested_classes(void)
{
	spin_lock(&pair[0]);
	spin_lock(&pair[1]);
	spin_unlock(&pair[1]);
	spin_unlock(&pair[0]);
	spin_lock(&pair[1]);
	spin_lock(&pair[0]);
	spin_unlock(&pair[0]);
	spin_unlock(&pair[1]);
	return 0;
}

int tlockdep_irq_lock_irqs_on(void)
{
	raw_spin_lock(&irq_lock);	/* legal: holding a hard lock, hard irqs are off */
	raw_spin_unlock(&irq_lock);
	return 0;
}

int tlockdep_irq_lock_irqsave(void)
{
	unsigned long flags;

	raw_spin_lock_irqsave(&irq_safe_lock, flags);
	raw_spin_unlock_irqrestore(&irq_safe_lock, flags);
	return 0;
}

/* oob, timer context */
static void tlockdep_timer_handler(struct evl_timer *timer)
{
	hard_spinlock_t *lock = READ_ONCE(timer_safe) ? &irq_safe_lock : &irq_lock;

	raw_spin_lock(lock);
	raw_spin_unlock(lock);
	atomic_inc(&timer_runs);
}

int tlockdep_timer_fire(int safe)
{
	WRITE_ONCE(timer_safe, safe);
	evl_start_timer(&tl_timer, evl_read_clock(&evl_mono_clock) + NSEC_PER_MSEC,
			EVL_INFINITE);
	return 0;
}

int tlockdep_timer_runs(void)
{
	return atomic_read(&timer_runs);
}

/* in-band, interrupt context (a primary handler) */
static irqreturn_t tlockdep_dev_handler(int irq, void *dev_id)
{
	spinlock_t *lock = READ_ONCE(dev_safe) ? &dev_safe_lock : &dev_lock;

	spin_lock(lock);
	spin_unlock(lock);
	atomic_inc(&dev_irqs);
	return IRQ_HANDLED;
}

int tlockdep_dev_request(unsigned int irq, int safe)
{
	WRITE_ONCE(dev_safe, safe);
	return request_irq(irq, tlockdep_dev_handler, 0, "tlockdep", &dev_irqs);
}

void tlockdep_dev_free(unsigned int irq)
{
	free_irq(irq, &dev_irqs);
}

int tlockdep_dev_irqs(void)
{
	return atomic_read(&dev_irqs);
}

int tlockdep_dev_lock_irqs_on(void)
{
	spin_lock(&dev_lock);		/* BROKEN: the interrupt handler takes it too */
	spin_unlock(&dev_lock);
	return 0;
}

int tlockdep_dev_lock_irqsave(void)
{
	unsigned long flags;

	spin_lock_irqsave(&dev_safe_lock, flags);
	spin_unlock_irqrestore(&dev_safe_lock, flags);
	return 0;
}

static int __init tlockdep_init(void)
{
	int i;

	spin_lock_init(&lock_a);
	spin_lock_init(&lock_b);
	spin_lock_init(&lock_c);
	for (i = 0; i < 2; i++)
		spin_lock_init(&pair[i]);	/* one site: one class for both */
	raw_spin_lock_init(&hard_lock);
	raw_spin_lock_init(&irq_lock);
	raw_spin_lock_init(&irq_safe_lock);
	spin_lock_init(&dev_lock);
	spin_lock_init(&dev_safe_lock);
	mutex_init(&tl_mutex);
	sema_init(&tl_sem, 1);
	evl_init_timer(&tl_timer, tlockdep_timer_handler);
	return 0;
}

static void __exit tlockdep_exit(void)
{
	evl_destroy_timer(&tl_timer);
}

module_init(tlockdep_init);
module_exit(tlockdep_exit);
MODULE_LICENSE("GPL");
