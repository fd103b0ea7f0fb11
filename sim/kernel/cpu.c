// SPDX-License-Identifier: LGPL-2.1-or-later
/*
 * CPUs (kernel world): num_online_cpus() and num_possible_cpus(), after kernel/cpu.c,
 * from the count of CPUs the simulator runs on.
 */
#include <linux/kernel.h>

/*
 * Implemented by the user world: the number of CPUs the simulator runs on (what
 * sysconf(_SC_NPROCESSORS_ONLN) reports, or the simulated CPU count when one is set).
 */
int evlsim__online_cpus(void);

unsigned int num_online_cpus(void)
{
	int n = evlsim__online_cpus();

	return n > 0 ? (unsigned int)n : 1;
}

unsigned int num_possible_cpus(void)
{
	return num_online_cpus();
}
