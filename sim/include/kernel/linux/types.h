/* SPDX-License-Identifier: LGPL-2.1-or-later */
/*
 * evlsim shim: faithful to linux v6.12 include/linux/types.h and the x86_64 uapi type
 * headers it pulls (asm-generic/int-ll64.h, posix_types). Self-contained: built from
 * compiler builtins only, as kernel code never sees a C library header.
 */
#ifndef _EVLSIM_LINUX_TYPES_H
#define _EVLSIM_LINUX_TYPES_H

#include <linux/compiler.h>
#include <linux/stddef.h>

/* uapi: fixed-size types */
typedef __signed__ char		__s8;
typedef unsigned char		__u8;
typedef __signed__ short	__s16;
typedef unsigned short		__u16;
typedef __signed__ int		__s32;
typedef unsigned int		__u32;
typedef __signed__ long long	__s64;
typedef unsigned long long	__u64;
typedef __u16 __bitwise	__le16;
typedef __u16 __bitwise	__be16;
typedef __u32 __bitwise	__le32;
typedef __u32 __bitwise	__be32;
typedef __u64 __bitwise	__le64;
typedef __u64 __bitwise	__be64;
typedef unsigned __bitwise __poll_t;
#define __aligned_u64		__u64 __attribute__((aligned(8)))

typedef __s8	s8;
typedef __u8	u8;
typedef __s16	s16;
typedef __u16	u16;
typedef __s32	s32;
typedef __u32	u32;
typedef __s64	s64;
typedef __u64	u64;

/* x86_64 posix types, kernel view */
typedef long			__kernel_long_t;
typedef unsigned long		__kernel_ulong_t;
typedef __kernel_ulong_t	__kernel_size_t;
typedef __kernel_long_t		__kernel_ssize_t;
typedef long long		__kernel_loff_t;
typedef __kernel_long_t		__kernel_off_t;
typedef int			__kernel_pid_t;
typedef unsigned int		__kernel_uid32_t;
typedef unsigned int		__kernel_gid32_t;
typedef __kernel_long_t		__kernel_time_t;
typedef long long		__kernel_time64_t;
typedef int			__kernel_clockid_t;
typedef unsigned int		__kernel_mode_t;

typedef __u32			__kernel_dev_t;
typedef __kernel_dev_t		dev_t;
typedef unsigned long		ino_t;
typedef unsigned short		umode_t;
typedef unsigned int		nlink_t;
typedef __kernel_off_t		off_t;
typedef __kernel_pid_t		pid_t;
typedef __kernel_clockid_t	clockid_t;
typedef _Bool			bool;
typedef __kernel_uid32_t	uid_t;
typedef __kernel_gid32_t	gid_t;
typedef __kernel_loff_t		loff_t;
typedef __kernel_size_t		size_t;
typedef __kernel_ssize_t	ssize_t;
typedef __kernel_time_t		time_t;
typedef __kernel_time64_t	time64_t;
typedef long			intptr_t;
typedef unsigned long		uintptr_t;
typedef long			ptrdiff_t;
typedef __u8			uint8_t;
typedef __u16			uint16_t;
typedef __u32			uint32_t;
typedef __u64			uint64_t;
typedef __s8			int8_t;
typedef __s16			int16_t;
typedef __s32			int32_t;
typedef __s64			int64_t;
typedef unsigned char		u_char;
typedef unsigned short		u_short;
typedef unsigned int		u_int;
typedef unsigned long		u_long;
typedef unsigned char		unchar;
typedef unsigned short		ushort;
typedef unsigned int		uint;
typedef unsigned long		ulong;
typedef u64			sector_t;
typedef u64			blkcnt_t;
typedef u64			dma_addr_t;
typedef u64			phys_addr_t;
typedef phys_addr_t		resource_size_t;
typedef unsigned int __bitwise	gfp_t;
typedef unsigned int __bitwise	fmode_t;
typedef unsigned long		irq_hw_number_t;

typedef struct {
	int counter;
} atomic_t;

typedef struct {
	s64 counter;
} atomic64_t;
typedef atomic64_t atomic_long_t;

struct list_head {
	struct list_head *next, *prev;
};

struct hlist_head {
	struct hlist_node *first;
};

struct hlist_node {
	struct hlist_node *next, **pprev;
};

struct callback_head {
	struct callback_head *next;
	void (*func)(struct callback_head *head);
} __attribute__((aligned(sizeof(void *))));
#define rcu_head callback_head

typedef void (*rcu_callback_t)(struct rcu_head *head);

typedef void (*swap_r_func_t)(void *a, void *b, int size, const void *priv);
typedef void (*swap_func_t)(void *a, void *b, int size);
typedef int (*cmp_r_func_t)(const void *a, const void *b, const void *priv);
typedef int (*cmp_func_t)(const void *a, const void *b);

#endif
