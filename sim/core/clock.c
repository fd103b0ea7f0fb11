// SPDX-License-Identifier: LGPL-2.1-or-later
/*
 * The one clock. Every time the simulator or a driver reads (EVL clocks, timeouts,
 * ktime_get()) comes from here.
 */
#include <time.h>
#include "internal.h"

static evlsim_ns_t read_clock(clockid_t id)
{
	struct timespec ts;

	if (clock_gettime(id, &ts))
		evlsim__die("clock_gettime(%d) failed", (int)id);
	return (evlsim_ns_t)ts.tv_sec * 1000000000LL + ts.tv_nsec;
}

evlsim_ns_t evlsim__clock_now(void)
{
	return read_clock(CLOCK_MONOTONIC);
}

evlsim_ns_t evlsim__clock_realtime(void)
{
	return read_clock(CLOCK_REALTIME);
}
