/* SPDX-License-Identifier: LGPL-2.1-or-later */
/*
 * evlsim shim: linux v6.12 include/linux/module.h, custom re-implementation.
 *
 * Module identity: kbuild compiles every object of a module with
 * -DKBUILD_MODNAME='"name"', and modpost defines one struct module __this_module per
 * module. Here each object of a module carries a weak, hidden __this_module whose link
 * name is derived from KBUILD_MODNAME ("evlsim__this_module_<name>"): the objects of one
 * module share it, two modules linked into one program do not clash, and THIS_MODULE stays
 * an address constant usable in static initialisers (.owner = THIS_MODULE). Constructors
 * attach module_init()/module_exit() functions and parameters to it and register it with
 * the simulator, whether the module is linked into the program or dlopen()ed as a shared
 * object by evlsim_load_module().
 */
#ifndef _EVLSIM_LINUX_MODULE_H
#define _EVLSIM_LINUX_MODULE_H

#include <linux/types.h>
#include <linux/compiler.h>
#include <linux/init.h>
#include <linux/export.h>
#include <linux/stringify.h>
#include <linux/atomic.h>
#include <linux/moduleparam.h>
#include <linux/evlsim-owner.h>

#define MODULE_NAME_LEN	(64 - sizeof(unsigned long))

enum module_state {
	MODULE_STATE_LIVE,	/* Normal state. */
	MODULE_STATE_COMING,	/* Full formed, running module_init. */
	MODULE_STATE_GOING,	/* Going away. */
	MODULE_STATE_UNFORMED,	/* Still setting it up. */
};

struct module {
	enum module_state state;
	struct list_head list;
	char name[MODULE_NAME_LEN];
	int (*init)(void);
	void (*exit)(void);
	atomic_t refcnt;
	const char *license;
	const char *description;
	const char *author;
	const char *version;
	/* simulator bookkeeping */
	struct evlsim_module_param *evlsim_params;
	void *evlsim_dl_handle;		/* dlopen() handle of a module .so */
	char *evlsim_dl_path;
	int evlsim_registered;
	int evlsim_loaded;
	struct evlsim_module_acct *evlsim_acct;	/* resource accounting (sim/check/accounting.c) */
};

#define MODULE_REF_BASE	1

__evlsim_export void evlsim__module_constructor(struct module *mod);

#if defined(MODULE) || defined(KBUILD_MODNAME)
#ifndef KBUILD_MODNAME
#error "module code must be compiled with -DKBUILD_MODNAME='\"name\"', as kbuild does"
#endif
extern struct module __this_module __asm__("evlsim__this_module_" KBUILD_MODNAME);
struct module __this_module __attribute__((weak, visibility("hidden"))) = {
	.state = MODULE_STATE_UNFORMED,
	.name = KBUILD_MODNAME,
	.refcnt = ATOMIC_INIT(MODULE_REF_BASE),
};
#define THIS_MODULE (&__this_module)

static void __attribute__((constructor, used)) __evlsim_register_this_module(void)
{
	evlsim__module_constructor(THIS_MODULE);
}

#define module_init(initfn)					\
	static inline initcall_t __maybe_unused __inittest(void)	\
	{ return initfn; }					\
	static void __attribute__((constructor)) __evlsim_module_init_ctor(void) \
	{							\
		__this_module.init = initfn;			\
		evlsim__module_constructor(THIS_MODULE);	\
	}

#define module_exit(exitfn)					\
	static inline exitcall_t __maybe_unused __exittest(void)	\
	{ return exitfn; }					\
	static void __attribute__((constructor)) __evlsim_module_exit_ctor(void) \
	{							\
		__this_module.exit = exitfn;			\
		evlsim__module_constructor(THIS_MODULE);	\
	}

#define __EVLSIM_MODULE_FIELD(field, value)			\
	static void __attribute__((constructor))		\
	__PASTE(__evlsim_modinfo_, __COUNTER__)(void)		\
	{							\
		__this_module.field = (value);			\
	}
#define MODULE_LICENSE(_license)	__EVLSIM_MODULE_FIELD(license, _license)
#define MODULE_DESCRIPTION(_desc)	__EVLSIM_MODULE_FIELD(description, _desc)
#define MODULE_AUTHOR(_author)		__EVLSIM_MODULE_FIELD(author, _author)
#define MODULE_VERSION(_version)	__EVLSIM_MODULE_FIELD(version, _version)
#else
#define THIS_MODULE ((struct module *)0)
#define module_init(initfn)	__evlsim_need_modname("module_init")
#define module_exit(exitfn)	__evlsim_need_modname("module_exit")
#define MODULE_LICENSE(_license)
#define MODULE_DESCRIPTION(_desc)
#define MODULE_AUTHOR(_author)
#define MODULE_VERSION(_version)
#endif

#define MODULE_INFO(tag, info)
#define MODULE_ALIAS(_alias)
#define MODULE_SOFTDEP(_softdep)
#define MODULE_FIRMWARE(_firmware)
#define MODULE_IMPORT_NS(ns)
#define MODULE_DEVICE_TABLE(type, name)

bool try_module_get(struct module *module) __evlsim_ksym(try_module_get);
void module_put(struct module *module) __evlsim_ksym(module_put);
void __module_get(struct module *module) __evlsim_ksym(__module_get);
int module_refcount(struct module *mod) __evlsim_ksym(module_refcount);
/* resource accounting: references the calling module holds (linux/evlsim-owner.h) */
#define try_module_get(module)		__evlsim_owned(try_module_get(module))
#define __module_get(module)		__evlsim_owned_void(__module_get(module))
#define module_put(module)		__evlsim_owned_void(module_put(module))

static inline const char *module_name(struct module *mod)
{
	return mod ? mod->name : "kernel";
}

/* read once: try_module_get() may race with an unload (evlsim: the kernel's plain read) */
static inline bool module_is_live(struct module *mod)
{
	return READ_ONCE(mod->state) != MODULE_STATE_GOING;
}

#endif
