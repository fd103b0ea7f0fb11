// SPDX-License-Identifier: LGPL-2.1-or-later
/*
 * System call results (user world): the restart of a call a signal interrupted, and the
 * -1/errno convention, for the in-band interposers and the oob syscall path.
 */
#include <errno.h>
#include "core/restart.h"
#include "core/report.h"
#include "core/cancel.h"

_Static_assert(EVLSIM_ERESTARTSYS == 512 && EVLSIM_ERESTART_RESTARTBLOCK == 516,
	       "the kernel's restart codes");

int evlsim__restart_call(long *ret, unsigned long sig_before)
{
	struct evlsim_thread *t = evlsim__self;
	int handled = t && __atomic_load_n(&t->sig_count, __ATOMIC_ACQUIRE) != sig_before;

	/* a cancellation or the exit ended the call: SIGCANCEL's handler never returns */
	if (t && evlsim__kicked(t) && -*ret >= EVLSIM_ERESTARTSYS &&
	    -*ret <= EVLSIM_ERESTART_RESTARTBLOCK) {
		*ret = -EINTR;
		return 0;
	}

	/*
	 * No signal at all: the kernel's exit to user space does not look at the result
	 * (no signal delivery runs), so the code reaches user space as is, errno 512-516.
	 * Only a driver returns one then. An injected wait failure stands for a signal
	 * with no handler: that one restarts.
	 */
	if (!handled && !(t && t->sig_injected)) {
		evlsim__report(EVLSIM_REPORT_DRIVER, "restart-no-signal",
			       "a handler returned %ld (a restart code) with no signal pending: "
			       "user space sees errno %ld", *ret, -*ret);
		return 0;
	}
	if (t)
		t->sig_injected = 0;

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

long evlsim__syscall_result(long ret)
{
	if (ret < 0 && ret >= -4095) {
		errno = (int)-ret;
		return -1;
	}
	return ret;
}
