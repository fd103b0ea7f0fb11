/* SPDX-License-Identifier: LGPL-2.1-or-later */
/*
 * evlsim shim: linux v6.12 include/linux/cpumask.h, the part drivers use: struct cpumask,
 * the possible/online/present/active masks, cpumask_of(), the iterators and the usual
 * bit operations on masks.
 *
 * Custom: the CPUs are the simulator's ($EVLSIM_CPUS, by default the host's online
 * count, at most NR_CPUS); every simulated CPU is possible, present, online and active,
 * for the whole run (no hotplug). The masks are set before any module loads.
 */
#ifndef _EVLSIM_LINUX_CPUMASK_H
#define _EVLSIM_LINUX_CPUMASK_H

#include <linux/types.h>
#include <linux/threads.h>
#include <linux/bitops.h>
#include <linux/find.h>

typedef struct cpumask {
	DECLARE_BITMAP(bits, NR_CPUS);
} cpumask_t;

#define cpumask_bits(maskp)	((maskp)->bits)
#define nr_cpumask_bits		nr_cpu_ids

extern unsigned int nr_cpu_ids __evlsim_ksym(nr_cpu_ids);

extern struct cpumask __cpu_possible_mask __evlsim_ksym(__cpu_possible_mask);
extern struct cpumask __cpu_online_mask __evlsim_ksym(__cpu_online_mask);
extern struct cpumask __cpu_present_mask __evlsim_ksym(__cpu_present_mask);
extern struct cpumask __cpu_active_mask __evlsim_ksym(__cpu_active_mask);
#define cpu_possible_mask	((const struct cpumask *)&__cpu_possible_mask)
#define cpu_online_mask		((const struct cpumask *)&__cpu_online_mask)
#define cpu_present_mask	((const struct cpumask *)&__cpu_present_mask)
#define cpu_active_mask		((const struct cpumask *)&__cpu_active_mask)

unsigned int num_online_cpus(void) __evlsim_ksym(num_online_cpus);
unsigned int num_possible_cpus(void) __evlsim_ksym(num_possible_cpus);
#define num_present_cpus()	num_online_cpus()
#define num_active_cpus()	num_online_cpus()

static inline bool cpumask_test_cpu(int cpu, const struct cpumask *cpumask)
{
	return cpu >= 0 && (unsigned int)cpu < NR_CPUS && test_bit(cpu, cpumask_bits(cpumask));
}

#define cpu_online(cpu)		cpumask_test_cpu((cpu), cpu_online_mask)
#define cpu_possible(cpu)	cpumask_test_cpu((cpu), cpu_possible_mask)
#define cpu_present(cpu)	cpumask_test_cpu((cpu), cpu_present_mask)
#define cpu_active(cpu)		cpumask_test_cpu((cpu), cpu_active_mask)

static inline void cpumask_set_cpu(unsigned int cpu, struct cpumask *dstp)
{
	set_bit(cpu, cpumask_bits(dstp));
}

static inline void cpumask_clear_cpu(int cpu, struct cpumask *dstp)
{
	clear_bit(cpu, cpumask_bits(dstp));
}

static inline void cpumask_clear(struct cpumask *dstp)
{
	unsigned int i;

	for (i = 0; i < BITS_TO_LONGS(NR_CPUS); i++)
		dstp->bits[i] = 0;
}

static inline void cpumask_setall(struct cpumask *dstp)
{
	unsigned int cpu;

	cpumask_clear(dstp);
	for (cpu = 0; cpu < nr_cpu_ids; cpu++)
		__set_bit(cpu, cpumask_bits(dstp));
}

static inline void cpumask_copy(struct cpumask *dstp, const struct cpumask *srcp)
{
	*dstp = *srcp;
}

static inline unsigned int cpumask_first(const struct cpumask *srcp)
{
	return find_first_bit(cpumask_bits(srcp), nr_cpu_ids);
}

static inline unsigned int cpumask_next(int n, const struct cpumask *srcp)
{
	return find_next_bit(cpumask_bits(srcp), nr_cpu_ids, n + 1);
}

static inline unsigned int cpumask_weight(const struct cpumask *srcp)
{
	unsigned int cpu, w = 0;

	for (cpu = 0; cpu < nr_cpu_ids; cpu++)
		w += test_bit(cpu, cpumask_bits(srcp));
	return w;
}

static inline bool cpumask_empty(const struct cpumask *srcp)
{
	return cpumask_first(srcp) >= nr_cpu_ids;
}

static inline bool cpumask_equal(const struct cpumask *src1p, const struct cpumask *src2p)
{
	unsigned int i;

	for (i = 0; i < BITS_TO_LONGS(NR_CPUS); i++)
		if (src1p->bits[i] != src2p->bits[i])
			return false;
	return true;
}

static inline bool cpumask_and(struct cpumask *dstp, const struct cpumask *src1p,
			       const struct cpumask *src2p)
{
	unsigned long any = 0;
	unsigned int i;

	for (i = 0; i < BITS_TO_LONGS(NR_CPUS); i++)
		any |= dstp->bits[i] = src1p->bits[i] & src2p->bits[i];
	return any != 0;
}

static inline void cpumask_or(struct cpumask *dstp, const struct cpumask *src1p,
			      const struct cpumask *src2p)
{
	unsigned int i;

	for (i = 0; i < BITS_TO_LONGS(NR_CPUS); i++)
		dstp->bits[i] = src1p->bits[i] | src2p->bits[i];
}

static inline bool cpumask_intersects(const struct cpumask *src1p,
				      const struct cpumask *src2p)
{
	unsigned int i;

	for (i = 0; i < BITS_TO_LONGS(NR_CPUS); i++)
		if (src1p->bits[i] & src2p->bits[i])
			return true;
	return false;
}

/* get_cpu_mask - a mask holding @cpu alone (static storage) */
const struct cpumask *get_cpu_mask(unsigned int cpu) __evlsim_ksym(get_cpu_mask);
#define cpumask_of(cpu)		(get_cpu_mask(cpu))

#define for_each_cpu(cpu, mask)							\
	for ((cpu) = -1; (cpu) = cpumask_next((cpu), (mask)), (cpu) < nr_cpu_ids;)

#define for_each_possible_cpu(cpu)	for_each_cpu((cpu), cpu_possible_mask)
#define for_each_online_cpu(cpu)	for_each_cpu((cpu), cpu_online_mask)
#define for_each_present_cpu(cpu)	for_each_cpu((cpu), cpu_present_mask)

#endif /* _EVLSIM_LINUX_CPUMASK_H */
