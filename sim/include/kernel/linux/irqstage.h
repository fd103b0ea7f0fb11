/* SPDX-License-Identifier: LGPL-2.1-or-later */
/*
 * evlsim shim: the stage predicates of Dovetail's include/linux/irqstage.h.
 *
 * Custom: the stage is the calling thread's (evlsim_thread->stage): out-of-band for an EVL
 * thread that switched oob (user threads in oob syscalls, EVL kthreads, the timer CPU),
 * in-band for every other thread. There is no interrupt pipeline behind it.
 */
#ifndef _EVLSIM_LINUX_IRQSTAGE_H
#define _EVLSIM_LINUX_IRQSTAGE_H

#include <linux/types.h>

__evlsim_export bool evlsim__stage_is_oob(void);

static inline bool running_oob(void)
{
	return evlsim__stage_is_oob();
}

static inline bool running_inband(void)
{
	return !evlsim__stage_is_oob();
}

#endif
