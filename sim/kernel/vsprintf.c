// SPDX-License-Identifier: LGPL-2.1-or-later
/*
 * Formatting (kernel world): vscnprintf(), scnprintf(), kasprintf() and kin, after
 * linux v6.12's lib/vsprintf.c, lib/kasprintf.c and mm/util.c.
 *
 * Formatting is delegated to the C library's vsnprintf(), so the kernel's %p extensions
 * are not interpreted (see <linux/printk.h>).
 */
#include <linux/kernel.h>
#include <linux/slab.h>
#include "kinternal.h"

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
