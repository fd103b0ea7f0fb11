/* SPDX-License-Identifier: LGPL-2.1-or-later */
/* evlsim: libevl r47 <evl/evl.h>, the umbrella header of the user-side API. */
#ifndef _EVLSIM_USER_EVL_EVL_H
#define _EVLSIM_USER_EVL_EVL_H

#include <evl/clock.h>
#include <evl/mutex.h>
#include <evl/poll.h>
#include <evl/proxy.h>
#include <evl/sched.h>
#include <evl/syscall.h>
#include <evl/signal.h>
#include <evl/thread.h>
#include <evl/xbuf.h>
#include <uapi/evl/fcntl-abi.h>

#define __EVL__ 47	/* the libevl API revision this mirrors */

#ifdef __cplusplus
extern "C" {
#endif

/* Once per process; implied by evl_attach_thread(). Returns 0. */
int evl_init(void);

#ifdef __cplusplus
}
#endif

#endif
