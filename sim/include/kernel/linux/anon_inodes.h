/* SPDX-License-Identifier: LGPL-2.1-or-later */
/* evlsim shim: faithful to linux v6.12 include/linux/anon_inodes.h. */
#ifndef _EVLSIM_LINUX_ANON_INODES_H
#define _EVLSIM_LINUX_ANON_INODES_H

#include <linux/compiler_types.h>

struct file_operations;
struct file;

struct file *anon_inode_getfile(const char *name, const struct file_operations *fops,
				void *priv, int flags) __evlsim_ksym(anon_inode_getfile);
int anon_inode_getfd(const char *name, const struct file_operations *fops, void *priv,
		     int flags) __evlsim_ksym(anon_inode_getfd);

#endif
