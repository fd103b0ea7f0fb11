// SPDX-License-Identifier: GPL-2.0-only
/*
 * tevl: the EVL wait services of spec 5.1-5.5 driven from ioctl handlers, so that test
 * programs can prove their semantics and return codes with real threads (see
 * tevl-abi.h). One misc device, /dev/tevl; one flag, ksem, kmutex and wait queue shared
 * by every open file. Every request is served from both stages: the waits are meant for
 * oob callers, the wakers work from either, so that an in-band thread can release an oob
 * waiter and the other way round.
 */
#include <linux/module.h>
#include <linux/fs.h>
#include <linux/miscdevice.h>
#include <linux/slab.h>
#include <linux/uaccess.h>
#include <linux/spinlock.h>
#include <linux/atomic.h>
#include <linux/string.h>
#include <asm/processor.h>
#include <evl/file.h>
#include <evl/clock.h>
#include <evl/flag.h>
#include <evl/mutex.h>
#include <evl/sched.h>
#include <evl/sem.h>
#include <evl/thread.h>
#include <evl/wait.h>
#include "tevl-abi.h"

#define TEVL_LOG_MAX	256

struct tevl_log_entry {
	int id;
	int obj;
	int ret;
	int got;
};

static struct evl_flag tevl_flag;
static struct evl_ksem tevl_sem;
static struct evl_kmutex tevl_mutex;
static struct evl_wait_queue tevl_wq;
static unsigned int tevl_wq_units;	/* under tevl_wq.wchan.lock */
static struct evl_thread *tevl_saved;	/* under tevl_wq.wchan.lock */

/* the same objects, statically initialised (checked by tevl_check_static()) */
static DEFINE_EVL_FLAG(tevl_sflag);
static DEFINE_EVL_KSEM(tevl_ssem, 2);
static DEFINE_EVL_KMUTEX(tevl_smutex);

static DEFINE_HARD_SPINLOCK(tevl_log_lock);
static struct tevl_log_entry tevl_log[TEVL_LOG_MAX];
static int tevl_log_count;		/* under tevl_log_lock */

static atomic_long_t tevl_evals[TEVL_OBJ_NR];
static atomic_t tevl_gate_open, tevl_gate_count;

static long tevl_counter;		/* under tevl_mutex */
static atomic_t tevl_in_cs;
static atomic_long_t tevl_overlaps;

struct tevl_file {
	struct evl_file efile;
};

/* ---- plain C accessors ---------------------------------------------------------------- */

int tevl_nr_waiters(int obj);
int tevl_waiter_names(int obj, char (*names)[32], int max);
int tevl_head_wprio(int obj);
int tevl_get_log(struct tevl_log_entry *log, int max);
int tevl_log_len(void);
long tevl_cond_evals(int obj);
int tevl_at_gate(void);
void tevl_open_gate(void);
long tevl_cs_counter(void);
long tevl_cs_overlaps(void);
long long tevl_read_clock(int clock);
int tevl_check_static(void);

static struct evl_wait_queue *obj_wq(int obj)
{
	switch (obj) {
	case TEVL_OBJ_FLAG:
		return &tevl_flag.wait;
	case TEVL_OBJ_SEM:
		return &tevl_sem.wait;
	case TEVL_OBJ_MUTEX:
		return &tevl_mutex.mutex.wait;
	case TEVL_OBJ_WQ:
		return &tevl_wq;
	default:
		return NULL;
	}
}

int tevl_nr_waiters(int obj)
{
	struct evl_wait_queue *wq = obj_wq(obj);
	struct evl_thread *pos, *tmp;
	unsigned long flags;
	int n = 0;

	if (!wq)
		return -EINVAL;
	raw_spin_lock_irqsave(&wq->wchan.lock, flags);
	evl_for_each_waiter_safe(pos, tmp, wq)
		n++;
	raw_spin_unlock_irqrestore(&wq->wchan.lock, flags);
	return n;
}

int tevl_waiter_names(int obj, char (*names)[32], int max)
{
	struct evl_wait_queue *wq = obj_wq(obj);
	struct evl_thread *pos;
	unsigned long flags;
	int n = 0;

	if (!wq)
		return -EINVAL;
	raw_spin_lock_irqsave(&wq->wchan.lock, flags);
	evl_for_each_waiter(pos, wq) {
		if (n < max)
			strscpy(names[n], pos->name, sizeof(names[n]));
		n++;
	}
	raw_spin_unlock_irqrestore(&wq->wchan.lock, flags);
	return min(n, max);
}

int tevl_head_wprio(int obj)
{
	struct evl_wait_queue *wq = obj_wq(obj);
	struct evl_thread *head;
	unsigned long flags;
	int ret;

	if (!wq)
		return -EINVAL;
	raw_spin_lock_irqsave(&wq->wchan.lock, flags);
	head = obj == TEVL_OBJ_FLAG ? evl_wait_flag_head(&tevl_flag) : evl_wait_head(wq);
	if (head != evl_head_waiter(wq))
		ret = -2000;
	else
		ret = head ? head->wprio : -1000;
	raw_spin_unlock_irqrestore(&wq->wchan.lock, flags);
	return ret;
}

int tevl_get_log(struct tevl_log_entry *log, int max)
{
	unsigned long flags;
	int n;

	raw_spin_lock_irqsave(&tevl_log_lock, flags);
	n = tevl_log_count;
	memcpy(log, tevl_log, min(n, max) * sizeof(*log));
	raw_spin_unlock_irqrestore(&tevl_log_lock, flags);
	return n;
}

int tevl_log_len(void)
{
	unsigned long flags;
	int n;

	raw_spin_lock_irqsave(&tevl_log_lock, flags);
	n = tevl_log_count;
	raw_spin_unlock_irqrestore(&tevl_log_lock, flags);
	return n;
}

long tevl_cond_evals(int obj)
{
	return obj >= 0 && obj < TEVL_OBJ_NR ? atomic_long_read(&tevl_evals[obj]) : -EINVAL;
}

int tevl_at_gate(void)
{
	return atomic_read(&tevl_gate_count);
}

void tevl_open_gate(void)
{
	atomic_set(&tevl_gate_open, 1);
}

long tevl_cs_counter(void)
{
	long v;

	/* the mutex is free by now: take it for the read, as any user of the counter */
	if (evl_trylock_kmutex(&tevl_mutex))
		return -EBUSY;
	v = tevl_counter;
	evl_unlock_kmutex(&tevl_mutex);
	return v;
}

long tevl_cs_overlaps(void)
{
	return atomic_long_read(&tevl_overlaps);
}

static struct evl_clock *tevl_clock(int clock)
{
	switch (clock) {
	case TEVL_CLOCK_MONO_RAW:
		return &evl_mono_raw_clock;
	case TEVL_CLOCK_REALTIME:
		return &evl_realtime_clock;
	default:
		return &evl_mono_clock;
	}
}

long long tevl_read_clock(int clock)
{
	return evl_read_clock(tevl_clock(clock));
}

/*
 * The DEFINE_EVL_*() objects and the _on_stack initialisers behave as their
 * run-time initialised counterparts. Returns a bit per failed check, 0 if all passed.
 * Leaves the static objects as it found them.
 */
int tevl_check_static(void)
{
	struct evl_wait_queue swq;
	struct evl_flag sf;
	int bad = 0;

	if (tevl_sflag.wait.flags != EVL_WAIT_PRIO || tevl_sflag.wait.clock != &evl_mono_clock ||
	    evl_wait_active(&tevl_sflag.wait) || evl_peek_flag(&tevl_sflag))
		bad |= 1 << 0;
	evl_raise_flag(&tevl_sflag);
	if (!evl_peek_flag(&tevl_sflag) || evl_wait_flag_timeout(&tevl_sflag, EVL_NONBLOCK, EVL_REL))
		bad |= 1 << 1;
	if (evl_peek_flag(&tevl_sflag) ||
	    evl_wait_flag_timeout(&tevl_sflag, EVL_NONBLOCK, EVL_REL) != -EAGAIN)
		bad |= 1 << 2;

	if (tevl_ssem.value != 2 || evl_trydown(&tevl_ssem) || evl_trydown(&tevl_ssem) ||
	    evl_trydown(&tevl_ssem) != -EAGAIN)
		bad |= 1 << 3;
	evl_up(&tevl_ssem);
	evl_up(&tevl_ssem);
	if (tevl_ssem.value != 2)
		bad |= 1 << 4;

	if (atomic_read(&tevl_smutex.fastlock) || evl_trylock_kmutex(&tevl_smutex) ||
	    !atomic_read(&tevl_smutex.fastlock) ||
	    evl_trylock_kmutex(&tevl_smutex) != -EDEADLK)
		bad |= 1 << 5;
	evl_unlock_kmutex(&tevl_smutex);
	if (atomic_read(&tevl_smutex.fastlock) || tevl_smutex.mutex.wait.wchan.owner)
		bad |= 1 << 6;

	evl_init_flag_on_stack(&sf);
	evl_raise_flag_nosched(&sf);
	if (evl_wait_flag_timeout(&sf, EVL_NONBLOCK, EVL_REL))
		bad |= 1 << 7;
	evl_destroy_flag(&sf);

	evl_init_wait_on_stack(&swq, &evl_mono_clock, EVL_WAIT_FIFO);
	if (swq.flags != EVL_WAIT_FIFO || evl_wait_active(&swq) ||
	    evl_wait_event_timeout(&swq, EVL_NONBLOCK, EVL_REL, false) != -EAGAIN ||
	    evl_wait_event_timeout(&swq, EVL_NONBLOCK, EVL_REL, true) != 0 ||
	    evl_flush_wait(&swq, 0) != 0)
		bad |= 1 << 8;
	evl_destroy_wait(&swq);
	return bad;
}

/* ---- the requests -------------------------------------------------------------------- */

static void log_result(const struct tevl_wait *w, int obj, int ret, bool got)
{
	unsigned long flags;

	raw_spin_lock_irqsave(&tevl_log_lock, flags);
	if (tevl_log_count < TEVL_LOG_MAX)
		tevl_log[tevl_log_count++] = (struct tevl_log_entry){
			.id = w->id, .obj = obj, .ret = ret, .got = got,
		};
	raw_spin_unlock_irqrestore(&tevl_log_lock, flags);
}

/* Before a wait: the caller's wait priority, then the gate if asked for. */
static void prepare_wait(const struct tevl_wait *w)
{
	struct evl_thread *curr = evl_current();

	if (curr)
		curr->wprio = w->wprio;
	if (w->gate) {
		atomic_inc(&tevl_gate_count);
		while (!atomic_read(&tevl_gate_open))
			cpu_relax();
		atomic_dec(&tevl_gate_count);
	}
}

/* whether the caller's last wait ended on a broadcast */
static bool woken_by_bcast(void)
{
	struct evl_thread *curr = evl_current();

	return curr && (curr->info & EVL_T_BCAST);
}

/* (re)initialises every object; @loaded: they were initialised before */
static int reset_objects(const struct tevl_reset *r, bool loaded)
{
	unsigned long flags;
	int obj;

	if (r->wq_flags & ~EVL_WAIT_PRIO || r->wq_clock > TEVL_CLOCK_REALTIME)
		return -EINVAL;
	for (obj = 0; loaded && obj < TEVL_OBJ_NR; obj++)
		if (tevl_nr_waiters(obj))
			return -EBUSY;

	evl_init_flag(&tevl_flag);
	evl_init_ksem(&tevl_sem, r->sem_value);
	evl_init_kmutex(&tevl_mutex);
	evl_init_wait(&tevl_wq, tevl_clock(r->wq_clock), r->wq_flags);
	raw_spin_lock_irqsave(&tevl_wq.wchan.lock, flags);
	tevl_wq_units = 0;
	tevl_saved = NULL;
	raw_spin_unlock_irqrestore(&tevl_wq.wchan.lock, flags);

	raw_spin_lock_irqsave(&tevl_log_lock, flags);
	tevl_log_count = 0;
	raw_spin_unlock_irqrestore(&tevl_log_lock, flags);
	for (obj = 0; obj < TEVL_OBJ_NR; obj++)
		atomic_long_set(&tevl_evals[obj], 0);
	atomic_set(&tevl_gate_open, 0);
	atomic_set(&tevl_gate_count, 0);
	tevl_counter = 0;
	atomic_set(&tevl_in_cs, 0);
	atomic_long_set(&tevl_overlaps, 0);
	return 0;
}

static int flag_wait(const struct tevl_wait *w)
{
	int ret;

	prepare_wait(w);
	if (w->timeout == TEVL_INFINITE && w->tmode == TEVL_REL)
		ret = evl_wait_flag(&tevl_flag);
	else
		ret = evl_wait_flag_timeout(&tevl_flag, w->timeout, w->tmode);
	log_result(w, TEVL_OBJ_FLAG, ret, !ret && !woken_by_bcast());
	return ret;
}

static int flag_wake(unsigned int cmd, const struct tevl_wake *k)
{
	unsigned long flags;

	switch (k->how) {
	case TEVL_CALL_PLAIN:
		if (cmd == TEVL_IOC_FLAG_RAISE)
			evl_raise_flag(&tevl_flag);
		else if (cmd == TEVL_IOC_FLAG_PULSE)
			evl_pulse_flag(&tevl_flag);
		else
			evl_flush_flag(&tevl_flag, k->reason);
		return 0;
	case TEVL_CALL_NOSCHED:
		if (cmd == TEVL_IOC_FLAG_RAISE)
			evl_raise_flag_nosched(&tevl_flag);
		else if (cmd == TEVL_IOC_FLAG_PULSE)
			evl_pulse_flag_nosched(&tevl_flag);
		else
			evl_flush_flag_nosched(&tevl_flag, k->reason);
		evl_schedule();
		return 0;
	case TEVL_CALL_LOCKED:
		evl_lock_flag(&tevl_flag, flags);
		if (cmd == TEVL_IOC_FLAG_RAISE)
			evl_raise_flag_locked(&tevl_flag);
		else if (cmd == TEVL_IOC_FLAG_PULSE)
			evl_pulse_flag_locked(&tevl_flag);
		else
			evl_flush_flag_locked(&tevl_flag, k->reason);
		evl_unlock_flag(&tevl_flag, flags);
		evl_schedule();
		return 0;
	default:
		return -EINVAL;
	}
}

static int flag_read(void)
{
	unsigned long flags;
	bool raised;

	evl_lock_flag(&tevl_flag, flags);
	raised = evl_read_flag(&tevl_flag);
	evl_unlock_flag(&tevl_flag, flags);
	return raised;
}

static int sem_down(const struct tevl_wait *w)
{
	int ret;

	prepare_wait(w);
	if (w->timeout == TEVL_INFINITE)
		ret = evl_down(&tevl_sem);
	else
		ret = evl_down_timeout(&tevl_sem, w->timeout);
	log_result(w, TEVL_OBJ_SEM, ret, !ret && !woken_by_bcast());
	return ret;
}

static int sem_value(void)
{
	unsigned long flags;
	unsigned int v;

	raw_spin_lock_irqsave(&tevl_sem.wait.wchan.lock, flags);
	v = tevl_sem.value;
	raw_spin_unlock_irqrestore(&tevl_sem.wait.wchan.lock, flags);
	return v;
}

static int kmutex_lock_op(const struct tevl_wait *w)
{
	int ret;

	prepare_wait(w);
	ret = evl_lock_kmutex(&tevl_mutex);
	log_result(w, TEVL_OBJ_MUTEX, ret, !ret);
	return ret;
}

/* count times through a critical section whose update has a window a second thread
 * inside at the same time would hit */
static int mutex_cs(unsigned int count)
{
	unsigned int i, spin;
	long v;
	int ret;

	for (i = 0; i < count; i++) {
		ret = evl_lock_kmutex(&tevl_mutex);
		if (ret)
			return ret;
		if (atomic_inc_return(&tevl_in_cs) != 1)
			atomic_long_inc(&tevl_overlaps);
		v = tevl_counter;
		for (spin = 0; spin < 64; spin++)
			cpu_relax();
		tevl_counter = v + 1;
		atomic_dec(&tevl_in_cs);
		evl_unlock_kmutex(&tevl_mutex);
	}
	return 0;
}

/* the wait queue's condition: a unit is there, and it is taken (wchan lock held) */
static bool wq_take(bool *got)
{
	atomic_long_inc(&tevl_evals[TEVL_OBJ_WQ]);
	if (!tevl_wq_units)
		return false;
	tevl_wq_units--;
	*got = true;
	return true;
}

static int wq_wait(const struct tevl_wait *w)
{
	unsigned long flags;
	bool got = false;
	int ret;

	prepare_wait(w);
	if (w->raw) {
		/* open-coded: queue, sleep, no condition (spec 5.1 codes as such) */
		raw_spin_lock_irqsave(&tevl_wq.wchan.lock, flags);
		evl_add_wait_queue(&tevl_wq, w->timeout, w->tmode);
		raw_spin_unlock_irqrestore(&tevl_wq.wchan.lock, flags);
		ret = evl_wait_schedule(&tevl_wq);
	} else if (w->timeout == TEVL_INFINITE && w->tmode == TEVL_REL) {
		ret = evl_wait_event(&tevl_wq, wq_take(&got));
	} else {
		ret = evl_wait_event_timeout(&tevl_wq, w->timeout, w->tmode, wq_take(&got));
	}
	log_result(w, TEVL_OBJ_WQ, ret, got);
	return ret;
}

static int wq_post(unsigned int count)
{
	unsigned long flags;
	unsigned int i;
	int n = 0;

	raw_spin_lock_irqsave(&tevl_wq.wchan.lock, flags);
	tevl_wq_units += count;
	for (i = 0; i < count; i++)
		if (evl_wake_up_head(&tevl_wq))
			n++;
	raw_spin_unlock_irqrestore(&tevl_wq.wchan.lock, flags);
	evl_schedule();
	return n;
}

static int wq_wake_head(void)
{
	struct evl_thread *woken;
	unsigned long flags;

	raw_spin_lock_irqsave(&tevl_wq.wchan.lock, flags);
	woken = evl_wake_up_head(&tevl_wq);
	raw_spin_unlock_irqrestore(&tevl_wq.wchan.lock, flags);
	evl_schedule();
	return woken != NULL;
}

static int wq_wake_tail(int reason)
{
	struct evl_thread *tail = NULL;
	unsigned long flags;

	raw_spin_lock_irqsave(&tevl_wq.wchan.lock, flags);
	if (evl_wait_active(&tevl_wq)) {
		tail = list_last_entry(&tevl_wq.wchan.wait_list, struct evl_thread, wait_next);
		if (evl_wake_up(&tevl_wq, tail, reason) != tail)
			tail = NULL;
	}
	raw_spin_unlock_irqrestore(&tevl_wq.wchan.lock, flags);
	evl_schedule();
	return tail != NULL;
}

static int wq_save_head(void)
{
	unsigned long flags;
	bool found;

	raw_spin_lock_irqsave(&tevl_wq.wchan.lock, flags);
	tevl_saved = evl_wait_head(&tevl_wq);
	found = tevl_saved != NULL;
	raw_spin_unlock_irqrestore(&tevl_wq.wchan.lock, flags);
	return found;
}

/* a waiter picked earlier, which may have left the queue since */
static int wq_wake_saved(int reason)
{
	struct evl_thread *ret = NULL;
	unsigned long flags;

	raw_spin_lock_irqsave(&tevl_wq.wchan.lock, flags);
	if (tevl_saved)
		ret = evl_wake_up(&tevl_wq, tevl_saved, reason);
	raw_spin_unlock_irqrestore(&tevl_wq.wchan.lock, flags);
	evl_schedule();
	return ret != NULL;
}

static int wq_flush(const struct tevl_wake *k)
{
	unsigned long flags;
	int n;

	if (k->how == TEVL_CALL_LOCKED) {
		raw_spin_lock_irqsave(&tevl_wq.wchan.lock, flags);
		n = evl_flush_wait_locked(&tevl_wq, k->reason);
		raw_spin_unlock_irqrestore(&tevl_wq.wchan.lock, flags);
	} else {
		n = evl_flush_wait(&tevl_wq, k->reason);
	}
	evl_schedule();
	return n;
}

static int wq_locked_int(int what)
{
	unsigned long flags;
	int v;

	raw_spin_lock_irqsave(&tevl_wq.wchan.lock, flags);
	v = what ? (int)tevl_wq_units : evl_wait_active(&tevl_wq);
	raw_spin_unlock_irqrestore(&tevl_wq.wchan.lock, flags);
	return v;
}

static int get_arg(void *dst, unsigned long arg, size_t size, bool oob)
{
	unsigned long left;

	if (oob)
		left = raw_copy_from_user(dst, (const void __user *)arg, size);
	else
		left = copy_from_user(dst, (const void __user *)arg, size);
	return left ? -EFAULT : 0;
}

/* any stage */
static long tevl_do_ioctl(unsigned int cmd, unsigned long arg, bool oob)
{
	struct tevl_reset r;
	struct tevl_wait w;
	struct tevl_wake k;

#define GET_ARG(__v)							\
	do {								\
		int __e = get_arg(&(__v), arg, sizeof(__v), oob);	\
		if (__e)						\
			return __e;					\
	} while (0)

	switch (cmd) {
	case TEVL_IOC_RESET:
		GET_ARG(r);
		return reset_objects(&r, true);

	case TEVL_IOC_FLAG_WAIT:
		GET_ARG(w);
		return flag_wait(&w);
	case TEVL_IOC_FLAG_RAISE:
	case TEVL_IOC_FLAG_PULSE:
	case TEVL_IOC_FLAG_FLUSH:
		GET_ARG(k);
		return flag_wake(cmd, &k);
	case TEVL_IOC_FLAG_DESTROY:
		evl_destroy_flag(&tevl_flag);
		return 0;
	case TEVL_IOC_FLAG_PEEK:
		return evl_peek_flag(&tevl_flag);
	case TEVL_IOC_FLAG_READ:
		return flag_read();
	case TEVL_IOC_FLAG_CLEAR:
		evl_clear_flag(&tevl_flag);
		return 0;

	case TEVL_IOC_SEM_DOWN:
		GET_ARG(w);
		return sem_down(&w);
	case TEVL_IOC_SEM_TRYDOWN:
		return evl_trydown(&tevl_sem);
	case TEVL_IOC_SEM_UP:
		evl_up(&tevl_sem);
		return 0;
	case TEVL_IOC_SEM_BROADCAST:
		evl_broadcast(&tevl_sem);
		return 0;
	case TEVL_IOC_SEM_DESTROY:
		evl_destroy_ksem(&tevl_sem);
		return 0;
	case TEVL_IOC_SEM_VALUE:
		return sem_value();

	case TEVL_IOC_MUTEX_LOCK:
		GET_ARG(w);
		return kmutex_lock_op(&w);
	case TEVL_IOC_MUTEX_TRYLOCK:
		return evl_trylock_kmutex(&tevl_mutex);
	case TEVL_IOC_MUTEX_UNLOCK:
		evl_unlock_kmutex(&tevl_mutex);
		return 0;
	case TEVL_IOC_MUTEX_DESTROY:
		evl_destroy_kmutex(&tevl_mutex);
		return 0;
	case TEVL_IOC_MUTEX_CS:
		GET_ARG(k);
		return mutex_cs(k.count);

	case TEVL_IOC_WQ_WAIT:
		GET_ARG(w);
		return wq_wait(&w);
	case TEVL_IOC_WQ_POST:
		GET_ARG(k);
		return wq_post(k.count);
	case TEVL_IOC_WQ_WAKE_HEAD:
		return wq_wake_head();
	case TEVL_IOC_WQ_WAKE_TAIL:
		GET_ARG(k);
		return wq_wake_tail(k.reason);
	case TEVL_IOC_WQ_FLUSH:
		GET_ARG(k);
		return wq_flush(&k);
	case TEVL_IOC_WQ_DESTROY:
		evl_destroy_wait(&tevl_wq);
		return 0;
	case TEVL_IOC_WQ_ACTIVE:
		return wq_locked_int(0);
	case TEVL_IOC_WQ_UNITS:
		return wq_locked_int(1);
	case TEVL_IOC_WQ_SAVE_HEAD:
		return wq_save_head();
	case TEVL_IOC_WQ_WAKE_SAVED:
		GET_ARG(k);
		return wq_wake_saved(k.reason);
	default:
		return -ENOIOCTLCMD;
	}
#undef GET_ARG
}

/* in-band */
static int tevl_open(struct inode *inode, struct file *filp)
{
	struct tevl_file *tf;

	tf = kzalloc(sizeof(*tf), GFP_KERNEL);
	if (!tf)
		return -ENOMEM;
	evl_open_file(&tf->efile, filp);
	filp->private_data = tf;
	return 0;
}

/* in-band */
static int tevl_release(struct inode *inode, struct file *filp)
{
	struct tevl_file *tf = filp->private_data;

	evl_release_file(&tf->efile);
	kfree(tf);
	return 0;
}

static long tevl_ioctl(struct file *filp, unsigned int cmd, unsigned long arg)
{
	return tevl_do_ioctl(cmd, arg, false);
}

static long tevl_oob_ioctl(struct file *filp, unsigned int cmd, unsigned long arg)
{
	return tevl_do_ioctl(cmd, arg, true);
}

static const struct file_operations tevl_fops = {
	.owner		= THIS_MODULE,
	.open		= tevl_open,
	.release	= tevl_release,
	.unlocked_ioctl	= tevl_ioctl,
	.oob_ioctl	= tevl_oob_ioctl,
};

static struct miscdevice tevl_misc = {
	.minor	= MISC_DYNAMIC_MINOR,
	.name	= "tevl",
	.fops	= &tevl_fops,
};

static int __init tevl_init(void)
{
	struct tevl_reset r = { .wq_flags = EVL_WAIT_PRIO, .sem_value = 0 };
	int ret;

	ret = reset_objects(&r, false);
	if (ret)
		return ret;
	return misc_register(&tevl_misc);
}
module_init(tevl_init);

static void __exit tevl_exit(void)
{
	misc_deregister(&tevl_misc);
	evl_destroy_flag(&tevl_flag);
	evl_destroy_ksem(&tevl_sem);
	evl_destroy_kmutex(&tevl_mutex);
	evl_destroy_wait(&tevl_wq);
}
module_exit(tevl_exit);

MODULE_LICENSE("GPL");
MODULE_DESCRIPTION("evlsim test driver: the EVL wait services from ioctl handlers");
