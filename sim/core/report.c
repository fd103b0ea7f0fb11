// SPDX-License-Identifier: LGPL-2.1-or-later
/*
 * The one reporter (user world).
 *
 * Every diagnostic of the simulator (a WARN_ON() in a driver, a broken rule, a leak, an
 * injected fault) is printed here as one tagged line with the calling thread, followed by
 * a symbolized backtrace (function+offset and file:line, core/backtrace.c),
 * and counted per kind. $EVLSIM_CHECK=warn|abort|off chooses what a rule violation does.
 * Also home of the kernel log (printk) and of evlsim__die().
 */
#include <errno.h>
#include <pthread.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>
#include "internal.h"
#include "core/backtrace.h"

#define MAX_FRAMES	32

static unsigned long counts[EVLSIM_REPORT_NR];
static int check_mode = -1;		/* enum evlsim_check_mode, -1 until read from the env */
static int console_loglevel = -1;
static struct evlsim_mutex print_lock = EVLSIM_MUTEX_INITIALIZER;

static const char *const kind_tags[EVLSIM_REPORT_NR] = {
	[EVLSIM_REPORT_WARN] = "WARNING",
	[EVLSIM_REPORT_BUG] = "BUG",
	[EVLSIM_REPORT_RULE] = "RULE",
	[EVLSIM_REPORT_DRIVER] = "DRIVER",
	[EVLSIM_REPORT_LEAK] = "LEAK",
	[EVLSIM_REPORT_FAULT] = "FAULT",
	[EVLSIM_REPORT_NOTICE] = "NOTICE",
	[EVLSIM_REPORT_MEMORY] = "MEMORY",
	[EVLSIM_REPORT_LOCKING] = "LOCKING",
	[EVLSIM_REPORT_HANG] = "HANG",
};

/* The kinds EVLSIM_CHECK governs: silenced by off, fatal under abort. */
static int checked_kind(enum evlsim_report_kind kind)
{
	return kind == EVLSIM_REPORT_RULE || kind == EVLSIM_REPORT_MEMORY ||
	       kind == EVLSIM_REPORT_LOCKING || kind == EVLSIM_REPORT_HANG;
}

/* 0 when rule checks are off: the one load of every check (core/report.h) */
int evlsim__checks_enabled = 1;
/* the calling thread's depth of the simulator's own uses of checked services */
__thread int evlsim__unchecked __attribute__((tls_model("initial-exec")));

static void publish_check_mode(int mode)
{
	__atomic_store_n(&evlsim__checks_enabled, mode != EVLSIM_CHECK_OFF, __ATOMIC_RELAXED);
}

/* $EVLSIM_CHECK, read at the first report (core/cpu.h: the FPU guard) */
static int read_check_knob(void)
{
	const char *env = getenv("EVLSIM_CHECK");
	int mode = EVLSIM_CHECK_WARN;

	if (env && !strcmp(env, "abort"))
		mode = EVLSIM_CHECK_ABORT;
	else if (env && !strcmp(env, "off"))
		mode = EVLSIM_CHECK_OFF;
	else if (env && *env && strcmp(env, "warn"))
		fprintf(stderr, "evlsim: EVLSIM_CHECK=%s is not warn, abort or off; using warn\n", env);
	return mode;
}

static int get_check_mode(void)
{
	int mode = __atomic_load_n(&check_mode, __ATOMIC_RELAXED);

	if (mode >= 0)
		return mode;
	EVLSIM_FPU_GUARDED(mode = read_check_knob());
	__atomic_store_n(&check_mode, mode, __ATOMIC_RELAXED);
	publish_check_mode(mode);
	return mode;
}

/* The check mode, read from the environment on first use (checker.c). */
int evlsim__check_mode(void)
{
	return get_check_mode();
}

EVLSIM_EXPORT enum evlsim_check_mode evlsim_set_check_mode(enum evlsim_check_mode mode)
{
	int old = get_check_mode();

	__atomic_store_n(&check_mode, (int)mode, __ATOMIC_RELAXED);
	publish_check_mode((int)mode);
	return (enum evlsim_check_mode)old;
}

EVLSIM_EXPORT unsigned long evlsim_report_count(enum evlsim_report_kind kind)
{
	if ((unsigned int)kind >= EVLSIM_REPORT_NR)
		return 0;
	return __atomic_load_n(&counts[kind], __ATOMIC_RELAXED);
}

EVLSIM_EXPORT unsigned long evlsim_report_total(void)
{
	unsigned long sum = 0;
	int k;

	for (k = 0; k < EVLSIM_REPORT_NR; k++)
		if (k != EVLSIM_REPORT_NOTICE)
			sum += __atomic_load_n(&counts[k], __ATOMIC_RELAXED);
	return sum;
}

EVLSIM_EXPORT void evlsim_reset_reports(void)
{
	int k;

	for (k = 0; k < EVLSIM_REPORT_NR; k++)
		__atomic_store_n(&counts[k], 0, __ATOMIC_RELAXED);
}

static void print_frames(FILE *out, void *const *frames, int n)
{
	struct evlsim_symbols *syms = evlsim__symbols_begin();
	struct evlsim_symbol sym;
	int i;

	for (i = 0; i < n; i++) {
		/* Return addresses point after the call: look up the call itself. */
		evlsim__symbols_lookup(syms, frames[i], i > 0, &sym);
		if (sym.file)
			fprintf(out, "evlsim:   #%-2d %s+%#lx (%s:%d)\n", i, sym.func ? sym.func : "??",
				sym.off, sym.file, sym.line);
		else
			fprintf(out, "evlsim:   #%-2d %s+%#lx [%p]\n", i, sym.func ? sym.func : "??",
				sym.off, frames[i]);
	}
	evlsim__symbols_end(syms);
}

void evlsim__internal_io(int delta)
{
	struct evlsim_thread *t = evlsim__self;

	if (t)
		t->internal_io += delta;
}
#define internal_io evlsim__internal_io

/*
 * The function holding @addr, as "name+0xoff" (libdw: static functions too; else the
 * dynamic symbol table through dladdr()), or "[addr]" when unknown.
 */
void evlsim__symbolize(const void *addr, char *buf, evlsim_size_t len)
{
	int saved_errno = errno;
	struct evlsim_symbols *syms;
	struct evlsim_symbol sym;

	internal_io(1);		/* libdw reads /proc: no demotion */
	syms = evlsim__symbols_begin();
	evlsim__symbols_lookup(syms, addr, 0, &sym);
	if (sym.func)
		snprintf(buf, len, "%s+%#lx", sym.func, sym.off);
	else
		snprintf(buf, len, "[%p]", addr);
	evlsim__symbols_end(syms);
	internal_io(-1);
	errno = saved_errno;
}

static void print_backtrace(FILE *out, int skip)
{
	void *frames[MAX_FRAMES];
	int n = evlsim__backtrace(frames, MAX_FRAMES, skip);

	print_frames(out, frames, n);
}

static void print_header(FILE *out, const char *tag, const char *rule, const char *fmt,
			 va_list ap)
{
	struct evlsim_thread *t = evlsim__self;

	if (rule)
		fprintf(out, "evlsim: %s [%s] ", tag, rule);
	else
		fprintf(out, "evlsim: %s ", tag);
	vfprintf(out, fmt, ap);
	if (t)
		fprintf(out, " (thread %s%s%stid %d, %s)\n", t->evl ? "'" : "",
			t->evl ? t->name : "", t->evl ? "' " : "", t->tid,
			t->stage == EVLSIM_OOB ? "out-of-band" : "in-band");
	else
		fprintf(out, " (tid %d, in-band)\n", (int)gettid());
}

/*
 * The simulator's own output goes through stdio, hence through the interposed write():
 * marked as internal, it does not demote an oob thread as the program's own I/O would.
 */

static __attribute__((noinline)) void vreport_extra(enum evlsim_report_kind kind,
						    const char *rule, int bt,
						    const struct evlsim_bt *extra, int nextra,
						    const char *fmt, va_list ap)
{
	int mode = get_check_mode(), saved_errno = errno, i, fpu_live = evlsim__fpu_live;

	if (checked_kind(kind) && mode == EVLSIM_CHECK_OFF)
		return;
	__atomic_fetch_add(&counts[kind], 1, __ATOMIC_RELAXED);

	if (fpu_live)		/* stdio, libdw: core/cpu.h */
		evlsim__fpu_guard_enter();
	internal_io(1);
	evlsim__mutex_lock(&print_lock);
	print_header(stderr, kind_tags[kind], rule, fmt, ap);
	if (bt)
		print_backtrace(stderr, 3);
	for (i = 0; i < nextra; i++) {
		fprintf(stderr, "evlsim: %s\n", extra[i].title);
		if (extra[i].nframes > 0)
			print_frames(stderr, (void **)extra[i].frames, extra[i].nframes);
		else
			fprintf(stderr, "evlsim:   (no backtrace recorded)\n");
	}
	fflush(stderr);
	evlsim__mutex_unlock(&print_lock);
	internal_io(-1);
	if (fpu_live)
		evlsim__fpu_guard_leave();

	if (kind == EVLSIM_REPORT_BUG ||
	    (checked_kind(kind) && mode == EVLSIM_CHECK_ABORT)) {
		fprintf(stderr, "evlsim: aborting (%s)\n",
			kind == EVLSIM_REPORT_BUG ? "BUG" : "EVLSIM_CHECK=abort");
		abort();
	}
	/* a report is invisible to the program under test: the unwinder clobbers errno */
	errno = saved_errno;
}

static __attribute__((noinline)) void vreport(enum evlsim_report_kind kind, const char *rule,
					      int bt, const char *fmt, va_list ap)
{
	vreport_extra(kind, rule, bt, NULL, 0, fmt, ap);
}

/*
 * A diagnostic with the current backtrace, then @nextra backtraces recorded earlier, each
 * under its title (memcheck.c: where the object was allocated and freed; lockdep.c: where
 * each lock of a chain was taken).
 */
void evlsim__report_extra(enum evlsim_report_kind kind, const char *rule,
			  const struct evlsim_bt *extra, int nextra, const char *fmt, ...)
{
	va_list ap;

	va_start(ap, fmt);
	vreport_extra(kind, rule, 1, extra, nextra, fmt, ap);
	va_end(ap);
}

/* evlsim__report_extra() without the current backtrace (a watchdog's is of no use) */
void evlsim__report_others(enum evlsim_report_kind kind, const char *rule,
			   const struct evlsim_bt *extra, int nextra, const char *fmt, ...)
{
	va_list ap;

	va_start(ap, fmt);
	vreport_extra(kind, rule, 0, extra, nextra, fmt, ap);
	va_end(ap);
}

void evlsim__report(enum evlsim_report_kind kind, const char *rule, const char *fmt, ...)
{
	va_list ap;

	va_start(ap, fmt);
	vreport(kind, rule, kind != EVLSIM_REPORT_NOTICE, fmt, ap);
	va_end(ap);
}

void evlsim__report_bt(enum evlsim_report_kind kind, const char *rule, const char *fmt, ...)
{
	va_list ap;

	va_start(ap, fmt);
	vreport(kind, rule, 1, fmt, ap);
	va_end(ap);
}

/*
 * A diagnostic with a backtrace recorded earlier (resource accounting: where a leaked
 * object was allocated), symbolized now, in place of the current one.
 */
void evlsim__report_frames(enum evlsim_report_kind kind, const char *rule, void *const *frames,
			   int nframes, const char *fmt, ...)
{
	int saved_errno = errno;
	va_list ap;

	__atomic_fetch_add(&counts[kind], 1, __ATOMIC_RELAXED);
	if (evlsim__fpu_live)	/* stdio, libdw: core/cpu.h */
		evlsim__fpu_guard_enter();
	internal_io(1);
	evlsim__mutex_lock(&print_lock);
	va_start(ap, fmt);
	print_header(stderr, kind_tags[kind], rule, fmt, ap);
	va_end(ap);
	if (nframes > 0)
		print_frames(stderr, frames, nframes);
	fflush(stderr);
	evlsim__mutex_unlock(&print_lock);
	internal_io(-1);
	if (evlsim__fpu_live)
		evlsim__fpu_guard_leave();
	errno = saved_errno;
}

_Noreturn void evlsim__die_at(const char *file, int line, const char *func, const char *fmt, ...)
{
	/* taking the print lock may itself fail and die: that second death prints unlocked */
	static __thread int dying;
	va_list ap;

	if (!dying++)
		evlsim__mutex_lock(&print_lock);
	fprintf(stderr, "evlsim: internal error in %s() at %s:%d: ", func, file, line);
	va_start(ap, fmt);
	vfprintf(stderr, fmt, ap);
	va_end(ap);
	fputc('\n', stderr);
	print_backtrace(stderr, 1);
	fflush(stderr);
	abort();
}

/*
 * printk: the console prints messages below $EVLSIM_LOGLEVEL (default 7, as the kernel's
 * default console_loglevel: everything but KERN_DEBUG), on stderr, one write per line.
 */
static int vlog(int level, const char *fmt, va_list ap)
{
	int len, loglevel = __atomic_load_n(&console_loglevel, __ATOMIC_RELAXED);
	char buf[1024];

	if (loglevel < 0) {
		const char *env = getenv("EVLSIM_LOGLEVEL");

		loglevel = env && *env ? atoi(env) : 7;
		__atomic_store_n(&console_loglevel, loglevel, __ATOMIC_RELAXED);
	}
	len = vsnprintf(buf, sizeof(buf), fmt, ap);
	if (len < 0)
		return 0;
	if (level < loglevel) {
		internal_io(1);
		evlsim__mutex_lock(&print_lock);
		fwrite(buf, 1, (size_t)len < sizeof(buf) ? (size_t)len : sizeof(buf) - 1, stderr);
		fflush(stderr);
		evlsim__mutex_unlock(&print_lock);
		internal_io(-1);
	}
	return len;
}

/* stdio, vsnprintf() and getenv() use the vector registers (core/cpu.h) */
int evlsim__vlog(int level, const char *fmt, va_list ap)
{
	int len, saved_errno = errno;

	EVLSIM_FPU_GUARDED(len = vlog(level, fmt, ap));
	errno = saved_errno;
	return len;
}
