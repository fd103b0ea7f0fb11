// SPDX-License-Identifier: MIT
/*
 * tsync: a module exercising the in-band kernel services (mutexes, semaphores, tasks and
 * kthreads, delays, workqueues, RCU) for check_inband_sync. Each service is reached
 * through plain-C entry points (tsync-abi.h) that the test calls from its own threads,
 * as a driver's handlers would be called from user threads.
 */
#include <linux/module.h>
#include <linux/kernel.h>
#include <linux/string.h>
#include <linux/err.h>
#include <linux/mutex.h>
#include <linux/semaphore.h>
#include <linux/sched.h>
#include <linux/kthread.h>
#include <linux/delay.h>
#include <linux/workqueue.h>
#include <linux/rcupdate.h>
#include <linux/completion.h>
#include <linux/spinlock.h>
#include <linux/slab.h>
#include <linux/ktime.h>
#include <linux/jiffies.h>
#include "tsync-abi.h"

/* ---- mutexes -------------------------------------------------------------------------- */

static DEFINE_MUTEX(tsync_static_mutex);
static struct mutex tsync_mutex;
static long tsync_counter;

void tsync_mutex_init(void)
{
	mutex_init(&tsync_mutex);
	tsync_counter = 0;
}

int tsync_static_mutex_check(void)
{
	if (mutex_is_locked(&tsync_static_mutex))
		return 1;
	if (mutex_trylock(&tsync_static_mutex) != 1)
		return 2;
	if (!mutex_is_locked(&tsync_static_mutex))
		return 3;
	if (mutex_trylock(&tsync_static_mutex) != 0)
		return 4;
	mutex_unlock(&tsync_static_mutex);
	if (mutex_is_locked(&tsync_static_mutex))
		return 5;
	mutex_lock(&tsync_static_mutex);
	mutex_unlock(&tsync_static_mutex);
	return mutex_is_locked(&tsync_static_mutex) ? 6 : 0;
}

void tsync_mutex_lock(void) { mutex_lock(&tsync_mutex); }
int tsync_mutex_lock_interruptible(void) { return mutex_lock_interruptible(&tsync_mutex); }
int tsync_mutex_lock_killable(void) { return mutex_lock_killable(&tsync_mutex); }
int tsync_mutex_trylock(void) { return mutex_trylock(&tsync_mutex); }
void tsync_mutex_unlock(void) { mutex_unlock(&tsync_mutex); }
int tsync_mutex_is_locked(void) { return mutex_is_locked(&tsync_mutex); }
void tsync_mutex_destroy(void) { mutex_destroy(&tsync_mutex); }

/* White-box: the waiters queued, under the lock the implementation uses. */
int tsync_mutex_waiters(void)
{
	int n;

	raw_spin_lock(&tsync_mutex.wait_lock);
	n = list_count_nodes(&tsync_mutex.wait_list);
	raw_spin_unlock(&tsync_mutex.wait_lock);
	return n;
}

void tsync_mutex_count(int loops)
{
	while (loops--) {
		mutex_lock(&tsync_mutex);
		tsync_counter++;	/* plain: the mutex must order it */
		mutex_unlock(&tsync_mutex);
	}
}

long tsync_mutex_counter(void)
{
	long v;

	mutex_lock(&tsync_mutex);
	v = tsync_counter;
	mutex_unlock(&tsync_mutex);
	return v;
}

/* ---- semaphores ----------------------------------------------------------------------- */

static DEFINE_SEMAPHORE(tsync_static_sema, 2);
static struct semaphore tsync_sema;

void tsync_sema_init(int val) { sema_init(&tsync_sema, val); }
void tsync_down(void) { down(&tsync_sema); }
int tsync_down_interruptible(void) { return down_interruptible(&tsync_sema); }
int tsync_down_killable(void) { return down_killable(&tsync_sema); }
int tsync_down_trylock(void) { return down_trylock(&tsync_sema); }
int tsync_down_timeout(long j) { return down_timeout(&tsync_sema, j); }
void tsync_up(void) { up(&tsync_sema); }

int tsync_static_sema_check(void)
{
	if (down_trylock(&tsync_static_sema) != 0 || down_trylock(&tsync_static_sema) != 0)
		return 1;
	if (down_trylock(&tsync_static_sema) != 1)
		return 2;
	up(&tsync_static_sema);
	up(&tsync_static_sema);
	return 0;
}

unsigned int tsync_sema_count(void)
{
	unsigned int n;

	raw_spin_lock(&tsync_sema.lock);
	n = tsync_sema.count;
	raw_spin_unlock(&tsync_sema.lock);
	return n;
}

int tsync_sema_waiters(void)
{
	int n;

	raw_spin_lock(&tsync_sema.lock);
	n = list_count_nodes(&tsync_sema.wait_list);
	raw_spin_unlock(&tsync_sema.lock);
	return n;
}

/* ---- tasks and kthreads --------------------------------------------------------------- */

static int tsync_kt_loops, tsync_kt_started, tsync_kt_pid;
static char tsync_kt_comm[TASK_COMM_LEN];
static struct task_struct *tsync_leaky;

void *tsync_current(void) { return current; }
int tsync_current_pid(void) { return task_pid_nr(current); }
int tsync_current_tgid(void) { return task_tgid_nr(current); }
const char *tsync_current_comm(void) { return current->comm; }
int tsync_task_pid(void *task) { return task_pid_nr(task); }
const char *tsync_task_comm(void *task) { return ((struct task_struct *)task)->comm; }
int tsync_wake_up_process(void *task) { return wake_up_process(task); }
void tsync_get_task(void *task) { get_task_struct(task); }
void tsync_put_task(void *task) { put_task_struct(task); }

long tsync_schedule_timeout(int interruptible, long timeout)
{
	set_current_state(interruptible ? TASK_INTERRUPTIBLE : TASK_UNINTERRUPTIBLE);
	return schedule_timeout(timeout);
}

static int tsync_thread(void *data)
{
	long mode = (long)data;

	get_task_comm(tsync_kt_comm, current);
	WRITE_ONCE(tsync_kt_pid, task_pid_nr(current));
	__atomic_add_fetch(&tsync_kt_started, 1, __ATOMIC_SEQ_CST);
	switch (mode) {
	case TSYNC_KT_SCHEDULE:
		for (;;) {
			set_current_state(TASK_INTERRUPTIBLE);
			if (kthread_should_stop()) {
				__set_current_state(TASK_RUNNING);
				break;
			}
			schedule();
			__atomic_add_fetch(&tsync_kt_loops, 1, __ATOMIC_SEQ_CST);
		}
		return 42;
	case TSYNC_KT_RETURN:
		return 7;
	case TSYNC_KT_MSLEEP:
		while (!kthread_should_stop())
			msleep(1);
		return 3;
	case TSYNC_KT_TIMEOUT:
		/*
		 * The state is set before the stop check, as in any kernel wait loop: with
		 * "while (!kthread_should_stop()) schedule_timeout_interruptible(...)", a
		 * kthread_stop() between the check and the sleep loses its wake-up and
		 * waits forever, on a real kernel as here.
		 */
		for (;;) {
			set_current_state(TASK_INTERRUPTIBLE);
			if (kthread_should_stop()) {
				__set_current_state(TASK_RUNNING);
				break;
			}
			schedule_timeout(MAX_SCHEDULE_TIMEOUT);
			__atomic_add_fetch(&tsync_kt_loops, 1, __ATOMIC_SEQ_CST);
		}
		return 5;
	}
	return -EINVAL;
}

void *tsync_kthread_create(int mode, int run)
{
	struct task_struct *t;

	tsync_kt_loops = 0;
	tsync_kt_started = 0;
	if (run)
		t = kthread_run(tsync_thread, (void *)(long)mode, "tsync/%d", mode);
	else
		t = kthread_create(tsync_thread, (void *)(long)mode, "tsync/%d", mode);
	return IS_ERR(t) ? NULL : t;
}

int tsync_kthread_stop(void *task) { return kthread_stop(task); }
int tsync_kthread_stop_put(void *task) { return kthread_stop_put(task); }
int tsync_kthread_loops(void) { return __atomic_load_n(&tsync_kt_loops, __ATOMIC_SEQ_CST); }
int tsync_kthread_started(void) { return __atomic_load_n(&tsync_kt_started, __ATOMIC_SEQ_CST); }
int tsync_kthread_self_pid(void) { return READ_ONCE(tsync_kt_pid); }
const char *tsync_kthread_self_comm(void) { return tsync_kt_comm; }
int tsync_kthread_should_stop_outside(void) { return kthread_should_stop(); }

int tsync_kthread_start_leaky(void)
{
	tsync_kt_started = 0;
	tsync_leaky = kthread_run(tsync_thread, (void *)(long)TSYNC_KT_SCHEDULE, "tsync-leaky");
	return PTR_ERR_OR_ZERO(tsync_leaky);
}

int tsync_kthread_stop_leaky(void)
{
	return kthread_stop(tsync_leaky);
}

/* ---- delays --------------------------------------------------------------------------- */

void tsync_msleep(unsigned int ms) { msleep(ms); }
unsigned long tsync_msleep_interruptible(unsigned int ms) { return msleep_interruptible(ms); }
void tsync_ssleep(unsigned int s) { ssleep(s); }
void tsync_usleep_range(unsigned long min, unsigned long max) { usleep_range(min, max); }
void tsync_udelay(unsigned long us) { udelay(us); }
void tsync_ndelay(unsigned long ns) { ndelay(ns); }
void tsync_mdelay(unsigned long ms) { mdelay(ms); }
long long tsync_now_ns(void) { return ktime_get_ns(); }

/* ---- workqueues ----------------------------------------------------------------------- */

struct tsync_work {
	struct delayed_work dwork;
	int id;
	int block;		/* wait for tsync_gate */
	unsigned int sleep_ms;
	int chain;		/* item to queue from this one, or -1 */
	int requeue;		/* times to queue itself again */
	int runs, entered;
	int saw_current;
	long long ran_at;
};

static struct tsync_work tsync_works[TSYNC_NR_WORKS];
static struct workqueue_struct *tsync_wq;
static DECLARE_COMPLETION(tsync_gate);
static int tsync_log_ids[64], tsync_log_len;
static int tsync_active, tsync_max_active;
static DEFINE_SPINLOCK(tsync_log_lock);

static struct workqueue_struct *tsync_target(void)
{
	return tsync_wq ?: system_wq;
}

static void tsync_work_fn(struct work_struct *work)
{
	struct tsync_work *w = container_of(to_delayed_work(work), struct tsync_work, dwork);
	int active;

	spin_lock(&tsync_log_lock);
	w->entered++;
	w->ran_at = ktime_get_ns();
	w->saw_current = current_work() == work && (current->flags & PF_WQ_WORKER);
	if (tsync_log_len < ARRAY_SIZE(tsync_log_ids))
		tsync_log_ids[tsync_log_len++] = w->id;
	active = ++tsync_active;
	if (active > tsync_max_active)
		tsync_max_active = active;
	spin_unlock(&tsync_log_lock);

	if (w->block)
		wait_for_completion(&tsync_gate);
	if (w->sleep_ms)
		msleep(w->sleep_ms);
	if (w->chain >= 0)
		queue_work(tsync_target(), &tsync_works[w->chain].dwork.work);
	if (w->requeue > 0) {
		w->requeue--;
		queue_work(tsync_target(), work);
	}

	spin_lock(&tsync_log_lock);
	tsync_active--;
	w->runs++;
	spin_unlock(&tsync_log_lock);
}

int tsync_wq_alloc(int ordered, int max_active)
{
	static int seq;

	if (ordered)
		tsync_wq = alloc_ordered_workqueue("tsync-ordered-%d", 0, ++seq);
	else
		tsync_wq = alloc_workqueue("tsync-%d", WQ_UNBOUND, max_active, ++seq);
	return tsync_wq ? 0 : -ENOMEM;
}

void tsync_wq_destroy(void)
{
	destroy_workqueue(tsync_wq);
	tsync_wq = NULL;
}

void tsync_wq_use_system(void) { tsync_wq = NULL; }

void tsync_work_reset(void)
{
	int i;

	for (i = 0; i < TSYNC_NR_WORKS; i++) {
		memset(&tsync_works[i], 0, sizeof(tsync_works[i]));
		INIT_DELAYED_WORK(&tsync_works[i].dwork, tsync_work_fn);
		tsync_works[i].id = i;
		tsync_works[i].chain = -1;
	}
	tsync_log_len = 0;
	tsync_active = tsync_max_active = 0;
	reinit_completion(&tsync_gate);
}

void tsync_work_config(int id, int block, unsigned int sleep_ms, int chain, int requeue)
{
	tsync_works[id].block = block;
	tsync_works[id].sleep_ms = sleep_ms;
	tsync_works[id].chain = chain;
	tsync_works[id].requeue = requeue;
}

static struct work_struct *tsync_w(int id) { return &tsync_works[id].dwork.work; }
static struct delayed_work *tsync_dw(int id) { return &tsync_works[id].dwork; }

int tsync_queue_work(int id) { return queue_work(tsync_target(), tsync_w(id)); }
int tsync_schedule_work(int id) { return schedule_work(tsync_w(id)); }
int tsync_work_pending(int id) { return work_pending(tsync_w(id)); }
int tsync_flush_work(int id) { return flush_work(tsync_w(id)); }
int tsync_cancel_work(int id) { return cancel_work(tsync_w(id)); }
int tsync_cancel_work_sync(int id) { return cancel_work_sync(tsync_w(id)); }
void tsync_flush_workqueue(void) { flush_workqueue(tsync_target()); }
int tsync_queue_delayed(int id, unsigned long delay)
{
	return queue_delayed_work(tsync_target(), tsync_dw(id), delay);
}
int tsync_schedule_delayed(int id, unsigned long delay)
{
	return schedule_delayed_work(tsync_dw(id), delay);
}
int tsync_mod_delayed(int id, unsigned long delay)
{
	return mod_delayed_work(tsync_target(), tsync_dw(id), delay);
}
int tsync_cancel_delayed(int id) { return cancel_delayed_work(tsync_dw(id)); }
int tsync_cancel_delayed_sync(int id) { return cancel_delayed_work_sync(tsync_dw(id)); }
int tsync_flush_delayed(int id) { return flush_delayed_work(tsync_dw(id)); }
int tsync_delayed_pending(int id) { return delayed_work_pending(tsync_dw(id)); }

int tsync_work_runs(int id)
{
	int n;

	spin_lock(&tsync_log_lock);
	n = tsync_works[id].runs;
	spin_unlock(&tsync_log_lock);
	return n;
}

int tsync_work_entered(int id)
{
	int n;

	spin_lock(&tsync_log_lock);
	n = tsync_works[id].entered;
	spin_unlock(&tsync_log_lock);
	return n;
}

long long tsync_work_ran_at(int id)
{
	long long t;

	spin_lock(&tsync_log_lock);
	t = tsync_works[id].ran_at;
	spin_unlock(&tsync_log_lock);
	return t;
}

int tsync_work_saw_current(int id)
{
	int v;

	spin_lock(&tsync_log_lock);
	v = tsync_works[id].saw_current;
	spin_unlock(&tsync_log_lock);
	return v;
}

int tsync_work_log(int *out, int max)
{
	int i, n;

	spin_lock(&tsync_log_lock);
	n = tsync_log_len;
	for (i = 0; i < n && i < max; i++)
		out[i] = tsync_log_ids[i];
	spin_unlock(&tsync_log_lock);
	return n;
}

int tsync_work_max_concurrency(void)
{
	int n;

	spin_lock(&tsync_log_lock);
	n = tsync_max_active;
	spin_unlock(&tsync_log_lock);
	return n;
}

void tsync_gate_open(void) { complete_all(&tsync_gate); }

static void tsync_leak_fn(struct work_struct *work) { }
static DECLARE_DELAYED_WORK(tsync_leak_work, tsync_leak_fn);

int tsync_work_leak(void)
{
	return schedule_delayed_work(&tsync_leak_work, msecs_to_jiffies(10000));
}

/* ---- RCU ------------------------------------------------------------------------------ */

struct tsync_obj {
	int val;
	struct rcu_head rcu;
};

static struct tsync_obj __rcu *tsync_gp;
static DEFINE_MUTEX(tsync_gp_lock);
static int tsync_cb_ids[16], tsync_cb_len;
static DEFINE_SPINLOCK(tsync_cb_lock);

static struct tsync_obj *tsync_obj_new(int val)
{
	struct tsync_obj *o = kzalloc(sizeof(*o), GFP_KERNEL);

	if (o)
		o->val = val;
	return o;
}

void tsync_rcu_publish(int val)
{
	struct tsync_obj *o = tsync_obj_new(val);

	mutex_lock(&tsync_gp_lock);
	WARN_ON(rcu_dereference_protected(tsync_gp, 1));
	rcu_assign_pointer(tsync_gp, o);
	mutex_unlock(&tsync_gp_lock);
}

int tsync_rcu_read(void)
{
	struct tsync_obj *o;
	int val;

	rcu_read_lock();
	o = rcu_dereference(tsync_gp);
	val = o ? o->val : -1;
	rcu_read_unlock();
	return val;
}

void tsync_rcu_read_lock(void) { rcu_read_lock(); }
void tsync_rcu_read_unlock(void) { rcu_read_unlock(); }

static struct tsync_obj *tsync_replace(struct tsync_obj *o)
{
	struct tsync_obj *old;

	mutex_lock(&tsync_gp_lock);
	old = rcu_replace_pointer(tsync_gp, o, true);
	mutex_unlock(&tsync_gp_lock);
	return old;
}

void tsync_rcu_replace_kfree(int val)
{
	struct tsync_obj *old = tsync_replace(tsync_obj_new(val));

	kfree_rcu(old, rcu);
}

void tsync_rcu_replace_mightsleep(int val)
{
	struct tsync_obj *old = tsync_replace(tsync_obj_new(val));

	kfree_rcu_mightsleep(old);
}

void tsync_rcu_replace_kvfree(int val)
{
	struct tsync_obj *o = kvmalloc(sizeof(*o), GFP_KERNEL), *old;

	o->val = val;
	old = tsync_replace(o);
	kvfree_rcu(old, rcu);
}

void tsync_rcu_clear(void)
{
	struct tsync_obj *old;

	mutex_lock(&tsync_gp_lock);
	old = rcu_dereference_protected(tsync_gp, true);
	RCU_INIT_POINTER(tsync_gp, NULL);
	mutex_unlock(&tsync_gp_lock);
	synchronize_rcu();
	kfree(old);
}

int tsync_rcu_is_null(void) { return rcu_access_pointer(tsync_gp) == NULL; }

static void tsync_rcu_cb(struct rcu_head *head)
{
	struct tsync_obj *o = container_of(head, struct tsync_obj, rcu);

	spin_lock(&tsync_cb_lock);
	if (tsync_cb_len < ARRAY_SIZE(tsync_cb_ids))
		tsync_cb_ids[tsync_cb_len++] = o->val;
	spin_unlock(&tsync_cb_lock);
	kfree(o);
}

void tsync_call_rcu(int id)
{
	struct tsync_obj *o = tsync_obj_new(id);

	call_rcu(&o->rcu, tsync_rcu_cb);
}

int tsync_rcu_cb_count(void)
{
	int n;

	spin_lock(&tsync_cb_lock);
	n = tsync_cb_len;
	spin_unlock(&tsync_cb_lock);
	return n;
}

int tsync_rcu_cb_log(int *out, int max)
{
	int i, n;

	spin_lock(&tsync_cb_lock);
	n = tsync_cb_len;
	for (i = 0; i < n && i < max; i++)
		out[i] = tsync_cb_ids[i];
	spin_unlock(&tsync_cb_lock);
	return n;
}

void tsync_synchronize_rcu(void) { synchronize_rcu(); }
void tsync_rcu_barrier(void) { rcu_barrier(); }

/* ---- module --------------------------------------------------------------------------- */

static int __init tsync_init(void)
{
	return 0;
}
module_init(tsync_init);

static void __exit tsync_exit(void)
{
}
module_exit(tsync_exit);

MODULE_LICENSE("Dual MIT/GPL");
MODULE_DESCRIPTION("evlsim test driver for the in-band kernel services");
