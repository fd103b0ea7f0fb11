/* SPDX-License-Identifier: LGPL-2.1-or-later */
/*
 * evlsim shim: faithful to linux v6.12 include/linux/init.h as seen by a module
 * (MODULE defined): every initcall level maps to module_init().
 */
#ifndef _EVLSIM_LINUX_INIT_H
#define _EVLSIM_LINUX_INIT_H

#include <linux/compiler.h>
#include <linux/types.h>

typedef int (*initcall_t)(void);
typedef void (*exitcall_t)(void);

#define __exitcall(fn)		module_exit(fn)
#define early_initcall(fn)	module_init(fn)
#define core_initcall(fn)	module_init(fn)
#define postcore_initcall(fn)	module_init(fn)
#define arch_initcall(fn)	module_init(fn)
#define subsys_initcall(fn)	module_init(fn)
#define fs_initcall(fn)		module_init(fn)
#define rootfs_initcall(fn)	module_init(fn)
#define device_initcall(fn)	module_init(fn)
#define late_initcall(fn)	module_init(fn)
#define late_initcall_sync(fn)	module_init(fn)
#define __initcall(fn)		module_init(fn)

#endif
