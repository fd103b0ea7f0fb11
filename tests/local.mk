# SPDX-License-Identifier: MIT
#
# Check suites, run through automake's TAP driver: one program per area.
#
# Every test runs in a process of its own (CK_FORK=yes). ThreadSanitizer sleeps 1 s at the
# exit of each process by default (atexit_sleep_ms, to let other threads report): 50 ms
# here, or a whole TSan run spends most of its time asleep (check_golden_rule took 254 s
# of its 260); the tests join their threads before they end. $TSAN_OPTIONS overrides it.
# The hang watch reports, 15 s before Check kills a test at its 60 s timeout, a test whose
# EVL threads all wait for nothing (docs/debugging.md, "Hangs"): a hang in CI says where.
TEST_EXTENSIONS =
LOG_DRIVER = env AM_TAP_AWK='$(AWK)' $(SHELL) $(top_srcdir)/build-aux/tap-driver.sh
AM_TESTS_ENVIRONMENT = CK_TAP_LOG_FILE_NAME=- CK_VERBOSITY=silent CK_FORK=yes \
	CK_DEFAULT_TIMEOUT=60 EVLSIM_HANG_WATCH=45000 \
	EVLSIM_MODULE_PATH=$(abs_top_builddir)/drivers/echo/.libs:$(abs_top_builddir)/drivers/acq/.libs:$(abs_top_builddir)/drivers/xfifo/.libs:$(abs_top_builddir)/tests/drivers/.libs \
	EVLSIM_LAYER_OBJECTS='$(sim_libevlsim_kernel_la_OBJECTS) $(sim_libevlsim_user_la_OBJECTS) $(sim_libevlsim_early_la_OBJECTS)' \
	EVLSIM_KERNEL_CC='$(CC) $(KERNEL_CPPFLAGS) $(KERNEL_CFLAGS)' \
	EVLSIM_KERNEL_TREE=$(abs_top_srcdir)/sim/include/kernel \
	TSAN_OPTIONS="atexit_sleep_ms=50:$${TSAN_OPTIONS:+$$TSAN_OPTIONS:}suppressions=$(abs_top_srcdir)/tests/tsan.supp"; \
	export TSAN_OPTIONS CK_TAP_LOG_FILE_NAME CK_VERBOSITY CK_FORK CK_DEFAULT_TIMEOUT EVLSIM_MODULE_PATH EVLSIM_HANG_WATCH \
	EVLSIM_LAYER_OBJECTS EVLSIM_KERNEL_CC EVLSIM_KERNEL_TREE;

EVLSIM_TESTS_CPPFLAGS = $(USER_CPPFLAGS) -I$(top_srcdir)/drivers -I$(top_srcdir)/tests/lib $(CHECK_CFLAGS)
EVLSIM_TESTS_LDADD = $(CHECK_LIBS) -lpthread

# ---- test drivers ------------------------------------------------------------------------
# Each test driver is compiled once, as kernel code, into a convenience library of its
# own; a suite links the objects of exactly the drivers it loads (module_init() registers
# a built-in module from a constructor, so the object is linked whole, not picked from an
# archive). <name>-abi.h is what the driver shares with the tests.
check_LTLIBRARIES += tests/drivers/libtestdrv.la
tests_drivers_libtestdrv_la_SOURCES = tests/drivers/testdrv.c tests/drivers/testdrv-abi.h
tests_drivers_libtestdrv_la_CPPFLAGS = $(KERNEL_CPPFLAGS) -DMODULE \
	-DKBUILD_MODNAME='"testdrv"' -D__KBUILD_MODNAME=kmod_testdrv
tests_drivers_libtestdrv_la_CFLAGS = $(KERNEL_CFLAGS)
TESTDRV_OBJ = tests/drivers/libtestdrv_la-testdrv.lo
check_LTLIBRARIES += tests/drivers/libtmemck.la
tests_drivers_libtmemck_la_SOURCES = tests/drivers/tmemck.c tests/drivers/tmemck-abi.h
tests_drivers_libtmemck_la_CPPFLAGS = $(KERNEL_CPPFLAGS) -DMODULE \
	-DKBUILD_MODNAME='"tmemck"' -D__KBUILD_MODNAME=kmod_tmemck
tests_drivers_libtmemck_la_CFLAGS = $(KERNEL_CFLAGS)
TMEMCK_OBJ = tests/drivers/libtmemck_la-tmemck.lo
check_LTLIBRARIES += tests/drivers/libtlockdep.la
tests_drivers_libtlockdep_la_SOURCES = tests/drivers/tlockdep.c tests/drivers/tlockdep-abi.h
tests_drivers_libtlockdep_la_CPPFLAGS = $(KERNEL_CPPFLAGS) -DMODULE \
	-DKBUILD_MODNAME='"tlockdep"' -D__KBUILD_MODNAME=kmod_tlockdep
tests_drivers_libtlockdep_la_CFLAGS = $(KERNEL_CFLAGS)
TLOCKDEP_OBJ = tests/drivers/libtlockdep_la-tlockdep.lo
check_LTLIBRARIES += tests/drivers/libtbroken.la
tests_drivers_libtbroken_la_SOURCES = tests/drivers/tbroken.c tests/drivers/tbroken-abi.h
tests_drivers_libtbroken_la_CPPFLAGS = $(KERNEL_CPPFLAGS) -DMODULE \
	-DKBUILD_MODNAME='"tbroken"' -D__KBUILD_MODNAME=kmod_tbroken
tests_drivers_libtbroken_la_CFLAGS = $(KERNEL_CFLAGS)
TBROKEN_OBJ = tests/drivers/libtbroken_la-tbroken.lo
check_LTLIBRARIES += tests/drivers/libtdevreg.la
tests_drivers_libtdevreg_la_SOURCES = tests/drivers/tdevreg.c tests/drivers/tdevreg-abi.h
tests_drivers_libtdevreg_la_CPPFLAGS = $(KERNEL_CPPFLAGS) -DMODULE \
	-DKBUILD_MODNAME='"tdevreg"' -D__KBUILD_MODNAME=kmod_tdevreg
tests_drivers_libtdevreg_la_CFLAGS = $(KERNEL_CFLAGS)
TDEVREG_OBJ = tests/drivers/libtdevreg_la-tdevreg.lo
check_LTLIBRARIES += tests/drivers/libtevl.la
tests_drivers_libtevl_la_SOURCES = tests/drivers/tevl.c tests/drivers/tevl-abi.h
tests_drivers_libtevl_la_CPPFLAGS = $(KERNEL_CPPFLAGS) -DMODULE \
	-DKBUILD_MODNAME='"tevl"' -D__KBUILD_MODNAME=kmod_tevl
tests_drivers_libtevl_la_CFLAGS = $(KERNEL_CFLAGS)
TEVL_OBJ = tests/drivers/libtevl_la-tevl.lo
check_LTLIBRARIES += tests/drivers/libtfail.la
tests_drivers_libtfail_la_SOURCES = tests/drivers/tfail.c tests/drivers/tfail-abi.h
tests_drivers_libtfail_la_CPPFLAGS = $(KERNEL_CPPFLAGS) -DMODULE \
	-DKBUILD_MODNAME='"tfail"' -D__KBUILD_MODNAME=kmod_tfail
tests_drivers_libtfail_la_CFLAGS = $(KERNEL_CFLAGS)
TFAIL_OBJ = tests/drivers/libtfail_la-tfail.lo
check_LTLIBRARIES += tests/drivers/libtfault.la
tests_drivers_libtfault_la_SOURCES = tests/drivers/tfault.c tests/drivers/tfault-abi.h
tests_drivers_libtfault_la_CPPFLAGS = $(KERNEL_CPPFLAGS) -DMODULE \
	-DKBUILD_MODNAME='"tfault"' -D__KBUILD_MODNAME=kmod_tfault
tests_drivers_libtfault_la_CFLAGS = $(KERNEL_CFLAGS)
TFAULT_OBJ = tests/drivers/libtfault_la-tfault.lo
# tsites twice: at -O0 and -O2 (after the user's CFLAGS: GNU make target variables)
check_LTLIBRARIES += tests/drivers/libtsites-o0.la tests/drivers/libtsites-o2.la
tests_drivers_libtsites_o0_la_SOURCES = tests/drivers/tsites.c tests/drivers/tsites-abi.h
tests_drivers_libtsites_o0_la_CPPFLAGS = $(KERNEL_CPPFLAGS) -DMODULE \
	-DKBUILD_MODNAME='"tsites_o0"' -D__KBUILD_MODNAME=kmod_tsites_o0 \
	-DTSITES_PREFIX=tsites_o0
tests_drivers_libtsites_o0_la_CFLAGS = $(KERNEL_CFLAGS)
TSITES_O0_OBJ = tests/drivers/libtsites_o0_la-tsites.lo
$(TSITES_O0_OBJ): CFLAGS += -O0
tests_drivers_libtsites_o2_la_SOURCES = tests/drivers/tsites.c tests/drivers/tsites-abi.h
tests_drivers_libtsites_o2_la_CPPFLAGS = $(KERNEL_CPPFLAGS) -DMODULE \
	-DKBUILD_MODNAME='"tsites_o2"' -D__KBUILD_MODNAME=kmod_tsites_o2 \
	-DTSITES_PREFIX=tsites_o2
tests_drivers_libtsites_o2_la_CFLAGS = $(KERNEL_CFLAGS)
TSITES_O2_OBJ = tests/drivers/libtsites_o2_la-tsites.lo
$(TSITES_O2_OBJ): CFLAGS += -O2
# tatomic twice: with the scheduling points at atomics and READ_ONCE/WRITE_ONCE, and without
check_LTLIBRARIES += tests/drivers/libtatomic-on.la tests/drivers/libtatomic-off.la
tests_drivers_libtatomic_on_la_SOURCES = tests/drivers/tatomic.c tests/drivers/tatomic-abi.h
tests_drivers_libtatomic_on_la_CPPFLAGS = $(KERNEL_CPPFLAGS) -DMODULE \
	-DKBUILD_MODNAME='"tatomic_on"' -D__KBUILD_MODNAME=kmod_tatomic_on \
	-DTATOMIC_PREFIX=tatomic_on -DEVLSIM_SCHED_ATOMICS
tests_drivers_libtatomic_on_la_CFLAGS = $(KERNEL_CFLAGS)
TATOMIC_ON_OBJ = tests/drivers/libtatomic_on_la-tatomic.lo
tests_drivers_libtatomic_off_la_SOURCES = tests/drivers/tatomic.c tests/drivers/tatomic-abi.h
tests_drivers_libtatomic_off_la_CPPFLAGS = $(KERNEL_CPPFLAGS) -DMODULE \
	-DKBUILD_MODNAME='"tatomic_off"' -D__KBUILD_MODNAME=kmod_tatomic_off \
	-DTATOMIC_PREFIX=tatomic_off
tests_drivers_libtatomic_off_la_CFLAGS = $(KERNEL_CFLAGS)
TATOMIC_OFF_OBJ = tests/drivers/libtatomic_off_la-tatomic.lo
check_LTLIBRARIES += tests/drivers/libthectic.la
tests_drivers_libthectic_la_SOURCES = tests/drivers/thectic.c tests/drivers/thectic-abi.h
tests_drivers_libthectic_la_CPPFLAGS = $(KERNEL_CPPFLAGS) -DMODULE \
	-DKBUILD_MODNAME='"thectic"' -D__KBUILD_MODNAME=kmod_thectic
tests_drivers_libthectic_la_CFLAGS = $(KERNEL_CFLAGS)
THECTIC_OBJ = tests/drivers/libthectic_la-thectic.lo
check_LTLIBRARIES += tests/drivers/libtlatmus.la
tests_drivers_libtlatmus_la_SOURCES = tests/drivers/tlatmus.c tests/drivers/tlatmus-abi.h
tests_drivers_libtlatmus_la_CPPFLAGS = $(KERNEL_CPPFLAGS) -DMODULE \
	-DKBUILD_MODNAME='"tlatmus"' -D__KBUILD_MODNAME=kmod_tlatmus
tests_drivers_libtlatmus_la_CFLAGS = $(KERNEL_CFLAGS)
TLATMUS_OBJ = tests/drivers/libtlatmus_la-tlatmus.lo
check_LTLIBRARIES += tests/drivers/libtprof601.la
tests_drivers_libtprof601_la_SOURCES = tests/drivers/tprofile.c tests/drivers/tprofile-abi.h
tests_drivers_libtprof601_la_CPPFLAGS = $(KERNEL_CPPFLAGS) -DMODULE -DEVLSIM_KERNEL_LINE=601 \
	-DKBUILD_MODNAME='"tprof601"' -D__KBUILD_MODNAME=kmod_tprof601
tests_drivers_libtprof601_la_CFLAGS = $(KERNEL_CFLAGS)
check_LTLIBRARIES += tests/drivers/libtprof606.la
tests_drivers_libtprof606_la_SOURCES = tests/drivers/tprofile.c tests/drivers/tprofile-abi.h
tests_drivers_libtprof606_la_CPPFLAGS = $(KERNEL_CPPFLAGS) -DMODULE -DEVLSIM_KERNEL_LINE=606 \
	-DKBUILD_MODNAME='"tprof606"' -D__KBUILD_MODNAME=kmod_tprof606
tests_drivers_libtprof606_la_CFLAGS = $(KERNEL_CFLAGS)
check_LTLIBRARIES += tests/drivers/libtprof618.la
tests_drivers_libtprof618_la_SOURCES = tests/drivers/tprofile.c tests/drivers/tprofile-abi.h
tests_drivers_libtprof618_la_CPPFLAGS = $(KERNEL_CPPFLAGS) -DMODULE -DEVLSIM_KERNEL_LINE=618 \
	-DKBUILD_MODNAME='"tprof618"' -D__KBUILD_MODNAME=kmod_tprof618
tests_drivers_libtprof618_la_CFLAGS = $(KERNEL_CFLAGS)
TPROFILE_OBJ = tests/drivers/libtprof601_la-tprofile.lo tests/drivers/libtprof606_la-tprofile.lo \
	tests/drivers/libtprof618_la-tprofile.lo
check_LTLIBRARIES += tests/drivers/libtkthread.la
tests_drivers_libtkthread_la_SOURCES = tests/drivers/tkthread.c tests/drivers/tkthread-abi.h
tests_drivers_libtkthread_la_CPPFLAGS = $(KERNEL_CPPFLAGS) -DMODULE \
	-DKBUILD_MODNAME='"tkthread"' -D__KBUILD_MODNAME=kmod_tkthread
tests_drivers_libtkthread_la_CFLAGS = $(KERNEL_CFLAGS)
TKTHREAD_OBJ = tests/drivers/libtkthread_la-tkthread.lo
check_LTLIBRARIES += tests/drivers/libtleak.la
tests_drivers_libtleak_la_SOURCES = tests/drivers/tleak.c tests/drivers/tleak-abi.h
tests_drivers_libtleak_la_CPPFLAGS = $(KERNEL_CPPFLAGS) -DMODULE \
	-DKBUILD_MODNAME='"tleak"' -D__KBUILD_MODNAME=kmod_tleak
tests_drivers_libtleak_la_CFLAGS = $(KERNEL_CFLAGS)
TLEAK_OBJ = tests/drivers/libtleak_la-tleak.lo
check_LTLIBRARIES += tests/drivers/libtmmap.la
tests_drivers_libtmmap_la_SOURCES = tests/drivers/tmmap.c tests/drivers/tmmap-abi.h
tests_drivers_libtmmap_la_CPPFLAGS = $(KERNEL_CPPFLAGS) -DMODULE \
	-DKBUILD_MODNAME='"tmmap"' -D__KBUILD_MODNAME=kmod_tmmap
tests_drivers_libtmmap_la_CFLAGS = $(KERNEL_CFLAGS)
TMMAP_OBJ = tests/drivers/libtmmap_la-tmmap.lo
check_LTLIBRARIES += tests/drivers/libtnoexit.la
tests_drivers_libtnoexit_la_SOURCES = tests/drivers/tnoexit.c tests/drivers/tnoexit-abi.h
tests_drivers_libtnoexit_la_CPPFLAGS = $(KERNEL_CPPFLAGS) -DMODULE \
	-DKBUILD_MODNAME='"tnoexit"' -D__KBUILD_MODNAME=kmod_tnoexit
tests_drivers_libtnoexit_la_CFLAGS = $(KERNEL_CFLAGS)
TNOEXIT_OBJ = tests/drivers/libtnoexit_la-tnoexit.lo
check_LTLIBRARIES += tests/drivers/libtpoll.la
tests_drivers_libtpoll_la_SOURCES = tests/drivers/tpoll.c tests/drivers/tpoll-abi.h
tests_drivers_libtpoll_la_CPPFLAGS = $(KERNEL_CPPFLAGS) -DMODULE \
	-DKBUILD_MODNAME='"tpoll"' -D__KBUILD_MODNAME=kmod_tpoll
tests_drivers_libtpoll_la_CFLAGS = $(KERNEL_CFLAGS)
TPOLL_OBJ = tests/drivers/libtpoll_la-tpoll.lo
check_LTLIBRARIES += tests/drivers/libtpollsrc.la
tests_drivers_libtpollsrc_la_SOURCES = tests/drivers/tpollsrc.c tests/drivers/tpollsrc-abi.h
tests_drivers_libtpollsrc_la_CPPFLAGS = $(KERNEL_CPPFLAGS) -DMODULE \
	-DKBUILD_MODNAME='"tpollsrc"' -D__KBUILD_MODNAME=kmod_tpollsrc
tests_drivers_libtpollsrc_la_CFLAGS = $(KERNEL_CFLAGS)
TPOLLSRC_OBJ = tests/drivers/libtpollsrc_la-tpollsrc.lo
check_LTLIBRARIES += tests/drivers/libtstage.la
tests_drivers_libtstage_la_SOURCES = tests/drivers/tstage.c tests/drivers/tstage-abi.h
tests_drivers_libtstage_la_CPPFLAGS = $(KERNEL_CPPFLAGS) -DMODULE \
	-DKBUILD_MODNAME='"tstage"' -D__KBUILD_MODNAME=kmod_tstage
tests_drivers_libtstage_la_CFLAGS = $(KERNEL_CFLAGS)
TSTAGE_OBJ = tests/drivers/libtstage_la-tstage.lo
check_LTLIBRARIES += tests/drivers/libtrel.la
tests_drivers_libtrel_la_SOURCES = tests/drivers/trel.c tests/drivers/trel-abi.h
tests_drivers_libtrel_la_CPPFLAGS = $(KERNEL_CPPFLAGS) -DMODULE \
	-DKBUILD_MODNAME='"trel"' -D__KBUILD_MODNAME=kmod_trel
tests_drivers_libtrel_la_CFLAGS = $(KERNEL_CFLAGS)
TREL_OBJ = tests/drivers/libtrel_la-trel.lo
check_LTLIBRARIES += tests/drivers/libthw.la
tests_drivers_libthw_la_SOURCES = tests/drivers/thw.c tests/drivers/thw-abi.h
tests_drivers_libthw_la_CPPFLAGS = $(KERNEL_CPPFLAGS) -DMODULE \
	-DKBUILD_MODNAME='"thw"' -D__KBUILD_MODNAME=kmod_thw
tests_drivers_libthw_la_CFLAGS = $(KERNEL_CFLAGS)
THW_OBJ = tests/drivers/libthw_la-thw.lo
check_LTLIBRARIES += tests/drivers/libtdma.la
tests_drivers_libtdma_la_SOURCES = tests/drivers/tdma.c tests/drivers/tdma-abi.h
tests_drivers_libtdma_la_CPPFLAGS = $(KERNEL_CPPFLAGS) -DMODULE \
	-DKBUILD_MODNAME='"tdma"' -D__KBUILD_MODNAME=kmod_tdma
tests_drivers_libtdma_la_CFLAGS = $(KERNEL_CFLAGS)
TDMA_OBJ = tests/drivers/libtdma_la-tdma.lo
check_LTLIBRARIES += tests/drivers/libtspi.la
tests_drivers_libtspi_la_SOURCES = tests/drivers/tspi.c tests/drivers/tspi-abi.h
tests_drivers_libtspi_la_CPPFLAGS = $(KERNEL_CPPFLAGS) -DMODULE \
	-DKBUILD_MODNAME='"tspi"' -D__KBUILD_MODNAME=kmod_tspi
tests_drivers_libtspi_la_CFLAGS = $(KERNEL_CFLAGS)
TSPI_OBJ = tests/drivers/libtspi_la-tspi.lo
check_LTLIBRARIES += tests/drivers/libtirq.la
tests_drivers_libtirq_la_SOURCES = tests/drivers/tirq.c tests/drivers/tirq-abi.h
tests_drivers_libtirq_la_CPPFLAGS = $(KERNEL_CPPFLAGS) -DMODULE \
	-DKBUILD_MODNAME='"tirq"' -D__KBUILD_MODNAME=kmod_tirq
tests_drivers_libtirq_la_CFLAGS = $(KERNEL_CFLAGS)
TIRQ_OBJ = tests/drivers/libtirq_la-tirq.lo
check_LTLIBRARIES += tests/drivers/libtgpio.la
tests_drivers_libtgpio_la_SOURCES = tests/drivers/tgpio.c tests/drivers/tgpio-abi.h
tests_drivers_libtgpio_la_CPPFLAGS = $(KERNEL_CPPFLAGS) -DMODULE \
	-DKBUILD_MODNAME='"tgpio"' -D__KBUILD_MODNAME=kmod_tgpio
tests_drivers_libtgpio_la_CFLAGS = $(KERNEL_CFLAGS)
TGPIO_OBJ = tests/drivers/libtgpio_la-tgpio.lo
check_LTLIBRARIES += tests/drivers/libtpwm.la
tests_drivers_libtpwm_la_SOURCES = tests/drivers/tpwm.c tests/drivers/tpwm-abi.h
tests_drivers_libtpwm_la_CPPFLAGS = $(KERNEL_CPPFLAGS) -DMODULE \
	-DKBUILD_MODNAME='"tpwm"' -D__KBUILD_MODNAME=kmod_tpwm
tests_drivers_libtpwm_la_CFLAGS = $(KERNEL_CFLAGS)
TPWM_OBJ = tests/drivers/libtpwm_la-tpwm.lo
check_LTLIBRARIES += tests/drivers/libtsync.la
tests_drivers_libtsync_la_SOURCES = tests/drivers/tsync.c tests/drivers/tsync-abi.h
tests_drivers_libtsync_la_CPPFLAGS = $(KERNEL_CPPFLAGS) -DMODULE \
	-DKBUILD_MODNAME='"tsync"' -D__KBUILD_MODNAME=kmod_tsync
tests_drivers_libtsync_la_CFLAGS = $(KERNEL_CFLAGS)
TSYNC_OBJ = tests/drivers/libtsync_la-tsync.lo
check_LTLIBRARIES += tests/drivers/libtuaccess.la
tests_drivers_libtuaccess_la_SOURCES = tests/drivers/tuaccess.c tests/drivers/tuaccess-abi.h
tests_drivers_libtuaccess_la_CPPFLAGS = $(KERNEL_CPPFLAGS) -DMODULE \
	-DKBUILD_MODNAME='"tuaccess"' -D__KBUILD_MODNAME=kmod_tuaccess
tests_drivers_libtuaccess_la_CFLAGS = $(KERNEL_CFLAGS)
TUACCESS_OBJ = tests/drivers/libtuaccess_la-tuaccess.lo
# testdrv as a module .so too, for loading through $EVLSIM_MODULE_PATH
check_LTLIBRARIES += tests/drivers/testdrv.la
tests_drivers_testdrv_la_SOURCES = $(tests_drivers_libtestdrv_la_SOURCES)
tests_drivers_testdrv_la_CPPFLAGS = $(tests_drivers_libtestdrv_la_CPPFLAGS)
tests_drivers_testdrv_la_CFLAGS = $(KERNEL_CFLAGS)
tests_drivers_testdrv_la_LDFLAGS = $(AM_LDFLAGS) -module -avoid-version -shared -rpath /nowhere

# ---- the suites' helpers --------------------------------------------------------------------
check_LTLIBRARIES += tests/lib/libevlsim-check.la
tests_lib_libevlsim_check_la_SOURCES = tests/lib/evlsim-check.c tests/lib/evlsim-check.h
tests_lib_libevlsim_check_la_CPPFLAGS = $(EVLSIM_TESTS_CPPFLAGS)

# What every suite links after its drivers: the helpers, and libevlsim as users do.
EVLSIM_SUITE_LDADD = tests/lib/libevlsim-check.la libevlsim.la $(EVLSIM_TESTS_LDADD)

# ---- suites ---------------------------------------------------------------------------
EVLSIM_SUITES = \
	tests/conformance/check_routing \
	tests/conformance/check_lifetime \
	tests/conformance/check_evl_wait \
	tests/conformance/check_evl_poll \
	tests/conformance/check_evl_timer \
	tests/conformance/check_evl_hectic \
	tests/conformance/check_evl_latmus \
	tests/conformance/check_stages \
	tests/conformance/check_golden_rule \
	tests/unit/check_modules \
	tests/unit/check_devices \
	tests/unit/check_kernel_lines \
	tests/unit/check_fd \
	tests/unit/check_uaccess \
	tests/unit/check_mmap \
	tests/unit/check_inband_sync \
	tests/unit/check_inband_wait \
	tests/unit/check_accounting \
	tests/unit/check_faults \
	tests/unit/check_reliability \
	tests/unit/check_sched \
	tests/unit/check_mmio \
	tests/unit/check_platform \
	tests/unit/check_dma \
	tests/unit/check_irq \
	tests/unit/check_gpio \
	tests/unit/check_gpio_consumer \
	tests/unit/check_irq_domain \
	tests/unit/check_regmap \
	tests/unit/check_pwm \
	tests/unit/check_process \
	tests/unit/check_libevl \
	tests/unit/check_xbuf \
	tests/unit/check_proxy \
	tests/unit/check_mutex \
	tests/drivers/check_acq \
	tests/drivers/check_gpioloop \
	tests/unit/check_dmaengine \
	tests/drivers/check_spi \
	tests/unit/check_memcheck \
	tests/unit/check_lockdep \
	tests/drivers/check_echo \
	tests/drivers/check_xfifo \
	tests/stress/check_stress \
	tests/stress/check_stress_async

check_PROGRAMS += $(EVLSIM_SUITES)
TESTS += $(EVLSIM_SUITES)

# Every suite builds the same way (automake's defaults for programs without flags of their
# own: no other program of the tree goes without) and names the drivers it loads.
AM_CPPFLAGS = $(EVLSIM_TESTS_CPPFLAGS)
LDADD = $(EVLSIM_SUITE_LDADD)
tests_conformance_check_routing_LDADD = $(TESTDRV_OBJ) $(ECHO_OBJ) $(LDADD)
tests_conformance_check_lifetime_LDADD = $(TESTDRV_OBJ) $(ECHO_OBJ) $(LDADD)
tests_conformance_check_evl_wait_LDADD = $(TEVL_OBJ) $(LDADD)
tests_conformance_check_evl_poll_LDADD = $(TPOLLSRC_OBJ) $(TESTDRV_OBJ) $(LDADD)
tests_conformance_check_evl_timer_LDADD = $(TKTHREAD_OBJ) $(LDADD)
tests_conformance_check_evl_hectic_LDADD = $(THECTIC_OBJ) $(LDADD)
tests_conformance_check_evl_latmus_LDADD = $(TLATMUS_OBJ) $(LDADD)
tests_conformance_check_stages_LDADD = $(TSTAGE_OBJ) $(LDADD)
tests_conformance_check_golden_rule_LDADD = $(TBROKEN_OBJ) $(LDADD)
tests_unit_check_modules_LDADD = $(TESTDRV_OBJ) $(TFAIL_OBJ) $(TNOEXIT_OBJ) $(ECHO_OBJ) $(LDADD)
tests_unit_check_devices_LDADD = $(TDEVREG_OBJ) $(TESTDRV_OBJ) $(LDADD)
tests_unit_check_kernel_lines_LDADD = $(TPROFILE_OBJ) $(LDADD)
tests_unit_check_fd_LDADD = $(TESTDRV_OBJ) $(TUACCESS_OBJ) $(ECHO_OBJ) $(LDADD)
tests_unit_check_uaccess_LDADD = $(TESTDRV_OBJ) $(TUACCESS_OBJ) $(ECHO_OBJ) $(LDADD)
tests_unit_check_mmap_LDADD = $(TMMAP_OBJ) $(LDADD)
tests_unit_check_inband_sync_LDADD = $(TSYNC_OBJ) $(LDADD)
tests_unit_check_inband_wait_LDADD = $(TPOLL_OBJ) $(LDADD)
# tleak takes references on tfail, as one module on another
tests_unit_check_accounting_LDADD = $(TLEAK_OBJ) $(TFAIL_OBJ) $(ECHO_OBJ) $(XFIFO_OBJ) $(LDADD)
tests_unit_check_faults_LDADD = $(TFAULT_OBJ) $(TMMAP_OBJ) $(TSITES_O0_OBJ) $(TSITES_O2_OBJ) \
	$(LDADD)
tests_unit_check_memcheck_LDADD = $(TMEMCK_OBJ) $(LDADD)
tests_unit_check_lockdep_LDADD = $(TLOCKDEP_OBJ) $(LDADD)
tests_drivers_check_echo_LDADD = $(ECHO_OBJ) $(LDADD)
tests_drivers_check_xfifo_LDADD = $(XFIFO_OBJ) $(LDADD)
tests_stress_check_stress_LDADD = $(TESTDRV_OBJ) $(ECHO_OBJ) $(LDADD)
tests_unit_check_reliability_LDADD = $(TREL_OBJ) $(ECHO_OBJ) $(LDADD)
tests_unit_check_sched_LDADD = $(ECHO_OBJ) $(TIRQ_OBJ) $(TKTHREAD_OBJ) $(TATOMIC_ON_OBJ) \
	$(TATOMIC_OFF_OBJ) $(LDADD)
tests_unit_check_mmio_LDADD = $(THW_OBJ) $(LDADD)
tests_unit_check_platform_LDADD = $(THW_OBJ) $(LDADD)
tests_unit_check_dma_LDADD = $(THW_OBJ) $(LDADD)
tests_unit_check_irq_LDADD = $(TIRQ_OBJ) $(LDADD)
tests_unit_check_gpio_SOURCES = tests/unit/check_gpio.c tests/unit/gpio-fixture.c \
	tests/unit/gpio-fixture.h
tests_unit_check_gpio_consumer_SOURCES = tests/unit/check_gpio_consumer.c \
	tests/unit/gpio-fixture.c tests/unit/gpio-fixture.h
tests_unit_check_gpio_consumer_LDADD = $(TGPIO_OBJ) $(LDADD)
tests_unit_check_irq_domain_LDADD = $(TGPIO_OBJ) $(LDADD)
tests_unit_check_regmap_LDADD = $(TGPIO_OBJ) $(LDADD)
tests_unit_check_pwm_LDADD = $(TPWM_OBJ) $(LDADD)
tests_unit_check_dmaengine_LDADD = $(TDMA_OBJ) $(LDADD)
tests_drivers_check_spi_LDADD = $(SPIDEV_OBJ) $(TSPI_OBJ) $(LDADD)
# The example hardware driver's suite also builds its device model.
tests_drivers_check_acq_SOURCES = tests/drivers/check_acq.c $(ACQ_MODEL_SRC)
tests_drivers_check_acq_LDADD = $(ACQ_OBJ) $(LDADD)
tests_drivers_check_gpioloop_LDADD = $(GPIOLOOP_OBJ) $(LDADD)
tests_stress_check_stress_async_LDADD = $(TREL_OBJ) $(TESTDRV_OBJ) $(LDADD)

# Kernel headers compile on their own and together, as kernel code (compile test).
check_LTLIBRARIES += tests/compile/libkheaders.la
tests_compile_libkheaders_la_SOURCES = tests/compile/kernel-headers.c
tests_compile_libkheaders_la_CPPFLAGS = $(KERNEL_CPPFLAGS)
tests_compile_libkheaders_la_CFLAGS = $(KERNEL_CFLAGS)
# the spec's prototypes against the shims' declarations: a drift fails the build
check_LTLIBRARIES += tests/compile/libspecprotos.la
tests_compile_libspecprotos_la_SOURCES = tests/compile/spec-prototypes.c
tests_compile_libspecprotos_la_CPPFLAGS = $(KERNEL_CPPFLAGS) -DKBUILD_MODNAME='"specprotos"'
tests_compile_libspecprotos_la_CFLAGS = $(KERNEL_CFLAGS)
# the same for the libevl calls of spec section 7, against evlsim's libevl headers
check_LTLIBRARIES += tests/compile/liblibevlprotos.la
tests_compile_liblibevlprotos_la_SOURCES = tests/compile/libevl-prototypes.c
tests_compile_liblibevlprotos_la_CPPFLAGS = $(USER_CPPFLAGS)

# Checks of the sources, the headers, the docs and the scripts: they look at no code the
# build compiles differently, so they run in the plain build only (a sanitizer build runs
# the simulator's code).
#   check-service-table: the stage classification of docs/shim-coverage.md is generated
#     from the checker's table;
#   check-modname: module code without KBUILD_MODNAME does not compile, and says why;
#   check-headers: each kernel shim header compiles alone and reaches what the kernel's does;
#   check-layers: the calls between the folders of sim/ run downward only;
#   check-cli: the command-line conventions of quickstart and evlsim-demo;
#   check-man: the man pages cover the public API.
SOURCE_CHECKS = tests/compile/check-service-table tests/compile/check-modname \
	tests/compile/check-headers tests/tools/check-layers tests/tools/check-cli \
	tests/tools/check-man
EXTRA_DIST += $(SOURCE_CHECKS) tools/gen-service-table
if !SANITIZED
TESTS += $(SOURCE_CHECKS)
endif

# The fault-campaign runner, on fake test programs; campaigns across machines (--shard,
# the CI's variables, --merge).
TESTS += tests/tools/check-campaign tests/tools/check-campaign-shard
EXTRA_DIST += tests/tools/check-campaign tests/tools/check-campaign-shard \
	tests/tools/campaign-lib.sh

EXTRA_DIST += build-aux/tap-driver.sh

# ---- make installcheck: an out-of-tree consumer of the installed files ----------------
installcheck-local: installcheck-man
	CC="$(CC)" $(SHELL) $(srcdir)/tests/installcheck/run \
		$(srcdir)/tests/installcheck "$(DESTDIR)$(libdir)"

# the man pages are installed, each a roff page or a ".so" to one
installcheck-man:
	@for p in $(man1_MANS) $(man3_MANS) $(man7_MANS); do \
		f="$(DESTDIR)$(mandir)/man$${p##*.}/$${p##*/}"; \
		head -n 2 "$$f" | grep -q -e '^\.TH ' -e '^\.so man' || \
			{ echo "$$f: not an installed man page" >&2; exit 1; }; \
	done; echo "installcheck: the man pages are installed"
.PHONY: installcheck-man

EXTRA_DIST += tests/installcheck/run tests/installcheck/hello.c \
	tests/installcheck/hello-test.c tools/quickstart
EXTRA_DIST += tests/tsan.supp

# ---- process semantics: cancellation, exit, modules loaded before main() ----------------
check_LTLIBRARIES += tests/drivers/libtproc.la
tests_drivers_libtproc_la_SOURCES = tests/drivers/tproc.c tests/drivers/tproc-abi.h
tests_drivers_libtproc_la_CPPFLAGS = $(KERNEL_CPPFLAGS) -DMODULE \
	-DKBUILD_MODNAME='"tproc"' -D__KBUILD_MODNAME=kmod_tproc
tests_drivers_libtproc_la_CFLAGS = $(KERNEL_CFLAGS)
TPROC_OBJ = tests/drivers/libtproc_la-tproc.lo
# tproc as a module .so too, for EVLSIM_MODULES through $EVLSIM_MODULE_PATH
check_LTLIBRARIES += tests/drivers/tproc.la
tests_drivers_tproc_la_SOURCES = $(tests_drivers_libtproc_la_SOURCES)
tests_drivers_tproc_la_CPPFLAGS = $(tests_drivers_libtproc_la_CPPFLAGS)
tests_drivers_tproc_la_CFLAGS = $(KERNEL_CFLAGS)
tests_drivers_tproc_la_LDFLAGS = $(AM_LDFLAGS) -module -avoid-version -shared -rpath /nowhere
# the board program: linked with tproc (tproc-prog) or without it (tproc-prog-so, which
# finds tproc.so on $EVLSIM_MODULE_PATH)
check_PROGRAMS += tests/programs/tproc-prog tests/programs/tproc-prog-so
tests_programs_tproc_prog_SOURCES = tests/programs/tproc-prog.c
tests_programs_tproc_prog_CPPFLAGS = $(USER_CPPFLAGS) -I$(top_srcdir)/tests/drivers
tests_programs_tproc_prog_LDADD = $(TPROC_OBJ) libevlsim.la -lpthread
tests_programs_tproc_prog_so_SOURCES = tests/programs/tproc-prog.c
tests_programs_tproc_prog_so_CPPFLAGS = $(USER_CPPFLAGS) -I$(top_srcdir)/tests/drivers
tests_programs_tproc_prog_so_LDADD = libevlsim.la -lpthread
tests_unit_check_process_LDADD = $(TPROC_OBJ) $(LDADD)
tests_unit_check_libevl_LDADD = $(TPROC_OBJ) $(LDADD)
tests_unit_check_xbuf_LDADD = $(TPROC_OBJ) $(LDADD)
tests_unit_check_proxy_LDADD = $(TMMAP_OBJ) $(LDADD)
