# SPDX-License-Identifier: LGPL-2.1-or-later
#
# libevlsim: two convenience libraries, one per compilation world, linked into one
# library. The kernel world keeps default visibility (drivers, in the program or in a
# module .so, link against every kernel symbol); the user world exports only EVLSIM_EXPORT.

lib_LTLIBRARIES += libevlsim.la
noinst_LTLIBRARIES += sim/libevlsim-kernel.la sim/libevlsim-user.la sim/libevlsim-early.la

sim_libevlsim_kernel_la_SOURCES = \
	sim/accounting.c \
	sim/char_dev.c \
	sim/checker.c \
	sim/completion.c \
	sim/device.c \
	sim/evl-file.c \
	sim/evl-kthread.c \
	sim/evl-memory.c \
	sim/evl-poll.c \
	sim/evl-stax.c \
	sim/evl-thread.c \
	sim/evl-timer.c \
	sim/evl-wait.c \
	sim/evl-work.c \
	sim/fs.c \
	sim/kthread.c \
	sim/lib.c \
	sim/misc.c \
	sim/mmap.c \
	sim/module.c \
	sim/mutex.c \
	sim/page_alloc.c \
	sim/printk.c \
	sim/rcupdate.c \
	sim/select.c \
	sim/semaphore.c \
	sim/slab.c \
	sim/spinlock.c \
	sim/uaccess.c \
	sim/wait.c \
	sim/workqueue.c \
	sim/internal.h \
	sim/kinternal.h \
	sim/ksched.h
sim_libevlsim_kernel_la_CPPFLAGS = $(KERNEL_CPPFLAGS) -I$(top_srcdir)/sim
sim_libevlsim_kernel_la_CFLAGS = $(KERNEL_CFLAGS)

sim_libevlsim_user_la_SOURCES = \
	sim/bridge.c \
	sim/clock.c \
	sim/fault.c \
	sim/host-thread.c \
	sim/interpose.c \
	sim/kthread-user.c \
	sim/libevl.c \
	sim/libevl-poll.c \
	sim/lock.c \
	sim/pages.c \
	sim/poll.c \
	sim/report.c \
	sim/sleep.c \
	sim/thread.c \
	sim/uapi-glue.h
sim_libevlsim_user_la_CPPFLAGS = -include $(top_builddir)/config.h $(USER_CPPFLAGS) $(URCU_CFLAGS)
sim_libevlsim_user_la_CFLAGS = $(AM_CFLAGS) -fvisibility=hidden

# Interposers a sanitizer runtime calls during its own initialization, and liburcu's
# inline read side (sim/rcu.c says why): user world, never TSan-instrumented.
sim_libevlsim_early_la_SOURCES = sim/rcu.c sim/signal.c
sim_libevlsim_early_la_CPPFLAGS = $(sim_libevlsim_user_la_CPPFLAGS)
sim_libevlsim_early_la_CFLAGS = $(AM_CFLAGS) -fvisibility=hidden $(NOTSAN_CFLAGS)

libevlsim_la_SOURCES =
libevlsim_la_LIBADD = sim/libevlsim-kernel.la sim/libevlsim-user.la sim/libevlsim-early.la \
	$(URCU_LIBS) $(DW_LIBS) $(LIBS)
libevlsim_la_LDFLAGS = $(AM_LDFLAGS) -version-info 0:0:0 -no-undefined

# Headers: the simulator's API, the libevl-compatible user tree, the kernel shim tree
# (never on the default include path: under include/evlsim/).
evlsimincludedir = $(includedir)/evlsim
evlsiminclude_HEADERS = sim/include/evlsim/evlsim.h

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
