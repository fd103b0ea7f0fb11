# SPDX-License-Identifier: LGPL-2.1-or-later
#
# libevlsim: two convenience libraries, one per compilation world, linked into one
# library, both built with hidden visibility. The kernel world exports the kernel API
# drivers link against (the evlsim__k_* link names of __evlsim_ksym) and the few entry
# points the shims' inline code reaches (__evlsim_export); the user world exports the
# libc interposers, libevl's calls and the evlsim_* API (EVLSIM_EXPORT).

lib_LTLIBRARIES += libevlsim.la
noinst_LTLIBRARIES += sim/libevlsim-kernel.la sim/libevlsim-user.la sim/libevlsim-early.la

# Each folder is one layer of one world (docs/architecture.md has the tree) and lists its own
# sources in its local.mk, appended to its world's library below.
sim_libevlsim_kernel_la_SOURCES = sim/internal.h sim/kinternal.h
sim_libevlsim_kernel_la_CPPFLAGS = $(KERNEL_CPPFLAGS) -I$(top_srcdir)/sim
sim_libevlsim_kernel_la_CFLAGS = $(KERNEL_CFLAGS) -fvisibility=hidden

sim_libevlsim_user_la_SOURCES = sim/internal.h
sim_libevlsim_user_la_CPPFLAGS = -include $(top_builddir)/config.h $(USER_CPPFLAGS) $(URCU_CFLAGS) \
	-DEVLSIM_MODULEDIR='"$(pkglibdir)/modules"'
sim_libevlsim_user_la_CFLAGS = $(AM_CFLAGS) -fvisibility=hidden $(KERNEL_ARCH_CFLAGS)

# Interposers a sanitizer runtime calls during its own initialization, and liburcu's
# inline read side (sim/core/rcu.c says why): user world, never TSan-instrumented.
sim_libevlsim_early_la_SOURCES =
sim_libevlsim_early_la_CPPFLAGS = $(sim_libevlsim_user_la_CPPFLAGS)
sim_libevlsim_early_la_CFLAGS = $(AM_CFLAGS) -fvisibility=hidden $(NOTSAN_CFLAGS) $(KERNEL_ARCH_CFLAGS)

# Layers from the top (what programs call) to the bottom (the simulation machinery).
include sim/user/local.mk
include sim/evl/local.mk
include sim/vfs/local.mk
include sim/hw/local.mk
include sim/kernel/local.mk
include sim/check/local.mk
include sim/core/local.mk

libevlsim_la_SOURCES =
libevlsim_la_LIBADD = sim/libevlsim-kernel.la sim/libevlsim-user.la sim/libevlsim-early.la \
	$(URCU_LIBS) $(DW_LIBS) $(LIBS)
libevlsim_la_LDFLAGS = $(AM_LDFLAGS) -version-info 0:0:0 -no-undefined

# Headers: the simulator's API, the libevl-compatible user tree, the kernel shim tree
# (never on the default include path: under include/evlsim/).
evlsimincludedir = $(includedir)/evlsim
evlsiminclude_HEADERS = sim/include/evlsim/evlsim.h sim/include/evlsim/hw.h \
	sim/include/evlsim/hw-irq.h sim/include/evlsim/hw-gpio.h \
	sim/include/evlsim/hw-dmaengine.h sim/include/evlsim/hw-spi.h \
	sim/include/evlsim/hw-pwm.h


install-data-local: install-shim-headers
uninstall-local: uninstall-shim-headers

install-shim-headers:
	$(MKDIR_P) "$(DESTDIR)$(includedir)/evlsim/kernel" "$(DESTDIR)$(includedir)/evlsim/user"
	cd "$(top_srcdir)/sim/include/kernel" && \
	  find . \( -name '*.h' -o -name '*.def' \) -exec sh -c 'for f; do \
	    d="$(DESTDIR)$(includedir)/evlsim/kernel/$$(dirname "$$f")"; \
	    mkdir -p "$$d" && cp -pL "$$f" "$$d/"; done' sh {} +
	cd "$(top_srcdir)/sim/include/user" && \
	  find -L . -name '*.h' -exec sh -c 'for f; do \
	    d="$(DESTDIR)$(includedir)/evlsim/user/$$(dirname "$$f")"; \
	    mkdir -p "$$d" && cp -pL "$$f" "$$d/"; done' sh {} +

uninstall-shim-headers:
	rm -rf "$(DESTDIR)$(includedir)/evlsim/kernel" "$(DESTDIR)$(includedir)/evlsim/user"

EXTRA_DIST += sim/include/kernel sim/include/user
