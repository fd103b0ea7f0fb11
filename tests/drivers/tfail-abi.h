/* SPDX-License-Identifier: MIT */
/*
 * tfail's parameters and accessors (tests/drivers/tfail.c), for the module-loading
 * suite; shared by the driver (kernel world) and the test (user world): plain C types only.
 *
 * "tfail fail_at=N": 0 init succeeds (/dev/tfail); 1 init fails with -ENODEV; 2 init
 * registers /dev/tfail and fails with -EIO without unregistering it; 3 registers,
 * unregisters, fails with -ENOMEM; 4 init returns 1. The other parameters exist to test
 * every basic type: flag (bool), label (charp), big (ulong), small (short), values
 * (int array), word (string of 8).
 */
#ifndef _TFAIL_ABI_H
#define _TFAIL_ABI_H

#define TFAIL_NODE	"/dev/tfail"

int tfail_get_fail_at(void);
_Bool tfail_get_flag(void);
const char *tfail_get_label(void);
unsigned long tfail_get_big(void);
short tfail_get_small(void);
unsigned int tfail_get_values(int *out, unsigned int max);
const char *tfail_get_word(void);

#endif
