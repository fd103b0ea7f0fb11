/* SPDX-License-Identifier: LGPL-2.1-or-later */
/*
 * The hang watch (core/hang.c).
 *
 * Shared by both worlds: plain C and compiler builtins only (see core/base.h).
 */
#ifndef _EVLSIM_SIM_CORE_HANG_H
#define _EVLSIM_SIM_CORE_HANG_H

#include "core/base.h"

struct evlsim_thread;

/* The limit in milliseconds, 0 when the watch is off (one load in the sleep). */
extern int evlsim__hang_watch EVLSIM_HIDDEN;
/* A sleep without a timeout begins: its date and backtrace, the watchdog started. */
void evlsim__hang_enter(struct evlsim_thread *self);

#endif /* _EVLSIM_SIM_CORE_HANG_H */
