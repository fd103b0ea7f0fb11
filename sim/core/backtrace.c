// SPDX-License-Identifier: LGPL-2.1-or-later
/*
 * The one stack walker and the one symbolizer (user world).
 *
 * The reporter's backtraces, the accounting's allocation sites and the fault injector's
 * call-site filters and keys all walk the stack here, with glibc's backtrace(), and name
 * addresses here: through libdw when available (static functions too, and file:line),
 * else through the dynamic symbol table (dladdr()).
 */
#include <dlfcn.h>
#include <execinfo.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>
#ifdef HAVE_CONFIG_H
#include "config.h"
#endif
#ifdef HAVE_LIBDW
#include <elfutils/libdwfl.h>
#endif
#include "core/backtrace.h"
#include "core/cpu.h"

#define MAX_WALK	128

__attribute__((noinline)) int evlsim__backtrace(void **frames, int max, int skip)
{
	void *all[MAX_WALK];
	int n;

	if (max <= 0 || skip < 0)
		return 0;
	skip++;				/* this function's own frame */
	if (max + skip > MAX_WALK)
		max = MAX_WALK - skip;
	EVLSIM_FPU_GUARDED(n = backtrace(all, max + skip) - skip);
	if (n <= 0)
		return 0;
	EVLSIM_FPU_GUARDED(memcpy(frames, all + skip, (size_t)n * sizeof(void *)));
	__asm__ __volatile__("" ::: "memory");	/* no tail call: keep this frame */
	return n;
}

/* glibc loads the unwinder on first use: now, not inside an allocation or a report */
__attribute__((constructor)) static void backtrace_init(void)
{
	void *frame;

	backtrace(&frame, 1);
}

struct evlsim_symbols {
#ifdef HAVE_LIBDW
	Dwfl *dwfl;
#else
	char none;
#endif
};

struct evlsim_symbols *evlsim__symbols_begin(void)
{
	struct evlsim_symbols *s = calloc(1, sizeof(*s));
#ifdef HAVE_LIBDW
	static const Dwfl_Callbacks callbacks = {
		.find_elf = dwfl_linux_proc_find_elf,
		.find_debuginfo = dwfl_standard_find_debuginfo,
	};

	if (s) {
		s->dwfl = dwfl_begin(&callbacks);
		if (s->dwfl) {
			dwfl_linux_proc_report(s->dwfl, getpid());
			dwfl_report_end(s->dwfl, NULL, NULL);
		}
	}
#endif
	return s;
}

void evlsim__symbols_lookup(struct evlsim_symbols *s, const void *pc, int ret,
			    struct evlsim_symbol *sym)
{
	unsigned long addr = (unsigned long)pc - (ret ? 1 : 0);
	Dl_info info;

	memset(sym, 0, sizeof(*sym));
#ifdef HAVE_LIBDW
	if (s && s->dwfl) {
		Dwfl_Module *mod = dwfl_addrmodule(s->dwfl, (Dwarf_Addr)addr);
		GElf_Off off = 0;
		GElf_Sym esym;

		if (mod) {
			Dwfl_Line *l = dwfl_module_getsrc(mod, (Dwarf_Addr)addr);

			sym->func = dwfl_module_addrinfo(mod, (Dwarf_Addr)addr, &off, &esym,
							 NULL, NULL, NULL);
			sym->off = (unsigned long)off;
			if (l)
				sym->file = dwfl_lineinfo(l, NULL, &sym->line, NULL, NULL, NULL);
		}
		if (sym->func)
			return;
	}
#else
	(void)s;
#endif
	if (dladdr((const void *)addr, &info) && info.dli_sname) {
		sym->func = info.dli_sname;
		sym->off = addr - (unsigned long)info.dli_saddr;
	}
}

void evlsim__symbols_end(struct evlsim_symbols *s)
{
	if (!s)
		return;
#ifdef HAVE_LIBDW
	if (s->dwfl)
		dwfl_end(s->dwfl);
#endif
	free(s);
}
