// SPDX-License-Identifier: LGPL-2.1-or-later
/*
 * The trace table (user world): the hits of the EVL tracepoints drivers call
 * (<trace/events/evl.h>), one slot per event name with a hit counter and the last
 * integer argument, read by evlsim_trace_count(). Recording takes no lock: a slot is
 * claimed by a compare-and-swap on its name, so that tracepoints may fire from oob
 * handlers with hard irqs off. Names are string literals of drivers, which stay mapped.
 */
#include <string.h>
#include "internal.h"
#include "core/trace.h"

#define TRACE_SLOTS	128

static struct trace_slot {
	const char *name;
	unsigned long hits;
	long last;
} slots[TRACE_SLOTS];

static struct trace_slot *lookup(const char *event, int claim)
{
	const char *name;
	int i;

	for (i = 0; i < TRACE_SLOTS; i++) {
		name = __atomic_load_n(&slots[i].name, __ATOMIC_ACQUIRE);
		if (!name) {
			if (!claim)
				return NULL;
			if (__atomic_compare_exchange_n(&slots[i].name, &name, event, 0,
							__ATOMIC_ACQ_REL, __ATOMIC_ACQUIRE))
				return &slots[i];
		}
		if (!strcmp(name, event))
			return &slots[i];
	}
	return NULL;	/* table full: the hit is dropped */
}

void evlsim__trace_event(const char *event, long value)
{
	struct trace_slot *s = lookup(event, 1);

	if (!s)
		return;
	__atomic_store_n(&s->last, value, __ATOMIC_RELAXED);
	__atomic_fetch_add(&s->hits, 1, __ATOMIC_RELEASE);
}

/**
 * evlsim_trace_count - how many times a tracepoint fired
 * @event: its name without trace_ ("evl_latspot", "evl_fpu_corrupt", ...)
 * @last: if not NULL, receives the last integer argument recorded (0 if none)
 *
 * Returns the number of hits since the start or evlsim_trace_reset().
 */
EVLSIM_EXPORT unsigned long evlsim_trace_count(const char *event, long *last)
{
	struct trace_slot *s = event ? lookup(event, 0) : NULL;

	if (last)
		*last = s ? __atomic_load_n(&s->last, __ATOMIC_RELAXED) : 0;
	return s ? __atomic_load_n(&s->hits, __ATOMIC_ACQUIRE) : 0;
}

/** evlsim_trace_reset - clear every tracepoint's count */
EVLSIM_EXPORT void evlsim_trace_reset(void)
{
	int i;

	for (i = 0; i < TRACE_SLOTS; i++) {
		__atomic_store_n(&slots[i].hits, 0, __ATOMIC_RELAXED);
		__atomic_store_n(&slots[i].last, 0, __ATOMIC_RELAXED);
	}
}
