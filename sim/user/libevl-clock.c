// SPDX-License-Identifier: LGPL-2.1-or-later
/*
 * libevl's clock calls, SIGDEBUG handler and CPU state (user world), after libevl r47
 * lib/clock.c, lib/init.c and lib/sched.c: each returns 0 or a negated errno and leaves
 * errno alone.
 *
 * evl_sleep_until() is the out-of-band sleep of EVL_CLKIOC_SLEEP: an oob syscall, so the
 * caller must be attached and is switched oob; it sleeps on the one sleep primitive until
 * the date on the one clock, a signal ending it with -EINTR (and demoting the thread, as
 * the signal's delivery does), and it is a cancellation point as libevl's oob calls are.
 */
#include <errno.h>
#include <fcntl.h>
#include <pthread.h>
#include <string.h>
#include <unistd.h>
#include <sys/ioctl.h>
#include <evl/evl.h>
#include <evl/clock.h>
#include <evl/sched.h>
#include <evl/signal.h>
#include <uapi/evl/control-abi.h>
#include "internal.h"
#include "user/conforming.h"

#define NSEC_PER_SEC	1000000000LL

/* the date of @clockfd now, in ns; -EINVAL for an unknown clock */
static int clock_ns(int clockfd, long long *ns)
{
	switch (clockfd) {
	case EVL_CLOCK_MONOTONIC:
		*ns = evlsim__clock_now();
		return 0;
	case EVL_CLOCK_REALTIME:
		*ns = evlsim__clock_realtime();
		return 0;
	default:
		return -EINVAL;
	}
}

/* the clock's time, or its resolution (1 ns) when @resolution, into @tp */
static int clock_ts(int clockfd, struct timespec *tp, bool resolution)
{
	long long ns;
	int ret = clock_ns(clockfd, &ns);

	if (ret)
		return ret;
	if (!tp)
		return -EFAULT;
	tp->tv_sec = resolution ? 0 : ns / NSEC_PER_SEC;
	tp->tv_nsec = resolution ? 1 : ns % NSEC_PER_SEC;
	return 0;
}

EVLSIM_EXPORT int evl_read_clock(int clockfd, struct timespec *tp)
{
	return clock_ts(clockfd, tp, false);
}

EVLSIM_EXPORT int evl_get_clock_resolution(int clockfd, struct timespec *tp)
{
	return clock_ts(clockfd, tp, true);
}

/* the oob sleep until @deadline on the monotonic clock: 0 or -EINTR */
static int oob_sleep(struct evlsim_thread *t, long long deadline)
{
	int r;

	__atomic_store_n(&t->wait_break, 0, __ATOMIC_RELAXED);
	__atomic_store_n(&t->oob_sleeping, 1, __ATOMIC_RELEASE);
	for (;;) {
		evlsim__prepare_sleep(t);
		r = evlsim__sleep(t, deadline,
				  EVLSIM_SLEEP_INTERRUPTIBLE | EVLSIM_SLEEP_BREAKABLE);
		if (r == EVLSIM_TIMEDOUT) {
			r = 0;
			break;
		}
		if (r == EVLSIM_SIGNALED) {
			/* a signal demotes, evl_unblock_thread() does not, evl_demote_thread()
			 * does with no cause to notify */
			r = __atomic_exchange_n(&t->wait_break, 0, __ATOMIC_ACQ_REL);
			if (r != 1)
				evlsim__switch_inband(t, r ? EVL_HMDIAG_NONE : EVL_HMDIAG_SIGDEMOTE);
			r = -EINTR;
			break;
		}
	}
	__atomic_store_n(&t->oob_sleeping, 0, __ATOMIC_RELEASE);
	return r;
}

/* the date of @timeout on the monotonic clock, or -errno */
static __attribute__((__noinline__)) long long sleep_date(int clockfd, const struct timespec *timeout, int attached)
{
	long long now, date;
	int ret = clock_ns(clockfd, &now);

	if (ret)
		return ret;
	if (!timeout)
		return -EFAULT;
	if (timeout->tv_nsec < 0 || timeout->tv_nsec >= NSEC_PER_SEC)
		return -EINVAL;
	if (!attached)
		return -EPERM;
	date = (long long)timeout->tv_sec * NSEC_PER_SEC + timeout->tv_nsec;
	if (clockfd != EVL_CLOCK_MONOTONIC)
		date += evlsim__clock_now() - now;
	return date < 0 ? 0 : date;
}

/*
 * The oob sleep until @mono, a cancellation point. No local of this frame, nor of its
 * callers here, has its address taken: a cancellation acted on in evlsim__cancel_leave()
 * unwinds through them, and AddressSanitizer would find the redzones of such a local
 * still poisoned when the thread's stack is reused.
 */
static int sleep_until_mono(struct evlsim_thread *t, long long mono)
{
	int ret;

	evlsim__cancel_enter(t, 1);
	evlsim__count_event(t->nr_oob_calls);
	ret = (int)EVLSIM_RESTARTABLE(evlsim__switch_oob(t, __atomic_load_n(&t->sig_count,
									     __ATOMIC_ACQUIRE)));
	if (ret)
		ret = -EINTR;
	else
		ret = oob_sleep(t, mono);
	if (t->hm_pending)
		evlsim__hm_flush(t);
	evlsim__cancel_leave(t);
	return ret;
}

EVLSIM_EXPORT int evl_sleep_until(int clockfd, const struct timespec *timeout)
{
	struct evlsim_thread *t = evlsim__current();
	long long mono = sleep_date(clockfd, timeout, t->evl != NULL);

	if (mono < 0)
		return (int)mono;
	return sleep_until_mono(t, mono);
}

EVLSIM_EXPORT int evl_usleep(useconds_t usecs)
{
	struct evlsim_thread *t = evlsim__current();

	if (!t->evl)
		return -EPERM;
	return sleep_until_mono(t, evlsim__clock_now() + (long long)usecs * 1000);
}

/* ---- SIGDEBUG ------------------------------------------------------------------------- */

static const char *const sigdebug_msg[] = {
	[EVL_HMDIAG_SIGDEMOTE] = "switched inband (signal)\n",
	[EVL_HMDIAG_SYSDEMOTE] = "switched inband (syscall)\n",
	[EVL_HMDIAG_EXDEMOTE] = "switched inband (fault)\n",
	[EVL_HMDIAG_WATCHDOG] = "watchdog triggered\n",
	[EVL_HMDIAG_LKDEPEND] = "switched inband while holding mutex\n",
	[EVL_HMDIAG_LKIMBALANCE] = "mutex lock/unlock imbalance\n",
	[EVL_HMDIAG_LKSLEEP] = "attempt to sleep while holding a mutex\n",
	[EVL_HMDIAG_STAGEX] = "locked out from out-of-band stage (stax)\n",
};

EVLSIM_EXPORT void evl_sigdebug_handler(int sig, siginfo_t *si, void *ctxt)
{
	int saved_errno = errno, cause;
	const char *msg;

	(void)sig;
	(void)ctxt;
	if (!si || !sigdebug_marked(si))
		return;
	cause = sigdebug_cause(si);
	if (cause <= 0 || cause >= (int)(sizeof(sigdebug_msg) / sizeof(sigdebug_msg[0])))
		return;
	msg = sigdebug_msg[cause];
	if (msg && write(1, msg, strlen(msg)) < 0)
		errno = saved_errno;
	errno = saved_errno;
}

/* ---- the control element -------------------------------------------------------------- */

static int control_fd = -1;
static pthread_once_t control_once = PTHREAD_ONCE_INIT;

static void control_open(void)
{
	int saved_errno = errno;

	control_fd = open(EVL_CONTROL_DEV, O_RDWR | O_CLOEXEC);
	errno = saved_errno;
}

EVLSIM_EXPORT int evl_get_cpustate(int cpu, int *state_r)
{
	struct evl_cpu_state cs;
	__u32 state;
	int ret;

	pthread_once(&control_once, control_open);
	if (control_fd < 0)
		return -ENXIO;
	cs.cpu = (__u32)cpu;
	cs.state_ptr = (__u64)(unsigned long)&state;
	ret = (int)EVLSIM_CONFORMING_IO(ioctl(control_fd, EVL_CTLIOC_GET_CPUSTATE, &cs),
					oob_ioctl(control_fd, EVL_CTLIOC_GET_CPUSTATE, &cs));
	if (ret > 0)
		ret = 0;
	if (!ret)
		*state_r = (int)state;
	return ret;
}
