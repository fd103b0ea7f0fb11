/* SPDX-License-Identifier: LGPL-2.1-or-later */
/*
 * evlsim shim: linux-evl include/trace/events/evl.h: every tracepoint of the EVL core
 * with the kernel's prototype (trace_<event>() and trace_<event>_enabled()).
 *
 * Custom: there is no ftrace. A tracepoint records a hit in the simulator's trace table
 * (one counter per event and the last integer argument, for the events that take one:
 * evl_latspot's latency, evl_fpu_corrupt's value, evl_switch_inband's cause, ...), which
 * tests read with evlsim_trace_count(). Recording takes no lock and may be done from any
 * context, oob and hard irqs off included. The TRACE_EVENT() machinery
 * (TP_PROTO, TP_fast_assign, ...) is not provided: drivers call the tracepoints, they do
 * not define them here.
 */
#ifndef _EVLSIM_TRACE_EVENTS_EVL_H
#define _EVLSIM_TRACE_EVENTS_EVL_H

#include <linux/sched.h>
#include <evl/timer.h>
#include <evl/wait.h>

struct evl_rq;
struct evl_thread;
struct evl_sched_attrs;
struct evl_init_thread_attr;
struct evl_mutex;
struct evl_clock;
struct timespec64;
struct __kernel_timex;
struct pt_regs;

/* Record a hit of @event with @value (the simulator's trace table). */
__evlsim_export void evlsim__trace_event(const char *event, long value);

#define __EVLSIM_TRACEPOINT(__name, __proto, __value)			\
	static inline void trace_##__name __proto			\
	{								\
		evlsim__trace_event(#__name, (long)(__value));		\
	}								\
	static inline bool trace_##__name##_enabled(void)		\
	{								\
		return true;						\
	}

/* threads */
__EVLSIM_TRACEPOINT(evl_pick_thread, (struct evl_thread *next), 0)
__EVLSIM_TRACEPOINT(evl_switch_context, (struct evl_thread *prev, struct evl_thread *next), 0)
__EVLSIM_TRACEPOINT(evl_switch_tail, (struct evl_thread *curr), 0)
__EVLSIM_TRACEPOINT(evl_init_thread, (struct evl_thread *thread,
		    const struct evl_init_thread_attr *iattr, int status), status)
__EVLSIM_TRACEPOINT(evl_sleep_on, (ktime_t timeout, enum evl_tmode timeout_mode,
		    struct evl_clock *clock, struct evl_wait_channel *wchan), timeout)
__EVLSIM_TRACEPOINT(evl_wakeup_thread, (struct evl_thread *thread, int mask, int info), mask)
__EVLSIM_TRACEPOINT(evl_hold_thread, (struct evl_thread *thread, unsigned long mask), mask)
__EVLSIM_TRACEPOINT(evl_release_thread, (struct evl_thread *thread, int mask, int info), mask)
__EVLSIM_TRACEPOINT(evl_thread_fault, (int trapnr, struct pt_regs *regs), trapnr)
__EVLSIM_TRACEPOINT(evl_thread_set_current_prio, (struct evl_thread *thread), 0)
__EVLSIM_TRACEPOINT(evl_thread_cancel, (struct evl_thread *thread), 0)
__EVLSIM_TRACEPOINT(evl_thread_join, (struct evl_thread *thread), 0)
__EVLSIM_TRACEPOINT(evl_unblock_thread, (struct evl_thread *thread), 0)
__EVLSIM_TRACEPOINT(evl_thread_wait_period, (struct evl_thread *thread), 0)
__EVLSIM_TRACEPOINT(evl_thread_missed_period, (struct evl_thread *thread), 0)
__EVLSIM_TRACEPOINT(evl_thread_migrate, (struct evl_thread *thread, unsigned int cpu), cpu)
__EVLSIM_TRACEPOINT(evl_watchdog_signal, (struct evl_thread *curr), 0)
__EVLSIM_TRACEPOINT(evl_switch_oob, (struct evl_thread *curr), 0)
__EVLSIM_TRACEPOINT(evl_switched_oob, (struct evl_thread *curr), 0)
__EVLSIM_TRACEPOINT(evl_switch_inband, (int cause), cause)
__EVLSIM_TRACEPOINT(evl_switched_inband, (struct evl_thread *curr), 0)
__EVLSIM_TRACEPOINT(evl_kthread_entry, (struct evl_thread *thread), 0)
__EVLSIM_TRACEPOINT(evl_thread_map, (struct evl_thread *thread), 0)
__EVLSIM_TRACEPOINT(evl_thread_unmap, (struct evl_thread *thread), 0)
__EVLSIM_TRACEPOINT(evl_inband_wakeup, (struct task_struct *task), 0)
__EVLSIM_TRACEPOINT(evl_inband_signal, (struct evl_thread *thread, int sig, int sigval), sig)
__EVLSIM_TRACEPOINT(evl_thread_setsched, (struct evl_thread *thread,
		    const struct evl_sched_attrs *attrs), 0)
__EVLSIM_TRACEPOINT(evl_thread_getsched, (struct evl_thread *thread,
		    const struct evl_sched_attrs *attrs), 0)
__EVLSIM_TRACEPOINT(evl_thread_update_mode, (struct evl_thread *thread, int mode, bool set),
		    mode)

/* scheduler */
__EVLSIM_TRACEPOINT(evl_schedule, (struct evl_rq *rq), 0)
__EVLSIM_TRACEPOINT(evl_reschedule_ipi, (struct evl_rq *rq), 0)

/* timers and clocks */
__EVLSIM_TRACEPOINT(evl_timer_stop, (struct evl_timer *timer), 0)
__EVLSIM_TRACEPOINT(evl_timer_expire, (struct evl_timer *timer), 0)
__EVLSIM_TRACEPOINT(evl_timer_start, (struct evl_timer *timer, ktime_t value,
		    ktime_t interval), value)
__EVLSIM_TRACEPOINT(evl_timer_move, (struct evl_timer *timer, struct evl_clock *clock,
		    unsigned int cpu), cpu)
__EVLSIM_TRACEPOINT(evl_timer_shot, (struct evl_timer *timer, s64 delta, u64 cycles), delta)
__EVLSIM_TRACEPOINT(evl_clock_getres, (struct evl_clock *clock,
		    const struct timespec64 *res), 0)
__EVLSIM_TRACEPOINT(evl_clock_gettime, (struct evl_clock *clock,
		    const struct timespec64 *time), 0)
__EVLSIM_TRACEPOINT(evl_clock_settime, (struct evl_clock *clock,
		    const struct timespec64 *time), 0)
__EVLSIM_TRACEPOINT(evl_clock_adjtime, (struct evl_clock *clock, struct __kernel_timex *tx), 0)
__EVLSIM_TRACEPOINT(evl_register_clock, (const char *name), 0)
__EVLSIM_TRACEPOINT(evl_unregister_clock, (const char *name), 0)

/* wait channels and mutexes */
__EVLSIM_TRACEPOINT(evl_wait, (struct evl_wait_channel *wchan), 0)
__EVLSIM_TRACEPOINT(evl_wake_up, (struct evl_wait_channel *wchan), 0)
__EVLSIM_TRACEPOINT(evl_flush_wait, (struct evl_wait_channel *wchan), 0)
__EVLSIM_TRACEPOINT(evl_finish_wait, (struct evl_wait_channel *wchan), 0)
__EVLSIM_TRACEPOINT(evl_mutex_trylock, (struct evl_mutex *mutex), 0)
__EVLSIM_TRACEPOINT(evl_mutex_lock, (struct evl_mutex *mutex), 0)
__EVLSIM_TRACEPOINT(evl_mutex_unlock, (struct evl_mutex *mutex), 0)
__EVLSIM_TRACEPOINT(evl_mutex_destroy, (struct evl_mutex *mutex), 0)
__EVLSIM_TRACEPOINT(evl_mutex_flush, (struct evl_mutex *mutex), 0)

/* syscalls */
__EVLSIM_TRACEPOINT(evl_oob_sysentry, (unsigned int nr), nr)
__EVLSIM_TRACEPOINT(evl_oob_sysexit, (long result), result)
__EVLSIM_TRACEPOINT(evl_inband_sysentry, (unsigned int nr), nr)
__EVLSIM_TRACEPOINT(evl_inband_sysexit, (long result), result)

/* markers drivers raise: latmus, hectic */
__EVLSIM_TRACEPOINT(evl_trace, (const char *msg), 0)
__EVLSIM_TRACEPOINT(evl_latspot, (int latmax_ns), latmax_ns)
__EVLSIM_TRACEPOINT(evl_fpu_corrupt, (unsigned int fp_val), fp_val)
__EVLSIM_TRACEPOINT(evl_trigger, (const char *issuer), 0)

#endif /* _EVLSIM_TRACE_EVENTS_EVL_H */
