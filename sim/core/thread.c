// SPDX-License-Identifier: LGPL-2.1-or-later
/*
 * Per-thread simulator state and RCU (user world).
 *
 * A thread gets its struct evlsim_thread on its first call into the simulator. The state
 * is registered with liburcu (memb flavour: near-free read side, grace periods through
 * membarrier) and torn down by a pthread key destructor at thread exit, which also
 * detaches a thread that is still attached to EVL, as the core does when a task exits.
 */
#define _LGPL_SOURCE
#include <pthread.h>
#include <stdbool.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>
#include <linux/membarrier.h>
#include <sys/syscall.h>
#include <urcu/arch.h>
#include <urcu/urcu-memb.h>
#include "internal.h"

__thread struct evlsim_thread *evlsim__self __attribute__((tls_model("initial-exec")));

static pthread_key_t thread_key;
static pthread_once_t thread_key_once = PTHREAD_ONCE_INIT;
static struct evlsim_mutex registry_lock = EVLSIM_MUTEX_INITIALIZER;
static struct evlsim_thread *all_threads;
/* States of threads that died with a fork(): kept reachable, never reused. */
static struct evlsim_thread *forked_away;

static void thread_exit(void *arg);

int evlsim__forked;

static void fork_prepare(void)
{
	evlsim__mutex_lock(&registry_lock);
}

static void fork_parent(void)
{
	evlsim__mutex_unlock(&registry_lock);
}

/**
 * evlsim__lock_owner_gone - a lock is held by @owner: is it a thread fork() left behind?
 * @owner: the holder's thread state (struct evlsim_thread *), or NULL if unknown
 * @what: the kind of lock, @name its name (may be NULL)
 *
 * In a child of fork(), the threads of the parent do not exist: a lock one of them held
 * at the fork would never be released. The first waiter reports it (a rule violation,
 * with its backtrace) and returns 1: the caller then takes the lock over. 0 otherwise.
 */
int evlsim__lock_owner_gone(const void *owner, const char *what, const char *name)
{
	const struct evlsim_thread *t = owner;

	if (!__atomic_load_n(&evlsim__forked, __ATOMIC_RELAXED) || !t ||
	    !__atomic_load_n(&t->forked_away, __ATOMIC_RELAXED))
		return 0;
	evlsim__report(EVLSIM_REPORT_RULE, "lock-across-fork",
		       "%s %s was held by thread %d of the parent at fork(): taken over in the child",
		       what, name ? name : "(unnamed)", t->tid);
	return 1;
}

static void fork_child(void)
{
	struct evlsim_thread *t, *next, *self = evlsim__self;

	/* Only the forking thread lives on in the child. libevl clears its TLS at fork, so
	 * the child thread is not an EVL thread any more (spec 3.4: EPERM in the child). */
	for (t = all_threads; t; t = next) {
		next = t->next_all;
		if (t != self) {
			t->next_all = forked_away;
			forked_away = t;
			/* whatever it published or held stays with it: nobody waits for it */
			t->forked_away = 1;
			t->oob_file = NULL;
			/* no grace period of the child waits for it (core/rcu.c) */
			if (t->rcu_registered)
				evlsim__rcu_forget_reader(t->rcu_reader);
			t->rcu_registered = 0;
		}
	}
	__atomic_store_n(&evlsim__forked, 1, __ATOMIC_RELAXED);
	all_threads = self;
	if (self) {
		self->next_all = NULL;
		self->evl = NULL;
		self->efd = -1;
		self->stage = EVLSIM_INBAND;
		self->oob_fastpath = 0;
		self->tid = (int)syscall(SYS_gettid);
	}
	evlsim__mutex_unlock(&registry_lock);	/* taken by the forking thread */
}

static void make_key(void)
{
	if (pthread_key_create(&thread_key, thread_exit))
		evlsim__die("pthread_key_create failed");
	pthread_atfork(fork_prepare, fork_parent, fork_child);
}

__thread struct evlsim_thread_seed evlsim__seed __attribute__((tls_model("initial-exec")));

struct evlsim_thread *evlsim__current_slow(void)
{
	struct evlsim_thread *t;

	pthread_once(&thread_key_once, make_key);
	/* cache-line aligned: the hot fields are written by every oob call of the thread */
	t = aligned_alloc(EVLSIM_CACHELINE, sizeof(*t));
	if (!t)
		evlsim__die("out of memory for a thread state");
	memset(t, 0, sizeof(*t));
	t->efd = -1;
	t->tid = (int)syscall(SYS_gettid);
	t->pthread = (unsigned long)pthread_self();
	if (evlsim__seed.block) {	/* not published yet: plain stores */
		if (evlsim__seed.set) {
			t->sched_policy = evlsim__seed.policy;
			t->sched_prio = evlsim__seed.prio;
			t->sched_set = 1;
			t->sched_gen = 1;
		}
		free(evlsim__seed.block);
		evlsim__seed.block = NULL;
	}
	t->rcu_reader = evlsim__rcu_register_thread();
	t->rcu_registered = 1;
	pthread_setspecific(thread_key, t);

	evlsim__mutex_lock(&registry_lock);
	t->next_all = all_threads;
	all_threads = t;
	evlsim__mutex_unlock(&registry_lock);

	evlsim__self = t;
	return t;
}

/**
 * evlsim__for_each_thread - call @fn on every thread state, under the registry's lock
 * @fn: returns non-zero to stop the walk (then that value is returned); it must not take
 *	the lock nor sleep, and @t stays valid while it runs.
 */
int evlsim__for_each_thread(int (*fn)(struct evlsim_thread *t, void *arg), void *arg)
{
	struct evlsim_thread *t;
	int ret = 0;

	evlsim__mutex_lock(&registry_lock);
	for (t = all_threads; t && !ret; t = t->next_all)
		ret = fn(t, arg);
	evlsim__mutex_unlock(&registry_lock);
	return ret;
}

/* Set once by the EVL core: detaches a thread that exits attached. */
static void (*thread_exit_hook)(struct evlsim_thread *t);

void evlsim__set_thread_exit_hook(void (*hook)(struct evlsim_thread *t))
{
	__atomic_store_n(&thread_exit_hook, hook, __ATOMIC_RELEASE);
}

static void thread_exit(void *arg)
{
	void (*hook)(struct evlsim_thread *) = __atomic_load_n(&thread_exit_hook,
							      __ATOMIC_ACQUIRE);
	struct evlsim_thread *t = arg, **pp;

	if (hook)
		hook(t);

	evlsim__mutex_lock(&registry_lock);
	for (pp = &all_threads; *pp; pp = &(*pp)->next_all) {
		if (*pp == t) {
			*pp = t->next_all;
			break;
		}
	}
	evlsim__mutex_unlock(&registry_lock);

	if (t->rcu_registered)
		evlsim__rcu_unregister_thread();
	evlsim__wake_settle(t);
	evlsim__self = NULL;
	evlsim__free(t);
}


/* ---- per-thread crossing references (see core/crossing.h) ----------------------------- */

int evlsim__oob_drainers;
int evlsim__oob_fence;

static long membarrier(int cmd)
{
	return syscall(SYS_membarrier, cmd, 0, 0);
}

__attribute__((constructor)) static void oob_barrier_init(void)
{
	evlsim__oob_fence = membarrier(MEMBARRIER_CMD_REGISTER_PRIVATE_EXPEDITED) != 0;
}

void evlsim__oob_barrier(void)
{
	static int fence_word;

	/* without membarrier, a seq_cst RMW is this side's full fence */
	if (evlsim__oob_fence || membarrier(MEMBARRIER_CMD_PRIVATE_EXPEDITED))
		__atomic_fetch_add(&fence_word, 0, __ATOMIC_SEQ_CST);
}

static bool oob_file_busy(const void *filp)
{
	struct evlsim_thread *t;
	bool busy = false;

	evlsim__mutex_lock(&registry_lock);
	for (t = all_threads; t && !busy; t = t->next_all)
		busy = __atomic_load_n(&t->oob_file, __ATOMIC_ACQUIRE) == filp;
	evlsim__mutex_unlock(&registry_lock);
	return busy;
}

/*
 * A closer waiting for oob callers to leave a file sleeps on the one sleep/wake primitive,
 * queued here; a leaving caller that sees evlsim__oob_drainers non-zero wakes them all.
 */
struct drainer {
	struct evlsim_thread *t;
	struct drainer *next;
	bool queued;				/* under drain_lock */
};
static struct evlsim_mutex drain_lock = EVLSIM_MUTEX_INITIALIZER;
static struct drainer *drainers;		/* under drain_lock */

#define DRAIN_SPIN_NS		10000		/* then sleep: do not burn a core */
#define DRAIN_RESCAN_NS		1000000		/* bound on a missed wake-up */

static void drainer_dequeue(struct drainer *d)
{
	struct drainer **pp;

	evlsim__mutex_lock(&drain_lock);
	if (d->queued) {
		for (pp = &drainers; *pp != d; pp = &(*pp)->next)
			;
		*pp = d->next;
		d->queued = false;
	}
	evlsim__mutex_unlock(&drain_lock);
}

/*
 * Wait until no thread state names @filp. The drainer counts itself in
 * evlsim__oob_drainers (seq_cst) before it arms its sleep, queues itself and rescans: a
 * caller that leaves after the rescan sees the count and wakes it, and a wake-up between
 * the rescan and the sleep is kept by the armed wake word. A leaving caller whose load of
 * the count was reordered before its clearing store (it fences only for the compiler) can
 * miss the drainer: the drainer rescans every millisecond, which bounds that case.
 */
void evlsim__oob_file_drain(const void *filp)
{
	evlsim_ns_t spin_end = evlsim__clock_now() + DRAIN_SPIN_NS;
	struct drainer d = { .t = NULL };

	while (oob_file_busy(filp)) {
		if (evlsim__clock_now() < spin_end) {
			caa_cpu_relax();
			continue;
		}
		d.t = evlsim__current();
		__atomic_fetch_add(&evlsim__oob_drainers, 1, __ATOMIC_SEQ_CST);
		for (;;) {
			evlsim__prepare_sleep(d.t);
			evlsim__mutex_lock(&drain_lock);
			d.next = drainers;
			drainers = &d;
			d.queued = true;
			evlsim__mutex_unlock(&drain_lock);
			if (!oob_file_busy(filp))
				break;
			evlsim__sleep(d.t, evlsim__clock_now() + DRAIN_RESCAN_NS, 0);
			drainer_dequeue(&d);
		}
		drainer_dequeue(&d);
		__atomic_fetch_sub(&evlsim__oob_drainers, 1, __ATOMIC_RELEASE);
		break;
	}
}

void evlsim__oob_drain_wake(void)
{
	struct drainer *d;

	evlsim__mutex_lock(&drain_lock);
	while ((d = drainers) != NULL) {
		drainers = d->next;
		d->queued = false;
		evlsim__wake(d->t);
	}
	evlsim__mutex_unlock(&drain_lock);
}

/* White-box tests hook scheduling points here (evlsim__set_sched_hook()). */
static void (*sched_hook)(enum evlsim_sched_point sp);
int evlsim__sched_points_on;
static __thread int in_sched_point __attribute__((tls_model("initial-exec")));

static void sched_point_body(enum evlsim_sched_point sp, const void *site)
{
	void (*hook)(enum evlsim_sched_point) = __atomic_load_n(&sched_hook, __ATOMIC_ACQUIRE);

	if (hook)
		hook(sp);
	if (__atomic_load_n(&evlsim__sched_points_on, __ATOMIC_RELAXED) & EVLSIM_SP_ON_DELAY)
		evlsim__fault_sched_point((int)sp, site);
}

__attribute__((__noinline__)) void evlsim__sched_point_hit(enum evlsim_sched_point sp)
{
	const void *site = __builtin_return_address(0);

	if (in_sched_point)
		return;
	in_sched_point = 1;
	EVLSIM_FPU_GUARDED(sched_point_body(sp, site));
	in_sched_point = 0;
}

/* linux/compiler.h: the point of a driver built with -DEVLSIM_SCHED_ATOMICS */
EVLSIM_EXPORT void evlsim__atomic_point(void)
{
	evlsim__sched_point(EVLSIM_SP_ATOMIC);
}

EVLSIM_EXPORT void evlsim__set_sched_hook(void (*hook)(enum evlsim_sched_point sp))
{
	__atomic_store_n(&sched_hook, hook, __ATOMIC_RELEASE);
	if (hook)
		__atomic_fetch_or(&evlsim__sched_points_on, EVLSIM_SP_ON_HOOK, __ATOMIC_RELEASE);
	else
		__atomic_fetch_and(&evlsim__sched_points_on, ~EVLSIM_SP_ON_HOOK, __ATOMIC_RELEASE);
}
