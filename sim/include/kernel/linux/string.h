/* SPDX-License-Identifier: LGPL-2.1-or-later */
/*
 * evlsim shim: faithful to linux v6.12 include/linux/string.h (and the printf family of
 * linux/sprintf.h, declared here as well).
 *
 * The functions whose kernel prototype is the C library's are only declared here and link
 * to the C library (the kernel's vsnprintf() %p extensions are therefore not available).
 * The kernel-only helpers are implemented by libevlsim (sim/kernel/string.c, util.c, kstrtox.c, vsprintf.c). Deviations:
 * kstrdup_const() always duplicates (there is no .rodata test in user space) and
 * kfree_const() therefore always frees; allocations are not profiled (no _noprof forms).
 */
#ifndef _EVLSIM_LINUX_STRING_H
#define _EVLSIM_LINUX_STRING_H

#include <linux/compiler.h>
#include <linux/err.h>
#include <linux/errno.h>
#include <linux/stdarg.h>
#include <linux/stddef.h>
#include <linux/types.h>
#include <linux/evlsim-owner.h>

/* ---- C library functions (kernel prototypes, linked to the C library) ------------------ */

extern void *memcpy(void *, const void *, __kernel_size_t);
extern void *memmove(void *, const void *, __kernel_size_t);
extern void *memset(void *, int, __kernel_size_t);
extern int memcmp(const void *, const void *, __kernel_size_t);
extern void *memchr(const void *, int, __kernel_size_t);
extern __kernel_size_t strlen(const char *);
extern __kernel_size_t strnlen(const char *, __kernel_size_t);
extern int strcmp(const char *, const char *);
extern int strcasecmp(const char *s1, const char *s2);
extern int strncasecmp(const char *s1, const char *s2, __kernel_size_t n);
extern int strncmp(const char *, const char *, __kernel_size_t);
extern char *strcpy(char *, const char *);
extern char *strncpy(char *, const char *, __kernel_size_t);
extern char *strcat(char *, const char *);
extern char *strncat(char *, const char *, __kernel_size_t);
extern char *strchr(const char *, int);
extern char *strrchr(const char *, int);
extern char *strstr(const char *, const char *);
extern __kernel_size_t strspn(const char *, const char *);
extern __kernel_size_t strcspn(const char *, const char *);
extern char *strpbrk(const char *, const char *);
extern char *strsep(char **, const char *);

__printf(2, 3) int sprintf(char *buf, const char *fmt, ...);
__printf(2, 0) int vsprintf(char *buf, const char *, va_list);
__printf(3, 4) int snprintf(char *buf, size_t size, const char *fmt, ...);
__printf(3, 0) int vsnprintf(char *buf, size_t size, const char *fmt, va_list args);
__scanf(2, 3) int sscanf(const char *, const char *, ...);
__scanf(2, 0) int vsscanf(const char *, const char *, va_list);

/* ---- kernel-only string helpers ------------------------------------------------------- */

/*
 * sized_strscpy - copy a C string into a sized buffer, always NUL-terminated (when
 * @count > 0). Returns the number of characters copied (terminator excluded), or -E2BIG
 * when @src did not fit (the copy is then truncated) or @count is 0.
 */
ssize_t sized_strscpy(char *dest, const char *src, size_t count) __evlsim_ksym(sized_strscpy);

/* Argument counting for the optional size of strscpy()/strscpy_pad(): 0 or 1. */
#define evlsim__count_args(...)		evlsim__count_args_(, ##__VA_ARGS__, 1, 0)
#define evlsim__count_args_(_0, _1, n, ...)	n

#define evlsim__strscpy0(dst, src, ...)	\
	sized_strscpy(dst, src, sizeof(dst) + __must_be_array(dst))
#define evlsim__strscpy1(dst, src, size)	sized_strscpy(dst, src, size)

/**
 * strscpy - copy a C string into a sized buffer
 * @dst: where to copy the string to
 * @src: where to copy the string from
 * @...: size of the destination buffer, optional when @dst is an array
 *
 * @dst is always NUL-terminated unless its size is 0; nothing is written past its end.
 *
 * Return: the number of characters copied (not counting the NUL), or -E2BIG if @src was
 * truncated (or the size is 0).
 */
#define strscpy(dst, src, ...)	\
	__PASTE(evlsim__strscpy, evlsim__count_args(__VA_ARGS__))(dst, src, __VA_ARGS__)

/* sized_strscpy(), then zero the rest of the buffer. */
#define evlsim__sized_strscpy_pad(dest, src, count) ({			\
	char *__dst = (dest);						\
	const char *__src = (src);					\
	const size_t __count = (count);					\
	ssize_t __wrote;						\
									\
	__wrote = sized_strscpy(__dst, __src, __count);			\
	if (__wrote >= 0 && __wrote < __count)				\
		memset(__dst + __wrote + 1, 0, __count - __wrote - 1);	\
	__wrote;							\
})

#define evlsim__strscpy_pad0(dst, src, ...)	\
	evlsim__sized_strscpy_pad(dst, src, sizeof(dst) + __must_be_array(dst))
#define evlsim__strscpy_pad1(dst, src, size)	evlsim__sized_strscpy_pad(dst, src, size)

/**
 * strscpy_pad - strscpy(), then fill the rest of the buffer with NULs
 * @dst: where to copy the string to
 * @src: where to copy the string from
 * @...: size of the destination buffer, optional when @dst is an array
 *
 * Return: as strscpy().
 */
#define strscpy_pad(dst, src, ...)	\
	__PASTE(evlsim__strscpy_pad, evlsim__count_args(__VA_ARGS__))(dst, src, __VA_ARGS__)

extern char *kstrdup(const char *s, gfp_t gfp) __evlsim_ksym(kstrdup) __malloc;
extern const char *kstrdup_const(const char *s, gfp_t gfp) __evlsim_ksym(kstrdup_const);
extern char *kstrndup(const char *s, size_t len, gfp_t gfp) __evlsim_ksym(kstrndup);
extern void kfree_const(const void *x) __evlsim_ksym(kfree_const);
extern void *kmemdup(const void *src, size_t len, gfp_t gfp) __evlsim_ksym(kmemdup);
extern void *kmemdup_array(const void *src, size_t count, size_t element_size, gfp_t gfp)
	__evlsim_ksym(kmemdup_array);
extern char *kmemdup_nul(const char *s, size_t len, gfp_t gfp) __evlsim_ksym(kmemdup_nul);

extern void *memdup_user(const void __user *, size_t) __evlsim_ksym(memdup_user);
extern void *vmemdup_user(const void __user *, size_t) __evlsim_ksym(vmemdup_user);
extern void *memdup_user_nul(const void __user *, size_t) __evlsim_ksym(memdup_user_nul);
extern char *strndup_user(const char __user *, long) __evlsim_ksym(strndup_user);

/* resource accounting: charged to the calling module (linux/evlsim-owner.h) */
#define kstrdup(s, gfp)			__evlsim_owned(kstrdup(s, gfp))
#define kstrdup_const(s, gfp)		__evlsim_owned(kstrdup_const(s, gfp))
#define kstrndup(s, len, gfp)		__evlsim_owned(kstrndup(s, len, gfp))
#define kmemdup(src, len, gfp)		__evlsim_owned(kmemdup(src, len, gfp))
#define kmemdup_array(src, count, size, gfp) __evlsim_owned(kmemdup_array(src, count, size, gfp))
#define kmemdup_nul(s, len, gfp)	__evlsim_owned(kmemdup_nul(s, len, gfp))
#define memdup_user(src, len)		__evlsim_owned(memdup_user(src, len))
#define vmemdup_user(src, len)		__evlsim_owned(vmemdup_user(src, len))
#define memdup_user_nul(src, len)	__evlsim_owned(memdup_user_nul(src, len))
#define strndup_user(s, n)		__evlsim_owned(strndup_user(s, n))

/**
 * memdup_array_user - duplicate an array from user space
 * @src: source address in user space
 * @n: number of array members to copy
 * @size: size of one array member
 *
 * Return: a kmalloc()ed copy (free with kfree()), or an ERR_PTR(): -EOVERFLOW if
 * @n * @size overflows, -ENOMEM, -EFAULT.
 */
static inline void *memdup_array_user(const void __user *src, size_t n, size_t size)
{
	size_t nbytes;

	if (__builtin_mul_overflow(n, size, &nbytes))
		return ERR_PTR(-EOVERFLOW);

	return memdup_user(src, nbytes);
}

/**
 * vmemdup_array_user - duplicate an array from user space, possibly with vmalloc
 * @src: source address in user space
 * @n: number of array members to copy
 * @size: size of one array member
 *
 * Return: a kvmalloc()ed copy (free with kvfree()), or an ERR_PTR() as
 * memdup_array_user().
 */
static inline void *vmemdup_array_user(const void __user *src, size_t n, size_t size)
{
	size_t nbytes;

	if (__builtin_mul_overflow(n, size, &nbytes))
		return ERR_PTR(-EOVERFLOW);

	return vmemdup_user(src, nbytes);
}

extern char * __must_check strim(char *) __evlsim_ksym(strim);
extern char * __must_check skip_spaces(const char *) __evlsim_ksym(skip_spaces);

/* strstrip - strim() under its older name */
static inline __must_check char *strstrip(char *str)
{
	return strim(str);
}

extern void *memchr_inv(const void *s, int c, size_t n) __evlsim_ksym(memchr_inv);
extern char *strreplace(char *str, char old, char new) __evlsim_ksym(strreplace);

extern bool sysfs_streq(const char *s1, const char *s2) __evlsim_ksym(sysfs_streq);
int match_string(const char * const *array, size_t n, const char *string)
	__evlsim_ksym(match_string);
int __sysfs_match_string(const char * const *array, size_t n, const char *s)
	__evlsim_ksym(__sysfs_match_string);

/**
 * sysfs_match_string - match a sysfs input against a static array of strings
 * @_a: array of strings (an array, not a pointer)
 * @_s: string to match (as sysfs_streq(): one trailing newline is ignored)
 *
 * Return: the index of the match, or -EINVAL.
 */
#define sysfs_match_string(_a, _s)					\
	__sysfs_match_string(_a, sizeof(_a) / sizeof((_a)[0]) + __must_be_array(_a), _s)

/**
 * memzero_explicit - fill a buffer with zeros, even if it is never read again
 * @s: the buffer
 * @count: its size
 *
 * For clearing secrets: the compiler may not drop the memset() as a dead store.
 */
static inline void memzero_explicit(void *s, size_t count)
{
	memset(s, 0, count);
	barrier_data(s);
}

/**
 * strstarts - whether @prefix is a prefix of @str
 * @str: the string
 * @prefix: the candidate prefix
 */
static inline bool strstarts(const char *str, const char *prefix)
{
	return strncmp(str, prefix, strlen(prefix)) == 0;
}

/**
 * str_has_prefix - strstarts() that also tells how long the prefix is
 * @str: the string
 * @prefix: the candidate prefix
 *
 * Return: strlen(@prefix) if @str starts with @prefix, else 0; @str + the result is
 * then the rest of the string.
 */
static __always_inline size_t str_has_prefix(const char *str, const char *prefix)
{
	size_t len = strlen(prefix);

	return strncmp(str, prefix, len) == 0 ? len : 0;
}

#endif /* _EVLSIM_LINUX_STRING_H */
