/* SPDX-License-Identifier: MIT */
/*
 * Helpers for evlsim's Check suites: assertions on the -1/errno and -errno conventions
 * that print the failing call and both values, and suite boilerplate.
 */
#ifndef _EVLSIM_CHECK_H
#define _EVLSIM_CHECK_H

#include <check.h>
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
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
