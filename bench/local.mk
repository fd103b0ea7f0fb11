# SPDX-License-Identifier: MIT
# Benchmarks: `make bench`, never part of `make check`.
