/* SPDX-License-Identifier: LGPL-2.1-or-later */
/*
 * evlsim: libevl r47 <evl/thread.h>, attaching threads to the EVL core and moving them
 * between execution stages. Every call returns 0 (or a descriptor) on success and a
 * negated errno on failure, and leaves errno alone.
 */
#ifndef _EVLSIM_USER_EVL_THREAD_H
#define _EVLSIM_USER_EVL_THREAD_H

#include <stdbool.h>
#include <uapi/evl/factory-abi.h>
#include <uapi/evl/thread-abi.h>

#ifdef __cplusplus
extern "C" {
#endif

/* Returns the thread's element fd, -EBUSY if already attached, -EINVAL for bad flags or
 * name, -EEXIST for a public name in use. A name starting with '/' makes it public. */
int evl_attach_thread(int flags, const char *fmt, ...) __attribute__((format(printf, 2, 3)));
#define evl_attach_self(__fmt, __args...)	\
	evl_attach_thread(EVL_CLONE_PRIVATE, __fmt, ##__args)

/* -EPERM if the caller is not attached. */
int evl_detach_thread(int flags);
int evl_detach_self(void);

/* The caller's element fd, or -1 when it is not attached. */
int evl_get_self(void);

/* -EPERM if not attached; 0 when already on that stage. */
int evl_switch_oob(void);
int evl_switch_inband(void);

/* true for a thread that is not attached, or attached and running in-band */
bool evl_is_inband(void);

#ifdef __cplusplus
}
#endif

#endif
