/* SPDX-License-Identifier: LGPL-2.1-or-later */
/*
 * System call results, as the kernel's signal delivery and glibc's syscall wrappers make
 * them (core/restart.c): the restart of a call interrupted by a signal and the -1/errno
 * convention. Used by the in-band syscall interposers and the oob syscall path alike.
 *
 * Shared by both worlds: plain C and compiler builtins only (see core/base.h).
 */
#ifndef _EVLSIM_SIM_CORE_RESTART_H
#define _EVLSIM_SIM_CORE_RESTART_H

#include "core/thread.h"
#include "core/sigdefer.h"

/* The kernel's restart codes (include/linux/errno.h), never seen by user space. */
#define EVLSIM_ERESTARTSYS		512
#define EVLSIM_ERESTARTNOINTR		513
#define EVLSIM_ERESTARTNOHAND		514
#define EVLSIM_ERESTART_RESTARTBLOCK	516

/*
 * A simulated call returned one of the kernel's restart codes in *@ret. As the kernel's
 * signal delivery (arch/x86/kernel/signal.c) does: -ERESTARTSYS restarts when no handler
 * ran since @sig_before (the caller's signal count when the call entered) or the handler
 * had SA_RESTART, -ERESTARTNOINTR always restarts, -ERESTARTNOHAND and
 * -ERESTART_RESTARTBLOCK restart only when no handler ran (the restart block is emulated
 * by calling again). Otherwise the call fails with EINTR. Returns 1 to restart; else 0,
 * with *@ret final.
 */
int evlsim__restart_call(long *ret, unsigned long sig_before);

static inline int evlsim__is_restart(long ret)
{
	return evlsim_unlikely(ret <= -EVLSIM_ERESTARTSYS && ret >= -EVLSIM_ERESTART_RESTARTBLOCK);
}

/*
 * Runs @call until it returns something else than a restart code to restart. Each run is
 * a simulated call: the handlers of signals that arrived during it run at its end, before
 * the restart, as on the kernel's exit to user space.
 */
#define EVLSIM_RESTARTABLE(call)						\
({									\
	struct evlsim_thread *__t = evlsim__current();			\
	unsigned long __sig;						\
	long __r;							\
	do {								\
		__sig = __atomic_load_n(&__t->sig_count, __ATOMIC_ACQUIRE); \
		evlsim__call_enter(__t);				\
		__r = (call);						\
		evlsim__call_leave(__t);				\
	} while (evlsim__is_restart(__r) && evlsim__restart_call(&__r, __sig));	\
	__r;								\
})

/* The -1/errno convention: values in [-4095, -1] set errno and give -1, others pass. */
long evlsim__syscall_result(long ret);

#endif /* _EVLSIM_SIM_CORE_RESTART_H */
