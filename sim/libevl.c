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
 * The oob syscalls. The fast path is one call and one comparison; an error goes through
 * oob_failed(), which restarts a call ended by a restart code as the kernel would
 * (evlsim__restart()), then applies the -1/errno convention.
 */
enum oob_op { OOB_READ, OOB_WRITE, OOB_IOCTL };

static __attribute__((noinline, cold)) long oob_failed(long ret, enum oob_op op, int efd,
							unsigned long a1, unsigned long a2)
{
	/* oob_sig: the thread's signal count when the call entered (no state: EPERM) */
	while (evlsim__self && evlsim__restart(&ret, evlsim__self->oob_sig)) {
		switch (op) {
		case OOB_READ:
			ret = evlsim__oob_read(efd, (void *)a1, a2);
			break;
		case OOB_WRITE:
			ret = evlsim__oob_write(efd, (const void *)a1, a2);
			break;
		default:
			ret = evlsim__oob_ioctl(efd, (unsigned int)a1, a2);
			break;
		}
	}
	return evlsim__syscall_result(ret);
}

#define oob_result(ret, op, efd, a1, a2)						(evlsim_unlikely((unsigned long)(ret) >= -4095UL) ?				 (int)oob_failed(ret, op, efd, (unsigned long)(a1), (unsigned long)(a2)) : (int)(ret))

EVLSIM_EXPORT ssize_t oob_read(int efd, void *buf, size_t count)
{
	long ret = evlsim__oob_read(efd, buf, count);

	return oob_result(ret, OOB_READ, efd, buf, count);
}

EVLSIM_EXPORT ssize_t oob_write(int efd, const void *buf, size_t count)
{
	long ret = evlsim__oob_write(efd, buf, count);

	return oob_result(ret, OOB_WRITE, efd, buf, count);
}

EVLSIM_EXPORT int oob_ioctl(int efd, unsigned long request, ...)
{
	unsigned long arg;
	va_list ap;
	long ret;

	va_start(ap, request);
	arg = va_arg(ap, unsigned long);
	va_end(ap);
	ret = evlsim__oob_ioctl(efd, (unsigned int)request, arg);
	return oob_result(ret, OOB_IOCTL, efd, (unsigned int)request, arg);
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
