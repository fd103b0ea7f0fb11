// SPDX-License-Identifier: LGPL-2.1-or-later
/*
 * RCU for the simulator's own lookups (user world): liburcu's memb flavour, read side
 * inlined (_LGPL_SOURCE), grace periods through membarrier(2).
 *
 * Built in the early library, without ThreadSanitizer instrumentation: liburcu's inline
 * read side reads its grace-period futex word with plain loads, which TSan would report
 * as a race with the writer's atomic updates. TSan is told about the ordering RCU gives
 * instead: every read-side unlock releases, and the end of a grace period acquires, one
 * sync object.
 *
 * fork(): liburcu's memb flavour has no fork handlers (urcu-bp's
 * urcu_bp_before_fork() has no memb counterpart), and a child copies its state as the
 * other threads left it. Two ways a child hangs in its first grace period (the last
 * close of a file): a thread of the parent was in urcu_memb_synchronize_rcu() at the
 * fork, so the child finds liburcu's grace-period mutex held or queues behind a
 * grace-period leader that does not exist there; or a thread of the parent was inside
 * a read-side section, and its reader record, still registered, never leaves it.
 * So grace periods and registry changes hold rcu_fork_lock, and so does fork() (last of the simulator's prepare handlers, registered first), and the
 * child removes the reader records of the threads that did not survive from liburcu's
 * registry (evlsim__rcu_forget_reader(), from core/thread.c).
 */
#define _LGPL_SOURCE
#include <pthread.h>
#include <urcu/urcu-memb.h>
#include "internal.h"

/*
 * A plain mutex, not a rwlock: the child must unlock what the prepare handler locked
 * (glibc's rwlock tells a writer by its thread id, which the child does not share, and
 * ThreadSanitizer only understands an unlock). Grace periods are thus serialized here;
 * liburcu serializes them on its own gp lock anyway, only its batching of concurrent
 * callers is lost, and only final closes pay a grace period.
 */
static pthread_mutex_t rcu_fork_lock = PTHREAD_MUTEX_INITIALIZER;

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
	pthread_mutex_lock(&rcu_fork_lock);
	urcu_memb_synchronize_rcu();
	pthread_mutex_unlock(&rcu_fork_lock);
	tsan_rcu_acquire();
}

void *evlsim__rcu_register_thread(void)
{
	pthread_mutex_lock(&rcu_fork_lock);
	urcu_memb_register_thread();
	pthread_mutex_unlock(&rcu_fork_lock);
	return &URCU_TLS(urcu_memb_reader);
}

void evlsim__rcu_unregister_thread(void)
{
	pthread_mutex_lock(&rcu_fork_lock);
	urcu_memb_unregister_thread();
	pthread_mutex_unlock(&rcu_fork_lock);
}

/*
 * In a child of fork(), single-threaded: @reader (what evlsim__rcu_register_thread()
 * returned on a thread that did not survive the fork) leaves liburcu's registry, so no
 * grace period waits for it. Its memory, the dead thread's TLS, is left alone after
 * this: glibc may hand that stack to a new thread of the child.
 */
void evlsim__rcu_forget_reader(void *reader)
{
	struct urcu_reader *r = reader;

	if (!r || !r->registered)
		return;
	cds_list_del(&r->node);
	r->registered = 0;
	r->ctr = 0;
}

static void rcu_fork_prepare(void)
{
	pthread_mutex_lock(&rcu_fork_lock);
}

static void rcu_fork_parent(void)
{
	pthread_mutex_unlock(&rcu_fork_lock);
}

static void rcu_fork_child(void)
{
	/* the forking thread, the only one left, locked it in rcu_fork_prepare() */
	pthread_mutex_unlock(&rcu_fork_lock);
}

/*
 * Registered before any other fork handler of the simulator (the highest constructor
 * priority): prepare handlers run in reverse order, so no grace period or registry
 * change is in flight once every other simulator lock is held.
 */
__attribute__((constructor(101))) static void rcu_atfork_init(void)
{
	pthread_atfork(rcu_fork_prepare, rcu_fork_parent, rcu_fork_child);
}
