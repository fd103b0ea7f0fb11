// SPDX-License-Identifier: LGPL-2.1-or-later
/*
 * The monitor element (kernel world), gate type only, after kernel/evl/monitor.c: what
 * libevl's mutexes (evl/mutex.h) are made of. A gate is an EVL wait queue whose channel
 * owner is the thread holding it, as the kernel mutexes of evl/mutex.c; its requests:
 *
 *	EVL_MONIOC_ENTER	lock, waiting until the absolute date (a zero date: forever)
 *				on the gate's clock: 0, -EDEADLK (the caller holds it: user
 *				space deals with recursion), -ETIMEDOUT, -EINTR, -EIDRM,
 *				-EINVAL (bad date), -EFAULT
 *	EVL_MONIOC_TRYENTER	0, -EBUSY (held by another thread), -EDEADLK
 *	EVL_MONIOC_EXIT		0, -EPERM (the caller does not hold it)
 *
 * Ownership passes to the head waiter (priority order) on exit. Closing the last
 * descriptor wakes the waiters with -EIDRM. The priority protocols (inheritance, ceiling)
 * have nothing to act on: the simulator has no scheduler priorities; the ceiling is
 * recorded by libevl.
 */
#include <linux/fs.h>
#include <linux/slab.h>
#include <linux/anon_inodes.h>
#include <linux/file.h>
#include <evl/clock.h>
#include <evl/file.h>
#include <evl/sched.h>
#include <evl/thread.h>
#include <evl/uaccess.h>
#include <evl/wait.h>
#include <uapi/evl/monitor-abi.h>
#include "kinternal.h"

/* libevl's EVL_CLOCK_MONOTONIC and EVL_CLOCK_REALTIME: the negated POSIX clock ids */
#define GATE_CLOCK_MONOTONIC	(-1)
#define GATE_CLOCK_REALTIME	(-0)

struct evl_monitor {
	struct evl_file efile;
	struct evl_wait_queue wait;	/* wchan.owner is the gate's owner */
};

/* lock held: the caller owns the gate, taking it if free or handed over to it */
static bool grab_gate(struct evl_monitor *gate, struct evl_thread *curr)
{
	if (!gate->wait.wchan.owner)
		gate->wait.wchan.owner = curr;
	return gate->wait.wchan.owner == curr;
}

static bool gate_owned_by(struct evl_monitor *gate, struct evl_thread *curr)
{
	unsigned long flags;
	bool ret;

	raw_spin_lock_irqsave(&gate->wait.wchan.lock, flags);
	ret = gate->wait.wchan.owner == curr;
	raw_spin_unlock_irqrestore(&gate->wait.wchan.lock, flags);
	return ret;
}

static int enter_gate(struct evl_monitor *gate, struct __evl_timespec __user *u_timeout)
{
	struct evl_thread *curr = evl_current();
	enum evl_tmode tmode;
	ktime_t timeout;
	int ret;

	ret = evl_fetch_utimespec(u_timeout, &timeout, &tmode);
	if (ret)
		return ret;
	tmode = timeout ? EVL_ABS : EVL_REL;	/* a zero date: no timeout */
	if (gate_owned_by(gate, curr))
		return -EDEADLK;	/* first-order locking only */
	return evl_wait_event_timeout(&gate->wait, timeout, tmode, grab_gate(gate, curr));
}

static int tryenter_gate(struct evl_monitor *gate)
{
	struct evl_thread *curr = evl_current();
	unsigned long flags;
	int ret = 0;

	raw_spin_lock_irqsave(&gate->wait.wchan.lock, flags);
	if (gate->wait.wchan.owner == curr)
		ret = -EDEADLK;
	else if (!grab_gate(gate, curr))
		ret = -EBUSY;
	raw_spin_unlock_irqrestore(&gate->wait.wchan.lock, flags);
	return ret;
}

static int exit_gate(struct evl_monitor *gate)
{
	struct evl_thread *curr = evl_current(), *next;
	unsigned long flags;

	raw_spin_lock_irqsave(&gate->wait.wchan.lock, flags);
	if (gate->wait.wchan.owner != curr) {
		raw_spin_unlock_irqrestore(&gate->wait.wchan.lock, flags);
		return -EPERM;
	}
	next = evl_wait_head(&gate->wait);
	gate->wait.wchan.owner = next;
	if (next)
		evl_wake_up(&gate->wait, next, 0);
	raw_spin_unlock_irqrestore(&gate->wait.wchan.lock, flags);
	evl_schedule();
	return 0;
}

static long monitor_oob_ioctl(struct file *filp, unsigned int cmd, unsigned long arg)
{
	struct evl_monitor *gate = filp->private_data;

	switch (cmd) {
	case EVL_MONIOC_ENTER:
		return enter_gate(gate, (struct __evl_timespec __user *)arg);
	case EVL_MONIOC_TRYENTER:
		return tryenter_gate(gate);
	case EVL_MONIOC_EXIT:
		return exit_gate(gate);
	default:
		return -ENOTTY;
	}
}

static long monitor_ioctl(struct file *filp, unsigned int cmd, unsigned long arg)
{
	return -ENOTTY;
}

static int monitor_release(struct inode *inode, struct file *filp)
{
	struct evl_monitor *gate = filp->private_data;

	evl_flush_wait(&gate->wait, EVL_T_RMID);
	evl_release_file(&gate->efile);
	evl_destroy_wait(&gate->wait);
	kfree(gate);
	return 0;
}

static const struct file_operations monitor_fops = {
	.release	= monitor_release,
	.unlocked_ioctl	= monitor_ioctl,
	.oob_ioctl	= monitor_oob_ioctl,
};

/**
 * evlsim__gate_create - a new gate monitor, open on a new descriptor
 * @clockfd: EVL_CLOCK_MONOTONIC or EVL_CLOCK_REALTIME (libevl's negated clock ids), the
 *	clock of the timed entries
 * @clone_flags: EVL_CLONE_PRIVATE (with EVL_MUTEX_RECURSIVE, which libevl handles)
 *
 * Returns the descriptor (O_CLOEXEC), -EINVAL for another clock, -EOPNOTSUPP for
 * EVL_CLONE_PUBLIC (public elements are not simulated), -ENOMEM, -EMFILE.
 */
int evlsim__gate_create(int clockfd, int clone_flags)
{
	struct evl_clock *clock;
	struct evl_monitor *gate;
	struct file *filp;
	int fd;

	if (clone_flags & EVL_CLONE_PUBLIC)
		return -EOPNOTSUPP;
	if (clone_flags & ~EVL_CLONE_NONBLOCK)
		return -EINVAL;
	if (clockfd == GATE_CLOCK_MONOTONIC)
		clock = &evl_mono_clock;
	else if (clockfd == GATE_CLOCK_REALTIME)
		clock = &evl_realtime_clock;
	else
		return -EINVAL;
	gate = kzalloc(sizeof(*gate), GFP_KERNEL);
	if (!gate)
		return -ENOMEM;
	evl_init_wait(&gate->wait, clock, EVL_WAIT_PRIO);
	fd = get_unused_fd_flags(O_RDWR | O_CLOEXEC);
	if (fd < 0)
		goto fail;
	filp = anon_inode_getfile("[evl-monitor]", &monitor_fops, gate, O_RDWR);
	if (IS_ERR(filp)) {
		put_unused_fd(fd);
		fd = PTR_ERR(filp);
		goto fail;
	}
	evl_open_file(&gate->efile, filp);
	fd_install(fd, filp);
	return fd;
fail:
	evl_destroy_wait(&gate->wait);
	kfree(gate);
	return fd;
}
