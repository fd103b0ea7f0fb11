/* SPDX-License-Identifier: LGPL-2.1-or-later */
/*
 * evlsim: the simulator's own control API, for test programs and tools.
 *
 * Conventions: every evlsim_*() call returns 0 (or a count or handle) on success and a
 * negated errno on failure, and never touches errno. The header is plain C with no
 * dependency, so that it can be included from test code and from the simulator alike.
 */
#ifndef _EVLSIM_EVLSIM_H
#define _EVLSIM_EVLSIM_H

#ifdef __cplusplus
extern "C" {
#endif

/**
 * evlsim_load_module - load a module, like insmod
 * @name_or_path: "name [param=value ...]" for a module linked into the program, or found
 *	as name.so in the colon-separated directories of $EVLSIM_MODULE_PATH, then in the
 *	installed module directory (<libdir>/evlsim/modules, where the example modules
 *	are installed); a string whose first word contains '/' is the path of a module
 *	shared object.
 *
 * Runs the module's init function. Returns 0, or -EEXIST when a module of that name is
 * already loaded, -ENOENT when no such module exists, -ENOEXEC when the file is not a
 * loadable shared object (not ELF, wrong architecture) or holds no module, -EINVAL for a malformed parameter value, or the error returned by the
 * module's init function (the module is then not loaded and must have unregistered
 * everything it registered; the simulator reports and removes anything left behind).
 */
int evlsim_load_module(const char *name_or_path);

/**
 * evlsim_unload_module - unload a module, like rmmod
 * @name: the module name (KBUILD_MODNAME).
 *
 * Returns 0, -ENOENT if no such module is loaded, or -EBUSY while the module is in use
 * (a file of the module is open, or something holds a reference from try_module_get()).
 */
int evlsim_unload_module(const char *name);

/**
 * evlsim_module_refcount - a loaded module's reference count
 * Returns the count (>= 0), or -ENOENT if no such module is loaded.
 */
int evlsim_module_refcount(const char *name);

/* Kinds of diagnostics counted by the reporter. */
enum evlsim_report_kind {
	EVLSIM_REPORT_WARN,	/* WARN_ON() and friends fired in driver code */
	EVLSIM_REPORT_BUG,	/* BUG_ON() fired in driver code */
	EVLSIM_REPORT_RULE,	/* a driver broke a rule of the execution model */
	EVLSIM_REPORT_DRIVER,	/* a driver broke a VFS contract (bad return value, ...) */
	EVLSIM_REPORT_LEAK,	/* a resource outlived its owner */
	EVLSIM_REPORT_FAULT,	/* an injected fault fired */
	EVLSIM_REPORT_NOTICE,	/* informational */
	EVLSIM_REPORT_MEMORY,	/* use-after-free, double free of driver memory (KASAN) */
	EVLSIM_REPORT_LOCKING,	/* a lock dependency that can deadlock (lockdep) */
	EVLSIM_REPORT_HANG,	/* every EVL thread blocked without a timeout (hang watch) */
	EVLSIM_REPORT_NR,
};

/* What a rule violation does ($EVLSIM_CHECK=warn|abort|off; default warn). */
enum evlsim_check_mode {
	EVLSIM_CHECK_WARN,	/* print the diagnostic, count it, go on */
	EVLSIM_CHECK_ABORT,	/* print the diagnostic and abort() */
	EVLSIM_CHECK_OFF,	/* neither print nor count rule violations */
};

/**
 * evlsim_wait_blocked - wait until an EVL thread is blocked in the driver
 * @efd: the thread's element descriptor (what evl_attach_self() returned to it)
 * @timeout_ns: how long to wait at most, in nanoseconds; negative: no limit
 *
 * For a test that must act while another thread sleeps in a driver's oob handler (on an
 * EVL wait queue, flag, semaphore or mutex: EVL_T_PEND in evl_get_state()), instead of a
 * usleep() that is too short on a loaded machine. Returns 0 once the thread is blocked,
 * -ETIMEDOUT when @timeout_ns passed first, or evl_get_state()'s error for a bad @efd
 * (-EBADF).
 */
int evlsim_wait_blocked(int efd, long long timeout_ns);

/** evlsim_report_count - how many diagnostics of @kind were reported since the last reset */
unsigned long evlsim_report_count(enum evlsim_report_kind kind);
/** evlsim_report_total - all diagnostics but notices since the last reset */
unsigned long evlsim_report_total(void);
/** evlsim_reset_reports - set every counter back to zero */
void evlsim_reset_reports(void);
/**
 * evlsim_set_hang_watch - report a hang: every EVL thread blocked without a timeout
 * @ms: for this long (milliseconds; 0: off, the default; $EVLSIM_HANG_WATCH sets it at
 *	start)
 *
 * One HANG report per episode names each thread, how long it has been blocked and where
 * (its backtrace when it went to sleep); under EVLSIM_CHECK=abort the run ends there.
 * Returns the previous setting.
 */
unsigned int evlsim_set_hang_watch(unsigned int ms);
/** evlsim_set_check_mode - change what a rule violation does; returns the previous mode */
enum evlsim_check_mode evlsim_set_check_mode(enum evlsim_check_mode mode);

/**
 * evlsim_set_compat_caller - make the calling thread a 32-bit (compat) caller
 * @on: non-zero to route this thread's ioctl() to .compat_ioctl and oob_ioctl() to
 *	.compat_oob_ioctl, and make in_compat_syscall() true in its handlers.
 * Returns the previous setting.
 */
int evlsim_set_compat_caller(int on);

/** evlsim_is_sim_fd - 1 if @fd is a simulated file, 0 otherwise */
int evlsim_is_sim_fd(int fd);
/** evlsim_mapping_count - the mmap()s of simulated files alive in the process */
int evlsim_mapping_count(void);

/* Per-thread counters. */
struct evlsim_thread_stats {
	unsigned long stage_switches;	/* in-band <-> oob transitions */
	unsigned long oob_calls;	/* oob_read/oob_write/oob_ioctl issued */
	unsigned long sleeps;		/* times the thread blocked in the simulator */
};
/** evlsim_get_thread_stats - counters of the calling thread; 0 */
int evlsim_get_thread_stats(struct evlsim_thread_stats *stats);

/*
 * Resource accounting per module (docs/fault-injection.md, "Resource accounting"): what a
 * module's code allocated and did not free, and what it holds. Whatever is left at unload
 * is reported as a LEAK; at exit, whatever was never reported ($EVLSIM_LEAKS=report|off).
 */
enum evlsim_acct_kind {
	EVLSIM_ACCT_KMALLOC,		/* kmalloc family, kstrdup() & co. (bytes: requested) */
	EVLSIM_ACCT_CACHE_OBJ,		/* objects from kmem_cache_alloc() */
	EVLSIM_ACCT_CACHE,		/* kmem caches (kmem_cache_create()) */
	EVLSIM_ACCT_VMALLOC,		/* vmalloc family (bytes: page-rounded) */
	EVLSIM_ACCT_PAGES,		/* page allocator blocks (bytes: pages not yet freed) */
	EVLSIM_ACCT_EVL_ALLOC,		/* evl_alloc(), evl_zalloc() */
	EVLSIM_ACCT_FILES,		/* open files whose f_op belongs to the module */
	EVLSIM_ACCT_MODREFS,		/* module references taken by the module's code */
	EVLSIM_ACCT_DEVICES,		/* misc devices and cdevs registered */
	EVLSIM_ACCT_KTHREADS,		/* in-band kthreads running */
	EVLSIM_ACCT_EVL_KTHREADS,	/* EVL kthreads running */
	EVLSIM_ACCT_TIMERS,		/* EVL timers armed */
	EVLSIM_ACCT_WORK,		/* work items queued or delayed */
	EVLSIM_ACCT_IRQS,		/* interrupt lines requested (request_irq() & co.) */
	EVLSIM_ACCT_DRIVERS,		/* platform drivers registered */
	EVLSIM_ACCT_IRQ_MAPPINGS,	/* irq domain mappings (irq_create_mapping() & co.) */
	EVLSIM_ACCT_GPIOCHIPS,		/* GPIO chips registered (gpiochip_add_data()) */
	EVLSIM_ACCT_DMA_CHANS,		/* DMA engine channels requested (dma_request_chan()) */
	EVLSIM_ACCT_PWM_CHIPS,		/* PWM chips registered (pwmchip_add()) */
	EVLSIM_ACCT_PWMS,		/* PWM devices requested (pwm_get() & co.) */
	EVLSIM_ACCT_IOREMAP,		/* ioremap() mappings (bytes: mapped) */
	EVLSIM_ACCT_DMA,		/* DMA coherent buffers and streaming mappings */
	EVLSIM_ACCT_NR,
};
struct evlsim_module_stats {
	unsigned long count[EVLSIM_ACCT_NR];	/* live objects of each kind */
	unsigned long bytes[EVLSIM_ACCT_NR];	/* their bytes (memory kinds only) */
};
/** evlsim_module_stats - what module @name (loaded or not) holds now; 0, -ENOENT, -EINVAL */
int evlsim_module_stats(const char *name, struct evlsim_module_stats *stats);
/**
 * evlsim_leak_check - report (LEAK, rule leak-check, with allocation backtraces) and
 * count every object module @name still holds: call it after unloading the module.
 * Returns the count (0: nothing leaked), -ENOENT or -EINVAL.
 */
int evlsim_leak_check(const char *name);

/*
 * Tracepoints (<trace/events/evl.h>): drivers' calls to the EVL tracepoints are counted
 * here, with the last integer argument (docs/api/cpus-fpu-trace.md).
 */
/** evlsim_trace_count - hits of tracepoint @event ("evl_latspot"); *@last: its last value */
unsigned long evlsim_trace_count(const char *event, long *last);
/** evlsim_trace_reset - clear every tracepoint's count */
void evlsim_trace_reset(void);

/** evlsim_nr_cpus - the number of simulated CPUs ($EVLSIM_CPUS, default the host's) */
int evlsim_nr_cpus(void);

/*
 * Fault injection (docs/fault-injection.md). Sites: "failslab", "fail_page_alloc",
 * "fail_usercopy", "fail_evl_wait", "fail_inband_wait", "fail_ioremap", "fail_dma_alloc",
 * "delay". Attributes, as the
 * kernel's fault-injection framework: probability=0..100 (default 100), interval=N
 * (default 1), times=N|-1 (default -1, no limit), space=bytes, verbose=0|1|2 (default 1),
 * task-filter=0|1, only=<module|function>, never=<module|function> (repeatable),
 * scope=driver|all (default driver: only the drivers' calls fail, not the simulator's own),
 * error=EINTR|ETIMEDOUT (fail_evl_wait), usecs=N (delay; 0 yields). $EVLSIM_FAULTS holds a
 * specification at start, $EVLSIM_SEED the seed.
 */
/** evlsim_fault_set - configure one site ("attr=v,attr=v", "" for the defaults, "off");
 *  0 or -EINVAL (the message, naming the bad token, on stderr and in
 *  evlsim_fault_last_error()) */
int evlsim_fault_set(const char *site, const char *attrs);
/** evlsim_fault_configure - "site:attr=v,attr=v;site..." as $EVLSIM_FAULTS; all or nothing */
int evlsim_fault_configure(const char *spec);
/** evlsim_fault_reset - every site off, counters zero, systematic mode and the calling
 *  thread's fail-nth off */
void evlsim_fault_reset(void);
/** evlsim_fault_count - faults injected at @site (NULL: at every failure site); -EINVAL */
long evlsim_fault_count(const char *site);
/** evlsim_fault_seed - the seed of the fault streams ($EVLSIM_SEED, or from the clock) */
unsigned long long evlsim_fault_seed(void);
/** evlsim_fault_set_seed - reseed every site's stream */
void evlsim_fault_set_seed(unsigned long long seed);
/** evlsim_fault_mark_thread - mark the calling thread for task-filter=1 sites (as
 *  /proc/self/make-it-fail); returns the previous mark */
int evlsim_fault_mark_thread(int on);
/** evlsim_fault_fail_nth - the @n-th fault site call of the calling thread fails, whatever
 *  the sites' attributes (as /proc/self/fail-nth; 0 disarms); returns the calls that were
 *  still to go, or -EINVAL */
long evlsim_fault_fail_nth(long n);
/** evlsim_fault_systematic - fail the first call site not in @logfile (once), after
 *  appending it there; @depth frames identify a site (1: the caller); NULL stops.
 *  0 or -errno */
int evlsim_fault_systematic(const char *logfile, int depth);
/** evlsim_fault_systematic_end - end the run: 1 if it failed a new site, 0 if it met none
 *  ("done" appended to the log), -EINVAL outside systematic mode. Also run at exit. */
int evlsim_fault_systematic_end(void);
/** evlsim_fault_replay - fail the call site @key (a line of a systematic log) once */
int evlsim_fault_replay(const char *key);
/** evlsim_fault_last_error - the message of the last rejected specification */
const char *evlsim_fault_last_error(void);

#ifdef __cplusplus
}
#endif

#endif /* _EVLSIM_EVLSIM_H */
