/* SPDX-License-Identifier: LGPL-2.1-or-later */
/*
 * evlsim shim: faithful to linux v6.12 include/linux/kstrtox.h.
 *
 * kstrto*() parse the whole string: an optional sign ('+' for all, '-' for the signed
 * forms), then digits in @base (0 means auto-detect: "0x" hexadecimal, a leading "0" octal,
 * else decimal; base 16 also accepts a "0x" prefix), then at most one newline. They return
 * 0 and store the result, or -EINVAL on a malformed string and -ERANGE on overflow, and
 * leave *@res untouched on failure. kstrtobool() looks at the first character(s) only.
 */
#ifndef _EVLSIM_LINUX_KSTRTOX_H
#define _EVLSIM_LINUX_KSTRTOX_H

#include <linux/compiler.h>
#include <linux/types.h>

int __must_check _kstrtoul(const char *s, unsigned int base, unsigned long *res)
	__evlsim_ksym(_kstrtoul);
int __must_check _kstrtol(const char *s, unsigned int base, long *res)
	__evlsim_ksym(_kstrtol);

int __must_check kstrtoull(const char *s, unsigned int base, unsigned long long *res)
	__evlsim_ksym(kstrtoull);
int __must_check kstrtoll(const char *s, unsigned int base, long long *res)
	__evlsim_ksym(kstrtoll);

/**
 * kstrtoul - parse a whole string as an unsigned long
 * @s: the start of the string, NUL-terminated; may end with one newline
 * @base: the number base, 0 to auto-detect
 * @res: where to store the result on success
 *
 * Return: 0 on success, -ERANGE on overflow, -EINVAL on a parsing error.
 */
static inline int __must_check kstrtoul(const char *s, unsigned int base, unsigned long *res)
{
	return _kstrtoul(s, base, res);
}

/**
 * kstrtol - parse a whole string as a long
 * @s: the start of the string, NUL-terminated; may end with one newline and start
 *     with a sign
 * @base: the number base, 0 to auto-detect
 * @res: where to store the result on success
 *
 * Return: 0 on success, -ERANGE on overflow, -EINVAL on a parsing error.
 */
static inline int __must_check kstrtol(const char *s, unsigned int base, long *res)
{
	return _kstrtol(s, base, res);
}

int __must_check kstrtouint(const char *s, unsigned int base, unsigned int *res)
	__evlsim_ksym(kstrtouint);
int __must_check kstrtoint(const char *s, unsigned int base, int *res)
	__evlsim_ksym(kstrtoint);

static inline int __must_check kstrtou64(const char *s, unsigned int base, u64 *res)
{
	return kstrtoull(s, base, res);
}

static inline int __must_check kstrtos64(const char *s, unsigned int base, s64 *res)
{
	return kstrtoll(s, base, res);
}

static inline int __must_check kstrtou32(const char *s, unsigned int base, u32 *res)
{
	return kstrtouint(s, base, res);
}

static inline int __must_check kstrtos32(const char *s, unsigned int base, s32 *res)
{
	return kstrtoint(s, base, res);
}

int __must_check kstrtou16(const char *s, unsigned int base, u16 *res)
	__evlsim_ksym(kstrtou16);
int __must_check kstrtos16(const char *s, unsigned int base, s16 *res)
	__evlsim_ksym(kstrtos16);
int __must_check kstrtou8(const char *s, unsigned int base, u8 *res)
	__evlsim_ksym(kstrtou8);
int __must_check kstrtos8(const char *s, unsigned int base, s8 *res)
	__evlsim_ksym(kstrtos8);
int __must_check kstrtobool(const char *s, bool *res) __evlsim_ksym(kstrtobool);

/* The same, on a user-space buffer of @count bytes (copied in, at most 23 bytes used). */
int __must_check kstrtoull_from_user(const char __user *s, size_t count, unsigned int base,
				     unsigned long long *res) __evlsim_ksym(kstrtoull_from_user);
int __must_check kstrtoll_from_user(const char __user *s, size_t count, unsigned int base,
				    long long *res) __evlsim_ksym(kstrtoll_from_user);
int __must_check kstrtoul_from_user(const char __user *s, size_t count, unsigned int base,
				    unsigned long *res) __evlsim_ksym(kstrtoul_from_user);
int __must_check kstrtol_from_user(const char __user *s, size_t count, unsigned int base,
				   long *res) __evlsim_ksym(kstrtol_from_user);
int __must_check kstrtouint_from_user(const char __user *s, size_t count, unsigned int base,
				      unsigned int *res) __evlsim_ksym(kstrtouint_from_user);
int __must_check kstrtoint_from_user(const char __user *s, size_t count, unsigned int base,
				     int *res) __evlsim_ksym(kstrtoint_from_user);
int __must_check kstrtou16_from_user(const char __user *s, size_t count, unsigned int base,
				     u16 *res) __evlsim_ksym(kstrtou16_from_user);
int __must_check kstrtos16_from_user(const char __user *s, size_t count, unsigned int base,
				     s16 *res) __evlsim_ksym(kstrtos16_from_user);
int __must_check kstrtou8_from_user(const char __user *s, size_t count, unsigned int base,
				    u8 *res) __evlsim_ksym(kstrtou8_from_user);
int __must_check kstrtos8_from_user(const char __user *s, size_t count, unsigned int base,
				    s8 *res) __evlsim_ksym(kstrtos8_from_user);
int __must_check kstrtobool_from_user(const char __user *s, size_t count, bool *res)
	__evlsim_ksym(kstrtobool_from_user);

static inline int __must_check kstrtou64_from_user(const char __user *s, size_t count,
						   unsigned int base, u64 *res)
{
	return kstrtoull_from_user(s, count, base, res);
}

static inline int __must_check kstrtos64_from_user(const char __user *s, size_t count,
						   unsigned int base, s64 *res)
{
	return kstrtoll_from_user(s, count, base, res);
}

static inline int __must_check kstrtou32_from_user(const char __user *s, size_t count,
						   unsigned int base, u32 *res)
{
	return kstrtouint_from_user(s, count, base, res);
}

static inline int __must_check kstrtos32_from_user(const char __user *s, size_t count,
						   unsigned int base, s32 *res)
{
	return kstrtoint_from_user(s, count, base, res);
}

/*
 * Obsolete: the simple_strto*() family parses a prefix of the string, stores the end of
 * the parsed part in *@endp (if not NULL) and reports neither errors nor overflow.
 */
extern unsigned long simple_strtoul(const char *cp, char **endp, unsigned int base)
	__evlsim_ksym(simple_strtoul);
extern long simple_strtol(const char *cp, char **endp, unsigned int base)
	__evlsim_ksym(simple_strtol);
extern unsigned long long simple_strtoull(const char *cp, char **endp, unsigned int base)
	__evlsim_ksym(simple_strtoull);
extern long long simple_strtoll(const char *cp, char **endp, unsigned int base)
	__evlsim_ksym(simple_strtoll);

#endif /* _EVLSIM_LINUX_KSTRTOX_H */
