// SPDX-License-Identifier: LGPL-2.1-or-later
/*
 * The out-of-line user access helpers (kernel world). The byte moving itself is done by
 * the user world (bridge.c), which never faults.
 */
#include <linux/uaccess.h>
#include "kinternal.h"

unsigned long __clear_user(void __user *to, unsigned long n)
{
	return evlsim__clear_user(to, n);
}

/* "fail_usercopy": the return address is the call site of the inlined helper */
noinline int evlsim__usercopy_fails(unsigned long n)
{
	return evlsim__should_fail_at(EVLSIM_FAULT_USERCOPY, n, __builtin_return_address(0));
}

unsigned long clear_user(void __user *to, unsigned long n)
{
	evlsim__check_service(EVLSIM_SVC_clear_user);
	if (!access_ok(to, n))
		return n;
	if (n && evlsim__should_fail(EVLSIM_FAULT_USERCOPY, n))
		return n;
	return __clear_user(to, n);
}

/*
 * strncpy_from_user - copy a NUL-terminated string from user space
 * Returns the length of the string (without the NUL), @count if no NUL was found in the
 * first @count bytes (then @dst is not terminated), or -EFAULT.
 */
long strncpy_from_user(char *dst, const char __user *src, long count)
{
	evlsim__check_service(EVLSIM_SVC_strncpy_from_user);
	unsigned long addr = (unsigned long)src;
	long res = 0;

	evlsim__might_fault("strncpy_from_user");
	if (count <= 0)
		return 0;
	if (evlsim__should_fail(EVLSIM_FAULT_USERCOPY, (size_t)count))
		return -EFAULT;
	if (addr >= TASK_SIZE_MAX)
		return -EFAULT;
	if ((unsigned long)count > TASK_SIZE_MAX - addr)
		count = TASK_SIZE_MAX - addr;

	while (res < count) {
		long chunk = PAGE_SIZE - ((addr + res) & ~PAGE_MASK);
		long i;

		if (chunk > count - res)
			chunk = count - res;
		if (evlsim__copy_from_user(dst + res, (const char *)src + res, chunk))
			return -EFAULT;
		for (i = 0; i < chunk; i++)
			if (!dst[res + i])
				return res + i;
		res += chunk;
	}
	return res;
}

/*
 * strnlen_user - the size of a user string, including its NUL
 * Returns that size, a value greater than @n if the string is longer, or 0 on a fault.
 */
long strnlen_user(const char __user *str, long n)
{
	unsigned long addr = (unsigned long)str;
	long res = 0;
	char buf[256];

	evlsim__might_fault("strnlen_user");
	if (n <= 0 || addr >= TASK_SIZE_MAX)
		return 0;

	while (res < n) {
		long chunk = sizeof(buf) - ((addr + res) & (sizeof(buf) - 1));
		long i;

		if (chunk > n - res)
			chunk = n - res;
		if (evlsim__copy_from_user(buf, (const char *)str + res, chunk))
			return 0;
		for (i = 0; i < chunk; i++)
			if (!buf[i])
				return res + i + 1;
		res += chunk;
	}
	return n + 1;
}

/* check_zeroed_user - 1 if the @size user bytes at @from are all zero, 0 if not, -EFAULT */
int check_zeroed_user(const void __user *from, size_t size)
{
	char buf[256];

	/*
	 * As the kernel's word-by-word scan: a non-zero byte before a fault answers 0. A
	 * partial copy leaves the bytes before the fault in @buf: they are checked first.
	 */
	while (size) {
		size_t chunk = size < sizeof(buf) ? size : sizeof(buf), i, missed;

		missed = evlsim__copy_from_user(buf, from, chunk);
		for (i = 0; i < chunk - missed; i++)
			if (buf[i])
				return 0;
		if (missed)
			return -EFAULT;
		from = (const char __user *)from + chunk;
		size -= chunk;
	}
	return 1;
}
