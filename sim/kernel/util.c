// SPDX-License-Identifier: LGPL-2.1-or-later
/*
 * Duplication helpers (kernel world): kstrdup(), kmemdup(), memdup_user() and their
 * kin, with the semantics of linux v6.12's mm/util.c.
 */
#include <linux/slab.h>
#include <linux/string.h>
#include <linux/uaccess.h>
#include "kinternal.h"

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

/* @p (NULL: -ENOMEM) filled with @len bytes from @src, or freed with @release on a fault. */
static void *fill_from_user(void *p, const void __user *src, size_t len,
			    void (*release)(const void *))
{
	if (!p)
		return ERR_PTR(-ENOMEM);
	if (copy_from_user(p, src, len)) {
		release(p);
		return ERR_PTR(-EFAULT);
	}
	return p;
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

	return fill_from_user(p, src, len, __evlsim_kfree);
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
	return fill_from_user(kvmalloc(len, GFP_USER), src, len, kvfree);
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
	char *p = fill_from_user(__evlsim_kmalloc(len + 1, GFP_KERNEL), src, len, __evlsim_kfree);

	if (!IS_ERR(p))
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
