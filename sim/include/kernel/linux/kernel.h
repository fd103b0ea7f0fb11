/* SPDX-License-Identifier: LGPL-2.1-or-later */
/*
 * evlsim shim: faithful to linux v6.12 include/linux/kernel.h and the small headers it
 * gathers (array_size.h, wordpart.h, sprintf.h's scnprintf()/kasprintf() family,
 * typecheck for u64_to_user_ptr()).
 *
 * Custom: might_sleep() calls the simulator's hook evlsim__might_sleep(), where the
 * stage checker plugs in (it reports nothing until then); cond_resched() is a
 * might_sleep() that never reschedules. num_online_cpus() and num_possible_cpus() are
 * both the number of CPUs the simulator runs on.
 */
#ifndef _EVLSIM_LINUX_KERNEL_H
#define _EVLSIM_LINUX_KERNEL_H

#include <linux/stdarg.h>
#include <linux/align.h>
#include <linux/bitops.h>
#include <linux/bits.h>
#include <linux/build_bug.h>
#include <linux/compiler.h>
#include <linux/evlsim-owner.h>
#include <linux/container_of.h>
#include <linux/kstrtox.h>
#include <linux/limits.h>
#include <linux/log2.h>
#include <linux/math.h>
#include <linux/minmax.h>
#include <linux/stddef.h>
#include <linux/string.h>
#include <linux/types.h>
#include <linux/printk.h>
#include <linux/bug.h>

/**
 * ARRAY_SIZE - element count of an array
 * @arr: an array object; passing a pointer is a build error
 */
#define ARRAY_SIZE(arr)	(sizeof(arr) / sizeof((arr)[0]) + __must_be_array(arr))

/* A word with every byte set to @x (a byte value). */
#define REPEAT_BYTE(x)	((~0ul / 0xff) * (x))

/**
 * upper_32_bits - the high half of a 64-bit value, as a u32
 * @n: the value (two 16-bit shifts, so that a 32-bit @n gives 0 without a warning)
 */
#define upper_32_bits(n) ((u32)(((n) >> 16) >> 16))

/**
 * lower_32_bits - the low half of a 64-bit value, as a u32
 * @n: the value
 */
#define lower_32_bits(n) ((u32)((n) & 0xffffffff))

/**
 * upper_16_bits - bits 16 to 31 of a value, as a u16
 * @n: the value
 */
#define upper_16_bits(n) ((u16)((n) >> 16))

/**
 * lower_16_bits - bits 0 to 15 of a value, as a u16
 * @n: the value
 */
#define lower_16_bits(n) ((u16)((n) & 0xffff))

/**
 * u64_to_user_ptr - convert a u64 (an ioctl argument field) to a user pointer
 * @x: the value, which must be of type u64
 */
#define u64_to_user_ptr(x) (						\
{									\
	u64 __evlsim_u64;						\
	typeof(x) __evlsim_x;						\
	(void)(&__evlsim_u64 == &__evlsim_x);				\
	(void __user *)(uintptr_t)(x);					\
}									\
)

/* @ptr if @cond holds, NULL otherwise. */
#define PTR_IF(cond, ptr)	((cond) ? (ptr) : NULL)

/* Return and current instruction addresses. */
#define _RET_IP_		(unsigned long)__builtin_return_address(0)
#define _THIS_IP_		({ __label__ __here; __here: (unsigned long)&&__here; })

/**
 * evlsim__might_sleep - the simulator's might_sleep() check
 * @func: the caller's function name, for the report
 *
 * Reports a rule violation if the calling thread may not sleep (oob stage, atomic
 * section). Implemented by the simulator.
 */
__evlsim_export void evlsim__might_sleep(const char *func);

/* might_sleep - annotation for functions that can sleep; checked by the simulator. */
#define might_sleep()		evlsim__might_sleep(__func__)
#define might_sleep_if(cond)	do { if (cond) might_sleep(); } while (0)

/* cond_resched - a scheduling point: checked like might_sleep(), never reschedules. */
#define cond_resched()		({ might_sleep(); 0; })

/* Number of online CPUs (the number the simulator runs on). */
unsigned int num_online_cpus(void) __evlsim_ksym(num_online_cpus);
/* Number of possible CPUs: the same as num_online_cpus() in the simulator. */
unsigned int num_possible_cpus(void) __evlsim_ksym(num_possible_cpus);

/*
 * scnprintf()/vscnprintf(): as snprintf(), but return the number of characters actually
 * written into @buf, terminating NUL excluded (0 if @size is 0).
 */
__printf(3, 4) int scnprintf(char *buf, size_t size, const char *fmt, ...)
	__evlsim_ksym(scnprintf);
__printf(3, 0) int vscnprintf(char *buf, size_t size, const char *fmt, va_list args)
	__evlsim_ksym(vscnprintf);

/* kasprintf()/kvasprintf(): format into a kmalloc()ed string (kfree() it), NULL on failure. */
__printf(2, 3) __malloc char *kasprintf(gfp_t gfp, const char *fmt, ...)
	__evlsim_ksym(kasprintf);
__printf(2, 0) __malloc char *kvasprintf(gfp_t gfp, const char *fmt, va_list args)
	__evlsim_ksym(kvasprintf);
/* kvasprintf_const(): as kvasprintf(), result freed with kfree_const(). */
__printf(2, 0) const char *kvasprintf_const(gfp_t gfp, const char *fmt, va_list args)
	__evlsim_ksym(kvasprintf_const);
/* resource accounting: charged to the calling module (linux/evlsim-owner.h) */
#define kasprintf(gfp, ...)		__evlsim_owned(kasprintf(gfp, __VA_ARGS__))
#define kvasprintf(gfp, fmt, args)	__evlsim_owned(kvasprintf(gfp, fmt, args))
#define kvasprintf_const(gfp, fmt, args) __evlsim_owned(kvasprintf_const(gfp, fmt, args))

#endif /* _EVLSIM_LINUX_KERNEL_H */
