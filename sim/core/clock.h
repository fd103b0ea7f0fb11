/* SPDX-License-Identifier: LGPL-2.1-or-later */
/*
 * The one clock (core/clock.c).
 *
 * Shared by both worlds: plain C and compiler builtins only (see core/base.h).
 */
#ifndef _EVLSIM_SIM_CORE_CLOCK_H
#define _EVLSIM_SIM_CORE_CLOCK_H

#include "core/base.h"

/* ---------------------------------------------------------------------------------------
 * The one clock: CLOCK_MONOTONIC (virtual time under the deterministic scheduler).
 */
evlsim_ns_t evlsim__clock_now(void);
evlsim_ns_t evlsim__clock_realtime(void);

#endif /* _EVLSIM_SIM_CORE_CLOCK_H */
