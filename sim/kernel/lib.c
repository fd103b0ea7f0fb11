// SPDX-License-Identifier: LGPL-2.1-or-later
/*
 * The kernel's small library (kernel world): the out-of-line helpers declared by
 * <linux/string.h>, <linux/kstrtox.h>, <linux/kernel.h> and <linux/refcount.h>, with the
 * semantics of their linux v6.12 counterparts (lib/string.c, lib/string_helpers.c,
 * mm/util.c, lib/kstrtox.c, lib/vsprintf.c, lib/refcount.c).
 *
 * Formatting is delegated to the C library's vsnprintf(), so the kernel's %p extensions
 * are not interpreted (see <linux/printk.h>).
 */
#include <linux/ctype.h>
#include <linux/kernel.h>
#include <linux/kstrtox.h>
#include <linux/limits.h>
#include <linux/overflow.h>
#include <linux/refcount.h>
#include <linux/slab.h>
#include <linux/string.h>
#include <linux/uaccess.h>
#include "kinternal.h"

/*
 * Implemented by the user world: the number of CPUs the simulator runs on (what
 * sysconf(_SC_NPROCESSORS_ONLN) reports, or the simulated CPU count when one is set).
 */
int evlsim__online_cpus(void);

/* ---------------------------------------------------------------------------------------
 * CPUs
 */

unsigned int num_online_cpus(void)
{
	int n = evlsim__online_cpus();

	return n > 0 ? (unsigned int)n : 1;
}

unsigned int num_possible_cpus(void)
{
	return num_online_cpus();
}

/* ---------------------------------------------------------------------------------------
 * Strings (lib/string.c, lib/string_helpers.c)
 */

/**
 * sized_strscpy - copy a C string into a sized buffer
 * @dest: where to copy the string to
 * @src: where to copy the string from
 * @count: size of the destination buffer
 *
 * Copies up to @count - 1 characters and always NUL-terminates @dest when @count > 0.
 * @src is not read beyond @count bytes. A @count above INT_MAX is treated as a bug.
 *
 * Return: the number of characters copied (not counting the NUL), or -E2BIG if @count
 * is 0 or @src did not fit (@dest then holds the truncated string).
 */
ssize_t sized_strscpy(char *dest, const char *src, size_t count)
{
	size_t i;

	if (count == 0 || WARN_ON_ONCE(count > INT_MAX))
		return -E2BIG;

	for (i = 0; i < count; i++) {
		dest[i] = src[i];
		if (!src[i])
			return i;
	}

	dest[count - 1] = '\0';
	return -E2BIG;
}

/**
 * skip_spaces - skip the leading white space of a string
 * @str: the string
 *
 * Return: a pointer to the first character of @str that is not white space.
 */
char *skip_spaces(const char *str)
{
	while (isspace((unsigned char)*str))
		str++;
	return (char *)str;
}

/**
 * strim - trim the leading and trailing white space of a string
 * @s: the string, modified in place (the trailing white space is cut with a NUL)
 *
 * Return: a pointer to the first character of @s that is not white space.
 */
char *strim(char *s)
{
	size_t size = strlen(s);
	char *end;

	if (!size)
		return s;

	end = s + size;
	while (end > s && isspace((unsigned char)end[-1]))
		end--;
	*end = '\0';

	return skip_spaces(s);
}

/**
 * sysfs_streq - compare two strings as sysfs input
 * @s1: one string
 * @s2: another string
 *
 * Equality, except that one of the strings may end with a single newline the other one
 * lacks (what "echo" writes to a sysfs file).
 *
 * Return: true if the strings match, false otherwise.
 */
bool sysfs_streq(const char *s1, const char *s2)
{
	while (*s1 && *s1 == *s2) {
		s1++;
		s2++;
	}

	if (*s1 == *s2)
		return true;
	if (!*s1 && *s2 == '\n' && !s2[1])
		return true;
	if (*s1 == '\n' && !s1[1] && !*s2)
		return true;
	return false;
}

/**
 * match_string - look a string up in an array of strings
 * @array: the array; a NULL entry ends it early
 * @n: number of entries to look at, or (size_t)-1 to stop at the first NULL only
 * @string: the string to look for (exact match)
 *
 * Return: the index of @string in @array, or -EINVAL if it is not there.
 */
int match_string(const char * const *array, size_t n, const char *string)
{
	size_t i;

	for (i = 0; i < n && array[i]; i++) {
		if (!strcmp(array[i], string))
			return i;
	}
	return -EINVAL;
}

/**
 * __sysfs_match_string - look sysfs input up in an array of strings
 * @array: the array; a NULL entry ends it early
 * @n: number of entries to look at, or (size_t)-1 to stop at the first NULL only
 * @str: the string to look for, compared with sysfs_streq()
 *
 * Return: the index of @str in @array, or -EINVAL if it is not there.
 */
int __sysfs_match_string(const char * const *array, size_t n, const char *str)
{
	size_t i;

	for (i = 0; i < n && array[i]; i++) {
		if (sysfs_streq(array[i], str))
			return i;
	}
	return -EINVAL;
}

/**
 * memchr_inv - find the first byte of a memory area that differs from a value
 * @start: the memory area
 * @c: the byte value (converted to unsigned char)
 * @bytes: the size of the area
 *
 * Return: the address of the first byte not equal to @c, or NULL if all are.
 */
void *memchr_inv(const void *start, int c, size_t bytes)
{
	const unsigned char *p = start;
	unsigned char value = c;

	for (; bytes; bytes--, p++) {
		if (*p != value)
			return (void *)p;
	}
	return NULL;
}

/**
 * strreplace - replace every occurrence of a character in a string
 * @str: the string, modified in place
 * @old: the character to replace
 * @new: the replacement character
 *
 * Return: @str.
 */
char *strreplace(char *str, char old, char new)
{
	char *s;

	for (s = str; *s; s++) {
		if (*s == old)
			*s = new;
	}
	return str;
}

/* ---------------------------------------------------------------------------------------
 * Duplication (mm/util.c)
 */

/**
 * kstrdup - allocate a copy of a string
 * @s: the string, may be NULL
 * @gfp: allocation flags
 *
 * Return: the copy (kfree() it), or NULL if @s is NULL or the allocation failed.
 */
char *kstrdup(const char *s, gfp_t gfp)
{
	evlsim__check_service(EVLSIM_SVC_kstrdup);
	size_t len;
	char *buf;

	if (!s)
		return NULL;

	len = strlen(s) + 1;
	if (evlsim__should_fail(EVLSIM_FAULT_SLAB, len))
		return NULL;
	buf = __evlsim_kmalloc(len, gfp);
	if (buf)
		memcpy(buf, s, len);
	return buf;
}

/**
 * kstrdup_const - allocate a copy of a string that may be constant
 * @s: the string, may be NULL
 * @gfp: allocation flags
 *
 * The kernel returns @s itself when it lies in .rodata. The simulator cannot tell, so it
 * always copies; kfree_const() always frees accordingly.
 *
 * Return: the copy (kfree_const() it), or NULL if @s is NULL or the allocation failed.
 */
const char *kstrdup_const(const char *s, gfp_t gfp)
{
	return kstrdup(s, gfp);
}

/**
 * kfree_const - free what kstrdup_const() returned
 * @x: the string, may be NULL
 */
void kfree_const(const void *x)
{
	evlsim__check_service(EVLSIM_SVC_kfree);
	__evlsim_kfree(x);
}

/**
 * kstrndup - allocate a copy of at most @max characters of a string
 * @s: the string, may be NULL
 * @max: the maximum number of characters copied (a NUL is always added)
 * @gfp: allocation flags
 *
 * Return: the copy (__evlsim_kfree() it), or NULL if @s is NULL or the allocation failed.
 */
char *kstrndup(const char *s, size_t max, gfp_t gfp)
{
	size_t len;
	char *buf;

	if (!s)
		return NULL;

	len = strnlen(s, max);
	buf = __evlsim_kmalloc(len + 1, gfp);
	if (buf) {
		memcpy(buf, s, len);
		buf[len] = '\0';
	}
	return buf;
}

/**
 * kmemdup - allocate a copy of a memory area
 * @src: the area
 * @len: its size
 * @gfp: allocation flags
 *
 * Return: the copy (__evlsim_kfree() it), or NULL if the allocation failed.
 */
void *kmemdup(const void *src, size_t len, gfp_t gfp)
{
	evlsim__check_service(EVLSIM_SVC_kmemdup);
	void *p = len && evlsim__should_fail(EVLSIM_FAULT_SLAB, len) ? NULL :
		  __evlsim_kmalloc(len, gfp);

	if (p)
		memcpy(p, src, len);
	return p;
}

/**
 * kmemdup_array - allocate a copy of an array
 * @src: the array
 * @count: number of elements
 * @element_size: size of one element
 * @gfp: allocation flags
 *
 * Return: the copy (__evlsim_kfree() it), or NULL if the allocation failed or the size overflows.
 */
void *kmemdup_array(const void *src, size_t count, size_t element_size, gfp_t gfp)
{
	return kmemdup(src, size_mul(element_size, count), gfp);
}

/**
 * kmemdup_nul - allocate a NUL-terminated copy of a counted string
 * @s: the characters (not necessarily NUL-terminated), may be NULL
 * @len: the number of characters to copy
 * @gfp: allocation flags
 *
 * Return: the copy, @len characters plus a NUL (__evlsim_kfree() it), or NULL if @s is NULL or
 * the allocation failed.
 */
char *kmemdup_nul(const char *s, size_t len, gfp_t gfp)
{
	char *buf;

	if (!s)
		return NULL;

	buf = __evlsim_kmalloc(len + 1, gfp);
	if (buf) {
		memcpy(buf, s, len);
		buf[len] = '\0';
	}
	return buf;
}

/**
 * memdup_user - copy a user-space memory area into a __evlsim_kmalloc()ed buffer
 * @src: the user-space area
 * @len: its size
 *
 * Return: the copy (__evlsim_kfree() it), or ERR_PTR(-ENOMEM) or ERR_PTR(-EFAULT).
 */
void *memdup_user(const void __user *src, size_t len)
{
	evlsim__check_service(EVLSIM_SVC_memdup_user);
	void *p = len && evlsim__should_fail(EVLSIM_FAULT_SLAB, len) ? NULL :
		  __evlsim_kmalloc(len, GFP_USER | __GFP_NOWARN);

	if (!p)
		return ERR_PTR(-ENOMEM);

	if (copy_from_user(p, src, len)) {
		__evlsim_kfree(p);
		return ERR_PTR(-EFAULT);
	}
	return p;
}

/**
 * vmemdup_user - copy a user-space memory area into a kvmalloc()ed buffer
 * @src: the user-space area
 * @len: its size
 *
 * Return: the copy (kvfree() it), or ERR_PTR(-ENOMEM) or ERR_PTR(-EFAULT).
 */
void *vmemdup_user(const void __user *src, size_t len)
{
	void *p = kvmalloc(len, GFP_USER);

	if (!p)
		return ERR_PTR(-ENOMEM);

	if (copy_from_user(p, src, len)) {
		kvfree(p);
		return ERR_PTR(-EFAULT);
	}
	return p;
}

/**
 * memdup_user_nul - copy a user-space memory area and NUL-terminate it
 * @src: the user-space area
 * @len: its size (the copy is @len + 1 bytes long)
 *
 * Return: the copy (__evlsim_kfree() it), or ERR_PTR(-ENOMEM) or ERR_PTR(-EFAULT).
 */
void *memdup_user_nul(const void __user *src, size_t len)
{
	char *p = __evlsim_kmalloc(len + 1, GFP_KERNEL);

	if (!p)
		return ERR_PTR(-ENOMEM);

	if (copy_from_user(p, src, len)) {
		__evlsim_kfree(p);
		return ERR_PTR(-EFAULT);
	}
	p[len] = '\0';
	return p;
}

/**
 * strndup_user - copy a NUL-terminated string from user space
 * @s: the user-space string
 * @n: the maximum size of the string, NUL included
 *
 * Return: the copy (__evlsim_kfree() it), or ERR_PTR(-EFAULT) if @s cannot be read,
 * ERR_PTR(-EINVAL) if it is longer than @n, ERR_PTR(-ENOMEM).
 */
char *strndup_user(const char __user *s, long n)
{
	long length = strnlen_user(s, n);
	char *p;

	if (!length)
		return ERR_PTR(-EFAULT);
	if (length > n)
		return ERR_PTR(-EINVAL);

	p = memdup_user(s, length);
	if (IS_ERR(p))
		return p;

	p[length - 1] = '\0';
	return p;
}

/* ---------------------------------------------------------------------------------------
 * Number parsing (lib/kstrtox.c)
 */

#define PARSE_OVERFLOW	(1U << 31)

/* Applies the base auto-detection rules and skips a "0x" prefix in base 16. */
static const char *parse_radix(const char *s, unsigned int *base)
{
	if (*base == 0) {
		if (s[0] == '0') {
			if (_tolower(s[1]) == 'x' && isxdigit((unsigned char)s[2]))
				*base = 16;
			else
				*base = 8;
		} else {
			*base = 10;
		}
	}
	if (*base == 16 && s[0] == '0' && _tolower(s[1]) == 'x')
		s += 2;
	return s;
}

/*
 * Parses at most @max_chars digits of @base. Returns the number of characters consumed,
 * with PARSE_OVERFLOW set if the value did not fit (the digits are consumed anyway).
 */
static unsigned int parse_digits(const char *s, unsigned int base, unsigned long long *p,
				 size_t max_chars)
{
	unsigned long long res = 0;
	unsigned int rv = 0;

	for (; max_chars; max_chars--, s++) {
		unsigned int c = (unsigned char)*s;
		unsigned int lc = c | 0x20;
		unsigned int val;

		if (c >= '0' && c <= '9')
			val = c - '0';
		else if (lc >= 'a' && lc <= 'f')
			val = lc - 'a' + 10;
		else
			break;

		if (val >= base)
			break;
		if (res > (ULLONG_MAX - val) / base)
			rv |= PARSE_OVERFLOW;
		res = res * base + val;
		rv++;
	}
	*p = res;
	return rv;
}

/* An unsigned number, no sign, at most one trailing newline, nothing else. */
static int parse_ull(const char *s, unsigned int base, unsigned long long *res)
{
	unsigned long long value;
	unsigned int rv;

	s = parse_radix(s, &base);
	rv = parse_digits(s, base, &value, INT_MAX);
	if (rv & PARSE_OVERFLOW)
		return -ERANGE;
	if (rv == 0)
		return -EINVAL;
	s += rv;
	if (*s == '\n')
		s++;
	if (*s)
		return -EINVAL;
	*res = value;
	return 0;
}

/**
 * kstrtoull - parse a whole string as an unsigned long long
 * @s: the start of the string: an optional '+', the digits, an optional newline,
 *     then the terminating NUL
 * @base: the number base (2 to 16), or 0 to auto-detect it: "0x" prefix is
 *        hexadecimal, a leading "0" octal, anything else decimal
 * @res: where to store the result on success (untouched on error)
 *
 * Return: 0 on success, -ERANGE on overflow, -EINVAL on a parsing error.
 */
int kstrtoull(const char *s, unsigned int base, unsigned long long *res)
{
	if (s[0] == '+')
		s++;
	return parse_ull(s, base, res);
}

/**
 * kstrtoll - parse a whole string as a long long
 * @s: the start of the string: an optional sign, the digits, an optional newline,
 *     then the terminating NUL
 * @base: the number base, 0 to auto-detect (see kstrtoull())
 * @res: where to store the result on success (untouched on error)
 *
 * Return: 0 on success, -ERANGE on overflow, -EINVAL on a parsing error.
 */
int kstrtoll(const char *s, unsigned int base, long long *res)
{
	unsigned long long tmp;
	int rv;

	if (s[0] == '-') {
		rv = parse_ull(s + 1, base, &tmp);
		if (rv < 0)
			return rv;
		if (tmp > (unsigned long long)LLONG_MAX + 1)
			return -ERANGE;
		*res = tmp == (unsigned long long)LLONG_MAX + 1 ? LLONG_MIN : -(long long)tmp;
	} else {
		rv = kstrtoull(s, base, &tmp);
		if (rv < 0)
			return rv;
		if (tmp > LLONG_MAX)
			return -ERANGE;
		*res = tmp;
	}
	return 0;
}

int _kstrtoul(const char *s, unsigned int base, unsigned long *res)
{
	unsigned long long tmp;
	int rv = kstrtoull(s, base, &tmp);

	if (rv < 0)
		return rv;
	if (tmp != (unsigned long)tmp)
		return -ERANGE;
	*res = tmp;
	return 0;
}

int _kstrtol(const char *s, unsigned int base, long *res)
{
	long long tmp;
	int rv = kstrtoll(s, base, &tmp);

	if (rv < 0)
		return rv;
	if (tmp != (long)tmp)
		return -ERANGE;
	*res = tmp;
	return 0;
}

/*
 * The narrower conversions: parse as (unsigned) long long, then -ERANGE if the value
 * does not survive the conversion to @type.
 */
#define DEFINE_KSTRTO_UNSIGNED(name, type)					\
int name(const char *s, unsigned int base, type *res)				\
{										\
	unsigned long long tmp;							\
	int rv = kstrtoull(s, base, &tmp);					\
										\
	if (rv < 0)								\
		return rv;							\
	if (tmp != (type)tmp)							\
		return -ERANGE;							\
	*res = tmp;								\
	return 0;								\
}

#define DEFINE_KSTRTO_SIGNED(name, type)					\
int name(const char *s, unsigned int base, type *res)				\
{										\
	long long tmp;								\
	int rv = kstrtoll(s, base, &tmp);					\
										\
	if (rv < 0)								\
		return rv;							\
	if (tmp != (type)tmp)							\
		return -ERANGE;							\
	*res = tmp;								\
	return 0;								\
}

DEFINE_KSTRTO_UNSIGNED(kstrtouint, unsigned int)
DEFINE_KSTRTO_SIGNED(kstrtoint, int)
DEFINE_KSTRTO_UNSIGNED(kstrtou16, u16)
DEFINE_KSTRTO_SIGNED(kstrtos16, s16)
DEFINE_KSTRTO_UNSIGNED(kstrtou8, u8)
DEFINE_KSTRTO_SIGNED(kstrtos8, s8)

/**
 * kstrtobool - interpret user input such as "y", "0" or "off" as a boolean
 * @s: the input; only its first one or two characters are looked at
 * @res: where to store the result on success (untouched on error)
 *
 * 'y', 'Y', 't', 'T', '1' and "on" (any case) are true; 'n', 'N', 'f', 'F', '0' and
 * "of[f]" (any case) are false. Anything after the recognised prefix is ignored.
 *
 * Return: 0 on success, -EINVAL otherwise.
 */
int kstrtobool(const char *s, bool *res)
{
	if (!s)
		return -EINVAL;

	switch (s[0]) {
	case 'y':
	case 'Y':
	case 't':
	case 'T':
	case '1':
		*res = true;
		return 0;
	case 'n':
	case 'N':
	case 'f':
	case 'F':
	case '0':
		*res = false;
		return 0;
	case 'o':
	case 'O':
		switch (s[1]) {
		case 'n':
		case 'N':
			*res = true;
			return 0;
		case 'f':
		case 'F':
			*res = false;
			return 0;
		default:
			break;
		}
		break;
	default:
		break;
	}

	return -EINVAL;
}

/*
 * The _from_user forms copy at most 23 bytes of the user buffer (enough for any number
 * with a prefix, a sign and a newline), NUL-terminate them and parse them.
 */
#define DEFINE_KSTRTO_FROM_USER(name, parse, type)				\
int name(const char __user *s, size_t count, unsigned int base, type *res)	\
{										\
	char buf[24];								\
										\
	count = min(count, sizeof(buf) - 1);					\
	if (copy_from_user(buf, s, count))					\
		return -EFAULT;							\
	buf[count] = '\0';							\
	return parse(buf, base, res);						\
}

DEFINE_KSTRTO_FROM_USER(kstrtoull_from_user, kstrtoull, unsigned long long)
DEFINE_KSTRTO_FROM_USER(kstrtoll_from_user, kstrtoll, long long)
DEFINE_KSTRTO_FROM_USER(kstrtoul_from_user, kstrtoul, unsigned long)
DEFINE_KSTRTO_FROM_USER(kstrtol_from_user, kstrtol, long)
DEFINE_KSTRTO_FROM_USER(kstrtouint_from_user, kstrtouint, unsigned int)
DEFINE_KSTRTO_FROM_USER(kstrtoint_from_user, kstrtoint, int)
DEFINE_KSTRTO_FROM_USER(kstrtou16_from_user, kstrtou16, u16)
DEFINE_KSTRTO_FROM_USER(kstrtos16_from_user, kstrtos16, s16)
DEFINE_KSTRTO_FROM_USER(kstrtou8_from_user, kstrtou8, u8)
DEFINE_KSTRTO_FROM_USER(kstrtos8_from_user, kstrtos8, s8)

int kstrtobool_from_user(const char __user *s, size_t count, bool *res)
{
	char buf[4];

	count = min(count, sizeof(buf) - 1);
	if (copy_from_user(buf, s, count))
		return -EFAULT;
	buf[count] = '\0';
	return kstrtobool(buf, res);
}

/**
 * simple_strtoull - parse the numeric prefix of a string as an unsigned long long
 * @cp: the string
 * @endp: if not NULL, set to the first character after the parsed part
 * @base: the number base, 0 to auto-detect (see kstrtoull())
 *
 * Obsolete: neither errors nor overflow are reported. Use kstrtoull() instead.
 */
unsigned long long simple_strtoull(const char *cp, char **endp, unsigned int base)
{
	unsigned long long result;
	unsigned int rv;

	cp = parse_radix(cp, &base);
	rv = parse_digits(cp, base, &result, INT_MAX);
	cp += rv & ~PARSE_OVERFLOW;
	if (endp)
		*endp = (char *)cp;
	return result;
}

/* simple_strtoul - as simple_strtoull(), for an unsigned long. Obsolete. */
unsigned long simple_strtoul(const char *cp, char **endp, unsigned int base)
{
	return simple_strtoull(cp, endp, base);
}

/* simple_strtol - as simple_strtoul(), with an optional leading '-'. Obsolete. */
long simple_strtol(const char *cp, char **endp, unsigned int base)
{
	if (*cp == '-')
		return (long)-simple_strtoul(cp + 1, endp, base);
	return simple_strtoul(cp, endp, base);
}

/* simple_strtoll - as simple_strtoull(), with an optional leading '-'. Obsolete. */
long long simple_strtoll(const char *cp, char **endp, unsigned int base)
{
	if (*cp == '-')
		return (long long)-simple_strtoull(cp + 1, endp, base);
	return simple_strtoull(cp, endp, base);
}

/* ---------------------------------------------------------------------------------------
 * Formatting (lib/vsprintf.c, mm/util.c)
 */

/**
 * vscnprintf - format a string into a buffer
 * @buf: the buffer
 * @size: its size, NUL included
 * @fmt: the format string
 * @args: the arguments
 *
 * Return: the number of characters written into @buf, not counting the NUL: at most
 * @size - 1, and 0 when @size is 0 (unlike vsnprintf(), never what would have been
 * written).
 */
int vscnprintf(char *buf, size_t size, const char *fmt, va_list args)
{
	int i = vsnprintf(buf, size, fmt, args);

	if (unlikely(i < 0)) {
		if (size)
			buf[0] = '\0';
		return 0;
	}
	if (likely((size_t)i < size))
		return i;
	if (size != 0)
		return size - 1;
	return 0;
}

/**
 * scnprintf - format a string into a buffer
 * @buf: the buffer
 * @size: its size, NUL included
 * @fmt: the format string
 * @...: the arguments
 *
 * Return: the number of characters written into @buf, not counting the NUL.
 */
int scnprintf(char *buf, size_t size, const char *fmt, ...)
{
	va_list args;
	int i;

	va_start(args, fmt);
	i = vscnprintf(buf, size, fmt, args);
	va_end(args);

	return i;
}

/**
 * kvasprintf - format a string into a newly allocated buffer
 * @gfp: allocation flags
 * @fmt: the format string
 * @ap: the arguments
 *
 * Return: the string (__evlsim_kfree() it), or NULL if the allocation failed.
 */
char *kvasprintf(gfp_t gfp, const char *fmt, va_list ap)
{
	unsigned int first, second;
	va_list aq;
	char *p;
	int len;

	va_copy(aq, ap);
	len = vsnprintf(NULL, 0, fmt, aq);
	va_end(aq);
	if (len < 0)
		return NULL;

	first = len;
	p = __evlsim_kmalloc(first + 1, gfp);
	if (!p)
		return NULL;

	second = vsnprintf(p, first + 1, fmt, ap);
	WARN(first != second, "different return values (%u and %u) from vsnprintf(\"%s\", ...)",
	     first, second, fmt);

	return p;
}

/**
 * kasprintf - format a string into a newly allocated buffer
 * @gfp: allocation flags
 * @fmt: the format string
 * @...: the arguments
 *
 * Return: the string (__evlsim_kfree() it), or NULL if the allocation failed.
 */
char *kasprintf(gfp_t gfp, const char *fmt, ...)
{
	va_list ap;
	char *p;

	va_start(ap, fmt);
	p = kvasprintf(gfp, fmt, ap);
	va_end(ap);

	return p;
}

/**
 * kvasprintf_const - format a string into a buffer that may be constant
 * @gfp: allocation flags
 * @fmt: the format string
 * @ap: the arguments
 *
 * A format without conversion, or "%s" alone, is duplicated with kstrdup_const().
 *
 * Return: the string (kfree_const() it), or NULL if the allocation failed.
 */
const char *kvasprintf_const(gfp_t gfp, const char *fmt, va_list ap)
{
	if (!strchr(fmt, '%'))
		return kstrdup_const(fmt, gfp);
	if (!strcmp(fmt, "%s"))
		return kstrdup_const(va_arg(ap, const char *), gfp);
	return kvasprintf(gfp, fmt, ap);
}

/* ---------------------------------------------------------------------------------------
 * Reference counts (lib/refcount.c)
 */

/**
 * refcount_warn_saturate - saturate a refcount and report the event
 * @r: the refcount
 * @t: what went wrong
 *
 * The refcount is left at REFCOUNT_SATURATED, where it stays whatever happens next: the
 * object leaks rather than being freed while in use. Every event is reported as a
 * WARNING (the kernel warns once per kind), so that each test sees its own.
 */
void refcount_warn_saturate(refcount_t *r, enum refcount_saturation_type t)
{
	const char *msg;

	refcount_set(r, REFCOUNT_SATURATED);

	switch (t) {
	case REFCOUNT_ADD_NOT_ZERO_OVF:
	case REFCOUNT_ADD_OVF:
		msg = "saturated; leaking memory.";
		break;
	case REFCOUNT_ADD_UAF:
		msg = "addition on 0; use-after-free.";
		break;
	case REFCOUNT_SUB_UAF:
		msg = "underflow; use-after-free.";
		break;
	case REFCOUNT_DEC_LEAK:
		msg = "decrement hit 0; leaking memory.";
		break;
	default:
		msg = "unknown saturation event!?";
		break;
	}

	evlsim__report(EVLSIM_REPORT_WARN, "refcount", "refcount_t: %s", msg);
}

/**
 * refcount_dec_if_one - decrement a refcount if it is 1
 * @r: the refcount
 *
 * For code that wants to tear an object down only if it holds the last reference.
 * Release ordering on success.
 *
 * Return: true if the refcount went from 1 to 0, false otherwise.
 */
bool refcount_dec_if_one(refcount_t *r)
{
	int val = 1;

	return atomic_try_cmpxchg_release(&r->refs, &val, 0);
}

/**
 * refcount_dec_not_one - decrement a refcount unless it is 1
 * @r: the refcount
 *
 * A saturated refcount is left alone. Release ordering on success.
 *
 * Return: true if the refcount was decremented (or is saturated), false if it is 1.
 */
bool refcount_dec_not_one(refcount_t *r)
{
	int val = atomic_read(&r->refs);

	do {
		if (unlikely(val == REFCOUNT_SATURATED))
			return true;

		if (val == 1)
			return false;

		if (unlikely(val == 0)) {
			evlsim__report(EVLSIM_REPORT_WARN, "refcount",
				       "refcount_t: underflow; use-after-free.");
			return true;
		}
	} while (!atomic_try_cmpxchg_release(&r->refs, &val, (int)((unsigned int)val - 1)));

	return true;
}
