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
#include <unistd.h>
#include <sys/syscall.h>
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

static void fork_prepare(void)
{
	evlsim__mutex_lock(&registry_lock);
}

static void fork_parent(void)
{
	evlsim__mutex_unlock(&registry_lock);
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
		}
	}
	all_threads = self;
	if (self) {
		self->next_all = NULL;
		self->evl = NULL;
		self->efd = -1;
		self->stage = EVLSIM_INBAND;
		self->tid = (int)syscall(SYS_gettid);
	}
	evlsim__mutex_init(&registry_lock);
}

static void make_key(void)
{
	if (pthread_key_create(&thread_key, thread_exit))
		evlsim__die("pthread_key_create failed");
	pthread_atfork(fork_prepare, fork_parent, fork_child);
}

struct evlsim_thread *evlsim__current_slow(void)
{
	struct evlsim_thread *t;

	pthread_once(&thread_key_once, make_key);
	t = evlsim__zalloc(sizeof(*t));
	t->efd = -1;
	t->tid = (int)syscall(SYS_gettid);
	urcu_memb_register_thread();
	t->rcu_registered = 1;
	pthread_setspecific(thread_key, t);

	evlsim__mutex_lock(&registry_lock);
	t->next_all = all_threads;
	all_threads = t;
	evlsim__mutex_unlock(&registry_lock);

	evlsim__self = t;
	return t;
}

static void thread_exit(void *arg)
{
	struct evlsim_thread *t = arg, **pp;

	if (t->evl)
		evlsim__evl_detach(t);

	evlsim__mutex_lock(&registry_lock);
	for (pp = &all_threads; *pp; pp = &(*pp)->next_all) {
		if (*pp == t) {
			*pp = t->next_all;
			break;
		}
	}
	evlsim__mutex_unlock(&registry_lock);

	if (t->rcu_registered)
		urcu_memb_unregister_thread();
	evlsim__self = NULL;
	evlsim__free(t);
}

void evlsim__for_each_thread(void (*f)(struct evlsim_thread *t, void *arg), void *arg)
{
	struct evlsim_thread *t;

	evlsim__mutex_lock(&registry_lock);
	for (t = all_threads; t; t = t->next_all)
		f(t, arg);
	evlsim__mutex_unlock(&registry_lock);
}

/*
 * ThreadSanitizer does not understand liburcu's grace periods, so the wrappers tell it:
 * every read-side unlock releases, and the end of a grace period acquires, one sync
 * object. That is exactly the ordering RCU guarantees.
 */
#ifdef EVLSIM_TSAN
void __tsan_acquire(void *addr);
void __tsan_release(void *addr);
static char rcu_sync;
#define tsan_rcu_release()	__tsan_release(&rcu_sync)
#define tsan_rcu_acquire()	__tsan_acquire(&rcu_sync)
#else
#define tsan_rcu_release()	do { } while (0)
#define tsan_rcu_acquire()	do { } while (0)
#endif

void evlsim__rcu_read_lock(void)
{
	evlsim__current();
	urcu_memb_read_lock();
}

void evlsim__rcu_read_unlock(void)
{
	tsan_rcu_release();
	urcu_memb_read_unlock();
}

void evlsim__synchronize_rcu(void)
{
	evlsim__current();
	if (urcu_memb_read_ongoing())
		evlsim__die("grace period requested inside an RCU read-side section");
	urcu_memb_synchronize_rcu();
	tsan_rcu_acquire();
}

/* White-box tests and, later, the deterministic scheduler hook scheduling points here. */
EVLSIM_EXPORT void (*evlsim__sched_hook)(enum evlsim_sched_point sp);
