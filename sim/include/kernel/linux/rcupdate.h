/* SPDX-License-Identifier: LGPL-2.1-or-later */
/*
 * evlsim shim: linux v6.12 include/linux/rcupdate.h for drivers, custom
 * re-implementation on the simulator's RCU (liburcu, memb flavour), the one the
 * simulator's own fd lookups use: read-side sections of drivers and of the simulator
 * nest. call_rcu() callbacks run in-band, in queueing order, on a kthread ("rcu_cb"),
 * after a grace period that began after they were queued. kfree_rcu()/kvfree_rcu() free
 * the same way; kfree_rcu_mightsleep() waits for a grace period and frees at once.
 * rcu_dereference() is an acquire load (ThreadSanitizer has no notion of dependency
 * ordering; same code on x86). The _bh and _sched flavours are the same RCU.
 * Not provided: SRCU, the lockdep checks (rcu_read_lock_held() and friends).
 */
#ifndef _EVLSIM_LINUX_RCUPDATE_H
#define _EVLSIM_LINUX_RCUPDATE_H

#include <linux/types.h>
#include <linux/compiler.h>
#include <linux/build_bug.h>
#include <linux/stddef.h>

void __rcu_read_lock(void) __evlsim_ksym(__rcu_read_lock);
void __rcu_read_unlock(void) __evlsim_ksym(__rcu_read_unlock);

/* rcu_read_lock - mark the beginning of an RCU read-side critical section; nests */
static __always_inline void rcu_read_lock(void)
{
	__rcu_read_lock();
}

/* rcu_read_unlock - mark the end of an RCU read-side critical section */
static inline void rcu_read_unlock(void)
{
	__rcu_read_unlock();
}

#define rcu_read_lock_bh()		rcu_read_lock()
#define rcu_read_unlock_bh()		rcu_read_unlock()
#define rcu_read_lock_sched()		rcu_read_lock()
#define rcu_read_unlock_sched()		rcu_read_unlock()
#define rcu_read_lock_sched_notrace()	rcu_read_lock()
#define rcu_read_unlock_sched_notrace()	rcu_read_unlock()

/*
 * synchronize_rcu - wait until every read-side critical section that began before the
 * call has ended. Must not be called inside one (the simulator dies: a deadlock).
 */
void synchronize_rcu(void) __evlsim_ksym(synchronize_rcu);
void synchronize_rcu_expedited(void) __evlsim_ksym(synchronize_rcu_expedited);

/*
 * call_rcu - run @func(@head) in-band after a grace period
 * Callbacks run in the order they were queued, one at a time.
 */
void call_rcu(struct rcu_head *head, rcu_callback_t func) __evlsim_ksym(call_rcu);
#define call_rcu_hurry(head, func)	call_rcu(head, func)

/* rcu_barrier - wait until every callback queued by call_rcu() before the call has run */
void rcu_barrier(void) __evlsim_ksym(rcu_barrier);

/*
 * kvfree_call_rcu - free @ptr after a grace period; @head is the rcu_head inside it, or
 * NULL to wait for the grace period now (may sleep).
 */
void kvfree_call_rcu(struct rcu_head *head, void *ptr) __evlsim_ksym(kvfree_call_rcu);

#define __is_kvfree_rcu_offset(offset) ((offset) < 4096)

#define kvfree_rcu_arg_2(ptr, rhf)					\
do {									\
	typeof (ptr) ___p = (ptr);					\
									\
	if (___p) {							\
		BUILD_BUG_ON(!__is_kvfree_rcu_offset(offsetof(typeof(*(ptr)), rhf))); \
		kvfree_call_rcu(&((___p)->rhf), (void *) (___p));	\
	}								\
} while (0)

#define kvfree_rcu_arg_1(ptr)						\
do {									\
	typeof(ptr) ___p = (ptr);					\
									\
	if (___p)							\
		kvfree_call_rcu(NULL, (void *) (___p));			\
} while (0)

/**
 * kfree_rcu() - kfree an object after a grace period.
 * @ptr: pointer to kfree for double-argument invocations.
 * @rhf: the name of the struct rcu_head within the type of @ptr.
 */
#define kfree_rcu(ptr, rhf) kvfree_rcu_arg_2(ptr, rhf)
#define kvfree_rcu(ptr, rhf) kvfree_rcu_arg_2(ptr, rhf)

/**
 * kfree_rcu_mightsleep() - kfree an object after a grace period.
 * @ptr: pointer to kfree for single-argument invocations.
 *
 * Waits for the grace period in the caller's context (may sleep).
 */
#define kfree_rcu_mightsleep(ptr) kvfree_rcu_arg_1(ptr)
#define kvfree_rcu_mightsleep(ptr) kvfree_rcu_arg_1(ptr)

/* ---- pointer publication and access ---------------------------------------------- */

#define RCU_INITIALIZER(v)	(typeof(*(v)) __force __rcu *)(v)

/**
 * rcu_assign_pointer() - assign to RCU-protected pointer
 * @p: pointer to assign to
 * @v: value to assign (publish)
 *
 * Release store: the initialisation of *@v is visible to whoever reads @v with
 * rcu_dereference(). A NULL constant is stored with WRITE_ONCE().
 */
#define rcu_assign_pointer(p, v)					\
do {									\
	typeof(p) ___v = (typeof(p))(v);				\
									\
	if (__builtin_constant_p(v) && (v) == NULL)			\
		WRITE_ONCE((p), ___v);					\
	else								\
		__atomic_store_n(&(p), ___v, __ATOMIC_RELEASE);		\
} while (0)

/* rcu_replace_pointer() - replace an RCU pointer, returning its old value */
#define rcu_replace_pointer(rcu_ptr, ptr, c)				\
({									\
	typeof(ptr) __tmp = rcu_dereference_protected((rcu_ptr), (c));	\
	rcu_assign_pointer((rcu_ptr), (ptr));				\
	__tmp;								\
})

/* rcu_access_pointer() - fetch RCU pointer with no dereferencing */
#define rcu_access_pointer(p)		READ_ONCE(p)

/* rcu_dereference() - fetch RCU-protected pointer for dereferencing */
#define rcu_dereference(p)		__atomic_load_n(&(p), __ATOMIC_ACQUIRE)
#define rcu_dereference_check(p, c)	rcu_dereference(p)
#define rcu_dereference_bh(p)		rcu_dereference(p)
#define rcu_dereference_sched(p)	rcu_dereference(p)
#define rcu_dereference_raw(p)		rcu_dereference(p)
#define rcu_dereference_bh_check(p, c)	rcu_dereference(p)
#define rcu_dereference_sched_check(p, c) rcu_dereference(p)
/* rcu_dereference_protected() - fetch RCU pointer when updates prevented (lock held) */
#define rcu_dereference_protected(p, c)	((void)(c), READ_ONCE(p))
#define rcu_pointer_handoff(p)		(p)

/**
 * RCU_INIT_POINTER() - initialize an RCU protected pointer
 * @p: The pointer to be initialized.
 * @v: The value to initialized the pointer to.
 *
 * No ordering: for NULL, or when readers cannot see @p yet.
 */
#define RCU_INIT_POINTER(p, v)		WRITE_ONCE((p), (typeof(p))(v))

#endif
