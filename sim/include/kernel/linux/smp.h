/* SPDX-License-Identifier: LGPL-2.1-or-later */
/*
 * evlsim shim: linux v6.12 include/linux/smp.h, the part drivers use: the calling CPU.
 *
 * Custom: smp_processor_id() is the simulated CPU the caller runs on: the CPU of the
 * timer whose handler it runs, else the CPU it is bound to (set_cpus_allowed_ptr(), a
 * kthread started on a CPU), else the host CPU it runs on now (sched_getcpu()) modulo the
 * number of simulated CPUs. Preemption is not simulated: get_cpu()/put_cpu() do not pin.
 */
#ifndef _EVLSIM_LINUX_SMP_H
#define _EVLSIM_LINUX_SMP_H

#include <linux/types.h>
#include <linux/cpumask.h>

__evlsim_export int evlsim__cpu_current(void);

#define raw_smp_processor_id()	evlsim__cpu_current()
#define smp_processor_id()	raw_smp_processor_id()
#define get_cpu()		smp_processor_id()
#define put_cpu()		do { } while (0)

#endif /* _EVLSIM_LINUX_SMP_H */
