// SPDX-License-Identifier: LGPL-2.1-or-later
/*
 * CPUs (kernel world), after kernel/cpu.c and kernel/sched/core.c: the CPU masks, set
 * before any module loads from the simulated CPU count ($EVLSIM_CPUS, core/cpu.c), the
 * single-CPU masks of cpumask_of(), and binding a task to a CPU.
 */
#include <linux/kernel.h>
#include <linux/cpumask.h>
#include <linux/sched.h>
#include <evl/sched.h>
#include "kinternal.h"

static_assert(NR_CPUS == EVLSIM_NR_CPUS, "CONFIG_NR_CPUS and EVLSIM_NR_CPUS differ");

unsigned int nr_cpu_ids = 1;
struct cpumask __cpu_possible_mask;
struct cpumask __cpu_online_mask;
struct cpumask __cpu_present_mask;
struct cpumask __cpu_active_mask;
struct cpumask evl_oob_cpus;

static struct cpumask single_masks[NR_CPUS];

/* Earliest constructor: before any module registers, let alone loads. */
static void __attribute__((constructor(101))) init_cpu_masks(void)
{
	unsigned int cpu, n = (unsigned int)evlsim__online_cpus();

	nr_cpu_ids = n;
	for (cpu = 0; cpu < NR_CPUS; cpu++) {
		__set_bit(cpu, cpumask_bits(&single_masks[cpu]));
		if (cpu >= n)
			continue;
		__set_bit(cpu, cpumask_bits(&__cpu_possible_mask));
		__set_bit(cpu, cpumask_bits(&__cpu_online_mask));
		__set_bit(cpu, cpumask_bits(&__cpu_present_mask));
		__set_bit(cpu, cpumask_bits(&__cpu_active_mask));
		__set_bit(cpu, cpumask_bits(&evl_oob_cpus));
	}
}

unsigned int num_online_cpus(void)
{
	return (unsigned int)evlsim__online_cpus();
}

unsigned int num_possible_cpus(void)
{
	return num_online_cpus();
}

/**
 * get_cpu_mask - the mask holding @cpu alone (cpumask_of())
 * @cpu: a CPU number below NR_CPUS
 */
const struct cpumask *get_cpu_mask(unsigned int cpu)
{
	if (cpu >= NR_CPUS) {
		WARN_ON(1);
		cpu = 0;
	}
	return &single_masks[cpu];
}

/**
 * set_cpus_allowed_ptr - restrict a task to the CPUs of a mask
 * @p: the task (current, a kthread, ...)
 * @new_mask: the CPUs it may run on
 *
 * The task is bound to the first online CPU of @new_mask, or unbound when @new_mask holds
 * every online CPU. Returns 0, -EINVAL when @new_mask holds no online CPU.
 */
int set_cpus_allowed_ptr(struct task_struct *p, const struct cpumask *new_mask)
{
	evlsim__check_service(EVLSIM_SVC_set_cpus_allowed_ptr);
	struct cpumask allowed;
	unsigned int cpu;

	if (!cpumask_and(&allowed, new_mask, cpu_online_mask))
		return -EINVAL;
	cpu = cpumask_first(&allowed);
	if (cpumask_equal(&allowed, cpu_online_mask) && nr_cpu_ids > 1)
		return evlsim__cpu_bind(p->evlsim_thread, -1);
	return evlsim__cpu_bind(p->evlsim_thread, (int)cpu);
}
