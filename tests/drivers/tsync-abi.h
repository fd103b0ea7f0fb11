/* SPDX-License-Identifier: MIT */
/*
 * tsync's entry points (tests/drivers/tsync.c), called by check_inband_sync. Plain C with
 * no type of either world: both the kernel-world driver and the test include it.
 */
#ifndef _TSYNC_ABI_H
#define _TSYNC_ABI_H

#define TSYNC_NR_WORKS	8

/* mutexes: a static one (DEFINE_MUTEX) and one set up by mutex_init() */
void tsync_mutex_init(void);
int tsync_static_mutex_check(void);	/* 0 when DEFINE_MUTEX's mutex behaves */
void tsync_mutex_lock(void);
int tsync_mutex_lock_interruptible(void);
int tsync_mutex_lock_killable(void);
int tsync_mutex_trylock(void);
void tsync_mutex_unlock(void);
int tsync_mutex_is_locked(void);
void tsync_mutex_destroy(void);
int tsync_mutex_waiters(void);
void tsync_mutex_count(int loops);	/* loops x (lock, non-atomic ++, unlock) */
long tsync_mutex_counter(void);

/* semaphores */
void tsync_sema_init(int val);
int tsync_static_sema_check(void);	/* 0 when DEFINE_SEMAPHORE(name, 2) behaves */
void tsync_down(void);
int tsync_down_interruptible(void);
int tsync_down_killable(void);
int tsync_down_trylock(void);
int tsync_down_timeout(long timeout);
void tsync_up(void);
unsigned int tsync_sema_count(void);
int tsync_sema_waiters(void);

/* tasks and kthreads */
void *tsync_current(void);
int tsync_current_pid(void);
int tsync_current_tgid(void);
const char *tsync_current_comm(void);
int tsync_task_pid(void *task);
const char *tsync_task_comm(void *task);
int tsync_wake_up_process(void *task);
long tsync_schedule_timeout(int interruptible, long timeout);	/* sets the state first */
void tsync_get_task(void *task);
void tsync_put_task(void *task);

enum tsync_kthread_mode {
	TSYNC_KT_SCHEDULE,	/* set_current_state()/schedule() loop, returns 42 */
	TSYNC_KT_RETURN,	/* returns 7 at once */
	TSYNC_KT_MSLEEP,	/* msleep(1) loop, returns 3 */
	TSYNC_KT_TIMEOUT,	/* schedule_timeout(MAX_SCHEDULE_TIMEOUT) wait loop, 5 */
};
void *tsync_kthread_create(int mode, int run);	/* kthread_create() or kthread_run() */
int tsync_kthread_stop(void *task);
int tsync_kthread_stop_put(void *task);
int tsync_kthread_loops(void);		/* wake-ups seen by the loop modes */
int tsync_kthread_started(void);	/* thread functions entered */
int tsync_kthread_self_pid(void);	/* current->pid as seen by the last thread function */
const char *tsync_kthread_self_comm(void);
int tsync_kthread_should_stop_outside(void);	/* kthread_should_stop() from a test thread */
int tsync_kthread_start_leaky(void);
int tsync_kthread_stop_leaky(void);

/* delays */
void tsync_msleep(unsigned int ms);
unsigned long tsync_msleep_interruptible(unsigned int ms);
void tsync_ssleep(unsigned int s);
void tsync_usleep_range(unsigned long min, unsigned long max);
void tsync_udelay(unsigned long us);
void tsync_ndelay(unsigned long ns);
void tsync_mdelay(unsigned long ms);
long long tsync_now_ns(void);

/* workqueues: items 0..TSYNC_NR_WORKS-1, on tsync's own queue or system_wq */
int tsync_wq_alloc(int ordered, int max_active);
void tsync_wq_destroy(void);
void tsync_wq_use_system(void);
void tsync_work_reset(void);
void tsync_work_config(int id, int block, unsigned int sleep_ms, int chain, int requeue);
int tsync_queue_work(int id);
int tsync_schedule_work(int id);
int tsync_work_pending(int id);
int tsync_flush_work(int id);
int tsync_cancel_work(int id);
int tsync_cancel_work_sync(int id);
void tsync_flush_workqueue(void);
int tsync_queue_delayed(int id, unsigned long delay);
int tsync_schedule_delayed(int id, unsigned long delay);
int tsync_mod_delayed(int id, unsigned long delay);
int tsync_cancel_delayed(int id);
int tsync_cancel_delayed_sync(int id);
int tsync_flush_delayed(int id);
int tsync_delayed_pending(int id);
int tsync_work_runs(int id);
int tsync_work_entered(int id);
long long tsync_work_ran_at(int id);	/* tsync_now_ns() when it last started */
int tsync_work_log(int *out, int max);	/* ids in the order they started */
int tsync_work_max_concurrency(void);
int tsync_work_saw_current(int id);	/* current_work() was the item, in a worker kthread */
void tsync_gate_open(void);
int tsync_work_leak(void);		/* a delayed item left queued on system_wq */

/* RCU */
void tsync_rcu_publish(int val);	/* rcu_assign_pointer() of a new object */
int tsync_rcu_read(void);		/* the published value, under rcu_read_lock(); -1 NULL */
void tsync_rcu_read_lock(void);
void tsync_rcu_read_unlock(void);
void tsync_rcu_replace_kfree(int val);	/* publish a new object, kfree_rcu() the old one */
void tsync_rcu_replace_mightsleep(int val);	/* ... with kfree_rcu_mightsleep() */
void tsync_rcu_replace_kvfree(int val);	/* ... with kvfree_rcu(), kvmalloc()ed */
void tsync_rcu_clear(void);		/* RCU_INIT_POINTER(NULL), synchronize_rcu(), kfree */
int tsync_rcu_is_null(void);		/* rcu_access_pointer() == NULL */
void tsync_call_rcu(int id);
int tsync_rcu_cb_count(void);
int tsync_rcu_cb_log(int *out, int max);
void tsync_synchronize_rcu(void);
void tsync_rcu_barrier(void);

#endif
