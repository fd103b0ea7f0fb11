# SPDX-License-Identifier: MIT
#
# Check suites, run through automake's TAP driver: one program per area.
TEST_EXTENSIONS =
LOG_DRIVER = env AM_TAP_AWK='$(AWK)' $(SHELL) $(top_srcdir)/build-aux/tap-driver.sh
AM_TESTS_ENVIRONMENT = CK_TAP_LOG_FILE_NAME=- CK_VERBOSITY=silent CK_FORK=yes \
	CK_DEFAULT_TIMEOUT=60 \
	EVLSIM_MODULE_PATH=$(abs_top_builddir)/drivers/echo/.libs; export CK_TAP_LOG_FILE_NAME \
	CK_VERBOSITY CK_FORK CK_DEFAULT_TIMEOUT EVLSIM_MODULE_PATH;

TESTS_CPPFLAGS = $(USER_CPPFLAGS) -I$(top_srcdir)/drivers -I$(top_srcdir)/tests/lib $(CHECK_CFLAGS)
TESTS_LDADD = $(CHECK_LIBS) -lpthread
