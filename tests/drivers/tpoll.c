// SPDX-License-Identifier: GPL-2.0-only
/*
 * tpoll: in-band wait queues, completions and ->poll, for the in-band wait and poll
 * tests.
 *
 * Once loaded, two misc devices:
 *   /dev/tpoll          ->poll: poll_wait() on tpoll_pollq, then the readiness mask set
 *                       with tpoll_set_mask(), which wakes the pollers with
 *                       wake_up_interruptible_poll(mask)
 *   /dev/tpoll-nopoll   no ->poll at all (poll(2) sees DEFAULT_POLLMASK)
 *
 * The tpoll_*() functions are plain C entry points a test calls from its threads: they
 * wait on tpoll_evq with each wait_event*() variant for tpoll_cond to become non-zero,
 * wake it up with each wake_up*() variant, and wait on a completion with each
 * wait_for_completion*() variant, returning the kernel API's result unchanged.
 *
 *	fd = open("/dev/tpoll", O_RDWR);
 *	tpoll_set_mask(POLLIN | POLLRDNORM);
 *	poll(&(struct pollfd){ fd, POLLIN }, 1, -1);	// returns 1, revents POLLIN
 */
#include <linux/module.h>
#include <linux/miscdevice.h>
#include <linux/fs.h>
#include <linux/poll.h>
#include <linux/wait.h>
#include <linux/completion.h>
#include <linux/jiffies.h>
#include <linux/spinlock.h>
#include "tpoll-abi.h"

static DECLARE_WAIT_QUEUE_HEAD(tpoll_pollq);
static DECLARE_WAIT_QUEUE_HEAD(tpoll_evq);
static DEFINE_SPINLOCK(tpoll_lock);
static struct completion tpoll_done;
static unsigned int tpoll_mask;		/* readiness of /dev/tpoll, __poll_t bits */
static int tpoll_cond;			/* the wait_event*() condition */
static long tpoll_nr_polls;		/* ->poll calls */
static long tpoll_nr_registrations;	/* ->poll calls given a table to register on */
static unsigned int tpoll_last_key;	/* poll_requested_events() of the last call */
static long tpoll_nr_releases;

/* in-band */
static __poll_t tpoll_poll(struct file *filp, poll_table *wait)
{
	__atomic_add_fetch(&tpoll_nr_polls, 1, __ATOMIC_RELAXED);
	if (!poll_does_not_wait(wait))
		__atomic_add_fetch(&tpoll_nr_registrations, 1, __ATOMIC_RELAXED);
	WRITE_ONCE(tpoll_last_key, (__force unsigned int)poll_requested_events(wait));
	poll_wait(filp, &tpoll_pollq, wait);

	return (__force __poll_t)READ_ONCE(tpoll_mask);
}

static int tpoll_release(struct inode *inode, struct file *filp)
{
	__atomic_add_fetch(&tpoll_nr_releases, 1, __ATOMIC_RELAXED);
	return 0;
}

static const struct file_operations tpoll_fops = {
	.owner = THIS_MODULE,
	.poll = tpoll_poll,
	.release = tpoll_release,
};

static const struct file_operations tpoll_nopoll_fops = {
	.owner = THIS_MODULE,
};

static struct miscdevice tpoll_misc = {
	.minor = MISC_DYNAMIC_MINOR,
	.name = "tpoll",
	.fops = &tpoll_fops,
};

static struct miscdevice tpoll_nopoll_misc = {
	.minor = MISC_DYNAMIC_MINOR,
	.name = "tpoll-nopoll",
	.fops = &tpoll_nopoll_fops,
};

/* ---- entry points: poll ------------------------------------------------------------ */

void tpoll_reset(void)
{
	WRITE_ONCE(tpoll_mask, 0);
	WRITE_ONCE(tpoll_cond, 0);
	__atomic_store_n(&tpoll_nr_polls, 0, __ATOMIC_RELAXED);
	__atomic_store_n(&tpoll_nr_registrations, 0, __ATOMIC_RELAXED);
	__atomic_store_n(&tpoll_nr_releases, 0, __ATOMIC_RELAXED);
	WRITE_ONCE(tpoll_last_key, 0);
	init_completion(&tpoll_done);
}

void tpoll_set_mask(unsigned int mask)
{
	WRITE_ONCE(tpoll_mask, mask);
	wake_up_interruptible_poll(&tpoll_pollq, mask);
}

void tpoll_set_mask_nowake(unsigned int mask)
{
	WRITE_ONCE(tpoll_mask, mask);
}

long tpoll_polls(void)
{
	return __atomic_load_n(&tpoll_nr_polls, __ATOMIC_RELAXED);
}

long tpoll_registrations(void)
{
	return __atomic_load_n(&tpoll_nr_registrations, __ATOMIC_RELAXED);
}

unsigned int tpoll_requested(void)
{
	return READ_ONCE(tpoll_last_key);
}

long tpoll_releases(void)
{
	return __atomic_load_n(&tpoll_nr_releases, __ATOMIC_RELAXED);
}

static int count_entries(struct wait_queue_head *wq)
{
	struct wait_queue_entry *e;
	int n = 0;

	spin_lock(&wq->lock);
	list_for_each_entry(e, &wq->head, entry)
		n++;
	spin_unlock(&wq->lock);
	return n;
}

/* Entries on the poll queue (pollers registered) and on the event queue (sleepers). */
int tpoll_pollers(void)
{
	return count_entries(&tpoll_pollq);
}

int tpoll_sleepers(void)
{
	return count_entries(&tpoll_evq);
}

/* ---- entry points: wait_event*() ------------------------------------------------------ */

void tpoll_cond_set(int v)
{
	WRITE_ONCE(tpoll_cond, v);
}

long tpoll_wait(int variant, long timeout)
{
	long ret = 0;

	switch (variant) {
	case TPOLL_WAIT_EVENT:
		wait_event(tpoll_evq, READ_ONCE(tpoll_cond));
		break;
	case TPOLL_WAIT_INTERRUPTIBLE:
		ret = wait_event_interruptible(tpoll_evq, READ_ONCE(tpoll_cond));
		break;
	case TPOLL_WAIT_TIMEOUT:
		ret = wait_event_timeout(tpoll_evq, READ_ONCE(tpoll_cond), timeout);
		break;
	case TPOLL_WAIT_INTERRUPTIBLE_TIMEOUT:
		ret = wait_event_interruptible_timeout(tpoll_evq, READ_ONCE(tpoll_cond),
						       timeout);
		break;
	case TPOLL_WAIT_KILLABLE:
		ret = wait_event_killable(tpoll_evq, READ_ONCE(tpoll_cond));
		break;
	case TPOLL_WAIT_KILLABLE_TIMEOUT:
		ret = wait_event_killable_timeout(tpoll_evq, READ_ONCE(tpoll_cond), timeout);
		break;
	case TPOLL_WAIT_INTERRUPTIBLE_EXCLUSIVE:
		ret = wait_event_interruptible_exclusive(tpoll_evq, READ_ONCE(tpoll_cond));
		break;
	case TPOLL_WAIT_IDLE:
		wait_event_idle(tpoll_evq, READ_ONCE(tpoll_cond));
		break;
	case TPOLL_WAIT_IDLE_EXCLUSIVE:
		wait_event_idle_exclusive(tpoll_evq, READ_ONCE(tpoll_cond));
		break;
	case TPOLL_WAIT_IDLE_TIMEOUT:
		ret = wait_event_idle_timeout(tpoll_evq, READ_ONCE(tpoll_cond), timeout);
		break;
	case TPOLL_WAIT_LOCK_IRQ:
		spin_lock_irq(&tpoll_lock);
		wait_event_lock_irq(tpoll_evq, READ_ONCE(tpoll_cond), tpoll_lock);
		spin_unlock_irq(&tpoll_lock);
		break;
	case TPOLL_WAIT_INTERRUPTIBLE_LOCK_IRQ:
		spin_lock_irq(&tpoll_lock);
		ret = wait_event_interruptible_lock_irq(tpoll_evq, READ_ONCE(tpoll_cond),
							tpoll_lock);
		spin_unlock_irq(&tpoll_lock);
		break;
	case TPOLL_WAIT_INTERRUPTIBLE_LOCK_IRQ_TIMEOUT:
		spin_lock_irq(&tpoll_lock);
		ret = wait_event_interruptible_lock_irq_timeout(tpoll_evq,
								READ_ONCE(tpoll_cond),
								tpoll_lock, timeout);
		spin_unlock_irq(&tpoll_lock);
		break;
	default:
		ret = -EINVAL;
	}
	return ret;
}

int tpoll_wake(int how)
{
	switch (how) {
	case TPOLL_WAKE_UP:
		return wake_up(&tpoll_evq);
	case TPOLL_WAKE_UP_ALL:
		return wake_up_all(&tpoll_evq);
	case TPOLL_WAKE_UP_INTERRUPTIBLE:
		return wake_up_interruptible(&tpoll_evq);
	case TPOLL_WAKE_UP_INTERRUPTIBLE_ALL:
		return wake_up_interruptible_all(&tpoll_evq);
	case TPOLL_WAKE_UP_NR2:
		return wake_up_nr(&tpoll_evq, 2);
	default:
		return -EINVAL;
	}
}

int tpoll_has_sleeper(void)
{
	return wq_has_sleeper(&tpoll_evq);
}

/* ---- entry points: completions and jiffies ------------------------------------------ */

void tpoll_complete(int all)
{
	if (all)
		complete_all(&tpoll_done);
	else
		complete(&tpoll_done);
}

/* Threads waiting on the completion (its swait list, under its lock). */
int tpoll_completion_waiters(void)
{
	struct list_head *pos;
	int n = 0;

	raw_spin_lock(&tpoll_done.wait.lock);
	list_for_each(pos, &tpoll_done.wait.task_list)
		n++;
	raw_spin_unlock(&tpoll_done.wait.lock);
	return n;
}

long tpoll_wait_completion(int variant, unsigned long timeout)
{
	switch (variant) {
	case TPOLL_COMPLETION_TIMEOUT:
		return wait_for_completion_timeout(&tpoll_done, timeout);
	case TPOLL_COMPLETION_INTERRUPTIBLE_TIMEOUT:
		return wait_for_completion_interruptible_timeout(&tpoll_done, timeout);
	case TPOLL_COMPLETION_KILLABLE_TIMEOUT:
		return wait_for_completion_killable_timeout(&tpoll_done, timeout);
	case TPOLL_COMPLETION_KILLABLE:
		return wait_for_completion_killable(&tpoll_done);
	case TPOLL_COMPLETION_INTERRUPTIBLE:
		return wait_for_completion_interruptible(&tpoll_done);
	default:
		return -EINVAL;
	}
}

unsigned long tpoll_jiffies(void)
{
	return jiffies;
}

unsigned long tpoll_convert(int what, unsigned long v)
{
	switch (what) {
	case TPOLL_MSECS_TO_JIFFIES:
		return msecs_to_jiffies(v);
	case TPOLL_USECS_TO_JIFFIES:
		return usecs_to_jiffies(v);
	case TPOLL_NSECS_TO_JIFFIES:
		return nsecs_to_jiffies(v);
	case TPOLL_JIFFIES_TO_MSECS:
		return jiffies_to_msecs(v);
	case TPOLL_JIFFIES_TO_USECS:
		return jiffies_to_usecs(v);
	case TPOLL_HZ:
		return HZ;
	case TPOLL_MAX_JIFFY_OFFSET:
		return MAX_JIFFY_OFFSET;
	case TPOLL_INITIAL_JIFFIES:
		return INITIAL_JIFFIES;
	default:
		return 0;
	}
}

/* ---- module ------------------------------------------------------------------------- */

static int __init tpoll_init(void)
{
	int ret;

	tpoll_reset();
	ret = misc_register(&tpoll_misc);
	if (ret)
		return ret;
	ret = misc_register(&tpoll_nopoll_misc);
	if (ret)
		goto fail_nopoll;
	return 0;

fail_nopoll:
	misc_deregister(&tpoll_misc);
	return ret;
}
module_init(tpoll_init);

static void __exit tpoll_exit(void)
{
	misc_deregister(&tpoll_nopoll_misc);
	misc_deregister(&tpoll_misc);
}
module_exit(tpoll_exit);

MODULE_LICENSE("GPL");
