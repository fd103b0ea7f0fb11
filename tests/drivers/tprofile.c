// SPDX-License-Identifier: GPL-2.0-only
/*
 * tprofile: a driver built for several kernel lines (see tprofile-abi.h). Its platform
 * driver binds to a device named after the module; its class is created at init.
 */
#include <linux/version.h>
#include <linux/module.h>
#include <linux/device.h>
#include <linux/platform_device.h>
#include "tprofile-abi.h"

#define TPROF_CAT(a, b)	a##b
#define TPROF_PASTE(a, b)	TPROF_CAT(a, b)
#define FN(name)	TPROF_PASTE(TPROF_PASTE(tprof, EVLSIM_KERNEL_LINE), name)

static struct class *tprof_class;
static struct class tprof_static_class = {
	.name = KBUILD_MODNAME "-static",
#if LINUX_VERSION_CODE < KERNEL_VERSION(6, 4, 0)
	.owner = THIS_MODULE,
#endif
};
static int removed;

int FN(_version)(void)
{
	return LINUX_VERSION_CODE;
}

int FN(_removed)(void)
{
	return removed;
}

static int tprof_probe(struct platform_device *pdev)
{
	return 0;
}

#if LINUX_VERSION_CODE >= KERNEL_VERSION(6, 11, 0)
static void tprof_remove(struct platform_device *pdev)
{
	removed++;
}
#elif LINUX_VERSION_CODE >= KERNEL_VERSION(6, 3, 0)
static void tprof_remove_new(struct platform_device *pdev)
{
	removed++;
}
#else
static int tprof_remove(struct platform_device *pdev)
{
	removed++;
	return 0;
}
#endif

static struct platform_driver tprof_driver = {
	.probe = tprof_probe,
#if LINUX_VERSION_CODE >= KERNEL_VERSION(6, 3, 0) && LINUX_VERSION_CODE < KERNEL_VERSION(6, 11, 0)
	.remove_new = tprof_remove_new,
#else
	.remove = tprof_remove,
#endif
	.driver = {
		.name = KBUILD_MODNAME,
	},
};

static int __init tprof_init(void)
{
	int ret;

#if LINUX_VERSION_CODE < KERNEL_VERSION(6, 4, 0)
	tprof_class = class_create(THIS_MODULE, KBUILD_MODNAME);
#else
	tprof_class = class_create(KBUILD_MODNAME);
#endif
	if (IS_ERR(tprof_class))
		return PTR_ERR(tprof_class);
	ret = class_register(&tprof_static_class);
	if (ret)
		goto fail_static;
	ret = platform_driver_register(&tprof_driver);
	if (ret)
		goto fail_driver;
	return 0;

fail_driver:
	class_unregister(&tprof_static_class);
fail_static:
	class_destroy(tprof_class);
	return ret;
}
module_init(tprof_init);

static void __exit tprof_exit(void)
{
	platform_driver_unregister(&tprof_driver);
	class_unregister(&tprof_static_class);
	class_destroy(tprof_class);
}
module_exit(tprof_exit);

MODULE_LICENSE("GPL");
