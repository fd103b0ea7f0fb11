// SPDX-License-Identifier: LGPL-2.1-or-later
/*
 * EVL threads, execution stages and the out-of-band syscall path (kernel world), after
 * kernel/evl/thread.c, kernel/evl/syscall.c and Dovetail's syscall pipelining.
 *
 * A thread becomes an EVL thread by attaching: it gets a thread element, a file the
 * simulator keeps a reference on, installed at a descriptor (libevl's efd). An attached
 * thread runs in-band until its first oob call switches it out-of-band, where it stays
 * (lazy switching) until an in-band call demotes it (EVL_HMDIAG_SYSDEMOTE) or it switches
 * back explicitly.
 *
 * The oob syscall path mirrors do_oob_syscall(): EPERM for a caller that is not an EVL
 * thread, the switch to oob (-ERESTARTSYS if a signal arrived meanwhile), then the handler
 * with a crossing reference held on the file, and the translation of the handler's result.
 */
#include <linux/fs.h>
#include <linux/stdarg.h>
#include <linux/minmax.h>
#include <linux/slab.h>
#include <linux/string.h>
#include <linux/anon_inodes.h>
#include <linux/compat.h>
#include <evl/file.h>
#include <uapi/evl/factory-abi.h>
#include <uapi/evl/thread-abi.h>
#include <linux/file.h>
#include <linux/uaccess.h>
#include "kinternal.h"

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
 * EVL_T_PEND while it waits on an EVL wait queue, the counters), zeros for the rest
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
		st->isw = __atomic_load_n(&t->nr_isw, __ATOMIC_RELAXED);
		st->csw = __atomic_load_n(&t->nr_ctx_switches, __ATOMIC_RELAXED);
		st->sc = __atomic_load_n(&t->nr_oob_calls, __ATOMIC_RELAXED);
	}
	evlsim__mutex_unlock(&element_lock);
	return ret;
}

/* thread_common_ioctl() of kernel/evl/thread.c, for the requests the simulator serves */
static long thread_common_ioctl(struct file *filp, unsigned int cmd, unsigned long arg)
{
	struct evl_thread_element *te = filp->private_data;
	struct evl_thread_state st;
	__u32 mask, oldmask;
	int ret;

	switch (cmd) {
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

/* ---- stages --------------------------------------------------------------------------- */

/* a counter only its thread writes, which evl_get_state() may read from another one */
/*
 * A per-thread statistic: written by its own thread only, read by others (evl_get_state()).
 * On x86-64 one increment in memory, which other CPUs see whole, as the kernel's
 * this_cpu_inc(); elsewhere a relaxed atomic store.
 */
#ifdef __x86_64__
#define count_event(__c)	__asm__ __volatile__("incq %0" : "+m"(__c))
#else
#define count_event(__c)	__atomic_store_n(&(__c), (__c) + 1, __ATOMIC_RELAXED)
#endif

/*
 * evl_switch_inband(cause): @cause is an EVL_HMDIAG_* code, or EVL_HMDIAG_NONE for an
 * explicit switch. As the kernel does, a thread whose mode has EVL_T_WOSS is told of a
 * demotion with a cause through SIGDEBUG (evlsim__hm_notify()).
 */
static void switch_inband(struct evlsim_thread *t, int cause)
{
	evlsim__sched_point(EVLSIM_SP_SWITCH_INBAND);
	evlsim__check_inband_switch(t);		/* golden rule: no EVL kmutex held */
	__atomic_store_n(&t->stage, EVLSIM_INBAND, __ATOMIC_RELAXED);
	t->oob_fastpath = 0;
	count_event(t->nr_switches);
	count_event(t->nr_isw);
	if (cause > EVL_HMDIAG_NONE && (__atomic_load_n(&t->mode, __ATOMIC_RELAXED) & EVL_T_WOSS))
		evlsim__hm_notify(t, cause);
}

/* evl_switch_oob() for the calling EVL thread: -ERESTARTSYS if a signal arrived. */
static int switch_oob(struct evlsim_thread *t, unsigned long sig_entry)
{
	evlsim__sched_point(EVLSIM_SP_SWITCH_OOB);
	if (evlsim__signal_since(t, sig_entry))
		return -ERESTARTSYS;
	__atomic_store_n(&t->stage, EVLSIM_OOB, __ATOMIC_RELAXED);
	t->oob_fastpath = !evlsim__oob_fence;
	count_event(t->nr_switches);
	return 0;
}

void evlsim__hm_notify(struct evlsim_thread *t, int cause)
{
	if (!(__atomic_load_n(&t->mode, __ATOMIC_RELAXED) & EVL_T_HMSIG))
		return;		/* EVL_T_HMOBS: no observable to send it to (not simulated) */
	if (!t->hm_pending)
		t->hm_pending = cause;
}

/* Sends the pending SIGDEBUG, unless an oob call still runs on the thread. */
void evlsim__hm_flush(struct evlsim_thread *t)
{
	int cause = t->hm_pending;

	if (!cause || t->oob_file)
		return;
	t->hm_pending = 0;
	evlsim__sigdebug_send(cause);
}

/*
 * An in-band system call from the program: an oob caller is switched in-band first. The
 * simulator's own output (reports, printk, the symbolizer's reading of /proc and ELF
 * files) is not the program's call (->internal_io).
 */
void evlsim__inband_syscall_enter(void)
{
	struct evlsim_thread *t = evlsim__self;

	if (t && t->stage == EVLSIM_OOB && !t->internal_io) {
		switch_inband(t, EVL_HMDIAG_SYSDEMOTE);
		if (unlikely(t->hm_pending)) {
			evlsim__hm_flush(t);
			/* the in-band call goes on in-band, whatever SIGDEBUG's handler did */
			if (t->stage == EVLSIM_OOB)
				switch_inband(t, EVL_HMDIAG_NONE);
		}
	}
}

/* evl_in_irq() (<evl/sched.h>): in an EVL timer handler */
bool evlsim__evl_in_irq(void)
{
	struct evlsim_thread *t = evlsim__self;

	return t && t->in_irq > 0;
}

int evlsim__evl_switch_oob(void)
{
	struct evlsim_thread *t = evlsim__current();

	if (!t->evl)
		return -EPERM;
	if (t->stage == EVLSIM_OOB)
		return 0;
	return switch_oob(t, t->sig_count);
}

int evlsim__evl_switch_inband(void)
{
	struct evlsim_thread *t = evlsim__current();

	if (!t->evl)
		return -EPERM;
	if (t->stage == EVLSIM_OOB)
		switch_inband(t, EVL_HMDIAG_NONE);
	return 0;
}

bool in_compat_syscall(void)
{
	struct evlsim_thread *t = evlsim__self;

	return t && t->compat;
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

/* ---- the oob syscall path ------------------------------------------------------------- */

/*
 * Prologue of every oob syscall: the caller must be an EVL thread; an in-band one is
 * switched oob first. Returns the thread, or NULL with *err set.
 */
static __always_inline struct evlsim_thread *oob_enter(long *err, unsigned long *sig)
{
	struct evlsim_thread *t = evlsim__self;

	if (unlikely(!t || !t->evl)) {
		*err = -EPERM;
		return NULL;
	}
	count_event(t->nr_oob_calls);
	*sig = __atomic_load_n(&t->sig_count, __ATOMIC_ACQUIRE);
	t->oob_sig = *sig;
	if (unlikely(t->stage != EVLSIM_OOB)) {
		*err = switch_oob(t, *sig);
		if (*err)
			return NULL;
	}
	return t;
}

/*
 * Epilogue, evl_exit_to_user(): a signal that arrived during the call demotes the thread
 * (EVL_HMDIAG_SIGDEMOTE). The result goes back as the syscall's long; the user side
 * applies glibc prctl()'s conventions (-1/errno for [-4095, -1], then int truncation). A result
 * that is neither a count within bounds nor an errno is reported as a driver bug.
 */
static __always_inline long oob_exit(struct evlsim_thread *t, unsigned long sig,
				     struct file *filp, const char *handler, long ret,
				     unsigned long count)
{
	if (unlikely(evlsim__signal_since(t, sig)))
		switch_inband(t, EVL_HMDIAG_SIGDEMOTE);
	if (likely(ret >= 0 ? (unsigned long)ret <= count && ret <= INT_MAX : ret >= -MAX_ERRNO))
		return ret;
	evlsim__check_ret(filp, handler, ret, count);
	if (ret > INT_MAX)
		evlsim__report(EVLSIM_REPORT_DRIVER, "bad-return",
			       "%s: %s() returned %ld, which does not fit the int result of an oob syscall",
			       module_name(filp->f_op->owner), handler, ret);
	return ret;
}

/*
 * oob_exit() for the fast paths below, out of line: they come here for any error, a
 * signal, or a hard lock or hard irq state the handler returned with (one test of
 * evlsim__hard_state on the fast path). The file is the one still published in the thread
 * state; it is unpublished here, then a SIGDEBUG the call gave rise to is sent. @fn_off is
 * the handler's offset in file_operations, for the return-locked report.
 */
static noinline long oob_exit_slow(struct evlsim_thread *t, const char *handler, size_t fn_off,
				   long ret, unsigned long count)
{
	struct file *filp = t->oob_file;

	evlsim__check_handler_return(handler, *(void **)((char *)filp->f_op + fn_off));
	ret = oob_exit(t, t->oob_sig, filp, handler, ret, count);
	evlsim__oob_file_put(t);
	if (unlikely(t->hm_pending))
		evlsim__hm_flush(t);
	return ret;
}

/*
 * The oob-capable file an oob syscall runs on: published in the caller's thread state
 * (see evlsim__oob_file_probe()), or, for a call nested in one already running (a signal
 * handler issuing oob syscalls), held by a crossing reference of its own.
 */
static __always_inline struct evl_file *oob_file_get(struct evlsim_thread *t, int fd,
						     bool *pinned)
{
	struct evl_file *efilp;
	struct file *filp;

	*pinned = !t->oob_file;
	if (unlikely(!*pinned))
		return evl_get_file(fd);
	filp = evlsim__oob_file_probe(t, fd);
	if (unlikely(!filp))
		return NULL;
	efilp = __atomic_load_n(&filp->f_oob_state.data, __ATOMIC_ACQUIRE);
	if (unlikely(!efilp))
		evlsim__oob_file_put(t);
	return efilp;
}

static __always_inline void oob_file_put(struct evlsim_thread *t, struct evl_file *efilp,
					 bool pinned)
{
	if (likely(pinned))
		evlsim__oob_file_put(t);
	else
		evl_put_file(efilp);
}

long evlsim__oob_read(int fd, void *buf, size_t count)
{
	struct evl_file *efilp;
	struct evlsim_thread *t;
	struct file *filp;
	unsigned long sig;
	bool pinned;
	long ret;

	t = oob_enter(&ret, &sig);
	if (unlikely(!t))
		return ret;

	efilp = oob_file_get(t, fd, &pinned);
	if (unlikely(!efilp))
		return -EBADF;

	filp = efilp->filp;
	if (unlikely(!(filp->f_mode & FMODE_READ)))
		ret = -EBADF;
	else if (unlikely(!filp->f_op->oob_read))
		ret = -EINVAL;
	else {
		evlsim__sched_point(EVLSIM_SP_OOB_ENTER);
		ret = filp->f_op->oob_read(filp, buf, count);
		evlsim__check_handler_return("oob_read", filp->f_op->oob_read);
		ret = oob_exit(t, sig, filp, "oob_read", ret, count);
	}
	oob_file_put(t, efilp, pinned);
	if (unlikely(t->hm_pending))
		evlsim__hm_flush(t);

	return ret;
}

long evlsim__oob_write(int fd, const void *buf, size_t count)
{
	struct evl_file *efilp;
	struct evlsim_thread *t;
	struct file *filp;
	unsigned long sig;
	bool pinned;
	long ret;

	t = oob_enter(&ret, &sig);
	if (unlikely(!t))
		return ret;

	efilp = oob_file_get(t, fd, &pinned);
	if (unlikely(!efilp))
		return -EBADF;

	filp = efilp->filp;
	if (unlikely(!(filp->f_mode & FMODE_WRITE)))
		ret = -EBADF;
	else if (unlikely(!filp->f_op->oob_write))
		ret = -EINVAL;
	else {
		evlsim__sched_point(EVLSIM_SP_OOB_ENTER);
		ret = filp->f_op->oob_write(filp, buf, count);
		evlsim__check_handler_return("oob_write", filp->f_op->oob_write);
		ret = oob_exit(t, sig, filp, "oob_write", ret, count);
	}
	oob_file_put(t, efilp, pinned);
	if (unlikely(t->hm_pending))
		evlsim__hm_flush(t);

	return ret;
}

long evlsim__oob_ioctl(int fd, unsigned int cmd, unsigned long arg)
{
	struct evl_file *efilp;
	struct evlsim_thread *t;
	struct file *filp;
	unsigned long sig;
	bool pinned;
	long ret;

	t = oob_enter(&ret, &sig);
	if (unlikely(!t))
		return ret;

	efilp = oob_file_get(t, fd, &pinned);
	if (unlikely(!efilp))
		return -EBADF;

	filp = efilp->filp;
	ret = -ENOTTY;
	if (unlikely(t->compat)) {
		if (filp->f_op->compat_oob_ioctl) {
			evlsim__sched_point(EVLSIM_SP_OOB_ENTER);
			ret = filp->f_op->compat_oob_ioctl(filp, cmd, arg);
			evlsim__check_handler_return("compat_oob_ioctl", filp->f_op->compat_oob_ioctl);
			ret = oob_exit(t, sig, filp, "compat_oob_ioctl", ret, ULONG_MAX);
		}
	} else if (filp->f_op->oob_ioctl) {
		evlsim__sched_point(EVLSIM_SP_OOB_ENTER);
		ret = filp->f_op->oob_ioctl(filp, cmd, arg);
		evlsim__check_handler_return("oob_ioctl", filp->f_op->oob_ioctl);
		ret = oob_exit(t, sig, filp, "oob_ioctl", ret, ULONG_MAX);
	}
	if (ret == -ENOIOCTLCMD)
		ret = -ENOTTY;
	oob_file_put(t, efilp, pinned);
	if (unlikely(t->hm_pending))
		evlsim__hm_flush(t);

	return ret;
}

/* ---- libevl's oob_read(), oob_write(), oob_ioctl() ------------------------------------ */

/*
 * The common case runs inline here: an oob EVL thread (->oob_fastpath, set when it
 * switches oob unless callers must fence, see evlsim__oob_fence), no oob call already
 * running on it (a signal handler's), nothing acting at scheduling points
 * (evlsim__sched_points_on), an oob-capable file with the handler, a result that is a
 * plain success. Anything else takes the general path above, which gives every error
 * code; the user world then applies the result conventions (evlsim__oob_result()). The
 * caller sees libevl r47's conventions: glibc prctl()'s int, -1/errno.
 */
static __always_inline bool oob_fast_ok(struct evlsim_thread *t)
{
	return likely(t && t->oob_fastpath && !t->oob_file &&
		      !__atomic_load_n(&evlsim__sched_points_on, __ATOMIC_RELAXED));
}

/*
 * Whether the published file @filp takes the fast path: oob-capable, opened with @mode,
 * with the handler at offset @handler in its file_operations. Then the call is counted.
 */
static __always_inline bool oob_fast_file(struct evlsim_thread *t, struct file *filp,
					  int fd, fmode_t mode, size_t handler)
{
	if (unlikely(!__atomic_load_n(&filp->f_oob_state.data, __ATOMIC_ACQUIRE) ||
		     (filp->f_mode & mode) != mode ||
		     !*(void **)((char *)filp->f_op + handler)))
		return false;
	count_event(t->nr_oob_calls);
	t->oob_sig = __atomic_load_n(&t->sig_count, __ATOMIC_ACQUIRE);
	t->oob_args[0] = fd;
	return true;
}

/* The general path of oob_read() (@op EVLSIM_OOB_READ) or oob_write() (EVLSIM_OOB_WRITE). */
static noinline long oob_rw_slow(int efd, const void *buf, size_t count, int op)
{
	long ret = op == EVLSIM_OOB_READ ? evlsim__oob_read(efd, (void *)buf, count) :
					   evlsim__oob_write(efd, buf, count);

	return evlsim__oob_result(ret, op, efd, (unsigned long)buf, count);
}

static noinline long oob_ioctl_slow(int efd, unsigned int cmd, unsigned long arg)
{
	long ret = evlsim__oob_ioctl(efd, cmd, arg);

	return evlsim__oob_result(ret, EVLSIM_OOB_IOCTL, efd, cmd, arg);
}

/*
 * A file the fast path published but does not take: unpublished here, then the general
 * path. Reached by a tail call, so that the fast path itself needs no stack frame.
 */
static noinline long oob_rw_reject(int efd, const void *buf, size_t count, int op)
{
	evlsim__oob_file_put(evlsim__self);
	return oob_rw_slow(efd, buf, count, op);
}

static noinline long oob_ioctl_reject(int efd, unsigned int cmd, unsigned long arg)
{
	evlsim__oob_file_put(evlsim__self);
	return oob_ioctl_slow(efd, cmd, arg);
}

/* the fast path's error or restart: the arguments come back from the thread state */
static noinline long oob_fast_result(struct evlsim_thread *t, long ret, int op)
{
	return evlsim__oob_result(ret, op, (int)t->oob_args[0], t->oob_args[1], t->oob_args[2]);
}

/*
 * oob_read() and oob_write(), one body: @op is a constant (EVLSIM_OOB_READ or
 * EVLSIM_OOB_WRITE) once inlined, so each gets its own straight fast path.
 */
static __always_inline long oob_rw(int efd, const void *buf, size_t count, int op)
{
	const bool rd = op == EVLSIM_OOB_READ;
	const size_t handler = rd ? offsetof(struct file_operations, oob_read) :
				    offsetof(struct file_operations, oob_write);
	struct evlsim_thread *t = evlsim__self;
	struct file *filp;
	long ret;

	if (!oob_fast_ok(t))
		goto slow;
	filp = evlsim__oob_file_probe_fence(t, efd, 0);	/* oob_fast_ok() */
	if (unlikely(!filp))
		goto slow;
	if (unlikely(!oob_fast_file(t, filp, efd, rd ? FMODE_READ : FMODE_WRITE, handler)))
		return oob_rw_reject(efd, buf, count, op);
	t->oob_args[1] = (unsigned long)buf;
	t->oob_args[2] = count;
	ret = rd ? filp->f_op->oob_read(filp, (char __user *)buf, count) :
		   filp->f_op->oob_write(filp, buf, count);
	if (unlikely((unsigned long)ret > min_t(size_t, count, INT_MAX) ||
		     evlsim__signal_since(t, t->oob_sig) || evlsim__hard_state))
		ret = oob_exit_slow(t, rd ? "oob_read" : "oob_write", handler, ret, count);
	else
		evlsim__oob_file_put(t);
	if (unlikely((unsigned long)ret >= -4095UL))
		return oob_fast_result(t, ret, op);
	return (int)ret;
slow:
	return oob_rw_slow(efd, buf, count, op);
}

ssize_t oob_read(int efd, void *buf, size_t count)
{
	return oob_rw(efd, buf, count, EVLSIM_OOB_READ);
}

ssize_t oob_write(int efd, const void *buf, size_t count)
{
	return oob_rw(efd, buf, count, EVLSIM_OOB_WRITE);
}

int oob_ioctl(int efd, unsigned long request, ...)
{
	struct evlsim_thread *t = evlsim__self;
	unsigned int cmd = (unsigned int)request;
	struct file *filp;
	unsigned long arg;
	va_list ap;
	long ret;

	va_start(ap, request);
	arg = va_arg(ap, unsigned long);
	va_end(ap);

	if (!oob_fast_ok(t) || unlikely(t->compat))
		goto slow;
	filp = evlsim__oob_file_probe_fence(t, efd, 0);	/* oob_fast_ok() */
	if (unlikely(!filp))
		goto slow;
	if (unlikely(!oob_fast_file(t, filp, efd, 0,
				    offsetof(struct file_operations, oob_ioctl))))
		return oob_ioctl_reject(efd, cmd, arg);
	t->oob_args[1] = cmd;
	t->oob_args[2] = arg;
	ret = filp->f_op->oob_ioctl(filp, cmd, arg);
	if (unlikely((unsigned long)ret > INT_MAX || evlsim__signal_since(t, t->oob_sig) ||
		     evlsim__hard_state)) {
		ret = oob_exit_slow(t, "oob_ioctl", offsetof(struct file_operations, oob_ioctl),
				    ret, ULONG_MAX);
		if (ret == -ENOIOCTLCMD)
			ret = -ENOTTY;
	} else {
		evlsim__oob_file_put(t);
	}
	if (unlikely((unsigned long)ret >= -4095UL))
		return oob_fast_result(t, ret, EVLSIM_OOB_IOCTL);
	return (int)ret;
slow:
	return oob_ioctl_slow(efd, cmd, arg);
}
