/* SPDX-License-Identifier: LGPL-2.1-or-later */
/*
 * evlsim shim: faithful to linux v6.12 include/linux/compat.h (x86_64 compat types) and
 * fs/ioctl.c compat helpers, with Dovetail's compat_ptr_oob_ioctl(). A thread becomes a
 * compat caller with evlsim_set_compat_caller(1): its ioctl() and oob_ioctl() then reach
 * .compat_ioctl and .compat_oob_ioctl, and in_compat_syscall() is true in its handlers.
 */
#ifndef _EVLSIM_LINUX_COMPAT_H
#define _EVLSIM_LINUX_COMPAT_H

#include <linux/types.h>
#include <linux/compiler.h>

typedef u32		compat_uptr_t;
typedef u32		compat_size_t;
typedef s32		compat_ssize_t;
typedef s32		compat_clock_t;
typedef s32		compat_pid_t;
typedef u32		compat_ino_t;
typedef s32		compat_off_t;
typedef s64		compat_loff_t;
typedef s32		compat_daddr_t;
typedef s32		compat_timer_t;
typedef s32		compat_key_t;
typedef s16		compat_short_t;
typedef s32		compat_int_t;
typedef s32		compat_long_t;
typedef u16		compat_ushort_t;
typedef u32		compat_uint_t;
typedef u32		compat_ulong_t;
typedef u32		compat_caddr_t;
typedef u32		compat_aio_context_t;
typedef u32		compat_old_sigset_t;
typedef s64 __attribute__((aligned(4))) compat_s64;
typedef u64 __attribute__((aligned(4))) compat_u64;

struct file;

static inline void __user *compat_ptr(compat_uptr_t uptr)
{
	return (void __user *)(unsigned long)uptr;
}

static inline compat_uptr_t ptr_to_compat(void __user *uptr)
{
	return (u32)(unsigned long)uptr;
}

bool in_compat_syscall(void) __evlsim_ksym(in_compat_syscall);
#define in_ia32_syscall()	in_compat_syscall()

/* compat_ptr_ioctl() and compat_ptr_oob_ioctl() are declared in linux/fs.h */

#endif
