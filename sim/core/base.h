/* SPDX-License-Identifier: LGPL-2.1-or-later */
/*
 * evlsim internals, the base of the contract between the two halves of the simulator:
 * export and hint macros, the scalar types, fatal errors and the simulator's own memory.
 *
 * Every internal header is shared by both worlds (see internal.h): plain C and compiler
 * builtins only, no glibc type, no kernel type, no errno name.
 */
#ifndef _EVLSIM_SIM_CORE_BASE_H
#define _EVLSIM_SIM_CORE_BASE_H

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

#endif /* _EVLSIM_SIM_CORE_BASE_H */
