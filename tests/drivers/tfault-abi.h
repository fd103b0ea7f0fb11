/* SPDX-License-Identifier: MIT */
/*
 * tfault: the fault-injection test driver (tests/drivers/tfault.c). /dev/tfault serves
 * two oob requests:
 *
 *  TFAULT_IOC_EVL_WAIT   evl_wait_flag_timeout() on the driver's flag, relative timeout
 *                        of arg milliseconds (0: infinite); returns the wait's result
 *  TFAULT_IOC_RAISE      raises the flag (from either stage)
 */
#ifndef _TFAULT_ABI_H
#define _TFAULT_ABI_H

#include <linux/ioctl.h>

#define TFAULT_IOC_EVL_WAIT	_IO('F', 1)
#define TFAULT_IOC_RAISE	_IO('F', 2)

#endif
