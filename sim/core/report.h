/* SPDX-License-Identifier: LGPL-2.1-or-later */
/*
 * The one reporter (core/report.c).
 *
 * Shared by both worlds: plain C and compiler builtins only (see core/base.h).
 */
#ifndef _EVLSIM_SIM_CORE_REPORT_H
#define _EVLSIM_SIM_CORE_REPORT_H

#include "core/base.h"

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
/* A backtrace recorded earlier, printed under @title by evlsim__report_extra(). */
struct evlsim_bt {
	const char *title;
	void *const *frames;
	int nframes;
};
void evlsim__report_extra(enum evlsim_report_kind kind, const char *rule,
			  const struct evlsim_bt *extra, int nextra, const char *fmt, ...)
	evlsim_printf(5, 6);
void evlsim__report_others(enum evlsim_report_kind kind, const char *rule,
			   const struct evlsim_bt *extra, int nextra, const char *fmt, ...)
	evlsim_printf(5, 6);
int evlsim__check_mode(void);		/* enum evlsim_check_mode, from $EVLSIM_CHECK */
/* Kernel log (printk): level is the KERN_* digit, or -1 for a continuation. */
int evlsim__vlog(int level, const char *fmt, __builtin_va_list ap);	/* length */


/*
 * The check mode's fast tests, read by the checks of every layer: whether rule checks
 * are on at all (EVLSIM_CHECK is not "off"), and the calling thread's count of the
 * simulator's own uses of checked services (evlsim__unchecked_begin()/_end()).
 */
extern int evlsim__checks_enabled EVLSIM_HIDDEN;
extern __thread int evlsim__unchecked __attribute__((tls_model("initial-exec")));

#endif /* _EVLSIM_SIM_CORE_REPORT_H */
