/* SPDX-License-Identifier: LGPL-2.1-or-later */
/*
 * evlsim shim, custom (no kernel counterpart): the module owning an allocation.
 *
 * Resource accounting (sim/check/accounting.c, docs/fault-injection.md) charges every
 * allocation to the module whose code asked for it. As the kernel's memory allocation
 * profiling does with alloc_hooks(), the allocation entry points that driver code calls
 * are macros around the real functions: in module code (compiled with KBUILD_MODNAME)
 * they name the caller's module (THIS_MODULE) for the duration of the call, on the
 * calling thread, so that the allocator (and the helpers it calls: kstrdup() ->
 * kmalloc()) charges the memory to it. The real functions keep their names and can still
 * be taken by address; the macros are defined after the prototypes. Outside module code
 * (the simulator itself) they are the plain calls, parenthesized (so that the simulator
 * can still define the functions: "void *(kmalloc(size_t size, gfp_t flags))" is a valid
 * declarator), and nothing is charged.
 */
#ifndef _EVLSIM_LINUX_EVLSIM_OWNER_H
#define _EVLSIM_LINUX_EVLSIM_OWNER_H

#include <linux/compiler_types.h>

struct module;

/* Makes @mod the owner of what the calling thread allocates; returns the previous one. */
__evlsim_export struct module *evlsim__owner_enter(struct module *mod);
__evlsim_export void evlsim__owner_leave(struct module *prev);

#ifdef KBUILD_MODNAME
/* the module's struct module (linux/module.h defines it, weak and hidden) */
extern struct module __this_module __asm__("evlsim__this_module_" KBUILD_MODNAME)
	__attribute__((weak, visibility("hidden")));

#define __evlsim_owned(call) ({						\
	struct module *__evlsim_prev = evlsim__owner_enter(&__this_module); \
	__typeof__(call) __evlsim_ret = (call);				\
	evlsim__owner_leave(__evlsim_prev);				\
	__evlsim_ret;							\
})
#define __evlsim_owned_void(call) ({					\
	struct module *__evlsim_prev = evlsim__owner_enter(&__this_module); \
	(call);								\
	evlsim__owner_leave(__evlsim_prev);				\
})
#else
#define __evlsim_owned(call)		(call)
#define __evlsim_owned_void(call)	(call)
#endif

#endif
