// SPDX-License-Identifier: LGPL-2.1-or-later
/*
 * Tasks, scheduling and kthreads (kernel world), after kernel/sched/core.c,
 * kernel/time/sleep_timeout.c and kernel/kthread.c, on the simulator's one sleep/wake
 * primitive.
 *
 * A task's state changes and wake-ups are serialized by its ->evlsim_pi_lock (the
 * kernel's p->pi_lock): wake_up_process() moves a sleeping task to TASK_RUNNING and wakes
 * its thread under it, and a sleeper reads its state under it, so a wake-up is never
 * lost nor delivered to a later sleep. set_current_state() arms the thread's sleep before
 * the caller tests its condition, as the kernel's barrier does.
 *
 * Kthreads are real threads (kthread-user.c). Those created by a module are kept on a
 * list until they exit, so that a module unloaded with one still running is reported.
 */
#include <linux/kthread.h>
#include <linux/sched/signal.h>
#include <linux/delay.h>
#include <linux/completion.h>
#include <linux/slab.h>
#include <linux/list.h>
#include <linux/bitops.h>
#include <linux/errno.h>
#include <linux/stdarg.h>
#include <asm/processor.h>
#include "ksched.h"
#include "kinternal.h"

enum { KTHREAD_SHOULD_STOP, KTHREAD_SHOULD_PARK };

struct kthread {
	struct task_struct task;
	unsigned long flags;		/* KTHREAD_* bits */
	int (*threadfn)(void *data);
	void *data;
	bool started;			/* kthread_create(): wait for wake_up_process() */
	struct completion created;
	struct completion exited;
	struct module *owner;
	struct list_head next;		/* module_kthreads, while owned and running */
};

static __thread struct task_struct *cur_task __attribute__((tls_model("initial-exec")));
/* The task of a thread that is not a kthread: lives as long as the thread. */
static __thread struct task_struct tls_task __attribute__((tls_model("initial-exec")));

static int kthreads_lock;			/* lock word */
static LIST_HEAD(module_kthreads);

static inline void pi_lock(struct task_struct *p)
{
	evlsim__lockword_lock(&p->evlsim_pi_lock);
}

static inline void pi_unlock(struct task_struct *p)
{
	evlsim__lockword_unlock(&p->evlsim_pi_lock);
}

static inline struct kthread *to_kthread(struct task_struct *k)
{
	return (k->flags & PF_KTHREAD) ? k->worker_private : NULL;
}

struct task_struct *get_current(void)
{
	struct task_struct *p = cur_task;
	struct evlsim_thread *t;

	if (likely(p))
		return p;
	t = evlsim__current();
	p = &tls_task;
	p->__state = TASK_RUNNING;
	p->pid = t->tid;
	p->tgid = evlsim__getpid();
	refcount_set(&p->usage, 1);
	evlsim__thread_comm(p->comm, sizeof(p->comm));
	p->evlsim_thread = t;
	cur_task = p;
	return p;
}

/* a handler waits for the end of the call the signal arrived in (core/sigdefer.h) */
int signal_pending(struct task_struct *p)
{
	struct evlsim_thread *t = p->evlsim_thread;

	if ((p->flags & PF_KTHREAD) || !t)
		return 0;
	return __atomic_load_n(&t->sig_deferred, __ATOMIC_RELAXED) > 0;
}

void __put_task_struct(struct task_struct *t)
{
	struct kthread *kt = to_kthread(t);

	/* a TLS task is never freed: it is never handed out with a reference to drop */
	if (WARN_ON(!kt))
		return;
	kfree(kt);
}

/* ---- sleeping and waking -------------------------------------------------------------- */

void evlsim__set_current_state(unsigned int state)
{
	struct task_struct *p = current;

	pi_lock(p);
	if (state != TASK_RUNNING)
		evlsim__prepare_sleep(p->evlsim_thread);
	WRITE_ONCE(p->__state, state);
	pi_unlock(p);
}

/*
 * Sleeps until the task is TASK_RUNNING again, @deadline passes or, in
 * TASK_INTERRUPTIBLE, a signal arrives since set_current_state(); the task is
 * TASK_RUNNING on return. Returns an enum evlsim_sleep_result.
 */
static int task_sleep(struct task_struct *p, evlsim_ns_t deadline)
{
	struct evlsim_thread *self = p->evlsim_thread;
	bool rearm = false;
	unsigned long snap;
	unsigned int state;
	int r;

	for (;;) {
		pi_lock(p);
		state = p->__state;
		if (state == TASK_RUNNING) {
			pi_unlock(p);
			return EVLSIM_WOKEN;
		}
		if (rearm) {
			/* a wake-up meant for another wait of this thread: sleep again,
			 * without forgetting a signal that came since set_current_state() */
			snap = self->sig_snap;
			evlsim__prepare_sleep(self);
			self->sig_snap = snap;
		}
		pi_unlock(p);
		r = evlsim__sleep(self, deadline,
				  (state & TASK_INTERRUPTIBLE) ? EVLSIM_SLEEP_INTERRUPTIBLE : 0);
		if (r == EVLSIM_WOKEN) {
			rearm = true;
			continue;
		}
		pi_lock(p);
		if (p->__state == TASK_RUNNING)
			r = EVLSIM_WOKEN;	/* woken meanwhile: that wins */
		else
			WRITE_ONCE(p->__state, TASK_RUNNING);
		pi_unlock(p);
		return r;
	}
}

int wake_up_state(struct task_struct *p, unsigned int state)
{
	int ret = 0;

	pi_lock(p);
	if (p->__state & state) {
		WRITE_ONCE(p->__state, TASK_RUNNING);
		if (p->evlsim_thread)
			evlsim__wake(p->evlsim_thread);
		ret = 1;
	}
	pi_unlock(p);
	return ret;
}

int wake_up_process(struct task_struct *p)
{
	return wake_up_state(p, TASK_NORMAL);
}

void schedule(void)
{
	task_sleep(current, EVLSIM_NS_INFINITE);
}

long schedule_timeout(long timeout)
{
	evlsim__check_service(EVLSIM_SVC_schedule_timeout);
	evlsim_ns_t deadline;

	if (timeout == MAX_SCHEDULE_TIMEOUT) {
		schedule();
		return timeout;
	}
	if (timeout < 0) {
		pr_err("%s: wrong timeout value %lx\n", __func__, timeout);
		__set_current_state(TASK_RUNNING);
		return 0;
	}
	deadline = evlsim__jiffies_deadline(timeout);
	task_sleep(current, deadline);
	return evlsim__jiffies_left(deadline);
}

/* schedule_timeout() in the given task state */
#define DEFINE_SCHEDULE_TIMEOUT(name, state)						\
long name(long timeout)									\
{											\
	__set_current_state(state);							\
	return schedule_timeout(timeout);						\
}

DEFINE_SCHEDULE_TIMEOUT(schedule_timeout_interruptible, TASK_INTERRUPTIBLE)
DEFINE_SCHEDULE_TIMEOUT(schedule_timeout_killable, TASK_KILLABLE)
DEFINE_SCHEDULE_TIMEOUT(schedule_timeout_uninterruptible, TASK_UNINTERRUPTIBLE)
DEFINE_SCHEDULE_TIMEOUT(schedule_timeout_idle, TASK_IDLE)

void yield(void)
{
	evlsim__yield();
}

/* ---- delays --------------------------------------------------------------------------- */

static void busy_wait(evlsim_ns_t ns)
{
	evlsim_ns_t end = evlsim__clock_now() + ns;

	while (evlsim__clock_now() < end)
		cpu_relax();
}

void __udelay(unsigned long usecs)
{
	busy_wait((evlsim_ns_t)usecs * 1000);
}

void __ndelay(unsigned long nsecs)
{
	busy_wait((evlsim_ns_t)nsecs);
}

/* Sleeps in @state until @deadline; in TASK_INTERRUPTIBLE, returns early on a signal. */
static int sleep_until(evlsim_ns_t deadline, unsigned int state)
{
	struct task_struct *p = current;
	struct evlsim_thread *self = p->evlsim_thread;
	unsigned long snap = __atomic_load_n(&self->sig_count, __ATOMIC_ACQUIRE);
	int r;

	do {
		pi_lock(p);
		evlsim__prepare_sleep(self);
		self->sig_snap = snap;	/* a signal since entry counts */
		WRITE_ONCE(p->__state, state);
		pi_unlock(p);
		r = task_sleep(p, deadline);
		if (r == EVLSIM_SIGNALED)
			return r;
	} while (evlsim__clock_now() < deadline);
	return EVLSIM_TIMEDOUT;
}

void msleep(unsigned int msecs)
{
	evlsim__check_service(EVLSIM_SVC_msleep);
	sleep_until(evlsim__clock_now() + (evlsim_ns_t)msecs * 1000000, TASK_UNINTERRUPTIBLE);
}

unsigned long msleep_interruptible(unsigned int msecs)
{
	evlsim__check_service(EVLSIM_SVC_msleep);
	evlsim_ns_t deadline = evlsim__clock_now() + (evlsim_ns_t)msecs * 1000000;

	if (sleep_until(deadline, TASK_INTERRUPTIBLE) != EVLSIM_SIGNALED)
		return 0;
	return jiffies_to_msecs(evlsim__jiffies_left(deadline));
}

void usleep_range_state(unsigned long min, unsigned long max, unsigned int state)
{
	evlsim__check_service(EVLSIM_SVC_usleep_range);
	/* as the kernel: never return before @min elapsed, whatever the state */
	sleep_until(evlsim__clock_now() + (evlsim_ns_t)min * 1000,
		    state & ~TASK_INTERRUPTIBLE ?: TASK_UNINTERRUPTIBLE);
}

/* ---- kthreads ------------------------------------------------------------------------- */

static void kthread_main(void *arg)
{
	struct kthread *kt = arg;
	struct task_struct *p = &kt->task;
	struct evlsim_thread *self = evlsim__current();
	int ret = -EINTR;

	cur_task = p;
	pi_lock(p);
	evlsim__prepare_sleep(self);	/* before a waker can see the thread */
	p->evlsim_thread = self;
	p->pid = self->tid;
	pi_unlock(p);

	if (!kt->started) {
		/* kthread_create(): the creator returns once we are asleep (or woken) */
		complete(&kt->created);
		task_sleep(p, EVLSIM_NS_INFINITE);
	}
	if (!test_bit(KTHREAD_SHOULD_STOP, &kt->flags))
		ret = kt->threadfn(kt->data);

	p->exit_code = ret;
	pi_lock(p);
	WRITE_ONCE(p->__state, TASK_DEAD);
	pi_unlock(p);
	if (kt->owner) {
		evlsim__lockword_lock(&kthreads_lock);
		if (!list_empty(&kt->next))
			list_del_init(&kt->next);
		evlsim__lockword_unlock(&kthreads_lock);
	}
	complete_all(&kt->exited);
	cur_task = NULL;
	put_task_struct(p);
}

static struct kthread *kthread_alloc(int (*threadfn)(void *data), void *data,
				     unsigned int pf_flags, const char *comm)
{
	struct kthread *kt = kzalloc(sizeof(*kt), GFP_KERNEL);

	if (!kt)
		return NULL;
	kt->task.flags = PF_KTHREAD | pf_flags;
	kt->task.tgid = evlsim__getpid();
	kt->task.worker_private = kt;
	refcount_set(&kt->task.usage, 1);	/* the thread's own, dropped when it exits */
	strscpy(kt->task.comm, comm, sizeof(kt->task.comm));
	kt->threadfn = threadfn;
	kt->data = data;
	init_completion(&kt->created);
	init_completion(&kt->exited);
	INIT_LIST_HEAD(&kt->next);
	return kt;
}

static int kthread_spawn(struct kthread *kt)
{
	return evlsim__host_thread_spawn(kthread_main, kt, kt->task.comm);
}

struct task_struct *evlsim__kthread_start(int (*threadfn)(void *data), void *data,
					  unsigned int pf_flags, const char *name)
{
	struct kthread *kt;
	int ret;

	kt = kthread_alloc(threadfn, data, pf_flags, name);
	if (!kt)
		return ERR_PTR(-ENOMEM);
	kt->started = true;
	kt->task.__state = TASK_RUNNING;
	ret = kthread_spawn(kt);
	if (ret) {
		kfree(kt);
		return ERR_PTR(ret);
	}
	return &kt->task;
}

struct task_struct *evlsim__kthread_create(struct module *owner, int (*threadfn)(void *data),
					   void *data, int node, const char namefmt[], ...)
{
	evlsim__check_service(EVLSIM_SVC_kthread_run);
	char comm[TASK_COMM_LEN];
	struct kthread *kt;
	va_list args;
	int ret;

	va_start(args, namefmt);
	vsnprintf(comm, sizeof(comm), namefmt, args);
	va_end(args);
	kt = kthread_alloc(threadfn, data, 0, comm);
	if (!kt)
		return ERR_PTR(-ENOMEM);
	/* asleep until wake_up_process(), as the kernel's kthread() */
	kt->task.__state = TASK_UNINTERRUPTIBLE;
	kt->owner = owner;
	if (owner) {
		evlsim__lockword_lock(&kthreads_lock);
		list_add_tail(&kt->next, &module_kthreads);
		evlsim__lockword_unlock(&kthreads_lock);
	}
	ret = kthread_spawn(kt);
	if (ret) {
		if (owner) {
			evlsim__lockword_lock(&kthreads_lock);
			list_del(&kt->next);
			evlsim__lockword_unlock(&kthreads_lock);
		}
		kfree(kt);
		return ERR_PTR(ret);
	}
	wait_for_completion(&kt->created);
	return &kt->task;
}

bool kthread_should_stop(void)
{
	struct kthread *kt = to_kthread(current);

	return kt && test_bit(KTHREAD_SHOULD_STOP, &kt->flags);
}

/* Parking is not simulated: nobody ever asks a kthread to park. */
bool kthread_should_park(void)
{
	return false;
}

void *kthread_data(struct task_struct *k)
{
	struct kthread *kt = to_kthread(k);

	WARN_ON(!kt);
	return kt ? kt->data : NULL;
}

int kthread_stop(struct task_struct *k)
{
	evlsim__check_service(EVLSIM_SVC_kthread_stop);
	struct kthread *kt = to_kthread(k);
	int ret;

	if (WARN_ON(!kt))
		return -EINVAL;
	get_task_struct(k);
	set_bit(KTHREAD_SHOULD_STOP, &kt->flags);
	wake_up_process(k);
	wait_for_completion(&kt->exited);
	ret = k->exit_code;
	put_task_struct(k);
	return ret;
}

int kthread_stop_put(struct task_struct *k)
{
	int ret = kthread_stop(k);

	put_task_struct(k);
	return ret;
}

/* Module unload (module.c): report the module's kthreads that are still running. */
static void kthread_leftovers(struct module *mod, const char *when)
{
	struct kthread *kt, *tmp;

	evlsim__lockword_lock(&kthreads_lock);
	list_for_each_entry_safe(kt, tmp, &module_kthreads, next) {
		if (kt->owner != mod)
			continue;
		/* reported once: the thread runs on, on code that stays mapped */
		list_del_init(&kt->next);
		evlsim__report(EVLSIM_REPORT_LEAK, "module-leak",
			       "%s: %s with kthread '%s' (pid %d) still running",
			       mod->name, when, kt->task.comm, kt->task.pid);
	}
	evlsim__lockword_unlock(&kthreads_lock);
}

/* resource accounting (accounting.c): the kthreads of @mod still running */
static int kthread_count(struct module *mod)
{
	int n;

	evlsim__lockword_lock(&kthreads_lock);
	n = evlsim__count_owned(&module_kthreads, struct kthread, next, owner, mod);
	evlsim__lockword_unlock(&kthreads_lock);
	return n;
}

/* then the in-band kthreads */
EVLSIM_MODULE_SERVICE(kthreads, EVLSIM_ACCT_KTHREADS, 40, kthread_count, kthread_leftovers);
