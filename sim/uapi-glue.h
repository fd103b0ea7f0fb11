/* SPDX-License-Identifier: LGPL-2.1-or-later */
/*
 * User-world helpers shared by the files that implement system calls: the syscall result
 * convention (-1 and errno) and the restart of a call interrupted by a signal.
 */
#ifndef _EVLSIM_UAPI_GLUE_H
#define _EVLSIM_UAPI_GLUE_H

#include <errno.h>
#include "internal.h"

/*
 * A simulated call returned -ERESTARTSYS: a signal interrupted it (or the driver asked
 * for a restart). As the kernel's signal delivery does, restart it when no signal was
 * handled or the handler had SA_RESTART; otherwise the call fails with EINTR.
 */
static inline int evlsim__should_restart(unsigned long sig_before)
{
	struct evlsim_thread *t = evlsim__self;

	if (!t || __atomic_load_n(&t->sig_count, __ATOMIC_ACQUIRE) == sig_before)
		return 1;
	return t->sig_last_restart;
}

#define EVLSIM_RESTARTABLE(call)						\
({									\
	struct evlsim_thread *__t = evlsim__current();			\
	unsigned long __sig;						\
	long __r;							\
	do {								\
		__sig = __atomic_load_n(&__t->sig_count, __ATOMIC_ACQUIRE); \
		__r = (call);						\
	} while (__r == -EVLSIM_ERESTARTSYS && evlsim__should_restart(__sig)); \
	__r == -EVLSIM_ERESTARTSYS ? -EINTR : __r;			\
})

/* The -1/errno convention: values in [-4095, -1] are errors, anything else passes. */
static inline long evlsim__syscall_result(long ret)
{
	if (ret < 0 && ret >= -4095) {
		errno = (int)-ret;
		return -1;
	}
	return ret;
}

#endif
