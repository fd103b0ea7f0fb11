// SPDX-License-Identifier: LGPL-2.1-or-later
/*
 * Modules (kernel world), after kernel/module/main.c; their parameters are in params.c.
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

/* ---- load / unload -------------------------------------------------------------------- */

static struct module *find_module(const char *name, bool loaded_only, bool builtin_only)
{
	struct module *mod, *found = NULL;

	evlsim__mutex_lock(&registry_lock);
	list_for_each_entry(mod, &modules, list) {
		if (!evlsim__name_eq(mod->name, name))
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

	evlsim__restore_param_defaults(mod);
	ret = evlsim__parse_module_args(mod, args);
	if (ret)
		goto fail;

	atomic_set(&mod->refcnt, MODULE_REF_BASE);
	WRITE_ONCE(mod->state, MODULE_STATE_COMING);
	ret = 0;
	if (mod->init)
		ret = mod->init();
	if (ret < 0) {
		WRITE_ONCE(mod->state, MODULE_STATE_GOING);
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
	WRITE_ONCE(mod->state, MODULE_STATE_LIVE);
	mod->evlsim_loaded = 1;
	return 0;
fail:
	evlsim__destroy_params(mod);
	WRITE_ONCE(mod->state, MODULE_STATE_UNFORMED);
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
	WRITE_ONCE(mod->state, MODULE_STATE_GOING);
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
	evlsim__destroy_params(mod);
	mod->evlsim_loaded = 0;
	WRITE_ONCE(mod->state, MODULE_STATE_UNFORMED);
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
