/* SPDX-License-Identifier: MIT */
/* The ioctl interface of the benchmark driver (bench/nulldrv.c). */
#ifndef _EVLSIM_BENCH_ABI_H
#define _EVLSIM_BENCH_ABI_H

#include <linux/ioctl.h>

#define BENCH_IOC_MAGIC		'B'
/* oob: busy-wait until bench_spin_stop(), then stamp the time of return */
#define BENCH_IOC_SPIN		_IO(BENCH_IOC_MAGIC, 0)
/* oob: readl() the register at BENCH_REGS_PHYS as many times as the argument says */
#define BENCH_IOC_READL		_IO(BENCH_IOC_MAGIC, 1)
#define BENCH_REGS_PHYS		0x70000000ULL
/* takes and drops a hard spinlock: the cost of one lock pair, lockdep included */
#define BENCH_IOC_LOCK		_IO(BENCH_IOC_MAGIC, 2)

#endif
