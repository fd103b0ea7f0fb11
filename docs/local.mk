# SPDX-License-Identifier: MIT
dist_doc_DATA += docs/architecture.md docs/shim-coverage.md docs/writing-a-driver.md \
	docs/performance.md
dist_doc_DATA += docs/golden-rule.md docs/debugging.md
dist_doc_DATA += docs/fault-injection.md
apidocdir = $(docdir)/api
dist_apidoc_DATA = docs/api/README.md docs/api/mmap.md
dist_apidoc_DATA += docs/api/evl-wait.md
dist_apidoc_DATA += docs/api/evl-poll.md docs/api/evl-mutex.md
dist_apidoc_DATA += docs/api/inband-sync.md
dist_apidoc_DATA += docs/api/evl-timers-kthreads.md
dist_apidoc_DATA += docs/api/inband-wait-poll.md
dist_apidoc_DATA += docs/api/stages.md
dist_apidoc_DATA += docs/api/process.md
dist_apidoc_DATA += docs/api/irq.md
dist_apidoc_DATA += docs/api/gpio.md docs/api/pwm.md
dist_apidoc_DATA += docs/api/hw-dmaengine.md docs/api/hw-spi.md

# Man pages: docs/man/*.md through go-md2man (configure requires it), at build time; the
# other names of a page's NAME line are ".so" pages that point at it.
man1_MANS = man/evlsim-campaign.1
man7_MANS = man/evlsim.7
MAN3_PAGES = man/evlsim_load_module.3 man/evlsim_report_count.3 man/evlsim_wait_blocked.3 \
	man/evlsim_trace_count.3 \
	man/evlsim_fault_configure.3 man/evlsim_get_thread_stats.3 man/evl_attach_self.3 \
	man/oob_read.3 man/evl_poll.3 man/evlsim_pwm_chip_create.3 man/evl_read_clock.3 man/evl_set_schedattr.3 \
	man/evl_create_xbuf.3 man/evl_detect_fpu.3 man/evl_sigdebug_handler.3 \
	man/evl_create_mutex.3 man/evl_create_proxy.3
MAN3_ALIASES = man/evlsim_unload_module.3 man/evlsim_module_refcount.3 \
	man/evlsim_trace_reset.3 man/evlsim_nr_cpus.3 \
	man/evlsim_report_total.3 man/evlsim_reset_reports.3 man/evlsim_set_check_mode.3 \
	man/evlsim_set_hang_watch.3 \
	man/evlsim_leak_check.3 man/evlsim_module_stats.3 \
	man/evlsim_fault_set.3 man/evlsim_fault_reset.3 man/evlsim_fault_count.3 \
	man/evlsim_fault_seed.3 man/evlsim_fault_set_seed.3 man/evlsim_fault_mark_thread.3 \
	man/evlsim_fault_fail_nth.3 man/evlsim_fault_systematic.3 \
	man/evlsim_fault_systematic_end.3 man/evlsim_fault_replay.3 \
	man/evlsim_fault_last_error.3 \
	man/evlsim_set_compat_caller.3 man/evlsim_is_sim_fd.3 man/evlsim_mapping_count.3 \
	man/evl_attach_thread.3 man/evl_detach_self.3 man/evl_detach_thread.3 \
	man/evl_get_self.3 man/evl_switch_oob.3 man/evl_switch_inband.3 man/evl_is_inband.3 \
	man/evl_set_thread_mode.3 man/evl_clear_thread_mode.3 man/evl_get_state.3 \
	man/evl_unblock_thread.3 man/evl_demote_thread.3 \
	man/evl_init.3 man/oob_write.3 man/oob_ioctl.3 \
	man/evl_new_poll.3 man/evl_add_pollfd.3 man/evl_del_pollfd.3 man/evl_mod_pollfd.3 \
	man/evl_timedpoll.3 \
	man/evlsim_pwm_chip_destroy.3 man/evlsim_pwm_chip_id.3 man/evlsim_pwm_channel_state.3 \
	man/evlsim_pwm_set_hw_state.3 man/evlsim_pwm_fail_apply.3 \
	man/evl_get_clock_resolution.3 man/evl_sleep_until.3 \
	man/evl_usleep.3 man/evl_get_schedattr.3 man/evl_get_cpustate.3 \
	man/evl_open_mutex.3 man/evl_lock_mutex.3 man/evl_timedlock_mutex.3 \
	man/evl_trylock_mutex.3 man/evl_unlock_mutex.3 man/evl_set_mutex_ceiling.3 \
	man/evl_get_mutex_ceiling.3 man/evl_close_mutex.3 \
	man/evl_write_proxy.3 man/evl_read_proxy.3 man/evl_print_proxy.3 \
	man/evl_vprint_proxy.3 man/evl_printf.3 man/evl_eprintf.3 man/evl_stdout.3 \
	man/evl_stderr.3
man3_MANS = $(MAN3_PAGES) $(MAN3_ALIASES)
MAN_SRC = $(man1_MANS:man/%=docs/man/%.md) $(man7_MANS:man/%=docs/man/%.md) \
	$(MAN3_PAGES:man/%=docs/man/%.md)
EXTRA_DIST += $(MAN_SRC)
CLEANFILES += $(man1_MANS) $(man7_MANS) $(man3_MANS)

man/%: $(srcdir)/docs/man/%.md
	$(AM_V_GEN)$(MKDIR_P) man && sed '1{/SPDX-License-Identifier/d}' $< | \
		$(GO_MD2MAN) > $@-t && mv $@-t $@

# man/NAME.3 is ".so man3/PAGE.3", PAGE the page whose NAME line lists NAME
$(MAN3_ALIASES): $(MAN3_PAGES:man/%=$(srcdir)/docs/man/%.md)
	$(AM_V_GEN)$(MKDIR_P) man && n=$(@F) && n=$${n%.3} && \
	page=$$(for f in $(MAN3_PAGES:man/%=$(srcdir)/docs/man/%.md); do \
		awk -v n="$$n" '/^# NAME/ { getline; getline; split($$0, a, " - "); \
			k = split(a[1], w, ", "); for (i = 1; i <= k; i++) if (w[i] == n) print FILENAME; \
			exit }' "$$f"; done | head -n 1) && \
	if test -z "$$page"; then echo "$@: no page lists $$n" >&2; exit 1; fi && \
	p=$${page##*/} && printf '.so man3/%s\n' "$${p%.md}" > $@
