// SPDX-License-Identifier: GPL-2.0-only
/*
 * tuaccess: kernel-world entry points for the user access tests, and seekable nodes for
 * the fd tests.
 *
 * The tuaccess_*() functions are plain C: a test calls them with a user pointer, they
 * call one uaccess helper on it and return its result unchanged (bytes not copied,
 * 0/-EFAULT, a length...). They are usable without loading the module.
 *
 * Once loaded, three misc devices differ only by their ->llseek:
 *   /dev/tseek-default   default_llseek(); read returns bytes of the file's position
 *                        ('a' + pos % 26) and advances *ppos, write advances *ppos
 *   /dev/tseek-noop      noop_llseek(): lseek() reports the position, never moves it
 *   /dev/tseek-none      no llseek handler at all: lseek() fails with ESPIPE
 */
#include <linux/module.h>
#include <linux/miscdevice.h>
#include <linux/fs.h>
#include <linux/slab.h>
#include <linux/uaccess.h>
#include <linux/err.h>
#include "tuaccess-abi.h"

unsigned long tuaccess_copy_to_user(void __user *to, const void *from, unsigned long n)
{
	return copy_to_user(to, from, n);
}

unsigned long tuaccess_copy_from_user(void *to, const void __user *from, unsigned long n)
{
	return copy_from_user(to, from, n);
}

unsigned long tuaccess_raw_copy_to_user(void __user *to, const void *from, unsigned long n)
{
	return raw_copy_to_user(to, from, n);
}

unsigned long tuaccess_raw_copy_from_user(void *to, const void __user *from,
					  unsigned long n)
{
	return raw_copy_from_user(to, from, n);
}

int tuaccess_get_user_u8(u8 *val, u8 __user *p)
{
	return get_user(*val, p);
}

int tuaccess_get_user_u32(u32 *val, u32 __user *p)
{
	return get_user(*val, p);
}

int tuaccess_get_user_u64(u64 *val, u64 __user *p)
{
	return get_user(*val, p);
}

int tuaccess_put_user_u8(u8 val, u8 __user *p)
{
	return put_user(val, p);
}

int tuaccess_put_user_u32(u32 val, u32 __user *p)
{
	return put_user(val, p);
}

int tuaccess_put_user_u64(u64 val, u64 __user *p)
{
	return put_user(val, p);
}

unsigned long tuaccess_clear_user(void __user *to, unsigned long n)
{
	return clear_user(to, n);
}

long tuaccess_strncpy_from_user(char *dst, const char __user *src, long count)
{
	return strncpy_from_user(dst, src, count);
}

long tuaccess_strnlen_user(const char __user *str, long n)
{
	return strnlen_user(str, n);
}

int tuaccess_check_zeroed_user(const void __user *from, size_t size)
{
	return check_zeroed_user(from, size);
}

/* 0 when memdup_user() succeeded (the copy is freed), its PTR_ERR() otherwise */
long tuaccess_memdup_user(const void __user *src, size_t len)
{
	void *p = memdup_user(src, len);

	if (IS_ERR(p))
		return PTR_ERR(p);
	kfree(p);
	return 0;
}

int tuaccess_access_ok(const void __user *p, unsigned long n)
{
	return access_ok(p, n);
}

/* ---- seekable nodes ------------------------------------------------------------------ */

/* in-band */
static ssize_t tseek_read(struct file *filp, char __user *buf, size_t count, loff_t *ppos)
{
	char chunk[64];
	size_t done = 0, n, i;

	while (done < count) {
		n = min(count - done, sizeof(chunk));
		for (i = 0; i < n; i++)
			chunk[i] = 'a' + (*ppos + done + i) % 26;
		if (copy_to_user(buf + done, chunk, n))
			return done ? done : -EFAULT;
		done += n;
	}
	*ppos += done;
	return done;
}

/* in-band */
static ssize_t tseek_write(struct file *filp, const char __user *buf, size_t count,
			   loff_t *ppos)
{
	*ppos += count;
	return count;
}

static const struct file_operations tseek_default_fops = {
	.owner	= THIS_MODULE,
	.read	= tseek_read,
	.write	= tseek_write,
	.llseek	= default_llseek,
};

static const struct file_operations tseek_noop_fops = {
	.owner	= THIS_MODULE,
	.read	= tseek_read,
	.write	= tseek_write,
	.llseek	= noop_llseek,
};

static const struct file_operations tseek_none_fops = {
	.owner	= THIS_MODULE,
	.read	= tseek_read,
	.write	= tseek_write,
};

static struct miscdevice tseek_misc[] = {
	{ .minor = MISC_DYNAMIC_MINOR, .name = "tseek-default", .fops = &tseek_default_fops },
	{ .minor = MISC_DYNAMIC_MINOR, .name = "tseek-noop", .fops = &tseek_noop_fops },
	{ .minor = MISC_DYNAMIC_MINOR, .name = "tseek-none", .fops = &tseek_none_fops },
};

static int __init tuaccess_init(void)
{
	int ret, i;

	for (i = 0; i < ARRAY_SIZE(tseek_misc); i++) {
		ret = misc_register(&tseek_misc[i]);
		if (ret)
			goto fail;
	}
	return 0;
fail:
	while (--i >= 0)
		misc_deregister(&tseek_misc[i]);
	return ret;
}
module_init(tuaccess_init);

static void __exit tuaccess_exit(void)
{
	int i;

	for (i = ARRAY_SIZE(tseek_misc) - 1; i >= 0; i--)
		misc_deregister(&tseek_misc[i]);
}
module_exit(tuaccess_exit);

MODULE_LICENSE("GPL");
MODULE_DESCRIPTION("evlsim test driver: uaccess entry points and seekable nodes");
