/* SPDX-License-Identifier: LGPL-2.1-or-later */
/*
 * evlsim: libevl <evl/signal.h>: SIGDEBUG, the signal health monitoring sends a thread
 * whose mode asks for it (EVL_T_WOSS, EVL_T_WOLI, EVL_T_WOSX with EVL_T_HMSIG), and the
 * basic handler libevl offers, which writes the cause (EVL_HMDIAG_*) to stdout.
 *
 *	struct sigaction sa = { .sa_sigaction = evl_sigdebug_handler, .sa_flags = SA_SIGINFO };
 *	sigaction(SIGDEBUG, &sa, NULL);
 */
#ifndef _EVLSIM_USER_EVL_SIGNAL_H
#define _EVLSIM_USER_EVL_SIGNAL_H

#include <signal.h>
#include <uapi/evl/signal-abi.h>
#include <uapi/evl/thread-abi.h>

#ifdef __cplusplus
extern "C" {
#endif

/* Prints "locked out from out-of-band stage (stax)" and the like for a marked SIGDEBUG. */
void evl_sigdebug_handler(int sig, siginfo_t *si, void *ctxt);

#ifdef __cplusplus
}
#endif

#endif
