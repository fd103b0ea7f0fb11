/* SPDX-License-Identifier: LGPL-2.1-or-later */
/*
 * The trace table (core/trace.c): what the EVL tracepoints of drivers recorded.
 *
 * Shared by both worlds: plain C and compiler builtins only (see core/base.h).
 */
#ifndef _EVLSIM_SIM_CORE_TRACE_H
#define _EVLSIM_SIM_CORE_TRACE_H

#include "core/base.h"

/* One hit of tracepoint @event (a string that stays mapped) with @value; any context. */
EVLSIM_EXPORT void evlsim__trace_event(const char *event, long value);

#endif /* _EVLSIM_SIM_CORE_TRACE_H */
