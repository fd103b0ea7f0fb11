/* SPDX-License-Identifier: MIT */
/*
 * Helpers for evlsim's Check suites: assertions on the -1/errno and -errno conventions
 * that print the failing call and both values, stderr capture for the tests of reports,
 * and suite boilerplate.
 */
#ifndef _EVLSIM_CHECK_H
#define _EVLSIM_CHECK_H

#include <check.h>
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>
#include <evlsim/evlsim.h>

/* A call following the -1/errno convention must fail with exactly @err. */
#define ck_assert_fails(call, err)					\
	do {								\
		errno = 0;						\
		long __r = (long)(call);				\
		int __e = errno;					\
		ck_assert_msg(__r == -1 && __e == (err),		\
			      "%s: expected -1/%s, got %ld/%s", #call,	\
			      strerror(err), __r, __r == -1 ? strerror(__e) : "-"); \
	} while (0)

/* A call following the -1/errno convention must return exactly @val. */
#define ck_assert_call(call, val)					\
	do {								\
		errno = 0;						\
		long __r = (long)(call);				\
		ck_assert_msg(__r == (long)(val), "%s: expected %ld, got %ld (%s)", \
			      #call, (long)(val), __r,			\
			      __r == -1 ? strerror(errno) : "no error");	\
	} while (0)

/* A call following the 0/-errno convention (evl_*, evlsim_*) must return @val. */
#define ck_assert_ret(call, val)					\
	do {								\
		long __r = (long)(call);				\
		ck_assert_msg(__r == (long)(val), "%s: expected %ld (%s), got %ld (%s)", \
			      #call, (long)(val),			\
			      (long)(val) < 0 ? strerror(-(int)(val)) : "ok", __r, \
			      __r < 0 ? strerror(-(int)__r) : "ok");	\
	} while (0)

/* No diagnostic of any kind but notices was reported. */
#define ck_assert_no_reports()						\
	ck_assert_msg(evlsim_report_total() == 0,			\
		      "%lu diagnostics reported", evlsim_report_total())

/* The whole content of the seekable file @fd, NUL-terminated, to be freed. */
static inline char *evlsim_read_fd(int fd)
{
	off_t len = lseek(fd, 0, SEEK_END);
	char *buf;

	ck_assert_int_ge(len, 0);
	buf = malloc(len + 1);
	ck_assert_ptr_nonnull(buf);
	ck_assert_int_eq(pread(fd, buf, len, 0), len);
	buf[len] = '\0';
	return buf;
}

/* How many times @sub occurs in @s, without overlaps. */
static inline int evlsim_count_substr(const char *s, const char *sub)
{
	int n = 0;

	while ((s = strstr(s, sub))) {
		n++;
		s += strlen(sub);
	}
	return n;
}

/*
 * stderr capture: fd 2 goes to a temporary file between evlsim_capture_start() and
 * evlsim_capture_end(), which returns what was written (NUL-terminated, to be freed) and
 * copies it to the real stderr, so that the reports still show up in the test log.
 */
struct evlsim_capture {
	FILE *file;
	int saved;
};

static inline void evlsim_capture_start(struct evlsim_capture *c)
{
	fflush(stderr);
	c->file = tmpfile();
	ck_assert_ptr_nonnull(c->file);
	c->saved = dup(2);
	ck_assert_int_ge(c->saved, 0);
	ck_assert_int_eq(dup2(fileno(c->file), 2), 2);
}

static inline char *evlsim_capture_end(struct evlsim_capture *c)
{
	char *out;

	fflush(stderr);
	ck_assert_int_eq(dup2(c->saved, 2), 2);
	close(c->saved);
	out = evlsim_read_fd(fileno(c->file));
	fclose(c->file);
	if (*out)
		(void)!write(2, out, strlen(out));
	return out;
}

/* Runs one suite, with TAP output when CK_TAP_LOG_FILE_NAME is set. */
static inline int evlsim_check_run(Suite *s)
{
	SRunner *sr = srunner_create(s);
	int failed;

	srunner_run_all(sr, CK_ENV);
	failed = srunner_ntests_failed(sr);
	srunner_free(sr);
	return failed ? EXIT_FAILURE : EXIT_SUCCESS;
}

#endif
