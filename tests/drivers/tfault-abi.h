/* SPDX-License-Identifier: MIT */
/*
 * tfault: the fault-injection test driver (tests/drivers/tfault.c). /dev/tfault serves
 * two oob requests:
 *
 *  TFAULT_IOC_EVL_WAIT   evl_wait_flag_timeout() on the driver's flag, relative timeout
 *                        of arg milliseconds (0: infinite); returns the wait's result
 *  TFAULT_IOC_RAISE      raises the flag (from either stage)
 *
 * and plain-C entry points, usable without loading the module: each calls one service
 * that has a fault site and returns its result unchanged (a pointer, bytes not copied,
 * 0/-errno). Shared by the driver (kernel world) and the test (user world): plain C and
 * <linux/types.h> types only (__u32 and __kernel_size_t, which both worlds define).
 */
#ifndef _TFAULT_ABI_H
#define _TFAULT_ABI_H

#include <linux/types.h>
#include <linux/ioctl.h>

#define TFAULT_IOC_EVL_WAIT	_IO('F', 1)
#define TFAULT_IOC_RAISE	_IO('F', 2)

void *tfault_kmalloc(__kernel_size_t size);
void *tfault_alloc_other(__kernel_size_t size);	/* a second kmalloc() call site */
void tfault_kfree(void *p);
int tfault_kmem_cache_alloc(void);
void *tfault_vmalloc(unsigned long size);
void tfault_vfree(void *p);
int tfault_alloc_pages(void);
int tfault_get_free_pages(void);
void *tfault_evl_alloc(__kernel_size_t size);
void tfault_evl_free(void *p);
int tfault_three_sites(void);
unsigned long tfault_copy_to_user(void *to, const void *from, unsigned long n);
unsigned long tfault_copy_from_user(void *to, const void *from, unsigned long n);
unsigned long tfault_raw_copy_to_user(void *to, const void *from, unsigned long n);
int tfault_get_user(__u32 *val, __u32 *p);
int tfault_put_user(__u32 val, __u32 *p);
unsigned long tfault_clear_user(void *to, unsigned long n);
long tfault_strncpy_from_user(char *dst, const char *src, long count);
long tfault_wait_interruptible(void);
int tfault_mutex_interruptible(void);
int tfault_down_interruptible(void);
long tfault_completion_interruptible(void);

#endif
