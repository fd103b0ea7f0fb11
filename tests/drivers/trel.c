// SPDX-License-Identifier: GPL-2.0-only
/*
 * trel: a driver for the reliability suite (see trel-abi.h): results it is told to
 * return (restart codes included), an oob read that blocks until woken or kicked by a
 * signal, locks a test can hold while it forks, and an oob_poll that lets a release slip
 * in before it watches its poll heads.
 *
 *	fd = open("/dev/trel", O_RDWR);
 *	trel_set_result(TREL_OP_READ, -ERESTARTSYS, 1);
 *	read(fd, buf, 1);		// -1, errno 512: no signal was pending
 */
#include <linux/module.h>
#include <linux/fs.h>
#include <linux/miscdevice.h>
#include <linux/slab.h>
#include <linux/spinlock.h>
#include <linux/mutex.h>
#include <linux/atomic.h>
#include <linux/poll.h>
#include <linux/wait.h>
#include <evl/file.h>
#include <evl/clock.h>
#include <evl/wait.h>
#include <evl/poll.h>
#include "trel-abi.h"

struct trel_file {
	struct evl_file efile;
	struct evl_poll_head heads[TREL_NR_HEADS];
};

static DEFINE_SPINLOCK(trel_lock);
static DEFINE_MUTEX(trel_mutex);
static struct evl_wait_queue trel_wq;
static atomic_t trel_gen;
static atomic_t trel_nr_waiters;
static long trel_result[TREL_OP_NR];
static int trel_result_set[TREL_OP_NR];
static int trel_poll_wait;
static atomic_t trel_poll_calls;
static long trel_nr_releases;
static DECLARE_WAIT_QUEUE_HEAD(trel_openq);
static int trel_open_hold;
static atomic_t trel_nr_in_open;

/* in-band */
static int trel_open(struct inode *inode, struct file *filp)
{
	struct trel_file *tf = kzalloc(sizeof(*tf), GFP_KERNEL);
	int i;

	if (!tf)
		return -ENOMEM;
	if (READ_ONCE(trel_open_hold)) {
		atomic_inc(&trel_nr_in_open);
		wait_event(trel_openq, !READ_ONCE(trel_open_hold));
		atomic_dec(&trel_nr_in_open);
	}
	for (i = 0; i < TREL_NR_HEADS; i++)
		evl_init_poll_head(&tf->heads[i]);
	evl_open_file(&tf->efile, filp);
	filp->private_data = tf;
	return 0;
}

/* in-band */
static int trel_release(struct inode *inode, struct file *filp)
{
	struct trel_file *tf = filp->private_data;

	spin_lock(&trel_lock);
	trel_nr_releases++;
	spin_unlock(&trel_lock);
	evl_release_file(&tf->efile);
	kfree(tf);
	return 0;
}

static bool trel_forced(int op, long *ret)
{
	if (!READ_ONCE(trel_result_set[op]))
		return false;
	*ret = READ_ONCE(trel_result[op]);
	return true;
}

/* in-band */
static ssize_t trel_read(struct file *filp, char __user *buf, size_t count, loff_t *ppos)
{
	long ret = 0;

	trel_forced(TREL_OP_READ, &ret);
	return ret;
}

/* oob */
static ssize_t trel_oob_read(struct file *filp, char __user *buf, size_t count)
{
	long ret;
	int gen;

	if (trel_forced(TREL_OP_OOB_READ, &ret))
		return ret;
	gen = atomic_read(&trel_gen);
	atomic_inc(&trel_nr_waiters);
	ret = evl_wait_event(&trel_wq, atomic_read(&trel_gen) != gen);
	atomic_dec(&trel_nr_waiters);
	return ret;
}

/* oob */
static long trel_oob_ioctl(struct file *filp, unsigned int cmd, unsigned long arg)
{
	switch (cmd) {
	case TREL_IOC_PING:
		return 0;
	case TREL_IOC_STAGE:
		return running_oob();
	default:
		return -ENOTTY;
	}
}

/* in-band */
static long trel_ioctl(struct file *filp, unsigned int cmd, unsigned long arg)
{
	switch (cmd) {
	case TREL_IOC_STAGE:
		return running_oob();
	case TREL_IOC_SPIN:
		spin_lock(&trel_lock);
		spin_unlock(&trel_lock);
		return 0;
	case TREL_IOC_MUTEX:
		mutex_lock(&trel_mutex);
		mutex_unlock(&trel_mutex);
		return 0;
	default:
		return -ENOTTY;
	}
}

/* oob: wait for the release to have told this poller POLLNVAL, then watch */
static __poll_t trel_oob_poll(struct file *filp, struct oob_poll_wait *wait)
{
	struct trel_file *tf = filp->private_data;
	int i;

	if (READ_ONCE(trel_poll_wait)) {
		atomic_inc(&trel_poll_calls);
		while (!(__atomic_load_n(&wait->connectors[TREL_NR_HEADS - 1].events_received,
					 __ATOMIC_RELAXED) & POLLNVAL))
			cpu_relax();
	}
	for (i = 0; i < TREL_NR_HEADS; i++)
		evl_poll_watch(&tf->heads[i], wait, NULL);
	return 0;
}

static const struct file_operations trel_fops = {
	.owner = THIS_MODULE,
	.open = trel_open,
	.release = trel_release,
	.read = trel_read,
	.unlocked_ioctl = trel_ioctl,
	.oob_read = trel_oob_read,
	.oob_ioctl = trel_oob_ioctl,
	.oob_poll = trel_oob_poll,
};

static struct miscdevice trel_misc = {
	.minor = MISC_DYNAMIC_MINOR,
	.name = "trel",
	.fops = &trel_fops,
};

/* ---- entry points for the test ------------------------------------------------------ */

void trel_set_result(int op, long value, int set)
{
	WRITE_ONCE(trel_result[op], value);
	WRITE_ONCE(trel_result_set[op], set);
}

/* any stage */
void trel_wake(void)
{
	atomic_inc(&trel_gen);
	evl_flush_wait(&trel_wq, 0);
}

int trel_waiters(void)
{
	return atomic_read(&trel_nr_waiters);
}

void trel_set_open_hold(int on)
{
	WRITE_ONCE(trel_open_hold, on);
	if (!on)
		wake_up_all(&trel_openq);
}

int trel_in_open(void)
{
	return atomic_read(&trel_nr_in_open);
}

void trel_set_poll_wait(int on)
{
	WRITE_ONCE(trel_poll_wait, on);
}

int trel_poll_entered(void)
{
	return atomic_read(&trel_poll_calls);
}

long trel_releases(void)
{
	long n;

	spin_lock(&trel_lock);
	n = trel_nr_releases;
	spin_unlock(&trel_lock);
	return n;
}

void trel_spin_lock(void)
{
	spin_lock(&trel_lock);
}

void trel_spin_unlock(void)
{
	spin_unlock(&trel_lock);
}

void trel_mutex_lock(void)
{
	mutex_lock(&trel_mutex);
}

void trel_mutex_unlock(void)
{
	mutex_unlock(&trel_mutex);
}

static int __init trel_init(void)
{
	int i;

	evl_init_wait(&trel_wq, &evl_mono_clock, EVL_WAIT_PRIO);
	atomic_set(&trel_gen, 0);
	atomic_set(&trel_nr_waiters, 0);
	atomic_set(&trel_poll_calls, 0);
	atomic_set(&trel_nr_in_open, 0);
	trel_open_hold = 0;
	trel_nr_releases = 0;
	trel_poll_wait = 0;
	for (i = 0; i < TREL_OP_NR; i++)
		trel_result_set[i] = 0;
	return misc_register(&trel_misc);
}

static void __exit trel_exit(void)
{
	misc_deregister(&trel_misc);
	evl_destroy_wait(&trel_wq);
}

module_init(trel_init);
module_exit(trel_exit);
MODULE_LICENSE("GPL");
