/* SPDX-License-Identifier: MIT */
/*
 * tatomic: the same driver code built twice, with and without -DEVLSIM_SCHED_ATOMICS
 * (a scheduling point at every atomic, READ_ONCE() and WRITE_ONCE(); linux/compiler.h).
 */
#ifndef _TATOMIC_ABI_H
#define _TATOMIC_ABI_H

/*
 * READ_ONCE(*@word), WRITE_ONCE(*@word, that + 1), atomic_inc(@a), atomic_read(@a): the
 * sum of what was read. Four operations, four points in the build with them.
 */
int tatomic_on_ops(int *word, void *a);
int tatomic_off_ops(int *word, void *a);

#define TATOMIC_OPS	4

#endif
