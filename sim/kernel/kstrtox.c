// SPDX-License-Identifier: LGPL-2.1-or-later
/*
 * Number parsing (kernel world): kstrto*(), kstrto*_from_user() and simple_strto*(),
 * with the semantics of linux v6.12's lib/kstrtox.c and lib/vsprintf.c.
 */
#include <linux/ctype.h>
#include <linux/kernel.h>
#include <linux/kstrtox.h>
#include <linux/limits.h>
#include <linux/uaccess.h>

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
#define DEFINE_KSTRTO(name, type, wide, parse)					\
int name(const char *s, unsigned int base, type *res)				\
{										\
	wide tmp;								\
	int rv = parse(s, base, &tmp);						\
										\
	if (rv < 0)								\
		return rv;							\
	if (tmp != (type)tmp)							\
		return -ERANGE;							\
	*res = tmp;								\
	return 0;								\
}
#define DEFINE_KSTRTO_UNSIGNED(name, type) DEFINE_KSTRTO(name, type, unsigned long long, kstrtoull)
#define DEFINE_KSTRTO_SIGNED(name, type) DEFINE_KSTRTO(name, type, long long, kstrtoll)

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
