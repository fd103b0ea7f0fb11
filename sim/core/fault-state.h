/* SPDX-License-Identifier: LGPL-2.1-or-later */
/*
 * Fault injection's own state, shared by its pieces (user world): the sites and their
 * attributes (core/fault-attr.c), the call stacks of the caller filters and the site keys
 * (core/fault-stack.c), systematic mode and replay with their log (core/fault-systematic.c),
 * the decision and the API (core/fault.c). All of it is under fault_lock.
 */
#ifndef _EVLSIM_SIM_CORE_FAULT_STATE_H
#define _EVLSIM_SIM_CORE_FAULT_STATE_H

#include <pthread.h>
#include <stdint.h>
#include <sys/types.h>
#include "core/fault.h"

#define MAX_FILTERS	8
#define FILTER_LEN	64
#define MAX_FRAMES	32

struct fault_attr {
	int enabled;
	int probability;		/* percent */
	unsigned long interval;
	long times;			/* -1: no limit */
	unsigned long space;		/* bytes still to pass before failures start */
	int verbose;			/* 0, 1 (a line), 2 (a line and a backtrace) */
	int task_filter;		/* only threads marked by evlsim_fault_mark_thread() */
	int scope_all;			/* scope=all: the simulator's own calls too */
	int error;			/* fail_evl_wait: EVLSIM_FAULT_WAIT_EINTR/_ETIMEDOUT */
	unsigned long usecs;		/* delay: 0 = sched_yield() */
	int nr_only, nr_never;
	char only[MAX_FILTERS][FILTER_LEN];
	char never[MAX_FILTERS][FILTER_LEN];
	/* run-time state */
	unsigned long calls;		/* for the interval */
	uint64_t rng;
};

extern struct evlsim_mutex evlsim__fault_lock;
extern struct fault_attr evlsim__fault_attrs[EVLSIM_FAULT_NR];	/* under fault_lock */
extern const char *const evlsim__fault_site_names[EVLSIM_FAULT_NR];
extern __thread int evlsim__fault_thread_marked;	/* evlsim_fault_mark_thread() */


/* fault-attr.c: the sites and their attributes */
int evlsim__fault_site_id(const char *name, size_t len);
int evlsim__fault_bad(const char *fmt, ...) __attribute__((format(printf, 1, 2)));
int evlsim__fault_parse_num(const char *v, long long min, long long max, long long *out);
int evlsim__fault_parse_attrs(int site, struct fault_attr *a, const char *s, size_t len);
void evlsim__fault_commit(int site, const struct fault_attr *a);
int evlsim__fault_parse_spec(const char *spec, struct fault_attr *attrs, int *given);
int evlsim__fault_configure_locked(const char *spec);
extern char evlsim__fault_last_error[256];		/* under fault_lock */

/* fault-stack.c: the caller's stack */
int evlsim__fault_filters_pass(const struct fault_attr *a, const void *caller);
int evlsim__fault_in_scope(const struct fault_attr *a, const void *caller);
char *evlsim__fault_site_key(int site, const void *caller, int depth);

/* fault-systematic.c: systematic mode and replay */
int evlsim__fault_sys_decide(int site, const void *caller, char **keyp);
void evlsim__fault_sys_clear(void);
int evlsim__fault_systematic_locked(const char *logfile, int depth);
const char *evlsim__fault_sys_mode(void);

/* fault.c: the seed and the switch */
void evlsim__fault_ensure_seed(void);
void evlsim__fault_update_on(void);
void evlsim__fault_error(const char *what);

#endif /* _EVLSIM_SIM_CORE_FAULT_STATE_H */
