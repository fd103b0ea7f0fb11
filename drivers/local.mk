# SPDX-License-Identifier: GPL-2.0-only
#
# Example drivers. Each is compiled as kbuild compiles a module (KERNEL_CPPFLAGS, plus
# KBUILD_MODNAME and MODULE on the command line), twice: as an object that test programs
# link in (from the convenience library below), and as a module shared object for
# evlsim_load_module() through $EVLSIM_MODULE_PATH, installed under $(pkglibdir)/modules.

modulesdir = $(pkglibdir)/modules
modules_LTLIBRARIES =

noinst_LTLIBRARIES += drivers/echo/libecho.la
drivers_echo_libecho_la_SOURCES = drivers/echo/echo.c drivers/echo/echo-abi.h
drivers_echo_libecho_la_CPPFLAGS = $(KERNEL_CPPFLAGS) -DMODULE \
	-DKBUILD_MODNAME='"echo"' -D__KBUILD_MODNAME=kmod_echo
drivers_echo_libecho_la_CFLAGS = $(KERNEL_CFLAGS)

modules_LTLIBRARIES += drivers/echo/echo.la
drivers_echo_echo_la_SOURCES = $(drivers_echo_libecho_la_SOURCES)
drivers_echo_echo_la_CPPFLAGS = $(drivers_echo_libecho_la_CPPFLAGS)
drivers_echo_echo_la_CFLAGS = $(KERNEL_CFLAGS)
drivers_echo_echo_la_LDFLAGS = $(AM_LDFLAGS) -module -avoid-version -shared

# The object a program links to have echo built in.
ECHO_OBJ = drivers/echo/libecho_la-echo.lo

EXTRA_DIST += drivers/Kbuild drivers/echo/Kbuild

noinst_LTLIBRARIES += drivers/xfifo/libxfifo.la
drivers_xfifo_libxfifo_la_SOURCES = drivers/xfifo/xfifo-core.c drivers/xfifo/xfifo-ring.c \
	drivers/xfifo/xfifo.h drivers/xfifo/xfifo-abi.h
drivers_xfifo_libxfifo_la_CPPFLAGS = $(KERNEL_CPPFLAGS) -DMODULE \
	-DKBUILD_MODNAME='"xfifo"' -D__KBUILD_MODNAME=kmod_xfifo
drivers_xfifo_libxfifo_la_CFLAGS = $(KERNEL_CFLAGS)

modules_LTLIBRARIES += drivers/xfifo/xfifo.la
drivers_xfifo_xfifo_la_SOURCES = $(drivers_xfifo_libxfifo_la_SOURCES)
drivers_xfifo_xfifo_la_CPPFLAGS = $(drivers_xfifo_libxfifo_la_CPPFLAGS)
drivers_xfifo_xfifo_la_CFLAGS = $(KERNEL_CFLAGS)
drivers_xfifo_xfifo_la_LDFLAGS = $(AM_LDFLAGS) -module -avoid-version -shared

XFIFO_OBJ = drivers/xfifo/libxfifo_la-xfifo-core.lo drivers/xfifo/libxfifo_la-xfifo-ring.lo

EXTRA_DIST += drivers/xfifo/Kbuild

noinst_LTLIBRARIES += drivers/acq/libacq.la
drivers_acq_libacq_la_SOURCES = drivers/acq/acq.c drivers/acq/acq-abi.h
drivers_acq_libacq_la_CPPFLAGS = $(KERNEL_CPPFLAGS) -DMODULE \
	-DKBUILD_MODNAME='"acq"' -D__KBUILD_MODNAME=kmod_acq
drivers_acq_libacq_la_CFLAGS = $(KERNEL_CFLAGS)

modules_LTLIBRARIES += drivers/acq/acq.la
drivers_acq_acq_la_SOURCES = $(drivers_acq_libacq_la_SOURCES)
drivers_acq_acq_la_CPPFLAGS = $(drivers_acq_libacq_la_CPPFLAGS)
drivers_acq_acq_la_CFLAGS = $(KERNEL_CFLAGS)
drivers_acq_acq_la_LDFLAGS = $(AM_LDFLAGS) -module -avoid-version -shared

ACQ_OBJ = drivers/acq/libacq_la-acq.lo
# The device model, user world, for the tests and the demo.
ACQ_MODEL_SRC = drivers/acq/acq-model.c drivers/acq/acq-model.h

EXTRA_DIST += drivers/acq/Kbuild

noinst_LTLIBRARIES += drivers/gpioloop/libgpioloop.la
drivers_gpioloop_libgpioloop_la_SOURCES = drivers/gpioloop/gpioloop.c \
	drivers/gpioloop/gpioloop-abi.h
drivers_gpioloop_libgpioloop_la_CPPFLAGS = $(KERNEL_CPPFLAGS) -DMODULE \
	-DKBUILD_MODNAME='"gpioloop"' -D__KBUILD_MODNAME=kmod_gpioloop
drivers_gpioloop_libgpioloop_la_CFLAGS = $(KERNEL_CFLAGS)

modules_LTLIBRARIES += drivers/gpioloop/gpioloop.la
drivers_gpioloop_gpioloop_la_SOURCES = $(drivers_gpioloop_libgpioloop_la_SOURCES)
drivers_gpioloop_gpioloop_la_CPPFLAGS = $(drivers_gpioloop_libgpioloop_la_CPPFLAGS)
drivers_gpioloop_gpioloop_la_CFLAGS = $(KERNEL_CFLAGS)
drivers_gpioloop_gpioloop_la_LDFLAGS = $(AM_LDFLAGS) -module -avoid-version -shared

GPIOLOOP_OBJ = drivers/gpioloop/libgpioloop_la-gpioloop.lo

EXTRA_DIST += drivers/gpioloop/Kbuild

noinst_LTLIBRARIES += drivers/spidev/libspidev.la
drivers_spidev_libspidev_la_SOURCES = drivers/spidev/spidev.c drivers/spidev/spidev-abi.h
drivers_spidev_libspidev_la_CPPFLAGS = $(KERNEL_CPPFLAGS) -DMODULE \
	-DKBUILD_MODNAME='"spidev"' -D__KBUILD_MODNAME=kmod_spidev
drivers_spidev_libspidev_la_CFLAGS = $(KERNEL_CFLAGS)

modules_LTLIBRARIES += drivers/spidev/spidev.la
drivers_spidev_spidev_la_SOURCES = $(drivers_spidev_libspidev_la_SOURCES)
drivers_spidev_spidev_la_CPPFLAGS = $(drivers_spidev_libspidev_la_CPPFLAGS)
drivers_spidev_spidev_la_CFLAGS = $(KERNEL_CFLAGS)
drivers_spidev_spidev_la_LDFLAGS = $(AM_LDFLAGS) -module -avoid-version -shared

SPIDEV_OBJ = drivers/spidev/libspidev_la-spidev.lo

EXTRA_DIST += drivers/spidev/Kbuild
