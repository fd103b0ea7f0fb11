/* SPDX-License-Identifier: MIT */
/*
 * tuaccess's entry points and nodes (tests/drivers/tuaccess.c), for the user access and
 * fd suites; shared by the driver (kernel world) and the test (user world): plain C and
 * <linux/types.h> types only (the kernel's __u8/__u32/__u64 and __kernel_size_t, which
 * both worlds define).
 *
 * Each tuaccess_*() calls one uaccess helper on the user pointer it is given and returns
 * its result unchanged (bytes not copied, 0/-EFAULT, a length...); they work without
 * loading the module. Once loaded, three misc devices differ only by their ->llseek.
 */
#ifndef _TUACCESS_ABI_H
#define _TUACCESS_ABI_H

#include <linux/types.h>

#define TSEEK_DEFAULT	"/dev/tseek-default"	/* default_llseek(); read: 'a' + pos % 26 */
#define TSEEK_NOOP	"/dev/tseek-noop"	/* noop_llseek(): the position never moves */
#define TSEEK_NONE	"/dev/tseek-none"	/* no ->llseek: lseek() fails with ESPIPE */

unsigned long tuaccess_copy_to_user(void *to, const void *from, unsigned long n);
unsigned long tuaccess_copy_from_user(void *to, const void *from, unsigned long n);
unsigned long tuaccess_raw_copy_to_user(void *to, const void *from, unsigned long n);
unsigned long tuaccess_raw_copy_from_user(void *to, const void *from, unsigned long n);
int tuaccess_get_user_u8(__u8 *val, __u8 *p);
int tuaccess_get_user_u32(__u32 *val, __u32 *p);
int tuaccess_get_user_u64(__u64 *val, __u64 *p);
int tuaccess_put_user_u8(__u8 val, __u8 *p);
int tuaccess_put_user_u32(__u32 val, __u32 *p);
int tuaccess_put_user_u64(__u64 val, __u64 *p);
unsigned long tuaccess_clear_user(void *to, unsigned long n);
long tuaccess_strncpy_from_user(char *dst, const char *src, long count);
long tuaccess_strnlen_user(const char *str, long n);
int tuaccess_check_zeroed_user(const void *from, __kernel_size_t size);
long tuaccess_memdup_user(const void *src, __kernel_size_t len);
int tuaccess_access_ok(const void *p, unsigned long n);

#endif
