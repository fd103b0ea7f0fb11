/* SPDX-License-Identifier: MIT */
/* The ioctl interface of the benchmark driver (bench/nulldrv.c). */
#ifndef _EVLSIM_BENCH_ABI_H
#define _EVLSIM_BENCH_ABI_H

#include <linux/ioctl.h>

#define BENCH_IOC_MAGIC		'B'
/* oob: busy-wait until bench_spin_stop(), then stamp the time of return */
#define BENCH_IOC_SPIN		_IO(BENCH_IOC_MAGIC, 0)
/* takes and drops a hard spinlock: the cost of one lock pair, lockdep included */
#define BENCH_IOC_LOCK		_IO(BENCH_IOC_MAGIC, 1)

#endif
