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
 * A simulated call returned one of the kernel's restart codes (never seen by user
 * space). As the kernel's signal delivery (arch/x86/kernel/signal.c) does:
 * -ERESTARTSYS restarts when no handler ran or the handler had SA_RESTART,
 * -ERESTARTNOINTR always restarts, -ERESTARTNOHAND and -ERESTART_RESTARTBLOCK restart
 * only when no handler ran (the restart block is emulated by calling again). Otherwise
 * the call fails with EINTR. Returns 1 to restart; else 0, with *ret final.
 */
#define EVLSIM_ERESTARTNOINTR		513
#define EVLSIM_ERESTARTNOHAND		514
#define EVLSIM_ERESTART_RESTARTBLOCK	516

static inline int evlsim__restart(long *ret, unsigned long sig_before)
{
	struct evlsim_thread *t = evlsim__self;
	int handled = t && __atomic_load_n(&t->sig_count, __ATOMIC_ACQUIRE) != sig_before;

	switch (-*ret) {
	case EVLSIM_ERESTARTSYS:
		if (!handled || t->sig_last_restart)
			return 1;
		break;
	case EVLSIM_ERESTARTNOINTR:
		return 1;
	case EVLSIM_ERESTARTNOHAND:
	case EVLSIM_ERESTART_RESTARTBLOCK:
		if (!handled)
			return 1;
		break;
	default:
		return 0;
	}
	*ret = -EINTR;
	return 0;
}

#define EVLSIM_RESTARTABLE(call)						\
({									\
	struct evlsim_thread *__t = evlsim__current();			\
	unsigned long __sig;						\
	long __r;							\
	do {								\
		__sig = __atomic_load_n(&__t->sig_count, __ATOMIC_ACQUIRE); \
		__r = (call);						\
	} while (evlsim_unlikely(__r <= -EVLSIM_ERESTARTSYS && __r >= -EVLSIM_ERESTART_RESTARTBLOCK) && \
		 evlsim__restart(&__r, __sig));			\
	__r;								\
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
