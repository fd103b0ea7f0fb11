/* SPDX-License-Identifier: LGPL-2.1-or-later */
/*
 * The user world's services to the kernel world: real descriptors, fault-safe user
 * memory access, dynamic loading (core/bridge.c).
 *
 * Shared by both worlds: plain C and compiler builtins only (see core/base.h).
 */
#ifndef _EVLSIM_SIM_CORE_BRIDGE_H
#define _EVLSIM_SIM_CORE_BRIDGE_H

#include "core/base.h"

/*
 * What the user world does on behalf of the kernel world (core/bridge.c).
 */

/* Real descriptor management, done by the user world on behalf of the kernel world.
 * Each returns a descriptor or -errno. evlsim__fd_reserve() opens the eventfd that holds
 * a simulated file's number; evlsim__fd_is_reservation() tells whether @fd still is
 * such an eventfd (opened with @cloexec). */
int evlsim__fd_reserve(int cloexec);
int evlsim__fd_is_reservation(int fd, int cloexec);
int evlsim__fd_real_close(int fd);
int evlsim__fd_real_dupfd(int fd, int minfd, int cloexec);
int evlsim__fd_real_dup3(int oldfd, int newfd, int cloexec);
int evlsim__fd_real_getfd(int fd);
int evlsim__fd_real_setfd(int fd, int flags);
/* The open flags of a real descriptor (F_GETFL), or -errno. */
int evlsim__fd_real_getfl(int fd);
/* read(2)/write(2) on a real descriptor, from kernel-world memory: a count or -errno
 * (a host file a proxy element relays to, vfs/host-file.c). */
long evlsim__fd_real_read(int fd, void *buf, evlsim_size_t count);
long evlsim__fd_real_write(int fd, const void *buf, evlsim_size_t count);

/* Fault-safe user memory access: the number of bytes NOT copied, never a crash. */
unsigned long evlsim__copy_from_user(void *to, const void *from, unsigned long n);
unsigned long evlsim__copy_to_user(void *to, const void *from, unsigned long n);
unsigned long evlsim__clear_user(void *to, unsigned long n);
/* strncpy_from_user(): the length of the string at @from copied to @to (at most @n bytes
 * looked at, NUL included when it fits); -EFAULT for a bad pointer. Never a crash. */
long evlsim__strncpy_from_user(char *to, const char *from, long n);

/* Module shared objects and the machine. */
void *evlsim__dl_open(const char *path, char *err, evlsim_size_t errlen, int *exists);
void evlsim__dl_close(void *handle);
/* Searches $EVLSIM_MODULE_PATH for <name>.so; returns a path to free, or NULL. */
char *evlsim__find_module_path(const char *name);

/* In-band poll: wakes the thread polling on @kick_fd (writes 1 to that eventfd). */
void evlsim__poll_kick(int kick_fd);

#endif /* _EVLSIM_SIM_CORE_BRIDGE_H */
