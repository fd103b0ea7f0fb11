/* SPDX-License-Identifier: LGPL-2.1-or-later */
/*
 * evlsim shim: faithful to linux v6.12 include/linux/mod_devicetable.h for the tables a
 * platform driver declares: of_device_id, platform_device_id (and their sizes).
 * MODULE_DEVICE_TABLE() is accepted and ignored (<linux/module.h>): no module aliases.
 */
#ifndef _EVLSIM_LINUX_MOD_DEVICETABLE_H
#define _EVLSIM_LINUX_MOD_DEVICETABLE_H

#include <linux/types.h>

typedef unsigned long kernel_ulong_t;

/*
 * Struct used for matching a device
 */
struct of_device_id {
	char	name[32];
	char	type[32];
	char	compatible[128];
	const void *data;
};

#define SPI_NAME_SIZE		32
#define SPI_MODULE_PREFIX	"spi:"

struct spi_device_id {
	char name[SPI_NAME_SIZE];
	kernel_ulong_t driver_data;	/* Data private to the driver */
};

#define PLATFORM_NAME_SIZE	24
#define PLATFORM_MODULE_PREFIX	"platform:"

struct platform_device_id {
	char name[PLATFORM_NAME_SIZE];
	kernel_ulong_t driver_data;
};

#endif
