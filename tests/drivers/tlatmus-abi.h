/* SPDX-License-Identifier: MIT */
/*
 * tlatmus: a driver shaped like EVL's latmus (registered as latmus is, with latmus's
 * headers but evl/xbuf.h), for the clock gravity, sort(), int_sqrt(), per-CPU memory,
 * the latency tracepoints and ONE_BILLION. Plain-C entry points, called in-band by
 * check_evl_cpu.
 */
#ifndef _TLATMUS_ABI_H
#define _TLATMUS_ABI_H

struct tlat_gravity {
	long long irq, kernel, user;
};

/* sort() of @n ints, ascending (@desc: descending, through sort_r()'s private data) */
void tlat_sort(int *v, int n, int desc);
/* sort() of @n elements of @size bytes (a byte-wise swap for odd sizes), by first byte */
void tlat_sort_bytes(void *v, int n, int size);
unsigned long tlat_int_sqrt(unsigned long x);

void tlat_gravity_get(struct tlat_gravity *g);
void tlat_gravity_set(const struct tlat_gravity *g);	/* writes evl_mono_clock.gravity */
int tlat_gravity_set_api(const struct tlat_gravity *g);	/* evl_set_clock_gravity() */
void tlat_gravity_reset(void);				/* evl_reset_clock_gravity() */

/*
 * One shot of a timer on CPU 0 at absolute monotonic @date, user gravity if @ugravity
 * (evl_set_timer_gravity(EVL_TIMER_UGRAVITY)); *@tdate: the date it was programmed for
 * (evl_tdate()), *@expiry: evl_get_timer_expiry() when started, *@fired: when its
 * handler ran. 0, or -ETIMEDOUT if it did not fire within a second.
 */
int tlat_timer_shot(int ugravity, long long date, long long *tdate, long long *expiry,
		    long long *fired);
/* A periodic timer of @period from @start, 3 ticks: their handler dates in @fired */
int tlat_timer_periodic(long long start, long long period, long long fired[3]);
/* evl_set_period(&evl_mono_clock, 0, @period) by the calling (attached) thread, then off */
int tlat_set_period(long long period);

/* per-CPU memory: 0 when alloc_percpu() copies are distinct, zeroed and independent,
 * else the failing step (a positive number); -ENOMEM */
int tlat_percpu_dynamic(void);
/* the static per-CPU counter (DEFINE_PER_CPU, initially 5): CPU @cpu's copy */
int tlat_percpu_read(int cpu);
/* this_cpu_inc() of it; returns the CPU whose copy was incremented */
int tlat_percpu_inc_this(void);

/* trace_evl_latspot(@ns) and trace_evl_trigger("tlatmus") */
void tlat_latspot(int ns);
/* ONE_BILLION / @period_ns, as latmus computes its sample counts */
int tlat_samples_per_sec(int period_ns);

#endif
