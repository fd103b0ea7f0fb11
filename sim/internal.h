/* SPDX-License-Identifier: LGPL-2.1-or-later */
/*
 * evlsim internals: the contract between the two halves of the simulator.
 *
 * evlsim is built from two worlds that can never share a translation unit:
 *
 *  - the kernel world (drivers and sim/k-*.c) is compiled like kbuild compiles a module,
 *    with -nostdinc and the kernel shim tree, where dev_t is 32 bits, loff_t is the
 *    kernel's and <linux/ioctl.h> is ours;
 *  - the user world (the user-world files of sim/, tests, tools) sees glibc, pthreads and
 *    liburcu.
 *
 * This header is the only one both include. It therefore uses plain C and compiler
 * builtins only: no glibc type, no kernel type, no errno name. Objects that cross the
 * boundary are either opaque (struct file *) or defined here.
 */
#ifndef _EVLSIM_INTERNAL_H
#define _EVLSIM_INTERNAL_H

#define EVLSIM_EXPORT		__attribute__((visibility("default")))
/*
 * On a declaration of a variable only the library itself uses: both worlds then reach it
 * with one PC-relative access rather than through the GOT (the oob fast path counts).
 */
#define EVLSIM_HIDDEN		__attribute__((visibility("hidden")))
#define evlsim_likely(x)	__builtin_expect(!!(x), 1)
#define evlsim_unlikely(x)	__builtin_expect(!!(x), 0)
#define evlsim_printf(a, b)	__attribute__((format(printf, a, b)))

typedef __SIZE_TYPE__ evlsim_size_t;
typedef long long evlsim_ns_t;		/* nanoseconds, same scalar as the kernel's ktime_t */

#define EVLSIM_NS_INFINITE	0x7fffffffffffffffLL

#include "include/evlsim/evlsim.h"

struct file;				/* kernel world: <linux/fs.h> */

/* ---------------------------------------------------------------------------------------
 * Fatal internal errors: a broken invariant of the simulator itself, never a driver bug.
 */
_Noreturn void evlsim__die_at(const char *file, int line, const char *func,
			      const char *fmt, ...) evlsim_printf(4, 5);
#define evlsim__die(...)	evlsim__die_at(__FILE__, __LINE__, __func__, __VA_ARGS__)
#define EVLSIM_ASSERT(cond)						\
	do {								\
		if (evlsim_unlikely(!(cond)))				\
			evlsim__die("assertion failed: %s", #cond);	\
	} while (0)

/* Simulator-private memory: never accounted to a driver, never fault-injected. */
void *evlsim__malloc(evlsim_size_t size);	/* dies on exhaustion */
void *evlsim__zalloc(evlsim_size_t size);
void evlsim__free(void *p);
char *evlsim__strdup(const char *s);

/* ---------------------------------------------------------------------------------------
 * Internal locking (a pthread mutex behind an opaque, statically initialisable shell).
 * Simulator-internal only: the golden-rule checker never sees these.
 */
struct evlsim_mutex {
	union {
		long __align;
		char __size[40];	/* sizeof(pthread_mutex_t) on x86_64 glibc, checked in u-lock.c */
	};
};
#define EVLSIM_MUTEX_INITIALIZER	{ { 0 } }	/* == PTHREAD_MUTEX_INITIALIZER on glibc */
void evlsim__mutex_init(struct evlsim_mutex *m);
void evlsim__mutex_lock(struct evlsim_mutex *m);
void evlsim__mutex_unlock(struct evlsim_mutex *m);

/* A futex lock in one int (0 free, 1 held, 2 held with waiters): the lock word of the
 * kernel's spinlock types, for the simulator's internal use of them (completions,
 * wait queues). Spins briefly, then sleeps. */
void evlsim__lockword_lock(int *word);
void evlsim__lockword_unlock(int *word);
int evlsim__lockword_trylock(int *word);

/* ---------------------------------------------------------------------------------------
 * Per-thread simulator state.
 *
 * Every thread that touches a simulated object gets one, lazily, on its first call
 * (evlsim__current()). It is registered with liburcu at the same time, and torn down by a
 * pthread key destructor when the thread exits.
 */
enum evlsim_stage {
	EVLSIM_INBAND = 0,
	EVLSIM_OOB = 1,
};

#define EVLSIM_CACHELINE	64

struct evlsim_thread {
	/* hot: read by every oob call, written by no other thread */
	int stage;			/* enum evlsim_stage */
	int compat;			/* caller simulates a 32-bit task (in_compat_syscall()) */
	int oob_fastpath;		/* oob stage, and oob calls may take the fast path */
	void *evl;			/* struct evl_thread * once attached (kernel world), else NULL */
	int efd;			/* thread element fd once attached, else -1 */
	void *oob_file;			/* struct file * this thread's oob syscall runs on */

	/* the one sleep/wake primitive (sleep.c) */
	int wake;			/* futex word: 0 armed, 1 woken, 2 signal */
	int info;			/* wake-up information bits, set by the waker (EVL_T_*) */

	/* signals (signal.c): counts the handlers run on this thread, so that a blocking
	 * simulated call can tell a signal arrived while it was inside. */
	unsigned long sig_count;
	int sig_last;			/* last signal number handled */
	int sig_last_restart;		/* ... and whether its handler had SA_RESTART */
	unsigned long sig_snap;		/* sig_count when the current sleep was prepared */
	unsigned long oob_sig;		/* sig_count when the current oob syscall entered */
	unsigned long oob_args[3];	/* its arguments (fd first), for a restart */

	/* counters, readable through the simulator API */
	unsigned long nr_switches;	/* stage switches */
	unsigned long nr_oob_calls;	/* oob syscalls issued */
	unsigned long nr_ctx_switches;	/* times this thread slept */
	unsigned long nr_isw;		/* switches to in-band (evl_get_state()'s isw) */

	/* health monitoring (evl-thread.c) */
	int mode;			/* EVL_T_WOSS... mode bits (evl_set_thread_mode()), atomic */
	int hm_pending;			/* EVL_HMDIAG_* cause of a SIGDEBUG not sent yet, 0: none */
	int in_irq;			/* > 0: in an EVL timer handler (evl_in_irq()) */

	/* the kernel world's struct evl_thread of this thread (sim/evl-wait.c) */
	unsigned char evl_thread[128] __attribute__((aligned(16)));
	int evl_thread_ready;
	/* an EVL kthread's struct evl_thread (in its struct evl_kthread), which then
	 * stands for the one above; NULL for any other thread (sim/evl-kthread.c) */
	void *evl_thread_ext;

	int internal_io;		/* > 0: the simulator itself does I/O (no demotion) */
	int tid;
	int rcu_registered;
	char name[32];			/* EVL thread name once attached */
	struct evlsim_thread *next_all;	/* global list, under the thread registry lock */
} __attribute__((aligned(EVLSIM_CACHELINE)));

/* TLS, initial-exec: async-signal-safe and one instruction to read. */
extern __thread struct evlsim_thread *evlsim__self __attribute__((tls_model("initial-exec")));

struct evlsim_thread *evlsim__current_slow(void);

static inline struct evlsim_thread *evlsim__current(void)
{
	struct evlsim_thread *t = evlsim__self;

	return evlsim_likely(t) ? t : evlsim__current_slow();
}

/* Calls f(t, arg) for each live thread state, under the registry lock. */
void evlsim__for_each_thread(void (*f)(struct evlsim_thread *t, void *arg), void *arg);

/* RCU (liburcu memb), with ThreadSanitizer annotations when built with TSan. */
void evlsim__rcu_read_lock(void);
void evlsim__rcu_read_unlock(void);
void evlsim__synchronize_rcu(void);

/* ---------------------------------------------------------------------------------------
 * The one sleep/wake primitive. Every blocking wait of the simulator goes through it.
 *
 * Protocol (lost-wakeup free): the sleeper calls evlsim__prepare_sleep(self) before it
 * publishes itself on a wait list (under that list's lock), drops the lock and calls
 * evlsim__sleep(). A waker removes it from the list under the same lock, sets ->info and
 * calls evlsim__wake(). A wake-up that happens between prepare and sleep is not lost.
 */
enum evlsim_sleep_result {
	EVLSIM_WOKEN = 0,		/* evlsim__wake() was called */
	EVLSIM_TIMEDOUT = 1,		/* the absolute deadline passed */
	EVLSIM_SIGNALED = 2,		/* interruptible sleep, a signal handler ran */
};
#define EVLSIM_SLEEP_INTERRUPTIBLE	0x1

void evlsim__prepare_sleep(struct evlsim_thread *self);
int evlsim__sleep(struct evlsim_thread *self, evlsim_ns_t deadline, int flags);
/* Must be called with the lock of the wait list @t was removed from still held: the
 * sleeper re-takes that lock before it returns, so @t cannot vanish under the waker. */
void evlsim__wake(struct evlsim_thread *t);
void evlsim__sleep_signal(struct evlsim_thread *self);
/* A signal arrived since the snapshot @since of self->sig_count. */
static inline int evlsim__signal_since(struct evlsim_thread *self, unsigned long since)
{
	return __atomic_load_n(&self->sig_count, __ATOMIC_ACQUIRE) != since;
}

/* ---------------------------------------------------------------------------------------
 * The one clock: CLOCK_MONOTONIC (virtual time under the deterministic scheduler).
 */
evlsim_ns_t evlsim__clock_now(void);
evlsim_ns_t evlsim__clock_realtime(void);

/* ---------------------------------------------------------------------------------------
 * Scheduling points: places where the simulator may yield, inject a delay, or where a
 * white-box test may hook in. Cheap when nothing is hooked.
 */
enum evlsim_sched_point {
	EVLSIM_SP_SWITCH_OOB,		/* an in-band EVL thread is about to switch oob */
	EVLSIM_SP_SWITCH_INBAND,	/* an oob thread is about to switch in-band */
	EVLSIM_SP_OOB_ENTER,		/* an oob handler is about to be called */
	EVLSIM_SP_RELEASE,		/* evl_release_file() is about to wait */
	EVLSIM_SP_SLEEP,		/* a thread is about to sleep on an EVL wait queue */
	EVLSIM_SP_NR,
};
/*
 * White-box tests install a hook called at every scheduling point; the "delay" fault site
 * acts there too. While anything does (evlsim__sched_points_on, one bit each), the oob fast
 * path, which has no scheduling point, steps aside for the general path.
 */
#define EVLSIM_SP_ON_HOOK	1	/* evlsim__set_sched_hook() */
#define EVLSIM_SP_ON_DELAY	2	/* fault.c: the "delay" site is configured */
void evlsim__set_sched_hook(void (*hook)(enum evlsim_sched_point sp));
extern void (*evlsim__sched_hook)(enum evlsim_sched_point sp) EVLSIM_HIDDEN;
extern int evlsim__sched_points_on EVLSIM_HIDDEN;
void evlsim__fault_sched_point(int sp);
static inline void evlsim__sched_point(enum evlsim_sched_point sp)
{
	void (*hook)(enum evlsim_sched_point);
	int on = __atomic_load_n(&evlsim__sched_points_on, __ATOMIC_RELAXED);

	if (evlsim_likely(!on))
		return;
	hook = __atomic_load_n(&evlsim__sched_hook, __ATOMIC_ACQUIRE);
	if (hook)
		hook(sp);
	if (on & EVLSIM_SP_ON_DELAY)
		evlsim__fault_sched_point((int)sp);
}

/* ---------------------------------------------------------------------------------------
 * Fault injection (fault.c, user world; docs/fault-injection.md). The services call
 * evlsim__should_fail(site, size) at their entry: one load while no fault is configured.
 * The result is 0 (go on) or non-zero (fail as the kernel's service fails); for
 * EVLSIM_FAULT_EVL_WAIT, EVLSIM_FAULT_WAIT_ETIMEDOUT asks for -ETIMEDOUT rather than
 * -EINTR. The call site is the caller's return address: use the macro at the entry of an
 * out-of-line service (or in a noinline hook of an inlined one), or pass the driver's call
 * site to evlsim__should_fail_at().
 */
enum evlsim_fault_site {
	EVLSIM_FAULT_SLAB,		/* "failslab" */
	EVLSIM_FAULT_PAGE_ALLOC,	/* "fail_page_alloc" */
	EVLSIM_FAULT_USERCOPY,		/* "fail_usercopy" */
	EVLSIM_FAULT_EVL_WAIT,		/* "fail_evl_wait" */
	EVLSIM_FAULT_INBAND_WAIT,	/* "fail_inband_wait" */
	EVLSIM_FAULT_DELAY,		/* "delay" (scheduling points, never a failure) */
	EVLSIM_FAULT_NR,
};
#define EVLSIM_FAULT_WAIT_EINTR		1
#define EVLSIM_FAULT_WAIT_ETIMEDOUT	2

extern int evlsim__faults_on;		/* non-zero: some site may fail, call the hook */
int evlsim__should_fail_at(int site, evlsim_size_t size, const void *caller);
#define evlsim__should_fail(site, size)						\
	({									\
		int __evlsim_sf = 0;						\
		if (evlsim_unlikely(__atomic_load_n(&evlsim__faults_on, __ATOMIC_RELAXED))) \
			__evlsim_sf = evlsim__should_fail_at((site), (size),	\
							     __builtin_return_address(0)); \
		__evlsim_sf;							\
	})

/* ---------------------------------------------------------------------------------------
 * The one reporter. Every diagnostic goes through it: tagged line, backtrace, counter.
 */
void evlsim__report(enum evlsim_report_kind kind, const char *rule, const char *fmt, ...)
	evlsim_printf(3, 4);
/*
 * +1 before, -1 after system calls the simulator makes for itself (its reports, the fault
 * log) on the caller's thread: they do not demote an oob caller as the program's would.
 */
void evlsim__internal_io(int delta);
/* The function holding @addr as "name+0xoff" (the checker's call sites). */
void evlsim__symbolize(const void *addr, char *buf, evlsim_size_t len);
/* evlsim__report() with a backtrace whatever the kind (a verbose fault NOTICE). */
void evlsim__report_bt(enum evlsim_report_kind kind, const char *rule, const char *fmt, ...)
	evlsim_printf(3, 4);
/* evlsim__report() with the backtrace @frames recorded earlier (accounting.c: leaks). */
void evlsim__report_frames(enum evlsim_report_kind kind, const char *rule, void *const *frames,
			   int nframes, const char *fmt, ...) evlsim_printf(5, 6);
int evlsim__check_mode(void);		/* enum evlsim_check_mode, from $EVLSIM_CHECK */
/* Kernel log (printk): level is the KERN_* digit, or -1 for a continuation. */
int evlsim__vlog(int level, const char *fmt, __builtin_va_list ap);	/* length */

/* ---------------------------------------------------------------------------------------
 * The file descriptor table. Simulated files live at real descriptor numbers reserved
 * with eventfd(2), so they never collide with real files. The table covers every
 * possible descriptor number (fs.nr_open's default), zero-filled and lazily backed by the
 * kernel: one load finds out whether an fd is simulated, and it never needs to grow.
 * Slots are published with release stores and read under RCU.
 */
#define EVLSIM_NR_FDS		(1 << 20)
extern struct file *evlsim__fdt[EVLSIM_NR_FDS] __attribute__((visibility("hidden")));
extern int evlsim__nr_sim_files;	/* simulated files alive; 0 = nothing to route */

static inline int evlsim__fd_is_sim(int fd)
{
	return (unsigned int)fd < EVLSIM_NR_FDS &&
		__atomic_load_n(&evlsim__fdt[fd], __ATOMIC_ACQUIRE) != 0;
}

/* Real descriptor management, done by the user world on behalf of the kernel world.
 * Each returns a descriptor or -errno. */
int evlsim__fd_reserve(int cloexec);
int evlsim__fd_real_close(int fd);
int evlsim__fd_real_dupfd(int fd, int minfd, int cloexec);
int evlsim__fd_real_dup3(int oldfd, int newfd, int cloexec);
int evlsim__fd_real_getfd(int fd);
int evlsim__fd_real_setfd(int fd, int flags);

/* Fault-safe user memory access: the number of bytes NOT copied, never a crash. */
unsigned long evlsim__copy_from_user(void *to, const void *from, unsigned long n);
unsigned long evlsim__copy_to_user(void *to, const void *from, unsigned long n);
unsigned long evlsim__clear_user(void *to, unsigned long n);

/* ---------------------------------------------------------------------------------------
 * Kernel-world entry points for the interposed POSIX calls and the oob syscalls. Each
 * returns >= 0 or -errno, exactly as the kernel's syscall would; -ERESTARTSYS (512) may
 * come back and is resolved by the user world against the handler's SA_RESTART.
 */
#define EVLSIM_ERESTARTSYS	512

int evlsim__node_count(void);			/* registered device nodes */
int evlsim__node_exists(const char *path);	/* @path absolute and normalised */
long evlsim__sys_open(const char *path, int flags, unsigned int mode);
long evlsim__sys_close(int fd);
long evlsim__sys_read(int fd, void *buf, evlsim_size_t count);
long evlsim__sys_write(int fd, const void *buf, evlsim_size_t count);
long evlsim__sys_pread(int fd, void *buf, evlsim_size_t count, long long pos);
long evlsim__sys_pwrite(int fd, const void *buf, evlsim_size_t count, long long pos);
long evlsim__sys_ioctl(int fd, unsigned int cmd, unsigned long arg);
long long evlsim__sys_lseek(int fd, long long offset, int whence);
long evlsim__sys_dup(int fd, int minfd, int cloexec);
long evlsim__sys_dup3(int oldfd, int newfd, int flags, int is_dup2);
long evlsim__sys_fcntl(int fd, int cmd, unsigned long arg);

/* ---------------------------------------------------------------------------------------
 * Memory mappings (mmap.c, kernel world) and the page arena behind them (pages.c, user
 * world). Mappable kernel pages live in one memfd; the kernel world sees all of it at
 * evlsim__arena_base, a user mapping is another view of a range of it. Page frame
 * numbers are EVLSIM_PFN_BASE + the page's index in the file; struct page is the
 * EVLSIM_STRUCT_PAGE_SIZE-byte element of the same index in evlsim__mem_map.
 */
#define EVLSIM_PFN_BASE		(1UL << 36)	/* above any user address >> PAGE_SHIFT */
#define EVLSIM_ARENA_MAX_PAGES	(1UL << 21)	/* 8 GiB of address space */
#define EVLSIM_STRUCT_PAGE_SIZE	48
#define EVLSIM_PROT_READ	0x1		/* the mmap(2) PROT_* values */
#define EVLSIM_PROT_WRITE	0x2
#define EVLSIM_PROT_EXEC	0x4

extern char *evlsim__arena_base;		/* NULL until the first page allocation */
extern unsigned long evlsim__arena_pages;	/* pages backed so far (grows, atomic) */
extern void *evlsim__mem_map;

void *evlsim__pages_alloc(unsigned long nr, unsigned long align, int zero);
void evlsim__pages_free(void *kaddr, unsigned long nr);
void evlsim__pages_poison(void *kaddr, unsigned long len, int on);
unsigned long evlsim__pages_pfn(const void *kaddr);	/* 0: not an arena address */
void *evlsim__pages_kaddr(unsigned long pfn);		/* NULL: not an arena pfn */
long long evlsim__pages_offset(unsigned long pfn);	/* -1: not an arena pfn */
int evlsim__pages_map(unsigned long uaddr, unsigned long pfn, unsigned long nr, int prot,
		      int shared);
long evlsim__vm_reserve(unsigned long addr, unsigned long len, int flags);
int evlsim__vm_release(unsigned long addr, unsigned long len);

extern int evlsim__nr_sim_vmas;		/* simulated mappings alive; 0 = munmap passes */
long evlsim__sys_mmap(unsigned long addr, unsigned long len, int prot, int flags, int fd,
		      unsigned long off);
/* @release: also munmap the range for real (0 when a MAP_FIXED mapping replaces it) */
long evlsim__sys_munmap(unsigned long addr, unsigned long len, int release);
int evlsim__sim_vma_overlaps(unsigned long addr, unsigned long len);

/*
 * Per-thread crossing references. The oob syscall path counts its passage on no shared
 * counter: the caller publishes the struct file it found in an fd slot in its own thread
 * state (->oob_file), checks that the slot still holds it, and clears it on the way out.
 * Whoever frees or releases a file (after clearing every slot that held it) issues
 * evlsim__oob_barrier(), then waits until no thread state names the file
 * (evlsim__oob_file_drain()): a caller either made its publication visible before the
 * barrier, and is waited for, or sees the slot cleared on its recheck, and backs off
 * without having touched the file.
 *
 * The barrier is asymmetric (membarrier(2), private expedited): the callers' side is a
 * compiler barrier. Where membarrier is not available, evlsim__oob_fence is set at start
 * and callers issue a full fence themselves.
 */
extern int evlsim__oob_fence EVLSIM_HIDDEN;
extern int evlsim__oob_drainers EVLSIM_HIDDEN;	/* evlsim__oob_file_drain() callers waiting */
void evlsim__oob_barrier(void);
void evlsim__oob_file_drain(const void *filp);
void evlsim__oob_drain_wake(void);

/*
 * The file open on @fd, published in @t's state, or NULL (nothing published). @fence:
 * callers must fence themselves (evlsim__oob_fence), known to the caller.
 */
static inline void *evlsim__oob_file_probe_fence(struct evlsim_thread *t, unsigned int fd,
						 int fence)
{
	void *filp;

	if (evlsim_unlikely(fd >= EVLSIM_NR_FDS))
		return (void *)0;
	do {
		filp = __atomic_load_n(&evlsim__fdt[fd], __ATOMIC_RELAXED);
		if (evlsim_unlikely(fence)) {
			/* a seq_cst exchange orders the publication before the recheck */
			(void)__atomic_exchange_n(&t->oob_file, filp, __ATOMIC_SEQ_CST);
		} else {
			__atomic_store_n(&t->oob_file, filp, __ATOMIC_RELAXED);
			__atomic_signal_fence(__ATOMIC_SEQ_CST);
		}
		if (!filp)
			return (void *)0;
	} while (evlsim_unlikely(__atomic_load_n(&evlsim__fdt[fd], __ATOMIC_SEQ_CST) != filp));
	return filp;
}

static inline void *evlsim__oob_file_probe(struct evlsim_thread *t, unsigned int fd)
{
	return evlsim__oob_file_probe_fence(t, fd, evlsim__oob_fence);
}

static inline void evlsim__oob_file_put(struct evlsim_thread *t)
{
	__atomic_store_n(&t->oob_file, (void *)0, __ATOMIC_RELEASE);
	/* A missed drainer (store-load reordering) still rescans within a millisecond. */
	__atomic_signal_fence(__ATOMIC_SEQ_CST);
	if (evlsim_unlikely(__atomic_load_n(&evlsim__oob_drainers, __ATOMIC_RELAXED)))
		evlsim__oob_drain_wake();
}

/*
 * The result of an oob syscall as libevl's callers see it, for anything but a plain
 * success: a restart code restarts the call (evlsim__oob_read/write/ioctl() with @fd,
 * @a1, @a2), then glibc prctl()'s -1/errno convention applies.
 */
enum { EVLSIM_OOB_READ, EVLSIM_OOB_WRITE, EVLSIM_OOB_IOCTL };
long evlsim__oob_result(long ret, int op, int fd, unsigned long a1, unsigned long a2);

long evlsim__oob_read(int fd, void *buf, evlsim_size_t count);
long evlsim__oob_write(int fd, const void *buf, evlsim_size_t count);
long evlsim__oob_ioctl(int fd, unsigned int cmd, unsigned long arg);

/* In-band syscall prologue: an oob EVL thread is demoted (SYSDEMOTE) before an in-band
 * call on a simulated object, as Dovetail does before passing the syscall down. */
void evlsim__inband_syscall_enter(void);

/*
 * Health monitoring (evl-thread.c). evlsim__hm_notify() records that the calling thread
 * @t must be told of @cause (EVL_HMDIAG_*) through SIGDEBUG, if its mode has EVL_T_HMSIG
 * (the caller checks the EVL_T_WO* bit that gates the cause: switch_inband() checks
 * EVL_T_WOSS, a lock checker would check EVL_T_WOLI for LKDEPEND/LKSLEEP). The signal is
 * queued at the next point where the thread runs no oob call, as the kernel delivers it on
 * the return to user space: the end of the oob call, or the entry of the in-band call that
 * demoted it (evlsim__hm_flush()). One cause is kept at a time, as for any standard
 * signal already pending.
 */
void evlsim__hm_notify(struct evlsim_thread *t, int cause);
void evlsim__hm_flush(struct evlsim_thread *t);
/* user world: queue SIGDEBUG (SIGXCPU, SI_QUEUE, cause | 0xfccf0000) to the caller */
void evlsim__sigdebug_send(int cause);

/* EVL thread attachment (kernel world builds the thread element). */
int evlsim__evl_attach(struct evlsim_thread *t, const char *name, int flags);
int evlsim__evl_detach(struct evlsim_thread *t);
int evlsim__evl_switch_oob(void);
int evlsim__evl_switch_inband(void);

/* Host threads for the simulator's own contexts (host-thread.c): kthreads (in-band and
 * EVL, the workqueue workers and the RCU callback thread included), the timer CPU, the
 * in-band irq_work worker. Detached, all signals blocked, named @name (15 characters
 * kept); 0 or -errno. */
int evlsim__host_thread_spawn(void (*fn)(void *arg), void *arg, const char *name);
/* @fn runs in the child after fork(): the host threads are gone there. */
void evlsim__host_atfork_child(void (*fn)(void));

/* ---------------------------------------------------------------------------------------
 * Modules (k-module.c), and what the user world does for them.
 */
struct module;
void *evlsim__dl_open(const char *path, char *err, evlsim_size_t errlen);
void evlsim__dl_close(void *handle);
int evlsim__online_cpus(void);
/* Searches $EVLSIM_MODULE_PATH for <name>.so; returns a path to free, or NULL. */
char *evlsim__find_module_path(const char *name);
/* Called by module constructors: registers a module found in the program or in a .so. */
void evlsim__module_constructor(struct module *mod);

/* ---------------------------------------------------------------------------------------
 * In-band kernel threads (kthread-user.c for kthread.c; spawned by
 * evlsim__host_thread_spawn()).
 */
void evlsim__thread_comm(char *buf, evlsim_size_t len);	/* the caller's thread name */
int evlsim__getpid(void);
void evlsim__yield(void);

/* ---------------------------------------------------------------------------------------
 * In-band poll(2)/select(2) with simulated descriptors (poll.c, user world, runs the
 * loop; select.c, kernel world, polls the simulated files through their ->poll). The
 * caller sleeps in the real ppoll() on its real descriptors and an eventfd of its own,
 * which the wait entries registered on the drivers' wait queues write to.
 */
struct evlsim_pollfd {			/* struct pollfd, the same in both worlds */
	int fd;
	short events;
	short revents;
};
#define EVLSIM_POLL_SELECT	0x1	/* select(2): ->events are sets, no filtering */

struct poll_wqueues;			/* kernel world: <linux/poll.h> */
struct poll_wqueues *evlsim__poll_begin(int kick_fd, int may_wait);
int evlsim__poll_scan(struct poll_wqueues *pwq, struct evlsim_pollfd *fds, unsigned int n,
		      int flags);
int evlsim__poll_end(struct poll_wqueues *pwq);	/* 1: the eventfd was kicked */
void evlsim__poll_kick(int kick_fd);		/* user world: write 1 to the eventfd */

#endif /* _EVLSIM_INTERNAL_H */
