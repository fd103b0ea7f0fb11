/* SPDX-License-Identifier: MIT */
/*
 * tdevreg's plain-C entry points (tests/drivers/tdevreg.c), for the device registration
 * suite; shared by the driver (kernel world) and the test (user world): plain C types only.
 * Each entry point performs one registration as a driver's code path would and returns
 * the kernel service's result unchanged (0 or a negated errno).
 */
#ifndef _TDEVREG_ABI_H
#define _TDEVREG_ABI_H

#define TDEVREG_MINORS		8	/* the region the init registers, minors 0..7 */
#define TDEVREG0_NODE		"/dev/tdevreg0"	/* the init's cdev, minor 0 */

unsigned int tdevreg_major(void);
int tdevreg_open_count(void);
int tdevreg_release_count(void);
int tdevreg_region_register(unsigned int major, unsigned int minor, unsigned int count);
void tdevreg_region_unregister(unsigned int major, unsigned int minor, unsigned int count);
int tdevreg_region_alloc(unsigned int baseminor, unsigned int count, unsigned int *major);
int tdevreg_chrdev_register(unsigned int major, unsigned int baseminor, unsigned int count,
			    const char *name);
void tdevreg_chrdev_unregister(void);
int tdevreg_misc_register(unsigned int slot, const char *name, int minor);
void tdevreg_misc_deregister(unsigned int slot);
int tdevreg_misc_minor(unsigned int slot);
int tdevreg_class_register(unsigned int slot, const char *name);
void tdevreg_class_unregister(unsigned int slot);
int tdevreg_class_create_probe(const char *name);
int tdevreg_cdev_add(unsigned int minor);
void tdevreg_cdev_del(unsigned int minor);
int tdevreg_device_create(unsigned int slot, unsigned int major, unsigned int minor,
			  const char *name);
void tdevreg_device_destroy(unsigned int slot);
int tdevreg_device_create_in(unsigned int class_slot, unsigned int major,
			     unsigned int minor, const char *name);
void tdevreg_device_destroy_in(unsigned int class_slot, unsigned int major,
			       unsigned int minor);

#endif
