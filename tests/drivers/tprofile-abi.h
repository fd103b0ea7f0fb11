/* SPDX-License-Identifier: MIT */
/*
 * tprofile: one driver source built for several kernel lines (EVLSIM_KERNEL_LINE 601,
 * 606 and 618, modules tprof601, tprof606, tprof618), adapting with LINUX_VERSION_CODE as
 * a real driver does: class_create() with or without its owner, struct class .owner, a
 * platform driver whose remove returns int, uses .remove_new, or returns void.
 */
#ifndef _TPROFILE_ABI_H
#define _TPROFILE_ABI_H

/* LINUX_VERSION_CODE the module was built with; how many times its remove ran */
int tprof601_version(void);
int tprof601_removed(void);
int tprof606_version(void);
int tprof606_removed(void);
int tprof618_version(void);
int tprof618_removed(void);

#endif
