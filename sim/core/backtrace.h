/* SPDX-License-Identifier: LGPL-2.1-or-later */
/*
 * The one stack walker and the one symbolizer (core/backtrace.c).
 *
 * Shared by both worlds: plain C and compiler builtins only (see core/base.h).
 */
#ifndef _EVLSIM_SIM_CORE_BACKTRACE_H
#define _EVLSIM_SIM_CORE_BACKTRACE_H

#include "core/base.h"

/*
 * The return addresses of the calling stack, at most @max of them: @frames[0] lies in
 * the function that calls evlsim__backtrace(), unless @skip frames above it are dropped
 * (skip 1: start in its caller). Returns how many were stored.
 */
int evlsim__backtrace(void **frames, int max, int skip);

/*
 * What is known of a code address: its function and the offset in it, and its source
 * line where debug information has one (file NULL otherwise).
 */
struct evlsim_symbol {
	const char *func;		/* NULL: unknown */
	unsigned long off;
	const char *file;
	int line;
};

/*
 * A symbolizer session: one view of the process's modules (libdw reads /proc to build
 * it), for a batch of lookups. Strings stay valid until evlsim__symbols_end().
 */
struct evlsim_symbols;
struct evlsim_symbols *evlsim__symbols_begin(void);
/* @pc: a code address; @ret: it is a return address (the call is one byte before). */
void evlsim__symbols_lookup(struct evlsim_symbols *s, const void *pc, int ret,
			    struct evlsim_symbol *sym);
void evlsim__symbols_end(struct evlsim_symbols *s);

#endif /* _EVLSIM_SIM_CORE_BACKTRACE_H */
