// SPDX-License-Identifier: LGPL-2.1-or-later
/*
 * String helpers (kernel world): the out-of-line helpers of <linux/string.h>, with the
 * semantics of linux v6.12's lib/string.c and lib/string_helpers.c.
 */
#include <linux/ctype.h>
#include <linux/kernel.h>
#include <linux/limits.h>
#include <linux/string.h>

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
