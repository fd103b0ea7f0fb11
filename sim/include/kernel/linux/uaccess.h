/* SPDX-License-Identifier: LGPL-2.1-or-later */
/*
 * evlsim shim: faithful to linux v6.12 include/linux/uaccess.h and the x86 uaccess
 * semantics: the copy helpers return the number of bytes NOT copied (0 on success),
 * copy_from_user() zeroes the part of the destination it could not fill, get_user() and
 * put_user() return 0 or -EFAULT (and get_user() zeroes its destination on a fault),
 * access_ok() checks the range against the top of the user address space.
 *
 * Custom implementation: user memory is the simulated process's own memory, so a NULL,
 * unmapped or read-only user pointer must fault without crashing the process. Every
 * access goes through the simulator, which moves the bytes with process_vm_readv/writev
 * on its own pid: the kernel checks the pages and reports a fault as an error, with
 * page-granular partial copies.
 */
#ifndef _EVLSIM_LINUX_UACCESS_H
#define _EVLSIM_LINUX_UACCESS_H

#include <linux/types.h>
#include <linux/compiler.h>
#include <linux/errno.h>
#include <linux/string.h>
#include <linux/kernel.h>
#include <asm/page.h>

/* bytes not copied; never faults */
__evlsim_export unsigned long evlsim__copy_from_user(void *to, const void __user *from, unsigned long n);
__evlsim_export unsigned long evlsim__copy_to_user(void __user *to, const void *from, unsigned long n);
__evlsim_export unsigned long evlsim__clear_user(void __user *to, unsigned long n);
__evlsim_export void evlsim__might_fault(const char *func);

/*
 * Fault injection, site "fail_usercopy" (docs/fault-injection.md): one load while no
 * fault is configured; the hook is out of line so that its return address is the
 * driver's call site. A failed copy copies nothing: the helpers return their failure
 * value (@n bytes not copied, -EFAULT).
 */
__evlsim_export extern int evlsim__faults_on;
__evlsim_export int evlsim__usercopy_fails(unsigned long n) __attribute__((__noinline__));
#define __evlsim_usercopy_fails(n)						\
	(unlikely(__atomic_load_n(&evlsim__faults_on, __ATOMIC_RELAXED)) &&	\
	 evlsim__usercopy_fails(n))

static inline bool __access_ok(const void __user *ptr, unsigned long size)
{
	unsigned long addr = (unsigned long)ptr;

	return size <= TASK_SIZE_MAX && addr <= TASK_SIZE_MAX - size;
}
#define access_ok(addr, size)	likely(__access_ok(addr, size))

static __always_inline __must_check unsigned long
raw_copy_from_user(void *to, const void __user *from, unsigned long n)
{
	if (__evlsim_usercopy_fails(n))
		return n;
	return evlsim__copy_from_user(to, from, n);
}

static __always_inline __must_check unsigned long
raw_copy_to_user(void __user *to, const void *from, unsigned long n)
{
	if (__evlsim_usercopy_fails(n))
		return n;
	return evlsim__copy_to_user(to, from, n);
}

static __always_inline __must_check unsigned long
__copy_from_user(void *to, const void __user *from, unsigned long n)
{
	evlsim__might_fault("__copy_from_user");
	return raw_copy_from_user(to, from, n);
}

static __always_inline __must_check unsigned long
__copy_to_user(void __user *to, const void *from, unsigned long n)
{
	evlsim__might_fault("__copy_to_user");
	return raw_copy_to_user(to, from, n);
}

static __always_inline __must_check unsigned long
_copy_from_user(void *to, const void __user *from, unsigned long n, const char *func)
{
	unsigned long res = n;

	evlsim__might_fault(func);
	if (likely(access_ok(from, n)))
		res = raw_copy_from_user(to, from, n);
	if (unlikely(res))
		memset((char *)to + (n - res), 0, res);
	return res;
}

static __always_inline __must_check unsigned long
_copy_to_user(void __user *to, const void *from, unsigned long n, const char *func)
{
	evlsim__might_fault(func);
	if (access_ok(to, n))
		n = raw_copy_to_user(to, from, n);
	return n;
}

#define copy_from_user(to, from, n)	_copy_from_user(to, from, n, "copy_from_user")
#define copy_to_user(to, from, n)	_copy_to_user(to, from, n, "copy_to_user")

static __always_inline unsigned long __must_check
copy_mc_to_kernel(void *dst, const void *src, size_t cnt)
{
	memcpy(dst, src, cnt);
	return 0;
}

/*
 * get_user/put_user: the value moves through a temporary of the pointed-to type, so
 * the macros accept any scalar type as the kernel's do.
 */
#define __evlsim_get_user(x, ptr, func)					\
({									\
	/* raw bytes, not a __typeof__ copy: that would inherit a const qualifier */ \
	unsigned char __gu_val[sizeof(*(ptr))] __aligned(__alignof__(*(ptr))); \
	const __typeof__(*(ptr)) __user *__gu_ptr = (ptr);		\
	int __gu_err = 0;						\
	evlsim__might_fault(func);					\
	if (!access_ok(__gu_ptr, sizeof(*__gu_ptr)) ||			\
	    __evlsim_usercopy_fails(sizeof(__gu_val)) ||			\
	    evlsim__copy_from_user(__gu_val, __gu_ptr, sizeof(__gu_val))) { \
		__builtin_memset(__gu_val, 0, sizeof(__gu_val));	\
		__gu_err = -EFAULT;					\
	}								\
	(x) = *(__force const __typeof__(*(ptr)) *)(void *)__gu_val;	\
	__gu_err;							\
})

#define __evlsim_put_user(x, ptr, func)					\
({									\
	__typeof__(*(ptr)) __pu_val = (x);				\
	__typeof__(*(ptr)) __user *__pu_ptr = (ptr);			\
	int __pu_err = 0;						\
	evlsim__might_fault(func);					\
	if (!access_ok(__pu_ptr, sizeof(*__pu_ptr)) ||			\
	    __evlsim_usercopy_fails(sizeof(__pu_val)) ||			\
	    evlsim__copy_to_user(__pu_ptr, &__pu_val, sizeof(__pu_val)))	\
		__pu_err = -EFAULT;					\
	__pu_err;							\
})

#define get_user(x, ptr)	__evlsim_get_user(x, ptr, "get_user")
#define put_user(x, ptr)	__evlsim_put_user(x, ptr, "put_user")
#define __get_user(x, ptr)	__evlsim_get_user(x, ptr, "__get_user")
#define __put_user(x, ptr)	__evlsim_put_user(x, ptr, "__put_user")

/* Dovetail/EVL oob handlers use the raw forms, which skip might_fault() */
#define raw_put_user(x, ptr)						\
({									\
	__typeof__(*(ptr)) __rpu_val = (x);				\
	(__evlsim_usercopy_fails(sizeof(__rpu_val)) ||			\
	 evlsim__copy_to_user((ptr), &__rpu_val, sizeof(__rpu_val))) ? -EFAULT : 0; \
})
#define raw_get_user(x, ptr)						\
({									\
	unsigned char __rgu_val[sizeof(*(ptr))] __aligned(__alignof__(*(ptr))); \
	int __rgu_err = 0;						\
	if (__evlsim_usercopy_fails(sizeof(__rgu_val)) ||		\
	    evlsim__copy_from_user(__rgu_val, (ptr), sizeof(__rgu_val))) { \
		__builtin_memset(__rgu_val, 0, sizeof(__rgu_val));	\
		__rgu_err = -EFAULT;					\
	}								\
	(x) = *(__force const __typeof__(*(ptr)) *)(void *)__rgu_val;	\
	__rgu_err;							\
})

unsigned long clear_user(void __user *to, unsigned long n) __evlsim_ksym(clear_user);
unsigned long __clear_user(void __user *to, unsigned long n) __evlsim_ksym(__clear_user);
long strncpy_from_user(char *dst, const char __user *src, long count)
	__evlsim_ksym(strncpy_from_user);
long strnlen_user(const char __user *str, long n) __evlsim_ksym(strnlen_user);
int check_zeroed_user(const void __user *from, size_t size) __evlsim_ksym(check_zeroed_user);

/* copy_struct_from_user(): the extensible-struct helper of include/linux/uaccess.h */
static __always_inline __must_check int
copy_struct_from_user(void *dst, size_t ksize, const void __user *src, size_t usize)
{
	size_t size = min(ksize, usize);
	size_t rest = max(ksize, usize) - size;

	if (usize < ksize) {
		memset((char *)dst + size, 0, rest);
	} else if (usize > ksize) {
		int ret = check_zeroed_user((const char __user *)src + size, rest);
		if (ret <= 0)
			return ret ?: -E2BIG;
	}
	if (copy_from_user(dst, src, size))
		return -EFAULT;
	return 0;
}

#define pagefault_disable()	do { } while (0)
#define pagefault_enable()	do { } while (0)

#endif
