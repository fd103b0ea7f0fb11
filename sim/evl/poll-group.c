// SPDX-License-Identifier: LGPL-2.1-or-later
/*
 * The out-of-band poll group (kernel world), after kernel/evl/poll.c (K @1a41d1f, spec 5.8
 * and 6.5): the element /dev/evl/poll, which EVL threads drive with oob_ioctl():
 *
 *	efd = open("/dev/evl/poll", O_RDWR);
 *	oob_ioctl(efd, EVL_POLIOC_CTL, &(struct evl_poll_ctlreq){ EVL_POLL_CTLADD, fd, POLLIN });
 *	oob_ioctl(efd, EVL_POLIOC_WAIT, &(struct evl_poll_waitreq){ ts_ptr, set_ptr, 8 });
 *
 * A group holds items (fd, polled events, pollval). A wait builds one watchpoint per item:
 * it takes a crossing reference on the item's file (evl_get_file()), links the watchpoint
 * to the file (so that releasing the file reports POLLNVAL), and calls the file's
 * ->oob_poll(), which connects the watchpoint's oob_poll_wait to the driver's poll heads
 * and returns what is ready now. When nothing is, the waiter sleeps on an on-stack flag
 * that __evl_signal_poll_events() raises, collects what the connectors received, then
 * disconnects everything and drops its references.
 *
 * Custom: the group is a misc device (name "evl-poll", node evl/poll) registered when the
 * library loads, instead of an element of the EVL factory; the wait builds its watchpoint
 * table at each call instead of caching it per thread; items are kept on a list instead
 * of an rbtree. None of this shows through the ABI.
 */
#include <linux/fs.h>
#include <linux/miscdevice.h>
#include <linux/slab.h>
#include <linux/uaccess.h>
#include <linux/compat.h>
#include <linux/ktime.h>
#include <linux/string.h>
#include <evl/file.h>
#include <evl/flag.h>
#include <evl/memory.h>
#include <evl/mutex.h>
#include <evl/poll.h>
#include <evl/sched.h>
#include <evl/uaccess.h>
#include "kinternal.h"
#include "evl/poll-watch.h"

/* Maximum nesting depth (poll group watching other group(s)) */
#define POLLER_NEST_MAX		4

/* What a file without ->oob_poll() is assumed to be ready for. */
#define POLL_DEFAULT_READY	(POLLIN | POLLOUT | POLLRDNORM | POLLWRNORM)

struct poll_group {
	struct list_head item_list;	/* struct poll_item */
	struct list_head waiter_list;	/* struct poll_waiter */
	hard_spinlock_t wait_lock;	/* guards waiter_list, released */
	struct evl_file efile;
	struct evl_kmutex item_lock;	/* guards item_list, nr_items, generation */
	int nr_items;
	unsigned int generation;
	bool released;			/* ->release started: waiters leave with -EIDRM */
};

struct poll_item {
	unsigned int fd;
	int events_polled;
	union evl_value pollval;
	struct list_head next;		/* in group->item_list */
};

struct poll_waiter {
	struct evl_flag flag;
	struct list_head next;		/* in group->waiter_list */
};

static const struct file_operations poll_fops;

/* ---- the wait -------------------------------------------------------------------------- */

struct poll_context {
	struct evl_poll_watchpoint *table;
	int nr;				/* watchpoints in table */
	int active;			/* set up: file referenced, watchpoint linked */
};

/* oob: link @wpt to its file for POLLNVAL; a file released already reports it now */
static void watch_file(struct evl_file *efilp, struct evl_poll_watchpoint *wpt)
{
	unsigned long flags;

	raw_spin_lock_irqsave(&efilp->lock, flags);
	if (file_released(efilp))
		__atomic_fetch_or(&wpt->wait.connectors[0].events_received, POLLNVAL,
				  __ATOMIC_RELAXED);
	else
		list_add_tail(&wpt->node.next, &efilp->watchpoints);
	raw_spin_unlock_irqrestore(&efilp->lock, flags);
}

/* oob: the group's items as a watchpoint table; -EINVAL for an empty group */
static int setup_context(struct poll_group *group, struct poll_context *ctx,
			 struct evl_flag *flag)
{
	struct evl_poll_watchpoint *wpt;
	struct poll_item *item;
	int ret = 0;

	evl_lock_kmutex(&group->item_lock);

	if (!group->nr_items) {
		ret = -EINVAL;
		goto out;
	}
	ctx->table = evl_alloc(group->nr_items * sizeof(*ctx->table));
	if (!ctx->table) {
		ret = -ENOMEM;
		goto out;
	}
	memset(ctx->table, 0, group->nr_items * sizeof(*ctx->table));
	ctx->nr = group->nr_items;
	wpt = ctx->table;
	list_for_each_entry(item, &group->item_list, next) {
		wpt->fd = item->fd;
		wpt->events_polled = item->events_polled;
		wpt->pollval = item->pollval;
		wpt->flag = flag;
		INIT_LIST_HEAD(&wpt->node.next);
		wpt++;
	}
out:
	evl_unlock_kmutex(&group->item_lock);

	return ret;
}

static int received_events(struct evl_poll_watchpoint *wpt)
{
	int i, events = 0;

	for (i = 0; i < EVL_POLL_NR_CONNECTORS; i++)
		events |= __atomic_load_n(&wpt->wait.connectors[i].events_received,
					  __ATOMIC_RELAXED);
	return events;
}

/*
 * oob: copy the ready events to @u_set, at most @maxevents of them. The first pass
 * (@first) sets each watchpoint up and asks the driver; the next one collects what the
 * connectors received while the caller slept. Returns the count, -EBADF for a stale fd,
 * -EFAULT.
 */
static int collect_events(struct poll_context *ctx, struct evl_poll_event __user *u_set,
			  int maxevents, bool first)
{
	struct evl_poll_watchpoint *wpt;
	struct evl_poll_event ev;
	struct evl_file *efilp;
	int n, ready, count = 0;
	struct file *filp;

	for (n = 0; n < (first ? ctx->nr : ctx->active); n++) {
		wpt = &ctx->table[n];
		if (first) {
			efilp = evl_get_file(wpt->fd);
			if (!efilp)
				return -EBADF;
			filp = efilp->filp;
			wpt->efilp = efilp;
			wpt->filp = filp;
			ctx->active++;
			watch_file(efilp, wpt);
			ready = POLL_DEFAULT_READY;
			if (filp->f_op->oob_poll) {
				evlsim__sched_point(EVLSIM_SP_OOB_ENTER);
				ready = filp->f_op->oob_poll(filp, &wpt->wait);
				evlsim__sched_point(EVLSIM_SP_OOB_EXIT);
			}
		} else {
			ready = received_events(wpt);
		}

		ready &= wpt->events_polled | POLLNVAL;
		if (ready) {
			memset(&ev, 0, sizeof(ev));
			ev.fd = wpt->fd;
			ev.events = ready;
			ev.pollval = wpt->pollval;
			if (raw_copy_to_user(u_set, &ev, sizeof(ev)))
				return -EFAULT;
			u_set++;
			if (++count >= maxevents)
				break;
		}
	}

	return count;
}

/* oob: disconnect every watchpoint set up, drop the file references */
static void clear_context(struct poll_context *ctx)
{
	struct evl_poll_connector *poco;
	struct evl_poll_watchpoint *wpt;
	struct evl_poll_head *head;
	unsigned long flags;
	int n, i;

	for (n = 0; n < ctx->active; n++) {
		wpt = &ctx->table[n];
		for (i = 0; i < EVL_POLL_NR_CONNECTORS; i++) {
			poco = &wpt->wait.connectors[i];
			head = poco->head;
			if (!head)
				break;
			raw_spin_lock_irqsave(&head->lock, flags);
			list_del(&poco->next);
			raw_spin_unlock_irqrestore(&head->lock, flags);
			if (poco->unwatch)
				poco->unwatch(head);
		}
		raw_spin_lock_irqsave(&wpt->efilp->lock, flags);
		list_del_init(&wpt->node.next);
		raw_spin_unlock_irqrestore(&wpt->efilp->lock, flags);
		evl_put_file(wpt->efilp);
	}
	evl_free(ctx->table);
}

/*
 * oob: EVL_POLIOC_WAIT once the request is read. @timeout: 0 waits forever, anything
 * else is a date on the monotonic clock. Returns the number of events written, or a
 * negated errno.
 */
static int wait_events(struct file *filp, struct poll_group *group,
		       struct evl_poll_waitreq *wreq, ktime_t timeout)
{
	struct evl_poll_event __user *u_set;
	struct poll_context ctx = { };
	struct poll_waiter waiter;
	enum evl_tmode tmode;
	unsigned long flags;
	int ret, count;

	if (wreq->nrset < 0)
		return -EINVAL;
	if (wreq->nrset == 0)
		return 0;

	u_set = evl_valptr64(wreq->pollset_ptr, struct evl_poll_event);
	evl_init_flag_on_stack(&waiter.flag);

	count = setup_context(group, &ctx, &waiter.flag);
	if (count)
		goto out;

	count = collect_events(&ctx, u_set, wreq->nrset, true);
	if (count)		/* ready, or -EBADF / -EFAULT */
		goto unwait;

	if (filp->f_flags & O_NONBLOCK) {
		count = -EAGAIN;
		goto unwait;
	}

	tmode = timeout ? EVL_ABS : EVL_REL;
	raw_spin_lock_irqsave(&group->wait_lock, flags);
	list_add(&waiter.next, &group->waiter_list);
	raw_spin_unlock_irqrestore(&group->wait_lock, flags);
	/*
	 * evl_wait_flag_timeout(), with the group's release as a second wake-up condition:
	 * evaluated under the flag's lock, it also catches a release that flushed the
	 * waiters before this one queued on its flag.
	 */
	ret = evl_wait_event_timeout(&waiter.flag.wait, timeout, tmode,
				     evl_read_flag(&waiter.flag) || READ_ONCE(group->released));
	if (!ret && READ_ONCE(group->released))
		ret = -EIDRM;
	raw_spin_lock_irqsave(&group->wait_lock, flags);
	list_del(&waiter.next);
	raw_spin_unlock_irqrestore(&group->wait_lock, flags);

	count = ret;
	if (!count)		/* re-collect events after a successful wait */
		count = collect_events(&ctx, u_set, wreq->nrset, false);
unwait:
	clear_context(&ctx);
out:
	evl_destroy_flag(&waiter.flag);

	return count;
}

/* ---- the group's items ----------------------------------------------------------------- */

static bool is_poll_group(struct file *filp)
{
	return filp->f_op == &poll_fops;
}

/* oob, caller holds origin->item_lock: -ELOOP if @item leads back to @origin or too deep */
static int check_no_loop_deeper(struct poll_group *origin, struct poll_item *item, int depth)
{
	struct poll_group *group;
	struct poll_item *_item;
	struct evl_file *efilp;
	struct file *filp;
	int ret = 0;

	if (depth >= POLLER_NEST_MAX)
		return -ELOOP;

	efilp = evl_get_file(item->fd);
	if (!efilp)
		return 0;

	filp = efilp->filp;
	if (!is_poll_group(filp))
		goto out;

	group = filp->private_data;
	if (group == origin) {
		ret = -ELOOP;
		goto out;
	}

	evl_lock_kmutex(&group->item_lock);
	list_for_each_entry(_item, &group->item_list, next) {
		ret = check_no_loop_deeper(origin, _item, depth + 1);
		if (ret)
			break;
	}
	evl_unlock_kmutex(&group->item_lock);
out:
	evl_put_file(efilp);

	return ret;
}

/* caller holds group->item_lock */
static struct poll_item *lookup_item(struct poll_group *group, unsigned int fd)
{
	struct poll_item *item;

	list_for_each_entry(item, &group->item_list, next)
		if (item->fd == fd)
			return item;
	return NULL;
}

/* POLLNVAL cannot be asked for; POLLERR and POLLHUP are always polled */
static int polled_events(unsigned int events)
{
	return (events & ~POLLNVAL) | POLLERR | POLLHUP;
}

/* oob */
static int add_item(struct poll_group *group, struct evl_poll_ctlreq *creq)
{
	struct poll_item *item;
	struct evl_file *efilp;
	int ret;

	item = evl_alloc(sizeof(*item));
	if (!item)
		return -ENOMEM;

	item->fd = creq->fd;
	item->events_polled = polled_events(creq->events);
	item->pollval = creq->pollval;

	efilp = evl_get_file(creq->fd);
	if (!efilp) {
		ret = -EBADF;
		goto fail_get;
	}

	evl_lock_kmutex(&group->item_lock);

	/* Check for cyclic deps. */
	ret = check_no_loop_deeper(group, item, 0);
	if (ret)
		goto fail_add;

	if (lookup_item(group, item->fd)) {
		ret = -EEXIST;
		goto fail_add;
	}

	list_add_tail(&item->next, &group->item_list);
	group->nr_items++;
	group->generation++;

	evl_unlock_kmutex(&group->item_lock);
	evl_put_file(efilp);

	return 0;

fail_add:
	evl_unlock_kmutex(&group->item_lock);
	evl_put_file(efilp);
fail_get:
	evl_free(item);

	return ret;
}

/* oob: EVL_POLL_CTLDEL or EVL_POLL_CTLMOD on the item watching creq->fd */
static int change_item(struct poll_group *group, struct evl_poll_ctlreq *creq)
{
	bool del = creq->action == EVL_POLL_CTLDEL;
	struct poll_item *item;

	evl_lock_kmutex(&group->item_lock);

	item = lookup_item(group, creq->fd);
	if (!item) {
		evl_unlock_kmutex(&group->item_lock);
		return -ENOENT;
	}

	if (del) {
		list_del(&item->next);
		group->nr_items--;
	} else {
		item->events_polled = polled_events(creq->events);
		item->pollval = creq->pollval;
	}
	group->generation++;

	evl_unlock_kmutex(&group->item_lock);

	if (del)
		evl_free(item);

	return 0;
}

/* oob */
static int setup_item(struct poll_group *group, struct evl_poll_ctlreq *creq)
{
	switch (creq->action) {
	case EVL_POLL_CTLADD:
		return add_item(group, creq);
	case EVL_POLL_CTLDEL:
	case EVL_POLL_CTLMOD:
		return change_item(group, creq);
	}

	return -EINVAL;
}

/* ---- the poll group element ------------------------------------------------------------ */

/* oob */
static long poll_oob_ioctl(struct file *filp, unsigned int cmd, unsigned long arg)
{
	struct poll_group *group = filp->private_data;
	struct evl_poll_waitreq wreq, __user *u_wreq;
	struct evl_poll_ctlreq creq, __user *u_creq;
	struct __evl_timespec __user *u_uts;
	struct __evl_timespec uts;
	long ret;

	switch (cmd) {
	case EVL_POLIOC_CTL:
		u_creq = (struct evl_poll_ctlreq __user *)arg;
		if (raw_copy_from_user(&creq, u_creq, sizeof(creq)))
			return -EFAULT;
		ret = setup_item(group, &creq);
		break;
	case EVL_POLIOC_WAIT:
		u_wreq = (struct evl_poll_waitreq __user *)arg;
		if (raw_copy_from_user(&wreq, u_wreq, sizeof(wreq)))
			return -EFAULT;
		u_uts = evl_valptr64(wreq.timeout_ptr, struct __evl_timespec);
		if (raw_copy_from_user(&uts, u_uts, sizeof(uts)))
			return -EFAULT;
		if ((unsigned long long)uts.tv_nsec >= NSEC_PER_SEC)
			return -EINVAL;
		ret = wait_events(filp, group, &wreq, ktime_set(uts.tv_sec, uts.tv_nsec));
		if (ret < 0)
			return ret;
		if (raw_put_user((int)ret, &u_wreq->nrset))
			return -EFAULT;
		ret = 0;
		break;
	default:
		ret = -ENOTTY;
	}

	return ret;
}

/* in-band */
static int poll_open(struct inode *inode, struct file *filp)
{
	struct poll_group *group;
	int ret;

	group = kzalloc(sizeof(*group), GFP_KERNEL);
	if (!group)
		return -ENOMEM;

	ret = evl_open_file(&group->efile, filp);
	if (ret) {
		kfree(group);
		return ret;
	}

	INIT_LIST_HEAD(&group->item_list);
	INIT_LIST_HEAD(&group->waiter_list);
	raw_spin_lock_init(&group->wait_lock);
	evl_init_kmutex(&group->item_lock);
	filp->private_data = group;
	stream_open(inode, filp);

	return 0;
}

/* in-band */
static int poll_release(struct inode *inode, struct file *filp)
{
	struct poll_group *group = filp->private_data;
	struct poll_item *item, *n;
	struct poll_waiter *waiter;
	unsigned long flags;

	raw_spin_lock_irqsave(&group->wait_lock, flags);
	WRITE_ONCE(group->released, true);
	list_for_each_entry(waiter, &group->waiter_list, next)
		evl_flush_flag_nosched(&waiter->flag, EVL_T_RMID);
	raw_spin_unlock_irqrestore(&group->wait_lock, flags);
	evl_schedule();

	/*
	 * Control requests may still run on the group until evl_release_file() returns:
	 * the items and their lock go only after it.
	 */
	evl_release_file(&group->efile);

	list_for_each_entry_safe(item, n, &group->item_list, next) {
		list_del(&item->next);
		evl_free(item);
	}
	evl_destroy_kmutex(&group->item_lock);
	kfree(group);

	return 0;
}

static const struct file_operations poll_fops = {
	.open		= poll_open,
	.release	= poll_release,
	.oob_ioctl	= poll_oob_ioctl,
#ifdef CONFIG_COMPAT
	.compat_oob_ioctl = compat_ptr_oob_ioctl,
#endif
};

static struct miscdevice poll_misc = {
	.minor		= MISC_DYNAMIC_MINOR,
	.name		= "evl-" EVL_POLL_DEV,
	.nodename	= "evl/" EVL_POLL_DEV,
	.mode		= 0666,
	.fops		= &poll_fops,
};

/*
 * The poll factory is part of the EVL core, there from boot: the node exists as soon as
 * the library is loaded.
 */
__attribute__((constructor)) static void poll_boot(void)
{
	int ret = misc_register(&poll_misc);

	WARN(ret, "EVL: cannot register /dev/evl/%s (%d)", EVL_POLL_DEV, ret);
}
