// SPDX-License-Identifier: LGPL-2.1-or-later
/*
 * printk, WARN and BUG (kernel world): the kernel log goes to the simulator's console,
 * warnings and bugs to its reporter.
 */
#include <linux/printk.h>
#include <linux/bug.h>
#include <linux/kernel.h>
#include <linux/uaccess.h>
#include "kinternal.h"

/* Strips the KERN_<LEVEL> prefix; returns the level, LOGLEVEL_DEFAULT or -2 for KERN_CONT. */
static int printk_level(const char **fmt)
{
	int level = LOGLEVEL_DEFAULT;

	while ((*fmt)[0] == KERN_SOH_ASCII && (*fmt)[1]) {
		char c = (*fmt)[1];

		if (c >= '0' && c <= '7')
			level = c - '0';
		else if (c == 'c')
			level = -2;
		*fmt += 2;
	}
	return level;
}

int vprintk(const char *fmt, va_list args)
{
	int level = printk_level(&fmt);

	if (level == LOGLEVEL_DEFAULT)
		level = 4;	/* MESSAGE_LOGLEVEL_DEFAULT */
	else if (level == -2)
		level = -1;
	return evlsim__vlog(level < 0 ? 0 : level, fmt, args);
}

int _printk(const char *fmt, ...)
{
	va_list args;
	int r;

	va_start(args, fmt);
	r = vprintk(fmt, args);
	va_end(args);
	return r;
}

void warn_slowpath_fmt(const char *file, const int line, unsigned taint, const char *fmt, ...)
{
	char msg[512];
	va_list args;

	if (fmt) {
		va_start(args, fmt);
		vsnprintf(msg, sizeof(msg), fmt, args);
		va_end(args);
	} else {
		msg[0] = '\0';
	}
	evlsim__report(EVLSIM_REPORT_WARN, NULL, "at %s:%d %s", file, line, msg);
}

void evlsim__bug(const char *file, int line, const char *func)
{
	evlsim__report(EVLSIM_REPORT_BUG, NULL, "kernel BUG at %s:%d in %s()", file, line, func);
	__builtin_trap();
}

/*
 * Sleep and fault annotations, hooks of the golden-rule checker (checker.c): might_sleep()
 * in driver code, and the user memory accessors of <linux/uaccess.h> (always inline in the
 * driver: this hook's return address is the call site).
 */
noinline void evlsim__might_sleep(const char *func)
{
	if (likely(__atomic_load_n(&evlsim__checks_enabled, __ATOMIC_RELAXED)))
		evlsim__check_service_at(EVLSIM_SVC_might_sleep, __builtin_return_address(0));
}

static int fault_service(const char *func)
{
	if (func[0] == '_' && func[1] == '_')
		func += 2;
	if (!strcmp(func, "copy_from_user"))
		return EVLSIM_SVC_copy_from_user;
	if (!strcmp(func, "copy_to_user"))
		return EVLSIM_SVC_copy_to_user;
	if (!strcmp(func, "get_user"))
		return EVLSIM_SVC_get_user;
	if (!strcmp(func, "put_user"))
		return EVLSIM_SVC_put_user;
	if (!strcmp(func, "clear_user"))
		return EVLSIM_SVC_clear_user;
	return EVLSIM_SVC_copy_from_user;
}

noinline void evlsim__might_fault(const char *func)
{
	struct evlsim_thread *t = evlsim__self;

	/* the common case first: in-band, no hard lock */
	if (likely(!(t && t->stage == EVLSIM_OOB) && !evlsim__hard_state))
		return;
	if (likely(__atomic_load_n(&evlsim__checks_enabled, __ATOMIC_RELAXED)))
		evlsim__check_service_at(fault_service(func), __builtin_return_address(0));
}

/* ---- device messages (drivers/base/core.c) ------------------------------------------- */

const char *dev_driver_string(const struct device *dev)
{
	struct device_driver *drv = READ_ONCE(dev->driver);

	if (drv)
		return drv->name;
	if (dev->bus)
		return dev->bus->name;
	if (dev->class)
		return dev->class->name;
	return "";
}

void _dev_printk(const char *level, const struct device *dev, const char *fmt, ...)
{
	char msg[512];
	va_list ap;

	va_start(ap, fmt);
	vsnprintf(msg, sizeof(msg), fmt, ap);
	va_end(ap);
	if (dev)
		printk("%s%s %s: %s", level, dev_driver_string(dev), dev_name(dev), msg);
	else
		printk("%s(NULL device *): %s", level, msg);
}

/* dev_err_probe - "error <err>: <message>" at KERN_ERR, except for -EPROBE_DEFER */
int dev_err_probe(const struct device *dev, int err, const char *fmt, ...)
{
	char msg[256];
	va_list args;

	va_start(args, fmt);
	vsnprintf(msg, sizeof(msg), fmt, args);
	va_end(args);
	if (err != -EPROBE_DEFER)
		_dev_printk(KERN_ERR, dev, "error %d: %s", err, msg);
	return err;
}
