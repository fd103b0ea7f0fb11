# SPDX-License-Identifier: MIT
#
# Benchmarks: `make bench`, never part of `make check` (docs/performance.md).
#
#   make bench                   the table, plus build and make check times of a fresh clone
#   make bench BENCH_BUILD=no    without the build times (they take a few minutes)
#   make bench CALLGRIND=1       plus instructions per call, counted by callgrind
#   make bench BENCH_ROUNDS=N    rounds per figure (default 7)
#
# The table is also written to bench/results.csv and bench/results.json.

EXTRA_LTLIBRARIES += bench/libnulldrv.la
bench_libnulldrv_la_SOURCES = bench/nulldrv.c bench/bench-abi.h
bench_libnulldrv_la_CPPFLAGS = $(KERNEL_CPPFLAGS) -DMODULE \
	-DKBUILD_MODNAME='"nulldrv"' -D__KBUILD_MODNAME=kmod_nulldrv
bench_libnulldrv_la_CFLAGS = $(KERNEL_CFLAGS)
bench_libnulldrv_la_LDFLAGS = -rpath /nowhere

EXTRA_PROGRAMS += bench/evlsim-bench
bench_evlsim_bench_SOURCES = bench/evlsim-bench.c bench/bench.h bench/bench-abi.h \
	bench/bench-report.c bench/bench-hw.c bench/bench-spi.c bench/bench-spi.h
bench_evlsim_bench_CPPFLAGS = $(USER_CPPFLAGS)
bench_evlsim_bench_LDADD = bench/libnulldrv_la-nulldrv.lo $(SPIDEV_OBJ) libevlsim.la -lpthread
EXTRA_bench_evlsim_bench_DEPENDENCIES = bench/libnulldrv.la

BENCH_ROUNDS = 7
BENCH_BUILD = yes
CALLGRIND =
BENCH_LOOPS = 1000000

bench: bench/evlsim-bench
	@set -e; args="--rounds $(BENCH_ROUNDS) --csv bench/results.csv --json bench/results.json"; \
	if test "$(BENCH_BUILD)" = yes; then \
		$(SHELL) $(srcdir)/bench/build-time $(abs_top_srcdir) > bench/build-times.txt; \
		args="$$args --build-times bench/build-times.txt"; \
	fi; \
	if test -n "$(CALLGRIND)"; then \
		: > bench/instructions.txt; \
		for p in floor oob_read; do \
			$(LIBTOOL) --mode=execute valgrind --tool=callgrind \
				--callgrind-out-file=bench/callgrind.$$p.out \
				--toggle-collect=bench_loop bench/evlsim-bench --loop $$p $(BENCH_LOOPS) \
				2>/dev/null; \
			ir=`sed -n 's/^totals: *\([0-9]*\).*/\1/p' bench/callgrind.$$p.out`; \
			echo "$$p `expr $$ir / $(BENCH_LOOPS)`" >> bench/instructions.txt; \
		done; \
		args="$$args --instructions bench/instructions.txt"; \
	fi; \
	bench/evlsim-bench $$args

.PHONY: bench
EXTRA_DIST += bench/build-time
CLEANFILES += bench/results.csv bench/results.json bench/build-times.txt \
	bench/instructions.txt bench/callgrind.floor.out bench/callgrind.oob_read.out
