// SPDX-License-Identifier: LGPL-2.1-or-later
/*
 * Thread cancellation (user world): pthread_cancel() and the cancellation state and type,
 * interposed so that a thread blocked in a simulated call is cancelled as on a board,
 * never inside simulator code (core/cancel.h has the protocol).
 */
#include <errno.h>
#include <pthread.h>
#include "internal.h"
#include "core/cancel.h"
#include "core/libc.h"

EVLSIM_EXPORT int pthread_cancel(pthread_t th)
{
	return evlsim__cancel_thread((unsigned long)th);
}

EVLSIM_EXPORT int pthread_setcancelstate(int state, int *oldstate)
{
	struct evlsim_thread *t = evlsim__current();
	int ret;

	ret = REAL(pthread_setcancelstate)(state, oldstate);
	if (!ret)
		t->cancel_off = state == PTHREAD_CANCEL_DISABLE;
	return ret;
}

EVLSIM_EXPORT int pthread_setcanceltype(int type, int *oldtype)
{
	struct evlsim_thread *t = evlsim__current();
	int ret;

	ret = REAL(pthread_setcanceltype)(type, oldtype);
	if (!ret)
		t->cancel_async = type == PTHREAD_CANCEL_ASYNCHRONOUS;
	return ret;
}
