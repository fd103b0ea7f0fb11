// SPDX-License-Identifier: LGPL-2.1-or-later
/*
 * evlsim-campaign: a small JSON reader (RFC 8259), enough to read the tool's own --json
 * reports back for --merge: objects, arrays, strings (escapes, \u with surrogate pairs, to
 * UTF-8), numbers as doubles, true, false, null. The whole document is a tree of struct jv;
 * errors say where (line and column).
 */
#include "config.h"

#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "campaign-json.h"

#define JSON_DEPTH	64

struct reader {
	const char *s, *p;
	char *err;
	unsigned int depth;
};

static struct jv *parse_value(struct reader *rd);

static void fail(struct reader *rd, const char *what)
{
	const char *q;
	unsigned int line = 1, col = 1;

	if (rd->err)
		return;
	for (q = rd->s; q < rd->p; q++) {
		if (*q == '\n') {
			line++;
			col = 1;
		} else {
			col++;
		}
	}
	rd->err = xasprintf("line %u, column %u: %s", line, col, what);
}

static void ws(struct reader *rd)
{
	rd->p += strspn(rd->p, " \t\r\n");
}

static struct jv *node(enum jv_type t)
{
	struct jv *v = calloc(1, sizeof(*v));

	if (!v)
		die("out of memory");
	v->type = t;
	return v;
}

static void push(struct jv *v, struct jv *item, char *key)
{
	if (v->n % 16 == 0) {
		v->items = realloc(v->items, (v->n + 16) * sizeof(*v->items));
		v->keys = realloc(v->keys, (v->n + 16) * sizeof(*v->keys));
		if (!v->items || !v->keys)
			die("out of memory");
	}
	v->items[v->n] = item;
	v->keys[v->n++] = key;
}

static int hex4(const char *p)
{
	int v = 0, i;

	for (i = 0; i < 4; i++) {
		char c = p[i];

		v <<= 4;
		if (c >= '0' && c <= '9')
			v |= c - '0';
		else if (c >= 'a' && c <= 'f')
			v |= c - 'a' + 10;
		else if (c >= 'A' && c <= 'F')
			v |= c - 'A' + 10;
		else
			return -1;
	}
	return v;
}

static void put_utf8(FILE *f, unsigned long cp)
{
	if (cp < 0x80) {
		fputc((int)cp, f);
	} else if (cp < 0x800) {
		fputc(0xc0 | (int)(cp >> 6), f);
		fputc(0x80 | (int)(cp & 0x3f), f);
	} else if (cp < 0x10000) {
		fputc(0xe0 | (int)(cp >> 12), f);
		fputc(0x80 | (int)((cp >> 6) & 0x3f), f);
		fputc(0x80 | (int)(cp & 0x3f), f);
	} else {
		fputc(0xf0 | (int)(cp >> 18), f);
		fputc(0x80 | (int)((cp >> 12) & 0x3f), f);
		fputc(0x80 | (int)((cp >> 6) & 0x3f), f);
		fputc(0x80 | (int)(cp & 0x3f), f);
	}
}

static char *parse_string(struct reader *rd)
{
	size_t size = 0;
	char *out = NULL;
	FILE *f = open_memstream(&out, &size);
	int cp, lo;

	if (!f)
		die("out of memory");
	rd->p++;	/* the opening quote */
	while (!rd->err) {
		unsigned char c = (unsigned char)*rd->p;

		if (!c) {
			fail(rd, "unterminated string");
		} else if (c == '"') {
			rd->p++;
			break;
		} else if (c < 0x20) {
			fail(rd, "control character in a string");
		} else if (c != '\\') {
			fputc(c, f);
			rd->p++;
		} else {
			c = (unsigned char)rd->p[1];
			rd->p += 2;
			switch (c) {
			case '"': case '\\': case '/': fputc(c, f); break;
			case 'b': fputc('\b', f); break;
			case 'f': fputc('\f', f); break;
			case 'n': fputc('\n', f); break;
			case 'r': fputc('\r', f); break;
			case 't': fputc('\t', f); break;
			case 'u':
				cp = hex4(rd->p);
				if (cp < 0) {
					fail(rd, "bad \\u escape");
					break;
				}
				rd->p += 4;
				if (cp >= 0xd800 && cp < 0xdc00 && rd->p[0] == '\\' && rd->p[1] == 'u' &&
				    (lo = hex4(rd->p + 2)) >= 0xdc00 && lo < 0xe000) {
					rd->p += 6;
					put_utf8(f, 0x10000 + (((unsigned long)cp - 0xd800) << 10) +
						 ((unsigned long)lo - 0xdc00));
				} else if (cp >= 0xd800 && cp < 0xe000) {
					fputc('?', f);	/* a lone surrogate */
				} else {
					put_utf8(f, (unsigned long)cp);
				}
				break;
			default:
				rd->p -= 2;
				fail(rd, "bad escape in a string");
			}
		}
	}
	if (fclose(f))
		die("out of memory");
	if (rd->err) {
		free(out);
		return NULL;
	}
	return out;
}

static struct jv *parse_container(struct reader *rd, bool object)
{
	struct jv *v = node(object ? JV_OBJECT : JV_ARRAY), *item;
	char *key = NULL;

	if (++rd->depth > JSON_DEPTH) {
		fail(rd, "nested too deep");
		return v;
	}
	rd->p++;
	ws(rd);
	if (*rd->p == (object ? '}' : ']')) {
		rd->p++;
		rd->depth--;
		return v;
	}
	while (!rd->err) {
		ws(rd);
		if (object) {
			if (*rd->p != '"') {
				fail(rd, "a key (string) expected");
				break;
			}
			key = parse_string(rd);
			ws(rd);
			if (!key || *rd->p != ':') {
				fail(rd, "':' expected");
				free(key);
				break;
			}
			rd->p++;
		}
		item = parse_value(rd);
		push(v, item, key);
		key = NULL;
		if (rd->err)
			break;
		ws(rd);
		if (*rd->p == ',') {
			rd->p++;
			continue;
		}
		if (*rd->p == (object ? '}' : ']')) {
			rd->p++;
			break;
		}
		fail(rd, object ? "',' or '}' expected" : "',' or ']' expected");
	}
	rd->depth--;
	return v;
}

static struct jv *parse_value(struct reader *rd)
{
	struct jv *v;
	char *end;

	ws(rd);
	switch (*rd->p) {
	case '{': return parse_container(rd, true);
	case '[': return parse_container(rd, false);
	case '"':
		v = node(JV_STRING);
		v->str = parse_string(rd);
		return v;
	}
	if (!strncmp(rd->p, "true", 4) || !strncmp(rd->p, "false", 5)) {
		v = node(JV_BOOL);
		v->boolean = *rd->p == 't';
		rd->p += v->boolean ? 4 : 5;
		return v;
	}
	if (!strncmp(rd->p, "null", 4)) {
		rd->p += 4;
		return node(JV_NULL);
	}
	v = node(JV_NUMBER);
	if (*rd->p != '-' && (*rd->p < '0' || *rd->p > '9')) {
		fail(rd, "a value expected");
		return v;
	}
	errno = 0;
	v->num = strtod(rd->p, &end);
	if (end == rd->p || errno)
		fail(rd, "bad number");
	else
		rd->p = end;
	return v;
}

/**
 * json_parse() - parse a whole JSON document
 * @text: the document, NUL-terminated
 * @err: set to a message saying where and what is wrong, or NULL
 *
 * Return: the tree (free with json_free()), or NULL with *@err set.
 */
struct jv *json_parse(const char *text, char **err)
{
	struct reader rd = { .s = text, .p = text };
	struct jv *v = parse_value(&rd);

	ws(&rd);
	if (!rd.err && *rd.p)
		fail(&rd, "trailing data after the document");
	*err = rd.err;
	if (rd.err) {
		json_free(v);
		return NULL;
	}
	return v;
}

void json_free(struct jv *v)
{
	size_t i;

	if (!v)
		return;
	for (i = 0; i < v->n; i++) {
		json_free(v->items[i]);
		free(v->keys[i]);
	}
	free(v->items);
	free(v->keys);
	free(v->str);
	free(v);
}

/* The member @key of an object, or NULL (also when @v is not an object). */
const struct jv *json_get(const struct jv *v, const char *key)
{
	size_t i;

	if (!v || v->type != JV_OBJECT)
		return NULL;
	for (i = 0; i < v->n; i++)
		if (!strcmp(v->keys[i], key))
			return v->items[i];
	return NULL;
}
