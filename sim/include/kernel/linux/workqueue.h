/* SPDX-License-Identifier: LGPL-2.1-or-later */
/*
 * evlsim shim: linux v6.12 include/linux/workqueue.h, custom re-implementation.
 *
 * Each workqueue runs its work items on in-band kthreads ("kworker/u:N") started on
 * demand, up to max_active of them (one for an ordered workqueue, which runs items one
 * at a time in queueing order). Kernel semantics kept: queue_work() returns false when
 * the item is already pending; the pending bit is cleared before the function runs, so
 * it can requeue itself; an item never runs on two workers at once; flush_work() waits
 * for the last queueing of the item to finish; cancel_work_sync() returns whether it was
 * pending and waits for a running instance; flush_workqueue() waits for every item
 * queued before it; destroy_workqueue() drains the queue (items queued by its own items
 * included) before freeing it.
 *
 * Delays are in jiffies, HZ = 1000. Custom: INIT_WORK()/DECLARE_WORK() record THIS_MODULE;
 * an item of a module still pending when the module is unloaded is reported as a leak
 * and cancelled. Deviations: struct delayed_work has no ->timer (the expiry is kept in
 * ->evlsim_expires); CPUs are not simulated (the cpu arguments are ignored, WQ_UNBOUND or
 * not); queueing on a draining workqueue from outside it warns and does not queue
 * (returns false).
 */
#ifndef _EVLSIM_LINUX_WORKQUEUE_H
#define _EVLSIM_LINUX_WORKQUEUE_H

#include <linux/types.h>
#include <linux/atomic.h>
#include <linux/bitops.h>
#include <linux/list.h>
#include <linux/container_of.h>
#include <linux/module.h>

struct workqueue_struct;
struct work_struct;
typedef void (*work_func_t)(struct work_struct *work);

enum work_bits {
	WORK_STRUCT_PENDING_BIT	= 0,	/* work item is pending execution */
};

enum wq_misc_consts {
	WORK_CPU_UNBOUND	= 8192,	/* NR_CPUS in the simulator's view */
};

#define WORK_STRUCT_PENDING	(1UL << WORK_STRUCT_PENDING_BIT)

struct work_struct {
	atomic_long_t data;
	struct list_head entry;
	work_func_t func;
	/* simulator */
	struct module *evlsim_owner;		/* THIS_MODULE where it was initialised */
	struct workqueue_struct *evlsim_wq;	/* last workqueue it was queued on */
	unsigned long evlsim_seq;		/* queueing sequence, while queued */
	int evlsim_where;			/* on which list of evlsim_wq, if any */
};

#define WORK_DATA_INIT()	ATOMIC_LONG_INIT(0)
#define WORK_DATA_STATIC_INIT()	ATOMIC_LONG_INIT(0)

struct delayed_work {
	struct work_struct work;
	s64 evlsim_expires;			/* in place of struct timer_list timer */
	/* target workqueue and CPU ->timer uses to queue ->work */
	struct workqueue_struct *wq;
	int cpu;
};

static inline struct delayed_work *to_delayed_work(struct work_struct *work)
{
	return container_of(work, struct delayed_work, work);
}

#define __WORK_INITIALIZER(n, f) {					\
	.data = WORK_DATA_STATIC_INIT(),				\
	.entry	= { &(n).entry, &(n).entry },				\
	.func = (f),							\
	.evlsim_owner = THIS_MODULE,					\
	}

#define __DELAYED_WORK_INITIALIZER(n, f, tflags) {			\
	.work = __WORK_INITIALIZER((n).work, (f)),			\
	.cpu = WORK_CPU_UNBOUND,					\
	}

#define DECLARE_WORK(n, f)						\
	struct work_struct n = __WORK_INITIALIZER(n, f)

#define DECLARE_DELAYED_WORK(n, f)					\
	struct delayed_work n = __DELAYED_WORK_INITIALIZER(n, f, 0)

#define DECLARE_DEFERRABLE_WORK(n, f)					\
	struct delayed_work n = __DELAYED_WORK_INITIALIZER(n, f, 0)

#define __INIT_WORK(_work, _func, _onstack)				\
	do {								\
		struct work_struct *__w = (_work);			\
		__w->data = (atomic_long_t) WORK_DATA_INIT();		\
		INIT_LIST_HEAD(&__w->entry);				\
		__w->func = (_func);					\
		__w->evlsim_owner = THIS_MODULE;			\
		__w->evlsim_wq = NULL;					\
		__w->evlsim_seq = 0;					\
		__w->evlsim_where = 0;					\
	} while (0)

#define INIT_WORK(_work, _func)			__INIT_WORK((_work), (_func), 0)
#define INIT_WORK_ONSTACK(_work, _func)		__INIT_WORK((_work), (_func), 1)

#define __INIT_DELAYED_WORK(_work, _func, _tflags)			\
	do {								\
		INIT_WORK(&(_work)->work, (_func));			\
		(_work)->evlsim_expires = 0;				\
		(_work)->wq = NULL;					\
		(_work)->cpu = WORK_CPU_UNBOUND;			\
	} while (0)

#define INIT_DELAYED_WORK(_work, _func)		__INIT_DELAYED_WORK(_work, _func, 0)
#define INIT_DELAYED_WORK_ONSTACK(_work, _func)	__INIT_DELAYED_WORK(_work, _func, 0)
#define INIT_DEFERRABLE_WORK(_work, _func)	__INIT_DELAYED_WORK(_work, _func, 0)

static inline void destroy_work_on_stack(struct work_struct *work) { }
static inline void destroy_delayed_work_on_stack(struct delayed_work *work) { }

/**
 * work_pending - Find out whether a work item is currently pending
 * @work: The work item in question
 */
#define work_pending(work) \
	test_bit(WORK_STRUCT_PENDING_BIT, (unsigned long *)&(work)->data.counter)

/**
 * delayed_work_pending - Find out whether a delayable work item is currently
 * pending
 * @w: The work item in question
 */
#define delayed_work_pending(w) \
	work_pending(&(w)->work)

/*
 * Workqueue flags and constants.  For details, please refer to
 * Documentation/core-api/workqueue.rst.
 */
enum wq_flags {
	WQ_BH			= 1 << 0,
	WQ_UNBOUND		= 1 << 1,
	WQ_FREEZABLE		= 1 << 2,
	WQ_MEM_RECLAIM		= 1 << 3,
	WQ_HIGHPRI		= 1 << 4,
	WQ_CPU_INTENSIVE	= 1 << 5,
	WQ_SYSFS		= 1 << 6,
	WQ_POWER_EFFICIENT	= 1 << 7,

	__WQ_DESTROYING		= 1 << 15,
	__WQ_DRAINING		= 1 << 16,
	__WQ_ORDERED		= 1 << 17,
	__WQ_LEGACY		= 1 << 18,

	/* BH wq only allows the following flags */
	__WQ_BH_ALLOWS		= WQ_BH | WQ_HIGHPRI,
};

enum wq_consts {
	WQ_MAX_ACTIVE		= 512,
	WQ_UNBOUND_MAX_ACTIVE	= WQ_MAX_ACTIVE,
	WQ_DFL_ACTIVE		= WQ_MAX_ACTIVE / 2,

	/* per-CPU-side, default minimum */
	WQ_DFL_MIN_ACTIVE	= 8,
};

extern struct workqueue_struct *system_wq __evlsim_ksym(system_wq);
extern struct workqueue_struct *system_highpri_wq __evlsim_ksym(system_highpri_wq);
extern struct workqueue_struct *system_long_wq __evlsim_ksym(system_long_wq);
extern struct workqueue_struct *system_unbound_wq __evlsim_ksym(system_unbound_wq);
extern struct workqueue_struct *system_freezable_wq __evlsim_ksym(system_freezable_wq);
extern struct workqueue_struct *system_power_efficient_wq
	__evlsim_ksym(system_power_efficient_wq);
extern struct workqueue_struct *system_freezable_power_efficient_wq
	__evlsim_ksym(system_freezable_power_efficient_wq);

/**
 * alloc_workqueue - allocate a workqueue
 * @fmt: printf format for the name of the workqueue
 * @flags: WQ_* flags
 * @max_active: max in-flight work items, 0 for the default (WQ_DFL_ACTIVE)
 *
 * Returns a pointer to the allocated workqueue on success, %NULL on failure.
 */
__printf(1, 4) struct workqueue_struct *
alloc_workqueue(const char *fmt, unsigned int flags, int max_active, ...)
	__evlsim_ksym(alloc_workqueue);

/**
 * alloc_ordered_workqueue - allocate an ordered workqueue
 * @fmt: printf format for the name of the workqueue
 * @flags: WQ_* flags (only WQ_FREEZABLE and WQ_MEM_RECLAIM are meaningful)
 * @args: args for @fmt
 *
 * Allocate an ordered workqueue.  An ordered workqueue executes at
 * most one work item at any given time in the queued order.
 */
#define alloc_ordered_workqueue(fmt, flags, args...)			\
	alloc_workqueue(fmt, WQ_UNBOUND | __WQ_ORDERED | (flags), 1, ##args)

#define create_workqueue(name)						\
	alloc_workqueue("%s", __WQ_LEGACY | WQ_MEM_RECLAIM, 1, (name))
#define create_freezable_workqueue(name)				\
	alloc_workqueue("%s", __WQ_LEGACY | WQ_FREEZABLE | WQ_UNBOUND |	\
			WQ_MEM_RECLAIM, 1, (name))
#define create_singlethread_workqueue(name)				\
	alloc_ordered_workqueue("%s", __WQ_LEGACY | WQ_MEM_RECLAIM, name)

void destroy_workqueue(struct workqueue_struct *wq) __evlsim_ksym(destroy_workqueue);

bool queue_work_on(int cpu, struct workqueue_struct *wq, struct work_struct *work)
	__evlsim_ksym(queue_work_on);
bool queue_delayed_work_on(int cpu, struct workqueue_struct *wq,
			   struct delayed_work *work, unsigned long delay)
	__evlsim_ksym(queue_delayed_work_on);
bool mod_delayed_work_on(int cpu, struct workqueue_struct *wq,
			 struct delayed_work *dwork, unsigned long delay)
	__evlsim_ksym(mod_delayed_work_on);

void __flush_workqueue(struct workqueue_struct *wq) __evlsim_ksym(__flush_workqueue);
void drain_workqueue(struct workqueue_struct *wq) __evlsim_ksym(drain_workqueue);

bool flush_work(struct work_struct *work) __evlsim_ksym(flush_work);
bool cancel_work(struct work_struct *work) __evlsim_ksym(cancel_work);
bool cancel_work_sync(struct work_struct *work) __evlsim_ksym(cancel_work_sync);

bool flush_delayed_work(struct delayed_work *dwork) __evlsim_ksym(flush_delayed_work);
bool cancel_delayed_work(struct delayed_work *dwork) __evlsim_ksym(cancel_delayed_work);
bool cancel_delayed_work_sync(struct delayed_work *dwork)
	__evlsim_ksym(cancel_delayed_work_sync);

/* current_work - the work item the calling worker runs, NULL outside a worker */
struct work_struct *current_work(void) __evlsim_ksym(current_work);

/**
 * queue_work - queue work on a workqueue
 * @wq: workqueue to use
 * @work: work to queue
 *
 * Returns %false if @work was already on a queue, %true otherwise.
 */
static inline bool queue_work(struct workqueue_struct *wq, struct work_struct *work)
{
	return queue_work_on(WORK_CPU_UNBOUND, wq, work);
}

/**
 * queue_delayed_work - queue work on a workqueue after delay
 * @wq: workqueue to use
 * @dwork: delayable work to queue
 * @delay: number of jiffies to wait before queueing
 */
static inline bool queue_delayed_work(struct workqueue_struct *wq,
				      struct delayed_work *dwork, unsigned long delay)
{
	return queue_delayed_work_on(WORK_CPU_UNBOUND, wq, dwork, delay);
}

/**
 * mod_delayed_work - modify delay of or queue a delayed work
 * Returns %false if @dwork was idle and queued, %true if it was pending and its timer
 * was modified.
 */
static inline bool mod_delayed_work(struct workqueue_struct *wq,
				    struct delayed_work *dwork, unsigned long delay)
{
	return mod_delayed_work_on(WORK_CPU_UNBOUND, wq, dwork, delay);
}

static inline bool schedule_work_on(int cpu, struct work_struct *work)
{
	return queue_work_on(cpu, system_wq, work);
}

/**
 * schedule_work - put work task in global workqueue
 * @work: job to be done
 *
 * Returns %false if @work was already on the kernel-global workqueue and
 * %true otherwise.
 */
static inline bool schedule_work(struct work_struct *work)
{
	return queue_work(system_wq, work);
}

static inline bool schedule_delayed_work_on(int cpu, struct delayed_work *dwork,
					    unsigned long delay)
{
	return queue_delayed_work_on(cpu, system_wq, dwork, delay);
}

static inline bool schedule_delayed_work(struct delayed_work *dwork, unsigned long delay)
{
	return queue_delayed_work(system_wq, dwork, delay);
}

#define flush_workqueue(wq)		__flush_workqueue(wq)
#define flush_scheduled_work()		__flush_workqueue(system_wq)

#endif
