/* SPDX-License-Identifier: MIT */
/*
 * thectic: a driver shaped like EVL's hectic (registered as hectic is: class, chrdev
 * region, cdev, device; the same headers), for the FPU helpers, holding threads, the
 * tracepoints and CPU binding. Its plain-C entry points (in-band) are called directly by
 * check_evl_cpu; /dev/thectic has an oob ioctl that loads the FPU, switches to a peer
 * kthread and checks the FPU when switched back.
 */
#ifndef _THECTIC_ABI_H
#define _THECTIC_ABI_H

#include <linux/types.h>
#include <linux/ioctl.h>

struct thectic_switch {
	__u32 rounds;		/* in: switches to the peer kthread and back */
	__u32 features;		/* in: FPU features both sides load (evl_x86_xmm2 | evl_x86_avx) */
	__s32 bad_reg;		/* out: first register found wrong, -1 if none */
	__u32 bad_val;		/* out: its value */
};

/* oob: ping-pong with the peer kthread started by thec_start_peer(), FPU loaded across */
#define THEC_IOC_SWITCH		_IOWR('h', 1, struct thectic_switch)

/* evl_detect_fpu() from kernel code */
unsigned int thec_detect_fpu(void);
/*
 * Loads @val with @features, clobbers register @clobber (-1: none; 0-7 x87 stack slot
 * from the top, 8-15 xmm0-7), then checks: the value evl_check_fpregs() returned, the
 * bad register in *@bad.
 */
unsigned int thec_fpu_selftest(unsigned int features, unsigned int val, int clobber,
			       int *bad);
/*
 * Loads @val with @features in an FPU section, then calls the kernel services an FPU
 * section may call (kzalloc(GFP_ATOMIC), kmalloc, kfree, a hard spinlock) and checks:
 * the value evl_check_fpregs() returned, the bad register in *@bad.
 */
unsigned int thec_fpu_services(unsigned int features, unsigned int val, int *bad);
/* Starts the peer kthread (for THEC_IOC_SWITCH) on @cpu (-1: any); 0 or -errno. */
int thec_start_peer(int cpu);
/* The peer kthread's FPU mismatches and switches so far. */
void thec_peer_stats(unsigned int *mismatches, unsigned int *switches);
void thec_stop_peer(void);

/* A kthread that counts its wake-ups on a flag, for evl_hold_thread(). */
int thec_counter_start(void);
void thec_counter_kick(void);		/* raises its flag */
unsigned int thec_counter_value(void);
void thec_counter_hold(void);		/* evl_hold_thread(EVL_T_SUSP) */
void thec_counter_release(void);	/* evl_release_thread(EVL_T_SUSP) */
int thec_counter_state(void);		/* its EVL_T_* state bits */
void thec_counter_stop(void);

/* CPUs */
unsigned int thec_online_cpus(void);
unsigned int thec_possible_cpus(void);
int thec_count_possible(void);		/* for_each_possible_cpu() iterations */
int thec_count_online(void);		/* for_each_online_cpu() iterations */
int thec_is_evl_cpu(int cpu);
int thec_bind_self(int cpu);		/* set_cpus_allowed_ptr(current, cpumask_of(cpu)) */
int thec_unbind_self(void);		/* set_cpus_allowed_ptr(current, cpu_online_mask) */
int thec_this_cpu(void);		/* smp_processor_id() */
/* smp_processor_id() seen by an EVL kthread started on @cpu, or -errno */
int thec_kthread_cpu(int cpu);
/* smp_processor_id() seen by the handler of a timer initialised on @cpu */
int thec_timer_cpu(int cpu);

/* tracepoints: calls trace_evl_fpu_corrupt(@v) and trace_evl_trigger("thectic") */
void thec_trace(unsigned int v);

#endif
