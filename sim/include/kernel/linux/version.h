/* SPDX-License-Identifier: LGPL-2.1-or-later */
/*
 * evlsim shim: linux/version.h as the kernel build generates it: LINUX_VERSION_CODE and
 * KERNEL_VERSION(), for the kernel line a driver build selects.
 *
 * Custom: the line is chosen with -DEVLSIM_KERNEL_LINE=<major*100+minor>, one of the
 * lines EVL is maintained on: 601 (6.1 LTS), 606 (6.6 LTS), 612 (6.12 LTS) or 618 (the
 * current line, the default). The shim headers follow the selected line wherever the
 * API they provide differs (docs/kernel-versions.md lists each difference with the
 * version that made it); the simulator itself is built for the newest line, and the
 * structures a driver hands it keep one layout across lines.
 */
#ifndef _EVLSIM_LINUX_VERSION_H
#define _EVLSIM_LINUX_VERSION_H

#include <evlsim/kernel-line.h>

#define KERNEL_VERSION(a, b, c)	(((a) << 16) + ((b) << 8) + ((c) > 255 ? 255 : (c)))
#define LINUX_VERSION_MAJOR	(EVLSIM_KERNEL_LINE / 100)
#define LINUX_VERSION_PATCHLEVEL (EVLSIM_KERNEL_LINE % 100)
#define LINUX_VERSION_SUBLEVEL	0
#define LINUX_VERSION_CODE						\
	KERNEL_VERSION(LINUX_VERSION_MAJOR, LINUX_VERSION_PATCHLEVEL, LINUX_VERSION_SUBLEVEL)

#endif /* _EVLSIM_LINUX_VERSION_H */
