# SPDX-License-Identifier: MIT
dist_doc_DATA += docs/architecture.md docs/shim-coverage.md docs/writing-a-driver.md \
	docs/performance.md
dist_doc_DATA += docs/golden-rule.md
dist_doc_DATA += docs/fault-injection.md
apidocdir = $(docdir)/api
dist_apidoc_DATA = docs/api/README.md docs/api/mmap.md
dist_apidoc_DATA += docs/api/evl-wait.md
dist_apidoc_DATA += docs/api/evl-poll.md
dist_apidoc_DATA += docs/api/inband-sync.md
dist_apidoc_DATA += docs/api/evl-timers-kthreads.md
dist_apidoc_DATA += docs/api/inband-wait-poll.md
dist_apidoc_DATA += docs/api/stages.md
dist_apidoc_DATA += docs/api/process.md
dist_apidoc_DATA += docs/api/irq.md
dist_apidoc_DATA += docs/api/gpio.md
