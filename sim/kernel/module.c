// SPDX-License-Identifier: LGPL-2.1-or-later
/*
 * Modules (kernel world), after kernel/module/main.c and kernel/params.c.
 *
 * A module is known to the simulator once its constructors ran: at program start for a
 * module linked into the program, at dlopen() time for a module shared object. Loading
 * sets the parameters given on the command line (after restoring their defaults), runs
 * the init function and makes the module live; unloading refuses while the module is in
 * use (-EBUSY), then runs the exit function. A shared object stays mapped after unload, so
 * that nothing can call into unmapped code; loading it again runs its init again.
 *
 * Module references follow the kernel's protocol: ->refcnt starts at MODULE_REF_BASE,
 * try_module_get() succeeds only while the module is live and the count is not zero, and
 * unload drops the base reference first, so no new reference can be taken once it has
 * decided the module is unused.
 */
#include <linux/module.h>
#include <linux/moduleparam.h>
#include <linux/slab.h>
#include <linux/string.h>
#include <linux/kstrtox.h>
#include <linux/ctype.h>
#include <linux/miscdevice.h>
#include <linux/cdev.h>
#include "kinternal.h"

static LIST_HEAD(modules);
/* Serializes load and unload (the kernel's module_mutex). */
static struct evlsim_mutex module_mutex = EVLSIM_MUTEX_INITIALIZER;
/* Guards the list; taken by constructors, which can run inside a load (dlopen). */
static struct evlsim_mutex registry_lock = EVLSIM_MUTEX_INITIALIZER;

/* The shared object being dlopen()ed, if any: modules registering now come from it. */
static const char *dl_loading_path;
static struct module *dl_loaded_module;

static bool name_eq(const char *a, const char *b)
{
	for (;; a++, b++) {
		char ca = *a == '-' ? '_' : *a, cb = *b == '-' ? '_' : *b;

		if (ca != cb)
			return false;
		if (!ca)
			return true;
	}
}

/* Constructors of every object of a module call this; the first call registers it. */
void evlsim__module_constructor(struct module *mod)
{
	evlsim__mutex_lock(&registry_lock);
	if (!mod->evlsim_registered) {
		mod->evlsim_registered = 1;
		if (dl_loading_path) {
			mod->evlsim_dl_path = evlsim__strdup(dl_loading_path);
			dl_loaded_module = mod;
		}
		list_add_tail(&mod->list, &modules);
	}
	evlsim__mutex_unlock(&registry_lock);
}

struct module *evlsim__module_of(const struct file_operations *fops)
{
	return fops ? fops->owner : NULL;
}

/* ---- references ----------------------------------------------------------------------- */

bool try_module_get(struct module *module)
{
	int old;

	if (!module)
		return true;
	if (!module_is_live(module))
		return false;
	old = atomic_read(&module->refcnt);
	do {
		if (!old)
			return false;
	} while (!atomic_try_cmpxchg(&module->refcnt, &old, old + 1));
	evlsim__acct_modref(1);
	return true;
}

void __module_get(struct module *module)
{
	if (module) {
		atomic_inc(&module->refcnt);
		evlsim__acct_modref(1);
	}
}

void module_put(struct module *module)
{
	if (module) {
		int ret = atomic_dec_if_positive(&module->refcnt);

		WARN_ON(ret < 0);	/* Failed to put refcount */
		evlsim__acct_modref(-1);
	}
}

int module_refcount(struct module *mod)
{
	return atomic_read(&mod->refcnt) - MODULE_REF_BASE;
}

/* ---- parameters ----------------------------------------------------------------------- */

static size_t param_storage(const struct kernel_param *kp, void **storage);

void evlsim__module_param_constructor(struct module *mod, struct evlsim_module_param *p)
{
	struct evlsim_module_param *it;
	void *storage;
	size_t size;

	evlsim__mutex_lock(&registry_lock);
	for (it = mod->evlsim_params; it; it = it->next)
		if (it == p)
			goto out;
	size = param_storage(p->kp, &storage);
	p->defaults = evlsim__malloc(size);
	memcpy(p->defaults, storage, size);
	if (p->kp->ops == &param_array_ops && p->kp->arr->num)
		p->defnum = *p->kp->arr->num;
	p->next = mod->evlsim_params;
	mod->evlsim_params = p;
out:
	evlsim__mutex_unlock(&registry_lock);
}

#define STANDARD_PARAM_DEF(name, type, format, strtolfn)			\
	int param_set_##name(const char *val, const struct kernel_param *kp)	\
	{									\
		return strtolfn(val, 0, (type *)kp->arg);			\
	}									\
	int param_get_##name(char *buffer, const struct kernel_param *kp)	\
	{									\
		return scnprintf(buffer, PAGE_SIZE, format "\n",		\
				 *((type *)kp->arg));				\
	}									\
	const struct kernel_param_ops param_ops_##name = {			\
		.set = param_set_##name,					\
		.get = param_get_##name,					\
	};

STANDARD_PARAM_DEF(byte,	unsigned char,		"%hhu",		kstrtou8);
STANDARD_PARAM_DEF(short,	short,			"%hi",		kstrtos16);
STANDARD_PARAM_DEF(ushort,	unsigned short,		"%hu",		kstrtou16);
STANDARD_PARAM_DEF(int,		int,			"%i",		kstrtoint);
STANDARD_PARAM_DEF(uint,	unsigned int,		"%u",		kstrtouint);
STANDARD_PARAM_DEF(long,	long,			"%li",		kstrtol);
STANDARD_PARAM_DEF(ulong,	unsigned long,		"%lu",		kstrtoul);
STANDARD_PARAM_DEF(ullong,	unsigned long long,	"%llu",		kstrtoull);
STANDARD_PARAM_DEF(hexint,	unsigned int,		"%#08x",	kstrtouint);

/* charp values set from the command line are kmalloc()ed and freed on unload/overwrite */
struct kmalloced_param {
	struct list_head list;
	char *val;
};
static LIST_HEAD(kmalloced_params);

static void maybe_kfree_parameter(void *param)
{
	struct kmalloced_param *p;

	list_for_each_entry(p, &kmalloced_params, list) {
		if (p->val == param) {
			list_del(&p->list);
			kfree(p->val);
			kfree(p);
			break;
		}
	}
}

int param_set_charp(const char *val, const struct kernel_param *kp)
{
	struct kmalloced_param *p;
	size_t len, maxlen = 1024;

	len = strnlen(val, maxlen + 1);
	if (len == maxlen + 1) {
		pr_err("%s: string parameter too long\n", kp->name);
		return -ENOSPC;
	}
	maybe_kfree_parameter(*(char **)kp->arg);

	p = kzalloc(sizeof(*p), GFP_KERNEL);
	if (!p)
		return -ENOMEM;
	p->val = kstrndup(val, len, GFP_KERNEL);
	if (!p->val) {
		kfree(p);
		return -ENOMEM;
	}
	list_add(&p->list, &kmalloced_params);
	*(char **)kp->arg = p->val;
	return 0;
}

int param_get_charp(char *buffer, const struct kernel_param *kp)
{
	return scnprintf(buffer, PAGE_SIZE, "%s\n", *((char **)kp->arg));
}

void param_free_charp(void *arg)
{
	maybe_kfree_parameter(*((char **)arg));
}

const struct kernel_param_ops param_ops_charp = {
	.set = param_set_charp,
	.get = param_get_charp,
	.free = param_free_charp,
};

int param_set_bool(const char *val, const struct kernel_param *kp)
{
	/* No equals means "set"... */
	if (!val)
		val = "1";
	/* One of =[yYnN01] */
	return kstrtobool(val, kp->arg);
}

int param_get_bool(char *buffer, const struct kernel_param *kp)
{
	return sprintf(buffer, "%c\n", *(bool *)kp->arg ? 'Y' : 'N');
}

const struct kernel_param_ops param_ops_bool = {
	.flags = KERNEL_PARAM_OPS_FL_NOARG,
	.set = param_set_bool,
	.get = param_get_bool,
};

int param_set_invbool(const char *val, const struct kernel_param *kp)
{
	int ret;
	bool boolval;
	struct kernel_param dummy = { .arg = &boolval };

	ret = param_set_bool(val, &dummy);
	if (ret == 0)
		*(bool *)kp->arg = !boolval;
	return ret;
}

int param_get_invbool(char *buffer, const struct kernel_param *kp)
{
	return sprintf(buffer, "%c\n", (*(bool *)kp->arg) ? 'N' : 'Y');
}

const struct kernel_param_ops param_ops_invbool = {
	.set = param_set_invbool,
	.get = param_get_invbool,
};

int param_set_copystring(const char *val, const struct kernel_param *kp)
{
	const struct kparam_string *kps = kp->str;

	if (strnlen(val, kps->maxlen) == kps->maxlen) {
		pr_err("%s: string doesn't fit in %u chars.\n", kp->name, kps->maxlen - 1);
		return -ENOSPC;
	}
	strcpy(kps->string, val);
	return 0;
}

int param_get_string(char *buffer, const struct kernel_param *kp)
{
	const struct kparam_string *kps = kp->str;

	return scnprintf(buffer, PAGE_SIZE, "%s\n", kps->string);
}

const struct kernel_param_ops param_ops_string = {
	.set = param_set_copystring,
	.get = param_get_string,
};

/* Comma-separated values into the array, as param_array() does. */
static int param_array_set(const char *val, const struct kernel_param *kp)
{
	const struct kparam_array *arr = kp->arr;
	unsigned int temp_num, i = 0;
	char buf[1024], *p = buf, *tok;
	int ret;

	if (!val || strscpy(buf, val, sizeof(buf)) < 0)
		return -EINVAL;
	while ((tok = strsep(&p, ",")) != NULL) {
		struct kernel_param kp_elem = *kp;

		if (i == arr->max) {
			pr_err("%s: can only take %i arguments\n", kp->name, arr->max);
			return -EINVAL;
		}
		kp_elem.arg = (char *)arr->elem + arr->elemsize * i;
		ret = arr->ops->set(tok, &kp_elem);
		if (ret)
			return ret;
		i++;
	}
	temp_num = i;
	if (arr->num)
		*arr->num = temp_num;
	return 0;
}

static int param_array_get(char *buffer, const struct kernel_param *kp)
{
	const struct kparam_array *arr = kp->arr;
	unsigned int i, off = 0, num = arr->num ? *arr->num : arr->max;
	int ret;

	for (i = 0; i < num; i++) {
		struct kernel_param p = *kp;

		if (i)
			buffer[off++] = ',';
		p.arg = (char *)arr->elem + arr->elemsize * i;
		ret = arr->ops->get(buffer + off, &p);
		if (ret < 0)
			return ret;
		off += ret;
		if (off && buffer[off - 1] == '\n')
			off--;
	}
	buffer[off++] = '\n';
	buffer[off] = '\0';
	return off;
}

static void param_array_free(void *arg)
{
	const struct kparam_array *arr = arg;
	unsigned int i;

	if (arr->ops->free)
		for (i = 0; i < (arr->num ? *arr->num : arr->max); i++)
			arr->ops->free((char *)arr->elem + arr->elemsize * i);
}

const struct kernel_param_ops param_array_ops = {
	.set = param_array_set,
	.get = param_array_get,
	.free = param_array_free,
};

static size_t param_storage(const struct kernel_param *kp, void **storage)
{
	const struct kernel_param_ops *ops = kp->ops;

	if (ops == &param_ops_string) {
		*storage = kp->str->string;
		return kp->str->maxlen;
	}
	if (ops == &param_array_ops) {
		*storage = kp->arr->elem;
		return (size_t)kp->arr->max * kp->arr->elemsize;
	}
	*storage = kp->arg;
	if (ops == &param_ops_byte || ops == &param_ops_bool || ops == &param_ops_invbool)
		return 1;
	if (ops == &param_ops_short || ops == &param_ops_ushort)
		return 2;
	if (ops == &param_ops_int || ops == &param_ops_uint || ops == &param_ops_hexint)
		return 4;
	return 8;	/* long, ulong, ullong, charp, custom ops on a pointer-sized value */
}

static void restore_param_defaults(struct module *mod)
{
	struct evlsim_module_param *p;
	void *storage;
	size_t size;

	for (p = mod->evlsim_params; p; p = p->next) {
		size = param_storage(p->kp, &storage);
		memcpy(storage, p->defaults, size);
		if (p->kp->ops == &param_array_ops && p->kp->arr->num)
			*p->kp->arr->num = p->defnum;
	}
}

static void destroy_params(struct module *mod)
{
	struct evlsim_module_param *p;

	for (p = mod->evlsim_params; p; p = p->next)
		if (p->kp->ops->free)
			p->kp->ops->free(p->kp->ops == &param_array_ops ?
					 (void *)p->kp->arr : p->kp->arg);
}

static bool parameq(const char *a, const char *b)
{
	return name_eq(a, b);
}

/*
 * next_arg(): split "name=value" words, honouring double quotes around values (and
 * around whole words), as the kernel's command line parser does.
 */
static char *next_arg(char *args, char **param, char **val)
{
	unsigned int i, equals = 0;
	int in_quote = 0, quoted = 0;

	if (*args == '"') {
		args++;
		in_quote = 1;
		quoted = 1;
	}
	for (i = 0; args[i]; i++) {
		if (isspace(args[i]) && !in_quote)
			break;
		if (equals == 0 && args[i] == '=')
			equals = i;
		if (args[i] == '"')
			in_quote = !in_quote;
	}
	*param = args;
	if (!equals) {
		*val = NULL;
	} else {
		args[equals] = '\0';
		*val = args + equals + 1;
		if (**val == '"') {
			(*val)++;
			if (args[i - 1] == '"')
				args[i - 1] = '\0';
		}
	}
	if (quoted && i > 0 && args[i - 1] == '"')
		args[i - 1] = '\0';
	if (args[i]) {
		args[i] = '\0';
		args += i + 1;
	} else {
		args += i;
	}
	return skip_spaces(args);
}

static int parse_module_args(struct module *mod, char *args)
{
	struct evlsim_module_param *p;
	char *param, *val;
	int err;

	args = skip_spaces(args);
	while (*args) {
		args = next_arg(args, &param, &val);
		for (p = mod->evlsim_params; p; p = p->next)
			if (parameq(param, p->kp->name))
				break;
		if (!p) {
			pr_warn("%s: unknown parameter '%s' ignored\n", mod->name, param);
			continue;
		}
		if (!val && !(p->kp->ops->flags & KERNEL_PARAM_OPS_FL_NOARG)) {
			pr_err("%s: parameter '%s' needs a value\n", mod->name, param);
			return -EINVAL;
		}
		err = p->kp->ops->set(val, p->kp);
		if (err) {
			pr_err("%s: '%s' invalid for parameter '%s'\n", mod->name, val ?: "", param);
			return err;
		}
	}
	return 0;
}

/* ---- load / unload -------------------------------------------------------------------- */

static struct module *find_module(const char *name, bool loaded_only, bool builtin_only)
{
	struct module *mod, *found = NULL;

	evlsim__mutex_lock(&registry_lock);
	list_for_each_entry(mod, &modules, list) {
		if (!name_eq(mod->name, name))
			continue;
		if (loaded_only && !mod->evlsim_loaded)
			continue;
		if (builtin_only && mod->evlsim_dl_path)
			continue;
		found = mod;
		break;
	}
	evlsim__mutex_unlock(&registry_lock);
	return found;
}

/* a module known to the simulator, loaded or not (accounting.c) */
/**
 * evlsim_module_stats - what module @name holds now
 * @name: a module, loaded or not
 * @stats: filled with its counts per kind of resource
 *
 * Return: 0, -EINVAL for a NULL argument, -ENOENT for a module evlsim does not know.
 */
EVLSIM_EXPORT int evlsim_module_stats(const char *name, struct evlsim_module_stats *stats)
{
	struct module *mod;

	if (!name || !stats)
		return -EINVAL;
	mod = find_module(name, false, false);
	if (!mod)
		return -ENOENT;
	evlsim__acct_stats(mod, stats);
	return 0;
}

/**
 * evlsim_leak_check - report what module @name holds now, as leaks
 * @name: a module, loaded or not
 *
 * Return: the number of objects reported, -EINVAL or -ENOENT as evlsim_module_stats().
 */
EVLSIM_EXPORT int evlsim_leak_check(const char *name)
{
	struct module *mod;

	if (!name)
		return -EINVAL;
	mod = find_module(name, false, false);
	if (!mod)
		return -ENOENT;
	return evlsim__acct_leak_check(mod);
}

static struct module *find_module_by_path(const char *path)
{
	struct module *mod, *found = NULL;

	evlsim__mutex_lock(&registry_lock);
	list_for_each_entry(mod, &modules, list)
		if (mod->evlsim_dl_path && !strcmp(mod->evlsim_dl_path, path))
			found = mod;
	evlsim__mutex_unlock(&registry_lock);
	return found;
}

static int dl_load(const char *path, struct module **modp)
{
	struct module *mod;
	char err[256];
	void *handle;
	int exists;

	mod = find_module_by_path(path);
	if (mod) {
		*modp = mod;
		return 0;
	}
	evlsim__mutex_lock(&registry_lock);
	dl_loading_path = path;
	dl_loaded_module = NULL;
	evlsim__mutex_unlock(&registry_lock);

	handle = evlsim__dl_open(path, err, sizeof(err), &exists);

	evlsim__mutex_lock(&registry_lock);
	dl_loading_path = NULL;
	mod = dl_loaded_module;
	evlsim__mutex_unlock(&registry_lock);

	if (!handle) {
		pr_err("evlsim: cannot load module %s: %s\n", path, err);
		/* as insmod: a file that is not a loadable object is "Invalid module format" */
		return exists ? -ENOEXEC : -ENOENT;
	}
	if (!mod) {
		pr_err("evlsim: %s holds no module (no module_init/module_exit/THIS_MODULE)\n",
		       path);
		evlsim__dl_close(handle);
		return -ENOEXEC;
	}
	mod->evlsim_dl_handle = handle;
	*modp = mod;
	return 0;
}

static int do_init_module(struct module *mod, char *args)
{
	int ret;

	restore_param_defaults(mod);
	ret = parse_module_args(mod, args);
	if (ret)
		goto fail;

	atomic_set(&mod->refcnt, MODULE_REF_BASE);
	mod->state = MODULE_STATE_COMING;
	ret = 0;
	if (mod->init)
		ret = mod->init();
	if (ret < 0) {
		mod->state = MODULE_STATE_GOING;
		pr_warn("evlsim: init of module %s failed: %d\n", mod->name, ret);
		evlsim__acct_leftovers(mod, "init failed");
		goto fail;
	}
	if (ret > 0) {
		evlsim__report(EVLSIM_REPORT_DRIVER, "bad-return",
			       "%s: init suspiciously returned %d, it should follow 0/-E convention; loading module anyway",
			       mod->name, ret);
		ret = 0;
	}
	mod->state = MODULE_STATE_LIVE;
	mod->evlsim_loaded = 1;
	return 0;
fail:
	destroy_params(mod);
	mod->state = MODULE_STATE_UNFORMED;
	return ret;
}

EVLSIM_EXPORT int evlsim_load_module(const char *name_or_path)
{
	char *cmd, *args, *word, *path = NULL;
	struct module *mod;
	int ret;

	evlsim__inband_syscall_enter();		/* init_module(2): an in-band syscall */
	if (!name_or_path)
		return -EINVAL;
	evlsim__current();
	cmd = evlsim__strdup(name_or_path);
	word = skip_spaces(cmd);
	args = word;
	while (*args && !isspace(*args))
		args++;
	if (*args)
		*args++ = '\0';
	if (!*word) {
		ret = -EINVAL;
		goto out;
	}

	evlsim__mutex_lock(&module_mutex);
	if (strchr(word, '/')) {
		ret = dl_load(word, &mod);
	} else {
		mod = find_module(word, false, true);
		ret = 0;
		if (!mod) {
			path = evlsim__find_module_path(word);
			ret = path ? dl_load(path, &mod) : -ENOENT;
		}
	}
	if (ret)
		goto unlock;

	if (find_module(mod->name, true, false)) {
		ret = -EEXIST;
		goto unlock;
	}
	ret = do_init_module(mod, args);
unlock:
	evlsim__mutex_unlock(&module_mutex);
out:
	evlsim__free(path);
	evlsim__free(cmd);
	return ret;
}

/* try_stop_module(): drop the base reference; fail if someone else holds one. */
static int try_stop_module(struct module *mod)
{
	if (atomic_sub_return(MODULE_REF_BASE, &mod->refcnt) != 0) {
		atomic_add(MODULE_REF_BASE, &mod->refcnt);
		return -EBUSY;
	}
	mod->state = MODULE_STATE_GOING;
	return 0;
}

EVLSIM_EXPORT int evlsim_unload_module(const char *name)
{
	struct module *mod;
	int ret;

	evlsim__inband_syscall_enter();		/* delete_module(2): an in-band syscall */
	if (!name)
		return -EINVAL;
	evlsim__current();
	evlsim__mutex_lock(&module_mutex);
	mod = find_module(name, true, false);
	ret = -ENOENT;
	if (!mod)
		goto out;
	ret = -EBUSY;
	/* a module with an init but no exit cannot be removed */
	if (mod->init && !mod->exit)
		goto out;
	ret = try_stop_module(mod);
	if (ret)
		goto out;
	if (mod->exit)
		mod->exit();
	evlsim__acct_leftovers(mod, "unloaded");
	destroy_params(mod);
	mod->evlsim_loaded = 0;
	mod->state = MODULE_STATE_UNFORMED;
	atomic_set(&mod->refcnt, MODULE_REF_BASE);
out:
	evlsim__mutex_unlock(&module_mutex);
	return ret;
}

EVLSIM_EXPORT int evlsim_module_refcount(const char *name)
{
	struct module *mod = name ? find_module(name, true, false) : NULL;

	return mod ? module_refcount(mod) : -ENOENT;
}
