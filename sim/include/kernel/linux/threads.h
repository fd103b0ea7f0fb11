/* SPDX-License-Identifier: LGPL-2.1-or-later */
/*
 * evlsim shim: faithful to linux v6.12 include/linux/threads.h, the CPU limit: NR_CPUS is
 * CONFIG_NR_CPUS (64 in evlsim's configuration: the most CPUs EVLSIM_CPUS may ask for).
 */
#ifndef _EVLSIM_LINUX_THREADS_H
#define _EVLSIM_LINUX_THREADS_H

#ifndef CONFIG_NR_CPUS
#define CONFIG_NR_CPUS	64
#endif

#define NR_CPUS		CONFIG_NR_CPUS

#endif /* _EVLSIM_LINUX_THREADS_H */
