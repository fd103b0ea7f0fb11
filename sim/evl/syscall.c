// SPDX-License-Identifier: LGPL-2.1-or-later
/*
 * The out-of-band syscall path (kernel world), after kernel/evl/syscall.c's
 * do_oob_syscall() and libevl's oob_read(), oob_write(), oob_ioctl().
 *
 * One general path serves the three calls: EPERM for a caller that is not an EVL thread,
 * the switch to oob (-ERESTARTSYS if a signal arrived meanwhile), the file looked up and
 * held for the call (a publication in the caller's own thread state, see
 * docs/architecture.md "File lifetime"), the handler, the translation of its result, and
 * the restart of a call a signal interrupted, as the kernel's signal delivery decides it.
 *
 * The common case of oob_read()/oob_write()/oob_ioctl() never enters the general path: it
 * runs inline in the libevl entry (see "the fast path" below) and takes no stack frame.
 */
#include <linux/fs.h>
#include <linux/stdarg.h>
#include <linux/minmax.h>
#include <linux/compat.h>
#include <evl/file.h>
#include <uapi/evl/thread-abi.h>
#include "kinternal.h"

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
	evlsim__count_event(t->nr_oob_calls);
	*sig = __atomic_load_n(&t->sig_count, __ATOMIC_ACQUIRE);
	t->oob_sig = *sig;
	if (unlikely(t->stage != EVLSIM_OOB)) {
		*err = evlsim__switch_oob(t, *sig);
		if (*err)
			return NULL;
	}
	return t;
}

/*
 * Epilogue, evl_exit_to_user(): a signal that arrived during the call demotes the thread
 * (EVL_HMDIAG_SIGDEMOTE). A result that is neither a count within bounds nor an errno is
 * reported as a driver bug.
 */
static __always_inline long oob_exit(struct evlsim_thread *t, unsigned long sig,
				     struct file *filp, const char *handler, long ret,
				     unsigned long count)
{
	if (unlikely(evlsim__signal_since(t, sig)))
		evlsim__switch_inband(t, EVL_HMDIAG_SIGDEMOTE);
	else if (unlikely(__atomic_load_n(&t->wait_break, __ATOMIC_RELAXED) == 2 &&
			  __atomic_exchange_n(&t->wait_break, 0, __ATOMIC_ACQ_REL) == 2))
		evlsim__switch_inband(t, EVL_HMDIAG_NONE);	/* evl_demote_thread() */
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
	evlsim__sched_point(EVLSIM_SP_PROBE);
	filp = evlsim__oob_file_probe(t, fd);
	if (unlikely(!filp))
		return NULL;
	evlsim__sched_point(EVLSIM_SP_PROBED);
	efilp = __atomic_load_n(&filp->f_oob_state.data, __ATOMIC_ACQUIRE);
	if (unlikely(!efilp))
		evlsim__oob_file_put(t);
	return efilp;
}

static __always_inline void oob_file_put(struct evlsim_thread *t, struct evl_file *efilp,
					 bool pinned)
{
	if (likely(pinned)) {
		evlsim__sched_point(EVLSIM_SP_UNPROBE);
		evlsim__oob_file_put(t);
	} else
		evl_put_file(efilp);
}

/* What do_oob_syscall() calls for @op, and the name reports give it. */
struct oob_handler {
	long (*fn)(struct file *filp, unsigned long a1, unsigned long a2);
	const void *driver_fn;		/* the driver's handler, for the checker */
	const char *name;
	unsigned long count;		/* the bound of a non-negative result */
	long missing;			/* the error when the handler is missing */
};

static long call_read(struct file *filp, unsigned long buf, unsigned long count)
{
	return filp->f_op->oob_read(filp, (char __user *)buf, count);
}

static long call_write(struct file *filp, unsigned long buf, unsigned long count)
{
	return filp->f_op->oob_write(filp, (const char __user *)buf, count);
}

static long call_ioctl(struct file *filp, unsigned long cmd, unsigned long arg)
{
	return filp->f_op->oob_ioctl(filp, (unsigned int)cmd, arg);
}

static long call_compat_ioctl(struct file *filp, unsigned long cmd, unsigned long arg)
{
	return filp->f_op->compat_oob_ioctl(filp, (unsigned int)cmd, arg);
}

/*
 * The handler of @op on @filp, with the error the kernel gives where it cannot be called:
 * EBADF for a file not open for that direction, EINVAL for a missing oob_read/oob_write,
 * ENOTTY for a missing (compat_)oob_ioctl. Returns false with ->missing set then.
 */
static bool oob_handler(struct evlsim_thread *t, struct file *filp, int op, unsigned long a2,
			struct oob_handler *h)
{
	const struct file_operations *fops = filp->f_op;
	const void *fn;

	switch (op) {
	case EVLSIM_OOB_READ:
		*h = (struct oob_handler){ call_read, NULL, "oob_read", a2, -EINVAL };
		fn = fops->oob_read;
		if (!(filp->f_mode & FMODE_READ)) {
			h->missing = -EBADF;
			return false;
		}
		break;
	case EVLSIM_OOB_WRITE:
		*h = (struct oob_handler){ call_write, NULL, "oob_write", a2, -EINVAL };
		fn = fops->oob_write;
		if (!(filp->f_mode & FMODE_WRITE)) {
			h->missing = -EBADF;
			return false;
		}
		break;
	default:
		if (unlikely(t->compat)) {
			*h = (struct oob_handler){ call_compat_ioctl, NULL, "compat_oob_ioctl",
						   ULONG_MAX, -ENOTTY };
			fn = fops->compat_oob_ioctl;
		} else {
			*h = (struct oob_handler){ call_ioctl, NULL, "oob_ioctl", ULONG_MAX,
						   -ENOTTY };
			fn = fops->oob_ioctl;
		}
		break;
	}
	h->driver_fn = fn;
	return fn != NULL;
}

static long oob_syscall_body(int op, int fd, unsigned long a1, unsigned long a2,
			     unsigned long *sig);

/*
 * One pass of do_oob_syscall(): the result of the handler, or the error of the path.
 * The thread's signal snapshot and fast-path arguments are the current call's: a call
 * nested in another (a signal handler's, on the general path since the outer one is
 * published or not yet) puts back the outer call's, so that the outer one still sees
 * the signal that arrived during it (its wait is kicked, it is demoted, no restart).
 */
static long oob_syscall_once(int op, int fd, unsigned long a1, unsigned long a2,
			     unsigned long *sig)
{
	struct evlsim_thread *t = evlsim__self;
	unsigned long saved_sig, saved_args[3];
	long ret;

	if (unlikely(!t))
		return oob_syscall_body(op, fd, a1, a2, sig);
	evlsim__call_enter(t);		/* first: it may save the FPU (core/cpu.h) */
	saved_sig = t->oob_sig;
	memcpy(saved_args, t->oob_args, sizeof(saved_args));
	ret = oob_syscall_body(op, fd, a1, a2, sig);
	t->oob_sig = saved_sig;
	memcpy(t->oob_args, saved_args, sizeof(saved_args));
	evlsim__call_leave(t);		/* the handlers of signals meanwhile */
	return ret;
}

static long oob_syscall_body(int op, int fd, unsigned long a1, unsigned long a2,
			     unsigned long *sig)
{
	struct evl_file *efilp;
	struct evlsim_thread *t;
	struct oob_handler h;
	struct file *filp;
	bool pinned;
	long ret;

	t = oob_enter(&ret, sig);
	if (unlikely(!t))
		return ret;

	efilp = oob_file_get(t, fd, &pinned);
	if (unlikely(!efilp))
		return -EBADF;

	filp = efilp->filp;
	if (unlikely(!oob_handler(t, filp, op, a2, &h))) {
		ret = h.missing;
	} else {
		evlsim__sched_point(EVLSIM_SP_OOB_ENTER);
		ret = h.fn(filp, a1, a2);
		evlsim__sched_point(EVLSIM_SP_OOB_EXIT);
		evlsim__check_handler_return(h.name, h.driver_fn);
		ret = oob_exit(t, *sig, filp, h.name, ret, h.count);
	}
	if (op == EVLSIM_OOB_IOCTL && ret == -ENOIOCTLCMD)
		ret = -ENOTTY;
	oob_file_put(t, efilp, pinned);
	if (unlikely(t->hm_pending))
		evlsim__hm_flush(t);

	return ret;
}

/*
 * The restart loop: a restart code is resolved as the kernel's signal delivery resolves
 * it against the signal that arrived since @sig (evlsim__restart_call()), by running the
 * call again or turning it into -EINTR. Then the -1/errno convention of glibc's prctl()
 * (libevl r47: the int result, -1 and errno).
 */
static noinline long oob_syscall_finish(int op, int fd, unsigned long a1, unsigned long a2,
					long ret, unsigned long sig)
{
	while (evlsim__is_restart(ret) &&
	       evlsim__restart_call(&ret, sig))
		ret = oob_syscall_once(op, fd, a1, a2, &sig);
	return (int)evlsim__syscall_result(ret);
}

/* The general path of oob_read() (@op EVLSIM_OOB_READ), oob_write() and oob_ioctl(). */
static noinline long oob_syscall(int op, int fd, unsigned long a1, unsigned long a2)
{
	unsigned long sig = 0;
	long ret = oob_syscall_once(op, fd, a1, a2, &sig);

	if (likely(ret >= 0))
		return (int)ret;
	return oob_syscall_finish(op, fd, a1, a2, ret, sig);
}

/* ---- the fast path ---------------------------------------------------------------------- */

/*
 * The common case runs inline in the libevl entries: an oob EVL thread (->oob_fastpath,
 * set when it switches oob unless callers must fence, see evlsim__oob_fence), no oob call
 * already running on it (a signal handler's), nothing acting at scheduling points
 * (evlsim__sched_points_on), an oob-capable file with the handler, a result that is a
 * plain success. Anything else takes the general path above, which gives every error code.
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
	evlsim__count_event(t->nr_oob_calls);
	t->oob_sig = __atomic_load_n(&t->sig_count, __ATOMIC_ACQUIRE);
	t->oob_args[0] = fd;
	return true;
}

/*
 * A file the fast path published but does not take: unpublished here, then the general
 * path. Reached by a tail call, so that the fast path itself needs no stack frame.
 */
static noinline long oob_reject(int op, int efd, unsigned long a1, unsigned long a2)
{
	evlsim__oob_file_put(evlsim__self);
	return oob_syscall(op, efd, a1, a2);
}

/*
 * The fast path's way out for an error, a signal, or a hard lock or hard irq state the
 * handler returned with (one test of evlsim__hard_state on the fast path), out of line.
 * The file is the one still published in the thread state; it is unpublished here, then
 * a SIGDEBUG the call gave rise to is sent. @fn_off is the handler's offset in
 * file_operations, for the return-locked report.
 */
static noinline long oob_fast_exit(struct evlsim_thread *t, const char *handler, size_t fn_off,
				   long ret, unsigned long count)
{
	struct file *filp = t->oob_file;

	evlsim__check_handler_return(handler, *(void **)((char *)filp->f_op + fn_off));
	ret = oob_exit(t, t->oob_sig, filp, handler, ret, count);
	evlsim__oob_file_put(t);
	if (unlikely(t->hm_pending))
		evlsim__hm_flush(t);
	evlsim__sig_return(t);		/* before a restart, as the kernel's exit to user */
	return ret;
}

/*
 * The fast path's way out of a plain success: the file unpublished, then the handler of
 * a signal that arrived after the handler returned (the call was inside until then).
 */
static __always_inline void oob_fast_put(struct evlsim_thread *t)
{
	evlsim__oob_file_put(t);
	evlsim__sig_return(t);
}

/* the fast path's error or restart: the arguments come back from the thread state */
static noinline long oob_fast_result(struct evlsim_thread *t, long ret, int op)
{
	return oob_syscall_finish(op, (int)t->oob_args[0], t->oob_args[1], t->oob_args[2],
				  ret, t->oob_sig);
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
		return oob_reject(op, efd, (unsigned long)buf, count);
	t->oob_args[1] = (unsigned long)buf;
	t->oob_args[2] = count;
	ret = rd ? filp->f_op->oob_read(filp, (char __user *)buf, count) :
		   filp->f_op->oob_write(filp, buf, count);
	if (unlikely((unsigned long)ret > min_t(size_t, count, INT_MAX) ||
		     evlsim__signal_since(t, t->oob_sig) || evlsim__hard_state))
		ret = oob_fast_exit(t, rd ? "oob_read" : "oob_write", handler, ret, count);
	else
		oob_fast_put(t);
	if (unlikely((unsigned long)ret >= -4095UL))
		return oob_fast_result(t, ret, op);
	return (int)ret;
slow:
	return oob_syscall(op, efd, (unsigned long)buf, count);
}

/*
 * libevl's oob_read(), oob_write() and oob_ioctl() switch to asynchronous cancellation
 * around the syscall: each is a cancellation point, entered and left through
 * evlsim__cancel_enter()/evlsim__cancel_leave() (core/cancel.h), so that a thread
 * cancelled in the call unwinds it first. A thread with no state yet is not attached:
 * EPERM at once.
 */
static __always_inline long oob_rw_cancellable(int efd, const void *buf, size_t count,
						 int op)
{
	struct evlsim_thread *t = evlsim__self;
	long ret;

	if (unlikely(!t))
		return oob_rw(efd, buf, count, op);
	evlsim__cancel_enter(t, 1);
	ret = oob_rw(efd, buf, count, op);
	evlsim__cancel_leave(t);
	return ret;
}

EVLSIM_EXPORT ssize_t oob_read(int efd, void *buf, size_t count)
{
	return oob_rw_cancellable(efd, buf, count, EVLSIM_OOB_READ);
}

EVLSIM_EXPORT ssize_t oob_write(int efd, const void *buf, size_t count)
{
	return oob_rw_cancellable(efd, buf, count, EVLSIM_OOB_WRITE);
}

static __always_inline long oob_ioctl_call(struct evlsim_thread *t, int efd,
					   unsigned int cmd, unsigned long arg);

EVLSIM_EXPORT int oob_ioctl(int efd, unsigned long request, ...)
{
	struct evlsim_thread *t = evlsim__self;
	unsigned long arg;
	va_list ap;
	long ret;

	va_start(ap, request);
	arg = va_arg(ap, unsigned long);
	va_end(ap);

	if (unlikely(!t))
		return (int)oob_ioctl_call(t, efd, (unsigned int)request, arg);
	evlsim__cancel_enter(t, 1);
	ret = oob_ioctl_call(t, efd, (unsigned int)request, arg);
	evlsim__cancel_leave(t);
	return (int)ret;
}

static __always_inline long oob_ioctl_call(struct evlsim_thread *t, int efd,
					   unsigned int cmd, unsigned long arg)
{
	struct file *filp;
	long ret;

	if (!oob_fast_ok(t) || unlikely(t->compat))
		goto slow;
	filp = evlsim__oob_file_probe_fence(t, efd, 0);	/* oob_fast_ok() */
	if (unlikely(!filp))
		goto slow;
	if (unlikely(!oob_fast_file(t, filp, efd, 0,
				    offsetof(struct file_operations, oob_ioctl))))
		return oob_reject(EVLSIM_OOB_IOCTL, efd, cmd, arg);
	t->oob_args[1] = cmd;
	t->oob_args[2] = arg;
	ret = filp->f_op->oob_ioctl(filp, cmd, arg);
	if (unlikely((unsigned long)ret > INT_MAX || evlsim__signal_since(t, t->oob_sig) ||
		     evlsim__hard_state)) {
		ret = oob_fast_exit(t, "oob_ioctl", offsetof(struct file_operations, oob_ioctl),
				    ret, ULONG_MAX);
		if (ret == -ENOIOCTLCMD)
			ret = -ENOTTY;
	} else {
		oob_fast_put(t);
	}
	if (unlikely((unsigned long)ret >= -4095UL))
		return oob_fast_result(t, ret, EVLSIM_OOB_IOCTL);
	return (int)ret;
slow:
	return oob_syscall(EVLSIM_OOB_IOCTL, efd, cmd, arg);
}
