/* SPDX-License-Identifier: LGPL-2.1-or-later */
/*
 * Per-thread simulator state (core/thread.c) and the simulator's RCU (core/rcu.c).
 *
 * Shared by both worlds: plain C and compiler builtins only (see core/base.h).
 */
#ifndef _EVLSIM_SIM_CORE_THREAD_H
#define _EVLSIM_SIM_CORE_THREAD_H

#include "core/base.h"

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
#define EVLSIM_HANG_FRAMES	16	/* the hang watch's backtrace of a sleeper */

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
	int in_call;			/* > 0: inside a simulated system call (core/sigdefer.h) */
	int fpu_call;			/* the FPU saved at the outermost call's entry (core/cpu.h) */
	/* another thread ended the thread's EVL wait (evl_unblock_thread()): 1, 2 to demote
	 * it as well (evl_demote_thread()); consumed by that wait (evl/wait.c) */
	int wait_break;
	int oob_sleeping;		/* in libevl's oob sleep (evl_usleep(), evl_sleep_until()) */
	int sig_deferred;		/* handlers waiting for the call's end (core/sigdefer.c) */

	/* cancellation and process exit (core/cancel.c) */
	int cancel_word;		/* EVLSIM_CANCEL_* bits, atomic */
	int cancel_off;			/* the program disabled its cancellation */
	int cancel_async;		/* ... or chose the asynchronous type */
	int cancel_shield;		/* glibc's cancellation disabled for this call */
	int cancel_saved_state;		/* ... and the state to put back */
	unsigned long pthread;		/* pthread_self() */

	/* scheduling policy and priority as the program set them (user/sched.c): recorded,
	 * never applied to the host thread; they order EVL wait queues */
	int sched_policy;		/* EVLSIM_SCHED_*, atomic */
	int sched_prio;			/* atomic */
	int sched_set;			/* the program set them */
	int sched_gen;			/* bumped by each setting, atomic */
	int sched_applied;		/* the setting the EVL thread's wprio has (evl/wait.c) */

	/* counters, readable through the simulator API */
	unsigned long nr_switches;	/* stage switches */
	unsigned long nr_oob_calls;	/* oob syscalls issued */
	unsigned long nr_ctx_switches;	/* times this thread slept */
	unsigned long nr_isw;		/* switches to in-band (evl_get_state()'s isw) */

	/* health monitoring (core/stage.c) */
	int mode;			/* EVL_T_WOSS... mode bits (evl_set_thread_mode()), atomic */
	int hm_pending;			/* EVL_HMDIAG_* cause of a SIGDEBUG not sent yet, 0: none */
	int in_irq;			/* > 0: in an oob interrupt context (evl_in_irq()): an
					 * EVL timer handler or an oob device handler */
	int in_dev_irq;			/* > 0: ... of a device (sim/hw/irq-flow.c) */
	int in_inband_irq;		/* > 0: in an in-band (primary) device handler */
	int irq_defer;			/* > 0: EVL wake-ups wait for the context's end */
	int nr_deferred;		/* wake-ups waiting (evlsim__wake_flush()) */
	int wake_refs;			/* deferred wake-ups naming this thread (atomic) */
	struct evlsim_thread *deferred[16];

	/* the kernel world's struct evl_thread of this thread (evl/wait.c) */
	unsigned char evl_thread[160] __attribute__((aligned(16)));
	int evl_thread_ready;
	/* an EVL kthread's struct evl_thread (in its struct evl_kthread), which then
	 * stands for the one above; NULL for any other thread (evl/kthread.c) */
	void *evl_thread_ext;

	int internal_io;		/* > 0: the simulator itself does I/O (no demotion) */
	int forked_away;		/* a thread of the parent that fork() left behind */
	int sig_injected;		/* fault injection interrupted a wait (no signal) */
	int tid;
	int cpu_bound;			/* simulated CPU it is bound to, plus one (0: any;
					 * set_cpus_allowed_ptr(), kthreads on a CPU) */
	int cpu_ctx;			/* simulated CPU an oob interrupt context (a timer
					 * handler) runs for, plus one (0: none) */
	int rcu_registered;
	void *rcu_reader;		/* its liburcu reader record (core/rcu.c) */
	char name[32];			/* EVL thread name once attached */
	/* the hang watch (core/hang.c): since when it sleeps without a timeout (0: it
	 * does not), and where it went to sleep */
	evlsim_ns_t blocked_since;
	int blocked_nframes;
	void *blocked_frames[EVLSIM_HANG_FRAMES];
	struct evlsim_thread *next_all;	/* global list, under the thread registry lock */
} __attribute__((aligned(EVLSIM_CACHELINE)));

/* The policies' numbers (uapi/linux/sched.h, uapi/evl/sched-abi.h). */
#define EVLSIM_SCHED_OTHER	0
#define EVLSIM_SCHED_FIFO	1
#define EVLSIM_SCHED_RR		2
#define EVLSIM_SCHED_WEAK	43

/* @t's position in EVL priority wait queues: its real-time priority, 0 otherwise */
static inline int evlsim__sched_wprio(struct evlsim_thread *t)
{
	int policy = __atomic_load_n(&t->sched_policy, __ATOMIC_RELAXED);

	if (policy != EVLSIM_SCHED_FIFO && policy != EVLSIM_SCHED_RR)
		return 0;
	return __atomic_load_n(&t->sched_prio, __ATOMIC_RELAXED);
}

/* TLS, initial-exec: async-signal-safe and one instruction to read. */
extern __thread struct evlsim_thread *evlsim__self __attribute__((tls_model("initial-exec")));

struct evlsim_thread *evlsim__current_slow(void);

/*
 * What a thread created through the interposed pthread_create() (user/sched.c) starts
 * with: its scheduling record, applied when its state is created, and the start block
 * carrying it, freed then. Set by the new thread's first instructions, which run before a
 * sanitizer's own start routine and so touch nothing but this; under ThreadSanitizer the
 * state is created by the thread's first simulator call (core/thread.c).
 */
struct evlsim_thread_seed {
	void *block;
	int policy, prio, set;
};
extern __thread struct evlsim_thread_seed evlsim__seed __attribute__((tls_model("initial-exec")));

static inline struct evlsim_thread *evlsim__current(void)
{
	struct evlsim_thread *t = evlsim__self;

	return evlsim_likely(t) ? t : evlsim__current_slow();
}


/* RCU (liburcu memb), with ThreadSanitizer annotations when built with TSan. */
void evlsim__rcu_read_lock(void);
void evlsim__rcu_read_unlock(void);
void evlsim__synchronize_rcu(void);
/* Registration of the calling thread, excluded from fork(): returns its reader record.
 * evlsim__rcu_forget_reader(): in a child of fork(), a thread left behind leaves the
 * registry (core/rcu.c says why). */
void *evlsim__rcu_register_thread(void);
void evlsim__rcu_unregister_thread(void);
void evlsim__rcu_forget_reader(void *reader);

/*
 * A per-thread statistic: written by its own thread only, read by others (evl_get_state()).
 * On x86-64 one increment in memory, which other CPUs see whole, as the kernel's
 * this_cpu_inc(); elsewhere a relaxed atomic store.
 */
#ifdef __x86_64__
#define evlsim__count_event(__c)	__asm__ __volatile__("incq %0" : "+m"(__c))
#else
#define evlsim__count_event(__c)	__atomic_store_n(&(__c), (__c) + 1, __ATOMIC_RELAXED)
#endif

/*
 * Called on a thread's exit, before its state is torn down, by the layer that attached it
 * (the EVL core detaches a thread that exits attached). Set once, at load.
 */
void evlsim__set_thread_exit_hook(void (*hook)(struct evlsim_thread *t));

/* Walks the thread states (core/thread.c); see there. */
int evlsim__for_each_thread(int (*fn)(struct evlsim_thread *t, void *arg), void *arg);

/*
 * fork() (core/thread.c): set in a child once any fork happened in its history. Then a
 * lock found held by a thread the fork left behind (->forked_away) is reported and taken
 * over rather than waited for. evlsim__lock_owner_gone() tells, for a lock held by the
 * thread state @owner (NULL: unknown), reporting it as @what @name the first time.
 */
extern int evlsim__forked;
int evlsim__lock_owner_gone(const void *owner, const char *what, const char *name);

#endif /* _EVLSIM_SIM_CORE_THREAD_H */
