/* SPDX-License-Identifier: LGPL-2.1-or-later */
/*
 * evlsim: the test-side hardware API (user world, evlsim_ names, no kernel types): what a
 * test or a device model uses to declare and drive simulated hardware beneath the driver
 * under test. One header per part; this one includes them all.
 */
#ifndef _EVLSIM_HW_H
#define _EVLSIM_HW_H

#include <evlsim/hw-irq.h>

#endif /* _EVLSIM_HW_H */
