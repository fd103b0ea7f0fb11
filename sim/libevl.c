// SPDX-License-Identifier: LGPL-2.1-or-later
/*
 * The libevl-compatible user API (user world): oob_read/oob_write/oob_ioctl and the
 * thread calls, with libevl r47's return conventions, on top of the kernel world's oob
 * syscall path. r47 issues oob syscalls through glibc's prctl(), whose int result is what
 * the caller sees: -1/errno for [-4095, -1], otherwise the long truncated to an int.
 */
#include <errno.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <evl/evl.h>
#include "internal.h"
#include "uapi-glue.h"

/*
 * The oob syscalls themselves (oob_read, oob_write, oob_ioctl) are in evl-thread.c, where
 * their fast path is one function. What is left for the user world is the rest of the
 * result conventions: restarts (evlsim__restart()) and the -1/errno convention.
 */
long evlsim__oob_result(long ret, int op, int efd, unsigned long a1, unsigned long a2)
{
	/* oob_sig: the thread's signal count when the call entered (no state: EPERM) */
	while (evlsim__self && evlsim__restart(&ret, evlsim__self->oob_sig)) {
		switch (op) {
		case EVLSIM_OOB_READ:
			ret = evlsim__oob_read(efd, (void *)a1, a2);
			break;
		case EVLSIM_OOB_WRITE:
			ret = evlsim__oob_write(efd, (const void *)a1, a2);
			break;
		default:
			ret = evlsim__oob_ioctl(efd, (unsigned int)a1, a2);
			break;
		}
	}
	return (int)evlsim__syscall_result(ret);
}

EVLSIM_EXPORT int evl_init(void)
{
	evlsim__current();
	return 0;
}

EVLSIM_EXPORT int evl_attach_thread(int flags, const char *fmt, ...)
{
	struct evlsim_thread *t = evlsim__current();
	char *name = NULL;
	const char *p;
	va_list ap;
	int ret;

	if (fmt) {
		va_start(ap, fmt);
		ret = vasprintf(&name, fmt, ap);
		va_end(ap);
		if (ret < 0)
			return -ENOMEM;
	}
	p = name;
	if (p && *p == '/') {		/* a leading slash means public */
		flags |= EVL_CLONE_PUBLIC;
		p++;
	}
	ret = evlsim__evl_attach(t, p, flags);
	free(name);
	return ret;
}

EVLSIM_EXPORT int evl_detach_thread(int flags)
{
	(void)flags;
	return evlsim__evl_detach(evlsim__current());
}

EVLSIM_EXPORT int evl_detach_self(void)
{
	return evl_detach_thread(0);
}

EVLSIM_EXPORT int evl_get_self(void)
{
	struct evlsim_thread *t = evlsim__self;

	return t && t->evl ? t->efd : -1;
}

EVLSIM_EXPORT int evl_switch_oob(void)
{
	long ret = EVLSIM_RESTARTABLE(evlsim__evl_switch_oob());

	return (int)ret;
}

EVLSIM_EXPORT int evl_switch_inband(void)
{
	return evlsim__evl_switch_inband();
}

EVLSIM_EXPORT bool evl_is_inband(void)
{
	struct evlsim_thread *t = evlsim__self;

	return !t || !t->evl || t->stage == EVLSIM_INBAND;
}
