// SPDX-License-Identifier: LGPL-2.1-or-later
/*
 * EVL threads (kernel world), after kernel/evl/thread.c. Stages are in core/stage.c, the
 * out-of-band syscall path in syscall.c.
 *
 * A thread becomes an EVL thread by attaching: it gets a thread element, a file the
 * simulator keeps a reference on, installed at a descriptor (libevl's efd). An attached
 * thread runs in-band until its first oob call switches it out-of-band, where it stays
 * (lazy switching) until an in-band call demotes it (EVL_HMDIAG_SYSDEMOTE) or it switches
 * back explicitly.
 */
#include <linux/fs.h>
#include <linux/stdarg.h>
#include <linux/minmax.h>
#include <linux/slab.h>
#include <linux/string.h>
#include <linux/anon_inodes.h>
#include <linux/compat.h>
#include <evl/file.h>
#include <evl/thread.h>
#include <uapi/evl/factory-abi.h>
#include <uapi/evl/thread-abi.h>
#include <uapi/evl/sched-abi.h>
#include <evl/kthread.h>
#include <linux/file.h>
#include <linux/uaccess.h>
#include "kinternal.h"

#define SCHED_OTHER_ABI	0	/* SCHED_NORMAL of uapi/linux/sched.h */

#define EVL_THREAD_CLONE_FLAGS	(EVL_CLONE_PUBLIC | EVL_CLONE_OBSERVABLE | EVL_CLONE_UNICAST)

struct evl_thread_element {
	struct evlsim_thread *thread;	/* NULL once detached */
	char *name;
	int clone_flags;
	struct file *filp;		/* the element file, referenced while attached */
	struct evl_file efile;		/* oob-capable: mode and state requests from oob */
	struct list_head next;		/* public threads, by name */
};

static struct evlsim_mutex public_lock = EVLSIM_MUTEX_INITIALIZER;
static LIST_HEAD(public_threads);

static int thread_element_release(struct inode *inode, struct file *filp)
{
	struct evl_thread_element *te = filp->private_data;

	/* evl_release_file() without its watchers and its scheduling point: the element
	 * is the simulator's, and no test hook should see its release */
	evl_pass_crossing(&te->efile.crossing);
	evlsim__oob_file_drain(filp);
	__atomic_store_n(&filp->f_oob_state.data, NULL, __ATOMIC_RELEASE);
	kfree(te->name);
	kfree(te);
	return 0;
}

/* ->thread of every element: cleared under it at detach, read under it by another thread */
static struct evlsim_mutex element_lock = EVLSIM_MUTEX_INITIALIZER;

/* update_mode() of kernel/evl/thread.c: EVL_THRIOC_SET_MODE, EVL_THRIOC_CLEAR_MODE */
static int update_mode(struct evl_thread_element *te, __u32 mask, __u32 *oldmask, bool set)
{
	struct evlsim_thread *t;
	int ret = 0;

	*oldmask = 0;
	if (mask & ~EVL_THREAD_MODE_BITS)
		return -EINVAL;
	if (set) {
		/* HM events go to an observable thread only */
		if ((mask & EVL_T_HMOBS) && !(te->clone_flags & EVL_CLONE_OBSERVABLE))
			return -EINVAL;
		/* a warning without a channel is notified through SIGDEBUG */
		if ((mask & EVL_THREAD_WARN_MASK) && !(mask & EVL_THREAD_HM_MASK))
			mask |= EVL_T_HMSIG;
	}
	evlsim__mutex_lock(&element_lock);
	t = te->thread;
	if (!t)
		ret = -ESRCH;
	else if (set)
		*oldmask = __atomic_fetch_or(&t->mode, mask, __ATOMIC_RELAXED);
	else
		*oldmask = __atomic_fetch_and(&t->mode, ~mask, __ATOMIC_RELAXED);
	evlsim__mutex_unlock(&element_lock);
	*oldmask &= EVL_THREAD_MODE_BITS;
	return ret;
}

/*
 * EVL_THRIOC_GET_STATE: what the simulator knows of the thread (its mode bits, its stage,
 * EVL_T_PEND while it waits on an EVL wait queue, EVL_T_DELAY in libevl's oob sleep, the
 * counters), zeros for the rest
 */
static int get_state(struct evl_thread_element *te, struct evl_thread_state *st)
{
	struct evlsim_thread *t;
	int ret = 0;

	memset(st, 0, sizeof(*st));
	evlsim__mutex_lock(&element_lock);
	t = te->thread;
	if (!t) {
		ret = -ESRCH;
	} else {
		st->state = __atomic_load_n(&t->mode, __ATOMIC_RELAXED) & EVL_THREAD_MODE_BITS;
		if (__atomic_load_n(&t->stage, __ATOMIC_RELAXED) == EVLSIM_INBAND)
			st->state |= EVL_T_INBAND;
		if (!t->evl_thread_ext)		/* not an EVL kthread */
			st->state |= EVL_T_USER;
		if (te->clone_flags & EVL_CLONE_OBSERVABLE)
			st->state |= EVL_T_OBSERV;
		st->state |= evlsim__evl_state(t) & EVL_T_PEND;
		if (__atomic_load_n(&t->oob_sleeping, __ATOMIC_ACQUIRE))
			st->state |= EVL_T_DELAY;	/* evl_usleep(), evl_sleep_until() */
		st->isw = __atomic_load_n(&t->nr_isw, __ATOMIC_RELAXED);
		st->csw = __atomic_load_n(&t->nr_ctx_switches, __ATOMIC_RELAXED);
		st->sc = __atomic_load_n(&t->nr_oob_calls, __ATOMIC_RELAXED);
	}
	evlsim__mutex_unlock(&element_lock);
	return ret;
}

/*
 * EVL_THRIOC_SET_SCHEDPARAM, EVL_THRIOC_GET_SCHEDPARAM: the policy and priority the
 * thread's record holds (core/thread.h), which its POSIX calls share. SCHED_FIFO and
 * SCHED_RR take [EVL_FIFO_MIN_PRIO, EVL_FIFO_MAX_PRIO], SCHED_WEAK [0, EVL_FIFO_MAX_PRIO],
 * SCHED_OTHER stands for SCHED_WEAK at 0 (as the core demotes it); SCHED_QUOTA and
 * SCHED_TP are not configured: -EINVAL, as for any other policy.
 */
static int sched_attrs(struct evl_thread_element *te, struct evl_sched_attrs *attrs, bool set)
{
	int policy = attrs->sched_policy, prio = attrs->sched_priority, ret = 0;
	struct evlsim_thread *t;

	if (set) {
		if (policy == SCHED_OTHER_ABI) {
			if (prio)
				return -EINVAL;
			policy = SCHED_WEAK;
		}
		if (policy == EVLSIM_SCHED_FIFO || policy == EVLSIM_SCHED_RR) {
			if (prio < EVL_FIFO_MIN_PRIO || prio > EVL_FIFO_MAX_PRIO)
				return -EINVAL;
		} else if (policy == SCHED_WEAK) {
			if (prio < 0 || prio > EVL_FIFO_MAX_PRIO)
				return -EINVAL;
		} else {
			return -EINVAL;
		}
	}
	evlsim__mutex_lock(&element_lock);
	t = te->thread;
	if (!t) {
		ret = -ESRCH;
	} else if (set) {
		__atomic_store_n(&t->sched_prio, prio, __ATOMIC_RELAXED);
		__atomic_store_n(&t->sched_policy, policy, __ATOMIC_RELAXED);
		__atomic_store_n(&t->sched_set, 1, __ATOMIC_RELEASE);
		__atomic_add_fetch(&t->sched_gen, 1, __ATOMIC_RELEASE);
	} else {
		memset(attrs, 0, sizeof(*attrs));
		policy = __atomic_load_n(&t->sched_policy, __ATOMIC_RELAXED);
		prio = __atomic_load_n(&t->sched_prio, __ATOMIC_RELAXED);
		if (policy != EVLSIM_SCHED_FIFO && policy != EVLSIM_SCHED_RR &&
		    policy != SCHED_WEAK) {
			policy = SCHED_WEAK;	/* an attached SCHED_OTHER thread */
			prio = 0;
		}
		attrs->sched_policy = policy;
		attrs->sched_priority = prio;
	}
	evlsim__mutex_unlock(&element_lock);
	return ret;
}

/*
 * EVL_THRIOC_UNBLOCK (@how 1), EVL_THRIOC_DEMOTE (@how 2): the thread's EVL wait, if it
 * waits (EVL_T_PEND, an oob sleep of libevl's), ends as evl_unblock_thread() ends it:
 * EVL_T_BREAK, -EINTR. Demoted, the thread is moved to SCHED_WEAK at priority 0 first,
 * and switches in-band when the call it waited in ends (evl/syscall.c). 0 whether it
 * waited or not, -ESRCH once detached.
 */
static int break_wait(struct evl_thread_element *te, int how)
{
	struct evl_sched_attrs weak = { .sched_policy = SCHED_WEAK, .sched_priority = 0 };
	struct evlsim_thread *t;
	int ret = 0;

	if (how == 2) {
		ret = sched_attrs(te, &weak, true);
		if (ret)
			return ret;
	}
	evlsim__mutex_lock(&element_lock);
	t = te->thread;
	if (!t) {
		ret = -ESRCH;
	} else if ((evlsim__evl_state(t) & EVL_T_PEND) ||
		   __atomic_load_n(&t->oob_sleeping, __ATOMIC_ACQUIRE)) {
		__atomic_store_n(&t->wait_break, how, __ATOMIC_RELEASE);
		evlsim__sleep_kick(t);
	}
	evlsim__mutex_unlock(&element_lock);
	return ret;
}

/* thread_common_ioctl() of kernel/evl/thread.c, for the requests the simulator serves */
static long thread_common_ioctl(struct file *filp, unsigned int cmd, unsigned long arg)
{
	struct evl_thread_element *te = filp->private_data;
	struct evl_thread_state st;
	struct evl_sched_attrs attrs;
	__u32 mask, oldmask;
	int ret;

	switch (cmd) {
	case EVL_THRIOC_SET_SCHEDPARAM:
		if (raw_copy_from_user(&attrs, (void __user *)arg, sizeof(attrs)))
			return -EFAULT;
		return sched_attrs(te, &attrs, true);
	case EVL_THRIOC_GET_SCHEDPARAM:
		ret = sched_attrs(te, &attrs, false);
		if (ret)
			return ret;
		if (raw_copy_to_user((void __user *)arg, &attrs, sizeof(attrs)))
			return -EFAULT;
		return 0;
	case EVL_THRIOC_SET_MODE:
	case EVL_THRIOC_CLEAR_MODE:
		if (raw_copy_from_user(&mask, (void __user *)arg, sizeof(mask)))
			return -EFAULT;
		ret = update_mode(te, mask, &oldmask, cmd == EVL_THRIOC_SET_MODE);
		if (ret)
			return ret;
		if (raw_copy_to_user((void __user *)arg, &oldmask, sizeof(oldmask)))
			return -EFAULT;
		return 0;
	case EVL_THRIOC_UNBLOCK:
		return break_wait(te, 1);
	case EVL_THRIOC_DEMOTE:
		return break_wait(te, 2);
	case EVL_THRIOC_GET_STATE:
		ret = get_state(te, &st);
		if (ret)
			return ret;
		if (raw_copy_to_user((void __user *)arg, &st, sizeof(st)))
			return -EFAULT;
		return 0;
	default:
		return -ENOTTY;
	}
}

static const struct file_operations thread_fops = {
	.release = thread_element_release,
	.unlocked_ioctl = thread_common_ioctl,
	.oob_ioctl = thread_common_ioctl,
};

static bool valid_name(const char *name)
{
	return *name && !strchr(name, '/');
}

int evlsim__evl_attach(struct evlsim_thread *t, const char *name, int flags)
{
	struct evl_thread_element *te, *it;
	char anon[32];
	int fd, ret;

	if (t->evl)
		return -EBUSY;
	if (flags & ~EVL_THREAD_CLONE_FLAGS)
		return -EINVAL;
	if (!name) {
		snprintf(anon, sizeof(anon), "thread:%d", t->tid);
		name = anon;
	}
	if (!valid_name(name))
		return -EINVAL;
	if (strlen(name) > NAME_MAX)
		return -ENAMETOOLONG;

	te = kzalloc(sizeof(*te), GFP_KERNEL);
	if (!te)
		return -ENOMEM;
	te->name = kstrdup(name, GFP_KERNEL);
	if (!te->name) {
		kfree(te);
		return -ENOMEM;
	}
	te->clone_flags = flags;
	INIT_LIST_HEAD(&te->next);

	if (flags & EVL_CLONE_PUBLIC) {
		evlsim__mutex_lock(&public_lock);
		list_for_each_entry(it, &public_threads, next) {
			if (!strcmp(it->name, name)) {
				evlsim__mutex_unlock(&public_lock);
				ret = -EEXIST;
				goto fail;
			}
		}
		list_add(&te->next, &public_threads);
		evlsim__mutex_unlock(&public_lock);
	}

	/* libevl opens element fds with O_CLOEXEC */
	fd = get_unused_fd_flags(O_RDWR | O_CLOEXEC);
	if (fd < 0) {
		ret = fd;
		goto fail_public;
	}
	te->filp = anon_inode_getfile("[evl-thread]", &thread_fops, te, O_RDWR);
	if (IS_ERR(te->filp)) {
		put_unused_fd(fd);
		ret = PTR_ERR(te->filp);
		goto fail_public;
	}
	evl_open_file(&te->efile, te->filp);
	get_file(te->filp);		/* the thread's own reference */
	te->thread = t;
	fd_install(fd, te->filp);

	t->efd = fd;
	__atomic_store_n(&t->stage, EVLSIM_INBAND, __ATOMIC_RELAXED);
	t->oob_fastpath = 0;
	__atomic_store_n(&t->mode, 0, __ATOMIC_RELAXED);
	t->hm_pending = 0;
	strscpy(t->name, name, sizeof(t->name));
	__atomic_store_n(&t->evl, te, __ATOMIC_RELEASE);
	return fd;

fail_public:
	if (flags & EVL_CLONE_PUBLIC) {
		evlsim__mutex_lock(&public_lock);
		list_del(&te->next);
		evlsim__mutex_unlock(&public_lock);
	}
fail:
	kfree(te->name);
	kfree(te);
	return ret;
}

int evlsim__evl_detach(struct evlsim_thread *t)
{
	struct evl_thread_element *te = t->evl;
	int efd = t->efd;

	if (!te)
		return -EPERM;

	__atomic_store_n(&t->stage, EVLSIM_INBAND, __ATOMIC_RELAXED);
	t->oob_fastpath = 0;
	__atomic_store_n(&t->mode, 0, __ATOMIC_RELAXED);	/* libevl clears EVL_T_WOSS first */
	t->hm_pending = 0;
	__atomic_store_n(&t->evl, NULL, __ATOMIC_RELEASE);
	t->efd = -1;
	evlsim__mutex_lock(&element_lock);
	te->thread = NULL;
	evlsim__mutex_unlock(&element_lock);

	if (te->clone_flags & EVL_CLONE_PUBLIC) {
		evlsim__mutex_lock(&public_lock);
		list_del_init(&te->next);
		evlsim__mutex_unlock(&public_lock);
	}
	/* libevl closes the element fd after detaching; drop the thread's own reference */
	evlsim__sys_close(efd);
	fput(te->filp);
	return 0;
}

/* A thread that exits attached is detached, as libevl's thread-specific destructor does. */
static void detach_at_exit(struct evlsim_thread *t)
{
	if (t->evl)
		evlsim__evl_detach(t);
}

static __attribute__((constructor)) void thread_exit_init(void)
{
	evlsim__set_thread_exit_hook(detach_at_exit);
}

EVLSIM_EXPORT int evlsim_set_compat_caller(int on)
{
	struct evlsim_thread *t = evlsim__current();
	int old = t->compat;

	t->compat = !!on;
	return old;
}

EVLSIM_EXPORT int evlsim_get_thread_stats(struct evlsim_thread_stats *stats)
{
	struct evlsim_thread *t = evlsim__current();

	if (!stats)
		return -EINVAL;
	stats->stage_switches = t->nr_switches;
	stats->oob_calls = t->nr_oob_calls;
	stats->sleeps = t->nr_ctx_switches;
	return 0;
}

EVLSIM_EXPORT int evlsim_is_sim_fd(int fd)
{
	return evlsim__fd_is_sim(fd);
}


/* ---- holding threads (kernel/evl/sched/core.c: evl_hold_thread(), evl_release_thread()) */

#define EVL_HOLD_BITS	(EVL_T_SUSP | EVL_T_HALT | EVL_T_DORMANT)

/* A held caller stops here until released or stopped (evl_stop_kthread()). */
void evlsim__evl_hold_point(struct evl_thread *curr)
{
	while ((READ_ONCE(curr->state) & EVL_HOLD_BITS) && !evlsim__evl_kicked(curr)) {
		evlsim__prepare_sleep(curr->evlsim);
		smp_mb();	/* the release clears the bits, then wakes */
		if (!(READ_ONCE(curr->state) & EVL_HOLD_BITS) || evlsim__evl_kicked(curr))
			break;
		evlsim__sleep(curr->evlsim, EVLSIM_NS_INFINITE, 0);
	}
}

/**
 * evl_hold_thread - hold an EVL thread
 * @thread: the thread
 * @mask: EVL_T_SUSP, EVL_T_HALT and/or EVL_T_DORMANT (other bits are ignored)
 *
 * The bits are set at once (evl_get_state() shows them); the thread stops at its next EVL
 * wait, or here if it holds itself, until evl_release_thread() clears every hold bit.
 */
void evl_hold_thread(struct evl_thread *thread, int mask)
{
	evlsim__check_service(EVLSIM_SVC_evl_hold_thread);
	mask &= EVL_HOLD_BITS;
	if (!mask)
		return;
	__atomic_fetch_or(&thread->state, mask, __ATOMIC_SEQ_CST);
	if (thread == evl_current())
		evlsim__evl_hold_point(thread);
}

/**
 * evl_release_thread - release a held EVL thread
 * @thread: the thread
 * @mask: the hold bits to clear
 * @info: information bits to add (EVL_T_* info, as the kernel passes them along)
 */
void evl_release_thread(struct evl_thread *thread, int mask, int info)
{
	evlsim__check_service(EVLSIM_SVC_evl_release_thread);
	__atomic_fetch_and(&thread->state, ~(mask & EVL_HOLD_BITS), __ATOMIC_SEQ_CST);
	if (info)
		__atomic_fetch_or(&thread->info, info, __ATOMIC_SEQ_CST);
	smp_mb();
	if (thread->evlsim)
		evlsim__wake(thread->evlsim);
}
