/* SPDX-License-Identifier: LGPL-2.1-or-later */
/*
 * evlsim shim: faithful to linux v6.12 include/linux/file.h (descriptor reservation and
 * installation). The simulator reserves a real descriptor number for the simulated file.
 */
#ifndef _EVLSIM_LINUX_FILE_H
#define _EVLSIM_LINUX_FILE_H

#include <linux/compiler.h>
#include <linux/types.h>

struct file;

int get_unused_fd_flags(unsigned flags) __evlsim_ksym(get_unused_fd_flags);
void put_unused_fd(unsigned int fd) __evlsim_ksym(put_unused_fd);
void fd_install(unsigned int fd, struct file *file) __evlsim_ksym(fd_install);
struct file *fget(unsigned int fd) __evlsim_ksym(fget);
struct file *fget_raw(unsigned int fd) __evlsim_ksym(fget_raw);
void fput(struct file *file) __evlsim_ksym(fput);

#endif
