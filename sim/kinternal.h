/* SPDX-License-Identifier: LGPL-2.1-or-later */
/*
 * Kernel-world internals: declarations shared by the sim/ files that are compiled like
 * kernel code (they see the kernel shim tree, never glibc). See internal.h for the
 * contract with the user world.
 */
#ifndef _EVLSIM_KINTERNAL_H
#define _EVLSIM_KINTERNAL_H

#include <linux/fs.h>
#include <linux/device.h>
#include <linux/module.h>
#include <linux/irqflags.h>
#include <evlsim/services.h>
#include <linux/poison.h>
#include "internal.h"

/* checker.c: the golden-rule checker (see evlsim/services.h for the service hooks) */
/* The simulator's own call of a checked service, in a context of its own choosing. */
#define evlsim__unchecked_begin()	(evlsim__unchecked++)
#define evlsim__unchecked_end()		(evlsim__unchecked--)
void evlsim__check_report(const char *rule, const char *what, const void *site,
			  const char *fmt, ...) __printf(4, 5);
/* The driver's call site of the EVL wait in progress, set by the out-of-line waits
 * (evl_down(), evl_lock_kmutex(), ...) for the check in evl_add_wait_queue() */
extern __thread void *evlsim__wait_site __attribute__((tls_model("initial-exec")));
extern __thread int evlsim__wait_svc __attribute__((tls_model("initial-exec")));
#define evlsim__wait_site_enter(svc)						\
	bool __evlsim_own_site = !evlsim__wait_site;				\
	if (__evlsim_own_site) {						\
		evlsim__wait_site = __builtin_return_address(0);		\
		evlsim__wait_svc = (svc);					\
	}
#define evlsim__wait_site_exit()						\
	do {									\
		if (__evlsim_own_site)						\
			evlsim__wait_site = NULL;				\
	} while (0)
void evlsim__check_service_locked(int svc, void *caller, int own_locks);
void evlsim__check_return(const char *handler, const void *fn);
/* slab.c: kmalloc() and kfree() for the simulator's own use (never checked) */
void *__evlsim_kmalloc(size_t size, gfp_t flags);
void __evlsim_kfree(const void *objp);
/* evl/thread.c: a held caller (evl_hold_thread()) stops here until released */
struct evl_thread;
void evlsim__evl_hold_point(struct evl_thread *curr);
/*
 * check/checker.c: the caller's hard irq state, one word: bit 0 is the explicit hard irq flag,
 * each hard lock held adds EVLSIM_HARD_LOCK_ONE. Zero means nothing hard is held.
 */
#define EVLSIM_HARD_IRQ_OFF	1u
#define EVLSIM_HARD_LOCK_ONE	2u
extern __thread unsigned int evlsim__hard_state __attribute__((tls_model("initial-exec")));
/* After a driver handler @fn returned, on the way back to user space (rule return-locked). */
#define evlsim__check_handler_return(name, fn)					\
	do {									\
		if (unlikely(evlsim__hard_state))				\
			evlsim__check_return(name, (const void *)(fn));		\
	} while (0)
static inline int evlsim__hard_lock_depth(void)
{
	return evlsim__hard_state / EVLSIM_HARD_LOCK_ONE;
}

static inline int evlsim__hard_irq_flag(void)
{
	return evlsim__hard_state & EVLSIM_HARD_IRQ_OFF;
}
/* the explicit hard irq flag, as the return from an interrupt restores it */
static inline void evlsim__hard_irq_set_flag(int off)
{
	evlsim__hard_state = (evlsim__hard_state & ~EVLSIM_HARD_IRQ_OFF) |
		(off ? EVLSIM_HARD_IRQ_OFF : 0);
}
/* check/checker.c, rule irq-handler-irqs-on: hard irqs turned on at @site in an oob
 * interrupt context */
void evlsim__check_irqs_on(const void *site);

/*
 * The out-of-band interrupt context, the one mechanism behind EVL timer handlers
 * (evl/timer.c) and out-of-band device handlers (hw/irq-flow.c): hard irqs off, the
 * thread on the oob stage for the duration, evl_in_irq() true, and the EVL wake-ups it
 * issues deferred until it ends, as evl_exit_irq() reschedules once every handler
 * returned. Interrupts raised meanwhile are logged (the oob stage is stalled).
 */
struct evlsim_irq_ctx {
	unsigned long flags;
	int stage;
};

static inline void evlsim__oob_irq_enter(struct evlsim_thread *t, struct evlsim_irq_ctx *c,
					 bool dev)
{
	c->flags = hard_local_irq_save();
	c->stage = t->stage;
	t->stage = EVLSIM_OOB;
	t->in_irq++;
	t->in_dev_irq += dev;
	t->irq_defer++;
}

static inline void evlsim__oob_irq_exit(struct evlsim_thread *t, struct evlsim_irq_ctx *c,
					bool dev)
{
	t->in_dev_irq -= dev;
	t->in_irq--;
	t->stage = c->stage;
	if (!--t->irq_defer && t->nr_deferred)
		evlsim__wake_flush(t);
	hard_local_irq_restore(c->flags);
}

/*
 * kernel/spinlock.c: interrupts the calling thread logged while its hard irqs were off
 * (set by hw/irq-flow.c), and the hook hw/irq-flow.c registers to take them, called as
 * the hard irqs come back on.
 */
extern __thread int evlsim__irq_log_pending __attribute__((tls_model("initial-exec")));
extern void (*evlsim__irq_sync_hook)(void);
/* evl/wait.c: the EVL_T_* state bits of @t's EVL thread (EVL_T_PEND while it waits) */
int evlsim__evl_state(struct evlsim_thread *t);
/* evl/wait.c: the EVL thread of @t, set up on first use */
struct evl_thread *evlsim__evl_thread_of(struct evlsim_thread *t);

/* fs.c */
extern __thread struct file *evlsim__releasing_file __attribute__((tls_model("initial-exec")));
/* evl/wait.c: wake the EVL threads sleeping on a channel inside a freed block */
void evlsim__evl_flush_block(void *start, unsigned long size);
struct inode *evlsim__new_inode(dev_t rdev, umode_t mode);
void evlsim__iget(struct inode *inode);
void evlsim__iput(struct inode *inode);

/* host-file.c: the file open on @fd, a simulated one (fget()) or a real descriptor
 * of the host wrapped in a struct file of its own; NULL if @fd is open on neither */
struct file *evlsim__fget_any(unsigned int fd);

/* char_dev.c */
int evlsim__chrdev_open(struct inode *inode, struct file *filp);
void evlsim__chrdev_release(struct file *filp);

/* device.c: the /dev namespace */
int evlsim__node_add(const char *name, dev_t devt, umode_t mode, struct device *dev);
void evlsim__node_del(const char *name);
struct inode *evlsim__node_lookup(const char *path);	/* takes an inode reference */
bool evlsim__node_devt_in_use(dev_t devt);
struct cdev;
void evlsim__nodes_forget_cdev(struct cdev *p);

/* Module and parameter names compare with '-' and '_' the same, as the kernel's parameq(). */
static inline bool evlsim__name_eq(const char *a, const char *b)
{
	for (;; a++, b++) {
		char ca = *a == '-' ? '_' : *a, cb = *b == '-' ? '_' : *b;

		if (ca != cb)
			return false;
		if (!ca)
			return true;
	}
}

/* params.c: a module's parameters, for the loader (module.c) */
void evlsim__restore_param_defaults(struct module *mod);
void evlsim__destroy_params(struct module *mod);
int evlsim__parse_module_args(struct module *mod, char *args);

/* module.c */
enum evlsim_devobj {
	EVLSIM_DEVOBJ_MISC,		/* struct miscdevice */
	EVLSIM_DEVOBJ_CDEV,		/* struct cdev */
};
struct module *evlsim__module_of(const struct file_operations *fops);
void evlsim__module_note_device(struct module *owner, enum evlsim_devobj kind, void *obj,
				bool add);


/* page_alloc.c: mappable vmalloc areas (vmalloc_user()), for slab.c and mmap.c */
#define EVLSIM_VM_USERMAP	0x00000008UL	/* the kernel's VM_USERMAP */
struct vm_struct {
	void *addr;
	unsigned long size;		/* page-rounded, guard page excluded */
	unsigned long flags;
	unsigned int nr_pages;
};
struct vm_struct *evlsim__find_vm_area(const void *addr);
int evlsim__arena_is_vmalloc(const void *addr);	/* -1: not an arena address */
bool evlsim__vfree_arena(const void *addr);		/* false: not an arena address */

/* Return-value checks on driver handlers (fs.c). */
long evlsim__check_ret(const struct file *filp, const char *handler, long ret,
		       unsigned long count);

/* The stage of the calling thread (core/stage.c). */
static inline bool evlsim__running_oob(void)
{
	struct evlsim_thread *t = evlsim__self;

	return t && t->stage == EVLSIM_OOB;
}


/*
 * check/memcheck.c: freed driver memory is poisoned (POISON_FREE) and held in a bounded
 * quarantine, so that the services handed a freed object and a second free report it.
 */
extern int evlsim__mem_live EVLSIM_HIDDEN;	/* blocks in quarantine */
bool evlsim__mem_free(const void *addr, const char *cache, void (*release)(void *addr),
		      const void *site);
bool evlsim__mem_check_slow(const void *p, const char *service, const void *site);
bool evlsim__mem_block(const void *p, void **start, unsigned long *size);
void evlsim__mem_set_keep_hook(void (*hook)(void *start, unsigned long size,
					     void (*keep)(void *obj, unsigned long len,
							  void *arg), void *arg));
#ifdef __SANITIZE_ADDRESS__
int __asan_address_is_poisoned(void const volatile *addr);
#endif
/* Whether @p, which a service is handed, is freed driver memory (reported once). */
static __always_inline bool evlsim__mem_freed(const void *p, const char *service,
					      const void *site)
{
	if (likely(!__atomic_load_n(&evlsim__mem_live, __ATOMIC_RELAXED)) || !p)
		return false;
#ifdef __SANITIZE_ADDRESS__
	if (!__asan_address_is_poisoned(p))
		return false;
#else
	/* one load: a freed block reads POISON_FREE, confirmed in the quarantine */
	if (__atomic_load_n((const unsigned char *)p, __ATOMIC_RELAXED) != POISON_FREE)
		return false;
#endif
	return evlsim__mem_check_slow(p, service, site);
}

/*
 * check/lockdep.c: the lock dependency validator. The lock services call these around
 * each acquisition and release; a true return means: leave the lock alone (a recursive
 * acquisition, reported, is skipped, and so is its release).
 */
#define EVLSIM_LD_TRY		0x1	/* a trylock that succeeded: held, no edges */
#define EVLSIM_LD_IRQSOFF	0x2	/* an _irqsave/_irq variant: hard irqs off */
#define EVLSIM_LD_NOHOLD	0x4	/* not owned once taken (a semaphore) */
#define EVLSIM_LD_SHARED	0x8	/* may be held more than once (stax) */
#define EVLSIM_LD_IRQABLE	0x10	/* may be taken in an interrupt context */
extern int evlsim__lockdep_on EVLSIM_HIDDEN;
bool evlsim__lockdep_acquire(const void *lock, const void *key, const char *name, int flags,
			     const void *site);
bool evlsim__lockdep_release(const void *lock);
static __always_inline bool evlsim__lock_acquire(const void *lock, const void *key,
						 const char *name, int flags, const void *site)
{
	evlsim__sched_point(EVLSIM_SP_LOCK);	/* core/sched.h */
	return __atomic_load_n(&evlsim__lockdep_on, __ATOMIC_RELAXED) &&
	       evlsim__lockdep_acquire(lock, key, name, flags, site);
}
static __always_inline bool evlsim__lock_release(const void *lock)
{
	evlsim__sched_point(EVLSIM_SP_UNLOCK);
	return __atomic_load_n(&evlsim__lockdep_on, __ATOMIC_RELAXED) &&
	       evlsim__lockdep_release(lock);
}

/*
 * The services' counts for the accounting: how many entries of the list @head (of @type,
 * linked by @member) belong to @mod (their @owner field); the caller holds the list's lock.
 */
#define evlsim__count_owned(head, type, member, owner, mod)			\
	({									\
		type *__evlsim_pos;						\
		int __evlsim_n = 0;						\
		list_for_each_entry(__evlsim_pos, head, member)			\
			__evlsim_n += __evlsim_pos->owner == (mod);		\
		__evlsim_n;							\
	})

/* accounting.c: resource accounting per module (the owner: linux/evlsim-owner.h) */
void evlsim__acct_alloc(int kind, const void *addr, unsigned long size);	/* enum evlsim_acct_kind */
void evlsim__acct_realloc(const void *old, const void *addr, unsigned long size);
void evlsim__acct_free(const void *addr);
int evlsim__acct_take(const void *addr, void **frames, int max, unsigned long *size,
		      const char **owner);
void evlsim__acct_pages_free(const void *addr, unsigned long size);
void evlsim__acct_file(struct module *owner, int delta);
void evlsim__acct_modref(int delta);
void evlsim__acct_leftovers(struct module *mod, const char *when);
void evlsim__acct_stats(struct module *mod, struct evlsim_module_stats *st);
int evlsim__acct_leak_check(struct module *mod);
/* run at process exit before what is left is reported (set once: vfs/exit.c) */
void evlsim__acct_set_exit_hook(void (*hook)(void));
/* the module the calling thread's allocations are charged to now (NULL: the simulator) */
struct module *evlsim__acct_owner(void);

/**
 * struct evlsim_module_service - a service that holds objects on behalf of modules
 * @acct: the counter of struct evlsim_module_stats that @count fills (EVLSIM_ACCT_*)
 * @order: @leftovers run at unload in increasing order
 * @count: how many objects @mod holds now
 * @leftovers: reports, then stops or removes what @mod left, at unload or failed init
 *
 * The services live above the accounting; they register here (EVLSIM_MODULE_SERVICE()),
 * and the module loader reaches them through evlsim__acct_leftovers().
 */
struct evlsim_module_service {
	int acct;
	int order;
	int (*count)(struct module *mod);
	void (*leftovers)(struct module *mod, const char *when);
	struct evlsim_module_service *next;
};
void evlsim__acct_register_service(struct evlsim_module_service *svc);
#define EVLSIM_MODULE_SERVICE(__name, __acct, __order, __count, __leftovers)	\
	static struct evlsim_module_service __name##_service = {		\
		.acct = (__acct), .order = (__order),				\
		.count = (__count), .leftovers = (__leftovers),			\
	};									\
	static __attribute__((constructor)) void __name##_service_init(void)	\
	{									\
		evlsim__acct_register_service(&__name##_service);		\
	}

/* vfs/device.c: called at the release of every device, before its ->release (hw/devres.c
 * sets it: managed resources of a device driven without a driver) */
extern void (*evlsim__device_release_hook)(struct device *dev);

#endif
