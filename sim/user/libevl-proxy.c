// SPDX-License-Identifier: LGPL-2.1-or-later
/*
 * libevl's proxy calls (user world), after lib/proxy.c: evl_create_proxy() on the
 * kernel world's proxy element, the I/O calls that pick oob_write()/write() (or
 * oob_read()/read()) by the caller's stage, and the formatted output to the proxies of
 * stdout and stderr, which evl_init() creates once per process as libevl's init does.
 * Return conventions are libevl's: a count or -errno, errno left alone.
 */
#include <errno.h>
#include <pthread.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <unistd.h>
#include <evl/evl.h>
#include <evl/proxy.h>
#include <evl/thread.h>
#include <evl/syscall.h>
#include "internal.h"
#include "user/proxy.h"
#include "user/conforming.h"

#define STDSTREAM_BUFSZ	16384

static __thread char fmt_buf[1024];

static int evl_outfd = -EBADF, evl_errfd = -EBADF;
static pthread_once_t std_once = PTHREAD_ONCE_INIT;

static void setup_std_proxies(void)
{
	/* stdout or stderr may be closed: then the proxy is not there (-EBADF) */
	__atomic_store_n(&evl_outfd, evl_new_proxy(fileno(stdout), STDSTREAM_BUFSZ,
						   "stdout:%d", getpid()), __ATOMIC_RELEASE);
	__atomic_store_n(&evl_errfd, evl_new_proxy(fileno(stderr), STDSTREAM_BUFSZ,
						   "stderr:%d", getpid()), __ATOMIC_RELEASE);
}

void evlsim__setup_std_proxies(void)
{
	pthread_once(&std_once, setup_std_proxies);
}

/*
 * libevl's element creation: a name starting with '/' means public (not simulated:
 * -EOPNOTSUPP); EVL_CLONE_NONBLOCK is libevl's own bit, the rest below bit 16 dropped.
 */
EVLSIM_EXPORT int evl_create_proxy(int targetfd, size_t bufsz, size_t granularity,
				   int flags, const char *fmt, ...)
{
	struct evl_proxy_attrs attrs;
	char *name = NULL;
	va_list ap;
	int ret;

	if (fmt) {
		va_start(ap, fmt);
		ret = vasprintf(&name, fmt, ap);
		va_end(ap);
		if (ret < 0)
			return -ENOMEM;
	}
	if (name && *name == '/')
		flags |= EVL_CLONE_PUBLIC;
	flags &= EVL_CLONE_MASK;
	/* the attributes are 32-bit: larger sizes are truncated on their way, as on a board */
	attrs.fd = (__u32)targetfd;
	attrs.bufsz = (__u32)bufsz;
	attrs.granularity = (__u32)granularity;
	evlsim__current();	/* not evl_init(): that one creates the stream proxies */
	ret = evlsim__proxy_create((int)attrs.fd, attrs.bufsz, attrs.granularity, flags,
				   name && *name == '/' ? name + 1 : name);
	free(name);
	return ret;
}

EVLSIM_EXPORT ssize_t evl_write_proxy(int proxyfd, const void *buf, size_t count)
{
	return EVLSIM_CONFORMING_IO(write(proxyfd, buf, count), oob_write(proxyfd, buf, count));
}

EVLSIM_EXPORT ssize_t evl_read_proxy(int proxyfd, void *buf, size_t count)
{
	return EVLSIM_CONFORMING_IO(read(proxyfd, buf, count), oob_read(proxyfd, buf, count));
}

/*
 * Formats into a per-thread buffer of 1024 bytes (longer output is cut there) and
 * writes it to the proxy. Without a proxy (stdout was closed at init), an in-band
 * caller writes to fd 2 as libevl does, an oob one gets -EBADFD.
 */
EVLSIM_EXPORT ssize_t evl_vprint_proxy(int proxyfd, const char *fmt, va_list ap)
{
	int count = vsnprintf(fmt_buf, sizeof(fmt_buf), fmt, ap), saved_errno;
	ssize_t ret;

	if (count < 0)
		return -errno;
	if ((size_t)count >= sizeof(fmt_buf))
		count = sizeof(fmt_buf) - 1;
	if (proxyfd >= 0)
		return evl_write_proxy(proxyfd, fmt_buf, (size_t)count);
	if (!evl_is_inband())
		return -EBADFD;
	saved_errno = errno;
	ret = write(2, fmt_buf, (size_t)count);
	if (ret < 0)
		ret = -errno;
	errno = saved_errno;
	return ret;
}

EVLSIM_EXPORT ssize_t evl_print_proxy(int proxyfd, const char *fmt, ...)
{
	ssize_t ret;
	va_list ap;

	va_start(ap, fmt);
	ret = evl_vprint_proxy(proxyfd, fmt, ap);
	va_end(ap);
	return ret;
}

EVLSIM_EXPORT int evl_stdout(void)
{
	return __atomic_load_n(&evl_outfd, __ATOMIC_ACQUIRE);
}

EVLSIM_EXPORT int evl_stderr(void)
{
	return __atomic_load_n(&evl_errfd, __ATOMIC_ACQUIRE);
}

EVLSIM_EXPORT ssize_t evl_printf(const char *fmt, ...)
{
	ssize_t ret;
	va_list ap;

	va_start(ap, fmt);
	ret = evl_vprint_proxy(evl_stdout(), fmt, ap);
	va_end(ap);
	return ret;
}

EVLSIM_EXPORT ssize_t evl_eprintf(const char *fmt, ...)
{
	ssize_t ret;
	va_list ap;

	va_start(ap, fmt);
	ret = evl_vprint_proxy(evl_stderr(), fmt, ap);
	va_end(ap);
	return ret;
}
