// SPDX-License-Identifier: MIT
/*
 * check_modules: loading and unloading modules, as insmod and rmmod do.
 *
 * Proves evlsim_load_module(), evlsim_unload_module() and evlsim_module_refcount() against
 * kernel/module/main.c and kernel/params.c: modules linked into the test program and
 * module shared objects (by path, and by name through $EVLSIM_MODULE_PATH, a linked-in
 * module winning over a shared object of the same name); parameters of every type set at
 * load, errors for bad values (-EINVAL, -ERANGE, -ENOSPC), unknown parameters ignored,
 * '-' and '_' equivalent in parameter names, defaults restored on reload; an init failure
 * propagated as is, leaving nothing registered (a leftover device reported as a leak and
 * removed), a positive init result reported and the module loaded anyway; unload refused
 * with -EBUSY while a file of the module is open or a reference is held, and for a module
 * without an exit function; -ENOENT for unknown or unloaded modules, -EEXIST for a double
 * load; load/unload/load cycles in one process, and modules that do not clash.
 */
#define _GNU_SOURCE
#include <dlfcn.h>
#include <errno.h>
#include <fcntl.h>
#include <limits.h>
#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/ioctl.h>
#include <unistd.h>
#include <evlsim/evlsim.h>
#include "evlsim-check.h"
#include "echo/echo-abi.h"
#include "../drivers/testdrv-abi.h"
#include "../drivers/tfail-abi.h"
#include "../drivers/tnoexit-abi.h"

#define TDRV_FULL	"/dev/tdrv-full"
#define TDRV_MISC	"/dev/tdrv-misc"
#define ECHO_NODE	"/dev/echo"

/* tfail's parameter getters (tests/drivers/tfail.c) */

/*
 * Kernel-world names, reached through their link names (see "Link names" and "Module
 * identity" in docs/architecture.md): testdrv's struct module and the reference calls.
 */
extern char tdrv_this_module[] __asm__("evlsim__this_module_testdrv");
extern bool k_try_module_get(void *mod) __asm__("evlsim__k_try_module_get");
extern void k_module_put(void *mod) __asm__("evlsim__k_module_put");

/* ---- helpers ------------------------------------------------------------------------- */

/* The node exists and reaches a driver: open and close it. */
static void assert_node(const char *path)
{
	close_fd(open_node(path, O_RDWR));
}

static void assert_no_node(const char *path)
{
	ck_assert_fails(open(path, O_RDWR), ENOENT);
}

static struct echo_info echo_info(int fd)
{
	struct echo_info info;

	memset(&info, 0, sizeof(info));
	ck_assert_call(ioctl(fd, ECHO_IOC_GET_INFO, &info), 0);
	return info;
}

static unsigned int echo_size(void)
{
	int fd = open_node(ECHO_NODE, O_RDWR);
	unsigned int size = echo_info(fd).size;

	close_fd(fd);
	return size;
}

static long tdrv_opens(void)
{
	struct tdrv_stats st;

	tdrv_get_stats(&st);
	return st.opens;
}

/* Where @file lies in $EVLSIM_MODULE_PATH, in a buffer the caller frees. */
static char *module_so(const char *file)
{
	const char *env = getenv("EVLSIM_MODULE_PATH");
	char *dirs, *dir, *save = NULL, *path = NULL;

	ck_assert_msg(env && *env, "EVLSIM_MODULE_PATH must name the module directories");
	dirs = strdup(env);
	ck_assert_ptr_nonnull(dirs);
	for (dir = strtok_r(dirs, ":", &save); dir; dir = strtok_r(NULL, ":", &save)) {
		ck_assert_int_ge(asprintf(&path, "%s/%s", dir, file), 0);
		if (access(path, R_OK) == 0)
			break;
		free(path);
		path = NULL;
	}
	free(dirs);
	ck_assert_msg(path, "%s not found in EVLSIM_MODULE_PATH=%s", file, env);
	return path;
}

static int load_fmt(const char *fmt, const char *arg)
{
	char cmd[PATH_MAX + 64];
	int ret;

	snprintf(cmd, sizeof(cmd), fmt, arg);
	ret = evlsim_load_module(cmd);
	return ret;
}

static Suite *suite(void);

/* ---- loading linked-in modules ------------------------------------------------------- */

START_TEST(test_load_linked_module_creates_nodes)
{
	assert_no_node(TDRV_FULL);
	ck_assert_ret(evlsim_load_module("testdrv"), 0);
	ck_assert_ret(evlsim_module_refcount("testdrv"), 0);
	assert_node(TDRV_FULL);
	assert_node(TDRV_MISC);
	ck_assert_ret(evlsim_unload_module("testdrv"), 0);
	assert_no_node(TDRV_FULL);
	assert_no_node(TDRV_MISC);
	ck_assert_ret(evlsim_module_refcount("testdrv"), -ENOENT);
}
END_TEST

START_TEST(test_load_unknown_enoent)
{
	ck_assert_ret(evlsim_load_module("nosuchmodule"), -ENOENT);
	ck_assert_ret(evlsim_load_module("nosuchmodule size=1"), -ENOENT);
	ck_assert_ret(evlsim_unload_module("nosuchmodule"), -ENOENT);
	ck_assert_ret(evlsim_module_refcount("nosuchmodule"), -ENOENT);
}
END_TEST

START_TEST(test_unload_known_but_not_loaded_enoent)
{
	ck_assert_ret(evlsim_unload_module("testdrv"), -ENOENT);
	ck_assert_ret(evlsim_module_refcount("testdrv"), -ENOENT);
	ck_assert_ret(evlsim_load_module("testdrv"), 0);
	ck_assert_ret(evlsim_unload_module("testdrv"), 0);
	ck_assert_ret(evlsim_unload_module("testdrv"), -ENOENT);
}
END_TEST

START_TEST(test_load_malformed_einval)
{
	ck_assert_ret(evlsim_load_module(NULL), -EINVAL);
	ck_assert_ret(evlsim_load_module(""), -EINVAL);
	ck_assert_ret(evlsim_load_module("   "), -EINVAL);
	ck_assert_ret(evlsim_unload_module(NULL), -EINVAL);
	ck_assert_ret(evlsim_module_refcount(NULL), -ENOENT);
}
END_TEST

START_TEST(test_load_twice_eexist)
{
	ck_assert_ret(evlsim_load_module("testdrv"), 0);
	ck_assert_ret(evlsim_load_module("testdrv"), -EEXIST);
	ck_assert_ret(evlsim_load_module("  testdrv  "), -EEXIST);
	/* the loaded module is left as it was */
	ck_assert_ret(evlsim_module_refcount("testdrv"), 0);
	assert_node(TDRV_FULL);
	ck_assert_ret(evlsim_unload_module("testdrv"), 0);
}
END_TEST

START_TEST(test_load_unload_load_again)
{
	int i;

	for (i = 0; i < 3; i++) {
		ck_assert_ret(evlsim_load_module("testdrv"), 0);
		ck_assert_ret(evlsim_load_module("echo"), 0);
		assert_node(TDRV_FULL);
		assert_node(TDRV_MISC);
		assert_node(ECHO_NODE);
		ck_assert_ret(evlsim_unload_module("echo"), 0);
		ck_assert_ret(evlsim_unload_module("testdrv"), 0);
		assert_no_node(TDRV_FULL);
		assert_no_node(ECHO_NODE);
	}
}
END_TEST

/* Each module has its own struct module: references and unload do not mix. */
START_TEST(test_two_linked_modules_do_not_clash)
{
	int efd, tfd;

	ck_assert_ret(evlsim_load_module("testdrv"), 0);
	ck_assert_ret(evlsim_load_module("echo"), 0);
	ck_assert_ret(evlsim_load_module("tfail"), 0);

	efd = open_node(ECHO_NODE, O_RDWR);
	ck_assert_ret(evlsim_module_refcount("echo"), 2);
	ck_assert_ret(evlsim_module_refcount("testdrv"), 0);
	ck_assert_ret(evlsim_module_refcount("tfail"), 0);

	tfd = open_node(TDRV_FULL, O_RDWR);
	ck_assert_ret(evlsim_module_refcount("testdrv"), 2);
	ck_assert_ret(evlsim_module_refcount("echo"), 2);

	/* unloading unused modules works while another one is busy */
	ck_assert_ret(evlsim_unload_module("tfail"), 0);
	ck_assert_ret(evlsim_unload_module("echo"), -EBUSY);
	ck_assert_ret(evlsim_unload_module("testdrv"), -EBUSY);
	close_fd(tfd);
	ck_assert_ret(evlsim_unload_module("testdrv"), 0);
	ck_assert_ret(evlsim_unload_module("echo"), -EBUSY);
	close_fd(efd);
	ck_assert_ret(evlsim_unload_module("echo"), 0);
}
END_TEST

/* ---- unload while in use ------------------------------------------------------------- */

/* A cdev file pins its module twice, as chrdev_open() does: cdev_get() and fops_get(). */
START_TEST(test_unload_busy_while_cdev_open)
{
	char buf[8];
	int fd;

	ck_assert_ret(evlsim_load_module("testdrv"), 0);
	fd = open_node(TDRV_FULL, O_RDWR);
	ck_assert_ret(evlsim_module_refcount("testdrv"), 2);
	ck_assert_ret(evlsim_unload_module("testdrv"), -EBUSY);
	ck_assert_ret(evlsim_unload_module("testdrv"), -EBUSY);
	/* a refused unload leaves the module live and usable */
	ck_assert_ret(evlsim_module_refcount("testdrv"), 2);
	ck_assert_call(read(fd, buf, sizeof(buf)), 8);
	ck_assert_int_eq(memcmp(buf, "testdrv!", 8), 0);
	assert_node(TDRV_FULL);
	close_fd(fd);
	ck_assert_ret(evlsim_module_refcount("testdrv"), 0);
	ck_assert_ret(evlsim_unload_module("testdrv"), 0);
}
END_TEST

/* A misc file pins its module once: misc_open() swaps in the driver's fops_get()ed fops. */
START_TEST(test_unload_busy_while_misc_open)
{
	int fd;

	ck_assert_ret(evlsim_load_module("testdrv"), 0);
	fd = open_node(TDRV_MISC, O_RDWR);
	ck_assert_ret(evlsim_module_refcount("testdrv"), 1);
	ck_assert_ret(evlsim_unload_module("testdrv"), -EBUSY);
	close_fd(fd);
	ck_assert_ret(evlsim_module_refcount("testdrv"), 0);
	ck_assert_ret(evlsim_unload_module("testdrv"), 0);
}
END_TEST

/* The references belong to the file, not to the descriptors. */
START_TEST(test_unload_busy_until_last_dup_closed)
{
	int fd, fd2, fd3;

	ck_assert_ret(evlsim_load_module("testdrv"), 0);
	fd = open_node(TDRV_FULL, O_RDWR);
	fd2 = dup(fd);
	ck_assert_int_ge(fd2, 0);
	ck_assert_ret(evlsim_module_refcount("testdrv"), 2);
	fd3 = open_node(TDRV_FULL, O_RDONLY);
	ck_assert_ret(evlsim_module_refcount("testdrv"), 4);
	close_fd(fd3);
	close_fd(fd);
	ck_assert_ret(evlsim_module_refcount("testdrv"), 2);
	ck_assert_ret(evlsim_unload_module("testdrv"), -EBUSY);
	close_fd(fd2);
	ck_assert_ret(evlsim_module_refcount("testdrv"), 0);
	ck_assert_ret(evlsim_unload_module("testdrv"), 0);
}
END_TEST

/* A failed open drops every reference it took. */
START_TEST(test_failed_open_leaves_no_reference)
{
	ck_assert_ret(evlsim_load_module("testdrv"), 0);
	tdrv_force_open_result(-EACCES);
	ck_assert_fails(open(TDRV_FULL, O_RDWR), EACCES);
	ck_assert_fails(open(TDRV_MISC, O_RDWR), EACCES);
	tdrv_force_open_result(0);
	ck_assert_ret(evlsim_module_refcount("testdrv"), 0);
	ck_assert_ret(evlsim_unload_module("testdrv"), 0);
}
END_TEST

START_TEST(test_unload_module_without_exit_ebusy)
{
	ck_assert_ret(evlsim_load_module(TNOEXIT_NAME), 0);
	ck_assert_ret(evlsim_module_refcount(TNOEXIT_NAME), 0);
	ck_assert_ret(evlsim_unload_module(TNOEXIT_NAME), -EBUSY);
	ck_assert_ret(evlsim_unload_module(TNOEXIT_NAME), -EBUSY);
	/* still loaded */
	ck_assert_ret(evlsim_module_refcount(TNOEXIT_NAME), 0);
	ck_assert_ret(evlsim_load_module(TNOEXIT_NAME), -EEXIST);
}
END_TEST

/*
 * try_module_get() pins a live module, module_put() releases it. (Before a load and after
 * an unload the kernel has no struct module to pass: those cases are not tested.)
 */
START_TEST(test_module_reference_blocks_unload)
{
	ck_assert_ret(evlsim_load_module("testdrv"), 0);
	ck_assert(k_try_module_get(tdrv_this_module));
	ck_assert_ret(evlsim_module_refcount("testdrv"), 1);
	ck_assert(k_try_module_get(tdrv_this_module));
	ck_assert_ret(evlsim_module_refcount("testdrv"), 2);
	ck_assert_ret(evlsim_unload_module("testdrv"), -EBUSY);
	k_module_put(tdrv_this_module);
	ck_assert_ret(evlsim_unload_module("testdrv"), -EBUSY);
	k_module_put(tdrv_this_module);
	ck_assert_ret(evlsim_module_refcount("testdrv"), 0);
	ck_assert_ret(evlsim_unload_module("testdrv"), 0);
	/* and the count starts from the base again on reload */
	ck_assert_ret(evlsim_load_module("testdrv"), 0);
	ck_assert_ret(evlsim_module_refcount("testdrv"), 0);
	ck_assert(k_try_module_get(tdrv_this_module));
	k_module_put(tdrv_this_module);
	ck_assert_ret(evlsim_unload_module("testdrv"), 0);
}
END_TEST

/* ---- parameters ---------------------------------------------------------------------- */

START_TEST(test_param_echo_size)
{
	char msg[65];
	int fd;

	ck_assert_ret(evlsim_load_module("echo size=64"), 0);
	fd = open_node(ECHO_NODE, O_RDWR);
	ck_assert_uint_eq(echo_info(fd).size, 64);
	memset(msg, 'x', sizeof(msg));
	ck_assert_call(write(fd, msg, 64), 64);
	ck_assert_fails(write(fd, msg, 65), EFBIG);
	close_fd(fd);
	ck_assert_ret(evlsim_unload_module("echo"), 0);

	/* a new load starts from the default again */
	ck_assert_ret(evlsim_load_module("echo"), 0);
	ck_assert_uint_eq(echo_size(), 4096);
	ck_assert_ret(evlsim_unload_module("echo"), 0);
}
END_TEST

START_TEST(test_param_echo_size_zero_init_einval)
{
	ck_assert_ret(evlsim_load_module("echo size=0"), -EINVAL);
	assert_no_node(ECHO_NODE);
	ck_assert_ret(evlsim_module_refcount("echo"), -ENOENT);
	ck_assert_ret(evlsim_load_module("echo size=0x80"), 0);
	ck_assert_uint_eq(echo_size(), 128);
	ck_assert_ret(evlsim_unload_module("echo"), 0);
}
END_TEST

static void assert_tfail_defaults(void)
{
	int v[4] = { 0 };

	ck_assert_int_eq(tfail_get_fail_at(), 0);
	ck_assert(!tfail_get_flag());
	ck_assert_str_eq(tfail_get_label(), "default");
	ck_assert_uint_eq(tfail_get_big(), 42);
	ck_assert_int_eq(tfail_get_small(), -3);
	ck_assert_uint_eq(tfail_get_values(v, 4), 2);
	ck_assert_int_eq(v[0], 1);
	ck_assert_int_eq(v[1], 2);
	ck_assert_str_eq(tfail_get_word(), "abc");
}

START_TEST(test_param_defaults)
{
	ck_assert_ret(evlsim_load_module("tfail"), 0);
	assert_tfail_defaults();
	ck_assert_ret(evlsim_unload_module("tfail"), 0);
}
END_TEST

START_TEST(test_param_every_type)
{
	int v[4] = { 0 };

	ck_assert_ret(evlsim_load_module("tfail flag=y label=hello big=18446744073709551615 "
					 "small=-32768 values=7,-8,9,10 word=xyzzyzz"), 0);
	ck_assert_int_eq(tfail_get_fail_at(), 0);
	ck_assert(tfail_get_flag());
	ck_assert_str_eq(tfail_get_label(), "hello");
	ck_assert_uint_eq(tfail_get_big(), 18446744073709551615UL);
	ck_assert_int_eq(tfail_get_small(), -32768);
	ck_assert_uint_eq(tfail_get_values(v, 4), 4);
	ck_assert_int_eq(v[0], 7);
	ck_assert_int_eq(v[1], -8);
	ck_assert_int_eq(v[2], 9);
	ck_assert_int_eq(v[3], 10);
	ck_assert_str_eq(tfail_get_word(), "xyzzyzz");
	assert_node(TFAIL_NODE);
	ck_assert_ret(evlsim_unload_module("tfail"), 0);
}
END_TEST

START_TEST(test_param_forms)
{
	int v[4] = { 0 };

	/* a bool without value is set; a shorter array sets the count; bases are parsed */
	ck_assert_ret(evlsim_load_module("tfail flag values=5 big=0x10 small=-0"), 0);
	ck_assert(tfail_get_flag());
	ck_assert_uint_eq(tfail_get_values(v, 4), 1);
	ck_assert_int_eq(v[0], 5);
	ck_assert_uint_eq(tfail_get_big(), 16);
	ck_assert_int_eq(tfail_get_small(), 0);
	ck_assert_ret(evlsim_unload_module("tfail"), 0);

	/* quoted values keep their spaces; the last setting of a parameter wins */
	ck_assert_ret(evlsim_load_module("tfail label=\"hello world\" flag=1 flag=N "
					 "word=one word=two"), 0);
	ck_assert_str_eq(tfail_get_label(), "hello world");
	ck_assert(!tfail_get_flag());
	ck_assert_str_eq(tfail_get_word(), "two");
	ck_assert_ret(evlsim_unload_module("tfail"), 0);

	ck_assert_ret(evlsim_load_module("tfail label=a label=b"), 0);
	ck_assert_str_eq(tfail_get_label(), "b");
	ck_assert_ret(evlsim_unload_module("tfail"), 0);
}
END_TEST

/* parameq(): '-' and '_' are the same character in parameter names */
START_TEST(test_param_dash_underscore_equivalent)
{
	ck_assert_ret(evlsim_load_module("tfail fail-at=1"), -ENODEV);
	ck_assert_ret(evlsim_load_module("tfail fail_at=1"), -ENODEV);
	ck_assert_ret(evlsim_load_module("tfail fail-at=0"), 0);
	ck_assert_int_eq(tfail_get_fail_at(), 0);
	ck_assert_ret(evlsim_unload_module("tfail"), 0);
}
END_TEST

/* unknown_module_param_cb(): an unknown parameter is ignored with a warning */
START_TEST(test_param_unknown_ignored)
{
	ck_assert_ret(evlsim_load_module("tfail nosuch=1 small=4 other"), 0);
	ck_assert_int_eq(tfail_get_small(), 4);
	ck_assert_ret(evlsim_unload_module("tfail"), 0);
}
END_TEST

START_TEST(test_param_defaults_restored_on_reload)
{
	ck_assert_ret(evlsim_load_module("tfail flag label=changed big=1 small=1 "
					 "values=3,3,3,3 word=changed"), 0);
	ck_assert_ret(evlsim_unload_module("tfail"), 0);
	ck_assert_ret(evlsim_load_module("tfail"), 0);
	assert_tfail_defaults();
	ck_assert_ret(evlsim_unload_module("tfail"), 0);
}
END_TEST

/* A bad value fails the load with the setter's error, before the init runs. */
struct bad_param {
	const char *cmd;
	int err;
};

static const struct bad_param bad_params[] = {
	{ "tfail fail_at=abc", -EINVAL },
	{ "tfail fail_at=", -EINVAL },
	{ "tfail fail_at", -EINVAL },			/* needs a value */
	{ "tfail fail_at=99999999999", -ERANGE },
	{ "tfail small=40000", -ERANGE },
	{ "tfail small=-32769", -ERANGE },
	{ "tfail big=-1", -EINVAL },
	{ "tfail big=18446744073709551616", -ERANGE },
	{ "tfail flag=maybe", -EINVAL },
	{ "tfail values=1,2,3,4,5", -EINVAL },		/* more than the array holds */
	{ "tfail values=1,x", -EINVAL },
	{ "tfail word=abcdefgh", -ENOSPC },		/* 8 chars do not fit in char[8] */
	{ "tfail small=5 word=abcdefgh", -ENOSPC },
	{ "echo size=4294967296", -ERANGE },
	{ "echo size=-1", -EINVAL },
};

START_TEST(test_param_bad_value)
{
	const struct bad_param *bp = &bad_params[_i];
	const char *mod = bp->cmd[0] == 'e' ? "echo" : "tfail";
	int ret = evlsim_load_module(bp->cmd);

	ck_assert_msg(ret == bp->err, "%s: expected %d, got %d", bp->cmd, bp->err, ret);
	ck_assert_ret(evlsim_module_refcount(mod), -ENOENT);
	assert_no_node(mod[0] == 'e' ? ECHO_NODE : TFAIL_NODE);
	/* the next load starts from the defaults, not from what was set before the error */
	ck_assert_ret(evlsim_load_module(mod), 0);
	if (mod[0] == 't')
		assert_tfail_defaults();
	else
		ck_assert_uint_eq(echo_size(), 4096);
	ck_assert_ret(evlsim_unload_module(mod), 0);
}
END_TEST

/* ---- init failures ------------------------------------------------------------------- */

START_TEST(test_init_fails_before_registering)
{
	ck_assert_ret(evlsim_load_module("tfail fail_at=1"), -ENODEV);
	assert_no_node(TFAIL_NODE);
	ck_assert_ret(evlsim_module_refcount("tfail"), -ENOENT);
	ck_assert_ret(evlsim_unload_module("tfail"), -ENOENT);
	/* not loaded: a new load runs the init again */
	ck_assert_ret(evlsim_load_module("tfail"), 0);
	assert_node(TFAIL_NODE);
	ck_assert_ret(evlsim_unload_module("tfail"), 0);
	assert_no_node(TFAIL_NODE);
}
END_TEST

/* A driver bug: init fails with its misc device still registered. */
START_TEST(test_init_fails_leaving_a_device)
{
	ck_assert_ret(evlsim_load_module("tfail fail_at=2"), -EIO);
	ck_assert_uint_eq(evlsim_report_count(EVLSIM_REPORT_LEAK), 1);
	ck_assert_uint_eq(evlsim_report_total(), 1);
	evlsim_reset_reports();
	/* the simulator removed the device */
	assert_no_node(TFAIL_NODE);
	ck_assert_ret(evlsim_module_refcount("tfail"), -ENOENT);
	ck_assert_ret(evlsim_unload_module("tfail"), -ENOENT);
	/* its name and minor are free again */
	ck_assert_ret(evlsim_load_module("tfail"), 0);
	assert_node(TFAIL_NODE);
	ck_assert_ret(evlsim_unload_module("tfail"), 0);
	assert_no_node(TFAIL_NODE);
}
END_TEST

START_TEST(test_init_fails_after_cleaning_up)
{
	ck_assert_ret(evlsim_load_module("tfail fail_at=3"), -ENOMEM);
	assert_no_node(TFAIL_NODE);
	ck_assert_ret(evlsim_module_refcount("tfail"), -ENOENT);
	ck_assert_ret(evlsim_load_module("tfail"), 0);
	ck_assert_ret(evlsim_unload_module("tfail"), 0);
}
END_TEST

/* do_init_module(): a positive result is reported, and the module is loaded anyway. */
START_TEST(test_init_positive_result_loads_anyway)
{
	int fd;

	ck_assert_ret(evlsim_load_module("tfail fail_at=4"), 0);
	ck_assert_uint_eq(evlsim_report_count(EVLSIM_REPORT_DRIVER), 1);
	ck_assert_uint_eq(evlsim_report_total(), 1);
	evlsim_reset_reports();
	ck_assert_ret(evlsim_module_refcount("tfail"), 0);
	fd = open_node(TFAIL_NODE, O_RDWR);
	ck_assert_ret(evlsim_unload_module("tfail"), -EBUSY);
	close_fd(fd);
	ck_assert_ret(evlsim_load_module("tfail"), -EEXIST);
	ck_assert_ret(evlsim_unload_module("tfail"), 0);
	assert_no_node(TFAIL_NODE);
}
END_TEST

/* ---- module shared objects ----------------------------------------------------------- */

START_TEST(test_so_load_by_path)
{
	char *path = module_so("testdrv.so");
	int fd;

	tdrv_reset_stats();
	ck_assert_ret(evlsim_load_module(path), 0);
	fd = open_node(TDRV_FULL, O_RDWR);
	/* the open reached the shared object's code, not the linked-in copy */
	ck_assert_int_eq(tdrv_opens(), 0);
	ck_assert_ret(evlsim_module_refcount("testdrv"), 2);
	/* one module of that name at a time, whichever copy is asked for */
	ck_assert_ret(evlsim_load_module("testdrv"), -EEXIST);
	ck_assert_ret(evlsim_load_module(path), -EEXIST);
	ck_assert_ret(evlsim_unload_module("testdrv"), -EBUSY);
	close_fd(fd);
	ck_assert_ret(evlsim_unload_module("testdrv"), 0);
	assert_no_node(TDRV_FULL);

	/* the linked-in copy loads now, and is the one opens reach */
	ck_assert_ret(evlsim_load_module("testdrv"), 0);
	ck_assert_ret(evlsim_load_module(path), -EEXIST);
	close_fd(open_node(TDRV_FULL, O_RDWR));
	ck_assert_int_eq(tdrv_opens(), 1);
	ck_assert_ret(evlsim_unload_module("testdrv"), 0);
	free(path);
}
END_TEST

START_TEST(test_so_reload)
{
	char *path = module_so("testdrv.so");
	int i;

	for (i = 0; i < 3; i++) {
		ck_assert_ret(evlsim_load_module(path), 0);
		assert_node(TDRV_FULL);
		assert_node(TDRV_MISC);
		ck_assert_ret(evlsim_unload_module("testdrv"), 0);
		assert_no_node(TDRV_FULL);
	}
	ck_assert_int_eq(tdrv_opens(), 0);
	free(path);
}
END_TEST

START_TEST(test_so_params)
{
	char *path = module_so("echo.so");

	ck_assert_ret(load_fmt("%s size=64", path), 0);
	ck_assert_uint_eq(echo_size(), 64);
	ck_assert_ret(evlsim_unload_module("echo"), 0);
	ck_assert_ret(load_fmt("%s", path), 0);
	ck_assert_uint_eq(echo_size(), 4096);
	ck_assert_ret(evlsim_unload_module("echo"), 0);
	ck_assert_ret(load_fmt("%s size=0", path), -EINVAL);
	ck_assert_ret(load_fmt("%s size=x", path), -EINVAL);
	ck_assert_ret(evlsim_module_refcount("echo"), -ENOENT);
	free(path);
}
END_TEST

START_TEST(test_so_missing_enoent)
{
	ck_assert_ret(evlsim_load_module("/nonexistent/dir/nomod.so"), -ENOENT);
	ck_assert_ret(evlsim_load_module("./nomod.so size=1"), -ENOENT);
}
END_TEST

/*
 * A shared object that holds no module: the simulator's own library, or the C library
 * when libevlsim is linked into the program statically.
 */
START_TEST(test_so_without_module_enoexec)
{
	Dl_info info, self;

	ck_assert_int_ne(dladdr((void *)suite, &self), 0);
	ck_assert_int_ne(dladdr((void *)evlsim_load_module, &info), 0);
	if (info.dli_fbase == self.dli_fbase)
		ck_assert_int_ne(dladdr((void *)getpid, &info), 0);
	ck_assert_ptr_nonnull(info.dli_fname);
	ck_assert_ptr_ne(info.dli_fbase, self.dli_fbase);
	ck_assert_msg(strchr(info.dli_fname, '/'), "%s", info.dli_fname);
	ck_assert_ret(evlsim_load_module(info.dli_fname), -ENOEXEC);
}
END_TEST

/*
 * A name that is not linked in is looked up as <name>.so in $EVLSIM_MODULE_PATH; the
 * module takes the name its code declares (KBUILD_MODNAME), as insmod of a renamed .ko.
 */
/* A file that is not a loadable object: -ENOEXEC, as insmod's "Invalid module format". */
START_TEST(test_so_not_elf_enoexec)
{
	char dir[] = "/tmp/check_modules.XXXXXX";
	char path[sizeof(dir) + 16], env[sizeof(dir) + 32];
	FILE *f;

	ck_assert_ptr_nonnull(mkdtemp(dir));
	snprintf(path, sizeof(path), "%s/notelf.so", dir);
	f = fopen(path, "w");
	ck_assert_ptr_nonnull(f);
	fputs("#!/bin/sh\nthis is not a module\n", f);
	ck_assert_int_eq(fclose(f), 0);
	ck_assert_ret(evlsim_load_module(path), -ENOEXEC);
	snprintf(env, sizeof(env), "%s", dir);
	ck_assert_int_eq(setenv("EVLSIM_MODULE_PATH", env, 1), 0);
	ck_assert_ret(evlsim_load_module("notelf"), -ENOEXEC);
	ck_assert_ret(evlsim_load_module("notthere"), -ENOENT);
	ck_assert_call(unlink(path), 0);
	ck_assert_call(rmdir(dir), 0);
}
END_TEST

START_TEST(test_so_found_through_module_path)
{
	char *target = module_so("testdrv.so");
	char dir[] = "/tmp/check_modules.XXXXXX";
	char link[sizeof(dir) + 16], env[sizeof(dir) + 32];

	ck_assert_ptr_nonnull(mkdtemp(dir));
	snprintf(link, sizeof(link), "%s/tsomod.so", dir);
	ck_assert_call(symlink(target, link), 0);

	ck_assert_int_eq(unsetenv("EVLSIM_MODULE_PATH"), 0);
	ck_assert_ret(evlsim_load_module("tsomod"), -ENOENT);
	snprintf(env, sizeof(env), "/nonexistent:%s", dir);
	ck_assert_int_eq(setenv("EVLSIM_MODULE_PATH", env, 1), 0);
	ck_assert_ret(evlsim_load_module("tsomod"), 0);
	ck_assert_ret(evlsim_module_refcount("tsomod"), -ENOENT);
	ck_assert_ret(evlsim_module_refcount("testdrv"), 0);
	close_fd(open_node(TDRV_FULL, O_RDWR));
	ck_assert_int_eq(tdrv_opens(), 0);
	ck_assert_ret(evlsim_unload_module("tsomod"), -ENOENT);
	ck_assert_ret(evlsim_unload_module("testdrv"), 0);

	/* a linked-in module wins over a shared object of the same name */
	snprintf(link, sizeof(link), "%s/testdrv.so", dir);
	ck_assert_call(symlink(target, link), 0);
	ck_assert_ret(evlsim_load_module("testdrv"), 0);
	close_fd(open_node(TDRV_FULL, O_RDWR));
	ck_assert_int_eq(tdrv_opens(), 1);
	ck_assert_ret(evlsim_unload_module("testdrv"), 0);

	ck_assert_call(unlink(link), 0);
	snprintf(link, sizeof(link), "%s/tsomod.so", dir);
	ck_assert_call(unlink(link), 0);
	ck_assert_call(rmdir(dir), 0);
	free(target);
}
END_TEST

/* ---- suite --------------------------------------------------------------------------- */

static Suite *suite(void)
{
	Suite *s = suite_create("modules");
	TCase *tc;

	tc = tcase("load");
	tcase_add_test(tc, test_load_linked_module_creates_nodes);
	tcase_add_test(tc, test_load_unknown_enoent);
	tcase_add_test(tc, test_unload_known_but_not_loaded_enoent);
	tcase_add_test(tc, test_load_malformed_einval);
	tcase_add_test(tc, test_load_twice_eexist);
	tcase_add_test(tc, test_load_unload_load_again);
	tcase_add_test(tc, test_two_linked_modules_do_not_clash);
	suite_add_tcase(s, tc);

	tc = tcase("busy");
	tcase_add_test(tc, test_unload_busy_while_cdev_open);
	tcase_add_test(tc, test_unload_busy_while_misc_open);
	tcase_add_test(tc, test_unload_busy_until_last_dup_closed);
	tcase_add_test(tc, test_failed_open_leaves_no_reference);
	tcase_add_test(tc, test_unload_module_without_exit_ebusy);
	tcase_add_test(tc, test_module_reference_blocks_unload);
	suite_add_tcase(s, tc);

	tc = tcase("params");
	tcase_add_test(tc, test_param_echo_size);
	tcase_add_test(tc, test_param_echo_size_zero_init_einval);
	tcase_add_test(tc, test_param_defaults);
	tcase_add_test(tc, test_param_every_type);
	tcase_add_test(tc, test_param_forms);
	tcase_add_test(tc, test_param_dash_underscore_equivalent);
	tcase_add_test(tc, test_param_unknown_ignored);
	tcase_add_test(tc, test_param_defaults_restored_on_reload);
	tcase_add_loop_test(tc, test_param_bad_value, 0,
			    (int)(sizeof(bad_params) / sizeof(bad_params[0])));
	suite_add_tcase(s, tc);

	tc = tcase("init");
	tcase_add_test(tc, test_init_fails_before_registering);
	tcase_add_test(tc, test_init_fails_leaving_a_device);
	tcase_add_test(tc, test_init_fails_after_cleaning_up);
	tcase_add_test(tc, test_init_positive_result_loads_anyway);
	suite_add_tcase(s, tc);

	tc = tcase("shared-objects");
	tcase_add_test(tc, test_so_load_by_path);
	tcase_add_test(tc, test_so_reload);
	tcase_add_test(tc, test_so_params);
	tcase_add_test(tc, test_so_missing_enoent);
	tcase_add_test(tc, test_so_without_module_enoexec);
	tcase_add_test(tc, test_so_not_elf_enoexec);
	tcase_add_test(tc, test_so_found_through_module_path);
	suite_add_tcase(s, tc);

	return s;
}

int main(void)
{
	return evlsim_check_run(suite());
}
