// SPDX-License-Identifier: LGPL-2.1-or-later
/*
 * evlsim-campaign, the text side: reproducer lines, output tails, JUnit XML and JSON.
 *
 * Test output is untrusted text: it may hold control characters or bytes that are not
 * UTF-8, which neither XML nor JSON accepts. Both writers pass valid UTF-8 through, escape
 * what their syntax needs, and turn anything else into '?', so that a report always parses.
 */
#include "config.h"

#include <errno.h>
#include <fcntl.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <time.h>
#include <unistd.h>

#include "campaign.h"

const char *const verdict_names[V_NR] = {
	[V_PASS] = "pass", [V_FAIL] = "fail", [V_CRASH] = "crash",
	[V_TIMEOUT] = "timeout", [V_LEAK] = "leak", [V_RULE] = "rule",
};

void die(const char *fmt, ...)
{
	va_list ap;

	fflush(stdout);
	fputs("evlsim-campaign: ", stderr);
	va_start(ap, fmt);
	vfprintf(stderr, fmt, ap);
	va_end(ap);
	fputc('\n', stderr);
	exit(3);
}

char *xstrdup(const char *s)
{
	char *p = strdup(s);

	if (!p)
		die("out of memory");
	return p;
}

char *xasprintf(const char *fmt, ...)
{
	va_list ap;
	char *p;
	int n;

	va_start(ap, fmt);
	n = vasprintf(&p, fmt, ap);
	va_end(ap);
	if (n < 0)
		die("out of memory");
	return p;
}

/* POSIX sh quoting: bare when every byte is harmless, else '...' with ' as '\''. */
char *shell_quote(const char *s)
{
	static const char safe[] = "abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ"
				   "0123456789_@%+=:,./-";
	size_t n = strlen(s), i;
	char *q, *p;

	if (n && strspn(s, safe) == n)
		return xstrdup(s);
	q = p = malloc(4 * n + 3);
	if (!q)
		die("out of memory");
	*p++ = '\'';
	for (i = 0; i < n; i++) {
		if (s[i] == '\'') {
			memcpy(p, "'\\''", 4);
			p += 4;
		} else {
			*p++ = s[i];
		}
	}
	*p++ = '\'';
	*p = '\0';
	return q;
}

/*
 * The line that replays a run: its fault environment, the command as typed, and the
 * commit of the build as a shell comment, so that the whole line can go through sh.
 */
char *make_repro(const struct campaign *c, const struct run *r)
{
	size_t size = 0;
	char *line = NULL, *q;
	FILE *f = open_memstream(&line, &size);
	char **a;

	if (!f)
		die("out of memory");
	/* a systematic run that met no new site injected nothing: the plain command replays it */
	if (c->faults && (!c->systematic || r->site)) {
		q = shell_quote(c->faults);
		fprintf(f, "EVLSIM_FAULTS=%s ", q);
		free(q);
	}
	if (!c->systematic) {
		fprintf(f, "EVLSIM_SEED=%llu ", (unsigned long long)r->seed);
	} else if (r->site) {
		q = shell_quote(r->site);
		fprintf(f, "EVLSIM_FAULT_REPLAY=%s ", q);
		free(q);
	}
	for (a = c->argv; *a; a++) {
		q = shell_quote(*a);
		fprintf(f, "%s%s", a == c->argv ? "" : " ", q);
		free(q);
	}
	fprintf(f, "  # evlsim %s", c->commit);
	if (fclose(f))
		die("out of memory");
	return line;
}

/* The last @lines lines of a file (at most its last 64 KiB), or NULL if it is empty. */
char *read_tail(const char *path, unsigned int lines)
{
	const off_t window = 64 * 1024;
	struct stat st;
	char *buf, *p;
	ssize_t n;
	off_t off;
	int fd;

	fd = open(path, O_RDONLY | O_CLOEXEC);
	if (fd < 0)
		return NULL;
	if (fstat(fd, &st) || st.st_size == 0) {
		close(fd);
		return NULL;
	}
	off = st.st_size > window ? st.st_size - window : 0;
	buf = malloc(st.st_size - off + 1);
	if (!buf)
		die("out of memory");
	n = pread(fd, buf, st.st_size - off, off);
	close(fd);
	if (n <= 0) {
		free(buf);
		return NULL;
	}
	buf[n] = '\0';
	/* walk back over @lines newlines, not counting the one that ends the file */
	p = buf + n - (buf[n - 1] == '\n');
	while (p > buf && lines) {
		p--;
		if (*p == '\n')
			lines--;
	}
	if (*p == '\n')
		p++;
	memmove(buf, p, strlen(p) + 1);
	return buf;
}

/* The length of the valid UTF-8 sequence at @s, 0 if there is none. */
static size_t utf8_len(const unsigned char *s)
{
	size_t n, i;

	if (s[0] < 0x80)
		return 1;
	if (s[0] >= 0xc2 && s[0] <= 0xdf)
		n = 2;
	else if (s[0] >= 0xe0 && s[0] <= 0xef)
		n = 3;
	else if (s[0] >= 0xf0 && s[0] <= 0xf4)
		n = 4;
	else
		return 0;
	for (i = 1; i < n; i++)
		if ((s[i] & 0xc0) != 0x80)
			return 0;
	/* overlong 3- and 4-byte forms, surrogates, beyond U+10FFFF */
	if ((s[0] == 0xe0 && s[1] < 0xa0) || (s[0] == 0xed && s[1] > 0x9f) ||
	    (s[0] == 0xf0 && s[1] < 0x90) || (s[0] == 0xf4 && s[1] > 0x8f))
		return 0;
	return n;
}

static void xml_text(FILE *f, const char *str)
{
	const unsigned char *s = (const unsigned char *)str;
	size_t n;

	while (*s) {
		switch (*s) {
		case '&': fputs("&amp;", f); s++; continue;
		case '<': fputs("&lt;", f); s++; continue;
		case '>': fputs("&gt;", f); s++; continue;
		case '"': fputs("&quot;", f); s++; continue;
		case '\'': fputs("&apos;", f); s++; continue;
		case '\t': case '\n': case '\r': fputc(*s++, f); continue;
		}
		n = *s < 0x20 || *s == 0x7f ? 0 : utf8_len(s);
		if (!n) {
			fputc('?', f);
			s++;
			continue;
		}
		fwrite(s, 1, n, f);
		s += n;
	}
}

static void json_str(FILE *f, const char *str)
{
	const unsigned char *s = (const unsigned char *)str;
	size_t n;

	fputc('"', f);
	while (s && *s) {
		switch (*s) {
		case '"': fputs("\\\"", f); s++; continue;
		case '\\': fputs("\\\\", f); s++; continue;
		case '\n': fputs("\\n", f); s++; continue;
		case '\t': fputs("\\t", f); s++; continue;
		case '\r': fputs("\\r", f); s++; continue;
		}
		if (*s < 0x20) {
			fprintf(f, "\\u%04x", *s++);
			continue;
		}
		n = utf8_len(s);
		if (!n) {
			fputc('?', f);
			s++;
			continue;
		}
		fwrite(s, 1, n, f);
		s += n;
	}
	fputc('"', f);
}

static unsigned int failures(const struct campaign *c)
{
	unsigned int v, n = 0;

	for (v = V_PASS + 1; v < V_NR; v++)
		n += c->counts[v];
	return n;
}

static unsigned int finished(const struct campaign *c)
{
	return failures(c) + c->counts[V_PASS];
}

static char *command_line(const struct campaign *c)
{
	size_t size = 0;
	char *line = NULL, *q;
	FILE *f = open_memstream(&line, &size);
	char **a;

	if (!f)
		die("out of memory");
	for (a = c->argv; *a; a++) {
		q = shell_quote(*a);
		fprintf(f, "%s%s", a == c->argv ? "" : " ", q);
		free(q);
	}
	if (fclose(f))
		die("out of memory");
	return line;
}

static void run_name(FILE *f, const struct campaign *c, const struct run *r)
{
	if (!c->systematic)
		fprintf(f, "seed %llu", (unsigned long long)r->seed);
	else
		fprintf(f, "systematic run %u", r->index);
}

static int finish_file(FILE *f, const char *path)
{
	if (fflush(f) || fsync(fileno(f)) || ferror(f)) {
		fprintf(stderr, "evlsim-campaign: %s: %s\n", path, strerror(errno));
		fclose(f);
		return -1;
	}
	return fclose(f) ? -1 : 0;
}

/* One testsuite, one testcase per finished run; a failure element holds the reproducer. */
int write_junit(const struct campaign *c, const char *path)
{
	FILE *f = fopen(path, "w");
	char *cmd = command_line(c), stamp[32];
	time_t t = time(NULL);
	unsigned int i;

	if (!f) {
		fprintf(stderr, "evlsim-campaign: %s: %s\n", path, strerror(errno));
		free(cmd);
		return -1;
	}
	strftime(stamp, sizeof(stamp), "%Y-%m-%dT%H:%M:%S", localtime(&t));
	fputs("<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n", f);
	fprintf(f, "<testsuites name=\"evlsim-campaign\" tests=\"%u\" failures=\"%u\" errors=\"0\" time=\"%.3f\">\n",
		finished(c), failures(c), c->elapsed);
	fputs("  <testsuite name=\"", f);
	xml_text(f, cmd);
	if (c->shard_n)
		fprintf(f, " (shard %u/%u)", c->shard_k, c->shard_n);
	fprintf(f, "\" tests=\"%u\" failures=\"%u\" errors=\"0\" skipped=\"0\" time=\"%.3f\" timestamp=\"%s\">\n",
		finished(c), failures(c), c->elapsed, stamp);
	fputs("    <properties>\n", f);
	fputs("      <property name=\"commit\" value=\"", f);
	xml_text(f, c->commit);
	fputs("\"/>\n      <property name=\"faults\" value=\"", f);
	xml_text(f, c->faults ? c->faults : "");
	fprintf(f, "\"/>\n      <property name=\"mode\" value=\"%s\"/>\n",
		c->systematic ? "systematic" : "seeds");
	fputs("      <property name=\"directory\" value=\"", f);
	xml_text(f, c->cwd);
	fputs("\"/>\n", f);
	if (c->shard_n)
		fprintf(f, "      <property name=\"shard\" value=\"%u/%u\"/>\n", c->shard_k,
			c->shard_n);
	for (i = 0; i < c->nmerged; i++) {
		fputs("      <property name=\"merged_from\" value=\"", f);
		xml_text(f, c->merged_from[i]);
		fputs("\"/>\n", f);
	}
	if (!c->systematic) {
		fputs("      <property name=\"seeds\" value=\"", f);
		for (i = 0; i < c->nseeds; i++)
			fprintf(f, "%s%llu", i ? " " : "", (unsigned long long)c->seeds[i]);
		fputs("\"/>\n", f);
	}
	fputs("    </properties>\n", f);
	for (i = 0; i < c->nruns; i++) {
		const struct run *r = &c->runs[i];

		if (r->state != R_DONE || r->interrupted)
			continue;
		fputs("    <testcase classname=\"evlsim-campaign\" name=\"", f);
		run_name(f, c, r);
		if (r->site) {
			fputs(" (", f);
			xml_text(f, r->site);
			fputc(')', f);
		}
		fprintf(f, "\" time=\"%.3f\"", r->secs);
		if (r->verdict == V_PASS) {
			fputs("/>\n", f);
			continue;
		}
		fprintf(f, ">\n      <failure type=\"%s\" message=\"", verdict_names[r->verdict]);
		xml_text(f, r->reason);
		fputs("\">", f);
		fputs("replay: ", f);
		xml_text(f, r->repro);
		if (r->tail) {
			fputs("\n\n", f);
			xml_text(f, r->tail);
		}
		fputs("</failure>\n    </testcase>\n", f);
	}
	fputs("  </testsuite>\n</testsuites>\n", f);
	free(cmd);
	return finish_file(f, path);
}

/* Seed mode: the shard, the whole campaign's seed list (size, fingerprint), this share. */
static void json_seeds(FILE *f, const struct campaign *c)
{
	unsigned int i;

	if (c->shard_n)
		fprintf(f, "  \"shard\": {\"index\": %u, \"total\": %u, \"from\": ", c->shard_k,
			c->shard_n);
	else
		fputs("  \"shard\": null,\n", f);
	if (c->shard_n) {
		json_str(f, c->shard_from);
		fputs("},\n", f);
	}
	if (c->nmerged) {
		fputs("  \"merged_from\": [", f);
		for (i = 0; i < c->nmerged; i++) {
			fputs(i ? ", " : "", f);
			json_str(f, c->merged_from[i]);
		}
		fputs("],\n", f);
	}
	fprintf(f, "  \"campaign_seeds\": %u,\n  \"campaign_seeds_hash\": \"%016llx\",\n",
		c->campaign_nseeds, (unsigned long long)c->campaign_hash);
	fputs("  \"seeds\": [", f);
	for (i = 0; i < c->nseeds; i++)
		fprintf(f, "%s\"%llu\"", i ? ", " : "", (unsigned long long)c->seeds[i]);
	fputs("],\n", f);
}

int write_json(const struct campaign *c, const char *path)
{
	FILE *f = fopen(path, "w");
	unsigned int i, v;
	bool first = true;
	char **a;

	if (!f) {
		fprintf(stderr, "evlsim-campaign: %s: %s\n", path, strerror(errno));
		return -1;
	}
	fputs("{\n  \"tool\": \"evlsim-campaign\",\n  \"commit\": ", f);
	json_str(f, c->commit);
	fputs(",\n  \"directory\": ", f);
	json_str(f, c->cwd);
	fputs(",\n  \"command\": [", f);
	for (a = c->argv; *a; a++) {
		fputs(a == c->argv ? "" : ", ", f);
		json_str(f, *a);
	}
	fputs("],\n  \"faults\": ", f);
	if (c->faults)
		json_str(f, c->faults);
	else
		fputs("null", f);
	fprintf(f, ",\n  \"mode\": \"%s\",\n", c->systematic ? "systematic" : "seeds");
	if (!c->systematic)
		json_seeds(f, c);
	fprintf(f, "  \"runs\": %u,\n  \"passed\": %u,\n  \"failed\": %u,\n  \"failed_by_class\": {",
		finished(c), c->counts[V_PASS], failures(c));
	for (v = V_PASS + 1; v < V_NR; v++)
		fprintf(f, "%s\"%s\": %u", v == V_PASS + 1 ? "" : ", ", verdict_names[v], c->counts[v]);
	fprintf(f, "},\n  \"interrupted\": %s,\n", c->interrupted ? "true" : "false");
	if (c->systematic) {
		fprintf(f, "  \"complete\": %s,\n  \"note\": ", c->complete ? "true" : "false");
		json_str(f, c->note);
		fputs(",\n", f);
	}
	fprintf(f, "  \"elapsed_seconds\": %.3f,\n  \"failures\": [", c->elapsed);
	for (i = 0; i < c->nruns; i++) {
		const struct run *r = &c->runs[i];

		if (r->state != R_DONE || r->interrupted || r->verdict == V_PASS)
			continue;
		fprintf(f, "%s\n    {\"run\": %u, ", first ? "" : ",", r->index);
		first = false;
		if (!c->systematic) {
			/* a string: a 64-bit seed does not survive a double */
			fprintf(f, "\"seed\": \"%llu\", ", (unsigned long long)r->seed);
		} else {
			fputs("\"site\": ", f);
			if (r->site)
				json_str(f, r->site);
			else
				fputs("null", f);
			fprintf(f, ", \"sites_failed\": %u, ", r->nsites);
		}
		fprintf(f, "\"class\": \"%s\", \"seconds\": %.3f,\n     \"reason\": ",
			verdict_names[r->verdict], r->secs);
		json_str(f, r->reason);
		fputs(",\n     \"reproducer\": ", f);
		json_str(f, r->repro);
		fputs(",\n     \"output\": ", f);
		if (r->kept)
			json_str(f, r->base);
		else
			fputs("null", f);
		fputs(",\n     \"group\": ", f);
		json_str(f, r->key ? r->key : r->reason);
		fputs(",\n     \"output_tail\": ", f);
		if (r->tail)
			json_str(f, r->tail);
		else
			fputs("null", f);
		fputs("}", f);
	}
	fputs(first ? "]" : "\n  ]", f);
	if (!c->systematic) {
		/* what a merge needs for its JUnit report: every passing run */
		fputs(",\n  \"passed_runs\": [", f);
		first = true;
		for (i = 0; i < c->nruns; i++) {
			const struct run *r = &c->runs[i];

			if (r->state != R_DONE || r->interrupted || r->verdict != V_PASS)
				continue;
			fprintf(f, "%s\n    {\"run\": %u, \"seed\": \"%llu\", \"seconds\": %.3f}",
				first ? "" : ",", r->index, (unsigned long long)r->seed, r->secs);
			first = false;
		}
		fputs(first ? "]" : "\n  ]", f);
	}
	fputs("\n}\n", f);
	return finish_file(f, path);
}
