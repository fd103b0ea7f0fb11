// SPDX-License-Identifier: MIT
/*
 * check_devices: registering character devices, as drivers do, and what opens then reach.
 *
 * Drives the registration services through tests/drivers/tdevreg.c, whose plain-C entry
 * points stand for a driver's code paths, and checks their results against fs/char_dev.c,
 * drivers/char/misc.c and drivers/base: dynamic majors (254 down to 234, then 511 down to
 * 384, -EBUSY when none is left), static regions and their overlaps (-EBUSY), ranges
 * crossing a major, bounds (-EINVAL); register_chrdev() and __register_chrdev(); misc
 * devices with dynamic and fixed minors (-EBUSY for a taken minor, -EEXIST for a taken
 * name), misc_open() handing the driver its miscdevice in ->private_data; classes
 * (-EEXIST for a taken name) and device_create() (-EEXIST for a taken name in the class,
 * or a taken device number); /dev nodes appearing with device_create() and routed to the
 * driver, gone (ENOENT) after device_destroy(), misc_deregister() or the module unload;
 * opens failing with ENXIO once cdev_del() ran, while files already open keep working.
 */
#define _GNU_SOURCE
#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <string.h>
#include <sys/ioctl.h>
#include <unistd.h>
#include <evlsim/evlsim.h>
#include "evlsim-check.h"
#include "../drivers/tdevreg-abi.h"
#include "../drivers/testdrv-abi.h"

#define MISC_MAJOR		10
#define MISC_DYNAMIC_MINOR	255
#define MINORMASK		((1U << 20) - 1)
#define TDRV_MISC		"/dev/tdrv-misc"

/* tdevreg's entry points (tests/drivers/tdevreg.c) */

/* ---- helpers ------------------------------------------------------------------------- */

/* What the open of the file on @fd saw, as the driver tells it. */
static void assert_read(int fd, const char *expected)
{
	char buf[128];
	ssize_t n;

	memset(buf, 0, sizeof(buf));
	n = read(fd, buf, sizeof(buf) - 1);
	ck_assert_msg(n == (ssize_t)strlen(expected) && !strcmp(buf, expected),
		      "read: expected \"%s\", got %zd \"%s\"", expected, n, buf);
}

/* Opening @path reaches tdevreg, which reports @expected. */
static void assert_routed(const char *path, const char *expected)
{
	int fd = open_node(path, O_RDONLY);

	assert_read(fd, expected);
	close_fd(fd);
}

static void assert_cdev_routed(const char *path, unsigned int major, unsigned int minor)
{
	char expected[64];

	snprintf(expected, sizeof(expected), "cdev %u:%u\n", major, minor);
	assert_routed(path, expected);
}

static void assert_misc_routed(const char *path, int slot, const char *name)
{
	char expected[64];

	snprintf(expected, sizeof(expected), "misc %d %s %d\n", slot, name,
		 tdevreg_misc_minor(slot));
	assert_routed(path, expected);
}

static void assert_no_node(const char *path)
{
	ck_assert_fails(open(path, O_RDONLY), ENOENT);
}

/* ---- the driver's own node ----------------------------------------------------------- */

START_TEST(test_init_node_routed)
{
	int fd;

	ck_assert_int_eq(tdevreg_open_count(), 0);
	fd = open_node(TDEVREG0_NODE, O_RDONLY);
	ck_assert_int_eq(tdevreg_open_count(), 1);
	assert_read(fd, "cdev 254:0\n");
	ck_assert_int_eq(tdevreg_release_count(), 0);
	close_fd(fd);
	ck_assert_int_eq(tdevreg_release_count(), 1);
	assert_cdev_routed(TDEVREG0_NODE, tdevreg_major(), 0);
}
END_TEST

START_TEST(test_unload_removes_node)
{
	ck_assert_ret(evlsim_unload_module("tdevreg"), 0);
	assert_no_node(TDEVREG0_NODE);
	ck_assert_ret(evlsim_load_module("tdevreg"), 0);
	/* the region was freed: the same major again */
	ck_assert_uint_eq(tdevreg_major(), 254);
	assert_cdev_routed(TDEVREG0_NODE, 254, 0);
}
END_TEST

/* Unload removes what the driver's exit removes, and refuses while a node is open. */
START_TEST(test_unload_removes_every_node)
{
	int fd;

	ck_assert_ret(tdevreg_misc_register(0, "tdr-m0", -1), 0);
	ck_assert_ret(tdevreg_device_create(0, 0, 1, "tdr-d1"), 0);
	ck_assert_ret(tdevreg_cdev_add(1), 0);
	fd = open_node("/dev/tdr-m0", O_RDONLY);
	ck_assert_ret(evlsim_unload_module("tdevreg"), -EBUSY);
	close_fd(fd);
	fd = open_node("/dev/tdr-d1", O_RDONLY);
	ck_assert_ret(evlsim_unload_module("tdevreg"), -EBUSY);
	close_fd(fd);
	ck_assert_ret(evlsim_unload_module("tdevreg"), 0);
	assert_no_node(TDEVREG0_NODE);
	assert_no_node("/dev/tdr-m0");
	assert_no_node("/dev/tdr-d1");
	ck_assert_ret(evlsim_load_module("tdevreg"), 0);
}
END_TEST

/* ---- device number regions ----------------------------------------------------------- */

START_TEST(test_dynamic_majors_from_254_down)
{
	unsigned int major = 0, major2 = 0;

	ck_assert_uint_eq(tdevreg_major(), 254);
	ck_assert_ret(tdevreg_region_alloc(0, 4, &major), 0);
	ck_assert_uint_eq(major, 253);
	/* a dynamic major keeps the requested base minor */
	ck_assert_ret(tdevreg_region_alloc(5, 2, &major2), 0);
	ck_assert_uint_eq(major2, 252);
	tdevreg_region_unregister(253, 0, 4);
	/* a freed major is found again */
	ck_assert_ret(tdevreg_region_alloc(0, 1, &major), 0);
	ck_assert_uint_eq(major, 253);
	tdevreg_region_unregister(253, 0, 1);
	tdevreg_region_unregister(252, 5, 2);
}
END_TEST

/* A major partly taken by a static region is not handed out dynamically. */
START_TEST(test_dynamic_major_skips_static)
{
	unsigned int major = 0;

	ck_assert_ret(tdevreg_region_register(253, 100, 1), 0);
	ck_assert_ret(tdevreg_region_alloc(0, 1, &major), 0);
	ck_assert_uint_eq(major, 252);
	tdevreg_region_unregister(252, 0, 1);
	tdevreg_region_unregister(253, 100, 1);
}
END_TEST

/* 21 majors in 254..234, then 128 in 511..384, then -EBUSY. */
START_TEST(test_dynamic_majors_exhausted_ebusy)
{
	unsigned int major, expected = 253, n;

	for (n = 0; n < 148; n++) {
		major = 0;
		ck_assert_ret(tdevreg_region_alloc(0, 1, &major), 0);
		ck_assert_uint_eq(major, expected);
		expected = expected == 234 ? 511 : expected - 1;
	}
	ck_assert_uint_eq(expected, 383);
	ck_assert_ret(tdevreg_region_alloc(0, 1, &major), -EBUSY);
	/* static majors outside the dynamic ranges still register */
	ck_assert_ret(tdevreg_region_register(200, 0, 1), 0);
	tdevreg_region_unregister(200, 0, 1);
	/* one freed major is available again */
	tdevreg_region_unregister(400, 0, 1);
	ck_assert_ret(tdevreg_region_alloc(0, 1, &major), 0);
	ck_assert_uint_eq(major, 400);
	for (major = 253; major >= 234; major--)
		tdevreg_region_unregister(major, 0, 1);
	for (major = 511; major >= 384; major--)
		tdevreg_region_unregister(major, 0, 1);
}
END_TEST

START_TEST(test_static_region_overlaps_ebusy)
{
	unsigned int m = tdevreg_major();

	ck_assert_ret(tdevreg_region_register(240, 10, 4), 0);	/* 10..13 */
	ck_assert_ret(tdevreg_region_register(240, 10, 4), -EBUSY);
	ck_assert_ret(tdevreg_region_register(240, 8, 3), -EBUSY);
	ck_assert_ret(tdevreg_region_register(240, 13, 1), -EBUSY);
	ck_assert_ret(tdevreg_region_register(240, 11, 1), -EBUSY);
	ck_assert_ret(tdevreg_region_register(240, 0, 100), -EBUSY);
	/* adjacent ranges do not overlap */
	ck_assert_ret(tdevreg_region_register(240, 14, 2), 0);
	ck_assert_ret(tdevreg_region_register(240, 8, 2), 0);
	/* the driver's own region: minors 0..7 of its major */
	ck_assert_ret(tdevreg_region_register(m, 0, 1), -EBUSY);
	ck_assert_ret(tdevreg_region_register(m, 7, 2), -EBUSY);
	ck_assert_ret(tdevreg_region_register(m, TDEVREG_MINORS, 1), 0);
	tdevreg_region_unregister(m, TDEVREG_MINORS, 1);
	tdevreg_region_unregister(240, 8, 2);
	tdevreg_region_unregister(240, 14, 2);
	tdevreg_region_unregister(240, 10, 4);
	/* freed */
	ck_assert_ret(tdevreg_region_register(240, 0, 100), 0);
	tdevreg_region_unregister(240, 0, 100);
}
END_TEST

/* A range crossing a major registers one region per major, all or nothing. */
START_TEST(test_region_across_majors)
{
	ck_assert_ret(tdevreg_region_register(241, MINORMASK, 2), 0);	/* 241:max, 242:0 */
	ck_assert_ret(tdevreg_region_register(242, 0, 1), -EBUSY);
	ck_assert_ret(tdevreg_region_register(241, MINORMASK, 1), -EBUSY);
	ck_assert_ret(tdevreg_region_register(242, 1, 1), 0);
	tdevreg_region_unregister(242, 1, 1);
	tdevreg_region_unregister(241, MINORMASK, 2);
	ck_assert_ret(tdevreg_region_register(242, 0, 1), 0);
	/* 243:0 is free, 242:0 is not: the part already registered is rolled back */
	ck_assert_ret(tdevreg_region_register(241, MINORMASK, 2), -EBUSY);
	ck_assert_ret(tdevreg_region_register(241, MINORMASK, 1), 0);
	tdevreg_region_unregister(241, MINORMASK, 1);
	tdevreg_region_unregister(242, 0, 1);
}
END_TEST

START_TEST(test_region_bounds_einval)
{
	unsigned int major = 0;

	ck_assert_ret(tdevreg_region_register(512, 0, 1), -EINVAL);
	ck_assert_ret(tdevreg_region_register(4095, 0, 1), -EINVAL);
	ck_assert_ret(tdevreg_region_alloc(0, MINORMASK + 2, &major), -EINVAL);
	ck_assert_ret(tdevreg_region_alloc(1, MINORMASK + 1, &major), -EINVAL);
	ck_assert_ret(tdevreg_region_alloc(0, MINORMASK + 1, &major), 0);
	ck_assert_uint_eq(major, 253);
	tdevreg_region_unregister(253, 0, MINORMASK + 1);
}
END_TEST

/* ---- register_chrdev ----------------------------------------------------------------- */

/* register_chrdev(0, ...) returns the dynamic major; its cdev covers minors 0..255. */
START_TEST(test_register_chrdev_dynamic)
{
	int major = tdevreg_chrdev_register(0, 0, 256, "tdr-chr");

	ck_assert_int_eq(major, 253);
	ck_assert_ret(tdevreg_device_create(0, major, 5, "tdr-chr5"), 0);
	ck_assert_ret(tdevreg_device_create(1, major, 256, "tdr-chr256"), 0);
	assert_cdev_routed("/dev/tdr-chr5", major, 5);
	/* a device number outside the cdev has a node but no driver */
	ck_assert_fails(open("/dev/tdr-chr256", O_RDONLY), ENXIO);
	/* the range is taken */
	ck_assert_ret(tdevreg_region_register(major, 255, 1), -EBUSY);
	ck_assert_ret(tdevreg_region_register(major, 256, 1), 0);
	tdevreg_region_unregister(major, 256, 1);
	tdevreg_chrdev_unregister();
	ck_assert_fails(open("/dev/tdr-chr5", O_RDONLY), ENXIO);
	ck_assert_ret(tdevreg_region_register(major, 0, 256), 0);
	tdevreg_region_unregister(major, 0, 256);
}
END_TEST

/* register_chrdev(major, ...) with a static major returns 0, or -EBUSY if it is taken. */
START_TEST(test_register_chrdev_static)
{
	ck_assert_ret(tdevreg_chrdev_register(tdevreg_major(), 0, 256, "tdr-chr"), -EBUSY);
	ck_assert_ret(tdevreg_chrdev_register(245, 0, 256, "tdr-chr"), 0);
	ck_assert_ret(tdevreg_chrdev_register(245, 0, 256, "tdr-chr2"), -EBUSY);
	ck_assert_ret(tdevreg_chrdev_register(512, 0, 256, "tdr-chr2"), -EINVAL);
	ck_assert_ret(tdevreg_device_create(0, 245, 0, "tdr-chr0"), 0);
	assert_cdev_routed("/dev/tdr-chr0", 245, 0);
	tdevreg_chrdev_unregister();
	ck_assert_fails(open("/dev/tdr-chr0", O_RDONLY), ENXIO);
}
END_TEST

/* __register_chrdev() on a part of a major: only those minors reach the driver. */
START_TEST(test_register_chrdev_minor_range)
{
	int major = tdevreg_chrdev_register(0, 10, 4, "tdr-part");

	ck_assert_int_eq(major, 253);
	ck_assert_ret(tdevreg_device_create(0, major, 9, "tdr-p9"), 0);
	ck_assert_ret(tdevreg_device_create(1, major, 10, "tdr-p10"), 0);
	ck_assert_ret(tdevreg_device_create(2, major, 13, "tdr-p13"), 0);
	ck_assert_ret(tdevreg_device_create(3, major, 14, "tdr-p14"), 0);
	ck_assert_fails(open("/dev/tdr-p9", O_RDONLY), ENXIO);
	assert_cdev_routed("/dev/tdr-p10", major, 10);
	assert_cdev_routed("/dev/tdr-p13", major, 13);
	ck_assert_fails(open("/dev/tdr-p14", O_RDONLY), ENXIO);
	/* the rest of the major is free */
	ck_assert_ret(tdevreg_region_register(major, 0, 10), 0);
	tdevreg_region_unregister(major, 0, 10);
}
END_TEST

/* ---- cdevs and devices --------------------------------------------------------------- */

START_TEST(test_device_create_node_routed)
{
	unsigned int m = tdevreg_major();
	int fd;

	assert_no_node("/dev/tdr-d3");
	ck_assert_ret(tdevreg_device_create(0, 0, 3, "tdr-d3"), 0);
	/* a node without a cdev behind its number */
	ck_assert_fails(open("/dev/tdr-d3", O_RDONLY), ENXIO);
	ck_assert_ret(tdevreg_cdev_add(3), 0);
	assert_cdev_routed("/dev/tdr-d3", m, 3);
	fd = open_node("/dev/tdr-d3", O_RDONLY);
	tdevreg_device_destroy(0);
	assert_no_node("/dev/tdr-d3");
	/* a file open on a destroyed device keeps working until it is closed */
	assert_read(fd, "cdev 254:3\n");
	close_fd(fd);
	ck_assert_int_eq(tdevreg_release_count(), 2);
	/* the name is free again */
	ck_assert_ret(tdevreg_device_create(0, 0, 3, "tdr-d3"), 0);
	assert_cdev_routed("/dev/tdr-d3", m, 3);
}
END_TEST

/* Devices of two classes, each node routed to its own cdev. */
START_TEST(test_device_create_in_other_class)
{
	unsigned int m = tdevreg_major();

	ck_assert_ret(tdevreg_cdev_add(2), 0);
	ck_assert_ret(tdevreg_class_register(0, "tdr-cls"), 0);
	ck_assert_ret(tdevreg_device_create(0, 0, 2, "tdr-a"), 0);
	ck_assert_ret(tdevreg_device_create_in(0, 0, 4, "tdr-b"), 0);
	ck_assert_ret(tdevreg_cdev_add(4), 0);
	assert_cdev_routed("/dev/tdr-a", m, 2);
	assert_cdev_routed("/dev/tdr-b", m, 4);
	tdevreg_device_destroy_in(0, 0, 4);
	assert_no_node("/dev/tdr-b");
	assert_cdev_routed("/dev/tdr-a", m, 2);
}
END_TEST

/* device_add(): sysfs refuses a second /sys/class/<class>/<name>. */
START_TEST(test_device_create_duplicate_name_eexist)
{
	unsigned int m = tdevreg_major();

	ck_assert_ret(tdevreg_cdev_add(1), 0);
	ck_assert_ret(tdevreg_device_create(0, 0, 1, "tdr-dup"), 0);
	ck_assert_ret(tdevreg_device_create(1, 0, 2, "tdr-dup"), -EEXIST);
	ck_assert_ret(tdevreg_device_create(1, 0, 2, "tdevreg0"), -EEXIST);
	/* the first device is untouched */
	assert_cdev_routed("/dev/tdr-dup", m, 1);
	assert_cdev_routed(TDEVREG0_NODE, m, 0);
	tdevreg_device_destroy(0);
	ck_assert_ret(tdevreg_device_create(1, 0, 2, "tdr-dup"), 0);
	ck_assert_fails(open("/dev/tdr-dup", O_RDONLY), ENXIO);
}
END_TEST

/*
 * device_add(): sysfs refuses a second /sys/dev/char/<major>:<minor> link, whatever the
 * names and classes of the two devices.
 */
START_TEST(test_device_create_duplicate_devt_eexist)
{
	unsigned int m = tdevreg_major();

	ck_assert_ret(tdevreg_device_create(0, 0, 0, "tdr-again0"), -EEXIST);
	ck_assert_ret(tdevreg_class_register(0, "tdr-cls"), 0);
	ck_assert_ret(tdevreg_device_create_in(0, 0, 0, "tdr-other0"), -EEXIST);
	assert_no_node("/dev/tdr-again0");
	assert_no_node("/dev/tdr-other0");
	assert_cdev_routed(TDEVREG0_NODE, m, 0);
}
END_TEST

/*
 * A device of another class may have the name of an existing one: sysfs keeps them apart
 * (/sys/class/<class>/<name>), and devtmpfs's failure to create a second /dev/<name> is
 * ignored by device_add(), the first node staying in place.
 */
START_TEST(test_device_same_name_other_class)
{
	unsigned int m = tdevreg_major();

	ck_assert_ret(tdevreg_class_register(0, "tdr-cls"), 0);
	ck_assert_ret(tdevreg_cdev_add(5), 0);
	ck_assert_ret(tdevreg_device_create_in(0, 0, 5, "tdevreg0"), 0);
	assert_cdev_routed(TDEVREG0_NODE, m, 0);
	tdevreg_device_destroy_in(0, 0, 5);
	assert_cdev_routed(TDEVREG0_NODE, m, 0);
}
END_TEST

/*
 * cdev_del(): the node stays, new opens fail with ENXIO, open files keep working. (Not
 * tested: a new open while a file is still open on the same node, which the kernel lets
 * through the inode's cached ->i_cdev until the cdev's last reference is dropped.)
 */
START_TEST(test_cdev_del_enxio)
{
	unsigned int m = tdevreg_major();
	int fd;

	tdevreg_cdev_del(0);
	ck_assert_fails(open(TDEVREG0_NODE, O_RDONLY), ENXIO);
	ck_assert_ret(evlsim_module_refcount("tdevreg"), 0);
	ck_assert_ret(tdevreg_cdev_add(0), 0);

	fd = open_node(TDEVREG0_NODE, O_RDONLY);
	ck_assert_ret(evlsim_module_refcount("tdevreg"), 2);
	tdevreg_cdev_del(0);
	assert_read(fd, "cdev 254:0\n");
	ck_assert_ret(evlsim_module_refcount("tdevreg"), 2);
	ck_assert_ret(evlsim_unload_module("tdevreg"), -EBUSY);
	close_fd(fd);
	ck_assert_ret(evlsim_module_refcount("tdevreg"), 0);
	ck_assert_fails(open(TDEVREG0_NODE, O_RDONLY), ENXIO);
	/* added again, it is reached again */
	ck_assert_ret(tdevreg_cdev_add(0), 0);
	assert_cdev_routed(TDEVREG0_NODE, m, 0);
}
END_TEST

/* ---- classes ------------------------------------------------------------------------- */

START_TEST(test_class_duplicate_name_eexist)
{
	ck_assert_ret(tdevreg_class_register(0, "tdevreg"), -EEXIST);
	ck_assert_ret(tdevreg_class_create_probe("tdevreg"), -EEXIST);
	ck_assert_ret(tdevreg_class_register(0, "tdr-cls"), 0);
	ck_assert_ret(tdevreg_class_register(1, "tdr-cls"), -EEXIST);
	ck_assert_ret(tdevreg_class_create_probe("tdr-cls"), -EEXIST);
	ck_assert_ret(tdevreg_class_register(1, "tdr-cls1"), 0);
	tdevreg_class_unregister(0);
	/* the name is free again */
	ck_assert_ret(tdevreg_class_create_probe("tdr-cls"), 0);
	ck_assert_ret(tdevreg_class_create_probe("tdr-cls"), 0);
	ck_assert_ret(tdevreg_class_register(0, "tdr-cls"), 0);
}
END_TEST

/* The misc class exists from boot (misc_init() is a subsys_initcall). */
START_TEST(test_class_misc_exists)
{
	ck_assert_ret(tdevreg_class_create_probe("misc"), -EEXIST);
	ck_assert_ret(tdevreg_misc_register(0, "tdr-m0", -1), 0);
	ck_assert_ret(tdevreg_class_create_probe("misc"), -EEXIST);
	ck_assert_ret(tdevreg_class_register(0, "misc"), -EEXIST);
}
END_TEST

/* A class unregistered with devices in it: reported, and the devices are removed. */
START_TEST(test_class_unregister_with_devices_leak)
{
	ck_assert_ret(tdevreg_class_register(0, "tdr-cls"), 0);
	ck_assert_ret(tdevreg_device_create_in(0, 0, 6, "tdr-c6"), 0);
	ck_assert_ret(tdevreg_cdev_add(6), 0);
	assert_cdev_routed("/dev/tdr-c6", tdevreg_major(), 6);
	tdevreg_class_unregister(0);
	ck_assert_uint_eq(evlsim_report_count(EVLSIM_REPORT_LEAK), 1);
	ck_assert_uint_eq(evlsim_report_total(), 1);
	evlsim_reset_reports();
	assert_no_node("/dev/tdr-c6");
}
END_TEST

/* ---- misc devices -------------------------------------------------------------------- */

START_TEST(test_misc_dynamic_minor)
{
	int m0, m1;

	ck_assert_int_eq(tdevreg_misc_minor(0), 0);	/* never registered */
	ck_assert_ret(tdevreg_misc_register(0, "tdr-m0", -1), 0);
	ck_assert_ret(tdevreg_misc_register(1, "tdr-m1", -1), 0);
	m0 = tdevreg_misc_minor(0);
	m1 = tdevreg_misc_minor(1);
	ck_assert_int_gt(m0, MISC_DYNAMIC_MINOR);
	ck_assert_int_gt(m1, MISC_DYNAMIC_MINOR);
	ck_assert_int_ne(m0, m1);
	ck_assert_int_le(m0, (int)MINORMASK);
	ck_assert_int_le(m1, (int)MINORMASK);
	/* misc_open() put the miscdevice in ->private_data for the driver's ->open */
	assert_misc_routed("/dev/tdr-m0", 0, "tdr-m0");
	assert_misc_routed("/dev/tdr-m1", 1, "tdr-m1");
	/* misc_deregister(): the node goes, a dynamic minor is released */
	tdevreg_misc_deregister(0);
	assert_no_node("/dev/tdr-m0");
	ck_assert_int_eq(tdevreg_misc_minor(0), MISC_DYNAMIC_MINOR);
	assert_misc_routed("/dev/tdr-m1", 1, "tdr-m1");
	ck_assert_ret(tdevreg_misc_register(0, "tdr-m0", -1), 0);
	ck_assert_int_ne(tdevreg_misc_minor(0), m1);
	assert_misc_routed("/dev/tdr-m0", 0, "tdr-m0");
}
END_TEST

START_TEST(test_misc_fixed_minor)
{
	ck_assert_ret(tdevreg_misc_register(0, "tdr-m0", 200), 0);
	ck_assert_int_eq(tdevreg_misc_minor(0), 200);
	assert_misc_routed("/dev/tdr-m0", 0, "tdr-m0");
	/* a fixed minor also works above the dynamic marker */
	ck_assert_ret(tdevreg_misc_register(1, "tdr-m1", 300), 0);
	assert_misc_routed("/dev/tdr-m1", 1, "tdr-m1");
	/* a dynamic minor avoids the fixed ones */
	ck_assert_ret(tdevreg_misc_register(2, "tdr-m2", -1), 0);
	ck_assert_int_ne(tdevreg_misc_minor(2), 200);
	ck_assert_int_ne(tdevreg_misc_minor(2), 300);
	assert_misc_routed("/dev/tdr-m2", 2, "tdr-m2");
	/* a fixed minor stays in the structure after deregistration */
	tdevreg_misc_deregister(0);
	assert_no_node("/dev/tdr-m0");
	ck_assert_int_eq(tdevreg_misc_minor(0), 200);
}
END_TEST

START_TEST(test_misc_duplicate_minor_ebusy)
{
	ck_assert_ret(tdevreg_misc_register(0, "tdr-m0", 200), 0);
	ck_assert_ret(tdevreg_misc_register(1, "tdr-m1", 200), -EBUSY);
	ck_assert_int_eq(tdevreg_misc_minor(1), 200);
	assert_no_node("/dev/tdr-m1");
	ck_assert_ret(tdevreg_misc_register(1, "tdr-m1", -1), 0);
	ck_assert_ret(tdevreg_misc_register(2, "tdr-m2", tdevreg_misc_minor(1)), -EBUSY);
	assert_no_node("/dev/tdr-m2");
	assert_misc_routed("/dev/tdr-m0", 0, "tdr-m0");
	/* free again after deregistration */
	tdevreg_misc_deregister(0);
	ck_assert_ret(tdevreg_misc_register(2, "tdr-m2", 200), 0);
	assert_misc_routed("/dev/tdr-m2", 2, "tdr-m2");
}
END_TEST

/* misc_register(): device_create() of a taken name in the misc class fails with -EEXIST. */
START_TEST(test_misc_duplicate_name_eexist)
{
	ck_assert_ret(tdevreg_misc_register(0, "tdr-m0", -1), 0);
	ck_assert_ret(tdevreg_misc_register(1, "tdr-m0", -1), -EEXIST);
	/* the dynamic minor it got is given back */
	ck_assert_int_eq(tdevreg_misc_minor(1), MISC_DYNAMIC_MINOR);
	ck_assert_ret(tdevreg_misc_register(1, "tdr-m0", 201), -EEXIST);
	ck_assert_int_eq(tdevreg_misc_minor(1), 201);
	/* and that minor was not taken */
	ck_assert_ret(tdevreg_misc_register(2, "tdr-m2", 201), 0);
	assert_misc_routed("/dev/tdr-m0", 0, "tdr-m0");
	assert_misc_routed("/dev/tdr-m2", 2, "tdr-m2");
}
END_TEST

/* A misc file keeps working after misc_deregister(), and pins the module once. */
START_TEST(test_misc_open_file_outlives_deregister)
{
	char expected[64];
	int fd;

	ck_assert_ret(tdevreg_misc_register(0, "tdr-m0", -1), 0);
	snprintf(expected, sizeof(expected), "misc 0 tdr-m0 %d\n", tdevreg_misc_minor(0));
	fd = open_node("/dev/tdr-m0", O_RDONLY);
	ck_assert_ret(evlsim_module_refcount("tdevreg"), 1);
	tdevreg_misc_deregister(0);
	assert_no_node("/dev/tdr-m0");
	assert_read(fd, expected);
	ck_assert_ret(evlsim_unload_module("tdevreg"), -EBUSY);
	close_fd(fd);
	ck_assert_ret(evlsim_module_refcount("tdevreg"), 0);
}
END_TEST

/* testdrv's misc node, beside tdevreg's: minors and names do not clash. */
START_TEST(test_misc_testdrv_node)
{
	char buf[8];
	int fd;

	ck_assert_ret(evlsim_load_module("testdrv"), 0);
	ck_assert_ret(tdevreg_misc_register(0, "tdrv-misc", -1), -EEXIST);
	ck_assert_ret(tdevreg_misc_register(0, "tdr-m0", -1), 0);
	fd = open_node(TDRV_MISC, O_RDONLY);
	ck_assert_ret(evlsim_module_refcount("testdrv"), 1);
	ck_assert_ret(evlsim_module_refcount("tdevreg"), 0);
	ck_assert_call(read(fd, buf, sizeof(buf)), 8);
	ck_assert_int_eq(memcmp(buf, "testdrv!", 8), 0);
	ck_assert_call(ioctl(fd, TDRV_IOC_PING), 0);
	assert_misc_routed("/dev/tdr-m0", 0, "tdr-m0");
	ck_assert_ret(evlsim_unload_module("testdrv"), -EBUSY);
	close_fd(fd);
	ck_assert_ret(evlsim_unload_module("testdrv"), 0);
	assert_no_node(TDRV_MISC);
	/* tdevreg's misc node is still there, and the name is free now */
	assert_misc_routed("/dev/tdr-m0", 0, "tdr-m0");
	ck_assert_ret(tdevreg_misc_register(1, "tdrv-misc", -1), 0);
	assert_misc_routed(TDRV_MISC, 1, "tdrv-misc");
	tdevreg_misc_deregister(1);
	ck_assert_ret(evlsim_load_module("testdrv"), 0);
	close_fd(open_node(TDRV_MISC, O_RDONLY));
	ck_assert_ret(evlsim_unload_module("testdrv"), 0);
}
END_TEST

/* ---- suite --------------------------------------------------------------------------- */

static Suite *suite(void)
{
	Suite *s = suite_create("devices");
	TCase *tc;

	evlsim_check_modules("tdevreg");
	tc = tcase("module");
	tcase_add_test(tc, test_init_node_routed);
	tcase_add_test(tc, test_unload_removes_node);
	tcase_add_test(tc, test_unload_removes_every_node);
	suite_add_tcase(s, tc);

	tc = tcase("regions");
	tcase_add_test(tc, test_dynamic_majors_from_254_down);
	tcase_add_test(tc, test_dynamic_major_skips_static);
	tcase_add_test(tc, test_dynamic_majors_exhausted_ebusy);
	tcase_add_test(tc, test_static_region_overlaps_ebusy);
	tcase_add_test(tc, test_region_across_majors);
	tcase_add_test(tc, test_region_bounds_einval);
	tcase_add_test(tc, test_register_chrdev_dynamic);
	tcase_add_test(tc, test_register_chrdev_static);
	tcase_add_test(tc, test_register_chrdev_minor_range);
	suite_add_tcase(s, tc);

	tc = tcase("devices");
	tcase_add_test(tc, test_device_create_node_routed);
	tcase_add_test(tc, test_device_create_in_other_class);
	tcase_add_test(tc, test_device_create_duplicate_name_eexist);
	tcase_add_test(tc, test_device_create_duplicate_devt_eexist);
	tcase_add_test(tc, test_device_same_name_other_class);
	tcase_add_test(tc, test_cdev_del_enxio);
	suite_add_tcase(s, tc);

	tc = tcase("classes");
	tcase_add_test(tc, test_class_duplicate_name_eexist);
	tcase_add_test(tc, test_class_misc_exists);
	tcase_add_test(tc, test_class_unregister_with_devices_leak);
	suite_add_tcase(s, tc);

	tc = tcase("misc");
	tcase_add_test(tc, test_misc_dynamic_minor);
	tcase_add_test(tc, test_misc_fixed_minor);
	tcase_add_test(tc, test_misc_duplicate_minor_ebusy);
	tcase_add_test(tc, test_misc_duplicate_name_eexist);
	tcase_add_test(tc, test_misc_open_file_outlives_deregister);
	tcase_add_test(tc, test_misc_testdrv_node);
	suite_add_tcase(s, tc);

	return s;
}

int main(void)
{
	return evlsim_check_run(suite());
}
