# SPDX-License-Identifier: MIT
#
# Check suites, run through automake's TAP driver: one program per area.
TEST_EXTENSIONS =
LOG_DRIVER = env AM_TAP_AWK='$(AWK)' $(SHELL) $(top_srcdir)/build-aux/tap-driver.sh
AM_TESTS_ENVIRONMENT = CK_TAP_LOG_FILE_NAME=- CK_VERBOSITY=silent CK_FORK=yes \
	CK_DEFAULT_TIMEOUT=60 \
	EVLSIM_MODULE_PATH=$(abs_top_builddir)/drivers/echo/.libs:$(abs_top_builddir)/drivers/acq/.libs:$(abs_top_builddir)/drivers/xfifo/.libs:$(abs_top_builddir)/tests/drivers/.libs \
	EVLSIM_LAYER_OBJECTS='$(sim_libevlsim_kernel_la_OBJECTS) $(sim_libevlsim_user_la_OBJECTS) $(sim_libevlsim_early_la_OBJECTS)' \
	EVLSIM_KERNEL_CC='$(CC) $(KERNEL_CPPFLAGS) $(KERNEL_CFLAGS)'; \
	export CK_TAP_LOG_FILE_NAME CK_VERBOSITY CK_FORK CK_DEFAULT_TIMEOUT EVLSIM_MODULE_PATH \
	EVLSIM_LAYER_OBJECTS EVLSIM_KERNEL_CC;

EVLSIM_TESTS_CPPFLAGS = $(USER_CPPFLAGS) -I$(top_srcdir)/drivers -I$(top_srcdir)/tests/lib $(CHECK_CFLAGS)
EVLSIM_TESTS_LDADD = $(CHECK_LIBS) -lpthread

# ---- test drivers: objects to link in, and module shared objects --------------------

check_LTLIBRARIES += tests/drivers/libtestdrv.la tests/drivers/libtfail.la \
	tests/drivers/libtnoexit.la tests/drivers/libtdevreg.la tests/drivers/libtuaccess.la
check_LTLIBRARIES += tests/drivers/libtevl.la
check_LTLIBRARIES += tests/drivers/libtpollsrc.la
check_LTLIBRARIES += tests/drivers/libtsync.la
check_LTLIBRARIES += tests/drivers/libtmmap.la
check_LTLIBRARIES += tests/drivers/libtpoll.la
check_LTLIBRARIES += tests/drivers/libthw.la
tests_drivers_libthw_la_SOURCES = tests/drivers/thw.c tests/drivers/thw-abi.h
tests_drivers_libthw_la_CPPFLAGS = $(KERNEL_CPPFLAGS) -DMODULE \
	-DKBUILD_MODNAME='"thw"' -D__KBUILD_MODNAME=kmod_thw
tests_drivers_libthw_la_CFLAGS = $(KERNEL_CFLAGS)
check_LTLIBRARIES += tests/drivers/libtkthread.la
check_LTLIBRARIES += tests/drivers/libtstage.la
check_LTLIBRARIES += tests/drivers/libtleak.la
tests_drivers_libtleak_la_SOURCES = tests/drivers/tleak.c tests/drivers/tleak-abi.h
tests_drivers_libtleak_la_CPPFLAGS = $(KERNEL_CPPFLAGS) -DMODULE \
	-DKBUILD_MODNAME='"tleak"' -D__KBUILD_MODNAME=kmod_tleak
tests_drivers_libtleak_la_CFLAGS = $(KERNEL_CFLAGS)
tests_drivers_libtstage_la_SOURCES = tests/drivers/tstage.c tests/drivers/tstage-abi.h
tests_drivers_libtstage_la_CPPFLAGS = $(KERNEL_CPPFLAGS) -DMODULE \
	-DKBUILD_MODNAME='"tstage"' -D__KBUILD_MODNAME=kmod_tstage
tests_drivers_libtstage_la_CFLAGS = $(KERNEL_CFLAGS)
check_LTLIBRARIES += tests/drivers/libtbroken.la
check_LTLIBRARIES += tests/drivers/libtfault.la
check_LTLIBRARIES += tests/drivers/libtirq.la
tests_drivers_libtirq_la_SOURCES = tests/drivers/tirq.c tests/drivers/tirq-abi.h
tests_drivers_libtirq_la_CPPFLAGS = $(KERNEL_CPPFLAGS) -DMODULE \
	-DKBUILD_MODNAME='"tirq"' -D__KBUILD_MODNAME=kmod_tirq
tests_drivers_libtirq_la_CFLAGS = $(KERNEL_CFLAGS)
tests_drivers_libtfault_la_SOURCES = tests/drivers/tfault.c tests/drivers/tfault-abi.h
tests_drivers_libtfault_la_CPPFLAGS = $(KERNEL_CPPFLAGS) -DMODULE \
	-DKBUILD_MODNAME='"tfault"' -D__KBUILD_MODNAME=kmod_tfault
tests_drivers_libtfault_la_CFLAGS = $(KERNEL_CFLAGS)
tests_drivers_libtbroken_la_SOURCES = tests/drivers/tbroken.c tests/drivers/tbroken-abi.h
tests_drivers_libtbroken_la_CPPFLAGS = $(KERNEL_CPPFLAGS) -DMODULE \
	-DKBUILD_MODNAME='"tbroken"' -D__KBUILD_MODNAME=kmod_tbroken
tests_drivers_libtbroken_la_CFLAGS = $(KERNEL_CFLAGS)
tests_drivers_libtkthread_la_SOURCES = tests/drivers/tkthread.c tests/drivers/tkthread-abi.h
tests_drivers_libtkthread_la_CPPFLAGS = $(KERNEL_CPPFLAGS) -DMODULE \
	-DKBUILD_MODNAME='"tkthread"' -D__KBUILD_MODNAME=kmod_tkthread
tests_drivers_libtkthread_la_CFLAGS = $(KERNEL_CFLAGS)
tests_drivers_libtmmap_la_SOURCES = tests/drivers/tmmap.c tests/drivers/tmmap-abi.h
tests_drivers_libtmmap_la_CPPFLAGS = $(KERNEL_CPPFLAGS) -DMODULE \
	-DKBUILD_MODNAME='"tmmap"' -D__KBUILD_MODNAME=kmod_tmmap
tests_drivers_libtmmap_la_CFLAGS = $(KERNEL_CFLAGS)
tests_drivers_libtsync_la_SOURCES = tests/drivers/tsync.c tests/drivers/tsync-abi.h
tests_drivers_libtsync_la_CPPFLAGS = $(KERNEL_CPPFLAGS) -DMODULE \
	-DKBUILD_MODNAME='"tsync"' -D__KBUILD_MODNAME=kmod_tsync
tests_drivers_libtsync_la_CFLAGS = $(KERNEL_CFLAGS)
tests_drivers_libtestdrv_la_SOURCES = tests/drivers/testdrv.c tests/drivers/testdrv-abi.h
tests_drivers_libtestdrv_la_CPPFLAGS = $(KERNEL_CPPFLAGS) -DMODULE \
	-DKBUILD_MODNAME='"testdrv"' -D__KBUILD_MODNAME=kmod_testdrv
tests_drivers_libtestdrv_la_CFLAGS = $(KERNEL_CFLAGS)
tests_drivers_libtfail_la_SOURCES = tests/drivers/tfail.c
tests_drivers_libtfail_la_CPPFLAGS = $(KERNEL_CPPFLAGS) -DMODULE \
	-DKBUILD_MODNAME='"tfail"' -D__KBUILD_MODNAME=kmod_tfail
tests_drivers_libtfail_la_CFLAGS = $(KERNEL_CFLAGS)
tests_drivers_libtnoexit_la_SOURCES = tests/drivers/tnoexit.c
tests_drivers_libtnoexit_la_CPPFLAGS = $(KERNEL_CPPFLAGS) -DMODULE \
	-DKBUILD_MODNAME='"tnoexit"' -D__KBUILD_MODNAME=kmod_tnoexit
tests_drivers_libtnoexit_la_CFLAGS = $(KERNEL_CFLAGS)
tests_drivers_libtdevreg_la_SOURCES = tests/drivers/tdevreg.c
tests_drivers_libtdevreg_la_CPPFLAGS = $(KERNEL_CPPFLAGS) -DMODULE \
	-DKBUILD_MODNAME='"tdevreg"' -D__KBUILD_MODNAME=kmod_tdevreg
tests_drivers_libtdevreg_la_CFLAGS = $(KERNEL_CFLAGS)
tests_drivers_libtuaccess_la_SOURCES = tests/drivers/tuaccess.c
tests_drivers_libtuaccess_la_CPPFLAGS = $(KERNEL_CPPFLAGS) -DMODULE \
	-DKBUILD_MODNAME='"tuaccess"' -D__KBUILD_MODNAME=kmod_tuaccess
tests_drivers_libtuaccess_la_CFLAGS = $(KERNEL_CFLAGS)
tests_drivers_libtevl_la_SOURCES = tests/drivers/tevl.c tests/drivers/tevl-abi.h
tests_drivers_libtevl_la_CPPFLAGS = $(KERNEL_CPPFLAGS) -DMODULE \
	-DKBUILD_MODNAME='"tevl"' -D__KBUILD_MODNAME=kmod_tevl
tests_drivers_libtevl_la_CFLAGS = $(KERNEL_CFLAGS)
tests_drivers_libtpollsrc_la_SOURCES = tests/drivers/tpollsrc.c tests/drivers/tpollsrc-abi.h
tests_drivers_libtpollsrc_la_CPPFLAGS = $(KERNEL_CPPFLAGS) -DMODULE \
	-DKBUILD_MODNAME='"tpollsrc"' -D__KBUILD_MODNAME=kmod_tpollsrc
tests_drivers_libtpollsrc_la_CFLAGS = $(KERNEL_CFLAGS)
tests_drivers_libtpoll_la_SOURCES = tests/drivers/tpoll.c tests/drivers/tpoll-abi.h
tests_drivers_libtpoll_la_CPPFLAGS = $(KERNEL_CPPFLAGS) -DMODULE \
	-DKBUILD_MODNAME='"tpoll"' -D__KBUILD_MODNAME=kmod_tpoll
tests_drivers_libtpoll_la_CFLAGS = $(KERNEL_CFLAGS)

# testdrv as a module .so too, for loading through $EVLSIM_MODULE_PATH
check_LTLIBRARIES += tests/drivers/testdrv.la
tests_drivers_testdrv_la_SOURCES = $(tests_drivers_libtestdrv_la_SOURCES)
tests_drivers_testdrv_la_CPPFLAGS = $(tests_drivers_libtestdrv_la_CPPFLAGS)
tests_drivers_testdrv_la_CFLAGS = $(KERNEL_CFLAGS)
tests_drivers_testdrv_la_LDFLAGS = $(AM_LDFLAGS) -module -avoid-version -shared -rpath /nowhere

TESTDRV_OBJ = tests/drivers/libtestdrv_la-testdrv.lo
TFAIL_OBJ = tests/drivers/libtfail_la-tfail.lo
TNOEXIT_OBJ = tests/drivers/libtnoexit_la-tnoexit.lo
TDEVREG_OBJ = tests/drivers/libtdevreg_la-tdevreg.lo
TUACCESS_OBJ = tests/drivers/libtuaccess_la-tuaccess.lo
TEVL_OBJ = tests/drivers/libtevl_la-tevl.lo
TPOLLSRC_OBJ = tests/drivers/libtpollsrc_la-tpollsrc.lo
TSYNC_OBJ = tests/drivers/libtsync_la-tsync.lo
TMMAP_OBJ = tests/drivers/libtmmap_la-tmmap.lo
TPOLL_OBJ = tests/drivers/libtpoll_la-tpoll.lo
TKTHREAD_OBJ = tests/drivers/libtkthread_la-tkthread.lo
TSTAGE_OBJ = tests/drivers/libtstage_la-tstage.lo
TBROKEN_OBJ = tests/drivers/libtbroken_la-tbroken.lo
TLEAK_OBJ = tests/drivers/libtleak_la-tleak.lo
TFAULT_OBJ = tests/drivers/libtfault_la-tfault.lo
THW_OBJ = tests/drivers/libthw_la-thw.lo
TIRQ_OBJ = tests/drivers/libtirq_la-tirq.lo
TEST_DRIVERS_DEPS = tests/drivers/libtestdrv.la tests/drivers/libtfail.la \
	tests/drivers/libtnoexit.la tests/drivers/libtdevreg.la tests/drivers/libtuaccess.la \
	tests/drivers/libtevl.la \
	tests/drivers/libtpollsrc.la \
	tests/drivers/libtsync.la \
	tests/drivers/libtmmap.la \
	tests/drivers/libtpoll.la \
	tests/drivers/libtkthread.la \
	tests/drivers/libtstage.la \
	tests/drivers/libtbroken.la \
	tests/drivers/libtleak.la \
	tests/drivers/libtfault.la \
	tests/drivers/libthw.la \
	tests/drivers/libtirq.la \
	drivers/echo/libecho.la drivers/xfifo/libxfifo.la drivers/acq/libacq.la \
	tests/drivers/testdrv.la

# Every suite links the example and test drivers in, and libevlsim as users do.
TESTS_ALL_LDADD = $(ECHO_OBJ) $(XFIFO_OBJ) $(ACQ_OBJ) $(TESTDRV_OBJ) $(TFAIL_OBJ) $(TNOEXIT_OBJ) $(TDEVREG_OBJ) \
	$(TUACCESS_OBJ) $(TEVL_OBJ) $(TPOLLSRC_OBJ) $(TSYNC_OBJ) $(TMMAP_OBJ) $(TPOLL_OBJ) \
	$(TKTHREAD_OBJ) $(TBROKEN_OBJ) $(TSTAGE_OBJ) $(TLEAK_OBJ) $(TFAULT_OBJ) $(THW_OBJ) \
	$(TIRQ_OBJ) \
	libevlsim.la $(EVLSIM_TESTS_LDADD)

# ---- suites ---------------------------------------------------------------------------
EVLSIM_SUITES = \
	tests/conformance/check_routing \
	tests/conformance/check_lifetime \
	tests/conformance/check_evl_wait \
	tests/conformance/check_evl_poll \
	tests/conformance/check_evl_timer \
	tests/conformance/check_stages \
	tests/conformance/check_golden_rule \
	tests/unit/check_modules \
	tests/unit/check_devices \
	tests/unit/check_fd \
	tests/unit/check_uaccess \
	tests/unit/check_mmap \
	tests/unit/check_inband_sync \
	tests/unit/check_inband_wait \
	tests/unit/check_accounting \
	tests/unit/check_faults \
	tests/unit/check_mmio \
	tests/unit/check_platform \
	tests/unit/check_dma \
	tests/unit/check_irq \
	tests/drivers/check_echo \
	tests/drivers/check_xfifo \
	tests/drivers/check_acq \
	tests/stress/check_stress

check_PROGRAMS += $(EVLSIM_SUITES)
TESTS += $(EVLSIM_SUITES)

# Every suite builds the same way: these are automake's defaults for programs without
# flags or libraries of their own (no other program of the tree goes without). The test
# drivers' module objects are check_LTLIBRARIES, built before the suites run.
AM_CPPFLAGS = $(EVLSIM_TESTS_CPPFLAGS)
LDADD = $(TESTS_ALL_LDADD)

# Kernel headers compile on their own and together, as kernel code (compile test).
check_LTLIBRARIES += tests/compile/libkheaders.la
tests_compile_libkheaders_la_SOURCES = tests/compile/kernel-headers.c
tests_compile_libkheaders_la_CPPFLAGS = $(KERNEL_CPPFLAGS)
tests_compile_libkheaders_la_CFLAGS = $(KERNEL_CFLAGS)

# The stage classification of docs/shim-coverage.md is generated from the checker's table.
TESTS += tests/compile/check-service-table
EXTRA_DIST += tests/compile/check-service-table tools/gen-service-table

# Module code without KBUILD_MODNAME does not compile, and says why.
TESTS += tests/compile/check-modname
EXTRA_DIST += tests/compile/check-modname

# The layers of sim/: calls between its folders run downward only.
TESTS += tests/tools/check-layers
EXTRA_DIST += tests/tools/check-layers

# The fault-campaign runner, on fake test programs.
TESTS += tests/tools/check-campaign
EXTRA_DIST += tests/tools/check-campaign

EXTRA_DIST += tests/lib/evlsim-check.h build-aux/tap-driver.sh

# ---- make installcheck: an out-of-tree consumer of the installed files ----------------
installcheck-local:
	CC="$(CC)" $(SHELL) $(srcdir)/tests/installcheck/run \
		$(srcdir)/tests/installcheck "$(DESTDIR)$(libdir)"

EXTRA_DIST += tests/installcheck/run tests/installcheck/hello.c \
	tests/installcheck/hello-test.c tools/quickstart

# The example hardware driver's suite also builds its device model.
tests_drivers_check_acq_SOURCES = tests/drivers/check_acq.c $(ACQ_MODEL_SRC)
