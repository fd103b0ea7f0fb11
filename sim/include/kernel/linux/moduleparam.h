/* SPDX-License-Identifier: LGPL-2.1-or-later */
/*
 * evlsim shim: faithful to linux v6.12 include/linux/moduleparam.h (types, ops and macros
 * for module parameters). Custom registration: each parameter is attached to its module
 * by a constructor instead of a __param section, and its initial value is recorded so
 * that a module reloaded in the same process starts from its defaults again, as a fresh
 * insmod does. Parameters are set from evlsim_load_module("name param=value ...").
 * Deviation: no sysfs, so perm is recorded but not enforced.
 */
#ifndef _EVLSIM_LINUX_MODULEPARAM_H
#define _EVLSIM_LINUX_MODULEPARAM_H

#include <linux/init.h>
#include <linux/stringify.h>
#include <linux/kernel.h>

#define MODULE_PARAM_PREFIX	/* empty: the module name is known from the module */
#define MAX_PARAM_PREFIX_LEN	(64 - sizeof(unsigned long))

struct kernel_param;

enum {
	KERNEL_PARAM_OPS_FL_NOARG = (1 << 0)
};

struct kernel_param_ops {
	unsigned int flags;
	int (*set)(const char *val, const struct kernel_param *kp);
	int (*get)(char *buffer, const struct kernel_param *kp);
	void (*free)(void *arg);
};

enum {
	KERNEL_PARAM_FL_UNSAFE	= (1 << 0),
	KERNEL_PARAM_FL_HWPARAM	= (1 << 1),
};

struct kparam_string {
	unsigned int maxlen;
	char *string;
};

struct kparam_array {
	unsigned int max;
	unsigned int elemsize;
	unsigned int *num;
	const struct kernel_param_ops *ops;
	void *elem;
};

struct kernel_param {
	const char *name;
	struct module *mod;
	const struct kernel_param_ops *ops;
	const u16 perm;
	s8 level;
	u8 flags;
	union {
		void *arg;
		const struct kparam_string *str;
		const struct kparam_array *arr;
	};
};

/* simulator: links a parameter to its module, with room for its default value */
struct evlsim_module_param {
	const struct kernel_param *kp;
	void *defaults;			/* snapshot of the storage taken at registration */
	unsigned int defnum;		/* arrays: snapshot of *num */
	struct evlsim_module_param *next;
};
__evlsim_export void evlsim__module_param_constructor(struct module *mod, struct evlsim_module_param *p);

#define __MODULE_INFO(tag, name, info)	/* informational only */

#define MODULE_PARM_DESC(_parm, desc)

/*
 * Module code is compiled with -DKBUILD_MODNAME='"name"': kbuild defines it for every
 * object, and without it the kernel's module_init(), module_exit() and module_param() do
 * not compile (__KBUILD_MODNAME, MODULE_PARAM_PREFIX). They fail here too, saying why.
 */
#ifdef KBUILD_MODNAME
#define __evlsim_need_modname(what)
#else
#define __evlsim_need_modname(what)						\
	_Static_assert(0, what "() needs KBUILD_MODNAME, the module name as a string "	\
		       "literal: define it when compiling module code, as kbuild does")
#endif

#define __module_param_call(_prefix, _name, _ops, _arg, _perm, _level, _flags) \
	__evlsim_need_modname("module_param");				\
	static const struct kernel_param __param_##_name = {		\
		.name = #_name, .mod = THIS_MODULE, .ops = _ops,		\
		.perm = VERIFY_OCTAL_PERMISSIONS(_perm), .level = _level,	\
		.flags = _flags, { _arg } };				\
	static struct evlsim_module_param __evlsim_param_##_name = {	\
		.kp = &__param_##_name };				\
	static void __attribute__((constructor))			\
	__evlsim_param_ctor_##_name(void)				\
	{								\
		evlsim__module_param_constructor(THIS_MODULE,		\
						 &__evlsim_param_##_name); \
	}

#define VERIFY_OCTAL_PERMISSIONS(perm)	(perm)

#define module_param_cb(name, ops, arg, perm)				      \
	__module_param_call(MODULE_PARAM_PREFIX, name, ops, arg, perm, -1, 0)

#define module_param_named(name, value, type, perm)			   \
	param_check_##type(name, &(value));				   \
	module_param_cb(name, &param_ops_##type, &value, perm);		   \
	__MODULE_PARM_TYPE(name, #type)

#define module_param(name, type, perm)				\
	module_param_named(name, name, type, perm)

#define module_param_unsafe(name, type, perm)			\
	module_param_named(name, name, type, perm)

#define __MODULE_PARM_TYPE(name, _type)

#define module_param_string(name, string, len, perm)			\
	static const struct kparam_string __param_string_##name		\
		= { len, string };					\
	__module_param_call(MODULE_PARAM_PREFIX, name,			\
			    &param_ops_string,				\
			    .str = &__param_string_##name, perm, -1, 0);\
	__MODULE_PARM_TYPE(name, "string")

#define module_param_array_named(name, array, type, nump, perm)		\
	param_check_##type(name, &(array)[0]);				\
	static const struct kparam_array __param_arr_##name		\
	= { .max = ARRAY_SIZE(array), .num = nump,                      \
	    .ops = &param_ops_##type,					\
	    .elemsize = sizeof(array[0]), .elem = array };		\
	__module_param_call(MODULE_PARAM_PREFIX, name,			\
			    &param_array_ops,				\
			    .arr = &__param_arr_##name,			\
			    perm, -1, 0);				\
	__MODULE_PARM_TYPE(name, "array of " #type)

#define module_param_array(name, type, nump, perm)		\
	module_param_array_named(name, name, type, nump, perm)

/* type checks, as the kernel's __param_check() */
#define __param_check(name, p, type) \
	static inline type __always_unused *__check_##name(void) { return(p); }

#define DECLARE_PARAM_OPS(t)						\
	extern const struct kernel_param_ops param_ops_##t		\
		__evlsim_ksym(param_ops_##t);				\
	int param_set_##t(const char *val, const struct kernel_param *kp) \
		__evlsim_ksym(param_set_##t);				\
	int param_get_##t(char *buffer, const struct kernel_param *kp)	\
		__evlsim_ksym(param_get_##t)

DECLARE_PARAM_OPS(byte);
#define param_check_byte(name, p) __param_check(name, p, unsigned char)
DECLARE_PARAM_OPS(short);
#define param_check_short(name, p) __param_check(name, p, short)
DECLARE_PARAM_OPS(ushort);
#define param_check_ushort(name, p) __param_check(name, p, unsigned short)
DECLARE_PARAM_OPS(int);
#define param_check_int(name, p) __param_check(name, p, int)
DECLARE_PARAM_OPS(uint);
#define param_check_uint(name, p) __param_check(name, p, unsigned int)
DECLARE_PARAM_OPS(long);
#define param_check_long(name, p) __param_check(name, p, long)
DECLARE_PARAM_OPS(ulong);
#define param_check_ulong(name, p) __param_check(name, p, unsigned long)
DECLARE_PARAM_OPS(ullong);
#define param_check_ullong(name, p) __param_check(name, p, unsigned long long)
DECLARE_PARAM_OPS(hexint);
#define param_check_hexint(name, p) param_check_uint(name, p)
DECLARE_PARAM_OPS(charp);
#define param_check_charp(name, p) __param_check(name, p, char *)
void param_free_charp(void *arg) __evlsim_ksym(param_free_charp);
DECLARE_PARAM_OPS(bool);
#define param_check_bool(name, p) __param_check(name, p, bool)
DECLARE_PARAM_OPS(invbool);
#define param_check_invbool(name, p) __param_check(name, p, bool)
extern const struct kernel_param_ops param_ops_string __evlsim_ksym(param_ops_string);
int param_set_copystring(const char *val, const struct kernel_param *kp)
	__evlsim_ksym(param_set_copystring);
int param_get_string(char *buffer, const struct kernel_param *kp)
	__evlsim_ksym(param_get_string);

extern const struct kernel_param_ops param_array_ops __evlsim_ksym(param_array_ops);

#endif
