// SPDX-License-Identifier: LGPL-2.1-or-later
/*
 * Module parameters (kernel world), after kernel/params.c: the standard kernel_param_ops,
 * arrays and strings, the defaults snapshotted at registration and restored before each
 * load (a reloaded module starts like a fresh insmod), and the parsing of the arguments
 * evlsim_load_module() is given ("echo size=64").
 */
#include <linux/module.h>
#include <linux/moduleparam.h>
#include <linux/slab.h>
#include <linux/string.h>
#include <linux/kstrtox.h>
#include <linux/ctype.h>
#include "kinternal.h"

/* Guards the modules' parameter lists; taken by constructors, which can run in a dlopen(). */
static struct evlsim_mutex params_lock = EVLSIM_MUTEX_INITIALIZER;

static size_t param_storage(const struct kernel_param *kp, void **storage);

void evlsim__module_param_constructor(struct module *mod, struct evlsim_module_param *p)
{
	struct evlsim_module_param *it;
	void *storage;
	size_t size;

	evlsim__mutex_lock(&params_lock);
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
	evlsim__mutex_unlock(&params_lock);
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

void evlsim__restore_param_defaults(struct module *mod)
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

void evlsim__destroy_params(struct module *mod)
{
	struct evlsim_module_param *p;

	for (p = mod->evlsim_params; p; p = p->next)
		if (p->kp->ops->free)
			p->kp->ops->free(p->kp->ops == &param_array_ops ?
					 (void *)p->kp->arr : p->kp->arg);
}

static bool parameq(const char *a, const char *b)
{
	return evlsim__name_eq(a, b);
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

int evlsim__parse_module_args(struct module *mod, char *args)
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

