# SPDX-License-Identifier: LGPL-2.1-or-later

# The demo: loads the example drivers and exercises them, with readable output.
bin_PROGRAMS += tools/evlsim-demo
tools_evlsim_demo_SOURCES = tools/evlsim-demo.c drivers/echo/echo-abi.h \
	drivers/xfifo/xfifo-abi.h drivers/acq/acq-abi.h drivers/gpioloop/gpioloop-abi.h \
	drivers/spidev/spidev-abi.h $(ACQ_MODEL_SRC)
tools_evlsim_demo_CPPFLAGS = $(USER_CPPFLAGS) -I$(top_srcdir)/drivers
tools_evlsim_demo_LDADD = $(ECHO_OBJ) $(XFIFO_OBJ) $(ACQ_OBJ) $(GPIOLOOP_OBJ) $(SPIDEV_OBJ) \
	libevlsim.la -lpthread
EXTRA_tools_evlsim_demo_DEPENDENCIES = drivers/echo/libecho.la drivers/xfifo/libxfifo.la \
	drivers/acq/libacq.la drivers/gpioloop/libgpioloop.la drivers/spidev/libspidev.la

# The fault-campaign runner: libc and json-c (--merge), no simulator (it runs test programs,
# it is not one).
bin_PROGRAMS += tools/evlsim-campaign
tools_evlsim_campaign_SOURCES = tools/evlsim-campaign.c tools/campaign-classify.c \
	tools/campaign-options.c tools/campaign-progress.c tools/campaign-report.c tools/campaign.h \
	tools/campaign-shard.c tools/campaign-merge.c \
	sim/core/fault-attr.c
# the simulator's parser of EVLSIM_FAULTS (plain C), to check --faults before the first run
tools_evlsim_campaign_CPPFLAGS = -include $(top_builddir)/config.h -I$(top_srcdir)/sim
tools_evlsim_campaign_CFLAGS = $(AM_CFLAGS) $(JSONC_CFLAGS)
tools_evlsim_campaign_LDADD = $(JSONC_LIBS) -lm
