// SPDX-License-Identifier: LGPL-2.1-or-later
/*
 * Fault injection: the sites and their attributes (user world).
 *
 * The attributes of a site are those of the kernel's struct fault_attr (probability,
 * interval, times, space, verbose, task-filter) with the caller filters of its
 * fail_stacktrace (only/never: a module, function or shared object on the caller's stack),
 * plus the two of the simulator's own sites (error for fail_evl_wait, usecs for delay).
 * A specification ("site:attr=v,attr=v;site...", $EVLSIM_FAULTS) applies all or nothing.
 * Plain C and libc only: evlsim-campaign builds this file too, to check its --faults.
 */
#include <errno.h>
#include <limits.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include "core/fault-state.h"

const char *const evlsim__fault_site_names[EVLSIM_FAULT_NR] = {
	[EVLSIM_FAULT_SLAB] = "failslab",
	[EVLSIM_FAULT_PAGE_ALLOC] = "fail_page_alloc",
	[EVLSIM_FAULT_USERCOPY] = "fail_usercopy",
	[EVLSIM_FAULT_EVL_WAIT] = "fail_evl_wait",
	[EVLSIM_FAULT_INBAND_WAIT] = "fail_inband_wait",
	[EVLSIM_FAULT_IOREMAP] = "fail_ioremap",
	[EVLSIM_FAULT_DMA_ALLOC] = "fail_dma_alloc",
	[EVLSIM_FAULT_REQUEST_IRQ] = "fail_request_irq",
	[EVLSIM_FAULT_DMA_CHAN] = "fail_dma_chan",
	[EVLSIM_FAULT_DMA_PREP] = "fail_dma_prep",
	[EVLSIM_FAULT_DELAY] = "delay",
};
char evlsim__fault_last_error[256];

int evlsim__fault_site_id(const char *name, size_t len)
{
	int s;

	for (s = 0; s < EVLSIM_FAULT_NR; s++)
		if (strlen(evlsim__fault_site_names[s]) == len && !strncmp(evlsim__fault_site_names[s], name, len))
			return s;
	return -1;
}

static void default_attr(struct fault_attr *a)
{
	memset(a, 0, sizeof(*a));
	a->enabled = 1;
	a->probability = 100;
	a->interval = 1;
	a->times = -1;
	a->verbose = 1;
	a->error = EVLSIM_FAULT_WAIT_EINTR;
}

int evlsim__fault_bad(const char *fmt, ...)
{
	va_list ap;

	va_start(ap, fmt);
	vsnprintf(evlsim__fault_last_error, sizeof(evlsim__fault_last_error), fmt, ap);
	va_end(ap);
	return -EINVAL;
}

int evlsim__fault_parse_num(const char *v, long long min, long long max, long long *out)
{
	char *end;
	long long n;

	if (!*v)
		return -1;
	errno = 0;
	n = strtoll(v, &end, 0);
	if (errno || *end || n < min || n > max)
		return -1;
	*out = n;
	return 0;
}

/* The numeric attributes of every site, with their ranges. */
static const struct num_attr {
	const char *key;
	long long min, max;
	const char *range;		/* for the error message */
} num_attrs[] = {
	{ "probability", 0, 100, "a percentage, 0 to 100" },
	{ "interval", 1, LLONG_MAX, "a number >= 1" },
	{ "times", -1, LLONG_MAX, "-1 (no limit) or a number >= 0" },
	{ "space", 0, LLONG_MAX, "a number of bytes >= 0" },
	{ "verbose", 0, 2, "0, 1 or 2" },
};

static void set_num_attr(struct fault_attr *a, size_t i, long long n)
{
	switch (i) {
	case 0: a->probability = (int)n; break;
	case 1: a->interval = (unsigned long)n; break;
	case 2: a->times = (long)n; break;
	case 3: a->space = (unsigned long)n; break;
	default: a->verbose = (int)n; break;
	}
}

/* One "name=value" token of @site into @a; 0 or -EINVAL (evlsim__fault_last_error set). */
static int parse_attr(int site, struct fault_attr *a, const char *tok)
{
	const char *eq = strchr(tok, '=');
	char key[32];
	const char *v;
	long long n;
	size_t klen, i;

	if (!eq || eq == tok || (size_t)(eq - tok) >= sizeof(key))
		return evlsim__fault_bad("'%s': expected attribute=value", tok);
	klen = (size_t)(eq - tok);
	memcpy(key, tok, klen);
	key[klen] = '\0';
	v = eq + 1;

	for (i = 0; i < sizeof(num_attrs) / sizeof(num_attrs[0]); i++)
		if (!strcmp(key, num_attrs[i].key))
			break;
	if (i < sizeof(num_attrs) / sizeof(num_attrs[0])) {
		if (evlsim__fault_parse_num(v, num_attrs[i].min, num_attrs[i].max, &n))
			return evlsim__fault_bad("'%s': %s is %s", tok, key, num_attrs[i].range);
		set_num_attr(a, i, n);
	} else if (!strcmp(key, "task-filter") || !strcmp(key, "task_filter")) {
		if (!strcmp(v, "Y") || !strcmp(v, "y"))
			n = 1;
		else if (!strcmp(v, "N") || !strcmp(v, "n"))
			n = 0;
		else if (evlsim__fault_parse_num(v, 0, 1, &n))
			return evlsim__fault_bad("'%s': task-filter is 0 or 1", tok);
		a->task_filter = (int)n;
	} else if (!strcmp(key, "scope")) {
		if (!strcmp(v, "driver"))
			a->scope_all = 0;
		else if (!strcmp(v, "all"))
			a->scope_all = 1;
		else
			return evlsim__fault_bad("'%s': scope is driver or all", tok);
	} else if (!strcmp(key, "only") || !strcmp(key, "never")) {
		int *nr = key[0] == 'o' ? &a->nr_only : &a->nr_never;
		char (*list)[FILTER_LEN] = key[0] == 'o' ? a->only : a->never;

		if (!*v || strlen(v) >= FILTER_LEN)
			return evlsim__fault_bad("'%s': %s takes a module or function name", tok, key);
		if (*nr >= MAX_FILTERS)
			return evlsim__fault_bad("'%s': at most %d %s filters", tok, MAX_FILTERS, key);
		strcpy(list[(*nr)++], v);
	} else if (!strcmp(key, "error")) {
		if (site != EVLSIM_FAULT_EVL_WAIT)
			return evlsim__fault_bad("'%s': error applies to fail_evl_wait only", tok);
		if (!strcmp(v, "EINTR"))
			a->error = EVLSIM_FAULT_WAIT_EINTR;
		else if (!strcmp(v, "ETIMEDOUT"))
			a->error = EVLSIM_FAULT_WAIT_ETIMEDOUT;
		else
			return evlsim__fault_bad("'%s': error is EINTR or ETIMEDOUT", tok);
	} else if (!strcmp(key, "usecs")) {
		if (site != EVLSIM_FAULT_DELAY)
			return evlsim__fault_bad("'%s': usecs applies to delay only", tok);
		if (evlsim__fault_parse_num(v, 0, 10000000, &n))
			return evlsim__fault_bad("'%s': usecs is 0 (yield) to 10000000", tok);
		a->usecs = (unsigned long)n;
	} else {
		return evlsim__fault_bad("'%s': unknown attribute '%s'", tok, key);
	}
	return 0;
}

/* "attr=v,attr=v" (or "off") for @site into @a. */
int evlsim__fault_parse_attrs(int site, struct fault_attr *a, const char *s, size_t len)
{
	char buf[512], *tok, *save;

	default_attr(a);
	if (len >= sizeof(buf))
		return evlsim__fault_bad("attributes of %s too long", evlsim__fault_site_names[site]);
	memcpy(buf, s, len);
	buf[len] = '\0';
	if (!strcmp(buf, "off")) {
		a->enabled = 0;
		return 0;
	}
	for (tok = strtok_r(buf, ",", &save); tok; tok = strtok_r(NULL, ",", &save)) {
		int ret = parse_attr(site, a, tok);

		if (ret)
			return ret;
	}
	return 0;
}

/*
 * "site[:attrs];site[:attrs]..." into @attrs (the sites @given), nothing committed; 0 or
 * -EINVAL (evlsim__fault_last_error set). Pure: evlsim-campaign validates its --faults
 * with it, and words the errors alike.
 */
int evlsim__fault_parse_spec(const char *spec, struct fault_attr *attrs, int *given)
{
	const char *p = spec;
	int s, ret;

	if (!spec)
		return evlsim__fault_bad("no specification");
	for (s = 0; s < EVLSIM_FAULT_NR; s++)
		given[s] = 0;
	while (*p) {
		const char *end = strchrnul(p, ';'), *colon;
		size_t nlen;

		if (end == p) {		/* empty entry (";;" or a trailing ';') */
			p = *end ? end + 1 : end;
			continue;
		}
		colon = memchr(p, ':', (size_t)(end - p));
		nlen = (size_t)((colon ? colon : end) - p);
		s = evlsim__fault_site_id(p, nlen);
		if (s < 0)
			return evlsim__fault_bad("'%.*s': unknown fault site (failslab, fail_page_alloc, fail_usercopy, fail_evl_wait, fail_inband_wait, fail_ioremap, fail_dma_alloc, fail_request_irq, fail_dma_chan, fail_dma_prep, delay)",
				   (int)nlen, p);
		ret = colon ? evlsim__fault_parse_attrs(s, &attrs[s], colon + 1, (size_t)(end - colon - 1))
			    : evlsim__fault_parse_attrs(s, &attrs[s], "", 0);
		if (ret)
			return ret;
		given[s] = 1;
		p = *end ? end + 1 : end;
	}
	return 0;
}
