/* SPDX-License-Identifier: LGPL-2.1-or-later */
/*
 * evlsim uapi: faithful to linux-evl include/uapi/evl/signal-abi.h: how the core tells a
 * thread of a health-monitoring event. SIGDEBUG is queued to the thread (SI_QUEUE) with
 * si_value.sival_int = cause | SIGEVL_MARKER, cause an EVL_HMDIAG_* code
 * (<uapi/evl/thread-abi.h>). Shared by kernel and user code.
 */
#ifndef _EVLSIM_UAPI_EVL_SIGNAL_ABI_H
#define _EVLSIM_UAPI_EVL_SIGNAL_ABI_H

#define SIGEVL_MARKER		0xfccf0000
#define SIGEVL_MARKER_MASK	0xffff0000

#define SIGDEBUG		SIGXCPU
#define sigdebug_code(si)	((si)->si_value.sival_int)
#define sigdebug_cause(si)	(sigdebug_code(si) & 0xff)
#define sigdebug_marker		SIGEVL_MARKER
#define sigdebug_marked(si)	\
	((sigdebug_code(si) & SIGEVL_MARKER_MASK) == SIGEVL_MARKER)

#endif
