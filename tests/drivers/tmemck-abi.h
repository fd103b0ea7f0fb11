/* SPDX-License-Identifier: MIT */
/*
 * tmemck's entry points, for the memory check suite (tests/unit/check_memcheck.c);
 * shared by the driver (kernel world) and the test (user world): plain C, no header.
 * Each entry point frees an object and then commits one use-after-free or double free
 * of it through a service; /dev/tmemck's ->release frees its context before calling
 * evl_release_file() while a reader may be blocked in its ->oob_read.
 */
#ifndef _TMEMCK_ABI_H
#define _TMEMCK_ABI_H

#define TMEMCK_CTX_SIZE		400	/* kmalloc-512 */

int tmemck_double_kfree(void);
int tmemck_double_cache_free(void);
int tmemck_double_vfree(void);
int tmemck_uaf_spin_lock(void);
int tmemck_uaf_hard_lock(void);
int tmemck_uaf_mutex(void);
int tmemck_uaf_flag(void);
int tmemck_uaf_list(void);
int tmemck_write_after_free(void);	/* a plain write: found when it leaves quarantine */
int tmemck_clean(void);			/* allocations and frees done right */

#endif
