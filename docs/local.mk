# SPDX-License-Identifier: MIT
dist_doc_DATA += docs/architecture.md docs/shim-coverage.md docs/writing-a-driver.md \
	docs/performance.md
