// SPDX-License-Identifier: LGPL-2.1-or-later
/*
 * EVL kernel threads, periodic mode and sleeping (kernel world), after kernel/evl/thread.c
 * (K @cf2f98b), spec section 5.10.
 *
 * An EVL kthread runs on a host thread (evlsim__host_thread_spawn()), attached to EVL
 * under its name (a thread element, public or private as its clone flags say) and running
 * out-of-band. Its struct evl_thread is the one embedded in its struct evl_kthread: the
 * thread state points at it (->evl_thread_ext), so evl_current() and every EVL wait of the
 * thread use it. evl_run_kthread() returns once the thread runs (or failed to attach: the
 * error is the start status, kt->status), through the kthread's completion, which the
 * thread completes again as the very last thing it does with its descriptor when its
 * function returned: evl_stop_kthread() waits for that.
 *
 * Stopping sets the thread's stop request (->evlsim_kicked), then wakes it: the wait
 * services test the request after arming the sleep (sim/evl/wait.c), so a wait that began
 * before or after fails with -EINTR (EVL_T_BREAK), and evl_kthread_should_stop() becomes
 * true. The lock below keeps the thread state alive while the stopper wakes it.
 */
#include <linux/kernel.h>
#include <linux/slab.h>
#include <linux/string.h>
#include <linux/irqflags.h>
#include <uapi/evl/factory-abi.h>
#include <evl/thread.h>
#include <evl/wait.h>
#include "kinternal.h"

enum {
	EVLSIM_KT_STARTING,
	EVLSIM_KT_RUNNING,
	EVLSIM_KT_EXITED,
};

#define KTHREAD_CLONE_FLAGS	(EVL_CLONE_PUBLIC | EVL_CLONE_OBSERVABLE)
#define LEFTOVER_STOP_NS	(1000 * NSEC_PER_MSEC)

/* guards the list of live kthreads and their ->evlsim_state */
static struct evlsim_mutex kthread_lock = EVLSIM_MUTEX_INITIALIZER;
static LIST_HEAD(live_kthreads);

static void kthread_trampoline(void *arg)
{
	struct evl_kthread *kthread = arg;
	struct evl_thread *thread = &kthread->thread;
	struct evlsim_thread *t = evlsim__current();
	int ret;

	ret = evlsim__evl_attach(t, kthread->evlsim_name, kthread->evlsim_flags);
	if (ret < 0) {
		kthread->status = ret;
		complete(&kthread->done);
		return;
	}
	thread->evlsim = t;
	if (kthread->evlsim_cpu >= 0)		/* started on a CPU: bound to it */
		evlsim__cpu_bind(t, kthread->evlsim_cpu);
	INIT_LIST_HEAD(&thread->wait_next);
	strscpy(thread->name, kthread->evlsim_name, sizeof(thread->name));
	__atomic_store_n(&t->evl_thread_ext, thread, __ATOMIC_RELEASE);	/* evl_get_state() */
	t->stage = EVLSIM_OOB;

	evlsim__mutex_lock(&kthread_lock);
	kthread->evlsim_state = EVLSIM_KT_RUNNING;
	list_add_tail(&kthread->evlsim_next, &live_kthreads);
	evlsim__mutex_unlock(&kthread_lock);
	evlsim__unchecked_begin();	/* the simulator's own completion, from oob */
	complete(&kthread->done);
	evlsim__unchecked_end();

	kthread->threadfn(kthread->arg);

	evlsim__mutex_lock(&kthread_lock);
	list_del_init(&kthread->evlsim_next);
	kthread->evlsim_state = EVLSIM_KT_EXITED;
	evlsim__mutex_unlock(&kthread_lock);

	t->stage = EVLSIM_INBAND;
	__atomic_store_n(&t->evl_thread_ext, NULL, __ATOMIC_RELEASE);
	evlsim__evl_detach(t);
	complete(&kthread->done);	/* the last access to @kthread */
}

/**
 * evlsim__run_kthread - start an EVL kthread (evl_run_kthread*() macros)
 * @kthread: its descriptor
 * @fn: its body
 * @arg: the argument of @fn
 * @prio: its priority, [EVL_CORE_MIN_PRIO, EVL_CORE_MAX_PRIO]: its ->wprio
 * @clone_flags: EVL_CLONE_PUBLIC or EVL_CLONE_PRIVATE, optionally | EVL_CLONE_OBSERVABLE
 * @cpu: the CPU to pin it to (recorded), -1 for any
 * @owner: the module whose code starts it (THIS_MODULE)
 * @fmt: printf-style name
 *
 * In-band only. Returns 0 once the thread runs @fn, or -EPERM (called oob), -EINVAL (bad
 * flags, priority or CPU), -ENOMEM, -ENAMETOOLONG, -EEXIST (public name in use).
 */
int evlsim__run_kthread(struct evl_kthread *kthread, void (*fn)(void *arg), void *arg,
			int prio, int clone_flags, int cpu, struct module *owner,
			const char *fmt, ...)
{
	evlsim__check_service(EVLSIM_SVC_evl_run_kthread);
	va_list ap;
	int ret;

	if (evlsim__running_oob())
		return -EPERM;
	if (prio < EVL_CORE_MIN_PRIO || prio > EVL_CORE_MAX_PRIO)
		return -EINVAL;
	if (clone_flags & ~KTHREAD_CLONE_FLAGS)
		return -EINVAL;
	if (cpu < -1 || cpu >= evlsim__online_cpus())
		return -EINVAL;

	memset(&kthread->thread, 0, sizeof(kthread->thread));
	kthread->thread.wprio = prio;
	init_completion(&kthread->done);
	kthread->threadfn = fn;
	kthread->arg = arg;
	kthread->status = 0;
	init_irq_work(&kthread->irq_work, NULL);
	kthread->evlsim_owner = owner;
	kthread->evlsim_flags = clone_flags;
	kthread->evlsim_cpu = cpu;
	kthread->evlsim_state = EVLSIM_KT_STARTING;
	INIT_LIST_HEAD(&kthread->evlsim_next);

	va_start(ap, fmt);
	kthread->evlsim_name = kvasprintf(GFP_KERNEL, fmt, ap);
	va_end(ap);
	if (!kthread->evlsim_name)
		return -ENOMEM;

	ret = evlsim__host_thread_spawn(kthread_trampoline, kthread, kthread->evlsim_name);
	if (!ret) {
		wait_for_completion(&kthread->done);
		ret = kthread->status;
	}
	kfree(kthread->evlsim_name);
	kthread->evlsim_name = NULL;
	return ret;
}

/* kthread_lock held: ask a running kthread to stop */
static void kick_kthread(struct evl_kthread *kthread)
{
	if (kthread->evlsim_state != EVLSIM_KT_RUNNING)
		return;
	/* Dekker with the thread's wait, which arms its sleep, then fences and reads this */
	__atomic_store_n(&kthread->thread.evlsim_kicked, 1, __ATOMIC_SEQ_CST);
	smp_mb();
	evlsim__wake(kthread->thread.evlsim);
}

/**
 * evl_stop_kthread - stop an EVL kthread and wait for its exit (in-band only)
 *
 * Its EVL waits fail with -EINTR from now on and evl_kthread_should_stop() is true for it;
 * returns (uninterruptibly) once its function returned. A kthread whose function already
 * returned is only collected.
 */
void evl_stop_kthread(struct evl_kthread *kthread)
{
	evlsim__check_service(EVLSIM_SVC_evl_stop_kthread);
	evlsim__mutex_lock(&kthread_lock);
	kick_kthread(kthread);
	evlsim__mutex_unlock(&kthread_lock);
	evlsim__unchecked_begin();	/* the simulator's own wait: any stage here */
	wait_for_completion(&kthread->done);
	evlsim__unchecked_end();
}

struct evl_kthread *evl_current_kthread(void)
{
	struct evlsim_thread *t = evlsim__self;

	if (!t || !t->evl_thread_ext)
		return NULL;
	return container_of((struct evl_thread *)t->evl_thread_ext, struct evl_kthread, thread);
}

bool evl_kthread_should_stop(void)
{
	struct evl_kthread *kthread = evl_current_kthread();

	return kthread && evlsim__evl_kicked(&kthread->thread);
}

void evl_set_kthread_priority(struct evl_kthread *kthread, int prio)
{
	WRITE_ONCE(kthread->thread.wprio, clamp(prio, EVL_CORE_MIN_PRIO, EVL_CORE_MAX_PRIO));
}

/**
 * evl_kthread_leftovers - report and stop the EVL kthreads @mod left running
 *
 * Each is stopped as evl_stop_kthread() does; one that does not return within a second
 * is reported again and left running.
 */
static void evl_kthread_leftovers(struct module *mod, const char *when)
{
	struct evlsim_thread *self = evlsim__current();
	struct evl_kthread *kthread;
	char name[sizeof(kthread->thread.name)];
	evlsim_ns_t limit;
	bool found, exited;

	if (!mod)
		return;
	do {
		found = false;
		evlsim__mutex_lock(&kthread_lock);
		list_for_each_entry(kthread, &live_kthreads, evlsim_next) {
			if (kthread->evlsim_owner == mod) {
				strscpy(name, kthread->thread.name, sizeof(name));
				kick_kthread(kthread);
				found = true;
				break;
			}
		}
		evlsim__mutex_unlock(&kthread_lock);
		if (!found)
			break;
		evlsim__report(EVLSIM_REPORT_LEAK, "module-leak",
			       "%s: %s with EVL kthread '%s' still running; stopping it",
			       mod->name, when, name);
		limit = evlsim__clock_now() + LEFTOVER_STOP_NS;
		for (;;) {
			evlsim__mutex_lock(&kthread_lock);
			exited = kthread->evlsim_state == EVLSIM_KT_EXITED;
			if (!exited && evlsim__clock_now() >= limit)
				list_del_init(&kthread->evlsim_next);	/* give up on it */
			evlsim__mutex_unlock(&kthread_lock);
			if (exited) {
				wait_for_completion(&kthread->done);
				break;
			}
			if (evlsim__clock_now() >= limit) {
				evlsim__report(EVLSIM_REPORT_LEAK, "module-leak",
					       "%s: EVL kthread '%s' does not stop; left running",
					       mod->name, name);
				break;
			}
			evlsim__prepare_sleep(self);
			evlsim__sleep(self, evlsim__clock_now() + NSEC_PER_MSEC, 0);
		}
	} while (found);
}

/* ---- sleeping and periodic mode ------------------------------------------------------- */

/* evl_cannot_block(): not an EVL thread running oob, or in a timer handler (hard irqs off) */
static bool cannot_block(void)
{
	return !evl_current() || !evlsim__running_oob() || hard_irqs_disabled();
}

/* Sleeps until the monotonic date @deadline: 0, or -EINTR when broken (stop, signal). */
static int sleep_until_mono(ktime_t deadline)
{
	struct evl_wait_queue wq;
	int ret;

	evl_init_wait_on_stack(&wq, &evl_mono_clock, EVL_WAIT_FIFO);
	ret = evl_wait_event_timeout(&wq, deadline, EVL_ABS, false);
	return ret == -ETIMEDOUT ? 0 : ret ? -EINTR : 0;
}

/**
 * evl_delay - sleep until a date or for a delay (oob only)
 * @timeout: a date on @clock (EVL_ABS) or a delay (EVL_REL)
 * @timeout_mode: EVL_ABS or EVL_REL
 * @clock: the clock @timeout is on
 *
 * Returns 0 once the time has come, or the time that was left when the sleep was broken.
 */
ktime_t evl_delay(ktime_t timeout, enum evl_tmode timeout_mode, struct evl_clock *clock)
{
	ktime_t now = evlsim__clock_now(), deadline, left;

	if (WARN_ON(cannot_block()))
		return 0;
	deadline = timeout_mode == EVL_REL ? now + timeout : evlsim__clock_to_mono(clock, timeout);
	if (!sleep_until_mono(deadline))
		return 0;
	left = deadline - evlsim__clock_now();
	return left > 0 ? left : ktime_set(0, 1);
}

/**
 * evl_sleep_until - sleep until a date of the monotonic clock (oob only)
 *
 * Returns 0 at the date (at once for a date past), -EINTR when woken early (the kthread
 * is being stopped), -EPERM when the caller cannot block.
 */
int evl_sleep_until(ktime_t timeout)
{
	if (cannot_block())
		return -EPERM;
	return sleep_until_mono(timeout);
}

/* evl_sleep_until(now + @delay) */
int evl_sleep(ktime_t delay)
{
	return evl_sleep_until(ktime_add(evl_read_clock(&evl_mono_clock), delay));
}

/* The gravity of @clock for the calling thread's periodic releases. */
static ktime_t period_gravity(struct evl_clock *clock)
{
	return evl_current_kthread() ? READ_ONCE(clock->gravity.kernel) :
		READ_ONCE(clock->gravity.user);
}

/**
 * evl_set_period - make the calling EVL thread periodic
 * @clock: the clock @idate is on; NULL stops periodic mode
 * @idate: the first release date, EVL_INFINITE (0) for one period from now
 * @period: the period; EVL_INFINITE stops periodic mode
 *
 * Returns 0, -EPERM if the caller is not an EVL thread, -EINVAL for a period shorter
 * than the clock's gravity for the caller (kernel gravity for an EVL kthread, user
 * gravity otherwise).
 */
int evl_set_period(struct evl_clock *clock, ktime_t idate, ktime_t period)
{
	struct evl_thread *curr = evl_current();

	if (!curr)
		return -EPERM;
	if (!clock || period == EVL_INFINITE) {
		curr->evlsim_period = 0;
		return 0;
	}
	if (period < period_gravity(clock))
		return -EINVAL;
	if (idate == EVL_INFINITE)
		idate = ktime_add(evl_read_clock(clock), period);
	curr->evlsim_pnext = evlsim__clock_to_mono(clock, idate);
	curr->evlsim_period = period;
	curr->evlsim_pclock = clock;
	return 0;
}

/**
 * evl_wait_period - wait for the next release of the calling periodic thread
 * @overruns_r: if not NULL, receives the number of releases missed
 *
 * Returns 0, -ETIMEDOUT when releases were missed since the previous call (their count in
 * *@overruns_r; the next release is then the first one after now), -EINTR when woken
 * early, -EAGAIN if the thread is not periodic, -EPERM if it cannot block.
 */
int evl_wait_period(unsigned long *overruns_r)
{
	struct evl_thread *curr = evl_current();
	unsigned long overruns = 0;
	ktime_t now, delta, period, wake;

	if (!curr)
		return -EPERM;
	period = curr->evlsim_period;
	if (!period)
		return -EAGAIN;
	if (cannot_block())
		return -EPERM;

	/* released early by the gravity, as the kernel programs its periodic timer */
	wake = curr->evlsim_pnext - period_gravity(curr->evlsim_pclock);
	if (evlsim__clock_now() < wake && sleep_until_mono(wake))
		return -EINTR;

	now = evlsim__clock_now();
	delta = now - curr->evlsim_pnext;
	if (delta >= period) {
		overruns = delta / period;
		curr->evlsim_pnext += overruns * period;
	}
	curr->evlsim_pnext += period;
	if (overruns_r)
		*overruns_r = overruns;
	return overruns ? -ETIMEDOUT : 0;
}

/* resource accounting (accounting.c): the EVL kthreads of @mod still running */
static int evl_kthread_count(struct module *mod)
{
	int n;

	evlsim__mutex_lock(&kthread_lock);
	n = evlsim__count_owned(&live_kthreads, struct evl_kthread, evlsim_next, evlsim_owner, mod);
	evlsim__mutex_unlock(&kthread_lock);
	return n;
}

/* then the EVL kthreads, which run the module's code oob */
EVLSIM_MODULE_SERVICE(evl_kthreads, EVLSIM_ACCT_EVL_KTHREADS, 20, evl_kthread_count, evl_kthread_leftovers);
