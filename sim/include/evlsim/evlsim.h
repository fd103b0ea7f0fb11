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
 *	as name.so in the colon-separated directories of $EVLSIM_MODULE_PATH; a string
 *	whose first word contains '/' is the path of a module shared object.
 *
 * Runs the module's init function. Returns 0, or -EEXIST when a module of that name is
 * already loaded, -ENOENT when no such module exists, -ENOEXEC when the shared object
 * holds no module, -EINVAL for a malformed parameter value, or the error returned by the
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
	EVLSIM_REPORT_NR,
};

/* What a rule violation does ($EVLSIM_CHECK=warn|abort|off; default warn). */
enum evlsim_check_mode {
	EVLSIM_CHECK_WARN,	/* print the diagnostic, count it, go on */
	EVLSIM_CHECK_ABORT,	/* print the diagnostic and abort() */
	EVLSIM_CHECK_OFF,	/* neither print nor count rule violations */
};

/** evlsim_report_count - how many diagnostics of @kind were reported since the last reset */
unsigned long evlsim_report_count(enum evlsim_report_kind kind);
/** evlsim_report_total - all diagnostics but notices since the last reset */
unsigned long evlsim_report_total(void);
/** evlsim_reset_reports - set every counter back to zero */
void evlsim_reset_reports(void);
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

/* Per-thread counters. */
struct evlsim_thread_stats {
	unsigned long stage_switches;	/* in-band <-> oob transitions */
	unsigned long oob_calls;	/* oob_read/oob_write/oob_ioctl issued */
	unsigned long sleeps;		/* times the thread blocked in the simulator */
};
/** evlsim_get_thread_stats - counters of the calling thread; 0 */
int evlsim_get_thread_stats(struct evlsim_thread_stats *stats);

#ifdef __cplusplus
}
#endif

#endif /* _EVLSIM_EVLSIM_H */
